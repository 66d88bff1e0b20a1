//! Floating-point to text, mirroring `strconv.FormatFloat` for the formats
//! `e E f g G b x X`. Digits come from the value's exact decimal expansion
//! (every binary fraction has a finite one, which `atof` computes exactly):
//! fixed precisions round it half to even, as Go's decimal rounding does,
//! and the shortest form takes the fewest digits that land in the value's
//! rounding interval. This module then lays the digits out Go's way. It
//! never formats through a lossy shortcut and never panics. Rust's own float
//! formatting (`core::num::flt2dec`) is not used: it would add its Grisu and
//! Dragon code and tables to the browser wasm.

/// The largest precision honoured; `fmt` itself never asks for more than about 10^7.
const MAX_PREC: i32 = 10_000_000;

/// Decimal digits `0.d[0]d[1]... × 10^dp` without leading or trailing zeros
/// (Go's `decimalSlice`). Zero has no digits and `dp == 0`.
#[derive(Clone)]
struct Digits {
    d: Vec<u8>,
    dp: i32,
}

impl Digits {
    fn nd(&self) -> i32 {
        self.d.len() as i32
    }

    fn zero() -> Digits {
        Digits {
            d: Vec::new(),
            dp: 0,
        }
    }

    /// Builds from a digit string and decimal-point position, trimming zeros.
    fn from_raw(mut d: Vec<u8>, mut dp: i32) -> Digits {
        let lead = d.iter().take_while(|&&c| c == b'0').count();
        d.drain(..lead);
        dp -= lead as i32;
        while d.last() == Some(&b'0') {
            d.pop();
        }
        if d.is_empty() {
            dp = 0;
        }
        Digits { d, dp }
    }

    /// The exact value of `mant × 2^exp2`.
    fn exact(mant: u64, exp2: i32) -> Digits {
        let (d, dp) = super::atof::exact_decimal(mant, exp2);
        Digits {
            d: d.into_iter().map(|c| c + b'0').collect(),
            dp: dp as i32,
        }
    }

    /// The first `n` digits (none when `n` ≤ 0: the value is then below
    /// one unit of the kept precision), cut off without rounding.
    fn truncate(&self, n: i32) -> Digits {
        let n = n.clamp(0, self.nd()) as usize;
        Digits::from_raw(self.d[..n].to_vec(), self.dp)
    }

    /// The first `n` digits plus one unit in the last of them (digit n,
    /// counting from 1, may lie before the first: then it is `10^(dp-n)`).
    fn truncate_up(&self, n: i32) -> Digits {
        let mut d = self.d[..n.clamp(0, self.nd()) as usize].to_vec();
        let mut dp = self.dp;
        if n <= 0 {
            return Digits {
                d: vec![b'1'],
                dp: dp - n + 1,
            };
        }
        d.resize(n as usize, b'0');
        let mut i = d.len();
        loop {
            if i == 0 {
                // Carried out of the first digit: 999 -> 1000.
                d.insert(0, b'1');
                dp += 1;
                break;
            }
            i -= 1;
            if d[i] == b'9' {
                d[i] = b'0';
            } else {
                d[i] += 1;
                break;
            }
        }
        Digits::from_raw(d, dp)
    }

    /// Rounds to `n` digits (exact digits are never rounded), half to even
    /// on the exact digits as Go's decimal rounding and Rust's exact
    /// formatting do. `n` ≤ 0 compares the whole value with a half unit.
    fn round(&self, n: i32) -> Digits {
        if n >= self.nd() {
            return self.clone();
        }
        if n < 0 {
            return Digits::zero();
        }
        let i = n as usize;
        let next = self.d[i];
        // Digits are trimmed, so anything after `next` is nonzero.
        let more = self.d.len() > i + 1;
        let odd = i > 0 && (self.d[i - 1] - b'0') % 2 == 1;
        if next > b'5' || (next == b'5' && (more || odd)) {
            self.truncate_up(n)
        } else {
            self.truncate(n)
        }
    }
}

/// Compares two positive values.
fn cmp_positive(a: &Digits, b: &Digits) -> std::cmp::Ordering {
    a.dp.cmp(&b.dp).then_with(|| a.d.cmp(&b.d))
}

/// Shortest digits that round-trip at the given bit size (`abs` holds a
/// value of that size): the first length n at which an n-digit decimal
/// lies in x's rounding interval, i.e. reads back as x. Only two can be
/// the nearest on either side (truncated and truncated plus one unit);
/// the correctly rounded one is tried first.
///
/// When two decimals of the shortest length both round-trip and are equally
/// close to the value (2328579.25f32 between ...579.2 and ...579.3), Go takes
/// the one rounding to even, while Rust's shortest may take the other. Trying
/// the correctly rounded decimal (ties to even) first gives Go's choice.
fn shortest_digits(abs: f64, bits: u32) -> Digits {
    if abs == 0.0 {
        return Digits::zero();
    }
    let (m, e, mant_bits) = decompose(abs, bits);
    let e2 = e - mant_bits;
    let exact = Digits::exact(m, e2);
    // The interval between the midpoints to the neighbours; at a power of
    // two (not the least normal) the lower neighbour is half as far.
    let min_e = if bits == 32 { -126 } else { -1022 };
    let lo = if m == 1 << mant_bits && e > min_e {
        Digits::exact(4 * m - 1, e2 - 2)
    } else {
        Digits::exact(2 * m - 1, e2 - 1)
    };
    let hi = Digits::exact(2 * m + 1, e2 - 1);
    // Parsing rounds a midpoint to even, so x's own midpoints read back as
    // x exactly when its mantissa is even.
    let even = m % 2 == 0;
    let inside = |c: &Digits| {
        let (a, b) = (cmp_positive(c, &lo), cmp_positive(c, &hi));
        (a.is_gt() || (a.is_eq() && even)) && (b.is_lt() || (b.is_eq() && even))
    };
    let max_n = if bits == 32 { 9 } else { 17 };
    for n in 1..max_n {
        let near = exact.round(n);
        if inside(&near) {
            return near;
        }
        let down = exact.truncate(n);
        let other = if cmp_positive(&near, &down).is_eq() {
            exact.truncate_up(n)
        } else {
            down
        };
        if inside(&other) {
            return other;
        }
    }
    // 17 digits always round-trip an f64, 9 a float32.
    exact.round(max_n)
}

/// The exact decimal value of a finite `abs` (≥ 0).
fn exact_digits(abs: f64) -> Digits {
    let (m, e, mant_bits) = decompose(abs, 64);
    Digits::exact(m, e - mant_bits)
}

/// Formats `f` like `strconv.FormatFloat(f, fmt, prec, bits)`; `bits` is 32 or 64
/// (for 32, `f` is expected to hold a float32 value). A negative `prec` means
/// the shortest representation that round-trips.
pub fn format_float(f: f64, fmt: u8, prec: i32, bits: u32) -> String {
    let mut out = Vec::new();
    append_float(&mut out, f, fmt, prec, bits);
    // Only ASCII is ever produced.
    String::from_utf8_lossy(&out).into_owned()
}

/// Appends the `strconv.AppendFloat` text of `f` to `out`.
pub fn append_float(out: &mut Vec<u8>, f: f64, fmt: u8, prec: i32, bits: u32) {
    let f = if bits == 32 { f64::from(f as f32) } else { f };
    // Go would allocate any precision it is given; clamp absurd ones so a
    // user program cannot make the simulator allocate gigabytes.
    let prec = prec.min(MAX_PREC);
    if f.is_nan() {
        out.extend_from_slice(b"NaN");
        return;
    }
    if f.is_infinite() {
        out.extend_from_slice(if f > 0.0 { b"+Inf" } else { b"-Inf" });
        return;
    }
    let neg = f.is_sign_negative();
    match fmt {
        b'b' => return fmt_b(out, f, bits),
        b'x' | b'X' => return fmt_x(out, f, bits, prec, fmt),
        b'e' | b'E' | b'f' | b'g' | b'G' => {}
        _ => {
            out.push(b'%');
            out.push(fmt);
            return;
        }
    }
    let abs = f.abs();
    let shortest = prec < 0;
    let (digs, prec) = if shortest {
        let digs = shortest_digits(abs, bits);
        let p = match fmt {
            b'e' | b'E' => digs.nd() - 1,
            b'f' => (digs.nd() - digs.dp).max(0),
            _ => digs.nd(),
        };
        (digs, p)
    } else {
        let exact = exact_digits(abs);
        match fmt {
            b'e' | b'E' => (exact.round(prec.saturating_add(1)), prec),
            b'f' => (exact.round(exact.dp.saturating_add(prec)), prec),
            _ => {
                let p = prec.max(1);
                (exact.round(p), p)
            }
        }
    };
    fmt_efg(out, neg, &digs, prec, fmt, shortest);
}

/// Lays out digits as %e, %f or %g (mirrors `fmtEFG` / `fmtE` / `fmtF`).
fn fmt_efg(
    out: &mut Vec<u8>,
    neg: bool,
    digs: &Digits,
    mut prec: i32,
    mut fmt: u8,
    shortest: bool,
) {
    let (nd, dp) = (digs.nd(), digs.dp);
    if fmt == b'g' || fmt == b'G' {
        let mut eprec = prec;
        if eprec > nd && nd >= dp {
            eprec = nd;
        }
        // Shortest %g switches to exponent form at 1e+06 and beyond (%v too).
        if shortest {
            eprec = 6;
        }
        let exp = dp - 1;
        if exp < -4 || exp >= eprec {
            if prec > nd {
                prec = nd;
            }
            prec -= 1;
            fmt = fmt + b'e' - b'g';
        } else {
            if prec > dp {
                prec = nd;
            }
            prec = (prec - dp).max(0);
            fmt = b'f';
        }
    }
    if neg {
        out.push(b'-');
    }
    let s = &digs.d;
    if fmt == b'e' || fmt == b'E' {
        out.push(s.first().copied().unwrap_or(b'0'));
        if prec > 0 {
            out.push(b'.');
            let m = nd.min(prec + 1).max(1) as usize;
            out.extend_from_slice(s.get(1..m).unwrap_or(&[]));
            for _ in (m as i32)..(prec + 1) {
                out.push(b'0');
            }
        }
        out.push(fmt);
        let mut exp = if nd == 0 { 0 } else { dp - 1 };
        if exp < 0 {
            out.push(b'-');
            exp = -exp;
        } else {
            out.push(b'+');
        }
        if exp < 10 {
            out.push(b'0');
        }
        out.extend_from_slice(exp.to_string().as_bytes());
        return;
    }
    // %f
    if dp > 0 {
        let m = nd.min(dp) as usize;
        out.extend_from_slice(&s[..m]);
        for _ in (m as i32)..dp {
            out.push(b'0');
        }
    } else {
        out.push(b'0');
    }
    if prec > 0 {
        out.push(b'.');
        for i in 1..=prec {
            let j = dp + i - 1;
            let c = if j >= 0 && j < nd {
                s[j as usize]
            } else {
                b'0'
            };
            out.push(c);
        }
    }
}

/// Splits into (mantissa with implicit bit, binary exponent, mantissa bits).
fn decompose(f: f64, bits: u32) -> (u64, i32, i32) {
    if bits == 32 {
        let b = (f as f32).to_bits();
        let e = ((b >> 23) & 0xFF) as i32;
        let mut m = u64::from(b & 0x7F_FFFF);
        let e = if e == 0 {
            1
        } else {
            m |= 1 << 23;
            e
        };
        (m, e - 127, 23)
    } else {
        let b = f.to_bits();
        let e = ((b >> 52) & 0x7FF) as i32;
        let mut m = b & ((1 << 52) - 1);
        let e = if e == 0 {
            1
        } else {
            m |= 1 << 52;
            e
        };
        (m, e - 1023, 52)
    }
}

/// `%b`: decimal mantissa, 'p', binary exponent (mirrors `fmtB`).
fn fmt_b(out: &mut Vec<u8>, f: f64, bits: u32) {
    let (mant, exp, mant_bits) = decompose(f, bits);
    if f.is_sign_negative() {
        out.push(b'-');
    }
    out.extend_from_slice(mant.to_string().as_bytes());
    out.push(b'p');
    let exp = exp - mant_bits;
    if exp >= 0 {
        out.push(b'+');
    }
    out.extend_from_slice(exp.to_string().as_bytes());
}

/// `%x`: hexadecimal mantissa and binary exponent (mirrors `fmtX`).
fn fmt_x(out: &mut Vec<u8>, f: f64, bits: u32, prec: i32, fmt: u8) {
    let (mut mant, mut exp, mant_bits) = decompose(f, bits);
    if mant == 0 {
        exp = 0;
    }
    // Put the leading 1 (if any) at bit 60.
    mant <<= 60 - mant_bits;
    while mant != 0 && mant & (1 << 60) == 0 {
        mant <<= 1;
        exp -= 1;
    }
    if (0..15).contains(&prec) {
        let shift = (prec * 4) as u32;
        let extra = (mant << shift) & ((1 << 60) - 1);
        mant >>= 60 - shift;
        if extra | (mant & 1) > 1 << 59 {
            mant += 1;
        }
        mant <<= 60 - shift;
        if mant & (1 << 61) != 0 {
            mant >>= 1;
            exp += 1;
        }
    }
    let hex: &[u8; 16] = if fmt == b'X' {
        b"0123456789ABCDEF"
    } else {
        b"0123456789abcdef"
    };
    if f.is_sign_negative() {
        out.push(b'-');
    }
    out.push(b'0');
    out.push(fmt);
    out.push(b'0' + ((mant >> 60) & 1) as u8);
    mant <<= 4;
    if prec < 0 && mant != 0 {
        out.push(b'.');
        while mant != 0 {
            out.push(hex[((mant >> 60) & 15) as usize]);
            mant <<= 4;
        }
    } else if prec > 0 {
        out.push(b'.');
        for _ in 0..prec {
            out.push(hex[((mant >> 60) & 15) as usize]);
            mant <<= 4;
        }
    }
    out.push(if fmt == b'X' { b'P' } else { b'p' });
    if exp < 0 {
        out.push(b'-');
        exp = -exp;
    } else {
        out.push(b'+');
    }
    if exp < 10 {
        out.push(b'0');
    }
    out.extend_from_slice(exp.to_string().as_bytes());
}

/// Mirrors `strconv.FormatInt`; bases outside 2..=36 are treated as 10
/// (Go panics there; the VM should raise that panic itself before calling).
pub fn format_int(v: i64, base: u32) -> String {
    let digits = format_uint(v.unsigned_abs(), base);
    if v < 0 {
        format!("-{digits}")
    } else {
        digits
    }
}

/// Mirrors `strconv.FormatUint`; see [`format_int`] for the base rule.
pub fn format_uint(mut v: u64, base: u32) -> String {
    let base = if (2..=36).contains(&base) {
        u64::from(base)
    } else {
        10
    };
    const DIGITS: &[u8; 36] = b"0123456789abcdefghijklmnopqrstuvwxyz";
    let mut rev = Vec::new();
    loop {
        rev.push(DIGITS[(v % base) as usize]);
        v /= base;
        if v == 0 {
            break;
        }
    }
    rev.reverse();
    String::from_utf8_lossy(&rev).into_owned()
}

/// Mirrors `printfloat` in runtime/print.go, the format of the `print` and
/// `println` builtins (and of Go 1.21's panic values): `+1.500000e+000`, a
/// sign always, six mantissa digits and a three-digit exponent.
pub(crate) fn format_print_float(f: f64) -> String {
    if f.is_nan() {
        return "NaN".into();
    }
    if f.is_infinite() {
        return if f > 0.0 {
            "+Inf".into()
        } else {
            "-Inf".into()
        };
    }
    let s = format_float(f, b'e', 6, 64);
    let (mant, exp) = s.split_once('e').unwrap_or((&s, "0"));
    let e: i32 = exp.parse().unwrap_or(0);
    let sign = if f.is_sign_negative() { "" } else { "+" };
    format!(
        "{}{}e{}{:03}",
        sign,
        mant,
        if e < 0 { "-" } else { "+" },
        e.abs()
    )
}

#[cfg(test)]
mod tests {
    //! Compared against Rust's own float formatting, which is exact.
    use super::*;
    use crate::util::splitmix::SplitMix;

    /// Parses Rust's `{:e}` output of a non-negative finite value: `1.25e-3`.
    fn from_sci(s: &str) -> Digits {
        let (mant, exp) = s.split_once('e').unwrap_or((s, "0"));
        let exp: i32 = exp.parse().unwrap();
        let d: Vec<u8> = mant.bytes().filter(u8::is_ascii_digit).collect();
        Digits::from_raw(d, exp + 1)
    }

    /// Parses Rust's `{:.N}` output of a non-negative finite value: `123.4500`.
    fn from_fixed(s: &str) -> Digits {
        let int_len = s.find('.').unwrap_or(s.len()) as i32;
        let d: Vec<u8> = s.bytes().filter(u8::is_ascii_digit).collect();
        Digits::from_raw(d, int_len)
    }

    /// Number of mantissa digits in Rust's `{:e}` output (`1.25e-3` has 3).
    fn sig_digits(sci: &str) -> usize {
        let mant = sci.split('e').next().unwrap_or(sci);
        mant.bytes().filter(u8::is_ascii_digit).count()
    }

    fn show(d: &Digits) -> String {
        format!("0.{}e{}", String::from_utf8_lossy(&d.d), d.dp)
    }

    fn same(a: &Digits, b: &Digits) -> bool {
        a.d == b.d && a.dp == b.dp
    }

    /// Rust's shortest digits, except that the correctly rounded decimal of
    /// the same length wins when it also round-trips (the tie rule in
    /// `shortest_digits`): what this module did before it had its own.
    fn shortest_with_std_f64(x: f64) -> Digits {
        let short = format!("{x:e}");
        let n = sig_digits(&short);
        let exact = format!("{:.*e}", n.saturating_sub(1), x);
        let ok = exact.parse::<f64>().map(|y| y == x).unwrap_or(false);
        from_sci(if ok { &exact } else { &short })
    }

    fn check_f64(x: f64, r: &mut SplitMix) {
        let want = shortest_with_std_f64(x);
        let got = shortest_digits(x, 64);
        assert!(
            same(&got, &want),
            "shortest {x:e} ({:016x}): {} want {}",
            x.to_bits(),
            show(&got),
            show(&want)
        );
        let exact = exact_digits(x);
        let n = r.below(40) as i32;
        let want = from_sci(&format!("{:.*e}", n as usize, x));
        let got = exact.round(n + 1);
        assert!(
            same(&got, &want),
            "{{:.{n}e}} of {x:e}: {} want {}",
            show(&got),
            show(&want)
        );
        let n = r.below(30) as i32;
        let want = from_fixed(&format!("{:.*}", n as usize, x));
        let got = exact.round(exact.dp + n);
        assert!(
            same(&got, &want),
            "{{:.{n}}} of {x:e}: {} want {}",
            show(&got),
            show(&want)
        );
    }

    #[test]
    fn float64_digits_match_rust_formatting() {
        // Seeded, so a failure reproduces.
        let mut r = SplitMix(0x2545_f491_4f6c_dd1d);
        let mut xs: Vec<f64> = vec![0.0, f64::MAX, f64::MIN_POSITIVE, 5e-324, 1e23, 0.1, 0.5];
        // Every power of two and its neighbours (asymmetric intervals).
        for e in 0..2047u64 {
            for m in [0u64, 1, (1 << 52) - 1, 1 << 51] {
                xs.push(f64::from_bits(e << 52 | m));
            }
        }
        // Subnormals, values near powers of ten, and whole numbers.
        for _ in 0..20_000 {
            xs.push(f64::from_bits(r.next_u64() >> (12 + r.below(52))));
            let k = r.below(600) as i32 - 300;
            let b = format!("1e{k}").parse::<f64>().unwrap().to_bits();
            xs.push(f64::from_bits(b + r.below(64) - 32));
            xs.push((r.next_u64() >> r.below(64)) as f64);
            // Halves and quarters: exact ties for the fixed forms.
            xs.push((r.below(1 << 20) as f64 + 0.5) / (1 << r.below(6)) as f64);
        }
        for _ in 0..220_000 {
            xs.push(f64::from_bits(r.next_u64() >> 1));
        }
        for x in xs {
            if x.is_finite() {
                check_f64(x, &mut r);
            }
        }
    }

    #[test]
    fn rounding_edges() {
        let d = |s: &str| from_fixed(s);
        for (x, n, want) in [
            ("0.5", 0, "0"),
            ("1.5", 1, "2"),
            ("2.5", 1, "2"),
            ("0.95", 1, "1"),
            ("9.95", 2, "10"),
            ("0.049", 0, "0"),
            ("0.051", 0, "0.1"),
            ("999.5", 3, "1000"),
        ] {
            let got = d(x).round(n);
            assert!(same(&got, &d(want)), "{x} to {n}: {}", show(&got));
        }
        assert!(same(&d("0.0004").round(-1), &Digits::zero()));
    }

    /// What `shortest_digits` did for float32 before `shortest_f32`, with
    /// Rust's own f32 formatting and parsing: the reference.
    fn shortest_with_std_f32(x: f32) -> Digits {
        let short = format!("{x:e}");
        let n = sig_digits(&short);
        let exact = format!("{:.*e}", n.saturating_sub(1), x);
        let ok = exact.parse::<f32>().map(|y| y == x).unwrap_or(false);
        from_sci(if ok { &exact } else { &short })
    }

    fn check(x: f32) {
        let want = shortest_with_std_f32(x);
        let got = shortest_digits(f64::from(x), 32);
        assert!(
            got.d == want.d && got.dp == want.dp,
            "{:e} (bits {:08x}): {:?}e{} want {:?}e{}",
            x,
            x.to_bits(),
            String::from_utf8_lossy(&got.d),
            got.dp,
            String::from_utf8_lossy(&want.d),
            want.dp
        );
    }

    #[test]
    fn float32_shortest_matches_rust_f32_formatting() {
        // Edges: zero, subnormals, powers of two (their lower gap is half
        // the upper one), the largest values and a tie case.
        for b in [
            0u32, 1, 2, 3, 0x7f, 0x7fffff, 0x800000, 0x800001, 0x7f7fffff, 0x7f7ffffe,
        ] {
            check(f32::from_bits(b));
        }
        for e in 0..255u32 {
            for m in [0u32, 1, 0x7fffff, 0x400000] {
                check(f32::from_bits(e << 23 | m));
            }
        }
        // 2328579.25: two shortest decimals tie (see shortest_digits).
        check(f32::from_bits(0x4a0e_200d));
        // Every value near each power of ten, where short decimals cluster.
        for k in -45..=38 {
            let b = format!("1e{k}").parse::<f32>().unwrap().to_bits();
            for d in 0..1000u32 {
                check(f32::from_bits((b + d).saturating_sub(500).max(1)));
            }
        }
        // A fixed pseudo-random sample of all finite float32 values.
        let mut s: u64 = 0x9e37_79b9_7f4a_7c15;
        for _ in 0..200_000 {
            s ^= s << 13;
            s ^= s >> 7;
            s ^= s << 17;
            let x = f32::from_bits((s >> 32) as u32 & 0x7fff_ffff);
            if x.is_finite() {
                check(x);
            }
        }
    }
}
