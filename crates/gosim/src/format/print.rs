//! The printer: Go's `pp` (fmt/print.go) and `fmt` (fmt/format.go) state
//! machines over [`Arg`] trees. It owns verb dispatch, flags, width and
//! precision, padding, and the `%!` error forms. It must not know anything
//! about the VM: it decides which method Go's `handleMethods` calls and
//! when, and either lists the call or prints the result the VM made
//! (see [`super::print_with_methods`]).

use super::float::append_float;
use super::quote::{can_backquote, is_print, quote_bytes, quote_rune, quote_to_ascii};
use super::sort::sorted_entries;
use super::utf8::{decode_rune, push_rune, rune_count, MAX_RUNE, RUNE_ERROR};
use super::{methods, Arg, FmtValue, MethodCall, MethodOut};
use std::collections::VecDeque;

const LDIGITS: &[u8; 17] = b"0123456789abcdefx";
const UDIGITS: &[u8; 17] = b"0123456789ABCDEFX";

/// Mirrors fmt's `fmtFlags`.
#[derive(Clone, Copy, Default)]
struct Flags {
    wid_present: bool,
    prec_present: bool,
    minus: bool,
    plus: bool,
    sharp: bool,
    space: bool,
    zero: bool,
    /// `%+v`: the plus flag moved here so nested verbs see plain `v`.
    plus_v: bool,
    /// `%#v`: likewise for sharp.
    sharp_v: bool,
}

/// Mirrors fmt's `pp` plus its embedded `fmt`.
pub struct Printer {
    pub buf: Vec<u8>,
    f: Flags,
    wid: usize,
    prec: usize,
    /// Set while printing a `%!verb(...)` error: methods are not consulted then.
    erroring: bool,
    /// `fmt.Errorf` accepts `%w`; `Sprintf` reports it as a bad verb.
    wrap_errs: bool,
    /// Output beyond this many bytes stops the printing (the caller's
    /// memory or output budget); `over` says it happened.
    pub limit: usize,
    pub over: bool,
    /// The results of the method calls, in order (the second pass); None
    /// while the calls are being listed (the first).
    results: Option<VecDeque<MethodOut>>,
    /// The method calls listed by the first pass.
    calls: Vec<MethodCall>,
}

/// The kind of the value behind any method wrapper.
fn underlying(mut v: &FmtValue) -> &FmtValue {
    while let FmtValue::Method { value, .. }
    | FmtValue::MethodPanic { value, .. }
    | FmtValue::Methods { value, .. } = v
    {
        v = value;
    }
    v
}

/// Pending output of the printer's explicit stack (see `Printer::run`).
enum Task<'a> {
    /// `printValue` of a value nested at `depth`.
    Value {
        ty: &'a str,
        v: &'a FmtValue,
        verb: u32,
        depth: usize,
    },
    /// Text between and around nested values.
    Bytes(&'a [u8]),
}

impl Printer {
    pub fn new() -> Printer {
        Printer {
            buf: Vec::new(),
            f: Flags::default(),
            wid: 0,
            prec: 0,
            erroring: false,
            wrap_errs: false,
            limit: usize::MAX,
            over: false,
            results: None,
            calls: Vec::new(),
        }
    }

    /// The method results of the second pass (None: list the calls).
    pub fn set_results(&mut self, results: Option<Vec<MethodOut>>) {
        self.results = results.map(VecDeque::from);
    }

    /// The method calls the first pass listed.
    pub fn take_calls(&mut self) -> Vec<MethodCall> {
        std::mem::take(&mut self.calls)
    }

    /// The output, and whether it passed the limit.
    pub fn finish(mut self) -> (Vec<u8>, bool) {
        let over = self.over || self.buf.len() > self.limit;
        (std::mem::take(&mut self.buf), over)
    }

    pub fn set_wrap_errs(&mut self, on: bool) {
        self.wrap_errs = on;
    }

    fn clear_flags(&mut self) {
        self.f = Flags::default();
        self.wid = 0;
        self.prec = 0;
    }

    // ---- fmt/format.go: padding and the primitive formatters ----

    fn write_padding(&mut self, n: usize) {
        let pad = if self.f.zero && !self.f.minus {
            b'0'
        } else {
            b' '
        };
        self.buf.resize(self.buf.len() + n, pad);
    }

    fn pad(&mut self, b: &[u8]) {
        if !self.f.wid_present || self.wid == 0 {
            self.buf.extend_from_slice(b);
            return;
        }
        let width = self.wid.saturating_sub(rune_count(b));
        if !self.f.minus {
            self.write_padding(width);
            self.buf.extend_from_slice(b);
        } else {
            self.buf.extend_from_slice(b);
            self.write_padding(width);
        }
    }

    fn fmt_boolean(&mut self, v: bool) {
        self.pad(if v { b"true" } else { b"false" });
    }

    /// `%U`: `U+0078`, or `U+0078 'x'` with `#`.
    fn fmt_unicode(&mut self, u: u64) {
        let mut prec = 4;
        if self.f.prec_present && self.prec > 4 {
            prec = self.prec;
        }
        let mut hex = Vec::new();
        let mut v = u;
        loop {
            hex.push(UDIGITS[(v & 0xF) as usize]);
            v >>= 4;
            if v == 0 {
                break;
            }
        }
        while hex.len() < prec {
            hex.push(b'0');
        }
        hex.extend_from_slice(b"+U");
        hex.reverse();
        if self.f.sharp && u <= u64::from(MAX_RUNE) && is_print(u as u32) {
            hex.extend_from_slice(b" '");
            push_rune(&mut hex, u as u32);
            hex.push(b'\'');
        }
        let old_zero = self.f.zero;
        self.f.zero = false;
        self.pad(&hex);
        self.f.zero = old_zero;
    }

    /// Mirrors `fmt.fmtInteger`.
    fn fmt_integer_raw(
        &mut self,
        u: u64,
        base: u64,
        is_signed: bool,
        verb: u32,
        digits: &[u8; 17],
    ) {
        let negative = is_signed && (u as i64) < 0;
        let mut u = if negative {
            (u as i64).unsigned_abs()
        } else {
            u
        };
        let mut prec = 0usize;
        if self.f.prec_present {
            prec = self.prec;
            if prec == 0 && u == 0 {
                let old_zero = self.f.zero;
                self.f.zero = false;
                self.write_padding(self.wid);
                self.f.zero = old_zero;
                return;
            }
        } else if self.f.zero && !self.f.minus && self.f.wid_present {
            prec = self.wid;
            if negative || self.f.plus || self.f.space {
                prec = prec.saturating_sub(1); // leave room for the sign
            }
        }
        // Digits are produced in reverse, then flipped.
        let mut rev: Vec<u8> = Vec::with_capacity(24 + prec);
        loop {
            rev.push(digits[(u % base) as usize]);
            u /= base;
            if u == 0 {
                break;
            }
        }
        while rev.len() < prec {
            rev.push(b'0');
        }
        if self.f.sharp {
            match base {
                2 => rev.extend_from_slice(b"b0"),
                // Octal gets a leading 0 unless it already starts with one.
                8 if rev.last() != Some(&b'0') => rev.push(b'0'),
                16 => {
                    rev.push(digits[16]);
                    rev.push(b'0');
                }
                _ => {}
            }
        }
        if verb == u32::from(b'O') {
            rev.extend_from_slice(b"o0");
        }
        if negative {
            rev.push(b'-');
        } else if self.f.plus {
            rev.push(b'+');
        } else if self.f.space {
            rev.push(b' ');
        }
        rev.reverse();
        // Zero padding was already handled through the precision.
        let old_zero = self.f.zero;
        self.f.zero = false;
        self.pad(&rev);
        self.f.zero = old_zero;
    }

    /// Truncates to `prec` runes when a precision is present.
    fn truncate<'a>(&self, b: &'a [u8]) -> &'a [u8] {
        if !self.f.prec_present {
            return b;
        }
        let mut n = self.prec;
        let mut i = 0;
        while i < b.len() {
            if n == 0 {
                return &b[..i];
            }
            n -= 1;
            let (_, w) = decode_rune(&b[i..]);
            i += w.max(1);
        }
        b
    }

    fn fmt_s(&mut self, s: &[u8]) {
        let s = self.truncate(s);
        self.pad(s);
    }

    /// `%x`/`%X` of a string or byte slice (mirrors `fmtSbx`).
    fn fmt_sbx(&mut self, b: &[u8], digits: &[u8; 17]) {
        let mut length = b.len();
        if self.f.prec_present && self.prec < length {
            length = self.prec;
        }
        let mut width = 2 * length;
        if width > 0 {
            if self.f.space {
                if self.f.sharp {
                    width *= 2;
                }
                width += length - 1;
            } else if self.f.sharp {
                width += 2;
            }
        } else {
            if self.f.wid_present {
                self.write_padding(self.wid);
            }
            return;
        }
        if self.f.wid_present && self.wid > width && !self.f.minus {
            self.write_padding(self.wid - width);
        }
        if self.f.sharp {
            self.buf.push(b'0');
            self.buf.push(digits[16]);
        }
        for (i, &c) in b[..length].iter().enumerate() {
            if self.f.space && i > 0 {
                self.buf.push(b' ');
                if self.f.sharp {
                    self.buf.push(b'0');
                    self.buf.push(digits[16]);
                }
            }
            self.buf.push(digits[usize::from(c >> 4)]);
            self.buf.push(digits[usize::from(c & 0xF)]);
        }
        if self.f.wid_present && self.wid > width && self.f.minus {
            self.write_padding(self.wid - width);
        }
    }

    /// `%q` of a string (mirrors `fmtQ`).
    fn fmt_q(&mut self, s: &[u8]) {
        let s = self.truncate(s).to_vec();
        if self.f.sharp && can_backquote(&s) {
            let mut q = Vec::with_capacity(s.len() + 2);
            q.push(b'`');
            q.extend_from_slice(&s);
            q.push(b'`');
            self.pad(&q);
            return;
        }
        let q = if self.f.plus {
            quote_to_ascii(&s)
        } else {
            quote_bytes(&s)
        };
        self.pad(&q);
    }

    fn fmt_c(&mut self, c: u64) {
        let r = if c > u64::from(MAX_RUNE) {
            RUNE_ERROR
        } else {
            c as u32
        };
        let mut b = Vec::new();
        push_rune(&mut b, r);
        self.pad(&b);
    }

    fn fmt_qc(&mut self, c: u64) {
        let r = if c > u64::from(MAX_RUNE) {
            RUNE_ERROR
        } else {
            c as u32
        };
        let q = quote_rune(r, self.f.plus);
        self.pad(&q);
    }

    /// Mirrors `fmt.fmtFloat`.
    fn fmt_float_raw(&mut self, v: f64, size: u32, verb: u8, prec: i32) {
        let prec = if self.f.prec_present {
            self.prec as i32
        } else {
            prec
        };
        let mut num = vec![b'+'];
        append_float(&mut num, v, verb, prec, size);
        if num[1] == b'-' || num[1] == b'+' {
            num.remove(0);
        }
        if self.f.space && num[0] == b'+' && !self.f.plus {
            num[0] = b' ';
        }
        // Infinities and NaN are not padded with zeros.
        if num[1] == b'I' || num[1] == b'N' {
            let old_zero = self.f.zero;
            self.f.zero = false;
            if num[1] == b'N' && !self.f.space && !self.f.plus {
                num.remove(0);
            }
            self.pad(&num);
            self.f.zero = old_zero;
            return;
        }
        // `#` forces a decimal point and keeps trailing zeros.
        if self.f.sharp && verb != b'b' {
            let mut digits: i32 = 0;
            if matches!(verb, b'v' | b'g' | b'G' | b'x') {
                digits = if prec == -1 { 6 } else { prec };
            }
            let mut tail: Vec<u8> = Vec::new();
            let mut has_point = false;
            let mut saw_nonzero = false;
            let mut i = 1;
            while i < num.len() {
                match num[i] {
                    b'.' => has_point = true,
                    b'p' | b'P' => {
                        tail = num.split_off(i);
                        break;
                    }
                    b'e' | b'E' if verb != b'x' && verb != b'X' => {
                        tail = num.split_off(i);
                        break;
                    }
                    c => {
                        if c != b'0' {
                            saw_nonzero = true;
                        }
                        if saw_nonzero {
                            digits -= 1;
                        }
                    }
                }
                i += 1;
            }
            if !has_point {
                if num.len() == 2 && num[1] == b'0' {
                    digits -= 1;
                }
                num.push(b'.');
            }
            while digits > 0 {
                num.push(b'0');
                digits -= 1;
            }
            num.extend_from_slice(&tail);
        }
        if self.f.plus || num[0] != b'+' {
            if self.f.zero && !self.f.minus && self.f.wid_present && self.wid > num.len() {
                self.buf.push(num[0]);
                self.write_padding(self.wid - num.len());
                self.buf.extend_from_slice(&num[1..]);
                return;
            }
            self.pad(&num);
            return;
        }
        self.pad(&num[1..]);
    }

    // ---- fmt/print.go: verb dispatch ----

    /// `%!verb(type=value)`, or `%!verb(<nil>)` for the untyped nil.
    fn bad_verb(&mut self, ty: &str, v: &FmtValue, verb: u32) {
        self.erroring = true;
        self.buf.extend_from_slice(b"%!");
        push_rune(&mut self.buf, verb);
        self.buf.push(b'(');
        if matches!(v, FmtValue::Nil) && ty == "<nil>" {
            self.buf.extend_from_slice(b"<nil>");
        } else {
            self.buf.extend_from_slice(ty.as_bytes());
            self.buf.push(b'=');
            self.print_value(ty, v, u32::from(b'v'), 0);
        }
        self.buf.push(b')');
        self.erroring = false;
    }

    fn fmt_bool(&mut self, ty: &str, v: &FmtValue, b: bool, verb: u32) {
        match char::from_u32(verb) {
            Some('t' | 'v') => self.fmt_boolean(b),
            _ => self.bad_verb(ty, v, verb),
        }
    }

    /// Hex with or without a leading 0x, ignoring the sharp flag.
    fn fmt_0x64(&mut self, v: u64, leading0x: bool) {
        let sharp = self.f.sharp;
        self.f.sharp = leading0x;
        self.fmt_integer_raw(v, 16, false, u32::from(b'v'), LDIGITS);
        self.f.sharp = sharp;
    }

    fn fmt_integer(&mut self, ty: &str, v: &FmtValue, u: u64, is_signed: bool, verb: u32) {
        match char::from_u32(verb) {
            Some('v') => {
                if self.f.sharp_v && !is_signed {
                    self.fmt_0x64(u, true);
                } else {
                    self.fmt_integer_raw(u, 10, is_signed, verb, LDIGITS);
                }
            }
            Some('d') => self.fmt_integer_raw(u, 10, is_signed, verb, LDIGITS),
            Some('b') => self.fmt_integer_raw(u, 2, is_signed, verb, LDIGITS),
            Some('o' | 'O') => self.fmt_integer_raw(u, 8, is_signed, verb, LDIGITS),
            Some('x') => self.fmt_integer_raw(u, 16, is_signed, verb, LDIGITS),
            Some('X') => self.fmt_integer_raw(u, 16, is_signed, verb, UDIGITS),
            Some('c') => self.fmt_c(u),
            Some('q') => self.fmt_qc(u),
            Some('U') => self.fmt_unicode(u),
            _ => self.bad_verb(ty, v, verb),
        }
    }

    fn fmt_float(&mut self, ty: &str, v: &FmtValue, x: f64, size: u32, verb: u32) {
        match char::from_u32(verb) {
            Some('v') => self.fmt_float_raw(x, size, b'g', -1),
            Some(c @ ('b' | 'g' | 'G' | 'x' | 'X')) => self.fmt_float_raw(x, size, c as u8, -1),
            Some(c @ ('f' | 'e' | 'E')) => self.fmt_float_raw(x, size, c as u8, 6),
            Some('F') => self.fmt_float_raw(x, size, b'f', 6),
            _ => self.bad_verb(ty, v, verb),
        }
    }

    fn fmt_string(&mut self, ty: &str, v: &FmtValue, s: &[u8], verb: u32) {
        match char::from_u32(verb) {
            Some('v') => {
                if self.f.sharp_v {
                    self.fmt_q(s);
                } else {
                    self.fmt_s(s);
                }
            }
            Some('s') => self.fmt_s(s),
            Some('x') => self.fmt_sbx(s, LDIGITS),
            Some('X') => self.fmt_sbx(s, UDIGITS),
            Some('q') => self.fmt_q(s),
            _ => self.bad_verb(ty, v, verb),
        }
    }

    /// Byte slices and arrays under `%v %d %s %q %x %X` (mirrors `fmtBytes`).
    /// `None` is a nil slice. Other verbs print element by element.
    fn fmt_bytes(
        &mut self,
        ty: &str,
        v: &FmtValue,
        bytes: Option<&[u8]>,
        verb: u32,
        type_string: &str,
    ) {
        let b = bytes.unwrap_or(&[]);
        match char::from_u32(verb) {
            Some('v' | 'd') => {
                if self.f.sharp_v {
                    self.buf.extend_from_slice(type_string.as_bytes());
                    if bytes.is_none() {
                        self.buf.extend_from_slice(b"(nil)");
                        return;
                    }
                    self.buf.push(b'{');
                    for (i, &c) in b.iter().enumerate() {
                        if i > 0 {
                            self.buf.extend_from_slice(b", ");
                        }
                        self.fmt_0x64(u64::from(c), true);
                    }
                    self.buf.push(b'}');
                } else {
                    self.buf.push(b'[');
                    for (i, &c) in b.iter().enumerate() {
                        if i > 0 {
                            self.buf.push(b' ');
                        }
                        self.fmt_integer_raw(u64::from(c), 10, false, verb, LDIGITS);
                    }
                    self.buf.push(b']');
                }
            }
            Some('s') => {
                let t = self.truncate(b).to_vec();
                self.pad(&t);
            }
            Some('x') => self.fmt_sbx(b, LDIGITS),
            Some('X') => self.fmt_sbx(b, UDIGITS),
            Some('q') => self.fmt_q(b),
            _ => self.print_list(ty, v, verb, 0),
        }
    }

    /// Mirrors `fmtPointer` for pointers, channels, funcs, maps and slices.
    fn fmt_pointer(&mut self, ty: &str, v: &FmtValue, verb: u32) {
        let u = match underlying(v) {
            FmtValue::Pointer { addr, .. }
            | FmtValue::Chan { addr }
            | FmtValue::Func { addr }
            | FmtValue::Map { addr, .. } => *addr,
            FmtValue::Slice { addr, .. } => *addr,
            _ => {
                self.bad_verb(ty, v, verb);
                return;
            }
        };
        match char::from_u32(verb) {
            Some('v') => {
                if self.f.sharp_v {
                    self.buf.push(b'(');
                    self.buf.extend_from_slice(ty.as_bytes());
                    self.buf.extend_from_slice(b")(");
                    if u == 0 {
                        self.buf.extend_from_slice(b"nil");
                    } else {
                        self.fmt_0x64(u, true);
                    }
                    self.buf.push(b')');
                } else if u == 0 {
                    self.pad(b"<nil>");
                } else {
                    let sharp = self.f.sharp;
                    self.fmt_0x64(u, !sharp);
                }
            }
            Some('p') => {
                let sharp = self.f.sharp;
                self.fmt_0x64(u, !sharp);
            }
            Some('b' | 'o' | 'd' | 'x' | 'X') => self.fmt_integer(ty, v, u, false, verb),
            _ => self.bad_verb(ty, v, verb),
        }
    }

    /// Mirrors `handleMethods`: whether a method of `v` prints it for
    /// `verb`, and then its output. Go calls it for every operand that is
    /// not a basic type, so it is also where `%w` is rejected outside
    /// `fmt.Errorf`.
    fn handle_methods(&mut self, ty: &str, v: &FmtValue, verb: u32) -> bool {
        if self.erroring {
            return false;
        }
        let mut verb = verb;
        if verb == u32::from(b'w') {
            let is_error = match v {
                // A precomputed text counts as an error's here.
                FmtValue::Method { .. } | FmtValue::MethodPanic { .. } => true,
                FmtValue::Methods { set, .. } => set & methods::ERROR != 0,
                _ => false,
            };
            if !self.wrap_errs || !is_error {
                self.bad_verb(ty, v, verb);
                return true;
            }
            verb = u32::from(b'v');
        }
        let text_verb = matches!(char::from_u32(verb), Some('v' | 's' | 'x' | 'X' | 'q'));
        match v {
            FmtValue::Methods {
                id, set, nil_ptr, ..
            } => {
                // Format first, for every verb; then GoString for %#v;
                // then Error before String, for the verbs that print text.
                let method = if set & methods::FORMAT != 0 {
                    methods::FORMAT
                } else if self.f.sharp_v {
                    if set & methods::GO_STRING == 0 {
                        return false;
                    }
                    methods::GO_STRING
                } else if !text_verb {
                    return false;
                } else if set & methods::ERROR != 0 {
                    methods::ERROR
                } else if set & methods::STRING != 0 {
                    methods::STRING
                } else {
                    return false;
                };
                let Some(results) = self.results.as_mut() else {
                    self.calls.push(MethodCall {
                        id: *id,
                        method,
                        verb,
                        flags: self.state_flags(),
                        wid: self.f.wid_present.then_some(self.wid),
                        prec: self.f.prec_present.then_some(self.prec),
                        nil_ptr: *nil_ptr,
                    });
                    return true;
                };
                // A result missing (the value changed between the passes)
                // leaves the plain value.
                let Some(out) = results.pop_front() else {
                    return false;
                };
                match out {
                    MethodOut::Text(text) => match method {
                        methods::FORMAT => self.buf.extend_from_slice(&text),
                        methods::GO_STRING => self.fmt_s(&text),
                        _ => self.fmt_string(ty, v, &text, verb),
                    },
                    MethodOut::Panic { written, text } => {
                        self.buf.extend_from_slice(&written);
                        self.method_panic(verb, methods::name(method), &text, *nil_ptr);
                    }
                }
                true
            }
            // A precomputed Error/String text (GoString is not known).
            FmtValue::Method { text, .. } => {
                if self.f.sharp_v || !text_verb {
                    return false;
                }
                let text = text.clone();
                self.fmt_string(ty, v, &text, verb);
                true
            }
            FmtValue::MethodPanic {
                method,
                panic,
                value,
            } => {
                if self.f.sharp_v || !text_verb {
                    return false;
                }
                let nil_ptr = matches!(**value, FmtValue::Pointer { addr: 0, .. });
                self.method_panic(verb, method, panic, nil_ptr);
                true
            }
            _ => false,
        }
    }

    /// What `State.Flag` reports, as [`MethodCall::flags`] bits: `%+v` and
    /// `%#v` keep their flags apart, but a Formatter still sees them.
    fn state_flags(&self) -> u8 {
        let f = &self.f;
        u8::from(f.space)
            | u8::from(f.plus || f.plus_v) << 1
            | u8::from(f.minus) << 2
            | u8::from(f.sharp || f.sharp_v) << 3
            | u8::from(f.zero) << 4
    }

    /// A method's panic, after whatever it wrote (fmt's `catchPanic`): a
    /// nil pointer receiver prints `<nil>` (unpadded), anything else
    /// `%!v(PANIC=String method: text)`.
    fn method_panic(&mut self, verb: u32, method: &str, text: &[u8], nil_ptr: bool) {
        if nil_ptr {
            self.buf.extend_from_slice(b"<nil>");
            return;
        }
        self.buf.extend_from_slice(b"%!");
        push_rune(&mut self.buf, verb);
        self.buf.extend_from_slice(b"(PANIC=");
        self.buf.extend_from_slice(method.as_bytes());
        self.buf.extend_from_slice(b" method: ");
        self.buf.extend_from_slice(text);
        self.buf.push(b')');
    }

    /// Mirrors `printArg`: one top-level operand.
    pub fn print_arg(&mut self, arg: &Arg, verb: u32) {
        if matches!(arg.value, FmtValue::Nil) && arg.ty == "<nil>" {
            match char::from_u32(verb) {
                Some('T' | 'v') => self.pad(b"<nil>"),
                _ => self.bad_verb(&arg.ty, &arg.value, verb),
            }
            return;
        }
        match char::from_u32(verb) {
            Some('T') => {
                let t = arg.ty.clone();
                self.fmt_s(t.as_bytes());
                return;
            }
            Some('p') => {
                self.fmt_pointer(&arg.ty, &arg.value, verb);
                return;
            }
            _ => {}
        }
        match &arg.value {
            // The unnamed []byte type takes fmt's fast path, spelled "[]byte".
            FmtValue::Slice {
                elem_uint8: true,
                items,
                ..
            } if arg.ty == "[]uint8" || arg.ty == "[]byte" => {
                let bytes = items.as_ref().map(|v| collect_bytes(v));
                self.fmt_bytes(&arg.ty, &arg.value, bytes.as_deref(), verb, "[]byte");
            }
            FmtValue::Bool(_)
            | FmtValue::Int(_)
            | FmtValue::Uint(_)
            | FmtValue::Float32(_)
            | FmtValue::Float64(_)
            | FmtValue::Str(_) => self.print_value(&arg.ty, &arg.value, verb, 0),
            v => {
                if !self.handle_methods(&arg.ty, v, verb) {
                    self.print_value(&arg.ty, v, verb, 0);
                }
            }
        }
    }

    /// Mirrors `printValue`: a value found by reflection at `depth`, with
    /// everything nested in it. Go recurses; values nest as deep as a
    /// program makes them, so this runs an explicit stack of [`Task`]s.
    fn print_value(&mut self, ty: &str, v: &FmtValue, verb: u32, depth: usize) {
        self.run(vec![Task::Value { ty, v, verb, depth }]);
    }

    /// Slices and arrays element by element: `[1 2]` or `[]int{1, 2}`.
    fn print_list(&mut self, ty: &str, v: &FmtValue, verb: u32, depth: usize) {
        let mut tasks = Vec::new();
        self.list_step(&mut tasks, ty, v, verb, depth);
        self.run(tasks);
    }

    /// Works through `tasks` until none is left (or the output passed its
    /// limit). Only `print_value`'s composite kinds push more; the helpers
    /// that print a nested value themselves (`bad_verb` for `%p` of a
    /// struct, `fmt_bytes` for `%o` of a byte slice) do it with the verb
    /// `v` or on bytes, which never nest again, so this is at most a few
    /// calls deep whatever the value's depth.
    fn run<'a>(&mut self, mut tasks: Vec<Task<'a>>) {
        while let Some(t) = tasks.pop() {
            if self.buf.len() > self.limit {
                self.over = true;
                return;
            }
            match t {
                Task::Bytes(b) => self.buf.extend_from_slice(b),
                Task::Value { ty, v, verb, depth } => {
                    self.value_step(&mut tasks, ty, v, verb, depth)
                }
            }
        }
    }

    /// One `printValue` call: prints what it can now and pushes the nested
    /// values, with the text between them, in reverse order.
    fn value_step<'a>(
        &mut self,
        tasks: &mut Vec<Task<'a>>,
        ty: &'a str,
        v: &'a FmtValue,
        verb: u32,
        depth: usize,
    ) {
        if depth > 0 && self.handle_methods(ty, v, verb) {
            return;
        }
        if let FmtValue::Method { value, .. }
        | FmtValue::MethodPanic { value, .. }
        | FmtValue::Methods { value, .. } = v
        {
            tasks.push(Task::Value {
                ty,
                v: value,
                verb,
                depth,
            });
            return;
        }
        let sep: &'static [u8] = if self.f.sharp_v { b", " } else { b" " };
        match v {
            FmtValue::Nil => {
                if self.f.sharp_v && ty != "<nil>" {
                    self.buf.extend_from_slice(ty.as_bytes());
                    self.buf.extend_from_slice(b"(nil)");
                } else {
                    self.buf.extend_from_slice(b"<nil>");
                }
            }
            FmtValue::Bool(b) => self.fmt_bool(ty, v, *b, verb),
            FmtValue::Int(i) => self.fmt_integer(ty, v, *i as u64, true, verb),
            FmtValue::Uint(u) => self.fmt_integer(ty, v, *u, false, verb),
            FmtValue::Float32(x) => self.fmt_float(ty, v, f64::from(*x), 32, verb),
            FmtValue::Float64(x) => self.fmt_float(ty, v, *x, 64, verb),
            FmtValue::Str(s) => self.fmt_string(ty, v, s, verb),
            FmtValue::Map { entries, .. } => {
                if self.f.sharp_v {
                    self.buf.extend_from_slice(ty.as_bytes());
                    if entries.is_none() {
                        self.buf.extend_from_slice(b"(nil)");
                        return;
                    }
                    self.buf.push(b'{');
                } else {
                    self.buf.extend_from_slice(b"map[");
                }
                let sorted = sorted_entries(entries.as_deref().unwrap_or(&[]));
                tasks.push(Task::Bytes(if self.f.sharp_v { b"}" } else { b"]" }));
                for (i, (k, val)) in sorted.into_iter().enumerate().rev() {
                    tasks.push(Task::Value {
                        ty: &val.ty,
                        v: &val.value,
                        verb,
                        depth: depth + 1,
                    });
                    tasks.push(Task::Bytes(b":"));
                    tasks.push(Task::Value {
                        ty: &k.ty,
                        v: &k.value,
                        verb,
                        depth: depth + 1,
                    });
                    if i > 0 {
                        tasks.push(Task::Bytes(sep));
                    }
                }
            }
            FmtValue::Struct { fields } => {
                if self.f.sharp_v {
                    self.buf.extend_from_slice(ty.as_bytes());
                }
                self.buf.push(b'{');
                let names = self.f.plus_v || self.f.sharp_v;
                tasks.push(Task::Bytes(b"}"));
                for (i, field) in fields.iter().enumerate().rev() {
                    tasks.push(Task::Value {
                        ty: &field.value.ty,
                        v: &field.value.value,
                        verb,
                        depth: depth + 1,
                    });
                    if names && !field.name.is_empty() {
                        tasks.push(Task::Bytes(b":"));
                        tasks.push(Task::Bytes(field.name.as_bytes()));
                    }
                    if i > 0 {
                        tasks.push(Task::Bytes(sep));
                    }
                }
            }
            FmtValue::Slice {
                elem_uint8, items, ..
            } => {
                if *elem_uint8 && matches!(char::from_u32(verb), Some('s' | 'q' | 'x' | 'X')) {
                    let bytes = items.as_ref().map(|v| collect_bytes(v));
                    self.fmt_bytes(ty, v, bytes.as_deref(), verb, ty);
                    return;
                }
                self.list_step(tasks, ty, v, verb, depth);
            }
            FmtValue::Array { elem_uint8, items } => {
                if *elem_uint8 && matches!(char::from_u32(verb), Some('s' | 'q' | 'x' | 'X')) {
                    let bytes = collect_bytes(items);
                    self.fmt_bytes(ty, v, Some(&bytes), verb, ty);
                    return;
                }
                self.list_step(tasks, ty, v, verb, depth);
            }
            FmtValue::Pointer { addr, pointee } => {
                if depth == 0 && *addr != 0 {
                    if let Some(p) = pointee {
                        if matches!(
                            underlying(&p.value),
                            FmtValue::Array { .. }
                                | FmtValue::Slice { .. }
                                | FmtValue::Struct { .. }
                                | FmtValue::Map { .. }
                        ) {
                            self.buf.push(b'&');
                            tasks.push(Task::Value {
                                ty: &p.ty,
                                v: &p.value,
                                verb,
                                depth: depth + 1,
                            });
                            return;
                        }
                    }
                }
                self.fmt_pointer(ty, v, verb);
            }
            FmtValue::Chan { .. } | FmtValue::Func { .. } => self.fmt_pointer(ty, v, verb),
            FmtValue::Method { .. } | FmtValue::MethodPanic { .. } | FmtValue::Methods { .. } => {} // unwrapped above
        }
    }

    /// The opening of a slice or array, with its elements pushed.
    fn list_step<'a>(
        &mut self,
        tasks: &mut Vec<Task<'a>>,
        ty: &'a str,
        v: &'a FmtValue,
        verb: u32,
        depth: usize,
    ) {
        let (items, is_nil) = match v {
            FmtValue::Slice { items, .. } => (items.as_deref().unwrap_or(&[]), items.is_none()),
            FmtValue::Array { items, .. } => (items.as_slice(), false),
            _ => return,
        };
        let sep: &'static [u8] = if self.f.sharp_v {
            self.buf.extend_from_slice(ty.as_bytes());
            if is_nil {
                self.buf.extend_from_slice(b"(nil)");
                return;
            }
            self.buf.push(b'{');
            tasks.push(Task::Bytes(b"}"));
            b", "
        } else {
            self.buf.push(b'[');
            tasks.push(Task::Bytes(b"]"));
            b" "
        };
        for (i, item) in items.iter().enumerate().rev() {
            tasks.push(Task::Value {
                ty: &item.ty,
                v: &item.value,
                verb,
                depth: depth + 1,
            });
            if i > 0 {
                tasks.push(Task::Bytes(sep));
            }
        }
    }

    // ---- fmt/print.go: the drivers ----

    pub fn do_printf(&mut self, format: &[u8], a: &[Arg]) {
        let end = format.len();
        let mut arg_num = 0usize;
        let mut after_index;
        let mut reordered = false;
        let mut i = 0usize;
        'format_loop: while i < end {
            if self.buf.len() > self.limit {
                self.over = true;
                break;
            }
            let mut good_arg_num = true;
            let lasti = i;
            while i < end && format[i] != b'%' {
                i += 1;
            }
            if i > lasti {
                self.buf.extend_from_slice(&format[lasti..i]);
            }
            if i >= end {
                break;
            }
            i += 1; // skip '%'
            self.clear_flags();
            // Flags, with a fast path for a simple verb right after them.
            while i < end {
                let c = format[i];
                match c {
                    b'#' => self.f.sharp = true,
                    b'0' => self.f.zero = true,
                    b'+' => self.f.plus = true,
                    b'-' => self.f.minus = true,
                    b' ' => self.f.space = true,
                    _ => {
                        if c.is_ascii_lowercase() && arg_num < a.len() {
                            if c == b'v' || c == b'w' {
                                self.f.sharp_v = self.f.sharp;
                                self.f.sharp = false;
                                self.f.plus_v = self.f.plus;
                                self.f.plus = false;
                            }
                            self.print_arg(&a[arg_num], u32::from(c));
                            arg_num += 1;
                            i += 1;
                            continue 'format_loop;
                        }
                        break;
                    }
                }
                i += 1;
            }

            // Argument index, then width.
            (arg_num, i, after_index) = self.arg_number(
                arg_num,
                format,
                i,
                a.len(),
                &mut reordered,
                &mut good_arg_num,
            );
            if i < end && format[i] == b'*' {
                i += 1;
                let (w, ok, n) = int_from_arg(a, arg_num);
                arg_num = n;
                self.f.wid_present = ok;
                if !ok {
                    self.buf.extend_from_slice(b"%!(BADWIDTH)");
                }
                if w < 0 {
                    self.wid = w.unsigned_abs() as usize;
                    self.f.minus = true;
                    self.f.zero = false; // no zero padding to the right
                } else {
                    self.wid = w as usize;
                }
                after_index = false;
            } else {
                let (w, ok, ni) = parse_num(format, i, end);
                self.wid = w;
                self.f.wid_present = ok;
                i = ni;
                if after_index && ok {
                    good_arg_num = false; // "%[3]2d"
                }
            }

            // Precision.
            if i + 1 < end && format[i] == b'.' {
                i += 1;
                if after_index {
                    good_arg_num = false; // "%[3].2d"
                }
                (arg_num, i, after_index) = self.arg_number(
                    arg_num,
                    format,
                    i,
                    a.len(),
                    &mut reordered,
                    &mut good_arg_num,
                );
                if i < end && format[i] == b'*' {
                    i += 1;
                    let (p, ok, n) = int_from_arg(a, arg_num);
                    arg_num = n;
                    self.f.prec_present = ok;
                    if p < 0 {
                        self.prec = 0;
                        self.f.prec_present = false;
                    } else {
                        self.prec = p as usize;
                    }
                    if !self.f.prec_present {
                        self.buf.extend_from_slice(b"%!(BADPREC)");
                    }
                    after_index = false;
                } else {
                    let (p, ok, ni) = parse_num(format, i, end);
                    self.prec = if ok { p } else { 0 };
                    self.f.prec_present = true;
                    i = ni;
                }
            }

            if !after_index {
                (arg_num, i, _) = self.arg_number(
                    arg_num,
                    format,
                    i,
                    a.len(),
                    &mut reordered,
                    &mut good_arg_num,
                );
            }

            if i >= end {
                self.buf.extend_from_slice(b"%!(NOVERB)");
                break;
            }

            let (verb, size) = decode_rune(&format[i..]);
            i += size.max(1);

            if verb == u32::from(b'%') {
                self.buf.push(b'%'); // absorbs no operand, ignores width and precision
            } else if !good_arg_num {
                self.buf.extend_from_slice(b"%!");
                push_rune(&mut self.buf, verb);
                self.buf.extend_from_slice(b"(BADINDEX)");
            } else if arg_num >= a.len() {
                self.buf.extend_from_slice(b"%!");
                push_rune(&mut self.buf, verb);
                self.buf.extend_from_slice(b"(MISSING)");
            } else {
                if verb == u32::from(b'v') || verb == u32::from(b'w') {
                    self.f.sharp_v = self.f.sharp;
                    self.f.sharp = false;
                    self.f.plus_v = self.f.plus;
                    self.f.plus = false;
                }
                self.print_arg(&a[arg_num], verb);
                arg_num += 1;
            }
        }

        if !reordered && arg_num < a.len() {
            self.clear_flags();
            self.buf.extend_from_slice(b"%!(EXTRA ");
            for (k, arg) in a[arg_num..].iter().enumerate() {
                if k > 0 {
                    self.buf.extend_from_slice(b", ");
                }
                if matches!(arg.value, FmtValue::Nil) && arg.ty == "<nil>" {
                    self.buf.extend_from_slice(b"<nil>");
                } else {
                    self.buf.extend_from_slice(arg.ty.as_bytes());
                    self.buf.push(b'=');
                    self.print_arg(arg, u32::from(b'v'));
                }
            }
            self.buf.push(b')');
        }
    }

    /// Mirrors `argNumber`: an optional `[n]` at `i`.
    /// Returns (new arg number, new index, whether an index was found).
    fn arg_number(
        &mut self,
        arg_num: usize,
        format: &[u8],
        i: usize,
        num_args: usize,
        reordered: &mut bool,
        good_arg_num: &mut bool,
    ) -> (usize, usize, bool) {
        if format.len() <= i || format[i] != b'[' {
            return (arg_num, i, false);
        }
        *reordered = true;
        let (index, wid, ok) = parse_arg_number(&format[i..]);
        if ok && index >= 0 && (index as usize) < num_args {
            return (index as usize, i + wid, true);
        }
        *good_arg_num = false;
        (arg_num, i + wid, ok)
    }

    pub fn do_print(&mut self, a: &[Arg]) {
        let mut prev_string = false;
        for (k, arg) in a.iter().enumerate() {
            if self.buf.len() > self.limit {
                self.over = true;
                return;
            }
            let is_string = matches!(underlying(&arg.value), FmtValue::Str(_));
            if k > 0 && !is_string && !prev_string {
                self.buf.push(b' ');
            }
            self.print_arg(arg, u32::from(b'v'));
            prev_string = is_string;
        }
    }

    pub fn do_println(&mut self, a: &[Arg]) {
        for (k, arg) in a.iter().enumerate() {
            if self.buf.len() > self.limit {
                self.over = true;
                return;
            }
            if k > 0 {
                self.buf.push(b' ');
            }
            self.print_arg(arg, u32::from(b'v'));
        }
        self.buf.push(b'\n');
    }
}

/// Byte values of `uint8` elements (anything else counts as 0; the VM never
/// marks such a list `elem_uint8`).
fn collect_bytes(items: &[Arg]) -> Vec<u8> {
    items
        .iter()
        .map(|a| match underlying(&a.value) {
            FmtValue::Uint(u) => *u as u8,
            FmtValue::Int(i) => *i as u8,
            _ => 0,
        })
        .collect()
}

fn too_large(x: usize) -> bool {
    x > 1_000_000
}

/// Mirrors `parsenum`: (number, found, new index).
fn parse_num(s: &[u8], start: usize, end: usize) -> (usize, bool, usize) {
    if start >= end {
        return (0, false, end);
    }
    let mut num = 0usize;
    let mut isnum = false;
    let mut i = start;
    while i < end && s[i].is_ascii_digit() {
        if too_large(num) {
            return (0, false, end); // overflow: a crazy long number
        }
        num = num * 10 + usize::from(s[i] - b'0');
        isnum = true;
        i += 1;
    }
    (num, isnum, i)
}

/// Mirrors `parseArgNumber` on text starting with '[': (zero-based index, consumed, ok).
fn parse_arg_number(format: &[u8]) -> (i64, usize, bool) {
    if format.len() < 3 {
        return (0, 1, false);
    }
    for i in 1..format.len() {
        if format[i] == b']' {
            let (width, ok, newi) = parse_num(format, 1, i);
            if !ok || newi != i {
                return (0, i + 1, false);
            }
            return (width as i64 - 1, i + 1, true);
        }
    }
    (0, 1, false)
}

/// Mirrors `intFromArg`: (value, is an int, new arg number).
fn int_from_arg(a: &[Arg], arg_num: usize) -> (i64, bool, usize) {
    let Some(arg) = a.get(arg_num) else {
        return (0, false, arg_num);
    };
    let (mut num, mut is_int) = match underlying(&arg.value) {
        FmtValue::Int(i) => (*i, true),
        FmtValue::Uint(u) if *u <= i64::MAX as u64 => (*u as i64, true),
        _ => (0, false),
    };
    if !(-1_000_000..=1_000_000).contains(&num) {
        num = 0;
        is_int = false;
    }
    (num, is_int, arg_num + 1)
}
