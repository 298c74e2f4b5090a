//! Biên bản kiểm phiếu — the vote-count minutes of one election round (SPEC §4.7), computed from
//! the counts with `rules::tally`, so the minutes can never disagree with the arithmetic.

use serde::Serialize;

use super::nominations::{ListChanges, Nominee};
use super::paper::{About, Item, Paper, PaperMeta, PaperNumbers};
use super::parts::{
    designation_due, office_line, round_items, ExclusionLine, Header, Meeting, Signature,
};
use crate::congress::{BodyMember, Congress};
use crate::error::Result;
use crate::registry::DocumentKind;
use crate::rules::{self, Office, Status};
use crate::vi::{self, Time};

/// The minutes' view (`templates/vote-count-minutes.hbs`).
#[derive(Debug, Serialize)]
struct VoteCountMinutes {
    /// The congress over "BAN KIỂM PHIẾU", "Số 05-BB/ĐH" (at the new committee's first
    /// session, the committee over it, numbered in its sequence).
    header: Header,
    /// The meeting that votes: the congress's full name, or its first session's.
    congress: String,
    /// "Đại hội" / "Hội nghị".
    meeting: &'static str,
    /// What is elected, as a line.
    office: String,
    /// The counts and the list in ballot order — the single source of every number.
    election: rules::Election,
    /// The vote-counting committee, Trưởng ban first.
    committee: Vec<BodyMember>,
    /// Names the meeting added to the list, names withdrawn from it.
    changes: ListChanges,
    /// The note beside each name of `election.candidates`.
    notes: Vec<Option<Nominee>>,
    closed_at: Option<Time>,
    /// T/M BAN KIỂM PHIẾU / TRƯỞNG BAN.
    signature: Signature,
    /// What the tally computed.
    tally: TallyView,
}

/// One candidate as the minutes print them.
#[derive(Debug, Serialize)]
struct ResultLine {
    name: String,
    votes: u32,
    /// Valid ballots not for the candidate ("Không đồng ý", on a list without surplus).
    against: u32,
    percent: String,
    status: &'static str,
}

#[derive(Debug, Serialize)]
struct TieLine {
    names: Vec<String>,
    votes: Option<u32>,
    percent: Option<String>,
    seats_left: u32,
}

#[derive(Debug, Serialize)]
struct TallyView {
    /// "đảng viên chính thức" / "đại biểu chính thức" / "uỷ viên Ban Chấp hành".
    voters: String,
    round_words: String,
    later_round: bool,
    candidates_count: usize,
    convened: u32,
    absent: u32,
    invalid_total: u32,
    denominator: u32,
    votes_needed: u32,
    exclusions: Vec<ExclusionLine>,
    /// Every candidate, in ballot order.
    results: Vec<ResultLine>,
    /// The elected, most votes first.
    elected: Vec<ResultLine>,
    tie: Option<TieLine>,
    /// The not elected, most votes first ([`rules::Tally::not_elected`]: the order the announcement
    /// and the congress minutes read them in).
    not_elected: Vec<ResultLine>,
    further_round_seats: u32,
    /// The elected fill the seats of the round ("vừa đủ số lượng cần bầu"): no tie at the last
    /// seat, none left for a further round.
    filled: bool,
    next_round_words: String,
    is_delegates: bool,
    /// No surplus: the ballot has "Đồng ý / Không đồng ý" columns, and the results give both.
    agree_columns: bool,
    /// One candidate on the list (singular wording).
    single: bool,
    /// A body of several members (a committee, the inspection committee): the meeting has
    /// voted its number of seats; for an office (bí thư, phó bí thư, chủ nhiệm) it votes none.
    is_body: bool,
    /// A cell's third round without a bí thư: the superior committee designates one.
    designation_due: bool,
}

/// One set of minutes per election round, numbered in the congress's sequence.
pub(crate) fn items(c: &Congress) -> Vec<Item> {
    round_items(c)
}

pub(crate) fn build(c: &Congress, item: &Item, _: &PaperNumbers) -> Result<Paper> {
    let number = item.number.clone();
    let About::Round { election, round } = item.about else {
        return Err(item.unexpected());
    };
    let record = c.elections.get(election).ok_or_else(|| item.unexpected())?;
    let counts = record.rounds.get(round).ok_or_else(|| item.unexpected())?;
    let e = c.election_round(election, round)?.election;
    let t = rules::tally(&e)?;
    let meeting = Meeting::of(c, record);
    let line = |i: usize| {
        let o = &t.outcomes[i];
        ResultLine {
            name: o.name.full(),
            votes: o.votes,
            against: e.ballots.valid.saturating_sub(o.votes),
            percent: o.percent.to_string(),
            status: match o.status {
                Status::Elected => "Trúng cử",
                Status::TieNeedsRevote { .. } => "Bằng phiếu, bầu lại",
                Status::Outranked => "Không trúng cử (quá bán nhưng ít phiếu hơn)",
                Status::NotQualified => "Không trúng cử (không quá bán)",
            },
        }
    };
    let tally = TallyView {
        voters: meeting.voters.clone(),
        round_words: vi::ordinal_words(e.round).unwrap_or_default(),
        later_round: e.round > 1,
        candidates_count: e.candidates.len(),
        convened: e.denominator.convened,
        absent: e.denominator.convened.saturating_sub(e.present),
        invalid_total: e.ballots.invalid.iter().map(|x| x.count).sum(),
        denominator: t.denominator,
        votes_needed: t.votes_needed,
        exclusions: ExclusionLine::all(&e),
        results: (0..t.outcomes.len()).map(line).collect(),
        elected: t.elected.iter().map(|i| line(*i)).collect(),
        tie: t.tie.as_ref().map(|tie| TieLine {
            names: tie
                .candidates
                .iter()
                .map(|i| t.outcomes[*i].name.full())
                .collect(),
            votes: tie.candidates.first().map(|i| t.outcomes[*i].votes),
            percent: tie
                .candidates
                .first()
                .map(|i| t.outcomes[*i].percent.to_string()),
            seats_left: tie.seats_left,
        }),
        not_elected: t.not_elected().into_iter().map(line).collect(),
        further_round_seats: t.further_round_seats,
        filled: t.tie.is_none() && t.further_round_seats == 0,
        next_round_words: vi::ordinal_words(e.round + 1).unwrap_or_default(),
        is_delegates: matches!(e.office, Office::Delegates { .. }),
        agree_columns: e.candidates.len() as u32 == e.seats,
        single: e.candidates.len() == 1,
        is_body: e.office.is_body(),
        designation_due: designation_due(c, &e, t.elected.is_empty()),
    };
    let office = office_line(c, &e.office);
    // The first session is held during the congress: its counts are the congress's papers,
    // numbered in its sequence (SPEC §3.4) under its header, as the count of a bí thư elected
    // by the new chi uỷ is (123doc.top/document/11336936, SPEC §4.7).
    let header = Header::working_body(c, "Ban kiểm phiếu", number, record.date);
    let round_note = if e.round > 1 {
        format!(" (lần {})", e.round)
    } else {
        String::new()
    };
    let meta = PaperMeta::new(
        DocumentKind::VoteCountMinutes,
        item.about,
        format!("Biên bản kiểm phiếu — {office}{round_note}"),
        meeting.name.clone(),
        "Ban kiểm phiếu",
        header.date,
        header.number.as_ref(),
    );
    let head = record.vote_counting_committee.first();
    let changes = ListChanges::of(c, election, round)?;
    let notes = changes.notes(&e.candidates);
    let view = VoteCountMinutes {
        header,
        changes,
        notes,
        congress: meeting.name,
        meeting: meeting.noun,
        office,
        election: e,
        committee: record.vote_counting_committee.clone(),
        closed_at: counts.closed_at,
        signature: Signature::new(
            "T/M BAN KIỂM PHIẾU",
            "TRƯỞNG BAN",
            head.map(|m| m.name.full()).unwrap_or_default(),
        ),
        tally,
    };
    Ok(Paper::new(meta, view))
}
