//! Biên bản hội nghị — the minutes of one conference of the procedure: who, when, where, the
//! attendance, what was done, and the result, citing the tally minutes. THƯ KÝ signs on the
//! left, CHỦ TRÌ on the right.

use serde::Serialize;

use super::{
    conference_meta, conference_name, locate, purpose, step_items, step_result, step_suffix,
    Conference, StepResult,
};
use crate::congress::Congress;
use crate::document::paper::{Item, Paper, PaperNumbers};
use crate::document::parts::{Header, Person, Signature};
use crate::error::Result;
use crate::registry::DocumentKind;
use crate::rules::Step;
use crate::vi::{Date, Time};

/// The minutes' view (`templates/conference-minutes.hbs`).
#[derive(Debug, Serialize)]
struct ConferenceMinutes {
    header: Header,
    conference: String,
    purpose: String,
    step: Step,
    track_label: &'static str,
    /// "Hội nghị … (bước 2, nhân sự tái cử)".
    summary: String,
    date: Date,
    start: Time,
    end: Time,
    venue: String,
    chair: Person,
    clerk: Person,
    /// "Nguyễn Văn A (Tổ trưởng)", then the members.
    counting: Vec<String>,
    seats: u32,
    proceedings: Vec<String>,
    /// The item numbers of the counting team's and the ballot's paragraphs, after the
    /// proceedings.
    item_counting: usize,
    item_ballot: usize,
    /// The tally minutes' symbol, "07-BB/ĐU".
    tally_minutes: Option<String>,
    result: Option<StepResult>,
    /// CHỦ TRÌ (right).
    signature: Signature,
    /// THƯ KÝ (left).
    co_signature: Signature,
}

/// One set of minutes per conference, in the committee's BB sequence.
pub(crate) fn items(c: &Congress) -> Vec<Item> {
    step_items(c, |s| Some((s.date, s.minutes_number, "minutes_number")))
}

pub(crate) fn build(c: &Congress, item: &Item, numbers: &PaperNumbers) -> Result<Paper> {
    let Conference {
        record,
        track,
        step: s,
    } = locate(c, item)?;
    let step = s.counts.step;
    let header = Header::committee(c, item.number.clone(), s.date);
    let conference = conference_name(record, c, step);
    let purpose = purpose(c, track.track);
    let suffix = step_suffix(step, track.track);
    let title = format!("Biên bản {conference}{suffix}");
    let meta = conference_meta(
        DocumentKind::ConferenceMinutes,
        item,
        title.clone(),
        purpose.clone(),
        &header,
        &title,
    );
    let mut counting = vec![format!("{} (Tổ trưởng)", s.counting.head.full())];
    counting.extend(s.counting.members.iter().map(|m| m.full()));
    let view = ConferenceMinutes {
        summary: format!(
            "{} (bước {}, nhân sự {})",
            conference,
            step.number(),
            track.track.label()
        ),
        header,
        conference,
        purpose,
        step,
        track_label: track.track.label(),
        date: s.date,
        start: s.start,
        end: s.end,
        venue: s.venue.clone(),
        chair: Person::from(&s.chair),
        clerk: Person::from(&s.clerk),
        counting,
        seats: s.seats,
        proceedings: s.proceedings.clone(),
        item_counting: s.proceedings.len() + 1,
        item_ballot: s.proceedings.len() + 2,
        tally_minutes: numbers
            .of(DocumentKind::IntroductionTallyMinutes, item.about)
            .map(|n| n.symbol()),
        result: Some(step_result(&s.counts)?),
        signature: Signature::new("CHỦ TRÌ", "", s.chair.name.full()),
        co_signature: Signature::new("THƯ KÝ", "", s.clerk.name.full()),
    };
    Ok(Paper::new(meta, view))
}
