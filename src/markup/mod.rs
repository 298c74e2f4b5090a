//! Markup → tree: the parser and resolver of the markup that templates produce, with the style
//! sheet and the typography of set phrases.

mod resolve;
mod style;
mod typography;

pub use resolve::{resolve, ResolveContext};
pub use style::{ParagraphStyle, ResolvedStyle, StyleSheet};
