//! Conversions `T(x)`: go/types' conversions.go.
//!
//! Owns which conversions Go allows, constant conversions (which stay
//! constant and must be representable), and the VM's `Convert` instruction
//! for each change of representation. calls.rs routes `T(x)` here once it
//! knows `T` names a type.

use crate::compile::consts::{self, ConstVal};
use crate::compile::{Compiler, Mode, Operand};
use crate::syntax::ast::Expr;
use crate::syntax::span::Span;
use crate::types::{well_known as wk, ChanDir, TypeId, TypeKind};
use crate::vm::op::{Conv, Op};
use crate::vm::value::Value;
use std::rc::Rc;

impl<'a> Compiler<'a> {
    /// Integer/float/string conversions `T(x)`.
    pub(super) fn conversion(&mut self, target: TypeId, arg: &Expr, span: Span) -> Operand {
        let o = self.expr_for(arg, target);
        if o.is_invalid() || target == wk::INVALID {
            return Operand::invalid(span);
        }
        if let Mode::Const(c) = &o.mode {
            let c = c.clone();
            // Constant conversions stay constant for basic types.
            let tu = self.types.ukind(target).clone();
            match (&tu, &c) {
                (TypeKind::String, ConstVal::Int(i)) if self.types.is_integer(o.ty) => {
                    let ch = u32::try_from(*i)
                        .ok()
                        .and_then(char::from_u32)
                        .unwrap_or('\u{FFFD}');
                    let s = ch.to_string();
                    return Operand {
                        mode: Mode::Const(ConstVal::Str(Rc::from(s.as_bytes()))),
                        ty: target,
                        span,
                    };
                }
                (
                    TypeKind::Int(_)
                    | TypeKind::Float64
                    | TypeKind::Float32
                    | TypeKind::String
                    | TypeKind::Bool,
                    _,
                ) => {
                    let why = match consts::representable(&self.types, &c, target) {
                        Ok(v) => {
                            return Operand {
                                mode: Mode::Const(v),
                                ty: target,
                                span,
                            }
                        }
                        Err(why) => why,
                    };
                    // Go reports these at the argument, as it sees them:
                    // an integer that does not fit just overflows; a float
                    // headed for an integer type shows the integer it is,
                    // if it is one.
                    let msg = if why == consts::Unrepresentable::Overflow
                        && self.types.is_integer(o.ty)
                        && matches!(tu, TypeKind::Int(_))
                    {
                        format!("constant {} overflows {}", c.display(), self.tn(target))
                    } else {
                        let shown = match (&tu, c.as_i128()) {
                            (TypeKind::Int(_), Some(i)) => Operand {
                                mode: Mode::Const(ConstVal::Int(i)),
                                ..o.clone()
                            },
                            _ => o.clone(),
                        };
                        format!(
                            "cannot convert {} to type {}",
                            self.describe(&shown, arg),
                            self.tn(target)
                        )
                    };
                    self.error(arg.span, msg);
                    return Operand::invalid(span);
                }
                _ => {}
            }
            if c == ConstVal::Nil {
                if self.identical_or_assignable(wk::UNTYPED_NIL, target) {
                    self.emit(Op::Push(Value::Nil));
                    return Operand::value(target, span);
                }
                errorf!(self, span, "cannot convert nil to type {}", self.tn(target));
                return Operand::invalid(span);
            }
            let t = self.materialize(&o, None);
            return self.convert_value(t, target, arg, span);
        }
        let o = self.single_value(o, arg);
        if o.is_invalid() {
            return o;
        }
        self.convert_value(o.ty, target, arg, span)
    }

    fn convert_value(&mut self, src: TypeId, target: TypeId, arg: &Expr, span: Span) -> Operand {
        let src_tp = self.types.is_type_param(self.types.underlying(src));
        let dst_tp = self.types.is_type_param(self.types.underlying(target));
        if src_tp || dst_tp {
            return self.convert_type_params(src, target, src_tp, dst_tp, arg, span);
        }
        let su = self.types.ukind(src).clone();
        let tu = self.types.ukind(target).clone();
        let ok = match (&su, &tu) {
            _ if self.types.underlying(src) == self.types.underlying(target) => true,
            (TypeKind::Int(_), TypeKind::Int(k)) => {
                self.emit(Op::Convert(Conv::IntToInt(*k)));
                true
            }
            (TypeKind::Int(k), TypeKind::Float64 | TypeKind::Float32) => {
                self.emit(Op::Convert(Conv::IntToFloat {
                    from_unsigned: !k.signed() && k.bits() == 64,
                    to32: tu == TypeKind::Float32,
                }));
                true
            }
            (TypeKind::Float64 | TypeKind::Float32, TypeKind::Int(k)) => {
                self.emit(Op::Convert(Conv::FloatToInt(*k)));
                true
            }
            (TypeKind::Float64, TypeKind::Float32) => {
                self.emit(Op::Convert(Conv::FloatToFloat32));
                true
            }
            (TypeKind::Float32, TypeKind::Float64) => true,
            (TypeKind::Int(_), TypeKind::String) => {
                self.emit(Op::Convert(Conv::IntToString));
                true
            }
            (TypeKind::String, TypeKind::Slice(e)) if self.types.underlying(*e) == wk::UINT8 => {
                self.emit(Op::Convert(Conv::StringToBytes));
                true
            }
            (TypeKind::String, TypeKind::Slice(e)) if self.types.underlying(*e) == wk::INT32 => {
                self.emit(Op::Convert(Conv::StringToRunes));
                true
            }
            (TypeKind::Slice(e), TypeKind::String) if self.types.underlying(*e) == wk::UINT8 => {
                self.emit(Op::Convert(Conv::BytesToString));
                true
            }
            (TypeKind::Slice(e), TypeKind::String) if self.types.underlying(*e) == wk::INT32 => {
                self.emit(Op::Convert(Conv::RunesToString));
                true
            }
            (TypeKind::Pointer(a), TypeKind::Pointer(b)) => {
                self.types.underlying(*a) == self.types.underlying(*b)
            }
            (_, TypeKind::Interface(_)) => {
                if self.types.is_interface(src) {
                    true
                } else if self.missing_method(src, target).is_none() {
                    self.emit(Op::MakeIface(src));
                    true
                } else {
                    false
                }
            }
            (TypeKind::Chan(ChanDir::Both, e1), TypeKind::Chan(_, e2)) if e1 == e2 => true,
            (TypeKind::Slice(e), TypeKind::Array(n, e2)) if e == e2 => {
                self.emit(Op::Convert(Conv::SliceToArray(*n as u32)));
                true
            }
            (TypeKind::Slice(e), TypeKind::Pointer(p)) => match self.types.ukind(*p).clone() {
                TypeKind::Array(n, e2) if e2 == *e => {
                    self.emit(Op::Convert(Conv::SliceToArrayPtr(n as u32)));
                    true
                }
                _ => false,
            },
            _ => false,
        };
        if !ok {
            let o = Operand::value(src, arg.span);
            errorf!(
                self,
                arg.span,
                "cannot convert {} to type {}",
                self.describe(&o, arg),
                self.tn(target)
            );
            return Operand::invalid(span);
        }
        Operand::value(target, span)
    }

    /// A conversion from or to a type parameter: allowed when every type
    /// of the one set converts to every type of the other (go/types'
    /// `convertibleTo` over type sets). Only generic bodies being checked
    /// get here; instances convert concrete types.
    fn convert_type_params(
        &mut self,
        src: TypeId,
        target: TypeId,
        src_tp: bool,
        dst_tp: bool,
        arg: &Expr,
        span: Span,
    ) -> Operand {
        let terms = |c: &Self, t: TypeId, is_tp: bool| -> Option<Vec<TypeId>> {
            if is_tp {
                let set = c.tparam_set(c.types.underlying(t))?;
                Some(set.terms?.iter().map(|x| x.ty).collect())
            } else {
                Some(vec![t])
            }
        };
        let o = Operand::value(src, arg.span);
        if src_tp && !dst_tp && self.types.is_interface(target) {
            // Any type parameter converts to an interface its constraint
            // implies (`any(v)`).
            if let Some(m) = self.missing_method(src, target) {
                errorf!(
                    self,
                    arg.span,
                    "cannot convert {} to type {}: {} does not implement {} (missing method {})",
                    self.describe(&o, arg),
                    self.tn(target),
                    self.tn(src),
                    self.tn(target),
                    m
                );
                return Operand::invalid(span);
            }
            self.emit(Op::MakeIface(src));
            return Operand::value(target, span);
        }
        let (Some(from), Some(to)) = (terms(self, src, src_tp), terms(self, target, dst_tp)) else {
            errorf!(
                self,
                arg.span,
                "cannot convert {} to type {}",
                self.describe(&o, arg),
                self.tn(target)
            );
            return Operand::invalid(span);
        };
        for x in &from {
            for y in &to {
                if self.convertible(*x, *y) {
                    continue;
                }
                let xs = if src_tp {
                    format!("{} (in {})", self.tn(*x), self.tn(src))
                } else {
                    self.tn(*x)
                };
                let ys = if dst_tp {
                    format!("{} (in {})", self.tn(*y), self.tn(target))
                } else {
                    self.tn(*y)
                };
                errorf!(
                    self,
                    arg.span,
                    "cannot convert {} to type {}: cannot convert {} to type {}",
                    self.describe(&o, arg),
                    self.tn(target),
                    xs,
                    ys
                );
                return Operand::invalid(span);
            }
        }
        Operand::value(target, span)
    }

    /// Whether a value of type `src` converts to `dst` (the table
    /// `convert_value` emits from, without emitting).
    fn convertible(&self, src: TypeId, dst: TypeId) -> bool {
        let (su, du) = (self.types.underlying(src), self.types.underlying(dst));
        if su == du {
            return true;
        }
        let bytes_or_runes = |e: TypeId| {
            let u = self.types.underlying(e);
            u == wk::UINT8 || u == wk::INT32
        };
        match (self.types.kind(su), self.types.kind(du)) {
            (TypeKind::Int(_), TypeKind::Int(_) | TypeKind::Float64 | TypeKind::Float32) => true,
            (TypeKind::Float64 | TypeKind::Float32, TypeKind::Int(_))
            | (TypeKind::Float64 | TypeKind::Float32, TypeKind::Float64 | TypeKind::Float32) => {
                true
            }
            (TypeKind::Int(_), TypeKind::String) => true,
            (TypeKind::String, TypeKind::Slice(e)) | (TypeKind::Slice(e), TypeKind::String) => {
                bytes_or_runes(*e)
            }
            (TypeKind::Pointer(a), TypeKind::Pointer(b)) => {
                self.types.underlying(*a) == self.types.underlying(*b)
            }
            (_, TypeKind::Interface(_)) => {
                self.types.is_interface(src) || self.missing_method(src, dst).is_none()
            }
            (TypeKind::Chan(ChanDir::Both, e1), TypeKind::Chan(_, e2)) => e1 == e2,
            (TypeKind::Slice(e), TypeKind::Array(_, e2)) => e == e2,
            (TypeKind::Slice(e), TypeKind::Pointer(p)) => {
                matches!(self.types.ukind(*p), TypeKind::Array(_, e2) if e2 == e)
            }
            _ => false,
        }
    }
}
