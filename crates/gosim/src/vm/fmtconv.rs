//! Converts VM values into the formatting engine's value tree, the way
//! fmt sees values through reflection: with their dynamic types, struct
//! field names, and fake but stable addresses for pointers. A value fmt
//! may call a method of (`Format`, `GoString`, `Error`, `String`, reached
//! through exported parts) is wrapped in [`FmtValue::Methods`] and kept
//! in `Vm::fmt_receivers`, so the fmt prelude can make the calls the
//! formatter asks for.

use super::fault::Fault;
use super::goroutine::Goroutine;
use super::heap::{Heap, HeapError, HeapObj};
use super::machine::Vm;
use super::slice;
use super::value::{FuncVal, Root, Value};
use crate::format::{methods, Arg, Field, FmtValue};
use crate::types::{well_known as wk, TypeId, TypeKind};

/// Where fake addresses start (Go heap addresses look like 0xc000012345).
const ADDR_BASE: u64 = 0xc000010000;

impl Vm {
    /// The operands of a fmt call (a `[]any`), charged to the memory
    /// budget, and their nodes to the step budget: formatting a value
    /// takes time in proportion to the nodes it walks, and under
    /// `bounded_ops` one call may walk no more than the instruction's share.
    pub fn fmt_args(&mut self, list: &Value) -> Result<Vec<Arg>, Fault> {
        self.fmt_receivers.clear();
        let items = slice::items(&self.heap, list);
        let allowed = self.op_steps_left() / FMT_NODE_STEPS;
        let mut limit = ArgLimit::Charge {
            nodes_left: allowed,
            out_of_work: false,
        };
        let args: Result<Vec<Arg>, HeapError> = items
            .iter()
            .map(|v| self.to_arg_limited(v, wk::EMPTY_IFACE, 0, true, &mut limit))
            .collect();
        let ArgLimit::Charge {
            nodes_left,
            out_of_work,
        } = limit
        else {
            unreachable!("fmt_args made a charging limit")
        };
        self.steps = self
            .steps
            .saturating_add((allowed - nodes_left).saturating_mul(FMT_NODE_STEPS));
        match args {
            Err(HeapError::OutOfMemory) if out_of_work => {
                Err(Fault::Budget(super::fault::Ending::StepBudget))
            }
            other => Ok(other?),
        }
    }

    /// The Error or String method that prints a panic value of type `t`
    /// (the runtime's printpanicval; fmt's own calls go through the prelude).
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

    /// Which of fmt's methods (bits of [`methods`]) values of type `t`
    /// have, with the signatures fmt's interfaces require.
    pub(super) fn fmt_method_set(&self, t: TypeId) -> u8 {
        let mut set = 0;
        for (bit, mid) in self.fmt_mids {
            let Some(mid) = mid else { continue };
            let Some(e) = self.prog.methods.entries.get(&(t, mid)) else {
                continue;
            };
            let Some(sig) = self.prog.types.signature(e.sig) else {
                continue;
            };
            let ok = if bit == methods::FORMAT {
                sig.results.is_empty()
                    && sig.params.len() == 2
                    && Some(sig.params[0]) == self.fmt_state_type
                    && sig.params[1] == wk::INT32
            } else {
                sig.params.is_empty() && sig.results == [wk::STRING]
            };
            if ok && !sig.variadic {
                set |= bit;
            }
        }
        set
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
    pub fn to_arg_limited(
        &mut self,
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
                        self.convert_step(&mut jobs, &v, t, depth, exported, plain, limit)?
                    {
                        done.push(arg);
                    }
                }
                ArgJob::Build { ty, shape, parts } => {
                    let items = done.split_off(done.len().saturating_sub(parts));
                    done.push(Arg::new(ty, shape.build(items)));
                }
                ArgJob::Wrap { id, set, nil_ptr } => {
                    let plain = done.pop().unwrap_or_else(Arg::nil);
                    done.push(Arg::new(
                        plain.ty,
                        FmtValue::Methods {
                            id,
                            set,
                            nil_ptr,
                            value: Box::new(plain.value),
                        },
                    ));
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
        // An operand, or a value reachable from it through exported
        // fields, whose methods fmt may call (handleMethods): its plain
        // form, wrapped with what the formatter needs to ask for a call.
        let set = if !plain && exported && !self.fmt_plain {
            self.fmt_method_set(t)
        } else {
            0
        };
        if set != 0 {
            let nil_ptr = matches!(self.prog.types.kind(t), TypeKind::Pointer(_)) && v.is_nil();
            let id = self.fmt_receivers.len() as u32;
            self.fmt_receivers
                .push(Value::Iface(std::rc::Rc::new((t, v.clone()))));
            jobs.push(ArgJob::Wrap { id, set, nil_ptr });
            jobs.push(ArgJob::Convert {
                v: v.clone(),
                t,
                depth,
                exported: true,
                plain: true,
            });
            return Ok(None);
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
    /// A value fmt may call a method of, once its plain form is built:
    /// see [`FmtValue::Methods`].
    Wrap { id: u32, set: u8, nil_ptr: bool },
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
    /// charged to the memory budget, and at most `nodes_left` more nodes
    /// are converted (`out_of_work` once one more was asked for); nothing
    /// is left out.
    Charge { nodes_left: u64, out_of_work: bool },
    /// For the UI's pictures of values: at most this many more parts are
    /// shown, the rest of a composite becomes `...`; nothing is charged.
    Parts(usize),
}

/// The most of one string a picture of a value converts: more than any
/// picture shows (`view::VALUE_TEXT_BYTES`), so the cut is still marked.
const PICTURE_TEXT_BYTES: usize = 4096;

/// A converted node's size beyond its type name and text.
const ARG_NODE: u64 = 96;

/// The steps one converted node costs: converting and printing a node
/// takes about as long as ten ordinary instructions (measured with
/// `examples/longest_step.rs` on a 250,000-deep value).
const FMT_NODE_STEPS: u64 = 8;

impl ArgLimit {
    fn node(&mut self, heap: &mut Heap, ty_len: usize) -> Result<(), HeapError> {
        match self {
            ArgLimit::Charge {
                nodes_left,
                out_of_work,
            } => {
                // Out of work is reported as out of memory here, and told
                // apart by fmt_args.
                let Some(left) = nodes_left.checked_sub(1) else {
                    *out_of_work = true;
                    return Err(HeapError::OutOfMemory);
                };
                *nodes_left = left;
                heap.charge(ARG_NODE + ty_len as u64)
            }
            ArgLimit::Parts(_) => Ok(()),
        }
    }

    fn bytes(&mut self, heap: &mut Heap, n: usize) -> Result<(), HeapError> {
        match self {
            ArgLimit::Charge { .. } => heap.charge(n as u64),
            ArgLimit::Parts(_) => Ok(()),
        }
    }

    /// The part of a string's bytes to convert: all of it for the
    /// program's own formatting; for a picture, no more than a picture can
    /// show, so a 256 MiB string is not copied to draw its first line.
    fn text<'a>(&self, bytes: &'a [u8]) -> &'a [u8] {
        match self {
            ArgLimit::Charge { .. } => bytes,
            ArgLimit::Parts(_) => &bytes[..bytes.len().min(PICTURE_TEXT_BYTES)],
        }
    }

    /// How many of a composite's `n` parts to convert.
    fn parts(&mut self, n: usize) -> usize {
        match self {
            ArgLimit::Charge { .. } => n,
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
        assert_eq!(
            ArgLimit::Charge {
                nodes_left: 1,
                out_of_work: false
            }
            .text(&long)
            .len(),
            long.len()
        );
    }
}
