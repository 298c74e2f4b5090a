//! The typed data: the congress and every document of it.
//!
//! A document is a plain serde struct (build it by hand, deserialize it, or derive it from a
//! [`Congress`]); [`Document::validate`] reports every problem at once with field paths.

mod any;
mod common;
mod congress;
mod congress_minutes;
mod consistency;
mod election;
mod invitation;
mod numbering;
mod people;
mod personnel;
mod proceedings;
mod programme;
mod script;

pub use any::AnyDocument;
pub use common::{DocNumber, Header, ScheduleItem, SessionTime, Signature, Validator};
pub use congress::{
    Congress, CongressKind, Guest, InvitationSettings, OrdinalStyle, OrgKind, Organisation,
    Reference, Session, SessionKind, Signer, SummonsSettings, Term,
};
pub use congress_minutes::{
    CongressMinutes, ElectedLine, ElectionLine, Moment, RoundLine, SpeechLine, VoteLine,
};
pub use election::{Ballot, BodyMember, ElectionRecord, RoundCounts, VoteCountMinutes};
pub use invitation::{Addressee, Invitation, Summons};
pub use numbering::{CommitteePeriod, Numbering, Numbers, Slot};
pub use people::resolve_people;
pub use personnel::{
    BallotEntry, CandidateList, CandidateProfile, ConferenceMinutes, ConferenceSummons,
    CountingTeam, Education, Gender, IntroductionBallot, IntroductionTallyMinutes, KeyOfficials,
    Participant, PersonnelRecord, PersonnelSummary, StepRecord, SummonsIssue, TrackRecord,
};
pub use proceedings::{
    Absence, AgendaItem, AgendaSession, Attendance, HandVote, Membership, Proceedings, Report,
    Resolution, Speech, StepKind,
};
pub use programme::{Programme, ProgrammeItem, ProgrammeSession};
pub use script::{Script, ScriptElection, ScriptRound};

// A name in three parts is a language concept: it lives in `vi`, beside its collation.
pub use crate::vi::PersonName;

use serde::Serialize;

use crate::error::Diagnostic;

/// Every kind of document the library renders.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "kebab-case")]
#[non_exhaustive]
pub enum DocumentKind {
    /// Giấy mời — invitation of a guest (GM).
    Invitation,
    /// Thông báo triệu tập — summons of members or delegates (TB).
    Summons,
    /// Kịch bản điều hành đại hội — the presidium's script (internal, no number).
    Script,
    /// Phiếu bầu cử — a ballot for one office and round.
    Ballot,
    /// Biên bản kiểm phiếu — vote-count minutes of one election round (BB).
    VoteCountMinutes,
    /// Giấy triệu tập hội nghị — summons to a personnel-procedure conference (TB).
    ConferenceSummons,
    /// Phiếu giới thiệu nhân sự — the introduction ballot of a personnel step.
    IntroductionBallot,
    /// Biên bản kiểm phiếu giới thiệu — tally minutes of an introduction ballot (BB).
    IntroductionTallyMinutes,
    /// Biên bản hội nghị — minutes of a personnel-procedure conference (BB).
    ConferenceMinutes,
    /// Bảng tổng hợp kết quả giới thiệu qua các bước — the personnel summary sheet.
    PersonnelSummary,
    /// Danh sách trích ngang — the candidate summary list.
    CandidateList,
    /// Chương trình đại hội — the programme (CTr, congress sequence).
    Programme,
    /// Biên bản đại hội — the congress minutes (BB, congress sequence).
    CongressMinutes,
}

impl DocumentKind {
    /// Every kind, in the order of the congress.
    pub const ALL: &'static [DocumentKind] = &[
        DocumentKind::Invitation,
        DocumentKind::Summons,
        DocumentKind::CandidateList,
        DocumentKind::ConferenceSummons,
        DocumentKind::IntroductionBallot,
        DocumentKind::IntroductionTallyMinutes,
        DocumentKind::ConferenceMinutes,
        DocumentKind::PersonnelSummary,
        DocumentKind::Programme,
        DocumentKind::Script,
        DocumentKind::Ballot,
        DocumentKind::VoteCountMinutes,
        DocumentKind::CongressMinutes,
    ];

    /// The machine name, also the template name: `invitation`.
    pub fn name(self) -> &'static str {
        match self {
            DocumentKind::Invitation => "invitation",
            DocumentKind::Summons => "summons",
            DocumentKind::Script => "script",
            DocumentKind::Ballot => "ballot",
            DocumentKind::VoteCountMinutes => "vote-count-minutes",
            DocumentKind::ConferenceSummons => "conference-summons",
            DocumentKind::IntroductionBallot => "introduction-ballot",
            DocumentKind::IntroductionTallyMinutes => "introduction-tally-minutes",
            DocumentKind::ConferenceMinutes => "conference-minutes",
            DocumentKind::PersonnelSummary => "personnel-summary",
            DocumentKind::CandidateList => "candidate-list",
            DocumentKind::Programme => "programme",
            DocumentKind::CongressMinutes => "congress-minutes",
        }
    }

    /// The Vietnamese name: "Giấy mời".
    pub fn title(self) -> &'static str {
        match self {
            DocumentKind::Invitation => "Giấy mời",
            DocumentKind::Summons => "Thông báo triệu tập",
            DocumentKind::Script => "Kịch bản điều hành đại hội",
            DocumentKind::Ballot => "Phiếu bầu cử",
            DocumentKind::VoteCountMinutes => "Biên bản kiểm phiếu",
            DocumentKind::ConferenceSummons => "Giấy triệu tập hội nghị",
            DocumentKind::IntroductionBallot => "Phiếu giới thiệu nhân sự",
            DocumentKind::IntroductionTallyMinutes => "Biên bản kiểm phiếu giới thiệu",
            DocumentKind::ConferenceMinutes => "Biên bản hội nghị",
            DocumentKind::PersonnelSummary => "Bảng tổng hợp kết quả giới thiệu",
            DocumentKind::CandidateList => "Danh sách trích ngang",
            DocumentKind::Programme => "Chương trình đại hội",
            DocumentKind::CongressMinutes => "Biên bản đại hội",
        }
    }

    /// The type code of its number ("GM"); empty for papers that carry no number (ballots,
    /// lists).
    pub fn type_code(self) -> &'static str {
        match self {
            DocumentKind::Invitation => "GM",
            DocumentKind::Summons | DocumentKind::ConferenceSummons => "TB",
            DocumentKind::VoteCountMinutes
            | DocumentKind::IntroductionTallyMinutes
            | DocumentKind::ConferenceMinutes
            | DocumentKind::CongressMinutes => "BB",
            DocumentKind::Programme => "CTr",
            DocumentKind::Ballot
            | DocumentKind::Script
            | DocumentKind::IntroductionBallot
            | DocumentKind::PersonnelSummary
            | DocumentKind::CandidateList => "",
        }
    }

    /// Looks a kind up by machine name.
    pub fn from_name(name: &str) -> Option<DocumentKind> {
        DocumentKind::ALL.iter().copied().find(|k| k.name() == name)
    }
}

impl std::fmt::Display for DocumentKind {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name())
    }
}

/// What a renderer needs to know about a document besides its content.
#[derive(Debug, Clone, PartialEq)]
pub struct DocMeta {
    /// The kind.
    pub kind: DocumentKind,
    /// Title for the file's metadata.
    pub title: String,
    /// Subject (the congress).
    pub subject: String,
    /// Author (the issuing body).
    pub author: String,
    /// Creation time, RFC 3339, from the document's date (never the clock).
    pub created: String,
    /// A stable identifier: the same document gets the same id.
    pub id: String,
    /// A safe file name without extension: `giay-moi-01-gm-du-dinh-thi-lan-duyen`.
    pub file_stem: String,
    /// Whom the document is for, if it is addressed to one person (for batch reports).
    pub recipient: Option<String>,
    /// The number and symbol without "Số" ("01-GM/ĐU"), if the document is numbered.
    pub number: Option<String>,
}

impl DocMeta {
    /// Metadata from a header block.
    pub fn new(
        kind: DocumentKind,
        header: &Header,
        title: String,
        subject: &str,
        recipient: Option<&str>,
    ) -> DocMeta {
        let number = header
            .number
            .as_ref()
            .map(|n| n.symbol())
            .unwrap_or_default();
        let mut stem = String::from(kind.title());
        if !number.is_empty() {
            stem.push(' ');
            stem.push_str(&number);
        }
        if let Some(r) = recipient {
            stem.push(' ');
            stem.push_str(r);
        }
        let id_source = format!("{}|{}|{}|{}", kind.name(), number, header.date, title);
        DocMeta {
            kind,
            title,
            subject: subject.to_string(),
            author: header.issuer.clone(),
            created: format!("{}T00:00:00Z", header.date),
            id: format!("{:016x}", fnv1a(id_source.as_bytes())),
            file_stem: safe_file_stem(&stem),
            recipient: recipient.map(str::to_string),
            number: header.number.as_ref().map(|n| n.symbol()),
        }
    }
}

/// A document that can be rendered.
pub trait Document: Serialize + Sync {
    /// Its kind (selects the template).
    fn kind(&self) -> DocumentKind;
    /// Every problem in the data, each with its field path; empty when the document is fine.
    fn validate(&self) -> Vec<Diagnostic>;
    /// Title, ids and file name.
    fn meta(&self) -> DocMeta;
    /// The data the template sees. Default: the document serialized; documents computed from
    /// counts (vote-count minutes, summaries) add the computed results here, so what is printed
    /// always follows from the data.
    fn context(&self) -> crate::Result<serde_json::Value> {
        serde_json::to_value(self).map_err(|e| {
            crate::Error::new(
                crate::ErrorKind::Json,
                format!("cannot serialise the document: {e}"),
            )
        })
    }
}

fn fnv1a(bytes: &[u8]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in bytes {
        h ^= *b as u64;
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    h
}

/// A file name from any text: Vietnamese letters folded to ASCII, lower case, words joined
/// with '-', at most 100 characters; never empty, never a path.
pub fn safe_file_stem(text: &str) -> String {
    use unicode_normalization::UnicodeNormalization;
    let mut out = String::new();
    let mut dash = false;
    for c in text.nfd() {
        let c = match c {
            'đ' | 'Đ' => 'd',
            c if unicode_normalization::char::is_combining_mark(c) => continue,
            c => c,
        };
        if c.is_ascii_alphanumeric() {
            if dash && !out.is_empty() {
                out.push('-');
            }
            dash = false;
            out.push(c.to_ascii_lowercase());
        } else {
            dash = true;
        }
        if out.len() >= 100 {
            break;
        }
    }
    if out.is_empty() {
        out.push_str("document");
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_stems_are_safe_ascii() {
        assert_eq!(
            safe_file_stem("Giấy mời 01-GM/ĐU Đinh Thị Lan Duyên"),
            "giay-moi-01-gm-du-dinh-thi-lan-duyen"
        );
        assert_eq!(safe_file_stem("../../etc/passwd"), "etc-passwd");
        assert_eq!(safe_file_stem("中文"), "document");
        assert!(safe_file_stem(&"Nguyễn ".repeat(100)).len() <= 100);
    }
}
