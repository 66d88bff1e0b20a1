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
    let (short, exact_of) = if bits == 32 {
        let x = abs as f32;
        let short = format!("{x:e}");
        let n = sig_digits(&short);
        let exact = format!("{:.*e}", n.saturating_sub(1), x);
        let ok = exact.parse::<f32>().map(|y| y == x).unwrap_or(false);
        (short, ok.then_some(exact))
    } else {
        let short = format!("{abs:e}");
        let n = sig_digits(&short);
        let exact = format!("{:.*e}", n.saturating_sub(1), abs);
        let ok = exact.parse::<f64>().map(|y| y == abs).unwrap_or(false);
        (short, ok.then_some(exact))
    };
    Digits::from_sci(exact_of.as_deref().unwrap_or(&short))
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
