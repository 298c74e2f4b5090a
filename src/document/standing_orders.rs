//! Nội quy Đại hội — the congress's standing orders (SPEC §4.2: QC, the congress's sequence,
//! signed for the presidium): the standard rules of attendance, conduct, speaking and voting,
//! filled from the record (sessions, dress, health measures), adopted with the programme.

use serde::Serialize;

use super::paper::{About, Item, Paper, PaperMeta, PaperNumbers};
use super::parts::{Header, SessionTime, Signature};
use crate::congress::{Congress, CongressKind, StepKind};
use crate::error::{Error, ErrorKind, Result};
use crate::registry::DocumentKind;
use crate::vi::Date;

/// The standing orders' view (`templates/standing-orders.hbs`).
#[derive(Debug, Serialize)]
struct StandingOrders {
    /// The organisation over the congress, "Số 02-QC/ĐH".
    header: Header,
    congress: String,
    /// "đại biểu" / "đảng viên".
    audience: &'static str,
    is_delegates: bool,
    /// One chair instead of a presidium.
    single_chair: bool,
    venue: String,
    sessions: Vec<SessionTime>,
    dress: String,
    health_measures: Vec<String>,
    /// The election rules' number ("03-QC/ĐH"), when the congress elects.
    election_rules: Option<String>,
    /// Adopted with the programme: on this day, in this session ("phiên trù bị"; empty for a
    /// one-session congress).
    adopted_on: Date,
    adopted_in: String,
    signature: Signature,
}

/// The standing orders, when the congress records its proceedings.
pub(crate) fn items(c: &Congress) -> Vec<Item> {
    match &c.proceedings {
        Some(p) => vec![Item::new(About::Congress, c.first_day()).pin(
            p.standing_orders_number,
            crate::error::Path::from("proceedings.standing_orders_number"),
        )],
        None => Vec::new(),
    }
}

pub(crate) fn build(c: &Congress, item: &Item, numbers: &PaperNumbers) -> Result<Paper> {
    let p = c.proceedings()?;
    let (_, session) = c.agenda_item(StepKind::Rules).ok_or_else(|| {
        Error::new(
            ErrorKind::InvalidData,
            "the standing orders are adopted with the programme: the agenda has no `rules` item",
        )
        .with_path("proceedings.agenda")
    })?;
    let header = Header::congress(c, item.number.clone(), item.date);
    let meta = PaperMeta::new(
        DocumentKind::StandingOrders,
        item.about,
        format!("Nội quy {}", c.name()),
        c.name(),
        &header.issuer,
        header.date,
        header.number.as_ref(),
    );
    let view = StandingOrders {
        header,
        congress: c.name(),
        audience: c.audience(),
        is_delegates: c.kind == CongressKind::Delegates,
        single_chair: p.presidium.len() == 1,
        venue: c.venue.clone(),
        sessions: c.sessions.iter().map(|s| SessionTime::of(c, s)).collect(),
        dress: c.summons.dress_text(),
        health_measures: p.health_measures.clone(),
        election_rules: numbers
            .of(DocumentKind::ElectionRules, About::Congress)
            .map(|n| n.symbol()),
        adopted_on: session.date,
        adopted_in: SessionTime::label(c, session).to_lowercase(),
        signature: Signature::presidium(p),
    };
    Ok(Paper::new(meta, view))
}
