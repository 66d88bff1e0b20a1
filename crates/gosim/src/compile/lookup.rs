//! Field and method lookup: go/types' lookup.go (`LookupFieldOrMethod`,
//! `missingMethod`) and the selector expressions built on it: `x.f`,
//! method values `x.M`, method expressions `T.M` and `pkg.Name`.
//!
//! Owns the breadth-first search through embedded fields, method sets and
//! interface satisfaction, the method-table entries promoted methods get,
//! and the code that walks a field path. Calling what a selector finds is
//! calls.rs's business.

use crate::compile::calls::MethodCall;
use crate::compile::decls::is_exported;
use crate::compile::{Compiler, Mode, Operand, Sym};
use crate::syntax::ast::{Expr, ExprKind, Ident};
use crate::syntax::span::Span;
use crate::types::{well_known as wk, Method, MethodTarget, Signature, TypeId, TypeKind};
use crate::vm::op::{MethodEntry, Op, RecvAdjust, PATH_IFACE, PATH_LOAD};
use crate::vm::unicase;

impl<'a> Compiler<'a> {
    /// The first method of interface `iface` that `t` lacks, if any.
    pub(super) fn missing_method(&self, t: TypeId, iface: TypeId) -> Option<String> {
        let want = self.types.interface_methods(iface).to_vec();
        for m in want {
            if !self.has_method(t, &m.name, m.sig) {
                return Some(m.name.clone());
            }
        }
        None
    }

    pub(super) fn has_method(&self, t: TypeId, name: &str, sig: TypeId) -> bool {
        if let Some(m) = self.tparam_method(t, name) {
            return m.sig == sig;
        }
        if self.types.is_interface(t) {
            return self
                .types
                .interface_methods(t)
                .iter()
                .any(|m| m.name == name && m.sig == sig);
        }
        let (base, is_ptr) = match self.types.kind(t) {
            TypeKind::Pointer(b) => (*b, true),
            _ => (t, false),
        };
        if let Some(m) = self.types.find_method(base, name) {
            return m.sig == sig && (is_ptr || !m.pointer_recv);
        }
        // Promoted through embedded fields.
        match self.select(t, name) {
            Some(Selection::Method {
                method,
                recv_is_ptr,
                ..
            }) => method.sig == sig && (!method.pointer_recv || recv_is_ptr || is_ptr),
            Some(Selection::IfaceMethod { sig: s, .. }) => s == sig,
            _ => false,
        }
    }

    /// Finds field or method `name` of type `t` (auto-dereferencing one
    /// pointer level, searching embedded fields breadth-first).
    pub(super) fn select(&self, t: TypeId, name: &str) -> Option<Selection> {
        // A type parameter has its constraint's methods and nothing else
        // (not even its core type's fields); a pointer to one has none.
        if self.types.is_type_param(t) {
            return self.tparam_method(t, name).map(|m| Selection::IfaceMethod {
                path: vec![],
                name: name.to_string(),
                sig: m.sig,
            });
        }
        if let TypeKind::Pointer(b) = self.types.kind(t) {
            if self.types.is_type_param(*b) {
                return None;
            }
        }
        let (start, start_ptr) = match self.types.kind(t) {
            TypeKind::Pointer(b) => (*b, true),
            _ => (t, false),
        };
        if self.types.is_interface(start) && !start_ptr {
            if let Some(m) = self
                .types
                .interface_methods(start)
                .iter()
                .find(|m| m.name == name)
            {
                return Some(Selection::IfaceMethod {
                    path: vec![],
                    name: name.to_string(),
                    sig: m.sig,
                });
            }
            return None;
        }
        // (type, path so far, reached through pointer)
        let mut level: Vec<SearchNode> = vec![(start, vec![], start_ptr)];
        for _depth in 0..8 {
            let mut next = Vec::new();
            let mut found: Vec<Selection> = Vec::new();
            for (ty, path, via_ptr) in &level {
                if let Some(m) = self.types.find_method(*ty, name) {
                    found.push(Selection::Method {
                        path: path.clone(),
                        base: *ty,
                        method: m.clone(),
                        recv_is_ptr: *via_ptr,
                    });
                    continue;
                }
                if self.types.is_interface(*ty) && !path.is_empty() {
                    if let Some(m) = self
                        .types
                        .interface_methods(*ty)
                        .iter()
                        .find(|m| m.name == name)
                    {
                        found.push(Selection::IfaceMethod {
                            path: path.clone(),
                            name: name.to_string(),
                            sig: m.sig,
                        });
                    }
                    continue;
                }
                if let TypeKind::Struct(fields) = self.types.ukind(*ty) {
                    for (i, f) in fields.iter().enumerate() {
                        let mut p = path.clone();
                        p.push((i as u32, *via_ptr));
                        if f.name == name {
                            found.push(Selection::Field {
                                path: p.clone(),
                                ty: f.ty,
                            });
                        }
                        if f.embedded {
                            let (ft, fptr) = match self.types.kind(f.ty) {
                                TypeKind::Pointer(b) => (*b, true),
                                _ => (f.ty, false),
                            };
                            next.push((ft, p, fptr));
                        }
                    }
                }
            }
            if let Some(first) = found.into_iter().next() {
                return Some(first);
            }
            if next.is_empty() {
                return None;
            }
            level = next;
        }
        None
    }

    /// Adds method-table entries for the methods struct types get through
    /// embedded fields, so that interfaces see them; returns the field paths
    /// the entries refer to (see `RecvAdjust::Path`).
    pub(super) fn promote_methods(&mut self) -> Vec<Vec<u32>> {
        let mut paths = Vec::new();
        for t in 0..self.types.len() as u32 {
            let t = TypeId(t);
            let base = match self.types.kind(t) {
                TypeKind::Pointer(b) => *b,
                _ => t,
            };
            let embeds = match self.types.ukind(base) {
                TypeKind::Struct(fs) => fs.iter().any(|f| f.embedded),
                _ => false,
            };
            if !embeds {
                continue;
            }
            for mid in 0..self.method_names.len() {
                let name = &self.method_names[mid];
                let (path, ptr_recv, last, target, sig) = match self.select(t, name) {
                    Some(Selection::Method {
                        path,
                        method,
                        recv_is_ptr,
                        ..
                    }) => {
                        let via_ptr = recv_is_ptr || path.iter().any(|s| s.1);
                        if method.pointer_recv && !via_ptr {
                            continue;
                        }
                        let p = method.pointer_recv;
                        (path, p, recv_is_ptr, method.target, method.sig)
                    }
                    Some(Selection::IfaceMethod { path, sig, .. }) => {
                        (path, false, false, MethodTarget::Native(PATH_IFACE), sig)
                    }
                    _ => continue,
                };
                if path.is_empty() {
                    continue;
                }
                let mut ptr = t != base;
                let mut words = vec![];
                for (k, (i, _)) in path.iter().enumerate() {
                    words.push(*i);
                    if path.get(k + 1).map_or(last, |s| s.1) {
                        if ptr {
                            words.push(PATH_LOAD);
                        }
                        ptr = true;
                    }
                }
                if ptr && !ptr_recv {
                    words.push(PATH_LOAD);
                }
                if target == MethodTarget::Native(PATH_IFACE) {
                    words.push(PATH_IFACE);
                }
                paths.push(words);
                self.methods.entries.insert(
                    (t, mid as u32),
                    MethodEntry {
                        target,
                        sig,
                        recv: RecvAdjust::Path(paths.len() as u32 - 1),
                    },
                );
            }
        }
        paths
    }

    pub(super) fn selector(&mut self, x: &Expr, sel: &Ident, span: Span) -> Operand {
        // Package member?
        if let ExprKind::Ident(pid) = &x.kind {
            if let Some(Sym::Package { pkg, .. }) = self.lookup(&pid.name) {
                return self.package_member(pkg, pid, sel, span);
            }
        }
        let xo = self.expr(x);
        if xo.is_invalid() {
            return xo;
        }
        if let Mode::Type = xo.mode {
            // Method expression T.M / (*T).M.
            return self.method_expr(xo.ty, sel, span);
        }
        let xo = self.single_value(xo, x);
        if xo.is_invalid() {
            return xo;
        }
        match self.select(xo.ty, &sel.name) {
            Some(Selection::Field { path, ty }) => {
                self.navigate_value(xo.ty, &path);
                Operand::value(ty, span)
            }
            Some(Selection::Method { .. }) | Some(Selection::IfaceMethod { .. }) => {
                // A method value: bind the receiver now. Discard the value we
                // pushed and redo it with receiver preparation.
                let mark_ty = xo.ty;
                self.emit(Op::Pop);
                match self.method_receiver(x, mark_ty, &sel.name, span) {
                    Some(MethodCall::Func { fid, sig }) => {
                        self.emit(Op::BindMethod(fid));
                        Operand::value(sig, span)
                    }
                    Some(MethodCall::Native { nid, sig }) => {
                        self.emit(Op::BindNative(nid));
                        Operand::value(sig, span)
                    }
                    Some(MethodCall::Iface { mid, sig }) => {
                        self.emit(Op::BindIface(mid));
                        Operand::value(sig, span)
                    }
                    None => Operand::invalid(span),
                }
            }
            None if self.refused_methods.contains(&sel.name) => Operand::invalid(span),
            None if matches!(self.types.kind(xo.ty), TypeKind::Pointer(b) if self.types.is_type_param(*b)) =>
            {
                errorf!(
                    self,
                    sel.span,
                    "{}.{} undefined (type {} is pointer to type parameter, not type parameter)",
                    self.text(x.span),
                    sel.name,
                    self.tn(xo.ty)
                );
                Operand::invalid(span)
            }
            None => {
                let what = if self.types.is_interface(xo.ty) {
                    format!(
                        "{}.{} undefined (type {} has no field or method {})",
                        self.text(x.span),
                        sel.name,
                        self.tn(xo.ty),
                        sel.name
                    )
                } else {
                    let lower = self.select(xo.ty, &capitalize_flip(&sel.name));
                    match lower {
                        Some(_) => format!("{}.{} undefined (type {} has no field or method {}, but does have {} {})", self.text(x.span), sel.name, self.tn(xo.ty), sel.name, "field", capitalize_flip(&sel.name)),
                        None => format!("{}.{} undefined (type {} has no field or method {})", self.text(x.span), sel.name, self.tn(xo.ty), sel.name),
                    }
                };
                self.error(sel.span, what);
                Operand::invalid(span)
            }
        }
    }

    fn method_expr(&mut self, t: TypeId, sel: &Ident, span: Span) -> Operand {
        let base = match self.types.kind(t) {
            TypeKind::Pointer(b) => *b,
            _ => t,
        };
        match self.types.find_method(base, &sel.name).cloned() {
            Some(m) => {
                let sig = self.types.signature(m.sig).cloned().unwrap_or(Signature {
                    params: vec![],
                    results: vec![],
                    variadic: false,
                });
                let mut params = vec![t];
                params.extend(sig.params.iter().copied());
                let fty = self.types.func(params, sig.results.clone(), sig.variadic);
                match m.target {
                    MethodTarget::Func(fid) => {
                        self.emit(Op::PushFunc(fid));
                    }
                    MethodTarget::Native(nid) => {
                        self.emit(Op::PushNative(nid));
                    }
                }
                Operand::value(fty, span)
            }
            None => {
                errorf!(
                    self,
                    sel.span,
                    "{}.{} undefined (type {} has no method {})",
                    self.tn(t),
                    sel.name,
                    self.tn(t),
                    sel.name
                );
                Operand::invalid(span)
            }
        }
    }

    fn package_member(&mut self, pkg: u32, pid: &Ident, sel: &Ident, span: Span) -> Operand {
        let member = self.packages[pkg as usize].scope.get(&sel.name).cloned();
        let pkgname = pid.name.clone();
        match member {
            Some(
                sym @ (Sym::Global { .. }
                | Sym::Const { .. }
                | Sym::Type(_)
                | Sym::Func { .. }
                | Sym::Native { .. }),
            ) if is_exported(&sel.name) => self.sym_operand(sym, span),
            Some(_) if is_exported(&sel.name) => {
                self.undefined_member(pkg, &pkgname, sel, span);
                Operand::invalid(span)
            }
            Some(_) => {
                errorf!(
                    self,
                    sel.span,
                    "name {} not exported by package {}",
                    sel.name,
                    self.packages[pkg as usize].name
                );
                Operand::invalid(span)
            }
            None => {
                self.undefined_member(pkg, &pkgname, sel, sel.span);
                Operand::invalid(span)
            }
        }
    }

    /// `pkg.Name` that gosim's library lacks: a limitation of the simulator
    /// when Go's package has it, else Go's own `undefined`.
    fn undefined_member(&mut self, pkg: u32, pkgname: &str, sel: &Ident, span: Span) {
        let path = self.packages[pkg as usize].path.clone();
        if super::std_api::exports(&path, &sel.name) {
            errorf!(
                self,
                span,
                "{}.{} is {} yet",
                pkgname,
                sel.name,
                crate::syntax::diag::LIMITATION_MARK
            );
        } else {
            errorf!(self, span, "undefined: {}.{}", pkgname, sel.name);
        }
    }

    /// Given a pointer to a struct of type `base` (or to what `base` points
    /// to) on the stack, follows a field path, leaving a pointer to the field.
    pub(super) fn field_path_ptr(&mut self, base: TypeId, path: &[(u32, bool)]) {
        let mut cur = match self.types.kind(base) {
            TypeKind::Pointer(b) => *b,
            _ => base,
        };
        for (i, (idx, _)) in path.iter().enumerate() {
            self.emit(Op::PtrField(*idx));
            let fty = match self.types.ukind(cur) {
                TypeKind::Struct(fs) => fs.get(*idx as usize).map(|f| f.ty).unwrap_or(wk::INVALID),
                _ => wk::INVALID,
            };
            cur = fty;
            if i + 1 < path.len() {
                if let TypeKind::Pointer(b) = self.types.kind(fty).clone() {
                    // An embedded pointer: load it to continue from its target.
                    self.emit(Op::Deref);
                    cur = b;
                }
            }
        }
    }

    pub(super) fn path_end_type(&self, xty: TypeId, path: &[(u32, bool)]) -> TypeId {
        let mut cur = xty;
        for (idx, _) in path {
            if let TypeKind::Pointer(b) = self.types.ukind(cur) {
                cur = *b;
            }
            cur = match self.types.ukind(cur) {
                TypeKind::Struct(fs) => fs.get(*idx as usize).map(|f| f.ty).unwrap_or(wk::INVALID),
                _ => wk::INVALID,
            };
        }
        cur
    }

    /// With a value of type `xty` on the stack, loads the field at `path`.
    pub(super) fn navigate_value(&mut self, xty: TypeId, path: &[(u32, bool)]) {
        let mut cur = xty;
        for (idx, _) in path {
            if let TypeKind::Pointer(b) = self.types.ukind(cur).clone() {
                self.emit(Op::Deref);
                cur = b;
            }
            self.emit(Op::Field(*idx));
            cur = match self.types.ukind(cur) {
                TypeKind::Struct(fs) => fs.get(*idx as usize).map(|f| f.ty).unwrap_or(wk::INVALID),
                _ => wk::INVALID,
            };
        }
    }
}

/// A type being searched for a selector: (type, field path so far,
/// reached through a pointer).
type SearchNode = (TypeId, Vec<(u32, bool)>, bool);

/// How a selector resolved.
#[derive(Clone, Debug)]
pub(super) enum Selection {
    /// A field reached through embedded fields: indices, and for each step
    /// whether the struct at that step is behind a pointer.
    Field { path: Vec<(u32, bool)>, ty: TypeId },
    /// A method of a named type reached through `path` embedded fields.
    Method {
        path: Vec<(u32, bool)>,
        base: TypeId,
        method: Method,
        recv_is_ptr: bool,
    },
    /// A method of an interface (possibly an embedded interface field).
    IfaceMethod {
        path: Vec<(u32, bool)>,
        name: String,
        sig: TypeId,
    },
}

fn capitalize_flip(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) if f.is_uppercase() => format!("{}{}", unicase::to_lower(f), c.as_str()),
        Some(f) => format!("{}{}", unicase::to_upper(f), c.as_str()),
        None => String::new(),
    }
}
