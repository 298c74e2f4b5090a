//! The one public error type, and the diagnostics that data validation collects.
//!
//! Messages are lowercase, without a trailing period, and say what was expected, what was found
//! and where: the document, the field path (`guests[3].name`), the template with line and column.

use std::fmt;

/// What went wrong, broadly. More kinds may be added.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum ErrorKind {
    /// The input text is not valid JSON, or does not have the expected shape.
    Json,
    /// The data is well formed but breaks a rule (see [`Error::diagnostics`]).
    InvalidData,
    /// A template failed to compile or to render.
    Template,
    /// A template produced markup that is not valid.
    Markup,
    /// A character in the text is not in the bundled font.
    MissingGlyph,
    /// A font could not be read.
    Font,
    /// The DOCX writer failed.
    Docx,
    /// The PDF writer failed.
    Pdf,
    /// Reading or writing a file failed.
    Io,
    /// A tally's counts are inconsistent or the rules forbid the outcome.
    Tally,
}

/// One problem found in the data, with the path of the field that has it.
#[derive(Debug, Clone, PartialEq, Eq, Hash, serde::Serialize)]
pub struct Diagnostic {
    /// Path of the field, e.g. `guests[2].name`.
    pub path: String,
    /// What is wrong, lowercase, no trailing period.
    pub message: String,
}

impl Diagnostic {
    /// A problem at `path`.
    pub fn new(path: impl Into<String>, message: impl Into<String>) -> Self {
        Diagnostic {
            path: path.into(),
            message: message.into(),
        }
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.path.is_empty() {
            write!(f, "{}", self.message)
        } else {
            write!(f, "{}: {}", self.path, self.message)
        }
    }
}

/// Where in a template a problem is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Location {
    /// Template name, e.g. `invitation` or `partials/header`.
    pub template: String,
    /// 1-based line, if known.
    pub line: Option<usize>,
    /// 1-based column, if known.
    pub column: Option<usize>,
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.template)?;
        if let Some(line) = self.line {
            write!(f, ":{line}")?;
            if let Some(col) = self.column {
                write!(f, ":{col}")?;
            }
        }
        Ok(())
    }
}

/// The error of every fallible operation in this crate.
///
/// `Display` gives one line (plus one line per diagnostic); the alternate form `{:#}` adds the
/// hint.
pub struct Error {
    inner: Box<Inner>,
}

struct Inner {
    kind: ErrorKind,
    message: String,
    document: Option<String>,
    path: Option<String>,
    location: Option<Location>,
    hint: Option<String>,
    diagnostics: Vec<Diagnostic>,
    source: Option<Box<dyn std::error::Error + Send + Sync + 'static>>,
}

impl Error {
    /// A new error of `kind` with a message.
    pub fn new(kind: ErrorKind, message: impl Into<String>) -> Self {
        Error {
            inner: Box::new(Inner {
                kind,
                message: message.into(),
                document: None,
                path: None,
                location: None,
                hint: None,
                diagnostics: Vec::new(),
                source: None,
            }),
        }
    }

    /// An [`ErrorKind::InvalidData`] error carrying every problem found.
    pub fn invalid(document: &str, diagnostics: Vec<Diagnostic>) -> Self {
        let n = diagnostics.len();
        let message = if n == 1 {
            "1 problem in the data".to_string()
        } else {
            format!("{n} problems in the data")
        };
        let mut err = Error::new(ErrorKind::InvalidData, message).with_document(document);
        err.inner.diagnostics = diagnostics;
        err
    }

    /// Names the document (kind, recipient) the error belongs to.
    pub fn with_document(mut self, document: impl Into<String>) -> Self {
        if self.inner.document.is_none() {
            self.inner.document = Some(document.into());
        }
        self
    }

    /// Names the field the error is about.
    pub fn with_path(mut self, path: impl Into<String>) -> Self {
        self.inner.path = Some(path.into());
        self
    }

    /// Names the template position the error is about.
    pub fn with_location(mut self, location: Location) -> Self {
        self.inner.location = Some(location);
        self
    }

    /// Adds a hint on how to fix the input.
    pub fn with_hint(mut self, hint: impl Into<String>) -> Self {
        self.inner.hint = Some(hint.into());
        self
    }

    /// Keeps the underlying error as the source.
    pub fn with_source(mut self, source: impl std::error::Error + Send + Sync + 'static) -> Self {
        self.inner.source = Some(Box::new(source));
        self
    }

    /// The kind of error.
    pub fn kind(&self) -> ErrorKind {
        self.inner.kind
    }

    /// The message, without context.
    pub fn message(&self) -> &str {
        &self.inner.message
    }

    /// The document the error belongs to, if known.
    pub fn document(&self) -> Option<&str> {
        self.inner.document.as_deref()
    }

    /// The field path the error is about, if known.
    pub fn path(&self) -> Option<&str> {
        self.inner.path.as_deref()
    }

    /// The template position, if the error comes from a template.
    pub fn location(&self) -> Option<&Location> {
        self.inner.location.as_ref()
    }

    /// The hint, if any.
    pub fn hint(&self) -> Option<&str> {
        self.inner.hint.as_deref()
    }

    /// Every problem found, for [`ErrorKind::InvalidData`].
    pub fn diagnostics(&self) -> &[Diagnostic] {
        &self.inner.diagnostics
    }
}

impl fmt::Debug for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Error({:?}): {:#}", self.inner.kind, self)
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let inner = &self.inner;
        if let Some(doc) = &inner.document {
            write!(f, "{doc}: ")?;
        }
        if let Some(path) = &inner.path {
            write!(f, "{path}: ")?;
        }
        write!(f, "{}", inner.message)?;
        if let Some(loc) = &inner.location {
            write!(f, " (at {loc})")?;
        }
        for d in &inner.diagnostics {
            write!(f, "\n  - {d}")?;
        }
        if f.alternate() {
            if let Some(hint) = &inner.hint {
                write!(f, "\n  hint: {hint}")?;
            }
        }
        Ok(())
    }
}

impl std::error::Error for Error {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        self.inner
            .source
            .as_ref()
            .map(|s| s.as_ref() as &(dyn std::error::Error + 'static))
    }
}

/// `Result` with this crate's [`Error`].
pub type Result<T, E = Error> = std::result::Result<T, E>;
