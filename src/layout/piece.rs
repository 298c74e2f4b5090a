//! What a page is made of — text runs and strokes — and the flow pieces (lines, bands, gaps)
//! that the paragraph, table and page layout place. Data only, and the rule's band.

use crate::markup::tree::{Align, Face, Rule};

/// Tolerance for "fits" comparisons, in points.
pub(super) const EPS: f32 = 1e-3;

/// Something drawn on a page.
#[derive(Debug, Clone, PartialEq)]
pub enum Item {
    /// A run of text in one face and size on one baseline.
    Text(PositionedText),
    /// A straight line (rules, underlines, table borders).
    Stroke(Stroke),
}

/// A run of text on one line, in one face and size.
#[derive(Debug, Clone, PartialEq)]
pub struct PositionedText {
    /// The face.
    pub face: Face,
    /// Font size in points.
    pub size: f32,
    /// Left edge of the first glyph.
    pub x: f32,
    /// Baseline, from the top edge of the paper.
    pub y: f32,
    /// The characters drawn (trailing spaces of a line are not part of it).
    pub text: String,
    /// Extra space after every U+0020 in `text`, in points (justification; 0 otherwise).
    pub word_gap: f32,
    /// Advance width of the run, word gaps included: the right edge is `x + width`.
    pub width: f32,
}

/// A straight line, stroked with butt caps.
#[derive(Debug, Clone, PartialEq)]
pub struct Stroke {
    /// Start, x.
    pub x1: f32,
    /// Start, y (from the top edge).
    pub y1: f32,
    /// End, x.
    pub x2: f32,
    /// End, y (from the top edge).
    pub y2: f32,
    /// Stroke width in points.
    pub width: f32,
}

impl Item {
    pub(super) fn shifted(&self, dy: f32) -> Item {
        match self {
            Item::Text(t) => Item::Text(PositionedText {
                y: t.y + dy,
                ..t.clone()
            }),
            Item::Stroke(s) => Item::Stroke(Stroke {
                y1: s.y1 + dy,
                y2: s.y2 + dy,
                ..s.clone()
            }),
        }
    }
}

/// A vertical slice placed as a whole: one line of text, a rule's band, a spacer. Items have
/// absolute `x` and `y` relative to the atom's top.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Atom {
    pub(super) height: f32,
    pub(super) items: Vec<Item>,
}

/// Vertical flow content.
#[derive(Debug, Clone, PartialEq)]
pub(super) enum Piece {
    /// White space (space before/after); never moves to another page by itself.
    Gap(f32),
    /// Content.
    Atom(Atom),
}

/// A rule as flow pieces: the stroke in the middle of a band as high as it is thick.
pub(super) fn rule_pieces(r: &Rule, x0: f32, avail: f32, warnings: &mut Vec<String>) -> Vec<Piece> {
    let mut width = r.width.max(0.0);
    if width > avail + EPS {
        warnings.push(format!(
            "a rule {width:.1} pt long was shortened to the available {avail:.1} pt"
        ));
        width = avail;
    }
    let x = match r.align {
        Align::Left | Align::Justify => x0,
        Align::Center => x0 + (avail - width) / 2.0,
        Align::Right => x0 + avail - width,
    };
    let thickness = r.thickness.max(0.0);
    vec![
        Piece::Gap(r.space_before),
        Piece::Atom(Atom {
            height: thickness,
            items: vec![Item::Stroke(Stroke {
                x1: x,
                y1: thickness / 2.0,
                x2: x + width,
                y2: thickness / 2.0,
                width: thickness,
            })],
        }),
        Piece::Gap(r.space_after),
    ]
}
