//! One election block of the script: the working bodies of the vote, the rules read aloud, and
//! each round's figures and results, tallied.

use super::context::Script;
use super::view::*;
use crate::congress::Attendance;
use crate::document::nominations::{ListChanges, NominationsView};
use crate::document::paper::About;
use crate::document::parts::{designation_due, office_line, Meeting};
use crate::document::results::DesignatedLine;
use crate::error::Result;
use crate::registry::DocumentKind;
use crate::rules::{self, Office};
use crate::vi;

impl Script<'_> {
    /// The block of `elections[index]`, run by `chair_role` (speaking for themselves when
    /// `alone`); `same_committee` when the previous election's vote-counting committee carries
    /// on; `attendance` says who votes by show of hands.
    pub(super) fn election_view(
        &self,
        index: usize,
        chair_role: Role,
        alone: bool,
        same_committee: bool,
        attendance: &Attendance,
    ) -> Result<ElectionView> {
        let c = self.c;
        let record = &c.elections[index];
        let meeting = Meeting::of(c, record);
        let office_text = office_line(c, &record.office);
        let counting_head = record
            .vote_counting_committee
            .first()
            .map(|m| m.name.full())
            .unwrap_or_default();
        let counting_role = Role::new(RoleKind::CountingHead, counting_head.clone());
        let mut rounds = Vec::new();
        let mut elected_total = 0usize;
        let mut seats = record.seats;
        for r in 0..record.rounds.len() {
            let el = c.election_round(index, r)?.election;
            if r == 0 {
                seats = el.seats;
            }
            let t = rules::tally(&el)?;
            let name = |i: usize| t.outcomes[i].name.full();
            let result = |i: usize| ResultView {
                name: name(i),
                votes: t.outcomes[i].votes,
                percent: t.outcomes[i].percent.to_string(),
            };
            let elected: Vec<ResultView> = t.elected.iter().map(|i| result(*i)).collect();
            let not_elected: Vec<ResultView> = t.not_elected().into_iter().map(result).collect();
            elected_total += elected.len();
            let tie = t.tie.as_ref().map(|tie| TieView {
                names: tie.candidates.iter().map(|i| name(*i)).collect(),
                votes: tie
                    .candidates
                    .first()
                    .map(|i| t.outcomes[*i].votes)
                    .unwrap_or(0),
                percent: tie
                    .candidates
                    .first()
                    .map(|i| t.outcomes[*i].percent.to_string())
                    .unwrap_or_default(),
                seats_left: tie.seats_left,
            });
            let next_seats =
                tie.as_ref().map(|t| t.seats_left).unwrap_or(0) + t.further_round_seats;
            let changes = ListChanges::of(c, index, r)?;
            let n = el.candidates.len();
            let minutes = self
                .numbers
                .of(
                    DocumentKind::VoteCountMinutes,
                    About::Round {
                        election: index,
                        round: r,
                    },
                )
                .map(|n| n.symbol())
                .unwrap_or_default();
            rounds.push(RoundView {
                office: office_text.clone(),
                meeting: meeting.noun,
                voters: meeting.voters.clone(),
                list_vote: record
                    .list_votes
                    .get(r)
                    .map(|v| VoteView::new(v, attendance)),
                single_winner: elected.len() == 1,
                chair_role: chair_role.clone(),
                counting_role: counting_role.clone(),
                round: el.round,
                round_words: vi::ordinal_words(el.round).unwrap_or_default(),
                later: el.round > 1,
                seats: el.seats,
                candidates: el.candidates.iter().map(|c| c.name.full()).collect(),
                candidates_total: n,
                surplus: (n as u32).saturating_sub(el.seats),
                has_surplus: n as u32 > el.seats,
                agree_columns: n as u32 == el.seats,
                nominations: if r == 0 {
                    NominationsView::of(
                        self.c,
                        index,
                        self.numbers.of(
                            DocumentKind::OpinionMinutes,
                            About::Round {
                                election: index,
                                round: 0,
                            },
                        ),
                    )
                } else {
                    None
                },
                changes,
                minutes,
                convened: el.denominator.convened,
                present: el.present,
                issued: el.ballots.issued,
                returned: el.ballots.returned,
                valid: el.ballots.valid,
                invalid_total: el.ballots.invalid.iter().map(|x| x.count).sum(),
                invalid: el
                    .ballots
                    .invalid
                    .iter()
                    .map(|x| AbsenceView {
                        number: x.count,
                        reason: x.reason.clone(),
                    })
                    .collect(),
                denominator: t.denominator,
                exclusions: crate::document::parts::ExclusionLine::all(&el),
                votes_needed: t.votes_needed,
                has_elected: !elected.is_empty(),
                elected_total: elected.len(),
                elected,
                not_elected,
                tie,
                shortfall: t.further_round_seats,
                unfinished: next_seats > 0,
                has_next: r + 1 < record.rounds.len(),
                designation_due: designation_due(c, &el, t.elected.is_empty()),
                next_round_words: vi::ordinal_words(el.round + 1).unwrap_or_default(),
                next_seats,
            });
        }
        Ok(ElectionView {
            office: office_text,
            meeting: meeting.noun,
            voters: meeting.voters.clone(),
            by_new_committee: meeting.first_session,
            alone,
            seats_voted: record.office.is_body(),
            seats_vote: record
                .seats_vote
                .as_ref()
                .map(|v| VoteView::new(v, attendance)),
            is_delegates: matches!(record.office, Office::Delegates { .. }),
            is_committee: record.office.is_committee(),
            chair_role,
            counting_role,
            counting_head,
            same_committee,
            committee_vote: record
                .vote_counting_committee_vote
                .as_ref()
                .map(|v| VoteView::new(v, attendance)),
            committee: record
                .vote_counting_committee
                .iter()
                .map(|m| MemberView {
                    name: m.name.full(),
                    role: m.role.clone(),
                })
                .collect(),
            committee_size: record.vote_counting_committee.len(),
            seats,
            complete: elected_total as u32 >= seats,
            elected_total,
            rounds,
            designated: DesignatedLine::of(c, index),
        })
    }
}
