//! What the record may not contradict (issue "Right by the rules and by practice"): each check an
//! error naming both fields, or a warning where two readings are possible — and the wording the
//! papers owe to those rules.

mod common;

use common::*;
use daihoi::congress::{StepKind, Withdrawal};
use daihoi::{About, Congress, DocumentKind};

fn problems(c: &Congress) -> Vec<String> {
    daihoi::validate(c).iter().map(|d| d.to_string()).collect()
}

fn doan_ket() -> Congress {
    let text = std::fs::read_to_string(root().join("examples/data/doan-ket-2020.json")).unwrap();
    daihoi::load_congress(&text).unwrap()
}

fn has(list: &[String], path: &str, words: &str) -> bool {
    list.iter()
        .any(|p| p.starts_with(&format!("{path}: ")) && p.contains(words))
}

#[test]
fn every_sample_is_consistent() {
    assert_eq!(problems(&sample()), Vec::<String>::new());
    assert_eq!(problems(&doan_ket()), Vec::<String>::new());
    let text =
        std::fs::read_to_string(root().join("examples/data/bach-mai-tdp12-2027.json")).unwrap();
    let tdp12 = daihoi::load_congress(&text).unwrap();
    assert_eq!(problems(&tdp12), Vec::<String>::new());
}

#[test]
fn the_ballot_holds_only_those_the_procedure_introduced_or_the_congress_admitted() {
    // Vũ Văn Dũng stopped at step 2 (22 of 45, 48,89%): on the list only as a nomination at the
    // congress, admitted by its vote.
    let mut c = sample();
    let k = c.elections[0].rounds[0]
        .candidates
        .iter()
        .position(|x| x.name.ten == "Dũng")
        .unwrap();
    c.elections[0].rounds[0].candidates[k].floor_nominee = None;
    let p = problems(&c);
    assert!(
        has(
            &p,
            &format!("elections[0].rounds[0].candidates[{k}].name"),
            "did not pass the personnel procedure (personnel.tracks[0].steps[1]: 22 of 45, 48,89%)"
        ),
        "{p:#?}"
    );
}

#[test]
fn a_later_round_keeps_the_candidates_left_to_elect_unless_one_withdraws() {
    // Đinh Công Sơn (57 votes) is not elected in the delegates' first round; the second round
    // leaves him off only with his withdrawal recorded.
    let mut c = sample();
    let withdrawals: &mut Vec<Withdrawal> = &mut c.elections[1].rounds[1].withdrawals;
    assert_eq!(withdrawals[0].name.ten, "Sơn");
    withdrawals.clear();
    let p = problems(&c);
    assert!(
        has(
            &p,
            "elections[1].rounds[1].candidates",
            "Đinh Công Sơn (57 votes in rounds[0], not elected) is missing"
        ),
        "{p:#?}"
    );
    // The minutes of that round say why he is not on the list.
    let text = text_of(&paper_of(
        &sample(),
        DocumentKind::VoteCountMinutes,
        round(1, 1),
    ));
    assert!(text.contains("Trịnh Thị Hương"), "{text}");
}

#[test]
fn a_result_is_announced_after_its_count_closes() {
    let mut c = sample();
    let agenda = c.proceedings.as_mut().unwrap().agenda.as_mut().unwrap();
    let items = &mut agenda[1].items;
    let j = items
        .iter()
        .position(|i| i.step == StepKind::Election && i.index == Some(1))
        .unwrap();
    items[j].time = Some("15:30".parse().unwrap());
    let p = problems(&c);
    assert!(
        has(
            &p,
            &format!("proceedings.agenda[1].items[{j}].time"),
            "15:30 is before the count it follows closed (15:55, elections[0].rounds[1].closed_at)"
        ),
        "{p:#?}"
    );
}

#[test]
fn what_a_paper_says_is_attached_is_in_the_pack_and_dated_before_it() {
    // The summons says its list is attached: the list of the convened must be in the record.
    let mut c = sample();
    c.convened.clear();
    let p = problems(&c);
    assert!(
        has(
            &p,
            "summons.composition",
            "says a danh sách is attached (\"kèm theo\"), but the pack has no convened-list"
        ),
        "{p:#?}"
    );
    // Each track's first conference cites its trích ngang, dated with that conference; the
    // standing committee's second conference cites the summary of steps 1 to 3.
    let c = sample();
    for (about, date) in [
        (About::Track { track: 0 }, "ngày 25 tháng 11 năm 2019"),
        (About::Track { track: 1 }, "ngày 06 tháng 01 năm 2020"),
    ] {
        let list = text_of(&paper_of(&c, DocumentKind::CandidateList, about));
        assert!(list.contains(date), "{list}");
    }
    let interim = text_of(&paper_of(
        &c,
        DocumentKind::PersonnelSummary,
        About::Step { track: 0, step: 3 },
    ));
    assert!(interim.contains("qua các bước 1, 2 và 3"), "{interim}");
    assert!(interim.contains("ngày 17 tháng 12 năm 2019"), "{interim}");
}

#[test]
fn probationary_members_neither_vote_nor_stand() {
    // The cell: 26 present, 2 of them probationary, so 24 vote on everything.
    let c = doan_ket();
    let minutes = text_of(&paper_of(
        &c,
        DocumentKind::CongressMinutes,
        About::Congress,
    ));
    assert!(!minutes.contains("26/26"), "{minutes}");
    assert!(minutes.contains("24/24"), "{minutes}");
    let mut c = doan_ket();
    let p = c.proceedings.as_mut().unwrap();
    p.rules_vote.agree = 26;
    p.rules_vote.present = Some(26);
    let found = problems(&c);
    assert!(
        has(
            &found,
            "proceedings.rules_vote.present",
            "26 voted, but only 24 of those present are full members"
        ),
        "{found:#?}"
    );
}

#[test]
fn the_ordinal_follows_the_outgoing_committee_and_counters_do_not_count_their_own_list() {
    let mut c = sample();
    c.ordinal = Some(23);
    let warnings: Vec<String> = c
        .consistency_warnings()
        .iter()
        .map(|d| d.to_string())
        .collect();
    assert!(
        warnings.iter().any(|w| w.starts_with("ordinal: is 23")
            && w.contains("khoá XXIII: this congress is lần thứ XXIV (24)")),
        "{warnings:#?}"
    );
    let mut c = sample();
    let name = c.elections[0].rounds[0].candidates[0].name.clone();
    c.elections[0].vote_counting_committee[1].name = name;
    let warnings: Vec<String> = c
        .consistency_warnings()
        .iter()
        .map(|d| d.to_string())
        .collect();
    assert!(
        warnings.iter().any(|w| w
            .starts_with("elections[0].vote_counting_committee[1].name: Nguyễn Thị Thu Hà counts")),
        "{warnings:#?}"
    );
}

#[test]
fn the_committee_numbers_its_papers_through_its_term() {
    // 36-HD: one sequence per type through the term — the 2020 summons follow the 2019 ones.
    let numbers = |kind: DocumentKind| -> Vec<String> {
        kind.papers(&sample())
            .unwrap()
            .iter()
            .filter_map(|p| p.meta().number.clone())
            .collect()
    };
    assert_eq!(
        numbers(DocumentKind::ConferenceSummons),
        [
            "86-TB/ĐU",
            "87-TB/ĐU",
            "88-TB/ĐU",
            "89-TB/ĐU",
            "90-TB/ĐU",
            "91-TB/ĐU"
        ]
    );
    assert_eq!(numbers(DocumentKind::Summons), ["92-TB/ĐU"]);
}

#[test]
fn vote_count_minutes_name_the_organisation_and_speak_of_one_as_one() {
    let c = sample();
    let text = text_of(&paper_of(&c, DocumentKind::VoteCountMinutes, round(0, 1)));
    assert!(
        text.starts_with("ĐẢNG BỘ PHƯỜNG BẠCH MAI ĐẠI HỘI ĐẠI BIỂU LẦN THỨ XXIV BAN KIỂM PHIẾU *"),
        "{text}"
    );
    assert!(
        text.contains("Số lượng còn thiếu cần bầu: 1 (một) đồng chí."),
        "{text}"
    );
    assert!(
        text.contains("Đồng chí Cao Thị Ngọc Lan trúng cử Ban Chấp hành"),
        "{text}"
    );
    // The cell's bí thư: one name, "Đồng ý / Không đồng ý".
    let cell = doan_ket();
    let text = text_of(&paper_of(
        &cell,
        DocumentKind::VoteCountMinutes,
        round(1, 0),
    ));
    assert!(
        text.contains("Đại hội đã thông qua danh sách bầu cử gồm 1 (một) đồng chí:"),
        "{text}"
    );
    assert!(text.contains("Số phiếu không đồng ý"), "{text}");
    // Outranked: qualified, fewer votes.
    let first = text_of(&paper_of(&c, DocumentKind::VoteCountMinutes, round(1, 0)));
    assert!(
        first.contains("Không trúng cử (quá bán nhưng ít phiếu hơn)")
            || !first.contains("ít phiếu hơn"),
        "{first}"
    );
}

#[test]
fn leaders_are_invited_to_direct_and_a_cell_files_its_own_papers() {
    let c = sample();
    let leader = text_of(&paper_of(
        &c,
        DocumentKind::Invitation,
        About::Guest { guest: 0 },
    ));
    assert!(
        leader.contains("kính mời đồng chí tới dự và chỉ đạo Đại hội"),
        "{leader}"
    );
    let guest = text_of(&paper_of(
        &c,
        DocumentKind::Invitation,
        About::Guest { guest: 3 },
    ));
    assert!(
        guest.contains("kính mời đồng chí tới dự Đại hội"),
        "{guest}"
    );
    assert!(
        guest.contains(", nguyên Bí thư Đảng uỷ phường Bạch Mai"),
        "{guest}"
    );
    let cell = text_of(&paper_of(
        &doan_ket(),
        DocumentKind::Summons,
        About::Congress,
    ));
    assert!(cell.contains("- Lưu Chi bộ."), "{cell}");
    assert!(!cell.contains("Lưu VP"), "{cell}");
}

#[test]
fn the_conference_minutes_say_who_meets_and_where_the_list_goes_next() {
    let c = sample();
    let at = |t: usize, s: usize| About::Step { track: t, step: s };
    let step1 = text_of(&paper_of(&c, DocumentKind::ConferenceMinutes, at(0, 0)));
    assert!(
        step1.contains("Ban Thường vụ Đảng uỷ phường Bạch Mai họp Hội nghị (lần 1, bước 1) để"),
        "{step1}"
    );
    assert!(
        step1.contains(
            "Hội nghị thống nhất chuyển danh sách 10 (mười) đồng chí đạt nêu trên sang bước 2"
        ),
        "{step1}"
    );
    let step5 = text_of(&paper_of(&c, DocumentKind::ConferenceMinutes, at(0, 4)));
    assert!(
        step5.contains("Kết quả giới thiệu đối với đồng chí Bùi Đức Thắng ở bước 4 (Ban Thường vụ) và bước 5 (Ban Chấp hành) khác nhau: Ban Thường vụ báo cáo, xin ý kiến cấp uỷ cấp trên"),
        "{step5}"
    );
    // The trích ngang says "lần đầu", and a proposal and its note agree.
    let list = text_of(&paper_of(
        &c,
        DocumentKind::CandidateList,
        About::Track { track: 1 },
    ));
    assert!(
        list.contains("Lần đầu") && !list.contains(" Mới "),
        "{list}"
    );
    let all = text_of(&paper_of(&c, DocumentKind::CandidateList, About::Congress));
    assert!(!all.contains("Quá tuổi tái cử"), "{all}");
}

#[test]
fn working_bodies_are_made_of_the_convened_with_their_posts() {
    // Quy định 29-QĐ/TW, mục 12.2: the credentials committee (and the presidium and the
    // secretariat) are official delegates; a cell's, members of the cell.
    let mut c = sample();
    let p = c.proceedings.as_mut().unwrap();
    p.credentials_committee[3].name = daihoi::vi::PersonName::new("Trần", "Thị", "Nga");
    p.secretariat[1].title = "Bí thư Chi bộ Khu dân cư số 9".into();
    let found = problems(&c);
    assert!(
        has(
            &found,
            "proceedings.credentials_committee[3].name",
            "Trần Thị Nga is not in `convened`: a member of a working body must be an official \
             delegate"
        ),
        "{found:#?}"
    );
    assert!(
        has(
            &found,
            "proceedings.secretariat[1].title",
            "but convened[33] (Tô Trọng Phúc) is \"Bí thư Chi bộ Khu dân cư số 7\""
        ),
        "{found:#?}"
    );
    let mut c = doan_ket();
    c.proceedings.as_mut().unwrap().presidium[0].name =
        daihoi::vi::PersonName::new("Lê", "Văn", "Khách");
    let found = problems(&c);
    assert!(
        has(
            &found,
            "proceedings.presidium[0].name",
            "must be a member of the organisation"
        ),
        "{found:#?}"
    );
    // One Bí thư per cell in the convened list, so a title names one person.
    let c = sample();
    let mut secretaries: Vec<&str> = c
        .convened
        .iter()
        .filter(|x| x.title.starts_with("Bí thư Chi bộ"))
        .map(|x| x.title.as_str())
        .collect();
    let n = secretaries.len();
    secretaries.sort();
    secretaries.dedup();
    assert_eq!(secretaries.len(), n, "{secretaries:#?}");
}

#[test]
fn a_withdrawal_is_told_where_the_list_it_leaves_is_adopted() {
    // Đinh Công Sơn (57 votes, above Trịnh Quang Sơn's 55) leaves the second round's list: the
    // script, the minutes, that round's vote-count minutes and its list all say so, with the
    // show of hands agreeing to it (as a floor nomination prints the vote admitting it).
    let c = sample();
    let said = "Đồng chí Đinh Công Sơn xin rút khỏi danh sách bầu cử lần thứ hai để các đồng chí \
                khác được bầu, được Đại hội đồng ý (115/118 đại biểu chính thức có mặt tán thành, \
                đạt 97,46%).";
    let script = text_of(&paper_of(&c, DocumentKind::Script, About::Congress));
    let at = script.find(said).expect("the script says it");
    let heading = script.rfind("– Bầu lần thứ hai").unwrap();
    let list = script.rfind("Danh sách bầu cử lần thứ hai gồm").unwrap();
    assert!(
        heading < at && at < list,
        "{heading} {at} {list}: {}",
        &script[heading..]
    );
    let minutes = text_of(&paper_of(
        &c,
        DocumentKind::CongressMinutes,
        About::Congress,
    ));
    assert!(
        minutes.contains(&format!(
            "{said} Đại hội đã thông qua danh sách bầu cử lần thứ hai"
        )),
        "{minutes}"
    );
    let count = text_of(&paper_of(&c, DocumentKind::VoteCountMinutes, round(1, 1)));
    assert!(
        count.contains(&format!("{said} Đại hội đã thông qua danh sách bầu cử gồm")),
        "{count}"
    );
    let list = text_of(&paper_of(&c, DocumentKind::ElectionList, round(1, 1)));
    assert!(list.contains(&format!("Ghi chú: {said}")), "{list}");
    // The first round's papers do not.
    for (kind, r) in [
        (DocumentKind::VoteCountMinutes, 0),
        (DocumentKind::ElectionList, 0),
    ] {
        assert!(!text_of(&paper_of(&c, kind, round(1, r))).contains("xin rút"));
    }
}

#[test]
fn floor_nominations_are_told_as_the_record_has_them_with_their_admission_votes() {
    // Vũ Văn Dũng and Bùi Đức Thắng were nominated, Tạ Quang Minh stood himself; each was
    // admitted by more than 30 % of the 118 present (Quy chế bầu cử, Điều 3).
    let c = sample();
    let said = "Tại Đại hội có 2 đồng chí được đề cử (đồng chí Vũ Văn Dũng do đồng chí Lê Thành \
                Vinh đề cử; đồng chí Bùi Đức Thắng do đồng chí Nguyễn Thị Thu Hà đề cử) và 1 \
                đồng chí tự ứng cử (đồng chí Tạ Quang Minh); Đại hội đã biểu quyết đưa vào danh \
                sách bầu cử: đồng chí Vũ Văn Dũng được 81/118 đại biểu chính thức có mặt đồng ý, \
                đạt 68,64%; đồng chí Tạ Quang Minh được 76/118 đại biểu chính thức có mặt đồng \
                ý, đạt 64,41%; đồng chí Bùi Đức Thắng được 90/118 đại biểu chính thức có mặt \
                đồng ý, đạt 76,27%.";
    for (kind, about) in [
        (DocumentKind::CongressMinutes, About::Congress),
        (DocumentKind::VoteCountMinutes, round(0, 0)),
    ] {
        let text = text_of(&paper_of(&c, kind, about));
        assert!(text.contains(said), "{kind:?}: {text}");
    }
    // The script holds the vote: the names put forward, then the show of hands and its result.
    let script = text_of(&paper_of(&c, DocumentKind::Script, About::Congress));
    for said in [
        "Tại Đại hội có 3 (ba) đồng chí ứng cử, được đề cử: đồng chí Vũ Văn Dũng (do đồng chí \
         Lê Thành Vinh đề cử); đồng chí Tạ Quang Minh (tự ứng cử); đồng chí Bùi Đức Thắng (do \
         đồng chí Nguyễn Thị Thu Hà đề cử).",
        "Kết quả biểu quyết: đồng chí Vũ Văn Dũng được 81/118 đại biểu chính thức có mặt đồng \
         ý, đạt 68,64%; đồng chí Tạ Quang Minh được 76/118 đại biểu chính thức có mặt đồng ý, \
         đạt 64,41%; đồng chí Bùi Đức Thắng được 90/118 đại biểu chính thức có mặt đồng ý, đạt \
         76,27%. Các đồng chí trên được đưa vào danh sách bầu cử.",
    ] {
        assert!(script.contains(said), "{said}: {script}");
    }
    for kind in [DocumentKind::ElectionList, DocumentKind::VoteCountMinutes] {
        let text = text_of(&paper_of(&c, kind, round(0, 0)));
        assert!(text.contains("Tạ Quang Minh"), "{text}");
        assert_eq!(
            text.matches("Tự ứng cử tại Đại hội").count(),
            1,
            "{kind:?}: {text}"
        );
        assert_eq!(
            text.matches("Được đề cử tại Đại hội").count(),
            2,
            "{kind:?}: {text}"
        );
        assert!(!text.contains(" Đề cử tại Đại hội"), "{kind:?}: {text}");
    }
}

#[test]
fn beside_probationary_members_a_vote_says_it_counts_the_full_members_present() {
    // The cell: 26 present, 2 of them probationary. Every vote reads "24/24 đảng viên chính
    // thức có mặt", and the attendance says once why 24 vote.
    let c = doan_ket();
    let note = "Trong số các đồng chí có mặt có 2 đảng viên dự bị (không có quyền biểu quyết); \
                các nội dung biểu quyết tính theo số đảng viên chính thức có mặt.";
    for kind in [DocumentKind::Script, DocumentKind::CongressMinutes] {
        let text = text_of(&paper_of(&c, kind, About::Congress));
        assert_eq!(text.matches(note).count(), 1, "{kind:?}");
        assert!(
            text.contains("24/24 đảng viên chính thức có mặt tán thành"),
            "{kind:?}"
        );
        assert!(!text.contains("24/24 đồng chí tán thành"), "{kind:?}");
        assert!(!text.contains("24/24 đảng viên tán thành"), "{kind:?}");
    }
    for kind in [DocumentKind::Resolution, DocumentKind::ResultsReport] {
        let text = text_of(&paper_of(&c, kind, About::Congress));
        assert!(
            text.contains("24/24 đảng viên chính thức có mặt tán thành"),
            "{kind:?}: {text}"
        );
    }
    // The minutes say who read the report on the members attending, as the script has it.
    let minutes = text_of(&paper_of(
        &c,
        DocumentKind::CongressMinutes,
        About::Congress,
    ));
    assert!(
        minutes.contains(
            "Đồng chí Nguyễn Thị Minh Nguyệt, Bí thư Chi bộ, Hiệu trưởng, thay mặt Chi uỷ trình \
             bày Báo cáo tình hình đảng viên dự Đại hội (số 09-BC/CB)"
        ),
        "{minutes}"
    );
    let script = text_of(&paper_of(&c, DocumentKind::Script, About::Congress));
    assert!(
        script.contains(
            "Chủ tịch Đại hội (đồng chí Nguyễn Thị Minh Nguyệt): Kính thưa Đại hội! Thay mặt Chi \
             uỷ, tôi xin báo cáo tình hình đảng viên dự Đại hội"
        ),
        "{script}"
    );
    // A delegates' congress has no probationary delegates: its papers say neither.
    let script = text_of(&paper_of(&sample(), DocumentKind::Script, About::Congress));
    assert!(script.contains("118/118 đồng chí tán thành"));
    assert!(!script.contains("dự bị không biểu quyết"));
}

#[test]
fn the_credentials_report_cites_what_exists_and_names_the_absent() {
    // QĐ 29, mục 12.2: the committee reviews the delegates' elections below and any complaint;
    // the two absent lower D from 120 to 118, so the report names them.
    let c = sample();
    let r = text_of(&paper_of(
        &c,
        DocumentKind::CredentialsReport,
        About::Congress,
    ));
    assert!(!r.contains("Quy chế làm việc"), "{r}");
    assert!(
        r.contains("theo quy định của Điều lệ Đảng, Quy định thi hành Điều lệ Đảng và Quy chế bầu cử trong Đảng"),
        "{r}"
    );
    assert!(
        r.contains(
            "Vắng mặt: 2 (hai) đồng chí: - Đồng chí Đặng Thị Ngọc Nga: ốm, điều trị tại bệnh \
             viện, có đơn xin vắng mặt; - Đồng chí Hồ Trọng Hải: đi công tác theo quyết định \
             của cơ quan."
        ),
        "{r}"
    );
    assert!(
        r.contains("Việc bầu đại biểu dự Đại hội tại đại hội các chi bộ trực thuộc được tiến hành đúng nguyên tắc, thủ tục"),
        "{r}"
    );
    assert!(
        r.contains("không nhận được đơn thư khiếu nại, tố cáo liên quan đến tư cách đại biểu"),
        "{r}"
    );
    // The record's own words replace the defaults; a cell's report has neither.
    let mut c = sample();
    let x = c
        .proceedings
        .as_mut()
        .unwrap()
        .credentials
        .as_mut()
        .unwrap();
    x.complaints = Some("Ban Thẩm tra nhận được 01 đơn, đã xem xét, trả lời.".into());
    let r = text_of(&paper_of(
        &c,
        DocumentKind::CredentialsReport,
        About::Congress,
    ));
    assert!(r.contains("Ban Thẩm tra nhận được 01 đơn"), "{r}");
    let r = text_of(&paper_of(
        &doan_ket(),
        DocumentKind::CredentialsReport,
        About::Congress,
    ));
    assert!(!r.contains("đơn thư khiếu nại"), "{r}");
    // Only the convened can be absent, as many names as the count.
    let mut c = sample();
    let a = &mut c.proceedings.as_mut().unwrap().attendance;
    a.absences[0].names = vec![daihoi::vi::PersonName::new("Lê", "Văn", "Khách")];
    a.absences[1]
        .names
        .push(daihoi::vi::PersonName::new("Lê", "Văn", "Khách"));
    let found = problems(&c);
    assert!(
        has(
            &found,
            "proceedings.attendance.absences[0].names[0]",
            "is not in `convened`"
        ),
        "{found:#?}"
    );
    assert!(
        has(
            &found,
            "proceedings.attendance.absences[1].names",
            "2 names for 1 absent"
        ),
        "{found:#?}"
    );
}

/// One order for the bodies the first session elects, in every paper that lists them: the one
/// of their vote-count minutes, most votes first, ties in ballot order (vần A, B, C; SPEC §7).
/// (The clerk found the Uỷ ban Kiểm tra listed by votes in the first session's minutes and by
/// office in the papers to the superior.)
#[test]
fn bodies_of_the_first_session_are_listed_in_the_order_of_their_count_everywhere() {
    let c = sample();
    // 15 votes: Nguyễn Thị Thu Hà before Lê Thành Vinh (Hà before Vinh on the ballot).
    let standing = [
        "Nguyễn Thị Thu Hà",
        "Lê Thành Vinh",
        "Trần Quang Huy",
        "Phạm Văn Đông",
        "Ngô Thị Thuỷ",
    ];
    // 15: Tô Minh Thành, Ngô Thị Thuỷ (Thành before Thuỷ); 14: Lê Tiến Hoà, Lương Văn Khải; 13.
    let inspection = [
        "Tô Minh Thành",
        "Ngô Thị Thuỷ",
        "Lê Tiến Hoà",
        "Lương Văn Khải",
        "Đặng Đức Lâm",
    ];
    let in_order = |text: &str, from: &str, names: &[&str]| {
        // The last mention of the body followed by all its members: the list of it.
        let start = text
            .rmatch_indices(from)
            .map(|(i, _)| i)
            .find(|i| names.iter().all(|n| text[*i..].contains(n)))
            .unwrap_or_else(|| panic!("{from}: {text}"));
        let rest = &text[start..];
        let at: Vec<usize> = names
            .iter()
            .map(|n| rest.find(n).unwrap_or_else(|| panic!("{n}: {rest}")))
            .collect();
        assert!(
            at.windows(2).all(|w| w[0] < w[1]),
            "{names:?} {at:?}: {rest}"
        );
    };
    for kind in [
        DocumentKind::Resolution,
        DocumentKind::ApprovalRequest,
        DocumentKind::CongressMinutes,
        DocumentKind::FirstSessionMinutes,
        DocumentKind::Script,
    ] {
        let text = text_of(&paper_of(&c, kind, About::Congress));
        in_order(&text, "Ban Thường vụ Đảng uỷ phường Bạch Mai", &standing);
        in_order(
            &text,
            "Uỷ ban Kiểm tra Đảng uỷ phường Bạch Mai",
            &inspection,
        );
    }
    // The count minutes' own list of the elected (the last mention of each name).
    for (election, names) in [(2, &standing), (5, &inspection)] {
        let count = text_of(&paper_of(
            &c,
            DocumentKind::VoteCountMinutes,
            round(election, 0),
        ));
        let at: Vec<usize> = names.iter().map(|n| count.rfind(n).unwrap()).collect();
        assert!(at.windows(2).all(|w| w[0] < w[1]), "{names:?}: {count}");
    }
}

#[test]
fn the_request_names_each_body_with_its_own_and_the_manifest_says_the_same() {
    // The Ban Thường vụ, the Bí thư … belong to the Đảng uỷ, the Ban Chấp hành to the Đảng bộ.
    let summary = "Đề nghị chuẩn y kết quả bầu cử Ban Chấp hành Đảng bộ phường Bạch Mai khoá XXIV, \
                   nhiệm kỳ 2020 – 2025; Ban Thường vụ, Bí thư, Phó Bí thư, Uỷ ban Kiểm tra, Chủ nhiệm Uỷ \
                   ban Kiểm tra Đảng uỷ phường Bạch Mai";
    let paper = paper_of(&sample(), DocumentKind::ApprovalRequest, About::Congress);
    let text = text_of(&paper);
    assert!(
        text.contains(&format!("TỜ TRÌNH {summary} -----")),
        "{text}"
    );
    assert_eq!(
        fold(&paper.meta().title),
        format!("Tờ trình đề nghị{}", &summary["Đề nghị".len()..])
    );
    // A cell's chi uỷ, bí thư and phó bí thư are the cell's.
    let paper = paper_of(&doan_ket(), DocumentKind::ApprovalRequest, About::Congress);
    assert!(
        text_of(&paper).contains(
            "Đề nghị chuẩn y kết quả bầu cử Chi uỷ, Bí thư, Phó Bí thư Chi bộ Trường THPT Đoàn \
             Kết - Hai Bà Trưng, nhiệm kỳ 2020 – 2025 -----"
        ),
        "{}",
        text_of(&paper)
    );
}

#[test]
fn no_committee_number_is_dated_in_the_congress_and_the_new_committee_numbers_after_it() {
    // 36-HD point 1.3 (SPEC §3.4): the congress's sequence runs from the preparatory session to
    // the closing day, the new committee's term "từ ngày liền kề sau ngày bế mạc". So the first
    // session's papers, held during the congress, are numbered …/ĐH, and no paper numbered in a
    // committee's sequence is dated on a day of the congress — but the outgoing committee's own
    // report to it (a cell's Báo cáo tình hình đảng viên dự Đại hội, made when the congress
    // opens), in the term that runs to the closing day.
    for c in [sample(), doan_ket()] {
        let code = format!("/{}", c.organisation.committee_code);
        let (first, closing) = (c.first_day(), c.last_day());
        for kind in DocumentKind::ALL {
            for paper in kind.papers(&c).unwrap() {
                let m = paper.meta();
                let Some(number) = &m.number else { continue };
                if number.ends_with(&code) && *kind != DocumentKind::CredentialsReport {
                    assert!(
                        m.date < first || m.date > closing,
                        "{number} ({}) is dated {}, a day of the congress ({first} – {closing})",
                        m.title,
                        m.date
                    );
                }
                if matches!(
                    kind,
                    DocumentKind::FirstSessionMinutes | DocumentKind::VoteCountMinutes
                ) {
                    assert!(number.ends_with("/ĐH"), "{number} ({})", m.title);
                }
                if matches!(
                    kind,
                    DocumentKind::ResultsReport | DocumentKind::ApprovalRequest
                ) {
                    assert!(m.date > closing, "{number} is dated {}", m.date);
                }
            }
        }
    }
    let minutes = paper_of(
        &sample(),
        DocumentKind::FirstSessionMinutes,
        About::Congress,
    );
    assert_eq!(minutes.meta().number.as_deref(), Some("14-BB/ĐH"));
}

/// A paper's number says who issues it, as its letterhead and its signature do (36-HD point 1.3,
/// SPEC §3.4): the credentials committee's report is the congress's (…-BC/ĐH, T/M BAN THẨM TRA
/// TƯ CÁCH ĐẠI BIỂU); a cell's report on the members attending is its chi uỷ's (…-BC/CB, under
/// the cell's letterhead, T/M CHI UỶ), in the manifest as on the paper. (The clerk found the
/// cell's report signed T/M CHI UỶ and numbered 04-BC/ĐH.)
#[test]
fn the_report_on_those_attending_is_numbered_by_whoever_signs_it() {
    let tdp12 = tdp12();
    for (c, number, signer) in [
        (sample(), "04-BC/ĐH", "T/M BAN THẨM TRA TƯ CÁCH ĐẠI BIỂU"),
        // The samples' chi uỷ have issued reports this term already (`committee_first`).
        (doan_ket(), "09-BC/CB", "T/M CHI UỶ"),
        (tdp12, "06-BC/CB", "T/M CHI UỶ"),
    ] {
        let paper = paper_of(&c, DocumentKind::CredentialsReport, About::Congress);
        let text = text_of(&paper);
        assert_eq!(paper.meta().number.as_deref(), Some(number), "{text}");
        assert!(text.contains(&format!("Số {number}")), "{text}");
        assert!(text.contains(signer), "{signer}: {text}");
        let pack = engine().pack(&c, &[daihoi::Format::Pdf]).unwrap();
        let listed = pack
            .documents
            .iter()
            .find(|d| d.kind == DocumentKind::CredentialsReport)
            .unwrap();
        assert_eq!(listed.number.as_deref(), Some(number));
        // The papers that cite it cite that number.
        for kind in [DocumentKind::CongressMinutes, DocumentKind::Script] {
            let citing = text_of(&paper_of(&c, kind, About::Congress));
            assert!(
                citing.contains(&format!("(số {number})")),
                "{kind:?}: {citing}"
            );
        }
    }
}

#[test]
fn the_first_session_elects_its_chair_by_show_of_hands_and_the_chair_signs() {
    // QĐ 29-QĐ/TW mục 15.1: the convener presides "cho đến khi bầu xong đoàn chủ tịch hoặc chủ
    // tịch hội nghị" (1 to 3 members); the figure of that vote is in the minutes as in the script.
    let c = sample();
    let minutes = text_of(&paper_of(
        &c,
        DocumentKind::FirstSessionMinutes,
        About::Congress,
    ));
    common::assert_contains_all(
        &minutes,
        &[
            "Hội nghị đã biểu quyết bầu Đoàn Chủ tịch Hội nghị gồm các đồng chí Lê Thành Vinh, Nguyễn Thị Thu Hà, Trần Quang Huy; bầu đồng chí Hoàng Thị Dung làm Thư ký Hội nghị, với 15/15 đồng chí tán thành, đạt 100,00%.",
            "Hội nghị đã bầu Ban kiểm phiếu gồm: Nguyễn Minh Tuấn (Trưởng ban), Trịnh Thị Hương (Uỷ viên), Đinh Công Sơn (Uỷ viên) (biểu quyết: 15/15 đồng chí tán thành, đạt 100,00%).",
            "T/M ĐOÀN CHỦ TỊCH HỘI NGHỊ",
        ],
    );
    assert!(!minutes.contains("CHỦ TRÌ"), "{minutes}");
    let script = text_of(&paper_of(&c, DocumentKind::Script, About::Congress));
    assert!(
        script.contains("Kết quả biểu quyết: 15/15 đồng chí tán thành, đạt 100,00%. Xin mời Đoàn Chủ tịch Hội nghị"),
        "{script}"
    );
    // Its election lists are signed for its presidium, each with the year of birth (a member
    // of the Uỷ ban Kiểm tra from outside the committee: `convened[].birth_year`).
    for (i, e) in c.elections.iter().enumerate() {
        if e.held_by != daihoi::congress::HeldBy::NewCommittee {
            continue;
        }
        let list = text_of(&paper_of(&c, DocumentKind::ElectionList, round(i, 0)));
        assert!(list.contains("Năm sinh"), "{list}");
        assert!(
            list.contains("T/M ĐOÀN CHỦ TỊCH HỘI NGHỊ Lê Thành Vinh"),
            "{list}"
        );
    }
    // A cell's chi uỷ elects its one chair, who signs as such.
    let dk = doan_ket();
    let minutes = text_of(&paper_of(
        &dk,
        DocumentKind::FirstSessionMinutes,
        About::Congress,
    ));
    assert!(
        minutes.contains("Hội nghị đã biểu quyết bầu đồng chí Nguyễn Thị Minh Nguyệt làm Chủ tịch Hội nghị và đồng chí"),
        "{minutes}"
    );
    assert!(
        minutes.contains("CHỦ TỊCH HỘI NGHỊ Nguyễn Thị Minh Nguyệt"),
        "{minutes}"
    );
    // None elected, or more than three: an error naming the field.
    let mut c = sample();
    c.proceedings
        .as_mut()
        .unwrap()
        .first_session
        .as_mut()
        .unwrap()
        .presidium
        .clear();
    let p = problems(&c);
    assert!(
        has(&p, "proceedings.first_session.presidium", "1 to 3 members"),
        "{p:#?}"
    );
}

#[test]
fn the_congress_minutes_give_the_vote_on_the_ban_kiem_phieu() {
    let c = sample();
    let minutes = text_of(&paper_of(
        &c,
        DocumentKind::CongressMinutes,
        About::Congress,
    ));
    assert!(
        minutes.contains("(biểu quyết: 118/118 đại biểu tán thành, đạt 100,00%)"),
        "{minutes}"
    );
}

fn tdp12() -> Congress {
    let text =
        std::fs::read_to_string(root().join("examples/data/bach-mai-tdp12-2027.json")).unwrap();
    daihoi::load_congress(&text).unwrap()
}

#[test]
fn the_proposal_names_whom_the_outgoing_committee_puts_forward_for_each_office() {
    // The Đề án names, for each office of the new committee, the people its first session (or
    // the congress, for a cell's bí thư) then finds on the list: the first round's list less
    // the names added at the meeting, in ballot order.
    let bach_mai = "3. Ban Thường vụ (do Hội nghị lần thứ nhất Ban Chấp hành khoá mới bầu): 5 \
                    (năm) đồng chí; dự kiến giới thiệu 6 (sáu) đồng chí: Đỗ Mạnh Cường, Phạm Văn \
                    Đông, Nguyễn Thị Thu Hà, Trần Quang Huy, Ngô Thị Thuỷ, Lê Thành Vinh.";
    let text = text_of(&paper_of(
        &sample(),
        DocumentKind::PersonnelProposal,
        About::Congress,
    ));
    assert!(text.contains(bach_mai), "{text}");
    // It cites the personnel texts before the congress's plans, as the step summonses do.
    assert!(
        text.contains(
            "2020 – 2025 ----- Căn cứ Điều lệ Đảng Cộng sản Việt Nam; Căn cứ \
             Quy chế bầu cử trong Đảng ban hành kèm theo Quyết định số 244-QĐ/TW ngày 09/6/2014 \
             của Ban Chấp hành Trung ương; Căn cứ Chỉ thị số 35-CT/TW ngày 30/5/2019"
        ) && text.contains("về công tác nhân sự cấp uỷ tại đại hội đảng bộ các cấp nhiệm kỳ 2020 – 2025; Căn cứ Kế hoạch số 155-KH/TU"),
        "{text}"
    );
    assert!(
        text.contains(
            "4. Bí thư (do Hội nghị lần thứ nhất Ban Chấp hành khoá mới bầu): 1 (một) \
                       đồng chí; dự kiến giới thiệu đồng chí Lê Thành Vinh."
        ),
        "{text}"
    );
    for c in [sample(), doan_ket(), tdp12()] {
        let proposal = text_of(&paper_of(
            &c,
            DocumentKind::PersonnelProposal,
            About::Congress,
        ));
        for (i, e) in c.elections.iter().enumerate() {
            let office_of_the_committee = !matches!(
                e.office,
                daihoi::rules::Office::ExecutiveCommittee
                    | daihoi::rules::Office::CellCommittee
                    | daihoi::rules::Office::Delegates { .. }
            );
            if !office_of_the_committee {
                continue;
            }
            // Every name of the first round's election list, but a name added at the meeting.
            let list = text_of(&paper_of(&c, DocumentKind::ElectionList, round(i, 0)));
            for x in &e.rounds[0].candidates {
                let name = x.name.full();
                assert!(
                    list.contains(&name),
                    "{name} on elections[{i}]'s list: {list}"
                );
                assert_eq!(
                    proposal.contains(&name),
                    x.floor_nominee.is_none(),
                    "{name} (elections[{i}]) in the Đề án: {proposal}"
                );
            }
        }
    }
    // A name added at the first session is the session's, not the outgoing committee's.
    let mut c = sample();
    let standing = c
        .elections
        .iter()
        .position(|e| e.office == daihoi::rules::Office::StandingCommittee)
        .unwrap();
    c.elections[standing].rounds[0].candidates[5].floor_nominee =
        Some(daihoi::rules::FloorNomination {
            approvals: 12,
            by: "Đồng chí Lê Thành Vinh đề cử".into(),
        });
    let text = text_of(&paper_of(
        &c,
        DocumentKind::PersonnelProposal,
        About::Congress,
    ));
    assert!(
        text.contains("dự kiến giới thiệu 5 (năm) đồng chí: Phạm Văn Đông,"),
        "{text}"
    );
}

#[test]
fn the_outgoing_committee_proposes_at_least_the_seats() {
    // SPEC §6.4: the committee prepares its list with a surplus of 10–15 %; fewer people than
    // the seats is worth a warning naming the seats (the samples propose 15 for 15, 5 for 5).
    for c in [sample(), doan_ket(), tdp12()] {
        let w = warnings(&c);
        assert!(!w.iter().any(|w| w.contains("Đề án")), "{w:#?}");
    }
    let mut c = sample();
    c.elections[0].seats = 16;
    let w = warnings(&c);
    assert!(
        has(
            &w,
            "elections[0].seats",
            "is 16, but the outgoing committee's Đề án nhân sự proposes only 15 people"
        ),
        "{w:#?}"
    );
}

#[test]
fn a_nominator_is_named_in_lower_case_after_do_and_party_posts_precede_positions() {
    // The 2027 sample: Hoàng Văn Nam, nominated by Phạm Thị Lan, in the script's announcement
    // and the opinion vote's minutes as every list of changes says it.
    let c = tdp12();
    let said = "đồng chí Hoàng Văn Nam (do đồng chí Phạm Thị Lan đề cử)";
    let script = text_of(&paper_of(&c, DocumentKind::Script, About::Congress));
    assert!(script.contains(said), "{script}");
    assert!(!script.contains("(Đồng chí Phạm Thị Lan"), "{script}");
    let minutes = text_of(&paper_of(&c, DocumentKind::OpinionMinutes, round(0, 0)));
    assert!(
        minutes.contains("1. Đồng chí Hoàng Văn Nam (do đồng chí Phạm Thị Lan đề cử)."),
        "{minutes}"
    );
    // A cell's bí thư is presented as a part of the one Đề án (of the chi uỷ), not a Đề án of
    // its own.
    assert!(
        script.contains(
            "tôi xin trình bày phần nhân sự Bí thư Chi bộ Tổ dân phố số 12, nhiệm kỳ \
                         2027 – 2032 trong Đề án nhân sự (số 01-ĐA/CB)"
        ),
        "{script}"
    );
    assert!(!script.contains("Đề án nhân sự Bí thư"), "{script}");
    // The Đề án's "Chức vụ" gives the post in the outgoing chi uỷ before the position, unless
    // the position names it already.
    let proposal = text_of(&paper_of(
        &c,
        DocumentKind::PersonnelProposal,
        About::Congress,
    ));
    assert_contains_all(
        &proposal,
        &[
            "Bí thư Chi bộ, Tổ trưởng Tổ dân phố số 12",
            "Phó Bí thư Chi bộ, Trưởng ban Công tác Mặt trận",
            "Chi uỷ viên, Tổ phó Tổ dân phố số 12",
        ],
    );
    let proposal = text_of(&paper_of(
        &sample(),
        DocumentKind::PersonnelProposal,
        About::Congress,
    ));
    assert_contains_all(
        &proposal,
        &[
            "Nguyễn Thị Thu Hà 1972 Nữ Phó Bí thư Thường trực Đảng uỷ phường",
            "Đảng uỷ viên, Chỉ huy trưởng Ban Chỉ huy Quân sự phường",
            "Uỷ viên Ban Thường vụ, Phó Chủ tịch Uỷ ban nhân dân phường",
        ],
    );
    assert!(
        !proposal.contains("Phó Bí thư Đảng uỷ, Phó Bí thư"),
        "{proposal}"
    );
}

/// "Đảng viên" is not a post: a member without one is named without a title, and no paper of
/// any sample calls someone ", Đảng viên" in a sentence as if it were one (the clerk's read of
/// the 2027 script: "đồng chí Bùi Thị Ngọc Ánh, Đảng viên, Thư ký Đại hội").
#[test]
fn a_member_without_a_post_is_not_given_dang_vien_as_a_title() {
    for c in [sample(), doan_ket(), tdp12()] {
        for kind in DocumentKind::ALL {
            for paper in kind.papers(&c).unwrap() {
                let text = text_of(&paper);
                assert!(
                    !text.contains(", Đảng viên"),
                    "{}: {text}",
                    paper.meta().title
                );
            }
        }
    }
    let script = text_of(&paper_of(&tdp12(), DocumentKind::Script, About::Congress));
    assert!(
        script.contains("Thư ký Đại hội: đồng chí Bùi Thị Ngọc Ánh."),
        "{script}"
    );
}

#[test]
fn a_guest_who_directs_the_congress_is_invited_to_direct_it() {
    // The samples invite whoever gives the superior's remarks "tới dự và chỉ đạo".
    for c in [sample(), doan_ket(), tdp12()] {
        let w = warnings(&c);
        assert!(
            !w.iter().any(|w| w.contains("superior's remarks")),
            "{w:#?}"
        );
    }
    let mut c = doan_ket();
    c.guests[0].directs = false;
    let w = warnings(&c);
    assert!(
        has(
            &w,
            "guests[0].directs",
            "Trần Quyết Thắng gives the superior's remarks (proceedings.superior_remarks[0])"
        ),
        "{w:#?}"
    );
}

/// The consistency warnings of `c`, as the CLI prints them.
fn warnings(c: &Congress) -> Vec<String> {
    c.consistency_warnings()
        .iter()
        .map(|d| d.to_string())
        .collect()
}

#[test]
fn the_not_elected_are_read_most_votes_first_wherever_they_are_named() {
    // The Executive Committee's first round: Hoàng Văn Thịnh 48 votes, Phan Thị Mai Anh 40 —
    // the ballot puts her first (Anh before Thịnh); every paper that names them after the
    // elected reads the same order, as it reads the elected.
    let c = sample();
    let count = text_of(&paper_of(&c, DocumentKind::VoteCountMinutes, round(0, 0)));
    let minutes = text_of(&paper_of(
        &c,
        DocumentKind::CongressMinutes,
        About::Congress,
    ));
    let script = text_of(&paper_of(&c, DocumentKind::Script, About::Congress));
    for (paper, text, intro) in [
        ("count minutes", &count, "Các đồng chí không trúng cử:"),
        ("congress minutes", &minutes, "Không trúng cử:"),
        ("script", &script, "không trúng cử:"),
    ] {
        let from = text
            .find(intro)
            .unwrap_or_else(|| panic!("{paper}: no {intro:?}"));
        let rest = &text[from..];
        let thinh = rest.find("Hoàng Văn Thịnh");
        let anh = rest.find("Phan Thị Mai Anh");
        assert!(
            matches!((thinh, anh), (Some(t), Some(a)) if t < a),
            "{paper}: {}",
            &rest[..rest.len().min(400)]
        );
    }
}

#[test]
fn the_programme_gives_the_opening_and_the_closing_to_whoever_the_script_has_run_them() {
    // Đoàn Kết: the host (Đỗ Thị Thanh Hải) hands over once the chair is elected; the chair
    // opens and closes the congress in the script, with no introduction, and the programme
    // says the same.
    let c = doan_ket();
    let after = |text: &str, from: &str| -> String {
        let at = text.rfind(from).unwrap_or_else(|| panic!("{from}: {text}"));
        text[at..].chars().take(120).collect()
    };
    let programme = text_of(&paper_of(&c, DocumentKind::Programme, About::Congress));
    for row in ["Diễn văn khai mạc", "Bế mạc Đại hội; chào cờ"] {
        let cells = after(&programme, row);
        assert!(
            cells.contains("Chủ tịch Đại hội") && !cells.contains("Đỗ Thị Thanh Hải"),
            "{cells}"
        );
    }
    let script = text_of(&paper_of(&c, DocumentKind::Script, About::Congress));
    for heading in ["KHAI MẠC ĐẠI HỘI", "BẾ MẠC ĐẠI HỘI"] {
        let step = after(&script, heading);
        assert!(
            step.contains("Chủ tịch Đại hội (đồng chí Nguyễn Thị Minh Nguyệt):"),
            "{step}"
        );
    }
}

#[test]
fn one_name_twice_on_a_list_is_a_warning_naming_both_places_in_the_file() {
    // Đoàn Kết's chi uỷ list with its sixth name replaced by the fourth (Phạm Quốc Bảo):
    // namesakes may stand, so the papers are made, but the pack says where to look.
    let mut c = doan_ket();
    let round = &mut c.elections[0].rounds[0];
    round.candidates[5].name = round.candidates[3].name.clone();
    let w = warnings(&c);
    assert!(
        w.iter().any(|x| x.starts_with(
            "elections[0].rounds[0].candidates[5].name: Phạm Quốc Bảo is also candidates[3]"
        )),
        "{w:#?}"
    );
    assert!(warnings(&doan_ket()).is_empty());
}

#[test]
fn delegates_vote_with_their_delegate_cards_and_members_with_their_party_cards() {
    // Bạch Mai is a delegates' congress: the script, the standing orders, the election rules
    // and the minutes ask for "thẻ đại biểu"; its new committee's first session, and Đoàn Kết's
    // members' congress, for "thẻ đảng viên".
    let c = sample();
    let script = text_of(&paper_of(&c, DocumentKind::Script, About::Congress));
    let first_session = script.find("HỘI NGHỊ LẦN THỨ NHẤT").unwrap();
    let resolution = script.rfind("THÔNG QUA NGHỊ QUYẾT").unwrap();
    assert!(!script[..first_session].contains("giơ thẻ đảng viên"));
    assert!(script[..first_session].contains("giơ thẻ đại biểu"));
    assert!(!script[first_session..resolution].contains("giơ thẻ đại biểu"));
    assert!(script[first_session..resolution].contains("giơ thẻ đảng viên"));
    for kind in [
        DocumentKind::StandingOrders,
        DocumentKind::ElectionRules,
        DocumentKind::CongressMinutes,
    ] {
        let text = text_of(&paper_of(&c, kind, About::Congress));
        assert!(text.contains("giơ thẻ đại biểu"), "{kind:?}");
        assert!(!text.contains("giơ thẻ đảng viên"), "{kind:?}");
    }
    let script = text_of(&paper_of(
        &doan_ket(),
        DocumentKind::Script,
        About::Congress,
    ));
    assert!(script.contains("giơ thẻ đảng viên"));
    assert!(!script.contains("giơ thẻ đại biểu"));
}
