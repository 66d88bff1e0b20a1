//! Tokens to syntax tree: a recursive-descent parser shaped like Go's own
//! (`cmd/compile/internal/syntax`), so that its error messages and recovery
//! points match what `go build` prints.
//!
//! Owns the token stream with automatic semicolons, the grammar, error
//! recovery, the refusal of Go features gosim does not support, and the
//! budgets that keep bad input harmless (nesting depth, error count, a
//! no-progress guard). It does not resolve names or look at types: that is
//! the checker's job. It never panics and always terminates.
//!
//! After a syntax error the tree still holds everything parsed, with the
//! identifier [`BAD_EXPR_NAME`] standing in for expressions that could not
//! be parsed; a caller must not check or run a tree unless
//! [`Parsed::check`] says so.

mod decl;
mod expr;
mod stmt;

use super::ast;
use super::lexer::{lex, Token, TokenKind};
use super::span::{LineIndex, Span};
use crate::syntax::diag::Diagnostic;
use std::cell::Cell;

/// At most this many diagnostics are returned (`go build` stops at 10).
pub const MAX_ERRORS: usize = 10;

/// Deepest nesting of blocks, types and expressions accepted. Deeper input
/// is refused with an error instead of overflowing the stack (of the parser
/// and of every later pass that recurses over the tree).
pub const MAX_DEPTH: u32 = 100;

/// Longest numeric literal, in characters: go/types refuses longer ones as
/// an "excessively long constant".
pub const MAX_NUMBER_CHARS: usize = 10_000;

/// The name of the identifier standing in for an expression that could
/// not be parsed. It is not a valid Go name, and it only appears in trees
/// whose [`Parsed::check`] is false.
pub const BAD_EXPR_NAME: &str = "!bad";

/// What an automatic or explicit semicolon looked like in the source, for
/// `unexpected newline` / `unexpected semicolon` / `unexpected EOF`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum SemiLit {
    Explicit,
    Newline,
    Eof,
}

/// A token of the parser's stream: comments and invalid characters are
/// gone, automatic semicolons are in, and the stream ends with `Eof`.
#[derive(Clone, Copy, Debug)]
struct PTok {
    kind: TokenKind,
    span: Span,
    semi: SemiLit,
}

/// Builds the parser's stream from the lexer's tokens, inserting Go's
/// automatic semicolons: after a line's last token when that token can end
/// a statement (and at EOF).
fn stream(src: &str, toks: &[Token]) -> Vec<PTok> {
    let bytes = src.as_bytes();
    let mut out = Vec::with_capacity(toks.len() + toks.len() / 4 + 2);
    let mut prev_ends = false;
    // Where a newline was seen since the last significant token.
    let mut newline_at: Option<u32> = None;
    let mut gap_lo = 0usize;
    let note_gap = |lo: usize, hi: usize, newline_at: &mut Option<u32>| {
        if newline_at.is_none() {
            if let Some(i) = bytes
                .get(lo..hi)
                .and_then(|g| g.iter().position(|&b| b == b'\n'))
            {
                *newline_at = Some((lo + i) as u32);
            }
        }
    };
    for t in toks {
        note_gap(gap_lo, t.span.lo as usize, &mut newline_at);
        gap_lo = t.span.hi as usize;
        match t.kind {
            TokenKind::Comment => {
                // A general comment spanning lines acts like a newline.
                let text = bytes
                    .get(t.span.lo as usize..t.span.hi as usize)
                    .unwrap_or(&[]);
                if newline_at.is_none() && text.starts_with(b"/*") && text.contains(&b'\n') {
                    newline_at = Some(t.span.lo);
                }
                continue;
            }
            TokenKind::Invalid => continue,
            _ => {}
        }
        if prev_ends {
            if let Some(nl) = newline_at {
                out.push(PTok {
                    kind: TokenKind::Semi,
                    span: Span::new(nl, nl + 1),
                    semi: SemiLit::Newline,
                });
            }
        }
        out.push(PTok {
            kind: t.kind,
            span: t.span,
            semi: SemiLit::Explicit,
        });
        prev_ends = t.kind.ends_statement();
        newline_at = None;
    }
    note_gap(gap_lo, bytes.len(), &mut newline_at);
    let end = bytes.len() as u32;
    if prev_ends {
        match newline_at {
            Some(nl) => out.push(PTok {
                kind: TokenKind::Semi,
                span: Span::new(nl, nl + 1),
                semi: SemiLit::Newline,
            }),
            None => out.push(PTok {
                kind: TokenKind::Semi,
                span: Span::new(end, end),
                semi: SemiLit::Eof,
            }),
        }
    }
    out.push(PTok {
        kind: TokenKind::Eof,
        span: Span::new(end, end),
        semi: SemiLit::Eof,
    });
    out
}

/// Parses a whole Go source file. Returns what could be parsed plus at
/// most [`MAX_ERRORS`] diagnostics, sorted by position, at most one syntax
/// error per line (as `go build` shows them).
pub fn parse(src: &str) -> (ast::File, Vec<Diagnostic>) {
    let parsed = parse_phases(src);
    let mut diags = parsed.errors;
    if parsed.check {
        diags.extend(parsed.check_errors);
    }
    (parsed.file, finish_diags(src, diags))
}

/// The parser's result, with errors split the way `go build` phases them.
#[derive(Clone, Debug)]
pub struct Parsed {
    pub file: ast::File,
    /// Scanner and parser errors, sorted; always reported.
    pub errors: Vec<Diagnostic>,
    /// Errors that Go's type checker (not its parser) reports but that the
    /// syntax alone reveals: `expression in go must be function call`,
    /// `select case must be send or receive (possibly with assignment)`,
    /// `non-name x.y on left side of :=`, `use of .(type) outside type
    /// switch`, `range clause permits at most two iteration variables`,
    /// `missing init expr for const declaration`, constants over 128 bits.
    /// Report them with the checker's own errors, sorted by position.
    pub check_errors: Vec<Diagnostic>,
    /// Whether type checking may run: false when `errors` holds a
    /// `syntax error: ...` (after which `go build` stops before type
    /// checking) or a construct gosim refuses.
    pub check: bool,
}

/// Like [`parse`], but keeps the phases apart so a checker can run when Go
/// would and merge its errors with `check_errors`.
pub fn parse_phases(src: &str) -> Parsed {
    let (toks, lex_diags) = lex(src);
    let mut p = Parser::new(src, stream(src, &toks));
    p.lex_errors = !lex_diags.is_empty();
    let file = p.file();
    if p.stall.get() > STALL_LIMIT {
        // A production looped without consuming input; parsing stopped
        // there. Say so rather than return a silently truncated tree.
        let last = p.toks.len() - 1;
        let sp = p.toks[p.pos.min(last)].span;
        p.error_at(
            sp,
            "syntax error: parser made no progress here (a gosim bug)",
        );
        p.fatal = true;
    }
    for sp in std::mem::take(&mut p.type_guards) {
        p.check_error(
            sp,
            "invalid syntax tree: use of .(type) outside type switch",
        );
    }
    let mut errors = lex_diags;
    errors.extend(p.diags);
    // `go build` first lists the package with go/parser, which stops after
    // the imports: errors up to there are the only ones it shows.
    let in_header = errors.iter().any(|d| d.span.lo < p.header_end);
    if in_header {
        errors.retain(|d| d.span.lo < p.header_end);
    }
    let check = !in_header
        && !p.fatal
        && !errors.iter().any(|d| {
            d.message.starts_with("syntax error") || d.message.ends_with("not supported by gosim")
        });
    Parsed {
        file,
        errors: finish_diags(src, errors),
        check_errors: finish_diags(src, p.checks),
        check,
    }
}

/// Sorts diagnostics, keeps one syntax error per line and one copy of
/// equal messages per line, and caps the count.
fn finish_diags(src: &str, mut diags: Vec<Diagnostic>) -> Vec<Diagnostic> {
    if diags.is_empty() {
        return diags;
    }
    crate::util::order::sort_by_key(&mut diags, |d| d.span.lo);
    let index = LineIndex::new(src);
    let mut out: Vec<Diagnostic> = Vec::new();
    let mut last_syntax_line = 0;
    let mut last_other: Option<(u32, String)> = None;
    for d in diags {
        let line = index.line(d.span.lo);
        if d.message.starts_with("syntax error") {
            if line == last_syntax_line {
                continue;
            }
            last_syntax_line = line;
        } else {
            if last_other
                .as_ref()
                .is_some_and(|(l, m)| *l == line && *m == d.message)
            {
                continue;
            }
            last_other = Some((line, d.message.clone()));
        }
        out.push(d);
        if out.len() >= MAX_ERRORS {
            break;
        }
    }
    out
}

struct Parser<'a> {
    src: &'a str,
    toks: Vec<PTok>,
    pos: usize,
    /// End of the last consumed token, for spans.
    prev_hi: u32,
    diags: Vec<Diagnostic>,
    /// Go's `xnest`: below zero inside `if`/`for`/`switch` headers, where
    /// `T{` starts the body rather than a composite literal.
    xnest: i32,
    depth: u32,
    /// Set when parsing must stop (too many errors, too deep): the stream
    /// then reads as `Eof`, which unwinds every production quickly.
    bail: bool,
    /// Reads of the current token without consuming one; a guard against
    /// any loop that fails to make progress.
    stall: Cell<u32>,
    /// Nesting of function bodies (Go's `fnest`), for error recovery.
    fnest: u32,
    /// `x.(type)` expressions not (yet) claimed by a type switch header.
    type_guards: Vec<Span>,
    /// Errors Go's type checker (not its parser) reports; see `parse_phases`.
    checks: Vec<Diagnostic>,
    /// Where the first declaration after the imports starts.
    header_end: u32,
    /// Whether the scanner reported errors (Go then stays quiet at EOF).
    lex_errors: bool,
    /// Set when parsing stopped early (too deep, no progress): the tree is
    /// truncated and must not be checked.
    fatal: bool,
}

/// Statement keywords at which error recovery inside a function stops
/// skipping (Go's `stopset`).
fn in_stopset(k: TokenKind) -> bool {
    use TokenKind::*;
    matches!(
        k,
        Break
            | Const
            | Continue
            | Defer
            | Fallthrough
            | For
            | Go
            | Goto
            | If
            | Return
            | Select
            | Switch
            | Type
            | Var
    )
}

const STALL_LIMIT: u32 = 1000;

impl<'a> Parser<'a> {
    fn new(src: &'a str, toks: Vec<PTok>) -> Parser<'a> {
        Parser {
            src,
            toks,
            pos: 0,
            prev_hi: 0,
            diags: Vec::new(),
            xnest: 0,
            depth: 0,
            bail: false,
            stall: Cell::new(0),
            fnest: 0,
            type_guards: Vec::new(),
            checks: Vec::new(),
            header_end: u32::MAX,
            lex_errors: false,
            fatal: false,
        }
    }

    // ---- token stream -------------------------------------------------

    fn cur(&self) -> PTok {
        let last = self.toks.len() - 1; // the stream always ends with Eof
        if self.bail {
            return self.toks[last];
        }
        let n = self.stall.get() + 1;
        self.stall.set(n);
        if n > STALL_LIMIT {
            return self.toks[last];
        }
        self.toks[self.pos.min(last)]
    }

    fn tok(&self) -> TokenKind {
        self.cur().kind
    }

    fn span(&self) -> Span {
        self.cur().span
    }

    fn peek_kind(&self, ahead: usize) -> TokenKind {
        if self.bail {
            return TokenKind::Eof;
        }
        let last = self.toks.len() - 1;
        self.toks[(self.pos + ahead).min(last)].kind
    }

    fn next(&mut self) {
        if self.bail {
            return;
        }
        if self.stall.get() > STALL_LIMIT {
            // A production looped without consuming input: stop parsing.
            self.bail = true;
            return;
        }
        self.stall.set(0);
        if self.pos + 1 < self.toks.len() {
            self.prev_hi = self.toks[self.pos].span.hi;
            self.pos += 1;
        }
    }

    fn got(&mut self, k: TokenKind) -> bool {
        if self.tok() == k {
            self.next();
            true
        } else {
            false
        }
    }

    /// Go's `want`: on a mismatch, report and skip one token.
    fn want(&mut self, k: TokenKind) {
        if !self.got(k) {
            self.syntax_error(&format!("expected {}", tokstring(k)));
            self.advance(&[]);
        }
    }

    /// Go's `advance`: skip tokens until one in `follow` (or, inside a
    /// function, a statement keyword); with an empty list, skip one token.
    fn advance(&mut self, follow: &[TokenKind]) {
        if follow.is_empty() {
            if self.tok() != TokenKind::Eof {
                self.next();
            }
            return;
        }
        loop {
            let k = self.tok();
            if k == TokenKind::Eof || follow.contains(&k) || (self.fnest > 0 && in_stopset(k)) {
                return;
            }
            self.next();
        }
    }

    fn text(&self, sp: Span) -> &'a str {
        self.src.get(sp.lo as usize..sp.hi as usize).unwrap_or("")
    }

    /// A span from `lo` to the end of the last consumed token.
    fn since(&self, lo: u32) -> Span {
        Span::new(lo, self.prev_hi.max(lo))
    }

    // ---- errors -------------------------------------------------------

    fn error_at(&mut self, sp: Span, msg: impl Into<String>) {
        self.diags.push(Diagnostic::new(sp, msg));
        if self.diags.len() >= MAX_ERRORS * 2 {
            self.bail = true;
        }
    }

    /// Go's `syntaxErrorAt`: messages starting with "in ", "at ", "after "
    /// or "expected " are prefixed with the unexpected token.
    fn syntax_error_at(&mut self, sp: Span, msg: &str) {
        let cur = self.cur();
        if cur.kind == TokenKind::Eof && (self.lex_errors || !self.diags.is_empty()) {
            return; // avoid meaningless follow-up errors
        }
        let suffix =
            if msg.starts_with("in ") || msg.starts_with("at ") || msg.starts_with("after ") {
                format!(" {}", msg)
            } else if msg.starts_with("expected ") {
                format!(", {}", msg)
            } else {
                self.error_at(sp, format!("syntax error: {}", msg));
                return;
            };
        let desc = self.describe(cur);
        self.error_at(sp, format!("syntax error: unexpected {}{}", desc, suffix));
    }

    fn syntax_error(&mut self, msg: &str) {
        let sp = self.span();
        self.syntax_error_at(sp, msg);
    }

    /// How Go names the current token in "unexpected X".
    fn describe(&self, t: PTok) -> String {
        use TokenKind::*;
        match t.kind {
            Ident => format!("name {}", self.text(t.span)),
            Int | Float | Imag | Rune | Str | RawStr => format!("literal {}", self.text(t.span)),
            Semi => match t.semi {
                SemiLit::Explicit => "semicolon".to_string(),
                SemiLit::Newline => "newline".to_string(),
                SemiLit::Eof => "EOF".to_string(),
            },
            Eof => "EOF".to_string(),
            Comma => "comma".to_string(),
            k if k.is_keyword() => format!("keyword {}", k.text().unwrap_or("")),
            k => k.text().unwrap_or("token").to_string(),
        }
    }

    /// An error Go reports from its type checker rather than its parser.
    fn check_error(&mut self, sp: Span, msg: impl Into<String>) {
        self.checks.push(Diagnostic::new(sp, msg));
    }

    /// How go/parser names the current token in "expected X, found Y".
    fn goparser_found(&self) -> String {
        use TokenKind::*;
        let t = self.cur();
        match t.kind {
            Ident | Int | Float | Imag | Rune | Str | RawStr => self.text(t.span).to_string(),
            Semi if t.semi == SemiLit::Newline => "newline".to_string(),
            Semi if t.semi == SemiLit::Eof => "'EOF'".to_string(),
            k => format!("'{}'", k.text().unwrap_or("EOF")),
        }
    }

    /// Refuses a Go feature gosim does not implement.
    fn unsupported(&mut self, sp: Span, what: &str) {
        self.error_at(sp, format!("{} not supported by gosim", what));
    }

    // ---- budgets ------------------------------------------------------

    /// Enters one level of nesting; false (after reporting once) when the
    /// input is nested too deeply, in which case parsing stops.
    fn enter(&mut self) -> bool {
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            if !self.bail {
                let sp = self.span();
                self.fatal = true;
                self.error_at(
                    sp,
                    format!(
                        "nesting too deep (more than {} levels) for gosim",
                        MAX_DEPTH
                    ),
                );
                self.bail = true;
            }
            return false;
        }
        true
    }

    fn leave(&mut self) {
        self.depth -= 1;
    }

    /// A stand-in for an expression that could not be parsed.
    fn bad_expr(&self, sp: Span) -> ast::Expr {
        ast::Expr {
            kind: ast::ExprKind::Ident(ast::Ident {
                name: BAD_EXPR_NAME.to_string(),
                span: sp,
            }),
            span: sp,
        }
    }

    /// Go's `list`: `f` parses one element; elements are separated by
    /// `sep` and the list ends with `close`, whose span is returned.
    fn list(
        &mut self,
        context: &str,
        sep: TokenKind,
        close: TokenKind,
        mut f: impl FnMut(&mut Self) -> bool,
    ) -> Span {
        let mut done = false;
        while self.tok() != TokenKind::Eof && self.tok() != close && !done {
            let before = self.pos;
            done = f(self);
            if !self.got(sep) && self.tok() != close {
                self.syntax_error(&format!(
                    "in {}; possibly missing {} or {}",
                    context,
                    tokstring(sep),
                    tokstring(close)
                ));
                self.advance(&[TokenKind::RParen, TokenKind::RBrack, TokenKind::RBrace]);
                if self.tok() != close {
                    return self.span();
                }
            }
            if self.pos == before && self.tok() != close {
                self.advance(&[]);
            }
        }
        let sp = self.span();
        self.want(close);
        sp
    }

    fn name(&mut self) -> ast::Ident {
        let t = self.cur();
        if t.kind == TokenKind::Ident {
            self.next();
            return ast::Ident {
                name: self.text(t.span).to_string(),
                span: t.span,
            };
        }
        self.syntax_error("expected name");
        self.advance(&[]);
        ast::Ident {
            name: "_".to_string(),
            span: t.span,
        }
    }

    fn name_list(&mut self, first: ast::Ident) -> Vec<ast::Ident> {
        let mut names = vec![first];
        while self.got(TokenKind::Comma) {
            names.push(self.name());
        }
        names
    }
}

/// `((x))` to `x`.
fn expr_unparen(e: ast::Expr) -> ast::Expr {
    let mut e = e;
    while let ast::ExprKind::Paren(inner) = e.kind {
        e = *inner;
    }
    e
}

/// How Go names an expected token: `comma`, `semicolon or newline`, `)`.
fn tokstring(k: TokenKind) -> String {
    match k {
        TokenKind::Comma => "comma".to_string(),
        TokenKind::Semi => "semicolon or newline".to_string(),
        TokenKind::Eof => "EOF".to_string(),
        TokenKind::Ident => "name".to_string(),
        k if k.is_keyword() => format!("keyword {}", k.text().unwrap_or("")),
        k => k.text().unwrap_or("token").to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(src: &str) -> Vec<(TokenKind, SemiLit)> {
        let (toks, _) = lex(src);
        stream(src, &toks)
            .into_iter()
            .map(|t| (t.kind, t.semi))
            .collect()
    }

    #[test]
    fn semicolons_inserted_after_line_enders_only() {
        use TokenKind as T;
        let ks = kinds("x++ // c\ny(\n)\n");
        assert_eq!(
            ks,
            vec![
                (T::Ident, SemiLit::Explicit),
                (T::Inc, SemiLit::Explicit),
                (T::Semi, SemiLit::Newline),
                (T::Ident, SemiLit::Explicit),
                (T::LParen, SemiLit::Explicit),
                (T::RParen, SemiLit::Explicit),
                (T::Semi, SemiLit::Newline),
                (T::Eof, SemiLit::Eof),
            ]
        );
        assert_eq!(kinds("return")[1], (T::Semi, SemiLit::Eof));
        // A multi-line general comment acts like a newline.
        assert_eq!(kinds("a /*\n*/ b")[1], (T::Semi, SemiLit::Newline));
        assert_eq!(kinds("a /* */ b")[1], (T::Ident, SemiLit::Explicit));
    }
}
