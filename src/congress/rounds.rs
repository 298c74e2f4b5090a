//! The rounds of an election as the rules see them: the seats carried from the previous round's
//! tally, the list in ballot order, the way back to the file's order.

use super::election::ElectionRound;
use super::record::Congress;
use crate::error::{Error, ErrorKind, Path, Result};
use crate::rules;

impl Congress {
    /// Round `round` (0-based) of election `index` as the rules see it: the rule set and kind
    /// of the congress, the seats carried from the previous round's tally, and the list in
    /// ballot order.
    pub(crate) fn election_round(&self, index: usize, round: usize) -> Result<ElectionRound> {
        let record = self.elections.get(index).ok_or_else(|| {
            Error::new(
                ErrorKind::InvalidData,
                format!("there is no elections[{index}]"),
            )
        })?;
        let counts = record.rounds.get(round).ok_or_else(|| {
            Error::new(
                ErrorKind::InvalidData,
                format!("elections[{index}] has no round {}", round + 1),
            )
        })?;
        let seats = match (counts.seats, round) {
            (Some(s), _) => s,
            (None, 0) => record.seats,
            (None, r) => {
                let previous = self.election_round(index, r - 1)?;
                let t = rules::tally(&previous.election)?;
                t.tie.as_ref().map(|t| t.seats_left).unwrap_or(0) + t.further_round_seats
            }
        };
        // Ballot order is "vần A, B, C" (SPEC §7): the ballot, the minutes and the tally all
        // list the candidates in that one order, whatever order the file gives them in.
        let mut order: Vec<usize> = (0..counts.candidates.len()).collect();
        order.sort_by_cached_key(|&k| counts.candidates[k].name.key());
        let mut candidates: Vec<rules::Candidate> = order
            .iter()
            .map(|&k| counts.candidates[k].clone())
            .collect();
        // The first round's floor nominees are the nominees the opinion vote admitted: their
        // approvals are its "Đồng ý" count, written once, there.
        if let (0, Some(n)) = (round, &record.nominations) {
            for c in candidates.iter_mut().filter(|c| c.floor_nominee.is_none()) {
                if let Some(x) = n.nominees.iter().find(|x| x.name == c.name) {
                    c.floor_nominee = Some(rules::FloorNomination {
                        approvals: x.agree,
                        by: x.by.clone(),
                    });
                }
            }
        }
        let election = rules::Election {
            office: record.office.clone(),
            seats,
            round: round as u32 + 1,
            candidates,
            denominator: counts.denominator.clone(),
            present: counts.present,
            ballots: counts.ballots.clone(),
            rule_set: self.rule_set,
            kind: self.kind,
        };
        Ok(ElectionRound { election, order })
    }
}

/// The tally of one round of an election of the congress, for a screen that shows it as the
/// counts are typed: the tally in ballot order, and where each candidate is in the file.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct RoundTally {
    /// The tally ([`rules::tally`]), candidates in ballot order.
    pub tally: rules::Tally,
    /// `file_order[k]` is the position in the file's list of the `k`-th candidate on the ballot.
    pub file_order: Vec<usize>,
}

impl Congress {
    /// Tallies round `round` of election `election` (both from 0) by the Party's rules, with
    /// the seats the earlier rounds left: the same tally the vote-count minutes print.
    ///
    /// Fails when there is no such round, or when a count disagrees with another (every
    /// disagreement in one error, as [`rules::tally`] reports them).
    ///
    /// The error names each problem by its path in the file
    /// (`elections[0].rounds[0].candidates[5].votes`), an earlier round's when that one's
    /// counts disagree.
    pub fn tally_round(&self, election: usize, round: usize) -> Result<RoundTally> {
        let tally_of = |k: usize| {
            let r = self.election_round(election, k)?;
            let at = Path::root()
                .field("elections")
                .index(election)
                .field("rounds")
                .index(k);
            let tally = r.tally().map_err(|e| e.map_diagnostics(|d| d.under(&at)))?;
            Ok(RoundTally {
                tally,
                file_order: r.order,
            })
        };
        // An earlier round whose counts disagree is named as itself, not as this one.
        for k in 0..round {
            tally_of(k)?;
        }
        tally_of(round)
    }
}
