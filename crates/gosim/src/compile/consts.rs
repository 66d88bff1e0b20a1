//! Compile-time constants: Go's untyped and typed constant values, what
//! go/constant is to go/types (with operand.go's representability rules).
//!
//! Owns constant arithmetic and representability checks. Integers are
//! exact within i128 (enough for every constant the subset meets). Untyped
//! float constants are exact fractions ([`Rat`]), as in Go, so they round
//! only when converted to float32 or float64; a constant too large to keep
//! exact (beyond [`Rat::MAX_BITS`]) degrades to f64. Typed float constants
//! hold their rounded f64 value.

use crate::compile::rat::Rat;
use crate::format::atof::Format;
use crate::syntax::ast::BinaryOp;
use crate::types::{TypeId, TypeKind, Types, UntypedKind};
use crate::util::bignum::Nat;
use crate::vm::value::Value;
use std::cmp::Ordering;
use std::rc::Rc;

#[derive(Clone, Debug, PartialEq)]
pub enum ConstVal {
    Bool(bool),
    Int(i128),
    Float(f64),
    /// An exact untyped float constant, so `0.1 + 0.2` is exactly `0.3`
    /// and `1e300 * 1e5 / 1e10` exactly `1e295`, as in Go.
    Rat(Rc<Rat>),
    Str(Rc<[u8]>),
    Nil,
}

/// Parses a float literal (`1.5`, `.25`, `1e9`, `0x1.8p-3`) exactly;
/// `None` when it is too large to keep exact.
pub fn parse_float_literal(text: &str) -> Option<ConstVal> {
    /// Significant digits a literal keeps: more than Rat::MAX_BITS needs.
    const MAX_LITERAL_DIGITS: usize = 1300;
    let t: Vec<u8> = text.bytes().filter(|&c| c != b'_').collect();
    let (radix, body, exp_chars): (u32, &[u8], &[u8]) = match t.get(..2) {
        Some(b"0x" | b"0X") => (16, &t[2..], b"pP"),
        _ => (10, &t[..], b"eE"),
    };
    let (mant, exp) = match body.iter().position(|c| exp_chars.contains(c)) {
        Some(i) => (&body[..i], parse_exponent(&body[i + 1..])?),
        None => (body, 0),
    };
    let mut m = Nat::from_u128(0);
    // The digits' place: minus one per fractional digit kept, plus one per
    // integer digit dropped.
    let mut shift = 0i64;
    let mut after_point = false;
    // Digits past MAX_LITERAL_DIGITS significant ones cannot change a value
    // kept within Rat::MAX_BITS; they are dropped, and whether any was
    // non-zero is kept as one more digit, so rounding stays right. (Adding
    // each digit to a growing number was quadratic in the literal's length.)
    let (mut significant, mut sticky) = (0usize, false);
    for &c in mant {
        if c == b'.' {
            after_point = true;
            continue;
        }
        let d = (c as char).to_digit(radix)?;
        if significant >= MAX_LITERAL_DIGITS {
            sticky |= d != 0;
            shift += i64::from(!after_point);
            continue;
        }
        if significant > 0 || d != 0 {
            significant += 1;
        }
        m.mul_add(radix, d);
        shift -= i64::from(after_point);
    }
    if sticky {
        m.mul_add(radix, 1);
        shift -= 1;
    }
    let rat = if radix == 16 {
        Rat::from_parts(false, m, 0, exp.checked_add(shift.checked_mul(4)?)?)
    } else {
        Rat::from_parts(false, m, exp.checked_add(shift)?, 0)
    };
    rat.map(|r| ConstVal::Rat(Rc::new(r)))
}

/// A literal's exponent digits with an optional sign; `None` when absurd.
fn parse_exponent(s: &[u8]) -> Option<i64> {
    let (neg, digits) = match s.first() {
        Some(b'-') => (true, &s[1..]),
        Some(b'+') => (false, &s[1..]),
        _ => (false, s),
    };
    let mut e: i64 = 0;
    for &c in digits {
        e = e
            .checked_mul(10)?
            .checked_add((c as char).to_digit(10)? as i64)?;
        if e > 1 << 40 {
            return None;
        }
    }
    Some(if neg { -e } else { e })
}

/// The decimal text of an integer constant. Written by hand because
/// `i128`'s `Display` brings a 128-bit formatting routine into the wasm;
/// constants that fit in `i64` (nearly all) reuse `i64`'s, which is there
/// anyway.
pub fn int_text(i: i128) -> String {
    if let Ok(small) = i64::try_from(i) {
        return small.to_string();
    }
    let mut digits = Vec::new();
    let mut u = i.unsigned_abs();
    while u > 0 {
        digits.push(b'0' + (u % 10) as u8);
        u /= 10;
    }
    if i < 0 {
        digits.push(b'-');
    }
    // Not String::from_utf8: its error's Debug impl would come along.
    digits.iter().rev().map(|&b| char::from(b)).collect()
}

/// The exact value of a numeric constant, if it has one.
fn as_rat(v: &ConstVal) -> Option<Rat> {
    match v {
        ConstVal::Int(i) => Some(Rat::from_i128(*i)),
        ConstVal::Rat(r) => Some((**r).clone()),
        ConstVal::Float(f) => Rat::from_f64(*f),
        _ => None,
    }
}

/// How Go prints a float constant in float64's range: six significant
/// digits, or every digit needed when six would make a fraction look like
/// an integer. `None` for ±Inf.
fn float_text(f: f64, is_integer: bool) -> Option<String> {
    if !f.is_finite() {
        return None;
    }
    let short = crate::format::format_float(f, b'g', 6, 64);
    Some(if !is_integer && !short.contains('.') {
        crate::format::format_float(f, b'g', -1, 64)
    } else {
        short
    })
}

/// A float constant as Rust's `{}` writes it (plain decimal, shortest
/// round-trip digits, `inf`), through gosim's formatter so that Rust's float
/// formatting stays out of the wasm. Rust and Go differ only in which of two
/// equally close shortest decimals they take; this is Go's choice.
fn display_f64(f: f64) -> String {
    if f.is_infinite() {
        return if f > 0.0 { "inf" } else { "-inf" }.to_string();
    }
    crate::format::format_float(f, b'f', -1, 64)
}

impl ConstVal {
    pub fn as_i128(&self) -> Option<i128> {
        match self {
            ConstVal::Int(i) => Some(*i),
            ConstVal::Rat(r) => r.to_i128(),
            ConstVal::Float(f) if f.fract() == 0.0 && f.abs() < 1e38 => Some(*f as i128),
            _ => None,
        }
    }

    pub fn as_f64(&self) -> Option<f64> {
        self.as_float(Format::F64)
    }

    /// The value rounded once to `format` (±Inf when it is too large).
    fn as_float(&self, format: Format) -> Option<f64> {
        match self {
            ConstVal::Int(i) => Some(Rat::from_i128(*i).to_float(format)),
            ConstVal::Rat(r) => Some(r.to_float(format)),
            ConstVal::Float(f) if format.is_f32() => Some(*f as f32 as f64),
            ConstVal::Float(f) => Some(*f),
            _ => None,
        }
    }

    /// Go's rendering of a constant in messages (`300`, `"a"`, `1.5`).
    pub fn display(&self) -> String {
        match self {
            ConstVal::Bool(b) => b.to_string(),
            ConstVal::Int(i) => int_text(*i),
            ConstVal::Float(f) => {
                float_text(*f, f.fract() == 0.0).unwrap_or_else(|| display_f64(*f))
            }
            ConstVal::Rat(r) => match self.as_f64().and_then(|f| {
                // In range unless rounding lost it to 0 or infinity.
                let lost = f.is_infinite() || (f == 0.0 && !r.is_zero());
                if lost {
                    None
                } else {
                    float_text(f, r.is_integer())
                }
            }) {
                Some(text) => text,
                // Out of float64's range: about six digits, as Go prints.
                None => r.short_text(),
            },
            ConstVal::Str(s) => crate::format::quote(s),
            ConstVal::Nil => "nil".to_string(),
        }
    }

    /// The runtime value of this constant once it has type `ty`.
    pub fn to_value(&self, types: &Types, ty: TypeId) -> Value {
        match types.ukind(ty) {
            TypeKind::Float64 => Value::Float(self.as_f64().unwrap_or(0.0)),
            TypeKind::Float32 => Value::Float(self.as_float(Format::F32).unwrap_or(0.0)),
            TypeKind::Int(k) => Value::Int(k.wrap(self.as_i128().unwrap_or(0) as i64)),
            TypeKind::Untyped(UntypedKind::Float) => Value::Float(self.as_f64().unwrap_or(0.0)),
            _ => match self {
                ConstVal::Bool(b) => Value::Bool(*b),
                ConstVal::Int(i) => Value::Int(*i as i64),
                ConstVal::Float(f) => Value::Float(*f),
                ConstVal::Rat(_) => Value::Float(self.as_f64().unwrap_or(0.0)),
                ConstVal::Str(s) => Value::Str(s.clone()),
                ConstVal::Nil => Value::Nil,
            },
        }
    }
}

/// Whether constant `v` can be represented by a value of type `ty`, with
/// the Go spec's rules (floats may be rounded; integers must fit exactly).
pub fn representable(types: &Types, v: &ConstVal, ty: TypeId) -> Result<ConstVal, Unrepresentable> {
    match (types.ukind(ty), v) {
        (TypeKind::Int(k), _) => match v.as_i128() {
            Some(i) if k.fits(i) => Ok(ConstVal::Int(i)),
            // Go calls any float that misses an integer type truncated.
            Some(_) if matches!(v, ConstVal::Float(_) | ConstVal::Rat(_)) => {
                Err(Unrepresentable::Truncated)
            }
            Some(_) => Err(Unrepresentable::Overflow),
            None if matches!(v, ConstVal::Float(_) | ConstVal::Rat(_)) => {
                Err(Unrepresentable::Truncated)
            }
            None => Err(Unrepresentable::Mismatch),
        },
        (
            k @ (TypeKind::Float64 | TypeKind::Float32),
            ConstVal::Int(_) | ConstVal::Float(_) | ConstVal::Rat(_),
        ) => {
            let format = if matches!(k, TypeKind::Float32) {
                Format::F32
            } else {
                Format::F64
            };
            let f = v.as_float(format).unwrap_or(0.0);
            // Rounding may give ±Inf only from a value beyond the type's range.
            if f.is_infinite() && !matches!(v, ConstVal::Float(x) if x.is_infinite()) {
                return Err(Unrepresentable::Overflow);
            }
            Ok(ConstVal::Float(f))
        }
        (TypeKind::String, ConstVal::Str(_)) => Ok(v.clone()),
        (TypeKind::Bool, ConstVal::Bool(_)) => Ok(v.clone()),
        (TypeKind::Interface(ms), _) if ms.is_empty() => Ok(v.clone()),
        (TypeKind::Interface(_), ConstVal::Nil) => Ok(v.clone()),
        (TypeKind::Untyped(_), _) => Ok(v.clone()),
        (
            TypeKind::Pointer(_)
            | TypeKind::Slice(_)
            | TypeKind::Map(..)
            | TypeKind::Chan(..)
            | TypeKind::Func(_),
            ConstVal::Nil,
        ) => Ok(ConstVal::Nil),
        _ => Err(Unrepresentable::Mismatch),
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Unrepresentable {
    Overflow,
    Truncated,
    Mismatch,
}

/// The untyped kind that results from combining two untyped operands
/// (Go spec: the later of int, rune, float).
pub fn untyped_rank(k: UntypedKind) -> u8 {
    match k {
        UntypedKind::Int => 1,
        UntypedKind::Rune => 2,
        UntypedKind::Float => 3,
        _ => 0,
    }
}

/// Folds a binary operation on constants. `int_div` selects truncated
/// integer division (both operands integers).
pub fn fold_binary(
    op: BinaryOp,
    a: &ConstVal,
    b: &ConstVal,
    int_div: bool,
) -> Result<ConstVal, String> {
    use BinaryOp::*;
    use ConstVal as C;
    // Exact arithmetic when an untyped float constant is involved.
    if !int_div && (matches!(a, C::Rat(_)) || matches!(b, C::Rat(_))) {
        if let (Some(x), Some(y)) = (as_rat(a), as_rat(b)) {
            let ord = x.compare(&y);
            let exact = match op {
                Add => x.add(&y, false),
                Sub => x.add(&y, true),
                Mul => x.mul(&y),
                Div if y.is_zero() => return Err("invalid operation: division by zero".into()),
                Div => x.div(&y),
                Eq => return Ok(C::Bool(ord == Ordering::Equal)),
                Ne => return Ok(C::Bool(ord != Ordering::Equal)),
                Lt => return Ok(C::Bool(ord == Ordering::Less)),
                Le => return Ok(C::Bool(ord != Ordering::Greater)),
                Gt => return Ok(C::Bool(ord == Ordering::Greater)),
                Ge => return Ok(C::Bool(ord != Ordering::Less)),
                _ => None,
            };
            if let Some(r) = exact {
                return Ok(C::Rat(Rc::new(r)));
            }
        }
    }
    Ok(match (a, b) {
        (C::Int(x), C::Int(y)) if int_div => {
            let (x, y) = (*x, *y);
            match op {
                Add => C::Int(x.checked_add(y).ok_or("constant overflow")?),
                Sub => C::Int(x.checked_sub(y).ok_or("constant overflow")?),
                Mul => C::Int(x.checked_mul(y).ok_or("constant overflow")?),
                Div => {
                    if y == 0 {
                        return Err("invalid operation: division by zero".into());
                    }
                    C::Int(x / y)
                }
                Rem => {
                    if y == 0 {
                        return Err("invalid operation: division by zero".into());
                    }
                    C::Int(x % y)
                }
                And => C::Int(x & y),
                Or => C::Int(x | y),
                Xor => C::Int(x ^ y),
                AndNot => C::Int(x & !y),
                Shl => {
                    if !(0..=126).contains(&y) {
                        return Err("constant shift overflow".into());
                    }
                    C::Int(x.checked_shl(y as u32).ok_or("constant shift overflow")?)
                }
                Shr => C::Int(if y > 126 {
                    if x < 0 {
                        -1
                    } else {
                        0
                    }
                } else {
                    x >> y
                }),
                Eq => C::Bool(x == y),
                Ne => C::Bool(x != y),
                Lt => C::Bool(x < y),
                Le => C::Bool(x <= y),
                Gt => C::Bool(x > y),
                Ge => C::Bool(x >= y),
                LogAnd | LogOr => return Err("invalid operation".into()),
            }
        }
        (C::Int(_) | C::Float(_) | C::Rat(_), C::Int(_) | C::Float(_) | C::Rat(_)) => {
            let x = a.as_f64().unwrap_or(0.0);
            let y = b.as_f64().unwrap_or(0.0);
            match op {
                Add => C::Float(x + y),
                Sub => C::Float(x - y),
                Mul => C::Float(x * y),
                Div => {
                    if y == 0.0 {
                        return Err("invalid operation: division by zero".into());
                    }
                    C::Float(x / y)
                }
                Eq => C::Bool(x == y),
                Ne => C::Bool(x != y),
                Lt => C::Bool(x < y),
                Le => C::Bool(x <= y),
                Gt => C::Bool(x > y),
                Ge => C::Bool(x >= y),
                _ => {
                    return Err(format!(
                        "invalid operation: operator {} not defined on untyped float",
                        op.as_str()
                    ))
                }
            }
        }
        (C::Str(x), C::Str(y)) => match op {
            Add => {
                let mut v = x.to_vec();
                v.extend_from_slice(y);
                C::Str(Rc::from(v))
            }
            Eq => C::Bool(x == y),
            Ne => C::Bool(x != y),
            Lt => C::Bool(x < y),
            Le => C::Bool(x <= y),
            Gt => C::Bool(x > y),
            Ge => C::Bool(x >= y),
            _ => {
                return Err(format!(
                    "invalid operation: operator {} not defined on string",
                    op.as_str()
                ))
            }
        },
        (C::Bool(x), C::Bool(y)) => match op {
            LogAnd => C::Bool(*x && *y),
            LogOr => C::Bool(*x || *y),
            Eq => C::Bool(x == y),
            Ne => C::Bool(x != y),
            _ => {
                return Err(format!(
                    "invalid operation: operator {} not defined on bool",
                    op.as_str()
                ))
            }
        },
        _ => return Err("invalid constant operation".into()),
    })
}

#[cfg(test)]
mod tests {
    use crate::compile::consts::int_text;

    #[test]
    fn int_text_matches_display_across_the_i64_edge() {
        let edge = i64::MAX as i128;
        for v in [
            0,
            7,
            -7,
            edge,
            edge + 1,
            -edge - 1,
            -edge - 2,
            10i128.pow(30),
            i128::MAX,
            i128::MIN,
        ] {
            assert_eq!(int_text(v), v.to_string());
        }
    }
}
