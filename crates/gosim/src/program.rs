//! From source text to a runnable program: parse, pull in the library
//! packages it imports, check and compile; or the compile errors, located,
//! as `go build` lists them.
//!
//! Owns the one entry that every host (the CLI, `run`, sessions, explore)
//! compiles through, and the structured error list the UI draws from. It
//! must not format errors for a particular host beyond `go build`'s text.

use crate::config::RunConfig;
use crate::syntax::diag::Diagnostic;
use crate::syntax::span::LineIndex;
use crate::vm::op::Program;
use std::rc::Rc;

/// One compile error, located as `go build` prints it: `./prog.go:3:2: msg`.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct CompileError {
    /// 1-based line and column; `None` for an error with no place in the
    /// user's file (a broken library package).
    pub at: Option<(u32, u32)>,
    /// Go's words for the error.
    pub message: String,
    /// The program may well be valid Go: the error is a limitation of the
    /// simulator (a construct, package or library name gosim does not
    /// support yet), not a mistake in the program. The message names what.
    pub limitation: bool,
}

/// Why a program did not compile: the errors `go build` would list, in its
/// order and with its cut-off (ten errors, then "too many errors" at the
/// tenth's place).
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct CompileErrors {
    /// The name errors are reported under (`./prog.go`).
    pub file_name: String,
    /// The errors, as `go build` lists them.
    pub errors: Vec<CompileError>,
}

impl CompileErrors {
    fn listing(diags: &[Diagnostic], file_name: &str, index: &LineIndex) -> CompileErrors {
        let mut errors = Vec::new();
        for (i, d) in diags.iter().take(10).enumerate() {
            let lc = index.line_col(d.span.lo);
            let at = Some((lc.line, lc.col));
            errors.push(CompileError {
                at,
                message: format!(
                    "{}{}",
                    crate::syntax::diag::expand_pos_markers(&d.message, file_name, index),
                    d.render_notes(file_name, index)
                ),
                limitation: d.message.contains(crate::syntax::diag::LIMITATION_MARK),
            });
            if i == 9 {
                errors.push(CompileError {
                    at,
                    message: "too many errors".into(),
                    limitation: false,
                });
            }
        }
        CompileErrors {
            file_name: file_name.to_string(),
            errors,
        }
    }

    /// `go build`'s text: `# command-line-arguments`, then one line each.
    pub fn render(&self) -> String {
        let mut out = String::from("# command-line-arguments\n");
        for e in &self.errors {
            if let Some((line, col)) = e.at {
                out.push_str(&format!("{}:{}:{}: ", self.file_name, line, col));
            }
            out.push_str(&e.message);
            out.push('\n');
        }
        out
    }
}

impl std::fmt::Display for CompileErrors {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.render())
    }
}

/// Compiles a program with the library packages it imports.
pub fn compile(src: &str, config: &RunConfig) -> Result<Rc<Program>, CompileErrors> {
    let (file, mut diags) = crate::syntax::parse(src);
    let index = LineIndex::new(src);
    if diags.is_empty() {
        let imports: Vec<&str> = file.imports.iter().map(|i| i.path.as_str()).collect();
        let mut library = Vec::new();
        for path in crate::prelude::closure(imports) {
            let Some(text) = crate::prelude::source(path) else {
                // The browser build fetches the library sources; a host
                // that compiles before installing them gets told so.
                return Err(CompileErrors {
                    file_name: config.file_name.clone(),
                    errors: vec![CompileError {
                        at: None,
                        message: format!(
                            "gosim: the library packages are not loaded yet (package {path})"
                        ),
                        limitation: true,
                    }],
                });
            };
            let (pf, pd) = crate::syntax::parse(text);
            if let Some(d) = pd.first() {
                let li = LineIndex::new(text);
                return Err(CompileErrors {
                    file_name: config.file_name.clone(),
                    errors: vec![CompileError {
                        at: None,
                        message: format!(
                            "gosim internal error: prelude {}: {}",
                            path,
                            d.render(path, &li)
                        ),
                        limitation: true,
                    }],
                });
            }
            library.push((path.to_string(), pf, text.to_string()));
        }
        match crate::compile::compile_program(&file, src, &library, config.go_version) {
            Ok(p) => return Ok(Rc::new(p)),
            Err(d) => diags = d,
        }
    }
    Err(CompileErrors::listing(&diags, &config.file_name, &index))
}
