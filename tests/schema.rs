//! The congress file's JSON Schema: the committed file is what the types make, every field and
//! choice speaks Vietnamese to a clerk, the examples are the samples' own values, and an
//! independent validator (the `jsonschema` crate) accepts both samples and rejects what an
//! editor should flag.
#![cfg(feature = "schema")]

mod common;

use std::collections::BTreeSet;

use serde_json::{json, Value};

const SCHEMA_FILE: &str = "schema/congress.schema.json";
const LABELS_FILE: &str = "schema/labels.vi.json";
const SAMPLES: [&str; 3] = [
    "examples/data/bach-mai-2020.json",
    "examples/data/doan-ket-2020.json",
    "examples/data/bach-mai-tdp12-2027.json",
];

fn read_json(path: &str) -> Value {
    let text = std::fs::read_to_string(common::root().join(path)).unwrap();
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn schema() -> Value {
    daihoi::schema::congress_schema()
}

fn validator(schema: &Value) -> jsonschema::Validator {
    jsonschema::draft202012::options()
        .should_validate_formats(true)
        .build(schema)
        .expect("the schema is a valid draft 2020-12 schema")
}

/// The problems `schema` finds in `instance`, as "path: message".
fn problems(schema: &Value, instance: &Value) -> Vec<String> {
    validator(schema)
        .iter_errors(instance)
        .map(|e| format!("{}: {e}", e.instance_path()))
        .collect()
}

#[test]
fn the_committed_schema_is_the_one_the_types_make() {
    let path = common::root().join(SCHEMA_FILE);
    let generated = daihoi::schema::congress_schema_text();
    if std::env::var("DAIHOI_UPDATE_SCHEMA").is_ok_and(|v| v == "1") {
        std::fs::write(&path, &generated).unwrap();
    }
    let committed = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        committed == generated,
        "{SCHEMA_FILE} is not what the record's types and {LABELS_FILE} make; \
         rewrite it with `DAIHOI_UPDATE_SCHEMA=1 cargo test --features schema --test schema` \
         and review the diff"
    );
}

/// Every labelled place of the schema: `(where, the schema object)` for the root, each
/// definition, each property (at any depth, in choices too) and each choice of an enum.
fn labelled_places(schema: &Value) -> Vec<(String, &Value)> {
    fn walk<'a>(at: String, s: &'a Value, out: &mut Vec<(String, &'a Value)>) {
        let Some(map) = s.as_object() else { return };
        if let Some(props) = map.get("properties").and_then(Value::as_object) {
            for (name, p) in props {
                let here = format!("{at}.{name}");
                out.push((here.clone(), p));
                walk(here, p, out);
            }
        }
        for key in ["oneOf", "anyOf"] {
            for (i, choice) in map
                .get(key)
                .and_then(Value::as_array)
                .into_iter()
                .flatten()
                .enumerate()
            {
                let here = format!("{at}.{key}[{i}]");
                let is_choice = choice.get("const").is_some()
                    || (key == "oneOf" && choice.get("properties").is_some());
                if is_choice {
                    out.push((here.clone(), choice));
                }
                walk(here, choice, out);
            }
        }
        if let Some(items) = map.get("items") {
            walk(format!("{at}[]"), items, out);
        }
        if let Some(extra) = map.get("additionalProperties") {
            walk(format!("{at}{{}}"), extra, out);
        }
    }
    let mut out = vec![("Congress".to_string(), schema)];
    walk("Congress".to_string(), schema, &mut out);
    for (name, def) in schema["$defs"].as_object().unwrap() {
        out.push((format!("$defs.{name}"), def));
        walk(format!("$defs.{name}"), def, &mut out);
    }
    out
}

#[test]
fn every_field_and_choice_has_a_vietnamese_title_and_description() {
    let schema = schema();
    let places = labelled_places(&schema);
    assert!(places.len() > 250, "only {} places found", places.len());
    let mut missing = Vec::new();
    for (at, s) in &places {
        let title = s.get("title").and_then(Value::as_str).unwrap_or("");
        let description = s.get("description").and_then(Value::as_str).unwrap_or("");
        if title.trim().is_empty() || description.trim().is_empty() {
            missing.push(format!("{at}: no title or description"));
        } else if description.is_ascii() {
            // The English doc comments are left out; what is left must be the Vietnamese one.
            missing.push(format!(
                "{at}: description {description:?} is not Vietnamese"
            ));
        }
    }
    assert!(
        missing.is_empty(),
        "add these to {LABELS_FILE} (keyed by type, then `properties` or `values`):\n{}",
        missing.join("\n")
    );
}

#[test]
fn every_label_names_a_field_or_choice_of_the_schema() {
    let schema = schema();
    let labels = read_json(LABELS_FILE);
    let defs = schema["$defs"].as_object().unwrap();
    let mut stale = Vec::new();
    for (ty, label) in labels.as_object().unwrap() {
        // `Office.delegates` labels the object inside the choice `delegates` of `Office`.
        let target = match ty.split_once('.') {
            Some((outer, choice)) => defs.get(outer).and_then(|d| {
                d["oneOf"]
                    .as_array()?
                    .iter()
                    .find_map(|c| c["properties"].get(choice))
            }),
            None if ty == "Congress" => Some(&schema),
            None => defs.get(ty),
        };
        let Some(target) = target else {
            stale.push(format!("{ty}: no such type in the schema"));
            continue;
        };
        for field in label["properties"]
            .as_object()
            .into_iter()
            .flatten()
            .map(|p| p.0)
        {
            if target["properties"].get(field).is_none() {
                stale.push(format!("{ty}.{field}: no such field"));
            }
        }
        let choices: BTreeSet<String> = target["oneOf"]
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(|c| {
                c["const"]
                    .as_str()
                    .map(str::to_string)
                    .or_else(|| c["required"][0].as_str().map(str::to_string))
            })
            .collect();
        for value in label["values"]
            .as_object()
            .into_iter()
            .flatten()
            .map(|v| v.0)
        {
            if !choices.contains(value) {
                stale.push(format!("{ty}: no choice `{value}`"));
            }
        }
    }
    assert!(
        stale.is_empty(),
        "stale labels in {LABELS_FILE}:\n{}",
        stale.join("\n")
    );
}

/// Every string and number anywhere in `v`.
fn scalars(v: &Value, out: &mut BTreeSet<String>) {
    match v {
        Value::String(s) => {
            out.insert(s.clone());
        }
        Value::Number(n) => {
            out.insert(n.to_string());
        }
        Value::Array(items) => items.iter().for_each(|i| scalars(i, out)),
        Value::Object(map) => map.values().for_each(|i| scalars(i, out)),
        _ => {}
    }
}

#[test]
fn examples_are_values_of_the_samples_that_fit_their_fields() {
    let schema = schema();
    let mut values = BTreeSet::new();
    for sample in SAMPLES {
        scalars(&read_json(sample), &mut values);
    }
    let defs = schema["$defs"].clone();
    let mut seen = 0;
    let mut wrong = Vec::new();
    for (at, place) in labelled_places(&schema) {
        let Some(examples) = place.get("examples").and_then(Value::as_array) else {
            continue;
        };
        let mut field = place.clone();
        field["$defs"] = defs.clone();
        for example in examples {
            seen += 1;
            let text = match example {
                Value::String(s) => s.clone(),
                other => other.to_string(),
            };
            if !values.contains(&text) {
                wrong.push(format!(
                    "{at}: example {example} is not a value of the samples"
                ));
            }
            for p in problems(&field, example) {
                wrong.push(format!(
                    "{at}: example {example} does not fit the field: {p}"
                ));
            }
        }
    }
    assert!(seen > 100, "only {seen} examples");
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

#[test]
fn both_samples_name_the_schema_and_validate_against_it() {
    let schema = schema();
    for sample in SAMPLES {
        let value = read_json(sample);
        let named = value["$schema"].as_str().unwrap_or_default();
        assert_eq!(named, "../../schema/congress.schema.json", "{sample}");
        let beside = common::root().join(sample).parent().unwrap().join(named);
        assert!(
            beside.is_file(),
            "{sample}: {named} does not lead to the schema"
        );
        let found = problems(&schema, &value);
        assert!(found.is_empty(), "{sample}:\n{}", found.join("\n"));
    }
}

#[test]
fn the_schema_flags_what_an_editor_should_flag() {
    let schema = schema();
    let sample = read_json(SAMPLES[0]);
    type Change = fn(&mut Value);
    let cases: [(&str, Change); 6] = [
        ("a name written whole instead of in parts or as @key", |v| {
            v["signer"]["name"] = json!("Lê Thành Vinh")
        }),
        ("a time written 7h30", |v| {
            v["sessions"][0]["start"] = json!("7h30")
        }),
        ("a date written 19/03/2020", |v| {
            v["sessions"][0]["date"] = json!("19/03/2020")
        }),
        ("an unknown kind of organisation", |v| {
            v["organisation"]["kind"] = json!("ward")
        }),
        ("a misspelt field", |v| {
            let venue = v["venue"].clone();
            v["venu"] = venue;
        }),
        ("a person in `people` without a given name", |v| {
            v["people"]["le-thanh-vinh"] = json!({ "ho": "Lê", "dem": "Thành" })
        }),
    ];
    for (case, change) in cases {
        let mut v = sample.clone();
        change(&mut v);
        assert!(
            !problems(&schema, &v).is_empty(),
            "the schema accepts {case}"
        );
    }
}

#[test]
fn a_file_may_name_its_schema_and_is_still_checked_for_unknown_fields() {
    let text = common::sample_text();
    assert!(text.contains("\"$schema\""));
    daihoi::load_congress(&text).expect("`$schema` is not part of the record");
    let misspelt = text.replacen("\"$schema\"", "\"$schemas\"", 1);
    let err = daihoi::load_congress(&misspelt).unwrap_err();
    assert!(err.to_string().contains("$schemas"), "{err}");
}

#[test]
fn the_package_ships_the_schema_folder() {
    let manifest = std::fs::read_to_string(common::root().join("Cargo.toml")).unwrap();
    let include = manifest
        .lines()
        .find(|l| l.trim_start().starts_with("include"))
        .unwrap_or_default();
    assert!(include.contains("\"schema/**\""), "Cargo.toml: {include}");
}
