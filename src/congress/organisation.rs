//! The organisation holding the congress, its sessions, guests, settings and signer: the parts
//! of the record every paper's header and opening lines are made from.

use serde::{Deserialize, Serialize};

use crate::vi::{Date, PersonName, Time};

/// Loại tổ chức — the kind of Party organisation holding the congress.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
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
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum OrdinalStyle {
    /// "lần thứ XXVI".
    #[default]
    Roman,
    /// "lần thứ nhất".
    Words,
}

/// Where the unit comes from, for its congress's ordinal (Hướng dẫn 06-HD/TW; SPEC §2.2 "Terms
/// and ordinals"): a new unit's first congress is "lần thứ I", a merged unit continues the
/// count of the unit it continues, an unchanged one its own. `"new"`,
/// `{"unchanged": {"last_ordinal": 2}}` or `{"merged": {"continues": "…", "last_ordinal": 3}}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case", deny_unknown_fields)]
pub enum Origin {
    /// Thành lập mới — a new unit (`"new"`): its first congress is "lần thứ I".
    New,
    /// Giữ nguyên — the unit as it was: the ordinal follows its last congress.
    Unchanged {
        /// Lần thứ of its last congress.
        last_ordinal: u16,
    },
    /// Hợp nhất, sáp nhập — a unit formed by merging: it continues the count of one of the
    /// units merged.
    Merged {
        /// The unit whose count it continues, as its papers named it: "Chi bộ Tổ dân phố số 12
        /// (cũ)".
        continues: String,
        /// Lần thứ of that unit's last congress.
        last_ordinal: u16,
        /// The committee appointed by the superior committee to lead the merged unit until its
        /// congress (Chỉ thị 45-CT/TW; round2025), if it was.
        #[serde(default)]
        appointed: Option<Appointment>,
    },
}

impl Origin {
    /// The ordinal its next congress has, when the origin says it.
    pub fn next_ordinal(&self) -> Option<u16> {
        match self {
            Origin::New => Some(1),
            Origin::Unchanged { last_ordinal } | Origin::Merged { last_ordinal, .. } => {
                last_ordinal.checked_add(1)
            }
        }
    }
}

/// Chỉ định — the superior committee's appointment of a merged unit's committee (Chỉ thị
/// 45-CT/TW; SPEC §2 "Chỉ thị 45 designation in merged units").
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Appointment {
    /// Who appointed it: "Ban Thường vụ Đảng uỷ phường Bạch Mai".
    pub by: String,
    /// The decision: "Quyết định số 08-QĐ/ĐU ngày 15/7/2025"; may be empty.
    #[serde(default)]
    pub decision: String,
}

/// Phiên trù bị / phiên chính thức.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
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
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Term {
    /// First year.
    pub start: i32,
    /// Last year.
    pub end: i32,
}

/// The organisation holding the congress and its convening committee.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
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
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
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

impl Session {
    /// Where the time a paper announces for the session begins: its start, or the earliest of
    /// `times` (the items the paper lists under it) when one comes before — a check of
    /// attendance at 7h15’ for a session opening at 7h30’ — so that the range covers them all.
    pub fn announced_from(&self, times: impl IntoIterator<Item = Time>) -> Time {
        times.into_iter().fold(self.start, Time::min)
    }
}

/// Khách mời — a guest invited to the congress.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Guest {
    /// The guest's name.
    pub name: PersonName,
    /// Chức vụ — the guest's title, e.g. "Phó Bí thư Thường trực Quận uỷ".
    pub title: String,
    /// Pins this guest's invitation number; otherwise numbers follow the list.
    #[serde(default)]
    pub number: Option<u32>,
    /// A leader of the superior committee, invited "tới dự và chỉ đạo Đại hội". Default: false.
    #[serde(default)]
    pub directs: bool,
}

/// One person convened to the congress (Danh sách triệu tập): a delegate, or a member of a
/// cell holding a members' congress.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct ConvenedPerson {
    /// The person.
    pub name: PersonName,
    /// Chức vụ — their post, e.g. "Bí thư Chi bộ Tổ dân phố số 3"; may be empty.
    #[serde(default)]
    pub title: String,
    /// Đơn vị — their Party unit, e.g. "Chi bộ Tổ dân phố số 3"; may be empty.
    #[serde(default)]
    pub unit: String,
    /// Ghi chú, e.g. "Đại biểu đương nhiên"; may be empty.
    #[serde(default)]
    pub note: String,
    /// Năm sinh — for one elected from outside the candidates' profiles (a member of the Uỷ
    /// ban Kiểm tra who is not on the Ban Chấp hành): the election lists print it.
    #[serde(default)]
    pub birth_year: Option<i32>,
}

/// A document the congress refers to: "Kế hoạch số 01-KH/ĐU ngày 05/01/2020 của Đảng uỷ …".
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
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

/// Settings of the invitations (giấy mời) to guests.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
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
    /// The closing line. Default "Rất mong đồng chí đến dự đúng thời gian, địa điểm./." (the
    /// body's end mark is the rule set's, "." under round2025).
    #[serde(default)]
    pub closing: Option<String>,
    /// "Nơi nhận" items. Default: "Như trên", "Lưu VP".
    #[serde(default)]
    pub recipients: Option<Vec<String>>,
}

/// Settings of the summons (thông báo triệu tập) of members or delegates.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
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
    /// Trang phục — what follows "Trang phục:" in the summons and the Nội quy, e.g. "nam mặc
    /// áo sơ mi, quần âu; nữ mặc áo dài truyền thống"; the papers end the sentence.
    pub dress: String,
    /// Lưu ý — notes, one per line.
    #[serde(default)]
    pub notes: Vec<String>,
    /// "Nơi nhận" items. Default: "Các đồng chí đại biểu", "Lưu VP".
    #[serde(default)]
    pub recipients: Option<Vec<String>>,
}

impl SummonsSettings {
    /// The dress as a sentence's end: trimmed, without a final full stop (the papers add it).
    pub fn dress_text(&self) -> String {
        self.dress
            .trim()
            .trim_end_matches('.')
            .trim_end()
            .to_string()
    }
}

fn one() -> u32 {
    1
}

/// Bí thư or whoever signs for the convening committee.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Signer {
    /// "T/M ĐẢNG UỶ", "T/M CHI BỘ", "T/M BAN THƯỜNG VỤ".
    pub authority: String,
    /// "BÍ THƯ", "PHÓ BÍ THƯ".
    pub title: String,
    /// The signer.
    pub name: PersonName,
    /// Quyền — the signer is the acting head: the title is the head's ("BÍ THƯ") and is
    /// printed after the format's acting mark, "Q. BÍ THƯ" (`format.acting_mark`, SPEC §2.2).
    /// Default: false.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub acting: bool,
}

impl Signer {
    /// The title as signed: "BÍ THƯ", or "Q. BÍ THƯ" for an acting head (`acting_mark`).
    pub fn signing_title(&self, acting_mark: &str) -> String {
        if self.acting {
            format!("{acting_mark} {}", self.title)
        } else {
            self.title.clone()
        }
    }
}

/// Số và ký hiệu — a document's number and symbol: "Số 01-GM/ĐU" (36-HD/VPTW point 1.3).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct DocNumber {
    /// The sequence number, from 1 (printed 01–09 padded).
    pub seq: u32,
    /// Type code: GM (giấy mời), TB (thông báo), BB (biên bản), CTr (chương trình) …
    pub type_code: String,
    /// Issuing body code: ĐU (đảng uỷ), CB (chi bộ), ĐH (đại hội) …
    pub body_code: String,
}

impl DocNumber {
    /// A number.
    pub fn new(seq: u32, type_code: &str, body_code: &str) -> Self {
        DocNumber {
            seq,
            type_code: type_code.to_string(),
            body_code: body_code.to_string(),
        }
    }

    /// The symbol without "Số": "01-GM/ĐU".
    pub fn symbol(&self) -> String {
        format!("{:02}-{}/{}", self.seq, self.type_code, self.body_code)
    }
}

/// One line of a schedule: "Từ 7h30’ đến 7h40’: Kiểm tra quân số, ổn định tổ chức."
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct ScheduleItem {
    /// Start time.
    pub start: Time,
    /// End time, if given.
    #[serde(default)]
    pub end: Option<Time>,
    /// What happens.
    pub content: String,
}
