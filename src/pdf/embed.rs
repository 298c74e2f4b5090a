//! Embedding one subset face: the `Type0` font with its `CIDFontType2` descendant, font
//! descriptor, `FontFile2` program and `ToUnicode` CMap.

use lopdf::{dictionary, Object, ObjectId, Stream};

use super::subset::{FontProgram, Subset};

/// Width of an original glyph in thousandths of an em, as written in `/W` (three decimals, so
/// that the viewer advances by what the layout measured).
pub(crate) fn width(program: &FontProgram, gid: u16) -> f64 {
    let w = f64::from(program.advance(gid)) * 1000.0 / f64::from(program.descriptor.units_per_em);
    (w * 1000.0).round() / 1000.0
}

/// A face's subset with its two streams already written and deflated: what a document that
/// draws the same glyphs with the same face embeds again, byte for byte.
///
/// Invitations differ by the guest's name only, so most documents of a batch draw a face with
/// glyphs some earlier one drew; subsetting and deflating the program and the CMap again cost a
/// quarter of a one-page document's instructions.
#[derive(Debug)]
pub(crate) struct PackedFace {
    /// The renumbering (its `program` is empty: the stream below holds it).
    pub(crate) subset: Subset,
    /// The length of the plain TrueType program (`/Length1`).
    program_len: usize,
    /// The `FontFile2` stream's content.
    file: Packed,
    /// The `ToUnicode` stream's content.
    cmap: Packed,
}

/// A stream's content as [`super::compress`] would leave it: deflated when that is smaller.
#[derive(Debug)]
struct Packed {
    bytes: Vec<u8>,
    deflated: bool,
}

impl Packed {
    fn new(plain: Vec<u8>) -> Packed {
        match super::deflated(&plain) {
            Some(bytes) => Packed {
                bytes,
                deflated: true,
            },
            None => Packed {
                bytes: plain,
                deflated: false,
            },
        }
    }

    /// The stream with `dict`, as `compress` would have written it: `/Filter` after the keys
    /// `dict` has and `/Length`, and left alone by `compress` afterwards.
    fn stream(&self, dict: lopdf::Dictionary) -> Stream {
        let mut stream = Stream::new(dict, self.bytes.clone());
        if self.deflated {
            stream.dict.set("Filter", "FlateDecode");
        } else {
            // `compress` would find it no smaller, as it was found here.
            stream.allows_compression = false;
        }
        stream
    }
}

impl PackedFace {
    /// `subset` of `program` with the CMap of `unicode` (the character each original glyph id
    /// stands for, in glyph id order), both written and deflated.
    pub(crate) fn new(mut subset: Subset, unicode: &[(u16, char)]) -> PackedFace {
        let cmap = Packed::new(to_unicode_cmap(&subset, unicode));
        let plain = std::mem::take(&mut subset.program);
        PackedFace {
            program_len: plain.len(),
            file: Packed::new(plain),
            cmap,
            subset,
        }
    }
}

/// Writes the font objects of `packed` named `tag`+PostScript name; returns the `Type0` font.
pub(crate) fn add_font(
    doc: &mut lopdf::Document,
    tag: &str,
    program: &FontProgram,
    packed: &PackedFace,
) -> ObjectId {
    let d = &program.descriptor;
    let name = format!("{tag}+{}", d.postscript_name);

    let file = packed
        .file
        .stream(dictionary! { "Length1" => packed.program_len as i64 });
    let file_id = doc.add_object(file);

    const NONSYMBOLIC: i64 = 1 << 5;
    const ITALIC: i64 = 1 << 6;
    let flags = NONSYMBOLIC | if d.italic_angle != 0.0 { ITALIC } else { 0 };
    let descriptor_id = doc.add_object(dictionary! {
        "Type" => "FontDescriptor",
        "FontName" => Object::Name(name.clone().into_bytes()),
        "Flags" => flags,
        "FontBBox" => d.bbox.iter().map(|&v| Object::Integer(v)).collect::<Vec<_>>(),
        "ItalicAngle" => Object::Real(d.italic_angle),
        "Ascent" => d.ascent,
        "Descent" => d.descent,
        "CapHeight" => d.cap_height,
        "StemV" => d.stem_v,
        "FontFile2" => file_id,
    });

    let widths: Vec<Object> = packed
        .subset
        .old_gids
        .iter()
        .map(|&gid| {
            let w = width(program, gid);
            if w.fract() == 0.0 {
                Object::Integer(w as i64)
            } else {
                Object::Real(w as f32)
            }
        })
        .collect();
    let cid_font_id = doc.add_object(dictionary! {
        "Type" => "Font",
        "Subtype" => "CIDFontType2",
        "BaseFont" => Object::Name(name.clone().into_bytes()),
        "CIDSystemInfo" => dictionary! {
            "Registry" => Object::string_literal("Adobe"),
            "Ordering" => Object::string_literal("Identity"),
            "Supplement" => 0,
        },
        "FontDescriptor" => descriptor_id,
        "DW" => 1000,
        "W" => vec![Object::Integer(0), Object::Array(widths)],
        "CIDToGIDMap" => "Identity",
    });

    let to_unicode = doc.add_object(packed.cmap.stream(dictionary! {}));

    doc.add_object(dictionary! {
        "Type" => "Font",
        "Subtype" => "Type0",
        "BaseFont" => Object::Name(name.into_bytes()),
        "Encoding" => "Identity-H",
        "DescendantFonts" => vec![Object::Reference(cid_font_id)],
        "ToUnicode" => to_unicode,
    })
}

/// The `ToUnicode` CMap: new glyph id → UTF-16BE text.
fn to_unicode_cmap(subset: &Subset, unicode: &[(u16, char)]) -> Vec<u8> {
    let mut entries: Vec<(u16, char)> = unicode
        .iter()
        .map(|&(old, c)| (subset.new_gid(old), c))
        .filter(|&(new, _)| new != 0)
        .collect();
    entries.sort_unstable();
    let mut out = Vec::with_capacity(400 + entries.len() * 16);
    out.extend_from_slice(
        b"/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n\
          /CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n\
          /CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n\
          1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n",
    );
    for chunk in entries.chunks(100) {
        out.extend_from_slice(chunk.len().to_string().as_bytes());
        out.extend_from_slice(b" beginbfchar\n");
        for &(cid, c) in chunk {
            out.push(b'<');
            push_hex(&mut out, cid);
            out.extend_from_slice(b"> <");
            for unit in c.encode_utf16(&mut [0; 2]) {
                push_hex(&mut out, *unit);
            }
            out.extend_from_slice(b">\n");
        }
        out.extend_from_slice(b"endbfchar\n");
    }
    out.extend_from_slice(b"endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n");
    out
}

/// Appends `value` as four upper-case hex digits.
pub(super) fn push_hex(out: &mut Vec<u8>, value: u16) {
    const HEX: &[u8; 16] = b"0123456789ABCDEF";
    for shift in [12, 8, 4, 0] {
        out.push(HEX[usize::from((value >> shift) & 0xF)]);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hex_is_four_upper_case_digits() {
        let mut out = Vec::new();
        for v in [0, 0x1EA0, 0xFFFF] {
            push_hex(&mut out, v);
        }
        assert_eq!(out, b"00001EA0FFFF");
    }
}
