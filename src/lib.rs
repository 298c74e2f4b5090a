//! daihoi — the standardized paperwork of Vietnamese Party grassroots congresses.
#![forbid(unsafe_code)]
#![deny(missing_docs)]

pub mod error;
pub mod font;
pub mod markup;
pub mod model;

pub use error::{Diagnostic, Error, ErrorKind, Result};
