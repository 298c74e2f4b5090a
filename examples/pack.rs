//! The whole pack: every document of a congress in DOCX and PDF, with `manifest.json` — into a
//! folder, or one zip.
//!
//! ```sh
//! cargo run --release --example pack -- examples/data/doan-ket-2020.json out/doan-ket
//! cargo run --release --example pack -- examples/data/doan-ket-2020.json out/doan-ket.zip
//! ```

use std::path::PathBuf;

use daihoi::{Engine, Format};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let data = args
        .next()
        .unwrap_or_else(|| "examples/data/bach-mai-2020.json".into());
    let out = PathBuf::from(args.next().unwrap_or_else(|| "out/pack".into()));

    let congress = daihoi::load_congress(&std::fs::read_to_string(&data)?)?;
    let engine = Engine::new()?;
    // All or nothing: an error lists every problem of every document, with field paths.
    let pack = engine.pack(&congress, &[Format::Docx, Format::Pdf])?;
    for w in &pack.warnings {
        eprintln!("warning: {w}");
    }
    for doc in &pack.documents {
        println!(
            "{:<12} {:<28} {}",
            doc.number.as_deref().unwrap_or("—"),
            doc.kind.title(),
            doc.title
        );
    }
    if out.extension().is_some_and(|e| e == "zip") {
        pack.write_zip(&out)?;
    } else {
        pack.write_dir(&out)?;
    }
    println!(
        "{} documents, {} PDF pages → {}",
        pack.documents.len(),
        pack.pdf_pages(),
        out.display()
    );
    Ok(())
}
