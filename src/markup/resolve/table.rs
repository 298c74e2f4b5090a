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
