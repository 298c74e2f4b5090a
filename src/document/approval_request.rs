//! Tờ trình đề nghị chuẩn y — the new committee's request that its superior approve the results
//! of the elections (SPEC §4.2: TTr, the new committee's sequence; 190-QĐ/TW Art. 2, 244-QĐ/TW):
//! the committee, and the offices it and the congress elected, by name from the tallies, with
//! the trích ngang attached.

use serde::Serialize;

use super::paper::{About, Item, Paper, PaperMeta, PaperNumbers};
use super::parts::{committee_office, new_khoa, new_office_line, Header, Signature};
use super::results::{
    approver, has_profiles, office_results, recipients, report_date, reports_to_superior,
    OfficeResult,
};
use crate::congress::{Congress, Sequence};
use crate::error::Result;
use crate::registry::DocumentKind;
use crate::vi::Date;

/// The request's view (`templates/approval-request.hbs`).
#[derive(Debug, Serialize)]
struct ApprovalRequest {
    header: Header,
    congress: String,
    /// "Ban Thường vụ Quận uỷ Hai Bà Trưng".
    addressee: String,
    /// The day of the congress's elections, and of the first session when held.
    elections_day: Date,
    first_session_day: Option<Date>,
    /// "Ban Chấp hành Đảng bộ phường Bạch Mai khoá XXIV, nhiệm kỳ 2020 – 2025".
    committee: String,
    /// Who requests, as the signature's authority names it: the new committee ("Ban Chấp hành
    /// … khoá XXIV …", signed T/M ĐẢNG UỶ), a cell itself ("Chi bộ …", signed T/M CHI BỘ).
    requester: String,
    /// What is to be approved, as the title lists it: "Ban Chấp hành, Ban Thường vụ, Bí thư …".
    offices: String,
    /// The title's summary: "Đề nghị chuẩn y kết quả bầu cử Ban Chấp hành Đảng bộ phường …,
    /// nhiệm kỳ …; Ban Thường vụ, Bí thư … Đảng uỷ phường …" (also the manifest's title).
    summary: String,
    /// "Đảng bộ phường Bạch Mai".
    organisation: String,
    /// "nhiệm kỳ 2020 – 2025".
    term: String,
    /// The position of the committee's election in `elections`.
    committee_index: usize,
    /// The results to approve (not the delegates: the superior congress checks them).
    results: Vec<OfficeResult>,
    /// The trích ngang is attached.
    has_summary: bool,
    /// The records sent with it, by number: the report, the congress's minutes, the first
    /// session's minutes, the vote-count minutes of the results to approve, the trích ngang.
    enclosures: Vec<Enclosure>,
    signature: Signature,
    recipients: Vec<String>,
}

/// A record the request encloses, by its number in the pack.
#[derive(Debug, Serialize)]
struct Enclosure {
    /// What it is (the template words it): "report" (Báo cáo kết quả Đại hội),
    /// "congress_minutes", "congress_counts" (the vote-count minutes of the congress's
    /// elections to approve), "session_minutes", "session_counts", "summary" (the trích ngang).
    kind: &'static str,
    /// Its numbers: "01-BC/ĐU"; "01-BB/ĐU", "02-BB/ĐU" ….
    numbers: Vec<String>,
}

/// The request, when the new committee reports to its superior.
pub(crate) fn items(c: &Congress) -> Vec<Item> {
    if !reports_to_superior(c) {
        return Vec::new();
    }
    let pin = c.report_to_superior.and_then(|r| r.request_number);
    vec![Item::new(About::Congress, report_date(c))
        .pin(
            pin,
            crate::error::Path::from("report_to_superior.request_number"),
        )
        .sequence(Sequence::NewCommittee)]
}

pub(crate) fn build(c: &Congress, item: &Item, numbers: &PaperNumbers) -> Result<Paper> {
    let p = c.proceedings()?;
    let signature = Signature::new_committee(c).ok_or_else(|| item.unexpected())?;
    let results: Vec<OfficeResult> = office_results(c, numbers)?
        .into_iter()
        .filter(|r| !r.is_delegates)
        .collect();
    let committee = new_office_line(c, &committee_office(c));
    let header = Header::committee(c, item.number.clone(), item.date);
    let offices = results
        .iter()
        .map(|r| r.label.clone())
        .collect::<Vec<_>>()
        .join(", ");
    // The title names each office with the body it belongs to: those the congress elected with
    // the organisation and the term, those of the first session with the committee ("Ban Thường
    // vụ … Đảng uỷ phường"). The paper and the manifest print this one string.
    // A cell is its own committee's name ("Chi bộ …"): one group.
    let one_body = c.organisation.committee == c.organisation.name;
    let group = |by_new_committee: bool| {
        results
            .iter()
            .filter(|r| one_body || r.by_new_committee == by_new_committee)
            .map(|r| r.label.clone())
            .collect::<Vec<_>>()
            .join(", ")
    };
    let khoa = new_khoa(c)
        .map(|k| format!(" khoá {k}"))
        .unwrap_or_default();
    let mut summary = format!(
        "Đề nghị chuẩn y kết quả bầu cử {} {}{khoa}, {}",
        group(false),
        c.organisation.name,
        c.term_text()
    );
    let session = group(true);
    if !one_body && !session.is_empty() {
        summary.push_str(&format!("; {session} {}", c.organisation.committee));
    }
    let meta = PaperMeta::new(
        DocumentKind::ApprovalRequest,
        item.about,
        format!("Tờ trình đ{}", summary.trim_start_matches('Đ')),
        c.name(),
        &header.issuer,
        header.date,
        header.number.as_ref(),
    );
    let elections_day = c
        .committee_election()
        .and_then(|i| c.elections.get(i))
        .map(|e| e.date)
        .unwrap_or_else(|| c.last_day());
    let counts = |by_new_committee: bool| {
        results
            .iter()
            .filter(|r| r.by_new_committee == by_new_committee)
            .flat_map(|r| r.minutes.iter().cloned())
            .collect::<Vec<_>>()
    };
    let symbol = |kind| numbers.of(kind, About::Congress).map(|n| n.symbol());
    let has_summary = has_profiles(c);
    let enclosures = [
        (
            "report",
            symbol(DocumentKind::ResultsReport).into_iter().collect(),
        ),
        (
            "congress_minutes",
            symbol(DocumentKind::CongressMinutes).into_iter().collect(),
        ),
        ("congress_counts", counts(false)),
        (
            "session_minutes",
            symbol(DocumentKind::FirstSessionMinutes)
                .into_iter()
                .collect(),
        ),
        ("session_counts", counts(true)),
    ]
    .into_iter()
    .filter(|(_, numbers): &(_, Vec<String>)| !numbers.is_empty())
    .chain(has_summary.then_some(("summary", Vec::new())))
    .map(|(kind, numbers)| Enclosure { kind, numbers })
    .collect();
    let requester = if one_body {
        c.organisation.name.clone()
    } else {
        committee.clone()
    };
    let view = ApprovalRequest {
        header,
        congress: c.name(),
        addressee: approver(c),
        elections_day,
        first_session_day: p.first_session.as_ref().map(|f| f.date),
        committee,
        requester,
        offices,
        summary,
        organisation: c.organisation.name.clone(),
        term: c.term_text(),
        committee_index: c.committee_election().unwrap_or_default(),
        results,
        has_summary,
        enclosures,
        signature,
        recipients: recipients(c),
    };
    Ok(Paper::new(meta, view))
}
