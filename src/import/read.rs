//! From a grid of cells to entries in the congress file's own shape, row by row.

use std::collections::BTreeSet;

use serde::Deserialize;
use serde_json::{json, Value};

use super::list::*;
use super::sheet::{clean, fold, grid, sheet_error, Cell};
use crate::congress::{CandidateProfile, ConvenedPerson, Guest};
use crate::error::Result;
use crate::vi::PersonName;

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

/// A full name in its parts, as SPEC §7 reads a Vietnamese name: the first word is the family
/// name (họ), the last the given name (tên), the words between the middle name (tên đệm). A
/// compound family name ("Tôn Nữ") needs the columns "Họ", "Tên đệm" and "Tên" instead.
pub(super) fn split_name(full: &str) -> std::result::Result<PersonName, String> {
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

pub(super) fn parse_cell(cell: &Cell, parse: Parse) -> std::result::Result<Value, String> {
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
pub(super) fn parse_date(text: &str) -> Option<String> {
    let parts: Vec<&str> = text.split(['/', '-', '.']).map(str::trim).collect();
    let [a, b, c] = parts[..] else { return None };
    let (y, m, d) = if a.len() == 4 { (a, b, c) } else { (c, b, a) };
    let (y, m, d): (u32, u32, u32) = (y.parse().ok()?, m.parse().ok()?, d.parse().ok()?);
    let date = format!("{y:04}-{m:02}-{d:02}");
    date.parse::<crate::vi::Date>().ok().map(|_| date)
}

/// Checks an entry against the list's own type, so that what is added loads.
pub(super) fn check_shape(list: ListKind, value: &Value) -> std::result::Result<(), String> {
    let result = match list {
        ListKind::People => PersonName::deserialize(&value["name"]).map(|_| ()),
        ListKind::Guests => Guest::deserialize(value).map(|_| ()),
        ListKind::Delegates => ConvenedPerson::deserialize(value).map(|_| ()),
        ListKind::Candidates => CandidateProfile::deserialize(value).map(|_| ()),
    };
    result.map_err(|e| e.to_string())
}

pub(super) fn set_path(value: &mut Value, path: &str, v: Value) {
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

pub(super) fn quoted_list(items: &[String]) -> String {
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
pub(super) fn column_letter(mut i: usize) -> String {
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
