//! The lists a sheet can fill, the columns each reads, and what an import returns.

use std::fmt;

use serde::{Deserialize, Serialize};
use serde_json::Value;

/// The list of the congress file that a sheet fills.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ListKind {
    /// `people` — each person once, with a key that other lists name as `"@key"`.
    People,
    /// `guests` — khách mời, one invitation each.
    Guests,
    /// `candidates` — the candidates' profiles (lý lịch trích ngang).
    Candidates,
    /// `convened` — the delegates (or a cell's members) convened (danh sách triệu tập).
    Delegates,
}

impl ListKind {
    /// Every list, in the order of the CLI's help.
    pub const ALL: [ListKind; 4] = [
        ListKind::People,
        ListKind::Guests,
        ListKind::Candidates,
        ListKind::Delegates,
    ];

    /// The name on the command line and in `?as=`: `people`, `guests`, `candidates`,
    /// `delegates`.
    pub fn name(self) -> &'static str {
        match self {
            ListKind::People => "people",
            ListKind::Guests => "guests",
            ListKind::Candidates => "candidates",
            ListKind::Delegates => "delegates",
        }
    }

    /// The list named `name` (see [`ListKind::name`]).
    pub fn from_name(name: &str) -> Option<ListKind> {
        ListKind::ALL.into_iter().find(|k| k.name() == name.trim())
    }

    /// The field of the congress file that holds the list.
    pub fn field(self) -> &'static str {
        match self {
            ListKind::Delegates => "convened",
            other => other.name(),
        }
    }

    /// The columns read for this list besides the name, as (field path, headers, required).
    pub(super) fn columns(self) -> &'static [Column] {
        match self {
            ListKind::People => &[],
            ListKind::Guests => GUEST_COLUMNS,
            ListKind::Delegates => DELEGATE_COLUMNS,
            ListKind::Candidates => CANDIDATE_COLUMNS,
        }
    }
}

impl fmt::Display for ListKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// How a cell becomes a value of the congress file.
#[derive(Clone, Copy)]
pub(super) enum Parse {
    Text,
    Date,
    Gender,
    Track,
}

pub(super) struct Column {
    pub(super) path: &'static str,
    pub(super) headers: &'static [&'static str],
    pub(super) required: bool,
    pub(super) parse: Parse,
}

impl Column {
    pub(super) const fn new(
        path: &'static str,
        headers: &'static [&'static str],
        required: bool,
        parse: Parse,
    ) -> Column {
        Column {
            path,
            headers,
            required,
            parse,
        }
    }

    pub(super) const fn text(
        path: &'static str,
        headers: &'static [&'static str],
        required: bool,
    ) -> Column {
        Column::new(path, headers, required, Parse::Text)
    }
}

pub(super) const GUEST_COLUMNS: &[Column] = &[Column::text("title", &["Chức vụ"], true)];
pub(super) const DELEGATE_COLUMNS: &[Column] = &[
    Column::text("title", &["Chức vụ"], false),
    Column::text("unit", &["Đơn vị", "Chi bộ"], false),
    Column::text("note", &["Ghi chú"], false),
];
pub(super) const CANDIDATE_COLUMNS: &[Column] = &[
    Column::new("gender", &["Giới tính"], true, Parse::Gender),
    Column::new(
        "birth_date",
        &["Ngày sinh", "Ngày, tháng, năm sinh"],
        true,
        Parse::Date,
    ),
    Column::text("home_town", &["Quê quán"], true),
    Column::text("ethnicity", &["Dân tộc"], true),
    Column::new("joined_party", &["Ngày vào Đảng"], true, Parse::Date),
    Column::new("full_member", &["Ngày chính thức"], true, Parse::Date),
    Column::text(
        "education.general",
        &["Giáo dục phổ thông", "Trình độ phổ thông"],
        true,
    ),
    Column::text(
        "education.professional",
        &[
            "Chuyên môn, nghiệp vụ",
            "Chuyên môn nghiệp vụ",
            "Chuyên môn",
        ],
        true,
    ),
    Column::text("education.political_theory", &["Lý luận chính trị"], true),
    Column::text("position", &["Chức vụ", "Chức vụ hiện nay"], true),
    Column::text("committee", &["Cấp uỷ hiện tại", "Cấp uỷ"], false),
    Column::new("proposed", &["Dự kiến"], true, Parse::Track),
    Column::text("note", &["Ghi chú"], false),
];

/// Headers of the name: the full name (split as SPEC §7 says), or its three parts.
pub(super) const FULL_NAME: &[&str] = &["Họ và tên", "Họ tên", "Họ, tên"];
pub(super) const FAMILY_NAME: &[&str] = &["Họ"];
pub(super) const MIDDLE_NAME: &[&str] = &["Tên đệm", "Đệm"];
pub(super) const GIVEN_NAME: &[&str] = &["Tên"];
/// A person's key in `people` (optional; made from the name otherwise).
pub(super) const KEY: &[&str] = &["Mã"];
/// Columns a clerk's sheet often has that the congress file does not keep.
pub(super) const NUMBERING: &[&str] = &["stt", "tt", "số tt", "số thứ tự"];

/// A row of the sheet that was not taken, or a column that was not read.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SheetProblem {
    /// The row's number in the sheet, from 1 (the header row for a column's problem).
    pub row: usize,
    /// The column, as its letter and header: `B (Chức vụ)`; none for the whole row.
    pub column: Option<String>,
    /// What is wrong and what was expected.
    pub message: String,
}

impl fmt::Display for SheetProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.column {
            Some(c) => write!(f, "row {}, column {c}: {}", self.row, self.message),
            None => write!(f, "row {}: {}", self.row, self.message),
        }
    }
}

/// One good row, in the congress file's shape.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ImportedEntry {
    /// The row's number in the sheet, from 1.
    pub row: usize,
    /// The entry as the list holds it (for `people`, a name; the key is [`ImportedEntry::key`]).
    pub value: Value,
    /// For `people`: the key given in a "Mã" column, if any.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub key: Option<String>,
}

/// What [`read_sheet`](super::read_sheet) found: the good rows and the problems.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Imported {
    /// The list the rows are for.
    pub list: ListKind,
    /// The good rows, in sheet order.
    pub entries: Vec<ImportedEntry>,
    /// Every bad row and unread column.
    pub problems: Vec<SheetProblem>,
}
