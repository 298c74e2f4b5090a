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

/// Writes the font objects of `subset` named `tag`+PostScript name; returns the `Type0` font.
/// `unicode` gives the character each original glyph id stands for, in glyph id order.
pub(crate) fn add_font(
    doc: &mut lopdf::Document,
    tag: &str,
    program: &FontProgram,
    subset: &Subset,
    unicode: &[(u16, char)],
) -> ObjectId {
    let d = &program.descriptor;
    let name = format!("{tag}+{}", d.postscript_name);

    let mut file = Stream::new(
        dictionary! { "Length1" => subset.program.len() as i64 },
        subset.program.clone(),
    );
    file.allows_compression = true;
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

    let widths: Vec<Object> = subset
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

    let to_unicode = doc.add_object(Stream::new(
        dictionary! {},
        to_unicode_cmap(subset, unicode),
    ));

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
