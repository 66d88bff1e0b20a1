//! Declarations: the file header, imports, `func`, and `var`/`const`/`type`
//! groups (with `iota` and implicit repetition of const specs).

use super::Parser;
use crate::syntax::ast::*;
use crate::syntax::lexer::TokenKind as T;
use crate::syntax::literal::decode_string;
use crate::syntax::span::Span;
use std::rc::Rc;

/// Which kind of `GenDecl` a spec parser builds.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) enum GenKind {
    Var,
    Const,
    Type,
}

impl<'a> Parser<'a> {
    pub(super) fn file(&mut self) -> File {
        let mut file = File {
            package: Ident {
                name: "_".to_string(),
                span: Span::default(),
            },
            imports: Vec::new(),
            decls: Vec::new(),
        };
        if !self.got(T::Package) {
            // `go build` reports this one through go/parser, in its words.
            let sp = self.span();
            let msg = format!("expected 'package', found {}", self.goparser_found());
            self.error_at(sp, msg);
            self.header_end = 0;
            return file;
        }
        if self.tok() != T::Ident {
            let sp = self.span();
            let msg = format!("expected 'IDENT', found {}", self.goparser_found());
            self.error_at(sp, msg);
            self.header_end = 0;
            return file;
        }
        file.package = self.name();
        self.want(T::Semi);
        let mut prev = T::Import;
        let top = [T::Import, T::Const, T::Type, T::Var, T::Func];
        while self.tok() != T::Eof {
            let k = self.tok();
            if k == T::Import && prev != T::Import {
                self.syntax_error("imports must appear before other declarations");
            }
            prev = k;
            if k != T::Import && self.header_end == u32::MAX {
                self.header_end = self.span().lo;
            }
            match k {
                T::Import => {
                    self.next();
                    if self.tok() == T::LParen {
                        self.next();
                        self.import_group(&mut file.imports);
                    } else {
                        self.import_spec(&mut file.imports);
                    }
                }
                T::Const | T::Type | T::Var => {
                    let d = self.gen_decl();
                    file.decls.push(Decl::Gen(d));
                }
                T::Func => {
                    let f = self.func_decl();
                    file.decls.push(Decl::Func(f));
                }
                _ => {
                    let after_bodyless_func = matches!(
                        file.decls.last(),
                        Some(Decl::Func(FuncDecl { body: None, .. }))
                    );
                    if k == T::LBrace && after_bodyless_func {
                        self.syntax_error("unexpected semicolon or newline before {");
                    } else {
                        self.syntax_error("non-declaration statement outside function body");
                    }
                    self.advance(&top);
                    if self.tok() != T::Eof && !top.contains(&self.tok()) {
                        self.next();
                    }
                    continue;
                }
            }
            if self.tok() != T::Eof && !self.got(T::Semi) {
                if k == T::Import {
                    self.import_semi_error();
                } else {
                    self.syntax_error("after top level declaration");
                }
                self.advance(&top);
            }
        }
        file
    }

    /// After `import (`: specs up to and including `)`. Errors here are
    /// worded as go/parser words them, since `go build` reports errors in
    /// the import section through it (see `parse_phases`).
    fn import_group(&mut self, out: &mut Vec<Import>) {
        while !matches!(self.tok(), T::Eof | T::RParen) {
            let before = self.pos;
            self.import_spec(out);
            if !self.got(T::Semi) && self.tok() != T::RParen {
                self.import_semi_error();
                self.advance(&[T::Semi, T::RParen]);
                self.got(T::Semi);
            }
            if self.pos == before {
                self.advance(&[]);
            }
        }
        if !self.got(T::RParen) {
            let sp = self.span();
            let msg = format!("expected ')', found {}", self.goparser_found());
            self.error_at(sp, msg);
            self.advance(&[]);
        }
    }

    fn import_semi_error(&mut self) {
        let sp = self.span();
        let msg = format!("expected ';', found {}", self.goparser_found());
        self.error_at(sp, msg);
    }

    fn import_spec(&mut self, out: &mut Vec<Import>) {
        let lo = self.span().lo;
        let alias = match self.tok() {
            T::Ident => Some(self.name()),
            T::Period => {
                let sp = self.span();
                self.next();
                Some(Ident {
                    name: ".".to_string(),
                    span: sp,
                })
            }
            _ => None,
        };
        let t = self.cur();
        match t.kind {
            T::Str | T::RawStr => {
                self.next();
                let path = String::from_utf8_lossy(&decode_string(self.text(t.span))).into_owned();
                if path == "C" {
                    self.unsupported(t.span, "cgo (import \"C\") is");
                }
                out.push(Import {
                    alias,
                    path,
                    span: self.since(lo),
                });
            }
            T::Int | T::Float | T::Imag | T::Rune => {
                self.next();
                self.syntax_error_at(t.span, "import path must be a string");
            }
            _ => {
                let sp = self.span();
                self.error_at(sp, "missing import path");
                self.advance(&[T::Semi, T::RParen]);
            }
        }
    }

    /// `var`, `const` or `type`, single or grouped; the current token is
    /// the keyword.
    pub(super) fn gen_decl(&mut self) -> GenDecl {
        let kind = match self.tok() {
            T::Const => GenKind::Const,
            T::Type => GenKind::Type,
            _ => GenKind::Var,
        };
        self.next();
        let mut vars = Vec::new();
        let mut consts: Vec<ConstSpec> = Vec::new();
        let mut types = Vec::new();
        let mut one = |p: &mut Self| match kind {
            GenKind::Var => vars.push(p.var_spec()),
            GenKind::Const => {
                let spec = p.const_spec(&consts);
                consts.push(spec);
            }
            GenKind::Type => types.push(Rc::new(p.type_spec())),
        };
        if self.tok() == T::LParen {
            self.next();
            self.list("grouped declaration", T::Semi, T::RParen, |p| {
                one(p);
                false
            });
        } else {
            one(self);
        }
        match kind {
            GenKind::Var => GenDecl::Var(vars),
            GenKind::Const => GenDecl::Const(consts),
            GenKind::Type => GenDecl::Type(types),
        }
    }

    /// Go's `gotAssign`: `=`, or `:=` with a complaint.
    fn got_assign(&mut self) -> bool {
        match self.tok() {
            T::Define => {
                self.syntax_error("expected =");
                self.next();
                true
            }
            T::Assign => {
                self.next();
                true
            }
            _ => false,
        }
    }

    fn var_spec(&mut self) -> ValueSpec {
        let lo = self.span().lo;
        let first = self.name();
        let names = self.name_list(first);
        let mut ty = None;
        let mut values = Vec::new();
        if self.got_assign() {
            values = self.expr_list();
        } else {
            ty = Some(self.parse_type());
            if self.got_assign() {
                values = self.expr_list();
            }
        }
        ValueSpec {
            names,
            ty,
            values,
            span: self.since(lo),
        }
    }

    /// One const spec; `prev` holds the group's earlier specs, whose last
    /// explicit expression list an empty spec repeats.
    fn const_spec(&mut self, prev: &[ConstSpec]) -> ConstSpec {
        let lo = self.span().lo;
        let first = self.name();
        let names = self.name_list(first);
        let mut ty = None;
        let mut values = Rc::default();
        let mut had_assign = false;
        if !matches!(self.tok(), T::Eof | T::Semi | T::RParen) {
            ty = self.type_or_nil().map(Rc::new);
            if self.got_assign() {
                had_assign = true;
                values = Rc::new(self.expr_list());
            }
        }
        let span = self.since(lo);
        let iota = prev.len() as u32;
        if had_assign {
            return ConstSpec {
                names,
                ty,
                values,
                iota,
                implicit: false,
                span,
            };
        }
        if ty.is_some() {
            self.check_error(
                span,
                "const declaration cannot have type without expression",
            );
        }
        match prev.last() {
            Some(last) => ConstSpec {
                names,
                ty: last.ty.clone(),
                values: last.values.clone(),
                iota,
                implicit: true,
                span,
            },
            None => {
                self.check_error(span, "missing init expr for const declaration");
                ConstSpec {
                    names,
                    ty,
                    values,
                    iota,
                    implicit: true,
                    span,
                }
            }
        }
    }

    fn type_spec(&mut self) -> TypeSpec {
        let lo = self.span().lo;
        let name = self.name();
        let mut tparams = Vec::new();
        if self.tok() == T::LBrack && self.looks_like_type_params() {
            self.next();
            tparams = self.type_params();
        }
        let alias = self.got_assign();
        let ty = match self.type_or_nil() {
            Some(t) => t,
            None => {
                let sp = self.span();
                self.syntax_error("in type declaration");
                self.advance(&[T::Semi, T::RParen]);
                self.bad_expr(sp)
            }
        };
        TypeSpec {
            name,
            tparams,
            alias,
            ty,
            span: self.since(lo),
        }
    }

    /// At `[` after a type name: `[T any]`, `[K comparable, V any]` are type
    /// parameters; `[N]T`, `[]T`, `[2*N]T` are array or slice types.
    fn looks_like_type_params(&self) -> bool {
        if self.peek_kind(1) != T::Ident {
            return false;
        }
        matches!(
            self.peek_kind(2),
            T::Ident
                | T::Interface
                | T::Tilde
                | T::Comma
                | T::Chan
                | T::Map
                | T::Func
                | T::LBrack
                | T::Struct
        ) || (self.peek_kind(2) == T::Op(BinaryOp::Mul)
            && self.peek_kind(3) == T::Ident
            && self.peek_kind(4) != T::RBrack)
    }

    /// `func [recv] name signature [body]`; the current token is `func`.
    fn func_decl(&mut self) -> FuncDecl {
        let lo = self.span().lo;
        self.next();
        let mut recv = None;
        if self.tok() == T::LParen {
            self.next();
            let mut fields = self.param_list(T::RParen);
            let sp = self.span(); // Go reports at the token after `)`
            let count: usize = fields.iter().map(|f| f.names.len().max(1)).sum();
            match count {
                0 => self.error_at(sp, "method has no receiver"),
                1 => recv = fields.pop(),
                _ => self.error_at(sp, "method has multiple receivers"),
            }
        }
        let name;
        let sig;
        let mut tparams = Vec::new();
        if self.tok() == T::Ident {
            name = self.name();
            if self.got(T::LBrack) {
                tparams = self.type_params();
            }
            sig = self.signature(name.span.lo);
        } else {
            let sp = self.span();
            name = Ident {
                name: "_".to_string(),
                span: sp,
            };
            sig = FuncType {
                params: Vec::new(),
                results: Vec::new(),
                span: sp,
            };
            self.syntax_error(if recv.is_some() {
                "expected name"
            } else {
                "expected name or ("
            });
            self.advance(&[T::LBrace, T::Semi]);
        }
        let body = if self.tok() == T::LBrace {
            Some(self.func_body())
        } else {
            None
        };
        FuncDecl {
            recv,
            name,
            tparams,
            sig,
            body,
            span: self.since(lo),
        }
    }
}
