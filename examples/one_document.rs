//! One document: load a congress file, make its congress minutes (Biên bản đại hội), write them
//! as DOCX and PDF.
//!
//! ```sh
//! cargo run --example one_document -- examples/data/bach-mai-2020.json out/one
//! ```

use std::path::PathBuf;

use daihoi::{About, DocumentKind, Engine, Format};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let data = args
        .next()
        .unwrap_or_else(|| "examples/data/bach-mai-2020.json".into());
    let out = PathBuf::from(args.next().unwrap_or_else(|| "out/one".into()));

    // Errors name the file's field: "elections[0].rounds[1].ballots.valid: …".
    let congress = daihoi::load_congress(&std::fs::read_to_string(&data)?)?;
    // Build the engine once (fonts parsed, templates compiled); it renders from any thread.
    let engine = Engine::new()?;

    // Any paper of the congress: its kind, and what it is about (a guest, an election round …).
    let minutes = DocumentKind::CongressMinutes.paper(&congress, About::Congress)?;
    std::fs::create_dir_all(&out)?;
    for file in engine.render_formats(&minutes, &[Format::Docx, Format::Pdf])? {
        let path = out.join(format!(
            "{}.{}",
            minutes.meta().file_stem,
            file.format.extension()
        ));
        std::fs::write(&path, &file.bytes)?;
        println!("wrote {}", path.display());
    }
    Ok(())
}
