//! Giấy mời (type GM) and Thông báo triệu tập (type TB): the committee's papers issued before the
//! congress (SPEC §4.3).

use serde::{Deserialize, Serialize};

use super::common::{DocNumber, Header, SessionTime, Signature, Validator};
use super::congress::{Congress, SessionKind};
use super::numbering::Slot;
use super::{DocMeta, Document, DocumentKind};
use crate::error::Diagnostic;

/// Kính gửi — who a letter is addressed to.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Addressee {
    /// Full name, e.g. "Đinh Thị Lan Duyên".
    pub name: String,
    /// Title, e.g. "Phó Bí thư Thường trực Quận uỷ"; may be empty.
    #[serde(default)]
    pub title: String,
}

/// Giấy mời — the invitation of one guest to the congress.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Invitation {
    /// Header block; number "Số 01-GM/ĐU".
    pub header: Header,
    /// The guest.
    pub addressee: Addressee,
    /// "Căn cứ …" lines.
    #[serde(default)]
    pub bases: Vec<String>,
    /// Who invites: "Đảng uỷ phường Bạch Mai".
    pub inviter: String,
    /// What to: the congress's full name.
    pub event: String,
    /// When.
    pub sessions: Vec<SessionTime>,
    /// Where.
    pub venue: String,
    /// Trang phục, if said.
    #[serde(default)]
    pub dress: Option<String>,
    /// The closing line.
    pub closing: String,
    /// The signature block.
    pub signature: Signature,
    /// "Nơi nhận" items, without dashes or final punctuation.
    pub recipients: Vec<String>,
}

impl Invitation {
    /// The invitation of `congress.guests[index]`, or `None` if there is no such guest.
    pub fn for_guest(congress: &Congress, index: usize) -> Option<Invitation> {
        Invitation::numbered(congress, index, &congress.numbers())
    }

    /// The invitation of `congress.guests[index]` with the numbers already worked out (a batch
    /// works them out once, not once per guest).
    pub(crate) fn numbered(
        congress: &Congress,
        index: usize,
        numbers: &super::Numbers,
    ) -> Option<Invitation> {
        let guest = congress.guests.get(index)?;
        let seq = numbers.get(Slot::Invitation(index))?;
        let settings = &congress.invitations;
        let wanted = settings
            .sessions
            .clone()
            .unwrap_or_else(|| vec![SessionKind::Official]);
        let sessions = congress
            .sessions
            .iter()
            .filter(|s| wanted.contains(&s.kind))
            .map(|s| {
                let mut t = congress.session_time(s);
                t.schedule.clear();
                if wanted.len() == 1 {
                    t.label.clear();
                }
                t
            })
            .collect();
        Some(Invitation {
            header: congress.committee_header(
                Some(DocNumber::new(
                    seq,
                    "GM",
                    &congress.organisation.committee_code,
                )),
                settings.date,
            ),
            addressee: Addressee {
                name: guest.name.full(),
                title: guest.title.clone(),
            },
            bases: congress.bases.iter().map(|b| b.basis()).collect(),
            inviter: congress.organisation.committee.clone(),
            event: congress.name(),
            sessions,
            venue: congress.venue.clone(),
            dress: settings.dress.clone(),
            closing: settings.closing.clone().unwrap_or_else(|| {
                "Rất mong đồng chí đến dự đúng thời gian, địa điểm./.".to_string()
            }),
            signature: congress.committee_signature(),
            recipients: settings
                .recipients
                .clone()
                .unwrap_or_else(|| vec!["Như trên".into(), "Lưu VP".into()]),
        })
    }
}

impl Document for Invitation {
    fn kind(&self) -> DocumentKind {
        DocumentKind::Invitation
    }

    fn validate(&self) -> Vec<Diagnostic> {
        let mut v = Validator::new();
        v.header(&self.header);
        v.at("addressee", |v| {
            v.text("name", &self.addressee.name);
            v.optional_text("title", &self.addressee.title);
        });
        v.text("inviter", &self.inviter);
        v.text("event", &self.event);
        if self.sessions.is_empty() {
            v.problem("sessions", "at least one session is needed");
        }
        for (i, s) in self.sessions.iter().enumerate() {
            v.at(&format!("sessions[{i}]"), |v| v.session(s));
        }
        v.text("venue", &self.venue);
        v.text("closing", &self.closing);
        v.signature(&self.signature);
        common_recipients(&mut v, &self.recipients);
        v.finish()
    }

    fn meta(&self) -> DocMeta {
        DocMeta::new(
            self.kind(),
            &self.header,
            format!("Giấy mời — Đồng chí {}", self.addressee.name),
            &self.event,
            Some(&self.addressee.name),
        )
    }
}

/// Thông báo triệu tập — the summons of members or delegates to the congress.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Summons {
    /// Header block; number "Số 05-TB/ĐU".
    pub header: Header,
    /// "Căn cứ …" lines.
    #[serde(default)]
    pub bases: Vec<String>,
    /// "Được sự đồng ý của Ban Thường vụ …", if said.
    #[serde(default)]
    pub approval: Option<String>,
    /// Who summons: "Ban Chấp hành Đảng bộ phường Bạch Mai".
    pub convener: String,
    /// Who is summoned: "đại biểu" / "đảng viên".
    pub audience: String,
    /// What to: the congress's full name.
    pub event: String,
    /// When, with the schedule of each session.
    pub sessions: Vec<SessionTime>,
    /// Where.
    pub venue: String,
    /// Thành phần.
    pub composition: String,
    /// Trang phục.
    pub dress: String,
    /// Lưu ý, one per line.
    #[serde(default)]
    pub notes: Vec<String>,
    /// The signature block.
    pub signature: Signature,
    /// "Nơi nhận" items, without dashes or final punctuation.
    pub recipients: Vec<String>,
}

impl Summons {
    /// The summons of the congress.
    pub fn for_congress(congress: &Congress) -> Summons {
        let s = &congress.summons;
        let executive = congress
            .organisation
            .executive
            .clone()
            .unwrap_or_else(|| congress.organisation.committee.clone());
        Summons {
            header: congress.committee_header(
                Some(DocNumber::new(
                    congress.numbers().get(Slot::Summons).unwrap_or(1),
                    s.type_code.as_deref().unwrap_or("TB"),
                    &congress.organisation.committee_code,
                )),
                s.date,
            ),
            bases: congress.bases.iter().map(|b| b.basis()).collect(),
            approval: congress.approval.clone(),
            convener: executive,
            audience: congress.audience().to_string(),
            event: congress.name(),
            sessions: congress
                .sessions
                .iter()
                .map(|x| congress.session_time(x))
                .collect(),
            venue: congress.venue.clone(),
            composition: s.composition.clone(),
            dress: s.dress.clone(),
            notes: s.notes.clone(),
            signature: congress.committee_signature(),
            recipients: s.recipients.clone().unwrap_or_else(|| {
                vec![
                    format!("Các đồng chí {} được triệu tập", congress.audience()),
                    "Lưu VP".into(),
                ]
            }),
        }
    }
}

impl Document for Summons {
    fn kind(&self) -> DocumentKind {
        DocumentKind::Summons
    }

    fn validate(&self) -> Vec<Diagnostic> {
        let mut v = Validator::new();
        v.header(&self.header);
        v.text("convener", &self.convener);
        v.text("audience", &self.audience);
        v.text("event", &self.event);
        if self.sessions.is_empty() {
            v.problem("sessions", "at least one session is needed");
        }
        for (i, s) in self.sessions.iter().enumerate() {
            v.at(&format!("sessions[{i}]"), |v| v.session(s));
        }
        v.text("venue", &self.venue);
        v.text("composition", &self.composition);
        v.text("dress", &self.dress);
        for (i, n) in self.notes.iter().enumerate() {
            v.text(&format!("notes[{i}]"), n);
        }
        v.signature(&self.signature);
        common_recipients(&mut v, &self.recipients);
        v.finish()
    }

    fn meta(&self) -> DocMeta {
        DocMeta::new(
            self.kind(),
            &self.header,
            "Thông báo triệu tập".to_string(),
            &self.event,
            None,
        )
    }
}

fn common_recipients(v: &mut Validator, recipients: &[String]) {
    if recipients.is_empty() {
        v.problem(
            "recipients",
            "\"Nơi nhận\" needs at least one item (e.g. \"Lưu VP\")",
        );
    }
    for (i, r) in recipients.iter().enumerate() {
        v.text(&format!("recipients[{i}]"), r);
    }
}
