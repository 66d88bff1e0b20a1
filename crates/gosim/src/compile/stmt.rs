//! Statements: go/types' stmt.go. The statement dispatch, blocks and
//! scopes, expression statements, `if`, `go`, `defer`, `return`, and Go's
//! "terminating statement" rule behind "missing return" (return.go).
//!
//! Hands assignments and declarations to assignments.rs, loops and
//! `break`/`continue` to loops.rs, and `switch`/`select` to switch.rs.

use crate::compile::expr::strip_parens;
use crate::compile::{Compiler, Mode, Sym};
use crate::syntax::ast::{AssignOp, BinaryOp, Block, Expr, ExprKind, Lit, Stmt, StmtKind, UnaryOp};
use crate::syntax::span::Span;
use crate::types::TypeKind;
use crate::types::{well_known as wk, TypeId};
use crate::vm::op::Op;
use crate::vm::value::Value;

impl<'a> Compiler<'a> {
    pub(super) fn block_stmts(&mut self, stmts: &[Stmt]) {
        for s in stmts {
            self.stmt(s);
        }
    }

    pub(super) fn block(&mut self, b: &Block) {
        self.push_scope();
        self.block_stmts(&b.stmts);
        self.pop_scope();
    }

    pub(super) fn stmt(&mut self, s: &Stmt) {
        let prev = self.set_span(s.span);
        if !self.library_mode
            && !matches!(
                s.kind,
                StmtKind::Block(_) | StmtKind::Labeled { .. } | StmtKind::Empty
            )
        {
            self.emit(Op::Stmt);
        }
        // A statement inside a function literal starts its own order.
        let outer = std::mem::take(&mut self.hoisted);
        self.order_stmt(s);
        self.stmt_inner(s, None);
        self.hoisted = outer;
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
                if let Some(elem) = self.chan_elem(&c, chan, s.span, false) {
                    let v = self.expr_for(value, elem);
                    self.assign_to(v, value, elem, "send");
                    self.emit(Op::Send);
                }
            }
            StmtKind::IncDec { target, inc } => {
                let one = Expr {
                    kind: ExprKind::Lit(Lit::Int(1)),
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
                if self.range_body_defer(e) {
                    return;
                }
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
            StmtKind::Goto(l) => self.goto_stmt(l),
            StmtKind::Labeled { label: l, stmt } => {
                self.define_label(&l.name);
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
                            self.tn(self.types.default_type(o.ty))
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
    pub(super) fn condition(&mut self, cond: &Expr, what: &str) {
        let outer = std::mem::take(&mut self.hoisted);
        self.order_exprs(&[cond]);
        let o = self.expr(cond);
        self.hoisted = outer;
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
                self.single_value(o, cond);
            }
        }
    }

    // ---- assignment ----

    fn return_stmt(&mut self, es: &[Expr], span: Span) {
        if self.range_body_return(es, span) {
            return;
        }
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
                        .map(|t| self.tn(*t))
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
                    .map(|t| self.tn(*t))
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
                        .map(|t| self.tn(*t))
                        .collect::<Vec<_>>()
                        .join(", ")
                );
                return;
            }
        }
        if es.len() == 1 && results.len() == 1 {
            let o = match self.generic_value(&es[0], results[0], None) {
                Some(o) => o,
                None => self.expr_for(&es[0], results[0]),
            };
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
}

/// Whether a statement list ends in a terminating statement (Go spec
/// "Terminating statements"), for "missing return".
pub(super) fn terminates_block(stmts: &[Stmt]) -> bool {
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
