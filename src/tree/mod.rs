//! The resolved document tree: what both backends translate.
//!
//! Everything here is explicit: sizes are in points (1/72 inch), every run carries its own size
//! and style, every paragraph its own alignment and spacing, every table its column widths. No
//! template syntax, no style names, no defaults left to a backend. A backend trusts the tree and
//! fails only on what it alone can see (a glyph missing from the font).
//!
//! All text is NFC and contains no control characters (the resolver guarantees it).

mod nodes;
mod write;

pub use nodes::*;
pub use write::write_tree;
