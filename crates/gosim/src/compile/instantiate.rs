//! Generics: go/types' instantiate.go, with the generic halves of decl.go
//! (type parameter lists) and typexpr.go (`List[int]`).
//!
//! gosim's strategy is to check once and generate per instance, the way a
//! bytecode VM without runtime type information wants it:
//!
//! - A generic function or method body is checked once with its type
//!   parameters as types of their own (`TypeKind::TypeParam`), so errors
//!   read as Go's (`operator + not defined on s (variable of type T
//!   constrained by any)`) whether or not the function is ever used, and
//!   an invalid body is rejected even if every use would happen to work.
//!   The code of that pass is thrown away.
//! - Each distinct list of type arguments then gets its own function
//!   (monomorphisation, like C++ templates or Rust): the body is compiled
//!   again with the parameter names bound to the argument types, so
//!   `var zero T`, `x + y`, `%T` and type switches are ordinary code over
//!   concrete types and the VM knows nothing of generics. gc instead
//!   shares code between instances with the same GC shape ("dictionaries");
//!   nothing a program can observe depends on that choice.
//! - A generic type is a recipe: `List[int]` is a defined type made on
//!   first use, memoized per argument list (so `List[int]` is one type
//!   everywhere), with its methods' signatures resolved for those
//!   arguments and their bodies compiled like function instances. Types
//!   whose arguments are type parameters (`List[T]` inside a generic body)
//!   exist only for checking; they get no code.
//!
//! Instances are made on demand while bodies compile, so the driver
//! (decls.rs) runs a worklist. Whether the arguments satisfy their
//! constraints is checked at each instantiation (instantiate.go's
//! `verify`), reported at the type argument or, when inferred, at the
//! call; inference itself is infer.rs, and type sets typeset.rs.

use crate::compile::{Compiler, FnCtx, Mode, Operand, PendingFunc, Sym, NO_FUNC};
use crate::syntax::ast::{self, Expr, ExprKind, Field};
use crate::syntax::diag::pos_marker;
use crate::syntax::span::Span;
use crate::types::{well_known as wk, Method, MethodTarget, Term, TypeId, TypeKind, TypeSet};
use crate::util::fasthash::HashMap;
use crate::vm::op::Op;
use crate::vm::op::{MethodEntry, RecvAdjust};
use std::rc::Rc;

/// A generic function (type parameters, no receiver).
pub(super) struct GenericFunc<'a> {
    pub decl: &'a ast::FuncDecl,
    pub pkg: u32,
    /// One `TypeParam` per name, in order.
    pub tparams: Vec<TypeId>,
    /// The signature in terms of `tparams`.
    pub sig: TypeId,
    instances: Vec<(Vec<TypeId>, u32)>,
    /// Checking the body found errors: no instance is compiled.
    pub failed: bool,
}

impl GenericType<'_> {
    pub(super) fn has_instance(&self, t: TypeId) -> bool {
        self.instances.iter().any(|(_, x)| *x == t)
    }
}

/// A generic type declaration and its methods.
pub(super) struct GenericType<'a> {
    pub spec: Rc<ast::TypeSpec>,
    /// Declared in a function body: its body is resolved in the scope of
    /// the function that instantiates it.
    local: bool,
    pub pkg: u32,
    pub tparams: Vec<TypeId>,
    pub methods: Vec<&'a ast::FuncDecl>,
    instances: Vec<(Vec<TypeId>, TypeId)>,
    pub failed: bool,
}

/// Where an instance or a checked body comes from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Origin {
    Func(u32),
    Type(u32),
}

/// One instantiation whose constraints are to be checked.
pub(super) struct Verification {
    origin: Origin,
    targs: Vec<TypeId>,
    /// Where each explicit type argument was written.
    at: Vec<Span>,
    /// Where to report an inferred argument's failure (the call's `(`).
    span: Span,
    library: bool,
}

/// Type parameter names bound to types.
type Binds = Vec<(String, TypeId)>;

/// What `enter_decl_scope` set aside.
pub(super) struct DeclScope {
    fns: Vec<FnCtx>,
    pkg: u32,
    library: bool,
    iota: Option<i128>,
}

/// How deeply instantiations may nest (`type T[P any] struct{ f *T[[]P] }`
/// would otherwise never end).
const MAX_INSTANCE_DEPTH: u32 = 32;

/// `[K comparable, V any]` as (name, its field) pairs, flattened.
fn tparam_names(fields: &[Field]) -> Vec<&ast::Ident> {
    fields.iter().flat_map(|f| f.names.iter()).collect()
}

impl<'a> Compiler<'a> {
    /// Enters a scope with nothing in it but package `pkg`'s names and
    /// `binds` (type parameter names bound to types), as a declaration at
    /// package level sees them: how signatures, constraints and the bodies
    /// of generic types are resolved for an instance. `leave_decl_scope`
    /// undoes it. (A pair of calls, not a closure: a closure would copy
    /// this code into every caller.)
    pub(super) fn enter_decl_scope(&mut self, pkg: u32, binds: &[(String, TypeId)]) -> DeclScope {
        let fns = std::mem::take(&mut self.fns);
        let saved = DeclScope {
            fns,
            pkg: self.cur_pkg,
            library: self.library_mode,
            iota: self.iota.take(),
        };
        self.cur_pkg = pkg;
        self.library_mode = self.packages[pkg as usize].library;
        let mut ctx = FnCtx::new("<type parameters>".into(), Span::default());
        ctx.scopes.push(HashMap::default());
        self.fns.push(ctx);
        self.bind_types(binds);
        saved
    }

    pub(super) fn leave_decl_scope(&mut self, saved: DeclScope) {
        self.fns = saved.fns;
        self.cur_pkg = saved.pkg;
        self.library_mode = saved.library;
        self.iota = saved.iota;
    }

    /// Declares `binds` as type names in the innermost scope.
    fn bind_types(&mut self, binds: &[(String, TypeId)]) {
        if let Some(scope) = self.fnc().scopes.last_mut() {
            for (n, t) in binds {
                if n != "_" {
                    scope.insert(n.clone(), Sym::Type(*t));
                }
            }
        }
    }

    /// Resolves a type expression in a declaration's scope (see
    /// `enter_decl_scope`).
    fn decl_type(&mut self, pkg: u32, binds: &[(String, TypeId)], e: &Expr) -> TypeId {
        let saved = self.enter_decl_scope(pkg, binds);
        self.in_constraint = true;
        let t = self.resolve_type(e);
        self.leave_decl_scope(saved);
        t
    }

    /// A signature in a declaration's scope.
    fn decl_sig(&mut self, pkg: u32, binds: &[(String, TypeId)], ft: &ast::FuncType) -> TypeId {
        let saved = self.enter_decl_scope(pkg, binds);
        let t = self.func_type(ft).0;
        self.leave_decl_scope(saved);
        t
    }

    /// Reports an error at a place in package `pkg` (whose library flag
    /// decides how it is reported).
    fn decl_error(&mut self, pkg: u32, span: Span, msg: String) {
        let saved = self.enter_decl_scope(pkg, &[]);
        self.error(span, msg);
        self.leave_decl_scope(saved);
    }

    /// Creates the type parameters of a declaration (constraints later).
    fn new_type_params(&mut self, fields: &[Field]) -> Vec<TypeId> {
        tparam_names(fields)
            .into_iter()
            .map(|n| self.types.new_type_param(&n.name))
            .collect()
    }

    /// Resolves each type parameter's constraint and core type. Constraints
    /// may mention any parameter of the list (`[S ~[]E, E any]`).
    fn resolve_constraints(&mut self, pkg: u32, fields: &[Field], tparams: &[TypeId]) {
        let binds = binds_of(fields, tparams);
        let saved = self.enter_decl_scope(pkg, &binds);
        self.set_constraints(fields, tparams);
        self.leave_decl_scope(saved);
    }

    /// Resolves (in the current scope) and sets each type parameter's
    /// constraint and core type. Twice: a constraint may rely on a later
    /// one (`[M ~map[K]V, K comparable]` needs K comparable), so the first
    /// pass only sets them all, quietly, and the second reports.
    fn set_constraints(&mut self, fields: &[Field], tparams: &[TypeId]) {
        for pass in 0..2 {
            let mark = self.diags.len();
            let mut i = 0;
            for f in fields {
                let c = self.resolve_constraint(&f.ty);
                let core = self.core_of(c);
                for _ in &f.names {
                    if let Some(&p) = tparams.get(i) {
                        self.types.set_constraint(p, c, core);
                    }
                    i += 1;
                }
            }
            if pass == 0 {
                self.diags.truncate(mark);
            }
        }
    }

    /// Pushes a scope on the current function with `binds` in it (a local
    /// generic type sees the function's names); `pop` it after.
    fn push_local_binds(&mut self, binds: &[(String, TypeId)]) {
        self.push_scope();
        self.bind_types(binds);
    }

    /// A constraint in a type parameter list: a type, an interface, or a
    /// bare union (`~int | ~float64`, an implicit interface).
    pub(super) fn resolve_constraint(&mut self, e: &Expr) -> TypeId {
        if let ExprKind::Union(terms) = &e.kind {
            let terms = self.union_terms(terms);
            return self.types.intern(TypeKind::Constraint(TypeSet {
                methods: Vec::new(),
                terms,
                comparable: false,
                implicit: true,
            }));
        }
        self.in_constraint = true;
        let t = self.resolve_type(e);
        if t == wk::INVALID {
            return t;
        }
        match self.types.ukind(t) {
            TypeKind::Interface(_) | TypeKind::Constraint(_) => t,
            _ => self.types.intern(TypeKind::Constraint(TypeSet {
                methods: Vec::new(),
                terms: Some(vec![Term {
                    tilde: false,
                    ty: t,
                }]),
                comparable: false,
                implicit: true,
            })),
        }
    }

    /// The terms of a union; an interface term contributes its own terms
    /// (`Signed | Unsigned`), and one without terms makes the union every
    /// type (`None`).
    pub(super) fn union_terms(&mut self, terms: &[ast::Term]) -> Option<Vec<Term>> {
        let mut out: Vec<Term> = Vec::new();
        let mut everything = false;
        for term in terms {
            self.in_constraint = true;
            let t = self.resolve_type(&term.ty);
            if t == wk::INVALID {
                continue;
            }
            if !term.tilde && matches!(self.types.ukind(t), TypeKind::Constraint(_)) {
                match self.type_set(t).terms {
                    Some(ts) => out.extend(ts),
                    None => everything = true,
                }
                continue;
            }
            if !term.tilde && self.types.is_interface(t) {
                everything = true;
                continue;
            }
            out.push(Term {
                tilde: term.tilde,
                ty: t,
            });
        }
        (!everything).then_some(out)
    }

    /// Phase 1: a generic type's name, with its type parameters (their
    /// constraints are resolved once every type name is known).
    pub(super) fn declare_generic_type(&mut self, s: &Rc<ast::TypeSpec>) {
        let pkg = self.cur_pkg;
        let tparams = self.new_type_params(&s.tparams);
        let gid = self.generic_types.len() as u32;
        let local = !self.fns.is_empty();
        self.generic_types.push(GenericType {
            spec: s.clone(),
            local,
            pkg,
            tparams: tparams.clone(),
            methods: Vec::new(),
            instances: Vec::new(),
            failed: false,
        });
        if local {
            // Its constraints and its body see the function's names.
            let binds = binds_of(&s.tparams, &tparams);
            self.push_local_binds(&binds);
            self.set_constraints(&s.tparams, &tparams);
            self.fnc().scopes.pop();
            if let Some(scope) = self.fnc().scopes.last_mut() {
                scope.insert(s.name.name.clone(), Sym::GenericType(gid));
            }
            return;
        }
        let scope = &mut self.packages[pkg as usize].scope;
        if scope.contains_key(&s.name.name) {
            errorf!(
                self,
                s.name.span,
                "{} redeclared in this block",
                s.name.name
            );
            return;
        }
        scope.insert(s.name.name.clone(), Sym::GenericType(gid));
    }

    /// Phase 1: attaches each method declared on a generic type (`func (l
    /// *List[T]) Push(v T)`) to its type; declare_funcs skips them.
    pub(super) fn collect_generic_methods(&mut self, file: &'a ast::File) {
        for d in &file.decls {
            let ast::Decl::Func(fd) = d else { continue };
            let Some(recv) = &fd.recv else { continue };
            let Some((base, _)) = recv_type_args(&recv.ty) else {
                continue;
            };
            if let Some(Sym::GenericType(gid)) =
                self.packages[self.cur_pkg as usize].scope.get(&base.name)
            {
                let gid = *gid;
                self.generic_types[gid as usize].methods.push(fd);
            }
        }
    }

    /// Whether `fd` is a method of a generic type (collected above).
    pub(super) fn is_generic_method(&self, fd: &ast::FuncDecl) -> bool {
        self.generic_types
            .iter()
            .any(|g| g.methods.iter().any(|m| std::ptr::eq(*m, fd)))
    }

    /// Phase 2, after every type body: constraints of the generic types,
    /// then the checks deferred until they were known.
    pub(super) fn resolve_generic_type_constraints(&mut self) {
        for gid in 0..self.generic_types.len() {
            let g = &self.generic_types[gid];
            let (pkg, spec, tparams) = (g.pkg, g.spec.clone(), g.tparams.clone());
            self.resolve_constraints(pkg, &spec.tparams, &tparams);
        }
        for v in self.verify_later.take().unwrap_or_default() {
            self.verify(&v);
        }
    }

    /// Phase 2: a generic function's type parameters and signature, and
    /// the job that checks its body.
    pub(super) fn declare_generic_func(&mut self, fd: &'a ast::FuncDecl) {
        let pkg = self.cur_pkg;
        if fd.name.name == "main" || fd.name.name == "init" {
            errorf!(
                self,
                fd.name.span,
                "func {} must have no type parameters",
                fd.name.name
            );
        }
        let tparams = self.new_type_params(&fd.tparams);
        self.resolve_constraints(pkg, &fd.tparams, &tparams);
        let binds = binds_of(&fd.tparams, &tparams);
        let sig = self.decl_sig(pkg, &binds, &fd.sig);
        let gfid = self.generic_funcs.len() as u32;
        self.generic_funcs.push(GenericFunc {
            decl: fd,
            pkg,
            tparams,
            sig,
            instances: Vec::new(),
            failed: false,
        });
        let scope = &mut self.packages[pkg as usize].scope;
        if scope.contains_key(&fd.name.name) {
            errorf!(
                self,
                fd.name.span,
                "{} redeclared in this block",
                fd.name.name
            );
        } else {
            scope.insert(fd.name.name.clone(), Sym::GenericFunc(gfid));
        }
        let name = format!("{}.{}", self.packages[pkg as usize].name, fd.name.name);
        self.pending.push(PendingFunc {
            fid: NO_FUNC,
            pkg,
            decl: fd,
            recv_ty: None,
            sig_ty: sig,
            name,
            binds,
            origin: Some(Origin::Func(gfid)),
        });
    }

    /// End of phase 2: each generic type instantiated with its own type
    /// parameters, whose methods are the bodies to check.
    pub(super) fn check_generic_types(&mut self) {
        for gid in 0..self.generic_types.len() as u32 {
            let g = &self.generic_types[gid as usize];
            let (tparams, span) = (g.tparams.clone(), g.spec.name.span);
            let prev = (self.cur_pkg, self.library_mode);
            self.cur_pkg = g.pkg;
            self.library_mode = self.packages[g.pkg as usize].library;
            let own = self.instantiate_type(gid, tparams.clone(), &[], span);
            (self.cur_pkg, self.library_mode) = prev;
            if own == wk::INVALID {
                continue;
            }
            let g = &self.generic_types[gid as usize];
            let (pkg, methods) = (g.pkg, g.methods.clone());
            let mut seen: Vec<&str> = Vec::new();
            for m in methods {
                if seen.contains(&m.name.name.as_str()) {
                    let msg = format!("method {}.{} already declared", self.tn(own), m.name.name);
                    self.decl_error(pkg, m.name.span, msg);
                    continue;
                }
                seen.push(&m.name.name);
                self.method_job(own, pkg, m, &tparams, NO_FUNC, Origin::Type(gid));
            }
        }
    }

    /// `List[int]`: the instance of generic type `gid` (made and memoized
    /// on first use). `at` holds the type arguments' spans.
    pub(super) fn instantiate_type(
        &mut self,
        gid: u32,
        targs: Vec<TypeId>,
        at: &[Span],
        span: Span,
    ) -> TypeId {
        let g = &self.generic_types[gid as usize];
        let want = g.tparams.len();
        if targs.len() != want {
            let name = g.spec.name.name.clone();
            let what = if targs.len() < want {
                "not enough"
            } else {
                "too many"
            };
            errorf!(
                self,
                span,
                "{} type arguments for type {}: have {}, want {}",
                what,
                name,
                targs.len(),
                want
            );
            return wk::INVALID;
        }
        if targs.contains(&wk::INVALID) {
            return wk::INVALID;
        }
        if let Some((_, t)) = g.instances.iter().find(|(a, _)| *a == targs) {
            return *t;
        }
        if self.instance_depth > MAX_INSTANCE_DEPTH {
            // A type whose body instantiates it with a larger argument
            // (`type Box[T any] struct{ next *Box[[]T] }`).
            let names = tparam_names(&g.spec.tparams);
            let src = self.sources.get(g.pkg as usize).copied().unwrap_or("");
            let grown = at
                .iter()
                .zip(names.iter())
                .find(|(a, n)| src.get(a.lo as usize..a.hi as usize) != Some(n.name.as_str()));
            if let Some((a, n)) = grown {
                let (a, name, decl) = (*a, n.name.clone(), n.span);
                let written = src
                    .get(a.lo as usize..a.hi as usize)
                    .unwrap_or("")
                    .to_string();
                let msg = format!(
                    "instantiation cycle:\n\t{}: {} instantiated as {}",
                    pos_marker(a.lo),
                    name,
                    written
                );
                let pkg = g.pkg;
                self.decl_error(pkg, decl, msg);
            } else {
                errorf!(self, span, "instantiation cycle");
            }
            return wk::INVALID;
        }
        let (pkg, spec, methods, local) = (g.pkg, g.spec.clone(), g.methods.clone(), g.local);
        let qualified = format!("{}.{}", self.packages[pkg as usize].name, spec.name.name);
        let named = self.types.new_named(&qualified, wk::INVALID);
        if let Some(n) = self.types.named_info_mut(named) {
            n.targs = targs.clone();
        }
        self.generic_types[gid as usize]
            .instances
            .push((targs.clone(), named));
        self.instance_depth += 1;
        let binds = binds_of(&spec.tparams, &targs);
        // Like any type declaration, a generic one may declare a
        // constraint (`type Setter[T any] interface{ *T; Set(string) }`).
        let under = if local && !self.fns.is_empty() {
            self.push_local_binds(&binds);
            self.in_constraint = true;
            let t = self.resolve_type(&spec.ty);
            self.fnc().scopes.pop();
            t
        } else {
            self.decl_type(pkg, &binds, &spec.ty)
        };
        if self.types.is_type_param(under) {
            let msg = "cannot use a type parameter as RHS in type declaration".to_string();
            self.decl_error(pkg, spec.ty.span, msg);
        }
        let u = self.types.underlying(under);
        self.types.set_underlying(named, u);
        let open = self.types.is_open(named);
        for m in methods {
            let Some((_, sig, pointer_recv)) = self.method_of_instance(pkg, m, &targs) else {
                continue;
            };
            if self.types.find_method(named, &m.name.name).is_some() {
                continue;
            }
            let fid = if open {
                NO_FUNC
            } else {
                let fid = self.funcs.len() as u32;
                self.funcs.push(None);
                fid
            };
            let target = MethodTarget::Func(fid);
            self.add_method(named, &m.name.name, pointer_recv, sig, target, !open);
            if !open {
                self.method_job(named, pkg, m, &targs, fid, Origin::Type(gid));
            }
        }
        self.instance_depth -= 1;
        // Instances derived from checked ones (substitution) have no place
        // of their own and need no second check.
        if span != Span::default() {
            self.verify_or_defer(Origin::Type(gid), targs, at, span);
        }
        named
    }

    /// Method `m` of a generic type for `targs`: the receiver's type
    /// parameter names bound to them, the signature and whether the
    /// receiver is a pointer. `None` for a method gosim refuses.
    fn method_of_instance(
        &mut self,
        pkg: u32,
        m: &'a ast::FuncDecl,
        targs: &[TypeId],
    ) -> Option<(Binds, TypeId, bool)> {
        let recv = m.recv.as_ref()?;
        let (_, names) = recv_type_args(&recv.ty)?;
        let binds: Vec<(String, TypeId)> = names
            .iter()
            .zip(targs.iter())
            .map(|(n, t)| (n.clone(), *t))
            .collect();
        let pointer_recv = matches!(strip_paren(&recv.ty).kind, ExprKind::Star(_));
        if !m.tparams.is_empty() {
            let msg = "generic methods (Go 1.27) are not supported by gosim".to_string();
            self.decl_error(pkg, m.tparams[0].span, msg);
            self.refused_methods.push(m.name.name.clone());
            return None;
        }
        let sig = self.decl_sig(pkg, &binds, &m.sig);
        Some((binds, sig, pointer_recv))
    }

    /// Queues the body of method `m` of instance `named`: to be compiled
    /// into `fid`, or with `NO_FUNC` only checked.
    fn method_job(
        &mut self,
        named: TypeId,
        pkg: u32,
        m: &'a ast::FuncDecl,
        targs: &[TypeId],
        fid: u32,
        origin: Origin,
    ) {
        let Some((binds, sig, pointer_recv)) = self.method_of_instance(pkg, m, targs) else {
            return;
        };
        let recv_ty = if pointer_recv {
            self.types.pointer(named)
        } else {
            named
        };
        let base = self
            .types
            .named_info(named)
            .map(|n| n.qualified.clone())
            .unwrap_or_default();
        let short = base.rsplit('.').next().unwrap_or("");
        let pkgname = &self.packages[pkg as usize].name;
        let name = if pointer_recv {
            format!("{}.(*{}[...]).{}", pkgname, short, m.name.name)
        } else {
            format!("{}.{}[...].{}", pkgname, short, m.name.name)
        };
        self.pending.push(PendingFunc {
            fid,
            pkg,
            decl: m,
            recv_ty: Some(recv_ty),
            sig_ty: sig,
            name,
            binds,
            origin: Some(origin),
        });
    }

    /// Declares method `name` on named type `base`; with `dispatch`, also
    /// the method-table entries interfaces and method values use.
    pub(super) fn add_method(
        &mut self,
        base: TypeId,
        name: &str,
        pointer_recv: bool,
        sig: TypeId,
        target: MethodTarget,
        dispatch: bool,
    ) {
        if let Some(n) = self.types.named_info_mut(base) {
            n.methods.push(Method {
                name: name.to_string(),
                pointer_recv,
                sig,
                target,
            });
        }
        if !dispatch {
            return;
        }
        let mid = self.method_name_id(name);
        let ptr_ty = self.types.pointer(base);
        self.methods.entries.insert(
            (ptr_ty, mid),
            MethodEntry {
                target,
                sig,
                recv: if pointer_recv {
                    RecvAdjust::None
                } else {
                    RecvAdjust::Deref
                },
            },
        );
        if !pointer_recv {
            self.methods.entries.insert(
                (base, mid),
                MethodEntry {
                    target,
                    sig,
                    recv: RecvAdjust::None,
                },
            );
        }
    }

    /// `F[int]` or an inferred call's instance: the function to call (none
    /// inside a generic body, where arguments may be type parameters) and
    /// its signature. `None` when the arguments do not satisfy the
    /// constraints (reported).
    pub(super) fn instantiate_func(
        &mut self,
        gfid: u32,
        targs: Vec<TypeId>,
        at: &[Span],
        span: Span,
    ) -> Option<(u32, TypeId)> {
        if !self.verify_or_defer(Origin::Func(gfid), targs.clone(), at, span) {
            return None;
        }
        self.record_mono_edges(
            &self.generic_funcs[gfid as usize].tparams.clone(),
            &targs,
            at,
            span,
        );
        let g = &self.generic_funcs[gfid as usize];
        if let Some((_, fid)) = g.instances.iter().find(|(a, _)| *a == targs) {
            let fid = *fid;
            let sig = self.funcs_sig(gfid, &targs);
            return Some((fid, sig));
        }
        let sig = self.funcs_sig(gfid, &targs);
        if targs.iter().any(|t| self.types.is_open(*t)) {
            return Some((NO_FUNC, sig));
        }
        let g = &self.generic_funcs[gfid as usize];
        let (decl, pkg) = (g.decl, g.pkg);
        let fid = self.funcs.len() as u32;
        self.funcs.push(None);
        self.generic_funcs[gfid as usize]
            .instances
            .push((targs.clone(), fid));
        let name = format!(
            "{}.{}[...]",
            self.packages[pkg as usize].name, decl.name.name
        );
        self.pending.push(PendingFunc {
            fid,
            pkg,
            decl,
            recv_ty: None,
            sig_ty: sig,
            name,
            binds: binds_of(&decl.tparams, &targs),
            origin: Some(Origin::Func(gfid)),
        });
        Some((fid, sig))
    }

    /// A generic function's signature for `targs`.
    fn funcs_sig(&mut self, gfid: u32, targs: &[TypeId]) -> TypeId {
        let g = &self.generic_funcs[gfid as usize];
        if *targs == g.tparams[..] {
            return g.sig;
        }
        let (decl, pkg) = (g.decl, g.pkg);
        let binds = binds_of(&decl.tparams, targs);
        self.decl_sig(pkg, &binds, &decl.sig)
    }

    /// Checks (or, before constraints are known, queues the check) that
    /// `targs` satisfy their constraints. False when they do not.
    fn verify_or_defer(
        &mut self,
        origin: Origin,
        targs: Vec<TypeId>,
        at: &[Span],
        span: Span,
    ) -> bool {
        let v = Verification {
            origin,
            targs,
            at: at.to_vec(),
            span,
            library: self.library_mode,
        };
        match &mut self.verify_later {
            Some(list) => {
                list.push(v);
                true
            }
            None => self.verify(&v),
        }
    }

    /// instantiate.go's `verify`: the first type argument that does not
    /// satisfy its constraint is reported, as `go build` does.
    fn verify(&mut self, v: &Verification) -> bool {
        // The declaration whose type parameter list is checked against.
        let (func, spec, tparams, pkg) = match v.origin {
            Origin::Func(g) => {
                let g = &self.generic_funcs[g as usize];
                (Some(g.decl), None, g.tparams.clone(), g.pkg)
            }
            Origin::Type(g) => {
                let g = &self.generic_types[g as usize];
                (None, Some(g.spec.clone()), g.tparams.clone(), g.pkg)
            }
        };
        let fields: &[Field] = match (func, &spec) {
            (Some(f), _) => &f.tparams,
            (None, Some(s)) => &s.tparams,
            (None, None) => &[],
        };
        let binds = binds_of(fields, &v.targs);
        let mut i = 0;
        for f in fields {
            for _ in &f.names {
                let (Some(&targ), Some(&p)) = (v.targs.get(i), tparams.get(i)) else {
                    return true;
                };
                let stored = self
                    .types
                    .tparam_info(p)
                    .map(|info| info.constraint)
                    .unwrap_or(wk::EMPTY_IFACE);
                // A constraint that mentions the list's parameters is
                // resolved again with the arguments in their place.
                let c = if stored_mentions(&self.types, stored) {
                    let saved = self.enter_decl_scope(pkg, &binds);
                    let c = self.resolve_constraint(&f.ty);
                    self.leave_decl_scope(saved);
                    c
                } else {
                    stored
                };
                if let Err(why) = self.satisfies(targ, c) {
                    let at = v.at.get(i).copied().unwrap_or(v.span);
                    let msg = format!("{} does not satisfy {}{}", self.tn(targ), self.tn(c), why);
                    let lib = std::mem::replace(&mut self.library_mode, v.library);
                    self.error(at, msg);
                    self.library_mode = lib;
                    return false;
                }
                i += 1;
            }
        }
        true
    }

    /// If `e` names a generic function or type (`F`, `pkg.F`), which.
    pub(super) fn generic_ref(&mut self, e: &Expr) -> Option<Sym> {
        match &strip_paren(e).kind {
            ExprKind::Ident(id) => match self.lookup(&id.name) {
                Some(s @ (Sym::GenericFunc(_) | Sym::GenericType(_))) => Some(s),
                _ => None,
            },
            ExprKind::Selector(x, sel) => {
                let ExprKind::Ident(pid) = &x.kind else {
                    return None;
                };
                let Some(Sym::Package { pkg, .. }) = self.lookup(&pid.name) else {
                    return None;
                };
                match self.packages[pkg as usize].scope.get(&sel.name) {
                    Some(s @ (Sym::GenericFunc(_) | Sym::GenericType(_))) => Some(s.clone()),
                    _ => None,
                }
            }
            _ => None,
        }
    }

    /// `List[T any]`, as Go names a generic type in "without instantiation".
    pub(super) fn generic_type_text(&self, gid: u32) -> String {
        let g = &self.generic_types[gid as usize];
        let src = self.sources.get(g.pkg as usize).copied().unwrap_or("");
        let params: Vec<&str> = g
            .spec
            .tparams
            .iter()
            .map(|f| {
                src.get(f.span.lo as usize..f.span.hi as usize)
                    .unwrap_or("")
            })
            .collect();
        format!("{}[{}]", g.spec.name.name, params.join(", "))
    }

    /// The type parameters (and their declarations) of a generic function.
    pub(super) fn generic_func_params(&self, gfid: u32) -> (Vec<TypeId>, Vec<&'a ast::Ident>) {
        let g = &self.generic_funcs[gfid as usize];
        (g.tparams.clone(), tparam_names(&g.decl.tparams))
    }

    /// Resolves the type arguments written in `x[A, B]`.
    pub(super) fn type_args(&mut self, args: &[&Expr]) -> (Vec<TypeId>, Vec<Span>) {
        let tys = args.iter().map(|a| self.resolve_type(a)).collect();
        let spans = args.iter().map(|a| a.span).collect();
        (tys, spans)
    }
}

impl<'a> Compiler<'a> {
    pub(super) fn generic_failed(&self, o: Origin) -> bool {
        match o {
            Origin::Func(g) => self.generic_funcs[g as usize].failed,
            Origin::Type(g) => self.generic_types[g as usize].failed,
        }
    }

    pub(super) fn mark_generic_failed(&mut self, o: Origin) {
        match o {
            Origin::Func(g) => self.generic_funcs[g as usize].failed = true,
            Origin::Type(g) => self.generic_types[g as usize].failed = true,
        }
    }

    /// `List[int]` in a type: the instance, or an error when `x` is not a
    /// generic type.
    pub(super) fn resolve_instance(&mut self, e: &Expr, x: &Expr, args: &[&Expr]) -> TypeId {
        match self.generic_ref(x) {
            Some(Sym::GenericType(gid)) => {
                let (tys, spans) = self.type_args(args);
                self.instantiate_type(gid, tys, &spans, e.span)
            }
            Some(_) => {
                errorf!(self, e.span, "{} is not a type", self.text(e.span));
                wk::INVALID
            }
            None => {
                let t = self.resolve_type(x);
                if t != wk::INVALID {
                    errorf!(self, x.span, "{} is not a generic type", self.text(x.span));
                }
                wk::INVALID
            }
        }
    }

    /// `F[int]` or `List[int]` in an expression: an instantiated function
    /// value, or a type (for a conversion or a composite literal).
    pub(super) fn instance_expr(&mut self, g: Sym, args: &[&Expr], span: Span) -> Operand {
        let (tys, spans) = self.type_args(args);
        match g {
            Sym::GenericType(gid) => {
                let t = self.instantiate_type(gid, tys, &spans, span);
                if t == wk::INVALID {
                    return Operand::invalid(span);
                }
                Operand {
                    mode: Mode::Type,
                    ty: t,
                    span,
                }
            }
            Sym::GenericFunc(gfid) => {
                let (tparams, _) = self.generic_func_params(gfid);
                if tys.len() > tparams.len() {
                    let at = spans.get(tparams.len()).copied().unwrap_or(span);
                    errorf!(
                        self,
                        at,
                        "got {} type arguments but want {}",
                        tys.len(),
                        tparams.len()
                    );
                    return Operand::invalid(span);
                }
                if tys.contains(&wk::INVALID) {
                    return Operand::invalid(span);
                }
                if tys.len() < tparams.len() {
                    let (_, names) = self.generic_func_params(gfid);
                    let decl_at = names[tys.len()].span.lo;
                    let lbrack = self.bracket_before(args[0].span.lo);
                    errorf!(
                        self,
                        Span::new(lbrack, lbrack + 1),
                        "cannot infer {} (declared at {})",
                        names[tys.len()].name,
                        pos_marker(decl_at)
                    );
                    return Operand::invalid(span);
                }
                match self.instantiate_func(gfid, tys, &spans, span) {
                    Some((fid, sig)) => {
                        self.emit(Op::PushFunc(fid));
                        Operand::value(sig, span)
                    }
                    None => Operand::invalid(span),
                }
            }
            _ => Operand::invalid(span),
        }
    }

    /// Where the `[` before offset `lo` is.
    fn bracket_before(&self, lo: u32) -> u32 {
        let src = self
            .sources
            .get(self.cur_pkg as usize)
            .copied()
            .unwrap_or("");
        src.get(..lo as usize)
            .and_then(|s| s.rfind('['))
            .map(|i| i as u32)
            .unwrap_or(lo)
    }

    /// A generic function used as a value where a type is expected
    /// (`var f func(int) int = Double`, `apply(Double, 4)`): its type
    /// arguments are inferred from the target's type, as Go 1.21 does.
    /// `None` when `e` is not a generic function; otherwise the function
    /// value pushed, or an invalid operand (reported). `call` names the
    /// call and its `(` when `e` is an argument.
    pub(super) fn generic_value(
        &mut self,
        e: &Expr,
        target: TypeId,
        call: Option<(&str, Span)>,
    ) -> Option<Operand> {
        let inner = strip_paren(e);
        let (g, args): (Sym, Vec<&Expr>) = match &inner.kind {
            ExprKind::Ident(_) | ExprKind::Selector(..) => (self.generic_ref(inner)?, vec![]),
            ExprKind::Index(x, i) => (self.generic_ref(x)?, vec![&**i]),
            ExprKind::IndexList(x, a) => (self.generic_ref(x)?, a.iter().collect()),
            _ => return None,
        };
        let Sym::GenericFunc(gfid) = g else {
            return None;
        };
        let (tparams, names) = self.generic_func_params(gfid);
        let (explicit, spans) = self.type_args(&args);
        if explicit.len() >= tparams.len() || explicit.contains(&wk::INVALID) {
            return Some(self.expr(e));
        }
        let span = e.span;
        let gsig = self.generic_funcs[gfid as usize].sig;
        let target_is_func = self.types.signature(target).is_some();
        let targs = if target_is_func {
            self.infer_from_target(gfid, &explicit, gsig, target)
        } else {
            None
        };
        let Some(targs) = targs else {
            let missing = explicit.len();
            match call {
                Some((fname, lparen)) => errorf!(
                    self,
                    lparen,
                    "in call to {}, cannot infer {} (declared at {})",
                    fname,
                    names[missing].name,
                    pos_marker(names[missing].span.lo)
                ),
                None => errorf!(
                    self,
                    span,
                    "cannot use generic function {} without instantiation",
                    self.text(span)
                ),
            }
            return Some(Operand::invalid(span));
        };
        match self.instantiate_func(gfid, targs, &spans, span) {
            Some((fid, sig)) => {
                self.emit(Op::PushFunc(fid));
                Some(Operand::value(sig, span))
            }
            None => Some(Operand::invalid(span)),
        }
    }
}

/// An edge of go/types' monomorphization graph (monomorph.go): type
/// parameter `to` is instantiated with `targ`, which mentions type
/// parameter `from` (as itself, or `grows` it, as in `[]T`).
pub(super) struct MonoEdge {
    from: TypeId,
    to: TypeId,
    grows: bool,
    pos: Span,
    targ: TypeId,
}

impl<'a> Compiler<'a> {
    /// Records where type parameters flow into instantiations (only those
    /// made while generic bodies are checked matter).
    fn record_mono_edges(&mut self, tparams: &[TypeId], targs: &[TypeId], at: &[Span], span: Span) {
        for (i, (&to, &targ)) in tparams.iter().zip(targs.iter()).enumerate() {
            if !self.types.is_open(targ) {
                continue;
            }
            let mut mentioned = Vec::new();
            self.tparams_in(targ, &mut mentioned, 0);
            for from in mentioned {
                self.mono_edges.push(MonoEdge {
                    from,
                    to,
                    grows: from != targ,
                    pos: at.get(i).copied().unwrap_or(span),
                    targ,
                });
            }
        }
    }

    fn tparams_in(&self, t: TypeId, out: &mut Vec<TypeId>, depth: u32) {
        if depth > 32 || !self.types.is_open(t) {
            return;
        }
        let d = depth + 1;
        match self.types.kind(t) {
            TypeKind::TypeParam(_) if !out.contains(&t) => out.push(t),
            TypeKind::Pointer(e)
            | TypeKind::Slice(e)
            | TypeKind::Array(_, e)
            | TypeKind::Chan(_, e) => self.tparams_in(*e, out, d),
            TypeKind::Map(k, v) => {
                self.tparams_in(*k, out, d);
                self.tparams_in(*v, out, d);
            }
            TypeKind::Func(sig) => {
                for p in sig.params.iter().chain(sig.results.iter()) {
                    self.tparams_in(*p, out, d);
                }
            }
            TypeKind::Struct(fs) => {
                for f in fs {
                    self.tparams_in(f.ty, out, d);
                }
            }
            TypeKind::Tuple(ts) => {
                for x in ts {
                    self.tparams_in(*x, out, d);
                }
            }
            TypeKind::Named(i) => {
                for a in &self.types.named[*i as usize].targs {
                    self.tparams_in(*a, out, d);
                }
            }
            _ => {}
        }
    }

    /// monomorph.go's check: an instantiation cycle through which a type
    /// argument grows (`F[T]` calling `F[[]T]`) would need infinitely many
    /// instances. Reports the first one found; true if any.
    pub(super) fn check_instance_cycles(&mut self) -> bool {
        // Go reports one such cycle: a type's may have been found already.
        if self
            .diags
            .iter()
            .any(|d| d.message.starts_with("instantiation cycle"))
        {
            return true;
        }
        for e in 0..self.mono_edges.len() {
            if !self.mono_edges[e].grows {
                continue;
            }
            // A path back from the edge's target to its source closes a cycle.
            let (from, to) = (self.mono_edges[e].from, self.mono_edges[e].to);
            let Some(path) = self.mono_path(to, from) else {
                continue;
            };
            let mut msg = String::from("instantiation cycle:");
            for i in path.into_iter().chain(std::iter::once(e)) {
                let edge = &self.mono_edges[i];
                msg.push_str(&format!(
                    "\n\t{}: {} instantiated as {}",
                    pos_marker(edge.pos.lo),
                    self.tn(edge.to),
                    self.tn(edge.targ)
                ));
            }
            let at = self.tparam_decl(from).unwrap_or(self.mono_edges[e].pos);
            self.error(at, msg);
            return true;
        }
        false
    }

    /// The edges of a path from type parameter `a` to `b` (breadth first).
    fn mono_path(&self, a: TypeId, b: TypeId) -> Option<Vec<usize>> {
        if a == b {
            return Some(Vec::new());
        }
        let mut prev: Vec<(TypeId, usize)> = Vec::new();
        let mut queue = vec![a];
        let mut seen = vec![a];
        while let Some(n) = queue.first().copied() {
            queue.remove(0);
            for (i, e) in self.mono_edges.iter().enumerate() {
                if e.from != n || seen.contains(&e.to) {
                    continue;
                }
                seen.push(e.to);
                prev.push((e.to, i));
                if e.to == b {
                    let mut path = Vec::new();
                    let mut cur = b;
                    while cur != a {
                        let &(_, i) = prev.iter().find(|(t, _)| *t == cur)?;
                        path.push(i);
                        cur = self.mono_edges[i].from;
                    }
                    path.reverse();
                    return Some(path);
                }
                queue.push(e.to);
            }
        }
        None
    }

    /// Where type parameter `t` is declared.
    fn tparam_decl(&self, t: TypeId) -> Option<Span> {
        for g in &self.generic_funcs {
            if let Some(i) = g.tparams.iter().position(|p| *p == t) {
                return tparam_names(&g.decl.tparams).get(i).map(|n| n.span);
            }
        }
        for g in &self.generic_types {
            if let Some(i) = g.tparams.iter().position(|p| *p == t) {
                return tparam_names(&g.spec.tparams).get(i).map(|n| n.span);
            }
        }
        None
    }
}

/// Whether a constraint mentions a type parameter (so must be resolved
/// again per instance).
fn stored_mentions(types: &crate::types::Types, c: TypeId) -> bool {
    if types.is_open(c) {
        return true;
    }
    match types.ukind(c) {
        TypeKind::Interface(ms) => ms.iter().any(|m| types.is_open(m.sig)),
        TypeKind::Constraint(ts) => {
            ts.terms.iter().flatten().any(|t| types.is_open(t.ty))
                || ts.methods.iter().any(|m| types.is_open(m.sig))
        }
        _ => false,
    }
}

/// Names of a type parameter list bound to `targs`, in order.
fn binds_of(fields: &[Field], targs: &[TypeId]) -> Vec<(String, TypeId)> {
    tparam_names(fields)
        .into_iter()
        .zip(targs.iter())
        .map(|(n, t)| (n.name.clone(), *t))
        .collect()
}

fn strip_paren(e: &Expr) -> &Expr {
    match &e.kind {
        ExprKind::Paren(x) => strip_paren(x),
        _ => e,
    }
}

/// A generic receiver `*List[K, V]`: the base name and the receiver's
/// type parameter names (`_` for anything that is not a name).
pub(super) fn recv_type_args(e: &Expr) -> Option<(&ast::Ident, Vec<String>)> {
    let e = match &strip_paren(e).kind {
        ExprKind::Star(x) => strip_paren(x),
        _ => strip_paren(e),
    };
    let (head, args): (&Expr, Vec<&Expr>) = match &e.kind {
        ExprKind::Index(h, a) => (h, vec![&**a]),
        ExprKind::IndexList(h, a) => (h, a.iter().collect()),
        _ => return None,
    };
    let ExprKind::Ident(base) = &head.kind else {
        return None;
    };
    let names = args
        .iter()
        .map(|a| match &a.kind {
            ExprKind::Ident(id) => id.name.clone(),
            _ => "_".to_string(),
        })
        .collect();
    Some((base, names))
}
