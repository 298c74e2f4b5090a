//! Số và ký hiệu (36-HD/VPTW point 1.3, SPEC §3.4): which number each numbered paper gets.
//! Two scopes:
//!
//! - **the congress** — one sequence from 01 for every numbered paper of the congress and its
//!   working bodies, whatever its type, from the preparatory session to the closing, in the
//!   order of the congress;
//! - **the committee** — one sequence per type code (GM, TB, BB …) within the committee's term
//!   (or calendar year, where local practice restarts yearly), in date order.
//!
//! A number given in the data is pinned and kept; the others take, in order, the smallest
//! numbers not pinned. Two papers of one sequence never get the same number: a pin given twice
//! is an error naming both fields.
//!
//! Which papers are numbered, and in which sequence, is said by the registry of document kinds;
//! this module only assigns numbers to the slots it is given, so a numbered paper can never be
//! left without a number.

use std::collections::{BTreeMap, BTreeSet};

use serde::{Deserialize, Serialize};

use crate::error::{Diagnostic, Path};
use crate::vi::Date;

/// What the committee's sequences restart with.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum CommitteePeriod {
    /// The committee's term (36-HD: "liên tục từ số 01 cho mỗi tên loại văn bản trong một nhiệm
    /// kỳ cấp uỷ").
    #[default]
    Term,
    /// Each calendar year (a local practice; 36-HD numbers through the term).
    Year,
}

/// Numbering settings.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
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

/// Which sequence a kind of paper is numbered in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Sequence {
    /// The congress's one sequence (body code ĐH).
    Congress,
    /// The convening committee's sequence of the paper's type code.
    Committee,
    /// The sequences of the committee the congress elects, for its papers (its first session,
    /// its report and request to the superior): per type code from 01 when numbering runs by
    /// term (its term begins with it); with yearly numbering, the year's sequence continues.
    NewCommittee,
}

/// One numbered paper, as the registry describes it.
#[derive(Debug, Clone)]
pub(crate) struct NumberSlot {
    /// Which paper: (position of its kind in the registry, position among that kind's papers).
    pub paper: (usize, usize),
    /// Its sequence.
    pub sequence: Sequence,
    /// Its type code ("GM", "BB").
    pub type_code: String,
    /// Its date (committee sequences run in date order and may restart yearly).
    pub date: Date,
    /// A number pinned in the data, and where.
    pub pin: Option<(u32, Path)>,
}

/// The numbers of every numbered paper of a congress.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Numbers {
    map: BTreeMap<(usize, usize), u32>,
}

impl Numbers {
    /// The number of a paper, if it is numbered.
    pub fn get(&self, paper: (usize, usize)) -> Option<u32> {
        self.map.get(&paper).copied()
    }
}

/// A sequence: the congress's, or the committee's of one type code and period (0 = the term).
type SequenceKey = (Sequence, String, i32);

/// Numbers every slot; returns the numbers and the pins given twice in one sequence.
///
/// `slots` come in the order of the congress (kinds in registry order, papers in order);
/// committee sequences are then put in date order, papers of one day keeping that order.
/// `settings` are the record's; invitations (GM) start at `first_invitation`.
pub(crate) fn assign_numbers(
    settings: &Numbering,
    first_invitation: u32,
    slots: Vec<NumberSlot>,
) -> (Numbers, Vec<Diagnostic>) {
    let period = |d: Date| match settings.committee_period {
        CommitteePeriod::Term => 0,
        CommitteePeriod::Year => d.year,
    };
    let mut groups: BTreeMap<(u8, String, i32), (u32, Vec<NumberSlot>)> = BTreeMap::new();
    for slot in slots {
        let key: SequenceKey = match slot.sequence {
            Sequence::Congress => (Sequence::Congress, String::new(), 0),
            Sequence::Committee => (
                Sequence::Committee,
                slot.type_code.clone(),
                period(slot.date),
            ),
            Sequence::NewCommittee => match settings.committee_period {
                CommitteePeriod::Term => (Sequence::NewCommittee, slot.type_code.clone(), 0),
                CommitteePeriod::Year => (
                    Sequence::Committee,
                    slot.type_code.clone(),
                    period(slot.date),
                ),
            },
        };
        let first = match key.0 {
            Sequence::Congress | Sequence::NewCommittee => 1,
            Sequence::Committee if key.1 == "GM" => first_invitation,
            Sequence::Committee => settings.committee_first.get(&key.1).copied().unwrap_or(1),
        };
        let rank = match key.0 {
            Sequence::Congress => 0u8,
            Sequence::Committee => 1,
            Sequence::NewCommittee => 2,
        };
        groups
            .entry((rank, key.1, key.2))
            .or_insert_with(|| (first, Vec::new()))
            .1
            .push(slot);
    }
    let mut numbers = Numbers::default();
    let mut problems = Vec::new();
    for ((rank, code, year), (first, mut slots)) in groups {
        if rank >= 1 {
            slots.sort_by_key(|s| s.date);
        }
        let scope = if rank == 0 {
            "the congress's sequence".to_string()
        } else if rank == 2 {
            format!("the new committee's {code} sequence")
        } else if year == 0 {
            format!("the committee's {code} sequence of the term")
        } else {
            format!("the committee's {code} sequence of {year}")
        };
        check_pins(&slots, &scope, &mut problems);
        assign(&slots, first, &mut numbers.map);
    }
    (numbers, problems)
}

/// Pins given twice in one sequence, each with the path of both fields.
fn check_pins(slots: &[NumberSlot], scope: &str, out: &mut Vec<Diagnostic>) {
    let mut seen: BTreeMap<u32, &Path> = BTreeMap::new();
    for (n, path) in slots.iter().filter_map(|s| s.pin.as_ref()) {
        if *n == 0 {
            // Reported by the validation of the field.
            continue;
        }
        match seen.get(n) {
            Some(first) => out.push(Diagnostic::new(
                path.clone(),
                format!("number {n:02} is also given to {first} ({scope})"),
            )),
            None => {
                seen.insert(*n, path);
            }
        }
    }
}

/// Pinned slots keep their numbers; the others take, in order, the smallest numbers from
/// `first` that nobody pinned.
fn assign(slots: &[NumberSlot], first: u32, out: &mut BTreeMap<(usize, usize), u32>) {
    let pinned: BTreeSet<u32> = slots
        .iter()
        .filter_map(|s| s.pin.as_ref())
        .map(|p| p.0)
        .collect();
    let mut next = first.max(1);
    for s in slots {
        let n = match &s.pin {
            Some((n, _)) if *n > 0 => *n,
            _ => {
                while pinned.contains(&next) {
                    next += 1;
                }
                next += 1;
                next - 1
            }
        };
        out.insert(s.paper, n);
    }
}
