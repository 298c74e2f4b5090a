//! The five-step personnel procedure (SPEC §5): thresholds against the convened, the quorum, the
//! summary table, and the standing/executive committee disagreement flag.

use daihoi::rules::{
    evaluate_step, passes, quorum_ok, summarize, Absence, BallotCounts, Base, PersonnelProcedure,
    Step, StepInput, StepRule, StepVote, Track,
};
use daihoi::vi::PersonName;
use daihoi::ErrorKind;

fn x() -> PersonName {
    PersonName::new("Nguyễn", "Văn", "Xuân")
}

fn y() -> PersonName {
    PersonName::new("Trần", "Thị", "Yến")
}

fn step(step: Step, convened: u32, present: u32, votes: &[(PersonName, u32)]) -> StepInput {
    StepInput {
        step,
        convened,
        present,
        absent: vec![],
        ballots: BallotCounts {
            issued: present,
            returned: present,
            valid: present,
            invalid: vec![],
        },
        votes: votes
            .iter()
            .map(|(name, agree)| StepVote {
                name: name.clone(),
                agree: *agree,
                disagree: present.saturating_sub(*agree),
            })
            .collect(),
        rule: None,
    }
}

#[test]
fn the_quorum_is_two_thirds_of_the_convened() {
    assert!(quorum_ok(30, 45, (2, 3)));
    assert!(!quorum_ok(29, 45, (2, 3)));
    assert!(quorum_ok(2, 3, (2, 3)));
    assert!(quorum_ok(u32::MAX, u32::MAX, (u32::MAX, u32::MAX)));
}

#[test]
fn passing_needs_strictly_more_than_half_of_the_base() {
    assert!(!passes(22, 45));
    assert!(passes(23, 45));
    assert!(!passes(20, 40));
    assert!(passes(21, 40));
    assert!(passes(u32::MAX, u32::MAX));
}

#[test]
fn steps_three_to_five_count_against_the_convened_without_a_warning() {
    let input = step(
        Step::ExecutiveCommitteeFirst,
        21,
        19,
        &[(x(), 11), (y(), 10)],
    );
    let out = evaluate_step(&input, &input.effective_rule()).expect("valid");
    assert!(out.warnings.is_empty(), "{:?}", out.warnings);
    assert_eq!(out.base, 21);
    let passed: Vec<_> = out.candidates.iter().map(|c| c.passed).collect();
    // 10 of 19 present is more than half of those present, not of the convened.
    assert_eq!(passed, [true, false]);
}

#[test]
fn a_configured_base_changes_the_threshold() {
    let input = step(Step::ExecutiveCommitteeFirst, 21, 19, &[(y(), 10)]);
    let rule = StepRule {
        base: Base::Present,
        ..Step::ExecutiveCommitteeFirst.default_rule()
    };
    let out = evaluate_step(&input, &rule).expect("valid");
    assert_eq!(out.base, 19);
    assert!(out.candidates[0].passed);
    assert_eq!(out.candidates[0].pct_of_convened.to_string(), "47,62%");
}

#[test]
fn step_counts_must_agree() {
    let mut input = step(Step::KeyOfficials, 45, 46, &[(x(), 40)]);
    input.ballots.issued = 46;
    input.ballots.returned = 47;
    input.votes[0].disagree = 10;
    input.absent = vec![Absence {
        count: 1,
        reason: "ốm".into(),
    }];
    let error = evaluate_step(&input, &input.effective_rule()).expect_err("inconsistent");
    assert_eq!(error.kind(), ErrorKind::InvalidData);
    assert_eq!(error.document(), Some("personnel step 2"));
    let messages: Vec<String> = error.diagnostics().iter().map(|d| d.to_string()).collect();
    assert_eq!(
        messages,
        [
            "present: present (46) must not exceed convened (45); 1 too many",
            "absent: absences (1) must not exceed convened (45) − present (46) = 0; 1 too many",
            "ballots.returned: returned ballots (47) must not exceed issued (46); 1 too many",
            "ballots.returned: returned ballots (47) must equal valid (46) + invalid (0) = 46; 1 ballot unaccounted for",
            "votes[0]: agree (40) + disagree (10) for Nguyễn Văn Xuân = 50 must not exceed valid ballots (46); 4 too many",
        ]
    );
}

#[test]
fn a_quorum_must_be_a_fraction_up_to_one() {
    let input = step(Step::ExecutiveCommitteeFirst, 21, 19, &[]);
    let rule = StepRule {
        quorum: Some((3, 2)),
        ..Step::ExecutiveCommitteeFirst.default_rule()
    };
    let error = evaluate_step(&input, &rule).expect_err("bad quorum");
    assert_eq!(error.diagnostics()[0].path, "rule.quorum");
}

fn procedure(step4_y: u32, step5_y: u32) -> PersonnelProcedure {
    PersonnelProcedure {
        track: Track::ReElection,
        steps: vec![
            // Given out of order on purpose: the summary sorts by step.
            step(
                Step::ExecutiveCommitteeSecond,
                21,
                20,
                &[(x(), 18), (y(), step5_y)],
            ),
            step(Step::StandingCommitteeFirst, 7, 7, &[(x(), 7), (y(), 6)]),
            step(Step::KeyOfficials, 45, 32, &[(x(), 23), (y(), 24)]),
            step(
                Step::ExecutiveCommitteeFirst,
                21,
                21,
                &[(x(), 19), (y(), 15)],
            ),
            step(
                Step::StandingCommitteeSecond,
                7,
                7,
                &[(x(), 7), (y(), step4_y)],
            ),
        ],
    }
}

#[test]
fn the_summary_has_one_row_per_person_and_one_cell_per_step() {
    let s = summarize(&procedure(5, 12)).expect("valid");
    let order: Vec<u8> = s.steps.iter().map(|o| o.step.number()).collect();
    assert_eq!(order, [1, 2, 3, 4, 5]);
    assert_eq!(s.rows.len(), 2);
    assert_eq!(s.rows[0].name, x());
    let x_pcts: Vec<String> = s.rows[0]
        .cells
        .iter()
        .map(|c| {
            c.as_ref()
                .map(|c| c.pct_of_convened.to_string())
                .unwrap_or_default()
        })
        .collect();
    assert_eq!(x_pcts, ["100,00%", "51,11%", "90,48%", "100,00%", "85,71%"]);
    let cell = s.rows[1].cells[1].as_ref().expect("Y at step 2");
    assert_eq!((cell.convened, cell.present, cell.agree), (45, 32, 24));
    assert!(s.rows.iter().all(|r| !r.standing_executive_disagreement));
    // Step 2's default rule is not confirmed.
    assert!(s
        .warnings
        .iter()
        .any(|w| w.path == "steps[2].rule" && w.message.starts_with("unverified rule")));
}

#[test]
fn standing_and_executive_committee_disagreement_is_flagged_not_decided() {
    // The BTV (lần 2) passes Y (5 of 7), the BCH (lần 2) does not (10 of 21).
    let s = summarize(&procedure(5, 10)).expect("valid");
    assert!(!s.rows[0].standing_executive_disagreement);
    assert!(s.rows[1].standing_executive_disagreement);
    let cells = &s.rows[1].cells;
    assert_eq!(cells[3].as_ref().map(|c| c.passed), Some(true));
    assert_eq!(cells[4].as_ref().map(|c| c.passed), Some(false));
    assert!(s.warnings.iter().any(|w| w.message.contains("Trần Thị Yến")
        && w.message.contains("competent superior committee")));
}

#[test]
fn a_step_given_twice_is_an_error() {
    let mut p = procedure(5, 12);
    p.steps.push(step(Step::KeyOfficials, 45, 40, &[]));
    p.steps[0].present = 19;
    let error = summarize(&p).expect_err("duplicate step");
    let paths: Vec<&str> = error
        .diagnostics()
        .iter()
        .map(|d| d.path.as_str())
        .collect();
    assert_eq!(paths, ["steps[0].ballots.issued", "steps[5].step"]);
    assert!(error.diagnostics()[1].message.contains("also steps[2]"));
}

#[test]
fn the_procedure_reads_from_json_with_step_numbers() {
    let json = r#"{
      "track": "first_time",
      "steps": [{
        "step": 2, "convened": 45, "present": 32,
        "absent": [{"count": 13, "reason": "đi công tác"}],
        "ballots": {"issued": 32, "returned": 32, "valid": 32},
        "votes": [{"name": {"ho": "Nguyễn", "dem": "Văn", "ten": "Xuân"}, "agree": 23, "disagree": 9}],
        "rule": {"base": "convened", "binding": true, "quorum": [2, 3]}
      }]
    }"#;
    let p: PersonnelProcedure = serde_json::from_str(json).expect("reads");
    assert_eq!(p.track, Track::FirstTime);
    let s = summarize(&p).expect("valid");
    // A rule given explicitly is taken as confirmed.
    assert!(s.warnings.is_empty(), "{:?}", s.warnings);
    assert_eq!(s.rows[0].cells[0].as_ref().map(|c| c.passed), Some(true));
    let bad = json.replace("\"step\": 2", "\"step\": 6");
    let error = serde_json::from_str::<PersonnelProcedure>(&bad).expect_err("step 6");
    assert!(
        error
            .to_string()
            .contains("steps are numbered 1 to 5; found 6"),
        "{error}"
    );
}

#[test]
fn step_labels_name_the_bodies() {
    let labels: Vec<&str> = Step::ALL.iter().map(|s| s.body()).collect();
    assert_eq!(
        labels,
        [
            "Ban Thường vụ (lần 1)",
            "Hội nghị cán bộ chủ chốt",
            "Ban Chấp hành (lần 1)",
            "Ban Thường vụ (lần 2)",
            "Ban Chấp hành (lần 2)",
        ]
    );
    assert_eq!(Track::ReElection.label(), "tái cử");
    assert_eq!(Track::FirstTime.label(), "lần đầu");
}
