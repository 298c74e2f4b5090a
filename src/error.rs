//! The one public error type, and the diagnostics that data validation collects — the ground
//! floor of the crate: it imports nothing else of it.
//!
//! Messages are lowercase, without a trailing period, and say what was expected, what was found
//! and where: the document, the field path (`guests[3].name`), the template with line and column.
//! A field path is structured ([`Path`]): its indices are positions in the user's file, and code
//! that routes a problem to a document reads its segments, never its text.

use std::borrow::Cow;
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

/// One step of a [`Path`]: a field name or a position in a list.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Segment {
    /// A field: `guests`, `name`.
    Field(Cow<'static, str>),
    /// A position in a list, from 0, as in the user's file: `[3]`.
    Index(usize),
}

/// Where a problem is: `guests[2].name.ten`, as a list of segments.
///
/// Written by our code from constant field names and list positions; the indices are positions
/// in the user's file (a candidate is named by their place in the file, not on the sorted
/// ballot).
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Path(Vec<Segment>);

impl Path {
    /// The empty path (the whole input).
    pub fn root() -> Path {
        Path(Vec::new())
    }

    /// The segments, outermost first.
    pub fn segments(&self) -> &[Segment] {
        &self.0
    }

    /// Whether the path is empty.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// This path followed by a field.
    pub fn field(mut self, name: impl Into<Cow<'static, str>>) -> Path {
        self.0.push(Segment::Field(name.into()));
        self
    }

    /// This path followed by a list position.
    pub fn index(mut self, i: usize) -> Path {
        self.0.push(Segment::Index(i));
        self
    }

    /// Goes one segment deeper, in place (a walker's path).
    pub(crate) fn push(&mut self, segment: Segment) {
        self.0.push(segment);
    }

    /// Comes back up one segment, in place.
    pub(crate) fn pop(&mut self) {
        self.0.pop();
    }

    /// This path followed by `other`.
    pub fn join(mut self, other: &Path) -> Path {
        self.0.extend(other.0.iter().cloned());
        self
    }

    /// Appends `other`'s segments in place.
    pub(crate) fn push_path(&mut self, other: Path) {
        self.0.extend(other.0);
    }

    /// Keeps the first `depth` segments (undoes [`Path::push_path`]).
    pub(crate) fn truncate(&mut self, depth: usize) {
        self.0.truncate(depth);
    }

    /// The position after field `name` when the path starts with `name[i]`: `Some(3)` for
    /// `guests[3].name` and `"guests"`.
    pub fn index_after(&self, name: &str) -> Option<usize> {
        match self.0.as_slice() {
            [Segment::Field(f), Segment::Index(i), ..] if f == name => Some(*i),
            _ => None,
        }
    }

    /// Whether this path is `prefix` or lies under it.
    pub fn starts_with(&self, prefix: &Path) -> bool {
        self.0.starts_with(&prefix.0)
    }

    /// The path without its last segment (the list an item is in).
    pub fn parent(&self) -> Path {
        Path(self.0[..self.0.len().saturating_sub(1)].to_vec())
    }

    /// The first field name, if the path starts with one.
    pub fn head(&self) -> Option<&str> {
        match self.0.first() {
            Some(Segment::Field(f)) => Some(f),
            _ => None,
        }
    }

    /// Replaces the index that follows field `name` anywhere in the path (used to turn a
    /// position on a sorted list back into the position in the file).
    pub fn map_index_after(mut self, name: &str, f: impl Fn(usize) -> usize) -> Path {
        for k in 1..self.0.len() {
            let is_name = matches!(&self.0[k - 1], Segment::Field(n) if n == name);
            if let (true, Segment::Index(i)) = (is_name, &mut self.0[k]) {
                *i = f(*i);
            }
        }
        self
    }

    /// Parses a dotted path written by this crate (`rounds[0].candidates[2].votes`).
    fn parse(text: &str) -> Path {
        let mut out = Vec::new();
        for part in text.split('.').filter(|p| !p.is_empty()) {
            let mut rest = part;
            if let Some(open) = rest.find('[') {
                if open > 0 {
                    out.push(Segment::Field(Cow::Owned(rest[..open].to_string())));
                }
                rest = &rest[open..];
                while let Some(stripped) = rest.strip_prefix('[') {
                    let Some(close) = stripped.find(']') else {
                        out.push(Segment::Field(Cow::Owned(rest.to_string())));
                        rest = "";
                        break;
                    };
                    match stripped[..close].parse() {
                        Ok(i) => out.push(Segment::Index(i)),
                        Err(_) => out.push(Segment::Field(Cow::Owned(stripped[..close].into()))),
                    }
                    rest = &stripped[close + 1..];
                }
                if !rest.is_empty() {
                    out.push(Segment::Field(Cow::Owned(rest.to_string())));
                }
            } else {
                out.push(Segment::Field(Cow::Owned(rest.to_string())));
            }
        }
        Path(out)
    }
}

impl fmt::Display for Path {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (k, s) in self.0.iter().enumerate() {
            match s {
                Segment::Field(name) if k == 0 => f.write_str(name)?,
                Segment::Field(name) => write!(f, ".{name}")?,
                Segment::Index(i) => write!(f, "[{i}]")?,
            }
        }
        Ok(())
    }
}

impl From<&str> for Path {
    fn from(text: &str) -> Path {
        Path::parse(text)
    }
}

impl From<String> for Path {
    fn from(text: String) -> Path {
        Path::parse(&text)
    }
}

impl From<&String> for Path {
    fn from(text: &String) -> Path {
        Path::parse(text)
    }
}

impl PartialEq<str> for Path {
    fn eq(&self, other: &str) -> bool {
        *self == Path::parse(other)
    }
}

impl PartialEq<&str> for Path {
    fn eq(&self, other: &&str) -> bool {
        *self == Path::parse(other)
    }
}

impl serde::Serialize for Path {
    fn serialize<S: serde::Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

/// One problem found in the data, with the path of the field that has it.
#[derive(Debug, Clone, PartialEq, Eq, Hash, serde::Serialize)]
pub struct Diagnostic {
    /// Path of the field, e.g. `guests[2].name`; positions are those of the user's file.
    pub path: Path,
    /// What is wrong, lowercase, no trailing period.
    pub message: String,
}

impl Diagnostic {
    /// A problem at `path`.
    pub fn new(path: impl Into<Path>, message: impl Into<String>) -> Self {
        Diagnostic {
            path: path.into(),
            message: message.into(),
        }
    }

    /// The same problem under `prefix` (`rounds[1]` + `ballots.valid`).
    pub fn under(mut self, prefix: &Path) -> Self {
        self.path = prefix.clone().join(&self.path);
        self
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

type Source = Box<dyn std::error::Error + Send + Sync + 'static>;

/// The error of every fallible operation in this crate.
///
/// `Display` gives one line — the paper or file, the field, the message, the underlying cause
/// after a colon, the template position — then one line per diagnostic and the hint. The
/// underlying error (a JSON parser's, the file system's, a template engine's) is kept as
/// [`std::error::Error::source`].
#[derive(thiserror::Error)]
#[error("{}", describe(.context, .source))]
pub struct Error {
    context: Box<Context>,
    #[source]
    source: Option<Source>,
}

struct Context {
    kind: ErrorKind,
    message: String,
    file: Option<String>,
    document: Option<String>,
    path: Option<Path>,
    location: Option<Location>,
    hint: Option<String>,
    diagnostics: Vec<Diagnostic>,
    /// The line in the user's file of `path`, and of each of `diagnostics` (set by
    /// [`Error::with_lines`]).
    lines: Option<(Option<usize>, Vec<Option<usize>>)>,
}

impl Error {
    /// A new error of `kind` with a message.
    pub fn new(kind: ErrorKind, message: impl Into<String>) -> Self {
        Error {
            context: Box::new(Context {
                kind,
                message: message.into(),
                file: None,
                document: None,
                path: None,
                location: None,
                hint: None,
                diagnostics: Vec::new(),
                lines: None,
            }),
            source: None,
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
        err.context.diagnostics = diagnostics;
        err
    }

    /// An [`ErrorKind::InvalidData`] error about the input as a whole (the congress file, an
    /// election file): every problem found, each naming its field; the caller names the file
    /// with [`Error::with_document`].
    pub fn problems(diagnostics: Vec<Diagnostic>) -> Self {
        let mut err = Error::invalid("", diagnostics);
        err.context.document = None;
        err
    }

    /// [`Error::problems`] of the input's shape (fields of the wrong type, misspelt, out of
    /// range), of kind [`ErrorKind::Json`].
    pub(crate) fn shape_problems(diagnostics: Vec<Diagnostic>) -> Self {
        let mut err = Error::problems(diagnostics);
        err.context.kind = ErrorKind::Json;
        err
    }

    /// Names the document (kind, recipient) or file the error belongs to, unless one is named.
    pub fn with_document(mut self, document: impl Into<String>) -> Self {
        if self.context.document.is_none() {
            self.context.document = Some(document.into());
        }
        self
    }

    /// Names the file the error came from (`bach-mai.json`), written before everything else:
    /// `bach-mai.json: invitation for …: guests[1].name: …`.
    pub fn in_file(mut self, file: impl Into<String>) -> Self {
        self.context.file = Some(file.into());
        self
    }

    /// The file the error came from, if named.
    pub fn file(&self) -> Option<&str> {
        self.context.file.as_deref()
    }

    /// Names the field the error is about.
    pub fn with_path(mut self, path: impl Into<Path>) -> Self {
        self.context.path = Some(path.into());
        self
    }

    /// Names the template position the error is about.
    pub fn with_location(mut self, location: Location) -> Self {
        self.context.location = Some(location);
        self
    }

    /// Adds a hint on how to fix the input.
    pub fn with_hint(mut self, hint: impl Into<String>) -> Self {
        self.context.hint = Some(hint.into());
        self
    }

    /// Keeps the underlying error as the source.
    pub fn with_source(mut self, source: impl std::error::Error + Send + Sync + 'static) -> Self {
        self.source = Some(Box::new(source));
        self
    }

    /// The kind of error.
    pub fn kind(&self) -> ErrorKind {
        self.context.kind
    }

    /// The message, without context.
    pub fn message(&self) -> &str {
        &self.context.message
    }

    /// The document the error belongs to, if known.
    pub fn document(&self) -> Option<&str> {
        self.context.document.as_deref()
    }

    /// The field path the error is about, if known.
    pub fn path(&self) -> Option<&Path> {
        self.context.path.as_ref()
    }

    /// The template position, if the error comes from a template.
    pub fn location(&self) -> Option<&Location> {
        self.context.location.as_ref()
    }

    /// The hint, if any.
    pub fn hint(&self) -> Option<&str> {
        self.context.hint.as_deref()
    }

    /// Every problem found, for [`ErrorKind::InvalidData`].
    pub fn diagnostics(&self) -> &[Diagnostic] {
        &self.context.diagnostics
    }
    /// The same error with `f` applied to each of its problems (a path put under a prefix, an
    /// index turned into the file's).
    pub(crate) fn map_diagnostics(mut self, f: impl FnMut(Diagnostic) -> Diagnostic) -> Self {
        let found = std::mem::take(&mut self.context.diagnostics);
        self.context.diagnostics = found.into_iter().map(f).collect();
        self.context.lines = None;
        self
    }

    /// The error with the line of each of its field paths in the user's file, as `line_of`
    /// finds it (for a congress file, [`crate::congress::line_in`] of its text): shown as
    /// `guests[3].name.ten (line 57): …`. The paths themselves are unchanged.
    pub fn with_lines(mut self, line_of: impl Fn(&Path) -> Option<usize>) -> Self {
        let own = self.context.path.as_ref().and_then(&line_of);
        let each = self
            .context
            .diagnostics
            .iter()
            .map(|d| (!d.path.is_empty()).then(|| line_of(&d.path)).flatten())
            .collect();
        self.context.lines = Some((own, each));
        self
    }

    /// Consumes the error, giving its problems (the error itself when it has none).
    pub fn into_diagnostics(self) -> Vec<Diagnostic> {
        if self.context.diagnostics.is_empty() {
            let path = self.context.path.clone().unwrap_or_default();
            let mut message = self.context.message.clone();
            if let Some(s) = &self.source {
                message.push_str(&format!(": {s}"));
            }
            vec![Diagnostic::new(path, message)]
        } else {
            self.context.diagnostics
        }
    }
}

/// The text of an error: see [`Error`].
fn describe(c: &Context, source: &Option<Source>) -> String {
    use fmt::Write as _;
    let mut f = String::new();
    if let Some(file) = &c.file {
        let _ = write!(f, "{file}: ");
    }
    if let Some(doc) = &c.document {
        let _ = write!(f, "{doc}: ");
    }
    let lines = c.lines.as_ref();
    if let Some(path) = &c.path {
        match lines.and_then(|l| l.0) {
            Some(n) => {
                let _ = write!(f, "{path} (line {n}): ");
            }
            None => {
                let _ = write!(f, "{path}: ");
            }
        }
    }
    f.push_str(&c.message);
    if let Some(source) = source {
        let _ = write!(f, ": {source}");
    }
    if let Some(loc) = &c.location {
        let _ = write!(f, " (at {loc})");
    }
    for (k, d) in c.diagnostics.iter().enumerate() {
        match lines.and_then(|l| l.1.get(k).copied().flatten()) {
            Some(n) => {
                let _ = write!(f, "\n  - {} (line {n}): {}", d.path, d.message);
            }
            None => {
                let _ = write!(f, "\n  - {d}");
            }
        }
    }
    if let Some(hint) = &c.hint {
        let _ = write!(f, "\n  hint: {hint}");
    }
    f
}

impl fmt::Debug for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Error({:?}): {}", self.context.kind, self)
    }
}

/// `Result` with this crate's [`Error`].
pub type Result<T, E = Error> = std::result::Result<T, E>;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_round_trip_and_compare_by_segments() {
        let p = Path::from("elections[0].rounds[1].candidates[5].votes");
        assert_eq!(p.to_string(), "elections[0].rounds[1].candidates[5].votes");
        assert_eq!(p.index_after("elections"), Some(0));
        assert_eq!(p.head(), Some("elections"));
        let q = p.map_index_after("candidates", |i| i + 10);
        assert_eq!(q, "elections[0].rounds[1].candidates[15].votes");
        assert_eq!(Path::root().field("a").index(2).field("b"), "a[2].b");
        assert_eq!(Path::from("x[1][2]").segments().len(), 3);
    }

    #[test]
    fn sources_are_kept_and_printed() {
        let io = std::io::Error::new(std::io::ErrorKind::NotFound, "no such file");
        let e = Error::new(ErrorKind::Io, "cannot read a.json").with_source(io);
        assert_eq!(e.to_string(), "cannot read a.json: no such file");
        assert!(std::error::Error::source(&e).is_some());
    }
}
