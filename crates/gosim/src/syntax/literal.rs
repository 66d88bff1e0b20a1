//! Decoding literal token texts into values.
//!
//! Owns the meaning of number, rune and string literals (bases, `_`
//! separators, escapes, raw strings). Malformed text has already been
//! reported by the lexer, so decoding here is tolerant: it returns a best
//! effort value and never panics. The only new error is an integer too large
//! for gosim's 128-bit constants.

/// Decodes an integer literal (`1_000`, `0x1F`, `0o17`, `017`, `0b1`).
/// `None` when the value does not fit in 128 bits.
pub fn decode_int(text: &str) -> Option<u128> {
    let t: String = text.chars().filter(|&c| c != '_').collect();
    let lower = t.to_ascii_lowercase();
    let (digits, base) = if let Some(r) = lower.strip_prefix("0x") {
        (r, 16)
    } else if let Some(r) = lower.strip_prefix("0o") {
        (r, 8)
    } else if let Some(r) = lower.strip_prefix("0b") {
        (r, 2)
    } else if lower.len() > 1 && lower.starts_with('0') {
        (&lower[1..], 8)
    } else {
        (lower.as_str(), 10)
    };
    let mut v: u128 = 0;
    for c in digits.chars() {
        let d = c.to_digit(16).unwrap_or(0).min(base - 1);
        v = v.checked_mul(base as u128)?.checked_add(d as u128)?;
    }
    Some(v)
}

/// Decodes a floating-point literal, decimal (`1e9`, `.5`) or hexadecimal
/// (`0x1p-2`).
pub fn decode_float(text: &str) -> f64 {
    let t: String = text.chars().filter(|&c| c != '_').collect();
    let lower = t.to_ascii_lowercase();
    if let Some(rest) = lower.strip_prefix("0x") {
        return crate::format::atof::parse_hex(rest.as_bytes(), crate::format::atof::Format::F64)
            .unwrap_or(0.0);
    }
    crate::format::atof::parse_f64(&lower).unwrap_or(0.0)
}

/// Unescapes the body of an interpreted string or rune literal into
/// bytes. `\x` and octal escapes produce raw bytes; `\u` and `\U` produce
/// UTF-8.
fn unescape(body: &str, out: &mut Vec<u8>) {
    let bytes = body.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if b != b'\\' {
            out.push(b);
            i += 1;
            continue;
        }
        i += 1;
        let Some(&e) = bytes.get(i) else { break };
        i += 1;
        let simple = match e {
            b'a' => Some(7),
            b'b' => Some(8),
            b'f' => Some(12),
            b'n' => Some(b'\n'),
            b'r' => Some(b'\r'),
            b't' => Some(b'\t'),
            b'v' => Some(11),
            b'\\' | b'\'' | b'"' => Some(e),
            _ => None,
        };
        if let Some(s) = simple {
            out.push(s);
            continue;
        }
        let (n, base, raw_byte) = match e {
            b'0'..=b'7' => {
                i -= 1;
                (3, 8, true)
            }
            b'x' => (2, 16, true),
            b'u' => (4, 16, false),
            b'U' => (8, 16, false),
            _ => continue, // already reported as an unknown escape
        };
        let mut x: u32 = 0;
        for _ in 0..n {
            match bytes.get(i).and_then(|&d| (d as char).to_digit(base)) {
                Some(d) => {
                    x = x.wrapping_mul(base).wrapping_add(d);
                    i += 1;
                }
                None => break,
            }
        }
        if raw_byte {
            out.push(x as u8);
        } else {
            let c = char::from_u32(x).unwrap_or('\u{FFFD}');
            let mut buf = [0u8; 4];
            out.extend_from_slice(c.encode_utf8(&mut buf).as_bytes());
        }
    }
}

/// Decodes a whole string literal token, quotes included.
pub fn decode_string(text: &str) -> Vec<u8> {
    let mut out = Vec::with_capacity(text.len());
    if let Some(body) = text.strip_prefix('`') {
        let body = body.strip_suffix('`').unwrap_or(body);
        // Carriage returns inside raw strings are discarded.
        out.extend(body.bytes().filter(|&b| b != b'\r'));
    } else {
        let body = text.strip_prefix('"').unwrap_or(text);
        let body = body.strip_suffix('"').unwrap_or(body);
        unescape(body, &mut out);
    }
    out
}

/// Decodes a rune literal token, quotes included.
pub fn decode_rune(text: &str) -> char {
    let body = text.strip_prefix('\'').unwrap_or(text);
    let body = body.strip_suffix('\'').unwrap_or(body);
    if !body.starts_with('\\') {
        return body.chars().next().unwrap_or('\0');
    }
    let e = body.as_bytes().get(1).copied().unwrap_or(b'0');
    if matches!(e, b'0'..=b'7' | b'x') {
        // A byte-valued escape names the code point of the same value.
        let mut out = Vec::new();
        unescape(body, &mut out);
        return out.first().map(|&b| b as char).unwrap_or('\0');
    }
    let mut out = Vec::new();
    unescape(body, &mut out);
    String::from_utf8_lossy(&out).chars().next().unwrap_or('\0')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ints() {
        assert_eq!(decode_int("1_000"), Some(1000));
        assert_eq!(decode_int("0x1F"), Some(31));
        assert_eq!(decode_int("0o17"), Some(15));
        assert_eq!(decode_int("017"), Some(15));
        assert_eq!(decode_int("0b101"), Some(5));
        assert_eq!(decode_int("0"), Some(0));
        assert_eq!(
            decode_int("340282366920938463463374607431768211455"),
            Some(u128::MAX)
        );
        assert_eq!(decode_int("340282366920938463463374607431768211456"), None);
    }

    #[test]
    fn floats() {
        assert_eq!(decode_float("1e9"), 1e9);
        assert_eq!(decode_float(".5"), 0.5);
        assert_eq!(decode_float("1_000.25"), 1000.25);
        assert_eq!(decode_float("0x1p-2"), 0.25);
        assert_eq!(decode_float("0x1.8p1"), 3.0);
    }

    #[test]
    fn strings_and_runes() {
        assert_eq!(
            decode_string(r#""a\tb\xff\u00e9\101""#),
            b"a\tb\xff\xc3\xa9A".to_vec()
        );
        assert_eq!(decode_string("`a\\n\r\nb`"), b"a\\n\nb".to_vec());
        assert_eq!(decode_rune("'x'"), 'x');
        assert_eq!(decode_rune(r"'\n'"), '\n');
        assert_eq!(decode_rune(r"'\xff'"), '\u{ff}');
        assert_eq!(decode_rune(r"'\377'"), '\u{ff}');
        assert_eq!(decode_rune(r"'\u4e16'"), '世');
        assert_eq!(decode_rune(r"'\''"), '\'');
        assert_eq!(decode_rune("'世'"), '世');
    }
}
