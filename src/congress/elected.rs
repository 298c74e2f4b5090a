//! Who the elections elected: the one reading of the tallies that every paper after a vote
//! shares (the new committee, its officers, the delegates), so a name elected is never typed
//! twice.

use std::cell::RefCell;

use super::election::{ElectionRecord, HeldBy};
use super::record::Congress;
use crate::error::Result;
use crate::memo::{self, Recent};
use crate::rules::{self, CongressKind, Office, Percent, RuleSet};
use crate::vi::PersonName;

thread_local! {
    /// [`Congress::elected`] by all it depends on: the election as the file has it, the rule
    /// set and the kind of congress.
    static ELECTED: Recent<(ElectionRecord, RuleSet, CongressKind), Vec<Elected>> =
        const { RefCell::new(Vec::new()) };
}

/// Someone elected, with the votes and share of the round that elected them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Elected {
    /// The person.
    pub name: PersonName,
    /// Votes in the round that elected them.
    pub votes: u32,
    /// Share of that round's denominator.
    pub percent: Percent,
    /// The round (1, 2 …).
    pub round: u32,
    /// That round's denominator: the votes the share is of.
    pub base: u32,
}

impl Congress {
    /// Everyone `elections[index]` elected, round by round, most votes first within a round.
    pub(crate) fn elected(&self, index: usize) -> Result<Vec<Elected>> {
        let Some(record) = self.elections.get(index) else {
            return Ok(Vec::new());
        };
        let candidates: usize = record.rounds.iter().map(|r| r.candidates.len()).sum();
        memo::answer(
            &ELECTED,
            |(r, rule_set, kind)| r == record && *rule_set == self.rule_set && *kind == self.kind,
            || (record.clone(), self.rule_set, self.kind),
            candidates,
            || self.tally_elected(index),
        )
    }

    /// [`Congress::elected`], worked out: every round tallied.
    fn tally_elected(&self, index: usize) -> Result<Vec<Elected>> {
        let rounds = self.elections.get(index).map_or(0, |e| e.rounds.len());
        let mut out = Vec::new();
        for r in 0..rounds {
            let round = self.election_round(index, r)?.election;
            let t = rules::tally(&round)?;
            for &k in &t.elected {
                let o = &t.outcomes[k];
                out.push(Elected {
                    name: o.name.clone(),
                    votes: o.votes,
                    percent: o.percent,
                    round: round.round,
                    base: t.denominator,
                });
            }
        }
        Ok(out)
    }

    /// The congress's election of its committee (Ban Chấp hành, or a cell's chi uỷ): the first
    /// one held by the congress.
    pub(crate) fn committee_election(&self) -> Option<usize> {
        self.elections.iter().position(|e| {
            e.held_by == HeldBy::Congress
                && matches!(e.office, Office::ExecutiveCommittee | Office::CellCommittee)
        })
    }

    /// The first election of `office` held by `held_by`, if any.
    pub(crate) fn election_of(&self, office: &Office, held_by: HeldBy) -> Option<usize> {
        self.elections
            .iter()
            .position(|e| e.held_by == held_by && &e.office == office)
    }

    /// The members of the committee the congress elected (empty when it elected none, or when
    /// its counts do not add up — validation reports that).
    pub(crate) fn new_committee(&self) -> Vec<Elected> {
        self.committee_election()
            .and_then(|i| self.elected(i).ok())
            .unwrap_or_default()
    }

    /// The secretary elected, by the congress or by the new committee, if any.
    pub(crate) fn elected_secretary(&self) -> Option<Elected> {
        let i = self
            .elections
            .iter()
            .position(|e| e.office == Office::Secretary)?;
        self.elected(i).ok()?.into_iter().next()
    }

    /// The new committee's bí thư: the one elected or, after three rounds without one, the one
    /// the superior committee designated (`elections[].designated`).
    pub(crate) fn secretary_name(&self) -> Option<crate::vi::PersonName> {
        if let Some(s) = self.elected_secretary() {
            return Some(s.name);
        }
        self.elections
            .iter()
            .filter(|e| e.office == Office::Secretary)
            .find_map(|e| e.designated.as_ref())
            .map(|d| d.name.clone())
    }

    /// Whether any election is held by the new committee at its first session.
    pub(crate) fn has_first_session_elections(&self) -> bool {
        self.elections
            .iter()
            .any(|e| e.held_by == HeldBy::NewCommittee)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn bach_mai() -> Congress {
        crate::load_congress(include_str!("../../examples/data/bach-mai-2020.json")).unwrap()
    }

    fn names(elected: &[Elected]) -> Vec<String> {
        elected.iter().map(|e| e.name.full()).collect()
    }

    /// What a thread keeps of an election is the answer for that election only: a count
    /// changed gives the new answer, and the old count again the old one.
    #[test]
    fn who_was_elected_follows_every_change_of_the_counts() {
        let mut congress = bach_mai();
        let i = congress.committee_election().unwrap();
        let before = congress.elected(i).unwrap();
        assert_eq!(congress.elected(i).unwrap(), before);
        let first = &congress.elections[i].rounds[0];
        // The candidate with the most votes who was elected, and the best not elected.
        let elected: Vec<String> = names(&before);
        let top = first
            .candidates
            .iter()
            .position(|c| c.name.full() == elected[0])
            .unwrap();
        let out = first
            .candidates
            .iter()
            .enumerate()
            .filter(|(_, c)| !elected.contains(&c.name.full()))
            .max_by_key(|(_, c)| c.votes)
            .map(|(k, _)| k)
            .expect("Bạch Mai's first round has a candidate not elected");
        let round = &mut congress.elections[i].rounds[0];
        let (a, b) = (round.candidates[top].votes, round.candidates[out].votes);
        round.candidates[top].votes = b;
        round.candidates[out].votes = a;
        let after = congress.elected(i).unwrap();
        assert_ne!(
            names(&after),
            names(&before),
            "a stale answer after the counts changed"
        );
        assert!(
            names(&after).contains(&congress.elections[i].rounds[0].candidates[out].name.full())
        );
        assert_eq!(after, congress.tally_elected(i).unwrap());
        let round = &mut congress.elections[i].rounds[0];
        round.candidates[top].votes = a;
        round.candidates[out].votes = b;
        assert_eq!(congress.elected(i).unwrap(), before);
    }

    /// The rule set and the kind of congress are part of what an answer is kept by: under
    /// another, some elections elect others, and each answer is the one worked out anew.
    #[test]
    fn who_was_elected_follows_the_rule_set_and_the_kind_of_congress() {
        let mut congress = bach_mai();
        let first: Vec<_> = (0..congress.elections.len())
            .map(|i| congress.elected(i).ok())
            .collect();
        let mut changed = 0;
        for rule_set in [RuleSet::Round2020, RuleSet::Round2025] {
            for kind in [CongressKind::Delegates, CongressKind::Members] {
                congress.rule_set = rule_set;
                congress.kind = kind;
                for (i, was) in first.iter().enumerate() {
                    let now = congress.elected(i).ok();
                    assert_eq!(now, congress.tally_elected(i).ok(), "elections[{i}]");
                    changed += usize::from(now != *was);
                }
            }
        }
        assert!(
            changed > 0,
            "no answer changed with the rule set or the kind"
        );
    }
}
