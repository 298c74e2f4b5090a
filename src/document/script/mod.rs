//! Kịch bản điều hành đại hội — the presidium's script (SPEC §4.5): every step of the agenda in
//! order, who speaks and what they read aloud, with the real names and figures of the congress.
//!
//! The builder resolves who speaks and computes every figure (tallies, percentages); the
//! template `script.hbs` (with its partials `script-step.hbs` and `script-election.hbs`) holds
//! all the wording, roles included. Nothing here does I/O or reads
//! the clock.

mod context;
mod election;
mod first_session;
mod view;

use context::Script;
use view::*;

use super::paper::{About, Item, Paper, PaperMeta, PaperNumbers};
use super::parts::{committee_office, convening_cell_body, members_reporter, Header, Person};
use super::programme::rules_adopted;
use crate::congress::{
    AgendaItem, BodyMember, Congress, OrgKind, Participant, SessionKind, Speech, StepKind,
};
use crate::error::Result;
use crate::registry::DocumentKind;
use crate::rules::CongressKind;
use crate::vi;

/// The script, when the congress records its proceedings.
pub(crate) fn items(c: &Congress) -> Vec<Item> {
    match &c.proceedings {
        Some(_) => vec![Item::new(About::Congress, c.first_day())],
        None => Vec::new(),
    }
}

pub(crate) fn build(c: &Congress, item: &Item, numbers: &PaperNumbers) -> Result<Paper> {
    let p = c.proceedings()?;
    let header = Header::congress(c, None, c.first_day());
    let meta = PaperMeta::new(
        DocumentKind::Script,
        item.about,
        format!("Kịch bản điều hành {}", c.name()),
        c.name(),
        &header.issuer,
        header.date,
        None,
    );
    let script = Script { c, p, numbers };
    Ok(Paper::new(meta, script.view(header)?))
}

impl Script<'_> {
    fn view(&self, header: Header) -> Result<View> {
        let (c, p) = (self.c, self.p);
        let a = &p.attendance;
        let members = c.kind == CongressKind::Members;
        // The presidium's head opens and closes; the other members take the other steps in
        // turn, so each has a part (a one-person chair takes them all).
        let mut turn = 0usize;
        let mut next_runner = || -> usize {
            let n = p.presidium.len();
            if n <= 1 {
                return 0;
            }
            let i = 1 + turn % (n - 1);
            turn += 1;
            i
        };
        let chair = p.presidium.first().map(Person::from).unwrap_or(Person {
            name: String::new(),
            title: String::new(),
        });
        let agenda = c.agenda();
        let reads_attendance = attendance_step(&agenda);
        let mut no = 0usize;
        let mut last_committee: Option<&Vec<BodyMember>> = None;
        let mut sessions = Vec::new();
        for (s, session_agenda) in agenda.iter().enumerate() {
            let session = self.session_of(&agenda, s);
            let label =
                if c.sessions.len() > 1 || session_agenda.session == SessionKind::Preparatory {
                    vi::upper(session_agenda.session.label())
                } else {
                    String::new()
                };
            let part = session.map(|x| part_of(x.start)).unwrap_or("Sáng");
            let date = session.map(|x| x.date).unwrap_or(header.date);
            let mut steps = Vec::new();
            let mut part_now = part;
            for (i, item) in session_agenda.items.iter().enumerate() {
                no += 1;
                // A step that starts a later part of the day (an afternoon after a morning
                // start) gets its own heading.
                let new_part = item.time.map(part_of).filter(|p| *p != part_now);
                if let Some(p) = new_part {
                    part_now = p;
                }
                let here = Some((s, i)) == reads_attendance;
                let mut step = StepView {
                    no,
                    time: item.time,
                    new_part,
                    content: item.content.clone(),
                    ..StepView::default()
                };
                let mut role = self.host_role();
                match item.step {
                    StepKind::Reception => {
                        step.reception = Some(ReceptionView {
                            health_measures: p.health_measures.clone(),
                            has_health_measures: !p.health_measures.is_empty(),
                        })
                    }
                    StepKind::AttendanceCheck => {
                        step.attendance_check = Some(AttendanceCheckView {
                            attendance: here.then(|| AttendanceView::new(a)),
                        })
                    }
                    StepKind::FlagSalute => step.flag_salute = true,
                    StepKind::WorkingBodies => {
                        let list = |l: &[Participant]| l.iter().map(Person::from).collect();
                        step.working_bodies = Some(WorkingBodiesView {
                            presidium: list(&p.presidium),
                            presidium_size: p.presidium.len(),
                            secretariat: list(&p.secretariat),
                            secretariat_size: p.secretariat.len(),
                            credentials: list(&p.credentials_committee),
                            credentials_size: p.credentials_committee.len(),
                            has_credentials: !p.credentials_committee.is_empty(),
                            vote: VoteView::new(&p.working_bodies_vote, a),
                            chair: chair.clone(),
                        })
                    }
                    StepKind::Rules => {
                        role = self.presidium_role(next_runner());
                        step.rules = Some(VoteView::new(&p.rules_vote, a));
                    }
                    StepKind::Opening => {
                        role = self.presidium_role(0);
                        step.opening = Some(OpeningView {
                            has_guests: !c.guests.is_empty(),
                            attendance: here.then(|| AttendanceView::new(a)),
                        });
                    }
                    StepKind::Credentials => {
                        role = self.presidium_role(next_runner());
                        let (reporter, reporter_role) =
                            match (members, p.credentials_committee.first()) {
                                (false, Some(head)) => (
                                    Person::from(head),
                                    Role::new(RoleKind::CredentialsHead, head.name.full()),
                                ),
                                // A members' congress hears the convening chi uỷ, through
                                // its bí thư (QĐ 29-QĐ/TW mục 12.2; `signer`).
                                _ => {
                                    let reporter = members_reporter(c);
                                    let role = match p
                                        .presidium
                                        .iter()
                                        .position(|x| x.name == c.signer.name)
                                    {
                                        Some(i) => self.presidium_role(i),
                                        None => Role::new(RoleKind::Comrade, reporter.name.clone()),
                                    };
                                    (reporter, role)
                                }
                            };
                        step.credentials = Some(CredentialsView {
                            body: convening_cell_body(c),
                            reporter_runs: reporter_role == role,
                            reporter,
                            reporter_role,
                            attendance: AttendanceView::new(a),
                            vote: p.credentials.as_ref().map(|x| VoteView::new(&x.vote, a)),
                            number: self
                                .numbers
                                .of(DocumentKind::CredentialsReport, About::Congress)
                                .map(|n| n.symbol()),
                        });
                    }
                    StepKind::Report => {
                        let report = item.index.and_then(|i| p.reports.get(i));
                        // No one invites and thanks themself: a member who presents the
                        // report does not run its step, unless the presidium is them alone.
                        let presents = |k: usize| {
                            report
                                .zip(p.presidium.get(k))
                                .is_some_and(|(r, x)| x.name == r.presenter.name)
                        };
                        let runner = free_runner(p.presidium.len(), next_runner(), presents);
                        role = self.presidium_role(runner);
                        if let Some(r) = report {
                            step.report = Some(ReportView {
                                title: r.title.clone(),
                                presenter: Person::from(&r.presenter),
                                presenter_runs: presents(runner),
                            });
                        }
                    }
                    StepKind::Discussion => {
                        role = self.presidium_role(next_runner());
                        step.discussion = Some(self.speakers(&p.discussion));
                    }
                    StepKind::SuperiorRemarks => {
                        role = self.presidium_role(0);
                        step.superior_remarks = Some(self.speakers(&p.superior_remarks));
                    }
                    StepKind::Election => {
                        role = self.presidium_role(not_nominated(c, next_runner(), item.index));
                        if let Some(i) = item.index.filter(|i| *i < c.elections.len()) {
                            let committee = &c.elections[i].vote_counting_committee;
                            let same = last_committee == Some(committee);
                            let chair_role = with_override(item, role.clone());
                            let alone = p.presidium.len() == 1;
                            step.election =
                                Some(self.election_view(i, chair_role, alone, same, a)?);
                            last_committee = Some(committee);
                        }
                    }
                    StepKind::FirstSession => {
                        role = self.presidium_role(next_runner());
                        step.first_session = self.first_session_view()?;
                    }
                    StepKind::Presentation => {
                        role = self.presidium_role(0);
                        step.presentation = self.presentation_view(&role)?;
                    }
                    StepKind::Break => {
                        role = self.presidium_role(next_runner());
                        let next = session_agenda.items.get(i + 1).and_then(|x| x.time);
                        step.pause = Some(BreakView {
                            minutes: match (item.time, next) {
                                (Some(a), Some(b)) if b > a => Some(minutes_between(a, b)),
                                _ => None,
                            },
                        });
                    }
                    StepKind::Lunch => {
                        role = self.presidium_role(next_runner());
                        step.lunch = Some(LunchView {
                            back: session_agenda.items.get(i + 1).and_then(|x| x.time),
                        });
                    }
                    StepKind::Resolution => {
                        role = self.presidium_role(next_runner());
                        let reader = p.resolution.reader.as_ref().or(p.secretariat.first());
                        if let Some(reader) = reader {
                            let reader_is_clerk = p.secretariat.contains(reader);
                            let reader_role = if reader_is_clerk {
                                self.secretary_role(reader)
                            } else {
                                Role::new(RoleKind::Comrade, reader.name.full())
                            };
                            step.resolution = Some(ResolutionView {
                                reader_is_clerk,
                                reader: Person::from(reader),
                                reader_role,
                                vote: VoteView::new(&p.resolution.vote, a),
                            });
                        }
                    }
                    StepKind::Closing => {
                        role = self.presidium_role(0);
                        step.closing = true;
                    }
                    StepKind::Other => step.other = true,
                }
                // The agenda names who does the item: the introducer first, else the performer.
                step.role = with_override(item, role);
                steps.push(step);
            }
            sessions.push(SessionView {
                label,
                part,
                date,
                steps,
            });
        }
        Ok(View {
            header,
            congress: c.name(),
            audience: c.kind.audience(),
            voters: c.kind.voters_label(),
            is_delegates: !members,
            unit: match c.organisation.kind {
                OrgKind::GrassrootsPartyOrg => "Đảng bộ",
                _ => "Chi bộ",
            },
            single_chair: p.presidium.len() == 1,
            rules_adopted: rules_adopted(c),
            org: c.organisation.name.clone(),
            committee_label: committee_office(c).label(),
            outgoing_khoa: c
                .ordinal
                .and_then(|n| n.checked_sub(1))
                .filter(|n| *n > 0)
                .and_then(|n| vi::roman(u32::from(n))),
            resolution_number: self
                .numbers
                .of(DocumentKind::Resolution, About::Congress)
                .map(|n| n.symbol()),
            proposal_number: self
                .numbers
                .of(DocumentKind::PersonnelProposal, About::Congress)
                .map(|n| n.symbol()),
            guests: c.guests.iter().map(Person::from).collect(),
            sessions,
        })
    }

    fn speakers(&self, list: &[Speech]) -> DiscussionView {
        let people: Vec<(Participant, String)> = list
            .iter()
            .filter_map(|s| {
                self.p
                    .speaker(&self.c.guests, s)
                    .map(|p| (p, s.summary.clone()))
            })
            .collect();
        let speakers: Vec<SpeakerView> = people
            .iter()
            .enumerate()
            .map(|(i, (x, summary))| SpeakerView {
                name: x.name.full(),
                title: x.title.clone(),
                summary: summary.trim().trim_end_matches('.').to_string(),
                next: people.get(i + 1).map(|(n, _)| n.name.full()),
            })
            .collect();
        DiscussionView {
            has_speakers: !speakers.is_empty(),
            speakers,
        }
    }
}

/// Minutes from `a` to a later `b`.
fn minutes_between(a: crate::vi::Time, b: crate::vi::Time) -> u32 {
    let at = |t: crate::vi::Time| u32::from(t.hour) * 60 + u32::from(t.minute);
    at(b).saturating_sub(at(a))
}

/// "Sáng", "Chiều" or "Tối", by the hour.
fn part_of(t: crate::vi::Time) -> &'static str {
    match t.hour {
        h if h >= 19 => "Tối",
        h if h >= 12 => "Chiều",
        _ => "Sáng",
    }
}

/// The one step that reads the attendance figures aloud: the credentials report, or else the
/// first attendance check, or else the opening (session, item).
fn attendance_step(agenda: &[crate::congress::AgendaSession]) -> Option<(usize, usize)> {
    let find = |kind: StepKind| {
        agenda.iter().enumerate().find_map(|(s, session)| {
            session
                .items
                .iter()
                .position(|i| i.step == kind)
                .map(|i| (s, i))
        })
    };
    find(StepKind::Credentials)
        .or_else(|| find(StepKind::AttendanceCheck))
        .or_else(|| find(StepKind::Opening))
}

/// The presidium member at `runner`, or — when the election at `index` put them on its list
/// from the floor (đề cử, ứng cử) — the next one it did not (the others in turn, then the
/// head): the runner announces the nominations and puts them to the vote, and no one announces
/// their own.
fn not_nominated(c: &Congress, runner: usize, index: Option<usize>) -> usize {
    let (Some(p), Some(e)) = (&c.proceedings, index.and_then(|i| c.elections.get(i))) else {
        return runner;
    };
    let n = p.presidium.len();
    let nominated = |k: usize| {
        p.presidium.get(k).is_some_and(|x| {
            e.rounds
                .iter()
                .flat_map(|r| &r.candidates)
                .any(|c| c.floor_nominee.is_some() && c.name == x.name)
                || e.nominations
                    .as_ref()
                    .is_some_and(|m| m.nominees.iter().any(|c| c.name == x.name))
        })
    };
    free_runner(n, runner, nominated)
}

/// The presidium member at `runner` (of `n`), or — when `busy(runner)` — the next one who is
/// not: the other members in turn, then the head; `runner` when it is the head or all are busy.
fn free_runner(n: usize, runner: usize, busy: impl Fn(usize) -> bool) -> usize {
    if runner == 0 || runner >= n || !busy(runner) {
        return runner;
    }
    (0..n - 2)
        .map(|k| 1 + (runner + k) % (n - 1))
        .chain([0])
        .find(|&k| !busy(k))
        .unwrap_or(runner)
}

/// The role the agenda gives an item (its presenter, else its performer), or `role`.
fn with_override(item: &AgendaItem, mut role: Role) -> Role {
    let custom = [&item.presenter, &item.performer]
        .into_iter()
        .flatten()
        .map(|s| s.trim())
        .find(|s| !s.is_empty())
        .map(str::to_string);
    if custom.is_some() {
        role.custom = custom;
    }
    role
}
