//! Giấy mời (type GM) — the convening committee invites one guest to the congress (SPEC §4.3).

use serde::Serialize;

use super::paper::{About, Item, Paper, PaperMeta, PaperNumbers};
use super::parts::{Basis, Header, SessionTime, Signature};
use crate::congress::{Congress, SessionKind};
use crate::error::{Path, Result};
use crate::registry::DocumentKind;

/// Kính gửi — who a letter is addressed to.
#[derive(Debug, Serialize)]
struct Addressee {
    name: String,
    title: String,
    /// A leader of the superior committee: invited "tới dự và chỉ đạo".
    directs: bool,
}

/// The invitation's view (`templates/invitation.hbs`).
#[derive(Debug, Serialize)]
struct Invitation {
    header: Header,
    addressee: Addressee,
    bases: Vec<Basis>,
    /// Who invites: "Đảng uỷ phường Bạch Mai".
    inviter: String,
    /// What to: the congress's full name.
    event: String,
    sessions: Vec<SessionTime>,
    venue: String,
    dress: Option<String>,
    closing: Option<String>,
    signature: Signature,
    /// "Nơi nhận" items, without dashes or final punctuation.
    recipients: Vec<String>,
}

/// One invitation per guest, numbered in the committee's GM sequence.
pub(crate) fn items(c: &Congress) -> Vec<Item> {
    (0..c.guests.len())
        .map(|i| {
            Item::new(About::Guest { guest: i }, c.invitations.date).pin(
                c.guests[i].number,
                Path::root().field("guests").index(i).field("number"),
            )
        })
        .collect()
}

pub(crate) fn build(c: &Congress, item: &Item, _: &PaperNumbers) -> Result<Paper> {
    let number = item.number.clone();
    let About::Guest { guest } = item.about else {
        return Err(item.unexpected());
    };
    let g = c.guests.get(guest).ok_or_else(|| item.unexpected())?;
    let settings = &c.invitations;
    let wanted = settings
        .sessions
        .clone()
        .unwrap_or_else(|| vec![SessionKind::Official]);
    let sessions = c
        .sessions
        .iter()
        .filter(|s| wanted.contains(&s.kind))
        .map(|s| {
            let mut t = SessionTime::of(c, s);
            t.schedule.clear();
            if wanted.len() == 1 {
                t.label.clear();
            }
            t
        })
        .collect();
    let name = g.name.full();
    let header = Header::committee(c, number, settings.date);
    let meta = PaperMeta::new(
        DocumentKind::Invitation,
        item.about,
        format!("Giấy mời — Đồng chí {name}"),
        c.name(),
        &header.issuer,
        header.date,
        header.number.as_ref(),
    )
    .for_recipient(name.clone());
    let view = Invitation {
        header,
        addressee: Addressee {
            name,
            title: g.title.clone(),
            directs: g.directs,
        },
        bases: Basis::all(&c.bases),
        inviter: c.organisation.committee.clone(),
        event: c.name(),
        sessions,
        venue: c.venue.clone(),
        dress: settings.dress.clone(),
        closing: settings.closing.clone(),
        signature: Signature::committee(c),
        recipients: settings
            .recipients
            .clone()
            .unwrap_or_else(|| vec!["Như trên".into(), c.archive().into()]),
    };
    Ok(Paper::new(meta, view))
}
