//! Tables: fixed columns, column spans, padding, vertical alignment and borders. Pagination (in
//! the parent module) moves whole rows: header rows repeat on every continuation page, a row is
//! kept with the next when its paragraphs say so, and a row is split across pages only when it is
//! taller than an empty page (cut here, beforehand, into parts that fit).

use super::page::{Atom, Item, Piece, Stroke, EPS};
use super::{paragraph_pieces, rule_pieces};
use crate::error::Result;
use crate::font::FontSet;
use crate::tree::{Block, Table, VAlign};

/// A table measured for its column widths.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct PreparedTable {
    /// The rows; a row taller than a page comes as several parts.
    pub(super) rows: Vec<PreparedRow>,
    /// How many leading entries of `rows` are header rows (never split).
    pub(super) header_rows: usize,
    left: f32,
    right: f32,
    /// Border stroke width, when the table has borders.
    border: Option<f32>,
    pad_y: f32,
}

/// A row (or the part of a split row) with its cells laid out.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct PreparedRow {
    pub(super) height: f32,
    cells: Vec<PreparedCell>,
    /// Stays on the same page as what follows it: a paragraph of the row is kept with the next
    /// (as Word keeps a row whose paragraphs have `keepNext`), or the row is a part of a split
    /// row other than the last.
    pub(super) keep_with_next: bool,
    /// A part of a split row after the first: the page may break before it.
    pub(super) continued: bool,
}

#[derive(Debug, Clone, PartialEq)]
struct PreparedCell {
    /// Left and right edges of the cell (borders run along them).
    x0: f32,
    x1: f32,
    /// Atoms with their offsets from the top of the cell's content box.
    content: Vec<(f32, Atom)>,
    content_height: f32,
    v_align: VAlign,
}

/// Lays out every cell of `t`, the table's left edge at `x0`; a body row taller than
/// `page_height` (less the header rows) is cut into parts that fit.
pub(super) fn prepare(
    t: &Table,
    x0: f32,
    page_height: f32,
    fonts: &FontSet,
    warnings: &mut Vec<String>,
) -> Result<PreparedTable> {
    let mut edges = Vec::with_capacity(t.columns.len() + 1);
    let mut x = x0;
    edges.push(x);
    for w in &t.columns {
        x += if w.is_finite() { w.max(0.0) } else { 0.0 };
        edges.push(x);
    }
    let columns = t.columns.len();
    let pad_x = t.cell_padding_x.max(0.0);
    // A border takes room in the row, as in Word and LibreOffice: half of it above the cell's
    // content and half below, counted as padding.
    let pad_y = t.cell_padding_y.max(0.0)
        + if t.borders {
            t.border_width.max(0.0) / 2.0
        } else {
            0.0
        };
    let mut warned_extra = false;
    let mut warned_nested = false;
    let mut rows = Vec::with_capacity(t.rows.len());
    let header_rows = t.header_rows.min(t.rows.len());
    let mut header_height = 0.0f32;
    for (index, row) in t.rows.iter().enumerate() {
        let mut cells = Vec::with_capacity(row.cells.len());
        let mut col = 0usize;
        for cell in &row.cells {
            if col >= columns {
                if !warned_extra {
                    warnings.push(
                        "a table row has more cells than the table has columns; the extra cells were dropped"
                            .to_string(),
                    );
                    warned_extra = true;
                }
                break;
            }
            let end = (col + cell.col_span.max(1)).min(columns);
            let (cx0, cx1) = (edges[col], edges[end]);
            col = end;
            let inner_x = cx0 + pad_x;
            let inner_w = (cx1 - cx0 - 2.0 * pad_x).max(0.0);
            let mut content = Vec::new();
            let mut offset = 0.0f32;
            let mut gap = 0.0f32;
            for block in &cell.blocks {
                let pieces = match block {
                    Block::Paragraph(p) => paragraph_pieces(p, inner_x, inner_w, fonts, warnings)?,
                    Block::Rule(r) => rule_pieces(r, inner_x, inner_w, warnings),
                    Block::Spacer(s) => vec![Piece::Atom(Atom {
                        height: s.height.max(0.0),
                        items: Vec::new(),
                    })],
                    Block::Table(_) | Block::PageBreak => {
                        if !warned_nested {
                            warnings.push(
                                "a table cell holds a table or a page break; it was left out"
                                    .to_string(),
                            );
                            warned_nested = true;
                        }
                        Vec::new()
                    }
                };
                for piece in pieces {
                    match piece {
                        // Adjacent spaces after and before paragraphs: the larger one stands.
                        Piece::Gap(h) => gap = gap.max(h),
                        Piece::Atom(atom) => {
                            offset += std::mem::take(&mut gap);
                            let h = atom.height;
                            content.push((offset, atom));
                            offset += h;
                        }
                    }
                }
            }
            offset += gap;
            cells.push(PreparedCell {
                x0: cx0,
                x1: cx1,
                content,
                content_height: offset.max(0.0),
                v_align: cell.v_align,
            });
        }
        let keep_with_next = row.cells.iter().any(|c| {
            c.blocks
                .iter()
                .any(|b| matches!(b, Block::Paragraph(p) if p.keep_with_next))
        });
        let prepared = PreparedRow {
            height: row_height(&cells, pad_y),
            cells,
            keep_with_next,
            continued: false,
        };
        if index < header_rows {
            header_height += prepared.height;
            rows.push(prepared);
            continue;
        }
        // Room for a body row on an empty page below the repeated header rows.
        let room = if header_height < page_height - EPS {
            page_height - header_height
        } else {
            page_height
        };
        if prepared.height <= room + EPS {
            rows.push(prepared);
            continue;
        }
        warnings.push(format!(
            "table row {} is taller than a page and was split across pages",
            index + 1
        ));
        let mut rest = prepared;
        loop {
            let (mut part, tail) = split_row(&rest, room - 2.0 * pad_y, pad_y);
            part.continued = rest.continued;
            match tail {
                Some(mut tail) if tail.height < rest.height - EPS => {
                    part.keep_with_next = true;
                    tail.continued = true;
                    tail.keep_with_next = rest.keep_with_next;
                    rows.push(part);
                    rest = tail;
                }
                _ => {
                    part.keep_with_next = rest.keep_with_next;
                    rows.push(part);
                    break;
                }
            }
        }
    }
    Ok(PreparedTable {
        rows,
        header_rows,
        left: x0,
        right: x,
        border: t.borders.then_some(t.border_width.max(0.0)),
        pad_y,
    })
}

fn row_height(cells: &[PreparedCell], pad_y: f32) -> f32 {
    cells
        .iter()
        .map(|c| c.content_height)
        .fold(0.0f32, f32::max)
        + 2.0 * pad_y
}

impl PreparedTable {
    /// Height of the header rows (repeated on continuation pages).
    pub(super) fn header_height(&self) -> f32 {
        self.rows[..self.header_rows].iter().map(|r| r.height).sum()
    }

    /// Whether the header rows repeat at the top of a continuation page that is `page_height`
    /// tall.
    pub(super) fn repeats_header(&self, page_height: f32) -> bool {
        self.header_rows > 0
            && self.header_rows < self.rows.len()
            && self.header_height() < page_height - EPS
    }

    /// Whether the page may break before row `i` (an index into `rows`): never between the
    /// header rows and the first body row, nor between the first two body rows of a table with
    /// header rows (a header does not end a page with a single row under it: it travels with
    /// two, issue 9), never after a row kept with the next.
    pub(super) fn may_break_before(&self, i: usize) -> bool {
        if i == 0 {
            return true;
        }
        if i <= self.header_rows {
            return false;
        }
        if self.header_rows > 0 && i == self.header_rows + 1 && !self.rows[i].continued {
            return false;
        }
        self.rows[i].continued || !self.rows[i - 1].keep_with_next
    }

    /// Draws row `i` with its top at `top` into `items`; `last_bottom` is the bottom of the row
    /// drawn just before on this page (its border is shared). Returns the row's bottom.
    pub(super) fn draw_row(
        &self,
        i: usize,
        top: f32,
        last_bottom: Option<f32>,
        items: &mut Vec<Item>,
    ) -> f32 {
        let row = &self.rows[i];
        let inner = row.height - 2.0 * self.pad_y;
        for cell in &row.cells {
            let free = (inner - cell.content_height).max(0.0);
            let dy = top
                + self.pad_y
                + match cell.v_align {
                    VAlign::Top => 0.0,
                    VAlign::Center => free / 2.0,
                    VAlign::Bottom => free,
                };
            for (offset, atom) in &cell.content {
                let shift = dy + offset;
                items.extend(atom.items.iter().map(|item| item.shifted(shift)));
            }
        }
        let bottom = top + row.height;
        if let Some(w) = self.border {
            // Horizontal lines overhang by half the stroke so that corners are closed.
            let horizontal = |y: f32| {
                Item::Stroke(Stroke {
                    x1: self.left - w / 2.0,
                    y1: y,
                    x2: self.right + w / 2.0,
                    y2: y,
                    width: w,
                })
            };
            if last_bottom.is_none_or(|b| (b - top).abs() > EPS) {
                items.push(horizontal(top));
            }
            items.push(horizontal(bottom));
            let mut previous_edge: Option<f32> = None;
            for cell in &row.cells {
                for x in [cell.x0, cell.x1] {
                    if previous_edge.is_some_and(|p| (p - x).abs() <= EPS) {
                        continue;
                    }
                    previous_edge = Some(x);
                    items.push(Item::Stroke(Stroke {
                        x1: x,
                        y1: top,
                        x2: x,
                        y2: bottom,
                        width: w,
                    }));
                }
            }
        }
        bottom
    }
}

/// Splits `row` so that its first part's content fits in `avail` (the content box height left on
/// the page). Each cell keeps at least one atom in the first part, so splitting always makes
/// progress. The second part is `None` when nothing is left over.
fn split_row(row: &PreparedRow, avail: f32, pad_y: f32) -> (PreparedRow, Option<PreparedRow>) {
    let mut first = Vec::with_capacity(row.cells.len());
    let mut second = Vec::with_capacity(row.cells.len());
    let mut leftover = false;
    for cell in &row.cells {
        let mut take = cell
            .content
            .iter()
            .take_while(|(offset, atom)| offset + atom.height <= avail + EPS)
            .count();
        if take == 0 && !cell.content.is_empty() {
            take = 1;
        }
        let (head, tail) = cell.content.split_at(take);
        let head_height = head
            .last()
            .map(|(offset, atom)| offset + atom.height)
            .unwrap_or(0.0);
        first.push(PreparedCell {
            content: head.to_vec(),
            content_height: head_height,
            v_align: VAlign::Top,
            ..cell.clone_empty()
        });
        let shift = tail.first().map(|(offset, _)| *offset).unwrap_or(0.0);
        leftover |= !tail.is_empty();
        second.push(PreparedCell {
            content: tail
                .iter()
                .map(|(offset, atom)| (offset - shift, atom.clone()))
                .collect(),
            content_height: if tail.is_empty() {
                0.0
            } else {
                (cell.content_height - shift).max(0.0)
            },
            v_align: VAlign::Top,
            ..cell.clone_empty()
        });
    }
    let first = PreparedRow {
        height: row_height(&first, pad_y),
        cells: first,
        keep_with_next: false,
        continued: false,
    };
    let second = leftover.then(|| PreparedRow {
        height: row_height(&second, pad_y),
        cells: second,
        keep_with_next: false,
        continued: false,
    });
    (first, second)
}

impl PreparedCell {
    /// The cell's geometry without content.
    fn clone_empty(&self) -> PreparedCell {
        PreparedCell {
            x0: self.x0,
            x1: self.x1,
            content: Vec::new(),
            content_height: 0.0,
            v_align: self.v_align,
        }
    }
}
