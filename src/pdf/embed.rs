//! Embedding one subset face: the `Type0` font with its `CIDFontType2` descendant, font
//! descriptor, `FontFile2` program and `ToUnicode` CMap.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use lopdf::{dictionary, Object, ObjectId, Stream};

use super::subset::{FontProgram, Subset};

/// Width of an original glyph in thousandths of an em, as written in `/W` (three decimals, so
/// that the viewer advances by what the layout measured).
pub(crate) fn width(program: &FontProgram, gid: u16) -> f64 {
    let w = f64::from(program.advance(gid)) * 1000.0 / f64::from(program.descriptor.units_per_em);
    (w * 1000.0).round() / 1000.0
}

/// Writes the font objects of `subset` named `tag`+PostScript name; returns the `Type0` font.
/// `unicode` maps original glyph ids to the text they stand for.
pub(crate) fn add_font(
    doc: &mut lopdf::Document,
    tag: &str,
    program: &FontProgram,
    subset: &Subset,
    unicode: &BTreeMap<u16, String>,
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
        to_unicode_cmap(subset, unicode).into_bytes(),
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
fn to_unicode_cmap(subset: &Subset, unicode: &BTreeMap<u16, String>) -> String {
    let entries: Vec<(usize, &String)> = subset
        .old_gids
        .iter()
        .enumerate()
        .filter_map(|(new, old)| unicode.get(old).map(|text| (new, text)))
        .collect();
    let mut out = String::from(
        "/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n\
         /CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n\
         /CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n\
         1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n",
    );
    for chunk in entries.chunks(100) {
        let _ = writeln!(out, "{} beginbfchar", chunk.len());
        for (cid, text) in chunk {
            let _ = write!(out, "<{cid:04X}> <");
            for unit in text.encode_utf16() {
                let _ = write!(out, "{unit:04X}");
            }
            out.push_str(">\n");
        }
        out.push_str("endbfchar\n");
    }
    out.push_str("endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n");
    out
}
