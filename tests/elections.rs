//! Ballots and vote-count minutes: generated from the counts, in both formats.

mod common;

use common::*;
use daihoi::rules::{BallotCounts, Candidate};
use daihoi::tree::{self, mm, write_tree, Block};
use daihoi::vi::PersonName;
use daihoi::{Congress, DocumentKind, Format, Paper};

fn minutes(election: usize, r: usize) -> Paper {
    paper_of(
        &sample(),
        DocumentKind::VoteCountMinutes,
        round(election, r),
    )
}

fn ballot(c: &Congress, election: usize, r: usize) -> Paper {
    paper_of(c, DocumentKind::Ballot, round(election, r))
}

#[test]
fn golden_trees_of_the_sample_ballots_and_minutes() {
    let c = sample();
    for kind in [DocumentKind::Ballot, DocumentKind::VoteCountMinutes] {
        for (i, doc) in kind.papers(&c).unwrap().iter().enumerate() {
            let tree = engine().render_tree(doc).unwrap();
            insta::assert_snapshot!(format!("{}_{i}", kind.name()), write_tree(&tree));
        }
    }
}

#[test]
fn minutes_state_the_counts_with_words_and_the_denominator_with_its_parts() {
    let text = text_of(&minutes(0, 0));
    common::assert_contains_all(
        &text,
        &[
            "BIÊN BẢN KIỂM PHIẾU",
            "Bầu Ban Chấp hành Đảng bộ phường Bạch Mai, nhiệm kỳ 2020 – 2025",
            "Số 05-BB/ĐH", // 01 is the programme; 02–04 the standing orders, the rules, the credentials
            "Đại hội đã biểu quyết số lượng cần bầu là 15 (mười lăm) đồng chí.",
            "danh sách bầu cử gồm 18 (mười tám) đồng chí",
            "Tổng số đại biểu chính thức được triệu tập: 120 (một trăm hai mươi) đồng chí.",
            "Số phiếu hợp lệ: 116 (một trăm mười sáu) phiếu; số phiếu không hợp lệ: 2 (hai) phiếu (lý do: 2 phiếu bầu quá số lượng cần bầu).",
            "làm căn cứ tính kết quả bầu cử: 118 (một trăm mười tám) đồng chí (tổng số được triệu tập 120, trừ 2 đại biểu chính thức vắng mặt",
            "ít nhất 60 (sáu mươi) phiếu bầu",
            "Tỷ lệ % (so với đại biểu chính thức)",
            "1. Đồng chí Lê Thành Vinh: 115 (một trăm mười lăm) phiếu, đạt 97,46%.",
            "Các đồng chí Cao Thị Ngọc Lan, Tạ Quang Minh có số phiếu bằng nhau (70 phiếu, đạt 59,32%)",
            "bầu lại trong số các đồng chí này để chọn 1 (một) đồng chí",
            "Biên bản lập xong hồi 15 giờ 10 phút cùng ngày",
            "T/M BAN KIỂM PHIẾU TRƯỞNG BAN Nguyễn Thị Thu Trang",
        ],
    );
}

#[test]
fn the_second_round_takes_its_seats_from_the_first() {
    let text = text_of(&minutes(0, 1));
    assert!(
        text.contains("Số lượng còn thiếu cần bầu: 1 (một) đồng chí."),
        "the tie left one seat: {text}"
    );
    // One elected: said in the singular.
    assert!(
        text.contains("Đồng chí Cao Thị Ngọc Lan trúng cử Ban Chấp hành"),
        "{text}"
    );
    assert!(text.contains("(Bầu lần thứ hai)"), "{text}");
    assert!(text.contains("Cao Thị Ngọc Lan trúng cử Ban Chấp hành Đảng bộ phường Bạch Mai, nhiệm kỳ 2020 – 2025 với 64 (sáu mươi tư) phiếu, đạt 54,24%"), "{text}");
}

#[test]
fn a_shortfall_is_stated_and_sends_the_congress_to_a_further_round() {
    let text = text_of(&minutes(1, 0));
    assert!(
        text.contains("Số đồng chí trúng cử còn thiếu 1 (một) đồng chí so với số lượng cần bầu"),
        "{text}"
    );
    assert!(text.contains("việc bầu lần thứ hai"), "{text}");
    // Seven of eight seats are not "vừa đủ số lượng cần bầu"; nor are fourteen of fifteen with
    // a tie for the last; Đoàn Kết's chi uỷ, five of five, is.
    let opening = "(xếp theo thứ tự số phiếu bầu từ cao đến thấp, có số phiếu bầu quá một nửa";
    assert!(text.contains(opening) && !text.contains("vừa đủ"), "{text}");
    let tie = text_of(&minutes(0, 0));
    assert!(tie.contains(opening) && !tie.contains("vừa đủ"), "{tie}");
    let cell = std::fs::read_to_string(root().join("examples/data/doan-ket-2020.json")).unwrap();
    let cell = daihoi::load_congress(&cell).unwrap();
    let full = text_of(&paper_of(
        &cell,
        DocumentKind::VoteCountMinutes,
        round(0, 0),
    ));
    assert!(
        full.contains("thấp, vừa đủ số lượng cần bầu và có số phiếu"),
        "{full}"
    );
    assert!(
        text.contains("Số lượng đại biểu được cấp uỷ cấp trên phân bổ"),
        "{text}"
    );
}

#[test]
fn the_minutes_results_are_in_ballot_order_and_the_elected_by_votes() {
    let c = sample();
    let text = text_of(&minutes(0, 0));
    // Results table: ballot order.
    let first = text
        .find("1 Phan Thị Mai Anh 40 33,90% Không trúng cử (không quá bán)")
        .unwrap();
    let last = text.find("18 Lê Thành Vinh 115 97,46% Trúng cử").unwrap();
    assert!(first < last);
    // Elected list: by votes, highest first.
    let record = &c.elections[0].rounds[0];
    let top = record.candidates.iter().max_by_key(|x| x.votes).unwrap();
    assert_eq!(top.name.ten, "Vinh");
    let elected = text.find("Những đồng chí sau đây trúng cử").unwrap();
    assert!(
        text[elected..].contains("1. Đồng chí Lê Thành Vinh: 115"),
        "{text}"
    );
}

#[test]
fn inconsistent_counts_are_an_error_naming_the_count() {
    let mut c = sample();
    c.elections[0].rounds[0].ballots.returned = 119;
    let problems = c.validate();
    assert!(
        problems.iter().any(|d| d
            .path
            .to_string()
            .starts_with("elections[0].rounds[0].ballots")),
        "{problems:?}"
    );
    let err = DocumentKind::VoteCountMinutes.papers(&c).unwrap_err();
    assert!(
        err.to_string().contains("elections[0].rounds[0].ballots"),
        "{err}"
    );
    // The other election's papers are still made.
    if let Err(e) = DocumentKind::Ballot.paper(&c, round(1, 0)) {
        panic!("{e}");
    }
}

#[test]
fn ballots_list_names_by_given_name_then_family_then_middle() {
    let mut c = sample();
    let names = [
        ("Trần", "Thị", "Bình"),
        ("Lê", "Văn", "Bình"),
        ("Nguyễn", "Văn", "An"),
        ("Phạm", "Văn", "Đức"),
        ("Phạm", "Văn", "Dung"),
        ("Phạm", "Văn", "Dụng"),
        ("Phạm", "Văn", "Dùng"),
        ("Phạm", "Văn", "Dũng"),
    ];
    c.elections[0].rounds[0].candidates = names
        .iter()
        .map(|(h, d, t)| Candidate {
            name: PersonName::new(h, d, t),
            votes: 100,
            floor_nominee: None,
        })
        .collect();
    c.elections[0].seats = 8;
    // A list outside the personnel procedure (the procedure's own check is tested apart).
    c.personnel = None;
    c.elections[0].rounds.truncate(1);
    c.elections[0].list_votes.truncate(1);
    c.elections[0].rounds[0].ballots.invalid.clear();
    c.elections[0].rounds[0].ballots.valid = 118;
    let b = ballot(&c, 0, 0);
    let text = text_of(&b);
    let order: Vec<usize> = [
        "Nguyễn Văn An",
        "Lê Văn Bình",
        "Trần Thị Bình",
        "Phạm Văn Dung",
        "Phạm Văn Dùng",
        "Phạm Văn Dũng",
        "Phạm Văn Dụng",
        "Phạm Văn Đức",
    ]
    .iter()
    .map(|n| {
        text.find(n)
            .unwrap_or_else(|| panic!("{n} missing in {text}"))
    })
    .collect();
    assert!(order.windows(2).all(|w| w[0] < w[1]), "{text}");
    // No surplus: Đồng ý / Không đồng ý columns.
    assert!(text.contains("TT Họ và tên Đồng ý Không đồng ý"), "{text}");
}

#[test]
fn a_ballot_with_surplus_is_a_list_to_strike_through() {
    let b = ballot(&sample(), 0, 0);
    let text = text_of(&b);
    assert!(!text.contains("Đồng ý Không đồng ý"));
    assert!(text.contains("PHIẾU BẦU CỬ"));
    // The stamp goes at the upper left, on a blank place sized for a round stamp: no
    // placeholder text.
    assert!(!text.contains("Dấu của"), "{text}");
    let tree = engine().render_tree(&b).unwrap();
    let Some(Block::Table(header)) = tree.blocks.first() else {
        panic!("the ballot starts with its header")
    };
    let left = &header.rows[0].cells[0].blocks;
    assert!(
        matches!(left.as_slice(), [Block::Spacer(s)] if s.height >= mm(35.0)),
        "a blank place for a round stamp: {left:?}"
    );
    assert!(text.contains("gạch cả họ và tên"));
    assert!(text.contains("Bầu không quá 15 (mười lăm) đồng chí"));
}

/// The minutes of a delegates' election of 60 candidates for 40 seats.
fn sixty_candidates() -> Paper {
    let mut c = sample();
    let given = [
        "An", "Bình", "Cường", "Dung", "Hà", "Hải", "Lan", "Minh", "Nam", "Tâm",
    ];
    let family = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ"];
    let e = &mut c.elections[1];
    e.seats = 40;
    e.rounds.truncate(1);
    e.list_votes.truncate(1);
    let r = &mut e.rounds[0];
    r.candidates = (0..60)
        .map(|i| Candidate {
            name: PersonName::new(family[i % 6], "Xuân", given[i / 6]),
            votes: 100 - i as u32,
            floor_nominee: None,
        })
        .collect();
    r.ballots = BallotCounts {
        issued: 118,
        returned: 118,
        valid: 118,
        invalid: vec![],
    };
    paper_of(&c, DocumentKind::VoteCountMinutes, round(1, 0))
}

#[test]
fn a_sixty_candidate_election_splits_across_pages_with_the_header_row_repeated() {
    let m = sixty_candidates();
    let tree = engine().render_tree(&m).unwrap();
    let tables: Vec<&tree::Table> = tree
        .blocks
        .iter()
        .filter_map(|b| match b {
            tree::Block::Table(t) if t.borders => Some(t),
            _ => None,
        })
        .collect();
    assert_eq!(tables.len(), 2, "the list and the results");
    for t in &tables {
        assert_eq!(t.header_rows, 1);
        assert_eq!(t.rows.len(), 61);
        assert!(t.rows.iter().all(|r| r.cant_split));
    }
    let pdf = engine().render(&m, Format::Pdf).unwrap();
    assert!(pdf.pages.unwrap() >= 3, "{:?} pages", pdf.pages);
    let doc = lopdf::Document::load_mem(&pdf.bytes).unwrap();
    let pages: Vec<u32> = doc.get_pages().keys().copied().collect();
    for p in &pages[1..] {
        let text = doc.extract_text(&[*p]).unwrap();
        // Table rows name a candidate bare: the elected list has "Đồng chí" in front, the
        // list of those not elected "(57 phiếu, …)" after.
        let table_rows = text
            .match_indices(" Xuân ")
            .filter(|(i, m)| {
                let before = &text[..*i];
                let start = before.char_indices().rev().nth(20).map_or(0, |(k, _)| k);
                let after = &text[i + m.len()..];
                let after = after.split_once(' ').map_or("", |(_, rest)| rest);
                !before[start..].contains("chí") && !after.trim_start().starts_with('(')
            })
            .count();
        if table_rows > 0 {
            assert!(
                text.contains("Họ và tên"),
                "page {p} continues a table without its header row:\n{text}"
            );
        }
    }
    let docx = engine().render(&m, Format::Docx).unwrap();
    let xml = docx_part(&docx.bytes, "word/document.xml").unwrap();
    assert!(xml.matches("<w:tblHeader").count() >= 2);
    assert!(xml.matches("<w:cantSplit").count() >= 120);
}

#[test]
fn every_election_document_passes_the_real_clients() {
    let dir = scratch("elections-real-clients");
    let c = sample();
    let mut docs: Vec<Paper> = DocumentKind::Ballot.papers(&c).unwrap();
    docs.extend(DocumentKind::VoteCountMinutes.papers(&c).unwrap());
    docs.push(sixty_candidates());
    let mut docx_files = Vec::new();
    for (i, doc) in docs.iter().enumerate() {
        let tree = engine().render_tree(doc).unwrap();
        let stem = format!("{i:02}-{}", doc.meta().file_stem);
        let docx = engine().export_tree(&tree, Format::Docx).unwrap().bytes;
        let path = dir.join(format!("{stem}.docx"));
        std::fs::write(&path, docx).unwrap();
        docx_files.push(path);
        let pdf = engine().export_tree(&tree, Format::Pdf).unwrap();
        let path = dir.join(format!("{stem}.pdf"));
        std::fs::write(&path, pdf.bytes).unwrap();
        check_pdf_with_tools(&path, &tree.plain_text());
    }
    if let Some(pdfs) = libreoffice_convert(&docx_files, &dir.join("lo")) {
        assert_eq!(pdfs.len(), docx_files.len());
    }
}

#[test]
fn a_candidate_in_error_is_named_by_their_place_in_the_file_not_on_the_ballot() {
    // The first candidate of the file is Nguyễn Thị Thu Hà, sixth on the ballot ("vần A, B,
    // C": Anh, Cường, Dung, Dũng, Đông, Hà …).
    let mut c = sample();
    let first = &mut c.elections[0].rounds[0].candidates[0];
    assert_eq!(first.name.ten, "Hà");
    first.votes = 500;
    let paths: Vec<String> = daihoi::validate(&c)
        .iter()
        .map(|d| d.path.to_string())
        .collect();
    assert!(
        paths.contains(&"elections[0].rounds[0].candidates[0].votes".to_string()),
        "{paths:?}"
    );
    assert!(
        !paths.iter().any(|p| p.contains("candidates[5]")),
        "{paths:?}"
    );
}
