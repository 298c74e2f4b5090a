//! PDF backend: lays the tree out ([`crate::layout`]) and writes the pages with printpdf; each face
//! used is embedded once, as a TrueType subset.
//!
//! printpdf builds the pages and their content streams (absolute `Tm` per run, `TJ` with
//! glyph ids, justification as `TJ` offsets after each space, strokes). printpdf's document is
//! then taken as a `lopdf::Document` (the same lopdf 0.44, no reparse) to add the fonts, the info
//! dictionary, `/Lang` and a stable `/ID`, and saved.
//!
//! Fonts are embedded here rather than by printpdf, and streams compressed here rather than by
//! lopdf, for speed: printpdf's subsetter took 2.5 ms per one-page document and keeps hinting,
//! and lopdf compresses at zlib's best level, together four times the 2 ms a one-page invitation
//! may take. Ours (module `subset`, and `crate::deflate`) take a fraction of that.
//!
//! The bytes are a function of the input alone: dates come from `meta.created`, the `/ID` from
//! `meta.id`, font names and subset tags from the glyphs used — never the clock or printpdf's
//! random ids.

mod content;
mod embed;
mod meta;
mod subset;

use std::collections::{BTreeSet, HashMap};
use std::sync::{Arc, Mutex, OnceLock};

use lopdf::Object;
use printpdf::{
    Codepoint, FontId, Line, LinePoint, Mm, Op, PdfDocument, PdfFontHandle, PdfPage,
    PdfParseErrorSeverity, PdfSaveOptions, Point, Pt, Rect, TextItem, TextMatrix,
};

use self::subset::FontProgram;
use crate::error::{Error, ErrorKind, Result};
use crate::font::FontSet;
use crate::layout::{classify, layout_document, Glyph, Item, Layout, Page, PositionedText, Stroke};
use crate::tree::{Document, Face};

/// A written PDF.
#[derive(Debug, Clone, PartialEq)]
pub struct PdfOutput {
    /// The file.
    pub bytes: Vec<u8>,
    /// Number of pages.
    pub pages: usize,
    /// Non-fatal findings of layout and writing.
    pub warnings: Vec<String>,
    /// [`Layout::rows_starting_pages`] of its layout.
    pub rows_starting_pages: Vec<(usize, usize)>,
}

/// Lays out and writes `doc`.
///
/// A convenience for one document: it reads the font tables it needs on every call. To write
/// many documents, build a [`PdfWriter`] once and call [`PdfWriter::export_with`].
pub fn export(doc: &Document, fonts: &FontSet) -> Result<PdfOutput> {
    let programs = Programs::default();
    let packed = Packs::default();
    Writer {
        fonts,
        programs: &programs,
        packed: &packed,
    }
    .export(doc)
}

/// Writes PDFs with fonts read once. `Send + Sync`: share one between threads.
#[derive(Debug)]
pub struct PdfWriter {
    fonts: FontSet,
    programs: Programs,
    packed: Packs,
}

/// The font tables of each face, read on first use.
type Programs = [OnceLock<std::result::Result<FontProgram, String>>; 4];

/// The subsets written so far, by face and by the glyphs drawn (with the character each
/// extracts as): the same glyphs give the same subset, program and CMap, so a document drawing
/// glyphs an earlier one drew embeds them without subsetting or deflating again. The output is
/// the same bytes either way.
#[derive(Debug, Default)]
struct Packs([Mutex<PackTable>; 4]);

/// One face's kept subsets, by the glyphs drawn and the character each extracts as.
type PackTable = HashMap<Vec<(u16, char)>, Arc<embed::PackedFace>>;

/// Subsets kept per face. An invitation's subsets differ by the letters of the guest's name:
/// the Bạch Mai sample's 10 000-guest record has about a hundred sets per face. A full table is
/// emptied and filled again; each entry costs about 15 KB (the deflated program and CMap, and
/// the renumbering).
const PACKS_PER_FACE: usize = 128;

impl Packs {
    /// The packed subset of `face` for `unicode`, made with `make` when it is not kept.
    fn get_or_make(
        &self,
        face: Face,
        unicode: Vec<(u16, char)>,
        make: impl FnOnce(&[(u16, char)]) -> Result<embed::PackedFace>,
    ) -> Result<Arc<embed::PackedFace>> {
        // A poisoned lock only means another document panicked; the table is still whole.
        let table = &self.0[face.index()];
        let lock = || table.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(found) = lock().get(&unicode) {
            return Ok(Arc::clone(found));
        }
        // Made outside the lock: another thread may make the same one meanwhile, and both
        // are equal.
        let made = Arc::new(make(&unicode)?);
        let mut map = lock();
        if map.len() >= PACKS_PER_FACE {
            map.clear();
        }
        map.insert(unicode, Arc::clone(&made));
        Ok(made)
    }
}

impl PdfWriter {
    /// A writer for `fonts`. The tables of a face are read when a document first draws with
    /// it (a face that cannot be embedded is reported then).
    pub fn new(fonts: &FontSet) -> Result<Self> {
        Ok(PdfWriter {
            fonts: fonts.clone(),
            programs: Programs::default(),
            packed: Packs::default(),
        })
    }

    fn writer(&self) -> Writer<'_> {
        Writer {
            fonts: &self.fonts,
            programs: &self.programs,
            packed: &self.packed,
        }
    }

    /// The fonts the writer measures with.
    pub fn fonts(&self) -> &FontSet {
        &self.fonts
    }

    /// Lays out and writes `doc`.
    pub fn export_with(&self, doc: &Document) -> Result<PdfOutput> {
        self.writer().export(doc)
    }

    /// Writes pages laid out by [`layout_document`] with this writer's fonts; `doc` gives the
    /// metadata.
    pub fn write(&self, doc: &Document, layout: Layout) -> Result<PdfOutput> {
        self.writer().write(doc, layout)
    }
}

/// A face as used by one document: its subset and resource name.
struct UsedFace<'a> {
    tag: String,
    program: &'a FontProgram,
    /// The subset, its program and its `ToUnicode` CMap, written.
    packed: Arc<embed::PackedFace>,
}

struct Writer<'a> {
    fonts: &'a FontSet,
    programs: &'a Programs,
    packed: &'a Packs,
}

impl<'a> Writer<'a> {
    fn program(&self, face: Face) -> Result<&'a FontProgram> {
        self.programs[face.index()]
            .get_or_init(|| FontProgram::parse(self.fonts.face(face).data))
            .as_ref()
            .map_err(|e| {
                Error::new(
                    ErrorKind::Pdf,
                    format!("cannot embed the {face:?} font face: {e}"),
                )
            })
    }

    fn export(&self, doc: &Document) -> Result<PdfOutput> {
        let layout = layout_document(doc, self.fonts)?;
        self.write(doc, layout)
    }

    fn write(&self, doc: &Document, layout: Layout) -> Result<PdfOutput> {
        let Layout {
            pages,
            mut warnings,
            rows_starting_pages,
        } = layout;
        let faces = self.used_faces(&pages)?;

        let mut pdf = PdfDocument::new(&doc.meta.title);
        let mut pdf_pages = Vec::with_capacity(pages.len());
        // printpdf builds the document around empty pages; the content streams are written by
        // `content` and put in afterwards.
        let mut contents = Vec::with_capacity(pages.len());
        for page in &pages {
            let size = Rect::from_wh(Pt(page.width), Pt(page.height));
            let ops = self.page_ops(page, &faces)?;
            contents.push(content::Content::new(
                content::encode(&ops).map_err(content_error)?,
            ));
            let mut pdf_page = PdfPage::new(Mm(0.0), Mm(0.0), Vec::new());
            pdf_page.media_box = size.clone();
            pdf_page.trim_box = size.clone();
            pdf_page.crop_box = size;
            pdf_pages.push(pdf_page);
        }
        let page_count = pdf_pages.len();
        pdf.with_pages(pdf_pages);

        let options = PdfSaveOptions {
            optimize: true,
            subset_fonts: true,
            secure: true,
            image_optimization: None,
        };
        let mut pdf_warnings = Vec::new();
        let mut lo = pdf.to_lopdf_document(&options, &mut pdf_warnings);
        for w in pdf_warnings {
            if w.severity != PdfParseErrorSeverity::Info {
                warnings.push(format!("pdf writer: {}", w.msg));
            }
        }
        content::set_contents(&mut lo, contents).map_err(content_error)?;
        add_fonts(&mut lo, &faces)?;
        meta::finish(&mut lo, &doc.meta, &mut warnings)?;
        compress(&mut lo);
        let mut bytes = Vec::new();
        lo.save_to(&mut bytes)
            .map_err(|e| Error::new(ErrorKind::Pdf, format!("cannot save the pdf: {e}")))?;
        Ok(PdfOutput {
            bytes,
            pages: page_count,
            warnings,
            rows_starting_pages,
        })
    }

    /// The subset of every face the pages draw with.
    fn used_faces(&self, pages: &[Page]) -> Result<[Option<UsedFace<'a>>; 4]> {
        // Per face, the character each glyph id extracts as (the first one seen).
        let mut glyphs: [Vec<Option<char>>; 4] = Default::default();
        for item in pages.iter().flat_map(|p| &p.items) {
            let Item::Text(t) = item else { continue };
            let metrics = self.fonts.face(t.face);
            let map = &mut glyphs[t.face.index()];
            if map.is_empty() {
                map.resize(self.program(t.face)?.glyph_count(), None);
            }
            for c in t.text.chars() {
                if let Some((gid, text)) = glyph(metrics, c) {
                    if let Some(slot @ None) = map.get_mut(usize::from(gid)) {
                        *slot = Some(text);
                    }
                }
            }
        }
        let mut faces: [Option<UsedFace<'a>>; 4] = Default::default();
        let mut tags = BTreeSet::new();
        for face in Face::ALL {
            // In glyph id order, which the subset, its tag and the CMap follow.
            let unicode: Vec<(u16, char)> = glyphs[face.index()]
                .iter()
                .enumerate()
                .filter_map(|(gid, c)| Some((gid as u16, (*c)?)))
                .collect();
            if unicode.is_empty() {
                continue;
            }
            let program = self.program(face)?;
            let ids: Vec<u16> = unicode.iter().map(|&(gid, _)| gid).collect();
            let packed = self.packed.get_or_make(face, unicode, |unicode| {
                let subset = program.subset(&ids).map_err(|e| {
                    Error::new(
                        ErrorKind::Pdf,
                        format!("cannot subset the {face:?} font face: {e}"),
                    )
                })?;
                Ok(embed::PackedFace::new(subset, unicode))
            })?;
            let mut salt = 0u8;
            let mut tag = subset_tag(face, &ids, salt);
            while !tags.insert(tag.clone()) {
                salt = salt.wrapping_add(1);
                tag = subset_tag(face, &ids, salt);
            }
            faces[face.index()] = Some(UsedFace {
                tag,
                program,
                packed,
            });
        }
        Ok(faces)
    }

    /// The content of one page: each line of text in its own `BT … ET` (so that simple
    /// extractors see line ends), then the strokes.
    fn page_ops(&self, page: &Page, faces: &[Option<UsedFace<'_>>; 4]) -> Result<Vec<Op>> {
        let mut ops = Vec::with_capacity(page.items.len() * 4 + 8);
        let mut font: Option<(Face, f32)> = None;
        // End of the previous run: a run that starts there continues the line.
        let mut pen: Option<(f32, f32)> = None;
        for item in &page.items {
            let Item::Text(t) = item else { continue };
            let used = faces[t.face.index()].as_ref().ok_or_else(|| {
                Error::new(ErrorKind::Pdf, format!("no font for the {:?} face", t.face))
            })?;
            let continues = pen.is_some_and(|(x, y)| y == t.y && (x - t.x).abs() < 0.01);
            if !continues {
                if pen.is_some() {
                    ops.push(Op::EndTextSection);
                }
                ops.push(Op::StartTextSection);
            }
            if font != Some((t.face, t.size)) {
                ops.push(Op::SetFont {
                    font: PdfFontHandle::External(FontId(used.tag.clone())),
                    size: Pt(t.size),
                });
                font = Some((t.face, t.size));
            }
            ops.push(Op::SetTextMatrix {
                matrix: TextMatrix::Translate(Pt(t.x), Pt(page.height - t.y)),
            });
            ops.push(Op::ShowText {
                items: self.text_items(t, used),
            });
            pen = Some((t.x + t.width, t.y));
        }
        if pen.is_some() {
            ops.push(Op::EndTextSection);
        }
        let mut thickness = None;
        for item in &page.items {
            let Item::Stroke(s) = item else { continue };
            if thickness != Some(s.width) {
                ops.push(Op::SetOutlineThickness { pt: Pt(s.width) });
                thickness = Some(s.width);
            }
            ops.push(Op::DrawLine {
                line: line(s, page.height),
            });
        }
        Ok(ops)
    }

    /// The `TJ` array of a run: subset glyph ids and, after each space, the offset that puts the
    /// next word where the layout put it (the justification gap; `/W` carries the exact widths,
    /// so nothing else needs correcting beyond rounding).
    fn text_items(&self, t: &PositionedText, used: &UsedFace<'_>) -> Vec<TextItem> {
        let metrics = self.fonts.face(t.face);
        let upm = f64::from(metrics.units_per_em);
        let gap_em = if t.size > 0.0 {
            f64::from(t.word_gap) * 1000.0 / f64::from(t.size)
        } else {
            0.0
        };
        let mut items = Vec::new();
        let mut glyphs = Vec::with_capacity(t.text.len());
        let mut exact = 0.0f64; // font units
        let mut pen = 0.0f64; // thousandths of an em, as the viewer moves
        let mut spaces = 0u32;
        for c in t.text.chars() {
            let Some((gid, _)) = glyph(metrics, c) else {
                continue;
            };
            glyphs.push(Codepoint::new(used.packed.subset.new_gid(gid), 0.0));
            exact += f64::from(used.program.advance(gid));
            pen += embed::width(used.program, gid);
            if c == ' ' {
                spaces += 1;
                let target = exact * 1000.0 / upm + gap_em * f64::from(spaces);
                // Rounding of the `/W` widths accumulates to far less than this; only the
                // justification gap (and drift worth correcting) is written.
                let offset = ((pen - target) * 1000.0).round() / 1000.0;
                if offset.abs() >= 0.1 {
                    items.push(TextItem::GlyphIds(std::mem::take(&mut glyphs)));
                    items.push(TextItem::Offset(offset as f32));
                    pen -= offset;
                }
            }
        }
        if !glyphs.is_empty() {
            items.push(TextItem::GlyphIds(glyphs));
        }
        items
    }
}

/// The error of a content stream that could not be written (an operation it does not know).
fn content_error(e: String) -> Error {
    Error::new(ErrorKind::Pdf, format!("cannot write a page: {e}"))
}

/// The glyph that draws `c` and the character it extracts as; `None` for what is not drawn. The
/// layout has already rejected characters the face lacks.
fn glyph(metrics: &crate::font::FaceMetrics, c: char) -> Option<(u16, char)> {
    let space = metrics.glyph_id(' ');
    match classify(c, metrics.covers(c))? {
        Glyph::Ignore => None,
        Glyph::Space => Some((space, ' ')),
        Glyph::Own => {
            let gid = metrics.glyph_id(c);
            // A glyph shared with U+0020 extracts as a plain space.
            Some((gid, if gid == space { ' ' } else { c }))
        }
    }
}

/// Adds the font objects and names them in the pages' shared `/Font` resources.
fn add_fonts(lo: &mut lopdf::Document, faces: &[Option<UsedFace<'_>>; 4]) -> Result<()> {
    let mut entries = Vec::new();
    for used in faces.iter().flatten() {
        let id = embed::add_font(lo, &used.tag, used.program, &used.packed);
        entries.push((used.tag.clone(), id));
    }
    let no_resources = || Error::new(ErrorKind::Pdf, "the pdf pages have no font resources");
    let pages = lo.get_pages();
    let mut font_dicts = BTreeSet::new();
    for page_id in pages.values() {
        let resources = lo
            .get_dictionary(*page_id)
            .and_then(|page| page.get(b"Resources"))
            .and_then(Object::as_reference)
            .map_err(|_| no_resources())?;
        let fonts = lo
            .get_dictionary(resources)
            .and_then(|r| r.get(b"Font"))
            .and_then(Object::as_reference)
            .map_err(|_| no_resources())?;
        font_dicts.insert(fonts);
    }
    for id in font_dicts {
        let dict = lo
            .get_object_mut(id)
            .and_then(Object::as_dict_mut)
            .map_err(|_| no_resources())?;
        for (tag, font) in &entries {
            dict.set(tag.as_bytes(), Object::Reference(*font));
        }
    }
    Ok(())
}

/// Compresses every stream that allows it and is not compressed yet (as lopdf's `compress`
/// does, but with [`crate::deflate`]'s compressor, which each thread keeps and resets: a new one
/// for each of a one-page document's four streams cost 1.8 M of the 7.1 M instructions).
fn compress(lo: &mut lopdf::Document) {
    for object in lo.objects.values_mut() {
        let Object::Stream(stream) = object else {
            continue;
        };
        if !stream.allows_compression || stream.dict.has(b"Filter") {
            continue;
        }
        // Font programs (`/Length1`) too: 1.2 M instructions for a one-page document's three
        // faces (4.2 M in all), an eighth of its size (28.6 KB to 25.0 KB).
        if let Some(packed) = deflated(&stream.content) {
            stream.dict.set("Filter", "FlateDecode");
            stream.set_content(packed);
        }
    }
}

/// `plain` as a zlib stream, when that is smaller by more than `/Filter /FlateDecode` costs.
fn deflated(plain: &[u8]) -> Option<Vec<u8>> {
    crate::deflate::zlib(plain).filter(|packed| packed.len() + 19 < plain.len())
}

/// A stroke in PDF coordinates (y up).
fn line(s: &Stroke, page_height: f32) -> Line {
    let point = |x: f32, y: f32| LinePoint {
        p: Point {
            x: Pt(x),
            y: Pt(page_height - y),
        },
        bezier: false,
    };
    Line {
        points: vec![point(s.x1, s.y1), point(s.x2, s.y2)],
        is_closed: false,
    }
}

/// The six-letter subset tag (and resource name) of a face carrying `glyphs`: a hash of both, so
/// equal subsets get equal tags and the bytes depend on nothing else.
fn subset_tag(face: Face, glyphs: &[u16], salt: u8) -> String {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    let mut eat = |byte: u8| {
        hash ^= u64::from(byte);
        hash = hash.wrapping_mul(0x0000_0100_0000_01b3);
    };
    eat(face.index() as u8);
    eat(salt);
    for gid in glyphs {
        for byte in gid.to_be_bytes() {
            eat(byte);
        }
    }
    (0..6)
        .map(|i| char::from(b'A' + ((hash >> (i * 10)) % 26) as u8))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn writer_is_send_and_sync() {
        fn check<T: Send + Sync>() {}
        check::<PdfWriter>();
    }

    #[test]
    fn a_kept_subset_gives_the_bytes_a_fresh_one_gives() {
        use crate::{load_congress, About, DocumentKind, Engine, Format};
        let congress =
            load_congress(include_str!("../../examples/data/bach-mai-2020.json")).unwrap();
        let invitation = |g| {
            DocumentKind::Invitation
                .paper(&congress, About::Guest { guest: g })
                .unwrap()
        };
        let (first, second) = (invitation(0), invitation(1));
        let warm = Engine::new().unwrap();
        let a = warm.render(&first, Format::Pdf).unwrap().bytes;
        let b = warm.render(&second, Format::Pdf).unwrap().bytes;
        // Made again from what the first render kept.
        assert_eq!(warm.render(&first, Format::Pdf).unwrap().bytes, a);
        assert_ne!(a, b);
        // Made from nothing, in the other order.
        let cold = Engine::new().unwrap();
        assert_eq!(cold.render(&second, Format::Pdf).unwrap().bytes, b);
        assert_eq!(cold.render(&first, Format::Pdf).unwrap().bytes, a);
    }

    #[test]
    fn subset_tags_are_six_capitals_and_depend_on_the_glyphs() {
        let a = [3, 4, 5];
        let b = [3, 4, 6];
        let tag = subset_tag(Face::Regular, &a, 0);
        assert_eq!(tag.len(), 6);
        assert!(tag.chars().all(|c| c.is_ascii_uppercase()));
        assert_eq!(tag, subset_tag(Face::Regular, &a, 0));
        assert_ne!(tag, subset_tag(Face::Regular, &b, 0));
        assert_ne!(tag, subset_tag(Face::Bold, &a, 0));
    }
}
