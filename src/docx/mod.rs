//! The DOCX backend: resolved tree → docx-rs → `.docx` bytes, following the Party's format
//! rules (A4, Times New Roman, page numbers from page 2, borderless header tables).
//!
//! docx-rs builds the parts; a linear fix-up pass then puts property children into schema order
//! and adds what docx-rs has no API for (`w:tblHeader`, `w:lang`); this module writes the core
//! properties and packs the ZIP itself, deflated, with fixed timestamps. No I/O, no clock: the same tree
//! gives the same bytes. Never panics on any tree.

mod build;
mod fixup;
mod package;
mod schema;

use crate::error::{Error, ErrorKind, Result};
use crate::tree::{Block, Document, Inline};

use fixup::{fix_part, Edits};

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
    check_xml_chars(doc)?;
    // docx-rs would hold a long paper's body as a large tree of structs beside the XML it
    // writes (70 MB for a 500-page script), and the XML, fixed up and deflated, would be three
    // copies more: docx-rs writes the rest around an empty body, and each block of the body is
    // written, fixed up and deflated as soon as it is made. None of docx-rs's package work
    // looks at the body for what we write: no images, comments, footnotes, hyperlinks,
    // numbering or tables of contents.
    let (docx, body) = build::translate(doc);
    let mut xml = docx.build();
    let around = fix_part(&std::mem::take(&mut xml.document), &Edits::default())?;
    let (head, tail) = split_at_body(&around)?;

    let language = if doc.meta.language.is_empty() {
        DEFAULT_LANGUAGE
    } else {
        doc.meta.language.as_str()
    };
    let mut language_escaped = String::with_capacity(language.len());
    package::push_escaped(&mut language_escaped, language);

    let styles = fix_part(
        &xml.styles,
        &Edits {
            header_rows: &[],
            default_lang: Some(&language_escaped),
        },
    )?;
    let none = Edits::default();
    let settings = fix_part(&xml.settings, &none)?;
    let numbering = fix_part(&xml.numberings, &none)?;
    let footnotes = fix_part(&xml.footnotes, &none)?;
    let comments = fix_part(&xml.comments, &none)?;
    let core = package::core_xml(&doc.meta, language);

    // Every part in the order docx-rs lists them, the body among them.
    let before: [(&str, &[u8]); 6] = [
        ("[Content_Types].xml", &xml.content_type),
        ("_rels/.rels", &xml.rels),
        ("docProps/app.xml", &xml.doc_props.app),
        ("docProps/core.xml", &core),
        ("docProps/custom.xml", &xml.doc_props.custom),
        ("word/_rels/document.xml.rels", &xml.document_rels),
    ];
    let after: [(&str, &[u8]); 7] = [
        ("word/styles.xml", &styles),
        ("word/settings.xml", &settings),
        ("word/fontTable.xml", &xml.font_table),
        ("word/comments.xml", &comments),
        ("word/numbering.xml", &numbering),
        ("word/commentsExtended.xml", &xml.comments_extended),
        ("word/footnotes.xml", &footnotes),
    ];
    // The body, deflated as it is written.
    let document = crate::deflate::deflate_pieces(|out| {
        write_body(body, head, tail, &mut |bytes| out.push(bytes))
    })?
    .ok_or_else(|| Error::new(ErrorKind::Docx, "the compressor failed on the document's body"))?;
    // Parts deflate to about a third of their size.
    let capacity = before
        .iter()
        .chain(&after)
        .map(|(n, d)| d.len() / 3 + 2 * n.len() + 80)
        .sum::<usize>()
        + document.data.len()
        + xml.headers.iter().map(|h| h.len() / 3 + 200).sum::<usize>()
        + 1024;
    let mut zip = package::ZipWriter::new(capacity, package::dos_timestamp(&doc.meta.created));
    for (name, data) in before {
        zip.add(name, data)?;
    }
    zip.add_deflated("word/document.xml", &document)?;
    for (name, data) in after {
        zip.add(name, data)?;
    }
    for (i, header) in xml.headers.iter().enumerate() {
        let header = fix_part(header, &none)?;
        zip.add(&format!("word/header{}.xml", i + 1), &header)?;
        if let Some(rels) = xml.header_rels.get(i) {
            zip.add(&format!("word/_rels/header{}.xml.rels", i + 1), rels)?;
        }
    }
    for (i, footer) in xml.footers.iter().enumerate() {
        let footer = fix_part(footer, &none)?;
        zip.add(&format!("word/footer{}.xml", i + 1), &footer)?;
        if let Some(rels) = xml.footer_rels.get(i) {
            zip.add(&format!("word/_rels/footer{}.xml.rels", i + 1), rels)?;
        }
    }
    zip.finish()
}

/// Writes `document.xml` to `out`: `head` and `tail` (the part as docx-rs writes it around an
/// empty body, fixed up) around the body, each block as docx-rs writes it, fixed up as soon as
/// it is made.
fn write_body(
    body: build::Body<'_>,
    head: &[u8],
    tail: &[u8],
    out: &mut dyn FnMut(&[u8]),
) -> Result<()> {
    out(head);
    let (mut rows_seen, mut fixed) = (0, Vec::new());
    let mut result = Ok(());
    body.write(&mut |child, header_rows| {
        if result.is_err() {
            return;
        }
        fixed.clear();
        let edits = Edits {
            header_rows,
            default_lang: None,
        };
        result = fixup::fix_into(&docx_rs::BuildXML::build(&child), &edits, rows_seen, &mut fixed)
            .map(|seen| {
                rows_seen = seen;
                out(&fixed);
            });
    });
    result?;
    out(tail);
    Ok(())
}

/// `document.xml` as docx-rs writes it around an empty body, cut where the body goes: the
/// body's XML written between the two halves makes the same bytes as docx-rs writes for the
/// whole document.
fn split_at_body(empty: &[u8]) -> Result<(&[u8], &[u8])> {
    const OPEN: &[u8] = b"<w:body>";
    let at = empty
        .windows(OPEN.len())
        .position(|w| w == OPEN)
        .map(|i| i + OPEN.len())
        .ok_or_else(|| Error::new(ErrorKind::Docx, "docx-rs wrote a document without <w:body>"))?;
    Ok(empty.split_at(at))
}

/// Whether XML 1.0 can hold `c` (its `Char` production).
fn is_xml_char(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\r' | '\u{20}'..='\u{D7FF}' | '\u{E000}'..='\u{FFFD}' | '\u{10000}'..)
}

/// Fails on a character no XML part can hold (U+FFFE, U+FFFF, C0 controls): the resolver
/// excludes control characters and the font check upstream excludes the rest, so this only
/// guards against a tree built by other means.
fn check_xml_chars(doc: &Document) -> Result<()> {
    fn bad(text: &str) -> Option<char> {
        text.chars().find(|&c| !is_xml_char(c))
    }
    fn blocks(list: &[Block]) -> Option<char> {
        list.iter().find_map(|block| match block {
            Block::Paragraph(p) => p.inlines.iter().find_map(|i| match i {
                Inline::Text(run) => bad(&run.text),
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
    .find_map(|s| bad(s))
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
        }
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
        assert!(xml.contains("<w:widowControl w:val=\"1\" />"));
        // The kept row is a table of its own (LibreOffice keeps only a whole table with the next
        // paragraph): both its paragraphs, the separator before it and the one after it keep
        // with the next; nothing else does.
        assert_eq!(xml.matches("<w:keepNext />").count(), 4, "{xml}");
        assert_eq!(xml.matches("<w:tbl>").count(), 3, "{xml}");
    }

    #[test]
    fn a_header_row_keeps_with_the_first_two_body_rows() {
        let row = |text: &str| Row {
            cells: vec![Cell {
                blocks: vec![Block::Paragraph(para(text, false))],
                col_span: 1,
                v_align: VAlign::Top,
            }],
            cant_split: true,
        };
        let table = |body: usize| {
            let mut rows = vec![row("head")];
            rows.extend((0..body).map(|i| row(&format!("r{i}"))));
            Block::Table(Table {
                columns: vec![200.0],
                borders: true,
                border_width: 0.5,
                cell_padding_x: 0.0,
                cell_padding_y: 0.0,
                header_rows: 1,
                rows,
            })
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
