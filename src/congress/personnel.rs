//! The personnel procedure (quy trình nhân sự, SPEC §5) and the candidate profiles (danh sách
//! trích ngang, §4.9) as the record keeps them; their checks are `check_personnel`.
//!
//! Every count lives once, in a step's [`StepInput`]; a person's year of birth and position live
//! once, in their [`CandidateProfile`], matched to the voted names. Results are never stored:
//! the papers compute them with the rules. Nothing here decides a disagreement between the
//! standing and the executive committee; the summary flags it.

use serde::{Deserialize, Serialize};

use super::organisation::{Reference, Signer};
use crate::rules::{PersonnelProcedure, StepInput, Track};
use crate::vi::{Date, PersonName, Time};

/// Giới tính — gender, as the candidate list prints it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
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
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
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
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
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
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
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
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
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
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
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
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
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
    /// The list of those summoned goes with the summons, made by hand ("(có danh sách kèm
    /// theo)"). Default: false — the summons gives the number only.
    #[serde(default)]
    pub list_attached: bool,
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
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
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
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct KeyOfficials {
    /// Its name, e.g. "Hội nghị cán bộ chủ chốt phường Bạch Mai".
    pub name: String,
    /// How many people the roster has; step 2 of each track must convene exactly them.
    pub roster: u32,
}

/// Quy trình nhân sự — the five-step personnel procedure of the congress (SPEC §5).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
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
}
