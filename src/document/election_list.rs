//! Danh sách bầu cử — the election list of one office and round, as the meeting adopted it
//! (SPEC §4.2: signed by the presidium; at the new committee's first session by its chair): the
//! names in ballot order ("vần A, B, C") with year of birth and post where the record has them,
//! and those nominated at the congress marked.

use serde::Serialize;

use super::nominations::{ListChanges, Nominee};
use super::paper::{About, Item, Paper, PaperMeta, PaperNumbers};
use super::parts::{office_line, round_items, Header, Meeting, Signature};
use super::shared::ListedPerson;
use crate::congress::{Congress, HeldBy};
use crate::error::Result;
use crate::registry::DocumentKind;
use crate::vi;

/// The list's view (`templates/election-list.hbs`).
#[derive(Debug, Serialize)]
struct ElectionList {
    /// The congress (or, at the first session, the committee) over the title; no number.
    header: Header,
    /// "Ban Chấp hành Đảng bộ phường Bạch Mai, nhiệm kỳ 2020 – 2025".
    office: String,
    meeting: Meeting,
    round: u32,
    round_words: String,
    seats: u32,
    rows: Vec<Row>,
    /// Names withdrawn from an earlier round's list (a note under the table).
    withdrawn: ListChanges,
    /// Every name has a year of birth in the record: the column is printed.
    has_birth: bool,
    signature: Signature,
}

#[derive(Debug, Serialize)]
struct Row {
    #[serde(flatten)]
    person: ListedPerson,
    /// Added by the meeting (not introduced by the committee): how.
    nominee: Option<Nominee>,
}

/// One list per election round.
pub(crate) fn items(c: &Congress) -> Vec<Item> {
    round_items(c)
}

pub(crate) fn build(c: &Congress, item: &Item, _: &PaperNumbers) -> Result<Paper> {
    let About::Round { election, round } = item.about else {
        return Err(item.unexpected());
    };
    let record = c.elections.get(election).ok_or_else(|| item.unexpected())?;
    let e = c.election_round(election, round)?.election;
    let p = c.proceedings()?;
    let meeting = Meeting::of(c, record);
    let (header, signature) = match record.held_by {
        HeldBy::Congress => (
            Header::congress(c, None, item.date),
            Signature::presidium(p),
        ),
        // Held during the congress: under its header; signed by the chair (or presidium) the
        // first session elected (QĐ 29-QĐ/TW mục 15.1; T/M for a body, 36-HD point 1.7).
        HeldBy::NewCommittee => (
            Header::congress(c, None, item.date),
            p.first_session
                .as_ref()
                .map(Signature::session_presidium)
                .ok_or_else(|| item.unexpected())?,
        ),
    };
    let office = office_line(c, &e.office);
    let changes = ListChanges::of(c, election, round)?;
    let notes = changes.notes(&e.candidates);
    let rows: Vec<Row> = e
        .candidates
        .iter()
        .zip(notes)
        .map(|(x, nominee)| Row {
            person: ListedPerson::of(c, &x.name),
            nominee,
        })
        .collect();
    let round_note = if e.round > 1 {
        format!(" (lần {})", e.round)
    } else {
        String::new()
    };
    let meta = PaperMeta::new(
        DocumentKind::ElectionList,
        item.about,
        format!("Danh sách bầu cử — {office}{round_note}"),
        meeting.name.clone(),
        &header.issuer,
        header.date,
        None,
    )
    .with_stem(&format!("danh sách bầu cử lần {} {office}", e.round));
    let view = ElectionList {
        header,
        office,
        meeting,
        round: e.round,
        round_words: vi::ordinal_words(e.round).unwrap_or_default(),
        seats: e.seats,
        has_birth: rows.iter().all(|r| r.person.birth_year.is_some()),
        rows,
        withdrawn: changes.withdrawals_only(),
        signature,
    };
    Ok(Paper::new(meta, view))
}
