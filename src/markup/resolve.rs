//! Parses the markup that templates produce and resolves it into the tree: style names become
//! explicit sizes, units become points, white space collapses, rule widths get measured.
//!
//! Never panics on any input: every problem is an `ErrorKind::Markup` error with the line and
//! column in the rendered markup.

use roxmltree::{Node, NodeType};

use super::style::{ResolvedStyle, StyleSheet, CELL_PADDING_X, RULE_THICKNESS};
use super::tree::*;
use super::typography;
use crate::error::{Error, ErrorKind, Location, Result};
use crate::font::FontSet;

/// How many lines of text (at least) a block kept with what precedes it takes along
/// (`<table keep-with-previous="true">`: the signature block and the last two lines of the body).
const KEEP_LINES: usize = 2;

/// Everything the resolver needs besides the markup.
pub struct ResolveContext<'a> {
    /// The style sheet.
    pub styles: &'a StyleSheet,
    /// Fonts, to measure rule widths.
    pub fonts: &'a FontSet,
    /// Template name, for error locations.
    pub template: &'a str,
    /// The layout's line breaking, to keep lines together and to check that tables fit.
    pub measure: &'a dyn Measure,
}

/// How the resolver measures a paragraph: the layout's own line breaking, handed in by the
/// caller so that this stage does not import the layout (which reads the tree it makes).
pub trait Measure {
    /// The widest unbreakable unit of `p` (a word, or words joined by no-break spaces), in points.
    fn widest_unit(&self, p: &Paragraph) -> f32;
    /// How many lines `p` takes in a band `width` points wide.
    fn count_lines(&self, p: &Paragraph, width: f32) -> usize;
}

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
    let r = Resolver { ctx, xml: &xml };
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
            let blocks = r.blocks(root, portrait.text_width(), false)?;
            if tables_fit(&blocks, ctx.measure) {
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
    let blocks = r.blocks(root, page.text_width(), false)?;
    Ok(Document { meta, page, blocks })
}

/// Whether every table of `blocks` holds its text without breaking a word: no cell has a word
/// (or words joined by no-break spaces) wider than the cell.
fn tables_fit(blocks: &[Block], measure: &dyn Measure) -> bool {
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
                        measure.widest_unit(p) <= room + 0.01
                    }
                    _ => true,
                })
            })
        })
    })
}

fn excerpt(s: &str, max: usize) -> String {
    if s.chars().count() <= max {
        s.to_string()
    } else {
        let mut out: String = s.chars().take(max).collect();
        out.push('…');
        out
    }
}

struct Resolver<'a, 'x> {
    ctx: &'a ResolveContext<'a>,
    xml: &'x roxmltree::Document<'x>,
}

impl Resolver<'_, '_> {
    fn error(&self, node: Node<'_, '_>, message: impl Into<String>) -> Error {
        let pos = self.xml.text_pos_at(node.range().start);
        Error::new(ErrorKind::Markup, message.into()).with_location(Location {
            template: self.ctx.template.to_string(),
            line: Some(pos.row as usize),
            column: Some(pos.col as usize),
        })
    }

    fn check_attrs(&self, node: Node<'_, '_>, allowed: &[&str]) -> Result<()> {
        for a in node.attributes() {
            if !allowed.contains(&a.name()) {
                return Err(self.error(
                    node,
                    format!(
                        "<{}> has no attribute `{}` (allowed: {})",
                        node.tag_name().name(),
                        a.name(),
                        allowed.join(", ")
                    ),
                ));
            }
        }
        Ok(())
    }

    /// Block children of `parent`, laid out in `width` points.
    fn blocks(&self, parent: Node<'_, '_>, width: f32, in_cell: bool) -> Result<Vec<Block>> {
        let mut out: Vec<Block> = Vec::new();
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
            match node.tag_name().name() {
                "p" => out.push(Block::Paragraph(self.paragraph(node, width)?)),
                "table" if !in_cell => {
                    let table = self.table(node, width)?;
                    let keep = match node.attribute("keep-with-previous") {
                        Some(v) => self.boolean(node, "keep-with-previous", v)?,
                        None => false,
                    };
                    if keep {
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
        Ok(out)
    }

    /// Keeps what comes next (a signature block) with the end of `before`: at least its last
    /// [`KEEP_LINES`] lines of text, or its last table row. Sets `keep_with_next` on the
    /// paragraphs that must stay with what follows (on those of the last row of a table), which
    /// both backends honour — the DOCX as `w:keepNext`, with widow control keeping the lines of
    /// the last paragraph together.
    fn keep_with_previous(&self, before: &mut [Block], width: f32) {
        let mut lines = 0;
        for block in before.iter_mut().rev() {
            match block {
                Block::Paragraph(p) => {
                    p.keep_with_next = true;
                    let band = width - p.indent_left - p.indent_right;
                    lines += self.ctx.measure.count_lines(p, band);
                    if lines >= KEEP_LINES {
                        return;
                    }
                }
                Block::Table(t) => {
                    if let Some(row) = t.rows.last_mut() {
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

    fn paragraph_style(&self, node: Node<'_, '_>) -> Result<ResolvedStyle> {
        let sheet = self.ctx.styles;
        let mut st = sheet.base;
        if let Some(name) = node.attribute("style") {
            let Some(ps) = sheet.styles.get(name) else {
                let names: Vec<&str> = sheet.styles.keys().map(String::as_str).collect();
                return Err(self.error(
                    node,
                    format!("unknown style `{name}` (known: {})", names.join(", ")),
                ));
            };
            st = st.apply(ps);
        }
        for a in node.attributes() {
            let v = a.value();
            match a.name() {
                "style" => {}
                "align" => st.align = self.align(node, v)?,
                "size" => st.size = self.length(node, "size", v, 0.0)?,
                "bold" => st.bold = self.boolean(node, "bold", v)?,
                "italic" => st.italic = self.boolean(node, "italic", v)?,
                "underline" => st.underline = self.boolean(node, "underline", v)?,
                "first-line" => st.first_line_indent = self.length(node, "first-line", v, 0.0)?,
                "indent" => st.indent_left = self.length(node, "indent", v, 0.0)?,
                "indent-right" => st.indent_right = self.length(node, "indent-right", v, 0.0)?,
                "before" => st.space_before = self.length(node, "before", v, 0.0)?,
                "after" => st.space_after = self.length(node, "after", v, 0.0)?,
                "line" => st.line_height = self.length(node, "line", v, 0.0)?,
                "keep-with-next" => st.keep_with_next = self.boolean(node, "keep-with-next", v)?,
                // Read by `paragraph`.
                "case" | "keep-names" => {}
                other => {
                    return Err(self.error(
                        node,
                        format!(
                            "<p> has no attribute `{other}` (allowed: style, align, size, bold, \
                             italic, underline, first-line, indent, indent-right, before, after, \
                             line, keep-with-next, case, keep-names)"
                        ),
                    ))
                }
            }
        }
        if !(1.0..=200.0).contains(&st.size) {
            return Err(self.error(node, format!("font size {} pt is out of range", st.size)));
        }
        Ok(st)
    }

    /// A `<p>`, in a band `width` points wide.
    fn paragraph(&self, node: Node<'_, '_>, width: f32) -> Result<Paragraph> {
        let st = self.paragraph_style(node)?;
        let base = RunStyle {
            size: st.size,
            bold: st.bold,
            italic: st.italic,
            underline: st.underline,
        };
        let upper = match node.attribute("case") {
            None | Some("as-is") => false,
            Some("upper") => true,
            Some(v) => {
                return Err(self.error(node, format!("case must be upper or as-is, found `{v}`")))
            }
        };
        let keep_names = match node.attribute("keep-names") {
            Some(v) => self.boolean(node, "keep-names", v)?,
            None => false,
        };
        let mut collector = InlineCollector {
            upper,
            keep_names,
            ..Default::default()
        };
        self.inlines(node, base, &mut collector)?;
        let hang = collector.hang;
        let inlines = collector.items;
        let mut p = Paragraph {
            inlines,
            align: st.align,
            first_line_indent: st.first_line_indent,
            indent_left: st.indent_left,
            indent_right: st.indent_right,
            space_before: st.space_before,
            space_after: st.space_after,
            line_height: st.line_height,
            keep_with_next: st.keep_with_next,
        };
        if let Some(at) = hang {
            // Continuation lines start under the text after the marker: a hanging indent as
            // wide as what precedes it on the first line.
            let label = self.inline_width(&p.inlines[..at.min(p.inlines.len())]);
            let start = p.indent_left + p.first_line_indent;
            let band = width - start - p.indent_right;
            if p.align == Align::Center && self.inline_width(&p.inlines) > band + 0.01 {
                // A centred line that wraps hangs from the left.
                p.align = Align::Left;
            }
            p.indent_left = start + label;
            p.first_line_indent = -label;
        }
        Ok(p)
    }

    /// The natural width of `inlines`, up to the first line break.
    fn inline_width(&self, inlines: &[Inline]) -> f32 {
        let mut w = 0.0;
        for inline in inlines {
            match inline {
                Inline::Text(run) => {
                    w += self
                        .ctx
                        .fonts
                        .face(run.style.face())
                        .measure(&run.text, run.style.size)
                }
                Inline::Break => break,
            }
        }
        w
    }

    fn inlines(
        &self,
        parent: Node<'_, '_>,
        style: RunStyle,
        out: &mut InlineCollector,
    ) -> Result<()> {
        for node in parent.children() {
            match node.node_type() {
                NodeType::Text => {
                    if let Some(t) = node.text() {
                        out.text(t, style);
                    }
                }
                NodeType::Element => {
                    let mut s = style;
                    match node.tag_name().name() {
                        "b" => {
                            self.check_attrs(node, &[])?;
                            s.bold = true
                        }
                        "i" => {
                            self.check_attrs(node, &[])?;
                            s.italic = true
                        }
                        "u" => {
                            self.check_attrs(node, &[])?;
                            s.underline = true
                        }
                        "br" => {
                            self.check_attrs(node, &[])?;
                            out.line_break();
                            continue;
                        }
                        "hang" => {
                            self.check_attrs(node, &[])?;
                            if !out.hang() {
                                return Err(self.error(
                                    node,
                                    "<hang/> must stand once in a paragraph, on its first line",
                                ));
                            }
                            continue;
                        }
                        "span" => {
                            for a in node.attributes() {
                                let v = a.value();
                                match a.name() {
                                    "size" => s.size = self.length(node, "size", v, 0.0)?,
                                    "bold" => s.bold = self.boolean(node, "bold", v)?,
                                    "italic" => s.italic = self.boolean(node, "italic", v)?,
                                    "underline" => {
                                        s.underline = self.boolean(node, "underline", v)?
                                    }
                                    other => {
                                        return Err(self.error(
                                            node,
                                            format!(
                                                "<span> has no attribute `{other}` \
                                                 (allowed: size, bold, italic, underline)"
                                            ),
                                        ))
                                    }
                                }
                            }
                            if !(1.0..=200.0).contains(&s.size) {
                                return Err(self.error(
                                    node,
                                    format!("font size {} pt is out of range", s.size),
                                ));
                            }
                        }
                        other => {
                            return Err(self.error(
                                node,
                                format!(
                                    "unexpected <{other}> inside a paragraph; expected text, \
                                     <b>, <i>, <u>, <span>, <br/> or <hang/>"
                                ),
                            ))
                        }
                    }
                    self.inlines(node, s, out)?;
                }
                _ => {}
            }
        }
        Ok(())
    }

    fn table(&self, node: Node<'_, '_>, width: f32) -> Result<Table> {
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

    fn columns(&self, node: Node<'_, '_>, spec: &str, width: f32) -> Result<Vec<f32>> {
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

    fn rule(&self, node: Node<'_, '_>, width: f32, previous: &[Block]) -> Result<Rule> {
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
    fn text_width(&self, p: &Paragraph) -> f32 {
        let mut widest: f32 = 0.0;
        let mut line = 0.0;
        for inline in &p.inlines {
            match inline {
                Inline::Text(run) => {
                    line += self
                        .ctx
                        .fonts
                        .face(run.style.face())
                        .measure(&run.text, run.style.size)
                }
                Inline::Break => {
                    widest = widest.max(line);
                    line = 0.0;
                }
            }
        }
        widest.max(line)
    }

    fn align(&self, node: Node<'_, '_>, v: &str) -> Result<Align> {
        match v {
            "left" => Ok(Align::Left),
            "center" | "centre" => Ok(Align::Center),
            "right" => Ok(Align::Right),
            "justify" | "both" => Ok(Align::Justify),
            _ => Err(self.error(
                node,
                format!("align must be left, center, right or justify, found `{v}`"),
            )),
        }
    }

    fn boolean(&self, node: Node<'_, '_>, name: &str, v: &str) -> Result<bool> {
        match v {
            "true" | "yes" | "1" => Ok(true),
            "false" | "no" | "0" => Ok(false),
            _ => Err(self.error(node, format!("{name} must be true or false, found `{v}`"))),
        }
    }

    /// A length: `12pt`, `10mm`, `1.27cm`, `45%` (of `relative_to`) or a bare number (points).
    fn length(&self, node: Node<'_, '_>, name: &str, v: &str, relative_to: f32) -> Result<f32> {
        let v = v.trim();
        let (num, factor) = if let Some(n) = v.strip_suffix("pt") {
            (n, 1.0)
        } else if let Some(n) = v.strip_suffix("mm") {
            (n, 72.0 / 25.4)
        } else if let Some(n) = v.strip_suffix("cm") {
            (n, 720.0 / 25.4)
        } else if let Some(n) = v.strip_suffix('%') {
            (n, relative_to / 100.0)
        } else {
            (v, 1.0)
        };
        match num.trim().parse::<f32>() {
            Ok(x) if (0.0..=10_000.0).contains(&x) => Ok(x * factor),
            _ => Err(self.error(
                node,
                format!("{name} must be a length like 12pt, 10mm, 1.27cm or 45%, found `{v}`"),
            )),
        }
    }
}

/// Collects inline content, collapsing white space the way HTML does: runs of spaces, tabs and
/// newlines become one space; none at the start or end of a line. U+00A0 is kept as it is; a
/// line or paragraph separator (U+2028, U+2029) in the text — the way data writes an explicit
/// line break, since the loader folds newlines — becomes a line break. Every piece of text gets
/// the typographic rules of [`super::typography`].
#[derive(Default)]
struct InlineCollector {
    items: Vec<Inline>,
    /// A space is pending: emitted before the next visible text.
    pending_space: bool,
    /// Nothing visible yet on the current line.
    line_start: bool,
    started: bool,
    /// Upper-case the text (after finding the proper names in its own case).
    upper: bool,
    /// Keep proper names on one line.
    keep_names: bool,
    /// Index into `items` of the first inline after a `<hang/>`.
    hang: Option<usize>,
    /// The next text starts a run of its own (it follows a `<hang/>`).
    split: bool,
    /// A line break has been seen.
    broke: bool,
}

impl InlineCollector {
    fn text(&mut self, text: &str, style: RunStyle) {
        let mut rest = text;
        while let Some(i) = rest.find(['\u{2028}', '\u{2029}']) {
            self.segment(&rest[..i], style);
            self.line_break();
            // Both separators are three bytes long in UTF-8.
            rest = rest.get(i + 3..).unwrap_or("");
        }
        self.segment(rest, style);
    }

    fn segment(&mut self, text: &str, style: RunStyle) {
        if !self.started {
            self.started = true;
            self.line_start = true;
        }
        let mut buf = String::new();
        for c in text.chars() {
            if matches!(c, ' ' | '\t' | '\n' | '\r') {
                if !self.line_start {
                    self.pending_space = true;
                }
            } else {
                if self.pending_space {
                    buf.push(' ');
                    self.pending_space = false;
                }
                buf.push(c);
                self.line_start = false;
            }
        }
        if buf.is_empty() {
            return;
        }
        let mut buf = typography::protect_set_phrases(&buf);
        if self.keep_names {
            buf = typography::keep_names_together(&buf);
        }
        if self.upper {
            buf = crate::vi::upper(&buf);
        }
        if !std::mem::take(&mut self.split) {
            if let Some(Inline::Text(last)) = self.items.last_mut() {
                if last.style == style {
                    last.text.push_str(&buf);
                    return;
                }
            }
        }
        self.items.push(Inline::Text(TextRun { text: buf, style }));
    }

    fn line_break(&mut self) {
        self.started = true;
        self.items.push(Inline::Break);
        self.pending_space = false;
        self.line_start = true;
        self.broke = true;
    }

    /// Marks where continuation lines start (`<hang/>`); false when it is misplaced (after a
    /// line break, or a second time).
    fn hang(&mut self) -> bool {
        if self.broke || self.hang.is_some() {
            return false;
        }
        // The space before the marker never breaks nor stretches: the text after it starts
        // where the continuation lines do.
        if std::mem::take(&mut self.pending_space) {
            if let Some(Inline::Text(last)) = self.items.last_mut() {
                last.text.push(typography::NBSP);
            }
        }
        self.started = true;
        self.line_start = true;
        self.hang = Some(self.items.len());
        self.split = true;
        true
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn resolve_str(markup: &str) -> Result<Document> {
        let fonts = FontSet::bundled().unwrap();
        let styles = StyleSheet::default();
        let measure = crate::layout::Measurer(&fonts);
        let ctx = ResolveContext {
            styles: &styles,
            fonts: &fonts,
            template: "test",
            measure: &measure,
        };
        resolve(markup, &ctx, Meta::default())
    }

    #[test]
    fn white_space_collapses_like_html() {
        let doc = resolve_str(
            "<document>\n  <p style=\"body\">\n   Kính  gửi:\n  <b>Đồng chí</b>  A <br/>  B  </p></document>",
        )
        .unwrap();
        let Block::Paragraph(p) = &doc.blocks[0] else {
            panic!()
        };
        assert_eq!(p.text(), "Kính gửi: Đồng chí A\nB");
        assert_eq!(p.align, Align::Justify);
        assert_eq!(p.first_line_indent, 36.0);
    }

    #[test]
    fn escaped_user_text_prints_literally() {
        let doc = resolve_str("<document><p>&lt;b&gt;Nguyễn &amp; {{x}}&lt;/b&gt;</p></document>")
            .unwrap();
        assert_eq!(doc.plain_text(), "<b>Nguyễn & {{x}}</b>\n");
    }

    #[test]
    fn rule_width_text_measures_the_heading() {
        let doc = resolve_str(
            "<document><p style=\"heading\">ĐẢNG CỘNG SẢN VIỆT NAM</p><rule width=\"text\"/></document>",
        )
        .unwrap();
        let Block::Rule(rule) = &doc.blocks[1] else {
            panic!()
        };
        // Times New Roman bold 15 pt: the heading is about 200 pt wide.
        assert!(rule.width > 180.0 && rule.width < 230.0, "{}", rule.width);
    }

    #[test]
    fn columns_accept_percent_length_and_star() {
        let doc = resolve_str(
            "<document><table columns=\"10%,20mm,*\"><row><cell/><cell/><cell/></row></table></document>",
        )
        .unwrap();
        let Block::Table(t) = &doc.blocks[0] else {
            panic!()
        };
        let w = doc.page.text_width();
        assert!((t.width() - w).abs() < 0.01);
        assert!((t.columns[0] - w * 0.1).abs() < 0.01);
    }

    #[test]
    fn errors_name_the_line_and_what_was_expected() {
        let err = resolve_str("<document>\n<p>a</p>\n<q>b</q></document>").unwrap_err();
        assert_eq!(err.kind(), ErrorKind::Markup);
        assert_eq!(err.location().unwrap().line, Some(3));
        assert!(err.to_string().contains("unexpected <q>"), "{err}");

        let err = resolve_str("<document><p>a &amp b</p></document>").unwrap_err();
        assert!(err.to_string().contains("invalid markup"), "{err}");

        let err = resolve_str("<document><p style=\"nope\">a</p></document>").unwrap_err();
        assert!(err.to_string().contains("unknown style `nope`"), "{err}");
    }

    fn first_paragraph(doc: &Document) -> &Paragraph {
        doc.blocks
            .iter()
            .find_map(|b| match b {
                Block::Paragraph(p) => Some(p),
                _ => None,
            })
            .unwrap()
    }

    #[test]
    fn hang_makes_continuation_lines_start_under_the_text_after_it() {
        let doc = resolve_str(
            "<document><p style=\"addressee\"><i>Kính gửi:</i> <hang/>Đồng chí Đinh Thị Lan Duyên, \
             Phó Bí thư Thường trực Quận uỷ Hai Bà Trưng, Trưởng ban Tổ chức</p></document>",
        )
        .unwrap();
        let p = first_paragraph(&doc);
        let fonts = FontSet::bundled().unwrap();
        let label = fonts.face(Face::Italic).measure("Kính gửi:\u{a0}", 14.0);
        assert!((p.indent_left - label).abs() < 0.01, "{}", p.indent_left);
        assert!((p.first_line_indent + label).abs() < 0.01);
        assert_eq!(
            p.align,
            Align::Left,
            "a centred line that wraps hangs from the left"
        );
        let Inline::Text(first) = &p.inlines[0] else {
            panic!()
        };
        assert_eq!(
            first.text, "Kính gửi:\u{a0}",
            "the space before the marker never breaks"
        );

        // A line that fits stays centred.
        let doc = resolve_str(
            "<document><p style=\"addressee\"><i>Kính gửi:</i> <hang/>Đồng chí An</p></document>",
        )
        .unwrap();
        assert_eq!(first_paragraph(&doc).align, Align::Center);

        let err = resolve_str("<document><p>a<br/>b <hang/>c</p></document>").unwrap_err();
        assert!(err.to_string().contains("<hang/>"), "{err}");
    }

    #[test]
    fn a_table_kept_with_previous_takes_two_lines_or_the_last_row_along() {
        let sig = "<table columns=\"party\" keep-with-previous=\"true\"><row><cell/><cell/><cell>\
                   <p>T/M ĐẢNG UỶ</p></cell></row></table>";
        // A one-line paragraph is not enough: the one before it is kept too.
        let doc = resolve_str(&format!(
            "<document><p>a</p><p>b</p><p>c</p>{sig}</document>"
        ))
        .unwrap();
        let keeps: Vec<bool> = doc
            .blocks
            .iter()
            .filter_map(|b| match b {
                Block::Paragraph(p) => Some(p.keep_with_next),
                _ => None,
            })
            .collect();
        assert_eq!(keeps, [false, true, true]);
        // After a table, its last row goes along.
        let doc = resolve_str(&format!(
            "<document><table columns=\"*\"><row><cell><p>r1</p></cell></row>\
             <row><cell><p>r2</p></cell></row></table>{sig}</document>"
        ))
        .unwrap();
        let Block::Table(t) = &doc.blocks[0] else {
            panic!()
        };
        let kept = |r: usize| match &t.rows[r].cells[0].blocks[0] {
            Block::Paragraph(p) => p.keep_with_next,
            _ => false,
        };
        assert!(!kept(0) && kept(1));
        // The party grid: 77 mm, the rest, 86 mm.
        let Block::Table(grid) = &doc.blocks[1] else {
            panic!()
        };
        assert!((grid.columns[0] - mm(77.0)).abs() < 0.01);
        assert!((grid.columns[2] - mm(86.0)).abs() < 0.01);
    }

    #[test]
    fn orientation_turns_the_page_and_auto_turns_it_only_for_a_table_that_does_not_fit() {
        let doc = resolve_str("<document orientation=\"landscape\"><p>a</p></document>").unwrap();
        assert!(doc.page.is_landscape());
        assert!((doc.page.width - mm(297.0)).abs() < 0.01);
        let narrow = |word: &str| {
            format!(
                "<document orientation=\"auto\"><table columns=\"10%,*\"><row><cell><p>{word}</p>\
                 </cell><cell/></row></table></document>"
            )
        };
        assert!(!resolve_str(&narrow("45")).unwrap().page.is_landscape());
        let wide = resolve_str(&narrow("45&#160;(100,00%)")).unwrap();
        assert!(wide.page.is_landscape(), "10% of portrait is too narrow");
        let err = resolve_str("<document orientation=\"sideways\"/>").unwrap_err();
        assert!(err.to_string().contains("orientation"), "{err}");
    }

    #[test]
    fn a_line_separator_in_the_data_is_a_line_break_and_names_stay_together_in_upper_case() {
        let doc = resolve_str(
            "<document><p case=\"upper\" keep-names=\"true\">Chi bộ Trường THPT Đoàn Kết\u{2028}Hai Bà Trưng</p></document>",
        )
        .unwrap();
        let p = first_paragraph(&doc);
        assert_eq!(
            p.inlines,
            vec![
                Inline::Text(TextRun {
                    text: "CHI BỘ TRƯỜNG THPT ĐOÀN\u{a0}KẾT".into(),
                    style: RunStyle::regular(14.0)
                }),
                Inline::Break,
                Inline::Text(TextRun {
                    text: "HAI\u{a0}BÀ\u{a0}TRƯNG".into(),
                    style: RunStyle::regular(14.0)
                }),
            ]
        );
        let err = resolve_str("<document><p case=\"title\">a</p></document>").unwrap_err();
        assert!(err.to_string().contains("case must be"), "{err}");
    }
}
