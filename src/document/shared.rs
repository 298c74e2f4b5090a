//! Views several papers share, flattened into theirs (`#[serde(flatten)]`): the facts of the
//! congress held, a person on a list of names, the columns of a trích ngang.

use serde::Serialize;

use super::parts::{post_of, voting};
use crate::congress::{Congress, Proceedings};
use crate::vi::Date;

/// What the papers after the vote say of the congress held — the resolution and the report to
/// the superior open with it ("… họp ngày … tại …, với sự tham dự của … trên tổng số …"): one
/// view, flattened into theirs (`#[serde(flatten)]`).
#[derive(Debug, Serialize)]
pub(crate) struct CongressFacts {
    /// The congress's name.
    pub congress: String,
    /// "đại biểu" / "đảng viên".
    pub audience: &'static str,
    /// Who a show of hands counts: the audience, or "đảng viên chính thức có mặt" beside
    /// probationary members (`voting`).
    pub voting: &'static str,
    pub is_delegates: bool,
    pub venue: String,
    pub opened: Date,
    pub closed: Date,
    pub same_day: bool,
    pub convened: u32,
    pub present: u32,
}

impl CongressFacts {
    /// The facts of `c`, whose proceedings are `p`.
    pub fn of(c: &Congress, p: &Proceedings) -> CongressFacts {
        let a = &p.attendance;
        CongressFacts {
            congress: c.name(),
            audience: c.audience(),
            voting: voting(a, c.audience()),
            is_delegates: c.kind == crate::congress::CongressKind::Delegates,
            venue: c.venue.clone(),
            opened: c.first_day(),
            closed: c.last_day(),
            same_day: c.first_day() == c.last_day(),
            convened: a.convened,
            present: a.present,
        }
    }
}

/// Someone on a list of names (the election list, the delegates elected): the name, the year of
/// birth from their profile in `candidates` when there is one, the post (`post_of`).
#[derive(Debug, Serialize)]
pub(crate) struct ListedPerson {
    pub name: String,
    pub birth_year: Option<i32>,
    /// Chức vụ, đơn vị công tác — from the profile, else the list of the convened.
    pub position: String,
}

impl ListedPerson {
    /// `name` as the lists print it.
    pub fn of(c: &Congress, name: &crate::vi::PersonName) -> ListedPerson {
        ListedPerson {
            name: name.full(),
            birth_year: c
                .candidates
                .iter()
                .find(|p| &p.name == name)
                .map(|p| p.birth_date.year)
                .or_else(|| {
                    c.convened
                        .iter()
                        .find(|p| &p.name == name)
                        .and_then(|p| p.birth_year)
                }),
            position: post_of(c, name),
        }
    }
}

/// The columns of a trích ngang read from a profile (SPEC §4.9): the candidates' list and the
/// new committee's share them, flattened into their rows.
#[derive(Debug, Serialize)]
pub(crate) struct ProfileColumns {
    pub name: String,
    pub gender: &'static str,
    pub birth_date: Date,
    pub home_town: String,
    pub ethnicity: String,
    pub joined_party: Date,
    pub full_member: Date,
    pub education: crate::congress::Education,
    pub position: String,
    pub note: String,
}

impl From<&crate::congress::CandidateProfile> for ProfileColumns {
    fn from(p: &crate::congress::CandidateProfile) -> ProfileColumns {
        ProfileColumns {
            name: p.name.full(),
            gender: p.gender.label(),
            birth_date: p.birth_date,
            home_town: p.home_town.clone(),
            ethnicity: p.ethnicity.clone(),
            joined_party: p.joined_party,
            full_member: p.full_member,
            education: p.education.clone(),
            position: p.position.clone(),
            note: p.note.clone(),
        }
    }
}
