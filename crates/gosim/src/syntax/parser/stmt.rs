//! Statements and blocks, including the `if`/`for`/`switch` headers where
//! `T{` opens the body rather than a composite literal (Go's `xnest`).

use super::Parser;
use crate::syntax::ast::*;
use crate::syntax::lexer::TokenKind as T;
use crate::syntax::span::Span;

/// What `simple_stmt` found: a statement, or (in a `for` header) a range
/// clause. `pos` is where Go reports errors about it: the operator of an
/// assignment, send or `++`, or the start of an expression.
enum Simple {
    Stmt {
        stmt: Stmt,
        pos: Span,
    },
    Range {
        key: Option<Expr>,
        value: Option<Expr>,
        define: bool,
        subject: Expr,
    },
}

/// The parts of an `if`/`for`/`switch` header.
struct Header {
    init: Option<Box<Stmt>>,
    cond: Option<Simple>,
    post: Option<Box<Stmt>>,
}

impl<'a> Parser<'a> {
    pub(super) fn func_body(&mut self) -> Block {
        self.fnest += 1;
        let b = self.block("");
        self.fnest -= 1;
        b
    }

    /// Go's `blockStmt`: `{ stmts }`; `context` names the clause for the
    /// "expected { after if clause" message.
    pub(super) fn block(&mut self, context: &str) -> Block {
        let lo = self.span().lo;
        if !self.enter() {
            self.leave();
            return Block {
                stmts: Vec::new(),
                span: self.since(lo),
            };
        }
        let b = self.block_inner(context, lo);
        self.leave();
        b
    }

    fn block_inner(&mut self, context: &str, lo: u32) -> Block {
        if !self.got(T::LBrace) {
            self.syntax_error(&format!("expected {{ after {}", context));
            self.advance(&[T::Ident, T::RBrace]);
            if self.got(T::RBrace) {
                return Block {
                    stmts: Vec::new(),
                    span: self.since(lo),
                };
            }
        }
        let stmts = self.stmt_list();
        self.want(T::RBrace);
        Block {
            stmts,
            span: self.since(lo),
        }
    }

    fn stmt_list(&mut self) -> Vec<Stmt> {
        let mut list = Vec::new();
        while !matches!(self.tok(), T::Eof | T::RBrace | T::Case | T::Default) {
            let before = self.pos;
            let Some(s) = self.stmt_or_nil() else { break };
            list.push(s);
            // `;` is optional before `}`.
            if !self.got(T::Semi) && self.tok() != T::RBrace {
                self.syntax_error("at end of statement");
                self.advance(&[T::Semi, T::RBrace, T::Case, T::Default]);
                self.got(T::Semi);
            }
            if self.pos == before {
                self.advance(&[]); // never loop without progress
            }
        }
        list
    }

    fn stmt_or_nil(&mut self) -> Option<Stmt> {
        let sp = self.span();
        if !self.enter() {
            self.leave();
            return None;
        }
        let s = self.stmt_inner(sp.lo);
        self.leave();
        s
    }

    fn stmt_inner(&mut self, lo: u32) -> Option<Stmt> {
        let kind = match self.tok() {
            T::Ident => {
                let lhs = self.expr_list();
                if self.tok() == T::Colon && lhs.len() == 1 {
                    if let ExprKind::Ident(label) = &lhs[0].kind {
                        let label = label.clone();
                        return self.labeled_stmt(label, lo);
                    }
                }
                return Some(self.simple_as_stmt(Some(lhs), lo));
            }
            T::Var | T::Const | T::Type => StmtKind::Decl(self.gen_decl()),
            T::LBrace => StmtKind::Block(self.block("")),
            T::Op(
                BinaryOp::Add | BinaryOp::Sub | BinaryOp::Mul | BinaryOp::And | BinaryOp::Xor,
            )
            | T::Not
            | T::Int
            | T::Float
            | T::Imag
            | T::Rune
            | T::Str
            | T::RawStr
            | T::Func
            | T::LParen
            | T::LBrack
            | T::Struct
            | T::Map
            | T::Chan
            | T::Interface
            | T::Arrow => return Some(self.simple_as_stmt(None, lo)),
            T::For => return Some(self.for_stmt()),
            T::Switch => return Some(self.switch_stmt()),
            T::Select => return Some(self.select_stmt()),
            T::If => return Some(self.if_stmt()),
            T::Fallthrough => {
                self.next();
                StmtKind::Fallthrough
            }
            T::Break | T::Continue => {
                let is_break = self.tok() == T::Break;
                self.next();
                let label = if self.tok() == T::Ident {
                    Some(self.name())
                } else {
                    None
                };
                if is_break {
                    StmtKind::Break(label)
                } else {
                    StmtKind::Continue(label)
                }
            }
            T::Go | T::Defer => return Some(self.call_stmt()),
            T::Goto => {
                self.next();
                StmtKind::Goto(self.name())
            }
            T::Return => {
                self.next();
                let mut results = Vec::new();
                if !matches!(self.tok(), T::Semi | T::RBrace) {
                    results = self.expr_list();
                }
                StmtKind::Return(results)
            }
            T::Semi => StmtKind::Empty,
            _ => return None,
        };
        Some(Stmt {
            kind,
            span: self.since(lo),
        })
    }

    fn labeled_stmt(&mut self, label: Ident, lo: u32) -> Option<Stmt> {
        let colon = self.span();
        self.want(T::Colon);
        if self.tok() == T::RBrace {
            let empty = Stmt {
                kind: StmtKind::Empty,
                span: Span::new(colon.hi, colon.hi),
            };
            return Some(Stmt {
                kind: StmtKind::Labeled {
                    label,
                    stmt: Box::new(empty),
                },
                span: self.since(lo),
            });
        }
        match self.stmt_or_nil() {
            Some(s) => Some(Stmt {
                kind: StmtKind::Labeled {
                    label,
                    stmt: Box::new(s),
                },
                span: self.since(lo),
            }),
            None => {
                self.syntax_error_at(colon, "missing statement after label");
                None
            }
        }
    }

    /// A simple statement where a range clause is not allowed.
    fn simple_as_stmt(&mut self, lhs: Option<Vec<Expr>>, lo: u32) -> Stmt {
        match self.simple_stmt(lhs, None) {
            Simple::Stmt { stmt, .. } => stmt,
            Simple::Range { subject, .. } => Stmt {
                kind: StmtKind::Expr(subject),
                span: self.since(lo),
            },
        }
    }

    /// Go's `simpleStmt`. `keyword` is the header being parsed, if any:
    /// `for` allows a range clause, `switch` a type switch guard.
    fn simple_stmt(&mut self, lhs: Option<Vec<Expr>>, keyword: Option<T>) -> Simple {
        let lo = self.span().lo;
        if keyword == Some(T::For) && self.tok() == T::Range {
            return self.range_clause(Vec::new(), false);
        }
        let lhs = match lhs {
            Some(l) => l,
            None => self.expr_list(),
        };
        let lo = lhs.first().map(|e| e.span.lo).unwrap_or(lo);
        let pos = self.span();
        if lhs.len() == 1 && !matches!(self.tok(), T::Assign | T::Define) {
            let x = lhs.into_iter().next().expect("length checked above");
            let kind = match self.tok() {
                T::OpAssign(op) => {
                    self.next();
                    let y = self.expr();
                    StmtKind::Assign {
                        lhs: vec![x],
                        op: AssignOp::Op(op),
                        rhs: vec![y],
                    }
                }
                T::Inc | T::Dec => {
                    let inc = self.tok() == T::Inc;
                    self.next();
                    StmtKind::IncDec { target: x, inc }
                }
                T::Arrow => {
                    self.next();
                    let value = self.expr();
                    StmtKind::Send { chan: x, value }
                }
                _ => {
                    let pos = x.span;
                    return Simple::Stmt {
                        stmt: Stmt {
                            span: x.span,
                            kind: StmtKind::Expr(x),
                        },
                        pos,
                    };
                }
            };
            return Simple::Stmt {
                stmt: Stmt {
                    kind,
                    span: self.since(lo),
                },
                pos,
            };
        }
        match self.tok() {
            T::Assign | T::Define => {
                let define = self.tok() == T::Define;
                self.next();
                if keyword == Some(T::For) && self.tok() == T::Range {
                    return self.range_clause(lhs, define);
                }
                if define {
                    for x in lhs.iter().filter(|x| !matches!(x.kind, ExprKind::Ident(_))) {
                        let text = self
                            .text(x.span)
                            .split_whitespace()
                            .collect::<Vec<_>>()
                            .join(" ");
                        self.check_error(x.span, format!("non-name {} on left side of :=", text));
                    }
                }
                let rhs = self.expr_list();
                let op = if define {
                    AssignOp::Define
                } else {
                    AssignOp::Assign
                };
                Simple::Stmt {
                    stmt: Stmt {
                        kind: StmtKind::Assign { lhs, op, rhs },
                        span: self.since(lo),
                    },
                    pos,
                }
            }
            _ => {
                self.syntax_error("expected := or = or comma");
                self.advance(&[T::Semi, T::RBrace]);
                let x = lhs.into_iter().next().unwrap_or_else(|| self.bad_expr(pos));
                Simple::Stmt {
                    stmt: Stmt {
                        span: x.span,
                        kind: StmtKind::Expr(x),
                    },
                    pos,
                }
            }
        }
    }

    /// At `range`: the rest of `for [k[, v] (=|:=)] range x`.
    fn range_clause(&mut self, lhs: Vec<Expr>, define: bool) -> Simple {
        self.next();
        let subject = self.expr();
        if lhs.len() > 2 {
            let sp = lhs[2].span;
            self.check_error(sp, "range clause permits at most two iteration variables");
        }
        let mut it = lhs.into_iter();
        let key = it.next();
        let value = it.next();
        Simple::Range {
            key,
            value,
            define,
            subject,
        }
    }

    /// Go's `header` for `if`, `for` and `switch` (the keyword is current).
    fn header(&mut self, keyword: T) -> Header {
        let mut h = Header {
            init: None,
            cond: None,
            post: None,
        };
        self.next();
        if self.tok() == T::LBrace {
            if keyword == T::If {
                self.syntax_error("missing condition in if statement");
            }
            return h;
        }
        let outer = self.xnest;
        self.xnest = -1;
        let mut init: Option<Simple> = None;
        if self.tok() != T::Semi {
            if self.got(T::Var) {
                let kw = keyword.text().unwrap_or("");
                self.syntax_error(&format!(
                    "var declaration not allowed in {} initializer",
                    kw
                ));
            }
            let s = self.simple_stmt(None, Some(keyword));
            if matches!(s, Simple::Range { .. }) {
                self.xnest = outer;
                h.cond = Some(s);
                return h;
            }
            init = Some(s);
        }
        let mut semi: Option<(Span, bool)> = None; // (where, was it a real ';')
        let cond: Option<Simple>;
        if self.tok() != T::LBrace {
            if self.tok() == T::Semi {
                let t = self.cur();
                semi = Some((t.span, t.semi == super::SemiLit::Explicit));
                self.next();
            } else {
                self.want(T::LBrace);
                if self.tok() != T::LBrace {
                    self.advance(&[T::LBrace, T::RBrace]);
                }
            }
            h.init = init.map(|s| Box::new(self.simple_into_stmt(s)));
            if keyword == T::For {
                let mut c = None;
                if self.tok() != T::Semi {
                    if self.tok() == T::LBrace {
                        self.syntax_error("expected for loop condition");
                        self.xnest = outer;
                        return h;
                    }
                    c = Some(self.simple_stmt(None, None));
                }
                self.want(T::Semi);
                if self.tok() != T::LBrace {
                    let post = self.simple_stmt(None, None);
                    if let Simple::Stmt {
                        stmt:
                            Stmt {
                                kind:
                                    StmtKind::Assign {
                                        op: AssignOp::Define,
                                        ..
                                    },
                                ..
                            },
                        pos,
                    } = &post
                    {
                        let pos = *pos;
                        self.syntax_error_at(pos, "cannot declare in post statement of for loop");
                    }
                    h.post = Some(Box::new(self.simple_into_stmt(post)));
                }
                cond = c;
            } else if self.tok() != T::LBrace {
                cond = Some(self.simple_stmt(None, Some(keyword)));
            } else {
                cond = None;
            }
        } else {
            cond = init;
        }
        if cond.is_none() && keyword == T::If {
            if let Some((sp, explicit)) = semi {
                if explicit {
                    self.syntax_error_at(sp, "missing condition in if statement");
                } else {
                    self.error_at(
                        sp,
                        "syntax error: unexpected newline, expected { after if clause",
                    );
                }
            }
        }
        h.cond = cond;
        self.xnest = outer;
        h
    }

    fn simple_into_stmt(&mut self, s: Simple) -> Stmt {
        match s {
            Simple::Stmt { stmt, .. } => stmt,
            Simple::Range { subject, .. } => {
                let span = subject.span;
                self.error_at(span, "syntax error: unexpected range clause");
                Stmt {
                    kind: StmtKind::Expr(subject),
                    span,
                }
            }
        }
    }

    /// The header's condition as an expression, or Go's "cannot use ... as
    /// value" for a statement in its place.
    fn cond_expr(&mut self, cond: Option<Simple>, at: Span) -> Option<Expr> {
        match cond? {
            Simple::Stmt {
                stmt:
                    Stmt {
                        kind: StmtKind::Expr(x),
                        ..
                    },
                ..
            } => Some(x),
            Simple::Stmt { stmt, pos } => {
                let text: String = self
                    .text(stmt.span)
                    .split_whitespace()
                    .collect::<Vec<_>>()
                    .join(" ");
                let what = match &stmt.kind {
                    StmtKind::Assign {
                        op: AssignOp::Assign,
                        ..
                    } => format!("assignment {}", text),
                    _ => text,
                };
                self.syntax_error_at(pos, &format!("cannot use {} as value", what));
                Some(self.bad_expr(stmt.span))
            }
            Simple::Range { subject, .. } => {
                self.syntax_error_at(at, "unexpected range clause");
                Some(subject)
            }
        }
    }

    fn if_stmt(&mut self) -> Stmt {
        let lo = self.span().lo;
        let at = self.span();
        let h = self.header(T::If);
        let cond = match self.cond_expr(h.cond, at) {
            Some(c) => c,
            None => self.bad_expr(at),
        };
        let then = self.block("if clause");
        let mut els = None;
        if self.got(T::Else) {
            match self.tok() {
                T::If => {
                    if self.enter() {
                        els = Some(Box::new(self.if_stmt()));
                    }
                    self.leave();
                }
                T::LBrace => {
                    let b = self.block("");
                    let span = b.span;
                    els = Some(Box::new(Stmt {
                        kind: StmtKind::Block(b),
                        span,
                    }));
                }
                _ => {
                    self.syntax_error("else must be followed by if or statement block");
                    self.advance(&[T::Ident, T::RBrace]);
                }
            }
        }
        Stmt {
            kind: StmtKind::If {
                init: h.init,
                cond,
                then,
                els,
            },
            span: self.since(lo),
        }
    }

    fn for_stmt(&mut self) -> Stmt {
        let lo = self.span().lo;
        let at = self.span();
        let h = self.header(T::For);
        if let Some(Simple::Range {
            key,
            value,
            define,
            subject,
        }) = h.cond
        {
            let body = self.block("for clause");
            return Stmt {
                kind: StmtKind::Range {
                    key,
                    value,
                    define,
                    subject,
                    body,
                },
                span: self.since(lo),
            };
        }
        let cond = self.cond_expr(h.cond, at);
        let body = self.block("for clause");
        Stmt {
            kind: StmtKind::For {
                init: h.init,
                cond,
                post: h.post,
                body,
            },
            span: self.since(lo),
        }
    }

    fn switch_stmt(&mut self) -> Stmt {
        let lo = self.span().lo;
        let at = self.span();
        let h = self.header(T::Switch);
        // A type switch guard: `x.(type)` or `v := x.(type)`.
        let mut guard: Option<(Option<Ident>, Expr)> = None;
        let mut tag = None;
        match h.cond {
            Some(Simple::Stmt {
                stmt:
                    Stmt {
                        kind: StmtKind::Expr(x),
                        ..
                    },
                ..
            }) if matches!(x.kind, ExprKind::TypeAssert(_, None)) => {
                if let ExprKind::TypeAssert(subject, None) = x.kind {
                    guard = Some((None, *subject));
                }
            }
            Some(Simple::Stmt {
                stmt:
                    Stmt {
                        kind:
                            StmtKind::Assign {
                                lhs,
                                op: AssignOp::Define,
                                rhs,
                            },
                        span,
                    },
                pos,
            }) if lhs.len() == 1
                && rhs.len() == 1
                && matches!(lhs[0].kind, ExprKind::Ident(_))
                && matches!(rhs[0].kind, ExprKind::TypeAssert(_, None)) =>
            {
                let _ = (span, pos);
                let bind = match lhs.into_iter().next().map(|e| e.kind) {
                    Some(ExprKind::Ident(id)) => Some(id),
                    _ => None,
                };
                if let Some(ExprKind::TypeAssert(subject, None)) =
                    rhs.into_iter().next().map(|e| e.kind)
                {
                    guard = Some((bind, *subject));
                }
            }
            other => tag = self.cond_expr(other, at),
        }
        if !self.got(T::LBrace) {
            self.syntax_error("missing { after switch clause");
            self.advance(&[T::Case, T::Default, T::RBrace]);
        }
        let kind = if let Some((bind, subject)) = guard {
            let lo = subject.span.lo;
            self.type_guards.retain(|g| g.lo != lo);
            let mut cases = Vec::new();
            while !matches!(self.tok(), T::Eof | T::RBrace) {
                let before = self.pos;
                let (types, body, span) = self.case_clause();
                cases.push(TypeCaseClause { types, body, span });
                if self.pos == before {
                    self.advance(&[]);
                }
            }
            StmtKind::TypeSwitch {
                init: h.init,
                bind,
                subject,
                cases,
            }
        } else {
            let mut cases = Vec::new();
            while !matches!(self.tok(), T::Eof | T::RBrace) {
                let before = self.pos;
                let (exprs, body, span) = self.case_clause();
                cases.push(CaseClause { exprs, body, span });
                if self.pos == before {
                    self.advance(&[]);
                }
            }
            StmtKind::Switch {
                init: h.init,
                tag,
                cases,
            }
        };
        self.want(T::RBrace);
        Stmt {
            kind,
            span: self.since(lo),
        }
    }

    /// `case a, b:` or `default:` and the clause's statements.
    fn case_clause(&mut self) -> (Option<Vec<Expr>>, Vec<Stmt>, Span) {
        let lo = self.span().lo;
        let mut exprs = None;
        match self.tok() {
            T::Case => {
                self.next();
                exprs = Some(self.expr_list());
            }
            T::Default => self.next(),
            _ => {
                self.syntax_error("expected case or default or }");
                self.advance(&[T::Colon, T::Case, T::Default, T::RBrace]);
            }
        }
        self.want(T::Colon);
        let span = self.since(lo);
        let body = self.stmt_list();
        (exprs, body, span)
    }

    fn select_stmt(&mut self) -> Stmt {
        let lo = self.span().lo;
        self.next();
        if !self.got(T::LBrace) {
            self.syntax_error("missing { after select clause");
            self.advance(&[T::Case, T::Default, T::RBrace]);
        }
        let mut cases = Vec::new();
        while !matches!(self.tok(), T::Eof | T::RBrace) {
            let before = self.pos;
            cases.push(self.comm_clause());
            if self.pos == before {
                self.advance(&[]);
            }
        }
        self.want(T::RBrace);
        Stmt {
            kind: StmtKind::Select { cases },
            span: self.since(lo),
        }
    }

    fn comm_clause(&mut self) -> CommClause {
        let lo = self.span().lo;
        let mut comm = None;
        match self.tok() {
            T::Case => {
                self.next();
                let s = self.simple_as_stmt(None, self.span().lo);
                if !is_comm(&s) {
                    self.check_error(
                        s.span,
                        "select case must be send or receive (possibly with assignment)",
                    );
                }
                comm = Some(Box::new(s));
            }
            T::Default => self.next(),
            _ => {
                self.syntax_error("expected case or default or }");
                self.advance(&[T::Colon, T::Case, T::Default, T::RBrace]);
            }
        }
        self.want(T::Colon);
        let span = self.since(lo);
        let body = self.stmt_list();
        CommClause { comm, body, span }
    }

    /// `go f(x)` / `defer f(x)`.
    fn call_stmt(&mut self) -> Stmt {
        let lo = self.span().lo;
        let is_go = self.tok() == T::Go;
        let kw = if is_go { "go" } else { "defer" };
        self.next();
        let mut x = self.pexpr();
        if matches!(x.kind, ExprKind::Paren(_)) {
            self.error_at(
                x.span,
                format!("expression in {} must not be parenthesized", kw),
            );
            x = super::expr_unparen(x);
        }
        if !matches!(x.kind, ExprKind::Call { .. }) {
            self.check_error(
                x.span,
                format!("expression in {} must be function call", kw),
            );
        }
        let kind = if is_go {
            StmtKind::Go(x)
        } else {
            StmtKind::Defer(x)
        };
        Stmt {
            kind,
            span: self.since(lo),
        }
    }
}

fn is_recv(e: &Expr) -> bool {
    let mut e = e;
    while let ExprKind::Paren(inner) = &e.kind {
        e = inner;
    }
    matches!(e.kind, ExprKind::Unary(UnaryOp::Recv, _))
}

/// Whether a statement is a valid select case: a send, a receive, or an
/// assignment of one receive.
fn is_comm(s: &Stmt) -> bool {
    match &s.kind {
        StmtKind::Send { .. } => true,
        StmtKind::Expr(e) => is_recv(e),
        StmtKind::Assign {
            op: AssignOp::Assign | AssignOp::Define,
            rhs,
            lhs,
        } => rhs.len() == 1 && lhs.len() <= 2 && is_recv(&rhs[0]),
        _ => false,
    }
}
