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
        if let Some(cmap) = face.tables().cmap {
            for sub in cmap.subtables {
                if !sub.is_unicode() {
                    continue;
                }
                sub.codepoints(|cp| {
                    let Some(c) = char::from_u32(cp) else { return };
                    let Some(gid) = sub.glyph_index(cp) else {
                        return;
                    };
                    if gid.0 == 0 {
                        return;
                    }
                    let adv = face.glyph_hor_advance(gid).unwrap_or(0);
                    if (cp as usize) < DENSE {
                        dense[cp as usize] = (adv, gid.0);
                    } else {
                        sparse.insert(c, (adv, gid.0));
                    }
                });
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
    pub fn covers(&self, c: char) -> bool {
        self.lookup(c).is_some()
    }

    /// The glyph id of `c` (0, `.notdef`, when not covered).
    pub fn glyph_id(&self, c: char) -> u16 {
        self.lookup(c).map(|e| e.1).unwrap_or(0)
    }

    /// Advance of `c` in font units (0 when not covered).
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

/// The four faces of the bundled serif font, parsed once.
#[derive(Debug, Clone)]
pub struct FontSet {
    faces: [FaceMetrics; 4],
}

impl FontSet {
    /// Parses the bundled Liberation Serif faces.
    pub fn bundled() -> Result<Self> {
        Ok(FontSet {
            faces: [
                FaceMetrics::parse(REGULAR, "LiberationSerif-Regular")?,
                FaceMetrics::parse(BOLD, "LiberationSerif-Bold")?,
                FaceMetrics::parse(ITALIC, "LiberationSerif-Italic")?,
                FaceMetrics::parse(BOLD_ITALIC, "LiberationSerif-BoldItalic")?,
            ],
        })
    }

    /// The metrics of one face.
    pub fn face(&self, face: Face) -> &FaceMetrics {
        &self.faces[face.index()]
    }

    /// The first character of `text` that some face lacks (so it cannot print in every style).
    /// Whitespace is exempt: the layout never draws it.
    pub fn first_missing(&self, text: &str) -> Option<char> {
        text.chars()
            .find(|&c| !c.is_whitespace() && self.faces.iter().any(|f| !f.covers(c)))
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
    }
}
