//! The checks of the proceedings: attendance, working bodies, votes, reports, speeches and the
//! agenda, against the rest of the congress.

use super::check_personnel::participant;
use super::election::HeldBy;
use super::personnel::Participant;
use super::proceedings::{AgendaSession, Attendance, HandVote, Proceedings, StepKind};
use super::record::Congress;
use super::validator::Validator;
use crate::rules::CongressKind;
use crate::vi::Time;

/// Checks the proceedings against the rest of the congress.
pub(crate) fn check(v: &mut Validator, congress: &Congress) {
    let Some(p) = &congress.proceedings else {
        return;
    };
    v.at("proceedings", |v| {
        check_in(v, p, congress);
        if let Some(agenda) = &p.agenda {
            check_agenda(v, congress, p, agenda);
        }
    });
    // The minutes say when the congress closed.
    if let Some((i, last)) = congress.sessions.iter().enumerate().next_back() {
        if last.end.is_none() {
            v.problem(
                &format!("sessions[{i}].end"),
                "the congress minutes need the time the congress closed",
            );
        }
    }
}

/// Checks the proceedings themselves (paths relative to them) against the rest of the congress.
fn check_in(v: &mut Validator, p: &Proceedings, congress: &Congress) {
    let person =
        |v: &mut Validator, field: &str, x: &Participant| v.at(field, |v| participant(v, x));
    person(v, "host", &p.host);
    let a = &p.attendance;
    v.at("attendance", |v| {
        if a.convened == 0 {
            v.problem("convened", "nobody is convened");
        }
        if a.present > a.convened {
            v.problem(
                "present",
                format!(
                    "{} present is more than the {} convened",
                    a.present, a.convened
                ),
            );
        }
        let listed: u32 = a.absences.iter().map(|x| x.count).sum();
        let absent = a.convened.saturating_sub(a.present);
        if !a.absences.is_empty() && listed != absent {
            v.problem(
                "absences",
                format!(
                    "the reasons account for {listed} absent, but {} convened − {} present \
                     = {absent}",
                    a.convened, a.present
                ),
            );
        }
        for (i, x) in a.absences.iter().enumerate() {
            v.text(&format!("absences[{i}].reason"), &x.reason);
            if !x.names.is_empty() && x.names.len() != x.count as usize {
                v.problem(
                    &format!("absences[{i}].names"),
                    format!("{} names for {} absent", x.names.len(), x.count),
                );
            }
            for (k, n) in x.names.iter().enumerate() {
                if !congress.convened.is_empty() && !congress.convened.iter().any(|c| c.name == *n)
                {
                    v.problem(
                        &format!("absences[{i}].names[{k}]"),
                        format!("{n} is not in `convened`: only the convened can be absent"),
                    );
                }
            }
        }
        if let Some(n) = a.probationary_present {
            let members = a.membership.map(|m| m.probationary);
            if n > a.present || members.is_some_and(|m| n > m) {
                v.problem(
                    "probationary_present",
                    format!(
                        "{n} probationary members present, more than the {} present or the {} \
                         probationary members",
                        a.present,
                        members.unwrap_or(0)
                    ),
                );
            }
        }
        if let Some(m) = &a.membership {
            v.at("membership", |v| {
                if m.full + m.probationary != m.total {
                    v.problem(
                        "total",
                        format!(
                            "{} members, but {} full + {} probationary = {}",
                            m.total,
                            m.full,
                            m.probationary,
                            m.full + m.probationary
                        ),
                    );
                }
                if m.exempt > m.total {
                    v.problem("exempt", "more members exempt than members");
                }
                if a.convened > m.total {
                    v.problem(
                        "total",
                        format!("{} members, but {} are convened", m.total, a.convened),
                    );
                }
            });
        }
    });
    // The one number "được triệu tập" is also the base of every election the congress holds
    // (the new committee's first session convenes its members: `check_results`).
    for (i, e) in congress.elections.iter().enumerate() {
        if e.held_by == HeldBy::NewCommittee {
            continue;
        }
        for (r, c) in e.rounds.iter().map(|r| r.denominator.convened).enumerate() {
            let bad = match congress.kind {
                CongressKind::Delegates => c != a.convened,
                CongressKind::Members => c > a.convened,
            };
            if bad {
                v.problem(
                    "attendance.convened",
                    format!(
                        "{} convened here, but elections[{i}].rounds[{r}].denominator.convened \
                         is {c}; the congress has one number of {} convened",
                        a.convened,
                        congress.kind.audience()
                    ),
                );
            }
        }
    }
    if p.presidium.is_empty() {
        v.problem("presidium", "the congress needs a presidium (or a chair)");
    }
    if p.secretariat.is_empty() {
        v.problem(
            "secretariat",
            "the congress needs a secretariat (or a clerk)",
        );
    }
    for (field, list) in [
        ("presidium", &p.presidium),
        ("secretariat", &p.secretariat),
        ("credentials_committee", &p.credentials_committee),
    ] {
        for (i, x) in list.iter().enumerate() {
            person(v, &format!("{field}[{i}]"), x);
            working_body_member(v, &format!("{field}[{i}]"), x, congress);
        }
    }
    if congress.kind == CongressKind::Delegates && p.credentials_committee.is_empty() {
        v.problem(
            "credentials_committee",
            "a delegates' congress elects a credentials committee (Ban Thẩm tra tư cách \
             đại biểu)",
        );
    }
    hand_vote(v, "working_bodies_vote", &p.working_bodies_vote, a);
    hand_vote(v, "rules_vote", &p.rules_vote, a);
    hand_vote(v, "resolution.vote", &p.resolution.vote, a);
    if let Some(r) = &p.resolution.reader {
        person(v, "resolution.reader", r);
    }
    for (i, m) in p.health_measures.iter().enumerate() {
        v.text(&format!("health_measures[{i}]"), m);
    }
    if p.reports.is_empty() {
        v.problem("reports", "the congress hears at least one report");
    }
    for (i, r) in p.reports.iter().enumerate() {
        v.at(&format!("reports[{i}]"), |v| {
            v.text("title", &r.title);
            person(v, "presenter", &r.presenter);
            v.optional_text("summary", &r.summary);
        });
    }
    for (field, list) in [
        ("discussion", &p.discussion),
        ("superior_remarks", &p.superior_remarks),
    ] {
        for (i, s) in list.iter().enumerate() {
            v.at(&format!("{field}[{i}]"), |v| {
                v.text("summary", &s.summary);
                match (s.guest, &s.speaker) {
                    (Some(_), Some(_)) => {
                        v.problem("", "give either `guest` or `speaker`, not both")
                    }
                    (None, None) => v.problem("", "give the speaker (`guest` or `speaker`)"),
                    (Some(g), None) if g >= congress.guests.len() => v.problem(
                        "guest",
                        format!(
                            "there is no guests[{g}] (the congress has {} guest(s))",
                            congress.guests.len()
                        ),
                    ),
                    (None, Some(x)) => person(v, "speaker", x),
                    _ => {}
                }
            });
        }
    }
    v.pin("programme_number", p.programme_number);
    v.pin("minutes_number", p.minutes_number);
}

/// A member of a working body (Đoàn Chủ tịch, Đoàn Thư ký, Ban Thẩm tra tư cách đại biểu) is
/// an official delegate of a delegates' congress, a member of the cell at a members' congress
/// (Quy định 29-QĐ/TW, mục 12.2): one of `convened`, when the list is given, with the post the
/// list gives them, so every paper prints the same person with the same title.
fn working_body_member(v: &mut Validator, field: &str, x: &Participant, congress: &Congress) {
    if congress.convened.is_empty() {
        return;
    }
    let who = match congress.kind {
        CongressKind::Delegates => "an official delegate",
        CongressKind::Members => "a member of the organisation",
    };
    match congress.convened.iter().position(|c| c.name == x.name) {
        None => v.problem(
            &format!("{field}.name"),
            format!(
                "{} is not in `convened`: a member of a working body must be {who} \
                 (refer to the convened person as \"@key\")",
                x.name
            ),
        ),
        Some(i) => {
            let listed = &congress.convened[i].title;
            if !listed.is_empty() && *listed != x.title {
                v.problem(
                    &format!("{field}.title"),
                    format!(
                        "\"{}\", but convened[{i}] ({}) is \"{listed}\"; a person has one \
                         post in every paper",
                        x.title, x.name
                    ),
                );
            }
        }
    }
}

/// Checks a show of hands against those who could vote.
pub(super) fn hand_vote(v: &mut Validator, field: &str, vote: &HandVote, a: &Attendance) {
    let voters = vote.voters(a);
    if voters == 0 {
        v.problem(field, "nobody voted");
    } else if vote.agree + vote.against > voters {
        v.problem(
            field,
            format!(
                "{} in favour + {} against is more than the {voters} present",
                vote.agree, vote.against
            ),
        );
    }
    if vote.present.is_some() && voters > a.convened {
        v.problem(
            &format!("{field}.present"),
            format!("{voters} present is more than the {} convened", a.convened),
        );
    } else if vote.present.is_some() && voters > a.voters() {
        // Probationary members neither vote nor stand (SPEC §9 q.10).
        v.problem(
            &format!("{field}.present"),
            format!(
                "{voters} voted, but only {} of those present are full members \
                 (attendance.present {} − probationary {}); probationary members do not vote",
                a.voters(),
                a.present,
                a.present - a.voters()
            ),
        );
    }
}

/// Checks an agenda (paths `agenda[…]` relative to the current one).
fn check_agenda(v: &mut Validator, congress: &Congress, p: &Proceedings, agenda: &[AgendaSession]) {
    for (s, session) in agenda.iter().enumerate() {
        v.at(&format!("agenda[{s}]"), |v| {
            if !congress.sessions.iter().any(|x| x.kind == session.session) {
                v.problem(
                    "session",
                    format!("the congress has no {} session", session.session.label()),
                );
            }
            let mut last: Option<Time> = None;
            for (i, item) in session.items.iter().enumerate() {
                v.at(&format!("items[{i}]"), |v| {
                    let len = match item.step {
                        StepKind::Report => p.reports.len(),
                        StepKind::Election => congress.elections.len(),
                        _ => 0,
                    };
                    match (item.step.needs_index(), item.index) {
                        (true, None) => v.problem("index", "say which one (0-based)"),
                        (true, Some(x)) if x >= len => v.problem(
                            "index",
                            format!("there are only {len}; index {x} is out of range"),
                        ),
                        (false, Some(_)) => {
                            v.problem("index", "only `report` and `election` take an index")
                        }
                        _ => {}
                    }
                    if item.step == StepKind::Other {
                        v.text("content", item.content.as_deref().unwrap_or(""));
                    } else if let Some(c) = &item.content {
                        v.text("content", c);
                    }
                    for (f, x) in [
                        ("presenter", &item.presenter),
                        ("performer", &item.performer),
                    ] {
                        if let Some(x) = x {
                            v.optional_text(f, x);
                        }
                    }
                    if let (StepKind::FirstSession, Some(t), Some(fs)) =
                        (item.step, item.time, &p.first_session)
                    {
                        if t != fs.start {
                            v.problem(
                                "time",
                                format!("{t}, but proceedings.first_session.start is {}", fs.start),
                            );
                        }
                    }
                    if let Some(t) = item.time {
                        if let Some(prev) = last {
                            if t < prev {
                                v.problem(
                                    "time",
                                    format!("{t} is before the previous item's {prev}"),
                                );
                            }
                        }
                        last = Some(t);
                    }
                });
            }
        });
    }
    // Every election of the congress and every report appears exactly once; the elections of
    // the new committee are held in its first session, not as items of the congress.
    for (what, len, step) in [
        ("elections", congress.elections.len(), StepKind::Election),
        ("reports", p.reports.len(), StepKind::Report),
    ] {
        for x in 0..len {
            let n = agenda
                .iter()
                .flat_map(|s| &s.items)
                .filter(|i| i.step == step && i.index == Some(x))
                .count();
            let first_session =
                step == StepKind::Election && congress.elections[x].held_by == HeldBy::NewCommittee;
            if first_session && n > 0 {
                v.problem(
                    "agenda",
                    format!(
                        "elections[{x}] is held by the new committee at its first session: \
                         it is part of the `first_session` item, not an `election` item"
                    ),
                );
            } else if !first_session && n != 1 {
                v.problem(
                    "agenda",
                    format!("{what}[{x}] appears {n} times in the agenda; it must appear once"),
                );
            }
        }
    }
    let count = |step| {
        agenda
            .iter()
            .flat_map(|s| &s.items)
            .filter(|i| i.step == step)
            .count()
    };
    let held = p.first_session.is_some();
    for (step, name) in [
        (StepKind::FirstSession, "first_session"),
        (StepKind::Presentation, "presentation"),
    ] {
        let n = count(step);
        if held && n != 1 {
            v.problem(
                "agenda",
                format!(
                    "`{name}` appears {n} times in the agenda; with a first session it must \
                     appear once"
                ),
            );
        } else if !held && n > 0 {
            v.problem(
                "agenda",
                format!("`{name}` is on the agenda, but there is no `first_session`"),
            );
        }
    }
}
