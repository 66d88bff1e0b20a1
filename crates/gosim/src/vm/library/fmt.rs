//! Package `fmt`'s natives: the prelude's `Println`, `Printf`, `Sprintf`,
//! `Errorf`... hand their operands here to be formatted by
//! [`crate::format`] (byte for byte as Go), and `%w` operands are found
//! here. Calling `String` and `Error` methods is `fmtconv`'s.

use super::{misrouted, NativeCall};
use crate::format;
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
                let (fmt_bytes, list) = match call.native {
                    Native::FmtPrintf | Native::FmtSprintf | Native::FmtErrorfText => {
                        (Some(call.arg(0).as_bytes().to_vec()), call.arg(1))
                    }
                    _ => (None, call.arg(0)),
                };
                let args = self.fmt_args(g, &list)?;
                if std::mem::take(&mut self.sync_overflow) {
                    return Err(crate::vm::fault::Fault::Fatal(
                        crate::vm::call::STACK_OVERFLOW.into(),
                    ));
                }
                let to_stdout = matches!(
                    call.native,
                    Native::FmtPrintln | Native::FmtPrint | Native::FmtPrintf
                );
                // The output may not outgrow what is left of the memory
                // budget, or of the output budget for what goes to stdout.
                let room = self.heap.mem.room() as usize;
                let out_room = self.cfg.max_output.saturating_sub(self.stdout.len());
                let limit = if to_stdout { room.min(out_room) } else { room };
                let format = fmt_bytes.as_deref().unwrap_or(b"");
                let (out, over) = match call.native {
                    Native::FmtPrintln | Native::FmtSprintln => {
                        format::sprintln_limited(&args, limit)
                    }
                    Native::FmtPrint | Native::FmtSprint => format::sprint_limited(&args, limit),
                    Native::FmtErrorfText => format::errorf_text_limited(format, &args, limit),
                    _ => format::sprintf_limited(format, &args, limit),
                };
                drop(args);
                // Past the output budget, write_out below says so; past
                // the memory budget, the run ends here.
                if over && !(to_stdout && out.len() > out_room) {
                    return Err(crate::vm::heap::HeapError::OutOfMemory.into());
                }
                if !to_stdout {
                    self.heap.charge(crate::vm::heap::cost::string(out.len()))?;
                }
                match call.native {
                    Native::FmtPrintln | Native::FmtPrint | Native::FmtPrintf => {
                        let n = out.len() as i64;
                        self.write_out(&out)?;
                        g.finish(call.argc, vec![Value::Int(n), Value::Nil]);
                    }
                    _ => g.finish(call.argc, vec![Value::bytes(&out)]),
                }
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
