//! Where a field path is in the JSON text it came from, as a line number: an error about
//! `guests[3].name.ten` can then say "line 57" to a user who edits the file by hand.
//!
//! A small walk over the text, not a parse: it follows the path's fields and positions from the
//! top, skipping every other value whole, and never reads past the text or panics on text that
//! is not JSON (it finds nothing there).

use crate::error::{Path, Segment};

/// The line (from 1) where the value at `path` starts in the JSON `text`. Where the path goes
/// on past what the text holds — into a `"@key"` the loader replaced by the person, or a field
/// the file leaves out — the line of the deepest part of it the text has; `None` where the
/// text has none of it (a path of a paper's own making) or is not JSON.
pub fn line_in(text: &str, path: &Path) -> Option<usize> {
    let b = text.as_bytes();
    let mut at = skip_space(b, 0);
    if at >= b.len() {
        return None;
    }
    let mut found = 0;
    for segment in path.segments() {
        let next = match segment {
            Segment::Field(name) => member(b, at, name.as_bytes()),
            Segment::Index(i) => element(b, at, *i),
        };
        match next {
            Some(n) => at = n,
            None => break,
        }
        found += 1;
    }
    if found == 0 && !path.is_empty() {
        return None;
    }
    // Every offset reached is that of an ASCII byte, so a character boundary.
    Some(text.get(..at)?.matches('\n').count() + 1)
}

/// The start of the value of member `name` of the object at `at`.
fn member(b: &[u8], at: usize, name: &[u8]) -> Option<usize> {
    if b.get(at) != Some(&b'{') {
        return None;
    }
    let mut i = skip_space(b, at + 1);
    loop {
        if b.get(i) != Some(&b'"') {
            return None;
        }
        let end = string_end(b, i)?;
        let key = b.get(i + 1..end - 1)?;
        i = skip_space(b, end);
        if b.get(i) != Some(&b':') {
            return None;
        }
        let value = skip_space(b, i + 1);
        if key == name {
            return Some(value);
        }
        i = skip_space(b, value_end(b, value)?);
        if b.get(i) != Some(&b',') {
            return None;
        }
        i = skip_space(b, i + 1);
    }
}

/// The start of element `n` of the array at `at`.
fn element(b: &[u8], at: usize, n: usize) -> Option<usize> {
    if b.get(at) != Some(&b'[') {
        return None;
    }
    let mut i = skip_space(b, at + 1);
    for _ in 0..n {
        if matches!(b.get(i), None | Some(b']')) {
            return None;
        }
        i = skip_space(b, value_end(b, i)?);
        if b.get(i) != Some(&b',') {
            return None;
        }
        i = skip_space(b, i + 1);
    }
    (!matches!(b.get(i), None | Some(b']'))).then_some(i)
}

fn skip_space(b: &[u8], mut i: usize) -> usize {
    while matches!(b.get(i), Some(b' ' | b'\t' | b'\n' | b'\r')) {
        i += 1;
    }
    i
}

/// Just past the closing quote of the string that opens at `i`.
fn string_end(b: &[u8], i: usize) -> Option<usize> {
    let mut j = i + 1;
    loop {
        match b.get(j)? {
            b'\\' => j += 2,
            b'"' => return Some(j + 1),
            _ => j += 1,
        }
    }
}

/// Just past the value that starts at `i`: a string, an object or array (its brackets counted,
/// strings inside skipped whole), or a number, `true`, `false` or `null`.
fn value_end(b: &[u8], i: usize) -> Option<usize> {
    match b.get(i)? {
        b'"' => string_end(b, i),
        b'{' | b'[' => {
            let mut depth = 0usize;
            let mut j = i;
            loop {
                match b.get(j)? {
                    b'"' => {
                        j = string_end(b, j)?;
                        continue;
                    }
                    b'{' | b'[' => depth += 1,
                    b'}' | b']' => {
                        depth -= 1;
                        if depth == 0 {
                            return Some(j + 1);
                        }
                    }
                    _ => {}
                }
                j += 1;
            }
        }
        _ => {
            let mut j = i;
            while !matches!(
                b.get(j),
                None | Some(b',' | b'}' | b']' | b' ' | b'\t' | b'\n' | b'\r')
            ) {
                j += 1;
            }
            (j > i).then_some(j)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEXT: &str = r#"{
  "organisation": { "name": "Chi bộ \"A\"", "kind": "cell" },
  "guests": [
    { "name": { "ho": "Trần", "ten": "Thắng" } },
    {
      "name": "@lan",
      "title": "Bí thư [x] {y}"
    }
  ],
  "n": -12.5e3
}"#;

    #[test]
    fn a_path_is_found_on_its_line_or_on_the_deepest_line_the_text_has() {
        let line = |p: &str| line_in(TEXT, &Path::from(p));
        assert_eq!(line(""), Some(1));
        assert_eq!(line("organisation.kind"), Some(2));
        assert_eq!(line("guests"), Some(3));
        assert_eq!(line("guests[0].name.ten"), Some(4));
        assert_eq!(line("guests[1]"), Some(5));
        assert_eq!(line("guests[1].title"), Some(7));
        // Into a person the loader put in place of "@lan": the reference's line.
        assert_eq!(line("guests[1].name.ten"), Some(6));
        // Past the list's end, or a field the file leaves out: the deepest part there.
        assert_eq!(line("guests[5].name"), Some(3));
        assert_eq!(line("organisation.venue"), Some(2));
        // Nothing of it in the file: no line rather than a wrong one.
        assert_eq!(line("venue.name"), None);
        assert_eq!(line("superiors[0].name"), None);
        assert_eq!(line("n"), Some(10));
    }

    #[test]
    fn text_that_is_not_json_finds_nothing_and_never_panics() {
        for text in [
            "",
            "   ",
            "{",
            "{\"a\":",
            "[1,",
            "{\"a\" 1}",
            "\"abc",
            "{\"a\":[{]}",
        ] {
            for p in ["a", "a[0]", "a[3].b", "[0]"] {
                let _ = line_in(text, &Path::from(p));
            }
        }
        assert_eq!(line_in("", &Path::from("a")), None);
    }
}
