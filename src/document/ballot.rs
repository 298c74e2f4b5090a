//! Phiếu bầu cử — the ballot of one office and round (SPEC §4.6): the convening committee's
//! stamp at the upper left, the names in ballot order ("vần A, B, C"), and "Đồng ý / Không đồng
//! ý" columns when the list has no surplus.

use serde::Serialize;

use super::paper::{About, Item, Paper, PaperMeta, PaperNumbers};
use super::parts::{office_line, round_items};
use crate::congress::Congress;
use crate::error::Result;
use crate::registry::DocumentKind;
use crate::vi::Date;

/// The ballot's view (`templates/ballot.hbs`).
#[derive(Debug, Serialize)]
struct Ballot {
    /// Whose stamp goes at the upper left: "Đảng uỷ phường Bạch Mai".
    stamp_of: String,
    /// The congress over the title.
    congress: String,
    /// "Ban Chấp hành Đảng bộ phường Bạch Mai, nhiệm kỳ 2020 – 2025".
    office: String,
    /// The round (1 = no round line).
    round: u32,
    seats: u32,
    /// The names, in ballot order.
    names: Vec<String>,
    /// "Đồng ý / Không đồng ý" columns (no surplus) or a plain list to strike through.
    agree_columns: bool,
    date: Date,
}

/// One ballot per election round.
pub(crate) fn items(c: &Congress) -> Vec<Item> {
    round_items(c)
}

pub(crate) fn build(c: &Congress, item: &Item, _: &PaperNumbers) -> Result<Paper> {
    let About::Round { election, round } = item.about else {
        return Err(item.unexpected());
    };
    let e = c.election_round(election, round)?.election;
    let office = office_line(c, &e.office);
    let names: Vec<String> = e.candidates.iter().map(|x| x.name.full()).collect();
    let round_note = if e.round > 1 {
        format!(" (lần {})", e.round)
    } else {
        String::new()
    };
    let meta = PaperMeta::new(
        DocumentKind::Ballot,
        item.about,
        format!("Phiếu bầu cử — {office}{round_note}"),
        c.name(),
        &c.organisation.committee,
        item.date,
        None,
    )
    .with_stem(&format!("phiếu bầu lần {} {office}", e.round));
    let view = Ballot {
        stamp_of: c.stamp_holder().to_string(),
        congress: c.name(),
        round: e.round,
        seats: e.seats,
        agree_columns: names.len() as u32 == e.seats,
        names,
        office,
        date: item.date,
    };
    Ok(Paper::new(meta, view))
}
