//! The one table of document kinds. Each line names a kind, its machine name (also its
//! template's), its Vietnamese title, how its papers are numbered and which parts of the record
//! it reads. [`DocumentKind`], the CLI's list, the built-in templates and the numbering all come
//! from this table; `document::builder` matches every kind to the module that makes its papers
//! (the match is exhaustive, so a kind without a builder or a template does not compile).
//!
//! This module knows no paper: the papers import it, not the other way round.

use serde::Serialize;

use crate::congress::Sequence;

/// How a kind's papers are numbered: in which sequence, under which type code.
pub(crate) type Numbered = Option<(Sequence, &'static str)>;

macro_rules! kinds {
    ($( $(#[$doc:meta])* $variant:ident = $name:literal, $title:literal,
        $numbered:expr, $reads:expr; )*) => {
        /// Every kind of paper the library renders, in the order of the congress.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        #[non_exhaustive]
        pub enum DocumentKind {
            $( $(#[$doc])* $variant, )*
        }

        impl DocumentKind {
            /// Every kind, in the order of the congress (the order of a pack).
            pub const ALL: &'static [DocumentKind] = &[ $( DocumentKind::$variant, )* ];

            /// The machine name, also the template's name: `invitation`.
            pub fn name(self) -> &'static str {
                match self { $( DocumentKind::$variant => $name, )* }
            }

            /// The Vietnamese name of the kind: "Giấy mời".
            pub fn title(self) -> &'static str {
                match self { $( DocumentKind::$variant => $title, )* }
            }

            /// How its papers are numbered: the sequence and the type code, if they are.
            pub(crate) fn numbered(self) -> Numbered {
                match self { $( DocumentKind::$variant => $numbered, )* }
            }

            /// The top-level fields of the record whose problems concern only the kinds that
            /// read them (every other field concerns every kind).
            pub(crate) fn reads(self) -> &'static [&'static str] {
                match self { $( DocumentKind::$variant => $reads, )* }
            }
        }

        /// The built-in templates of the kinds: (name, source).
        pub(crate) const TEMPLATES: &[(&str, &str)] = &[
            $( ($name, include_str!(concat!("../templates/", $name, ".hbs"))), )*
        ];
    };
}

kinds! {
    /// Giấy mời — the invitation of one guest (GM, the committee's sequence).
    Invitation = "invitation", "Giấy mời",
        Some((Sequence::Committee, "GM")), &["guests"];
    /// Thông báo triệu tập — the summons of members or delegates (TB, the committee's).
    Summons = "summons", "Thông báo triệu tập",
        Some((Sequence::Committee, "TB")), &[];
    /// Danh sách đại biểu được triệu tập (a cell: danh sách đảng viên) — the people convened.
    ConvenedList = "convened-list", "Danh sách triệu tập",
        None, &["convened", "proceedings"];
    /// Danh sách trích ngang — the candidate summary list.
    CandidateList = "candidate-list", "Danh sách trích ngang",
        None, &["candidates", "personnel"];
    /// Giấy triệu tập hội nghị — the summons to a conference of the personnel procedure (TB).
    ConferenceSummons = "conference-summons", "Giấy triệu tập hội nghị",
        Some((Sequence::Committee, "TB")), &["candidates", "personnel"];
    /// Phiếu giới thiệu nhân sự — the introduction ballot of a personnel step.
    IntroductionBallot = "introduction-ballot", "Phiếu giới thiệu nhân sự",
        None, &["candidates", "personnel"];
    /// Biên bản kiểm phiếu giới thiệu — the tally minutes of an introduction ballot (BB).
    IntroductionTallyMinutes = "introduction-tally-minutes", "Biên bản kiểm phiếu giới thiệu",
        Some((Sequence::Committee, "BB")), &["candidates", "personnel"];
    /// Biên bản hội nghị — the minutes of a personnel conference (BB).
    ConferenceMinutes = "conference-minutes", "Biên bản hội nghị",
        Some((Sequence::Committee, "BB")), &["candidates", "personnel"];
    /// Bảng tổng hợp kết quả giới thiệu qua các bước — the personnel summary of a track.
    PersonnelSummary = "personnel-summary", "Bảng tổng hợp kết quả giới thiệu",
        None, &["candidates", "personnel"];
    /// Đề án nhân sự — the outgoing committee's proposal of the new committee's structure,
    /// numbers and people (ĐA, the committee's sequence), with the trích ngang.
    PersonnelProposal = "personnel-proposal", "Đề án nhân sự",
        Some((Sequence::Committee, "ĐA")), &["candidates", "personnel", "elections"];
    /// Chương trình đại hội — the programme (CTr, the congress's sequence).
    Programme = "programme", "Chương trình đại hội",
        Some((Sequence::Congress, "CTr")), &["guests", "elections", "proceedings"];
    /// Nội quy Đại hội — the standing orders, adopted with the programme (QC, the congress's).
    StandingOrders = "standing-orders", "Nội quy Đại hội",
        Some((Sequence::Congress, "QC")), &["proceedings"];
    /// Quy chế bầu cử — the election rules, adopted with the programme (QC, the congress's).
    ElectionRules = "election-rules", "Quy chế bầu cử",
        Some((Sequence::Congress, "QC")), &["elections", "proceedings"];
    /// Kịch bản điều hành đại hội — the presidium's script (internal, no number).
    Script = "script", "Kịch bản điều hành đại hội",
        None, &["guests", "elections", "proceedings"];
    /// Danh sách ký tên dự Đại hội — the sign-in sheet, a column per session.
    SignInSheet = "sign-in-sheet", "Danh sách ký tên dự Đại hội",
        None, &["convened", "proceedings"];
    /// Báo cáo thẩm tra tư cách đại biểu (BC, the congress's sequence); a cell: tình hình đảng
    /// viên dự Đại hội, the convening chi uỷ's (BC in its sequence, set on the item).
    CredentialsReport = "credentials-report", "Báo cáo thẩm tra tư cách đại biểu",
        Some((Sequence::Congress, "BC")), &["proceedings"];
    /// Danh sách bầu cử — the election list of one election round, as adopted.
    ElectionList = "election-list", "Danh sách bầu cử",
        None, &["elections", "candidates", "convened", "proceedings"];
    /// Phiếu lấy ý kiến giới thiệu — the opinion ballot on members nominated at the congress
    /// (04-HD/TW Mẫu 4A/4B; round2025, when an election has nominations).
    OpinionBallot = "opinion-ballot", "Phiếu lấy ý kiến giới thiệu",
        None, &["elections"];
    /// Biên bản kiểm phiếu lấy ý kiến — the count of that vote (04-HD/TW Mẫu 5; BB, the
    /// congress's sequence).
    OpinionMinutes = "opinion-minutes", "Biên bản kiểm phiếu lấy ý kiến",
        Some((Sequence::Congress, "BB")), &["elections"];
    /// Phiếu bầu cử — the ballot of one election round.
    Ballot = "ballot", "Phiếu bầu cử",
        None, &["elections"];
    /// Biên bản kiểm phiếu — the vote-count minutes of one election round (BB, the congress's
    /// sequence; the first session's too, see below).
    VoteCountMinutes = "vote-count-minutes", "Biên bản kiểm phiếu",
        Some((Sequence::Congress, "BB")), &["elections"];
    /// Biên bản Hội nghị lần thứ nhất — the new committee's first session (BB, the congress's
    /// sequence: the session is held during the congress, and the new committee's term and
    /// sequence begin the day after the closing, SPEC §3.4; so are its vote counts).
    FirstSessionMinutes = "first-session-minutes", "Biên bản Hội nghị lần thứ nhất",
        Some((Sequence::Congress, "BB")), &["elections", "proceedings"];
    /// Nghị quyết Đại hội — the resolution (NQ, the congress's sequence).
    Resolution = "resolution", "Nghị quyết Đại hội",
        Some((Sequence::Congress, "NQ")), &["elections", "proceedings"];
    /// Biên bản đại hội — the congress minutes (BB, the congress's sequence).
    CongressMinutes = "congress-minutes", "Biên bản đại hội",
        Some((Sequence::Congress, "BB")), &["guests", "elections", "proceedings"];
    /// Danh sách trích ngang of the new committee, sent with the request for approval.
    CommitteeSummary = "committee-summary", "Danh sách trích ngang cấp uỷ khoá mới",
        None, &["elections", "candidates", "proceedings"];
    /// Danh sách đại biểu dự đại hội cấp trên — the delegates elected, sent with the report.
    ElectedDelegates = "elected-delegates", "Danh sách đại biểu dự đại hội cấp trên",
        None, &["elections", "candidates", "convened", "proceedings"];
    /// Báo cáo kết quả Đại hội — the report to the superior (BC, the new committee's).
    ResultsReport = "results-report", "Báo cáo kết quả Đại hội",
        Some((Sequence::NewCommittee, "BC")),
        &["elections", "candidates", "proceedings", "report_to_superior", "guests"];
    /// Tờ trình đề nghị chuẩn y — the request for approval (TTr, the new committee's).
    ApprovalRequest = "approval-request", "Tờ trình đề nghị chuẩn y",
        Some((Sequence::NewCommittee, "TTr")),
        &["elections", "candidates", "proceedings", "report_to_superior"];
}

impl DocumentKind {
    /// The type code of its number ("GM", "BB"), if its papers are numbered.
    pub fn type_code(self) -> Option<&'static str> {
        self.numbered().map(|(_, code)| code)
    }

    /// Looks a kind up by machine name.
    pub fn from_name(name: &str) -> Option<DocumentKind> {
        DocumentKind::ALL.iter().copied().find(|k| k.name() == name)
    }

    /// Its position in [`DocumentKind::ALL`].
    pub(crate) fn index(self) -> usize {
        DocumentKind::ALL
            .iter()
            .position(|k| *k == self)
            .unwrap_or(usize::MAX)
    }
}

impl std::fmt::Display for DocumentKind {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name())
    }
}

impl Serialize for DocumentKind {
    fn serialize<S: serde::Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        s.serialize_str(self.name())
    }
}
