//! Calls: go/types' call.go. Deciding what `f(args)` calls (a function, a
//! native, a method statically or through an interface, a function value,
//! a conversion or a builtin), preparing method receivers, and checking
//! arguments as `go build` reports them, including `f(g())` with a
//! multi-valued `g` and variadic packing. Also `go` and `defer` calls.
//!
//! Hands conversions to conversions.rs and builtins to builtins.rs; must
//! not look up fields or methods itself (lookup.rs does).

use crate::compile::decls::is_exported;
use crate::compile::expr::strip_parens;
use crate::compile::lookup::Selection;
use crate::compile::{Builtin, Compiler, Mode, Operand, Sym};
use crate::syntax::ast::{Expr, ExprKind};
use crate::syntax::span::Span;
use crate::types::{well_known as wk, MethodTarget, Signature, TypeId, TypeKind};
use crate::vm::op::Op;
use crate::vm::value::Value;

/// What a call expression calls, decided before any code is emitted.
enum Callee {
    Builtin(Builtin),
    Conversion(TypeId),
    Static {
        fid: u32,
        sig: TypeId,
    },
    Native {
        nid: u32,
        sig: TypeId,
    },
    Method(MethodCall),
    Value(TypeId),
    /// A generic function, with the type arguments written (`F[int]`).
    Generic {
        gfid: u32,
        explicit: Vec<TypeId>,
        spans: Vec<Span>,
    },
}

pub(super) enum MethodCall {
    Func { fid: u32, sig: TypeId },
    Native { nid: u32, sig: TypeId },
    Iface { mid: u32, sig: TypeId },
}

impl<'a> Compiler<'a> {
    /// Resolves the callee and emits whatever must precede the arguments
    /// (a receiver, or a function value).
    fn callee(&mut self, func: &Expr) -> Option<Callee> {
        let f = strip_parens(func);
        let generic = match &f.kind {
            ExprKind::Ident(_) | ExprKind::Selector(..) => self.generic_ref(f).map(|g| (g, vec![])),
            ExprKind::Index(x, i) => self.generic_ref(x).map(|g| (g, vec![&**i])),
            ExprKind::IndexList(x, args) => self.generic_ref(x).map(|g| (g, args.iter().collect())),
            _ => None,
        };
        match generic {
            Some((Sym::GenericFunc(gfid), args)) => {
                let (explicit, spans) = self.type_args(&args);
                return Some(Callee::Generic {
                    gfid,
                    explicit,
                    spans,
                });
            }
            Some((Sym::GenericType(_), args)) if !args.is_empty() => {
                let t = self.resolve_type(f);
                if t == wk::INVALID {
                    return None;
                }
                return Some(Callee::Conversion(t));
            }
            _ => {}
        }
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
                        if is_exported(&sel.name) {
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
                let o = self.single_value(o, func);
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
    pub(super) fn method_receiver(
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
                        errorf!(
                            self,
                            span,
                            "cannot call pointer method {} on {}",
                            name,
                            self.tn(base)
                        );
                        return None;
                    }
                } else {
                    self.value(x);
                    self.navigate_value(xty, &path);
                    if end_is_ptr || (path.is_empty() && x_is_ptr) {
                        self.emit(Op::Deref);
                    }
                    // A value receiver is a copy, made when the receiver is
                    // evaluated (a method value or `defer s.M()` binds it
                    // before the call).
                    self.copy_locks(base);
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

    pub(super) fn call(&mut self, func: &Expr, args: &[Expr], spread: bool, span: Span) -> Operand {
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
                        format!("missing argument in conversion to {}", self.tn(t))
                    } else {
                        format!("too many arguments in conversion to {}", self.tn(t))
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
            Callee::Generic {
                gfid,
                explicit,
                spans,
            } => {
                let Some((fid, sig)) =
                    self.generic_callee(gfid, &explicit, &spans, func, args, spread)
                else {
                    return Operand::invalid(span);
                };
                let argc = self.call_args(sig, args, spread, &fname, span);
                self.emit(Op::Call { fid, argc });
                self.call_result(sig, span)
            }
        }
    }

    /// Infers and instantiates a called generic function: its code and
    /// instantiated signature. `None` when that failed (reported).
    fn generic_callee(
        &mut self,
        gfid: u32,
        explicit: &[TypeId],
        spans: &[Span],
        func: &Expr,
        args: &[Expr],
        spread: bool,
    ) -> Option<(u32, TypeId)> {
        let lparen = Span::new(func.span.hi, func.span.hi + 1);
        let fname = self.text(strip_type_args(func).span);
        let targs = self.infer_targs(gfid, explicit, spans, args, spread, &fname, lparen);
        let Some(targs) = targs else {
            for a in args {
                let _ = self.peek_type(a);
            }
            return None;
        };
        self.instantiate_func(gfid, targs, spans, lparen)
    }

    fn call_result(&mut self, sig: TypeId, span: Span) -> Operand {
        let results = self
            .types
            .signature(sig)
            .map(|s| s.results.clone())
            .unwrap_or_default();
        match results.len() {
            0 => Operand::void(span),
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
    fn call_args(
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
            if let (Mode::Multi, _) = self.peek_type_mode(&args[0]) {
                let o = self.expr(&args[0]);
                let TypeKind::Tuple(vals) = self.types.kind(o.ty).clone() else {
                    return 0;
                };
                return self.spread_tuple_args(&sig, &vals, &args[0], fname, span, &ctx);
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
                            TypeKind::Slice(e) => format!("...{}", self.tn(*e)),
                            _ => self.tn(*p),
                        }
                    } else {
                        self.tn(*p)
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
        let call = Some((fname, self.call_lparen(span, args)));
        for (i, a) in args.iter().enumerate().take(fixed) {
            let o = match self.generic_value(a, sig.params[i], call) {
                Some(o) => o,
                None => self.expr_for(a, sig.params[i]),
            };
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
            let o = match self.generic_value(a, elem, call) {
                Some(o) => o,
                None => self.expr_for(a, elem),
            };
            self.assign_to(o, a, elem, &ctx);
        }
        if extra.is_empty() {
            self.emit(Op::Push(Value::Nil));
        } else {
            self.emit(Op::MakeSliceOf(extra.len() as u32));
        }
        np as u32
    }

    /// Where the `(` of call `span` is: just before its first argument, or
    /// before its closing `)`.
    fn call_lparen(&self, span: Span, args: &[Expr]) -> Span {
        let end = args.first().map(|a| a.span.lo).unwrap_or(span.hi);
        let src = self.text(Span::new(span.lo, end));
        let at = src
            .rfind('(')
            .map(|i| span.lo + i as u32)
            .unwrap_or(span.lo);
        Span::new(at, at + 1)
    }

    /// The mode and type `e` would have, without emitting it.
    pub(super) fn peek_type_mode(&mut self, e: &Expr) -> (Mode, TypeId) {
        let op = self.peek(e, false);
        (op.mode, op.ty)
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
    ) -> u32 {
        let np = sig.params.len();
        let fixed = if sig.variadic { np - 1 } else { np };
        if vals.len() < fixed || (!sig.variadic && vals.len() != np) {
            let have: Vec<String> = vals.iter().map(|t| self.tn(*t)).collect();
            let want: Vec<String> = sig.params.iter().map(|t| self.tn(*t)).collect();
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
    pub(super) fn deferred_call(&mut self, call: &Expr, what: &str) -> Option<u32> {
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
            Callee::Generic {
                gfid,
                explicit,
                spans,
            } => {
                let (fid, sig) =
                    self.generic_callee(gfid, &explicit, &spans, func, args, *spread)?;
                self.emit(Op::PushFunc(fid));
                sig
            }
        };
        Some(self.call_args(sig, args, *spread, &fname, span))
    }
}

impl<'a> Compiler<'a> {
    /// How `go build` names an operand's type in "have (...)" lists: untyped
    /// numeric constants are "number".
    pub(super) fn have_name(&mut self, e: &Expr) -> String {
        match self.peek_type_mode(e) {
            (Mode::Const(_), t) if self.types.is_untyped(t) => {
                if self.types.is_numeric(t) {
                    "number".into()
                } else {
                    self.tn(self.types.default_type(t))
                }
            }
            (_, t) => self.tn(t),
        }
    }
}

/// `F` in `F[int]` (the name Go uses in "in call to F").
fn strip_type_args(e: &Expr) -> &Expr {
    match &strip_parens(e).kind {
        ExprKind::Index(x, _) | ExprKind::IndexList(x, _) => x,
        _ => e,
    }
}

/// Whether `&x` is allowed (Go spec "Address operators"), syntactically.
fn is_addressable(e: &Expr) -> bool {
    match &e.kind {
        ExprKind::Ident(_) => true,
        ExprKind::Paren(x) => is_addressable(x),
        ExprKind::Star(_) => true,
        ExprKind::Selector(x, _) => {
            is_addressable(x) || matches!(x.kind, ExprKind::Call { .. } | ExprKind::Index(..))
        }
        ExprKind::Index(..) => true,
        _ => false,
    }
}
