//! What the elections decided, as the papers after the vote print it: each office with the
//! people elected to it, read from the tallies (never typed again) and citing the vote-count
//! minutes by number. The resolution, the congress minutes, the first session's minutes, the
//! script's presentation of the new committee and the papers to the superior share it.

use serde::Serialize;

use super::nominations::{ListChanges, NominationsView};
use super::paper::{About, PaperNumbers};
use super::parts::{new_office_line, office_line};
use crate::congress::{Attendance, Congress, HandVote, HeldBy};
use crate::error::Result;
use crate::registry::DocumentKind;
use crate::rules::{self, Office, RuleSet};
use crate::vi::{self, Date};

/// Someone elected.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct Winner {
    /// Full name.
    pub name: String,
    /// Votes in the round that elected them.
    pub votes: u32,
    /// Share of that round's denominator: "97,46%".
    pub percent: String,
    /// That round's denominator: "115" of "115/118".
    pub base: u32,
    /// "hai" when a later ballot than the first elected them: the papers to the superior say
    /// so, since the first ballot's figures are not theirs.
    pub later_round: Option<String>,
}

/// One office and who was elected to it.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct OfficeResult {
    /// Position in `elections`.
    pub index: usize,
    /// "Ban Chấp hành Đảng bộ phường Bạch Mai, nhiệm kỳ 2020 – 2025".
    pub office: String,
    /// The same with the new committee's khoá, as the resolution and the papers to the
    /// superior name it: "Ban Chấp hành Đảng bộ phường Bạch Mai khoá XXIV, nhiệm kỳ 2020 – 2025".
    pub office_khoa: String,
    /// "Ban Chấp hành", "Bí thư", "đại biểu dự Đại hội …".
    pub label: String,
    /// Elected by the new committee at its first session.
    pub by_new_committee: bool,
    /// Delegates to the superior congress.
    pub is_delegates: bool,
    /// A body of several members (its number is voted).
    pub is_body: bool,
    /// The seats.
    pub seats: u32,
    /// The elected, round by round, most votes first within a round.
    pub elected: Vec<Winner>,
    /// How many were elected.
    pub elected_count: usize,
    /// One person elected: the papers say "đồng chí …", not a list.
    pub single: bool,
    /// Every seat is filled.
    pub complete: bool,
    /// The vote-count minutes of its rounds: "02-BB/ĐH".
    pub minutes: Vec<String>,
}

/// Every election's result, in the order of `elections`.
pub(crate) fn office_results(c: &Congress, numbers: &PaperNumbers) -> Result<Vec<OfficeResult>> {
    let mut out = Vec::new();
    for (i, e) in c.elections.iter().enumerate() {
        // In the order of its vote-count minutes — most votes first, ties in ballot order (vần
        // A, B, C; SPEC §7) — in every paper: the first session's minutes, the resolution, the
        // congress minutes, the script and the papers to the superior read one list.
        let elected = c.elected(i)?;
        let elected: Vec<Winner> = elected
            .into_iter()
            .map(|w| Winner {
                name: w.name.full(),
                votes: w.votes,
                percent: w.percent.to_string(),
                base: w.base,
                later_round: (w.round > 1)
                    .then(|| crate::vi::ordinal_words(w.round))
                    .flatten(),
            })
            .collect();
        let minutes = (0..e.rounds.len())
            .filter_map(|r| {
                numbers.of(
                    DocumentKind::VoteCountMinutes,
                    About::Round {
                        election: i,
                        round: r,
                    },
                )
            })
            .map(|n| n.symbol())
            .collect();
        // A bí thư the superior committee designated was not elected: nothing to approve.
        if elected.is_empty() && e.designated.is_some() {
            continue;
        }
        out.push(OfficeResult {
            index: i,
            office: office_line(c, &e.office),
            office_khoa: new_office_line(c, &e.office),
            label: e.office.label(),
            by_new_committee: e.held_by == HeldBy::NewCommittee,
            is_delegates: matches!(e.office, Office::Delegates { .. }),
            is_body: e.office.is_body(),
            seats: e.seats,
            elected_count: elected.len(),
            single: elected.len() == 1,
            complete: elected.len() as u32 >= e.seats,
            elected,
            minutes,
        });
    }
    Ok(out)
}

/// The names elected to `office` by `held_by` (empty when it held no such election).
pub(crate) fn names_elected(c: &Congress, office: &Office, held_by: HeldBy) -> Vec<String> {
    c.election_of(office, held_by)
        .and_then(|i| c.elected(i).ok())
        .unwrap_or_default()
        .into_iter()
        .map(|w| w.name.full())
        .collect()
}

/// A show of hands as minutes record it.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct VoteLine {
    /// In favour.
    pub agree: u32,
    /// Against.
    pub against: u32,
    /// Present at the vote.
    pub voters: u32,
    /// In favour as a share of those present: "100,00%".
    pub percent: String,
}

impl VoteLine {
    /// The vote `v` of the meeting attended as `a`.
    pub fn new(v: &HandVote, a: &Attendance) -> VoteLine {
        VoteLine {
            agree: v.agree,
            against: v.against,
            voters: v.voters(a),
            percent: v.percent(a).map(|p| p.to_string()).unwrap_or_default(),
        }
    }
}

/// One round of an election as minutes record it.
#[derive(Debug, Serialize)]
pub(crate) struct RoundLine {
    /// 1, 2 …
    pub round: u32,
    /// "nhất", "hai" …
    pub round_words: String,
    /// Seats to fill in this round.
    pub seats: u32,
    /// Candidates on this round's ballot.
    pub candidates: u32,
    /// The opinion vote on nominees before the first round (round2025), if held.
    pub nominations: Option<NominationsView>,
    /// Names the meeting added to this round's list, names withdrawn from it.
    pub changes: ListChanges,
    /// The show of hands adopting this round's list, when recorded.
    pub list_vote: Option<VoteLine>,
    /// Its vote-count minutes: "02-BB/ĐH".
    pub minutes: String,
    /// Ballots issued.
    pub issued: u32,
    /// Ballots returned.
    pub returned: u32,
    /// Valid ballots.
    pub valid: u32,
    /// The elected, most votes first.
    pub elected: Vec<Winner>,
    /// How many were elected in this round.
    pub elected_count: usize,
    /// The others, most votes first, those tied at the cut-off excepted: a biên bản gives
    /// every candidate's votes, as the vote-count minutes do.
    pub not_elected: Vec<Winner>,
    /// Tied at the cut-off (re-ballot), if any.
    pub tie: Vec<String>,
    /// The votes each of those tied received.
    pub tie_votes: u32,
    /// Their share of the denominator: "59,32%".
    pub tie_percent: String,
    /// Seats still to fill after this round (tie + shortfall).
    pub seats_left: u32,
    /// Seats left unfilled for want of a majority (not a tie).
    pub shortfall: bool,
}

/// One election as minutes record it.
#[derive(Debug, Serialize)]
pub(crate) struct ElectionLine {
    /// "Ban Chấp hành Đảng bộ phường Bạch Mai, nhiệm kỳ 2020 – 2025".
    pub office: String,
    /// Delegates to the superior congress (seats allotted, not voted).
    pub is_delegates: bool,
    /// A body whose number is voted.
    pub is_body: bool,
    /// Seats.
    pub seats: u32,
    /// The show of hands on the number, when recorded.
    pub seats_vote: Option<VoteLine>,
    /// Candidates on the first ballot.
    pub list_size: u32,
    /// The vote-counting committee: "Nguyễn Thị Thu Trang (Trưởng ban)", Trưởng ban first.
    pub committee: Vec<String>,
    /// The same committee counted the previous election of the meeting.
    pub same_committee: bool,
    /// The show of hands electing the committee, when recorded.
    pub committee_vote: Option<VoteLine>,
    /// The committee was elected before the list: it counts the secret opinion vote on the
    /// nominees (round2025). Otherwise it is elected after the list is adopted (SPEC §4.5).
    pub counting_first: bool,
    /// The rounds.
    pub rounds: Vec<RoundLine>,
    /// Everyone elected over all rounds.
    pub elected_total: u32,
    /// The seats are filled.
    pub complete: bool,
    /// The bí thư the superior committee designated after three rounds without one.
    pub designated: Option<DesignatedLine>,
}

/// A designation as the papers record it (`templates/partials/designation.hbs`).
#[derive(Debug, Clone, Serialize)]
pub(crate) struct DesignatedLine {
    pub name: String,
    pub by: String,
    pub decision: String,
    /// The office with its body and term: "Bí thư Chi bộ Tổ dân phố số 12, nhiệm kỳ 2027 – 2032".
    pub office: String,
}

impl DesignatedLine {
    /// The designation of `elections[index]`, if the superior committee designated its bí thư
    /// (SPEC §2.2 "Cells": after the third round without one).
    pub fn of(c: &Congress, index: usize) -> Option<DesignatedLine> {
        let e = c.elections.get(index)?;
        e.designated.as_ref().map(|d| DesignatedLine {
            name: d.name.full(),
            by: d.by.clone(),
            decision: d.decision.clone(),
            office: office_line(c, &e.office),
        })
    }

    /// Every designation of the congress, in the order of its elections.
    pub fn all(c: &Congress) -> Vec<DesignatedLine> {
        (0..c.elections.len())
            .filter_map(|i| DesignatedLine::of(c, i))
            .collect()
    }
}

/// The elections held by `held_by`, as minutes record them; shows of hands are counted
/// against `attendance` (the congress's, or the first session's).
pub(crate) fn election_lines(
    c: &Congress,
    numbers: &PaperNumbers,
    held_by: HeldBy,
    attendance: &Attendance,
) -> Result<Vec<ElectionLine>> {
    let mut out = Vec::new();
    let mut last_committee = None;
    for (i, e) in c.elections.iter().enumerate() {
        if e.held_by != held_by {
            continue;
        }
        let mut rounds = Vec::new();
        let mut list_size = 0;
        for r in 0..e.rounds.len() {
            let el = c.election_round(i, r)?.election;
            let t = rules::tally(&el)?;
            if r == 0 {
                list_size = el.candidates.len() as u32;
            }
            let minutes = numbers
                .of(
                    DocumentKind::VoteCountMinutes,
                    About::Round {
                        election: i,
                        round: r,
                    },
                )
                .map(|n| n.symbol())
                .unwrap_or_default();
            let winner = |k: usize| Winner {
                name: t.outcomes[k].name.full(),
                votes: t.outcomes[k].votes,
                percent: t.outcomes[k].percent.to_string(),
                base: t.denominator,
                // The line is the round's own.
                later_round: None,
            };
            let elected: Vec<Winner> = t.elected.iter().map(|k| winner(*k)).collect();
            let tied = t
                .tie
                .as_ref()
                .map(|tie| tie.candidates.as_slice())
                .unwrap_or_default();
            let not_elected: Vec<Winner> = t.not_elected().into_iter().map(winner).collect();
            let tie_outcome = tied.first().map(|k| &t.outcomes[*k]);
            let tie: Vec<String> = tied.iter().map(|k| t.outcomes[*k].name.full()).collect();
            let seats_left =
                t.tie.as_ref().map(|x| x.seats_left).unwrap_or(0) + t.further_round_seats;
            rounds.push(RoundLine {
                round: el.round,
                round_words: vi::ordinal_words(el.round).unwrap_or_default(),
                seats: el.seats,
                candidates: el.candidates.len() as u32,
                nominations: if r == 0 {
                    NominationsView::of(
                        c,
                        i,
                        numbers.of(
                            DocumentKind::OpinionMinutes,
                            About::Round {
                                election: i,
                                round: 0,
                            },
                        ),
                    )
                } else {
                    None
                },
                changes: ListChanges::of(c, i, r)?,
                list_vote: e.list_votes.get(r).map(|v| VoteLine::new(v, attendance)),
                minutes,
                issued: el.ballots.issued,
                returned: el.ballots.returned,
                valid: el.ballots.valid,
                elected_count: elected.len(),
                elected,
                not_elected,
                shortfall: tie.is_empty() && seats_left > 0,
                tie,
                tie_votes: tie_outcome.map(|o| o.votes).unwrap_or_default(),
                tie_percent: tie_outcome
                    .map(|o| o.percent.to_string())
                    .unwrap_or_default(),
                seats_left,
            });
        }
        let elected_total = rounds.iter().map(|r| r.elected.len() as u32).sum();
        out.push(ElectionLine {
            office: office_line(c, &e.office),
            is_delegates: matches!(e.office, Office::Delegates { .. }),
            is_body: e.office.is_body(),
            seats: e.seats,
            seats_vote: e.seats_vote.as_ref().map(|v| VoteLine::new(v, attendance)),
            list_size,
            committee: e
                .vote_counting_committee
                .iter()
                .map(|m| format!("{} ({})", m.name.full(), m.role))
                .collect(),
            same_committee: last_committee == Some(&e.vote_counting_committee),
            committee_vote: e
                .vote_counting_committee_vote
                .as_ref()
                .map(|v| VoteLine::new(v, attendance)),
            counting_first: e.nominations.is_some(),
            complete: elected_total >= e.seats,
            elected_total,
            rounds,
            designated: DesignatedLine::of(c, i),
        });
        last_committee = Some(&e.vote_counting_committee);
    }
    Ok(out)
}

/// Whether the new committee reports to its superior: the congress elected a committee and a
/// secretary was elected (who signs the report and the request).
pub(crate) fn reports_to_superior(c: &Congress) -> bool {
    c.proceedings.is_some() && c.committee_election().is_some() && c.secretary_name().is_some()
}

/// The date of the papers to the superior: `report_to_superior.date`, else the closing day.
pub(crate) fn report_date(c: &Congress) -> Date {
    c.report_to_superior
        .map(|r| r.date)
        .unwrap_or_else(|| c.last_day())
}

/// Who approves the results: "Ban Thường vụ Quận uỷ Hai Bà Trưng" (or "cấp uỷ cấp trên").
pub(crate) fn approver(c: &Congress) -> String {
    match &c.organisation.superior_committee {
        Some(s) => format!("Ban Thường vụ {s}"),
        None => "Cấp uỷ cấp trên".to_string(),
    }
}

/// The "Nơi nhận" of the papers to the superior: the addressee, its organisation department,
/// the file.
pub(crate) fn recipients(c: &Congress) -> Vec<String> {
    let department = match &c.organisation.superior_committee {
        Some(s) => format!("{} {s}", organisation_department(c.rule_set, s)),
        None => "Ban Tổ chức cấp uỷ cấp trên".to_string(),
    };
    vec!["Như trên".to_string(), department, super::parts::filed(c)]
}

/// The department of `committee` that keeps the Party's organisation work: its Ban Tổ chức —
/// but from 1 July 2025 (`Round2025`) a ward's or commune's committee has a Ban Xây dựng Đảng
/// in its place (Quy định 298-QĐ/TW, 9/6/2025, Điều 4: Văn phòng, Ban Xây dựng Đảng and the
/// inspection committee's office; a special zone's committee keeps a Ban Tổ chức).
fn organisation_department(rule_set: RuleSet, committee: &str) -> &'static str {
    let lower = vi::respell_uy(committee, vi::UySpelling::ToneOnY).to_lowercase();
    let commune = ["đảng uỷ phường ", "đảng uỷ xã "]
        .iter()
        .any(|p| lower.starts_with(p));
    if rule_set == RuleSet::Round2025 && commune {
        "Ban Xây dựng Đảng"
    } else {
        "Ban Tổ chức"
    }
}

/// The posts a member of the new committee holds in it, from the elections.
#[derive(Debug, Clone, Copy, Default, Serialize)]
pub(crate) struct Posts {
    /// Bí thư.
    pub secretary: bool,
    /// Phó Bí thư.
    pub deputy: bool,
    /// Uỷ viên Ban Thường vụ.
    pub standing: bool,
    /// Chủ nhiệm Uỷ ban Kiểm tra.
    pub inspection_chair: bool,
    /// Uỷ viên Uỷ ban Kiểm tra.
    pub inspection: bool,
}

impl Posts {
    /// The posts of `name`.
    pub fn of(c: &Congress, name: &str) -> Posts {
        let has = |office: Office| {
            [HeldBy::Congress, HeldBy::NewCommittee]
                .into_iter()
                .any(|h| names_elected(c, &office, h).iter().any(|n| n == name))
        };
        Posts {
            secretary: has(Office::Secretary),
            deputy: has(Office::DeputySecretary),
            standing: has(Office::StandingCommittee),
            inspection_chair: has(Office::InspectionChair),
            inspection: has(Office::InspectionCommittee),
        }
    }

    /// Order on a list of the committee: secretary, deputies, standing committee, the others.
    pub fn rank(&self) -> u8 {
        if self.secretary {
            0
        } else if self.deputy {
            1
        } else if self.standing {
            2
        } else {
            3
        }
    }
}

/// Every member of the new committee has a profile in `candidates`.
pub(crate) fn has_profiles(c: &Congress) -> bool {
    let members = c.new_committee();
    !members.is_empty()
        && members
            .iter()
            .all(|m| c.candidates.iter().any(|p| p.name == m.name))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// From 1 July 2025 a ward's or commune's committee keeps its Party organisation work in a
    /// Ban Xây dựng Đảng; a special zone's, a city's and — before — every committee, in a Ban
    /// Tổ chức.
    #[test]
    fn the_superiors_organisation_department_follows_the_two_tier_structure() {
        let department = organisation_department;
        let (r2020, r2025) = (RuleSet::Round2020, RuleSet::Round2025);
        assert_eq!(
            department(r2025, "Đảng uỷ phường Bạch Mai"),
            "Ban Xây dựng Đảng"
        );
        assert_eq!(department(r2025, "Đảng ủy xã Mỹ Hưng"), "Ban Xây dựng Đảng");
        assert_eq!(department(r2025, "Đảng uỷ đặc khu Phú Quý"), "Ban Tổ chức");
        assert_eq!(department(r2025, "Thành uỷ Hà Nội"), "Ban Tổ chức");
        assert_eq!(department(r2020, "Đảng uỷ phường Bạch Mai"), "Ban Tổ chức");
        assert_eq!(department(r2020, "Quận uỷ Hai Bà Trưng"), "Ban Tổ chức");
    }
}
