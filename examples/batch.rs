//! A batch: one invitation (giấy mời) per guest, made in parallel. A guest whose data has a
//! problem fails alone; the others are still made.
//!
//! ```sh
//! cargo run --release --example batch -- examples/data/bach-mai-2020.json out/invitations
//! ```

use std::path::PathBuf;

use daihoi::{DocumentKind, Engine, Format};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let data = args
        .next()
        .unwrap_or_else(|| "examples/data/bach-mai-2020.json".into());
    let out = PathBuf::from(args.next().unwrap_or_else(|| "out/invitations".into()));

    let congress = daihoi::load_congress(&std::fs::read_to_string(&data)?)?;
    let engine = Engine::new()?;
    std::fs::create_dir_all(&out)?;
    let mut failed = 0;
    for item in engine.render_kind(
        &congress,
        DocumentKind::Invitation,
        &[Format::Pdf, Format::Docx],
    )? {
        match item.result {
            Ok(files) => {
                for f in files {
                    let path = out.join(format!("{}.{}", item.file_stem, f.format.extension()));
                    std::fs::write(&path, &f.bytes)?;
                }
                println!("{:>3}. {}", item.index + 1, item.recipient);
            }
            Err(e) => {
                failed += 1;
                eprintln!("{:>3}. {}: {e}", item.index + 1, item.recipient);
            }
        }
    }
    println!("written to {} ({failed} failed)", out.display());
    Ok(())
}
