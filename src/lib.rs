//! daihoi — the standardized paperwork of Vietnamese Communist Party grassroots congresses
//! (đại hội chi bộ, đại hội đảng bộ cơ sở), from typed data to DOCX and PDF.
//!
//! ```text
//! congress record (serde, validated once, NFC)  ──►  papers (registry: typed views, numbers)
//!   ──►  Handlebars (templates/, strict)  ──►  markup  ──►  resolved tree
//!   ──┬──►  docx (docx-rs, zip)                                   ──►  .docx
//!     └──►  layout (fonts, lines, pages) ──► pdf (printpdf)        ──►  .pdf
//! ```
//!
//! - [`congress`]: the record — what a congress file holds, loaded with [`load_congress`] and
//!   checked with [`validate`] (every problem, each with its path in the file).
//! - [`DocumentKind`]: the registry of paper kinds; [`DocumentKind::papers`] makes a kind's
//!   [`Paper`]s from a record, numbered by Hướng dẫn 36-HD/VPTW.
//! - [`Engine`]: renders a paper to DOCX or PDF, a batch in parallel, or the whole [`Pack`].
//! - [`rules`]: the Party's tally and the personnel-procedure thresholds; [`vi`]: Vietnamese
//!   dates, number words, name order.
//!
//! One template per document kind feeds both formats; the header block, the title, the
//! signature block and "Nơi nhận" are shared partials. User data is always escaped, so a name
//! like `<b>&{{x}}` prints literally. Rendering reads no clock: the same input gives the same
//! bytes.
//!
//! ```no_run
//! # fn main() -> daihoi::Result<()> {
//! let text = std::fs::read_to_string("examples/data/bach-mai-2020.json").unwrap();
//! let congress = daihoi::load_congress(&text)?;
//! let engine = daihoi::Engine::new()?;                      // fonts parsed once
//! let invitation = daihoi::DocumentKind::Invitation
//!     .paper(&congress, daihoi::About::Guest { guest: 0 })?;
//! let pdf = engine.render(&invitation, daihoi::Format::Pdf)?;
//! std::fs::write("giay-moi.pdf", &pdf.bytes).unwrap();
//! // Every document of the congress in both formats, with manifest.json.
//! let pack = engine.pack(&congress, &[daihoi::Format::Docx, daihoi::Format::Pdf])?;
//! pack.write_dir(std::path::Path::new("out/pack"))?;
//! # Ok(()) }
//! ```
#![forbid(unsafe_code)]
#![deny(missing_docs)]

// The record, the papers and the registry that joins them.
pub mod congress;
mod document;
mod registry;

// The language and the rules: pure, public.
pub mod error;
pub mod rules;
pub mod vi;

// The stages. Private: the engine is their interface. `unstable-internals` opens them to the
// crate's own backend tests and fuzzers; their API carries no semver promise.
macro_rules! stages {
    ($($(#[$doc:meta])* $name:ident;)*) => {$(
        $(#[$doc])*
        #[cfg(feature = "unstable-internals")]
        pub mod $name;
        #[cfg(not(feature = "unstable-internals"))]
        #[allow(dead_code, unreachable_pub, unused_imports)]
        mod $name;
    )*};
}

stages! {
    /// Tree → DOCX.
    docx;
    /// The bundled fonts and their metrics.
    font;
    /// PDF layout: lines, tables, pages.
    layout;
    /// Markup → resolved tree.
    markup;
    /// Laid-out pages → PDF.
    pdf;
    /// The Handlebars registry and helpers.
    template;
}

mod deflate;
mod engine;
mod memo;
mod pack;
mod papers;

// Lists read from a spreadsheet, for the CLI's `import` and the service.
#[cfg(feature = "import")]
pub mod import;
// The congress file's JSON Schema, for editors and the service.
#[cfg(feature = "schema")]
pub mod schema;
// The HTTP service: a thin layer over the public API above.
#[cfg(feature = "server")]
pub mod server;

/// The resolved tree of a paper — what both backends translate ([`Engine::render_tree`]) —
/// and its canonical text form ([`tree::write_tree`]), used for golden tests.
pub mod tree;

pub use congress::{load_congress, load_json, Congress};
pub use document::{About, Paper, PaperMeta};
pub use engine::{BatchItem, Engine, EngineBuilder, Format, Rendered};
pub use error::{Diagnostic, Error, ErrorKind, Result};
pub use pack::{
    write_atomic, Checksum, Manifest, ManifestEntry, ManifestFile, Pack, PackDocument, PackFile,
    PackOutput, StagedDir, Written, MANIFEST,
};
pub use papers::validate;
pub use registry::DocumentKind;
pub use template::FormatOptions;
