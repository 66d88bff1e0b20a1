//! UTF-8 decoding with Go's rules (mirrors unicode/utf8): every invalid or
//! truncated sequence decodes as U+FFFD of width one, surrogates and overlong
//! forms are invalid. This module only reads bytes; it never allocates strings.

/// The replacement character Go returns for invalid input (`utf8.RuneError`).
pub const RUNE_ERROR: u32 = 0xFFFD;
/// The largest valid Unicode code point (`utf8.MaxRune`).
pub const MAX_RUNE: u32 = 0x10FFFF;

/// Decodes the first rune of `b`: mirrors `utf8.DecodeRune`.
/// Returns `(RUNE_ERROR, 1)` for an invalid sequence and `(RUNE_ERROR, 0)` for empty input.
pub fn decode_rune(b: &[u8]) -> (u32, usize) {
    let Some(&b0) = b.first() else {
        return (RUNE_ERROR, 0);
    };
    if b0 < 0x80 {
        return (u32::from(b0), 1);
    }
    // Expected length and the valid range of the second byte (excludes
    // overlongs and surrogates the way Go's first-byte table does).
    let (len, lo, hi) = match b0 {
        0xC2..=0xDF => (2, 0x80, 0xBF),
        0xE0 => (3, 0xA0, 0xBF),
        0xE1..=0xEC | 0xEE..=0xEF => (3, 0x80, 0xBF),
        0xED => (3, 0x80, 0x9F),
        0xF0 => (4, 0x90, 0xBF),
        0xF1..=0xF3 => (4, 0x80, 0xBF),
        0xF4 => (4, 0x80, 0x8F),
        _ => return (RUNE_ERROR, 1),
    };
    if b.len() < len {
        return (RUNE_ERROR, 1);
    }
    if b[1] < lo || b[1] > hi {
        return (RUNE_ERROR, 1);
    }
    for &c in &b[2..len] {
        if !(0x80..=0xBF).contains(&c) {
            return (RUNE_ERROR, 1);
        }
    }
    let r = match len {
        2 => (u32::from(b0 & 0x1F) << 6) | u32::from(b[1] & 0x3F),
        3 => (u32::from(b0 & 0x0F) << 12) | (u32::from(b[1] & 0x3F) << 6) | u32::from(b[2] & 0x3F),
        _ => {
            (u32::from(b0 & 0x07) << 18)
                | (u32::from(b[1] & 0x3F) << 12)
                | (u32::from(b[2] & 0x3F) << 6)
                | u32::from(b[3] & 0x3F)
        }
    };
    (r, len)
}

/// Number of runes in `b`, counting each invalid byte as one: mirrors `utf8.RuneCount`.
pub fn rune_count(b: &[u8]) -> usize {
    let mut n = 0;
    let mut i = 0;
    while i < b.len() {
        let (_, w) = decode_rune(&b[i..]);
        i += w.max(1);
        n += 1;
    }
    n
}

/// Appends the UTF-8 encoding of `r`; invalid runes (surrogates, > MaxRune)
/// encode as U+FFFD: mirrors `utf8.AppendRune`.
pub fn push_rune(out: &mut Vec<u8>, r: u32) {
    let c = char::from_u32(r).unwrap_or('\u{FFFD}');
    let mut tmp = [0u8; 4];
    out.extend_from_slice(c.encode_utf8(&mut tmp).as_bytes());
}

/// Whether `r` is a valid Unicode scalar value (`utf8.ValidRune`).
pub fn valid_rune(r: u32) -> bool {
    char::from_u32(r).is_some()
}
