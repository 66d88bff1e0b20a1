//! Native library calls, one room per Go package, following the groups of
//! the [`Native`] enum: `sync`, `atomic` (sync/atomic), `time`, `fmt`,
//! `builtin` (the builtins run as natives, errors, os and runtime) and
//! `text` (strings, strconv, math, sort, unicode/utf8: the ones that only
//! compute). This file routes a call to its room and holds what the rooms
//! share: the call's operands, handles to runtime objects, and applying a
//! sync primitive's outcome.
//!
//! A native reads its operands from the top of the goroutine's stack. When
//! it completes it pops them and pushes its results; when it must block it
//! leaves them in place and the instruction is retried when the goroutine
//! is readied (see [`Resume`]).

mod atomic;
mod builtin;
mod fmt;
mod gomath;
mod net;
mod sync;
mod text;
mod time;

use crate::runtime::{Gid, GoError, SyncOutcome};
use crate::syntax::span::Span;
use crate::types::{TypeId, TypeKind};
use crate::vm::events::EventKind;
use crate::vm::fault::Fault;
use crate::vm::goroutine::{Goroutine, Resume};
use crate::vm::heap::HeapObj;
use crate::vm::machine::{Flow, OpResult, Vm};
use crate::vm::natives::Native;
use crate::vm::value::{ObjId, Pointer, Value};
use std::rc::Rc;

/// One native call in progress. The operands are copied off the stack,
/// which keeps them until the call completes.
pub(super) struct NativeCall {
    native: Native,
    argc: u32,
    span: Span,
    /// How the goroutine was readied, when it parked in this call and now
    /// runs it again.
    resumed: Option<Resume>,
    args: Vec<Value>,
    /// The virtual time of the call.
    now: i64,
}

impl NativeCall {
    /// Operand `i` (nil when absent).
    fn arg(&self, i: usize) -> Value {
        self.args.get(i).cloned().unwrap_or(Value::Nil)
    }

    /// Operand `i` as an integer (0 when absent).
    fn int(&self, i: usize) -> i64 {
        self.args.get(i).map(|v| v.as_int()).unwrap_or(0)
    }

    /// Operand `i` as a float (0 when absent).
    fn float(&self, i: usize) -> f64 {
        self.args.get(i).map(|v| v.as_float()).unwrap_or(0.0)
    }

    /// Operand `i`'s bytes (empty when absent).
    fn bytes(&self, i: usize) -> Vec<u8> {
        self.args
            .get(i)
            .map(|v| v.as_bytes().to_vec())
            .unwrap_or_default()
    }

    /// Operand `i` as text, invalid UTF-8 replaced.
    fn string(&self, i: usize) -> String {
        String::from_utf8_lossy(self.args.get(i).map(|v| v.as_bytes()).unwrap_or(b"")).to_string()
    }
}

/// What a sync primitive's operation did, for [`Vm::apply_sync`].
struct SyncStep {
    outcome: SyncOutcome,
    /// The call's results when it completes.
    results: Vec<Value>,
    /// The primitive's runtime object.
    obj: ObjId,
    /// The operation's Go name, for the event log and the race detector.
    op: &'static str,
}

impl Vm {
    /// Runs native `nid` on `g` with the top `argc` operands.
    pub fn call_native(&mut self, g: &mut Goroutine, nid: u32, argc: u32, span: Span) -> OpResult {
        let Some(native) = self.prog.natives.get(nid as usize).copied() else {
            return Err(Fault::Fatal("gosim: unknown native".into()));
        };
        let call = NativeCall {
            native,
            argc,
            span,
            resumed: g.resume.take(),
            args: g.args(argc).to_vec(),
            now: self.now(),
        };
        match native {
            Native::MutexLock | Native::MutexUnlock | Native::MutexTryLock => self.mutex(g, &call),
            Native::RWLock
            | Native::RWUnlock
            | Native::RWRLock
            | Native::RWRUnlock
            | Native::RWTryLock
            | Native::RWTryRLock => self.rwmutex(g, &call),
            Native::WgAdd | Native::WgDone | Native::WgWait => self.waitgroup(g, &call),
            Native::NotifyListAdd
            | Native::NotifyListWait
            | Native::NotifyListNotifyOne
            | Native::NotifyListNotifyAll => self.notify_list(g, &call),
            Native::MapLoad
            | Native::MapStore
            | Native::MapLoadOrStore
            | Native::MapLoadAndDelete
            | Native::MapDelete
            | Native::MapSwap
            | Native::MapClear
            | Native::MapSnapshot => self.sync_map(g, &call),
            Native::AtomicAdd(_)
            | Native::AtomicLoad
            | Native::AtomicStore
            | Native::AtomicSwap
            | Native::AtomicCas
            | Native::AtomicLoadAny
            | Native::AtomicStoreAny
            | Native::AtomicSwapAny
            | Native::AtomicCasAny => self.atomic(g, &call),
            Native::TimeNow
            | Native::TimeSleep
            | Native::DurationString
            | Native::TimeString
            | Native::TimeFormat => self.clock(g, &call),
            Native::NewTimer
            | Native::AfterFunc
            | Native::TimerStop
            | Native::TimerReset
            | Native::NewTicker
            | Native::TickerStop
            | Native::TickerReset => self.timers(g, &call),
            Native::PollOpen
            | Native::PollClose
            | Native::PollReset
            | Native::PollWait
            | Native::PollUnblock
            | Native::PollSetDeadline
            | Native::NetpollNotify
            | Native::SockTrace => self.netpoll_native(g, &call),
            Native::FmtPrintln
            | Native::FmtPrint
            | Native::FmtPrintf
            | Native::FmtSprintf
            | Native::FmtSprint
            | Native::FmtSprintln
            | Native::FmtErrorfText
            | Native::FmtWrapped => self.fmt(g, &call),
            Native::BuiltinClose
            | Native::BuiltinPanic
            | Native::BuiltinPrint
            | Native::BuiltinPrintln
            | Native::BuiltinDelete
            | Native::BuiltinRecover
            | Native::BuiltinClear
            | Native::RuntimeErrorString
            | Native::RuntimeErrorMarker
            | Native::ErrorsAssignTo
            | Native::OsExit
            | Native::Gosched
            | Native::Goexit
            | Native::NumGoroutine
            | Native::Gomaxprocs => self.builtin(g, &call),
            Native::StrContains
            | Native::StrContainsRune
            | Native::StrContainsAny
            | Native::StrHasPrefix
            | Native::StrHasSuffix
            | Native::StrIndex
            | Native::StrIndexByte
            | Native::StrIndexRune
            | Native::StrLastIndex
            | Native::StrSplit
            | Native::StrSplitN
            | Native::StrFields
            | Native::StrJoin
            | Native::StrRepeat
            | Native::StrReplace
            | Native::StrReplaceAll
            | Native::StrToUpper
            | Native::StrToLower
            | Native::StrTitle
            | Native::StrToTitle
            | Native::StrTrimSpace
            | Native::StrTrim
            | Native::StrTrimLeft
            | Native::StrTrimRight
            | Native::StrTrimPrefix
            | Native::StrTrimSuffix
            | Native::StrCount
            | Native::StrEqualFold
            | Native::StrCompare => self
                .strings(g, &call)
                .and_then(|r| self.complete(g, &call, r)),
            Native::Itoa
            | Native::FormatInt
            | Native::FormatUint
            | Native::FormatFloat
            | Native::FormatBool
            | Native::Quote
            | Native::QuoteRune
            | Native::ParseInt
            | Native::ParseUint
            | Native::ParseFloat => self
                .strconv(g, &call)
                .and_then(|r| self.complete(g, &call, r)),
            Native::MathUnary(_)
            | Native::MathPow
            | Native::MathMod
            | Native::MathFma
            | Native::MathBits(_)
            | Native::MathInf
            | Native::MathNaN
            | Native::MathIsNaN
            | Native::MathIsInf
            | Native::MathMax
            | Native::MathMin
            | Native::FloatMax
            | Native::FloatMin => self.math(g, &call).and_then(|r| self.complete(g, &call, r)),
            Native::SortInts | Native::SortStrings | Native::SortLen | Native::SortSwap => {
                self.sort(g, &call).and_then(|r| self.complete(g, &call, r))
            }
            Native::Utf8RuneCountInString
            | Native::Utf8RuneCount
            | Native::Utf8RuneLen
            | Native::Utf8ValidString
            | Native::Utf8DecodeRuneInString
            | Native::Utf8DecodeLastRuneInString => {
                self.utf8(g, &call).and_then(|r| self.complete(g, &call, r))
            }
        }
    }

    /// `Op::CopyLocks`: `v`, a value of type `t` being copied, with each
    /// Mutex, RWMutex and WaitGroup in it replaced by an object of its own
    /// holding the original's state now (Go copies their state words). A
    /// Cond's notify list and a sync.Map stay shared: Go's copy checker
    /// panics on a copied Cond's use, and a copied sync.Map shares its
    /// trie. The walk follows the type, fields and elements that hold
    /// handles only.
    pub(crate) fn copy_locks(&mut self, v: Value, t: TypeId, depth: u32) -> Result<Value, Fault> {
        // Types nest finitely; past this depth the copy is left to the
        // check at first use (`handle`).
        if depth > 256 || !self.holds_handles(t) {
            return Ok(v);
        }
        let prog = self.prog.clone();
        let types = &prog.types;
        if let TypeKind::Named(i) = types.kind(t) {
            if types
                .named
                .get(*i as usize)
                .is_some_and(|n| n.qualified == "sync.handle")
            {
                let Value::Handle(id) = v else {
                    return Ok(v);
                };
                let obj = match self.heap.get(id) {
                    Some(HeapObj::Mutex(m)) => HeapObj::Mutex(Box::new(m.copied())),
                    Some(HeapObj::RWMutex(m)) => HeapObj::RWMutex(Box::new(m.copied())),
                    Some(HeapObj::WaitGroup(w)) => HeapObj::WaitGroup(Box::new(w.copied())),
                    _ => return Ok(v),
                };
                return Ok(Value::Handle(self.heap.alloc(obj)?));
            }
        }
        let Value::Seq(items) = &v else {
            return Ok(v);
        };
        let mut out = items.to_vec();
        match types.ukind(t) {
            TypeKind::Struct(fields) => {
                for (f, x) in fields.iter().zip(out.iter_mut()) {
                    let old = std::mem::replace(x, Value::Nil);
                    *x = self.copy_locks(old, f.ty, depth + 1)?;
                }
            }
            TypeKind::Array(_, elem) => {
                for x in out.iter_mut() {
                    let old = std::mem::replace(x, Value::Nil);
                    *x = self.copy_locks(old, *elem, depth + 1)?;
                }
            }
            _ => return Ok(v),
        }
        self.heap.charge(crate::vm::heap::cost::seq(out.len()))?;
        Ok(Value::Seq(Rc::new(out)))
    }

    fn holds_handles(&mut self, t: TypeId) -> bool {
        if let Some(&h) = self.handle_types.get(&t) {
            return h;
        }
        let h = self.prog.types.holds_handles(t);
        self.handle_types.insert(t, h);
        h
    }

    /// The runtime object behind a handle field, allocated on first use.
    fn handle(&mut self, p: &Value, field: bool, make: fn() -> HeapObj) -> Result<ObjId, Fault> {
        let Value::Ptr(ptr) = p else {
            return Err(Fault::Runtime(
                "invalid memory address or nil pointer dereference".into(),
            ));
        };
        let mut ptr: Pointer = (**ptr).clone();
        if field {
            ptr.path.push(0);
        }
        // One object has one home, however the pointer to it was made
        // (through a slice of its array or the array itself).
        if let Some(c) = self.heap.canonical(&ptr) {
            ptr = c;
        }
        let cur = self.heap.load(&ptr, &self.globals)?;
        let obj = match cur {
            Value::Handle(id) => match self.handle_home.get(&id) {
                // A copied struct still holds its original's handle. Go
                // copied the state: the copy gets its own object, made from
                // the original's state at the copy's first use.
                Some(home) if *home != ptr => match self.heap.get(id) {
                    Some(HeapObj::Mutex(m)) => HeapObj::Mutex(Box::new(m.copied())),
                    Some(HeapObj::RWMutex(m)) => HeapObj::RWMutex(Box::new(m.copied())),
                    Some(HeapObj::WaitGroup(w)) => HeapObj::WaitGroup(Box::new(w.copied())),
                    // A Cond's copyChecker remembers where it was first
                    // used; a copy made after that refuses to work.
                    Some(HeapObj::NotifyList(_)) => {
                        return Err(Fault::Value(Value::Iface(Rc::new((
                            self.string_type,
                            Value::str("sync.Cond is copied"),
                        )))))
                    }
                    _ => return Ok(id),
                },
                Some(_) => return Ok(id),
                // A copy made by `copy_locks`: its home is where it is
                // first used.
                None => {
                    if matches!(
                        self.heap.get(id),
                        Some(HeapObj::Mutex(_) | HeapObj::RWMutex(_) | HeapObj::WaitGroup(_))
                    ) {
                        self.handle_home.insert(id, ptr);
                    }
                    return Ok(id);
                }
            },
            _ => make(),
        };
        let tracked = matches!(
            obj,
            HeapObj::Mutex(_)
                | HeapObj::RWMutex(_)
                | HeapObj::WaitGroup(_)
                | HeapObj::NotifyList(_)
        );
        let id = self.heap.alloc(obj)?;
        self.heap
            .store(&ptr, &mut self.globals, Value::Handle(id))?;
        if tracked {
            self.handle_home.insert(id, ptr);
        }
        Ok(id)
    }

    /// Applies a sync primitive's outcome: on completion, ready the
    /// goroutines it woke (in Go's `goready` order) and push the results;
    /// park the caller; or fail with Go's panic or fatal error.
    fn apply_sync(&mut self, g: &mut Goroutine, call: &NativeCall, step: SyncStep) -> OpResult {
        let SyncStep {
            outcome,
            results,
            obj,
            op,
        } = step;
        match outcome {
            SyncOutcome::Done(w) => {
                self.race_sync(g.id, obj, op);
                self.last_progress = self.steps;
                for gid in w.ready {
                    self.ready(gid, Resume::Sync);
                }
                if w.yield_now {
                    self.yield_requested = true;
                }
                g.finish(call.argc, results);
                self.record(g.id, call.span, EventKind::Sync { obj, op });
                Ok(Flow::Visible)
            }
            SyncOutcome::Park(r) => self.park(g, Some(obj), r, call.span),
            SyncOutcome::Fail(e) => {
                g.finish(call.argc, Vec::new());
                Err(self.go_error(e))
            }
        }
    }

    /// Happens-before edges of the sync primitives (Go's race annotations).
    fn race_sync(&mut self, g: Gid, obj: ObjId, op: &'static str) {
        let is_rw = matches!(self.heap.get(obj), Some(HeapObj::RWMutex(_)));
        if let Some(r) = self.race.as_mut() {
            r.sync_op(g, obj, op, is_rw);
        }
    }

    fn race_atomic(&mut self, g: Gid, p: &Value) {
        if let (Some(r), Value::Ptr(ptr)) = (self.race.as_mut(), p) {
            r.atomic_op(g, ptr);
        }
    }

    /// A panic whose value is a plain string, as the library's Go code
    /// raises with `panic("...")`.
    fn panic_string(&self, msg: &str) -> Fault {
        Fault::Value(Value::Iface(Rc::new((self.string_type, Value::str(msg)))))
    }

    /// The panic (or fatal error) a runtime primitive's failure raises.
    fn go_error(&self, e: GoError) -> Fault {
        if e.is_fatal() {
            Fault::Fatal(e.message().to_string())
        } else if e.is_runtime_error() {
            Fault::Value(self.runtime_err_value(e.message(), false))
        } else {
            self.panic_string(e.message())
        }
    }
}

impl Vm {
    /// A pure native completed: the strings it made are charged to the
    /// memory budget, the bytes it read and wrote to the step budget (its
    /// work, in proportion), and its results replace its operands.
    fn complete(&mut self, g: &mut Goroutine, call: &NativeCall, results: Vec<Value>) -> OpResult {
        let made: usize = results.iter().map(|v| v.as_bytes().len()).sum();
        let read: usize = call.args.iter().map(|v| v.as_bytes().len()).sum();
        self.heap.charge(crate::vm::heap::cost::string(made))?;
        self.charge_work(read as u64);
        g.finish(call.argc, results);
        Ok(Flow::Next)
    }
}

/// A native routed to a room that does not handle it. Every native has a
/// room (the router's match is exhaustive), so this is a gosim bug; naming
/// the native would keep a Debug impl of Native in the wasm.
fn misrouted() -> Fault {
    Fault::Fatal("gosim: a native is not implemented".into())
}
