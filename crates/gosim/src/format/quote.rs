//! Go string and rune quoting (mirrors strconv's `Quote`, `QuoteToASCII`,
//! `QuoteRune`, `QuoteRuneToASCII`, `CanBackquote` and `IsPrint`). It works on
//! Go strings as raw bytes, so invalid UTF-8 is escaped byte by byte the way Go
//! does. It never panics on any input.

use super::isprint_table::NOT_PRINTABLE;
use super::utf8::{decode_rune, push_rune, valid_rune, RUNE_ERROR};

const LOWER_HEX: &[u8; 16] = b"0123456789abcdef";

/// Mirrors `strconv.IsPrint`: letters, marks, numbers, punctuation, symbols and
/// the ASCII space.
pub fn is_print(r: u32) -> bool {
    if r < 0x80 {
        return (0x20..0x7F).contains(&r);
    }
    // Binary search the sorted, disjoint ranges.
    let idx = NOT_PRINTABLE.partition_point(|&(_, last)| last < r);
    match NOT_PRINTABLE.get(idx) {
        Some(&(first, _)) => r < first,
        None => true,
    }
}

/// Appends one valid rune, escaped as Go's `appendEscapedRune` does.
/// Invalid bytes never reach here: the caller escapes them as `\xNN`.
fn push_escaped_rune(out: &mut Vec<u8>, r: u32, quote: u8, ascii_only: bool) {
    if r == u32::from(quote) || r == u32::from(b'\\') {
        out.push(b'\\');
        out.push(r as u8);
        return;
    }
    if ascii_only {
        if r < 0x80 && is_print(r) {
            out.push(r as u8);
            return;
        }
    } else if is_print(r) {
        push_rune(out, r);
        return;
    }
    match r {
        0x07 => out.extend_from_slice(b"\\a"),
        0x08 => out.extend_from_slice(b"\\b"),
        0x0C => out.extend_from_slice(b"\\f"),
        0x0A => out.extend_from_slice(b"\\n"),
        0x0D => out.extend_from_slice(b"\\r"),
        0x09 => out.extend_from_slice(b"\\t"),
        0x0B => out.extend_from_slice(b"\\v"),
        _ if r < 0x20 || r == 0x7F => {
            out.extend_from_slice(b"\\x");
            out.push(LOWER_HEX[(r >> 4) as usize & 0xF]);
            out.push(LOWER_HEX[r as usize & 0xF]);
        }
        _ if r < 0x10000 => {
            out.extend_from_slice(b"\\u");
            for s in (0..4).rev() {
                out.push(LOWER_HEX[(r >> (4 * s)) as usize & 0xF]);
            }
        }
        _ => {
            out.extend_from_slice(b"\\U");
            for s in (0..8).rev() {
                out.push(LOWER_HEX[(r >> (4 * s)) as usize & 0xF]);
            }
        }
    }
}

fn quote_with(s: &[u8], quote: u8, ascii_only: bool) -> Vec<u8> {
    let mut out = Vec::with_capacity(s.len() + 2);
    out.push(quote);
    let mut i = 0;
    while i < s.len() {
        let (r, w) = decode_rune(&s[i..]);
        if w == 1 && r == RUNE_ERROR {
            // An invalid byte: Go escapes the byte itself, not U+FFFD.
            out.extend_from_slice(b"\\x");
            out.push(LOWER_HEX[usize::from(s[i] >> 4)]);
            out.push(LOWER_HEX[usize::from(s[i] & 0xF)]);
        } else {
            push_escaped_rune(&mut out, r, quote, ascii_only);
        }
        i += w.max(1);
    }
    out.push(quote);
    out
}

/// Mirrors `strconv.Quote` on a Go string given as bytes.
pub fn quote_bytes(s: &[u8]) -> Vec<u8> {
    quote_with(s, b'"', false)
}

/// Mirrors `strconv.Quote`; the result is always valid UTF-8.
pub fn quote(s: &[u8]) -> String {
    String::from_utf8_lossy(&quote_bytes(s)).into_owned()
}

/// Mirrors `strconv.QuoteToASCII` (used by `%+q`).
pub fn quote_to_ascii(s: &[u8]) -> Vec<u8> {
    quote_with(s, b'"', true)
}

/// Mirrors `strconv.QuoteRune` / `QuoteRuneToASCII`: invalid runes become U+FFFD.
pub fn quote_rune(r: u32, ascii_only: bool) -> Vec<u8> {
    let r = if valid_rune(r) { r } else { RUNE_ERROR };
    let mut out = vec![b'\''];
    push_escaped_rune(&mut out, r, b'\'', ascii_only);
    out.push(b'\'');
    out
}

/// Mirrors `strconv.CanBackquote`: no control characters other than tab, no
/// backquote, valid UTF-8 and no byte order mark.
pub fn can_backquote(s: &[u8]) -> bool {
    let mut i = 0;
    while i < s.len() {
        let (r, w) = decode_rune(&s[i..]);
        i += w.max(1);
        if w > 1 {
            if r == 0xFEFF {
                return false;
            }
            continue;
        }
        if r == RUNE_ERROR {
            return false;
        }
        if (r < 0x20 && r != u32::from(b'\t')) || r == u32::from(b'`') || r == 0x7F {
            return false;
        }
    }
    true
}
