//! stub
#![allow(missing_docs)]
#[derive(Debug)]
pub struct PdfWriter;
pub struct PdfOutput {
    pub bytes: Vec<u8>,
    pub pages: usize,
    pub warnings: Vec<String>,
}
impl PdfWriter {
    pub fn new() -> crate::Result<Self> {
        Ok(PdfWriter)
    }
    pub fn export(
        &self,
        _d: &crate::markup::tree::Document,
        _f: &crate::font::FontSet,
    ) -> crate::Result<PdfOutput> {
        Ok(PdfOutput {
            bytes: vec![],
            pages: 1,
            warnings: vec![],
        })
    }
}
pub fn export(
    _d: &crate::markup::tree::Document,
    _f: &crate::font::FontSet,
) -> crate::Result<PdfOutput> {
    Ok(PdfOutput {
        bytes: vec![],
        pages: 1,
        warnings: vec![],
    })
}
