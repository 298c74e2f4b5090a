//! Layout for the PDF backend: the resolved tree → pages of positioned text runs and strokes.
//!
//! Measures only through [`FontSet`](crate::font::FontSet) (the sum of `hmtx` advances, which is what the PDF draws),
//! breaks lines at UAX #14 opportunities, justifies, lays out tables and paginates. No I/O; never
//! panics on user data.
//!
//! Coordinates are points with the origin at the top-left corner of the paper and `y` growing
//! downward (the PDF writer flips them). Vertical metrics of a line: its pitch is
//! `max(line_height, ascender − descender + lineGap of its largest run)`, and its baseline sits
//! `pitch − largest descent` below the top of the line, so extra leading goes above the text (as
//! Word does for "at least" line spacing). Page numbers follow the same rule, with the top of
//! their line at [`PageNumber::top`](crate::tree::PageNumber::top).

mod page;
mod paragraph;
mod table;

use crate::error::{Error, ErrorKind, Result};
use crate::font::FontSet;
use crate::tree::{Align, Block, Document, PageSetup, Rule, RunStyle};

pub(crate) use paragraph::{classify, Glyph};
pub use paragraph::{count_lines, unit_and_natural_width, widest_unit};
use page::{Atom, Piece, EPS};
pub use page::{Item, Layout, Page, PositionedText, Stroke};

/// A top-level block, measured for the text width.
enum Prepared {
    Flow {
        pieces: Vec<Piece>,
        keep_with_next: bool,
        /// The page never breaks between its lines (unless they are more than a page).
        keep_lines: bool,
    },
    Table(table::PreparedTable),
    PageBreak,
}

impl Prepared {
    /// Whether the block must end on the page where the next block starts.
    fn keeps_with_next(&self) -> bool {
        match self {
            Prepared::Flow { keep_with_next, .. } => *keep_with_next,
            Prepared::Table(t) => t.rows.last().is_some_and(|r| r.keep_with_next),
            Prepared::PageBreak => false,
        }
    }
}

/// Lays out `doc` on pages, measuring with `fonts`.
///
/// Fails with [`ErrorKind::MissingGlyph`] when a character (other than white space) is not in
/// the face its run uses, and with [`ErrorKind::Pdf`] when the page has no room between its
/// margins.
pub fn layout_document(doc: &Document, fonts: &FontSet) -> Result<Layout> {
    let setup = &doc.page;
    let mut warnings = Vec::new();
    let mut prepared = prepare(doc, fonts, &mut warnings)?;
    let slots = slots(&prepared);
    let starts = paginate(&slots, &prepared, setup);
    let rows_starting_pages = table_rows(&slots, &starts);
    let mut pages = draw(&slots, &mut prepared, &starts, setup);
    drop(prepared);
    if let Some(number) = &setup.page_number {
        number_pages(&mut pages, setup, number, fonts);
    }
    Ok(Layout {
        pages,
        warnings,
        rows_starting_pages,
    })
}

/// Each top-level block of `doc` measured for the text width; fails as [`layout_document`].
fn prepare(doc: &Document, fonts: &FontSet, warnings: &mut Vec<String>) -> Result<Vec<Prepared>> {
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
    let x0 = setup.margin_left;
    let mut prepared = Vec::with_capacity(doc.blocks.len());
    for block in &doc.blocks {
        prepared.push(match block {
            Block::Paragraph(p) => Prepared::Flow {
                pieces: paragraph_pieces(p, x0, text_width, fonts, warnings)?,
                keep_with_next: p.keep_with_next,
                keep_lines: p.keep_lines,
            },
            Block::Rule(r) => Prepared::Flow {
                pieces: rule_pieces(r, x0, text_width, warnings),
                keep_with_next: false,
                keep_lines: false,
            },
            Block::Spacer(s) => Prepared::Flow {
                pieces: vec![Piece::Atom(Atom {
                    height: s.height.max(0.0),
                    items: Vec::new(),
                })],
                keep_with_next: false,
                keep_lines: false,
            },
            Block::Table(t) => {
                Prepared::Table(table::prepare(t, x0, text_height, fonts, warnings)?)
            }
            Block::PageBreak => Prepared::PageBreak,
        });
    }
    Ok(prepared)
}

/// [`Layout::rows_starting_pages`] of `doc`, without drawing the pages: for a DOCX made
/// without its PDF.
pub(crate) fn rows_starting_pages(doc: &Document, fonts: &FontSet) -> Result<Vec<(usize, usize)>> {
    let prepared = prepare(doc, fonts, &mut Vec::new())?;
    let slots = slots(&prepared);
    let starts = paginate(&slots, &prepared, &doc.page);
    Ok(table_rows(&slots, &starts))
}

/// The table rows (block, row) that pages `starts` begin with, other than after a written break.
fn table_rows(slots: &[Slot], starts: &[PageStart]) -> Vec<(usize, usize)> {
    starts
        .iter()
        .filter_map(|s| match slots.get(s.slot) {
            Some(Slot::Row { block, row, .. }) if !s.forced => Some((*block, *row)),
            _ => None,
        })
        .collect()
}

/// The least number of lines of a paragraph at the foot of a page and at the head of the next
/// (widow and orphan control, as Word's `w:widowControl`).
const MIN_LINES: usize = 2;

/// One unit of the page flow. Pagination decides which page each content slot goes on; the page
/// breaks only before a content slot whose `break_before` allows it (see [`slots`]).
#[derive(Debug, Clone, Copy)]
enum Slot {
    /// White space between blocks (space before and after); dropped at a page break.
    Gap(f32),
    /// Atom `index` (a line, a rule's band, a spacer) of flow block `block`.
    Atom {
        block: usize,
        index: usize,
        height: f32,
        break_before: bool,
    },
    /// Row `row` of the table that is block `block`.
    Row {
        block: usize,
        row: usize,
        height: f32,
        break_before: bool,
    },
    /// A page break written in the document.
    Break,
}

impl Slot {
    /// Height and whether the page may break before it, for content slots.
    fn content(&self) -> Option<(f32, bool)> {
        match *self {
            Slot::Atom {
                height,
                break_before,
                ..
            }
            | Slot::Row {
                height,
                break_before,
                ..
            } => Some((height, break_before)),
            Slot::Gap(_) | Slot::Break => None,
        }
    }
}

/// The flow of `prepared` as slots, with the places the page may break:
///
/// - inside a paragraph, only where at least [`MIN_LINES`] lines stay on either side, and not
///   in one whose lines are kept together;
/// - between blocks, unless the block before is kept with the next (for a table: its last row);
/// - between table rows, unless the row before is kept with the next, and never between the
///   header rows and the first body row.
fn slots(prepared: &[Prepared]) -> Vec<Slot> {
    let mut out = Vec::new();
    let mut keep = false;
    for (block, p) in prepared.iter().enumerate() {
        match p {
            Prepared::Flow {
                pieces, keep_lines, ..
            } => {
                let lines = pieces
                    .iter()
                    .filter(|p| matches!(p, Piece::Atom(_)))
                    .count();
                let mut index = 0;
                for piece in pieces {
                    match piece {
                        // The space after a paragraph and the space before the next one are not
                        // added: the larger one stands (as Word and LibreOffice do).
                        Piece::Gap(h) => match out.last_mut() {
                            Some(Slot::Gap(previous)) => *previous = previous.max(*h),
                            _ => out.push(Slot::Gap(*h)),
                        },
                        Piece::Atom(atom) => {
                            let break_before = if index == 0 {
                                !keep
                            } else {
                                !keep_lines && index >= MIN_LINES && lines - index >= MIN_LINES
                            };
                            out.push(Slot::Atom {
                                block,
                                index,
                                height: atom.height,
                                break_before,
                            });
                            index += 1;
                        }
                    }
                }
            }
            Prepared::Table(t) => {
                for (row, r) in t.rows.iter().enumerate() {
                    let break_before = if row == 0 {
                        !keep
                    } else {
                        t.may_break_before(row)
                    };
                    out.push(Slot::Row {
                        block,
                        row,
                        height: r.height,
                        break_before,
                    });
                }
            }
            Prepared::PageBreak => out.push(Slot::Break),
        }
        keep = p.keeps_with_next();
    }
    out
}

/// Where a page starts: the index of its first slot, and whether a page break written in the
/// document made it (space before its first paragraph is kept then, dropped otherwise, as Word
/// does).
#[derive(Debug, Clone, Copy)]
struct PageStart {
    slot: usize,
    forced: bool,
}

/// The table whose header rows head a page starting at `slot`, when that slot continues a table.
fn continued_table<'a>(
    slots: &[Slot],
    prepared: &'a [Prepared],
    slot: usize,
    page_height: f32,
) -> Option<&'a table::PreparedTable> {
    let Some(Slot::Row { block, row, .. }) = slots.get(slot) else {
        return None;
    };
    let Prepared::Table(t) = &prepared[*block] else {
        return None;
    };
    (*row >= t.header_rows && *row > 0 && t.repeats_header(page_height)).then_some(t)
}

/// Decides the page breaks: fills each page top to bottom; when a content slot does not fit,
/// the page ends at the last place on it where it may break (see [`slots`]), or — when a chain
/// kept together is longer than a page — right before the slot that does not fit.
fn paginate(slots: &[Slot], prepared: &[Prepared], setup: &PageSetup) -> Vec<PageStart> {
    let top = setup.margin_top;
    let bottom = setup.height - setup.margin_bottom;
    let page_height = bottom - top;
    let mut starts = vec![PageStart {
        slot: 0,
        forced: true,
    }];
    let new_page = |slot: usize| {
        top + continued_table(slots, prepared, slot, page_height)
            .map_or(0.0, table::PreparedTable::header_height)
    };
    let mut cursor = top;
    // The first content slot of the current page.
    let mut first: Option<usize> = None;
    let mut i = 0;
    while i < slots.len() {
        match slots[i] {
            Slot::Gap(h) => {
                let forced = starts.last().is_some_and(|s| s.forced);
                if first.is_some() || forced {
                    cursor += h;
                }
            }
            Slot::Break => {
                starts.push(PageStart {
                    slot: i + 1,
                    forced: true,
                });
                cursor = top;
                first = None;
            }
            _ => {
                let (height, _) = slots[i].content().unwrap_or((0.0, true));
                let Some(page_first) = first else {
                    // The first content of a page goes there even when it does not fit.
                    first = Some(i);
                    cursor += height;
                    i += 1;
                    continue;
                };
                if cursor + height <= bottom + EPS {
                    cursor += height;
                    i += 1;
                    continue;
                }
                let at = (page_first + 1..=i)
                    .rev()
                    .find(|&j| slots[j].content().is_some_and(|(_, may)| may))
                    .unwrap_or(i);
                starts.push(PageStart {
                    slot: at,
                    forced: false,
                });
                cursor = new_page(at);
                first = None;
                i = at;
                continue;
            }
        }
        i += 1;
    }
    starts
}

/// Draws the slots on the pages that [`paginate`] decided. The paragraphs' lines move out of
/// `prepared` onto the pages; the tables stay (a header row is drawn on every page it spans).
fn draw(
    slots: &[Slot],
    prepared: &mut [Prepared],
    starts: &[PageStart],
    setup: &PageSetup,
) -> Vec<Page> {
    let top = setup.margin_top;
    let page_height = setup.text_height();
    let mut pages = Vec::with_capacity(starts.len());
    for (n, start) in starts.iter().enumerate() {
        let end = starts.get(n + 1).map_or(slots.len(), |s| s.slot);
        let mut items = Vec::new();
        let mut cursor = top;
        // Bottom of the table row drawn last on this page, with its table.
        let mut last_row: Option<(usize, f32)> = None;
        if let Some(t) = continued_table(slots, prepared, start.slot, page_height) {
            let Some(Slot::Row { block, .. }) = slots.get(start.slot) else {
                continue;
            };
            for row in 0..t.header_rows {
                let bottom = t.draw_row(row, cursor, last_row.map(|(_, b)| b), &mut items);
                last_row = Some((*block, bottom));
                cursor = bottom;
            }
        }
        let mut content = false;
        for slot in &slots[start.slot.min(end)..end] {
            match *slot {
                Slot::Gap(h) => {
                    if content || start.forced {
                        cursor += h;
                    }
                }
                Slot::Break => {}
                Slot::Atom { block, index, .. } => {
                    content = true;
                    if let Prepared::Flow { pieces, .. } = &mut prepared[block] {
                        if let Some(atom) = pieces
                            .iter_mut()
                            .filter_map(|p| match p {
                                Piece::Atom(a) => Some(a),
                                Piece::Gap(_) => None,
                            })
                            .nth(index)
                        {
                            let moved = std::mem::take(&mut atom.items);
                            items.extend(moved.into_iter().map(|item| item.moved_down(cursor)));
                            cursor += atom.height;
                        }
                    }
                }
                Slot::Row { block, row, .. } => {
                    content = true;
                    if let Prepared::Table(t) = &prepared[block] {
                        let shared = last_row.filter(|(b, _)| *b == block).map(|(_, y)| y);
                        cursor = t.draw_row(row, cursor, shared, &mut items);
                        last_row = Some((block, cursor));
                    }
                }
            }
        }
        pages.push(Page {
            width: setup.width,
            height: setup.height,
            items,
        });
    }
    pages
}

/// A paragraph as flow pieces: space before, lines, space after.
fn paragraph_pieces(
    p: &crate::tree::Paragraph,
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

/// Draws the page numbers, centred between the side margins in the top margin.
fn number_pages(
    pages: &mut [Page],
    setup: &PageSetup,
    number: &crate::tree::PageNumber,
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
