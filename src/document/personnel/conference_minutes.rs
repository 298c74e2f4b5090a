//! Biên bản hội nghị — the minutes of one conference of the procedure: who, when, where, the
//! attendance, what was done, and the result, citing the tally minutes. THƯ KÝ signs on the
//! left, CHỦ TRÌ on the right.

use serde::Serialize;

use super::{
    conference_meta, convener, locate, round_of, step_items, step_result, Conference, Heading,
    StepResult,
};
use crate::congress::Congress;
use crate::document::paper::{Item, Paper, PaperNumbers};
use crate::document::parts::{Header, Person, Signature};
use crate::error::Result;
use crate::registry::DocumentKind;
use crate::rules::{summarize, Step};
use crate::vi::{Date, Time};

/// The minutes' view (`templates/conference-minutes.hbs`).
#[derive(Debug, Serialize)]
struct ConferenceMinutes {
    header: Header,
    conference: String,
    purpose: String,
    step: Step,
    track_label: &'static str,
    /// "Hội nghị … (lần 1, bước 1) về giới thiệu nhân sự tái cử".
    summary: String,
    /// Who holds the conference: "Ban Thường vụ Đảng uỷ phường Bạch Mai".
    convener: String,
    /// "(lần 1, bước 1)".
    round: &'static str,
    /// Step 2: the standing committee holds a conference of the key officials.
    key_officials: bool,
    /// Where the list goes next: the next step of the procedure, if any.
    next: Option<NextStep>,
    /// The people whom steps 4 and 5 judged differently (at step 5): reported to the superior.
    disagreements: Vec<String>,
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

/// The step the list of those who passed goes to.
#[derive(Debug, Serialize)]
struct NextStep {
    number: u8,
}

/// One set of minutes per conference, in the committee's BB sequence.
pub(crate) fn items(c: &Congress) -> Vec<Item> {
    step_items(c, |s| Some((s.date, s.minutes_number, "minutes_number")))
}

pub(crate) fn build(c: &Congress, item: &Item, numbers: &PaperNumbers) -> Result<Paper> {
    let at = locate(c, item)?;
    let Heading {
        step,
        header,
        conference,
        purpose,
    } = at.heading(c, item);
    let Conference {
        record,
        track,
        step: s,
    } = at;
    // The conference's name says the step already: " — tái cử".
    let suffix = format!(" — {}", track.track.label());
    let title = format!("Biên bản {conference}{suffix}");
    let meta = conference_meta(
        DocumentKind::ConferenceMinutes,
        item,
        title.clone(),
        purpose.clone(),
        &header,
        &title,
    );
    // The people whom the standing and the executive committee judged differently: the
    // summary of the track flags them; the minutes of step 5 say they are reported.
    let disagreements = if step == Step::ExecutiveCommitteeSecond {
        summarize(&track.procedure())
            .map(|sum| {
                sum.rows
                    .iter()
                    .filter(|r| r.standing_executive_disagreement)
                    .map(|r| r.name.full())
                    .collect()
            })
            .unwrap_or_default()
    } else {
        Vec::new()
    };
    let next = Step::from_number(step.number() + 1).map(|n| NextStep { number: n.number() });
    let mut counting = vec![format!("{} (Tổ trưởng)", s.counting.head.full())];
    counting.extend(s.counting.members.iter().map(|m| m.full()));
    let view = ConferenceMinutes {
        summary: format!("{conference} về giới thiệu nhân sự {}", track.track.label()),
        convener: convener(record, c, step),
        round: round_of(step),
        key_officials: step == Step::KeyOfficials,
        next,
        disagreements,
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
