//! The checks of the personnel procedure and the candidate profiles: every problem, each with its
//! path, the rules' own findings nested under the step's `counts`.

use std::collections::{BTreeMap, BTreeSet};

use super::personnel::{CandidateProfile, CountingTeam, Participant, PersonnelRecord, StepRecord};
use super::record::Congress;
use super::validator::Validator;
use crate::error::{Diagnostic, Path, Segment};
use crate::rules::{summarize, Step};
use crate::vi::{CollationKey, PersonName};

impl Congress {
    /// The profile of `name`, matched in collation (so "Thuỷ" finds "Thủy").
    pub(crate) fn profile_of(&self, name: &PersonName) -> Option<&CandidateProfile> {
        // The same name written the same way is the common case, and needs no key.
        if let Some(p) = self.candidates.iter().find(|p| p.name == *name) {
            return Some(p);
        }
        let key = name.key();
        self.candidates.iter().find(|p| p.name.key() == key)
    }
}

// ---------------------------------------------------------------------------------------------
// Checks
// ---------------------------------------------------------------------------------------------

/// Checks the profiles (`candidates[i]…`): names, texts, dates, one profile per name.
fn profiles(v: &mut Validator, candidates: &[CandidateProfile]) {
    let mut seen: BTreeMap<CollationKey, usize> = BTreeMap::new();
    for (i, p) in candidates.iter().enumerate() {
        v.at(&format!("candidates[{i}]"), |v| {
            v.name("name", &p.name);
            if let Some(first) = seen.insert(p.name.key(), i) {
                seen.insert(p.name.key(), first);
                v.problem(
                    "name",
                    format!(
                        "{} has two profiles (also candidates[{first}]); names on a ballot must tell people apart",
                        p.name
                    ),
                );
            }
            v.text("home_town", &p.home_town);
            v.text("ethnicity", &p.ethnicity);
            v.at("education", |v| {
                v.text("general", &p.education.general);
                v.text("professional", &p.education.professional);
                v.text("political_theory", &p.education.political_theory);
            });
            v.text("position", &p.position);
            v.optional_text("committee", &p.committee);
            v.optional_text("note", &p.note);
            if p.joined_party <= p.birth_date {
                v.problem(
                    "joined_party",
                    format!(
                        "joined the Party on {}, not after the birth date {}",
                        p.joined_party, p.birth_date
                    ),
                );
            }
            if p.full_member < p.joined_party {
                v.problem(
                    "full_member",
                    format!(
                        "became a full member on {}, before joining the Party on {}",
                        p.full_member, p.joined_party
                    ),
                );
            }
        });
    }
}

/// Checks the congress's `personnel` and `candidates`: every problem, each with its path.
pub(crate) fn check(v: &mut Validator, congress: &Congress) {
    profiles(v, &congress.candidates);
    let Some(record) = &congress.personnel else {
        return;
    };
    v.at("personnel", |v| check_record(v, record, congress));
    // A profile proposes one track; it must be the track that votes on the person.
    // Who is voted on in each track, as keys built once.
    let voted: Vec<BTreeSet<CollationKey>> = record
        .tracks
        .iter()
        .map(|t| {
            t.steps
                .iter()
                .flat_map(|s| &s.counts.votes)
                .map(|v| v.name.key())
                .collect()
        })
        .collect();
    for (i, p) in congress.candidates.iter().enumerate() {
        let key = p.name.key();
        let other = record
            .tracks
            .iter()
            .enumerate()
            .find(|(ti, t)| t.track != p.proposed && voted[*ti].contains(&key));
        if let Some((ti, t)) = other {
            v.problem(
                &format!("candidates[{i}].proposed"),
                format!(
                    "{} is proposed for {} but voted on in the {} track (personnel.tracks[{ti}])",
                    p.name,
                    p.proposed.label(),
                    t.track.label()
                ),
            );
        }
    }
}

fn check_record(v: &mut Validator, record: &PersonnelRecord, congress: &Congress) {
    v.text("standing_committee", &record.standing_committee);
    if let Some(s) = &record.signer {
        v.at("signer", |v| {
            v.text("authority", &s.authority);
            v.text("title", &s.title);
            v.name("name", &s.name);
        });
    }
    if record.seats == 0 {
        v.problem("seats", "the executive committee needs at least 1 seat");
    }
    v.at("key_officials", |v| {
        v.text("name", &record.key_officials.name);
        if record.key_officials.roster == 0 {
            v.problem("roster", "the roster needs at least 1 person");
        }
    });
    let mut tracks_seen: BTreeMap<&'static str, usize> = BTreeMap::new();
    for (ti, t) in record.tracks.iter().enumerate() {
        v.at(&format!("tracks[{ti}]"), |v| {
            if let Some(first) = tracks_seen.insert(t.track.label(), ti) {
                v.problem(
                    "track",
                    format!(
                        "the {} track is given twice (also tracks[{first}])",
                        t.track.label()
                    ),
                );
            }
            if let Err(e) = summarize(&t.procedure()) {
                for d in e.diagnostics() {
                    v.extend(
                        "",
                        [Diagnostic::new(counts_path(&d.path), d.message.clone())],
                    );
                }
            }
            let mut by_step: Vec<&StepRecord> = t.steps.iter().collect();
            by_step.sort_by_key(|s| s.counts.step);
            for pair in by_step.windows(2) {
                if let [a, b] = pair {
                    if b.date < a.date {
                        let j = t
                            .steps
                            .iter()
                            .position(|s| std::ptr::eq(s, *b))
                            .unwrap_or(0);
                        v.problem(
                            &format!("steps[{j}].date"),
                            format!(
                                "step {} is dated {}, before step {} ({})",
                                b.counts.step.number(),
                                b.date,
                                a.counts.step.number(),
                                a.date
                            ),
                        );
                    }
                }
            }
            for (si, s) in t.steps.iter().enumerate() {
                v.at(&format!("steps[{si}]"), |v| {
                    check_step(v, record, congress, s);
                });
            }
        });
    }
}

/// Rules paths name the counts of `steps[j]`; ours nest them under `counts`.
fn counts_path(path: &Path) -> Path {
    match (path.index_after("steps"), path.segments()) {
        (Some(j), [_, _, rest @ ..]) if !rest.is_empty() => {
            let mut out = Path::root().field("steps").index(j).field("counts");
            for seg in rest {
                out = match seg {
                    Segment::Field(f) => out.field(f.clone()),
                    Segment::Index(i) => out.index(*i),
                };
            }
            out
        }
        _ => path.clone(),
    }
}

fn check_step(v: &mut Validator, record: &PersonnelRecord, congress: &Congress, s: &StepRecord) {
    let step = s.counts.step;
    if s.end <= s.start {
        v.problem(
            "end",
            format!("ends at {}, not after its start {}", s.end, s.start),
        );
    }
    if let Some(t) = s.tally_closed_at {
        if t < s.start {
            v.problem(
                "tally_closed_at",
                format!("{t} is before the conference opens ({})", s.start),
            );
        }
    }
    v.text("venue", &s.venue);
    v.at("chair", |v| participant(v, &s.chair));
    v.at("clerk", |v| participant(v, &s.clerk));
    counting_team(v, &s.counting);
    v.optional_text("composition", &s.composition);
    if let Some(issue) = &s.summons {
        if s.composition.trim().is_empty() {
            v.problem(
                "composition",
                "the summons says who is summoned (Thành phần): must not be empty",
            );
        }
        if issue.date > s.date {
            v.problem(
                "summons.date",
                format!(
                    "the summons is dated {}, after the conference ({})",
                    issue.date, s.date
                ),
            );
        }
        if issue.number == Some(0) {
            v.problem("summons.number", "numbers start at 1");
        }
    }
    for (field, n) in [
        ("tally_number", s.tally_number),
        ("minutes_number", s.minutes_number),
    ] {
        if n == Some(0) {
            v.problem(field, "numbers start at 1");
        }
    }
    for (i, p) in s.proceedings.iter().enumerate() {
        v.text(&format!("proceedings[{i}]"), p);
    }
    if s.seats == 0 {
        v.problem("seats", "at least 1 person must be introduced");
    } else if s.seats > record.seats {
        v.problem(
            "seats",
            format!(
                "introduces up to {} people, more than the {} seats of the committee (personnel.seats)",
                s.seats, record.seats
            ),
        );
    }
    if step == Step::KeyOfficials && s.counts.convened != record.key_officials.roster {
        v.problem(
            "counts.convened",
            format!(
                "convened ({}) differs from the key-officials roster ({}, personnel.key_officials.roster)",
                s.counts.convened, record.key_officials.roster
            ),
        );
    }
    let mut on_step: BTreeMap<CollationKey, usize> = BTreeMap::new();
    for (i, vote) in s.counts.votes.iter().enumerate() {
        let path = format!("counts.votes[{i}].name");
        v.name(&path, &vote.name);
        if let Some(first) = on_step.insert(vote.name.key(), i) {
            on_step.insert(vote.name.key(), first);
            v.problem(
                &path,
                format!(
                    "{} is listed twice in this step (also votes[{first}])",
                    vote.name
                ),
            );
        }
        if congress.profile_of(&vote.name).is_none() {
            v.problem(
                &path,
                format!(
                    "{} has no profile in `candidates`; the ballot prints the year of birth and position from it",
                    vote.name
                ),
            );
        }
    }
}

/// Checks a participant's name and title.
pub(crate) fn participant(v: &mut Validator, p: &Participant) {
    v.name("name", &p.name);
    v.optional_text("title", &p.title);
}

fn counting_team(v: &mut Validator, team: &CountingTeam) {
    v.at("counting", |v| {
        v.name("head", &team.head);
        for (i, m) in team.members.iter().enumerate() {
            v.name(&format!("members[{i}]"), m);
        }
    });
}
