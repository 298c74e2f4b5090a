use super::*;
use crate::markup::tree::{Inline, Paragraph, Spacer, TextRun};

fn fonts() -> FontSet {
    FontSet::bundled().unwrap()
}

fn paragraph(text: &str, align: Align) -> Paragraph {
    Paragraph {
        inlines: vec![Inline::Text(TextRun {
            text: text.to_string(),
            style: RunStyle::regular(14.0),
        })],
        align,
        first_line_indent: 0.0,
        indent_left: 0.0,
        indent_right: 0.0,
        space_before: 0.0,
        space_after: 0.0,
        line_height: 18.0,
        keep_with_next: false,
    }
}

fn doc(blocks: Vec<Block>) -> Document {
    Document {
        meta: Default::default(),
        page: PageSetup {
            page_number: None,
            ..PageSetup::a4()
        },
        blocks,
    }
}

fn texts(page: &Page) -> Vec<&PositionedText> {
    page.items
        .iter()
        .filter_map(|i| match i {
            Item::Text(t) => Some(t),
            Item::Stroke(_) => None,
        })
        .collect()
}

#[test]
fn first_baseline_is_the_pitch_minus_the_descent() {
    let fonts = fonts();
    let d = doc(vec![Block::Paragraph(paragraph("Xin chào", Align::Left))]);
    let layout = layout_document(&d, &fonts).unwrap();
    let t = texts(&layout.pages[0])[0];
    let descent = fonts.face(Face::Regular).descent(14.0);
    assert!((t.y - (d.page.margin_top + 18.0 - descent)).abs() < 1e-3);
    assert_eq!(t.x, d.page.margin_left);
}

#[test]
fn trailing_spaces_do_not_count_for_right_alignment() {
    let fonts = fonts();
    let d = doc(vec![Block::Paragraph(paragraph("Bí thư   ", Align::Right))]);
    let layout = layout_document(&d, &fonts).unwrap();
    let t = texts(&layout.pages[0])[0];
    assert_eq!(t.text, "Bí thư");
    let right = d.page.width - d.page.margin_right;
    assert!((t.x + t.width - right).abs() < 1e-3);
}

#[test]
fn underline_is_a_stroke_under_the_run() {
    let fonts = fonts();
    let mut p = paragraph("Nơi nhận:", Align::Left);
    if let Inline::Text(run) = &mut p.inlines[0] {
        run.style.underline = true;
    }
    let layout = layout_document(&doc(vec![Block::Paragraph(p)]), &fonts).unwrap();
    let page = &layout.pages[0];
    let t = texts(page)[0];
    let s = page
        .items
        .iter()
        .find_map(|i| match i {
            Item::Stroke(s) => Some(s),
            _ => None,
        })
        .unwrap();
    assert!((s.x1 - t.x).abs() < 1e-3 && (s.x2 - (t.x + t.width)).abs() < 1e-3);
    assert!(s.y1 > t.y && s.y1 < t.y + 3.0, "just below the baseline");
    assert!(s.width > 0.3 && s.width < 1.5);
}

#[test]
fn a_forced_break_ends_a_line_without_justifying_it() {
    let fonts = fonts();
    let mut p = paragraph("một hai", Align::Justify);
    p.inlines.push(Inline::Break);
    p.inlines.push(Inline::Text(TextRun {
        text: "ba".into(),
        style: RunStyle::regular(14.0),
    }));
    let layout = layout_document(&doc(vec![Block::Paragraph(p)]), &fonts).unwrap();
    let t = texts(&layout.pages[0]);
    assert_eq!(t.len(), 2);
    assert_eq!(t[0].word_gap, 0.0);
    assert!((t[1].y - t[0].y - 18.0).abs() < 1e-3);
}

#[test]
fn keep_with_next_moves_the_heading_to_the_next_page() {
    let fonts = fonts();
    let d0 = doc(vec![]);
    // Fill the page but for room for about one line.
    let filler = d0.page.text_height() - 30.0;
    let mut heading = paragraph("Phần I", Align::Center);
    heading.keep_with_next = true;
    let body = paragraph(&"chữ ".repeat(200), Align::Justify);
    let d = doc(vec![
        Block::Spacer(Spacer { height: filler }),
        Block::Paragraph(heading.clone()),
        Block::Paragraph(body.clone()),
    ]);
    let layout = layout_document(&d, &fonts).unwrap();
    assert_eq!(layout.pages.len(), 2);
    assert!(
        texts(&layout.pages[0]).is_empty(),
        "the heading left page 1"
    );
    assert_eq!(texts(&layout.pages[1])[0].text, "Phần I");
    // Without keep_with_next the heading stays.
    heading.keep_with_next = false;
    let d = doc(vec![
        Block::Spacer(Spacer { height: filler }),
        Block::Paragraph(heading),
        Block::Paragraph(body),
    ]);
    let layout = layout_document(&d, &fonts).unwrap();
    assert_eq!(texts(&layout.pages[0])[0].text, "Phần I");
}

#[test]
fn no_break_space_joins_and_draws_as_a_space() {
    let fonts = fonts();
    let width = fonts.face(Face::Regular).measure("Nguyễn Văn", 14.0);
    let mut p = paragraph("Nguyễn\u{a0}Văn", Align::Left);
    p.indent_right = doc(vec![]).page.text_width() - width - 1.0;
    let layout = layout_document(&doc(vec![Block::Paragraph(p)]), &fonts).unwrap();
    let t = texts(&layout.pages[0]);
    assert_eq!(t.len(), 1, "one line");
    assert_eq!(t[0].text, "Nguyễn\u{a0}Văn");
}

#[test]
fn a_row_taller_than_a_page_is_split_with_a_warning() {
    let fonts = fonts();
    let cell = crate::markup::tree::Cell {
        blocks: vec![Block::Paragraph(paragraph(
            &"chữ ".repeat(3000),
            Align::Left,
        ))],
        col_span: 1,
        v_align: crate::markup::tree::VAlign::Top,
    };
    let table = crate::markup::tree::Table {
        columns: vec![200.0],
        borders: true,
        border_width: 0.5,
        cell_padding_x: 4.0,
        cell_padding_y: 2.0,
        header_rows: 0,
        rows: vec![crate::markup::tree::Row {
            cells: vec![cell],
            cant_split: true,
        }],
    };
    let d = doc(vec![Block::Table(table)]);
    let layout = layout_document(&d, &fonts).unwrap();
    assert!(layout.pages.len() >= 2);
    assert!(layout.warnings.iter().any(|w| w.contains("split")));
    let bottom = d.page.height - d.page.margin_bottom;
    for page in &layout.pages {
        for t in texts(page) {
            assert!(t.y <= bottom);
        }
    }
}
