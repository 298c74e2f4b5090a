//! Layout for the PDF backend: the resolved tree → pages of positioned text runs and strokes.
//!
//! Measures only through [`FontSet`] (the sum of `hmtx` advances, which is what the PDF draws),
//! breaks lines at UAX #14 opportunities, justifies, lays out tables and paginates. No I/O; never
//! panics on user data.
//!
//! Coordinates are points with the origin at the top-left corner of the paper and `y` growing
//! downward (the PDF writer flips them). Vertical metrics of a line: its pitch is
//! `max(line_height, ascender − descender + lineGap of its largest run)`, and its baseline sits
//! `pitch − largest descent` below the top of the line, so extra leading goes above the text (as
//! Word does for "at least" line spacing). Page numbers follow the same rule, with the top of
//! their line at [`PageNumber::top`](crate::markup::tree::PageNumber::top).

mod paragraph;
mod table;

use crate::error::{Error, ErrorKind, Result};
use crate::font::FontSet;
use crate::markup::tree::{Align, Block, Document, Face, PageSetup, Rule, RunStyle};

pub(crate) use paragraph::{classify, Glyph};

/// Tolerance for "fits" comparisons, in points.
const EPS: f32 = 1e-3;

/// A laid-out document.
#[derive(Debug, Clone, PartialEq)]
pub struct Layout {
    /// The pages, first to last (at least one).
    pub pages: Vec<Page>,
    /// Non-fatal findings (a word broken inside, a row split across pages, …).
    pub warnings: Vec<String>,
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
    fn shifted(&self, dy: f32) -> Item {
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
struct Atom {
    height: f32,
    items: Vec<Item>,
}

/// Vertical flow content.
#[derive(Debug, Clone, PartialEq)]
enum Piece {
    /// White space (space before/after); never moves to another page by itself.
    Gap(f32),
    /// Content.
    Atom(Atom),
}

/// A top-level block, measured for the text width.
enum Prepared {
    Flow {
        pieces: Vec<Piece>,
        keep_with_next: bool,
    },
    Table(table::PreparedTable),
    PageBreak,
}

impl Prepared {
    /// Total height, for keep-with-next chains.
    fn height(&self) -> f32 {
        match self {
            Prepared::Flow { pieces, .. } => pieces.iter().map(piece_height).sum(),
            Prepared::Table(t) => t.rows.iter().map(|r| r.height).sum(),
            Prepared::PageBreak => 0.0,
        }
    }

    /// Height up to and including the first line (or row).
    fn first_height(&self) -> f32 {
        match self {
            Prepared::Flow { pieces, .. } => {
                let mut h = 0.0;
                for piece in pieces {
                    h += piece_height(piece);
                    if matches!(piece, Piece::Atom(_)) {
                        break;
                    }
                }
                h
            }
            Prepared::Table(t) => t.lead_height(),
            Prepared::PageBreak => 0.0,
        }
    }
}

fn piece_height(piece: &Piece) -> f32 {
    match piece {
        Piece::Gap(h) => *h,
        Piece::Atom(a) => a.height,
    }
}

/// Lays out `doc` on pages, measuring with `fonts`.
///
/// Fails with [`ErrorKind::MissingGlyph`] when a character (other than white space) is not in
/// the face its run uses, and with [`ErrorKind::Pdf`] when the page has no room between its
/// margins.
pub fn layout_document(doc: &Document, fonts: &FontSet) -> Result<Layout> {
    let setup = &doc.page;
    let text_width = setup.text_width();
    let text_height = setup.text_height();
    if !(text_width >= 1.0
        && text_height >= 1.0
        && setup.width.is_finite()
        && setup.height.is_finite())
    {
        return Err(Error::new(
            ErrorKind::Pdf,
            format!(
                "the page has no room between its margins: {}×{} pt paper, margins {} / {} / {} / {} pt",
                setup.width,
                setup.height,
                setup.margin_top,
                setup.margin_bottom,
                setup.margin_left,
                setup.margin_right
            ),
        ));
    }
    let mut warnings = Vec::new();
    let x0 = setup.margin_left;
    let mut prepared = Vec::with_capacity(doc.blocks.len());
    for block in &doc.blocks {
        prepared.push(match block {
            Block::Paragraph(p) => Prepared::Flow {
                pieces: paragraph_pieces(p, x0, text_width, fonts, &mut warnings)?,
                keep_with_next: p.keep_with_next,
            },
            Block::Rule(r) => Prepared::Flow {
                pieces: rule_pieces(r, x0, text_width, &mut warnings),
                keep_with_next: false,
            },
            Block::Spacer(s) => Prepared::Flow {
                pieces: vec![Piece::Atom(Atom {
                    height: s.height.max(0.0),
                    items: Vec::new(),
                })],
                keep_with_next: false,
            },
            Block::Table(t) => Prepared::Table(table::prepare(t, x0, fonts, &mut warnings)?),
            Block::PageBreak => Prepared::PageBreak,
        });
    }

    let mut pager = Pager::new(setup);
    for (i, block) in prepared.iter().enumerate() {
        match block {
            Prepared::Flow {
                pieces,
                keep_with_next,
            } => {
                if *keep_with_next && !pager.fresh {
                    // The chain of keep-with-next blocks from here, plus the next block's first
                    // line, moves to the next page together when it does not fit here.
                    let mut needed = 0.0;
                    let mut j = i;
                    while let Some(Prepared::Flow {
                        keep_with_next: true,
                        ..
                    }) = prepared.get(j)
                    {
                        needed += prepared[j].height();
                        j += 1;
                    }
                    needed += prepared.get(j).map(Prepared::first_height).unwrap_or(0.0);
                    if !pager.fits(needed) && needed <= text_height + EPS {
                        pager.new_page();
                    }
                }
                for piece in pieces {
                    match piece {
                        Piece::Gap(h) => pager.cursor += h,
                        Piece::Atom(atom) => pager.place(atom),
                    }
                }
            }
            Prepared::Table(t) => t.place(&mut pager, &mut warnings),
            Prepared::PageBreak => pager.new_page(),
        }
    }
    let mut pages = pager.finish();
    if let Some(number) = &setup.page_number {
        number_pages(&mut pages, setup, number, fonts);
    }
    Ok(Layout { pages, warnings })
}

/// A paragraph as flow pieces: space before, lines, space after.
fn paragraph_pieces(
    p: &crate::markup::tree::Paragraph,
    x0: f32,
    width: f32,
    fonts: &FontSet,
    warnings: &mut Vec<String>,
) -> Result<Vec<Piece>> {
    let lines = paragraph::layout_paragraph(p, x0, width, fonts, warnings)?;
    let mut pieces = Vec::with_capacity(lines.len() + 2);
    pieces.push(Piece::Gap(p.space_before));
    pieces.extend(lines.into_iter().map(Piece::Atom));
    pieces.push(Piece::Gap(p.space_after));
    Ok(pieces)
}

/// A rule as flow pieces: the stroke in the middle of a band as high as it is thick.
fn rule_pieces(r: &Rule, x0: f32, avail: f32, warnings: &mut Vec<String>) -> Vec<Piece> {
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

/// Fills pages top to bottom.
struct Pager {
    width: f32,
    height: f32,
    top: f32,
    bottom: f32,
    pages: Vec<Page>,
    items: Vec<Item>,
    /// Where the next content goes.
    cursor: f32,
    /// Nothing but white space (and repeated table headers) on the current page yet: moving to a
    /// new page would not help.
    fresh: bool,
}

impl Pager {
    fn new(setup: &PageSetup) -> Self {
        Pager {
            width: setup.width,
            height: setup.height,
            top: setup.margin_top,
            bottom: setup.height - setup.margin_bottom,
            pages: Vec::new(),
            items: Vec::new(),
            cursor: setup.margin_top,
            fresh: true,
        }
    }

    /// Whether `height` more fits on the current page.
    fn fits(&self, height: f32) -> bool {
        self.cursor + height <= self.bottom + EPS
    }

    fn new_page(&mut self) {
        let items = std::mem::take(&mut self.items);
        self.pages.push(Page {
            width: self.width,
            height: self.height,
            items,
        });
        self.cursor = self.top;
        self.fresh = true;
    }

    /// Places an atom, on the next page if it does not fit on this one.
    fn place(&mut self, atom: &Atom) {
        if !self.fresh && !self.fits(atom.height) {
            self.new_page();
        }
        self.put(atom);
        self.fresh = false;
    }

    /// Puts an atom at the cursor, whether it fits or not.
    fn put(&mut self, atom: &Atom) {
        let dy = self.cursor;
        self.items
            .extend(atom.items.iter().map(|item| item.shifted(dy)));
        self.cursor += atom.height;
    }

    /// Closes the last page (even an empty one after a trailing page break, as Word does).
    fn finish(mut self) -> Vec<Page> {
        self.new_page();
        self.pages
    }
}

/// Draws the page numbers, centred between the side margins in the top margin.
fn number_pages(
    pages: &mut [Page],
    setup: &PageSetup,
    number: &crate::markup::tree::PageNumber,
    fonts: &FontSet,
) {
    let style = RunStyle::regular(number.size);
    let face = fonts.face(style.face());
    let baseline = number.top + face.line_height(style.size) - face.descent(style.size);
    for (i, page) in pages.iter_mut().enumerate() {
        let n = i + 1;
        if (n as u64) < u64::from(number.first) {
            continue;
        }
        let text = n.to_string();
        let width = face.measure(&text, style.size);
        page.items.push(Item::Text(PositionedText {
            face: style.face(),
            size: style.size,
            x: setup.margin_left + (setup.text_width() - width) / 2.0,
            y: baseline,
            text,
            word_gap: 0.0,
            width,
        }));
    }
}

#[cfg(test)]
mod tests;
