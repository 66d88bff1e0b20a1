//! Statements: assignment and declaration, control flow, `go`, `defer`,
//! `select`, and Go's per-iteration loop variables (1.22+) versus
//! per-loop ones (1.21).

use super::expr::{arith_defined_on, strip_parens, BinaryOpClass};
use super::*;
use crate::syntax::ast::{AssignOp, BinaryOp, Expr, ExprKind, GenDecl, Stmt, StmtKind, UnaryOp};
use crate::types::{ChanDir, TypeKind};
use crate::vm::op::{ArithOp, CmpOp, NumKind, SelectDir};
use crate::vm::value::Value;

/// Where an assignment stores.
#[derive(Clone, Debug)]
enum Place {
    Local(u32),
    Boxed(u32),
    Global(u32),
    /// A pointer is on the stack.
    Ptr,
    /// A map and key are on the stack.
    Map,
    Blank,
}

impl<'a> Compiler<'a> {
    pub fn block_stmts(&mut self, stmts: &[Stmt]) {
        for s in stmts {
            self.stmt(s);
        }
    }

    fn block(&mut self, b: &crate::syntax::ast::Block) {
        self.push_scope();
        self.block_stmts(&b.stmts);
        self.pop_scope();
    }

    pub fn stmt(&mut self, s: &Stmt) {
        let prev = self.set_span(s.span);
        if !self.library_mode
            && !matches!(
                s.kind,
                StmtKind::Block(_) | StmtKind::Labeled { .. } | StmtKind::Empty
            )
        {
            self.emit(Op::Stmt);
        }
        self.stmt_inner(s, None);
        self.set_span(prev);
    }

    fn stmt_inner(&mut self, s: &Stmt, label: Option<&str>) {
        match &s.kind {
            StmtKind::Empty => {}
            StmtKind::Expr(e) => self.expr_stmt(e),
            StmtKind::Send { chan, value } => {
                let c = self.value(chan);
                if c.is_invalid() {
                    return;
                }
                match self.types.ukind(c.ty).clone() {
                    TypeKind::Chan(dir, elem) => {
                        if dir == ChanDir::Recv {
                            errorf!(
                                self,
                                s.span,
                                "invalid operation: cannot send to receive-only channel {}",
                                self.describe(&c, chan)
                            );
                        }
                        let v = self.expr(value);
                        self.assign_to(v, value, elem, "send");
                        self.emit(Op::Send);
                    }
                    _ => errorf!(
                        self,
                        s.span,
                        "invalid operation: cannot send to non-channel {}",
                        self.describe(&c, chan)
                    ),
                }
            }
            StmtKind::IncDec { target, inc } => {
                let one = Expr {
                    kind: ExprKind::Lit(crate::syntax::ast::Lit::Int(1)),
                    span: s.span,
                };
                self.op_assign(
                    target,
                    if *inc { BinaryOp::Add } else { BinaryOp::Sub },
                    &one,
                    s.span,
                );
            }
            StmtKind::Assign { lhs, op, rhs } => match op {
                AssignOp::Assign => self.assign(lhs, rhs, s.span),
                AssignOp::Define => self.define(lhs, rhs, s.span),
                AssignOp::Op(bop) => {
                    if lhs.len() != 1 || rhs.len() != 1 {
                        errorf!(
                            self,
                            s.span,
                            "assignment operation {}= requires single-valued expressions",
                            bop.as_str()
                        );
                        return;
                    }
                    self.op_assign(&lhs[0], *bop, &rhs[0], s.span);
                }
            },
            StmtKind::Decl(d) => self.local_decl(d),
            StmtKind::Go(e) => {
                if let Some(argc) = self.deferred_call(e, "go") {
                    self.emit(Op::Go { argc });
                }
            }
            StmtKind::Defer(e) => {
                if let Some(argc) = self.deferred_call(e, "defer") {
                    self.emit(Op::Defer { argc });
                }
            }
            StmtKind::Return(es) => self.return_stmt(es, s.span),
            StmtKind::Break(l) => self.branch(l.as_ref(), true, s.span),
            StmtKind::Continue(l) => self.branch(l.as_ref(), false, s.span),
            StmtKind::Fallthrough => self.error(s.span, "fallthrough statement out of place"),
            StmtKind::Block(b) => self.block(b),
            StmtKind::If {
                init,
                cond,
                then,
                els,
            } => {
                self.push_scope();
                if let Some(i) = init {
                    self.stmt(i);
                }
                self.condition(cond, "if statement");
                let jf = self.emit(Op::JumpIfFalse(0));
                self.block(then);
                match els {
                    Some(e) => {
                        let jend = self.emit(Op::Jump(0));
                        let here = self.here();
                        self.patch(jf, here);
                        self.stmt(e);
                        let end = self.here();
                        self.patch(jend, end);
                    }
                    None => {
                        let here = self.here();
                        self.patch(jf, here);
                    }
                }
                self.pop_scope();
            }
            StmtKind::For {
                init,
                cond,
                post,
                body,
            } => self.for_stmt(init.as_deref(), cond.as_ref(), post.as_deref(), body, label),
            StmtKind::Range {
                key,
                value,
                define,
                subject,
                body,
            } => self.range_stmt(
                key.as_ref(),
                value.as_ref(),
                *define,
                subject,
                body,
                label,
                s.span,
            ),
            StmtKind::Switch { init, tag, cases } => {
                self.switch_stmt(init.as_deref(), tag.as_ref(), cases, label)
            }
            StmtKind::TypeSwitch {
                init,
                bind,
                subject,
                cases,
            } => self.type_switch(init.as_deref(), bind.as_ref(), subject, cases, label),
            StmtKind::Select { cases } => self.select_stmt(cases, label),
            StmtKind::Labeled { label: l, stmt } => {
                if matches!(
                    stmt.kind,
                    StmtKind::For { .. }
                        | StmtKind::Range { .. }
                        | StmtKind::Switch { .. }
                        | StmtKind::TypeSwitch { .. }
                        | StmtKind::Select { .. }
                ) {
                    let prev = self.set_span(stmt.span);
                    if !self.library_mode {
                        self.emit(Op::Stmt);
                    }
                    self.stmt_inner(stmt, Some(&l.name));
                    self.set_span(prev);
                } else {
                    self.stmt(stmt);
                }
            }
        }
    }

    fn expr_stmt(&mut self, e: &Expr) {
        let inner = strip_parens(e);
        let is_call_or_recv = matches!(
            inner.kind,
            ExprKind::Call { .. } | ExprKind::Unary(UnaryOp::Recv, _)
        );
        let o = self.expr(e);
        if o.is_invalid() {
            return;
        }
        if !is_call_or_recv {
            let what = self.describe(&o, e);
            errorf!(self, e.span, "{} is not used", what);
            return;
        }
        // Builtins whose results must be used.
        if let ExprKind::Call { func, .. } = &inner.kind {
            if let ExprKind::Ident(id) = &strip_parens(func).kind {
                if matches!(
                    id.name.as_str(),
                    "len" | "cap" | "append" | "make" | "new" | "min" | "max"
                ) && matches!(o.mode, Mode::Value | Mode::Const(_))
                {
                    if let Some(Sym::Builtin(_)) = self.universe.get(&id.name).cloned() {
                        errorf!(
                            self,
                            e.span,
                            "{} (value of type {}) is not used",
                            self.text(e.span),
                            self.types.name(self.types.default_type(o.ty))
                        );
                        return;
                    }
                }
            }
        }
        match o.mode {
            Mode::Value => {
                self.emit(Op::Pop);
            }
            Mode::Multi => {
                if let TypeKind::Tuple(ts) = self.types.kind(o.ty).clone() {
                    for _ in ts {
                        self.emit(Op::Pop);
                    }
                }
            }
            _ => {}
        }
    }

    /// Compiles a boolean condition.
    fn condition(&mut self, cond: &Expr, what: &str) {
        let o = self.expr(cond);
        if o.is_invalid() {
            self.emit(Op::Push(Value::Bool(false)));
            return;
        }
        if !self.types.is_bool(o.ty) {
            errorf!(self, cond.span, "non-boolean condition in {}", what);
        }
        match o.mode {
            Mode::Const(_) => {
                self.materialize(&o, Some(wk::BOOL));
            }
            _ => {
                self.to_single_value(o, cond);
            }
        }
    }

    // ---- assignment ----

    fn place(&mut self, e: &Expr) -> Option<(Place, TypeId)> {
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
                            Place::Boxed(slot)
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

    fn peek_used(&self, name: &str) -> Option<bool> {
        let f = self.fns.last()?;
        for s in f.scopes.iter().rev() {
            if let Some(Sym::Local { used, .. }) = s.get(name) {
                return Some(*used);
            }
        }
        None
    }

    fn unmark_used(&mut self, name: &str) {
        if let Some(f) = self.fns.last_mut() {
            for s in f.scopes.iter_mut().rev() {
                if let Some(Sym::Local { used, .. }) = s.get_mut(name) {
                    *used = false;
                    return;
                }
            }
        }
    }

    fn store(&mut self, p: &Place) {
        match p {
            Place::Local(s) => self.emit(Op::Store(*s)),
            Place::Boxed(s) => self.emit(Op::StoreBoxed(*s)),
            Place::Global(g) => self.emit(Op::StoreGlobal(*g)),
            Place::Ptr => self.emit(Op::StorePtr),
            Place::Map => self.emit(Op::MapSet),
            Place::Blank => self.emit(Op::Pop),
        };
    }

    fn assign(&mut self, lhs: &[Expr], rhs: &[Expr], span: Span) {
        if lhs.len() == 1 && rhs.len() == 1 {
            let Some((place, ty)) = self.place(&lhs[0]) else {
                let _ = self.peek_type(&rhs[0]);
                return;
            };
            let o = self.expr(&rhs[0]);
            if let Place::Blank = place {
                let o = self.to_single_value(o, &rhs[0]);
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
    fn rhs_values(
        &mut self,
        n: usize,
        targets: &[Option<TypeId>],
        rhs: &[Expr],
        span: Span,
        ctx: &str,
    ) -> Option<Vec<TypeId>> {
        if rhs.len() == n {
            let mut out = Vec::new();
            for (i, r) in rhs.iter().enumerate() {
                let o = self.expr(r);
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
                        let o = self.to_single_value(o, r);
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
            return Some(out);
        }
        if rhs.len() == 1 {
            let r = &rhs[0];
            let inner = strip_parens(r);
            // Comma-ok forms.
            if n == 2 {
                let pair = match &inner.kind {
                    ExprKind::Index(x, i) => {
                        let xt = self.peek_type(x);
                        if xt.is_some_and(|t| matches!(self.types.ukind(t), TypeKind::Map(..))) {
                            self.index_comma_ok(x, i, r.span)
                        } else {
                            None
                        }
                    }
                    ExprKind::TypeAssert(x, Some(t)) => {
                        let o = self.type_assert(x, t, true, r.span);
                        if o.is_invalid() {
                            return None;
                        }
                        match self.types.kind(o.ty).clone() {
                            TypeKind::Tuple(ts) => Some((ts[0], wk::UNTYPED_BOOL)),
                            _ => None,
                        }
                    }
                    ExprKind::Unary(UnaryOp::Recv, ch) => {
                        let c = self.value(ch);
                        if c.is_invalid() {
                            return None;
                        }
                        match self.types.ukind(c.ty).clone() {
                            TypeKind::Chan(_, elem) => {
                                self.emit(Op::Recv { comma_ok: true });
                                Some((elem, wk::UNTYPED_BOOL))
                            }
                            _ => {
                                errorf!(
                                    self,
                                    r.span,
                                    "invalid operation: cannot receive from non-channel {}",
                                    self.describe(&c, ch)
                                );
                                None
                            }
                        }
                    }
                    _ => None,
                };
                if let Some((vt, okt)) = pair {
                    // Convert through temporaries if targets are typed.
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
                    return Some(out);
                }
            }
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
                            if matches!(inner.kind, ExprKind::Call { .. }) =>
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
        } else {
            errorf!(
                self,
                span,
                "assignment mismatch: {} variable{} but {} value{}",
                n,
                if n == 1 { "" } else { "s" },
                rhs.len(),
                if rhs.len() == 1 { "" } else { "s" }
            );
            None
        }
    }

    fn call_name(&self, e: &Expr) -> String {
        match &strip_parens(e).kind {
            ExprKind::Call { func, .. } => self.text(func.span),
            _ => self.text(e.span),
        }
    }

    fn define(&mut self, lhs: &[Expr], rhs: &[Expr], span: Span) {
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
                    self.mark_used_name(&n.name);
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
                            Place::Boxed(slot)
                        } else {
                            Place::Local(slot)
                        }),
                        _ => stores.push(Place::Blank),
                    }
                }
                None => {
                    let (slot, boxed) = self.declare_local(&n.name, ty, n.span);
                    // A new boxed variable gets a new cell.
                    stores.push(if boxed {
                        Place::Boxed(u32::MAX - slot)
                    } else {
                        Place::Local(slot)
                    });
                }
            }
        }
        for p in stores.iter().rev() {
            match p {
                Place::Boxed(s) if *s > u32::MAX / 2 => {
                    self.emit(Op::BoxInto(u32::MAX - *s));
                }
                other => self.store(other),
            }
        }
    }

    fn mark_used_name(&mut self, name: &str) {
        if let Some(Sym::Local { used, .. }) =
            self.fnc().scopes.last_mut().and_then(|s| s.get_mut(name))
        {
            *used = true;
        }
    }

    fn op_assign(&mut self, target: &Expr, op: BinaryOp, value: &Expr, span: Span) {
        let Some((place, ty)) = self.place(target) else {
            return;
        };
        match place {
            Place::Local(s) => {
                self.emit(Op::Load(s));
            }
            Place::Boxed(s) => {
                self.emit(Op::LoadBoxed(s));
            }
            Place::Global(g) => {
                self.emit(Op::LoadGlobal(g));
            }
            Place::Ptr => {
                self.emit(Op::Dup);
                self.emit(Op::Deref);
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
        let is_shift = matches!(op, BinaryOp::Shl | BinaryOp::Shr);
        let o = self.expr(value);
        if is_shift {
            match o.mode {
                Mode::Const(_) => {
                    self.materialize(&o, Some(wk::UINT));
                }
                _ => {
                    let o = self.to_single_value(o, value);
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
        let Some(aop) = aop.filter(|aop| arith_defined_on(*aop, nk) || ty == wk::INVALID) else {
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

    fn local_decl(&mut self, d: &GenDecl) {
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
                    self.declare_type_name(s);
                    self.resolve_type_body(s);
                }
            }
        }
    }

    /// Pushes the initial values of `var names [T] = values` (nothing when
    /// there are no values) and returns each variable's type.
    pub fn assign_values_to_new(
        &mut self,
        names: &[crate::syntax::ast::Ident],
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

    fn return_stmt(&mut self, es: &[Expr], span: Span) {
        let f = self.fns.last().expect("return inside a function");
        let results = f.results.clone();
        let slots = f.result_slots.clone();
        let boxed = f.boxed_results.clone();
        if es.is_empty() {
            if !results.is_empty() && self.named_results_missing() {
                errorf!(
                    self,
                    span,
                    "not enough return values\n\thave ()\n\twant ({})",
                    results
                        .iter()
                        .map(|t| self.types.name(*t))
                        .collect::<Vec<_>>()
                        .join(", ")
                );
            }
            self.emit(Op::Return);
            return;
        }
        if results.is_empty() {
            self.error(es[0].span, "too many return values");
            return;
        }
        let targets: Vec<Option<TypeId>> = results.iter().map(|t| Some(*t)).collect();
        if es.len() != results.len() && es.len() != 1 {
            let have: Vec<String> = es.iter().map(|e| self.have_name(e)).collect();
            errorf!(
                self,
                es[0].span,
                "{} return values\n\thave ({})\n\twant ({})",
                if es.len() > results.len() {
                    "too many"
                } else {
                    "not enough"
                },
                have.join(", "),
                results
                    .iter()
                    .map(|t| self.types.name(*t))
                    .collect::<Vec<_>>()
                    .join(", ")
            );
            return;
        }
        if es.len() == 1 && results.len() > 1 {
            let o = self.peek_type_multi(&es[0]);
            if !o {
                let have = self.have_name(&es[0]);
                errorf!(
                    self,
                    es[0].span,
                    "not enough return values\n\thave ({})\n\twant ({})",
                    have,
                    results
                        .iter()
                        .map(|t| self.types.name(*t))
                        .collect::<Vec<_>>()
                        .join(", ")
                );
                return;
            }
        }
        if es.len() == 1 && results.len() == 1 {
            let o = self.expr(&es[0]);
            self.assign_to(o, &es[0], results[0], "return statement");
        } else if self
            .rhs_values(results.len(), &targets, es, span, "return statement")
            .is_none()
        {
            return;
        }
        for (slot, b) in slots.iter().zip(boxed.iter()).rev() {
            if *b {
                self.emit(Op::StoreBoxed(*slot));
            } else {
                self.emit(Op::Store(*slot));
            }
        }
        self.emit(Op::Return);
    }

    fn peek_type_multi(&mut self, e: &Expr) -> bool {
        matches!(self.peek(e, false).mode, Mode::Multi)
    }

    fn named_results_missing(&self) -> bool {
        // Unnamed results need explicit values; named ones allow a bare return.
        let f = self.fns.last().expect("inside a function");
        f.result_slots
            .iter()
            .any(|s| !f.locals.iter().any(|l| l.slot == *s))
    }

    fn branch(&mut self, label: Option<&crate::syntax::ast::Ident>, is_break: bool, span: Span) {
        let f = self.fns.last().expect("inside a function");
        let target = match label {
            Some(l) => f
                .loops
                .iter()
                .rposition(|c| c.label.as_deref() == Some(l.name.as_str())),
            None => {
                if is_break {
                    f.loops.len().checked_sub(1)
                } else {
                    f.loops.iter().rposition(|c| c.is_loop)
                }
            }
        };
        let Some(t) = target else {
            match label {
                Some(l) => errorf!(
                    self,
                    l.span,
                    "invalid {} label {}",
                    if is_break { "break" } else { "continue" },
                    l.name
                ),
                None => errorf!(
                    self,
                    span,
                    "{} is not in a loop{}",
                    if is_break { "break" } else { "continue" },
                    if is_break { ", switch, or select" } else { "" }
                ),
            }
            return;
        };
        if !is_break && !self.fns.last().map(|f| f.loops[t].is_loop).unwrap_or(false) {
            errorf!(
                self,
                span,
                "invalid continue label {}",
                label.map(|l| l.name.clone()).unwrap_or_default()
            );
            return;
        }
        let j = self.emit(Op::Jump(0));
        let f = self.fnc();
        if is_break {
            f.loops[t].breaks.push(j);
        } else {
            f.loops[t].continues.push(j);
        }
    }

    fn push_loop(&mut self, label: Option<&str>, is_loop: bool) {
        self.fnc().loops.push(LoopCtx {
            label: label.map(|s| s.to_string()),
            breaks: Vec::new(),
            continues: Vec::new(),
            is_loop,
        });
    }

    fn pop_loop(&mut self, continue_target: usize, break_target: usize) {
        let l = self.fnc().loops.pop().expect("pushed by the loop");
        for j in l.breaks {
            self.patch(j, break_target);
        }
        for j in l.continues {
            self.patch(j, continue_target);
        }
    }

    fn for_stmt(
        &mut self,
        init: Option<&Stmt>,
        cond: Option<&Expr>,
        post: Option<&Stmt>,
        body: &crate::syntax::ast::Block,
        label: Option<&str>,
    ) {
        self.push_scope();
        let before = self
            .fns
            .last()
            .map(|f| f.scopes.last().map(|s| s.len()).unwrap_or(0))
            .unwrap_or(0);
        let _ = before;
        if let Some(i) = init {
            self.stmt(i);
        }
        // Loop variables declared by init, for per-iteration copies.
        let loop_vars: Vec<(u32, bool)> = self
            .fns
            .last()
            .and_then(|f| f.scopes.last())
            .map(|s| {
                s.values()
                    .filter_map(|sym| {
                        if let Sym::Local { slot, boxed, .. } = sym {
                            Some((*slot, *boxed))
                        } else {
                            None
                        }
                    })
                    .collect()
            })
            .unwrap_or_default();
        let top = self.here();
        let jf = cond.map(|c| {
            self.condition(c, "for loop");
            self.emit(Op::JumpIfFalse(0))
        });
        self.push_loop(label, true);
        self.block(body);
        let cont = self.here();
        if self.loopvar_per_iteration {
            for (slot, boxed) in &loop_vars {
                if *boxed {
                    self.emit(Op::LoadBoxed(*slot));
                    self.emit(Op::BoxInto(*slot));
                }
            }
        }
        if let Some(p) = post {
            self.stmt(p);
        }
        self.emit(Op::Jump(top as u32));
        let end = self.here();
        if let Some(j) = jf {
            self.patch(j, end);
        }
        self.pop_loop(cont, end);
        self.pop_scope();
    }

    #[allow(clippy::too_many_arguments)]
    fn range_stmt(
        &mut self,
        key: Option<&Expr>,
        value: Option<&Expr>,
        define: bool,
        subject: &Expr,
        body: &crate::syntax::ast::Block,
        label: Option<&str>,
        span: Span,
    ) {
        self.push_scope();
        let so = self.expr(subject);
        if so.is_invalid() {
            self.pop_scope();
            return;
        }
        let (so, sty) = match &so.mode {
            Mode::Const(ConstVal::Int(_)) => {
                let t = self.materialize(&so, None);
                (Operand::value(t, so.span), t)
            }
            Mode::Const(ConstVal::Str(_)) => {
                self.materialize(&so, Some(wk::STRING));
                (Operand::value(wk::STRING, so.span), wk::STRING)
            }
            _ => {
                let o = self.to_single_value(so, subject);
                let t = o.ty;
                (o, t)
            }
        };
        if so.is_invalid() {
            self.pop_scope();
            return;
        }
        enum Kind {
            Slice(TypeId),
            Array(u32, TypeId),
            PtrArray(u32, TypeId),
            Str,
            Map(TypeId, TypeId),
            Chan(TypeId),
            Int(TypeId),
        }
        let kind = match self.types.ukind(sty).clone() {
            TypeKind::Slice(e) => Kind::Slice(e),
            TypeKind::Array(n, e) => Kind::Array(n as u32, e),
            TypeKind::Pointer(p) => match self.types.ukind(p).clone() {
                TypeKind::Array(n, e) => Kind::PtrArray(n as u32, e),
                _ => {
                    errorf!(
                        self,
                        subject.span,
                        "cannot range over {}",
                        self.describe(&so, subject)
                    );
                    self.pop_scope();
                    return;
                }
            },
            TypeKind::String => Kind::Str,
            TypeKind::Map(k, v) => Kind::Map(k, v),
            TypeKind::Chan(dir, e) => {
                if dir == ChanDir::Send {
                    errorf!(
                        self,
                        subject.span,
                        "invalid operation: range {} receive from send-only channel {}",
                        self.text(subject.span),
                        self.types.name(sty)
                    );
                }
                Kind::Chan(e)
            }
            TypeKind::Int(_) => Kind::Int(sty),
            TypeKind::Func(_) => {
                self.error(
                    subject.span,
                    "range over function iterators is not supported by gosim",
                );
                self.pop_scope();
                return;
            }
            _ => {
                errorf!(
                    self,
                    subject.span,
                    "cannot range over {}",
                    self.describe(&so, subject)
                );
                self.pop_scope();
                return;
            }
        };
        let (kt, vt) = match &kind {
            Kind::Slice(e) | Kind::Array(_, e) | Kind::PtrArray(_, e) => (wk::INT, Some(*e)),
            Kind::Str => (wk::INT, Some(wk::INT32)),
            Kind::Map(k, v) => (*k, Some(*v)),
            Kind::Chan(e) => (*e, None),
            Kind::Int(t) => (*t, None),
        };
        if value.is_some() && vt.is_none() {
            let what = "permits only one iteration variable";
            errorf!(
                self,
                value.map(|v| v.span).unwrap_or(span),
                "range over {} {}",
                self.describe(&so, subject),
                what
            );
        }
        let subj = self.new_slot();
        self.emit(Op::Store(subj));
        let idx = self.new_slot();
        let limit = self.new_slot();
        let keys = self.new_slot();
        let cur_val = self.new_slot();
        match &kind {
            Kind::Map(..) => {
                self.emit(Op::Load(subj));
                self.emit(Op::MapKeys);
                self.emit(Op::Store(keys));
                self.emit(Op::Load(keys));
                self.emit(Op::Len);
                self.emit(Op::Store(limit));
            }
            Kind::Int(t) => {
                self.emit(Op::Load(subj));
                self.emit(Op::Store(limit));
                let _ = t;
            }
            Kind::Chan(_) => {}
            Kind::Array(n, _) | Kind::PtrArray(n, _) => {
                self.emit(Op::Push(Value::Int(*n as i64)));
                self.emit(Op::Store(limit));
            }
            _ => {
                self.emit(Op::Load(subj));
                self.emit(Op::Len);
                self.emit(Op::Store(limit));
            }
        }
        self.emit(Op::Push(Value::Int(0)));
        self.emit(Op::Store(idx));
        // Per-loop variables (go1.21, or `=` assignment) are declared once.
        let per_iter = self.loopvar_per_iteration;
        let declare_vars = |c: &mut Self| -> Vec<Option<(Place, TypeId)>> {
            let mut out = Vec::new();
            for (e, t) in [(key, Some(kt)), (value, vt)] {
                let Some(e) = e else {
                    out.push(None);
                    continue;
                };
                let t = t.unwrap_or(wk::INVALID);
                match &e.kind {
                    ExprKind::Ident(id) if id.name == "_" => out.push(Some((Place::Blank, t))),
                    ExprKind::Ident(id) => {
                        let (slot, boxed) = c.declare_local(&id.name, t, id.span);
                        out.push(Some((
                            if boxed {
                                Place::Boxed(u32::MAX - slot)
                            } else {
                                Place::Local(slot)
                            },
                            t,
                        )));
                    }
                    _ => {
                        errorf!(c, e.span, "non-name {} on left side of :=", c.text(e.span));
                        out.push(None);
                    }
                }
            }
            out
        };
        let mut once_vars = None;
        if define && !per_iter {
            let vars = declare_vars(self);
            for v in vars.iter().flatten() {
                if let (Place::Boxed(s), t) = v {
                    self.emit(Op::Zero(*t));
                    self.emit(Op::BoxInto(u32::MAX - *s));
                }
            }
            once_vars = Some(
                vars.into_iter()
                    .map(|v| v.map(|(p, t)| (fix_once(p), t)))
                    .collect::<Vec<_>>(),
            );
        }
        let top = self.here();
        // Condition and the next key/value on the stack.
        let mut exit_jumps = Vec::new();
        let mut pop_exit = None;
        match &kind {
            Kind::Chan(_) => {
                self.emit(Op::Load(subj));
                self.emit(Op::Recv { comma_ok: true });
                pop_exit = Some(self.emit(Op::JumpIfFalse(0)));
                self.emit(Op::Store(cur_val));
            }
            _ => {
                self.emit(Op::Load(idx));
                self.emit(Op::Load(limit));
                self.emit(Op::Cmp(CmpOp::Lt, NumKind::Int(crate::types::IntKind::Int)));
                exit_jumps.push(self.emit(Op::JumpIfFalse(0)));
            }
        }
        let mut skip_jump = None;
        // Compute key and value onto the stack.
        let push_kv = |c: &mut Self, want_key: bool, want_val: bool| match &kind {
            Kind::Slice(_) => {
                if want_key {
                    c.emit(Op::Load(idx));
                }
                if want_val {
                    c.emit(Op::Load(subj));
                    c.emit(Op::Load(idx));
                    c.emit(Op::IndexSlice);
                }
            }
            Kind::Array(n, _) => {
                if want_key {
                    c.emit(Op::Load(idx));
                }
                if want_val {
                    c.emit(Op::Load(subj));
                    c.emit(Op::Load(idx));
                    c.emit(Op::IndexArray(*n));
                }
            }
            Kind::PtrArray(n, _) => {
                if want_key {
                    c.emit(Op::Load(idx));
                }
                if want_val {
                    c.emit(Op::Load(subj));
                    c.emit(Op::Deref);
                    c.emit(Op::Load(idx));
                    c.emit(Op::IndexArray(*n));
                }
            }
            Kind::Str => {
                if want_key {
                    c.emit(Op::Load(idx));
                }
                if want_val {
                    c.emit(Op::Load(cur_val));
                }
            }
            Kind::Map(..) => {
                if want_key {
                    c.emit(Op::Load(keys));
                    c.emit(Op::Load(idx));
                    c.emit(Op::IndexSlice);
                }
                if want_val {
                    c.emit(Op::Load(cur_val));
                }
            }
            Kind::Chan(_) => {
                if want_key {
                    c.emit(Op::Load(cur_val));
                }
            }
            Kind::Int(_) => {
                if want_key {
                    c.emit(Op::Load(idx));
                }
            }
        };
        match &kind {
            Kind::Str => {
                // cur_val = rune at idx; limit_next stored in `keys`.
                self.emit(Op::Load(subj));
                self.emit(Op::Load(idx));
                self.emit(Op::StrNextRune);
                self.emit(Op::Store(cur_val));
                self.emit(Op::Store(keys));
            }
            Kind::Map(_, v) => {
                self.emit(Op::Load(subj));
                self.emit(Op::Load(keys));
                self.emit(Op::Load(idx));
                self.emit(Op::IndexSlice);
                self.emit(Op::IndexMap {
                    elem: *v,
                    comma_ok: true,
                });
                // Entries deleted during iteration are skipped.
                let j = self.emit(Op::JumpIfFalse(0));
                self.emit(Op::Store(cur_val));
                skip_jump = Some(j);
            }
            _ => {}
        }
        self.push_scope();
        let vars = match &once_vars {
            Some(v) => v.clone(),
            None if define => declare_vars(self),
            None => Vec::new(),
        };
        if define {
            for (i, v) in vars.iter().enumerate() {
                let Some((place, _)) = v else { continue };
                push_kv(self, i == 0, i == 1);
                match place {
                    Place::Boxed(s) if *s > u32::MAX / 2 => {
                        self.emit(Op::BoxInto(u32::MAX - *s));
                    }
                    p => self.store(p),
                }
            }
            for v in vars.iter().flatten() {
                if let (Place::Local(_) | Place::Boxed(_), _) = v {}
            }
            // Range variables count as used only if the body uses them; Go
            // reports unused ones like any other variable.
        } else {
            for (i, e) in [key, value].into_iter().enumerate() {
                let Some(e) = e else { continue };
                let Some((place, ty)) = self.place(e) else {
                    continue;
                };
                push_kv(self, i == 0, i == 1);
                let t = if i == 0 {
                    kt
                } else {
                    vt.unwrap_or(wk::INVALID)
                };
                if !matches!(place, Place::Blank) {
                    self.assign_to(Operand::value(t, e.span), e, ty, "range");
                }
                self.store(&place);
            }
        }
        self.push_loop(label, true);
        self.block_stmts(&body.stmts);
        self.pop_scope();
        let cont = self.here();
        // Advance.
        match &kind {
            Kind::Chan(_) => {}
            Kind::Str => {
                self.emit(Op::Load(keys));
                self.emit(Op::Store(idx));
            }
            _ => {
                self.emit(Op::Load(idx));
                self.emit(Op::Push(Value::Int(1)));
                self.emit(Op::Arith(
                    ArithOp::Add,
                    NumKind::Int(crate::types::IntKind::Int),
                ));
                self.emit(Op::Store(idx));
            }
        }
        self.emit(Op::Jump(top as u32));
        if let Some(j) = skip_jump {
            // Deleted key: pop the zero value and advance.
            let here = self.here();
            self.patch(j, here);
            self.emit(Op::Pop);
            self.emit(Op::Jump(cont as u32));
        }
        if let Some(j) = pop_exit {
            let here = self.here();
            self.patch(j, here);
            self.emit(Op::Pop);
        }
        let end = self.here();
        for j in exit_jumps {
            self.patch(j, end);
        }
        self.pop_loop(cont, end);
        self.pop_scope();
    }

    fn switch_stmt(
        &mut self,
        init: Option<&Stmt>,
        tag: Option<&Expr>,
        cases: &[crate::syntax::ast::CaseClause],
        label: Option<&str>,
    ) {
        self.push_scope();
        if let Some(i) = init {
            self.stmt(i);
        }
        let tag_slot = self.new_slot();
        let tag_ty = match tag {
            Some(t) => {
                let o = self.expr(t);
                let o = match o.mode {
                    Mode::Const(_) => {
                        let ty = self.materialize(&o, None);
                        Operand::value(ty, o.span)
                    }
                    _ => self.to_single_value(o, t),
                };
                self.emit(Op::Store(tag_slot));
                Some(if o.ty == wk::UNTYPED_BOOL {
                    wk::BOOL
                } else {
                    o.ty
                })
            }
            None => None,
        };
        let mut body_jumps: Vec<Vec<usize>> = Vec::new();
        let mut default_idx = None;
        for (ci, c) in cases.iter().enumerate() {
            let mut js = Vec::new();
            match &c.exprs {
                None => {
                    if default_idx.is_some() {
                        self.error(c.span, "multiple defaults in switch");
                    }
                    default_idx = Some(ci);
                }
                Some(es) => {
                    for e in es {
                        let prev = self.set_span(e.span);
                        match tag_ty {
                            Some(tt) => {
                                self.emit(Op::Load(tag_slot));
                                let o = self.expr(e);
                                if self.types.is_interface(tt)
                                    && !matches!(o.mode, Mode::Const(ConstVal::Nil))
                                {
                                    let t = match o.mode {
                                        Mode::Const(_) => self.materialize(&o, None),
                                        _ => o.ty,
                                    };
                                    if !self.types.is_interface(t) {
                                        self.emit(Op::MakeIface(t));
                                    }
                                } else {
                                    let msg_o = o.clone();
                                    if !o.is_invalid()
                                        && !matches!(o.mode, Mode::Const(_))
                                        && o.ty != tt
                                        && !self.identical_or_assignable(o.ty, tt)
                                        && (!self.types.is_bool(tt) || o.ty != wk::UNTYPED_BOOL)
                                    {
                                        errorf!(self, e.span, "invalid case {} in switch on {} (mismatched types {} and {})", self.text(e.span), tag.map(|t| self.text(t.span)).unwrap_or_default(), self.types.name(o.ty), self.types.name(tt));
                                    } else {
                                        self.assign_to(msg_o, e, tt, "switch case");
                                    }
                                }
                                let k = match self.num_kind(tt) {
                                    NumKind::Float64 | NumKind::Float32 => self.num_kind(tt),
                                    _ => NumKind::Any,
                                };
                                self.emit(Op::Cmp(CmpOp::Eq, k));
                            }
                            None => self.condition(e, "switch case"),
                        }
                        js.push(self.emit(Op::JumpIfTrue(0)));
                        self.set_span(prev);
                    }
                }
            }
            body_jumps.push(js);
        }
        let to_default = self.emit(Op::Jump(0));
        self.push_loop(label, false);
        let mut end_jumps = Vec::new();
        let mut fall_from: Option<usize> = None;
        let mut body_starts = Vec::new();
        for (ci, c) in cases.iter().enumerate() {
            let start = self.here();
            body_starts.push(start);
            if let Some(f) = fall_from.take() {
                self.patch(f, start);
            }
            for j in &body_jumps[ci] {
                self.patch(*j, start);
            }
            self.push_scope();
            let (body, falls) = match c.body.last() {
                Some(Stmt {
                    kind: StmtKind::Fallthrough,
                    span,
                }) => {
                    if ci + 1 == cases.len() {
                        self.error(*span, "cannot fallthrough final case in switch");
                    }
                    (&c.body[..c.body.len() - 1], true)
                }
                _ => (&c.body[..], false),
            };
            self.block_stmts(body);
            self.pop_scope();
            if falls {
                fall_from = Some(self.emit(Op::Jump(0)));
            } else {
                end_jumps.push(self.emit(Op::Jump(0)));
            }
        }
        let end = self.here();
        if let Some(f) = fall_from {
            self.patch(f, end);
        }
        match default_idx {
            Some(d) => self.patch(to_default, body_starts[d]),
            None => self.patch(to_default, end),
        }
        for j in end_jumps {
            self.patch(j, end);
        }
        self.pop_loop(end, end);
        self.pop_scope();
    }

    fn type_switch(
        &mut self,
        init: Option<&Stmt>,
        bind: Option<&crate::syntax::ast::Ident>,
        subject: &Expr,
        cases: &[crate::syntax::ast::TypeCaseClause],
        label: Option<&str>,
    ) {
        self.push_scope();
        if let Some(i) = init {
            self.stmt(i);
        }
        let x = match &strip_parens(subject).kind {
            ExprKind::TypeAssert(x, None) => x,
            _ => subject,
        };
        let o = self.value(x);
        if o.is_invalid() {
            self.pop_scope();
            return;
        }
        if !self.types.is_interface(o.ty) {
            errorf!(self, x.span, "{} is not an interface", self.describe(&o, x));
            self.pop_scope();
            return;
        }
        let slot = self.new_slot();
        self.emit(Op::Store(slot));
        let mut clause_types: Vec<Option<Vec<Option<TypeId>>>> = Vec::new();
        let mut body_jumps = Vec::new();
        let mut default_idx = None;
        for (ci, c) in cases.iter().enumerate() {
            let mut js = Vec::new();
            match &c.types {
                None => {
                    default_idx = Some(ci);
                    clause_types.push(None);
                }
                Some(ts) => {
                    let mut tys = Vec::new();
                    for t in ts {
                        if let ExprKind::Ident(id) = &t.kind {
                            if id.name == "nil" && matches!(self.lookup(&id.name), Some(Sym::Nil)) {
                                self.emit(Op::Load(slot));
                                self.emit(Op::Push(Value::Nil));
                                self.emit(Op::Cmp(CmpOp::Eq, NumKind::Any));
                                js.push(self.emit(Op::JumpIfTrue(0)));
                                tys.push(None);
                                continue;
                            }
                        }
                        let ty = self.resolve_type(t);
                        if ty != wk::INVALID && !self.types.is_interface(ty) {
                            if let Some(m) = self.missing_method(ty, o.ty) {
                                errorf!(self, t.span, "impossible type switch case: {} cannot have dynamic type {} (missing method {})", self.describe(&o, x), self.types.name(ty), m);
                            }
                        }
                        self.emit(Op::Load(slot));
                        self.emit(Op::TypeIs(ty));
                        js.push(self.emit(Op::JumpIfTrue(0)));
                        tys.push(Some(ty));
                    }
                    clause_types.push(Some(tys));
                }
            }
            body_jumps.push(js);
        }
        let to_default = self.emit(Op::Jump(0));
        self.push_loop(label, false);
        let mut end_jumps = Vec::new();
        let mut starts = Vec::new();
        let mut bind_used = false;
        let mut bind_span = None;
        for (ci, c) in cases.iter().enumerate() {
            let start = self.here();
            starts.push(start);
            for j in &body_jumps[ci] {
                self.patch(*j, start);
            }
            self.push_scope();
            if let Some(b) = bind {
                bind_span = Some(b.span);
                let single = match &clause_types[ci] {
                    Some(ts) if ts.len() == 1 => ts[0],
                    _ => None,
                };
                self.emit(Op::Load(slot));
                let ty = match single {
                    Some(t) if self.types.is_interface(t) => {
                        self.emit(Op::TypeAssert {
                            ty: t,
                            from: o.ty,
                            comma_ok: false,
                        });
                        t
                    }
                    Some(t) => {
                        self.emit(Op::IfaceValue);
                        t
                    }
                    None => o.ty,
                };
                let (s, boxed) = self.declare_local(&b.name, ty, b.span);
                self.init_local(s, boxed);
            }
            self.block_stmts(&c.body);
            if let Some(b) = bind {
                if self.peek_used(&b.name) == Some(true) {
                    bind_used = true;
                }
                self.mark_used_name(&b.name);
            }
            self.pop_scope();
            end_jumps.push(self.emit(Op::Jump(0)));
        }
        if let (Some(b), false) = (bind, bind_used) {
            errorf!(
                self,
                bind_span.unwrap_or(b.span),
                "declared and not used: {}",
                b.name
            );
        }
        let end = self.here();
        match default_idx {
            Some(d) => self.patch(to_default, starts[d]),
            None => self.patch(to_default, end),
        }
        for j in end_jumps {
            self.patch(j, end);
        }
        self.pop_loop(end, end);
        self.pop_scope();
    }

    fn select_stmt(&mut self, cases: &[crate::syntax::ast::CommClause], label: Option<&str>) {
        let mut descs = Vec::new();
        let mut has_default = false;
        // Evaluate operands in source order.
        for c in cases {
            let Some(comm) = &c.comm else {
                if has_default {
                    self.error(c.span, "multiple defaults in select");
                }
                has_default = true;
                descs.push(None);
                continue;
            };
            let prev = self.set_span(comm.span);
            match &comm.kind {
                StmtKind::Send { chan, value } => {
                    let ch = self.value(chan);
                    match self.types.ukind(ch.ty).clone() {
                        TypeKind::Chan(_, elem) => {
                            let v = self.expr(value);
                            self.assign_to(v, value, elem, "send");
                            descs.push(Some((SelectDir::Send, elem)));
                        }
                        _ => {
                            if !ch.is_invalid() {
                                errorf!(
                                    self,
                                    chan.span,
                                    "invalid operation: cannot send to non-channel {}",
                                    self.describe(&ch, chan)
                                );
                            }
                            self.emit(Op::Push(Value::Nil));
                            descs.push(Some((SelectDir::Send, wk::INVALID)));
                        }
                    }
                }
                _ => {
                    let recv = select_recv_expr(comm);
                    match recv {
                        Some(ch_expr) => {
                            let ch = self.value(ch_expr);
                            match self.types.ukind(ch.ty).clone() {
                                TypeKind::Chan(_, elem) => {
                                    descs.push(Some((SelectDir::Recv, elem)))
                                }
                                _ => {
                                    if !ch.is_invalid() {
                                        errorf!(
                                            self,
                                            ch_expr.span,
                                            "invalid operation: cannot receive from non-channel {}",
                                            self.describe(&ch, ch_expr)
                                        );
                                    }
                                    descs.push(Some((SelectDir::Recv, wk::INVALID)));
                                }
                            }
                        }
                        None => {
                            self.error(
                                comm.span,
                                "select case must be receive, send or assign recv",
                            );
                            descs.push(None);
                        }
                    }
                }
            }
            self.set_span(prev);
        }
        let op_cases: Vec<(SelectDir, TypeId)> = descs.iter().flatten().copied().collect();
        let ncases = op_cases.len();
        self.emit(Op::Select {
            cases: op_cases,
            has_default,
        });
        let s_ok = self.new_slot();
        let s_val = self.new_slot();
        let s_idx = self.new_slot();
        self.emit(Op::Store(s_ok));
        self.emit(Op::Store(s_val));
        self.emit(Op::Store(s_idx));
        self.push_loop(label, false);
        let mut end_jumps = Vec::new();
        let mut case_no = 0usize;
        for (ci, c) in cases.iter().enumerate() {
            let this = match &descs[ci] {
                Some(_) => {
                    let n = case_no;
                    case_no += 1;
                    n
                }
                None => ncases,
            };
            self.emit(Op::Load(s_idx));
            self.emit(Op::Push(Value::Int(this as i64)));
            self.emit(Op::Cmp(CmpOp::Eq, NumKind::Any));
            let jnext = self.emit(Op::JumpIfFalse(0));
            self.push_scope();
            if let (Some(comm), Some((SelectDir::Recv, elem))) = (&c.comm, descs[ci]) {
                let prev = self.set_span(comm.span);
                if let StmtKind::Assign { lhs, op, .. } = &comm.kind {
                    let srcs = [(s_val, elem), (s_ok, wk::BOOL)];
                    match op {
                        AssignOp::Define => {
                            for (i, l) in lhs.iter().enumerate().take(2) {
                                if let ExprKind::Ident(id) = &l.kind {
                                    if id.name == "_" {
                                        continue;
                                    }
                                    self.emit(Op::Load(srcs[i].0));
                                    let (s, boxed) =
                                        self.declare_local(&id.name, srcs[i].1, id.span);
                                    self.init_local(s, boxed);
                                }
                            }
                        }
                        _ => {
                            for (i, l) in lhs.iter().enumerate().take(2) {
                                let Some((place, ty)) = self.place(l) else {
                                    continue;
                                };
                                self.emit(Op::Load(srcs[i].0));
                                if !matches!(place, Place::Blank) {
                                    self.assign_to(
                                        Operand::value(srcs[i].1, l.span),
                                        l,
                                        ty,
                                        "assignment",
                                    );
                                }
                                self.store(&place);
                            }
                        }
                    }
                }
                self.set_span(prev);
            }
            self.block_stmts(&c.body);
            self.pop_scope();
            end_jumps.push(self.emit(Op::Jump(0)));
            let next = self.here();
            self.patch(jnext, next);
        }
        let end = self.here();
        for j in end_jumps {
            self.patch(j, end);
        }
        self.pop_loop(end, end);
    }
}

fn fix_once(p: Place) -> Place {
    // After a once-only declaration, later iterations assign through the cell.
    match p {
        Place::Boxed(s) if s > u32::MAX / 2 => Place::Boxed(u32::MAX - s),
        other => other,
    }
}

/// The channel operand of a select receive case.
fn select_recv_expr(comm: &Stmt) -> Option<&Expr> {
    let e = match &comm.kind {
        StmtKind::Expr(e) => e,
        StmtKind::Assign { rhs, .. } if rhs.len() == 1 => &rhs[0],
        _ => return None,
    };
    match &strip_parens(e).kind {
        ExprKind::Unary(UnaryOp::Recv, ch) => Some(ch),
        _ => None,
    }
}

/// Whether a statement list ends in a terminating statement (Go spec
/// "Terminating statements"), for "missing return".
pub fn terminates_block(stmts: &[Stmt]) -> bool {
    stmts
        .iter()
        .rev()
        .find(|s| !matches!(s.kind, StmtKind::Empty))
        .is_some_and(terminates)
}

fn terminates(s: &Stmt) -> bool {
    match &s.kind {
        StmtKind::Return(_) => true,
        StmtKind::Expr(e) => {
            if let ExprKind::Call { func, .. } = &strip_parens(e).kind {
                if let ExprKind::Ident(id) = &func.kind {
                    return id.name == "panic";
                }
                if let ExprKind::Selector(x, sel) = &func.kind {
                    if let ExprKind::Ident(p) = &x.kind {
                        return p.name == "os" && sel.name == "Exit";
                    }
                }
            }
            false
        }
        StmtKind::Block(b) => terminates_block(&b.stmts),
        StmtKind::If {
            then, els: Some(e), ..
        } => terminates_block(&then.stmts) && terminates(e),
        StmtKind::For {
            cond: None, body, ..
        } => !has_break(&body.stmts, None, true),
        StmtKind::Labeled { label, stmt } => match &stmt.kind {
            StmtKind::For {
                cond: None, body, ..
            } => !has_break(&body.stmts, Some(&label.name), true),
            _ => terminates(stmt),
        },
        StmtKind::Switch { cases, .. } => {
            cases.iter().any(|c| c.exprs.is_none())
                && cases.iter().all(|c| {
                    (terminates_block(&c.body)
                        || matches!(c.body.last().map(|s| &s.kind), Some(StmtKind::Fallthrough)))
                        && !has_break(&c.body, None, true)
                })
        }
        StmtKind::TypeSwitch { cases, .. } => {
            cases.iter().any(|c| c.types.is_none())
                && cases
                    .iter()
                    .all(|c| terminates_block(&c.body) && !has_break(&c.body, None, true))
        }
        StmtKind::Select { cases } => cases
            .iter()
            .all(|c| terminates_block(&c.body) && !has_break(&c.body, None, true)),
        StmtKind::Go(_) | StmtKind::Defer(_) => false,
        _ => false,
    }
}

/// Whether a break targeting the enclosing statement occurs in `stmts`.
fn has_break(stmts: &[Stmt], label: Option<&str>, top: bool) -> bool {
    stmts.iter().any(|s| match &s.kind {
        StmtKind::Break(None) => top,
        StmtKind::Break(Some(l)) => Some(l.name.as_str()) == label,
        StmtKind::Block(b) => has_break(&b.stmts, label, top),
        StmtKind::If { then, els, .. } => {
            has_break(&then.stmts, label, top)
                || els
                    .as_ref()
                    .is_some_and(|e| has_break(std::slice::from_ref(e), label, top))
        }
        StmtKind::Labeled { stmt, .. } => has_break(std::slice::from_ref(stmt), label, top),
        StmtKind::For { body, .. } | StmtKind::Range { body, .. } => {
            has_break(&body.stmts, label, false)
        }
        StmtKind::Switch { cases, .. } => cases.iter().any(|c| has_break(&c.body, label, false)),
        StmtKind::TypeSwitch { cases, .. } => {
            cases.iter().any(|c| has_break(&c.body, label, false))
        }
        StmtKind::Select { cases } => cases.iter().any(|c| has_break(&c.body, label, false)),
        _ => false,
    })
}
