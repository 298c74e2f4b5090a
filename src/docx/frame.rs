//! The parts of a DOCX around its body: the page, the default font and size, the styles,
//! settings and headers with the page numbers — built by docx-rs around an empty body, fixed
//! up and packed once per thread for every document with the same [`FrameKey`].

use std::cell::RefCell;
use std::rc::Rc;

use docx_rs::{Docx, LineSpacing, LineSpacingType, PageMargin, PageOrientationType, RunFonts};

use super::build::{half_points, horizontal, twips, twips_u, Context};
use super::fixup::{fix_part, Edits};
use super::package::{self, Packed};
use crate::error::{Error, ErrorKind, Result};
use crate::font::DOCX_FAMILY;
use crate::memo;
use crate::tree::{mm, Block, Document, Inline};

/// Times New Roman in all four slots (ASCII, high ANSI, East Asian, complex script): the
/// document defaults, which every run inherits.
fn fonts() -> RunFonts {
    RunFonts::new()
        .ascii(DOCX_FAMILY)
        .hi_ansi(DOCX_FAMILY)
        .east_asia(DOCX_FAMILY)
        .cs(DOCX_FAMILY)
}

/// The font size most of the document's text uses (by characters; ties go to the smaller).
fn body_size(blocks: &[Block]) -> usize {
    fn count(blocks: &[Block], tally: &mut Vec<(usize, usize)>) {
        for block in blocks {
            match block {
                Block::Paragraph(p) => {
                    for inline in &p.inlines {
                        if let Inline::Text(run) = inline {
                            let size = half_points(run.style.size);
                            let n = run.text.chars().count();
                            match tally.iter_mut().find(|(s, _)| *s == size) {
                                Some(entry) => entry.1 += n,
                                None => tally.push((size, n)),
                            }
                        }
                    }
                }
                Block::Table(t) => {
                    for row in &t.rows {
                        for cell in &row.cells {
                            count(&cell.blocks, tally);
                        }
                    }
                }
                Block::Rule(_) | Block::Spacer(_) | Block::PageBreak => {}
            }
        }
    }
    let mut tally = Vec::new();
    count(blocks, &mut tally);
    tally
        .iter()
        .max_by(|a, b| a.1.cmp(&b.1).then(b.0.cmp(&a.0)))
        .map_or(28, |&(size, _)| size)
}

/// What the document's parts other than its body and core properties are made of: the page,
/// the font size of most of the text (the document default) and the language. Two documents
/// with the same frame have those parts byte for byte the same.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct FrameKey {
    page: crate::tree::PageSetup,
    body_size: usize,
    language: String,
}

impl FrameKey {
    /// The frame `doc` needs, written in `language`.
    pub fn of(doc: &Document, language: &str) -> FrameKey {
        FrameKey {
            page: doc.page.clone(),
            body_size: body_size(&doc.blocks),
            language: language.to_string(),
        }
    }

    /// The size of the document's default run properties, in half-points: runs of this size
    /// need no `w:sz` of their own.
    pub fn body_size(&self) -> usize {
        self.body_size
    }
}

/// The document of `key` around an empty body, and the next paragraph id after its headers
/// (where [`super::build::Body::new`] starts).
fn frame(key: &FrameKey) -> (Docx, u32) {
    let mut cx = Context::new(1, key.body_size);
    let page = &key.page;
    let margin_top = twips(page.margin_top);
    let margin_bottom = twips(page.margin_bottom);
    let (_, margin_left, margin_right) = horizontal(page);
    let header_distance = match &page.page_number {
        Some(n) => twips(n.top),
        None => twips(mm(10.0)).min(margin_top / 2),
    };
    let footer_distance = twips(mm(10.0)).min(margin_bottom / 2);

    let mut docx = Docx::new()
        .page_size(twips_u(page.width), twips_u(page.height))
        .page_orient(if page.is_landscape() {
            PageOrientationType::Landscape
        } else {
            PageOrientationType::Portrait
        })
        .page_margin(PageMargin {
            top: margin_top,
            left: margin_left,
            bottom: margin_bottom,
            right: margin_right,
            header: header_distance.max(0),
            footer: footer_distance.max(0),
            gutter: 0,
        })
        .default_fonts(fonts())
        .default_size(key.body_size)
        .default_line_spacing(
            LineSpacing::new()
                .before(0)
                .after(0)
                .line(240)
                .line_rule(LineSpacingType::Auto),
        );

    if let Some(number) = &page.page_number {
        docx = cx.page_numbers(docx, number);
    }
    (docx, cx.next_id())
}

/// Where the core properties go among the frame's parts (after `[Content_Types].xml`,
/// `_rels/.rels` and `docProps/app.xml`).
const CORE_AT: usize = 3;

/// The parts of a document other than its body and core properties, packed: what docx-rs
/// writes around an empty body, fixed up. The same [`FrameKey`] gives the same bytes.
pub(super) struct Frame {
    /// `document.xml` around an empty body, and where the body goes in it.
    document: Vec<u8>,
    body_at: usize,
    /// The next paragraph id after the headers'.
    next_id: u32,
    /// Every other part in docx-rs's order, by name; the body goes before `parts[before_body]`
    /// (the core properties at [`CORE_AT`]).
    parts: Vec<(String, Packed)>,
    before_body: usize,
}

thread_local! {
    /// The frames made last on this thread. Documents of a batch share one: building, fixing
    /// up and deflating the styles, settings, numbering, headers … again was a quarter of an
    /// invitation's DOCX.
    static FRAMES: memo::Recent<FrameKey, Rc<Frame>> = const { RefCell::new(Vec::new()) };
}

impl Frame {
    /// The frame of `key`, kept from an earlier document of this thread or made now.
    pub fn of(key: FrameKey) -> Result<Rc<Frame>> {
        memo::answer(&FRAMES, |k| *k == key, || key.clone(), 0, || {
            Frame::make(&key).map(Rc::new)
        })
    }

    /// The next paragraph id after the headers'.
    pub fn next_id(&self) -> u32 {
        self.next_id
    }

    /// Every part in the order docx-rs lists them: the frame's, with the core properties
    /// `core` and the body `document` in their places.
    pub fn parts<'a>(
        &'a self,
        core: &'a Packed,
        document: &'a Packed,
    ) -> impl Iterator<Item = (&'a str, &'a Packed)> {
        let (before, after) = self.parts.split_at(self.before_body);
        let named = |(n, p): &'a (String, Packed)| (n.as_str(), p);
        before[..CORE_AT]
            .iter()
            .map(named)
            .chain([("docProps/core.xml", core)])
            .chain(before[CORE_AT..].iter().map(named))
            .chain([("word/document.xml", document)])
            .chain(after.iter().map(named))
    }

    /// The part `document.xml` before the body.
    pub fn head(&self) -> &[u8] {
        &self.document[..self.body_at]
    }

    /// The part `document.xml` after the body.
    pub fn tail(&self) -> &[u8] {
        &self.document[self.body_at..]
    }

    fn make(key: &FrameKey) -> Result<Frame> {
        // docx-rs would hold a long paper's body as a large tree of structs beside the XML it
        // writes (70 MB for a 500-page script), and the XML, fixed up and deflated, would be
        // three copies more: docx-rs writes the rest around an empty body, and each block of
        // the body is written, fixed up and deflated as soon as it is made. None of docx-rs's
        // package work looks at the body for what we write: no images, comments, footnotes,
        // hyperlinks, numbering or tables of contents.
        let (docx, next_id) = frame(key);
        let xml = docx.build();
        let document = fix_part(&xml.document, &Edits::default())?;
        let body_at = body_at(&document)?;

        let mut language = String::with_capacity(key.language.len());
        package::push_escaped(&mut language, &key.language);
        let styles = fix_part(
            &xml.styles,
            &Edits {
                header_rows: &[],
                default_lang: Some(&language),
                default_widow_control: true,
            },
        )?;
        let none = Edits::default();
        let mut parts: Vec<(String, Vec<u8>)> = vec![
            ("[Content_Types].xml".into(), xml.content_type),
            ("_rels/.rels".into(), xml.rels),
            ("docProps/app.xml".into(), xml.doc_props.app),
            ("docProps/custom.xml".into(), xml.doc_props.custom),
            ("word/_rels/document.xml.rels".into(), xml.document_rels),
            ("word/styles.xml".into(), styles),
            ("word/settings.xml".into(), fix_part(&xml.settings, &none)?),
            ("word/fontTable.xml".into(), xml.font_table),
            ("word/comments.xml".into(), fix_part(&xml.comments, &none)?),
            ("word/numbering.xml".into(), fix_part(&xml.numberings, &none)?),
            ("word/commentsExtended.xml".into(), xml.comments_extended),
            ("word/footnotes.xml".into(), fix_part(&xml.footnotes, &none)?),
        ];
        let before_body = 5;
        for (i, header) in xml.headers.iter().enumerate() {
            parts.push((format!("word/header{}.xml", i + 1), fix_part(header, &none)?));
            if let Some(rels) = xml.header_rels.get(i) {
                parts.push((format!("word/_rels/header{}.xml.rels", i + 1), rels.clone()));
            }
        }
        for (i, footer) in xml.footers.iter().enumerate() {
            parts.push((format!("word/footer{}.xml", i + 1), fix_part(footer, &none)?));
            if let Some(rels) = xml.footer_rels.get(i) {
                parts.push((format!("word/_rels/footer{}.xml.rels", i + 1), rels.clone()));
            }
        }
        Ok(Frame {
            document,
            body_at,
            next_id,
            parts: parts
                .into_iter()
                .map(|(name, data)| {
                    let packed = Packed::new(&data);
                    (name, packed)
                })
                .collect(),
            before_body,
        })
    }
}

/// Where the body goes in `document.xml` as docx-rs writes it around an empty body: the
/// body's XML written there makes the same bytes as docx-rs writes for the whole document.
fn body_at(empty: &[u8]) -> Result<usize> {
    const OPEN: &[u8] = b"<w:body>";
    empty
        .windows(OPEN.len())
        .position(|w| w == OPEN)
        .map(|i| i + OPEN.len())
        .ok_or_else(|| Error::new(ErrorKind::Docx, "docx-rs wrote a document without <w:body>"))
}
