//! The script's view: every name resolved, every figure computed, every key present (`null` or
//! `false` where it does not apply), so strict mode never trips on a missing one. Who speaks is
//! a [`Role`]: the template says it in words.

use serde::Serialize;

use crate::congress::{Attendance, HandVote};
use crate::document::nominations::NominationsView;
use crate::document::parts::{Header, Person};
use crate::document::results::OfficeResult;
use crate::vi::{Date, Time};

/// Who speaks, as the template names them ("Người dẫn chương trình (đồng chí …)").
#[derive(Debug, Clone, PartialEq, Default, Serialize)]
pub(super) struct Role {
    /// Which part they play.
    pub kind: RoleKind,
    /// Their full name (empty for a body).
    pub name: String,
    /// The agenda's own words for who does the item, replacing the standard ones.
    pub custom: Option<String>,
}

/// The parts people play in the script.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
#[serde(rename_all = "snake_case")]
pub(super) enum RoleKind {
    /// Người dẫn chương trình.
    #[default]
    Host,
    /// A member of the Đoàn Chủ tịch.
    Presidium,
    /// The Đoàn Chủ tịch as a body.
    PresidiumBody,
    /// Chủ tịch Đại hội (one person chairs).
    Chair,
    /// A member of the Đoàn Thư ký.
    Secretariat,
    /// Thư ký Đại hội (one clerk).
    Clerk,
    /// Trưởng Ban Thẩm tra tư cách đại biểu.
    CredentialsHead,
    /// Trưởng Ban kiểm phiếu.
    CountingHead,
    /// Triệu tập viên — who convenes and opens the new committee's first session.
    Convener,
    /// Chủ tịch Hội nghị — the one chair the first session elects.
    SessionChair,
    /// The head of the first session's Đoàn Chủ tịch.
    SessionPresidium,
    /// Anyone else, by name.
    Comrade,
}

impl Role {
    /// `name` playing `kind`.
    pub fn new(kind: RoleKind, name: String) -> Role {
        Role {
            kind,
            name,
            custom: None,
        }
    }
}

#[derive(Debug, Serialize)]
pub(super) struct View {
    pub header: Header,
    pub congress: String,
    /// "đại biểu" / "đảng viên".
    pub audience: &'static str,
    /// "đại biểu chính thức" / "đảng viên chính thức".
    pub voters: &'static str,
    pub is_delegates: bool,
    /// "Chi bộ" / "Đảng bộ".
    pub unit: &'static str,
    /// One chair rather than a presidium (a small cell).
    pub single_chair: bool,
    /// What the rules vote adopts (the same words as the programme and the minutes).
    pub rules_adopted: &'static str,
    /// The organisation: "Đảng bộ phường Bạch Mai".
    pub org: String,
    /// The committee's office: "Ban Chấp hành" / "Chi uỷ".
    pub committee_label: String,
    /// The outgoing committee's khoá ("XXIII"), when the congress's ordinal is known.
    pub outgoing_khoa: Option<String>,
    /// The numbers the script cites: the resolution's ("09-NQ/ĐH"), the credentials report's.
    pub resolution_number: Option<String>,
    /// The Đề án nhân sự the script presents and cites: "01-ĐA/ĐU".
    pub proposal_number: Option<String>,
    /// The guests the opening greets, by name. At the root, not in the opening's step: the
    /// step is a partial's context, and handlebars copies that context, and every value looked
    /// up in it — ten thousand guests were 25 MB of copies.
    pub guests: Vec<Person>,
    pub sessions: Vec<SessionView>,
}

#[derive(Debug, Serialize)]
pub(super) struct SessionView {
    /// "PHIÊN TRÙ BỊ" — empty when the congress has one session.
    pub label: String,
    /// "Sáng" / "Chiều" / "Tối", from the start time.
    pub part: &'static str,
    pub date: Date,
    pub steps: Vec<StepView>,
}

#[derive(Debug, Serialize, Default)]
pub(super) struct StepView {
    pub no: usize,
    pub time: Option<Time>,
    /// The step starts a new part of the day in the session ("Chiều" after a morning start).
    pub new_part: Option<&'static str>,
    /// The agenda's wording replacing the default heading.
    pub content: Option<String>,
    /// Who speaks first.
    pub role: Role,
    pub reception: Option<ReceptionView>,
    pub attendance_check: Option<AttendanceCheckView>,
    pub flag_salute: bool,
    pub working_bodies: Option<WorkingBodiesView>,
    pub rules: Option<VoteView>,
    pub opening: Option<OpeningView>,
    pub credentials: Option<CredentialsView>,
    pub report: Option<ReportView>,
    pub discussion: Option<DiscussionView>,
    pub superior_remarks: Option<DiscussionView>,
    pub election: Option<ElectionView>,
    pub first_session: Option<FirstSessionView>,
    pub presentation: Option<PresentationView>,
    pub pause: Option<BreakView>,
    pub lunch: Option<LunchView>,
    pub resolution: Option<ResolutionView>,
    pub closing: bool,
    pub other: bool,
}

/// Kiểm tra quân số: the figures, when this is the one step that reads them.
#[derive(Debug, Serialize)]
pub(super) struct AttendanceCheckView {
    pub attendance: Option<AttendanceView>,
}

/// Nghỉ giải lao: how long, when the next item's time says.
#[derive(Debug, Serialize)]
pub(super) struct BreakView {
    pub minutes: Option<u32>,
}

/// Nghỉ trưa: when to be back, when the next item's time says.
#[derive(Debug, Serialize)]
pub(super) struct LunchView {
    pub back: Option<Time>,
}

/// The new committee's first session, as the congress's script runs it.
#[derive(Debug, Serialize)]
pub(super) struct FirstSessionView {
    /// "Ban Chấp hành Đảng bộ phường Bạch Mai, nhiệm kỳ 2020 – 2025".
    pub committee: String,
    /// "Ban Chấp hành" / "Chi uỷ".
    pub label: String,
    /// Triệu tập viên: opens the session and has it elect its chair.
    pub convener: Person,
    pub convener_role: Role,
    /// The convener is also the chair elected: no change of speaker.
    pub convener_runs: bool,
    /// The chair or presidium the session elects, the head first.
    pub presidium: Vec<Person>,
    pub presidium_size: usize,
    /// One chair (Chủ tịch Hội nghị), not a presidium.
    pub single_chair: bool,
    /// The show of hands electing the presidium and the clerk, when recorded.
    pub presidium_vote: Option<VoteView>,
    /// Who runs the elections and closes the session: the head of the presidium.
    pub chair_role: Role,
    pub clerk: Person,
    pub start: Time,
    pub end: Time,
    pub attendance: AttendanceView,
    /// What it elects: "Ban Thường vụ, Bí thư, Phó Bí thư …".
    pub offices: Vec<String>,
    pub elections: Vec<ElectionView>,
}

/// The new committee presents itself (ra mắt) and the first session's result is announced.
#[derive(Debug, Serialize)]
pub(super) struct PresentationView {
    /// "Ban Chấp hành Đảng bộ phường Bạch Mai, nhiệm kỳ 2020 – 2025".
    pub committee: String,
    pub label: String,
    /// Its members, most votes first.
    pub members: Vec<String>,
    pub size: usize,
    /// Who reports the first session's result (its chair).
    pub reporter: Person,
    pub reporter_role: Role,
    /// The one who runs the step also reports (the congress's chair chaired the session).
    pub reporter_runs: bool,
    /// What the first session elected.
    pub results: Vec<OfficeResult>,
    /// The secretary, who speaks for the new committee.
    pub secretary: Option<Person>,
    pub secretary_role: Option<Role>,
    /// The one who runs the step is the secretary.
    pub secretary_runs: bool,
}

#[derive(Debug, Serialize)]
pub(super) struct ReceptionView {
    pub health_measures: Vec<String>,
    pub has_health_measures: bool,
}

#[derive(Debug, Serialize)]
pub(super) struct AbsenceView {
    pub number: u32,
    pub reason: String,
}

#[derive(Debug, Serialize)]
pub(super) struct MembershipView {
    pub total: u32,
    pub exempt: u32,
    pub full: u32,
    pub probationary: u32,
}

#[derive(Debug, Serialize)]
pub(super) struct AttendanceView {
    pub convened: u32,
    pub present: u32,
    pub absent: u32,
    pub absences: Vec<AbsenceView>,
    pub membership: Option<MembershipView>,
    /// The whole convened body is present.
    pub all_present: bool,
    /// Probationary members present, who do not vote (the partial `non-voting`).
    pub probationary_present: u32,
}

impl AttendanceView {
    pub fn new(a: &Attendance) -> Self {
        AttendanceView {
            probationary_present: a.probationary_present(),
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

#[derive(Debug, Serialize)]
pub(super) struct VoteView {
    pub agree: u32,
    pub against: u32,
    pub voters: u32,
    /// Neither for nor against.
    pub abstained: u32,
    /// "100,00%" or "98,31%": the one formatter of SPEC §6.6, as the minutes print it.
    pub percent: String,
    pub unanimous: bool,
    /// More than half of those present agreed.
    pub passed: bool,
    /// Who voted: "đồng chí", or "đảng viên chính thức có mặt" beside probationary members.
    pub who: &'static str,
}

impl VoteView {
    pub fn new(v: &HandVote, a: &Attendance) -> Self {
        let voters = v.voters(a);
        let percent = v.percent(a).map(|p| p.to_string()).unwrap_or_default();
        VoteView {
            who: crate::document::parts::voting(a, "đồng chí"),
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

#[derive(Debug, Serialize)]
pub(super) struct WorkingBodiesView {
    pub presidium: Vec<Person>,
    pub presidium_size: usize,
    pub secretariat: Vec<Person>,
    pub secretariat_size: usize,
    pub credentials: Vec<Person>,
    pub credentials_size: usize,
    pub has_credentials: bool,
    pub vote: VoteView,
    /// Who runs the congress from here on: the presidium's head.
    pub chair: Person,
}

#[derive(Debug, Serialize)]
pub(super) struct OpeningView {
    /// Whether there are guests to greet ([`View::guests`]).
    pub has_guests: bool,
    /// The figures, when no later step reads them.
    pub attendance: Option<AttendanceView>,
}

#[derive(Debug, Serialize)]
pub(super) struct CredentialsView {
    /// Who reports (the head of the credentials committee, or the convening chi uỷ's bí thư).
    pub reporter: Person,
    /// Whom a members' congress hears it from: "Chi uỷ" (a cell without one: "Chi bộ").
    pub body: &'static str,
    pub reporter_role: Role,
    /// The one who runs the step also reports (a cell's chair).
    pub reporter_runs: bool,
    pub attendance: AttendanceView,
    /// The show of hands adopting the report, when recorded.
    pub vote: Option<VoteView>,
    /// The report's number: "04-BC/ĐH".
    pub number: Option<String>,
}

#[derive(Debug, Serialize)]
pub(super) struct ReportView {
    pub title: String,
    pub presenter: Person,
    /// The one who runs the step presents the report (a congress chaired by the presenter
    /// alone): they present it in the first person, with no invitation and no thanks.
    pub presenter_runs: bool,
}

#[derive(Debug, Serialize)]
pub(super) struct SpeakerView {
    pub name: String,
    pub title: String,
    pub summary: String,
    /// The next speaker, who is asked to get ready.
    pub next: Option<String>,
}

#[derive(Debug, Serialize)]
pub(super) struct DiscussionView {
    pub speakers: Vec<SpeakerView>,
    pub has_speakers: bool,
}

#[derive(Debug, Serialize)]
pub(super) struct ResolutionView {
    pub reader: Person,
    pub reader_role: Role,
    /// The reader is of the secretariat (reads "thay mặt Đoàn Thư ký").
    pub reader_is_clerk: bool,
    pub vote: VoteView,
}

#[derive(Debug, Serialize)]
pub(super) struct MemberView {
    pub name: String,
    pub role: String,
}

#[derive(Debug, Serialize)]
pub(super) struct ResultView {
    pub name: String,
    pub votes: u32,
    pub percent: String,
}

#[derive(Debug, Serialize)]
pub(super) struct TieView {
    pub names: Vec<String>,
    pub votes: u32,
    pub percent: String,
    pub seats_left: u32,
}

#[derive(Debug, Serialize)]
pub(super) struct RoundView {
    pub office: String,
    /// "Đại hội" / "Hội nghị".
    pub meeting: &'static str,
    /// Who votes: "đại biểu chính thức", "uỷ viên Ban Chấp hành".
    pub voters: String,
    /// The show of hands adopting this round's list, when recorded.
    pub list_vote: Option<VoteView>,
    /// One person elected in this round.
    pub single_winner: bool,
    pub chair_role: Role,
    pub counting_role: Role,
    pub round: u32,
    pub round_words: String,
    pub later: bool,
    pub seats: u32,
    pub candidates: Vec<String>,
    pub candidates_total: usize,
    pub surplus: u32,
    pub has_surplus: bool,
    /// No surplus: the ballot has "Đồng ý / Không đồng ý" columns.
    pub agree_columns: bool,
    /// The opinion vote on nominees before the first round (round2025), if held.
    pub nominations: Option<NominationsView>,
    /// Names the meeting added to the list, names withdrawn (the partial `list-changes`).
    pub changes: crate::document::nominations::ListChanges,
    /// "02-BB/ĐH".
    pub minutes: String,
    pub convened: u32,
    pub present: u32,
    pub issued: u32,
    pub returned: u32,
    pub valid: u32,
    pub invalid_total: u32,
    pub invalid: Vec<AbsenceView>,
    pub denominator: u32,
    /// Who is left out of the base, and how many (the partial `base-exclusions`).
    pub exclusions: Vec<crate::document::parts::ExclusionLine>,
    pub votes_needed: u32,
    pub elected: Vec<ResultView>,
    /// The others, most votes first (their results are read too).
    pub not_elected: Vec<ResultView>,
    pub elected_total: usize,
    pub has_elected: bool,
    pub tie: Option<TieView>,
    /// Seats no one filled (not more than half).
    pub shortfall: u32,
    /// The round left seats to fill (a tie or a shortfall).
    pub unfinished: bool,
    /// A further round is recorded.
    pub has_next: bool,
    /// The third round without a bí thư of a cell: the superior committee designates one, so
    /// the congress is not asked to hold another round.
    pub designation_due: bool,
    pub next_round_words: String,
    pub next_seats: u32,
}

#[derive(Debug, Serialize)]
pub(super) struct ElectionView {
    pub office: String,
    /// "Đại hội" / "Hội nghị".
    pub meeting: &'static str,
    /// Who votes.
    pub voters: String,
    /// Held by the new committee at its first session.
    pub by_new_committee: bool,
    /// Who runs it speaks for themselves (one chair, or the first session's chair), not for a
    /// presidium.
    pub alone: bool,
    /// The number is voted (a body of several members, elected by the congress or the
    /// committee); not for an office of one, nor for delegates.
    pub seats_voted: bool,
    /// The show of hands on the number, when recorded.
    pub seats_vote: Option<VoteView>,
    pub is_delegates: bool,
    pub is_committee: bool,
    /// Who runs the election (a presidium member).
    pub chair_role: Role,
    /// Trưởng Ban kiểm phiếu, who reads the rules and announces the results.
    pub counting_role: Role,
    pub counting_head: String,
    pub committee: Vec<MemberView>,
    pub committee_size: usize,
    /// The same committee counted the previous election: it is not elected again.
    pub same_committee: bool,
    /// The show of hands electing the committee, when recorded.
    pub committee_vote: Option<VoteView>,
    pub seats: u32,
    pub rounds: Vec<RoundView>,
    /// Elected over all rounds, and whether that fills the seats.
    pub elected_total: usize,
    pub complete: bool,
    /// The bí thư the superior committee designated after three rounds without one.
    pub designated: Option<crate::document::results::DesignatedLine>,
}
