//! Conversions and dynamic type checks: `T(x)` between representations,
//! type assertions and their panic messages, and the hashability and
//! comparability checks Go makes at run time on interface values. Mirrors
//! runtime/string.go's conversions and runtime/iface.go's assertions
//! (`assertE2I`, `TypeAssertionError`).
//!
//! A leaf: functions over the [`Heap`] and the program's type tables. It
//! never sees goroutines, the operand stack or the machine.

use crate::format::utf8;
use crate::types::{TypeId, Types};
use crate::vm::fault::Fault;
use crate::vm::heap::Heap;
use crate::vm::op::{Conv, Program};
use crate::vm::slice;
use crate::vm::value::Value;

/// A conversion `T(x)` that changes the representation: between numeric
/// kinds, and between strings and byte or rune slices (mirrors
/// runtime/string.go's `stringtoslicebyte`, `slicebytetostring`,
/// `stringtoslicerune`, `slicerunetostring`, `intstring`).
pub fn convert(heap: &mut Heap, c: Conv, a: Value) -> Result<Value, Fault> {
    Ok(match c {
        Conv::IntToInt(k) => Value::Int(k.wrap(a.as_int())),
        Conv::IntToFloat {
            from_unsigned,
            to32,
        } => {
            let f = if from_unsigned {
                a.as_int() as u64 as f64
            } else {
                a.as_int() as f64
            };
            Value::Float(if to32 { f as f32 as f64 } else { f })
        }
        Conv::FloatToInt(k) => {
            let f = a.as_float();
            let v = if k.signed() {
                f as i64
            } else {
                f as u64 as i64
            };
            Value::Int(k.wrap(v))
        }
        Conv::FloatToFloat32 => Value::Float(a.as_float() as f32 as f64),
        Conv::IntToString => {
            let i = a.as_int();
            let ch = u32::try_from(i)
                .ok()
                .and_then(char::from_u32)
                .unwrap_or('\u{FFFD}');
            Value::str(&ch.to_string())
        }
        Conv::StringToBytes => {
            let items: Vec<Value> = a.as_bytes().iter().map(|b| Value::Int(*b as i64)).collect();
            slice::from_vec(heap, items)?
        }
        Conv::BytesToString => match a {
            Value::Slice(r) => {
                let bytes: Vec<u8> = heap.array(r.arr)[r.off as usize..(r.off + r.len) as usize]
                    .iter()
                    .map(|v| v.as_int() as u8)
                    .collect();
                Value::bytes(&bytes)
            }
            _ => Value::str(""),
        },
        Conv::StringToRunes => {
            let s = a.as_bytes().to_vec();
            let mut items = Vec::new();
            let mut i = 0;
            while i < s.len() {
                let (r, w) = utf8::decode_rune(&s[i..]);
                items.push(Value::Int(r as i64));
                i += w.max(1);
            }
            slice::from_vec(heap, items)?
        }
        Conv::RunesToString => match a {
            Value::Slice(r) => {
                let s: String = heap.array(r.arr)[r.off as usize..(r.off + r.len) as usize]
                    .iter()
                    .map(|v| {
                        u32::try_from(v.as_int())
                            .ok()
                            .and_then(char::from_u32)
                            .unwrap_or('\u{FFFD}')
                    })
                    .collect();
                Value::str(&s)
            }
            _ => Value::str(""),
        },
        Conv::SliceToArray(n) | Conv::SliceToArrayPtr(n) => {
            let (arr, off, len) = match &a {
                Value::Slice(r) => (Some(r.arr), r.off, r.len),
                _ => (None, 0, 0),
            };
            if len < n {
                // runtime.panicSliceConvert
                return Err(Fault::Runtime(format!(
                    "cannot convert slice with length {} to array or pointer to array with length {}",
                    len, n
                )));
            }
            match (c, arr) {
                (Conv::SliceToArray(_), Some(arr)) => {
                    let elems = heap.array(arr);
                    let w = elems.get(off as usize..(off + n) as usize).unwrap_or(&[]);
                    Value::Seq(std::rc::Rc::new(w.to_vec()))
                }
                (Conv::SliceToArray(_), None) => Value::Seq(std::rc::Rc::new(Vec::new())),
                // A nil slice converts to a nil pointer.
                (_, None) => Value::Nil,
                (_, Some(arr)) => Value::Ptr(std::rc::Rc::new(crate::vm::value::Pointer {
                    root: crate::vm::value::Root::Window(arr, off, n),
                    path: Vec::new(),
                })),
            }
        }
    })
}

/// Whether an interface value's dynamic type is `t` (or implements
/// interface `t`).
pub fn type_matches(prog: &Program, v: &Value, t: TypeId) -> bool {
    let Value::Iface(iv) = v else { return false };
    if iv.0 == t {
        return true;
    }
    if prog.types.is_interface(t) {
        return missing_method(prog, iv.0, t).is_none();
    }
    false
}

/// The first method of interface `iface` that dynamic type `dyn_t` lacks
/// (or has with another signature).
fn missing_method(prog: &Program, dyn_t: TypeId, iface: TypeId) -> Option<String> {
    for m in prog.types.interface_methods(iface) {
        let id = prog.method_names.iter().position(|n| *n == m.name);
        let has = id.is_some_and(|id| {
            let e = prog.methods.entries.get(&(dyn_t, id as u32));
            e.is_some_and(|e| e.sig == m.sig)
        });
        if !has {
            return Some(m.name.clone());
        }
    }
    None
}

/// The message of a failed `v.(T)` without comma-ok, from a `from`-typed
/// interface to `ty` (mirrors `TypeAssertionError.Error`).
pub fn assertion_failure(prog: &Program, v: &Value, ty: TypeId, from: TypeId) -> String {
    let types = &prog.types;
    let is_iface_target = types.is_interface(ty);
    let src = types.name(from);
    match v {
        Value::Iface(iv) => {
            if is_iface_target {
                let missing = missing_method(prog, iv.0, ty).unwrap_or_default();
                format!(
                    "interface conversion: {} is not {}: missing method {}",
                    types.name(iv.0),
                    types.name(ty),
                    missing
                )
            } else {
                format!(
                    "interface conversion: {} is {}, not {}",
                    src,
                    types.name(iv.0),
                    types.name(ty)
                )
            }
        }
        _ => {
            if is_iface_target {
                format!(
                    "interface conversion: interface is nil, not {}",
                    types.name(ty)
                )
            } else {
                format!(
                    "interface conversion: {} is nil, not {}",
                    src,
                    types.name(ty)
                )
            }
        }
    }
}

/// A map key (or sync.Map key) whose dynamic type cannot be hashed panics.
pub fn check_hashable(types: &Types, k: &Value) -> Result<(), Fault> {
    if let Value::Iface(iv) = k {
        if matches!(iv.1, Value::Slice(_) | Value::Map(_) | Value::Func(_)) {
            return Err(Fault::Runtime(format!(
                "hash of unhashable type {}",
                types.name(iv.0)
            )));
        }
    }
    Ok(())
}

/// Comparing two interfaces holding the same uncomparable dynamic type
/// panics; comparing with nil or a different type is just false.
pub fn check_comparable(types: &Types, a: &Value, b: &Value) -> Result<(), Fault> {
    if let (Value::Iface(x), Value::Iface(y)) = (a, b) {
        if x.0 == y.0 && !types.comparable(x.0) {
            return Err(Fault::Runtime(format!(
                "comparing uncomparable type {}",
                types.name(x.0)
            )));
        }
    }
    Ok(())
}
