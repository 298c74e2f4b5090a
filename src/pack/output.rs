//! Writing whole or not at all: a file through a temporary sibling and a rename, a folder
//! staged beside its target and moved into place, a zip written to a temporary file. On any
//! failure the temporary is removed and the target is left as it was.

use std::io::{Seek, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};

use crate::error::{Error, ErrorKind, Result};

pub(crate) fn io_error(path: &Path, e: std::io::Error) -> Error {
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

/// A temporary path beside `target` (hidden, named for this process), removed when dropped
/// unless kept; with the folders made to hold it, removed too when they stay empty.
struct Temporary {
    path: PathBuf,
    /// Folders created for the target, deepest last.
    created: Vec<PathBuf>,
    kept: bool,
}

impl Temporary {
    /// A fresh temporary name beside `target`, its parent folders created.
    fn beside(target: &Path) -> Result<Temporary> {
        static COUNTER: AtomicUsize = AtomicUsize::new(0);
        let parent = match target.parent() {
            Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
            _ => PathBuf::from("."),
        };
        let mut created = Vec::new();
        let mut missing = Some(parent.as_path());
        while let Some(dir) = missing {
            if dir.as_os_str().is_empty() || dir.exists() {
                break;
            }
            created.push(dir.to_path_buf());
            missing = dir.parent();
        }
        created.reverse();
        std::fs::create_dir_all(&parent).map_err(|e| io_error(&parent, e))?;
        let name = target
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| "out".into());
        let n = COUNTER.fetch_add(1, Ordering::Relaxed);
        let path = parent.join(format!(".{name}.{}-{n}.part", std::process::id()));
        Ok(Temporary {
            path,
            created,
            kept: false,
        })
    }
}

impl Drop for Temporary {
    fn drop(&mut self) {
        if self.kept {
            return;
        }
        if self.path.is_dir() {
            let _ = std::fs::remove_dir_all(&self.path);
        } else {
            let _ = std::fs::remove_file(&self.path);
        }
        for dir in self.created.iter().rev() {
            // Only when empty: something else may have been put there meanwhile.
            let _ = std::fs::remove_dir(dir);
        }
    }
}

/// A folder written whole or not at all: files go into a hidden folder beside the target, and
/// [`StagedDir::commit`] moves them into the target (created if missing) at the end. Dropped
/// without a commit, it removes everything it wrote and any folder it made, so a failed run
/// leaves the target as it was and no empty folder behind. Files already in the target that
/// this run does not write stay.
pub struct StagedDir {
    target: PathBuf,
    temp: Temporary,
    names: Vec<String>,
    /// The names' hashes, to find one at once (a pack of ten thousand guests writes 20 000
    /// files; looking through `names` for each made the writing quadratic). Hashes, not a
    /// second copy of each name: a hash found is checked against `names`.
    written: std::collections::HashSet<u64>,
}

impl StagedDir {
    /// Stages a folder for `target`. Fails, writing nothing, when `target` exists and is not a
    /// folder.
    pub fn new(target: &Path) -> Result<StagedDir> {
        if target.exists() && !target.is_dir() {
            return Err(Error::new(
                ErrorKind::Io,
                format!(
                    "{}: exists and is not a folder; choose another output",
                    target.display()
                ),
            ));
        }
        let temp = Temporary::beside(target)?;
        // The error names the output the user gave, not the hidden folder beside it.
        std::fs::create_dir(&temp.path).map_err(|e| io_error(target, e))?;
        Ok(StagedDir {
            target: target.to_path_buf(),
            temp,
            names: Vec::new(),
            written: std::collections::HashSet::new(),
        })
    }

    /// Writes the file `name` (a plain file name, no folders). Returns where it will be once
    /// committed.
    pub fn write(&mut self, name: &str, bytes: &[u8]) -> Result<PathBuf> {
        if name.is_empty() || name.contains(['/', '\\']) || name == "." || name == ".." {
            return Err(Error::new(
                ErrorKind::Io,
                format!("`{name}` is not a plain file name"),
            ));
        }
        let path = self.temp.path.join(name);
        std::fs::write(&path, bytes).map_err(|e| io_error(&self.target.join(name), e))?;
        if !self.holds(name) {
            self.written.insert(name_hash(name));
            self.names.push(name.to_string());
        }
        Ok(self.target.join(name))
    }

    /// Whether `name` was written.
    fn holds(&self, name: &str) -> bool {
        self.written.contains(&name_hash(name)) && self.names.iter().any(|n| n == name)
    }

    /// The names written so far, in order.
    pub fn names(&self) -> &[String] {
        &self.names
    }

    /// The target folder.
    pub fn target(&self) -> &Path {
        &self.target
    }

    /// Moves every file into the target. A missing target is the staged folder renamed at
    /// once; into an existing one, every name is checked first (a folder in the way fails the
    /// commit before anything moves), then each file is renamed into place. Returns the paths,
    /// in the order written.
    pub fn commit(self) -> Result<Vec<PathBuf>> {
        self.commit_with(|_| Ok(()), None)
    }

    /// [`StagedDir::commit`], calling `before_last(target)` once every file but `last` is in
    /// place (a pack removes the files of its previous run there), and moving `last` in at the
    /// very end (a pack's manifest).
    pub(crate) fn commit_with(
        mut self,
        before_last: impl FnOnce(&Path) -> Result<()>,
        last: Option<&str>,
    ) -> Result<Vec<PathBuf>> {
        let paths: Vec<PathBuf> = self.names.iter().map(|n| self.target.join(n)).collect();
        if !self.target.exists() {
            std::fs::rename(&self.temp.path, &self.target)
                .map_err(|e| io_error(&self.target, e))?;
            self.temp.kept = true;
            return Ok(paths);
        }
        if let Some(blocked) = paths.iter().find(|p| p.is_dir()) {
            return Err(Error::new(
                ErrorKind::Io,
                format!(
                    "{}: a folder is in the way of a file of the same name; nothing was \
                     written — move it and try again",
                    blocked.display()
                ),
            ));
        }
        let move_in = |name: &str| {
            let target = self.target.join(name);
            std::fs::rename(self.temp.path.join(name), &target).map_err(|e| io_error(&target, e))
        };
        for name in self.names.iter().filter(|n| Some(n.as_str()) != last) {
            move_in(name)?;
        }
        before_last(&self.target)?;
        if let Some(last) = last.filter(|l| self.holds(l)) {
            move_in(last)?;
        }
        Ok(paths)
    }
}

/// A hash of a file name (the same in every run: `DefaultHasher::new` has fixed keys).
fn name_hash(name: &str) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut h = std::hash::DefaultHasher::new();
    name.hash(&mut h);
    h.finish()
}

/// A zip archive written into a temporary file beside its target, renamed into place by
/// [`StagedZip::commit`]; dropped without a commit, it leaves nothing.
pub(crate) struct StagedZip {
    target: PathBuf,
    temp: Temporary,
    zip: ZipSink<std::io::BufWriter<std::fs::File>>,
}

impl StagedZip {
    /// Stages a zip for `target`. Fails, writing nothing, when `target` is a folder, or a file
    /// other than a pack's zip (one with `manifest.json` at its root, as an earlier run wrote
    /// it): the congress file itself, or anything else the user keeps there, is never replaced.
    pub fn new(target: &Path) -> Result<StagedZip> {
        if target.is_dir() {
            return Err(Error::new(
                ErrorKind::Io,
                format!(
                    "{}: is a folder; give the zip file's name (or leave out --zip)",
                    target.display()
                ),
            ));
        }
        if target.exists() && !is_pack_zip(target) {
            return Err(Error::new(
                ErrorKind::Io,
                format!(
                    "{}: exists and is not a pack's zip; choose another output, or remove the \
                     file first",
                    target.display()
                ),
            ));
        }
        let temp = Temporary::beside(target)?;
        let file = std::fs::File::create(&temp.path).map_err(|e| io_error(target, e))?;
        Ok(StagedZip {
            target: target.to_path_buf(),
            temp,
            zip: ZipSink::new(std::io::BufWriter::new(file)),
        })
    }

    /// Adds one file.
    pub fn add(&mut self, name: &str, bytes: &[u8], compress: bool) -> Result<()> {
        self.zip
            .add(name, bytes, compress)
            .map_err(|e| e.with_document(self.target.display().to_string()))
    }

    /// Finishes the archive and renames it into place.
    pub fn commit(mut self) -> Result<()> {
        let target = self.target.clone();
        let writer = self
            .zip
            .finish()
            .map_err(|e| e.with_document(target.display().to_string()))?;
        let file = writer
            .into_inner()
            .map_err(|e| io_error(&target, e.into_error()))?;
        file.sync_all().map_err(|e| io_error(&target, e))?;
        drop(file);
        std::fs::rename(&self.temp.path, &target).map_err(|e| io_error(&target, e))?;
        self.temp.kept = true;
        Ok(())
    }
}

/// Whether `path` is a zip archive with [`crate::MANIFEST`] at its root: a pack written
/// before, which a new pack may replace.
fn is_pack_zip(path: &Path) -> bool {
    std::fs::File::open(path)
        .ok()
        .and_then(|f| zip::ZipArchive::new(std::io::BufReader::new(f)).ok())
        .is_some_and(|mut archive| archive.by_name(crate::MANIFEST).is_ok())
}

/// The files of a pack into one zip archive, in order, with a fixed timestamp (the same pack,
/// the same bytes).
pub(crate) struct ZipSink<W: Write + Seek> {
    zip: zip::ZipWriter<W>,
}

impl<W: Write + Seek> ZipSink<W> {
    pub fn new(writer: W) -> Self {
        ZipSink {
            zip: zip::ZipWriter::new(writer),
        }
    }

    /// Adds `name`: deflated when `compress`, stored otherwise (DOCX and PDF are compressed
    /// already).
    pub fn add(&mut self, name: &str, bytes: &[u8], compress: bool) -> Result<()> {
        let method = if compress {
            zip::CompressionMethod::Deflated
        } else {
            zip::CompressionMethod::Stored
        };
        let options = zip::write::SimpleFileOptions::default()
            .compression_method(method)
            .last_modified_time(zip::DateTime::default())
            .large_file(bytes.len() as u64 >= u32::MAX as u64);
        self.zip.start_file(name, options).map_err(zip_error)?;
        self.zip
            .write_all(bytes)
            .map_err(|e| Error::new(ErrorKind::Io, format!("cannot write the zip: {e}")))
    }

    pub fn finish(self) -> Result<W> {
        self.zip.finish().map_err(zip_error)
    }
}

fn zip_error(e: zip::result::ZipError) -> Error {
    Error::new(ErrorKind::Io, format!("cannot write the zip archive: {e}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A name written twice is one file, listed once, in the place of its first writing, and
    /// holds what was written last.
    #[test]
    fn a_name_written_twice_is_one_file() {
        let root = tempfile::tempdir().unwrap();
        let target = root.path().join("out");
        let mut staged = StagedDir::new(&target).unwrap();
        staged.write("a.txt", b"first").unwrap();
        staged.write("b.txt", b"b").unwrap();
        staged.write("a.txt", b"second").unwrap();
        assert_eq!(staged.names(), ["a.txt", "b.txt"]);
        let paths = staged.commit().unwrap();
        assert_eq!(paths, [target.join("a.txt"), target.join("b.txt")]);
        assert_eq!(std::fs::read(target.join("a.txt")).unwrap(), b"second");
    }
}
