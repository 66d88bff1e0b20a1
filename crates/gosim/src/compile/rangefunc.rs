//! Range-over-func loops (Go 1.23): `for k, v := range seq`, where `seq`
//! is a `func(yield func(K, V) bool)` such as `iter.Seq2[K, V]`. Named
//! after cmd/compile's rangefunc/rewrite.go, whose rewrite this follows.
//!
//! The loop body becomes a closure, `yield`, that the iterator calls once
//! per element: the body's variables are its parameters (so they are per
//! iteration), and whatever the body uses from outside is captured (boxed,
//! through the usual retry in boxing.rs). Leaving the body any way but
//! falling off its end makes `yield` return false and records why in a
//! hidden variable of the function holding the loop (`#next`): `break`,
//! `return` (whose values wait in hidden variables), or `break`/`continue`
//! of an outer loop; after the iterator returns, that function acts on it.
//! A `defer` in the body is attached to that function's frame
//! (`Op::DeferAt`), as Go's `deferrangefunc` does.
//!
//! A second hidden variable (`#state`) is the loop's `abi.RF_*` state, so
//! an iterator that calls `yield` after it returned false, after a panic
//! in the body, or after the loop is over, panics with Go's runtime error
//! (`Op::RangePanic`). Must not decide what ordinary loops do: loops.rs.

use crate::compile::{Compiler, FnCtx, Operand, Sym, NO_FUNC};
use crate::syntax::ast::{Block, Expr, ExprKind};
use crate::syntax::span::Span;
use crate::types::{well_known as wk, TypeId, TypeKind};
use crate::vm::op::{CmpOp, FuncCode, NumKind, Op};
use crate::vm::value::Value;
use std::rc::Rc;

/// abi.RF_READY: the body may be called.
const READY: i64 = 0;
/// abi.RF_PANIC: the body is running (or panicked).
const PANIC: i64 = 1;
/// abi.RF_DONE: the body asked to stop.
const DONE: i64 = 2;
/// abi.RF_EXHAUSTED: the loop is over.
const EXHAUSTED: i64 = 3;
/// abi.RF_MISSING_PANIC: the iterator swallowed the body's panic.
const MISSING_PANIC: i64 = 4;

/// `#next` values: nothing to do, `break`, `return`; outer targets use
/// `OUTER + 2*i` (break) and `OUTER + 2*i + 1` (continue).
const NEXT_BREAK: i64 = 1;
const NEXT_RETURN: i64 = 2;
const OUTER: i64 = 3;

/// What the body closure of a range-over-func loop knows about its loop.
pub(super) struct RangeFuncCtx {
    /// The hidden variables, by name (names no Go program can write).
    next: String,
    state: String,
    /// The variables `return` stores its values in, and their types (the
    /// results of the function that holds the outermost such loop).
    rets: Vec<String>,
    ret_types: Vec<TypeId>,
    /// The frame `defer` attaches to.
    frame: String,
    /// Labels of the statements outside the body that `break L` or
    /// `continue L` may name, and whether each is a loop.
    outer: Vec<(String, bool)>,
    /// The body closure's result slot (its `bool`).
    result_slot: u32,
}

impl<'a> Compiler<'a> {
    /// Whether `subject` is a function (the loop is range-over-func).
    pub(super) fn ranges_over_func(&mut self, subject: &Expr) -> bool {
        match self.peek_type(subject) {
            Some(t) => matches!(self.types.ukind(t), TypeKind::Func(_)),
            None => false,
        }
    }

    /// `for k, v := range f { body }` with `f` a function.
    #[allow(clippy::too_many_arguments)]
    pub(super) fn range_func(
        &mut self,
        key: Option<&Expr>,
        value: Option<&Expr>,
        define: bool,
        subject: &Expr,
        body: &Block,
        label: Option<&str>,
        span: Span,
    ) {
        let so = self.value(subject);
        let yparams = if so.is_invalid() || !self.range_func_allowed(&so, subject) {
            None
        } else {
            self.yield_params(&so, subject)
        };
        let Some(yparams) = yparams else {
            self.emit(Op::Pop);
            self.range_body_after_error(key, value, define, body, label);
            return;
        };
        let nvars = value.map_or(key.map_or(0, |_| 1), |_| 2);
        if nvars > yparams.len() {
            let what = match yparams.len() {
                0 => "permits no iteration variables",
                _ => "permits only one iteration variable",
            };
            let at = if yparams.is_empty() { key } else { value };
            errorf!(
                self,
                at.map(|e| e.span).unwrap_or(span),
                "range over {} {}",
                self.describe(&so, subject),
                what
            );
            self.emit(Op::Pop);
            self.range_body_after_error(key, value, define, body, label);
            return;
        }
        self.push_scope();
        let f_slot = self.new_slot();
        self.emit(Op::Store(f_slot));
        let id = self.fns.len() as u32 * 1000 + self.fnc().ranges;
        self.fnc().ranges += 1;
        let next = format!("#next{}", id);
        let state = format!("#state{}", id);
        self.hidden_var(&next, wk::INT, Value::Int(0), span);
        self.hidden_var(&state, wk::INT, Value::Int(READY), span);
        // The real function (not a body closure) keeps the return values
        // and the frame for defers.
        let outer_ctx = self.fnc().rangefunc.clone();
        let (rets, ret_types, frame) = match &outer_ctx {
            Some(c) => (c.rets.clone(), c.ret_types.clone(), c.frame.clone()),
            None => {
                let results = self.fnc().results.clone();
                let mut rets = Vec::new();
                for (i, t) in results.iter().enumerate() {
                    let name = format!("#ret{}_{}", id, i);
                    self.emit(Op::Zero(*t));
                    self.hidden_var_from_stack(&name, *t, span);
                    rets.push(name);
                }
                let frame = format!("#frame{}", id);
                self.emit(Op::FrameIndex);
                self.hidden_var_from_stack(&frame, wk::INT, span);
                (rets, results, frame)
            }
        };
        let mut outer: Vec<(String, bool)> = Vec::new();
        if let Some(c) = &outer_ctx {
            outer.extend(c.outer.iter().cloned());
        }
        for l in &self.fnc().loops {
            if let Some(name) = l.label() {
                outer.push((name.to_string(), l.is_loop()));
            }
        }
        let ctx = RangeFuncCtx {
            next: next.clone(),
            state: state.clone(),
            rets: rets.clone(),
            ret_types,
            frame,
            outer: outer.clone(),
            result_slot: 0,
        };
        // The body closure, then the call f(body).
        self.emit(Op::Load(f_slot));
        let fid = self.range_body(ctx, &yparams, key, value, define, body, label, span);
        let captures = self.last_capture_sources.take().unwrap_or_default();
        for src in &captures {
            self.emit(Op::Load(*src));
        }
        self.emit(Op::MakeClosure {
            fid,
            ncap: captures.len() as u32,
        });
        self.emit(Op::CallValue { argc: 1 });
        // The iterator returned: a body panic it swallowed is an error.
        let ok = self.jump_unless(&state, PANIC);
        self.emit(Op::Push(Value::Int(MISSING_PANIC)));
        self.emit(Op::RangePanic);
        let here = self.here();
        self.patch(ok, here);
        self.emit(Op::Push(Value::Int(EXHAUSTED)));
        self.store_var(&state);
        self.range_dispatch(&next, &outer, outer_ctx.as_deref(), &rets);
        self.pop_scope();
    }

    /// Go 1.23 added range-over-func; earlier versions refuse it.
    fn range_func_allowed(&mut self, so: &Operand, subject: &Expr) -> bool {
        if self.range_over_func {
            return true;
        }
        errorf!(
            self,
            subject.span,
            "cannot range over {}",
            self.describe(so, subject)
        );
        false
    }

    /// The parameter types of the `yield` function `f` takes, or an error
    /// as Go words it when `f` is not an iterator.
    fn yield_params(&mut self, so: &Operand, subject: &Expr) -> Option<Vec<TypeId>> {
        let sig = self.types.signature(so.ty).cloned()?;
        let why = if sig.params.len() != 1 || !sig.results.is_empty() {
            "func must be func(yield func(...) bool): wrong argument count"
        } else {
            match self.types.signature(sig.params[0]).cloned() {
                None => "func must be func(yield func(...) bool): argument is not func",
                Some(y) if y.params.len() > 2 => {
                    "func must be func(yield func(...) bool): yield func has too many parameters"
                }
                Some(y) if y.results.len() != 1 || !self.types.is_bool(y.results[0]) => {
                    "func must be func(yield func(...) bool): yield func does not return bool"
                }
                Some(y) => return Some(y.params),
            }
        };
        errorf!(
            self,
            subject.span,
            "cannot range over {}: {}",
            self.describe(so, subject),
            why
        );
        None
    }

    /// Compiles the loop body as the `yield` closure; returns its function
    /// id (its captures are in `last_capture_sources`).
    #[allow(clippy::too_many_arguments)]
    fn range_body(
        &mut self,
        mut ctx: RangeFuncCtx,
        yparams: &[TypeId],
        key: Option<&Expr>,
        value: Option<&Expr>,
        define: bool,
        body: &Block,
        label: Option<&str>,
        span: Span,
    ) -> u32 {
        let parent = self.fnc();
        let name = format!("{}-range{}", parent.name, parent.ranges);
        let (next, state) = (ctx.next.clone(), ctx.state.clone());
        self.fns.push(FnCtx::new(name, body.span));
        self.push_scope();
        // Parameters: the iteration variables themselves when declared by
        // `:=`, hidden ones otherwise.
        let vars = [key, value];
        let mut assigns: Vec<(u32, &Expr, TypeId)> = Vec::new();
        for (i, t) in yparams.iter().enumerate() {
            let var = vars.get(i).copied().flatten();
            match var {
                Some(e) if define => match &e.kind {
                    ExprKind::Ident(id) => {
                        let (slot, _) = self.declare_local(&id.name, *t, id.span);
                        let _ = slot;
                    }
                    _ => {
                        errorf!(
                            self,
                            e.span,
                            "non-name {} on left side of :=",
                            self.text(e.span)
                        );
                        self.declare_local("_", *t, span);
                    }
                },
                Some(e) => {
                    let (slot, _) = self.declare_local("_", *t, span);
                    assigns.push((slot, e, *t));
                }
                None => {
                    self.declare_local("_", *t, span);
                }
            }
        }
        let nparams = self.fnc().nlocals;
        let boxed_params: Vec<u32> = self
            .fnc()
            .locals
            .iter()
            .filter(|l| l.boxed)
            .map(|l| l.slot)
            .collect();
        let r = self.new_slot();
        ctx.result_slot = r;
        self.fnc().results = vec![wk::BOOL];
        self.fnc().result_slots = vec![r];
        self.fnc().boxed_results = vec![false];
        self.fnc().rangefunc = Some(Rc::new(ctx));
        // The state check, as the rewrite's `if #state != READY { panic }`.
        self.load_var(&state);
        self.emit(Op::Dup);
        self.emit(Op::Push(Value::Int(READY)));
        self.emit(Op::Cmp(CmpOp::Eq, NumKind::Int(crate::types::IntKind::Int)));
        let ready = self.emit(Op::JumpIfTrue(0));
        self.emit(Op::RangePanic);
        let here = self.here();
        self.patch(ready, here);
        self.emit(Op::Pop);
        self.emit(Op::Push(Value::Int(PANIC)));
        self.store_var(&state);
        for (slot, e, t) in assigns {
            if let Some((place, ty)) = self.place(e) {
                self.emit(Op::Load(slot));
                if !matches!(place, crate::compile::assignments::Place::Blank) {
                    self.assign_to(Operand::value(t, e.span), e, ty, "range");
                }
                self.store(&place);
            }
        }
        self.push_loop(label, true);
        self.block_stmts(&body.stmts);
        // Falling off the end (and `continue`): ready for the next call.
        let cont = self.here();
        self.emit(Op::Push(Value::Int(READY)));
        self.store_var(&state);
        self.emit(Op::Push(Value::Bool(true)));
        self.emit(Op::Store(r));
        self.emit(Op::Return);
        // `break`: stop the iterator.
        let brk = self.here();
        self.emit(Op::Push(Value::Int(NEXT_BREAK)));
        self.store_var(&next);
        self.yield_false();
        self.pop_loop(cont, brk);
        self.patch_gotos();
        self.pop_scope();
        let f = self.fns.pop().expect("pushed above");
        self.last_capture_sources = Some(f.capture_sources.clone());
        if self.checking_generic {
            return NO_FUNC;
        }
        let capture_slots: Vec<u32> = f.captures.iter().map(|(_, s)| *s).collect();
        let fid = self.funcs.len() as u32;
        self.funcs.push(Some(FuncCode {
            name: f.name,
            code: f.code,
            spans: f.spans,
            nparams,
            capture_slots,
            nlocals: f.nlocals,
            result_slots: vec![r],
            boxed_results: vec![false],
            boxed_params,
            locals: f.locals,
            span: body.span,
            library: self.library_mode,
        }));
        fid
    }

    /// In a body closure: mark the loop done and make `yield` return false.
    fn yield_false(&mut self) {
        let Some(ctx) = self.fnc().rangefunc.clone() else {
            return;
        };
        self.emit(Op::Push(Value::Int(DONE)));
        self.store_var(&ctx.state);
        self.emit(Op::Push(Value::Bool(false)));
        self.emit(Op::Store(ctx.result_slot));
        self.emit(Op::Return);
    }

    /// After the iterator returned: act on what the body asked for.
    fn range_dispatch(
        &mut self,
        next: &str,
        outer: &[(String, bool)],
        ctx: Option<&RangeFuncCtx>,
        rets: &[String],
    ) {
        // `return`: from the real function, or passed up a body closure.
        let skip = self.jump_unless(next, NEXT_RETURN);
        match ctx {
            Some(c) => {
                self.emit(Op::Push(Value::Int(NEXT_RETURN)));
                self.store_var(&c.next);
                self.yield_false();
            }
            None => self.return_from_hidden(rets),
        }
        let here = self.here();
        self.patch(skip, here);
        for (i, (label, is_loop)) in outer.iter().enumerate() {
            for cont in [false, true] {
                if cont && !is_loop {
                    continue;
                }
                let code = OUTER + 2 * i as i64 + cont as i64;
                let skip = self.jump_unless(next, code);
                let id = crate::syntax::ast::Ident {
                    name: label.clone(),
                    span: Span::default(),
                };
                self.branch(Some(&id), !cont, Span::default());
                let here = self.here();
                self.patch(skip, here);
            }
        }
    }

    /// The real function returns the values a body's `return` left in
    /// `rets`.
    fn return_from_hidden(&mut self, rets: &[String]) {
        let f = self.fnc();
        let (slots, boxed) = (f.result_slots.clone(), f.boxed_results.clone());
        for name in rets {
            self.load_var(name);
        }
        for (slot, b) in slots.iter().zip(boxed.iter()).rev() {
            self.emit(if *b {
                Op::StoreBoxed(*slot)
            } else {
                Op::Store(*slot)
            });
        }
        self.emit(Op::Return);
    }

    /// `return` inside a body closure: store the values, stop the loop.
    /// Returns false when not inside one.
    pub(super) fn range_body_return(&mut self, es: &[Expr], span: Span) -> bool {
        let Some(ctx) = self.fnc().rangefunc.clone() else {
            return false;
        };
        if es.is_empty() {
            // A bare return keeps the named results as they are.
            let outer_named = self.outer_named_results(ctx.rets.len());
            if !ctx.ret_types.is_empty() && outer_named.is_none() {
                let want: Vec<String> = ctx.ret_types.iter().map(|t| self.tn(*t)).collect();
                errorf!(
                    self,
                    span,
                    "not enough return values\n\thave ()\n\twant ({})",
                    want.join(", ")
                );
                return true;
            }
            for (name, ret) in outer_named.unwrap_or_default().iter().zip(&ctx.rets) {
                self.load_var(name);
                self.store_var(ret);
            }
        } else {
            if es.len() != ctx.ret_types.len() {
                let have: Vec<String> = es.iter().map(|e| self.have_name(e)).collect();
                let want: Vec<String> = ctx.ret_types.iter().map(|t| self.tn(*t)).collect();
                if ctx.ret_types.is_empty() {
                    self.error(es[0].span, "too many return values");
                } else {
                    errorf!(
                        self,
                        es[0].span,
                        "{} return values\n\thave ({})\n\twant ({})",
                        if es.len() > ctx.ret_types.len() {
                            "too many"
                        } else {
                            "not enough"
                        },
                        have.join(", "),
                        want.join(", ")
                    );
                }
                return true;
            }
            for (e, t) in es.iter().zip(ctx.ret_types.clone()) {
                let o = self.expr(e);
                self.assign_to(o, e, t, "return statement");
            }
            for name in ctx.rets.iter().rev() {
                self.store_var(name);
            }
        }
        self.emit(Op::Push(Value::Int(NEXT_RETURN)));
        self.store_var(&ctx.next);
        self.yield_false();
        true
    }

    /// The names of the named results of the real function around the
    /// loop, if it has them.
    fn outer_named_results(&self, n: usize) -> Option<Vec<String>> {
        let real = self.fns.iter().rev().find(|f| f.rangefunc.is_none())?;
        let mut names = Vec::new();
        for slot in &real.result_slots {
            let l = real.locals.iter().find(|l| l.slot == *slot)?;
            names.push(l.name.clone());
        }
        (names.len() == n).then_some(names)
    }

    /// `break L` / `continue L` in a body closure naming a statement
    /// outside it: record it and stop the loop. False when `L` is not one.
    pub(super) fn range_body_branch(&mut self, label: &str, is_break: bool) -> bool {
        let Some(ctx) = self.fnc().rangefunc.clone() else {
            return false;
        };
        let Some(i) = ctx.outer.iter().position(|(l, _)| l == label) else {
            return false;
        };
        let code = OUTER + 2 * i as i64 + (!is_break) as i64;
        self.emit(Op::Push(Value::Int(code)));
        self.store_var(&ctx.next);
        self.yield_false();
        true
    }

    /// `defer` in a body closure: onto the frame of the function around
    /// the loop. Returns false when not in one.
    pub(super) fn range_body_defer(&mut self, e: &Expr) -> bool {
        let Some(ctx) = self.fnc().rangefunc.clone() else {
            return false;
        };
        self.load_var(&ctx.frame);
        if let Some(argc) = self.deferred_call(e, "defer") {
            self.emit(Op::DeferAt { argc });
        } else {
            self.emit(Op::Pop);
        }
        true
    }

    /// Emits a jump taken unless hidden variable `name` holds `v`.
    fn jump_unless(&mut self, name: &str, v: i64) -> usize {
        self.load_var(name);
        self.emit(Op::Push(Value::Int(v)));
        self.emit(Op::Cmp(CmpOp::Eq, NumKind::Int(crate::types::IntKind::Int)));
        self.emit(Op::JumpIfFalse(0))
    }

    /// Declares a boxed hidden local initialized to `v`.
    fn hidden_var(&mut self, name: &str, ty: TypeId, v: Value, span: Span) {
        self.emit(Op::Push(v));
        self.hidden_var_from_stack(name, ty, span);
    }

    fn hidden_var_from_stack(&mut self, name: &str, ty: TypeId, span: Span) {
        self.boxed.insert(name.to_string());
        self.unboxable.remove(name);
        let (slot, _) = self.declare_local(name, ty, span);
        self.mark_used(name);
        self.emit(Op::BoxInto(slot));
    }

    /// Loads a (possibly captured) variable by name.
    fn load_var(&mut self, name: &str) {
        if let Some(sym) = self.lookup(name) {
            self.load_sym(&sym);
        }
    }

    /// Stores the top of the stack into a (possibly captured) variable.
    fn store_var(&mut self, name: &str) {
        match self.lookup(name) {
            Some(Sym::Local {
                slot, boxed: true, ..
            }) => {
                self.emit(Op::StoreBoxed(slot));
            }
            Some(Sym::Local { slot, .. }) => {
                self.emit(Op::Store(slot));
            }
            _ => {
                self.emit(Op::Pop);
            }
        }
    }
}
