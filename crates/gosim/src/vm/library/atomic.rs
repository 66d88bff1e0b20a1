//! Package `sync/atomic`'s natives: Add, Load, Store, Swap and
//! CompareAndSwap on integers, and the Load, Store, Swap and
//! CompareAndSwap on `any` behind `atomic.Value` and `atomic.Pointer`.
//! Each is a visible step, and orders the race detector's view of the
//! address it touches.

use super::{misrouted, NativeCall};
use crate::vm::goroutine::Goroutine;
use crate::vm::machine::{Flow, OpResult, Vm};
use crate::vm::natives::Native;
use crate::vm::value::{values_equal, Value};

impl Vm {
    /// `sync/atomic` on integers and `atomic.Value`.
    pub(super) fn atomic(&mut self, g: &mut Goroutine, call: &NativeCall) -> OpResult {
        match call.native {
            Native::AtomicAdd(k) => {
                let p = call.arg(0);
                self.race_atomic(g.id, &p);
                let old = self.load_ptr(&p)?.as_int();
                let new = k.wrap(old.wrapping_add(call.arg(1).as_int()));
                self.store_ptr(&p, Value::Int(new))?;
                g.finish(call.argc, vec![Value::Int(new)]);
                Ok(Flow::Visible)
            }
            Native::AtomicLoad | Native::AtomicLoadAny => {
                self.race_atomic(g.id, &call.arg(0));
                let v = self.load_ptr(&call.arg(0))?;
                g.finish(call.argc, vec![v]);
                Ok(Flow::Visible)
            }
            Native::AtomicStore | Native::AtomicStoreAny => {
                self.race_atomic(g.id, &call.arg(0));
                if call.native == Native::AtomicStoreAny && call.arg(1).is_nil() {
                    g.finish(call.argc, vec![]);
                    return Err(self.panic_string("sync/atomic: store of nil value into Value"));
                }
                if call.native == Native::AtomicStoreAny
                    && retyped(&self.load_ptr(&call.arg(0))?, &call.arg(1))
                {
                    g.finish(call.argc, vec![]);
                    return Err(self.panic_string(
                        "sync/atomic: store of inconsistently typed value into Value",
                    ));
                }
                self.store_ptr(&call.arg(0), call.arg(1))?;
                g.finish(call.argc, vec![]);
                Ok(Flow::Visible)
            }
            Native::AtomicSwap | Native::AtomicSwapAny => {
                self.race_atomic(g.id, &call.arg(0));
                let old = self.load_ptr(&call.arg(0))?;
                if call.native == Native::AtomicSwapAny && retyped(&old, &call.arg(1)) {
                    g.finish(call.argc, vec![]);
                    return Err(self.panic_string(
                        "sync/atomic: swap of inconsistently typed value into Value",
                    ));
                }
                self.store_ptr(&call.arg(0), call.arg(1))?;
                g.finish(call.argc, vec![old]);
                Ok(Flow::Visible)
            }
            Native::AtomicCas | Native::AtomicCasAny => {
                self.race_atomic(g.id, &call.arg(0));
                let cur = self.load_ptr(&call.arg(0))?;
                if call.native == Native::AtomicCasAny {
                    let (old, new) = (call.arg(1), call.arg(2));
                    let msg = if retyped(&old, &new) {
                        "sync/atomic: compare and swap of inconsistently typed values"
                    } else if retyped(&cur, &new) {
                        "sync/atomic: compare and swap of inconsistently typed value into Value"
                    } else {
                        ""
                    };
                    if !msg.is_empty() {
                        g.finish(call.argc, vec![]);
                        return Err(self.panic_string(msg));
                    }
                }
                let ok = if call.native == Native::AtomicCas {
                    cur.as_int() == call.arg(1).as_int()
                } else {
                    values_equal(&cur, &call.arg(1))
                };
                if ok {
                    self.store_ptr(&call.arg(0), call.arg(2))?;
                }
                g.finish(call.argc, vec![Value::Bool(ok)]);
                Ok(Flow::Visible)
            }
            _ => Err(misrouted()),
        }
    }
}

/// Whether `new` has a different dynamic type than `held`, which already
/// has one: `atomic.Value` fixes its type at the first store.
fn retyped(held: &Value, new: &Value) -> bool {
    match (held, new) {
        (Value::Iface(h), Value::Iface(n)) => h.0 != n.0,
        _ => false,
    }
}
