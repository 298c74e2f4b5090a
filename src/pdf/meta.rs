//! Document-level entries printpdf cannot write as we need them: the info dictionary (with dates
//! from the input, not 1970), the catalog's `/Lang`, a stable `/ID`.

use lopdf::{text_string, Dictionary, Object, StringFormat};

use crate::error::{Error, ErrorKind, Result};
use crate::tree::Meta;

/// The language written when the tree names none.
const DEFAULT_LANGUAGE: &str = "vi-VN";

/// Finishes the document printpdf built: version, info, `/Lang`, `/ID`.
pub(super) fn finish(
    doc: &mut lopdf::Document,
    meta: &Meta,
    warnings: &mut Vec<String>,
) -> Result<()> {
    // `/Lang` is PDF 1.4; nothing here needs more than 1.7.
    doc.version = "1.7".to_string();

    let language = if meta.language.trim().is_empty() {
        DEFAULT_LANGUAGE
    } else {
        meta.language.trim()
    };
    doc.catalog_mut()
        .map_err(|e| Error::new(ErrorKind::Pdf, format!("the pdf has no catalog: {e}")))?
        .set("Lang", Object::string_literal(language));

    let mut info = Dictionary::new();
    info.set("Title", text_string(&meta.title));
    if !meta.author.is_empty() {
        info.set("Author", text_string(&meta.author));
    }
    if !meta.subject.is_empty() {
        info.set("Subject", text_string(&meta.subject));
    }
    info.set("Creator", Object::string_literal("daihoi"));
    info.set(
        "Producer",
        Object::string_literal(concat!("daihoi ", env!("CARGO_PKG_VERSION"), " (printpdf)")),
    );
    match pdf_date(&meta.created) {
        Some(date) => {
            info.set("CreationDate", Object::string_literal(date.as_str()));
            info.set("ModDate", Object::string_literal(date));
        }
        None if meta.created.is_empty() => {}
        None => warnings.push(format!(
            "meta.created is not an RFC 3339 timestamp (e.g. 2020-03-05T08:00:00Z): \"{}\"; the pdf has no dates",
            meta.created
        )),
    }
    // Replace printpdf's info dictionary (dates of 1970, PDF/X keys) in place.
    match doc.trailer.get(b"Info").and_then(Object::as_reference) {
        Ok(id) => {
            doc.objects.insert(id, Object::Dictionary(info));
        }
        Err(_) => {
            let id = doc.add_object(info);
            doc.trailer.set("Info", Object::Reference(id));
        }
    }

    let id = document_id(meta);
    doc.trailer.set(
        "ID",
        Object::Array(vec![
            Object::String(id.clone(), StringFormat::Hexadecimal),
            Object::String(id, StringFormat::Hexadecimal),
        ]),
    );
    Ok(())
}

/// The `/ID` bytes: `meta.id`, or a hash of what identifies the document when it is empty.
fn document_id(meta: &Meta) -> Vec<u8> {
    if !meta.id.is_empty() {
        return meta.id.as_bytes().to_vec();
    }
    let mut out = Vec::with_capacity(16);
    for seed in [0u64, 1] {
        let mut hash: u64 = 0xcbf2_9ce4_8422_2325 ^ seed;
        for byte in [&meta.kind, &meta.title, &meta.created]
            .iter()
            .flat_map(|s| s.bytes().chain([0]))
        {
            hash ^= u64::from(byte);
            hash = hash.wrapping_mul(0x0000_0100_0000_01b3);
        }
        out.extend(hash.to_be_bytes());
    }
    out
}

/// An RFC 3339 timestamp (`2020-03-05T08:00:00Z`, `2020-03-05T15:00:00+07:00`, fractions
/// allowed) as a PDF date (`D:20200305080000Z`).
pub(super) fn pdf_date(rfc3339: &str) -> Option<String> {
    let b = rfc3339.trim().as_bytes();
    let num = |from: usize, len: usize| -> Option<u32> {
        let digits = b.get(from..from + len)?;
        digits.iter().try_fold(0u32, |acc, &d| {
            d.is_ascii_digit().then(|| acc * 10 + u32::from(d - b'0'))
        })
    };
    let year = num(0, 4)?;
    let month = num(5, 2)?;
    let day = num(8, 2)?;
    let hour = num(11, 2)?;
    let minute = num(14, 2)?;
    let second = num(17, 2)?;
    let separators = [(4, b'-'), (7, b'-'), (13, b':'), (16, b':')];
    if separators.iter().any(|&(i, s)| b.get(i) != Some(&s))
        || !matches!(b.get(10), Some(b'T' | b't' | b' '))
        || !(1..=12).contains(&month)
        || !(1..=31).contains(&day)
        || hour > 23
        || minute > 59
        || second > 60
    {
        return None;
    }
    let mut i = 19;
    if b.get(i) == Some(&b'.') {
        i += 1;
        let start = i;
        while b.get(i).is_some_and(u8::is_ascii_digit) {
            i += 1;
        }
        if i == start {
            return None;
        }
    }
    let zone = match b.get(i)? {
        b'Z' | b'z' if i + 1 == b.len() => "Z".to_string(),
        &sign @ (b'+' | b'-') if i + 6 == b.len() && b[i + 3] == b':' => {
            let (h, m) = (num(i + 1, 2)?, num(i + 4, 2)?);
            if h > 23 || m > 59 {
                return None;
            }
            format!("{}{h:02}'{m:02}'", sign as char)
        }
        _ => return None,
    };
    Some(format!(
        "D:{year:04}{month:02}{day:02}{hour:02}{minute:02}{second:02}{zone}"
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rfc3339_becomes_a_pdf_date() {
        assert_eq!(
            pdf_date("2020-03-05T08:00:00Z").as_deref(),
            Some("D:20200305080000Z")
        );
        assert_eq!(
            pdf_date("2020-03-05T15:00:00.250+07:00").as_deref(),
            Some("D:20200305150000+07'00'")
        );
        assert_eq!(pdf_date("2020-03-05"), None);
        assert_eq!(pdf_date("2020-13-05T08:00:00Z"), None);
        assert_eq!(pdf_date("2020-03-05T08:00:00Zjunk"), None);
        assert_eq!(pdf_date("ngày 5 tháng 3 năm 2020, 08:00"), None);
    }
}
