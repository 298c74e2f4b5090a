//! Validation of the record: every problem at once, each with the path of the field that has
//! it, as positions in the user's file. The checks of each part have their own module
//! (`check_personnel`, `check_proceedings`, `consistency`); this one runs them all and checks
//! the congress's own fields and its elections.

use super::election::ElectionRecord;
use super::organisation::{Session, SessionKind};
use super::record::Congress;
use super::validator::{recipients, Validator};
use super::{
    check_elections, check_personnel, check_proceedings, check_results, check_rule_set, consistency,
};
use crate::error::Diagnostic;

impl Congress {
    /// Checks everything the papers rely on: every problem at once, each with its path in the
    /// user's file. Empty when the record is fine.
    ///
    /// Text was checked when the record was loaded ([`crate::load_congress`]): control
    /// characters and characters the bundled font cannot print are among these problems.
    pub fn validate(&self) -> Vec<Diagnostic> {
        let mut v = Validator::new();
        self.check_own_fields(&mut v);
        check_personnel::check(&mut v, self);
        check_proceedings::check(&mut v, self);
        check_results::check(&mut v, self);
        consistency::check(&mut v, self);
        check_rule_set::check(&mut v, self);
        self.check_elections(&mut v);
        check_elections::check(&mut v, self);
        let mut out = self.text_problems.clone();
        out.extend(v.finish());
        out
    }

    fn check_own_fields(&self, v: &mut Validator) {
        v.at("organisation", |v| {
            let o = &self.organisation;
            v.text("name", &o.name);
            v.text("superior", &o.superior);
            v.text("committee", &o.committee);
            v.text("committee_code", &o.committee_code);
            v.text("place", &o.place);
        });
        if self.term.end <= self.term.start || self.term.end - self.term.start > 10 {
            v.problem(
                "term",
                format!(
                    "{}–{} is not a plausible term (end after start, at most 10 years)",
                    self.term.start, self.term.end
                ),
            );
        }
        if let Some(0) = self.ordinal {
            v.problem("ordinal", "the first congress is number 1");
        }
        v.text("venue", &self.venue);
        if self.sessions.is_empty() {
            v.problem("sessions", "at least one session is needed");
        } else if !self
            .sessions
            .iter()
            .any(|s| s.kind == SessionKind::Official)
        {
            v.problem("sessions", "there is no official session");
        }
        for (i, s) in self.sessions.iter().enumerate() {
            v.at(&format!("sessions[{i}]"), |v| {
                session(v, s);
                if let Some(prev) = i.checked_sub(1).and_then(|p| self.sessions.get(p)) {
                    if (s.date, s.start) < (prev.date, prev.start) {
                        v.problem("date", "sessions must be listed in time order");
                    }
                }
            });
        }
        v.at("signer", |v| {
            v.text("authority", &self.signer.authority);
            v.text("title", &self.signer.title);
            v.name("name", &self.signer.name);
        });
        for (i, g) in self.guests.iter().enumerate() {
            v.at(&format!("guests[{i}]"), |v| {
                v.name("name", &g.name);
                v.optional_text("title", &g.title);
                v.pin("number", g.number);
            });
        }
        for (i, x) in self.convened.iter().enumerate() {
            v.at(&format!("convened[{i}]"), |v| {
                v.name("name", &x.name);
                v.optional_text("title", &x.title);
                v.optional_text("unit", &x.unit);
                v.optional_text("note", &x.note);
                if let Some(y) = x.birth_year {
                    let last = self.first_day().year;
                    if !(1900..=last).contains(&y) {
                        v.problem(
                            "birth_year",
                            format!("{y} is not a year of birth between 1900 and {last}"),
                        );
                    }
                }
            });
        }
        v.pin(
            "invitations.first_number",
            Some(self.invitations.first_number),
        );
        if let Some(r) = &self.invitations.recipients {
            recipients(v, "invitations.recipients", r);
        }
        v.at("summons", |v| {
            v.text("composition", &self.summons.composition);
            v.text("dress", &self.summons.dress);
            v.pin("number", self.summons.number);
            for (i, n) in self.summons.notes.iter().enumerate() {
                v.text(&format!("notes[{i}]"), n);
            }
            if let Some(r) = &self.summons.recipients {
                recipients(v, "recipients", r);
            }
        });
        for (i, b) in self.bases.iter().enumerate() {
            v.at(&format!("bases[{i}]"), |v| {
                v.text("kind", &b.kind);
                v.optional_text("about", &b.about);
            });
        }
    }

    fn check_elections(&self, v: &mut Validator) {
        for (i, e) in self.elections.iter().enumerate() {
            v.at(&format!("elections[{i}]"), |v| self.check_election(v, i, e));
        }
    }

    fn check_election(&self, v: &mut Validator, i: usize, e: &ElectionRecord) {
        if e.vote_counting_committee.is_empty() {
            v.problem(
                "vote_counting_committee",
                "the vote-counting committee has no members",
            );
        }
        for (k, m) in e.vote_counting_committee.iter().enumerate() {
            v.at(&format!("vote_counting_committee[{k}]"), |v| {
                v.name("name", &m.name);
                v.text("role", &m.role);
            });
        }
        if e.rounds.is_empty() {
            v.problem(
                "rounds",
                "an election needs the counts of at least one round",
            );
        }
        for (r, round) in e.rounds.iter().enumerate() {
            v.pin(&format!("rounds[{r}].minutes_number"), round.minutes_number);
            let problems = match self.election_round(i, r).and_then(|round| round.tally()) {
                Ok(_) => continue,
                Err(err) => err.into_diagnostics(),
            };
            v.extend(&format!("rounds[{r}]"), problems);
            // Later rounds take their seats from this one: stop here.
            break;
        }
    }
}

/// Checks a session's times and schedule.
fn session(v: &mut Validator, s: &Session) {
    if let Some(end) = s.end {
        if end <= s.start {
            v.problem(
                "end",
                format!("ends at {end}, not after its start {}", s.start),
            );
        }
    }
    if let Some(d) = &s.duration {
        v.text("duration", d);
    }
    if let Some(x) = &s.venue {
        v.text("venue", x);
    }
    for (i, item) in s.schedule.iter().enumerate() {
        v.at(&format!("schedule[{i}]"), |v| {
            v.text("content", &item.content);
            if let Some(end) = item.end {
                if end <= item.start {
                    v.problem(
                        "end",
                        format!("ends at {end}, not after its start {}", item.start),
                    );
                }
            }
        });
    }
}
