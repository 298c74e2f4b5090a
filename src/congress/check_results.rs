//! The checks of what the congress decides and reports: the credentials report, the resolution,
//! the new committee's first session and its elections, the votes on seats and lists, the
//! papers to the superior. Each problem names its field and the field it contradicts.

use super::check_personnel::participant;
use super::check_proceedings::hand_vote;
use super::election::{ElectionRecord, HeldBy};
use super::proceedings::{Attendance, Credentials, FirstSession, Resolution};
use super::record::Congress;
use super::validator::Validator;
use crate::rules::Office;
use crate::vi::PersonName;

/// Checks the decisions and reports against the rest of the congress.
pub(crate) fn check(v: &mut Validator, congress: &Congress) {
    if let Some(p) = &congress.proceedings {
        let a = &p.attendance;
        if let Some(c) = &p.credentials {
            v.at("proceedings.credentials", |v| credentials(v, c, a));
        }
        v.at("proceedings.resolution", |v| resolution(v, &p.resolution));
        v.pin(
            "proceedings.standing_orders_number",
            p.standing_orders_number,
        );
        v.pin("proceedings.election_rules_number", p.election_rules_number);
        if let Some(fs) = &p.first_session {
            v.at("proceedings.first_session", |v| {
                first_session(v, congress, fs)
            });
        }
    }
    for (i, e) in congress.elections.iter().enumerate() {
        v.at(&format!("elections[{i}]"), |v| votes(v, congress, e));
        if e.held_by == HeldBy::NewCommittee {
            v.at(&format!("elections[{i}]"), |v| {
                held_by_new_committee(v, congress, i, e)
            });
        }
    }
    if let Some(r) = &congress.report_to_superior {
        v.pin("report_to_superior.report_number", r.report_number);
        v.pin("report_to_superior.request_number", r.request_number);
        let last = congress.last_day();
        if r.date < last {
            v.problem(
                "report_to_superior.date",
                format!("{} is before the congress closes ({last})", r.date),
            );
        }
    }
}

fn credentials(v: &mut Validator, c: &Credentials, a: &Attendance) {
    for (i, b) in c.breakdowns.iter().enumerate() {
        v.at(&format!("breakdowns[{i}]"), |v| {
            v.text("by", &b.by);
            if b.items.is_empty() {
                v.problem("items", "a breakdown needs at least one category");
            }
            for (k, item) in b.items.iter().enumerate() {
                v.text(&format!("items[{k}].label"), &item.label);
            }
            let sum: u64 = b.items.iter().map(|x| u64::from(x.count)).sum();
            if b.complete && !b.items.is_empty() && sum != u64::from(a.convened) {
                v.problem(
                    "items",
                    format!(
                        "the categories add up to {sum}, but proceedings.attendance.convened is \
                         {}; each convened person is in one category (or set \"complete\": false)",
                        a.convened
                    ),
                );
            } else if sum > u64::from(a.convened) {
                v.problem(
                    "items",
                    format!(
                        "the categories add up to {sum}, more than the {} convened \
                         (proceedings.attendance.convened)",
                        a.convened
                    ),
                );
            }
        });
    }
    for (i, x) in c.not_qualified.iter().enumerate() {
        v.at(&format!("not_qualified[{i}]"), |v| {
            v.name("name", &x.name);
            v.text("reason", &x.reason);
        });
    }
    if c.not_qualified.len() > a.present as usize {
        v.problem(
            "not_qualified",
            format!(
                "{} people are not qualified, but only {} are present",
                c.not_qualified.len(),
                a.present
            ),
        );
    }
    hand_vote(v, "vote", &c.vote, a);
    v.pin("number", c.number);
}

fn resolution(v: &mut Validator, r: &Resolution) {
    for (i, x) in r.assessment.iter().enumerate() {
        v.text(&format!("assessment[{i}]"), x);
    }
    if let Some(o) = &r.objective {
        v.text("objective", o);
    }
    for (i, t) in r.targets.iter().enumerate() {
        v.at(&format!("targets[{i}]"), |v| {
            v.optional_text("area", &t.area);
            v.text("indicator", &t.indicator);
            v.text("figure", &t.figure);
        });
    }
    for (i, x) in r.tasks.iter().enumerate() {
        v.text(&format!("tasks[{i}]"), x);
    }
    v.pin("number", r.number);
}

/// The first session: on a day of the congress, chaired and minuted by members of the new
/// committee, with its attendance adding up.
fn first_session(v: &mut Validator, c: &Congress, fs: &FirstSession) {
    if !c.sessions.iter().any(|s| s.date == fs.date) {
        v.problem("date", format!("{} is not a day of the congress", fs.date));
    }
    if fs.end <= fs.start {
        v.problem(
            "end",
            format!("ends at {}, not after its start {}", fs.end, fs.start),
        );
    }
    if let Some(x) = &fs.venue {
        v.text("venue", x);
    }
    participant_at(v, "chair", &fs.chair);
    participant_at(v, "clerk", &fs.clerk);
    // QĐ 29-QĐ/TW mục 15.1 (the 2025 wording is the same): the convener presides "cho đến khi
    // bầu xong đoàn chủ tịch hoặc chủ tịch hội nghị", of one to three members.
    if fs.presidium.is_empty() || fs.presidium.len() > 3 {
        v.problem(
            "presidium",
            format!(
                "the first session elects its chair or a presidium of 1 to 3 members (QĐ \
                 29-QĐ/TW mục 15.1), but {} are given",
                fs.presidium.len()
            ),
        );
    }
    for (i, p) in fs.presidium.iter().enumerate() {
        participant_at(v, &format!("presidium[{i}]"), p);
    }
    v.pin("minutes_number", fs.minutes_number);
    if !c.has_first_session_elections() {
        v.problem(
            "",
            "the first session elects at least one office: mark its elections in `elections` \
             with \"held_by\": \"new_committee\"",
        );
    }
    let Some(k) = c.committee_election() else {
        v.problem(
            "",
            "there is no new committee: the congress elects none (no election of the \
             executive committee or the chi uỷ in `elections`)",
        );
        return;
    };
    let members = c.new_committee();
    if members.is_empty() {
        // The committee's own counts are reported where they are.
        return;
    }
    let size = members.len() as u32;
    if fs.present > size {
        v.problem(
            "present",
            format!(
                "{} present, but the congress elected {size} to the committee (elections[{k}])",
                fs.present
            ),
        );
    }
    if let Some(vote) = &fs.presidium_vote {
        hand_vote(v, "presidium_vote", vote, &fs.attendance(size));
    }
    let listed: u32 = fs.absences.iter().map(|x| x.count).sum();
    if !fs.absences.is_empty() && listed != size.saturating_sub(fs.present) {
        v.problem(
            "absences",
            format!(
                "the reasons account for {listed} absent, but {size} members − {} present = {}",
                fs.present,
                size.saturating_sub(fs.present)
            ),
        );
    }
    for (i, x) in fs.absences.iter().enumerate() {
        v.text(&format!("absences[{i}].reason"), &x.reason);
    }
    let presidium = fs
        .presidium
        .iter()
        .enumerate()
        .map(|(i, p)| (format!("presidium[{i}]"), p));
    for (field, p) in [
        ("chair".to_string(), &fs.chair),
        ("clerk".to_string(), &fs.clerk),
    ]
    .into_iter()
    .chain(presidium)
    {
        if !is_member(&members, &p.name) {
            v.problem(
                &format!("{field}.name"),
                format!(
                    "{} is not a member of the new committee elected at elections[{k}]",
                    p.name
                ),
            );
        }
    }
}

fn participant_at(v: &mut Validator, field: &str, p: &super::personnel::Participant) {
    v.at(field, |v| participant(v, p));
}

fn is_member(members: &[super::elected::Elected], name: &PersonName) -> bool {
    members.iter().any(|m| &m.name == name)
}

/// The shows of hands on the seats and the lists, against who votes.
fn votes(v: &mut Validator, c: &Congress, e: &ElectionRecord) {
    let Some(a) = c.attendance_of(e) else {
        return;
    };
    if let Some(vote) = &e.seats_vote {
        if !e.office.is_body() {
            v.problem(
                "seats_vote",
                format!(
                    "the number of {} is not voted: {}",
                    e.office.label(),
                    if matches!(e.office, Office::Delegates { .. }) {
                        "the superior committee allots the delegates"
                    } else {
                        "it is an office of one"
                    }
                ),
            );
        }
        hand_vote(v, "seats_vote", vote, &a);
    }
    if e.list_votes.len() > e.rounds.len() {
        v.problem(
            "list_votes",
            format!(
                "{} list votes for {} round(s): one per round",
                e.list_votes.len(),
                e.rounds.len()
            ),
        );
    }
    for (r, vote) in e.list_votes.iter().enumerate() {
        hand_vote(v, &format!("list_votes[{r}]"), vote, &a);
    }
    for (r, round) in e.rounds.iter().enumerate() {
        for (j, w) in round.withdrawals.iter().enumerate() {
            if let Some(vote) = &w.vote {
                hand_vote(v, &format!("rounds[{r}].withdrawals[{j}].vote"), vote, &a);
            }
        }
    }
    if let Some(vote) = &e.vote_counting_committee_vote {
        hand_vote(v, "vote_counting_committee_vote", vote, &a);
    }
}

/// An election at the first session: an office the committee elects, convening every member,
/// on the session's day and within its hours, its candidates drawn from the right body.
fn held_by_new_committee(v: &mut Validator, c: &Congress, i: usize, e: &ElectionRecord) {
    if !matches!(
        e.office,
        Office::StandingCommittee
            | Office::Secretary
            | Office::DeputySecretary
            | Office::InspectionCommittee
            | Office::InspectionChair
    ) {
        v.problem(
            "held_by",
            format!(
                "the new committee elects its standing committee, secretary, deputies and \
                 inspection committee, not the {}",
                e.office.label()
            ),
        );
        return;
    }
    let fs = c
        .proceedings
        .as_ref()
        .and_then(|p| p.first_session.as_ref());
    let Some(fs) = fs else {
        v.problem(
            "held_by",
            "an election held by the new committee needs `proceedings.first_session`",
        );
        return;
    };
    let Some(k) = c.committee_election().filter(|k| *k < i) else {
        v.problem(
            "held_by",
            "the new committee must be elected first: no earlier election of the executive \
             committee (or chi uỷ) by the congress",
        );
        return;
    };
    if e.date != fs.date {
        v.problem(
            "date",
            format!(
                "{}, but proceedings.first_session.date is {}",
                e.date, fs.date
            ),
        );
    }
    let members = c.new_committee();
    let size = members.len() as u32;
    // Who may stand: members of the committee; the secretary and deputies from the standing
    // committee when one is elected first; the inspection chair from the inspection committee.
    let from = |office: Office| {
        c.elections[..i]
            .iter()
            .position(|x| x.held_by == HeldBy::NewCommittee && x.office == office)
    };
    let pool: Option<(usize, &str)> = match e.office {
        Office::StandingCommittee => Some((k, "the new committee")),
        Office::Secretary | Office::DeputySecretary => match from(Office::StandingCommittee) {
            Some(s) => Some((s, "the standing committee")),
            None => Some((k, "the new committee")),
        },
        Office::InspectionChair => {
            from(Office::InspectionCommittee).map(|s| (s, "the inspection committee"))
        }
        _ => None,
    };
    let pool = pool.and_then(|(s, what)| c.elected(s).ok().map(|m| (s, what, m)));
    for (r, round) in e.rounds.iter().enumerate() {
        v.at(&format!("rounds[{r}]"), |v| {
            if !members.is_empty() && round.denominator.convened != size {
                v.problem(
                    "denominator.convened",
                    format!(
                        "{} convened, but the congress elected {size} to the committee \
                         (elections[{k}]); the first session convenes every member",
                        round.denominator.convened
                    ),
                );
            }
            if round.present > fs.present {
                v.problem(
                    "present",
                    format!(
                        "{} present, but proceedings.first_session.present is {}",
                        round.present, fs.present
                    ),
                );
            }
            if let Some(t) = round.closed_at {
                if t < fs.start || t > fs.end {
                    v.problem(
                        "closed_at",
                        format!(
                            "{t} is outside the first session ({} to {})",
                            fs.start, fs.end
                        ),
                    );
                }
            }
            if let Some((s, what, elected)) = &pool {
                if elected.is_empty() {
                    return;
                }
                for (j, cand) in round.candidates.iter().enumerate() {
                    if !is_member(elected, &cand.name) {
                        v.problem(
                            &format!("candidates[{j}].name"),
                            format!(
                                "{} is not a member of {what} (elected at elections[{s}])",
                                cand.name
                            ),
                        );
                    }
                }
            }
        });
    }
}

/// Members of the new committee without a profile in `candidates` (when profiles are given):
/// the trích ngang sent for approval lists every member, so it is not made, and the request
/// names the members instead. A warning, not an error: the other papers need no profile.
pub(crate) fn missing_profiles(c: &Congress) -> Vec<crate::error::Diagnostic> {
    let Some(k) = c.committee_election() else {
        return Vec::new();
    };
    if c.candidates.is_empty() {
        return Vec::new();
    }
    c.new_committee()
        .into_iter()
        .filter(|m| !c.candidates.iter().any(|p| p.name == m.name))
        .map(|m| {
            crate::error::Diagnostic::new(
                crate::error::Path::from("candidates"),
                format!(
                    "{} is elected to the committee (elections[{k}]) but has no profile here; \
                     the trích ngang of the new committee is left out of the pack",
                    m.name
                ),
            )
        })
        .collect()
}
