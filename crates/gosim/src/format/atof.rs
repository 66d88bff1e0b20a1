//! Text to binary floats, correctly rounded (round half to even).
//! [`parse_f64`] accepts exactly the syntax of Rust's `str::parse::<f64>`:
//! an optional sign, then `inf`, `infinity` or `nan` in any case, or digits
//! with an optional `.` (at least one digit) and an optional exponent
//! `e`/`E` with optional sign and at least one digit. Overflow gives
//! ±infinity, underflow ±0.
//!
//! Gosim has its own instead of Rust's because Rust's (`core::num::dec2flt`)
//! carries several kilobytes of power-of-five tables into the browser wasm,
//! and gosim only parses literals, `strconv.ParseFloat` input and the
//! candidates of shortest float formatting, where speed hardly matters.
//!
//! Method: numbers of at most 15 digits with a power of ten up to 10^22 are
//! one exact f64 multiplication or division (both operands are exact, so the
//! single rounding is the right one). Everything else becomes an exact
//! fraction of two big naturals ([`Nat`]), digits × 10^e or digits / 10^e,
//! whose quotient, scaled to 64 or 65 bits, gives the significand, and whose
//! remainder decides rounding ([`round_ratio`]). Exponents far outside the
//! float range give infinity or zero before any big number is built.
//!
//! Input beyond [`MAX_DIGITS`] significant digits is cut off, remembering
//! whether a nonzero digit was dropped. That is still exact: a value halfway
//! between two f64s has at most 768 significant digits, so it is a multiple
//! of the last kept digit's unit, and a cut-off value lies at or above such
//! a halfway point exactly when the kept digits do, ties going up when
//! something was dropped.
//!
//! [`parse_go`] is `strconv.ParseFloat` on top of that: Go's syntax (signed
//! `inf`/`infinity` but unsigned `nan`, `_` between digits, hexadecimal
//! mantissas with a binary `p` exponent), rounding straight to float32 for
//! bitSize 32 (never through f64, which would round twice), and Go's errors.

use crate::util::bignum::Nat;

/// Significant input digits kept; more than the 768 a halfway point needs.
const MAX_DIGITS: usize = 800;

/// The powers of ten that f64 holds exactly.
const EXACT_POW10: [f64; 23] = [
    1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16,
    1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
];

/// An IEEE 754 binary format, as far as rounding needs to know it.
#[derive(Clone, Copy)]
pub struct Format {
    /// Significand bits, the implicit leading one included.
    mant_bits: u32,
    /// Exponent `e` of the least normal number, written as 2^(e-1)
    /// (values are taken as a fraction in [1/2, 1) times 2^e).
    min_exp: i64,
    /// The largest such `e` of a finite number.
    max_exp: i64,
}

impl Format {
    pub const F64: Format = Format {
        mant_bits: 53,
        min_exp: -1021,
        max_exp: 1024,
    };
    pub const F32: Format = Format {
        mant_bits: 24,
        min_exp: -125,
        max_exp: 128,
    };

    pub fn is_f32(self) -> bool {
        self.mant_bits == Format::F32.mant_bits
    }

    /// The number `m × 2^(e - mant_bits)`, where `m` is already rounded to
    /// the significand bits available at exponent `e` (fewer for
    /// subnormals); a carry out of the top bit moves to the next binade.
    fn assemble(self, mut m: u64, mut e: i64) -> f64 {
        let field = self.mant_bits - 1;
        if e >= self.min_exp && m == 1 << self.mant_bits {
            m >>= 1;
            e += 1;
        }
        if e > self.max_exp {
            return f64::INFINITY;
        }
        let bits = if e >= self.min_exp {
            let biased = (e - self.min_exp + 1) as u64;
            biased << field | (m & ((1 << field) - 1))
        } else {
            // Subnormal: the significand is the bit pattern; a carry into
            // the exponent field makes it the least normal number, as it
            // should.
            m
        };
        if self.mant_bits == Format::F32.mant_bits {
            f32::from_bits(bits as u32) as f64
        } else {
            f64::from_bits(bits)
        }
    }

    /// Significand bits available for a value in [2^(e-1), 2^e):
    /// negative when even the least subnormal is more than twice as large.
    fn bits_at(self, e: i64) -> i64 {
        if e >= self.min_exp {
            self.mant_bits as i64
        } else {
            self.mant_bits as i64 + e - self.min_exp
        }
    }
}

/// Parses `s` as Rust's `str::parse::<f64>` does; `None` on a syntax error.
pub fn parse_f64(s: &str) -> Option<f64> {
    let b = s.as_bytes();
    let (neg, body) = split_sign(b);
    let lower = body.to_ascii_lowercase();
    let v = match lower.as_slice() {
        b"inf" | b"infinity" => f64::INFINITY,
        b"nan" => f64::NAN,
        _ => DecimalText::parse(body)?.into_float(Format::F64),
    };
    Some(if neg { -v } else { v })
}

/// What `strconv.ParseFloat` makes of its input.
#[derive(Debug, PartialEq)]
pub enum GoFloat {
    Ok(f64),
    /// `ErrSyntax`; the value is 0.
    Syntax,
    /// `ErrRange`: the input is finite but too large, so the value is ±Inf.
    Range(f64),
}

/// `strconv.ParseFloat(s, bit_size)`: any bit size but 32 means 64, as in
/// Go. The float32 result comes back widened to f64, exactly.
pub fn parse_go(s: &str, bit_size: i64) -> GoFloat {
    let format = if bit_size == 32 {
        Format::F32
    } else {
        Format::F64
    };
    let b = s.as_bytes();
    let (neg, body) = split_sign(b);
    let lower = body.to_ascii_lowercase();
    let special = match lower.as_slice() {
        b"inf" | b"infinity" => Some(f64::INFINITY),
        // Go takes no sign on NaN.
        b"nan" if body.len() == b.len() => Some(f64::NAN),
        _ => None,
    };
    let value = match special {
        Some(v) => Some(v),
        None if !underscores_ok(body) => None,
        None => {
            let plain: Vec<u8> = body.iter().copied().filter(|&c| c != b'_').collect();
            match plain.strip_prefix(b"0x").or(plain.strip_prefix(b"0X")) {
                Some(hex) => parse_hex(hex, format),
                None => DecimalText::parse(&plain).map(|d| d.into_float(format)),
            }
        }
    };
    match value {
        None => GoFloat::Syntax,
        Some(v) => {
            let v = if neg { -v } else { v };
            if v.is_infinite() && special.is_none() {
                GoFloat::Range(v)
            } else {
                GoFloat::Ok(v)
            }
        }
    }
}

/// A hexadecimal float literal after its `0x`, without `_`: hex digits
/// with an optional point (at least one digit), then a `p` exponent, which
/// Go requires, in decimal. Correctly rounded to `format`.
pub fn parse_hex(s: &[u8], format: Format) -> Option<f64> {
    // The significand keeps its first 60 bits' worth of digits; later
    // nonzero digits only mark it as a little larger (`sticky`).
    let (mut m, mut e2, mut sticky) = (0u64, 0i64, false);
    let (mut i, mut any_digit, mut after_point) = (0, false, false);
    while i < s.len() {
        let c = s[i];
        if c == b'.' && !after_point {
            after_point = true;
        } else if let Some(d) = (c as char).to_digit(16) {
            any_digit = true;
            if m >> 60 == 0 {
                m = m << 4 | d as u64;
                if after_point {
                    e2 -= 4;
                }
            } else {
                sticky |= d != 0;
                if !after_point {
                    e2 += 4;
                }
            }
        } else {
            break;
        }
        i += 1;
    }
    if !any_digit || !matches!(s.get(i), Some(b'p' | b'P')) {
        return None;
    }
    e2 = e2.saturating_add(parse_exponent(&s[i + 1..])?);
    Some(round_binary(m, e2, sticky, format))
}

/// `m × 2^e2`, plus a bit less than one unit of `m` when `sticky`, rounded
/// to `format` (ties to even).
pub(crate) fn round_binary(m: u64, e2: i64, sticky: bool, format: Format) -> f64 {
    if m == 0 {
        return 0.0;
    }
    let len = 64 - m.leading_zeros() as i64;
    let e = len.saturating_add(e2);
    if e > format.max_exp {
        return f64::INFINITY;
    }
    let keep = format.bits_at(e);
    if keep < 0 {
        return 0.0;
    }
    // Only a significand of 60 or more bits can be sticky, and at most 53
    // are kept, so `drop` is then positive and the sticky bits lie below it.
    let drop = len - keep;
    let rounded = if drop <= 0 {
        m << -drop
    } else {
        let kept = if drop == 64 { 0 } else { m >> drop };
        let rest = m & (u64::MAX >> (64 - drop));
        let half = 1u64 << (drop - 1);
        let up = rest > half || (rest == half && (sticky || kept & 1 == 1));
        kept + up as u64
    };
    format.assemble(rounded, e)
}

/// `num / den` (`den` nonzero), plus a little more when `sticky`, rounded
/// to `format` (ties to even). "A little" must not reach the next rounding
/// boundary past `num / den`; it only breaks an exact tie upward.
pub(crate) fn round_ratio(num: &Nat, den: &Nat, sticky: bool, format: Format) -> f64 {
    // Scale so that the quotient has 64 or 65 bits; whatever the division
    // leaves over only decides rounding (the sticky bit).
    let shift = 65 + den.bits() as i64 - num.bits() as i64;
    let (q, r) = if shift >= 0 {
        num.shl(shift as u64).divrem(den)
    } else {
        num.divrem(&den.shl(shift.unsigned_abs()))
    };
    // Keep 64 bits of the quotient, folding the rest into sticky.
    let extra = q.bits().saturating_sub(64);
    let m = q.shr(extra).low_u64();
    let sticky = sticky || !r.is_zero() || q.trailing_zeros() < extra;
    round_binary(m, extra as i64 - shift, sticky, format)
}

/// Go's rule for `_` in a number: only between two digits, or right after
/// a base prefix (`0x_1p0`). Text without `_` passes.
fn underscores_ok(s: &[u8]) -> bool {
    if !s.contains(&b'_') {
        return true;
    }
    let (mut i, mut hex) = (0, false);
    // What came last: the start, a digit, an underscore, or anything else.
    #[derive(PartialEq)]
    enum Saw {
        Start,
        Digit,
        Underscore,
        Other,
    }
    let mut saw = Saw::Start;
    if s.len() >= 2 && s[0] == b'0' && matches!(s[1] | 0x20, b'b' | b'o' | b'x') {
        hex = (s[1] | 0x20) == b'x';
        saw = Saw::Digit;
        i = 2;
    }
    for &c in &s[i..] {
        if c.is_ascii_digit() || (hex && c.is_ascii_hexdigit()) {
            saw = Saw::Digit;
        } else if c == b'_' {
            if saw != Saw::Digit {
                return false;
            }
            saw = Saw::Underscore;
        } else {
            if saw == Saw::Underscore {
                return false;
            }
            saw = Saw::Other;
        }
    }
    saw != Saw::Underscore
}

fn split_sign(b: &[u8]) -> (bool, &[u8]) {
    match b.first() {
        Some(b'-') => (true, &b[1..]),
        Some(b'+') => (false, &b[1..]),
        _ => (false, b),
    }
}

/// Decimal text as read: a non-negative `0.d[0]d[1]... × 10^dp`, digits as
/// values 0..=9, no leading or trailing zero; no digits means zero. `cut`
/// records nonzero input digits dropped beyond [`MAX_DIGITS`] (the true
/// value is then a little larger). Arithmetic on it goes through [`Nat`].
struct DecimalText {
    d: Vec<u8>,
    dp: i64,
    cut: bool,
}

impl DecimalText {
    /// Parses unsigned digits with optional point and exponent.
    fn parse(s: &[u8]) -> Option<DecimalText> {
        let mut dec = DecimalText {
            d: Vec::new(),
            dp: 0,
            cut: false,
        };
        let (mut i, mut any_digit, mut after_point) = (0, false, false);
        while i < s.len() {
            match s[i] {
                c @ b'0'..=b'9' => {
                    any_digit = true;
                    let c = c - b'0';
                    if dec.d.is_empty() && c == 0 {
                        // A leading zero only moves the point.
                        if after_point {
                            dec.dp -= 1;
                        }
                    } else {
                        if dec.d.len() < MAX_DIGITS {
                            dec.d.push(c);
                        } else if c != 0 {
                            dec.cut = true;
                        }
                        if !after_point {
                            dec.dp += 1;
                        }
                    }
                }
                b'.' if !after_point => after_point = true,
                _ => break,
            }
            i += 1;
        }
        if !any_digit {
            return None;
        }
        if i < s.len() {
            if !matches!(s[i], b'e' | b'E') {
                return None;
            }
            dec.dp = dec.dp.saturating_add(parse_exponent(&s[i + 1..])?);
        }
        while dec.d.last() == Some(&0) {
            dec.d.pop();
        }
        Some(dec)
    }

    /// The nearest number in `format` (ties to even).
    fn into_float(self, format: Format) -> f64 {
        if self.d.is_empty() {
            return 0.0;
        }
        // 0.1 × 10^311 is past f64::MAX, 10^-331 below half the least subnormal.
        if self.dp > 310 {
            return f64::INFINITY;
        }
        if self.dp < -330 {
            return 0.0;
        }
        if format.mant_bits == Format::F64.mant_bits {
            if let Some(v) = self.fast_path() {
                return v;
            }
        }
        // digits × 10^e10, with |e10| below 1,140 after the checks above.
        let mut num = Nat::from_digits(&self.d);
        let e10 = self.dp - self.d.len() as i64;
        let den = if e10 >= 0 {
            num.mul_pow(10, e10 as u64);
            Nat::from_u128(1)
        } else {
            Nat::pow(10, e10.unsigned_abs())
        };
        round_ratio(&num, &den, self.cut, format)
    }

    /// Up to 15 digits (below 2^53) times an exactly representable power
    /// of ten: one correctly rounded operation.
    fn fast_path(&self) -> Option<f64> {
        if self.cut || self.d.len() > 15 {
            return None;
        }
        let m = self.d.iter().fold(0u64, |m, &c| m * 10 + c as u64) as f64;
        let e = self.dp - self.d.len() as i64;
        match e {
            0..=22 => Some(m * EXACT_POW10[e as usize]),
            -22..=-1 => Some(m / EXACT_POW10[(-e) as usize]),
            _ => None,
        }
    }
}

/// The exact decimal value of `mant × 2^exp2`: its digits (values 0..=9,
/// no leading or trailing zero; none for zero) and the point position `dp`
/// as in [`DecimalText`]. Every binary fraction has a finite decimal
/// expansion, at most 767 significant digits for an f64; float formatting
/// rounds it.
pub(super) fn exact_decimal(mant: u64, exp2: i32) -> (Vec<u8>, i64) {
    if mant == 0 {
        return (Vec::new(), 0);
    }
    // mant / 2^k is mant × 5^k / 10^k; mant's own factors of two shorten k.
    let tz = if exp2 < 0 {
        mant.trailing_zeros().min(exp2.unsigned_abs())
    } else {
        0
    };
    let mut n = Nat::from_u128((mant >> tz) as u128);
    let k = if exp2 >= 0 {
        n = n.shl(exp2 as u64);
        0
    } else {
        let k = exp2.unsigned_abs() - tz;
        n.mul_pow(5, k as u64);
        k as i64
    };
    let mut d = n.into_digits();
    let dp = d.len() as i64 - k;
    while d.last() == Some(&0) {
        d.pop();
    }
    (d, dp)
}

/// An exponent's optional sign and at least one digit, saturating far
/// outside the range where anything but 0 or infinity could result.
fn parse_exponent(s: &[u8]) -> Option<i64> {
    let (neg, digits) = match s.first() {
        Some(b'-') => (true, &s[1..]),
        Some(b'+') => (false, &s[1..]),
        _ => (false, s),
    };
    if digits.is_empty() {
        return None;
    }
    let mut e: i64 = 0;
    for &c in digits {
        if !c.is_ascii_digit() {
            return None;
        }
        e = (e * 10 + (c - b'0') as i64).min(1 << 40);
    }
    Some(if neg { -e } else { e })
}

#[cfg(test)]
mod tests {
    //! Compared against Rust's own parser, which is correctly rounded.
    use super::{parse_f64, parse_go, parse_hex, Format, GoFloat};
    use crate::util::splitmix::SplitMix;

    /// An integer in `lo..=hi`.
    fn range(r: &mut SplitMix, lo: i64, hi: i64) -> i64 {
        lo + r.below((hi - lo + 1) as u64) as i64
    }

    /// `n` random decimal digits.
    fn digits(r: &mut SplitMix, n: usize) -> String {
        (0..n).map(|_| (b'0' + r.below(10) as u8) as char).collect()
    }

    /// Same answer as Rust, bit for bit (any NaN matching any NaN).
    fn check(s: &str) {
        let want = s.parse::<f64>().ok();
        let got = parse_f64(s);
        let same = match (want, got) {
            (Some(w), Some(g)) => (w.is_nan() && g.is_nan()) || w.to_bits() == g.to_bits(),
            (None, None) => true,
            _ => false,
        };
        assert!(same, "{s:?}: want {want:?}, got {got:?}");
    }

    #[test]
    fn random_short_decimals_across_the_whole_range() {
        let mut r = SplitMix(1);
        for _ in 0..250_000 {
            let n = range(&mut r, 1, 40) as usize;
            let mut s = digits(&mut r, n);
            if r.below(2) == 0 {
                let at = r.below(n as u64 + 1) as usize;
                s.insert(at, '.');
            }
            // Exponents put the value anywhere from below half the least
            // subnormal to past f64::MAX.
            let e = range(&mut r, -370 + n as i64 / 2, 330);
            let form = r.below(4);
            let s = match form {
                0 => format!("{s}e{e}"),
                1 => format!("-{s}E{e:+}"),
                2 => format!("+{s}e{}", e.clamp(-30, 30)),
                _ => s,
            };
            check(&s);
        }
    }

    #[test]
    fn random_bits_round_trip_through_shortest_and_long_forms() {
        let mut r = SplitMix(2);
        for _ in 0..50_000 {
            let x = f64::from_bits(r.next_u64() & !(1 << 63) | (r.below(2) << 63));
            if !x.is_finite() {
                continue;
            }
            for s in [format!("{x:e}"), format!("{x:?}"), format!("{x:.30e}")] {
                check(&s);
                assert_eq!(parse_f64(&s).map(f64::to_bits), Some(x.to_bits()));
            }
        }
    }

    /// The exact decimal value of a finite non-negative f64 in fixed
    /// notation (1,074 fraction digits hold every f64 exactly).
    fn exact(x: f64) -> (String, String) {
        let s = format!("{x:.1074}");
        let (i, f) = s.split_once('.').unwrap();
        (format!("{i:0>320}"), f.to_string())
    }

    /// (a + b) / 2 of two exact decimals, exactly.
    fn midpoint(a: (String, String), b: (String, String)) -> String {
        let int_len = a.0.len();
        let (x, y) = (a.0 + &a.1, b.0 + &b.1);
        let mut sum = vec![0u8; x.len() + 1];
        let mut carry = 0;
        for i in (0..x.len()).rev() {
            let v = (x.as_bytes()[i] - b'0') + (y.as_bytes()[i] - b'0') + carry;
            sum[i + 1] = v % 10;
            carry = v / 10;
        }
        sum[0] = carry;
        // Halve, one digit longer in case the sum is odd.
        sum.push(0);
        let mut half = Vec::with_capacity(sum.len());
        let mut rem = 0;
        for &d in &sum {
            let v = rem * 10 + d;
            half.push(b'0' + v / 2);
            rem = v % 2;
        }
        let half = String::from_utf8(half).unwrap();
        let (i, f) = half.split_at(int_len + 1);
        let f = f.trim_end_matches('0');
        let i = i.trim_start_matches('0');
        format!("{}.{}", if i.is_empty() { "0" } else { i }, f)
    }

    #[test]
    fn exact_halfway_points_and_their_neighbours() {
        let mut r = SplitMix(3);
        let mut cases: Vec<u64> = (0..6_000).map(|_| r.next_u64() >> 1).collect();
        // Subnormals, the normal boundary and the top binade.
        cases.extend((0..2_000).map(|_| r.below(1 << 53)));
        cases.extend([0, 1, 2, (1 << 52) - 1, 1 << 52, 0x7fef_ffff_ffff_fffe]);
        for bits in cases {
            let (x, y) = (f64::from_bits(bits), f64::from_bits(bits + 1));
            if !y.is_finite() {
                continue;
            }
            let mid = midpoint(exact(x), exact(y));
            check(&mid);
            // Just above: a digit far past the cut-off breaks the tie upward.
            check(&format!("{mid}{}1", "0".repeat(900)));
            assert_eq!(
                parse_f64(&format!("{mid}{}1", "0".repeat(900))),
                Some(y),
                "{mid}"
            );
            // Just below: a final fraction digit 5 becomes 4999...
            if !mid.ends_with('.') {
                let below = format!("{}4{}", &mid[..mid.len() - 1], "9".repeat(850));
                check(&below);
                assert_eq!(parse_f64(&below), Some(x), "{mid}");
            }
            // In scientific form, shifted by the exponent.
            let digits: String = mid.chars().filter(|&c| c != '.').collect();
            let point = mid.find('.').unwrap() as i64;
            check(&format!("0.{digits}e{point}"));
            check(&format!("{digits}e{}", point - digits.len() as i64));
        }
    }

    #[test]
    fn very_long_inputs() {
        let mut r = SplitMix(4);
        for _ in 0..4_000 {
            let n = range(&mut r, 780, 1_300) as usize;
            let mut s = digits(&mut r, n);
            let at = r.below(n as u64) as usize;
            s.insert(at, '.');
            let e = range(&mut r, -1_650, 330);
            check(&format!("{s}e{e}"));
            // Long runs of zeros around a few digits.
            let z = "0".repeat(r.below(1_000) as usize);
            check(&format!(
                "0.{z}{}e{}",
                digits(&mut r, 3),
                range(&mut r, -340, 1_300)
            ));
            check(&format!(
                "{}{z}.{z}1e{}",
                digits(&mut r, 2),
                range(&mut r, -1_300, 0)
            ));
        }
    }

    #[test]
    fn powers_of_ten_and_edges() {
        for k in -400..=400 {
            for m in [
                "1",
                "5",
                "9.999999999999999999",
                "2.5",
                "4.9406564584124654",
            ] {
                check(&format!("{m}e{k}"));
            }
        }
        for s in [
            "1.7976931348623157e308",
            "1.7976931348623158e308",
            "1.7976931348623159e308",
            "179769313486231580793728971405303415079934132710037826936173778980444968292764750946649017977587207096330286416692887910946555547851940402630657488671505820681908902000708383676273854845817711531764475730270069855571366959622842914819860834936475292719074168444365510704342711559699508093042880177904174497792",
            "179769313486231580793728971405303415079934132710037826936173778980444968292764750946649017977587207096330286416692887910946555547851940402630657488671505820681908902000708383676273854845817711531764475730270069855571366959622842914819860834936475292719074168444365510704342711559699508093042880177904174497791.9",
            "2.2250738585072011e-308",
            "2.2250738585072012e-308",
            "2.2250738585072014e-308",
            "2.4703282292062327e-324",
            "2.4703282292062328e-324",
            "2.470328229206232720882538e-324",
            "4.9406564584124654e-324",
            "7.4109846876186982e-324",
            "9007199254740993",
            "9007199254740992.5",
            "9007199254740993.0000000000000000000000000000001",
            "0.1",
            "0.3",
            "123456789012345678901234567890",
            "1e23",
            "8.5e22",
            "1e99999999999999999999",
            "1e-99999999999999999999",
            "0e99999999999999999999",
            "-0",
            "-0.0e-5",
            "000000000000000000000000000001.5",
        ] {
            check(s);
        }
    }

    #[test]
    fn syntax_matches_rust() {
        for s in [
            "", "+", "-", ".", "e5", ".e5", "1e", "1e+", "1e-", "1.", ".5", "+.5", "-5.", "1.e5",
            "1..2", "1.2.3", "1e5e5", "1e5.5", "1_0", " 1", "1 ", "0x10", "inf", "+inf", "-Inf",
            "INFINITY", "infinity", "infin", "nan", "NaN", "-nan", "+NAN", "nana", "++1", "+-1",
            "1E+05", "1e-0", "١",
        ] {
            check(s);
        }
        // Random short strings over the characters the syntax involves.
        let alphabet = b"0123456789.eE+-_ inftyINFTYaA";
        let mut r = SplitMix(5);
        for _ in 0..100_000 {
            let n = r.below(9) as usize;
            let s: String = (0..n)
                .map(|_| alphabet[r.below(alphabet.len() as u64) as usize] as char)
                .collect();
            check(&s);
        }
    }

    /// The value `parse_go` gives for float32, or `None` on an error.
    fn go32(s: &str) -> Option<f32> {
        match parse_go(s, 32) {
            GoFloat::Ok(v) | GoFloat::Range(v) => {
                // Widened from float32, so narrowing back is exact.
                assert_eq!(v as f32 as f64, v, "{s:?} gave a non-float32 {v:e}");
                Some(v as f32)
            }
            GoFloat::Syntax => None,
        }
    }

    fn same32(a: f32, b: f32) -> bool {
        (a.is_nan() && b.is_nan()) || a.to_bits() == b.to_bits()
    }

    #[test]
    fn float32_rounds_once_from_the_decimal() {
        let mut r = SplitMix(6);
        for _ in 0..100_000 {
            let n = range(&mut r, 1, 30) as usize;
            let e = range(&mut r, -60, 45);
            let s = format!("{}e{e}", digits(&mut r, n));
            let want: f32 = s.parse().unwrap();
            let got = go32(&s).unwrap();
            assert!(same32(got, want), "{s}: want {want:e}, got {got:e}");
        }
        // Halfway between neighbouring float32s (exact in f64), and a hair
        // either side: rounding through f64 first would get these wrong.
        let mut words: Vec<u32> = (0..20_000)
            .map(|_| r.next_u64() as u32 & 0x7f7f_ffff)
            .collect();
        words.extend([0, 1, 0x007f_ffff, 0x0080_0000, 0x7f7f_fffe]);
        for w in words {
            let (x, y) = (f32::from_bits(w), f32::from_bits(w + 1));
            if !y.is_finite() {
                continue;
            }
            let mid = midpoint(exact(x as f64), exact(y as f64));
            let even = if w & 1 == 0 { x } else { y };
            assert!(same32(go32(&mid).unwrap(), even), "{mid}");
            assert!(
                same32(go32(&format!("{mid}{}1", "0".repeat(60))).unwrap(), y),
                "{mid}"
            );
            if !mid.ends_with('.') {
                let below = format!("{}4{}", &mid[..mid.len() - 1], "9".repeat(60));
                assert!(same32(go32(&below).unwrap(), x), "{mid}");
            }
        }
    }

    #[test]
    fn float32_overflow_is_a_range_error_and_underflow_is_zero() {
        assert_eq!(parse_go("3.4028235e38", 32), GoFloat::Ok(f32::MAX as f64));
        assert_eq!(parse_go("3.5e38", 32), GoFloat::Range(f64::INFINITY));
        assert_eq!(parse_go("-1e39", 32), GoFloat::Range(f64::NEG_INFINITY));
        assert_eq!(parse_go("1e39", 64), GoFloat::Ok(1e39));
        assert_eq!(parse_go("7e-46", 32), GoFloat::Ok(0.0));
        assert_eq!(parse_go("8e-46", 32), GoFloat::Ok(1e-45f32 as f64));
        assert_eq!(parse_go("inf", 32), GoFloat::Ok(f64::INFINITY));
    }

    /// `m` and `e` with `x == m × 2^e` exactly.
    fn binary_parts(x: f64) -> (u64, i64) {
        let bits = x.to_bits();
        let (field, frac) = ((bits >> 52) as i64 & 0x7ff, bits & ((1 << 52) - 1));
        if field == 0 {
            (frac, -1074)
        } else {
            (frac | 1 << 52, field - 1075)
        }
    }

    #[test]
    fn hex_mantissas_are_exact_and_ties_go_to_even() {
        let mut r = SplitMix(7);
        for _ in 0..50_000 {
            let x = f64::from_bits(r.next_u64() >> 1);
            let next = f64::from_bits(x.to_bits() + 1);
            if !next.is_finite() {
                continue;
            }
            let (m, e) = binary_parts(x);
            let hex = |s: String| parse_hex(s.as_bytes(), Format::F64);
            assert_eq!(hex(format!("{m:x}p{e}")), Some(x));
            assert_eq!(hex(format!("{m:X}.000P{e:+}")), Some(x));
            // A point moves the exponent by four bits per digit.
            assert_eq!(hex(format!(".{m:016x}p{}", e + 64)), Some(x));
            let even = if m & 1 == 0 { x } else { next };
            assert_eq!(
                hex(format!("{:x}p{}", 2 * m + 1, e - 1)),
                Some(even),
                "{x:e}"
            );
            // Digits past the 60 bits kept still break the tie upward.
            let above = format!("{:x}.{}1p{}", 2 * m + 1, "0".repeat(20), e - 1);
            assert_eq!(hex(above), Some(next), "{x:e}");
        }
        assert_eq!(parse_hex(b"1p-1075", Format::F64), Some(0.0));
        assert_eq!(parse_hex(b"1.0000000001p-1075", Format::F64), Some(5e-324));
        assert_eq!(parse_hex(b"1p1024", Format::F64), Some(f64::INFINITY));
        assert_eq!(
            parse_hex(b"1p99999999999999999999", Format::F64),
            Some(f64::INFINITY)
        );
        assert_eq!(
            parse_hex(b"1p-99999999999999999999", Format::F64),
            Some(0.0)
        );
        assert_eq!(
            parse_hex(b"1.fffffep127", Format::F32),
            Some(f32::MAX as f64)
        );
        assert_eq!(parse_hex(b"1.ffffffp127", Format::F32), Some(f64::INFINITY));
        assert_eq!(parse_hex(b"1p-149", Format::F32), Some(1e-45f32 as f64));
        for bad in [
            "", "p1", ".p1", "1", "1p", "1p+", "1.8", "1pp1", "g p1", "1p1x",
        ] {
            assert_eq!(parse_hex(bad.as_bytes(), Format::F64), None, "{bad:?}");
        }
    }

    #[test]
    fn go_syntax_signs_specials_and_underscores() {
        use GoFloat::{Ok, Syntax};
        for (s, want) in [
            ("+1.5", Ok(1.5)),
            ("++1", Syntax),
            ("+-1", Syntax),
            ("-", Syntax),
            ("+Inf", Ok(f64::INFINITY)),
            ("-infinity", Ok(f64::NEG_INFINITY)),
            ("infinit", Syntax),
            ("+nan", Syntax),
            ("1_000.000_5", Ok(1000.0005)),
            ("0x_1p0", Ok(1.0)),
            ("0x1_0p0", Ok(16.0)),
            ("-0X1.8P1", Ok(-3.0)),
            ("1e1_0", Ok(1e10)),
            ("_1", Syntax),
            ("1_", Syntax),
            ("1__0", Syntax),
            ("1_.5", Syntax),
            ("1._5", Syntax),
            ("0x_1_p0", Syntax),
            ("0b_1", Syntax),
            ("0x1", Syntax),
            ("0x", Syntax),
            ("1e400", GoFloat::Range(f64::INFINITY)),
            ("-0x1p1024", GoFloat::Range(f64::NEG_INFINITY)),
            ("1e-400", Ok(0.0)),
        ] {
            assert_eq!(parse_go(s, 64), want, "{s:?}");
        }
        assert!(matches!(parse_go("nan", 64), GoFloat::Ok(v) if v.is_nan()));
    }
}
