//! Consistency across the pack. Every document is made from the one congress record, so a
//! figure printed in several papers has one source; what remains is what the record itself can
//! get wrong: dates that contradict each other, and one person written two ways in two places.

use std::collections::BTreeMap;

use serde_json::Value;

use super::load::for_each_value;
use super::record::Congress;
use super::validator::Validator;
use crate::error::{Diagnostic, Path};
use crate::vi::PersonName;

/// Dates that must agree: each election is held on a day of the congress; invitations, the
/// summons and the personnel conferences come before it.
pub(crate) fn check(v: &mut Validator, congress: &Congress) {
    // The list of the convened and the attendance count the same people.
    if let Some(p) = &congress.proceedings {
        let listed = congress.convened.len();
        if listed > 0 && listed != p.attendance.convened as usize {
            v.problem(
                "convened",
                format!(
                    "lists {listed} people, but proceedings.attendance.convened is {}",
                    p.attendance.convened
                ),
            );
        }
    }
    let Some(first) = congress.sessions.first().map(|s| s.date) else {
        return;
    };
    let days: Vec<_> = congress.sessions.iter().map(|s| s.date).collect();
    for (i, e) in congress.elections.iter().enumerate() {
        // The minutes of a round are closed before the congress's day ends.
        let end = congress
            .sessions
            .iter()
            .filter(|s| s.date == e.date)
            .filter_map(|s| s.end)
            .max();
        for (r, round) in e.rounds.iter().enumerate() {
            if let (Some(closed), Some(end)) = (round.closed_at, end) {
                if closed > end {
                    v.problem(
                        &format!("elections[{i}].rounds[{r}].closed_at"),
                        format!("{closed} is after the session of that day ends ({end})"),
                    );
                }
            }
        }
        if !days.contains(&e.date) {
            v.problem(
                &format!("elections[{i}].date"),
                format!(
                    "{} is not a day of the congress ({})",
                    e.date,
                    days.iter()
                        .map(|d| d.to_string())
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
            );
        }
    }
    for (field, date) in [
        ("invitations.date", congress.invitations.date),
        ("summons.date", congress.summons.date),
    ] {
        if date > first {
            v.problem(
                field,
                format!("{date} is after the congress opens ({first})"),
            );
        }
    }
    if let Some(record) = &congress.personnel {
        for (t, track) in record.tracks.iter().enumerate() {
            for (s, step) in track.steps.iter().enumerate() {
                if step.date >= first {
                    v.problem(
                        &format!("personnel.tracks[{t}].steps[{s}].date"),
                        format!(
                            "the personnel conference of {} is not before the congress ({first})",
                            step.date
                        ),
                    );
                }
            }
        }
    }
}

impl Congress {
    /// What is worth a look before printing. Members of the new committee without a profile
    /// (their trích ngang is left out). People who may be one person written two ways: names
    /// that differ only in tone marks,
    /// "đ"/"d", case or spacing, e.g. "Lê Thành Vinh" in the presidium and "Lê Thanh Vinh" on a
    /// ballot. Not an error — two people can have such names — but worth a look before printing.
    pub fn consistency_warnings(&self) -> Vec<Diagnostic> {
        let mut out = super::check_results::missing_profiles(self);
        let Ok(mut value) = serde_json::to_value(self) else {
            return out;
        };
        let mut found: BTreeMap<String, BTreeMap<String, Path>> = BTreeMap::new();
        // Every person name (an object with `ho` and `ten`) with its path.
        for_each_value(&mut value, &mut |trail, v| {
            let (Some(ho), Some(ten)) = (v.get("ho"), v.get("ten")) else {
                return true;
            };
            let dem = v.get("dem").and_then(Value::as_str).unwrap_or("");
            let full =
                PersonName::new(ho.as_str().unwrap_or(""), dem, ten.as_str().unwrap_or("")).full();
            found
                .entry(fold(&full))
                .or_default()
                .entry(full)
                .or_insert_with(|| trail.path());
            false
        });
        for spellings in found.values() {
            if spellings.len() < 2 {
                continue;
            }
            let mut it = spellings.iter();
            let Some((first_name, first_path)) = it.next() else {
                continue;
            };
            for (name, path) in it {
                out.push(Diagnostic::new(
                    path.clone(),
                    format!(
                        "“{name}” here and “{first_name}” at {first_path}: one person written two \
                         ways, or two people?"
                    ),
                ));
            }
        }
        out.extend(self.ordinal_warnings(&mut value));
        out.extend(self.counting_warnings());
        out.extend(self.proposal_warnings());
        out.extend(self.directing_warnings());
        out.extend(self.namesake_warnings());
        out
    }

    /// One name twice on a round's list ([`crate::rules::namesakes`], in the file's order):
    /// the ballot and the minutes print the name twice, one elected, one not.
    fn namesake_warnings(&self) -> Vec<Diagnostic> {
        let mut out = Vec::new();
        for (i, e) in self.elections.iter().enumerate() {
            for (r, round) in e.rounds.iter().enumerate() {
                for (first, k) in crate::rules::namesakes(&round.candidates) {
                    out.push(Diagnostic::new(
                        format!("elections[{i}].rounds[{r}].candidates[{k}].name"),
                        format!(
                            "{} is also candidates[{first}]: the ballot and the minutes print the \
                             name twice; if it is one person entered twice, remove one",
                            round.candidates[k].name
                        ),
                    ));
                }
            }
        }
        out
    }

    /// A guest who gives the superior's remarks directs the congress — the minutes and the
    /// report to the superior say so ("Dự và chỉ đạo Đại hội có …") — but an invitation without
    /// `directs` asks them only "tới dự".
    fn directing_warnings(&self) -> Vec<Diagnostic> {
        let Some(p) = &self.proceedings else {
            return Vec::new();
        };
        p.superior_remarks
            .iter()
            .enumerate()
            .filter_map(|(k, s)| Some((k, s.guest?)))
            .filter_map(|(k, g)| Some((k, g, self.guests.get(g)?)))
            .filter(|(_, _, guest)| !guest.directs)
            .map(|(k, g, guest)| {
                Diagnostic::new(
                    format!("guests[{g}].directs"),
                    format!(
                        "{} gives the superior's remarks (proceedings.superior_remarks[{k}]), \
                         which the report to the superior records as “dự và chỉ đạo”, but the \
                         invitation asks them only “tới dự”: set `directs: true`",
                        guest.name
                    ),
                )
            })
            .collect()
    }

    /// An outgoing committee that proposes fewer people than the seats: its list must hold at
    /// least the seats, and it prepares a surplus of 10–15 % (SPEC §6.4: \[V\] for the 2025 round,
    /// \[I\] for 2020 — hence a warning, not an error).
    fn proposal_warnings(&self) -> Vec<Diagnostic> {
        let Some(i) = self.committee_election() else {
            return Vec::new();
        };
        let seats = self.elections[i].seats;
        let proposed = self.proposed_for_committee().len();
        if proposed == 0 || proposed as u64 >= u64::from(seats) {
            return Vec::new();
        }
        let source = if self.personnel.is_some() {
            "those the personnel procedure introduced (`personnel`)"
        } else {
            "the profiles in `candidates` not nominated at the congress"
        };
        vec![Diagnostic::new(
            format!("elections[{i}].seats"),
            format!(
                "is {seats}, but the outgoing committee's Đề án nhân sự proposes only {proposed} \
                 people, {source}: its list holds at least the seats, with a surplus of 10–15 % \
                 (SPEC §6.4); the congress fills the rest only by nominations from the floor"
            ),
        )]
    }

    /// A congress whose outgoing committee is "khoá XXIII" is "lần thứ XXIV": the texts that
    /// name the outgoing committee's term and an ordinal that disagrees (or is missing).
    fn ordinal_warnings(&self, value: &mut Value) -> Vec<Diagnostic> {
        let mut out = Vec::new();
        let mut seen = false;
        crate::congress::for_each_string(value, &mut |trail, s| {
            if seen {
                return;
            }
            let Some(k) = outgoing_term(s) else {
                return;
            };
            seen = true;
            let path = trail.path();
            let expected = k + 1;
            let roman = crate::vi::roman(expected).unwrap_or_default();
            match self.ordinal {
                Some(o) if u32::from(o) == expected => {}
                Some(o) => out.push(Diagnostic::new(
                    "ordinal",
                    format!(
                        "is {o}, but {path} names the outgoing committee khoá {}: this congress \
                         is lần thứ {roman} ({expected})",
                        crate::vi::roman(k).unwrap_or_default()
                    ),
                )),
                None => out.push(Diagnostic::new(
                    "ordinal",
                    format!(
                        "is not given, but {path} names the outgoing committee khoá {}: this \
                         congress is lần thứ {roman}; give `\"ordinal\": {expected}`",
                        crate::vi::roman(k).unwrap_or_default()
                    ),
                )),
            }
        });
        out
    }

    /// Members of a vote-counting committee who stand on the list they count.
    fn counting_warnings(&self) -> Vec<Diagnostic> {
        let mut out = Vec::new();
        for (i, e) in self.elections.iter().enumerate() {
            let standing: Vec<_> = e
                .rounds
                .iter()
                .flat_map(|r| &r.candidates)
                .map(|c| c.name.key())
                .collect();
            for (k, m) in e.vote_counting_committee.iter().enumerate() {
                if standing.contains(&m.name.key()) {
                    out.push(Diagnostic::new(
                        format!("elections[{i}].vote_counting_committee[{k}].name"),
                        format!(
                            "{} counts the votes of a list they stand on; the Ban kiểm phiếu is \
                             chosen from those not on the list",
                            m.name
                        ),
                    ));
                }
            }
        }
        out
    }
}

/// The outgoing committee's term number in a text: "khoá XXIII" (or "khóa") → 23.
fn outgoing_term(s: &str) -> Option<u32> {
    let (at, word) = ["khoá ", "khóa ", "Khoá ", "Khóa "]
        .iter()
        .find_map(|w| s.find(w).map(|at| (at, *w)))?;
    let rest = &s[at + word.len()..];
    let numeral: String = rest
        .chars()
        .take_while(|c| matches!(c, 'I' | 'V' | 'X' | 'L' | 'C'))
        .collect();
    (1..=399).find(|n| crate::vi::roman(*n).as_deref() == Some(numeral.as_str()))
}

/// A name without tone marks, "đ", case or extra spaces.
fn fold(name: &str) -> String {
    use unicode_normalization::UnicodeNormalization;
    let mut out = String::new();
    for c in name.nfd() {
        match c {
            'đ' | 'Đ' => out.push('d'),
            c if unicode_normalization::char::is_combining_mark(c) => {}
            c if c.is_whitespace() => {
                if !out.ends_with(' ') && !out.is_empty() {
                    out.push(' ')
                }
            }
            c => out.extend(c.to_lowercase()),
        }
    }
    out.trim_end().to_string()
}

#[cfg(test)]
mod tests {
    use super::fold;

    #[test]
    fn folding_drops_tones_and_case() {
        assert_eq!(fold("Lê Thành  Vinh"), fold("le thanh vinh"));
        assert_eq!(fold("Đinh Thị Lan Duyên"), "dinh thi lan duyen");
        assert_ne!(fold("Lê Thành Vinh"), fold("Lê Thành Vĩnh Phúc"));
    }
}
