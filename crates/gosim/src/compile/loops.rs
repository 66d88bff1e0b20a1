//! Loops and the loop stack: `for` statements (go/types stmt.go's
//! `ForStmt` case), `for range` (range.go's `rangeStmt`), and the targets
//! `break` and `continue` jump to (what labels.go checks).
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
            if let Some(l) = label {
                if self.range_body_branch(&l.name, is_break) {
                    return;
                }
            }
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

    /// `for k, v := range x` and `for k, v = range x`. Go evaluates `x`
    /// once, before the loop; a map is walked over a snapshot of its keys,
    /// skipping entries deleted since.
    ///
    /// With `:=`, the iteration variables follow the loop-variable rule in
    /// this file's doc: under Go 1.22 they are declared in the body's scope,
    /// so each iteration stores into a fresh variable (a fresh cell, if
    /// boxed); under Go 1.21 they are declared once before the loop and each
    /// iteration stores into the same one.
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
        if self.ranges_over_func(subject) {
            self.range_func(key, value, define, subject, body, label, span);
            return;
        }
        self.push_scope();
        let Some((so, kind)) = self.range_subject(subject) else {
            self.pop_scope();
            self.range_body_after_error(key, value, define, body, label);
            return;
        };
        let (kt, vt) = kind.var_types();
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
        let slots = self.range_prologue(kind);
        let vars = [(key, Some(kt)), (value, vt)];
        // Go 1.21: the variables exist once, before the first iteration.
        let once_vars = if define && !self.loopvar_per_iteration {
            let declared = self.declare_range_vars(vars);
            for (place, t) in declared.iter().flatten() {
                if matches!(place, Place::Boxed { .. }) {
                    self.emit(Op::Zero(*t));
                    self.store(place);
                }
            }
            Some(
                declared
                    .into_iter()
                    .map(|v| v.map(|(p, t)| (declared_once(p), t)))
                    .collect::<Vec<_>>(),
            )
        } else {
            None
        };
        let top = self.here();
        let exits = self.range_next(kind, slots);
        self.push_scope();
        if define {
            let declared = match once_vars {
                Some(v) => v,
                None => self.declare_range_vars(vars),
            };
            for (i, v) in declared.iter().enumerate() {
                let Some((place, _)) = v else { continue };
                self.push_range_key_value(kind, slots, i == 0, i == 1);
                self.store(place);
            }
            // Range variables count as used only if the body uses them; Go
            // reports unused ones like any other variable.
        } else {
            for (i, e) in [key, value].into_iter().enumerate() {
                let Some(e) = e else { continue };
                let Some((place, ty)) = self.place(e) else {
                    continue;
                };
                self.push_range_key_value(kind, slots, i == 0, i == 1);
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
        self.range_advance(kind, slots);
        self.emit(Op::Jump(top as u32));
        if let Some(j) = exits.deleted {
            // Deleted key: pop the zero value and advance.
            let here = self.here();
            self.patch(j, here);
            self.emit(Op::Pop);
            self.emit(Op::Jump(cont as u32));
        }
        if let RangeKind::Chan(_) = kind {
            // Closed and drained: pop the zero value the receive left.
            let here = self.here();
            self.patch(exits.done, here);
            self.emit(Op::Pop);
        }
        let end = self.here();
        if !matches!(kind, RangeKind::Chan(_)) {
            self.patch(exits.done, end);
        }
        self.pop_loop(cont, end);
        self.pop_scope();
    }

    /// After an invalid range clause, the body is still checked (with the
    /// iteration variables invalid, so they cause no further errors), as
    /// go/types does; its code is never reached.
    pub(super) fn range_body_after_error(
        &mut self,
        key: Option<&Expr>,
        value: Option<&Expr>,
        define: bool,
        body: &Block,
        label: Option<&str>,
    ) {
        self.push_scope();
        let skip = self.emit(Op::Jump(0));
        if define {
            for e in [key, value].into_iter().flatten() {
                if let ExprKind::Ident(id) = &e.kind {
                    self.declare_local(&id.name, wk::INVALID, id.span);
                    self.mark_used(&id.name);
                }
            }
        }
        self.push_loop(label, true);
        self.block_stmts(&body.stmts);
        let end = self.here();
        self.pop_loop(end, end);
        self.patch(skip, end);
        self.pop_scope();
    }

    /// Compiles the range expression (once) and classifies it, reporting
    /// what Go cannot range over.
    fn range_subject(&mut self, subject: &Expr) -> Option<(Operand, RangeKind)> {
        let so = self.expr(subject);
        if so.is_invalid() {
            return None;
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
                let o = self.single_value(so, subject);
                let t = o.ty;
                (o, t)
            }
        };
        if so.is_invalid() {
            return None;
        }
        let kind = match self.types.ukind(sty).clone() {
            TypeKind::Slice(e) => RangeKind::Slice(e),
            TypeKind::Array(n, e) => RangeKind::Array(n as u32, e),
            TypeKind::Pointer(p) => match self.types.ukind(p).clone() {
                TypeKind::Array(n, e) => RangeKind::PtrArray(n as u32, e),
                _ => {
                    errorf!(
                        self,
                        subject.span,
                        "cannot range over {}",
                        self.describe(&so, subject)
                    );
                    return None;
                }
            },
            TypeKind::String => RangeKind::Str,
            TypeKind::Map(k, v) => RangeKind::Map(k, v),
            TypeKind::Chan(dir, e) => {
                if dir == ChanDir::Send {
                    errorf!(
                        self,
                        subject.span,
                        "cannot range over {}: receive from send-only channel {}",
                        self.describe(&so, subject),
                        self.tn(sty)
                    );
                }
                RangeKind::Chan(e)
            }
            TypeKind::Int(_) => RangeKind::Int(sty),
            TypeKind::Func(_) => {
                self.error(
                    subject.span,
                    "range over function iterators is not supported by gosim",
                );
                return None;
            }
            TypeKind::TypeParam(_) => {
                let why = match self.tparam_set(sty).and_then(|s| s.terms) {
                    None => "no specific type".to_string(),
                    Some(terms) => {
                        let us: Vec<TypeId> =
                            terms.iter().map(|t| self.types.underlying(t.ty)).collect();
                        let other = us.iter().find(|u| **u != us[0]).copied().unwrap_or(us[0]);
                        format!(
                            "{} and {} have different underlying types",
                            self.tn(us[0]),
                            self.tn(other)
                        )
                    }
                };
                errorf!(
                    self,
                    subject.span,
                    "cannot range over {}: {}",
                    self.describe(&so, subject),
                    why
                );
                return None;
            }
            _ => {
                errorf!(
                    self,
                    subject.span,
                    "cannot range over {}",
                    self.describe(&so, subject)
                );
                return None;
            }
        };
        Some((so, kind))
    }

    /// With the range value on the stack, allocates the loop's hidden
    /// locals and initializes them: the subject, the count, the map's key
    /// snapshot, and the index at 0.
    fn range_prologue(&mut self, kind: RangeKind) -> RangeSlots {
        let subject = self.new_slot();
        self.emit(Op::Store(subject));
        let slots = RangeSlots {
            subject,
            idx: self.new_slot(),
            limit: self.new_slot(),
            keys: self.new_slot(),
            cur_val: self.new_slot(),
        };
        match kind {
            RangeKind::Map(..) => {
                self.emit(Op::Load(slots.subject));
                self.emit(Op::MapKeys);
                self.emit(Op::Store(slots.keys));
                self.emit(Op::Load(slots.keys));
                self.emit(Op::Len);
                self.emit(Op::Store(slots.limit));
            }
            RangeKind::Int(_) => {
                self.emit(Op::Load(slots.subject));
                self.emit(Op::Store(slots.limit));
            }
            RangeKind::Chan(_) => {}
            RangeKind::Array(n, _) | RangeKind::PtrArray(n, _) => {
                self.emit(Op::Push(Value::Int(n as i64)));
                self.emit(Op::Store(slots.limit));
            }
            RangeKind::Slice(_) | RangeKind::Str => {
                self.emit(Op::Load(slots.subject));
                self.emit(Op::Len);
                self.emit(Op::Store(slots.limit));
            }
        }
        self.emit(Op::Push(Value::Int(0)));
        self.emit(Op::Store(slots.idx));
        slots
    }

    /// Declares the iteration variables of `for k, v := range`, each with
    /// its type; `None` for a missing variable or a non-name (reported).
    fn declare_range_vars(
        &mut self,
        vars: [(Option<&Expr>, Option<TypeId>); 2],
    ) -> Vec<Option<(Place, TypeId)>> {
        let mut out = Vec::new();
        for (e, t) in vars {
            let Some(e) = e else {
                out.push(None);
                continue;
            };
            let t = t.unwrap_or(wk::INVALID);
            match &e.kind {
                ExprKind::Ident(id) if id.name == "_" => out.push(Some((Place::Blank, t))),
                ExprKind::Ident(id) => {
                    let (slot, boxed) = self.declare_local(&id.name, t, id.span);
                    out.push(Some((
                        if boxed {
                            Place::Boxed { slot, fresh: true }
                        } else {
                            Place::Local(slot)
                        },
                        t,
                    )));
                }
                _ => {
                    errorf!(
                        self,
                        e.span,
                        "non-name {} on left side of :=",
                        self.text(e.span)
                    );
                    out.push(None);
                }
            }
        }
        out
    }

    /// The loop header: tests for the end and loads the next element (a
    /// channel receive, a string's next rune, a map's next live entry).
    fn range_next(&mut self, kind: RangeKind, slots: RangeSlots) -> RangeExits {
        let done = match kind {
            RangeKind::Chan(_) => {
                self.emit(Op::Load(slots.subject));
                self.emit(Op::Recv { comma_ok: true });
                let j = self.emit(Op::JumpIfFalse(0));
                self.emit(Op::Store(slots.cur_val));
                j
            }
            _ => {
                self.emit(Op::Load(slots.idx));
                self.emit(Op::Load(slots.limit));
                self.emit(Op::Cmp(CmpOp::Lt, NumKind::Int(IntKind::Int)));
                self.emit(Op::JumpIfFalse(0))
            }
        };
        let mut deleted = None;
        match kind {
            RangeKind::Str => {
                // cur_val = rune at idx; the next rune's offset goes to `keys`.
                self.emit(Op::Load(slots.subject));
                self.emit(Op::Load(slots.idx));
                self.emit(Op::StrNextRune);
                self.emit(Op::Store(slots.cur_val));
                self.emit(Op::Store(slots.keys));
            }
            RangeKind::Map(_, v) => {
                self.emit(Op::Load(slots.subject));
                self.emit(Op::Load(slots.keys));
                self.emit(Op::Load(slots.idx));
                self.emit(Op::IndexSlice);
                self.emit(Op::IndexMap {
                    elem: v,
                    comma_ok: true,
                });
                // Entries deleted during iteration are skipped.
                deleted = Some(self.emit(Op::JumpIfFalse(0)));
                self.emit(Op::Store(slots.cur_val));
            }
            _ => {}
        }
        RangeExits { done, deleted }
    }

    /// Pushes the current key and/or value.
    fn push_range_key_value(
        &mut self,
        kind: RangeKind,
        slots: RangeSlots,
        want_key: bool,
        want_val: bool,
    ) {
        let RangeSlots {
            subject,
            idx,
            keys,
            cur_val,
            ..
        } = slots;
        match kind {
            RangeKind::Slice(_) => {
                if want_key {
                    self.emit(Op::Load(idx));
                }
                if want_val {
                    self.emit(Op::Load(subject));
                    self.emit(Op::Load(idx));
                    self.emit(Op::IndexSlice);
                }
            }
            RangeKind::Array(n, _) => {
                if want_key {
                    self.emit(Op::Load(idx));
                }
                if want_val {
                    self.emit(Op::Load(subject));
                    self.emit(Op::Load(idx));
                    self.emit(Op::IndexArray(n));
                }
            }
            RangeKind::PtrArray(n, _) => {
                if want_key {
                    self.emit(Op::Load(idx));
                }
                if want_val {
                    self.emit(Op::Load(subject));
                    self.emit(Op::Deref);
                    self.emit(Op::Load(idx));
                    self.emit(Op::IndexArray(n));
                }
            }
            RangeKind::Str => {
                if want_key {
                    self.emit(Op::Load(idx));
                }
                if want_val {
                    self.emit(Op::Load(cur_val));
                }
            }
            RangeKind::Map(..) => {
                if want_key {
                    self.emit(Op::Load(keys));
                    self.emit(Op::Load(idx));
                    self.emit(Op::IndexSlice);
                }
                if want_val {
                    self.emit(Op::Load(cur_val));
                }
            }
            RangeKind::Chan(_) => {
                if want_key {
                    self.emit(Op::Load(cur_val));
                }
            }
            RangeKind::Int(_) => {
                if want_key {
                    self.emit(Op::Load(idx));
                }
            }
        }
    }

    /// Moves to the next element (where `continue` jumps).
    fn range_advance(&mut self, kind: RangeKind, slots: RangeSlots) {
        match kind {
            RangeKind::Chan(_) => {}
            RangeKind::Str => {
                self.emit(Op::Load(slots.keys));
                self.emit(Op::Store(slots.idx));
            }
            _ => {
                self.emit(Op::Load(slots.idx));
                self.emit(Op::Push(Value::Int(1)));
                self.emit(Op::Arith(ArithOp::Add, NumKind::Int(IntKind::Int)));
                self.emit(Op::Store(slots.idx));
            }
        }
    }
}

/// What a `for range` statement ranges over.
#[derive(Clone, Copy)]
enum RangeKind {
    Slice(TypeId),
    Array(u32, TypeId),
    PtrArray(u32, TypeId),
    Str,
    Map(TypeId, TypeId),
    Chan(TypeId),
    Int(TypeId),
}

impl RangeKind {
    /// The types of the first and second iteration variables; channels
    /// and integers have no second.
    fn var_types(self) -> (TypeId, Option<TypeId>) {
        match self {
            RangeKind::Slice(e) | RangeKind::Array(_, e) | RangeKind::PtrArray(_, e) => {
                (wk::INT, Some(e))
            }
            RangeKind::Str => (wk::INT, Some(wk::INT32)),
            RangeKind::Map(k, v) => (k, Some(v)),
            RangeKind::Chan(e) => (e, None),
            RangeKind::Int(t) => (t, None),
        }
    }
}

/// The hidden locals of one range loop.
#[derive(Clone, Copy)]
struct RangeSlots {
    /// The range value, evaluated once.
    subject: u32,
    /// The position: an index, a byte offset in a string, or a position in
    /// the map's key snapshot.
    idx: u32,
    /// Where `idx` stops: the length, the array size or the integer.
    limit: u32,
    /// The map's key snapshot; for a string, the offset of the next rune.
    keys: u32,
    /// The current rune, map value or received element.
    cur_val: u32,
}

/// The jumps out of a range loop's header, patched once the end is known.
struct RangeExits {
    /// The loop is over (for a channel: closed and drained, with the
    /// receive's zero value still on the stack).
    done: usize,
    /// A map entry was deleted since the snapshot: skip to the next key.
    deleted: Option<usize>,
}

/// A break/continue target.
pub(super) struct LoopCtx {
    label: Option<String>,
    breaks: Vec<usize>,
    continues: Vec<usize>,
    /// `break` inside a select or switch exits it but `continue` does not.
    is_loop: bool,
}

impl LoopCtx {
    pub(super) fn label(&self) -> Option<&str> {
        self.label.as_deref()
    }
    pub(super) fn is_loop(&self) -> bool {
        self.is_loop
    }
}

/// A Go 1.21 range variable after its one declaration: every iteration
/// stores into the cell the declaration created.
fn declared_once(p: Place) -> Place {
    match p {
        Place::Boxed { slot, .. } => Place::Boxed { slot, fresh: false },
        other => other,
    }
}
