//! TrueType subsetting for embedding: the glyphs a document draws (plus the components of
//! composite glyphs), renumbered from 1 with 0 kept as `.notdef`, hinting dropped.
//!
//! Cheap enough to run for every document (tens of microseconds), which printpdf's general
//! subsetter is not. PDF viewers draw `CIDFontType2` glyphs by glyph id through
//! `/CIDToGIDMap /Identity`, so the program needs no `cmap`; hinting instructions (and `fpgm`,
//! `prep`, `cvt `) go, as PDF viewers rasterise without them and they are a third of the glyph
//! data. Never panics on a malformed font: every read is bounds-checked.

use ttf_parser::{name_id, RawFace, Tag};

/// A face's tables, read once.
#[derive(Debug, Clone)]
pub(crate) struct FontProgram {
    head: Vec<u8>,
    hhea: Vec<u8>,
    maxp: Vec<u8>,
    os2: Option<&'static [u8]>,
    post: Vec<u8>,
    glyf: &'static [u8],
    /// Start of every glyph in `glyf`, and the end of the last.
    loca: Vec<u32>,
    /// Advance and left side bearing of every glyph.
    metrics: Vec<(u16, i16)>,
    /// What the font descriptor says about the face.
    pub(crate) descriptor: Descriptor,
}

/// Font descriptor values, in thousandths of an em.
#[derive(Debug, Clone)]
pub(crate) struct Descriptor {
    pub(crate) postscript_name: String,
    pub(crate) bbox: [i64; 4],
    pub(crate) ascent: i64,
    pub(crate) descent: i64,
    pub(crate) cap_height: i64,
    pub(crate) italic_angle: f32,
    pub(crate) stem_v: i64,
    pub(crate) units_per_em: f32,
}

/// A subset font program and the renumbering.
#[derive(Debug, Clone)]
pub(crate) struct Subset {
    /// The TrueType file.
    pub(crate) program: Vec<u8>,
    /// The original glyph id of every new glyph id.
    pub(crate) old_gids: Vec<u16>,
    /// The new glyph id of every original one (0 for those left out): a lookup per glyph drawn.
    new_gids: Vec<u16>,
}

impl Subset {
    /// The new glyph id of an original one (0 when it is not in the subset).
    pub(crate) fn new_gid(&self, old: u16) -> u16 {
        self.new_gids.get(usize::from(old)).copied().unwrap_or(0)
    }
}

fn u16_at(data: &[u8], at: usize) -> Option<u16> {
    Some(u16::from_be_bytes(data.get(at..at + 2)?.try_into().ok()?))
}

fn u32_at(data: &[u8], at: usize) -> Option<u32> {
    Some(u32::from_be_bytes(data.get(at..at + 4)?.try_into().ok()?))
}

fn set_u16(data: &mut [u8], at: usize, value: u16) -> Option<()> {
    data.get_mut(at..at + 2)?
        .copy_from_slice(&value.to_be_bytes());
    Some(())
}

// Composite glyph flags.
const ARG_1_AND_2_ARE_WORDS: u16 = 0x0001;
const WE_HAVE_A_SCALE: u16 = 0x0008;
const MORE_COMPONENTS: u16 = 0x0020;
const WE_HAVE_AN_X_AND_Y_SCALE: u16 = 0x0040;
const WE_HAVE_A_TWO_BY_TWO: u16 = 0x0080;
const WE_HAVE_INSTRUCTIONS: u16 = 0x0100;

impl FontProgram {
    /// Reads the tables of a TrueType (`glyf`) font.
    pub(crate) fn parse(data: &'static [u8]) -> Result<Self, String> {
        let face = ttf_parser::Face::parse(data, 0).map_err(|e| e.to_string())?;
        let raw = RawFace::parse(data, 0).map_err(|e| e.to_string())?;
        let table = |tag: &[u8; 4]| raw.table(Tag::from_bytes(tag));
        let missing = |tag: &str| format!("the font has no {tag} table");
        let head = table(b"head").ok_or_else(|| missing("head"))?.to_vec();
        let hhea = table(b"hhea").ok_or_else(|| missing("hhea"))?.to_vec();
        let maxp = table(b"maxp").ok_or_else(|| missing("maxp"))?.to_vec();
        let hmtx = table(b"hmtx").ok_or_else(|| missing("hmtx"))?;
        let loca_raw = table(b"loca").ok_or_else(|| missing("loca (not a TrueType font)"))?;
        let glyf = table(b"glyf").ok_or_else(|| missing("glyf (not a TrueType font)"))?;
        let bad = || "the font's head, hhea, maxp or loca table is malformed".to_string();

        let glyphs = usize::from(u16_at(&maxp, 4).ok_or_else(bad)?);
        let long_loca = u16_at(&head, 50).ok_or_else(bad)? == 1;
        let mut loca = Vec::with_capacity(glyphs + 1);
        for i in 0..=glyphs {
            let offset = if long_loca {
                u32_at(loca_raw, i * 4)
            } else {
                u16_at(loca_raw, i * 2).map(|o| u32::from(o) * 2)
            };
            loca.push(offset.ok_or_else(bad)?);
        }
        let long_metrics = usize::from(u16_at(&hhea, 34).ok_or_else(bad)?).max(1);
        let mut metrics = Vec::with_capacity(glyphs);
        let mut advance = 0u16;
        for gid in 0..glyphs {
            let (adv, lsb) = if gid < long_metrics {
                (u16_at(hmtx, gid * 4), u16_at(hmtx, gid * 4 + 2))
            } else {
                (
                    Some(advance),
                    u16_at(hmtx, long_metrics * 4 + (gid - long_metrics) * 2),
                )
            };
            advance = adv.unwrap_or(advance);
            metrics.push((advance, lsb.unwrap_or(0) as i16));
        }

        let mut post = vec![0u8; 32];
        if let Some(original) = table(b"post") {
            let n = original.len().min(16);
            post[..n].copy_from_slice(&original[..n]);
        }
        post[..4].copy_from_slice(&0x0003_0000u32.to_be_bytes());

        let upm = f32::from(face.units_per_em());
        let scale = |v: f32| (v * 1000.0 / upm).round() as i64;
        let bbox = face.global_bounding_box();
        let italic_angle = face.italic_angle();
        let weight = f32::from(face.weight().to_number());
        let postscript_name = face
            .names()
            .into_iter()
            .filter(|n| n.name_id == name_id::POST_SCRIPT_NAME)
            .find_map(|n| n.to_string())
            .unwrap_or_else(|| "Font".to_string())
            .chars()
            .filter(|c| c.is_ascii_graphic() && !"()<>[]{}/%#".contains(*c))
            .collect();
        let descriptor = Descriptor {
            postscript_name,
            bbox: [
                scale(f32::from(bbox.x_min)),
                scale(f32::from(bbox.y_min)),
                scale(f32::from(bbox.x_max)),
                scale(f32::from(bbox.y_max)),
            ],
            ascent: scale(f32::from(face.ascender())),
            descent: scale(f32::from(face.descender())),
            cap_height: scale(f32::from(face.capital_height().unwrap_or(face.ascender()))),
            italic_angle,
            // No table has the stem width; estimate it from the weight as PDF producers do.
            stem_v: (50.0 + (weight / 65.0).powi(2)).round() as i64,
            units_per_em: upm,
        };
        Ok(FontProgram {
            head,
            hhea,
            maxp,
            os2: table(b"OS/2"),
            post,
            glyf,
            loca,
            metrics,
            descriptor,
        })
    }

    /// The `glyf` record of `gid` (empty for glyphs without outline).
    fn glyph(&self, gid: u16) -> Option<&'static [u8]> {
        let i = usize::from(gid);
        let (start, end) = (*self.loca.get(i)? as usize, *self.loca.get(i + 1)? as usize);
        if end <= start {
            return Some(&[]);
        }
        self.glyf.get(start..end)
    }

    /// Builds the subset with `glyphs` (original ids, in the order they get new ids; `.notdef`
    /// is always included, first).
    pub(crate) fn subset(&self, glyphs: &[u16]) -> Result<Subset, String> {
        let malformed = |gid: u16| format!("glyph {gid} of the font is malformed");
        let count = self.metrics.len();
        let mut old_gids = vec![0u16];
        // New id of every original glyph; 0 = not (yet) in the subset, except for `.notdef`.
        let mut new_gids = vec![0u16; count];
        let mut add = |gid: u16, old_gids: &mut Vec<u16>| -> Result<(), String> {
            let i = usize::from(gid);
            if gid != 0 && i < count && new_gids[i] == 0 {
                new_gids[i] = u16::try_from(old_gids.len())
                    .map_err(|_| "too many glyphs for one font".to_string())?;
                old_gids.push(gid);
            }
            Ok(())
        };
        for &gid in glyphs {
            add(gid, &mut old_gids)?;
        }
        // Add the components of composite glyphs (transitively).
        let mut i = 0;
        while i < old_gids.len() {
            let gid = old_gids[i];
            let data = self.glyph(gid).ok_or_else(|| malformed(gid))?;
            if is_composite(data) {
                for component in components(data).ok_or_else(|| malformed(gid))? {
                    add(component, &mut old_gids)?;
                }
            }
            i += 1;
        }

        let n = old_gids.len();
        let mut glyf = Vec::new();
        let mut loca = Vec::with_capacity((n + 1) * 4);
        let mut hmtx = Vec::with_capacity(n * 4);
        for &gid in &old_gids {
            loca.extend((glyf.len() as u32).to_be_bytes());
            let data = self.glyph(gid).ok_or_else(|| malformed(gid))?;
            strip_glyph(data, &new_gids, &mut glyf).ok_or_else(|| malformed(gid))?;
            while glyf.len() % 4 != 0 {
                glyf.push(0);
            }
            let (advance, lsb) = self.metrics[usize::from(gid)];
            hmtx.extend(advance.to_be_bytes());
            hmtx.extend(lsb.to_be_bytes());
        }
        loca.extend((glyf.len() as u32).to_be_bytes());

        let bad = || "the font's head, hhea or maxp table is malformed".to_string();
        let mut head = self.head.clone();
        head.get_mut(8..12).ok_or_else(bad)?.fill(0); // checkSumAdjustment, set below
        set_u16(&mut head, 50, 1).ok_or_else(bad)?; // long loca
        let mut hhea = self.hhea.clone();
        set_u16(&mut hhea, 34, n as u16).ok_or_else(bad)?;
        let mut maxp = self.maxp.clone();
        set_u16(&mut maxp, 4, n as u16).ok_or_else(bad)?;
        if maxp.len() >= 32 {
            set_u16(&mut maxp, 26, 0).ok_or_else(bad)?; // maxSizeOfInstructions
        }

        let mut tables: Vec<(&[u8; 4], &[u8])> = vec![
            (b"glyf", &glyf),
            (b"head", &head),
            (b"hhea", &hhea),
            (b"hmtx", &hmtx),
            (b"loca", &loca),
            (b"maxp", &maxp),
            (b"post", &self.post),
        ];
        if let Some(os2) = self.os2 {
            tables.push((b"OS/2", os2));
        }
        tables.sort_by_key(|(tag, _)| **tag);
        let mut program = write_sfnt(&tables);
        // head.checkSumAdjustment makes the whole file sum to 0xB1B0AFBA.
        let adjustment = 0xB1B0_AFBAu32.wrapping_sub(checksum(&program));
        let head_at = head_offset(&program).ok_or_else(bad)?;
        program
            .get_mut(head_at + 8..head_at + 12)
            .ok_or_else(bad)?
            .copy_from_slice(&adjustment.to_be_bytes());
        Ok(Subset {
            program,
            old_gids,
            new_gids,
        })
    }

    /// Number of glyphs in the font.
    pub(crate) fn glyph_count(&self) -> usize {
        self.metrics.len()
    }

    /// Advance of an original glyph, in font units.
    pub(crate) fn advance(&self, gid: u16) -> u16 {
        self.metrics.get(usize::from(gid)).map_or(0, |m| m.0)
    }
}

/// The glyph ids a composite glyph refers to (none for a simple glyph).
fn components(data: &[u8]) -> Option<Vec<u16>> {
    let mut out = Vec::new();
    if data.is_empty() || (u16_at(data, 0)? as i16) >= 0 {
        return Some(out);
    }
    let mut pos = 10;
    loop {
        let flags = u16_at(data, pos)?;
        out.push(u16_at(data, pos + 2)?);
        pos += component_len(flags);
        if flags & MORE_COMPONENTS == 0 {
            return Some(out);
        }
    }
}

/// Length of a component record with `flags`.
fn component_len(flags: u16) -> usize {
    let mut len = 4 + if flags & ARG_1_AND_2_ARE_WORDS != 0 {
        4
    } else {
        2
    };
    if flags & WE_HAVE_A_SCALE != 0 {
        len += 2;
    } else if flags & WE_HAVE_AN_X_AND_Y_SCALE != 0 {
        len += 4;
    } else if flags & WE_HAVE_A_TWO_BY_TWO != 0 {
        len += 8;
    }
    len
}

/// Whether a `glyf` record is a composite glyph (negative contour count).
fn is_composite(data: &[u8]) -> bool {
    u16_at(data, 0).is_some_and(|n| (n as i16) < 0)
}

/// Appends `data` without hinting instructions, composite references renumbered.
fn strip_glyph(data: &[u8], new_gids: &[u16], out: &mut Vec<u8>) -> Option<()> {
    if data.is_empty() {
        return Some(());
    }
    let contours = u16_at(data, 0)? as i16;
    if contours >= 0 {
        let end_points = 10 + 2 * contours as usize;
        let instructions = usize::from(u16_at(data, end_points)?);
        let rest = data.get(end_points + 2 + instructions..)?;
        out.extend_from_slice(data.get(..end_points)?);
        out.extend([0, 0]);
        out.extend_from_slice(rest);
        return Some(());
    }
    out.extend_from_slice(data.get(..10)?);
    let mut pos = 10;
    loop {
        let flags = u16_at(data, pos)?;
        let gid = u16_at(data, pos + 2)?;
        let len = component_len(flags);
        out.extend((flags & !WE_HAVE_INSTRUCTIONS).to_be_bytes());
        out.extend(
            new_gids
                .get(usize::from(gid))
                .copied()
                .unwrap_or(0)
                .to_be_bytes(),
        );
        out.extend_from_slice(data.get(pos + 4..pos + len)?);
        pos += len;
        if flags & MORE_COMPONENTS == 0 {
            return Some(());
        }
    }
}

/// The sum of `data` as big-endian u32 words (zero-padded).
fn checksum(data: &[u8]) -> u32 {
    let mut words = data.chunks_exact(4);
    let mut sum = (&mut words).fold(0u32, |sum, w| {
        sum.wrapping_add(u32::from_be_bytes([w[0], w[1], w[2], w[3]]))
    });
    let rest = words.remainder();
    if !rest.is_empty() {
        let mut word = [0u8; 4];
        word[..rest.len()].copy_from_slice(rest);
        sum = sum.wrapping_add(u32::from_be_bytes(word));
    }
    sum
}

/// Writes an sfnt file from tables sorted by tag.
fn write_sfnt(tables: &[(&[u8; 4], &[u8])]) -> Vec<u8> {
    let count = tables.len() as u16;
    let mut power = 1u16;
    let mut selector = 0u16;
    while power * 2 <= count {
        power *= 2;
        selector += 1;
    }
    let mut out = Vec::new();
    out.extend(0x0001_0000u32.to_be_bytes());
    out.extend(count.to_be_bytes());
    out.extend((power * 16).to_be_bytes());
    out.extend(selector.to_be_bytes());
    out.extend((count * 16 - power * 16).to_be_bytes());
    let mut offset = 12 + 16 * tables.len();
    for (tag, data) in tables {
        out.extend_from_slice(*tag);
        out.extend(checksum(data).to_be_bytes());
        out.extend((offset as u32).to_be_bytes());
        out.extend((data.len() as u32).to_be_bytes());
        offset += data.len().div_ceil(4) * 4;
    }
    for (_, data) in tables {
        out.extend_from_slice(data);
        while out.len() % 4 != 0 {
            out.push(0);
        }
    }
    out
}

/// Offset of the `head` table in an sfnt written by [`write_sfnt`].
fn head_offset(sfnt: &[u8]) -> Option<usize> {
    let count = usize::from(u16_at(sfnt, 4)?);
    (0..count)
        .find_map(|i| {
            let record = 12 + 16 * i;
            (sfnt.get(record..record + 4)? == b"head").then(|| u32_at(sfnt, record + 8))?
        })
        .map(|o| o as usize)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::font::FontSet;
    use crate::tree::Face;

    #[test]
    fn a_subset_is_a_valid_font_with_the_same_outlines_and_advances() {
        let fonts = FontSet::bundled().unwrap();
        for face in Face::ALL {
            let metrics = fonts.face(face);
            let program = FontProgram::parse(metrics.data).unwrap();
            let text = "ĐẢNG ỦY Nguyễn Thị Ễ ự ặ ỗ — 2020";
            let mut glyphs: Vec<u16> = text.chars().map(|c| metrics.glyph_id(c)).collect();
            glyphs.sort_unstable();
            glyphs.dedup();
            let subset = program.subset(&glyphs).unwrap();
            assert!(subset.program.len() < 40_000, "{}", subset.program.len());
            let parsed = ttf_parser::Face::parse(&subset.program, 0).unwrap();
            assert_eq!(
                usize::from(parsed.number_of_glyphs()),
                subset.old_gids.len()
            );
            assert_eq!(checksum(&subset.program), 0xB1B0_AFBA);
            let original = ttf_parser::Face::parse(metrics.data, 0).unwrap();
            for c in text.chars() {
                let old = metrics.glyph_id(c);
                let new = ttf_parser::GlyphId(subset.new_gid(old));
                assert_ne!(new.0, 0, "{c}");
                assert_eq!(
                    parsed.glyph_hor_advance(new),
                    original.glyph_hor_advance(ttf_parser::GlyphId(old))
                );
                assert_eq!(
                    parsed.glyph_bounding_box(new),
                    original.glyph_bounding_box(ttf_parser::GlyphId(old)),
                    "{c} keeps its outline"
                );
            }
        }
    }
}
