//! Go source text to tokens, the way `go/scanner` splits it.
//!
//! Owns token boundaries and token classes (for syntax highlighting) and the
//! scanning errors Go's scanner reports (`newline in string`, `invalid
//! character U+0040 '@'`, unterminated comments and literals). It does not
//! insert automatic semicolons (the parser's token stream does, so
//! highlighting never sees fake tokens) and it does not decode literal values
//! (see `literal`). It never panics and always makes progress: every loop
//! iteration consumes at least one byte.

use super::ast::BinaryOp;
use super::span::Span;
use crate::syntax::diag::Diagnostic;

/// One token: what it is and where it was written.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Token {
    pub kind: TokenKind,
    pub span: Span,
}

/// Token kinds. Literal and identifier texts are not stored: slice the
/// source with the token's span.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TokenKind {
    Ident,
    /// Integer literal in any base.
    Int,
    Float,
    /// Imaginary literal (`1i`); refused by the parser.
    Imag,
    Rune,
    /// Interpreted string literal `"..."`.
    Str,
    /// Raw string literal `` `...` ``.
    RawStr,
    /// `// ...` (without the newline) or `/* ... */`.
    Comment,

    // Keywords.
    Break,
    Case,
    Chan,
    Const,
    Continue,
    Default,
    Defer,
    Else,
    Fallthrough,
    For,
    Func,
    Go,
    Goto,
    If,
    Import,
    Interface,
    Map,
    Package,
    Range,
    Return,
    Select,
    Struct,
    Switch,
    Type,
    Var,

    /// A binary operator: `+ - * / % & | ^ << >> &^ && || == != < <= > >=`.
    /// `* & + - ^` are also unary operators; the parser decides.
    Op(BinaryOp),
    /// `+=`, `&^=`, ... carrying the arithmetic operator.
    OpAssign(BinaryOp),
    /// `<-`
    Arrow,
    /// `++`
    Inc,
    /// `--`
    Dec,
    /// `=`
    Assign,
    /// `:=`
    Define,
    /// `!`
    Not,
    /// `~` (only in generic constraints; refused by the parser)
    Tilde,
    /// `...`
    Ellipsis,
    LParen,
    RParen,
    LBrack,
    RBrack,
    LBrace,
    RBrace,
    Comma,
    /// An explicit `;` (automatic ones exist only in the parser's stream).
    Semi,
    Period,
    Colon,
    /// A character Go does not allow here; already reported.
    Invalid,
    /// End of input; only in the parser's stream, never from [`lex`].
    Eof,
}

/// What a token looks like in an editor.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum HighlightClass {
    Keyword,
    Ident,
    /// A predeclared identifier: `int`, `true`, `nil`, `len`, `make`, ...
    /// (`class` cannot know about shadowing; it goes by the name).
    Builtin,
    Number,
    String,
    Rune,
    Comment,
    Operator,
    Punct,
    Invalid,
}

/// Go's predeclared identifiers (universe scope).
const PREDECLARED: &[&str] = &[
    "any",
    "append",
    "bool",
    "byte",
    "cap",
    "clear",
    "close",
    "comparable",
    "complex",
    "complex128",
    "complex64",
    "copy",
    "delete",
    "error",
    "false",
    "float32",
    "float64",
    "imag",
    "int",
    "int16",
    "int32",
    "int64",
    "int8",
    "iota",
    "len",
    "make",
    "max",
    "min",
    "new",
    "nil",
    "panic",
    "print",
    "println",
    "real",
    "recover",
    "rune",
    "string",
    "true",
    "uint",
    "uint16",
    "uint32",
    "uint64",
    "uint8",
    "uintptr",
];

/// True for Go's predeclared identifiers (`int`, `nil`, `len`, ...).
pub fn is_predeclared(name: &str) -> bool {
    PREDECLARED.binary_search(&name).is_ok()
}

impl TokenKind {
    /// The highlighting class of a token kind. Identifiers are classed as
    /// `Ident`; use [`Token::class`] to tell predeclared names apart.
    pub fn class(&self) -> HighlightClass {
        use TokenKind::*;
        match self {
            Ident => HighlightClass::Ident,
            Int | Float | Imag => HighlightClass::Number,
            Rune => HighlightClass::Rune,
            Str | RawStr => HighlightClass::String,
            Comment => HighlightClass::Comment,
            Break | Case | Chan | Const | Continue | Default | Defer | Else | Fallthrough | For
            | Func | Go | Goto | If | Import | Interface | Map | Package | Range | Return
            | Select | Struct | Switch | Type | Var => HighlightClass::Keyword,
            Op(_) | OpAssign(_) | Arrow | Inc | Dec | Assign | Define | Not | Tilde => {
                HighlightClass::Operator
            }
            Ellipsis | LParen | RParen | LBrack | RBrack | LBrace | RBrace | Comma | Semi
            | Period | Colon | Eof => HighlightClass::Punct,
            Invalid => HighlightClass::Invalid,
        }
    }

    /// Whether a newline after this token ends the statement (Go's
    /// automatic semicolon rule).
    pub fn ends_statement(&self) -> bool {
        use TokenKind::*;
        matches!(
            self,
            Ident
                | Int
                | Float
                | Imag
                | Rune
                | Str
                | RawStr
                | Break
                | Continue
                | Fallthrough
                | Return
                | Inc
                | Dec
                | RParen
                | RBrack
                | RBrace
        )
    }

    /// The keyword spelled `word`, if it is one.
    pub fn keyword(word: &str) -> Option<TokenKind> {
        use TokenKind::*;
        // Keywords are 2 to 11 lowercase letters; most names are not.
        if !(2..=11).contains(&word.len()) || !word.as_bytes()[0].is_ascii_lowercase() {
            return None;
        }
        Some(match word {
            "break" => Break,
            "case" => Case,
            "chan" => Chan,
            "const" => Const,
            "continue" => Continue,
            "default" => Default,
            "defer" => Defer,
            "else" => Else,
            "fallthrough" => Fallthrough,
            "for" => For,
            "func" => Func,
            "go" => Go,
            "goto" => Goto,
            "if" => If,
            "import" => Import,
            "interface" => Interface,
            "map" => Map,
            "package" => Package,
            "range" => Range,
            "return" => Return,
            "select" => Select,
            "struct" => Struct,
            "switch" => Switch,
            "type" => Type,
            "var" => Var,
            _ => return None,
        })
    }

    /// Fixed spelling of keywords, operators and punctuation; `None` for
    /// kinds whose text varies (names, literals, comments).
    pub fn text(&self) -> Option<&'static str> {
        use TokenKind::*;
        Some(match self {
            Ident | Int | Float | Imag | Rune | Str | RawStr | Comment | Invalid | Eof => {
                return None
            }
            Break => "break",
            Case => "case",
            Chan => "chan",
            Const => "const",
            Continue => "continue",
            Default => "default",
            Defer => "defer",
            Else => "else",
            Fallthrough => "fallthrough",
            For => "for",
            Func => "func",
            Go => "go",
            Goto => "goto",
            If => "if",
            Import => "import",
            Interface => "interface",
            Map => "map",
            Package => "package",
            Range => "range",
            Return => "return",
            Select => "select",
            Struct => "struct",
            Switch => "switch",
            Type => "type",
            Var => "var",
            Op(op) => op.as_str(),
            OpAssign(op) => match op {
                BinaryOp::Add => "+=",
                BinaryOp::Sub => "-=",
                BinaryOp::Mul => "*=",
                BinaryOp::Div => "/=",
                BinaryOp::Rem => "%=",
                BinaryOp::And => "&=",
                BinaryOp::Or => "|=",
                BinaryOp::Xor => "^=",
                BinaryOp::Shl => "<<=",
                BinaryOp::Shr => ">>=",
                BinaryOp::AndNot => "&^=",
                _ => "?=",
            },
            Arrow => "<-",
            Inc => "++",
            Dec => "--",
            Assign => "=",
            Define => ":=",
            Not => "!",
            Tilde => "~",
            Ellipsis => "...",
            LParen => "(",
            RParen => ")",
            LBrack => "[",
            RBrack => "]",
            LBrace => "{",
            RBrace => "}",
            Comma => ",",
            Semi => ";",
            Period => ".",
            Colon => ":",
        })
    }

    pub fn is_keyword(&self) -> bool {
        self.class() == HighlightClass::Keyword
    }
}

impl Token {
    /// Like [`TokenKind::class`], but identifiers naming predeclared
    /// things (`int`, `nil`, `len`) are `Builtin`. `src` is the text the
    /// token was lexed from.
    pub fn class(&self, src: &str) -> HighlightClass {
        if self.kind == TokenKind::Ident {
            let text = src
                .get(self.span.lo as usize..self.span.hi as usize)
                .unwrap_or("");
            if is_predeclared(text) {
                return HighlightClass::Builtin;
            }
        }
        self.kind.class()
    }
}

/// Highlighting spans for an editor: every token (comments included,
/// automatic semicolons never) with its class; predeclared names such as
/// `int`, `len` and `nil` are `Builtin`. Gaps between spans are white space.
pub fn highlight(src: &str) -> Vec<(Span, HighlightClass)> {
    lex(src).0.iter().map(|t| (t.span, t.class(src))).collect()
}

/// Split `src` into tokens, comments included, without automatic
/// semicolons. Scanning errors come back as diagnostics; the bad text is
/// still covered by some token so highlighting stays contiguous.
pub fn lex(src: &str) -> (Vec<Token>, Vec<Diagnostic>) {
    let mut lx = Lexer {
        src,
        bytes: src.as_bytes(),
        pos: 0,
        // Go source averages a token per 4-5 bytes; avoid regrowing.
        toks: Vec::with_capacity(src.len().min(MAX_SOURCE_BYTES) / 4 + 16),
        diags: Vec::new(),
    };
    lx.run();
    (lx.toks, lx.diags)
}

struct Lexer<'a> {
    src: &'a str,
    bytes: &'a [u8],
    pos: usize,
    toks: Vec<Token>,
    diags: Vec<Diagnostic>,
}

/// Sources longer than this are refused (spans are u32; anything near it
/// is not a teaching program).
pub const MAX_SOURCE_BYTES: usize = 1 << 24;

fn span(lo: usize, hi: usize) -> Span {
    Span::new(lo as u32, hi as u32)
}

/// Go's `%#U` rendering of a character: `U+0040 '@'`.
pub fn format_char_u(c: char) -> String {
    if c.is_control() || c == '\u{FEFF}' {
        format!("U+{:04X}", c as u32)
    } else {
        format!("U+{:04X} '{}'", c as u32, c)
    }
}

fn is_letter(c: char) -> bool {
    c == '_' || c.is_alphabetic()
}

fn is_digit_char(c: char) -> bool {
    c.is_numeric()
}

impl<'a> Lexer<'a> {
    fn error(&mut self, lo: usize, hi: usize, msg: impl Into<String>) {
        self.diags.push(Diagnostic::new(span(lo, hi), msg));
    }

    fn push(&mut self, kind: TokenKind, lo: usize) {
        self.toks.push(Token {
            kind,
            span: span(lo, self.pos),
        });
    }

    fn peek_byte(&self, off: usize) -> u8 {
        self.bytes.get(self.pos + off).copied().unwrap_or(0)
    }

    /// The character at byte offset `at`, or NUL past the end.
    fn char_at(&self, at: usize) -> char {
        self.src
            .get(at..)
            .and_then(|s| s.chars().next())
            .unwrap_or('\0')
    }

    fn run(&mut self) {
        if self.bytes.len() > MAX_SOURCE_BYTES {
            self.error(0, 0, "source file too large for gosim");
            return;
        }
        while self.pos < self.bytes.len() {
            let before = self.pos;
            self.next_token();
            if self.pos == before {
                // Defensive: never loop without consuming input.
                self.pos += self.char_at(self.pos).len_utf8().max(1);
            }
        }
    }

    fn next_token(&mut self) {
        let lo = self.pos;
        let b = self.bytes[lo];
        match b {
            b' ' | b'\t' | b'\r' | b'\n' => {
                self.pos += 1;
            }
            b'a'..=b'z' | b'A'..=b'Z' | b'_' => self.ident(lo),
            b'0'..=b'9' => self.number(lo),
            b'.' if self.peek_byte(1).is_ascii_digit() => self.number(lo),
            b'"' => self.string(lo),
            b'`' => self.raw_string(lo),
            b'\'' => self.rune(lo),
            b'/' if self.peek_byte(1) == b'/' => {
                while self.pos < self.bytes.len() && self.bytes[self.pos] != b'\n' {
                    self.pos += 1;
                }
                self.push(TokenKind::Comment, lo);
            }
            b'/' if self.peek_byte(1) == b'*' => {
                match self.src[lo + 2..].find("*/") {
                    Some(i) => self.pos = lo + 2 + i + 2,
                    None => {
                        self.pos = self.bytes.len();
                        self.error(lo, lo + 2, "comment not terminated");
                    }
                }
                self.push(TokenKind::Comment, lo);
            }
            0x80..=0xff => {
                let c = self.char_at(lo);
                if c == '\u{FEFF}' {
                    self.pos += c.len_utf8();
                    if lo != 0 {
                        // Only a leading byte order mark is ignored.
                        self.error(lo, self.pos, "invalid BOM in the middle of the file");
                        self.push(TokenKind::Invalid, lo);
                    }
                    return;
                }
                // Like Go's scanner, any other non-ASCII character starts
                // an identifier, reported if it is not a letter.
                self.ident(lo);
            }
            _ => self.operator(lo, b),
        }
    }

    fn ident(&mut self, lo: usize) {
        while self.pos < self.bytes.len() {
            let b = self.bytes[self.pos];
            if b.is_ascii_alphanumeric() || b == b'_' {
                self.pos += 1;
            } else if b >= 0x80 {
                let c = self.char_at(self.pos);
                if c == '\u{FEFF}' {
                    break;
                }
                if !is_letter(c) {
                    let msg = if self.pos == lo && is_digit_char(c) {
                        format!("identifier cannot begin with digit {}", format_char_u(c))
                    } else if is_digit_char(c) {
                        String::new()
                    } else {
                        format!("invalid character {} in identifier", format_char_u(c))
                    };
                    if !msg.is_empty() {
                        self.error(self.pos, self.pos + c.len_utf8(), msg);
                    }
                }
                self.pos += c.len_utf8();
            } else {
                break;
            }
        }
        let word = &self.src[lo..self.pos];
        let kind = TokenKind::keyword(word).unwrap_or(TokenKind::Ident);
        self.push(kind, lo);
    }

    fn operator(&mut self, lo: usize, b: u8) {
        use BinaryOp as B;
        use TokenKind as T;
        let b1 = self.peek_byte(1);
        let b2 = self.peek_byte(2);
        // (kind, length)
        let (kind, len) = match b {
            b'(' => (T::LParen, 1),
            b')' => (T::RParen, 1),
            b'[' => (T::LBrack, 1),
            b']' => (T::RBrack, 1),
            b'{' => (T::LBrace, 1),
            b'}' => (T::RBrace, 1),
            b',' => (T::Comma, 1),
            b';' => (T::Semi, 1),
            b'~' => (T::Tilde, 1),
            b'.' => {
                if b1 == b'.' && b2 == b'.' {
                    (T::Ellipsis, 3)
                } else {
                    (T::Period, 1)
                }
            }
            b':' => {
                if b1 == b'=' {
                    (T::Define, 2)
                } else {
                    (T::Colon, 1)
                }
            }
            b'+' => match b1 {
                b'+' => (T::Inc, 2),
                b'=' => (T::OpAssign(B::Add), 2),
                _ => (T::Op(B::Add), 1),
            },
            b'-' => match b1 {
                b'-' => (T::Dec, 2),
                b'=' => (T::OpAssign(B::Sub), 2),
                _ => (T::Op(B::Sub), 1),
            },
            b'*' => op_or_assign(B::Mul, b1),
            b'/' => op_or_assign(B::Div, b1),
            b'%' => op_or_assign(B::Rem, b1),
            b'^' => op_or_assign(B::Xor, b1),
            b'&' => match (b1, b2) {
                (b'&', _) => (T::Op(B::LogAnd), 2),
                (b'^', b'=') => (T::OpAssign(B::AndNot), 3),
                (b'^', _) => (T::Op(B::AndNot), 2),
                (b'=', _) => (T::OpAssign(B::And), 2),
                _ => (T::Op(B::And), 1),
            },
            b'|' => match b1 {
                b'|' => (T::Op(B::LogOr), 2),
                b'=' => (T::OpAssign(B::Or), 2),
                _ => (T::Op(B::Or), 1),
            },
            b'<' => match (b1, b2) {
                (b'-', _) => (T::Arrow, 2),
                (b'<', b'=') => (T::OpAssign(B::Shl), 3),
                (b'<', _) => (T::Op(B::Shl), 2),
                (b'=', _) => (T::Op(B::Le), 2),
                _ => (T::Op(B::Lt), 1),
            },
            b'>' => match (b1, b2) {
                (b'>', b'=') => (T::OpAssign(B::Shr), 3),
                (b'>', _) => (T::Op(B::Shr), 2),
                (b'=', _) => (T::Op(B::Ge), 2),
                _ => (T::Op(B::Gt), 1),
            },
            b'=' => {
                if b1 == b'=' {
                    (T::Op(B::Eq), 2)
                } else {
                    (T::Assign, 1)
                }
            }
            b'!' => {
                if b1 == b'=' {
                    (T::Op(B::Ne), 2)
                } else {
                    (T::Not, 1)
                }
            }
            _ => {
                self.pos += 1;
                let msg = if b == 0 {
                    "invalid NUL character".to_string()
                } else {
                    format!("invalid character {}", format_char_u(b as char))
                };
                self.error(lo, self.pos, msg);
                self.push(T::Invalid, lo);
                return;
            }
        };
        self.pos += len;
        self.push(kind, lo);
    }

    /// Scans digits of `base` and `_` separators, as Go's scanner does:
    /// bases up to 10 accept any decimal digit but record the first one
    /// too large for the base (`invalid digit '8' in octal literal`).
    /// Returns bit 0 set if a digit was seen, bit 1 if a `_` was.
    fn digits(&mut self, base: u32, invalid: &mut Option<usize>) -> u8 {
        let mut digsep = 0;
        while self.pos < self.bytes.len() {
            let b = self.bytes[self.pos];
            let is_digit = if base <= 10 {
                b.is_ascii_digit()
            } else {
                b.is_ascii_hexdigit()
            };
            if b == b'_' {
                digsep |= 2;
            } else if is_digit {
                digsep |= 1;
                if base <= 10 && (b - b'0') as u32 >= base && invalid.is_none() {
                    *invalid = Some(self.pos);
                }
            } else {
                break;
            }
            self.pos += 1;
        }
        digsep
    }

    /// Mirrors `number` in Go's scanner (cmd/compile/internal/syntax):
    /// at most one error per literal, at the same position Go reports it.
    fn number(&mut self, lo: usize) {
        let mut ok = true;
        let mut kind = TokenKind::Int;
        let mut base = 10u32;
        let mut prefix = 0u8; // 0 (decimal), b'0' (legacy octal), b'x', b'o', b'b'
        let mut digsep = 0u8;
        let mut invalid: Option<usize> = None;
        let mut seen_point = self.bytes[lo] == b'.';
        if seen_point {
            self.pos += 1;
        } else {
            if self.peek_byte(0) == b'0' {
                self.pos += 1;
                match self.peek_byte(0).to_ascii_lowercase() {
                    b'x' => (base, prefix) = (16, b'x'),
                    b'o' => (base, prefix) = (8, b'o'),
                    b'b' => (base, prefix) = (2, b'b'),
                    _ => {
                        (base, prefix) = (8, b'0');
                        digsep = 1; // the leading 0
                    }
                }
                if prefix != b'0' {
                    self.pos += 1;
                }
            }
            digsep |= self.digits(base, &mut invalid);
            if self.peek_byte(0) == b'.' {
                if prefix == b'o' || prefix == b'b' {
                    self.error_here(format!(
                        "invalid radix point in {} literal",
                        base_name(base)
                    ));
                    ok = false;
                }
                self.pos += 1;
                seen_point = true;
            }
        }
        if seen_point {
            kind = TokenKind::Float;
            digsep |= self.digits(base, &mut invalid);
        }
        if digsep & 1 == 0 && ok {
            self.error_here(format!("{} literal has no digits", base_name(base)));
            ok = false;
        }
        let e = self.peek_byte(0);
        let lower = e.to_ascii_lowercase();
        if lower == b'e' || lower == b'p' {
            if ok {
                if lower == b'e' && prefix != 0 && prefix != b'0' {
                    self.error_here(format!(
                        "'{}' exponent requires decimal mantissa",
                        e as char
                    ));
                    ok = false;
                } else if lower == b'p' && prefix != b'x' {
                    self.error_here(format!(
                        "'{}' exponent requires hexadecimal mantissa",
                        e as char
                    ));
                    ok = false;
                }
            }
            self.pos += 1;
            kind = TokenKind::Float;
            if matches!(self.peek_byte(0), b'+' | b'-') {
                self.pos += 1;
            }
            digsep = self.digits(10, &mut None) | (digsep & 2);
            if digsep & 1 == 0 && ok {
                self.error_here("exponent has no digits");
                ok = false;
            }
        } else if prefix == b'x' && kind == TokenKind::Float && ok {
            self.error_here("hexadecimal mantissa requires a 'p' exponent");
            ok = false;
        }
        if self.peek_byte(0) == b'i' {
            kind = TokenKind::Imag;
            self.pos += 1;
        }
        if kind == TokenKind::Int && ok {
            if let Some(at) = invalid {
                let d = self.bytes[at] as char;
                self.error(
                    at,
                    at + 1,
                    format!("invalid digit '{}' in {} literal", d, base_name(base)),
                );
                ok = false;
            }
        }
        if digsep & 2 != 0 && ok {
            if let Some(i) = invalid_separator(&self.bytes[lo..self.pos]) {
                self.error(lo + i, lo + i + 1, "'_' must separate successive digits");
            }
        }
        self.push(kind, lo);
    }

    /// An error at the current scanning position (Go's `errorf`).
    fn error_here(&mut self, msg: impl Into<String>) {
        let at = self.pos;
        let end = (at + self.char_at(at).len_utf8())
            .min(self.bytes.len())
            .max(at);
        self.error(at, end, msg);
    }

    /// Scans one escape after a backslash, mirroring Go's scanner: an
    /// invalid character is reported but not consumed. Returns false if the
    /// escape was invalid.
    fn escape(&mut self, quote: u8) -> bool {
        let b = self.peek_byte(0);
        let (n, base, max): (usize, u32, u32) = match b {
            b'a' | b'b' | b'f' | b'n' | b'r' | b't' | b'v' | b'\\' => {
                self.pos += 1;
                return true;
            }
            _ if b == quote => {
                self.pos += 1;
                return true;
            }
            b'0'..=b'7' => (3, 8, 255),
            b'x' => {
                self.pos += 1;
                (2, 16, 255)
            }
            b'u' => {
                self.pos += 1;
                (4, 16, 0x10FFFF)
            }
            b'U' => {
                self.pos += 1;
                (8, 16, 0x10FFFF)
            }
            _ => {
                if self.pos >= self.bytes.len() {
                    return true; // the caller reports the missing end
                }
                self.error_here("unknown escape");
                return false;
            }
        };
        let mut x: u32 = 0;
        for _ in 0..n {
            if self.pos >= self.bytes.len() {
                return true;
            }
            let c = self.char_at(self.pos);
            match c.to_digit(16).filter(|&d| d < base) {
                Some(d) => {
                    x = x.wrapping_mul(base).wrapping_add(d);
                    self.pos += 1;
                }
                None => {
                    let what = base_name(base);
                    self.error_here(format!(
                        "invalid character {} in {} escape",
                        quote_char(c),
                        what
                    ));
                    return false;
                }
            }
        }
        if x > max && base == 8 {
            self.error_here(format!("octal escape value {} > 255", x));
            return false;
        }
        if x > max || (0xD800..0xE000).contains(&x) {
            self.error_here(format!("escape is invalid Unicode code point U+{:04X}", x));
            return false;
        }
        true
    }

    fn string(&mut self, lo: usize) {
        self.pos += 1;
        loop {
            if self.pos >= self.bytes.len() {
                self.error(lo, lo + 1, "string not terminated");
                break;
            }
            match self.bytes[self.pos] {
                b'"' => {
                    self.pos += 1;
                    break;
                }
                b'\n' => {
                    self.error_here("newline in string");
                    break;
                }
                b'\\' => {
                    self.pos += 1;
                    self.escape(b'"');
                }
                _ => self.pos += 1,
            }
        }
        self.push(TokenKind::Str, lo);
    }

    fn raw_string(&mut self, lo: usize) {
        match self.src[lo + 1..].find('`') {
            Some(i) => self.pos = lo + 1 + i + 1,
            None => {
                self.pos = self.bytes.len();
                self.error(lo, lo + 1, "string not terminated");
            }
        }
        self.push(TokenKind::RawStr, lo);
    }

    fn rune(&mut self, lo: usize) {
        self.pos += 1;
        let mut ok = true;
        let mut n = 0;
        loop {
            if self.pos >= self.bytes.len() {
                if ok {
                    self.error(lo, lo + 1, "rune literal not terminated");
                }
                break;
            }
            match self.bytes[self.pos] {
                b'\'' => {
                    if ok && n == 0 {
                        self.error_here("empty rune literal or unescaped '");
                    } else if ok && n != 1 {
                        self.error(lo, lo + 1, "more than one character in rune literal");
                    }
                    self.pos += 1;
                    break;
                }
                b'\n' => {
                    if ok {
                        self.error_here("newline in rune literal");
                    }
                    break;
                }
                b'\\' => {
                    self.pos += 1;
                    if !self.escape(b'\'') {
                        ok = false;
                    }
                }
                _ => self.pos += self.char_at(self.pos).len_utf8().max(1),
            }
            n += 1;
        }
        self.push(TokenKind::Rune, lo);
    }
}

fn base_name(base: u32) -> &'static str {
    match base {
        2 => "binary",
        8 => "octal",
        10 => "decimal",
        _ => "hexadecimal",
    }
}

/// Go's `%q` for a rune: `'g'`, `'\n'`, `'\x00'`.
fn quote_char(c: char) -> String {
    match c {
        '\n' => "'\\n'".to_string(),
        '\t' => "'\\t'".to_string(),
        '\r' => "'\\r'".to_string(),
        '\'' => "'\\''".to_string(),
        '\\' => "'\\\\'".to_string(),
        c if (c as u32) < 0x20 || c as u32 == 0x7f => format!("'\\x{:02x}'", c as u32),
        c => format!("'{}'", c),
    }
}

/// Mirrors `invalidSep` in Go's scanner: the index of the first `_` that
/// does not separate two digits (a base prefix counts as a digit).
fn invalid_separator(x: &[u8]) -> Option<usize> {
    let mut x1 = b' ';
    // d is b'_', b'0' (a digit) or b'.' (anything else)
    let mut d = b'.';
    let mut i = 0;
    if x.len() >= 2 && x[0] == b'0' {
        x1 = x[1].to_ascii_lowercase();
        if matches!(x1, b'x' | b'o' | b'b') {
            d = b'0';
            i = 2;
        }
    }
    while i < x.len() {
        let p = d;
        d = x[i];
        if d == b'_' {
            if p != b'0' {
                return Some(i);
            }
        } else if d.is_ascii_digit() || (x1 == b'x' && d.is_ascii_hexdigit()) {
            d = b'0';
        } else {
            if p == b'_' {
                return Some(i - 1);
            }
            d = b'.';
        }
        i += 1;
    }
    if d == b'_' {
        return Some(x.len() - 1);
    }
    None
}

fn op_or_assign(op: BinaryOp, next: u8) -> (TokenKind, usize) {
    if next == b'=' {
        (TokenKind::OpAssign(op), 2)
    } else {
        (TokenKind::Op(op), 1)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(src: &str) -> Vec<TokenKind> {
        lex(src).0.into_iter().map(|t| t.kind).collect()
    }

    #[test]
    fn operators_split_like_go() {
        use BinaryOp as B;
        use TokenKind as T;
        assert_eq!(
            kinds("a &^= b &^ c <- d <<= 1 ... := ++"),
            vec![
                T::Ident,
                T::OpAssign(B::AndNot),
                T::Ident,
                T::Op(B::AndNot),
                T::Ident,
                T::Arrow,
                T::Ident,
                T::OpAssign(B::Shl),
                T::Int,
                T::Ellipsis,
                T::Define,
                T::Inc
            ]
        );
    }

    #[test]
    fn numbers() {
        use TokenKind as T;
        assert_eq!(kinds("1_000 0x1F 0o7 0b1 017 1e9 .5 1.5e-3 0x1p-2 2i"), {
            vec![
                T::Int,
                T::Int,
                T::Int,
                T::Int,
                T::Int,
                T::Float,
                T::Float,
                T::Float,
                T::Float,
                T::Imag,
            ]
        });
        assert!(lex("1_000 0x_1F").1.is_empty());
        assert_eq!(
            lex("1__0").1[0].message,
            "'_' must separate successive digits"
        );
        assert_eq!(lex("0x").1[0].message, "hexadecimal literal has no digits");
        assert_eq!(
            lex("0128").1[0].message,
            "invalid digit '8' in octal literal"
        );
        assert!(lex("09.5").1.is_empty());
    }

    #[test]
    fn comments_are_tokens_and_classed() {
        let src = "x := len(s) // hi\n/* a\nb */";
        let (toks, diags) = lex(src);
        assert!(diags.is_empty());
        let classes: Vec<_> = toks.iter().map(|t| t.class(src)).collect();
        assert_eq!(
            classes,
            vec![
                HighlightClass::Ident,
                HighlightClass::Operator,
                HighlightClass::Builtin,
                HighlightClass::Punct,
                HighlightClass::Ident,
                HighlightClass::Punct,
                HighlightClass::Comment,
                HighlightClass::Comment
            ]
        );
    }

    #[test]
    fn scanning_errors() {
        assert_eq!(lex("\"abc\nx").1[0].message, "newline in string");
        assert_eq!(lex("a @ b").1[0].message, "invalid character U+0040 '@'");
        assert_eq!(lex("/* x").1[0].message, "comment not terminated");
        assert_eq!(lex("`x").1[0].message, "string not terminated");
        assert_eq!(
            lex("'ab'").1[0].message,
            "more than one character in rune literal"
        );
        assert_eq!(lex("\"\\q\"").1[0].message, "unknown escape");
        assert!(lex("'\\x41' '\\u00e9' '\\377' '\\'' \"\\\"\"").1.is_empty());
    }

    #[test]
    fn highlight_spans_cover_tokens_without_semicolons() {
        let src = "if x {\n\treturn nil // done\n}\n";
        let got: Vec<(&str, HighlightClass)> = highlight(src)
            .into_iter()
            .map(|(sp, c)| (&src[sp.lo as usize..sp.hi as usize], c))
            .collect();
        assert_eq!(
            got,
            vec![
                ("if", HighlightClass::Keyword),
                ("x", HighlightClass::Ident),
                ("{", HighlightClass::Punct),
                ("return", HighlightClass::Keyword),
                ("nil", HighlightClass::Builtin),
                ("// done", HighlightClass::Comment),
                ("}", HighlightClass::Punct),
            ]
        );
    }

    #[test]
    fn predeclared_list_is_sorted() {
        let mut sorted = PREDECLARED.to_vec();
        crate::util::order::sort(&mut sorted);
        assert_eq!(sorted, PREDECLARED);
    }
}
