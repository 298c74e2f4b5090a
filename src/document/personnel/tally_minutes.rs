//! Biên bản kiểm phiếu giới thiệu — the tally minutes of one step's introduction ballot: the
//! quorum, the counts and who passed, computed from the step's counts.

use serde::Serialize;

use super::{
    conference_meta, locate, step_items, step_result, step_suffix, Conference, Heading, StepResult,
};
use crate::congress::Congress;
use crate::document::paper::{Item, Paper, PaperNumbers};
use crate::document::parts::{Header, Signature};
use crate::error::Result;
use crate::registry::DocumentKind;
use crate::rules::Step;
use crate::vi::{Date, Time};

/// The tally minutes' view (`templates/introduction-tally-minutes.hbs`).
#[derive(Debug, Serialize)]
struct TallyMinutes {
    header: Header,
    /// "Giới thiệu nhân sự tái cử tại Hội nghị … (bước 2)".
    summary: String,
    conference: String,
    purpose: String,
    step: Step,
    track_label: &'static str,
    date: Date,
    venue: String,
    /// Tổ trưởng, who signs.
    head: String,
    members: Vec<String>,
    seats: u32,
    closed_at: Option<Time>,
    result: Option<StepResult>,
    /// T/M TỔ KIỂM PHIẾU / TỔ TRƯỞNG.
    signature: Signature,
}

/// One set of tally minutes per conference, in the committee's BB sequence.
pub(crate) fn items(c: &Congress) -> Vec<Item> {
    step_items(c, |s| Some((s.date, s.tally_number, "tally_number")))
}

pub(crate) fn build(c: &Congress, item: &Item, _: &PaperNumbers) -> Result<Paper> {
    let at = locate(c, item)?;
    let Heading {
        step,
        header,
        conference,
        purpose,
    } = at.heading(c, item);
    let Conference { track, step: s, .. } = at;
    let suffix = step_suffix(step, track.track);
    let meta = conference_meta(
        DocumentKind::IntroductionTallyMinutes,
        item,
        format!("Biên bản kiểm phiếu giới thiệu nhân sự{suffix}"),
        purpose.clone(),
        &header,
        &format!("Biên bản kiểm phiếu giới thiệu{suffix}"),
    );
    let head = s.counting.head.full();
    let view = TallyMinutes {
        summary: format!(
            "Giới thiệu nhân sự {} tại {conference}",
            track.track.label()
        ),
        header,
        conference,
        purpose,
        step,
        track_label: track.track.label(),
        date: s.date,
        venue: s.venue.clone(),
        members: s.counting.members.iter().map(|m| m.full()).collect(),
        seats: s.seats,
        closed_at: s.tally_closed_at,
        result: Some(step_result(&s.counts)?),
        signature: Signature::new("T/M TỔ KIỂM PHIẾU", "TỔ TRƯỞNG", head.clone()),
        head,
    };
    Ok(Paper::new(meta, view))
}
