//! Exact rational numbers for untyped float constants: the `big.Rat` that
//! go/constant keeps float constants in.
//!
//! Go evaluates constant expressions exactly: `1e300 * 1e5 / 1e10` is
//! exactly `1e295`, `1e-400 * 1e400` is exactly 1, and a constant only
//! rounds (or overflows) when it is converted to float32 or float64. This
//! module owns that arithmetic: a reduced fraction ([`Rat`]) of two natural
//! numbers ([`Nat`], from [`crate::util::bignum`]). Speed hardly matters here (a
//! program has a handful of constants); what matters is that results are
//! exact and that a pathological constant cannot run away:
//! [`Rat::MAX_BITS`] bounds every operand, and the callers fall back to f64
//! beyond it.

use crate::format::atof::{round_ratio, Format};
use crate::util::bignum::Nat;
use std::cmp::Ordering;

/// A reduced fraction `±num / den`, `den > 0`; zero is `+0/1`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Rat {
    neg: bool,
    num: Nat,
    den: Nat,
}

impl Rat {
    /// Largest numerator or denominator kept exact, as in Go's own
    /// constant package (beyond it, Go switches to 512-bit floats and
    /// gosim to f64). 10^1200 fits; the quadratic algorithms stay within
    /// a few milliseconds per operation at this size.
    pub const MAX_BITS: u64 = 4_096;

    pub fn from_i128(v: i128) -> Rat {
        Rat {
            neg: v < 0,
            num: Nat::from_u128(v.unsigned_abs()),
            den: Nat::from_u128(1),
        }
    }

    /// The exact value of a finite f64; `None` for ±Inf and NaN.
    pub fn from_f64(f: f64) -> Option<Rat> {
        if !f.is_finite() {
            return None;
        }
        let bits = f.to_bits();
        let (field, frac) = ((bits >> 52) as i64 & 0x7ff, bits & ((1 << 52) - 1));
        let (m, e2) = if field == 0 {
            (frac, -1074)
        } else {
            (frac | 1 << 52, field - 1075)
        };
        Rat::from_parts(f < 0.0, Nat::from_u128(m as u128), 0, e2)
    }

    /// `±m × 10^e10 × 2^e2`, or `None` when that is beyond [`Rat::MAX_BITS`].
    pub fn from_parts(neg: bool, m: Nat, e10: i64, e2: i64) -> Option<Rat> {
        // 10^e needs about 3.33 e bits.
        let bits = m.bits() as i64 + e10.abs() * 10 / 3 + e2.abs();
        if bits > Rat::MAX_BITS as i64 {
            return None;
        }
        let (mut num, mut den) = (m, Nat::from_u128(1));
        if e10 >= 0 {
            num = num.mul(&Nat::pow(10, e10 as u64));
        } else {
            den = Nat::pow(10, e10.unsigned_abs());
        }
        if e2 >= 0 {
            num = num.shl(e2 as u64);
        } else {
            den = den.shl(e2.unsigned_abs());
        }
        Rat::new(neg, num, den)
    }

    /// Reduces the fraction; `None` when it is too large to keep exact.
    fn new(neg: bool, num: Nat, den: Nat) -> Option<Rat> {
        let g = num.gcd(&den);
        let (num, den) = if g.is_one() {
            (num, den)
        } else {
            (num.divrem(&g).0, den.divrem(&g).0)
        };
        if num.bits() > Rat::MAX_BITS || den.bits() > Rat::MAX_BITS {
            return None;
        }
        Some(Rat {
            neg: neg && !num.is_zero(),
            num,
            den,
        })
    }

    pub fn is_zero(&self) -> bool {
        self.num.is_zero()
    }

    pub fn is_integer(&self) -> bool {
        self.den.is_one()
    }

    pub fn neg(&self) -> Rat {
        Rat {
            neg: !self.neg && !self.is_zero(),
            ..self.clone()
        }
    }

    /// `self + other`, `self - other` (with `negate_other`).
    pub fn add(&self, other: &Rat, negate_other: bool) -> Option<Rat> {
        let a = self.num.mul(&other.den);
        let b = other.num.mul(&self.den);
        let den = self.den.mul(&other.den);
        let other_neg = other.neg != negate_other;
        if self.neg == other_neg {
            return Rat::new(self.neg, a.add(&b), den);
        }
        match a.compare(&b) {
            Ordering::Less => Rat::new(other_neg, b.sub(&a), den),
            _ => Rat::new(self.neg, a.sub(&b), den),
        }
    }

    pub fn mul(&self, other: &Rat) -> Option<Rat> {
        Rat::new(
            self.neg != other.neg,
            self.num.mul(&other.num),
            self.den.mul(&other.den),
        )
    }

    /// `None` for a zero divisor as well as for a result too large.
    pub fn div(&self, other: &Rat) -> Option<Rat> {
        if other.is_zero() {
            return None;
        }
        Rat::new(
            self.neg != other.neg,
            self.num.mul(&other.den),
            self.den.mul(&other.num),
        )
    }

    pub fn compare(&self, other: &Rat) -> Ordering {
        let sign = |r: &Rat| {
            if r.is_zero() {
                0
            } else if r.neg {
                -1
            } else {
                1
            }
        };
        let (sa, sb) = (sign(self), sign(other));
        if sa != sb || sa == 0 {
            return sa.cmp(&sb);
        }
        let ord = self.num.mul(&other.den).compare(&other.num.mul(&self.den));
        if self.neg {
            ord.reverse()
        } else {
            ord
        }
    }

    /// The value as an integer, if it is one and fits.
    pub fn to_i128(&self) -> Option<i128> {
        if !self.den.is_one() && !self.is_zero() {
            return None;
        }
        let m = self.num.to_u128()?;
        if self.neg {
            0i128.checked_sub_unsigned(m)
        } else {
            i128::try_from(m).ok()
        }
    }

    /// Correctly rounded to `format` (ties to even); ±Inf when too large.
    pub fn to_float(&self, format: Format) -> f64 {
        if self.is_zero() {
            return 0.0;
        }
        let v = round_ratio(&self.num, &self.den, false, format);
        if self.neg {
            -v
        } else {
            v
        }
    }

    /// Go's `%.6g` of the exact value, as Go prints constants in compile
    /// errors (`1e+400`, `-2.5e-07`, `0.333333`).
    pub fn short_text(&self) -> String {
        if self.is_zero() {
            return "0".into();
        }
        // 10^k ≤ |x| < 10^(k+1): estimate k from the bit lengths, then fix.
        let log2 = self.num.bits() as i64 - self.den.bits() as i64;
        let mut k = (log2 * 30103).div_euclid(100_000) - 1;
        let scaled = |k: i64| {
            // |x| / 10^k as a fraction n/d.
            if k >= 0 {
                (self.num.clone(), self.den.mul(&Nat::pow(10, k as u64)))
            } else {
                (
                    self.num.mul(&Nat::pow(10, k.unsigned_abs())),
                    self.den.clone(),
                )
            }
        };
        while {
            let (n, d) = scaled(k + 1);
            n.compare(&d) != Ordering::Less
        } {
            k += 1;
        }
        while {
            let (n, d) = scaled(k);
            n.compare(&d) == Ordering::Less
        } {
            k -= 1;
        }
        // Six significant digits, rounded half to even on the exact rest.
        let (n, d) = scaled(k - 5);
        let (q, r) = n.divrem(&d);
        let twice = r.shl(1);
        let mut digits = q.low_u64();
        match twice.compare(&d) {
            Ordering::Greater => digits += 1,
            Ordering::Equal if digits % 2 == 1 => digits += 1,
            _ => {}
        }
        if digits == 1_000_000 {
            digits = 100_000;
            k += 1;
        }
        let mut text = digits.to_string();
        while text.len() > 1 && text.ends_with('0') {
            text.pop();
        }
        let sign = if self.neg { "-" } else { "" };
        if (-4..6).contains(&k) {
            // Plain notation, as %g uses for these exponents.
            let s = if k >= 0 {
                let int_len = k as usize + 1;
                if text.len() <= int_len {
                    format!("{text}{}", "0".repeat(int_len - text.len()))
                } else {
                    format!("{}.{}", &text[..int_len], &text[int_len..])
                }
            } else {
                format!("0.{}{text}", "0".repeat((-k - 1) as usize))
            };
            return format!("{sign}{s}");
        }
        let mantissa = if text.len() > 1 {
            format!("{}.{}", &text[..1], &text[1..])
        } else {
            text
        };
        let esign = if k < 0 { '-' } else { '+' };
        format!("{sign}{mantissa}e{esign}{:02}", k.unsigned_abs())
    }
}

#[cfg(test)]
mod tests {
    use crate::compile::rat::Rat;
    use crate::format::atof::Format;
    use crate::util::bignum::Nat;
    use crate::util::splitmix::SplitMix;
    use std::cmp::Ordering;

    fn rat(v: i128) -> Rat {
        Rat::from_i128(v)
    }

    fn dec(m: u128, e10: i64) -> Rat {
        Rat::from_parts(false, Nat::from_u128(m), e10, 0).unwrap()
    }

    #[test]
    fn go_constant_arithmetic_is_exact() {
        // 1e300 * 1e5 / 1e10 is exactly 1e295.
        let x = dec(1, 300)
            .mul(&dec(1, 5))
            .unwrap()
            .div(&dec(1, 10))
            .unwrap();
        assert_eq!(x, dec(1, 295));
        assert_eq!(x.to_float(Format::F64), 1e295);
        // 1e-400 * 1e400 == 1 and 1e1000 / 1e999 == 10, though neither
        // factor is a finite float64.
        assert_eq!(dec(1, -400).mul(&dec(1, 400)).unwrap(), rat(1));
        assert_eq!(dec(1, 1000).div(&dec(1, 999)).unwrap().to_i128(), Some(10));
        // 1/3 * 3 == 1 and 0.1 + 0.2 == 0.3 exactly.
        let third = rat(1).div(&rat(3)).unwrap();
        assert_eq!(third.mul(&rat(3)).unwrap(), rat(1));
        assert_eq!(dec(1, -1).add(&dec(2, -1), false).unwrap(), dec(3, -1));
        assert_eq!(dec(1, -1).add(&dec(3, -1), true).unwrap(), dec(2, -1).neg());
        assert_eq!(third.compare(&dec(333_333, -6)), Ordering::Greater);
        assert_eq!(third.neg().compare(&dec(333_333, -6).neg()), Ordering::Less);
        assert_eq!(rat(5).div(&rat(0)), None);
        assert_eq!(third.to_i128(), None);
        assert_eq!(rat(-7).to_i128(), Some(-7));
        assert_eq!(rat(i128::MIN).to_i128(), Some(i128::MIN));
    }

    #[test]
    fn rounding_to_float_is_correct() {
        assert_eq!(
            rat(1).div(&rat(3)).unwrap().to_float(Format::F64),
            1.0 / 3.0
        );
        assert_eq!(
            rat(2).div(&rat(3)).unwrap().to_float(Format::F32),
            (2.0f32 / 3.0) as f64
        );
        assert_eq!(dec(1, 400).to_float(Format::F64), f64::INFINITY);
        assert_eq!(dec(1, 39).to_float(Format::F32), f64::INFINITY);
        assert_eq!(dec(1, 39).neg().to_float(Format::F64), -1e39);
        assert_eq!(dec(1, -400).to_float(Format::F64), 0.0);
        assert_eq!(dec(5, -324).to_float(Format::F64), 5e-324);
        // Against the decimal parser on random fractions p/q.
        let mut r = SplitMix(12);
        for _ in 0..5_000 {
            let p = r.next_u64() >> r.below(64);
            let q = (r.next_u64() >> r.below(64)).max(1);
            let e = r.below(600) as i64 - 300;
            let x = Rat::from_parts(false, Nat::from_u128(p as u128), e, 0)
                .unwrap()
                .div(&rat(q as i128))
                .unwrap();
            // Truncated after 400 decimal places, p/q × 10^e keeps 70 or
            // more significant digits: far within half an ulp of the true
            // value, except in near-ties, which random input does not hit.
            let (n, d) = (x.num.mul(&Nat::pow(10, 400)), x.den.clone());
            let digits = n.divrem(&d).0;
            let text = format!("{}e-400", nat_text(&digits));
            let want = crate::format::atof::parse_f64(&text).unwrap();
            assert_eq!(x.to_float(Format::F64), want, "{p}/{q}e{e}");
        }
    }

    fn nat_text(n: &Nat) -> String {
        // Nine digits at a time.
        let billion = Nat::from_u128(1_000_000_000);
        let mut chunks = Vec::new();
        let mut v = n.clone();
        while !v.is_zero() {
            let (q, r) = v.divrem(&billion);
            chunks.push(r.low_u64());
            v = q;
        }
        let mut text = chunks.pop().unwrap_or(0).to_string();
        for c in chunks.iter().rev() {
            text.push_str(&format!("{c:09}"));
        }
        text
    }

    #[test]
    fn short_text_is_gos_percent_g() {
        for (x, want) in [
            (dec(1, 400), "1e+400"),
            (dec(1, 39), "1e+39"),
            (dec(1, 300).neg(), "-1e+300"),
            (rat(1).div(&rat(3)).unwrap(), "0.333333"),
            (dec(25, -8), "2.5e-07"),
            (dec(1234565, 0), "1.23456e+06"),
            (dec(1234575, 0), "1.23458e+06"),
            (dec(9999995, 0), "1e+07"),
            (dec(123456, 0), "123456"),
            (dec(15, -1), "1.5"),
            (dec(1, -4), "0.0001"),
            (rat(0), "0"),
        ] {
            assert_eq!(x.short_text(), want);
        }
    }

    #[test]
    fn oversized_values_are_refused_not_computed() {
        assert!(Rat::from_parts(false, Nat::from_u128(1), 1_200, 0).is_some());
        assert!(Rat::from_parts(false, Nat::from_u128(1), 100_000, 0).is_none());
        assert!(Rat::from_parts(false, Nat::from_u128(1), 0, -5_000).is_none());
        let big = Rat::from_parts(false, Nat::from_u128(1), 1_200, 0).unwrap();
        assert!(big.div(&rat(3)).unwrap().mul(&big).is_none());
    }
}
