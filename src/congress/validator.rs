//! The validator: collects every problem with the path of its field, and the checks of a field
//! that every part of the record shares (a text, a name, a number pin, a "Nơi nhận" list).

use crate::error::{Diagnostic, Path};
use crate::vi::PersonName;

/// Longest text we accept in one field; longer is almost surely a mistake (a pasted file).
pub const MAX_FIELD_CHARS: usize = 2000;

/// Collects problems with the path of the field that has them.
#[derive(Debug, Default)]
pub(crate) struct Validator {
    path: Path,
    diagnostics: Vec<Diagnostic>,
}

impl Validator {
    /// A validator with nothing found yet.
    pub fn new() -> Self {
        Self::default()
    }

    /// Runs `f` with `name` (a field, `guests[2]`, or `items[1].name`) appended to the path.
    pub fn at<R>(&mut self, name: &str, f: impl FnOnce(&mut Self) -> R) -> R {
        let depth = self.path.segments().len();
        self.path.push_path(Path::from(name));
        let r = f(self);
        self.path.truncate(depth);
        r
    }

    /// Records a problem at the current path + `field` (empty: the current path).
    pub fn problem(&mut self, field: &str, message: impl Into<String>) {
        let path = self.path.clone().join(&Path::from(field));
        self.diagnostics.push(Diagnostic::new(path, message));
    }

    /// Records problems found elsewhere (by the rules) under the current path + `field`.
    pub fn extend(&mut self, field: &str, found: impl IntoIterator<Item = Diagnostic>) {
        let prefix = self.path.clone().join(&Path::from(field));
        self.diagnostics
            .extend(found.into_iter().map(|d| d.under(&prefix)));
    }

    /// Checks a required text field: not blank, not absurdly long.
    pub fn text(&mut self, field: &str, value: &str) {
        if value.trim().is_empty() {
            self.problem(field, "must not be empty");
        } else {
            self.optional_text(field, value);
        }
    }

    /// Checks an optional text field's length.
    pub fn optional_text(&mut self, field: &str, value: &str) {
        let n = value.chars().count();
        if n > MAX_FIELD_CHARS {
            self.problem(
                field,
                format!("is {n} characters long; at most {MAX_FIELD_CHARS} are accepted"),
            );
        }
    }

    /// Checks a person's name parts (at `field`).
    pub fn name(&mut self, field: &str, n: &PersonName) {
        self.at(field, |v| {
            v.text("ho", &n.ho);
            v.optional_text("dem", &n.dem);
            v.text("ten", &n.ten);
        });
    }

    /// Checks a document number pin: numbers start at 1.
    pub fn pin(&mut self, field: &str, pin: Option<u32>) {
        if pin == Some(0) {
            self.problem(field, "numbers start at 1");
        }
    }

    /// The problems found.
    pub fn finish(self) -> Vec<Diagnostic> {
        self.diagnostics
    }
}

/// Checks a "Nơi nhận" list given in the record.
pub(crate) fn recipients(v: &mut Validator, field: &str, list: &[String]) {
    if list.is_empty() {
        v.problem(
            field,
            "\"Nơi nhận\" needs at least one item (e.g. \"Lưu VP\")",
        );
    }
    for (i, r) in list.iter().enumerate() {
        v.text(&format!("{field}[{i}]"), r);
    }
}
