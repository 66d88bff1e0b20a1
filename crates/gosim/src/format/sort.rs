//! Map key ordering for printing (mirrors `internal/fmtsort`): ints and uints
//! numerically, strings bytewise, false before true, floats numerically with
//! NaN first, pointers and channels by address, structs and arrays field by
//! field. Keys of different dynamic types (interface-keyed maps) sort nil
//! first, then by type name, then by value; Go orders the types by an internal
//! address, so only the grouping, not the order between types, is guaranteed
//! to match. Sorting only reorders references; it never fails.

use std::cmp::Ordering;

use super::{Arg, FmtValue};

/// The entries sorted by key, stable for equal keys.
pub fn sorted_entries(entries: &[(Arg, Arg)]) -> Vec<&(Arg, Arg)> {
    let mut v: Vec<&(Arg, Arg)> = entries.iter().collect();
    crate::util::order::sort_by(&mut v, |a, b| compare(&a.0, &b.0));
    v
}

fn peel(v: &FmtValue) -> &FmtValue {
    match v {
        FmtValue::Method { value, .. } | FmtValue::MethodPanic { value, .. } => peel(value),
        other => other,
    }
}

fn compare_float(a: f64, b: f64) -> Ordering {
    match (a.is_nan(), b.is_nan()) {
        (true, true) => Ordering::Equal,
        (true, false) => Ordering::Less,
        (false, true) => Ordering::Greater,
        _ => a.partial_cmp(&b).unwrap_or(Ordering::Equal),
    }
}

fn compare(a: &Arg, b: &Arg) -> Ordering {
    let (va, vb) = (peel(&a.value), peel(&b.value));
    match (va, vb) {
        (FmtValue::Nil, FmtValue::Nil) => return Ordering::Equal,
        (FmtValue::Nil, _) => return Ordering::Less,
        (_, FmtValue::Nil) => return Ordering::Greater,
        _ => {}
    }
    if a.ty != b.ty {
        return a.ty.cmp(&b.ty);
    }
    compare_values(va, vb)
}

fn compare_values(a: &FmtValue, b: &FmtValue) -> Ordering {
    use FmtValue as V;
    match (a, b) {
        (V::Int(x), V::Int(y)) => x.cmp(y),
        (V::Uint(x), V::Uint(y)) => x.cmp(y),
        (V::Str(x), V::Str(y)) => x.cmp(y),
        (V::Float64(x), V::Float64(y)) => compare_float(*x, *y),
        (V::Float32(x), V::Float32(y)) => compare_float(f64::from(*x), f64::from(*y)),
        (V::Bool(x), V::Bool(y)) => x.cmp(y),
        (V::Pointer { addr: x, .. }, V::Pointer { addr: y, .. })
        | (V::Chan { addr: x }, V::Chan { addr: y })
        | (V::Func { addr: x }, V::Func { addr: y }) => x.cmp(y),
        (V::Struct { fields: x }, V::Struct { fields: y }) => {
            for (fx, fy) in x.iter().zip(y.iter()) {
                let c = compare(&fx.value, &fy.value);
                if c != Ordering::Equal {
                    return c;
                }
            }
            Ordering::Equal
        }
        (V::Array { items: x, .. }, V::Array { items: y, .. }) => {
            for (ex, ey) in x.iter().zip(y.iter()) {
                let c = compare(ex, ey);
                if c != Ordering::Equal {
                    return c;
                }
            }
            Ordering::Equal
        }
        _ => Ordering::Equal,
    }
}
