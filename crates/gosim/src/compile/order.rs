//! Evaluation order within a statement, as the gc compiler has it
//! (cmd/compile/internal/walk/order.go).
//!
//! The spec orders only calls, method calls, receives and `&&`/`||`
//! among an expression's operands. gc evaluates those first, left to
//! right (each into a temporary), together with the few operations its
//! order pass also copies at their place (slice expressions and type
//! assertions), and evaluates the plain operands (variables, fields,
//! index expressions, arithmetic on them) afterwards, when the statement
//! itself runs. So `fmt.Println(m.state, m.Transition("run"))` prints the
//! state after the transition, and `a, b := x, f(&x)` sees f's write in
//! `a`. This room finds those operands in a statement's expressions
//! (post-order: a call's arguments before the call), compiles them into
//! temporaries first, and `expr` then loads them where they stand.
//!
//! It changes only statements where a plain operand comes before such an
//! operand in source order; elsewhere the two orders agree.

use crate::compile::{Builtin, Compiler, Mode, Sym};
use crate::syntax::ast::{AssignOp, BinaryOp, Expr, ExprKind, GenDecl, Stmt, StmtKind, UnaryOp};
use crate::types::TypeId;
use crate::vm::op::Op;

/// An operand evaluated ahead of its statement: the node, the temporary
/// holding its value, and its type.
pub(super) type Hoisted = (*const Expr, u32, TypeId);

/// What the walk over a statement found.
#[derive(Default)]
struct Walk<'e> {
    /// Operands to evaluate first, in evaluation order.
    units: Vec<&'e Expr>,
    /// A plain operand has been seen (in evaluation order).
    seen_read: bool,
    /// A unit comes after a plain operand: the orders differ.
    needed: bool,
}

impl<'a> Compiler<'a> {
    /// The expressions of `s` whose operands gc orders, and whether `s`
    /// evaluates them as a list (where a call is itself an operand).
    fn order_roots(s: &Stmt) -> Vec<&Expr> {
        match &s.kind {
            StmtKind::Expr(e) | StmtKind::Go(e) | StmtKind::Defer(e) => vec![e],
            StmtKind::Assign {
                rhs,
                op: AssignOp::Define,
                ..
            } => rhs.iter().collect(),
            // The operands of the places assigned to (`m[i] = f()`) are
            // plain operands too; `x op= f()` reads x.
            StmtKind::Assign { lhs, rhs, .. } => lhs.iter().chain(rhs.iter()).collect(),
            StmtKind::Return(es) => es.iter().collect(),
            StmtKind::Send { chan, value } => vec![chan, value],
            StmtKind::Decl(GenDecl::Var(specs)) => {
                specs.iter().flat_map(|v| v.values.iter()).collect()
            }
            _ => Vec::new(),
        }
    }

    /// Before statement `s`: evaluates into temporaries the operands gc
    /// evaluates ahead of the plain ones (see the module doc).
    pub(super) fn order_stmt(&mut self, s: &Stmt) {
        if self.library_mode {
            return;
        }
        let roots = Self::order_roots(s);
        self.order_exprs(&roots);
    }

    /// `order_stmt` for a list of expressions evaluated together.
    pub(super) fn order_exprs(&mut self, roots: &[&Expr]) {
        if roots.is_empty() || self.library_mode {
            return;
        }
        let single = roots.len() == 1;
        let mut w = Walk::default();
        for r in roots {
            self.order_walk(r, single, &mut w);
        }
        if !w.needed {
            return;
        }
        for u in w.units {
            // Only single values can wait in a temporary (a multi-valued
            // call spread into another stays where it is).
            if !matches!(self.peek_type_mode(u).0, Mode::Value) {
                continue;
            }
            let o = self.expr(u);
            let o = self.single_value(o, u);
            if o.is_invalid() {
                continue;
            }
            let slot = self.new_slot();
            self.emit(Op::Store(slot));
            self.hoisted.push((u as *const Expr, slot, o.ty));
        }
    }

    /// The walk in evaluation order; `root` is true for a statement's one
    /// expression (a call there is the statement itself, not an operand).
    fn order_walk<'e>(&mut self, e: &'e Expr, root: bool, w: &mut Walk<'e>) {
        match &e.kind {
            ExprKind::Ident(_) => w.seen_read = true,
            ExprKind::Lit(_) | ExprKind::FuncLit { .. } => {}
            ExprKind::Paren(x) | ExprKind::Star(x) => self.order_walk(x, root, w),
            ExprKind::Selector(x, _) => {
                self.order_walk(x, false, w);
                w.seen_read = true;
            }
            ExprKind::Index(x, i) => {
                self.order_walk(x, false, w);
                self.order_walk(i, false, w);
            }
            ExprKind::IndexList(x, _) => self.order_walk(x, false, w),
            ExprKind::Slice { x, lo, hi, max } => {
                self.order_walk(x, false, w);
                for p in [lo, hi, max].into_iter().flatten() {
                    self.order_walk(p, false, w);
                }
                self.order_unit(e, root, w);
            }
            ExprKind::TypeAssert(x, _) => {
                self.order_walk(x, false, w);
                self.order_unit(e, root, w);
            }
            ExprKind::Call { func, args, .. } => {
                let real_call = self.is_real_call(func);
                // The callee: a method's receiver is an operand; a function
                // or package name is not.
                if real_call {
                    match &func.kind {
                        ExprKind::Ident(_) => {}
                        ExprKind::Selector(x, _) if self.is_package(x) => {}
                        ExprKind::Selector(x, _) => self.order_walk(x, false, w),
                        _ => self.order_walk(func, false, w),
                    }
                }
                for a in args {
                    self.order_walk(a, false, w);
                }
                if real_call || self.is_ordered_builtin(func) {
                    self.order_unit(e, root, w);
                }
            }
            ExprKind::Unary(UnaryOp::Recv, x) => {
                self.order_walk(x, false, w);
                self.order_unit(e, root, w);
            }
            ExprKind::Unary(_, x) => self.order_walk(x, false, w),
            ExprKind::Binary(op, l, r) => {
                if matches!(op, BinaryOp::LogAnd | BinaryOp::LogOr) && has_call(r) {
                    // The right side runs only sometimes: the whole
                    // expression is evaluated at its place.
                    self.order_walk(l, false, w);
                    self.order_unit(e, root, w);
                } else {
                    self.order_walk(l, false, w);
                    self.order_walk(r, false, w);
                }
            }
            ExprKind::Composite { elems, .. } => {
                for el in elems {
                    if let Some(k) = &el.key {
                        if !matches!(k.kind, ExprKind::Ident(_)) {
                            self.order_walk(k, false, w);
                        }
                    }
                    self.order_walk(&el.value, false, w);
                }
            }
            ExprKind::ArrayType { .. }
            | ExprKind::MapType(..)
            | ExprKind::ChanType(..)
            | ExprKind::FuncType(_)
            | ExprKind::StructType(_)
            | ExprKind::InterfaceType(_)
            | ExprKind::Union(_) => {}
        }
    }

    fn order_unit<'e>(&mut self, e: &'e Expr, root: bool, w: &mut Walk<'e>) {
        if root {
            return;
        }
        if w.seen_read {
            w.needed = true;
        }
        w.units.push(e);
    }

    /// Whether `f(...)` calls a function (not a builtin or a conversion),
    /// judged from the names in scope without marking anything used.
    fn is_real_call(&self, func: &Expr) -> bool {
        let mut f = func;
        while let ExprKind::Paren(x) = &f.kind {
            f = x;
        }
        match &f.kind {
            ExprKind::Ident(id) => !matches!(
                self.peek_sym(&id.name),
                Some(Sym::Builtin(_) | Sym::Type(_) | Sym::GenericType(_))
            ),
            ExprKind::Selector(x, sel) => {
                if let ExprKind::Ident(pid) = &x.kind {
                    if let Some(Sym::Package { pkg, .. }) = self.peek_sym(&pid.name) {
                        return !matches!(
                            self.packages[pkg as usize].scope.get(&sel.name),
                            Some(Sym::Type(_) | Sym::GenericType(_))
                        );
                    }
                }
                true
            }
            ExprKind::Index(x, _) | ExprKind::IndexList(x, _) => self.is_real_call(x),
            ExprKind::ArrayType { .. }
            | ExprKind::MapType(..)
            | ExprKind::ChanType(..)
            | ExprKind::FuncType(_)
            | ExprKind::InterfaceType(_)
            | ExprKind::StructType(_)
            | ExprKind::Star(_) => false,
            _ => true,
        }
    }

    /// Whether `f(...)` is a builtin that gc's order pass copies at its
    /// place like a call (OLEN, OCAP, OCOPY, OMAKE*, OMAX, OMIN, ONEW,
    /// OAPPEND, ORECOVERFP): `fmt.Println(len(ch), <-ch)` reads the length
    /// before the receive, unlike a plain variable.
    fn is_ordered_builtin(&self, func: &Expr) -> bool {
        let mut f = func;
        while let ExprKind::Paren(x) = &f.kind {
            f = x;
        }
        let ExprKind::Ident(id) = &f.kind else {
            return false;
        };
        matches!(
            self.peek_sym(&id.name),
            Some(Sym::Builtin(
                Builtin::Len
                    | Builtin::Cap
                    | Builtin::Copy
                    | Builtin::Make
                    | Builtin::Max
                    | Builtin::Min
                    | Builtin::New
                    | Builtin::Append
                    | Builtin::Recover
            ))
        )
    }

    fn is_package(&self, x: &Expr) -> bool {
        matches!(&x.kind, ExprKind::Ident(id) if matches!(self.peek_sym(&id.name), Some(Sym::Package { .. })))
    }

    /// What `name` denotes here, without the side effects of `lookup`.
    fn peek_sym(&self, name: &str) -> Option<Sym> {
        for f in self.fns.iter().rev() {
            for s in f.scopes.iter().rev() {
                if let Some(sym) = s.get(name) {
                    return Some(sym.clone());
                }
            }
        }
        self.packages
            .get(self.cur_pkg as usize)
            .and_then(|p| p.scope.get(name))
            .or_else(|| self.universe.get(name))
            .cloned()
    }

    /// `e`'s value if it was evaluated ahead of its statement.
    pub(super) fn hoisted_operand(&mut self, e: &Expr) -> Option<(u32, TypeId)> {
        let p = e as *const Expr;
        self.hoisted
            .iter()
            .find(|(q, _, _)| *q == p)
            .map(|(_, slot, ty)| (*slot, *ty))
    }
}

/// Whether `e` calls anything (outside function literals).
fn has_call(e: &Expr) -> bool {
    match &e.kind {
        ExprKind::Call { .. } | ExprKind::Unary(UnaryOp::Recv, _) => true,
        ExprKind::Paren(x) | ExprKind::Star(x) | ExprKind::Unary(_, x) => has_call(x),
        ExprKind::Selector(x, _) | ExprKind::TypeAssert(x, _) => has_call(x),
        ExprKind::Index(x, i) => has_call(x) || has_call(i),
        ExprKind::Binary(_, l, r) => has_call(l) || has_call(r),
        ExprKind::Slice { x, lo, hi, max } => {
            has_call(x) || [lo, hi, max].into_iter().flatten().any(|p| has_call(p))
        }
        ExprKind::Composite { elems, .. } => elems
            .iter()
            .any(|el| has_call(&el.value) || el.key.as_ref().is_some_and(has_call)),
        _ => false,
    }
}
