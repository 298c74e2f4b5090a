//! Báo cáo kết quả Đại hội — the new committee's report of the congress to its superior (SPEC
//! §4.2: BC, the new committee's sequence): when and where the congress met and who attended,
//! what it adopted (the resolution by number), whom it elected (from the tallies, citing the
//! vote-count minutes), the make-up of the new committee (from the profiles), and the request
//! for approval it goes with. The delegates' list and the trích ngang are attached.

use serde::Serialize;

use super::paper::{About, Item, Paper, PaperMeta, PaperNumbers};
use super::parts::{age_on, committee_office, new_office_line, Header, Person, Signature};
use super::results::{
    approver, has_profiles, office_results, recipients, report_date, reports_to_superior,
    DesignatedLine, OfficeResult,
};
use super::shared::CongressFacts;
use crate::congress::Congress;
use crate::error::Result;
use crate::registry::DocumentKind;
use crate::rules::{Percent, Track};

/// The report's view (`templates/results-report.hbs`).
#[derive(Debug, Serialize)]
struct ResultsReport {
    header: Header,
    #[serde(flatten)]
    facts: CongressFacts,
    /// "Ban Thường vụ Quận uỷ Hai Bà Trưng".
    addressee: String,
    /// Who attended and directed the congress for the superior committee: the guests invited
    /// "tới dự và chỉ đạo" (`directs`), then any other who spoke for it.
    superiors: Vec<Person>,
    reports: Vec<String>,
    /// The resolution's number and vote.
    resolution: Option<String>,
    resolution_agree: u32,
    resolution_voters: u32,
    resolution_percent: String,
    results: Vec<OfficeResult>,
    /// What the new committee's first session elected.
    session_results: Vec<OfficeResult>,
    /// A cell's bí thư designated by the superior committee after three rounds without one.
    designations: Vec<DesignatedLine>,
    /// "Ban Chấp hành Đảng bộ phường Bạch Mai khoá XXIV, nhiệm kỳ 2020 – 2025".
    committee: String,
    /// The make-up of the new committee, when the record has profiles.
    make_up: Option<MakeUp>,
    /// The trích ngang of the new committee is attached (the record has profiles); the list of
    /// delegates always is.
    has_summary: bool,
    /// The request for approval it goes with: "01-TTr/ĐU".
    request: Option<String>,
    signature: Signature,
    recipients: Vec<String>,
}

/// The make-up of the new committee.
#[derive(Debug, Serialize)]
struct MakeUp {
    total: usize,
    women: usize,
    women_percent: String,
    re_elected: usize,
    first_time: usize,
    /// Under 40 on the closing day.
    young: usize,
    young_percent: String,
}

/// The report, when the new committee reports to its superior.
pub(crate) fn items(c: &Congress) -> Vec<Item> {
    if !reports_to_superior(c) {
        return Vec::new();
    }
    let pin = c.report_to_superior.and_then(|r| r.report_number);
    vec![Item::new(About::Congress, report_date(c))
        .pin(
            pin,
            crate::error::Path::from("report_to_superior.report_number"),
        )
        .sequence(crate::congress::Sequence::NewCommittee)]
}

pub(crate) fn build(c: &Congress, item: &Item, numbers: &PaperNumbers) -> Result<Paper> {
    let p = c.proceedings()?;
    let a = &p.attendance;
    let signature = Signature::new_committee(c).ok_or_else(|| item.unexpected())?;
    let members = c.new_committee();
    let profiles: Vec<_> = members
        .iter()
        .filter_map(|m| c.candidates.iter().find(|p| p.name == m.name))
        .collect();
    let closed = c.last_day();
    let make_up = (!members.is_empty() && profiles.len() == members.len()).then(|| {
        let total = profiles.len();
        let share = |n: usize| {
            Percent::of(n as u32, total as u32)
                .map(|p| p.to_string())
                .unwrap_or_default()
        };
        let women = profiles
            .iter()
            .filter(|p| p.gender == crate::congress::Gender::Female)
            .count();
        let young = profiles
            .iter()
            .filter(|p| age_on(p.birth_date, closed) < 40)
            .count();
        MakeUp {
            total,
            women,
            women_percent: share(women),
            re_elected: profiles
                .iter()
                .filter(|p| p.proposed == Track::ReElection)
                .count(),
            first_time: profiles
                .iter()
                .filter(|p| p.proposed == Track::FirstTime)
                .count(),
            young,
            young_percent: share(young),
        }
    });
    let header = Header::committee(c, item.number.clone(), item.date);
    let meta = PaperMeta::new(
        DocumentKind::ResultsReport,
        item.about,
        format!("Báo cáo kết quả {}", c.name()),
        c.name(),
        &header.issuer,
        header.date,
        header.number.as_ref(),
    );
    let addressee = approver(c);
    let (session_results, results): (Vec<_>, Vec<_>) = office_results(c, numbers)?
        .into_iter()
        .partition(|r| r.by_new_committee);
    let view = ResultsReport {
        header,
        facts: CongressFacts::of(c, p),
        superiors: superiors(c, p),
        reports: p.reports.iter().map(|r| r.title.clone()).collect(),
        resolution: numbers
            .of(DocumentKind::Resolution, About::Congress)
            .map(|n| n.symbol()),
        resolution_agree: p.resolution.vote.agree,
        resolution_voters: p.resolution.vote.voters(a),
        resolution_percent: p
            .resolution
            .vote
            .percent(a)
            .map(|x| x.to_string())
            .unwrap_or_default(),
        results,
        session_results,
        designations: DesignatedLine::all(c),
        committee: new_office_line(c, &committee_office(c)),
        make_up,
        has_summary: has_profiles(c),
        request: numbers
            .of(DocumentKind::ApprovalRequest, About::Congress)
            .map(|n| n.symbol()),
        signature,
        recipients: recipients(c),
        addressee,
    };
    Ok(Paper::new(meta, view))
}

/// The guests invited "tới dự và chỉ đạo Đại hội" (as their invitations say), in the guest list's
/// order, then whoever else gave the superior's remarks.
fn superiors(c: &Congress, p: &crate::congress::Proceedings) -> Vec<Person> {
    let mut out: Vec<Person> = c
        .guests
        .iter()
        .filter(|g| g.directs)
        .map(Person::from)
        .collect();
    for speech in &p.superior_remarks {
        let directs = |i: usize| c.guests.get(i).is_some_and(|g| g.directs);
        if speech.guest.is_some_and(directs) {
            continue;
        }
        if let Some(x) = p.speaker(&c.guests, speech) {
            let person = Person::from(&x);
            if !out.iter().any(|o| o.name == person.name) {
                out.push(person);
            }
        }
    }
    out
}
