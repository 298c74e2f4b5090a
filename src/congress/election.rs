//! Elections at the congress as the record keeps them: what is elected, the vote-counting
//! committee, and the counts of each round as the committee entered them. The tally itself is
//! `rules::tally`; the papers (ballots, vote-count minutes) are made in `document`.

use serde::{Deserialize, Serialize};

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
}

/// An election held by the congress: one office, one or more rounds.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct ElectionRecord {
    /// What is elected.
    pub office: Office,
    /// Seats: voted by the congress, or allotted by the superior for delegates.
    pub seats: u32,
    /// The day of the vote.
    pub date: Date,
    /// Ban kiểm phiếu — the vote-counting committee (Trưởng ban first).
    pub vote_counting_committee: Vec<BodyMember>,
    /// The rounds, in order (bầu lần thứ nhất, lần thứ hai …).
    pub rounds: Vec<RoundCounts>,
}
