//! Converts VM values into the formatting engine's value tree, the way
//! fmt sees values through reflection: with their dynamic types, struct
//! field names, and fake but stable addresses for pointers.

use super::goroutine::Goroutine;
use super::heap::{Heap, HeapError, HeapObj};
use super::machine::Vm;
use super::slice;
use super::value::{FuncVal, Root, Value};
use crate::format::{Arg, Field, FmtValue};
use crate::types::{well_known as wk, TypeId, TypeKind};

/// Where fake addresses start (Go heap addresses look like 0xc000012345).
const ADDR_BASE: u64 = 0xc000010000;

impl Vm {
    /// The operands of a fmt call (a `[]any`), charged to the memory
    /// budget.
    pub fn fmt_args(&mut self, g: &mut Goroutine, list: &Value) -> Result<Vec<Arg>, HeapError> {
        let items = slice::items(&self.heap, list);
        let mut limit = ArgLimit::Charge;
        items
            .iter()
            .map(|v| self.to_arg_limited(g, v, wk::EMPTY_IFACE, 0, true, &mut limit))
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

    /// Converts `v` (of static type `t`, found at `depth`) and everything
    /// nested in it. Values nest as deep as a program makes them, so this
    /// works from an explicit stack of [`ArgJob`]s; a composite is built
    /// once its parts are on the `done` stack. What it builds is charged to
    /// the memory budget (`limit` says how, see [`ArgLimit`]).
    pub fn to_arg(
        &mut self,
        g: &mut Goroutine,
        v: &Value,
        t: TypeId,
        depth: u32,
        exported: bool,
    ) -> Arg {
        let mut limit = ArgLimit::Charge;
        self.to_arg_limited(g, v, t, depth, exported, &mut limit)
            .unwrap_or_else(|_| Arg::nil())
    }

    /// [`Vm::to_arg`] within `limit`; `Err` when the memory budget ran out.
    pub fn to_arg_limited(
        &mut self,
        g: &mut Goroutine,
        v: &Value,
        t: TypeId,
        depth: u32,
        exported: bool,
        limit: &mut ArgLimit,
    ) -> Result<Arg, HeapError> {
        let mut jobs = vec![ArgJob::Convert {
            v: v.clone(),
            t,
            depth,
            exported,
            plain: false,
        }];
        let mut done: Vec<Arg> = Vec::new();
        while let Some(job) = jobs.pop() {
            match job {
                ArgJob::Convert {
                    v,
                    t,
                    depth,
                    exported,
                    plain,
                } => {
                    if let Some(arg) =
                        self.convert_step(g, &mut jobs, &v, t, depth, exported, plain, limit)?
                    {
                        done.push(arg);
                    }
                }
                ArgJob::Build { ty, shape, parts } => {
                    let items = done.split_off(done.len().saturating_sub(parts));
                    done.push(Arg::new(ty, shape.build(items)));
                }
                ArgJob::Method {
                    boxed,
                    mid,
                    nil_ptr,
                } => {
                    let plain = done.pop().unwrap_or_else(Arg::nil);
                    done.push(self.with_method(g, plain, &boxed, mid, nil_ptr));
                }
            }
        }
        Ok(done.pop().unwrap_or_else(Arg::nil))
    }

    /// One value: a leaf is returned; an interface pushes its dynamic
    /// value; a composite pushes its parts and a job that builds it.
    #[allow(clippy::too_many_arguments)]
    fn convert_step(
        &mut self,
        g: &mut Goroutine,
        jobs: &mut Vec<ArgJob>,
        v: &Value,
        t: TypeId,
        depth: u32,
        exported: bool,
        plain: bool,
        limit: &mut ArgLimit,
    ) -> Result<Option<Arg>, HeapError> {
        if self.prog.types.is_interface(t) {
            return Ok(match v {
                Value::Iface(iv) => {
                    // fmt's own wrappers, made only for top-level operands.
                    if Some(iv.0) == self.prepped_type {
                        return Ok(Some(self.prepped_arg(g, &iv.1, depth)));
                    }
                    if let (true, Value::Seq(f)) = (Some(iv.0) == self.failed_type, &iv.1) {
                        return Ok(Some(self.failed_arg(g, &f[0], &f[1], depth)));
                    }
                    jobs.push(ArgJob::Convert {
                        v: iv.1.clone(),
                        t: iv.0,
                        depth,
                        exported,
                        plain: false,
                    });
                    None
                }
                _ => {
                    let ty = if depth == 0 {
                        "<nil>".to_string()
                    } else {
                        self.prog.types.name(t)
                    };
                    limit.node(&mut self.heap, ty.len())?;
                    Some(Arg::new(ty, FmtValue::Nil))
                }
            });
        }
        // Nested values reachable through exported fields get their own
        // Error/String methods called, as fmt's handleMethods does: the
        // plain value first (as before), then the method.
        if !plain && depth > 0 && exported && !self.fmt_plain {
            if let Some(mid) = self.fmt_method(t) {
                let nil_ptr = matches!(self.prog.types.kind(t), TypeKind::Pointer(_)) && v.is_nil();
                jobs.push(ArgJob::Method {
                    boxed: Value::Iface(std::rc::Rc::new((t, v.clone()))),
                    mid,
                    nil_ptr,
                });
                jobs.push(ArgJob::Convert {
                    v: v.clone(),
                    t,
                    depth,
                    exported: true,
                    plain: true,
                });
                return Ok(None);
            }
        }
        let ty = if Some(t) == self.runtime_error_type {
            runtime_error_type_name(v.as_bytes()).to_string()
        } else {
            self.prog.types.name(t)
        };
        limit.node(&mut self.heap, ty.len())?;
        let prog = self.prog.clone();
        let types = &prog.types;
        // Parts to convert, in order: (value, static type, exported).
        let mut parts: Vec<(Value, TypeId, bool)> = Vec::new();
        let leaf = match types.ukind(t).clone() {
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
            TypeKind::String => {
                let text = limit.text(v.as_bytes());
                limit.bytes(&mut self.heap, text.len())?;
                FmtValue::Str(text.to_vec())
            }
            TypeKind::Slice(e) => match v {
                Value::Slice(r) => {
                    let all = self
                        .heap
                        .array(r.arr)
                        .get(r.off as usize..(r.off + r.len) as usize)
                        .unwrap_or(&[]);
                    let shown = limit.parts(all.len());
                    parts.extend(all[..shown].iter().map(|x| (x.clone(), e, exported)));
                    let shape = Shape::Slice {
                        elem_uint8: types.underlying(e) == wk::UINT8,
                        addr: ADDR_BASE + (r.arr as u64) * 0x100 + r.off as u64 * 8,
                        cut: shown < all.len(),
                    };
                    return Ok(self.schedule(jobs, ty, shape, parts, depth));
                }
                _ => FmtValue::Slice {
                    elem_uint8: types.underlying(e) == wk::UINT8,
                    items: None,
                    addr: 0,
                },
            },
            TypeKind::Array(_, e) => {
                let all: &[Value] = match v {
                    Value::Seq(items) => items,
                    _ => &[],
                };
                let shown = limit.parts(all.len());
                parts.extend(all[..shown].iter().map(|x| (x.clone(), e, exported)));
                let shape = Shape::Array {
                    elem_uint8: types.underlying(e) == wk::UINT8,
                    cut: shown < all.len(),
                };
                return Ok(self.schedule(jobs, ty, shape, parts, depth));
            }
            TypeKind::Map(k, val) => match v {
                Value::Map(id) => {
                    let n = match self.heap.get(*id) {
                        Some(HeapObj::Map(m)) => m.len(),
                        _ => 0,
                    };
                    let shown = limit.parts(n);
                    if let Some(HeapObj::Map(m)) = self.heap.get(*id) {
                        for (kk, vv) in m.values().take(shown) {
                            parts.push((kk.clone(), k, exported));
                            parts.push((vv.clone(), val, exported));
                        }
                    }
                    let shape = Shape::Map {
                        addr: ADDR_BASE + (*id as u64) * 0x100,
                    };
                    return Ok(self.schedule(jobs, ty, shape, parts, depth));
                }
                _ => FmtValue::Map {
                    entries: None,
                    addr: 0,
                },
            },
            TypeKind::Struct(fields) => {
                let vals: &[Value] = match v {
                    Value::Seq(items) => items,
                    _ => &[],
                };
                let shown = limit.parts(fields.len());
                let mut names = Vec::with_capacity(shown);
                for (i, f) in fields.iter().take(shown).enumerate() {
                    let exported =
                        exported && f.name.chars().next().is_some_and(char::is_uppercase);
                    names.push(f.name.clone());
                    parts.push((vals.get(i).cloned().unwrap_or(Value::Nil), f.ty, exported));
                }
                return Ok(self.schedule(jobs, ty, Shape::Struct { names }, parts, depth));
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
                    match (shows_pointee, self.load_ptr(v).ok()) {
                        (true, Some(x)) => {
                            parts.push((x, e, exported));
                            let shape = Shape::Pointer { addr };
                            return Ok(self.schedule(jobs, ty, shape, parts, depth));
                        }
                        _ => FmtValue::Pointer {
                            addr,
                            pointee: None,
                        },
                    }
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
        Ok(Some(Arg::new(ty, leaf)))
    }

    /// Pushes the job that builds a composite, then its parts, the first
    /// on top.
    fn schedule(
        &mut self,
        jobs: &mut Vec<ArgJob>,
        ty: String,
        shape: Shape,
        parts: Vec<(Value, TypeId, bool)>,
        depth: u32,
    ) -> Option<Arg> {
        jobs.push(ArgJob::Build {
            ty,
            shape,
            parts: parts.len(),
        });
        for (v, t, exported) in parts.into_iter().rev() {
            jobs.push(ArgJob::Convert {
                v,
                t,
                depth: depth + 1,
                exported,
                plain: false,
            });
        }
        None
    }

    /// A nested value with an Error or String method: its plain form (built
    /// already), with the method's text, or its panic.
    fn with_method(
        &mut self,
        g: &mut Goroutine,
        plain: Arg,
        boxed: &Value,
        mid: u32,
        nil_ptr: bool,
    ) -> Arg {
        if nil_ptr {
            return Arg::new(
                plain.ty,
                FmtValue::Method {
                    text: b"<nil>".to_vec(),
                    value: Box::new(plain.value),
                },
            );
        }
        // None: a method promoted through a nil embedded field.
        let Some(res) = self.method_text(g, boxed, mid) else {
            return plain;
        };
        match res {
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
        }
    }

    /// An operand whose Error or String method panicked with `panic`
    /// (fmt's catchPanic): `<nil>` for a nil pointer receiver, else the
    /// panic, next to the plain value for verbs that do not use the method.
    fn failed_arg(&mut self, g: &mut Goroutine, x: &Value, panic: &Value, depth: u32) -> Arg {
        let Value::Iface(iv) = x else {
            return Arg::nil();
        };
        let (t, v) = (iv.0, iv.1.clone());
        let plain = self.plain_to_arg(g, &v, t, depth);
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

    /// `v` converted without calling its own Error or String method.
    fn plain_to_arg(&mut self, g: &mut Goroutine, v: &Value, t: TypeId, depth: u32) -> Arg {
        let saved = std::mem::replace(&mut self.fmt_plain, true);
        let arg = self.to_arg(g, v, t, depth, false);
        self.fmt_plain = saved;
        arg
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

/// The concrete type Go's runtime panics with for a run-time error of this
/// text (runtime/error.go): gosim keeps one type for them all and names it
/// by its message, which is what `%T` shows.
pub fn runtime_error_type_name(text: &[u8]) -> &'static str {
    const BOUNDS: [&[u8]; 3] = [
        b"runtime error: index out of range",
        b"runtime error: slice bounds out of range",
        b"runtime error: cannot convert slice",
    ];
    if BOUNDS.iter().any(|p| text.starts_with(p)) {
        "runtime.boundsError"
    } else if text.starts_with(b"interface conversion") {
        "*runtime.TypeAssertionError"
    } else if text == b"runtime error: panic called with nil argument" {
        "*runtime.PanicNilError"
    } else if text.starts_with(b"runtime error: ") {
        "runtime.errorString"
    } else {
        "runtime.plainError"
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

/// A conversion still to do, or a composite waiting for its parts.
enum ArgJob {
    Convert {
        v: Value,
        t: TypeId,
        depth: u32,
        exported: bool,
        /// Skip the value's own Error/String method (its plain form).
        plain: bool,
    },
    /// A composite whose `parts` converted parts are on top of the done
    /// stack, in order.
    Build {
        ty: String,
        shape: Shape,
        parts: usize,
    },
    /// A value whose method fmt calls, once its plain form is built.
    Method {
        boxed: Value,
        mid: u32,
        nil_ptr: bool,
    },
}

/// What a composite becomes once its parts are converted.
enum Shape {
    Slice {
        elem_uint8: bool,
        addr: u64,
        cut: bool,
    },
    Array {
        elem_uint8: bool,
        cut: bool,
    },
    /// Parts alternate key, value.
    Map {
        addr: u64,
    },
    Struct {
        names: Vec<String>,
    },
    Pointer {
        addr: u64,
    },
}

impl Shape {
    fn build(self, mut items: Vec<Arg>) -> FmtValue {
        let cut_marker = || Arg::new("", FmtValue::Str(b"...".to_vec()));
        match self {
            Shape::Slice {
                elem_uint8,
                addr,
                cut,
            } => {
                if cut {
                    items.push(cut_marker());
                }
                FmtValue::Slice {
                    elem_uint8: elem_uint8 && !cut,
                    items: Some(items),
                    addr,
                }
            }
            Shape::Array { elem_uint8, cut } => {
                if cut {
                    items.push(cut_marker());
                }
                FmtValue::Array {
                    elem_uint8: elem_uint8 && !cut,
                    items,
                }
            }
            Shape::Map { addr } => {
                let mut entries = Vec::with_capacity(items.len() / 2);
                let mut it = items.into_iter();
                while let (Some(k), Some(v)) = (it.next(), it.next()) {
                    entries.push((k, v));
                }
                FmtValue::Map {
                    entries: Some(entries),
                    addr,
                }
            }
            Shape::Struct { names } => FmtValue::Struct {
                fields: names
                    .into_iter()
                    .zip(items)
                    .map(|(name, value)| Field { name, value })
                    .collect(),
            },
            Shape::Pointer { addr } => FmtValue::Pointer {
                addr,
                pointee: items.pop().map(Box::new),
            },
        }
    }
}

/// What converting a value may cost.
pub enum ArgLimit {
    /// For the program's own fmt calls: every node and string copied is
    /// charged to the memory budget; nothing is left out.
    Charge,
    /// For the UI's pictures of values: at most this many more parts are
    /// shown, the rest of a composite becomes `...`; nothing is charged.
    Parts(usize),
}

/// The most of one string a picture of a value converts: more than any
/// picture shows (`view::VALUE_TEXT_BYTES`), so the cut is still marked.
const PICTURE_TEXT_BYTES: usize = 4096;

/// A converted node's size beyond its type name and text.
const ARG_NODE: u64 = 96;

impl ArgLimit {
    fn node(&mut self, heap: &mut Heap, ty_len: usize) -> Result<(), HeapError> {
        match self {
            ArgLimit::Charge => heap.charge(ARG_NODE + ty_len as u64),
            ArgLimit::Parts(_) => Ok(()),
        }
    }

    fn bytes(&mut self, heap: &mut Heap, n: usize) -> Result<(), HeapError> {
        match self {
            ArgLimit::Charge => heap.charge(n as u64),
            ArgLimit::Parts(_) => Ok(()),
        }
    }

    /// The part of a string's bytes to convert: all of it for the
    /// program's own formatting; for a picture, no more than a picture can
    /// show, so a 256 MiB string is not copied to draw its first line.
    fn text<'a>(&self, bytes: &'a [u8]) -> &'a [u8] {
        match self {
            ArgLimit::Charge => bytes,
            ArgLimit::Parts(_) => &bytes[..bytes.len().min(PICTURE_TEXT_BYTES)],
        }
    }

    /// How many of a composite's `n` parts to convert.
    fn parts(&mut self, n: usize) -> usize {
        match self {
            ArgLimit::Charge => n,
            ArgLimit::Parts(left) => {
                let shown = n.min(*left);
                *left -= shown;
                shown
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_picture_converts_a_prefix_of_a_long_string_and_fmt_all_of_it() {
        let long = vec![b'x'; 3 * PICTURE_TEXT_BYTES];
        assert_eq!(ArgLimit::Parts(8).text(&long).len(), PICTURE_TEXT_BYTES);
        assert_eq!(ArgLimit::Parts(8).text(b"short"), b"short");
        assert_eq!(ArgLimit::Charge.text(&long).len(), long.len());
    }
}
