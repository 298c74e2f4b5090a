//! Danh sách trích ngang — the candidate summary list (SPEC §4.9): one row per person proposed
//! for the new executive committee, in ballot order ("theo vần A, B, C").

use serde::Serialize;

use super::paper::{About, Item, Paper, PaperMeta, PaperNumbers};
use super::parts::{Header, Signature};
use super::personnel::target;
use crate::congress::{Congress, Education};
use crate::error::{Error, ErrorKind, Result};
use crate::registry::DocumentKind;
use crate::rules::Track;
use crate::vi::Date;

/// The list's view (`templates/candidate-list.hbs`).
#[derive(Debug, Serialize)]
struct CandidateList {
    header: Header,
    target: String,
    /// "Nhân sự dự kiến giới thiệu tham gia …".
    summary: String,
    total: usize,
    re_election: usize,
    first_time: usize,
    rows: Vec<CandidateLine>,
    signature: Signature,
}

#[derive(Debug, Serialize)]
struct CandidateLine {
    name: String,
    gender: &'static str,
    birth_date: Date,
    home_town: String,
    ethnicity: String,
    joined_party: Date,
    full_member: Date,
    education: Education,
    position: String,
    committee: String,
    proposed: &'static str,
    note: String,
}

/// One list, when the congress has profiles and a personnel procedure to date it with (the
/// later track's first step, when the list became complete).
pub(crate) fn items(c: &Congress) -> Vec<Item> {
    let date = c.personnel.as_ref().and_then(|r| {
        r.tracks
            .iter()
            .filter_map(|t| t.steps.iter().map(|s| s.date).min())
            .max()
    });
    match date {
        Some(date) if !c.candidates.is_empty() => vec![Item::new(About::Congress, date)],
        _ => Vec::new(),
    }
}

pub(crate) fn build(c: &Congress, item: &Item, _: &PaperNumbers) -> Result<Paper> {
    let record = c.personnel.as_ref().ok_or_else(|| {
        Error::new(
            ErrorKind::InvalidData,
            "the candidate list goes with the personnel procedure (`personnel`)",
        )
    })?;
    let mut rows: Vec<_> = c.candidates.iter().collect();
    rows.sort_by_cached_key(|p| p.name.key());
    let proposed = |t: Track| c.candidates.iter().filter(|p| p.proposed == t).count();
    let header = Header::committee(c, None, item.date);
    let target = target(c);
    let meta = PaperMeta::new(
        DocumentKind::CandidateList,
        item.about,
        "Danh sách trích ngang".to_string(),
        target.clone(),
        &header.issuer,
        header.date,
        None,
    );
    let view = CandidateList {
        header,
        summary: format!("Nhân sự dự kiến giới thiệu tham gia {target}"),
        target,
        total: c.candidates.len(),
        re_election: proposed(Track::ReElection),
        first_time: proposed(Track::FirstTime),
        rows: rows
            .into_iter()
            .map(|p| CandidateLine {
                name: p.name.full(),
                gender: p.gender.label(),
                birth_date: p.birth_date,
                home_town: p.home_town.clone(),
                ethnicity: p.ethnicity.clone(),
                joined_party: p.joined_party,
                full_member: p.full_member,
                education: p.education.clone(),
                position: p.position.clone(),
                committee: p.committee.clone(),
                proposed: match p.proposed {
                    Track::ReElection => "Tái cử",
                    Track::FirstTime => "Mới",
                },
                note: p.note.clone(),
            })
            .collect(),
        signature: Signature::standing(c, record),
    };
    Ok(Paper::new(meta, view))
}
