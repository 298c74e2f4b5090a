//! Tables: columns (named grids, lengths, percentages, stars), rows and cells.

use roxmltree::Node;

use super::resolver::Resolver;
use crate::error::Result;
use crate::markup::style::CELL_PADDING_X;
use crate::tree::*;

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
        let mut rows = self.rows(node, &columns, cell_padding_x)?;
        // A data table's columns are at least as wide as the widest unit kept on one line in
        // them (a name, "15 (100,00%)"), where the others can spare the room: a name never
        // breaks inside itself because its column was drawn too narrow. The header and
        // signature grids (no borders) stay as the style sheet draws them.
        let mut columns = columns;
        if borders && self.fit_columns {
            if let Some(wider) = self.fit_columns(&columns, &rows, cell_padding_x) {
                columns = wider;
                rows = self.rows(node, &columns, cell_padding_x)?;
            }
        }
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

    /// Columns widened to the widest unit kept whole in each (see [`Self::table`]), taken from
    /// the columns that have room to spare, in proportion to it; `None` when every unit fits.
    fn fit_columns(&self, columns: &[f32], rows: &[Row], cell_padding_x: f32) -> Option<Vec<f32>> {
        let mut need = vec![0.0f32; columns.len()];
        for row in rows {
            let mut col = 0;
            for cell in &row.cells {
                if cell.col_span == 1 {
                    if let Some(n) = need.get_mut(col) {
                        *n = n.max(self.widest_unit(&cell.blocks) + 2.0 * cell_padding_x);
                    }
                }
                col += cell.col_span;
            }
        }
        let deficit: f32 = columns.iter().zip(&need).map(|(c, n)| (n - c).max(0.0)).sum();
        if deficit < 0.01 {
            return None;
        }
        let slack: f32 = columns.iter().zip(&need).map(|(c, n)| (c - n).max(0.0)).sum();
        if slack < 0.01 {
            return None;
        }
        // Each short column gets what it lacks (or its share of what there is); each
        // column with room gives in proportion to its room.
        let given = deficit.min(slack);
        Some(
            columns
                .iter()
                .zip(&need)
                .map(|(&c, &n)| {
                    if n > c {
                        c + (n - c) * given / deficit
                    } else {
                        c - (c - n) * given / slack
                    }
                })
                .collect(),
        )
    }

    /// The width of the widest run of text in `blocks` that no line may break (words joined by
    /// no-break spaces), with its paragraph's indents, and room for the DOCX's readers:
    /// LibreOffice (7.4, measured) sets a no-break space about 0.1 em wider than the font's
    /// space and rounds widths to twips; a unit that fits only by our measure would break
    /// there between letters.
    fn widest_unit(&self, blocks: &[Block]) -> f32 {
        let mut widest = 0.0f32;
        for block in blocks {
            let Block::Paragraph(p) = block else { continue };
            let indent = p.indent_left + p.indent_right + p.first_line_indent.max(0.0);
            let mut allowance = 0.0f32;
            for inline in &p.inlines {
                if let Inline::Text(run) = inline {
                    for piece in run.text.split(' ') {
                        let nbsp = piece.matches(NBSP).count() as f32;
                        allowance = allowance.max(nbsp * 0.1 * run.style.size);
                    }
                }
            }
            let unit = crate::layout::widest_unit(p, self.ctx.fonts);
            widest = widest.max(unit + indent + allowance + 1.0);
        }
        widest
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
