//! The DOCX backend: resolved tree → docx-rs → `.docx` bytes, following the Party's format
//! rules (A4, Times New Roman, page numbers from page 2, borderless header tables).
//!
//! docx-rs builds the parts; a linear fix-up pass then puts property children into schema order
//! and adds what docx-rs has no API for (`w:tblHeader`, `w:lang`); this module writes the core
//! properties and packs the ZIP itself, deflated, with fixed timestamps. No I/O, no clock: the same tree
//! gives the same bytes. Never panics on any tree.

mod build;
mod fixup;
mod frame;
mod package;
mod schema;

use crate::error::{Error, ErrorKind, Result};
use crate::tree::{Block, Document, Inline};

use fixup::Edits;

/// The language written when the tree names none.
const DEFAULT_LANGUAGE: &str = "vi-VN";

/// Writes the tree as a .docx file.
///
/// Deterministic: the same tree gives the same bytes (dates come from `doc.meta.created`).
///
/// # Errors
///
/// [`ErrorKind::Docx`] when the text holds a character XML cannot (U+FFFE, U+FFFF, a C0
/// control), which a resolved tree never does.
pub fn export(doc: &Document) -> Result<Vec<u8>> {
    export_paged(doc, &[])
}

/// Whether [`export_paged`] would use where the PDF's layout begins pages in `doc`: it has a
/// table with header rows whose last rows are kept with what follows.
pub(crate) fn asks_where_pages_begin(doc: &Document) -> bool {
    build::asks_where_pages_begin(doc)
}

/// [`export`], knowing where the PDF's layout begins a page inside a top-level table (the
/// table's block and the row that heads the page,
/// [`rows_starting_pages`](crate::layout::rows_starting_pages)): the last rows of a table kept
/// with the signature go in a table of their own (LibreOffice keeps nothing else with what
/// follows), which does not repeat the first's header rows; where the layout begins a page with
/// them, they begin one here too, under the header rows again.
pub(crate) fn export_paged(doc: &Document, page_rows: &[(usize, usize)]) -> Result<Vec<u8>> {
    check_xml_chars(doc)?;
    let language = if doc.meta.language.is_empty() {
        DEFAULT_LANGUAGE
    } else {
        doc.meta.language.as_str()
    };
    let key = frame::FrameKey::of(doc, language);
    let body_size = key.body_size();
    let frame = frame::Frame::of(key)?;
    let core = package::Packed::new(&package::core_xml(&doc.meta, language));
    // The body, deflated as it is written.
    let body = build::Body::new(doc, frame.next_id(), body_size, page_rows);
    let document = crate::deflate::deflate_pieces(|out| {
        write_body(body, frame.head(), frame.tail(), &mut |bytes| out.push(bytes))
    })?
    .ok_or_else(|| Error::new(ErrorKind::Docx, "the compressor failed on the document's body"))?;
    let document = package::Packed::deflated(document);

    let capacity = frame
        .parts(&core, &document)
        .map(|(n, p)| p.stored_len() + 2 * n.len() + 80)
        .sum::<usize>()
        + 1024;
    let mut zip = package::ZipWriter::new(capacity, package::dos_timestamp(&doc.meta.created));
    for (name, part) in frame.parts(&core, &document) {
        zip.add(name, part)?;
    }
    zip.finish()
}

/// Writes `document.xml` to `out`: `head` and `tail` (the part as docx-rs writes it around an
/// empty body, fixed up) around the body, each block as docx-rs writes it, fixed up as soon as
/// it is made — or as the thread's previous document had it, when that document had the same
/// block in the same place, translated from the same state (see [`Step`]).
fn write_body(
    mut body: build::Body<'_>,
    head: &[u8],
    tail: &[u8],
    out: &mut dyn FnMut(&[u8]),
) -> Result<()> {
    out(head);
    let mut previous: Vec<Option<Step>> = PREVIOUS
        .with(|p| std::mem::take(&mut *p.borrow_mut()))
        .into_iter()
        .map(Some)
        .collect();
    let mut kept = Vec::new();
    let mut kept_bytes = 0;
    let mut rows_seen = 0;
    let mut fixed = Vec::new();
    let mut result = Ok(());
    // Each child of the body goes out as one piece, whether it is written now or kept: the
    // compressed bytes depend on where the pieces are cut.
    let mut fix = |child: docx_rs::DocumentChild,
                   header_rows: &[bool],
                   rows_seen: &mut usize,
                   record: &mut Option<Vec<u8>>,
                   cuts: &mut Vec<usize>,
                   result: &mut Result<()>,
                   out: &mut dyn FnMut(&[u8])| {
        if result.is_err() {
            return;
        }
        fixed.clear();
        let edits = Edits {
            header_rows,
            ..Edits::default()
        };
        *result = fixup::fix_into(&docx_rs::BuildXML::build(&child), &edits, *rows_seen, &mut fixed)
            .map(|seen| {
                *rows_seen = seen;
                out(&fixed);
                if let Some(xml) = record {
                    if xml.len() + fixed.len() <= STEPS_KEPT_BYTES {
                        xml.extend_from_slice(&fixed);
                        cuts.push(xml.len());
                    } else {
                        *record = None;
                    }
                }
            });
    };
    for (i, block) in body.blocks().iter().enumerate() {
        let start = (body.state(rows_seen), rows_seen);
        let heads_page = body.tail_heads_page(i);
        let same = previous
            .get_mut(i)
            .filter(|s| {
                s.as_ref().is_some_and(|s| {
                    s.block == *block
                        && s.start == start
                        && s.tail_heads_page == heads_page
                        && s.body_size == body.body_size()
                })
            })
            .and_then(Option::take);
        let step = match same {
            Some(step) => {
                let mut from = 0;
                for &to in &step.cuts {
                    out(&step.xml[from..to]);
                    from = to;
                }
                body.resume(&step.end.0, &step.added);
                rows_seen = step.end.1;
                Some(step)
            }
            None => {
                let mut record = (kept_bytes < STEPS_KEPT_BYTES).then(Vec::new);
                let mut cuts = Vec::new();
                body.write(block, heads_page, &mut |child, header_rows| {
                    fix(child, header_rows, &mut rows_seen, &mut record, &mut cuts, &mut result, out)
                });
                std::mem::replace(&mut result, Ok(()))?;
                record.map(|xml| Step {
                    block: block.clone(),
                    tail_heads_page: heads_page,
                    body_size: body.body_size(),
                    added: body.rows_from(start.0.rows()).to_vec(),
                    start,
                    end: (body.state(rows_seen), rows_seen),
                    xml,
                    cuts,
                })
            }
        };
        if let Some(step) = step.filter(|s| kept_bytes + s.cost() <= STEPS_KEPT_BYTES) {
            kept_bytes += step.cost();
            kept.push(step);
        }
    }
    body.finish(&mut |child, header_rows| {
        fix(child, header_rows, &mut rows_seen, &mut None, &mut Vec::new(), &mut result, out)
    });
    result?;
    out(tail);
    previous.clear();
    PREVIOUS.with(|p| *p.borrow_mut() = kept);
    Ok(())
}

/// One block of a body as it was translated: the block (and whether its kept rows head a
/// page, and the document's default run size, which its runs leave out), the state it was
/// translated from and the state it left (with the fix-up pass's count of rows), the table rows
/// it added, and its XML, fixed up, with where each child of the body ends in it.
struct Step {
    block: crate::tree::Block,
    /// [`build::Body::tail_heads_page`] of the block.
    tail_heads_page: bool,
    /// [`build::Body::body_size`] of the document.
    body_size: usize,
    start: (build::Between, usize),
    end: (build::Between, usize),
    added: Vec<bool>,
    xml: Vec<u8>,
    cuts: Vec<usize>,
}

impl Step {
    /// What keeping the step costs, about: its XML, its rows and cuts, and its fixed part. The
    /// block's tree is smaller than its XML; a block that writes nothing still counts.
    fn cost(&self) -> usize {
        const FIXED: usize = 256;
        self.xml.len()
            + self.added.len()
            + self.start.0.held()
            + self.end.0.held()
            + self.cuts.len() * std::mem::size_of::<usize>()
            + FIXED
    }
}

/// The most a thread keeps of its previous document's body ([`Step::cost`]): an invitation's
/// XML is 13 KB. With the blocks' trees, what is kept stays under twice this.
const STEPS_KEPT_BYTES: usize = 64 * 1024;

thread_local! {
    /// The blocks of the body this thread wrote last, in order (as far as
    /// [`STEPS_KEPT_BYTES`] goes). The papers of a batch differ in a paragraph or two —
    /// invitations in the guest's name — and docx-rs's writing of the rest was a third of an
    /// invitation's DOCX.
    static PREVIOUS: std::cell::RefCell<Vec<Step>> = const { std::cell::RefCell::new(Vec::new()) };
}

/// Whether XML 1.0 can hold `c` (its `Char` production).
fn is_xml_char(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\r' | '\u{20}'..='\u{D7FF}' | '\u{E000}'..='\u{FFFD}' | '\u{10000}'..)
}

/// The first character of `text` that XML cannot hold. Such a character is a C0 control (one
/// byte) or U+FFFE, U+FFFF (whose UTF-8 begins with 0xEF, as that of few others does): one
/// pass over the bytes, which vectorises, and the characters are read only after a suspect
/// byte.
fn first_non_xml_char(text: &str) -> Option<char> {
    let suspect = |b: &u8| (*b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r')) || *b == 0xEF;
    if !text.as_bytes().iter().any(suspect) {
        return None;
    }
    text.chars().find(|&c| !is_xml_char(c))
}

/// Fails on a character no XML part can hold (U+FFFE, U+FFFF, C0 controls): the resolver
/// excludes control characters and the font check upstream excludes the rest, so this only
/// guards against a tree built by other means.
fn check_xml_chars(doc: &Document) -> Result<()> {
    fn blocks(list: &[Block]) -> Option<char> {
        list.iter().find_map(|block| match block {
            Block::Paragraph(p) => p.inlines.iter().find_map(|i| match i {
                Inline::Text(run) => first_non_xml_char(&run.text),
                Inline::Break => None,
            }),
            Block::Table(t) => t
                .rows
                .iter()
                .flat_map(|r| &r.cells)
                .find_map(|c| blocks(&c.blocks)),
            Block::Rule(_) | Block::Spacer(_) | Block::PageBreak => None,
        })
    }
    let m = &doc.meta;
    let found = [
        &m.title,
        &m.subject,
        &m.author,
        &m.kind,
        &m.id,
        &m.language,
        &m.created,
    ]
    .into_iter()
    .find_map(|s| first_non_xml_char(s))
    .or_else(|| blocks(&doc.blocks));
    match found {
        None => Ok(()),
        Some(c) => Err(Error::new(
            ErrorKind::Docx,
            format!(
                "expected text that XML can hold, found U+{:04X}, which no DOCX part can contain",
                c as u32
            ),
        )
        .with_hint("remove the character from the input")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tree::{
        Align, Cell, Meta, PageSetup, Paragraph, Row, RunStyle, Table, TextRun, VAlign,
    };

    fn para(text: &str, keep: bool) -> Paragraph {
        Paragraph {
            inlines: vec![Inline::Text(TextRun {
                text: text.into(),
                style: RunStyle::regular(14.0),
            })],
            align: Align::Left,
            first_line_indent: 0.0,
            indent_left: 0.0,
            indent_right: 0.0,
            space_before: 0.0,
            space_after: 0.0,
            line_height: 18.0,
            keep_with_next: keep,
            keep_lines: false,
        }
    }

    /// A row of one cell holding `text`.
    fn one_cell_row(text: &str) -> Row {
        Row {
            cells: vec![Cell {
                blocks: vec![Block::Paragraph(para(text, false))],
                col_span: 1,
                v_align: VAlign::Top,
            }],
            cant_split: true,
        }
    }

    /// A ruled one-column table of `rows`, the first a header row.
    fn headed_table(rows: Vec<Row>) -> Block {
        Block::Table(Table {
            columns: vec![200.0],
            borders: true,
            border_width: 0.5,
            cell_padding_x: 0.0,
            cell_padding_y: 0.0,
            header_rows: 1,
            rows,
        })
    }

    /// The `word/document.xml` of `doc`.
    fn document_xml(doc: &Document) -> String {
        let bytes = export(doc).unwrap();
        let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
        let mut out = String::new();
        std::io::Read::read_to_string(&mut zip.by_name("word/document.xml").unwrap(), &mut out)
            .unwrap();
        out
    }

    #[test]
    fn widow_control_landscape_and_kept_rows_reach_the_docx() {
        let row = |text: &str, keep: bool| Row {
            cells: vec![Cell {
                blocks: vec![
                    Block::Paragraph(para(text, keep)),
                    Block::Paragraph(para("x", false)),
                ],
                col_span: 1,
                v_align: VAlign::Top,
            }],
            cant_split: true,
        };
        let table = |keep_last: bool| {
            Block::Table(Table {
                columns: vec![200.0],
                borders: false,
                border_width: 0.5,
                cell_padding_x: 0.0,
                cell_padding_y: 0.0,
                header_rows: 0,
                rows: vec![row("r1", false), row("r2", keep_last)],
            })
        };
        let doc = Document {
            meta: Meta::default(),
            page: PageSetup::a4().landscape(),
            blocks: vec![
                Block::Paragraph(para("a", false)),
                table(true),
                table(false),
            ],
        };
        let xml = document_xml(&doc);
        assert!(xml.contains("w:orient=\"landscape\""), "{xml}");
        assert!(xml.contains("w:w=\"16838\""), "the page size is swapped");
        // Widow control comes from the document defaults, not from each paragraph.
        assert!(!xml.contains("widowControl"), "{xml}");
        // The kept row is a table of its own (LibreOffice keeps only a whole table with the next
        // paragraph): both its paragraphs, the separator before it and the one after it keep
        // with the next; nothing else does.
        assert_eq!(xml.matches("<w:keepNext />").count(), 4, "{xml}");
        assert_eq!(xml.matches("<w:tbl>").count(), 3, "{xml}");
    }

    #[test]
    fn a_paragraph_whose_lines_stay_together_says_so_after_keep_next() {
        let kept = Paragraph {
            keep_lines: true,
            ..para("k", true)
        };
        let doc = Document {
            meta: Meta::default(),
            page: PageSetup::a4(),
            blocks: vec![
                Block::Paragraph(kept),
                Block::Paragraph(para("n", false)),
            ],
        };
        let xml = document_xml(&doc);
        assert_eq!(xml.matches("<w:keepLines />").count(), 1, "{xml}");
        // In the schema's order: keepNext, then keepLines.
        assert!(xml.contains("<w:keepNext /><w:keepLines />"), "{xml}");
    }

    #[test]
    fn a_header_row_keeps_with_the_first_two_body_rows() {
        let table = |body: usize| {
            let mut rows = vec![one_cell_row("head")];
            rows.extend((0..body).map(|i| one_cell_row(&format!("r{i}"))));
            headed_table(rows)
        };
        let doc = |body: usize| Document {
            meta: Meta::default(),
            page: PageSetup::a4(),
            blocks: vec![table(body)],
        };
        // The header row and the first body row keep with the next (issue 9: a header never
        // ends a page with one row under it) …
        let xml = document_xml(&doc(3));
        assert_eq!(xml.matches("<w:keepNext />").count(), 2, "{xml}");
        assert!(xml.contains("<w:tblHeader />"), "{xml}");
        // … and a table of one body row keeps only its header with it.
        let xml = document_xml(&doc(1));
        assert_eq!(xml.matches("<w:keepNext />").count(), 1, "{xml}");
    }

    /// A thread keeps the frame and the body's blocks of the documents it wrote (see
    /// [`frame::Frame`] and [`Step`]): what it wrote before never changes a document's bytes.
    /// The documents differ where the memos could go wrong: one block of text, a table's
    /// header rows, the page, the body's size and the language.
    #[test]
    fn a_document_is_the_same_whatever_the_thread_wrote_before() {
        let header_table = |head: &str| {
            headed_table([head, "r1", "r2"].iter().map(|t| one_cell_row(t)).collect())
        };
        let doc = |name: &str, table_first: bool, page: PageSetup, language: &str| {
            let mut blocks = vec![
                Block::Paragraph(para("Kính gửi:", false)),
                Block::Paragraph(para(name, false)),
                Block::PageBreak,
                Block::Paragraph(para("Trân trọng kính mời.", true)),
            ];
            if table_first {
                blocks.insert(0, header_table("STT"));
            } else {
                blocks.push(header_table("Họ và tên"));
            }
            Document {
                meta: Meta {
                    language: language.into(),
                    ..Meta::default()
                },
                page,
                blocks,
            }
        };
        let mut large = doc("Lê Thị B", false, PageSetup::a4(), "vi-VN");
        if let Block::Paragraph(p) = &mut large.blocks[1] {
            p.inlines = vec![Inline::Text(TextRun {
                text: "Đồng chí Lê Thị B ".repeat(40),
                style: RunStyle::regular(13.0),
            })];
        }
        let docs = [
            doc("Nguyễn Văn A", false, PageSetup::a4(), "vi-VN"),
            doc("Lê Thị B", false, PageSetup::a4(), "vi-VN"),
            doc("Lê Thị B", true, PageSetup::a4(), "vi-VN"),
            doc("Lê Thị B", false, PageSetup::a4().landscape(), "vi-VN"),
            doc("Lê Thị B", false, PageSetup::a4(), "en-US"),
            large,
        ];
        let alone: Vec<Vec<u8>> = docs
            .iter()
            .map(|d| std::thread::scope(|s| s.spawn(|| export(d).unwrap()).join().unwrap()))
            .collect();
        for (i, a) in alone.iter().enumerate() {
            for b in &alone[..i] {
                assert_ne!(a, b, "the documents differ");
            }
        }
        std::thread::scope(|s| {
            s.spawn(|| {
                for order in [[0, 1, 2, 3, 4, 5], [5, 4, 3, 2, 1, 0], [1, 0, 2, 0, 5, 1]] {
                    for i in order {
                        assert!(export(&docs[i]).unwrap() == alone[i], "document {i}");
                    }
                }
            });
        });
    }

    /// What a thread keeps of the body it wrote last stays within [`STEPS_KEPT_BYTES`],
    /// whatever the body: a long table (each later block's state once held every row before
    /// it) and blocks that write nothing (they once counted as nothing).
    #[test]
    fn what_a_thread_keeps_of_a_body_is_bounded() {
        let mut blocks = vec![headed_table(
            (0..20_000).map(|i| one_cell_row(&i.to_string())).collect(),
        )];
        blocks.extend((0..3_000).map(|_| Block::Spacer(crate::tree::Spacer { height: 0.0 })));
        blocks.extend((0..100).map(|i| Block::Paragraph(para(&i.to_string(), false))));
        let doc = Document {
            meta: Meta::default(),
            page: PageSetup::a4(),
            blocks,
        };
        std::thread::scope(|s| {
            s.spawn(|| {
                export(&doc).unwrap();
                PREVIOUS.with(|p| {
                    let kept = p.borrow();
                    assert!(!kept.is_empty());
                    let cost: usize = kept.iter().map(Step::cost).sum();
                    assert!(cost <= STEPS_KEPT_BYTES, "{cost}");
                    assert!(kept.len() < 3_000, "blocks that write nothing count");
                    let rows: usize = kept.iter().map(|s| s.added.len()).sum();
                    assert_eq!(rows, 0, "the table is not kept, nor its rows");
                });
            });
        });
    }

    #[test]
    fn the_byte_scan_finds_every_character_xml_cannot_hold() {
        for c in (0..=0x10FFFF).filter_map(char::from_u32) {
            let text = format!("Bạch {c} Mai");
            let expected = (!is_xml_char(c)).then_some(c);
            assert_eq!(first_non_xml_char(&text), expected, "U+{:04X}", u32::from(c));
        }
    }

    #[test]
    fn xml_chars() {
        for c in ['a', '\t', 'ễ', '\u{FFFD}', '\u{1F600}', '\u{E000}'] {
            assert!(is_xml_char(c), "{c:?}");
        }
        for c in ['\u{0}', '\u{1}', '\u{B}', '\u{1F}', '\u{FFFE}', '\u{FFFF}'] {
            assert!(!is_xml_char(c), "{c:?}");
        }
    }
}
