//! stub
#![allow(missing_docs)]
pub fn export(_d: &crate::markup::tree::Document) -> crate::Result<Vec<u8>> {
    Ok(vec![])
}
