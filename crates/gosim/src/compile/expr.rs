//! Expressions: go/types' expr.go. The expression dispatch, identifiers,
//! function literals, unary and binary operators (with the one operator
//! table, [`BinaryOpClass`]), shifts, `&&`/`||`, constant folding, `&x`,
//! type assertions, and peeking at an operand's type without emitting.
//!
//! Constants are folded and not emitted until their type is fixed by
//! context (`materialize`). Values are left on the operand stack.
//! Selectors, index and slice expressions, composite literals, calls and
//! conversions each have their own room (lookup.rs, index.rs,
//! composite.rs, calls.rs, conversions.rs), named like go/types' files.

use crate::compile::consts::{self, ConstVal};
use crate::compile::lookup::Selection;
use crate::compile::{Compiler, FnCtx, Mode, Operand, Sym, NO_FUNC};
use crate::syntax::ast::{BinaryOp, Block, Expr, ExprKind, FuncType, Ident, Lit, UnaryOp};
use crate::syntax::span::Span;
use crate::types::{well_known as wk, TypeId};
use crate::types::{ChanDir, IntKind, TypeKind, UntypedKind};
use crate::vm::op::{ArithOp, CmpOp, NumKind, Op};
use crate::vm::value::Value;
use std::rc::Rc;

impl<'a> Compiler<'a> {
    /// Evaluates a constant expression without emitting code.
    /// The element type of channel operand `ch` (the value of `e`) for a
    /// receive (`recv`) or a send, as types2's `chanElem` (Go 1.25+) checks
    /// it: otherwise reports the error at `pos` in its wording, which names
    /// the offending type before the operand, and returns `None`.
    pub(super) fn chan_elem(
        &mut self,
        ch: &Operand,
        e: &Expr,
        pos: Span,
        recv: bool,
    ) -> Option<TypeId> {
        let cause = match self.types.ukind(ch.ty).clone() {
            TypeKind::Chan(ChanDir::Send, _) if recv => "send-only channel",
            TypeKind::Chan(ChanDir::Recv, _) if !recv => "receive-only channel",
            TypeKind::Chan(_, elem) => return Some(elem),
            _ => "non-channel",
        };
        let verb = if recv { "receive from" } else { "send to" };
        errorf!(
            self,
            pos,
            "invalid operation: cannot {verb} {cause} {} {}",
            self.tn(ch.ty),
            self.describe(ch, e)
        );
        None
    }

    pub(super) fn const_eval(&mut self, e: &Expr) -> Option<(ConstVal, TypeId)> {
        self.fns.push(FnCtx::new("const".into(), e.span));
        self.push_scope();
        let op = self.expr(e);
        self.fnc().scopes.pop();
        self.fns.pop();
        match op.mode {
            Mode::Const(v) => Some((v, op.ty)),
            Mode::Invalid => None,
            _ => {
                let ty = self.tn(op.ty);
                errorf!(
                    self,
                    e.span,
                    "{} (value of type {}) is not constant",
                    self.text(e.span),
                    ty
                );
                None
            }
        }
    }

    pub(super) fn const_expr(&mut self, e: &Expr) -> Option<ConstVal> {
        self.const_eval(e).map(|(v, _)| v)
    }

    /// Pushes a constant operand's value with its final type.
    pub(super) fn materialize(&mut self, op: &Operand, target: Option<TypeId>) -> TypeId {
        let Mode::Const(v) = &op.mode else {
            return op.ty;
        };
        let ty = match target {
            Some(t) if !self.types.is_interface(t) && t != wk::INVALID => t,
            _ => self.types.default_type(op.ty),
        };
        let val = v.to_value(&self.types, ty);
        self.emit(Op::Push(val));
        ty
    }

    /// Compiles `e` to exactly one value on the stack (constants take their
    /// default type), reporting an error for types, void calls, packages.
    pub(super) fn value(&mut self, e: &Expr) -> Operand {
        let op = self.expr(e);
        self.single_value(op, e)
    }

    /// Compiles `e` where a value of type `t` is wanted: an untyped
    /// constant shifted by a non-constant count takes `t` (Go spec
    /// "Operators": it "is first implicitly converted to the type it would
    /// assume if the shift expression were replaced by its left operand
    /// alone").
    pub(super) fn expr_for(&mut self, e: &Expr, t: TypeId) -> Operand {
        self.shift_ctx = Some(t);
        self.expr(e)
    }

    pub(super) fn expr(&mut self, e: &Expr) -> Operand {
        let span = e.span;
        // The context reaches through parentheses, unary and arithmetic
        // operators to a shift; any other expression starts afresh.
        let ctx = self.shift_ctx.take();
        if !self.hoisted.is_empty() {
            if let Some((slot, ty)) = self.hoisted_operand(e) {
                self.emit(Op::Load(slot));
                return Operand::value(ty, span);
            }
        }
        match &e.kind {
            ExprKind::Ident(id) => {
                let o = self.ident(id, span);
                if !self.append_plan.is_empty() && !o.is_invalid() {
                    self.move_if_planned(e, o.ty);
                }
                o
            }
            ExprKind::Lit(lit) => match lit {
                Lit::Int(v) => {
                    if *v > i128::MAX as u128 {
                        self.error(span, "integer constant overflow");
                        return Operand::invalid(span);
                    }
                    Operand {
                        mode: Mode::Const(ConstVal::Int(*v as i128)),
                        ty: wk::UNTYPED_INT,
                        span,
                    }
                }
                Lit::Float(f) => {
                    let exact = consts::parse_float_literal(&self.text(span))
                        .unwrap_or(ConstVal::Float(*f));
                    Operand {
                        mode: Mode::Const(exact),
                        ty: wk::UNTYPED_FLOAT,
                        span,
                    }
                }
                Lit::Rune(c) => Operand {
                    mode: Mode::Const(ConstVal::Int(*c as i128)),
                    ty: wk::UNTYPED_RUNE,
                    span,
                },
                Lit::Str(s) => Operand {
                    mode: Mode::Const(ConstVal::Str(Rc::from(s.as_slice()))),
                    ty: wk::UNTYPED_STRING,
                    span,
                },
            },
            ExprKind::Paren(x) => {
                self.shift_ctx = ctx;
                let mut op = self.expr(x);
                op.span = span;
                op
            }
            ExprKind::FuncLit { sig, body } => self.closure(sig, body, span),
            ExprKind::Composite { ty, elems, .. } => match ty {
                Some(t) => {
                    let lit_ty = self.composite_type(t);
                    self.composite(lit_ty, elems, span)
                }
                None => {
                    self.error(span, "invalid composite literal type: missing type");
                    Operand::invalid(span)
                }
            },
            ExprKind::Selector(x, sel) => self.selector(x, sel, span),
            ExprKind::Index(x, i) => match self.generic_ref(x) {
                Some(g) => self.instance_expr(g, &[&**i], span),
                None => self.index(x, i, span),
            },
            ExprKind::IndexList(x, args) => {
                let args: Vec<&Expr> = args.iter().collect();
                match self.generic_ref(x) {
                    Some(g) => self.instance_expr(g, &args, span),
                    None => {
                        let o = self.expr(x);
                        if !o.is_invalid() {
                            errorf!(
                                self,
                                x.span,
                                "invalid operation: {} is not a generic function",
                                self.text(x.span)
                            );
                        }
                        Operand::invalid(span)
                    }
                }
            }
            ExprKind::Union(_) => {
                self.error(span, "cannot use ~ outside of interface or type constraint");
                Operand::invalid(span)
            }
            ExprKind::Slice { x, lo, hi, max } => {
                self.slice_expr(x, lo.as_deref(), hi.as_deref(), max.as_deref(), span)
            }
            ExprKind::TypeAssert(x, t) => match t {
                Some(t) => self.type_assert(x, t, false, span),
                None => {
                    self.error(
                        span,
                        "invalid syntax tree: use of .(type) outside type switch",
                    );
                    Operand::invalid(span)
                }
            },
            ExprKind::Call { func, args, spread } => self.call(func, args, *spread, span),
            ExprKind::Star(x) => {
                let op = self.expr(x);
                match op.mode {
                    Mode::Type => {
                        let t = self.types.pointer(op.ty);
                        Operand {
                            mode: Mode::Type,
                            ty: t,
                            span,
                        }
                    }
                    Mode::Invalid => op,
                    _ => {
                        let op = self.single_value(op, x);
                        if op.is_invalid() {
                            return op;
                        }
                        match self.types.ukind(op.ty).clone() {
                            TypeKind::Pointer(elem) => {
                                self.emit(Op::Deref);
                                Operand::value(elem, span)
                            }
                            _ => {
                                if op.ty == wk::UNTYPED_NIL {
                                    self.error(span, "invalid operation: cannot indirect nil");
                                } else {
                                    errorf!(
                                        self,
                                        span,
                                        "invalid operation: cannot indirect {}",
                                        self.describe(&op, x)
                                    );
                                }
                                Operand::invalid(span)
                            }
                        }
                    }
                }
            }
            ExprKind::Unary(op, x) => {
                if matches!(op, UnaryOp::Neg | UnaryOp::Plus | UnaryOp::BitNot) {
                    self.shift_ctx = ctx;
                }
                self.unary(*op, x, span)
            }
            ExprKind::Binary(op, l, r) => self.binary(*op, l, r, span, ctx),
            ExprKind::ArrayType { .. }
            | ExprKind::MapType(..)
            | ExprKind::ChanType(..)
            | ExprKind::FuncType(_)
            | ExprKind::StructType(_)
            | ExprKind::InterfaceType(_) => {
                let t = self.resolve_type(e);
                Operand {
                    mode: Mode::Type,
                    ty: t,
                    span,
                }
            }
        }
    }

    /// The operand a resolved name denotes (emitting the load of a value).
    pub(super) fn sym_operand(&mut self, sym: Sym, span: Span) -> Operand {
        match sym {
            Sym::Local { ty, .. } | Sym::Global { ty, .. } => {
                self.load_sym(&sym);
                if ty == wk::INVALID {
                    // Already reported (or on an initialization cycle):
                    // no follow-on errors.
                    return Operand::invalid(span);
                }
                Operand::value(ty, span)
            }
            Sym::Const {
                ty: wk::INVALID, ..
            } => Operand::invalid(span),
            Sym::Const { val, ty } => Operand {
                mode: Mode::Const(val),
                ty,
                span,
            },
            Sym::Type(t) => Operand {
                mode: Mode::Type,
                ty: t,
                span,
            },
            Sym::Func { fid, ty } => {
                self.emit(Op::PushFunc(fid));
                Operand::value(ty, span)
            }
            Sym::Native { nid, ty } => {
                self.emit(Op::PushNative(nid));
                Operand::value(ty, span)
            }
            Sym::Builtin(b) => Operand {
                mode: Mode::Builtin(b),
                ty: wk::INVALID,
                span,
            },
            Sym::Package { .. } => Operand {
                mode: Mode::Package,
                ty: wk::PACKAGE,
                span,
            },
            Sym::Nil => Operand {
                mode: Mode::Const(ConstVal::Nil),
                ty: wk::UNTYPED_NIL,
                span,
            },
            Sym::GenericFunc(_) => {
                errorf!(
                    self,
                    span,
                    "cannot use generic function {} without instantiation",
                    self.text(span)
                );
                Operand::invalid(span)
            }
            Sym::GenericType(gid) => {
                errorf!(
                    self,
                    span,
                    "cannot use generic type {} without instantiation",
                    self.generic_type_text(gid)
                );
                Operand::invalid(span)
            }
        }
    }

    fn ident(&mut self, id: &Ident, span: Span) -> Operand {
        if id.name == "_" {
            self.error(span, "cannot use _ as value");
            return Operand::invalid(span);
        }
        if id.name == "iota" {
            if let Some(i) = self.iota {
                if !self.declared_in_a_block(&id.name) {
                    return Operand {
                        mode: Mode::Const(ConstVal::Int(i)),
                        ty: wk::UNTYPED_INT,
                        span,
                    };
                }
            }
        }
        match self.lookup(&id.name) {
            None => {
                errorf!(self, span, "undefined: {}", id.name);
                Operand::invalid(span)
            }
            Some(sym) => self.sym_operand(sym, span),
        }
    }

    /// Whether a block scope of any enclosing function declares `name`
    /// (so a local `iota` shadows the constant's).
    fn declared_in_a_block(&self, name: &str) -> bool {
        self.fns
            .iter()
            .any(|f| f.scopes.iter().any(|s| s.contains_key(name)))
    }

    fn closure(&mut self, sig: &FuncType, body: &Block, span: Span) -> Operand {
        let (sig_ty, _) = self.func_type(sig);
        // Named after the enclosing function, as Go does: main.main.func1.
        let nested = self.fns.len() > 1;
        let parent = self.fnc();
        parent.closures += 1;
        let name = if nested {
            format!("{}.func{}", parent.name, parent.closures)
        } else {
            // FIXME: this also trims a top-level function's own trailing
            // digits: a closure in `worker2` is named main.worker.func1 in
            // tracebacks, where Go says main.worker2.func1.
            let base = parent
                .name
                .trim_end_matches(|c: char| c.is_ascii_digit())
                .trim_end_matches(".func");
            format!("{}.func{}", base, parent.closures)
        };
        let code = self.compile_function(&name, None, None, sig, sig_ty, body, span, &[]);
        // The captures were recorded on the closure's context, which is gone;
        // compile_function returns them through the FuncCode locals.
        let captures: Vec<u32> = self.last_capture_sources.take().unwrap_or_default();
        let fid = if self.checking_generic {
            NO_FUNC
        } else {
            let fid = self.funcs.len() as u32;
            let mut code = code;
            code.library = self.library_mode;
            self.funcs.push(Some(code));
            fid
        };
        for src in &captures {
            self.emit(Op::Load(*src));
        }
        self.emit(Op::MakeClosure {
            fid,
            ncap: captures.len() as u32,
        });
        Operand::value(sig_ty, span)
    }

    fn unary(&mut self, op: UnaryOp, x: &Expr, span: Span) -> Operand {
        match op {
            UnaryOp::Addr => {
                let inner = strip_parens(x);
                if let ExprKind::Composite {
                    ty: Some(t), elems, ..
                } = &inner.kind
                {
                    let lit_ty = self.composite_type(t);
                    let o = self.composite(lit_ty, elems, inner.span);
                    if o.is_invalid() {
                        return o;
                    }
                    self.emit(Op::NewCell);
                    let pt = self.types.pointer(o.ty);
                    return Operand::value(pt, span);
                }
                match self.addr(x) {
                    Some(t) => {
                        let pt = self.types.pointer(t);
                        Operand::value(pt, span)
                    }
                    None => Operand::invalid(span),
                }
            }
            UnaryOp::Recv => {
                let ch = self.value(x);
                if ch.is_invalid() {
                    return ch;
                }
                match self.chan_elem(&ch, x, x.span, true) {
                    Some(elem) => {
                        self.emit(Op::Recv { comma_ok: false });
                        Operand::value(elem, span)
                    }
                    None => Operand::invalid(span),
                }
            }
            _ => {
                let o = self.expr(x);
                if o.is_invalid() {
                    return o;
                }
                if let Mode::Const(v) = &o.mode {
                    let folded = match (op, v) {
                        (UnaryOp::Neg, ConstVal::Int(i)) => Some(ConstVal::Int(-i)),
                        // Constants have no negative zero.
                        (UnaryOp::Neg, ConstVal::Float(f)) => {
                            Some(ConstVal::Float(if *f == 0.0 { 0.0 } else { -f }))
                        }
                        (UnaryOp::Neg, ConstVal::Rat(r)) => Some(ConstVal::Rat(Rc::new(r.neg()))),
                        (
                            UnaryOp::Plus,
                            ConstVal::Int(_) | ConstVal::Float(_) | ConstVal::Rat(_),
                        ) => Some(v.clone()),
                        (UnaryOp::Not, ConstVal::Bool(b)) => Some(ConstVal::Bool(!b)),
                        (UnaryOp::BitNot, ConstVal::Int(i)) => {
                            // For unsigned typed constants ^x flips within the width.
                            match self.types.int_kind(o.ty) {
                                Some(k) if !k.signed() => {
                                    Some(ConstVal::Int(((1i128 << k.bits()) - 1) ^ i))
                                }
                                _ => Some(ConstVal::Int(!i)),
                            }
                        }
                        _ => None,
                    };
                    return match folded {
                        Some(c) => {
                            if !self.types.is_untyped(o.ty)
                                && consts::representable(&self.types, &c, o.ty).is_err()
                            {
                                errorf!(
                                    self,
                                    span,
                                    "constant {} overflows {}",
                                    c.display(),
                                    self.tn(o.ty)
                                );
                            }
                            Operand {
                                mode: Mode::Const(c),
                                ty: o.ty,
                                span,
                            }
                        }
                        None => {
                            errorf!(
                                self,
                                span,
                                "invalid operation: operator {} not defined on {}",
                                unary_str(op),
                                self.describe(&o, x)
                            );
                            Operand::invalid(span)
                        }
                    };
                }
                let o = self.single_value(o, x);
                if o.is_invalid() {
                    return o;
                }
                let ok = match op {
                    UnaryOp::Neg | UnaryOp::Plus => {
                        self.each_type(o.ty, &|c, u| c.types.is_numeric(u))
                    }
                    UnaryOp::Not => self.each_type(o.ty, &|c, u| c.types.is_bool(u)),
                    UnaryOp::BitNot => self.each_type(o.ty, &|c, u| c.types.is_integer(u)),
                    _ => false,
                };
                if !ok {
                    errorf!(
                        self,
                        span,
                        "invalid operation: operator {} not defined on {}",
                        unary_str(op),
                        self.describe(&o, x)
                    );
                    return Operand::invalid(span);
                }
                match op {
                    UnaryOp::Neg => {
                        let k = self.num_kind(o.ty);
                        self.emit(Op::Neg(k));
                    }
                    UnaryOp::Not => {
                        self.emit(Op::Not);
                    }
                    UnaryOp::BitNot => {
                        let k = self.types.int_kind(o.ty).unwrap_or(IntKind::Int);
                        self.emit(Op::BitNot(k));
                    }
                    _ => {}
                }
                Operand::value(o.ty, span)
            }
        }
    }

    pub(super) fn num_kind(&self, t: TypeId) -> NumKind {
        match self.types.ukind(t) {
            TypeKind::Int(k) => NumKind::Int(*k),
            TypeKind::Float64 => NumKind::Float64,
            TypeKind::Float32 => NumKind::Float32,
            TypeKind::String => NumKind::Str,
            TypeKind::Untyped(UntypedKind::Int | UntypedKind::Rune) => NumKind::Int(IntKind::Int),
            TypeKind::Untyped(UntypedKind::Float) => NumKind::Float64,
            TypeKind::Untyped(UntypedKind::String) => NumKind::Str,
            _ => NumKind::Any,
        }
    }

    fn binary(
        &mut self,
        op: BinaryOp,
        l: &Expr,
        r: &Expr,
        span: Span,
        ctx: Option<TypeId>,
    ) -> Operand {
        let (cmp, arith) = match BinaryOpClass::of(op) {
            BinaryOpClass::Logical => return self.logical(op, l, r, span),
            BinaryOpClass::Shift(aop) => return self.shift(op, aop, l, r, span, ctx),
            BinaryOpClass::Comparison(cmp) => (Some(cmp), None),
            BinaryOpClass::Arithmetic(aop) => (None, Some(aop)),
        };
        // An untyped shift operand takes the other operand's type, or else
        // the context's (never a comparison's: its result is a bool).
        let ctx = if cmp.is_some() { None } else { ctx };
        self.shift_ctx = if self.has_untyped_shift(l) {
            // The right operand's type, unless it is an untyped shift too.
            match self.peek_type_mode(r) {
                (Mode::Value, t) if !self.types.is_untyped(t) && !self.has_untyped_shift(r) => {
                    Some(t)
                }
                _ => ctx,
            }
        } else {
            None
        };
        let lo = self.expr(l);
        let lo = if matches!(lo.mode, Mode::Const(_) | Mode::Invalid) {
            lo
        } else {
            self.single_value(lo, l)
        };
        if self.has_untyped_shift(r) {
            self.shift_ctx = match lo.mode {
                Mode::Value if !self.types.is_untyped(lo.ty) => Some(lo.ty),
                _ => ctx,
            };
        }
        let ro = self.expr(r);
        let ro = if matches!(ro.mode, Mode::Const(_) | Mode::Invalid) {
            ro
        } else {
            self.single_value(ro, r)
        };
        if lo.is_invalid() || ro.is_invalid() {
            return Operand::invalid(span);
        }
        let is_cmp = cmp.is_some();
        // Both constant: fold.
        if let (Mode::Const(a), Mode::Const(b)) = (&lo.mode, &ro.mode) {
            let (a, b) = (a.clone(), b.clone());
            return self.fold_binary_constants(op, is_cmp, &lo, &ro, a, b, r, span);
        }
        // Determine the operation type.
        let (ty, swapped) = match (&lo.mode, &ro.mode) {
            (Mode::Const(_), _) => {
                let t = ro.ty;
                if !self.const_fits_operand(&lo, t, l, span, true, cmp.is_some(), r.span) {
                    return Operand::invalid(span);
                }
                self.push_const_as(&lo, t);
                (t, true)
            }
            (_, Mode::Const(_)) => {
                let t = lo.ty;
                if !self.const_fits_operand(&ro, t, r, span, false, cmp.is_some(), r.span) {
                    return Operand::invalid(span);
                }
                self.push_const_as(&ro, t);
                (t, false)
            }
            _ => {
                // A comparison needs only one operand assignable to the
                // other's type (a chan int with a <-chan int, a named type
                // with its unnamed underlying type), as types2's
                // `comparison` checks; arithmetic needs identical types.
                let assignable = cmp.is_some()
                    && (self.identical_or_assignable(lo.ty, ro.ty)
                        || self.identical_or_assignable(ro.ty, lo.ty));
                if lo.ty != ro.ty && !assignable {
                    // Interfaces compare with values implementing them; nil-able
                    // values compare with nil.
                    let li = self.types.is_interface(lo.ty);
                    let ri = self.types.is_interface(ro.ty);
                    if let (Some(cmp), true) = (cmp, li ^ ri) {
                        let (iface, conc) = if li { (lo.ty, ro.ty) } else { (ro.ty, lo.ty) };
                        if self.missing_method(conc, iface).is_none() {
                            if ri {
                                // Wrap the left operand: it is below the right one.
                                self.emit(Op::Swap);
                                self.emit(Op::MakeIface(conc));
                                self.emit(Op::Swap);
                            } else {
                                self.emit(Op::MakeIface(conc));
                            }
                            self.emit(Op::Cmp(cmp, NumKind::Any));
                            return Operand::value(wk::UNTYPED_BOOL, span);
                        }
                    }
                    if !(lo.ty == wk::UNTYPED_BOOL && self.types.is_bool(ro.ty)
                        || ro.ty == wk::UNTYPED_BOOL && self.types.is_bool(lo.ty))
                    {
                        // types2 reports a comparison's mismatch at the
                        // right operand: only it reveals the mismatch.
                        let at = if cmp.is_some() { r.span } else { span };
                        errorf!(
                            self,
                            at,
                            "invalid operation: {} (mismatched types {} and {})",
                            self.text(span),
                            self.tn(lo.ty),
                            self.tn(ro.ty)
                        );
                        return Operand::invalid(span);
                    }
                }
                (
                    if lo.ty == wk::UNTYPED_BOOL {
                        ro.ty
                    } else {
                        lo.ty
                    },
                    false,
                )
            }
        };
        if swapped {
            self.emit(Op::Swap);
        }
        if let Some(cmp) = cmp {
            return self.comparison(cmp, op, ty, &lo, &ro, span);
        }
        let nk = self.num_kind(ty);
        // Not a comparison, so `arith` is set; `filter` keeps it only where
        // the operator is defined on the operands.
        let Some(aop) =
            arith.filter(|aop| self.each_type(ty, &|c, u| arith_defined_on(*aop, c.num_kind(u))))
        else {
            let opnd = if matches!(lo.mode, Mode::Const(_)) {
                self.describe(&ro, r)
            } else {
                self.describe(&lo, l)
            };
            errorf!(
                self,
                span,
                "invalid operation: operator {} not defined on {}",
                op.as_str(),
                opnd
            );
            return Operand::invalid(span);
        };
        if matches!(aop, ArithOp::Div | ArithOp::Rem) {
            if let Mode::Const(c) = &ro.mode {
                if c.as_f64() == Some(0.0) && matches!(nk, NumKind::Int(_)) {
                    self.error(r.span, "invalid operation: division by zero");
                    return Operand::invalid(span);
                }
            }
        }
        self.emit(Op::Arith(aop, nk));
        Operand::value(ty, span)
    }

    /// Whether `e` holds a shift of an untyped constant, whose type comes
    /// from its context (through parentheses and arithmetic, as far as
    /// the context reaches).
    fn has_untyped_shift(&mut self, e: &Expr) -> bool {
        match &e.kind {
            ExprKind::Binary(BinaryOp::Shl | BinaryOp::Shr, l, _) => {
                matches!(self.peek_type_mode(l), (Mode::Const(_), t) if self.types.is_untyped(t))
            }
            ExprKind::Binary(op, l, r) => {
                matches!(BinaryOpClass::of(*op), BinaryOpClass::Arithmetic(_))
                    && (self.has_untyped_shift(l) || self.has_untyped_shift(r))
            }
            ExprKind::Paren(x) | ExprKind::Unary(_, x) => self.has_untyped_shift(x),
            _ => false,
        }
    }

    /// Folds a binary operation on two constants, as go/types does with
    /// go/constant: the result stays untyped unless an operand is typed.
    #[allow(clippy::too_many_arguments)]
    fn fold_binary_constants(
        &mut self,
        op: BinaryOp,
        is_cmp: bool,
        lo: &Operand,
        ro: &Operand,
        a: ConstVal,
        b: ConstVal,
        r: &Expr,
        span: Span,
    ) -> Operand {
        let ty = match self.const_result_type(lo.ty, ro.ty) {
            Some(t) => t,
            None => {
                errorf!(
                    self,
                    span,
                    "invalid operation: {} (mismatched types {} and {})",
                    self.text(span),
                    self.tn(lo.ty),
                    self.tn(ro.ty)
                );
                return Operand::invalid(span);
            }
        };
        if a == ConstVal::Nil || b == ConstVal::Nil {
            errorf!(
                self,
                span,
                "invalid operation: {} (operator {} not defined on nil)",
                self.text(span),
                op.as_str()
            );
            return Operand::invalid(span);
        }
        let int_div = self.types.is_integer(ty);
        match consts::fold_binary(op, &a, &b, int_div) {
            Ok(c) => {
                let rty = if is_cmp { wk::UNTYPED_BOOL } else { ty };
                // A typed constant's value is rounded to its type after each
                // operation (so float32 constants compute in float32).
                let c = if !is_cmp && !self.types.is_untyped(rty) {
                    match consts::representable(&self.types, &c, rty) {
                        Ok(r) if self.types.is_float(rty) => r,
                        Ok(_) => c,
                        Err(_) => {
                            errorf!(self, span, "cannot use {} (untyped int constant {}) as {} value in expression (overflows)", self.text(span), c.display(), self.tn(rty));
                            c
                        }
                    }
                } else {
                    c
                };
                let c = match (&c, self.types.is_integer(rty)) {
                    (ConstVal::Float(f), true) if f.fract() == 0.0 => ConstVal::Int(*f as i128),
                    (ConstVal::Rat(_), true) => c.as_i128().map(ConstVal::Int).unwrap_or(c),
                    _ => c,
                };
                Operand {
                    mode: Mode::Const(c),
                    ty: rty,
                    span,
                }
            }
            Err(msg) => {
                if msg.starts_with("invalid operation: division") {
                    self.error(r.span, "invalid operation: division by zero");
                } else if is_cmp && msg.contains(" not defined on ") {
                    // A comparison words it as the non-constant one does.
                    errorf!(
                        self,
                        span,
                        "invalid operation: {} (operator {} not defined on {})",
                        self.text(span),
                        op.as_str(),
                        self.kind_string(ty)
                    );
                } else {
                    errorf!(self, span, "{} ({})", msg, self.text(span));
                }
                Operand::invalid(span)
            }
        }
    }

    /// A comparison of two operands of type `ty` (the constant one, if
    /// any, already pushed as `ty`): ordered operators need ordered types,
    /// `==` and `!=` comparable ones (or nil).
    #[allow(clippy::too_many_arguments)]
    fn comparison(
        &mut self,
        cmp: CmpOp,
        op: BinaryOp,
        ty: TypeId,
        lo: &Operand,
        ro: &Operand,
        span: Span,
    ) -> Operand {
        let ordered = !matches!(cmp, CmpOp::Eq | CmpOp::Ne);
        let nk = self.num_kind(ty);
        if self.types.is_type_param(self.types.underlying(ty)) {
            // A type parameter: every type in its set must allow the operator.
            let ok = if ordered {
                self.each_type(ty, &|c, u| c.num_kind(u) != NumKind::Any)
            } else {
                self.types.comparable(ty)
            };
            if !ok {
                let why = if ordered {
                    format!(
                        "type parameter {} cannot use operator {}",
                        self.tn(ty),
                        op.as_str()
                    )
                } else {
                    "incomparable types in type set".to_string()
                };
                errorf!(
                    self,
                    span,
                    "invalid operation: {} ({})",
                    self.text(span),
                    why
                );
                return Operand::invalid(span);
            }
            self.emit(Op::Cmp(cmp, NumKind::Any));
            return Operand::value(wk::UNTYPED_BOOL, span);
        }
        if ordered && nk == NumKind::Any {
            errorf!(
                self,
                span,
                "invalid operation: {} (operator {} not defined on {})",
                self.text(span),
                op.as_str(),
                self.kind_string(lo.ty)
            );
            return Operand::invalid(span);
        }
        if !ordered && !self.types.comparable(ty) {
            let other_nil = matches!(lo.mode, Mode::Const(ConstVal::Nil))
                || matches!(ro.mode, Mode::Const(ConstVal::Nil));
            if !other_nil {
                let kind = match self.types.ukind(ty) {
                    TypeKind::Slice(_) => "slice",
                    TypeKind::Map(..) => "map",
                    TypeKind::Func(_) => "func",
                    _ => "struct containing uncomparable field",
                };
                errorf!(
                    self,
                    span,
                    "invalid operation: {} ({} can only be compared to nil)",
                    self.text(span),
                    kind
                );
                return Operand::invalid(span);
            }
        }
        let k = if ordered {
            nk
        } else {
            match nk {
                NumKind::Float64 | NumKind::Float32 => nk,
                _ => NumKind::Any,
            }
        };
        self.emit(Op::Cmp(cmp, k));
        Operand::value(wk::UNTYPED_BOOL, span)
    }

    /// How types2's `kindString` names a type in "operator not defined"
    /// causes: the kind of a composite type, the type itself otherwise.
    fn kind_string(&self, t: TypeId) -> String {
        match self.types.ukind(t) {
            TypeKind::Array(..) => "array".into(),
            TypeKind::Slice(_) => "slice".into(),
            TypeKind::Struct(_) => "struct".into(),
            TypeKind::Pointer(_) => "pointer".into(),
            TypeKind::Func(_) => "func".into(),
            TypeKind::Interface(_) => "interface".into(),
            TypeKind::Map(..) => "map".into(),
            TypeKind::Chan(..) => "chan".into(),
            _ => self.tn(t),
        }
    }

    /// Checks that a constant operand converts to the other operand's type.
    /// go/types reports a mismatch of kinds with both types in source order,
    /// at the right operand of a comparison (only then is the mismatch
    /// known) and at the whole expression otherwise; a value that does not
    /// fit, at the constant.
    #[allow(clippy::too_many_arguments)]
    fn const_fits_operand(
        &mut self,
        c: &Operand,
        t: TypeId,
        e: &Expr,
        span: Span,
        const_left: bool,
        cmp: bool,
        right: Span,
    ) -> bool {
        let Mode::Const(v) = &c.mode else { return true };
        let mismatch = |this: &mut Self, ct: TypeId| {
            let (a, b) = if const_left {
                (this.tn(ct), this.tn(t))
            } else {
                (this.tn(t), this.tn(ct))
            };
            let at = if cmp { right } else { span };
            errorf!(
                this,
                at,
                "invalid operation: {} (mismatched types {} and {})",
                this.text(span),
                a,
                b
            );
        };
        if *v == ConstVal::Nil {
            let ok = matches!(
                self.types.ukind(t),
                TypeKind::Pointer(_)
                    | TypeKind::Slice(_)
                    | TypeKind::Map(..)
                    | TypeKind::Chan(..)
                    | TypeKind::Func(_)
                    | TypeKind::Interface(_)
            );
            if !ok {
                mismatch(self, wk::UNTYPED_NIL);
            }
            return ok;
        }
        if self.types.is_interface(t) {
            return true;
        }
        if self.types.is_type_param(self.types.underlying(t)) && self.types.is_untyped(c.ty) {
            if !self.const_fits_each(v, t) {
                errorf!(
                    self,
                    e.span,
                    "cannot convert {} to type {}",
                    self.describe(c, e),
                    self.tn(t)
                );
                return false;
            }
            return true;
        }
        if !self.types.is_untyped(c.ty) && c.ty != t {
            mismatch(self, c.ty);
            return false;
        }
        match consts::representable(&self.types, v, t) {
            Ok(_) => true,
            Err(consts::Unrepresentable::Mismatch) => {
                mismatch(self, c.ty);
                false
            }
            Err(why) => {
                let what = if why == consts::Unrepresentable::Truncated {
                    "truncated to"
                } else {
                    "overflows"
                };
                let msg = format!("{} {} {}", self.describe(c, e), what, self.tn(t));
                self.error(e.span, msg);
                false
            }
        }
    }

    fn push_const_as(&mut self, c: &Operand, t: TypeId) {
        if let Mode::Const(v) = &c.mode {
            if self.types.is_interface(t) {
                if *v == ConstVal::Nil {
                    self.emit(Op::Push(Value::Nil));
                } else {
                    let ty = self.materialize(c, None);
                    self.emit(Op::MakeIface(ty));
                }
                return;
            }
            let val = v.to_value(&self.types, t);
            self.emit(Op::Push(val));
        }
    }

    fn const_result_type(&self, a: TypeId, b: TypeId) -> Option<TypeId> {
        let au = self.types.is_untyped(a);
        let bu = self.types.is_untyped(b);
        match (au, bu) {
            (true, true) => {
                let (TypeKind::Untyped(ka), TypeKind::Untyped(kb)) =
                    (self.types.kind(a), self.types.kind(b))
                else {
                    return None;
                };
                if ka == kb {
                    return Some(a);
                }
                let (ra, rb) = (consts::untyped_rank(*ka), consts::untyped_rank(*kb));
                if ra == 0 || rb == 0 {
                    return None;
                }
                Some(if ra >= rb { a } else { b })
            }
            (true, false) => Some(b),
            (false, true) => Some(a),
            (false, false) => (a == b).then_some(a),
        }
    }

    fn logical(&mut self, op: BinaryOp, l: &Expr, r: &Expr, span: Span) -> Operand {
        let lo = self.expr(l);
        if let Mode::Const(ConstVal::Bool(a)) = lo.mode {
            // Constant left side: fold if the right is constant too.
            let ro = self.expr(r);
            if let Mode::Const(ConstVal::Bool(b)) = ro.mode {
                let v = if op == BinaryOp::LogAnd {
                    a && b
                } else {
                    a || b
                };
                let ty = if self.types.is_untyped(lo.ty) {
                    ro.ty
                } else {
                    lo.ty
                };
                return Operand {
                    mode: Mode::Const(ConstVal::Bool(v)),
                    ty,
                    span,
                };
            }
            let ro = self.single_value(ro, r);
            if !self.types.is_bool(ro.ty) {
                errorf!(
                    self,
                    span,
                    "invalid operation: operator {} not defined on {}",
                    op.as_str(),
                    self.describe(&ro, r)
                );
                return Operand::invalid(span);
            }
            self.emit(Op::Push(Value::Bool(a)));
            self.emit(Op::Swap);
            // a && r == (a ? r : false)
            if op == BinaryOp::LogAnd {
                self.emit(Op::Arith(ArithOp::And, NumKind::Any));
            } else {
                self.emit(Op::Arith(ArithOp::Or, NumKind::Any));
            }
            return Operand::value(ro.ty, span);
        }
        let lo = self.single_value(lo, l);
        if lo.is_invalid() {
            return lo;
        }
        if !self.types.is_bool(lo.ty) {
            errorf!(
                self,
                span,
                "invalid operation: operator {} not defined on {}",
                op.as_str(),
                self.describe(&lo, l)
            );
            return Operand::invalid(span);
        }
        self.emit(Op::Dup);
        let j = if op == BinaryOp::LogAnd {
            self.emit(Op::JumpIfFalse(0))
        } else {
            self.emit(Op::JumpIfTrue(0))
        };
        self.emit(Op::Pop);
        let ro = self.expr(r);
        let ro = match ro.mode {
            Mode::Const(_) => {
                self.materialize(&ro, Some(lo.ty));
                Operand::value(lo.ty, ro.span)
            }
            _ => self.single_value(ro, r),
        };
        if !ro.is_invalid() && !self.types.is_bool(ro.ty) {
            errorf!(
                self,
                span,
                "invalid operation: operator {} not defined on {}",
                op.as_str(),
                self.describe(&ro, r)
            );
        }
        let end = self.here();
        self.patch(j, end);
        let ty = if lo.ty == wk::UNTYPED_BOOL {
            ro.ty
        } else {
            lo.ty
        };
        Operand::value(ty, span)
    }

    fn shift(
        &mut self,
        op: BinaryOp,
        aop: ArithOp,
        l: &Expr,
        r: &Expr,
        span: Span,
        ctx: Option<TypeId>,
    ) -> Operand {
        self.shift_ctx = ctx;
        let lo = self.expr(l);
        if lo.is_invalid() {
            return lo;
        }
        let ro = self.expr(r);
        if ro.is_invalid() {
            return ro;
        }
        if let (Mode::Const(a), Mode::Const(b)) = (&lo.mode, &ro.mode) {
            let (a, b) = (a.clone(), b.clone());
            let Some(bv) = b.as_i128() else {
                errorf!(self, r.span, "invalid shift count {}", self.text(r.span));
                return Operand::invalid(span);
            };
            if bv < 0 {
                errorf!(
                    self,
                    r.span,
                    "invalid shift count {} (negative)",
                    self.text(r.span)
                );
                return Operand::invalid(span);
            }
            let Some(av) = a.as_i128() else {
                errorf!(
                    self,
                    span,
                    "invalid operation: shifted operand {} must be integer",
                    self.text(l.span)
                );
                return Operand::invalid(span);
            };
            return match consts::fold_binary(op, &ConstVal::Int(av), &ConstVal::Int(bv), true) {
                Ok(c) => {
                    let ty = if lo.ty == wk::UNTYPED_FLOAT {
                        wk::UNTYPED_INT
                    } else {
                        lo.ty
                    };
                    if !self.types.is_untyped(ty)
                        && consts::representable(&self.types, &c, ty).is_err()
                    {
                        errorf!(self, span, "cannot use {} (constant {} of type {}) as {} value in expression (overflows)", self.text(span), c.display(), self.tn(ty), self.tn(ty));
                    }
                    Operand {
                        mode: Mode::Const(c),
                        ty,
                        span,
                    }
                }
                Err(m) => {
                    errorf!(self, span, "{}: {}", m, self.text(span));
                    Operand::invalid(span)
                }
            };
        }
        // Non-constant shift: the left operand needs a concrete integer type.
        let ro_val = match &ro.mode {
            Mode::Const(c) => {
                if c.as_i128().is_some_and(|v| v < 0) {
                    errorf!(
                        self,
                        r.span,
                        "invalid shift count {} (negative)",
                        self.text(r.span)
                    );
                }
                None
            }
            _ => Some(self.single_value(ro.clone(), r)),
        };
        if let Some(rv) = &ro_val {
            if !self.types.is_integer(rv.ty) {
                errorf!(
                    self,
                    r.span,
                    "invalid operation: shift count {} must be integer",
                    self.describe(rv, r)
                );
                return Operand::invalid(span);
            }
        }
        let lty = match &lo.mode {
            Mode::Const(_) => {
                // An untyped constant takes the context's type (see
                // `expr_for`); a typed one keeps its own.
                let t = match ctx {
                    Some(c)
                        if self.types.is_untyped(lo.ty)
                            && c != wk::INVALID
                            && !self.types.is_interface(c) =>
                    {
                        c
                    }
                    _ => self.types.default_type(lo.ty),
                };
                if !self.each_type(t, &|c, u| c.types.is_integer(u)) {
                    errorf!(
                        self,
                        l.span,
                        "invalid operation: shifted operand {} (type {}) must be integer",
                        self.text(l.span),
                        self.tn(t)
                    );
                    return Operand::invalid(span);
                }
                if let Mode::Const(v) = &lo.mode {
                    if !self.types.is_type_param(self.types.underlying(t)) {
                        match consts::representable(&self.types, v, t) {
                            Ok(_) => {}
                            Err(consts::Unrepresentable::Truncated) => {
                                errorf!(
                                    self,
                                    l.span,
                                    "invalid operation: shifted operand {} must be integer",
                                    self.describe(&lo, l)
                                );
                                return Operand::invalid(span);
                            }
                            Err(_) => {
                                errorf!(
                                    self,
                                    l.span,
                                    "{} overflows {}",
                                    self.describe(&lo, l),
                                    self.tn(t)
                                );
                                return Operand::invalid(span);
                            }
                        }
                    }
                    let val = v.to_value(&self.types, t);
                    if ro_val.is_some() {
                        self.emit(Op::Push(val));
                        self.emit(Op::Swap);
                    } else {
                        self.emit(Op::Push(val));
                    }
                }
                t
            }
            _ => lo.ty,
        };
        if ro_val.is_none() {
            self.materialize(&ro, Some(wk::UINT));
        }
        if !self.types.is_integer(lty) {
            errorf!(
                self,
                span,
                "invalid operation: shifted operand {} must be integer",
                self.describe(&lo, l)
            );
            return Operand::invalid(span);
        }
        let k = self.types.int_kind(lty).unwrap_or(IntKind::Int);
        self.emit(Op::Arith(aop, NumKind::Int(k)));
        Operand::value(lty, span)
    }

    /// Emits a pointer to the place `e` denotes; returns the pointee type.
    pub(super) fn addr(&mut self, e: &Expr) -> Option<TypeId> {
        match &e.kind {
            ExprKind::Paren(x) => self.addr(x),
            ExprKind::Ident(id) => match self.lookup(&id.name) {
                Some(Sym::Local {
                    slot, ty, boxed, ..
                }) => {
                    if !boxed {
                        self.retry_boxed = Some(id.name.clone());
                    }
                    self.emit(Op::Load(slot));
                    Some(ty)
                }
                Some(Sym::Global { idx, ty }) => {
                    self.emit(Op::AddrGlobal(idx));
                    Some(ty)
                }
                Some(Sym::Const { .. }) => {
                    errorf!(
                        self,
                        e.span,
                        "invalid operation: cannot take address of {}",
                        self.text(e.span)
                    );
                    None
                }
                None => {
                    errorf!(self, e.span, "undefined: {}", id.name);
                    None
                }
                _ => {
                    errorf!(
                        self,
                        e.span,
                        "invalid operation: cannot take address of {}",
                        self.text(e.span)
                    );
                    None
                }
            },
            ExprKind::Star(x) => {
                let o = self.value(x);
                if o.is_invalid() {
                    return None;
                }
                match self.types.ukind(o.ty).clone() {
                    TypeKind::Pointer(t) => Some(t),
                    _ => {
                        errorf!(
                            self,
                            e.span,
                            "invalid operation: cannot indirect {}",
                            self.describe(&o, x)
                        );
                        None
                    }
                }
            }
            ExprKind::Selector(x, sel) => {
                if let ExprKind::Ident(pid) = &x.kind {
                    if let Some(Sym::Package { pkg, .. }) = self.lookup(&pid.name) {
                        let m = self.packages[pkg as usize].scope.get(&sel.name).cloned();
                        if let Some(Sym::Global { idx, ty }) = m {
                            self.emit(Op::AddrGlobal(idx));
                            return Some(ty);
                        }
                        errorf!(
                            self,
                            e.span,
                            "invalid operation: cannot take address of {}",
                            self.text(e.span)
                        );
                        return None;
                    }
                }
                let base_ty = self.peek_type(x)?;
                let Some(Selection::Field { path, ty }) = self.select(base_ty, &sel.name) else {
                    errorf!(
                        self,
                        e.span,
                        "invalid operation: cannot take address of {}",
                        self.text(e.span)
                    );
                    return None;
                };
                // Pointer to the struct holding the first field.
                if matches!(self.types.ukind(base_ty), TypeKind::Pointer(_)) {
                    self.value(x);
                } else {
                    self.addr(x)?;
                }
                self.field_path_ptr(base_ty, &path);
                Some(ty)
            }
            ExprKind::Index(x, i) => {
                let base_ty = self.peek_type(x)?;
                match self.types.ukind(base_ty).clone() {
                    TypeKind::Array(n, elem) => {
                        self.addr(x)?;
                        self.index_value(i, Some(n));
                        self.emit(Op::PtrIndex(n as u32));
                        Some(elem)
                    }
                    TypeKind::Pointer(p) => match self.types.ukind(p).clone() {
                        TypeKind::Array(n, elem) => {
                            self.value(x);
                            self.index_value(i, Some(n));
                            self.emit(Op::PtrIndex(n as u32));
                            Some(elem)
                        }
                        _ => {
                            errorf!(
                                self,
                                e.span,
                                "invalid operation: cannot index {}",
                                self.text(x.span)
                            );
                            None
                        }
                    },
                    TypeKind::Slice(elem) => {
                        self.value(x);
                        self.index_value(i, None);
                        self.emit(Op::SliceElemPtr);
                        Some(elem)
                    }
                    TypeKind::Map(..) => {
                        // FIXME: prints the word "value" where Go prints the
                        // map's element type.
                        errorf!(self, e.span, "invalid operation: cannot take address of {} (map index expression of type {})", self.text(e.span), "value");
                        None
                    }
                    _ => {
                        errorf!(
                            self,
                            e.span,
                            "invalid operation: cannot take address of {}",
                            self.text(e.span)
                        );
                        None
                    }
                }
            }
            ExprKind::Composite {
                ty: Some(t), elems, ..
            } => {
                let lit_ty = self.composite_type(t);
                let o = self.composite(lit_ty, elems, e.span);
                if o.is_invalid() {
                    return None;
                }
                self.emit(Op::NewCell);
                Some(o.ty)
            }
            _ => {
                let o = self.expr(e);
                if !o.is_invalid() {
                    errorf!(
                        self,
                        e.span,
                        "invalid operation: cannot take address of {}",
                        self.describe(&o, e)
                    );
                }
                None
            }
        }
    }

    /// The static type of `e` without emitting code (compiles into a
    /// scratch buffer that is then discarded).
    pub(super) fn peek_type(&mut self, e: &Expr) -> Option<TypeId> {
        // An invalid expression keeps its diagnostics: the caller will not
        // compile it again.
        let op = self.peek(e, true);
        if op.is_invalid() {
            return None;
        }
        match op.mode {
            Mode::Const(_) => Some(self.types.default_type(op.ty)),
            _ => Some(op.ty),
        }
    }

    /// Checks `e` without leaving a trace: its code, closures, closure
    /// numbering, boxing requests and (unless asked) diagnostics are all
    /// rolled back. Used to learn an operand's type before deciding how to
    /// compile it.
    pub(super) fn peek(&mut self, e: &Expr, keep_diags_if_invalid: bool) -> Operand {
        let mark = self.here();
        let diags = self.diags.len();
        let funcs = self.funcs.len();
        let retry = self.retry_boxed.clone();
        let nclos = self.fns.last().map(|f| f.closures).unwrap_or(0);
        let op = self.expr(e);
        let f = self.fnc();
        f.code.truncate(mark);
        f.spans.truncate(mark);
        f.closures = nclos;
        // Closures compiled by the peek are dropped; their slots stay, as
        // generic instances made meanwhile keep theirs (filled later).
        for code in &mut self.funcs[funcs..] {
            *code = None;
        }
        self.retry_boxed = retry;
        if !(keep_diags_if_invalid && op.is_invalid()) {
            self.diags.truncate(diags);
        }
        op
    }

    pub(super) fn type_assert(
        &mut self,
        x: &Expr,
        t: &Expr,
        comma_ok: bool,
        span: Span,
    ) -> Operand {
        let xo = self.value(x);
        if xo.is_invalid() {
            return xo;
        }
        if self.types.is_type_param(xo.ty) {
            errorf!(
                self,
                x.span,
                "invalid operation: cannot use type assertion on type parameter value {}",
                self.describe(&xo, x)
            );
            return Operand::invalid(span);
        }
        if !self.types.is_interface(xo.ty) {
            errorf!(
                self,
                x.span,
                "invalid operation: {} is not an interface",
                self.describe(&xo, x)
            );
            return Operand::invalid(span);
        }
        let target = self.resolve_type(t);
        if target == wk::INVALID {
            return Operand::invalid(span);
        }
        if !self.types.is_interface(target) {
            if let Some(m) = self.missing_method(target, xo.ty) {
                errorf!(self, t.span, "impossible type assertion: {}.({})\n\t{} does not implement {} (missing method {})", self.text(x.span), self.tn(target), self.tn(target), self.tn(xo.ty), m);
            }
        }
        self.emit(Op::TypeAssert {
            ty: target,
            from: xo.ty,
            comma_ok,
        });
        if comma_ok {
            Operand {
                mode: Mode::Multi,
                ty: self.types.tuple(vec![target, wk::BOOL]),
                span,
            }
        } else {
            Operand::value(target, span)
        }
    }
}

pub(super) fn strip_parens(e: &Expr) -> &Expr {
    match &e.kind {
        ExprKind::Paren(x) => strip_parens(x),
        _ => e,
    }
}

fn unary_str(op: UnaryOp) -> &'static str {
    match op {
        UnaryOp::Neg => "-",
        UnaryOp::Plus => "+",
        UnaryOp::Not => "!",
        UnaryOp::BitNot => "^",
        UnaryOp::Addr => "&",
        UnaryOp::Recv => "<-",
    }
}

/// What a binary operator means to the checker and the code generator:
/// the operator classes of go/types' `binaryOpPredicates` (expr.go) with the
/// instruction each operator compiles to. Binary expressions and assignment
/// operations (`x op= y`) both read this one table.
#[derive(Clone, Copy)]
pub(super) enum BinaryOpClass {
    /// `&&`, `||`: short-circuit jumps over boolean operands.
    Logical,
    /// `==`, `!=`, `<`, `<=`, `>`, `>=`: an untyped bool result.
    Comparison(CmpOp),
    /// `<<`, `>>`: integer operands; the count is converted on its own.
    Shift(ArithOp),
    /// `+`, `-`, `*`, `/`, `%`, `&`, `|`, `^`, `&^`: operands of one type.
    Arithmetic(ArithOp),
}

impl BinaryOpClass {
    pub(super) fn of(op: BinaryOp) -> BinaryOpClass {
        use BinaryOpClass::{Arithmetic, Comparison, Logical, Shift};
        match op {
            BinaryOp::LogAnd | BinaryOp::LogOr => Logical,
            BinaryOp::Eq => Comparison(CmpOp::Eq),
            BinaryOp::Ne => Comparison(CmpOp::Ne),
            BinaryOp::Lt => Comparison(CmpOp::Lt),
            BinaryOp::Le => Comparison(CmpOp::Le),
            BinaryOp::Gt => Comparison(CmpOp::Gt),
            BinaryOp::Ge => Comparison(CmpOp::Ge),
            BinaryOp::Shl => Shift(ArithOp::Shl),
            BinaryOp::Shr => Shift(ArithOp::Shr),
            BinaryOp::Add => Arithmetic(ArithOp::Add),
            BinaryOp::Sub => Arithmetic(ArithOp::Sub),
            BinaryOp::Mul => Arithmetic(ArithOp::Mul),
            BinaryOp::Div => Arithmetic(ArithOp::Div),
            BinaryOp::Rem => Arithmetic(ArithOp::Rem),
            BinaryOp::And => Arithmetic(ArithOp::And),
            BinaryOp::Or => Arithmetic(ArithOp::Or),
            BinaryOp::Xor => Arithmetic(ArithOp::Xor),
            BinaryOp::AndNot => Arithmetic(ArithOp::AndNot),
        }
    }
}

/// Whether an arithmetic or shift operator is defined on operands of class
/// `nk`, as go/types' `binaryOpPredicates` has it: `+` on numbers and
/// strings, `-`, `*`, `/` on numbers, the rest on integers only.
pub(super) fn arith_defined_on(op: ArithOp, nk: NumKind) -> bool {
    let integer = matches!(nk, NumKind::Int(_));
    let numeric = integer || matches!(nk, NumKind::Float64 | NumKind::Float32);
    match op {
        ArithOp::Add => numeric || nk == NumKind::Str,
        ArithOp::Sub | ArithOp::Mul | ArithOp::Div => numeric,
        ArithOp::Rem
        | ArithOp::And
        | ArithOp::Or
        | ArithOp::Xor
        | ArithOp::AndNot
        | ArithOp::Shl
        | ArithOp::Shr => integer,
    }
}
