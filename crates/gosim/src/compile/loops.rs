//! Loops and the loop stack: `for` and `for range` statements (go/types
//! stmt.go's `ForStmt` and `RangeStmt` cases, rangeStmt in range.go), and
//! the targets `break` and `continue` jump to.
//!
//! Owns the loop-variable rule that changed in Go 1.22, one of the pitfalls
//! this playground teaches:
//!
//! - Go 1.21 and earlier: a loop declares its variables once, per loop.
//!   Every iteration assigns to the same variable, so a closure or
//!   goroutine that captures `i` sees whatever `i` holds when it runs,
//!   usually the last value.
//! - Go 1.22 and later: each iteration has its own copy of the variables
//!   (`loopvar_per_iteration`). In a three-clause `for`, the copy is made
//!   before the post statement, so `i++` increments the next iteration's
//!   variable and a captured `i` keeps its own iteration's value.
//!
//! Only variables that escape (boxed: captured, or with their address
//! taken, see boxing.rs) can tell the difference; they live in heap cells,
//! so "a fresh variable" means "a fresh cell" (`BoxInto`). Unboxed loop
//! variables compile the same under both rules. Must not decide what a
//! statement inside the body means: that is stmt.rs.

use crate::compile::assignments::Place;
use crate::compile::consts::ConstVal;
use crate::compile::{Compiler, Mode, Operand, Sym};
use crate::syntax::ast::{Block, Expr, ExprKind, Ident, Stmt};
use crate::syntax::span::Span;
use crate::types::{well_known as wk, ChanDir, IntKind, TypeId, TypeKind};
use crate::vm::op::{ArithOp, CmpOp, NumKind, Op};
use crate::vm::value::Value;

impl<'a> Compiler<'a> {
    pub(super) fn push_loop(&mut self, label: Option<&str>, is_loop: bool) {
        self.fnc().loops.push(LoopCtx {
            label: label.map(|s| s.to_string()),
            breaks: Vec::new(),
            continues: Vec::new(),
            is_loop,
        });
    }

    pub(super) fn pop_loop(&mut self, continue_target: usize, break_target: usize) {
        let l = self.fnc().loops.pop().expect("pushed by the loop");
        for j in l.breaks {
            self.patch(j, break_target);
        }
        for j in l.continues {
            self.patch(j, continue_target);
        }
    }

    pub(super) fn branch(&mut self, label: Option<&Ident>, is_break: bool, span: Span) {
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

    pub(super) fn for_stmt(
        &mut self,
        init: Option<&Stmt>,
        cond: Option<&Expr>,
        post: Option<&Stmt>,
        body: &Block,
        label: Option<&str>,
    ) {
        self.push_scope();
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
    pub(super) fn range_stmt(
        &mut self,
        key: Option<&Expr>,
        value: Option<&Expr>,
        define: bool,
        subject: &Expr,
        body: &Block,
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
            Kind::Int(_) => {
                self.emit(Op::Load(subj));
                self.emit(Op::Store(limit));
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
                self.emit(Op::Cmp(CmpOp::Lt, NumKind::Int(IntKind::Int)));
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
                self.emit(Op::Arith(ArithOp::Add, NumKind::Int(IntKind::Int)));
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
}

/// A break/continue target.
pub(super) struct LoopCtx {
    label: Option<String>,
    breaks: Vec<usize>,
    continues: Vec<usize>,
    /// `break` inside a select or switch exits it but `continue` does not.
    is_loop: bool,
}

fn fix_once(p: Place) -> Place {
    // After a once-only declaration, later iterations assign through the cell.
    match p {
        Place::Boxed(s) if s > u32::MAX / 2 => Place::Boxed(u32::MAX - s),
        other => other,
    }
}
