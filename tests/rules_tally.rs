//! The tally against the worked examples of SPEC §8.1 (T1–T8, P1) and each invariant of §6.5.

use daihoi::rules::{
    evaluate_step, next_round, tally, BallotCounts, Candidate, CongressKind, Denominator, Election,
    Exclusion, ExclusionCount, FloorNomination, InvalidBallots, Office, RuleSet, Status, Step,
    StepInput, StepVote, Tally,
};
use daihoi::vi::PersonName;
use daihoi::{Error, ErrorKind};

fn name(i: usize) -> PersonName {
    const TEN: [&str; 10] = [
        "An", "Bình", "Chi", "Dũng", "Hà", "Hùng", "Lan", "Minh", "Nam", "Thắng",
    ];
    PersonName::new("Nguyễn", "Văn", TEN.get(i).copied().unwrap_or("X"))
}

/// Everyone convened is present and every ballot is valid unless the test says otherwise.
fn election(office: Office, seats: u32, denominator: Denominator, votes: &[u32]) -> Election {
    let present = denominator.value();
    Election {
        office,
        seats,
        round: 1,
        candidates: votes
            .iter()
            .enumerate()
            .map(|(i, &votes)| Candidate {
                name: name(i),
                votes,
                floor_nominee: None,
            })
            .collect(),
        denominator,
        present,
        ballots: BallotCounts {
            issued: present,
            returned: present,
            valid: present,
            invalid: vec![],
        },
        rule_set: RuleSet::Round2020,
        kind: CongressKind::Members,
    }
}

fn convened(n: u32) -> Denominator {
    Denominator {
        convened: n,
        exclusions: vec![],
    }
}

fn with_exclusions(n: u32, exclusions: &[(Exclusion, u32)]) -> Denominator {
    Denominator {
        convened: n,
        exclusions: exclusions
            .iter()
            .map(|(kind, count)| ExclusionCount {
                kind: kind.clone(),
                count: *count,
            })
            .collect(),
    }
}

fn ok(e: &Election) -> Tally {
    match tally(e) {
        Ok(t) => t,
        Err(err) => panic!("tally failed: {err}"),
    }
}

fn err(e: &Election) -> Error {
    match tally(e) {
        Ok(t) => panic!("expected an error, got {t:?}"),
        Err(err) => err,
    }
}

fn statuses(t: &Tally) -> Vec<Status> {
    t.outcomes.iter().map(|o| o.status).collect()
}

fn percents(t: &Tally) -> Vec<String> {
    t.outcomes.iter().map(|o| o.percent.to_string()).collect()
}

/// The one diagnostic at `path`, whose message must contain every `needle`.
fn assert_diagnostic(error: &Error, path: &str, needles: &[&str]) {
    assert_eq!(error.kind(), ErrorKind::InvalidData);
    assert_eq!(error.document(), None, "the caller names the file");
    let found: Vec<_> = error
        .diagnostics()
        .iter()
        .filter(|d| d.path == path)
        .collect();
    assert_eq!(found.len(), 1, "one diagnostic at {path}: {error}");
    for needle in needles {
        assert!(
            found[0].message.contains(needle),
            "{path}: {:?} lacks {needle:?}",
            found[0].message
        );
    }
}

use Status::{Elected, NotQualified, Outranked};

// ---- T1 ----------------------------------------------------------------------------------

fn t1(votes: u32, absence_approved: bool) -> Election {
    let exclusions: &[(Exclusion, u32)] = if absence_approved {
        &[(Exclusion::AbsentWithApprovedReason, 1)]
    } else {
        &[]
    };
    let mut e = election(
        Office::Secretary,
        1,
        with_exclusions(11, exclusions),
        &[votes],
    );
    e.present = 10;
    e.ballots = BallotCounts {
        issued: 10,
        returned: 10,
        valid: 10,
        invalid: vec![],
    };
    e
}

#[test]
fn t1_cell_secretary_one_candidate_needs_more_than_half() {
    // Absence not approved: D = 11; 2 × 5 = 10 is not more than 11.
    let t = ok(&t1(5, false));
    assert_eq!(t.denominator, 11);
    assert_eq!(statuses(&t), [NotQualified]);
    assert_eq!(percents(&t), ["45,45%"]);
    assert_eq!(t.further_round_seats, 1);

    // Absence approved: D = 10; 2 × 5 = 10 is still not more than 10.
    let t = ok(&t1(5, true));
    assert_eq!(t.denominator, 10);
    assert_eq!(statuses(&t), [NotQualified]);
    assert_eq!(percents(&t), ["50,00%"]);
    assert_eq!(t.further_round_seats, 1);
}

#[test]
fn t1_six_votes_elect_the_cell_secretary_whichever_the_denominator() {
    let t = ok(&t1(6, false));
    assert_eq!(statuses(&t), [Elected]);
    assert_eq!(percents(&t), ["54,55%"]);
    let t = ok(&t1(6, true));
    assert_eq!(statuses(&t), [Elected]);
    assert_eq!(percents(&t), ["60,00%"]);
    assert_eq!(t.elected, [0]);
    assert_eq!(t.further_round_seats, 0);
    assert!(t.warnings.is_empty(), "{:?}", t.warnings);
}

// ---- T2 ----------------------------------------------------------------------------------

#[test]
fn t2_exactly_half_fails_by_one_vote() {
    let t = ok(&election(
        Office::ExecutiveCommittee,
        5,
        convened(40),
        &[35, 33, 30, 25, 20, 18],
    ));
    assert_eq!(t.votes_needed, 21);
    assert_eq!(
        statuses(&t),
        [
            Elected,
            Elected,
            Elected,
            Elected,
            NotQualified,
            NotQualified
        ]
    );
    assert_eq!(
        percents(&t),
        ["87,50%", "82,50%", "75,00%", "62,50%", "50,00%", "45,00%"]
    );
    assert_eq!(t.elected, [0, 1, 2, 3]);
    assert_eq!(t.tie, None);
    assert_eq!(t.further_round_seats, 1, "round 2 for 1 seat");
}

// ---- T3 ----------------------------------------------------------------------------------

fn t3() -> Election {
    let mut e = election(
        Office::ExecutiveCommittee,
        7,
        with_exclusions(
            32,
            &[
                (Exclusion::TemporaryTransfer, 1),
                (Exclusion::AbsentWithApprovedReason, 1),
            ],
        ),
        &[28, 27, 26, 25, 24, 22, 19, 19, 12],
    );
    // 202 votes need at least 29 valid ballots of 7 names.
    e.ballots.valid = 29;
    e.ballots.invalid = vec![InvalidBallots {
        count: 1,
        reason: "quá số lượng cần bầu".to_string(),
    }];
    e
}

#[test]
fn t3_tie_at_cutoff_is_never_resolved_automatically() {
    let t = ok(&t3());
    assert_eq!(t.denominator, 30);
    assert_eq!(t.votes_needed, 16);
    let tie = Status::TieNeedsRevote { seats_left: 1 };
    assert_eq!(
        statuses(&t),
        [
            Elected,
            Elected,
            Elected,
            Elected,
            Elected,
            Elected,
            tie,
            tie,
            NotQualified
        ]
    );
    assert_eq!(
        percents(&t),
        [
            "93,33%", "90,00%", "86,67%", "83,33%", "80,00%", "73,33%", "63,33%", "63,33%",
            "40,00%"
        ]
    );
    assert_eq!(t.elected, [0, 1, 2, 3, 4, 5]);
    let tie = t.tie.as_ref().expect("a tie");
    assert_eq!(tie.candidates, [6, 7]);
    assert_eq!(tie.seats_left, 1);
    assert_eq!(t.further_round_seats, 0);
}

#[test]
fn t3_the_revote_skeleton_holds_the_tied_for_the_seats_left() {
    let e = t3();
    let t = ok(&e);
    let next = next_round(&e, &t).expect("a re-ballot");
    assert_eq!(next.round, 2);
    assert_eq!(next.seats, 1);
    assert_eq!(next.office, Office::ExecutiveCommittee);
    assert_eq!(next.denominator, e.denominator);
    let names: Vec<_> = next.candidates.iter().map(|c| c.name.clone()).collect();
    assert_eq!(names, [name(6), name(7)]);
    assert!(next.candidates.iter().all(|c| c.votes == 0));
    assert_eq!(next.present, 0);
    assert_eq!(next.ballots, BallotCounts::default());
    // Until its counts are filled in, the skeleton does not tally.
    assert_diagnostic(
        &err(&next),
        "ballots.returned",
        &["no ballots were returned"],
    );
}

#[test]
fn t2_the_further_round_skeleton_holds_those_not_elected() {
    let e = election(
        Office::ExecutiveCommittee,
        5,
        convened(40),
        &[35, 33, 30, 25, 20, 18],
    );
    let next = next_round(&e, &ok(&e)).expect("a further round");
    assert_eq!(next.seats, 1);
    assert_eq!(next.round, 2);
    let names: Vec<_> = next.candidates.iter().map(|c| c.name.clone()).collect();
    assert_eq!(names, [name(4), name(5)]);
}

#[test]
fn no_next_round_once_every_seat_is_filled() {
    let e = election(Office::ExecutiveCommittee, 2, convened(40), &[35, 33, 10]);
    assert_eq!(next_round(&e, &ok(&e)), None);
}

// ---- T4 ----------------------------------------------------------------------------------

/// T4 has 153 votes for 3 seats, so at least 51 valid ballots against D = 50: the example's
/// numbers imply a ballot returned beyond D, which is a warning, not an error.
fn t4(votes: &[u32]) -> Election {
    let mut e = election(
        Office::ExecutiveCommittee,
        3,
        with_exclusions(51, &[(Exclusion::ExemptAbsent, 1)]),
        votes,
    );
    e.present = 51;
    e.ballots = BallotCounts {
        issued: 51,
        returned: 51,
        valid: 51,
        invalid: vec![],
    };
    e
}

#[test]
fn t4_qualified_but_outranked() {
    let t = ok(&t4(&[45, 40, 38, 30]));
    assert_eq!(t.denominator, 50);
    assert_eq!(statuses(&t), [Elected, Elected, Elected, Outranked]);
    assert_eq!(percents(&t)[3], "60,00%");
    assert_eq!(t.further_round_seats, 0);
    assert!(t
        .warnings
        .iter()
        .any(|w| w.path == "ballots.returned"
            && w.message.contains("exceed the denominator (50) by 1")));
}

#[test]
fn t4_equal_votes_inside_the_seats_are_all_elected() {
    let t = ok(&t4(&[45, 38, 38, 30]));
    assert_eq!(statuses(&t), [Elected, Elected, Elected, Outranked]);
    assert_eq!(t.tie, None);
    assert_eq!(t.elected, [0, 1, 2]);
}

// ---- T5, T6 ------------------------------------------------------------------------------

fn t5(votes: u32) -> Election {
    let mut e = election(
        Office::Delegates {
            superior_congress: "Đại hội đại biểu Đảng bộ quận Hai Bà Trưng lần thứ XXVI"
                .to_string(),
        },
        1,
        with_exclusions(147, &[(Exclusion::Other("vắng mặt có lý do".into()), 2)]),
        &[votes],
    );
    e.kind = CongressKind::Delegates;
    e
}

#[test]
fn t5_delegates_more_than_half_of_145() {
    let t = ok(&t5(73));
    assert_eq!(t.denominator, 145);
    assert_eq!(statuses(&t), [Elected]);
    assert_eq!(percents(&t), ["50,34%"]);
    let t = ok(&t5(72));
    assert_eq!(statuses(&t), [NotQualified]);
    assert_eq!(percents(&t), ["49,66%"]);
    assert_eq!(t.further_round_seats, 1);
}

#[test]
fn t6_percentages_round_half_up_but_eligibility_does_not() {
    let t = ok(&election(
        Office::ExecutiveCommittee,
        2,
        convened(160),
        &[81, 80],
    ));
    assert_eq!(statuses(&t), [Elected, NotQualified]);
    assert_eq!(percents(&t), ["50,63%", "50,00%"]);
    assert_eq!(t.further_round_seats, 1);
}

// ---- T7 and every invariant of §6.5 --------------------------------------------------------

fn consistent() -> Election {
    election(
        Office::ExecutiveCommittee,
        4,
        convened(30),
        &[20, 18, 16, 10],
    )
}

#[test]
fn t7_returned_must_equal_valid_plus_invalid() {
    let mut e = consistent();
    e.ballots = BallotCounts {
        issued: 30,
        returned: 30,
        valid: 27,
        invalid: vec![InvalidBallots {
            count: 2,
            reason: "gạch hết tên".into(),
        }],
    };
    let error = err(&e);
    assert_eq!(error.diagnostics().len(), 1, "{error}");
    assert_diagnostic(
        &error,
        "ballots.returned",
        &[
            "returned ballots (30) must equal valid (27) + invalid (2) = 29",
            "1 ballot unaccounted for",
        ],
    );
}

#[test]
fn valid_plus_invalid_may_not_exceed_returned() {
    let mut e = consistent();
    e.ballots.invalid = vec![InvalidBallots {
        count: 2,
        reason: "ghi thêm tên".into(),
    }];
    assert_diagnostic(
        &err(&e),
        "ballots.returned",
        &["= 32", "2 ballots more than were returned"],
    );
}

#[test]
fn exclusions_must_be_fewer_than_convened() {
    let mut e = consistent();
    e.denominator = with_exclusions(30, &[(Exclusion::AbsentWithApprovedReason, 31)]);
    assert_diagnostic(
        &err(&e),
        "denominator.exclusions",
        &[
            "exclusions (31) must be fewer than convened (30)",
            "2 too many",
        ],
    );
}

#[test]
fn present_must_not_exceed_convened() {
    let mut e = consistent();
    e.present = 33;
    assert_diagnostic(
        &err(&e),
        "present",
        &["present (33) must not exceed convened (30)", "3 too many"],
    );
}

#[test]
fn issued_must_not_exceed_present() {
    let mut e = consistent();
    e.present = 28;
    assert_diagnostic(
        &err(&e),
        "ballots.issued",
        &[
            "issued ballots (30) must not exceed those present (28)",
            "2 too many",
        ],
    );
}

#[test]
fn returned_must_not_exceed_issued() {
    let mut e = consistent();
    e.ballots.issued = 29;
    let error = err(&e);
    assert_diagnostic(
        &error,
        "ballots.returned",
        &[
            "returned ballots (30) must not exceed issued (29)",
            "1 too many",
        ],
    );
}

#[test]
fn votes_must_not_exceed_valid_ballots() {
    let mut e = consistent();
    e.candidates[1].votes = 31;
    assert_diagnostic(
        &err(&e),
        "candidates[1].votes",
        &[
            "Nguyễn Văn Bình (31) must not exceed valid ballots (30)",
            "1 too many",
        ],
    );
}

#[test]
fn total_votes_must_not_exceed_valid_ballots_times_seats() {
    let e = election(Office::ExecutiveCommittee, 2, convened(30), &[30, 30, 5]);
    assert_diagnostic(
        &err(&e),
        "candidates",
        &[
            "total votes (65) must not exceed valid ballots (30) × seats (2) = 60",
            "5 too many",
        ],
    );
}

/// The Bạch Mai BCH re-ballot (03-BB/ĐH as first sampled): one seat, two names, 64 + 52 = 116
/// votes on 117 "valid" ballots.
fn bach_mai_revote(valid: u32, invalid: u32) -> Election {
    let mut e = election(
        Office::ExecutiveCommittee,
        1,
        with_exclusions(120, &[(Exclusion::AbsentWithApprovedReason, 2)]),
        &[64, 52],
    );
    e.round = 2;
    e.ballots = BallotCounts {
        issued: 118,
        returned: 117,
        valid,
        invalid: if invalid > 0 {
            vec![InvalidBallots {
                count: invalid,
                reason: "gạch tên cả hai đồng chí".into(),
            }]
        } else {
            vec![]
        },
    };
    e
}

#[test]
fn with_surplus_total_votes_must_be_at_least_valid_ballots() {
    // SPEC §6.1, §6.5: on a list with surplus a ballot that keeps no name is invalid, so every
    // valid ballot gives at least one vote.
    let error = err(&bach_mai_revote(117, 0));
    assert_eq!(error.diagnostics().len(), 1, "{error}");
    assert_diagnostic(
        &error,
        "candidates",
        &[
            "total votes (116) must be at least valid ballots (117) when 2 candidates stand for 1 seat",
            "1 short, so at least 1 ballot kept no name and must be counted as invalid",
        ],
    );
    // Counted as invalid, the same ballots tally.
    let t = ok(&bach_mai_revote(116, 1));
    assert_eq!(statuses(&t), [Elected, NotQualified]);
    assert_eq!(percents(&t), ["54,24%", "44,07%"]);
}

#[test]
fn with_surplus_over_several_seats_each_valid_ballot_gives_at_least_one_vote() {
    // 3 seats, 4 names, 30 valid ballots: 29 votes in all means one ballot kept no name.
    let e = election(Office::ExecutiveCommittee, 3, convened(30), &[10, 9, 6, 4]);
    assert_diagnostic(
        &err(&e),
        "candidates",
        &[
            "total votes (29) must be at least valid ballots (30) when 4 candidates stand for 3 seats",
            "1 short",
        ],
    );
    let e = election(Office::ExecutiveCommittee, 3, convened(30), &[10, 9, 6, 5]);
    assert!(tally(&e).is_ok());
}

#[test]
fn without_surplus_a_valid_ballot_may_give_nobody_a_vote() {
    // SPEC §6.1 (244 Art. 32.1): no surplus, X in neither box keeps the ballot valid.
    let t = ok(&t1(5, false));
    assert_eq!(t.outcomes[0].votes, 5);
    let e = election(Office::ExecutiveCommittee, 2, convened(30), &[12, 10]);
    assert!(tally(&e).is_ok());
}

#[test]
fn every_violated_invariant_is_reported_at_once() {
    let mut e = consistent();
    e.present = 31; // > convened 30; issued 30 stays ≤ present
    e.ballots.returned = 31; // > issued, and ≠ valid + invalid
    e.candidates[0].votes = 40; // > valid
    let error = err(&e);
    let paths: Vec<String> = error
        .diagnostics()
        .iter()
        .map(|d| d.path.to_string())
        .collect();
    assert_eq!(
        paths,
        [
            "present",
            "ballots.returned",
            "ballots.returned",
            "candidates[0].votes"
        ],
        "{error}"
    );
}

#[test]
fn a_cell_committee_has_at_most_seven_seats() {
    let e = election(
        Office::CellCommittee,
        8,
        convened(30),
        &[20, 20, 20, 20, 20, 20, 20, 20],
    );
    assert_diagnostic(&err(&e), "seats", &["at most 7", "seats is 8, 1 too many"]);
    let e = election(Office::ExecutiveCommittee, 8, convened(30), &[20; 8]);
    assert!(tally(&e).is_ok());
}

#[test]
fn absurd_counts_are_errors_not_overflows() {
    let mut e = consistent();
    e.denominator.convened = u32::MAX;
    e.present = u32::MAX;
    e.ballots = BallotCounts {
        issued: u32::MAX,
        returned: u32::MAX,
        valid: u32::MAX,
        invalid: vec![],
    };
    e.seats = u32::MAX;
    e.candidates[0].votes = u32::MAX;
    let error = err(&e);
    for path in [
        "denominator.convened",
        "present",
        "ballots.issued",
        "ballots.returned",
        "ballots.valid",
        "seats",
        "candidates[0].votes",
    ] {
        assert!(
            error
                .diagnostics()
                .iter()
                .any(|d| d.path == path && d.message.contains("not a plausible count")),
            "{path}: {error}"
        );
    }
}

#[test]
fn a_ballot_needs_seats_candidates_and_returned_ballots() {
    let mut e = consistent();
    e.seats = 0;
    e.round = 0;
    e.candidates.clear();
    e.ballots = BallotCounts::default();
    let error = err(&e);
    assert_diagnostic(&error, "seats", &["at least 1"]);
    assert_diagnostic(&error, "round", &["from 1"]);
    assert_diagnostic(&error, "candidates", &["no candidates"]);
    assert_diagnostic(&error, "ballots.returned", &["no ballots were returned"]);
}

// ---- T8 and the other warnings ------------------------------------------------------------

#[test]
fn t8_surplus_over_30_percent_of_seats_is_a_warning() {
    let t = ok(&election(
        Office::ExecutiveCommittee,
        7,
        convened(30),
        &[28, 27, 26, 25, 24, 23, 22, 5, 4, 3],
    ));
    assert_eq!(t.elected.len(), 7);
    let w: Vec<_> = t
        .warnings
        .iter()
        .filter(|w| w.path == "candidates")
        .collect();
    assert_eq!(w.len(), 1, "{:?}", t.warnings);
    assert!(w[0].message.contains("surplus of 3"), "{}", w[0].message);
    assert!(w[0].message.contains("at most 2"), "{}", w[0].message);
}

#[test]
fn a_surplus_within_30_percent_gives_no_warning() {
    let t = ok(&election(
        Office::ExecutiveCommittee,
        7,
        convened(30),
        &[28, 27, 26, 25, 24, 23, 22, 5, 4],
    ));
    assert!(t.warnings.is_empty(), "{:?}", t.warnings);
}

#[test]
fn round2025_small_committees_allow_a_surplus_of_one() {
    let mut e = election(Office::CellCommittee, 3, convened(20), &[15, 14, 13, 5]);
    e.rule_set = RuleSet::Round2025;
    assert!(ok(&e).warnings.is_empty());
    e.rule_set = RuleSet::Round2020; // 30 % of 3 seats, rounded down, is 0
    assert!(ok(&e)
        .warnings
        .iter()
        .any(|w| w.message.contains("at most 0")));
    let mut e = election(
        Office::CellCommittee,
        5,
        convened(20),
        &[15, 14, 13, 12, 11, 5, 4],
    );
    e.rule_set = RuleSet::Round2025;
    assert!(ok(&e).warnings.iter().any(|w| w
        .message
        .contains("committees of 3 to 5 members have a surplus of at most 1")));
}

#[test]
fn round2025_excludes_only_transfers_and_absent_exempt_members() {
    let mut e = consistent();
    e.denominator = with_exclusions(
        32,
        &[
            (Exclusion::TemporaryTransfer, 1),
            (Exclusion::AbsentWithApprovedReason, 1),
        ],
    );
    assert!(ok(&e).warnings.is_empty());
    // SPEC §2.2 / §6.2: under round2025 leaving them out is a 2020 rule — an error naming it.
    e.rule_set = RuleSet::Round2025;
    let err = err(&e);
    let found = err.into_diagnostics();
    assert!(
        found
            .iter()
            .any(|d| d.path == "denominator.exclusions[1].kind"
                && d.message.contains("is a 2020 exclusion")),
        "{found:?}"
    );
}

#[test]
fn a_floor_nominee_needs_more_than_30_percent_of_those_present() {
    let mut e = consistent();
    e.candidates[3].floor_nominee = Some(FloorNomination {
        approvals: 9,
        by: String::new(),
    });
    // 10 × 9 = 90 is not more than 3 × 30: a warning under the inferred 2020 rule …
    let t = ok(&e);
    assert!(t
        .warnings
        .iter()
        .any(|w| w.path == "candidates[3].floor_nominee.approvals"
            && w.message.contains("at least 10")));
    // … an error under 190-QĐ/TW.
    e.rule_set = RuleSet::Round2025;
    assert_diagnostic(
        &err(&e),
        "candidates[3].floor_nominee.approvals",
        &["9 approvals of 30 present", "more than 30%"],
    );
    e.candidates[3].floor_nominee = Some(FloorNomination {
        approvals: 10,
        by: String::new(),
    });
    assert!(ok(&e).warnings.is_empty());
}

#[test]
fn namesakes_on_one_list_are_a_warning() {
    let mut e = consistent();
    e.candidates[2].name = e.candidates[0].name.clone();
    let t = ok(&e);
    assert!(t
        .warnings
        .iter()
        .any(|w| w.path == "candidates[2].name" && w.message.contains("candidates[0]")));
}

#[test]
fn a_cell_secretary_after_three_rounds_is_appointed() {
    let mut e = t1(6, false);
    e.round = 3;
    assert!(ok(&e).warnings.is_empty());
    e.round = 4;
    assert!(ok(&e)
        .warnings
        .iter()
        .any(|w| w.path == "round" && w.message.contains("appointed by the superior committee")));
}

// ---- P1 ----------------------------------------------------------------------------------

fn p1(present: u32) -> StepInput {
    StepInput {
        step: Step::KeyOfficials,
        convened: 45,
        present,
        absent: vec![],
        ballots: BallotCounts {
            issued: present,
            returned: present,
            valid: present,
            invalid: vec![],
        },
        votes: vec![
            StepVote {
                name: PersonName::new("Nguyễn", "Văn", "X"),
                agree: 23,
                disagree: present - 23,
            },
            StepVote {
                name: PersonName::new("Trần", "Thị", "Y"),
                agree: 22,
                disagree: present - 22,
            },
        ],
        rule: None,
    }
}

#[test]
fn p1_key_officials_pass_on_more_than_half_of_the_convened() {
    let input = p1(32);
    let out = evaluate_step(&input, &input.effective_rule()).expect("valid counts");
    assert!(out.quorum_ok, "3 × 32 = 96 ≥ 2 × 45 = 90");
    let pct: Vec<_> = out
        .candidates
        .iter()
        .map(|c| c.pct_of_convened.to_string())
        .collect();
    assert_eq!(pct, ["51,11%", "48,89%"]);
    let passed: Vec<_> = out.candidates.iter().map(|c| c.passed).collect();
    // Y fails though 22 of 32 present (68,75%) agreed.
    assert_eq!(passed, [true, false]);
    assert!(out
        .warnings
        .iter()
        .any(|w| w.message.starts_with("unverified rule")));
}

#[test]
fn p1_without_a_quorum_there_is_no_valid_result() {
    let input = p1(29);
    let out = evaluate_step(&input, &input.effective_rule()).expect("valid counts");
    assert!(!out.quorum_ok, "3 × 29 = 87 < 90");
    assert!(out.candidates.iter().all(|c| !c.passed));
    assert!(out
        .warnings
        .iter()
        .any(|w| w.message.starts_with("no valid result")));
}
