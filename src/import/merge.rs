//! Adding imported entries to the congress file's text, keeping everything that was there.

use std::fmt;

use serde::de::{self, MapAccess, SeqAccess, Visitor};
use serde::{Deserialize, Serialize};
use serde_json::{json, Value};
use unicode_normalization::UnicodeNormalization;

use super::list::{Imported, ListKind, SheetProblem};
use super::sheet::fold;
use crate::error::{Error, ErrorKind, Result};
use crate::vi::PersonName;

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

pub(super) fn already(row: usize, place: String, name: &PersonName) -> SheetProblem {
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
pub(super) fn name_of(v: &Value) -> Option<String> {
    PersonName::deserialize(v).ok().map(|n| fold(&n.full()))
}

/// A person's key from their name: "Lê Thanh Vinh" → `le-thanh-vinh`.
pub(super) fn person_key(name: &PersonName) -> String {
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

/// JSON with its objects' keys in the file's order, so that [`merge`] changes nothing but the
/// list it adds to.
#[derive(Debug, Clone, PartialEq)]
pub(super) enum Ordered {
    Scalar(Value),
    Array(Vec<Ordered>),
    Object(Vec<(String, Ordered)>),
}

impl Ordered {
    pub(super) fn from_value(v: &Value) -> Ordered {
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

    pub(super) fn to_value(&self) -> Value {
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
