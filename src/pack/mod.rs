//! The pack: every document of a congress in one call — rendered in parallel, named in order,
//! described by a `manifest.json` (kind, number, title, files, SHA-256) — held in memory
//! ([`Engine::pack`]) or streamed into a folder or one zip as the documents finish
//! ([`Engine::write_pack`]), with a bounded number in flight, so memory stays flat however
//! many guests the congress invites. Written whole or not at all (see [`StagedDir`]).

mod output;

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};

use serde::Serialize;
use sha2::{Digest, Sha256};

use crate::congress::Congress;
use crate::engine::{in_order, Engine, Format};
use crate::error::{Diagnostic, Error, ErrorKind, Result};
use crate::papers::Plan;
use crate::registry::DocumentKind;

pub(crate) use output::ZipSink;
use output::{io_error, StagedZip};
pub use output::{write_atomic, StagedDir};

/// The name of the list of a pack's files.
pub const MANIFEST: &str = "manifest.json";

/// One file of a pack.
#[derive(Debug, Clone)]
pub struct PackFile {
    /// File name inside the pack: `007-chuong-trinh-dai-hoi-01-ctr-dh.pdf`.
    pub name: String,
    /// Its format.
    pub format: Format,
    /// Its bytes.
    pub bytes: Vec<u8>,
    /// SHA-256 of the bytes.
    pub sha256: Checksum,
    /// Pages (PDF).
    pub pages: Option<usize>,
}

/// One document of a pack, in every format asked for.
#[derive(Debug, Clone)]
pub struct PackDocument {
    /// Its kind.
    pub kind: DocumentKind,
    /// "01-CTr/ĐH", if the document is numbered.
    pub number: Option<String>,
    /// Its title ("Giấy mời — Đinh Thị Lan Duyên").
    pub title: String,
    /// Whom it is for, if addressed to one person.
    pub recipient: Option<String>,
    /// The files, one per format.
    pub files: Vec<PackFile>,
    /// Findings that did not stop the rendering.
    pub warnings: Vec<Diagnostic>,
}

/// Every document of a congress.
#[derive(Debug, Clone)]
pub struct Pack {
    /// The congress's full name.
    pub congress: String,
    /// The documents, in the order of the congress (see [`DocumentKind::ALL`]).
    pub documents: Vec<PackDocument>,
    /// Findings across the pack that did not stop it (a person whose name is spelled two ways).
    pub warnings: Vec<Diagnostic>,
}

/// `manifest.json`: what the pack holds.
#[derive(Debug, Clone, Serialize)]
pub struct Manifest {
    /// The congress.
    pub congress: String,
    /// How many documents.
    pub document_count: usize,
    /// How many files.
    pub file_count: usize,
    /// One entry per document, in order.
    pub documents: Vec<ManifestEntry>,
}

/// One document in the manifest.
#[derive(Debug, Clone, Serialize)]
pub struct ManifestEntry {
    /// The kind (its machine name in JSON: `programme`).
    pub kind: DocumentKind,
    /// "01-CTr/ĐH", or null for papers without a number (ballots, lists, the script).
    pub number: Option<String>,
    /// The title.
    pub title: String,
    /// Whom it is for, if addressed to one person.
    pub recipient: Option<String>,
    /// Its files.
    pub files: Vec<ManifestFile>,
    /// Findings that did not stop it (not written to `manifest.json`).
    #[serde(skip)]
    pub warnings: Vec<Diagnostic>,
}

/// One file in the manifest.
#[derive(Debug, Clone, Serialize)]
pub struct ManifestFile {
    /// `docx` or `pdf`.
    pub format: &'static str,
    /// The file name.
    pub file: String,
    /// Size in bytes.
    pub bytes: usize,
    /// Pages, for PDF.
    pub pages: Option<usize>,
    /// SHA-256 (lower-case hex in JSON).
    pub sha256: Checksum,
}

/// A file's SHA-256, shown and written to JSON as 64 lower-case hex digits. Kept as its 32
/// bytes: a 10 000-guest pack's manifest holds 20 000 of them until it is written.
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub struct Checksum([u8; 32]);

impl Checksum {
    /// The SHA-256 of `bytes`.
    pub fn of(bytes: &[u8]) -> Checksum {
        Checksum(Sha256::digest(bytes).into())
    }

    /// The 32 bytes.
    pub fn as_bytes(&self) -> &[u8; 32] {
        &self.0
    }
}

impl std::fmt::Display for Checksum {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.0.iter().try_for_each(|b| write!(f, "{b:02x}"))
    }
}

impl std::fmt::Debug for Checksum {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Checksum({self})")
    }
}

impl Serialize for Checksum {
    fn serialize<S: serde::Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl PackDocument {
    /// Its entry in the manifest.
    fn entry(&self) -> ManifestEntry {
        ManifestEntry {
            kind: self.kind,
            number: self.number.clone(),
            title: self.title.clone(),
            recipient: self.recipient.clone(),
            files: self
                .files
                .iter()
                .map(|f| ManifestFile {
                    format: f.format.extension(),
                    file: f.name.clone(),
                    bytes: f.bytes.len(),
                    pages: f.pages,
                    sha256: f.sha256,
                })
                .collect(),
            warnings: self.warnings.clone(),
        }
    }
}

impl Manifest {
    fn new(congress: String, documents: Vec<ManifestEntry>) -> Manifest {
        Manifest {
            congress,
            document_count: documents.len(),
            file_count: documents.iter().map(|d| d.files.len()).sum(),
            documents,
        }
    }

    /// Every file, in order.
    pub fn files(&self) -> impl Iterator<Item = &ManifestFile> {
        self.documents.iter().flat_map(|d| &d.files)
    }

    /// Total PDF pages.
    pub fn pdf_pages(&self) -> usize {
        self.files().filter_map(|f| f.pages).sum()
    }

    /// As pretty JSON (UTF-8, Vietnamese unescaped), ending in a newline.
    pub fn to_json(&self) -> String {
        // Serialising plain strings and numbers cannot fail.
        let mut s = serde_json::to_string_pretty(self).unwrap_or_default();
        s.push('\n');
        s
    }
}

impl Pack {
    /// Every file, in order.
    pub fn files(&self) -> impl Iterator<Item = &PackFile> {
        self.documents.iter().flat_map(|d| &d.files)
    }

    /// Total PDF pages.
    pub fn pdf_pages(&self) -> usize {
        self.files().filter_map(|f| f.pages).sum()
    }

    /// The manifest.
    pub fn manifest(&self) -> Manifest {
        Manifest::new(
            self.congress.clone(),
            self.documents.iter().map(PackDocument::entry).collect(),
        )
    }

    /// The manifest as pretty JSON (UTF-8, Vietnamese unescaped).
    pub fn manifest_json(&self) -> String {
        self.manifest().to_json()
    }

    /// Writes every file and `manifest.json` into `dir`, whole or not at all (see
    /// [`PackOutput::Folder`]). Returns the paths written.
    pub fn write_dir(&self, dir: &Path) -> Result<Vec<PathBuf>> {
        let mut out = FolderOut::new(dir)?;
        for f in self.files() {
            out.add(&f.name, &f.bytes)?;
        }
        out.commit(&self.manifest())
    }

    /// The pack as one zip archive (the files and `manifest.json`, in order).
    pub fn to_zip(&self) -> Result<Vec<u8>> {
        let mut zip = ZipSink::new(std::io::Cursor::new(Vec::new()));
        for f in self.files() {
            zip.add(&f.name, &f.bytes, false)?;
        }
        zip.add(MANIFEST, self.manifest_json().as_bytes(), true)?;
        Ok(zip.finish()?.into_inner())
    }

    /// Writes the pack as one zip file at `path`, whole or not at all.
    pub fn write_zip(&self, path: &Path) -> Result<()> {
        let mut zip = StagedZip::new(path)?;
        for f in self.files() {
            zip.add(&f.name, &f.bytes, false)?;
        }
        zip.add(MANIFEST, self.manifest_json().as_bytes(), true)?;
        zip.commit()
    }
}

/// Where [`Engine::write_pack`] puts a pack.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PackOutput {
    /// A folder of files and `manifest.json`. A missing folder is made whole at the end (one
    /// rename). Into an existing one the new files are moved at the end, the files of the
    /// previous pack that this one no longer has (by its manifest) are removed, and the
    /// manifest comes last; files that are not the pack's stay. On failure nothing changes.
    Folder(PathBuf),
    /// One zip archive, written beside the target and renamed over it at the end.
    Zip(PathBuf),
}

/// What [`Engine::write_pack`] wrote.
#[derive(Debug, Clone)]
pub struct Written {
    /// The manifest written with the pack (each document with its warnings).
    pub manifest: Manifest,
    /// Findings across the pack that did not stop it (a person whose name is spelled two ways).
    pub warnings: Vec<Diagnostic>,
}

/// A pack's folder, staged.
struct FolderOut {
    staged: StagedDir,
}

impl FolderOut {
    fn new(dir: &Path) -> Result<FolderOut> {
        Ok(FolderOut {
            staged: StagedDir::new(dir)?,
        })
    }

    fn add(&mut self, name: &str, bytes: &[u8]) -> Result<()> {
        self.staged.write(name, bytes).map(|_| ())
    }

    /// Writes the manifest, moves the pack into place and removes what the previous pack in
    /// the folder had and this one has not.
    fn commit(mut self, manifest: &Manifest) -> Result<Vec<PathBuf>> {
        self.staged.write(MANIFEST, manifest.to_json().as_bytes())?;
        let new: std::collections::HashSet<&str> =
            manifest.files().map(|f| f.file.as_str()).collect();
        self.staged
            .commit_with(|target| remove_previous(target, &new), Some(MANIFEST))
    }
}

/// Removes the files the previous pack's manifest in `dir` lists and `keep` does not.
fn remove_previous(dir: &Path, keep: &std::collections::HashSet<&str>) -> Result<()> {
    let Ok(text) = std::fs::read_to_string(dir.join(MANIFEST)) else {
        return Ok(());
    };
    let Ok(old) = serde_json::from_str::<serde_json::Value>(&text) else {
        return Ok(());
    };
    let names = old["documents"]
        .as_array()
        .into_iter()
        .flatten()
        .flat_map(|d| d["files"].as_array().into_iter().flatten())
        .filter_map(|f| f["file"].as_str());
    for name in names {
        // Only plain names of this folder, never a path elsewhere.
        if keep.contains(name) || name.contains(['/', '\\']) || name.starts_with('.') {
            continue;
        }
        let path = dir.join(name);
        if path.is_file() {
            std::fs::remove_file(&path).map_err(|e| io_error(&path, e))?;
        }
    }
    Ok(())
}

/// Guests from which the papers that name them all are made on a thread of their own (see
/// [`Plan::names_every_guest`]); below it such a paper is no bigger than the others.
const LONG_PAPER_GUESTS: usize = 500;

impl Engine {
    /// Every document of `congress` in each of `formats`, in memory: see
    /// [`Engine::pack_with_progress`].
    pub fn pack(&self, congress: &Congress, formats: &[Format]) -> Result<Pack> {
        self.pack_with_progress(congress, formats, &|_, _| {})
    }

    /// Every document of `congress` — invitations per guest, summons, the personnel papers, the
    /// candidate list, programme, script, ballots and vote-count minutes per election and round,
    /// the congress minutes — rendered in parallel in each of `formats` and held in memory.
    /// `progress(done, total)` is called (from any thread) as documents finish. For large
    /// congresses, [`Engine::write_pack`] streams to disk instead.
    ///
    /// All or nothing: when the congress or any document has a problem, the error lists every
    /// problem of every document, each with its field path, and no pack is made.
    pub fn pack_with_progress(
        &self,
        congress: &Congress,
        formats: &[Format],
        progress: &(dyn Fn(usize, usize) + Sync),
    ) -> Result<Pack> {
        let mut documents = Vec::new();
        self.each_document(congress, formats, progress, &mut |doc, total| {
            documents.reserve_exact(total.saturating_sub(documents.len()));
            documents.push(doc);
            Ok(())
        })?;
        Ok(Pack {
            congress: congress.name(),
            documents,
            warnings: congress.consistency_warnings(),
        })
    }

    /// Every document of `congress`, as [`Engine::pack_with_progress`] makes them, written to
    /// `out` as they finish: a few documents are in memory at a time, whatever the size of the
    /// congress. Whole or not at all: on any problem — of the data, or of the disk — the target
    /// is left as it was and nothing is left beside it.
    pub fn write_pack(
        &self,
        congress: &Congress,
        formats: &[Format],
        out: &PackOutput,
        progress: &(dyn Fn(usize, usize) + Sync),
    ) -> Result<Written> {
        let mut entries = Vec::new();
        match out {
            PackOutput::Folder(dir) => {
                let mut folder = FolderOut::new(dir)?;
                self.each_document(congress, formats, progress, &mut |doc, total| {
                    for f in &doc.files {
                        folder.add(&f.name, &f.bytes)?;
                    }
                    entries.reserve_exact(total.saturating_sub(entries.len()));
                    entries.push(doc.entry());
                    Ok(())
                })?;
                let manifest = Manifest::new(congress.name(), entries);
                folder.commit(&manifest)?;
                Ok(Written {
                    manifest,
                    warnings: congress.consistency_warnings(),
                })
            }
            PackOutput::Zip(path) => {
                let mut zip = StagedZip::new(path)?;
                self.each_document(congress, formats, progress, &mut |doc, total| {
                    for f in &doc.files {
                        zip.add(&f.name, &f.bytes, false)?;
                    }
                    entries.reserve_exact(total.saturating_sub(entries.len()));
                    entries.push(doc.entry());
                    Ok(())
                })?;
                let manifest = Manifest::new(congress.name(), entries);
                zip.add(MANIFEST, manifest.to_json().as_bytes(), true)?;
                zip.commit()?;
                Ok(Written {
                    manifest,
                    warnings: congress.consistency_warnings(),
                })
            }
        }
    }

    /// Makes every document of `congress` in order and hands each to `take` as soon as it and
    /// those before it are done, with the number of documents (so that a list of them is made
    /// once, at its size); a few batches of the thread count are in flight at a time.
    ///
    /// A problem of the data stops `take` from being called again, but the rest are still made
    /// so that the error lists every problem; an error of `take` (the disk) stops at once.
    fn each_document(
        &self,
        congress: &Congress,
        formats: &[Format],
        progress: &(dyn Fn(usize, usize) + Sync),
        take: &mut (dyn FnMut(PackDocument, usize) -> Result<()> + Send),
    ) -> Result<()> {
        if formats.is_empty() {
            return Err(Error::new(
                ErrorKind::InvalidData,
                "no format given; expected docx, pdf or both",
            ));
        }
        let plan = Plan::new(congress, self.glyph_problems(congress))?;
        let total = plan.len();
        let done = AtomicUsize::new(0);
        progress(0, total);
        let mut failures: Vec<Diagnostic> = Vec::new();
        let width = total.to_string().len().max(3);
        let big = std::sync::Mutex::new(());
        let (plan, big) = (&plan, &big);
        // A paper that names every guest of a big congress (the script, the minutes) costs
        // some 30 MB at 10 000 guests while it is made, most of it before the export. Such
        // papers are made one after another on the calling thread, while another thread runs
        // the batch and writes the files: one at a time, and in the allocator arena of the
        // thread that loaded and checked the record, which reuses what that freed. (Made on
        // the batch's threads, each thread's arena kept the peak of its own, and the process
        // held them all: 117 MB against 92 MB for this at 10 000 guests.)
        let long = plan.guests() >= LONG_PAPER_GUESTS;
        let (job_tx, job_rx) = std::sync::mpsc::channel::<usize>();
        let (doc_tx, doc_rx) = std::sync::mpsc::channel::<Result<PackDocument>>();
        let to_long = std::sync::Mutex::new((job_tx, doc_rx));
        let found = &mut failures;
        std::thread::scope(|scope| {
            let batch = scope.spawn(move || {
                let made = in_order(
                    total,
                    Some,
                    |i| {
                        let doc = if long && plan.names_every_guest(i) {
                            // A poisoned lock only means another paper panicked.
                            let (to, from) = &*to_long.lock().unwrap_or_else(|e| e.into_inner());
                            to.send(i)
                                .ok()
                                .and_then(|()| from.recv().ok())
                                // Only when the calling thread panicked.
                                .unwrap_or_else(|| {
                                    Err(Error::new(
                                        ErrorKind::InvalidData,
                                        "the thread making the long papers stopped",
                                    ))
                                })
                        } else {
                            self.document(plan, i, width, formats, big)
                        };
                        progress(done.fetch_add(1, Ordering::Relaxed) + 1, total);
                        doc
                    },
                    &mut |doc: Result<PackDocument>| match doc {
                        Err(e) => {
                            found.extend(e.into_diagnostics());
                            Ok(())
                        }
                        Ok(_) if !found.is_empty() => Ok(()),
                        Ok(doc) => take(doc, total),
                    },
                );
                // Ends the loop of the long papers below.
                drop(to_long);
                made
            });
            for i in job_rx {
                if doc_tx
                    .send(self.document(plan, i, width, formats, big))
                    .is_err()
                {
                    break;
                }
            }
            batch
                .join()
                .unwrap_or_else(|panic| std::panic::resume_unwind(panic))
        })?;
        if !failures.is_empty() {
            return Err(Error::problems(failures));
        }
        Ok(())
    }

    /// The `i`-th document of the plan, rendered, its files named by its position.
    fn document(
        &self,
        plan: &Plan,
        i: usize,
        width: usize,
        formats: &[Format],
        big: &std::sync::Mutex<()>,
    ) -> Result<PackDocument> {
        let paper = plan.build(i)?;
        let meta = paper.meta();
        let files = self
            .render_formats_gated(&paper, formats, Some(big))
            .map_err(|e| {
                let label = meta.label();
                let problems = e
                    .into_diagnostics()
                    .into_iter()
                    .map(|mut d| {
                        d.message = format!("{} (in the {label})", d.message);
                        d
                    })
                    .collect();
                Error::problems(problems)
            })?;
        let stem = format!("{:0width$}-{}", i + 1, meta.file_stem);
        let warnings = files
            .first()
            .map(|f| f.warnings.clone())
            .unwrap_or_default();
        Ok(PackDocument {
            kind: meta.kind,
            number: meta.number.clone(),
            title: meta.title.clone(),
            recipient: meta.recipient.clone(),
            files: files
                .into_iter()
                .map(|f| PackFile {
                    name: format!("{stem}.{}", f.format.extension()),
                    format: f.format,
                    sha256: Checksum::of(&f.bytes),
                    pages: f.pages,
                    bytes: f.bytes,
                })
                .collect(),
            warnings,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_checksum_is_written_as_lower_case_hex() {
        let abc = Checksum::of(b"abc");
        let hex = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";
        assert_eq!(abc.to_string(), hex);
        assert_eq!(serde_json::to_string(&abc).unwrap(), format!("\"{hex}\""));
        assert_eq!(abc.as_bytes()[0], 0xba);
    }
}
