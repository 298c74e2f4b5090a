//! Báo cáo thẩm tra tư cách đại biểu — the credentials report (SPEC §4.2: BC, the congress's
//! sequence, signed for the credentials committee); at a members' congress, Báo cáo tình hình
//! đảng viên dự Đại hội, issued, signed and numbered by the convening chi uỷ (QĐ 29 mục 12.2;
//! BC in its term's sequence). The convened by category, those present and absent, and the
//! conclusion on who is qualified; the congress adopts it by show of hands.

use serde::Serialize;

use super::paper::{About, Item, Paper, PaperMeta, PaperNumbers};
use super::parts::{convening_cell_body, Header, Signature};
use crate::congress::{Congress, CongressKind, Membership, StepKind};
use crate::error::Result;
use crate::registry::DocumentKind;
use crate::rules::Percent;

/// The report's view (`templates/credentials-report.hbs`).
#[derive(Debug, Serialize)]
struct CredentialsReport {
    header: Header,
    congress: String,
    is_delegates: bool,
    /// "Chi bộ Trường THPT …" / "Đảng bộ phường Bạch Mai": whose members.
    organisation: String,
    /// A members' congress: the membership.
    membership: Option<Membership>,
    convened: u32,
    present: u32,
    /// Present as a share of the convened: "98,33%".
    present_percent: String,
    absent: u32,
    absences: Vec<AbsenceView>,
    /// Every absence names its people: they are listed one by one.
    absentees_named: bool,
    /// The absent by name, with their reason (when named).
    absentees: Vec<Absentee>,
    /// The credentials committee's finding on the delegates' elections below, if any.
    election_review: Option<String>,
    /// Its finding on complaints about credentials, if any.
    complaints: Option<String>,
    breakdowns: Vec<BreakdownView>,
    not_qualified: Vec<NotQualifiedView>,
    /// Present and qualified.
    qualified: u32,
    /// At least two thirds of the convened are present.
    quorum: bool,
    signature: Signature,
}

#[derive(Debug, Serialize)]
struct Absentee {
    name: String,
    reason: String,
}

#[derive(Debug, Serialize)]
struct AbsenceView {
    count: u32,
    reason: String,
    /// "Nguyễn Văn A", when the record names them.
    names: Vec<String>,
}

#[derive(Debug, Serialize)]
struct BreakdownView {
    by: String,
    items: Vec<CategoryView>,
}

#[derive(Debug, Serialize)]
struct CategoryView {
    label: String,
    count: u32,
    /// Share of the convened: "45,00%".
    percent: String,
}

#[derive(Debug, Serialize)]
struct NotQualifiedView {
    name: String,
    reason: String,
}

/// The report, when the record holds the credentials (`proceedings.credentials`); dated the day
/// it is presented.
pub(crate) fn items(c: &Congress) -> Vec<Item> {
    let Some(x) = c.proceedings.as_ref().and_then(|p| p.credentials.as_ref()) else {
        return Vec::new();
    };
    let date = c
        .agenda_item(StepKind::Credentials)
        .map(|(_, s)| s.date)
        .unwrap_or_else(|| c.first_day());
    let item = Item::new(About::Congress, date).pin(
        x.number,
        crate::error::Path::from("proceedings.credentials.number"),
    );
    // The number says who issues it (36-HD point 1.3; SPEC §3.4): the credentials committee
    // numbers in the congress's sequence (…-BC/ĐH); the convening chi uỷ's report on the members
    // attending is the committee's paper, under its letterhead and signature, in the sequence of
    // its term — which runs to the closing day of this congress (…-BC/CB).
    if by_convening_committee(c) {
        vec![item.sequence(crate::congress::Sequence::Committee)]
    } else {
        vec![item]
    }
}

/// The convening committee issues the report (a members' congress, or a delegates' congress
/// without a credentials committee), not the credentials committee.
fn by_convening_committee(c: &Congress) -> bool {
    c.kind != CongressKind::Delegates
        || c.proceedings
            .as_ref()
            .is_none_or(|p| p.credentials_committee.is_empty())
}

pub(crate) fn build(c: &Congress, item: &Item, _: &PaperNumbers) -> Result<Paper> {
    let p = c.proceedings()?;
    let a = &p.attendance;
    let x = p.credentials.as_ref().ok_or_else(|| item.unexpected())?;
    let is_delegates = c.kind == CongressKind::Delegates;
    let percent = |n: u32| {
        Percent::of(n, a.convened)
            .map(|p| p.to_string())
            .unwrap_or_default()
    };
    let (header, signature, title) = match p.credentials_committee.first() {
        Some(head) if !by_convening_committee(c) => (
            Header::working_body(
                c,
                "Ban Thẩm tra\u{2028}tư cách đại biểu",
                item.number.clone(),
                item.date,
            ),
            Signature::new(
                "T/M BAN THẨM TRA\u{2028}TƯ CÁCH ĐẠI BIỂU",
                "TRƯỞNG BAN",
                head.name.full(),
            ),
            "Báo cáo thẩm tra tư cách đại biểu",
        ),
        // A members' congress hears the convening committee (QĐ 29-QĐ/TW mục 12.2), which
        // signs: "T/M CHI UỶ / BÍ THƯ" (a cell without a chi uỷ: T/M CHI BỘ).
        // Its header, signature and number are the convening committee's (`items`).
        _ => (
            Header::committee(c, item.number.clone(), item.date),
            Signature::new(
                &format!("T/M {}", convening_cell_body(c).to_uppercase()),
                "BÍ THƯ",
                c.signer.name.full(),
            ),
            "Báo cáo tình hình đảng viên dự Đại hội",
        ),
    };
    let stem = format!(
        "{title} {}",
        header
            .number
            .as_ref()
            .map(|n| n.symbol())
            .unwrap_or_default()
    );
    let meta = PaperMeta::new(
        DocumentKind::CredentialsReport,
        item.about,
        format!("{title} — {}", c.name()),
        c.name(),
        &header.issuer.replace('\u{2028}', " "),
        header.date,
        header.number.as_ref(),
    )
    .with_stem(&stem);
    let not_qualified = x.not_qualified.len() as u32;
    let view = CredentialsReport {
        header,
        congress: c.name(),
        is_delegates,
        organisation: c.organisation.name.clone(),
        membership: a.membership,
        convened: a.convened,
        present: a.present,
        present_percent: percent(a.present),
        absent: a.convened.saturating_sub(a.present),
        absentees_named: !a.absences.is_empty() && a.absences.iter().all(|x| !x.names.is_empty()),
        absentees: a
            .absences
            .iter()
            .flat_map(|x| {
                x.names.iter().map(|n| Absentee {
                    name: n.full(),
                    reason: x.reason.clone(),
                })
            })
            .collect(),
        absences: a
            .absences
            .iter()
            .map(|x| AbsenceView {
                count: x.count,
                reason: x.reason.clone(),
                names: x.names.iter().map(|n| n.full()).collect(),
            })
            .collect(),
        election_review: x.election_review.clone().or_else(|| {
            is_delegates.then(|| {
                "Việc bầu đại biểu dự Đại hội tại đại hội các chi bộ trực thuộc được tiến hành \
                 đúng nguyên tắc, thủ tục theo quy định của Điều lệ Đảng và Quy chế bầu cử trong \
                 Đảng."
                    .to_string()
            })
        }),
        complaints: x.complaints.clone().or_else(|| {
            is_delegates.then(|| {
                "Ban Thẩm tra tư cách đại biểu không nhận được đơn thư khiếu nại, tố cáo liên \
                 quan đến tư cách đại biểu dự Đại hội."
                    .to_string()
            })
        }),
        breakdowns: x
            .breakdowns
            .iter()
            .map(|b| BreakdownView {
                by: b.by.clone(),
                items: b
                    .items
                    .iter()
                    .map(|i| CategoryView {
                        label: i.label.clone(),
                        count: i.count,
                        percent: percent(i.count),
                    })
                    .collect(),
            })
            .collect(),
        not_qualified: x
            .not_qualified
            .iter()
            .map(|n| NotQualifiedView {
                name: n.name.full(),
                reason: n.reason.clone(),
            })
            .collect(),
        qualified: a.present.saturating_sub(not_qualified),
        quorum: 3 * u64::from(a.present) >= 2 * u64::from(a.convened),
        signature,
    };
    Ok(Paper::new(meta, view))
}
