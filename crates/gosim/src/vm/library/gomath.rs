//! `math.Exp`, `math.Log` and `math.Pow` as Go computes them on amd64, bit
//! for bit. Rust's `exp`, `ln` and `powf` come from the platform's libm and
//! are usually correctly rounded; Go's are not, so a program printing them
//! with `%v` would show a different last digit. Go runs hand-written
//! assembly for `Exp` and `Log` on amd64 and portable Go for `Pow` (over
//! those two), and these functions follow the same steps in the same order.
//!
//! Two amd64 details matter. Go's `Exp` takes its fused multiply-add path on
//! any CPU with AVX and FMA (every x86-64 machine of the last decade, and the
//! one the recordings were made on), so `exp` uses `mul_add` where that path
//! fuses, and a single rounding elsewhere. And `Log` reads a subnormal
//! argument's fraction without normalising it first, which this copies.

// The constants are written as their sources publish them, digits beyond a
// double's precision included, so that they can be checked against those.
#![allow(clippy::excessive_precision)]

/// The NaN that `math.NaN` returns and Go's math functions produce (not
/// the hardware's default NaN, 0xfff8000000000000, which arithmetic such as
/// 0/0 makes): `Float64bits` shows the difference.
pub(super) const NAN: f64 = f64::from_bits(0x7ff8_0000_0000_0001);

/// 2^n for an exponent n in the normal range, built from its bits.
fn pow2(n: i64) -> f64 {
    f64::from_bits(((n + 1023) as u64) << 52)
}

/// e^x: x = k·ln2 + r with k = round(x/ln2), then e^(r/16) − 1 from its
/// Taylor series to the 1/8! term, squared up four times through
/// (e^t − 1)(e^t + 1) = e^(2t) − 1, and scaled by 2^k.
pub(super) fn exp(x: f64) -> f64 {
    // ln 2 split so that k·LN2_HI is exact; the sum is ln 2 to 2^-100.
    const LN2_HI: f64 = 0.693_147_180_559_662_956_511_601_805_686_950_683_593_75;
    const LN2_LO: f64 = 0.282_352_905_630_315_771_225_884_481_750_134_360_255_254_120_68e-12;
    // Not the true limit ln(MaxFloat64) = 709.782712893384: Go's cut-off, and
    // k = 1024 above about 709.436 overflows to +Inf below it as well.
    const OVERFLOW: f64 = 7.097_827_128_933_84e2;
    // 1/n! for n = 8 down to 3, as Go's table writes them.
    const INV_FACT: [f64; 6] = [
        2.480_158_730_158_730_158_7e-5,
        1.984_126_984_126_984_127_0e-4,
        1.388_888_888_888_888_888_9e-3,
        8.333_333_333_333_333_333_3e-3,
        4.166_666_666_666_666_666_7e-2,
        1.666_666_666_666_666_666_7e-1,
    ];
    if x.is_nan() || x == f64::INFINITY {
        return x;
    }
    if x == f64::NEG_INFINITY {
        return 0.0;
    }
    if x > OVERFLOW {
        return f64::INFINITY;
    }
    // CVTSD2SL rounds half to even and saturates to i32::MIN when out of range.
    let k = (x * std::f64::consts::LOG2_E)
        .round_ties_even()
        .max(f64::from(i32::MIN));
    let biased = k as i64 + 1023;
    if biased < -52 {
        return 0.0;
    }
    if biased >= 0x7ff {
        return f64::INFINITY;
    }
    let mut r = (-k).mul_add(LN2_HI, x);
    r = (-k).mul_add(LN2_LO, r);
    r *= 0.0625;
    let mut p = INV_FACT[0];
    for c in &INV_FACT[1..] {
        p = p.mul_add(r, *c);
    }
    p = p.mul_add(r, 0.5);
    p = p.mul_add(r, 1.0);
    let mut y = r * p; // e^(r) − 1 for the reduced r
    for _ in 0..3 {
        y *= y + 2.0;
    }
    y = y.mul_add(y + 2.0, 1.0);
    if biased <= 0 {
        // Two exact-then-rounding steps into the subnormal range.
        return y * pow2(k as i64 + 1022) * pow2(-1022);
    }
    y * pow2(k as i64)
}

/// ln x: x = 2^k·f with f in (√2/2, √2], then ln f from the odd series in
/// s = (f−1)/(f+1), as FreeBSD's e_log.c does (the coefficients are its).
pub(super) fn log(x: f64) -> f64 {
    const LN2_HI: f64 = 6.931_471_803_691_238_164_90e-1;
    const LN2_LO: f64 = 1.908_214_929_270_587_700_02e-10;
    const L: [f64; 7] = [
        6.666_666_666_666_735_130e-1,
        3.999_999_999_940_941_908e-1,
        2.857_142_874_366_239_149e-1,
        2.222_219_843_214_978_396e-1,
        1.818_357_216_161_805_012e-1,
        1.531_383_769_920_937_332e-1,
        1.479_819_860_511_658_591e-1,
    ];
    let bits = x.to_bits();
    if bits & !(1 << 63) == 0 {
        return f64::NEG_INFINITY;
    }
    if (bits as i64) < 0 {
        return NAN;
    }
    if bits >= 0x7ff0_0000_0000_0000 {
        return x;
    }
    // The fraction keeps the stored mantissa bits even for a subnormal.
    let mut f1 = f64::from_bits(bits & 0x000f_ffff_ffff_ffff | 0x3fe0_0000_0000_0000);
    let mut k = ((bits >> 52) & 0x7ff) as f64 - 1022.0;
    if f1 <= std::f64::consts::FRAC_1_SQRT_2 {
        k -= 1.0;
        f1 *= 2.0;
    }
    let f = f1 - 1.0;
    let s = f / (2.0 + f);
    let s2 = s * s;
    let s4 = s2 * s2;
    let t1 = s2 * (L[0] + s4 * (L[2] + s4 * (L[4] + s4 * L[6])));
    let t2 = s4 * (L[1] + s4 * (L[3] + s4 * L[5]));
    let big_r = t1 + t2;
    let hfsq = 0.5 * f * f;
    k * LN2_HI - ((hfsq - (s * (hfsq + big_r) + k * LN2_LO)) - f)
}

/// x split into a fraction in [½, 1) and a power of two (Go's Frexp).
fn frexp(x: f64) -> (f64, i64) {
    if x == 0.0 || !x.is_finite() {
        return (x, 0);
    }
    let (x, mut e) = if x.abs() < f64::MIN_POSITIVE {
        (x * (1u64 << 52) as f64, -52)
    } else {
        (x, 0)
    };
    let bits = x.to_bits();
    e += ((bits >> 52) & 0x7ff) as i64 - 1022;
    (f64::from_bits(bits & !(0x7ff << 52) | (1022 << 52)), e)
}

/// frac·2^e with a single rounding, also into the subnormal range (Go's
/// Ldexp).
fn ldexp(frac: f64, e: i64) -> f64 {
    if frac == 0.0 || !frac.is_finite() {
        return frac;
    }
    let (frac, fe) = frexp(frac);
    // frexp's fraction has exponent -1; put the whole exponent into e.
    let mut e = e.saturating_add(fe - 1);
    if e < -1075 {
        return 0.0f64.copysign(frac);
    }
    if e > 1023 {
        return f64::INFINITY.copysign(frac);
    }
    let mut scale = 1.0;
    if e < -1022 {
        e += 53;
        scale = pow2(-53);
    }
    let bits = frac.to_bits() & !(0x7ff << 52) | ((e + 1023) as u64) << 52;
    scale * f64::from_bits(bits)
}

/// Whether x is an odd integer (Go's isOddInt).
fn is_odd_int(x: f64) -> bool {
    if x.abs() >= (1u64 << 53) as f64 {
        return false;
    }
    x.fract() == 0.0 && (x.trunc() as i64) & 1 == 1
}

/// x^y as Go's Pow computes it: the special cases of C99 (Go's order), then
/// e^(yf·ln x) for the fractional part of y and repeated squaring of x's
/// fraction for the integer part, the exponents kept apart until the end.
pub(super) fn pow(x: f64, y: f64) -> f64 {
    let inf = f64::INFINITY;
    if y == 0.0 || x == 1.0 {
        return 1.0;
    }
    if y == 1.0 {
        return x;
    }
    if x.is_nan() || y.is_nan() {
        return NAN;
    }
    if x == 0.0 {
        let odd = x.is_sign_negative() && is_odd_int(y);
        return match (y < 0.0, odd) {
            (true, true) => -inf,
            (true, false) => inf,
            (false, true) => x,
            (false, false) => 0.0,
        };
    }
    if y.is_infinite() {
        return if x == -1.0 {
            1.0
        } else if (x.abs() < 1.0) == (y > 0.0) {
            0.0
        } else {
            inf
        };
    }
    if x.is_infinite() {
        if x < 0.0 {
            return pow(1.0 / x, -y);
        }
        return if y < 0.0 { 0.0 } else { inf };
    }
    if y == 0.5 {
        return x.sqrt();
    }
    if y == -0.5 {
        return 1.0 / x.sqrt();
    }
    let mut yi = y.abs().trunc();
    let mut yf = y.abs() - yi;
    if yf != 0.0 && x < 0.0 {
        return NAN;
    }
    if yi >= (1u64 << 63) as f64 {
        // |y| ≥ 2^63: only the size of |x| against 1 matters.
        return if x == -1.0 {
            1.0
        } else if (x.abs() < 1.0) == (y > 0.0) {
            0.0
        } else {
            inf
        };
    }
    let mut acc = 1.0;
    let mut acc_exp: i64 = 0;
    if yf != 0.0 {
        if yf > 0.5 {
            yf -= 1.0;
            yi += 1.0;
        }
        acc = exp(yf * log(x));
    }
    let (mut base, mut base_exp) = frexp(x);
    let mut i = yi as i64;
    while i != 0 {
        if !(-(1 << 12)..=(1 << 12)).contains(&base_exp) {
            // The exponent alone decides over- or underflow from here.
            acc_exp += base_exp;
            break;
        }
        if i & 1 == 1 {
            acc *= base;
            acc_exp += base_exp;
        }
        base *= base;
        base_exp <<= 1;
        if base < 0.5 {
            base += base;
            base_exp -= 1;
        }
        i >>= 1;
    }
    if y < 0.0 {
        acc = 1.0 / acc;
        acc_exp = -acc_exp;
    }
    ldexp(acc, acc_exp)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Values Go 1.27.3 prints on amd64 (with FMA), as bits.
    #[test]
    fn matches_go_on_amd64() {
        assert_eq!(exp(1.0).to_bits(), 0x4005bf0a8b145769);
        assert_eq!(exp(709.7), f64::INFINITY);
        assert_eq!(log(10.0).to_bits(), 0x40026bb1bbb55516);
        // One ulp below the correctly rounded ln 3.
        assert_eq!(log(3.0).to_bits(), 0x3ff193ea7aad030a);
        // A subnormal's fraction is not normalised: -709.09, not -744.44.
        assert_eq!(log(5e-324).to_bits(), 0xc08628b76e3a7b61);
        // Subnormal results, scaled in two steps.
        assert_eq!(exp(-740.0).to_bits(), 0x55);
        assert_eq!(exp(-745.0).to_bits(), 1);
        assert_eq!(pow(2.0, 2.5).to_bits(), 0x4016a09e667f3bcc);
        assert_eq!(pow(10.0, -23.0).to_bits(), 0x3b282db34012b252);
    }
}
