//! Elections at the congress: the ballot (phiếu bầu cử) and the vote-count minutes (biên bản
//! kiểm phiếu) of each office and round, computed from the counts with `rules::tally`, so the
//! minutes can never disagree with the arithmetic.

use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::common::{DocNumber, Header, Signature, Validator};
use super::congress::Congress;
use super::numbering::Slot;
use super::{DocMeta, Document, DocumentKind};
use crate::error::{Diagnostic, Error, ErrorKind, Result};
use crate::rules::{self, BallotCounts, Candidate, Denominator, Office, Status, Tally};
use crate::vi::{self, Date, PersonName, Time};

/// A member of a working body (ban kiểm phiếu) and their role.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BodyMember {
    /// The member.
    pub name: PersonName,
    /// "Trưởng ban", "Uỷ viên", "Thư ký".
    pub role: String,
}

/// The counts of one round of an election, as the vote-counting committee entered them.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RoundCounts {
    /// Seats to fill in this round. Default: round 1 the election's seats; later rounds the
    /// seats the previous round left (a tie re-ballot or a shortfall).
    #[serde(default)]
    pub seats: Option<u32>,
    /// The election list in ballot order, with each candidate's votes.
    pub candidates: Vec<Candidate>,
    /// The denominator as its parts (convened, exclusions).
    pub denominator: Denominator,
    /// Present at the vote.
    pub present: u32,
    /// Ballots issued, returned, valid, invalid with reasons.
    pub ballots: BallotCounts,
    /// When the vote-count minutes were closed ("hồi 15 giờ 40 phút").
    #[serde(default)]
    pub closed_at: Option<Time>,
    /// Pins the number of this round's minutes.
    #[serde(default)]
    pub minutes_number: Option<u32>,
}

/// An election held by the congress: one office, one or more rounds.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ElectionRecord {
    /// What is elected.
    pub office: Office,
    /// Seats: voted by the congress, or allotted by the superior for delegates.
    pub seats: u32,
    /// The day of the vote.
    pub date: Date,
    /// Ban kiểm phiếu — the vote-counting committee (Trưởng ban first).
    pub vote_counting_committee: Vec<BodyMember>,
    /// The rounds, in order (bầu lần thứ nhất, lần thứ hai …).
    pub rounds: Vec<RoundCounts>,
}

impl Congress {
    /// The `rules::Election` of round `round` (0-based) of election `index`, with the rule set
    /// and kind of the congress and the seats carried from the previous round's tally.
    pub fn election_round(&self, index: usize, round: usize) -> Result<rules::Election> {
        let record = self.elections.get(index).ok_or_else(|| {
            Error::new(
                ErrorKind::InvalidData,
                format!("there is no elections[{index}]"),
            )
        })?;
        let counts = record.rounds.get(round).ok_or_else(|| {
            Error::new(
                ErrorKind::InvalidData,
                format!("elections[{index}] has no round {}", round + 1),
            )
        })?;
        let seats = match (counts.seats, round) {
            (Some(s), _) => s,
            (None, 0) => record.seats,
            (None, r) => {
                let previous = self.election_round(index, r - 1)?;
                let t = rules::tally(&previous)?;
                t.tie.as_ref().map(|t| t.seats_left).unwrap_or(0) + t.further_round_seats
            }
        };
        // Ballot order is "vần A, B, C" (SPEC §7): the ballot, the minutes and the tally all
        // list the candidates in that one order, whatever order the file gives them in.
        let mut candidates = counts.candidates.clone();
        candidates.sort_by_cached_key(|c| vi::name_key(&c.name.ho, &c.name.dem, &c.name.ten));
        Ok(rules::Election {
            office: record.office.clone(),
            seats,
            round: round as u32 + 1,
            candidates,
            denominator: counts.denominator.clone(),
            present: counts.present,
            ballots: counts.ballots.clone(),
            rule_set: self.rule_set,
            kind: self.kind,
        })
    }

    /// "ĐẠI HỘI ĐẠI BIỂU LẦN THỨ XXVI" or, without an ordinal, "ĐẠI HỘI ĐẠI BIỂU NHIỆM KỲ
    /// 2020 – 2025": the congress as the issuer of its documents (36-HD point 1.2.1 a).
    pub fn congress_line(&self) -> String {
        let kind = match self.kind {
            rules::CongressKind::Delegates => "Đại hội đại biểu",
            rules::CongressKind::Members => "Đại hội",
        };
        match self.ordinal_text() {
            Some(o) => format!("{kind} {o}"),
            None => format!("{kind} {}", self.term_text()),
        }
    }

    /// The header of the congress's own documents (programme, minutes): the organisation over
    /// the congress line ("ĐẢNG BỘ PHƯỜNG BẠCH MAI / ĐẠI HỘI ĐẠI BIỂU …", SPEC §3.3).
    pub fn congress_header(&self, number: Option<DocNumber>, date: Date) -> Header {
        Header {
            superior: self.organisation.name.clone(),
            issuer: self.congress_line(),
            number,
            place: self.organisation.place.clone(),
            date,
        }
    }

    /// The header of a congress working body's document (e.g. "BAN KIỂM PHIẾU").
    pub fn working_body_header(&self, body: &str, number: Option<DocNumber>, date: Date) -> Header {
        Header {
            superior: self.congress_line(),
            issuer: body.to_string(),
            number,
            place: self.organisation.place.clone(),
            date,
        }
    }
}

/// Phiếu bầu cử — the ballot of one office and round.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Ballot {
    /// Whose stamp goes at the upper left: "Đảng uỷ phường Bạch Mai".
    pub stamp_of: String,
    /// The congress line over the title.
    pub congress: String,
    /// What is elected: "Ban Chấp hành Đảng bộ phường Bạch Mai, nhiệm kỳ 2020 – 2025".
    pub office: String,
    /// The round (1 = no round line).
    pub round: u32,
    /// Seats to fill.
    pub seats: u32,
    /// The names, in the order printed (given name, family name, middle name — "vần A, B, C").
    pub names: Vec<String>,
    /// With "Đồng ý / Không đồng ý" columns (no surplus) or a plain list to strike through.
    pub agree_columns: bool,
    /// The day of the vote.
    pub date: Date,
}

impl Ballot {
    /// The ballot of round `round` (0-based) of `congress.elections[index]`.
    pub fn for_round(congress: &Congress, index: usize, round: usize) -> Result<Ballot> {
        let election = congress.election_round(index, round)?;
        let record = &congress.elections[index];
        let mut names: Vec<&PersonName> = election.candidates.iter().map(|c| &c.name).collect();
        names.sort_by_cached_key(|n| vi::name_key(&n.ho, &n.dem, &n.ten));
        Ok(Ballot {
            stamp_of: congress.organisation.committee.clone(),
            congress: congress.name(),
            office: office_line(congress, &election.office),
            round: election.round,
            seats: election.seats,
            agree_columns: names.len() as u32 == election.seats,
            names: names.into_iter().map(PersonName::full).collect(),
            date: record.date,
        })
    }
}

pub(crate) fn office_line(congress: &Congress, office: &Office) -> String {
    match office {
        Office::Delegates { .. } => office.label(),
        _ => format!(
            "{} {}, {}",
            office.label(),
            congress.organisation.name,
            congress.term_text()
        ),
    }
}

impl Document for Ballot {
    fn kind(&self) -> DocumentKind {
        DocumentKind::Ballot
    }

    fn validate(&self) -> Vec<Diagnostic> {
        let mut v = Validator::new();
        v.text("stamp_of", &self.stamp_of);
        v.text("office", &self.office);
        if self.names.is_empty() {
            v.problem("names", "the ballot lists nobody");
        }
        for (i, n) in self.names.iter().enumerate() {
            v.text(&format!("names[{i}]"), n);
        }
        if self.seats == 0 {
            v.problem("seats", "at least one seat is needed");
        }
        v.finish()
    }

    fn meta(&self) -> DocMeta {
        let header = Header {
            superior: String::new(),
            issuer: self.stamp_of.clone(),
            number: None,
            place: String::new(),
            date: self.date,
        };
        let round = if self.round > 1 {
            format!(" (lần {})", self.round)
        } else {
            String::new()
        };
        let mut meta = DocMeta::new(
            self.kind(),
            &header,
            format!("Phiếu bầu cử — {}{round}", self.office),
            &self.congress,
            None,
        );
        meta.file_stem =
            super::safe_file_stem(&format!("phiếu bầu lần {} {}", self.round, self.office));
        meta
    }
}

/// Biên bản kiểm phiếu — the vote-count minutes of one round, generated from its counts.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct VoteCountMinutes {
    /// Header: the congress over "BAN KIỂM PHIẾU", number "Số 05-BB/ĐH".
    pub header: Header,
    /// The congress's full name.
    pub congress: String,
    /// What is elected, as a line: "Ban Chấp hành Đảng bộ phường Bạch Mai, nhiệm kỳ 2020 – 2025".
    pub office: String,
    /// The counts and the list — the single source of every number in the minutes.
    pub election: rules::Election,
    /// The vote-counting committee, Trưởng ban first.
    pub committee: Vec<BodyMember>,
    /// When the minutes were closed.
    #[serde(default)]
    pub closed_at: Option<Time>,
    /// The signature: T/M BAN KIỂM PHIẾU / TRƯỞNG BAN.
    pub signature: Signature,
}

impl VoteCountMinutes {
    /// The minutes of round `round` (0-based) of `congress.elections[index]`, numbered in the
    /// congress's sequence ("Số 02-BB/ĐH", see [`Congress::numbers`]).
    pub fn for_round(congress: &Congress, index: usize, round: usize) -> Result<VoteCountMinutes> {
        let election = congress.election_round(index, round)?;
        let record = &congress.elections[index];
        let counts = &record.rounds[round];
        let head = record.vote_counting_committee.first();
        Ok(VoteCountMinutes {
            header: congress.working_body_header(
                "Ban kiểm phiếu",
                Some(DocNumber::new(
                    congress
                        .numbers()
                        .get(Slot::VoteCountMinutes(index, round))
                        .unwrap_or(1),
                    "BB",
                    "ĐH",
                )),
                record.date,
            ),
            congress: congress.name(),
            office: office_line(congress, &election.office),
            election,
            committee: record.vote_counting_committee.clone(),
            closed_at: counts.closed_at,
            signature: Signature {
                authority: "T/M BAN KIỂM PHIẾU".into(),
                title: "TRƯỞNG BAN".into(),
                name: head.map(|m| m.name.full()).unwrap_or_default(),
            },
        })
    }

    /// The tally of the counts.
    pub fn tally(&self) -> Result<Tally> {
        rules::tally(&self.election)
    }
}

/// One candidate as the minutes print them.
#[derive(Serialize)]
struct ResultLine {
    name: String,
    votes: u32,
    percent: String,
    status: &'static str,
}

impl Document for VoteCountMinutes {
    fn kind(&self) -> DocumentKind {
        DocumentKind::VoteCountMinutes
    }

    fn validate(&self) -> Vec<Diagnostic> {
        let mut v = Validator::new();
        v.header(&self.header);
        v.text("congress", &self.congress);
        v.text("office", &self.office);
        if self.committee.is_empty() {
            v.problem("committee", "the vote-counting committee has no members");
        }
        for (i, m) in self.committee.iter().enumerate() {
            v.at(&format!("committee[{i}]"), |v| {
                v.at("name", |v| super::congress::name(v, &m.name));
                v.text("role", &m.role);
            });
        }
        v.signature(&self.signature);
        let mut out = v.finish();
        if let Err(e) = self.tally() {
            out.extend(e.diagnostics().iter().map(|d| Diagnostic {
                path: format!("election.{}", d.path),
                message: d.message.clone(),
            }));
        }
        out
    }

    fn meta(&self) -> DocMeta {
        let round = if self.election.round > 1 {
            format!(" (lần {})", self.election.round)
        } else {
            String::new()
        };
        DocMeta::new(
            self.kind(),
            &self.header,
            format!("Biên bản kiểm phiếu bầu {}{round}", self.office),
            &self.congress,
            None,
        )
    }

    fn context(&self) -> Result<Value> {
        let t = self.tally()?;
        let e = &self.election;
        let line = |i: usize| -> ResultLine {
            let o = &t.outcomes[i];
            ResultLine {
                name: o.name.full(),
                votes: o.votes,
                percent: o.percent.to_string(),
                status: match o.status {
                    Status::Elected => "Trúng cử",
                    Status::TieNeedsRevote { .. } => "Bằng phiếu, bầu lại",
                    Status::Outranked => "Không trúng cử (ít phiếu hơn)",
                    Status::NotQualified => "Không trúng cử (không quá bán)",
                },
            }
        };
        let invalid_total = e.ballots.invalid.iter().map(|x| x.count).sum::<u32>();
        let not_elected: Vec<ResultLine> = (0..t.outcomes.len())
            .filter(|i| {
                matches!(
                    t.outcomes[*i].status,
                    Status::NotQualified | Status::Outranked
                )
            })
            .map(line)
            .collect();
        let mut value = serde_json::to_value(self).map_err(|e| {
            Error::new(
                ErrorKind::Json,
                format!("cannot serialise the minutes: {e}"),
            )
        })?;
        let computed = serde_json::json!({
            "voters": e.kind.voters_label(),
            "round_words": vi::ordinal_words(e.round).unwrap_or_default(),
            "later_round": e.round > 1,
            "candidates_count": e.candidates.len(),
            "convened": e.denominator.convened,
            "absent": e.denominator.convened.saturating_sub(e.present),
            "invalid_total": invalid_total,
            "denominator": t.denominator,
            "votes_needed": t.votes_needed,
            "exclusions": e.denominator.exclusions.iter().map(|x| serde_json::json!({
                "label": x.kind.label_for(e.kind), "count": x.count })).collect::<Vec<_>>(),
            "results": (0..t.outcomes.len()).map(line).collect::<Vec<_>>(),
            "elected": t.elected.iter().map(|i| line(*i)).collect::<Vec<_>>(),
            "tie": t.tie.as_ref().map(|tie| serde_json::json!({
                "names": tie.candidates.iter().map(|i| t.outcomes[*i].name.full()).collect::<Vec<_>>(),
                "votes": tie.candidates.first().map(|i| t.outcomes[*i].votes),
                "percent": tie.candidates.first().map(|i| t.outcomes[*i].percent.to_string()),
                "seats_left": tie.seats_left,
            })),
            "not_elected": not_elected,
            "further_round_seats": t.further_round_seats,
            "next_round_words": vi::ordinal_words(e.round + 1).unwrap_or_default(),
            "is_delegates": matches!(e.office, Office::Delegates { .. }),
        });
        if let Value::Object(map) = &mut value {
            map.insert("tally".into(), computed);
        }
        Ok(value)
    }
}
