//! Natural numbers of any size ([`Nat`]): gosim's one exact big-number core.
//!
//! Two parts of gosim need exact arithmetic beyond 128 bits: Go's untyped
//! constants (`compile::rat`, fractions of two `Nat`s) and float text
//! conversion (`format::atof`: decimal text to a correctly rounded float,
//! and the exact decimal digits of a binary float, which float formatting
//! rounds). This module owns the arithmetic both share: 32-bit limbs, least
//! significant first, schoolbook algorithms (operands stay within a few
//! thousand bits, where those are fast enough), and conversion to and from
//! decimal digits.

use std::cmp::Ordering;

/// A natural number; no high zero limbs, so zero is empty.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Nat(Vec<u32>);

impl Nat {
    pub(crate) fn zero() -> Nat {
        Nat(Vec::new())
    }

    pub fn from_u128(mut v: u128) -> Nat {
        let mut limbs = Vec::new();
        while v > 0 {
            limbs.push(v as u32);
            v >>= 32;
        }
        Nat(limbs)
    }

    /// The number written by `digits` (values 0..=9, most significant
    /// first), read nine digits at a time.
    pub(crate) fn from_digits(digits: &[u8]) -> Nat {
        let mut n = Nat::zero();
        for chunk in digits.chunks(9) {
            let v = chunk.iter().fold(0, |v, &c| v * 10 + c as u32);
            n.mul_add(10u32.pow(chunk.len() as u32), v);
        }
        n
    }

    /// The decimal digits (values 0..=9), most significant first; none for
    /// zero. Nine at a time, as remainders of division by 10^9.
    pub(crate) fn into_digits(mut self) -> Vec<u8> {
        let mut chunks = Vec::with_capacity(self.0.len() * 32 / 29 + 1);
        while !self.is_zero() {
            chunks.push(self.div_small(1_000_000_000));
        }
        let mut out = Vec::with_capacity(chunks.len() * 9);
        for &c in chunks.iter().rev() {
            let mut nine = [0u8; 9];
            let mut c = c;
            for d in nine.iter_mut().rev() {
                *d = (c % 10) as u8;
                c /= 10;
            }
            // Only the first chunk has leading zeros to leave out.
            let from = if out.is_empty() {
                nine.iter().take_while(|&&d| d == 0).count()
            } else {
                0
            };
            out.extend_from_slice(&nine[from..]);
        }
        out
    }

    fn trim(mut self) -> Nat {
        while self.0.last() == Some(&0) {
            self.0.pop();
        }
        self
    }

    pub fn is_zero(&self) -> bool {
        self.0.is_empty()
    }

    pub(crate) fn is_one(&self) -> bool {
        self.0 == [1]
    }

    pub fn bits(&self) -> u64 {
        match self.0.last() {
            None => 0,
            Some(&top) => self.0.len() as u64 * 32 - top.leading_zeros() as u64,
        }
    }

    pub(crate) fn to_u128(&self) -> Option<u128> {
        if self.0.len() > 4 {
            return None;
        }
        Some(self.0.iter().rev().fold(0u128, |v, &l| v << 32 | l as u128))
    }

    /// The lowest 64 bits.
    pub(crate) fn low_u64(&self) -> u64 {
        self.0.first().map_or(0, |&l| l as u64) | (self.0.get(1).map_or(0, |&l| l as u64) << 32)
    }

    pub(crate) fn compare(&self, other: &Nat) -> Ordering {
        self.0
            .len()
            .cmp(&other.0.len())
            .then_with(|| self.0.iter().rev().cmp(other.0.iter().rev()))
    }

    pub(crate) fn add(&self, other: &Nat) -> Nat {
        let (long, short) = if self.0.len() >= other.0.len() {
            (self, other)
        } else {
            (other, self)
        };
        let mut out = Vec::with_capacity(long.0.len() + 1);
        let mut carry = 0u64;
        for (i, &l) in long.0.iter().enumerate() {
            let v = l as u64 + *short.0.get(i).unwrap_or(&0) as u64 + carry;
            out.push(v as u32);
            carry = v >> 32;
        }
        if carry > 0 {
            out.push(carry as u32);
        }
        Nat(out)
    }

    /// `self - other`, for `self >= other`.
    pub(crate) fn sub(&self, other: &Nat) -> Nat {
        let mut out = Vec::with_capacity(self.0.len());
        let mut borrow = 0i64;
        for (i, &l) in self.0.iter().enumerate() {
            let mut v = l as i64 - *other.0.get(i).unwrap_or(&0) as i64 - borrow;
            borrow = (v < 0) as i64;
            if v < 0 {
                v += 1 << 32;
            }
            out.push(v as u32);
        }
        Nat(out).trim()
    }

    pub(crate) fn mul(&self, other: &Nat) -> Nat {
        if self.is_zero() || other.is_zero() {
            return Nat::zero();
        }
        let mut out = vec![0u32; self.0.len() + other.0.len()];
        for (i, &a) in self.0.iter().enumerate() {
            let mut carry = 0u64;
            for (j, &b) in other.0.iter().enumerate() {
                let v = a as u64 * b as u64 + out[i + j] as u64 + carry;
                out[i + j] = v as u32;
                carry = v >> 32;
            }
            out[i + other.0.len()] = carry as u32;
        }
        Nat(out).trim()
    }

    /// `self = self × m + d` (`m` nonzero): one more digit of a number
    /// being read, in place.
    pub fn mul_add(&mut self, m: u32, d: u32) {
        let mut carry = d as u64;
        for l in &mut self.0 {
            let v = *l as u64 * m as u64 + carry;
            *l = v as u32;
            carry = v >> 32;
        }
        if carry > 0 {
            self.0.push(carry as u32);
        }
    }

    /// Divides by `d` (nonzero) in place; returns the remainder.
    fn div_small(&mut self, d: u32) -> u32 {
        let mut rem = 0u64;
        for l in self.0.iter_mut().rev() {
            let cur = rem << 32 | *l as u64;
            *l = (cur / d as u64) as u32;
            rem = cur % d as u64;
        }
        if self.0.last() == Some(&0) {
            self.0.pop();
        }
        rem as u32
    }

    pub fn shl(&self, k: u64) -> Nat {
        if self.is_zero() {
            return Nat::zero();
        }
        let (limbs, bits) = ((k / 32) as usize, (k % 32) as u32);
        let mut out = vec![0u32; limbs];
        let mut carry = 0u32;
        for &l in &self.0 {
            out.push(if bits == 0 { l } else { l << bits | carry });
            carry = if bits == 0 { 0 } else { l >> (32 - bits) };
        }
        out.push(carry);
        Nat(out).trim()
    }

    pub(crate) fn shr(&self, k: u64) -> Nat {
        let (limbs, bits) = ((k / 32) as usize, (k % 32) as u32);
        if limbs >= self.0.len() {
            return Nat::zero();
        }
        let src = &self.0[limbs..];
        let out = (0..src.len())
            .map(|i| {
                let high = *src.get(i + 1).unwrap_or(&0);
                if bits == 0 {
                    src[i]
                } else {
                    src[i] >> bits | high << (32 - bits)
                }
            })
            .collect();
        Nat(out).trim()
    }

    pub(crate) fn trailing_zeros(&self) -> u64 {
        let mut n = 0;
        for &l in &self.0 {
            if l == 0 {
                n += 32;
            } else {
                return n + l.trailing_zeros() as u64;
            }
        }
        n
    }

    /// Quotient and remainder (`d` nonzero): schoolbook long division in
    /// base 2^32, estimating each quotient limb from the top two limbs of
    /// the running remainder against a divisor shifted so that its top bit
    /// is set, which makes the estimate at most two too large.
    pub(crate) fn divrem(&self, d: &Nat) -> (Nat, Nat) {
        if self.compare(d) == Ordering::Less {
            return (Nat::zero(), self.clone());
        }
        if d.0.len() == 1 {
            let mut q = self.clone();
            let rem = q.div_small(d.0[0]);
            return (q, Nat::from_u128(rem as u128));
        }
        let shift = d.0[d.0.len() - 1].leading_zeros() as u64;
        let v = d.shl(shift).0;
        let mut u = self.shl(shift).0;
        u.resize(self.0.len() + 1, 0);
        let n = v.len();
        let m = u.len() - n - 1;
        let (top, next) = (v[n - 1] as u64, v[n - 2] as u64);
        let mut q = vec![0u32; m + 1];
        for j in (0..=m).rev() {
            let num = (u[j + n] as u64) << 32 | u[j + n - 1] as u64;
            let (mut qhat, mut rhat) = (num / top, num % top);
            while qhat >> 32 != 0 || qhat * next > (rhat << 32 | u[j + n - 2] as u64) {
                qhat -= 1;
                rhat += top;
                if rhat >> 32 != 0 {
                    break;
                }
            }
            // u[j..=j+n] -= qhat × v
            let (mut borrow, mut carry) = (0i64, 0u64);
            for i in 0..n {
                let p = qhat * v[i] as u64 + carry;
                carry = p >> 32;
                let t = u[i + j] as i64 - borrow - (p & 0xffff_ffff) as i64;
                u[i + j] = t as u32;
                borrow = (t < 0) as i64;
            }
            let t = u[j + n] as i64 - borrow - carry as i64;
            u[j + n] = t as u32;
            if t < 0 {
                // The estimate was one too large: add the divisor back.
                qhat -= 1;
                let mut c = 0u64;
                for i in 0..n {
                    let s = u[i + j] as u64 + v[i] as u64 + c;
                    u[i + j] = s as u32;
                    c = s >> 32;
                }
                u[j + n] = u[j + n].wrapping_add(c as u32);
            }
            q[j] = qhat as u32;
        }
        u.truncate(n);
        (Nat(q).trim(), Nat(u).trim().shr(shift))
    }

    /// Greatest common divisor (binary method).
    pub(crate) fn gcd(&self, other: &Nat) -> Nat {
        if self.is_zero() {
            return other.clone();
        }
        if other.is_zero() {
            return self.clone();
        }
        let (za, zb) = (self.trailing_zeros(), other.trailing_zeros());
        let (mut a, mut b) = (self.shr(za), other.shr(zb));
        loop {
            match a.compare(&b) {
                Ordering::Equal => return a.shl(za.min(zb)),
                Ordering::Less => std::mem::swap(&mut a, &mut b),
                Ordering::Greater => {}
            }
            a = a.sub(&b);
            a = a.shr(a.trailing_zeros());
        }
    }

    /// `base^e` for a small `base` ≥ 2.
    pub fn pow(base: u32, e: u64) -> Nat {
        let mut v = Nat::from_u128(1);
        v.mul_pow(base, e);
        v
    }

    /// `self = self × base^e` for a small `base` ≥ 2, multiplying in the
    /// largest power of `base` that fits a limb at a time.
    pub(crate) fn mul_pow(&mut self, base: u32, e: u64) {
        let (mut big, mut k) = (base, 1);
        while let Some(b) = big.checked_mul(base) {
            big = b;
            k += 1;
        }
        let mut left = e;
        while left > 0 {
            let s = left.min(k);
            self.mul_add(base.pow(s as u32), 0);
            left -= s;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::util::splitmix::SplitMix;

    #[test]
    fn nat_arithmetic_matches_u128() {
        let mut r = SplitMix(11);
        for _ in 0..20_000 {
            let a = (r.next_u64() as u128) << r.below(60) | r.next_u64() as u128;
            let b = (r.next_u64() >> r.below(64)) as u128 + 1;
            let (na, nb) = (Nat::from_u128(a), Nat::from_u128(b));
            if let Some(s) = a.checked_add(b) {
                assert_eq!(na.add(&nb).to_u128(), Some(s));
            }
            if a >= b {
                assert_eq!(na.sub(&nb).to_u128(), Some(a - b));
            }
            if let Some(p) = a.checked_mul(b) {
                assert_eq!(na.mul(&nb).to_u128(), Some(p));
            }
            let (q, rem) = na.divrem(&nb);
            assert_eq!((q.to_u128(), rem.to_u128()), (Some(a / b), Some(a % b)));
            assert_eq!(na.compare(&nb), a.cmp(&b));
            let k = r.below(40);
            assert_eq!(na.shr(k).to_u128(), Some(a >> k));
            if a.leading_zeros() as u64 >= k {
                assert_eq!(na.shl(k).to_u128(), Some(a << k));
            }
            // Multi-limb division: (a·b + c) / b with c < b.
            let c = Nat::from_u128(r.next_u64() as u128 % b);
            let (q2, r2) = na.mul(&nb).add(&c).divrem(&nb);
            assert_eq!((q2, r2), (na.clone(), c));
            let (mut x, mut y) = (a, b);
            while y != 0 {
                (x, y) = (y, x % y);
            }
            assert_eq!(na.gcd(&nb).to_u128(), Some(x));
        }
    }

    #[test]
    fn long_division_adds_back_when_the_estimate_is_one_too_large() {
        // Dividends whose first quotient-limb estimate survives the two-limb
        // check yet is one too large (the rare add-back step).
        for (u, v) in [
            (
                vec![0, 0, 0x8000_0000, 0x7fff_ffff],
                vec![1, 0, 0x8000_0000],
            ),
            (
                vec![0, 0, 0, 0x8000_0000, 0x7fff_ffff],
                vec![1, 0, 0, 0x8000_0000],
            ),
        ] {
            let (n, d) = (Nat(u), Nat(v));
            let (q, r) = n.divrem(&d);
            assert_eq!(q, Nat(vec![0xffff_fffe]));
            assert_eq!(r.compare(&d), Ordering::Less);
            assert_eq!(q.mul(&d).add(&r), n);
        }
    }

    #[test]
    fn long_division_of_many_limbs() {
        let mut r = SplitMix(13);
        let random = |limbs: u64, r: &mut SplitMix| {
            Nat((0..limbs).map(|_| r.next_u64() as u32).collect()).trim()
        };
        for _ in 0..3_000 {
            let (nl, dl) = (1 + r.below(40), 1 + r.below(20));
            let (n, mut d) = (random(nl, &mut r), random(dl, &mut r));
            if d.is_zero() {
                d = Nat::from_u128(3);
            }
            // Divisors with a top limb of 1 or all ones stress the estimate.
            if r.below(4) == 0 {
                let last = d.0.len() - 1;
                d.0[last] = if r.below(2) == 0 { 1 } else { u32::MAX };
            }
            let (q, rem) = n.divrem(&d);
            assert_eq!(rem.compare(&d), Ordering::Less);
            assert_eq!(q.mul(&d).add(&rem), n);
        }
    }

    #[test]
    fn decimal_digits_and_powers() {
        let mut r = SplitMix(14);
        for _ in 0..20_000 {
            let v = (r.next_u64() as u128) << r.below(64) | r.next_u64() as u128;
            let text = v.to_string();
            let digits: Vec<u8> = text.bytes().map(|c| c - b'0').collect();
            let n = Nat::from_digits(&digits);
            assert_eq!(n.to_u128(), Some(v));
            let got = if v == 0 { vec![] } else { digits };
            assert_eq!(n.into_digits(), got);
        }
        for e in 0..39 {
            assert_eq!(Nat::pow(10, e).to_u128(), Some(10u128.pow(e as u32)));
        }
        for e in 0..55 {
            assert_eq!(Nat::pow(5, e).to_u128(), Some(5u128.pow(e as u32)));
        }
        // 2^1000 has 302 digits, starting 10715086 and ending 9376.
        let d = Nat::from_u128(1).shl(1000).into_digits();
        assert_eq!(d.len(), 302);
        assert_eq!(&d[..8], &[1, 0, 7, 1, 5, 0, 8, 6]);
        assert_eq!(&d[298..], &[9, 3, 7, 6]);
        assert_eq!(Nat::from_digits(&d), Nat::from_u128(1).shl(1000));
        // Leading zeros in the input and zero chunks in the middle.
        let mut z = vec![0, 0, 1];
        z.extend([0; 20]);
        assert_eq!(Nat::from_digits(&z), Nat::pow(10, 20));
        assert_eq!(Nat::pow(10, 20).into_digits(), z[2..].to_vec());
    }
}
