//! The tally of one ballot (SPEC §6.3): more than half of D qualifies, the top seats among the
//! qualified are elected, a tie at the cut-off is left to a re-ballot. Never panics on user data.

use serde::Serialize;

use crate::error::{Diagnostic, Error, Result};
use crate::vi::PersonName;

use super::check;
use super::election::{BallotCounts, Candidate, Denominator, Election};
use super::percent::Percent;

/// What the ballot decided for one candidate.
///
/// Serialized flat into [`CandidateOutcome`]: `"status": "elected"`, or
/// `"status": "tie_needs_revote", "seats_left": 1`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(tag = "status", rename_all = "snake_case")]
pub enum Status {
    /// Trúng cử — more than half of D and within the seats.
    Elected,
    /// Tied at the cut-off with more tied candidates than seats left: a re-ballot among the tied
    /// decides (never resolved by age or by lot).
    TieNeedsRevote {
        /// Seats the re-ballot fills.
        seats_left: u32,
    },
    /// More than half of D, but the seats went to candidates with more votes.
    Outranked,
    /// Not more than half of D.
    NotQualified,
}

impl Status {
    /// The status as the minutes word it.
    pub fn label(&self) -> &'static str {
        match self {
            Status::Elected => "trúng cử",
            Status::TieNeedsRevote { .. } => "bằng phiếu, phải bầu lại",
            Status::Outranked => "không trúng cử (đạt quá một nửa nhưng ít phiếu hơn)",
            Status::NotQualified => "không trúng cử (không đạt quá một nửa)",
        }
    }

    /// The status in English, for the command line.
    pub fn english(&self) -> String {
        match self {
            Status::Elected => "elected".to_string(),
            Status::TieNeedsRevote { seats_left } => {
                format!("tie at the cut-off, re-ballot for {}", seats(*seats_left))
            }
            Status::Outranked => "outranked".to_string(),
            Status::NotQualified => "not more than half".to_string(),
        }
    }
}

/// "1 seat", "2 seats".
pub(crate) fn seats(n: u32) -> String {
    if n == 1 {
        "1 seat".to_string()
    } else {
        format!("{n} seats")
    }
}

/// One candidate's result, in ballot order.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize)]
pub struct CandidateOutcome {
    /// The candidate.
    pub name: PersonName,
    /// Votes received.
    pub votes: u32,
    /// Votes against D ("Tỷ lệ % (so với đảng viên chính thức)").
    pub percent: Percent,
    /// What the ballot decided.
    #[serde(flatten)]
    pub status: Status,
}

/// A tie at the cut-off: more candidates with the same votes than seats left.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize)]
pub struct Tie {
    /// Indexes into the candidates, in ballot order.
    pub candidates: Vec<usize>,
    /// Seats the re-ballot among them fills.
    pub seats_left: u32,
}

/// The result of [`tally`].
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize)]
pub struct Tally {
    /// Seats of this round.
    pub seats: u32,
    /// The round, from 1.
    pub round: u32,
    /// D, the base of "more than half" and of the percentages.
    pub denominator: u32,
    /// D's parts, as the minutes print them.
    pub denominator_parts: Denominator,
    /// The fewest votes that are more than half of D: ⌊D / 2⌋ + 1.
    pub votes_needed: u32,
    /// Every candidate, in ballot order.
    pub outcomes: Vec<CandidateOutcome>,
    /// Indexes of the elected, by votes descending, ties in ballot order.
    pub elected: Vec<usize>,
    /// A tie at the cut-off, if any.
    pub tie: Option<Tie>,
    /// Seats neither filled nor tied for: a further round (bầu tiếp) is needed.
    pub further_round_seats: u32,
    /// Findings that do not stop the tally (surplus, returned ballots above D, …).
    pub warnings: Vec<Diagnostic>,
}

impl Tally {
    /// Indexes of the candidates not elected in this round, by votes descending, ties in
    /// ballot order: the results the announcement and the minutes read after the elected.
    /// Those tied at the cut-off are not among them: they are neither elected nor out, and go
    /// to the re-ballot ([`Tally::tie`]).
    pub fn not_elected(&self) -> Vec<usize> {
        let tied = self.tie.as_ref().map(|t| t.candidates.as_slice());
        let mut rest: Vec<usize> = (0..self.outcomes.len())
            .filter(|i| !self.elected.contains(i) && !tied.unwrap_or_default().contains(i))
            .collect();
        rest.sort_by_key(|&i| std::cmp::Reverse(self.outcomes[i].votes));
        rest
    }
}

/// Tallies one ballot: checks every invariant (all violations in one error, each naming the
/// count and by how much), then applies SPEC §6.3 with integers only.
///
/// Qualified ⇔ 2 × votes > D; the top `seats` of the qualified are elected; candidates tied at
/// the cut-off beyond the seats get [`Status::TieNeedsRevote`]; seats left over are
/// [`Tally::further_round_seats`].
pub fn tally(election: &Election) -> Result<Tally> {
    let findings = check::election(election);
    if !findings.errors.is_empty() {
        return Err(Error::problems(findings.errors).with_hint(
            "correct the counts: the tally runs only when every count agrees with the others",
        ));
    }
    let d = election.denominator.value();
    let d64 = u64::from(d);
    let votes = |i: &usize| election.candidates.get(*i).map_or(0, |c| c.votes);
    let seats = election.seats as usize;

    // Qualified, by votes descending; the stable sort keeps ballot order among equals.
    let mut ranked: Vec<usize> = (0..election.candidates.len())
        .filter(|i| 2 * u64::from(votes(i)) > d64)
        .collect();
    ranked.sort_by_key(|i| std::cmp::Reverse(votes(i)));

    let mut statuses: Vec<Status> = election
        .candidates
        .iter()
        .map(|c| {
            if 2 * u64::from(c.votes) > d64 {
                Status::Outranked
            } else {
                Status::NotQualified
            }
        })
        .collect();
    let mut tie = None;
    let (elected, tied): (&[usize], &[usize]) = match ranked.get(seats.wrapping_sub(1)) {
        Some(cut) if ranked.len() > seats => {
            let v = votes(cut);
            let above = ranked.iter().take_while(|i| votes(i) > v).count();
            let at = ranked[above..].iter().take_while(|i| votes(i) == v).count();
            if above + at <= seats {
                (&ranked[..above + at], &[])
            } else {
                (&ranked[..above], &ranked[above..above + at])
            }
        }
        _ => (&ranked[..], &[]),
    };
    for &i in elected {
        statuses[i] = Status::Elected;
    }
    if !tied.is_empty() {
        let seats_left = election.seats.saturating_sub(elected.len() as u32);
        for &i in tied {
            statuses[i] = Status::TieNeedsRevote { seats_left };
        }
        let mut candidates = tied.to_vec();
        candidates.sort_unstable();
        tie = Some(Tie {
            candidates,
            seats_left,
        });
    }
    let tie_seats = tie.as_ref().map_or(0, |t: &Tie| t.seats_left);
    let further_round_seats = election
        .seats
        .saturating_sub(elected.len() as u32)
        .saturating_sub(tie_seats);

    let outcomes = election
        .candidates
        .iter()
        .zip(statuses)
        .map(|(c, status)| CandidateOutcome {
            name: c.name.clone(),
            votes: c.votes,
            percent: Percent::of(c.votes, d).unwrap_or_default(),
            status,
        })
        .collect();
    Ok(Tally {
        seats: election.seats,
        round: election.round,
        denominator: d,
        denominator_parts: election.denominator.clone(),
        votes_needed: d / 2 + 1,
        outcomes,
        elected: elected.to_vec(),
        tie,
        further_round_seats,
        warnings: findings.warnings,
    })
}

/// The skeleton of the next round after `tally`: the tied candidates for their seats, or the
/// candidates not elected for the seats still empty; `round + 1`; the same office, rule set and
/// denominator parts (to re-confirm); every count 0 for the Ban kiểm phiếu to fill in.
///
/// `None` when the tally filled every seat. The congress may change the list before voting
/// (SPEC §6.3: "add names"); the skeleton is a starting point.
pub fn next_round(election: &Election, tally: &Tally) -> Option<Election> {
    let (seats, picks): (u32, Vec<usize>) = match &tally.tie {
        Some(tie) => (tie.seats_left, tie.candidates.clone()),
        None if tally.further_round_seats > 0 => (
            tally.further_round_seats,
            (0..election.candidates.len())
                .filter(|&i| {
                    tally
                        .outcomes
                        .get(i)
                        .is_some_and(|o| o.status != Status::Elected)
                })
                .collect(),
        ),
        None => return None,
    };
    let candidates = picks
        .into_iter()
        .filter_map(|i| election.candidates.get(i))
        .map(|c| Candidate {
            name: c.name.clone(),
            votes: 0,
            floor_nominee: c.floor_nominee.clone(),
        })
        .collect();
    Some(Election {
        office: election.office.clone(),
        seats,
        round: election.round.saturating_add(1),
        candidates,
        denominator: election.denominator.clone(),
        present: 0,
        ballots: BallotCounts::default(),
        rule_set: election.rule_set,
        kind: election.kind,
    })
}
