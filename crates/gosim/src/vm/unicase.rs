//! Go's Unicode case mapping: `unicode.ToUpper/ToLower/ToTitle/SimpleFold`
//! and the `strings` functions built on them (`ToUpper`, `ToLower`, `Title`,
//! `EqualFold`).
//!
//! Go maps case one rune to one rune (Unicode *simple* case mapping), so
//! Rust's `to_uppercase` (full mapping: 'ß' becomes "SS") gives different
//! answers, and its tables cost about 30 KB of wasm (13 KB gzipped). The
//! tables here (about 3 KB) are generated from Go itself by
//! `scripts/unicase-tables.go`.

#[rustfmt::skip]
mod tables;

use crate::format::utf8::decode_rune;
use tables::{CASE_RANGES, FOLD_EXCEPTIONS, OTHER_DELTAS};

/// Which of Go's three cases a mapping asks for (the index into Go's deltas).
#[derive(Clone, Copy, PartialEq, Eq)]
enum Case {
    Upper = 0,
    Lower = 1,
    Title = 2,
}

/// Maps `r` to case `c` with Go's case ranges; runes outside them map to themselves.
fn to_case(c: Case, r: u32) -> u32 {
    let i = CASE_RANGES.partition_point(|&(key, _)| key >> 11 <= r);
    let Some(&(key, delta)) = i.checked_sub(1).map(|i| &CASE_RANGES[i]) else {
        return r;
    };
    let lo = key >> 11;
    if r - lo > (key >> 3) & 0xFF {
        return r;
    }
    let d = match key & 7 {
        0 if c == Case::Lower => 0,
        0 => delta,
        1 if c == Case::Lower => delta,
        1 => 0,
        // Alternating pairs: even offsets from lo are upper case, odd are
        // lower; title case is upper case.
        2 => return lo + (((r - lo) & !1) | (c == Case::Lower) as u32),
        _ => OTHER_DELTAS[delta as usize][c as usize],
    };
    r.wrapping_add_signed(d)
}

fn to_char(r: u32) -> char {
    char::from_u32(r).unwrap_or(char::REPLACEMENT_CHARACTER)
}

/// Go's `unicode.ToUpper`.
pub fn to_upper(r: char) -> char {
    if r.is_ascii() {
        return r.to_ascii_uppercase();
    }
    to_char(to_case(Case::Upper, r as u32))
}

/// Go's `unicode.ToLower`.
pub fn to_lower(r: char) -> char {
    if r.is_ascii() {
        return r.to_ascii_lowercase();
    }
    to_char(to_case(Case::Lower, r as u32))
}

/// Go's `unicode.ToTitle`.
pub fn to_title(r: char) -> char {
    if r.is_ascii() {
        return r.to_ascii_uppercase();
    }
    to_char(to_case(Case::Title, r as u32))
}

/// Go's `unicode.SimpleFold`: the next rune after `r` in its case-folding
/// orbit, wrapping around to the smallest.
pub fn simple_fold(r: char) -> char {
    if let Ok(i) = FOLD_EXCEPTIONS.binary_search_by_key(&(r as u32), |&(from, _)| from) {
        return to_char(FOLD_EXCEPTIONS[i].1);
    }
    let l = to_lower(r);
    if l != r {
        l
    } else {
        to_upper(r)
    }
}

/// The runes of a Go string: each invalid byte is one U+FFFD, as `range` gives.
fn runes(s: &[u8]) -> impl Iterator<Item = char> + '_ {
    let mut rest = s;
    std::iter::from_fn(move || {
        if rest.is_empty() {
            return None;
        }
        let (r, n) = decode_rune(rest);
        rest = &rest[n..];
        Some(to_char(r))
    })
}

/// Go's `strings.Map(f, s)` for a mapping that never drops runes: invalid
/// UTF-8 bytes come out as U+FFFD.
pub fn map(s: &[u8], f: impl FnMut(char) -> char) -> String {
    runes(s).map(f).collect()
}

/// Go's `strings.ToUpper`.
pub fn str_to_upper(s: &[u8]) -> String {
    map(s, to_upper)
}

/// Go's `strings.ToLower`.
pub fn str_to_lower(s: &[u8]) -> String {
    map(s, to_lower)
}

/// Go's `strings.Title`: title-cases every rune that follows a separator.
pub fn str_title(s: &[u8]) -> String {
    // Go's separators: ASCII other than letters, digits and '_'; beyond
    // ASCII, letters and digits never are and of the rest only spaces are.
    // No space is a letter or digit, so that is just White_Space, which
    // `char::is_whitespace` implements with a tiny table.
    fn is_separator(r: char) -> bool {
        if r.is_ascii() {
            !(r.is_ascii_alphanumeric() || r == '_')
        } else {
            r.is_whitespace()
        }
    }
    let mut prev = ' ';
    map(s, |r| {
        let out = if is_separator(prev) { to_title(r) } else { r };
        prev = r;
        out
    })
}

/// Go's `strings.EqualFold`: equal under simple Unicode case folding.
pub fn equal_fold(s: &[u8], t: &[u8]) -> bool {
    let (mut s, mut t) = (runes(s), runes(t));
    loop {
        match (s.next(), t.next()) {
            (None, None) => return true,
            (Some(a), Some(b)) if runes_fold_equal(a, b) => {}
            _ => return false,
        }
    }
}

fn runes_fold_equal(a: char, b: char) -> bool {
    if a == b {
        return true;
    }
    let (lo, hi) = if a < b { (a, b) } else { (b, a) };
    if hi.is_ascii() {
        return lo.is_ascii_uppercase() && hi == lo.to_ascii_lowercase();
    }
    // Walk lo's orbit upwards: SimpleFold visits it in increasing order
    // before wrapping around.
    let mut r = simple_fold(lo);
    while r != lo && r < hi {
        r = simple_fold(r);
    }
    r == hi
}

#[cfg(test)]
mod tests {
    use super::*;

    fn up(s: &str) -> String {
        str_to_upper(s.as_bytes())
    }
    fn low(s: &str) -> String {
        str_to_lower(s.as_bytes())
    }

    #[test]
    fn ascii_and_latin1() {
        assert_eq!(up("Hello, World 123_z"), "HELLO, WORLD 123_Z");
        assert_eq!(low("Hello, World 123_Z"), "hello, world 123_z");
        assert_eq!(up("àéîõüÿ"), "ÀÉÎÕÜŸ");
        assert_eq!(low("ÀÉÎÕÜ×Þ"), "àéîõü×þ");
        // Micro sign upper-cases to Greek capital mu.
        assert_eq!(to_upper('µ'), 'Μ');
        assert_eq!(to_lower('Μ'), 'μ');
    }

    #[test]
    fn sharp_s_is_one_rune() {
        assert_eq!(up("straße"), "STRAßE");
        assert_eq!(to_upper('ß'), 'ß');
        assert_eq!(to_lower('ẞ'), 'ß');
        assert!(equal_fold("ß".as_bytes(), "ẞ".as_bytes()));
        assert!(!equal_fold("ß".as_bytes(), "ss".as_bytes()));
    }

    #[test]
    fn greek_sigma_has_no_final_form_rule() {
        assert_eq!(low("ΟΔΟΣ"), "οδοσ");
        assert_eq!(to_upper('ς'), 'Σ');
        assert!(equal_fold("ς".as_bytes(), "σ".as_bytes()));
        assert!(equal_fold("Σ".as_bytes(), "ς".as_bytes()));
    }

    #[test]
    fn turkish_dotted_and_dotless_i() {
        assert_eq!(to_lower('İ'), 'i');
        assert_eq!(to_upper('ı'), 'I');
        assert_eq!(to_upper('i'), 'I');
        // Neither is in i's fold orbit.
        assert_eq!(simple_fold('İ'), 'İ');
        assert_eq!(simple_fold('ı'), 'ı');
        assert!(!equal_fold("İ".as_bytes(), "i".as_bytes()));
        assert!(!equal_fold("ı".as_bytes(), "I".as_bytes()));
    }

    #[test]
    fn cherokee_and_deseret() {
        // Cherokee capitals are the older block; the small letters came later.
        assert_eq!(to_lower('Ꭰ'), 'ꭰ');
        assert_eq!(to_upper('ꭰ'), 'Ꭰ');
        assert_eq!(to_lower('Ᏸ'), 'ᏸ');
        assert_eq!(to_lower('𐐀'), '𐐨');
        assert_eq!(to_upper('𐐨'), '𐐀');
        assert!(equal_fold("𐐀𐐁".as_bytes(), "𐐨𐐩".as_bytes()));
    }

    #[test]
    fn title_case_digraphs() {
        for r in ['Ǆ', 'ǅ', 'ǆ'] {
            assert_eq!(to_upper(r), 'Ǆ');
            assert_eq!(to_lower(r), 'ǆ');
            assert_eq!(to_title(r), 'ǅ');
        }
        assert_eq!(simple_fold('Ǆ'), 'ǅ');
        assert_eq!(simple_fold('ǅ'), 'ǆ');
        assert_eq!(simple_fold('ǆ'), 'Ǆ');
        assert!(equal_fold("ǆ".as_bytes(), "ǅ".as_bytes()));
        assert_eq!(str_title("ǆemal džungla".as_bytes()), "ǅemal Džungla");
    }

    #[test]
    fn alternating_pairs() {
        assert_eq!(to_upper('ā'), 'Ā');
        assert_eq!(to_lower('Ā'), 'ā');
        assert_eq!(to_title('ā'), 'Ā');
        assert_eq!(to_lower('ā'), 'ā');
    }

    #[test]
    fn fold_orbits() {
        // K, k and the Kelvin sign, in increasing order, then around.
        assert_eq!(simple_fold('K'), 'k');
        assert_eq!(simple_fold('k'), '\u{212A}');
        assert_eq!(simple_fold('\u{212A}'), 'K');
        assert!(equal_fold("\u{212A}".as_bytes(), "k".as_bytes()));
        assert_eq!(to_lower('\u{212A}'), 'k');
        assert_eq!(to_upper('k'), 'K');
        assert!(equal_fold("ſ".as_bytes(), "S".as_bytes()));
        assert!(equal_fold("θ".as_bytes(), "ϴ".as_bytes()));
        assert!(!equal_fold("a".as_bytes(), "b".as_bytes()));
        assert!(!equal_fold("ab".as_bytes(), "a".as_bytes()));
    }

    #[test]
    fn invalid_utf8_becomes_replacement_runes() {
        assert_eq!(
            str_to_upper(b"a\xffb\xe2\x82"),
            "A\u{FFFD}B\u{FFFD}\u{FFFD}"
        );
        assert!(equal_fold(b"\xff", "\u{FFFD}".as_bytes()));
    }

    #[test]
    fn title_separators() {
        assert_eq!(str_title(b"don't stop_me now-1x"), "Don'T Stop_me Now-1x");
        assert_eq!(
            str_title("héllo\u{3000}wörld".as_bytes()),
            "Héllo\u{3000}Wörld"
        );
    }

    /// Every rune's mappings agree with the Go release the tables came from.
    #[test]
    fn all_runes_match_go() {
        let mut h: u64 = 0xcbf2_9ce4_8422_2325;
        let mut mix = |r: u32| {
            for b in r.to_le_bytes() {
                h ^= b as u64;
                h = h.wrapping_mul(0x0100_0000_01b3);
            }
        };
        for r in 0..=0x10FFFFu32 {
            match char::from_u32(r) {
                Some(c) => {
                    for m in [to_upper(c), to_lower(c), to_title(c), simple_fold(c)] {
                        mix(m as u32);
                    }
                }
                // Go maps surrogates through the same tables (to themselves).
                None => {
                    mix(to_case(Case::Upper, r));
                    mix(to_case(Case::Lower, r));
                    mix(to_case(Case::Title, r));
                    mix(r);
                }
            }
        }
        assert_eq!(h, tables::GO_CHECKSUM);
    }
}
