//! Properties of the tally that hold for every consistent ballot (SPEC §6.3, §6.6), and
//! robustness on every input.

use std::collections::HashMap;

use daihoi::rules::{
    evaluate_step, next_round, tally, BallotCounts, Base, Candidate, CongressKind, Denominator,
    Election, Exclusion, ExclusionCount, InvalidBallots, Office, RuleSet, Status, Step, StepInput,
    StepRule, StepVote, Tally,
};
use daihoi::vi::PersonName;
use proptest::prelude::*;

fn name(i: usize) -> PersonName {
    PersonName::new("Nguyễn", "Văn", &format!("C{i}"))
}

/// Raw numbers, reduced into a ballot whose counts agree with each other.
fn consistent(
    convened: u32,
    [a, b, c, d, e, f]: [u32; 6],
    seats: u32,
    raw_votes: Vec<u32>,
    round2025: bool,
) -> Election {
    let excluded = a % convened; // < convened, so D ≥ 1
    let transfers = b % (excluded + 1);
    let present = 1 + c % convened;
    let issued = 1 + d % present;
    let returned = 1 + e % issued;
    let mut invalid = f % (returned + 1);
    let mut valid = returned - invalid;
    let mut votes: Vec<u32> = raw_votes.iter().map(|v| v % (valid + 1)).collect();
    let total: u64 = votes.iter().map(|&v| u64::from(v)).sum();
    let cap = u64::from(valid) * u64::from(seats);
    if total > cap {
        // Scale down: each stays ≤ valid and the sum fits the ballots.
        for v in &mut votes {
            *v = u32::try_from(u64::from(*v) * cap / total).unwrap_or(0);
        }
    }
    let total: u64 = votes.iter().map(|&v| u64::from(v)).sum();
    if votes.len() > seats as usize && total < u64::from(valid) {
        // With a surplus a ballot that keeps no name is invalid (SPEC §6.1): move those.
        let kept_none = valid - u32::try_from(total).unwrap_or(valid);
        valid -= kept_none;
        invalid += kept_none;
    }
    Election {
        office: Office::ExecutiveCommittee,
        seats,
        round: 1,
        candidates: votes
            .into_iter()
            .enumerate()
            .map(|(i, votes)| Candidate {
                name: name(i),
                votes,
                floor_nominee: None,
            })
            .collect(),
        denominator: Denominator {
            convened,
            exclusions: vec![
                ExclusionCount {
                    kind: Exclusion::TemporaryTransfer,
                    count: transfers,
                },
                // Round2025 (294-QĐ/TW 9.3.2) leaves out only transfers and absent exempt
                // members; the 2020 reading also those absent with an approved reason.
                ExclusionCount {
                    kind: if round2025 {
                        Exclusion::ExemptAbsent
                    } else {
                        Exclusion::AbsentWithApprovedReason
                    },
                    count: excluded - transfers,
                },
            ],
        },
        present,
        ballots: BallotCounts {
            issued,
            returned,
            valid,
            invalid: vec![InvalidBallots {
                count: invalid,
                reason: "gạch hết tên".to_string(),
            }],
        },
        rule_set: if round2025 {
            RuleSet::Round2025
        } else {
            RuleSet::Round2020
        },
        kind: CongressKind::Members,
    }
}

/// Small numbers, so that ties and votes at exactly half are common.
fn election() -> impl Strategy<Value = Election> {
    (
        1u32..=60,
        any::<[u32; 6]>(),
        1u32..=7,
        prop::collection::vec(any::<u32>(), 1..=12),
        any::<bool>(),
    )
        .prop_map(|(convened, raw, seats, votes, r)| consistent(convened, raw, seats, votes, r))
}

fn run(e: &Election) -> Result<Tally, TestCaseError> {
    tally(e).map_err(|err| TestCaseError::fail(format!("consistent ballot rejected: {err}")))
}

fn rank(status: Status) -> u8 {
    match status {
        Status::Elected => 3,
        Status::TieNeedsRevote { .. } => 2,
        Status::Outranked => 1,
        Status::NotQualified => 0,
    }
}

fn tie_seats(t: &Tally) -> u32 {
    t.tie.as_ref().map_or(0, |t| t.seats_left)
}

proptest! {
    #[test]
    fn nobody_is_elected_without_more_than_half_of_the_denominator(e in election()) {
        let t = run(&e)?;
        for &i in &t.elected {
            prop_assert!(2 * u64::from(t.outcomes[i].votes) > u64::from(t.denominator));
        }
        for o in &t.outcomes {
            let qualified = 2 * u64::from(o.votes) > u64::from(t.denominator);
            prop_assert_eq!(qualified, o.status != Status::NotQualified);
        }
    }

    #[test]
    fn never_more_elected_than_seats_and_every_seat_is_accounted_for(e in election()) {
        let t = run(&e)?;
        prop_assert!(t.elected.len() as u32 <= e.seats);
        prop_assert!(t.elected.len() as u32 + tie_seats(&t) <= e.seats);
        prop_assert_eq!(t.elected.len() as u32 + tie_seats(&t) + t.further_round_seats, e.seats);
        let elected = t.outcomes.iter().filter(|o| o.status == Status::Elected).count();
        prop_assert_eq!(elected, t.elected.len());
        if let Some(tie) = &t.tie {
            prop_assert!(tie.candidates.len() as u32 > tie.seats_left);
            prop_assert_eq!(t.further_round_seats, 0);
            let v = t.outcomes[tie.candidates[0]].votes;
            prop_assert!(tie.candidates.iter().all(|&i| t.outcomes[i].votes == v));
        }
    }

    #[test]
    fn more_votes_never_fare_worse(e in election()) {
        let t = run(&e)?;
        for a in &t.outcomes {
            for b in &t.outcomes {
                if a.votes > b.votes {
                    prop_assert!(rank(a.status) >= rank(b.status), "{:?} vs {:?}", a, b);
                }
                if a.votes == b.votes {
                    prop_assert_eq!(a.status, b.status);
                }
            }
        }
    }

    #[test]
    fn elected_are_listed_by_votes_then_ballot_order(e in election()) {
        let t = run(&e)?;
        for pair in t.elected.windows(2) {
            let (a, b) = (&t.outcomes[pair[0]], &t.outcomes[pair[1]]);
            prop_assert!(a.votes > b.votes || (a.votes == b.votes && pair[0] < pair[1]));
        }
    }

    #[test]
    fn the_outcome_does_not_depend_on_list_order(
        (e, shuffled) in election().prop_flat_map(|e| {
            let candidates = e.candidates.clone();
            (Just(e), Just(candidates).prop_shuffle())
        })
    ) {
        let t = run(&e)?;
        let mut other = e.clone();
        other.candidates = shuffled;
        let u = run(&other)?;
        let by_name = |t: &Tally| -> HashMap<PersonName, Status> {
            t.outcomes.iter().map(|o| (o.name.clone(), o.status)).collect()
        };
        prop_assert_eq!(by_name(&t), by_name(&u));
        prop_assert_eq!(tie_seats(&t), tie_seats(&u));
        prop_assert_eq!(t.further_round_seats, u.further_round_seats);
    }

    #[test]
    fn percentages_are_rounded_half_up_against_the_denominator(e in election()) {
        let t = run(&e)?;
        let d = u64::from(t.denominator);
        for o in &t.outcomes {
            let exact = 20_000 * u64::from(o.votes); // 2·D·(percent in basis points)
            let bp = o.percent.basis_points();
            prop_assert!(2 * d * bp <= exact + d && exact + d < 2 * d * (bp + 1));
            prop_assert_eq!(o.percent.to_string(), format!("{},{:02}%", bp / 100, bp % 100));
        }
    }

    #[test]
    fn the_next_round_is_for_the_open_seats_and_those_not_elected(e in election()) {
        let t = run(&e)?;
        match next_round(&e, &t) {
            None => prop_assert_eq!(t.elected.len() as u32, e.seats),
            Some(next) => {
                prop_assert_eq!(next.seats, tie_seats(&t) + t.further_round_seats);
                prop_assert_eq!(next.round, 2);
                let elected: Vec<&PersonName> = t.elected.iter().map(|&i| &t.outcomes[i].name).collect();
                prop_assert!(next.candidates.iter().all(|c| !elected.contains(&&c.name) && c.votes == 0));
            }
        }
    }

    #[test]
    fn any_broken_invariant_is_an_error(e in election(), which in 0usize..7, by in 1u32..5) {
        let mut bad = e.clone();
        let expected_path = match which {
            0 => { bad.denominator.exclusions[1].count = bad.denominator.convened; "denominator.exclusions" }
            1 => { bad.present = bad.denominator.convened + by; "present" }
            2 => { bad.ballots.issued = bad.present + by; "ballots.issued" }
            3 => { bad.ballots.returned = bad.ballots.issued + by; "ballots.returned" }
            4 => { bad.ballots.valid += by; "ballots.returned" }
            5 => { bad.candidates[0].votes = bad.ballots.valid + by; "candidates[0].votes" }
            _ => {
                let valid = bad.ballots.valid.max(1);
                bad.ballots.valid = valid;
                bad.ballots.invalid[0].count = bad.ballots.returned.saturating_sub(valid);
                bad.ballots.returned = valid + bad.ballots.invalid[0].count;
                bad.ballots.issued = bad.ballots.issued.max(bad.ballots.returned);
                bad.present = bad.present.max(bad.ballots.issued);
                bad.denominator.convened = bad.denominator.convened.max(bad.present);
                bad.candidates = (0..=bad.seats as usize)
                    .map(|i| Candidate { name: name(i), votes: valid, floor_nominee: None })
                    .collect();
                "candidates"
            }
        };
        match tally(&bad) {
            Ok(t) => prop_assert!(false, "accepted {:?} as {:?}", bad, t),
            Err(err) => prop_assert!(
                err.diagnostics().iter().any(|d| d.path == expected_path),
                "{} not at {}", err, expected_path
            ),
        }
    }

    #[test]
    fn the_tally_never_panics_on_any_input(
        convened in any::<u32>(),
        exclusions in prop::collection::vec(any::<u32>(), 0..4),
        present in any::<u32>(),
        counts in any::<[u32; 4]>(),
        seats in any::<u32>(),
        round in any::<u32>(),
        votes in prop::collection::vec(any::<u32>(), 0..10),
        cell in any::<bool>(),
    ) {
        let e = Election {
            office: if cell { Office::CellCommittee } else { Office::Secretary },
            seats,
            round,
            candidates: votes.iter().enumerate().map(|(i, &votes)| Candidate {
                name: name(i % 3),
                votes,
                floor_nominee: (i % 2 == 0).then_some(daihoi::rules::FloorNomination { approvals: votes, by: String::new() }),
            }).collect(),
            denominator: Denominator {
                convened,
                exclusions: exclusions.iter().map(|&count| ExclusionCount {
                    kind: Exclusion::SuspendedProsecutedDetained,
                    count,
                }).collect(),
            },
            present,
            ballots: BallotCounts {
                issued: counts[0],
                returned: counts[1],
                valid: counts[2],
                invalid: vec![InvalidBallots { count: counts[3], reason: String::new() }],
            },
            rule_set: RuleSet::Round2025,
            kind: CongressKind::Delegates,
        };
        if let Ok(t) = tally(&e) {
            let _ = t.to_text(&e);
            let _ = next_round(&e, &t);
        }
    }

    #[test]
    fn a_personnel_step_never_panics_on_any_input(
        convened in any::<u32>(),
        present in any::<u32>(),
        counts in any::<[u32; 4]>(),
        votes in prop::collection::vec(any::<(u32, u32)>(), 0..5),
        quorum in any::<Option<(u32, u32)>>(),
        base in 0u8..3,
    ) {
        let input = StepInput {
            step: Step::KeyOfficials,
            convened,
            present,
            absent: vec![],
            ballots: BallotCounts {
                issued: counts[0],
                returned: counts[1],
                valid: counts[2],
                invalid: vec![InvalidBallots { count: counts[3], reason: "x".into() }],
            },
            votes: votes.iter().enumerate().map(|(i, &(agree, disagree))| StepVote {
                name: name(i), agree, disagree,
            }).collect(),
            rule: None,
        };
        let rule = StepRule {
            base: [Base::Convened, Base::Present, Base::ValidBallots][usize::from(base)],
            binding: true,
            quorum,
            verified: true,
        };
        if let Ok(out) = evaluate_step(&input, &rule) {
            for c in &out.candidates {
                prop_assert!(!c.passed || out.quorum_ok);
            }
        }
    }
}
