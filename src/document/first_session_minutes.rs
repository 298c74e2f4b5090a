//! Biên bản Hội nghị lần thứ nhất — the minutes of the new committee's first session, held
//! during the congress (numbered in the congress's sequence, BB/ĐH: the new committee's term
//! and its sequence begin the day after the closing, SPEC §3.4): who attended, who convened it,
//! the presidium and clerk it elected and their vote, and each election (the votes on the
//! number and the list, the vote-count minutes by number, who was elected). Signed by its
//! presidium and its clerk.

use serde::Serialize;

use super::paper::{About, Item, Paper, PaperMeta, PaperNumbers};
use super::parts::{committee_office, new_office_line, Header, Person, Signature};
use super::results::{election_lines, ElectionLine, VoteLine};
use crate::congress::{Absence, Congress, HeldBy};
use crate::error::Result;
use crate::registry::DocumentKind;
use crate::vi::{Date, Time};

/// The minutes' view (`templates/first-session-minutes.hbs`).
#[derive(Debug, Serialize)]
struct FirstSessionMinutes {
    /// The congress's header, "Số 14-BB/ĐH", dated the session's day.
    header: Header,
    /// "Ban Chấp hành Đảng bộ phường Bạch Mai, nhiệm kỳ 2020 – 2025".
    committee: String,
    /// "Ban Chấp hành" / "Chi uỷ".
    label: String,
    /// The congress it is held in.
    congress: String,
    date: Date,
    start: Time,
    end: Time,
    venue: String,
    convened: u32,
    present: u32,
    absent: u32,
    absences: Vec<Absence>,
    /// Triệu tập viên, who opened the session.
    chair: Person,
    /// The chair (or presidium) the session elected, the head first.
    presidium: Vec<Person>,
    clerk: Person,
    /// The show of hands electing the presidium and the clerk.
    presidium_vote: Option<VoteLine>,
    /// "uỷ viên Ban Chấp hành".
    voters: String,
    elections: Vec<ElectionLine>,
    /// T/M ĐOÀN CHỦ TỊCH HỘI NGHỊ or CHỦ TỊCH HỘI NGHỊ (right).
    signature: Signature,
    /// THƯ KÝ HỘI NGHỊ (left).
    co_signature: Signature,
}

/// The minutes, when the first session is held.
pub(crate) fn items(c: &Congress) -> Vec<Item> {
    match c
        .proceedings
        .as_ref()
        .and_then(|p| p.first_session.as_ref())
    {
        Some(fs) => vec![Item::new(About::Congress, fs.date).pin(
            fs.minutes_number,
            crate::error::Path::from("proceedings.first_session.minutes_number"),
        )],
        None => Vec::new(),
    }
}

pub(crate) fn build(c: &Congress, item: &Item, numbers: &PaperNumbers) -> Result<Paper> {
    let p = c.proceedings()?;
    let fs = p.first_session.as_ref().ok_or_else(|| item.unexpected())?;
    let office = committee_office(c);
    let convened = c.new_committee().len() as u32;
    let attendance = fs.attendance(convened);
    // The committee by its khoá, as the Đề án names it and as reports of such sessions do
    // ("BCH Đảng bộ tỉnh khóa XVII tổ chức Hội nghị lần thứ Nhất", baohagiang.vn, 17/10/2020).
    let committee = new_office_line(c, &office);
    let header = Header::congress(c, item.number.clone(), fs.date);
    let meta = PaperMeta::new(
        DocumentKind::FirstSessionMinutes,
        item.about,
        format!("Biên bản Hội nghị lần thứ nhất {committee}"),
        c.name(),
        &header.issuer,
        header.date,
        header.number.as_ref(),
    );
    let view = FirstSessionMinutes {
        header,
        label: office.label(),
        voters: format!("uỷ viên {}", office.label()),
        committee,
        congress: c.name(),
        date: fs.date,
        start: fs.start,
        end: fs.end,
        venue: fs.venue.clone().unwrap_or_else(|| c.venue.clone()),
        convened,
        present: fs.present,
        absent: convened.saturating_sub(fs.present),
        absences: fs.absences.clone(),
        chair: Person::from(&fs.chair),
        presidium: fs.presidium.iter().map(Person::from).collect(),
        clerk: Person::from(&fs.clerk),
        presidium_vote: fs
            .presidium_vote
            .as_ref()
            .map(|v| VoteLine::new(v, &attendance)),
        elections: election_lines(c, numbers, HeldBy::NewCommittee, &attendance)?,
        signature: Signature::session_presidium(fs),
        co_signature: Signature::new("THƯ KÝ HỘI NGHỊ", "", fs.clerk.name.full()),
    };
    Ok(Paper::new(meta, view))
}
