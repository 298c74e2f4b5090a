//! Tree → docx-rs: one docx-rs element per tree element, every property explicit.
//!
//! Units: the tree is in points; WordprocessingML wants twips (1/20 pt) for lengths,
//! half-points for font sizes and eighths of a point for border widths.

use docx_rs::{
    AlignmentType, Bold, BoldCs, BorderType, Break, BreakType, DocumentChild, Docx,
    FieldCharType, Header, Indent, InstrText, Italic, ItalicCs, Justification, LineSpacing,
    LineSpacingType, Paragraph as DocxParagraph, ParagraphBorder, ParagraphBorderPosition,
    ParagraphBorders, ParagraphChild, Run, RunChild, RunProperty, SpecialIndentType, Sz, SzCs,
    Table as DocxTable, TableBorder, TableBorderPosition, TableBorders, TableCell,
    TableCellContent, TableCellMargins, TableLayoutType, TableRow, Text, Underline, VAlignType,
    WidthType,
};

use crate::tree::{
    Align, Block, Cell, Document, Inline, PageNumber, Paragraph, Rule, RunStyle, Spacer, Table,
    VAlign,
};

/// The body of a document still to be translated (the rest of the document is its frame:
/// `super::frame`); [`Body::write`] hands the body's blocks out one by one.
pub(super) struct Body<'d> {
    doc: &'d Document,
    /// Where the PDF's layout begins a page inside a top-level table: its block and row.
    page_rows: &'d [(usize, usize)],
    cx: Context,
    flow: Flow,
    text_width: i32,
}

/// Points to twips, rounded.
pub(super) fn twips(pt: f32) -> i32 {
    // `as` saturates (and maps NaN to 0): no panic on odd input.
    (pt * 20.0).round() as i32
}

/// Points to non-negative twips.
pub(super) fn twips_u(pt: f32) -> u32 {
    twips(pt).max(0) as u32
}

/// Points to half-points (`w:sz`), within the schema's range 1–1638 pt.
pub(super) fn half_points(pt: f32) -> usize {
    ((pt * 2.0).round() as i64).clamp(2, 3276) as usize
}

/// Points to eighths of a point (`w:sz` of a border), within the schema's range 1/4–12 pt.
fn eighths(pt: f32) -> usize {
    ((pt * 8.0).round() as i64).clamp(2, 96) as usize
}

/// Paragraph mark size of the empty paragraphs that draw rules, spacers and page breaks (1 pt),
/// so the mark never makes them taller than asked.
const TINY: usize = 2;

/// Column boundaries rounded once, so column widths add up to the rounded table width.
/// Widths are clamped to 0..=1 000 000 twips (Word's own limit is 31 680), so sums of them
/// cannot overflow.
fn column_twips(columns: &[f32]) -> Vec<i32> {
    const MAX: i64 = 1_000_000;
    let mut out = Vec::with_capacity(columns.len());
    let mut sum = 0.0f64;
    let mut prev = 0i64;
    for &c in columns {
        sum += c as f64;
        let edge = (sum * 20.0).round() as i64;
        out.push(edge.saturating_sub(prev).clamp(0, MAX) as i32);
        prev = edge;
    }
    out
}

/// The sum of some twips values, saturating.
fn sum(values: &[i32]) -> i32 {
    values.iter().fold(0i32, |a, &b| a.saturating_add(b))
}

fn alignment(align: Align) -> AlignmentType {
    match align {
        Align::Left => AlignmentType::Left,
        Align::Center => AlignmentType::Center,
        Align::Right => AlignmentType::Right,
        // `Justified` writes `w:val="justified"`, which is not in ST_Jc.
        Align::Justify => AlignmentType::Both,
    }
}

/// The page's width and its left and right margins in twips, as the section writes them. Left
/// and right margins are unsigned in the schema (ST_TwipsMeasure); top and bottom may be
/// negative (text may overlap the header).
pub(super) fn horizontal(page: &crate::tree::PageSetup) -> (i32, i32, i32) {
    (
        twips(page.width),
        twips(page.margin_left).max(0),
        twips(page.margin_right).max(0),
    )
}

impl<'d> Body<'d> {
    /// The body of `doc`, its paragraph ids from `next_id` on (where the frame's headers left
    /// them), its runs of `body_size` (the default, in half-points) written without a size;
    /// `page_rows` says where the PDF's layout begins a page inside a top-level table
    /// (its block and row), as far as it is known.
    pub fn new(
        doc: &'d Document,
        next_id: u32,
        body_size: usize,
        page_rows: &'d [(usize, usize)],
    ) -> Body<'d> {
        let (page_width, margin_left, margin_right) = horizontal(&doc.page);
        Body {
            doc,
            page_rows,
            cx: Context::new(next_id, body_size),
            flow: Flow::default(),
            text_width: page_width
                .saturating_sub(margin_left)
                .saturating_sub(margin_right),
        }
    }

    /// The size of the document's default run properties, in half-points.
    pub fn body_size(&self) -> usize {
        self.cx.body_size
    }

    /// The blocks of the body.
    pub fn blocks(&self) -> &'d [Block] {
        &self.doc.blocks
    }

    /// Whether block `i` is a table with header rows whose last rows, kept with what follows
    /// (the signature), go in a table of their own, and the PDF's layout begins a page with
    /// them.
    pub fn tail_heads_page(&self, i: usize) -> bool {
        match self.doc.blocks.get(i) {
            Some(Block::Table(t)) => split_tail(t).is_some_and(|at| self.page_rows.contains(&(i, at))),
            _ => false,
        }
    }

    /// Where the translation stands, `rows_seen` table rows fixed up: what the next block's XML
    /// depends on besides the block.
    pub fn state(&self, rows_seen: usize) -> Between {
        Between {
            next_id: self.cx.next_id,
            rows: self.cx.header_rows.len(),
            unread: self.cx.header_rows.get(rows_seen..).unwrap_or_default().to_vec(),
            flow: self.flow,
            text_width: self.text_width,
        }
    }

    /// Whether each table row from the `from`-th on repeats as a header row: what the blocks
    /// translated since the body had `from` rows added.
    pub fn rows_from(&self, from: usize) -> &[bool] {
        self.cx.header_rows.get(from..).unwrap_or_default()
    }

    /// Goes on from `end`, where an earlier translation of the same block from the same state
    /// left it, having added the table rows `added`.
    pub fn resume(&mut self, end: &Between, added: &[bool]) {
        self.cx.next_id = end.next_id;
        self.cx.header_rows.extend_from_slice(added);
        self.flow = end.flow;
        self.text_width = end.text_width;
    }

    /// Hands what `block` becomes to `emit`, with whether each table row so far (in document
    /// order, those of this block included) repeats as a header row (`w:tblHeader`, which
    /// docx-rs cannot write: the fix-up pass adds it). `tail_heads_page`: the block is a table
    /// whose last rows, kept with what follows, begin a page ([`Body::tail_heads_page`]).
    pub fn write(
        &mut self,
        block: &Block,
        tail_heads_page: bool,
        emit: &mut dyn FnMut(DocumentChild, &[bool]),
    ) {
        let Body {
            cx,
            flow,
            text_width,
            ..
        } = self;
        let mut emit = |child: DocumentChild, cx: &Context| emit(child, &cx.header_rows);
        match block {
            Block::Table(t) => {
                if flow.break_before {
                    let child = paragraph(cx.page_break());
                    emit(child, cx);
                    flow.break_before = false;
                } else if flow.after_table {
                    // The paragraph between two tables carries the keep of the first.
                    let child = paragraph(cx.table_separator().keep_next(flow.table_keeps));
                    emit(child, cx);
                }
                match kept_tail(t) {
                    // The rows kept with what follows go in a table of their own, every
                    // paragraph of it kept with the next: Word keeps those rows with each
                    // other and with the signature, and LibreOffice, which ignores `w:keepNext`
                    // inside a table, reads a table whose every row keeps as a table kept with
                    // the next paragraph (checked with LibreOffice 7.4). Kept on the whole
                    // table, Word would move a table longer than a page to a page of its own.
                    Some(at) if at > t.header_rows => {
                        let child = DocumentChild::Table(Box::new(cx.table(t, 0..at, false)));
                        emit(child, cx);
                        let n = t.rows.len();
                        // Adjacent tables would be read as one. Where the PDF's layout begins
                        // a page with the kept rows, they begin one here too, under the header
                        // rows again: a table of their own does not repeat the first's.
                        let tail = if tail_heads_page {
                            let child = paragraph(cx.page_break());
                            emit(child, cx);
                            cx.table(t, (0..t.header_rows).chain(at..n), true)
                        } else {
                            let child = paragraph(cx.table_separator().keep_next(true));
                            emit(child, cx);
                            cx.table(t, at..n, true)
                        };
                        emit(DocumentChild::Table(Box::new(tail)), cx);
                    }
                    Some(_) => {
                        let n = t.rows.len();
                        let child = DocumentChild::Table(Box::new(cx.table(t, 0..n, true)));
                        emit(child, cx);
                    }
                    None => {
                        let n = t.rows.len();
                        let child = DocumentChild::Table(Box::new(cx.table(t, 0..n, false)));
                        emit(child, cx);
                    }
                }
                flow.after_table = true;
                flow.table_keeps = t.rows.last().is_some_and(row_keeps_with_next);
            }
            Block::PageBreak => {
                if flow.break_before {
                    let child = paragraph(cx.page_break());
                    emit(child, cx);
                    flow.after_table = false;
                }
                flow.break_before = true;
            }
            other => {
                // A block that writes nothing (a spacer of no height) passes the break on.
                if let Some(p) = cx.simple_block(other, *text_width, flow.break_before) {
                    let child = paragraph(p);
                    emit(child, cx);
                    flow.break_before = false;
                    flow.after_table = false;
                }
            }
        }
    }

    /// Hands the end of the body to `emit`: a page break asked for after the last block.
    pub fn finish(mut self, emit: &mut dyn FnMut(DocumentChild, &[bool])) {
        if self.flow.break_before {
            let child = paragraph(self.cx.page_break());
            emit(child, &self.cx.header_rows);
        }
    }
}

/// Where the translation of a body stands between two blocks (see [`Body::state`]).
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Between {
    next_id: u32,
    /// The table rows written so far.
    rows: usize,
    /// Whether each row written but not yet fixed up repeats as a header row (the fix-up pass
    /// reads them in order; a block's own rows are made by the block).
    unread: Vec<bool>,
    flow: Flow,
    text_width: i32,
}

impl Between {
    /// The table rows written so far.
    pub fn rows(&self) -> usize {
        self.rows
    }

    /// What the state holds besides its fixed fields, in bytes.
    pub fn held(&self) -> usize {
        self.unread.len()
    }
}

/// What the blocks before tell the next one.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
struct Flow {
    /// A page break is asked for before the next block.
    break_before: bool,
    /// The block before is a table.
    after_table: bool,
    /// The table just written ends with a row kept with what follows.
    table_keeps: bool,
}

/// A paragraph as a child of the body.
fn paragraph(p: DocxParagraph) -> DocumentChild {
    DocumentChild::Paragraph(Box::new(p))
}

pub(super) struct Context {
    /// Next `w14:paraId`: assigned here, not by docx-rs's thread-local counter, so the output
    /// does not depend on what else the thread has built.
    next_id: u32,
    header_rows: Vec<bool>,
    /// The size of the document's default run properties, in half-points.
    body_size: usize,
}

impl Context {
    /// A context whose next paragraph id is `next_id`, in a document whose default run size is
    /// `body_size` half-points.
    pub(super) fn new(next_id: u32, body_size: usize) -> Context {
        Context {
            next_id,
            header_rows: Vec::new(),
            body_size,
        }
    }

    /// The next paragraph id.
    pub(super) fn next_id(&self) -> u32 {
        self.next_id
    }

    fn new_paragraph(&mut self) -> DocxParagraph {
        let id = self.next_id;
        // paraId must stay below 0x80000000.
        self.next_id = (self.next_id + 1) & 0x7fff_ffff;
        let mut p = DocxParagraph::new();
        p.id = format!("{id:08X}");
        p
    }

    /// A paragraph, rule or spacer (`None` for a spacer of no height).
    fn simple_block(
        &mut self,
        block: &Block,
        avail: i32,
        break_before: bool,
    ) -> Option<DocxParagraph> {
        let mut p = match block {
            Block::Paragraph(p) => self.paragraph(p),
            Block::Rule(r) => self.rule(r, avail),
            Block::Spacer(s) => self.spacer(s)?,
            Block::PageBreak => self.page_break(),
            // Nested tables are handled by the caller.
            Block::Table(_) => return None,
        };
        if break_before {
            p.property.page_break_before = Some(true);
        }
        Some(p)
    }

    /// Writes a `w:p` from a tree paragraph.
    fn paragraph(&mut self, p: &Paragraph) -> DocxParagraph {
        let first = twips(p.first_line_indent);
        let special = match first {
            0 => None,
            f if f > 0 => Some(SpecialIndentType::FirstLine(f)),
            f => Some(SpecialIndentType::Hanging(f.saturating_neg())),
        };
        let left = twips(p.indent_left);
        let right = twips(p.indent_right);
        let line = twips(p.line_height);
        let spacing = LineSpacing::new()
            .before(twips_u(p.space_before))
            .after(twips_u(p.space_after));
        let spacing = if line > 0 {
            spacing.line(line).line_rule(LineSpacingType::AtLeast)
        } else {
            spacing.line(240).line_rule(LineSpacingType::Auto)
        };
        // Widow and orphan control, as the PDF layout does, comes from the document defaults
        // (`super::frame`): Word follows the file, and LibreOffice's own default would differ
        // from the file without it.
        let mut out = self.new_paragraph();
        let property = &mut out.property;
        property.alignment = Some(Justification::new(alignment(p.align).to_string()));
        property.line_spacing = Some(spacing);
        if left != 0 || right != 0 || special.is_some() {
            property.indent = Some(Indent::new(Some(left), special, Some(right), None));
        }
        if p.keep_with_next {
            property.keep_next = Some(true);
        }
        if p.keep_lines {
            property.keep_lines = Some(true);
        }

        // The paragraph mark takes the size of the text it ends, so that it never makes the
        // last line taller than the text on it.
        let mark = p.inlines.iter().rev().find_map(|i| match i {
            Inline::Text(run) => Some(run.style),
            Inline::Break => None,
        });
        if let Some(size) = mark
            .map(|style| half_points(style.size))
            .filter(|&size| size != self.body_size)
        {
            set_size(&mut property.run_property, size);
        }

        let mut current = p.inlines.iter().find_map(|i| match i {
            Inline::Text(run) => Some(run.style),
            Inline::Break => None,
        });
        for inline in &p.inlines {
            match inline {
                Inline::Text(run) => {
                    current = Some(run.style);
                    let mut styled = styled_run(&run.style, self.body_size);
                    // Newlines dropped, as `Run::add_text` drops them: a line break of the
                    // tree is an `Inline::Break`, a run of its own.
                    styled.children.push(RunChild::Text(Text::new(run.text.replace('\n', ""))));
                    out.children.push(ParagraphChild::Run(Box::new(styled)));
                }
                Inline::Break => {
                    let mut run = match &current {
                        Some(style) => styled_run(style, self.body_size),
                        None => Run::new(),
                    };
                    run.children.push(RunChild::Break(Break::new(BreakType::TextWrapping)));
                    out.children.push(ParagraphChild::Run(Box::new(run)));
                }
            }
        }
        out
    }

    /// Writes a rule as an empty paragraph with a top border: `space_before` above the line,
    /// a line box of exactly `space_after` below it, indented to `width` within `avail`.
    fn rule(&mut self, rule: &Rule, avail: i32) -> DocxParagraph {
        let avail = avail.max(0);
        let width = twips(rule.width).clamp(0, avail);
        let slack = avail - width;
        let (left, right) = match rule.align {
            Align::Left | Align::Justify => (0, slack),
            Align::Center => (slack / 2, slack - slack / 2),
            Align::Right => (slack, 0),
        };
        let mut p = self
            .new_paragraph()
            .indent(Some(left), None, Some(right), None)
            .line_spacing(
                LineSpacing::new()
                    .before(twips_u(rule.space_before))
                    .after(0)
                    .line(twips(rule.space_after).max(1))
                    .line_rule(LineSpacingType::Exact),
            )
            .size(TINY);
        if rule.thickness > 0.0 && width > 0 {
            // `ParagraphBorders::new()` (and so `set_border`) starts with a thin box on all
            // four sides: start from nothing and add the top line only.
            p.property = p.property.set_borders(
                ParagraphBorders::with_empty().set(
                    ParagraphBorder::new(ParagraphBorderPosition::Top)
                        .val(BorderType::Single)
                        .size(eighths(rule.thickness))
                        .space(0)
                        .color("000000"),
                ),
            );
        }
        p
    }

    /// Writes a spacer as an empty paragraph exactly `height` tall.
    fn spacer(&mut self, spacer: &Spacer) -> Option<DocxParagraph> {
        let height = twips(spacer.height);
        if height <= 0 {
            return None;
        }
        Some(
            self.new_paragraph()
                .line_spacing(
                    LineSpacing::new()
                        .before(0)
                        .after(0)
                        .line(height)
                        .line_rule(LineSpacingType::Exact),
                )
                .size(TINY),
        )
    }

    /// Writes a paragraph holding only a page break, 1 pt tall, for a break that no following
    /// paragraph can carry as `w:pageBreakBefore`.
    /// A paragraph one point high: between two tables, so that Word and LibreOffice do not merge
    /// them into one (adjacent `w:tbl` elements are read as one table).
    fn table_separator(&mut self) -> DocxParagraph {
        self.new_paragraph()
            .line_spacing(
                LineSpacing::new()
                    .before(0)
                    .after(0)
                    .line(20)
                    .line_rule(LineSpacingType::Exact),
            )
            .size(TINY)
    }

    fn page_break(&mut self) -> DocxParagraph {
        self.table_separator()
            .add_run(Run::new().size(TINY).add_break(BreakType::Page))
    }

    /// Writes a `w:tbl` of the rows of `t` numbered by `rows`, in order: fixed layout, the grid
    /// from the column widths, explicit borders and cell margins, placed at the left margin;
    /// with `keep_all`, every paragraph of it is kept with the next.
    fn table(
        &mut self,
        t: &Table,
        rows: impl Iterator<Item = usize>,
        keep_all: bool,
    ) -> DocxTable {
        let cols = column_twips(&t.columns);
        let total = sum(&cols);
        // At most i32::MAX, so the casts back to i32 below are exact.
        let pad_x = twips_u(t.cell_padding_x) as usize;
        let pad_y = twips_u(t.cell_padding_y) as usize;

        let mut out = Vec::with_capacity(rows.size_hint().0);
        for (i, row) in rows.filter_map(|i| Some((i, t.rows.get(i)?))) {
            let header = i < t.header_rows;
            self.header_rows.push(header);
            // A header row stays with the first two body rows (as the PDF layout keeps them:
            // a header never ends a page with one row under it), and a row with a paragraph
            // kept with the next stays whole with the next: every paragraph of such a row gets
            // `w:keepNext`, as Word wants it.
            let first_body =
                t.header_rows > 0 && i == t.header_rows && t.rows.len() > t.header_rows + 1;
            let keep = keep_all || header || first_body || row_keeps_with_next(row);
            let mut cells = Vec::with_capacity(row.cells.len());
            let mut col = 0usize;
            for cell in &row.cells {
                let span = cell.col_span.max(1);
                let end = col.saturating_add(span).min(cols.len());
                let width = cols.get(col..end).map_or(0, sum);
                col = end;
                let inner = width.saturating_sub((pad_x as i32).saturating_mul(2));
                cells.push(self.cell(cell, span, width, inner, keep));
            }
            let mut tr = TableRow::new(cells);
            if row.cant_split {
                tr = tr.cant_split();
            }
            out.push(tr);
        }

        let borders = if t.borders {
            let size = eighths(t.border_width);
            all_borders(|pos| {
                TableBorder::new(pos)
                    .border_type(BorderType::Single)
                    .size(size)
                    .color("000000")
            })
        } else {
            all_borders(|pos| {
                TableBorder::new(pos)
                    .border_type(BorderType::Nil)
                    .size(0)
                    .color("auto")
            })
        };

        DocxTable::new(out)
            .set_grid(cols.iter().map(|&c| c as usize).collect())
            .layout(TableLayoutType::Fixed)
            .width(total.max(0) as usize, WidthType::Dxa)
            // With compatibilityMode 15 (docx-rs writes it) the indent is measured to the
            // table's edge, so 0 puts the edge on the margin, as the PDF does.
            .indent(0)
            .margins(TableCellMargins::new().margin(pad_y, pad_x, pad_y, pad_x))
            .set_borders(borders)
    }

    /// Writes a `w:tc`; with `keep`, every paragraph of it is kept with the next (`w:keepNext`,
    /// which keeps the row with the next one).
    fn cell(&mut self, cell: &Cell, span: usize, width: i32, inner: i32, keep: bool) -> TableCell {
        let mut tc = TableCell::new().width(width.max(0) as usize, WidthType::Dxa);
        // Top is the default (of Word and LibreOffice alike).
        match cell.v_align {
            VAlign::Top => {}
            VAlign::Center => tc = tc.vertical_align(VAlignType::Center),
            VAlign::Bottom => tc = tc.vertical_align(VAlignType::Bottom),
        }
        if span > 1 {
            tc = tc.grid_span(span);
        }
        let mut break_before = false;
        let mut ends_with_table = false;
        for block in &cell.blocks {
            match block {
                Block::Table(t) => {
                    if break_before {
                        push_paragraph(&mut tc, self.page_break());
                        break_before = false;
                    } else if ends_with_table {
                        push_paragraph(&mut tc, self.table_separator());
                    }
                    tc = tc.add_table(self.table(t, 0..t.rows.len(), false));
                    ends_with_table = true;
                }
                Block::PageBreak => {
                    if break_before {
                        push_paragraph(&mut tc, self.page_break());
                    }
                    break_before = true;
                }
                other => {
                    if let Some(mut p) = self.simple_block(other, inner, break_before) {
                        if keep {
                            p.property.keep_next = Some(true);
                        }
                        push_paragraph(&mut tc, p);
                        ends_with_table = false;
                        break_before = false;
                    }
                }
            }
        }
        if break_before {
            push_paragraph(&mut tc, self.page_break());
            ends_with_table = false;
        }
        // A cell must end with a paragraph.
        if ends_with_table {
            let p = self.new_paragraph().size(TINY);
            push_paragraph(&mut tc, p);
        }
        // An empty cell holds an empty paragraph. docx-rs would add one as it writes, with an
        // id from its thread's counter: whatever else that thread made would show in the bytes
        // (and the id could repeat one of ours).
        if tc.children.is_empty() {
            push_paragraph(&mut tc, self.new_paragraph());
        }
        tc
    }

    /// Adds the page-number header: a centred PAGE field at `number.top` from the top edge,
    /// from page `number.first` on.
    ///
    /// A section can only give its first page a header of its own (`w:titlePg`), so numbers
    /// start on page 1 or 2: a `first` above 2 starts them on page 2. (Word could hide them up
    /// to page `first` with an `IF { PAGE } >= first` field, but LibreOffice prints such a
    /// field's nested results as text.)
    pub(super) fn page_numbers(&mut self, docx: Docx, number: &PageNumber) -> Docx {
        let size = half_points(number.size);
        let run = || Run::new().size(size);
        let header_paragraph = |cx: &mut Context| {
            cx.new_paragraph()
                .align(AlignmentType::Center)
                .line_spacing(
                    LineSpacing::new()
                        .before(0)
                        .after(0)
                        .line(240)
                        .line_rule(LineSpacingType::Auto),
                )
                .size(size)
        };
        let first = number.first.clamp(1, 2);
        let cached = first.to_string();

        // The field as separate runs (begin / instruction / separate / result / end) so each
        // part carries the run properties; docx-rs's `PageNum` cannot be styled.
        let p = header_paragraph(self)
            .add_run(run().add_field_char(FieldCharType::Begin, false))
            .add_run(run().add_instr_text(InstrText::Unsupported(" PAGE ".into())))
            .add_run(run().add_field_char(FieldCharType::Separate, false))
            .add_run(run().add_text(cached.as_str()))
            .add_run(run().add_field_char(FieldCharType::End, false));
        let mut docx = docx.header(Header::new().add_paragraph(p));
        if first == 2 {
            // An empty first-page header: the first page shows no number.
            let empty = header_paragraph(self);
            docx = docx.first_header(Header::new().add_paragraph(empty));
        }
        docx
    }
}

/// Sets the size of a run or paragraph mark (`w:sz`, `w:szCs`), as docx-rs's `size` does but
/// in place. docx-rs's builders take and give back the element by value, and the moves cost
/// more than the rest of the building (a paragraph is 2.4 KB, a run 0.7 KB): here the
/// properties of paragraphs, runs and cells are set on their public fields instead.
fn set_size(property: &mut RunProperty, size: usize) {
    property.sz = Some(Sz::new(size));
    property.sz_cs = Some(SzCs::new(size));
}

/// Adds a paragraph to a cell, as `TableCell::add_paragraph` does, without moving the cell.
fn push_paragraph(tc: &mut TableCell, p: DocxParagraph) {
    tc.has_numbering |= p.has_numbering;
    tc.children.push(TableCellContent::Paragraph(Box::new(p)));
}

/// A run with the tree's character formatting. The font comes from the document defaults:
/// docx-rs writes no theme, so nothing overrides them and runs need no `w:rFonts` of their own
/// (Word and LibreOffice both carry the resolved font along when text is copied out); nor
/// does a run of the default size, `body_size` half-points, need a `w:sz`.
fn styled_run(style: &RunStyle, body_size: usize) -> Run {
    let size = half_points(style.size);
    let mut run = Run::new();
    let property = &mut run.run_property;
    if size != body_size {
        set_size(property, size);
    }
    if style.bold {
        property.bold = Some(Bold::new());
        property.bold_cs = Some(BoldCs::new());
    }
    if style.italic {
        property.italic = Some(Italic::new());
        property.italic_cs = Some(ItalicCs::new());
    }
    if style.underline {
        property.underline = Some(Underline::new("single"));
    }
    run
}

/// Whether where the PDF's layout begins pages bears on the DOCX of `doc`: a top-level table
/// has header rows and a kept tail of its own ([`Body::tail_heads_page`]).
pub(super) fn asks_where_pages_begin(doc: &Document) -> bool {
    doc.blocks
        .iter()
        .any(|b| matches!(b, Block::Table(t) if split_tail(t).is_some()))
}

/// Where the rows kept with what follows begin, when they go in a table of their own under a
/// table with header rows.
fn split_tail(t: &Table) -> Option<usize> {
    kept_tail(t).filter(|&at| t.header_rows > 0 && at > t.header_rows)
}

/// Where the rows that stay with what follows start, when the table ends with such rows (a
/// programme's last row kept with the signature).
fn kept_tail(t: &Table) -> Option<usize> {
    let kept = t
        .rows
        .iter()
        .skip(t.header_rows)
        .rev()
        .take_while(|r| row_keeps_with_next(r))
        .count();
    (kept > 0).then(|| t.rows.len() - kept)
}

/// Whether a row stays with what follows: a paragraph of it is kept with the next.
fn row_keeps_with_next(row: &crate::tree::Row) -> bool {
    row.cells.iter().any(|c| {
        c.blocks
            .iter()
            .any(|b| matches!(b, Block::Paragraph(p) if p.keep_with_next))
    })
}

fn all_borders(make: impl Fn(TableBorderPosition) -> TableBorder) -> TableBorders {
    TableBorders::new()
        .set(make(TableBorderPosition::Top))
        .set(make(TableBorderPosition::Left))
        .set(make(TableBorderPosition::Bottom))
        .set(make(TableBorderPosition::Right))
        .set(make(TableBorderPosition::InsideH))
        .set(make(TableBorderPosition::InsideV))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tree::mm;

    #[test]
    fn units() {
        assert_eq!(twips(mm(210.0)), 11906);
        assert_eq!(twips(mm(297.0)), 16838);
        assert_eq!(twips(mm(20.0)), 1134);
        assert_eq!(twips(mm(30.0)), 1701);
        assert_eq!(twips(mm(15.0)), 850);
        assert_eq!(half_points(14.0), 28);
        assert_eq!(half_points(13.5), 27);
        assert_eq!(half_points(0.0), 2);
        assert_eq!(eighths(0.5), 4);
        assert_eq!(eighths(100.0), 96);
        assert_eq!(twips(f32::NAN), 0);
        assert_eq!(twips(f32::INFINITY), i32::MAX);
    }

    #[test]
    fn column_widths_add_up_to_the_rounded_total() {
        let cols = column_twips(&[100.03, 100.03, 100.03]);
        assert_eq!(sum(&cols), (300.09f32 * 20.0).round() as i32);
        let odd = column_twips(&[f32::MAX, -f32::MAX, f32::NAN, 1e30, -5.0]);
        assert!(odd.iter().all(|&c| (0..=1_000_000).contains(&c)));
        assert_eq!(sum(&[i32::MAX, 5]), i32::MAX);
    }
}
