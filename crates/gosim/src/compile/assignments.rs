//! Assignability and assignments: go/types' assignments.go, with
//! operand.go's `assignableTo` and the way it names operands in messages.
//!
//! Owns converting a checked operand to the type of its destination
//! (interface wrapping, constant representability, "cannot use ... as ...")
//! and, for statements, `=`, `:=`, `op=`, local `var` declarations and the
//! stores they end in. Must not decide what an expression means (expr.rs)
//! or what a call returns (calls.rs).

use crate::compile::consts::{self, ConstVal};
use crate::compile::expr::{arith_defined_on, strip_parens, BinaryOpClass};
use crate::compile::{Compiler, Mode, Operand, Sym};
use crate::syntax::ast::{BinaryOp, Expr, ExprKind, GenDecl, Ident, UnaryOp};
use crate::syntax::span::Span;
use crate::types::{well_known as wk, ChanDir, TypeId, TypeKind};
use crate::vm::op::{ArithOp, NumKind, Op};
use crate::vm::value::Value;

impl<'a> Compiler<'a> {
    /// Makes a compiled operand one value on the stack (go/types'
    /// `singleValue`), reporting types, void calls, multi-value calls,
    /// uncalled builtins and bare package names.
    pub(super) fn single_value(&mut self, op: Operand, e: &Expr) -> Operand {
        match &op.mode {
            Mode::Value => op,
            Mode::Const(_) => {
                let ty = self.materialize(&op, None);
                Operand::value(ty, op.span)
            }
            Mode::Invalid => op,
            Mode::Type => {
                errorf!(
                    self,
                    e.span,
                    "{} (type) is not an expression",
                    self.text(e.span)
                );
                Operand::invalid(op.span)
            }
            Mode::Void => {
                errorf!(
                    self,
                    e.span,
                    "{} (no value) used as value",
                    self.text(e.span)
                );
                Operand::invalid(op.span)
            }
            Mode::Multi => {
                errorf!(
                    self,
                    e.span,
                    "multiple-value {} (value of type {}) in single-value context",
                    self.text(e.span),
                    self.tn(op.ty)
                );
                Operand::invalid(op.span)
            }
            Mode::Builtin(_) => {
                errorf!(
                    self,
                    e.span,
                    "{} (built-in function {}) must be called",
                    self.text(e.span),
                    self.text(e.span)
                );
                Operand::invalid(op.span)
            }
            Mode::Package => {
                errorf!(
                    self,
                    e.span,
                    "use of package {} without selector",
                    self.text(e.span)
                );
                Operand::invalid(op.span)
            }
        }
    }

    /// "x (variable of type int)" — how `go build` names an operand.
    pub(super) fn describe(&self, op: &Operand, e: &Expr) -> String {
        let text = self.text(e.span);
        match &op.mode {
            Mode::Const(ConstVal::Nil) => "nil".to_string(),
            Mode::Const(v) => {
                if self.types.is_untyped(op.ty) {
                    let kind = self.tn(op.ty);
                    if text == v.display() {
                        format!("{} ({} constant)", text, kind)
                    } else {
                        format!("{} ({} constant {})", text, kind, v.display())
                    }
                } else {
                    format!(
                        "{} (constant {} of type {})",
                        text,
                        v.display(),
                        self.tn(op.ty)
                    )
                }
            }
            _ => {
                if let ExprKind::Ident(id) = &strip_parens(e).kind {
                    if let Some(sig) = self.declared_func_sig(&id.name) {
                        return format!("{} (value of type {})", text, sig);
                    }
                }
                let what = match strip_parens(e).kind {
                    ExprKind::Index(..) if self.types.is_string(op.ty) => "value",
                    ExprKind::Ident(_)
                    | ExprKind::Selector(..)
                    | ExprKind::Index(..)
                    | ExprKind::Star(_) => "variable",
                    _ => "value",
                };
                format!("{} ({} of {})", text, what, self.type_desc(op.ty))
            }
        }
    }

    /// The signature of the package-level function `name` as declared,
    /// parameter names included (go/types keeps them in the function's
    /// type and prints them): `func(x int) bool`.
    fn declared_func_sig(&self, name: &str) -> Option<String> {
        if self
            .fns
            .iter()
            .any(|f| f.scopes.iter().any(|s| s.contains_key(name)))
        {
            return None;
        }
        let Some(Sym::Func { fid, .. }) = self.packages[self.cur_pkg as usize].scope.get(name)
        else {
            return None;
        };
        let sig = self.func_sigs.iter().find(|(f, _)| f == fid)?.1;
        let text = self.text(sig);
        let params = text.get(name.len()..)?;
        Some(format!("func{}", params))
    }

    /// "type T constrained by any", "struct type T", "type []int": how
    /// go/types' operand.go introduces an operand's type (a defined type
    /// says what kind of type it is).
    pub(super) fn type_desc(&self, t: TypeId) -> String {
        if let Some(info) = self.types.tparam_info(t) {
            return format!(
                "type {} constrained by {}",
                info.name,
                self.tn(info.constraint)
            );
        }
        let kind = if self.types.is_named(t) || t == wk::EMPTY_IFACE {
            match self.types.ukind(t) {
                TypeKind::Int(k) => k.name(),
                TypeKind::Float64 => "float64",
                TypeKind::Float32 => "float32",
                TypeKind::String => "string",
                TypeKind::Bool => "bool",
                TypeKind::Array(..) => "array",
                TypeKind::Slice(_) => "slice",
                TypeKind::Struct(_) | TypeKind::Opaque(_) => "struct",
                TypeKind::Pointer(_) => "pointer",
                TypeKind::Func(_) => "func",
                TypeKind::Interface(_) | TypeKind::Constraint(_) => "interface",
                TypeKind::Map(..) => "map",
                TypeKind::Chan(..) => "chan",
                _ => "",
            }
        } else {
            ""
        };
        if kind.is_empty() {
            format!("type {}", self.tn(t))
        } else {
            format!("{} type {}", kind, self.tn(t))
        }
    }

    /// A value of type `t` on the stack is being copied to a new place: its
    /// Mutexes, RWMutexes and WaitGroups become objects of their own now,
    /// with the state they have now, as Go's copy of their words does.
    pub(super) fn copy_locks(&mut self, t: TypeId) {
        if t == wk::INVALID {
            return;
        }
        let holds = match self.holds_handles.get(&t) {
            Some(&h) => h,
            None => {
                let h = self.types.holds_handles(t);
                self.holds_handles.insert(t, h);
                h
            }
        };
        if holds {
            self.emit(Op::CopyLocks(t));
        }
    }

    /// Converts the operand (already compiled) to `target` for an
    /// assignment-like context, emitting interface wrapping or constant
    /// materialization. Reports Go's "cannot use" error on mismatch.
    pub(super) fn assign_to(&mut self, op: Operand, e: &Expr, target: TypeId, context: &str) {
        if op.is_invalid() || target == wk::INVALID {
            if let Mode::Const(_) = op.mode {
                self.emit(Op::Push(Value::Nil));
            }
            return;
        }
        let op = match op.mode {
            Mode::Value | Mode::Const(_) => op,
            _ => {
                let op = self.single_value(op, e);
                if op.is_invalid() {
                    return;
                }
                op
            }
        };
        if let Mode::Const(v) = &op.mode {
            let v = v.clone();
            if self.types.is_interface(target) {
                if v == ConstVal::Nil {
                    self.emit(Op::Push(Value::Nil));
                    return;
                }
                let ty = self.materialize(&op, None);
                if self.missing_method(ty, target).is_some() {
                    errorf!(
                        self,
                        e.span,
                        "cannot use {} as {} value in {}: {} does not implement {}",
                        self.describe(&op, e),
                        self.tn(target),
                        context,
                        self.tn(ty),
                        self.tn(target)
                    );
                }
                self.emit(Op::MakeIface(ty));
                return;
            }
            if self.types.is_type_param(self.types.underlying(target))
                && self.types.is_untyped(op.ty)
            {
                if v == ConstVal::Nil || !self.const_fits_each(&v, target) {
                    errorf!(
                        self,
                        e.span,
                        "cannot use {} as {} value in {}",
                        self.describe(&op, e),
                        self.tn(target),
                        context
                    );
                }
                self.emit(Op::Push(Value::Nil));
                return;
            }
            if !self.types.is_untyped(op.ty)
                && op.ty != target
                && !self.identical_or_assignable(op.ty, target)
            {
                errorf!(
                    self,
                    e.span,
                    "cannot use {} as {} value in {}",
                    self.describe(&op, e),
                    self.tn(target),
                    context
                );
                self.emit(Op::Push(Value::Nil));
                return;
            }
            match consts::representable(&self.types, &v, target) {
                Ok(c) => {
                    let val = c.to_value(&self.types, target);
                    self.emit(Op::Push(val));
                }
                Err(why) => {
                    let msg = match why {
                        consts::Unrepresentable::Overflow => format!(
                            "cannot use {} as {} value in {} (overflows)",
                            self.describe(&op, e),
                            self.tn(target),
                            context
                        ),
                        consts::Unrepresentable::Truncated => format!(
                            "cannot use {} as {} value in {} (truncated)",
                            self.describe(&op, e),
                            self.tn(target),
                            context
                        ),
                        consts::Unrepresentable::Mismatch => format!(
                            "cannot use {} as {} value in {}",
                            self.describe(&op, e),
                            self.tn(target),
                            context
                        ),
                    };
                    self.error(e.span, msg);
                    self.emit(Op::Push(Value::Nil));
                }
            }
            return;
        }
        let src = op.ty;
        self.copy_locks(src);
        if src == target || src == wk::INVALID {
            return;
        }
        if self.types.is_interface(target) {
            if self.types.is_interface(src) {
                if let Some(missing) = self.missing_method(src, target) {
                    errorf!(self, e.span, "cannot use {} as {} value in {}: {} does not implement {} (missing method {})", self.describe(&op, e), self.tn(target), context, self.tn(src), self.tn(target), missing);
                }
                return;
            }
            if let Some(missing) = self.missing_method(src, target) {
                let hint = self.pointer_hint(src, &missing);
                errorf!(
                    self,
                    e.span,
                    "cannot use {} as {} value in {}: {} does not implement {} ({})",
                    self.describe(&op, e),
                    self.tn(target),
                    context,
                    self.tn(src),
                    self.tn(target),
                    hint
                );
                return;
            }
            if src == wk::UNTYPED_BOOL {
                self.emit(Op::MakeIface(wk::BOOL));
                return;
            }
            self.emit(Op::MakeIface(src));
            return;
        }
        if src == wk::UNTYPED_BOOL && self.types.is_bool(target) {
            return;
        }
        if self.identical_or_assignable(src, target) {
            return;
        }
        errorf!(
            self,
            e.span,
            "cannot use {} as {} value in {}",
            self.describe(&op, e),
            self.tn(target),
            context
        );
    }

    fn pointer_hint(&self, src: TypeId, missing: &str) -> String {
        // A value type whose pointer has the method.
        if let Some(m) = self.types.find_method(src, missing) {
            if m.pointer_recv {
                return format!("method {} has pointer receiver", missing);
            }
        }
        format!("missing method {}", missing)
    }

    /// Go's assignability for non-constant values (excluding interfaces,
    /// handled by the caller).
    pub(super) fn identical_or_assignable(&self, src: TypeId, dst: TypeId) -> bool {
        if src == dst {
            return true;
        }
        let su = self.types.underlying(src);
        let du = self.types.underlying(dst);
        // Predeclared types are named types too: a MyInt is not assignable
        // to int.
        let named = |t: TypeId| {
            self.types.is_named(t)
                || matches!(
                    self.types.kind(t),
                    TypeKind::Bool
                        | TypeKind::Int(_)
                        | TypeKind::Float64
                        | TypeKind::Float32
                        | TypeKind::String
                )
        };
        if su == du && (!named(src) || !named(dst)) {
            return true;
        }
        if let (TypeKind::Chan(ChanDir::Both, e1), TypeKind::Chan(_, e2)) =
            (self.types.kind(su), self.types.kind(du))
        {
            if e1 == e2 && (!named(src) || !named(dst)) {
                return true;
            }
        }
        if src == wk::UNTYPED_NIL {
            return matches!(
                self.types.kind(du),
                TypeKind::Pointer(_)
                    | TypeKind::Slice(_)
                    | TypeKind::Map(..)
                    | TypeKind::Chan(..)
                    | TypeKind::Func(_)
                    | TypeKind::Interface(_)
            );
        }
        false
    }

    pub(super) fn place(&mut self, e: &Expr) -> Option<(Place, TypeId)> {
        match &e.kind {
            ExprKind::Paren(x) => self.place(x),
            ExprKind::Ident(id) if id.name == "_" => Some((Place::Blank, wk::INVALID)),
            ExprKind::Ident(id) => {
                // Assignment does not count as a use.
                let was_used = self.peek_used(&id.name);
                let sym = self.lookup(&id.name);
                if was_used == Some(false) {
                    self.unmark_used(&id.name);
                }
                match sym {
                    Some(Sym::Local {
                        slot, ty, boxed, ..
                    }) => Some((
                        if boxed {
                            Place::Boxed { slot, fresh: false }
                        } else {
                            Place::Local(slot)
                        },
                        ty,
                    )),
                    Some(Sym::Global { idx, ty }) => Some((Place::Global(idx), ty)),
                    None => {
                        errorf!(self, e.span, "undefined: {}", id.name);
                        None
                    }
                    Some(_) => {
                        errorf!(
                            self,
                            e.span,
                            "cannot assign to {} (neither addressable nor a map index expression)",
                            id.name
                        );
                        None
                    }
                }
            }
            ExprKind::Index(x, i) => {
                let xt = self.peek_type(x)?;
                match self.types.ukind(xt).clone() {
                    TypeKind::Map(k, v) => {
                        self.value(x);
                        let ko = self.expr(i);
                        self.assign_to(ko, i, k, "map index");
                        Some((Place::Map, v))
                    }
                    TypeKind::String => {
                        errorf!(
                            self,
                            e.span,
                            "cannot assign to {} (neither addressable nor a map index expression)",
                            self.text(e.span)
                        );
                        None
                    }
                    _ => self.addr(e).map(|t| (Place::Ptr, t)),
                }
            }
            ExprKind::Selector(x, sel) => {
                if let ExprKind::Ident(pid) = &x.kind {
                    if let Some(Sym::Package { pkg, .. }) = self.lookup(&pid.name) {
                        if let Some(Sym::Global { idx, ty }) =
                            self.packages[pkg as usize].scope.get(&sel.name).cloned()
                        {
                            return Some((Place::Global(idx), ty));
                        }
                        errorf!(self, e.span, "cannot assign to {}", self.text(e.span));
                        return None;
                    }
                }
                // A field of a map element is not assignable.
                if let ExprKind::Index(m, _) = &strip_parens(x).kind {
                    if let Some(mt) = self.peek_type(m) {
                        if matches!(self.types.ukind(mt), TypeKind::Map(..)) {
                            errorf!(
                                self,
                                e.span,
                                "cannot assign to struct field {} in map",
                                self.text(e.span)
                            );
                            return None;
                        }
                    }
                }
                self.addr(e).map(|t| (Place::Ptr, t))
            }
            ExprKind::Star(_) => self.addr(e).map(|t| (Place::Ptr, t)),
            _ => {
                let o = self.expr(e);
                if !o.is_invalid() {
                    errorf!(
                        self,
                        e.span,
                        "cannot assign to {} (neither addressable nor a map index expression)",
                        self.describe(&o, e)
                    );
                }
                None
            }
        }
    }

    pub(super) fn store(&mut self, p: &Place) {
        match p {
            Place::Local(s) => self.emit(Op::Store(*s)),
            Place::Boxed { slot, fresh: false } => self.emit(Op::StoreBoxed(*slot)),
            Place::Boxed { slot, fresh: true } => self.emit(Op::BoxInto(*slot)),
            Place::Global(g) => self.emit(Op::StoreGlobal(*g)),
            Place::Ptr => self.emit(Op::StorePtr),
            Place::SliceElem => self.emit(Op::StoreSliceElem),
            Place::Map => self.emit(Op::MapSet),
            Place::Blank => self.emit(Op::Pop),
        };
    }

    pub(super) fn assign(&mut self, lhs: &[Expr], rhs: &[Expr], span: Span) {
        if lhs.len() == 1 && rhs.len() == 1 {
            let Some((place, ty)) = self.elem_place(&lhs[0]) else {
                let _ = self.peek_type(&rhs[0]);
                return;
            };
            let o = if let Place::Blank = place {
                self.expr(&rhs[0])
            } else {
                self.expr_for(&rhs[0], ty)
            };
            if let Place::Blank = place {
                let o = self.single_value(o, &rhs[0]);
                if matches!(o.mode, Mode::Value) && o.ty == wk::UNTYPED_NIL {
                    self.error(rhs[0].span, "use of untyped nil in assignment");
                }
            } else {
                self.assign_to(o, &rhs[0], ty, "assignment");
            }
            self.store(&place);
            return;
        }
        // Go evaluates the index and pointer operands on the left first,
        // then the right-hand side, then assigns from left to right.
        let mut places: Vec<(Place, Option<(u32, u32)>)> = Vec::new();
        let mut ltypes = Vec::new();
        for l in lhs {
            let Some((place, ty)) = self.place(l) else {
                for r in rhs {
                    let _ = self.peek_type(r);
                }
                return;
            };
            let saved = match place {
                Place::Ptr => {
                    let t = self.new_slot();
                    self.emit(Op::Store(t));
                    Some((t, 0))
                }
                Place::Map => {
                    let (tm, tk) = (self.new_slot(), self.new_slot());
                    self.emit(Op::Store(tk));
                    self.emit(Op::Store(tm));
                    Some((tm, tk))
                }
                _ => None,
            };
            ltypes.push(if matches!(place, Place::Blank) {
                None
            } else {
                Some(ty)
            });
            places.push((place, saved));
        }
        let Some(vtypes) = self.rhs_values(lhs.len(), &ltypes, rhs, span, "assignment") else {
            return;
        };
        let temps: Vec<u32> = vtypes.iter().map(|_| self.new_slot()).collect();
        for t in temps.iter().rev() {
            self.emit(Op::Store(*t));
        }
        for (i, (place, saved)) in places.iter().enumerate() {
            match (place, saved) {
                (Place::Ptr, Some((t, _))) => {
                    self.emit(Op::Load(*t));
                }
                (Place::Map, Some((tm, tk))) => {
                    self.emit(Op::Load(*tm));
                    self.emit(Op::Load(*tk));
                }
                _ => {}
            }
            self.emit(Op::Load(temps[i]));
            self.store(place);
        }
    }

    /// Pushes `n` values for an assignment or declaration with targets of
    /// the given types (None: infer). Returns the value types.
    pub(super) fn rhs_values(
        &mut self,
        n: usize,
        targets: &[Option<TypeId>],
        rhs: &[Expr],
        span: Span,
        ctx: &str,
    ) -> Option<Vec<TypeId>> {
        if rhs.len() == n {
            return self.rhs_each(targets, rhs, ctx);
        }
        if rhs.len() != 1 {
            errorf!(
                self,
                span,
                "assignment mismatch: {} variable{} but {} value{}",
                n,
                if n == 1 { "" } else { "s" },
                rhs.len(),
                if rhs.len() == 1 { "" } else { "s" }
            );
            return None;
        }
        let r = &rhs[0];
        if n == 2 {
            match self.comma_ok(r) {
                CommaOk::Pushed(vt, okt) => {
                    return Some(self.assign_comma_ok(vt, okt, targets, r, ctx))
                }
                CommaOk::Failed => return None,
                CommaOk::No => {}
            }
        }
        self.rhs_multi(n, targets, r, span, ctx)
    }

    /// One value per target: `a, b = x, y`.
    fn rhs_each(
        &mut self,
        targets: &[Option<TypeId>],
        rhs: &[Expr],
        ctx: &str,
    ) -> Option<Vec<TypeId>> {
        let n = rhs.len();
        let mut out = Vec::new();
        for (i, r) in rhs.iter().enumerate() {
            let target = targets.get(i).copied().flatten();
            let o = match target.and_then(|t| self.generic_value(r, t, None)) {
                Some(o) => o,
                None => match target {
                    Some(t) => self.expr_for(r, t),
                    None => self.expr(r),
                },
            };
            if let (Mode::Multi, 1) = (&o.mode, n) {
                let count = match self.types.kind(o.ty) {
                    TypeKind::Tuple(ts) => ts.len(),
                    _ => 0,
                };
                errorf!(
                    self,
                    r.span,
                    "assignment mismatch: 1 variable but {} returns {} values",
                    self.call_name(r),
                    count
                );
                for _ in 0..count {
                    self.emit(Op::Pop);
                }
                return None;
            }
            match targets.get(i).copied().flatten() {
                Some(t) => {
                    self.assign_to(o, r, t, ctx);
                    out.push(t);
                }
                None => {
                    let o = self.single_value(o, r);
                    if !o.is_invalid() && !matches!(o.mode, Mode::Const(_)) {
                        self.copy_locks(o.ty);
                    }
                    if o.ty == wk::UNTYPED_NIL {
                        errorf!(self, r.span, "use of untyped nil in {}", ctx);
                    }
                    let t = if o.ty == wk::UNTYPED_BOOL {
                        wk::BOOL
                    } else {
                        o.ty
                    };
                    out.push(t);
                }
            }
        }
        Some(out)
    }

    /// Compiles a comma-ok form (`m[k]`, `x.(T)`, `<-ch`) for two targets.
    fn comma_ok(&mut self, r: &Expr) -> CommaOk {
        match &strip_parens(r).kind {
            ExprKind::Index(x, i) => {
                let xt = self.peek_type(x);
                if !xt.is_some_and(|t| matches!(self.types.ukind(t), TypeKind::Map(..))) {
                    return CommaOk::No;
                }
                match self.index_comma_ok(x, i, r.span) {
                    Some((vt, okt)) => CommaOk::Pushed(vt, okt),
                    None => CommaOk::No,
                }
            }
            ExprKind::TypeAssert(x, Some(t)) => {
                let o = self.type_assert(x, t, true, r.span);
                if o.is_invalid() {
                    return CommaOk::Failed;
                }
                match self.types.kind(o.ty).clone() {
                    TypeKind::Tuple(ts) => CommaOk::Pushed(ts[0], wk::UNTYPED_BOOL),
                    _ => CommaOk::No,
                }
            }
            ExprKind::Unary(UnaryOp::Recv, ch) => {
                let c = self.value(ch);
                if c.is_invalid() {
                    return CommaOk::Failed;
                }
                match self.chan_elem(&c, ch, ch.span, true) {
                    Some(elem) => {
                        self.emit(Op::Recv { comma_ok: true });
                        CommaOk::Pushed(elem, wk::UNTYPED_BOOL)
                    }
                    None => CommaOk::Failed,
                }
            }
            _ => CommaOk::No,
        }
    }

    /// With a comma-ok value and flag pushed, converts each to its target
    /// (through temporaries, as the value is below the flag).
    fn assign_comma_ok(
        &mut self,
        vt: TypeId,
        okt: TypeId,
        targets: &[Option<TypeId>],
        r: &Expr,
        ctx: &str,
    ) -> Vec<TypeId> {
        let s_ok = self.new_slot();
        let s_v = self.new_slot();
        self.emit(Op::Store(s_ok));
        self.emit(Op::Store(s_v));
        let mut out = Vec::new();
        for (i, (slot, t)) in [(s_v, vt), (s_ok, okt)].into_iter().enumerate() {
            self.emit(Op::Load(slot));
            match targets.get(i).copied().flatten() {
                Some(target) => {
                    self.assign_to(Operand::value(t, r.span), r, target, ctx);
                    out.push(target);
                }
                None => out.push(if t == wk::UNTYPED_BOOL { wk::BOOL } else { t }),
            }
        }
        out
    }

    /// One right-hand side for `n` targets: a multi-valued call.
    fn rhs_multi(
        &mut self,
        n: usize,
        targets: &[Option<TypeId>],
        r: &Expr,
        span: Span,
        ctx: &str,
    ) -> Option<Vec<TypeId>> {
        let o = self.expr(r);
        match o.mode {
            Mode::Multi => {
                let TypeKind::Tuple(ts) = self.types.kind(o.ty).clone() else {
                    return None;
                };
                if ts.len() != n {
                    errorf!(
                        self,
                        span,
                        "assignment mismatch: {} variable{} but {} returns {} value{}",
                        n,
                        if n == 1 { "" } else { "s" },
                        self.call_name(r),
                        ts.len(),
                        if ts.len() == 1 { "" } else { "s" }
                    );
                    for _ in &ts {
                        self.emit(Op::Pop);
                    }
                    return None;
                }
                let temps: Vec<u32> = ts.iter().map(|_| self.new_slot()).collect();
                for t in temps.iter().rev() {
                    self.emit(Op::Store(*t));
                }
                let mut out = Vec::new();
                for (i, (slot, t)) in temps.iter().zip(ts.iter()).enumerate() {
                    self.emit(Op::Load(*slot));
                    match targets.get(i).copied().flatten() {
                        Some(target) => {
                            self.assign_to(Operand::value(*t, r.span), r, target, ctx);
                            out.push(target);
                        }
                        None => out.push(*t),
                    }
                }
                Some(out)
            }
            Mode::Invalid => None,
            _ => {
                let what = match o.mode {
                    Mode::Value | Mode::Const(_)
                        if matches!(strip_parens(r).kind, ExprKind::Call { .. }) =>
                    {
                        format!("{} returns 1 value", self.call_name(r))
                    }
                    Mode::Void => format!("{} (no value) used as value", self.text(r.span)),
                    _ => "1 value".to_string(),
                };
                if matches!(o.mode, Mode::Void) {
                    self.error(r.span, what);
                } else {
                    errorf!(
                        self,
                        span,
                        "assignment mismatch: {} variable{} but {}",
                        n,
                        if n == 1 { "" } else { "s" },
                        what
                    );
                }
                if matches!(o.mode, Mode::Value) {
                    self.emit(Op::Pop);
                }
                None
            }
        }
    }

    fn call_name(&self, e: &Expr) -> String {
        match &strip_parens(e).kind {
            ExprKind::Call { func, .. } => self.text(func.span),
            _ => self.text(e.span),
        }
    }

    pub(super) fn define(&mut self, lhs: &[Expr], rhs: &[Expr], span: Span) {
        let mut names = Vec::new();
        for l in lhs {
            match &l.kind {
                ExprKind::Ident(id) => names.push(id.clone()),
                _ => {
                    errorf!(
                        self,
                        l.span,
                        "non-name {} on left side of :=",
                        self.text(l.span)
                    );
                    return;
                }
            }
        }
        // Existing names in the current scope are assigned, not declared.
        let mut targets = Vec::new();
        let mut any_new = false;
        for n in &names {
            let existing = if n.name == "_" {
                None
            } else {
                self.fns
                    .last()
                    .and_then(|f| f.scopes.last())
                    .and_then(|s| s.get(&n.name))
                    .cloned()
            };
            match existing {
                Some(Sym::Local { ty, .. }) => targets.push(Some(ty)),
                _ => {
                    if n.name != "_" {
                        any_new = true;
                    }
                    targets.push(None)
                }
            }
        }
        if !any_new {
            self.error(span, "no new variables on left side of :=");
        }
        let Some(types) = self.rhs_values(names.len(), &targets, rhs, span, "assignment") else {
            // Declare the names anyway so later uses are not "undefined".
            for n in &names {
                if n.name != "_" {
                    let (_, _) = self.declare_local(&n.name, wk::INVALID, n.span);
                    self.mark_used(&n.name);
                }
            }
            return;
        };
        // Store in reverse order (values are on the stack in order).
        let mut stores = Vec::new();
        for (i, n) in names.iter().enumerate() {
            let ty = types.get(i).copied().unwrap_or(wk::INVALID);
            if n.name == "_" {
                stores.push(Place::Blank);
                continue;
            }
            match targets[i] {
                Some(_) => {
                    let sym = self
                        .fns
                        .last()
                        .and_then(|f| f.scopes.last())
                        .and_then(|s| s.get(&n.name))
                        .cloned();
                    match sym {
                        Some(Sym::Local { slot, boxed, .. }) => stores.push(if boxed {
                            Place::Boxed { slot, fresh: false }
                        } else {
                            Place::Local(slot)
                        }),
                        _ => stores.push(Place::Blank),
                    }
                }
                None => {
                    let (slot, boxed) = self.declare_local(&n.name, ty, n.span);
                    stores.push(if boxed {
                        Place::Boxed { slot, fresh: true }
                    } else {
                        Place::Local(slot)
                    });
                }
            }
        }
        for p in stores.iter().rev() {
            self.store(p);
        }
    }

    /// [`Self::place`], except that a slice element is left as the slice
    /// and its checked index rather than a pointer: the store then makes no
    /// pointer, in as many instructions (`SliceElemCheck` stands where
    /// `SliceElemPtr` stood), so step counts do not change.
    fn elem_place(&mut self, e: &Expr) -> Option<(Place, TypeId)> {
        let (place, ty) = self.place(e)?;
        if let Place::Ptr = place {
            if let Some(last) = self.fnc().code.last_mut() {
                if matches!(last, Op::SliceElemPtr) {
                    *last = Op::SliceElemCheck;
                    return Some((Place::SliceElem, ty));
                }
            }
        }
        Some((place, ty))
    }

    pub(super) fn op_assign(&mut self, target: &Expr, op: BinaryOp, value: &Expr, span: Span) {
        let Some((place, ty)) = self.elem_place(target) else {
            return;
        };
        match place {
            Place::Local(s) => {
                self.emit(Op::Load(s));
            }
            Place::Boxed { slot, .. } => {
                self.emit(Op::LoadBoxed(slot));
            }
            Place::Global(g) => {
                self.emit(Op::LoadGlobal(g));
            }
            Place::Ptr => {
                self.emit(Op::Dup);
                self.emit(Op::Deref);
            }
            Place::SliceElem => {
                self.emit(Op::Dup2);
                self.emit(Op::IndexSlice);
            }
            Place::Map => {
                self.emit(Op::Dup2);
                self.emit(Op::IndexMap {
                    elem: ty,
                    comma_ok: false,
                });
            }
            Place::Blank => {
                self.error(target.span, "cannot use _ as value");
                return;
            }
        }
        let nk = self.num_kind(ty);
        let defined =
            |c: &Self, aop: ArithOp| c.each_type(ty, &|c, u| arith_defined_on(aop, c.num_kind(u)));
        let is_shift = matches!(op, BinaryOp::Shl | BinaryOp::Shr);
        let o = if is_shift {
            self.expr(value)
        } else {
            self.expr_for(value, ty)
        };
        if is_shift {
            match o.mode {
                Mode::Const(_) => {
                    self.materialize(&o, Some(wk::UINT));
                }
                _ => {
                    let o = self.single_value(o, value);
                    if !o.is_invalid() && !self.types.is_integer(o.ty) {
                        errorf!(
                            self,
                            value.span,
                            "invalid operation: shift count {} must be integer",
                            self.describe(&o, value)
                        );
                    }
                }
            }
        } else {
            let o2 = o.clone();
            if let Mode::Const(c) = &o.mode {
                if matches!(op, BinaryOp::Div | BinaryOp::Rem)
                    && c.as_f64() == Some(0.0)
                    && matches!(nk, NumKind::Int(_))
                {
                    self.error(value.span, "invalid operation: division by zero");
                }
            }
            self.assign_to(o2, value, ty, "assignment");
        }
        let aop = match BinaryOpClass::of(op) {
            BinaryOpClass::Arithmetic(aop) | BinaryOpClass::Shift(aop) => Some(aop),
            // The lexer forms `op=` from arithmetic and shift operators only.
            BinaryOpClass::Logical | BinaryOpClass::Comparison(_) => None,
        };
        // An invalid target was reported already: emit without a second error.
        let Some(aop) = aop.filter(|aop| defined(self, *aop) || ty == wk::INVALID) else {
            let t = Operand::value(ty, target.span);
            errorf!(
                self,
                span,
                "invalid operation: operator {} not defined on {}",
                op.as_str(),
                self.describe(&t, target)
            );
            return;
        };
        self.emit(Op::Arith(aop, nk));
        self.store(&place);
    }

    pub(super) fn local_decl(&mut self, d: &GenDecl) {
        match d {
            GenDecl::Var(specs) => {
                for s in specs {
                    let prev = self.set_span(s.span);
                    let declared = s.ty.as_ref().map(|t| self.resolve_type(t));
                    let types = self.assign_values_to_new(&s.names, declared, &s.values, s.span);
                    let mut slots = Vec::new();
                    for (i, n) in s.names.iter().enumerate() {
                        let ty = types.get(i).copied().unwrap_or(wk::INVALID);
                        if n.name == "_" {
                            slots.push(None);
                        } else {
                            slots.push(Some(self.declare_local(&n.name, ty, n.span)));
                        }
                    }
                    if s.values.is_empty() {
                        for (i, sl) in slots.iter().enumerate() {
                            let ty = types.get(i).copied().unwrap_or(wk::INVALID);
                            if let Some((slot, boxed)) = sl {
                                self.emit(Op::Zero(ty));
                                self.init_local(*slot, *boxed);
                            }
                        }
                    } else {
                        for sl in slots.iter().rev() {
                            match sl {
                                Some((slot, boxed)) => self.init_local(*slot, *boxed),
                                None => {
                                    self.emit(Op::Pop);
                                }
                            }
                        }
                    }
                    self.set_span(prev);
                }
            }
            GenDecl::Const(specs) => {
                for s in specs {
                    self.declare_const_spec(s);
                }
            }
            GenDecl::Type(specs) => {
                for s in specs {
                    if !s.tparams.is_empty() {
                        self.declare_generic_type(s);
                        continue;
                    }
                    self.declare_type_name(s);
                    self.resolve_type_body(s);
                }
            }
        }
    }

    /// Pushes the initial values of `var names [T] = values` (nothing when
    /// there are no values) and returns each variable's type.
    pub(super) fn assign_values_to_new(
        &mut self,
        names: &[Ident],
        declared: Option<TypeId>,
        values: &[Expr],
        span: Span,
    ) -> Vec<TypeId> {
        if values.is_empty() {
            return names
                .iter()
                .map(|_| declared.unwrap_or(wk::INVALID))
                .collect();
        }
        let targets: Vec<Option<TypeId>> = names.iter().map(|_| declared).collect();
        match self.rhs_values(names.len(), &targets, values, span, "variable declaration") {
            Some(t) => t,
            None => {
                for _ in names {
                    self.emit(Op::Push(Value::Nil));
                }
                names
                    .iter()
                    .map(|_| declared.unwrap_or(wk::INVALID))
                    .collect()
            }
        }
    }
}

/// Where an assignment stores.
#[derive(Clone)]
pub(super) enum Place {
    Local(u32),
    /// A variable in a heap cell; its slot holds the pointer. `fresh`: the
    /// variable is declared by this statement, so the store creates its
    /// cell (`BoxInto`) instead of writing through the pointer.
    Boxed {
        slot: u32,
        fresh: bool,
    },
    Global(u32),
    /// A pointer is on the stack.
    Ptr,
    /// A slice and a checked index are on the stack (`elem_place`).
    SliceElem,
    /// A map and key are on the stack.
    Map,
    Blank,
}

/// What the right side of a two-variable assignment was.
enum CommaOk {
    /// Not a comma-ok form: it is compiled as a (multi-)value.
    No,
    /// A comma-ok form that failed (reported).
    Failed,
    /// The value and the flag were pushed, with their types.
    Pushed(TypeId, TypeId),
}
