//! The DOCX backend against its oracles: every part parses as XML; the page, fonts, alignment,
//! tables, page numbers and core properties are what the Party's format rules ask for; the
//! property children are in schema order; the text reads back exactly; the bytes are
//! deterministic; and, where LibreOffice is installed, a real client converts the file.
#![cfg(feature = "unstable-internals")]

use std::collections::BTreeMap;
use std::io::{Cursor, Read};

use daihoi::docx::export;
use daihoi::font::FontSet;
use daihoi::tree::{
    mm, Align, Block, Cell, Document, Face, Inline, Meta, PageNumber, PageSetup, Paragraph, Row,
    Rule, RunStyle, Spacer, Table, TextRun, VAlign,
};
use unicode_normalization::UnicodeNormalization;

const W: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
const HOSTILE: &str = "<b>Nguyễn & {{x}}</b> \"quoted\" 'single'";

// ---------------------------------------------------------------------------------------------
// Building trees by hand

fn style(size: f32, bold: bool, italic: bool, underline: bool) -> RunStyle {
    RunStyle {
        size,
        bold,
        italic,
        underline,
    }
}

fn text(s: &str, style: RunStyle) -> Inline {
    Inline::Text(TextRun {
        text: s.to_string(),
        style,
    })
}

fn para(inlines: Vec<Inline>, align: Align) -> Paragraph {
    Paragraph {
        inlines,
        align,
        first_line_indent: 0.0,
        indent_left: 0.0,
        indent_right: 0.0,
        space_before: 0.0,
        space_after: 0.0,
        line_height: 0.0,
        keep_with_next: false,
        keep_lines: false,
    }
}

fn line(s: &str, style: RunStyle, align: Align) -> Block {
    Block::Paragraph(para(vec![text(s, style)], align))
}

fn body(s: &str) -> Block {
    Block::Paragraph(Paragraph {
        first_line_indent: mm(12.7),
        space_after: 6.0,
        line_height: 18.0,
        ..para(vec![text(s, RunStyle::regular(14.0))], Align::Justify)
    })
}

fn cell(blocks: Vec<Block>) -> Cell {
    Cell {
        blocks,
        col_span: 1,
        v_align: VAlign::Top,
    }
}

/// The width "ĐẢNG CỘNG SẢN VIỆT NAM" takes in bold 15 pt.
fn heading_width() -> f32 {
    let fonts = FontSet::bundled().unwrap();
    fonts
        .face(Face::Bold)
        .measure("ĐẢNG CỘNG SẢN VIỆT NAM", 15.0)
}

/// The header block: a borderless 2-column table with the heading and its rule.
fn header_block(text_width: f32) -> Block {
    let left = text_width * 0.42;
    let regular = RunStyle::regular(14.0);
    let bold = style(14.0, true, false, false);
    Block::Table(Table {
        columns: vec![left, text_width - left],
        borders: false,
        border_width: 0.0,
        cell_padding_x: 0.0,
        cell_padding_y: 0.0,
        header_rows: 0,
        rows: vec![Row {
            cant_split: false,
            cells: vec![
                cell(vec![
                    line("ĐẢNG BỘ QUẬN HAI BÀ TRƯNG", regular, Align::Center),
                    line("ĐẢNG UỶ PHƯỜNG BẠCH MAI", bold, Align::Center),
                    line("*", regular, Align::Center),
                    line("Số 01-GM/ĐU", regular, Align::Center),
                ]),
                cell(vec![
                    line(
                        "ĐẢNG CỘNG SẢN VIỆT NAM",
                        style(15.0, true, false, false),
                        Align::Center,
                    ),
                    Block::Rule(Rule {
                        width: heading_width(),
                        thickness: 0.5,
                        align: Align::Center,
                        space_before: 1.0,
                        space_after: 6.0,
                    }),
                    line(
                        "Bạch Mai, ngày 05 tháng 3 năm 2020",
                        style(14.0, false, true, false),
                        Align::Center,
                    ),
                ]),
            ],
        }],
    })
}

/// A 3-column bordered table with one header row and `n` rows.
fn list_table(text_width: f32, n: usize) -> Block {
    let bold = style(13.0, true, false, false);
    let regular = RunStyle::regular(13.0);
    let row = |cells: [(&str, RunStyle, Align); 3]| Row {
        cant_split: true,
        cells: cells
            .into_iter()
            .map(|(s, st, al)| Cell {
                blocks: vec![line(s, st, al)],
                col_span: 1,
                v_align: VAlign::Center,
            })
            .collect(),
    };
    let mut rows = vec![row([
        ("TT", bold, Align::Center),
        ("Họ và tên", bold, Align::Center),
        ("Chức vụ", bold, Align::Center),
    ])];
    let names = [
        "Đinh Thị Lan Duyên",
        "Nguyễn Văn Ánh",
        "Trần Quốc Việt",
        HOSTILE,
    ];
    for i in 1..=n {
        let number = i.to_string();
        rows.push(row([
            (number.as_str(), regular, Align::Center),
            (names[i % names.len()], regular, Align::Left),
            ("Đảng viên", regular, Align::Left),
        ]));
    }
    // A last row with one cell spanning two columns.
    rows.push(Row {
        cant_split: false,
        cells: vec![
            Cell {
                blocks: vec![line("Tổng cộng", bold, Align::Center)],
                col_span: 2,
                v_align: VAlign::Bottom,
            },
            cell(vec![line(&n.to_string(), bold, Align::Center)]),
        ],
    });
    Block::Table(Table {
        columns: vec![mm(12.0), text_width - mm(12.0) - mm(50.0), mm(50.0)],
        borders: true,
        border_width: 0.5,
        cell_padding_x: mm(1.9),
        cell_padding_y: 1.0,
        header_rows: 1,
        rows,
    })
}

/// The signature block: borderless, with room to sign.
fn signature_block(text_width: f32) -> Block {
    let bold = style(14.0, true, false, false);
    let half = text_width / 2.0;
    Block::Table(Table {
        columns: vec![half, text_width - half],
        borders: false,
        border_width: 0.0,
        cell_padding_x: 0.0,
        cell_padding_y: 0.0,
        header_rows: 0,
        rows: vec![Row {
            cant_split: true,
            cells: vec![
                cell(vec![
                    Block::Paragraph(para(
                        vec![text("Nơi nhận:", style(14.0, false, false, true))],
                        Align::Left,
                    )),
                    line("- Như trên,", RunStyle::regular(12.0), Align::Left),
                    line("- Lưu VP.", RunStyle::regular(12.0), Align::Left),
                ]),
                cell(vec![
                    line("T/M ĐẢNG UỶ", bold, Align::Center),
                    line("BÍ THƯ", RunStyle::regular(14.0), Align::Center),
                    Block::Spacer(Spacer { height: 56.0 }),
                    line("Nguyễn Văn A", bold, Align::Center),
                ]),
            ],
        }],
    })
}

fn meta() -> Meta {
    Meta {
        kind: "invitation".into(),
        title: "Giấy mời — Đồng chí Đinh Thị Lan Duyên".into(),
        subject: "Đại hội đại biểu Đảng bộ phường Bạch Mai lần thứ I, nhiệm kỳ 2020 – 2025".into(),
        author: "Đảng uỷ phường Bạch Mai".into(),
        language: "vi-VN".into(),
        created: "2020-03-05T08:00:00Z".into(),
        id: "bach-mai-2020-gm-01".into(),
    }
}

/// A sample with every kind of block; `rows` sizes the bordered table (60 → several pages).
fn sample(rows: usize) -> Document {
    let page = PageSetup::a4();
    let tw = page.text_width();
    let regular = RunStyle::regular(14.0);
    let mut blocks = vec![
        header_block(tw),
        Block::Spacer(Spacer { height: 12.0 }),
        Block::Paragraph(Paragraph {
            space_after: 6.0,
            keep_with_next: true,
            ..para(
                vec![text("GIẤY MỜI", style(15.0, true, false, false))],
                Align::Center,
            )
        }),
        Block::Paragraph(Paragraph {
            space_after: 6.0,
            line_height: 18.0,
            ..para(
                vec![
                    text("Kính gửi: ", style(14.0, false, true, false)),
                    text("Đồng chí ", regular),
                    text(HOSTILE, style(14.0, true, false, false)),
                    Inline::Break,
                    text("  Bí thư chi bộ tổ dân phố số 5  ", regular),
                ],
                Align::Center,
            )
        }),
        body(
            "Đảng uỷ phường Bạch Mai trân trọng kính mời đồng chí tới dự Đại hội đại biểu Đảng bộ \
             phường Bạch Mai lần thứ I, nhiệm kỳ 2020 – 2025.",
        ),
        body("Thời gian: 7h30’, Thứ Năm, ngày 19/3/2020."),
        body("Địa điểm: Hội trường Đảng uỷ phường Bạch Mai, số 1 phố Bạch Mai."),
        body("Rất mong đồng chí đến dự đúng thời gian, địa điểm./."),
        Block::Rule(Rule {
            width: 120.0,
            thickness: 0.75,
            align: Align::Right,
            space_before: 2.0,
            space_after: 2.0,
        }),
        signature_block(tw),
    ];
    if rows > 0 {
        blocks.push(Block::PageBreak);
        blocks.push(Block::Paragraph(Paragraph {
            space_after: 6.0,
            keep_with_next: true,
            ..para(
                vec![text(
                    "DANH SÁCH ĐẢNG VIÊN DỰ ĐẠI HỘI",
                    style(14.0, true, false, false),
                )],
                Align::Center,
            )
        }));
        blocks.push(list_table(tw, rows));
    }
    Document {
        meta: meta(),
        page,
        blocks,
    }
}

// ---------------------------------------------------------------------------------------------
// Reading the package

fn unzip(bytes: &[u8]) -> BTreeMap<String, Vec<u8>> {
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes)).expect("a zip archive");
    let mut parts = BTreeMap::new();
    for i in 0..archive.len() {
        let mut file = archive.by_index(i).unwrap();
        let mut data = Vec::new();
        file.read_to_end(&mut data).unwrap();
        parts.insert(file.name().to_string(), data);
    }
    parts
}

fn xml(parts: &BTreeMap<String, Vec<u8>>, name: &str) -> String {
    String::from_utf8(parts[name].clone()).expect("utf-8")
}

/// The WordprocessingML parts: the body, the styles and every header.
fn word_parts(parts: &BTreeMap<String, Vec<u8>>) -> Vec<(String, String)> {
    parts
        .keys()
        .filter(|n| {
            *n == "word/document.xml"
                || *n == "word/styles.xml"
                || *n == "word/numbering.xml"
                || *n == "word/footnotes.xml"
                || (n.starts_with("word/header") && n.ends_with(".xml"))
        })
        .map(|n| (n.clone(), xml(parts, n)))
        .collect()
}

fn w<'a>(node: roxmltree::Node<'a, 'a>, attr: &str) -> Option<&'a str> {
    node.attribute((W, attr))
}

/// The first child element named `name`.
fn child<'a, 'i>(n: roxmltree::Node<'a, 'i>, name: &str) -> Option<roxmltree::Node<'a, 'i>> {
    n.children()
        .find(|c| c.is_element() && c.tag_name().name() == name)
}

fn elements<'a>(doc: &'a roxmltree::Document<'a>, name: &str) -> Vec<roxmltree::Node<'a, 'a>> {
    doc.descendants()
        .filter(|n| {
            n.is_element() && n.tag_name().namespace() == Some(W) && n.tag_name().name() == name
        })
        .collect()
}

// ---------------------------------------------------------------------------------------------
// Tests

#[test]
fn every_part_is_well_formed_xml() {
    let parts = unzip(&export(&sample(60)).unwrap());
    assert!(parts.contains_key("[Content_Types].xml"));
    assert!(parts.contains_key("word/document.xml"));
    for (name, data) in &parts {
        let text = std::str::from_utf8(data).unwrap_or_else(|_| panic!("{name} is not utf-8"));
        roxmltree::Document::parse(text).unwrap_or_else(|e| panic!("{name}: {e}"));
    }
}

#[test]
fn page_is_a4_with_the_party_margins() {
    let parts = unzip(&export(&sample(0)).unwrap());
    let text = xml(&parts, "word/document.xml");
    let doc = roxmltree::Document::parse(&text).unwrap();
    let size = elements(&doc, "pgSz");
    assert_eq!(size.len(), 1);
    assert_eq!(w(size[0], "w"), Some("11906"));
    assert_eq!(w(size[0], "h"), Some("16838"));
    let mar = elements(&doc, "pgMar")[0];
    assert_eq!(w(mar, "top"), Some("1134"), "20 mm");
    assert_eq!(w(mar, "bottom"), Some("1134"), "20 mm");
    assert_eq!(w(mar, "left"), Some("1701"), "30 mm");
    assert_eq!(w(mar, "right"), Some("850"), "15 mm");
    assert_eq!(
        w(mar, "header"),
        Some("567"),
        "page number 10 mm from the top edge"
    );
    // No document grid: it would snap line heights to a pitch.
    assert!(elements(&doc, "docGrid")
        .iter()
        .all(|g| w(*g, "type").is_none_or(|t| t == "default")));
}

#[test]
fn times_new_roman_in_all_four_slots_and_vietnamese_by_default() {
    let parts = unzip(&export(&sample(3)).unwrap());
    let mut seen = 0;
    for (name, text) in word_parts(&parts) {
        let doc = roxmltree::Document::parse(&text).unwrap();
        for fonts in elements(&doc, "rFonts") {
            for slot in ["ascii", "hAnsi", "eastAsia", "cs"] {
                assert_eq!(w(fonts, slot), Some("Times New Roman"), "{name}: {slot}");
            }
            seen += 1;
        }
    }
    assert!(seen >= 1);

    let styles = xml(&parts, "word/styles.xml");
    let doc = roxmltree::Document::parse(&styles).unwrap();
    let defaults = elements(&doc, "rPrDefault")[0];
    let rpr = defaults.first_element_child().unwrap();
    let child = |name: &str| {
        rpr.children()
            .find(|n| n.is_element() && n.tag_name().name() == name)
            .unwrap_or_else(|| panic!("no {name} in the default run properties"))
    };
    assert_eq!(w(child("rFonts"), "ascii"), Some("Times New Roman"));
    assert_eq!(w(child("lang"), "val"), Some("vi-VN"));
    assert_eq!(
        w(child("sz"), "val"),
        Some("28"),
        "most of the text is 14 pt"
    );
    // Widow and orphan control, as the PDF's layout does it, for every paragraph.
    let paragraph_defaults = elements(&doc, "pPrDefault")[0];
    assert!(
        paragraph_defaults
            .descendants()
            .any(|n| n.tag_name().name() == "widowControl"),
        "{styles}"
    );
}

#[test]
fn runs_carry_size_and_style() {
    let parts = unzip(&export(&sample(3)).unwrap());
    let text = xml(&parts, "word/document.xml");
    let doc = roxmltree::Document::parse(&text).unwrap();
    let run_of = |needle: &str| {
        elements(&doc, "r")
            .into_iter()
            .find(|r| r.descendants().any(|t| t.text() == Some(needle)))
            .unwrap_or_else(|| panic!("no run {needle:?}"))
    };
    let has = |r: roxmltree::Node, name: &str| {
        r.descendants()
            .any(|n| n.is_element() && n.tag_name().name() == name)
    };
    let val = |r: roxmltree::Node, name: &str| {
        r.descendants()
            .find(|n| n.is_element() && n.tag_name().name() == name)
            .and_then(|n| w(n, "val"))
            .map(str::to_string)
    };
    let heading = run_of("ĐẢNG CỘNG SẢN VIỆT NAM");
    assert_eq!(val(heading, "sz").as_deref(), Some("30"));
    assert_eq!(val(heading, "szCs").as_deref(), Some("30"));
    assert!(has(heading, "b") && has(heading, "bCs") && !has(heading, "i"));
    let date = run_of("Bạch Mai, ngày 05 tháng 3 năm 2020");
    assert!(has(date, "i") && !has(date, "b"));
    let label = run_of("Nơi nhận:");
    assert_eq!(val(label, "u").as_deref(), Some("single"));
    // 14 pt is the document's default size (most of its text): such a run names no size.
    assert!(!has(label, "sz") && !has(label, "szCs"), "{text}");
    // Leading and trailing spaces survive.
    let spaced = run_of("  Bí thư chi bộ tổ dân phố số 5  ");
    let t = spaced
        .children()
        .find(|n| n.tag_name().name() == "t")
        .unwrap();
    assert_eq!(
        t.attribute(("http://www.w3.org/XML/1998/namespace", "space")),
        Some("preserve")
    );
    // The line break is a w:br.
    assert!(elements(&doc, "br")
        .iter()
        .any(|b| w(*b, "type").is_none_or(|t| t == "textWrapping")));
}

#[test]
fn paragraph_properties_follow_the_tree() {
    let parts = unzip(&export(&sample(0)).unwrap());
    let text = xml(&parts, "word/document.xml");
    let doc = roxmltree::Document::parse(&text).unwrap();
    const ST_JC: &[&str] = &[
        "start",
        "center",
        "end",
        "both",
        "mediumKashida",
        "distribute",
        "numTab",
        "highKashida",
        "lowKashida",
        "thaiDistribute",
        "left",
        "right",
    ];
    let jcs = elements(&doc, "jc");
    assert!(!jcs.is_empty());
    for jc in &jcs {
        let v = w(*jc, "val").unwrap();
        assert!(ST_JC.contains(&v), "w:jc {v:?} is not in ST_Jc");
    }
    assert!(jcs.iter().any(|j| w(*j, "val") == Some("both")));

    let para_of = |needle: &str| {
        elements(&doc, "p")
            .into_iter()
            .find(|p| {
                p.descendants()
                    .any(|t| t.text().is_some_and(|s| s.starts_with(needle)))
            })
            .unwrap_or_else(|| panic!("no paragraph {needle:?}"))
    };
    let prop = |p, name| child(p, "pPr").and_then(|ppr| child(ppr, name));
    let body = para_of("Đảng uỷ phường Bạch Mai trân trọng");
    let spacing = prop(body, "spacing").unwrap();
    assert_eq!(w(spacing, "line"), Some("360"), "18 pt");
    assert_eq!(w(spacing, "lineRule"), Some("atLeast"));
    assert_eq!(w(spacing, "after"), Some("120"), "6 pt");
    assert_eq!(
        w(prop(body, "ind").unwrap(), "firstLine"),
        Some("720"),
        "1.27 cm"
    );
    assert_eq!(w(prop(body, "jc").unwrap(), "val"), Some("both"));
    assert!(prop(para_of("GIẤY MỜI"), "keepNext").is_some());
}

#[test]
fn rule_under_the_heading_is_as_wide_as_the_heading() {
    let parts = unzip(&export(&sample(0)).unwrap());
    let text = xml(&parts, "word/document.xml");
    let doc = roxmltree::Document::parse(&text).unwrap();
    let rules: Vec<_> = elements(&doc, "pBdr");
    assert_eq!(rules.len(), 2);
    // The first rule sits in the right cell of the header table.
    let ppr = rules[0].parent().unwrap();
    for rule in &rules {
        let sides: Vec<_> = rule.children().filter(|c| c.is_element()).collect();
        assert_eq!(sides.len(), 1, "only the top border, no box");
    }
    let top = child(rules[0], "top").unwrap();
    assert_eq!(w(top, "val"), Some("single"));
    assert_eq!(w(top, "sz"), Some("4"), "0.5 pt in eighths");
    let ind = ppr
        .children()
        .find(|n| n.tag_name().name() == "ind")
        .unwrap();
    let left: i32 = w(ind, "left").unwrap().parse().unwrap();
    let right: i32 = w(ind, "right").unwrap().parse().unwrap();
    let tw = PageSetup::a4().text_width();
    let cell_width = ((tw * 20.0).round() as i32) - ((tw * 0.42 * 20.0).round() as i32);
    let width = cell_width - left - right;
    let expected = (heading_width() * 20.0).round() as i32;
    assert!((width - expected).abs() <= 1, "{width} vs {expected}");
    assert!((left - right).abs() <= 1, "centred");
    let spacing = ppr
        .children()
        .find(|n| n.tag_name().name() == "spacing")
        .unwrap();
    assert_eq!(w(spacing, "lineRule"), Some("exact"));
    assert_eq!(w(spacing, "before"), Some("20"));
    assert_eq!(w(spacing, "line"), Some("120"));
    // The second, right-aligned in the body.
    let ind = rules[1]
        .parent()
        .unwrap()
        .children()
        .find(|n| n.tag_name().name() == "ind")
        .unwrap();
    assert_eq!(w(ind, "right"), Some("0"));
    assert_eq!(w(ind, "left"), Some((9355 - 2400).to_string().as_str()));
}

#[test]
fn tables_are_fixed_with_explicit_grid_borders_and_header_rows() {
    let parts = unzip(&export(&sample(60)).unwrap());
    let text = xml(&parts, "word/document.xml");
    let doc = roxmltree::Document::parse(&text).unwrap();
    let tables = elements(&doc, "tbl");
    assert_eq!(tables.len(), 3);
    for t in &tables {
        let pr = child(*t, "tblPr").unwrap();
        assert_eq!(w(child(pr, "tblLayout").unwrap(), "type"), Some("fixed"));
        assert_eq!(w(child(pr, "tblInd").unwrap(), "w"), Some("0"));
        let grid: Vec<i32> = child(*t, "tblGrid")
            .unwrap()
            .children()
            .filter_map(|c| w(c, "w"))
            .map(|v| v.parse().unwrap())
            .collect();
        let tbl_w: i32 = w(child(pr, "tblW").unwrap(), "w").unwrap().parse().unwrap();
        assert_eq!(grid.iter().sum::<i32>(), tbl_w);
        assert!((tbl_w - 9355).abs() <= 1, "as wide as the text: {tbl_w}");
        let borders = child(pr, "tblBorders").unwrap();
        let sides: Vec<_> = borders.children().filter(|c| c.is_element()).collect();
        assert_eq!(sides.len(), 6);
        // CT_TblGridCol has only w:w.
        for col in child(*t, "tblGrid")
            .unwrap()
            .children()
            .filter(|c| c.is_element())
        {
            assert_eq!(col.attributes().count(), 1, "gridCol attributes");
        }
        let margins = child(pr, "tblCellMar").unwrap();
        assert_eq!(margins.children().filter(|c| c.is_element()).count(), 4);
    }
    // Header and signature blocks: no borders at all.
    for t in [tables[0], tables[1]] {
        let borders = child(child(t, "tblPr").unwrap(), "tblBorders").unwrap();
        for side in borders.children().filter(|c| c.is_element()) {
            assert!(matches!(w(side, "val"), Some("nil" | "none")));
        }
    }
    // The list: single black 0.5 pt borders, one header row, unsplittable rows.
    let list = tables[2];
    let borders = child(child(list, "tblPr").unwrap(), "tblBorders").unwrap();
    for side in borders.children().filter(|c| c.is_element()) {
        assert_eq!(w(side, "val"), Some("single"));
        assert_eq!(w(side, "sz"), Some("4"));
        assert_eq!(w(side, "color"), Some("000000"));
    }
    let rows: Vec<_> = list
        .children()
        .filter(|c| c.tag_name().name() == "tr")
        .collect();
    assert_eq!(rows.len(), 62);
    let has = |row: roxmltree::Node<'_, '_>, name: &str| {
        child(row, "trPr").is_some_and(|p| child(p, name).is_some())
    };
    assert!(has(rows[0], "tblHeader"));
    assert!(rows[1..].iter().all(|r| !has(*r, "tblHeader")));
    assert!(rows[..61].iter().all(|r| has(*r, "cantSplit")));
    assert!(!has(rows[61], "cantSplit"));
    assert_eq!(elements(&doc, "tblHeader").len(), 1);
    // The spanning cell.
    let last: Vec<_> = rows[61]
        .children()
        .filter(|c| c.tag_name().name() == "tc")
        .collect();
    let tcpr = child(last[0], "tcPr").unwrap();
    assert_eq!(w(child(tcpr, "gridSpan").unwrap(), "val"), Some("2"));
    assert_eq!(w(child(tcpr, "vAlign").unwrap(), "val"), Some("bottom"));
    let spanned: i32 = w(child(tcpr, "tcW").unwrap(), "w")
        .unwrap()
        .parse()
        .unwrap();
    let grid: Vec<i32> = child(list, "tblGrid")
        .unwrap()
        .children()
        .filter_map(|c| w(c, "w"))
        .map(|v| v.parse().unwrap())
        .collect();
    assert_eq!(spanned, grid[0] + grid[1]);
}

#[test]
fn page_numbers_from_page_two_in_the_header() {
    let parts = unzip(&export(&sample(60)).unwrap());
    let text = xml(&parts, "word/document.xml");
    let doc = roxmltree::Document::parse(&text).unwrap();
    assert_eq!(elements(&doc, "titlePg").len(), 1);
    let refs = elements(&doc, "headerReference");
    let kinds: Vec<_> = refs.iter().filter_map(|r| w(*r, "type")).collect();
    assert!(kinds.contains(&"default") && kinds.contains(&"first"));

    let headers: Vec<_> = word_parts(&parts)
        .into_iter()
        .filter(|(n, _)| n.starts_with("word/header"))
        .collect();
    assert_eq!(headers.len(), 2);
    let mut with_field = 0;
    for (_, text) in &headers {
        let doc = roxmltree::Document::parse(text).unwrap();
        let instr: Vec<_> = elements(&doc, "instrText");
        if instr.is_empty() {
            continue;
        }
        with_field += 1;
        assert_eq!(instr.len(), 1);
        assert_eq!(instr[0].text(), Some(" PAGE "));
        let chars: Vec<_> = elements(&doc, "fldChar")
            .iter()
            .filter_map(|f| w(*f, "fldCharType"))
            .collect();
        assert_eq!(chars, ["begin", "separate", "end"]);
        // Every run of the field is 14 pt Times New Roman, centred.
        for r in elements(&doc, "r") {
            let sz = r
                .descendants()
                .find(|n| n.tag_name().name() == "sz")
                .and_then(|n| w(n, "val"));
            assert_eq!(sz, Some("28"));
        }
        assert_eq!(w(elements(&doc, "jc")[0], "val"), Some("center"));
    }
    assert_eq!(
        with_field, 1,
        "one header has the number, the first-page one is empty"
    );
}

#[test]
fn page_number_variants() {
    let mut doc = sample(0);
    doc.page.page_number = None;
    let parts = unzip(&export(&doc).unwrap());
    assert!(!parts.keys().any(|n| n.starts_with("word/header")));
    assert!(!xml(&parts, "word/document.xml").contains("titlePg"));

    doc.page.page_number = Some(PageNumber {
        first: 1,
        size: 13.0,
        top: mm(12.0),
    });
    let parts = unzip(&export(&doc).unwrap());
    assert!(!xml(&parts, "word/document.xml").contains("titlePg"));
    assert_eq!(
        parts
            .keys()
            .filter(|n| n.starts_with("word/header"))
            .count(),
        1
    );

    doc.page.page_number = Some(PageNumber {
        first: 3,
        size: 14.0,
        top: mm(10.0),
    });
    let parts = unzip(&export(&doc).unwrap());
    // Not expressible without fields LibreOffice cannot evaluate: numbers from page 2.
    assert!(xml(&parts, "word/document.xml").contains("titlePg"));
    let header = xml(&parts, "word/header1.xml");
    assert!(header.contains(" PAGE ") && !header.contains(" IF "));
}

/// Schema orders (ECMA-376 Part 1, wml.xsd) of the children the test checks, written out
/// independently of the implementation's tables.
const CT_RPR: &[&str] = &[
    "ins",
    "del",
    "moveFrom",
    "moveTo",
    "rStyle",
    "rFonts",
    "b",
    "bCs",
    "i",
    "iCs",
    "caps",
    "smallCaps",
    "strike",
    "dstrike",
    "outline",
    "shadow",
    "emboss",
    "imprint",
    "noProof",
    "snapToGrid",
    "vanish",
    "webHidden",
    "color",
    "spacing",
    "w",
    "kern",
    "position",
    "sz",
    "szCs",
    "highlight",
    "u",
    "effect",
    "bdr",
    "shd",
    "fitText",
    "vertAlign",
    "rtl",
    "cs",
    "em",
    "lang",
    "eastAsianLayout",
    "specVanish",
    "oMath",
    "rPrChange",
];
const CT_PPR: &[&str] = &[
    "pStyle",
    "keepNext",
    "keepLines",
    "pageBreakBefore",
    "framePr",
    "widowControl",
    "numPr",
    "suppressLineNumbers",
    "pBdr",
    "shd",
    "tabs",
    "suppressAutoHyphens",
    "kinsoku",
    "wordWrap",
    "overflowPunct",
    "topLinePunct",
    "autoSpaceDE",
    "autoSpaceDN",
    "bidi",
    "adjustRightInd",
    "snapToGrid",
    "spacing",
    "ind",
    "contextualSpacing",
    "mirrorIndents",
    "suppressOverlap",
    "jc",
    "textDirection",
    "textAlignment",
    "textboxTightWrap",
    "outlineLvl",
    "divId",
    "cnfStyle",
    "rPr",
    "sectPr",
    "pPrChange",
];
const CT_TBLPR: &[&str] = &[
    "tblStyle",
    "tblpPr",
    "tblOverlap",
    "bidiVisual",
    "tblStyleRowBandSize",
    "tblStyleColBandSize",
    "tblW",
    "jc",
    "tblCellSpacing",
    "tblInd",
    "tblBorders",
    "shd",
    "tblLayout",
    "tblCellMar",
    "tblLook",
    "tblCaption",
    "tblDescription",
    "tblPrChange",
];
const CT_TCPR: &[&str] = &[
    "cnfStyle",
    "tcW",
    "gridSpan",
    "hMerge",
    "vMerge",
    "tcBorders",
    "shd",
    "noWrap",
    "tcMar",
    "textDirection",
    "tcFitText",
    "vAlign",
    "hideMark",
];
const CT_SECTPR: &[&str] = &[
    "headerReference",
    "footerReference",
    "footnotePr",
    "endnotePr",
    "type",
    "pgSz",
    "pgMar",
    "paperSrc",
    "pgBorders",
    "lnNumType",
    "pgNumType",
    "cols",
    "formProt",
    "vAlign",
    "noEndnote",
    "titlePg",
    "textDirection",
    "bidi",
    "rtlGutter",
    "docGrid",
    "printerSettings",
];
const CT_BORDERS: &[&str] = &["top", "left", "bottom", "right", "insideH", "insideV"];
const CT_STYLE: &[&str] = &[
    "name",
    "aliases",
    "basedOn",
    "next",
    "link",
    "autoRedefine",
    "hidden",
    "uiPriority",
    "semiHidden",
    "unhideWhenUsed",
    "qFormat",
    "locked",
    "personal",
    "personalCompose",
    "personalReply",
    "rsid",
    "pPr",
    "rPr",
    "tblPr",
    "trPr",
    "tcPr",
    "tblStylePr",
];

#[test]
fn property_children_are_in_schema_order() {
    let parts = unzip(&export(&sample(5)).unwrap());
    let checks: &[(&str, &[&str])] = &[
        ("rPr", CT_RPR),
        ("pPr", CT_PPR),
        ("tblPr", CT_TBLPR),
        ("tcPr", CT_TCPR),
        ("sectPr", CT_SECTPR),
        ("tblBorders", CT_BORDERS),
        ("pBdr", CT_BORDERS),
        ("tblCellMar", CT_BORDERS),
        ("style", CT_STYLE),
    ];
    let mut checked = 0;
    for (part, text) in word_parts(&parts) {
        let doc = roxmltree::Document::parse(&text).unwrap();
        for (container, order) in checks {
            for node in elements(&doc, container) {
                let ranks: Vec<(usize, &str)> =
                    node.children()
                        .filter(|c| c.is_element())
                        .map(|c| {
                            let name = c.tag_name().name();
                            let rank = order.iter().position(|o| *o == name).unwrap_or_else(|| {
                                panic!("{part}: unexpected {name} in {container}")
                            });
                            (rank, name)
                        })
                        .collect();
                assert!(
                    ranks.windows(2).all(|p| p[0].0 <= p[1].0),
                    "{part}: children of {container} out of schema order: {ranks:?}"
                );
                checked += 1;
            }
        }
        // Paragraph properties of the document defaults and of styles (CT_PPrGeneral) have
        // no rPr.
        for ppr in elements(&doc, "pPr") {
            let parent = ppr.parent().unwrap().tag_name().name();
            if parent == "pPrDefault" || parent == "style" || parent == "lvl" {
                assert!(
                    ppr.children().all(|c| c.tag_name().name() != "rPr"),
                    "{part}"
                );
            }
        }
    }
    assert!(checked > 100);
    let settings = xml(&parts, "word/settings.xml");
    let z = settings.find("<w:zoom").unwrap();
    let d = settings.find("<w:defaultTabStop").unwrap();
    assert!(z < d, "w:zoom comes before w:defaultTabStop in CT_Settings");
}

#[test]
fn core_properties_name_title_author_language_and_date() {
    let parts = unzip(&export(&sample(0)).unwrap());
    let text = xml(&parts, "docProps/core.xml");
    let doc = roxmltree::Document::parse(&text).unwrap();
    let get = |name: &str| {
        doc.descendants()
            .find(|n| n.tag_name().name() == name)
            .and_then(|n| n.text())
            .unwrap_or_else(|| panic!("no {name}"))
            .to_string()
    };
    let meta = meta();
    assert_eq!(get("title"), meta.title);
    assert_eq!(get("subject"), meta.subject);
    assert_eq!(get("creator"), meta.author);
    assert_eq!(get("language"), "vi-VN");
    assert_eq!(get("created"), "2020-03-05T08:00:00Z");
    assert_eq!(get("modified"), "2020-03-05T08:00:00Z");

    let mut hostile = sample(0);
    hostile.meta.title = HOSTILE.into();
    hostile.meta.author = "A & B <c>".into();
    let parts = unzip(&export(&hostile).unwrap());
    let text = xml(&parts, "docProps/core.xml");
    let doc = roxmltree::Document::parse(&text).unwrap();
    let title = doc
        .descendants()
        .find(|n| n.tag_name().name() == "title")
        .unwrap();
    assert_eq!(title.text(), Some(HOSTILE));
}

/// The text of a docx-rs paragraph, line breaks as `\n`.
fn paragraph_text(p: &docx_rs::Paragraph) -> String {
    let mut out = String::new();
    for child in &p.children {
        if let docx_rs::ParagraphChild::Run(run) = child {
            for rc in &run.children {
                match rc {
                    docx_rs::RunChild::Text(t) => out.push_str(&t.text),
                    docx_rs::RunChild::Break(_) => out.push('\n'),
                    _ => {}
                }
            }
        }
    }
    out
}

fn read_back_text(bytes: &[u8]) -> String {
    let docx = docx_rs::read_docx(bytes).expect("docx-rs reads the file back");
    let mut out = String::new();
    fn table(t: &docx_rs::Table, out: &mut String) {
        for docx_rs::TableChild::TableRow(row) in &t.rows {
            for docx_rs::TableRowChild::TableCell(cell) in &row.cells {
                for content in &cell.children {
                    match content {
                        docx_rs::TableCellContent::Paragraph(p) => {
                            out.push_str(&paragraph_text(p));
                            out.push('\n');
                        }
                        docx_rs::TableCellContent::Table(t) => table(t, out),
                        _ => {}
                    }
                }
            }
        }
    }
    for child in &docx.document.children {
        match child {
            docx_rs::DocumentChild::Paragraph(p) => {
                out.push_str(&paragraph_text(p));
                out.push('\n');
            }
            docx_rs::DocumentChild::Table(t) => table(t, &mut out),
            _ => {}
        }
    }
    out
}

fn non_empty_lines(s: &str) -> Vec<&str> {
    s.split('\n').filter(|l| !l.is_empty()).collect()
}

#[test]
fn text_reads_back_exactly_in_nfc() {
    let doc = sample(8);
    let bytes = export(&doc).unwrap();
    let back = read_back_text(&bytes);
    let expected = doc.plain_text();
    // Rules, spacers and page breaks are empty paragraphs in the file.
    assert_eq!(non_empty_lines(&back), non_empty_lines(&expected));
    assert_eq!(back.nfc().collect::<String>(), back, "NFC");
    assert!(back.contains("ĐẢNG CỘNG SẢN VIỆT NAM"));
    assert!(back.contains("Bạch Mai, ngày 05 tháng 3 năm 2020"));
}

#[test]
fn hostile_text_round_trips_literally() {
    let mut doc = sample(0);
    doc.blocks
        .push(line(HOSTILE, RunStyle::regular(14.0), Align::Left));
    doc.blocks.push(line(
        "&amp; &lt;x&gt; ]]> <!-- -->",
        RunStyle::regular(14.0),
        Align::Left,
    ));
    let bytes = export(&doc).unwrap();
    let parts = unzip(&bytes);
    let text = xml(&parts, "word/document.xml");
    let parsed = roxmltree::Document::parse(&text).unwrap();
    let texts: Vec<&str> = elements(&parsed, "t")
        .iter()
        .filter_map(|t| t.text())
        .collect();
    assert!(texts.contains(&HOSTILE));
    assert!(texts.contains(&"&amp; &lt;x&gt; ]]> <!-- -->"));
    let back = read_back_text(&bytes);
    assert!(back.lines().any(|l| l == HOSTILE), "{back}");
}

#[test]
fn same_tree_same_bytes() {
    let doc = sample(60);
    let a = export(&doc).unwrap();
    let b = export(&doc).unwrap();
    assert!(a == b, "two exports differ");
    // Another thread (docx-rs keeps per-thread counters) gives the same bytes too.
    let c = std::thread::scope(|s| s.spawn(|| export(&doc).unwrap()).join().unwrap());
    assert!(a == c, "an export on another thread differs");
    // Entry timestamps come from the creation date, not the clock; the parts are deflated.
    let mut archive = zip::ZipArchive::new(Cursor::new(&a)).unwrap();
    let mut unpacked = 0;
    for i in 0..archive.len() {
        let file = archive.by_index(i).unwrap();
        let t = file.last_modified().unwrap();
        assert_eq!((t.year(), t.month(), t.day(), t.hour()), (2020, 3, 5, 8));
        unpacked += file.size() as usize;
    }
    let document = archive.by_name("word/document.xml").unwrap();
    assert_eq!(document.compression(), zip::CompressionMethod::Deflated);
    assert!(a.len() * 2 < unpacked, "{} bytes for {unpacked}", a.len());
}

#[test]
fn page_breaks_start_the_next_block_on_a_new_page() {
    let regular = RunStyle::regular(14.0);
    let page = PageSetup::a4();
    let tw = page.text_width();
    let doc = Document {
        meta: meta(),
        page,
        blocks: vec![
            line("một", regular, Align::Left),
            Block::PageBreak,
            // A spacer of no height writes nothing and passes the break on.
            Block::Spacer(Spacer { height: 0.0 }),
            line("hai", regular, Align::Left),
            Block::PageBreak,
            signature_block(tw),
        ],
    };
    let parts = unzip(&export(&doc).unwrap());
    let text = xml(&parts, "word/document.xml");
    let parsed = roxmltree::Document::parse(&text).unwrap();
    let hai = elements(&parsed, "p")
        .into_iter()
        .find(|p| p.descendants().any(|t| t.text() == Some("hai")))
        .unwrap();
    assert!(child(child(hai, "pPr").unwrap(), "pageBreakBefore").is_some());
    // Before a table the break is a paragraph of its own.
    let breaks: Vec<_> = elements(&parsed, "br")
        .into_iter()
        .filter(|b| w(*b, "type") == Some("page"))
        .collect();
    assert_eq!(breaks.len(), 1);
    let body = elements(&parsed, "body")[0];
    let next = breaks[0]
        .ancestors()
        .find(|a| a.tag_name().name() == "p")
        .unwrap()
        .next_sibling_element()
        .unwrap();
    assert_eq!(next.tag_name().name(), "tbl");
    assert_eq!(next.parent(), Some(body));
}

#[test]
fn odd_trees_do_not_panic() {
    let mut doc = sample(2);
    doc.meta = Meta::default();
    doc.page.margin_left = -5.0;
    doc.page.width = f32::NAN;
    doc.blocks.push(Block::Table(Table {
        columns: vec![],
        borders: true,
        border_width: 100.0,
        cell_padding_x: 1000.0,
        cell_padding_y: -1.0,
        header_rows: 9,
        rows: vec![Row {
            cant_split: true,
            cells: vec![Cell {
                blocks: vec![
                    Block::PageBreak,
                    Block::Rule(Rule {
                        width: 1e9,
                        thickness: 0.0,
                        align: Align::Justify,
                        space_before: -3.0,
                        space_after: 0.0,
                    }),
                    Block::Spacer(Spacer { height: 0.0 }),
                    Block::Table(Table {
                        columns: vec![10.0],
                        borders: false,
                        border_width: 0.0,
                        cell_padding_x: 0.0,
                        cell_padding_y: 0.0,
                        header_rows: 0,
                        rows: vec![],
                    }),
                ],
                col_span: 0,
                v_align: VAlign::Bottom,
            }],
        }],
    }));
    doc.blocks.push(Block::Table(Table {
        columns: vec![f32::MAX, -f32::MAX, f32::NAN, 1e30],
        borders: false,
        border_width: f32::NAN,
        cell_padding_x: f32::MAX,
        cell_padding_y: f32::INFINITY,
        header_rows: usize::MAX,
        rows: vec![Row {
            cant_split: false,
            cells: vec![Cell {
                blocks: vec![Block::Rule(Rule {
                    width: f32::NAN,
                    thickness: f32::MAX,
                    align: Align::Center,
                    space_before: f32::MAX,
                    space_after: f32::NEG_INFINITY,
                })],
                col_span: usize::MAX,
                v_align: VAlign::Center,
            }],
        }],
    }));
    doc.blocks.push(Block::Paragraph(Paragraph {
        first_line_indent: f32::NEG_INFINITY,
        indent_left: f32::NAN,
        line_height: f32::MAX,
        space_before: -1.0,
        ..para(vec![Inline::Break, Inline::Break], Align::Justify)
    }));
    doc.blocks.push(Block::PageBreak);
    doc.blocks.push(Block::PageBreak);
    doc.page.page_number = Some(PageNumber {
        first: 0,
        size: -1.0,
        top: f32::INFINITY,
    });
    let bytes = export(&doc).unwrap();
    for (name, data) in unzip(&bytes) {
        roxmltree::Document::parse(std::str::from_utf8(&data).unwrap())
            .unwrap_or_else(|e| panic!("{name}: {e}"));
    }
    let empty = Document {
        meta: Meta::default(),
        page: PageSetup::a4(),
        blocks: vec![],
    };
    export(&empty).unwrap();
}

// ---------------------------------------------------------------------------------------------
// A real client: LibreOffice

fn soffice() -> Option<std::path::PathBuf> {
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path)
        .map(|d| d.join("soffice"))
        .find(|p| p.is_file())
}

#[test]
fn libreoffice_converts_the_sample_to_pdf() {
    let Some(soffice) = soffice() else {
        if std::env::var("DAIHOI_REQUIRE_TOOLS").as_deref() == Ok("1") {
            panic!("soffice is not installed and DAIHOI_REQUIRE_TOOLS=1");
        }
        eprintln!("skipping: soffice (LibreOffice) is not on PATH");
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let profile = tempfile::tempdir().unwrap();
    let input = dir.path().join("sample.docx");
    std::fs::write(&input, export(&sample(60)).unwrap()).unwrap();
    if let Some(keep) = std::env::var_os("DAIHOI_KEEP_SAMPLE") {
        std::fs::copy(&input, keep).unwrap();
    }
    let status = std::process::Command::new(soffice)
        .arg("--headless")
        .arg(format!(
            "-env:UserInstallation=file://{}",
            profile.path().display()
        ))
        .arg("--convert-to")
        .arg("pdf")
        .arg("--outdir")
        .arg(dir.path())
        .arg(&input)
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .status()
        .unwrap();
    assert!(status.success());
    let pdf = std::fs::read(dir.path().join("sample.pdf")).expect("LibreOffice wrote a PDF");
    assert!(pdf.starts_with(b"%PDF-"));
    // 60 rows of 13 pt text do not fit on the page after the break.
    let page_objects = count(&pdf, b"/Type/Page") + count(&pdf, b"/Type /Page");
    let page_trees = count(&pdf, b"/Type/Pages") + count(&pdf, b"/Type /Pages");
    assert!(page_objects - page_trees >= 3, "expected at least 3 pages");
}

fn count(hay: &[u8], needle: &[u8]) -> usize {
    hay.windows(needle.len()).filter(|w| *w == needle).count()
}

#[test]
fn text_xml_cannot_hold_is_an_error_not_a_broken_file() {
    let mut doc = sample(0);
    doc.blocks
        .push(line("a\u{FFFF}b", RunStyle::regular(14.0), Align::Left));
    let err = export(&doc).unwrap_err();
    assert_eq!(err.kind(), daihoi::ErrorKind::Docx);
    assert!(err.to_string().contains("U+FFFF"), "{err}");

    let mut doc = sample(0);
    doc.meta.title = "x\u{1}".into();
    assert_eq!(export(&doc).unwrap_err().kind(), daihoi::ErrorKind::Docx);
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(48))]

    /// Any printable text survives the trip through docx-rs, the fix-up pass and the ZIP
    /// writer unchanged.
    #[test]
    fn any_printable_text_round_trips(text in "\\PC{1,40}", title in "\\PC{0,20}") {
        let mut doc = sample(0);
        doc.meta.title = title.clone();
        doc.blocks.push(line(&text, style(13.0, true, true, true), Align::Justify));
        let parts = unzip(&export(&doc).unwrap());
        let body = xml(&parts, "word/document.xml");
        let parsed = roxmltree::Document::parse(&body).unwrap();
        let last = elements(&parsed, "t").last().and_then(|t| t.text()).unwrap_or("").to_string();
        proptest::prop_assert_eq!(last, text);
        let core = xml(&parts, "docProps/core.xml");
        let parsed = roxmltree::Document::parse(&core).unwrap();
        let got = parsed
            .descendants()
            .find(|n| n.tag_name().name() == "title")
            .and_then(|n| n.text())
            .unwrap_or("")
            .to_string();
        proptest::prop_assert_eq!(got, title);
    }
}

#[test]
fn adjacent_tables_are_kept_apart_by_a_paragraph() {
    // Two tables one after the other (a list, then the signature block) would be read by Word
    // and LibreOffice as one table taking the properties of the first: a one-point paragraph
    // goes between them.
    let text_width = mm(165.0);
    let mut doc = sample(0);
    doc.blocks = vec![
        list_table(text_width, 3),
        signature_block(text_width),
        list_table(text_width, 2),
    ];
    let parts = unzip(&export(&doc).unwrap());
    let xml = xml(&parts, "word/document.xml");
    let d = roxmltree::Document::parse(&xml).unwrap();
    let body = d
        .descendants()
        .find(|n| n.has_tag_name((W, "body")))
        .unwrap();
    let kids: Vec<&str> = body
        .children()
        .filter(|n| n.is_element())
        .map(|n| n.tag_name().name())
        .collect();
    assert_eq!(kids, ["tbl", "p", "tbl", "p", "tbl", "sectPr"], "{kids:?}");
}

/// Keeps the last `k` rows of `list` with what follows (every paragraph of them kept with the
/// next), as a programme's last row and a list's are kept with the signature.
fn keep_last_rows_with_the_signature(list: &mut Table, k: usize) {
    let n = list.rows.len();
    for row in &mut list.rows[n.saturating_sub(k)..] {
        for cell in &mut row.cells {
            for b in &mut cell.blocks {
                if let Block::Paragraph(p) = b {
                    p.keep_with_next = true;
                }
            }
        }
    }
}

/// The last rows of a table kept with the signature (the programme's, the trích ngang's) are
/// a `w:tbl` of their own with `w:keepNext` on every paragraph, after a separator kept with
/// it: Word keeps them with each other and with the signature, and LibreOffice, which ignores
/// `w:keepNext` inside a table, keeps such a table with the next paragraph (issue 9: the
/// signature alone on the Đoàn Kết programme's last page in LibreOffice). The rows before them
/// keep only what they kept: a long table never moves whole.
#[test]
fn rows_kept_with_the_signature_are_a_table_of_their_own() {
    let page = PageSetup::a4();
    let tw = page.text_width();
    let Block::Table(mut list) = list_table(tw, 20) else {
        unreachable!()
    };
    let n = list.rows.len();
    keep_last_rows_with_the_signature(&mut list, 2);
    let doc = Document {
        meta: meta(),
        page,
        blocks: vec![Block::Table(list), signature_block(tw)],
    };
    let parts = unzip(&export(&doc).unwrap());
    let text = xml(&parts, "word/document.xml");
    let xml_doc = roxmltree::Document::parse(&text).unwrap();
    let tables = elements(&xml_doc, "tbl");
    assert_eq!(tables.len(), 3, "body rows, kept rows, signature");
    let rows =
        |t: roxmltree::Node<'_, '_>| t.children().filter(|c| c.tag_name().name() == "tr").count();
    let keeps = |t: roxmltree::Node<'_, '_>| {
        t.descendants()
            .filter(|p| p.tag_name().name() == "p")
            .filter(|p| child(*p, "pPr").is_some_and(|ppr| child(ppr, "keepNext").is_some()))
            .count()
    };
    let paragraphs = |t: roxmltree::Node<'_, '_>| {
        t.descendants()
            .filter(|p| p.tag_name().name() == "p")
            .count()
    };
    assert_eq!(rows(tables[0]), n - 2);
    assert_eq!(rows(tables[1]), 2);
    assert_eq!(keeps(tables[1]), paragraphs(tables[1]));
    // Only the header row and the first body row keep in the first part (a header travels
    // with two body rows).
    assert_eq!(keeps(tables[0]), 6);
    // Between the parts, a paragraph kept with the next.
    let between = tables[0].next_sibling_element().unwrap();
    assert_eq!(between.tag_name().name(), "p");
    assert!(child(child(between, "pPr").unwrap(), "keepNext").is_some());
    assert_eq!(between.next_sibling_element(), Some(tables[1]));
}

/// Where the PDF's layout begins a page with the rows kept with the signature (a list that
/// fills its first page to the foot), the DOCX begins a page there too, and the kept rows'
/// table opens with the header rows again: a table of its own does not repeat the first one's,
/// and the clerk's second page had no column headings. Where the kept rows follow on the same
/// page, their table has no header (it would show mid-page). Both are met over the lengths
/// from one page to two.
#[test]
fn kept_rows_that_begin_a_page_repeat_the_header_rows() {
    let engine = daihoi::Engine::new().unwrap();
    let fonts = FontSet::bundled().unwrap();
    let page = PageSetup::a4();
    let tw = page.text_width();
    let mut cases = [0usize; 2];
    for n in 10..=45 {
        let Block::Table(mut list) = list_table(tw, n) else {
            unreachable!()
        };
        keep_last_rows_with_the_signature(&mut list, 2);
        let doc = Document {
            meta: meta(),
            page: page.clone(),
            blocks: vec![Block::Table(list), signature_block(tw)],
        };
        // The page of body row `i`, read from its number in the first column of the PDF.
        let layout = daihoi::layout::layout_document(&doc, &fonts).unwrap();
        let page_of = |i: usize| {
            layout.pages.iter().position(|p| {
                p.items.iter().any(|item| {
                    matches!(item, daihoi::layout::Item::Text(t)
                        if t.text == i.to_string() && t.x < page.margin_left + mm(12.0))
                })
            })
        };
        let heads_page = page_of(n).unwrap() > page_of(n - 1).unwrap();
        cases[usize::from(heads_page)] += 1;

        let bytes = engine
            .export_tree(&doc, daihoi::Format::Docx)
            .unwrap()
            .bytes;
        let text = xml(&unzip(&bytes), "word/document.xml");
        let d = roxmltree::Document::parse(&text).unwrap();
        let tables = elements(&d, "tbl");
        assert_eq!(tables.len(), 3, "{n} rows: body rows, kept rows, signature");
        let rows: Vec<_> = tables[1]
            .children()
            .filter(|c| c.tag_name().name() == "tr")
            .collect();
        let is_header = |tr: roxmltree::Node<'_, '_>| {
            child(tr, "trPr").is_some_and(|pr| child(pr, "tblHeader").is_some())
        };
        let between = tables[0].next_sibling_element().unwrap();
        let breaks = between
            .descendants()
            .any(|b| b.tag_name().name() == "br" && w(b, "type") == Some("page"));
        assert_eq!(
            breaks, heads_page,
            "{n} rows: a page break before the kept rows"
        );
        if heads_page {
            assert_eq!(
                rows.len(),
                3,
                "{n} rows: the header row and the two kept rows"
            );
            assert!(is_header(rows[0]), "{n} rows");
            let first: String = rows[0]
                .descendants()
                .filter(|t| t.tag_name().name() == "t")
                .filter_map(|t| t.text())
                .collect();
            assert_eq!(first, "TTHọ và tênChức vụ");
        } else {
            assert_eq!(rows.len(), 2, "{n} rows: the two kept rows only");
            assert!(!rows.iter().any(|r| is_header(*r)), "{n} rows");
        }
    }
    assert!(cases.iter().all(|&c| c > 0), "both cases met: {cases:?}");
}
