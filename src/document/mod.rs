//! The papers: one module per kind (a folder for a big one), each a builder from a valid
//! [`Congress`](crate::Congress) to a typed view (`#[derive(Serialize)]`) that its template reads, plus the
//! paper's metadata. Fixed wording lives in the templates; a builder computes only what needs
//! arithmetic or rules (tallies, percentages, numbers, orders).
//!
//! A builder never validates the record: `papers` validates it once and builds only the papers
//! that no problem concerns. A builder still returns an error rather than panic on a record it
//! cannot use.

mod approval_request;
mod ballot;
mod candidate_list;
mod committee_summary;
mod congress_minutes;
mod convened_list;
mod credentials_report;
mod elected_delegates;
mod election_list;
mod election_rules;
mod first_session_minutes;
mod invitation;
mod nominations;
mod opinion_ballot;
mod opinion_minutes;
mod paper;
mod parts;
mod personnel;
mod personnel_proposal;
mod programme;
mod resolution;
mod results;
mod results_report;
mod script;
mod shared;
mod sign_in_sheet;
mod standing_orders;
mod summons;
mod vote_count_minutes;

pub(crate) use paper::{safe_file_stem, Builder, Item, PaperNumbers};
pub use paper::{About, Paper, PaperMeta};

use crate::registry::DocumentKind;

/// The module that makes the papers of `kind`. Every kind of the registry has one: the match is
/// exhaustive.
pub(crate) fn builder(kind: DocumentKind) -> Builder {
    macro_rules! by {
        ($($m:ident)::+) => {
            Builder { items: $($m)::+::items, build: $($m)::+::build }
        };
    }
    match kind {
        DocumentKind::Invitation => by!(invitation),
        DocumentKind::Summons => by!(summons),
        DocumentKind::ConvenedList => by!(convened_list),
        DocumentKind::CandidateList => by!(candidate_list),
        DocumentKind::PersonnelProposal => by!(personnel_proposal),
        DocumentKind::ConferenceSummons => by!(personnel::conference_summons),
        DocumentKind::IntroductionBallot => by!(personnel::introduction_ballot),
        DocumentKind::IntroductionTallyMinutes => by!(personnel::tally_minutes),
        DocumentKind::ConferenceMinutes => by!(personnel::conference_minutes),
        DocumentKind::PersonnelSummary => by!(personnel::summary),
        DocumentKind::Programme => by!(programme),
        DocumentKind::StandingOrders => by!(standing_orders),
        DocumentKind::ElectionRules => by!(election_rules),
        DocumentKind::Script => by!(script),
        DocumentKind::SignInSheet => by!(sign_in_sheet),
        DocumentKind::CredentialsReport => by!(credentials_report),
        DocumentKind::ElectionList => by!(election_list),
        DocumentKind::OpinionBallot => by!(opinion_ballot),
        DocumentKind::OpinionMinutes => by!(opinion_minutes),
        DocumentKind::Ballot => by!(ballot),
        DocumentKind::VoteCountMinutes => by!(vote_count_minutes),
        DocumentKind::FirstSessionMinutes => by!(first_session_minutes),
        DocumentKind::Resolution => by!(resolution),
        DocumentKind::CongressMinutes => by!(congress_minutes),
        DocumentKind::CommitteeSummary => by!(committee_summary),
        DocumentKind::ElectedDelegates => by!(elected_delegates),
        DocumentKind::ResultsReport => by!(results_report),
        DocumentKind::ApprovalRequest => by!(approval_request),
    }
}
