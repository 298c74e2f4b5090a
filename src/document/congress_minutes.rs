//! Biên bản đại hội — the congress minutes (SPEC §4.8), numbered in the congress's sequence
//! (BB/ĐH): working bodies, the rules and the credentials report adopted (citing them by
//! number), attendance, reports, debate, the elections (the votes on the number and the list,
//! each vote-count minutes by its number), the new committee's first session and presentation,
//! and the resolution (by its number) and its vote.

use serde::Serialize;

use super::paper::{About, Item, Paper, PaperMeta, PaperNumbers};
use super::parts::{
    committee_office, convening_cell_body, members_reporter, office_line, Header, Person, Signature,
};
use super::programme::rules_adopted;
use super::results::{election_lines, office_results, ElectionLine, OfficeResult, VoteLine};
use crate::congress::{Attendance, Congress, HeldBy, Participant, Report, SessionKind, Speech};
use crate::error::Result;
use crate::registry::DocumentKind;
use crate::rules::CongressKind;
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

/// A speech as the minutes record it.
#[derive(Debug, Serialize)]
struct SpeechLine {
    /// Who spoke.
    speaker: Participant,
    /// What was said.
    summary: String,
}

/// The new committee's first session and presentation, as the congress minutes record them.
#[derive(Debug, Serialize)]
struct FirstSessionLine {
    /// "Ban Chấp hành Đảng bộ phường Bạch Mai, nhiệm kỳ 2020 – 2025".
    committee: String,
    /// "Ban Chấp hành" / "Chi uỷ".
    label: String,
    /// Its minutes: "06-BB/ĐU".
    minutes: Option<String>,
    start: Time,
    end: Time,
    present: u32,
    convened: u32,
    chair: Participant,
    /// What it elected.
    results: Vec<OfficeResult>,
    /// The secretary, who spoke for the new committee.
    secretary: Option<String>,
}

/// The numbers of the congress's papers the minutes cite.
#[derive(Debug, Serialize)]
struct Cited {
    programme: Option<String>,
    standing_orders: Option<String>,
    election_rules: Option<String>,
    credentials: Option<String>,
    resolution: Option<String>,
}

/// Figures and section numbers the minutes print.
#[derive(Debug, Serialize)]
struct Computed {
    absent: u32,
    /// Probationary members present, who do not vote (the partial `non-voting`).
    probationary_present: u32,
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
    /// Who a show of hands counts: the audience, or "đảng viên chính thức có mặt" beside
    /// probationary members (`parts::voting`).
    voting: &'static str,
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
    /// The guests, by full name: a name in parts is four entries more in the context, which
    /// at 10 000 guests was 6 MB more of it.
    guests: Vec<Person>,
    /// Đoàn Chủ tịch.
    presidium: Vec<Participant>,
    /// Đoàn Thư ký.
    secretariat: Vec<Participant>,
    /// Ban Thẩm tra tư cách đại biểu.
    credentials_committee: Vec<Participant>,
    /// Who presents a members' congress's report on the members attending, and for whom
    /// ("Chi uỷ"; a cell without one: "Chi bộ"), as the script has them.
    members_reporter: Person,
    convening_body: &'static str,
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
    /// The elections of the congress.
    elections: Vec<ElectionLine>,
    /// The new committee's first session and presentation, when held.
    first_session: Option<FirstSessionLine>,
    /// The resolution vote.
    resolution: VoteLine,
    /// The credentials report's adoption, when recorded.
    credentials_vote: Option<VoteLine>,
    /// The numbers of the papers the minutes cite: "01-CTr/ĐH" …
    numbers: Cited,
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
    let elections = election_lines(congress, numbers, HeldBy::Congress, a)?;
    let first_session = match &p.first_session {
        Some(fs) => {
            let office = committee_office(congress);
            let convened = congress.new_committee().len() as u32;
            Some(FirstSessionLine {
                committee: office_line(congress, &office),
                label: office.label(),
                minutes: numbers
                    .of(DocumentKind::FirstSessionMinutes, About::Congress)
                    .map(|n| n.symbol()),
                start: fs.start,
                end: fs.end,
                present: fs.present,
                convened,
                // The chair the session elected presides over it (QĐ 29-QĐ/TW mục 15.1).
                chair: fs.presidium.first().unwrap_or(&fs.chair).clone(),
                results: office_results(congress, numbers)?
                    .into_iter()
                    .filter(|r| r.by_new_committee)
                    .collect(),
                secretary: congress.elected_secretary().map(|s| s.name.full()),
            })
        }
        None => None,
    };
    let paper = |kind| {
        numbers
            .of(kind, About::Congress)
            .map(|n: crate::congress::DocNumber| n.symbol())
    };
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
        elections: section(!elections.is_empty() || first_session.is_some()),
        resolution: section(true),
    };
    let computed = Computed {
        probationary_present: p.attendance.probationary_present(),
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
        voting: super::parts::voting(&p.attendance, congress.audience()),
        delegates: congress.kind == CongressKind::Delegates,
        venue: congress.venue.clone(),
        opened,
        closed,
        attendance: a.clone(),
        guests: congress.guests.iter().map(Person::from).collect(),
        presidium: p.presidium.clone(),
        secretariat: p.secretariat.clone(),
        credentials_committee: p.credentials_committee.clone(),
        members_reporter: members_reporter(congress),
        convening_body: convening_cell_body(congress),
        working_bodies_vote: VoteLine::new(&p.working_bodies_vote, a),
        rules_vote: VoteLine::new(&p.rules_vote, a),
        rules_adopted: rules_adopted(congress).to_string(),
        health_measures: p.health_measures.clone(),
        reports: p.reports.clone(),
        discussion,
        superior_remarks,
        elections,
        first_session,
        resolution: VoteLine::new(&p.resolution.vote, a),
        credentials_vote: p.credentials.as_ref().map(|x| VoteLine::new(&x.vote, a)),
        numbers: Cited {
            programme: paper(DocumentKind::Programme),
            standing_orders: paper(DocumentKind::StandingOrders),
            election_rules: paper(DocumentKind::ElectionRules),
            credentials: paper(DocumentKind::CredentialsReport),
            resolution: paper(DocumentKind::Resolution),
        },
        signature: Signature::presidium(p),
        co_signature: Signature::secretariat(p),
        computed,
    };
    Ok(Paper::new(meta, view))
}
