//! DEFLATE (RFC 1951) and its zlib wrapper (RFC 1950), for the DOCX parts and the PDF streams,
//! through flate2 at its fastest level.
//!
//! A DOCX is a score of parts of a few hundred bytes to a few tens of kilobytes, and a
//! compressor's state costs more to set up than such a part costs to compress (zlib-rs zeroes
//! about 300 KB for each new stream; the `zip` crate makes one per entry). So each thread keeps
//! one compressor of each kind and resets it for every part. The output depends only on the
//! input (and flate2's version): the same bytes in give the same bytes out, on any thread.

use std::cell::RefCell;

use flate2::{Compress, Compression, FlushCompress, Status};

thread_local! {
    static RAW: RefCell<Compress> = RefCell::new(Compress::new(Compression::fast(), false));
    static ZLIB: RefCell<Compress> = RefCell::new(Compress::new(Compression::fast(), true));
}

/// `data` as a raw DEFLATE stream (what a ZIP entry of method 8 holds); `None` if the
/// compressor fails, and the caller stores the data as it is.
pub(crate) fn deflate(data: &[u8]) -> Option<Vec<u8>> {
    RAW.with(|c| run(&mut c.borrow_mut(), data))
}

/// `data` as a zlib stream (what a PDF `/FlateDecode` stream holds); `None` if the compressor
/// fails, and the caller leaves the stream unfiltered.
pub(crate) fn zlib(data: &[u8]) -> Option<Vec<u8>> {
    ZLIB.with(|c| run(&mut c.borrow_mut(), data))
}

fn run(c: &mut Compress, data: &[u8]) -> Option<Vec<u8>> {
    c.reset();
    let mut out = Vec::with_capacity(data.len() / 2 + 64);
    loop {
        let read = usize::try_from(c.total_in()).ok()?;
        match c
            .compress_vec(data.get(read..)?, &mut out, FlushCompress::Finish)
            .ok()?
        {
            Status::StreamEnd => return Some(out),
            // The output is full: give it room and go on.
            Status::Ok | Status::BufError => out.reserve(out.capacity().max(256)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use std::io::Read;

    fn inflate(raw: &[u8]) -> Vec<u8> {
        let mut out = Vec::new();
        flate2::read::DeflateDecoder::new(raw)
            .read_to_end(&mut out)
            .expect("a valid deflate stream");
        out
    }

    fn unzlib(z: &[u8]) -> Vec<u8> {
        let mut out = Vec::new();
        flate2::read::ZlibDecoder::new(z)
            .read_to_end(&mut out)
            .expect("a valid zlib stream");
        out
    }

    fn samples() -> Vec<Vec<u8>> {
        let xml = include_bytes!("../templates/script.hbs").to_vec();
        let font = crate::font::FontSet::bundled().unwrap();
        let face = font.face(crate::tree::Face::Regular).data;
        vec![
            Vec::new(),
            b"a".to_vec(),
            vec![0; 100_000],
            b"ab".repeat(40_000),
            xml.clone(),
            xml.repeat(5),
            face[..60_000].to_vec(),
        ]
    }

    #[test]
    fn round_trips_through_a_standard_inflater() {
        for data in samples() {
            let raw = deflate(&data).unwrap();
            assert_eq!(inflate(&raw), data, "{} bytes", data.len());
            assert_eq!(unzlib(&zlib(&data).unwrap()), data, "{} bytes", data.len());
        }
    }

    #[test]
    fn a_template_shrinks_to_a_third() {
        let xml = &samples()[4];
        let packed = deflate(xml).unwrap().len();
        assert!(packed * 3 < xml.len(), "{packed} of {}", xml.len());
    }

    #[test]
    fn the_same_input_gives_the_same_bytes_on_any_thread() {
        let data = samples();
        let here: Vec<_> = data.iter().map(|d| deflate(d)).collect();
        let there = std::thread::scope(|s| {
            s.spawn(|| data.iter().rev().map(|d| deflate(d)).collect::<Vec<_>>())
                .join()
                .unwrap()
        });
        assert_eq!(here, there.into_iter().rev().collect::<Vec<_>>());
    }

    proptest! {
        #[test]
        fn any_bytes_round_trip(
            pieces in proptest::collection::vec(
                (proptest::collection::vec(any::<u8>(), 0..300), 1usize..40), 0..40)
        ) {
            let data: Vec<u8> = pieces.iter().flat_map(|(p, times)| p.repeat(*times)).collect();
            prop_assert_eq!(inflate(&deflate(&data).unwrap()), data.clone());
            prop_assert_eq!(unzlib(&zlib(&data).unwrap()), data);
        }
    }
}
