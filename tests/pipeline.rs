//! The whole pipeline on the sample congress: golden trees, the DOCX and PDF structure the
//! Party's format rules ask for, text round trips, and the real clients.

mod common;

use common::*;
use daihoi::tree::write_tree;
use daihoi::{About, DocumentKind, Format, Paper};

fn invitation() -> Paper {
    paper_of(
        &sample(),
        DocumentKind::Invitation,
        About::Guest { guest: 0 },
    )
}

fn summons() -> Paper {
    paper_of(&sample(), DocumentKind::Summons, About::Congress)
}

#[test]
fn golden_tree_of_the_sample_invitation() {
    let tree = engine().render_tree(&invitation()).unwrap();
    insta::assert_snapshot!("invitation_tree", write_tree(&tree));
}

#[test]
fn golden_tree_of_the_sample_summons() {
    let tree = engine().render_tree(&summons()).unwrap();
    insta::assert_snapshot!("summons_tree", write_tree(&tree));
}

#[test]
fn invitation_says_what_the_spec_says() {
    let text = fold(&engine().render_tree(&invitation()).unwrap().plain_text());
    common::assert_contains_all(
        &text,
        &[
            "ĐẢNG BỘ QUẬN HAI BÀ TRƯNG",
            "ĐẢNG UỶ PHƯỜNG BẠCH MAI",
            "ĐẢNG CỘNG SẢN VIỆT NAM",
            "Số 01-GM/ĐU",
            "Bạch Mai, ngày 05 tháng 3 năm 2020",
            "GIẤY MỜI",
            "Kính gửi: Đồng chí Đinh Thị Lan Duyên, Phó Bí thư Thường trực Quận uỷ Hai Bà Trưng",
            "Đảng uỷ phường Bạch Mai trân trọng kính mời đồng chí tới dự và chỉ đạo Đại hội đại biểu Đảng bộ phường Bạch Mai lần thứ XXIV, nhiệm kỳ 2020 – 2025.",
            "Thời gian: 7h30’, Thứ Năm, ngày 19/3/2020.",
            "Rất mong đồng chí đến dự đúng thời gian, địa điểm./.",
            "T/M ĐẢNG UỶ BÍ THƯ Lê Thành Vinh",
            "Nơi nhận: - Như trên, - Lưu VP.",
        ],
    );
}

#[test]
fn summons_lists_sessions_with_weekdays_and_schedule() {
    let text = fold(&engine().render_tree(&summons()).unwrap().plain_text());
    common::assert_contains_all(
        &text,
        &[
            "Số 92-TB/ĐU",
            "THÔNG BÁO TRIỆU TẬP",
            "Căn cứ Kế hoạch số 155-KH/TU ngày 07/7/2019",
            "Được sự đồng ý của Ban Thường vụ Quận uỷ Hai Bà Trưng,",
            "Ban Chấp hành Đảng bộ phường Bạch Mai triệu tập đại biểu dự “Đại hội đại biểu Đảng bộ phường Bạch Mai lần thứ XXIV, nhiệm kỳ 2020 – 2025”, cụ thể như sau:",
            "- Phiên trù bị: ½ ngày, từ 14h00’ đến 17h00’, ngày 18/3/2020 (Thứ Tư).",
            "+ Từ 14h00’ đến 14h15’: Kiểm tra quân số",
            "- Phiên chính thức: cả ngày, từ 7h30’ đến 19h00’, ngày 19/3/2020 (Thứ Năm).",
            "2. Địa điểm:",
            "3. Thành phần:",
            "4. Trang phục:",
            "5. Lưu ý:",
        ],
    );
}

fn xml_parts(bytes: &[u8]) -> Vec<(String, String)> {
    docx_parts(bytes)
        .into_iter()
        .filter(|n| n.ends_with(".xml") || n.ends_with(".rels"))
        .map(|n| {
            let s = docx_part(bytes, &n).unwrap();
            (n, s)
        })
        .collect()
}

const W: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";

#[test]
fn docx_follows_the_format_rules() {
    let rendered = engine().render(&invitation(), Format::Docx).unwrap();
    let bytes = &rendered.bytes;
    // Every part is well-formed XML.
    for (name, text) in xml_parts(bytes) {
        roxmltree::Document::parse(&text).unwrap_or_else(|e| panic!("{name}: {e}"));
    }
    let doc_xml = docx_part(bytes, "word/document.xml").unwrap();
    let doc = roxmltree::Document::parse(&doc_xml).unwrap();
    let attr = |n: roxmltree::Node, a: &str| n.attribute((W, a)).map(str::to_string);
    let pg_sz = doc
        .descendants()
        .find(|n| n.has_tag_name((W, "pgSz")))
        .unwrap();
    assert_eq!(attr(pg_sz, "w").as_deref(), Some("11906"), "A4 width");
    assert_eq!(attr(pg_sz, "h").as_deref(), Some("16838"), "A4 height");
    let pg_mar = doc
        .descendants()
        .find(|n| n.has_tag_name((W, "pgMar")))
        .unwrap();
    // 20 / 20 / 30 / 15 mm in twips.
    assert_eq!(attr(pg_mar, "top").as_deref(), Some("1134"));
    assert_eq!(attr(pg_mar, "bottom").as_deref(), Some("1134"));
    assert_eq!(attr(pg_mar, "left").as_deref(), Some("1701"));
    assert_eq!(attr(pg_mar, "right").as_deref(), Some("850"));
    // Justified body paragraphs are "both", never the invalid "justified".
    let jcs: Vec<String> = doc
        .descendants()
        .filter(|n| n.has_tag_name((W, "jc")))
        .filter_map(|n| attr(n, "val"))
        .collect();
    assert!(
        jcs.iter().any(|v| v == "both"),
        "no justified paragraph: {jcs:?}"
    );
    for v in &jcs {
        assert!(
            ["left", "center", "right", "both", "start", "end"].contains(&v.as_str()),
            "w:jc {v:?} is not a schema value"
        );
    }
    // Times New Roman in all four slots wherever fonts are named.
    let styles = docx_part(bytes, "word/styles.xml").unwrap();
    for xml in [&doc_xml, &styles] {
        let d = roxmltree::Document::parse(xml).unwrap();
        let fonts: Vec<_> = d
            .descendants()
            .filter(|n| n.has_tag_name((W, "rFonts")))
            .collect();
        for f in fonts {
            for slot in ["ascii", "hAnsi", "eastAsia", "cs"] {
                assert_eq!(
                    attr(f, slot).as_deref(),
                    Some("Times New Roman"),
                    "rFonts {slot}"
                );
            }
        }
    }
    assert!(styles.contains("vi-VN"), "language vi-VN in the defaults");
    // Core properties.
    let core = docx_part(bytes, "docProps/core.xml").unwrap();
    assert!(
        core.contains("Giấy mời — Đồng chí Đinh Thị Lan Duyên"),
        "{core}"
    );
    assert!(core.contains("<dc:language>vi-VN</dc:language>"), "{core}");
    assert!(core.contains("Đảng uỷ phường Bạch Mai"), "creator: {core}");
    // Page numbers from page 2: a title page with its own (empty) header, PAGE field.
    assert!(doc_xml.contains("titlePg"), "no w:titlePg");
    let headers: String = docx_parts(bytes)
        .iter()
        .filter(|n| n.starts_with("word/header"))
        .map(|n| docx_part(bytes, n).unwrap())
        .collect();
    assert!(headers.contains("PAGE"), "no PAGE field in the headers");
}

/// Text of a DOCX read back with docx-rs's own reader, one line per paragraph.
fn docx_text(bytes: &[u8]) -> String {
    use docx_rs::*;
    fn para(p: &Paragraph, out: &mut String) {
        for c in &p.children {
            if let ParagraphChild::Run(r) = c {
                for rc in &r.children {
                    match rc {
                        RunChild::Text(t) => out.push_str(&t.text),
                        RunChild::Break(_) => out.push('\n'),
                        _ => {}
                    }
                }
            }
        }
        out.push('\n');
    }
    fn table(t: &Table, out: &mut String) {
        for TableChild::TableRow(row) in &t.rows {
            for TableRowChild::TableCell(cell) in &row.cells {
                for c in &cell.children {
                    match c {
                        TableCellContent::Paragraph(p) => para(p, out),
                        TableCellContent::Table(t) => table(t, out),
                        _ => {}
                    }
                }
            }
        }
    }
    let docx = read_docx(bytes).expect("docx-rs reads the file back");
    let mut out = String::new();
    for child in &docx.document.children {
        match child {
            DocumentChild::Paragraph(p) => para(p, &mut out),
            DocumentChild::Table(t) => table(t, &mut out),
            _ => {}
        }
    }
    out
}

#[test]
fn docx_text_reads_back_exactly() {
    for doc in [
        engine().render_tree(&invitation()).unwrap(),
        engine().render_tree(&summons()).unwrap(),
    ] {
        let bytes = engine().export_tree(&doc, Format::Docx).unwrap().bytes;
        // The word joiners that keep a cited number on one line are not text.
        let text = docx_text(&bytes).replace('\u{2060}', "");
        assert_eq!(fold(&text), fold(&doc.plain_text()));
    }
}

#[test]
fn pdf_has_a4_pages_subset_fonts_language_and_the_text() {
    let tree = engine().render_tree(&summons()).unwrap();
    let rendered = engine().render(&summons(), Format::Pdf).unwrap();
    let pdf = lopdf::Document::load_mem(&rendered.bytes).unwrap();
    let pages = pdf.get_pages();
    assert_eq!(Some(pages.len()), rendered.pages);
    for (_, id) in pages.iter() {
        let page = pdf.get_dictionary(*id).unwrap();
        let mb = page.get(b"MediaBox").unwrap().as_array().unwrap();
        let nums: Vec<f32> = mb.iter().map(|o| o.as_float().unwrap()).collect();
        assert!(
            (nums[2] - 595.28).abs() < 0.5 && (nums[3] - 841.89).abs() < 0.5,
            "{nums:?}"
        );
    }
    let catalog = pdf.catalog().unwrap();
    assert_eq!(
        catalog.get(b"Lang").unwrap().as_str().unwrap(),
        b"vi-VN",
        "/Lang vi-VN"
    );
    let mut subset_fonts = 0;
    for (_, obj) in pdf.objects.iter() {
        if let Ok(dict) = obj.as_dict() {
            if dict.get(b"Type").and_then(|t| t.as_name()).ok() == Some(b"FontDescriptor".as_ref())
            {
                assert!(dict.get(b"FontFile2").is_ok(), "font not embedded");
                let name = dict.get(b"FontName").unwrap().as_name().unwrap();
                assert!(
                    name.contains(&b'+'),
                    "font not subset: {}",
                    String::from_utf8_lossy(name)
                );
                subset_fonts += 1;
            }
        }
    }
    assert!(subset_fonts >= 2, "regular and bold faces embedded");
    let numbers: Vec<u32> = pages.keys().copied().collect();
    let text = pdf.extract_text(&numbers).unwrap();
    // lopdf puts page numbers in the text; the tree's text must all be there, in order.
    let got = fold(&text);
    let want = fold(&tree.plain_text());
    let got_without_numbers = got
        .split(' ')
        .filter(|w| !(w.chars().all(|c| c.is_ascii_digit()) && w.len() <= 2))
        .collect::<Vec<_>>()
        .join(" ");
    let want_without_numbers = want
        .split(' ')
        .filter(|w| !(w.chars().all(|c| c.is_ascii_digit()) && w.len() <= 2))
        .collect::<Vec<_>>()
        .join(" ");
    assert_eq!(got_without_numbers, want_without_numbers);
}

#[test]
fn rendering_is_deterministic() {
    for format in [Format::Docx, Format::Pdf] {
        let a = engine().render(&invitation(), format).unwrap();
        let b = engine().render(&invitation(), format).unwrap();
        assert!(a.bytes == b.bytes, "{format} output differs between runs");
    }
}

#[test]
fn one_invitation_per_guest_in_both_formats() {
    let congress = sample();
    let items = engine()
        .render_kind(
            &congress,
            DocumentKind::Invitation,
            &[Format::Docx, Format::Pdf],
        )
        .unwrap();
    assert_eq!(items.len(), congress.guests.len());
    let mut stems = std::collections::BTreeSet::new();
    for (i, item) in items.iter().enumerate() {
        let files = item.result.as_ref().unwrap();
        assert_eq!(files.len(), 2);
        assert!(
            stems.insert(item.file_stem.clone()),
            "file names are unique"
        );
        let number = format!("{:02}-gm-du", i + 1);
        assert!(
            item.file_stem.contains(&number),
            "{} numbered {number}",
            item.file_stem
        );
    }
}

#[test]
fn templates_can_be_overridden_from_a_directory() {
    let dir = scratch("override");
    std::fs::create_dir_all(dir.join("partials")).unwrap();
    std::fs::write(
        dir.join("partials/title.hbs"),
        "<p style=\"type-name\">{{name}} (MẪU RIÊNG)</p>",
    )
    .unwrap();
    let engine = daihoi::Engine::builder()
        .template_dir(&dir)
        .build()
        .unwrap();
    let text = engine.render_tree(&invitation()).unwrap().plain_text();
    assert!(text.contains("GIẤY MỜI (MẪU RIÊNG)"), "{text}");
    // The other built-ins are still there.
    assert!(text.contains("ĐẢNG CỘNG SẢN VIỆT NAM"));
}

/// A part of a name with a space at its edge (`"Duyên "`, as a spreadsheet cell often has it)
/// prints as the name does everywhere: the minutes print the parts one by one, and printed
/// "Lan Duyên , Phó Bí thư …" where the invitation printed "Lan Duyên".
#[test]
fn a_name_part_with_a_space_at_its_edge_prints_without_it() {
    let mut value: serde_json::Value = serde_json::from_str(&sample_text()).unwrap();
    value["guests"][0]["name"]["ten"] = "Duyên ".into();
    value["guests"][0]["name"]["dem"] = " Thị Lan\u{a0}".into();
    let key = value["proceedings"]["presidium"][0]["name"]
        .as_str()
        .unwrap()
        .trim_start_matches('@')
        .to_string();
    let ten = value["people"][&key]["ten"].as_str().unwrap().to_string();
    value["people"][&key]["ten"] = format!("{ten}\u{202f}").into();
    let congress = daihoi::load_congress(&value.to_string()).unwrap();
    assert_eq!(congress.guests[0].name.dem, "Thị Lan");
    assert_eq!(congress.guests[0].name.full(), "Đinh Thị Lan Duyên");
    let paper = paper_of(&congress, DocumentKind::CongressMinutes, About::Congress);
    let raw = engine().render_tree(&paper).unwrap().plain_text();
    let minutes = fold(&raw);
    assert!(
        minutes.contains("Đồng chí Đinh Thị Lan Duyên, Phó Bí thư"),
        "{minutes}"
    );
    assert!(
        minutes.contains(&format!("{ten} (Bí thư Đảng uỷ")),
        "{minutes}"
    );
    assert!(
        !raw.contains('\u{202f}'),
        "the presidium's name part kept its space: {raw}"
    );
}
