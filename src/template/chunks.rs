//! A long template compiled in pieces, to the template compiling it whole gives.
//!
//! handlebars' parser asks pest for the line and column of every token, and pest finds them by
//! rescanning the source from its start: compiling costs the square of the template's length.
//! The script (38 KB) took 1 000 M instructions that way, a third of a whole pack's. Cut at
//! lines outside any block into pieces of half a kilobyte or more, compiled one by one with
//! their lines moved to where they are in the whole, it costs a few percent of that. A test
//! keeps every built-in template equal, element by element and position by position, to its
//! whole compilation.

use handlebars::template::{Template, TemplateElement};
use handlebars::Handlebars;

/// Pieces are cut when they reach this many bytes. Smaller pieces cost less to scan and more
/// to register: 2 048 → 512 took the Bạch Mai pack 2 168 M → 2 095 M instructions and `render
/// script` 401 M → 348 M; a block, which is never cut, costs the rest.
const PIECE: usize = 512;

/// `text` with the words of its long comments (`{{!-- … --}}`) left out and their line breaks
/// kept: the same template, every line where it was. A built-in's comments (what its context
/// is, which rule it follows) are two fifths of the summons and its partials, and at the top,
/// where every token's line scan passes over them. Read tag by tag, as [`cuts`] reads it: a
/// `{{!--` inside another tag or a short comment (`{{! … }}`) is left as it is. Unchanged when
/// the template has raw blocks or escaped braces, where a comment may be text, or a tag that
/// does not close.
pub(super) fn brief_comments(text: &str) -> std::borrow::Cow<'_, str> {
    use std::borrow::Cow;
    if !text.contains("{{!--") || text.contains("{{{{") || text.contains("\\{{") {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(open) = rest.find("{{") {
        let tag = &rest[open..];
        if let Some(body) = tag.strip_prefix("{{!--") {
            let Some(close) = body.find("--}}") else {
                return Cow::Borrowed(text);
            };
            out.push_str(&rest[..open + 5]);
            out.extend(body[..close].matches('\n'));
            rest = &body[close..];
        } else {
            let Some(close) = tag.find("}}") else {
                return Cow::Borrowed(text);
            };
            out.push_str(&rest[..open + close + 2]);
            rest = &tag[close + 2..];
        }
    }
    out.push_str(rest);
    Cow::Owned(out)
}

/// Where `text` may be cut: byte offsets at the start of a line, outside every block, comment
/// and tag, where the line starts with markup or with a tag that trims nothing before it, and
/// nothing before trims after it. Empty when the template uses a construct this does not
/// follow (raw blocks, escaped braces), and it is compiled whole.
pub(super) fn cuts(text: &str) -> Vec<usize> {
    if text.len() < 2 * PIECE || text.contains("{{{{") || text.contains("\\{{") {
        return Vec::new();
    }
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let (mut depth, mut last, mut at) = (0usize, 0usize, 0usize);
    while at < bytes.len() {
        let line_start = at == 0 || bytes[at - 1] == b'\n';
        if line_start && depth == 0 && at - last >= PIECE && cuttable(text, at) {
            out.push(at);
            last = at;
        }
        if !bytes[at..].starts_with(b"{{") {
            at += 1;
            continue;
        }
        let rest = &text[at..];
        let end = if rest.starts_with("{{!--") {
            rest.find("--}}").map(|e| e + 4)
        } else {
            rest.find("}}").map(|e| e + 2)
        };
        let Some(end) = end else {
            // An unclosed tag: the whole compilation reports it.
            return Vec::new();
        };
        let inner = rest[2..].trim_start_matches('~');
        if inner.starts_with('#') {
            depth += 1;
        } else if inner.starts_with('/') {
            let Some(d) = depth.checked_sub(1) else {
                return Vec::new();
            };
            depth = d;
        }
        at += end;
    }
    if depth != 0 {
        return Vec::new();
    }
    out
}

/// Whether a piece may start at `at` (the start of a line outside every block).
fn cuttable(text: &str, at: usize) -> bool {
    let line = &text[at..];
    let opens = line.starts_with('<')
        || (line.starts_with("{{")
            && !line.starts_with("{{~")
            && !line.starts_with("{{else")
            && !line.starts_with("{{^")
            && !line.starts_with("{{/"));
    // A `~}}` before would trim the whitespace at the end of the previous piece only.
    opens && !text[..at].trim_end().ends_with("~}}")
}

/// Compiles `text`, cut at `cuts`, with `registry` (which sets how partials are indented);
/// `None` when a piece does not compile on its own, and the caller compiles it whole.
pub(super) fn compile(
    registry: &mut Handlebars<'static>,
    name: &str,
    text: &str,
    cuts: &[usize],
) -> Option<Template> {
    let mut whole: Option<Template> = None;
    let bounds = std::iter::once(0).chain(cuts.iter().copied());
    let ends = cuts.iter().copied().chain(std::iter::once(text.len()));
    let mut line = 0;
    let mut previous = 0;
    for (start, end) in bounds.zip(ends) {
        line += text[previous..start].matches('\n').count();
        previous = start;
        registry
            .register_template_string(name, &text[start..end])
            .ok()?;
        let mut piece = registry.get_template(name)?.clone();
        shift(&mut piece, line);
        match &mut whole {
            None => whole = Some(piece),
            Some(w) => {
                let mut elements = piece.elements.into_iter();
                let mut mapping = piece.mapping.into_iter();
                if let (Some(first), Some(position)) = (elements.next(), mapping.next()) {
                    match (w.elements.last_mut(), first) {
                        // Text running over the cut is one element of the whole.
                        (Some(TemplateElement::RawString(tail)), TemplateElement::RawString(head)) => {
                            tail.push_str(&head)
                        }
                        (_, first) => {
                            w.elements.push(first);
                            w.mapping.push(position);
                        }
                    }
                }
                w.elements.extend(elements);
                w.mapping.extend(mapping);
            }
        }
    }
    registry.unregister_template(name);
    whole
}

/// Moves every position of `template` (and of the blocks in it) down by `lines`.
fn shift(template: &mut Template, lines: usize) {
    if lines == 0 {
        return;
    }
    each_template(template, &mut |t| {
        for m in &mut t.mapping {
            m.0 += lines;
        }
    });
}

/// Calls `f` on `template` and on every template of a block in it, at any depth.
pub(super) fn each_template(template: &mut Template, f: &mut impl FnMut(&mut Template)) {
    f(template);
    for element in &mut template.elements {
        match element {
            TemplateElement::HelperBlock(h)
            | TemplateElement::Expression(h)
            | TemplateElement::HtmlExpression(h) => {
                for t in h.template.iter_mut().chain(h.inverse.iter_mut()) {
                    each_template(t, f);
                }
            }
            TemplateElement::DecoratorExpression(d)
            | TemplateElement::DecoratorBlock(d)
            | TemplateElement::PartialExpression(d)
            | TemplateElement::PartialBlock(d) => {
                if let Some(t) = &mut d.template {
                    each_template(t, f);
                }
            }
            _ => {}
        }
    }
}
