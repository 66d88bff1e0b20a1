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
    /// Follow-up lines, each at its own place, printed under the message as
    /// `\t./prog.go:7:6: B refers to A` (cycles).
    #[serde(default)]
    pub notes: Vec<(Span, String)>,
}

impl Diagnostic {
    pub fn new(span: Span, message: impl Into<String>) -> Diagnostic {
        Diagnostic {
            span,
            message: message.into(),
            notes: Vec::new(),
        }
    }

    /// `./prog.go:5:2: message`, as `go build` prints it.
    pub fn render(&self, file_name: &str, index: &LineIndex) -> String {
        let lc = index.line_col(self.span.lo);
        let mut out = format!("{}:{}:{}: {}", file_name, lc.line, lc.col, self.message);
        out.push_str(&self.render_notes(file_name, index));
        out
    }

    /// The follow-up lines, each starting with a newline and a tab.
    pub fn render_notes(&self, file_name: &str, index: &LineIndex) -> String {
        let mut out = String::new();
        for (span, note) in &self.notes {
            let lc = index.line_col(span.lo);
            out.push_str(&format!(
                "\n\t{}:{}:{}: {}",
                file_name, lc.line, lc.col, note
            ));
        }
        out
    }
}

/// A place in the user's file inside a message (`declared at
/// ./prog.go:13:11`): the checker knows offsets, not the file name, so it
/// writes this marker and `expand_pos_markers` spells it out.
pub fn pos_marker(lo: u32) -> String {
    format!("\u{1}{}\u{1}", lo)
}

/// Replaces each [`pos_marker`] in `msg` with `file:line:col`.
pub fn expand_pos_markers(msg: &str, file_name: &str, index: &LineIndex) -> String {
    let mut parts = msg.split('\u{1}');
    let mut out = String::from(parts.next().unwrap_or(""));
    while let Some(num) = parts.next() {
        match num.parse::<u32>() {
            Ok(lo) => {
                let lc = index.line_col(lo);
                out.push_str(&format!("{}:{}:{}", file_name, lc.line, lc.col));
            }
            Err(_) => out.push_str(num),
        }
        out.push_str(parts.next().unwrap_or(""));
    }
    out
}
