//! The builtins that run as natives (`close`, `panic`, `print`,
//! `println`, `delete`, `recover` and `clear` used as values or through
//! `defer`/`go`), and the one-native packages: `errors.As`'s assignment,
//! `os.Exit`, and package `runtime`.

use super::{misrouted, NativeCall};
use crate::format;
use crate::types::TypeKind;
use crate::vm::convert;
use crate::vm::fault::Fault;
use crate::vm::goroutine::{GStatus, Goroutine};
use crate::vm::heap::HeapObj;
use crate::vm::machine::{Flow, OpResult, Vm};
use crate::vm::natives::Native;
use crate::vm::slice;
use crate::vm::value::Value;

impl Vm {
    /// The builtins used as values or with a slice of operands, `errors.As`'s
    /// assignment, `os.Exit` and package `runtime`.
    pub(super) fn builtin(&mut self, g: &mut Goroutine, call: &NativeCall) -> OpResult {
        match call.native {
            Native::ErrorsAssignTo => {
                let err = call.arg(0);
                let target = call.arg(1);
                let Value::Iface(tv) = &target else {
                    g.finish(call.argc, vec![]);
                    return Err(self.panic_string("errors: target must be a non-nil pointer"));
                };
                let elem = match self.prog.types.kind(tv.0) {
                    TypeKind::Pointer(e) => *e,
                    _ => {
                        g.finish(call.argc, vec![]);
                        return Err(self.panic_string("errors: target must be a non-nil pointer"));
                    }
                };
                let ok = convert::type_matches(&self.prog, &err, elem);
                if ok {
                    let v = if self.prog.types.is_interface(elem) {
                        err.clone()
                    } else {
                        match &err {
                            Value::Iface(iv) => iv.1.clone(),
                            _ => Value::Nil,
                        }
                    };
                    self.store_ptr(&tv.1, v)?;
                }
                g.finish(call.argc, vec![Value::Bool(ok)]);
                Ok(Flow::Next)
            }
            Native::OsExit => {
                // Linux keeps the low byte of an exit status: -1 exits 255.
                let code = i32::from(call.arg(0).as_int() as u8);
                g.finish(call.argc, vec![]);
                Err(Fault::Exit(code))
            }
            Native::Goexit => {
                g.finish(call.argc, vec![]);
                Err(Fault::Goexit)
            }
            Native::Gosched => {
                g.finish(call.argc, vec![]);
                self.yield_requested = true;
                Ok(Flow::Visible)
            }
            Native::NumGoroutine => {
                let n = self.gs.iter().filter(|x| x.status != GStatus::Dead).count() as i64;
                g.finish(call.argc, vec![Value::Int(n)]);
                Ok(Flow::Next)
            }
            Native::Gomaxprocs => {
                g.finish(call.argc, vec![Value::Int(1)]);
                Ok(Flow::Next)
            }
            Native::BuiltinClose => {
                let ch = call.arg(0);
                g.finish(call.argc, vec![]);
                self.close_chan(g.id, ch, call.span)
            }
            Native::BuiltinPanic => {
                g.finish(call.argc, vec![]);
                Err(Fault::Value(self.panic_arg(call.arg(0))))
            }
            Native::BuiltinPrint | Native::BuiltinPrintln => {
                let items = slice::items(&self.heap, &call.arg(0));
                let mut out = String::new();
                for (i, v) in items.iter().enumerate() {
                    if call.native == Native::BuiltinPrintln && i > 0 {
                        out.push(' ');
                    }
                    out.push_str(&self.print_builtin_text(v));
                }
                if call.native == Native::BuiltinPrintln {
                    out.push('\n');
                }
                g.finish(call.argc, vec![]);
                self.write_err(out.as_bytes())?;
                Ok(Flow::Next)
            }
            Native::BuiltinDelete => {
                if let Value::Map(id) = call.arg(0) {
                    let key = self.map_key(&call.arg(1))?;
                    if let Some(HeapObj::Map(m)) = self.heap.get_mut(id) {
                        m.remove(&key);
                    }
                }
                g.finish(call.argc, vec![]);
                Ok(Flow::Next)
            }
            Native::BuiltinRecover => {
                g.finish(call.argc, vec![]);
                Ok(Flow::Next)
            }
            Native::BuiltinClear => {
                match call.arg(0) {
                    Value::Map(id) => {
                        if let Some(HeapObj::Map(m)) = self.heap.get_mut(id) {
                            m.clear();
                        }
                    }
                    Value::Slice(r) => {
                        if let Some(arr) = self.heap.array_mut(r.arr) {
                            for v in arr[r.off as usize..(r.off + r.len) as usize].iter_mut() {
                                *v = zero_like(v);
                            }
                        }
                    }
                    _ => {}
                }
                g.finish(call.argc, vec![]);
                Ok(Flow::Next)
            }
            Native::RuntimeErrorString => {
                let s = call.arg(0);
                g.finish(call.argc, vec![s]);
                Ok(Flow::Next)
            }
            Native::RuntimeErrorMarker => {
                g.finish(call.argc, vec![]);
                Ok(Flow::Next)
            }
            _ => Err(misrouted()),
        }
    }

    /// println's own formatting (runtime/print.go), not fmt's.
    fn print_builtin_text(&self, v: &Value) -> String {
        let Value::Iface(iv) = v else {
            return "nil".into();
        };
        match (self.prog.types.ukind(iv.0), &iv.1) {
            (TypeKind::Int(k), Value::Int(i)) => {
                if k.signed() {
                    i.to_string()
                } else {
                    (*i as u64).to_string()
                }
            }
            (TypeKind::Float64 | TypeKind::Float32, Value::Float(f)) => {
                format::format_print_float(*f)
            }
            (TypeKind::Bool, Value::Bool(b)) => b.to_string(),
            (TypeKind::String, Value::Str(s)) => String::from_utf8_lossy(s).to_string(),
            (TypeKind::Interface(_), _) | (_, Value::Nil) => "(0x0,0x0)".into(),
            _ => "0xc000012000".into(),
        }
    }
}

fn zero_like(v: &Value) -> Value {
    match v {
        Value::Int(_) => Value::Int(0),
        Value::Float(_) => Value::Float(0.0),
        Value::Bool(_) => Value::Bool(false),
        Value::Str(_) => Value::str(""),
        _ => Value::Nil,
    }
}
