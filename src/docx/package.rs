//! The OPC package around the parts: `docProps/core.xml`, and a small ZIP writer (deflated
//! entries, one fixed timestamp) so that the same parts always give the same bytes.
//!
//! docx-rs's own packer takes entry timestamps from the clock whenever the `time` feature of
//! `zip` is enabled anywhere in the dependency graph, so it cannot promise determinism. The
//! `zip` crate itself is not used either: it starts a new zlib-rs deflater for every entry,
//! which zeroes about 300 KB of state each time — 8.0 M of the 8.9 M instructions it took to
//! pack the invitation's 18 parts (0.27 ms), against 0.04 ms for the whole render before, and
//! it takes no entry compressed elsewhere. So the headers are written here (the ZIP format's
//! local and central records, nothing more), the parts are deflated by [`crate::deflate`]
//! (flate2, one compressor per thread) and checked by `crc32fast`.
//!
//! Tried again with `zip` 2.6.1 (issue 8): the parts that repeat from paper to paper packed once
//! per thread and raw-copied into each archive (`raw_copy_file_touch`), only the body deflated
//! per paper. The invitation came to 10.8 KB (11.7 KB here) at +3 % instructions in-process,
//! but every paper allocates and frees a new zlib-rs state of about 300 KB, and a process pays
//! for that one way or the other (measured on 2026-11-30, 10 000-guest pack, 2 threads):
//! under glibc's default, which raises its mmap threshold to the size of the first such block
//! freed, the blocks come from the threads' heaps and the pack peaked at 177 MB (66 MB with the
//! threshold fixed; 378 MB with one arena); with the threshold fixed, as `daihoi` fixes it,
//! each state is mapped and unmapped anew: 3–4 s more system time for the pack, and 1 000
//! invitation DOCX took 0.9–1.05 s against 0.6 s. With mimalloc: 7–8 s but 109–136 MB.
//! Streamed (the body fixed up and written into the entry block by block) the memory was no
//! better than here. So the archive stays written here, with one compressor per thread.
//! The body comes deflated as it was written ([`crate::deflate::deflate_pieces`],
//! [`Packed::deflated`]), so that a long paper is never held whole.

use crate::error::{Error, ErrorKind, Result};
use crate::tree::Meta;

/// Writes `docProps/core.xml` from the document's metadata.
pub(super) fn core_xml(meta: &Meta, language: &str) -> Vec<u8> {
    let mut x = String::with_capacity(1024);
    x.push_str(concat!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#,
        r#"<cp:coreProperties"#,
        r#" xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties""#,
        r#" xmlns:dc="http://purl.org/dc/elements/1.1/""#,
        r#" xmlns:dcterms="http://purl.org/dc/terms/""#,
        r#" xmlns:dcmitype="http://purl.org/dc/dcmitype/""#,
        r#" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">"#,
    ));
    element(&mut x, "dc:title", &meta.title);
    element(&mut x, "dc:subject", &meta.subject);
    element(&mut x, "dc:creator", &meta.author);
    element(&mut x, "cp:lastModifiedBy", &meta.author);
    element(&mut x, "cp:category", &meta.kind);
    element(&mut x, "dc:identifier", &meta.id);
    element(&mut x, "dc:language", language);
    x.push_str("<cp:revision>1</cp:revision>");
    if is_w3cdtf(&meta.created) {
        for name in ["dcterms:created", "dcterms:modified"] {
            x.push('<');
            x.push_str(name);
            x.push_str(r#" xsi:type="dcterms:W3CDTF">"#);
            x.push_str(&meta.created);
            x.push_str("</");
            x.push_str(name);
            x.push('>');
        }
    }
    x.push_str("</cp:coreProperties>");
    x.into_bytes()
}

/// Appends `<name>value</name>` (value escaped), or nothing for an empty value.
fn element(x: &mut String, name: &str, value: &str) {
    if value.is_empty() {
        return;
    }
    x.push('<');
    x.push_str(name);
    x.push('>');
    push_escaped(x, value);
    x.push_str("</");
    x.push_str(name);
    x.push('>');
}

/// Appends `value` escaped for XML text and attribute values.
pub(super) fn push_escaped(x: &mut String, value: &str) {
    for c in value.chars() {
        match c {
            '&' => x.push_str("&amp;"),
            '<' => x.push_str("&lt;"),
            '>' => x.push_str("&gt;"),
            '"' => x.push_str("&quot;"),
            '\'' => x.push_str("&apos;"),
            c => x.push(c),
        }
    }
}

/// Whether `s` looks like a W3C date-time (`YYYY-MM-DDThh:mm:ss` plus optional fraction and
/// zone): anything else would make the core properties invalid, so it is left out.
fn is_w3cdtf(s: &str) -> bool {
    let b = s.as_bytes();
    let digits =
        |r: std::ops::Range<usize>| b.get(r).is_some_and(|d| d.iter().all(u8::is_ascii_digit));
    b.len() >= 19
        && digits(0..4)
        && b[4] == b'-'
        && digits(5..7)
        && b[7] == b'-'
        && digits(8..10)
        && b[10] == b'T'
        && digits(11..13)
        && b[13] == b':'
        && digits(14..16)
        && b[16] == b':'
        && digits(17..19)
        && b[19..]
            .iter()
            .all(|c| c.is_ascii_digit() || matches!(c, b'.' | b'Z' | b'+' | b'-' | b':'))
}

/// The MS-DOS date and time of `created` (`YYYY-MM-DDThh:mm:ss…`), or 1980-01-01 00:00.
pub(super) fn dos_timestamp(created: &str) -> (u16, u16) {
    const EPOCH: (u16, u16) = ((1 << 5) | 1, 0);
    if !is_w3cdtf(created) {
        return EPOCH;
    }
    let num = |r: std::ops::Range<usize>| -> u16 {
        created
            .get(r)
            .and_then(|s| s.parse::<u16>().ok())
            .unwrap_or(0)
    };
    let (year, month, day) = (num(0..4), num(5..7), num(8..10));
    let (hour, minute, second) = (num(11..13), num(14..16), num(17..19));
    if !(1980..=2107).contains(&year)
        || !(1..=12).contains(&month)
        || !(1..=31).contains(&day)
        || hour > 23
        || minute > 59
        || second > 59
    {
        return EPOCH;
    }
    (
        ((year - 1980) << 9) | (month << 5) | day,
        (hour << 11) | (minute << 5) | (second / 2),
    )
}

/// A part as its entry stores it: the method, the CRC and length of the part, and the stored
/// bytes (deflated, or the part itself where deflating makes it no smaller).
pub(super) struct Packed {
    method: u16,
    crc: u32,
    len: u64,
    body: Vec<u8>,
}

/// The ZIP methods used: stored as it is, and deflated.
const STORED: u16 = 0;
const DEFLATED: u16 = 8;

impl Packed {
    /// `data` packed: deflated unless that makes it no smaller.
    pub fn new(data: &[u8]) -> Packed {
        let (method, body) = match crate::deflate::deflate(data).filter(|d| d.len() < data.len()) {
            Some(deflated) => (DEFLATED, deflated),
            None => (STORED, data.to_vec()),
        };
        Packed {
            method,
            crc: crc32fast::hash(data),
            len: data.len() as u64,
            body,
        }
    }

    /// The part deflated as it was written (the body).
    pub fn deflated(part: crate::deflate::Deflated) -> Packed {
        Packed {
            method: DEFLATED,
            crc: part.crc,
            len: part.len,
            body: part.data,
        }
    }

    /// The bytes its entry stores.
    pub fn stored_len(&self) -> usize {
        self.body.len()
    }
}

/// A ZIP archive of deflated entries (stored where deflate would not make them smaller) with
/// one fixed timestamp.
pub(super) struct ZipWriter {
    buf: Vec<u8>,
    central: Vec<u8>,
    entries: u16,
    date: u16,
    time: u16,
}

fn too_big() -> Error {
    Error::new(
        ErrorKind::Docx,
        "the package is too large for a zip archive without zip64",
    )
}

impl ZipWriter {
    /// A new archive whose entries carry the given MS-DOS date and time.
    pub fn new(capacity: usize, (date, time): (u16, u16)) -> Self {
        ZipWriter {
            buf: Vec::with_capacity(capacity),
            central: Vec::with_capacity(2048),
            entries: 0,
            date,
            time,
        }
    }

    /// Adds a file, packed.
    pub fn add(&mut self, name: &str, part: &Packed) -> Result<()> {
        self.entry(name, part.method, part.crc, part.len, &part.body)
    }

    /// Writes an entry's local header and data, and its central directory record.
    fn entry(&mut self, name: &str, method: u16, crc: u32, size: u64, body: &[u8]) -> Result<()> {
        let size = u32::try_from(size).map_err(|_| too_big())?;
        let compressed = u32::try_from(body.len()).map_err(|_| too_big())?;
        let offset = u32::try_from(self.buf.len()).map_err(|_| too_big())?;
        let name_len = u16::try_from(name.len()).map_err(|_| too_big())?;
        self.entries = self.entries.checked_add(1).ok_or_else(too_big)?;

        let b = &mut self.buf;
        b.extend_from_slice(&0x0403_4b50u32.to_le_bytes()); // local file header
        b.extend_from_slice(&20u16.to_le_bytes()); // version needed: 2.0 (deflate)
        b.extend_from_slice(&0u16.to_le_bytes()); // flags
        b.extend_from_slice(&method.to_le_bytes());
        b.extend_from_slice(&self.time.to_le_bytes());
        b.extend_from_slice(&self.date.to_le_bytes());
        b.extend_from_slice(&crc.to_le_bytes());
        b.extend_from_slice(&compressed.to_le_bytes());
        b.extend_from_slice(&size.to_le_bytes());
        b.extend_from_slice(&name_len.to_le_bytes());
        b.extend_from_slice(&0u16.to_le_bytes()); // extra field length
        b.extend_from_slice(name.as_bytes());
        b.extend_from_slice(body);

        let c = &mut self.central;
        c.extend_from_slice(&0x0201_4b50u32.to_le_bytes()); // central directory header
        c.extend_from_slice(&20u16.to_le_bytes()); // version made by: 2.0, MS-DOS
        c.extend_from_slice(&20u16.to_le_bytes()); // version needed
        c.extend_from_slice(&0u16.to_le_bytes()); // flags
        c.extend_from_slice(&method.to_le_bytes());
        c.extend_from_slice(&self.time.to_le_bytes());
        c.extend_from_slice(&self.date.to_le_bytes());
        c.extend_from_slice(&crc.to_le_bytes());
        c.extend_from_slice(&compressed.to_le_bytes());
        c.extend_from_slice(&size.to_le_bytes());
        c.extend_from_slice(&name_len.to_le_bytes());
        c.extend_from_slice(&[0; 2 + 2 + 2 + 2 + 4]); // extra, comment, disk, attributes
        c.extend_from_slice(&offset.to_le_bytes());
        c.extend_from_slice(name.as_bytes());
        Ok(())
    }

    /// Writes the central directory and returns the archive.
    pub fn finish(mut self) -> Result<Vec<u8>> {
        let offset = u32::try_from(self.buf.len()).map_err(|_| too_big())?;
        let size = u32::try_from(self.central.len()).map_err(|_| too_big())?;
        self.buf.extend_from_slice(&self.central);
        let b = &mut self.buf;
        b.extend_from_slice(&0x0605_4b50u32.to_le_bytes()); // end of central directory
        b.extend_from_slice(&[0; 4]); // disk numbers
        b.extend_from_slice(&self.entries.to_le_bytes());
        b.extend_from_slice(&self.entries.to_le_bytes());
        b.extend_from_slice(&size.to_le_bytes());
        b.extend_from_slice(&offset.to_le_bytes());
        b.extend_from_slice(&0u16.to_le_bytes()); // comment length
        Ok(self.buf)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_zip_crate_reads_back_every_entry_with_its_date() {
        let text = include_bytes!("../../templates/partials/script-step.hbs");
        let entries: [(&str, &[u8]); 4] = [
            ("word/document.xml", text),
            ("empty", b""),
            ("tiny", b"x"),
            ("noise", &[0x9c, 0x01, 0xfe, 0x77, 0x13, 0x42, 0xa5, 0x00]),
        ];
        let stamp = dos_timestamp("2020-03-05T08:00:00Z");
        let write = || {
            let mut zip = ZipWriter::new(1024, stamp);
            for (name, data) in entries {
                zip.add(name, &Packed::new(data)).unwrap();
            }
            zip.finish().unwrap()
        };
        let bytes = write();
        assert_eq!(bytes, write(), "the same parts give the same bytes");
        let mut archive = zip::ZipArchive::new(std::io::Cursor::new(&bytes)).unwrap();
        assert_eq!(archive.len(), entries.len());
        for (name, data) in entries {
            let mut file = archive.by_name(name).unwrap();
            let deflated = file.compression() == zip::CompressionMethod::Deflated;
            assert_eq!(deflated, name == "word/document.xml", "{name}");
            let modified = file.last_modified().unwrap();
            assert_eq!(
                (
                    modified.year(),
                    modified.month(),
                    modified.day(),
                    modified.hour()
                ),
                (2020, 3, 5, 8)
            );
            let mut out = Vec::new();
            std::io::Read::read_to_end(&mut file, &mut out).unwrap();
            assert_eq!(out, data, "{name}");
        }
        assert!(bytes.len() < text.len() / 2);
    }

    #[test]
    fn dos_timestamp_comes_from_the_creation_date() {
        assert_eq!(
            dos_timestamp("2020-03-05T08:00:00Z"),
            ((40 << 9) | (3 << 5) | 5, 8 << 11)
        );
        assert_eq!(dos_timestamp("not a date"), ((1 << 5) | 1, 0));
        assert_eq!(dos_timestamp("1970-01-01T00:00:00Z"), ((1 << 5) | 1, 0));
    }

    #[test]
    fn core_properties_are_escaped() {
        let meta = Meta {
            title: "<b>Nguyễn & \"x\"</b>".into(),
            created: "2020-03-05T08:00:00Z".into(),
            ..Meta::default()
        };
        let xml = String::from_utf8(core_xml(&meta, "vi-VN")).unwrap();
        assert!(xml.contains("<dc:title>&lt;b&gt;Nguyễn &amp; &quot;x&quot;&lt;/b&gt;</dc:title>"));
        assert!(xml.contains(r#"<dcterms:created xsi:type="dcterms:W3CDTF">2020-03-05T08:00:00Z"#));
        let bad = Meta {
            created: "yesterday<".into(),
            ..Meta::default()
        };
        let xml = String::from_utf8(core_xml(&bad, "vi-VN")).unwrap();
        assert!(!xml.contains("dcterms:created"));
    }
}
