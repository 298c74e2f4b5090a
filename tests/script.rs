//! Kịch bản điều hành đại hội: the presidium's script, generated from the congress data — every
//! step in agenda order, who speaks, and the words with the real names and figures.

mod common;

use common::*;
use daihoi::congress::{Membership, OrgKind, SessionKind};
use daihoi::rules::CongressKind;
use daihoi::tree::write_tree;
use daihoi::{About, Congress, DocumentKind, Format, Paper};

fn script_of(c: &Congress) -> Paper {
    match DocumentKind::Script.paper(c, About::Congress) {
        Ok(p) => p,
        Err(e) => panic!("{e}"),
    }
}

fn text_of(c: &Congress) -> String {
    common::text_of(&script_of(c))
}

fn assert_in_order(text: &str, parts: &[&str]) {
    let mut at = 0;
    for p in parts {
        match text[at..].find(p) {
            Some(i) => at += i + p.len(),
            None => panic!("{p:?} missing or out of order after char {at} in\n{text}"),
        }
    }
}

/// The sample as a cell's half-day members' congress: no preparatory session, no credentials
/// committee, one chair and one clerk, the membership given.
fn members_congress() -> Congress {
    let mut c = sample();
    c.kind = CongressKind::Members;
    c.organisation.kind = OrgKind::AffiliatedCell;
    // A cell under a đảng uỷ: the 2020 half term, and one phó bí thư (SPEC §2.1, §2.2 "Cells").
    c.term.end = 2022;
    c.elections
        .retain(|e| e.office != daihoi::rules::Office::DeputySecretary);
    c.sessions.retain(|s| s.kind == SessionKind::Official);
    let p = c.proceedings.as_mut().unwrap();
    p.credentials_committee.clear();
    // The sample's agenda has a preparatory session: use the standard order instead.
    p.agenda = None;
    p.presidium.truncate(1);
    p.secretariat.truncate(1);
    p.attendance.membership = Some(Membership {
        total: 125,
        exempt: 5,
        full: 120,
        probationary: 5,
    });
    // The probationary members are not among those present: everyone present votes.
    p.attendance.probationary_present = Some(0);
    c
}

#[test]
fn golden_tree_of_the_sample_script() {
    let docs = DocumentKind::Script.papers(&sample()).unwrap();
    assert_eq!(docs.len(), 1, "one script per congress with proceedings");
    let tree = engine().render_tree(&docs[0]).unwrap();
    insta::assert_snapshot!("script_tree", write_tree(&tree));
}

#[test]
fn no_proceedings_no_script() {
    let mut c = sample();
    c.proceedings = None;
    assert!(DocumentKind::Script.papers(&c).unwrap().is_empty());
    let err = DocumentKind::Script.paper(&c, About::Congress).unwrap_err();
    assert!(err.to_string().contains("no script"), "{err}");
}

#[test]
fn the_script_reads_the_attendance_guests_and_working_bodies() {
    let text = text_of(&sample());
    common::assert_contains_all(
        &text,
        &[
            "KỊCH BẢN ĐIỀU HÀNH ĐẠI HỘI",
            "Đại hội đại biểu Đảng bộ phường Bạch Mai lần thứ XXIV, nhiệm kỳ 2020 – 2025",
            "PHIÊN TRÙ BỊ — Chiều ngày 18/3/2020",
            "PHIÊN CHÍNH THỨC — Sáng ngày 19/3/2020",
            "Người dẫn chương trình (đồng chí Đỗ Thị Minh Thư):",
            "Đồng chí Lê Thành Vinh (Đoàn Chủ tịch):",
            "Tổng số đại biểu chính thức được triệu tập: 120 (một trăm hai mươi) đồng chí. Có mặt: 118 (một trăm mười tám) đồng chí; vắng mặt: 2 (hai) đồng chí (1 đồng chí ốm, điều trị tại bệnh viện, có đơn xin vắng mặt; 1 đồng chí đi công tác theo quyết định của cơ quan).",
            "Đi vào Đại hội, xin kính mời các đồng chí lãnh đạo, quý đại biểu và toàn thể các đồng chí đứng lên làm lễ chào cờ.",
            "(Máy hát Quốc ca và Quốc tế ca)",
            "Đoàn Chủ tịch Đại hội gồm 5 (năm) đồng chí",
            "Đồng chí Cao Thị Ngọc Lan – Công chức Văn phòng – Thống kê phường",
            "Ban Thẩm tra tư cách đại biểu gồm 5 (năm) đồng chí",
            "Đồng chí Ngô Thị Thuỷ – Chủ nhiệm Uỷ ban Kiểm tra Đảng uỷ phường",
            "Trưởng Ban Thẩm tra tư cách đại biểu (đồng chí Ngô Thị Thuỷ):",
            "Kết quả biểu quyết: 118/118 đồng chí tán thành, đạt 100,00%.",
            "trình bày Báo cáo chính trị của Ban Chấp hành Đảng bộ phường khoá XXIII trình Đại hội",
            "Xin mời đồng chí Trịnh Thị Hương chuẩn bị.",
            "Đại hội vinh dự được nghe đồng chí Đinh Thị Lan Duyên, Phó Bí thư Thường trực Quận uỷ Hai Bà Trưng phát biểu chỉ đạo Đại hội.",
            "Đồng chí Cao Thị Ngọc Lan (Đoàn Thư ký):",
            "Như vậy, Đại hội đã thông qua Nghị quyết Đại hội đại biểu Đảng bộ phường Bạch Mai lần thứ XXIV, nhiệm kỳ 2020 – 2025 (Nghị quyết số 15-NQ/ĐH).",
            "Tôi xin tuyên bố bế mạc",
            // The base announced with the result says why it is not the number convened.
            "làm căn cứ tính kết quả: 118 (một trăm mười tám) đồng chí (tổng số được triệu tập 120, trừ 2 đại biểu chính thức vắng mặt có lý do chính đáng được cấp uỷ đồng ý)",
        ],
    );
    let c = sample();
    for g in &c.guests {
        let line = format!("Đồng chí {} – {}", g.name.full(), g.title);
        assert!(text.contains(&line), "guest {line:?} missing");
    }
    // Working bodies and rules in the preparatory session; the flag salute opens the official one.
    assert_in_order(
        &text,
        &[
            "PHIÊN TRÙ BỊ",
            "BẦU ĐOÀN CHỦ TỊCH, ĐOÀN THƯ KÝ, BAN THẨM TRA TƯ CÁCH ĐẠI BIỂU",
            "THÔNG QUA CHƯƠNG TRÌNH",
            "PHIÊN CHÍNH THỨC",
            "ĐÓN TIẾP ĐẠI BIỂU",
            "CHÀO CỜ",
            "KHAI MẠC ĐẠI HỘI",
            "BÁO CÁO THẨM TRA TƯ CÁCH ĐẠI BIỂU",
            "THẢO LUẬN, THAM LUẬN",
            "BẦU BAN CHẤP HÀNH",
            "BẦU ĐẠI BIỂU DỰ",
            "HỘI NGHỊ LẦN THỨ NHẤT BAN CHẤP HÀNH",
            "BAN CHẤP HÀNH KHOÁ MỚI RA MẮT ĐẠI HỘI",
            "THÔNG QUA NGHỊ QUYẾT",
            "BẾ MẠC ĐẠI HỘI",
        ],
    );
}

#[test]
fn each_election_announces_the_tally_in_order_with_its_minutes() {
    let text = text_of(&sample());
    // The executive committee: the ballot in A, B, C order, the elected by votes, the tie
    // re-balloted, then the second round's result — each citing its minutes.
    assert_in_order(
        &text,
        &[
            "Danh sách bầu cử Ban Chấp hành Đảng bộ phường Bạch Mai, nhiệm kỳ 2020 – 2025 gồm 18 (mười tám) đồng chí",
            "1. Đồng chí Phan Thị Mai Anh;",
            "18. Đồng chí Lê Thành Vinh.",
            "số dư: 3 (ba) đồng chí",
            "1. Đồng chí Nguyễn Thị Thu Trang – Trưởng ban;",
            "Trưởng Ban kiểm phiếu (đồng chí Nguyễn Thị Thu Trang):",
            "Quyết định số 244-QĐ/TW",
            "theo Biên bản kiểm phiếu số 05-BB/ĐH",
            "số phiếu hợp lệ: 116 (một trăm mười sáu) phiếu",
            "1. Đồng chí Lê Thành Vinh: 115 phiếu, đạt 97,46%;",
            "2. Đồng chí Nguyễn Thị Thu Hà: 112 phiếu, đạt 94,92%;",
            "14. Đồng chí Đinh Công Sơn: 85 phiếu, đạt 72,03%.",
            "Các đồng chí Cao Thị Ngọc Lan, Tạ Quang Minh cùng đạt 70 phiếu (59,32%)",
            "để chọn 1 (một) đồng chí",
            "Bầu lần thứ hai",
            "1. Đồng chí Cao Thị Ngọc Lan; 2. Đồng chí Tạ Quang Minh.",
            "theo Biên bản kiểm phiếu số 06-BB/ĐH",
            "Đồng chí Cao Thị Ngọc Lan trúng cử Ban Chấp hành Đảng bộ phường Bạch Mai, nhiệm kỳ 2020 – 2025 với 64 phiếu, đạt 54,24%.",
            "Đại hội đã bầu đủ 15 (mười lăm) đồng chí Ban Chấp hành",
            // The delegates: allotted, not voted; the same counting committee carries on.
            "Theo phân bổ của cấp uỷ cấp trên, Đại hội bầu 8 (tám) đồng chí đại biểu dự",
            "Ban kiểm phiếu đã được Đại hội bầu tiếp tục làm nhiệm vụ",
            "theo Biên bản kiểm phiếu số 07-BB/ĐH",
            "1. Đồng chí Lê Thành Vinh: 112 phiếu, đạt 94,92%;",
            "Số đồng chí trúng cử còn thiếu 1 (một) đồng chí",
            "Bầu lần thứ hai",
            "1. Đồng chí Trịnh Thị Hương; 2. Đồng chí Trịnh Quang Sơn.",
            "theo Biên bản kiểm phiếu số 08-BB/ĐH",
            "(1 phiếu gạch tên cả hai đồng chí)",
            "Đồng chí Trịnh Thị Hương trúng cử đại biểu dự",
            "Đại hội đã bầu đủ 8 (tám) đồng chí đại biểu dự",
        ],
    );
}

#[test]
fn health_measures_are_read_when_recorded_and_never_otherwise() {
    let text = text_of(&sample());
    assert!(
        text.contains("thực hiện: đo thân nhiệt; sát khuẩn tay; đeo khẩu trang trong hội trường."),
        "{text}"
    );
    let mut c = sample();
    c.proceedings.as_mut().unwrap().health_measures.clear();
    let text = text_of(&c);
    for absent in [
        "thân nhiệt",
        "sát khuẩn",
        "Để bảo đảm sức khoẻ",
        "khẩu trang",
    ] {
        assert!(!text.contains(absent), "{absent:?} in\n{text}");
    }
}

#[test]
fn a_members_congress_without_preparatory_session_elects_its_chair_after_the_flag() {
    let c = members_congress();
    let text = text_of(&c);
    assert!(!text.contains("PHIÊN TRÙ BỊ"), "{text}");
    assert!(!text.contains("đại biểu chính thức"), "{text}");
    assert!(!text.contains("Ban Thẩm tra"), "{text}");
    common::assert_contains_all(
        &text,
        &[
            "Tổng số đảng viên trong Chi bộ: 125 (một trăm hai mươi lăm) đồng chí; miễn sinh hoạt: 5 đồng chí; đảng viên chính thức: 120 đồng chí, dự bị: 5 đồng chí.",
            "Có mặt: 118 (một trăm mười tám) đồng chí, vắng: 2 (hai) đồng chí",
            "Chủ tịch Đại hội: đồng chí Lê Thành Vinh, Bí thư Đảng uỷ, Chủ tịch Uỷ ban nhân dân phường.",
            "Thư ký Đại hội: đồng chí Cao Thị Ngọc Lan",
            "Chủ tịch Đại hội (đồng chí Lê Thành Vinh):",
            "Tổng số đảng viên chính thức được triệu tập",
            "các đồng chí đảng viên",
        ],
    );
    assert_in_order(
        &text,
        &[
            "CHÀO CỜ",
            "BẦU CHỦ TỊCH, THƯ KÝ ĐẠI HỘI",
            "THÔNG QUA CHƯƠNG TRÌNH",
            "KHAI MẠC ĐẠI HỘI",
            "BÁO CÁO TÌNH HÌNH ĐẢNG VIÊN DỰ ĐẠI HỘI",
        ],
    );
    for format in [Format::Docx, Format::Pdf] {
        engine().render(&script_of(&c), format).unwrap();
    }
}

#[test]
fn the_agenda_can_name_who_does_an_item() {
    let mut c = sample();
    let mut agenda = c.agenda();
    agenda[1].items[1].performer = Some("Đồng chí Nguyễn Văn Long".into());
    c.proceedings.as_mut().unwrap().agenda = Some(agenda);
    let text = text_of(&c);
    assert!(
        text.contains("KIỂM TRA QUÂN SỐ, ỔN ĐỊNH TỔ CHỨC (7h55’) Đồng chí Nguyễn Văn Long:"),
        "{text}"
    );
}

#[test]
fn a_bad_script_reports_every_problem_with_its_path() {
    let mut c = sample();
    let p = c.proceedings.as_mut().unwrap();
    p.presidium.clear();
    p.resolution.vote.agree = 200;
    c.elections[0].rounds[0].ballots.valid = 500;
    let err = DocumentKind::Script.papers(&c).unwrap_err();
    let paths: Vec<String> = err
        .diagnostics()
        .iter()
        .map(|d| d.path.to_string())
        .collect();
    for p in [
        "proceedings.presidium",
        "proceedings.resolution.vote",
        "elections[0].rounds[0].ballots",
    ] {
        assert!(
            paths.iter().any(|x| x.starts_with(p)),
            "{p} not in {paths:?}"
        );
    }
}

#[test]
fn the_script_renders_to_docx_and_pdf() {
    let doc = script_of(&sample());
    let docx = engine().render(&doc, Format::Docx).unwrap();
    assert!(docx_part(&docx.bytes, "word/document.xml")
        .unwrap()
        .contains("KỊCH BẢN ĐIỀU HÀNH ĐẠI HỘI"));
    let pdf = engine().render(&doc, Format::Pdf).unwrap();
    assert!(pdf.bytes.starts_with(b"%PDF"));
    assert_eq!(doc.meta().kind, DocumentKind::Script);
    assert_eq!(
        DocumentKind::from_name("script"),
        Some(DocumentKind::Script)
    );
}

fn cell() -> Congress {
    let text = std::fs::read_to_string(root().join("examples/data/doan-ket-2020.json")).unwrap();
    daihoi::load_congress(&text).unwrap()
}

/// The 2027 sample: a ward's residential cell under the 2025 rules.
fn ward_cell_2027() -> Congress {
    let text =
        std::fs::read_to_string(root().join("examples/data/bach-mai-tdp12-2027.json")).unwrap();
    daihoi::load_congress(&text).unwrap()
}

/// The part of `text` from `from` up to `to` (or the end).
fn between<'a>(text: &'a str, from: &str, to: &str) -> &'a str {
    let start = text
        .find(from)
        .unwrap_or_else(|| panic!("{from:?} not in\n{text}"));
    let rest = &text[start..];
    match rest[from.len()..].find(to) {
        Some(end) => &rest[..from.len() + end],
        None => rest,
    }
}

#[test]
fn the_script_speaks_as_the_papers_of_issue_10_ask() {
    let ward = text_of(&sample());
    // The personnel proposal is read for the outgoing committee, not for the presidium.
    assert!(
        ward.contains("Thay mặt Ban Chấp hành Đảng bộ phường Bạch Mai khoá XXIII, tôi xin trình bày Đề án nhân sự Ban Chấp hành"),
        "{ward}"
    );
    let mut unnumbered = sample();
    unnumbered.ordinal = None;
    assert!(text_of(&unnumbered)
        .contains("Thay mặt Ban Chấp hành Đảng bộ phường Bạch Mai khoá trước, tôi"));
    // The rules read aloud: striking every name on a list with surplus spoils the ballot.
    assert!(ward.contains(
        "Phiếu gạch tên tất cả những người trong danh sách bầu cử có số dư là phiếu không hợp lệ."
    ));
    // The morning's heading does not cover the afternoon.
    assert_in_order(
        &ward,
        &[
            "PHIÊN CHÍNH THỨC — Sáng ngày 19/3/2020",
            "PHÁT BIỂU CHỈ ĐẠO",
            "Chiều ngày 19/3/2020",
            "BẦU BAN CHẤP HÀNH",
        ],
    );
    // The attendance is read once, in the credentials report; no stub lines; one spelling.
    assert_eq!(
        ward.matches("Có mặt: 118 (một trăm mười tám) đồng chí")
            .count(),
        1,
        "{ward}"
    );
    assert!(
        !ward.contains("Thực hiện theo chương trình") && !ward.contains("quí"),
        "{ward}"
    );
    assert!(ward.contains("Đại hội nghỉ giải lao 15 phút."), "{ward}");
    // The credentials report is adopted by show of hands.
    assert!(
        ward.contains(
            "Như vậy, Đại hội đã thông qua Báo cáo thẩm tra tư cách đại biểu (số 04-BC/ĐH)."
        ),
        "{ward}"
    );

    let c = text_of(&cell());
    // A cell's congress has no presidium: its chair and clerk speak for themselves.
    assert!(
        !c.contains("Đoàn Chủ tịch") && !c.contains("Thay mặt Chủ tịch Đại hội"),
        "{c}"
    );
    assert!(
        c.contains("Thay mặt Chi uỷ khoá trước, tôi xin trình bày Đề án nhân sự Chi uỷ"),
        "{c}"
    );
    assert!(c.contains("Tôi xin tuyên bố khai mạc"), "{c}");
    // No vote on the number of one office; one winner is named alone.
    let secretary = between(&c, "BẦU BÍ THƯ", "BẦU ĐẠI BIỂU");
    assert!(!secretary.contains("Biểu quyết số lượng"), "{secretary}");
    assert!(secretary.contains("Đồng chí Nguyễn Thị Minh Nguyệt trúng cử Bí thư Chi bộ Trường THPT Đoàn Kết - Hai Bà Trưng, nhiệm kỳ 2020 – 2025 với 23 phiếu, đạt 95,83%."), "{secretary}");
    assert!(!secretary.contains("Các đồng chí trúng cử"), "{secretary}");
    // Shows of hands at a members' congress count the full members present.
    assert!(
        between(&c, "BẦU CHI UỶ", "BẦU BÍ THƯ")
            .contains("Kết quả biểu quyết: 24/24 đảng viên chính thức có mặt tán thành"),
        "{c}"
    );
}

#[test]
fn the_new_committee_holds_its_first_session_and_presents_itself() {
    let ward = text_of(&sample());
    let session = between(
        &ward,
        "HỘI NGHỊ LẦN THỨ NHẤT BAN CHẤP HÀNH",
        "RA MẮT ĐẠI HỘI",
    );
    assert_in_order(
        session,
        &[
            "Xin mời các đồng chí trong Ban Chấp hành khoá mới sang phòng họp",
            "Đồng chí Lê Thành Vinh (triệu tập viên Hội nghị):",
            "tôi triệu tập và khai mạc Hội nghị lần thứ nhất Ban Chấp hành Đảng bộ phường Bạch Mai, nhiệm kỳ 2020 – 2025, điều hành Hội nghị cho đến khi Hội nghị bầu xong Đoàn Chủ tịch Hội nghị. Hội nghị có mặt 15/15 đồng chí uỷ viên Ban Chấp hành.",
            // QĐ 29-QĐ/TW mục 15.1: the session elects its chair by show of hands first.
            "Bầu Đoàn Chủ tịch, Thư ký Hội nghị",
            "Đoàn Chủ tịch Hội nghị gồm 3 (ba) đồng chí: Lê Thành Vinh, Nguyễn Thị Thu Hà, Trần Quang Huy; đồng chí Hoàng Thị Dung làm Thư ký Hội nghị.",
            "Kết quả biểu quyết: 15/15 đồng chí tán thành, đạt 100,00%. Xin mời Đoàn Chủ tịch Hội nghị lên vị trí làm việc; tôi xin thay mặt Đoàn Chủ tịch điều hành Hội nghị.",
            "Hội nghị tiến hành bầu Ban Thường vụ Đảng uỷ phường Bạch Mai, nhiệm kỳ 2020 – 2025.",
            "Kết quả biểu quyết: 15/15 đồng chí tán thành, đạt 100,00%. Hội nghị đã thống nhất số lượng cần bầu là 5 (năm) đồng chí.",
            "Đoàn Chủ tịch đề nghị Ban kiểm phiếu gồm 3 (ba) đồng chí:",
            // The vote electing the Ban kiểm phiếu has its figure, as every show of hands.
            "Kết quả biểu quyết: 15/15 đồng chí tán thành, đạt 100,00%. Xin mời Ban kiểm phiếu lên làm việc.",
            "(Ban kiểm phiếu kiểm phiếu tại phòng riêng; Hội nghị chờ kết quả kiểm phiếu)",
            "theo Biên bản kiểm phiếu số 09-BB/ĐH",
            "Tổng số uỷ viên Ban Chấp hành được triệu tập: 15 (mười lăm) đồng chí",
            "Hội nghị tiến hành bầu Bí thư Đảng uỷ phường Bạch Mai",
            "Đồng chí Lê Thành Vinh trúng cử Bí thư Đảng uỷ phường Bạch Mai, nhiệm kỳ 2020 – 2025 với 15 phiếu, đạt 100,00%.",
            "Hội nghị tiến hành bầu Chủ nhiệm Uỷ ban Kiểm tra",
            "Hội nghị lần thứ nhất Ban Chấp hành Đảng bộ phường Bạch Mai, nhiệm kỳ 2020 – 2025 đã hoàn thành chương trình.",
        ],
    );
    // An office of one is not voted on in number at the first session either.
    let secretary = between(
        session,
        "Hội nghị tiến hành bầu Bí thư",
        "Hội nghị tiến hành bầu Phó Bí thư",
    );
    assert!(!secretary.contains("Biểu quyết số lượng"), "{secretary}");
    assert_in_order(
        &ward,
        &[
            "BAN CHẤP HÀNH KHOÁ MỚI RA MẮT ĐẠI HỘI",
            "Tôi xin báo cáo kết quả Hội nghị lần thứ nhất",
            "– Bí thư Đảng uỷ phường Bạch Mai, nhiệm kỳ 2020 – 2025: đồng chí Lê Thành Vinh;",
            "Xin trân trọng kính mời 15 (mười lăm) đồng chí Ban Chấp hành khoá mới lên ra mắt Đại hội.",
            "Thay mặt Ban Chấp hành khoá mới, tôi xin phát biểu nhận nhiệm vụ.",
        ],
    );
}

/// The count committee reads every candidate's result, not only the elected: a round with no
/// one elected still says how far the candidate fell short (SPEC §6.3), and the others follow
/// the elected, most votes first.
#[test]
fn the_results_read_aloud_give_the_votes_of_those_not_elected() {
    let text = text_of(&common::sample());
    assert_in_order(
        &text,
        &[
            "Các đồng chí trúng cử",
            "Số phiếu bầu của các đồng chí không trúng cử:",
            "Đồng chí Hoàng Văn Thịnh: 48 phiếu, đạt 40,68%;",
            "Đồng chí Phan Thị Mai Anh: 40 phiếu, đạt 33,90%.",
            "Các đồng chí Cao Thị Ngọc Lan, Tạ Quang Minh cùng đạt 70 phiếu (59,32%) ở vị trí cuối cùng",
        ],
    );
    // Those tied at the cut-off go to the re-ballot: they are not read as not elected (the
    // clerk's read: Cao Thị Ngọc Lan was declared not elected, then won the second ballot).
    assert!(
        !text.contains("Đồng chí Cao Thị Ngọc Lan: 70 phiếu"),
        "{text}"
    );
    let cell = ward_cell_2027();
    assert_in_order(
        &text_of(&cell),
        &[
            "Không có đồng chí nào trúng cử trong lần bầu này.",
            "Số phiếu bầu của đồng chí không trúng cử:",
            "Đồng chí Lê Minh Tuấn: 9 phiếu, đạt 47,37%.",
        ],
    );
}

/// SPEC §4.5 and §6.4: nominations from the floor, then the show of hands admitting each name
/// (the minutes record it: "Đại hội đã biểu quyết đưa vào danh sách bầu cử: …"), then the list
/// read and adopted, then the Ban kiểm phiếu and the ballots — in the script as in the minutes.
/// The member of the presidium who runs the block is not one of the names put forward: Vũ Văn
/// Dũng, nominated from the floor, does not announce his own nomination (the clerk's read of
/// the Bạch Mai script).
#[test]
fn the_congress_votes_the_floor_nominees_onto_the_list_before_adopting_it() {
    let text = text_of(&sample());
    assert_in_order(
        &text,
        &[
            "16. BẦU BAN CHẤP HÀNH ĐẢNG BỘ PHƯỜNG BẠCH MAI",
            "Đồng chí Nguyễn Thị Thu Hà (Đoàn Chủ tịch):",
            "– Ứng cử, đề cử",
            "(Đại hội ứng cử, đề cử)",
            "Tại Đại hội có 3 (ba) đồng chí ứng cử, được đề cử: đồng chí Vũ Văn Dũng (do đồng chí Lê Thành Vinh đề cử);",
            "– Biểu quyết đưa vào danh sách bầu cử",
            "khi được hơn 30% số đại biểu chính thức có mặt đồng ý",
            "(Đại hội biểu quyết)",
            "Kết quả biểu quyết: đồng chí Vũ Văn Dũng được 81/118 đại biểu chính thức có mặt đồng ý, đạt 68,64%;",
            "Các đồng chí trên được đưa vào danh sách bầu cử.",
            "– Danh sách bầu cử",
            "Đồng chí nào nhất trí với danh sách bầu cử gồm 18 đồng chí như trên",
            "– Ban kiểm phiếu",
            "– Thể lệ bầu cử",
        ],
    );
    let block = &text[text.find("16. BẦU BAN CHẤP HÀNH").unwrap()..];
    let block = &block[..block.find("– Thể lệ bầu cử").unwrap()];
    assert!(
        !block.contains("Đồng chí Vũ Văn Dũng (Đoàn Chủ tịch):"),
        "{block}"
    );
    // The minutes tell the same steps in the same order.
    let minutes = common::text_of(&paper_of(
        &sample(),
        DocumentKind::CongressMinutes,
        About::Congress,
    ));
    assert_in_order(
        &minutes,
        &[
            "1. Bầu Ban Chấp hành Đảng bộ phường Bạch Mai",
            "Tại Đại hội có 2 đồng chí được đề cử",
            "Đại hội đã biểu quyết đưa vào danh sách bầu cử: đồng chí Vũ Văn Dũng được 81/118",
            "Đại hội đã thông qua danh sách bầu cử gồm 18 (mười tám) đồng chí",
            "Đại hội đã bầu Ban kiểm phiếu gồm: Nguyễn Thị Thu Trang (Trưởng ban)",
            "Bầu lần thứ nhất",
        ],
    );
}

/// A name withdrawn before the first ballot is announced where the names added are: the step of
/// the show of hands on the names put forward does not take its place.
#[test]
fn a_withdrawal_before_the_first_ballot_is_read_before_the_list() {
    let mut value: serde_json::Value = serde_json::from_str(&sample_text()).unwrap();
    let round = &mut value["elections"][1]["rounds"][0];
    let Some(serde_json::Value::Array(candidates)) = round.get_mut("candidates") else {
        panic!("the delegates' first round has candidates");
    };
    let gone = candidates.pop().unwrap();
    round["withdrawals"] = serde_json::json!([{
        "name": gone["name"],
        "reason": "xin rút khỏi danh sách bầu cử vì lý do sức khoẻ, được Đại hội đồng ý",
        "vote": { "agree": 110, "against": 8 }
    }]);
    let congress = daihoi::load_congress(&value.to_string()).unwrap();
    let text = text_of(&congress);
    let block = &text[text.find("BẦU ĐẠI BIỂU").unwrap()..];
    assert_in_order(
        block,
        &[
            "(Đại hội ứng cử, đề cử)",
            "Đồng chí Lê Thành Vinh xin rút khỏi danh sách bầu cử vì lý do sức khoẻ, được Đại hội đồng ý (110/118 đại biểu chính thức có mặt tán thành, đạt 93,22%).",
            "– Danh sách bầu cử",
        ],
    );
}

/// Under the 2025 rules the Ban kiểm phiếu counts the secret opinion vote on the names put
/// forward: the script and the minutes both give the nominations, then the Ban kiểm phiếu, then
/// that vote (the clerk's read: the 2027 minutes put the Ban kiểm phiếu first and did not say
/// who nominated Hoàng Văn Nam).
#[test]
fn the_opinion_vote_is_told_in_the_same_order_by_the_script_and_the_minutes() {
    let cell = ward_cell_2027();
    assert_in_order(
        &text_of(&cell),
        &[
            "đồng chí Hoàng Văn Nam (do đồng chí Phạm Thị Lan đề cử)",
            "Ban kiểm phiếu",
            "Kết quả lấy ý kiến (Biên bản kiểm phiếu số 04-BB/ĐH)",
        ],
    );
    let minutes = common::text_of(&paper_of(
        &cell,
        DocumentKind::CongressMinutes,
        About::Congress,
    ));
    assert_in_order(
        &minutes,
        &[
            "Tại Đại hội có 1 (một) đồng chí ứng cử, được đề cử: đồng chí Hoàng Văn Nam (do đồng chí Phạm Thị Lan đề cử).",
            "Đại hội đã bầu Ban kiểm phiếu gồm: Ngô Thị Mai (Trưởng ban)",
            "Đại hội lấy ý kiến bằng phiếu kín về việc đưa vào danh sách bầu cử, theo Biên bản kiểm phiếu số 04-BB/ĐH",
        ],
    );
}

/// No one invites and thanks themself: a report whose presenter would run its step is run by
/// another member of the presidium; a chair alone presents it in the first person.
#[test]
fn whoever_presents_a_report_does_not_invite_themself() {
    // Đoàn Kết's chair alone presents the chi uỷ's review.
    let text = text_of(&cell());
    let step = between(&text, "BÁO CÁO KIỂM ĐIỂM CỦA CHI UỶ", "Xin cảm ơn");
    assert!(
        step.contains("Tiếp theo chương trình, tôi xin trình bày Báo cáo kiểm điểm của Chi uỷ"),
        "{step}"
    );
    assert!(
        !step.contains("kính mời đồng chí Nguyễn Thị Minh Nguyệt"),
        "{step}"
    );
    assert!(
        !text.contains("Xin cảm ơn đồng chí Nguyễn Thị Minh Nguyệt"),
        "{text}"
    );

    // Bạch Mai's review, presented by the member of the presidium who runs its step.
    let mut c = sample();
    let runner = "Vũ Văn Dũng";
    let invitation = "trình bày Báo cáo kiểm điểm sự lãnh đạo";
    // Who runs the step of the review: the name before the last "(Đoàn Chủ tịch):" above it.
    let runs = |text: &str| {
        let at = text
            .find(invitation)
            .unwrap_or_else(|| panic!("no review in\n{text}"));
        let role = text[..at].rfind(" (Đoàn Chủ tịch):").unwrap();
        let name = text[..role].rfind("Đồng chí ").unwrap() + "Đồng chí ".len();
        text[name..role].to_string()
    };
    assert_eq!(runs(&text_of(&c)), runner);
    let p = c.proceedings.as_mut().unwrap();
    let member = p
        .presidium
        .iter()
        .find(|x| x.name.full() == runner)
        .unwrap()
        .clone();
    p.reports[1].presenter = member;
    let after = text_of(&c);
    assert_ne!(runs(&after), runner, "{after}");
    assert!(
        after.contains(&format!("kính mời đồng chí {runner}")),
        "{after}"
    );
    assert!(
        after.contains(&format!("Xin cảm ơn đồng chí {runner}.")),
        "{after}"
    );
}
