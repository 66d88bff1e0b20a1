//! Declarations: go/types' decl.go, resolver.go and typexpr.go. Imports,
//! type names and bodies, type expressions, constants (with `iota`),
//! package variables, function signatures and methods, and the driver that
//! compiles every function body and builds the entry function.
//!
//! Owns the order of the phases (all type names before any type body, all
//! signatures before any function body). The universe scope is
//! universe.rs; statements inside bodies are stmt.rs and the rooms it
//! hands to.

use crate::compile::consts::{self, ConstVal};
use crate::compile::{
    appendstack, boxing, initorder, stmt, Compiler, DeclSite, FnCtx, InitChunk, Package,
    PackageSource, PendingFunc, Sym, NO_FUNC,
};
use crate::syntax::ast::{self, Decl, Expr, ExprKind, GenDecl};
use crate::syntax::span::Span;
use crate::types::{well_known as wk, TypeId, Types};
use crate::types::{ChanDir, Field, IfaceMethod, MethodTarget, OpaqueKind, TypeKind, TypeSet};
use crate::util::fasthash::{HashMap, HashSet};
use crate::vm::natives::Native;
use crate::vm::op::{FuncCode, GlobalInfo, Op};

/// The packages a program may import, and whether gosim implements them.
const KNOWN_PACKAGES: &[&str] = &[
    "cmp",
    "iter",
    "fmt",
    "sync",
    "sync/atomic",
    "time",
    "context",
    "errors",
    "os",
    "strings",
    "strconv",
    "math",
    "runtime",
    "sort",
    "unicode/utf8",
];

impl<'a> Compiler<'a> {
    pub(super) fn compile_all(&mut self, pkgs: &[PackageSource<'a>]) {
        // Phase 1: create packages, imports, type names.
        for p in pkgs.iter() {
            let idx = self.packages.len() as u32;
            let name = p.path.rsplit('/').next().unwrap_or(p.path).to_string();
            self.packages.push(Package {
                path: p.path.to_string(),
                name,
                scope: HashMap::default(),
                library: p.library,
            });
            self.sources.push(p.text);
            self.cur_pkg = idx;
            self.library_mode = p.library;
            self.declare_imports(p);
            self.declare_type_names(p);
            self.collect_generic_methods(p.file);
        }
        // Phase 2: type bodies and constants (in the order they need each
        // other), the types that contain themselves, signatures, globals.
        for (i, p) in pkgs.iter().enumerate() {
            self.cur_pkg = i as u32;
            self.library_mode = p.library;
            self.declare_types_and_consts(p);
        }
        self.resolve_generic_type_constraints();
        for (i, p) in pkgs.iter().enumerate() {
            self.cur_pkg = i as u32;
            self.library_mode = p.library;
            self.declare_funcs(p);
        }
        let user = pkgs.len() - 1;
        self.cur_pkg = user as u32;
        self.library_mode = false;
        self.check_recursive_types(&pkgs[user]);
        for (i, p) in pkgs.iter().enumerate() {
            self.cur_pkg = i as u32;
            self.library_mode = p.library;
            self.declare_globals(p);
        }
        self.check_generic_types();
        // Phase 3: bodies. Generic bodies are checked first, so an instance
        // of one with errors is never compiled; instances made while bodies
        // compile are compiled in later rounds.
        loop {
            let pending = std::mem::take(&mut self.pending);
            if pending.is_empty() {
                break;
            }
            let (checks, bodies): (Vec<_>, Vec<_>) =
                pending.into_iter().partition(|pf| pf.fid == NO_FUNC);
            for pf in &checks {
                self.cur_pkg = pf.pkg;
                self.library_mode = pkgs[pf.pkg as usize].library;
                self.compile_func_decl(pf);
            }
            // Every generic body has been checked (they are all queued
            // before the first round): an instantiation cycle would make
            // the instances endless.
            if !checks.is_empty() && self.check_instance_cycles() {
                break;
            }
            for pf in &bodies {
                self.cur_pkg = pf.pkg;
                self.library_mode = pkgs[pf.pkg as usize].library;
                self.func_sites.insert(
                    pf.fid,
                    DeclSite {
                        pkg: pf.pkg,
                        name: pf.decl.name.name.clone(),
                        span: pf.decl.name.span,
                    },
                );
                self.compile_func_decl(pf);
            }
        }
        // Phase 4: unused imports, main presence, entry.
        self.cur_pkg = user as u32;
        self.library_mode = false;
        let mut unused: Vec<(Span, String)> = self.packages[user]
            .scope
            .values()
            .filter_map(|s| match s {
                Sym::Package {
                    used: false,
                    span,
                    pkg,
                } => Some((*span, self.packages[*pkg as usize].path.clone())),
                _ => None,
            })
            .collect();
        crate::util::order::sort(&mut unused);
        for (span, path) in unused {
            errorf!(self, span, "\"{}\" imported and not used", path);
        }
        let main_fid = match self.packages[user].scope.get("main") {
            Some(Sym::Func { fid, .. }) => Some(*fid),
            _ => None,
        };
        if pkgs[user].file.package.name != "main" {
            self.error(pkgs[user].file.package.span, "gosim runs only package main");
        }
        let init_calls = self.init_order(pkgs.len());
        let Some(main_fid) = main_fid else {
            if self.diags.is_empty() {
                self.error(
                    Span::default(),
                    "function main is undeclared in the main package",
                );
            }
            return;
        };
        self.build_entry(main_fid, &init_calls);
    }

    fn declare_imports(&mut self, p: &PackageSource<'a>) {
        for imp in &p.file.imports {
            let path = imp.path.as_str();
            let target = self
                .packages
                .iter()
                .position(|q| q.path == path && q.library);
            let Some(target) = target else {
                if KNOWN_PACKAGES.contains(&path) {
                    errorf!(self, imp.span, "package {} is not available in gosim", path);
                } else if !super::std_api::is_std(path) {
                    // Go's words, without the path of its GOROOT.
                    errorf!(self, imp.span, "package {} is not in std", path);
                } else {
                    let known: Vec<&str> = crate::prelude::PACKAGES.iter().map(|p| p.0).collect();
                    errorf!(
                        self,
                        imp.span,
                        "package {} is not supported by gosim (it simulates {})",
                        path,
                        known.join(", ")
                    );
                }
                continue;
            };
            let name = match &imp.alias {
                Some(a) => a.name.clone(),
                None => self.packages[target].name.clone(),
            };
            if name == "_" {
                continue;
            }
            let pkg = self.cur_pkg as usize;
            self.packages[pkg].scope.insert(
                name,
                Sym::Package {
                    pkg: target as u32,
                    used: p.library,
                    span: imp.span,
                },
            );
        }
    }

    fn declare_type_names(&mut self, p: &PackageSource<'a>) {
        for d in &p.file.decls {
            if let Decl::Gen(GenDecl::Type(specs)) = d {
                for s in specs {
                    if s.tparams.is_empty() {
                        self.declare_type_name(s);
                    } else {
                        self.declare_generic_type(s);
                    }
                }
            }
        }
    }

    pub(super) fn declare_type_name(&mut self, s: &ast::TypeSpec) {
        let pkg = self.cur_pkg as usize;
        let qualified = format!("{}.{}", self.packages[pkg].name, s.name.name);
        let id = if s.alias {
            wk::INVALID
        } else {
            self.types.new_named(&qualified, wk::INVALID)
        };
        if self.fns.is_empty() {
            if self.packages[pkg].scope.contains_key(&s.name.name) {
                errorf!(
                    self,
                    s.name.span,
                    "{} redeclared in this block",
                    s.name.name
                );
            }
            self.packages[pkg]
                .scope
                .insert(s.name.name.clone(), Sym::Type(id));
        } else if let Some(scope) = self.fnc().scopes.last_mut() {
            scope.insert(s.name.name.clone(), Sym::Type(id));
        }
    }

    /// Resolves the package's aliases and type bodies and evaluates its
    /// constants, each after the declarations it mentions (go/types
    /// checks package-level objects on demand): a constant may use one
    /// declared after it, an array type a later constant. Aliases and
    /// types that need themselves are invalid recursive types; constants
    /// that need themselves are an initialization cycle.
    fn declare_types_and_consts(&mut self, p: &PackageSource<'a>) {
        enum Item<'b> {
            Const(&'b ast::ConstSpec),
            Alias(&'b ast::TypeSpec),
            Named(&'b ast::TypeSpec),
        }
        let mut items: Vec<Item<'a>> = Vec::new();
        for d in &p.file.decls {
            match d {
                Decl::Gen(GenDecl::Const(specs)) => items.extend(specs.iter().map(Item::Const)),
                Decl::Gen(GenDecl::Type(specs)) => items.extend(specs.iter().map(|s| {
                    if s.alias {
                        Item::Alias(s)
                    } else {
                        Item::Named(s)
                    }
                })),
                _ => {}
            }
        }
        let mut by_name: HashMap<&str, usize> = HashMap::default();
        for (i, it) in items.iter().enumerate() {
            match it {
                Item::Const(s) => {
                    for n in &s.names {
                        by_name.entry(n.name.as_str()).or_insert(i);
                    }
                }
                Item::Alias(s) | Item::Named(s) => {
                    by_name.entry(s.name.name.as_str()).or_insert(i);
                }
            }
        }
        let mut deps: Vec<Vec<usize>> = Vec::with_capacity(items.len());
        for it in &items {
            let mut names = Vec::new();
            let bare = match it {
                Item::Const(s) => {
                    for v in s.values.iter() {
                        initorder::names_in_type_or_const(v, &mut names);
                    }
                    if let Some(t) = &s.ty {
                        initorder::names_in_type_or_const(t, &mut names);
                    }
                    None
                }
                Item::Alias(s) | Item::Named(s) => {
                    initorder::names_in_type_or_const(&s.ty, &mut names);
                    match &s.ty.kind {
                        ExprKind::Ident(id) => Some(id.name.as_str()),
                        _ => None,
                    }
                }
            };
            let mut d: Vec<usize> = Vec::new();
            for n in &names {
                let Some(&j) = by_name.get(n.as_str()) else {
                    continue;
                };
                let needed = match (it, &items[j]) {
                    (_, Item::Const(_)) | (Item::Const(_), _) | (_, Item::Alias(_)) => true,
                    // A defined type needs another's body only to take
                    // its underlying type (`type T U`).
                    (Item::Named(_), Item::Named(_)) => bare == Some(n.as_str()),
                    (Item::Alias(_), Item::Named(_)) => false,
                };
                if needed && !d.contains(&j) {
                    d.push(j);
                }
            }
            deps.push(d);
        }
        let (order, cycles) = initorder::depth_first(items.len(), &deps);
        for cycle in &cycles {
            let site = |i: usize| match &items[i] {
                Item::Const(s) => (
                    s.names.first().map(|n| n.name.clone()).unwrap_or_default(),
                    s.names.first().map(|n| n.span).unwrap_or(s.span),
                ),
                Item::Alias(s) | Item::Named(s) => (s.name.name.clone(), s.name.span),
            };
            let sites: Vec<(String, Span)> = cycle.iter().map(|&i| site(i)).collect();
            if cycle.iter().all(|&i| matches!(items[i], Item::Const(_))) {
                self.report_cycle(&sites, CycleKind::Init);
                // The cycle is the error: its constants are invalid, not
                // undefined, to whoever meets them first.
                let pkg = self.cur_pkg as usize;
                for &i in cycle {
                    if let Item::Const(s) = items[i] {
                        for n in &s.names {
                            self.packages[pkg].scope.insert(
                                n.name.clone(),
                                Sym::Const {
                                    val: ConstVal::Int(0),
                                    ty: wk::INVALID,
                                },
                            );
                        }
                    }
                }
            } else {
                self.report_cycle(&sites, CycleKind::Type);
            }
        }
        for i in order {
            match items[i] {
                Item::Const(s) => self.declare_const_spec(s),
                Item::Alias(s) | Item::Named(s) => self.resolve_type_body(s),
            }
        }
    }

    /// Reports a cycle of declarations the way go/types does, from the one
    /// declared first: each element of `cycle` needs the next, and the last
    /// needs the first.
    fn report_cycle(&mut self, cycle: &[(String, Span)], kind: CycleKind) {
        let Some(start) = (0..cycle.len()).min_by_key(|&i| cycle[i].1.lo) else {
            return;
        };
        let (name, span) = cycle[start].clone();
        if cycle.len() == 1 {
            let msg = match kind {
                CycleKind::Type => format!("invalid recursive type: {} refers to itself", name),
                CycleKind::Init => format!("initialization cycle: {} refers to itself", name),
            };
            self.error(span, msg);
            return;
        }
        let notes = (0..cycle.len())
            .map(|k| {
                let (from, at) = &cycle[(start + k) % cycle.len()];
                let (to, _) = &cycle[(start + k + 1) % cycle.len()];
                (*at, format!("{} refers to {}", from, to))
            })
            .collect();
        let msg = match kind {
            CycleKind::Type => format!("invalid recursive type {}", name),
            CycleKind::Init => format!("initialization cycle for {}", name),
        };
        self.error_with_notes(span, msg, notes);
    }

    /// validtype.go: a defined type may not contain itself by value
    /// (through struct fields and array elements), directly or through
    /// other types: `type T struct{ a, b T }`, `type T [1]T`.
    fn check_recursive_types(&mut self, p: &PackageSource<'a>) {
        let mut sites: HashMap<TypeId, (String, Span)> = HashMap::default();
        let mut named: Vec<TypeId> = Vec::new();
        for d in &p.file.decls {
            if let Decl::Gen(GenDecl::Type(specs)) = d {
                for s in specs.iter().filter(|s| !s.alias) {
                    if let Some(t) = self.lookup_type_sym(&s.name.name) {
                        if self.types.is_named(t) && !sites.contains_key(&t) {
                            sites.insert(t, (s.name.name.clone(), s.name.span));
                            named.push(t);
                        }
                    }
                }
            }
        }
        let index: HashMap<TypeId, usize> =
            named.iter().enumerate().map(|(i, &t)| (t, i)).collect();
        let deps: Vec<Vec<usize>> = named
            .iter()
            .map(|&t| {
                initorder::contained_named(&self.types, t)
                    .into_iter()
                    .filter_map(|u| index.get(&u).copied())
                    .collect()
            })
            .collect();
        let (_, cycles) = initorder::depth_first(named.len(), &deps);
        for cycle in cycles {
            let cycle: Vec<(String, Span)> =
                cycle.iter().map(|&i| sites[&named[i]].clone()).collect();
            self.report_cycle(&cycle, CycleKind::Type);
        }
    }

    pub(super) fn resolve_type_body(&mut self, s: &ast::TypeSpec) {
        if !s.tparams.is_empty() {
            return;
        }
        let named = match self.lookup_type_sym(&s.name.name) {
            Some(t) => t,
            None => return,
        };
        // The prelude's handle type is opaque to programs.
        if self.library_mode && s.name.name == "handle" {
            let opaque = self.types.intern(TypeKind::Opaque(OpaqueKind::Mutex));
            self.types.set_underlying(named, opaque);
            return;
        }
        // A type declaration may name a constraint (`type Number interface
        // { ~int | ~float64 }`); uses of Number are checked where they are.
        self.in_constraint = true;
        let under = self.resolve_type(&s.ty);
        if s.alias {
            let pkg = self.cur_pkg as usize;
            if self.fns.is_empty() {
                self.packages[pkg]
                    .scope
                    .insert(s.name.name.clone(), Sym::Type(under));
            } else if let Some(scope) = self.fnc().scopes.last_mut() {
                scope.insert(s.name.name.clone(), Sym::Type(under));
            }
            return;
        }
        let u = self.types.underlying(under);
        self.types.set_underlying(named, u);
        // A defined type over another defined type does not inherit methods,
        // but an interface's method set is its underlying type's.
    }

    fn lookup_type_sym(&mut self, name: &str) -> Option<TypeId> {
        if !self.fns.is_empty() {
            if let Some(scope) = self.fns.last().and_then(|f| f.scopes.last()) {
                if let Some(Sym::Type(t)) = scope.get(name) {
                    return Some(*t);
                }
            }
        }
        match self.packages[self.cur_pkg as usize].scope.get(name) {
            Some(Sym::Type(t)) => Some(*t),
            _ => None,
        }
    }

    /// Resolves a type expression. Reports an error and returns INVALID when
    /// the expression is not a type. Interfaces with type sets may only be
    /// named where `in_constraint` says a constraint is being resolved; the
    /// flag covers this one expression, not the types inside it.
    pub(super) fn resolve_type(&mut self, e: &Expr) -> TypeId {
        let constraint_ok = std::mem::replace(&mut self.in_constraint, false);
        let t = self.resolve_type_inner(e);
        if !constraint_ok && t != wk::INVALID {
            if let TypeKind::Constraint(ts) = self.types.ukind(t) {
                let why = if ts.comparable && ts.terms.is_none() {
                    "interface is (or embeds) comparable"
                } else {
                    "interface contains type constraints"
                };
                errorf!(
                    self,
                    e.span,
                    "cannot use type {} outside a type constraint: {}",
                    self.text(e.span),
                    why
                );
                return wk::INVALID;
            }
        }
        t
    }

    fn resolve_type_inner(&mut self, e: &Expr) -> TypeId {
        match &e.kind {
            ExprKind::Ident(id) => match self.lookup(&id.name) {
                Some(Sym::Type(t)) => t,
                Some(Sym::GenericType(gid)) => {
                    errorf!(
                        self,
                        e.span,
                        "cannot use generic type {} without instantiation",
                        self.generic_type_text(gid)
                    );
                    wk::INVALID
                }
                Some(_) => {
                    errorf!(self, e.span, "{} is not a type", id.name);
                    wk::INVALID
                }
                None => {
                    errorf!(self, e.span, "undefined: {}", id.name);
                    wk::INVALID
                }
            },
            ExprKind::Selector(x, sel) => {
                if let ExprKind::Ident(pkgid) = &x.kind {
                    if let Some(Sym::Package { pkg, .. }) = self.lookup(&pkgid.name) {
                        let member = self.packages[pkg as usize].scope.get(&sel.name).cloned();
                        return match member {
                            Some(Sym::Type(t)) if is_exported(&sel.name) => t,
                            Some(Sym::GenericType(gid)) if is_exported(&sel.name) => {
                                errorf!(
                                    self,
                                    e.span,
                                    "cannot use generic type {}.{} without instantiation",
                                    pkgid.name,
                                    self.generic_type_text(gid)
                                );
                                wk::INVALID
                            }
                            _ => {
                                errorf!(self, e.span, "undefined: {}.{}", pkgid.name, sel.name);
                                wk::INVALID
                            }
                        };
                    }
                }
                errorf!(self, e.span, "{} is not a type", self.text(e.span));
                wk::INVALID
            }
            ExprKind::Paren(x) => self.resolve_type(x),
            ExprKind::Index(x, i) => self.resolve_instance(e, x, &[&**i]),
            ExprKind::IndexList(x, args) => {
                let args: Vec<&Expr> = args.iter().collect();
                self.resolve_instance(e, x, &args)
            }
            ExprKind::Union(_) => {
                self.error(
                    e.span,
                    "cannot use ~ or | outside of interface or type constraint",
                );
                wk::INVALID
            }
            ExprKind::Star(x) => {
                let t = self.resolve_type(x);
                self.types.pointer(t)
            }
            ExprKind::ArrayType {
                len: None,
                ellipsis: false,
                elem,
            } => {
                let t = self.resolve_type(elem);
                self.types.slice(t)
            }
            ExprKind::ArrayType {
                len: Some(n), elem, ..
            } => {
                let t = self.resolve_type(elem);
                let len = match self.const_expr(n) {
                    Some(ConstVal::Int(v)) if (0..=1 << 31).contains(&v) => v as u64,
                    Some(_) => {
                        errorf!(self, n.span, "invalid array length {}", self.text(n.span));
                        0
                    }
                    None => {
                        errorf!(
                            self,
                            n.span,
                            "array length {} (value of type int) must be constant",
                            self.text(n.span)
                        );
                        0
                    }
                };
                self.types.intern(TypeKind::Array(len, t))
            }
            ExprKind::ArrayType {
                len: None,
                ellipsis: true,
                ..
            } => {
                self.error(
                    e.span,
                    "invalid use of [...] array (outside a composite literal)",
                );
                wk::INVALID
            }
            ExprKind::MapType(k, v) => {
                let kt = self.resolve_type(k);
                let vt = self.resolve_type(v);
                if kt != wk::INVALID && !self.types.comparable(kt) {
                    let why = if self.types.is_type_param(kt) {
                        " (missing comparable constraint)"
                    } else {
                        ""
                    };
                    errorf!(self, k.span, "invalid map key type {}{}", self.tn(kt), why);
                }
                self.types.intern(TypeKind::Map(kt, vt))
            }
            ExprKind::ChanType(dir, elem) => {
                let t = self.resolve_type(elem);
                let d = match dir {
                    ast::ChanDir::Both => ChanDir::Both,
                    ast::ChanDir::Send => ChanDir::Send,
                    ast::ChanDir::Recv => ChanDir::Recv,
                };
                self.types.intern(TypeKind::Chan(d, t))
            }
            ExprKind::FuncType(ft) => self.func_type(ft).0,
            ExprKind::StructType(fields) => {
                let mut fs = Vec::new();
                // Names seen so far: a struct may have a hundred thousand.
                let mut seen: crate::util::fasthash::HashSet<String> = Default::default();
                for f in fields {
                    let t = self.resolve_type(&f.ty);
                    if f.names.is_empty() {
                        let base = match self.types.kind(t) {
                            TypeKind::Pointer(b) => *b,
                            _ => t,
                        };
                        if self.types.is_type_param(base) {
                            self.error(
                                f.ty.span,
                                "embedded field type cannot be a (pointer to a) type parameter",
                            );
                        }
                        let name = embedded_name(&f.ty);
                        seen.insert(name.clone());
                        fs.push(Field {
                            name,
                            ty: t,
                            embedded: true,
                        });
                    } else {
                        for n in &f.names {
                            if !seen.insert(n.name.clone()) {
                                errorf!(self, n.span, "{} redeclared", n.name);
                            }
                            fs.push(Field {
                                name: n.name.clone(),
                                ty: t,
                                embedded: false,
                            });
                        }
                    }
                }
                self.types.intern(TypeKind::Struct(fs))
            }
            ExprKind::InterfaceType(elems) => {
                let mut set = TypeSet {
                    methods: Vec::new(),
                    terms: None,
                    comparable: false,
                    implicit: false,
                };
                for el in elems {
                    match el {
                        ast::InterfaceElem::Method { name, sig } => {
                            let (sig_ty, _) = self.func_type(sig);
                            set.methods.push(IfaceMethod {
                                name: name.name.clone(),
                                sig: sig_ty,
                            });
                        }
                        ast::InterfaceElem::Embedded(t) => {
                            let es = match &t.kind {
                                ExprKind::Union(terms) => TypeSet {
                                    methods: Vec::new(),
                                    terms: self.union_terms(terms),
                                    comparable: false,
                                    implicit: true,
                                },
                                _ => {
                                    self.in_constraint = true;
                                    let et = self.resolve_type(t);
                                    if et == wk::INVALID {
                                        continue;
                                    }
                                    self.type_set(et)
                                }
                            };
                            self.embed_in_set(&mut set, &es);
                        }
                    }
                }
                let mut ms = set.methods;
                crate::util::order::sort_by(&mut ms, |a, b| a.name.cmp(&b.name));
                if set.terms.is_some() || set.comparable {
                    set.methods = ms;
                    return self.types.intern(TypeKind::Constraint(set));
                }
                self.types.intern(TypeKind::Interface(ms))
            }
            _ => {
                errorf!(self, e.span, "{} is not a type", self.text(e.span));
                wk::INVALID
            }
        }
    }

    /// A function type and, for declarations, its parameter and result
    /// fields flattened as (name, type, span).
    pub(super) fn func_type(
        &mut self,
        ft: &ast::FuncType,
    ) -> (TypeId, Vec<(String, TypeId, Span)>) {
        let mut params = Vec::new();
        let mut named = Vec::new();
        let mut variadic = false;
        for (i, f) in ft.params.iter().enumerate() {
            let mut t = self.resolve_type(&f.ty);
            if f.variadic {
                if i + 1 != ft.params.len() || f.names.len() > 1 {
                    self.error(f.span, "can only use ... with final parameter in list");
                }
                variadic = true;
                t = self.types.slice(t);
            }
            if f.names.is_empty() {
                params.push(t);
                named.push(("_".to_string(), t, f.span));
            } else {
                for n in &f.names {
                    params.push(t);
                    named.push((n.name.clone(), t, n.span));
                }
            }
        }
        let mut results = Vec::new();
        for f in &ft.results {
            let t = self.resolve_type(&f.ty);
            if f.names.is_empty() {
                results.push(t);
            } else {
                for _ in &f.names {
                    results.push(t);
                }
            }
        }
        (self.types.func(params, results, variadic), named)
    }

    pub(super) fn declare_const_spec(&mut self, s: &ast::ConstSpec) {
        let ty = s.ty.as_ref().map(|t| self.resolve_type(t));
        if s.values.len() < s.names.len() {
            let span = s
                .names
                .get(s.values.len())
                .map(|n| n.span)
                .unwrap_or(s.span);
            self.error(span, "missing init expr for const declaration");
        } else if s.values.len() > s.names.len() {
            self.error(s.values[s.names.len()].span, "extra init expr");
        }
        let old_iota = self.iota.replace(s.iota as i128);
        for (i, name) in s.names.iter().enumerate() {
            let Some(v) = s.values.get(i) else { break };
            let evaluated = self.const_eval(v);
            let (mut val, mut cty) = match evaluated {
                Some((cv, t)) => (Some(cv), t),
                None => (None, wk::INVALID),
            };
            if let (Some(t), Some(cv)) = (ty, val.clone()) {
                match consts::representable(&self.types, &cv, t) {
                    Ok(c) => val = Some(c),
                    Err(_) => {
                        errorf!(self, v.span, "cannot use {} (untyped {} constant) as {} value in constant declaration (overflows)", self.text(v.span), "int", self.tn(t));
                    }
                }
                cty = t;
            }
            let sym = Sym::Const {
                val: val.unwrap_or(ConstVal::Int(0)),
                ty: cty,
            };
            if name.name == "_" {
                continue;
            }
            if self.fns.is_empty() {
                let pkg = self.cur_pkg as usize;
                self.packages[pkg].scope.insert(name.name.clone(), sym);
            } else if let Some(scope) = self.fnc().scopes.last_mut() {
                scope.insert(name.name.clone(), sym);
            }
        }
        self.iota = old_iota;
    }

    fn declare_funcs(&mut self, p: &PackageSource<'a>) {
        let file: &'a ast::File = p.file;
        for d in &file.decls {
            let Decl::Func(fd) = d else { continue };
            if self.is_generic_method(fd) {
                continue;
            }
            if !fd.tparams.is_empty() {
                if fd.recv.is_some() {
                    self.error(
                        fd.tparams[0].span,
                        "generic methods (Go 1.27) are not supported by gosim",
                    );
                    self.refused_methods.push(fd.name.name.clone());
                } else {
                    self.declare_generic_func(fd);
                }
                continue;
            }
            let fid = self.funcs.len() as u32;
            self.funcs.push(None);
            let recv_ty = fd.recv.as_ref().map(|r| self.resolve_type(&r.ty));
            let (sig_ty, _) = self.func_type(&fd.sig);
            let pkg = self.cur_pkg as usize;
            let pkgname = self.packages[pkg].name.clone();
            let native = if fd.body.is_none() {
                let qualified = match (&fd.recv, recv_ty) {
                    (Some(_), Some(rt)) => {
                        let base = self
                            .recv_base(rt)
                            .map(|b| self.types.name(b))
                            .unwrap_or_default();
                        format!("{}.{}", base, fd.name.name)
                    }
                    _ => format!("{}.{}", pkgname, fd.name.name),
                };
                match Native::from_name(&qualified) {
                    Some(n) if p.library => Some(self.native_id(n)),
                    _ => {
                        errorf!(
                            self,
                            fd.name.span,
                            "missing function body for {}",
                            fd.name.name
                        );
                        None
                    }
                }
            } else {
                None
            };
            match recv_ty {
                Some(rt) => {
                    let Some(base) = self.recv_base(rt) else {
                        errorf!(
                            self,
                            fd.recv.as_ref().map(|r| r.span).unwrap_or(fd.span),
                            "invalid receiver type {}",
                            self.tn(rt)
                        );
                        continue;
                    };
                    let pointer_recv = base != rt;
                    if self.types.find_method(base, &fd.name.name).is_some() {
                        errorf!(
                            self,
                            fd.name.span,
                            "method {}.{} already declared",
                            self.tn(base),
                            fd.name.name
                        );
                    }
                    if let TypeKind::Struct(fs) = self.types.ukind(base) {
                        if fs.iter().any(|f| f.name == fd.name.name) {
                            errorf!(
                                self,
                                fd.name.span,
                                "field and method with the same name {}",
                                fd.name.name
                            );
                        }
                    }
                    let target = match native {
                        Some(nid) => MethodTarget::Native(nid),
                        None => MethodTarget::Func(fid),
                    };
                    self.add_method(base, &fd.name.name, pointer_recv, sig_ty, target, true);
                    if native.is_none() {
                        let name = format!(
                            "{}.{}{}",
                            pkgname,
                            recv_display(&self.types, base, pointer_recv),
                            fd.name.name
                        );
                        self.pending.push(PendingFunc {
                            fid,
                            pkg: self.cur_pkg,
                            decl: fd,
                            recv_ty: Some(rt),
                            sig_ty,
                            name,
                            binds: Vec::new(),
                            origin: None,
                        });
                    }
                }
                None => {
                    if fd.name.name == "init" {
                        if !fd.sig.params.is_empty() || !fd.sig.results.is_empty() {
                            self.error(
                                fd.name.span,
                                "func init must have no arguments and no return values",
                            );
                        }
                        self.init_fids.push(fid);
                    } else {
                        if self.packages[pkg].scope.contains_key(&fd.name.name) {
                            errorf!(
                                self,
                                fd.name.span,
                                "{} redeclared in this block",
                                fd.name.name
                            );
                        }
                        let sym = match native {
                            Some(nid) => Sym::Native { nid, ty: sig_ty },
                            None => Sym::Func { fid, ty: sig_ty },
                        };
                        if !p.library {
                            self.func_sigs.push((fid, fd.sig.span));
                        }
                        self.packages[pkg].scope.insert(fd.name.name.clone(), sym);
                    }
                    if fd.name.name == "main"
                        && !p.library
                        && (!fd.sig.params.is_empty() || !fd.sig.results.is_empty())
                    {
                        self.error(
                            fd.name.span,
                            "func main must have no arguments and no return values",
                        );
                    }
                    if native.is_none() {
                        let name = format!("{}.{}", pkgname, fd.name.name);
                        self.pending.push(PendingFunc {
                            fid,
                            pkg: self.cur_pkg,
                            decl: fd,
                            recv_ty: None,
                            sig_ty,
                            name,
                            binds: Vec::new(),
                            origin: None,
                        });
                    }
                }
            }
        }
    }

    /// The named type a receiver type is declared on (`T` for `T` and `*T`).
    fn recv_base(&self, rt: TypeId) -> Option<TypeId> {
        let base = match self.types.kind(rt) {
            TypeKind::Pointer(b) => *b,
            _ => rt,
        };
        match self.types.kind(base) {
            TypeKind::Named(_)
                if !self.types.is_interface(base)
                    && !matches!(self.types.ukind(base), TypeKind::Pointer(_)) =>
            {
                Some(base)
            }
            _ => None,
        }
    }

    /// Declares the package's variables, then checks each initializer
    /// after the ones it mentions (so `var x = y + 1` may come before `var
    /// y = 2`), compiling each into its own function: the package's
    /// initialization calls them in Go's order ([`Compiler::init_order`]).
    fn declare_globals(&mut self, p: &PackageSource<'a>) {
        struct Unit<'b> {
            names: &'b [ast::Ident],
            values: &'b [Expr],
            declared: Option<TypeId>,
            span: Span,
            globals: Vec<u32>,
        }
        let pkg = self.cur_pkg as usize;
        let mut units: Vec<Unit<'a>> = Vec::new();
        for d in &p.file.decls {
            let Decl::Gen(GenDecl::Var(specs)) = d else {
                continue;
            };
            for s in specs {
                let declared = s.ty.as_ref().map(|t| self.resolve_type(t));
                let mut idxs = Vec::new();
                for n in &s.names {
                    let idx = self.globals.len() as u32;
                    self.globals.push(GlobalInfo {
                        name: format!("{}.{}", self.packages[pkg].name, n.name),
                        ty: declared.unwrap_or(wk::INVALID),
                    });
                    self.global_sites.push(DeclSite {
                        pkg: self.cur_pkg,
                        name: n.name.clone(),
                        span: n.span,
                    });
                    idxs.push(idx);
                    if n.name != "_" {
                        if self.packages[pkg].scope.contains_key(&n.name) {
                            errorf!(self, n.span, "{} redeclared in this block", n.name);
                        }
                        // Until its initializer is checked, a variable
                        // without a declared type has an invalid one.
                        let ty = declared.unwrap_or(wk::INVALID);
                        self.packages[pkg]
                            .scope
                            .insert(n.name.clone(), Sym::Global { idx, ty });
                    }
                }
                if s.values.len() == s.names.len() && s.names.len() > 1 {
                    // `var a, b = x, y`: each variable its own initializer.
                    for (k, &idx) in idxs.iter().enumerate() {
                        units.push(Unit {
                            names: &s.names[k..k + 1],
                            values: &s.values[k..k + 1],
                            declared,
                            span: s.span,
                            globals: vec![idx],
                        });
                    }
                } else {
                    units.push(Unit {
                        names: &s.names,
                        values: &s.values,
                        declared,
                        span: s.span,
                        globals: idxs,
                    });
                }
            }
        }
        // Check each initializer after those of the variables it mentions
        // (by name, over-approximated: a local that shadows one only moves
        // the order).
        let mut by_name: HashMap<&str, usize> = HashMap::default();
        for (i, u) in units.iter().enumerate() {
            for n in u.names {
                by_name.entry(n.name.as_str()).or_insert(i);
            }
        }
        let deps: Vec<Vec<usize>> = units
            .iter()
            .map(|u| {
                let mut d: Vec<usize> = Vec::new();
                for v in u.values {
                    for n in boxing::names_used(v) {
                        if let Some(&j) = by_name.get(n.as_str()) {
                            if !d.contains(&j) {
                                d.push(j);
                            }
                        }
                    }
                }
                d
            })
            .collect();
        let (order, _) = initorder::depth_first(units.len(), &deps);
        for i in order {
            let u = &units[i];
            self.global_unit(u.names, u.declared, u.values, u.span, &u.globals);
        }
    }

    /// Checks one initializer and compiles it into its own function.
    fn global_unit(
        &mut self,
        names: &[ast::Ident],
        declared: Option<TypeId>,
        values: &[Expr],
        span: Span,
        idxs: &[u32],
    ) {
        let pkg = self.cur_pkg as usize;
        self.fns.push(FnCtx::new(
            format!("{}.init", self.packages[pkg].name),
            span,
        ));
        self.push_scope();
        let prev = self.set_span(span);
        let types = self.assign_values_to_new(names, declared, values, span);
        for (i, n) in names.iter().enumerate() {
            let ty = types.get(i).copied().unwrap_or(wk::INVALID);
            self.globals[idxs[i] as usize].ty = ty;
            if n.name != "_" {
                if let Some(Sym::Global { idx, .. }) = self.packages[pkg].scope.get(&n.name) {
                    if *idx == idxs[i] {
                        let idx = *idx;
                        self.packages[pkg]
                            .scope
                            .insert(n.name.clone(), Sym::Global { idx, ty });
                    }
                }
            }
        }
        // Values are on the stack in order; store in reverse.
        if !values.is_empty() {
            for idx in idxs.iter().rev() {
                self.emit(Op::StoreGlobal(*idx));
            }
        }
        self.emit(Op::Return);
        self.set_span(prev);
        self.fnc().scopes.pop();
        let f = self.fns.pop().expect("pushed above");
        if values.is_empty() {
            // Package variables start at their zero values.
            return;
        }
        let fid = self.funcs.len() as u32;
        self.funcs.push(Some(FuncCode {
            name: f.name,
            code: f.code,
            spans: f.spans,
            nparams: 0,
            capture_slots: vec![],
            nlocals: f.nlocals,
            result_slots: vec![],
            boxed_results: vec![],
            boxed_params: vec![],
            locals: f.locals,
            span,
            library: self.library_mode,
        }));
        self.init_chunks.push(InitChunk {
            pkg: self.cur_pkg,
            fid,
            globals: idxs.to_vec(),
        });
    }

    /// Package initialization, per package: which initializers run in
    /// which order (cmd/compile's pkginit order), and the initialization
    /// cycles (go/types' initorder.go, which reports them). A declaration
    /// depends on the variables and declared functions its code mentions,
    /// a function literal's code counting as its enclosing declaration's.
    /// Returns the initializers to call, in order.
    fn init_order(&mut self, npkgs: usize) -> Vec<u32> {
        let mut calls = Vec::new();
        let declared: HashSet<u32> = self.func_sites.keys().copied().collect();
        for pkg in 0..npkgs as u32 {
            // go/types' graph: every variable and declared function.
            let mut nodes: Vec<initorder::InitNode> = Vec::new();
            let mut sites: Vec<DeclSite> = Vec::new();
            let mut node_of_global: HashMap<u32, usize> = HashMap::default();
            let mut global_of_node: HashMap<usize, u32> = HashMap::default();
            let mut node_of_func: HashMap<u32, usize> = HashMap::default();
            for (g, site) in self.global_sites.iter().enumerate() {
                if site.pkg == pkg {
                    node_of_global.insert(g as u32, nodes.len());
                    global_of_node.insert(nodes.len(), g as u32);
                    nodes.push(initorder::InitNode {
                        func: false,
                        order: site.span.lo as usize,
                        deps: Vec::new(),
                    });
                    sites.push(site.clone());
                }
            }
            let mut funcs: Vec<(u32, DeclSite)> = self
                .func_sites
                .iter()
                .filter(|(_, s)| s.pkg == pkg)
                .map(|(f, s)| (*f, s.clone()))
                .collect();
            crate::util::order::sort_by_key(&mut funcs, |(f, _)| *f);
            for (fid, site) in funcs {
                node_of_func.insert(fid, nodes.len());
                nodes.push(initorder::InitNode {
                    func: true,
                    order: site.span.lo as usize,
                    deps: Vec::new(),
                });
                sites.push(site);
            }
            let mut chunks: Vec<usize> = (0..self.init_chunks.len())
                .filter(|&c| self.init_chunks[c].pkg == pkg)
                .collect();
            let first_global = |c: &InitChunk| c.globals.first().copied().unwrap_or(0);
            crate::util::order::sort_by_key(&mut chunks, |&c| first_global(&self.init_chunks[c]));
            let mut chunk_of_global: HashMap<u32, usize> = HashMap::default();
            for (k, &c) in chunks.iter().enumerate() {
                for &g in &self.init_chunks[c].globals {
                    chunk_of_global.insert(g, k);
                }
            }
            for &c in &chunks {
                let chunk = &self.init_chunks[c];
                let refs = self.code_refs(chunk.fid, &declared, &chunk.globals);
                let deps = ref_nodes(&refs, &node_of_global, &node_of_func);
                for g in chunk.globals.clone() {
                    if let Some(&n) = node_of_global.get(&g) {
                        nodes[n].deps = deps.clone();
                    }
                }
            }
            for (&fid, &n) in &node_of_func {
                let refs = self.code_refs(fid, &declared, &[]);
                nodes[n].deps = ref_nodes(&refs, &node_of_global, &node_of_func);
            }
            let graph = initorder::init_order(&nodes);
            let user = !self.library_mode_of(pkg);
            if graph.too_complex && user {
                let at = sites.first().map(|s| s.span).unwrap_or_default();
                errorf!(
                    self,
                    at,
                    "gosim: ordering the package's initialization needs more than {} dependencies",
                    initorder::MAX_INIT_EDGES
                );
            }
            for cycle in &graph.cycles {
                let named: Vec<(String, Span)> = cycle
                    .iter()
                    .map(|&n| (sites[n].name.clone(), sites[n].span))
                    .collect();
                self.report_init_cycle(&named);
            }
            // The order: each initializer needs the initializers of the
            // variables reachable from its code through declared functions.
            let mut budget = initorder::MAX_INIT_EDGES;
            let deps: Vec<Vec<usize>> = chunks
                .iter()
                .map(|&c| {
                    let chunk = &self.init_chunks[c];
                    let start = chunk.globals.first().and_then(|g| node_of_global.get(g));
                    let mut out: Vec<usize> = Vec::new();
                    let mut seen: HashSet<usize> = HashSet::default();
                    let mut pending: Vec<usize> = start
                        .into_iter()
                        .flat_map(|&n| nodes[n].deps.clone())
                        .collect();
                    while let Some(n) = pending.pop() {
                        if budget == 0 || !seen.insert(n) {
                            continue;
                        }
                        budget -= 1;
                        if nodes[n].func {
                            pending.extend(nodes[n].deps.iter().copied());
                        } else if let Some(&k) =
                            global_of_node.get(&n).and_then(|g| chunk_of_global.get(g))
                        {
                            out.push(k);
                        }
                    }
                    out
                })
                .collect();
            let (order, _) = initorder::initialization_order(&deps);
            for k in order {
                calls.push(self.init_chunks[chunks[k]].fid);
            }
        }
        calls
    }

    fn library_mode_of(&self, pkg: u32) -> bool {
        self.packages.get(pkg as usize).is_some_and(|p| p.library)
    }

    /// initorder.go's reportCycle: the cycle as found, from the node taken
    /// with dependencies left.
    fn report_init_cycle(&mut self, cycle: &[(String, Span)]) {
        let Some((name, span)) = cycle.first().cloned() else {
            return;
        };
        if cycle.len() == 1 {
            errorf!(
                self,
                span,
                "initialization cycle: {} refers to itself",
                name
            );
            return;
        }
        let notes = (0..cycle.len())
            .map(|k| {
                let (from, at) = &cycle[k];
                let (to, _) = &cycle[(k + 1) % cycle.len()];
                (*at, format!("{} refers to {}", from, to))
            })
            .collect();
        self.error_with_notes(span, format!("initialization cycle for {}", name), notes);
    }

    /// What the code of function `fid` mentions: package variables and
    /// declared functions, with the code of the function
    /// literals it makes counted as its own. `own` are the variables an
    /// initializer stores (those stores are not mentions).
    fn code_refs(&self, fid: u32, declared: &HashSet<u32>, own: &[u32]) -> CodeRefs {
        let mut refs = CodeRefs::default();
        let mut pending = vec![(fid, true)];
        let mut seen: HashSet<u32> = HashSet::default();
        while let Some((f, top)) = pending.pop() {
            if !seen.insert(f) {
                continue;
            }
            let Some(Some(code)) = self.funcs.get(f as usize) else {
                continue;
            };
            for op in &code.code {
                match op {
                    Op::LoadGlobal(g) | Op::AddrGlobal(g) => refs.globals.push(*g),
                    Op::StoreGlobal(g) if !(top && own.contains(g)) => refs.globals.push(*g),
                    Op::Call { fid: t, .. }
                    | Op::PushFunc(t)
                    | Op::BindMethod(t)
                    | Op::MakeClosure { fid: t, .. } => {
                        if declared.contains(t) {
                            refs.funcs.push(*t);
                        } else {
                            // A literal (or library code): counted here.
                            pending.push((*t, false));
                        }
                    }
                    _ => {}
                }
            }
        }
        refs
    }

    fn compile_func_decl(&mut self, pf: &PendingFunc<'a>) {
        let Some(body) = &pf.decl.body else { return };
        let checking = pf.fid == NO_FUNC;
        if !checking && pf.origin.is_some_and(|o| self.generic_failed(o)) {
            return;
        }
        let (mut boxed, mut unboxable) = boxing::boxed_names(body);
        let plan = if self.library_mode {
            Default::default()
        } else {
            appendstack::plan(&pf.decl.sig, body, self.go_version, &self.keeps_nothing)
        };
        for _attempt in 0..8 {
            self.append_plan = plan.clone();
            self.append_bufs.clear();
            self.boxed = boxed.clone();
            self.unboxable = unboxable.clone();
            self.retry_boxed = None;
            self.checking_generic = checking;
            let diag_mark = self.diags.len();
            let code = self.compile_function(
                &pf.name,
                pf.decl.recv.as_ref(),
                pf.recv_ty,
                &pf.decl.sig,
                pf.sig_ty,
                body,
                pf.decl.span,
                &pf.binds,
            );
            self.checking_generic = false;
            // Spans are per file: no other body may consult this plan.
            self.append_plan.clear();
            if let Some(name) = self.retry_boxed.take() {
                self.diags.truncate(diag_mark);
                // Closures compiled in the failed attempt are abandoned.
                unboxable.remove(&name);
                boxed.insert(name);
                continue;
            }
            if checking {
                if self.diags.len() > diag_mark {
                    if let Some(o) = pf.origin {
                        self.mark_generic_failed(o);
                    }
                }
                return;
            }
            let mut code = code;
            code.library = self.library_mode;
            self.funcs[pf.fid as usize] = Some(code);
            return;
        }
    }

    /// Compiles a function body (a declaration or, via `compile_closure`, a
    /// literal) into a fresh [`FuncCode`].
    #[allow(clippy::too_many_arguments)]
    pub(super) fn compile_function(
        &mut self,
        name: &str,
        recv: Option<&ast::Field>,
        recv_ty: Option<TypeId>,
        sig: &ast::FuncType,
        sig_ty: TypeId,
        body: &ast::Block,
        span: Span,
        binds: &[(String, TypeId)],
    ) -> FuncCode {
        self.fns.push(FnCtx::new(name.to_string(), body.span));
        self.push_scope();
        for (n, t) in binds {
            if n != "_" {
                if let Some(scope) = self.fnc().scopes.last_mut() {
                    scope.insert(n.clone(), Sym::Type(*t));
                }
            }
        }
        let mut boxed_params = Vec::new();
        // Receiver and parameters occupy the first slots in order.
        if let (Some(r), Some(rt)) = (recv, recv_ty) {
            let rname = r
                .names
                .first()
                .map(|n| (n.name.clone(), n.span))
                .unwrap_or(("_".into(), r.span));
            let (slot, b) = self.declare_local(&rname.0, rt, rname.1);
            self.mark_used(&rname.0);
            if b {
                boxed_params.push(slot);
            }
        }
        let (_, params) = self.func_type(sig);
        for (pname, pty, pspan) in &params {
            let (slot, b) = self.declare_local(pname, *pty, *pspan);
            self.mark_used(pname);
            if b {
                boxed_params.push(slot);
            }
        }
        let nparams = self.fnc().nlocals;
        let results: Vec<TypeId> = self
            .types
            .signature(sig_ty)
            .map(|s| s.results.clone())
            .unwrap_or_default();
        self.fnc().results = results.clone();
        // Captures are assigned slots lazily; reserve result slots after params
        // by declaring named results now (captures get later slots).
        let mut result_slots = Vec::new();
        let mut boxed_results = Vec::new();
        let mut ri = 0;
        for f in &sig.results {
            if f.names.is_empty() {
                let slot = self.new_slot();
                result_slots.push(slot);
                boxed_results.push(false);
                ri += 1;
            } else {
                for n in &f.names {
                    let ty = results.get(ri).copied().unwrap_or(wk::INVALID);
                    let (slot, b) = self.declare_local(&n.name, ty, n.span);
                    self.mark_used(&n.name);
                    self.emit(Op::Zero(ty));
                    self.init_local(slot, b);
                    result_slots.push(slot);
                    boxed_results.push(b);
                    ri += 1;
                }
            }
        }
        self.fnc().result_slots = result_slots.clone();
        self.fnc().boxed_results = boxed_results.clone();
        self.check_labels(body);
        self.block_stmts(&body.stmts);
        self.patch_gotos();
        if !results.is_empty() && !stmt::terminates_block(&body.stmts) {
            let end = Span {
                lo: body.span.hi.saturating_sub(1),
                hi: body.span.hi,
            };
            self.error(end, "missing return");
        }
        let prev = self.set_span(Span {
            lo: body.span.hi.saturating_sub(1),
            hi: body.span.hi,
        });
        self.emit(Op::Return);
        self.set_span(prev);
        self.pop_scope();
        let f = self.fns.pop().expect("pushed above");
        let capture_slots: Vec<u32> = f.captures.iter().map(|(_, s)| *s).collect();
        self.last_capture_sources = Some(f.capture_sources.clone());
        FuncCode {
            name: f.name,
            code: f.code,
            spans: f.spans,
            nparams,
            capture_slots,
            nlocals: f.nlocals,
            result_slots,
            boxed_results,
            boxed_params,
            locals: f.locals,
            span,
            library: self.library_mode,
        }
    }

    fn build_entry(&mut self, main_fid: u32, init_calls: &[u32]) {
        let f = FnCtx::new("runtime.main".into(), Span::default());
        self.fns.push(f);
        // Package variables, in initialization order.
        for &fid in init_calls {
            self.emit(Op::Call { fid, argc: 0 });
        }
        // Package init functions (only top-level `func init()`, not a
        // method of that name), in package order, each package's in source
        // order.
        for fid in std::mem::take(&mut self.init_fids) {
            self.emit(Op::Call { fid, argc: 0 });
        }
        self.emit(Op::Call {
            fid: main_fid,
            argc: 0,
        });
        self.emit(Op::Return);
        let f = self.fns.pop().expect("pushed above");
        self.funcs.push(Some(FuncCode {
            name: f.name,
            code: f.code,
            spans: f.spans,
            nparams: 0,
            capture_slots: vec![],
            nlocals: f.nlocals,
            result_slots: vec![],
            boxed_results: vec![],
            boxed_params: vec![],
            locals: vec![],
            span: Span::default(),
            library: true,
        }));
    }
}

/// The graph nodes of what some code mentions.
fn ref_nodes(
    refs: &CodeRefs,
    globals: &HashMap<u32, usize>,
    funcs: &HashMap<u32, usize>,
) -> Vec<usize> {
    let mut seen: HashSet<usize> = HashSet::default();
    refs.globals
        .iter()
        .filter_map(|g| globals.get(g))
        .chain(refs.funcs.iter().filter_map(|f| funcs.get(f)))
        .copied()
        .filter(|&n| seen.insert(n))
        .collect()
}

/// What a function's code mentions (see `Compiler::code_refs`).
#[derive(Default)]
struct CodeRefs {
    globals: Vec<u32>,
    funcs: Vec<u32>,
}

/// Which of Go's two cycle errors a cycle of declarations is.
#[derive(Clone, Copy)]
enum CycleKind {
    /// `invalid recursive type`.
    Type,
    /// `initialization cycle`.
    Init,
}

impl FnCtx {
    pub(super) fn new(name: String, span: Span) -> FnCtx {
        FnCtx {
            code: Vec::new(),
            spans: Vec::new(),
            scopes: Vec::new(),
            nlocals: 0,
            results: Vec::new(),
            result_slots: Vec::new(),
            boxed_results: Vec::new(),
            loops: Vec::new(),
            captures: Vec::new(),
            capture_sources: Vec::new(),
            locals: Vec::new(),
            name,
            closures: 0,
            cur_span: span,
            labels: Vec::new(),
            gotos: Vec::new(),
            rangefunc: None,
            ranges: 0,
        }
    }
}

pub(super) fn is_exported(name: &str) -> bool {
    name.chars().next().is_some_and(|c| c.is_uppercase())
}

fn embedded_name(e: &Expr) -> String {
    match &e.kind {
        ExprKind::Ident(id) => id.name.clone(),
        ExprKind::Selector(_, sel) => sel.name.clone(),
        ExprKind::Star(x)
        | ExprKind::Paren(x)
        | ExprKind::Index(x, _)
        | ExprKind::IndexList(x, _) => embedded_name(x),
        _ => "?".into(),
    }
}

fn recv_display(types: &Types, base: TypeId, pointer: bool) -> String {
    let n = types.name(base);
    let short = n.rsplit('.').next().unwrap_or(&n).to_string();
    if pointer {
        format!("(*{}).", short)
    } else {
        format!("{}.", short)
    }
}
