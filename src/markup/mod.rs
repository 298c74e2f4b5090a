//! Markup → tree: the resolved tree types, the parser and resolver of the markup that templates
//! produce (with the style sheet), and a writer of the tree back to canonical text.

mod resolve;
mod style;
pub mod tree;
mod typography;
mod write;

pub use resolve::{resolve, Measure, ResolveContext};
pub use style::{ParagraphStyle, ResolvedStyle, StyleSheet};
pub use write::write_tree;
