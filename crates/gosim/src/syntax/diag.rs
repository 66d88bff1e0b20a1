//! Compile-style diagnostics, reported the way `go build` reports them.
//!
//! Owns the error value every front-end stage returns; never aborts. It
//! lives in `syntax/` because the lexer and parser are its first producers;
//! the checker (`compile/`) reports through the same type. It depends on
//! nothing above `syntax::span`.

use crate::syntax::span::{LineIndex, Span};
use serde::{Deserialize, Serialize};

/// The words every message about a limitation of gosim carries (a
/// construct, package or library name it does not support): the program
/// may be valid Go.
pub const LIMITATION_MARK: &str = "not supported by gosim";

/// One error at a place in the source, e.g. `declared and not used: x`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Diagnostic {
    pub span: Span,
    pub message: String,
}

impl Diagnostic {
    pub fn new(span: Span, message: impl Into<String>) -> Diagnostic {
        Diagnostic {
            span,
            message: message.into(),
        }
    }

    /// `./prog.go:5:2: message`, as `go build` prints it.
    pub fn render(&self, file_name: &str, index: &LineIndex) -> String {
        let lc = index.line_col(self.span.lo);
        format!("{}:{}:{}: {}", file_name, lc.line, lc.col, self.message)
    }
}
