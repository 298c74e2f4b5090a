//! Diễn biến đại hội — what happens at the congress itself: who runs it, who is there, what is
//! heard and voted. The programme, the presidium's script and the congress minutes are all made
//! from this one record (and from the elections), so they cannot tell different stories.

use serde::{Deserialize, Serialize};

use super::organisation::{Guest, SessionKind};
use super::personnel::{participant, Participant};
use super::validate::Validator;
use super::Congress;
use crate::rules::{CongressKind, Percent};
use crate::vi::Time;

/// Who is there (SPEC §4.5, §4.8): the figures the script reads out and the minutes record.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Attendance {
    /// Được triệu tập — delegates (đại biểu chính thức) or members summoned.
    pub convened: u32,
    /// Có mặt — present at the opening.
    pub present: u32,
    /// Vắng — the absent, by reason; together they are `convened − present`.
    #[serde(default)]
    pub absences: Vec<Absence>,
    /// A members' congress: the cell's membership ("Tổng số đảng viên … MSH … chính thức …
    /// dự bị …").
    #[serde(default)]
    pub membership: Option<Membership>,
}

/// Absent people of one reason: "02 đồng chí (ốm, có đơn xin vắng)".
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Absence {
    /// How many.
    pub count: u32,
    /// Lý do, as printed: "ốm đau, có đơn xin vắng mặt".
    pub reason: String,
}

/// The membership of the organisation holding a members' congress.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Membership {
    /// Tổng số đảng viên.
    pub total: u32,
    /// Miễn sinh hoạt (MSH).
    #[serde(default)]
    pub exempt: u32,
    /// Đảng viên chính thức.
    pub full: u32,
    /// Đảng viên dự bị.
    #[serde(default)]
    pub probationary: u32,
}

/// A show of hands (biểu quyết giơ thẻ đảng viên) and its result.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct HandVote {
    /// Tán thành — in favour.
    pub agree: u32,
    /// Không tán thành — against.
    #[serde(default)]
    pub against: u32,
    /// Who voted: present at the vote. Default: present at the opening.
    #[serde(default)]
    pub present: Option<u32>,
}

impl HandVote {
    /// Present at the vote, given the attendance.
    pub fn voters(&self, attendance: &Attendance) -> u32 {
        self.present.unwrap_or(attendance.present)
    }

    /// The share in favour of those present ("100,00%"); `None` when nobody voted.
    pub fn percent(&self, attendance: &Attendance) -> Option<Percent> {
        Percent::of(self.agree, self.voters(attendance))
    }
}

/// A report heard by the congress: "Báo cáo chính trị của Ban Chấp hành Đảng bộ phường khoá …".
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Report {
    /// The report's name, as the programme prints it.
    pub title: String,
    /// Who presents it.
    pub presenter: Participant,
    /// What the minutes record of it (one or more sentences); may be empty.
    #[serde(default)]
    pub summary: String,
}

/// A speech from the floor (tham luận) or by a superior's representative.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Speech {
    /// The speaker, when a guest: the index in `guests` (their name and title come from there).
    #[serde(default)]
    pub guest: Option<usize>,
    /// The speaker, when not a guest.
    #[serde(default)]
    pub speaker: Option<Participant>,
    /// The subject or a summary of what was said, as the minutes record it.
    pub summary: String,
}

/// One step of the congress, in the order of the programme and the script.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum StepKind {
    /// Đón tiếp đại biểu (and the health measures, if any).
    Reception,
    /// Kiểm tra quân số, ổn định tổ chức.
    AttendanceCheck,
    /// Chào cờ (hát Quốc ca, Quốc tế ca) at the opening.
    FlagSalute,
    /// Bầu Đoàn Chủ tịch, Đoàn Thư ký (and Ban Thẩm tra tư cách đại biểu).
    WorkingBodies,
    /// Thông qua chương trình, nội quy, quy chế làm việc và quy chế bầu cử.
    Rules,
    /// Khai mạc: diễn văn khai mạc, tuyên bố lý do, giới thiệu đại biểu.
    Opening,
    /// Báo cáo thẩm tra tư cách đại biểu (delegates) / tình hình đảng viên dự đại hội (members).
    Credentials,
    /// A report of `reports` (`index`).
    Report,
    /// Thảo luận, tham luận.
    Discussion,
    /// Đại biểu cấp trên phát biểu chỉ đạo.
    SuperiorRemarks,
    /// An election of `elections` (`index`), all its rounds.
    Election,
    /// Thông qua Nghị quyết Đại hội.
    Resolution,
    /// Bế mạc, chào cờ bế mạc.
    Closing,
    /// Anything else (`content` says what), e.g. "Nghỉ giải lao".
    Other,
}

impl StepKind {
    /// Steps that refer to an entry of a list by `index`.
    pub fn needs_index(self) -> bool {
        matches!(self, StepKind::Report | StepKind::Election)
    }
}

/// One item of the agenda: a step, when, and who does it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AgendaItem {
    /// What happens.
    pub step: StepKind,
    /// For `report` and `election`: which one (0-based index into `reports` / `elections`).
    #[serde(default)]
    pub index: Option<usize>,
    /// When it starts, if the programme says.
    #[serde(default)]
    pub time: Option<Time>,
    /// The programme's wording, replacing the default one (required for `other`).
    #[serde(default)]
    pub content: Option<String>,
    /// Người giới thiệu — who introduces the item, replacing the default.
    #[serde(default)]
    pub presenter: Option<String>,
    /// Người thực hiện — who performs it, replacing the default.
    #[serde(default)]
    pub performer: Option<String>,
}

impl AgendaItem {
    /// An item without time or overrides.
    pub fn new(step: StepKind, index: Option<usize>) -> AgendaItem {
        AgendaItem {
            step,
            index,
            time: None,
            content: None,
            presenter: None,
            performer: None,
        }
    }
}

/// The agenda of one session.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AgendaSession {
    /// Which session (matched with `sessions` by kind, in order).
    pub session: SessionKind,
    /// Its items, in order.
    pub items: Vec<AgendaItem>,
}

/// Nghị quyết — the resolution and its vote.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Resolution {
    /// Who reads the draft (default: the head of the secretariat).
    #[serde(default)]
    pub reader: Option<Participant>,
    /// The vote.
    pub vote: HandVote,
}

/// What happens at the congress: the working bodies, the attendance, the reports, the debate and
/// the votes. Elections are in `Congress::elections`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Proceedings {
    /// Người dẫn chương trình — who leads the ceremonies before the presidium takes over.
    pub host: Participant,
    /// Who is there at the opening.
    pub attendance: Attendance,
    /// Đoàn Chủ tịch (a cell: chủ tịch đại hội); the first presides and signs.
    pub presidium: Vec<Participant>,
    /// Đoàn Thư ký (a cell: thư ký); the first keeps and signs the minutes.
    pub secretariat: Vec<Participant>,
    /// Ban Thẩm tra tư cách đại biểu (delegates' congress); the first is its head.
    #[serde(default)]
    pub credentials_committee: Vec<Participant>,
    /// The show of hands that elected the working bodies.
    pub working_bodies_vote: HandVote,
    /// The show of hands that adopted the programme and the rules.
    pub rules_vote: HandVote,
    /// Measures taken for everyone's health, as said aloud and recorded ("đo thân nhiệt",
    /// "sát khuẩn tay"); empty when none.
    #[serde(default)]
    pub health_measures: Vec<String>,
    /// The reports heard, in order.
    pub reports: Vec<Report>,
    /// Ý kiến thảo luận, tham luận, in order.
    #[serde(default)]
    pub discussion: Vec<Speech>,
    /// Phát biểu chỉ đạo of the superior's representatives.
    #[serde(default)]
    pub superior_remarks: Vec<Speech>,
    /// The resolution vote.
    pub resolution: Resolution,
    /// The agenda, session by session; default: the standard order (SPEC §4.4) for this kind of
    /// congress, with the times left out.
    #[serde(default)]
    pub agenda: Option<Vec<AgendaSession>>,
    /// Pins the programme's number in the congress's sequence.
    #[serde(default)]
    pub programme_number: Option<u32>,
    /// Pins the congress minutes' number in the congress's sequence.
    #[serde(default)]
    pub minutes_number: Option<u32>,
}

impl Proceedings {
    /// The speaker of a speech: a guest's name and title (from `guests`), or the speaker given.
    pub fn speaker(&self, guests: &[Guest], speech: &Speech) -> Option<Participant> {
        match (speech.guest, &speech.speaker) {
            (Some(i), _) => guests.get(i).map(|g| Participant {
                name: g.name.clone(),
                title: g.title.clone(),
            }),
            (None, Some(p)) => Some(p.clone()),
            (None, None) => None,
        }
    }

    /// The absent: `convened − present`.
    pub fn absent(&self) -> u32 {
        self.attendance
            .convened
            .saturating_sub(self.attendance.present)
    }
}

impl Congress {
    /// The proceedings, or an error naming `proceedings`: the programme, the script and the
    /// congress minutes are made from them.
    pub fn proceedings(&self) -> crate::Result<&Proceedings> {
        self.proceedings.as_ref().ok_or_else(|| {
            crate::Error::new(
                crate::ErrorKind::InvalidData,
                "the congress has no `proceedings` (working bodies, attendance, reports, votes): \
                 the programme, the script and the congress minutes are made from them",
            )
            .with_path("proceedings")
        })
    }

    /// The agenda: the one given in `proceedings.agenda`, or the standard order for this kind
    /// of congress (SPEC §4.4): working bodies and rules in the preparatory session when there
    /// is one, otherwise after the flag salute; reports, discussion, the superior's remarks,
    /// one item per election, the resolution, the closing.
    pub fn agenda(&self) -> Vec<AgendaSession> {
        let Some(p) = &self.proceedings else {
            return Vec::new();
        };
        if let Some(a) = &p.agenda {
            return a.clone();
        }
        let prep = self
            .sessions
            .iter()
            .any(|s| s.kind == SessionKind::Preparatory);
        let mut out = Vec::new();
        use StepKind::*;
        let item = |s| AgendaItem::new(s, None);
        if prep {
            out.push(AgendaSession {
                session: SessionKind::Preparatory,
                items: vec![item(AttendanceCheck), item(WorkingBodies), item(Rules)],
            });
        }
        let mut items = Vec::new();
        if !p.health_measures.is_empty() {
            items.push(item(Reception));
        }
        items.push(item(AttendanceCheck));
        items.push(item(FlagSalute));
        if !prep {
            items.push(item(WorkingBodies));
            items.push(item(Rules));
        }
        items.push(item(Opening));
        items.push(item(Credentials));
        for i in 0..p.reports.len() {
            items.push(AgendaItem::new(Report, Some(i)));
        }
        if !p.discussion.is_empty() {
            items.push(item(Discussion));
        }
        if !p.superior_remarks.is_empty() {
            items.push(item(SuperiorRemarks));
        }
        for i in 0..self.elections.len() {
            items.push(AgendaItem::new(Election, Some(i)));
        }
        items.push(item(Resolution));
        items.push(item(Closing));
        out.push(AgendaSession {
            session: SessionKind::Official,
            items,
        });
        out
    }
}

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
    // The one number "được triệu tập" is also the base of every election.
    for (i, e) in congress.elections.iter().enumerate() {
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

fn hand_vote(v: &mut Validator, field: &str, vote: &HandVote, a: &Attendance) {
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
    // Every election and report appears exactly once.
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
            if n != 1 {
                v.problem(
                    "agenda",
                    format!("{what}[{x}] appears {n} times in the agenda; it must appear once"),
                );
            }
        }
    }
}
