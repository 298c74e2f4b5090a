//! Kịch bản điều hành đại hội — the presidium's script (SPEC §4.5): every step of the agenda in
//! order, who speaks and what they read aloud, with the real names and figures of the congress.
//!
//! The script holds the data it is made from (the proceedings, the agenda, the election counts);
//! `context()` resolves who speaks and computes every figure (tallies, percentages), and the
//! template `script.hbs` holds all the wording. Nothing here does I/O or reads the clock.

use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::common::{DocNumber, Header, Validator};
use super::congress::{Congress, Guest, OrgKind, Session, SessionKind};
use super::election::{office_line, BodyMember};
use super::numbering::Slot;
use super::personnel::Participant;
use super::proceedings::{AgendaItem, AgendaSession, Attendance, HandVote, Proceedings, StepKind};
use super::{DocMeta, Document, DocumentKind};
use crate::error::{Diagnostic, Error, ErrorKind, Result};
use crate::rules::{self, CongressKind, Office, RuleSet, Status};
use crate::vi::{self, Date, Time};

/// Kịch bản điều hành đại hội — the presidium's script, generated from the congress data.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Script {
    /// Header: the organisation over the congress line; no number (an internal paper), dated
    /// with the first session.
    pub header: Header,
    /// The congress's full name (the summary under the title).
    pub congress: String,
    /// Members' or delegates' congress (who is "đảng viên" and who "đại biểu").
    pub kind: CongressKind,
    /// The kind of organisation ("Chi bộ" or "Đảng bộ" in the attendance line).
    pub org_kind: OrgKind,
    /// Which rule set the elections follow (the decision the election rules cite).
    pub rule_set: RuleSet,
    /// The sessions, in order (their dates and start times head the agenda's sessions).
    pub sessions: Vec<Session>,
    /// Khách mời — the guests introduced at the opening, with their titles.
    pub guests: Vec<Guest>,
    /// What happens at the congress: working bodies, attendance, reports, debate, votes.
    pub proceedings: Proceedings,
    /// The agenda the script follows, session by session (the given one or the standard one).
    pub agenda: Vec<AgendaSession>,
    /// The elections, each with the counts of its rounds.
    pub elections: Vec<ScriptElection>,
}

/// One election as the script announces it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ScriptElection {
    /// What is elected, as a line: "Ban Chấp hành Đảng bộ phường Bạch Mai, nhiệm kỳ 2020 – 2025".
    pub office: String,
    /// Ban kiểm phiếu — the vote-counting committee (Trưởng ban first).
    pub vote_counting_committee: Vec<BodyMember>,
    /// The rounds, in order.
    pub rounds: Vec<ScriptRound>,
}

/// One round of an election: its counts and the number of its vote-count minutes.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ScriptRound {
    /// The number of this round's vote-count minutes ("02-BB/ĐH"), cited when the result is
    /// announced.
    pub minutes: DocNumber,
    /// The list in ballot order and the counts.
    pub election: rules::Election,
}

impl Script {
    /// The script of `congress`; it needs `proceedings`.
    pub fn for_congress(congress: &Congress) -> Result<Script> {
        let proceedings = super::proceedings::required(congress)?.clone();
        let first = congress.sessions.first().ok_or_else(|| {
            Error::new(ErrorKind::InvalidData, "the congress has no session").with_path("sessions")
        })?;
        let numbers = congress.numbers();
        let mut elections = Vec::new();
        for (i, record) in congress.elections.iter().enumerate() {
            let mut rounds = Vec::new();
            for r in 0..record.rounds.len() {
                let election = congress.election_round(i, r)?;
                let seq = numbers.get(Slot::VoteCountMinutes(i, r)).unwrap_or(1);
                rounds.push(ScriptRound {
                    minutes: DocNumber::new(seq, "BB", "ĐH"),
                    election,
                });
            }
            elections.push(ScriptElection {
                office: office_line(congress, &record.office),
                vote_counting_committee: record.vote_counting_committee.clone(),
                rounds,
            });
        }
        Ok(Script {
            header: congress.congress_header(None, first.date),
            congress: congress.name(),
            kind: congress.kind,
            org_kind: congress.organisation.kind,
            rule_set: congress.rule_set,
            sessions: congress.sessions.clone(),
            guests: congress.guests.clone(),
            agenda: congress.agenda(),
            proceedings,
            elections,
        })
    }

    /// The session an agenda session is held in: the n-th agenda session of a kind is the n-th
    /// congress session of that kind.
    fn session_of(&self, agenda_index: usize) -> Option<&Session> {
        let kind = self.agenda.get(agenda_index)?.session;
        let nth = self.agenda[..agenda_index]
            .iter()
            .filter(|s| s.session == kind)
            .count();
        self.sessions.iter().filter(|s| s.kind == kind).nth(nth)
    }
}

impl Document for Script {
    fn kind(&self) -> DocumentKind {
        DocumentKind::Script
    }

    fn validate(&self) -> Vec<Diagnostic> {
        let mut v = Validator::new();
        v.header(&self.header);
        v.text("congress", &self.congress);
        // The same checks as the congress's, against what the script carries of it.
        let scope = super::proceedings::Scope {
            kind: self.kind,
            guests: self.guests.len(),
            sessions: &self.sessions,
            elections: self
                .elections
                .iter()
                .map(|e| {
                    e.rounds
                        .iter()
                        .map(|r| r.election.denominator.convened)
                        .collect()
                })
                .collect(),
        };
        v.at("proceedings", |v| {
            super::proceedings::check_in(v, &self.proceedings, &scope)
        });
        super::proceedings::check_agenda(&mut v, &scope, &self.proceedings, &self.agenda);
        for (i, e) in self.elections.iter().enumerate() {
            v.at(&format!("elections[{i}]"), |v| {
                v.text("office", &e.office);
                if e.vote_counting_committee.is_empty() {
                    v.problem(
                        "vote_counting_committee",
                        "the vote-counting committee has no members",
                    );
                }
                if e.rounds.is_empty() {
                    v.problem(
                        "rounds",
                        "an election needs the counts of at least one round",
                    );
                }
            });
        }
        let mut out = v.finish();
        for (i, e) in self.elections.iter().enumerate() {
            for (r, round) in e.rounds.iter().enumerate() {
                if let Err(err) = rules::tally(&round.election) {
                    let prefix = format!("elections[{i}].rounds[{r}].election");
                    if err.diagnostics().is_empty() {
                        out.push(Diagnostic::new(prefix.clone(), err.message()));
                    }
                    out.extend(err.diagnostics().iter().map(|d| {
                        Diagnostic::new(format!("{prefix}.{}", d.path), d.message.clone())
                    }));
                }
            }
        }
        out
    }

    fn meta(&self) -> DocMeta {
        DocMeta::new(
            self.kind(),
            &self.header,
            format!("Kịch bản điều hành {}", self.congress),
            &self.congress,
            None,
        )
    }

    fn context(&self) -> Result<Value> {
        let view = self.view()?;
        serde_json::to_value(view)
            .map_err(|e| Error::new(ErrorKind::Json, format!("cannot serialise the script: {e}")))
    }
}

// ---------------------------------------------------------------------------------------------
// The template's view: every name resolved, every figure computed, every key present.

#[derive(Serialize)]
struct View<'a> {
    header: &'a Header,
    congress: &'a str,
    /// "đại biểu" / "đảng viên".
    audience: &'static str,
    /// "đại biểu chính thức" / "đảng viên chính thức".
    voters: &'static str,
    is_delegates: bool,
    /// "Chi bộ" / "Đảng bộ".
    unit: &'static str,
    /// One chair rather than a presidium (a small cell).
    single_chair: bool,
    /// What the rules vote adopts (the same words as the programme and the minutes).
    rules_adopted: &'static str,
    sessions: Vec<SessionView>,
}

#[derive(Serialize)]
struct SessionView {
    /// "PHIÊN TRÙ BỊ" — empty when the congress has one session.
    label: String,
    /// "Sáng" / "Chiều" / "Tối", from the start time.
    part: &'static str,
    date: Date,
    steps: Vec<StepView>,
}

#[derive(Serialize, Default)]
struct StepView {
    no: usize,
    time: Option<Time>,
    /// The agenda's wording replacing the default heading.
    content: Option<String>,
    /// Who speaks first: "Người dẫn chương trình (đồng chí …)".
    role: String,
    reception: Option<ReceptionView>,
    attendance_check: Option<AttendanceView>,
    flag_salute: bool,
    working_bodies: Option<WorkingBodiesView>,
    rules: Option<VoteView>,
    opening: Option<OpeningView>,
    credentials: Option<CredentialsView>,
    report: Option<ReportView>,
    discussion: Option<DiscussionView>,
    superior_remarks: Option<DiscussionView>,
    election: Option<ElectionView>,
    resolution: Option<ResolutionView>,
    closing: bool,
    other: bool,
}

#[derive(Serialize)]
struct PersonView {
    name: String,
    title: String,
}

impl From<&Participant> for PersonView {
    fn from(p: &Participant) -> Self {
        PersonView {
            name: p.name.full(),
            title: p.title.clone(),
        }
    }
}

#[derive(Serialize)]
struct ReceptionView {
    health_measures: Vec<String>,
    has_health_measures: bool,
}

#[derive(Serialize)]
struct AbsenceView {
    number: u32,
    reason: String,
}

#[derive(Serialize)]
struct MembershipView {
    total: u32,
    exempt: u32,
    full: u32,
    probationary: u32,
}

#[derive(Serialize)]
struct AttendanceView {
    convened: u32,
    present: u32,
    absent: u32,
    absences: Vec<AbsenceView>,
    membership: Option<MembershipView>,
    /// The whole convened body is present.
    all_present: bool,
}

impl AttendanceView {
    fn new(a: &Attendance) -> Self {
        AttendanceView {
            convened: a.convened,
            present: a.present,
            absent: a.convened.saturating_sub(a.present),
            absences: a
                .absences
                .iter()
                .map(|x| AbsenceView {
                    number: x.count,
                    reason: x.reason.clone(),
                })
                .collect(),
            membership: a.membership.map(|m| MembershipView {
                total: m.total,
                exempt: m.exempt,
                full: m.full,
                probationary: m.probationary,
            }),
            all_present: a.present >= a.convened,
        }
    }
}

#[derive(Serialize)]
struct VoteView {
    agree: u32,
    against: u32,
    voters: u32,
    /// Neither for nor against.
    abstained: u32,
    /// "100%" or "98,31%": spoken, so whole percentages drop their ",00".
    percent: String,
    unanimous: bool,
    /// More than half of those present agreed.
    passed: bool,
}

impl VoteView {
    fn new(v: &HandVote, a: &Attendance) -> Self {
        let voters = v.voters(a);
        let percent = v
            .percent(a)
            .map(|p| p.to_string().replace(",00%", "%"))
            .unwrap_or_default();
        VoteView {
            agree: v.agree,
            against: v.against,
            voters,
            abstained: voters.saturating_sub(v.agree + v.against),
            percent,
            unanimous: v.agree == voters && voters > 0,
            passed: 2 * u64::from(v.agree) > u64::from(voters),
        }
    }
}

#[derive(Serialize)]
struct WorkingBodiesView {
    presidium: Vec<PersonView>,
    presidium_size: usize,
    secretariat: Vec<PersonView>,
    secretariat_size: usize,
    credentials: Vec<PersonView>,
    credentials_size: usize,
    has_credentials: bool,
    vote: VoteView,
    /// Who runs the congress from here on: the presidium's head.
    chair: PersonView,
}

#[derive(Serialize)]
struct OpeningView {
    guests: Vec<PersonView>,
    has_guests: bool,
    attendance: AttendanceView,
}

#[derive(Serialize)]
struct CredentialsView {
    /// Who reports (the head of the credentials committee, or a presidium member).
    reporter: PersonView,
    reporter_role: String,
    /// The one who runs the step also reports (a cell's chair).
    reporter_runs: bool,
    attendance: AttendanceView,
}

#[derive(Serialize)]
struct ReportView {
    title: String,
    presenter: PersonView,
}

#[derive(Serialize)]
struct SpeakerView {
    name: String,
    title: String,
    summary: String,
    /// The next speaker, who is asked to get ready.
    next: Option<String>,
}

#[derive(Serialize)]
struct DiscussionView {
    speakers: Vec<SpeakerView>,
    has_speakers: bool,
}

#[derive(Serialize)]
struct ResolutionView {
    reader: PersonView,
    reader_role: String,
    /// The reader is of the secretariat (reads "thay mặt Đoàn Thư ký").
    reader_is_clerk: bool,
    vote: VoteView,
}

#[derive(Serialize)]
struct MemberView {
    name: String,
    role: String,
}

#[derive(Serialize)]
struct ResultView {
    name: String,
    votes: u32,
    percent: String,
}

#[derive(Serialize)]
struct TieView {
    names: Vec<String>,
    votes: u32,
    percent: String,
    seats_left: u32,
}

#[derive(Serialize)]
struct RoundView {
    office: String,
    chair_role: String,
    counting_role: String,
    round: u32,
    round_words: String,
    later: bool,
    seats: u32,
    candidates: Vec<String>,
    candidates_total: usize,
    surplus: u32,
    has_surplus: bool,
    /// No surplus: the ballot has "Đồng ý / Không đồng ý" columns.
    agree_columns: bool,
    floor_nominees: Vec<String>,
    has_floor_nominees: bool,
    /// "02-BB/ĐH".
    minutes: String,
    convened: u32,
    present: u32,
    issued: u32,
    returned: u32,
    valid: u32,
    invalid_total: u32,
    invalid: Vec<AbsenceView>,
    denominator: u32,
    votes_needed: u32,
    elected: Vec<ResultView>,
    elected_total: usize,
    has_elected: bool,
    tie: Option<TieView>,
    /// Seats no one filled (not more than half).
    shortfall: u32,
    /// The round left seats to fill (a tie or a shortfall).
    unfinished: bool,
    /// A further round is recorded.
    has_next: bool,
    next_round_words: String,
    next_seats: u32,
}

#[derive(Serialize)]
struct ElectionView {
    office: String,
    is_delegates: bool,
    is_committee: bool,
    /// Who runs the election (a presidium member).
    chair_role: String,
    /// Trưởng Ban kiểm phiếu, who reads the rules and announces the results.
    counting_role: String,
    counting_head: String,
    committee: Vec<MemberView>,
    committee_size: usize,
    /// The same committee counted the previous election: it is not elected again.
    same_committee: bool,
    /// "Quyết định số 244-QĐ/TW ngày 09/6/2014 của Ban Chấp hành Trung ương Đảng".
    rules_decision: &'static str,
    seats: u32,
    rounds: Vec<RoundView>,
    /// Elected over all rounds, and whether that fills the seats.
    elected_total: usize,
    complete: bool,
}

impl Script {
    fn members(&self) -> bool {
        self.kind == CongressKind::Members
    }

    /// "Đồng chí Lê Thành Vinh – Chủ tịch đoàn" (a cell with one chair: "Chủ tịch Đại hội (đồng
    /// chí …)").
    fn presidium_role(&self, i: usize) -> String {
        let p = &self.proceedings.presidium;
        match p.get(i) {
            Some(x) if p.len() == 1 => format!("Chủ tịch Đại hội (đồng chí {})", x.name.full()),
            Some(x) => format!("Đồng chí {} – Chủ tịch đoàn", x.name.full()),
            None => "Đoàn Chủ tịch".into(),
        }
    }

    fn host_role(&self) -> String {
        format!(
            "Người dẫn chương trình (đồng chí {})",
            self.proceedings.host.name.full()
        )
    }

    fn view(&self) -> Result<View<'_>> {
        let p = &self.proceedings;
        let a = &p.attendance;
        let members = self.members();
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
        let chair = p
            .presidium
            .first()
            .map(PersonView::from)
            .unwrap_or(PersonView {
                name: String::new(),
                title: String::new(),
            });
        let secretary_role = |x: &Participant| {
            if p.secretariat.len() == 1 {
                format!("Thư ký Đại hội (đồng chí {})", x.name.full())
            } else {
                format!("Đồng chí {} – Đoàn Thư ký", x.name.full())
            }
        };
        let mut no = 0usize;
        let mut last_committee: Option<&Vec<BodyMember>> = None;
        let mut sessions = Vec::new();
        for (s, agenda) in self.agenda.iter().enumerate() {
            let session = self.session_of(s);
            let label = if self.sessions.len() > 1 || agenda.session == SessionKind::Preparatory {
                vi::upper(agenda.session.label())
            } else {
                String::new()
            };
            let start = session.map(|x| x.start);
            let part = match start.map(|t| t.hour) {
                Some(h) if h >= 18 => "Tối",
                Some(h) if h >= 12 => "Chiều",
                _ => "Sáng",
            };
            let date = session.map(|x| x.date).unwrap_or(self.header.date);
            let mut steps = Vec::new();
            for item in &agenda.items {
                no += 1;
                let mut step = StepView {
                    no,
                    time: item.time,
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
                        step.attendance_check = Some(AttendanceView::new(a))
                    }
                    StepKind::FlagSalute => step.flag_salute = true,
                    StepKind::WorkingBodies => {
                        let list =
                            |l: &[Participant]| l.iter().map(PersonView::from).collect::<Vec<_>>();
                        step.working_bodies = Some(WorkingBodiesView {
                            presidium: list(&p.presidium),
                            presidium_size: p.presidium.len(),
                            secretariat: list(&p.secretariat),
                            secretariat_size: p.secretariat.len(),
                            credentials: list(&p.credentials_committee),
                            credentials_size: p.credentials_committee.len(),
                            has_credentials: !p.credentials_committee.is_empty(),
                            vote: VoteView::new(&p.working_bodies_vote, a),
                            chair: p.presidium.first().map(PersonView::from).unwrap_or(
                                PersonView {
                                    name: String::new(),
                                    title: String::new(),
                                },
                            ),
                        })
                    }
                    StepKind::Rules => {
                        role = self.presidium_role(next_runner());
                        step.rules = Some(VoteView::new(&p.rules_vote, a));
                    }
                    StepKind::Opening => {
                        role = self.presidium_role(0);
                        let guests: Vec<PersonView> = self
                            .guests
                            .iter()
                            .map(|g| PersonView {
                                name: g.name.full(),
                                title: g.title.clone(),
                            })
                            .collect();
                        step.opening = Some(OpeningView {
                            has_guests: !guests.is_empty(),
                            guests,
                            attendance: AttendanceView::new(a),
                        });
                    }
                    StepKind::Credentials => {
                        role = self.presidium_role(next_runner());
                        let (reporter, reporter_role) =
                            match (members, p.credentials_committee.first()) {
                                (false, Some(head)) => (
                                    PersonView::from(head),
                                    format!(
                                        "Trưởng Ban Thẩm tra tư cách đại biểu (đồng chí {})",
                                        head.name.full()
                                    ),
                                ),
                                _ => {
                                    let i = if p.presidium.len() > 1 { 1 } else { 0 };
                                    match p.presidium.get(i) {
                                        Some(x) => (PersonView::from(x), self.presidium_role(i)),
                                        None => (chair_clone(&chair), self.presidium_role(0)),
                                    }
                                }
                            };
                        step.credentials = Some(CredentialsView {
                            reporter_runs: reporter_role == role,
                            reporter,
                            reporter_role,
                            attendance: AttendanceView::new(a),
                        });
                    }
                    StepKind::Report => {
                        role = self.presidium_role(next_runner());
                        if let Some(r) = item.index.and_then(|i| p.reports.get(i)) {
                            step.report = Some(ReportView {
                                title: r.title.clone(),
                                presenter: PersonView::from(&r.presenter),
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
                        let runner = next_runner();
                        role = self.presidium_role(runner);
                        if let Some(e) = item.index.and_then(|i| self.elections.get(i)) {
                            let same = last_committee == Some(&e.vote_counting_committee);
                            let role = override_role(item).unwrap_or_else(|| role.clone());
                            step.election = Some(self.election_view(e, role, same)?);
                            last_committee = Some(&e.vote_counting_committee);
                        }
                    }
                    StepKind::Resolution => {
                        role = self.presidium_role(next_runner());
                        let reader = p
                            .resolution
                            .reader
                            .as_ref()
                            .or(p.secretariat.first())
                            .cloned();
                        if let Some(reader) = reader {
                            let reader_is_clerk = p.secretariat.contains(&reader);
                            let reader_role = if reader_is_clerk {
                                secretary_role(&reader)
                            } else {
                                format!("Đồng chí {}", reader.name.full())
                            };
                            step.resolution = Some(ResolutionView {
                                reader_is_clerk,
                                reader: PersonView::from(&reader),
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
                step.role = override_role(item).unwrap_or(role);
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
            header: &self.header,
            congress: &self.congress,
            audience: self.kind.audience(),
            voters: self.kind.voters_label(),
            is_delegates: !members,
            unit: match self.org_kind {
                OrgKind::GrassrootsPartyOrg => "Đảng bộ",
                _ => "Chi bộ",
            },
            single_chair: p.presidium.len() == 1,
            rules_adopted: super::programme::rules_adopted(&self.sessions),
            sessions,
        })
    }

    fn speakers(&self, list: &[super::proceedings::Speech]) -> DiscussionView {
        let people: Vec<(Participant, String)> = list
            .iter()
            .filter_map(|s| {
                self.proceedings
                    .speaker(&self.guests, s)
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

    fn election_view(
        &self,
        e: &ScriptElection,
        chair_role: String,
        same_committee: bool,
    ) -> Result<ElectionView> {
        let counting_role = format!(
            "Trưởng Ban kiểm phiếu (đồng chí {})",
            e.vote_counting_committee
                .first()
                .map(|m| m.name.full())
                .unwrap_or_default()
        );
        let head = e.vote_counting_committee.first();
        let counting_head = head.map(|m| m.name.full()).unwrap_or_default();
        let mut rounds = Vec::new();
        let mut elected_total = 0usize;
        let mut seats = 0;
        let mut office = Office::ExecutiveCommittee;
        for (r, round) in e.rounds.iter().enumerate() {
            let el = &round.election;
            if r == 0 {
                seats = el.seats;
                office = el.office.clone();
            }
            let t = rules::tally(el)?;
            let name = |i: usize| t.outcomes[i].name.full();
            let elected: Vec<ResultView> = t
                .elected
                .iter()
                .map(|i| ResultView {
                    name: name(*i),
                    votes: t.outcomes[*i].votes,
                    percent: t.outcomes[*i].percent.to_string(),
                })
                .collect();
            elected_total += elected.len();
            let tie = t.tie.as_ref().map(|tie| TieView {
                names: tie.candidates.iter().map(|i| name(*i)).collect(),
                votes: tie
                    .candidates
                    .first()
                    .map(|i| t.outcomes[*i].votes)
                    .unwrap_or(0),
                percent: tie
                    .candidates
                    .first()
                    .map(|i| t.outcomes[*i].percent.to_string())
                    .unwrap_or_default(),
                seats_left: tie.seats_left,
            });
            debug_assert!(t
                .outcomes
                .iter()
                .all(|o| !matches!(o.status, Status::TieNeedsRevote { .. }) || tie.is_some()));
            let next_seats =
                tie.as_ref().map(|t| t.seats_left).unwrap_or(0) + t.further_round_seats;
            let floor_nominees: Vec<String> = el
                .candidates
                .iter()
                .filter(|c| c.floor_nominee.is_some())
                .map(|c| c.name.full())
                .collect();
            let n = el.candidates.len();
            rounds.push(RoundView {
                office: e.office.clone(),
                chair_role: chair_role.clone(),
                counting_role: counting_role.clone(),
                round: el.round,
                round_words: vi::ordinal_words(el.round).unwrap_or_default(),
                later: el.round > 1,
                seats: el.seats,
                candidates: el.candidates.iter().map(|c| c.name.full()).collect(),
                candidates_total: n,
                surplus: (n as u32).saturating_sub(el.seats),
                has_surplus: n as u32 > el.seats,
                agree_columns: n as u32 == el.seats,
                has_floor_nominees: !floor_nominees.is_empty(),
                floor_nominees,
                minutes: round.minutes.symbol(),
                convened: el.denominator.convened,
                present: el.present,
                issued: el.ballots.issued,
                returned: el.ballots.returned,
                valid: el.ballots.valid,
                invalid_total: el.ballots.invalid.iter().map(|x| x.count).sum(),
                invalid: el
                    .ballots
                    .invalid
                    .iter()
                    .map(|x| AbsenceView {
                        number: x.count,
                        reason: x.reason.clone(),
                    })
                    .collect(),
                denominator: t.denominator,
                votes_needed: t.votes_needed,
                has_elected: !elected.is_empty(),
                elected_total: elected.len(),
                elected,
                tie,
                shortfall: t.further_round_seats,
                unfinished: next_seats > 0,
                has_next: r + 1 < e.rounds.len(),
                next_round_words: vi::ordinal_words(el.round + 1).unwrap_or_default(),
                next_seats,
            });
        }
        Ok(ElectionView {
            office: e.office.clone(),
            is_delegates: matches!(office, Office::Delegates { .. }),
            is_committee: office.is_committee(),
            chair_role,
            counting_role,
            counting_head,
            same_committee,
            committee: e
                .vote_counting_committee
                .iter()
                .map(|m| MemberView {
                    name: m.name.full(),
                    role: m.role.clone(),
                })
                .collect(),
            committee_size: e.vote_counting_committee.len(),
            rules_decision: match self.rule_set {
                RuleSet::Round2020 => {
                    "Quyết định số 244-QĐ/TW ngày 09/6/2014 của Ban Chấp hành Trung ương Đảng ban hành Quy chế bầu cử trong Đảng"
                }
                RuleSet::Round2025 => {
                    "Quyết định số 190-QĐ/TW ngày 10/10/2024 của Ban Chấp hành Trung ương Đảng ban hành Quy chế bầu cử trong Đảng"
                }
            },
            seats,
            complete: elected_total as u32 >= seats,
            elected_total,
            rounds,
        })
    }
}

fn chair_clone(p: &PersonView) -> PersonView {
    PersonView {
        name: p.name.clone(),
        title: p.title.clone(),
    }
}

/// The role the agenda gives an item, if any.
fn override_role(item: &AgendaItem) -> Option<String> {
    [&item.presenter, &item.performer]
        .into_iter()
        .flatten()
        .map(|s| s.trim())
        .find(|s| !s.is_empty())
        .map(str::to_string)
}
