//! Lists from a spreadsheet (feature `import`): people, guests, candidates and delegates read
//! from an `.xlsx`, `.ods` or `.csv` sheet with a header row ("Họ và tên", "Chức vụ", …), and
//! added to a congress file without touching anything else in it.
//!
//! [`read_sheet`] turns the sheet into entries in the congress file's own shape, keeping every
//! good row and reporting every bad one by its row number and column; [`merge`] adds them to the
//! file's text, keeping the order and content of everything that was there. Both are pure (no
//! I/O) and never panic on user data. `daihoi import` and `POST /api/import` use them.

use std::collections::BTreeSet;
use std::fmt;
use std::io::Cursor;

use calamine::{Data, Reader};
use serde::de::{self, MapAccess, SeqAccess, Visitor};
use serde::{Deserialize, Serialize};
use serde_json::{json, Value};
use unicode_normalization::UnicodeNormalization;

use crate::congress::{CandidateProfile, ConvenedPerson, Guest};
use crate::error::{Error, ErrorKind, Result};
use crate::vi::PersonName;

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
    fn columns(self) -> &'static [Column] {
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
enum Parse {
    Text,
    Date,
    Gender,
    Track,
}

struct Column {
    path: &'static str,
    headers: &'static [&'static str],
    required: bool,
    parse: Parse,
}

impl Column {
    const fn new(
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

    const fn text(path: &'static str, headers: &'static [&'static str], required: bool) -> Column {
        Column::new(path, headers, required, Parse::Text)
    }
}

const GUEST_COLUMNS: &[Column] = &[Column::text("title", &["Chức vụ"], true)];
const DELEGATE_COLUMNS: &[Column] = &[
    Column::text("title", &["Chức vụ"], false),
    Column::text("unit", &["Đơn vị", "Chi bộ"], false),
    Column::text("note", &["Ghi chú"], false),
];
const CANDIDATE_COLUMNS: &[Column] = &[
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
const FULL_NAME: &[&str] = &["Họ và tên", "Họ tên", "Họ, tên"];
const FAMILY_NAME: &[&str] = &["Họ"];
const MIDDLE_NAME: &[&str] = &["Tên đệm", "Đệm"];
const GIVEN_NAME: &[&str] = &["Tên"];
/// A person's key in `people` (optional; made from the name otherwise).
const KEY: &[&str] = &["Mã"];
/// Columns a clerk's sheet often has that the congress file does not keep.
const NUMBERING: &[&str] = &["stt", "tt", "số tt", "số thứ tự"];

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

/// What [`read_sheet`] found: the good rows and the problems.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Imported {
    /// The list the rows are for.
    pub list: ListKind,
    /// The good rows, in sheet order.
    pub entries: Vec<ImportedEntry>,
    /// Every bad row and unread column.
    pub problems: Vec<SheetProblem>,
}

/// A cell as the import reads it.
#[derive(Debug, Clone, PartialEq)]
enum Cell {
    Empty,
    Text(String),
    Number(f64),
    /// A date cell, as `YYYY-MM-DD`.
    Date(String),
}

impl Cell {
    fn text(&self) -> String {
        match self {
            Cell::Empty => String::new(),
            Cell::Text(s) | Cell::Date(s) => s.clone(),
            Cell::Number(n) if n.fract() == 0.0 && n.abs() < 1e15 => format!("{}", *n as i64),
            Cell::Number(n) => n.to_string(),
        }
    }
}

/// The sheet's cells, row by row, and the position of its first cell.
struct Grid {
    first_row: usize,
    first_col: usize,
    rows: Vec<Vec<Cell>>,
}

/// Reads the first sheet of `bytes` (`.xlsx`, `.ods`, `.xls` or `.csv`, told by `file_name`'s
/// extension or, failing that, by the bytes) as a list of `list`: a header row, then one entry
/// per row. Empty rows are skipped; a row with a problem is reported and left out, the others
/// are kept.
///
/// Fails only when the file cannot be read as a sheet or has no header row that names the
/// person ("Họ và tên", or "Họ" and "Tên").
pub fn read_sheet(bytes: &[u8], file_name: &str, list: ListKind) -> Result<Imported> {
    let grid = grid(bytes, file_name)?;
    let Some(header_at) = grid
        .rows
        .iter()
        .position(|r| r.iter().any(|c| !c.text().trim().is_empty()))
    else {
        return Err(sheet_error(file_name, "the sheet is empty"));
    };
    let headers: Vec<String> = grid.rows[header_at]
        .iter()
        .map(|c| clean(&c.text()))
        .collect();
    let header_row = grid.first_row + header_at + 1;
    let col_name = |i: usize| format!("{} ({})", column_letter(grid.first_col + i), headers[i]);
    let find = |names: &[&str]| {
        headers
            .iter()
            .position(|h| names.iter().any(|n| fold(n) == fold(h)))
    };

    let full = find(FULL_NAME);
    let parts = (find(FAMILY_NAME), find(MIDDLE_NAME), find(GIVEN_NAME));
    if full.is_none() && (parts.0.is_none() || parts.2.is_none()) {
        return Err(sheet_error(
            file_name,
            format!(
                "row {header_row} has no column \"Họ và tên\" (or \"Họ\", \"Tên đệm\" and \
                 \"Tên\"); found {}",
                quoted_list(&headers)
            ),
        ));
    }
    let key_col = (list == ListKind::People).then(|| find(KEY)).flatten();
    let columns: Vec<(&Column, Option<usize>)> = list
        .columns()
        .iter()
        .map(|c| (c, find(c.headers)))
        .collect();

    let mut problems = Vec::new();
    let mut used: BTreeSet<usize> = [full, parts.0, parts.1, parts.2, key_col]
        .into_iter()
        .flatten()
        .collect();
    used.extend(columns.iter().filter_map(|(_, i)| *i));
    for (column, _) in columns.iter().filter(|(c, i)| i.is_none() && c.required) {
        problems.push(SheetProblem {
            row: header_row,
            column: None,
            message: format!(
                "no column \"{}\": every row of {list} needs it",
                column.headers[0]
            ),
        });
    }
    for (i, h) in headers.iter().enumerate() {
        if used.contains(&i) || h.is_empty() || NUMBERING.contains(&fold(h).as_str()) {
            continue;
        }
        let read: Vec<&str> = columns.iter().map(|(c, _)| c.headers[0]).collect();
        problems.push(SheetProblem {
            row: header_row,
            column: Some(col_name(i)),
            message: format!(
                "this column is not read for {list}; the columns read are \"Họ và tên\"{}",
                read.iter()
                    .map(|h| format!(", \"{h}\""))
                    .collect::<String>()
            ),
        });
    }
    if columns.iter().any(|(c, i)| i.is_none() && c.required) {
        return Ok(Imported {
            list,
            entries: Vec::new(),
            problems,
        });
    }

    let mut entries = Vec::new();
    for (offset, cells) in grid.rows.iter().enumerate().skip(header_at + 1) {
        let row = grid.first_row + offset + 1;
        let cell = |i: Option<usize>| i.and_then(|i| cells.get(i)).unwrap_or(&Cell::Empty);
        if cells.iter().all(|c| c.text().trim().is_empty()) {
            continue;
        }
        let mut row_problems = Vec::new();
        let name = match full {
            Some(i) => split_name(&clean(&cell(Some(i)).text())),
            None => {
                let ho = clean(&cell(parts.0).text());
                let ten = clean(&cell(parts.2).text());
                if ho.is_empty() || ten.is_empty() {
                    Err("the family name (Họ) and the given name (Tên) are both needed".into())
                } else {
                    Ok(PersonName::new(&ho, &clean(&cell(parts.1).text()), &ten))
                }
            }
        };
        let name_col = full.or(parts.2).unwrap_or(0);
        let mut value = match name {
            Ok(name) => json!({ "name": name }),
            Err(message) => {
                row_problems.push(SheetProblem {
                    row,
                    column: Some(col_name(name_col)),
                    message,
                });
                json!({})
            }
        };
        for (column, at) in &columns {
            let Some(at) = *at else { continue };
            let raw = cell(Some(at));
            if raw.text().trim().is_empty() {
                if column.required {
                    row_problems.push(SheetProblem {
                        row,
                        column: Some(col_name(at)),
                        message: format!("empty; every row of {list} needs it"),
                    });
                }
                continue;
            }
            match parse_cell(raw, column.parse) {
                Ok(v) => set_path(&mut value, column.path, v),
                Err(message) => row_problems.push(SheetProblem {
                    row,
                    column: Some(col_name(at)),
                    message,
                }),
            }
        }
        if row_problems.is_empty() {
            if let Err(message) = check_shape(list, &value) {
                row_problems.push(SheetProblem {
                    row,
                    column: None,
                    message,
                });
            }
        }
        if !row_problems.is_empty() {
            problems.extend(row_problems);
            continue;
        }
        let value = match list {
            ListKind::People => value["name"].take(),
            _ => value,
        };
        let key = key_col
            .map(|i| clean(&cell(Some(i)).text()))
            .filter(|k| !k.is_empty());
        entries.push(ImportedEntry { row, value, key });
    }
    Ok(Imported {
        list,
        entries,
        problems,
    })
}

/// What [`merge`] did.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Merged {
    /// The congress file's new text: everything it had, in its order, and the new entries at
    /// the end of their list.
    pub text: String,
    /// How many entries were added.
    pub added: usize,
    /// Rows not added because the list already has them.
    pub skipped: Vec<SheetProblem>,
}

/// Adds `imported` to the congress file `text`: at the end of its list (`guests`, `convened`,
/// `candidates`), or as new keys of `people`. Everything else in the file stays as it was, in
/// its order. A row whose person the list already has is skipped and reported, so importing the
/// same sheet twice adds nothing. In the other lists, a name that is exactly one person of
/// `people` is written as that person's `"@key"`.
///
/// Fails when `text` is not a JSON object, or the list is there but is not a list.
pub fn merge(text: &str, imported: &Imported) -> Result<Merged> {
    let mut file: Ordered = serde_json::from_str(text).map_err(|e| {
        Error::new(
            ErrorKind::Json,
            format!(
                "the congress file is not JSON (line {}, column {}): {e}",
                e.line(),
                e.column()
            ),
        )
    })?;
    let Ordered::Object(fields) = &mut file else {
        return Err(Error::new(
            ErrorKind::InvalidData,
            "the congress file is not a JSON object",
        ));
    };
    let people: Vec<(String, Value)> = fields
        .iter()
        .find(|(k, _)| k == "people")
        .and_then(|(_, v)| match v {
            Ordered::Object(p) => Some(p.iter().map(|(k, v)| (k.clone(), v.to_value())).collect()),
            _ => None,
        })
        .unwrap_or_default();
    let field = imported.list.field();
    let slot = match fields.iter().position(|(k, _)| k == field) {
        Some(i) => i,
        None => {
            let empty = match imported.list {
                ListKind::People => Ordered::Object(Vec::new()),
                _ => Ordered::Array(Vec::new()),
            };
            fields.push((field.to_string(), empty));
            fields.len() - 1
        }
    };
    let mut added = 0;
    let mut skipped = Vec::new();
    match (&mut fields[slot].1, imported.list) {
        (Ordered::Object(list), ListKind::People) => {
            for entry in &imported.entries {
                let name: PersonName = serde_json::from_value(entry.value.clone())
                    .map_err(|e| Error::new(ErrorKind::InvalidData, e.to_string()))?;
                if let Some((k, _)) = list
                    .iter()
                    .find(|(_, v)| name_of(&v.to_value()) == Some(fold(&name.full())))
                {
                    skipped.push(already(entry.row, format!("people.{k}"), &name));
                    continue;
                }
                let base = entry.key.clone().unwrap_or_else(|| person_key(&name));
                let mut key = base.clone();
                let mut n = 2;
                while list.iter().any(|(k, _)| *k == key) {
                    key = format!("{base}-{n}");
                    n += 1;
                }
                list.push((key, Ordered::from_value(&entry.value)));
                added += 1;
            }
        }
        (Ordered::Array(list), kind) if kind != ListKind::People => {
            for entry in &imported.entries {
                let mut value = entry.value.clone();
                let full = value.get("name").and_then(name_of).unwrap_or_default();
                let resolve = |v: &Value| match v {
                    Value::String(r) => r
                        .strip_prefix('@')
                        .and_then(|k| people.iter().find(|(p, _)| p == k))
                        .and_then(|(_, n)| name_of(n)),
                    other => name_of(other),
                };
                if let Some(i) = list
                    .iter()
                    .position(|e| e.to_value().get("name").and_then(resolve) == Some(full.clone()))
                {
                    let name = PersonName::deserialize(&value["name"]).unwrap_or_default();
                    skipped.push(already(entry.row, format!("{field}[{i}]"), &name));
                    continue;
                }
                let matches: Vec<&String> = people
                    .iter()
                    .filter(|(_, n)| name_of(n).as_deref() == Some(full.as_str()))
                    .map(|(k, _)| k)
                    .collect();
                if let [key] = matches[..] {
                    value["name"] = Value::String(format!("@{key}"));
                }
                list.push(Ordered::from_value(&value));
                added += 1;
            }
        }
        _ => {
            return Err(Error::new(
                ErrorKind::InvalidData,
                format!(
                    "`{field}` in the congress file is not a {}",
                    if imported.list == ListKind::People {
                        "JSON object of people"
                    } else {
                        "list"
                    }
                ),
            ))
        }
    }
    let mut text = serde_json::to_string_pretty(&file)
        .map_err(|e| Error::new(ErrorKind::Json, e.to_string()))?;
    text.push('\n');
    Ok(Merged {
        text,
        added,
        skipped,
    })
}

fn already(row: usize, place: String, name: &PersonName) -> SheetProblem {
    SheetProblem {
        row,
        column: None,
        message: format!(
            "{} is already in the list ({place}); not added again",
            name.full()
        ),
    }
}

/// The full name of a name value, inline or as parts (none for an `"@key"`).
fn name_of(v: &Value) -> Option<String> {
    PersonName::deserialize(v).ok().map(|n| fold(&n.full()))
}

/// A person's key from their name: "Lê Thanh Vinh" → `le-thanh-vinh`.
fn person_key(name: &PersonName) -> String {
    let ascii: String = name
        .full()
        .to_lowercase()
        .replace('đ', "d")
        .nfd()
        .filter(|c| c.is_ascii_alphanumeric() || c.is_whitespace())
        .collect();
    let key = ascii.split_whitespace().collect::<Vec<_>>().join("-");
    if key.is_empty() {
        "nguoi".to_string()
    } else {
        key
    }
}

/// A full name in its parts, as SPEC §7 reads a Vietnamese name: the first word is the family
/// name (họ), the last the given name (tên), the words between the middle name (tên đệm). A
/// compound family name ("Tôn Nữ") needs the columns "Họ", "Tên đệm" and "Tên" instead.
fn split_name(full: &str) -> std::result::Result<PersonName, String> {
    let words: Vec<&str> = full.split_whitespace().collect();
    match words[..] {
        [] => Err("empty; every row needs the person's full name".into()),
        [one] => Err(format!(
            "\"{one}\" is one word; a full name needs at least the family name and the \
             given name (\"Nguyễn Văn An\")"
        )),
        [ho, ref dem @ .., ten] => Ok(PersonName::new(ho, &dem.join(" "), ten)),
    }
}

fn parse_cell(cell: &Cell, parse: Parse) -> std::result::Result<Value, String> {
    let text = clean(&cell.text());
    match parse {
        Parse::Text => Ok(Value::String(text)),
        Parse::Date => match cell {
            Cell::Date(d) => Ok(Value::String(d.clone())),
            _ => parse_date(&text).map(Value::String).ok_or_else(|| {
                format!("\"{text}\" is not a date; expected dd/mm/yyyy (\"12/04/1968\")")
            }),
        },
        Parse::Gender => match fold(&text).as_str() {
            "nam" => Ok(json!("male")),
            "nữ" => Ok(json!("female")),
            _ => Err(format!("\"{text}\" is not a gender; expected Nam or Nữ")),
        },
        Parse::Track => match fold(&text).as_str() {
            "tái cử" => Ok(json!("re_election")),
            "lần đầu" | "tham gia lần đầu" => Ok(json!("first_time")),
            _ => Err(format!("\"{text}\" is neither \"Tái cử\" nor \"Lần đầu\"")),
        },
    }
}

/// `dd/mm/yyyy`, `d-m-yyyy` or `yyyy-mm-dd` → `yyyy-mm-dd`, when the date exists.
fn parse_date(text: &str) -> Option<String> {
    let parts: Vec<&str> = text.split(['/', '-', '.']).map(str::trim).collect();
    let [a, b, c] = parts[..] else { return None };
    let (y, m, d) = if a.len() == 4 { (a, b, c) } else { (c, b, a) };
    let (y, m, d): (u32, u32, u32) = (y.parse().ok()?, m.parse().ok()?, d.parse().ok()?);
    let date = format!("{y:04}-{m:02}-{d:02}");
    date.parse::<crate::vi::Date>().ok().map(|_| date)
}

/// Checks an entry against the list's own type, so that what is added loads.
fn check_shape(list: ListKind, value: &Value) -> std::result::Result<(), String> {
    let result = match list {
        ListKind::People => PersonName::deserialize(&value["name"]).map(|_| ()),
        ListKind::Guests => Guest::deserialize(value).map(|_| ()),
        ListKind::Delegates => ConvenedPerson::deserialize(value).map(|_| ()),
        ListKind::Candidates => CandidateProfile::deserialize(value).map(|_| ()),
    };
    result.map_err(|e| e.to_string())
}

fn set_path(value: &mut Value, path: &str, v: Value) {
    let mut at = value;
    let mut parts = path.split('.').peekable();
    while let Some(part) = parts.next() {
        if parts.peek().is_none() {
            at[part] = v;
            return;
        }
        if !at[part].is_object() {
            at[part] = json!({});
        }
        at = &mut at[part];
    }
}

/// NFC, trimmed, inner white space collapsed to one space.
fn clean(s: &str) -> String {
    let nfc: String = s.nfc().collect();
    nfc.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// A header as compared: clean, lower case, "ủy" and "uỷ" alike (SPEC §7), no trailing colon.
fn fold(s: &str) -> String {
    clean(s)
        .to_lowercase()
        .replace("ủy", "uỷ")
        .trim_end_matches(':')
        .trim()
        .to_string()
}

fn quoted_list(items: &[String]) -> String {
    let shown: Vec<String> = items
        .iter()
        .filter(|h| !h.is_empty())
        .map(|h| format!("\"{h}\""))
        .collect();
    if shown.is_empty() {
        "no header at all".to_string()
    } else {
        shown.join(", ")
    }
}

/// `0` → `A`, `25` → `Z`, `26` → `AA`.
fn column_letter(mut i: usize) -> String {
    let mut out = Vec::new();
    loop {
        out.push(b'A' + (i % 26) as u8);
        if i < 26 {
            break;
        }
        i = i / 26 - 1;
    }
    out.reverse();
    String::from_utf8(out).unwrap_or_default()
}

fn sheet_error(file_name: &str, message: impl fmt::Display) -> Error {
    Error::new(ErrorKind::InvalidData, format!("{file_name}: {message}"))
        .with_hint("the first row of the sheet names the columns: \"Họ và tên\", \"Chức vụ\", …")
}

fn grid(bytes: &[u8], file_name: &str) -> Result<Grid> {
    let ext = file_name
        .rsplit_once('.')
        .map(|(_, e)| e.to_ascii_lowercase())
        .unwrap_or_default();
    let zip_or_ole =
        bytes.starts_with(b"PK\x03\x04") || bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0]);
    if ext == "csv" || ext == "txt" || (ext.is_empty() && !zip_or_ole) {
        let text = std::str::from_utf8(bytes).map_err(|e| {
            sheet_error(
                file_name,
                format!(
                    "a .csv sheet must be UTF-8 text (invalid byte at offset {}); save it as \
                     \"CSV UTF-8\"",
                    e.valid_up_to()
                ),
            )
        })?;
        return Ok(Grid {
            first_row: 0,
            first_col: 0,
            rows: parse_csv(text.trim_start_matches('\u{feff}')),
        });
    }
    let mut book = calamine::open_workbook_auto_from_rs(Cursor::new(bytes)).map_err(|e| {
        sheet_error(
            file_name,
            format!("not a spreadsheet calamine can read (.xlsx, .ods, .xls, .csv): {e}"),
        )
    })?;
    let range = book
        .worksheet_range_at(0)
        .ok_or_else(|| sheet_error(file_name, "the workbook has no sheet"))?
        .map_err(|e| sheet_error(file_name, format!("the first sheet cannot be read: {e}")))?;
    let (first_row, first_col) = range.start().unwrap_or((0, 0));
    let rows = range
        .rows()
        .map(|r| r.iter().map(cell_of).collect())
        .collect();
    Ok(Grid {
        first_row: first_row as usize,
        first_col: first_col as usize,
        rows,
    })
}

fn cell_of(d: &Data) -> Cell {
    match d {
        Data::Empty | Data::Error(_) => Cell::Empty,
        Data::String(s) => Cell::Text(s.clone()),
        Data::Int(i) => Cell::Number(*i as f64),
        Data::Float(f) => Cell::Number(*f),
        Data::Bool(b) => Cell::Text(b.to_string()),
        Data::DateTime(dt) => match excel_date(dt.as_f64()) {
            Some(date) => Cell::Date(date),
            None => Cell::Number(dt.as_f64()),
        },
        Data::DateTimeIso(s) => Cell::Date(s.chars().take(10).collect()),
        Data::DurationIso(s) => Cell::Text(s.clone()),
    }
}

/// An Excel date serial (days since 1899-12-30) as `YYYY-MM-DD`.
fn excel_date(serial: f64) -> Option<String> {
    if !(1.0..2_958_466.0).contains(&serial) {
        return None;
    }
    // Days from 1970-01-01, then the civil date (H. Hinnant's algorithm).
    let z = serial.floor() as i64 - 25_569 + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1_460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    Some(format!("{y:04}-{m:02}-{d:02}"))
}

/// RFC 4180 CSV, comma or semicolon (whichever the first line has more of, as a spreadsheet
/// saved in a Vietnamese locale may use), quotes doubled inside quoted fields.
fn parse_csv(text: &str) -> Vec<Vec<Cell>> {
    let first = text.lines().next().unwrap_or("");
    let sep = if first.matches(';').count() > first.matches(',').count() {
        ';'
    } else {
        ','
    };
    let mut rows = Vec::new();
    let mut row = Vec::new();
    let mut field = String::new();
    let mut quoted = false;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match (c, quoted) {
            ('"', true) if chars.peek() == Some(&'"') => {
                chars.next();
                field.push('"');
            }
            ('"', true) => quoted = false,
            ('"', false) if field.is_empty() => quoted = true,
            (c, false) if c == sep => row.push(Cell::Text(std::mem::take(&mut field))),
            ('\r', false) => {}
            ('\n', false) => {
                row.push(Cell::Text(std::mem::take(&mut field)));
                rows.push(std::mem::take(&mut row));
            }
            (c, _) => field.push(c),
        }
    }
    if !field.is_empty() || !row.is_empty() {
        row.push(Cell::Text(field));
        rows.push(row);
    }
    rows
}

/// JSON with its objects' keys in the file's order, so that [`merge`] changes nothing but the
/// list it adds to.
#[derive(Debug, Clone, PartialEq)]
enum Ordered {
    Scalar(Value),
    Array(Vec<Ordered>),
    Object(Vec<(String, Ordered)>),
}

impl Ordered {
    fn from_value(v: &Value) -> Ordered {
        match v {
            Value::Array(a) => Ordered::Array(a.iter().map(Ordered::from_value).collect()),
            Value::Object(o) => Ordered::Object(
                o.iter()
                    .map(|(k, v)| (k.clone(), Ordered::from_value(v)))
                    .collect(),
            ),
            other => Ordered::Scalar(other.clone()),
        }
    }

    fn to_value(&self) -> Value {
        match self {
            Ordered::Scalar(v) => v.clone(),
            Ordered::Array(a) => Value::Array(a.iter().map(Ordered::to_value).collect()),
            Ordered::Object(o) => {
                Value::Object(o.iter().map(|(k, v)| (k.clone(), v.to_value())).collect())
            }
        }
    }
}

impl Serialize for Ordered {
    fn serialize<S: serde::Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        use serde::ser::{SerializeMap, SerializeSeq};
        match self {
            Ordered::Scalar(v) => v.serialize(s),
            Ordered::Array(a) => {
                let mut seq = s.serialize_seq(Some(a.len()))?;
                for v in a {
                    seq.serialize_element(v)?;
                }
                seq.end()
            }
            Ordered::Object(o) => {
                let mut map = s.serialize_map(Some(o.len()))?;
                for (k, v) in o {
                    map.serialize_entry(k, v)?;
                }
                map.end()
            }
        }
    }
}

impl<'de> Deserialize<'de> for Ordered {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> std::result::Result<Ordered, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Ordered;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("JSON")
            }
            fn visit_bool<E>(self, b: bool) -> std::result::Result<Ordered, E> {
                Ok(Ordered::Scalar(Value::Bool(b)))
            }
            fn visit_i64<E>(self, n: i64) -> std::result::Result<Ordered, E> {
                Ok(Ordered::Scalar(json!(n)))
            }
            fn visit_u64<E>(self, n: u64) -> std::result::Result<Ordered, E> {
                Ok(Ordered::Scalar(json!(n)))
            }
            fn visit_f64<E>(self, n: f64) -> std::result::Result<Ordered, E> {
                Ok(Ordered::Scalar(json!(n)))
            }
            fn visit_str<E: de::Error>(self, s: &str) -> std::result::Result<Ordered, E> {
                Ok(Ordered::Scalar(Value::String(s.to_string())))
            }
            fn visit_unit<E>(self) -> std::result::Result<Ordered, E> {
                Ok(Ordered::Scalar(Value::Null))
            }
            fn visit_seq<A: SeqAccess<'de>>(
                self,
                mut a: A,
            ) -> std::result::Result<Ordered, A::Error> {
                let mut out = Vec::new();
                while let Some(v) = a.next_element()? {
                    out.push(v);
                }
                Ok(Ordered::Array(out))
            }
            fn visit_map<A: MapAccess<'de>>(
                self,
                mut a: A,
            ) -> std::result::Result<Ordered, A::Error> {
                let mut out: Vec<(String, Ordered)> = Vec::new();
                while let Some((k, v)) = a.next_entry::<String, Ordered>()? {
                    match out.iter_mut().find(|(key, _)| *key == k) {
                        Some(slot) => slot.1 = v,
                        None => out.push((k, v)),
                    }
                }
                Ok(Ordered::Object(out))
            }
        }
        d.deserialize_any(V)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_full_name_splits_into_family_middle_and_given_name() {
        let n = split_name("Nguyễn Thị Thu Hà").unwrap();
        assert_eq!(
            (n.ho.as_str(), n.dem.as_str(), n.ten.as_str()),
            ("Nguyễn", "Thị Thu", "Hà")
        );
        let n = split_name("Lê Vinh").unwrap();
        assert_eq!(
            (n.ho.as_str(), n.dem.as_str(), n.ten.as_str()),
            ("Lê", "", "Vinh")
        );
        assert!(split_name("Vinh").unwrap_err().contains("one word"));
    }

    #[test]
    fn excel_serials_and_written_dates_become_iso_dates() {
        assert_eq!(excel_date(43_909.0).as_deref(), Some("2020-03-19"));
        assert_eq!(parse_date("12/04/1968").as_deref(), Some("1968-04-12"));
        assert_eq!(parse_date("2/9/1990").as_deref(), Some("1990-09-02"));
        assert_eq!(parse_date("1990-09-02").as_deref(), Some("1990-09-02"));
        assert_eq!(parse_date("31/02/1990"), None);
    }

    #[test]
    fn column_letters_go_past_z() {
        assert_eq!(column_letter(0), "A");
        assert_eq!(column_letter(25), "Z");
        assert_eq!(column_letter(26), "AA");
    }

    #[test]
    fn a_key_is_the_name_without_marks() {
        assert_eq!(
            person_key(&PersonName::new("Đặng", "Văn", "Toàn")),
            "dang-van-toan"
        );
    }

    #[test]
    fn csv_fields_may_be_quoted_with_commas_and_quotes_inside() {
        let rows = parse_csv("Họ và tên,Chức vụ\r\n\"Lê Vinh\",\"Bí thư, \"\"Chủ tịch\"\"\"\n");
        assert_eq!(rows[1][1], Cell::Text("Bí thư, \"Chủ tịch\"".into()));
    }
}
