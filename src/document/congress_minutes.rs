//! Biên bản đại hội — the congress minutes (SPEC §4.8), numbered in the congress's sequence
//! (BB/ĐH): working bodies, attendance, reports, debate, the elections (citing each vote-count
//! minutes by its number) and the resolution vote.

use serde::Serialize;

use super::paper::{About, Item, Paper, PaperMeta, PaperNumbers};
use super::parts::{office_line, Header, Signature};
use super::programme::rules_adopted;
use crate::congress::{
    Attendance, BodyMember, Congress, HandVote, Participant, Report, SessionKind, Speech,
};
use crate::error::Result;
use crate::registry::DocumentKind;
use crate::rules::{self, CongressKind, Office};
use crate::vi::{self, Date, Time};

/// A moment: a day and a time, and the session it belongs to.
#[derive(Debug, Serialize)]
struct Moment {
    /// The day.
    date: Date,
    /// The time.
    time: Time,
    /// "phiên trù bị" / "phiên chính thức", or empty for a one-session congress.
    session: String,
}

/// A show of hands as the minutes record it.
#[derive(Debug, Serialize)]
struct VoteLine {
    /// In favour.
    agree: u32,
    /// Against.
    against: u32,
    /// Present at the vote.
    voters: u32,
    /// In favour as a share of those present: "100,00%".
    percent: String,
}

impl VoteLine {
    fn new(v: &HandVote, a: &Attendance) -> VoteLine {
        VoteLine {
            agree: v.agree,
            against: v.against,
            voters: v.voters(a),
            percent: v.percent(a).map(|p| p.to_string()).unwrap_or_default(),
        }
    }
}

/// A speech as the minutes record it.
#[derive(Debug, Serialize)]
struct SpeechLine {
    /// Who spoke.
    speaker: Participant,
    /// What was said.
    summary: String,
}

/// Someone elected, with their votes.
#[derive(Debug, Serialize)]
struct ElectedLine {
    /// Full name.
    name: String,
    /// Votes.
    votes: u32,
    /// Share of the denominator: "97,46%".
    percent: String,
}

/// One round of an election as the minutes record it.
#[derive(Debug, Serialize)]
struct RoundLine {
    /// 1, 2 …
    round: u32,
    /// "nhất", "hai" …
    round_words: String,
    /// Seats to fill in this round.
    seats: u32,
    /// Candidates on this round's ballot.
    candidates: u32,
    /// Its vote-count minutes: "02-BB/ĐH".
    minutes: String,
    /// Ballots issued.
    issued: u32,
    /// Valid ballots.
    valid: u32,
    /// The elected, most votes first.
    elected: Vec<ElectedLine>,
    /// Tied at the cut-off (re-ballot), if any.
    tie: Vec<String>,
    /// Seats still to fill after this round (tie + shortfall).
    seats_left: u32,
    /// How many were elected in this round.
    elected_count: usize,
    /// Seats left unfilled for want of a majority (not a tie).
    shortfall: bool,
}

/// One election as the minutes record it.
#[derive(Debug, Serialize)]
struct ElectionLine {
    /// "Ban Chấp hành Đảng bộ phường Bạch Mai, nhiệm kỳ 2020 – 2025".
    office: String,
    /// Delegates to the superior congress (seats allotted, not voted).
    is_delegates: bool,
    /// Seats.
    seats: u32,
    /// Candidates on the first ballot.
    list_size: u32,
    /// The vote-counting committee: "Nguyễn Thị Thu Trang (Trưởng ban)", Trưởng ban first.
    committee: Vec<String>,
    /// The rounds.
    rounds: Vec<RoundLine>,
    /// Everyone elected over all rounds, most votes first within each round.
    elected_total: u32,
    /// The seats are filled.
    complete: bool,
}

/// Figures and section numbers the minutes print.
#[derive(Debug, Serialize)]
struct Computed {
    absent: u32,
    same_day: bool,
    guests_count: usize,
    presidium_many: bool,
    presidium_count: usize,
    secretariat_count: usize,
    credentials_count: usize,
    secretariat_many: bool,
    discussion_count: usize,
    /// Roman numbers of the sections present (no gaps).
    section: Sections,
}

/// The Roman number of each section present ("I", "II" …); `None` for an absent section.
#[derive(Debug, Serialize)]
struct Sections {
    bodies: Option<String>,
    reports: Option<String>,
    discussion: Option<String>,
    remarks: Option<String>,
    elections: Option<String>,
    resolution: Option<String>,
}

/// Biên bản đại hội — the congress minutes, numbered in the congress's sequence (BB/ĐH).
#[derive(Debug, Serialize)]
struct CongressMinutes {
    /// Header: the organisation over the congress, "Số 06-BB/ĐH", dated the closing day.
    header: Header,
    /// The congress's full name.
    congress: String,
    /// "đại biểu" or "đảng viên".
    audience: String,
    /// A delegates' congress.
    delegates: bool,
    /// The venue.
    venue: String,
    /// Khai mạc.
    opened: Moment,
    /// Bế mạc.
    closed: Moment,
    /// Who was there.
    attendance: Attendance,
    /// The guests.
    guests: Vec<Participant>,
    /// Đoàn Chủ tịch.
    presidium: Vec<Participant>,
    /// Đoàn Thư ký.
    secretariat: Vec<Participant>,
    /// Ban Thẩm tra tư cách đại biểu.
    credentials_committee: Vec<Participant>,
    /// The vote on the working bodies.
    working_bodies_vote: VoteLine,
    /// The vote on the programme and rules.
    rules_vote: VoteLine,
    /// What that vote adopted: "chương trình, quy chế làm việc và quy chế bầu cử của Đại hội".
    rules_adopted: String,
    /// Health measures taken.
    health_measures: Vec<String>,
    /// The reports heard.
    reports: Vec<Report>,
    /// The debate.
    discussion: Vec<SpeechLine>,
    /// The superior's remarks.
    superior_remarks: Vec<SpeechLine>,
    /// The elections.
    elections: Vec<ElectionLine>,
    /// The resolution vote.
    resolution: VoteLine,
    /// T/M ĐOÀN CHỦ TỊCH (right).
    signature: Signature,
    /// THƯ KÝ (left).
    co_signature: Signature,
    computed: Computed,
}

/// The minutes, when the congress records its proceedings.
pub(crate) fn items(c: &Congress) -> Vec<Item> {
    match &c.proceedings {
        Some(p) => vec![Item::new(About::Congress, c.last_day()).pin(
            p.minutes_number,
            crate::error::Path::from("proceedings.minutes_number"),
        )],
        None => Vec::new(),
    }
}

pub(crate) fn build(congress: &Congress, item: &Item, numbers: &PaperNumbers) -> Result<Paper> {
    let p = congress.proceedings()?;
    let a = &p.attendance;
    let label = |k: SessionKind| {
        if congress.sessions.len() > 1 {
            k.label().to_lowercase()
        } else {
            String::new()
        }
    };
    let first = congress.sessions.first();
    let last = congress.sessions.last();
    let opened = Moment {
        date: congress.first_day(),
        time: first.map(|s| s.start).unwrap_or_default(),
        session: first.map(|s| label(s.kind)).unwrap_or_default(),
    };
    let closed = Moment {
        date: congress.last_day(),
        time: last.and_then(|s| s.end).unwrap_or_default(),
        session: last.map(|s| label(s.kind)).unwrap_or_default(),
    };
    let mut elections = Vec::new();
    for (i, e) in congress.elections.iter().enumerate() {
        let mut rounds = Vec::new();
        let mut list_size = 0;
        for r in 0..e.rounds.len() {
            let el = congress.election_round(i, r)?.election;
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
            let elected: Vec<ElectedLine> = t
                .elected
                .iter()
                .map(|k| ElectedLine {
                    name: t.outcomes[*k].name.full(),
                    votes: t.outcomes[*k].votes,
                    percent: t.outcomes[*k].percent.to_string(),
                })
                .collect();
            let tie: Vec<String> = t
                .tie
                .as_ref()
                .map(|tie| {
                    tie.candidates
                        .iter()
                        .map(|k| t.outcomes[*k].name.full())
                        .collect()
                })
                .unwrap_or_default();
            let seats_left =
                t.tie.as_ref().map(|x| x.seats_left).unwrap_or(0) + t.further_round_seats;
            rounds.push(RoundLine {
                round: el.round,
                round_words: vi::ordinal_words(el.round).unwrap_or_default(),
                seats: el.seats,
                candidates: el.candidates.len() as u32,
                minutes,
                issued: el.ballots.issued,
                valid: el.ballots.valid,
                elected_count: elected.len(),
                elected,
                shortfall: tie.is_empty() && seats_left > 0,
                tie,
                seats_left,
            });
        }
        let elected_total = rounds.iter().map(|r| r.elected.len() as u32).sum();
        elections.push(ElectionLine {
            office: office_line(congress, &e.office),
            is_delegates: matches!(e.office, Office::Delegates { .. }),
            seats: e.seats,
            list_size,
            committee: e
                .vote_counting_committee
                .iter()
                .map(|m: &BodyMember| format!("{} ({})", m.name.full(), m.role))
                .collect(),
            complete: elected_total == e.seats,
            elected_total,
            rounds,
        });
    }
    let speeches = |list: &[Speech]| {
        list.iter()
            .filter_map(|s| {
                p.speaker(&congress.guests, s).map(|speaker| SpeechLine {
                    speaker,
                    summary: s.summary.clone(),
                })
            })
            .collect::<Vec<_>>()
    };
    let discussion = speeches(&p.discussion);
    let superior_remarks = speeches(&p.superior_remarks);
    // Section numbers (Roman) follow the sections present.
    let mut next = 0u32;
    let mut section = |present: bool| {
        present.then(|| {
            next += 1;
            vi::roman(next).unwrap_or_default()
        })
    };
    let sections = Sections {
        bodies: section(true),
        reports: section(true),
        discussion: section(!discussion.is_empty()),
        remarks: section(!superior_remarks.is_empty()),
        elections: section(!elections.is_empty()),
        resolution: section(true),
    };
    let computed = Computed {
        absent: a.convened.saturating_sub(a.present),
        same_day: opened.date == closed.date,
        guests_count: congress.guests.len(),
        presidium_many: p.presidium.len() > 1,
        presidium_count: p.presidium.len(),
        secretariat_count: p.secretariat.len(),
        credentials_count: p.credentials_committee.len(),
        secretariat_many: p.secretariat.len() > 1,
        discussion_count: discussion.len(),
        section: sections,
    };
    let header = Header::congress(congress, item.number.clone(), closed.date);
    let meta = PaperMeta::new(
        DocumentKind::CongressMinutes,
        item.about,
        format!("Biên bản {}", congress.name()),
        congress.name(),
        &header.issuer,
        header.date,
        header.number.as_ref(),
    );
    let view = CongressMinutes {
        header,
        congress: congress.name(),
        audience: congress.audience().to_string(),
        delegates: congress.kind == CongressKind::Delegates,
        venue: congress.venue.clone(),
        opened,
        closed,
        attendance: a.clone(),
        guests: congress
            .guests
            .iter()
            .map(|g| Participant {
                name: g.name.clone(),
                title: g.title.clone(),
            })
            .collect(),
        presidium: p.presidium.clone(),
        secretariat: p.secretariat.clone(),
        credentials_committee: p.credentials_committee.clone(),
        working_bodies_vote: VoteLine::new(&p.working_bodies_vote, a),
        rules_vote: VoteLine::new(&p.rules_vote, a),
        rules_adopted: rules_adopted(&congress.sessions).to_string(),
        health_measures: p.health_measures.clone(),
        reports: p.reports.clone(),
        discussion,
        superior_remarks,
        elections,
        resolution: VoteLine::new(&p.resolution.vote, a),
        signature: Signature::presidium(p),
        co_signature: Signature::secretariat(p),
        computed,
    };
    Ok(Paper::new(meta, view))
}
