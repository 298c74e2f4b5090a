//! Print-ready pages (issue 9): every paper of both sample packs, a 60-candidate election and a
//! 40-person personnel summary, as our PDF and as LibreOffice's rendering of our DOCX, read back
//! with `pdftotext -bbox-layout` and checked the way a committee office checks a paper before
//! filing it:
//!
//! - no page holds only the signature block or "Nơi nhận";
//! - no paragraph leaves one line alone at the foot or the head of a page;
//! - no heading (a paragraph kept with the next) ends a page;
//! - no set phrase ("2020 – 2025", "8 (tám)", "Số 01-GM/ĐU", "T/M", "7h30’, Thứ Năm") is split
//!   across lines;
//! - every header line that fits its column stays on one line, inside its column, and the right
//!   heading starts at the same place on every paper of the same orientation;
//! - all text inside the margins;
//! - the DOCX (through LibreOffice) has as many pages as our PDF.
//!
//! It also counts the body lines that break differently in the two renderings and prints the
//! figure. One LibreOffice conversion serves every file. Skips (with a printed reason) where
//! LibreOffice or poppler-utils are missing; fails instead with `DAIHOI_REQUIRE_TOOLS=1`.
#![cfg(feature = "unstable-internals")]

mod common;

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::process::Command;

use common::*;
use daihoi::tree::{mm, Block, Document as Tree, Paragraph};
use daihoi::{Congress, DocumentKind, Format};
use serde_json::{json, Value};

/// How many times LibreOffice may leave a paragraph kept with the next at the foot of a page
/// (see the end of the test).
const LIBREOFFICE_KEEP_LAPSES: usize = 5;

/// Tolerance for positions, in points (LibreOffice rounds to twips and places glyphs its way).
const TOL: f32 = 1.5;

/// One paper: its tree and both files.
struct Paper {
    label: String,
    tree: Tree,
    pdf: PathBuf,
    docx: PathBuf,
}

/// A word as pdftotext places it (points, origin at the top left).
#[derive(Debug, Clone)]
struct Word {
    text: String,
    x0: f32,
    y0: f32,
    x1: f32,
    y1: f32,
}

/// A line of words.
#[derive(Debug, Clone)]
struct Line {
    words: Vec<Word>,
    x0: f32,
    x1: f32,
    y1: f32,
}

impl Line {
    fn text(&self) -> String {
        self.tokens().join(" ")
    }

    /// The words, split at no-break spaces too (LibreOffice and our PDF differ there).
    fn tokens(&self) -> Vec<String> {
        self.words.iter().flat_map(|w| tokens(&w.text)).collect()
    }
}

struct PageText {
    width: f32,
    height: f32,
    lines: Vec<Line>,
}

fn tokens(s: &str) -> Vec<String> {
    s.split(|c: char| c.is_whitespace() || c == '\u{a0}')
        .filter(|t| !t.is_empty())
        .map(str::to_string)
        .collect()
}

/// The first word of the first cell of each row of a data table with a header row and at
/// least two body rows: (header, first body row, second body row).
fn table_starts(tree: &Tree) -> Vec<(String, String, String)> {
    let first_word = |row: &daihoi::tree::Row| -> Option<String> {
        let cell = row.cells.first()?;
        cell.blocks.iter().find_map(|b| match b {
            Block::Paragraph(p) => tokens(&p.text()).into_iter().next(),
            _ => None,
        })
    };
    tree.blocks
        .iter()
        .filter_map(|b| match b {
            Block::Table(t) if t.borders && t.header_rows == 1 && t.rows.len() >= 3 => Some((
                first_word(&t.rows[0])?,
                first_word(&t.rows[1])?,
                first_word(&t.rows[2])?,
            )),
            _ => None,
        })
        .collect()
}

/// A table that starts at the foot of a page with its header row and a single body row under it
/// (issue 9, BM 077 p.2): the header travels with two body rows, or the whole table when it is
/// shorter. Found by the first cell's first word: the header's ("TT"), then the rows' ("1",
/// "2") in the same column, below it on that page.
fn header_with_one_row(label: &str, tree: &Tree, pages: &[PageText]) -> Vec<String> {
    let mut out = Vec::new();
    let mut starts = table_starts(tree);
    starts.sort();
    starts.dedup();
    for (n, page) in pages.iter().enumerate().take(pages.len().saturating_sub(1)) {
        let lines = body_lines(page);
        for (head, one, two) in &starts {
            for (i, h) in lines.iter().enumerate() {
                if h.words[0].text != *head {
                    continue;
                }
                let centre = |w: &Word| (w.x0 + w.x1) / 2.0;
                let column = centre(&h.words[0]);
                let below: Vec<&String> = lines[i + 1..]
                    .iter()
                    .filter(|l| (centre(&l.words[0]) - column).abs() < 3.0 * TOL)
                    .map(|l| &l.words[0].text)
                    .collect();
                if below.len() == 1 && below[0] == one && one != two {
                    out.push(format!(
                        "{label} p{}: a table's header row ends the page with one row under it",
                        n + 1
                    ));
                }
            }
        }
    }
    out
}

/// Pages, lines and words of a PDF, from `pdftotext -bbox-layout`; lines in reading order
/// (top to bottom, then left to right).
fn read_pdf(path: &Path) -> Vec<PageText> {
    let out = Command::new("pdftotext")
        .arg("-bbox-layout")
        .arg(path)
        .arg("-")
        .output()
        .expect("pdftotext runs");
    assert!(out.status.success(), "pdftotext {}", path.display());
    let text = String::from_utf8(out.stdout).expect("pdftotext writes UTF-8");
    let opts = roxmltree::ParsingOptions {
        allow_dtd: true,
        ..Default::default()
    };
    let xml = roxmltree::Document::parse_with_options(&text, opts).expect("pdftotext's XHTML");
    let attr = |n: roxmltree::Node<'_, '_>, a: &str| -> f32 {
        n.attribute(a).and_then(|v| v.parse().ok()).unwrap_or(0.0)
    };
    let mut pages = Vec::new();
    for page in xml.descendants().filter(|n| n.has_tag_name("page")) {
        let mut lines = Vec::new();
        for line in page.descendants().filter(|n| n.has_tag_name("line")) {
            let words: Vec<Word> = line
                .children()
                .filter(|n| n.has_tag_name("word"))
                .map(|w| Word {
                    text: w.text().unwrap_or("").to_string(),
                    x0: attr(w, "xMin"),
                    y0: attr(w, "yMin"),
                    x1: attr(w, "xMax"),
                    y1: attr(w, "yMax"),
                })
                .collect();
            if words.is_empty() {
                continue;
            }
            lines.push(Line {
                x0: attr(line, "xMin"),
                x1: attr(line, "xMax"),
                y1: attr(line, "yMax"),
                words,
            });
        }
        lines.sort_by(|a, b| {
            let (ya, yb) = (baseline(a), baseline(b));
            if (ya - yb).abs() > 2.0 {
                ya.total_cmp(&yb)
            } else {
                a.x0.total_cmp(&b.x0)
            }
        });
        pages.push(PageText {
            width: attr(page, "width"),
            height: attr(page, "height"),
            lines,
        });
    }
    pages
}

fn baseline(l: &Line) -> f32 {
    l.y1
}

/// The lines of a page without the page number (a number alone above the top margin).
fn body_lines(page: &PageText) -> Vec<&Line> {
    page.lines
        .iter()
        .filter(|l| !(l.y1 < mm(20.0) && l.text().chars().all(|c| c.is_ascii_digit() || c == ' ')))
        .collect()
}

/// Top-level paragraphs of the tree as word lists, with their keep-with-next flag.
fn paragraphs(tree: &Tree) -> Vec<(Vec<String>, &Paragraph)> {
    tree.blocks
        .iter()
        .filter_map(|b| match b {
            Block::Paragraph(p) => {
                let words = tokens(&p.text());
                (!words.is_empty()).then_some((words, p))
            }
            _ => None,
        })
        .collect()
}

/// Every paragraph of the tree (table cells too) as a word list.
fn all_paragraphs(tree: &Tree) -> Vec<Vec<String>> {
    fn walk(blocks: &[Block], out: &mut Vec<Vec<String>>) {
        for b in blocks {
            match b {
                Block::Paragraph(p) => out.push(tokens(&p.text())),
                Block::Table(t) => {
                    for row in &t.rows {
                        for cell in &row.cells {
                            walk(&cell.blocks, out);
                        }
                    }
                }
                _ => {}
            }
        }
    }
    let mut out = Vec::new();
    walk(&tree.blocks, &mut out);
    out
}

/// Whether `needle` occurs in `hay` as a contiguous run; returns the start of every match.
fn find_all(hay: &[String], needle: &[String]) -> Vec<usize> {
    if needle.is_empty() || needle.len() > hay.len() {
        return Vec::new();
    }
    (0..=hay.len() - needle.len())
        .filter(|&i| hay[i..i + needle.len()] == *needle)
        .collect()
}

/// The words of the signature block: the paper's last block when it is a table (the partial
/// `signature` and the minutes' own blocks end every paper that is signed).
fn signature_words(tree: &Tree) -> Option<BTreeSet<String>> {
    let Some(Block::Table(t)) = tree.blocks.last() else {
        return None;
    };
    let mut words = BTreeSet::new();
    for row in &t.rows {
        for cell in &row.cells {
            for b in &cell.blocks {
                if let Block::Paragraph(p) = b {
                    words.extend(tokens(&p.text()));
                }
            }
        }
    }
    Some(words)
}

/// The header block: the paper's first block when it is a table, with its column edges.
fn header_table(tree: &Tree) -> Option<&daihoi::tree::Table> {
    match tree.blocks.first() {
        Some(Block::Table(t)) => Some(t),
        _ => None,
    }
}

/// Number words, to tell "8 (tám)" from "8 (100%)".
const NUMBER_WORDS: &[&str] = &[
    "không", "một", "hai", "ba", "bốn", "tư", "năm", "sáu", "bảy", "tám", "chín", "mười", "mươi",
    "mốt", "lăm", "linh", "lẻ", "trăm", "nghìn", "ngàn", "triệu", "tỷ",
];

fn is_year(t: &str) -> bool {
    t.len() == 4 && t.chars().all(|c| c.is_ascii_digit())
}

fn is_figure(t: &str) -> bool {
    !t.is_empty() && t.chars().all(|c| c.is_ascii_digit() || c == '.')
}

fn is_dash(t: &str) -> bool {
    matches!(t, "–" | "-")
}

const WEEKDAYS: &[&str] = &["Hai", "Ba", "Tư", "Năm", "Sáu", "Bảy", "Hai,", "Ba,", "Tư,"];

/// Why the break between a line ending with `a` and the next line starting with `b` splits a
/// set phrase, if it does. `open_words` says the line ends inside "(…" opened after a figure,
/// with that many words of the bracket on it.
fn split_phrase(a: &[String], b: &[String], open_words: Option<usize>) -> Option<&'static str> {
    let (Some(last), Some(first)) = (a.last(), b.first()) else {
        return None;
    };
    let before_last = a.len().checked_sub(2).map(|i| a[i].as_str());
    let second = b.get(1).map(String::as_str);
    if is_year(last)
        && is_dash(first)
        && second.is_some_and(|s| is_year(s.trim_end_matches([',', '.', ';', ')', '”'])))
    {
        return Some("year range");
    }
    if is_dash(last)
        && before_last.is_some_and(is_year)
        && is_year(first.trim_end_matches([',', '.', ';', ')', '”']))
    {
        return Some("year range");
    }
    if is_figure(last) && first.starts_with('(') && in_figure_brackets(first) {
        return Some("figure (words)");
    }
    if let Some(inside) = open_words {
        // A long bracket may break inside, not before its last two words (REVIEW item 11).
        let rest = b
            .iter()
            .position(|w| w.contains(')'))
            .map_or(b.len(), |i| i + 1);
        if inside + rest <= 3 || rest < 2 {
            return Some("figure (words)");
        }
    }
    if last == "Số" && first.chars().next().is_some_and(|c| c.is_ascii_digit()) {
        return Some("document number");
    }
    if last == "T/M" {
        return Some("T/M");
    }
    if last == "Thứ" && WEEKDAYS.iter().any(|w| first.starts_with(w)) {
        return Some("weekday");
    }
    if last.contains('h') && last.ends_with("’,") && first == "Thứ" {
        return Some("time, weekday");
    }
    None
}

/// Whether a bracketed word continues "figure (…": a number word or a percentage.
fn in_figure_brackets(w: &str) -> bool {
    let w = w
        .trim_start_matches('(')
        .trim_end_matches([')', ',', '.', ';', ':']);
    NUMBER_WORDS.contains(&w)
        || (w.ends_with('%')
            && w.trim_end_matches('%')
                .chars()
                .all(|c| c.is_ascii_digit() || c == ','))
}

/// How many words of a "figure (number words" bracket end the line, if one does.
fn ends_inside_number_words(words: &[String]) -> Option<usize> {
    let open = words.iter().rposition(|w| w.starts_with('('))?;
    if words[open..].iter().any(|w| w.contains(')')) || open == 0 {
        return None;
    }
    (is_figure(&words[open - 1]) && words[open..].iter().all(|w| in_figure_brackets(w)))
        .then_some(words.len() - open)
}

/// The next line below `i` on the same page that shares some of its horizontal extent.
fn next_below<'a>(lines: &[&'a Line], i: usize) -> Option<&'a Line> {
    let l = lines[i];
    lines[i + 1..]
        .iter()
        .filter(|m| baseline(m) > baseline(l) + 2.0 && m.x0 < l.x1 && m.x1 > l.x0)
        .min_by(|a, b| baseline(a).total_cmp(&baseline(b)))
        .copied()
}

/// What a committee office would send back, one line per defect.
fn defects(paper: &Paper, pages: &[PageText], which: &str) -> Vec<String> {
    let mut out = Vec::new();
    let label = format!("{} ({which})", paper.label);
    let paras = paragraphs(&paper.tree);
    let signature = signature_words(&paper.tree);
    let every = all_paragraphs(&paper.tree);

    for (n, page) in pages.iter().enumerate() {
        let lines = body_lines(page);
        // Text inside the margins (the page number stands in the top margin).
        let (left, right) = (mm(30.0), page.width - mm(15.0));
        let (top, bottom) = (mm(20.0), page.height - mm(20.0));
        for l in &lines {
            for w in &l.words {
                if w.x0 < left - TOL
                    || w.x1 > right + TOL
                    || w.y0 < top - TOL - 3.0
                    || w.y1 > bottom + TOL
                {
                    out.push(format!(
                        "{label} p{}: \"{}\" outside the margins ({:.1},{:.1})–({:.1},{:.1})",
                        n + 1,
                        w.text,
                        w.x0,
                        w.y0,
                        w.x1,
                        w.y1
                    ));
                }
            }
        }
        // A page with nothing but the signature block.
        if n > 0 {
            if let Some(sig) = &signature {
                let words: Vec<String> = lines.iter().flat_map(|l| l.tokens()).collect();
                if !words.is_empty() && words.iter().all(|w| sig.contains(w)) {
                    out.push(format!("{label} p{}: only the signature block", n + 1));
                }
            }
        }
        // Set phrases split across lines.
        for i in 0..lines.len() {
            let a = lines[i].tokens();
            let open = ends_inside_number_words(&a);
            if let Some(below) = next_below(&lines, i) {
                let b = below.tokens();
                let mut joined = a.clone();
                joined.extend(b.iter().cloned());
                let one_paragraph = every.iter().any(|p| !find_all(p, &joined).is_empty());
                if let Some(what) = split_phrase(&a, &b, open).filter(|_| one_paragraph) {
                    out.push(format!(
                        "{label} p{}: {what} split: \"{}\" / \"{}\"",
                        n + 1,
                        lines[i].text(),
                        below.text()
                    ));
                }
            }
        }
    }

    out.extend(header_with_one_row(&label, &paper.tree, pages));

    // Page breaks: lone lines and headings at the foot of a page.
    for n in 0..pages.len().saturating_sub(1) {
        let this = body_lines(&pages[n]);
        let next = body_lines(&pages[n + 1]);
        let (Some(last), Some(first)) = (this.last(), next.first()) else {
            continue;
        };
        let (lt, ft) = (last.tokens(), first.tokens());
        let mut joined = lt.clone();
        joined.extend(ft.iter().cloned());
        // The paragraph that runs on over the break, counted on either side. Papers repeat
        // sentences (the rules read before each ballot), so of the paragraphs that hold these
        // two lines, the one that holds the most lines around them is the one on the page.
        let mut split: Option<(usize, usize)> = None;
        for (words, _) in &paras {
            if find_all(words, &joined).is_empty() {
                continue;
            }
            let mut above = 1;
            let mut seq = joined.clone();
            for l in this.iter().rev().skip(1) {
                let mut s = l.tokens();
                s.extend(seq.iter().cloned());
                if find_all(words, &s).is_empty() {
                    break;
                }
                seq = s;
                above += 1;
            }
            let mut below = 1;
            let mut seq = joined.clone();
            for l in next.iter().skip(1) {
                let mut s = seq.clone();
                s.extend(l.tokens());
                if find_all(words, &s).is_empty() {
                    break;
                }
                seq = s;
                below += 1;
            }
            if split.is_none_or(|(a, b)| above + below > a + b) {
                split = Some((above, below));
            }
        }
        if let Some((above, below)) = split {
            if above == 1 || below == 1 {
                out.push(format!(
                    "{label} p{}→p{}: a paragraph split {above}/{below}: \"{}\" / \"{}\"",
                    n + 1,
                    n + 2,
                    last.text(),
                    first.text()
                ));
            }
            continue;
        }
        // A line that a table cell also has may be that cell's (a year range ending a note).
        let in_flow = paras
            .iter()
            .filter(|(w, _)| !find_all(w, &lt).is_empty())
            .count();
        let anywhere = every
            .iter()
            .filter(|w| !find_all(w, &lt).is_empty())
            .count();
        if anywhere > in_flow {
            continue;
        }
        for (words, p) in &paras {
            if p.keep_with_next && words.ends_with(&lt) && find_all(words, &ft).is_empty() {
                out.push(format!(
                    "{label} p{}: ends with a heading: \"{}\"",
                    n + 1,
                    last.text()
                ));
                break;
            }
        }
    }

    // The header block: a line that fits its column stays one line, within its column.
    if let (Some(header), Some(page)) = (header_table(&paper.tree), pages.first()) {
        let fonts = engine().fonts();
        let mut edges = vec![mm(30.0)];
        for c in &header.columns {
            edges.push(edges.last().unwrap() + c);
        }
        let lines = body_lines(page);
        for row in &header.rows {
            let mut col = 0;
            for cell in &row.cells {
                let (x0, x1) = (edges[col], edges[col + cell.col_span]);
                col += cell.col_span;
                for b in &cell.blocks {
                    let Block::Paragraph(p) = b else { continue };
                    let text = p.text();
                    let words = tokens(&text);
                    if words.is_empty() || text.contains('\n') {
                        continue;
                    }
                    let width: f32 = p
                        .inlines
                        .iter()
                        .map(|i| match i {
                            daihoi::tree::Inline::Text(r) => {
                                fonts.face(r.style.face()).measure(&r.text, r.style.size)
                            }
                            daihoi::tree::Inline::Break => 0.0,
                        })
                        .sum();
                    let inner = x1 - x0 - 2.0 * header.cell_padding_x;
                    let placed: Vec<&&Line> = lines
                        .iter()
                        .filter(|l| l.x0 >= x0 - TOL && l.x1 <= x1 + TOL)
                        .filter(|l| {
                            let t = l.tokens();
                            !t.is_empty() && !find_all(&words, &t).is_empty()
                        })
                        .collect();
                    let one_line = placed.iter().any(|l| l.tokens() == words);
                    if width <= inner && !one_line {
                        out.push(format!(
                            "{label}: header line \"{text}\" ({width:.1} pt) fits its {inner:.1} pt column but is not one line there"
                        ));
                    }
                }
            }
        }
    }
    out
}

/// The x where "ĐẢNG CỘNG SẢN VIỆT NAM" starts on the first page, with the page's orientation.
fn heading_start(pages: &[PageText]) -> Option<(bool, f32)> {
    let page = pages.first()?;
    let line = page
        .lines
        .iter()
        .find(|l| l.text() == "ĐẢNG CỘNG SẢN VIỆT NAM")?;
    Some((page.width > page.height, line.x0))
}

/// A line's text as printed, for comparing the two renderings: a mark that pdftotext reads as
/// a word of its own is put back on the word before it (LibreOffice sets the upright ":" after
/// an italic ")" a little apart, and pdftotext reads "Hà) :" where our PDF gives "Hà):" — the
/// script's 118 speaker lines counted as breaking differently for that alone).
fn printed(l: &Line) -> String {
    let mut out = String::new();
    for t in l.tokens() {
        if !out.is_empty() && !t.chars().any(char::is_alphanumeric) {
            out.push_str(&t);
        } else {
            if !out.is_empty() {
                out.push(' ');
            }
            out.push_str(&t);
        }
    }
    out
}

/// The body lines of `a` (lines of the paper's top-level paragraphs; table cells, whose lines
/// pdftotext groups by position, left out) that do not come back, word for word, in `b`.
fn differing_lines(paper: &Paper, a: &[PageText], b: &[PageText]) -> Vec<String> {
    let paras = paragraphs(&paper.tree);
    let in_body = |l: &Line| {
        let t = l.tokens();
        paras
            .iter()
            .any(|(words, _)| !find_all(words, &t).is_empty())
    };
    let mut theirs: BTreeMap<String, usize> = BTreeMap::new();
    for p in b {
        for l in body_lines(p) {
            *theirs.entry(printed(l)).or_default() += 1;
        }
    }
    let mut differ = Vec::new();
    for p in a {
        for l in body_lines(p).into_iter().filter(|l| in_body(l)) {
            match theirs.get_mut(&printed(l)) {
                Some(n) if *n > 0 => *n -= 1,
                _ => differ.push(l.text()),
            }
        }
    }
    differ
}

fn load_value(path: &str) -> Value {
    serde_json::from_str(&std::fs::read_to_string(root().join(path)).unwrap()).unwrap()
}

const HO: &[&str] = &[
    "Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đặng", "Bùi", "Đỗ", "Hồ",
];
const DEM: &[&str] = &["Văn", "Thị", "Minh", "Thanh", "Quang", "Đức", "Thu", "Ngọc"];
const TEN: &[&str] = &[
    "An", "Bình", "Cường", "Dũng", "Giang", "Hà", "Hải", "Hạnh", "Hiếu", "Hoa", "Hùng", "Hương",
    "Khánh", "Lan", "Linh", "Long", "Mai", "Nam", "Nga", "Phong", "Phúc", "Quân", "Sơn", "Tâm",
    "Thảo", "Thắng", "Trang", "Tuấn", "Vân", "Yến",
];

/// The i-th of up to 240 distinct names.
fn name(i: usize) -> Value {
    json!({ "ho": HO[i % HO.len()], "dem": DEM[(i / 30) * 2 % DEM.len() + i % 2], "ten": TEN[i % 30] })
}

/// The ward's congress electing its executive committee from 60 candidates (50 seats), in one
/// round.
fn sixty_candidates() -> Congress {
    let mut v = load_value("examples/data/bach-mai-2020.json");
    // A list outside the personnel procedure (its own check is tested apart).
    v["personnel"] = Value::Null;
    let e = &mut v["elections"][0];
    e["seats"] = json!(50);
    let mut round = e["rounds"][0].clone();
    round["candidates"] = (0..60)
        .map(|i| json!({ "name": name(i), "votes": 116 - i }))
        .collect();
    e["rounds"] = json!([round]);
    e["list_votes"] = json!([e["list_votes"][0]]);
    // Who sits on the new committee changes: leave out its first session.
    v["elections"]
        .as_array_mut()
        .unwrap()
        .retain(|e| e["held_by"] != "new_committee");
    let p = v["proceedings"].as_object_mut().unwrap();
    p.remove("first_session");
    for session in p["agenda"].as_array_mut().unwrap() {
        session["items"]
            .as_array_mut()
            .unwrap()
            .retain(|i| i["step"] != "first_session" && i["step"] != "presentation");
    }
    daihoi::load_congress(&v.to_string()).unwrap()
}

/// The ward's re-election track with 40 people at every step.
fn forty_people() -> Congress {
    let mut v = load_value("examples/data/bach-mai-2020.json");
    v["personnel"]["seats"] = json!(40);
    // Each of the forty has a profile (the ballots print their year of birth and position).
    let profile = v["candidates"][0].clone();
    let profiles: Vec<Value> = (0..40)
        .map(|i| {
            let mut p = profile.clone();
            p["name"] = name(i + 100);
            p["proposed"] = json!("re_election");
            p
        })
        .collect();
    let others: Vec<Value> = v["candidates"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|p| p["proposed"] != "re_election")
        .cloned()
        .collect();
    v["candidates"] = json!([profiles, others].concat());
    let track = &mut v["personnel"]["tracks"][0];
    for step in track["steps"].as_array_mut().unwrap() {
        let valid = step["counts"]["ballots"]["valid"].as_u64().unwrap();
        step["seats"] = json!(40);
        step["counts"]["votes"] = (0..40)
            .map(|i| {
                let disagree = (i as u64 % 3).min(valid);
                json!({ "name": name(i + 100), "agree": valid - disagree, "disagree": disagree })
            })
            .collect();
    }
    daihoi::load_congress(&v.to_string()).unwrap()
}

fn documents(c: &Congress, kinds: &[DocumentKind]) -> Vec<daihoi::Paper> {
    kinds
        .iter()
        .flat_map(|k| k.papers(c).unwrap_or_else(|e| panic!("{e}")))
        .collect()
}

/// Every paper to check, written as DOCX and PDF under `dir`.
fn papers(dir: &Path) -> Vec<Paper> {
    let sets: Vec<(&str, Congress, Vec<DocumentKind>)> = vec![
        (
            "bach-mai",
            daihoi::load_congress(
                &std::fs::read_to_string(root().join("examples/data/bach-mai-2020.json")).unwrap(),
            )
            .unwrap(),
            DocumentKind::ALL.to_vec(),
        ),
        (
            "doan-ket",
            daihoi::load_congress(
                &std::fs::read_to_string(root().join("examples/data/doan-ket-2020.json")).unwrap(),
            )
            .unwrap(),
            DocumentKind::ALL.to_vec(),
        ),
        (
            "bach-mai-tdp12",
            daihoi::load_congress(
                &std::fs::read_to_string(root().join("examples/data/bach-mai-tdp12-2027.json"))
                    .unwrap(),
            )
            .unwrap(),
            DocumentKind::ALL.to_vec(),
        ),
        (
            "sixty",
            sixty_candidates(),
            vec![DocumentKind::Ballot, DocumentKind::VoteCountMinutes],
        ),
        (
            "forty",
            forty_people(),
            vec![DocumentKind::PersonnelSummary],
        ),
    ];
    let mut out = Vec::new();
    for (set, congress, kinds) in sets {
        for (i, doc) in documents(&congress, &kinds).iter().enumerate() {
            let stem = format!("{set}-{:03}-{}", i + 1, doc.meta().file_stem);
            let tree = engine().render_tree(doc).unwrap();
            let pdf = dir.join(format!("{stem}.pdf"));
            let docx = dir.join(format!("{stem}.docx"));
            let rendered = engine()
                .render_formats(doc, &[Format::Docx, Format::Pdf])
                .unwrap();
            std::fs::write(&docx, &rendered[0].bytes).unwrap();
            std::fs::write(&pdf, &rendered[1].bytes).unwrap();
            out.push(Paper {
                label: stem,
                tree,
                pdf,
                docx,
            });
        }
    }
    out
}

/// Defects counted by kind and format, e.g. " (only the signature block: 9 pdf, 8 docx; …)".
fn summary(problems: &[String]) -> String {
    const KINDS: &[(&str, &str)] = &[
        ("only the signature block", "signature alone"),
        ("a paragraph split", "lone line"),
        ("ends with a heading", "heading ends a page"),
        (" split: ", "set phrase split"),
        ("outside the margins", "outside the margins"),
        ("header line", "header line"),
        ("pages in the PDF", "page count"),
        ("right heading starts", "header grid"),
        ("one row under it", "header with one row"),
    ];
    let mut counts: BTreeMap<&str, (usize, usize, usize)> = BTreeMap::new();
    for p in problems {
        let Some((_, kind)) = KINDS.iter().find(|(needle, _)| p.contains(needle)) else {
            continue;
        };
        let entry = counts.entry(kind).or_default();
        if p.contains("(pdf)") {
            entry.0 += 1;
        } else if p.contains("(docx)") {
            entry.1 += 1;
        } else {
            entry.2 += 1;
        }
    }
    if counts.is_empty() {
        return String::new();
    }
    let parts: Vec<String> = counts
        .iter()
        .map(|(k, (pdf, docx, both))| format!("{k}: {pdf} pdf, {docx} docx, {both} both"))
        .collect();
    format!(" ({})", parts.join("; "))
}

#[test]
fn every_paper_is_print_ready_in_both_formats() {
    if !have_tool("pdftotext", "poppler-utils") {
        return;
    }
    let dir = scratch("pages");
    let papers = papers(&dir);
    let docx: Vec<PathBuf> = papers.iter().map(|p| p.docx.clone()).collect();
    let Some(converted) = libreoffice_convert(&docx, &dir.join("lo")) else {
        return;
    };
    let mut problems = Vec::new();
    let mut differing = 0;
    let mut differing_papers = Vec::new();
    let mut starts: BTreeMap<bool, Vec<(f32, String)>> = BTreeMap::new();
    for (paper, lo_pdf) in papers.iter().zip(&converted) {
        let ours = read_pdf(&paper.pdf);
        let theirs = read_pdf(lo_pdf);
        problems.extend(defects(paper, &ours, "pdf"));
        problems.extend(defects(paper, &theirs, "docx"));
        if ours.len() != theirs.len() {
            problems.push(format!(
                "{}: {} pages in the PDF, {} in LibreOffice's rendering of the DOCX",
                paper.label,
                ours.len(),
                theirs.len()
            ));
        }
        for (which, pages) in [("pdf", &ours), ("docx", &theirs)] {
            if let Some((landscape, x)) = heading_start(pages) {
                starts
                    .entry(landscape)
                    .or_default()
                    .push((x, format!("{} ({which})", paper.label)));
            }
        }
        let d = differing_lines(paper, &ours, &theirs);
        if !d.is_empty() {
            differing += d.len();
            differing_papers.push(format!("{} ({}: \"{}\" …)", paper.label, d.len(), d[0]));
        }
    }
    // One header grid: "ĐẢNG CỘNG SẢN VIỆT NAM" starts at the same place on every paper of an
    // orientation.
    for (landscape, xs) in &starts {
        let (min, max) = xs.iter().fold((f32::MAX, f32::MIN), |(lo, hi), (x, _)| {
            (lo.min(*x), hi.max(*x))
        });
        if max - min > TOL {
            let list: Vec<String> = xs.iter().map(|(x, l)| format!("{x:.1} {l}")).collect();
            problems.push(format!(
                "the right heading starts between {min:.1} and {max:.1} pt on {} pages: {}",
                if *landscape { "landscape" } else { "portrait" },
                list.join("; ")
            ));
        }
    }
    eprintln!(
        "{} papers; {differing} body lines break differently in LibreOffice's rendering of the DOCX, in {} papers: {}",
        papers.len(),
        differing_papers.len(),
        differing_papers.join(", ")
    );
    eprintln!("{} defects{}", problems.len(), summary(&problems));
    // LibreOffice leaves a line kept with the next (`w:keepNext`) at the foot of a page in a
    // few places of the ward's script, where the next paragraph moves to the next page whole
    // (Word and our PDF take the kept line along). Reproduced on the DOCX alone: removing the
    // next paragraph's own keepNext, the line's widow control or its "at least" spacing does
    // not change it. Those lapses are LibreOffice's, and at most that many are tolerated, only
    // in the script; any other defect fails.
    let (lapses, problems): (Vec<String>, Vec<String>) = problems.into_iter().partition(|p| {
        // A signature alone after a table is not among them: the DOCX writes the rows kept
        // with it as a table of their own, which LibreOffice keeps with the next paragraph.
        let heading = p.contains("ends with a heading") && p.contains("kich-ban");
        p.contains("(docx)") && heading
    });
    for l in &lapses {
        eprintln!("LibreOffice ignores w:keepNext: {l}");
    }
    assert!(
        lapses.len() <= LIBREOFFICE_KEEP_LAPSES,
        "{} lines kept with the next end a page in LibreOffice's rendering (at most {LIBREOFFICE_KEEP_LAPSES} expected):\n{}",
        lapses.len(),
        lapses.join("\n")
    );
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

/// A line of our own laid-out page: its runs joined, where it stands, and the widest word gap
/// of a justified run on it against the font's space.
struct LaidLine {
    text: String,
    x0: f32,
    x1: f32,
    y: f32,
    stretch: f32,
    face: daihoi::tree::Face,
    size: f32,
}

/// The lines of each page of `tree` as our layout sets them (the PDF draws exactly these):
/// runs on one baseline that touch each other make one line; table cells side by side stay
/// apart.
fn laid_lines(tree: &Tree) -> Vec<Vec<LaidLine>> {
    let fonts = engine().fonts();
    let layout = daihoi::layout::layout_document(tree, fonts).unwrap();
    let mut pages = Vec::new();
    for page in &layout.pages {
        let mut runs: Vec<&daihoi::layout::PositionedText> = page
            .items
            .iter()
            .filter_map(|i| match i {
                daihoi::layout::Item::Text(t) => Some(t),
                _ => None,
            })
            .collect();
        runs.sort_by(|a, b| a.y.total_cmp(&b.y).then(a.x.total_cmp(&b.x)));
        let mut lines: Vec<LaidLine> = Vec::new();
        for r in runs {
            let space = fonts.face(r.face).measure(" ", r.size);
            let stretch = if r.text.contains(' ') {
                (space + r.word_gap) / space
            } else {
                1.0
            };
            match lines.last_mut() {
                Some(l) if (l.y - r.y).abs() < 0.5 && (r.x - l.x1).abs() < 2.0 => {
                    l.text.push_str(&r.text);
                    l.x1 = r.x + r.width;
                    l.stretch = l.stretch.max(stretch);
                }
                _ => lines.push(LaidLine {
                    text: r.text.clone(),
                    x0: r.x,
                    x1: r.x + r.width,
                    y: r.y,
                    stretch,
                    face: r.face,
                    size: r.size,
                }),
            }
        }
        // The page number stands alone in the top margin.
        lines.retain(|l| l.y > mm(20.0));
        pages.push(lines);
    }
    pages
}

/// The names of people in a record (every `{ho, dem, ten}`), and the places the samples name.
fn names_in(record: &Value, out: &mut BTreeSet<String>) {
    match record {
        Value::Object(m) => {
            if let (Some(ho), Some(ten)) = (m.get("ho"), m.get("ten")) {
                let dem = m.get("dem").and_then(Value::as_str).unwrap_or("");
                let full = [ho.as_str().unwrap_or(""), dem, ten.as_str().unwrap_or("")]
                    .iter()
                    .filter(|s| !s.is_empty())
                    .copied()
                    .collect::<Vec<_>>()
                    .join(" ");
                out.insert(full);
            }
            m.values().for_each(|v| names_in(v, out));
        }
        Value::Array(a) => a.iter().for_each(|v| names_in(v, out)),
        _ => {}
    }
}

/// The left and right edges of the text on the page of `tree`.
fn page_edges(tree: &Tree) -> (f32, f32) {
    (
        tree.page.margin_left,
        tree.page.width - tree.page.margin_right,
    )
}

/// What a line must not be (REVIEW of issue 9, item 4): "(để b/c)" alone at the head of a line
/// of the "Nơi nhận"; a centred line (a title's last) holding only the years of a term; an
/// upper-cased line (a header's unit, a heading) that ends with a dash, its name cut after it.
fn lone_tail(label: &str, page: usize, l: &LaidLine, (left, right): (f32, f32)) -> Vec<String> {
    let mut out = Vec::new();
    let words = tokens(&l.text);
    if words.first().is_some_and(|w| w == "(để") {
        out.push(format!(
            "{label} p{}: \"(để b/c)\" starts a line: \"{}\"",
            page + 1,
            l.text
        ));
    }
    let centred = l.x0 > left + 2.0 && ((l.x0 - left) - (right - l.x1)).abs() < 2.0;
    let years = words.len() == 3
        && is_year(&words[0])
        && is_dash(&words[1])
        && is_year(words[2].trim_end_matches([',', '.', ';', ':', ')']));
    if centred && years {
        out.push(format!(
            "{label} p{}: a centred line holds only the years \"{}\"",
            page + 1,
            l.text
        ));
    }
    let upper = l.text.chars().any(char::is_alphabetic) && !l.text.chars().any(char::is_lowercase);
    if upper && words.len() > 1 && words.last().is_some_and(|w| is_dash(w)) {
        out.push(format!(
            "{label} p{}: an upper-cased line ends with a dash: \"{}\"",
            page + 1,
            l.text
        ));
    }
    out
}

/// Units kept whole (names, "15 (100,00%)") wider than their column in a data table (one with
/// borders) whose columns together have room for every unit: the grid should have given that
/// column the room (REVIEW of issue 9, item 3: "Nguyễn Thị Minh / Nguyệt" in the programme's
/// narrow column). Measured as LibreOffice needs it too (no-break spaces ~0.1 em wider).
fn narrow_columns(label: &str, tree: &Tree) -> Vec<String> {
    let fonts = engine().fonts();
    let mut out = Vec::new();
    let mut tables = Vec::new();
    fn collect<'a>(blocks: &'a [Block], out: &mut Vec<&'a daihoi::tree::Table>) {
        for b in blocks {
            if let Block::Table(t) = b {
                out.push(t);
                for row in &t.rows {
                    for cell in &row.cells {
                        collect(&cell.blocks, out);
                    }
                }
            }
        }
    }
    collect(&tree.blocks, &mut tables);
    for t in tables.into_iter().filter(|t| t.borders) {
        let mut need = vec![0.0f32; t.columns.len()];
        let mut widest: Vec<(f32, String)> = vec![(0.0, String::new()); t.columns.len()];
        for row in &t.rows {
            let mut col = 0;
            for cell in &row.cells {
                if cell.col_span == 1 && col < need.len() {
                    for b in &cell.blocks {
                        let Block::Paragraph(p) = b else { continue };
                        let indent = p.indent_left + p.indent_right + p.first_line_indent.max(0.0);
                        for inline in &p.inlines {
                            let daihoi::tree::Inline::Text(r) = inline else {
                                continue;
                            };
                            for piece in r.text.split(' ') {
                                let w = fonts.face(r.style.face()).measure(piece, r.style.size)
                                    + piece.matches('\u{a0}').count() as f32 * 0.1 * r.style.size
                                    + indent
                                    + 2.0 * t.cell_padding_x;
                                if w > need[col] {
                                    need[col] = w;
                                    widest[col] = (w, piece.replace('\u{a0}', " "));
                                }
                            }
                        }
                    }
                }
                col += cell.col_span;
            }
        }
        let total: f32 = t.columns.iter().sum();
        if need.iter().sum::<f32>() > total {
            continue;
        }
        for (c, (have, (w, unit))) in t.columns.iter().zip(&widest).enumerate() {
            if *w > have + 0.5 {
                out.push(format!(
                    "{label}: \"{unit}\" ({w:.1} pt) is wider than column {} ({have:.1} pt), though the table has room",
                    c + 1
                ));
            }
        }
    }
    out
}

/// The most lines a table cell's paragraph may take while a column of its table could give it
/// [`SPARE_ROOM`] without wrapping anything of its own.
const CRAMPED_LINES: usize = 4;

/// Room (points) that a column with text has beyond its widest line and widest unit.
const SPARE_ROOM: f32 = 12.0;

/// Table cells whose text wraps to [`CRAMPED_LINES`] lines or more while another column of the
/// same table has [`SPARE_ROOM`] it does not use, and the cell would take fewer lines with it
/// (issue 9: the programme's "Nội dung" on 8 to 12 short lines, BM 090's "Chức vụ" beside a
/// column of names with room to spare).
fn cramped_cells(label: &str, tree: &Tree) -> Vec<String> {
    let fonts = engine().fonts();
    let mut out = Vec::new();
    for t in tree.blocks.iter().filter_map(|b| match b {
        Block::Table(t) if t.borders => Some(t),
        _ => None,
    }) {
        let n = t.columns.len();
        let (mut need, mut natural) = (vec![0.0f32; n], vec![0.0f32; n]);
        let mut cells = Vec::new();
        for (r, row) in t.rows.iter().enumerate() {
            let mut col = 0;
            for cell in &row.cells {
                if cell.col_span == 1 && col < n {
                    for b in &cell.blocks {
                        let Block::Paragraph(p) = b else { continue };
                        let indent = p.indent_left + p.indent_right + p.first_line_indent.max(0.0);
                        let (unit, line) = daihoi::layout::unit_and_natural_width(p, fonts);
                        need[col] = need[col].max(unit + indent);
                        if r >= t.header_rows {
                            natural[col] = natural[col].max(line + indent);
                            cells.push((col, p));
                        }
                    }
                }
                col += cell.col_span;
            }
        }
        let inner = |c: usize| t.columns[c] - 2.0 * t.cell_padding_x;
        // A column empty below its header is room to write in, not room to spare.
        let spare: Vec<f32> = (0..n)
            .map(|c| {
                if natural[c] > 0.0 {
                    inner(c) - need[c].max(natural[c])
                } else {
                    0.0
                }
            })
            .collect();
        for (col, p) in cells {
            let lines = daihoi::layout::count_lines(p, inner(col), fonts);
            if lines < CRAMPED_LINES {
                continue;
            }
            let Some(d) = (0..n)
                .filter(|&d| d != col)
                .max_by(|a, b| spare[*a].total_cmp(&spare[*b]))
            else {
                continue;
            };
            if spare[d] >= SPARE_ROOM
                && daihoi::layout::count_lines(p, inner(col) + spare[d], fonts) < lines
            {
                out.push(format!(
                    "{label}: a cell of column {} takes {lines} lines while column {} has {:.0} pt to spare: \"{}\"",
                    col + 1,
                    d + 1,
                    spare[d],
                    p.text()
                ));
            }
        }
    }
    out
}

/// How much wider than the font's space a justified line may set its word gaps. Liberation
/// Serif's space is a quarter of an em, so this is 0.75 em; between 2× and this the greedy
/// breaker leaves a line when the next word is itself long ("89,83%);", "(Biên bản"). Was
/// 3.25; the pack's worst line not excused below is now 2.8× (issue 9, item 3).
const MAX_STRETCH: f32 = 3.0;

/// The most words a unit kept on one line (a person's name, "Hai Bà Trưng", "2020 – 2025") may
/// hold and still excuse the stretch of the line before it: the price of not splitting a name.
const KEPT_UNIT: usize = 5;

/// Word gaps no line may reach whatever the cause.
const WORST_STRETCH: f32 = 7.0;

/// The defects a clerk found in the newer papers (REVIEW items 11–14), on our own laid-out
/// pages, which the PDF draws as they are: a justified line whose word gaps are more than
/// [`MAX_STRETCH`] times the space (unless the next line starts with a name or set phrase of at
/// most [`KEPT_UNIT`] words kept whole, and then up to [`WORST_STRETCH`]); a person's or place's name split across two lines; a page
/// that ends with a lead-in (a line ending in ":") whose list is on the next page; a last page
/// that holds only a minutes' closing sentence and the signatures.
#[test]
fn laid_out_pages_keep_names_lead_ins_and_even_word_gaps() {
    let mut problems = Vec::new();
    // Justified lines whose word gaps pass twice the space, by paper (printed, for the record).
    let mut stretched: BTreeMap<String, usize> = BTreeMap::new();
    for sample in ["bach-mai-2020", "doan-ket-2020", "bach-mai-tdp12-2027"] {
        let path = format!("examples/data/{sample}.json");
        let record = load_value(&path);
        let mut names = BTreeSet::new();
        names_in(&record, &mut names);
        names.extend(["Bạch Mai", "Hai Bà Trưng", "Đoàn Kết"].map(String::from));
        let names: Vec<Vec<String>> = names
            .iter()
            .map(|n| tokens(n))
            .filter(|t| t.len() >= 2)
            .collect();
        let congress = daihoi::load_congress(&record.to_string()).unwrap();
        for (i, doc) in documents(&congress, DocumentKind::ALL).iter().enumerate() {
            let label = format!("{sample}-{:03}-{}", i + 1, doc.meta().file_stem);
            let tree = engine().render_tree(doc).unwrap();
            problems.extend(narrow_columns(&label, &tree));
            problems.extend(cramped_cells(&label, &tree));
            let pages = laid_lines(&tree);
            for (n, lines) in pages.iter().enumerate() {
                for (k, l) in lines.iter().enumerate() {
                    // The line below in the same column.
                    let below = lines[k + 1..]
                        .iter()
                        .filter(|m| m.y > l.y + 2.0 && m.x0 < l.x1 && m.x1 > l.x0)
                        .min_by(|a, b| a.y.total_cmp(&b.y));
                    // What the line could not take: the next line's first unit (words joined
                    // by no-break spaces).
                    let unit = below
                        .and_then(|m| m.text.split(' ').next())
                        .map_or(0, |u| u.split('\u{a0}').count());
                    let excused = (2..=KEPT_UNIT).contains(&unit) && l.stretch <= WORST_STRETCH;
                    if l.stretch > 2.0 {
                        *stretched.entry(label.clone()).or_default() += 1;
                    }
                    if l.stretch > MAX_STRETCH && !excused {
                        problems.push(format!(
                            "{label} p{}: word gaps {:.1}× the space: \"{}\"",
                            n + 1,
                            l.stretch,
                            l.text
                        ));
                    }
                    problems.extend(lone_tail(&label, n, l, page_edges(&tree)));
                    let Some(below) = below else {
                        continue;
                    };
                    let (a, b) = (tokens(&l.text), tokens(&below.text));
                    for name in &names {
                        for cut in 1..name.len() {
                            let head = &name[..cut];
                            let tail = &name[cut..];
                            let b_first: Vec<String> = b
                                .iter()
                                .take(tail.len())
                                .map(|w| w.trim_end_matches([',', ';', '.', ':', ')']).to_string())
                                .collect();
                            // A name split where no better break exists (the name starts
                            // the line, or is wider than its column) is the layout's last
                            // resort, and it warns.
                            let column = lines
                                .iter()
                                .filter(|m| (m.x0 - l.x0).abs() < 1.0)
                                .map(|m| m.x1 - m.x0)
                                .fold(0.0f32, f32::max);
                            if !(a.ends_with(head) && b_first == tail) {
                                continue;
                            }
                            let wide = engine()
                                .fonts()
                                .face(l.face)
                                .measure(&[head, &b[..tail.len()]].concat().join(" "), l.size);
                            if a.len() > head.len() && wide <= column {
                                problems.push(format!(
                                    "{label} p{}: name \"{}\" split: \"{}\" / \"{}\"",
                                    n + 1,
                                    name.join(" "),
                                    l.text,
                                    below.text
                                ));
                            }
                        }
                    }
                }
                // The foot of a page that is not the last.
                if n + 1 < pages.len() {
                    if let Some(last) = lines.iter().max_by(|a, b| a.y.total_cmp(&b.y)) {
                        if last.text.trim_end().ends_with(':') {
                            problems.push(format!(
                                "{label} p{}: ends with a lead-in: \"{}\"",
                                n + 1,
                                last.text
                            ));
                        }
                    }
                }
            }
            if pages.len() > 1 {
                let last = pages.last().unwrap();
                if last
                    .first()
                    .is_some_and(|l| l.text.starts_with("Biên bản lập xong"))
                {
                    problems.push(format!(
                        "{label} p{}: only the closing sentence and the signatures",
                        pages.len()
                    ));
                }
            }
        }
    }
    eprintln!(
        "{} justified lines with word gaps over twice the space, in {} papers: {:?}",
        stretched.values().sum::<usize>(),
        stretched.len(),
        stretched
    );
    assert!(
        problems.is_empty(),
        "{} defects:\n{}",
        problems.len(),
        problems.join("\n")
    );
}
