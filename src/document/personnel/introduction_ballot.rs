//! Phiếu giới thiệu nhân sự — the secret introduction ballot of one step: unsigned, stamped at
//! the upper left by the committee, the names in ballot order ("theo vần A, B, C") with the
//! year of birth and position of each person's profile.

use serde::Serialize;

use super::{conference_meta, locate, step_items, step_suffix, target, Conference};
use crate::congress::Congress;
use crate::document::paper::{Item, Paper, PaperNumbers};
use crate::document::parts::Header;
use crate::error::{Diagnostic, Error, Result};
use crate::registry::DocumentKind;
use crate::rules::{Step, Track};

/// The ballot's view (`templates/introduction-ballot.hbs`).
#[derive(Debug, Serialize)]
struct IntroductionBallot {
    /// The stamp corner: superior and issuing body (no number; the conference's date).
    header: Header,
    /// "Ban Chấp hành Đảng bộ phường Bạch Mai nhiệm kỳ 2020 – 2025".
    target: String,
    step: Step,
    track: Track,
    track_label: &'static str,
    /// "(Dùng cho …)": "Hội nghị cán bộ chủ chốt", "Hội nghị Ban Chấp hành (lần 1)".
    conference: String,
    /// "Giới thiệu không quá … đồng chí".
    seats: u32,
    people: Vec<BallotLine>,
}

#[derive(Debug, Serialize)]
struct BallotLine {
    name: String,
    birth_year: i32,
    position: String,
}

/// One ballot per conference.
pub(crate) fn items(c: &Congress) -> Vec<Item> {
    step_items(c, |s| Some((s.date, None, "")))
}

pub(crate) fn build(c: &Congress, item: &Item, _: &PaperNumbers) -> Result<Paper> {
    let Conference { track, step: s, .. } = locate(c, item)?;
    let mut people = Vec::with_capacity(s.counts.votes.len());
    let mut missing = Vec::new();
    for (i, vote) in s.counts.votes.iter().enumerate() {
        match c.profile_of(&vote.name) {
            Some(p) => people.push((
                vote.name.key(),
                BallotLine {
                    name: vote.name.full(),
                    birth_year: p.birth_date.year,
                    position: p.position.clone(),
                },
            )),
            None => missing.push(Diagnostic::new(
                item.about
                    .path()
                    .field("counts")
                    .field("votes")
                    .index(i)
                    .field("name"),
                format!("{} has no profile in `candidates`", vote.name),
            )),
        }
    }
    if !missing.is_empty() {
        return Err(Error::invalid(
            DocumentKind::IntroductionBallot.name(),
            missing,
        ));
    }
    people.sort_by(|a, b| a.0.cmp(&b.0));
    let step = s.counts.step;
    let header = Header::committee(c, None, s.date);
    let title = format!("Phiếu giới thiệu nhân sự{}", step_suffix(step, track.track));
    let target = target(c);
    let meta = conference_meta(
        DocumentKind::IntroductionBallot,
        item,
        title.clone(),
        target.clone(),
        &header,
        &title,
    );
    let body = step.body();
    let conference = if body.starts_with("Hội nghị") {
        body.to_string()
    } else {
        format!("Hội nghị {body}")
    };
    let view = IntroductionBallot {
        header,
        target,
        step,
        track: track.track,
        track_label: track.track.label(),
        conference,
        seats: s.seats,
        people: people.into_iter().map(|(_, l)| l).collect(),
    };
    Ok(Paper::new(meta, view))
}
