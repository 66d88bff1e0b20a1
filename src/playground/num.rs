//! Numbers as the views print them: float-to-text for the timeline and plot
//! coordinates, virtual time as Go prints a Duration (`fmt_ns`), counts
//! with separators and bytes in decimal units. It goes
//! through gosim's own formatter: Rust's `Display` and `{:.N}` for floats
//! would bring core's float formatting (flt2dec, several kilobytes) into the
//! browser wasm. For finite values the text is the same
//! as Rust's, byte for byte (tests below compare).

/// `v` with `prec` digits after the point, like `format!("{v:.prec$}")`.
pub fn fixed(v: f64, prec: i32) -> String {
    gosim::format::format_float(v, b'f', prec, 64)
}

/// The shortest text that reads back as `v`, like `format!("{v}")`, except
/// that of two equally close shortest decimals this takes the even one
/// (Go's rule); whole numbers, all this is used for, never tie.
pub fn plain(v: f64) -> String {
    gosim::format::format_float(v, b'f', -1, 64)
}

/// Virtual nanoseconds as Go prints a Duration (roughly: 1.5s, 20ms, 0s).
pub fn fmt_ns(ns: i64) -> String {
    let abs = ns.unsigned_abs();
    if abs == 0 {
        "0s".into()
    } else if abs >= 1_000_000_000 {
        format!("{}s", trim_float(ns as f64 / 1e9))
    } else if abs >= 1_000_000 {
        format!("{}ms", trim_float(ns as f64 / 1e6))
    } else if abs >= 1_000 {
        format!("{}µs", trim_float(ns as f64 / 1e3))
    } else {
        format!("{ns}ns")
    }
}

/// A count with thousands separators: `4,096`.
pub fn fmt_count(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// Bytes in decimal units, to three significant figures: `512 B`,
/// `8.02 kB`, `32.8 MB`.
pub fn fmt_bytes(n: u64) -> String {
    const UNITS: [&str; 4] = ["kB", "MB", "GB", "TB"];
    if n < 1000 {
        return format!("{n} B");
    }
    let mut v = n as f64 / 1000.0;
    let mut unit = 0;
    while v >= 999.5 && unit + 1 < UNITS.len() {
        v /= 1000.0;
        unit += 1;
    }
    let prec = if v >= 99.95 {
        0
    } else if v >= 9.995 {
        1
    } else {
        2
    };
    format!("{} {}", fixed(v, prec), UNITS[unit])
}

fn trim_float(v: f64) -> String {
    let s = fixed(v, 3);
    s.trim_end_matches('0').trim_end_matches('.').to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn matches_rust_formatting() {
        let mut s: u64 = 0x9e37_79b9_7f4a_7c15;
        let mut values = vec![
            0.0, -0.0, 0.005, 0.015, 0.125, 2.5, 1000.0, 120.0, 1e21, 1e-7,
        ];
        for i in 0..20_000 {
            s ^= s << 13;
            s ^= s >> 7;
            s ^= s << 17;
            // Screen coordinates and quotients like the ones drawn, plus
            // arbitrary values over the whole range.
            values.push((s % 200_000) as f64 / 100.0 + i as f64 / 3.0);
            values.push(i as f64 * 1000.0 / ((s % 997) + 1) as f64);
            values.push((s >> 11) as f64 / (1u64 << 40) as f64 - 1000.0);
            values.push(f64::from_bits(s >> 1));
            values.push(i as f64 / 8.0);
        }
        for i in -5000..5000 {
            values.push(i as f64 * 16.0 + 2.0);
        }
        for v in values {
            let (got, want) = (plain(v), format!("{v}"));
            if got != want {
                // The one allowed difference: of two equally close shortest
                // decimals, Go's rule takes the even one (never for the
                // whole numbers drawn here).
                assert!(
                    v.fract() != 0.0 && got.len() == want.len(),
                    "{v:e}: {got} {want}"
                );
                assert_eq!(got.parse::<f64>(), Ok(v), "{v:e}");
                assert!(
                    (got.as_bytes()[got.len() - 1] - b'0') % 2 == 0,
                    "{v:e}: {got}"
                );
            }
            for p in 0..4 {
                assert_eq!(fixed(v, p), format!("{v:.*}", p as usize), "{v:e} .{p}");
            }
        }
    }

    #[test]
    fn counts_and_bytes_read_as_people_write_them() {
        assert_eq!(fmt_count(0), "0");
        assert_eq!(fmt_count(999), "999");
        assert_eq!(fmt_count(4096), "4,096");
        assert_eq!(fmt_count(1_000_000), "1,000,000");
        assert_eq!(fmt_bytes(512), "512 B");
        assert_eq!(fmt_bytes(8016), "8.02 kB");
        assert_eq!(fmt_bytes(32_833_536), "32.8 MB");
        assert_eq!(fmt_bytes(999_999), "1.00 MB");
        assert_eq!(fmt_bytes(123_456_789_000), "123 GB");
    }

    /// `fmt_ns` as it was with Rust's `{:.3}`, for comparison.
    fn fmt_ns_with_std(ns: i64) -> String {
        let trim = |v: f64| {
            let s = format!("{v:.3}");
            s.trim_end_matches('0').trim_end_matches('.').to_string()
        };
        let abs = ns.unsigned_abs();
        if abs == 0 {
            "0s".into()
        } else if abs >= 1_000_000_000 {
            format!("{}s", trim(ns as f64 / 1e9))
        } else if abs >= 1_000_000 {
            format!("{}ms", trim(ns as f64 / 1e6))
        } else if abs >= 1_000 {
            format!("{}µs", trim(ns as f64 / 1e3))
        } else {
            format!("{ns}ns")
        }
    }

    #[test]
    fn fmt_ns_matches_rust_formatting() {
        let mut s: u64 = 7;
        for i in 0..100_000i64 {
            s ^= s << 13;
            s ^= s >> 7;
            s ^= s << 17;
            let ns = (s >> (s % 64)) as i64;
            for v in [ns, -ns, i, i * 1_000 + 500, i * 1_000_000 + 500] {
                assert_eq!(fmt_ns(v), fmt_ns_with_std(v), "{v}");
            }
        }
    }
}
