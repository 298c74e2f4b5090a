//! Paragraphs → lines: UAX #14 break opportunities, greedy first-fit filling (as Word does),
//! alignment, justification and underlines. Widths come from [`FontSet`] advances only.
//!
//! Never panics on user data; a character the face lacks is an error, never a `.notdef` box.

use unicode_linebreak::{linebreaks, BreakOpportunity};

use super::page::{Atom, Item, PositionedText, Stroke, EPS};
use crate::error::{Error, ErrorKind, Result};
use crate::font::FontSet;
use crate::tree::NBSP;
use crate::tree::{Align, Inline, Paragraph, RunStyle};

/// How a character is drawn.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Glyph {
    /// Its own glyph.
    Own,
    /// White space the face lacks: drawn as U+0020 (it never needs a glyph of its own).
    Space,
    /// A zero-width format character (ZWSP, ZWJ, word joiner, BOM): not drawn at all.
    Ignore,
}

/// Decides how `c` is drawn in a face that covers `covered`.
pub(crate) fn classify(c: char, covered: bool) -> Option<Glyph> {
    if matches!(c, '\u{200B}'..='\u{200D}' | '\u{2060}' | '\u{FEFF}') {
        Some(Glyph::Ignore)
    } else if covered {
        Some(Glyph::Own)
    } else if c.is_whitespace() {
        Some(Glyph::Space)
    } else {
        None
    }
}

/// One character of a hard line, measured.
struct Ch {
    c: char,
    style: RunStyle,
    /// Advance in points.
    adv: f32,
}

/// The text between two mandatory breaks.
struct HardLine {
    text: String,
    chars: Vec<Ch>,
    /// Style for metrics when the line is empty; `None` in a paragraph without text, whose
    /// line is as tall as its line pitch (the DOCX gives its mark the document's default size,
    /// whose natural height is below the pitch).
    style: Option<RunStyle>,
}

/// Lays out `p` in the horizontal band `x0 .. x0 + width`; returns one atom per line, each with
/// its items' `y` relative to the atom's top.
///
/// Line pitch is `max(line_height, natural line height of the largest run)`; the extra height
/// goes above the text, so the baseline sits at `pitch − largest descent` below the line's top
/// (Word's "at least" spacing does the same).
pub(crate) fn layout_paragraph(
    p: &Paragraph,
    x0: f32,
    width: f32,
    fonts: &FontSet,
    warnings: &mut Vec<String>,
) -> Result<Vec<Atom>> {
    let hard_lines = measure(p, fonts)?;
    let mut atoms = Vec::new();
    let mut first = true;
    for hard in &hard_lines {
        break_hard_line(p, hard, x0, width, fonts, &mut first, &mut atoms, warnings);
    }
    Ok(atoms)
}

/// How many lines `p` takes in a band `width` wide (for the resolver's keep rules; a paragraph
/// that cannot be measured counts as one line).
pub fn count_lines(p: &Paragraph, width: f32, fonts: &FontSet) -> usize {
    layout_paragraph(p, 0.0, width, fonts, &mut Vec::new()).map_or(1, |lines| lines.len())
}

/// The width of the widest piece of `p` that no line may break inside (a word, or words joined
/// by no-break spaces), in points.
pub fn widest_unit(p: &Paragraph, fonts: &FontSet) -> f32 {
    unit_and_natural_width(p, fonts).0
}

/// The width of the widest piece of `p` that no line may break inside (as [`widest_unit`]) and
/// the width of its widest line when nothing breaks but its explicit line breaks (its
/// "natural" width: in a column at least that wide it takes no more lines than it has hard
/// lines), in points, measured in one pass.
pub fn unit_and_natural_width(p: &Paragraph, fonts: &FontSet) -> (f32, f32) {
    let Ok(hard_lines) = measure(p, fonts) else {
        return (0.0, 0.0);
    };
    let mut widest = 0.0f32;
    let mut natural = 0.0f32;
    for hard in &hard_lines {
        let mut start = 0;
        for (b, _) in break_positions(&hard.text) {
            let end = visible_end(&hard.chars, start, b);
            let w: f32 = hard.chars[start..end.max(start)]
                .iter()
                .map(|c| c.adv)
                .sum();
            widest = widest.max(w);
            start = b;
        }
        let end = visible_end(&hard.chars, 0, hard.chars.len());
        natural = natural.max(hard.chars[..end].iter().map(|c| c.adv).sum());
    }
    (widest, natural)
}

/// Splits the paragraph at `Inline::Break`s and measures every character.
fn measure(p: &Paragraph, fonts: &FontSet) -> Result<Vec<HardLine>> {
    let first_style = p.inlines.iter().find_map(|i| match i {
        Inline::Text(run) => Some(run.style),
        Inline::Break => None,
    });
    let new_line = |style| HardLine {
        text: String::new(),
        chars: Vec::new(),
        style,
    };
    let mut lines = vec![new_line(first_style)];
    let mut style = first_style;
    for inline in &p.inlines {
        match inline {
            Inline::Break => lines.push(new_line(style)),
            Inline::Text(run) => {
                style = Some(run.style);
                let style = run.style;
                let face = fonts.face(style.face());
                let scale = style.size / face.units_per_em;
                let space = face.advance_units(' ');
                let Some(line) = lines.last_mut() else {
                    continue;
                };
                if line.chars.is_empty() {
                    line.style = Some(style);
                }
                line.text.push_str(&run.text);
                for c in run.text.chars() {
                    let units = match classify(c, face.covers(c)) {
                        Some(Glyph::Own) => face.advance_units(c),
                        Some(Glyph::Space) => space,
                        Some(Glyph::Ignore) => 0.0,
                        None => return Err(missing_glyph(p, c)),
                    };
                    line.chars.push(Ch {
                        c,
                        style,
                        adv: units * scale,
                    });
                }
            }
        }
    }
    Ok(lines)
}

/// The error for a character no face has, quoting the paragraph around it.
fn missing_glyph(p: &Paragraph, c: char) -> Error {
    const CONTEXT: usize = 20;
    let text = p.text().replace('\n', " ");
    let chars: Vec<char> = text.chars().collect();
    let at = chars.iter().position(|&x| x == c).unwrap_or(0);
    let from = at.saturating_sub(CONTEXT);
    let to = (at + CONTEXT).min(chars.len());
    let mut snippet = String::new();
    if from > 0 {
        snippet.push('…');
    }
    snippet.extend(&chars[from..to]);
    if to < chars.len() {
        snippet.push('…');
    }
    Error::new(
        ErrorKind::MissingGlyph,
        format!(
            "the font has no glyph for '{c}' (U+{:04X}) in \"{snippet}\"",
            c as u32
        ),
    )
    .with_hint("the bundled Liberation Serif covers Latin, Vietnamese, Greek and Cyrillic; replace or remove the character")
}

/// Breaks one hard line into lines and appends their atoms.
#[allow(clippy::too_many_arguments)]
fn break_hard_line(
    p: &Paragraph,
    hard: &HardLine,
    x0: f32,
    width: f32,
    fonts: &FontSet,
    first: &mut bool,
    atoms: &mut Vec<Atom>,
    warnings: &mut Vec<String>,
) {
    let n = hard.chars.len();
    // prefix[k] = width of chars[..k]
    let mut prefix = Vec::with_capacity(n + 1);
    let mut sum = 0.0f32;
    prefix.push(sum);
    for ch in &hard.chars {
        sum += ch.adv;
        prefix.push(sum);
    }
    let breaks = break_positions(&hard.text);
    let mut start = 0usize;
    let mut next_break = 0usize; // index into `breaks` of the first break after `start`
    let mut warned_until = 0usize;
    if n == 0 {
        let (lx, avail) = band(p, x0, width, first);
        atoms.push(make_line(p, hard, &prefix, 0, 0, lx, avail, false, fonts));
        return;
    }
    while start < n {
        let (lx, avail) = band(p, x0, width, first);
        while next_break < breaks.len() && breaks[next_break].0 <= start {
            next_break += 1;
        }
        let mut chosen: Option<(usize, bool)> = None;
        for &(b, mandatory) in &breaks[next_break..] {
            let vis = visible_end(&hard.chars, start, b);
            if prefix[vis] - prefix[start] <= avail + EPS {
                chosen = Some((b, mandatory));
                if mandatory {
                    break;
                }
            } else {
                break;
            }
        }
        let (end, justify) = match chosen {
            Some((b, mandatory)) => (b, !mandatory),
            None => {
                let word_end = breaks.get(next_break).map(|&(b, _)| b).unwrap_or(n).min(n);
                // Words joined by no-break spaces (a name, a set phrase) wider than the line:
                // break at the last no-break space that fits, and say so.
                let at_nbsp = (start + 1..word_end)
                    .rev()
                    .filter(|&q| hard.chars[q].c == NBSP)
                    .find(|&q| {
                        let vis = visible_end(&hard.chars, start, q);
                        vis > start && prefix[vis] - prefix[start] <= avail + EPS
                    });
                if let Some(q) = at_nbsp {
                    if start >= warned_until {
                        warned_until = word_end;
                        let words: String = hard.chars
                            [start..visible_end(&hard.chars, start, word_end)]
                            .iter()
                            .map(|ch| if ch.c == NBSP { ' ' } else { ch.c })
                            .collect();
                        warnings.push(format!(
                            "words kept together (a name or a set phrase) are wider than the line and were split: \"{}\"",
                            shorten(&words, 60)
                        ));
                    }
                    atoms.push(make_line(
                        p,
                        hard,
                        &prefix,
                        start,
                        q + 1,
                        lx,
                        avail,
                        true,
                        fonts,
                    ));
                    start = q + 1;
                    continue;
                }
                // A single word does not fit: break it between characters, never overflow.
                let mut e = start + 1;
                while e < word_end && is_mark(hard.chars[e].c) {
                    e += 1;
                }
                loop {
                    let mut next = e + 1;
                    while next < word_end && is_mark(hard.chars[next].c) {
                        next += 1;
                    }
                    if next > word_end || prefix[next] - prefix[start] > avail + EPS {
                        break;
                    }
                    e = next;
                }
                if start >= warned_until {
                    warned_until = word_end;
                    let word: String = hard.chars[start..visible_end(&hard.chars, start, word_end)]
                        .iter()
                        .map(|ch| ch.c)
                        .collect();
                    warnings.push(format!(
                        "a word wider than the line was broken: \"{}\"",
                        shorten(&word, 40)
                    ));
                }
                (e, true)
            }
        };
        atoms.push(make_line(
            p, hard, &prefix, start, end, lx, avail, justify, fonts,
        ));
        start = end;
    }
}

/// The left edge and the width available to the next line; clears `first`.
fn band(p: &Paragraph, x0: f32, width: f32, first: &mut bool) -> (f32, f32) {
    let indent = if *first { p.first_line_indent } else { 0.0 };
    *first = false;
    let left = p.indent_left + indent;
    let avail = width - left - p.indent_right;
    (
        x0 + left,
        if avail.is_finite() {
            avail.max(0.0)
        } else {
            0.0
        },
    )
}

/// Break opportunities as `(char index before which the line may break, mandatory)`, in order.
/// The end of the text is a mandatory break. UAX #14 with one change: no break on either side of
/// a no-break space (UAX #14 allows one between a dash and U+00A0, "2020 –|\u{a0}2025"; Word and
/// LibreOffice do not, and the resolver puts no-break spaces exactly where nothing may break).
fn break_positions(text: &str) -> Vec<(usize, bool)> {
    let total = text.chars().count();
    let mut out = Vec::new();
    let mut index = 0; // number of chars starting before `byte`
    let mut chars = text.char_indices().peekable();
    let mut previous = None;
    for (byte, opportunity) in linebreaks(text) {
        while let Some((_, c)) = chars.next_if(|&(b, _)| b < byte) {
            previous = Some(c);
            index += 1;
        }
        if index == 0 {
            continue;
        }
        let next = chars.peek().map(|&(_, c)| c);
        if opportunity != BreakOpportunity::Mandatory
            && (previous == Some(NBSP) || next == Some(NBSP))
        {
            continue;
        }
        out.push((
            index,
            opportunity == BreakOpportunity::Mandatory || index == total,
        ));
    }
    if out.last().map(|&(b, _)| b) != Some(total) {
        out.push((total, true));
    }
    out
}

/// End of the drawn part of `chars[start..end]`: trailing white space is not drawn and does not
/// count for alignment.
fn visible_end(chars: &[Ch], start: usize, end: usize) -> usize {
    let mut e = end.min(chars.len());
    while e > start && (chars[e - 1].c.is_whitespace() || is_ignorable(chars[e - 1].c)) {
        e -= 1;
    }
    e
}

fn is_mark(c: char) -> bool {
    unicode_normalization::char::is_combining_mark(c)
}

/// The first `max` characters of `s`, with an ellipsis when cut.
fn shorten(s: &str, max: usize) -> String {
    let mut out: String = s.chars().take(max).collect();
    if s.chars().nth(max).is_some() {
        out.push('…');
    }
    out
}

/// Builds the atom of the line `chars[start..end]`.
#[allow(clippy::too_many_arguments)]
fn make_line(
    p: &Paragraph,
    hard: &HardLine,
    prefix: &[f32],
    start: usize,
    end: usize,
    lx: f32,
    avail: f32,
    justify: bool,
    fonts: &FontSet,
) -> Atom {
    let chars = &hard.chars;
    let vis = visible_end(chars, start, end);
    // Vertical metrics from every run on the line (trailing spaces included: Word does too).
    let mut natural = 0.0f32;
    let mut descent = 0.0f32;
    let mut metrics = |style: &RunStyle| {
        let face = fonts.face(style.face());
        natural = natural.max(face.line_height(style.size));
        descent = descent.max(face.descent(style.size));
    };
    if start == end {
        if let Some(style) = &hard.style {
            metrics(style);
        }
    }
    let mut last: Option<RunStyle> = None;
    for ch in &chars[start..end] {
        if last != Some(ch.style) {
            metrics(&ch.style);
            last = Some(ch.style);
        }
    }
    let pitch = p.line_height.max(natural);
    let baseline = pitch - descent;

    let text_width = prefix[vis] - prefix[start];
    let spaces = chars[start..vis].iter().filter(|ch| ch.c == ' ').count();
    let slack = avail - text_width;
    let (offset, gap) = match p.align {
        Align::Left => (0.0, 0.0),
        Align::Center => ((slack / 2.0).max(0.0), 0.0),
        Align::Right => (slack.max(0.0), 0.0),
        Align::Justify if justify && spaces > 0 && slack > 0.0 => (0.0, slack / spaces as f32),
        Align::Justify => (0.0, 0.0),
    };

    let mut items = Vec::new();
    let mut underlines = Vec::new();
    let mut seg = start;
    let mut spaces_before = 0usize;
    while seg < vis {
        let style = chars[seg].style;
        let mut seg_end = seg;
        let mut text = String::new();
        let mut seg_spaces = 0usize;
        while seg_end < vis && chars[seg_end].style == style {
            let c = chars[seg_end].c;
            if c == ' ' {
                seg_spaces += 1;
            }
            if !is_ignorable(c) {
                text.push(c);
            }
            seg_end += 1;
        }
        let x = lx + offset + (prefix[seg] - prefix[start]) + gap * spaces_before as f32;
        let width = (prefix[seg_end] - prefix[seg]) + gap * seg_spaces as f32;
        if style.underline {
            let face = fonts.face(style.face());
            let scale = style.size / face.units_per_em;
            let (position, thickness) = face.underline;
            let thickness = thickness * scale;
            // `post.underlinePosition` is the top of the stroke (OpenType); y grows downward.
            let y = baseline - position * scale + thickness / 2.0;
            underlines.push(Item::Stroke(Stroke {
                x1: x,
                y1: y,
                x2: x + width,
                y2: y,
                width: thickness,
            }));
        }
        if !text.is_empty() {
            items.push(Item::Text(PositionedText {
                face: style.face(),
                size: style.size,
                x,
                y: baseline,
                text,
                word_gap: gap,
                width,
            }));
        }
        spaces_before += seg_spaces;
        seg = seg_end;
    }
    items.extend(underlines);
    Atom {
        height: pitch,
        items,
    }
}

fn is_ignorable(c: char) -> bool {
    classify(c, false) == Some(Glyph::Ignore)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn breaks_after_spaces_and_at_the_end() {
        assert_eq!(
            break_positions("ab cd"),
            vec![(3, false), (5, true)],
            "a break before 'c' and the mandatory end"
        );
        assert_eq!(break_positions(""), vec![(0, true)]);
        // No break at a no-break space, not even after a dash.
        assert_eq!(break_positions("a\u{a0}b"), vec![(3, true)]);
        assert_eq!(
            break_positions("2020 –\u{a0}2025"),
            vec![(5, false), (11, true)]
        );
    }
}
