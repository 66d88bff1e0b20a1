//! Index and slice expressions: go/types' index.go. `x[i]` on slices,
//! arrays, pointers to arrays, strings and maps, the comma-ok map read
//! `v, ok := m[k]`, and `x[lo:hi:max]`.
//!
//! Owns the constant-index checks `go build` reports (negative, out of
//! bounds, not an integer) and the instruction per indexed type. Taking an
//! element's address (`&a[i]`) is expr.rs's `addr`.

use crate::compile::consts::{self, ConstVal};
use crate::compile::{Compiler, Mode, Operand};
use crate::syntax::ast::Expr;
use crate::syntax::span::Span;
use crate::types::{well_known as wk, TypeId, TypeKind, UntypedKind};
use crate::vm::op::{Op, SliceKind};
use crate::vm::value::Value;

impl<'a> Compiler<'a> {
    pub(super) fn index_value(&mut self, i: &Expr, len: Option<u64>) {
        let o = self.expr_for(i, wk::INT);
        match &o.mode {
            Mode::Const(c) => {
                match c.as_i128() {
                    Some(v) if v < 0 => errorf!(
                        self,
                        i.span,
                        "invalid argument: index {} (constant of type int) must not be negative",
                        self.text(i.span)
                    ),
                    Some(v) => {
                        if let Some(n) = len {
                            if v as u64 >= n {
                                errorf!(
                                    self,
                                    i.span,
                                    "invalid argument: index {} out of bounds [0:{}]",
                                    consts::int_text(v),
                                    n
                                );
                            }
                        }
                    }
                    None => errorf!(
                        self,
                        i.span,
                        "invalid argument: index {} must be integer",
                        self.describe(&o, i)
                    ),
                }
                self.materialize(&o, Some(wk::INT));
            }
            Mode::Invalid => {}
            _ => {
                let o = self.single_value(o, i);
                if !o.is_invalid() && !self.types.is_integer(o.ty) {
                    errorf!(
                        self,
                        i.span,
                        "invalid argument: index {} must be integer",
                        self.describe(&o, i)
                    );
                }
            }
        }
    }

    pub(super) fn index(&mut self, x: &Expr, i: &Expr, span: Span) -> Operand {
        let xo = self.expr(x);
        if xo.is_invalid() {
            return xo;
        }
        if let Mode::Type = xo.mode {
            errorf!(self, x.span, "{} is not a generic type", self.text(x.span));
            return Operand::invalid(span);
        }
        if let Mode::Const(ConstVal::Str(s)) = &xo.mode {
            let s = s.clone();
            let io = self.expr(i);
            if let Mode::Const(c) = &io.mode {
                if let Some(v) = c.as_i128() {
                    if v < 0 || v as usize >= s.len() {
                        errorf!(
                            self,
                            i.span,
                            "invalid argument: index {} out of bounds [0:{}]",
                            consts::int_text(v),
                            s.len()
                        );
                        return Operand::invalid(span);
                    }
                    return Operand {
                        mode: Mode::Const(ConstVal::Int(s[v as usize] as i128)),
                        ty: wk::UINT8,
                        span,
                    };
                }
            }
            // Non-constant index into a constant string.
            self.materialize(&io, Some(wk::INT));
            self.emit(Op::Push(Value::Str(s)));
            self.emit(Op::Swap);
            self.emit(Op::IndexString);
            return Operand::value(wk::UINT8, span);
        }
        let xo = self.single_value(xo, x);
        if xo.is_invalid() {
            return xo;
        }
        match self.types.ukind(xo.ty).clone() {
            TypeKind::Slice(elem) => {
                self.index_value(i, None);
                self.emit(Op::IndexSlice);
                Operand::value(elem, span)
            }
            TypeKind::Array(n, elem) => {
                self.index_value(i, Some(n));
                self.emit(Op::IndexArray(n as u32));
                Operand::value(elem, span)
            }
            TypeKind::Pointer(p) => match self.types.ukind(p).clone() {
                TypeKind::Array(n, elem) => {
                    self.emit(Op::Deref);
                    self.index_value(i, Some(n));
                    self.emit(Op::IndexArray(n as u32));
                    Operand::value(elem, span)
                }
                _ => {
                    errorf!(
                        self,
                        span,
                        "invalid operation: cannot index {}",
                        self.describe(&xo, x)
                    );
                    Operand::invalid(span)
                }
            },
            TypeKind::String => {
                self.index_value(i, None);
                self.emit(Op::IndexString);
                Operand::value(wk::UINT8, span)
            }
            TypeKind::Map(k, v) => {
                let ko = self.expr(i);
                self.assign_to(ko, i, k, "map index");
                self.emit(Op::IndexMap {
                    elem: v,
                    comma_ok: false,
                });
                Operand::value(v, span)
            }
            _ => {
                errorf!(
                    self,
                    span,
                    "invalid operation: cannot index {}",
                    self.describe(&xo, x)
                );
                Operand::invalid(span)
            }
        }
    }

    /// `v, ok := m[k]`: pushes the value and the presence flag.
    pub(super) fn index_comma_ok(
        &mut self,
        x: &Expr,
        i: &Expr,
        span: Span,
    ) -> Option<(TypeId, TypeId)> {
        let xo = self.value(x);
        if xo.is_invalid() {
            return None;
        }
        match self.types.ukind(xo.ty).clone() {
            TypeKind::Map(k, v) => {
                let ko = self.expr(i);
                self.assign_to(ko, i, k, "map index");
                self.emit(Op::IndexMap {
                    elem: v,
                    comma_ok: true,
                });
                Some((v, wk::UNTYPED_BOOL))
            }
            _ => {
                self.error(span, "assignment mismatch: 2 variables but 1 value");
                None
            }
        }
    }

    pub(super) fn slice_expr(
        &mut self,
        x: &Expr,
        lo: Option<&Expr>,
        hi: Option<&Expr>,
        max: Option<&Expr>,
        span: Span,
    ) -> Operand {
        let xt = match self.peek_type(x) {
            Some(t) => t,
            None => return Operand::invalid(span),
        };
        let (kind, result) = match self.types.ukind(xt).clone() {
            TypeKind::Slice(_) => {
                self.value(x);
                (SliceKind::Slice, xt)
            }
            TypeKind::String | TypeKind::Untyped(UntypedKind::String) => {
                self.value(x);
                if max.is_some() {
                    self.error(span, "invalid operation: 3-index slice of string");
                }
                (
                    SliceKind::String,
                    if xt == wk::UNTYPED_STRING {
                        wk::STRING
                    } else {
                        xt
                    },
                )
            }
            TypeKind::Array(n, elem) => {
                if self.addr(x).is_none() {
                    return Operand::invalid(span);
                }
                (SliceKind::ArrayPtr(n as u32), self.types.slice(elem))
            }
            TypeKind::Pointer(p) => match self.types.ukind(p).clone() {
                TypeKind::Array(n, elem) => {
                    self.value(x);
                    (SliceKind::ArrayPtr(n as u32), self.types.slice(elem))
                }
                _ => {
                    errorf!(self, span, "cannot slice {}", self.text(x.span));
                    return Operand::invalid(span);
                }
            },
            _ => {
                errorf!(
                    self,
                    span,
                    "cannot slice {} (variable of type {})",
                    self.text(x.span),
                    self.tn(xt)
                );
                return Operand::invalid(span);
            }
        };
        for p in [lo, hi, max].into_iter().flatten() {
            self.index_value(p, None);
        }
        self.emit(Op::SliceOp {
            has_lo: lo.is_some(),
            has_hi: hi.is_some(),
            has_max: max.is_some(),
            kind,
        });
        Operand::value(result, span)
    }
}
