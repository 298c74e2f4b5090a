//! Đề án nhân sự — the outgoing committee's proposal to the congress of the new committee and
//! the bodies it will elect (SPEC §4.2: "Đề án nhân sự + danh sách trích ngang | ĐA", the
//! committee's sequence): its bases, the criteria, the structure and the numbers of each body
//! (read from `elections[].seats`, the numbers the election rules and the script cite), and the
//! people it proposes (from the candidates' profiles and the personnel procedure, never typed
//! again), with the trích ngang attached.

use serde::Serialize;

use super::paper::{About, Item, Paper, PaperMeta, PaperNumbers};
use super::parts::{
    age_on, committee_office, convening_cell_body, new_office_line, Basis, Header, Signature,
};
use crate::congress::{CandidateProfile, Congress, Gender, HeldBy, OrgKind};
use crate::error::Result;
use crate::registry::DocumentKind;
use crate::rules::{Office, Percent, Track};

/// The proposal's view (`templates/personnel-proposal.hbs`).
#[derive(Debug, Serialize)]
struct PersonnelProposal {
    header: Header,
    /// Who drew it up: the committee; a cell's outgoing chi uỷ ("Chi uỷ Chi bộ …").
    author: String,
    /// "Ban Chấp hành Đảng bộ phường Bạch Mai khoá XXIV, nhiệm kỳ 2020 – 2025".
    committee: String,
    /// "Ban Chấp hành" / "Chi uỷ".
    label: String,
    /// The congress it is submitted to.
    congress: String,
    bases: Vec<Basis>,
    /// Each body and office to elect, in the order of `elections`.
    bodies: Vec<Body>,
    /// The committee's seats and the people proposed for it.
    seats: u32,
    proposed: Vec<Proposed>,
    /// The make-up of those proposed.
    re_election: usize,
    first_time: usize,
    women: usize,
    women_percent: String,
    /// Under 40 on the congress's first day.
    young: usize,
    young_percent: String,
    /// Those proposed beyond the seats (số dư).
    surplus: u32,
    /// The trích ngang of those proposed is made (it goes with the personnel procedure).
    has_summary: bool,
    signature: Signature,
}

/// A body or office the congress or the new committee elects, with its number.
#[derive(Debug, Serialize)]
struct Body {
    /// "Ban Chấp hành Đảng bộ phường Bạch Mai khoá XXIV, nhiệm kỳ 2020 – 2025"; delegates: "đại
    /// biểu dự Đại hội …".
    office: String,
    /// "Ban Thường vụ", "Bí thư" …
    label: String,
    /// Delegates: the superior congress.
    superior_congress: String,
    seats: u32,
    /// Elected by the new committee at its first session.
    by_new_committee: bool,
    /// Delegates to the superior congress (their number is allotted, not proposed).
    is_delegates: bool,
    /// The committee itself (its people are listed below).
    is_committee: bool,
    /// An office of the new committee (Ban Thường vụ, Bí thư …; a cell's bí thư and phó bí
    /// thư), or the delegates to the superior congress: those the outgoing committee proposes,
    /// in ballot order — the first round's list less the names added at the meeting, so the Đề
    /// án, the election list and the minutes name the same people.
    nominees: Vec<String>,
}

/// Someone proposed for the committee.
#[derive(Debug, Serialize)]
struct Proposed {
    name: String,
    birth_year: i32,
    gender: &'static str,
    /// Their post in the outgoing committee ("Bí thư Chi bộ", "Đảng uỷ viên"), when the
    /// position does not already name it.
    party_post: String,
    position: String,
    re_election: bool,
}

/// One proposal, when the congress elects a committee and the record holds the people proposed
/// for it: dated with the last conference of the personnel procedure (the trích ngang that goes
/// with it), or, without a procedure in the record, with the summons.
pub(crate) fn items(c: &Congress) -> Vec<Item> {
    if c.committee_election().is_none() || c.proposed_for_committee().is_empty() {
        return Vec::new();
    }
    let last_step = c.personnel.as_ref().and_then(|r| {
        r.tracks
            .iter()
            .flat_map(|t| t.steps.iter().map(|s| s.date))
            .max()
    });
    vec![Item::new(
        About::Congress,
        last_step.unwrap_or(c.summons.date),
    )]
}

pub(crate) fn build(c: &Congress, item: &Item, _: &PaperNumbers) -> Result<Paper> {
    let index = c.committee_election().ok_or_else(|| item.unexpected())?;
    let seats = c.elections.get(index).map_or(0, |e| e.seats);
    let office = committee_office(c);
    let committee = new_office_line(c, &office);
    let people = c.proposed_for_committee();
    let total = people.len();
    let share = |n: usize| {
        Percent::of(n as u32, total as u32)
            .map(|p| p.to_string())
            .unwrap_or_default()
    };
    let count = |f: &dyn Fn(&CandidateProfile) -> bool| people.iter().filter(|p| f(p)).count();
    let women = count(&|p| p.gender == Gender::Female);
    let young = count(&|p| age_on(p.birth_date, c.first_day()) < 40);
    let bodies = c
        .elections
        .iter()
        .enumerate()
        .map(|(i, e)| Body {
            office: new_office_line(c, &e.office),
            label: e.office.label(),
            superior_congress: match &e.office {
                Office::Delegates { superior_congress } => superior_congress.clone(),
                _ => String::new(),
            },
            seats: e.seats,
            by_new_committee: e.held_by == HeldBy::NewCommittee,
            is_delegates: matches!(e.office, Office::Delegates { .. }),
            is_committee: i == index,
            // The committee's people are the table below; every other election's — the delegates
            // to the superior congress too — are named here, as its first list has them.
            nominees: if i == index {
                Vec::new()
            } else {
                c.proposed_for_office(i).iter().map(|n| n.full()).collect()
            },
        })
        .collect();
    let header = Header::committee(c, item.number.clone(), item.date);
    // A cell's Đề án is its outgoing chi uỷ's, which signs it (SPEC §4.2: the outgoing
    // committee), as the report on members attending is; a cell without a chi uỷ: T/M CHI BỘ.
    let (author, signature) = if c.organisation.kind == OrgKind::GrassrootsPartyOrg {
        (header.issuer.clone(), Signature::committee(c))
    } else {
        let body = convening_cell_body(c);
        let author = if body == "Chi uỷ" {
            format!("Chi uỷ {}", c.organisation.committee)
        } else {
            c.organisation.committee.clone()
        };
        let signature = Signature::new(
            &format!("T/M {}", body.to_uppercase()),
            "BÍ THƯ",
            c.signer.name.full(),
        );
        (author, signature)
    };
    let meta = PaperMeta::new(
        DocumentKind::PersonnelProposal,
        item.about,
        format!("Đề án nhân sự {committee}"),
        c.name(),
        &header.issuer,
        header.date,
        header.number.as_ref(),
    );
    let view = PersonnelProposal {
        header,
        label: office.label(),
        congress: c.name(),
        bases: Basis::of_personnel(c),
        bodies,
        seats,
        re_election: count(&|p| p.proposed == Track::ReElection),
        first_time: count(&|p| p.proposed == Track::FirstTime),
        women,
        women_percent: share(women),
        young,
        young_percent: share(young),
        surplus: (total as u32).saturating_sub(seats),
        has_summary: c.personnel.is_some(),
        proposed: people
            .iter()
            .map(|p| Proposed {
                name: p.name.full(),
                birth_year: p.birth_date.year,
                gender: p.gender.label(),
                party_post: party_post(p),
                position: p.position.clone(),
                re_election: p.proposed == Track::ReElection,
            })
            .collect(),
        committee,
        author,
        signature,
    };
    Ok(Paper::new(meta, view))
}

/// The post in the outgoing committee to print before the position, unless the position names
/// it already: "Phó Bí thư Đảng uỷ" is in "Phó Bí thư Đảng uỷ, Chủ tịch Hội đồng nhân dân
/// phường", and in "Phó Bí thư Thường trực Đảng uỷ phường" (the same title, the same body).
fn party_post(p: &CandidateProfile) -> String {
    let post = p.committee.trim();
    let position = p.position.as_str();
    let named = position.contains(post)
        || ["Phó Bí thư ", "Bí thư "].iter().any(|title| {
            post.strip_prefix(title)
                .is_some_and(|body| position.starts_with(title) && position.contains(body.trim()))
        });
    if named {
        String::new()
    } else {
        post.to_string()
    }
}
