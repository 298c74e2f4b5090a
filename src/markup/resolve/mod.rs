//! Parses the markup that templates produce and resolves it into the tree: style names become
//! explicit sizes, units become points, white space collapses, rule widths get measured.
//!
//! Never panics on any input: every problem is an `ErrorKind::Markup` error with the line and
//! column in the rendered markup.

mod blocks;
mod inline;
mod paragraph;
mod resolver;
mod table;

use crate::error::{Error, ErrorKind, Location, Result};
use crate::font::FontSet;
use crate::tree::*;
use resolver::{excerpt, Resolver};

pub use resolver::ResolveContext;

/// Parses and resolves `markup` into a tree. `meta` supplies what the markup does not carry
/// (kind, creation time, id); the `<document>` attributes fill title, subject and author.
pub fn resolve(markup: &str, ctx: &ResolveContext<'_>, mut meta: Meta) -> Result<Document> {
    let opts = roxmltree::ParsingOptions {
        allow_dtd: false,
        ..Default::default()
    };
    let xml = roxmltree::Document::parse_with_options(markup, opts).map_err(|e| {
        let pos = e.pos();
        let line_text = markup
            .lines()
            .nth((pos.row as usize).saturating_sub(1))
            .unwrap_or("")
            .trim();
        Error::new(
            ErrorKind::Markup,
            format!(
                "the template produced invalid markup: {e}; the line reads `{}`",
                excerpt(line_text, 120)
            ),
        )
        .with_location(Location {
            template: ctx.template.to_string(),
            line: Some(pos.row as usize),
            column: Some(pos.col as usize),
        })
        .with_hint("user data must go through {{…}} (escaped), never {{{…}}}")
    })?;
    let mut r = Resolver {
        ctx,
        xml: &xml,
        fit_columns: false,
    };
    let root = xml.root_element();
    if root.tag_name().name() != "document" {
        return Err(r.error(root, "the root element must be <document>"));
    }
    r.check_attrs(root, &["title", "subject", "author", "orientation"])?;
    if let Some(t) = root.attribute("title") {
        meta.title = t.to_string();
    }
    if let Some(t) = root.attribute("subject") {
        meta.subject = t.to_string();
    }
    if let Some(t) = root.attribute("author") {
        meta.author = t.to_string();
    }
    let portrait = ctx.styles.page.clone();
    let page = match root.attribute("orientation").unwrap_or("portrait") {
        "portrait" => portrait,
        "landscape" => portrait.landscape(),
        "auto" => {
            // Portrait when the tables fit as drawn, before any column is widened.
            let blocks = r.blocks(root, portrait.text_width(), false)?;
            if tables_fit(&blocks, ctx.fonts) {
                return Ok(Document {
                    meta,
                    page: portrait,
                    blocks,
                });
            }
            portrait.landscape()
        }
        other => {
            return Err(r.error(
                root,
                format!("orientation must be portrait, landscape or auto, found `{other}`"),
            ))
        }
    };
    r.fit_columns = true;
    let blocks = r.blocks(root, page.text_width(), false)?;
    Ok(Document { meta, page, blocks })
}

/// Whether every table of `blocks` holds its text without breaking a word: no cell has a word
/// (or words joined by no-break spaces) wider than the cell.
fn tables_fit(blocks: &[Block], fonts: &FontSet) -> bool {
    blocks.iter().all(|b| {
        let Block::Table(t) = b else { return true };
        t.rows.iter().all(|row| {
            let mut col = 0;
            row.cells.iter().all(|cell| {
                let end = (col + cell.col_span).min(t.columns.len());
                let width: f32 =
                    t.columns[col.min(end)..end].iter().sum::<f32>() - 2.0 * t.cell_padding_x;
                col = end;
                cell.blocks.iter().all(|b| match b {
                    Block::Paragraph(p) => {
                        let room =
                            width - p.indent_left - p.indent_right - p.first_line_indent.max(0.0);
                        crate::layout::widest_unit(p, fonts) <= room + 0.01
                    }
                    _ => true,
                })
            })
        })
    })
}

#[cfg(test)]
mod tests;
