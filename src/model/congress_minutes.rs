//! Biên bản đại hội — the congress minutes (SPEC §4.8): when it opened and closed, who was there,
//! the working bodies, the reports, the debate, the superior's remarks, each election with the
//! number of its vote-count minutes and its result, the resolution vote. The elections come from
//! the same tallies and the same numbering as the vote-count minutes, so both papers always agree.

use serde::{Deserialize, Serialize};

use super::common::{DocNumber, Header, Signature, Validator};
use super::congress::Congress;
use super::election::{office_line, BodyMember};
use super::numbering::Slot;
use super::personnel::Participant;
use super::proceedings::{Attendance, HandVote, Report};
use super::{DocMeta, Document, DocumentKind};
use crate::error::{Diagnostic, Result};
use crate::rules::{self, CongressKind, Office};
use crate::vi::{self, Date, Time};

/// A moment: a day and a time, and the session it belongs to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Moment {
    /// The day.
    pub date: Date,
    /// The time.
    pub time: Time,
    /// "phiên trù bị" / "phiên chính thức", or empty for a one-session congress.
    #[serde(default)]
    pub session: String,
}

/// A show of hands as the minutes record it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct VoteLine {
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
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SpeechLine {
    /// Who spoke.
    pub speaker: Participant,
    /// What was said.
    pub summary: String,
}

/// Someone elected, with their votes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ElectedLine {
    /// Full name.
    pub name: String,
    /// Votes.
    pub votes: u32,
    /// Share of the denominator: "97,46%".
    pub percent: String,
}

/// One round of an election as the minutes record it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RoundLine {
    /// 1, 2 …
    pub round: u32,
    /// "nhất", "hai" …
    pub round_words: String,
    /// Seats to fill in this round.
    pub seats: u32,
    /// Candidates on this round's ballot.
    pub candidates: u32,
    /// Its vote-count minutes: "02-BB/ĐH".
    pub minutes: String,
    /// Ballots issued.
    pub issued: u32,
    /// Valid ballots.
    pub valid: u32,
    /// The elected, most votes first.
    pub elected: Vec<ElectedLine>,
    /// Tied at the cut-off (re-ballot), if any.
    #[serde(default)]
    pub tie: Vec<String>,
    /// Seats still to fill after this round (tie + shortfall).
    pub seats_left: u32,
}

/// One election as the minutes record it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ElectionLine {
    /// "Ban Chấp hành Đảng bộ phường Bạch Mai, nhiệm kỳ 2020 – 2025".
    pub office: String,
    /// Delegates to the superior congress (seats allotted, not voted).
    pub is_delegates: bool,
    /// Seats.
    pub seats: u32,
    /// Candidates on the first ballot.
    pub list_size: u32,
    /// The vote-counting committee: "Nguyễn Thị Thu Trang (Trưởng ban)", Trưởng ban first.
    pub committee: Vec<String>,
    /// The rounds.
    pub rounds: Vec<RoundLine>,
    /// Everyone elected over all rounds, most votes first within each round.
    pub elected_total: u32,
}

/// Biên bản đại hội — the congress minutes, numbered in the congress's sequence (BB/ĐH).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CongressMinutes {
    /// Header: the organisation over the congress, "Số 06-BB/ĐH", dated the closing day.
    pub header: Header,
    /// The congress's full name.
    pub congress: String,
    /// "đại biểu" or "đảng viên".
    pub audience: String,
    /// A delegates' congress.
    pub delegates: bool,
    /// The venue.
    pub venue: String,
    /// Khai mạc.
    pub opened: Moment,
    /// Bế mạc.
    pub closed: Moment,
    /// Who was there.
    pub attendance: Attendance,
    /// The guests.
    pub guests: Vec<Participant>,
    /// Đoàn Chủ tịch.
    pub presidium: Vec<Participant>,
    /// Đoàn Thư ký.
    pub secretariat: Vec<Participant>,
    /// Ban Thẩm tra tư cách đại biểu.
    pub credentials_committee: Vec<Participant>,
    /// The vote on the working bodies.
    pub working_bodies_vote: VoteLine,
    /// The vote on the programme and rules.
    pub rules_vote: VoteLine,
    /// What that vote adopted: "chương trình, quy chế làm việc và quy chế bầu cử của Đại hội".
    pub rules_adopted: String,
    /// Health measures taken.
    pub health_measures: Vec<String>,
    /// The reports heard.
    pub reports: Vec<Report>,
    /// The debate.
    pub discussion: Vec<SpeechLine>,
    /// The superior's remarks.
    pub superior_remarks: Vec<SpeechLine>,
    /// The elections.
    pub elections: Vec<ElectionLine>,
    /// The resolution vote.
    pub resolution: VoteLine,
    /// T/M ĐOÀN CHỦ TỊCH (right).
    pub signature: Signature,
    /// THƯ KÝ (left).
    pub co_signature: Signature,
}

impl CongressMinutes {
    /// The minutes of `congress`.
    pub fn for_congress(congress: &Congress) -> Result<CongressMinutes> {
        let p = super::proceedings::required(congress)?;
        let a = &p.attendance;
        let label = |k: super::congress::SessionKind| {
            if congress.sessions.len() > 1 {
                k.label().to_lowercase()
            } else {
                String::new()
            }
        };
        let first = congress.sessions.first();
        let last = congress.sessions.last();
        let opened = Moment {
            date: first.map(|s| s.date).unwrap_or(congress.summons.date),
            time: first.map(|s| s.start).unwrap_or_default(),
            session: first.map(|s| label(s.kind)).unwrap_or_default(),
        };
        let closed = Moment {
            date: last.map(|s| s.date).unwrap_or(opened.date),
            time: last.and_then(|s| s.end).unwrap_or_default(),
            session: last.map(|s| label(s.kind)).unwrap_or_default(),
        };
        let numbers = congress.numbers();
        let mut elections = Vec::new();
        for (i, e) in congress.elections.iter().enumerate() {
            let mut rounds = Vec::new();
            let mut list_size = 0;
            for r in 0..e.rounds.len() {
                let el = congress.election_round(i, r)?;
                let t = rules::tally(&el)?;
                if r == 0 {
                    list_size = el.candidates.len() as u32;
                }
                let number = DocNumber::new(
                    numbers.get(Slot::VoteCountMinutes(i, r)).unwrap_or(1),
                    "BB",
                    "ĐH",
                );
                rounds.push(RoundLine {
                    round: el.round,
                    round_words: vi::ordinal_words(el.round).unwrap_or_default(),
                    seats: el.seats,
                    candidates: el.candidates.len() as u32,
                    minutes: number.symbol(),
                    issued: el.ballots.issued,
                    valid: el.ballots.valid,
                    elected: t
                        .elected
                        .iter()
                        .map(|k| ElectedLine {
                            name: t.outcomes[*k].name.full(),
                            votes: t.outcomes[*k].votes,
                            percent: t.outcomes[*k].percent.to_string(),
                        })
                        .collect(),
                    tie: t
                        .tie
                        .as_ref()
                        .map(|tie| {
                            tie.candidates
                                .iter()
                                .map(|k| t.outcomes[*k].name.full())
                                .collect()
                        })
                        .unwrap_or_default(),
                    seats_left: t.tie.as_ref().map(|x| x.seats_left).unwrap_or(0)
                        + t.further_round_seats,
                });
            }
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
                elected_total: rounds.iter().map(|r| r.elected.len() as u32).sum(),
                rounds,
            });
        }
        let speeches = |list: &[super::proceedings::Speech]| {
            list.iter()
                .filter_map(|s| {
                    p.speaker(&congress.guests, s).map(|speaker| SpeechLine {
                        speaker,
                        summary: s.summary.clone(),
                    })
                })
                .collect::<Vec<_>>()
        };
        Ok(CongressMinutes {
            header: congress.congress_header(
                Some(DocNumber::new(
                    numbers.get(Slot::CongressMinutes).unwrap_or(1),
                    DocumentKind::CongressMinutes.type_code(),
                    "ĐH",
                )),
                closed.date,
            ),
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
            rules_adopted: p.rules_adopted(congress).to_string(),
            health_measures: p.health_measures.clone(),
            reports: p.reports.clone(),
            discussion: speeches(&p.discussion),
            superior_remarks: speeches(&p.superior_remarks),
            elections,
            resolution: VoteLine::new(&p.resolution.vote, a),
            signature: p.presidium_signature(),
            co_signature: p.secretariat_signature(),
        })
    }
}

impl Document for CongressMinutes {
    fn kind(&self) -> DocumentKind {
        DocumentKind::CongressMinutes
    }

    fn validate(&self) -> Vec<Diagnostic> {
        let mut v = Validator::new();
        v.header(&self.header);
        v.text("congress", &self.congress);
        v.text("venue", &self.venue);
        if (self.closed.date, self.closed.time) <= (self.opened.date, self.opened.time) {
            v.problem("closed", "the congress closes before it opens");
        }
        if self.attendance.present > self.attendance.convened {
            v.problem("attendance.present", "more present than convened");
        }
        for (field, s) in [
            ("signature", &self.signature),
            ("co_signature", &self.co_signature),
        ] {
            v.at(field, |v| {
                v.text("authority", &s.authority);
                v.text("name", &s.name);
            });
        }
        v.finish()
    }

    fn meta(&self) -> DocMeta {
        DocMeta::new(
            self.kind(),
            &self.header,
            format!("Biên bản {}", self.congress),
            &self.congress,
            None,
        )
    }

    fn context(&self) -> Result<serde_json::Value> {
        let mut value = serde_json::to_value(self).map_err(|e| {
            crate::Error::new(
                crate::ErrorKind::Json,
                format!("cannot serialise the minutes: {e}"),
            )
        })?;
        let a = &self.attendance;
        let absent = a.convened.saturating_sub(a.present);
        // Section numbers (Roman) follow the sections present.
        let mut sections = Vec::new();
        let mut push = |key: &str, present: bool| {
            if present {
                sections.push((key.to_string(), sections.len() as u32 + 1));
            }
        };
        push("bodies", true);
        push("reports", true);
        push("discussion", !self.discussion.is_empty());
        push("remarks", !self.superior_remarks.is_empty());
        push("elections", !self.elections.is_empty());
        push("resolution", true);
        let roman: serde_json::Map<String, serde_json::Value> = sections
            .into_iter()
            .map(|(k, i)| (k, vi::roman(i).unwrap_or_default().into()))
            .collect();
        let computed = serde_json::json!({
            "absent": absent,
            "same_day": self.opened.date == self.closed.date,
            "guests_count": self.guests.len(),
            "presidium_many": self.presidium.len() > 1,
            "presidium_count": self.presidium.len(),
            "secretariat_count": self.secretariat.len(),
            "credentials_count": self.credentials_committee.len(),
            "secretariat_many": self.secretariat.len() > 1,
            "discussion_count": self.discussion.len(),
            "section": roman,
        });
        if let serde_json::Value::Object(map) = &mut value {
            map.insert("computed".into(), computed);
            // Per election and round: how many were elected, and whether the seats are filled.
            if let Some(serde_json::Value::Array(list)) = map.get_mut("elections") {
                for (e, line) in list.iter_mut().zip(&self.elections) {
                    if let serde_json::Value::Object(m) = e {
                        m.insert("complete".into(), (line.elected_total == line.seats).into());
                        if let Some(serde_json::Value::Array(rounds)) = m.get_mut("rounds") {
                            for (r, round) in rounds.iter_mut().zip(&line.rounds) {
                                if let serde_json::Value::Object(rm) = r {
                                    rm.insert("elected_count".into(), round.elected.len().into());
                                    rm.insert(
                                        "shortfall".into(),
                                        (round.tie.is_empty() && round.seats_left > 0).into(),
                                    );
                                }
                            }
                        }
                    }
                }
            }
        }
        Ok(value)
    }
}
