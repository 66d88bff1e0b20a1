//! Decimal text to `f64`, correctly rounded (round half to even), accepting
//! exactly the syntax of Rust's `str::parse::<f64>`: an optional sign, then
//! `inf`, `infinity` or `nan` in any case, or digits with an optional `.`
//! (at least one digit) and an optional exponent `e`/`E` with optional sign
//! and at least one digit. Overflow gives ±infinity, underflow ±0.
//!
//! Gosim has its own instead of Rust's because Rust's (`core::num::dec2flt`)
//! carries several kilobytes of power-of-five tables into the browser wasm,
//! and gosim only parses literals, `strconv.ParseFloat` input and the
//! candidates of shortest float formatting, where speed hardly matters.
//!
//! Method: numbers of at most 15 digits with a power of ten up to 10^22 are
//! one exact f64 multiplication or division (both operands are exact, so the
//! single rounding is the right one). Everything else goes through an exact
//! big decimal: it is halved or doubled until it lies in [1/2, 1), which
//! gives the binary exponent, then doubled 53 times (fewer for subnormals) so
//! that its integer part is the mantissa and its fraction decides rounding.
//!
//! Input beyond [`MAX_DIGITS`] significant digits is cut off, remembering
//! whether a nonzero digit was dropped. That is still exact: a value halfway
//! between two f64s has at most 768 significant digits, so it is a multiple
//! of the last kept digit's unit, and a cut-off value lies at or above such
//! a halfway point exactly when the kept digits do, ties going up when
//! something was dropped. The shifts after the cut are exact (the digit
//! vector grows as needed, to under 2,000 digits).

/// Significant input digits kept; more than the 768 a halfway point needs.
const MAX_DIGITS: usize = 800;

/// Largest shift at once: a digit times 2^59 plus a carry stays below 2^64,
/// and so does a remainder below 2^59 times ten.
const MAX_SHIFT: u32 = 59;

/// The powers of ten that f64 holds exactly.
const EXACT_POW10: [f64; 23] = [
    1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16,
    1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
];

/// Parses `s` as Rust's `str::parse::<f64>` does; `None` on a syntax error.
pub fn parse_f64(s: &str) -> Option<f64> {
    let b = s.as_bytes();
    let (neg, body) = match b.first() {
        Some(b'-') => (true, &b[1..]),
        Some(b'+') => (false, &b[1..]),
        _ => (false, b),
    };
    let v = match special(body) {
        Some(v) => v,
        None => Decimal::parse(body)?.into_f64(),
    };
    Some(if neg { -v } else { v })
}

/// `inf`, `infinity`, `nan` in any case.
fn special(body: &[u8]) -> Option<f64> {
    let lower = body.to_ascii_lowercase();
    match lower.as_slice() {
        b"inf" | b"infinity" => Some(f64::INFINITY),
        b"nan" => Some(f64::NAN),
        _ => None,
    }
}

/// A non-negative decimal `0.d[0]d[1]... × 10^dp`, digits as values 0..=9,
/// no leading zero; no digits means zero. `cut` records nonzero input digits
/// dropped beyond [`MAX_DIGITS`] (the true value is then a little larger).
struct Decimal {
    d: Vec<u8>,
    dp: i64,
    cut: bool,
}

impl Decimal {
    /// Parses unsigned digits with optional point and exponent.
    fn parse(s: &[u8]) -> Option<Decimal> {
        let mut dec = Decimal {
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
        dec.trim();
        Some(dec)
    }

    fn trim(&mut self) {
        while self.d.last() == Some(&0) {
            self.d.pop();
        }
    }

    /// The nearest f64 (ties to even).
    fn into_f64(mut self) -> f64 {
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
        if let Some(v) = self.fast_path() {
            return v;
        }
        // Scale by powers of two into [1/2, 1): value = self × 2^e2.
        let mut e2: i64 = 0;
        loop {
            if self.dp > 1 {
                // Value ≥ 10^(dp-1) > 2^(3(dp-1)): the shift keeps it ≥ 1.
                let k = (3 * (self.dp - 1)).min(MAX_SHIFT as i64) as u32;
                self.shr(k);
                e2 += k as i64;
            } else if self.dp == 1 {
                self.shr(1);
                e2 += 1;
            } else if self.dp < 0 {
                // Value < 10^dp ≤ 2^(-3dp): doubling that often stays < 1.
                let k = (-3 * self.dp).min(MAX_SHIFT as i64) as u32;
                self.shl(k);
                e2 -= k as i64;
            } else if self.d[0] < 5 {
                self.shl(1);
                e2 -= 1;
            } else {
                break;
            }
        }
        // Normal f64s are m × 2^(e2-53) with 2^52 ≤ m < 2^53 and
        // e2 in -1021..=1024; below, fewer mantissa bits remain.
        if e2 > 1024 {
            return f64::INFINITY;
        }
        let bits = if e2 >= -1021 { 53 } else { 1074 + e2 };
        if bits < 0 {
            return 0.0;
        }
        let mut left = bits as u32;
        while left > 0 {
            let k = left.min(MAX_SHIFT);
            self.shl(k);
            left -= k;
        }
        let mut m = self.integer_part();
        if self.round_up(m) {
            m += 1;
        }
        if e2 >= -1021 {
            if m == 1 << 53 {
                m = 1 << 52;
                e2 += 1;
                if e2 > 1024 {
                    return f64::INFINITY;
                }
            }
            let biased = (e2 + 1022) as u64;
            f64::from_bits(biased << 52 | (m & ((1 << 52) - 1)))
        } else {
            // Subnormal: the mantissa is the bit pattern; a carry into
            // bit 52 makes it the least normal number, as it should.
            f64::from_bits(m)
        }
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

    /// Multiplies by 2^k (k ≤ [`MAX_SHIFT`]), exactly.
    fn shl(&mut self, k: u32) {
        let mut out = Vec::with_capacity(self.d.len() + 20);
        let mut carry = 0u64;
        for &c in self.d.iter().rev() {
            let v = ((c as u64) << k) + carry;
            out.push((v % 10) as u8);
            carry = v / 10;
        }
        while carry > 0 {
            out.push((carry % 10) as u8);
            carry /= 10;
            self.dp += 1;
        }
        out.reverse();
        self.d = out;
        self.trim();
    }

    /// Divides by 2^k (k ≤ [`MAX_SHIFT`]), exactly: long division, which
    /// ends within k digits past the input because 10^k is a multiple of 2^k.
    fn shr(&mut self, k: u32) {
        let mask = (1u64 << k) - 1;
        let mut out = Vec::with_capacity(self.d.len() + k as usize);
        let (mut rem, mut i, mut lead) = (0u64, 0, 0);
        loop {
            let next = match self.d.get(i) {
                Some(&c) => c as u64,
                None if rem == 0 => break,
                None => 0,
            };
            i += 1;
            let v = rem * 10 + next;
            let q = (v >> k) as u8;
            rem = v & mask;
            if out.is_empty() && q == 0 {
                lead += 1;
            } else {
                out.push(q);
            }
        }
        self.dp -= lead;
        self.d = out;
        self.trim();
    }

    /// The digits before the point (at most 16 after the final doubling).
    fn integer_part(&self) -> u64 {
        (0..self.dp.max(0) as usize).fold(0, |m, i| m * 10 + *self.d.get(i).unwrap_or(&0) as u64)
    }

    /// Whether the fraction after the point rounds `m` up: above one half,
    /// or exactly one half with digits cut off or `m` odd.
    fn round_up(&self, m: u64) -> bool {
        // The fraction's digits, with the zeros between the point and the
        // first digit when dp < 0 (then the fraction is below one half).
        if self.dp < 0 {
            return false;
        }
        let frac = self.d.get(self.dp as usize..).unwrap_or(&[]);
        match frac.first() {
            None => false,
            Some(&c) if c != 5 => c > 5,
            Some(_) => frac[1..].iter().any(|&c| c != 0) || self.cut || m & 1 == 1,
        }
    }
}

/// The exact decimal value of `mant × 2^exp2`: its digits (values 0..=9,
/// no leading or trailing zero; none for zero) and the point position `dp`
/// as in [`Decimal`]. Every binary fraction has a finite decimal expansion,
/// at most 767 significant digits for an f64; float formatting rounds it.
pub(super) fn exact_decimal(mant: u64, exp2: i32) -> (Vec<u8>, i64) {
    let mut dec = Decimal {
        d: Vec::new(),
        dp: 0,
        cut: false,
    };
    let mut m = mant;
    while m > 0 {
        dec.d.push((m % 10) as u8);
        m /= 10;
        dec.dp += 1;
    }
    dec.d.reverse();
    dec.trim();
    if dec.d.is_empty() {
        return (Vec::new(), 0);
    }
    let mut left = exp2.unsigned_abs();
    while left > 0 {
        let k = left.min(MAX_SHIFT);
        if exp2 > 0 {
            dec.shl(k);
        } else {
            dec.shr(k);
        }
        left -= k;
    }
    (dec.d, dec.dp)
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
    use super::parse_f64;

    /// splitmix64: deterministic, so a failure reproduces.
    struct Rng(u64);
    impl Rng {
        fn next(&mut self) -> u64 {
            self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
            let mut z = self.0;
            z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
            z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
            z ^ (z >> 31)
        }
        fn below(&mut self, n: u64) -> u64 {
            self.next() % n
        }
        fn range(&mut self, lo: i64, hi: i64) -> i64 {
            lo + self.below((hi - lo + 1) as u64) as i64
        }
        fn digits(&mut self, n: usize) -> String {
            (0..n)
                .map(|_| (b'0' + self.below(10) as u8) as char)
                .collect()
        }
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
        let mut r = Rng(1);
        for _ in 0..250_000 {
            let n = r.range(1, 40) as usize;
            let mut s = r.digits(n);
            if r.below(2) == 0 {
                let at = r.below(n as u64 + 1) as usize;
                s.insert(at, '.');
            }
            // Exponents put the value anywhere from below half the least
            // subnormal to past f64::MAX.
            let e = r.range(-370 + n as i64 / 2, 330);
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
        let mut r = Rng(2);
        for _ in 0..50_000 {
            let x = f64::from_bits(r.next() & !(1 << 63) | (r.below(2) << 63));
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
        let mut r = Rng(3);
        let mut cases: Vec<u64> = (0..6_000).map(|_| r.next() >> 1).collect();
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
        let mut r = Rng(4);
        for _ in 0..4_000 {
            let n = r.range(780, 1_300) as usize;
            let mut s = r.digits(n);
            let at = r.below(n as u64) as usize;
            s.insert(at, '.');
            let e = r.range(-1_650, 330);
            check(&format!("{s}e{e}"));
            // Long runs of zeros around a few digits.
            let z = "0".repeat(r.below(1_000) as usize);
            check(&format!("0.{z}{}e{}", r.digits(3), r.range(-340, 1_300)));
            check(&format!("{}{z}.{z}1e{}", r.digits(2), r.range(-1_300, 0)));
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
        let mut r = Rng(5);
        for _ in 0..100_000 {
            let n = r.below(9) as usize;
            let s: String = (0..n)
                .map(|_| alphabet[r.below(alphabet.len() as u64) as usize] as char)
                .collect();
            check(&s);
        }
    }
}
