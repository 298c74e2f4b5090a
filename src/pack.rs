//! The pack: every document of a congress in one call — rendered in parallel, named in order,
//! described by a `manifest.json` (kind, number, title, files, SHA-256), written to a folder or
//! one zip.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};

use rayon::prelude::*;
use serde::Serialize;
use sha2::{Digest, Sha256};

use crate::congress::Congress;
use crate::document::{Paper, PaperMeta};
use crate::engine::{Engine, Format};
use crate::error::{Diagnostic, Error, ErrorKind, Result};
use crate::papers;
use crate::registry::DocumentKind;

/// One file of a pack.
#[derive(Debug, Clone)]
pub struct PackFile {
    /// File name inside the pack: `007-chuong-trinh-dai-hoi-01-ctr-dh.pdf`.
    pub name: String,
    /// Its format.
    pub format: Format,
    /// Its bytes.
    pub bytes: Vec<u8>,
    /// SHA-256 of the bytes, lower-case hex.
    pub sha256: String,
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
    /// SHA-256, lower-case hex.
    pub sha256: String,
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
        Manifest {
            congress: self.congress.clone(),
            document_count: self.documents.len(),
            file_count: self.files().count(),
            documents: self
                .documents
                .iter()
                .map(|d| ManifestEntry {
                    kind: d.kind,
                    number: d.number.clone(),
                    title: d.title.clone(),
                    recipient: d.recipient.clone(),
                    files: d
                        .files
                        .iter()
                        .map(|f| ManifestFile {
                            format: f.format.extension(),
                            file: f.name.clone(),
                            bytes: f.bytes.len(),
                            pages: f.pages,
                            sha256: f.sha256.clone(),
                        })
                        .collect(),
                })
                .collect(),
        }
    }

    /// The manifest as pretty JSON (UTF-8, Vietnamese unescaped).
    pub fn manifest_json(&self) -> String {
        // Serialising plain strings and numbers cannot fail.
        let mut s = serde_json::to_string_pretty(&self.manifest()).unwrap_or_default();
        s.push('\n');
        s
    }

    /// Writes every file and `manifest.json` into `dir` (created if missing). Each file is
    /// written to a temporary name and renamed, so a reader never sees half a file; the manifest
    /// comes last. Returns the paths written.
    pub fn write_dir(&self, dir: &Path) -> Result<Vec<PathBuf>> {
        std::fs::create_dir_all(dir).map_err(|e| io_error(dir, e))?;
        let mut out = Vec::new();
        for f in self.files() {
            out.push(write_atomic(dir, &f.name, &f.bytes)?);
        }
        out.push(write_atomic(
            dir,
            "manifest.json",
            self.manifest_json().as_bytes(),
        )?);
        Ok(out)
    }

    /// The pack as one zip archive (the files and `manifest.json`, in order).
    pub fn to_zip(&self) -> Result<Vec<u8>> {
        let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
        let stamp = zip::DateTime::default();
        // DOCX and PDF are compressed already: store them; deflate the manifest.
        let stored = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Stored)
            .last_modified_time(stamp)
            .large_file(false);
        let deflated = stored.compression_method(zip::CompressionMethod::Deflated);
        let zip_err = |e: zip::result::ZipError| {
            Error::new(ErrorKind::Io, format!("cannot write the zip archive: {e}"))
        };
        for f in self.files() {
            zip.start_file(f.name.as_str(), stored).map_err(zip_err)?;
            zip.write_all(&f.bytes)
                .map_err(|e| Error::new(ErrorKind::Io, format!("cannot write the zip: {e}")))?;
        }
        zip.start_file("manifest.json", deflated).map_err(zip_err)?;
        zip.write_all(self.manifest_json().as_bytes())
            .map_err(|e| Error::new(ErrorKind::Io, format!("cannot write the zip: {e}")))?;
        Ok(zip.finish().map_err(zip_err)?.into_inner())
    }

    /// Writes the pack as one zip file at `path` (atomically).
    pub fn write_zip(&self, path: &Path) -> Result<()> {
        let bytes = self.to_zip()?;
        let dir = match path.parent() {
            Some(p) if !p.as_os_str().is_empty() => p,
            _ => Path::new("."),
        };
        std::fs::create_dir_all(dir).map_err(|e| io_error(dir, e))?;
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| "pack.zip".into());
        write_atomic(dir, &name, &bytes)?;
        Ok(())
    }
}

fn io_error(path: &Path, e: std::io::Error) -> Error {
    Error::new(ErrorKind::Io, format!("{}: {e}", path.display()))
}

/// Writes `bytes` to `dir/name` whole or not at all: to a temporary file beside it, then a
/// rename; on failure the temporary file is removed and the error names the target.
pub fn write_atomic(dir: &Path, name: &str, bytes: &[u8]) -> Result<PathBuf> {
    let target = dir.join(name);
    let tmp = dir.join(format!(".{name}.part"));
    let result = (|| {
        let mut f = std::fs::File::create(&tmp)?;
        f.write_all(bytes)?;
        std::fs::rename(&tmp, &target)
    })();
    if let Err(e) = result {
        let _ = std::fs::remove_file(&tmp);
        return Err(io_error(&target, e));
    }
    Ok(target)
}

fn sha256_hex(bytes: &[u8]) -> String {
    let digest = Sha256::digest(bytes);
    let mut s = String::with_capacity(64);
    for b in digest.iter() {
        s.push_str(&format!("{b:02x}"));
    }
    s
}

impl Engine {
    /// Every document of `congress` in each of `formats`: see [`Engine::pack_with_progress`].
    pub fn pack(&self, congress: &Congress, formats: &[Format]) -> Result<Pack> {
        self.pack_with_progress(congress, formats, &|_, _| {})
    }

    /// Every document of `congress` — invitations per guest, summons, the personnel papers, the
    /// candidate list, programme, script, ballots and vote-count minutes per election and round,
    /// the congress minutes — rendered in parallel in each of `formats`. `progress(done, total)`
    /// is called (from any thread) as documents finish.
    ///
    /// All or nothing: when the congress or any document has a problem, the error lists every
    /// problem of every document, each with its field path, and no pack is made.
    pub fn pack_with_progress(
        &self,
        congress: &Congress,
        formats: &[Format],
        progress: &(dyn Fn(usize, usize) + Sync),
    ) -> Result<Pack> {
        if formats.is_empty() {
            return Err(Error::new(
                ErrorKind::InvalidData,
                "no format given; expected docx, pdf or both",
            ));
        }
        let docs: Vec<Paper> = papers::every_paper(congress, self.glyph_problems(congress))?;
        let total = docs.len();
        let done = AtomicUsize::new(0);
        progress(0, total);
        let rendered: Vec<(usize, Paper, Result<Vec<crate::Rendered>>)> = docs
            .into_par_iter()
            .enumerate()
            .map(|(i, doc)| {
                let r = self.render_formats(&doc, formats);
                progress(done.fetch_add(1, Ordering::Relaxed) + 1, total);
                (i, doc, r)
            })
            .collect();
        let mut failures: Vec<Diagnostic> = Vec::new();
        let mut documents = Vec::with_capacity(total);
        let mut used = std::collections::BTreeSet::new();
        let width = total.to_string().len().max(3);
        for (i, doc, result) in rendered {
            let meta: &PaperMeta = doc.meta();
            match result {
                Err(e) => {
                    let label = meta.label();
                    failures.extend(e.into_diagnostics().into_iter().map(|mut d| {
                        d.message = format!("{} (in the {label})", d.message);
                        d
                    }));
                }
                Ok(files) => {
                    let mut stem = format!("{:0width$}-{}", i + 1, meta.file_stem);
                    if !used.insert(stem.clone()) {
                        stem.push_str(&format!("-{}", i + 1));
                        used.insert(stem.clone());
                    }
                    let warnings = files
                        .first()
                        .map(|f| f.warnings.clone())
                        .unwrap_or_default();
                    documents.push(PackDocument {
                        kind: meta.kind,
                        number: meta.number.clone(),
                        title: meta.title.clone(),
                        recipient: meta.recipient.clone(),
                        files: files
                            .into_iter()
                            .map(|f| PackFile {
                                name: format!("{stem}.{}", f.format.extension()),
                                format: f.format,
                                sha256: sha256_hex(&f.bytes),
                                pages: f.pages,
                                bytes: f.bytes,
                            })
                            .collect(),
                        warnings,
                    });
                }
            }
        }
        if !failures.is_empty() {
            return Err(Error::invalid("pack", failures));
        }
        Ok(Pack {
            congress: congress.name(),
            documents,
            warnings: congress.consistency_warnings(),
        })
    }
}
