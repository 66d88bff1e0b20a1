//! Small text tools the quiz's formats share: percent-encoding for links
//! and data URLs, the FNV-1a hash behind checksums and ids, and numbers
//! as the quiz prints them (points in hundredths, durations), all with
//! integer arithmetic (no float formatting reaches the wasm).
//!
//! Pure functions on strings and integers; decoding user input never
//! panics and reports failure as `None`.

/// FNV-1a, 32 bits: checksums against copy-paste damage and assignment
/// ids. Not a defence against anyone changing a code on purpose.
pub fn fnv32(bytes: &[u8]) -> u32 {
    let mut h: u32 = 0x811c_9dc5;
    for &b in bytes {
        h ^= u32::from(b);
        h = h.wrapping_mul(0x0100_0193);
    }
    h
}

/// `bytes` with everything but RFC 3986's unreserved characters written
/// as `%XX`.
pub fn percent_encode(bytes: &[u8]) -> String {
    const HEX: &[u8; 16] = b"0123456789ABCDEF";
    let mut out = String::with_capacity(bytes.len());
    for &b in bytes {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~') {
            out.push(char::from(b));
        } else {
            out.push('%');
            out.push(char::from(HEX[usize::from(b >> 4)]));
            out.push(char::from(HEX[usize::from(b & 15)]));
        }
    }
    out
}

/// The text `%XX` escapes stand for; `None` for a broken escape or bytes
/// that are not UTF-8 (a cut or mangled link).
pub fn percent_decode(text: &str) -> Option<String> {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = |b: u8| char::from(b).to_digit(16);
            let hi = hex(*bytes.get(i + 1)?)?;
            let lo = hex(*bytes.get(i + 2)?)?;
            out.push((hi * 16 + lo) as u8);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

/// User text made safe to keep: control characters dropped, trimmed, at
/// most `max` characters. (Markup needs no escaping here: views render
/// it as text.)
pub fn clean(text: &str, max: usize) -> String {
    text.chars()
        .filter(|c| !c.is_control())
        .collect::<String>()
        .trim()
        .chars()
        .take(max)
        .collect()
}

/// Points kept in hundredths, printed as `2.67`, `3` or `0.5`.
pub fn hundredths(n: u32) -> String {
    let (whole, frac) = (n / 100, n % 100);
    match frac {
        0 => whole.to_string(),
        f if f % 10 == 0 => format!("{whole}.{}", f / 10),
        f => format!("{whole}.{f:02}"),
    }
}

/// `part` of `whole` as a rounded percentage (0 when `whole` is 0).
pub fn percent(part: u32, whole: u32) -> u32 {
    if whole == 0 {
        0
    } else {
        ((u64::from(part) * 100 + u64::from(whole) / 2) / u64::from(whole)) as u32
    }
}

/// A duration as `m:ss` (`h:mm:ss` from an hour).
pub fn clock(seconds: u32) -> String {
    let (h, m, s) = (seconds / 3600, seconds / 60 % 60, seconds % 60);
    if h > 0 {
        format!("{h}:{m:02}:{s:02}")
    } else {
        format!("{m}:{s:02}")
    }
}

/// The first `max` characters of `text`, with "…" when cut (for showing
/// a bad input back to the user).
pub fn clip(text: &str, max: usize) -> String {
    let mut out: String = text.chars().take(max).collect();
    if text.chars().nth(max).is_some() {
        out.push('…');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn percent_encoding_round_trips_any_text() {
        for s in [
            "",
            "plain",
            "a b&c=d#e?f",
            "课堂测验 — 第1周",
            "<img src=x onerror=alert(1)>",
            "%",
            "100%",
        ] {
            let encoded = percent_encode(s.as_bytes());
            assert!(encoded
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b"-._~%".contains(&b)));
            assert_eq!(percent_decode(&encoded).as_deref(), Some(s));
        }
        for broken in ["%", "%4", "%zz", "%E8%AF", "a%FFb"] {
            assert_eq!(percent_decode(broken), None, "{broken}");
        }
    }

    #[test]
    fn numbers_print_without_floats() {
        assert_eq!(hundredths(267), "2.67");
        assert_eq!(hundredths(300), "3");
        assert_eq!(hundredths(50), "0.5");
        assert_eq!(hundredths(5), "0.05");
        assert_eq!(percent(267, 300), 89);
        assert_eq!(percent(1, 0), 0);
        assert_eq!(clock(65), "1:05");
        assert_eq!(clock(3725), "1:02:05");
    }

    #[test]
    fn clean_and_clip_keep_text_short_and_printable() {
        assert_eq!(clean("  Ana\u{0}\n Lee \t", 40), "Ana Lee");
        assert_eq!(clean("王小明同学", 3), "王小明");
        assert_eq!(clip("abcdef", 3), "abc…");
        assert_eq!(clip("abc", 3), "abc");
        assert_ne!(fnv32(b"a"), fnv32(b"b"));
    }
}
