//! Elections at the congress as the record keeps them: what is elected, the vote-counting
//! committee, and the counts of each round as the committee entered them. The tally itself is
//! `rules::tally`; the papers (ballots, vote-count minutes) are made in `document`.

use serde::{Deserialize, Serialize};

use super::proceedings::HandVote;
use crate::rules::{self, BallotCounts, Candidate, Denominator, Office};
use crate::vi::{Date, PersonName, Time};

/// One round as the rules see it, with the way back from the ballot order to the file's order.
#[derive(Debug, Clone)]
pub(crate) struct ElectionRound {
    /// The round: seats, the list in ballot order ("vần A, B, C"), the counts.
    pub election: rules::Election,
    /// `order[k]` is the position in the file of the `k`-th candidate on the ballot.
    pub order: Vec<usize>,
}

impl ElectionRound {
    /// The position in the file of the `k`-th candidate on the ballot.
    pub fn file_index(&self, k: usize) -> usize {
        self.order.get(k).copied().unwrap_or(k)
    }

    /// [`rules::tally`] of the round. The tally names candidates by their place on the ballot;
    /// the user edits the file, so its error names them by their place there.
    pub fn tally(&self) -> crate::error::Result<rules::Tally> {
        rules::tally(&self.election).map_err(|err| {
            err.map_diagnostics(|mut d| {
                d.path = d.path.map_index_after("candidates", |k| self.file_index(k));
                d
            })
        })
    }
}

/// A member of a working body (ban kiểm phiếu) and their role.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct BodyMember {
    /// The member.
    pub name: PersonName,
    /// "Trưởng ban", "Uỷ viên", "Thư ký".
    pub role: String,
}

/// Rút khỏi danh sách — a candidate of the earlier round left off this round's list, and why
/// ("xin rút, được Đại hội đồng ý").
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Withdrawal {
    /// The candidate.
    pub name: PersonName,
    /// Why, as the minutes say it.
    pub reason: String,
    /// The show of hands agreeing to the withdrawal, as a floor nomination records the vote
    /// admitting a name (`"được Đại hội đồng ý"` with its figures). Default: not recorded.
    #[serde(default)]
    pub vote: Option<HandVote>,
}

/// The counts of one round of an election, as the vote-counting committee entered them.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct RoundCounts {
    /// Seats to fill in this round. Default: round 1 the election's seats; later rounds the
    /// seats the previous round left (a tie re-ballot or a shortfall).
    #[serde(default)]
    pub seats: Option<u32>,
    /// The election list in ballot order, with each candidate's votes.
    pub candidates: Vec<Candidate>,
    /// The denominator as its parts (convened, exclusions).
    pub denominator: Denominator,
    /// Present at the vote.
    pub present: u32,
    /// Ballots issued, returned, valid, invalid with reasons.
    pub ballots: BallotCounts,
    /// When the vote-count minutes were closed ("hồi 15 giờ 40 phút").
    #[serde(default)]
    pub closed_at: Option<Time>,
    /// Pins the number of this round's minutes.
    #[serde(default)]
    pub minutes_number: Option<u32>,
    /// Candidates of the earlier round left off this round's list (a later round only).
    #[serde(default)]
    pub withdrawals: Vec<Withdrawal>,
}

/// One member put forward at the congress (ứng cử, đề cử) and how the opinion vote went.
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Nominee {
    /// The member.
    pub name: PersonName,
    /// Who put the name forward: "Tự ứng cử", "Đồng chí Phạm Thị Lan đề cử".
    pub by: String,
    /// Valid ballots marking "Đồng ý" — agreeing to put the name on the list.
    pub agree: u32,
}

/// Lấy ý kiến giới thiệu — the secret opinion vote on putting self- and floor-nominated
/// members on the list (Quyết định 190-QĐ/TW; Hướng dẫn 04-HD/TW Mẫu 4A/4B and its count, Mẫu 5;
/// SPEC §2.2). A nominee is admitted with more than 30 % of those present agreeing. Round2025
/// only.
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Nominations {
    /// The nominees, in the order put forward.
    pub nominees: Vec<Nominee>,
    /// Voters present at the vote: those attending the round whose list it admits
    /// (`rounds[0].present`), the base of the 30 % — not the congress's opening attendance
    /// (SPEC §2.2 "Elections").
    pub present: u32,
    /// Ballots issued, returned, valid, invalid with reasons.
    pub ballots: BallotCounts,
    /// When its minutes were closed.
    #[serde(default)]
    pub closed_at: Option<Time>,
    /// Pins the number of its minutes.
    #[serde(default)]
    pub minutes_number: Option<u32>,
}

impl Nominations {
    /// Whether `agree` of those present admits a nominee: more than 30 %, in integers
    /// (`10 × agree > 3 × present`).
    pub fn admits(&self, agree: u32) -> bool {
        10 * u64::from(agree) > 3 * u64::from(self.present)
    }

    /// The fewest "Đồng ý" that admit a nominee: more than 30 % of those present.
    pub fn needed(&self) -> u64 {
        3 * u64::from(self.present) / 10 + 1
    }
}

/// Chỉ định — a cell that has not elected its bí thư in three rounds has one designated by the
/// superior committee (Quy định 29-QĐ/TW Mục 24; Quy định 294-QĐ/TW; SPEC §2.2 "Cells").
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Designation {
    /// The member designated.
    pub name: PersonName,
    /// Who designates: "Ban Thường vụ Đảng uỷ phường Bạch Mai".
    pub by: String,
    /// The decision, if issued: "Quyết định số 15-QĐ/ĐU ngày 25/3/2027"; may be empty.
    #[serde(default)]
    pub decision: String,
}

/// Who holds an election: the congress, or the committee it elected, at its first session.
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum HeldBy {
    /// The congress (`"congress"`, the default).
    #[default]
    Congress,
    /// The new committee at its first session (`"new_committee"`): Ban Thường vụ, Bí thư, Phó
    /// Bí thư, Uỷ ban Kiểm tra and its Chủ nhiệm (a cell's chi uỷ: Bí thư, Phó Bí thư). Those
    /// convened are the members the congress elected to the committee.
    NewCommittee,
}

/// An election held by the congress (or by the new committee at its first session): one office,
/// one or more rounds.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct ElectionRecord {
    /// What is elected.
    pub office: Office,
    /// Who holds it. Default: the congress.
    #[serde(default)]
    pub held_by: HeldBy,
    /// The show of hands on the number to elect (a committee's seats; none for an office of
    /// one, nor for delegates, whose number the superior allots).
    #[serde(default)]
    pub seats_vote: Option<HandVote>,
    /// The bí thư designated by the superior committee after three rounds without one (a cell).
    #[serde(default)]
    pub designated: Option<Designation>,
    /// The opinion vote on members nominated at the congress, when there were any (round2025;
    /// the pack then holds its ballot and minutes). Its nominees admitted are on the first
    /// round's list as floor nominees.
    #[serde(default)]
    pub nominations: Option<Nominations>,
    /// The shows of hands adopting the list of each round, in round order (a later round's
    /// vote also decides to hold it).
    #[serde(default)]
    pub list_votes: Vec<HandVote>,
    /// Seats: voted by the congress, or allotted by the superior for delegates.
    pub seats: u32,
    /// The day of the vote.
    pub date: Date,
    /// Ban kiểm phiếu — the vote-counting committee (Trưởng ban first).
    pub vote_counting_committee: Vec<BodyMember>,
    /// The show of hands that elected the vote-counting committee (none when the previous
    /// election's committee carries on).
    #[serde(default)]
    pub vote_counting_committee_vote: Option<HandVote>,
    /// The rounds, in order (bầu lần thứ nhất, lần thứ hai …).
    pub rounds: Vec<RoundCounts>,
}
