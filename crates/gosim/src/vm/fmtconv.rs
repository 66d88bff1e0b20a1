//! Converts VM values into the formatting engine's value tree, the way
//! fmt sees values through reflection: with their dynamic types, struct
//! field names, and fake but stable addresses for pointers.

use super::goroutine::Goroutine;
use super::heap::HeapObj;
use super::machine::Vm;
use super::slice;
use super::value::{FuncVal, Root, Value};
use crate::format::{Arg, Field, FmtValue};
use crate::types::{well_known as wk, TypeId, TypeKind};

/// Where fake addresses start (Go heap addresses look like 0xc000012345).
const ADDR_BASE: u64 = 0xc000010000;

impl Vm {
    /// The operands of a fmt call: a `[]any`.
    pub fn fmt_args(&mut self, g: &mut Goroutine, list: &Value) -> Vec<Arg> {
        let items = slice::items(&self.heap, list);
        items
            .iter()
            .map(|v| self.to_arg(g, v, wk::EMPTY_IFACE, 0, true))
            .collect()
    }

    /// The Error or String method fmt would call on a value of type `t`.
    pub(super) fn fmt_method(&self, t: TypeId) -> Option<u32> {
        for name in ["Error", "String"] {
            let Some(mid) = self.prog.method_names.iter().position(|n| n == name) else {
                continue;
            };
            if let Some(e) = self.prog.methods.entries.get(&(t, mid as u32)) {
                let sig_ok = self
                    .prog
                    .types
                    .signature(e.sig)
                    .is_some_and(|s| s.params.is_empty() && s.results == [wk::STRING]);
                if sig_ok {
                    return Some(mid as u32);
                }
            }
        }
        None
    }

    /// Calls method `mid` (Error or String) of interface value `v`: its
    /// text, or the panic it raised; None if the receiver is unreachable.
    pub(super) fn method_text(
        &mut self,
        g: &mut Goroutine,
        v: &Value,
        mid: u32,
    ) -> Option<Result<Vec<u8>, String>> {
        let (target, recv) = self.dispatch(v, mid).ok()?;
        let func = Value::Func(std::rc::Rc::new(match target {
            crate::types::MethodTarget::Func(fid) => FuncVal::Bound { fid, recv },
            crate::types::MethodTarget::Native(nid) => FuncVal::Native {
                nid,
                recv: Some(recv),
            },
        }));
        Some(self.call_sync(g, func, Vec::new()).map(|out| {
            out.first()
                .map(|x| x.as_bytes().to_vec())
                .unwrap_or_default()
        }))
    }

    pub fn to_arg(
        &mut self,
        g: &mut Goroutine,
        v: &Value,
        t: TypeId,
        depth: u32,
        exported: bool,
    ) -> Arg {
        if depth > 24 {
            return Arg::new(self.prog.types.name(t), FmtValue::Str(b"...".to_vec()));
        }
        if self.prog.types.is_interface(t) {
            return match v {
                Value::Iface(iv) => {
                    if Some(iv.0) == self.prepped_type {
                        return self.prepped_arg(g, &iv.1, depth);
                    }
                    if let (true, Value::Seq(f)) = (Some(iv.0) == self.failed_type, &iv.1) {
                        return self.failed_arg(g, &f[0], &f[1], depth);
                    }
                    let (dt, inner) = (iv.0, iv.1.clone());
                    self.to_arg(g, &inner, dt, depth, exported)
                }
                _ => Arg::new(
                    if depth == 0 {
                        "<nil>".to_string()
                    } else {
                        self.prog.types.name(t)
                    },
                    FmtValue::Nil,
                ),
            };
        }
        // Nested values reachable through exported fields get their own
        // Error/String methods called, as fmt's handleMethods does.
        if depth > 0 && exported && !self.fmt_plain {
            if let Some(mid) = self.fmt_method(t) {
                let is_nil_ptr =
                    matches!(self.prog.types.kind(t), TypeKind::Pointer(_)) && v.is_nil();
                let plain = self.plain_arg(g, v, t, depth, true);
                if is_nil_ptr {
                    return Arg::new(
                        plain.ty,
                        FmtValue::Method {
                            text: b"<nil>".to_vec(),
                            value: Box::new(plain.value),
                        },
                    );
                }
                let boxed = Value::Iface(std::rc::Rc::new((t, v.clone())));
                // None: a method promoted through a nil embedded field.
                let Some(res) = self.method_text(g, &boxed, mid) else {
                    return plain;
                };
                return match res {
                    Ok(text) => Arg::new(
                        plain.ty,
                        FmtValue::Method {
                            text,
                            value: Box::new(plain.value),
                        },
                    ),
                    Err(panic) => Arg::new(
                        plain.ty,
                        FmtValue::MethodPanic {
                            method: self.prog.method_names[mid as usize].clone(),
                            panic: panic.into_bytes(),
                            value: Box::new(plain.value),
                        },
                    ),
                };
            }
        }
        self.plain_arg(g, v, t, depth, exported)
    }

    /// An operand whose Error or String method panicked with `panic`
    /// (fmt's catchPanic): `<nil>` for a nil pointer receiver, else the
    /// panic, next to the plain value for verbs that do not use the method.
    fn failed_arg(&mut self, g: &mut Goroutine, x: &Value, panic: &Value, depth: u32) -> Arg {
        let Value::Iface(iv) = x else {
            return Arg::nil();
        };
        let (t, v) = (iv.0, iv.1.clone());
        let plain = self.plain_arg(g, &v, t, depth, false);
        let value = Box::new(plain.value);
        let nil_ptr = matches!(self.prog.types.kind(t), TypeKind::Pointer(_)) && v.is_nil();
        let fv = match self.fmt_method(t) {
            Some(_) if nil_ptr => FmtValue::Method {
                text: b"<nil>".to_vec(),
                value,
            },
            Some(mid) => {
                // fmt prints the panic value with %v, its own methods
                // included (an error panics as its Error text).
                let shown = self.to_arg(g, panic, wk::EMPTY_IFACE, 1, true);
                FmtValue::MethodPanic {
                    method: self.prog.method_names[mid as usize].clone(),
                    panic: crate::format::sprint(&[shown]),
                    value,
                }
            }
            None => *value,
        };
        Arg::new(plain.ty, fv)
    }

    fn plain_arg(
        &mut self,
        g: &mut Goroutine,
        v: &Value,
        t: TypeId,
        depth: u32,
        exported: bool,
    ) -> Arg {
        let ty = self.prog.types.name(t);
        let prog = self.prog.clone();
        let types = &prog.types;
        let value = match types.ukind(t).clone() {
            TypeKind::Bool => FmtValue::Bool(v.as_bool()),
            TypeKind::Int(k) => {
                if k.signed() {
                    FmtValue::Int(v.as_int())
                } else {
                    let raw = v.as_int() as u64;
                    FmtValue::Uint(if k.bits() == 64 {
                        raw
                    } else {
                        raw & ((1u64 << k.bits()) - 1)
                    })
                }
            }
            TypeKind::Float64 => FmtValue::Float64(v.as_float()),
            TypeKind::Float32 => FmtValue::Float32(v.as_float() as f32),
            TypeKind::String => FmtValue::Str(v.as_bytes().to_vec()),
            TypeKind::Slice(e) => {
                let elem_uint8 = types.underlying(e) == wk::UINT8;
                match v {
                    Value::Slice(r) => {
                        let elems: Vec<Value> = self
                            .heap
                            .array(r.arr)
                            .get(r.off as usize..(r.off + r.len) as usize)
                            .unwrap_or(&[])
                            .to_vec();
                        let items = elems
                            .iter()
                            .map(|x| self.to_arg(g, x, e, depth + 1, exported))
                            .collect();
                        FmtValue::Slice {
                            elem_uint8,
                            items: Some(items),
                            addr: ADDR_BASE + (r.arr as u64) * 0x100 + r.off as u64 * 8,
                        }
                    }
                    _ => FmtValue::Slice {
                        elem_uint8,
                        items: None,
                        addr: 0,
                    },
                }
            }
            TypeKind::Array(_, e) => {
                let elem_uint8 = types.underlying(e) == wk::UINT8;
                let items = match v {
                    Value::Seq(items) => items
                        .iter()
                        .map(|x| self.to_arg(g, x, e, depth + 1, exported))
                        .collect(),
                    _ => Vec::new(),
                };
                FmtValue::Array { elem_uint8, items }
            }
            TypeKind::Map(k, val) => match v {
                Value::Map(id) => {
                    let pairs: Vec<(Value, Value)> = match self.heap.get(*id) {
                        Some(HeapObj::Map(m)) => m.values().cloned().collect(),
                        _ => Vec::new(),
                    };
                    let entries = pairs
                        .iter()
                        .map(|(kk, vv)| {
                            (
                                self.to_arg(g, kk, k, depth + 1, exported),
                                self.to_arg(g, vv, val, depth + 1, exported),
                            )
                        })
                        .collect();
                    FmtValue::Map {
                        entries: Some(entries),
                        addr: ADDR_BASE + (*id as u64) * 0x100,
                    }
                }
                _ => FmtValue::Map {
                    entries: None,
                    addr: 0,
                },
            },
            TypeKind::Struct(fields) => {
                let vals: Vec<Value> = match v {
                    Value::Seq(items) => items.to_vec(),
                    _ => Vec::new(),
                };
                FmtValue::Struct {
                    fields: fields
                        .iter()
                        .enumerate()
                        .map(|(i, f)| {
                            let exported =
                                exported && f.name.chars().next().is_some_and(char::is_uppercase);
                            Field {
                                name: f.name.clone(),
                                value: self.to_arg(
                                    g,
                                    vals.get(i).unwrap_or(&Value::Nil),
                                    f.ty,
                                    depth + 1,
                                    exported,
                                ),
                            }
                        })
                        .collect(),
                }
            }
            TypeKind::Pointer(e) => match v {
                Value::Ptr(p) => {
                    let addr = pointer_addr(p);
                    let shows_pointee = depth == 0
                        && matches!(
                            types.ukind(e),
                            TypeKind::Struct(_)
                                | TypeKind::Array(..)
                                | TypeKind::Slice(_)
                                | TypeKind::Map(..)
                        );
                    let pointee = match (shows_pointee, self.load_ptr(v).ok()) {
                        (true, Some(x)) => {
                            Some(Box::new(self.to_arg(g, &x, e, depth + 1, exported)))
                        }
                        _ => None,
                    };
                    FmtValue::Pointer { addr, pointee }
                }
                _ => FmtValue::Pointer {
                    addr: 0,
                    pointee: None,
                },
            },
            TypeKind::Chan(..) => match v {
                Value::Chan(id) => FmtValue::Chan {
                    addr: ADDR_BASE + (*id as u64) * 0x100,
                },
                _ => FmtValue::Chan { addr: 0 },
            },
            TypeKind::Func(_) => match v {
                Value::Func(f) => FmtValue::Func {
                    addr: 0x47b000
                        + match &**f {
                            FuncVal::Closure { fid, .. } | FuncVal::Bound { fid, .. } => {
                                *fid as u64 * 0x20
                            }
                            FuncVal::Native { nid, .. } => 0x10000 + *nid as u64 * 0x20,
                        },
                },
                _ => FmtValue::Func { addr: 0 },
            },
            TypeKind::Opaque(_) => FmtValue::Struct { fields: Vec::new() },
            _ => FmtValue::Nil,
        };
        Arg::new(ty, value)
    }

    /// An operand whose Error/String method the fmt prelude already called.
    fn prepped_arg(&mut self, g: &mut Goroutine, v: &Value, depth: u32) -> Arg {
        let (text, orig) = match v {
            Value::Seq(f) => (
                f.first().map(|x| x.as_bytes().to_vec()).unwrap_or_default(),
                f.get(1).cloned().unwrap_or(Value::Nil),
            ),
            _ => (Vec::new(), Value::Nil),
        };
        // The plain value serves only verbs that do not use methods, and
        // those do not call nested values' methods either: building it
        // without them keeps every method to the one call Go makes.
        let inner = self.to_arg(g, &orig, wk::EMPTY_IFACE, depth, false);
        Arg::new(
            inner.ty.clone(),
            FmtValue::Method {
                text,
                value: Box::new(inner.value),
            },
        )
    }
}

fn pointer_addr(p: &super::value::Pointer) -> u64 {
    let base = match p.root {
        Root::Cell(id) => ADDR_BASE + id as u64 * 0x100,
        Root::Elem(id, i) | Root::Window(id, i, _) => ADDR_BASE + id as u64 * 0x100 + i as u64 * 8,
        Root::Global(g) => 0x560000 + g as u64 * 0x10,
    };
    base + p.path.iter().map(|&i| i as u64 * 8).sum::<u64>()
}
