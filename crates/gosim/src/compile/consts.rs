//! Compile-time constants: Go's untyped and typed constant values.
//!
//! Owns constant arithmetic and representability checks. Integers are
//! exact within i128 (enough for every constant the subset meets);
//! floats are f64 (Go uses arbitrary precision; differences only show in
//! pathological programs).

use crate::syntax::ast::BinaryOp;
use crate::types::{TypeId, TypeKind, Types, UntypedKind};
use crate::vm::value::Value;
use std::rc::Rc;

#[derive(Clone, Debug, PartialEq)]
pub enum ConstVal {
    Bool(bool),
    Int(i128),
    Float(f64),
    /// An exact decimal `m × 10^e`, for float literals and their sums and
    /// products, so `0.1 + 0.2` is exactly `0.3` as in Go.
    Dec(i128, i32),
    Str(Rc<[u8]>),
    Nil,
}

/// Parses a decimal float literal (`1.5`, `.25`, `1e9`, `2.5E-3`) exactly.
pub fn parse_decimal(text: &str) -> Option<ConstVal> {
    let t = text.replace('_', "");
    if t.starts_with("0x") || t.starts_with("0X") {
        return None;
    }
    let (mant, exp) = match t.find(['e', 'E']) {
        Some(i) => (&t[..i], t[i + 1..].parse::<i32>().ok()?),
        None => (&t[..], 0),
    };
    let (int_part, frac_part) = match mant.find('.') {
        Some(i) => (&mant[..i], &mant[i + 1..]),
        None => (mant, ""),
    };
    let digits = format!("{}{}", int_part, frac_part);
    let digits = digits.trim_start_matches('0');
    if digits.len() > 36 {
        return None;
    }
    let m: i128 = if digits.is_empty() {
        0
    } else {
        digits.parse().ok()?
    };
    Some(ConstVal::Dec(m, exp.checked_sub(frac_part.len() as i32)?))
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

fn pow10(e: u32) -> Option<i128> {
    10i128.checked_pow(e)
}

/// Brings two decimals to a common exponent, if that fits.
fn align(a: (i128, i32), b: (i128, i32)) -> Option<(i128, i128, i32)> {
    let e = a.1.min(b.1);
    let ma = a.0.checked_mul(pow10((a.1 - e) as u32)?)?;
    let mb = b.0.checked_mul(pow10((b.1 - e) as u32)?)?;
    Some((ma, mb, e))
}

fn as_dec(v: &ConstVal) -> Option<(i128, i32)> {
    match v {
        ConstVal::Int(i) => Some((*i, 0)),
        ConstVal::Dec(m, e) => Some((*m, *e)),
        _ => None,
    }
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
            ConstVal::Dec(m, e) => {
                if *e >= 0 {
                    m.checked_mul(pow10(*e as u32)?)
                } else {
                    let d = pow10((-*e) as u32)?;
                    (m % d == 0).then_some(m / d)
                }
            }
            ConstVal::Float(f) if f.fract() == 0.0 && f.abs() < 1e38 => Some(*f as i128),
            _ => None,
        }
    }
    pub fn as_f64(&self) -> Option<f64> {
        match self {
            ConstVal::Int(i) => Some(*i as f64),
            ConstVal::Dec(m, e) => {
                crate::format::atof::parse_f64(&format!("{}e{}", int_text(*m), e))
            }
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
                if f.fract() == 0.0 && f.abs() < 1e21 {
                    int_text(*f as i128)
                } else {
                    display_f64(*f)
                }
            }
            ConstVal::Dec(..) => match self.as_i128() {
                Some(i) => int_text(i),
                None => display_f64(self.as_f64().unwrap_or(0.0)),
            },
            ConstVal::Str(s) => crate::format::quote(s),
            ConstVal::Nil => "nil".to_string(),
        }
    }

    /// The runtime value of this constant once it has type `ty`.
    pub fn to_value(&self, types: &Types, ty: TypeId) -> Value {
        match types.ukind(ty) {
            TypeKind::Float64 => Value::Float(self.as_f64().unwrap_or(0.0)),
            TypeKind::Float32 => Value::Float(self.as_f64().unwrap_or(0.0) as f32 as f64),
            TypeKind::Int(k) => Value::Int(k.wrap(self.as_i128().unwrap_or(0) as i64)),
            TypeKind::Untyped(UntypedKind::Float) => Value::Float(self.as_f64().unwrap_or(0.0)),
            _ => match self {
                ConstVal::Bool(b) => Value::Bool(*b),
                ConstVal::Int(i) => Value::Int(*i as i64),
                ConstVal::Float(f) => Value::Float(*f),
                ConstVal::Dec(..) => Value::Float(self.as_f64().unwrap_or(0.0)),
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
            Some(_) => Err(Unrepresentable::Overflow),
            None if matches!(v, ConstVal::Float(_) | ConstVal::Dec(..)) => {
                Err(Unrepresentable::Truncated)
            }
            None => Err(Unrepresentable::Mismatch),
        },
        (
            TypeKind::Float64 | TypeKind::Float32,
            ConstVal::Int(_) | ConstVal::Float(_) | ConstVal::Dec(..),
        ) => Ok(ConstVal::Float(v.as_f64().unwrap_or(0.0))),
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
    // Exact decimal arithmetic when a float literal is involved.
    if !int_div && (matches!(a, C::Dec(..)) || matches!(b, C::Dec(..))) {
        if let (Some(x), Some(y)) = (as_dec(a), as_dec(b)) {
            if let Some((ma, mb, e)) = align(x, y) {
                let exact = match op {
                    Add => ma.checked_add(mb).map(|m| C::Dec(m, e)),
                    Sub => ma.checked_sub(mb).map(|m| C::Dec(m, e)),
                    Mul => {
                        x.0.checked_mul(y.0)
                            .and_then(|m| x.1.checked_add(y.1).map(|e| C::Dec(m, e)))
                    }
                    Eq => Some(C::Bool(ma == mb)),
                    Ne => Some(C::Bool(ma != mb)),
                    Lt => Some(C::Bool(ma < mb)),
                    Le => Some(C::Bool(ma <= mb)),
                    Gt => Some(C::Bool(ma > mb)),
                    Ge => Some(C::Bool(ma >= mb)),
                    _ => None,
                };
                if let Some(r) = exact {
                    return Ok(r);
                }
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
        (C::Int(_) | C::Float(_) | C::Dec(..), C::Int(_) | C::Float(_) | C::Dec(..)) => {
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
    use super::*;

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
