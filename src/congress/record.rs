//! The congress record itself: every part a congress file holds, and the names the papers
//! give the congress ("Đại hội đại biểu Đảng bộ phường Bạch Mai …").

use serde::{Deserialize, Serialize};

use super::conventions::{Citations, Conventions, FormatSettings};
use super::election::ElectionRecord;
use super::election::HeldBy;
use super::numbering::Numbering;
use super::organisation::{
    ConvenedPerson, Guest, InvitationSettings, OrdinalStyle, OrgKind, Organisation, Origin,
    Reference, Session, Signer, SummonsSettings, Term,
};
use super::personnel::{CandidateProfile, PersonnelRecord};
use super::proceedings::{Attendance, Proceedings, ReportToSuperior};
use crate::rules::{CongressKind, RuleSet};
use crate::vi::{self, TermStyle};

/// Đại hội — a grassroots Party congress and everything its paperwork is made from.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Congress {
    /// The organisation and its committee.
    pub organisation: Organisation,
    /// Members' or delegates' congress.
    pub kind: CongressKind,
    /// Lần thứ — the congress number, if known (otherwise the term is written).
    #[serde(default)]
    pub ordinal: Option<u16>,
    /// How the ordinal is written.
    #[serde(default)]
    pub ordinal_style: OrdinalStyle,
    /// Whether the unit is new, merged or unchanged (Hướng dẫn 06-HD/TW): what its ordinal
    /// follows. When given without `ordinal`, the ordinal is the one it implies.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub origin: Option<Origin>,
    /// The term.
    pub term: Term,
    /// Which rule set applies (elections, format). Default `round2020`.
    #[serde(default)]
    pub rule_set: RuleSet,
    /// Format choices left open by SPEC §2.2 (colon after "Số", "./.", separators …); each
    /// left out takes the rule set's default.
    #[serde(default)]
    pub format: FormatSettings,
    /// The venue.
    pub venue: String,
    /// The sessions, in order.
    pub sessions: Vec<Session>,
    /// Who signs for the convening committee.
    pub signer: Signer,
    /// Documents cited as the basis ("Căn cứ …").
    #[serde(default)]
    pub bases: Vec<Reference>,
    /// "Được sự đồng ý của Ban Thường vụ Quận uỷ …", if the summons says so.
    #[serde(default)]
    pub approval: Option<String>,
    /// The guests.
    #[serde(default)]
    pub guests: Vec<Guest>,
    /// Danh sách triệu tập — the delegates (or a cell's members) convened, in the order of the
    /// list sent with the summons; when given, as many as `proceedings.attendance.convened`.
    #[serde(default)]
    pub convened: Vec<ConvenedPerson>,
    /// Invitation settings.
    pub invitations: InvitationSettings,
    /// Summons settings.
    pub summons: SummonsSettings,
    /// The elections held by the congress, in order.
    #[serde(default)]
    pub elections: Vec<ElectionRecord>,
    /// Quy trình nhân sự — the personnel procedure, if its papers are made here.
    #[serde(default)]
    pub personnel: Option<PersonnelRecord>,
    /// Danh sách trích ngang — everyone considered for the new executive committee.
    #[serde(default)]
    pub candidates: Vec<CandidateProfile>,
    /// Diễn biến đại hội — the congress itself: working bodies, attendance, reports, debate,
    /// votes (for the programme, the script and the congress minutes).
    #[serde(default)]
    pub proceedings: Option<Proceedings>,
    /// Báo cáo kết quả Đại hội and Tờ trình đề nghị chuẩn y: their date and numbers. Default:
    /// dated the closing day, numbered from 01 in the new committee's sequences.
    #[serde(default)]
    pub report_to_superior: Option<ReportToSuperior>,
    /// How documents are numbered (36-HD): where the committee's sequences start and restart.
    #[serde(default)]
    pub numbering: Numbering,
    /// Problems of the text found when the record was loaded (control characters, characters
    /// the bundled font cannot print), with their paths; [`Congress::validate`] reports them.
    #[serde(skip)]
    pub(crate) text_problems: Vec<crate::error::Diagnostic>,
}

impl Congress {
    /// The texts its papers cite and the format they follow: the rule set's, with the
    /// record's format settings applied.
    pub fn conventions(&self) -> Conventions {
        Conventions {
            cite: Citations::of(self.rule_set),
            format: self.format.resolve(self.rule_set),
            own_phrases: Vec::new(),
        }
    }

    /// The conventions with the record's own phrases holding "uỷ" (kept as written when the
    /// fixed wording is respelt): for the papers, once per pack.
    pub fn conventions_for_papers(&self) -> Conventions {
        Conventions {
            own_phrases: super::conventions::own_phrases(self),
            ..self.conventions()
        }
    }

    /// "Đại hội đại biểu" / "Đại hội đảng viên" (for a cell's members: "Đại hội").
    pub fn kind_name(&self) -> &'static str {
        match self.kind {
            CongressKind::Delegates => "Đại hội đại biểu",
            CongressKind::Members => match self.organisation.kind {
                OrgKind::GrassrootsPartyOrg => "Đại hội đảng viên",
                _ => "Đại hội",
            },
        }
    }

    /// The congress's number: `ordinal`, else the one `origin` implies (a new unit's first
    /// congress is number 1).
    pub fn ordinal_number(&self) -> Option<u16> {
        self.ordinal
            .or_else(|| self.origin.as_ref().and_then(Origin::next_ordinal))
    }

    /// "lần thứ XXVI" / "lần thứ nhất", if the ordinal is known.
    pub fn ordinal_text(&self) -> Option<String> {
        let n = self.ordinal_number()?;
        match self.ordinal_style {
            OrdinalStyle::Roman => vi::roman(n as u32).map(|r| format!("lần thứ {r}")),
            OrdinalStyle::Words => vi::ordinal_words(n as u32).map(|w| format!("lần thứ {w}")),
        }
    }

    /// "nhiệm kỳ 2020 – 2025".
    pub fn term_text(&self) -> String {
        format!(
            "nhiệm kỳ {}",
            vi::term(self.term.start, self.term.end, TermStyle::default())
        )
    }

    /// The congress's full name: "Đại hội đại biểu Đảng bộ phường Bạch Mai lần thứ …, nhiệm kỳ
    /// 2020 – 2025" (without the ordinal when it is unknown).
    pub fn name(&self) -> String {
        let mut s = format!("{} {}", self.kind_name(), self.organisation.name);
        if let Some(o) = self.ordinal_text() {
            s.push(' ');
            s.push_str(&o);
            s.push(',');
        }
        s.push(' ');
        s.push_str(&self.term_text());
        s
    }

    /// Who is summoned: "đại biểu chính thức" or "đảng viên".
    pub fn audience(&self) -> &'static str {
        self.kind.audience()
    }

    /// The congress as the issuer of its own papers (36-HD point 1.2.1 a): "Đại hội đại biểu
    /// lần thứ XXVI" or, without an ordinal, "Đại hội đại biểu nhiệm kỳ 2020 – 2025".
    pub fn congress_line(&self) -> String {
        let kind = match self.kind {
            CongressKind::Delegates => "Đại hội đại biểu",
            CongressKind::Members => "Đại hội",
        };
        match self.ordinal_text() {
            Some(o) => format!("{kind} {o}"),
            None => format!("{kind} {}", self.term_text()),
        }
    }

    /// Where the committee files its own copy ("Nơi nhận: … – Lưu VP."): the office of a
    /// đảng uỷ, the cell itself for a cell ("Lưu Chi bộ").
    pub fn archive(&self) -> &'static str {
        match self.organisation.kind {
            OrgKind::GrassrootsPartyOrg => "Lưu VP",
            OrgKind::GrassrootsCell | OrgKind::AffiliatedCell => "Lưu Chi bộ",
        }
    }

    /// Whose stamp the ballots carry (SPEC §4.6): the convening committee's, or — for a cell
    /// without a seal of its own (`format.cell_has_seal`, default false) — the committee above
    /// it ("Đảng uỷ phường Bạch Mai"), when the record names it.
    pub fn stamp_holder(&self) -> &str {
        let sealless_cell = self.organisation.kind == OrgKind::AffiliatedCell
            && !self.conventions().format.cell_has_seal;
        match (&self.organisation.superior_committee, sealless_cell) {
            (Some(above), true) => above,
            _ => &self.organisation.committee,
        }
    }

    /// The executive committee: `organisation.executive`, else the committee.
    pub fn executive(&self) -> &str {
        self.organisation
            .executive
            .as_deref()
            .unwrap_or(&self.organisation.committee)
    }

    /// The first day of the congress (the preparatory session's, when there is one).
    pub fn first_day(&self) -> vi::Date {
        self.sessions
            .first()
            .map(|s| s.date)
            .unwrap_or(self.summons.date)
    }

    /// The last day of the congress.
    pub fn last_day(&self) -> vi::Date {
        self.sessions
            .last()
            .map(|s| s.date)
            .unwrap_or_else(|| self.first_day())
    }

    /// Who votes in an election by show of hands: the congress, or the new committee's first
    /// session (`None` when the record lacks it; reported elsewhere).
    pub(crate) fn attendance_of(&self, e: &ElectionRecord) -> Option<Attendance> {
        let p = self.proceedings.as_ref()?;
        match e.held_by {
            HeldBy::Congress => Some(p.attendance.clone()),
            HeldBy::NewCommittee => {
                let fs = p.first_session.as_ref()?;
                Some(fs.attendance(self.new_committee().len() as u32))
            }
        }
    }
}
