//! The sheet as a grid of cells: `.xlsx` and `.ods` through calamine, `.csv` read here.

use std::fmt;
use std::io::Cursor;

use calamine::{Data, Reader};
use unicode_normalization::UnicodeNormalization;

use crate::error::{Error, ErrorKind, Result};

/// A cell as the import reads it.
#[derive(Debug, Clone, PartialEq)]
pub(super) enum Cell {
    Empty,
    Text(String),
    Number(f64),
    /// A date cell, as `YYYY-MM-DD`.
    Date(String),
}

impl Cell {
    pub(super) fn text(&self) -> String {
        match self {
            Cell::Empty => String::new(),
            Cell::Text(s) | Cell::Date(s) => s.clone(),
            Cell::Number(n) if n.fract() == 0.0 && n.abs() < 1e15 => format!("{}", *n as i64),
            Cell::Number(n) => n.to_string(),
        }
    }
}

/// The sheet's cells, row by row, and the position of its first cell.
pub(super) struct Grid {
    pub(super) first_row: usize,
    pub(super) first_col: usize,
    pub(super) rows: Vec<Vec<Cell>>,
}

/// NFC, trimmed, inner white space collapsed to one space.
pub(super) fn clean(s: &str) -> String {
    let nfc: String = s.nfc().collect();
    nfc.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// A header as compared: clean, lower case, "ủy" and "uỷ" alike (SPEC §7), no trailing colon.
pub(super) fn fold(s: &str) -> String {
    clean(s)
        .to_lowercase()
        .replace("ủy", "uỷ")
        .trim_end_matches(':')
        .trim()
        .to_string()
}

pub(super) fn sheet_error(file_name: &str, message: impl fmt::Display) -> Error {
    Error::new(ErrorKind::InvalidData, format!("{file_name}: {message}"))
        .with_hint("the first row of the sheet names the columns: \"Họ và tên\", \"Chức vụ\", …")
}

pub(super) fn grid(bytes: &[u8], file_name: &str) -> Result<Grid> {
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

pub(super) fn cell_of(d: &Data) -> Cell {
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
pub(super) fn excel_date(serial: f64) -> Option<String> {
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
pub(super) fn parse_csv(text: &str) -> Vec<Vec<Cell>> {
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
