//! `people`: a person written once and referred to as `"@key"` wherever a name goes, so a name
//! that appears in several documents comes from one place in the data.

use serde_json::{Map, Value};

use super::PersonName;
use crate::error::{Diagnostic, Error, Result};

/// Replaces every `"@key"` in a name position (`name`, `head`, the items of `members`) by the
/// name `people.key`, and removes `people`. Unknown keys and malformed entries are reported
/// together, each with its path.
pub fn resolve_people(value: &mut Value) -> Result<()> {
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
        if let Err(e) = serde_json::from_value::<PersonName>(entry.clone()) {
            problems.push(Diagnostic::new(format!("people.{key}"), e.to_string()));
        }
    }
    crate::template::for_each_value(value, &mut |path, v| {
        if v.is_string() && is_name_position(path) {
            lookup(v, &people, path, &mut problems);
        }
        true
    });
    if problems.is_empty() {
        Ok(())
    } else {
        Err(Error::invalid("congress", problems))
    }
}

/// Where a person's name goes: a `name` or `head` field, or an item of `members`.
fn is_name_position(path: &str) -> bool {
    let last = path.rsplit('.').next().unwrap_or(path);
    match last.split_once('[') {
        Some((key, _)) => key == "members" && last.ends_with(']'),
        None => last == "name" || last == "head",
    }
}

/// A string in a name position: `"@key"` becomes the person; other strings are left for the
/// deserializer (an organisation's name is a string too).
fn lookup(v: &mut Value, people: &Map<String, Value>, path: &str, out: &mut Vec<Diagnostic>) {
    let Some(key) = v.as_str().and_then(|s| s.strip_prefix('@')) else {
        return;
    };
    match people.get(key) {
        Some(person) => *v = person.clone(),
        None => out.push(Diagnostic::new(
            path,
            format!("no person `{key}` in `people`"),
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
}
