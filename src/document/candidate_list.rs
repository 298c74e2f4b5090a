//! Danh sách trích ngang — the candidate summary list (SPEC §4.9): one row per person proposed
//! for the new executive committee, in ballot order ("theo vần A, B, C").

use serde::Serialize;

use super::paper::{About, Item, Paper, PaperMeta, PaperNumbers};
use super::parts::{Header, Signature};
use super::personnel::target;
use super::shared::ProfileColumns;
use crate::congress::{CandidateProfile, Congress};
use crate::error::{Error, ErrorKind, Result};
use crate::registry::DocumentKind;
use crate::rules::Track;

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
    #[serde(flatten)]
    profile: ProfileColumns,
    committee: String,
    proposed: &'static str,
}

/// One list per track, for its first conference ("có trích ngang kèm theo"), dated with it:
/// the people proposed in the track. Then the list that goes with the đề án nhân sự to the
/// congress, dated with the last conference held: the people the procedure introduced.
pub(crate) fn items(c: &Congress) -> Vec<Item> {
    let Some(record) = &c.personnel else {
        return Vec::new();
    };
    if c.candidates.is_empty() {
        return Vec::new();
    }
    let mut out: Vec<Item> = record
        .tracks
        .iter()
        .enumerate()
        .filter_map(|(t, track)| {
            let first = track.steps.iter().map(|s| s.date).min()?;
            Some(Item::new(About::Track { track: t }, first))
        })
        .collect();
    let last = record
        .tracks
        .iter()
        .flat_map(|t| t.steps.iter().map(|s| s.date))
        .max();
    if let Some(last) = last {
        let introduced = c.introduced_people();
        if introduced
            .as_ref()
            .is_some_and(|who| c.candidates.iter().any(|p| who.is(&p.name)))
        {
            out.push(Item::new(About::Congress, last));
        }
    }
    out
}

pub(crate) fn build(c: &Congress, item: &Item, _: &PaperNumbers) -> Result<Paper> {
    let record = c.personnel.as_ref().ok_or_else(|| {
        Error::new(
            ErrorKind::InvalidData,
            "the candidate list goes with the personnel procedure (`personnel`)",
        )
    })?;
    let target = target(c);
    let (people, summary, stem): (Vec<&CandidateProfile>, String, String) = match item.about {
        About::Track { track } => {
            let t = record.tracks.get(track).ok_or_else(|| item.unexpected())?;
            (
                c.candidates
                    .iter()
                    .filter(|p| p.proposed == t.track)
                    .collect(),
                format!(
                    "Nhân sự dự kiến giới thiệu {} tham gia {target}",
                    t.track.label()
                ),
                format!("Danh sách trích ngang {}", t.track.label()),
            )
        }
        _ => (
            {
                let introduced = c.introduced_people();
                c.candidates
                    .iter()
                    .filter(|p| introduced.as_ref().is_some_and(|who| who.is(&p.name)))
                    .collect()
            },
            format!("Nhân sự giới thiệu để Đại hội bầu {target}"),
            "Danh sách trích ngang".to_string(),
        ),
    };
    let mut rows = people.clone();
    rows.sort_by_cached_key(|p| p.name.key());
    let proposed = |t: Track| people.iter().filter(|p| p.proposed == t).count();
    let header = Header::committee(c, None, item.date);
    let meta = PaperMeta::new(
        DocumentKind::CandidateList,
        item.about,
        format!("Danh sách trích ngang — {summary}"),
        target.clone(),
        &header.issuer,
        header.date,
        None,
    )
    .with_stem(&stem);
    let view = CandidateList {
        header,
        summary,
        target,
        total: people.len(),
        re_election: proposed(Track::ReElection),
        first_time: proposed(Track::FirstTime),
        rows: rows
            .into_iter()
            .map(|p| CandidateLine {
                profile: ProfileColumns::from(p),
                committee: p.committee.clone(),
                proposed: match p.proposed {
                    Track::ReElection => "Tái cử",
                    Track::FirstTime => "Lần đầu",
                },
            })
            .collect(),
        signature: Signature::standing(c, record),
    };
    Ok(Paper::new(meta, view))
}
