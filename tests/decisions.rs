//! The papers before the first vote and after the last (issue 11): the standing orders and the
//! election rules, the credentials report, the election lists, the new committee's first
//! session, the resolution, and the report and the request sent to the superior. Each prints
//! what the one record holds — the elected from the tallies, the numbers of the papers it cites
//! — and the record may not contradict itself about them.

mod common;

use common::*;
use daihoi::congress::{CommitteePeriod, HeldBy, StepKind};
use daihoi::rules::{self, Office};
use daihoi::{About, Congress, DocumentKind, Format};

const BACH_MAI: &str = "examples/data/bach-mai-2020.json";
const DOAN_KET: &str = "examples/data/doan-ket-2020.json";

fn load(path: &str) -> Congress {
    let text = std::fs::read_to_string(root().join(path)).unwrap();
    daihoi::load_congress(&text).unwrap()
}

fn text(c: &Congress, kind: DocumentKind) -> String {
    text_of(&paper_of(c, kind, About::Congress))
}

/// The names elected in `elections[i]`, by the Party's tally of each round (the seats of a
/// later round are what the earlier one left).
fn elected(c: &Congress, i: usize) -> Vec<String> {
    let e = &c.elections[i];
    let mut seats = e.seats;
    let mut out = Vec::new();
    for (r, counts) in e.rounds.iter().enumerate() {
        let mut candidates = counts.candidates.clone();
        candidates.sort_by_cached_key(|x| x.name.key());
        let election = rules::Election {
            office: e.office.clone(),
            seats: counts.seats.unwrap_or(seats),
            round: r as u32 + 1,
            candidates,
            denominator: counts.denominator.clone(),
            present: counts.present,
            ballots: counts.ballots.clone(),
            rule_set: c.rule_set,
            kind: c.kind,
        };
        let t = rules::tally(&election).unwrap();
        out.extend(t.elected.iter().map(|k| t.outcomes[*k].name.full()));
        seats = t.tie.map(|t| t.seats_left).unwrap_or(0) + t.further_round_seats;
    }
    out
}

/// The number the pack gives the paper of `kind` about the congress.
fn number(c: &Congress, kind: DocumentKind) -> String {
    paper_of(c, kind, About::Congress)
        .meta()
        .number
        .clone()
        .unwrap()
}

#[test]
fn the_papers_after_the_vote_name_whom_the_tallies_elected() {
    for path in [BACH_MAI, DOAN_KET] {
        let c = load(path);
        let resolution = text(&c, DocumentKind::Resolution);
        let request = text(&c, DocumentKind::ApprovalRequest);
        let report = text(&c, DocumentKind::ResultsReport);
        let summary = text(&c, DocumentKind::CommitteeSummary);
        let minutes = text(&c, DocumentKind::CongressMinutes);
        let session = text(&c, DocumentKind::FirstSessionMinutes);
        let delegates = text_of(&DocumentKind::ElectedDelegates.papers(&c).unwrap()[0]);
        for (i, e) in c.elections.iter().enumerate() {
            let names = elected(&c, i);
            assert!(!names.is_empty(), "{path}: elections[{i}]");
            for name in &names {
                assert!(
                    resolution.contains(name),
                    "{path}: {name} not in the resolution"
                );
                let session_or_congress = match e.held_by {
                    HeldBy::Congress => &minutes,
                    HeldBy::NewCommittee => &session,
                };
                assert!(
                    session_or_congress.contains(name),
                    "{path}: {name} not in the minutes"
                );
                match &e.office {
                    // The delegates are reported with their list; the superior does not approve
                    // them.
                    Office::Delegates { .. } => {
                        assert!(delegates.contains(name), "{path}: {name}");
                    }
                    // The committee is listed in its trích ngang; every other office by name.
                    Office::ExecutiveCommittee | Office::CellCommittee => {
                        assert!(
                            summary.contains(name),
                            "{path}: {name} not in the trích ngang"
                        )
                    }
                    _ => assert!(request.contains(name), "{path}: {name} not in the request"),
                }
            }
        }
        // Those not elected are in no list of the elected.
        for (i, e) in c.elections.iter().enumerate() {
            let names = elected(&c, i);
            for x in e.rounds.iter().flat_map(|r| &r.candidates) {
                let name = x.name.full();
                let elected_elsewhere = (0..c.elections.len()).any(|j| {
                    matches!(
                        c.elections[j].office,
                        Office::ExecutiveCommittee | Office::CellCommittee
                    ) && elected(&c, j).contains(&name)
                });
                if !names.contains(&name) && !elected_elsewhere {
                    assert!(
                        !summary.contains(&name),
                        "{path}: {name} is in the trích ngang"
                    );
                }
            }
        }
        assert!(report.contains("Kết quả bầu cử"), "{path}");
    }
}

#[test]
fn each_paper_cites_the_others_by_the_numbers_they_carry() {
    for path in [BACH_MAI, DOAN_KET] {
        let c = load(path);
        let resolution = number(&c, DocumentKind::Resolution);
        let credentials = number(&c, DocumentKind::CredentialsReport);
        let orders = number(&c, DocumentKind::StandingOrders);
        let rules = number(&c, DocumentKind::ElectionRules);
        let session = number(&c, DocumentKind::FirstSessionMinutes);
        let report = number(&c, DocumentKind::ResultsReport);
        let request = number(&c, DocumentKind::ApprovalRequest);
        let minutes = text(&c, DocumentKind::CongressMinutes);
        for cited in [
            format!("Nghị quyết số {resolution}"),
            format!("(số {credentials})"),
            format!("Nội quy số {orders}"),
            format!("Quy chế bầu cử số {rules}"),
            format!("(Biên bản số {session})"),
        ] {
            assert!(
                minutes.contains(&cited),
                "{path}: the minutes lack {cited:?}"
            );
        }
        let script = text(&c, DocumentKind::Script);
        assert!(
            script.contains(&format!("(Nghị quyết số {resolution})")),
            "{path}"
        );
        assert!(script.contains(&format!("(số {credentials})")), "{path}");
        assert!(
            text(&c, DocumentKind::StandingOrders).contains(&format!("(Quy chế số {rules})")),
            "{path}"
        );
        let report_text = text(&c, DocumentKind::ResultsReport);
        assert!(
            report_text.contains(&format!("Nghị quyết số {resolution}")),
            "{path}"
        );
        assert!(
            report_text.contains(&format!("Tờ trình số {request}")),
            "{path}"
        );
        assert!(
            text(&c, DocumentKind::CommitteeSummary).contains(&format!("Tờ trình số {request}")),
            "{path}"
        );
        let delegates = text_of(&DocumentKind::ElectedDelegates.papers(&c).unwrap()[0]);
        assert!(
            delegates.contains(&format!("Báo cáo số {report}")),
            "{path}"
        );
        // Numbered in the congress's sequence before the first vote-count minutes and after
        // the last: QC, QC, BC … BB … NQ, then the minutes. (A cell's report on the members
        // attending is its chi uỷ's, in the chi uỷ's sequence.)
        let seq = |n: &str| n.split('-').next().unwrap().parse::<u32>().unwrap();
        assert!(seq(&orders) < seq(&rules), "{path}");
        let by_congress = credentials.ends_with("/ĐH");
        if by_congress {
            assert!(seq(&rules) < seq(&credentials), "{path}");
        } else {
            assert!(credentials.ends_with("-BC/CB"), "{path}: {credentials}");
        }
        let first_count = DocumentKind::VoteCountMinutes.papers(&c).unwrap()[0]
            .meta()
            .number
            .clone()
            .unwrap();
        assert!(seq(&rules) < seq(&first_count), "{path}");
        if by_congress {
            assert!(seq(&credentials) < seq(&first_count), "{path}");
        }
        assert!(
            seq(&resolution) + 1 == seq(&number(&c, DocumentKind::CongressMinutes)),
            "{path}"
        );
    }
}

#[test]
fn the_new_committee_numbers_its_papers_from_01_when_numbering_runs_by_term() {
    let mut c = load(BACH_MAI);
    c.numbering.committee_period = CommitteePeriod::Term;
    // Its first session is held during the congress: its papers take the congress's sequence
    // (SPEC §3.4), after the congress's own counts and before the resolution.
    let session: Vec<String> = DocumentKind::VoteCountMinutes
        .papers(&c)
        .unwrap()
        .iter()
        .filter_map(|p| p.meta().number.clone())
        .collect();
    assert_eq!(
        session,
        [
            "05-BB/ĐH",
            "06-BB/ĐH",
            "07-BB/ĐH",
            "08-BB/ĐH",
            "09-BB/ĐH",
            "10-BB/ĐH",
            "11-BB/ĐH",
            "12-BB/ĐH",
            "13-BB/ĐH"
        ]
    );
    assert_eq!(number(&c, DocumentKind::FirstSessionMinutes), "14-BB/ĐH");
    assert_eq!(number(&c, DocumentKind::Resolution), "15-NQ/ĐH");
    assert_eq!(number(&c, DocumentKind::ResultsReport), "01-BC/ĐU");
    assert_eq!(number(&c, DocumentKind::ApprovalRequest), "01-TTr/ĐU");
    // With yearly numbering the first session stays in the congress's sequence.
    c.numbering.committee_period = CommitteePeriod::Year;
    assert_eq!(number(&c, DocumentKind::FirstSessionMinutes), "14-BB/ĐH");
    // A pin is kept.
    c.numbering.committee_period = CommitteePeriod::Term;
    c.report_to_superior.as_mut().unwrap().request_number = Some(4);
    assert_eq!(number(&c, DocumentKind::ApprovalRequest), "04-TTr/ĐU");
}

/// Every problem of `c`, as text.
fn problems(c: &Congress) -> Vec<String> {
    c.validate().iter().map(|d| d.to_string()).collect()
}

fn assert_problem(c: &Congress, expected: &str) {
    let found = problems(c);
    assert!(
        found.iter().any(|p| p.contains(expected)),
        "missing {expected:?} in {found:#?}"
    );
}

#[test]
fn the_credentials_add_up_to_the_convened() {
    let mut c = load(BACH_MAI);
    let x = c
        .proceedings
        .as_mut()
        .unwrap()
        .credentials
        .as_mut()
        .unwrap();
    x.breakdowns[1].items[0].count -= 1;
    assert_problem(
        &c,
        "proceedings.credentials.breakdowns[1].items: the categories add up to 119, but \
         proceedings.attendance.convened is 120",
    );
    // A breakdown of some only is not a partition.
    let x = c
        .proceedings
        .as_mut()
        .unwrap()
        .credentials
        .as_mut()
        .unwrap();
    x.breakdowns[1].complete = false;
    assert!(problems(&c).is_empty(), "{:#?}", problems(&c));
    // The report cannot be adopted by more than are present.
    let x = c
        .proceedings
        .as_mut()
        .unwrap()
        .credentials
        .as_mut()
        .unwrap();
    x.vote.agree = 119;
    assert_problem(
        &c,
        "proceedings.credentials.vote: 119 in favour + 0 against is more than the 118 present",
    );
}

#[test]
fn the_first_session_convenes_the_new_committee_and_elects_from_it() {
    let base = load(BACH_MAI);
    let bt = base
        .elections
        .iter()
        .position(|e| e.office == Office::StandingCommittee)
        .unwrap();
    // Someone who is not a member of the new committee cannot stand for its standing
    // committee.
    let mut c = base.clone();
    c.elections[bt].rounds[0].candidates[5].name = daihoi::vi::PersonName::new("Lê", "Thị", "Hạnh");
    assert_problem(
        &c,
        &format!(
            "elections[{bt}].rounds[0].candidates[5].name: Lê Thị Hạnh is not a member of the \
             new committee (elected at elections[0])"
        ),
    );
    // The first session convenes every member elected.
    let mut c = base.clone();
    c.elections[bt].rounds[0].denominator.convened = 16;
    assert_problem(
        &c,
        &format!(
            "elections[{bt}].rounds[0].denominator.convened: 16 convened, but the congress \
             elected 15 to the committee (elections[0])"
        ),
    );
    // Its chair is one of them.
    let mut c = base.clone();
    c.proceedings
        .as_mut()
        .unwrap()
        .first_session
        .as_mut()
        .unwrap()
        .chair
        .name = daihoi::vi::PersonName::new("Đỗ", "Thị Minh", "Thư");
    assert_problem(
        &c,
        "proceedings.first_session.chair.name: Đỗ Thị Minh Thư is not a member of the new \
         committee elected at elections[0]",
    );
    // Without a first session, its elections have nowhere to be held.
    let mut c = base.clone();
    c.proceedings.as_mut().unwrap().first_session = None;
    assert_problem(
        &c,
        &format!(
            "elections[{bt}].held_by: an election held by the new committee needs \
             `proceedings.first_session`"
        ),
    );
    // Its elections are part of its item of the agenda, not items of the congress.
    let mut c = base.clone();
    let agenda = c.proceedings.as_mut().unwrap().agenda.as_mut().unwrap();
    let mut item = daihoi::congress::AgendaItem::new(StepKind::Election, Some(bt));
    item.time = None;
    agenda[1].items.insert(12, item);
    agenda[1].items.retain(|i| i.step != StepKind::FirstSession);
    let found = problems(&c);
    for expected in [
        format!(
            "proceedings.agenda: elections[{bt}] is held by the new committee at its first session"
        ),
        "proceedings.agenda: `first_session` appears 0 times in the agenda".to_string(),
    ] {
        assert!(
            found.iter().any(|p| p.contains(&expected)),
            "{expected} in {found:#?}"
        );
    }
    // An office of one is not voted on in number.
    let mut c = base.clone();
    let secretary = c
        .elections
        .iter()
        .position(|e| e.office == Office::Secretary)
        .unwrap();
    c.elections[secretary].seats_vote = Some(daihoi::congress::HandVote {
        agree: 15,
        against: 0,
        present: None,
        at: None,
    });
    assert_problem(
        &c,
        &format!(
            "elections[{secretary}].seats_vote: the number of Bí thư is not voted: it is an \
             office of one"
        ),
    );
}

#[test]
fn the_papers_to_the_superior_follow_the_congress_and_list_every_member() {
    let mut c = load(BACH_MAI);
    c.report_to_superior.as_mut().unwrap().date = daihoi::vi::Date::new(2020, 3, 18).unwrap();
    assert_problem(
        &c,
        "report_to_superior.date: 2020-03-18 is before the congress closes (2020-03-19)",
    );
    // A member without a profile: no trích ngang is sent (it would be incomplete), the request
    // names the members instead, and the pack says why.
    let mut c = load(DOAN_KET);
    c.candidates.retain(|p| p.name.full() != "Phạm Quốc Bảo");
    assert!(problems(&c).is_empty(), "{:#?}", problems(&c));
    assert!(DocumentKind::CommitteeSummary
        .papers(&c)
        .unwrap()
        .is_empty());
    let request = text(&c, DocumentKind::ApprovalRequest);
    assert!(!request.contains("trích ngang"), "{request}");
    assert!(
        request.contains(
            "gồm 5 (năm) đồng chí (Biên bản kiểm phiếu số 04-BB/ĐH): - Đồng chí Nguyễn Thị Minh Nguyệt (số phiếu"
        ),
        "{request}"
    );
    assert!(request.contains("Phạm Quốc Bảo"), "{request}");
    let warnings: Vec<String> = c
        .consistency_warnings()
        .iter()
        .map(|d| d.to_string())
        .collect();
    assert!(
        warnings.iter().any(|w| w.contains(
            "candidates: Phạm Quốc Bảo is elected to the committee (elections[0]) but has no profile"
        )),
        "{warnings:?}"
    );
}

#[test]
fn the_rules_are_the_standard_texts_filled_from_the_record() {
    let c = load(BACH_MAI);
    let rules = text(&c, DocumentKind::ElectionRules);
    common::assert_contains_all(
        &rules,
        &[
            "QUY CHẾ BẦU CỬ",
            // Adopted on 18/3/2020, the rules cannot cite Hướng dẫn 03-HD/TW of 20/3/2020: the
            // regulation is the last "Căn cứ" and ends with a comma.
            "Căn cứ Quy chế bầu cử trong Đảng ban hành kèm theo Quyết định số 244-QĐ/TW ngày 09/6/2014 của Ban Chấp hành Trung ương, Đại hội thống nhất",
            // The surplus limit: 30% of 15 seats, rounded down.
            "Đề án nhân sự số 01-ĐA/ĐU đề nghị 15 (mười lăm) đồng chí, Đại hội biểu quyết quyết định số lượng; danh sách bầu cử phải nhiều hơn số lượng cần bầu, số dư không quá 30% số lượng cần bầu (không quá 4 (bốn) đồng chí)",
            "8 (tám) đồng chí, theo số lượng cấp uỷ cấp trên phân bổ; Đại hội không biểu quyết số lượng",
            "Phiếu gạch tên tất cả những người trong danh sách bầu cử có số dư",
            "quá một nửa so với tổng số đại biểu chính thức được triệu tập",
            "để bầu Ban Thường vụ, Bí thư, Phó Bí thư, Uỷ ban Kiểm tra, Chủ nhiệm Uỷ ban Kiểm tra",
            "Ban Thường vụ Quận uỷ Hai Bà Trưng xem xét, chuẩn y",
            "thông qua tại phiên trù bị ngày 18/3/2020",
            "T/M ĐOÀN CHỦ TỊCH Lê Thành Vinh",
        ],
    );
    assert!(!rules.contains("03-HD/TW"), "{rules}");
    // A congress that elects no delegates to the superior congress has no rule for them.
    let delegates = "bầu đại biểu dự đại hội cấp trên chưa đủ số lượng thì bầu tiếp";
    assert!(rules.contains(delegates), "{rules}");
    let none = load("examples/data/bach-mai-tdp12-2027.json");
    assert!(!none
        .elections
        .iter()
        .any(|e| matches!(e.office, daihoi::rules::Office::Delegates { .. })));
    let none = text(&none, DocumentKind::ElectionRules);
    assert!(
        none.contains("quyết định việc bầu tiếp. Điều 8.") && !none.contains(delegates),
        "{none}"
    );
    // Đoàn Kết's, of 26/3/2020, cite it.
    let later = text(&load(DOAN_KET), DocumentKind::ElectionRules);
    assert!(
        later.contains("ngày 09/6/2014 của Ban Chấp hành Trung ương; Căn cứ Hướng dẫn số 03-HD/TW ngày 20/3/2020 của Ban Bí thư"),
        "{later}"
    );
    let orders = text(&load(DOAN_KET), DocumentKind::StandingOrders);
    common::assert_contains_all(
        &orders,
        &[
            "NỘI QUY",
            "Thời gian: từ 7h30’ đến 11h40’, Thứ Năm, ngày 26/3/2020.",
            "Trang phục: nam mặc áo sơ mi, quần âu; nữ mặc áo dài truyền thống.",
            "Đảng viên dự bị và khách mời không tham gia biểu quyết, bầu cử.",
            "đo thân nhiệt; sát khuẩn tay",
            "CHỦ TỊCH ĐẠI HỘI Nguyễn Thị Minh Nguyệt",
        ],
    );
}

#[test]
fn the_credentials_report_counts_the_convened_and_concludes() {
    let c = load(BACH_MAI);
    let report = text(&c, DocumentKind::CredentialsReport);
    common::assert_contains_all(
        &report,
        &[
            "BAN THẨM TRA TƯ CÁCH ĐẠI BIỂU",
            "Tổng số đại biểu chính thức được triệu tập: 120 (một trăm hai mươi) đồng chí, trong đó:",
            "- Nữ: 54 đồng chí, chiếm 45,00%.",
            "Có mặt: 118 (một trăm mười tám) đồng chí, đạt 98,33% số đại biểu được triệu tập.",
            "Tất cả 118 (một trăm mười tám) đồng chí đại biểu có mặt đều đủ tư cách đại biểu chính thức dự Đại hội.",
            "TRƯỞNG BAN Ngô Thị Thuỷ",
        ],
    );
    // Someone found not qualified is named with the reason, and the others counted.
    let mut c = c;
    let x = c
        .proceedings
        .as_mut()
        .unwrap()
        .credentials
        .as_mut()
        .unwrap();
    x.not_qualified.push(daihoi::congress::NotQualified {
        name: daihoi::vi::PersonName::new("Lê", "Thị", "Hạnh"),
        reason: "đang bị đình chỉ sinh hoạt đảng".into(),
    });
    let report = text(&c, DocumentKind::CredentialsReport);
    assert!(
        report.contains("- Đồng chí Lê Thị Hạnh: đang bị đình chỉ sinh hoạt đảng."),
        "{report}"
    );
    assert!(
        report.contains("117 (một trăm mười bảy) đồng chí có mặt còn lại đủ tư cách"),
        "{report}"
    );
    // A members' congress hears the convening chi uỷ on its members (QĐ 29 mục 12.2).
    let report = text(&load(DOAN_KET), DocumentKind::CredentialsReport);
    assert!(
        report.contains("Tình hình đảng viên dự Đại hội Chi bộ"),
        "{report}"
    );
    assert!(
        report.contains("đảng viên chính thức: 25 đồng chí, đảng viên dự bị: 2 đồng chí"),
        "{report}"
    );
    assert!(
        report.contains("T/M CHI UỶ BÍ THƯ Nguyễn Thị Minh Nguyệt"),
        "{report}"
    );
}

#[test]
fn the_resolution_sets_the_targets_and_records_its_vote() {
    let c = load(BACH_MAI);
    let r = text(&c, DocumentKind::Resolution);
    common::assert_contains_all(
        &r,
        &[
            "QUYẾT NGHỊ:",
            "4. Các chỉ tiêu chủ yếu nhiệm kỳ 2020 – 2025",
            "Về xây dựng Đảng: - Kết nạp đảng viên mới: từ 8 đến 10 đảng viên/năm;",
            "Hội nghị lần thứ nhất Ban Chấp hành Đảng bộ phường Bạch Mai khoá XXIV, nhiệm kỳ 2020 – 2025 đã bầu: - Ban Thường vụ Đảng uỷ phường Bạch Mai khoá XXIV, nhiệm kỳ 2020 – 2025 gồm 5 (năm) đồng chí:",
            "biểu quyết thông qua hồi 18 giờ 42 phút ngày 19/3/2020, với 118/118 đại biểu tán thành, đạt 100,00%./.",
            "T/M ĐOÀN CHỦ TỊCH",
        ],
    );
    // Without targets or an assessment, the parts are left out and the rest renumbered.
    let mut c = c;
    let res = &mut c.proceedings.as_mut().unwrap().resolution;
    res.targets.clear();
    res.assessment.clear();
    res.objective = None;
    res.tasks.clear();
    let r = text(&c, DocumentKind::Resolution);
    assert!(
        r.contains("2. Kết quả bầu cử") && r.contains("3. Tổ chức thực hiện"),
        "{r}"
    );
    assert!(!r.contains("chỉ tiêu"), "{r}");
    // A cell's resolution is signed for the cell by the secretary it elected.
    let r = text(&load(DOAN_KET), DocumentKind::Resolution);
    assert!(
        r.contains("T/M CHI BỘ BÍ THƯ Nguyễn Thị Minh Nguyệt"),
        "{r}"
    );
    assert!(
        r.contains("với 24/24 đảng viên chính thức có mặt tán thành"),
        "{r}"
    );
}

#[test]
fn every_new_paper_renders_in_both_formats() {
    let c = load(DOAN_KET);
    for kind in [
        DocumentKind::StandingOrders,
        DocumentKind::ElectionRules,
        DocumentKind::SignInSheet,
        DocumentKind::CredentialsReport,
        DocumentKind::ElectionList,
        DocumentKind::FirstSessionMinutes,
        DocumentKind::Resolution,
        DocumentKind::CommitteeSummary,
        DocumentKind::ElectedDelegates,
        DocumentKind::ResultsReport,
        DocumentKind::ApprovalRequest,
    ] {
        for paper in kind.papers(&c).unwrap() {
            for format in [Format::Docx, Format::Pdf] {
                let out = engine().render(&paper, format).unwrap();
                assert!(!out.bytes.is_empty(), "{kind} {format:?}");
            }
        }
    }
}

/// Whoever the convening committee invited "tới dự và chỉ đạo Đại hội" is named in the report to
/// the superior as having attended and directed it, whether or not they spoke (the clerk found
/// Bạch Mai's report naming only the one who gave the remarks, though two were so invited).
#[test]
fn the_report_names_every_guest_invited_to_direct_the_congress() {
    let c = load(BACH_MAI);
    let directing: Vec<String> = c
        .guests
        .iter()
        .filter(|g| g.directs)
        .map(|g| g.name.full())
        .collect();
    assert_eq!(directing.len(), 2);
    let report = text(&c, DocumentKind::ResultsReport);
    let line = report
        .split("Dự và chỉ đạo Đại hội có ")
        .nth(1)
        .expect("the line of the superior's representatives");
    for name in &directing {
        assert!(
            line.contains(&format!("đồng chí {name}")),
            "{name}: {report}"
        );
    }
    // Named once each, though one of them also spoke.
    assert_eq!(line.matches(directing[0].as_str()).count(), 1, "{report}");
}

/// The sign-in sheet of a members' congress carries the convened list's notes, so that whoever
/// counts those present sees who does not vote; a list without notes has no such column.
#[test]
fn the_sign_in_sheet_says_who_is_probationary_or_exempt() {
    let sheet = text(&load(DOAN_KET), DocumentKind::SignInSheet);
    common::assert_contains_all(
        &sheet,
        &[
            "Chức vụ, đơn vị Ghi chú Ký tên",
            "Lương Thị Lan Thu Giáo viên Sinh học Miễn sinh hoạt đảng",
            "Đào Minh Thịnh Giáo viên Địa lý Đảng viên dự bị",
        ],
    );
    let mut c = load(DOAN_KET);
    for x in &mut c.convened {
        x.note.clear();
    }
    let sheet = text(&c, DocumentKind::SignInSheet);
    assert!(!sheet.contains("Ghi chú"), "{sheet}");
    // Every delegate votes: Bạch Mai's "Đại biểu đương nhiên" stay on the convened list.
    let sheet = text(&load(BACH_MAI), DocumentKind::SignInSheet);
    assert!(!sheet.contains("Ghi chú"), "{sheet}");
}

/// The notice convening the congress announces the range its own schedule covers, as the
/// programme does: Đoàn Kết checks attendance from 7h15’ for a congress opening at 7h30’. Its
/// body ends with the mark of the rule set.
#[test]
fn the_notice_announces_the_time_its_schedule_covers() {
    let c = load(DOAN_KET);
    let notice = text(&c, DocumentKind::Summons);
    common::assert_contains_all(
        &notice,
        &[
            "½ ngày, từ 7h15’ đến 11h40’, ngày 26/3/2020",
            "+ Từ 7h15’ đến 7h30’",
        ],
    );
    // Its body ends on the record's last note, with "./." in place of the note's full stop.
    assert!(
        notice.contains("sát khuẩn tay trước khi vào phòng họp./.") && !notice.contains("../."),
        "{notice}"
    );
    let programme = text(&c, DocumentKind::Programme);
    assert!(programme.contains("Từ 7h15’ đến 11h40’"), "{programme}");
    // The invitations keep the opening.
    let invitation = &DocumentKind::Invitation.papers(&c).unwrap()[0];
    let invitation = text_of(invitation);
    assert!(invitation.contains("7h30’"), "{invitation}");
}
