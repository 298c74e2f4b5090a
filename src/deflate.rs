//! DEFLATE (RFC 1951) and its zlib wrapper (RFC 1950), for the DOCX parts and the PDF streams.
//!
//! One pass: greedy LZ77 over a hash table sized to the input, written at once with the fixed
//! Huffman codes (zlib-ng's "quick" strategy, which zlib-rs also uses at level 1). Everything it
//! needs is allocated per call and sized to the input: a DOCX is a score of parts of a few
//! hundred bytes to a few tens of kilobytes, and general-purpose encoders spend more on setting
//! up their state (zlib-rs zeroes about 300 KB per stream; the `zip` crate makes one per entry)
//! than on compressing them. Dynamic Huffman codes saved 7 % more on the invitation's DOCX parts
//! and cost three times the time. A pure function of its input: the same bytes in give the same
//! bytes out.

/// Shortest match looked for (DEFLATE allows 3; 4 hashes one `u32` and loses little).
const MIN_MATCH: usize = 4;
/// Longest match DEFLATE can express.
const MAX_MATCH: usize = 258;
/// Farthest back a match can reach.
const WINDOW: usize = 32 * 1024;
/// Added to positions in the hash table: more than the window, so that 0 means "none".
const BIAS: usize = WINDOW + 1;

/// `data` as a raw DEFLATE stream (what a ZIP entry of method 8 holds).
pub(crate) fn deflate(data: &[u8]) -> Vec<u8> {
    let mut out = BitWriter::with_capacity(data.len() + data.len() / 8 + 16);
    write_block(data, &mut out);
    out.finish()
}

/// `data` as a zlib stream (what a PDF `/FlateDecode` stream holds).
pub(crate) fn zlib(data: &[u8]) -> Vec<u8> {
    let mut out = BitWriter::with_capacity(data.len() + data.len() / 8 + 24);
    // CMF: deflate with a 32 KB window; FLG: fastest level, no dictionary, check bits.
    out.put(0x0178, 16);
    write_block(data, &mut out);
    out.align();
    out.put(adler32(data).swap_bytes(), 32);
    out.finish()
}

/// The Adler-32 checksum of `data`.
fn adler32(data: &[u8]) -> u32 {
    const MOD: u32 = 65_521;
    // 5552 bytes is the most that can be summed before `b` could overflow.
    let (mut a, mut b) = (1u32, 0u32);
    for chunk in data.chunks(5552) {
        for &byte in chunk {
            a += u32::from(byte);
            b += a;
        }
        a %= MOD;
        b %= MOD;
    }
    (b << 16) | a
}

/// Writes `data` as one final block with the fixed codes.
fn write_block(data: &[u8], out: &mut BitWriter) {
    let n = data.len();
    out.put(0b011, 3); // final block, fixed codes
                       // Slots hold position + BIAS (0 = empty): one slot per 2 bytes of input, 256 to 16 384.
    let bits = (usize::BITS - n.max(1).leading_zeros()).clamp(9, 15) - 1;
    let mut head = vec![0u32; 1 << bits];
    let hash = |word: u32| -> usize { (word.wrapping_mul(0x9E37_79B1) >> (32 - bits)) as usize };
    let mut i = 0;
    while i + MIN_MATCH <= n {
        let here = read_u32(data, i);
        let h = hash(here);
        let distance = (i + BIAS).wrapping_sub(head[h] as usize);
        head[h] = (i + BIAS) as u32;
        let from = i.wrapping_sub(distance);
        // One branch for both tests: whether a match is there cannot be predicted.
        if (distance.wrapping_sub(1) < WINDOW) & (read_u32(data, from) == here) {
            let end = n.min(i + MAX_MATCH);
            let len = MIN_MATCH + common_prefix(data, from + MIN_MATCH, i + MIN_MATCH, end);
            put_match(len, distance, out);
            // Index the second and the last position the match covers, so that later text
            // can refer to them (every position costs a quarter more time for 2 %).
            let end = i + len;
            for j in [i + 1, end - 1] {
                if j + MIN_MATCH <= n {
                    head[hash(read_u32(data, j))] = (j + BIAS) as u32;
                }
            }
            i = end;
        } else {
            put_literal(data[i], out);
            i += 1;
        }
    }
    for &byte in &data[i..] {
        put_literal(byte, out);
    }
    out.put(0, 7); // end of block: code 256 is seven zero bits
}

/// The four bytes at `at` (little-endian), 0 past the end.
#[inline]
fn read_u32(data: &[u8], at: usize) -> u32 {
    match data.get(at..at + 4) {
        Some(&[a, b, c, d]) => u32::from_le_bytes([a, b, c, d]),
        _ => 0,
    }
}

/// How many bytes from `a` and from `b` (with `a < b`) are equal, stopping at `end`.
fn common_prefix(data: &[u8], a: usize, b: usize, end: usize) -> usize {
    let mut len = 0;
    while b + len + 8 <= end {
        let x = u64::from_le_bytes(word(data, a + len)) ^ u64::from_le_bytes(word(data, b + len));
        if x != 0 {
            return len + (x.trailing_zeros() / 8) as usize;
        }
        len += 8;
    }
    while b + len < end && data[a + len] == data[b + len] {
        len += 1;
    }
    len
}

/// The eight bytes at `at` (zeros past the end).
fn word(data: &[u8], at: usize) -> [u8; 8] {
    let mut w = [0u8; 8];
    if let Some(src) = data.get(at..at + 8) {
        w.copy_from_slice(src);
    }
    w
}

/// Writes a literal byte with the fixed code.
#[inline(always)]
fn put_literal(byte: u8, out: &mut BitWriter) {
    let (code, len) = LITERAL[usize::from(byte)];
    out.put(u32::from(code), u32::from(len));
}

/// Writes a match (length 3–258, distance 1–32 768) with the fixed codes: one `put`, as the
/// length code and its extra bits take at most 13 bits and the distance at most 18.
fn put_match(length: usize, distance: usize, out: &mut BitWriter) {
    let (l_bits, l_len) = LENGTH[length];
    let d = if distance <= 256 {
        usize::from(DIST_SYMBOL_LOW[distance])
    } else {
        usize::from(DIST_SYMBOL_HIGH[(distance - 1) >> 7])
    };
    let d_bits =
        u32::from(reverse(d as u16, 5)) | ((distance - usize::from(DIST_BASE[d])) as u32) << 5;
    let d_len = 5 + u32::from(DIST_EXTRA[d]);
    out.put(
        u32::from(l_bits) | (d_bits << l_len),
        u32::from(l_len) + d_len,
    );
}

/// The low `len` bits of `code`, reversed (Huffman codes are packed from their first bit).
const fn reverse(code: u16, len: u32) -> u16 {
    code.reverse_bits() >> (16 - len)
}

/// The fixed code of a literal/length symbol and its length (RFC 1951, 3.2.6).
const fn fixed_code(symbol: u16) -> (u16, u8) {
    match symbol {
        0..=143 => (reverse(0x30 + symbol, 8), 8),
        144..=255 => (reverse(0x190 + symbol - 144, 9), 9),
        256..=279 => (reverse(symbol - 256, 7), 7),
        _ => (reverse(0xC0 + symbol - 280, 8), 8),
    }
}

/// The fixed code of every literal byte.
static LITERAL: [(u16, u8); 256] = {
    let mut t = [(0u16, 0u8); 256];
    let mut b = 0;
    while b < 256 {
        t[b] = fixed_code(b as u16);
        b += 1;
    }
    t
};

/// For every match length (index 3–258): the length symbol's fixed code followed by its extra
/// bits, and their number.
static LENGTH: [(u16, u8); 259] = {
    let mut t = [(0u16, 0u8); 259];
    let mut len = 3;
    while len <= MAX_MATCH {
        // The last symbol whose base is at most `len` (258 has its own, 285).
        let mut s = 0;
        while s + 1 < 29 && LENGTH_BASE[s + 1] as usize <= len {
            s += 1;
        }
        let (code, code_len) = fixed_code(257 + s as u16);
        let extra = (len - LENGTH_BASE[s] as usize) as u16;
        t[len] = (code | (extra << code_len), code_len + LENGTH_EXTRA[s]);
        len += 1;
    }
    t
};

const LENGTH_BASE: [u16; 29] = [
    3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31, 35, 43, 51, 59, 67, 83, 99, 115, 131,
    163, 195, 227, 258,
];
const LENGTH_EXTRA: [u8; 29] = [
    0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0,
];
const DIST_BASE: [u16; 30] = [
    1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33, 49, 65, 97, 129, 193, 257, 385, 513, 769, 1025, 1537,
    2049, 3073, 4097, 6145, 8193, 12289, 16385, 24577,
];
const DIST_EXTRA: [u8; 30] = [
    0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9, 10, 10, 11, 11, 12, 12, 13,
    13,
];

/// The distance symbol of distances 1–256 (index = distance).
static DIST_SYMBOL_LOW: [u8; 257] = {
    let mut t = [0u8; 257];
    let mut d = 1;
    while d <= 256 {
        t[d] = dist_symbol(d);
        d += 1;
    }
    t
};

/// The distance symbol of distances 257–32 768 (index = (distance − 1) / 128; the bases of
/// those symbols, less one, are multiples of 128).
static DIST_SYMBOL_HIGH: [u8; 256] = {
    let mut t = [0u8; 256];
    let mut i = 2;
    while i < 256 {
        t[i] = dist_symbol(i * 128 + 1);
        i += 1;
    }
    t
};

const fn dist_symbol(distance: usize) -> u8 {
    let mut s = 0;
    while s + 1 < 30 && DIST_BASE[s + 1] as usize <= distance {
        s += 1;
    }
    s as u8
}

/// Bits written least significant first, as DEFLATE packs them.
///
/// Each `put` stores the whole accumulator and advances by the whole bytes it holds, without a
/// branch (whether 32 bits have gathered cannot be predicted); the buffer keeps eight spare
/// bytes past what was reserved.
struct BitWriter {
    bytes: Vec<u8>,
    /// Bytes written (`bytes` beyond it is scratch).
    len: usize,
    acc: u64,
    count: u32,
}

impl BitWriter {
    /// A writer with room for `capacity` bytes.
    fn with_capacity(capacity: usize) -> Self {
        BitWriter {
            bytes: vec![0; capacity + 8],
            len: 0,
            acc: 0,
            count: 0,
        }
    }

    /// Appends the low `n` bits of `bits` (n ≤ 32; bits above `n` must be zero).
    #[inline(always)]
    fn put(&mut self, bits: u32, n: u32) {
        self.acc |= u64::from(bits) << self.count;
        self.count += n;
        match self.bytes.get_mut(self.len..self.len + 8) {
            Some(slot) => slot.copy_from_slice(&self.acc.to_le_bytes()),
            // Past the reserved room (never, given the capacities above): grow.
            None => {
                self.bytes.resize(self.len * 2 + 16, 0);
                self.bytes[self.len..self.len + 8].copy_from_slice(&self.acc.to_le_bytes());
            }
        }
        let whole = self.count / 8;
        self.len += whole as usize;
        // `whole` is at most 4 (count ≤ 7 + 32), so the shift is below 64.
        self.acc >>= whole * 8;
        self.count -= whole * 8;
    }

    /// Pads with zero bits to a byte boundary.
    fn align(&mut self) {
        if self.count > 0 {
            self.put(0, 8 - self.count);
        }
    }

    fn finish(mut self) -> Vec<u8> {
        self.align();
        self.bytes.truncate(self.len);
        self.bytes
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
        let mut noise = Vec::new();
        let mut x = 0x1234_5678u32;
        for _ in 0..70_000 {
            x ^= x << 13;
            x ^= x >> 17;
            x ^= x << 5;
            noise.push(x as u8);
        }
        vec![
            Vec::new(),
            b"a".to_vec(),
            b"abc".to_vec(),
            b"abcd".to_vec(),
            vec![0; 100_000],
            b"ab".repeat(40_000),
            xml.clone(),
            xml.repeat(5),
            face[..60_000].to_vec(),
            noise,
        ]
    }

    #[test]
    fn round_trips_through_a_standard_inflater() {
        for data in samples() {
            assert_eq!(inflate(&deflate(&data)), data, "{} bytes", data.len());
            assert_eq!(unzlib(&zlib(&data)), data, "{} bytes", data.len());
        }
    }

    #[test]
    fn compresses_text_and_fonts_and_grows_noise_by_at_most_an_eighth() {
        let s = samples();
        let xml = &s[6];
        assert!(deflate(xml).len() * 3 < xml.len(), "{}", deflate(xml).len());
        let font = &s[8];
        assert!(
            deflate(font).len() * 10 < font.len() * 9,
            "{}",
            deflate(font).len()
        );
        // Literals of 144 and above take nine bits.
        let noise = &s[9];
        assert!(deflate(noise).len() <= noise.len() + noise.len() / 8 + 2);
    }

    #[test]
    fn the_same_input_gives_the_same_bytes() {
        for data in samples() {
            assert_eq!(deflate(&data), deflate(&data));
        }
    }

    #[test]
    fn adler32_matches_the_reference() {
        assert_eq!(adler32(b""), 1);
        assert_eq!(adler32(b"Wikipedia"), 0x11E6_0398);
        let long = vec![0xFFu8; 100_000];
        let (mut a, mut b) = (1u64, 0u64);
        for &x in &long {
            a = (a + u64::from(x)) % 65_521;
            b = (b + a) % 65_521;
        }
        assert_eq!(adler32(&long), ((b << 16) | a) as u32);
    }

    /// Reads `n` bits of a fixed code (first bit first) back into a number.
    fn unreverse(bits: u32, n: u8) -> u32 {
        (0..n).fold(0, |acc, i| (acc << 1) | ((bits >> i) & 1))
    }

    #[test]
    fn fixed_codes_follow_the_format() {
        // RFC 1951, 3.2.6: 0–143 are 00110000 + b, 144–255 are 110010000 + (b − 144).
        assert_eq!(LITERAL[0], (reverse(0b0011_0000, 8), 8));
        assert_eq!(unreverse(u32::from(LITERAL[143].0), 8), 0b1011_1111);
        assert_eq!(LITERAL[144], (reverse(0b1_1001_0000, 9), 9));
        assert_eq!(unreverse(u32::from(LITERAL[255].0), 9), 0b1_1111_1111);
        for (length, &(bits, n)) in LENGTH.iter().enumerate().skip(3) {
            let s = LENGTH_BASE
                .iter()
                .rposition(|&b| usize::from(b) <= length)
                .unwrap();
            let s = if length == 258 { 28 } else { s.min(27) };
            let (code, code_len) = fixed_code(257 + s as u16);
            assert_eq!(n, code_len + LENGTH_EXTRA[s], "{length}");
            assert_eq!(bits & ((1 << code_len) - 1), code, "{length}");
            let extra = usize::from(bits >> code_len);
            assert!(extra < 1 << LENGTH_EXTRA[s], "{length}");
            assert_eq!(usize::from(LENGTH_BASE[s]) + extra, length);
        }
        for distance in 1..=WINDOW {
            let d = if distance <= 256 {
                usize::from(DIST_SYMBOL_LOW[distance])
            } else {
                usize::from(DIST_SYMBOL_HIGH[(distance - 1) >> 7])
            };
            let base = usize::from(DIST_BASE[d]);
            assert!(
                base <= distance && distance - base < 1 << DIST_EXTRA[d],
                "{distance}"
            );
        }
    }

    proptest! {
        #[test]
        fn any_bytes_round_trip(
            pieces in proptest::collection::vec(
                (proptest::collection::vec(any::<u8>(), 0..300), 1usize..40), 0..40)
        ) {
            // Pieces repeated a few times, so that matches of every length and distance occur.
            let data: Vec<u8> = pieces.iter().flat_map(|(p, times)| p.repeat(*times)).collect();
            prop_assert_eq!(inflate(&deflate(&data)), data.clone());
            prop_assert_eq!(unzlib(&zlib(&data)), data);
        }
    }
}
