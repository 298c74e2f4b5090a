//! Hostile input: markup-looking names, control characters, NFD text, very long names, glyphs
//! the font lacks, broken JSON. Each gets a correct document or a clear error naming the
//! field — never a panic, a corrupt file, or a lost guest.

mod common;

use common::*;
use daihoi::{About, DocumentKind, ErrorKind, Format, Paper};

fn invitation(c: &daihoi::Congress, guest: usize) -> Paper {
    paper_of(c, DocumentKind::Invitation, About::Guest { guest })
}

fn congress_with_guest(ho: &str, dem: &str, ten: &str) -> daihoi::Congress {
    let mut c = sample();
    c.guests[1].name = daihoi::vi::PersonName::new(ho, dem, ten);
    c
}

fn pdf_text(bytes: &[u8]) -> String {
    let pdf = lopdf::Document::load_mem(bytes).unwrap();
    let pages: Vec<u32> = pdf.get_pages().keys().copied().collect();
    fold(&pdf.extract_text(&pages).unwrap())
}

#[test]
fn a_name_full_of_markup_prints_literally_in_both_formats() {
    let c = congress_with_guest("<b>Nguyễn", "&", "{{x}}</b>");
    let inv = invitation(&c, 1);
    let want = "Đồng chí <b>Nguyễn & {{x}}</b>";
    let tree = engine().render_tree(&inv).unwrap();
    assert!(tree.plain_text().contains(want));
    let docx = engine().render(&inv, Format::Docx).unwrap();
    let xml = docx_part(&docx.bytes, "word/document.xml").unwrap();
    roxmltree::Document::parse(&xml).expect("document.xml stays valid XML");
    assert!(
        xml.contains("&lt;b&gt;Nguyễn &amp; {{x}}&lt;/b&gt;"),
        "escaped in the DOCX"
    );
    let pdf = engine().render(&inv, Format::Pdf).unwrap();
    assert!(pdf_text(&pdf.bytes).contains(want));
}

#[test]
fn quotes_and_apostrophes_survive() {
    let c = congress_with_guest("O'Neil", "\"Văn\"", "An`=");
    let inv = invitation(&c, 1);
    let text = engine().render_tree(&inv).unwrap().plain_text();
    assert!(text.contains("O'Neil \"Văn\" An`="), "{text}");
}

#[test]
fn control_characters_are_rejected_naming_the_field_and_the_others_still_render() {
    let c = congress_with_guest("Nguyễn", "Văn", "A\u{7}n");
    let items = engine()
        .render_kind(&c, DocumentKind::Invitation, &[Format::Docx, Format::Pdf])
        .unwrap();
    let bad = &items[1];
    let err = bad.result.as_ref().unwrap_err();
    assert_eq!(err.kind(), ErrorKind::InvalidData);
    let msg = err.to_string();
    assert!(msg.contains("guests[1].name.ten"), "{msg}");
    assert!(msg.contains("U+0007"), "{msg}");
    for (i, item) in items.iter().enumerate() {
        if i != 1 {
            assert!(item.result.is_ok(), "guest {i} is still produced");
        }
    }
}

#[test]
fn line_breaks_and_tabs_in_data_become_spaces_and_the_docx_stays_valid() {
    let text = sample_text().replace("\"Duyên\"", "\"Du\\tyên\\n\"");
    let c = daihoi::load_congress(&text).unwrap();
    let inv = invitation(&c, 0);
    let docx = engine().render(&inv, Format::Docx).unwrap();
    let xml = docx_part(&docx.bytes, "word/document.xml").unwrap();
    roxmltree::Document::parse(&xml).unwrap();
    assert!(!xml.contains('\t'));
}

#[test]
fn nfd_names_come_out_nfc() {
    use unicode_normalization::UnicodeNormalization;
    let nfd: String = "Nguyễn Thị Ánh Tuyết".nfd().collect();
    assert_ne!(nfd, "Nguyễn Thị Ánh Tuyết");
    let json = sample_text().replace("Đinh", &nfd[..nfd.find(' ').unwrap()]);
    let c = daihoi::load_congress(&json).unwrap();
    assert_eq!(c.guests[0].name.ho, "Nguyễn", "NFC on the way in");
    // Also when the record is built in code with NFD text.
    let mut c = sample();
    c.guests[0].name =
        daihoi::vi::PersonName::new(&nfd[..nfd.find(' ').unwrap()], "Thị Ánh", "Tuyết");
    let inv = invitation(&c, 0);
    let tree = engine().render_tree(&inv).unwrap();
    assert!(tree.plain_text().contains("Nguyễn Thị Ánh Tuyết"));
    let pdf = engine().render(&inv, Format::Pdf).unwrap();
    assert!(pdf_text(&pdf.bytes).contains("Nguyễn Thị Ánh Tuyết"));
}

#[test]
fn a_500_character_name_wraps_instead_of_overflowing() {
    let long_words = "Trần Nguyễn Phạm Lê ".repeat(25);
    let one_word = "Ư".repeat(500);
    for (ho, ten) in [(long_words.trim(), "Bình"), ("Lê", one_word.as_str())] {
        let c = congress_with_guest(ho, "", ten);
        let inv = invitation(&c, 1);
        let pdf = engine().render(&inv, Format::Pdf).unwrap();
        assert!(pdf.pages.unwrap() <= 2, "{:?} pages", pdf.pages);
        // A word longer than the line is broken across lines: compare without spaces.
        let squeeze = |s: &str| s.split_whitespace().collect::<String>();
        assert!(squeeze(&pdf_text(&pdf.bytes)).contains(&squeeze(ten)));
        let docx = engine().render(&inv, Format::Docx).unwrap();
        roxmltree::Document::parse(&docx_part(&docx.bytes, "word/document.xml").unwrap()).unwrap();
    }
}

#[test]
fn a_glyph_the_font_lacks_is_reported_by_name_and_the_other_guests_are_written() {
    let c = congress_with_guest("Nguyễn", "Văn", "An 中");
    let items = engine()
        .render_kind(&c, DocumentKind::Invitation, &[Format::Pdf])
        .unwrap();
    let err = items[1].result.as_ref().unwrap_err();
    let msg = err.to_string();
    assert!(msg.contains("guests[1].name.ten"), "{msg}");
    assert!(msg.contains("'中' (U+4E2D)"), "{msg}");
    assert!(
        msg.contains("Nguyễn Văn An 中"),
        "the guest is named: {msg}"
    );
    assert_eq!(
        items.iter().filter(|i| i.result.is_ok()).count(),
        c.guests.len() - 1
    );
}

#[test]
fn malformed_json_names_line_and_column() {
    let err = daihoi::load_congress("{\n  \"kind\": \"delegates\",\n  oops\n}").unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Json);
    let msg = err.to_string();
    assert!(msg.contains("line 3"), "{msg}");
}

#[test]
fn a_missing_field_is_named_with_its_path() {
    let text = sample_text().replace("\"ten\": \"Duyên\"", "\"tên\": \"Duyên\"");
    let err = daihoi::load_congress(&text).unwrap_err();
    let msg = err.to_string();
    assert!(msg.contains("guests[0].name"), "{msg}");
    assert!(msg.contains("tên") || msg.contains("ten"), "{msg}");
}

#[test]
fn ten_thousand_guests_are_numbered_without_collision() {
    let mut c = sample();
    let g = c.guests[0].clone();
    c.guests = (0..10_000).map(|_| g.clone()).collect();
    c.guests[5].number = Some(3);
    c.guests[6].number = Some(3);
    assert!(daihoi::validate(&c)
        .iter()
        .any(|d| d.path == "guests[6].number"));
    c.guests[6].number = None;
    c.guests[5].number = Some(20_000);
    assert!(
        daihoi::validate(&c).is_empty(),
        "{:?}",
        daihoi::validate(&c)
    );
    let numbers: Vec<String> = DocumentKind::Invitation
        .papers(&c)
        .unwrap()
        .iter()
        .map(|p| p.meta().number.clone().unwrap())
        .collect();
    let unique: std::collections::BTreeSet<_> = numbers.iter().collect();
    assert_eq!(unique.len(), 10_000);
}

#[test]
fn markup_and_long_text_in_the_proceedings_print_literally_across_the_pack() {
    let mut c = sample();
    let p = c.proceedings.as_mut().unwrap();
    p.reports[0].title = "Báo cáo <b>chính trị</b> & {{x}} \"khoá\" 'XXIII'".into();
    p.discussion[0].summary = "Ý kiến rất dài, ".repeat(60);
    let pack = engine()
        .pack(&c, &[daihoi::Format::Docx, daihoi::Format::Pdf])
        .expect("the pack is made");
    let minutes = paper_of(&c, DocumentKind::CongressMinutes, About::Congress);
    let text = engine().render_tree(&minutes).unwrap().plain_text();
    assert!(text.contains("Báo cáo <b>chính trị</b> & {{x}} \"khoá\" 'XXIII'"));
    for d in &pack.documents {
        for f in &d.files {
            if f.format == daihoi::Format::Docx {
                let xml = docx_part(&f.bytes, "word/document.xml").unwrap();
                roxmltree::Document::parse(&xml).expect("document.xml stays valid XML");
            }
        }
    }
}

#[test]
fn a_bad_name_stops_every_paper_that_prints_it_naming_the_field_of_the_file() {
    // Đoàn Kết's first guest directs the congress: the report to the superior names him too.
    // Whichever paper his name stops, the problem is named where the file has it, never by a
    // path of the paper's own view ("superiors[0].name").
    let text = std::fs::read_to_string(root().join("examples/data/doan-ket-2020.json"))
        .unwrap()
        .replacen("\"Thắng\"", "\"Thắ\\u0007ng\"", 1);
    let c = daihoi::load_congress(&text).unwrap();
    let mut stopped = Vec::new();
    for &kind in DocumentKind::ALL {
        let items = match engine().render_kind(&c, kind, &[Format::Pdf]) {
            Ok(items) => items,
            Err(e) => {
                stopped.push(kind);
                for d in e.diagnostics() {
                    assert_eq!(d.path.to_string(), "guests[0].name.ten", "{kind:?}: {d}");
                }
                continue;
            }
        };
        for item in items {
            if let Err(e) = item.result {
                stopped.push(kind);
                for d in e.diagnostics() {
                    assert_eq!(d.path.to_string(), "guests[0].name.ten", "{kind:?}: {d}");
                }
            }
        }
    }
    for kind in [DocumentKind::Invitation, DocumentKind::ResultsReport] {
        assert!(stopped.contains(&kind), "{kind:?}: {stopped:?}");
    }
}
