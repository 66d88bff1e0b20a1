//! Switch and select statements: go/types stmt.go's `SwitchStmt`,
//! `TypeSwitchStmt` and `SelectStmt` cases.
//!
//! Owns case matching (expression cases compared with `==`, type cases
//! tested with `TypeIs`), `default` and `fallthrough`, the type switch's
//! bound variable per clause, and lowering `select` to one `Select`
//! instruction followed by a jump table on the chosen case. Which case a
//! ready `select` takes is the runtime's choice, not this file's.

use crate::compile::assignments::Place;
use crate::compile::consts::ConstVal;
use crate::compile::expr::strip_parens;
use crate::compile::{Compiler, Mode, Operand, Sym};
use crate::syntax::ast::{
    AssignOp, CaseClause, CommClause, Expr, ExprKind, Ident, Stmt, StmtKind, TypeCaseClause,
    UnaryOp,
};
use crate::types::{well_known as wk, TypeId};
use crate::vm::op::{CmpOp, NumKind, Op, SelectDir};
use crate::vm::value::Value;

impl<'a> Compiler<'a> {
    pub(super) fn switch_stmt(
        &mut self,
        init: Option<&Stmt>,
        tag: Option<&Expr>,
        cases: &[CaseClause],
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
                    _ => self.single_value(o, t),
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
                                        errorf!(self, e.span, "invalid case {} in switch on {} (mismatched types {} and {})", self.text(e.span), tag.map(|t| self.text(t.span)).unwrap_or_default(), self.tn(o.ty), self.tn(tt));
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

    pub(super) fn type_switch(
        &mut self,
        init: Option<&Stmt>,
        bind: Option<&Ident>,
        subject: &Expr,
        cases: &[TypeCaseClause],
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
        if self.types.is_type_param(o.ty) {
            errorf!(
                self,
                x.span,
                "cannot use type switch on type parameter value {}",
                self.describe(&o, x)
            );
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
                                errorf!(self, t.span, "impossible type switch case: {} cannot have dynamic type {} (missing method {})", self.describe(&o, x), self.tn(ty), m);
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
                self.mark_used(&b.name);
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

    pub(super) fn select_stmt(&mut self, cases: &[CommClause], label: Option<&str>) {
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
                    let elem = if ch.is_invalid() {
                        None
                    } else {
                        self.chan_elem(&ch, chan, comm.span, false)
                    };
                    match elem {
                        Some(elem) => {
                            let v = self.expr(value);
                            self.assign_to(v, value, elem, "send");
                            descs.push(Some((SelectDir::Send, elem)));
                        }
                        None => {
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
                            let elem = if ch.is_invalid() {
                                None
                            } else {
                                self.chan_elem(&ch, ch_expr, ch_expr.span, true)
                            };
                            descs.push(Some((SelectDir::Recv, elem.unwrap_or(wk::INVALID))));
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
