//! The Handlebars registry: embedded templates and partials, an optional override directory,
//! and the Vietnamese helpers. User data reaches a template already clean (NFC, no control
//! characters: see `congress::load`) and always escaped, so it never becomes markup.
//!
//! Strict mode is on: a template that names a field the data lacks is an error, not a blank.
//!
//! Templates are compiled when first rendered, not when the engine is built: handlebars' parser
//! computes a line and column for every token by rescanning the source from its start, so
//! compiling every built-in up front costs tens of milliseconds, which a command printing one
//! paper should not pay. Each source is compiled at most once per `Templates`; each template
//! rendered gets its own registry holding it and the partials it reaches, so rendering takes no
//! lock.

mod chunks;
mod helpers;

use std::borrow::Cow;
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;
use std::sync::OnceLock;

use handlebars::template::{Parameter, Template, TemplateElement};
use handlebars::{Handlebars, Path as HbsPath};
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
    "step-verdict", "list-changes", "nominee-note", "nominated-by", "non-voting", "base-exclusions", "designation", "round-result",
    "vote-counters", "withdrawals", "script-step", "script-election", "strike-out", "raise-card",
);

/// Every built-in template and partial: (name, source).
fn builtin() -> impl Iterator<Item = &'static (&'static str, &'static str)> {
    crate::registry::TEMPLATES.iter().chain(PARTIALS)
}

/// The names of the built-in templates and partials.
pub fn builtin_names() -> impl Iterator<Item = &'static str> {
    builtin().map(|(n, _)| *n)
}

/// The templates and partials by name, each compiled on first use. `Send + Sync`.
pub struct Templates {
    sources: BTreeMap<String, Source>,
    options: FormatOptions,
}

/// One template or partial: its text, compiled once, and the registry that renders it.
struct Source {
    text: Cow<'static, str>,
    compiled: OnceLock<std::result::Result<Compiled, Failure>>,
    /// A registry with this template and every partial it reaches, built when it is first
    /// rendered.
    registry: OnceLock<std::result::Result<Handlebars<'static>, Failure>>,
}

impl Source {
    fn new(text: Cow<'static, str>) -> Self {
        Source {
            text,
            compiled: OnceLock::new(),
            registry: OnceLock::new(),
        }
    }

    /// The template compiled (on the first call); `name` is the one errors report.
    fn compiled(&self, name: &str) -> std::result::Result<&Compiled, &Failure> {
        self.compiled
            // Only a built-in (borrowed) text is compiled in pieces and without the words of
            // its comments: the tests `a_template_compiled_in_pieces_is_the_one_compiled_whole`
            // and `a_template_without_its_comments_words_renders_the_same` hold for those; a
            // template from the user's folder is compiled whole, as handlebars reads it.
            .get_or_init(|| match &self.text {
                Cow::Borrowed(text) => compile(name, &chunks::brief_comments(text), true),
                Cow::Owned(text) => compile(name, text, false),
            })
            .as_ref()
    }
}

/// A compiled template and the partials it names.
struct Compiled {
    template: Template,
    /// Partials named literally (`{{> header}}`), including names an inline partial shadows.
    partials: BTreeSet<String>,
    /// Whether a partial is named by an expression (`{{> (lookup …)}}`), which may be any.
    dynamic: bool,
}

/// A template that does not compile, kept so that every render that needs it reports it.
#[derive(Debug, Clone)]
struct Failure {
    template: String,
    message: String,
    line: Option<usize>,
    column: Option<usize>,
}

impl Failure {
    fn to_error(&self) -> Error {
        Error::new(
            ErrorKind::Template,
            format!("template does not compile: {}", self.message),
        )
        .with_location(Location {
            template: self.template.clone(),
            line: self.line,
            column: self.column,
        })
    }
}

impl std::fmt::Debug for Templates {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Templates")
            .field("names", &self.sources.keys().collect::<Vec<_>>())
            .finish()
    }
}

impl Templates {
    /// The built-in templates, then those of `overrides` (a directory of `NAME.hbs` files and
    /// `partials/NAME.hbs`), which replace built-ins of the same name.
    ///
    /// Built-ins are compiled when first rendered; the override files are read and compiled
    /// here, so that a mistake in one is reported when the engine is built.
    pub fn new(overrides: Option<&Path>, options: &FormatOptions) -> Result<Templates> {
        let mut templates = Templates::from_sources(builtin(), options);
        if let Some(dir) = overrides {
            let mut names = Vec::new();
            for (name, path) in override_files(dir)? {
                let text = std::fs::read_to_string(&path).map_err(|e| {
                    Error::new(
                        ErrorKind::Io,
                        format!("cannot read template {}: {e}", path.display()),
                    )
                })?;
                templates
                    .sources
                    .insert(name.clone(), Source::new(Cow::Owned(text)));
                names.push(name);
            }
            for name in names {
                if let Some(source) = templates.sources.get(&name) {
                    source.compiled(&name).map_err(Failure::to_error)?;
                }
            }
        }
        Ok(templates)
    }

    /// Templates with the given sources, none compiled yet.
    fn from_sources<'a>(
        sources: impl IntoIterator<Item = &'a (&'static str, &'static str)>,
        options: &FormatOptions,
    ) -> Self {
        Templates {
            sources: sources
                .into_iter()
                .map(|(name, text)| (name.to_string(), Source::new(Cow::Borrowed(*text))))
                .collect(),
            options: options.clone(),
        }
    }

    /// Renders template `name` with `data` into markup text. Takes the data by value: handlebars
    /// would otherwise copy it whole.
    pub fn render(&self, name: &str, data: Value) -> Result<String> {
        let Some(source) = self.sources.get(name) else {
            return Err(Error::new(
                ErrorKind::Template,
                format!("there is no template named `{name}`"),
            ));
        };
        let registry = source
            .registry
            .get_or_init(|| self.registry(name))
            .as_ref()
            .map_err(Failure::to_error)?;
        let context = handlebars::Context::from(data);
        registry.render_with_context(name, &context).map_err(|e| {
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

    /// A registry holding `name` and every partial it reaches (all templates when one of
    /// them names a partial by an expression).
    fn registry(&self, name: &str) -> std::result::Result<Handlebars<'static>, Failure> {
        let mut reached = BTreeSet::from([name.to_string()]);
        let mut queue = vec![name.to_string()];
        while let Some(next) = queue.pop() {
            let Some(source) = self.sources.get(&next) else {
                continue;
            };
            let compiled = source.compiled(&next).map_err(Failure::clone)?;
            let names: Vec<&String> = if compiled.dynamic {
                self.sources.keys().collect()
            } else {
                compiled
                    .partials
                    .iter()
                    .filter(|p| self.sources.contains_key(*p))
                    .collect()
            };
            for partial in names {
                if reached.insert(partial.clone()) {
                    queue.push(partial.clone());
                }
            }
        }
        let mut registry = Handlebars::new();
        registry.set_strict_mode(true);
        registry.set_prevent_indent(true);
        helpers::register(&mut registry, &self.options);
        for name in &reached {
            if let Some(source) = self.sources.get(name) {
                let compiled = source.compiled(name).map_err(Failure::clone)?;
                registry.register_template(name, compiled.template.clone());
            }
        }
        Ok(registry)
    }

    /// The names of the templates compiled so far.
    #[cfg(test)]
    fn compiled_names(&self) -> Vec<&str> {
        self.sources
            .iter()
            .filter(|(_, s)| s.compiled.get().is_some())
            .map(|(n, _)| n.as_str())
            .collect()
    }
}

/// Compiles `text` as the registry would (strict, partials not re-indented).
fn compile(name: &str, text: &str, in_pieces: bool) -> std::result::Result<Compiled, Failure> {
    let template = compile_template(name, text, in_pieces)?;
    let mut partials = BTreeSet::new();
    let mut dynamic = false;
    collect_partials(&template, &mut partials, &mut dynamic);
    Ok(Compiled {
        template,
        partials,
        dynamic,
    })
}

/// The template of `text`: a long one compiled in pieces (see [`chunks`]) when `in_pieces`, to
/// the same template; one with a mistake compiled whole, so that the error is the one
/// handlebars gives.
fn compile_template(
    name: &str,
    text: &str,
    in_pieces: bool,
) -> std::result::Result<Template, Failure> {
    let mut scratch = Handlebars::new();
    scratch.set_prevent_indent(true);
    let cuts = if in_pieces {
        chunks::cuts(text)
    } else {
        Vec::new()
    };
    if !cuts.is_empty() {
        if let Some(template) = chunks::compile(&mut scratch, name, text, &cuts) {
            return Ok(template);
        }
    }
    compile_whole(&mut scratch, name, text)
}

/// The template of `text`, compiled in one piece by `scratch`.
fn compile_whole(
    scratch: &mut Handlebars<'static>,
    name: &str,
    text: &str,
) -> std::result::Result<Template, Failure> {
    scratch.register_template_string(name, text).map_err(|e| {
        let (line, column) = match e.pos() {
            Some((l, c)) => (Some(l), Some(c)),
            None => (None, None),
        };
        Failure {
            template: name.to_string(),
            message: e.reason().to_string(),
            line,
            column,
        }
    })?;
    let template = scratch.get_template(name).cloned().ok_or_else(|| Failure {
        template: name.to_string(),
        message: "handlebars did not keep the compiled template".to_string(),
        line: None,
        column: None,
    })?;
    Ok(template)
}

/// Adds the partials `template` names (in blocks, inverses and inline partials too).
fn collect_partials(template: &Template, names: &mut BTreeSet<String>, dynamic: &mut bool) {
    for element in &template.elements {
        match element {
            TemplateElement::PartialExpression(d) | TemplateElement::PartialBlock(d) => {
                match &d.name {
                    Parameter::Name(n) => {
                        names.insert(n.clone());
                    }
                    Parameter::Path(HbsPath::Relative((_, raw)) | HbsPath::Local((_, _, raw))) => {
                        names.insert(raw.clone());
                    }
                    Parameter::Literal(v) => {
                        names.insert(match v {
                            Value::String(s) => s.clone(),
                            other => other.to_string(),
                        });
                    }
                    // An expression (or a kind of name this crate does not know) may
                    // name any template.
                    _ => *dynamic = true,
                }
                if let Some(t) = &d.template {
                    collect_partials(t, names, dynamic);
                }
            }
            TemplateElement::DecoratorExpression(d) | TemplateElement::DecoratorBlock(d) => {
                if let Some(t) = &d.template {
                    collect_partials(t, names, dynamic);
                }
            }
            TemplateElement::HelperBlock(h) => {
                for t in h.template.iter().chain(&h.inverse) {
                    collect_partials(t, names, dynamic);
                }
            }
            _ => {}
        }
    }
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

#[cfg(test)]
mod tests {
    use super::*;

    /// Every built-in compiled in pieces is the template compiling it whole gives: the same
    /// elements, the same lines and columns (which errors of rendering report).
    #[test]
    fn a_template_compiled_in_pieces_is_the_one_compiled_whole() {
        let mut pieced = 0;
        for (name, text) in builtin() {
            // As a built-in is compiled: without the words of its comments (the test below
            // holds that for the same template as written).
            let text = &chunks::brief_comments(text);
            let mut scratch = Handlebars::new();
            scratch.set_prevent_indent(true);
            let whole = compile_whole(&mut scratch, name, text).unwrap();
            let cuts = chunks::cuts(text);
            if cuts.is_empty() {
                continue;
            }
            pieced += 1;
            let pieces = chunks::compile(&mut scratch, name, text, &cuts)
                .unwrap_or_else(|| panic!("{name}: a piece does not compile"));
            assert_eq!(pieces.elements.len(), whole.elements.len(), "{name}");
            for (i, (a, b)) in pieces.elements.iter().zip(&whole.elements).enumerate() {
                assert_eq!(a, b, "{name}: element {i}");
            }
            assert_eq!(pieces, whole, "{name}");
        }
        // The long ones at least: the script, the minutes, the election rules.
        assert!(pieced >= 3, "{pieced} templates were cut");
    }

    /// A built-in compiled without the words of its comments is the template as written, line
    /// for line, but for those words.
    #[test]
    fn a_template_without_its_comments_words_renders_the_same() {
        let mut briefer = 0;
        for (name, text) in builtin() {
            let brief = chunks::brief_comments(text);
            if brief.len() < text.len() {
                briefer += 1;
            }
            let mut scratch = Handlebars::new();
            scratch.set_prevent_indent(true);
            let mut written = compile_whole(&mut scratch, name, text).unwrap();
            let mut compiled = compile_whole(&mut scratch, name, &brief).unwrap();
            for t in [&mut written, &mut compiled] {
                chunks::each_template(t, &mut |t| {
                    for e in &mut t.elements {
                        if let TemplateElement::Comment(words) = e {
                            words.retain(|c| c == '\n');
                        }
                    }
                });
            }
            assert_eq!(compiled, written, "{name}");
        }
        assert!(briefer > 30, "only {briefer} built-ins have comments");
        // Only the words go: a comment's line breaks, and what stands after it, stay.
        let text = "{{!-- one\n two --}}<p>{{x}}</p>{{!----}}\n{{!-- --}}";
        assert_eq!(chunks::brief_comments(text), "{{!--\n--}}<p>{{x}}</p>{{!----}}\n{{!----}}");
        // A `{{!--` inside another tag or a short comment is not a comment's start.
        let text = "{{x \"{{!--\"}} a --}}{{! b {{!-- }}<p>{{y}}</p>{{!-- z --}}";
        assert_eq!(
            chunks::brief_comments(text),
            "{{x \"{{!--\"}} a --}}{{! b {{!-- }}<p>{{y}}</p>{{!----}}"
        );
        // Not where a comment may be text, or is not closed.
        for text in [
            "{{{{raw}}}}{{!-- x --}}{{{{/raw}}}}",
            "\\{{!-- x --}}",
            "{{!-- x",
            "<p>{{x}}</p>{{y",
        ] {
            assert_eq!(chunks::brief_comments(text), text);
        }
    }

    /// A partial said inside a sentence ends where its words end: its file ends without a line
    /// break, which would print as a space before the caller's punctuation ("đó ;").
    #[test]
    fn the_strike_out_rule_ends_where_its_words_end() {
        let (_, text) = builtin().find(|(n, _)| *n == "strike-out").unwrap();
        let mut h = Handlebars::new();
        h.set_prevent_indent(true);
        h.register_partial("strike-out", *text).unwrap();
        let said = h.render_template("[{{> strike-out null}};]", &()).unwrap();
        assert_eq!(
            said,
            "[Không bầu đồng chí nào thì gạch cả họ và tên đồng chí đó;]"
        );
    }

    /// A mistake in a long template is reported as compiling it whole reports it.
    #[test]
    fn a_mistake_in_a_long_template_is_reported_where_it_is() {
        let mut text = "<p>{{x}}</p>\n".repeat(600);
        text.push_str("{{#if x}}\n<p>open</p>\n");
        text.push_str(&"<p>{{y}}</p>\n".repeat(10));
        let failure = compile_template("long", &text, true).err().unwrap();
        let mut scratch = Handlebars::new();
        scratch.set_prevent_indent(true);
        let whole = compile_whole(&mut scratch, "long", &text).err().unwrap();
        assert_eq!((failure.line, failure.column), (whole.line, whole.column));
        assert_eq!(failure.message, whole.message);
    }
    use serde_json::json;

    fn templates(sources: &[(&'static str, &'static str)]) -> Templates {
        Templates::from_sources(sources, &FormatOptions::default())
    }

    #[test]
    fn nothing_is_compiled_until_a_template_is_rendered() {
        let t = Templates::new(None, &FormatOptions::default()).unwrap();
        assert!(t.compiled_names().is_empty());
    }

    #[test]
    fn rendering_compiles_the_template_and_the_partials_it_reaches_only() {
        let t = templates(&[
            (
                "letter",
                "{{> head}}[{{x}}]{{#if x}}{{> foot}}{{else}}{{> never}}{{/if}}",
            ),
            ("head", "<{{> inner}}>"),
            ("inner", "i"),
            ("foot", "f"),
            ("never", "n"),
            ("other", "o {{> head}}"),
        ]);
        assert_eq!(t.render("letter", json!({"x": 1})).unwrap(), "<i>[1]f");
        // `never` is named (in the inverse) so it is compiled; `other` is not reached.
        assert_eq!(
            t.compiled_names(),
            ["foot", "head", "inner", "letter", "never"]
        );
        assert_eq!(t.render("other", json!({})).unwrap(), "o <i>");
        assert_eq!(t.compiled_names().len(), 6);
    }

    #[test]
    fn a_partial_named_by_an_expression_finds_any_template() {
        let t = templates(&[("doc", r#"{{> (concat "pa" "rt")}}"#), ("part", "found")]);
        assert_eq!(t.render("doc", json!({})).unwrap(), "found");
    }

    #[test]
    fn recursive_partials_compile_once_and_render() {
        let t = templates(&[
            ("tree", "({{name}}{{#each kids}}{{> tree}}{{/each}})"),
            ("doc", "{{> tree root}}"),
        ]);
        let data = json!({"root": {"name": "a", "kids": [{"name": "b", "kids": []}]}});
        assert_eq!(t.render("doc", data).unwrap(), "(a(b))");
    }

    #[test]
    fn a_template_that_does_not_compile_names_itself_with_line_and_column() {
        let t = templates(&[
            ("doc", "ok {{> broken}}"),
            ("broken", "line one\nline {{#if x}} two"),
        ]);
        for _ in 0..2 {
            let err = t.render("doc", json!({"x": true})).unwrap_err();
            assert_eq!(err.kind(), ErrorKind::Template);
            let location = err.location().unwrap();
            assert_eq!(location.template, "broken");
            assert_eq!(location.line, Some(2));
            assert!(location.column.is_some());
            assert!(err.to_string().contains("does not compile"), "{err}");
        }
    }

    #[test]
    fn an_unknown_template_is_an_error() {
        let err = templates(&[]).render("nope", json!({})).unwrap_err();
        assert!(
            err.to_string().contains("no template named `nope`"),
            "{err}"
        );
    }

    #[test]
    fn override_files_replace_built_ins_and_are_checked_when_built() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir(dir.path().join("partials")).unwrap();
        std::fs::write(dir.path().join("partials/title.hbs"), "{{name}}!").unwrap();
        let t = Templates::new(Some(dir.path()), &FormatOptions::default()).unwrap();
        assert_eq!(t.compiled_names(), ["title"]);
        assert_eq!(
            t.render("title", json!({"name": "GIẤY MỜI"})).unwrap(),
            "GIẤY MỜI!"
        );

        std::fs::write(dir.path().join("summons.hbs"), "a\nb {{/if}}").unwrap();
        let err = Templates::new(Some(dir.path()), &FormatOptions::default()).unwrap_err();
        let location = err.location().unwrap();
        assert_eq!(
            (location.template.as_str(), location.line),
            ("summons", Some(2))
        );
    }

    #[test]
    fn concurrent_first_renders_give_the_same_text() {
        let t = Templates::new(None, &FormatOptions::default()).unwrap();
        let data = json!({"name": "GIẤY MỜI", "summary": "x"});
        let outputs: Vec<String> = std::thread::scope(|s| {
            let handles: Vec<_> = (0..8)
                .map(|_| s.spawn(|| t.render("title", data.clone()).unwrap()))
                .collect();
            handles.into_iter().map(|h| h.join().unwrap()).collect()
        });
        assert!(outputs.windows(2).all(|w| w[0] == w[1]));
        assert!(outputs[0].contains("GIẤY MỜI"));
    }
}
