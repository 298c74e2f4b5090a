//! Tables: columns (named grids, lengths, percentages, stars), rows and cells.

use roxmltree::Node;

use super::resolver::Resolver;
use crate::error::Result;
use crate::markup::style::CELL_PADDING_X;
use crate::tree::*;

/// The least room (points) worth moving from a column that does not need it to one whose text
/// wraps: less changes no line.
const MIN_SPREAD: f32 = 3.0;

/// Room (points) a column keeps beyond its widest line when it gives what it does not need:
/// text does not touch the rules.
const KEEP_ROOM: f32 = 4.0;

impl Resolver<'_, '_> {
    pub(super) fn table(&self, node: Node<'_, '_>, width: f32) -> Result<Table> {
        self.check_attrs(
            node,
            &[
                "columns",
                "borders",
                "header-rows",
                "padding",
                "padding-y",
                "keep-with-previous",
            ],
        )?;
        let Some(spec) = node.attribute("columns") else {
            return Err(self.error(
                node,
                "<table> needs a `columns` attribute, e.g. \"45%,55%\"",
            ));
        };
        // A named grid of the style sheet ("party").
        let spec = match self.ctx.styles.grids.get(spec.trim()) {
            Some(grid) => grid.as_str(),
            None => spec,
        };
        let columns = self.columns(node, spec, width)?;
        let borders = match node.attribute("borders") {
            Some(v) => self.boolean(node, "borders", v)?,
            None => false,
        };
        let header_rows = match node.attribute("header-rows") {
            Some(v) => v.trim().parse::<usize>().map_err(|_| {
                self.error(
                    node,
                    format!("header-rows must be a whole number, found `{v}`"),
                )
            })?,
            None => 0,
        };
        let cell_padding_x = match node.attribute("padding") {
            Some(v) => self.length(node, "padding", v, width)?,
            None => CELL_PADDING_X,
        };
        let cell_padding_y = match node.attribute("padding-y") {
            Some(v) => self.length(node, "padding-y", v, width)?,
            None => 0.0,
        };
        let rows = self.rows(node, &columns, cell_padding_x)?;
        // A data table's columns are at least as wide as the widest unit kept on one line in
        // them (a name, "15 (100,00%)"), where the others can spare the room: a name never
        // breaks inside itself because its column was drawn too narrow; and room a column does
        // not need goes to the columns whose text wraps. The header and signature grids (no
        // borders) stay as the style sheet draws them.
        let fitted = if borders && self.fit_columns {
            self.fit_columns(&columns, &rows, header_rows, cell_padding_x)
        } else {
            None
        };
        let (columns, rows) = match fitted {
            Some(wider) => {
                // The first resolution goes before the second is made: a sign-in sheet of
                // 10 000 rows is held once, not twice.
                drop(rows);
                let rows = self.rows(node, &wider, cell_padding_x)?;
                (wider, rows)
            }
            None => (columns, rows),
        };
        if header_rows > rows.len() {
            return Err(self.error(
                node,
                format!(
                    "header-rows is {header_rows} but the table has {} rows",
                    rows.len()
                ),
            ));
        }
        Ok(Table {
            columns,
            borders,
            border_width: 0.5,
            cell_padding_x,
            cell_padding_y,
            header_rows,
            rows,
        })
    }

    /// The rows of a `<table>`, their cells resolved in `columns`.
    fn rows(&self, node: Node<'_, '_>, columns: &[f32], cell_padding_x: f32) -> Result<Vec<Row>> {
        let mut rows = Vec::new();
    for row in node.children().filter(|n| n.is_element()) {
        if row.tag_name().name() != "row" {
            return Err(self.error(
                row,
                format!(
                    "unexpected <{}> in a <table>; expected <row>",
                    row.tag_name().name()
                ),
            ));
        }
        self.check_attrs(row, &["cant-split"])?;
        let cant_split = match row.attribute("cant-split") {
            Some(v) => self.boolean(row, "cant-split", v)?,
            None => true,
        };
        let mut cells = Vec::new();
        let mut col = 0usize;
        for cell in row.children().filter(|n| n.is_element()) {
            if cell.tag_name().name() != "cell" {
                return Err(self.error(
                    cell,
                    format!(
                        "unexpected <{}> in a <row>; expected <cell>",
                        cell.tag_name().name()
                    ),
                ));
            }
            self.check_attrs(cell, &["span", "valign"])?;
            let span = match cell.attribute("span") {
                Some(v) => v
                    .trim()
                    .parse::<usize>()
                    .ok()
                    .filter(|s| *s >= 1)
                    .ok_or_else(|| {
                        self.error(
                            cell,
                            format!("span must be a whole number ≥ 1, found `{v}`"),
                        )
                    })?,
                None => 1,
            };
            if col + span > columns.len() {
                return Err(self.error(
                    cell,
                    format!(
                        "this row has more cells than the table's {} columns",
                        columns.len()
                    ),
                ));
            }
            let inner: f32 =
                columns[col..col + span].iter().sum::<f32>() - 2.0 * cell_padding_x;
            col += span;
            let v_align = match cell.attribute("valign") {
                None | Some("top") => VAlign::Top,
                Some("center") | Some("middle") => VAlign::Center,
                Some("bottom") => VAlign::Bottom,
                Some(v) => {
                    return Err(self.error(
                        cell,
                        format!("valign must be top, center or bottom, found `{v}`"),
                    ))
                }
            };
            let blocks = self.blocks(cell, inner.max(1.0), true)?;
            cells.push(Cell {
                blocks,
                col_span: span,
                v_align,
            });
        }
        if col != columns.len() {
            return Err(self.error(
                row,
                format!(
                    "this row covers {col} of the table's {} columns",
                    columns.len()
                ),
            ));
        }
        rows.push(Row { cells, cant_split });
    }
        Ok(rows)
    }

    /// Columns widened to the widest unit kept whole in each (see [`Self::table`]), and room
    /// that a column does not need given to the columns whose text wraps; `None` when every
    /// unit fits and no room is worth moving. The room is taken first where nothing needs it — a column wider than its
    /// widest line, e.g. a column of short names or of figures — and only then from columns whose
    /// text wraps, in proportion to their room: widening the column of a whole name must not
    /// squeeze the prose of its neighbour when a column of figures has room to spare (issue 9:
    /// the programme's "Nội dung" at 120 pt, its items on 8 to 12 short lines). Header rows only
    /// count for the units (a header may wrap between words).
    fn fit_columns(
        &self,
        columns: &[f32],
        rows: &[Row],
        header_rows: usize,
        cell_padding_x: f32,
    ) -> Option<Vec<f32>> {
        let mut need = vec![0.0f32; columns.len()];
        let mut natural = vec![0.0f32; columns.len()];
        // A column left empty below its header is room to write in (a signature, a note, a
        // tick): it gives nothing.
        let mut written = vec![false; columns.len()];
        for (r, row) in rows.iter().enumerate() {
            let mut col = 0;
            for cell in &row.cells {
                if cell.col_span == 1 && col < columns.len() {
                    let (unit, line) = self.widest_unit(&cell.blocks);
                    need[col] = need[col].max(unit + 2.0 * cell_padding_x);
                    if r >= header_rows && line > 0.0 {
                        natural[col] = natural[col].max(line + 2.0 * cell_padding_x);
                        written[col] = true;
                    }
                }
                col += cell.col_span;
            }
        }
        let deficit: f32 = columns.iter().zip(&need).map(|(c, n)| (n - c).max(0.0)).sum();
        // Room nobody needs (the column is wider than its widest line), and room that costs
        // lines (the column's text wraps, but no unit would break).
        let free: Vec<f32> = columns
            .iter()
            .zip(need.iter().zip(&natural))
            .zip(&written)
            .map(|((&c, (&n, &l)), &w)| {
                if w {
                    (c - n.max(l) - KEEP_ROOM).max(0.0)
                } else {
                    0.0
                }
            })
            .collect();
        let room: Vec<f32> = columns
            .iter()
            .zip(need.iter().zip(&free))
            .map(|(&c, (&n, &f))| (c - n - f).max(0.0))
            .collect();
        let (free_total, room_total): (f32, f32) = (free.iter().sum(), room.iter().sum());
        let from_free = deficit.min(free_total);
        let from_room = (deficit - from_free).min(room_total);
        let given = from_free + from_room;
        let share = |part: f32, total: f32, of: f32| if total > 0.0 { part * of / total } else { 0.0 };
        let mut fitted: Vec<f32> = columns
            .iter()
            .enumerate()
            .map(|(i, &c)| {
                if need[i] > c {
                    c + (need[i] - c) * given / deficit.max(f32::MIN_POSITIVE)
                } else {
                    c - share(free[i], free_total, from_free) - share(room[i], room_total, from_room)
                }
            })
            .collect();
        // What no column needs goes to the columns whose text wraps, in proportion to what
        // each lacks for one line: a column of prose does not wrap to many short lines beside
        // a column with room to spare.
        let spare = free_total - from_free;
        let lack: Vec<f32> = fitted
            .iter()
            .zip(&natural)
            .map(|(&c, &l)| (l - c).max(0.0))
            .collect();
        let lack_total: f32 = lack.iter().sum();
        let spread = spare.min(lack_total);
        if spread >= MIN_SPREAD {
            for (i, c) in fitted.iter_mut().enumerate() {
                *c += share(lack[i], lack_total, spread) - share(free[i], free_total, spread);
            }
        } else if given < 0.01 {
            return None;
        }
        Some(fitted)
    }

    /// The width of the widest run of text in `blocks` that no line may break (words joined by
    /// no-break spaces), and of the widest line when none breaks but at explicit breaks, with
    /// its paragraph's indents, and room for the DOCX's readers: LibreOffice (7.4, measured)
    /// sets a no-break space about 0.1 em wider than the font's space and rounds widths to
    /// twips; a unit that fits only by our measure would break there between letters.
    fn widest_unit(&self, blocks: &[Block]) -> (f32, f32) {
        let mut widest = 0.0f32;
        let mut natural = 0.0f32;
        for block in blocks {
            let Block::Paragraph(p) = block else { continue };
            let indent = p.indent_left + p.indent_right + p.first_line_indent.max(0.0);
            let mut allowance = 0.0f32;
            let mut nbsps = 0.0f32;
            for inline in &p.inlines {
                if let Inline::Text(run) = inline {
                    for piece in run.text.split(' ') {
                        let nbsp = piece.matches(NBSP).count() as f32;
                        allowance = allowance.max(nbsp * 0.1 * run.style.size);
                    }
                    nbsps += run.text.matches(NBSP).count() as f32 * 0.1 * run.style.size;
                }
            }
            let (unit, line) = crate::layout::unit_and_natural_width(p, self.ctx.fonts);
            widest = widest.max(unit + indent + allowance + 1.0);
            if line > 0.0 {
                natural = natural.max(line + indent + nbsps + 1.0);
            }
        }
        (widest, natural)
    }

    pub(super) fn columns(&self, node: Node<'_, '_>, spec: &str, width: f32) -> Result<Vec<f32>> {
        let parts: Vec<&str> = spec.split(',').map(str::trim).collect();
        let mut fixed = 0.0;
        let mut stars = 0usize;
        let mut cols: Vec<Option<f32>> = Vec::with_capacity(parts.len());
        for p in &parts {
            if *p == "*" {
                stars += 1;
                cols.push(None);
            } else {
                let w = self.length(node, "columns", p, width)?;
                fixed += w;
                cols.push(Some(w));
            }
        }
        let rest = width - fixed;
        if rest < -0.5 || (stars > 0 && rest <= 0.0) {
            return Err(self.error(
                node,
                format!("columns `{spec}` need {fixed:.1} pt but only {width:.1} pt are available"),
            ));
        }
        let star = if stars > 0 { rest / stars as f32 } else { 0.0 };
        Ok(cols.into_iter().map(|c| c.unwrap_or(star)).collect())
    }
}
