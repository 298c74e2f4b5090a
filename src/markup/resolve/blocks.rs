//! Block content: paragraphs, tables, rules, spaces and page breaks in order, what a block kept
//! with the previous one takes along, and rules.

use roxmltree::{Node, NodeType};

use super::resolver::{excerpt, Resolver};
use crate::error::Result;
use crate::markup::style::RULE_THICKNESS;
use crate::tree::*;


/// How many lines of text (at least) a block kept with what precedes it takes along
/// (`<table keep-with-previous="true">`: the signature block and the last two lines of the body).
const KEEP_LINES: usize = 2;

impl Resolver<'_, '_> {

    /// Block children of `parent`, laid out in `width` points.
    pub(super) fn blocks(&self, parent: Node<'_, '_>, width: f32, in_cell: bool) -> Result<Vec<Block>> {
        let mut out: Vec<Block> = Vec::new();
        // The indices in `out` of the list items seen in a row.
        let mut list_run: Vec<usize> = Vec::new();
        for node in parent.children() {
            match node.node_type() {
                NodeType::Element => {}
                NodeType::Text => {
                    if let Some(t) = node.text() {
                        if !t.trim().is_empty() {
                            return Err(self.error(
                                node,
                                format!("text `{}` must be inside a <p>", excerpt(t.trim(), 40)),
                            ));
                        }
                    }
                    continue;
                }
                _ => continue,
            }
            if node.tag_name().name() != "p" {
                keep_short_list(&mut out, &mut list_run);
            }
            match node.tag_name().name() {
                "p" => {
                    let mut p = self.paragraph(node, width, in_cell)?;
                    // A note under a table (its legend) stays with the table's last rows.
                    if self.keeps_with_previous(node)? && !in_cell {
                        self.keep_with_previous(&mut out, width);
                    }
                    if !in_cell && p.text().trim_end().ends_with(':') {
                        // A lead-in never ends a page: what it introduces follows it.
                        p.keep_with_next = true;
                    }
                    let list = node.attribute("style") == Some("list");
                    if list {
                        list_run.push(out.len());
                    } else {
                        keep_short_list(&mut out, &mut list_run);
                    }
                    out.push(Block::Paragraph(p));
                    continue;
                }
                "table" if !in_cell => {
                    let table = self.table(node, width)?;
                    if self.keeps_with_previous(node)? {
                        self.keep_with_previous(&mut out, width);
                    }
                    out.push(Block::Table(table));
                }
                "rule" => {
                    let rule = self.rule(node, width, &out)?;
                    out.push(Block::Rule(rule));
                }
                "space" => {
                    self.check_attrs(node, &["height"])?;
                    let height = match node.attribute("height") {
                        Some(h) => self.length(node, "height", h, width)?,
                        None => 14.0,
                    };
                    out.push(Block::Spacer(Spacer { height }));
                }
                "page-break" if !in_cell => {
                    self.check_attrs(node, &[])?;
                    out.push(Block::PageBreak)
                }
                other => {
                    let allowed = if in_cell {
                        "<p>, <rule>, <space>"
                    } else {
                        "<p>, <table>, <rule>, <space>, <page-break>"
                    };
                    return Err(self.error(
                        node,
                        format!("unexpected <{other}> here; expected {allowed}"),
                    ));
                }
            }
        }
        keep_short_list(&mut out, &mut list_run);
        Ok(out)
    }

    /// Whether `node` (a `<table>` or a `<p>`) says `keep-with-previous="true"`.
    fn keeps_with_previous(&self, node: Node<'_, '_>) -> Result<bool> {
        node.attribute("keep-with-previous")
            .map_or(Ok(false), |v| self.boolean(node, "keep-with-previous", v))
    }

    /// Keeps what comes next (a signature block) with the end of `before`: at least its last
    /// [`KEEP_LINES`] lines of text, or as many of its last table rows. Sets `keep_with_next` on the
    /// paragraphs that must stay with what follows (on those of the last rows of a table), which
    /// both backends honour — the DOCX as `w:keepNext`, with widow control keeping the lines of
    /// the last paragraph together.
    pub(super) fn keep_with_previous(&self, before: &mut [Block], width: f32) {
        let mut lines = 0;
        for block in before.iter_mut().rev() {
            match block {
                Block::Paragraph(p) => {
                    p.keep_with_next = true;
                    let band = width - p.indent_left - p.indent_right;
                    lines += crate::layout::count_lines(p, band, self.ctx.fonts);
                    if lines >= KEEP_LINES {
                        return;
                    }
                }
                Block::Table(t) => {
                    // Its last [`KEEP_LINES`] body rows: LibreOffice keeps a table's rows with
                    // what follows only as a table of their own (the DOCX writes them so) of
                    // two rows or more; one row alone it leaves behind (checked with 7.4).
                    let body = t.rows.len().saturating_sub(t.header_rows);
                    let n = t.rows.len();
                    for row in &mut t.rows[n - body.min(KEEP_LINES)..] {
                        for cell in &mut row.cells {
                            for b in &mut cell.blocks {
                                if let Block::Paragraph(p) = b {
                                    p.keep_with_next = true;
                                }
                            }
                        }
                    }
                    return;
                }
                Block::Rule(_) | Block::Spacer(_) => {}
                Block::PageBreak => return,
            }
        }
    }


    pub(super) fn rule(&self, node: Node<'_, '_>, width: f32, previous: &[Block]) -> Result<Rule> {
        self.check_attrs(node, &["width", "thickness", "align", "before", "after"])?;
        let w = match node.attribute("width") {
            None => width,
            Some("text") => {
                let Some(Block::Paragraph(p)) = previous.last() else {
                    return Err(self.error(
                        node,
                        "<rule width=\"text\"> must follow a <p> whose text it underlines",
                    ));
                };
                self.text_width(p)
            }
            Some(v) => self.length(node, "width", v, width)?,
        };
        let thickness = match node.attribute("thickness") {
            Some(v) => self.length(node, "thickness", v, 0.0)?,
            None => RULE_THICKNESS,
        };
        let align = match node.attribute("align") {
            Some(v) => self.align(node, v)?,
            None => Align::Center,
        };
        let space_before = match node.attribute("before") {
            Some(v) => self.length(node, "before", v, 0.0)?,
            None => 1.0,
        };
        let space_after = match node.attribute("after") {
            Some(v) => self.length(node, "after", v, 0.0)?,
            None => 1.0,
        };
        Ok(Rule {
            width: w.min(width),
            thickness,
            align,
            space_before,
            space_after,
        })
    }

    /// The natural width of the widest line of `p` (no wrapping).
    pub(super) fn text_width(&self, p: &Paragraph) -> f32 {
        p.inlines
            .split(|i| matches!(i, Inline::Break))
            .map(|line| self.inline_width(line))
            .fold(0.0, f32::max)
    }
}

/// The longest list whose items are kept on one page.
const SHORT_LIST: usize = 3;

/// Keeps a list of [`SHORT_LIST`] items or fewer (the paragraphs at `run` in `out`) on one page,
/// and starts a new run.
fn keep_short_list(out: &mut [Block], run: &mut Vec<usize>) {
    if run.len() <= SHORT_LIST {
        for &i in run.iter().take(run.len().saturating_sub(1)) {
            if let Some(Block::Paragraph(p)) = out.get_mut(i) {
                p.keep_with_next = true;
            }
        }
    }
    run.clear();
}
