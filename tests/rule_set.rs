//! The 2025 rules (SPEC §2.2), each difference from the 2020 round a named test that quotes the
//! line it checks, on the third sample — the 2027 members' congress of the cell of Tổ dân phố số
//! 12, phường Bạch Mai, under the two-tier structure — and on the 2020 cell of Đoàn Kết.

mod common;

use common::*;
use daihoi::congress::{Appointment, DeputySigns, Nominations, Nominee, Origin};
use daihoi::rules::{BallotCounts, Exclusion, ExclusionCount, RuleSet};
use daihoi::vi::{respell_uy, UySpelling};
use daihoi::{About, Congress, DocumentKind};

const TDP12: &str = "examples/data/bach-mai-tdp12-2027.json";

fn load(path: &str) -> Congress {
    let text = std::fs::read_to_string(root().join(path)).unwrap();
    daihoi::load_congress(&text).unwrap()
}

fn tdp12() -> Congress {
    load(TDP12)
}

fn doan_ket() -> Congress {
    load("examples/data/doan-ket-2020.json")
}

fn problems(c: &Congress) -> Vec<String> {
    daihoi::validate(c).iter().map(|d| d.to_string()).collect()
}

fn has(list: &[String], path: &str, words: &str) -> bool {
    list.iter()
        .any(|p| p.starts_with(&format!("{path}: ")) && p.contains(words))
}

fn text(c: &Congress, kind: DocumentKind, about: About) -> String {
    text_of(&paper_of(c, kind, about))
}

#[test]
fn the_third_sample_is_consistent() {
    assert_eq!(problems(&tdp12()), Vec::<String>::new());
}

/// §2.2 "Citations in "Căn cứ" lines and the election rules: 190-QĐ/TW + 04-HD/TW, …, Quy định
/// 294-QĐ/TW … replace 244, 03-HD, … 29/24."
#[test]
fn the_cited_texts_are_those_of_the_rule_set() {
    let new = text(&tdp12(), DocumentKind::ElectionRules, About::Congress);
    for cited in [
        "Căn cứ Quy định số 294-QĐ/TW ngày 26/5/2025",
        "Quyết định số 190-QĐ/TW ngày 10/10/2024",
        "Hướng dẫn số 04-HD/TW ngày 31/12/2024",
    ] {
        assert!(new.contains(cited), "{cited}: {new}");
    }
    assert!(
        !new.contains("244-QĐ/TW") && !new.contains("03-HD/TW"),
        "{new}"
    );
    let old = text(&doan_ket(), DocumentKind::ElectionRules, About::Congress);
    for cited in [
        "Quy định số 29-QĐ/TW ngày 25/7/2016",
        "Quyết định số 244-QĐ/TW ngày 09/6/2014",
        "Hướng dẫn số 03-HD/TW ngày 20/3/2020",
    ] {
        assert!(old.contains(cited), "{cited}: {old}");
    }
    assert!(!old.contains("190-QĐ/TW"), "{old}");
    // The script reads the same decision in the rules of the vote.
    let script = text(&tdp12(), DocumentKind::Script, About::Congress);
    assert!(
        script.contains("Thực hiện Quyết định số 190-QĐ/TW"),
        "{script}"
    );
}

/// §2.2 "List admission of a self- or floor-nominated candidate needs more than 30 % of those
/// attending the congress (not of those convened)".
#[test]
fn list_admission_needs_more_than_30_percent_of_those_present() {
    // 18 present: 5 agreeing is 27,78% — not admitted, so not on the list.
    let mut c = tdp12();
    c.elections[0].nominations.as_mut().unwrap().nominees[0].agree = 5;
    let p = problems(&c);
    assert!(
        has(
            &p,
            "elections[0].rounds[0].candidates[5]",
            "the list admits a nominee with more than 30 % (at least 6)"
        ),
        "{p:#?}"
    );
    // 6 of 18 is 33,33%: admitted (30 % of the 21 convened would be 6,3 — not the base).
    let mut c = tdp12();
    c.elections[0].nominations.as_mut().unwrap().nominees[0].agree = 6;
    assert_eq!(problems(&c), Vec::<String>::new());
    // Admitted but left off the list.
    let mut c = tdp12();
    c.elections[0].rounds[0].candidates.remove(5);
    let p = problems(&c);
    assert!(
        has(
            &p,
            "elections[0].nominations.nominees[0]",
            "add them to rounds[0].candidates"
        ),
        "{p:#?}"
    );
}

/// §2.2 "when the congress has such nominations the pack gains the opinion ballot (Mẫu 4A/4B) and
/// its vote-count minutes (Mẫu 5), and the script and minutes record the step".
#[test]
fn nominations_bring_the_opinion_ballot_and_its_minutes_and_are_told_in_script_and_minutes() {
    let c = tdp12();
    let ballot = text(&c, DocumentKind::OpinionBallot, round(0, 0));
    assert!(ballot.contains("PHIẾU LẤY Ý KIẾN GIỚI THIỆU"), "{ballot}");
    assert!(ballot.contains("Hoàng Văn Nam"), "{ballot}");
    assert!(ballot.contains("Không đồng ý"), "{ballot}");
    let minutes = paper_of(&c, DocumentKind::OpinionMinutes, round(0, 0));
    // 04: the programme, the standing orders and the rules are 01–03; the report on the members
    // attending is the chi uỷ's (…-BC/CB).
    assert_eq!(minutes.meta().number.as_deref(), Some("04-BB/ĐH"));
    let m = text_of(&minutes);
    for line in [
        "Xin ý kiến về người ứng cử, được đề cử tại Đại hội vào danh sách bầu cử Chi uỷ Chi bộ Tổ dân phố số 12",
        "Số đảng viên chính thức có mặt tại Đại hội: 18 (mười tám) đồng chí.",
        "hơn 30% số đảng viên chính thức có mặt đồng ý, tức ít nhất 6 (sáu) phiếu.",
        "44,44%",
        "Đưa vào danh sách",
    ] {
        assert!(m.contains(line), "{line}: {m}");
    }
    let script = text(&c, DocumentKind::Script, About::Congress);
    assert!(
        script.contains(
            "lấy ý kiến bằng phiếu kín về việc đưa người ứng cử, được đề cử vào danh sách bầu cử"
        ),
        "{script}"
    );
    assert!(
        script.contains("(Biên bản kiểm phiếu số 04-BB/ĐH): đồng chí Hoàng Văn Nam được 8/18 phiếu đồng ý, đạt 44,44%, được đưa vào danh sách bầu cử."),
        "{script}"
    );
    let congress = text(&c, DocumentKind::CongressMinutes, About::Congress);
    assert!(
        congress.contains(
            "theo Biên bản kiểm phiếu số 04-BB/ĐH: đồng chí Hoàng Văn Nam được 8/18 phiếu đồng ý"
        ),
        "{congress}"
    );
    // The 2020 cell had no opinion vote: no such papers.
    assert!(DocumentKind::OpinionBallot
        .papers(&doan_ket())
        .unwrap()
        .is_empty());
}

/// §2.2 "Cells (294): ≥ 9 official members → chi uỷ of at most 7, then the bí thư, then one phó bí
/// thư from the chi uỷ; < 9 → a bí thư and, if needed, one phó".
#[test]
fn a_cell_of_fewer_than_nine_full_members_elects_no_chi_uy() {
    let mut c = tdp12();
    c.proceedings
        .as_mut()
        .unwrap()
        .attendance
        .membership
        .as_mut()
        .unwrap()
        .full = 8;
    let p = problems(&c);
    assert!(
        has(
            &p,
            "elections[0].office",
            "a cell of 8 full members elects no chi uỷ: that needs at least 9"
        ),
        "{p:#?}"
    );
    let mut c = tdp12();
    c.elections[2].seats = 2;
    assert!(
        has(
            &problems(&c),
            "elections[2].seats",
            "a cell elects one phó bí thư"
        ),
        "{:#?}",
        problems(&c)
    );
}

/// §2.2 "Cells": the chi uỷ, then the bí thư (here in a second round), then one phó bí thư, each
/// its own ballot and minutes.
#[test]
fn the_cell_elects_its_chi_uy_then_the_bi_thu_in_a_second_round_then_one_pho_bi_thu() {
    let c = tdp12();
    let count = |k: DocumentKind| k.papers(&c).unwrap().len();
    assert_eq!(count(DocumentKind::Ballot), 4);
    assert_eq!(count(DocumentKind::VoteCountMinutes), 4);
    let first = text(&c, DocumentKind::VoteCountMinutes, round(1, 0));
    assert!(
        first.contains("Không có đồng chí nào trúng cử trong lần bầu này."),
        "{first}"
    );
    let second = text(&c, DocumentKind::VoteCountMinutes, round(1, 1));
    assert!(second.contains("(Bầu lần thứ hai)"), "{second}");
    assert!(
        second.contains("Đồng chí Lê Minh Tuấn trúng cử Bí thư Chi bộ Tổ dân phố số 12"),
        "{second}"
    );
}

/// §2.2 / §6.2 "`Round2025`: a 294-QĐ/TW (9.3.2) reading excludes only (a) and (b)": a 2025
/// record leaving out members absent with a reason uses a 2020 rule.
#[test]
fn a_2025_record_may_not_leave_absences_with_reason_out_of_the_denominator() {
    let mut c = tdp12();
    c.elections[0].rounds[0]
        .denominator
        .exclusions
        .push(ExclusionCount {
            kind: Exclusion::AbsentWithApprovedReason,
            count: 1,
        });
    let p = problems(&c);
    assert!(
        has(
            &p,
            "elections[0].rounds[0].denominator.exclusions[1].kind",
            "is a 2020 exclusion"
        ),
        "{p:#?}"
    );
}

/// §2.2 "Forms of 04-HD Phụ lục 2: Mẫu 4A/4B … Mẫu 5" — a 2025 rule: a 2020 record with an
/// opinion vote is an error naming the field.
#[test]
fn a_2020_record_may_not_hold_an_opinion_vote() {
    let mut c = doan_ket();
    let name = c.elections[0].rounds[0].candidates[0].name.clone();
    c.elections[0].nominations = Some(Nominations {
        nominees: vec![Nominee {
            name,
            by: "Tự ứng cử".into(),
            agree: 20,
        }],
        present: 24,
        ballots: BallotCounts {
            issued: 24,
            returned: 24,
            valid: 24,
            invalid: vec![],
        },
        closed_at: None,
        minutes_number: None,
    });
    let p = problems(&c);
    assert!(
        has(&p, "elections[0].nominations", "is a round2025 rule"),
        "{p:#?}"
    );
}

/// §2.1 "Chi bộ trực thuộc đảng ủy cơ sở … 2020–2022" and §2.2 "Quy định 294-QĐ/TW pilots 'đại
/// hội chi bộ 5 năm một lần' … the term is an explicit field".
#[test]
fn a_five_year_term_of_a_cell_under_a_committee_is_the_2025_pilot() {
    let mut c = tdp12();
    c.rule_set = RuleSet::Round2020;
    let p = problems(&c);
    assert!(
        has(
            &p,
            "term",
            "the 5-year term is the pilot of Quy định 294-QĐ/TW"
        ),
        "{p:#?}"
    );
    // The old half term stays possible under round2025 (a cell not yet passed to the pilot).
    let mut c = tdp12();
    c.term.end = 2029;
    assert!(!has(&problems(&c), "term", ""), "{:#?}", problems(&c));
    c.term.end = 2031;
    assert!(
        has(&problems(&c), "term", "the 5-year pilot"),
        "{:#?}",
        problems(&c)
    );
}

/// §2.2 "Structure (two tiers): … of a cell 'ĐẢNG BỘ PHƯỜNG BẠCH MAI / CHI BỘ …'"; "Terms and
/// ordinals: … a new unit starts at 'lần thứ I'".
#[test]
fn the_cell_writes_the_ward_above_it_and_its_first_congress_is_lan_thu_i() {
    let c = tdp12();
    let summons = text(&c, DocumentKind::Summons, About::Congress);
    let head: Vec<&str> = summons.lines().take(3).collect();
    assert!(summons.starts_with("ĐẢNG BỘ PHƯỜNG BẠCH MAI"), "{head:#?}");
    assert!(summons.contains("CHI BỘ TỔ DÂN PHỐ SỐ 12"), "{head:#?}");
    assert!(!summons.contains("QUẬN"), "{summons}");
    assert!(
        summons.contains("“Đại hội Chi bộ Tổ dân phố số 12 lần thứ I, nhiệm kỳ 2027 – 2032”"),
        "{summons}"
    );
}

/// §2.2 "Format … as settings: … recipients separated by ';' and ending '.'; the body ending '.'
/// not './.'; … 'Kính trình' on a tờ trình"; one place sets the defaults per rule set, the record
/// may override each.
#[test]
fn the_format_defaults_follow_the_rule_set_and_the_record_may_override_them() {
    let c = tdp12();
    let invitation = text(&c, DocumentKind::Invitation, About::Guest { guest: 0 });
    assert!(
        invitation.contains("Rất mong đồng chí đến dự đúng thời gian, địa điểm."),
        "{invitation}"
    );
    assert!(!invitation.contains("./."), "{invitation}");
    let summons = text(&c, DocumentKind::Summons, About::Congress);
    assert!(
        summons.contains("- Các đồng chí đảng viên được triệu tập;"),
        "{summons}"
    );
    assert!(summons.contains("- Lưu Chi bộ."), "{summons}");
    let request = text(&c, DocumentKind::ApprovalRequest, About::Congress);
    assert!(
        request.contains("Kính trình: Ban Thường vụ Đảng uỷ phường Bạch Mai."),
        "{request}"
    );
    // The 2020 cell keeps 36-HD's.
    let old = doan_ket();
    let invitation = text(&old, DocumentKind::Invitation, About::Guest { guest: 0 });
    assert!(invitation.contains("địa điểm./."), "{invitation}");
    let request = text(&old, DocumentKind::ApprovalRequest, About::Congress);
    assert!(request.contains("Kính gửi: "), "{request}");
    // The record's settings win.
    let mut c = tdp12();
    c.format.body_end = Some("./.".into());
    c.format.recipient_separator = Some(",".into());
    c.format.colon_after_so = Some(true);
    let summons = text(&c, DocumentKind::Summons, About::Congress);
    assert!(summons.contains("Số: 01-TB/CB"), "{summons}");
    assert!(
        summons.contains("- Các đồng chí đảng viên được triệu tập,"),
        "{summons}"
    );
    let invitation = text(&c, DocumentKind::Invitation, About::Guest { guest: 0 });
    assert!(invitation.contains("địa điểm./."), "{invitation}");
}

/// §2.2 "a committee's deputy signing 'T/M … / PHÓ BÍ THƯ' (no K/T)" — under round2025 "K/T" is
/// an error naming the field, unless the record chooses the 2020 way.
#[test]
fn under_2025_a_deputy_signs_for_the_body_without_kt() {
    let mut c = tdp12();
    c.signer.authority = "K/T BÍ THƯ".into();
    c.signer.title = "PHÓ BÍ THƯ".into();
    let p = problems(&c);
    assert!(has(&p, "signer.authority", "without K/T"), "{p:#?}");
    c.format.deputy_signs = Some(DeputySigns::ForHead);
    assert_eq!(problems(&c), Vec::<String>::new());
    // And the reverse: a 2020 record with the 2025 setting.
    let mut old = doan_ket();
    old.format.deputy_signs = Some(DeputySigns::ForBody);
    assert!(
        has(
            &problems(&old),
            "format.deputy_signs",
            "the 2025 signing rule"
        ),
        "{:#?}",
        problems(&old)
    );
}

/// §2.2 "a cell has no seal and its papers are unstamped, its ballots carry the ward committee's
/// stamp".
#[test]
fn a_cells_ballots_carry_the_stamp_of_the_ward_committee() {
    let rules = text(&tdp12(), DocumentKind::ElectionRules, About::Congress);
    assert!(
        rules.contains("có dấu của Đảng uỷ phường Bạch Mai ở góc trên bên trái"),
        "{rules}"
    );
    let mut c = tdp12();
    c.format.cell_has_seal = Some(true);
    let rules = text(&c, DocumentKind::ElectionRules, About::Congress);
    assert!(
        rules.contains("có dấu của Chi bộ Tổ dân phố số 12 ở góc trên bên trái"),
        "{rules}"
    );
}

/// §2.2 "Cells (294): … no bí thư after the third round → the superior committee designates
/// one"; the papers say so.
#[test]
fn after_a_third_round_without_a_bi_thu_the_ward_committee_designates_one() {
    let mut c = tdp12();
    let e = &mut c.elections[1];
    // The second round fails too (9 of D = 19 is not more than half), and a third.
    e.rounds[1].candidates[0].votes = 9;
    let mut third = e.rounds[1].clone();
    third.candidates[0].votes = 8;
    third.closed_at = Some("10:48".parse().unwrap());
    e.rounds.push(third);
    e.list_votes.push(e.list_votes[1]);
    let p = problems(&c);
    assert!(
        has(&p, "elections[1].designated", "") || p.is_empty(),
        "{p:#?}"
    );
    // A designation before the third round is an error naming the field.
    let mut early = tdp12();
    early.elections[1].designated = Some(daihoi::congress::Designation {
        name: early.elections[1].rounds[0].candidates[0].name.clone(),
        by: "Ban Thường vụ Đảng uỷ phường Bạch Mai".into(),
        decision: String::new(),
    });
    assert!(
        has(
            &problems(&early),
            "elections[1].designated",
            "only when three rounds elected none"
        ),
        "{:#?}",
        problems(&early)
    );
    c.elections[1].designated = Some(daihoi::congress::Designation {
        name: c.elections[1].rounds[0].candidates[0].name.clone(),
        by: "Ban Thường vụ Đảng uỷ phường Bạch Mai".into(),
        decision: "Quyết định số 15-QĐ/ĐU ngày 25/3/2027".into(),
    });
    assert_eq!(problems(&c), Vec::<String>::new());
    let third = text(&c, DocumentKind::VoteCountMinutes, round(1, 2));
    assert!(
        third.contains("Sau ba lần bầu không có đồng chí nào trúng cử Bí thư Chi bộ Tổ dân phố số 12, nhiệm kỳ 2027 – 2032; Ban kiểm phiếu báo cáo Đại hội để đề nghị cấp uỷ cấp trên chỉ định Bí thư theo quy định."),
        "{third}"
    );
    let minutes = text(&c, DocumentKind::CongressMinutes, About::Congress);
    assert!(
        minutes.contains("Sau ba lần bầu, Đại hội không bầu được Bí thư. Theo quy định, Ban Thường vụ Đảng uỷ phường Bạch Mai chỉ định đồng chí Lê Minh Tuấn giữ chức Bí thư Chi bộ Tổ dân phố số 12, nhiệm kỳ 2027 – 2032 (Quyết định số 15-QĐ/ĐU ngày 25/3/2027)."),
        "{minutes}"
    );
    // The designated bí thư signs the papers to the ward; the request asks no approval for him.
    let report = text(&c, DocumentKind::ResultsReport, About::Congress);
    assert!(report.contains("Lê Minh Tuấn"), "{report}");
    let request = text(&c, DocumentKind::ApprovalRequest, About::Congress);
    assert!(
        request.contains("Đề nghị chuẩn y kết quả bầu cử Chi uỷ, Phó Bí thư Chi bộ"),
        "{request}"
    );
    assert!(
        !request.contains(". Bí thư Chi bộ Tổ dân phố số 12, nhiệm kỳ 2027 – 2032: đồng chí"),
        "{request}"
    );
    // The script and the results report say it in the same line as the minutes.
    let line = "Sau ba lần bầu, Đại hội không bầu được Bí thư. Theo quy định, Ban Thường vụ Đảng uỷ phường Bạch Mai chỉ định đồng chí Lê Minh Tuấn giữ chức Bí thư Chi bộ Tổ dân phố số 12, nhiệm kỳ 2027 – 2032 (Quyết định số 15-QĐ/ĐU ngày 25/3/2027).";
    let script = text(&c, DocumentKind::Script, About::Congress);
    assert!(
        script.contains(&format!("Kính thưa Đại hội! {line}")),
        "{script}"
    );
    assert!(
        !script.contains("đã bầu được 0/1 đồng chí Bí thư"),
        "{script}"
    );
    assert!(report.contains(line), "{report}");
    let resolution = text(&c, DocumentKind::Resolution, About::Congress);
    assert!(resolution.contains(line), "{resolution}");
    // The third round is the last: the congress is not asked to hold a fourth.
    assert!(!script.contains("bầu lần thứ tư"), "{script}");
}

/// Calls `f` on every string of `v`.
fn daihoi_strings(v: &serde_json::Value, f: &mut impl FnMut(&str)) {
    match v {
        serde_json::Value::String(s) => f(s),
        serde_json::Value::Array(a) => a.iter().for_each(|x| daihoi_strings(x, f)),
        serde_json::Value::Object(m) => m.values().for_each(|x| daihoi_strings(x, f)),
        _ => {}
    }
}

/// Every paper of `c`, as text, with its title.
fn every_paper(c: &Congress) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for kind in DocumentKind::ALL {
        for p in kind.papers(c).unwrap() {
            let tree = engine().render_tree(&p).unwrap();
            out.push((tree.meta.title.clone(), fold(&tree.plain_text())));
        }
    }
    out
}

/// §2.2 "Format … as settings: … 'UỶ' vs 'ỦY' (sources disagree; default 'UỶ')" and §7 "keep
/// user text; fixed strings follow a setting": with "ủy" chosen, no paper's fixed wording keeps
/// "uỷ" — whichever template, partial or builder wrote it — and the record's own phrases stay
/// as the record spells them.
#[test]
fn the_spelling_of_uy_follows_the_setting_in_every_paper_and_the_records_text_is_kept() {
    let mut c = tdp12();
    c.format.uy_spelling = Some(UySpelling::ToneOnU);
    // The record's own phrases with "uỷ", as the sample writes them ("Báo cáo kiểm điểm … của
    // Chi uỷ", "Đảng uỷ phường Bạch Mai"), longest first.
    let mut own: Vec<String> = Vec::new();
    let json: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(root().join(TDP12)).unwrap()).unwrap();
    daihoi_strings(&json, &mut |s| {
        if respell_uy(s, UySpelling::ToneOnU) != s && !own.iter().any(|o| o == s) {
            own.push(s.to_string());
            own.push(daihoi::vi::upper(s));
        }
    });
    own.sort_by_key(|s| std::cmp::Reverse(s.len()));
    assert!(!own.is_empty());
    let papers = every_paper(&c);
    assert!(papers.len() > 20, "{}", papers.len());
    for (title, text) in &papers {
        let fixed_title = respell_uy(title, UySpelling::ToneOnU);
        assert_eq!(title, &fixed_title, "the title follows the setting");
        let mut rest = text.clone();
        for phrase in &own {
            rest = rest.replace(phrase.as_str(), "");
        }
        let respelt = respell_uy(&rest, UySpelling::ToneOnU);
        assert_eq!(rest, respelt, "{title}: a fixed \"uỷ\" left in: {text}");
    }
    let text = |kind, about| text(&c, kind, about);
    let minutes = text(DocumentKind::OpinionMinutes, round(0, 0));
    assert!(
        minutes.contains("vào danh sách bầu cử Chi ủy Chi bộ Tổ dân phố số 12"),
        "{minutes}"
    );
    let rules = text(DocumentKind::ElectionRules, About::Congress);
    assert!(
        rules.contains("có dấu của Đảng uỷ phường Bạch Mai"),
        "the record's own text is kept: {rules}"
    );
    // The default is "uỷ", under both rule sets.
    let minutes = text_of(&paper_of(
        &tdp12(),
        DocumentKind::OpinionMinutes,
        round(0, 0),
    ));
    assert!(
        minutes.contains("Chi uỷ Chi bộ Tổ dân phố số 12"),
        "{minutes}"
    );
    assert!(!minutes.contains("Chi ủy"), "{minutes}");
}

/// §2.2 "Format … as settings: … 'Q.' for an acting head": an acting bí thư signs "Q. BÍ THƯ";
/// the title with "Q." already in it, or "K/T", is an error naming the field.
#[test]
fn an_acting_head_signs_with_the_acting_mark() {
    let mut c = tdp12();
    c.signer.acting = true;
    assert_eq!(problems(&c), Vec::<String>::new());
    let summons = text(&c, DocumentKind::Summons, About::Congress);
    assert!(summons.contains("T/M CHI BỘ Q. BÍ THƯ"), "{summons}");
    let mut other = c.clone();
    other.format.acting_mark = Some("QUYỀN".into());
    let summons = text(&other, DocumentKind::Summons, About::Congress);
    assert!(summons.contains("T/M CHI BỘ QUYỀN BÍ THƯ"), "{summons}");
    c.signer.title = "Q. BÍ THƯ".into();
    assert!(
        has(
            &problems(&c),
            "signer.title",
            "write the head's title alone"
        ),
        "{:#?}",
        problems(&c)
    );
    c.signer.title = "BÍ THƯ".into();
    c.signer.authority = "K/T BÍ THƯ".into();
    assert!(
        has(&problems(&c), "signer.authority", "not K/T"),
        "{:#?}",
        problems(&c)
    );
}

/// §2.2 "Terms and ordinals: … a merged unit continues its historical count, a new unit starts
/// at 'lần thứ I'" (Hướng dẫn 06-HD/TW): the origin says which; an ordinal contradicting it is
/// an error naming `ordinal`; without an ordinal the papers take the one it implies.
#[test]
fn a_new_units_congress_is_lan_thu_i_and_a_merged_one_continues_the_count() {
    let c = tdp12();
    assert_eq!(c.origin, Some(Origin::New));
    let mut wrong = c.clone();
    wrong.ordinal = Some(2);
    assert!(
        has(
            &problems(&wrong),
            "ordinal",
            "a new unit's first congress is lần thứ I"
        ),
        "{:#?}",
        problems(&wrong)
    );
    let mut implied = c.clone();
    implied.ordinal = None;
    let summons = text(&implied, DocumentKind::Summons, About::Congress);
    assert!(
        summons.contains("“Đại hội Chi bộ Tổ dân phố số 12 lần thứ I, nhiệm kỳ 2027 – 2032”"),
        "{summons}"
    );
    // Merged: continues the count of the unit it continues.
    let mut merged = c.clone();
    merged.origin = Some(Origin::Merged {
        continues: "Chi bộ Tổ dân phố số 12 (cũ)".into(),
        last_ordinal: 3,
        appointed: Some(Appointment {
            by: "Ban Thường vụ Đảng uỷ phường Bạch Mai".into(),
            decision: "Quyết định số 08-QĐ/ĐU ngày 15/7/2025".into(),
        }),
    });
    assert!(
        has(
            &problems(&merged),
            "ordinal",
            "continues the count of Chi bộ Tổ dân phố số 12 (cũ), whose last congress was lần thứ III (origin.merged.last_ordinal): this one is lần thứ IV (4)"
        ),
        "{:#?}",
        problems(&merged)
    );
    merged.ordinal = Some(4);
    assert_eq!(problems(&merged), Vec::<String>::new());
    merged.ordinal = None;
    let summons = text(&merged, DocumentKind::Summons, About::Congress);
    assert!(
        summons.contains("“Đại hội Chi bộ Tổ dân phố số 12 lần thứ IV, nhiệm kỳ 2027 – 2032”"),
        "{summons}"
    );
    // Unchanged: follows its own last congress.
    let mut unchanged = c.clone();
    unchanged.origin = Some(Origin::Unchanged { last_ordinal: 2 });
    assert!(
        has(&problems(&unchanged), "ordinal", "lần thứ III"),
        "{:#?}",
        problems(&unchanged)
    );
}

/// §2 "`Round2025`-only rules, never applied to 2020 data: … Chỉ thị 45 designation in merged
/// units": the appointed committee of a merged unit is an error in a round2020 record.
#[test]
fn the_appointed_committee_of_a_merged_unit_is_a_2025_rule() {
    let mut c = doan_ket();
    c.ordinal = Some(5);
    c.origin = Some(Origin::Merged {
        continues: "Chi bộ Trường THPT Đoàn Kết".into(),
        last_ordinal: 4,
        appointed: Some(Appointment {
            by: "Ban Thường vụ Quận uỷ Hai Bà Trưng".into(),
            decision: String::new(),
        }),
    });
    let p = problems(&c);
    assert!(
        has(
            &p,
            "origin.merged.appointed",
            "Chỉ thị 45-CT/TW (round2025)"
        ),
        "{p:#?}"
    );
    if let Some(Origin::Merged { appointed, .. }) = &mut c.origin {
        *appointed = None;
    }
    assert_eq!(problems(&c), Vec::<String>::new());
}

/// §2.2 "List admission of a self- or floor-nominated candidate needs more than 30 % of those
/// attending": those attending the round whose list the vote admits — the tally's base — not
/// the congress's opening attendance (which counts the probationary members, who do not vote).
#[test]
fn the_30_percent_base_is_those_attending_the_round() {
    let c = tdp12();
    let n = c.elections[0].nominations.as_ref().unwrap();
    assert_eq!(n.present, c.elections[0].rounds[0].present);
    let opening = c.proceedings.as_ref().unwrap().attendance.present;
    assert_ne!(opening, n.present, "the sample tells the two apart");
    let mut wrong = c.clone();
    wrong.elections[0].nominations.as_mut().unwrap().present = opening;
    let p = problems(&wrong);
    assert!(
        has(
            &p,
            "elections[0].nominations.present",
            "21 present at the opinion vote, but 18 at the first round (rounds[0].present)"
        ),
        "{p:#?}"
    );
    // The tally admits against the round's attendance: 6 of 18 is more than 30 %.
    let mut six = c.clone();
    six.elections[0].nominations.as_mut().unwrap().nominees[0].agree = 6;
    assert!(six.tally_round(0, 0).is_ok());
    let mut five = c.clone();
    five.elections[0].nominations.as_mut().unwrap().nominees[0].agree = 5;
    let e = format!("{:#}", five.tally_round(0, 0).unwrap_err());
    assert!(
        e.contains(
            "had 5 approvals of 18 present; admission to the list needs more than 30% (at least 6)"
        ),
        "{e}"
    );
    // The minutes print the base and the fewest votes it takes.
    let m = text(&c, DocumentKind::OpinionMinutes, round(0, 0));
    assert!(
        m.contains("Số đảng viên chính thức có mặt tại Đại hội: 18 (mười tám) đồng chí."),
        "{m}"
    );
}

#[test]
fn the_election_rules_leave_out_of_the_base_only_whom_the_count_leaves_out() {
    // Tổ dân phố 12 (2025): the base of "quá một nửa" leaves out only temporary transfers and
    // absent exempt members, as its count minutes do (21 convened − 2 exempt absent = 19, the
    // one member ill with a reason still counted); Đoàn Kết (2020) the four kinds.
    let rules = text(&tdp12(), DocumentKind::ElectionRules, About::Congress);
    assert!(
        rules.contains(
            "trừ số đảng viên chính thức đã chuyển sinh hoạt đảng tạm thời và đảng viên miễn sinh hoạt đảng vắng mặt."
        ),
        "{rules}"
    );
    assert!(!rules.contains("có lý do chính đáng"), "{rules}");
    let rules = text(&doan_ket(), DocumentKind::ElectionRules, About::Congress);
    assert!(
        rules.contains("bị khởi tố, truy tố, tạm giam và đảng viên chính thức vắng mặt suốt thời gian Đại hội có lý do chính đáng"),
        "{rules}"
    );
}
