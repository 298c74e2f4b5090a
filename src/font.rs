//! The bundled serif font (Liberation Serif, metric-compatible with Times New Roman): its bytes,
//! and metrics read once with ttf-parser — advances, vertical metrics, coverage.
//!
//! Measuring here gives exactly what the PDF draws (the sum of `hmtx` advances, no kerning), and
//! what Word draws for the DOCX in Times New Roman, since the metrics are the same.

use std::collections::HashMap;

use crate::error::{Error, ErrorKind, Result};

const REGULAR: &[u8] = include_bytes!("../fonts/LiberationSerif-Regular.ttf");
const BOLD: &[u8] = include_bytes!("../fonts/LiberationSerif-Bold.ttf");
const ITALIC: &[u8] = include_bytes!("../fonts/LiberationSerif-Italic.ttf");
const BOLD_ITALIC: &[u8] = include_bytes!("../fonts/LiberationSerif-BoldItalic.ttf");

/// The family name written into DOCX files (all four font slots).
pub const DOCX_FAMILY: &str = "Times New Roman";

/// Code points below this are looked up in a dense table.
const DENSE: usize = 0x2100;

/// Metrics of one face, in font units unless stated.
#[derive(Debug, Clone)]
pub struct FaceMetrics {
    /// The TrueType bytes.
    pub data: &'static [u8],
    /// Units per em.
    pub units_per_em: f32,
    /// Typographic ascender (positive).
    pub ascender: f32,
    /// Typographic descender (negative).
    pub descender: f32,
    /// Line gap.
    pub line_gap: f32,
    /// Underline position (negative = below baseline) and thickness.
    pub underline: (f32, f32),
    /// Advance and glyph id per char, dense part (`u16::MAX` advance = not covered).
    dense: Vec<(u16, u16)>,
    /// Advance and glyph id per char above the dense range.
    sparse: HashMap<char, (u16, u16)>,
}

impl FaceMetrics {
    fn parse(data: &'static [u8], name: &str) -> Result<Self> {
        let face = ttf_parser::Face::parse(data, 0)
            .map_err(|e| Error::new(ErrorKind::Font, format!("cannot read font {name}: {e}")))?;
        let mut dense = vec![(u16::MAX, 0u16); DENSE];
        let mut sparse = HashMap::new();
        let hmtx = Advances::new(&face);
        let mut add = |cp: u32, gid: u16| {
            let Some(c) = char::from_u32(cp) else { return };
            if gid == 0 {
                return;
            }
            let adv = hmtx.get(gid);
            if (cp as usize) < DENSE {
                dense[cp as usize] = (adv, gid);
            } else {
                sparse.insert(c, (adv, gid));
            }
        };
        if let Some(cmap) = face.tables().cmap {
            let raw = face.raw_face().table(ttf_parser::Tag::from_bytes(b"cmap"));
            let mut seen = Vec::new();
            for (index, sub) in (0u16..).zip(cmap.subtables) {
                if !sub.is_unicode() {
                    continue;
                }
                // Fonts often point several encoding records at one subtable.
                let offset = raw.and_then(|raw| u32_at(raw, 4 + 8 * usize::from(index) + 4));
                if offset.is_some() && seen.contains(&offset) {
                    continue;
                }
                seen.push(offset);
                let format4 = raw
                    .zip(offset)
                    .and_then(|(raw, at)| raw.get(usize::try_from(at).ok()?..))
                    .filter(|data| u16_at(data, 0) == Some(4));
                match format4 {
                    Some(data) if walk_format4(data, &mut add).is_some() => {}
                    _ => sub.codepoints(|cp| {
                        if let Some(gid) = sub.glyph_index(cp) {
                            add(cp, gid.0);
                        }
                    }),
                }
            }
        }
        let underline = face
            .underline_metrics()
            .map(|m| (m.position as f32, m.thickness as f32))
            .unwrap_or((
                -0.1 * face.units_per_em() as f32,
                0.05 * face.units_per_em() as f32,
            ));
        Ok(FaceMetrics {
            data,
            units_per_em: face.units_per_em() as f32,
            ascender: face.ascender() as f32,
            descender: face.descender() as f32,
            line_gap: face.line_gap() as f32,
            underline,
            dense,
            sparse,
        })
    }

    #[inline]
    fn lookup(&self, c: char) -> Option<(u16, u16)> {
        let cp = c as usize;
        if cp < DENSE {
            let e = self.dense[cp];
            (e.0 != u16::MAX).then_some(e)
        } else {
            self.sparse.get(&c).copied()
        }
    }

    /// Whether the face has a glyph for `c`.
    #[inline]
    pub fn covers(&self, c: char) -> bool {
        self.lookup(c).is_some()
    }

    /// The glyph id of `c` (0, `.notdef`, when not covered).
    #[inline]
    pub fn glyph_id(&self, c: char) -> u16 {
        self.lookup(c).map(|e| e.1).unwrap_or(0)
    }

    /// Advance of `c` in font units (0 when not covered).
    #[inline]
    pub fn advance_units(&self, c: char) -> f32 {
        self.lookup(c).map(|e| e.0 as f32).unwrap_or(0.0)
    }

    /// Width of `text` at `size` points.
    pub fn measure(&self, text: &str, size: f32) -> f32 {
        let units: f32 = text.chars().map(|c| self.advance_units(c)).sum();
        units * size / self.units_per_em
    }

    /// Ascent above the baseline at `size` points.
    pub fn ascent(&self, size: f32) -> f32 {
        self.ascender * size / self.units_per_em
    }

    /// Descent below the baseline at `size` points (positive).
    pub fn descent(&self, size: f32) -> f32 {
        -self.descender * size / self.units_per_em
    }

    /// Natural baseline-to-baseline distance at `size` points.
    pub fn line_height(&self, size: f32) -> f32 {
        (self.ascender - self.descender + self.line_gap) * size / self.units_per_em
    }
}

/// The advance of every glyph, read straight from `hmtx`.
struct Advances<'a> {
    hmtx: &'a [u8],
    long: usize,
}

impl<'a> Advances<'a> {
    fn new(face: &ttf_parser::Face<'a>) -> Self {
        let raw = face.raw_face();
        let hmtx = raw
            .table(ttf_parser::Tag::from_bytes(b"hmtx"))
            .unwrap_or_default();
        let long = raw
            .table(ttf_parser::Tag::from_bytes(b"hhea"))
            .and_then(|hhea| u16_at(hhea, 34))
            .map_or(0, usize::from);
        Advances { hmtx, long }
    }

    /// The advance of `gid` (glyphs past the long metrics share the last advance), 0 when
    /// the table is short.
    fn get(&self, gid: u16) -> u16 {
        if self.long == 0 {
            return 0;
        }
        let i = usize::from(gid).min(self.long - 1);
        u16_at(self.hmtx, i * 4).unwrap_or(0)
    }
}

fn u16_at(data: &[u8], at: usize) -> Option<u16> {
    Some(u16::from_be_bytes(
        data.get(at..at.checked_add(2)?)?.try_into().ok()?,
    ))
}

fn u32_at(data: &[u8], at: usize) -> Option<u32> {
    Some(u32::from_be_bytes(
        data.get(at..at.checked_add(4)?)?.try_into().ok()?,
    ))
}

/// Calls `f(code point, glyph id)` for every character of a format 4 `cmap` subtable, one
/// segment after another (a lookup per character would binary-search the segments each time);
/// `None`, having called `f` for nothing, when the subtable is malformed.
fn walk_format4(data: &[u8], f: &mut impl FnMut(u32, u16)) -> Option<()> {
    let segments = usize::from(u16_at(data, 6)? / 2);
    let ends = 14;
    let starts = ends + 2 * segments + 2;
    let deltas = starts + 2 * segments;
    let range_offsets = deltas + 2 * segments;
    data.get(..range_offsets + 2 * segments)?;
    let mut found = Vec::new();
    for i in 0..segments {
        let end = u16_at(data, ends + 2 * i)?;
        let start = u16_at(data, starts + 2 * i)?;
        let delta = u16_at(data, deltas + 2 * i)?;
        let range_offset_at = range_offsets + 2 * i;
        let range_offset = u16_at(data, range_offset_at)?;
        if start == 0xFFFF || start > end {
            continue;
        }
        for cp in start..=end {
            let gid = if range_offset == 0 {
                cp.wrapping_add(delta)
            } else {
                let at = range_offset_at + usize::from(range_offset) + 2 * usize::from(cp - start);
                match u16_at(data, at)? {
                    0 => 0,
                    g => g.wrapping_add(delta),
                }
            };
            found.push((u32::from(cp), gid));
        }
    }
    for (cp, gid) in found {
        f(cp, gid);
    }
    Some(())
}

/// The four faces of the bundled serif font, parsed once.
#[derive(Debug, Clone)]
pub struct FontSet {
    faces: [FaceMetrics; 4],
    /// Per code point of the dense range: whether every face covers it (one lookup per
    /// character when every field of a document is checked).
    everywhere: Vec<bool>,
}

impl FontSet {
    /// Parses the bundled Liberation Serif faces.
    pub fn bundled() -> Result<Self> {
        let faces = [
            FaceMetrics::parse(REGULAR, "LiberationSerif-Regular")?,
            FaceMetrics::parse(BOLD, "LiberationSerif-Bold")?,
            FaceMetrics::parse(ITALIC, "LiberationSerif-Italic")?,
            FaceMetrics::parse(BOLD_ITALIC, "LiberationSerif-BoldItalic")?,
        ];
        let everywhere = (0..DENSE)
            .map(|cp| faces.iter().all(|f| f.dense[cp].0 != u16::MAX))
            .collect();
        Ok(FontSet { faces, everywhere })
    }

    /// The metrics of one face.
    pub fn face(&self, face: Face) -> &FaceMetrics {
        &self.faces[face.index()]
    }

    /// The first character of `text` that some face lacks (so it cannot print in every style).
    /// Whitespace is exempt: the layout never draws it.
    pub fn first_missing(&self, text: &str) -> Option<char> {
        text.chars().find(|&c| {
            let covered = match self.everywhere.get(c as usize) {
                Some(&all) => all,
                None => self.faces.iter().all(|f| f.covers(c)),
            };
            !covered && !c.is_whitespace()
        })
    }
}

/// One of the four faces of the serif font.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Face {
    /// Regular.
    Regular,
    /// Bold.
    Bold,
    /// Italic.
    Italic,
    /// Bold italic.
    BoldItalic,
}

impl Face {
    /// All faces, in index order.
    pub const ALL: [Face; 4] = [Face::Regular, Face::Bold, Face::Italic, Face::BoldItalic];

    /// Index into per-face arrays.
    pub fn index(self) -> usize {
        self as usize
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn covers_vietnamese_and_measures_like_times() {
        let fonts = FontSet::bundled().unwrap();
        let regular = fonts.face(Face::Regular);
        for c in "ĐẢNG CỘNG SẢN VIỆT NAM ỦY Ủy ỹ ự ằ ẵ ’ – “”".chars()
        {
            assert!(regular.covers(c), "{c:?} should be covered");
        }
        // Times New Roman: 'M' is 0.889 em, space 0.25 em.
        assert!((regular.measure("M", 1000.0) - 889.0).abs() < 1.0);
        assert!((regular.measure(" ", 1000.0) - 250.0).abs() < 1.0);
        assert_eq!(fonts.first_missing("Nguyễn 中"), Some('中'));
        assert_eq!(fonts.first_missing("Nguyễn Văn\u{a0}A"), None);
        // Whitespace need not be covered; in the dense table and above it, a character the
        // faces lack is missing and one they have is not.
        assert_eq!(fonts.first_missing("a\u{2028}b"), None);
        assert_eq!(fonts.first_missing("ok \u{0378}"), Some('\u{0378}'));
        assert_eq!(fonts.first_missing("ok ™ ₫"), None);
        assert!(fonts
            .faces
            .iter()
            .all(|f| f.covers('™') && !f.covers('\u{0378}')));
    }

    #[test]
    fn the_cmap_walk_agrees_with_ttf_parser_for_every_character() {
        let fonts = FontSet::bundled().unwrap();
        for face in Face::ALL {
            let metrics = fonts.face(face);
            let parsed = ttf_parser::Face::parse(metrics.data, 0).unwrap();
            let mut covered = 0;
            // The faces map the Basic Multilingual Plane only (format 4); one plane more shows that
            // nothing beyond it is claimed.
            for c in (0..=0x1FFFFu32).filter_map(char::from_u32) {
                let expected = parsed.glyph_index(c).filter(|g| g.0 != 0);
                assert_eq!(metrics.covers(c), expected.is_some(), "{face:?} {c:?}");
                if let Some(gid) = expected {
                    covered += 1;
                    assert_eq!(metrics.glyph_id(c), gid.0, "{face:?} {c:?}");
                    let advance = parsed.glyph_hor_advance(gid).unwrap();
                    assert_eq!(metrics.advance_units(c), f32::from(advance), "{c:?}");
                }
            }
            assert!(covered > 2000, "{face:?}: {covered}");
        }
    }

    #[test]
    fn a_malformed_format4_subtable_is_refused_whole() {
        // Two segments announced, the arrays cut short.
        let data = [0, 4, 0, 40, 0, 0, 0, 4, 0, 0, 0, 0, 0, 0, 0, 0x41, 0xFF];
        let mut calls = 0;
        assert_eq!(walk_format4(&data, &mut |_, _| calls += 1), None);
        assert_eq!(calls, 0);
    }
}
