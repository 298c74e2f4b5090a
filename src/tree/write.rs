//! Writes a tree back to canonical text: one line per block, numbers rounded to 0.1 pt, so a
//! golden snapshot shows every change of content or format and nothing else.

use std::fmt::Write;

use super::nodes::*;

/// The canonical text of a tree.
pub fn write_tree(doc: &Document) -> String {
    let mut out = String::new();
    let m = &doc.meta;
    let _ = writeln!(out, "document kind={} lang={}", m.kind, m.language);
    let _ = writeln!(out, "  title {:?}", m.title);
    let _ = writeln!(out, "  subject {:?}", m.subject);
    let _ = writeln!(out, "  author {:?}", m.author);
    let _ = writeln!(out, "  created {} id {}", m.created, m.id);
    let p = &doc.page;
    let _ = write!(
        out,
        "page {}x{} margins {}/{}/{}/{}",
        r(p.width),
        r(p.height),
        r(p.margin_top),
        r(p.margin_bottom),
        r(p.margin_left),
        r(p.margin_right)
    );
    if let Some(n) = &p.page_number {
        let _ = write!(
            out,
            " numbers from {} size {} top {}",
            n.first,
            r(n.size),
            r(n.top)
        );
    }
    out.push('\n');
    write_blocks(&doc.blocks, 0, &mut out);
    out
}

fn r(v: f32) -> String {
    let x = (v * 10.0).round() / 10.0;
    if x == x.trunc() {
        format!("{}", x as i64)
    } else {
        format!("{x:.1}")
    }
}

fn align(a: Align) -> &'static str {
    match a {
        Align::Left => "left",
        Align::Center => "center",
        Align::Right => "right",
        Align::Justify => "justify",
    }
}

fn style(s: &RunStyle) -> String {
    let mut out = r(s.size);
    if s.bold {
        out.push_str(" b");
    }
    if s.italic {
        out.push_str(" i");
    }
    if s.underline {
        out.push_str(" u");
    }
    out
}

fn write_blocks(blocks: &[Block], depth: usize, out: &mut String) {
    let pad = "  ".repeat(depth);
    for b in blocks {
        match b {
            Block::Paragraph(p) => {
                let _ = write!(out, "{pad}p {}", align(p.align));
                for (name, v) in [
                    ("first", p.first_line_indent),
                    ("indent", p.indent_left),
                    ("indent-right", p.indent_right),
                    ("before", p.space_before),
                    ("after", p.space_after),
                ] {
                    if v != 0.0 {
                        let _ = write!(out, " {name}={}", r(v));
                    }
                }
                let _ = write!(out, " line={}", r(p.line_height));
                if p.keep_with_next {
                    out.push_str(" keep");
                }
                if p.keep_lines {
                    out.push_str(" keep-lines");
                }
                out.push('\n');
                for inline in &p.inlines {
                    match inline {
                        Inline::Text(t) => {
                            let _ = writeln!(out, "{pad}  [{}] {:?}", style(&t.style), t.text);
                        }
                        Inline::Break => {
                            let _ = writeln!(out, "{pad}  br");
                        }
                    }
                }
            }
            Block::Table(t) => {
                let cols: Vec<String> = t.columns.iter().map(|c| r(*c)).collect();
                let _ = writeln!(
                    out,
                    "{pad}table columns=[{}] borders={} header-rows={} padding={}/{}",
                    cols.join(", "),
                    t.borders,
                    t.header_rows,
                    r(t.cell_padding_x),
                    r(t.cell_padding_y)
                );
                for row in &t.rows {
                    let _ = writeln!(
                        out,
                        "{pad}  row{}",
                        if row.cant_split { " cant-split" } else { "" }
                    );
                    for cell in &row.cells {
                        let va = match cell.v_align {
                            VAlign::Top => "top",
                            VAlign::Center => "center",
                            VAlign::Bottom => "bottom",
                        };
                        let _ = writeln!(out, "{pad}    cell span={} {va}", cell.col_span);
                        write_blocks(&cell.blocks, depth + 3, out);
                    }
                }
            }
            Block::Rule(rule) => {
                let _ = writeln!(
                    out,
                    "{pad}rule {} width={} thickness={} before={} after={}",
                    align(rule.align),
                    r(rule.width),
                    r(rule.thickness),
                    r(rule.space_before),
                    r(rule.space_after)
                );
            }
            Block::Spacer(s) => {
                let _ = writeln!(out, "{pad}space {}", r(s.height));
            }
            Block::PageBreak => {
                let _ = writeln!(out, "{pad}page-break");
            }
        }
    }
}
