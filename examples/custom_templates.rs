//! Custom templates: the files of a directory replace the built-in templates of the same name
//! (`NAME.hbs`, `partials/NAME.hbs`); the others stay built in. Here `examples/templates`
//! replaces the signature partial so every document carries "(Ký tên, đóng dấu)" under the
//! title of the signer.
//!
//! ```sh
//! cargo run --example custom_templates -- examples/templates out/custom
//! ```

use std::path::PathBuf;

use daihoi::{About, DocumentKind, Engine, Format};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let templates = args.next().unwrap_or_else(|| "examples/templates".into());
    let out = PathBuf::from(args.next().unwrap_or_else(|| "out/custom".into()));

    let text = std::fs::read_to_string("examples/data/bach-mai-2020.json")?;
    let congress = daihoi::load_congress(&text)?;
    // A template with an error fails here, naming the file, line and column.
    let engine = Engine::builder().template_dir(&templates).build()?;
    let summons = DocumentKind::Summons.paper(&congress, About::Congress)?;
    // The markup the templates produce, for checking a template by eye.
    println!("{}", engine.render_markup(&summons)?);
    std::fs::create_dir_all(&out)?;
    let pdf = engine.render(&summons, Format::Pdf)?;
    let path = out.join(format!("{}.pdf", summons.meta().file_stem));
    std::fs::write(&path, &pdf.bytes)?;
    println!("wrote {}", path.display());
    Ok(())
}
