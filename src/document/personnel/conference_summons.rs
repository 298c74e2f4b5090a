//! Giấy triệu tập hội nghị — the standing committee summons a conference of the personnel
//! procedure. Issued for steps 2 (key officials) and 3 and 5 (the executive committee), which
//! convene people outside the standing committee; steps 1 and 4 are meetings of the standing
//! committee itself, called under its working rules, and the record gives them no summons.

use serde::Serialize;

use super::{conference_meta, conference_name, locate, purpose, step_items, Conference};
use crate::congress::Congress;
use crate::document::paper::{Item, Paper, PaperNumbers};
use crate::document::parts::{Basis, Header, Signature};
use crate::error::{Error, ErrorKind, Result};
use crate::registry::DocumentKind;
use crate::rules::Step;
use crate::vi::{Date, Time};

/// The summons' view (`templates/conference-summons.hbs`).
#[derive(Debug, Serialize)]
struct ConferenceSummons {
    header: Header,
    bases: Vec<Basis>,
    /// Who summons: "Ban Thường vụ Đảng uỷ phường Bạch Mai".
    convener: String,
    /// The conference: "Hội nghị cán bộ chủ chốt phường Bạch Mai".
    conference: String,
    /// Why: "giới thiệu nhân sự tái cử tham gia … (bước 2 của quy trình nhân sự)".
    purpose: String,
    /// The step (its agenda follows from it).
    step: Step,
    date: Date,
    start: Time,
    venue: String,
    /// Thành phần (no final period).
    composition: String,
    /// How many are summoned.
    convened: u32,
    /// The list of those summoned goes with it (made by hand).
    list_attached: bool,
    signature: Signature,
    recipients: Vec<String>,
}

/// One summons per conference that the record gives one.
pub(crate) fn items(c: &Congress) -> Vec<Item> {
    step_items(c, |s| {
        s.summons
            .map(|issue| (issue.date, issue.number, "summons.number"))
    })
}

pub(crate) fn build(c: &Congress, item: &Item, _: &PaperNumbers) -> Result<Paper> {
    let Conference {
        record,
        track,
        step: s,
    } = locate(c, item)?;
    let step = s.counts.step;
    if matches!(
        step,
        Step::StandingCommitteeFirst | Step::StandingCommitteeSecond
    ) {
        return Err(Error::new(
            ErrorKind::InvalidData,
            format!(
                "step {} is a meeting of the standing committee, called under its working \
                 rules: no summons is issued",
                step.number()
            ),
        )
        .with_path(item.about.path().field("summons")));
    }
    let issue = s.summons.ok_or_else(|| item.unexpected())?;
    let header = Header::committee(c, item.number.clone(), issue.date);
    let conference = conference_name(record, c, step);
    let purpose = format!(
        "{} (bước {} của quy trình nhân sự)",
        purpose(c, track.track),
        step.number()
    );
    let title = format!("Giấy triệu tập {conference}");
    let meta = conference_meta(
        DocumentKind::ConferenceSummons,
        item,
        title.clone(),
        purpose.clone(),
        &header,
        &title,
    );
    let view = ConferenceSummons {
        header,
        // The procedure's own bases (Chỉ thị, hướng dẫn), then the congress's (plans).
        bases: Basis::of_personnel(c),
        convener: record.standing_committee.clone(),
        conference,
        purpose,
        step,
        date: s.date,
        start: s.start,
        venue: s.venue.clone(),
        composition: s.composition.clone(),
        convened: s.counts.convened,
        list_attached: s.list_attached,
        signature: Signature::standing(c, record),
        recipients: vec!["Các đồng chí được triệu tập".into(), c.archive().into()],
    };
    Ok(Paper::new(meta, view))
}
