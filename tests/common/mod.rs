//! Shared test support: the engine, the sample congress, and the real clients (LibreOffice,
//! qpdf, poppler-utils) that every produced file is checked with.
#![allow(dead_code)]

use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;

use daihoi::{Congress, Engine};

/// One engine for the whole test binary (fonts parsed, templates compiled once).
pub fn engine() -> &'static Engine {
    static ENGINE: OnceLock<Engine> = OnceLock::new();
    ENGINE.get_or_init(|| Engine::new().expect("the built-in engine builds"))
}

pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

pub fn sample_text() -> String {
    std::fs::read_to_string(root().join("examples/data/bach-mai-2020.json")).unwrap()
}

pub fn sample() -> Congress {
    daihoi::load_congress(&sample_text()).unwrap()
}

/// A fresh scratch directory, removed (with everything in it) when dropped, so a test run leaves
/// nothing behind in the temp directory. Dereferences to its path.
pub struct Scratch(tempfile::TempDir);

impl std::ops::Deref for Scratch {
    type Target = Path;
    fn deref(&self) -> &Path {
        self.0.path()
    }
}

impl AsRef<Path> for Scratch {
    fn as_ref(&self) -> &Path {
        self.0.path()
    }
}

impl AsRef<std::ffi::OsStr> for Scratch {
    fn as_ref(&self) -> &std::ffi::OsStr {
        self.0.path().as_os_str()
    }
}

pub fn scratch(name: &str) -> Scratch {
    Scratch(
        tempfile::Builder::new()
            .prefix(&format!("daihoi-{name}-"))
            .tempdir()
            .expect("a temporary directory"),
    )
}

fn tools_required() -> bool {
    std::env::var("DAIHOI_REQUIRE_TOOLS").is_ok_and(|v| v == "1")
}

/// Whether `tool` is installed; when it is not, say why the check is skipped — or fail when
/// `DAIHOI_REQUIRE_TOOLS=1`.
pub fn have_tool(tool: &str, package: &str) -> bool {
    let found = Command::new("sh")
        .arg("-c")
        .arg(format!("command -v {tool}"))
        .output()
        .is_ok_and(|o| o.status.success());
    if !found {
        if tools_required() {
            panic!("`{tool}` is required (DAIHOI_REQUIRE_TOOLS=1) but not installed; apt-get install {package}");
        }
        eprintln!(
            "skipping the {tool} check: `{tool}` is not installed (apt-get install {package})"
        );
    }
    found
}

/// Unzips one part of a DOCX.
pub fn docx_part(bytes: &[u8], name: &str) -> Option<String> {
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).ok()?;
    let mut file = zip.by_name(name).ok()?;
    let mut s = String::new();
    file.read_to_string(&mut s).ok()?;
    Some(s)
}

/// Every part name of a DOCX.
pub fn docx_parts(bytes: &[u8]) -> Vec<String> {
    let zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    zip.file_names().map(str::to_string).collect()
}

/// Whitespace folded to single spaces, trimmed.
pub fn fold(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// A fontconfig file that adds the bundled fonts (Liberation Serif, metric-compatible with the
/// Times New Roman the DOCX names) to the system's, so that LibreOffice lays out the DOCX with the
/// metrics Word would use and our PDF uses, whatever fonts the machine has.
pub fn bundled_fonts_config() -> PathBuf {
    static CONFIG: OnceLock<PathBuf> = OnceLock::new();
    CONFIG
        .get_or_init(|| {
            // Under the target directory (it must outlive every conversion of the run, and a
            // static is never dropped), not in the system's temp directory.
            let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR"))
                .join(format!("fontconfig-{}", std::process::id()));
            std::fs::create_dir_all(&dir).unwrap();
            let path = dir.join("fonts.conf");
            let text = format!(
                "<?xml version=\"1.0\"?>\n<!DOCTYPE fontconfig SYSTEM \"fonts.dtd\">\n<fontconfig>\n  \
                 <include ignore_missing=\"yes\">/etc/fonts/fonts.conf</include>\n  <dir>{}</dir>\n  \
                 <cachedir>{}</cachedir>\n  <alias binding=\"same\"><family>Times New Roman</family>\
                 <accept><family>Liberation Serif</family></accept></alias>\n</fontconfig>\n",
                root().join("fonts").display(),
                dir.join("cache").display()
            );
            std::fs::write(&path, text).unwrap();
            path
        })
        .clone()
}

/// Converts every DOCX in `files` to PDF with LibreOffice (chunks of ≤ 200, one profile per
/// call, files counted afterwards — LibreOffice exits 0 even when it skips files). Returns the
/// PDFs, or None when LibreOffice is not installed.
pub fn libreoffice_convert(files: &[PathBuf], out: &Path) -> Option<Vec<PathBuf>> {
    if !have_tool("soffice", "libreoffice-writer-nogui") {
        return None;
    }
    std::fs::create_dir_all(out).unwrap();
    for (i, chunk) in files.chunks(200).enumerate() {
        let profile = scratch(&format!(
            "lo-profile-{i}-{}",
            out.file_name().unwrap().to_string_lossy()
        ));
        let status = Command::new("soffice")
            .env("FONTCONFIG_FILE", bundled_fonts_config())
            .arg(format!(
                "-env:UserInstallation=file://{}",
                profile.display()
            ))
            .args([
                "--headless",
                "--norestore",
                "--convert-to",
                "pdf",
                "--outdir",
            ])
            .arg(out)
            .args(chunk)
            .output()
            .expect("soffice runs");
        assert!(
            status.status.success(),
            "soffice failed: {}",
            String::from_utf8_lossy(&status.stderr)
        );
        let _ = std::fs::remove_dir_all(&profile);
    }
    let pdfs: Vec<PathBuf> = files
        .iter()
        .map(|f| out.join(f.with_extension("pdf").file_name().unwrap()))
        .collect();
    for p in &pdfs {
        assert!(p.exists(), "LibreOffice did not convert {}", p.display());
        assert!(
            std::fs::metadata(p).unwrap().len() > 1000,
            "{} is empty",
            p.display()
        );
    }
    Some(pdfs)
}

/// Runs `qpdf --check`, `pdffonts` and `pdftotext` on a PDF: the file is sound, every font is
/// embedded and subset, and the text comes back as `expected` (whitespace folded).
pub fn check_pdf_with_tools(path: &Path, expected_text: &str) {
    if have_tool("qpdf", "qpdf") {
        let out = Command::new("qpdf")
            .arg("--check")
            .arg(path)
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "qpdf --check {}: {}{}",
            path.display(),
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
    }
    if have_tool("pdffonts", "poppler-utils") {
        let out = Command::new("pdffonts").arg(path).output().unwrap();
        assert!(out.status.success());
        let text = String::from_utf8_lossy(&out.stdout);
        let rows: Vec<&str> = text.lines().skip(2).collect();
        assert!(!rows.is_empty(), "no fonts in {}", path.display());
        for row in rows {
            let cols: Vec<&str> = row.split_whitespace().collect();
            // name type encoding emb sub uni object ID
            let n = cols.len();
            assert!(n >= 7, "unexpected pdffonts row {row:?}");
            assert_eq!(cols[n - 5], "yes", "font not embedded: {row}");
            assert_eq!(cols[n - 4], "yes", "font not subset: {row}");
            assert_eq!(cols[n - 3], "yes", "font without ToUnicode: {row}");
            assert!(cols[0].contains('+'), "subset font name without tag: {row}");
        }
    }
    if have_tool("pdftotext", "poppler-utils") {
        // Crop away the top band where page numbers stand (numbers are 10 mm from the top
        // edge, the text starts at 20 mm); the crop reaches past the edges of a landscape page.
        let out = Command::new("pdftotext")
            .args([
                "-r", "72", "-x", "0", "-y", "50", "-W", "2000", "-H", "2000",
            ])
            .arg(path)
            .arg("-")
            .output()
            .unwrap();
        assert!(out.status.success());
        let text = String::from_utf8(out.stdout).expect("pdftotext gives UTF-8");
        // pdftotext joins a line ending in '-' to the next (de-hyphenation), which eats into
        // the "-----" separator under titles: compare without those separators.
        let drop_rules = |s: &str| {
            s.split_whitespace()
                .map(|w| w.trim_start_matches("----").trim_start_matches('-'))
                .filter(|w| !w.is_empty())
                .collect::<Vec<_>>()
                .join(" ")
        };
        // pdftotext orders the two columns of the header block by its own heuristics, and a
        // long table repeats its header row on every page: compare the set of words (every
        // letter with its marks must come back, nothing may appear that is not in the tree).
        let words = |s: String| {
            let mut w: Vec<String> = s.split(' ').map(str::to_string).collect();
            w.sort();
            w.dedup();
            w.join(" ")
        };
        let got = words(drop_rules(&fold(&text)));
        let want = words(drop_rules(&fold(expected_text)));
        if got != want {
            let at = got
                .chars()
                .zip(want.chars())
                .take_while(|(a, b)| a == b)
                .count();
            panic!(
                "pdftotext of {} differs from the tree's text at char {at}:\n got: …{}\nwant: …{}",
                path.display(),
                got.chars()
                    .skip(at.saturating_sub(30))
                    .take(90)
                    .collect::<String>(),
                want.chars()
                    .skip(at.saturating_sub(30))
                    .take(90)
                    .collect::<String>()
            );
        }
    }
}

/// Every paper of `kind` of the sample congress.
pub fn papers(kind: daihoi::DocumentKind) -> Vec<daihoi::Paper> {
    kind.papers(&sample()).unwrap()
}

/// The paper of `kind` about `about` in congress `c`.
pub fn paper_of(c: &Congress, kind: daihoi::DocumentKind, about: daihoi::About) -> daihoi::Paper {
    kind.paper(c, about).unwrap()
}

/// The text of a paper's tree, whitespace folded.
pub fn text_of(paper: &daihoi::Paper) -> String {
    fold(&engine().render_tree(paper).unwrap().plain_text())
}

/// `elections[election].rounds[round]`.
pub fn round(election: usize, round: usize) -> daihoi::About {
    daihoi::About::Round { election, round }
}

/// Asserts that `text` holds every one of `expected`, naming the first missing and showing the
/// text.
pub fn assert_contains_all(text: &str, expected: &[&str]) {
    for e in expected {
        assert!(text.contains(e), "missing {e:?} in\n{text}");
    }
}
