//! Danh sách triệu tập — the list of the delegates (or, at a members' congress, the Party
//! members) convened, sent with the summons: name, post and Party unit, in the order of the
//! record, signed by the convening committee.

use serde::Serialize;

use super::paper::{About, Item, Paper, PaperMeta, PaperNumbers};
use super::parts::{Header, Signature};
use crate::congress::{Congress, CongressKind};
use crate::error::Result;
use crate::registry::DocumentKind;

/// The list's view (`templates/convened-list.hbs`).
#[derive(Debug, Serialize)]
struct ConvenedList {
    header: Header,
    /// A delegates' congress ("đại biểu") or a members' ("đảng viên").
    is_delegates: bool,
    /// The congress's full name.
    congress: String,
    /// The summons it goes with: "05-TB/ĐU", if numbered.
    summons: Option<String>,
    rows: Vec<Row>,
    signature: Signature,
}

#[derive(Debug, Serialize)]
struct Row {
    name: String,
    title: String,
    unit: String,
    note: String,
}

/// One list, when the record names the convened; dated with the summons it goes with.
pub(crate) fn items(c: &Congress) -> Vec<Item> {
    if c.convened.is_empty() {
        Vec::new()
    } else {
        vec![Item::new(About::Congress, c.summons.date)]
    }
}

pub(crate) fn build(c: &Congress, item: &Item, numbers: &PaperNumbers) -> Result<Paper> {
    let is_delegates = c.kind == CongressKind::Delegates;
    let header = Header::committee(c, None, item.date);
    let who = if is_delegates {
        "đại biểu"
    } else {
        "đảng viên"
    };
    let meta = PaperMeta::new(
        DocumentKind::ConvenedList,
        item.about,
        format!("Danh sách {who} được triệu tập dự {}", c.name()),
        c.name(),
        &header.issuer,
        header.date,
        None,
    )
    .with_stem(&format!("Danh sách {who} được triệu tập"));
    let view = ConvenedList {
        header,
        is_delegates,
        congress: c.name(),
        summons: numbers
            .of(DocumentKind::Summons, About::Congress)
            .map(|n| n.symbol()),
        rows: c
            .convened
            .iter()
            .map(|x| Row {
                name: x.name.full(),
                title: x.title.clone(),
                unit: x.unit.clone(),
                note: x.note.clone(),
            })
            .collect(),
        signature: Signature::committee(c),
    };
    Ok(Paper::new(meta, view))
}
