//! The resolver's state and what every part of it uses: errors with their place in the markup,
//! attribute checks, and attribute values (alignment, booleans, lengths).

use roxmltree::Node;

use crate::error::{Error, ErrorKind, Location, Result};
use crate::font::FontSet;
use crate::markup::style::StyleSheet;
use crate::tree::Align;

/// Everything the resolver needs besides the markup.
pub struct ResolveContext<'a> {
    /// The style sheet.
    pub styles: &'a StyleSheet,
    /// Fonts, to measure rule widths.
    pub fonts: &'a FontSet,
    /// Template name, for error locations.
    pub template: &'a str,
}

pub(super) fn excerpt(s: &str, max: usize) -> String {
    if s.chars().count() <= max {
        s.to_string()
    } else {
        let mut out: String = s.chars().take(max).collect();
        out.push('…');
        out
    }
}

pub(super) struct Resolver<'a, 'x> {
    pub(super) ctx: &'a ResolveContext<'a>,
    pub(super) xml: &'x roxmltree::Document<'x>,
    /// Widen a data table's columns to the units kept whole in them (off while an `auto`
    /// orientation is judged on the table as the template draws it).
    pub(super) fit_columns: bool,
}

impl Resolver<'_, '_> {
    pub(super) fn error(&self, node: Node<'_, '_>, message: impl Into<String>) -> Error {
        let pos = self.xml.text_pos_at(node.range().start);
        Error::new(ErrorKind::Markup, message.into()).with_location(Location {
            template: self.ctx.template.to_string(),
            line: Some(pos.row as usize),
            column: Some(pos.col as usize),
        })
    }

    pub(super) fn check_attrs(&self, node: Node<'_, '_>, allowed: &[&str]) -> Result<()> {
        for a in node.attributes() {
            if !allowed.contains(&a.name()) {
                return Err(self.error(
                    node,
                    format!(
                        "<{}> has no attribute `{}` (allowed: {})",
                        node.tag_name().name(),
                        a.name(),
                        allowed.join(", ")
                    ),
                ));
            }
        }
        Ok(())
    }

    pub(super) fn align(&self, node: Node<'_, '_>, v: &str) -> Result<Align> {
        match v {
            "left" => Ok(Align::Left),
            "center" | "centre" => Ok(Align::Center),
            "right" => Ok(Align::Right),
            "justify" | "both" => Ok(Align::Justify),
            _ => Err(self.error(
                node,
                format!("align must be left, center, right or justify, found `{v}`"),
            )),
        }
    }

    pub(super) fn boolean(&self, node: Node<'_, '_>, name: &str, v: &str) -> Result<bool> {
        match v {
            "true" | "yes" | "1" => Ok(true),
            "false" | "no" | "0" => Ok(false),
            _ => Err(self.error(node, format!("{name} must be true or false, found `{v}`"))),
        }
    }

    /// A length: `12pt`, `10mm`, `1.27cm`, `45%` (of `relative_to`) or a bare number (points).
    pub(super) fn length(&self, node: Node<'_, '_>, name: &str, v: &str, relative_to: f32) -> Result<f32> {
        let v = v.trim();
        let (num, factor) = if let Some(n) = v.strip_suffix("pt") {
            (n, 1.0)
        } else if let Some(n) = v.strip_suffix("mm") {
            (n, 72.0 / 25.4)
        } else if let Some(n) = v.strip_suffix("cm") {
            (n, 720.0 / 25.4)
        } else if let Some(n) = v.strip_suffix('%') {
            (n, relative_to / 100.0)
        } else {
            (v, 1.0)
        };
        match num.trim().parse::<f32>() {
            Ok(x) if (0.0..=10_000.0).contains(&x) => Ok(x * factor),
            _ => Err(self.error(
                node,
                format!("{name} must be a length like 12pt, 10mm, 1.27cm or 45%, found `{v}`"),
            )),
        }
    }
}
