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
use crate::diag::Diagnostic;

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

/// Split `src` into tokens, comments included, without automatic
/// semicolons. Scanning errors come back as diagnostics; the bad text is
/// still covered by some token so highlighting stays contiguous.
pub fn lex(src: &str) -> (Vec<Token>, Vec<Diagnostic>) {
    let mut lx = Lexer {
        src,
        bytes: src.as_bytes(),
        pos: 0,
        toks: Vec::new(),
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
                if is_letter(c) {
                    self.ident(lo);
                } else {
                    self.pos += c.len_utf8();
                    if c == '\u{FEFF}' && lo == 0 {
                        return; // a leading byte order mark is ignored
                    }
                    let msg = format!("invalid character {}", format_char_u(c));
                    self.error(lo, self.pos, msg);
                    self.push(TokenKind::Invalid, lo);
                }
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
                if is_letter(c) || is_digit_char(c) {
                    self.pos += c.len_utf8();
                } else {
                    break;
                }
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

    /// Scans digits of `base` (and `_`), returning how many digits were
    /// seen and the first digit that is invalid for the base (as Go reports
    /// `invalid digit '8' in octal literal`).
    fn digits(&mut self, base: u32, invalid: &mut Option<(usize, u8)>) -> usize {
        let mut n = 0;
        while self.pos < self.bytes.len() {
            let b = self.bytes[self.pos];
            if b == b'_' {
                self.pos += 1;
                continue;
            }
            let ok = match base {
                16 => b.is_ascii_hexdigit(),
                _ => b.is_ascii_digit(),
            };
            if !ok {
                break;
            }
            if base <= 10 && (b - b'0') as u32 >= base && invalid.is_none() {
                *invalid = Some((self.pos, b));
            }
            n += 1;
            self.pos += 1;
        }
        n
    }

    fn number(&mut self, lo: usize) {
        let mut kind = TokenKind::Int;
        let mut base = 10u32;
        let mut prefix = ' ';
        let mut invalid: Option<(usize, u8)> = None;
        let mut ndigits = 0;
        if self.bytes[lo] != b'.' {
            if self.bytes[lo] == b'0' {
                self.pos += 1;
                match self.peek_byte(0).to_ascii_lowercase() {
                    b'x' => {
                        self.pos += 1;
                        base = 16;
                        prefix = 'x';
                    }
                    b'o' => {
                        self.pos += 1;
                        base = 8;
                        prefix = 'o';
                    }
                    b'b' => {
                        self.pos += 1;
                        base = 2;
                        prefix = 'b';
                    }
                    _ => {
                        base = 8;
                        prefix = '0';
                        ndigits = 1; // the leading 0
                    }
                }
            }
            // Legacy octal literals may hold 8 and 9 when they turn out to
            // be floats (`09.5`), so scan them as decimal.
            let scan_base = if prefix == '0' { 10 } else { base };
            ndigits += self.digits(scan_base, &mut invalid);
            if prefix == '0' && invalid.is_none() {
                // Find digits >= 8 for the error below.
                for i in lo..self.pos {
                    let b = self.bytes[i];
                    if b == b'8' || b == b'9' {
                        invalid = Some((i, b));
                        break;
                    }
                }
            }
        }
        if self.peek_byte(0) == b'.' && !(self.peek_byte(1) == b'.' && self.peek_byte(2) == b'.') {
            kind = TokenKind::Float;
            self.pos += 1;
            ndigits += self.digits(if base == 16 { 16 } else { 10 }, &mut None);
        }
        if ndigits == 0 && prefix != ' ' && prefix != '0' {
            let name = match prefix {
                'x' => "hexadecimal",
                'o' => "octal",
                _ => "binary",
            };
            self.error(lo, self.pos, format!("{} literal has no digits", name));
        }
        let e = self.peek_byte(0).to_ascii_lowercase();
        if e == b'e' || e == b'p' {
            if e == b'e' && base == 16 {
                // `0x1e` is an ordinary hex digit, already consumed; never here.
            } else {
                if e == b'e' && prefix != ' ' && prefix != '0' {
                    self.error(
                        self.pos,
                        self.pos + 1,
                        format!("'{}' exponent requires decimal mantissa", e as char),
                    );
                }
                if e == b'p' && base != 16 {
                    self.error(
                        self.pos,
                        self.pos + 1,
                        "'p' exponent requires hexadecimal mantissa",
                    );
                }
                kind = TokenKind::Float;
                self.pos += 1;
                if self.peek_byte(0) == b'+' || self.peek_byte(0) == b'-' {
                    self.pos += 1;
                }
                if self.digits(10, &mut None) == 0 {
                    self.error(lo, self.pos, "exponent has no digits");
                }
            }
        } else if kind == TokenKind::Float && base == 16 {
            self.error(lo, self.pos, "hexadecimal mantissa requires a 'p' exponent");
        }
        if self.peek_byte(0) == b'i' {
            kind = TokenKind::Imag;
            self.pos += 1;
        }
        if kind == TokenKind::Int {
            if let Some((at, d)) = invalid {
                let name = match base {
                    8 => "octal",
                    2 => "binary",
                    _ => "decimal",
                };
                self.error(
                    at,
                    at + 1,
                    format!("invalid digit '{}' in {} literal", d as char, name),
                );
            }
        }
        let text = &self.bytes[lo..self.pos];
        if let Some(i) = underscore_misuse(text) {
            self.error(lo + i, lo + i + 1, "'_' must separate successive digits");
        }
        self.push(kind, lo);
    }

    /// Scans one escape after a backslash at `self.pos - 1` inside a
    /// literal closed by `quote`; returns false if the literal ended.
    fn escape(&mut self, quote: u8) -> bool {
        let at = self.pos - 1;
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
                    return false;
                }
                if b == b'\n' {
                    self.error(at, self.pos, "unknown escape");
                    return false;
                }
                let c = self.char_at(self.pos);
                self.pos += c.len_utf8();
                self.error(at, self.pos, "unknown escape");
                return true;
            }
        };
        let mut x: u32 = 0;
        for _ in 0..n {
            let d = self.peek_byte(0);
            let v = (d as char).to_digit(base);
            match v {
                Some(v) => {
                    x = x * base + v;
                    self.pos += 1;
                }
                None => {
                    if self.pos >= self.bytes.len() || d == quote || d == b'\n' {
                        self.error(at, self.pos, "escape sequence not terminated");
                        return d == quote;
                    }
                    let c = self.char_at(self.pos);
                    let what = if base == 8 { "octal" } else { "hexadecimal" };
                    self.error(
                        self.pos,
                        self.pos + c.len_utf8(),
                        format!("invalid character {:?} in {} escape", c, what),
                    );
                    return true;
                }
            }
        }
        if x > max && base == 8 {
            self.error(at, self.pos, format!("octal escape value {} > 255", x));
        } else if x > max || (0xD800..0xE000).contains(&x) {
            self.error(at, self.pos, "escape is invalid Unicode code point");
        }
        true
    }

    fn string(&mut self, lo: usize) {
        self.pos += 1;
        loop {
            if self.pos >= self.bytes.len() {
                self.error(lo, self.pos, "string literal not terminated");
                break;
            }
            match self.bytes[self.pos] {
                b'"' => {
                    self.pos += 1;
                    break;
                }
                b'\n' => {
                    self.error(lo, self.pos, "newline in string");
                    break;
                }
                b'\\' => {
                    self.pos += 1;
                    if !self.escape(b'"') {
                        continue;
                    }
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
                self.error(lo, lo + 1, "raw string literal not terminated");
            }
        }
        self.push(TokenKind::RawStr, lo);
    }

    fn rune(&mut self, lo: usize) {
        self.pos += 1;
        let mut n = 0;
        loop {
            if self.pos >= self.bytes.len() {
                self.error(lo, self.pos, "rune literal not terminated");
                break;
            }
            match self.bytes[self.pos] {
                b'\'' => {
                    self.pos += 1;
                    if n == 0 {
                        self.error(
                            lo,
                            self.pos,
                            "empty rune literal or unescaped ' in rune literal",
                        );
                    } else if n > 1 {
                        self.error(lo, self.pos, "more than one character in rune literal");
                    }
                    break;
                }
                b'\n' => {
                    self.error(lo, self.pos, "newline in rune literal");
                    break;
                }
                b'\\' => {
                    self.pos += 1;
                    n += 1;
                    if !self.escape(b'\'') {
                        continue;
                    }
                }
                _ => {
                    n += 1;
                    self.pos += self.char_at(self.pos).len_utf8().max(1);
                }
            }
        }
        self.push(TokenKind::Rune, lo);
    }
}

fn op_or_assign(op: BinaryOp, next: u8) -> (TokenKind, usize) {
    if next == b'=' {
        (TokenKind::OpAssign(op), 2)
    } else {
        (TokenKind::Op(op), 1)
    }
}

/// The offset of a `_` that does not separate two digits (Go allows one
/// right after a base prefix too), if any.
fn underscore_misuse(text: &[u8]) -> Option<usize> {
    for (i, &b) in text.iter().enumerate() {
        if b != b'_' {
            continue;
        }
        let after_prefix =
            i == 2 && text[0] == b'0' && matches!(text[1] | 0x20, b'x' | b'o' | b'b');
        let prev_ok = i > 0 && (text[i - 1].is_ascii_hexdigit() || after_prefix);
        let next_ok = text.get(i + 1).is_some_and(|n| n.is_ascii_hexdigit());
        if !(prev_ok && next_ok) {
            return Some(i);
        }
    }
    None
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
        assert_eq!(lex("`x").1[0].message, "raw string literal not terminated");
        assert_eq!(
            lex("'ab'").1[0].message,
            "more than one character in rune literal"
        );
        assert_eq!(lex("\"\\q\"").1[0].message, "unknown escape");
        assert!(lex("'\\x41' '\\u00e9' '\\377' '\\'' \"\\\"\"").1.is_empty());
    }

    #[test]
    fn predeclared_list_is_sorted() {
        let mut sorted = PREDECLARED.to_vec();
        sorted.sort_unstable();
        assert_eq!(sorted, PREDECLARED);
    }
}
