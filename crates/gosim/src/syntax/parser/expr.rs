//! Expressions and types (which Go's grammar mixes: `[]int{1}`, `(*T)(p)`,
//! `<-chan int`), parameter lists and function signatures.

use super::Parser;
use crate::syntax::ast::*;
use crate::syntax::lexer::TokenKind as T;
use crate::syntax::literal::{decode_float, decode_int, decode_rune, decode_string};
use crate::syntax::span::Span;

/// Go's binary operator precedence (5 binds tightest).
fn precedence(op: BinaryOp) -> u8 {
    use BinaryOp::*;
    match op {
        LogOr => 1,
        LogAnd => 2,
        Eq | Ne | Lt | Le | Gt | Ge => 3,
        Add | Sub | Or | Xor => 4,
        Mul | Div | Rem | Shl | Shr | And | AndNot => 5,
    }
}

fn boxed(e: Expr) -> Box<Expr> {
    Box::new(e)
}

fn unparen(e: &Expr) -> &Expr {
    let mut e = e;
    while let ExprKind::Paren(inner) = &e.kind {
        e = inner;
    }
    e
}

fn into_unparen(e: Expr) -> Expr {
    let mut e = e;
    while let ExprKind::Paren(inner) = e.kind {
        e = *inner;
    }
    e
}

fn ident_expr(id: Ident) -> Expr {
    let span = id.span;
    Expr {
        kind: ExprKind::Ident(id),
        span,
    }
}

/// One entry of a parameter list before names and types are distributed.
struct ParamItem {
    name: Option<Ident>,
    ty: Option<Expr>,
    variadic: bool,
    /// Where `...` was written, for the error when it is not last.
    dots: Span,
    lo: u32,
}

impl<'a> Parser<'a> {
    pub(super) fn expr(&mut self) -> Expr {
        self.binary_expr(0)
    }

    pub(super) fn expr_list(&mut self) -> Vec<Expr> {
        let mut list = vec![self.expr()];
        while self.got(T::Comma) {
            list.push(self.expr());
        }
        list
    }

    fn binary_expr(&mut self, prec: u8) -> Expr {
        let mut x = self.unary_expr();
        let mut chain = 0;
        while let T::Op(op) = self.tok() {
            let p = precedence(op);
            if p <= prec {
                break;
            }
            // Long operator chains build deep trees; they count as nesting.
            chain += 1;
            if !self.enter() {
                chain -= 1;
                break;
            }
            self.next();
            let y = self.binary_expr(p);
            let span = x.span.to(y.span);
            x = Expr {
                kind: ExprKind::Binary(op, boxed(x), boxed(y)),
                span,
            };
        }
        for _ in 0..chain {
            self.leave();
        }
        x
    }

    pub(super) fn unary_expr(&mut self) -> Expr {
        let sp = self.span();
        if !self.enter() {
            self.leave();
            return self.bad_expr(sp);
        }
        let x = self.unary_inner();
        self.leave();
        x
    }

    fn unary_inner(&mut self) -> Expr {
        let lo = self.span().lo;
        let op = match self.tok() {
            T::Op(BinaryOp::Mul) => {
                self.next();
                let x = self.unary_expr();
                return Expr {
                    kind: ExprKind::Star(boxed(x)),
                    span: self.since(lo),
                };
            }
            T::Op(BinaryOp::Add) => UnaryOp::Plus,
            T::Op(BinaryOp::Sub) => UnaryOp::Neg,
            T::Op(BinaryOp::Xor) => UnaryOp::BitNot,
            T::Not => UnaryOp::Not,
            T::Op(BinaryOp::And) => {
                self.next();
                // `&(T{})` means `&T{}`.
                let x = into_unparen(self.unary_expr());
                return Expr {
                    kind: ExprKind::Unary(UnaryOp::Addr, boxed(x)),
                    span: self.since(lo),
                };
            }
            T::Tilde => {
                // `~T` belongs in constraints; as an expression Go's checker
                // refuses it, and so does gosim's (the Union reaches it).
                self.next();
                let ty = self.unary_expr();
                return Expr {
                    kind: ExprKind::Union(vec![Term { tilde: true, ty }]),
                    span: self.since(lo),
                };
            }
            T::Arrow => {
                self.next();
                let x = self.unary_expr();
                if let ExprKind::ChanType(..) = x.kind {
                    // `<-chan T` is a receive-only channel type, not a receive.
                    return self.reassociate_arrow(x, lo);
                }
                return Expr {
                    kind: ExprKind::Unary(UnaryOp::Recv, boxed(x)),
                    span: self.since(lo),
                };
            }
            _ => return self.pexpr(),
        };
        self.next();
        let x = self.unary_expr();
        Expr {
            kind: ExprKind::Unary(op, boxed(x)),
            span: self.since(lo),
        }
    }

    /// `<-` applied to a channel type `chan E`: the arrow belongs to the
    /// leftmost `chan` (`<-chan chan int` is `<-chan (chan int)`), and the
    /// send direction parsed inside moves along, as in Go's parser.
    fn reassociate_arrow(&mut self, mut x: Expr, lo: u32) -> Expr {
        let mut dir = ChanDir::Send;
        let mut t = &mut x;
        while dir == ChanDir::Send {
            match &mut t.kind {
                ExprKind::ChanType(d, elem) => {
                    dir = *d;
                    if dir == ChanDir::Recv {
                        let sp = t.span;
                        self.syntax_error_at(sp, "unexpected <-, expected chan");
                    }
                    *d = ChanDir::Recv;
                    t = elem;
                }
                _ => break,
            }
        }
        if dir == ChanDir::Send {
            let sp = t.span;
            let what = self.text(sp).to_string();
            self.syntax_error_at(sp, &format!("unexpected {}, expected chan", what));
        }
        x.span = self.since(lo);
        x
    }

    /// Primary expression: an operand followed by selectors, indexes,
    /// slices, type assertions, calls and composite literal bodies.
    pub(super) fn pexpr(&mut self) -> Expr {
        let mut x = self.operand();
        let mut suffixes = 0;
        loop {
            let lo = x.span.lo;
            match self.tok() {
                T::Period => {
                    self.next();
                    match self.tok() {
                        T::Ident => {
                            let sel = self.name();
                            x = Expr {
                                kind: ExprKind::Selector(boxed(x), sel),
                                span: self.since(lo),
                            };
                        }
                        T::LParen => {
                            self.next();
                            if self.got(T::Type) {
                                x = Expr {
                                    kind: ExprKind::TypeAssert(boxed(x), None),
                                    span: self.since(lo),
                                };
                                self.type_guards.push(Span::new(lo, lo));
                            } else {
                                let t = self.parse_type();
                                x = Expr {
                                    kind: ExprKind::TypeAssert(boxed(x), Some(boxed(t))),
                                    span: self.since(lo),
                                };
                            }
                            self.want(T::RParen);
                            x.span = self.since(lo);
                        }
                        _ => {
                            self.syntax_error("expected name or (");
                            self.advance(&[T::Semi, T::RParen]);
                        }
                    }
                }
                T::LBrack => {
                    self.next();
                    x = self.index_or_slice(x, lo);
                }
                T::LParen => {
                    self.next();
                    let (args, spread) = self.arg_list();
                    x = Expr {
                        kind: ExprKind::Call {
                            func: boxed(x),
                            args,
                            spread,
                        },
                        span: self.since(lo),
                    };
                }
                T::LBrace => {
                    let t = unparen(&x);
                    let complit_ok = match &t.kind {
                        ExprKind::Ident(id) if id.name == super::BAD_EXPR_NAME => false,
                        ExprKind::Ident(_)
                        | ExprKind::Selector(..)
                        | ExprKind::Index(..)
                        | ExprKind::IndexList(..) => self.xnest >= 0,
                        ExprKind::ArrayType { .. }
                        | ExprKind::StructType(_)
                        | ExprKind::MapType(..) => true,
                        _ => false,
                    };
                    if !complit_ok {
                        break;
                    }
                    if matches!(x.kind, ExprKind::Paren(_)) {
                        self.syntax_error("cannot parenthesize type in composite literal");
                    }
                    x = self.complit(Some(x), lo);
                }
                _ => break,
            }
            // Suffix chains build deep trees; they count as nesting.
            suffixes += 1;
            if !self.enter() {
                suffixes -= 1;
                break;
            }
        }
        for _ in 0..suffixes {
            self.leave();
        }
        x
    }

    /// After `x[`: an index `x[i]` or a slice `x[lo:hi:max]`.
    fn index_or_slice(&mut self, x: Expr, lo: u32) -> Expr {
        self.xnest += 1;
        let mut first = None;
        if self.tok() != T::Colon {
            if self.tok() == T::RBrack {
                self.syntax_error("expected operand");
                let sp = self.span();
                first = Some(self.bad_expr(sp));
            } else {
                first = Some(self.expr());
            }
            if self.tok() == T::Comma {
                // `x[A, B]`: type arguments (a trailing comma is allowed).
                let mut args: Vec<Expr> = first.into_iter().collect();
                while self.got(T::Comma) && !matches!(self.tok(), T::RBrack | T::Eof) {
                    args.push(self.type_arg());
                }
                self.xnest -= 1;
                self.want(T::RBrack);
                return Expr {
                    kind: ExprKind::IndexList(boxed(x), args),
                    span: self.since(lo),
                };
            }
            if self.tok() == T::RBrack {
                self.next();
                self.xnest -= 1;
                let i = first.unwrap_or_else(|| self.bad_expr(Span::new(lo, lo)));
                return Expr {
                    kind: ExprKind::Index(boxed(x), boxed(i)),
                    span: self.since(lo),
                };
            }
            if !self.got(T::Colon) {
                self.syntax_error("expected comma, : or ]");
                self.advance(&[T::Comma, T::Colon, T::RBrack]);
                self.got(T::Colon);
            }
        } else {
            self.next();
        }
        let mut hi = None;
        let mut max = None;
        if self.tok() != T::Colon && self.tok() != T::RBrack {
            hi = Some(boxed(self.expr()));
        }
        if self.tok() == T::Colon {
            if hi.is_none() {
                let sp = self.span();
                self.error_at(sp, "middle index required in 3-index slice");
            }
            self.next();
            if self.tok() != T::RBrack {
                max = Some(boxed(self.expr()));
            } else {
                let sp = self.span();
                self.error_at(sp, "final index required in 3-index slice");
            }
        }
        self.xnest -= 1;
        self.want(T::RBrack);
        Expr {
            kind: ExprKind::Slice {
                x: boxed(x),
                lo: first.map(boxed),
                hi,
                max,
            },
            span: self.since(lo),
        }
    }

    /// After `(`: call arguments up to and including `)`.
    fn arg_list(&mut self) -> (Vec<Expr>, bool) {
        let mut args = Vec::new();
        let mut spread = false;
        self.xnest += 1;
        self.list("argument list", T::Comma, T::RParen, |p| {
            args.push(p.expr());
            spread = p.got(T::Ellipsis);
            spread
        });
        self.xnest -= 1;
        (args, spread)
    }

    /// `{ elems }` of a composite literal whose type is `ty` (or elided).
    fn complit(&mut self, ty: Option<Expr>, lo: u32) -> Expr {
        if !self.enter() {
            self.leave();
            let sp = self.span();
            return self.bad_expr(sp);
        }
        let mut elems = Vec::new();
        self.xnest += 1;
        self.want(T::LBrace);
        let rbrace = self.list("composite literal", T::Comma, T::RBrace, |p| {
            let e = p.bare_complit_expr();
            if p.got(T::Colon) {
                let v = p.bare_complit_expr();
                elems.push(Element {
                    key: Some(e),
                    value: v,
                });
            } else {
                elems.push(Element {
                    key: None,
                    value: e,
                });
            }
            false
        });
        self.xnest -= 1;
        self.leave();
        Expr {
            kind: ExprKind::Composite {
                ty: ty.map(boxed),
                elems,
                rbrace,
            },
            span: self.since(lo),
        }
    }

    fn bare_complit_expr(&mut self) -> Expr {
        if self.tok() == T::LBrace {
            let lo = self.span().lo;
            return self.complit(None, lo);
        }
        self.expr()
    }

    fn operand(&mut self) -> Expr {
        let t = self.cur();
        let lo = t.span.lo;
        match t.kind {
            T::Ident => {
                let id = self.name();
                ident_expr(id)
            }
            T::Int | T::Float | T::Imag | T::Rune | T::Str | T::RawStr => {
                self.next();
                let text = self.text(t.span);
                let lit = match t.kind {
                    T::Int => match decode_int(text) {
                        Some(v) => Lit::Int(v),
                        None => {
                            self.check_error(
                                t.span,
                                format!(
                                    "integer constant {} too large for gosim (over 128 bits)",
                                    text
                                ),
                            );
                            Lit::Int(0)
                        }
                    },
                    T::Float => Lit::Float(decode_float(text)),
                    T::Imag => {
                        self.unsupported(t.span, "complex numbers are");
                        Lit::Int(0)
                    }
                    T::Rune => Lit::Rune(decode_rune(text)),
                    _ => Lit::Str(decode_string(text)),
                };
                Expr {
                    kind: ExprKind::Lit(lit),
                    span: t.span,
                }
            }
            T::LParen => {
                self.next();
                self.xnest += 1;
                let x = self.expr();
                self.xnest -= 1;
                self.want(T::RParen);
                Expr {
                    kind: ExprKind::Paren(boxed(x)),
                    span: self.since(lo),
                }
            }
            T::Func => {
                self.next();
                let sig = self.signature(lo);
                if self.tok() == T::LBrace {
                    let saved = self.xnest;
                    self.xnest = 0;
                    let body = self.func_body();
                    self.xnest = saved;
                    return Expr {
                        kind: ExprKind::FuncLit { sig, body },
                        span: self.since(lo),
                    };
                }
                Expr {
                    kind: ExprKind::FuncType(sig),
                    span: self.since(lo),
                }
            }
            T::LBrack | T::Chan | T::Map | T::Struct | T::Interface => match self.type_or_nil() {
                Some(t) => t,
                None => self.bad_expr(t.span),
            },
            _ => {
                self.syntax_error("expected expression");
                self.advance(&[T::RParen, T::RBrack, T::RBrace]);
                self.bad_expr(t.span)
            }
        }
    }

    // ---- types --------------------------------------------------------

    /// A type, or an error and a placeholder.
    pub(super) fn parse_type(&mut self) -> Expr {
        match self.type_or_nil() {
            Some(t) => t,
            None => {
                let sp = self.span();
                self.syntax_error("expected type");
                self.advance(&[T::Comma, T::Colon, T::Semi, T::RParen, T::RBrack, T::RBrace]);
                self.bad_expr(sp)
            }
        }
    }

    pub(super) fn type_or_nil(&mut self) -> Option<Expr> {
        if !self.enter() {
            self.leave();
            return None;
        }
        let t = self.type_inner();
        self.leave();
        t
    }

    fn type_inner(&mut self) -> Option<Expr> {
        let lo = self.span().lo;
        let kind = match self.tok() {
            T::Op(BinaryOp::Mul) => {
                self.next();
                ExprKind::Star(boxed(self.parse_type()))
            }
            T::Arrow => {
                self.next();
                self.want(T::Chan);
                ExprKind::ChanType(ChanDir::Recv, boxed(self.chan_elem()))
            }
            T::Func => {
                self.next();
                ExprKind::FuncType(self.signature(lo))
            }
            T::LBrack => {
                self.next();
                if self.got(T::RBrack) {
                    ExprKind::ArrayType {
                        len: None,
                        ellipsis: false,
                        elem: boxed(self.parse_type()),
                    }
                } else if self.got(T::Ellipsis) {
                    self.want(T::RBrack);
                    ExprKind::ArrayType {
                        len: None,
                        ellipsis: true,
                        elem: boxed(self.parse_type()),
                    }
                } else {
                    self.xnest += 1;
                    let len = self.expr();
                    self.xnest -= 1;
                    self.want(T::RBrack);
                    ExprKind::ArrayType {
                        len: Some(boxed(len)),
                        ellipsis: false,
                        elem: boxed(self.parse_type()),
                    }
                }
            }
            T::Chan => {
                self.next();
                let dir = if self.got(T::Arrow) {
                    ChanDir::Send
                } else {
                    ChanDir::Both
                };
                ExprKind::ChanType(dir, boxed(self.chan_elem()))
            }
            T::Map => {
                self.next();
                self.want(T::LBrack);
                let k = self.parse_type();
                self.want(T::RBrack);
                let v = self.parse_type();
                ExprKind::MapType(boxed(k), boxed(v))
            }
            T::Struct => self.struct_type(),
            T::Interface => self.interface_type(),
            T::Ident => return Some(self.qualified_name(None)),
            T::LParen => {
                self.next();
                let t = self.parse_type();
                self.want(T::RParen);
                ExprKind::Paren(boxed(t))
            }
            _ => return None,
        };
        Some(Expr {
            kind,
            span: self.since(lo),
        })
    }

    fn chan_elem(&mut self) -> Expr {
        match self.type_or_nil() {
            Some(t) => t,
            None => {
                let sp = self.span();
                self.syntax_error("missing channel element type");
                self.bad_expr(sp)
            }
        }
    }

    /// `T` or `pkg.T` in a type context (`first` already consumed if given).
    pub(super) fn qualified_name(&mut self, first: Option<Ident>) -> Expr {
        let id = match first {
            Some(id) => id,
            None => self.name(),
        };
        let lo = id.span.lo;
        let mut x = ident_expr(id);
        if self.got(T::Period) {
            let sel = self.name();
            x = Expr {
                kind: ExprKind::Selector(boxed(x), sel),
                span: self.since(lo),
            };
        }
        if self.tok() == T::LBrack {
            // In a type, `Name[` can only start type arguments.
            self.next();
            self.xnest += 1;
            let mut args = Vec::new();
            while !matches!(self.tok(), T::RBrack | T::Eof) {
                args.push(self.type_arg());
                if !self.got(T::Comma) {
                    break;
                }
            }
            self.xnest -= 1;
            if args.is_empty() {
                self.syntax_error("expected type argument list");
            }
            self.want(T::RBrack);
            let span = self.since(lo);
            x = match args.len() {
                1 => Expr {
                    kind: ExprKind::Index(boxed(x), boxed(args.remove(0))),
                    span,
                },
                _ => Expr {
                    kind: ExprKind::IndexList(boxed(x), args),
                    span,
                },
            };
        }
        x
    }

    /// After a name, at `[`: either the name of a field or parameter
    /// whose type is an array (`a [N]T`: the name and the array type) or
    /// an instantiated type (`List[T]`: no name, the type), told apart by
    /// whether a type follows the `]` (Go's `arrayOrTArgs`).
    pub(super) fn array_or_type_args(&mut self, name: Ident) -> (Option<Ident>, Expr) {
        let lo = name.span.lo;
        self.next();
        self.xnest += 1;
        let mut args = Vec::new();
        while !matches!(self.tok(), T::RBrack | T::Eof) {
            // A length or a type: both read as expressions.
            args.push(self.expr());
            if !self.got(T::Comma) {
                break;
            }
        }
        self.xnest -= 1;
        let lbrack_lo = args.first().map(|a| a.span.lo).unwrap_or(lo);
        self.want(T::RBrack);
        let starts_type = matches!(
            self.tok(),
            T::Ident
                | T::Op(BinaryOp::Mul)
                | T::LBrack
                | T::Func
                | T::Map
                | T::Chan
                | T::Struct
                | T::Interface
                | T::LParen
                | T::Arrow
        );
        if starts_type && args.len() == 1 {
            let elem = self.parse_type();
            let len = args.pop().map(boxed);
            let span = Span::new(lbrack_lo.saturating_sub(1), self.prev_hi);
            return (
                Some(name),
                Expr {
                    kind: ExprKind::ArrayType {
                        len,
                        ellipsis: false,
                        elem: boxed(elem),
                    },
                    span,
                },
            );
        }
        let head = ident_expr(name);
        let span = self.since(lo);
        let kind = match args.len() {
            1 => ExprKind::Index(boxed(head), boxed(args.remove(0))),
            _ => ExprKind::IndexList(boxed(head), args),
        };
        (None, Expr { kind, span })
    }

    /// One type argument: a type (which may also be read as an expression).
    fn type_arg(&mut self) -> Expr {
        self.parse_type()
    }

    /// After `[`: a type parameter list up to and including `]`, grouped
    /// like parameters (`[K comparable, V any]`, `[T, U any]`). The
    /// constraint of each group is its field's type.
    pub(super) fn type_params(&mut self) -> Vec<Field> {
        let mut items: Vec<(Ident, Option<Expr>)> = Vec::new();
        self.xnest += 1;
        while self.tok() == T::Ident {
            let name = self.name();
            let constraint = if matches!(self.tok(), T::Comma | T::RBrack) {
                None
            } else {
                Some(self.constraint())
            };
            items.push((name, constraint));
            if !self.got(T::Comma) {
                break;
            }
        }
        self.xnest -= 1;
        if items.is_empty() {
            self.syntax_error("empty type parameter list");
        }
        self.want(T::RBrack);
        let mut fields: Vec<Field> = Vec::new();
        for (name, c) in items.into_iter().rev() {
            match c {
                Some(ty) => fields.push(Field {
                    span: Span::new(name.span.lo, ty.span.hi),
                    names: vec![name],
                    ty,
                    variadic: false,
                }),
                None => match fields.last_mut() {
                    Some(f) => {
                        f.span = Span::new(name.span.lo, f.span.hi);
                        f.names.insert(0, name);
                    }
                    None => {
                        let sp = name.span;
                        self.syntax_error_at(sp, "missing type constraint");
                        let ty = self.bad_expr(sp);
                        fields.push(Field {
                            names: vec![name],
                            ty,
                            variadic: false,
                            span: sp,
                        });
                    }
                },
            }
        }
        fields.reverse();
        fields
    }

    /// A type constraint: a type, or a union of terms `~int | string`.
    pub(super) fn constraint(&mut self) -> Expr {
        let lo = self.span().lo;
        let mut terms = Vec::new();
        loop {
            let tilde = self.got(T::Tilde);
            let ty = self.parse_type();
            terms.push(Term { tilde, ty });
            if !self.got(T::Op(BinaryOp::Or)) {
                break;
            }
        }
        if terms.len() == 1 && !terms[0].tilde {
            return terms
                .pop()
                .map(|t| t.ty)
                .unwrap_or_else(|| self.bad_expr(Span::new(lo, lo)));
        }
        Expr {
            kind: ExprKind::Union(terms),
            span: self.since(lo),
        }
    }

    fn struct_type(&mut self) -> ExprKind {
        self.next();
        let mut fields = Vec::new();
        self.want(T::LBrace);
        self.list("struct type", T::Semi, T::RBrace, |p| {
            p.field_decl(&mut fields);
            false
        });
        ExprKind::StructType(fields)
    }

    fn skip_tag(&mut self) {
        if matches!(self.tok(), T::Str | T::RawStr) {
            self.next(); // struct tags are accepted and ignored
        }
    }

    fn field_decl(&mut self, fields: &mut Vec<Field>) {
        let lo = self.span().lo;
        match self.tok() {
            T::Ident => {
                let name = self.name();
                if self.tok() == T::LBrack && self.peek_kind(1) != T::RBrack {
                    let (n, ty) = self.array_or_type_args(name);
                    self.skip_tag();
                    fields.push(Field {
                        names: n.into_iter().collect(),
                        ty,
                        variadic: false,
                        span: self.since(lo),
                    });
                    return;
                }
                if matches!(
                    self.tok(),
                    T::Period | T::Str | T::RawStr | T::Semi | T::RBrace
                ) {
                    let ty = self.qualified_name(Some(name));
                    self.skip_tag();
                    fields.push(Field {
                        names: Vec::new(),
                        ty,
                        variadic: false,
                        span: self.since(lo),
                    });
                    return;
                }
                let names = self.name_list(name);
                let ty = self.parse_type();
                self.skip_tag();
                fields.push(Field {
                    names,
                    ty,
                    variadic: false,
                    span: self.since(lo),
                });
            }
            T::Op(BinaryOp::Mul) => {
                self.next();
                if self.tok() == T::LParen {
                    self.syntax_error("cannot parenthesize embedded type");
                    self.advance(&[T::Semi, T::RBrace]);
                    return;
                }
                let inner = self.qualified_name(None);
                let ty = Expr {
                    kind: ExprKind::Star(boxed(inner)),
                    span: self.since(lo),
                };
                self.skip_tag();
                fields.push(Field {
                    names: Vec::new(),
                    ty,
                    variadic: false,
                    span: self.since(lo),
                });
            }
            T::LParen => {
                self.syntax_error("cannot parenthesize embedded type");
                self.advance(&[T::Semi, T::RBrace]);
            }
            _ => {
                self.syntax_error("expected field name or embedded type");
                self.advance(&[T::Semi, T::RBrace]);
            }
        }
    }

    fn interface_type(&mut self) -> ExprKind {
        self.next();
        let mut elems = Vec::new();
        self.want(T::LBrace);
        self.list("interface type", T::Semi, T::RBrace, |p| {
            p.interface_elem(&mut elems);
            false
        });
        ExprKind::InterfaceType(elems)
    }

    fn interface_elem(&mut self, elems: &mut Vec<InterfaceElem>) {
        if self.tok() == T::Ident {
            let name = self.name();
            match self.tok() {
                T::LParen => {
                    let sig = self.signature(name.span.lo);
                    elems.push(InterfaceElem::Method { name, sig });
                }
                _ => {
                    let lo = name.span.lo;
                    let ty = self.qualified_name(Some(name));
                    let ty = self.union_rest(ty, lo);
                    elems.push(InterfaceElem::Embedded(ty));
                }
            }
            return;
        }
        if matches!(
            self.tok(),
            T::Tilde
                | T::Op(BinaryOp::Mul)
                | T::Arrow
                | T::Func
                | T::LBrack
                | T::Chan
                | T::Map
                | T::Struct
                | T::Interface
                | T::LParen
        ) {
            let c = self.constraint();
            elems.push(InterfaceElem::Embedded(c));
            return;
        }
        self.syntax_error("expected ~ term or type");
        self.advance(&[T::Semi, T::RBrace]);
    }

    /// After a union's first term `first` (no tilde): `| term ...`, if any.
    fn union_rest(&mut self, first: Expr, lo: u32) -> Expr {
        if self.tok() != T::Op(BinaryOp::Or) {
            return first;
        }
        self.next();
        let rest = self.constraint();
        let mut terms = vec![Term {
            tilde: false,
            ty: first,
        }];
        match rest.kind {
            ExprKind::Union(more) => terms.extend(more),
            _ => terms.push(Term {
                tilde: false,
                ty: rest,
            }),
        }
        Expr {
            kind: ExprKind::Union(terms),
            span: self.since(lo),
        }
    }

    // ---- signatures ---------------------------------------------------

    /// `(params) results`, after `func` (and the name, for declarations).
    pub(super) fn signature(&mut self, lo: u32) -> FuncType {
        self.want(T::LParen);
        let params = self.param_list(T::RParen);
        let results = self.func_result();
        FuncType {
            params,
            results,
            span: self.since(lo),
        }
    }

    fn func_result(&mut self) -> Vec<Field> {
        if self.got(T::LParen) {
            return self.param_list(T::RParen);
        }
        let lo = self.span().lo;
        match self.type_or_nil() {
            Some(ty) => vec![Field {
                names: Vec::new(),
                ty,
                variadic: false,
                span: self.since(lo),
            }],
            None => Vec::new(),
        }
    }

    /// After `(`: parameters up to and including `close`, grouped into
    /// fields the way they were written (`a, b int` is one field).
    pub(super) fn param_list(&mut self, close: T) -> Vec<Field> {
        let mut items: Vec<ParamItem> = Vec::new();
        self.list("parameter list", T::Comma, close, |p| {
            if let Some(item) = p.param_decl(close) {
                items.push(item);
            }
            false
        });
        if items.is_empty() {
            return Vec::new();
        }
        // `...T` is only allowed on the last parameter.
        if let Some(it) = items[..items.len() - 1].iter().find(|i| i.variadic) {
            let sp = it.dots;
            self.error_at(sp, "can only use ... with final parameter");
        }
        let named = items
            .iter()
            .filter(|i| i.name.is_some() && i.ty.is_some())
            .count();
        if named == 0 {
            // All unnamed: lone names are type names.
            let fields: Vec<Field> = items
                .into_iter()
                .map(|it| {
                    let lo = it.lo;
                    let ty = match (it.ty, it.name) {
                        (Some(t), _) => t,
                        (None, Some(n)) => ident_expr(n),
                        (None, None) => self.bad_expr(Span::new(lo, lo)),
                    };
                    let span = Span::new(lo, ty.span.hi.max(lo));
                    Field {
                        names: Vec::new(),
                        ty,
                        variadic: it.variadic,
                        span,
                    }
                })
                .collect();
            return fields;
        }
        // Some named: every entry must be named; lone names take the type
        // to their right. Walk right to left, collecting groups.
        let typed = items.iter().filter(|i| i.ty.is_some()).count();
        let close_span = Span::new(self.prev_hi.saturating_sub(1), self.prev_hi);
        let mut fields_rev: Vec<Field> = Vec::new();
        let mut err: Option<Span> = None;
        for it in items.into_iter().rev() {
            match it.ty {
                Some(ty) => {
                    let name = match it.name {
                        Some(n) => n,
                        None => {
                            err = Some(ty.span);
                            Ident {
                                name: "_".to_string(),
                                span: ty.span,
                            }
                        }
                    };
                    let span = Span::new(it.lo, ty.span.hi.max(it.lo));
                    fields_rev.push(Field {
                        names: vec![name],
                        ty,
                        variadic: it.variadic,
                        span,
                    });
                }
                None => {
                    let Some(name) = it.name else { continue };
                    match fields_rev.last_mut() {
                        Some(f) => {
                            f.span = Span::new(name.span.lo, f.span.hi);
                            f.names.insert(0, name);
                        }
                        None => {
                            err = Some(name.span);
                            let ty = self.bad_expr(name.span);
                            let span = name.span;
                            fields_rev.push(Field {
                                names: vec![name],
                                ty,
                                variadic: false,
                                span,
                            });
                        }
                    }
                }
            }
        }
        if let Some(sp) = err {
            // As Go words it: if every typed entry is named, the untyped
            // names at the end lack a type; otherwise some type lacks a name.
            if named == typed {
                self.syntax_error_at(close_span, "missing parameter type");
            } else {
                self.syntax_error_at(sp, "missing parameter name");
            }
        }
        fields_rev.reverse();
        fields_rev
    }

    fn param_decl(&mut self, close: T) -> Option<ParamItem> {
        let lo = self.span().lo;
        let mut item = ParamItem {
            name: None,
            ty: None,
            variadic: false,
            dots: Span::default(),
            lo,
        };
        if self.tok() == T::Ident {
            let name = self.name();
            if self.tok() == T::Period {
                item.ty = Some(self.qualified_name(Some(name)));
                return Some(item);
            }
            if self.tok() == T::LBrack && self.peek_kind(1) != T::RBrack {
                // `a [N]T` (a named array parameter) or `List[T]` (an
                // unnamed parameter of an instantiated type).
                match self.array_or_type_args(name) {
                    (Some(n), ty) => {
                        item.name = Some(n);
                        item.ty = Some(ty);
                    }
                    (None, ty) => item.ty = Some(ty),
                }
                return Some(item);
            }
            item.name = Some(name);
        }
        if self.tok() == T::Ellipsis {
            let sp = self.span();
            self.next();
            item.variadic = true;
            item.dots = sp;
            item.ty = Some(match self.type_or_nil() {
                Some(t) => t,
                None => {
                    self.syntax_error("... is missing type");
                    self.bad_expr(sp)
                }
            });
            return Some(item);
        }
        item.ty = self.type_or_nil();
        if item.name.is_none() && item.ty.is_none() {
            self.syntax_error(&format!("expected {}", super::tokstring(close)));
            self.advance(&[T::Comma, close]);
            return None;
        }
        Some(item)
    }
}
