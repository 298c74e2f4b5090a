//! One linear pass over an XML part that docx-rs wrote: sorts the children of the property
//! containers into schema order (`schema.rs`), and makes the few edits docx-rs has no API for
//! (`w:tblHeader` on header rows, `w:lang` and `w:widowControl` in the document defaults) or
//! gets wrong (an `w:rPr` where the schema forbids one, a `w:type` on `w:gridCol`, field
//! instructions without `xml:space="preserve"`).
//!
//! Not a general XML parser: it trusts docx-rs to write well-formed XML without DTDs, and
//! checks only that start and end tags match. Never panics on any input.

use crate::error::{Error, ErrorKind, Result};

use super::schema::{order_of, Order};

/// Part-specific edits.
#[derive(Debug, Default)]
pub(super) struct Edits<'a> {
    /// For the n-th `w:trPr` of the part (document order): add `w:tblHeader`.
    pub header_rows: &'a [bool],
    /// Add `<w:lang w:val="…"/>` (value already XML-escaped) to the default run properties.
    pub default_lang: Option<&'a str>,
    /// Add `<w:widowControl />` to the default paragraph properties (docx-rs has no API for
    /// it), so that no paragraph needs its own.
    pub default_widow_control: bool,
}

/// An element whose children are being collected for sorting.
struct Frame {
    /// The element's qualified name, as a range of the source.
    name: (usize, usize),
    /// Where the element's start tag begins in the output.
    out_start: usize,
    /// Where its content begins in the output (after the start tag).
    content_start: usize,
    /// The order of its children, if it is a container to sort.
    order: Option<&'static Order>,
    /// Index into `Pass::kids` of its first recorded child.
    kids_start: usize,
    /// Extra child (already serialised) to add before sorting.
    extra: Option<&'static [u8]>,
}

/// A child of a container, as a range of the output.
#[derive(Clone, Copy)]
struct Kid {
    rank: usize,
    start: usize,
    end: usize,
}

/// Rewrites `xml` with the containers' children in schema order and the `edits` applied.
pub(super) fn fix_part(xml: &[u8], edits: &Edits<'_>) -> Result<Vec<u8>> {
    let mut out = Vec::with_capacity(xml.len() + xml.len() / 16 + 64);
    fix_into(xml, edits, 0, &mut out)?;
    Ok(out)
}

/// Rewrites `xml`, a run of whole elements of a part (a paragraph or a table of the body), as
/// [`fix_part`] would within the whole part, onto the end of `out`. `tr_pr_seen` counts the
/// `w:trPr` of the part before `xml` (the index of `xml`'s first in `edits.header_rows`);
/// returns the count after it. The body's children need nothing of their ancestors (none of
/// `w:document` and `w:body` is a container to sort), so the part can be fixed block by block.
pub(super) fn fix_into(
    xml: &[u8],
    edits: &Edits<'_>,
    tr_pr_seen: usize,
    out: &mut Vec<u8>,
) -> Result<usize> {
    out.reserve(xml.len() + xml.len() / 16 + 64);
    let mut pass = Pass {
        src: xml,
        out: std::mem::take(out),
        stack: Vec::with_capacity(16),
        kids: Vec::with_capacity(64),
        scratch: Vec::with_capacity(256),
        tr_pr_seen,
        edits,
    };
    let result = pass.run();
    *out = pass.out;
    result.map(|()| pass.tr_pr_seen)
}

struct Pass<'a, 'e> {
    src: &'a [u8],
    out: Vec<u8>,
    stack: Vec<Frame>,
    kids: Vec<Kid>,
    scratch: Vec<u8>,
    tr_pr_seen: usize,
    edits: &'a Edits<'e>,
}

const TBL_HEADER: &[u8] = b"<w:tblHeader />";

fn malformed(what: &str) -> Error {
    Error::new(
        ErrorKind::Docx,
        format!("docx-rs wrote malformed xml: {what}"),
    )
}

/// Finds `needle` in `hay` from `from`; returns the index of its first byte.
fn find(hay: &[u8], from: usize, needle: &[u8]) -> Option<usize> {
    hay.get(from..)?
        .windows(needle.len())
        .position(|w| w == needle)
        .map(|p| p + from)
}

impl Pass<'_, '_> {
    fn run(&mut self) -> Result<()> {
        let src = self.src;
        let mut i = 0;
        while i < src.len() {
            let Some(lt) = memchr(b'<', src, i) else {
                self.out.extend_from_slice(&src[i..]);
                break;
            };
            self.out.extend_from_slice(&src[i..lt]);
            let rest = &src[lt..];
            if rest.starts_with(b"<?") {
                let end = find(src, lt, b"?>").ok_or_else(|| malformed("unclosed `<?`"))? + 2;
                self.out.extend_from_slice(&src[lt..end]);
                i = end;
            } else if rest.starts_with(b"<!--") {
                let end = find(src, lt, b"-->").ok_or_else(|| malformed("unclosed comment"))? + 3;
                self.out.extend_from_slice(&src[lt..end]);
                i = end;
            } else if rest.starts_with(b"<![CDATA[") {
                let end = find(src, lt, b"]]>").ok_or_else(|| malformed("unclosed CDATA"))? + 3;
                self.out.extend_from_slice(&src[lt..end]);
                i = end;
            } else if rest.starts_with(b"<!") {
                return Err(malformed("unexpected `<!`"));
            } else if rest.starts_with(b"</") {
                let gt = memchr(b'>', src, lt).ok_or_else(|| malformed("unclosed end tag"))?;
                let name = trim_ascii(&src[lt + 2..gt]);
                self.end_element(name, lt, gt + 1)?;
                i = gt + 1;
            } else {
                let gt = tag_end(src, lt).ok_or_else(|| malformed("unclosed start tag"))?;
                let self_closing = gt > lt && src[gt - 1] == b'/';
                let name_start = lt + 1;
                let name_end = src[name_start..gt]
                    .iter()
                    .position(|&b| b.is_ascii_whitespace() || b == b'/' || b == b'>')
                    .map_or(gt, |p| p + name_start);
                self.start_element((name_start, name_end), lt, gt + 1, self_closing)?;
                i = gt + 1;
            }
        }
        if !self.stack.is_empty() {
            return Err(malformed("unclosed element at end of part"));
        }
        Ok(())
    }

    fn start_element(
        &mut self,
        name: (usize, usize),
        tag_start: usize,
        tag_end: usize,
        self_closing: bool,
    ) -> Result<()> {
        let src = self.src;
        let name_bytes = &src[name.0..name.1];
        let out_start = self.out.len();
        let tag = &src[tag_start..tag_end];
        if name_bytes == b"w:instrText" && tag == b"<w:instrText>" {
            // Field instructions start and end with significant spaces (" PAGE ").
            self.out
                .extend_from_slice(b"<w:instrText xml:space=\"preserve\">");
        } else if name_bytes == b"w:gridCol" {
            // CT_TblGridCol has only `w:w`; docx-rs adds a `w:type`.
            push_without_attribute(&mut self.out, tag, b" w:type=\"");
        } else {
            self.out.extend_from_slice(tag);
        }
        if self_closing {
            let extra = self.extra_for(name_bytes);
            if let Some(extra) = extra {
                // `<w:trPr />` with a child to add: open it up.
                self.out.truncate(out_start);
                self.out.push(b'<');
                self.out.extend_from_slice(name_bytes);
                self.out.push(b'>');
                self.out.extend_from_slice(extra);
                self.out.extend_from_slice(b"</");
                self.out.extend_from_slice(name_bytes);
                self.out.push(b'>');
            }
            self.record_kid(name_bytes, out_start);
            return Ok(());
        }
        let order = order_of(name_bytes);
        let extra = self.extra_for(name_bytes);
        self.stack.push(Frame {
            name,
            out_start,
            content_start: self.out.len(),
            order,
            kids_start: self.kids.len(),
            extra,
        });
        Ok(())
    }

    /// The extra child to add to this element, if any (counts `w:trPr` as a side effect).
    fn extra_for(&mut self, name: &[u8]) -> Option<&'static [u8]> {
        if name == b"w:trPr" {
            let n = self.tr_pr_seen;
            self.tr_pr_seen += 1;
            if self.edits.header_rows.get(n).copied().unwrap_or(false) {
                return Some(TBL_HEADER);
            }
        }
        None
    }

    fn end_element(&mut self, name: &[u8], tag_start: usize, tag_end: usize) -> Result<()> {
        let frame = self
            .stack
            .pop()
            .ok_or_else(|| malformed("end tag without start tag"))?;
        if &self.src[frame.name.0..frame.name.1] != name {
            return Err(malformed("mismatched end tag"));
        }
        if let Some(order) = frame.order {
            if let Some(extra) = frame.extra {
                let start = self.out.len();
                self.out.extend_from_slice(extra);
                let rank = order.rank(element_name(extra));
                self.kids.push(Kid {
                    rank,
                    start,
                    end: self.out.len(),
                });
            }
            if order.name == "w:rPr" && self.parent_is(b"w:rPrDefault") {
                if let Some(lang) = self.edits.default_lang {
                    let start = self.out.len();
                    self.out.extend_from_slice(b"<w:lang w:val=\"");
                    self.out.extend_from_slice(lang.as_bytes());
                    self.out.extend_from_slice(b"\" />");
                    self.kids.push(Kid {
                        rank: order.rank(b"w:lang"),
                        start,
                        end: self.out.len(),
                    });
                }
            }
            if order.name == "w:pPr"
                && self.edits.default_widow_control
                && self.parent_is(b"w:pPrDefault")
            {
                let start = self.out.len();
                self.out.extend_from_slice(b"<w:widowControl />");
                self.kids.push(Kid {
                    rank: order.rank(b"w:widowControl"),
                    start,
                    end: self.out.len(),
                });
            }
            self.sort_kids(frame.content_start, frame.kids_start);
        }
        self.kids.truncate(frame.kids_start);
        self.out.extend_from_slice(&self.src[tag_start..tag_end]);
        self.record_kid(name, frame.out_start);
        Ok(())
    }

    /// Whether the innermost open element is `name`.
    fn parent_is(&self, name: &[u8]) -> bool {
        self.stack
            .last()
            .is_some_and(|f| &self.src[f.name.0..f.name.1] == name)
    }

    /// Records a just-finished element (from `start` to the end of the output) as a child of
    /// the enclosing container, or drops it where the schema forbids it.
    fn record_kid(&mut self, name: &[u8], start: usize) {
        let Some(parent) = self.stack.last() else {
            return;
        };
        let Some(order) = parent.order else {
            return;
        };
        // `CT_PPrGeneral` (paragraph properties of the document defaults, of styles and of
        // numbering levels) has no `rPr`; docx-rs writes an empty one there.
        if name == b"w:rPr" && order.name == "w:pPr" {
            let grand = self
                .stack
                .len()
                .checked_sub(2)
                .and_then(|i| self.stack.get(i));
            if let Some(g) = grand {
                let g = &self.src[g.name.0..g.name.1];
                if g == b"w:pPrDefault" || g == b"w:style" || g == b"w:lvl" {
                    self.out.truncate(start);
                    return;
                }
            }
        }
        self.kids.push(Kid {
            rank: order.rank(name),
            start,
            end: self.out.len(),
        });
    }

    /// Sorts the recorded children `kids[kids_start..]`, which tile `out[content_start..]`.
    fn sort_kids(&mut self, content_start: usize, kids_start: usize) {
        let kids = &mut self.kids[kids_start..];
        if kids.windows(2).all(|w| w[0].rank <= w[1].rank) {
            return;
        }
        // Only sort when the children tile the content (no text between them); otherwise
        // leave it as written rather than lose anything.
        let mut pos = content_start;
        for k in kids.iter() {
            if k.start != pos {
                return;
            }
            pos = k.end;
        }
        if pos != self.out.len() {
            return;
        }
        kids.sort_by_key(|k| k.rank);
        self.scratch.clear();
        for k in kids.iter() {
            self.scratch.extend_from_slice(&self.out[k.start..k.end]);
        }
        self.out.truncate(content_start);
        self.out.extend_from_slice(&self.scratch);
    }
}

/// Appends `tag` without the attribute that starts with `prefix` (` name="`).
fn push_without_attribute(out: &mut Vec<u8>, tag: &[u8], prefix: &[u8]) {
    let Some(at) = find(tag, 0, prefix) else {
        out.extend_from_slice(tag);
        return;
    };
    let value_start = at + prefix.len();
    let Some(close) = memchr(b'"', tag, value_start) else {
        out.extend_from_slice(tag);
        return;
    };
    out.extend_from_slice(&tag[..at]);
    out.extend_from_slice(&tag[close + 1..]);
}

/// The element name at the start of a serialised element.
fn element_name(xml: &[u8]) -> &[u8] {
    let body = xml.get(1..).unwrap_or_default();
    let end = body
        .iter()
        .position(|&b| b.is_ascii_whitespace() || b == b'/' || b == b'>')
        .unwrap_or(body.len());
    &body[..end]
}

/// The first index at or after `from` where `hay` holds one of `needles` (1 to 3 bytes).
///
/// Word-at-a-time (eight bytes per step): this pass is a good part of the export's time, and
/// most of a part's bytes are attribute text to skip over.
fn find_any(hay: &[u8], from: usize, needles: &[u8]) -> Option<usize> {
    const LO: u64 = 0x0101_0101_0101_0101;
    const HI: u64 = 0x8080_8080_8080_8080;
    let rest = hay.get(from..)?;
    let mut chunks = rest.chunks_exact(8);
    let mut base = from;
    for chunk in &mut chunks {
        let mut word = [0u8; 8];
        word.copy_from_slice(chunk);
        let word = u64::from_le_bytes(word);
        let mut hits = 0;
        for &n in needles {
            // Bytes equal to `n` become zero; the lowest zero byte is flagged exactly.
            let x = word ^ (LO * n as u64);
            hits |= x.wrapping_sub(LO) & !x & HI;
        }
        if hits != 0 {
            return Some(base + (hits.trailing_zeros() / 8) as usize);
        }
        base += 8;
    }
    chunks
        .remainder()
        .iter()
        .position(|b| needles.contains(b))
        .map(|p| p + base)
}

fn memchr(needle: u8, hay: &[u8], from: usize) -> Option<usize> {
    find_any(hay, from, &[needle])
}

/// The index of the `>` closing the tag that starts at `lt`, skipping quoted attribute values.
fn tag_end(src: &[u8], lt: usize) -> Option<usize> {
    let mut pos = lt + 1;
    loop {
        let i = find_any(src, pos, b">\"'")?;
        match src[i] {
            b'>' => return Some(i),
            quote => pos = memchr(quote, src, i + 1)? + 1,
        }
    }
}

fn trim_ascii(b: &[u8]) -> &[u8] {
    let start = b
        .iter()
        .position(|c| !c.is_ascii_whitespace())
        .unwrap_or(b.len());
    let end = b
        .iter()
        .rposition(|c| !c.is_ascii_whitespace())
        .map_or(start, |p| p + 1);
    &b[start..end]
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fix(xml: &str, edits: &Edits<'_>) -> String {
        String::from_utf8(fix_part(xml.as_bytes(), edits).unwrap()).unwrap()
    }

    #[test]
    fn sorts_run_properties_into_schema_order() {
        let xml = r#"<w:r><w:rPr><w:sz w:val="28" /><w:b /><w:rFonts w:ascii="X" /></w:rPr><w:t>a</w:t></w:r>"#;
        assert_eq!(
            fix(xml, &Edits::default()),
            r#"<w:r><w:rPr><w:rFonts w:ascii="X" /><w:b /><w:sz w:val="28" /></w:rPr><w:t>a</w:t></w:r>"#
        );
    }

    #[test]
    fn sorts_nested_containers_inside_out() {
        let xml = r#"<w:pPr><w:rPr><w:sz w:val="2" /><w:rFonts /></w:rPr><w:pBdr><w:bottom /><w:top /></w:pBdr><w:jc w:val="both" /><w:spacing /></w:pPr>"#;
        assert_eq!(
            fix(xml, &Edits::default()),
            r#"<w:pPr><w:pBdr><w:top /><w:bottom /></w:pBdr><w:spacing /><w:jc w:val="both" /><w:rPr><w:rFonts /><w:sz w:val="2" /></w:rPr></w:pPr>"#
        );
    }

    #[test]
    fn adds_table_header_to_the_chosen_rows() {
        let xml = r#"<w:tbl><w:tr><w:trPr /></w:tr><w:tr><w:trPr><w:cantSplit /></w:trPr></w:tr><w:tr><w:trPr /></w:tr></w:tbl>"#;
        let edits = Edits {
            header_rows: &[true, true, false],
            ..Edits::default()
        };
        assert_eq!(
            fix(xml, &edits),
            r#"<w:tbl><w:tr><w:trPr><w:tblHeader /></w:trPr></w:tr><w:tr><w:trPr><w:cantSplit /><w:tblHeader /></w:trPr></w:tr><w:tr><w:trPr /></w:tr></w:tbl>"#
        );
    }

    #[test]
    fn adds_language_and_widow_control_to_defaults_and_drops_rpr_from_general_ppr() {
        let xml = r#"<w:docDefaults><w:rPrDefault><w:rPr><w:sz w:val="28" /><w:rFonts /></w:rPr></w:rPrDefault><w:pPrDefault><w:pPr><w:rPr /><w:spacing /></w:pPr></w:pPrDefault></w:docDefaults>"#;
        let edits = Edits {
            header_rows: &[],
            default_lang: Some("vi-VN"),
            default_widow_control: true,
        };
        assert_eq!(
            fix(xml, &edits),
            r#"<w:docDefaults><w:rPrDefault><w:rPr><w:rFonts /><w:sz w:val="28" /><w:lang w:val="vi-VN" /></w:rPr></w:rPrDefault><w:pPrDefault><w:pPr><w:widowControl /><w:spacing /></w:pPr></w:pPrDefault></w:docDefaults>"#
        );
        // Only the defaults: a paragraph's own properties are left as they are.
        assert_eq!(
            fix(r#"<w:p><w:pPr><w:spacing /></w:pPr></w:p>"#, &edits),
            r#"<w:p><w:pPr><w:spacing /></w:pPr></w:p>"#
        );
    }

    #[test]
    fn keeps_text_and_quoted_brackets() {
        let xml = r#"<?xml version="1.0"?><w:p a="x>y"><w:r><w:t xml:space="preserve"> &lt;b&gt; </w:t></w:r></w:p>"#;
        assert_eq!(fix(xml, &Edits::default()), xml);
    }

    #[test]
    fn fixes_attributes_docx_rs_gets_wrong() {
        let xml = r#"<w:tblGrid><w:gridCol w:w="3929" w:type="dxa" /></w:tblGrid><w:r><w:instrText> PAGE </w:instrText></w:r>"#;
        assert_eq!(
            fix(xml, &Edits::default()),
            r#"<w:tblGrid><w:gridCol w:w="3929" /></w:tblGrid><w:r><w:instrText xml:space="preserve"> PAGE </w:instrText></w:r>"#
        );
    }

    #[test]
    fn finds_bytes_word_at_a_time() {
        let hay = b"0123456789abcdef>\"x";
        for from in 0..hay.len() {
            let slow = hay[from..]
                .iter()
                .position(|b| b">\"".contains(b))
                .map(|p| p + from);
            assert_eq!(find_any(hay, from, b">\""), slow, "from {from}");
        }
        assert_eq!(find_any(hay, 99, b">"), None);
        let high: Vec<u8> = (0..=255u8).collect();
        for n in 0..=255u8 {
            assert_eq!(memchr(n, &high, 0), Some(n as usize));
        }
    }

    #[test]
    fn rejects_mismatched_tags_without_panicking() {
        for bad in [
            "<a></b>",
            "<a>",
            "</a>",
            "<a",
            "<?x",
            "<!-- x",
            "<!DOCTYPE a>",
        ] {
            assert!(
                fix_part(bad.as_bytes(), &Edits::default()).is_err(),
                "{bad}"
            );
        }
    }
}
