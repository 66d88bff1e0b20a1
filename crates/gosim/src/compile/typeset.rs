//! Type sets: go/types' typeset.go, union.go and the constraint half of
//! instantiate.go (`implements`). What a constraint admits, the core type
//! of a type parameter, the questions operators ask of a type parameter
//! ("does every type in its set support `+`?"), and whether a type
//! argument satisfies its constraint, with `go build`'s reasons.
//!
//! Works on types only: no syntax and no code. Building a constraint from
//! its syntax is decls.rs's `resolve_type` (interfaces) and instantiate.rs's
//! `resolve_constraint` (bare unions in type parameter lists).

use crate::compile::Compiler;
use crate::types::{well_known as wk, IfaceMethod, Term, TypeId, TypeKind, TypeSet};

impl<'a> Compiler<'a> {
    /// The type set a constraint denotes: an interface's methods, a
    /// `Constraint`'s set, or for any other type the set of just that type.
    pub(super) fn type_set(&self, c: TypeId) -> TypeSet {
        match self.types.ukind(c) {
            TypeKind::Interface(ms) => TypeSet {
                methods: ms.clone(),
                terms: None,
                comparable: false,
                implicit: false,
            },
            TypeKind::Constraint(ts) => ts.clone(),
            _ if c == wk::INVALID => TypeSet {
                methods: Vec::new(),
                terms: None,
                comparable: false,
                implicit: true,
            },
            _ => TypeSet {
                methods: Vec::new(),
                terms: Some(vec![Term {
                    tilde: false,
                    ty: c,
                }]),
                comparable: false,
                implicit: true,
            },
        }
    }

    /// The type set of type parameter `t`'s constraint.
    pub(super) fn tparam_set(&self, t: TypeId) -> Option<TypeSet> {
        self.types
            .tparam_info(t)
            .map(|info| self.type_set(info.constraint))
    }

    /// The one underlying type all of a set's terms share (go/types'
    /// `coreType`); `None` for a set without terms or with differing ones.
    pub(super) fn core_of(&self, c: TypeId) -> Option<TypeId> {
        let ts = self.type_set(c);
        let terms = ts.terms?;
        let mut core = None;
        for t in &terms {
            let u = self.types.underlying(t.ty);
            if self.types.is_type_param(u) || self.types.is_interface(u) {
                return None;
            }
            match core {
                None => core = Some(u),
                Some(c) if c == u => {}
                Some(_) => return None,
            }
        }
        core
    }

    /// Whether `t` (or, for a type parameter without a core type, every
    /// type in its set) passes `pred`, asked of underlying types. How an
    /// operator decides whether it applies to a type parameter.
    pub(super) fn each_type(&self, t: TypeId, pred: &dyn Fn(&Self, TypeId) -> bool) -> bool {
        let u = self.types.underlying(t);
        if self.types.is_type_param(u) {
            self.all_terms(u, pred)
        } else {
            pred(self, u)
        }
    }

    /// Whether every type in type parameter `t`'s set passes `pred` (asked of
    /// its underlying type). False for a set without terms: `any` admits
    /// types that fail any such predicate.
    pub(super) fn all_terms(&self, t: TypeId, pred: &dyn Fn(&Self, TypeId) -> bool) -> bool {
        match self.tparam_set(t).and_then(|ts| ts.terms) {
            Some(terms) => {
                !terms.is_empty()
                    && terms
                        .iter()
                        .all(|term| pred(self, self.types.underlying(term.ty)))
            }
            None => false,
        }
    }

    /// The intersection of two term lists (`None` is every type).
    pub(super) fn intersect_terms(
        &self,
        a: Option<Vec<Term>>,
        b: Option<Vec<Term>>,
    ) -> Option<Vec<Term>> {
        let (a, b) = match (a, b) {
            (None, x) | (x, None) => return x,
            (Some(a), Some(b)) => (a, b),
        };
        let mut out: Vec<Term> = Vec::new();
        for x in &a {
            for y in &b {
                let meet = match (x.tilde, y.tilde) {
                    (true, true) => {
                        (self.types.underlying(x.ty) == self.types.underlying(y.ty)).then_some(*x)
                    }
                    (true, false) => (self.types.underlying(y.ty) == x.ty).then_some(*y),
                    (false, true) => (self.types.underlying(x.ty) == y.ty).then_some(*x),
                    (false, false) => (x.ty == y.ty).then_some(*x),
                };
                if let Some(m) = meet {
                    if !out.contains(&m) {
                        out.push(m);
                    }
                }
            }
        }
        Some(out)
    }

    /// Adds an embedded element to the set of the interface being built:
    /// methods join, terms intersect, `comparable` sticks.
    pub(super) fn embed_in_set(&self, set: &mut TypeSet, elem: &TypeSet) {
        for m in &elem.methods {
            if !set.methods.iter().any(|x| x.name == m.name) {
                set.methods.push(m.clone());
            }
        }
        set.comparable |= elem.comparable;
        set.terms = self.intersect_terms(set.terms.take(), elem.terms.clone());
    }

    /// Whether `t` is in a term list's set.
    fn in_terms(&self, t: TypeId, terms: &[Term]) -> bool {
        terms.iter().any(|term| {
            if term.tilde {
                self.types.underlying(t) == self.types.underlying(term.ty)
            } else {
                t == term.ty
            }
        })
    }

    /// Whether type argument `t` satisfies constraint `c` (go/types'
    /// `implements`); on failure, the reason as `go build` appends it to
    /// "T does not satisfy C".
    pub(super) fn satisfies(&self, t: TypeId, c: TypeId) -> Result<(), String> {
        let cs = self.type_set(c);
        if let Some(ts) = self.tparam_set(t) {
            // A type parameter satisfies c when its whole set lies in c's.
            if let Some(want) = &cs.terms {
                let Some(have) = &ts.terms else {
                    return Err(String::new());
                };
                for h in have {
                    let inside = want.iter().any(|w| {
                        if w.tilde {
                            self.types.underlying(h.ty) == self.types.underlying(w.ty)
                        } else {
                            !h.tilde && h.ty == w.ty
                        }
                    });
                    if !inside {
                        return Err(format!(
                            " ({}{} missing in {})",
                            if h.tilde { "~" } else { "" },
                            self.tn(h.ty),
                            self.terms_text(want)
                        ));
                    }
                }
            }
            if cs.comparable && !self.types.comparable(t) {
                return Err(String::new());
            }
            for m in &cs.methods {
                if !ts
                    .methods
                    .iter()
                    .any(|x| x.name == m.name && x.sig == m.sig)
                {
                    return Err(format!(" (missing method {})", m.name));
                }
            }
            return Ok(());
        }
        if let Some(want) = &cs.terms {
            if !self.in_terms(t, want) {
                return Err(format!(
                    " ({} missing in {})",
                    self.tn(t),
                    self.terms_text(want)
                ));
            }
        }
        if cs.comparable && !self.types.comparable(t) {
            return Err(String::new());
        }
        for m in &cs.methods {
            if !self.has_method(t, &m.name, m.sig) {
                return Err(format!(" (missing method {})", m.name));
            }
        }
        Ok(())
    }

    /// Whether constant `v` is representable in every type of type
    /// parameter `t`'s set (false for a set without terms).
    pub(super) fn const_fits_each(&self, v: &crate::compile::consts::ConstVal, t: TypeId) -> bool {
        self.all_terms(self.types.underlying(t), &|c, u| {
            crate::compile::consts::representable(&c.types, v, u).is_ok()
        })
    }

    /// `~int | ~float64`, as go/types prints a term list.
    pub(super) fn terms_text(&self, terms: &[Term]) -> String {
        let parts: Vec<String> = terms
            .iter()
            .map(|t| format!("{}{}", if t.tilde { "~" } else { "" }, self.tn(t.ty)))
            .collect();
        parts.join(" | ")
    }

    /// The methods of type parameter `t`'s constraint named `name`.
    pub(super) fn tparam_method(&self, t: TypeId, name: &str) -> Option<IfaceMethod> {
        self.tparam_set(t)?
            .methods
            .into_iter()
            .find(|m| m.name == name)
    }
}
