//! The congress: the one place every document takes its names, dates and counts from.

use serde::{Deserialize, Serialize};

use super::common::{DocNumber, Header, ScheduleItem, SessionTime, Signature, Validator};
use super::numbering::{Numbering, Slot};
use super::personnel::{CandidateProfile, PersonnelRecord};
use super::proceedings::Proceedings;
use crate::error::Diagnostic;
pub use crate::rules::CongressKind;
use crate::rules::RuleSet;
use crate::vi::{self, Date, PersonName, TermStyle, Time};

/// Loại tổ chức — the kind of Party organisation holding the congress.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum OrgKind {
    /// Đảng bộ cơ sở (e.g. a ward's), made of cells; 5-year term.
    GrassrootsPartyOrg,
    /// Chi bộ cơ sở — a cell that is itself the grassroots organisation; 5-year term.
    GrassrootsCell,
    /// Chi bộ trực thuộc — a cell inside a đảng bộ cơ sở; congress twice in 5 years.
    AffiliatedCell,
}

/// How the congress ordinal is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum OrdinalStyle {
    /// "lần thứ XXVI".
    #[default]
    Roman,
    /// "lần thứ nhất".
    Words,
}

/// Phiên trù bị / phiên chính thức.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SessionKind {
    /// Phiên trù bị — the preparatory session (working bodies, rules).
    Preparatory,
    /// Phiên chính thức — the official session.
    Official,
}

impl SessionKind {
    /// "Phiên trù bị" / "Phiên chính thức".
    pub fn label(self) -> &'static str {
        match self {
            SessionKind::Preparatory => "Phiên trù bị",
            SessionKind::Official => "Phiên chính thức",
        }
    }
}

/// Nhiệm kỳ — the term, e.g. 2020 – 2025.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Term {
    /// First year.
    pub start: i32,
    /// Last year.
    pub end: i32,
}

/// The organisation holding the congress and its convening committee.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Organisation {
    /// The organisation, e.g. "Đảng bộ phường Bạch Mai".
    pub name: String,
    /// Its kind.
    pub kind: OrgKind,
    /// The superior organisation, e.g. "Đảng bộ quận Hai Bà Trưng".
    pub superior: String,
    /// The superior's committee, e.g. "Quận uỷ Hai Bà Trưng" (for "Được sự đồng ý của …").
    #[serde(default)]
    pub superior_committee: Option<String>,
    /// The convening committee, e.g. "Đảng uỷ phường Bạch Mai" (or "Chi bộ …" for a cell).
    pub committee: String,
    /// The committee's body code for numbers: "ĐU", "CB".
    pub committee_code: String,
    /// The executive committee as the convener of a summons, e.g. "Ban Chấp hành Đảng bộ
    /// phường Bạch Mai". Default: the committee.
    #[serde(default)]
    pub executive: Option<String>,
    /// Place of the date line, e.g. "Bạch Mai".
    pub place: String,
}

/// A congress session.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Session {
    /// Preparatory or official.
    pub kind: SessionKind,
    /// The day.
    pub date: Date,
    /// Start time.
    pub start: Time,
    /// End time, if known.
    #[serde(default)]
    pub end: Option<Time>,
    /// "½ ngày", "cả ngày", if said.
    #[serde(default)]
    pub duration: Option<String>,
    /// The venue, if different from the congress venue.
    #[serde(default)]
    pub venue: Option<String>,
    /// The schedule announced in the summons.
    #[serde(default)]
    pub schedule: Vec<ScheduleItem>,
}

/// Khách mời — a guest invited to the congress.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Guest {
    /// The guest's name.
    pub name: PersonName,
    /// Chức vụ — the guest's title, e.g. "Phó Bí thư Thường trực Quận uỷ".
    pub title: String,
    /// Pins this guest's invitation number; otherwise numbers follow the list.
    #[serde(default)]
    pub number: Option<u32>,
}

/// A document the congress refers to: "Kế hoạch số 01-KH/ĐU ngày 05/01/2020 của Đảng uỷ …".
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Reference {
    /// "Kế hoạch", "Hướng dẫn", "Chỉ thị" …
    pub kind: String,
    /// Its number.
    pub number: DocNumber,
    /// Its date.
    pub date: Date,
    /// "của Ban Thường vụ Quận uỷ về tổ chức đại hội …": what follows the date.
    #[serde(default)]
    pub about: String,
}

impl Reference {
    /// "Căn cứ Kế hoạch số 01-KH/ĐU ngày 05/01/2020 của …".
    pub fn basis(&self) -> String {
        let mut s = format!(
            "Căn cứ {} số {} ngày {}",
            self.kind,
            self.number.symbol(),
            self.date.short()
        );
        if !self.about.trim().is_empty() {
            s.push(' ');
            s.push_str(self.about.trim());
        }
        s
    }
}

/// Settings of the invitations (giấy mời) to guests.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct InvitationSettings {
    /// Date of issue.
    pub date: Date,
    /// Number of the first invitation; guests follow in list order. Default 1.
    #[serde(default = "one")]
    pub first_number: u32,
    /// Which sessions guests are invited to. Default: the official ones.
    #[serde(default)]
    pub sessions: Option<Vec<SessionKind>>,
    /// Trang phục, if said.
    #[serde(default)]
    pub dress: Option<String>,
    /// The closing line. Default "Rất mong đồng chí đến dự đúng thời gian, địa điểm./.".
    #[serde(default)]
    pub closing: Option<String>,
    /// "Nơi nhận" items. Default: "Như trên", "Lưu VP".
    #[serde(default)]
    pub recipients: Option<Vec<String>>,
}

/// Settings of the summons (thông báo triệu tập) of members or delegates.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SummonsSettings {
    /// Date of issue.
    pub date: Date,
    /// Pins its number in the committee's sequence of its type (TB); otherwise it takes the
    /// next free one (see [`Numbering`](super::Numbering)).
    #[serde(default)]
    pub number: Option<u32>,
    /// Type code. Default "TB" (practice titles it "THÔNG BÁO TRIỆU TẬP" under TB).
    #[serde(default)]
    pub type_code: Option<String>,
    /// Thành phần — who is summoned, e.g. "Các đồng chí đại biểu chính thức …".
    pub composition: String,
    /// Trang phục.
    pub dress: String,
    /// Lưu ý — notes, one per line.
    #[serde(default)]
    pub notes: Vec<String>,
    /// "Nơi nhận" items. Default: "Các đồng chí đại biểu", "Lưu VP".
    #[serde(default)]
    pub recipients: Option<Vec<String>>,
}

fn one() -> u32 {
    1
}

/// Bí thư or whoever signs for the convening committee.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Signer {
    /// "T/M ĐẢNG UỶ", "T/M CHI BỘ", "T/M BAN THƯỜNG VỤ".
    pub authority: String,
    /// "BÍ THƯ", "PHÓ BÍ THƯ".
    pub title: String,
    /// The signer.
    pub name: PersonName,
}

impl Signer {
    /// The signature block: authority, title, full name.
    pub fn signature(&self) -> Signature {
        Signature {
            authority: self.authority.clone(),
            title: self.title.clone(),
            name: self.name.full(),
        }
    }
}

/// Đại hội — a grassroots Party congress and everything its paperwork is made from.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
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
    /// The term.
    pub term: Term,
    /// Which rule set applies (elections, format). Default `round2020`.
    #[serde(default)]
    pub rule_set: RuleSet,
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
    /// Invitation settings.
    pub invitations: InvitationSettings,
    /// Summons settings.
    pub summons: SummonsSettings,
    /// The elections held by the congress, in order.
    #[serde(default)]
    pub elections: Vec<super::election::ElectionRecord>,
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
    /// How documents are numbered (36-HD): where the committee's sequences start and restart.
    #[serde(default)]
    pub numbering: Numbering,
}

impl Congress {
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

    /// "lần thứ XXVI" / "lần thứ nhất", if the ordinal is known.
    pub fn ordinal_text(&self) -> Option<String> {
        let n = self.ordinal?;
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

    /// The header block of the committee's documents.
    pub fn committee_header(&self, number: Option<DocNumber>, date: Date) -> Header {
        Header {
            superior: self.organisation.superior.clone(),
            issuer: self.organisation.committee.clone(),
            number,
            place: self.organisation.place.clone(),
            date,
        }
    }

    /// The committee's signature block.
    pub fn committee_signature(&self) -> Signature {
        self.signer.signature()
    }

    /// The session as announced, with its label.
    pub fn session_time(&self, s: &Session) -> SessionTime {
        let label = if self.sessions.len() > 1 {
            s.kind.label().to_string()
        } else {
            String::new()
        };
        SessionTime {
            label,
            date: s.date,
            start: s.start,
            end: s.end,
            duration: s.duration.clone(),
            schedule: s.schedule.clone(),
        }
    }

    /// Checks everything the documents rely on; every problem at once, each with its path.
    pub fn validate(&self) -> Vec<Diagnostic> {
        let mut v = Validator::new();
        v.at("organisation", |v| {
            let o = &self.organisation;
            v.text("name", &o.name);
            v.text("superior", &o.superior);
            v.text("committee", &o.committee);
            v.text("committee_code", &o.committee_code);
            v.text("place", &o.place);
        });
        if self.term.end <= self.term.start || self.term.end - self.term.start > 10 {
            v.problem(
                "term",
                format!(
                    "{}–{} is not a plausible term (end after start, at most 10 years)",
                    self.term.start, self.term.end
                ),
            );
        }
        if let Some(0) = self.ordinal {
            v.problem("ordinal", "the first congress is number 1");
        }
        v.text("venue", &self.venue);
        if self.sessions.is_empty() {
            v.problem("sessions", "at least one session is needed");
        }
        if !self
            .sessions
            .iter()
            .any(|s| s.kind == SessionKind::Official)
            && !self.sessions.is_empty()
        {
            v.problem("sessions", "there is no official session");
        }
        for (i, s) in self.sessions.iter().enumerate() {
            v.at(&format!("sessions[{i}]"), |v| {
                v.session(&self.session_time(s));
                if let Some(prev) = i.checked_sub(1).and_then(|p| self.sessions.get(p)) {
                    if (s.date, s.start) < (prev.date, prev.start) {
                        v.problem("date", "sessions must be listed in time order");
                    }
                }
            });
        }
        v.at("signer", |v| {
            v.text("authority", &self.signer.authority);
            v.text("title", &self.signer.title);
            v.at("name", |v| name(v, &self.signer.name));
        });
        for (i, g) in self.guests.iter().enumerate() {
            v.at(&format!("guests[{i}]"), |v| {
                v.at("name", |v| name(v, &g.name));
                v.optional_text("title", &g.title);
                if g.number == Some(0) {
                    v.problem("number", "numbers start at 1");
                }
            });
        }
        if self.invitations.first_number == 0 {
            v.problem("invitations.first_number", "numbers start at 1");
        }
        self.check_numbers(&mut v);
        v.at("summons", |v| {
            v.text("composition", &self.summons.composition);
            v.text("dress", &self.summons.dress);
        });
        super::personnel::check(&mut v, self);
        super::proceedings::check(&mut v, self);
        super::consistency::check(&mut v, self);
        let mut out = v.finish();
        // Control characters anywhere in the data, with their paths.
        if let Ok(mut value) = serde_json::to_value(self) {
            out.extend(crate::template::prepare(&mut value));
        }
        out.extend(self.validate_elections());
        out
    }

    /// The invitation number of each guest, in list order (see [`Congress::numbers`]).
    pub fn invitation_numbers(&self) -> Vec<u32> {
        let numbers = self.numbers();
        (0..self.guests.len())
            .map(|i| numbers.get(Slot::Invitation(i)).unwrap_or(0))
            .collect()
    }
}

impl Congress {
    fn validate_elections(&self) -> Vec<Diagnostic> {
        let mut v = Validator::new();
        for (i, e) in self.elections.iter().enumerate() {
            v.at(&format!("elections[{i}]"), |v| {
                if e.vote_counting_committee.is_empty() {
                    v.problem(
                        "vote_counting_committee",
                        "the vote-counting committee has no members",
                    );
                }
                for (k, m) in e.vote_counting_committee.iter().enumerate() {
                    v.at(&format!("vote_counting_committee[{k}]"), |v| {
                        v.at("name", |v| name(v, &m.name));
                        v.text("role", &m.role);
                    });
                }
                if e.rounds.is_empty() {
                    v.problem(
                        "rounds",
                        "an election needs the counts of at least one round",
                    );
                }
                for r in 0..e.rounds.len() {
                    let result = self
                        .election_round(i, r)
                        .and_then(|el| crate::rules::tally(&el));
                    if let Err(err) = result {
                        let prefix = format!("rounds[{r}]");
                        if err.diagnostics().is_empty() {
                            v.problem(&prefix, err.message().to_string());
                        }
                        for d in err.diagnostics() {
                            let field = if d.path.is_empty() {
                                prefix.clone()
                            } else {
                                format!("{prefix}.{}", d.path)
                            };
                            v.problem(&field, d.message.clone());
                        }
                        // Later rounds take their seats from this one: stop here.
                        break;
                    }
                }
            });
        }
        v.finish()
    }
}

/// Checks a person's name parts.
pub(crate) fn name(v: &mut Validator, n: &PersonName) {
    v.text("ho", &n.ho);
    v.optional_text("dem", &n.dem);
    v.text("ten", &n.ten);
}
