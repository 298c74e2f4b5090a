//! Pieces every document shares: the header block, the document number, the signature block,
//! sessions and schedule lines — and the validator that collects every problem with its path.

use serde::{Deserialize, Serialize};

use crate::error::Diagnostic;
use crate::vi::{Date, Time};

/// Số và ký hiệu — a document's number and symbol: "Số 01-GM/ĐU" (36-HD/VPTW point 1.3).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
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

    /// "Số 01-GM/ĐU" (or "Số: 01-GM/ĐU" with `colon`).
    pub fn format(&self, colon: bool) -> String {
        format!("Số{} {}", if colon { ":" } else { "" }, self.symbol())
    }
}

/// The header block (layout cells 1–4): superior and issuing body on the left with the number,
/// "ĐẢNG CỘNG SẢN VIỆT NAM" and the place and date on the right.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Header {
    /// Cơ quan cấp trên — the superior body, e.g. "Đảng bộ quận Hai Bà Trưng" (printed upper case).
    pub superior: String,
    /// Cơ quan ban hành — the issuing body, e.g. "Đảng uỷ phường Bạch Mai" (printed upper case, bold).
    pub issuer: String,
    /// The number, if the document has one.
    #[serde(default)]
    pub number: Option<DocNumber>,
    /// Địa danh — the place of the date line, e.g. "Bạch Mai".
    pub place: String,
    /// The date of issue.
    pub date: Date,
}

/// Chữ ký — the signature block: "T/M ĐẢNG UỶ / BÍ THƯ / Lê Thành Vinh".
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Signature {
    /// Thẩm quyền ký, e.g. "T/M ĐẢNG UỶ" (slashes, not the state "TM.").
    pub authority: String,
    /// Chức vụ, e.g. "BÍ THƯ" (no body name).
    pub title: String,
    /// The signer's full name (no rank before it).
    pub name: String,
}

/// One line of a schedule: "Từ 7h30’ đến 7h40’: Kiểm tra quân số, ổn định tổ chức."
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
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

/// A session as announced in invitations and summons.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SessionTime {
    /// "Phiên trù bị", "Phiên chính thức", or empty for a single session.
    #[serde(default)]
    pub label: String,
    /// The day.
    pub date: Date,
    /// Start time.
    pub start: Time,
    /// End time, if given.
    #[serde(default)]
    pub end: Option<Time>,
    /// "½ ngày", "cả ngày" — said before the date, if given.
    #[serde(default)]
    pub duration: Option<String>,
    /// The schedule of the session, if announced.
    #[serde(default)]
    pub schedule: Vec<ScheduleItem>,
}

/// Collects problems with the path of the field that has them.
#[derive(Debug, Default)]
pub struct Validator {
    path: Vec<String>,
    diagnostics: Vec<Diagnostic>,
}

/// Longest text we accept in one field; longer is almost surely a mistake (a pasted file).
pub const MAX_FIELD_CHARS: usize = 2000;

impl Validator {
    /// A validator with nothing found yet.
    pub fn new() -> Self {
        Self::default()
    }

    /// Runs `f` with `name` appended to the path (`guests[2]`, `.name`).
    pub fn at<R>(&mut self, name: &str, f: impl FnOnce(&mut Self) -> R) -> R {
        self.path.push(name.to_string());
        let r = f(self);
        self.path.pop();
        r
    }

    /// The current path joined: `guests[2].name`.
    pub fn path(&self) -> String {
        let mut out = String::new();
        for p in &self.path {
            if !out.is_empty() && !p.starts_with('[') {
                out.push('.');
            }
            out.push_str(p);
        }
        out
    }

    /// Records a problem at the current path + `field`.
    pub fn problem(&mut self, field: &str, message: impl Into<String>) {
        let mut path = self.path();
        if !field.is_empty() {
            if !path.is_empty() && !field.starts_with('[') {
                path.push('.');
            }
            path.push_str(field);
        }
        self.diagnostics.push(Diagnostic::new(path, message));
    }

    /// Checks a required text field: not blank, not absurdly long.
    pub fn text(&mut self, field: &str, value: &str) {
        if value.trim().is_empty() {
            self.problem(field, "must not be empty");
        } else {
            self.optional_text(field, value);
        }
    }

    /// Checks an optional text field's length.
    pub fn optional_text(&mut self, field: &str, value: &str) {
        let n = value.chars().count();
        if n > MAX_FIELD_CHARS {
            self.problem(
                field,
                format!("is {n} characters long; at most {MAX_FIELD_CHARS} are accepted"),
            );
        }
    }

    /// Checks a header block.
    pub fn header(&mut self, h: &Header) {
        self.at("header", |v| {
            v.text("superior", &h.superior);
            v.text("issuer", &h.issuer);
            v.text("place", &h.place);
            if let Some(n) = &h.number {
                v.at("number", |v| v.number(n));
            }
        });
    }

    /// Checks a document number.
    pub fn number(&mut self, n: &DocNumber) {
        if n.seq == 0 {
            self.problem("seq", "numbers start at 1");
        }
        if n.seq > 99_999 {
            self.problem(
                "seq",
                format!("{} is not a plausible document number", n.seq),
            );
        }
        for (field, value) in [("type_code", &n.type_code), ("body_code", &n.body_code)] {
            if value.trim().is_empty() {
                self.problem(field, "must not be empty");
            } else if value
                .chars()
                .any(|c| c.is_whitespace() || c == '/' || c == '-')
            {
                self.problem(
                    field,
                    format!("`{value}` must be a code without spaces, '/' or '-'"),
                );
            }
        }
    }

    /// Checks a signature block.
    pub fn signature(&mut self, s: &Signature) {
        self.at("signature", |v| {
            v.text("authority", &s.authority);
            v.text("title", &s.title);
            v.text("name", &s.name);
        });
    }

    /// Checks a session and its schedule.
    pub fn session(&mut self, s: &SessionTime) {
        if let Some(end) = s.end {
            if end <= s.start {
                self.problem(
                    "end",
                    format!("ends at {end}, not after its start {}", s.start),
                );
            }
        }
        for (i, item) in s.schedule.iter().enumerate() {
            self.at(&format!("schedule[{i}]"), |v| {
                v.text("content", &item.content);
                if let Some(end) = item.end {
                    if end <= item.start {
                        v.problem(
                            "end",
                            format!("ends at {end}, not after its start {}", item.start),
                        );
                    }
                }
            });
        }
    }

    /// The problems found.
    pub fn finish(self) -> Vec<Diagnostic> {
        self.diagnostics
    }
}
