//! Loading a congress file: JSON → every string cleaned once (NFC, line breaks folded, control
//! characters found) → `@people` resolved → typed, with the field path in every error. A file
//! that cleaning would leave as it is, which most are, is read the quick way
//! ([`super::quick`]), to the same record.
//!
//! `people`: a person written once and referred to as `"@key"` wherever a name goes, so a name
//! that appears in several papers comes from one place in the file.

use serde_json::{Map, Value};

use super::record::Congress;
use crate::error::{Diagnostic, Error, ErrorKind, Path, Result, Segment};

/// Reads a congress from JSON text. Errors name the field (`guests[3].name.ten`).
///
/// Every string is put in NFC and its line breaks and tabs become spaces. A control character
/// does not stop the load: it is a problem that [`Congress::validate`] reports with its path,
/// so one bad guest does not stop the others' invitations.
///
/// A person who plays several parts (a candidate who is also in the presidium and presents a
/// report) can be written once, in a top-level `people` object, and referred to as `"@key"`
/// wherever a name goes (`"name": "@vinh"`, a counting team's `"head"` and `"members"`): the
/// name then comes from one place and cannot differ between papers.
pub fn load_congress(text: &str) -> Result<Congress> {
    let text = without_bom(text);
    match super::quick::read(text) {
        Some(congress) => Ok(congress),
        None => load_fully(text),
    }
}

/// [`load_congress`] the full way: through the JSON value, every string cleaned, `@people`
/// resolved wherever `people` is, every problem named.
pub(super) fn load_fully(text: &str) -> Result<Congress> {
    let (value, text_problems) = prepare(text)?;
    let mut congress: Congress = typed(value, || Ok(prepare(text)?.0))?;
    congress.text_problems = text_problems;
    Ok(congress)
}

/// The record's JSON value, cleaned and with `@people` resolved, and the text problems found.
fn prepare(text: &str) -> Result<(Value, Vec<Diagnostic>)> {
    let mut value = parse(text)?;
    // `"$schema"` names the file's JSON Schema for editors; it is not part of the record.
    if let Value::Object(root) = &mut value {
        root.remove("$schema");
    }
    let text_problems = clean(&mut value);
    resolve_people(&mut value)?;
    Ok((value, text_problems))
}

/// Reads any serde type from JSON (a tally's election, say), with field paths in the errors and
/// NFC-normalised strings; a control character is an error naming its field.
pub fn load_json<T: serde::de::DeserializeOwned>(text: &str) -> Result<T> {
    let text = without_bom(text);
    let cleaned = || {
        let mut value = parse(text)?;
        let problems = clean(&mut value);
        if !problems.is_empty() {
            return Err(Error::problems(problems));
        }
        Ok(value)
    };
    typed(cleaned()?, cleaned)
}

/// `text` without the byte-order mark Windows Notepad puts at the start of a UTF-8 file: the
/// file is read as it looks, beginning with its `{`.
fn without_bom(text: &str) -> &str {
    text.strip_prefix('\u{feff}').unwrap_or(text)
}

fn parse(text: &str) -> Result<Value> {
    // The parser's message names the line and column ("expected `,` or `}` at line 3
    // column 5").
    serde_json::from_str(text)
        .map_err(|e| Error::new(ErrorKind::Json, "not valid JSON").with_source(e))
}

/// Reads `value` as a `T`, first without keeping the path (a third of the read); when that
/// fails, the value is made `again` (the first was used up) and read keeping the path, to name
/// the field.
fn typed<T: serde::de::DeserializeOwned>(
    value: Value,
    again: impl FnOnce() -> Result<Value>,
) -> Result<T> {
    match T::deserialize(value) {
        Ok(t) => Ok(t),
        Err(_) => deserialize(again()?),
    }
}

/// Reads `value` as a `T`, the error naming the field — every field the reading stops at, not
/// only the first: a bad value is noted and a stand-in of the kind expected put in its place
/// (a misspelt field is set aside), and the reading goes on, up to [`SHAPE_PROBLEMS`]. An empty
/// record thus shows its nine empty dates and names at once, not one after another. Where no
/// stand-in fits (an unknown choice, a missing field), the reading stops there.
fn deserialize<T: serde::de::DeserializeOwned>(mut value: Value) -> Result<T> {
    let mut found: Vec<(String, String)> = Vec::new();
    loop {
        let e = match serde_path_to_error::deserialize::<_, T>(&value) {
            Ok(t) if found.is_empty() => return Ok(t),
            Ok(_) => break,
            Err(e) => e,
        };
        let path = e.path().to_string();
        let raw = e.into_inner().to_string();
        let top = path.is_empty() || path == ".";
        let message = plain_words(&raw);
        found.push(if top {
            (
                String::new(),
                format!("{message} at the top level of the file"),
            )
        } else {
            (path.clone(), message)
        });
        if top || found.len() >= SHAPE_PROBLEMS || !stand_in(&mut value, &path, &raw) {
            break;
        }
    }
    if let [(path, message)] = &found[..] {
        let e = Error::new(ErrorKind::Json, message.clone());
        return Err(if path.is_empty() {
            e
        } else {
            e.with_path(path.as_str())
        });
    }
    Err(Error::shape_problems(
        found
            .into_iter()
            .map(|(path, message)| Diagnostic::new(path.as_str(), message))
            .collect(),
    ))
}

/// The most problems of shape one reading reports.
const SHAPE_PROBLEMS: usize = 100;

/// Puts in place of the value at `path` one of the kind serde's `message` says it expected, or
/// sets a misspelt field aside; false where none fits.
fn stand_in(root: &mut Value, path: &str, message: &str) -> bool {
    let path = Path::from(path);
    if let Some(field) = message
        .strip_prefix("unknown field `")
        .and_then(|m| m.split_once('`'))
        .map(|(f, _)| f)
    {
        let parent = path.parent();
        return match value_at(root, &parent) {
            Some(Value::Object(map)) => map.remove(field).is_some(),
            _ => false,
        };
    }
    let expected = message.rsplit_once("expected ").map_or("", |(_, e)| e);
    let stand_in = if expected.starts_with("a date") || message.contains("is out of range in") {
        Value::from("2000-01-01")
    } else if expected.starts_with("a time") {
        Value::from("07:00")
    } else if NUMBERS.iter().any(|(name, _)| *name == expected) {
        Value::from(0)
    } else if expected == "a string" {
        Value::from("")
    } else if expected == "a sequence" {
        Value::Array(Vec::new())
    } else {
        return false;
    };
    match value_at(root, &path) {
        Some(at) if *at != stand_in => {
            *at = stand_in;
            true
        }
        _ => false,
    }
}

/// The value at `path` in `root`, if the text has it.
fn value_at<'v>(root: &'v mut Value, path: &Path) -> Option<&'v mut Value> {
    let mut at = root;
    for segment in path.segments() {
        at = match segment {
            Segment::Field(name) => at.as_object_mut()?.get_mut(name.as_ref())?,
            Segment::Index(i) => at.as_array_mut()?.get_mut(*i)?,
        };
    }
    Some(at)
}

/// Rust's number types as serde names them, and what a field of each holds.
const NUMBERS: &[(&str, &str)] = &[
    ("u8", "a whole number, 0 or more"),
    ("u16", "a whole number, 0 or more"),
    ("u32", "a whole number, 0 or more"),
    ("u64", "a whole number, 0 or more"),
    ("usize", "a whole number, 0 or more"),
    ("i8", "a whole number"),
    ("i16", "a whole number"),
    ("i32", "a whole number"),
    ("i64", "a whole number"),
    ("f32", "a number"),
    ("f64", "a number"),
];

/// serde's message in words a user reads: Rust's names of what was expected ("u32", "struct
/// Organisation", "a sequence") said as what the field holds.
fn plain_words(message: &str) -> String {
    const WORDS: &[(&str, &str)] = &[
        ("a sequence", "a list ([ … ])"),
        ("a map", "a group of fields ({ … })"),
    ];
    if let Some(near) = nearest_field(message) {
        return format!("{message}; did you mean `{near}`?");
    }
    // The last "expected": a string the user typed may hold the word too.
    let Some((before, expected)) = message.rsplit_once("expected ") else {
        return message.to_string();
    };
    // What follows the name, if anything ("u32 at line 3"): the name ends at a space.
    let said = if let Some(name) = expected.strip_prefix("struct ") {
        let rest = name.find(' ').map_or("", |i| &name[i..]);
        Some(format!("a group of fields ({{ … }}){rest}"))
    } else {
        NUMBERS.iter().chain(WORDS).find_map(|(name, words)| {
            let rest = expected.strip_prefix(name)?;
            (rest.is_empty() || rest.starts_with(' ')).then(|| format!("{words}{rest}"))
        })
    };
    match said {
        Some(said) => format!("{before}expected {said}"),
        None => message.to_string(),
    }
}

/// For serde's "unknown field `venu`, expected one of `venue`, …": the field meant, when one
/// is a slip of a letter or two away (`venue`).
fn nearest_field(message: &str) -> Option<&str> {
    let rest = message.strip_prefix("unknown field `")?;
    let (typed, rest) = rest.split_once('`')?;
    let (_, fields) = rest.split_once("expected ")?;
    let slips = |f: &str| edit_distance(&typed.to_lowercase(), f);
    fields
        .split('`')
        .skip(1)
        .step_by(2)
        .map(|f| (slips(f), f))
        .filter(|&(d, f)| d > 0 && d <= 2 && d < f.chars().count())
        .min_by_key(|&(d, _)| d)
        .map(|(_, f)| f)
}

/// Letters to add, remove or change to make `a` into `b` (Levenshtein).
fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut diagonal = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let above = row[j + 1];
            row[j + 1] = (above + 1)
                .min(row[j] + 1)
                .min(diagonal + usize::from(ca != *cb));
            diagonal = above;
        }
    }
    row[b.len()]
}

/// Cleans every string once: NFC, `\t \n \r` folded to spaces. Returns the control characters
/// found (every one of them, with its path); such a string is left as it is.
fn clean(value: &mut Value) -> Vec<Diagnostic> {
    let mut problems = Vec::new();
    for_each_string(value, &mut |trail, s| {
        let mut found = text_problem(s);
        if found.is_empty() {
            if let Some(clean) = fold(s) {
                *s = clean;
            }
        } else {
            let path = trail.path();
            if path.is_empty() {
                // The whole file is one string: say where, as a field path would.
                found.push_str(" (the whole file is this string)");
            }
            problems.push(Diagnostic::new(path, found));
        }
    });
    problems
}

/// Why a text cannot be printed: every control character in it (other than line breaks and
/// tabs) and the XML-forbidden U+FFFE, U+FFFF, named by code point; empty when it can.
pub(crate) fn text_problem(s: &str) -> String {
    // Every such character is below U+0020, U+007F, in U+0080–U+009F (C2 80–9F in UTF-8) or
    // U+FFFE–U+FFFF (EF BF BE–BF): a text without those bytes, which most are, is read once.
    // (Read 32 bytes at a time without stopping inside them, which the compiler vectorises.)
    let suspect = |b: u8| (b < 0x20) | (b == 0x7F) | (b == 0xC2) | (b == 0xEF);
    if !s
        .as_bytes()
        .chunks(32)
        .any(|chunk| chunk.iter().fold(false, |seen, &b| seen | suspect(b)))
    {
        return String::new();
    }
    let mut bad: Vec<String> = Vec::new();
    for c in s.chars() {
        let forbidden = (c.is_control() && !matches!(c, '\t' | '\n' | '\r'))
            || c == '\u{FFFE}'
            || c == '\u{FFFF}';
        if !forbidden {
            continue;
        }
        let code = format!("U+{:04X}", c as u32);
        if !bad.contains(&code) {
            bad.push(code);
        }
    }
    match bad.len() {
        0 => String::new(),
        1 => format!(
            "contains the control character {}, which cannot be printed; remove it",
            bad[0]
        ),
        _ => format!(
            "contains the control characters {}, which cannot be printed; remove them",
            bad.join(", ")
        ),
    }
}

/// NFC with `\t \n \r` folded to spaces; `None` when nothing changes.
fn fold(s: &str) -> Option<String> {
    let breaks = s.contains(['\t', '\n', '\r']);
    if !breaks && crate::vi::is_nfc(s) {
        return None;
    }
    let folded: String = s
        .chars()
        .map(|c| {
            if matches!(c, '\t' | '\n' | '\r') {
                ' '
            } else {
                c
            }
        })
        .collect();
    Some(crate::vi::nfc(&folded))
}

/// Where a walk over a JSON value is: the fields and positions from the root, kept on the
/// walker's stack and made into a [`Path`] only when asked (most values have no problem, and a
/// path per value was an allocation per field).
pub(crate) struct Trail<'a> {
    up: Option<&'a Trail<'a>>,
    step: Step<'a>,
}

#[derive(Clone, Copy)]
enum Step<'a> {
    Root,
    Field(&'a str),
    Index(usize),
}

impl Trail<'_> {
    /// The path from the root to here: `guests[2].name.ten`.
    pub(crate) fn path(&self) -> Path {
        let mut steps = Vec::new();
        let mut at = Some(self);
        while let Some(t) = at {
            steps.push(t.step);
            at = t.up;
        }
        let mut path = Path::root();
        for step in steps.into_iter().rev() {
            match step {
                Step::Root => {}
                Step::Field(f) => path.push(Segment::Field(f.to_owned().into())),
                Step::Index(i) => path.push(Segment::Index(i)),
            }
        }
        path
    }

    /// The field this value is in, if the last step is a field.
    fn field(&self) -> Option<&str> {
        match self.step {
            Step::Field(f) => Some(f),
            _ => None,
        }
    }

    /// Whether this is an item of a list held by a field named `name`.
    fn is_item_of(&self, name: &str) -> bool {
        matches!(self.step, Step::Index(_)) && self.up.and_then(Trail::field) == Some(name)
    }
}

/// Calls `f` with where it is (`guests[2].name.ten`) and the text of every string in `value`.
pub(crate) fn for_each_string(value: &mut Value, f: &mut impl FnMut(&Trail, &mut String)) {
    for_each_value(value, &mut |trail, v| {
        if let Value::String(s) = v {
            f(trail, s);
        }
        true
    })
}

/// Calls `f` with where it is and every value in `value`, parents before their children; the
/// children of a value are visited when `f` returns true.
pub(crate) fn for_each_value(value: &mut Value, f: &mut impl FnMut(&Trail, &mut Value) -> bool) {
    fn walk(value: &mut Value, trail: &Trail, f: &mut impl FnMut(&Trail, &mut Value) -> bool) {
        if !f(trail, value) {
            return;
        }
        match value {
            Value::Array(items) => {
                for (i, item) in items.iter_mut().enumerate() {
                    let step = Step::Index(i);
                    walk(
                        item,
                        &Trail {
                            up: Some(trail),
                            step,
                        },
                        f,
                    );
                }
            }
            Value::Object(map) => {
                for (k, item) in map.iter_mut() {
                    let step = Step::Field(k);
                    walk(
                        item,
                        &Trail {
                            up: Some(trail),
                            step,
                        },
                        f,
                    );
                }
            }
            _ => {}
        }
    }
    walk(
        value,
        &Trail {
            up: None,
            step: Step::Root,
        },
        f,
    )
}

/// Replaces every `"@key"` in a name position (`name`, `head`, the items of `members`) by the
/// name `people.key`, and removes `people`. Unknown keys and malformed entries are reported
/// together, each with its path.
fn resolve_people(value: &mut Value) -> Result<()> {
    let Value::Object(root) = value else {
        return Ok(());
    };
    let Some(people) = root.remove("people") else {
        return Ok(());
    };
    let mut problems = Vec::new();
    let Value::Object(people) = people else {
        return Err(Error::invalid(
            "congress",
            vec![Diagnostic::new(
                "people",
                "must be an object: { \"key\": { \"ho\": …, \"dem\": …, \"ten\": … } }",
            )],
        ));
    };
    for (key, entry) in &people {
        if let Err(e) = serde_json::from_value::<crate::vi::PersonName>(entry.clone()) {
            problems.push(Diagnostic::new(
                Path::root().field("people").field(key.clone()),
                e.to_string(),
            ));
        }
    }
    for_each_value(value, &mut |trail, v| {
        if v.is_string() && is_name_position(trail) {
            lookup(v, &people, trail, &mut problems);
        }
        true
    });
    if problems.is_empty() {
        Ok(())
    } else {
        Err(Error::problems(problems))
    }
}

/// Where a person's name goes: a `name` or `head` field, or an item of `members`.
fn is_name_position(trail: &Trail) -> bool {
    matches!(trail.field(), Some("name" | "head")) || trail.is_item_of("members")
}

/// A string in a name position: `"@key"` becomes the person; other strings are left for the
/// deserializer (an organisation's name is a string too).
fn lookup(v: &mut Value, people: &Map<String, Value>, trail: &Trail, out: &mut Vec<Diagnostic>) {
    let Some(key) = v.as_str().and_then(|s| s.strip_prefix('@')) else {
        return;
    };
    match people.get(key) {
        Some(person) => *v = person.clone(),
        None => out.push(Diagnostic::new(
            trail.path(),
            format!("no person `{key}` in `people`"),
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn what_a_field_should_hold_is_said_in_words_not_rust_types() {
        assert_eq!(
            plain_words("invalid type: string \"hai nghìn\", expected u32"),
            "invalid type: string \"hai nghìn\", expected a whole number, 0 or more"
        );
        assert_eq!(
            plain_words("invalid value: integer `-5`, expected u32"),
            "invalid value: integer `-5`, expected a whole number, 0 or more"
        );
        assert_eq!(
            plain_words("invalid type: integer `1`, expected struct Organisation"),
            "invalid type: integer `1`, expected a group of fields ({ … })"
        );
        assert_eq!(
            plain_words("invalid type: map, expected a sequence"),
            "invalid type: map, expected a list ([ … ])"
        );
        // Anything else is left as serde says it.
        assert_eq!(
            plain_words("expected a date as YYYY-MM-DD, found \"\""),
            "expected a date as YYYY-MM-DD, found \"\""
        );
        assert_eq!(plain_words("expected u32x"), "expected u32x");
        // The user's own text is never taken for serde's words.
        assert_eq!(
            plain_words("invalid type: string \"expected u8\", expected u32"),
            "invalid type: string \"expected u8\", expected a whole number, 0 or more"
        );
        assert_eq!(
            plain_words("unknown field `venu`, expected one of `organisation`, `venue`, `kind`"),
            "unknown field `venu`, expected one of `organisation`, `venue`, `kind`; did you mean \
             `venue`?"
        );
        assert_eq!(
            plain_words("unknown field `xyz`, expected `name` or `kind`"),
            "unknown field `xyz`, expected `name` or `kind`"
        );
        // Through the loader, with the field's path.
        let text = include_str!("../../examples/data/doan-ket-2020.json").replacen(
            "\"agree\": 5",
            "\"agree\": \"năm\"",
            1,
        );
        let e = load_congress(&text).unwrap_err().to_string();
        assert!(e.contains("expected a whole number, 0 or more"), "{e}");
    }

    #[test]
    fn every_field_of_the_wrong_shape_is_named_at_once() {
        // The editor's empty record: empty dates, and a misspelt field, a number as text and
        // an impossible date added; each is named, in one reading.
        let mut v: Value =
            serde_json::from_str(include_str!("../../web/empty-members.json")).unwrap();
        v["organisation"]["nam"] = Value::from("Chi bộ A");
        v["term"]["start"] = Value::from("2025");
        v["sessions"][0]["start"] = Value::from("7h30");
        let e = load_congress(&v.to_string()).unwrap_err();
        let said: Vec<String> = e.diagnostics().iter().map(|d| d.to_string()).collect();
        for (path, words) in [
            ("organisation.nam", "unknown field `nam`"),
            ("term.start", "expected a whole number"),
            ("sessions[0].date", "expected a date as YYYY-MM-DD"),
            ("sessions[0].start", "expected a time as HH:MM"),
            ("invitations.date", "expected a date as YYYY-MM-DD"),
            ("summons.date", "expected a date as YYYY-MM-DD"),
        ] {
            assert!(
                said.iter()
                    .any(|d| d.starts_with(&format!("{path}: ")) && d.contains(words)),
                "{path}: {said:#?}"
            );
        }
        // One problem reads as before: the field's path on the error itself.
        let mut v: Value =
            serde_json::from_str(include_str!("../../examples/data/doan-ket-2020.json")).unwrap();
        v["venue"] = Value::from(3);
        let e = load_congress(&v.to_string()).unwrap_err();
        assert_eq!(e.kind(), ErrorKind::Json);
        assert_eq!(e.path().map(|p| p.to_string()), Some("venue".to_string()));
    }

    #[test]
    fn a_file_saved_with_a_byte_order_mark_reads_as_it_looks() {
        let text = include_str!("../../examples/data/doan-ket-2020.json");
        let plain = load_congress(text).unwrap();
        assert_eq!(load_congress(&format!("\u{feff}{text}")).unwrap(), plain);
        let e: crate::rules::Election = load_json(&format!(
            "\u{feff}{}",
            include_str!("../../tests/fixtures/election/t7_returned_not_valid_plus_invalid.json")
        ))
        .unwrap();
        assert_eq!(e.ballots.returned, 30);
    }

    #[test]
    fn references_are_replaced_and_unknown_ones_named() {
        let mut v: Value = serde_json::from_str(
            r#"{ "people": { "vinh": { "ho": "Lê", "dem": "Thành", "ten": "Vinh" } },
                 "organisation": { "name": "Đảng bộ phường Bạch Mai" },
                 "signer": { "name": "@vinh" },
                 "counting": { "head": "@vinh", "members": ["@vinh", { "ho": "A", "ten": "B" }] } }"#,
        )
        .unwrap();
        resolve_people(&mut v).unwrap();
        assert!(v.get("people").is_none());
        assert_eq!(v["signer"]["name"]["ten"], "Vinh");
        assert_eq!(v["counting"]["members"][0]["ho"], "Lê");
        assert_eq!(v["organisation"]["name"], "Đảng bộ phường Bạch Mai");

        let mut v: Value = serde_json::from_str(
            r#"{ "people": { "a": { "ho": "Lê" } }, "x": [ { "name": "@b" } ] }"#,
        )
        .unwrap();
        let err = resolve_people(&mut v).unwrap_err();
        let msgs: Vec<String> = err.diagnostics().iter().map(|d| d.to_string()).collect();
        assert!(
            msgs.iter()
                .any(|m| m.starts_with("people.a: missing field `ten`")),
            "{msgs:?}"
        );
        assert!(
            msgs.iter()
                .any(|m| m == "x[0].name: no person `b` in `people`"),
            "{msgs:?}"
        );
    }

    #[test]
    fn a_field_of_the_wrong_type_is_named_in_the_file() {
        // The quick read keeps no path: the error comes from the second, which does.
        let text = include_str!("../../examples/data/bach-mai-2020.json");
        let mut v: Value = serde_json::from_str(text).unwrap();
        v["guests"][2]["name"]["ten"] = Value::from(7);
        v["elections"][0]["rounds"][0]["candidates"][1]["votes"] = Value::from("nhiều");
        let err = load_congress(&v.to_string()).unwrap_err();
        assert_eq!(err.kind(), ErrorKind::Json);
        let shown = err.to_string();
        assert!(
            shown.contains("elections[0].rounds[0].candidates[1].votes"),
            "{shown}"
        );
        assert!(shown.contains("invalid type: string \"nhiều\""), "{shown}");

        v["elections"][0]["rounds"][0]["candidates"][1]["votes"] = Value::from(110);
        let err = load_congress(&v.to_string()).unwrap_err();
        let shown = err.to_string();
        assert!(shown.contains("guests[2].name.ten"), "{shown}");
        assert!(
            load_json::<crate::vi::PersonName>(r#"{"ho": "Lê", "ten": 3}"#)
                .unwrap_err()
                .to_string()
                .contains("ten")
        );
    }

    #[test]
    fn every_control_character_is_named_once() {
        assert_eq!(text_problem("An"), "");
        assert_eq!(text_problem("a\nb\tc"), "");
        let m = text_problem("a\u{7}b\u{1b}c\u{7}");
        assert!(m.contains("U+0007, U+001B"), "{m}");
        // Every scalar value, alone and inside Vietnamese text: the quick pass over the bytes
        // lets none of them through.
        let mut buf = [0u8; 4];
        for c in (0..=0x10FFFF).filter_map(char::from_u32) {
            let forbidden = (c.is_control() && !matches!(c, '\t' | '\n' | '\r'))
                || c == '\u{FFFE}'
                || c == '\u{FFFF}';
            let alone = c.encode_utf8(&mut buf);
            assert_eq!(
                !text_problem(alone).is_empty(),
                forbidden,
                "U+{:04X}",
                c as u32
            );
            if c.is_control() || (0xFFF0..=0xFFFF).contains(&(c as u32)) {
                let inside = format!("Đảng uỷ{c}phường");
                assert_eq!(
                    !text_problem(&inside).is_empty(),
                    forbidden,
                    "U+{:04X}",
                    c as u32
                );
            }
        }
    }

    #[test]
    fn cleaning_folds_breaks_and_normalises() {
        let mut v: Value = serde_json::json!({ "a": "Nguye\u{302}\u{303}n\nVăn", "b": ["x\u{7}"] });
        let problems = clean(&mut v);
        assert_eq!(v["a"], "Nguyễn Văn");
        assert_eq!(problems.len(), 1);
        assert_eq!(problems[0].path, "b[0]");
    }
}
