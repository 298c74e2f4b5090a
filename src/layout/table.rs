//! Tables: fixed columns, column spans, padding, vertical alignment, borders, and pagination by
//! rows — header rows repeat on every continuation page, and a row is split across pages only
//! when it is taller than an empty page.

use std::borrow::Cow;

use super::{paragraph_pieces, rule_pieces, Atom, Item, Pager, Piece, Stroke, EPS};
use crate::error::Result;
use crate::font::FontSet;
use crate::markup::tree::{Block, Table, VAlign};

/// A table measured for its column widths.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct PreparedTable {
    pub(super) rows: Vec<PreparedRow>,
    header_rows: usize,
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

/// Lays out every cell of `t`, the table's left edge at `x0`.
pub(super) fn prepare(
    t: &Table,
    x0: f32,
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
    let pad_y = t.cell_padding_y.max(0.0);
    let mut warned_extra = false;
    let mut warned_nested = false;
    let mut rows = Vec::with_capacity(t.rows.len());
    for row in &t.rows {
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
                        Piece::Gap(h) => offset += h,
                        Piece::Atom(atom) => {
                            let h = atom.height;
                            content.push((offset, atom));
                            offset += h;
                        }
                    }
                }
            }
            cells.push(PreparedCell {
                x0: cx0,
                x1: cx1,
                content,
                content_height: offset.max(0.0),
                v_align: cell.v_align,
            });
        }
        rows.push(PreparedRow {
            height: row_height(&cells, pad_y),
            cells,
        });
    }
    Ok(PreparedTable {
        rows,
        header_rows: t.header_rows.min(t.rows.len()),
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
    /// The rows that must start on the same page: the header rows and the first body row.
    fn group_height(&self, from: usize) -> f32 {
        let end = (self.header_rows + 1).min(self.rows.len());
        self.rows[from.min(end)..end].iter().map(|r| r.height).sum()
    }

    /// Height of the table's first unbreakable group (for keep-with-next).
    pub(super) fn lead_height(&self) -> f32 {
        self.group_height(0)
    }

    /// Places the table on the pages of `pager`.
    pub(super) fn place(&self, pager: &mut Pager, warnings: &mut Vec<String>) {
        let header_height: f32 = self.rows[..self.header_rows].iter().map(|r| r.height).sum();
        let repeat = self.header_rows > 0
            && self.header_rows < self.rows.len()
            && header_height < pager.bottom - pager.top - EPS;
        let mut last_bottom: Option<f32> = None;
        for (i, original) in self.rows.iter().enumerate() {
            let mut row = Cow::Borrowed(original);
            let mut warned = false;
            loop {
                let group = if i < self.header_rows {
                    self.group_height(i)
                } else {
                    row.height
                };
                if pager.fits(group) || (pager.fresh && pager.fits(row.height)) {
                    self.draw_row(pager, &row, &mut last_bottom);
                    pager.fresh = false;
                    break;
                }
                if !pager.fresh {
                    pager.new_page();
                    last_bottom = None;
                    if repeat && i >= self.header_rows {
                        self.draw_headers(pager, &mut last_bottom);
                    }
                    continue;
                }
                // Taller than an empty page: split it as a last resort.
                if !warned {
                    warnings.push(format!(
                        "table row {} is taller than a page and was split across pages",
                        i + 1
                    ));
                    warned = true;
                }
                let avail = pager.bottom - pager.cursor - 2.0 * self.pad_y;
                let (part, rest) = split_row(&row, avail, self.pad_y);
                self.draw_row(pager, &part, &mut last_bottom);
                pager.fresh = false;
                let Some(rest) = rest else { break };
                row = Cow::Owned(rest);
                pager.new_page();
                last_bottom = None;
                if repeat {
                    self.draw_headers(pager, &mut last_bottom);
                }
            }
        }
    }

    /// Repeats the header rows at the top of a continuation page (the page stays "fresh").
    fn draw_headers(&self, pager: &mut Pager, last_bottom: &mut Option<f32>) {
        for row in &self.rows[..self.header_rows] {
            self.draw_row(pager, row, last_bottom);
        }
    }

    /// Draws `row` at the pager's cursor and advances it.
    fn draw_row(&self, pager: &mut Pager, row: &PreparedRow, last_bottom: &mut Option<f32>) {
        let top = pager.cursor;
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
                pager
                    .items
                    .extend(atom.items.iter().map(|item| item.shifted(shift)));
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
            if last_bottom.map_or(true, |b| (b - top).abs() > EPS) {
                pager.items.push(horizontal(top));
            }
            pager.items.push(horizontal(bottom));
            let mut previous_edge: Option<f32> = None;
            for cell in &row.cells {
                for x in [cell.x0, cell.x1] {
                    if previous_edge.is_some_and(|p| (p - x).abs() <= EPS) {
                        continue;
                    }
                    previous_edge = Some(x);
                    pager.items.push(Item::Stroke(Stroke {
                        x1: x,
                        y1: top,
                        x2: x,
                        y2: bottom,
                        width: w,
                    }));
                }
            }
        }
        *last_bottom = Some(bottom);
        pager.cursor = bottom;
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
    };
    let second = leftover.then(|| PreparedRow {
        height: row_height(&second, pad_y),
        cells: second,
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
