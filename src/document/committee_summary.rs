//! Danh sách trích ngang of the new committee — one row per member the congress elected, from
//! their profiles in `candidates`, with the posts the elections gave them and the votes that
//! elected them; sent with the request for approval (Tờ trình đề nghị chuẩn y) and signed by the
//! new committee.

use serde::Serialize;

use super::paper::{About, Item, Paper, PaperMeta, PaperNumbers};
use super::parts::{committee_office, new_office_line, Header, Signature};
use super::results::{has_profiles, report_date, reports_to_superior, Posts};
use super::shared::ProfileColumns;
use crate::congress::Congress;
use crate::error::{Error, ErrorKind, Result};
use crate::registry::DocumentKind;
use crate::rules::Track;

/// The list's view (`templates/committee-summary.hbs`).
#[derive(Debug, Serialize)]
struct CommitteeSummary {
    header: Header,
    /// "Ban Chấp hành Đảng bộ phường Bạch Mai khoá XXIV, nhiệm kỳ 2020 – 2025".
    committee: String,
    /// "Ban Chấp hành" / "Chi uỷ".
    label: String,
    /// The request it goes with: "01-TTr/ĐU".
    request: Option<String>,
    rows: Vec<Row>,
    re_elected: usize,
    first_time: usize,
    signature: Signature,
}

#[derive(Debug, Serialize)]
struct Row {
    #[serde(flatten)]
    profile: ProfileColumns,
    posts: Posts,
    votes: u32,
    percent: String,
    re_elected: bool,
}

/// One list, when the new committee reports to its superior and the record has a profile of
/// every member (otherwise the request names them; `consistency_warnings` says who lacks one).
pub(crate) fn items(c: &Congress) -> Vec<Item> {
    if reports_to_superior(c) && has_profiles(c) {
        vec![Item::new(About::Congress, report_date(c))]
    } else {
        Vec::new()
    }
}

pub(crate) fn build(c: &Congress, item: &Item, numbers: &PaperNumbers) -> Result<Paper> {
    let signature = Signature::new_committee(c).ok_or_else(|| item.unexpected())?;
    let mut rows = Vec::new();
    for m in c.new_committee() {
        let p = c
            .candidates
            .iter()
            .find(|p| p.name == m.name)
            .ok_or_else(|| {
                Error::new(
                    ErrorKind::InvalidData,
                    format!("{} is elected to the committee but has no profile", m.name),
                )
                .with_path("candidates")
            })?;
        let name = m.name.full();
        rows.push((
            Posts::of(c, &name).rank(),
            m.name.key(),
            Row {
                posts: Posts::of(c, &name),
                profile: ProfileColumns::from(p),
                votes: m.votes,
                percent: m.percent.to_string(),
                re_elected: p.proposed == Track::ReElection,
            },
        ));
    }
    rows.sort_by(|a, b| (a.0, &a.1).cmp(&(b.0, &b.1)));
    let rows: Vec<Row> = rows.into_iter().map(|(_, _, r)| r).collect();
    let office = committee_office(c);
    let committee = new_office_line(c, &office);
    let header = Header::committee(c, None, item.date);
    let meta = PaperMeta::new(
        DocumentKind::CommitteeSummary,
        item.about,
        format!("Danh sách trích ngang {committee}"),
        c.name(),
        &header.issuer,
        header.date,
        None,
    )
    .with_stem(&format!(
        "Danh sách trích ngang {} khoá mới",
        office.label()
    ));
    let view = CommitteeSummary {
        header,
        committee,
        label: office.label(),
        request: numbers
            .of(DocumentKind::ApprovalRequest, About::Congress)
            .map(|n| n.symbol()),
        re_elected: rows.iter().filter(|r| r.re_elected).count(),
        first_time: rows.iter().filter(|r| !r.re_elected).count(),
        rows,
        signature,
    };
    Ok(Paper::new(meta, view))
}
