//! Số và ký hiệu (36-HD/VPTW point 1.3, SPEC §3.4): which number each document of the congress
//! gets. Two scopes:
//!
//! - **the congress** — one sequence from 01 for every numbered document of the congress and its
//!   working bodies, whatever its type, from the preparatory session to the closing: the
//!   programme (CTr), each vote-count minutes (BB) in election and round order, the congress
//!   minutes (BB);
//! - **the committee** — one sequence per type code (GM, TB, BB …) within the committee's term
//!   (or calendar year, where local practice restarts yearly): the invitations, the summons and
//!   the papers of the personnel procedure, in date order.
//!
//! A number given in the data is pinned and kept; the others take, in order, the smallest numbers
//! not pinned. Two documents of one sequence never get the same number: a pin given twice is an
//! error naming both fields.

use std::collections::{BTreeMap, BTreeSet};

use serde::{Deserialize, Serialize};

use super::common::Validator;
use super::congress::Congress;
use super::DocumentKind;
use crate::rules::Track;
use crate::vi::Date;

/// What the committee's sequences restart with.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CommitteePeriod {
    /// The committee's term (36-HD: "liên tục từ số 01 cho mỗi tên loại văn bản trong một nhiệm
    /// kỳ cấp uỷ").
    #[default]
    Term,
    /// Each calendar year (a common local practice).
    Year,
}

/// Numbering settings.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Numbering {
    /// The first free number of each committee type code, e.g. `{"TB": 4, "BB": 12}` when the
    /// committee has already issued three notices this term (default 1). Giấy mời start at
    /// `invitations.first_number`.
    #[serde(default)]
    pub committee_first: BTreeMap<String, u32>,
    /// When the committee's sequences restart. Default: the term.
    #[serde(default)]
    pub committee_period: CommitteePeriod,
}

/// A numbered document of a congress, as the numbering sees it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Slot {
    /// The programme (congress sequence).
    Programme,
    /// Vote-count minutes of election `.0`, round `.1` (0-based).
    VoteCountMinutes(usize, usize),
    /// The congress minutes.
    CongressMinutes,
    /// The invitation of guest `.0`.
    Invitation(usize),
    /// The summons of the congress.
    Summons,
    /// The giấy triệu tập of a personnel conference (track, step number 1–5).
    ConferenceSummons(Track, u8),
    /// The tally minutes of a personnel conference.
    IntroductionTallyMinutes(Track, u8),
    /// The minutes of a personnel conference.
    ConferenceMinutes(Track, u8),
}

/// The numbers of every numbered document of a congress.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Numbers {
    map: BTreeMap<Slot, u32>,
}

impl Numbers {
    /// The number of `slot`, if the congress has that document.
    pub fn get(&self, slot: Slot) -> Option<u32> {
        self.map.get(&slot).copied()
    }

    /// Every slot with its number.
    pub fn iter(&self) -> impl Iterator<Item = (Slot, u32)> + '_ {
        self.map.iter().map(|(s, n)| (*s, *n))
    }
}

/// One document to number: its slot, its sequence key, its date, a pin and the data path of
/// the pin (for errors).
struct Entry {
    slot: Slot,
    key: (String, i32),
    date: Date,
    pin: Option<u32>,
    path: String,
}

impl Congress {
    /// The number of every numbered document of the congress (see the module docs).
    pub fn numbers(&self) -> Numbers {
        let mut map = BTreeMap::new();
        for group in self.sequences().into_values() {
            assign(&group.entries, group.first, &mut map);
        }
        Numbers { map }
    }

    fn sequences(&self) -> BTreeMap<(String, i32), Group> {
        let mut groups: BTreeMap<(String, i32), Group> = BTreeMap::new();
        let mut push = |e: Entry, first: u32| {
            groups
                .entry(e.key.clone())
                .or_insert_with(|| Group {
                    entries: Vec::new(),
                    first,
                })
                .entries
                .push(e);
        };
        // The congress: one sequence, in the order the documents are made.
        let congress_key = (String::from("ĐH"), 0);
        let first_day = self
            .sessions
            .first()
            .map(|s| s.date)
            .unwrap_or(self.invitations.date);
        if let Some(p) = &self.proceedings {
            push(
                Entry {
                    slot: Slot::Programme,
                    key: congress_key.clone(),
                    date: first_day,
                    pin: p.programme_number,
                    path: "proceedings.programme_number".into(),
                },
                1,
            );
        }
        for (i, e) in self.elections.iter().enumerate() {
            for (r, round) in e.rounds.iter().enumerate() {
                push(
                    Entry {
                        slot: Slot::VoteCountMinutes(i, r),
                        key: congress_key.clone(),
                        date: e.date,
                        pin: round.minutes_number,
                        path: format!("elections[{i}].rounds[{r}].minutes_number"),
                    },
                    1,
                );
            }
        }
        if let Some(p) = &self.proceedings {
            let last_day = self.sessions.last().map(|s| s.date).unwrap_or(first_day);
            push(
                Entry {
                    slot: Slot::CongressMinutes,
                    key: congress_key.clone(),
                    date: last_day,
                    pin: p.minutes_number,
                    path: "proceedings.minutes_number".into(),
                },
                1,
            );
        }
        // The committee: per type code, per term or year, in date order.
        let period = |d: Date| match self.numbering.committee_period {
            CommitteePeriod::Term => 0,
            CommitteePeriod::Year => d.year,
        };
        let first = |code: &str| {
            self.numbering
                .committee_first
                .get(code)
                .copied()
                .unwrap_or(1)
        };
        let mut committee = Vec::new();
        let gm = DocumentKind::Invitation.type_code();
        for (i, g) in self.guests.iter().enumerate() {
            committee.push(Entry {
                slot: Slot::Invitation(i),
                key: (gm.into(), period(self.invitations.date)),
                date: self.invitations.date,
                pin: g.number,
                path: format!("guests[{i}].number"),
            });
        }
        let summons_code = self
            .summons
            .type_code
            .clone()
            .unwrap_or_else(|| "TB".into());
        committee.push(Entry {
            slot: Slot::Summons,
            key: (summons_code, period(self.summons.date)),
            date: self.summons.date,
            pin: self.summons.number,
            path: "summons.number".into(),
        });
        if let Some(record) = &self.personnel {
            for (t, track) in record.tracks.iter().enumerate() {
                for (s, step) in track.steps.iter().enumerate() {
                    let n = step.counts.step.number();
                    let here = format!("personnel.tracks[{t}].steps[{s}]");
                    if let Some(issue) = step.summons {
                        committee.push(Entry {
                            slot: Slot::ConferenceSummons(track.track, n),
                            key: (
                                DocumentKind::ConferenceSummons.type_code().into(),
                                period(issue.date),
                            ),
                            date: issue.date,
                            pin: issue.number,
                            path: format!("{here}.summons.number"),
                        });
                    }
                    let bb = DocumentKind::ConferenceMinutes.type_code();
                    committee.push(Entry {
                        slot: Slot::IntroductionTallyMinutes(track.track, n),
                        key: (bb.into(), period(step.date)),
                        date: step.date,
                        pin: step.tally_number,
                        path: format!("{here}.tally_number"),
                    });
                    committee.push(Entry {
                        slot: Slot::ConferenceMinutes(track.track, n),
                        key: (bb.into(), period(step.date)),
                        date: step.date,
                        pin: step.minutes_number,
                        path: format!("{here}.minutes_number"),
                    });
                }
            }
        }
        // Date order; documents of one day keep the order above (stable sort).
        committee.sort_by_key(|e| e.date);
        for e in committee {
            let start = if e.key.0 == gm {
                self.invitations.first_number.max(1)
            } else {
                first(&e.key.0)
            };
            push(e, start);
        }
        groups
    }

    /// Pins given twice in one sequence, each with the path of both fields.
    pub(crate) fn check_numbers(&self, v: &mut Validator) {
        for ((code, year), group) in self.sequences() {
            let mut seen: BTreeMap<u32, &str> = BTreeMap::new();
            for e in &group.entries {
                let Some(n) = e.pin else { continue };
                if n == 0 {
                    v.problem(&e.path, "numbers start at 1");
                    continue;
                }
                if let Some(first) = seen.insert(n, &e.path) {
                    let scope = if code == "ĐH" {
                        "the congress's sequence".to_string()
                    } else if year == 0 {
                        format!("the committee's {code} sequence of the term")
                    } else {
                        format!("the committee's {code} sequence of {year}")
                    };
                    v.problem(
                        &e.path,
                        format!("number {n:02} is also given to {first} ({scope})"),
                    );
                    seen.insert(n, first);
                }
            }
        }
    }
}

struct Group {
    entries: Vec<Entry>,
    first: u32,
}

/// Pinned entries keep their numbers; the others take, in order, the smallest numbers from
/// `first` that nobody pinned.
fn assign(entries: &[Entry], first: u32, out: &mut BTreeMap<Slot, u32>) {
    let pinned: BTreeSet<u32> = entries.iter().filter_map(|e| e.pin).collect();
    let mut next = first.max(1);
    for e in entries {
        let n = match e.pin {
            Some(n) => n,
            None => {
                while pinned.contains(&next) {
                    next += 1;
                }
                next += 1;
                next - 1
            }
        };
        out.insert(e.slot, n);
    }
}
