//! Quy chế bầu cử — the congress's election rules (SPEC §4.2: QC, the congress's sequence,
//! signed for the presidium): the standard text of the Party's election rules (SPEC §6), filled
//! from the record — the offices and their seats, the surplus limit, validity (§6.1), the
//! majority of the convened (§6.2–6.3), the first session's elections, approval by the superior.

use serde::Serialize;

use super::paper::{About, Item, Paper, PaperMeta, PaperNumbers};
use super::parts::{committee_office, office_line, Header, Meeting, SessionTime, Signature};
use crate::congress::{Congress, CongressKind, HeldBy, OrgKind, StepKind};
use crate::error::{Error, ErrorKind, Result};
use crate::registry::DocumentKind;
use crate::rules::{Exclusion, Office};
use crate::vi::Date;

/// The election rules' view (`templates/election-rules.hbs`).
#[derive(Debug, Serialize)]
struct ElectionRules {
    header: Header,
    congress: String,
    is_delegates: bool,
    single_chair: bool,
    /// A cell's congress: the rules also cite the charter rule on a cell's elections.
    is_cell: bool,
    /// "đại biểu chính thức" / "đảng viên chính thức".
    voters: &'static str,
    /// The base of "quá một nửa" also leaves out the suspended, prosecuted or detained and those
    /// absent with an approved reason: under the 2020 rules, not the 2025 ones (294-QĐ/TW
    /// 9.3.2 leaves out only temporary transfers and absent exempt members) — the base the
    /// vote-count minutes count with ([`Exclusion::allowed_in`]).
    excludes_all: bool,
    /// Whose stamp the ballots carry: "Đảng uỷ phường Bạch Mai".
    stamp_of: String,
    /// The offices the congress elects by secret ballot, in order.
    elections: Vec<ElectedOffice>,
    /// The congress elects delegates to the superior congress: the rules say how a round
    /// that elects too few of them goes on.
    elects_delegates: bool,
    /// The first session's elections, when the new committee holds them.
    first_session: Option<FirstSessionRules>,
    /// Who approves the results: "Ban Thường vụ Quận uỷ Hai Bà Trưng".
    approver: String,
    adopted_on: Date,
    adopted_in: String,
    /// The Đề án nhân sự whose numbers it cites: "01-ĐA/ĐU".
    proposal: Option<String>,
    signature: Signature,
}

/// One office the congress elects.
#[derive(Debug, Serialize)]
struct ElectedOffice {
    /// "Ban Chấp hành Đảng bộ phường Bạch Mai, nhiệm kỳ 2020 – 2025".
    office: String,
    seats: u32,
    /// A body whose number the congress votes.
    is_body: bool,
    is_delegates: bool,
    /// The secretary, elected directly by the congress.
    is_secretary: bool,
    /// The list of the first round has more names than seats.
    has_surplus: bool,
    /// The largest surplus: 30% of the seats, rounded down.
    surplus_max: u32,
}

/// What the new committee elects at its first session.
#[derive(Debug, Serialize)]
struct FirstSessionRules {
    /// "Ban Chấp hành Đảng bộ phường Bạch Mai, nhiệm kỳ 2020 – 2025".
    committee: String,
    /// "Ban Thường vụ", "Bí thư" …
    offices: Vec<String>,
    /// "uỷ viên Ban Chấp hành".
    voters: String,
}

/// The election rules, when the congress records its proceedings and holds elections.
pub(crate) fn items(c: &Congress) -> Vec<Item> {
    match &c.proceedings {
        Some(p) if !c.elections.is_empty() => {
            vec![Item::new(About::Congress, c.first_day()).pin(
                p.election_rules_number,
                crate::error::Path::from("proceedings.election_rules_number"),
            )]
        }
        _ => Vec::new(),
    }
}

pub(crate) fn build(c: &Congress, item: &Item, numbers: &PaperNumbers) -> Result<Paper> {
    let p = c.proceedings()?;
    let (_, session) = c.agenda_item(StepKind::Rules).ok_or_else(|| {
        Error::new(
            ErrorKind::InvalidData,
            "the election rules are adopted with the programme: the agenda has no `rules` item",
        )
        .with_path("proceedings.agenda")
    })?;
    let mut elections = Vec::new();
    for (i, e) in c.elections.iter().enumerate() {
        if e.held_by != HeldBy::Congress {
            continue;
        }
        let first = c.election_round(i, 0)?.election;
        elections.push(ElectedOffice {
            office: office_line(c, &e.office),
            seats: e.seats,
            is_body: e.office.is_body(),
            is_delegates: matches!(e.office, Office::Delegates { .. }),
            is_secretary: e.office == Office::Secretary,
            has_surplus: first.candidates.len() as u32 > first.seats,
            surplus_max: 3 * e.seats / 10,
        });
    }
    let first_session = p.first_session.as_ref().map(|_| FirstSessionRules {
        committee: office_line(c, &committee_office(c)),
        offices: c
            .elections
            .iter()
            .filter(|e| e.held_by == HeldBy::NewCommittee)
            .map(|e| e.office.label())
            .collect(),
        voters: Meeting::first_session(c).voters,
    });
    let header = Header::congress(c, item.number.clone(), item.date);
    let meta = PaperMeta::new(
        DocumentKind::ElectionRules,
        item.about,
        format!("Quy chế bầu cử tại {}", c.name()),
        c.name(),
        &header.issuer,
        header.date,
        header.number.as_ref(),
    );
    let view = ElectionRules {
        header,
        congress: c.name(),
        is_delegates: c.kind == CongressKind::Delegates,
        single_chair: p.presidium.len() == 1,
        is_cell: c.organisation.kind != OrgKind::GrassrootsPartyOrg,
        voters: c.kind.voters_label(),
        excludes_all: Exclusion::AbsentWithApprovedReason.allowed_in(c.rule_set)
            && Exclusion::SuspendedProsecutedDetained.allowed_in(c.rule_set),
        stamp_of: c.stamp_holder().to_string(),
        elects_delegates: elections.iter().any(|e| e.is_delegates),
        elections,
        first_session,
        approver: match &c.organisation.superior_committee {
            Some(s) => format!("Ban Thường vụ {s}"),
            None => "cấp uỷ cấp trên".to_string(),
        },
        adopted_on: session.date,
        adopted_in: SessionTime::label(c, session).to_lowercase(),
        proposal: numbers
            .of(DocumentKind::PersonnelProposal, About::Congress)
            .map(|n| n.symbol()),
        signature: Signature::presidium(p),
    };
    Ok(Paper::new(meta, view))
}
