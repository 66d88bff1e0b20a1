//! Golden tests for syntax diagnostics (starlark-rust style).
//!
//! Each `tests/syntax/errors/NAME.go` has:
//! - `NAME.err`: gosim's diagnostics as `line:col: message` lines, after a
//!   generated header. Rewrite them with
//!   `UPDATE_GOLDEN=1 cargo test -p gosim --test it syntax::errors`, never by
//!   hand, and review the diff.
//! - `NAME.real`: what real `go build` printed, recorded by
//!   `tests/syntax/record-real-go.sh`. gosim must print the same, except for
//!   the inputs listed in `KNOWN_DIFFERENCES` with the reason.

use std::path::{Path, PathBuf};

use gosim::syntax::parse;
use gosim::syntax::span::LineIndex;

use crate::support::{test_data, Golden};

/// Inputs where gosim deliberately says something other than `go build`.
const KNOWN_DIFFERENCES: &[(&str, &str)] = &[
    ("unsupported_cgo", "gosim refuses cgo"),
    ("unsupported_complex", "gosim refuses complex numbers"),
    (
        "huge_integer",
        "gosim's constants are 128-bit; Go reports the overflow in the type checker",
    ),
    (
        "label_without_statement",
        "unused labels are the checker's to report",
    ),
    (
        "select_bad_case",
        "Go also reports `declared and not used`, a checker error",
    ),
    (
        "range_three_vars",
        "Go also reports `declared and not used`, a checker error",
    ),
    (
        "invalid_char_in_identifier",
        "Go also reports `declared and not used`, a checker error",
    ),
    (
        "nul_and_bom",
        "go build prints nothing (go list fails); gosim says what `go tool compile` says",
    ),
    (
        "comment_unterminated_in_func",
        "Go also reports `declared and not used`, a checker error",
    ),
    (
        "string_newline_at_eof",
        "Go also reports `declared and not used`, a checker error",
    ),
    (
        "import_group_eof",
        "go/parser puts EOF after a final newline at the end of the last line",
    ),
];

fn render(src: &str) -> String {
    let (_, diags) = parse(src);
    let index = LineIndex::new(src);
    let mut out = String::new();
    for d in diags {
        let lc = index.line_col(d.span.lo);
        out.push_str(&format!("{}:{}: {}\n", lc.line, lc.col, d.message));
    }
    out
}

fn inputs() -> Vec<PathBuf> {
    let dir = test_data("syntax/errors");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("tests/syntax/errors exists")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "go"))
        .collect();
    files.sort();
    files
}

fn stem(p: &Path) -> String {
    p.file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default()
}

#[test]
fn diagnostics_match_golden_files() {
    let files = inputs();
    assert!(files.len() >= 40, "only {} inputs", files.len());
    let mut golden = Golden::new("syntax::errors");
    for path in files {
        let src = std::fs::read_to_string(&path).expect("readable input");
        let got = render(&src);
        assert!(
            !got.is_empty(),
            "{}: every input here must produce a diagnostic",
            path.display()
        );
        golden.check(
            &path.with_extension("err"),
            &format!("{}.go", stem(&path)),
            &got,
        );
    }
    golden.finish();
}

#[test]
fn diagnostics_match_real_go() {
    let mut failures = Vec::new();
    for path in inputs() {
        let name = stem(&path);
        if KNOWN_DIFFERENCES.iter().any(|(n, _)| *n == name) {
            continue;
        }
        let src = std::fs::read_to_string(&path).expect("readable input");
        let real =
            std::fs::read_to_string(path.with_extension("real")).expect("recorded .real file");
        let got = render(&src);
        if got != real {
            failures.push(format!(
                "{}:\n--- go build\n{}--- gosim\n{}",
                name, real, got
            ));
        }
    }
    assert!(
        failures.is_empty(),
        "{} differ from go build:\n{}",
        failures.len(),
        failures.join("\n")
    );
}
