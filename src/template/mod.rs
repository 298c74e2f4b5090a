//! The Handlebars registry: embedded templates and partials, an optional override directory,
//! and the Vietnamese helpers. User data reaches a template already clean (NFC, no control
//! characters: see `congress::load`) and always escaped, so it never becomes markup.
//!
//! Strict mode is on: a template that names a field the data lacks is an error, not a blank.

mod helpers;

use std::path::Path;

use handlebars::Handlebars;
use serde_json::Value;

use crate::error::{Error, ErrorKind, Location, Result};

pub use helpers::{names as helper_names, FormatOptions};

/// The built-in partials: (name, source). The papers' templates come from the registry of
/// document kinds ([`crate::registry::TEMPLATES`]).
macro_rules! partials {
    ($($p:literal),* $(,)?) => {
        &[ $(($p, include_str!(concat!("../../templates/partials/", $p, ".hbs"))),)* ]
    };
}

const PARTIALS: &[(&str, &str)] = partials!(
    "header", "title", "signature", "signer", "basis", "attendance", "ballot-counts",
    "step-verdict",
);

/// Every built-in template and partial: (name, source).
fn builtin() -> impl Iterator<Item = &'static (&'static str, &'static str)> {
    crate::registry::TEMPLATES.iter().chain(PARTIALS)
}

/// The names of the built-in templates and partials.
pub fn builtin_names() -> impl Iterator<Item = &'static str> {
    builtin().map(|(n, _)| *n)
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
        for (name, source) in builtin() {
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
