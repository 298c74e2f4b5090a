//! The personnel procedure (quy trình nhân sự, SPEC §5) and the candidate summary list (danh
//! sách trích ngang, §4.9): the data the congress keeps, and the six papers made from it.
//!
//! Every count lives once, in a step's [`StepInput`]; a person's year of birth and position live
//! once, in their [`CandidateProfile`], matched to the voted names. Results are never stored:
//! each paper that prints one computes it while it is serialized for its template, with
//! [`evaluate_step`] or [`summarize`], so no paper can disagree with the arithmetic. Nothing here
//! decides a disagreement between the standing and the executive committee; it is flagged.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize, Serializer};

use super::common::{DocNumber, Header, Signature, Validator};
use super::congress::{name as check_name, Congress, Reference, Signer};
use super::numbering::Slot;
use super::{safe_file_stem, DocMeta, Document, DocumentKind};
use crate::error::{Diagnostic, Error, ErrorKind, Result};
use crate::rules::{
    evaluate_step, summarize, Absence, Base, InvalidBallots, Percent, PersonnelProcedure, Step,
    StepInput, Track,
};
use crate::vi::{name_key, CollationKey, Date, PersonName, Time};

// ---------------------------------------------------------------------------------------------
// Data kept in the congress
// ---------------------------------------------------------------------------------------------

/// Giới tính — gender, as the candidate list prints it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Gender {
    /// Nam.
    Male,
    /// Nữ.
    Female,
}

impl Gender {
    /// "Nam" / "Nữ".
    pub fn label(self) -> &'static str {
        match self {
            Gender::Male => "Nam",
            Gender::Female => "Nữ",
        }
    }
}

/// Trình độ — education, in the three parts the candidate list prints.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Education {
    /// Giáo dục phổ thông, e.g. "12/12".
    pub general: String,
    /// Chuyên môn, nghiệp vụ, e.g. "Cử nhân Luật".
    pub professional: String,
    /// Lý luận chính trị, e.g. "Cao cấp", "Trung cấp".
    pub political_theory: String,
}

/// One person of the danh sách trích ngang (candidate summary list): everyone considered for
/// the new executive committee. The introduction ballot takes the year of birth and the
/// position from here, matching the voted name.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CandidateProfile {
    /// Họ và tên, in its parts; matched to the names of the personnel steps.
    pub name: PersonName,
    /// Nam / Nữ.
    pub gender: Gender,
    /// Ngày sinh.
    pub birth_date: Date,
    /// Quê quán, e.g. "Xã Hải Anh, huyện Hải Hậu, tỉnh Nam Định".
    pub home_town: String,
    /// Dân tộc, e.g. "Kinh".
    pub ethnicity: String,
    /// Ngày vào Đảng.
    pub joined_party: Date,
    /// Ngày chính thức — the day the person became a full member.
    pub full_member: Date,
    /// Trình độ.
    pub education: Education,
    /// Chức vụ hiện nay, e.g. "Bí thư Đảng uỷ phường".
    pub position: String,
    /// Cấp uỷ hiện tại, e.g. "Uỷ viên Ban Thường vụ"; empty for none.
    #[serde(default)]
    pub committee: String,
    /// Dự kiến — proposed for re-election (tái cử) or for the first time (mới).
    pub proposed: Track,
    /// Ghi chú.
    #[serde(default)]
    pub note: String,
}

/// Someone with a role at a conference: "đồng chí Lê Thành Vinh, Bí thư Đảng uỷ phường".
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Participant {
    /// The person.
    pub name: PersonName,
    /// Their position, e.g. "Bí thư Đảng uỷ phường"; may be empty.
    #[serde(default)]
    pub title: String,
}

/// Tổ kiểm phiếu — the vote-counting team of one conference.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CountingTeam {
    /// Tổ trưởng — the head, who signs the tally minutes.
    pub head: PersonName,
    /// Thành viên — the other members.
    #[serde(default)]
    pub members: Vec<PersonName>,
}

/// The number and date of a paper issued before a conference (its giấy triệu tập).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SummonsIssue {
    /// The number in the committee's term (type TB); `None` leaves it to be written by hand.
    #[serde(default)]
    pub number: Option<u32>,
    /// The date of issue.
    pub date: Date,
}

/// One step of one track: the counts the rules evaluate, and what the papers of the step say.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StepRecord {
    /// The counts: step, convened, present, absences, ballots, and the people voted on (the
    /// step's list: its ballot prints exactly these names).
    pub counts: StepInput,
    /// The day of the conference.
    pub date: Date,
    /// Opening time.
    pub start: Time,
    /// Closing time.
    pub end: Time,
    /// Where.
    pub venue: String,
    /// Chủ trì — who presides.
    pub chair: Participant,
    /// Thư ký — who keeps the minutes.
    pub clerk: Participant,
    /// Thành phần — who is summoned, as the giấy triệu tập says it, e.g. "Các đồng chí uỷ viên
    /// Ban Chấp hành Đảng bộ phường; bí thư các chi bộ trực thuộc; …" (no final period).
    #[serde(default)]
    pub composition: String,
    /// Tổ kiểm phiếu.
    pub counting: CountingTeam,
    /// "Giới thiệu không quá … đồng chí" — the most people one ballot may agree to.
    pub seats: u32,
    /// The giấy triệu tập of the conference, if one is issued (steps 2, 3 and 5).
    #[serde(default)]
    pub summons: Option<SummonsIssue>,
    /// Number of the biên bản kiểm phiếu (type BB) in the committee's term; `None` leaves it
    /// blank.
    #[serde(default)]
    pub tally_number: Option<u32>,
    /// When the tally minutes were closed ("Biên bản lập xong hồi …").
    #[serde(default)]
    pub tally_closed_at: Option<Time>,
    /// Number of the biên bản hội nghị (type BB); `None` leaves it blank.
    #[serde(default)]
    pub minutes_number: Option<u32>,
    /// What was done before the ballot, one item per entry, as the minutes print them
    /// ("Đồng chí Bí thư quán triệt …").
    #[serde(default)]
    pub proceedings: Vec<String>,
}

/// One track (tái cử or lần đầu) with the steps held so far.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TrackRecord {
    /// Tái cử or lần đầu.
    pub track: Track,
    /// The steps held, each at most once.
    pub steps: Vec<StepRecord>,
}

impl TrackRecord {
    /// The rules' view of the track: its counts.
    pub fn procedure(&self) -> PersonnelProcedure {
        PersonnelProcedure {
            track: self.track,
            steps: self.steps.iter().map(|s| s.counts.clone()).collect(),
        }
    }
}

/// Hội nghị cán bộ chủ chốt — the conference of key officials (step 2).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct KeyOfficials {
    /// Its name, e.g. "Hội nghị cán bộ chủ chốt phường Bạch Mai".
    pub name: String,
    /// How many people the roster has; step 2 of each track must convene exactly them.
    pub roster: u32,
}

/// Quy trình nhân sự — the five-step personnel procedure of the congress (SPEC §5).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PersonnelRecord {
    /// The committee that runs it (steps 1 and 4, the papers' signer), e.g. "Ban Thường vụ Đảng
    /// uỷ phường Bạch Mai". The executive committee (steps 3 and 5) is
    /// `organisation.executive`.
    pub standing_committee: String,
    /// Who signs for it. Default: the congress's signer as "T/M BAN THƯỜNG VỤ".
    #[serde(default)]
    pub signer: Option<Signer>,
    /// Số lượng — the seats of the new executive committee (đề án nhân sự).
    pub seats: u32,
    /// Documents the summons cite ("Căn cứ Chỉ thị số 35-CT/TW …"), before the congress's own
    /// `bases`.
    #[serde(default)]
    pub bases: Vec<Reference>,
    /// The conference of key officials.
    pub key_officials: KeyOfficials,
    /// The tracks, each at most once: tái cử first, then lần đầu.
    pub tracks: Vec<TrackRecord>,
}

impl PersonnelRecord {
    /// The track, if recorded.
    pub fn track(&self, track: Track) -> Option<&TrackRecord> {
        self.tracks.iter().find(|t| t.track == track)
    }

    /// The signature block of the standing committee's papers.
    pub fn signature(&self, congress: &Congress) -> Signature {
        match &self.signer {
            Some(s) => s.signature(),
            None => Signature {
                authority: "T/M BAN THƯỜNG VỤ".to_string(),
                title: congress.signer.title.clone(),
                name: congress.signer.name.full(),
            },
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Shared wording
// ---------------------------------------------------------------------------------------------

/// The executive committee: `organisation.executive`, else the committee.
fn executive(congress: &Congress) -> &str {
    congress
        .organisation
        .executive
        .as_deref()
        .unwrap_or(&congress.organisation.committee)
}

/// "Ban Chấp hành Đảng bộ phường Bạch Mai nhiệm kỳ 2020 – 2025": what the people are introduced
/// to.
fn target(congress: &Congress) -> String {
    format!("{} {}", executive(congress), congress.term_text())
}

/// "giới thiệu nhân sự tái cử tham gia Ban Chấp hành … nhiệm kỳ 2020 – 2025".
fn purpose(congress: &Congress, track: Track) -> String {
    format!(
        "giới thiệu nhân sự {} tham gia {}",
        track.label(),
        target(congress)
    )
}

/// "(lần 1)" / "(lần 2)".
fn round_of(step: Step) -> &'static str {
    match step {
        Step::StandingCommitteeFirst | Step::ExecutiveCommitteeFirst | Step::KeyOfficials => {
            "(lần 1)"
        }
        Step::StandingCommitteeSecond | Step::ExecutiveCommitteeSecond => "(lần 2)",
    }
}

/// The conference's full name: "Hội nghị Ban Thường vụ Đảng uỷ phường Bạch Mai (lần 1)",
/// "Hội nghị cán bộ chủ chốt phường Bạch Mai", "Hội nghị Ban Chấp hành … (lần 1)".
fn conference_name(record: &PersonnelRecord, congress: &Congress, step: Step) -> String {
    match step {
        Step::KeyOfficials => record.key_officials.name.clone(),
        Step::StandingCommitteeFirst | Step::StandingCommitteeSecond => {
            format!("Hội nghị {} {}", record.standing_committee, round_of(step))
        }
        Step::ExecutiveCommitteeFirst | Step::ExecutiveCommitteeSecond => {
            format!("Hội nghị {} {}", executive(congress), round_of(step))
        }
    }
}

/// The short name of the ballot's "(Dùng cho …)": "Hội nghị cán bộ chủ chốt",
/// "Hội nghị Ban Chấp hành (lần 1)".
fn conference_short_name(step: Step) -> String {
    let body = step.body();
    if body.starts_with("Hội nghị") {
        body.to_string()
    } else {
        format!("Hội nghị {body}")
    }
}

/// The collation key of a name: given name, family name, middle name (SPEC §7).
fn key_of(name: &PersonName) -> CollationKey {
    name_key(&name.ho, &name.dem, &name.ten)
}

/// The personnel record, or an error saying it is missing.
fn personnel_of(congress: &Congress) -> Result<&PersonnelRecord> {
    congress.personnel.as_ref().ok_or_else(|| {
        Error::new(
            ErrorKind::InvalidData,
            "the congress has no personnel procedure (`personnel`)",
        )
    })
}

/// Finds the track and step, or says what is missing.
fn locate(
    congress: &Congress,
    track: Track,
    step: Step,
) -> Result<(&PersonnelRecord, &StepRecord)> {
    let record = personnel_of(congress)?;
    let t = record.track(track).ok_or_else(|| {
        Error::new(
            ErrorKind::InvalidData,
            format!(
                "the personnel procedure has no {} track (`personnel.tracks`)",
                track.label()
            ),
        )
    })?;
    let s = t
        .steps
        .iter()
        .find(|s| s.counts.step == step)
        .ok_or_else(|| {
            Error::new(
                ErrorKind::InvalidData,
                format!(
                    "the {} track has no step {} ({})",
                    track.label(),
                    step.number(),
                    step.body()
                ),
            )
        })?;
    Ok((record, s))
}

/// Metadata with a file name that tells the step and track apart (ballots carry no number).
fn step_meta(kind: DocumentKind, header: &Header, title: String, subject: &str) -> DocMeta {
    let mut meta = DocMeta::new(kind, header, title, subject, None);
    let number = header
        .number
        .as_ref()
        .map(|n| n.symbol())
        .unwrap_or_default();
    meta.file_stem = safe_file_stem(&format!("{} {}", meta.title, number));
    meta
}

/// " — bước 2, tái cử".
fn step_suffix(step: Step, track: Track) -> String {
    format!(" — bước {}, {}", step.number(), track.label())
}

/// Runs the rules on one step's counts; their errors, with paths under `prefix`.
fn check_counts(v: &mut Validator, prefix: &str, counts: &StepInput) {
    if let Err(e) = evaluate_step(counts, &counts.effective_rule()) {
        report(v, prefix, &e);
    }
}

/// Records the diagnostics of a rules error under `prefix` (`counts`, `procedure`).
fn report(v: &mut Validator, prefix: &str, e: &Error) {
    if e.diagnostics().is_empty() {
        v.problem(prefix, e.message().to_string());
    }
    for d in e.diagnostics() {
        let path = if d.path.is_empty() {
            prefix.to_string()
        } else {
            format!("{prefix}.{}", d.path)
        };
        v.problem(&path, d.message.clone());
    }
}

// ---------------------------------------------------------------------------------------------
// Computed results (what the minutes print)
// ---------------------------------------------------------------------------------------------

/// One person's line of a step's result.
#[derive(Debug, Clone, Serialize)]
struct ResultLine {
    name: String,
    agree: u32,
    disagree: u32,
    pct: Percent,
    passed: bool,
}

/// A step's counts and result, as the counts partial and the result tables read them.
#[derive(Debug, Clone, Serialize)]
struct StepResult {
    convened: u32,
    present: u32,
    /// Convened − present.
    absent_total: u32,
    absent: Vec<Absence>,
    /// Absent without a reason given.
    absent_unexplained: u32,
    /// Present against convened.
    present_pct: Percent,
    /// The quorum as printed ("2/3"), if the rule has one.
    quorum: Option<String>,
    quorum_ok: bool,
    issued: u32,
    returned: u32,
    valid: u32,
    invalid_total: u64,
    invalid: Vec<InvalidBallots>,
    /// What "more than half" is counted against, in words.
    base: &'static str,
    binding: bool,
    /// Every person in ballot order (given-name collation).
    candidates: Vec<ResultLine>,
    /// Those who passed, by agree votes (most first; ties in ballot order).
    passed: Vec<ResultLine>,
    /// Those who did not pass, in ballot order.
    failed: Vec<ResultLine>,
}

/// Evaluates one step; `None` when its counts are inconsistent (validation reports why).
fn step_result(input: &StepInput) -> Option<StepResult> {
    let rule = input.effective_rule();
    let outcome = evaluate_step(input, &rule).ok()?;
    let mut candidates: Vec<(CollationKey, ResultLine)> = outcome
        .candidates
        .iter()
        .map(|c| {
            (
                key_of(&c.name),
                ResultLine {
                    name: c.name.full(),
                    agree: c.agree,
                    disagree: c.disagree,
                    pct: c.pct_of_convened,
                    passed: c.passed,
                },
            )
        })
        .collect();
    candidates.sort_by(|a, b| a.0.cmp(&b.0));
    let candidates: Vec<ResultLine> = candidates.into_iter().map(|(_, l)| l).collect();
    let mut passed: Vec<ResultLine> = candidates.iter().filter(|c| c.passed).cloned().collect();
    passed.sort_by_key(|c| std::cmp::Reverse(c.agree));
    let failed = candidates.iter().filter(|c| !c.passed).cloned().collect();
    let absent_total = input.convened.saturating_sub(input.present);
    let explained: u64 = input.absent.iter().map(|a| u64::from(a.count)).sum();
    Some(StepResult {
        convened: input.convened,
        present: input.present,
        absent_total,
        absent: input
            .absent
            .iter()
            .filter(|a| a.count > 0)
            .cloned()
            .collect(),
        absent_unexplained: u32::try_from(u64::from(absent_total).saturating_sub(explained))
            .unwrap_or(0),
        present_pct: Percent::of(input.present, input.convened).unwrap_or_default(),
        quorum: rule.quorum.map(|(n, d)| format!("{n}/{d}")),
        quorum_ok: outcome.quorum_ok,
        issued: input.ballots.issued,
        returned: input.ballots.returned,
        valid: input.ballots.valid,
        invalid_total: input.ballots.invalid_total(),
        invalid: input
            .ballots
            .invalid
            .iter()
            .filter(|i| i.count > 0)
            .cloned()
            .collect(),
        base: match rule.base {
            Base::Convened => "tổng số được triệu tập",
            Base::Present => "số đồng chí có mặt",
            Base::ValidBallots => "số phiếu hợp lệ",
        },
        binding: rule.binding,
        candidates,
        passed,
        failed,
    })
}

/// Serializes a document as its template context: the view `$view` of `self`. The engine
/// serializes documents directly, so `Serialize` and [`Document::context`] must give the same
/// value, computed results included.
macro_rules! serialize_as_view {
    ($ty:ty) => {
        impl Serialize for $ty {
            fn serialize<S: Serializer>(
                &self,
                serializer: S,
            ) -> std::result::Result<S::Ok, S::Error> {
                self.view().serialize(serializer)
            }
        }
    };
}

fn to_context<T: Serialize>(view: &T) -> Result<serde_json::Value> {
    serde_json::to_value(view).map_err(|e| {
        Error::new(
            ErrorKind::Json,
            format!("cannot serialise the document: {e}"),
        )
    })
}

// ---------------------------------------------------------------------------------------------
// Giấy triệu tập hội nghị
// ---------------------------------------------------------------------------------------------

/// Giấy triệu tập hội nghị — the standing committee summons a conference of the procedure.
///
/// Issued for steps 2 (key officials) and 3 and 5 (the executive committee), which convene
/// people outside the standing committee. Steps 1 and 4 are meetings of the standing committee
/// itself, called under its working rules: no summons is issued for them.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ConferenceSummons {
    /// Header block; number "Số 12-TB/ĐU".
    pub header: Header,
    /// "Căn cứ …" lines.
    #[serde(default)]
    pub bases: Vec<String>,
    /// Who summons: "Ban Thường vụ Đảng uỷ phường Bạch Mai".
    pub convener: String,
    /// The conference: "Hội nghị cán bộ chủ chốt phường Bạch Mai".
    pub conference: String,
    /// Why: "giới thiệu nhân sự tái cử tham gia Ban Chấp hành … (bước 2 của quy trình nhân sự)".
    pub purpose: String,
    /// The step (its agenda follows from it).
    pub step: Step,
    /// The day.
    pub date: Date,
    /// Opening time.
    pub start: Time,
    /// Where.
    pub venue: String,
    /// Thành phần (no final period).
    pub composition: String,
    /// How many are summoned.
    pub convened: u32,
    /// The closing line.
    pub closing: String,
    /// The signature block: T/M BAN THƯỜNG VỤ / BÍ THƯ.
    pub signature: Signature,
    /// "Nơi nhận" items.
    pub recipients: Vec<String>,
}

impl ConferenceSummons {
    /// The summons of `step` of `track`. Errors when the step is not recorded, has no
    /// `summons`, or is a meeting of the standing committee (steps 1 and 4).
    pub fn for_step(congress: &Congress, track: Track, step: Step) -> Result<ConferenceSummons> {
        if matches!(
            step,
            Step::StandingCommitteeFirst | Step::StandingCommitteeSecond
        ) {
            return Err(Error::new(
                ErrorKind::InvalidData,
                format!(
                    "step {} is a meeting of the standing committee, called under its working rules: no summons is issued",
                    step.number()
                ),
            ));
        }
        let (record, s) = locate(congress, track, step)?;
        let issue = s.summons.ok_or_else(|| {
            Error::new(
                ErrorKind::InvalidData,
                format!(
                    "step {} of the {} track has no `summons` (its date of issue)",
                    step.number(),
                    track.label()
                ),
            )
        })?;
        Ok(ConferenceSummons {
            header: congress.committee_header(
                congress.numbers().get(Slot::ConferenceSummons(track, step.number())).map(|n| {
                    DocNumber::new(
                        n,
                        DocumentKind::ConferenceSummons.type_code(),
                        &congress.organisation.committee_code,
                    )
                }),
                issue.date,
            ),
            // The procedure's own bases (Chỉ thị, hướng dẫn), then the congress's (plans).
            bases: record
                .bases
                .iter()
                .chain(&congress.bases)
                .map(|b| b.basis())
                .collect(),
            convener: record.standing_committee.clone(),
            conference: conference_name(record, congress, step),
            purpose: format!(
                "{} (bước {} của quy trình nhân sự)",
                purpose(congress, track),
                step.number()
            ),
            step,
            date: s.date,
            start: s.start,
            venue: s.venue.clone(),
            composition: s.composition.clone(),
            convened: s.counts.convened,
            closing: "Đề nghị các đồng chí có tên trong danh sách triệu tập bố trí công việc, đến dự hội nghị đầy đủ, đúng giờ./.".to_string(),
            signature: record.signature(congress),
            recipients: vec!["Các đồng chí được triệu tập".into(), "Lưu VP".into()],
        })
    }
}

impl Document for ConferenceSummons {
    fn kind(&self) -> DocumentKind {
        DocumentKind::ConferenceSummons
    }

    fn validate(&self) -> Vec<Diagnostic> {
        let mut v = Validator::new();
        v.header(&self.header);
        for (i, b) in self.bases.iter().enumerate() {
            v.text(&format!("bases[{i}]"), b);
        }
        v.text("convener", &self.convener);
        v.text("conference", &self.conference);
        v.text("purpose", &self.purpose);
        v.text("venue", &self.venue);
        v.text("composition", &self.composition);
        if self.convened == 0 {
            v.problem("convened", "a conference convenes at least 1 person");
        }
        if self.header.date > self.date {
            v.problem(
                "header.date",
                format!(
                    "the summons is dated {}, after the conference it calls ({})",
                    self.header.date, self.date
                ),
            );
        }
        v.text("closing", &self.closing);
        v.signature(&self.signature);
        recipients(&mut v, &self.recipients);
        v.finish()
    }

    fn meta(&self) -> DocMeta {
        let title = format!("Giấy triệu tập {}", self.conference);
        step_meta(self.kind(), &self.header, title, &self.purpose)
    }
}

fn recipients(v: &mut Validator, recipients: &[String]) {
    if recipients.is_empty() {
        v.problem(
            "recipients",
            "\"Nơi nhận\" needs at least one item (e.g. \"Lưu VP\")",
        );
    }
    for (i, r) in recipients.iter().enumerate() {
        v.text(&format!("recipients[{i}]"), r);
    }
}

// ---------------------------------------------------------------------------------------------
// Phiếu giới thiệu nhân sự
// ---------------------------------------------------------------------------------------------

/// One line of an introduction ballot.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BallotEntry {
    /// The person.
    pub name: PersonName,
    /// Năm sinh.
    pub birth_year: i32,
    /// Chức vụ hiện nay.
    pub position: String,
}

/// Phiếu giới thiệu nhân sự — the secret introduction ballot of one step: unsigned, stamped at
/// the upper left by the committee, names in given-name order ("theo vần A, B, C").
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct IntroductionBallot {
    /// The stamp corner: superior and issuing body (no number is printed; the date is the
    /// conference's, for the file's metadata only).
    pub header: Header,
    /// "Ban Chấp hành Đảng bộ phường Bạch Mai nhiệm kỳ 2020 – 2025".
    pub target: String,
    /// The step.
    pub step: Step,
    /// The track.
    pub track: Track,
    /// "Giới thiệu không quá … đồng chí".
    pub seats: u32,
    /// The people; printed in given-name order whatever the order here.
    pub people: Vec<BallotEntry>,
}

#[derive(Serialize)]
struct BallotView<'a> {
    header: &'a Header,
    target: &'a str,
    step: Step,
    track: Track,
    track_label: &'static str,
    conference: String,
    seats: u32,
    people: Vec<BallotLine<'a>>,
}

#[derive(Serialize)]
struct BallotLine<'a> {
    name: String,
    birth_year: i32,
    position: &'a str,
}

impl IntroductionBallot {
    /// The ballot of `step` of `track`: the step's voted names, each with the year of birth and
    /// position of its profile. Errors when the step is not recorded or a name has no profile.
    pub fn for_step(congress: &Congress, track: Track, step: Step) -> Result<IntroductionBallot> {
        let (_, s) = locate(congress, track, step)?;
        let mut people = Vec::with_capacity(s.counts.votes.len());
        let mut missing = Vec::new();
        for (i, vote) in s.counts.votes.iter().enumerate() {
            match profile_of(congress, &vote.name) {
                Some(p) => people.push(BallotEntry {
                    name: vote.name.clone(),
                    birth_year: p.birth_date.year,
                    position: p.position.clone(),
                }),
                None => missing.push(Diagnostic::new(
                    format!("votes[{i}].name"),
                    format!("{} has no profile in `candidates`", vote.name),
                )),
            }
        }
        if !missing.is_empty() {
            return Err(Error::invalid("introduction-ballot", missing));
        }
        Ok(IntroductionBallot {
            header: congress.committee_header(None, s.date),
            target: target(congress),
            step,
            track,
            seats: s.seats,
            people,
        })
    }

    fn view(&self) -> BallotView<'_> {
        let mut people: Vec<&BallotEntry> = self.people.iter().collect();
        people.sort_by_cached_key(|p| key_of(&p.name));
        BallotView {
            header: &self.header,
            target: &self.target,
            step: self.step,
            track: self.track,
            track_label: self.track.label(),
            conference: conference_short_name(self.step),
            seats: self.seats,
            people: people
                .into_iter()
                .map(|p| BallotLine {
                    name: p.name.full(),
                    birth_year: p.birth_year,
                    position: &p.position,
                })
                .collect(),
        }
    }
}

serialize_as_view!(IntroductionBallot);

impl Document for IntroductionBallot {
    fn kind(&self) -> DocumentKind {
        DocumentKind::IntroductionBallot
    }

    fn validate(&self) -> Vec<Diagnostic> {
        let mut v = Validator::new();
        v.header(&self.header);
        if self.header.number.is_some() {
            v.problem("header.number", "a ballot carries no number");
        }
        v.text("target", &self.target);
        if self.seats == 0 {
            v.problem("seats", "at least 1 person must be introduced");
        }
        if self.people.is_empty() {
            v.problem("people", "the ballot lists nobody");
        }
        for (i, p) in self.people.iter().enumerate() {
            v.at(&format!("people[{i}]"), |v| {
                v.at("name", |v| check_name(v, &p.name));
                v.text("position", &p.position);
                if !(1900..=2100).contains(&p.birth_year) {
                    v.problem(
                        "birth_year",
                        format!("{} is not a plausible year of birth", p.birth_year),
                    );
                }
            });
        }
        v.finish()
    }

    fn meta(&self) -> DocMeta {
        let title = format!(
            "Phiếu giới thiệu nhân sự{}",
            step_suffix(self.step, self.track)
        );
        step_meta(self.kind(), &self.header, title, &self.target)
    }

    fn context(&self) -> Result<serde_json::Value> {
        to_context(&self.view())
    }
}

// ---------------------------------------------------------------------------------------------
// Biên bản kiểm phiếu giới thiệu
// ---------------------------------------------------------------------------------------------

/// Biên bản kiểm phiếu giới thiệu — the tally minutes of one step's introduction ballot. The
/// result (quorum, percentages, passed) is computed from `counts` when the paper is rendered.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct IntroductionTallyMinutes {
    /// Header block; number "Số 07-BB/ĐU".
    pub header: Header,
    /// The conference: "Hội nghị cán bộ chủ chốt phường Bạch Mai".
    pub conference: String,
    /// "giới thiệu nhân sự tái cử tham gia Ban Chấp hành … nhiệm kỳ 2020 – 2025".
    pub purpose: String,
    /// The step.
    pub step: Step,
    /// The track.
    pub track: Track,
    /// The day of the count.
    pub date: Date,
    /// Where.
    pub venue: String,
    /// Tổ kiểm phiếu; the head signs.
    pub counting: CountingTeam,
    /// "Giới thiệu không quá … đồng chí".
    pub seats: u32,
    /// The counts.
    pub counts: StepInput,
    /// When the minutes were closed.
    #[serde(default)]
    pub closed_at: Option<Time>,
}

#[derive(Serialize)]
struct TallyView<'a> {
    header: &'a Header,
    summary: String,
    conference: &'a str,
    purpose: &'a str,
    step: Step,
    track_label: &'static str,
    date: Date,
    venue: &'a str,
    head: String,
    members: Vec<String>,
    seats: u32,
    closed_at: Option<Time>,
    result: Option<StepResult>,
    signature: Signature,
}

impl IntroductionTallyMinutes {
    /// The tally minutes of `step` of `track`.
    pub fn for_step(
        congress: &Congress,
        track: Track,
        step: Step,
    ) -> Result<IntroductionTallyMinutes> {
        let (record, s) = locate(congress, track, step)?;
        Ok(IntroductionTallyMinutes {
            header: congress.committee_header(
                congress
                    .numbers()
                    .get(Slot::IntroductionTallyMinutes(track, step.number()))
                    .map(|n| {
                        DocNumber::new(
                            n,
                            DocumentKind::IntroductionTallyMinutes.type_code(),
                            &congress.organisation.committee_code,
                        )
                    }),
                s.date,
            ),
            conference: conference_name(record, congress, step),
            purpose: purpose(congress, track),
            step,
            track,
            date: s.date,
            venue: s.venue.clone(),
            counting: s.counting.clone(),
            seats: s.seats,
            counts: s.counts.clone(),
            closed_at: s.tally_closed_at,
        })
    }

    fn view(&self) -> TallyView<'_> {
        TallyView {
            header: &self.header,
            summary: format!(
                "Giới thiệu nhân sự {} tại {} (bước {})",
                self.track.label(),
                self.conference,
                self.step.number()
            ),
            conference: &self.conference,
            purpose: &self.purpose,
            step: self.step,
            track_label: self.track.label(),
            date: self.date,
            venue: &self.venue,
            head: self.counting.head.full(),
            members: self.counting.members.iter().map(|m| m.full()).collect(),
            seats: self.seats,
            closed_at: self.closed_at,
            result: step_result(&self.counts),
            signature: Signature {
                authority: "T/M TỔ KIỂM PHIẾU".to_string(),
                title: "TỔ TRƯỞNG".to_string(),
                name: self.counting.head.full(),
            },
        }
    }
}

serialize_as_view!(IntroductionTallyMinutes);

impl Document for IntroductionTallyMinutes {
    fn kind(&self) -> DocumentKind {
        DocumentKind::IntroductionTallyMinutes
    }

    fn validate(&self) -> Vec<Diagnostic> {
        let mut v = Validator::new();
        v.header(&self.header);
        v.text("conference", &self.conference);
        v.text("purpose", &self.purpose);
        v.text("venue", &self.venue);
        counting_team(&mut v, &self.counting);
        if self.seats == 0 {
            v.problem("seats", "at least 1 person must be introduced");
        }
        if self.counts.step != self.step {
            v.problem(
                "counts.step",
                format!(
                    "the counts are of step {}, the minutes of step {}",
                    self.counts.step.number(),
                    self.step.number()
                ),
            );
        }
        check_counts(&mut v, "counts", &self.counts);
        v.finish()
    }

    fn meta(&self) -> DocMeta {
        let title = format!(
            "Biên bản kiểm phiếu giới thiệu{}",
            step_suffix(self.step, self.track)
        );
        step_meta(self.kind(), &self.header, title, &self.purpose)
    }

    fn context(&self) -> Result<serde_json::Value> {
        to_context(&self.view())
    }
}

fn counting_team(v: &mut Validator, team: &CountingTeam) {
    v.at("counting", |v| {
        v.at("head", |v| check_name(v, &team.head));
        for (i, m) in team.members.iter().enumerate() {
            v.at(&format!("members[{i}]"), |v| check_name(v, m));
        }
    });
}

// ---------------------------------------------------------------------------------------------
// Biên bản hội nghị
// ---------------------------------------------------------------------------------------------

/// Biên bản hội nghị — the minutes of one conference of the procedure: who, when, where,
/// attendance, what was done, and the result, citing the tally minutes. THƯ KÝ signs on the
/// left, CHỦ TRÌ on the right.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ConferenceMinutes {
    /// Header block; number "Số 08-BB/ĐU".
    pub header: Header,
    /// The conference: "Hội nghị cán bộ chủ chốt phường Bạch Mai".
    pub conference: String,
    /// "giới thiệu nhân sự tái cử tham gia Ban Chấp hành … nhiệm kỳ 2020 – 2025".
    pub purpose: String,
    /// The step.
    pub step: Step,
    /// The track.
    pub track: Track,
    /// The day.
    pub date: Date,
    /// Opening time.
    pub start: Time,
    /// Closing time.
    pub end: Time,
    /// Where.
    pub venue: String,
    /// Chủ trì.
    pub chair: Participant,
    /// Thư ký.
    pub clerk: Participant,
    /// Tổ kiểm phiếu.
    pub counting: CountingTeam,
    /// "Giới thiệu không quá … đồng chí".
    pub seats: u32,
    /// What was done before the ballot.
    #[serde(default)]
    pub proceedings: Vec<String>,
    /// The counts.
    pub counts: StepInput,
    /// The tally minutes cited, if numbered.
    #[serde(default)]
    pub tally_minutes: Option<DocNumber>,
}

#[derive(Serialize)]
struct MinutesView<'a> {
    header: &'a Header,
    conference: &'a str,
    purpose: &'a str,
    step: Step,
    track_label: &'static str,
    summary: String,
    date: Date,
    start: Time,
    end: Time,
    venue: &'a str,
    chair: ParticipantLine<'a>,
    clerk: ParticipantLine<'a>,
    counting: Vec<String>,
    seats: u32,
    proceedings: &'a [String],
    /// The item numbers of the counting team's and the ballot's paragraphs, after the
    /// proceedings.
    item_counting: usize,
    item_ballot: usize,
    /// The tally minutes' symbol, "07-BB/ĐU", if numbered.
    tally_minutes: Option<String>,
    result: Option<StepResult>,
    signature: Signature,
    co_signature: Signature,
}

#[derive(Serialize)]
struct ParticipantLine<'a> {
    name: String,
    title: &'a str,
}

impl<'a> From<&'a Participant> for ParticipantLine<'a> {
    fn from(p: &'a Participant) -> Self {
        ParticipantLine {
            name: p.name.full(),
            title: &p.title,
        }
    }
}

impl ConferenceMinutes {
    /// The minutes of `step` of `track`.
    pub fn for_step(congress: &Congress, track: Track, step: Step) -> Result<ConferenceMinutes> {
        let (record, s) = locate(congress, track, step)?;
        let code = &congress.organisation.committee_code;
        let bb = DocumentKind::ConferenceMinutes.type_code();
        let numbers = congress.numbers();
        Ok(ConferenceMinutes {
            header: congress.committee_header(
                numbers
                    .get(Slot::ConferenceMinutes(track, step.number()))
                    .map(|n| DocNumber::new(n, bb, code)),
                s.date,
            ),
            conference: conference_name(record, congress, step),
            purpose: purpose(congress, track),
            step,
            track,
            date: s.date,
            start: s.start,
            end: s.end,
            venue: s.venue.clone(),
            chair: s.chair.clone(),
            clerk: s.clerk.clone(),
            counting: s.counting.clone(),
            seats: s.seats,
            proceedings: s.proceedings.clone(),
            counts: s.counts.clone(),
            tally_minutes: numbers
                .get(Slot::IntroductionTallyMinutes(track, step.number()))
                .map(|n| DocNumber::new(n, bb, code)),
        })
    }

    fn view(&self) -> MinutesView<'_> {
        let mut counting = vec![format!("{} (Tổ trưởng)", self.counting.head.full())];
        counting.extend(self.counting.members.iter().map(|m| m.full()));
        MinutesView {
            header: &self.header,
            conference: &self.conference,
            purpose: &self.purpose,
            step: self.step,
            track_label: self.track.label(),
            summary: format!(
                "{} (bước {}, nhân sự {})",
                self.conference,
                self.step.number(),
                self.track.label()
            ),
            date: self.date,
            start: self.start,
            end: self.end,
            venue: &self.venue,
            chair: (&self.chair).into(),
            clerk: (&self.clerk).into(),
            counting,
            seats: self.seats,
            proceedings: &self.proceedings,
            item_counting: self.proceedings.len() + 1,
            item_ballot: self.proceedings.len() + 2,
            tally_minutes: self.tally_minutes.as_ref().map(DocNumber::symbol),
            result: step_result(&self.counts),
            signature: Signature {
                authority: "CHỦ TRÌ".to_string(),
                title: String::new(),
                name: self.chair.name.full(),
            },
            co_signature: Signature {
                authority: "THƯ KÝ".to_string(),
                title: String::new(),
                name: self.clerk.name.full(),
            },
        }
    }
}

serialize_as_view!(ConferenceMinutes);

impl Document for ConferenceMinutes {
    fn kind(&self) -> DocumentKind {
        DocumentKind::ConferenceMinutes
    }

    fn validate(&self) -> Vec<Diagnostic> {
        let mut v = Validator::new();
        v.header(&self.header);
        v.text("conference", &self.conference);
        v.text("purpose", &self.purpose);
        v.text("venue", &self.venue);
        if self.end <= self.start {
            v.problem(
                "end",
                format!("ends at {}, not after its start {}", self.end, self.start),
            );
        }
        v.at("chair", |v| participant(v, &self.chair));
        v.at("clerk", |v| participant(v, &self.clerk));
        counting_team(&mut v, &self.counting);
        if self.seats == 0 {
            v.problem("seats", "at least 1 person must be introduced");
        }
        for (i, p) in self.proceedings.iter().enumerate() {
            v.text(&format!("proceedings[{i}]"), p);
        }
        if self.counts.step != self.step {
            v.problem(
                "counts.step",
                format!(
                    "the counts are of step {}, the minutes of step {}",
                    self.counts.step.number(),
                    self.step.number()
                ),
            );
        }
        check_counts(&mut v, "counts", &self.counts);
        if let Some(n) = &self.tally_minutes {
            v.at("tally_minutes", |v| v.number(n));
        }
        v.finish()
    }

    fn meta(&self) -> DocMeta {
        let title = format!(
            "Biên bản {}{}",
            self.conference,
            step_suffix(self.step, self.track)
        );
        step_meta(self.kind(), &self.header, title, &self.purpose)
    }

    fn context(&self) -> Result<serde_json::Value> {
        to_context(&self.view())
    }
}

/// Checks a participant's name and title.
pub(crate) fn participant(v: &mut Validator, p: &Participant) {
    v.at("name", |v| check_name(v, &p.name));
    v.optional_text("title", &p.title);
}

// ---------------------------------------------------------------------------------------------
// Bảng tổng hợp kết quả giới thiệu qua các bước
// ---------------------------------------------------------------------------------------------

/// Bảng tổng hợp kết quả giới thiệu qua các bước — one track's results across its steps,
/// computed by [`summarize`] when the paper is rendered. A person whom the standing committee
/// (step 4) and the executive committee (step 5) judged differently is flagged "Ban Thường vụ
/// báo cáo cấp uỷ cấp trên"; the paper never decides it.
///
/// Fits A4 portrait: one column per step, whose head gives the convened and present (the same
/// for everyone voted on at that step) and whose cells give agree votes, percentage of the
/// convened and "Đạt"; 10 pt table text.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PersonnelSummary {
    /// Header block (no number: the table goes with the standing committee's papers).
    pub header: Header,
    /// "Ban Chấp hành Đảng bộ phường Bạch Mai nhiệm kỳ 2020 – 2025".
    pub target: String,
    /// The track's counts.
    pub procedure: PersonnelProcedure,
    /// T/M BAN THƯỜNG VỤ / BÍ THƯ.
    pub signature: Signature,
}

#[derive(Serialize)]
struct SummaryView<'a> {
    header: &'a Header,
    target: &'a str,
    summary: String,
    track_label: &'static str,
    /// `None` when the counts are inconsistent (validation reports why).
    table: Option<SummaryTable>,
    signature: &'a Signature,
}

#[derive(Serialize)]
struct SummaryTable {
    steps: Vec<SummaryStep>,
    /// The table's column widths ("5%,16%,…").
    columns: String,
    rows: Vec<SummaryLine>,
    disagreements: usize,
}

#[derive(Serialize)]
struct SummaryStep {
    number: u8,
    body: &'static str,
    convened: u32,
    present: u32,
    quorum_ok: bool,
}

#[derive(Serialize)]
struct SummaryLine {
    name: String,
    cells: Vec<Option<SummaryCellView>>,
    disagreement: bool,
}

#[derive(Serialize)]
struct SummaryCellView {
    agree: u32,
    pct: Percent,
    passed: bool,
    /// The step had a valid result (quorum met).
    valid: bool,
}

impl PersonnelSummary {
    /// The summary of `track`. Errors when the track is not recorded.
    pub fn for_track(congress: &Congress, track: Track) -> Result<PersonnelSummary> {
        let record = personnel_of(congress)?;
        let t = record.track(track).ok_or_else(|| {
            Error::new(
                ErrorKind::InvalidData,
                format!(
                    "the personnel procedure has no {} track (`personnel.tracks`)",
                    track.label()
                ),
            )
        })?;
        let date = t.steps.iter().map(|s| s.date).max().ok_or_else(|| {
            Error::new(
                ErrorKind::InvalidData,
                format!("the {} track has no steps yet", track.label()),
            )
        })?;
        Ok(PersonnelSummary {
            header: congress.committee_header(None, date),
            target: target(congress),
            procedure: t.procedure(),
            signature: record.signature(congress),
        })
    }

    fn view(&self) -> SummaryView<'_> {
        SummaryView {
            header: &self.header,
            target: &self.target,
            summary: format!(
                "Kết quả giới thiệu nhân sự {} tham gia {} qua các bước",
                self.procedure.track.label(),
                self.target
            ),
            track_label: self.procedure.track.label(),
            table: self.table(),
            signature: &self.signature,
        }
    }

    fn table(&self) -> Option<SummaryTable> {
        let summary = summarize(&self.procedure).ok()?;
        let steps: Vec<SummaryStep> = summary
            .steps
            .iter()
            .map(|s| SummaryStep {
                number: s.step.number(),
                body: s.step.body(),
                convened: s.convened,
                present: s.present,
                quorum_ok: s.quorum_ok,
            })
            .collect();
        let mut rows: Vec<(CollationKey, SummaryLine)> = summary
            .rows
            .iter()
            .map(|r| {
                let line = SummaryLine {
                    name: r.name.full(),
                    cells: r
                        .cells
                        .iter()
                        .zip(&summary.steps)
                        .map(|(c, s)| {
                            c.as_ref().map(|c| SummaryCellView {
                                agree: c.agree,
                                pct: c.pct_of_convened,
                                passed: c.passed,
                                valid: s.quorum_ok,
                            })
                        })
                        .collect(),
                    disagreement: r.standing_executive_disagreement,
                };
                (key_of(&r.name), line)
            })
            .collect();
        rows.sort_by(|a, b| a.0.cmp(&b.0));
        // TT, name and note take 35% of the width; the steps share the rest (13% each for
        // five steps: "45 (100,00%)" at 10 pt).
        let n = steps.len().max(1);
        let step_width = 65.0 / n as f32;
        let mut columns = String::from("5%,16%");
        for _ in 0..steps.len() {
            columns.push_str(&format!(",{step_width:.2}%"));
        }
        columns.push_str(if steps.is_empty() { ",79%" } else { ",14%" });
        Some(SummaryTable {
            disagreements: rows.iter().filter(|(_, r)| r.disagreement).count(),
            steps,
            columns,
            rows: rows.into_iter().map(|(_, r)| r).collect(),
        })
    }
}

serialize_as_view!(PersonnelSummary);

impl Document for PersonnelSummary {
    fn kind(&self) -> DocumentKind {
        DocumentKind::PersonnelSummary
    }

    fn validate(&self) -> Vec<Diagnostic> {
        let mut v = Validator::new();
        v.header(&self.header);
        v.text("target", &self.target);
        if self.procedure.steps.is_empty() {
            v.problem("procedure.steps", "the track has no steps yet");
        }
        if let Err(e) = summarize(&self.procedure) {
            report(&mut v, "procedure", &e);
        }
        v.signature(&self.signature);
        v.finish()
    }

    fn meta(&self) -> DocMeta {
        let title = format!(
            "Bảng tổng hợp kết quả giới thiệu — {}",
            self.procedure.track.label()
        );
        step_meta(self.kind(), &self.header, title, &self.target)
    }

    fn context(&self) -> Result<serde_json::Value> {
        to_context(&self.view())
    }
}

// ---------------------------------------------------------------------------------------------
// Danh sách trích ngang
// ---------------------------------------------------------------------------------------------

/// Danh sách trích ngang — the candidate summary list: one row per person, in given-name order.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CandidateList {
    /// Header block (no number: the list goes with the đề án nhân sự).
    pub header: Header,
    /// "Ban Chấp hành Đảng bộ phường Bạch Mai nhiệm kỳ 2020 – 2025".
    pub target: String,
    /// The people; printed in given-name order whatever the order here.
    pub candidates: Vec<CandidateProfile>,
    /// T/M BAN THƯỜNG VỤ / BÍ THƯ.
    pub signature: Signature,
}

#[derive(Serialize)]
struct CandidateListView<'a> {
    header: &'a Header,
    target: &'a str,
    summary: String,
    total: usize,
    re_election: usize,
    first_time: usize,
    rows: Vec<CandidateLine<'a>>,
    signature: &'a Signature,
}

#[derive(Serialize)]
struct CandidateLine<'a> {
    name: String,
    gender: &'static str,
    birth_date: Date,
    home_town: &'a str,
    ethnicity: &'a str,
    joined_party: Date,
    full_member: Date,
    education: &'a Education,
    position: &'a str,
    committee: &'a str,
    proposed: &'static str,
    note: &'a str,
}

impl CandidateList {
    /// The list of everyone: every profile of the congress, dated with the later track's first
    /// step (when the list became complete).
    pub fn for_congress(congress: &Congress) -> Result<CandidateList> {
        let record = personnel_of(congress)?;
        let date = record
            .tracks
            .iter()
            .filter_map(|t| t.steps.iter().map(|s| s.date).min())
            .max();
        CandidateList::build(congress, record, date, |_| true)
    }

    /// The list of one track (SPEC §5.2: it goes with step 1): the profiles proposed for
    /// `track`, dated with the track's first step.
    pub fn for_track(congress: &Congress, track: Track) -> Result<CandidateList> {
        let record = personnel_of(congress)?;
        let date = record
            .track(track)
            .and_then(|t| t.steps.iter().map(|s| s.date).min());
        CandidateList::build(congress, record, date, |p| p.proposed == track)
    }

    fn build(
        congress: &Congress,
        record: &PersonnelRecord,
        date: Option<Date>,
        keep: impl Fn(&CandidateProfile) -> bool,
    ) -> Result<CandidateList> {
        let candidates: Vec<CandidateProfile> = congress
            .candidates
            .iter()
            .filter(|p| keep(p))
            .cloned()
            .collect();
        if candidates.is_empty() {
            return Err(Error::new(
                ErrorKind::InvalidData,
                "there are no candidate profiles (`candidates`) for this list",
            ));
        }
        let date = date.ok_or_else(|| {
            Error::new(
                ErrorKind::InvalidData,
                "the personnel procedure has no step yet to date the list with",
            )
        })?;
        Ok(CandidateList {
            header: congress.committee_header(None, date),
            target: target(congress),
            candidates,
            signature: record.signature(congress),
        })
    }

    fn view(&self) -> CandidateListView<'_> {
        let mut rows: Vec<&CandidateProfile> = self.candidates.iter().collect();
        rows.sort_by_cached_key(|p| key_of(&p.name));
        let proposed = |t: Track| self.candidates.iter().filter(|p| p.proposed == t).count();
        CandidateListView {
            header: &self.header,
            target: &self.target,
            summary: format!("Nhân sự dự kiến giới thiệu tham gia {}", self.target),
            total: self.candidates.len(),
            re_election: proposed(Track::ReElection),
            first_time: proposed(Track::FirstTime),
            rows: rows
                .into_iter()
                .map(|p| CandidateLine {
                    name: p.name.full(),
                    gender: p.gender.label(),
                    birth_date: p.birth_date,
                    home_town: &p.home_town,
                    ethnicity: &p.ethnicity,
                    joined_party: p.joined_party,
                    full_member: p.full_member,
                    education: &p.education,
                    position: &p.position,
                    committee: &p.committee,
                    proposed: match p.proposed {
                        Track::ReElection => "Tái cử",
                        Track::FirstTime => "Mới",
                    },
                    note: &p.note,
                })
                .collect(),
            signature: &self.signature,
        }
    }
}

serialize_as_view!(CandidateList);

impl Document for CandidateList {
    fn kind(&self) -> DocumentKind {
        DocumentKind::CandidateList
    }

    fn validate(&self) -> Vec<Diagnostic> {
        let mut v = Validator::new();
        v.header(&self.header);
        v.text("target", &self.target);
        if self.candidates.is_empty() {
            v.problem("candidates", "the list has nobody");
        }
        profiles(&mut v, &self.candidates);
        v.signature(&self.signature);
        v.finish()
    }

    fn meta(&self) -> DocMeta {
        step_meta(
            self.kind(),
            &self.header,
            "Danh sách trích ngang".to_string(),
            &self.target,
        )
    }

    fn context(&self) -> Result<serde_json::Value> {
        to_context(&self.view())
    }
}

// ---------------------------------------------------------------------------------------------
// Validation of the congress's personnel data
// ---------------------------------------------------------------------------------------------

/// The profile of `name`, matched in collation (so "Thuỷ" finds "Thủy").
fn profile_of<'a>(congress: &'a Congress, name: &PersonName) -> Option<&'a CandidateProfile> {
    let key = key_of(name);
    congress.candidates.iter().find(|p| key_of(&p.name) == key)
}

/// Checks the profiles (`candidates[i]…`): names, texts, dates, one profile per name.
fn profiles(v: &mut Validator, candidates: &[CandidateProfile]) {
    let mut seen: BTreeMap<CollationKey, usize> = BTreeMap::new();
    for (i, p) in candidates.iter().enumerate() {
        v.at(&format!("candidates[{i}]"), |v| {
            v.at("name", |v| check_name(v, &p.name));
            if let Some(first) = seen.insert(key_of(&p.name), i) {
                seen.insert(key_of(&p.name), first);
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
    for (i, p) in congress.candidates.iter().enumerate() {
        let key = key_of(&p.name);
        let other = record.tracks.iter().enumerate().find(|(_, t)| {
            t.track != p.proposed
                && t.steps
                    .iter()
                    .any(|s| s.counts.votes.iter().any(|v| key_of(&v.name) == key))
        });
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
            v.at("name", |v| check_name(v, &s.name));
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
                    v.problem(&counts_path(&d.path), d.message.clone());
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
fn counts_path(path: &str) -> String {
    match path.strip_prefix("steps[").and_then(|r| r.split_once("].")) {
        Some((j, rest)) => format!("steps[{j}].counts.{rest}"),
        None => path.to_string(),
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
        v.at(&path, |v| check_name(v, &vote.name));
        if let Some(first) = on_step.insert(key_of(&vote.name), i) {
            on_step.insert(key_of(&vote.name), first);
            v.problem(
                &path,
                format!(
                    "{} is listed twice in this step (also votes[{first}])",
                    vote.name
                ),
            );
        }
        if profile_of(congress, &vote.name).is_none() {
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
