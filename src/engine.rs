//! The engine: fonts parsed and templates compiled once, then documents rendered — alone, or a
//! batch in parallel.

use std::path::PathBuf;

use rayon::prelude::*;
use serde_json::Value;

use crate::error::{Diagnostic, Error, ErrorKind, Result};
use crate::font::FontSet;
use crate::markup::{self, tree, ResolveContext, StyleSheet};
use crate::model::{Congress, DocMeta, Document, DocumentKind};
use crate::template::{self, FormatOptions, Templates};

/// An output format.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Format {
    /// Office Open XML (Word).
    Docx,
    /// PDF with the bundled font embedded.
    Pdf,
}

impl Format {
    /// The file extension: `docx`, `pdf`.
    pub fn extension(self) -> &'static str {
        match self {
            Format::Docx => "docx",
            Format::Pdf => "pdf",
        }
    }

    /// Parses `docx` or `pdf`.
    pub fn from_name(name: &str) -> Option<Format> {
        match name.trim().to_ascii_lowercase().as_str() {
            "docx" => Some(Format::Docx),
            "pdf" => Some(Format::Pdf),
            _ => None,
        }
    }
}

impl std::fmt::Display for Format {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.extension())
    }
}

/// A rendered file.
#[derive(Debug, Clone)]
pub struct Rendered {
    /// The format of `bytes`.
    pub format: Format,
    /// The file's bytes.
    pub bytes: Vec<u8>,
    /// Pages, where the format knows them (PDF).
    pub pages: Option<usize>,
    /// Findings that did not stop the rendering (a word broken to fit, a glyph Word may lack).
    pub warnings: Vec<Diagnostic>,
}

/// Builds an [`Engine`] with non-default templates, styles or formatting choices.
#[derive(Debug, Clone, Default)]
pub struct EngineBuilder {
    template_dir: Option<PathBuf>,
    styles: Option<StyleSheet>,
    format: FormatOptions,
}

impl EngineBuilder {
    /// Templates in `dir` (`NAME.hbs`, `partials/NAME.hbs`) replace the built-ins of the same
    /// name; the others stay.
    pub fn template_dir(mut self, dir: impl Into<PathBuf>) -> Self {
        self.template_dir = Some(dir.into());
        self
    }

    /// Replaces the style sheet (page setup and named styles).
    pub fn styles(mut self, styles: StyleSheet) -> Self {
        self.styles = Some(styles);
        self
    }

    /// Replaces the formatting choices ("Số:" with a colon, plain times, number words).
    pub fn format_options(mut self, options: FormatOptions) -> Self {
        self.format = options;
        self
    }

    /// Parses the fonts and reads (and compiles) the override templates; the built-in
    /// templates are compiled when first rendered.
    pub fn build(self) -> Result<Engine> {
        let fonts = FontSet::bundled()?;
        Ok(Engine {
            templates: Templates::new(self.template_dir.as_deref(), &self.format)?,
            pdf: crate::pdf::PdfWriter::new(&fonts)?,
            fonts,
            styles: self.styles.unwrap_or_default(),
        })
    }
}

/// Renders documents. Build once, render many: it is `Send + Sync` and renders concurrently.
#[derive(Debug)]
pub struct Engine {
    templates: Templates,
    fonts: FontSet,
    styles: StyleSheet,
    pdf: crate::pdf::PdfWriter,
}

/// One document of a batch: whom it is for and what came of it.
#[derive(Debug)]
pub struct BatchItem {
    /// Position in the input list (e.g. the guest's index).
    pub index: usize,
    /// Whom the document is for.
    pub recipient: String,
    /// A safe file name without extension.
    pub file_stem: String,
    /// The files, one per format asked for, or why this one failed.
    pub result: Result<Vec<Rendered>>,
}

impl Engine {
    /// An engine with the built-in templates, the Party's styles and the bundled font.
    pub fn new() -> Result<Engine> {
        EngineBuilder::default().build()
    }

    /// A builder for non-default templates or styles.
    pub fn builder() -> EngineBuilder {
        EngineBuilder::default()
    }

    /// The bundled font's metrics.
    pub fn fonts(&self) -> &FontSet {
        &self.fonts
    }

    /// Renders `doc` as `format`.
    pub fn render<D: Document>(&self, doc: &D, format: Format) -> Result<Rendered> {
        let (tree, mut warnings) = self.prepare_tree(doc, format == Format::Pdf)?;
        let label = document_label(&doc.meta());
        self.export(&tree, format, &mut warnings)
            .map_err(|e| e.with_document(label))
    }

    /// Renders `doc` once into the tree and exports it in each format.
    pub fn render_formats<D: Document>(
        &self,
        doc: &D,
        formats: &[Format],
    ) -> Result<Vec<Rendered>> {
        let (tree, warnings) = self.prepare_tree(doc, formats.contains(&Format::Pdf))?;
        let label = document_label(&doc.meta());
        formats
            .iter()
            .map(|f| {
                let mut w = warnings.clone();
                self.export(&tree, *f, &mut w)
                    .map_err(|e| e.with_document(label.clone()))
            })
            .collect()
    }

    /// Writes an already resolved tree (from [`Engine::render_tree`]) as `format`.
    pub fn export_tree(&self, tree: &tree::Document, format: Format) -> Result<Rendered> {
        self.export(tree, format, &mut Vec::new())
    }

    fn export(
        &self,
        tree: &tree::Document,
        format: Format,
        warnings: &mut Vec<Diagnostic>,
    ) -> Result<Rendered> {
        match format {
            Format::Docx => Ok(Rendered {
                format,
                bytes: crate::docx::export(tree)?,
                pages: None,
                warnings: std::mem::take(warnings),
            }),
            Format::Pdf => {
                let out = self.pdf.export_with(tree)?;
                warnings.extend(out.warnings.into_iter().map(|w| Diagnostic::new("", w)));
                Ok(Rendered {
                    format,
                    bytes: out.bytes,
                    pages: Some(out.pages),
                    warnings: std::mem::take(warnings),
                })
            }
        }
    }

    /// The markup the template produces for `doc` (for debugging templates).
    pub fn render_markup<D: Document>(&self, doc: &D) -> Result<String> {
        let meta = doc.meta();
        let value = self.data(doc, &meta, false)?.0;
        self.templates
            .render(meta.kind.name(), value)
            .map_err(|e| e.with_document(document_label(&meta)))
    }

    /// The resolved tree of `doc` (what both backends translate).
    pub fn render_tree<D: Document>(&self, doc: &D) -> Result<tree::Document> {
        self.prepare_tree(doc, true).map(|(t, _)| t)
    }

    fn prepare_tree<D: Document>(
        &self,
        doc: &D,
        strict_glyphs: bool,
    ) -> Result<(tree::Document, Vec<Diagnostic>)> {
        let meta = doc.meta();
        let label = document_label(&meta);
        let (value, warnings) = self.data(doc, &meta, strict_glyphs)?;
        let markup = self
            .templates
            .render(meta.kind.name(), value)
            .map_err(|e| e.with_document(label.clone()))?;
        let ctx = ResolveContext {
            styles: &self.styles,
            fonts: &self.fonts,
            template: meta.kind.name(),
        };
        let tree_meta = tree::Meta {
            kind: meta.kind.name().to_string(),
            title: meta.title.clone(),
            subject: meta.subject.clone(),
            author: meta.author.clone(),
            language: "vi-VN".to_string(),
            created: meta.created.clone(),
            id: meta.id.clone(),
        };
        let tree = markup::resolve(&markup, &ctx, tree_meta).map_err(|e| e.with_document(label))?;
        Ok((tree, warnings))
    }

    /// Validates `doc` and prepares its data for the template: every problem at once.
    fn data<D: Document>(
        &self,
        doc: &D,
        meta: &DocMeta,
        strict_glyphs: bool,
    ) -> Result<(Value, Vec<Diagnostic>)> {
        let label = document_label(meta);
        let mut problems = doc.validate();
        let mut value = match doc.context() {
            Ok(v) => v,
            // A context that cannot be computed (inconsistent counts) is reported together
            // with the other problems of the document.
            // (validation usually found the same problems already).
            Err(e) if !problems.is_empty() || !e.diagnostics().is_empty() => {
                if problems.is_empty() {
                    problems.extend(e.diagnostics().iter().cloned());
                }
                return Err(Error::invalid(&label, problems));
            }
            Err(e) => return Err(e.with_document(label.clone())),
        };
        problems.extend(template::prepare(&mut value));
        let mut warnings = Vec::new();
        let glyphs = missing_glyphs(&mut value, &self.fonts);
        if strict_glyphs {
            problems.extend(glyphs);
        } else {
            warnings.extend(glyphs.into_iter().map(|mut d| {
                d.message
                    .push_str(" (the DOCX may still show it if Word's font has it)");
                d
            }));
        }
        if !problems.is_empty() {
            problems.dedup();
            return Err(Error::invalid(&label, problems));
        }
        Ok((value, warnings))
    }

    /// One invitation per guest of `congress`, rendered in parallel in each of `formats`.
    ///
    /// A problem of the congress itself (outside `guests`) fails the whole batch; a problem of
    /// one guest fails only that guest's item, and the others are still produced.
    pub fn render_invitations(
        &self,
        congress: &Congress,
        formats: &[Format],
    ) -> Result<Vec<BatchItem>> {
        self.render_kind(congress, DocumentKind::Invitation, formats)
    }

    /// Every document of `kind` that `congress` produces (see [`Congress::documents`]),
    /// rendered in parallel in each of `formats`.
    ///
    /// Problems of the congress that concern no single document fail the whole call; a problem
    /// of one guest (or one document) fails only that item, and the others are still produced.
    pub fn render_kind(
        &self,
        congress: &Congress,
        kind: DocumentKind,
        formats: &[Format],
    ) -> Result<Vec<BatchItem>> {
        let mut per_guest: Vec<Vec<Diagnostic>> = vec![Vec::new(); congress.guests.len()];
        let mut general = Vec::new();
        for d in congress.validate() {
            match guest_index(&d.path) {
                Some(i) if i < per_guest.len() => per_guest[i].push(d),
                // Election problems belong to the ballots and minutes, which report them.
                _ if d.path.starts_with("elections[") => {}
                _ => general.push(d),
            }
        }
        if !general.is_empty() {
            return Err(Error::invalid("congress", general));
        }
        let docs = congress.documents(kind)?;
        Ok(docs
            .into_par_iter()
            .enumerate()
            .map(|(i, doc)| {
                let meta = doc.meta();
                let guest_problems = match kind {
                    DocumentKind::Invitation => per_guest.get(i).cloned().unwrap_or_default(),
                    _ => Vec::new(),
                };
                let result = if guest_problems.is_empty() {
                    self.render_formats(&doc, formats)
                } else {
                    Err(Error::invalid(&document_label(&meta), guest_problems))
                };
                BatchItem {
                    index: i,
                    recipient: meta.recipient.clone().unwrap_or_else(|| meta.title.clone()),
                    file_stem: meta.file_stem,
                    result,
                }
            })
            .collect())
    }
}

fn guest_index(path: &str) -> Option<usize> {
    let rest = path.strip_prefix("guests[")?;
    let end = rest.find(']')?;
    rest[..end].parse().ok()
}

/// "invitation for Đinh Thị Lan Duyên" / "summons".
pub(crate) fn document_label(meta: &DocMeta) -> String {
    match &meta.recipient {
        Some(r) => format!("{} for {r}", meta.kind.name()),
        None => meta.kind.name().to_string(),
    }
}

/// Reports every string field holding a character the bundled font cannot print.
fn missing_glyphs(value: &mut Value, fonts: &FontSet) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    template::for_each_string(value, &mut |path, s| {
        // Control characters are reported by `template::prepare`, not as glyphs.
        if let Some(c) = fonts.first_missing(s).filter(|c| !c.is_control()) {
            out.push(Diagnostic::new(
                path,
                format!(
                    "contains '{c}' (U+{:04X}), which the bundled font (Liberation Serif) \
                     cannot print",
                    c as u32
                ),
            ));
        }
    });
    out
}

/// Reads a congress from JSON text. Errors name the field (`guests[3].name.ten`).
///
/// A person who plays several parts (a candidate who is also in the presidium and presents a
/// report) can be written once, in a top-level `people` object, and referred to as `"@key"`
/// wherever a name goes (`"name": "@vinh"`, a counting team's `"head"` and `"members"`): the
/// name then comes from one place and cannot differ between documents.
pub fn load_congress(text: &str) -> Result<Congress> {
    load_json_with(text, crate::model::resolve_people)
}

/// Reads any serde type from JSON, with field paths in the errors and NFC-normalised strings.
pub fn load_json<T: serde::de::DeserializeOwned>(text: &str) -> Result<T> {
    load_json_with(text, |_| Ok(()))
}

fn load_json_with<T: serde::de::DeserializeOwned>(
    text: &str,
    prepare: impl FnOnce(&mut Value) -> Result<()>,
) -> Result<T> {
    let mut value: Value = serde_json::from_str(text).map_err(|e| {
        Error::new(
            ErrorKind::Json,
            format!(
                "not valid JSON: {} (line {}, column {})",
                strip_position(&e.to_string()),
                e.line(),
                e.column()
            ),
        )
    })?;
    // NFC and line-break folding here; control characters are left for validation to report
    // against the document that contains them, so one bad guest does not stop the others.
    template::for_each_string(&mut value, &mut |_, s| {
        if let Some(clean) = template::clean_text(s, "", &mut Vec::new()) {
            *s = clean;
        } else if !crate::vi::is_nfc(s) {
            *s = crate::vi::nfc(s);
        }
    });
    prepare(&mut value)?;
    serde_path_to_error::deserialize(value).map_err(|e| {
        let path = e.path().to_string();
        let inner = e.into_inner();
        if path.is_empty() || path == "." {
            Error::new(
                ErrorKind::Json,
                format!("{inner} at the top level of the file"),
            )
        } else {
            let err = Error::new(ErrorKind::Json, inner.to_string());
            err.with_path(path)
        }
    })
}

fn strip_position(msg: &str) -> &str {
    match msg.find(" at line ") {
        Some(i) => &msg[..i],
        None => msg,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn engine_is_send_and_sync() {
        fn assert_send_sync<T: Send + Sync>() {}
        assert_send_sync::<Engine>();
    }
}
