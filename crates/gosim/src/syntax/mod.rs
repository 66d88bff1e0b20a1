//! Go source text to syntax tree: lexing, semicolon insertion and parsing.
//!
//! Owns everything up to (not including) name resolution and types. Never
//! panics on any input: errors come back as diagnostics with spans.

pub mod ast;
pub mod diag;
pub mod lexer;
pub mod literal;
pub mod parser;
pub mod span;

pub use lexer::{highlight, lex, HighlightClass, Token, TokenKind};
pub use parser::{parse, parse_phases, Parsed, BAD_EXPR_NAME};
