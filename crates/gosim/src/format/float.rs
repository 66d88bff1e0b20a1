//! Floating-point to text, mirroring `strconv.FormatFloat` for the formats
//! `e E f g G b x X`. Decimal digits come from Rust's float formatting, which is
//! exact: `{:e}` gives the shortest digits that round-trip, and `{:.N}` /
//! `{:.Ne}` give correctly rounded digits (ties to even, as Go's decimal
//! rounding does). This module then lays the digits out Go's way. It never
//! formats through a lossy shortcut and never panics.

/// The largest precision honoured; `fmt` itself never asks for more than about 10^7.
const MAX_PREC: i32 = 10_000_000;

/// Decimal digits `0.d[0]d[1]... × 10^dp` without leading or trailing zeros
/// (Go's `decimalSlice`). Zero has no digits and `dp == 0`.
struct Digits {
    d: Vec<u8>,
    dp: i32,
}

impl Digits {
    fn nd(&self) -> i32 {
        self.d.len() as i32
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

    /// Parses Rust's `{:e}` output of a non-negative finite value: `1.25e-3`.
    fn from_sci(s: &str) -> Digits {
        let (mant, exp) = s.split_once('e').unwrap_or((s, "0"));
        let exp: i32 = exp.parse().unwrap_or(0);
        let d: Vec<u8> = mant.bytes().filter(u8::is_ascii_digit).collect();
        Digits::from_raw(d, exp + 1)
    }

    /// Parses Rust's `{:.N}` output of a non-negative finite value: `123.4500`.
    fn from_fixed(s: &str) -> Digits {
        let int_len = s.find('.').unwrap_or(s.len()) as i32;
        let d: Vec<u8> = s.bytes().filter(u8::is_ascii_digit).collect();
        Digits::from_raw(d, int_len)
    }
}

/// Shortest digits that round-trip at the given bit size.
///
/// When two decimals of the shortest length both round-trip and are equally
/// close to the value (2328579.25f32 between ...579.2 and ...579.3), Go takes
/// the one rounding to even, while Rust's shortest may take the other. So the
/// correctly rounded decimal of the same length (ties to even) wins whenever it
/// also round-trips.
fn shortest_digits(abs: f64, bits: u32) -> Digits {
    if bits == 32 {
        return Digits::from_sci(&shortest_f32(abs));
    }
    let short = format!("{abs:e}");
    let n = sig_digits(&short);
    let exact = format!("{:.*e}", n.saturating_sub(1), abs);
    let ok = super::atof::parse_f64(&exact).is_some_and(|y| y == abs);
    Digits::from_sci(if ok { &exact } else { &short })
}

/// The float32 counterpart of `shortest_digits` (`abs` holds a float32
/// value exactly), computed with f64 formatting and parsing only: Rust's
/// f32 formatting and parsing would add their own copies to the wasm.
///
/// The shortest length n is the first at which one of the two n-digit
/// decimals around the value round-trips. The correctly rounded one is
/// tried first, so it wins whenever it round-trips, as in `shortest_digits`;
/// otherwise only the other one can, and it is what Rust's shortest gives.
fn shortest_f32(abs: f64) -> String {
    if abs == 0.0 {
        return "0e0".into();
    }
    let x = abs as f32;
    for n in 1..=9 {
        let near = format!("{:.*e}", n - 1, abs);
        if round_trips_f32(&near, x) {
            return near;
        }
        let below = super::atof::parse_f64(&near).is_some_and(|y| y < abs);
        let other = step_last_digit(&near, below);
        if round_trips_f32(&other, x) {
            return other;
        }
    }
    // Nine digits always round-trip a float32.
    format!("{:.8e}", abs)
}

/// The decimal `sci` (Rust's `d.ddde±x`) moved by one unit in its last
/// digit, up or down, keeping its number of digits.
fn step_last_digit(sci: &str, up: bool) -> String {
    let (mant, exp) = sci.split_once('e').unwrap_or((sci, "0"));
    let mut exp: i32 = exp.parse().unwrap_or(0);
    let mut d: Vec<u8> = mant.bytes().filter(u8::is_ascii_digit).collect();
    let mut i = d.len();
    loop {
        if i == 0 {
            // Carried out of the first digit: 9.99 -> 10.0 = 1.00e+1.
            d.insert(0, b'1');
            d.pop();
            exp += 1;
            break;
        }
        i -= 1;
        match (up, d[i]) {
            (true, b'9') => d[i] = b'0',
            (false, b'0') => d[i] = b'9',
            (true, c) => {
                d[i] = c + 1;
                break;
            }
            (false, c) => {
                d[i] = c - 1;
                break;
            }
        }
    }
    if d[0] == b'0' {
        // Borrowed from the first digit: 1.00 -> 0.99 = 9.99e-1.
        d.remove(0);
        d.push(b'9');
        exp -= 1;
    }
    let mut s = String::with_capacity(d.len() + 6);
    s.push(d[0] as char);
    if d.len() > 1 {
        s.push('.');
        d[1..].iter().for_each(|&c| s.push(c as char));
    }
    s.push('e');
    s.push_str(&exp.to_string());
    s
}

/// Whether the decimal `sci` reads back as the float32 `x` (> 0): whether
/// it lies between the midpoints to x's neighbours, a midpoint itself
/// counting when x's mantissa is even (round half to even). The midpoints
/// are exact in f64.
fn round_trips_f32(sci: &str, x: f32) -> bool {
    let Some(y) = super::atof::parse_f64(sci) else {
        return false;
    };
    let b = x.to_bits();
    let (prev, xv) = (f64::from(f32::from_bits(b - 1)), f64::from(x));
    let lo = (prev + xv) / 2.0;
    let hi = if x == f32::MAX {
        xv + (xv - prev) / 2.0
    } else {
        (xv + f64::from(f32::from_bits(b + 1))) / 2.0
    };
    let even = b & 1 == 0;
    let above = cmp_decimal(sci, y, lo);
    let below = cmp_decimal(sci, y, hi);
    (above.is_gt() || (above.is_eq() && even)) && (below.is_lt() || (below.is_eq() && even))
}

/// Compares the decimal `sci`, whose nearest f64 is `y`, with the f64 `m`
/// exactly. Only when `y == m` do the digits decide: m's full expansion
/// (a float32 midpoint has at most about 115 significant digits).
fn cmp_decimal(sci: &str, y: f64, m: f64) -> std::cmp::Ordering {
    if y != m {
        return y.partial_cmp(&m).unwrap_or(std::cmp::Ordering::Equal);
    }
    let (a, b) = (
        Digits::from_sci(sci),
        Digits::from_sci(&format!("{:.130e}", m)),
    );
    a.dp.cmp(&b.dp).then_with(|| a.d.cmp(&b.d))
}

/// Number of mantissa digits in Rust's `{:e}` output (`1.25e-3` has 3).
fn sig_digits(sci: &str) -> usize {
    let mant = sci.split('e').next().unwrap_or(sci);
    mant.bytes().filter(u8::is_ascii_digit).count()
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
        match fmt {
            b'e' | b'E' => (
                Digits::from_sci(&format!("{:.*e}", prec as usize, abs)),
                prec,
            ),
            b'f' => (
                Digits::from_fixed(&format!("{:.*}", prec as usize, abs)),
                prec,
            ),
            _ => {
                let p = prec.max(1);
                (
                    Digits::from_sci(&format!("{:.*e}", (p - 1) as usize, abs)),
                    p,
                )
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

#[cfg(test)]
mod tests {
    use super::*;

    /// What `shortest_digits` did for float32 before `shortest_f32`, with
    /// Rust's own f32 formatting and parsing: the reference.
    fn shortest_with_std_f32(x: f32) -> Digits {
        let short = format!("{x:e}");
        let n = sig_digits(&short);
        let exact = format!("{:.*e}", n.saturating_sub(1), x);
        let ok = exact.parse::<f32>().map(|y| y == x).unwrap_or(false);
        Digits::from_sci(if ok { &exact } else { &short })
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
