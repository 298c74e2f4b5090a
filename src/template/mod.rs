//! The Handlebars registry: embedded templates and partials, an optional override directory,
//! the Vietnamese helpers, and the data preparation (NFC, control characters) that keeps user
//! data from ever becoming markup.
//!
//! Strict mode is on: a template that names a field the data lacks is an error, not a blank.

mod helpers;

use std::path::Path;

use handlebars::Handlebars;
use serde_json::Value;

use crate::error::{Diagnostic, Error, ErrorKind, Location, Result};

pub use helpers::{names as helper_names, FormatOptions};

/// Embeds `templates/NAME.hbs` (documents) and `templates/partials/NAME.hbs` (partials).
macro_rules! builtin {
    (documents: $($d:literal),* ; partials: $($p:literal),* $(,)?) => {
        &[
            $(($d, include_str!(concat!("../../templates/", $d, ".hbs"))),)*
            $(($p, include_str!(concat!("../../templates/partials/", $p, ".hbs"))),)*
        ]
    };
}

/// The built-in templates: (name, source).
const BUILTIN: &[(&str, &str)] = builtin!(
    documents: "invitation", "summons", "ballot", "vote-count-minutes", "conference-summons",
        "introduction-ballot", "introduction-tally-minutes", "conference-minutes",
        "personnel-summary", "candidate-list", "programme", "script", "congress-minutes";
    partials: "header", "title", "signature", "signer", "attendance", "ballot-counts",
        "step-verdict",
);

/// The names of the built-in templates and partials.
pub fn builtin_names() -> impl Iterator<Item = &'static str> {
    BUILTIN.iter().map(|(n, _)| *n)
}

/// Compiled templates.
pub struct Templates {
    registry: Handlebars<'static>,
}

impl std::fmt::Debug for Templates {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Templates")
            .field(
                "names",
                &self.registry.get_templates().keys().collect::<Vec<_>>(),
            )
            .finish()
    }
}

impl Templates {
    /// Compiles the built-in templates, then those of `overrides` (a directory of `NAME.hbs`
    /// files and `partials/NAME.hbs`), which replace built-ins of the same name.
    pub fn new(overrides: Option<&Path>, options: &FormatOptions) -> Result<Templates> {
        let mut registry = Handlebars::new();
        registry.set_strict_mode(true);
        registry.set_prevent_indent(true);
        helpers::register(&mut registry, options);
        for (name, source) in BUILTIN {
            registry
                .register_template_string(name, *source)
                .map_err(|e| template_error(name, e))?;
        }
        if let Some(dir) = overrides {
            for (name, path) in override_files(dir)? {
                let source = std::fs::read_to_string(&path).map_err(|e| {
                    Error::new(
                        ErrorKind::Io,
                        format!("cannot read template {}: {e}", path.display()),
                    )
                })?;
                registry
                    .register_template_string(&name, source)
                    .map_err(|e| template_error(&name, e))?;
            }
        }
        Ok(Templates { registry })
    }

    /// Renders template `name` with `data` into markup text.
    pub fn render(&self, name: &str, data: &Value) -> Result<String> {
        if !self.registry.has_template(name) {
            return Err(Error::new(
                ErrorKind::Template,
                format!("there is no template named `{name}`"),
            ));
        }
        self.registry.render(name, data).map_err(|e| {
            let template = e.template_name.clone().unwrap_or_else(|| name.to_string());
            let msg = e.reason().to_string();
            Error::new(ErrorKind::Template, format!("template failed: {msg}")).with_location(
                Location {
                    template,
                    line: e.line_no,
                    column: e.column_no,
                },
            )
        })
    }
}

fn template_error(name: &str, e: handlebars::TemplateError) -> Error {
    let (line, column) = match e.pos() {
        Some((l, c)) => (Some(l), Some(c)),
        None => (None, None),
    };
    Error::new(
        ErrorKind::Template,
        format!("template does not compile: {}", e.reason()),
    )
    .with_location(Location {
        template: name.to_string(),
        line,
        column,
    })
}

/// `(name, path)` of every `*.hbs` in `dir` and `dir/partials`.
fn override_files(dir: &Path) -> Result<Vec<(String, std::path::PathBuf)>> {
    let mut out = Vec::new();
    for sub in [dir.to_path_buf(), dir.join("partials")] {
        if sub != dir && !sub.is_dir() {
            continue;
        }
        let entries = std::fs::read_dir(&sub).map_err(|e| {
            Error::new(
                ErrorKind::Io,
                format!("cannot read template directory {}: {e}", sub.display()),
            )
        })?;
        let mut files: Vec<_> = entries
            .filter_map(|e| e.ok())
            .map(|e| e.path())
            .filter(|p| p.extension().is_some_and(|x| x == "hbs"))
            .collect();
        files.sort();
        for path in files {
            if let Some(stem) = path.file_stem().and_then(|s| s.to_str()) {
                out.push((stem.to_string(), path.clone()));
            }
        }
    }
    Ok(out)
}

/// Prepares serialized user data for the templates: every string NFC-normalised; line breaks
/// and tabs become spaces; other control characters are problems reported with their path.
pub fn prepare(value: &mut Value) -> Vec<Diagnostic> {
    let mut problems = Vec::new();
    for_each_string(value, &mut |path, s| {
        if let Some(clean) = clean_text(s, path, &mut problems) {
            *s = clean;
        }
    });
    problems
}

/// Calls `f` with the path (`guests[2].name.ten`) and the text of every string in `value`.
pub fn for_each_string(value: &mut Value, f: &mut impl FnMut(&str, &mut String)) {
    for_each_value(value, &mut |path, v| {
        if let Value::String(s) = v {
            f(path, s);
        }
        true
    })
}

/// Calls `f` with the path (`guests[2].name`) and every value in `value`, parents before their
/// children; the children of a value are visited when `f` returns true.
pub fn for_each_value(value: &mut Value, f: &mut impl FnMut(&str, &mut Value) -> bool) {
    fn walk(value: &mut Value, path: &mut String, f: &mut impl FnMut(&str, &mut Value) -> bool) {
        if !f(path, value) {
            return;
        }
        match value {
            Value::Array(items) => {
                for (i, item) in items.iter_mut().enumerate() {
                    let len = path.len();
                    path.push_str(&format!("[{i}]"));
                    walk(item, path, f);
                    path.truncate(len);
                }
            }
            Value::Object(map) => {
                for (k, item) in map.iter_mut() {
                    let len = path.len();
                    if !path.is_empty() {
                        path.push('.');
                    }
                    path.push_str(k);
                    walk(item, path, f);
                    path.truncate(len);
                }
            }
            _ => {}
        }
    }
    walk(value, &mut String::new(), f)
}

/// NFC, with `\t \n \r` folded to spaces; `None` when nothing changes. Other control characters
/// (and the XML-forbidden U+FFFE, U+FFFF) are reported.
pub fn clean_text(s: &str, path: &str, problems: &mut Vec<Diagnostic>) -> Option<String> {
    let mut changed = false;
    for c in s.chars() {
        if matches!(c, '\t' | '\n' | '\r') {
            changed = true;
        } else if c.is_control() || c == '\u{FFFE}' || c == '\u{FFFF}' {
            problems.push(Diagnostic::new(
                path,
                format!(
                    "contains the control character U+{:04X}, which cannot be printed; remove it",
                    c as u32
                ),
            ));
            return None;
        }
    }
    let nfc_needed = !crate::vi::is_nfc(s);
    if !changed && !nfc_needed {
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
