//! Package `fmt`'s natives: the prelude's `Println`, `Printf`, `Sprintf`,
//! `Errorf`... hand their operands here to be formatted by
//! [`crate::format`] (byte for byte as Go), and `%w` operands are found
//! here. Operands with methods take two calls: the first answers with the
//! method calls fmt would make (receivers and what each is asked), the
//! prelude makes them as ordinary simulated code, and the second formats
//! with their results. Which values have methods is `fmtconv`'s.

use super::{misrouted, NativeCall};
use crate::format::{self, MethodCall, MethodOut, PrintCall};
use crate::vm::goroutine::Goroutine;
use crate::vm::machine::{Flow, OpResult, Vm};
use crate::vm::natives::Native;
use crate::vm::slice;
use crate::vm::value::Value;

impl Vm {
    /// `fmt`'s printing natives (the prelude's Println, Sprintf, Errorf...
    /// call them) and `%w`'s operands.
    pub(super) fn fmt(&mut self, g: &mut Goroutine, call: &NativeCall) -> OpResult {
        match call.native {
            Native::FmtPrintln
            | Native::FmtPrint
            | Native::FmtPrintf
            | Native::FmtSprintf
            | Native::FmtSprint
            | Native::FmtSprintln
            | Native::FmtErrorfText => {
                let with_format = matches!(
                    call.native,
                    Native::FmtPrintf | Native::FmtSprintf | Native::FmtErrorfText
                );
                let first = usize::from(with_format);
                let fmt_bytes = if with_format {
                    call.arg(0).as_bytes().to_vec()
                } else {
                    Vec::new()
                };
                let (list, res) = (call.arg(first), call.arg(first + 1));
                let args = self.fmt_args(&list)?;
                if std::mem::take(&mut self.sync_overflow) {
                    return Err(crate::vm::fault::Fault::Fatal(
                        crate::vm::call::STACK_OVERFLOW.into(),
                    ));
                }
                let results = self.method_results(&res);
                let second = results.is_some();
                let to_stdout = matches!(
                    call.native,
                    Native::FmtPrintln | Native::FmtPrint | Native::FmtPrintf
                );
                // The output may not outgrow what is left of the memory
                // budget, or of the output budget for what goes to stdout.
                let room = self.heap.mem.room() as usize;
                let out_room = self.cfg.max_output.saturating_sub(self.stdout.len());
                let limit = if to_stdout { room.min(out_room) } else { room };
                let how = match call.native {
                    Native::FmtPrintln | Native::FmtSprintln => PrintCall::Println,
                    Native::FmtPrint | Native::FmtSprint => PrintCall::Print,
                    Native::FmtErrorfText => PrintCall::Errorf(&fmt_bytes),
                    _ => PrintCall::Printf(&fmt_bytes),
                };
                let printed = format::print_with_methods(how, &args, limit, results);
                drop(args);
                let receivers = std::mem::take(&mut self.fmt_receivers);
                if !second && !printed.calls.is_empty() {
                    // Methods to call first: the prelude makes the calls
                    // and asks again.
                    let (calls, info) = self.method_calls(&receivers, &printed.calls)?;
                    let first = if to_stdout {
                        Value::Int(0)
                    } else {
                        Value::bytes(b"")
                    };
                    g.finish(call.argc, vec![first, calls, info]);
                    return Ok(Flow::Next);
                }
                let (out, over) = (printed.out, printed.over);
                // Past the output budget, write_out below says so; past
                // the memory budget, the run ends here.
                if over && !(to_stdout && out.len() > out_room) {
                    return Err(crate::vm::heap::HeapError::OutOfMemory.into());
                }
                if !to_stdout {
                    self.heap.charge(crate::vm::heap::cost::string(out.len()))?;
                }
                let first = if to_stdout {
                    let n = out.len() as i64;
                    self.write_out(&out)?;
                    Value::Int(n)
                } else {
                    Value::bytes(&out)
                };
                g.finish(call.argc, vec![first, Value::Nil, Value::Nil]);
                Ok(Flow::Next)
            }
            Native::FmtWrapped => {
                let f = call.arg(0).as_bytes().to_vec();
                let idx = wrapped_arg_indices(&f);
                let n = slice::len(&call.arg(1));
                let items: Vec<Value> = idx
                    .into_iter()
                    .filter(|&i| i < n)
                    .map(|i| Value::Int(i as i64))
                    .collect();
                let s = slice::from_vec(&mut self.heap, items)?;
                g.finish(call.argc, vec![s]);
                Ok(Flow::Next)
            }
            _ => Err(misrouted()),
        }
    }

    /// The method results the prelude passed back (a `[]any` of strings
    /// and `fmt.panicked` values); None on the first call, which passes
    /// none.
    fn method_results(&self, res: &Value) -> Option<Vec<MethodOut>> {
        let items = slice::items(&self.heap, res);
        if items.is_empty() {
            return None;
        }
        Some(
            items
                .iter()
                .map(|x| match x {
                    Value::Iface(iv) if Some(iv.0) == self.panicked_type => match &iv.1 {
                        Value::Seq(f) => MethodOut::Panic {
                            written: f.first().map(|w| w.as_bytes().to_vec()).unwrap_or_default(),
                            text: f.get(1).map(|t| t.as_bytes().to_vec()).unwrap_or_default(),
                        },
                        _ => MethodOut::Panic {
                            written: Vec::new(),
                            text: Vec::new(),
                        },
                    },
                    Value::Iface(iv) => MethodOut::Text(iv.1.as_bytes().to_vec()),
                    _ => MethodOut::Text(Vec::new()),
                })
                .collect(),
        )
    }

    /// The calls to make, for the prelude: their receivers (a `[]any`)
    /// and three ints each (see the prelude's `callMethods`).
    fn method_calls(
        &mut self,
        receivers: &[Value],
        calls: &[MethodCall],
    ) -> Result<(Value, Value), crate::vm::fault::Fault> {
        let mut xs = Vec::with_capacity(calls.len());
        let mut info = Vec::with_capacity(3 * calls.len());
        for c in calls {
            xs.push(receivers.get(c.id as usize).cloned().unwrap_or(Value::Nil));
            let bits = i64::from(c.method)
                | i64::from(c.flags) << 4
                | i64::from(c.wid.is_some()) << 9
                | i64::from(c.prec.is_some()) << 10
                | i64::from(c.nil_ptr) << 11
                | i64::from(c.verb) << 12;
            info.push(Value::Int(bits));
            info.push(Value::Int(c.wid.unwrap_or(0) as i64));
            info.push(Value::Int(c.prec.unwrap_or(0) as i64));
        }
        let xs = slice::from_vec(&mut self.heap, xs)?;
        let info = slice::from_vec(&mut self.heap, info)?;
        Ok((xs, info))
    }
}

/// Indices of the operands that `%w` verbs consume in a format string.
fn wrapped_arg_indices(f: &[u8]) -> Vec<usize> {
    let mut out = Vec::new();
    let mut arg = 0usize;
    let mut i = 0;
    while i < f.len() {
        if f[i] != b'%' {
            i += 1;
            continue;
        }
        i += 1;
        // Flags, width, precision (with `*` consuming operands), verb.
        while i < f.len() && b"+-# 0".contains(&f[i]) {
            i += 1;
        }
        loop {
            if i < f.len() && f[i] == b'[' {
                let start = i + 1;
                while i < f.len() && f[i] != b']' {
                    i += 1;
                }
                if let Ok(n) = std::str::from_utf8(&f[start..i.min(f.len())])
                    .unwrap_or("")
                    .parse::<usize>()
                {
                    arg = n.saturating_sub(1);
                }
                i += 1;
                continue;
            }
            if i < f.len() && f[i] == b'*' {
                arg += 1;
                i += 1;
                continue;
            }
            if i < f.len() && (f[i].is_ascii_digit() || f[i] == b'.') {
                i += 1;
                continue;
            }
            break;
        }
        if i >= f.len() {
            break;
        }
        let verb = f[i];
        i += 1;
        if verb == b'%' {
            continue;
        }
        if verb == b'w' {
            out.push(arg);
        }
        arg += 1;
    }
    out
}
