//! The personnel-procedure papers (quy trình nhân sự, SPEC §5) and the candidate summary list
//! (danh sách trích ngang, §4.9), at the tree level: golden trees of the sample, the worked
//! example P1 of SPEC §8.1, a failed quorum, a long summary, the name order, and the errors.

mod common;

use common::*;
use daihoi::congress::{CandidateProfile, Education, Gender};
use daihoi::rules::{Absence, BallotCounts, Step, StepInput, StepVote, Track};
use daihoi::tree::{write_tree, Block, Document as Tree, Table};
use daihoi::vi::PersonName;
use daihoi::{About, Congress, DocumentKind, Paper};

const RE: Track = Track::ReElection;
const FIRST: Track = Track::FirstTime;

fn tree(doc: &Paper) -> Tree {
    engine()
        .render_tree(doc)
        .unwrap_or_else(|e| panic!("{} does not render: {e:#}", doc.meta().title))
}

fn text(doc: &Paper) -> String {
    fold(&tree(doc).plain_text())
}

/// Where `step` of `track` is in the record.
fn at(c: &Congress, track: Track, step: Step) -> About {
    let record = c.personnel.as_ref().unwrap();
    let t = record.tracks.iter().position(|t| t.track == track).unwrap();
    let s = record.tracks[t]
        .steps
        .iter()
        .position(|s| s.counts.step == step)
        .unwrap();
    About::Step { track: t, step: s }
}

/// The paper of `kind` of `step` of `track`.
fn paper(c: &Congress, kind: DocumentKind, track: Track, step: Step) -> Paper {
    match kind.paper(c, at(c, track, step)) {
        Ok(p) => p,
        Err(e) => panic!("{e:#}"),
    }
}

/// The summary of `track`.
fn summary(c: &Congress, track: Track) -> Paper {
    let t = c
        .personnel
        .as_ref()
        .unwrap()
        .tracks
        .iter()
        .position(|t| t.track == track)
        .unwrap();
    paper_of(c, DocumentKind::PersonnelSummary, About::Track { track: t })
}

/// The candidate list.
fn list(c: &Congress) -> Paper {
    paper_of(c, DocumentKind::CandidateList, About::Congress)
}

/// Every table of a tree (tables do not nest).
fn tables(t: &Tree) -> Vec<&Table> {
    t.blocks
        .iter()
        .filter_map(|b| match b {
            Block::Table(t) => Some(t),
            _ => None,
        })
        .collect()
}

/// The bordered table: the one with the data.
fn data_table(t: &Tree) -> &Table {
    let found: Vec<&Table> = tables(t).into_iter().filter(|t| t.borders).collect();
    assert_eq!(found.len(), 1, "expected one bordered table");
    found[0]
}

/// The text of column `col` of every row below the header.
fn column(table: &Table, col: usize) -> Vec<String> {
    table
        .rows
        .iter()
        .skip(table.header_rows)
        .map(|r| {
            let mut s = String::new();
            for b in &r.cells[col].blocks {
                if let Block::Paragraph(p) = b {
                    if !s.is_empty() {
                        s.push(' ');
                    }
                    s.push_str(&p.text());
                }
            }
            s
        })
        .collect()
}

fn name(ho: &str, dem: &str, ten: &str) -> PersonName {
    PersonName::new(ho, dem, ten)
}

// ---------------------------------------------------------------------------------------------
// Golden trees
// ---------------------------------------------------------------------------------------------

#[test]
fn golden_trees_of_the_sample_personnel_papers() {
    let c = sample();
    let step = Step::KeyOfficials;
    for (name, kind) in [
        ("conference_summons_tree", DocumentKind::ConferenceSummons),
        ("introduction_ballot_tree", DocumentKind::IntroductionBallot),
        (
            "introduction_tally_minutes_tree",
            DocumentKind::IntroductionTallyMinutes,
        ),
        ("conference_minutes_tree", DocumentKind::ConferenceMinutes),
    ] {
        insta::assert_snapshot!(name, write_tree(&tree(&paper(&c, kind, RE, step))));
    }
    insta::assert_snapshot!(
        "personnel_summary_tree",
        write_tree(&tree(&summary(&c, RE)))
    );
    insta::assert_snapshot!("candidate_list_tree", write_tree(&tree(&list(&c))));
}

#[test]
fn the_sample_congress_with_its_personnel_procedure_is_valid() {
    assert_eq!(sample().validate(), vec![]);
}

#[test]
fn every_paper_of_every_step_of_both_tracks_renders_with_its_own_file_name() {
    let c = sample();
    let mut stems = std::collections::BTreeSet::new();
    for kind in [
        DocumentKind::ConferenceSummons,
        DocumentKind::IntroductionBallot,
        DocumentKind::IntroductionTallyMinutes,
        DocumentKind::ConferenceMinutes,
        DocumentKind::PersonnelSummary,
        DocumentKind::CandidateList,
    ] {
        for p in kind.papers(&c).unwrap() {
            tree(&p);
            assert!(
                stems.insert(p.meta().file_stem.clone()),
                "file name {} is used twice",
                p.meta().file_stem
            );
        }
    }
    // Every step has a ballot, tally minutes and minutes; steps 1 and 4 (meetings of the
    // standing committee) have no summons.
    assert_eq!(
        DocumentKind::IntroductionBallot.papers(&c).unwrap().len(),
        10
    );
    assert_eq!(
        DocumentKind::ConferenceMinutes.papers(&c).unwrap().len(),
        10
    );
    assert_eq!(DocumentKind::ConferenceSummons.papers(&c).unwrap().len(), 6);
    let err = DocumentKind::ConferenceSummons
        .paper(&c, at(&c, RE, Step::StandingCommitteeFirst))
        .unwrap_err();
    assert!(
        err.to_string().contains("has no conference-summons"),
        "{err}"
    );
}

#[test]
fn standing_committee_papers_are_issued_by_the_committee_and_signed_for_the_standing_committee() {
    let c = sample();
    let summons = text(&paper(
        &c,
        DocumentKind::ConferenceSummons,
        RE,
        Step::KeyOfficials,
    ));
    common::assert_contains_all(
        &summons,
        &[
            "ĐẢNG BỘ QUẬN HAI BÀ TRƯNG ĐẢNG UỶ PHƯỜNG BẠCH MAI * ĐẢNG CỘNG SẢN VIỆT NAM Số 86-TB/ĐU Bạch Mai, ngày 28 tháng 11 năm 2019",
            "GIẤY TRIỆU TẬP Hội nghị cán bộ chủ chốt phường Bạch Mai (bước 2) -----",
            "Căn cứ Chỉ thị số 35-CT/TW ngày 30/5/2019 của Bộ Chính trị",
            "Căn cứ Kế hoạch số 45-KH/ĐU ngày 15/10/2019",
            "Ban Thường vụ Đảng uỷ phường Bạch Mai triệu tập Hội nghị cán bộ chủ chốt phường Bạch Mai (bước 2) để giới thiệu nhân sự tái cử tham gia Ban Chấp hành Đảng bộ phường Bạch Mai nhiệm kỳ 2020 – 2025 (bước 2 của quy trình nhân sự), cụ thể như sau:",
            "1. Thời gian: 8h00’, Thứ Ba, ngày 03/12/2019.",
            "tổng số 45 (bốn mươi lăm) đồng chí (có danh sách kèm theo)",
            "Nơi nhận: - Các đồng chí được triệu tập, - Lưu VP.",
            "T/M BAN THƯỜNG VỤ BÍ THƯ Lê Thành Vinh",
        ],
    );
    let step5 = text(&paper(
        &c,
        DocumentKind::ConferenceSummons,
        RE,
        Step::ExecutiveCommitteeSecond,
    ));
    assert!(
        step5.contains("triệu tập Hội nghị Ban Chấp hành Đảng bộ phường Bạch Mai (lần 2, bước 5)")
    );
    assert!(step5.contains("Phân tích kết quả giới thiệu nhân sự qua các bước"));
}

// ---------------------------------------------------------------------------------------------
// The introduction ballot
// ---------------------------------------------------------------------------------------------

#[test]
fn the_ballot_is_secret_unsigned_and_takes_birth_year_and_position_from_the_profiles() {
    let c = sample();
    let ballot = paper(&c, DocumentKind::IntroductionBallot, RE, Step::KeyOfficials);
    let t = tree(&ballot);
    let all = fold(&t.plain_text());
    common::assert_contains_all(
        &all,
        &[
            "ĐẢNG UỶ PHƯỜNG BẠCH MAI * ĐẢNG CỘNG SẢN VIỆT NAM PHIẾU GIỚI THIỆU NHÂN SỰ",
            "tham gia Ban Chấp hành Đảng bộ phường Bạch Mai nhiệm kỳ 2020 – 2025",
            "(Dùng cho Hội nghị cán bộ chủ chốt; tái cử)",
            "TT Họ và tên Năm sinh Chức vụ hiện nay Đồng ý giới thiệu Không đồng ý giới thiệu",
            "10 Lê Thành Vinh 1968 Bí thư Đảng uỷ, Chủ tịch Uỷ ban nhân dân phường",
            "Đồng chí đồng ý hoặc không đồng ý giới thiệu thì đánh dấu (X) vào ô tương ứng.",
            "Giới thiệu không quá 10 đồng chí.",
        ],
    );
    for absent in ["Số ", "ngày", "T/M", "BÍ THƯ"] {
        assert!(!all.contains(absent), "a ballot has no {absent:?}:\n{all}");
    }
    let table = data_table(&t);
    assert_eq!(table.header_rows, 1);
    assert_eq!(table.rows.len(), 1 + 10);
    // The two boxes to mark stay empty.
    assert!(column(table, 4)
        .iter()
        .chain(&column(table, 5))
        .all(|s| s.is_empty()));
    let used_for = text(&paper(
        &c,
        DocumentKind::IntroductionBallot,
        FIRST,
        Step::ExecutiveCommitteeSecond,
    ));
    assert!(used_for.contains("(Dùng cho Hội nghị Ban Chấp hành (lần 2); lần đầu)"));
}

#[test]
fn ballots_and_lists_order_names_by_given_name_then_family_then_middle_with_tones_after_letters() {
    // Scrambled on purpose; the papers sort. The Thu names differ only in their tone marks.
    let people = [
        name("Nguyễn", "Văn", "Thụ"),
        name("Nguyễn", "Văn", "Thu"),
        name("Nguyễn", "Văn", "Thú"),
        name("Nguyễn", "Văn", "Đức"),
        name("Nguyễn", "Văn", "Thù"),
        name("Đào", "Văn", "An"),
        name("Nguyễn", "Văn", "Thủ"),
        name("Trần", "Thị", "Dung"),
        name("Nguyễn", "Văn", "Thũ"),
        name("Dương", "Văn", "An"),
    ];
    let expected = [
        "Dương Văn An", // same given name: family name Dương before Đào (d before đ)
        "Đào Văn An",
        "Trần Thị Dung", // given name Dung before Đức (d before đ), whatever the family name
        "Nguyễn Văn Đức",
        "Nguyễn Văn Thu", // then the tones: none, huyền, hỏi, ngã, sắc, nặng
        "Nguyễn Văn Thù",
        "Nguyễn Văn Thủ",
        "Nguyễn Văn Thũ",
        "Nguyễn Văn Thú",
        "Nguyễn Văn Thụ",
    ];
    // The list holds every profile: add these to the sample's and read their order.
    let mut c = sample();
    c.candidates
        .extend(people.iter().map(|n| profile(n.clone(), RE)));
    let re_list = paper_of(&c, DocumentKind::CandidateList, About::Track { track: 0 });
    let names = column(data_table(&tree(&re_list)), 1);
    let ours: Vec<&String> = names
        .iter()
        .filter(|n| expected.contains(&n.as_str()))
        .collect();
    assert_eq!(ours, expected);
    // The ballot of a step lists its people in the same order.
    let c = sample();
    let ballot = paper(
        &c,
        DocumentKind::IntroductionBallot,
        FIRST,
        Step::StandingCommitteeFirst,
    );
    let printed = column(data_table(&tree(&ballot)), 1);
    let mut sorted: Vec<PersonName> = c.personnel.as_ref().unwrap().tracks[1].steps[0]
        .counts
        .votes
        .iter()
        .map(|v| v.name.clone())
        .collect();
    sorted.sort_by_cached_key(|n| n.key());
    assert_eq!(printed, sorted.iter().map(|n| n.full()).collect::<Vec<_>>());
}

fn profile(name: PersonName, proposed: Track) -> CandidateProfile {
    CandidateProfile {
        name,
        gender: Gender::Male,
        birth_date: "1970-05-06".parse().unwrap(),
        home_town: "Phường Bạch Mai, quận Hai Bà Trưng, thành phố Hà Nội".into(),
        ethnicity: "Kinh".into(),
        joined_party: "1995-05-19".parse().unwrap(),
        full_member: "1996-05-19".parse().unwrap(),
        education: Education {
            general: "12/12".into(),
            professional: "Cử nhân Luật".into(),
            political_theory: "Trung cấp".into(),
        },
        position: "Bí thư chi bộ".into(),
        committee: String::new(),
        proposed,
        note: String::new(),
    }
}

// ---------------------------------------------------------------------------------------------
// Tally minutes: P1 and the quorum
// ---------------------------------------------------------------------------------------------

#[test]
fn p1_key_officials_passes_at_23_of_45_and_fails_at_22_whatever_the_share_of_those_present() {
    // SPEC §8.1 P1: convened 45, present 32; 23 agree = 51,11% passes, 22 = 48,89% fails
    // (though 22/32 = 68,75% of those present).
    let c = sample();
    let tally = paper(
        &c,
        DocumentKind::IntroductionTallyMinutes,
        RE,
        Step::KeyOfficials,
    );
    let t = tree(&tally);
    let all = fold(&t.plain_text());
    common::assert_contains_all(
        &all,
        &[
            "BIÊN BẢN KIỂM PHIẾU Giới thiệu nhân sự tái cử tại Hội nghị cán bộ chủ chốt phường Bạch Mai (bước 2)",
            "Tổng số đồng chí được triệu tập: 45 (bốn mươi lăm) đồng chí.",
            "Số đồng chí có mặt: 32 (ba mươi hai) đồng chí; vắng mặt: 13 (mười ba) đồng chí (8 đồng chí đi công tác, 3 đồng chí ốm, 2 đồng chí có việc gia đình).",
            "Số đồng chí có mặt bằng 71,11% tổng số được triệu tập, đủ 2/3 theo quy định; hội nghị đủ điều kiện tiến hành.",
            "Số phiếu phát ra: 32 (ba mươi hai) phiếu; số phiếu thu về: 32 (ba mươi hai) phiếu.",
            "Số phiếu hợp lệ: 31 (ba mươi mốt) phiếu; số phiếu không hợp lệ: 1 (một) phiếu (lý do: 1 phiếu giới thiệu quá số lượng quy định).",
            "TT Họ và tên Số phiếu đồng ý Tỷ lệ % so với tổng số được triệu tập Đạt / Không đạt",
            "9 Đặng Văn Toàn 23 51,11% Đạt",
            "3 Vũ Văn Dũng 22 48,89% Không đạt",
            "Số đồng chí đạt: 9 (chín) đồng chí",
            "9. Đồng chí Đặng Văn Toàn: 23 phiếu đồng ý, bằng 51,11%.",
            "Số đồng chí không đạt: 1 (một) đồng chí: 1. Đồng chí Vũ Văn Dũng: 22 phiếu đồng ý, bằng 48,89%.",
            "T/M TỔ KIỂM PHIẾU TỔ TRƯỞNG Nguyễn Văn Hùng",
        ],
    );
    assert!(!all.contains("68,75%"));
    let table = data_table(&t);
    assert_eq!(table.header_rows, 1);
    assert!(table.rows.iter().all(|r| r.cant_split));
}

/// The sample's step 2 of the re-election track with only 29 of 45 present.
fn step2_with_29_present(c: &Congress) -> StepInput {
    let About::Step { track, step } = at(c, RE, Step::KeyOfficials) else {
        unreachable!()
    };
    let mut counts = c.personnel.as_ref().unwrap().tracks[track].steps[step]
        .counts
        .clone();
    counts.present = 29;
    counts.absent = vec![Absence {
        count: 16,
        reason: "đi công tác".into(),
    }];
    counts.ballots = BallotCounts {
        issued: 29,
        returned: 29,
        valid: 29,
        invalid: vec![],
    };
    for v in &mut counts.votes {
        v.agree = v.agree.min(27);
        v.disagree = 29 - v.agree;
    }
    counts
}

#[test]
fn a_failed_quorum_of_29_present_out_of_45_gives_no_valid_result() {
    // 3 × 29 = 87 < 2 × 45 = 90: nobody passes, even with 27 agree (60,00%).
    let mut c = sample();
    let counts = step2_with_29_present(&c);
    let About::Step { track, step } = at(&c, RE, Step::KeyOfficials) else {
        unreachable!()
    };
    c.personnel.as_mut().unwrap().tracks[track].steps[step].counts = counts;
    let t = tree(&paper(
        &c,
        DocumentKind::IntroductionTallyMinutes,
        RE,
        Step::KeyOfficials,
    ));
    let all = fold(&t.plain_text());
    common::assert_contains_all(
        &all,
        &[
            "Số đồng chí có mặt bằng 64,44% tổng số được triệu tập, không đủ 2/3 theo quy định; hội nghị không đủ điều kiện tiến hành, kết quả lấy phiếu giới thiệu không có giá trị.",
            "Số đồng chí có mặt (29/45) không đủ 2/3 tổng số được triệu tập: kết quả lấy phiếu giới thiệu ở bước này không có giá trị; hội nghị phải được tổ chức lại.",
            "10 Lê Thành Vinh 27 60,00% –",
        ],
    );
    assert!(column(data_table(&t), 4).iter().all(|s| s == "–"));
    assert!(!all.contains("Số đồng chí đạt"), "{all}");
    insta::assert_snapshot!("introduction_tally_minutes_failed_quorum", all);

    let all = text(&paper(
        &c,
        DocumentKind::ConferenceMinutes,
        RE,
        Step::KeyOfficials,
    ));
    assert!(
        all.contains("kết quả lấy phiếu giới thiệu ở bước này không có giá trị"),
        "{all}"
    );
    assert!(!all.contains("Số đồng chí đạt"), "{all}");
}

// ---------------------------------------------------------------------------------------------
// Conference minutes
// ---------------------------------------------------------------------------------------------

#[test]
fn minutes_say_who_when_where_and_cite_the_tally_minutes() {
    let c = sample();
    let all = text(&paper(
        &c,
        DocumentKind::ConferenceMinutes,
        RE,
        Step::KeyOfficials,
    ));
    common::assert_contains_all(
        &all,
        &[
            "Số 115-BB/ĐU",
            "BIÊN BẢN Hội nghị cán bộ chủ chốt phường Bạch Mai (bước 2) về giới thiệu nhân sự tái cử",
            "Hồi 8 giờ 00 phút, Thứ Ba, ngày 03 tháng 12 năm 2019, tại Hội trường Uỷ ban nhân dân phường Bạch Mai",
            "Chủ trì: đồng chí Lê Thành Vinh, Bí thư Đảng uỷ phường.",
            "Thư ký: đồng chí Phạm Thị Thu Trang",
            "đủ 2/3 theo quy định",
            "Hội nghị thống nhất cử Tổ kiểm phiếu gồm các đồng chí: Nguyễn Văn Hùng (Tổ trưởng), Lê Thị Hạnh, Trần Minh Quân.",
            "Theo Biên bản kiểm phiếu số 114-BB/ĐU ngày 03/12/2019 của Tổ kiểm phiếu:",
            "9. Đồng chí Đặng Văn Toàn: 23 phiếu đồng ý, bằng 51,11%.",
            "Hội nghị kết thúc hồi 11 giờ 00 phút cùng ngày.",
            // THƯ KÝ on the left, CHỦ TRÌ on the right.
            "THƯ KÝ Phạm Thị Thu Trang CHỦ TRÌ Lê Thành Vinh",
        ],
    );
    let btv = text(&paper(
        &c,
        DocumentKind::ConferenceMinutes,
        FIRST,
        Step::StandingCommitteeFirst,
    ));
    assert!(btv.contains(
        "Ban Thường vụ Đảng uỷ phường Bạch Mai họp Hội nghị (lần 1, bước 1) để giới thiệu nhân sự lần đầu tham gia"
    ));
}

// ---------------------------------------------------------------------------------------------
// The summary across the steps
// ---------------------------------------------------------------------------------------------

#[test]
fn the_summary_flags_a_standing_executive_disagreement_for_the_superior_without_deciding_it() {
    // Bùi Đức Thắng: step 4 (Ban Thường vụ) 3 of 5 passes, step 5 (Ban Chấp hành) 7 of 15 fails.
    let c = sample();
    let t = tree(&summary(&c, RE));
    let table = data_table(&t);
    let names = column(table, 1);
    let notes = column(table, 7);
    let row = names.iter().position(|n| n == "Bùi Đức Thắng").unwrap();
    assert_eq!(column(table, 5)[row], "3 (60,00%) Đạt");
    assert_eq!(column(table, 6)[row], "7 (46,67%) Không đạt");
    assert_eq!(
        notes[row],
        "Kết quả bước 4 và bước 5 khác nhau: Ban Thường vụ báo cáo cấp uỷ cấp trên"
    );
    assert_eq!(notes.iter().filter(|n| !n.is_empty()).count(), 1);
    // Vũ Văn Dũng stopped at step 2: later steps are marked "–".
    let row = names.iter().position(|n| n == "Vũ Văn Dũng").unwrap();
    assert_eq!(column(table, 3)[row], "22 (48,89%) Không đạt");
    assert_eq!(column(table, 4)[row], "–");
    let all = fold(&t.plain_text());
    assert!(all.contains("Bước 2 Hội nghị cán bộ chủ chốt Triệu tập: 45 Có mặt: 32"));
    assert!(all.contains("Ban Thường vụ báo cáo, xin ý kiến cấp uỷ cấp trên có thẩm quyền"));
}

/// The sample with its re-election track replaced by `people` people through all five steps;
/// person i gets fewer votes as i grows. Each has a profile, and the key-officials roster is
/// the step-2 conference's.
fn long_track(people: usize) -> Congress {
    let mut c = sample();
    let names: Vec<PersonName> = (0..people)
        .map(|i| {
            let given = ["An", "Bình", "Cường", "Dũng", "Giang", "Hà", "Khánh", "Lan"];
            let family = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng"];
            name(family[i % 5], &format!("Văn {}", i + 1), given[i % 8])
        })
        .collect();
    let record = c.personnel.as_mut().unwrap();
    record.key_officials.roster = 120;
    let track = record.tracks.iter_mut().find(|t| t.track == RE).unwrap();
    for (s, &(convened, present)) in
        track
            .steps
            .iter_mut()
            .zip(&[(5u32, 5u32), (120, 100), (15, 15), (5, 5), (15, 14)])
    {
        s.counts = StepInput {
            step: s.counts.step,
            convened,
            present,
            absent: vec![],
            ballots: BallotCounts {
                issued: present,
                returned: present,
                valid: present,
                invalid: vec![],
            },
            votes: names
                .iter()
                .enumerate()
                .map(|(i, n)| {
                    let agree = present - (i as u32 % (present / 2 + 1));
                    StepVote {
                        name: n.clone(),
                        agree,
                        disagree: present - agree,
                    }
                })
                .collect(),
            rule: None,
        };
    }
    c.candidates.retain(|p| p.proposed != RE);
    c.candidates
        .extend(names.iter().map(|n| profile(n.clone(), RE)));
    c
}

#[test]
fn a_forty_person_summary_repeats_its_header_row_and_never_splits_a_row() {
    let t = tree(&summary(&long_track(40), RE));
    let table = data_table(&t);
    assert_eq!(table.header_rows, 1);
    assert_eq!(table.rows.len(), 41);
    assert!(table.rows.iter().all(|r| r.cant_split));
    assert_eq!(column(table, 0).last().unwrap(), "40");
    assert_eq!(table.columns.len(), 2 + 5 + 1);
    let width: f32 = table.columns.iter().sum();
    assert!(
        (width - t.page.text_width()).abs() < 0.5,
        "fits the A4 portrait text width"
    );
}

#[test]
#[cfg(feature = "unstable-internals")] // measures words with the font's metrics
fn personnel_tables_fit_a4_portrait_no_word_is_wider_than_its_cell() {
    // The layout breaks lines at spaces only: a word wider than its cell would overflow it.
    let c = sample();
    let mut trees: Vec<Tree> = [
        DocumentKind::ConferenceSummons,
        DocumentKind::IntroductionBallot,
        DocumentKind::IntroductionTallyMinutes,
        DocumentKind::ConferenceMinutes,
    ]
    .into_iter()
    .map(|k| tree(&paper(&c, k, RE, Step::KeyOfficials)))
    .collect();
    trees.push(tree(&list(&c)));
    trees.push(tree(&summary(&long_track(40), RE)));
    for track in [RE, FIRST] {
        trees.push(tree(&summary(&c, track)));
    }
    let fonts = engine().fonts();
    for t in &trees {
        for table in tables(t) {
            assert!(table.width() <= t.page.text_width() + 0.5);
            for row in &table.rows {
                let mut col = 0;
                for cell in &row.cells {
                    let inner: f32 = table.columns[col..col + cell.col_span].iter().sum::<f32>()
                        - 2.0 * table.cell_padding_x;
                    col += cell.col_span;
                    for b in &cell.blocks {
                        let Block::Paragraph(p) = b else { continue };
                        for inline in &p.inlines {
                            let daihoi::tree::Inline::Text(run) = inline else {
                                continue;
                            };
                            let face = fonts.face(run.style.face());
                            for word in run.text.split_whitespace() {
                                let w = face.measure(word, run.style.size);
                                assert!(
                                    w <= inner,
                                    "{}: {word:?} is {w:.1} pt wide, its cell {inner:.1} pt",
                                    t.meta.kind
                                );
                            }
                        }
                    }
                }
            }
        }
    }
}

// ---------------------------------------------------------------------------------------------
// The candidate list
// ---------------------------------------------------------------------------------------------

#[test]
fn the_candidate_list_has_the_columns_of_spec_4_9_one_row_per_person() {
    let c = sample();
    // The list that goes to the congress: the people the procedure introduced, and no one it
    // did not (Vũ Văn Dũng stopped at step 2, Bùi Đức Thắng at step 5, Tạ Quang Minh at 2).
    let t = tree(&list(&c));
    let table = data_table(&t);
    assert_eq!(table.header_rows, 1);
    assert_eq!(table.rows.len(), 1 + 15);
    assert!(table.rows.iter().all(|r| r.cant_split));
    let all = fold(&t.plain_text());
    common::assert_contains_all(
        &all,
        &[
            "DANH SÁCH TRÍCH NGANG Nhân sự giới thiệu để Đại hội bầu Ban Chấp hành Đảng bộ phường Bạch Mai nhiệm kỳ 2020 – 2025",
            "(Tổng số: 15 (mười lăm) đồng chí; tái cử: 8 đồng chí, lần đầu: 7 đồng chí)",
            "TT Họ và tên Ngày sinh (Nam / Nữ) Quê quán Dân tộc Ngày vào Đảng (chính thức) Trình độ (GDPT, chuyên môn, LLCT) Chức vụ hiện nay Cấp uỷ hiện tại Dự kiến (tái cử / lần đầu) Ghi chú",
            "Lê Thành Vinh 12/4/1968 (Nam) Xã Hải Anh, huyện Hải Hậu, tỉnh Nam Định Kinh 02/9/1990 (02/9/1991) 10/10 Thạc sĩ Quản lý kinh tế Cao cấp Bí thư Đảng uỷ, Chủ tịch Uỷ ban nhân dân phường Bí thư Đảng uỷ Tái cử",
            "Đinh Công Sơn 19/8/1981 (Nam) Xã Hoà An, huyện Chiêm Hoá, tỉnh Tuyên Quang Tày",
            "T/M BAN THƯỜNG VỤ BÍ THƯ Lê Thành Vinh",
        ],
    );
    for absent in ["Vũ Văn Dũng", "Bùi Đức Thắng", "Tạ Quang Minh"] {
        assert!(!all.contains(absent), "{absent} was not introduced:\n{all}");
    }
    // Dated with the last conference of the procedure.
    assert!(all.contains("Bạch Mai, ngày 20 tháng 01 năm 2020"), "{all}");
    // Each track's list goes with its first conference ("có trích ngang kèm theo"), dated
    // with it, and lists the people proposed in the track.
    let re = text(&paper_of(
        &c,
        DocumentKind::CandidateList,
        About::Track { track: 0 },
    ));
    assert!(re.contains("(Tổng số: 10 (mười) đồng chí)"), "{re}");
    assert!(re.contains("Bạch Mai, ngày 25 tháng 11 năm 2019"), "{re}");
    assert!(
        re.contains("Nhân sự dự kiến giới thiệu tái cử tham gia"),
        "{re}"
    );
}

#[test]
fn user_text_in_a_profile_prints_literally() {
    let mut c = sample();
    c.candidates[0].position = "<b>&{{x}}</b>".into();
    let name = c.candidates[0].name.clone();
    let track = c.candidates[0].proposed;
    let step = c
        .personnel
        .as_ref()
        .unwrap()
        .tracks
        .iter()
        .find(|t| t.track == track)
        .unwrap()
        .steps
        .iter()
        .find(|s| s.counts.votes.iter().any(|v| v.name == name))
        .unwrap()
        .counts
        .step;
    let ballot = paper(&c, DocumentKind::IntroductionBallot, track, step);
    assert!(text(&ballot).contains("<b>&{{x}}</b>"));
}

// ---------------------------------------------------------------------------------------------
// Errors name their paths
// ---------------------------------------------------------------------------------------------

fn problems(c: &Congress) -> String {
    format!(
        "{:#}",
        daihoi::Error::invalid("congress", daihoi::validate(c))
    )
}

#[test]
fn a_voted_name_without_a_profile_is_reported_at_its_vote() {
    let mut c = sample();
    c.candidates.retain(|p| p.name.ten != "Minh");
    let report = problems(&c);
    assert!(
        report.contains("personnel.tracks[1].steps[0].counts.votes[7].name: Tạ Quang Minh has no profile in `candidates`"),
        "{report}"
    );
    insta::assert_snapshot!("personnel_voted_name_without_profile", report);
    // The paper that prints the name is not made, and says why with the same path.
    let err = DocumentKind::IntroductionBallot
        .paper(&c, at(&c, FIRST, Step::StandingCommitteeFirst))
        .unwrap_err();
    assert!(err
        .diagnostics()
        .iter()
        .any(|d| d.path == "personnel.tracks[1].steps[0].counts.votes[7].name"));
}

#[test]
fn inconsistent_counts_surface_from_the_rules_with_their_paths() {
    let mut c = sample();
    {
        let record = c.personnel.as_mut().unwrap();
        let step2 = &mut record.tracks[0].steps[1];
        step2.counts.present = 50; // more than the 45 convened
        step2.counts.votes[0].agree = 40; // 40 + 1 > 31 valid
        let step3 = &mut record.tracks[0].steps[2];
        step3.counts.ballots.returned = 13; // valid 14 + invalid 0
        record.tracks[1].steps[1].counts.convened = 44; // the roster is 45
        record.tracks[1].steps[1].tally_number = Some(124);
        record.tracks[1].steps[2].tally_number = Some(124); // the same number twice
        record.tracks[1].steps[4].date = "2020-01-15".parse().unwrap(); // before step 4
        c.candidates[0].proposed = FIRST;
    }
    insta::assert_snapshot!("personnel_inconsistent_counts", problems(&c));
}
