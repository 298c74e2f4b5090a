//! Fuzzing on the stable toolchain (issue 14): proptest drives mutations of real inputs — the
//! sample congresses, the tally fixtures, the markup the templates produce — through the JSON
//! loader, the tally, the markup parser and resolver, and the whole pipeline. Properties: no
//! panic; every error names a field (or, for text that is not JSON, a line); every file made is
//! valid (the DOCX unzips and its parts parse, the PDF loads with the pages it claims).
//!
//! A short run by default (a few hundred cases, for CI). `DAIHOI_FUZZ_SECS=N` runs each target
//! for about N seconds instead, with fresh seeds, and prints how many cases it tried:
//!
//! ```text
//! DAIHOI_FUZZ_SECS=300 cargo test --release --all-features --test fuzz -- --nocapture
//! ```
//!
//! A failing case is shrunk by proptest and printed; add it to the regression tests at the end.

mod common;

use std::io::Read;
use std::time::{Duration, Instant};

use common::*;
use daihoi::rules::{next_round, tally, Election};
use daihoi::{About, Congress, DocumentKind, ErrorKind, Format};
use proptest::prelude::*;
use proptest::test_runner::{Config, RngAlgorithm, TestCaseError, TestRng, TestRunner};
use serde_json::Value;

// ---------------------------------------------------------------------------------------------
// The driver

/// Runs `test` on values of `strategy`: `cases` of them, or for `DAIHOI_FUZZ_SECS` seconds.
fn fuzz<S: Strategy>(
    name: &str,
    cases: u32,
    strategy: S,
    test: impl Fn(S::Value) -> Result<(), TestCaseError>,
) where
    S::Value: std::fmt::Debug,
{
    let secs: Option<u64> = std::env::var("DAIHOI_FUZZ_SECS")
        .ok()
        .and_then(|s| s.parse().ok());
    let config = |cases| Config {
        cases,
        failure_persistence: None,
        max_shrink_iters: 2_000,
        ..Config::default()
    };
    let started = Instant::now();
    let Some(secs) = secs else {
        // Fixed seed: the CI run is the same every time.
        let mut runner = TestRunner::new_with_rng(
            config(cases),
            TestRng::deterministic_rng(RngAlgorithm::ChaCha),
        );
        if let Err(e) = runner.run(&strategy, &test) {
            panic!("{name}: {e}");
        }
        return;
    };
    let deadline = started + Duration::from_secs(secs);
    let mut total = 0u64;
    while Instant::now() < deadline {
        let mut runner = TestRunner::new(config(cases));
        if let Err(e) = runner.run(&strategy, &test) {
            panic!("{name} (after {total} cases): {e}");
        }
        total += u64::from(cases);
    }
    eprintln!(
        "fuzz {name}: {total} cases in {:.0} s, no failure",
        started.elapsed().as_secs_f64()
    );
}

// ---------------------------------------------------------------------------------------------
// Mutations of JSON

/// One change to a JSON document: which node (`at`, modulo the number of nodes), what to do
/// (`what`), and a second choice for the change (`with`).
#[derive(Debug, Clone, Copy)]
struct Mutation {
    at: usize,
    what: u8,
    with: usize,
}

fn mutations(max: usize) -> impl Strategy<Value = Vec<Mutation>> {
    prop::collection::vec(
        (any::<usize>(), any::<u8>(), any::<usize>()).prop_map(|(at, what, with)| Mutation {
            at,
            what,
            with,
        }),
        1..=max,
    )
}

/// Text that has broken programs: markup, template syntax, control and invisible characters,
/// decomposed and unprintable letters, very long and empty strings.
const HOSTILE: &[&str] = &[
    "",
    " ",
    "<b>&amp;{{x}}</b>",
    "{{#each}}",
    "]]>",
    "\u{7}",
    "\u{1b}[31m",
    "\u{202e}",
    "\u{feff}",
    "\u{ffff}",
    "e\u{301}",
    "Nguye\u{302}\u{303}n",
    "中文",
    "🎉",
    "\t\n\r",
    "@",
    "@nobody",
    "01-GM/ĐU",
    "2020-02-30",
    "2020-03-05",
    "07:30",
    "25:61",
    "official",
    "-1",
];

/// Every node of `v`, as a JSON pointer, parents before children.
fn pointers(v: &Value, at: String, out: &mut Vec<String>) {
    match v {
        Value::Array(a) => {
            out.push(at.clone());
            for (i, x) in a.iter().enumerate() {
                pointers(x, format!("{at}/{i}"), out);
            }
        }
        Value::Object(o) => {
            out.push(at.clone());
            for (k, x) in o {
                let k = k.replace('~', "~0").replace('/', "~1");
                pointers(x, format!("{at}/{k}"), out);
            }
        }
        _ => out.push(at),
    }
}

fn hostile(with: usize) -> String {
    match with % 8 {
        // A name of 2 000 letters, a run of spaces.
        0 => "Nguyễn ".repeat(300),
        1 => " ".repeat(with % 50),
        _ => HOSTILE[with % HOSTILE.len()].to_string(),
    }
}

fn number(with: usize) -> Value {
    let n: [Value; 9] = [
        0.into(),
        1.into(),
        (-1).into(),
        2.into(),
        120.into(),
        u64::from(u32::MAX).into(),
        (u64::from(u32::MAX) + 1).into(),
        u64::MAX.into(),
        serde_json::json!(1.5),
    ];
    n[with % n.len()].clone()
}

/// Applies `m` to `root`.
fn mutate(root: &mut Value, m: Mutation) {
    let mut all = Vec::new();
    pointers(root, String::new(), &mut all);
    let at = &all[m.at % all.len()];
    // A value from elsewhere in the document (a name where a count goes, a guest in a list
    // of delegates): well-formed pieces in the wrong place find more than random bytes.
    let elsewhere = root
        .pointer(&all[m.with % all.len()])
        .cloned()
        .unwrap_or(Value::Null);
    let Some(node) = root.pointer_mut(at) else {
        return;
    };
    match (m.what % 10, &mut *node) {
        (0, _) => *node = elsewhere,
        (1, _) => *node = number(m.with),
        (2, _) => {
            *node = [
                Value::Null,
                Value::Bool(true),
                Value::Array(Vec::new()),
                Value::Object(Default::default()),
            ][m.with % 4]
                .clone()
        }
        (3 | 4, Value::String(s)) => {
            let cut: Vec<char> = s.chars().collect();
            let k = m.with % (cut.len() + 1);
            let head: String = cut[..k].iter().collect();
            let tail: String = cut[k..].iter().collect();
            *s = format!("{head}{}{tail}", hostile(m.with / 7));
        }
        (3 | 4, _) | (5, _) => *node = Value::String(hostile(m.with)),
        (6, Value::Array(a)) if !a.is_empty() => {
            let i = m.with % a.len();
            a.remove(i);
        }
        (6, Value::Object(o)) if !o.is_empty() => {
            let k = o.keys().nth(m.with % o.len()).cloned().unwrap_or_default();
            o.remove(&k);
        }
        (7, Value::Array(a)) if !a.is_empty() => {
            let i = m.with % a.len();
            for _ in 0..1 + m.with % 40 {
                a.push(a[i].clone());
            }
        }
        (7, Value::Object(o)) => {
            o.insert(format!("x{}", m.with % 3), elsewhere);
        }
        (8, Value::Number(n)) => {
            let x = n.as_i64().unwrap_or(0);
            *node = match m.with % 4 {
                0 => (x + 1).into(),
                1 => (x - 1).into(),
                2 => (x.saturating_mul(10)).into(),
                _ => (x / 2).into(),
            };
        }
        (9, Value::Array(a)) => a.reverse(),
        _ => *node = number(m.with),
    }
}

/// `text`, with bytes cut or repeated: for the JSON parser's own errors.
fn garble(text: &str, m: Mutation) -> String {
    let mut b = text.as_bytes().to_vec();
    let i = m.at % (b.len() + 1);
    match m.what % 3 {
        0 => b.truncate(i),
        1 => {
            let piece = b[i..(i + m.with % 64).min(b.len())].to_vec();
            b.splice(i..i, piece);
        }
        _ => b.insert(i, b"{}[],:\"\\0-e"[m.with % 11]),
    }
    String::from_utf8_lossy(&b).into_owned()
}

/// The sample congresses, read once.
fn samples() -> &'static [Value] {
    static SAMPLES: std::sync::OnceLock<Vec<Value>> = std::sync::OnceLock::new();
    SAMPLES.get_or_init(|| {
        ["bach-mai-2020", "doan-ket-2020"]
            .iter()
            .map(|n| {
                let path = root().join(format!("examples/data/{n}.json"));
                serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
            })
            .collect()
    })
}

// ---------------------------------------------------------------------------------------------
// Checks on what comes out

/// An error from loading a record: it names a field, or the line of text that is not JSON.
fn names_a_field(e: &daihoi::Error) -> Result<(), TestCaseError> {
    let text = format!("{e:#}");
    let located = match e.kind() {
        // Every problem found, each at its field (problems of shape are of kind Json).
        ErrorKind::Json | ErrorKind::InvalidData if !e.diagnostics().is_empty() => {
            e.diagnostics().iter().all(|d| {
                !d.path.is_empty()
                    || d.message.contains("the whole file")
                    || d.message.contains("top level")
            })
        }
        ErrorKind::Json if e.path().is_none() => {
            text.contains("line ") || text.contains("top level")
        }
        ErrorKind::InvalidData => false,
        _ => e.path().is_some_and(|p| !p.is_empty()),
    };
    prop_assert!(located, "the error names no field: {text}");
    Ok(())
}

/// The DOCX unzips and every XML part parses.
fn valid_docx(bytes: &[u8]) -> Result<(), TestCaseError> {
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes))
        .map_err(|e| TestCaseError::fail(format!("the DOCX does not unzip: {e}")))?;
    prop_assert!(zip.by_name("word/document.xml").is_ok());
    for i in 0..zip.len() {
        let mut part = zip.by_index(i).unwrap();
        if !part.name().ends_with(".xml") && !part.name().ends_with(".rels") {
            continue;
        }
        let mut text = String::new();
        part.read_to_string(&mut text).unwrap();
        if let Err(e) = roxmltree::Document::parse(&text) {
            return Err(TestCaseError::fail(format!("{}: {e}", part.name())));
        }
    }
    Ok(())
}

/// The PDF loads and has the pages it claims.
fn valid_pdf(bytes: &[u8], pages: Option<usize>) -> Result<(), TestCaseError> {
    let doc = lopdf::Document::load_mem(bytes)
        .map_err(|e| TestCaseError::fail(format!("the PDF does not load: {e}")))?;
    prop_assert_eq!(Some(doc.get_pages().len()), pages);
    prop_assert!(pages.unwrap_or(0) >= 1);
    Ok(())
}

fn valid(file: &daihoi::Rendered) -> Result<(), TestCaseError> {
    match file.format {
        Format::Docx => valid_docx(&file.bytes),
        Format::Pdf => valid_pdf(&file.bytes, file.pages),
    }
}

// ---------------------------------------------------------------------------------------------
// The JSON loader

fn load_mutated(
    which: usize,
    ms: &[Mutation],
    text_level: bool,
) -> (String, daihoi::Result<Congress>) {
    let samples = samples();
    let mut v = samples[which % samples.len()].clone();
    let text = if text_level {
        let mut t = v.to_string();
        for m in ms {
            t = garble(&t, *m);
        }
        t
    } else {
        for m in ms {
            mutate(&mut v, *m);
        }
        v.to_string()
    };
    let loaded = daihoi::load_congress(&text);
    (text, loaded)
}

#[test]
fn fuzz_the_loader_on_mutated_samples() {
    fuzz(
        "loader",
        256,
        (any::<usize>(), mutations(6), any::<bool>()),
        |(which, ms, text_level)| {
            let (text, loaded) = load_mutated(which, &ms, text_level);
            match loaded {
                Err(e) => {
                    // Each field's line in the (garbled) text: found or not, never a panic.
                    let lines = text.matches('\n').count() + 1;
                    for d in e.diagnostics() {
                        if let Some(n) = daihoi::congress::line_in(&text, &d.path) {
                            prop_assert!(n >= 1 && n <= lines, "line {n} of {lines}");
                        }
                    }
                    names_a_field(&e)
                }
                Ok(c) => {
                    // What the loader accepts, the checks judge, each problem with its path.
                    for d in engine().validate(&c) {
                        prop_assert!(!d.path.is_empty(), "no path: {d}");
                    }
                    Ok(())
                }
            }
        },
    );
}

// ---------------------------------------------------------------------------------------------
// The whole pipeline

#[test]
fn fuzz_the_pipeline_on_mutated_samples() {
    fuzz(
        "pipeline",
        24,
        (any::<usize>(), mutations(3), any::<[usize; 3]>()),
        |(which, ms, pick)| {
            let (_, loaded) = load_mutated(which, &ms, false);
            let Ok(c) = loaded else {
                return Ok(());
            };
            let problems = engine().validate(&c);
            for d in &problems {
                prop_assert!(!d.path.is_empty(), "no path: {d}");
            }
            let papers: Vec<daihoi::Paper> = DocumentKind::ALL
                .iter()
                .filter_map(|k| k.papers(&c).ok())
                .flatten()
                .collect();
            // A few papers each case: the whole pack in a debug build is slow.
            for p in pick {
                let Some(paper) = papers.get(p % papers.len().max(1)) else {
                    continue;
                };
                match engine().render_formats(paper, &[Format::Docx, Format::Pdf]) {
                    Ok(files) => {
                        for f in &files {
                            valid(f)?;
                        }
                    }
                    Err(e) => {
                        // A record the checks pass renders; a failing paper says why, by field.
                        prop_assert!(
                            !problems.is_empty(),
                            "validate found nothing, but the {} failed: {e:#}",
                            paper.meta().label()
                        );
                        prop_assert!(
                            e.path().is_some()
                                || e.diagnostics().iter().all(|d| !d.path.is_empty()),
                            "{e:#}"
                        );
                        prop_assert!(!e.diagnostics().is_empty() || e.path().is_some(), "{e:#}");
                    }
                }
            }
            Ok(())
        },
    );
}

// ---------------------------------------------------------------------------------------------
// The tally

fn elections() -> Vec<Value> {
    let dir = root().join("tests/fixtures/election");
    let mut names: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .collect();
    names.sort();
    names
        .iter()
        .filter_map(|p| serde_json::from_str(&std::fs::read_to_string(p).unwrap()).ok())
        .collect()
}

#[test]
fn fuzz_the_tally_on_mutated_fixtures() {
    let fixtures = elections();
    assert!(fixtures.len() >= 8);
    fuzz(
        "tally",
        512,
        (any::<usize>(), mutations(5)),
        |(which, ms)| {
            let mut v = fixtures[which % fixtures.len()].clone();
            for m in &ms {
                mutate(&mut v, *m);
            }
            let e: Election = match daihoi::load_json(&v.to_string()) {
                Ok(e) => e,
                Err(e) => return names_a_field(&e),
            };
            match tally(&e) {
                Ok(t) => {
                    let _ = t.to_text(&e);
                    if let Some(next) = next_round(&e, &t) {
                        if let Ok(t2) = tally(&next) {
                            let _ = t2.to_text(&next);
                        }
                    }
                }
                Err(err) => {
                    prop_assert!(
                        err.path().is_some() || !err.diagnostics().is_empty(),
                        "the tally's error names no count: {err:#}"
                    );
                }
            }
            Ok(())
        },
    );
}

// ---------------------------------------------------------------------------------------------
// The markup parser and resolver

#[cfg(feature = "unstable-internals")]
mod markup {
    use super::*;
    use daihoi::markup::{resolve, ResolveContext, StyleSheet};
    use daihoi::tree::Meta;

    /// Pieces of the markup vocabulary (templates/README.md), well-formed and not.
    const PIECES: &[&str] = &[
        "<p>",
        "</p>",
        "<p style=\"title\">",
        "<p align=\"both\" before=\"6\" after=\"-3\">",
        "<p style=\"nope\">",
        "<b>",
        "</b>",
        "<i>x</i>",
        "<u>",
        "<br/>",
        "<span case=\"upper\">",
        "<span keep-names=\"yes\">",
        "</span>",
        "<rule width=\"40%\" thickness=\"0.5\"/>",
        "<rule width=\"1e40\"/>",
        "<space line=\"2\"/>",
        "<space line=\"-99999\"/>",
        "<page-break/>",
        "<table columns=\"30 70\" borders=\"yes\">",
        "<table columns=\"\">",
        "<table columns=\"0 0 0\" header-rows=\"9\">",
        "</table>",
        "<row cant-split=\"yes\">",
        "</row>",
        "<cell span=\"2\" valign=\"centre\">",
        "<cell span=\"0\">",
        "<cell span=\"99\">",
        "</cell>",
        "<hang indent=\"10\">",
        "</hang>",
        "<document>",
        "</document>",
        "<!-- -->",
        "<?pi x?>",
        "<![CDATA[ <b> ]]>",
        "&amp;",
        "&nbsp;",
        "&#0;",
        "&#x1F389;",
        "Đại hội ",
        "Nguyễn Văn An",
        "x",
        " ",
        "\n",
    ];

    fn markup_of_samples() -> Vec<String> {
        let c = sample();
        let mut out = Vec::new();
        for k in DocumentKind::ALL {
            if let Some(p) = k.papers(&c).unwrap().into_iter().next() {
                out.push(engine().render_markup(&p).unwrap());
            }
        }
        out
    }

    fn meta() -> Meta {
        Meta {
            kind: "invitation".into(),
            title: "t".into(),
            language: "vi-VN".into(),
            created: "2020-03-05T08:00:00Z".into(),
            id: "fuzz".into(),
            ..Meta::default()
        }
    }

    /// Resolves `text`; a tree that comes out is exported in both formats, and both are valid.
    fn check(text: &str) -> Result<(), TestCaseError> {
        let styles = StyleSheet::default();
        let ctx = ResolveContext {
            styles: &styles,
            fonts: engine().fonts(),
            template: "fuzz",
        };
        match resolve(text, &ctx, meta()) {
            Err(e) => {
                prop_assert!(e.kind() == ErrorKind::Markup, "{e:#}");
                prop_assert!(
                    e.location().is_some_and(|l| l.template == "fuzz"),
                    "the error names no place: {e:#}"
                );
            }
            Ok(tree) => {
                for f in [Format::Docx, Format::Pdf] {
                    match engine().export_tree(&tree, f) {
                        Ok(out) => valid(&out)?,
                        // The one thing a backend alone can see: a glyph the font lacks.
                        Err(e) => prop_assert!(
                            format!("{e:#}").contains("U+"),
                            "the {f} of a resolved tree failed: {e:#}"
                        ),
                    }
                }
            }
        }
        Ok(())
    }

    #[test]
    fn fuzz_the_markup_resolver_on_mutated_template_output() {
        let sources = markup_of_samples();
        fuzz(
            "markup (mutated)",
            64,
            (
                any::<usize>(),
                prop::collection::vec((any::<usize>(), any::<usize>(), any::<u8>()), 1..6),
            ),
            |(which, edits)| {
                let mut text = sources[which % sources.len()].clone();
                for (at, piece, how) in edits {
                    // Edit on a char boundary.
                    let mut i = at % (text.len() + 1);
                    while !text.is_char_boundary(i) {
                        i -= 1;
                    }
                    let p = PIECES[piece % PIECES.len()];
                    match how % 3 {
                        0 => text.insert_str(i, p),
                        1 => {
                            let mut j = (i + piece % 200).min(text.len());
                            while !text.is_char_boundary(j) {
                                j -= 1;
                            }
                            text.replace_range(i..j, "");
                        }
                        _ => {
                            let mut j = (i + piece % 400).min(text.len());
                            while !text.is_char_boundary(j) {
                                j -= 1;
                            }
                            let copy = text[i..j].to_string();
                            text.insert_str(j, &copy);
                        }
                    }
                }
                check(&text)
            },
        );
    }

    #[test]
    fn fuzz_the_markup_resolver_on_generated_documents() {
        fuzz(
            "markup (generated)",
            128,
            prop::collection::vec(0..PIECES.len(), 0..40),
            |pieces| {
                let body: String = pieces.iter().map(|&i| PIECES[i]).collect();
                check(&format!("<document>{body}</document>"))
            },
        );
    }
}

// ---------------------------------------------------------------------------------------------
// Cases the fuzzer found, kept as regression tests

#[test]
fn a_file_that_is_one_string_with_a_control_character_says_it_is_the_whole_file() {
    // Found by the tally target: the root replaced by "\u0007" gave a problem with no path.
    let e = daihoi::load_json::<Election>("\"\\u0007\"").unwrap_err();
    assert_eq!(e.kind(), ErrorKind::InvalidData);
    let text = format!("{e:#}");
    assert!(
        text.contains("U+0007") && text.contains("the whole file"),
        "{text}"
    );
    names_a_field(&e).unwrap();
}

#[test]
fn a_sample_paper_still_renders_after_the_harness_is_set_up() {
    // The harness itself: an unmutated sample renders and is judged valid, so the checks above
    // can fail only on what the mutations change.
    let c = sample();
    let p = DocumentKind::Invitation
        .paper(&c, About::Guest { guest: 0 })
        .unwrap();
    for f in engine()
        .render_formats(&p, &[Format::Docx, Format::Pdf])
        .unwrap()
    {
        valid(&f).unwrap();
    }
}
