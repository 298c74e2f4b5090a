//! Chương trình đại hội — the programme (SPEC §4.4): the agenda of each session as a table of
//! time, content, who introduces and who performs, made from the congress's agenda.

use serde::{Deserialize, Serialize};

use super::common::{DocNumber, Header, Signature, Validator};
use super::congress::{Congress, SessionKind};
use super::numbering::Slot;
use super::personnel::Participant;
use super::proceedings::{AgendaItem, Proceedings, StepKind};
use super::{DocMeta, Document, DocumentKind};
use crate::error::{Diagnostic, Error, ErrorKind, Result};
use crate::rules::CongressKind;
use crate::vi::{Date, Time};

/// One row of the programme.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ProgrammeItem {
    /// When it starts, if the agenda says.
    #[serde(default)]
    pub time: Option<Time>,
    /// Nội dung.
    pub content: String,
    /// Người giới thiệu — may be empty.
    #[serde(default)]
    pub presenter: String,
    /// Người thực hiện — may be empty.
    #[serde(default)]
    pub performer: String,
}

/// The programme of one session.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ProgrammeSession {
    /// "Phiên trù bị", "Phiên chính thức", or empty when the congress has one session.
    #[serde(default)]
    pub label: String,
    /// The day.
    pub date: Date,
    /// When it starts.
    pub start: Time,
    /// When it ends, if known.
    #[serde(default)]
    pub end: Option<Time>,
    /// The items, in order.
    pub items: Vec<ProgrammeItem>,
}

/// Chương trình đại hội — the programme, numbered in the congress's sequence (CTr/ĐH).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Programme {
    /// Header: the organisation over the congress, "Số 01-CTr/ĐH".
    pub header: Header,
    /// The congress's full name (the summary under the title).
    pub congress: String,
    /// The venue.
    pub venue: String,
    /// The sessions.
    pub sessions: Vec<ProgrammeSession>,
    /// T/M ĐOÀN CHỦ TỊCH (or the chair of a small congress).
    pub signature: Signature,
}

impl Programme {
    /// The programme of `congress`, from its agenda ([`Congress::agenda`]).
    pub fn for_congress(congress: &Congress) -> Result<Programme> {
        let p = super::proceedings::required(congress)?;
        let mut sessions = Vec::new();
        for agenda in congress.agenda() {
            let Some(s) = congress.sessions.iter().find(|s| s.kind == agenda.session) else {
                continue;
            };
            let items = agenda
                .items
                .iter()
                .map(|item| programme_item(congress, p, item))
                .collect();
            sessions.push(ProgrammeSession {
                label: if congress.sessions.len() > 1 {
                    s.kind.label().to_string()
                } else {
                    String::new()
                },
                date: s.date,
                start: s.start,
                end: s.end,
                items,
            });
        }
        let date = congress
            .sessions
            .first()
            .map(|s| s.date)
            .unwrap_or(congress.summons.date);
        Ok(Programme {
            header: congress.congress_header(
                Some(DocNumber::new(
                    congress.numbers().get(Slot::Programme).unwrap_or(1),
                    DocumentKind::Programme.type_code(),
                    "ĐH",
                )),
                date,
            ),
            congress: congress.name(),
            venue: congress.venue.clone(),
            sessions,
            signature: p.presidium_signature(),
        })
    }
}

/// "Đồng chí Lê Thành Vinh".
fn comrade(p: &Participant) -> String {
    format!("Đồng chí {}", p.name.full())
}

impl Proceedings {
    /// The presidium's signature: "T/M ĐOÀN CHỦ TỊCH" and its head, or "CHỦ TRÌ" when one
    /// person chairs.
    pub fn presidium_signature(&self) -> Signature {
        let name = self
            .presidium
            .first()
            .map(|x| x.name.full())
            .unwrap_or_default();
        if self.presidium.len() > 1 {
            Signature {
                authority: "T/M ĐOÀN CHỦ TỊCH".into(),
                title: String::new(),
                name,
            }
        } else {
            Signature {
                authority: "CHỦ TRÌ".into(),
                title: String::new(),
                name,
            }
        }
    }

    /// The clerk's signature: "THƯ KÝ" and the head of the secretariat.
    pub fn secretariat_signature(&self) -> Signature {
        Signature {
            authority: "THƯ KÝ".into(),
            title: String::new(),
            name: self
                .secretariat
                .first()
                .map(|x| x.name.full())
                .unwrap_or_default(),
        }
    }

    /// What the congress adopts with `rules_vote`: "chương trình, nội quy, quy chế làm việc và
    /// quy chế bầu cử của Đại hội" (with a preparatory session) or "chương trình, quy chế làm
    /// việc và quy chế bầu cử của Đại hội".
    pub fn rules_adopted(&self, congress: &Congress) -> &'static str {
        rules_adopted(&congress.sessions)
    }

    /// "Đoàn Chủ tịch" or, for one person, "Chủ tịch Đại hội".
    pub fn presidium_name(&self) -> &'static str {
        if self.presidium.len() > 1 {
            "Đoàn Chủ tịch"
        } else {
            "Chủ tịch Đại hội"
        }
    }
}

/// See [`Proceedings::rules_adopted`].
pub(crate) fn rules_adopted(sessions: &[super::congress::Session]) -> &'static str {
    if sessions.iter().any(|s| s.kind == SessionKind::Preparatory) {
        "chương trình, nội quy, quy chế làm việc và quy chế bầu cử của Đại hội"
    } else {
        "chương trình, quy chế làm việc và quy chế bầu cử của Đại hội"
    }
}

fn programme_item(congress: &Congress, p: &Proceedings, item: &AgendaItem) -> ProgrammeItem {
    let (content, presenter, performer) = default_item(congress, p, item);
    ProgrammeItem {
        time: item.time,
        content: item.content.clone().unwrap_or(content),
        presenter: item.presenter.clone().unwrap_or(presenter),
        performer: item.performer.clone().unwrap_or(performer),
    }
}

/// The standard wording of a step, who introduces it and who performs it.
fn default_item(
    congress: &Congress,
    p: &Proceedings,
    item: &AgendaItem,
) -> (String, String, String) {
    let host = comrade(&p.host);
    let presidium = p.presidium_name().to_string();
    let head = p.presidium.first().map(comrade).unwrap_or_default();
    let delegates = congress.kind == CongressKind::Delegates;
    match item.step {
        StepKind::Reception => {
            let mut s = String::from("Đón tiếp đại biểu");
            if !p.health_measures.is_empty() {
                s.push_str("; ");
                s.push_str(&p.health_measures.join(", "));
                s.push_str(" cho đại biểu");
            }
            (s, String::new(), "Ban Tổ chức".into())
        }
        StepKind::AttendanceCheck => (
            "Kiểm tra số lượng đại biểu, ổn định tổ chức".into(),
            String::new(),
            host,
        ),
        StepKind::FlagSalute => (
            "Chào cờ (hát Quốc ca, Quốc tế ca)".into(),
            host,
            "Ban Tổ chức".into(),
        ),
        StepKind::WorkingBodies => {
            let s = if delegates {
                "Bầu Đoàn Chủ tịch, Đoàn Thư ký, Ban Thẩm tra tư cách đại biểu"
            } else if p.presidium.len() > 1 || p.secretariat.len() > 1 {
                "Bầu Đoàn Chủ tịch, Đoàn Thư ký Đại hội"
            } else {
                "Bầu Chủ tịch, Thư ký Đại hội"
            };
            (s.into(), host, "Đại hội biểu quyết".into())
        }
        StepKind::Rules => (
            format!("Thông qua {}", p.rules_adopted(congress)),
            presidium,
            "Đại hội biểu quyết".into(),
        ),
        StepKind::Opening => (
            "Diễn văn khai mạc Đại hội; tuyên bố lý do, giới thiệu đại biểu".into(),
            host,
            head,
        ),
        StepKind::Credentials => {
            if delegates {
                (
                    "Báo cáo thẩm tra tư cách đại biểu".into(),
                    presidium,
                    p.credentials_committee
                        .first()
                        .map(comrade)
                        .unwrap_or_default(),
                )
            } else {
                (
                    "Báo cáo tình hình đảng viên dự Đại hội".into(),
                    presidium,
                    p.presidium.get(1).map(comrade).unwrap_or(head),
                )
            }
        }
        StepKind::Report => {
            let r = item.index.and_then(|i| p.reports.get(i));
            (
                r.map(|r| r.title.clone()).unwrap_or_default(),
                presidium,
                r.map(|r| comrade(&r.presenter)).unwrap_or_default(),
            )
        }
        StepKind::Discussion => (
            "Thảo luận, tham luận về các văn kiện trình Đại hội".into(),
            presidium,
            if delegates {
                "Đại biểu dự Đại hội".into()
            } else {
                "Đảng viên dự Đại hội".into()
            },
        ),
        StepKind::SuperiorRemarks => {
            let who = p
                .superior_remarks
                .iter()
                .filter_map(|s| p.speaker(&congress.guests, s))
                .map(|x| comrade(&x))
                .collect::<Vec<_>>()
                .join("; ");
            let by = congress
                .organisation
                .superior_committee
                .clone()
                .unwrap_or_else(|| "cấp uỷ cấp trên".into());
            (
                format!("Phát biểu chỉ đạo của đồng chí lãnh đạo {by}"),
                presidium,
                who,
            )
        }
        StepKind::Election => {
            let office = item
                .index
                .and_then(|i| congress.elections.get(i))
                .map(|e| super::election::office_line(congress, &e.office))
                .unwrap_or_default();
            (
                format!("Bầu {office}"),
                presidium.clone(),
                format!("{presidium}; Ban kiểm phiếu"),
            )
        }
        StepKind::Resolution => (
            "Thông qua Nghị quyết Đại hội".into(),
            presidium,
            p.resolution
                .reader
                .as_ref()
                .or(p.secretariat.first())
                .map(comrade)
                .unwrap_or_default(),
        ),
        StepKind::Closing => ("Bế mạc Đại hội; chào cờ".into(), host, head),
        StepKind::Other => (String::new(), String::new(), String::new()),
    }
}

impl Document for Programme {
    fn kind(&self) -> DocumentKind {
        DocumentKind::Programme
    }

    fn validate(&self) -> Vec<Diagnostic> {
        let mut v = Validator::new();
        v.header(&self.header);
        v.text("congress", &self.congress);
        v.text("venue", &self.venue);
        if self.sessions.iter().all(|s| s.items.is_empty()) {
            v.problem("sessions", "the programme has no items");
        }
        for (i, s) in self.sessions.iter().enumerate() {
            for (j, item) in s.items.iter().enumerate() {
                v.at(&format!("sessions[{i}].items[{j}]"), |v| {
                    v.text("content", &item.content);
                    v.optional_text("presenter", &item.presenter);
                    v.optional_text("performer", &item.performer);
                });
            }
        }
        v.at("signature", |v| {
            v.text("authority", &self.signature.authority);
            v.text("name", &self.signature.name);
        });
        v.finish()
    }

    fn meta(&self) -> DocMeta {
        DocMeta::new(
            self.kind(),
            &self.header,
            format!("Chương trình {}", self.congress),
            &self.congress,
            None,
        )
    }

    fn context(&self) -> Result<serde_json::Value> {
        let mut value = serde_json::to_value(self).map_err(|e| {
            Error::new(
                ErrorKind::Json,
                format!("cannot serialise the programme: {e}"),
            )
        })?;
        let has_times = self
            .sessions
            .iter()
            .flat_map(|s| &s.items)
            .any(|i| i.time.is_some());
        if let serde_json::Value::Object(map) = &mut value {
            map.insert("has_times".into(), has_times.into());
        }
        Ok(value)
    }
}
