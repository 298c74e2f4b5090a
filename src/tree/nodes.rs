//! The nodes of the resolved tree.

pub use crate::font::Face;

/// The no-break space (U+00A0): the resolver joins set phrases and names with it; no line
/// breaks on either side of it, and it is never stretched.
pub const NBSP: char = '\u{a0}';

/// Millimetres to points.
pub fn mm(value: f32) -> f32 {
    value * 72.0 / 25.4
}

/// A whole document, ready for a backend.
#[derive(Debug, Clone, PartialEq)]
pub struct Document {
    /// Title, language and other metadata written into the file.
    pub meta: Meta,
    /// Paper size, margins and page numbering.
    pub page: PageSetup,
    /// The body, top to bottom.
    pub blocks: Vec<Block>,
}

/// Metadata of a document (DOCX core properties, PDF info dictionary).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Meta {
    /// The document kind's machine name, e.g. `invitation`.
    pub kind: String,
    /// The title, e.g. "Giấy mời — Đồng chí Đinh Thị Lan Duyên".
    pub title: String,
    /// The subject line (the congress).
    pub subject: String,
    /// The author (the issuing body).
    pub author: String,
    /// BCP 47 language tag; `vi-VN`.
    pub language: String,
    /// Creation timestamp, RFC 3339 (`2020-03-05T08:00:00Z`). An input, never the clock.
    pub created: String,
    /// A stable document identifier (used for the PDF `/ID`).
    pub id: String,
}

/// Paper and margins, in points.
#[derive(Debug, Clone, PartialEq)]
pub struct PageSetup {
    /// Paper width.
    pub width: f32,
    /// Paper height.
    pub height: f32,
    /// Top margin.
    pub margin_top: f32,
    /// Bottom margin.
    pub margin_bottom: f32,
    /// Left (binding) margin.
    pub margin_left: f32,
    /// Right margin.
    pub margin_right: f32,
    /// Page numbers, if printed.
    pub page_number: Option<PageNumber>,
}

impl PageSetup {
    /// A4 with the Party's default margins (20 / 20 / 30 / 15 mm) and page numbers from page 2.
    pub fn a4() -> Self {
        PageSetup {
            width: mm(210.0),
            height: mm(297.0),
            margin_top: mm(20.0),
            margin_bottom: mm(20.0),
            margin_left: mm(30.0),
            margin_right: mm(15.0),
            page_number: Some(PageNumber {
                first: 2,
                size: 14.0,
                top: mm(10.0),
            }),
        }
    }

    /// The same paper turned sideways (when it is not already): width and height swapped, the
    /// margins kept (the binding margin stays on the left) and page numbers as they were.
    pub fn landscape(&self) -> Self {
        let mut out = self.clone();
        if out.height > out.width {
            std::mem::swap(&mut out.width, &mut out.height);
        }
        out
    }

    /// Whether the paper is wider than it is tall.
    pub fn is_landscape(&self) -> bool {
        self.width > self.height
    }

    /// Width between the margins.
    pub fn text_width(&self) -> f32 {
        self.width - self.margin_left - self.margin_right
    }

    /// Height between the margins.
    pub fn text_height(&self) -> f32 {
        self.height - self.margin_top - self.margin_bottom
    }
}

/// Arabic page numbers, centred at the top of the page.
#[derive(Debug, Clone, PartialEq)]
pub struct PageNumber {
    /// The first page that shows its number (1-based); the Party's rule is 2.
    pub first: u32,
    /// Font size in points.
    pub size: f32,
    /// Distance from the top edge of the paper to the top of the number's line box.
    pub top: f32,
}

/// A block-level element.
#[derive(Debug, Clone, PartialEq)]
pub enum Block {
    /// A paragraph of text.
    Paragraph(Paragraph),
    /// A table (also used, borderless, for the header and signature blocks).
    Table(Table),
    /// A horizontal line.
    Rule(Rule),
    /// Vertical white space of a fixed height (e.g. the room to sign).
    Spacer(Spacer),
    /// Start a new page.
    PageBreak,
}

/// Horizontal alignment.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Align {
    /// Flush left.
    Left,
    /// Centred.
    Center,
    /// Flush right.
    Right,
    /// Both edges flush; the last line flush left.
    Justify,
}

/// Vertical alignment in a table cell.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum VAlign {
    /// Top of the cell.
    Top,
    /// Middle of the cell.
    Center,
    /// Bottom of the cell.
    Bottom,
}

/// A paragraph: runs of text, laid out as lines.
#[derive(Debug, Clone, PartialEq)]
pub struct Paragraph {
    /// The content.
    pub inlines: Vec<Inline>,
    /// Horizontal alignment.
    pub align: Align,
    /// Indent of the first line, relative to `indent_left` (may be 0).
    pub first_line_indent: f32,
    /// Left indent of every line.
    pub indent_left: f32,
    /// Right indent of every line.
    pub indent_right: f32,
    /// Space above the paragraph.
    pub space_before: f32,
    /// Space below the paragraph.
    pub space_after: f32,
    /// Minimum distance from baseline to baseline; a line with larger text grows
    /// to the font's natural line height (DOCX `w:lineRule="atLeast"`).
    pub line_height: f32,
    /// Keep on the same page as the next block.
    pub keep_with_next: bool,
    /// Keep every line on one page: the paragraph moves whole rather than split (DOCX
    /// `w:keepLines`); one longer than a page still breaks.
    pub keep_lines: bool,
}

impl Paragraph {
    /// The text of the paragraph as a reader gets it, line breaks as `\n`. No-break spaces — the
    /// resolver adds them to keep set phrases and names on one line — come out as spaces, as
    /// text extracted from the PDF has them; word joiners are left out.
    pub fn text(&self) -> String {
        let mut out = String::new();
        for inline in &self.inlines {
            match inline {
                Inline::Text(run) => out.extend(run.text.chars().filter_map(|c| match c {
                    NBSP => Some(' '),
                    // A word joiner keeps a cited number on one line; it is not text.
                    '\u{2060}' => None,
                    c => Some(c),
                })),
                Inline::Break => out.push('\n'),
            }
        }
        out
    }
}

/// Inline content of a paragraph.
#[derive(Debug, Clone, PartialEq)]
pub enum Inline {
    /// Text in one style.
    Text(TextRun),
    /// A line break inside the paragraph.
    Break,
}

/// Text in one style. Never empty, never contains `\n`.
#[derive(Debug, Clone, PartialEq)]
pub struct TextRun {
    /// The text (NFC).
    pub text: String,
    /// The style.
    pub style: RunStyle,
}

/// Character formatting.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct RunStyle {
    /// Font size in points.
    pub size: f32,
    /// Bold face.
    pub bold: bool,
    /// Italic face.
    pub italic: bool,
    /// Single underline.
    pub underline: bool,
}

impl RunStyle {
    /// Regular text of the given size.
    pub fn regular(size: f32) -> Self {
        RunStyle {
            size,
            bold: false,
            italic: false,
            underline: false,
        }
    }

    /// Which of the four font faces this style uses.
    pub fn face(&self) -> Face {
        match (self.bold, self.italic) {
            (false, false) => Face::Regular,
            (true, false) => Face::Bold,
            (false, true) => Face::Italic,
            (true, true) => Face::BoldItalic,
        }
    }
}

/// A horizontal line, drawn in the middle of its own thin band.
#[derive(Debug, Clone, PartialEq)]
pub struct Rule {
    /// Length of the line.
    pub width: f32,
    /// Stroke width.
    pub thickness: f32,
    /// Position within the available width.
    pub align: Align,
    /// Space above the line.
    pub space_before: f32,
    /// Space below the line.
    pub space_after: f32,
}

/// Fixed vertical white space.
#[derive(Debug, Clone, PartialEq)]
pub struct Spacer {
    /// Height in points.
    pub height: f32,
}

/// A table with fixed column widths.
#[derive(Debug, Clone, PartialEq)]
pub struct Table {
    /// Column widths in points; their sum is the table's width.
    pub columns: Vec<f32>,
    /// Single black borders around and between all cells.
    pub borders: bool,
    /// Border stroke width in points (when `borders`).
    pub border_width: f32,
    /// Left and right padding inside every cell.
    pub cell_padding_x: f32,
    /// Top and bottom padding inside every cell.
    pub cell_padding_y: f32,
    /// How many leading rows are header rows, repeated on every page the table spans.
    pub header_rows: usize,
    /// The rows.
    pub rows: Vec<Row>,
}

impl Table {
    /// The table's width.
    pub fn width(&self) -> f32 {
        self.columns.iter().sum()
    }
}

/// A table row.
#[derive(Debug, Clone, PartialEq)]
pub struct Row {
    /// The cells; their spans add up to the number of columns.
    pub cells: Vec<Cell>,
    /// Never split the row across pages.
    pub cant_split: bool,
}

/// A table cell.
#[derive(Debug, Clone, PartialEq)]
pub struct Cell {
    /// The content: paragraphs, rules and spacers (no nested tables).
    pub blocks: Vec<Block>,
    /// How many columns the cell spans (≥ 1).
    pub col_span: usize,
    /// Vertical alignment of the content.
    pub v_align: VAlign,
}

impl Document {
    /// The plain text of the document in reading order: one line per paragraph (line breaks
    /// inside a paragraph kept), table cells left to right, row by row; no-break spaces as
    /// spaces (see [`Paragraph::text`]).
    pub fn plain_text(&self) -> String {
        let mut out = String::new();
        push_blocks_text(&self.blocks, &mut out);
        out
    }
}

fn push_blocks_text(blocks: &[Block], out: &mut String) {
    for block in blocks {
        match block {
            Block::Paragraph(p) => {
                out.push_str(&p.text());
                out.push('\n');
            }
            Block::Table(t) => {
                for row in &t.rows {
                    for cell in &row.cells {
                        push_blocks_text(&cell.blocks, out);
                    }
                }
            }
            Block::Rule(_) | Block::Spacer(_) | Block::PageBreak => {}
        }
    }
}
