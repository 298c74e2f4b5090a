//! Paragraphs: their style (named and by attribute), inline content and hanging indents.

use roxmltree::{Node, NodeType};

use super::inline::InlineCollector;
use super::resolver::Resolver;
use crate::error::Result;
use crate::markup::style::ResolvedStyle;
use crate::tree::*;

impl Resolver<'_, '_> {
    pub(super) fn paragraph_style(&self, node: Node<'_, '_>) -> Result<ResolvedStyle> {
        let sheet = self.ctx.styles;
        let mut st = sheet.base;
        if let Some(name) = node.attribute("style") {
            let Some(ps) = sheet.styles.get(name) else {
                let names: Vec<&str> = sheet.styles.keys().map(String::as_str).collect();
                return Err(self.error(
                    node,
                    format!("unknown style `{name}` (known: {})", names.join(", ")),
                ));
            };
            st = st.apply(ps);
        }
        for a in node.attributes() {
            let v = a.value();
            match a.name() {
                "style" => {}
                "align" => st.align = self.align(node, v)?,
                "size" => st.size = self.length(node, "size", v, 0.0)?,
                "bold" => st.bold = self.boolean(node, "bold", v)?,
                "italic" => st.italic = self.boolean(node, "italic", v)?,
                "underline" => st.underline = self.boolean(node, "underline", v)?,
                "first-line" => st.first_line_indent = self.length(node, "first-line", v, 0.0)?,
                "indent" => st.indent_left = self.length(node, "indent", v, 0.0)?,
                "indent-right" => st.indent_right = self.length(node, "indent-right", v, 0.0)?,
                "before" => st.space_before = self.length(node, "before", v, 0.0)?,
                "after" => st.space_after = self.length(node, "after", v, 0.0)?,
                "line" => st.line_height = self.length(node, "line", v, 0.0)?,
                "keep-with-next" => st.keep_with_next = self.boolean(node, "keep-with-next", v)?,
                "keep-lines" => st.keep_lines = self.boolean(node, "keep-lines", v)?,
                // Read by `paragraph`, and by `blocks`.
                "case" | "keep-names" | "keep-with-previous" => {}
                other => {
                    return Err(self.error(
                        node,
                        format!(
                            "<p> has no attribute `{other}` (allowed: style, align, size, bold, \
                             italic, underline, first-line, indent, indent-right, before, after, \
                             line, keep-with-next, keep-lines, keep-with-previous, case, \
                             keep-names)"
                        ),
                    ))
                }
            }
        }
        if !(1.0..=200.0).contains(&st.size) {
            return Err(self.error(node, format!("font size {} pt is out of range", st.size)));
        }
        Ok(st)
    }

    /// A `<p>`, in a band `width` points wide (in a table's cell when `in_cell`).
    pub(super) fn paragraph(
        &self,
        node: Node<'_, '_>,
        width: f32,
        in_cell: bool,
    ) -> Result<Paragraph> {
        let st = self.paragraph_style(node)?;
        let base = RunStyle {
            size: st.size,
            bold: st.bold,
            italic: st.italic,
            underline: st.underline,
        };
        let upper = match node.attribute("case") {
            None | Some("as-is") => false,
            Some("upper") => true,
            Some(v) => {
                return Err(self.error(node, format!("case must be upper or as-is, found `{v}`")))
            }
        };
        let keep_names = match node.attribute("keep-names") {
            Some(v) => self.boolean(node, "keep-names", v)?,
            // Names of people and places stay on one line wherever they stand (REVIEW item 12).
            None => true,
        };
        let mut collector = InlineCollector {
            upper,
            keep_names,
            centred: st.align == Align::Center,
            ..Default::default()
        };
        self.inlines(node, base, &mut collector)?;
        let hang = collector.hang;
        let inlines = collector.items;
        let mut p = Paragraph {
            inlines,
            align: st.align,
            first_line_indent: st.first_line_indent,
            indent_left: st.indent_left,
            indent_right: st.indent_right,
            space_before: st.space_before,
            space_after: st.space_after,
            line_height: st.line_height,
            keep_with_next: st.keep_with_next,
            keep_lines: st.keep_lines,
        };
        if p.align == Align::Center && !in_cell && hang.is_none() {
            // A title that wraps never leaves its last word alone on the last line ("… nhiệm
            // kỳ 2020 – 2025 qua các / bước"): the last two words go together, in the PDF and
            // in Word alike. Not in a table's cell, where the wider unit would widen a column.
            let band = width - p.indent_left - p.first_line_indent.max(0.0) - p.indent_right;
            let wraps = !p.inlines.iter().any(|i| matches!(i, Inline::Break))
                && self.inline_width(&p.inlines) > band + 0.01;
            if wraps {
                join_last_word(&mut p.inlines);
            }
        }
        if let Some(at) = hang {
            // Continuation lines start under the text after the marker: a hanging indent as
            // wide as what precedes it on the first line.
            let label = self.inline_width(&p.inlines[..at.min(p.inlines.len())]);
            let start = p.indent_left + p.first_line_indent;
            let band = width - start - p.indent_right;
            if p.align == Align::Center && self.inline_width(&p.inlines) > band + 0.01 {
                // A centred line that wraps hangs from the left.
                p.align = Align::Left;
            }
            p.indent_left = start + label;
            p.first_line_indent = -label;
        }
        Ok(p)
    }

    /// The natural width of `inlines`, up to the first line break.
    pub(super) fn inline_width(&self, inlines: &[Inline]) -> f32 {
        let mut w = 0.0;
        for inline in inlines {
            match inline {
                Inline::Text(run) => {
                    w += self
                        .ctx
                        .fonts
                        .face(run.style.face())
                        .measure(&run.text, run.style.size)
                }
                Inline::Break => break,
            }
        }
        w
    }

    pub(super) fn inlines(
        &self,
        parent: Node<'_, '_>,
        style: RunStyle,
        out: &mut InlineCollector,
    ) -> Result<()> {
        for node in parent.children() {
            match node.node_type() {
                NodeType::Text => {
                    if let Some(t) = node.text() {
                        out.text(t, style);
                    }
                }
                NodeType::Element => {
                    let mut s = style;
                    match node.tag_name().name() {
                        "b" => {
                            self.check_attrs(node, &[])?;
                            s.bold = true
                        }
                        "i" => {
                            self.check_attrs(node, &[])?;
                            s.italic = true
                        }
                        "u" => {
                            self.check_attrs(node, &[])?;
                            s.underline = true
                        }
                        "br" => {
                            self.check_attrs(node, &[])?;
                            out.line_break();
                            continue;
                        }
                        "hang" => {
                            self.check_attrs(node, &[])?;
                            if !out.hang() {
                                return Err(self.error(
                                    node,
                                    "<hang/> must stand once in a paragraph, on its first line",
                                ));
                            }
                            continue;
                        }
                        "span" => {
                            for a in node.attributes() {
                                let v = a.value();
                                match a.name() {
                                    "size" => s.size = self.length(node, "size", v, 0.0)?,
                                    "bold" => s.bold = self.boolean(node, "bold", v)?,
                                    "italic" => s.italic = self.boolean(node, "italic", v)?,
                                    "underline" => {
                                        s.underline = self.boolean(node, "underline", v)?
                                    }
                                    other => {
                                        return Err(self.error(
                                            node,
                                            format!(
                                                "<span> has no attribute `{other}` \
                                                 (allowed: size, bold, italic, underline)"
                                            ),
                                        ))
                                    }
                                }
                            }
                            if !(1.0..=200.0).contains(&s.size) {
                                return Err(self.error(
                                    node,
                                    format!("font size {} pt is out of range", s.size),
                                ));
                            }
                        }
                        other => {
                            return Err(self.error(
                                node,
                                format!(
                                    "unexpected <{other}> inside a paragraph; expected text, \
                                     <b>, <i>, <u>, <span>, <br/> or <hang/>"
                                ),
                            ))
                        }
                    }
                    self.inlines(node, s, out)?;
                }
                _ => {}
            }
        }
        Ok(())
    }
}

/// Turns the last space of `inlines` that has a word on either side into a no-break space, so
/// the last word does not stand alone on a line (the words may be in other runs: "qua các
/// <b>bước</b>"). Nothing when what follows that space is already more than one word kept
/// together ("… XXIV, / nhiệm kỳ 2020 – 2025"), nor across a line break.
fn join_last_word(inlines: &mut [Inline]) {
    let mut word_after = false;
    let mut found = None;
    'runs: for (i, inline) in inlines.iter().enumerate().rev() {
        let Inline::Text(run) = inline else {
            return;
        };
        for (at, c) in run.text.char_indices().rev() {
            if c == NBSP && word_after {
                return;
            }
            if c != ' ' {
                word_after = true;
            } else if word_after {
                found = Some((i, at));
                break 'runs;
            }
        }
    }
    let Some((i, at)) = found else {
        return;
    };
    let visible = |text: &str| text.chars().any(|c| c != ' ');
    let word_before = match &inlines[i] {
        Inline::Text(run) => visible(&run.text[..at]),
        Inline::Break => false,
    } || inlines[..i].iter().rev().map_while(|x| match x {
        Inline::Text(run) => Some(visible(&run.text)),
        Inline::Break => None,
    })
    .any(|v| v);
    if let (true, Inline::Text(run)) = (word_before, &mut inlines[i]) {
        run.text.replace_range(at..at + 1, "\u{a0}");
    }
}
