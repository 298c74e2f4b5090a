//! Phiếu lấy ý kiến giới thiệu — the opinion ballot on members nominated at the congress
//! (Hướng dẫn 04-HD/TW Mẫu 4A/4B, SPEC §2.2): the nominees with "Đồng ý / Không đồng ý"
//! columns, unsigned, the stamp of the convening committee (or the committee above a cell).

use serde::Serialize;

use super::nominations::{nomination_items, nomination_of};
use super::paper::{Item, Paper, PaperMeta, PaperNumbers};
use crate::congress::Congress;
use crate::error::Result;
use crate::registry::DocumentKind;

/// The opinion ballot's view (`templates/opinion-ballot.hbs`).
#[derive(Debug, Serialize)]
struct OpinionBallot {
    /// Whose stamp goes at the upper left.
    stamp_of: String,
    /// "Chi uỷ Chi bộ Tổ dân phố số 12, nhiệm kỳ 2027 – 2032".
    office: String,
    /// The nominees, in the order put forward.
    names: Vec<String>,
}

/// One ballot per election with nominations.
pub(crate) fn items(c: &Congress) -> Vec<Item> {
    nomination_items(c)
}

pub(crate) fn build(c: &Congress, item: &Item, _: &PaperNumbers) -> Result<Paper> {
    let (_, n, office) = nomination_of(c, item)?;
    let meta = PaperMeta::new(
        DocumentKind::OpinionBallot,
        item.about,
        format!("Phiếu lấy ý kiến giới thiệu — {office}"),
        c.name(),
        &c.organisation.committee,
        item.date,
        None,
    )
    .with_stem(&format!("phiếu lấy ý kiến {office}"));
    let view = OpinionBallot {
        stamp_of: c.stamp_holder().to_string(),
        office,
        names: n.nominees.iter().map(|x| x.name.full()).collect(),
    };
    Ok(Paper::new(meta, view))
}
