//! Composite literals: go/types' literals.go. `T{...}` for structs,
//! arrays (including `[...]T`), slices and maps, with element types elided
//! inside the literal.
//!
//! Owns keyed and positional elements, the literal's length, and the
//! duplicate, unknown-field and out-of-range checks. Each element is
//! converted to its slot's type through assignments.rs, like any other
//! assignment.

use crate::compile::Compiler;
use crate::compile::Operand;
use crate::syntax::ast::{Element, Expr, ExprKind, UnaryOp};
use crate::syntax::span::Span;
use crate::types::{Field, TypeId, TypeKind};
use crate::vm::op::Op;

impl<'a> Compiler<'a> {
    /// The type of a composite literal's type expression (`[...]T` takes its
    /// length from the element count).
    pub(super) fn composite_type(&mut self, t: &Expr) -> TypeId {
        if let ExprKind::ArrayType {
            len: None,
            ellipsis: true,
            elem,
        } = &t.kind
        {
            let et = self.resolve_type(elem);
            // Length fixed later from keys; mark with u64::MAX.
            return self.types.intern(TypeKind::Array(u64::MAX, et));
        }
        self.resolve_type(t)
    }

    pub(super) fn composite(&mut self, ty: TypeId, elems: &[Element], span: Span) -> Operand {
        match self.types.ukind(ty).clone() {
            TypeKind::Struct(fields) => self.struct_literal(ty, &fields, elems, span),
            TypeKind::Array(n, elem) => {
                let (count, order) =
                    self.indexed_elems(elems, if n == u64::MAX { None } else { Some(n) });
                let real_n = if n == u64::MAX { count } else { n };
                let real_ty = if n == u64::MAX {
                    self.types.intern(TypeKind::Array(real_n, elem))
                } else {
                    ty
                };
                self.emit_indexed(elems, &order, real_n, elem, "array or slice literal");
                self.emit(Op::MakeSeq(real_n as u32));
                Operand::value(real_ty, span)
            }
            TypeKind::Slice(elem) => {
                let (count, order) = self.indexed_elems(elems, None);
                self.emit_indexed(elems, &order, count, elem, "slice literal");
                self.emit(Op::MakeSliceOf(count as u32));
                Operand::value(ty, span)
            }
            TypeKind::Map(k, v) => {
                self.emit(Op::MakeMap);
                for el in elems {
                    self.emit(Op::Dup);
                    match &el.key {
                        Some(key) => self.element(key, k, "map literal"),
                        None => {
                            self.error(el.value.span, "missing key in map literal");
                            self.emit(Op::Zero(k));
                        }
                    }
                    self.element(&el.value, v, "map literal");
                    self.emit(Op::MapSet);
                }
                Operand::value(ty, span)
            }
            TypeKind::Invalid => Operand::invalid(span),
            _ => {
                errorf!(self, span, "invalid composite literal type {}", self.tn(ty));
                Operand::invalid(span)
            }
        }
    }

    /// A struct literal: all keyed (`T{F: v}`) or all positional (`T{v, w}`);
    /// missing fields are zero.
    fn struct_literal(
        &mut self,
        ty: TypeId,
        fields: &[Field],
        elems: &[Element],
        span: Span,
    ) -> Operand {
        let keyed = elems.first().is_some_and(|e| e.key.is_some());
        if keyed {
            let mut vals: Vec<Option<&Element>> = vec![None; fields.len()];
            for el in elems {
                let Some(k) = &el.key else {
                    self.error(
                        el.value.span,
                        "mixture of field:value and value elements in struct literal",
                    );
                    continue;
                };
                let ExprKind::Ident(kid) = &k.kind else {
                    errorf!(
                        self,
                        k.span,
                        "invalid field name {} in struct literal",
                        self.text(k.span)
                    );
                    continue;
                };
                match fields.iter().position(|f| f.name == kid.name) {
                    Some(i) => {
                        if vals[i].is_some() {
                            errorf!(
                                self,
                                k.span,
                                "duplicate field name {} in struct literal",
                                kid.name
                            );
                        }
                        vals[i] = Some(el);
                    }
                    None => errorf!(
                        self,
                        k.span,
                        "unknown field {} in struct literal of type {}",
                        kid.name,
                        self.tn(ty)
                    ),
                }
            }
            for (i, f) in fields.iter().enumerate() {
                match vals[i] {
                    Some(el) => self.element(&el.value, f.ty, "struct literal"),
                    None => {
                        self.emit(Op::Zero(f.ty));
                    }
                }
            }
        } else if !elems.is_empty() {
            if elems.len() < fields.len() {
                errorf!(
                    self,
                    Span {
                        lo: span.hi.saturating_sub(1),
                        hi: span.hi,
                    },
                    "too few values in struct literal of type {}",
                    self.tn(ty)
                );
            }
            for (i, f) in fields.iter().enumerate() {
                match elems.get(i) {
                    Some(el) => self.element(&el.value, f.ty, "struct literal"),
                    None => {
                        self.emit(Op::Zero(f.ty));
                    }
                }
            }
            if elems.len() > fields.len() {
                errorf!(
                    self,
                    elems[fields.len()].value.span,
                    "too many values in struct literal of type {}",
                    self.tn(ty)
                );
            }
        } else {
            for f in fields {
                self.emit(Op::Zero(f.ty));
            }
        }
        self.emit(Op::MakeSeq(fields.len() as u32));
        Operand::value(ty, span)
    }

    /// Positions of array/slice literal elements: (length, index per element).
    fn indexed_elems(&mut self, elems: &[Element], bound: Option<u64>) -> (u64, Vec<u64>) {
        let mut next = 0u64;
        let mut max = 0u64;
        let mut order = Vec::new();
        for el in elems {
            if let Some(k) = &el.key {
                match self.const_expr(k).and_then(|c| c.as_i128()) {
                    Some(i) if i >= 0 => next = i as u64,
                    _ => errorf!(
                        self,
                        k.span,
                        "index {} must be integer constant",
                        self.text(k.span)
                    ),
                }
            }
            if let Some(b) = bound {
                if next >= b {
                    errorf!(
                        self,
                        el.value.span,
                        "index {} out of bounds [0:{}]",
                        next,
                        b
                    );
                }
            }
            order.push(next);
            next += 1;
            max = max.max(next);
        }
        (max, order)
    }

    fn emit_indexed(&mut self, elems: &[Element], order: &[u64], n: u64, elem: TypeId, ctx: &str) {
        // Elements are emitted in index order with zeros in the gaps.
        let mut by_index: Vec<Option<usize>> = vec![None; n.min(1 << 24) as usize];
        for (i, &at) in order.iter().enumerate() {
            if let Some(slot) = by_index.get_mut(at as usize) {
                if slot.is_some() {
                    errorf!(
                        self,
                        elems[i].value.span,
                        "duplicate index {} in array or slice literal",
                        at
                    );
                }
                *slot = Some(i);
            }
        }
        for slot in by_index {
            match slot {
                Some(i) => self.element(&elems[i].value, elem, ctx),
                None => {
                    self.emit(Op::Zero(elem));
                }
            }
        }
    }

    /// One element of a composite literal, with Go's type elision.
    fn element(&mut self, v: &Expr, ty: TypeId, ctx: &str) {
        if let ExprKind::Composite {
            ty: None, elems, ..
        } = &v.kind
        {
            if let TypeKind::Pointer(inner) = self.types.ukind(ty).clone() {
                self.composite(inner, elems, v.span);
                self.emit(Op::NewCell);
            } else {
                self.composite(ty, elems, v.span);
            }
            return;
        }
        if let ExprKind::Unary(UnaryOp::Addr, inner) = &v.kind {
            if let ExprKind::Composite {
                ty: None, elems, ..
            } = &inner.kind
            {
                if let TypeKind::Pointer(it) = self.types.ukind(ty).clone() {
                    self.composite(it, elems, v.span);
                    self.emit(Op::NewCell);
                    return;
                }
            }
        }
        let o = match self.generic_value(v, ty, None) {
            Some(o) => o,
            None => self.expr_for(v, ty),
        };
        self.assign_to(o, v, ty, ctx);
    }
}
