//! The style sheet: named paragraph styles that templates refer to (`<p style="body">`), holding
//! the Party's type table (Hướng dẫn 36-HD/VPTW, Phụ lục 3) and the page setup.
//!
//! Every value is configurable; the defaults are SPEC §3.

use std::collections::BTreeMap;

use crate::tree::{Align, PageSetup};

/// Properties of a named paragraph style. `None` leaves the value to the base style.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct ParagraphStyle {
    /// Font size in points.
    pub size: Option<f32>,
    /// Bold face.
    pub bold: Option<bool>,
    /// Italic face.
    pub italic: Option<bool>,
    /// Underline.
    pub underline: Option<bool>,
    /// Alignment.
    pub align: Option<Align>,
    /// First-line indent in points.
    pub first_line_indent: Option<f32>,
    /// Left indent in points.
    pub indent_left: Option<f32>,
    /// Right indent in points.
    pub indent_right: Option<f32>,
    /// Space before in points.
    pub space_before: Option<f32>,
    /// Space after in points.
    pub space_after: Option<f32>,
    /// Minimum line pitch in points.
    pub line_height: Option<f32>,
    /// Keep with the next block.
    pub keep_with_next: Option<bool>,
    /// Keep every line on one page.
    pub keep_lines: Option<bool>,
}

/// Fully resolved paragraph properties (the base every style starts from).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ResolvedStyle {
    /// Font size in points.
    pub size: f32,
    /// Bold face.
    pub bold: bool,
    /// Italic face.
    pub italic: bool,
    /// Underline.
    pub underline: bool,
    /// Alignment.
    pub align: Align,
    /// First-line indent in points.
    pub first_line_indent: f32,
    /// Left indent in points.
    pub indent_left: f32,
    /// Right indent in points.
    pub indent_right: f32,
    /// Space before in points.
    pub space_before: f32,
    /// Space after in points.
    pub space_after: f32,
    /// Minimum line pitch in points.
    pub line_height: f32,
    /// Keep with the next block.
    pub keep_with_next: bool,
    /// Keep every line on one page.
    pub keep_lines: bool,
}

impl ResolvedStyle {
    /// Applies the set values of `style` on top of `self`.
    pub fn apply(mut self, style: &ParagraphStyle) -> Self {
        macro_rules! set {
            ($($f:ident),*) => { $( if let Some(v) = style.$f { self.$f = v; } )* };
        }
        set!(
            size,
            bold,
            italic,
            underline,
            align,
            first_line_indent,
            indent_left,
            indent_right,
            space_before,
            space_after,
            line_height,
            keep_with_next,
            keep_lines
        );
        self
    }
}

/// Page setup and named styles. `Default` is the Party's format (SPEC §3).
#[derive(Debug, Clone, PartialEq)]
pub struct StyleSheet {
    /// Paper, margins, page numbers. Default: A4, 20/20/30/15 mm, numbers from page 2.
    pub page: PageSetup,
    /// What every paragraph starts from. Default: 14 pt regular, left, 18 pt line pitch.
    pub base: ResolvedStyle,
    /// Named styles. Default: the type table of 36-HD/VPTW (see [`StyleSheet::default`]).
    pub styles: BTreeMap<String, ParagraphStyle>,
    /// Size of the table text in points. Default: 13.
    pub table_size: f32,
    /// Named column sets that a table can use instead of widths (`<table columns="party">`).
    /// Default: `party` = `77mm,*,86mm`, the grid of the header and signature blocks — the same
    /// left column (superior and issuing body, "Nơi nhận") and the same right column ("ĐẢNG CỘNG
    /// SẢN VIỆT NAM", the date, the signature) on every paper, the space between them on a
    /// landscape page going to the middle column.
    pub grids: BTreeMap<String, String>,
}

fn style(f: impl FnOnce(&mut ParagraphStyle)) -> ParagraphStyle {
    let mut s = ParagraphStyle::default();
    f(&mut s);
    s
}

impl Default for StyleSheet {
    /// The Party's format rules: the rows of the type table (36-HD/VPTW, Phụ lục 3) as styles.
    ///
    /// | style | row | size | look |
    /// |---|---|---|---|
    /// | `heading` | 1 | 15 | bold, centred |
    /// | `superior` / `issuer` | 2a / 2b | 14 | regular / bold, centred |
    /// | `number` | 3 | 14 | centred |
    /// | `place-date` | 4 | 14 | italic, centred |
    /// | `type-name` | 5a | 15 | bold, centred |
    /// | `summary` | 5b | 14 | bold, centred |
    /// | `body` | 6 | 14 | justified, first line 1.27 cm, 6 pt after |
    /// | `list` | 6 | 14 | flush left (lists of names and results are never stretched), first line 1.27 cm, 3 pt after |
    /// | `signature-authority` / `signature-title` / `signature-name` | 7a / 7b / 7c | 14 | bold / regular / bold, centred |
    /// | `addressee` | 8 | 14 | "Kính gửi:" line, centred |
    /// | `recipients-label` / `recipients-item` | 9 / 9.1 | 14 / 12 | underlined / regular |
    fn default() -> Self {
        let centred = |size: f32, bold: bool, italic: bool| {
            style(|s| {
                s.size = Some(size);
                s.bold = Some(bold);
                s.italic = Some(italic);
                s.align = Some(Align::Center);
                s.first_line_indent = Some(0.0);
                s.space_after = Some(0.0);
            })
        };
        let mut styles = BTreeMap::new();
        styles.insert("heading".into(), centred(15.0, true, false));
        styles.insert("superior".into(), centred(14.0, false, false));
        styles.insert("issuer".into(), centred(14.0, true, false));
        styles.insert("number".into(), centred(14.0, false, false));
        styles.insert("place-date".into(), centred(14.0, false, true));
        styles.insert(
            "type-name".into(),
            style(|s| {
                s.size = Some(15.0);
                s.bold = Some(true);
                s.align = Some(Align::Center);
                s.space_before = Some(12.0);
                s.space_after = Some(0.0);
                s.keep_with_next = Some(true);
            }),
        );
        styles.insert(
            "summary".into(),
            style(|s| {
                s.size = Some(14.0);
                s.bold = Some(true);
                s.align = Some(Align::Center);
                s.space_after = Some(0.0);
                s.keep_with_next = Some(true);
            }),
        );
        styles.insert(
            "body".into(),
            style(|s| {
                s.align = Some(Align::Justify);
                s.first_line_indent = Some(36.0); // 1.27 cm
                s.space_after = Some(6.0);
            }),
        );
        styles.insert(
            "list".into(),
            style(|s| {
                s.align = Some(Align::Left);
                s.first_line_indent = Some(36.0);
                s.space_after = Some(3.0);
            }),
        );
        styles.insert(
            "addressee".into(),
            style(|s| {
                s.align = Some(Align::Center);
                s.space_before = Some(6.0);
                s.space_after = Some(6.0);
            }),
        );
        styles.insert("signature-authority".into(), centred(14.0, true, false));
        styles.insert("signature-title".into(), centred(14.0, false, false));
        styles.insert("signature-name".into(), centred(14.0, true, false));
        styles.insert(
            "recipients-label".into(),
            style(|s| {
                s.size = Some(14.0);
                s.underline = Some(true);
                s.space_after = Some(0.0);
            }),
        );
        styles.insert(
            "recipients-item".into(),
            style(|s| {
                s.size = Some(12.0);
                s.space_after = Some(0.0);
                s.line_height = Some(14.0);
            }),
        );
        styles.insert(
            "table-head".into(),
            style(|s| {
                s.size = Some(13.0);
                s.bold = Some(true);
                s.align = Some(Align::Center);
                s.space_before = Some(2.0);
                s.space_after = Some(2.0);
                s.line_height = Some(15.0);
            }),
        );
        styles.insert(
            "table-cell".into(),
            style(|s| {
                s.size = Some(13.0);
                s.space_before = Some(2.0);
                s.space_after = Some(2.0);
                s.line_height = Some(15.0);
            }),
        );
        styles.insert(
            "table-cell-center".into(),
            style(|s| {
                s.size = Some(13.0);
                s.align = Some(Align::Center);
                s.space_before = Some(2.0);
                s.space_after = Some(2.0);
                s.line_height = Some(15.0);
            }),
        );
        StyleSheet {
            page: PageSetup::a4(),
            base: ResolvedStyle {
                size: 14.0,
                bold: false,
                italic: false,
                underline: false,
                align: Align::Left,
                first_line_indent: 0.0,
                indent_left: 0.0,
                indent_right: 0.0,
                space_before: 0.0,
                space_after: 0.0,
                line_height: 18.0,
                keep_with_next: false,
                keep_lines: false,
            },
            styles,
            table_size: 13.0,
            grids: BTreeMap::from([("party".to_string(), "77mm,*,86mm".to_string())]),
        }
    }
}

/// The rule under "ĐẢNG CỘNG SẢN VIỆT NAM" and friends: default stroke width.
pub const RULE_THICKNESS: f32 = 0.75;

/// Default table cell padding (left/right), as Word's default cell margin (0.19 cm).
pub const CELL_PADDING_X: f32 = 5.4;
