//! Inline text: white space collapsed like HTML, explicit line breaks, hanging marks, and the
//! typography of set phrases and names.

use crate::markup::typography;
use crate::tree::*;

/// Collects inline content, collapsing white space the way HTML does: runs of spaces, tabs and
/// newlines become one space; none at the start or end of a line. U+00A0 is kept as it is; a
/// line or paragraph separator (U+2028, U+2029) in the text — the way data writes an explicit
/// line break, since the loader folds newlines — becomes a line break. Every piece of text gets
/// the typographic rules of [`crate::markup::typography`].
#[derive(Default)]
pub(super) struct InlineCollector {
    pub(super) items: Vec<Inline>,
    /// A space is pending: emitted before the next visible text.
    pub(super) pending_space: bool,
    /// Nothing visible yet on the current line.
    pub(super) line_start: bool,
    pub(super) started: bool,
    /// Upper-case the text (after finding the proper names in its own case).
    pub(super) upper: bool,
    /// Keep proper names on one line.
    pub(super) keep_names: bool,
    /// The paragraph is centred (a title): see [`typography::protect_set_phrases`].
    pub(super) centred: bool,
    /// Index into `items` of the first inline after a `<hang/>`.
    pub(super) hang: Option<usize>,
    /// The next text starts a run of its own (it follows a `<hang/>`).
    pub(super) split: bool,
    /// A line break has been seen.
    pub(super) broke: bool,
}

/// The most memory [`typeset`] keeps per thread: the fixed wording of a few papers.
const TYPESET_MEMO_BYTES: usize = 64 * 1024;

/// What an entry of [`typeset`]'s memo costs besides its text: two strings' heads and the
/// table's slot, with the allocator's overhead.
const TYPESET_ENTRY_BYTES: usize = 96;

thread_local! {
    /// Text typeset before, by its flags and text: the fixed wording of a paper (its header,
    /// title and set sentences) comes back in paper after paper, and its typography was a
    /// tenth of an invitation's cost. Emptied when it would hold more than
    /// [`TYPESET_MEMO_BYTES`]; a longer text is not kept.
    static TYPESET: std::cell::RefCell<(std::collections::HashMap<String, String>, usize)> =
        std::cell::RefCell::new(Default::default());
}

/// `rule` applied to `key` without its first character (the flags `rule` depends on), or the
/// text it gave for the same key before: `rule` must be a function of the key alone.
fn typeset(key: String, rule: impl FnOnce(&str) -> String) -> String {
    TYPESET.with(|memo| {
        if let Some(done) = memo.borrow().0.get(&key) {
            return done.clone();
        }
        let flags = key.chars().next().map_or(0, char::len_utf8);
        let done = rule(&key[flags..]);
        let mut memo = memo.borrow_mut();
        let (map, bytes) = &mut *memo;
        let cost = key.len() + done.len() + TYPESET_ENTRY_BYTES;
        if cost <= TYPESET_MEMO_BYTES {
            if *bytes + cost > TYPESET_MEMO_BYTES {
                *map = Default::default();
                *bytes = 0;
            }
            *bytes += cost;
            map.insert(key, done.clone());
        }
        done
    })
}

impl InlineCollector {
    pub(super) fn text(&mut self, text: &str, style: RunStyle) {
        let mut rest = text;
        while let Some(i) = rest.find(['\u{2028}', '\u{2029}']) {
            self.segment(&rest[..i], style);
            self.line_break();
            // Both separators are three bytes long in UTF-8.
            rest = rest.get(i + 3..).unwrap_or("");
        }
        self.segment(rest, style);
    }

    pub(super) fn segment(&mut self, text: &str, style: RunStyle) {
        if !self.started {
            self.started = true;
            self.line_start = true;
        }
        // The flags go first in the memo's key (see [`typeset`]); the text follows them.
        let mut buf = String::with_capacity(text.len() + 1);
        buf.push(char::from(
            b'0' | u8::from(self.centred) | u8::from(self.keep_names) << 1 | u8::from(self.upper) << 2,
        ));
        for c in text.chars() {
            if matches!(c, ' ' | '\t' | '\n' | '\r') {
                if !self.line_start {
                    self.pending_space = true;
                }
            } else {
                if self.pending_space {
                    buf.push(' ');
                    self.pending_space = false;
                }
                buf.push(c);
                self.line_start = false;
            }
        }
        if buf.len() == 1 {
            return;
        }
        let buf = typeset(buf, |text| {
            let mut text = typography::protect_set_phrases(text, self.centred);
            if self.keep_names {
                text = typography::keep_names_together(&text, self.upper);
            }
            if self.centred {
                text = typography::keep_title_words(&text);
            }
            if self.upper {
                text = crate::vi::upper(&text);
            }
            text
        });
        if !std::mem::take(&mut self.split) {
            if let Some(Inline::Text(last)) = self.items.last_mut() {
                if last.style == style {
                    last.text.push_str(&buf);
                    return;
                }
            }
        }
        self.items.push(Inline::Text(TextRun { text: buf, style }));
    }

    pub(super) fn line_break(&mut self) {
        self.started = true;
        self.items.push(Inline::Break);
        self.pending_space = false;
        self.line_start = true;
        self.broke = true;
    }

    /// Marks where continuation lines start (`<hang/>`); false when it is misplaced (after a
    /// line break, or a second time).
    pub(super) fn hang(&mut self) -> bool {
        if self.broke || self.hang.is_some() {
            return false;
        }
        // The space before the marker never breaks nor stretches: the text after it starts
        // where the continuation lines do.
        if std::mem::take(&mut self.pending_space) {
            if let Some(Inline::Text(last)) = self.items.last_mut() {
                last.text.push(typography::NBSP);
            }
        }
        self.started = true;
        self.line_start = true;
        self.hang = Some(self.items.len());
        self.split = true;
        true
    }
}
