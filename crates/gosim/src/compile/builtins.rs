//! Go's builtin functions: go/types' builtins.go. `len`, `cap`, `append`,
//! `make`, `new`, `delete`, `close`, `copy`, `panic`, `recover`, `print`,
//! `println`, `min`, `max` and `clear`, called directly or through `go` and
//! `defer`.
//!
//! Owns each builtin's argument rules and messages, constant results (`len`
//! of a constant string or of an array), and the sizes Go gives types, which
//! `append` needs to round capacity growth to malloc's size classes. Must
//! not dispatch calls: calls.rs decides that a callee is a builtin.

use crate::compile::consts::ConstVal;
use crate::compile::Sym;
use crate::compile::{Builtin, Compiler, Mode, Operand};
use crate::syntax::ast::{Expr, ExprKind};
use crate::syntax::span::Span;
use crate::types::{well_known as wk, ChanDir, TypeId, TypeKind, UntypedKind};
use crate::vm::natives::Native;
use crate::vm::op::{CmpOp, NumKind, Op};

impl<'a> Compiler<'a> {
    pub(super) fn deferred_builtin(
        &mut self,
        b: Builtin,
        args: &[Expr],
        span: Span,
        what: &str,
    ) -> Option<u32> {
        let native = match b {
            Builtin::Close => Native::BuiltinClose,
            Builtin::Panic => Native::BuiltinPanic,
            Builtin::Print => Native::BuiltinPrint,
            Builtin::Println => Native::BuiltinPrintln,
            Builtin::Delete => Native::BuiltinDelete,
            Builtin::Recover => Native::BuiltinRecover,
            _ => {
                errorf!(
                    self,
                    span,
                    "{} discards result of {}",
                    what,
                    self.text(span)
                );
                return None;
            }
        };
        let nid = self.native_id(native);
        self.emit(Op::PushNative(nid));
        for a in args {
            let o = self.expr(a);
            if matches!(b, Builtin::Panic | Builtin::Print | Builtin::Println) {
                self.assign_to(o, a, wk::EMPTY_IFACE, "argument");
            } else {
                self.single_value(o, a);
            }
        }
        Some(args.len() as u32)
    }

    pub(super) fn builtin(
        &mut self,
        b: Builtin,
        args: &[Expr],
        spread: bool,
        span: Span,
        func: &Expr,
    ) -> Operand {
        let name = self.text(func.span);
        match b {
            Builtin::Len | Builtin::Cap => self.builtin_len_cap(b, args, span, &name),
            Builtin::Append => self.builtin_append(args, spread, span),
            Builtin::Make => self.builtin_make(args, span),
            Builtin::New => self.builtin_new(args, span),
            Builtin::Delete => self.builtin_delete(args, span),
            Builtin::Close => self.builtin_close(args, span),
            Builtin::Copy => self.builtin_copy(args, span),
            Builtin::Panic => self.builtin_panic(args, span),
            Builtin::Recover => self.builtin_recover(args, span),
            Builtin::Print | Builtin::Println => self.builtin_print(b, args, span),
            Builtin::Min | Builtin::Max => self.builtin_min_max(b, args, span, &name),
            Builtin::Clear => self.builtin_clear(args, span),
        }
    }

    /// Checks a builtin's argument count, reporting as `go build` does.
    fn builtin_arity(&mut self, args: &[Expr], span: Span, min: usize, max: usize) -> bool {
        if args.len() < min {
            errorf!(
                self,
                span,
                "not enough arguments for {} (expected {}, found {})",
                self.text(span),
                min,
                args.len()
            );
            return false;
        }
        if args.len() > max {
            errorf!(
                self,
                args[max].span,
                "too many arguments for {} (expected {}, found {})",
                self.text(span),
                max,
                args.len()
            );
            return false;
        }
        true
    }

    /// `len(x)`, `cap(x)`: constant for constant strings and arrays.
    fn builtin_len_cap(&mut self, b: Builtin, args: &[Expr], span: Span, name: &str) -> Operand {
        if !self.builtin_arity(args, span, 1, 1) {
            return Operand::invalid(span);
        }
        let o = self.expr(&args[0]);
        if let (Mode::Const(ConstVal::Str(s)), Builtin::Len) = (&o.mode, b) {
            return Operand {
                mode: Mode::Const(ConstVal::Int(s.len() as i128)),
                ty: wk::INT,
                span,
            };
        }
        let o = self.single_value(o, &args[0]);
        if o.is_invalid() {
            return o;
        }
        let ok = match self.types.ukind(o.ty).clone() {
            TypeKind::String => b == Builtin::Len,
            TypeKind::Slice(_) | TypeKind::Chan(..) => true,
            TypeKind::Map(..) => b == Builtin::Len,
            TypeKind::Array(n, _) => {
                self.emit(Op::Pop);
                return Operand {
                    mode: Mode::Const(ConstVal::Int(n as i128)),
                    ty: wk::INT,
                    span,
                };
            }
            TypeKind::Pointer(p) => match self.types.ukind(p) {
                TypeKind::Array(n, _) => {
                    let n = *n;
                    self.emit(Op::Pop);
                    return Operand {
                        mode: Mode::Const(ConstVal::Int(n as i128)),
                        ty: wk::INT,
                        span,
                    };
                }
                _ => false,
            },
            TypeKind::TypeParam(_) => self.each_type(o.ty, &|c, u| match c.types.kind(u) {
                TypeKind::String | TypeKind::Map(..) => b == Builtin::Len,
                TypeKind::Slice(_) | TypeKind::Chan(..) | TypeKind::Array(..) => true,
                _ => false,
            }),
            _ => false,
        };
        if !ok {
            errorf!(
                self,
                args[0].span,
                "invalid argument: {} for built-in {}",
                self.describe(&o, &args[0]),
                name
            );
            return Operand::invalid(span);
        }
        self.emit(if b == Builtin::Len { Op::Len } else { Op::Cap });
        Operand::value(wk::INT, span)
    }

    /// `append(s, x...)`, including `append(bytes, str...)`.
    fn builtin_append(&mut self, args: &[Expr], spread: bool, span: Span) -> Operand {
        if args.is_empty() {
            self.error(
                span,
                "not enough arguments for append() (expected 1, found 0)",
            );
            return Operand::invalid(span);
        }
        let so = self.expr(&args[0]);
        let so = match so.mode {
            Mode::Const(ConstVal::Nil) => {
                self.error(
                    args[0].span,
                    "first argument to append must be a typed slice; found untyped nil",
                );
                return Operand::invalid(span);
            }
            _ => self.single_value(so, &args[0]),
        };
        if so.is_invalid() {
            return so;
        }
        let TypeKind::Slice(elem) = self.types.ukind(so.ty).clone() else {
            errorf!(
                self,
                args[0].span,
                "invalid argument: {} is not a slice",
                self.describe(&so, &args[0])
            );
            return Operand::invalid(span);
        };
        if spread {
            if args.len() != 2 {
                self.error(span, "can only use ... with final argument in list");
                return Operand::invalid(span);
            }
            let o = self.expr(&args[1]);
            let is_string = matches!(
                self.types.ukind(o.ty),
                TypeKind::String | TypeKind::Untyped(UntypedKind::String)
            );
            if is_string && self.types.underlying(elem) == wk::UINT8 {
                self.materialize(&o, Some(wk::STRING));
                self.emit(Op::Append {
                    n: 1,
                    spread: true,
                    string_src: true,
                    elem_size: 1,
                });
            } else {
                self.assign_to(o, &args[1], so.ty, "append");
                let es = self.elem_size(elem);
                self.emit(Op::Append {
                    n: 1,
                    spread: true,
                    string_src: false,
                    elem_size: es,
                });
            }
            return Operand::value(so.ty, span);
        }
        for a in &args[1..] {
            let o = self.expr(a);
            self.assign_to(o, a, elem, "argument to append");
        }
        let es = self.elem_size(elem);
        let n = (args.len() - 1) as u32;
        match self.stack_buffer(&args[0], es, true) {
            Some((slot, step, _)) => self.emit(Op::AppendStack {
                n,
                elem_size: es,
                k: 32 / es,
                slot,
                step,
            }),
            None => self.emit(Op::Append {
                n,
                spread: false,
                string_src: false,
                elem_size: es,
            }),
        };
        Operand::value(so.ty, span)
    }

    /// The hidden slot recording the stack buffer of the variable `e`
    /// names, and whether its appends step through size classes, when
    /// `appendstack` planned one for this mention (an append site, or with
    /// `site` false a move to the heap) and `e` is an unboxed local of the
    /// top-level function whose element takes 1 to 32 bytes.
    pub(super) fn stack_buffer(
        &mut self,
        e: &Expr,
        elem_size: u32,
        site: bool,
    ) -> Option<(u32, bool, u32)> {
        if self.fns.len() != 1 || elem_size == 0 || elem_size > 32 {
            return None;
        }
        let mut x = e;
        while let ExprKind::Paren(y) = &x.kind {
            x = y;
        }
        let ExprKind::Ident(id) = &x.kind else {
            return None;
        };
        let plan = self.append_plan.get(&id.name)?;
        let planned = if site {
            plan.sites.contains(&x.span)
        } else {
            plan.moves.contains(&x.span)
        };
        if !planned {
            return None;
        }
        let step = plan.step;
        let local = self
            .fnc()
            .scopes
            .iter()
            .rev()
            .find_map(|s| s.get(&id.name))
            .cloned();
        let var = match local {
            Some(Sym::Local {
                boxed: false, slot, ..
            }) => slot,
            _ => return None,
        };
        let slot = match self.append_bufs.get(&id.name) {
            Some(s) => *s,
            None => {
                let s = self.new_slot();
                self.append_bufs.insert(id.name.clone(), s);
                s
            }
        };
        Some((slot, step, var))
    }

    /// At a mention `appendstack` marked as a move to the heap, moves the
    /// slice just loaded and stores it back, as gc's `s = move2heap(s)`.
    pub(super) fn move_if_planned(&mut self, e: &Expr, ty: TypeId) {
        let TypeKind::Slice(elem) = self.types.ukind(ty).clone() else {
            return;
        };
        let es = self.elem_size(elem);
        if let Some((slot, _, var)) = self.stack_buffer(e, es, false) {
            self.emit(Op::MoveToHeap {
                slot,
                elem_size: es,
            });
            self.emit(Op::Dup);
            self.emit(Op::Store(var));
        }
    }

    /// `make(T, sizes...)` for slices, maps and channels.
    fn builtin_make(&mut self, args: &[Expr], span: Span) -> Operand {
        if args.is_empty() {
            self.error(
                span,
                "not enough arguments for make() (expected 1, found 0)",
            );
            return Operand::invalid(span);
        }
        let t = self.resolve_type(&args[0]);
        if t == wk::INVALID {
            return Operand::invalid(span);
        }
        let sizes = &args[1..];
        match self.types.ukind(t).clone() {
            TypeKind::Slice(elem) => {
                if sizes.is_empty() {
                    errorf!(
                        self,
                        span,
                        "invalid operation: {} expects 2 or 3 arguments; found 1",
                        self.text(span)
                    );
                    return Operand::invalid(span);
                }
                if sizes.len() > 2 {
                    errorf!(
                        self,
                        span,
                        "invalid operation: {} expects 2 or 3 arguments; found {}",
                        self.text(span),
                        args.len()
                    );
                    return Operand::invalid(span);
                }
                for s in sizes {
                    self.make_size(s);
                }
                self.emit(Op::MakeSlice {
                    elem,
                    has_cap: sizes.len() == 2,
                });
            }
            TypeKind::Map(..) => {
                if sizes.len() > 1 {
                    errorf!(
                        self,
                        span,
                        "invalid operation: {} expects 1 or 2 arguments; found {}",
                        self.text(span),
                        args.len()
                    );
                    return Operand::invalid(span);
                }
                for s in sizes {
                    self.make_size(s);
                    self.emit(Op::Pop);
                }
                self.emit(Op::MakeMap);
            }
            TypeKind::Chan(_, elem) => {
                if sizes.len() > 1 {
                    errorf!(
                        self,
                        span,
                        "invalid operation: {} expects 1 or 2 arguments; found {}",
                        self.text(span),
                        args.len()
                    );
                    return Operand::invalid(span);
                }
                for s in sizes {
                    self.make_size(s);
                }
                self.emit(Op::MakeChan {
                    elem,
                    has_cap: sizes.len() == 1,
                });
            }
            _ => {
                errorf!(
                    self,
                    args[0].span,
                    "invalid argument: cannot make {}; type must be slice, map, or channel",
                    self.text(args[0].span)
                );
                return Operand::invalid(span);
            }
        }
        Operand::value(t, span)
    }

    /// One size argument of `make`: a non-negative integer.
    fn make_size(&mut self, e: &Expr) {
        let o = self.expr(e);
        match &o.mode {
            Mode::Const(v) => {
                match v.as_i128() {
                    Some(n) if n < 0 => errorf!(
                        self,
                        e.span,
                        "invalid argument: index {} (constant of type int) must not be negative",
                        self.text(e.span)
                    ),
                    None => errorf!(
                        self,
                        e.span,
                        "{} (untyped float constant) truncated to int",
                        self.text(e.span)
                    ),
                    _ => {}
                }
                self.materialize(&o, Some(wk::INT));
            }
            Mode::Invalid => {}
            _ => {
                let o = self.single_value(o, e);
                if !o.is_invalid() && !self.types.is_integer(o.ty) {
                    errorf!(
                        self,
                        e.span,
                        "cannot convert {} to type int",
                        self.describe(&o, e)
                    );
                }
            }
        }
    }

    /// `new(T)`: a pointer to a fresh zero value.
    fn builtin_new(&mut self, args: &[Expr], span: Span) -> Operand {
        if !self.builtin_arity(args, span, 1, 1) {
            return Operand::invalid(span);
        }
        let t = self.resolve_type(&args[0]);
        self.emit(Op::Zero(t));
        self.emit(Op::NewCell);
        let pt = self.types.pointer(t);
        Operand::value(pt, span)
    }

    /// `delete(m, k)`.
    fn builtin_delete(&mut self, args: &[Expr], span: Span) -> Operand {
        if !self.builtin_arity(args, span, 2, 2) {
            return Operand::invalid(span);
        }
        let m = self.value(&args[0]);
        if m.is_invalid() {
            return m;
        }
        let TypeKind::Map(k, _) = self.types.ukind(m.ty).clone() else {
            errorf!(
                self,
                args[0].span,
                "invalid argument: {} is not a map",
                self.describe(&m, &args[0])
            );
            return Operand::invalid(span);
        };
        let ko = self.expr(&args[1]);
        self.assign_to(ko, &args[1], k, "argument to delete");
        self.emit(Op::MapDelete);
        Operand::void(span)
    }

    /// `close(ch)`: not on a receive-only channel.
    fn builtin_close(&mut self, args: &[Expr], span: Span) -> Operand {
        if !self.builtin_arity(args, span, 1, 1) {
            return Operand::invalid(span);
        }
        let c = self.value(&args[0]);
        if c.is_invalid() {
            return c;
        }
        match self.types.ukind(c.ty) {
            TypeKind::Chan(dir, _) => {
                if *dir == ChanDir::Recv {
                    errorf!(
                        self,
                        args[0].span,
                        "invalid operation: cannot close receive-only channel {}",
                        self.describe(&c, &args[0])
                    );
                }
            }
            _ => {
                errorf!(
                    self,
                    args[0].span,
                    "invalid operation: cannot close non-channel {}",
                    self.describe(&c, &args[0])
                );
                return Operand::invalid(span);
            }
        }
        self.emit(Op::Close);
        Operand::void(span)
    }

    /// `copy(dst, src)`, where `src` may be a string.
    fn builtin_copy(&mut self, args: &[Expr], span: Span) -> Operand {
        if !self.builtin_arity(args, span, 2, 2) {
            return Operand::invalid(span);
        }
        let d = self.value(&args[0]);
        let s = self.expr(&args[1]);
        let s = match s.mode {
            Mode::Const(_) => {
                let t = self.materialize(&s, Some(wk::STRING));
                Operand::value(t, s.span)
            }
            _ => self.single_value(s, &args[1]),
        };
        if d.is_invalid() || s.is_invalid() {
            return Operand::invalid(span);
        }
        self.emit(Op::Copy);
        Operand::value(wk::INT, span)
    }

    /// `panic(v)`: the value travels as an `interface{}`.
    fn builtin_panic(&mut self, args: &[Expr], span: Span) -> Operand {
        if !self.builtin_arity(args, span, 1, 1) {
            return Operand::invalid(span);
        }
        let o = self.expr(&args[0]);
        self.assign_to(o, &args[0], wk::EMPTY_IFACE, "argument to panic");
        self.emit(Op::Panic);
        Operand::void(span)
    }

    /// `recover()`.
    fn builtin_recover(&mut self, args: &[Expr], span: Span) -> Operand {
        if !self.builtin_arity(args, span, 0, 0) {
            return Operand::invalid(span);
        }
        self.emit(Op::Recover);
        Operand::value(wk::EMPTY_IFACE, span)
    }

    /// `print`, `println`: the runtime's own printer, through one native.
    fn builtin_print(&mut self, b: Builtin, args: &[Expr], span: Span) -> Operand {
        for a in args {
            let o = self.expr(a);
            self.assign_to(o, a, wk::EMPTY_IFACE, "argument");
        }
        let n = if b == Builtin::Print {
            Native::BuiltinPrint
        } else {
            Native::BuiltinPrintln
        };
        let nid = self.native_id(n);
        self.emit(Op::MakeSliceOf(args.len() as u32));
        self.emit(Op::CallNative { nid, argc: 1 });
        Operand::void(span)
    }

    /// `min(x, ...)`, `max(x, ...)` over ordered operands, compared pairwise.
    fn builtin_min_max(&mut self, b: Builtin, args: &[Expr], span: Span, name: &str) -> Operand {
        if args.is_empty() {
            errorf!(
                self,
                span,
                "not enough arguments for {}() (expected 1, found 0)",
                name
            );
            return Operand::invalid(span);
        }
        // Fold all-constant calls; otherwise compare pairwise.
        let first = self.expr(&args[0]);
        if first.is_invalid() {
            return first;
        }
        let t = match first.mode {
            Mode::Const(_) => {
                let t = self.peek_common_type(args);
                self.materialize(&first, Some(t));
                t
            }
            _ => self.single_value(first, &args[0]).ty,
        };
        if !self.each_type(t, &|c, u| c.types.is_numeric(u) || c.types.is_string(u)) {
            errorf!(
                self,
                args[0].span,
                "invalid argument: {} cannot be ordered",
                self.text(args[0].span)
            );
            return Operand::invalid(span);
        }
        let nk = self.num_kind(t);
        for a in &args[1..] {
            let o = self.expr(a);
            self.assign_to(o, a, t, "argument");
            if matches!(nk, NumKind::Float64 | NumKind::Float32) {
                // Floats: a NaN wins, -0 is below +0.
                let nid = self.native_id(if b == Builtin::Min {
                    Native::FloatMin
                } else {
                    Native::FloatMax
                });
                self.emit(Op::CallNative { nid, argc: 2 });
                continue;
            }
            // Keep the smaller (min) or larger (max) of the top two.
            self.emit(Op::Dup2);
            self.emit(Op::Cmp(
                if b == Builtin::Min {
                    CmpOp::Lt
                } else {
                    CmpOp::Gt
                },
                nk,
            ));
            let j = self.emit(Op::JumpIfTrue(0));
            self.emit(Op::Swap);
            let end = self.here();
            self.patch(j, end);
            self.emit(Op::Pop);
        }
        Operand::value(t, span)
    }

    /// `clear(m)` or `clear(s)`.
    fn builtin_clear(&mut self, args: &[Expr], span: Span) -> Operand {
        if !self.builtin_arity(args, span, 1, 1) {
            return Operand::invalid(span);
        }
        let o = self.value(&args[0]);
        if o.is_invalid() {
            return o;
        }
        let nid = self.native_id(Native::BuiltinClear);
        self.emit(Op::CallNative { nid, argc: 1 });
        Operand::void(span)
    }

    fn peek_common_type(&mut self, args: &[Expr]) -> TypeId {
        for a in args {
            let (mode, t) = self.peek_type_mode(a);
            if !matches!(mode, Mode::Const(_)) {
                return t;
            }
        }
        let t = self.peek_type(&args[0]).unwrap_or(wk::INT);
        self.types.default_type(t)
    }

    /// The size in bytes Go gives a value of type `t` (for append's growth
    /// rounding to malloc size classes).
    fn elem_size(&self, t: TypeId) -> u32 {
        self.types.size_of(t).min(u32::MAX as u64) as u32
    }
}
