//! Calls: functions, methods (static and through interfaces), conversions
//! and Go's builtins, with argument checking as `go build` reports it.

use super::expr::{strip_parens, MethodCall, Selection};
use super::*;
use crate::syntax::ast::{Expr, ExprKind};
use crate::types::{MethodTarget, Signature, TypeKind};
use crate::vm::natives::Native;
use crate::vm::value::Value;

/// What a call expression calls, decided before any code is emitted.
enum Callee {
    Builtin(Builtin),
    Conversion(TypeId),
    Static { fid: u32, sig: TypeId },
    Native { nid: u32, sig: TypeId },
    Method(MethodCall),
    Value(TypeId),
}

impl<'a> Compiler<'a> {
    /// Resolves the callee and emits whatever must precede the arguments
    /// (a receiver, or a function value).
    fn callee(&mut self, func: &Expr) -> Option<Callee> {
        let f = strip_parens(func);
        match &f.kind {
            ExprKind::Ident(id) => match self.lookup(&id.name) {
                Some(Sym::Builtin(b)) => return Some(Callee::Builtin(b)),
                Some(Sym::Type(t)) => return Some(Callee::Conversion(t)),
                Some(Sym::Func { fid, ty }) => return Some(Callee::Static { fid, sig: ty }),
                Some(Sym::Native { nid, ty }) => return Some(Callee::Native { nid, sig: ty }),
                _ => {}
            },
            ExprKind::Selector(x, sel) => {
                if let ExprKind::Ident(pid) = &x.kind {
                    if let Some(Sym::Package { pkg, .. }) = self.lookup(&pid.name) {
                        let member = self.packages[pkg as usize].scope.get(&sel.name).cloned();
                        if super::decls::is_exported(&sel.name) {
                            match member {
                                Some(Sym::Func { fid, ty }) => {
                                    return Some(Callee::Static { fid, sig: ty })
                                }
                                Some(Sym::Native { nid, ty }) => {
                                    return Some(Callee::Native { nid, sig: ty })
                                }
                                Some(Sym::Type(t)) => return Some(Callee::Conversion(t)),
                                _ => {}
                            }
                        }
                    }
                }
                if let Some(xty) = self.peek_type(x) {
                    if matches!(
                        self.select(xty, &sel.name),
                        Some(Selection::Method { .. } | Selection::IfaceMethod { .. })
                    ) {
                        return self
                            .method_receiver(x, xty, &sel.name, f.span)
                            .map(Callee::Method);
                    }
                } else if self
                    .diags
                    .iter()
                    .any(|d| d.span.lo >= x.span.lo && d.span.hi <= x.span.hi)
                {
                    return None;
                }
            }
            ExprKind::ArrayType { .. }
            | ExprKind::MapType(..)
            | ExprKind::ChanType(..)
            | ExprKind::FuncType(_)
            | ExprKind::InterfaceType(_)
            | ExprKind::StructType(_) => {
                let t = self.resolve_type(f);
                return Some(Callee::Conversion(t));
            }
            ExprKind::Star(inner) => {
                // (*T)(x) is a conversion when T is a type.
                let op = self.peek_mode_is_type(inner);
                if op {
                    let t = self.resolve_type(f);
                    return Some(Callee::Conversion(t));
                }
            }
            _ => {}
        }
        let o = self.expr(func);
        match o.mode {
            Mode::Invalid => None,
            Mode::Type => Some(Callee::Conversion(o.ty)),
            Mode::Builtin(b) => Some(Callee::Builtin(b)),
            _ => {
                let o = self.to_single_value(o, func);
                if o.is_invalid() {
                    return None;
                }
                if self.types.signature(o.ty).is_none() {
                    errorf!(
                        self,
                        func.span,
                        "invalid operation: cannot call non-function {}",
                        self.describe(&o, func)
                    );
                    return None;
                }
                Some(Callee::Value(o.ty))
            }
        }
    }

    fn peek_mode_is_type(&mut self, e: &Expr) -> bool {
        matches!(self.peek(e, false).mode, Mode::Type)
    }

    /// Emits the receiver for calling method `name` on `x` and says how to
    /// call it.
    pub fn method_receiver(
        &mut self,
        x: &Expr,
        xty: TypeId,
        name: &str,
        span: Span,
    ) -> Option<MethodCall> {
        match self.select(xty, name)? {
            Selection::Method {
                path, base, method, ..
            } => {
                let x_is_ptr = matches!(self.types.ukind(xty), TypeKind::Pointer(_));
                // The type of the receiver operand at the end of the path.
                let end_ty = self.path_end_type(xty, &path);
                let end_is_ptr = matches!(self.types.kind(end_ty), TypeKind::Pointer(_));
                if method.pointer_recv {
                    if end_is_ptr {
                        self.value(x);
                        self.navigate_value(xty, &path);
                    } else if path.is_empty() && x_is_ptr {
                        self.value(x);
                    } else if x_is_ptr || is_addressable(x) {
                        if x_is_ptr {
                            self.value(x);
                        } else {
                            self.addr(x)?;
                        }
                        self.field_path_ptr(xty, &path);
                    } else {
                        let o = Operand::value(xty, x.span);
                        let _ = o;
                        errorf!(
                            self,
                            span,
                            "cannot call pointer method {} on {}",
                            name,
                            self.types.name(base)
                        );
                        return None;
                    }
                } else {
                    self.value(x);
                    self.navigate_value(xty, &path);
                    if end_is_ptr || (path.is_empty() && x_is_ptr) {
                        self.emit(Op::Deref);
                    }
                }
                Some(match method.target {
                    MethodTarget::Func(fid) => MethodCall::Func {
                        fid,
                        sig: method.sig,
                    },
                    MethodTarget::Native(nid) => MethodCall::Native {
                        nid,
                        sig: method.sig,
                    },
                })
            }
            Selection::IfaceMethod { path, name, sig } => {
                self.value(x);
                self.navigate_value(xty, &path);
                let mid = self.method_name_id(&name);
                Some(MethodCall::Iface { mid, sig })
            }
            Selection::Field { .. } => None,
        }
    }

    fn path_end_type(&self, xty: TypeId, path: &[(u32, bool)]) -> TypeId {
        let mut cur = xty;
        for (idx, _) in path {
            if let TypeKind::Pointer(b) = self.types.ukind(cur) {
                cur = *b;
            }
            cur = match self.types.ukind(cur) {
                TypeKind::Struct(fs) => fs.get(*idx as usize).map(|f| f.ty).unwrap_or(wk::INVALID),
                _ => wk::INVALID,
            };
        }
        cur
    }

    /// With a value of type `xty` on the stack, loads the field at `path`.
    fn navigate_value(&mut self, xty: TypeId, path: &[(u32, bool)]) {
        let mut cur = xty;
        for (idx, _) in path {
            if let TypeKind::Pointer(b) = self.types.ukind(cur).clone() {
                self.emit(Op::Deref);
                cur = b;
            }
            self.emit(Op::Field(*idx));
            cur = match self.types.ukind(cur) {
                TypeKind::Struct(fs) => fs.get(*idx as usize).map(|f| f.ty).unwrap_or(wk::INVALID),
                _ => wk::INVALID,
            };
        }
    }

    pub fn call(&mut self, func: &Expr, args: &[Expr], spread: bool, span: Span) -> Operand {
        let Some(callee) = self.callee(func) else {
            for a in args {
                let _ = self.peek_type(a);
            }
            return Operand::invalid(span);
        };
        let fname = self.text(func.span);
        match callee {
            Callee::Builtin(b) => self.builtin(b, args, spread, span, func),
            Callee::Conversion(t) => {
                if args.len() != 1 {
                    let msg = if args.is_empty() {
                        format!("missing argument in conversion to {}", self.types.name(t))
                    } else {
                        format!("too many arguments in conversion to {}", self.types.name(t))
                    };
                    self.error(span, msg);
                    return Operand::invalid(span);
                }
                self.conversion(t, &args[0], span)
            }
            Callee::Static { fid, sig } => {
                let argc = self.call_args(sig, args, spread, &fname, span);
                self.emit(Op::Call { fid, argc });
                self.call_result(sig, span)
            }
            Callee::Native { nid, sig } => {
                let argc = self.call_args(sig, args, spread, &fname, span);
                self.emit(Op::CallNative { nid, argc });
                self.call_result(sig, span)
            }
            Callee::Method(mc) => match mc {
                MethodCall::Func { fid, sig } => {
                    let argc = self.call_args(sig, args, spread, &fname, span);
                    self.emit(Op::Call {
                        fid,
                        argc: argc + 1,
                    });
                    self.call_result(sig, span)
                }
                MethodCall::Native { nid, sig } => {
                    let argc = self.call_args(sig, args, spread, &fname, span);
                    self.emit(Op::CallNative {
                        nid,
                        argc: argc + 1,
                    });
                    self.call_result(sig, span)
                }
                MethodCall::Iface { mid, sig } => {
                    let argc = self.call_args(sig, args, spread, &fname, span);
                    self.emit(Op::CallIface { method: mid, argc });
                    self.call_result(sig, span)
                }
            },
            Callee::Value(sig) => {
                let argc = self.call_args(sig, args, spread, &fname, span);
                self.emit(Op::CallValue { argc });
                self.call_result(sig, span)
            }
        }
    }

    fn call_result(&mut self, sig: TypeId, span: Span) -> Operand {
        let results = self
            .types
            .signature(sig)
            .map(|s| s.results.clone())
            .unwrap_or_default();
        match results.len() {
            0 => Operand {
                mode: Mode::Void,
                ty: wk::EMPTY_TUPLE,
                span,
            },
            1 => Operand::value(results[0], span),
            _ => {
                let t = self.types.tuple(results);
                Operand {
                    mode: Mode::Multi,
                    ty: t,
                    span,
                }
            }
        }
    }

    /// Checks and emits the arguments of a call; returns how many values
    /// were pushed (variadic extras are packed into one slice).
    pub fn call_args(
        &mut self,
        sig_ty: TypeId,
        args: &[Expr],
        spread: bool,
        fname: &str,
        span: Span,
    ) -> u32 {
        let Some(sig) = self.types.signature(sig_ty).cloned() else {
            return 0;
        };
        let ctx = format!("argument to {}", fname);
        // f(g()) with a multi-valued g.
        if args.len() == 1 && !spread {
            let mark_ty = self.peek_type_mode(&args[0]);
            if let Some((Mode::Multi, tuple)) = mark_ty {
                let o = self.expr(&args[0]);
                let TypeKind::Tuple(vals) = self.types.kind(o.ty).clone() else {
                    return 0;
                };
                return self.spread_tuple_args(&sig, &vals, &args[0], fname, span, &ctx, tuple);
            }
        }
        let np = sig.params.len();
        let fixed = if sig.variadic { np - 1 } else { np };
        let have_ok = if sig.variadic && !spread {
            args.len() >= fixed
        } else {
            args.len() == np
        };
        if !have_ok {
            let mut have: Vec<String> = Vec::new();
            for a in args {
                have.push(self.have_name(a));
            }
            let want: Vec<String> = sig
                .params
                .iter()
                .enumerate()
                .map(|(i, p)| {
                    if sig.variadic && i + 1 == np {
                        match self.types.kind(*p) {
                            TypeKind::Slice(e) => format!("...{}", self.types.name(*e)),
                            _ => self.types.name(*p),
                        }
                    } else {
                        self.types.name(*p)
                    }
                })
                .collect();
            let few = args.len() < fixed || (!sig.variadic && args.len() < np);
            let at = if few {
                Span {
                    lo: span.hi.saturating_sub(1),
                    hi: span.hi,
                }
            } else {
                args.get(np).map(|a| a.span).unwrap_or(span)
            };
            errorf!(
                self,
                at,
                "{} arguments in call to {}\n\thave ({})\n\twant ({})",
                if few { "not enough" } else { "too many" },
                fname,
                have.join(", "),
                want.join(", ")
            );
            return 0;
        }
        for (i, a) in args.iter().enumerate().take(fixed) {
            let o = self.expr(a);
            self.assign_to(o, a, sig.params[i], &ctx);
        }
        if !sig.variadic {
            return np as u32;
        }
        let slice_ty = sig.params[np - 1];
        if spread {
            let a = &args[np - 1];
            let o = self.expr(a);
            self.assign_to(o, a, slice_ty, &ctx);
            return np as u32;
        }
        let elem = match self.types.kind(slice_ty) {
            TypeKind::Slice(e) => *e,
            _ => wk::INVALID,
        };
        let extra = &args[fixed..];
        for a in extra {
            let o = self.expr(a);
            self.assign_to(o, a, elem, &ctx);
        }
        if extra.is_empty() {
            self.emit(Op::Push(Value::Nil));
        } else {
            self.emit(Op::MakeSliceOf(extra.len() as u32));
        }
        np as u32
    }

    pub fn peek_type_mode(&mut self, e: &Expr) -> Option<(Mode, TypeId)> {
        let op = self.peek(e, false);
        Some((op.mode, op.ty))
    }

    #[allow(clippy::too_many_arguments)]
    fn spread_tuple_args(
        &mut self,
        sig: &Signature,
        vals: &[TypeId],
        arg: &Expr,
        fname: &str,
        span: Span,
        ctx: &str,
        _tuple: TypeId,
    ) -> u32 {
        let np = sig.params.len();
        let fixed = if sig.variadic { np - 1 } else { np };
        if vals.len() < fixed || (!sig.variadic && vals.len() != np) {
            let have: Vec<String> = vals.iter().map(|t| self.types.name(*t)).collect();
            let want: Vec<String> = sig.params.iter().map(|t| self.types.name(*t)).collect();
            errorf!(
                self,
                span,
                "{} arguments in call to {}\n\thave ({})\n\twant ({})",
                if vals.len() < fixed {
                    "not enough"
                } else {
                    "too many"
                },
                fname,
                have.join(", "),
                want.join(", ")
            );
            return 0;
        }
        // Spill the results to temporaries, then reload each converted.
        let slots: Vec<u32> = vals.iter().map(|_| self.new_slot()).collect();
        for s in slots.iter().rev() {
            self.emit(Op::Store(*s));
        }
        for (i, (s, t)) in slots.iter().zip(vals.iter()).enumerate().take(fixed) {
            self.emit(Op::Load(*s));
            self.assign_to(Operand::value(*t, arg.span), arg, sig.params[i], ctx);
        }
        if !sig.variadic {
            return np as u32;
        }
        let elem = match self.types.kind(sig.params[np - 1]) {
            TypeKind::Slice(e) => *e,
            _ => wk::INVALID,
        };
        let extra = &slots[fixed..];
        for (s, t) in extra.iter().zip(vals[fixed..].iter()) {
            self.emit(Op::Load(*s));
            self.assign_to(Operand::value(*t, arg.span), arg, elem, ctx);
        }
        if extra.is_empty() {
            self.emit(Op::Push(Value::Nil));
        } else {
            self.emit(Op::MakeSliceOf(extra.len() as u32));
        }
        np as u32
    }

    /// Prepares `go f(x)` / `defer f(x)`: pushes a function value and the
    /// arguments; returns the argument count.
    pub fn deferred_call(&mut self, call: &Expr, what: &str) -> Option<u32> {
        let ExprKind::Call { func, args, spread } = &strip_parens(call).kind else {
            errorf!(
                self,
                call.span,
                "expression in {} must be function call",
                what
            );
            return None;
        };
        let span = call.span;
        let fname = self.text(func.span);
        let callee = self.callee(func)?;
        let sig = match callee {
            Callee::Builtin(b) => return self.deferred_builtin(b, args, span, what),
            Callee::Conversion(_) => {
                errorf!(
                    self,
                    span,
                    "{} requires function call, not conversion",
                    what
                );
                return None;
            }
            Callee::Static { fid, sig } => {
                // Insert the function value below nothing: it goes first.
                self.emit(Op::PushFunc(fid));
                sig
            }
            Callee::Native { nid, sig } => {
                self.emit(Op::PushNative(nid));
                sig
            }
            Callee::Method(mc) => match mc {
                MethodCall::Func { fid, sig } => {
                    self.emit(Op::BindMethod(fid));
                    sig
                }
                MethodCall::Native { nid, sig } => {
                    self.emit(Op::BindNative(nid));
                    sig
                }
                MethodCall::Iface { mid, sig } => {
                    self.emit(Op::BindIface(mid));
                    sig
                }
            },
            Callee::Value(sig) => sig,
        };
        let argc = self.call_args(sig, args, *spread, &fname, span);
        if let Some(s) = self.types.signature(sig) {
            if !s.results.is_empty() && what == "go" {
                // Allowed: results are discarded.
            }
        }
        Some(argc)
    }

    fn deferred_builtin(
        &mut self,
        b: Builtin,
        args: &[Expr],
        span: Span,
        what: &str,
    ) -> Option<u32> {
        let native = match b {
            Builtin::Close => Native::BuiltinClose,
            Builtin::Panic => Native::BuiltinPanic,
            Builtin::Print => Native::BuiltinPrint,
            Builtin::Println => Native::BuiltinPrintln,
            Builtin::Delete => Native::BuiltinDelete,
            Builtin::Recover => Native::BuiltinRecover,
            _ => {
                errorf!(
                    self,
                    span,
                    "{} discards result of {}",
                    what,
                    self.text(span)
                );
                return None;
            }
        };
        let nid = self.native_id(native);
        self.emit(Op::PushNative(nid));
        for a in args {
            let o = self.expr(a);
            if matches!(b, Builtin::Panic | Builtin::Print | Builtin::Println) {
                self.assign_to(o, a, wk::EMPTY_IFACE, "argument");
            } else {
                self.to_single_value(o, a);
            }
        }
        Some(args.len() as u32)
    }

    fn builtin(
        &mut self,
        b: Builtin,
        args: &[Expr],
        spread: bool,
        span: Span,
        func: &Expr,
    ) -> Operand {
        let name = self.text(func.span);
        let nargs = |c: &mut Self, want_min: usize, want_max: usize| -> bool {
            if args.len() < want_min {
                errorf!(
                    c,
                    span,
                    "not enough arguments for {} (expected {}, found {})",
                    c.text(span),
                    want_min,
                    args.len()
                );
                return false;
            }
            if args.len() > want_max {
                errorf!(
                    c,
                    args[want_max].span,
                    "too many arguments for {} (expected {}, found {})",
                    c.text(span),
                    want_max,
                    args.len()
                );
                return false;
            }
            true
        };
        match b {
            Builtin::Len | Builtin::Cap => {
                if !nargs(self, 1, 1) {
                    return Operand::invalid(span);
                }
                let o = self.expr(&args[0]);
                if let (Mode::Const(ConstVal::Str(s)), Builtin::Len) = (&o.mode, b) {
                    return Operand {
                        mode: Mode::Const(ConstVal::Int(s.len() as i128)),
                        ty: wk::INT,
                        span,
                    };
                }
                let o = self.to_single_value(o, &args[0]);
                if o.is_invalid() {
                    return o;
                }
                let ok = match self.types.ukind(o.ty).clone() {
                    TypeKind::String => b == Builtin::Len,
                    TypeKind::Slice(_) | TypeKind::Chan(..) => true,
                    TypeKind::Map(..) => b == Builtin::Len,
                    TypeKind::Array(n, _) => {
                        self.emit(Op::Pop);
                        return Operand {
                            mode: Mode::Const(ConstVal::Int(n as i128)),
                            ty: wk::INT,
                            span,
                        };
                    }
                    TypeKind::Pointer(p) => match self.types.ukind(p) {
                        TypeKind::Array(n, _) => {
                            let n = *n;
                            self.emit(Op::Pop);
                            return Operand {
                                mode: Mode::Const(ConstVal::Int(n as i128)),
                                ty: wk::INT,
                                span,
                            };
                        }
                        _ => false,
                    },
                    _ => false,
                };
                if !ok {
                    errorf!(
                        self,
                        args[0].span,
                        "invalid argument: {} for built-in {}",
                        self.describe(&o, &args[0]),
                        name
                    );
                    return Operand::invalid(span);
                }
                self.emit(if b == Builtin::Len { Op::Len } else { Op::Cap });
                Operand::value(wk::INT, span)
            }
            Builtin::Append => {
                if args.is_empty() {
                    self.error(
                        span,
                        "not enough arguments for append() (expected 1, found 0)",
                    );
                    return Operand::invalid(span);
                }
                let so = self.expr(&args[0]);
                let so = match so.mode {
                    Mode::Const(ConstVal::Nil) => {
                        self.error(
                            args[0].span,
                            "first argument to append must be a typed slice; found untyped nil",
                        );
                        return Operand::invalid(span);
                    }
                    _ => self.to_single_value(so, &args[0]),
                };
                if so.is_invalid() {
                    return so;
                }
                let TypeKind::Slice(elem) = self.types.ukind(so.ty).clone() else {
                    errorf!(
                        self,
                        args[0].span,
                        "invalid argument: {} is not a slice",
                        self.describe(&so, &args[0])
                    );
                    return Operand::invalid(span);
                };
                if spread {
                    if args.len() != 2 {
                        self.error(span, "can only use ... with final argument in list");
                        return Operand::invalid(span);
                    }
                    let o = self.expr(&args[1]);
                    let is_string = matches!(
                        self.types.ukind(o.ty),
                        TypeKind::String | TypeKind::Untyped(crate::types::UntypedKind::String)
                    );
                    if is_string && self.types.underlying(elem) == wk::UINT8 {
                        self.materialize(&o, Some(wk::STRING));
                        self.emit(Op::Append {
                            n: 1,
                            spread: true,
                            string_src: true,
                            elem_size: 1,
                        });
                    } else {
                        self.assign_to(o, &args[1], so.ty, "append");
                        let es = self.elem_size(elem);
                        self.emit(Op::Append {
                            n: 1,
                            spread: true,
                            string_src: false,
                            elem_size: es,
                        });
                    }
                    return Operand::value(so.ty, span);
                }
                for a in &args[1..] {
                    let o = self.expr(a);
                    self.assign_to(o, a, elem, "argument to append");
                }
                let es = self.elem_size(elem);
                self.emit(Op::Append {
                    n: (args.len() - 1) as u32,
                    spread: false,
                    string_src: false,
                    elem_size: es,
                });
                Operand::value(so.ty, span)
            }
            Builtin::Make => {
                if args.is_empty() {
                    self.error(
                        span,
                        "not enough arguments for make() (expected 1, found 0)",
                    );
                    return Operand::invalid(span);
                }
                let t = self.resolve_type(&args[0]);
                if t == wk::INVALID {
                    return Operand::invalid(span);
                }
                let sizes = &args[1..];
                let check_size = |c: &mut Self, e: &Expr| {
                    let o = c.expr(e);
                    match &o.mode {
                        Mode::Const(v) => {
                            match v.as_i128() {
                                Some(n) if n < 0 => errorf!(c, e.span, "invalid argument: index {} (constant of type int) must not be negative", c.text(e.span)),
                                None => errorf!(c, e.span, "{} (untyped float constant) truncated to int", c.text(e.span)),
                                _ => {}
                            }
                            c.materialize(&o, Some(wk::INT));
                        }
                        Mode::Invalid => {}
                        _ => {
                            let o = c.to_single_value(o, e);
                            if !o.is_invalid() && !c.types.is_integer(o.ty) {
                                errorf!(
                                    c,
                                    e.span,
                                    "cannot convert {} to type int",
                                    c.describe(&o, e)
                                );
                            }
                        }
                    }
                };
                match self.types.ukind(t).clone() {
                    TypeKind::Slice(elem) => {
                        if sizes.is_empty() {
                            errorf!(
                                self,
                                span,
                                "invalid operation: {} expects 2 or 3 arguments; found 1",
                                self.text(span)
                            );
                            return Operand::invalid(span);
                        }
                        if sizes.len() > 2 {
                            errorf!(
                                self,
                                span,
                                "invalid operation: {} expects 2 or 3 arguments; found {}",
                                self.text(span),
                                args.len()
                            );
                            return Operand::invalid(span);
                        }
                        for s in sizes {
                            check_size(self, s);
                        }
                        self.emit(Op::MakeSlice {
                            elem,
                            has_cap: sizes.len() == 2,
                        });
                    }
                    TypeKind::Map(..) => {
                        if sizes.len() > 1 {
                            errorf!(
                                self,
                                span,
                                "invalid operation: {} expects 1 or 2 arguments; found {}",
                                self.text(span),
                                args.len()
                            );
                            return Operand::invalid(span);
                        }
                        for s in sizes {
                            check_size(self, s);
                            self.emit(Op::Pop);
                        }
                        self.emit(Op::MakeMap);
                    }
                    TypeKind::Chan(_, elem) => {
                        if sizes.len() > 1 {
                            errorf!(
                                self,
                                span,
                                "invalid operation: {} expects 1 or 2 arguments; found {}",
                                self.text(span),
                                args.len()
                            );
                            return Operand::invalid(span);
                        }
                        for s in sizes {
                            check_size(self, s);
                        }
                        self.emit(Op::MakeChan {
                            elem,
                            has_cap: sizes.len() == 1,
                        });
                    }
                    _ => {
                        errorf!(
                            self,
                            args[0].span,
                            "invalid argument: cannot make {}; type must be slice, map, or channel",
                            self.text(args[0].span)
                        );
                        return Operand::invalid(span);
                    }
                }
                Operand::value(t, span)
            }
            Builtin::New => {
                if !nargs(self, 1, 1) {
                    return Operand::invalid(span);
                }
                let t = self.resolve_type(&args[0]);
                self.emit(Op::Zero(t));
                self.emit(Op::NewCell);
                let pt = self.types.pointer(t);
                Operand::value(pt, span)
            }
            Builtin::Delete => {
                if !nargs(self, 2, 2) {
                    return Operand::invalid(span);
                }
                let m = self.value(&args[0]);
                if m.is_invalid() {
                    return m;
                }
                let TypeKind::Map(k, _) = self.types.ukind(m.ty).clone() else {
                    errorf!(
                        self,
                        args[0].span,
                        "invalid argument: {} is not a map",
                        self.describe(&m, &args[0])
                    );
                    return Operand::invalid(span);
                };
                let ko = self.expr(&args[1]);
                self.assign_to(ko, &args[1], k, "argument to delete");
                self.emit(Op::MapDelete);
                Operand {
                    mode: Mode::Void,
                    ty: wk::EMPTY_TUPLE,
                    span,
                }
            }
            Builtin::Close => {
                if !nargs(self, 1, 1) {
                    return Operand::invalid(span);
                }
                let c = self.value(&args[0]);
                if c.is_invalid() {
                    return c;
                }
                match self.types.ukind(c.ty) {
                    TypeKind::Chan(dir, _) => {
                        if *dir == crate::types::ChanDir::Recv {
                            errorf!(
                                self,
                                args[0].span,
                                "invalid operation: cannot close receive-only channel {}",
                                self.describe(&c, &args[0])
                            );
                        }
                    }
                    _ => {
                        errorf!(
                            self,
                            args[0].span,
                            "invalid operation: cannot close non-channel {}",
                            self.describe(&c, &args[0])
                        );
                        return Operand::invalid(span);
                    }
                }
                self.emit(Op::Close);
                Operand {
                    mode: Mode::Void,
                    ty: wk::EMPTY_TUPLE,
                    span,
                }
            }
            Builtin::Copy => {
                if !nargs(self, 2, 2) {
                    return Operand::invalid(span);
                }
                let d = self.value(&args[0]);
                let s = self.expr(&args[1]);
                let s = match s.mode {
                    Mode::Const(_) => {
                        let t = self.materialize(&s, Some(wk::STRING));
                        Operand::value(t, s.span)
                    }
                    _ => self.to_single_value(s, &args[1]),
                };
                if d.is_invalid() || s.is_invalid() {
                    return Operand::invalid(span);
                }
                self.emit(Op::Copy);
                Operand::value(wk::INT, span)
            }
            Builtin::Panic => {
                if !nargs(self, 1, 1) {
                    return Operand::invalid(span);
                }
                let o = self.expr(&args[0]);
                self.assign_to(o, &args[0], wk::EMPTY_IFACE, "argument to panic");
                self.emit(Op::Panic);
                Operand {
                    mode: Mode::Void,
                    ty: wk::EMPTY_TUPLE,
                    span,
                }
            }
            Builtin::Recover => {
                if !nargs(self, 0, 0) {
                    return Operand::invalid(span);
                }
                self.emit(Op::Recover);
                Operand::value(wk::EMPTY_IFACE, span)
            }
            Builtin::Print | Builtin::Println => {
                for a in args {
                    let o = self.expr(a);
                    self.assign_to(o, a, wk::EMPTY_IFACE, "argument");
                }
                let n = if b == Builtin::Print {
                    Native::BuiltinPrint
                } else {
                    Native::BuiltinPrintln
                };
                let nid = self.native_id(n);
                self.emit(Op::MakeSliceOf(args.len() as u32));
                self.emit(Op::CallNative { nid, argc: 1 });
                Operand {
                    mode: Mode::Void,
                    ty: wk::EMPTY_TUPLE,
                    span,
                }
            }
            Builtin::Min | Builtin::Max => {
                if args.is_empty() {
                    errorf!(
                        self,
                        span,
                        "not enough arguments for {}() (expected 1, found 0)",
                        name
                    );
                    return Operand::invalid(span);
                }
                // Fold all-constant calls; otherwise compare pairwise.
                let first = self.expr(&args[0]);
                if first.is_invalid() {
                    return first;
                }
                let t = match first.mode {
                    Mode::Const(_) => {
                        let t = self.peek_common_type(args);
                        self.materialize(&first, Some(t));
                        t
                    }
                    _ => self.to_single_value(first, &args[0]).ty,
                };
                if !(self.types.is_numeric(t) || self.types.is_string(t)) {
                    errorf!(
                        self,
                        args[0].span,
                        "invalid argument: {} cannot be ordered",
                        self.text(args[0].span)
                    );
                    return Operand::invalid(span);
                }
                let nk = self.num_kind(t);
                for a in &args[1..] {
                    let o = self.expr(a);
                    self.assign_to(o, a, t, "argument");
                    // Keep the smaller (min) or larger (max) of the top two.
                    self.emit(Op::Dup2);
                    self.emit(Op::Cmp(
                        if b == Builtin::Min {
                            crate::vm::op::CmpOp::Lt
                        } else {
                            crate::vm::op::CmpOp::Gt
                        },
                        nk,
                    ));
                    let j = self.emit(Op::JumpIfTrue(0));
                    self.emit(Op::Swap);
                    let end = self.here();
                    self.patch(j, end);
                    self.emit(Op::Pop);
                }
                Operand::value(t, span)
            }
            Builtin::Clear => {
                if !nargs(self, 1, 1) {
                    return Operand::invalid(span);
                }
                let o = self.value(&args[0]);
                if o.is_invalid() {
                    return o;
                }
                let nid = self.native_id(Native::BuiltinClear);
                self.emit(Op::CallNative { nid, argc: 1 });
                Operand {
                    mode: Mode::Void,
                    ty: wk::EMPTY_TUPLE,
                    span,
                }
            }
        }
    }

    fn peek_common_type(&mut self, args: &[Expr]) -> TypeId {
        for a in args {
            if let Some((mode, t)) = self.peek_type_mode(a) {
                if !matches!(mode, Mode::Const(_)) {
                    return t;
                }
            }
        }
        let t = self.peek_type(&args[0]).unwrap_or(wk::INT);
        self.types.default_type(t)
    }
}

impl<'a> Compiler<'a> {
    /// How `go build` names an operand's type in "have (...)" lists: untyped
    /// numeric constants are "number".
    pub fn have_name(&mut self, e: &Expr) -> String {
        match self.peek_type_mode(e) {
            Some((Mode::Const(_), t)) if self.types.is_untyped(t) => {
                if self.types.is_numeric(t) {
                    "number".into()
                } else {
                    self.types.name(self.types.default_type(t))
                }
            }
            Some((_, t)) => self.types.name(t),
            None => String::new(),
        }
    }

    /// The size in bytes Go gives a value of type `t` (for append's growth
    /// rounding to malloc size classes).
    pub fn elem_size(&self, t: TypeId) -> u32 {
        self.size_of(t, 0).min(u32::MAX as u64) as u32
    }

    fn size_of(&self, t: TypeId, depth: u32) -> u64 {
        if depth > 16 {
            return 8;
        }
        match self.types.ukind(t) {
            TypeKind::Bool => 1,
            TypeKind::Int(k) => (k.bits() / 8) as u64,
            TypeKind::Float64 => 8,
            TypeKind::Float32 => 4,
            TypeKind::String => 16,
            TypeKind::Slice(_) => 24,
            TypeKind::Interface(_) => 16,
            TypeKind::Array(n, e) => n.saturating_mul(self.size_of(*e, depth + 1)),
            TypeKind::Struct(fs) => {
                // Fields laid out with natural alignment.
                let mut off = 0u64;
                let mut max_align = 1u64;
                for f in fs {
                    let sz = self.size_of(f.ty, depth + 1);
                    let al = self.align_of(f.ty, depth + 1);
                    max_align = max_align.max(al);
                    off = off.div_ceil(al) * al + sz;
                }
                off.div_ceil(max_align) * max_align
            }
            _ => 8,
        }
    }

    fn align_of(&self, t: TypeId, depth: u32) -> u64 {
        if depth > 16 {
            return 8;
        }
        match self.types.ukind(t) {
            TypeKind::Bool => 1,
            TypeKind::Int(k) => (k.bits() / 8) as u64,
            TypeKind::Float32 => 4,
            TypeKind::Array(_, e) => self.align_of(*e, depth + 1),
            TypeKind::Struct(fs) => fs
                .iter()
                .map(|f| self.align_of(f.ty, depth + 1))
                .max()
                .unwrap_or(1),
            _ => 8,
        }
    }
}

/// Whether `&x` is allowed (Go spec "Address operators"), syntactically.
pub fn is_addressable(e: &Expr) -> bool {
    match &e.kind {
        ExprKind::Ident(_) => true,
        ExprKind::Paren(x) => is_addressable(x),
        ExprKind::Star(_) => true,
        ExprKind::Selector(x, _) => {
            is_addressable(x) || matches!(x.kind, ExprKind::Call { .. } | ExprKind::Index(..))
        }
        ExprKind::Index(..) => true,
        ExprKind::Composite { .. } => false,
        _ => false,
    }
}
