//! DEFLATE (RFC 1951) and its zlib wrapper (RFC 1950), for the DOCX parts and the PDF streams,
//! through flate2 at its fastest level.
//!
//! A DOCX is a score of parts of a few hundred bytes to a few tens of kilobytes, and a
//! compressor's state costs more to set up than such a part costs to compress (zlib-rs zeroes
//! about 300 KB for each new stream; the `zip` crate makes one per entry). So each thread keeps
//! one compressor and resets it for every part; a zlib stream is its raw stream, wrapped. The
//! output depends only on the input (and flate2's version): the same bytes in give the same
//! bytes out, on any thread.

use std::cell::RefCell;

use flate2::{Compress, Compression, FlushCompress, Status};

/// The compression level of every stream: the fastest.
const LEVEL: u32 = 1;

thread_local! {
    static RAW: RefCell<Compress> = RefCell::new(compressor());
}

/// A raw DEFLATE compressor at [`LEVEL`].
fn compressor() -> Compress {
    Compress::new(Compression::new(LEVEL), false)
}

/// The zlib header of a stream at `level` (RFC 1950 §2.2), as zlib writes it: deflate with a
/// 32 KB window, no dictionary, the level's flag (0 below 2, 1 below 6, 2 at 6, 3 above), and
/// the check bits that make the pair a multiple of 31.
const fn zlib_header(level: u32) -> [u8; 2] {
    const CMF: u16 = 0x78;
    let flag: u16 = match level {
        0 | 1 => 0,
        2..=5 => 1,
        6 => 2,
        _ => 3,
    };
    let head = (CMF << 8) | (flag << 6);
    let check = (31 - head % 31) % 31;
    let [a, b] = (head | check).to_be_bytes();
    [a, b]
}

const ZLIB_HEADER: [u8; 2] = zlib_header(LEVEL);

/// `data` as a raw DEFLATE stream (what a ZIP entry of method 8 holds); `None` if the
/// compressor fails, and the caller stores the data as it is.
pub(crate) fn deflate(data: &[u8]) -> Option<Vec<u8>> {
    with_raw(|c| run(c, data, &[]))
}

/// `data` as a zlib stream (what a PDF `/FlateDecode` stream holds); `None` if the compressor
/// fails, and the caller leaves the stream unfiltered.
///
/// Made of the raw stream, between the header and the Adler-32 of `data` (RFC 1950), the bytes
/// a zlib compressor writes: a thread then holds one compressor's state (some 300 KB, each page
/// of it a fault when first touched) instead of two.
pub(crate) fn zlib(data: &[u8]) -> Option<Vec<u8>> {
    let mut out = with_raw(|c| run(c, data, &ZLIB_HEADER))?;
    out.extend_from_slice(&adler2::adler32_slice(data).to_be_bytes());
    Some(out)
}

/// Runs `f` with this thread's raw compressor, or with one of its own when that is in use (a
/// stream within a stream).
fn with_raw<T>(f: impl FnOnce(&mut Compress) -> T) -> T {
    RAW.with(|c| match c.try_borrow_mut() {
        Ok(mut c) => f(&mut c),
        Err(_) => f(&mut compressor()),
    })
}

/// What [`deflate_pieces`] made: the raw DEFLATE stream of the pieces, and the CRC-32 and
/// length of the bytes they held (what a ZIP entry records of its data).
pub(crate) struct Deflated {
    pub data: Vec<u8>,
    pub crc: u32,
    pub len: u64,
}

/// A raw DEFLATE stream being written piece by piece (see [`deflate_pieces`]).
pub(crate) struct Pieces<'c> {
    c: &'c mut Compress,
    out: Vec<u8>,
    crc: crc32fast::Hasher,
    len: u64,
    failed: bool,
}

impl Pieces<'_> {
    /// Adds `data` to the stream.
    pub fn push(&mut self, data: &[u8]) {
        self.crc.update(data);
        self.len += data.len() as u64;
        if !self.failed && self.feed(data, FlushCompress::None).is_none() {
            self.failed = true;
        }
    }

    fn feed(&mut self, data: &[u8], flush: FlushCompress) -> Option<()> {
        compress(self.c, data, &mut self.out, flush)
    }
}

/// Runs `c` over `data` onto the end of `out` until it has taken all of it (and, with
/// `FlushCompress::Finish`, ended the stream).
fn compress(c: &mut Compress, data: &[u8], out: &mut Vec<u8>, flush: FlushCompress) -> Option<()> {
    let start = c.total_in();
    loop {
        let read = usize::try_from(c.total_in() - start).ok()?;
        if out.capacity() - out.len() < 64 {
            out.reserve(out.capacity().max(4096));
        }
        let status = c.compress_vec(data.get(read..)?, out, flush).ok()?;
        let taken = usize::try_from(c.total_in() - start).ok()? == data.len();
        let room = out.len() < out.capacity();
        match status {
            Status::StreamEnd => return Some(()),
            // Everything taken, and room left: the compressor holds the rest for later.
            Status::Ok | Status::BufError if taken && room && flush == FlushCompress::None => {
                return Some(())
            }
            Status::Ok | Status::BufError => {}
        }
    }
}

/// The raw DEFLATE stream (what a ZIP entry of method 8 holds) of the bytes `write` pushes,
/// compressed as they come, so that a long part is never held whole; `None` if the compressor
/// fails. The same pieces give the same stream, on any thread (cut otherwise, the same bytes
/// may be cut into other DEFLATE blocks: the stream differs, what it inflates to does not).
pub(crate) fn deflate_pieces<E>(
    write: impl FnOnce(&mut Pieces<'_>) -> Result<(), E>,
) -> Result<Option<Deflated>, E> {
    let go = |c: &mut Compress| {
        c.reset();
        let mut pieces = Pieces {
            c,
            out: Vec::new(),
            crc: crc32fast::Hasher::new(),
            len: 0,
            failed: false,
        };
        write(&mut pieces)?;
        let end = pieces.feed(&[], FlushCompress::Finish);
        Ok((end.is_some() && !pieces.failed).then(|| Deflated {
            crc: pieces.crc.finalize(),
            len: pieces.len,
            data: pieces.out,
        }))
    };
    with_raw(go)
}

/// `head`, then the raw stream of `data`.
fn run(c: &mut Compress, data: &[u8], head: &[u8]) -> Option<Vec<u8>> {
    c.reset();
    let mut out = Vec::with_capacity(data.len() / 2 + 64);
    out.extend_from_slice(head);
    compress(c, data, &mut out, FlushCompress::Finish)?;
    Some(out)
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

    /// `data` through a compressor in zlib mode at [`LEVEL`].
    fn zlib_mode(data: &[u8]) -> Vec<u8> {
        let mut z = Compress::new(Compression::new(LEVEL), true);
        let mut wrapped = Vec::with_capacity(data.len() + 64);
        compress(&mut z, data, &mut wrapped, FlushCompress::Finish).unwrap();
        wrapped
    }

    /// The header is the one a zlib-mode compressor writes, at every level.
    #[test]
    fn the_zlib_header_is_the_compressors() {
        for level in 0..=9 {
            let mut z = Compress::new(Compression::new(level), true);
            let mut out = Vec::with_capacity(64);
            compress(&mut z, b"uy", &mut out, FlushCompress::Finish).unwrap();
            assert_eq!(out[..2], zlib_header(level), "level {level}");
        }
    }

    fn samples() -> Vec<Vec<u8>> {
        // The script's templates: 39 KB of markup.
        let xml = [
            include_str!("../templates/script.hbs"),
            include_str!("../templates/partials/script-election.hbs"),
            include_str!("../templates/partials/script-step.hbs"),
        ]
        .concat()
        .into_bytes();
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
            // Byte for byte what a zlib compressor at the same level writes.
            assert_eq!(
                zlib(&data).unwrap(),
                zlib_mode(&data),
                "{} bytes",
                data.len()
            );
        }
    }

    /// A part written block by block (the DOCX body) inflates to the whole part, with its CRC
    /// and length, and the same pieces give the same bytes on another thread.
    #[test]
    fn pieces_make_a_stream_of_the_whole() {
        for data in samples() {
            for cut in [1, 7, 100, 4096, 70_000] {
                let piecewise = deflate_pieces::<()>(|p| {
                    data.chunks(cut).for_each(|c| p.push(c));
                    Ok(())
                })
                .unwrap()
                .unwrap();
                assert_eq!(inflate(&piecewise.data), data, "cut {cut}");
                assert_eq!(piecewise.crc, crc32fast::hash(&data));
                assert_eq!(piecewise.len, data.len() as u64);
                let there = std::thread::scope(|s| {
                    s.spawn(|| {
                        deflate_pieces::<()>(|p| {
                            data.chunks(cut).for_each(|c| p.push(c));
                            Ok(())
                        })
                    })
                    .join()
                    .unwrap()
                });
                assert_eq!(Some(piecewise.data), there.unwrap().map(|d| d.data));
            }
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
            prop_assert_eq!(unzlib(&zlib(&data).unwrap()), data.clone());
            prop_assert_eq!(zlib(&data).unwrap(), zlib_mode(&data));
        }
    }
}
