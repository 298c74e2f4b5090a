//! Danh sách ký tên dự Đại hội — the sign-in sheet: the list of those convened with a column to
//! sign for each session, kept at the door and counted by the credentials committee (a cell:
//! the chair).

use serde::Serialize;

use super::paper::{About, Item, Paper, PaperMeta, PaperNumbers};
use super::parts::{Header, SessionTime};
use crate::congress::{Congress, CongressKind};
use crate::error::Result;
use crate::registry::DocumentKind;

/// The sheet's view (`templates/sign-in-sheet.hbs`).
#[derive(Debug, Serialize)]
struct SignInSheet {
    /// The organisation over the congress; no number.
    header: Header,
    congress: String,
    is_delegates: bool,
    /// One signing column per session.
    sessions: Vec<SessionTime>,
    /// The table's grid: TT, name, post and unit, the notes when any row has one, then a
    /// signing column per session.
    columns: String,
    /// A members' congress whose list has notes: the sheet has a "Ghi chú" column.
    has_notes: bool,
    rows: Vec<Row>,
}

#[derive(Debug, Serialize)]
struct Row {
    name: String,
    /// The post as listed, and the unit when the post does not already name it and it is not
    /// the organisation's own: "Đảng viên – Chi bộ Khu dân cư số 3".
    post: String,
    /// The list's note, as the convened list prints it: "Đảng viên dự bị", "Đại biểu đương
    /// nhiên" — who votes and who does not, for whoever counts those present.
    note: String,
}

/// One sheet, when the record names the convened and the congress its proceedings.
pub(crate) fn items(c: &Congress) -> Vec<Item> {
    if c.convened.is_empty() || c.proceedings.is_none() {
        Vec::new()
    } else {
        vec![Item::new(About::Congress, c.first_day())]
    }
}

pub(crate) fn build(c: &Congress, item: &Item, _: &PaperNumbers) -> Result<Paper> {
    let is_delegates = c.kind == CongressKind::Delegates;
    let header = Header::congress(c, None, item.date);
    let who = if is_delegates {
        "đại biểu"
    } else {
        "đảng viên"
    };
    let meta = PaperMeta::new(
        DocumentKind::SignInSheet,
        item.about,
        format!("Danh sách {who} ký tên dự {}", c.name()),
        c.name(),
        &header.issuer,
        header.date,
        None,
    )
    .with_stem(&format!("Danh sách {who} ký tên dự Đại hội"));
    let n = c.sessions.len().max(1);
    // At a members' congress the notes say who does not vote (dự bị, miễn sinh hoạt); every
    // delegate of a delegates' congress votes, and its sheet keeps the room for the posts.
    let has_notes = !is_delegates && c.convened.iter().any(|x| !x.note.trim().is_empty());
    // Signing columns share what the number, name, post and notes leave: 32% in all; 26% beside
    // notes wide enough for "Miễn sinh / hoạt đảng" on two lines.
    let (grid, signing) = if has_notes {
        ("24%,*,16%", 26)
    } else {
        ("31%,*", 32)
    };
    let sign = signing / n as u32;
    let mut columns = format!("6%,{grid}");
    for _ in 0..n {
        columns.push_str(&format!(",{sign}%"));
    }
    let view = SignInSheet {
        header,
        congress: c.name(),
        is_delegates,
        sessions: c.sessions.iter().map(|s| SessionTime::of(c, s)).collect(),
        columns,
        has_notes,
        rows: c
            .convened
            .iter()
            .map(|x| {
                let own = [&c.organisation.name, &c.organisation.committee];
                let unit = x.unit.trim();
                let shown = !unit.is_empty()
                    && !x.title.contains(unit)
                    && !own.iter().any(|o| o.as_str() == unit);
                Row {
                    name: x.name.full(),
                    post: match (x.title.trim().is_empty(), shown) {
                        (true, _) => unit.to_string(),
                        (false, true) => format!("{} – {unit}", x.title.trim()),
                        (false, false) => x.title.trim().to_string(),
                    },
                    note: x.note.trim().to_string(),
                }
            })
            .collect(),
    };
    Ok(Paper::new(meta, view))
}
