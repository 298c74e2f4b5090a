//! The OPC package around the parts: `docProps/core.xml`, and the ZIP archive (the `zip`
//! crate; deflated entries, one fixed timestamp) so that the same parts always give the same
//! bytes.
//!
//! docx-rs's own packer takes entry timestamps from the clock whenever the `time` feature of
//! `zip` is enabled anywhere in the dependency graph, so it cannot promise determinism; the
//! archive is written here with the timestamp of the paper's `created`. The `zip` crate starts
//! a new deflater for every entry (zlib-rs zeroes about 300 KB of state each time), which cost
//! more than the rest of an invitation's render: so only the two parts that change from paper
//! to paper are deflated for each paper, and the others are packed once per thread and copied
//! into each archive still compressed ([`zip::ZipWriter::raw_copy_file_touch`]).

use std::cell::RefCell;
use std::collections::hash_map::{Entry, HashMap};
use std::io::{Cursor, Write};

use zip::write::SimpleFileOptions;

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

/// The entries' timestamp: the date and time of `created` (`YYYY-MM-DDThh:mm:ss…`), or the
/// ZIP epoch, 1980-01-01 00:00, when it is not such a date or the format cannot hold it.
pub(super) fn timestamp(created: &str) -> zip::DateTime {
    if !is_w3cdtf(created) {
        return zip::DateTime::default();
    }
    let num = |r: std::ops::Range<usize>| created.get(r).and_then(|s| s.parse::<u16>().ok());
    let field = |r| num(r).and_then(|n| u8::try_from(n).ok());
    (|| {
        zip::DateTime::from_date_and_time(
            num(0..4)?,
            field(5..7)?,
            field(8..10)?,
            field(11..13)?,
            field(14..16)?,
            field(17..19)?,
        )
        .ok()
    })()
    .unwrap_or_default()
}

/// The level for the parts that differ from paper to paper: the fastest, as they are packed
/// once for every paper.
const UNIQUE_LEVEL: i64 = 1;
/// The level for the parts kept from paper to paper, packed once per thread.
const KEPT_LEVEL: i64 = 9;

/// Parts that differ from paper to paper, not worth keeping, with their method: the body is
/// deflated; the core properties (under 1 KB) are stored, as a new compressor for them would
/// cost as much as the rest of the package.
const UNIQUE: &[(&str, zip::CompressionMethod)] = &[
    ("word/document.xml", zip::CompressionMethod::Deflated),
    ("docProps/core.xml", zip::CompressionMethod::Stored),
];

/// A kept part: its bytes, and an archive of one entry holding it packed.
struct Kept {
    raw: Vec<u8>,
    archive: zip::ZipArchive<Cursor<Vec<u8>>>,
}

thread_local! {
    /// The last packing of each part other than the body and the core properties: the styles,
    /// settings, numbering, fonts, headers … are the same bytes in paper after paper, and
    /// deflating them again (the `zip` crate sets up a new compressor for every entry, about
    /// 300 KB of state) was most of an invitation's DOCX. The entry is copied from here, still
    /// compressed; a part is reused only when its bytes are the same, and a changed part
    /// replaces it.
    static KEPT: RefCell<HashMap<String, Kept>> = RefCell::new(HashMap::new());
}

fn zip_error(e: zip::result::ZipError) -> Error {
    Error::new(ErrorKind::Docx, format!("could not write the package: {e}"))
}

fn io_error(e: std::io::Error) -> Error {
    Error::new(ErrorKind::Docx, format!("could not write the package: {e}"))
}

/// The options of every entry: its method and level, and the one timestamp.
fn options(method: zip::CompressionMethod, level: i64, time: zip::DateTime) -> SimpleFileOptions {
    let level = (method == zip::CompressionMethod::Deflated).then_some(level);
    SimpleFileOptions::default()
        .compression_method(method)
        .compression_level(level)
        .last_modified_time(time)
        .unix_permissions(0o644)
}

impl Kept {
    /// `data` packed as the one entry `name`: deflated, or stored when deflating makes it no
    /// smaller.
    fn pack(name: &str, data: &[u8]) -> Result<Kept> {
        let write = |method| -> Result<Vec<u8>> {
            let mut zip = zip::ZipWriter::new(Cursor::new(Vec::with_capacity(data.len() + 256)));
            let options = options(method, KEPT_LEVEL, zip::DateTime::default());
            zip.start_file(name, options).map_err(zip_error)?;
            zip.write_all(data).map_err(io_error)?;
            Ok(zip.finish().map_err(zip_error)?.into_inner())
        };
        let mut bytes = write(zip::CompressionMethod::Deflated)?;
        let mut archive = zip::ZipArchive::new(Cursor::new(bytes)).map_err(zip_error)?;
        if archive.by_index_raw(0).map_err(zip_error)?.compressed_size() >= data.len() as u64 {
            bytes = write(zip::CompressionMethod::Stored)?;
            archive = zip::ZipArchive::new(Cursor::new(bytes)).map_err(zip_error)?;
        }
        Ok(Kept {
            raw: data.to_vec(),
            archive,
        })
    }
}

/// A DOCX package being written: a ZIP archive (through the `zip` crate) of deflated entries
/// (stored where deflate would not make them smaller) with one fixed timestamp.
pub(super) struct ZipWriter {
    zip: zip::ZipWriter<Cursor<Vec<u8>>>,
    time: zip::DateTime,
}

impl ZipWriter {
    /// A new archive whose entries carry the given timestamp.
    pub fn new(capacity: usize, time: zip::DateTime) -> Self {
        ZipWriter {
            zip: zip::ZipWriter::new(Cursor::new(Vec::with_capacity(capacity))),
            time,
        }
    }

    /// Adds a file, deflated unless that makes it no smaller.
    pub fn add(&mut self, name: &str, data: &[u8]) -> Result<()> {
        if let Some(&(_, method)) = UNIQUE.iter().find(|(unique, _)| *unique == name) {
            let options = options(method, UNIQUE_LEVEL, self.time);
            self.zip.start_file(name, options).map_err(zip_error)?;
            return self.zip.write_all(data).map_err(io_error);
        }
        KEPT.with(|kept| {
            let mut kept = kept.borrow_mut();
            let entry = match kept.entry(name.to_owned()) {
                Entry::Occupied(e) if e.get().raw == data => e.into_mut(),
                Entry::Occupied(mut e) => {
                    e.insert(Kept::pack(name, data)?);
                    e.into_mut()
                }
                Entry::Vacant(e) => e.insert(Kept::pack(name, data)?),
            };
            let file = entry.archive.by_index_raw(0).map_err(zip_error)?;
            self.zip
                .raw_copy_file_touch(file, self.time, Some(0o644))
                .map_err(zip_error)
        })
    }

    /// Writes the central directory and returns the archive.
    pub fn finish(self) -> Result<Vec<u8>> {
        Ok(self.zip.finish().map_err(zip_error)?.into_inner())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_zip_crate_reads_back_every_entry_with_its_date() {
        let text = include_bytes!("../../templates/script.hbs");
        let entries: [(&str, &[u8]); 4] = [
            ("word/document.xml", text),
            ("empty", b""),
            ("tiny", b"x"),
            ("noise", &[0x9c, 0x01, 0xfe, 0x77, 0x13, 0x42, 0xa5, 0x00]),
        ];
        let stamp = timestamp("2020-03-05T08:00:00Z");
        let write = || {
            let mut zip = ZipWriter::new(1024, stamp);
            for (name, data) in entries {
                zip.add(name, data).unwrap();
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

    /// A part kept from an earlier paper is reused only when its bytes are the same: a changed
    /// part is packed anew, and a later paper gets what a fresh thread would give it.
    #[test]
    fn a_kept_part_is_reused_only_for_the_same_bytes() {
        let styles_a = include_bytes!("../../templates/script.hbs").as_slice();
        let styles_b = include_bytes!("../../templates/programme.hbs").as_slice();
        let write = |styles: &[u8]| {
            let mut zip = ZipWriter::new(1024, timestamp("2020-03-05T08:00:00Z"));
            zip.add("word/styles.xml", styles).unwrap();
            zip.add("word/document.xml", b"<w:body/>").unwrap();
            zip.finish().unwrap()
        };
        let first_a = write(styles_a);
        let then_b = write(styles_b);
        let again_a = write(styles_a);
        let fresh = |styles: &'static [u8]| {
            std::thread::spawn(move || write(styles)).join().unwrap()
        };
        assert_eq!(first_a, again_a);
        assert_eq!(first_a, fresh(styles_a));
        assert_eq!(then_b, fresh(styles_b));
        let mut archive = zip::ZipArchive::new(std::io::Cursor::new(&then_b)).unwrap();
        let mut out = Vec::new();
        std::io::Read::read_to_end(&mut archive.by_name("word/styles.xml").unwrap(), &mut out)
            .unwrap();
        assert_eq!(out, styles_b);
    }

    #[test]
    fn the_timestamp_comes_from_the_creation_date() {
        let parts = |t: zip::DateTime| {
            (
                t.year(),
                t.month(),
                t.day(),
                t.hour(),
                t.minute(),
                t.second(),
            )
        };
        assert_eq!(
            parts(timestamp("2020-03-05T08:07:30Z")),
            (2020, 3, 5, 8, 7, 30)
        );
        for not_one in ["not a date", "1970-01-01T00:00:00Z", "2020-13-05T08:00:00Z"] {
            assert_eq!(parts(timestamp(not_one)), (1980, 1, 1, 0, 0, 0), "{not_one}");
        }
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
