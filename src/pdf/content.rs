//! Writes a page's content stream from the operations the writer builds for it: text in
//! `BT … ET` with `Tf`, `Tm` and `TJ`, strokes with `w`, `m`, `l`, `S`.
//!
//! printpdf serializes the same operations through lopdf's object writer, which formats every
//! number with `fmt` and writes each glyph as its own string: a third of a one-page document's
//! time. Here numbers are written with three decimals (a thousandth of a point) and a run of
//! glyphs is one hex string. An operation the writer never builds is an error, not a guess.

use lopdf::Object;
use printpdf::{Op, PdfFontHandle, TextItem};

use super::embed::push_hex;

/// Writes the content stream of `ops`.
pub(super) fn encode(ops: &[Op]) -> Result<Vec<u8>, String> {
    let mut out = Vec::with_capacity(ops.len() * 24 + 64);
    for op in ops {
        match op {
            Op::StartTextSection => out.extend_from_slice(b"BT\n"),
            Op::EndTextSection => out.extend_from_slice(b"ET\n"),
            Op::SetFont { font, size } => {
                let PdfFontHandle::External(id) = font else {
                    return Err("a built-in font, which the writer does not use".to_string());
                };
                out.push(b'/');
                out.extend_from_slice(id.0.as_bytes());
                out.push(b' ');
                push_number(&mut out, size.0);
                out.extend_from_slice(b" Tf\n");
            }
            Op::SetTextMatrix { matrix } => {
                for v in matrix.as_array() {
                    push_number(&mut out, v);
                    out.push(b' ');
                }
                out.extend_from_slice(b"Tm\n");
            }
            Op::ShowText { items } => {
                out.push(b'[');
                for item in items {
                    match item {
                        TextItem::GlyphIds(glyphs) => {
                            let mut open = false;
                            for g in glyphs {
                                if !open {
                                    out.push(b'<');
                                    open = true;
                                }
                                push_hex(&mut out, g.gid);
                                if g.offset != 0.0 {
                                    out.extend_from_slice(b"> ");
                                    push_number(&mut out, g.offset);
                                    out.push(b' ');
                                    open = false;
                                }
                            }
                            if open {
                                out.extend_from_slice(b"> ");
                            }
                        }
                        TextItem::Offset(offset) => {
                            push_number(&mut out, *offset);
                            out.push(b' ');
                        }
                        TextItem::Text(_) => {
                            return Err("text by characters, which the writer does not use".into())
                        }
                    }
                }
                out.extend_from_slice(b"] TJ\n");
            }
            Op::SetOutlineThickness { pt } => {
                push_number(&mut out, pt.0);
                out.extend_from_slice(b" w\n");
            }
            Op::DrawLine { line } => {
                for (i, point) in line.points.iter().enumerate() {
                    if point.bezier {
                        return Err("a curve, which the writer does not draw".to_string());
                    }
                    push_number(&mut out, point.p.x.0);
                    out.push(b' ');
                    push_number(&mut out, point.p.y.0);
                    out.extend_from_slice(if i == 0 { b" m\n" } else { b" l\n" });
                }
                if !line.points.is_empty() {
                    out.extend_from_slice(if line.is_closed { b"h S\n" } else { b"S\n" });
                }
            }
            other => return Err(format!("an operation the writer does not use: {other:?}")),
        }
    }
    Ok(out)
}

/// A page's content stream, deflated as soon as it is encoded (a 500-page script held 7 MB of
/// plain content streams until the whole document was compressed).
pub(super) struct Content {
    /// The stream's bytes.
    pub bytes: Vec<u8>,
    /// Whether they are a zlib stream (`/Filter /FlateDecode`).
    pub deflated: bool,
}

impl Content {
    /// `plain`, deflated when that makes it smaller (as [`super::compress`] decides it, so the
    /// bytes are those it would have written).
    pub fn new(plain: Vec<u8>) -> Content {
        match super::deflated(&plain) {
            Some(packed) => Content {
                bytes: packed,
                deflated: true,
            },
            None => Content {
                bytes: plain,
                deflated: false,
            },
        }
    }
}

/// Puts `contents[i]` into the content stream of page `i + 1` of `doc`.
pub(super) fn set_contents(
    doc: &mut lopdf::Document,
    contents: Vec<Content>,
) -> Result<(), String> {
    let pages = doc.get_pages();
    if pages.len() != contents.len() {
        return Err(format!(
            "{} content streams for {} pages",
            contents.len(),
            pages.len()
        ));
    }
    for (page, bytes) in pages.values().zip(contents) {
        let stream = doc
            .get_dictionary(*page)
            .and_then(|p| p.get(b"Contents"))
            .and_then(Object::as_reference)
            .map_err(|e| format!("a page without a content stream: {e}"))?;
        match doc.get_object_mut(stream) {
            Ok(Object::Stream(s)) => {
                s.set_content(bytes.bytes);
                if bytes.deflated {
                    s.dict.set("Filter", "FlateDecode");
                }
            }
            _ => return Err("a page whose contents are not a stream".to_string()),
        }
    }
    Ok(())
}

/// Appends `v` with at most three decimals and no trailing zeros (`12`, `-0.5`, `89.385`);
/// a value that is not finite is written as 0.
fn push_number(out: &mut Vec<u8>, v: f32) {
    let thousandths = if v.is_finite() {
        (f64::from(v) * 1000.0).round() as i64
    } else {
        0
    };
    if thousandths < 0 {
        out.push(b'-');
    }
    let t = thousandths.unsigned_abs();
    push_decimal(out, t / 1000);
    let mut frac = t % 1000;
    if frac != 0 {
        out.push(b'.');
        let mut digits = 3;
        while frac % 10 == 0 {
            frac /= 10;
            digits -= 1;
        }
        let mut buf = [b'0'; 3];
        for slot in buf[..digits].iter_mut().rev() {
            *slot = b'0' + (frac % 10) as u8;
            frac /= 10;
        }
        out.extend_from_slice(&buf[..digits]);
    }
}

/// Appends `n` in decimal.
fn push_decimal(out: &mut Vec<u8>, mut n: u64) {
    let mut buf = [0u8; 20];
    let mut i = buf.len();
    loop {
        i -= 1;
        buf[i] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    out.extend_from_slice(&buf[i..]);
}

#[cfg(test)]
mod tests {
    use super::*;
    use printpdf::{Codepoint, FontId, Line, LinePoint, Point, Pt, TextMatrix};

    fn number(v: f32) -> String {
        let mut out = Vec::new();
        push_number(&mut out, v);
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn numbers_have_at_most_three_decimals() {
        assert_eq!(number(14.0), "14");
        assert_eq!(number(89.385_36), "89.385");
        assert_eq!(number(0.683_593_75), "0.684");
        assert_eq!(number(-2.5), "-2.5");
        assert_eq!(number(-0.0004), "0");
        assert_eq!(number(-0.0006), "-0.001");
        assert_eq!(number(770.2), "770.2");
        assert_eq!(number(f32::NAN), "0");
        assert_eq!(number(1e12), "999999995904");
    }

    #[test]
    fn writes_text_runs_and_strokes() {
        let ops = vec![
            Op::StartTextSection,
            Op::SetFont {
                font: PdfFontHandle::External(FontId("ABCDEF".into())),
                size: Pt(14.0),
            },
            Op::SetTextMatrix {
                matrix: TextMatrix::Translate(Pt(89.385_36), Pt(770.225)),
            },
            Op::ShowText {
                items: vec![
                    TextItem::GlyphIds(vec![Codepoint::new(0x39, 0.0), Codepoint::new(1, 0.0)]),
                    TextItem::Offset(-120.5),
                    TextItem::GlyphIds(vec![Codepoint::new(0x1EA0, 0.0)]),
                ],
            },
            Op::EndTextSection,
            Op::SetOutlineThickness { pt: Pt(0.75) },
            Op::DrawLine {
                line: Line {
                    points: vec![
                        LinePoint {
                            p: Point {
                                x: Pt(1.0),
                                y: Pt(2.0),
                            },
                            bezier: false,
                        },
                        LinePoint {
                            p: Point {
                                x: Pt(3.0),
                                y: Pt(2.0),
                            },
                            bezier: false,
                        },
                    ],
                    is_closed: false,
                },
            },
        ];
        let text = String::from_utf8(encode(&ops).unwrap()).unwrap();
        assert_eq!(
            text,
            "BT\n/ABCDEF 14 Tf\n1 0 0 1 89.385 770.225 Tm\n\
             [<00390001> -120.5 <1EA0> ] TJ\nET\n0.75 w\n1 2 m\n3 2 l\nS\n"
        );
        // lopdf parses it back into the same operations.
        let content = lopdf::content::Content::decode(text.as_bytes()).unwrap();
        let names: Vec<&str> = content
            .operations
            .iter()
            .map(|o| o.operator.as_str())
            .collect();
        assert_eq!(names, ["BT", "Tf", "Tm", "TJ", "ET", "w", "m", "l", "S"]);
    }

    #[test]
    fn refuses_what_the_writer_never_builds() {
        let ops = [Op::ShowText {
            items: vec![TextItem::Text("x".into())],
        }];
        assert!(encode(&ops).is_err());
        assert!(encode(&[Op::SaveGraphicsState]).is_err());
    }
}
