//! How an instruction stops short: a Go panic, a fatal error, a budget or
//! an exit ([`Fault`]), and how a whole run ends ([`Ending`]). Mirrors the
//! error values of runtime/error.go (`runtime.Error`, `boundsError`).
//!
//! A leaf: the machine's rooms and the heap-only helpers (slicing, append,
//! conversions) all return these. It decides nothing about unwinding or
//! printing; `panic.rs` turns a fault into a panic or an ending.

use crate::runtime::Gid;
use crate::vm::heap::HeapError;
use crate::vm::value::Value;

/// How the program ended.
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub enum Ending {
    /// main returned (0) or os.Exit(code).
    Exit(i32),
    /// An unrecovered panic in goroutine `gid`.
    Panic { gid: Gid },
    /// A fatal error (`fatal error: ...`), including deadlock.
    Fatal { deadlock: bool },
    /// Nothing can run, no timer is pending, and goroutines wait in the
    /// netpoller: real Go would wait forever (no deadlock is reported).
    IoWait,
    /// The step budget ran out.
    StepBudget,
    /// The heap budget ran out.
    HeapBudget,
    /// Too many goroutines.
    GoroutineBudget,
    /// Too much output.
    OutputBudget,
}

/// A Go panic raised inside an instruction.
pub enum Fault {
    /// A runtime error (`runtime error: ...`).
    Runtime(String),
    /// A plain panic value.
    Value(Value),
    /// `fatal error: ...` (not recoverable).
    Fatal(String),
    /// A budget ran out.
    Budget(Ending),
    /// The program exits now.
    Exit(i32),
    /// `runtime.Goexit`: the goroutine runs its deferred calls and ends.
    Goexit,
}

impl From<HeapError> for Fault {
    fn from(e: HeapError) -> Fault {
        match e {
            HeapError::NilDeref => {
                Fault::Runtime("invalid memory address or nil pointer dereference".into())
            }
            HeapError::Index(i, n) => index_fault(i, n),
            HeapError::OutOfMemory => Fault::Budget(Ending::HeapBudget),
        }
    }
}

/// Go's `index out of range [i] with length n` run-time error; a negative
/// index is printed without the length, as boundsError does.
pub fn index_fault(i: i64, len: i64) -> Fault {
    if i < 0 {
        return Fault::Runtime(format!("index out of range [{}]", i));
    }
    Fault::Runtime(format!("index out of range [{}] with length {}", i, len))
}
