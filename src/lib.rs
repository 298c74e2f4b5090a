//! daihoi — the standardized paperwork of Vietnamese Communist Party grassroots congresses
//! (đại hội chi bộ, đại hội đảng bộ cơ sở), from typed data to DOCX and PDF.
//!
//! ```text
//! typed data (serde, validated, NFC)  ──►  Handlebars (templates/, strict)  ──►  markup
//!   ──►  resolved tree  ──┬──►  docx (docx-rs)                    ──►  .docx
//!                         └──►  layout (fonts, lines, pages) ──► pdf (printpdf) ──►  .pdf
//! ```
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
//! let engine = daihoi::Engine::new()?;                      // fonts parsed, templates compiled
//! let invitation = daihoi::Invitation::for_guest(&congress, 0).unwrap();
//! let pdf = engine.render(&invitation, daihoi::Format::Pdf)?;
//! std::fs::write("giay-moi.pdf", &pdf.bytes).unwrap();
//! // Every document of the congress in both formats, with manifest.json.
//! let pack = engine.pack(&congress, &[daihoi::Format::Docx, daihoi::Format::Pdf])?;
//! pack.write_dir(std::path::Path::new("out/pack"))?;
//! # Ok(()) }
//! ```
#![forbid(unsafe_code)]
#![deny(missing_docs)]

mod deflate;
pub mod docx;
mod engine;
pub mod error;
pub mod font;
pub mod layout;
pub mod markup;
pub mod model;
mod pack;
pub mod pdf;
pub mod rules;
pub mod template;
pub mod vi;

pub use engine::{load_congress, load_json, BatchItem, Engine, EngineBuilder, Format, Rendered};
pub use error::{Diagnostic, Error, ErrorKind, Result};
pub use model::{Congress, Document, DocumentKind, Invitation, Summons};
pub use pack::{write_atomic, Manifest, ManifestEntry, ManifestFile, Pack, PackDocument, PackFile};
