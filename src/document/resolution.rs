//! Nghị quyết Đại hội — the resolution adopted at the close (SPEC §4.2: NQ, the congress's
//! sequence; T/M ĐOÀN CHỦ TỊCH, a cell T/M CHI BỘ): the reports it approves, the assessment of
//! the term, the objective, targets and tasks of the new term (from the record), the election
//! results (from the tallies, never typed twice) and the adoption vote.

use serde::Serialize;

use super::paper::{About, Item, Paper, PaperMeta, PaperNumbers};
use super::parts::{committee_office, filed, new_office_line, Header, Signature};
use super::results::{office_results, DesignatedLine, OfficeResult, VoteLine};
use super::shared::CongressFacts;
use crate::congress::{Congress, OrgKind};
use crate::error::Result;
use crate::registry::DocumentKind;
use crate::vi::Time;

/// The resolution's view (`templates/resolution.hbs`).
#[derive(Debug, Serialize)]
struct Resolution {
    /// The organisation over the congress, "Số 09-NQ/ĐH", dated the closing day.
    header: Header,
    #[serde(flatten)]
    facts: CongressFacts,
    /// The reports heard, by title.
    reports: Vec<String>,
    assessment: Vec<String>,
    objective: Option<String>,
    /// The targets, consecutive ones of one area together.
    targets: Vec<TargetGroup>,
    tasks: Vec<String>,
    /// "nhiệm kỳ 2020 – 2025".
    term: String,
    /// What the congress's elections decided, in order.
    results: Vec<OfficeResult>,
    /// What the new committee's first session elected, in order.
    session_results: Vec<OfficeResult>,
    /// A cell's bí thư designated by the superior committee after three rounds without one.
    designations: Vec<DesignatedLine>,
    /// The committee the congress elected: "Ban Chấp hành Đảng bộ phường Bạch Mai khoá XXIV,
    /// nhiệm kỳ …".
    committee: String,
    /// "Ban Chấp hành" / "Chi uỷ".
    committee_label: String,
    vote: VoteLine,
    /// When it was adopted, if the vote's time is recorded (`resolution.vote.at`).
    adopted_at: Option<Time>,
    /// Section numbers ("1", "2" …) of the parts present, without gaps.
    section: Sections,
    signature: Signature,
    recipients: Vec<String>,
}

#[derive(Debug, Serialize)]
struct TargetGroup {
    area: String,
    items: Vec<TargetLine>,
}

#[derive(Debug, Serialize)]
struct TargetLine {
    indicator: String,
    figure: String,
}

#[derive(Debug, Default, Serialize)]
struct Sections {
    reports: u32,
    assessment: Option<u32>,
    objective: Option<u32>,
    targets: Option<u32>,
    tasks: Option<u32>,
    elections: Option<u32>,
    implementation: u32,
}

/// The resolution, when the congress records its proceedings; dated the closing day.
pub(crate) fn items(c: &Congress) -> Vec<Item> {
    match &c.proceedings {
        Some(p) => vec![Item::new(About::Congress, c.last_day()).pin(
            p.resolution.number,
            crate::error::Path::from("proceedings.resolution.number"),
        )],
        None => Vec::new(),
    }
}

pub(crate) fn build(c: &Congress, item: &Item, numbers: &PaperNumbers) -> Result<Paper> {
    let p = c.proceedings()?;
    let r = &p.resolution;
    let mut targets: Vec<TargetGroup> = Vec::new();
    for t in &r.targets {
        let line = TargetLine {
            indicator: t.indicator.clone(),
            figure: t.figure.clone(),
        };
        match targets.last_mut() {
            Some(g) if g.area == t.area => g.items.push(line),
            _ => targets.push(TargetGroup {
                area: t.area.clone(),
                items: vec![line],
            }),
        }
    }
    let (session_results, results): (Vec<_>, Vec<_>) = office_results(c, numbers)?
        .into_iter()
        .partition(|r| r.by_new_committee);
    let mut n = 1;
    let mut next = |present: bool| {
        present.then(|| {
            n += 1;
            n
        })
    };
    let section = Sections {
        reports: 1,
        assessment: next(!r.assessment.is_empty()),
        objective: next(r.objective.is_some()),
        targets: next(!targets.is_empty()),
        tasks: next(!r.tasks.is_empty()),
        elections: next(!results.is_empty()),
        implementation: n + 1,
    };
    let cell = c.organisation.kind != OrgKind::GrassrootsPartyOrg;
    let signature = match (cell, Signature::new_committee(c)) {
        (true, Some(s)) => s,
        _ => Signature::presidium(p),
    };
    let superior = match &c.organisation.superior_committee {
        Some(s) => format!("Ban Thường vụ {s} (để b/c)"),
        None => "Cấp uỷ cấp trên (để b/c)".to_string(),
    };
    let members = if cell {
        "Đảng viên trong Chi bộ"
    } else {
        "Các chi bộ trực thuộc"
    };
    let header = Header::congress(c, item.number.clone(), item.date);
    let meta = PaperMeta::new(
        DocumentKind::Resolution,
        item.about,
        format!("Nghị quyết {}", c.name()),
        c.name(),
        &header.issuer,
        header.date,
        header.number.as_ref(),
    );
    let office = committee_office(c);
    let view = Resolution {
        header,
        facts: CongressFacts::of(c, p),
        reports: p.reports.iter().map(|x| x.title.clone()).collect(),
        assessment: r.assessment.clone(),
        objective: r.objective.clone(),
        targets,
        tasks: r.tasks.clone(),
        term: c.term_text(),
        results,
        session_results,
        designations: DesignatedLine::all(c),
        committee: new_office_line(c, &office),
        committee_label: office.label(),
        vote: VoteLine::new(&r.vote, &p.attendance),
        // The vote's own time; the agenda's is when the draft starts being read.
        adopted_at: r.vote.at,
        section,
        signature,
        recipients: vec![superior, members.to_string(), filed(c)],
    };
    Ok(Paper::new(meta, view))
}
