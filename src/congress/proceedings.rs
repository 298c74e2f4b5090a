//! Diễn biến đại hội — what happens at the congress itself: who runs it, who is there, what is
//! heard and voted. The programme, the presidium's script and the congress minutes are all made
//! from this one record (and from the elections), so they cannot tell different stories.

use serde::{Deserialize, Serialize};

use super::organisation::{Guest, SessionKind};
use super::personnel::Participant;
use crate::rules::Percent;
use crate::vi::{Date, PersonName, Time};

/// Who is there (SPEC §4.5, §4.8): the figures the script reads out and the minutes record.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
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
    /// Probationary members among those present (they neither vote nor stand). Default: all of
    /// the membership's probationary members.
    #[serde(default)]
    pub probationary_present: Option<u32>,
}

impl Attendance {
    /// Those present who vote: at a members' congress the full members present (probationary
    /// members neither vote nor stand); at a delegates' congress everyone present.
    pub fn voters(&self) -> u32 {
        let probationary = match (self.probationary_present, &self.membership) {
            (Some(n), _) => n,
            (None, Some(m)) => m.probationary,
            (None, None) => 0,
        };
        self.present.saturating_sub(probationary)
    }

    /// Probationary members present, who do not vote: `present − voters`.
    pub fn probationary_present(&self) -> u32 {
        self.present.saturating_sub(self.voters())
    }
}

/// Absent people of one reason: "02 đồng chí (ốm, có đơn xin vắng)".
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Absence {
    /// How many.
    pub count: u32,
    /// Lý do, as printed: "ốm đau, có đơn xin vắng mặt".
    pub reason: String,
    /// Who they are, when the credentials report names them (as many as `count`, each one of
    /// `convened`). Default: not named.
    #[serde(default)]
    pub names: Vec<PersonName>,
}

/// The membership of the organisation holding a members' congress.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
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
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
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
    /// When the vote was taken, if recorded ("18:12"); papers that give the hour of an adoption
    /// read it here, never from the agenda.
    #[serde(default)]
    pub at: Option<Time>,
}

impl HandVote {
    /// Who voted, given the attendance: `present`, or the voters of the attendance.
    pub fn voters(&self, attendance: &Attendance) -> u32 {
        self.present.unwrap_or_else(|| attendance.voters())
    }

    /// The share in favour of those present ("100,00%"); `None` when nobody voted.
    pub fn percent(&self, attendance: &Attendance) -> Option<Percent> {
        Percent::of(self.agree, self.voters(attendance))
    }
}

/// A report heard by the congress: "Báo cáo chính trị của Ban Chấp hành Đảng bộ phường khoá …".
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
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
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
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
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
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
    /// Nghỉ giải lao — a break (the script says how long, from the next item's time).
    Break,
    /// Nghỉ trưa — the lunch break between the morning and the afternoon (the script says when
    /// to be back, from the next item's time).
    Lunch,
    /// Đại biểu cấp trên phát biểu chỉ đạo.
    SuperiorRemarks,
    /// An election of `elections` (`index`), all its rounds.
    Election,
    /// Hội nghị lần thứ nhất — the new committee's first session, held during the congress: the
    /// elections of `elections` held by the new committee (`proceedings.first_session`).
    FirstSession,
    /// Ra mắt — the new committee presents itself to the congress, and the result of its first
    /// session is announced.
    Presentation,
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
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
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
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct AgendaSession {
    /// Which session (matched with `sessions` by kind, in order).
    pub session: SessionKind,
    /// Its items, in order.
    pub items: Vec<AgendaItem>,
}

/// Nghị quyết — the resolution adopted at the close: what it says of the past term and sets for
/// the new one, and its vote. The election results it records come from the tallies.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Resolution {
    /// Who reads the draft (default: the head of the secretariat).
    #[serde(default)]
    pub reader: Option<Participant>,
    /// The vote.
    pub vote: HandVote,
    /// Đánh giá nhiệm kỳ — what the congress says of the past term, one paragraph per item.
    #[serde(default)]
    pub assessment: Vec<String>,
    /// Mục tiêu tổng quát — the general objective of the new term, if stated.
    #[serde(default)]
    pub objective: Option<String>,
    /// Các chỉ tiêu chủ yếu — the targets of the new term, each with its figure, in order.
    #[serde(default)]
    pub targets: Vec<Target>,
    /// Nhiệm vụ, giải pháp chủ yếu — the main tasks of the new term, one per item.
    #[serde(default)]
    pub tasks: Vec<String>,
    /// Pins the resolution's number in the congress's sequence (NQ).
    #[serde(default)]
    pub number: Option<u32>,
}

/// Chỉ tiêu — one target of the new term: "Kết nạp đảng viên mới: từ 8 đến 10 đảng viên/năm".
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Target {
    /// The field it belongs to ("Kinh tế – xã hội", "Xây dựng Đảng"); consecutive targets of one
    /// area are printed under one heading. Empty: no heading.
    #[serde(default)]
    pub area: String,
    /// What is measured: "Thu ngân sách nhà nước trên địa bàn".
    pub indicator: String,
    /// Its figure, as printed: "tăng bình quân 10 – 12%/năm".
    pub figure: String,
}

/// The number of the convened in one category: "Nữ: 54".
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CategoryCount {
    /// The category, as printed: "Nữ", "Dưới 35 tuổi", "Dân tộc Kinh".
    pub label: String,
    /// How many of the convened.
    pub count: u32,
}

/// One breakdown of the convened (cơ cấu): by composition, sex, age, Party age, ethnicity …
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Breakdown {
    /// What it is by, as printed after "Về": "giới tính", "độ tuổi", "tuổi Đảng".
    pub by: String,
    /// The categories, in order.
    pub items: Vec<CategoryCount>,
    /// The categories count every convened person once, so they add up to the convened count
    /// (checked). `false` for a breakdown of some only ("Đại biểu là cán bộ chủ chốt"). Default
    /// `true`.
    #[serde(default = "complete_default")]
    pub complete: bool,
}

fn complete_default() -> bool {
    true
}

/// Someone present whom the credentials committee found not qualified, and why.
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NotQualified {
    /// The person.
    pub name: PersonName,
    /// Why, as printed.
    pub reason: String,
}

/// Báo cáo thẩm tra tư cách đại biểu (a members' congress: báo cáo tình hình đảng viên dự đại
/// hội): the convened by category, and the conclusion on those present. The attendance itself
/// is `proceedings.attendance`.
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Credentials {
    /// The breakdowns of the convened, in the order the report gives them.
    #[serde(default)]
    pub breakdowns: Vec<Breakdown>,
    /// Those present who are not qualified; empty when every one present is.
    #[serde(default)]
    pub not_qualified: Vec<NotQualified>,
    /// What the credentials committee found of the elections of the delegates at the congresses
    /// of the cells below (Quy định 29-QĐ/TW, mục 12.2 b), as printed. Default, at a delegates'
    /// congress: they kept to the principles and procedures of the Charter and the election rules.
    #[serde(default)]
    pub election_review: Option<String>,
    /// Complaints or denunciations about the delegates' credentials, as printed. Default, at a
    /// delegates' congress: none was received.
    #[serde(default)]
    pub complaints: Option<String>,
    /// The show of hands adopting the report.
    pub vote: HandVote,
    /// Pins the report's number in the congress's sequence (BC).
    #[serde(default)]
    pub number: Option<u32>,
}

/// The papers the new committee sends its superior after the congress: Báo cáo kết quả Đại hội
/// (BC) and Tờ trình đề nghị chuẩn y (TTr), in the new committee's sequences.
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ReportToSuperior {
    /// Their date (on or after the closing day).
    pub date: Date,
    /// Pins the report's number (BC).
    #[serde(default)]
    pub report_number: Option<u32>,
    /// Pins the request's number (TTr).
    #[serde(default)]
    pub request_number: Option<u32>,
}

/// Hội nghị lần thứ nhất — the first session of the committee the congress elected, held during
/// the congress. It is convened for every member elected; its elections are the entries of
/// `elections` with `"held_by": "new_committee"`.
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FirstSession {
    /// The day (a day of the congress).
    pub date: Date,
    /// When it opens.
    pub start: Time,
    /// When it closes.
    pub end: Time,
    /// Where, if not in the congress's venue.
    #[serde(default)]
    pub venue: Option<String>,
    /// Members of the new committee present.
    pub present: u32,
    /// The absent, by reason.
    #[serde(default)]
    pub absences: Vec<Absence>,
    /// Triệu tập viên — who convenes and opens it and presides until it has elected its chair
    /// (QĐ 29-QĐ/TW mục 15.1: the outgoing bí thư or phó bí thư re-elected, else a member the
    /// superior designates); a member of the new committee.
    pub chair: Participant,
    /// Chủ tịch hội nghị (one) or đoàn chủ tịch hội nghị (two or three), elected by show of
    /// hands before the session's elections (QĐ 29-QĐ/TW mục 15.1); the first presides from
    /// then on and signs the session's papers. Members of the new committee.
    #[serde(default)]
    pub presidium: Vec<Participant>,
    /// Thư ký hội nghị — who keeps its minutes, elected with the presidium.
    pub clerk: Participant,
    /// The show of hands that elected the presidium and the clerk.
    #[serde(default)]
    pub presidium_vote: Option<HandVote>,
    /// Pins the number of its minutes in the new committee's sequence (BB).
    #[serde(default)]
    pub minutes_number: Option<u32>,
}

impl FirstSession {
    /// Its attendance, given the number of members elected (all of them are convened).
    pub fn attendance(&self, convened: u32) -> Attendance {
        Attendance {
            convened,
            present: self.present,
            absences: self.absences.clone(),
            membership: None,
            probationary_present: None,
        }
    }
}

/// What happens at the congress: the working bodies, the attendance, the reports, the debate and
/// the votes. Elections are in `Congress::elections`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
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
    /// Báo cáo thẩm tra tư cách đại biểu — the credentials report and its vote.
    #[serde(default)]
    pub credentials: Option<Credentials>,
    /// The new committee's first session, if it is held during the congress.
    #[serde(default)]
    pub first_session: Option<FirstSession>,
    /// Pins the number of the Nội quy (QC) in the congress's sequence.
    #[serde(default)]
    pub standing_orders_number: Option<u32>,
    /// Pins the number of the Quy chế bầu cử (QC) in the congress's sequence.
    #[serde(default)]
    pub election_rules_number: Option<u32>,
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
