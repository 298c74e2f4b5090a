//! The JSON Schema of a congress file, for editors (completion and checks as one types) and for
//! the service's `GET /api/schema`.
//!
//! The shape comes from the record's types (schemars derives them, so the schema cannot drift
//! from what [`load_congress`](crate::load_congress) reads); the words a clerk reads — the
//! Vietnamese title and description of every type, field and choice, and an example taken
//! from the samples — come from one table, `schema/labels.vi.json`, keyed by type and field.
//! The Rust doc comments stay English and are left out of the schema. `tests/schema.rs` fails
//! when a field has no label, when a label names no field, and when
//! `schema/congress.schema.json` differs from what this module generates.
//!
//! What the loader adds to the types is added here too: the top-level `people` and `$schema`,
//! and an `"@key"` string wherever a name goes.

use schemars::generate::SchemaSettings;
use serde_json::{json, Map, Value};

use crate::congress::Congress;

/// The labels: `{ "Type": { "title", "description", "properties": { "field": { "title",
/// "description", "example"? } }, "values": { "choice": { "title", "description"? } } } }`.
const LABELS: &str = include_str!("../schema/labels.vi.json");

/// The name of the definition of a person's name, and of a reference to `people`.
const NAME: &str = "PersonName";
const REFERENCE: &str = "PersonRef";

/// The congress file's JSON Schema (draft 2020-12), labelled in Vietnamese, with its keys in
/// sorted order. `schema/congress.schema.json` holds its text ([`congress_schema_text`]).
pub fn congress_schema() -> Value {
    let root = SchemaSettings::draft2020_12()
        .into_generator()
        .into_root_schema_for::<Congress>();
    let mut schema = root.to_value();
    for_each_schema(&mut schema, &mut |s| {
        s.remove("description");
    });
    accept_references(&mut schema);
    // The labels are part of the crate, parsed by its tests: they are valid JSON.
    let labels: Value = serde_json::from_str(LABELS).unwrap_or_default();
    apply_labels(&mut schema, &labels);
    sorted(schema)
}

/// [`congress_schema`] as pretty JSON with a final newline: the text of
/// `schema/congress.schema.json`.
pub fn congress_schema_text() -> String {
    let mut text = serde_json::to_string_pretty(&congress_schema()).unwrap_or_default();
    text.push('\n');
    text
}

/// Calls `f` on every schema object in `schema`: the root, its definitions, and every
/// subschema under the keywords that hold schemas.
fn for_each_schema(schema: &mut Value, f: &mut impl FnMut(&mut Map<String, Value>)) {
    let Value::Object(map) = schema else {
        return;
    };
    f(map);
    for (key, value) in map.iter_mut() {
        match key.as_str() {
            "properties" | "$defs" | "patternProperties" => {
                if let Value::Object(children) = value {
                    for child in children.values_mut() {
                        for_each_schema(child, f);
                    }
                }
            }
            "anyOf" | "oneOf" | "allOf" | "prefixItems" => {
                if let Value::Array(children) = value {
                    for child in children {
                        for_each_schema(child, f);
                    }
                }
            }
            "items" | "additionalProperties" | "not" | "if" | "then" | "else" => {
                for_each_schema(value, f)
            }
            _ => {}
        }
    }
}

/// What the loader reads besides the record's fields: `people` (each a name) and `$schema` at
/// the top, and `"@key"` wherever a name goes.
fn accept_references(schema: &mut Value) {
    let name = json!({ "$ref": format!("#/$defs/{NAME}") });
    // The name inside the choice is marked while the walk goes on, so it is not replaced again.
    let marked = json!(format!("#/$defs/{NAME}#"));
    let either =
        json!({ "anyOf": [{ "$ref": marked }, { "$ref": format!("#/$defs/{REFERENCE}") }] });
    for_each_schema(schema, &mut |s| {
        if s.get("$ref") == name.get("$ref") {
            s.remove("$ref");
            s.extend(either.as_object().cloned().unwrap_or_default());
        }
    });
    for_each_schema(schema, &mut |s| {
        if s.get("$ref") == Some(&marked) {
            s.insert("$ref".into(), name["$ref"].clone());
        }
    });
    if let Some(defs) = schema.get_mut("$defs").and_then(Value::as_object_mut) {
        defs.insert(
            REFERENCE.into(),
            json!({ "type": "string", "pattern": "^@\\S+$" }),
        );
    }
    if let Some(props) = schema.get_mut("properties").and_then(Value::as_object_mut) {
        props.insert("$schema".into(), json!({ "type": "string" }));
        props.insert(
            "people".into(),
            json!({ "type": "object", "additionalProperties": name }),
        );
    }
}

/// Gives the root (`Congress`) and every definition its labels, then its properties and its
/// choices theirs.
fn apply_labels(schema: &mut Value, labels: &Value) {
    if let Some(defs) = schema.get_mut("$defs").and_then(Value::as_object_mut) {
        for (name, def) in defs.iter_mut() {
            label_type(def, name, labels);
        }
    }
    label_type(schema, "Congress", labels);
}

/// Labels one type: itself, its properties and its choices; the fields of a choice that holds
/// an object (`{"delegates": {"superior_congress": …}}`) are labelled as the type
/// `Office.delegates`.
fn label_type(schema: &mut Value, name: &str, labels: &Value) {
    let Some(map) = schema.as_object_mut() else {
        return;
    };
    let label = &labels[name];
    copy_text(map, label);
    if let Some(props) = map.get_mut("properties").and_then(Value::as_object_mut) {
        for (field, prop) in props.iter_mut() {
            let Some(prop) = prop.as_object_mut() else {
                continue;
            };
            let field_label = &label["properties"][field.as_str()];
            copy_text(prop, field_label);
            if let Some(example) = field_label.get("example") {
                prop.insert("examples".into(), json!([example]));
            }
        }
    }
    if let Some(choices) = map.get_mut("oneOf").and_then(Value::as_array_mut) {
        for choice in choices {
            label_choice(choice, name, labels);
        }
    }
}

/// Labels one choice of an enum: a plain value (`"const"`) or an object with one key.
fn label_choice(choice: &mut Value, name: &str, labels: &Value) {
    let values = &labels[name]["values"];
    if let Some(value) = choice.get("const").and_then(Value::as_str) {
        let label = values[value].clone();
        if let Some(map) = choice.as_object_mut() {
            copy_text(map, &label);
        }
        return;
    }
    let Some(map) = choice.as_object_mut() else {
        return;
    };
    let Some(key) = map
        .get("required")
        .and_then(Value::as_array)
        .and_then(|r| r.first())
        .and_then(Value::as_str)
        .map(str::to_string)
    else {
        return;
    };
    let label = values[key.as_str()].clone();
    copy_text(map, &label);
    if let Some(inner) = map.get_mut("properties").and_then(|p| p.get_mut(&key)) {
        if let Some(inner_map) = inner.as_object_mut() {
            copy_text(inner_map, &label);
        }
        label_type(inner, &format!("{name}.{key}"), labels);
    }
}

/// Sets `title` and `description` from `label`, where it has them.
fn copy_text(map: &mut Map<String, Value>, label: &Value) {
    for key in ["title", "description"] {
        if let Some(text) = label.get(key).and_then(Value::as_str) {
            map.insert(key.into(), Value::String(text.to_string()));
        }
    }
}

/// The value with every object's keys in sorted order, whatever the map type keeps.
fn sorted(value: Value) -> Value {
    match value {
        Value::Object(map) => {
            let mut entries: Vec<(String, Value)> = map.into_iter().collect();
            entries.sort_by(|a, b| a.0.cmp(&b.0));
            Value::Object(entries.into_iter().map(|(k, v)| (k, sorted(v))).collect())
        }
        Value::Array(items) => Value::Array(items.into_iter().map(sorted).collect()),
        other => other,
    }
}
