//! Danh sách đại biểu dự đại hội cấp trên — the delegates the congress elected to the superior
//! congress, round by round and most votes first within a round (`Congress::elected`), with their posts and votes from the tallies; sent with the
//! report of the congress's results (Báo cáo kết quả Đại hội) and signed by the new committee.

use serde::Serialize;

use super::paper::{About, Item, Paper, PaperMeta, PaperNumbers};
use super::parts::{Header, Signature};
use super::results::{report_date, reports_to_superior};
use super::shared::ListedPerson;
use crate::congress::{Congress, HeldBy};
use crate::error::Result;
use crate::registry::DocumentKind;
use crate::rules::Office;

/// The list's view (`templates/elected-delegates.hbs`).
#[derive(Debug, Serialize)]
struct ElectedDelegates {
    header: Header,
    /// "Đại hội đại biểu Đảng bộ quận Hai Bà Trưng lần thứ XXVI, nhiệm kỳ 2020 – 2025".
    superior_congress: String,
    /// The congress that elected them.
    congress: String,
    /// The report it goes with: "01-BC/ĐU".
    report: Option<String>,
    rows: Vec<Row>,
    /// Every delegate has a year of birth in the record: the column is printed.
    has_birth: bool,
    /// Some were elected in a later round: the list is ordered by round, then by votes, and
    /// the Ghi chú column says which.
    later_rounds: bool,
    signature: Signature,
}

#[derive(Debug, Serialize)]
struct Row {
    #[serde(flatten)]
    person: ListedPerson,
    votes: u32,
    percent: String,
    /// The round that elected them (1, 2 …), in words ("hai"), and its vote-count minutes.
    round: u32,
    round_words: String,
    minutes: Option<String>,
}

/// One list per election of delegates, when the new committee reports to its superior (about
/// the election: its first round).
pub(crate) fn items(c: &Congress) -> Vec<Item> {
    if !reports_to_superior(c) {
        return Vec::new();
    }
    c.elections
        .iter()
        .enumerate()
        .filter(|(_, e)| {
            e.held_by == HeldBy::Congress && matches!(e.office, Office::Delegates { .. })
        })
        .map(|(i, _)| {
            Item::new(
                About::Round {
                    election: i,
                    round: 0,
                },
                report_date(c),
            )
        })
        .collect()
}

pub(crate) fn build(c: &Congress, item: &Item, numbers: &PaperNumbers) -> Result<Paper> {
    let About::Round { election, .. } = item.about else {
        return Err(item.unexpected());
    };
    let record = c.elections.get(election).ok_or_else(|| item.unexpected())?;
    let Office::Delegates { superior_congress } = &record.office else {
        return Err(item.unexpected());
    };
    let signature = Signature::new_committee(c).ok_or_else(|| item.unexpected())?;
    let rows: Vec<Row> = c
        .elected(election)?
        .into_iter()
        .map(|w| Row {
            person: ListedPerson::of(c, &w.name),
            votes: w.votes,
            percent: w.percent.to_string(),
            round: w.round,
            round_words: crate::vi::ordinal_words(w.round).unwrap_or_default(),
            minutes: numbers
                .of(
                    DocumentKind::VoteCountMinutes,
                    About::Round {
                        election,
                        round: w.round.saturating_sub(1) as usize,
                    },
                )
                .map(|n| n.symbol()),
        })
        .collect();
    // Several lists (delegates to several superior congresses) are told apart by their place.
    let lists = items(c);
    let stem = match lists.iter().position(|i| i.about == item.about) {
        Some(k) if lists.len() > 1 => {
            format!("Danh sách đại biểu dự đại hội cấp trên {}", k + 1)
        }
        _ => "Danh sách đại biểu dự đại hội cấp trên".to_string(),
    };
    let header = Header::committee(c, None, item.date);
    let meta = PaperMeta::new(
        DocumentKind::ElectedDelegates,
        item.about,
        format!("Danh sách đại biểu chính thức dự {superior_congress}"),
        c.name(),
        &header.issuer,
        header.date,
        None,
    )
    .with_stem(&stem);
    let view = ElectedDelegates {
        header,
        superior_congress: superior_congress.clone(),
        congress: c.name(),
        report: numbers
            .of(DocumentKind::ResultsReport, About::Congress)
            .map(|n| n.symbol()),
        has_birth: rows.iter().all(|r| r.person.birth_year.is_some()),
        later_rounds: rows.iter().any(|r| r.round > 1),
        rows,
        signature,
    };
    Ok(Paper::new(meta, view))
}
