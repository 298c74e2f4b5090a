//! Biên bản kiểm phiếu xin ý kiến về người ứng cử, được đề cử — the count of the opinion vote
//! (Hướng dẫn 04-HD/TW Mẫu 5, SPEC §2.2): the counts, each nominee's "Đồng ý" against those
//! present, and who the list admits (more than 30 %).

use serde::Serialize;

use super::nominations::{nomination_items, nomination_of, NomineeLine};
use super::paper::{Item, Paper, PaperMeta, PaperNumbers};
use super::parts::{Header, Meeting, Signature};
use crate::congress::{BodyMember, Congress};
use crate::error::Result;
use crate::registry::DocumentKind;
use crate::rules::BallotCounts;
use crate::vi::Time;

/// The minutes' view (`templates/opinion-minutes.hbs`).
#[derive(Debug, Serialize)]
struct OpinionMinutes {
    /// The congress over "BAN KIỂM PHIẾU", numbered in the congress's sequence.
    header: Header,
    /// The congress's full name.
    congress: String,
    /// What the list is for, as a line.
    office: String,
    /// "đảng viên chính thức" / "đại biểu chính thức".
    voters: String,
    present: u32,
    ballots: BallotCounts,
    invalid_total: u64,
    /// Ballots needed for admission: more than 30 % of those present.
    needed: u64,
    nominees: Vec<NomineeLine>,
    /// The vote-counting committee, Trưởng ban first.
    committee: Vec<BodyMember>,
    closed_at: Option<Time>,
    /// T/M BAN KIỂM PHIẾU / TRƯỞNG BAN.
    signature: Signature,
}

/// One set of minutes per election with nominations, numbered in the congress's sequence.
pub(crate) fn items(c: &Congress) -> Vec<Item> {
    nomination_items(c)
}

pub(crate) fn build(c: &Congress, item: &Item, _: &PaperNumbers) -> Result<Paper> {
    let (record, n, office) = nomination_of(c, item)?;
    let header = Header::working_body(c, "Ban kiểm phiếu", item.number.clone(), record.date);
    let meeting = Meeting::of(c, record);
    let meta = PaperMeta::new(
        DocumentKind::OpinionMinutes,
        item.about,
        format!("Biên bản kiểm phiếu lấy ý kiến — {office}"),
        meeting.name.clone(),
        "Ban kiểm phiếu",
        header.date,
        header.number.as_ref(),
    );
    let head = record.vote_counting_committee.first();
    let view = OpinionMinutes {
        header,
        congress: meeting.name,
        office,
        voters: meeting.voters,
        present: n.present,
        ballots: n.ballots.clone(),
        invalid_total: n.ballots.invalid_total(),
        needed: n.needed(),
        nominees: NomineeLine::all(n),
        committee: record.vote_counting_committee.clone(),
        closed_at: n.closed_at,
        signature: Signature::new(
            "T/M BAN KIỂM PHIẾU",
            "TRƯỞNG BAN",
            head.map(|m| m.name.full()).unwrap_or_default(),
        ),
    };
    Ok(Paper::new(meta, view))
}
