//! Markup → tree: the resolved tree types, the parser of the markup that templates produce, the
//! resolver that applies the style sheet, and a writer of the tree back to canonical text.

pub mod tree;
