//! Type argument inference for calls of generic functions: go/types'
//! infer.go and unify.go, in the order Go 1.21+ applies them.
//!
//! 1. Explicit type arguments (`Map[int](...)`) are taken as given.
//! 2. Each typed argument is unified with its parameter's type; inexactly,
//!    so a defined type matches a type literal through its underlying type
//!    (`MySlice` against `[]T`).
//! 3. Constraints with a core type add what they imply (`S ~[]E` with S
//!    known gives E); a constraint of one exact type fixes its parameter.
//! 4. A parameter still unknown whose arguments are untyped constants takes
//!    the default type of the largest of their kinds (`Max(1, 2.5)` is
//!    float64); mixing kinds (int and string) is an error.
//!
//! Whatever remains unknown is "cannot infer T". Messages are `go build`'s.
//! Must not emit code: arguments are peeked at, and calls.rs compiles them
//! afterwards against the instantiated signature.

use crate::compile::{Compiler, Mode};
use crate::syntax::ast::{Expr, ExprKind};
use crate::syntax::diag::pos_marker;
use crate::syntax::span::Span;
use crate::types::{well_known as wk, Field, TypeId, TypeKind, UntypedKind};

/// The unifier's bindings: one slot per type parameter of the callee.
struct Unifier<'t> {
    tparams: &'t [TypeId],
    bound: Vec<Option<TypeId>>,
}

impl<'a> Compiler<'a> {
    /// Infers the type arguments of a call of generic function `gfid`.
    /// `None` when inference failed (reported at `lparen` or at the
    /// argument, as Go does).
    #[allow(clippy::too_many_arguments)]
    pub(super) fn infer_targs(
        &mut self,
        gfid: u32,
        explicit: &[TypeId],
        explicit_spans: &[Span],
        args: &[Expr],
        spread: bool,
        fname: &str,
        lparen: Span,
    ) -> Option<Vec<TypeId>> {
        let (tparams, names) = self.generic_func_params(gfid);
        let n = tparams.len();
        if explicit.len() > n {
            let at = explicit_spans.get(n).copied().unwrap_or(lparen);
            errorf!(
                self,
                at,
                "got {} type arguments but want {}",
                explicit.len(),
                n
            );
            return None;
        }
        if explicit.contains(&wk::INVALID) {
            return None;
        }
        if explicit.len() == n {
            return Some(explicit.to_vec());
        }
        let sig = self.generic_funcs[gfid as usize].sig;
        let sig = self.types.signature(sig).cloned()?;
        // Generic functions passed as arguments (`Map(xs, Double)`) are
        // unified jointly: their type parameters join the callee's.
        let mut joint = tparams.clone();
        let mut preset: Vec<(usize, TypeId)> = Vec::new();
        let mut generic_args: Vec<(usize, TypeId)> = Vec::new();
        for (i, a) in args.iter().enumerate() {
            let Some((g2, explicit2)) = self.generic_func_head(a) else {
                continue;
            };
            let (tp2, _) = self.generic_func_params(g2);
            for (k, t) in tp2.iter().enumerate() {
                if !joint.contains(t) {
                    joint.push(*t);
                    if let Some(x) = explicit2.get(k) {
                        preset.push((joint.len() - 1, *x));
                    }
                }
            }
            generic_args.push((i, self.generic_funcs[g2 as usize].sig));
        }
        let mut u = Unifier {
            tparams: &joint,
            bound: vec![None; joint.len()],
        };
        for (i, t) in explicit.iter().enumerate() {
            u.bound[i] = Some(*t);
        }
        for (j, t) in preset {
            u.bound[j] = Some(t);
        }
        // The arguments' types, without compiling them.
        let mut argv: Vec<(TypeId, Mode, &Expr)> = Vec::new();
        if args.len() == 1 && !spread {
            let (mode, ty) = self.peek_type_mode(&args[0]);
            if let (Mode::Multi, TypeKind::Tuple(ts)) = (&mode, self.types.kind(ty)) {
                for t in ts.clone() {
                    argv.push((t, Mode::Value, &args[0]));
                }
            } else {
                argv.push((ty, mode, &args[0]));
            }
        } else {
            for a in args {
                if self.is_generic_func_value(a) {
                    // Inferred from its parameter's type once the call's
                    // own type arguments are known (calls.rs).
                    argv.push((wk::INVALID, Mode::Void, a));
                    continue;
                }
                let (mode, ty) = self.peek_type_mode(a);
                argv.push((ty, mode, a));
            }
        }
        if argv.iter().any(|(_, m, _)| matches!(m, Mode::Invalid)) {
            // Let the arguments report their own errors.
            for a in args {
                let _ = self.peek_type(a);
            }
            return None;
        }
        let np = sig.params.len();
        let fixed = if sig.variadic { np - 1 } else { np };
        let arity_ok = if sig.variadic && !spread {
            argv.len() >= fixed
        } else {
            argv.len() == np
        };
        if !arity_ok {
            // calls.rs reports the count against the generic signature.
            return Some(
                u.bound[..n]
                    .iter()
                    .zip(&tparams)
                    .map(|(b, p)| b.unwrap_or(*p))
                    .collect(),
            );
        }
        let param_of = |i: usize, types: &crate::types::Types| -> TypeId {
            if i < fixed || !sig.variadic || spread {
                sig.params[i.min(np - 1)]
            } else {
                match types.kind(sig.params[np - 1]) {
                    TypeKind::Slice(e) => *e,
                    _ => wk::INVALID,
                }
            }
        };
        let mut untyped: Vec<(usize, TypeId, &Expr)> = Vec::new();
        for (i, (ty, mode, e)) in argv.iter().enumerate() {
            let p = param_of(i, &self.types);
            if !self.types.is_open(p) || matches!(mode, Mode::Void) {
                continue;
            }
            if matches!(mode, Mode::Const(_)) && self.types.is_untyped(*ty) {
                if let Some(k) = tparams.iter().position(|t| *t == p) {
                    untyped.push((k, *ty, e));
                }
                continue;
            }
            if !self.unify(&mut u, p, *ty) {
                self.report_mismatch(&u, p, *ty, e, fname);
                return None;
            }
        }
        for (i, sig2) in &generic_args {
            let p = param_of(*i, &self.types);
            if !self.unify(&mut u, p, *sig2) {
                let (ty, _, e) = argv[*i];
                let _ = ty;
                self.report_mismatch(&u, p, *sig2, e, fname);
                return None;
            }
        }
        // Core types of constraints.
        loop {
            let before = u.bound[..n].iter().filter(|b| b.is_none()).count();
            for (k, p) in tparams.iter().enumerate() {
                let Some(c) = self.types.tparam_info(*p).map(|i| i.constraint) else {
                    continue;
                };
                let Some(terms) = self.type_set(c).terms else {
                    continue;
                };
                let [term] = terms[..] else { continue };
                match u.bound[k] {
                    Some(tx) => {
                        let tx = if term.tilde && !self.types.is_type_param(tx) {
                            self.types.underlying(tx)
                        } else {
                            tx
                        };
                        if !self.unify(&mut u, term.ty, tx) {
                            errorf!(
                                self,
                                lparen,
                                "in call to {}, {} (type {}) does not satisfy {}",
                                fname,
                                names[k].name,
                                self.tn(tx),
                                self.tn(c)
                            );
                            return None;
                        }
                    }
                    None if !term.tilde => {
                        let t = self.subst(term.ty, &u);
                        u.bound[k] = Some(t);
                    }
                    None => {}
                }
            }
            let after = u.bound[..n].iter().filter(|b| b.is_none()).count();
            if after == 0 || after == before {
                break;
            }
        }
        // Untyped constants: the largest kind per parameter.
        let mut max: Vec<Option<TypeId>> = vec![None; n];
        for (k, ty, e) in &untyped {
            if u.bound[*k].is_some() {
                continue;
            }
            max[*k] = match max[*k] {
                None => Some(*ty),
                Some(m) => match self.max_untyped(m, *ty) {
                    Some(t) => Some(t),
                    None => {
                        errorf!(
                            self,
                            e.span,
                            "in call to {}, mismatched types {} and {} (cannot infer {})",
                            fname,
                            self.tn(m),
                            self.tn(*ty),
                            names[*k].name
                        );
                        return None;
                    }
                },
            };
        }
        for (k, m) in max.into_iter().enumerate() {
            if let Some(m) = m {
                if m == wk::UNTYPED_NIL {
                    continue;
                }
                u.bound[k] = Some(self.types.default_type(m));
            }
        }
        if let Some(k) = u.bound[..n].iter().position(|b| b.is_none()) {
            errorf!(
                self,
                lparen,
                "in call to {}, cannot infer {} (declared at {})",
                fname,
                names[k].name,
                pos_marker(names[k].span.lo)
            );
            return None;
        }
        // Bindings may mention other parameters (`E` inside `[]E`).
        let bound: Vec<TypeId> = (0..n)
            .map(|k| {
                let t = u.bound[k].unwrap_or(wk::INVALID);
                self.subst(t, &u)
            })
            .collect();
        Some(bound)
    }

    /// Reverse inference: the type arguments that make generic signature
    /// `gsig` the function type `target` (with `explicit` ones fixed).
    pub(super) fn infer_from_target(
        &mut self,
        gfid: u32,
        explicit: &[TypeId],
        gsig: TypeId,
        target: TypeId,
    ) -> Option<Vec<TypeId>> {
        let (tparams, _) = self.generic_func_params(gfid);
        let mut u = Unifier {
            tparams: &tparams,
            bound: vec![None; tparams.len()],
        };
        for (i, t) in explicit.iter().enumerate() {
            u.bound[i] = Some(*t);
        }
        let target = self.types.underlying(target);
        if !self.unify(&mut u, gsig, target) {
            return None;
        }
        let bound: Option<Vec<TypeId>> = u.bound.clone().into_iter().collect();
        let bound = bound?;
        Some(bound.iter().map(|t| self.subst(*t, &u)).collect())
    }

    /// go/types' `maxType` for untyped constants: numeric kinds order as
    /// int < rune < float; anything else must be the same kind.
    fn max_untyped(&self, a: TypeId, b: TypeId) -> Option<TypeId> {
        let rank = |t: TypeId| match self.types.kind(t) {
            TypeKind::Untyped(UntypedKind::Int) => 1,
            TypeKind::Untyped(UntypedKind::Rune) => 2,
            TypeKind::Untyped(UntypedKind::Float) => 3,
            _ => 0,
        };
        if a == b {
            return Some(a);
        }
        let (ra, rb) = (rank(a), rank(b));
        if ra == 0 || rb == 0 {
            return None;
        }
        Some(if ra >= rb { a } else { b })
    }

    /// "type X of arg does not match P", with what is known of P.
    fn report_mismatch(&mut self, u: &Unifier, p: TypeId, arg: TypeId, e: &Expr, fname: &str) {
        let what = self.expr_string(e);
        // go/types keeps parameter names in a literal's type and prints them.
        let arg_text = match &e.kind {
            ExprKind::FuncLit { body, .. } => self
                .text(Span::new(e.span.lo, body.span.lo))
                .trim_end()
                .to_string(),
            _ => self.tn(arg),
        };
        let inferred = self.subst(p, u);
        let msg = if u.bound.iter().all(|b| b.is_none()) {
            let names: Vec<String> = u.tparams.iter().map(|t| self.tn(*t)).collect();
            format!(
                "type {} of {} does not match {} (cannot infer {})",
                arg_text,
                what,
                self.tn(p),
                list_and(&names)
            )
        } else if inferred != p {
            format!(
                "type {} of {} does not match inferred type {} for {}",
                arg_text,
                what,
                self.tn(inferred),
                self.tn(p)
            )
        } else {
            format!(
                "type {} of {} does not match {}",
                arg_text,
                what,
                self.tn(p)
            )
        };
        errorf!(self, e.span, "in call to {}, {}", fname, msg);
    }

    /// Whether `e` is an uninstantiated (or partly instantiated) generic
    /// function, whose type comes from where it is used.
    pub(super) fn is_generic_func_value(&mut self, e: &Expr) -> bool {
        self.generic_func_head(e).is_some()
    }

    /// The generic function `e` names without all its type arguments, and
    /// the ones it has.
    fn generic_func_head(&mut self, e: &Expr) -> Option<(u32, Vec<TypeId>)> {
        let inner = match &e.kind {
            ExprKind::Paren(x) => x,
            _ => e,
        };
        let (head, args): (&Expr, Vec<&Expr>) = match &inner.kind {
            ExprKind::Index(x, i) => (x, vec![&**i]),
            ExprKind::IndexList(x, a) => (x, a.iter().collect()),
            _ => (inner, vec![]),
        };
        let Some(crate::compile::Sym::GenericFunc(g)) = self.generic_ref(head) else {
            return None;
        };
        let want = self.generic_funcs[g as usize].tparams.len();
        if args.len() >= want {
            return None;
        }
        let (tys, _) = self.type_args(&args);
        Some((g, tys))
    }

    /// An expression as go/types prints it in messages: function and
    /// composite literal bodies shortened to `{…}`.
    pub(super) fn expr_string(&self, e: &Expr) -> String {
        match &e.kind {
            ExprKind::FuncLit { body, .. } => {
                format!("{}{{…}}", self.text(Span::new(e.span.lo, body.span.lo)))
            }
            ExprKind::Composite { ty: Some(t), .. } => format!("{}{{…}}", self.text(t.span)),
            _ => self.text(e.span),
        }
    }

    /// Unifies parameter type `x` (which may mention the callee's type
    /// parameters) with argument type `y`, binding what it can.
    fn unify(&self, u: &mut Unifier, x: TypeId, y: TypeId) -> bool {
        self.unify_depth(u, x, y, 0)
    }

    fn unify_depth(&self, u: &mut Unifier, x: TypeId, y: TypeId, depth: u32) -> bool {
        if depth > 32 {
            return false;
        }
        let d = depth + 1;
        if let Some(k) = u.tparams.iter().position(|t| *t == x) {
            return match u.bound[k] {
                None => {
                    u.bound[k] = Some(y);
                    true
                }
                Some(b) if b == y => true,
                Some(b) if u.tparams.contains(&y) => self.unify_depth(u, b, y, d),
                // An argument need only be assignable to an interface; the
                // call checks that.
                Some(b) if self.types.is_interface(b) => true,
                Some(b) => {
                    // Inexact: a defined type matches its underlying literal,
                    // and the defined one is kept.
                    let same = self.types.underlying(b) == self.types.underlying(y)
                        && (!self.types.is_named(b) || !self.types.is_named(y));
                    if same && self.types.is_named(y) {
                        u.bound[k] = Some(y);
                    }
                    same || self.unify_structure(u, b, y, d)
                }
            };
        }
        if let Some(k) = u.tparams.iter().position(|t| *t == y) {
            // A type parameter on the argument side: a generic function
            // passed as an argument.
            return match u.bound[k] {
                None => {
                    u.bound[k] = Some(x);
                    true
                }
                Some(b) => b == x || self.unify_depth(u, x, b, d),
            };
        }
        if x == y || !self.types.is_open(x) {
            return true;
        }
        self.unify_structure(u, x, y, d)
    }

    fn unify_structure(&self, u: &mut Unifier, x: TypeId, y: TypeId, d: u32) -> bool {
        let xk = self.types.kind(x).clone();
        // An instance against an instance of the same generic type: their
        // arguments must unify.
        if let TypeKind::Named(_) = xk {
            if !self.types.is_named(y) {
                // A defined type against a type literal: its underlying type.
                let ux = self.types.underlying(x);
                return ux != x && self.unify_depth(u, ux, y, d);
            }
            let (Some(xo), Some(yo)) = (self.instance_origin(x), self.instance_origin(y)) else {
                return x == y;
            };
            if xo != yo {
                return false;
            }
            let xa = self
                .types
                .named_info(x)
                .map(|n| n.targs.clone())
                .unwrap_or_default();
            let ya = self
                .types
                .named_info(y)
                .map(|n| n.targs.clone())
                .unwrap_or_default();
            return xa.len() == ya.len()
                && xa
                    .iter()
                    .zip(ya.iter())
                    .all(|(a, b)| self.unify_depth(u, *a, *b, d));
        }
        // A type literal against a defined type: its underlying type; and
        // against another function's type parameter, its core type.
        let y = if self.types.is_named(y) {
            self.types.underlying(y)
        } else {
            y
        };
        let yk = self.types.kind(y).clone();
        match (xk, yk) {
            (TypeKind::Pointer(a), TypeKind::Pointer(b))
            | (TypeKind::Slice(a), TypeKind::Slice(b)) => self.unify_depth(u, a, b, d),
            (TypeKind::Array(n, a), TypeKind::Array(m, b)) => {
                n == m && self.unify_depth(u, a, b, d)
            }
            (TypeKind::Map(k1, v1), TypeKind::Map(k2, v2)) => {
                self.unify_depth(u, k1, k2, d) && self.unify_depth(u, v1, v2, d)
            }
            (TypeKind::Chan(d1, a), TypeKind::Chan(d2, b)) => {
                (d1 == d2 || d2 == crate::types::ChanDir::Both) && self.unify_depth(u, a, b, d)
            }
            (TypeKind::Func(s1), TypeKind::Func(s2)) => {
                s1.params.len() == s2.params.len()
                    && s1.results.len() == s2.results.len()
                    && s1.variadic == s2.variadic
                    && s1
                        .params
                        .iter()
                        .zip(s2.params.iter())
                        .chain(s1.results.iter().zip(s2.results.iter()))
                        .all(|(a, b)| self.unify_depth(u, *a, *b, d))
            }
            (TypeKind::Struct(f1), TypeKind::Struct(f2)) => {
                f1.len() == f2.len()
                    && f1.iter().zip(f2.iter()).all(|(a, b): (&Field, &Field)| {
                        a.name == b.name
                            && a.embedded == b.embedded
                            && self.unify_depth(u, a.ty, b.ty, d)
                    })
            }
            _ => false,
        }
    }

    /// The generic type `t` is an instance of, if any.
    pub(super) fn instance_origin(&self, t: TypeId) -> Option<u32> {
        if self.types.named_info(t)?.targs.is_empty() {
            return None;
        }
        self.generic_types
            .iter()
            .position(|g| g.has_instance(t))
            .map(|i| i as u32)
    }

    /// `t` with the unifier's bound type parameters replaced (unbound ones
    /// stay), rebuilding composite types and instances.
    fn subst(&mut self, t: TypeId, u: &Unifier) -> TypeId {
        self.subst_depth(t, u, 0)
    }

    fn subst_depth(&mut self, t: TypeId, u: &Unifier, depth: u32) -> TypeId {
        if depth > 32 || !self.types.is_open(t) {
            return t;
        }
        let d = depth + 1;
        if let Some(k) = u.tparams.iter().position(|p| *p == t) {
            return match u.bound[k] {
                Some(b) if b != t => self.subst_depth(b, u, d),
                _ => t,
            };
        }
        match self.types.kind(t).clone() {
            TypeKind::Pointer(e) => {
                let e = self.subst_depth(e, u, d);
                self.types.pointer(e)
            }
            TypeKind::Slice(e) => {
                let e = self.subst_depth(e, u, d);
                self.types.slice(e)
            }
            TypeKind::Array(n, e) => {
                let e = self.subst_depth(e, u, d);
                self.types.intern(TypeKind::Array(n, e))
            }
            TypeKind::Map(k, v) => {
                let k = self.subst_depth(k, u, d);
                let v = self.subst_depth(v, u, d);
                self.types.intern(TypeKind::Map(k, v))
            }
            TypeKind::Chan(dir, e) => {
                let e = self.subst_depth(e, u, d);
                self.types.intern(TypeKind::Chan(dir, e))
            }
            TypeKind::Func(sig) => {
                let params = sig
                    .params
                    .iter()
                    .map(|p| self.subst_depth(*p, u, d))
                    .collect();
                let results = sig
                    .results
                    .iter()
                    .map(|p| self.subst_depth(*p, u, d))
                    .collect();
                self.types.func(params, results, sig.variadic)
            }
            TypeKind::Tuple(ts) => {
                let ts = ts.iter().map(|p| self.subst_depth(*p, u, d)).collect();
                self.types.tuple(ts)
            }
            TypeKind::Struct(fs) => {
                let fs = fs
                    .iter()
                    .map(|f| Field {
                        name: f.name.clone(),
                        ty: self.subst_depth(f.ty, u, d),
                        embedded: f.embedded,
                    })
                    .collect();
                self.types.intern(TypeKind::Struct(fs))
            }
            TypeKind::Named(_) => {
                let Some(gid) = self.instance_origin(t) else {
                    return t;
                };
                let args = self
                    .types
                    .named_info(t)
                    .map(|n| n.targs.clone())
                    .unwrap_or_default();
                let args = args.iter().map(|a| self.subst_depth(*a, u, d)).collect();
                self.instantiate_type(gid, args, &[], Span::default())
            }
            _ => t,
        }
    }
}

/// "T", "T and U", "T, U, and V", as go/types lists type parameters.
fn list_and(names: &[String]) -> String {
    match names.len() {
        0 => String::new(),
        1 => names[0].clone(),
        2 => format!("{} and {}", names[0], names[1]),
        n => format!("{}, and {}", names[..n - 1].join(", "), names[n - 1]),
    }
}
