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

fn peel(mut v: &FmtValue) -> &FmtValue {
    while let FmtValue::Method { value, .. }
    | FmtValue::MethodPanic { value, .. }
    | FmtValue::Methods { value, .. } = v
    {
        v = value;
    }
    v
}

fn compare_float(a: f64, b: f64) -> Ordering {
    match (a.is_nan(), b.is_nan()) {
        (true, true) => Ordering::Equal,
        (true, false) => Ordering::Less,
        (false, true) => Ordering::Greater,
        _ => a.partial_cmp(&b).unwrap_or(Ordering::Equal),
    }
}

/// Compares two keys field by field, in order, from an explicit stack of
/// pairs still to compare (keys nest as deep as a program makes them).
fn compare(a: &Arg, b: &Arg) -> Ordering {
    let mut pairs: Vec<(&Arg, &Arg)> = vec![(a, b)];
    while let Some((a, b)) = pairs.pop() {
        let (va, vb) = (peel(&a.value), peel(&b.value));
        let c = match (va, vb) {
            (FmtValue::Nil, FmtValue::Nil) => Ordering::Equal,
            (FmtValue::Nil, _) => Ordering::Less,
            (_, FmtValue::Nil) => Ordering::Greater,
            _ if a.ty != b.ty => a.ty.cmp(&b.ty),
            _ => compare_values(va, vb, &mut pairs),
        };
        if c != Ordering::Equal {
            return c;
        }
    }
    Ordering::Equal
}

/// Compares two scalars; for structs and arrays, pushes their parts (first
/// part on top) and says Equal so far.
fn compare_values<'a>(
    a: &'a FmtValue,
    b: &'a FmtValue,
    pairs: &mut Vec<(&'a Arg, &'a Arg)>,
) -> Ordering {
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
            let n = x.len().min(y.len());
            pairs.extend((0..n).rev().map(|i| (&x[i].value, &y[i].value)));
            Ordering::Equal
        }
        (V::Array { items: x, .. }, V::Array { items: y, .. }) => {
            let n = x.len().min(y.len());
            pairs.extend((0..n).rev().map(|i| (&x[i], &y[i])));
            Ordering::Equal
        }
        _ => Ordering::Equal,
    }
}
