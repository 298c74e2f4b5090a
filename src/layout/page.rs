//! The laid-out document: pages of positioned text runs and strokes (what the PDF writer draws),
//! and the pieces the paragraph and table layouts hand to the paginator.

use crate::tree::Face;

/// Tolerance for "fits" comparisons, in points.
pub(super) const EPS: f32 = 1e-3;

/// A laid-out document.
#[derive(Debug, Clone, PartialEq)]
pub struct Layout {
    /// The pages, first to last (at least one).
    pub pages: Vec<Page>,
    /// Non-fatal findings (a word broken inside, a row split across pages, …).
    pub warnings: Vec<String>,
    /// Where a page begins inside a top-level table: the table's block and the row that heads
    /// the page (after the repeated header rows). The DOCX asks where a table's last rows, kept
    /// with the signature, go.
    pub rows_starting_pages: Vec<(usize, usize)>,
}

/// One page of positioned items.
#[derive(Debug, Clone, PartialEq)]
pub struct Page {
    /// Paper width in points.
    pub width: f32,
    /// Paper height in points.
    pub height: f32,
    /// Text runs and strokes, in drawing order.
    pub items: Vec<Item>,
}

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
    /// The item `dy` lower, taken: a paragraph's line is drawn once, so its items move onto the
    /// page instead of being copied (a 500-page paper held them twice).
    pub(super) fn moved_down(mut self, dy: f32) -> Item {
        match &mut self {
            Item::Text(t) => t.y += dy,
            Item::Stroke(s) => {
                s.y1 += dy;
                s.y2 += dy;
            }
        }
        self
    }

    /// A copy of the item `dy` lower (a table's header row is drawn on every page it spans).
    pub(super) fn shifted(&self, dy: f32) -> Item {
        self.clone().moved_down(dy)
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

