//! The PDF backend end to end: hand-built trees → layout → PDF, checked with lopdf and, where
//! installed, with qpdf and poppler's pdffonts / pdftotext.
#![cfg(feature = "unstable-internals")]

use std::collections::BTreeSet;
use std::path::Path;
use std::process::Command;

use daihoi::font::FontSet;
use daihoi::layout::{layout_document, Item, Layout};
use daihoi::pdf::{export, PdfWriter};
use daihoi::tree::*;
use daihoi::ErrorKind;

// ---------------------------------------------------------------------------------------------
// Building trees

fn run(text: &str, size: f32, bold: bool, italic: bool) -> Inline {
    Inline::Text(TextRun {
        text: text.to_string(),
        style: RunStyle {
            size,
            bold,
            italic,
            underline: false,
        },
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

fn body(text: &str) -> Block {
    Block::Paragraph(Paragraph {
        first_line_indent: mm(12.7),
        space_after: 6.0,
        line_height: 18.0,
        ..para(vec![run(text, 14.0, false, false)], Align::Justify)
    })
}

fn cell(blocks: Vec<Block>) -> Cell {
    Cell {
        blocks,
        col_span: 1,
        v_align: VAlign::Top,
    }
}

fn centred(text: &str, size: f32, bold: bool, italic: bool) -> Block {
    Block::Paragraph(para(vec![run(text, size, bold, italic)], Align::Center))
}

fn meta() -> Meta {
    Meta {
        kind: "invitation".into(),
        title: "Giấy mời — Đồng chí Đinh Thị Lan Duyên".into(),
        subject: "Đại hội Đảng bộ phường Bạch Mai lần thứ XV, nhiệm kỳ 2020 – 2025".into(),
        author: "Đảng ủy phường Bạch Mai".into(),
        language: "vi-VN".into(),
        created: "2020-03-05T08:00:00Z".into(),
        id: "01-GM/DU-2020-duyen".into(),
    }
}

/// The header block: a borderless two-column table with a rule under the heading.
fn header(fonts: &FontSet) -> Block {
    let heading = "ĐẢNG CỘNG SẢN VIỆT NAM";
    let heading_width = fonts.face(Face::Bold).measure(heading, 15.0);
    Block::Table(Table {
        columns: vec![mm(75.0), mm(90.0)],
        borders: false,
        border_width: 0.0,
        cell_padding_x: 0.0,
        cell_padding_y: 0.0,
        header_rows: 0,
        rows: vec![Row {
            cant_split: true,
            cells: vec![
                cell(vec![
                    centred("ĐẢNG BỘ QUẬN HAI BÀ TRƯNG", 14.0, false, false),
                    centred("ĐẢNG ỦY PHƯỜNG BẠCH MAI", 14.0, true, false),
                    centred("*", 14.0, false, false),
                    centred("Số 01-GM/ĐU", 14.0, false, false),
                ]),
                cell(vec![
                    centred(heading, 15.0, true, false),
                    Block::Rule(Rule {
                        width: heading_width,
                        thickness: 0.5,
                        align: Align::Center,
                        space_before: 1.0,
                        space_after: 6.0,
                    }),
                    centred("Bạch Mai, ngày 05 tháng 3 năm 2020", 14.0, false, true),
                ]),
            ],
        }],
    })
}

const JUSTIFIED: [&str; 3] = [
    "Thực hiện Chỉ thị số 35-CT/TW ngày 30 tháng 5 năm 2019 của Bộ Chính trị về đại hội đảng bộ các cấp tiến tới Đại hội đại biểu toàn quốc lần thứ XIII của Đảng, Ban Chấp hành Đảng bộ phường Bạch Mai trân trọng kính mời đồng chí tới dự Đại hội đại biểu Đảng bộ phường lần thứ XV, nhiệm kỳ 2020 – 2025.",
    "Thời gian: 01 ngày, khai mạc vào hồi 07 giờ 30 phút, thứ Năm, ngày 12 tháng 3 năm 2020. Địa điểm: Hội trường Ủy ban nhân dân phường Bạch Mai, số 58 phố Bạch Mai, quận Hai Bà Trưng, thành phố Hà Nội. Đề nghị đồng chí dự đầy đủ, đúng giờ; trang phục lịch sự.",
    "Những chữ có dấu chồng như ỦY, ỄNH, ự, ặ, ỗ, ẫ và Ữ phải hiện đúng trong văn bản, không bị cắt xén, không lệch vị trí dấu; việc trích xuất văn bản phải trả lại đúng chuỗi Unicode dựng sẵn.",
];

fn long_table() -> Block {
    let header = Row {
        cant_split: true,
        cells: vec![
            cell(vec![centred("STT", 13.0, true, false)]),
            cell(vec![centred("Họ và tên", 13.0, true, false)]),
            cell(vec![centred("Chức vụ", 13.0, true, false)]),
        ],
    };
    let mut rows = vec![header];
    for i in 1..=60 {
        let role = if i % 7 == 0 {
            "Bí thư chi bộ, Tổ trưởng tổ dân phố, ủy viên Ban Chấp hành Đảng bộ phường"
        } else {
            "Đảng viên"
        };
        rows.push(Row {
            cant_split: true,
            cells: vec![
                cell(vec![centred(&format!("{i}"), 13.0, false, false)]),
                cell(vec![Block::Paragraph(para(
                    vec![run(
                        &format!("Nguyễn Thị Hương Giang {i}"),
                        13.0,
                        false,
                        false,
                    )],
                    Align::Left,
                ))]),
                cell(vec![Block::Paragraph(para(
                    vec![run(role, 13.0, false, false)],
                    Align::Left,
                ))]),
            ],
        });
    }
    Block::Table(Table {
        columns: vec![mm(15.0), mm(80.0), mm(70.0)],
        borders: true,
        border_width: 0.5,
        cell_padding_x: 5.4,
        cell_padding_y: 2.0,
        header_rows: 1,
        rows,
    })
}

fn long_word() -> String {
    "Nguyễn".repeat(84).chars().take(500).collect()
}

fn sample(fonts: &FontSet) -> Document {
    let mut blocks = vec![
        header(fonts),
        Block::Spacer(Spacer { height: 12.0 }),
        Block::Paragraph(Paragraph {
            keep_with_next: true,
            space_after: 6.0,
            ..para(vec![run("GIẤY MỜI", 15.0, true, false)], Align::Center)
        }),
    ];
    blocks.extend(JUSTIFIED.iter().map(|t| body(t)));
    blocks.push(long_table());
    blocks.push(Block::Paragraph(para(
        vec![run(&long_word(), 14.0, false, false)],
        Align::Left,
    )));
    blocks.push(Block::Paragraph(Paragraph {
        space_before: 12.0,
        ..para(
            vec![
                run("T/M ĐẢNG ỦY", 14.0, true, false),
                Inline::Break,
                run("BÍ THƯ", 14.0, false, false),
            ],
            Align::Right,
        )
    }));
    Document {
        meta: meta(),
        page: PageSetup::a4(),
        blocks,
    }
}

/// The sample without what text extraction cannot give back as the tree's text: page numbers
/// (not in the tree) and the 500-character word (extracted with line ends inside).
fn extractable(fonts: &FontSet) -> Document {
    let mut doc = sample(fonts);
    doc.page.page_number = None;
    doc.blocks.retain(|b| match b {
        Block::Paragraph(p) => !p.text().starts_with("NguyễnNguyễn"),
        _ => true,
    });
    doc
}

fn collapse(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn fonts() -> FontSet {
    FontSet::bundled().expect("bundled fonts")
}

// ---------------------------------------------------------------------------------------------
// Structure, checked with lopdf

#[test]
fn sample_has_a4_pages_embedded_subset_fonts_language_and_metadata() {
    let fonts = fonts();
    let doc = sample(&fonts);
    let layout = layout_document(&doc, &fonts).unwrap();
    let out = export(&doc, &fonts).unwrap();
    assert!(
        out.pages >= 3,
        "the 60-row table spans pages: {}",
        out.pages
    );
    assert_eq!(out.pages, layout.pages.len());
    assert!(
        out.bytes.len() < 150_000,
        "fonts must be subset: {} bytes",
        out.bytes.len()
    );

    let pdf = lopdf::Document::load_mem(&out.bytes).unwrap();
    let pages = pdf.get_pages();
    assert_eq!(pages.len(), out.pages);
    for &page_id in pages.values() {
        let page = pdf.get_dictionary(page_id).unwrap();
        let media: Vec<f32> = page
            .get(b"MediaBox")
            .unwrap()
            .as_array()
            .unwrap()
            .iter()
            .map(|o| o.as_float().unwrap())
            .collect();
        assert_eq!(media.len(), 4);
        assert!(media[0].abs() < 0.01 && media[1].abs() < 0.01);
        assert!((media[2] - 595.28).abs() < 0.01, "{media:?}");
        assert!((media[3] - 841.89).abs() < 0.01, "{media:?}");
    }

    // Every font: Type0, subset tag, a FontFile2 program.
    let mut base_fonts = BTreeSet::new();
    for (_, object) in pdf.objects.iter() {
        let Ok(dict) = object.as_dict() else { continue };
        if dict.get(b"Subtype").and_then(|o| o.as_name()).ok() != Some(b"Type0".as_slice()) {
            continue;
        }
        let base =
            String::from_utf8_lossy(dict.get(b"BaseFont").unwrap().as_name().unwrap()).to_string();
        let (tag, name) = base.split_once('+').expect("subset prefix");
        assert_eq!(tag.len(), 6);
        assert!(tag.chars().all(|c| c.is_ascii_uppercase()), "{base}");
        assert!(name.starts_with("LiberationSerif"), "{base}");
        let descendant = &dict.get(b"DescendantFonts").unwrap().as_array().unwrap()[0];
        let descendant = pdf.dereference(descendant).unwrap().1.as_dict().unwrap();
        assert_eq!(
            descendant.get(b"Subtype").unwrap().as_name().unwrap(),
            b"CIDFontType2".as_slice()
        );
        let descriptor = pdf
            .get_dictionary(
                descendant
                    .get(b"FontDescriptor")
                    .unwrap()
                    .as_reference()
                    .unwrap(),
            )
            .unwrap();
        let program = descriptor
            .get(b"FontFile2")
            .unwrap()
            .as_reference()
            .unwrap();
        assert!(pdf.get_object(program).unwrap().as_stream().is_ok());
        assert!(dict.get(b"ToUnicode").is_ok());
        base_fonts.insert(name.to_string());
    }
    assert_eq!(
        base_fonts,
        [
            "LiberationSerif",
            "LiberationSerif-Bold",
            "LiberationSerif-Italic"
        ]
        .iter()
        .map(|s| s.to_string())
        .collect(),
        "one font per face used"
    );

    let catalog = pdf.catalog().unwrap();
    assert_eq!(
        catalog.get(b"Lang").unwrap().as_str().unwrap(),
        b"vi-VN".as_slice()
    );
    let info = pdf
        .get_dictionary(pdf.trailer.get(b"Info").unwrap().as_reference().unwrap())
        .unwrap();
    let text = |key: &[u8]| lopdf::decode_text_string(info.get(key).unwrap()).unwrap();
    assert_eq!(text(b"Title"), doc.meta.title);
    assert_eq!(text(b"Author"), doc.meta.author);
    assert_eq!(text(b"Subject"), doc.meta.subject);
    assert_eq!(text(b"CreationDate"), "D:20200305080000Z");
    assert_eq!(text(b"ModDate"), "D:20200305080000Z");
    let id = pdf.trailer.get(b"ID").unwrap().as_array().unwrap();
    assert_eq!(id[0].as_str().unwrap(), doc.meta.id.as_bytes());
}

#[test]
fn extracted_text_is_the_tree_text() {
    let fonts = fonts();
    let doc = extractable(&fonts);
    let out = export(&doc, &fonts).unwrap();
    let pdf = lopdf::Document::load_mem(&out.bytes).unwrap();
    let numbers: Vec<u32> = (1..=out.pages as u32).collect();
    let text = collapse(&pdf.extract_text(&numbers).unwrap());
    // The header row repeated on the table's continuation pages is drawn, not in the tree.
    let header = "STT Họ và tên Chức vụ ";
    let first = text.find(header).unwrap() + header.len();
    let text = format!("{}{}", &text[..first], text[first..].replace(header, ""));
    assert_eq!(text, collapse(&doc.plain_text()));

    // With the page numbers and the 500-character word (extracted with line ends inside), only
    // white space and the page numbers differ.
    let doc = sample(&fonts);
    let out = export(&doc, &fonts).unwrap();
    let pdf = lopdf::Document::load_mem(&out.bytes).unwrap();
    let mut extracted = String::new();
    for n in 1..=out.pages as u32 {
        let mut page = pdf.extract_text(&[n]).unwrap();
        if n >= 2 {
            let number = n.to_string();
            let at = page.rfind(&number).expect("page number");
            page.replace_range(at..at + number.len(), "");
        }
        extracted.push_str(&page);
    }
    let squeeze = |s: &str| s.split_whitespace().collect::<String>();
    let header = "STTHọvàtênChứcvụ";
    let extracted = squeeze(&extracted);
    let first = extracted.find(header).unwrap() + header.len();
    let extracted = format!(
        "{}{}",
        &extracted[..first],
        extracted[first..].replace(header, "")
    );
    assert_eq!(extracted, squeeze(&doc.plain_text()));
}

#[test]
fn header_row_repeats_and_no_row_is_split() {
    let fonts = fonts();
    let doc = sample(&fonts);
    let out = export(&doc, &fonts).unwrap();
    let pdf = lopdf::Document::load_mem(&out.bytes).unwrap();
    let pages: Vec<String> = (1..=out.pages as u32)
        .map(|n| pdf.extract_text(&[n]).unwrap())
        .collect();
    let lines = |page: &str| -> Vec<String> { page.lines().map(collapse).collect() };
    let mut table_pages = 0;
    for i in 1..=60 {
        let name = format!("Nguyễn Thị Hương Giang {i}");
        let on: Vec<usize> = (0..pages.len())
            .filter(|&p| lines(&pages[p]).contains(&name))
            .collect();
        assert_eq!(on.len(), 1, "row {i} is on exactly one page: {on:?}");
        let page = &lines(&pages[on[0]]);
        assert!(
            page.contains(&i.to_string()),
            "row {i}'s number is with its name"
        );
        assert!(
            page.contains(&"Họ và tên".to_string()),
            "the header row is on page {} with row {i}",
            on[0] + 1
        );
        if i % 7 == 0 {
            let role = "Bí thư chi bộ, Tổ trưởng tổ dân phố, ủy viên Ban Chấp hành Đảng bộ phường";
            let joined = collapse(&pages[on[0]]);
            assert!(joined.contains(role), "row {i}'s role is whole on its page");
        }
        table_pages = table_pages.max(on[0] + 1);
    }
    assert!(table_pages >= 3);
    // Nothing was split: no warning about it.
    assert!(
        !out.warnings.iter().any(|w| w.contains("split")),
        "{:?}",
        out.warnings
    );
}

#[test]
fn justified_lines_end_at_the_right_margin() {
    let fonts = fonts();
    for text in JUSTIFIED {
        let doc = Document {
            meta: meta(),
            page: PageSetup::a4(),
            blocks: vec![body(text)],
        };
        let right = doc.page.width - doc.page.margin_right;
        let layout = layout_document(&doc, &fonts).unwrap();
        let lines = lines_of(&layout);
        assert!(lines.len() >= 3, "{text}");
        for (i, (_, end, gap)) in lines.iter().enumerate() {
            if i + 1 < lines.len() {
                assert!(
                    (end - right).abs() <= 0.01,
                    "line {} ends at {end}, the margin is {right}",
                    i + 1
                );
                assert!(*gap > 0.0);
            } else {
                assert!(*end < right, "the last line is not stretched");
                assert_eq!(*gap, 0.0);
            }
        }
    }
}

/// `(baseline, right edge, word gap)` of each line on the first page.
fn lines_of(layout: &Layout) -> Vec<(f32, f32, f32)> {
    let mut lines: Vec<(f32, f32, f32)> = Vec::new();
    for item in &layout.pages[0].items {
        if let Item::Text(t) = item {
            match lines.last_mut() {
                Some(line) if line.0 == t.y => line.1 = line.1.max(t.x + t.width),
                _ => lines.push((t.y, t.x + t.width, t.word_gap)),
            }
        }
    }
    lines
}

#[test]
fn a_500_character_name_wraps_inside_the_margins() {
    let fonts = fonts();
    let doc = sample(&fonts);
    let layout = layout_document(&doc, &fonts).unwrap();
    let right = doc.page.width - doc.page.margin_right;
    let mut pieces = 0;
    for page in &layout.pages {
        for item in &page.items {
            if let Item::Text(t) = item {
                assert!(t.x >= doc.page.margin_left - 0.01);
                assert!(t.x + t.width <= right + 0.01, "{t:?} overflows");
                if t.text.starts_with("Nguyễn") || t.text.starts_with("guyễn") {
                    pieces += 1;
                }
            }
        }
    }
    assert!(pieces >= 8, "the word is spread over lines: {pieces}");
    assert_eq!(
        layout
            .warnings
            .iter()
            .filter(|w| w.starts_with("a word wider than the line was broken: \"NguyễnNguyễn"))
            .count(),
        1,
        "{:?}",
        layout.warnings
    );
}

#[test]
fn page_numbers_from_page_two() {
    let fonts = fonts();
    let doc = sample(&fonts);
    let layout = layout_document(&doc, &fonts).unwrap();
    for (i, page) in layout.pages.iter().enumerate() {
        let numbers: Vec<_> = page
            .items
            .iter()
            .filter_map(|item| match item {
                Item::Text(t) if t.y < doc.page.margin_top => Some(t),
                _ => None,
            })
            .collect();
        if i == 0 {
            assert!(numbers.is_empty());
        } else {
            assert_eq!(numbers.len(), 1);
            let n = numbers[0];
            assert_eq!(n.text, (i + 1).to_string());
            assert_eq!(n.size, 14.0);
            let centre = n.x + n.width / 2.0;
            let expected = doc.page.margin_left + doc.page.text_width() / 2.0;
            assert!((centre - expected).abs() < 0.01);
        }
    }
}

#[test]
fn a_missing_glyph_is_an_error_naming_the_character() {
    let fonts = fonts();
    let mut doc = sample(&fonts);
    doc.blocks.push(body("Nguyễn 中 Văn"));
    let err = export(&doc, &fonts).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::MissingGlyph);
    assert_eq!(
        err.message(),
        "the font has no glyph for '中' (U+4E2D) in \"Nguyễn 中 Văn\""
    );
    // Also inside a table cell.
    let mut doc = extractable(&fonts);
    doc.blocks.insert(
        0,
        Block::Table(Table {
            columns: vec![100.0],
            borders: false,
            border_width: 0.0,
            cell_padding_x: 0.0,
            cell_padding_y: 0.0,
            header_rows: 0,
            rows: vec![Row {
                cant_split: false,
                cells: vec![cell(vec![centred("Trần 中", 14.0, true, false)])],
            }],
        }),
    );
    let err = export(&doc, &fonts).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::MissingGlyph);
    assert!(err.message().contains("'中' (U+4E2D)"));
}

#[test]
fn output_is_deterministic() {
    let fonts = fonts();
    let doc = sample(&fonts);
    let writer = PdfWriter::new(&fonts).unwrap();
    let a = writer.export_with(&doc).unwrap();
    let b = writer.export_with(&doc).unwrap();
    let c = export(&doc, &fonts).unwrap();
    assert!(a.bytes == b.bytes, "same writer, same bytes");
    assert!(a.bytes == c.bytes, "another writer, same bytes");
    // A different document still differs.
    let mut other = doc.clone();
    other.meta.id = "another".into();
    assert!(writer.export_with(&other).unwrap().bytes != a.bytes);
}

// ---------------------------------------------------------------------------------------------
// Real clients: qpdf, pdffonts, pdftotext

/// Whether `tool` runs; otherwise says why the test skips (or fails, under DAIHOI_REQUIRE_TOOLS=1).
fn have(tool: &str) -> bool {
    let ok = Command::new(tool)
        .arg("-v")
        .output()
        .map(|o| o.status.success() || !o.stderr.is_empty() || !o.stdout.is_empty())
        .unwrap_or(false);
    if !ok {
        if std::env::var("DAIHOI_REQUIRE_TOOLS").as_deref() == Ok("1") {
            panic!("{tool} is not installed and DAIHOI_REQUIRE_TOOLS=1");
        }
        eprintln!("skipping: {tool} is not installed (poppler-utils / qpdf)");
    }
    ok
}

fn write_sample(dir: &Path, name: &str, doc: &Document, fonts: &FontSet) -> std::path::PathBuf {
    let out = export(doc, fonts).unwrap();
    let path = dir.join(name);
    std::fs::write(&path, &out.bytes).unwrap();
    path
}

fn run_tool(tool: &str, args: &[&str]) -> String {
    let out = Command::new(tool).args(args).output().unwrap();
    assert!(
        out.status.success(),
        "{tool} {args:?} failed: {}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn qpdf_finds_no_problem() {
    if !have("qpdf") {
        return;
    }
    let fonts = fonts();
    let dir = tempfile::tempdir().unwrap();
    let path = write_sample(dir.path(), "sample.pdf", &sample(&fonts), &fonts);
    let report = run_tool("qpdf", &["--check", path.to_str().unwrap()]);
    assert!(
        report.contains("No syntax or stream encoding errors"),
        "{report}"
    );
}

#[test]
fn pdffonts_sees_embedded_subsets() {
    if !have("pdffonts") {
        return;
    }
    let fonts = fonts();
    let dir = tempfile::tempdir().unwrap();
    let path = write_sample(dir.path(), "sample.pdf", &sample(&fonts), &fonts);
    let report = run_tool("pdffonts", &[path.to_str().unwrap()]);
    let rows: Vec<&str> = report.lines().skip(2).collect();
    assert_eq!(rows.len(), 3, "{report}");
    for row in rows {
        let cols: Vec<&str> = row.split_whitespace().collect();
        // name type(2 words) encoding emb sub uni object ID
        assert!(cols[0].contains('+'), "{row}");
        assert_eq!(&cols[1..3], &["CID", "TrueType"], "{row}");
        assert_eq!(&cols[4..7], &["yes", "yes", "yes"], "emb sub uni: {row}");
    }
}

#[test]
fn pdftotext_returns_the_nfc_text() {
    if !have("pdftotext") {
        return;
    }
    let fonts = fonts();
    let dir = tempfile::tempdir().unwrap();
    // Body text only: pdftotext orders it exactly as the tree does.
    let doc = Document {
        meta: meta(),
        page: PageSetup::a4(),
        blocks: JUSTIFIED.iter().map(|t| body(t)).collect(),
    };
    let path = write_sample(dir.path(), "body.pdf", &doc, &fonts);
    let text = run_tool("pdftotext", &["-enc", "UTF-8", path.to_str().unwrap(), "-"]);
    assert_eq!(collapse(&text), collapse(&doc.plain_text()));
    for word in ["ỦY", "ỄNH", "ự", "Ữ", "Ủy"] {
        assert!(text.contains(word), "{word} comes back precomposed");
    }

    // The whole sample: every line of the header block and of the table comes back.
    let path = write_sample(dir.path(), "sample.pdf", &sample(&fonts), &fonts);
    let text = run_tool("pdftotext", &["-enc", "UTF-8", path.to_str().unwrap(), "-"]);
    for line in [
        "ĐẢNG BỘ QUẬN HAI BÀ TRƯNG",
        "ĐẢNG ỦY PHƯỜNG BẠCH MAI",
        "ĐẢNG CỘNG SẢN VIỆT NAM",
        "Bạch Mai, ngày 05 tháng 3 năm 2020",
        "GIẤY MỜI",
        "Nguyễn Thị Hương Giang 60",
        "T/M ĐẢNG ỦY",
    ] {
        assert!(text.contains(line), "{line:?} in\n{text}");
    }
}

#[test]
fn pdftotext_sees_justified_lines_reach_the_margin() {
    if !have("pdftotext") {
        return;
    }
    let fonts = fonts();
    let dir = tempfile::tempdir().unwrap();
    let doc = Document {
        meta: meta(),
        page: PageSetup::a4(),
        blocks: vec![body(JUSTIFIED[0])],
    };
    let right = doc.page.width - doc.page.margin_right;
    let path = write_sample(dir.path(), "justified.pdf", &doc, &fonts);
    let html = run_tool("pdftotext", &["-bbox-layout", path.to_str().unwrap(), "-"]);
    // Right edge of every line but the last, as the viewer computes it from /W and TJ.
    let mut ends = Vec::new();
    for line in html.split("<line ").skip(1) {
        let x_max = line
            .split("xMax=\"")
            .nth(1)
            .and_then(|s| s.split('"').next())
            .and_then(|s| s.parse::<f32>().ok())
            .unwrap();
        ends.push(x_max);
    }
    assert!(ends.len() >= 3, "{html}");
    for end in &ends[..ends.len() - 1] {
        assert!(
            (end - right).abs() < 0.1,
            "a line ends at {end}, not {right}"
        );
    }
}
