//! The engine: fonts parsed and templates compiled once, then papers rendered — alone, or a
//! batch in parallel.

use std::path::PathBuf;

use serde_json::Value;

use crate::congress::{for_each_string, for_each_text, Congress};
use crate::document::Paper;
use crate::error::{Diagnostic, Error, Result};
use crate::font::FontSet;
use crate::markup::{self, ResolveContext, StyleSheet};
use crate::papers;
use crate::registry::DocumentKind;
use crate::template::{FormatOptions, Templates};
use crate::tree;

/// An output format.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Format {
    /// Office Open XML (Word).
    Docx,
    /// PDF with the bundled font embedded.
    Pdf,
}

impl Format {
    /// The file extension: `docx`, `pdf`.
    pub fn extension(self) -> &'static str {
        match self {
            Format::Docx => "docx",
            Format::Pdf => "pdf",
        }
    }

    /// Parses `docx` or `pdf`.
    pub fn from_name(name: &str) -> Option<Format> {
        match name.trim().to_ascii_lowercase().as_str() {
            "docx" => Some(Format::Docx),
            "pdf" => Some(Format::Pdf),
            _ => None,
        }
    }

    /// The media type: `application/pdf`, …
    pub fn media_type(self) -> &'static str {
        match self {
            Format::Docx => {
                "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
            }
            Format::Pdf => "application/pdf",
        }
    }
}

impl std::fmt::Display for Format {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.extension())
    }
}

/// A rendered file.
#[derive(Debug, Clone)]
pub struct Rendered {
    /// The format of `bytes`.
    pub format: Format,
    /// The file's bytes.
    pub bytes: Vec<u8>,
    /// Pages, where the format knows them (PDF).
    pub pages: Option<usize>,
    /// Findings that did not stop the rendering (a word broken to fit, a glyph Word may lack).
    pub warnings: Vec<Diagnostic>,
}

/// Builds an [`Engine`] with non-default templates, styles or formatting choices.
#[derive(Debug, Clone, Default)]
pub struct EngineBuilder {
    template_dir: Option<PathBuf>,
    styles: Option<StyleSheet>,
    format: FormatOptions,
}

impl EngineBuilder {
    /// Templates in `dir` (`NAME.hbs`, `partials/NAME.hbs`) replace the built-ins of the same
    /// name; the others stay.
    pub fn template_dir(mut self, dir: impl Into<PathBuf>) -> Self {
        self.template_dir = Some(dir.into());
        self
    }

    /// Replaces the formatting choices ("Số:" with a colon, plain times, number words).
    pub fn format_options(mut self, options: FormatOptions) -> Self {
        self.format = options;
        self
    }

    /// Replaces the style sheet (page setup and named styles).
    #[cfg(feature = "unstable-internals")]
    pub fn styles(mut self, styles: StyleSheet) -> Self {
        self.styles = Some(styles);
        self
    }

    /// Parses the fonts and reads (and compiles) the override templates; the built-in
    /// templates are compiled when first rendered.
    pub fn build(self) -> Result<Engine> {
        let fonts = FontSet::bundled()?;
        Ok(Engine {
            templates: Templates::new(self.template_dir.as_deref(), &self.format)?,
            pdf: crate::pdf::PdfWriter::new(&fonts)?,
            fonts,
            styles: self.styles.unwrap_or_default(),
        })
    }
}

/// Renders papers. Build once, render many: it is `Send + Sync` and renders concurrently.
#[derive(Debug)]
pub struct Engine {
    templates: Templates,
    fonts: FontSet,
    styles: StyleSheet,
    pdf: crate::pdf::PdfWriter,
}

/// One paper of a batch: whom it is for and what came of it.
#[derive(Debug)]
pub struct BatchItem {
    /// Position in the batch (for invitations, the guest's position in `guests`).
    pub index: usize,
    /// Whom the paper is for, or its title.
    pub recipient: String,
    /// A safe file name without extension.
    pub file_stem: String,
    /// The files, one per format asked for, or why this one failed.
    pub result: Result<Vec<Rendered>>,
}

impl Engine {
    /// An engine with the built-in templates, the Party's styles and the bundled font.
    pub fn new() -> Result<Engine> {
        EngineBuilder::default().build()
    }

    /// A builder for non-default templates or formatting choices.
    pub fn builder() -> EngineBuilder {
        EngineBuilder::default()
    }

    /// The bundled font's metrics (for the crate's own layout tests).
    #[cfg(feature = "unstable-internals")]
    pub fn fonts(&self) -> &FontSet {
        &self.fonts
    }

    /// Every problem that would stop a paper of `congress`, each with its path in the congress
    /// file: the record's own ([`Congress::validate`]), numbers pinned twice, and characters
    /// the bundled font cannot print. Empty when the whole pack can be made.
    pub fn validate(&self, congress: &Congress) -> Vec<Diagnostic> {
        let mut out = papers::validate(congress);
        for d in self.glyph_problems(congress) {
            if !out.contains(&d) {
                out.push(d);
            }
        }
        out
    }

    /// Characters of the record that cannot be printed — control characters, and characters
    /// the bundled font lacks — with their paths in the record. (A loaded record's control
    /// characters were found at load; a record built in code is checked here.)
    pub(crate) fn glyph_problems(&self, congress: &Congress) -> Vec<Diagnostic> {
        let mut out = Vec::new();
        for_each_text(congress, &mut |path, s| {
            let control = crate::congress::text_problem(s);
            if !control.is_empty() {
                out.push(Diagnostic::new(path.clone(), control));
            } else if let Some(m) = self.glyph_problem(s) {
                out.push(Diagnostic::new(path.clone(), m));
            }
        });
        out
    }

    /// What is wrong with `s`: its first character that the bundled font cannot print.
    fn glyph_problem(&self, s: &str) -> Option<String> {
        // Control characters are reported by the record's own checks, not as glyphs.
        let c = self.fonts.first_missing(s).filter(|c| !c.is_control())?;
        Some(format!(
            "contains '{c}' (U+{:04X}), which the bundled font (Liberation Serif) cannot print",
            c as u32
        ))
    }

    /// Renders `paper` as `format`.
    pub fn render(&self, paper: &Paper, format: Format) -> Result<Rendered> {
        let (tree, mut warnings) = self.prepare_tree(paper, format == Format::Pdf)?;
        self.export(&tree, format, &mut warnings, &mut None)
            .map_err(|e| e.with_document(paper.meta().label()))
    }

    /// Renders `paper` once into the tree and exports it in each format.
    pub fn render_formats(&self, paper: &Paper, formats: &[Format]) -> Result<Vec<Rendered>> {
        self.render_formats_gated(paper, formats, None)
    }

    /// [`Engine::render_formats`]; a paper whose tree is long (a script that names ten
    /// thousand guests) is exported while holding `big`, so that a batch exports one such
    /// paper at a time: each costs tens of megabytes while it is written, a short one little.
    pub(crate) fn render_formats_gated(
        &self,
        paper: &Paper,
        formats: &[Format],
        big: Option<&std::sync::Mutex<()>>,
    ) -> Result<Vec<Rendered>> {
        let (tree, warnings) = self.prepare_tree(paper, formats.contains(&Format::Pdf))?;
        // A poisoned lock only means another paper panicked; the gate itself holds nothing.
        let _gate = big
            .filter(|_| tree_size(&tree.blocks) > BIG_PAPER)
            .map(|m| m.lock().unwrap_or_else(|e| e.into_inner()));
        // Where the DOCX asks where the PDF begins its pages, the PDF (asked too) is made first
        // and tells it; the papers are handed back in the order asked.
        let mut order: Vec<usize> = (0..formats.len()).collect();
        if crate::docx::asks_where_pages_begin(&tree) {
            order.sort_by_key(|&i| formats[i] != Format::Pdf);
        }
        let mut page_rows = None;
        let mut made: Vec<Option<Rendered>> = formats.iter().map(|_| None).collect();
        for i in order {
            let mut w = warnings.clone();
            let rendered = self
                .export(&tree, formats[i], &mut w, &mut page_rows)
                .map_err(|e| e.with_document(paper.meta().label()))?;
            made[i] = Some(rendered);
        }
        Ok(made.into_iter().flatten().collect())
    }

    /// Writes an already resolved tree (from [`Engine::render_tree`]) as `format`.
    pub fn export_tree(&self, tree: &tree::Document, format: Format) -> Result<Rendered> {
        self.export(tree, format, &mut Vec::new(), &mut None)
    }

    /// Writes `tree` as `format`. `page_rows`: where the PDF's layout begins a page inside a
    /// table ([`crate::layout::Layout::rows_starting_pages`]) once known — set by a PDF, read
    /// by a DOCX, worked out for the DOCX when no PDF told it.
    fn export(
        &self,
        tree: &tree::Document,
        format: Format,
        warnings: &mut Vec<Diagnostic>,
        page_rows: &mut Option<Vec<(usize, usize)>>,
    ) -> Result<Rendered> {
        match format {
            Format::Docx => Ok(Rendered {
                format,
                bytes: crate::docx::export_paged(
                    tree,
                    page_rows.get_or_insert_with(|| self.page_rows(tree)),
                )?,
                pages: None,
                warnings: std::mem::take(warnings),
            }),
            Format::Pdf => {
                let out = self.pdf.export_with(tree)?;
                *page_rows = Some(out.rows_starting_pages);
                warnings.extend(out.warnings.into_iter().map(|w| Diagnostic::new("", w)));
                Ok(Rendered {
                    format,
                    bytes: out.bytes,
                    pages: Some(out.pages),
                    warnings: std::mem::take(warnings),
                })
            }
        }
    }

    /// Where the PDF's layout begins a page inside a top-level table of `tree`, when its DOCX
    /// asks ([`crate::docx::export_paged`]); nothing where the layout fails (a glyph missing
    /// from the PDF's faces: Word and LibreOffice take it from another font).
    fn page_rows(&self, tree: &tree::Document) -> Vec<(usize, usize)> {
        if !crate::docx::asks_where_pages_begin(tree) {
            return Vec::new();
        }
        crate::layout::rows_starting_pages(tree, self.pdf.fonts()).unwrap_or_default()
    }

    /// The markup the template produces for `paper` (for debugging templates).
    pub fn render_markup(&self, paper: &Paper) -> Result<String> {
        let value = self.data(paper, false)?.0;
        self.templates
            .render(paper.kind().name(), value)
            .map(|m| paper.conventions().spell(&m, handlebars::html_escape))
            .map_err(|e| e.with_document(paper.meta().label()))
    }

    /// The resolved tree of `paper` (what both backends translate).
    pub fn render_tree(&self, paper: &Paper) -> Result<tree::Document> {
        self.prepare_tree(paper, true).map(|(t, _)| t)
    }

    fn prepare_tree(
        &self,
        paper: &Paper,
        strict_glyphs: bool,
    ) -> Result<(tree::Document, Vec<Diagnostic>)> {
        let meta = paper.meta();
        let label = meta.label();
        let (value, warnings) = self.data(paper, strict_glyphs)?;
        // The fixed wording's "uỷ" follows the congress's spelling (SPEC §2.2, §7), whichever
        // template or builder wrote it.
        let markup = self
            .templates
            .render(meta.kind.name(), value)
            .map(|m| paper.conventions().spell(&m, handlebars::html_escape))
            .map_err(|e| e.with_document(label.clone()))?;
        let ctx = ResolveContext {
            styles: &self.styles,
            fonts: &self.fonts,
            template: meta.kind.name(),
        };
        let tree_meta = tree::Meta {
            kind: meta.kind.name().to_string(),
            title: meta.title.clone(),
            subject: meta.subject.clone(),
            author: meta.author.clone(),
            language: "vi-VN".to_string(),
            created: meta.created(),
            id: meta.id(),
        };
        let tree = markup::resolve(&markup, &ctx, tree_meta).map_err(|e| e.with_document(label))?;
        Ok((tree, warnings))
    }

    /// The paper's context, with every string the font cannot print found: an error for a PDF
    /// (it would print a blank box), a warning for a DOCX (Word's font may have it).
    ///
    /// The record's text was checked when it was loaded and validated; this is the last look
    /// before the backends, for papers made from a record built in code.
    fn data(&self, paper: &Paper, strict_glyphs: bool) -> Result<(Value, Vec<Diagnostic>)> {
        let mut value = paper.context()?;
        let mut found = Vec::new();
        for_each_string(&mut value, &mut |trail, s| {
            // A record built in code may hold decomposed text: the PDF would draw its marks
            // apart. (A loaded record is NFC already; the check is cheap.)
            if !crate::vi::is_nfc(s) {
                *s = crate::vi::nfc(s);
            }
            let control = crate::congress::text_problem(s);
            if !control.is_empty() {
                found.push((true, Diagnostic::new(trail.path(), control)));
            } else if let Some(m) = self.glyph_problem(s) {
                found.push((strict_glyphs, Diagnostic::new(trail.path(), m)));
            }
        });
        let mut problems = Vec::new();
        let mut warnings = Vec::new();
        for (fatal, mut d) in found {
            if fatal {
                problems.push(d);
            } else {
                d.message
                    .push_str(" (the DOCX may still show it if Word's font has it)");
                warnings.push(d);
            }
        }
        if !problems.is_empty() {
            return Err(Error::invalid(&paper.meta().label(), problems));
        }
        Ok((value, warnings))
    }

    /// Every paper of `kind` that `congress` has (one invitation per guest …), rendered in
    /// parallel in each of `formats`, all held in memory: see [`Engine::render_kind_each`].
    pub fn render_kind(
        &self,
        congress: &Congress,
        kind: DocumentKind,
        formats: &[Format],
    ) -> Result<Vec<BatchItem>> {
        let mut out = Vec::new();
        self.render_kind_each(congress, kind, formats, &mut |item| {
            out.push(item);
            Ok(())
        })?;
        Ok(out)
    }

    /// Every paper of `kind` that `congress` has, rendered in parallel in each of `formats` and
    /// handed to `take` in order as it finishes; a few per thread are in memory at a time, so a
    /// thousand invitations cost no more memory than ten. An error of `take` stops the batch.
    ///
    /// A problem of the record that concerns every paper of the kind fails the call; a problem
    /// of one guest (or one election round, one personnel track) fails only the papers about
    /// it, and the others are still produced.
    pub fn render_kind_each(
        &self,
        congress: &Congress,
        kind: DocumentKind,
        formats: &[Format],
        take: &mut dyn FnMut(BatchItem) -> Result<()>,
    ) -> Result<()> {
        let papers = papers::batch(congress, kind, self.glyph_problems(congress))?;
        let big = std::sync::Mutex::new(());
        // Each paper is built by the worker that exports it, so that no more papers are held
        // than are in flight.
        in_order(
            papers.len(),
            Some,
            |i| match papers.build(i) {
                Ok(paper) => {
                    let meta = paper.meta();
                    BatchItem {
                        index: i,
                        recipient: meta.recipient.clone().unwrap_or_else(|| meta.title.clone()),
                        file_stem: meta.file_stem.clone(),
                        result: self.render_formats_gated(&paper, formats, Some(&big)),
                    }
                }
                Err(failed) => BatchItem {
                    index: i,
                    recipient: failed.recipient,
                    file_stem: failed.file_stem,
                    result: Err(failed.error),
                },
            },
            take,
        )
    }
}

/// Blocks above which a paper is exported alone in a batch (an invitation has about 40, the
/// Bạch Mai script about 900).
const BIG_PAPER: usize = 4_000;

/// The paragraphs, rules and spaces of `blocks`, those in table cells included.
fn tree_size(blocks: &[tree::Block]) -> usize {
    blocks
        .iter()
        .map(|b| match b {
            tree::Block::Table(t) => {
                1 + t
                    .rows
                    .iter()
                    .flat_map(|r| &r.cells)
                    .map(|c| tree_size(&c.blocks))
                    .sum::<usize>()
            }
            _ => 1,
        })
        .sum()
}

/// Runs `work` in parallel on `n` inputs drawn in order from `next`, and hands the results to
/// `take` in the same order, on the calling thread, while the workers go on with the next
/// inputs. At most [`in_flight`] inputs are drawn and not yet taken, so memory does not grow
/// with `n`. An error of `take` stops at once: no input is drawn after it, and the call returns
/// once the workers have finished what they hold.
///
/// A sliding window rather than batches: with batches every thread waited for the slowest
/// paper of its batch (a 500-page script held one core while the other idled), and no paper
/// was made while the files of the last batch were written.
pub(crate) fn in_order<I: Send, T: Send>(
    n: usize,
    mut next: impl FnMut(usize) -> Option<I>,
    work: impl Fn(I) -> T + Sync,
    take: &mut dyn FnMut(T) -> Result<()>,
) -> Result<()> {
    use std::sync::mpsc;

    // One paper (a one-paper `render`) is made on this thread: starting threads (and asking
    // rayon how many, which starts its pool) cost more than the paper.
    match n {
        0 => return Ok(()),
        1 => {
            return match next(0) {
                Some(input) => take(work(input)),
                None => Ok(()),
            }
        }
        _ => {}
    }
    let threads = rayon::current_num_threads().max(1);
    let window = in_flight(threads);
    // Inputs go out on `jobs` (never more than `window` waiting, so `send` does not block);
    // results come back on `done`, `None` when a worker panicked.
    let (job_tx, job_rx) = mpsc::sync_channel::<(usize, I)>(window);
    let job_rx = std::sync::Mutex::new(job_rx);
    let (done_tx, done_rx) = mpsc::channel::<Option<(usize, T)>>();
    // Set when `take` fails: the inputs still queued are dropped, not worked.
    let stop = std::sync::atomic::AtomicBool::new(false);
    std::thread::scope(|scope| {
        let mut workers = Vec::new();
        for _ in 0..threads.min(n) {
            let (job_rx, done_tx, work, stop) = (&job_rx, done_tx.clone(), &work, &stop);
            workers.push(scope.spawn(move || {
                // Tells the caller a worker is gone, so that it does not wait for its result.
                struct Gone<T>(mpsc::Sender<Option<(usize, T)>>);
                impl<T> Drop for Gone<T> {
                    fn drop(&mut self) {
                        if std::thread::panicking() {
                            let _ = self.0.send(None);
                        }
                    }
                }
                let gone = Gone(done_tx);
                loop {
                    // A poisoned lock means another worker panicked: stop too.
                    let job = match job_rx.lock() {
                        Ok(rx) => rx.recv(),
                        Err(_) => return,
                    };
                    let Ok((i, input)) = job else { return };
                    if stop.load(std::sync::atomic::Ordering::Relaxed) {
                        continue;
                    }
                    if gone.0.send(Some((i, work(input)))).is_err() {
                        return;
                    }
                }
            }));
        }
        drop(done_tx);
        let result = feed_and_take(n, window, job_tx, &done_rx, &mut next, take, &stop);
        // The queue is closed (its sender is gone): the workers end; a worker's panic is
        // passed on as it was.
        for worker in workers {
            if let Err(panic) = worker.join() {
                std::panic::resume_unwind(panic);
            }
        }
        result
    })
}

/// The calling thread's side of [`in_order`]: draws inputs into `jobs` while fewer than
/// `window` are out, and hands the results on in order.
fn feed_and_take<I, T>(
    n: usize,
    window: usize,
    jobs: std::sync::mpsc::SyncSender<(usize, I)>,
    done: &std::sync::mpsc::Receiver<Option<(usize, T)>>,
    next: &mut impl FnMut(usize) -> Option<I>,
    take: &mut dyn FnMut(T) -> Result<()>,
    stop: &std::sync::atomic::AtomicBool,
) -> Result<()> {
    let mut job_tx = Some(jobs);
    let (mut drawn, mut taken) = (0, 0);
    let mut ready = std::collections::BTreeMap::new();
    while taken < drawn || (drawn < n && job_tx.is_some()) {
        while drawn < n && drawn - taken < window {
            let Some(tx) = &job_tx else { break };
            let Some(input) = next(drawn) else {
                job_tx = None;
                break;
            };
            if tx.send((drawn, input)).is_err() {
                job_tx = None;
                break;
            }
            drawn += 1;
        }
        if drawn >= n {
            // Every input is out: the workers stop once the queue is empty.
            job_tx = None;
        }
        if taken == drawn {
            break;
        }
        match done.recv() {
            Ok(Some((i, out))) => {
                ready.insert(i, out);
            }
            // A worker panicked (the caller passes the panic on) or every worker is gone.
            Ok(None) | Err(_) => return Ok(()),
        }
        while let Some(out) = ready.remove(&taken) {
            taken += 1;
            if let Err(e) = take(out) {
                stop.store(true, std::sync::atomic::Ordering::Relaxed);
                return Err(e);
            }
        }
    }
    Ok(())
}

/// How many papers may be drawn and not yet handed on: enough that a long paper (the script
/// of a congress of ten thousand guests takes about a second) does not leave the other threads
/// idle behind it, few enough that the papers waiting for it cost a few megabytes.
fn in_flight(threads: usize) -> usize {
    (threads * 16).max(32)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn engine_is_send_and_sync() {
        fn assert_send_sync<T: Send + Sync>() {}
        assert_send_sync::<Engine>();
    }

    /// Runs `in_order` over `n` inputs on a pool of `threads`, with a work that takes longer
    /// for every seventh input; returns what was taken and the most inputs ever drawn and not
    /// yet taken.
    fn run(n: usize, threads: usize, fail_at: Option<usize>) -> (Result<()>, Vec<usize>, usize) {
        use std::cell::{Cell, RefCell};
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(threads)
            .build()
            .unwrap();
        pool.install(|| {
            let taken = RefCell::new(Vec::new());
            let most = Cell::new(0);
            let result = in_order(
                n,
                |i| {
                    most.set(most.get().max(i + 1 - taken.borrow().len()));
                    Some(i)
                },
                |i| {
                    if i % 7 == 0 {
                        std::thread::sleep(std::time::Duration::from_millis(2));
                    }
                    i
                },
                &mut |i| {
                    if Some(i) == fail_at {
                        return Err(Error::new(crate::error::ErrorKind::Io, "disk full"));
                    }
                    taken.borrow_mut().push(i);
                    Ok(())
                },
            );
            (result, taken.into_inner(), most.get())
        })
    }

    #[test]
    fn a_batch_is_handed_on_in_order_whatever_finishes_first() {
        for threads in [1, 2, 5] {
            let (result, taken, _) = run(300, threads, None);
            assert!(result.is_ok());
            assert_eq!(taken, (0..300).collect::<Vec<_>>(), "{threads} threads");
        }
        let (result, taken, _) = run(0, 2, None);
        assert!(result.is_ok() && taken.is_empty());
    }

    #[test]
    fn a_batch_draws_no_more_than_its_window_ahead_of_what_was_taken() {
        let (_, _, most) = run(500, 2, None);
        assert!(most <= in_flight(2), "{most} drawn and not taken");
    }

    #[test]
    fn an_error_of_take_stops_the_batch_at_once() {
        let (result, taken, _) = run(1000, 2, Some(40));
        assert!(result.is_err());
        assert_eq!(taken, (0..40).collect::<Vec<_>>());
    }

    #[test]
    #[should_panic(expected = "paper 13")]
    fn a_panic_of_the_work_is_passed_on_not_waited_for() {
        let _ = in_order(
            100,
            Some,
            |i: usize| {
                if i == 13 {
                    panic!("paper 13");
                }
                i
            },
            &mut |_| Ok(()),
        );
    }
}
