use super::*;
use crate::tree::{Face, Inline, Paragraph, Spacer, TextRun};

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
        keep_lines: false,
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
    let cell = crate::tree::Cell {
        blocks: vec![Block::Paragraph(paragraph(
            &"chữ ".repeat(3000),
            Align::Left,
        ))],
        col_span: 1,
        v_align: crate::tree::VAlign::Top,
    };
    let table = crate::tree::Table {
        columns: vec![200.0],
        borders: true,
        border_width: 0.5,
        cell_padding_x: 4.0,
        cell_padding_y: 2.0,
        header_rows: 0,
        rows: vec![crate::tree::Row {
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

/// The texts of the lines on each page, top to bottom.
fn page_texts(layout: &Layout) -> Vec<Vec<String>> {
    layout
        .pages
        .iter()
        .map(|p| texts(p).iter().map(|t| t.text.clone()).collect())
        .collect()
}

/// A paragraph of `n` lines: "a0" … "a{n-1}", one word per line (explicit breaks).
fn lines(prefix: &str, n: usize) -> Paragraph {
    let mut p = paragraph(&format!("{prefix}0"), Align::Left);
    for i in 1..n {
        p.inlines.push(Inline::Break);
        p.inlines.push(Inline::Text(TextRun {
            text: format!("{prefix}{i}"),
            style: RunStyle::regular(14.0),
        }));
    }
    p
}

/// Fills a page but for `free` points.
fn filler(free: f32) -> Block {
    Block::Spacer(Spacer {
        height: doc(vec![]).page.text_height() - free,
    })
}

#[test]
fn a_paragraph_never_leaves_one_line_alone_at_the_foot_or_head_of_a_page() {
    let fonts = fonts();
    // Room for two lines: a three-line paragraph cannot split 2/1 (widow) nor 1/2 (orphan).
    let d = doc(vec![filler(40.0), Block::Paragraph(lines("a", 3))]);
    let pages = page_texts(&layout_document(&d, &fonts).unwrap());
    assert_eq!(pages[0], Vec::<String>::new(), "the paragraph moved whole");
    assert_eq!(pages[1], ["a0", "a1", "a2"]);
    // Room for four lines of a five-line paragraph: it splits 3/2, not 4/1.
    let d = doc(vec![filler(75.0), Block::Paragraph(lines("b", 5))]);
    let pages = page_texts(&layout_document(&d, &fonts).unwrap());
    assert_eq!(pages[0], ["b0", "b1", "b2"]);
    assert_eq!(pages[1], ["b3", "b4"]);
    // Room for one line: the first line does not stay alone.
    let d = doc(vec![filler(20.0), Block::Paragraph(lines("c", 6))]);
    let pages = page_texts(&layout_document(&d, &fonts).unwrap());
    assert!(pages[0].is_empty());
}

#[test]
fn keep_with_next_keeps_the_last_line_with_the_next_block_and_may_split_before_it() {
    let fonts = fonts();
    let mut intro = lines("k", 4);
    intro.keep_with_next = true;
    // Room for five lines: the four lines of the kept paragraph fit, the next paragraph's first
    // two (orphan control) do not; the kept paragraph splits 2/2 and its last lines go along.
    let d = doc(vec![
        filler(95.0),
        Block::Paragraph(intro),
        Block::Paragraph(lines("n", 3)),
    ]);
    let pages = page_texts(&layout_document(&d, &fonts).unwrap());
    assert_eq!(pages[0], ["k0", "k1"]);
    assert_eq!(pages[1], ["k2", "k3", "n0", "n1", "n2"]);
}

#[test]
fn a_paragraph_whose_lines_are_kept_together_moves_whole() {
    let fonts = fonts();
    // As above, but the kept paragraph's lines stay together: all four go to the next page.
    let mut intro = lines("k", 4);
    intro.keep_with_next = true;
    intro.keep_lines = true;
    let d = doc(vec![
        filler(95.0),
        Block::Paragraph(intro),
        Block::Paragraph(lines("n", 3)),
    ]);
    let pages = page_texts(&layout_document(&d, &fonts).unwrap());
    assert!(pages[0].is_empty(), "{:?}", pages[0]);
    assert_eq!(pages[1], ["k0", "k1", "k2", "k3", "n0", "n1", "n2"]);
    // Longer than a page, it still breaks.
    let mut long = lines("l", 60);
    long.keep_lines = true;
    let pages = page_texts(&layout_document(&doc(vec![Block::Paragraph(long)]), &fonts).unwrap());
    assert!(pages.len() > 1 && pages.iter().all(|p| !p.is_empty()), "{pages:?}");
}

#[test]
fn a_table_row_kept_with_the_next_travels_with_the_block_after_it() {
    let fonts = fonts();
    let cell = |text: &str, keep: bool| {
        let mut p = paragraph(text, Align::Left);
        p.keep_with_next = keep;
        crate::tree::Cell {
            blocks: vec![Block::Paragraph(p)],
            col_span: 1,
            v_align: crate::tree::VAlign::Top,
        }
    };
    let row = |text: &str, keep: bool| crate::tree::Row {
        cells: vec![cell(text, keep)],
        cant_split: true,
    };
    let table = crate::tree::Table {
        columns: vec![200.0],
        borders: false,
        border_width: 0.5,
        cell_padding_x: 4.0,
        cell_padding_y: 0.0,
        header_rows: 0,
        rows: vec![row("r1", false), row("r2", false), row("r3", true)],
    };
    // Room for the three rows but not the signature: the last row goes with it.
    let d = doc(vec![
        filler(60.0),
        Block::Table(table),
        Block::Paragraph(lines("s", 3)),
    ]);
    let pages = page_texts(&layout_document(&d, &fonts).unwrap());
    assert_eq!(pages[0], ["r1", "r2"]);
    assert_eq!(pages[1], ["r3", "s0", "s1", "s2"]);
}

#[test]
fn a_table_header_travels_with_two_body_rows() {
    let fonts = fonts();
    let row = |text: &str| crate::tree::Row {
        cells: vec![crate::tree::Cell {
            blocks: vec![Block::Paragraph(paragraph(text, Align::Left))],
            col_span: 1,
            v_align: crate::tree::VAlign::Top,
        }],
        cant_split: true,
    };
    let table = crate::tree::Table {
        columns: vec![200.0],
        borders: true,
        border_width: 0.5,
        cell_padding_x: 4.0,
        cell_padding_y: 0.0,
        header_rows: 1,
        rows: vec![row("head"), row("r1"), row("r2"), row("r3")],
    };
    // Room for the header and one row (BM 077 p.2): the table starts on the next page.
    let d = doc(vec![filler(45.0), Block::Table(table.clone())]);
    let pages = page_texts(&layout_document(&d, &fonts).unwrap());
    assert_eq!(pages[0], Vec::<String>::new());
    assert_eq!(pages[1], ["head", "r1", "r2", "r3"]);
    // Room for the header and two rows: the third goes on, under the header repeated.
    let d = doc(vec![filler(65.0), Block::Table(table)]);
    let pages = page_texts(&layout_document(&d, &fonts).unwrap());
    assert_eq!(pages[0], ["head", "r1", "r2"]);
    assert_eq!(pages[1], ["head", "r3"]);
}

#[test]
fn space_after_and_space_before_are_not_added_and_an_empty_paragraph_is_one_pitch() {
    let fonts = fonts();
    let mut a = paragraph("a", Align::Left);
    a.space_after = 6.0;
    let mut b = paragraph("b", Align::Left);
    b.space_before = 12.0;
    let d = doc(vec![Block::Paragraph(a), Block::Paragraph(b)]);
    let layout = layout_document(&d, &fonts).unwrap();
    let t = texts(&layout.pages[0]);
    assert!(
        (t[1].y - t[0].y - (18.0 + 12.0)).abs() < 1e-3,
        "the larger space stands"
    );

    let mut empty = paragraph("", Align::Left);
    empty.inlines.clear();
    let d = doc(vec![
        Block::Paragraph(empty),
        Block::Paragraph(paragraph("x", Align::Left)),
    ]);
    let layout = layout_document(&d, &fonts).unwrap();
    let t = texts(&layout.pages[0]);
    let descent = fonts.face(Face::Regular).descent(14.0);
    assert!((t[0].y - (d.page.margin_top + 36.0 - descent)).abs() < 1e-3);
}

#[test]
fn words_kept_together_wider_than_the_line_split_at_a_no_break_space_with_a_warning() {
    let fonts = fonts();
    let name = "TRƯỜNG\u{a0}THPT\u{a0}ĐOÀN\u{a0}KẾT\u{a0}HAI\u{a0}BÀ\u{a0}TRƯNG";
    let mut p = paragraph(name, Align::Left);
    let width = fonts
        .face(Face::Regular)
        .measure("TRƯỜNG THPT ĐOÀN KẾT", 14.0);
    p.indent_right = doc(vec![]).page.text_width() - width - 2.0;
    let layout = layout_document(&doc(vec![Block::Paragraph(p)]), &fonts).unwrap();
    let t = texts(&layout.pages[0]);
    assert_eq!(t.len(), 2);
    assert_eq!(t[0].text, "TRƯỜNG\u{a0}THPT\u{a0}ĐOÀN\u{a0}KẾT");
    assert_eq!(t[1].text, "HAI\u{a0}BÀ\u{a0}TRƯNG");
    assert!(
        layout.warnings.iter().any(|w| w.contains("were split")),
        "{:?}",
        layout.warnings
    );
}
