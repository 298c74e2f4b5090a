//! The typed data of one secret ballot: what is elected, the list, the denominator and the
//! counts. This is also the JSON file format of `daihoi tally`. No checks here: [`super::tally()`]
//! checks every invariant.

use serde::{Deserialize, Serialize};

use crate::error::{Error, ErrorKind, Result};
use crate::vi::PersonName;

/// Which generation of Party rules a congress follows (SPEC §2).
///
/// `Round2020` (Quyết định 244-QĐ/TW, Hướng dẫn 03-HD/TW) is the default; `Round2025`
/// (Quyết định 190-QĐ/TW, Quy định 294-QĐ/TW) turns on the rules verified only for 2025.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum RuleSet {
    /// The 2019–2020 round of congresses (`"round2020"`).
    #[default]
    Round2020,
    /// The 2024–2025 round of congresses (`"round2025"`).
    Round2025,
}

impl RuleSet {
    /// The name as written in the JSON data: `round2020` or `round2025`.
    pub fn name(self) -> &'static str {
        match self {
            RuleSet::Round2020 => "round2020",
            RuleSet::Round2025 => "round2025",
        }
    }
}

/// Đại hội đảng viên / đại hội đại biểu — who votes, for the wording of the minutes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum CongressKind {
    /// Đại hội đảng viên — all full members vote (`"members"`, the default).
    #[default]
    Members,
    /// Đại hội đại biểu — elected delegates vote (`"delegates"`).
    Delegates,
}

impl CongressKind {
    /// The voters as the minutes name them: "đảng viên chính thức" or "đại biểu chính thức".
    pub fn voters_label(self) -> &'static str {
        match self {
            CongressKind::Members => "đảng viên chính thức",
            CongressKind::Delegates => "đại biểu chính thức",
        }
    }

    /// Who attends: "đảng viên" or "đại biểu".
    pub fn audience(self) -> &'static str {
        match self {
            CongressKind::Members => "đảng viên",
            CongressKind::Delegates => "đại biểu",
        }
    }
}

/// What a ballot elects.
///
/// In JSON: `"cell_committee"`, `"executive_committee"`, `"standing_committee"`, `"secretary"`,
/// `"deputy_secretary"`, `"inspection_committee"`, `"inspection_chair"`, or
/// `{"delegates": {"superior_congress": "Đại hội …"}}`.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case", deny_unknown_fields)]
pub enum Office {
    /// Chi ủy — the committee of a Party cell (at most 7 members).
    CellCommittee,
    /// Ban chấp hành (BCH) — the executive committee elected by the congress.
    ExecutiveCommittee,
    /// Ban thường vụ (BTV) — the standing committee, elected by and from the BCH.
    StandingCommittee,
    /// Bí thư — the committee secretary (head).
    Secretary,
    /// Phó bí thư — a deputy secretary.
    DeputySecretary,
    /// Uỷ ban kiểm tra — the inspection committee, elected by the executive committee.
    InspectionCommittee,
    /// Chủ nhiệm uỷ ban kiểm tra — the head of the inspection committee, elected from it.
    InspectionChair,
    /// Đại biểu dự đại hội cấp trên — delegates to the superior congress.
    Delegates {
        /// The superior congress, e.g. "Đại hội đại biểu Đảng bộ quận Hai Bà Trưng lần thứ XXVI".
        superior_congress: String,
    },
}

impl Office {
    /// The office as documents name it after "Bầu": "Ban Chấp hành", "Chi ủy", "Bí thư",
    /// "đại biểu dự Đại hội …".
    pub fn label(&self) -> String {
        match self {
            Office::CellCommittee => "Chi uỷ".to_string(),
            Office::ExecutiveCommittee => "Ban Chấp hành".to_string(),
            Office::StandingCommittee => "Ban Thường vụ".to_string(),
            Office::Secretary => "Bí thư".to_string(),
            Office::DeputySecretary => "Phó Bí thư".to_string(),
            Office::InspectionCommittee => "Uỷ ban Kiểm tra".to_string(),
            Office::InspectionChair => "Chủ nhiệm Uỷ ban Kiểm tra".to_string(),
            Office::Delegates { superior_congress } => {
                let name = superior_congress.trim();
                if name.is_empty() {
                    "đại biểu dự đại hội cấp trên".to_string()
                } else {
                    format!("đại biểu dự {name}")
                }
            }
        }
    }

    /// Whether the office is a committee (chi ủy, BCH, BTV), for the list-size rules.
    pub fn is_committee(&self) -> bool {
        matches!(
            self,
            Office::CellCommittee | Office::ExecutiveCommittee | Office::StandingCommittee
        )
    }

    /// Whether the office is a body of several members whose number the meeting votes on (a
    /// committee or the inspection committee); not an office of one, nor delegates.
    pub fn is_body(&self) -> bool {
        self.is_committee() || *self == Office::InspectionCommittee
    }
}

/// Why convened voters are left out of the denominator (244-QĐ/TW Art. 32, SPEC §6.2).
///
/// In JSON: `"temporary_transfer"`, `"exempt_absent"`, `"suspended_prosecuted_detained"`,
/// `"absent_with_approved_reason"` or `{"other": "reason as printed"}`.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case", deny_unknown_fields)]
pub enum Exclusion {
    /// Members on temporary transfer to another organisation (chuyển sinh hoạt tạm thời).
    TemporaryTransfer,
    /// Members exempt from activities (miễn sinh hoạt) who are absent; counted when present.
    ExemptAbsent,
    /// Members suspended, prosecuted or detained (đình chỉ sinh hoạt, khởi tố, truy tố, tạm giam).
    SuspendedProsecutedDetained,
    /// Full members absent for the whole congress with a reason the committee approved.
    AbsentWithApprovedReason,
    /// Another exclusion, e.g. for a delegates' congress; the text is printed as given.
    Other(String),
}

impl Exclusion {
    /// The exclusion as the minutes print it ("đảng viên chuyển sinh hoạt tạm thời", …).
    pub fn label(&self) -> &str {
        match self {
            Exclusion::TemporaryTransfer => "đảng viên chuyển sinh hoạt tạm thời",
            Exclusion::ExemptAbsent => "đảng viên miễn sinh hoạt vắng mặt",
            Exclusion::SuspendedProsecutedDetained => {
                "đảng viên bị đình chỉ sinh hoạt, bị khởi tố, truy tố, tạm giam"
            }
            Exclusion::AbsentWithApprovedReason => {
                "đảng viên chính thức vắng mặt có lý do chính đáng được cấp uỷ đồng ý"
            }
            Exclusion::Other(text) => text,
        }
    }

    /// The label for the voters of `kind`: a delegates' congress excludes delegates
    /// ("đại biểu chính thức vắng mặt có lý do …"), a members' congress members.
    pub fn label_for(&self, kind: CongressKind) -> String {
        let label = self.label();
        match (kind, self) {
            (CongressKind::Delegates, Exclusion::Other(_)) | (CongressKind::Members, _) => {
                label.to_string()
            }
            (CongressKind::Delegates, _) => match label.strip_prefix("đảng viên chính thức")
            {
                Some(rest) => format!("đại biểu chính thức{rest}"),
                None => match label.strip_prefix("đảng viên") {
                    Some(rest) => format!("đại biểu{rest}"),
                    None => label.to_string(),
                },
            },
        }
    }

    /// Whether the 294-QĐ/TW reading used by [`RuleSet::Round2025`] excludes this kind.
    pub fn allowed_in(&self, rule_set: RuleSet) -> bool {
        match rule_set {
            RuleSet::Round2020 => true,
            RuleSet::Round2025 => {
                matches!(self, Exclusion::TemporaryTransfer | Exclusion::ExemptAbsent)
            }
        }
    }
}

/// How many convened voters one [`Exclusion`] removes from the denominator.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct ExclusionCount {
    /// Why they are excluded.
    pub kind: Exclusion,
    /// How many.
    pub count: u32,
}

/// The denominator D of the "more than half" rule, in the parts the minutes print:
/// the convened full members (or full delegates) minus the exclusions (SPEC §6.2).
///
/// D is never the ballots returned, the valid ballots or those present.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Denominator {
    /// Được triệu tập — full members (delegates) formally convened.
    pub convened: u32,
    /// Who is left out, and how many. Default: none.
    #[serde(default)]
    pub exclusions: Vec<ExclusionCount>,
}

impl Denominator {
    /// The sum of the exclusions (u64, so it cannot overflow).
    pub fn excluded(&self) -> u64 {
        saturating_sum(self.exclusions.iter().map(|e| e.count))
    }

    /// D = convened − Σ exclusions; 0 when the exclusions reach the convened count, which
    /// [`super::tally()`] rejects.
    pub fn value(&self) -> u32 {
        u64::from(self.convened)
            .checked_sub(self.excluded())
            .and_then(|d| u32::try_from(d).ok())
            .unwrap_or(0)
    }
}

/// A floor nomination (đề cử tại đại hội): how many present approved putting the name on the list.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct FloorNomination {
    /// Voters present who approved admitting the nominee to the list.
    pub approvals: u32,
    /// Who put the name forward: "Tự ứng cử", "Đồng chí Lê Thành Vinh đề cử"; may be empty.
    #[serde(default)]
    pub by: String,
}

/// One name on the ballot (danh sách bầu cử) and the votes it received.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Candidate {
    /// The candidate's name.
    pub name: PersonName,
    /// Votes on valid ballots.
    pub votes: u32,
    /// Set when the name was nominated from the floor. Default: none.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub floor_nominee: Option<FloorNomination>,
}

/// Invalid ballots of one reason, as the Ban kiểm phiếu classified them.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct InvalidBallots {
    /// How many ballots.
    pub count: u32,
    /// Why they are invalid, as printed ("gạch hết tên", "quá số lượng cần bầu").
    pub reason: String,
}

/// Ballots issued, returned, valid and invalid — shared by elections and personnel steps.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct BallotCounts {
    /// Phiếu phát ra — ballots issued.
    pub issued: u32,
    /// Phiếu thu về — ballots returned.
    pub returned: u32,
    /// Phiếu hợp lệ — valid ballots.
    pub valid: u32,
    /// Phiếu không hợp lệ, by reason. Default: none.
    #[serde(default)]
    pub invalid: Vec<InvalidBallots>,
}

impl BallotCounts {
    /// Total invalid ballots (u64, so it cannot overflow).
    pub fn invalid_total(&self) -> u64 {
        saturating_sum(self.invalid.iter().map(|i| i.count))
    }
}

/// One secret ballot for one office in one round, with its counts.
///
/// This is the JSON file format of `daihoi tally`; unknown fields are rejected so that a typo
/// does not silently drop a count.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Election {
    /// What is elected.
    pub office: Office,
    /// Số lượng cần bầu — the seats to fill in this round.
    pub seats: u32,
    /// Lần bầu — the round, from 1. Default: 1.
    #[serde(default = "first_round")]
    pub round: u32,
    /// The list in ballot order.
    pub candidates: Vec<Candidate>,
    /// The denominator in parts.
    pub denominator: Denominator,
    /// Voters present at the ballot (có mặt lúc bầu cử).
    pub present: u32,
    /// The ballot counts.
    pub ballots: BallotCounts,
    /// The rule set. Default: `round2020`.
    #[serde(default)]
    pub rule_set: RuleSet,
    /// Members' or delegates' congress, for wording. Default: `members`.
    #[serde(default)]
    pub kind: CongressKind,
}

/// The sum of counts; saturates instead of overflowing (it would take 2^32 counts).
///
/// Lives with the counts it sums, so that the checks depend on the data and not back.
pub(crate) fn saturating_sum(counts: impl Iterator<Item = u32>) -> u64 {
    counts.fold(0u64, |sum, n| sum.saturating_add(u64::from(n)))
}

fn first_round() -> u32 {
    1
}

impl Election {
    /// Reads an election from JSON; a shape error names the field path
    /// (`candidates[2].votes`).
    pub fn from_json(text: &str) -> Result<Election> {
        let mut de = serde_json::Deserializer::from_str(text);
        serde_path_to_error::deserialize(&mut de).map_err(|err| {
            let path = err.path().to_string();
            let inner = err.into_inner();
            Error::new(ErrorKind::Json, "does not read as an election")
                .with_path(path)
                .with_source(inner)
        })
    }
}
