//! `daihoi` — render the paperwork of a Party congress from its JSON file.
//!
//! Exit codes: 0 all written; 2 bad input (the message names the file and field; files that
//! could be made are still written); 1 anything else (I/O).

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Parser, Subcommand};
use daihoi::{Congress, DocumentKind, Engine, Error, ErrorKind, Format, Rendered};

/// `println!` that does not panic when the reader of stdout has gone (`daihoi kinds | head`):
/// what is said on stdout is a report of what was done, and the work is finished (and its
/// files moved into place) whether or not anyone reads it.
macro_rules! println {
    ($($arg:tt)*) => { say(format_args!("{}\n", format_args!($($arg)*))) };
}

/// `print!`, as [`println!`] here.
macro_rules! print {
    ($($arg:tt)*) => { say(format_args!($($arg)*)) };
}

fn say(text: std::fmt::Arguments) {
    use std::io::Write as _;
    // A closed pipe (or a full disk behind a redirection) cannot be told on stdout either.
    let _ = std::io::stdout().lock().write_fmt(text);
}

#[derive(Parser)]
#[command(
    name = "daihoi",
    version,
    about = "Paperwork of Vietnamese Party grassroots congresses, as DOCX and PDF"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Render documents of a congress: one kind, or `all`.
    Render {
        /// The document kind (see `daihoi kinds`), or `all`.
        kind: String,
        /// The congress file (JSON).
        #[arg(long)]
        data: PathBuf,
        /// Formats, comma-separated: docx, pdf, or both.
        #[arg(long, default_value = "docx,pdf")]
        format: String,
        /// Output folder (created if missing).
        #[arg(long, default_value = "out")]
        out: PathBuf,
        /// A folder of templates that replace the built-in ones by name.
        #[arg(long)]
        templates: Option<PathBuf>,
    },
    /// Make every document of a congress (DOCX and PDF) and a manifest.json, in a folder or
    /// one zip.
    Pack {
        /// The congress file (JSON).
        #[arg(long)]
        data: PathBuf,
        /// Output folder (created if missing), or the zip file with --zip.
        #[arg(long)]
        out: PathBuf,
        /// Write one zip archive at --out instead of a folder.
        #[arg(long)]
        zip: bool,
        /// Formats, comma-separated: docx, pdf, or both.
        #[arg(long, default_value = "docx,pdf")]
        format: String,
        /// A folder of templates that replace the built-in ones by name.
        #[arg(long)]
        templates: Option<PathBuf>,
    },
    /// List the document kinds.
    Kinds,
    /// Tally an election (the Party's rules) and print the outcome.
    Tally {
        /// The election file (JSON; see the README).
        election: PathBuf,
        /// Print JSON instead of text.
        #[arg(long)]
        json: bool,
    },
    /// Add people, guests, candidates or delegates from a spreadsheet (.xlsx, .ods, .csv)
    /// to a congress file. The first row names the columns ("Họ và tên", "Chức vụ", …); bad
    /// rows are reported by row and column and the good ones added (exit code 2 when any row
    /// was bad). The file is rewritten whole or not at all; nothing in it is lost.
    Import {
        /// The sheet.
        sheet: PathBuf,
        /// The congress file to add to.
        #[arg(long)]
        into: PathBuf,
        /// The list: people, guests, candidates or delegates.
        #[arg(long = "as", value_name = "LIST")]
        list: String,
    },
    /// Serve the HTTP API (validate, render, pack, tally) and the editor page until Ctrl-C
    /// or SIGTERM.
    #[cfg(feature = "server")]
    Serve {
        /// The address to listen on (loopback by default; port 0 picks a free one).
        #[arg(long, default_value = "127.0.0.1:8080")]
        addr: std::net::SocketAddr,
        /// A folder of templates that replace the built-in ones by name (read at start-up).
        #[arg(long)]
        templates: Option<PathBuf>,
        /// The largest request body, in MB.
        #[arg(long, default_value_t = 5)]
        max_body_mb: usize,
        /// Requests at work at once [default: the number of cores].
        #[arg(long)]
        concurrent: Option<usize>,
        /// Requests that may wait for a slot before the next one gets 503.
        #[arg(long, default_value_t = 16)]
        queue: usize,
        /// The time limit of one request, in seconds (then 504).
        #[arg(long, default_value_t = 30)]
        timeout: u64,
    },
    /// Serve the HTTP API and the editor page (a build with the `server` feature).
    #[cfg(not(feature = "server"))]
    Serve {
        /// Whatever was asked of the service.
        #[arg(trailing_var_arg = true, allow_hyphen_values = true, hide = true)]
        rest: Vec<String>,
    },
}

fn main() -> ExitCode {
    fixed_mmap_threshold();
    let cli = Cli::parse();
    match run(cli) {
        Ok(code) => code,
        Err(e) => {
            eprintln!("error: {}", printable(&format!("{e:#}")));
            ExitCode::from(exit_code(&e))
        }
    }
}

/// Keeps glibc's allocator from raising its mmap threshold. By default each block above the
/// threshold (128 KiB) is mapped on its own and unmapped when freed, and glibc then raises the
/// threshold to that block's size: later blocks of that size come from the threads' heaps,
/// where the big papers' buffers (a 10 000-guest script's layout and files) stay as holes
/// that the smaller allocations around them keep the heap from giving back. With the
/// threshold fixed, a 10 000-guest pack peaks at 64 MB instead of 73 MB, in the same time.
/// A program that embeds the library can do the same, or set `MALLOC_MMAP_THRESHOLD_=131072`
/// in the environment.
#[cfg(all(target_os = "linux", target_env = "gnu"))]
fn fixed_mmap_threshold() {
    // SAFETY: `mallopt` only changes a setting of the allocator. It is called before any
    // thread starts, and an unknown value is refused with 0, which is ignored here.
    unsafe {
        libc::mallopt(libc::M_MMAP_THRESHOLD, 128 * 1024);
    }
}

#[cfg(not(all(target_os = "linux", target_env = "gnu")))]
fn fixed_mmap_threshold() {}

fn exit_code(e: &Error) -> u8 {
    match e.kind() {
        ErrorKind::Io => 1,
        _ => 2,
    }
}

fn run(cli: Cli) -> Result<ExitCode, Error> {
    match cli.command {
        Command::Kinds => {
            for k in DocumentKind::ALL {
                let code = k.type_code().map(|c| format!(" ({c})")).unwrap_or_default();
                println!("{:<28} {}{code}", k.name(), k.title());
            }
            println!("{:<28} every kind above", "all");
            Ok(ExitCode::SUCCESS)
        }
        Command::Pack {
            data,
            out,
            zip,
            format,
            templates,
        } => {
            let formats = parse_formats(&format)?;
            let congress = read_congress(&data)?;
            let engine = build_engine(templates)?;
            let started = std::time::Instant::now();
            // A progress bar on a terminal; nothing when the output is piped.
            let bar = indicatif::ProgressBar::new(0);
            bar.set_style(
                indicatif::ProgressStyle::with_template(
                    "{spinner} [{bar:40}] {pos}/{len} documents {elapsed}",
                )
                .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar())
                .progress_chars("=> "),
            );
            let target = if zip {
                daihoi::PackOutput::Zip(out.clone())
            } else {
                daihoi::PackOutput::Folder(out.clone())
            };
            let written = engine.write_pack(&congress, &formats, &target, &|done, total| {
                bar.set_length(total as u64);
                bar.set_position(done as u64);
            });
            bar.finish_and_clear();
            let written = match written {
                Ok(w) => w,
                Err(e) => {
                    let e = match e.kind() {
                        ErrorKind::Io => e,
                        _ => in_data(e, &data),
                    };
                    eprintln!("error: {}", printable(&format!("{e:#}")));
                    eprintln!("nothing was written to {}", out.display());
                    return Ok(ExitCode::from(exit_code(&e)));
                }
            };
            for w in &written.warnings {
                eprintln!("warning: {}: {}", data.display(), printable(&w.to_string()));
            }
            let manifest = &written.manifest;
            for d in &manifest.documents {
                for w in &d.warnings {
                    eprintln!(
                        "warning: {}: {}",
                        printable(&d.title),
                        printable(&w.to_string())
                    );
                }
            }
            let (documents, files, pages) = (
                manifest.document_count,
                manifest.file_count,
                manifest.pdf_pages(),
            );
            let seconds = started.elapsed().as_secs_f64();
            if zip {
                println!(
                    "{documents} documents ({files} files, {pages} PDF pages) and manifest.json \
                     written to {} in {seconds:.2} s",
                    out.display(),
                );
            } else {
                println!(
                    "{documents} documents ({files} files, {pages} PDF pages) written to {}/ in \
                     {seconds:.2} s; the list is {}",
                    out.display(),
                    out.join(daihoi::MANIFEST).display()
                );
            }
            Ok(ExitCode::SUCCESS)
        }
        #[cfg(feature = "server")]
        Command::Serve {
            addr,
            templates,
            max_body_mb,
            concurrent,
            queue,
            timeout,
        } => {
            let mut options = daihoi::server::ServerOptions {
                max_body_bytes: max_body_mb.saturating_mul(1024 * 1024),
                max_queue: queue,
                timeout: std::time::Duration::from_secs(timeout),
                ..Default::default()
            };
            if let Some(n) = concurrent {
                options.max_concurrent = n;
            }
            serve(addr, build_engine(templates)?, options)
        }
        #[cfg(not(feature = "server"))]
        Command::Serve { .. } => Err(Error::new(
            ErrorKind::InvalidData,
            "this build has no service: build it with `cargo run --release --features \
             cli,server -- serve`",
        )),
        Command::Import { sheet, into, list } => import(&sheet, &into, &list),
        Command::Tally { election, json } => {
            let text = std::fs::read_to_string(&election).map_err(|e| io_error(&election, e))?;
            // Through the loader: NFC, and every control character an error naming its field.
            let e: daihoi::rules::Election =
                daihoi::load_json(&text).map_err(|err| in_text(err, &election, &text))?;
            let t = daihoi::rules::tally(&e).map_err(|err| in_text(err, &election, &text))?;
            if json {
                let out = serde_json::to_string_pretty(&t).map_err(|err| {
                    Error::new(ErrorKind::Json, format!("cannot write JSON: {err}"))
                })?;
                println!("{out}");
            } else {
                print!("{}", printable(&t.to_text(&e)));
            }
            Ok(ExitCode::SUCCESS)
        }
        Command::Render {
            kind,
            data,
            format,
            out,
            templates,
        } => {
            let kinds: Vec<DocumentKind> = if kind == "all" {
                DocumentKind::ALL.to_vec()
            } else {
                vec![DocumentKind::from_name(&kind).ok_or_else(|| {
                    Error::new(
                        ErrorKind::InvalidData,
                        format!("unknown document kind `{kind}`; `daihoi kinds` lists them"),
                    )
                })?]
            };
            let formats = parse_formats(&format)?;
            let congress = read_congress(&data)?;
            let engine = build_engine(templates)?;
            // Files are staged beside `out` and moved in at the end: a run that fails on the
            // disk leaves `out` as it was, and one that makes nothing leaves no folder.
            let mut staged = daihoi::StagedDir::new(&out)?;
            let mut failed = 0usize;
            let mut report = Vec::new();
            let mut told = Told::new(&data);
            for kind in kinds {
                let whole = engine.render_kind_each(&congress, kind, &formats, &mut |item| {
                    match item.result {
                        Ok(files) => {
                            for file in files {
                                report.push(stage(&mut staged, &item.file_stem, &file)?);
                            }
                        }
                        Err(e) => {
                            failed += 1;
                            told.error(e);
                        }
                    }
                    Ok(())
                });
                // A problem that stops every paper of the kind (a guest's name the script
                // prints) stops that kind only: the other kinds are still made.
                if let Err(e) = whole {
                    if e.kind() == ErrorKind::Io {
                        return Err(e);
                    }
                    failed += 1;
                    told.error(e.with_document(kind.title()));
                }
            }
            let written = staged.names().len();
            if written > 0 {
                staged.commit()?;
                for line in report {
                    println!("{line}");
                }
                println!("{written} file(s) written to {}", out.display());
            } else {
                println!(
                    "nothing written; {} was not created or changed",
                    out.display()
                );
            }
            if failed > 0 {
                eprintln!("{failed} document(s) could not be made; see the errors above");
                return Ok(ExitCode::from(2));
            }
            Ok(ExitCode::SUCCESS)
        }
    }
}

/// The errors of a `render` run, each problem printed once: a guest's bad name stops their
/// invitation and every paper that names all guests, and is told the first time only.
struct Told<'a> {
    data: &'a Path,
    /// The file's text, read again at the first error (for the lines).
    text: Option<String>,
    seen: std::collections::HashSet<String>,
}

impl<'a> Told<'a> {
    fn new(data: &'a Path) -> Self {
        Told {
            data,
            text: None,
            seen: Default::default(),
        }
    }

    fn error(&mut self, e: Error) {
        let data = self.data;
        let text = self
            .text
            .get_or_insert_with(|| std::fs::read_to_string(data).unwrap_or_default());
        let e = in_text(e, data, text);
        let fresh: Vec<&daihoi::Diagnostic> = e
            .diagnostics()
            .iter()
            .filter(|d| !self.seen.contains(&d.to_string()))
            .collect();
        if e.diagnostics().is_empty() || fresh.len() == e.diagnostics().len() {
            eprintln!("error: {}", printable(&format!("{e:#}")));
        } else if fresh.is_empty() {
            eprintln!(
                "error: {}: {} not made, for the problem above",
                data.display(),
                printable(e.document().unwrap_or("a document"))
            );
        } else {
            eprintln!(
                "error: {}: {} not made, for the problems above and:",
                data.display(),
                printable(e.document().unwrap_or("a document"))
            );
            for d in &fresh {
                match line_of(text, &d.path) {
                    Some(n) if !d.path.is_empty() => eprintln!(
                        "  - {} (line {n}): {}",
                        printable(&d.path.to_string()),
                        printable(&d.message)
                    ),
                    _ => eprintln!("  - {}", printable(&d.to_string())),
                }
            }
        }
        self.seen
            .extend(e.diagnostics().iter().map(|d| d.to_string()));
    }
}

/// Serves the HTTP API on `addr` until Ctrl-C or SIGTERM; prints the address first (port 0
/// picks a free one, and the line says which).
#[cfg(feature = "server")]
fn serve(
    addr: std::net::SocketAddr,
    engine: Engine,
    options: daihoi::server::ServerOptions,
) -> Result<ExitCode, Error> {
    use std::io::Write as _;
    let io = |what: &str, e: std::io::Error| Error::new(ErrorKind::Io, format!("{what}: {e}"));
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .map_err(|e| io("cannot start the runtime", e))?;
    runtime.block_on(async move {
        let listener = tokio::net::TcpListener::bind(addr)
            .await
            .map_err(|e| io(&format!("cannot listen on {addr}"), e))?;
        let bound = listener
            .local_addr()
            .map_err(|e| io("cannot read the address", e))?;
        // A closed stdout (a supervisor that read the address and went) must not stop the
        // service: these lines are written, never printed with a panic on failure.
        let mut out = std::io::stdout();
        let _ = writeln!(out, "listening on http://{bound}");
        let _ = writeln!(
            out,
            "limits: body {} MB, {} at work and {} waiting, {} s per request; Ctrl-C stops",
            options.max_body_bytes / (1024 * 1024),
            options.max_concurrent,
            options.max_queue,
            options.timeout.as_secs()
        );
        let app = daihoi::server::router(engine, options);
        axum::serve(listener, app)
            .with_graceful_shutdown(stop_signal())
            .await
            .map_err(|e| io("the server stopped", e))
    })?;
    Ok(ExitCode::SUCCESS)
}

/// Ctrl-C, or SIGTERM where there are signals.
#[cfg(feature = "server")]
async fn stop_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let term = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! {
        _ = ctrl_c => {},
        _ = term => {},
    }
}

/// The engine, with the templates of `dir` replacing the built-in ones by name.
/// `daihoi import`: reads the sheet, adds its good rows to the congress file (written whole,
/// through a temporary file), reports the rest.
fn import(sheet: &Path, into: &Path, list: &str) -> Result<ExitCode, Error> {
    use daihoi::import::{self, ListKind};
    let kind = ListKind::from_name(list).ok_or_else(|| {
        Error::new(
            ErrorKind::InvalidData,
            format!("unknown list `{list}`; expected people, guests, candidates or delegates"),
        )
    })?;
    let bytes = std::fs::read(sheet).map_err(|e| io_error(sheet, e))?;
    let name = sheet
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let imported = import::read_sheet(&bytes, &name, kind)
        .map_err(|e| e.with_document(sheet.display().to_string()))?;
    let text = std::fs::read_to_string(into).map_err(|e| io_error(into, e))?;
    let merged =
        import::merge(&text, &imported).map_err(|e| e.with_document(into.display().to_string()))?;
    if merged.added > 0 {
        let dir = into
            .parent()
            .filter(|d| !d.as_os_str().is_empty())
            .unwrap_or(Path::new("."));
        let file = into
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        daihoi::write_atomic(dir, &file, merged.text.as_bytes())?;
    }
    println!(
        "{}: {} added to `{}` of {}",
        sheet.display(),
        merged.added,
        kind.field(),
        into.display()
    );
    for p in &merged.skipped {
        println!("{}: {p}", sheet.display());
    }
    for p in &imported.problems {
        eprintln!("error: {}: {p}", sheet.display());
    }
    Ok(if imported.problems.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(2)
    })
}

fn build_engine(dir: Option<PathBuf>) -> Result<Engine, Error> {
    let mut builder = Engine::builder();
    if let Some(dir) = dir {
        builder = builder.template_dir(dir);
    }
    builder.build()
}

fn parse_formats(spec: &str) -> Result<Vec<Format>, Error> {
    let mut out = Vec::new();
    for part in spec.split(',').filter(|p| !p.trim().is_empty()) {
        let f = Format::from_name(part).ok_or_else(|| {
            Error::new(
                ErrorKind::InvalidData,
                format!("unknown format `{}`; expected docx or pdf", part.trim()),
            )
        })?;
        if !out.contains(&f) {
            out.push(f);
        }
    }
    if out.is_empty() {
        return Err(Error::new(
            ErrorKind::InvalidData,
            "no format given; expected docx, pdf or both",
        ));
    }
    Ok(out)
}

fn read_congress(path: &Path) -> Result<Congress, Error> {
    let text = std::fs::read_to_string(path).map_err(|e| io_error(path, e))?;
    daihoi::load_congress(&text).map_err(|e| in_text(e, path, &text))
}

/// An error about the data of the file at `path`, read again for the lines of its fields: its
/// text is not held while the papers are made (a 10 000-guest file is 1.8 MB).
fn in_data(e: Error, path: &Path) -> Error {
    let text = std::fs::read_to_string(path).unwrap_or_default();
    in_text(e, path, &text)
}

/// An error about the data of the file at `path`, whose text is `text`: it names the file,
/// and each field with its line there.
fn in_text(e: Error, path: &Path, text: &str) -> Error {
    e.in_file(path.display().to_string())
        .with_lines(|p| line_of(text, p))
}

/// The line of the field at `path` in `text`; none in a file of one line (written by a
/// program), which gains nothing from "line 1".
fn line_of(text: &str, path: &daihoi::error::Path) -> Option<usize> {
    if text.trim_end().contains('\n') {
        daihoi::congress::line_in(text, path)
    } else {
        None
    }
}

fn io_error(path: &Path, e: std::io::Error) -> Error {
    Error::new(ErrorKind::Io, format!("{}: {e}", path.display()))
}

/// Stages one rendered file and says what it will be.
fn stage(staged: &mut daihoi::StagedDir, stem: &str, file: &Rendered) -> Result<String, Error> {
    let name = format!("{stem}.{}", file.format.extension());
    let target = staged.write(&name, &file.bytes)?;
    let pages = file
        .pages
        .map(|p| format!(", {p} page(s)"))
        .unwrap_or_default();
    let mut line = format!(
        "wrote {} ({} bytes{pages})",
        printable(&target.display().to_string()),
        file.bytes.len()
    );
    for w in &file.warnings {
        line.push_str(&format!("\n  warning: {}", printable(&w.to_string())));
    }
    Ok(line)
}

/// `text` as a terminal can show it: control characters (a BEL, an ESC that would start a
/// colour code) and the invisible marks that reorder a line are written as `\u{7}` escapes;
/// line breaks of the message itself stay.
fn printable(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        let invisible = matches!(c, '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}');
        if (c.is_control() && c != '\n') || invisible {
            out.push_str(&c.escape_unicode().to_string());
        } else {
            out.push(c);
        }
    }
    out
}
