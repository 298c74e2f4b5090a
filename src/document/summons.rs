//! Thông báo triệu tập (type TB) — the executive committee summons the members or delegates to
//! the congress (SPEC §4.3).

use serde::Serialize;

use super::paper::{About, Item, Paper, PaperMeta, PaperNumbers};
use super::parts::{Basis, Header, SessionTime, Signature};
use crate::congress::Congress;
use crate::error::{Path, Result};
use crate::registry::DocumentKind;

/// The summons' view (`templates/summons.hbs`).
#[derive(Debug, Serialize)]
struct Summons {
    header: Header,
    bases: Vec<Basis>,
    /// "Được sự đồng ý của Ban Thường vụ …", if said.
    approval: Option<String>,
    /// Who summons: "Ban Chấp hành Đảng bộ phường Bạch Mai".
    convener: String,
    /// Who is summoned: "đại biểu" / "đảng viên".
    audience: &'static str,
    event: String,
    sessions: Vec<SessionTime>,
    venue: String,
    composition: String,
    dress: String,
    notes: Vec<String>,
    signature: Signature,
    /// "Nơi nhận" items, without dashes or final punctuation.
    recipients: Vec<String>,
}

/// The one summons of the congress.
pub(crate) fn items(c: &Congress) -> Vec<Item> {
    let item = Item::new(About::Congress, c.summons.date)
        .pin(c.summons.number, Path::from("summons.number"));
    vec![match &c.summons.type_code {
        Some(code) => item.type_code(code),
        None => item,
    }]
}

pub(crate) fn build(c: &Congress, item: &Item, _: &PaperNumbers) -> Result<Paper> {
    let number = item.number.clone();
    let s = &c.summons;
    let header = Header::committee(c, number, s.date);
    let audience = c.audience();
    let meta = PaperMeta::new(
        DocumentKind::Summons,
        item.about,
        format!("Thông báo triệu tập {audience} dự {}", c.name()),
        c.name(),
        &header.issuer,
        header.date,
        header.number.as_ref(),
    );
    let view = Summons {
        header,
        bases: Basis::all(&c.bases),
        approval: c.approval.clone(),
        convener: c.executive().to_string(),
        audience,
        event: c.name(),
        sessions: c.sessions.iter().map(|x| SessionTime::of(c, x)).collect(),
        venue: c.venue.clone(),
        composition: s.composition.clone(),
        dress: s.dress_text(),
        notes: s.notes.clone(),
        signature: Signature::committee(c),
        recipients: s.recipients.clone().unwrap_or_else(|| {
            vec![
                format!("Các đồng chí {audience} được triệu tập"),
                c.archive().into(),
            ]
        }),
    };
    Ok(Paper::new(meta, view))
}
