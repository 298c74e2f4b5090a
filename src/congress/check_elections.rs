//! What the elections may not contradict: the personnel procedure that introduced the list, the
//! earlier round a later one continues, and the times at which results are announced.

use std::cell::RefCell;
use std::collections::BTreeMap;

use super::personnel::{CandidateProfile, PersonnelRecord};
use super::proceedings::StepKind;
use super::record::Congress;
use super::validator::Validator;
use crate::memo::{self, Recent};
use crate::rules::{self, evaluate_step, Office, Status, Tally};
use crate::vi::{CollationKey, PersonName, Time};

/// Runs every check of this module; `tallies[i][r]` is round `r` of election `i`, when its
/// counts are sound (the other checks report those that are not).
pub(crate) fn check(v: &mut Validator, congress: &Congress) {
    let tallies: Vec<Vec<Option<Tally>>> = (0..congress.elections.len())
        .map(|i| {
            (0..congress.elections[i].rounds.len())
                .map(|r| {
                    let round = congress.election_round(i, r).ok()?;
                    rules::tally(&round.election).ok()
                })
                .collect()
        })
        .collect();
    list_follows_the_procedure(v, congress);
    later_rounds_continue_the_earlier(v, congress, &tallies);
    results_follow_their_counts(v, congress);
}

/// What the personnel procedure made of each person: where they last stood (a step of a
/// track) and whether that was the track's last step, passed. Empty verdict: introduced.
fn introduced(congress: &Congress) -> Option<BTreeMap<CollationKey, String>> {
    let record = congress.personnel.as_ref()?;
    let Ok(map) = memo::answer(
        &INTRODUCED,
        |r| r == record,
        || record.clone(),
        record
            .tracks
            .iter()
            .flat_map(|t| &t.steps)
            .map(|s| s.counts.votes.len())
            .sum(),
        || Ok::<_, std::convert::Infallible>(introduced_by(record)),
    );
    Some(map)
}

thread_local! {
    /// [`introduced`] by the procedure it was worked out from: the list of candidates, the
    /// Đề án and the check each ask it.
    static INTRODUCED: Recent<PersonnelRecord, BTreeMap<CollationKey, String>> =
        const { RefCell::new(Vec::new()) };
}

/// [`introduced`], worked out from the procedure `record`.
fn introduced_by(record: &PersonnelRecord) -> BTreeMap<CollationKey, String> {
    let mut out = BTreeMap::new();
    for (t, track) in record.tracks.iter().enumerate() {
        let mut steps: Vec<(usize, &super::personnel::StepRecord)> =
            track.steps.iter().enumerate().collect();
        steps.sort_by_key(|(_, s)| s.counts.step);
        let last = steps.last().map(|(s, _)| *s);
        for (s, step) in steps {
            let Ok(outcome) = evaluate_step(&step.counts, &step.counts.effective_rule()) else {
                continue;
            };
            for c in outcome.candidates {
                let verdict = if c.passed && Some(s) == last {
                    String::new()
                } else if c.passed {
                    format!("personnel.tracks[{t}].steps[{s}] is the last step held for them")
                } else {
                    format!(
                        "personnel.tracks[{t}].steps[{s}]: {} of {}, {}",
                        c.agree, step.counts.convened, c.pct_of_convened
                    )
                };
                // Later steps overwrite earlier ones: the verdict is where they last stood.
                out.insert(c.name.key(), verdict);
            }
        }
    }
    out
}

impl Congress {
    /// Those the personnel procedure introduced, worked out once for a paper that asks about
    /// many people (`None` without a procedure in the record).
    pub(crate) fn introduced_people(&self) -> Option<Introduced> {
        introduced(self).map(Introduced)
    }

    /// Those the outgoing committee proposes for the new committee (its Đề án nhân sự): those
    /// the personnel procedure introduced, or, without one in the record, every candidate with
    /// a profile who was not nominated at the congress (the Đề án is made before it); in the
    /// order of the ballot (vần A, B, C).
    pub(crate) fn proposed_for_committee(&self) -> Vec<&CandidateProfile> {
        let introduced = self.introduced_people();
        let from_floor = |p: &CandidateProfile| {
            self.elections.iter().any(|e| {
                let opinion_vote = e.nominations.iter().flat_map(|n| &n.nominees);
                opinion_vote.map(|n| &n.name).any(|n| *n == p.name)
                    || e.rounds
                        .iter()
                        .flat_map(|r| &r.candidates)
                        .any(|x| x.name == p.name && x.floor_nominee.is_some())
            })
        };
        let mut out: Vec<&CandidateProfile> = self
            .candidates
            .iter()
            .filter(|p| match &introduced {
                Some(who) => who.is(&p.name),
                None => !from_floor(p),
            })
            .collect();
        out.sort_by_cached_key(|p| p.name.key());
        out
    }

    /// Those the outgoing committee proposes for election `index` of an office (Ban Thường vụ,
    /// Bí thư …): the first round's list less the names added at the meeting, in ballot order.
    pub(crate) fn proposed_for_office(&self, index: usize) -> Vec<PersonName> {
        let Ok(round) = self.election_round(index, 0) else {
            return Vec::new();
        };
        round
            .election
            .candidates
            .iter()
            .filter(|c| c.floor_nominee.is_none())
            .map(|c| c.name.clone())
            .collect()
    }
}

/// Those the personnel procedure introduced to the congress: see
/// [`Congress::introduced_people`].
pub(crate) struct Introduced(BTreeMap<CollationKey, String>);

impl Introduced {
    /// Whether the procedure introduced `name`: they passed the last step held of their track.
    pub(crate) fn is(&self, name: &crate::vi::PersonName) -> bool {
        self.0.get(&name.key()).is_some_and(String::is_empty)
    }
}

/// The list of the executive committee's election holds those the procedure introduced, and
/// nominations made and admitted at the congress — nobody else (issue: a ballot listed people
/// who had failed step 2 or step 5).
fn list_follows_the_procedure(v: &mut Validator, congress: &Congress) {
    let Some(introduced) = introduced(congress) else {
        return;
    };
    if introduced.is_empty() {
        return;
    }
    for (i, e) in congress.elections.iter().enumerate() {
        if e.office != Office::ExecutiveCommittee {
            continue;
        }
        let Some(first) = e.rounds.first() else {
            continue;
        };
        for (k, c) in first.candidates.iter().enumerate() {
            if c.floor_nominee.is_some() {
                continue;
            }
            let why = match introduced.get(&c.name.key()) {
                Some(verdict) if verdict.is_empty() => continue,
                Some(verdict) => format!("did not pass the personnel procedure ({verdict})"),
                None => "is not in the personnel procedure".to_string(),
            };
            v.problem(
                &format!("elections[{i}].rounds[0].candidates[{k}].name"),
                format!(
                    "{} is on the list but {why}; a name the procedure did not introduce comes \
                     only from a nomination at the congress, admitted by its vote \
                     (`floor_nominee`: `by` and `approvals`)",
                    c.name
                ),
            );
        }
    }
}

/// A later round holds the earlier round's candidates left to elect — the tied ones of a tie,
/// every one not elected of a shortfall — unless one withdraws (recorded); a new name is a
/// nomination at the congress.
fn later_rounds_continue_the_earlier(
    v: &mut Validator,
    congress: &Congress,
    tallies: &[Vec<Option<Tally>>],
) {
    for (i, e) in congress.elections.iter().enumerate() {
        for r in 1..e.rounds.len() {
            let Some(Some(prev)) = tallies[i].get(r - 1) else {
                continue;
            };
            let here = format!("elections[{i}].rounds[{r}]");
            let round = &e.rounds[r];
            let tied: Vec<usize> = prev
                .tie
                .as_ref()
                .map(|t| t.candidates.clone())
                .unwrap_or_default();
            let left: Vec<usize> = (0..prev.outcomes.len())
                .filter(|k| {
                    let o = &prev.outcomes[*k];
                    tied.contains(k)
                        || (prev.further_round_seats > 0 && o.status == Status::NotQualified)
                })
                .collect();
            let listed: Vec<CollationKey> = round.candidates.iter().map(|c| c.name.key()).collect();
            let withdrawn: Vec<CollationKey> =
                round.withdrawals.iter().map(|w| w.name.key()).collect();
            for k in &left {
                let o = &prev.outcomes[*k];
                let key = o.name.key();
                if !listed.contains(&key) && !withdrawn.contains(&key) {
                    v.problem(
                        &format!("{here}.candidates"),
                        format!(
                            "{} ({} votes in rounds[{}], not elected) is missing from this \
                             round's list; a candidate left off records a withdrawal in \
                             {here}.withdrawals",
                            o.name,
                            o.votes,
                            r - 1
                        ),
                    );
                }
            }
            let before: Vec<CollationKey> = prev.outcomes.iter().map(|o| o.name.key()).collect();
            for (k, c) in round.candidates.iter().enumerate() {
                if !before.contains(&c.name.key()) && c.floor_nominee.is_none() {
                    v.problem(
                        &format!("{here}.candidates[{k}].name"),
                        format!(
                            "{} was not on the list of rounds[{}]; a new name comes only from a \
                             nomination at the congress (`floor_nominee`)",
                            c.name,
                            r - 1
                        ),
                    );
                }
            }
            let owed: Vec<CollationKey> =
                left.iter().map(|k| prev.outcomes[*k].name.key()).collect();
            for (j, w) in round.withdrawals.iter().enumerate() {
                v.at(&format!("{here}.withdrawals[{j}]"), |v| {
                    v.name("name", &w.name);
                    v.text("reason", &w.reason);
                    if !owed.contains(&w.name.key()) {
                        v.problem(
                            "name",
                            format!(
                                "{} was not a candidate left to elect after rounds[{}]",
                                w.name,
                                r - 1
                            ),
                        );
                    }
                });
            }
        }
    }
}

/// In the agenda, what follows an election starts after the election's last count closed: a
/// result is announced after its count, and the resolution is adopted after the last result.
fn results_follow_their_counts(v: &mut Validator, congress: &Congress) {
    let Some(agenda) = congress
        .proceedings
        .as_ref()
        .and_then(|p| p.agenda.as_ref())
    else {
        return;
    };
    for (s, session) in agenda.iter().enumerate() {
        // The latest count closed so far in this session, and where it was given.
        let mut closed: Option<(Time, String)> = None;
        for (j, item) in session.items.iter().enumerate() {
            if let (Some(t), Some((c, at))) = (item.time, &closed) {
                if t < *c {
                    v.problem(
                        &format!("proceedings.agenda[{s}].items[{j}].time"),
                        format!(
                            "{t} is before the count it follows closed ({c}, {at}): a result \
                             is announced, and the next item starts, after its count closes"
                        ),
                    );
                }
            }
            if item.step == StepKind::Election {
                let Some(e) = item
                    .index
                    .and_then(|e| congress.elections.get(e).map(|x| (e, x)))
                else {
                    continue;
                };
                let last =
                    e.1.rounds
                        .iter()
                        .enumerate()
                        .filter_map(|(r, x)| x.closed_at.map(|t| (t, r)))
                        .max();
                if let Some((t, r)) = last {
                    let at = format!("elections[{}].rounds[{r}].closed_at", e.0);
                    if closed.as_ref().is_none_or(|(c, _)| t > *c) {
                        closed = Some((t, at));
                    }
                }
            }
        }
    }
}
