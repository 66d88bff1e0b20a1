//! The talk's programs, read from `cases/` through `crates/case-data`: each
//! case's source parses without diagnostics into `package main` with imports
//! and a non-empty `func main`, and its tree is pinned by a golden dump in
//! `tests/syntax/cases/NN-slug.ast` (the shapes the later stages rely on:
//! case 2's select with a receive-assign and a timeout, case 16's labeled
//! `for`/`select` with `break Loop`, case 17's `1<<12` binding tighter than
//! `<`, ...). After changing a case's program, regenerate the dumps with
//! `UPDATE_GOLDEN=1 cargo test -p gosim --test it syntax::talk` and review
//! the diff.

use gosim::syntax::ast::{Decl, File};

use crate::support::{cases, test_data, Golden};
use crate::syntax::ast::{dump, parse_ok};

fn has_main_with_statements(file: &File) -> bool {
    file.decls.iter().any(|d| match d {
        Decl::Func(f) => {
            f.name.name == "main" && f.body.as_ref().is_some_and(|b| !b.stmts.is_empty())
        }
        Decl::Gen(_) => false,
    })
}

#[test]
fn every_case_parses_and_matches_its_golden_dump() {
    let cases = cases();
    assert!(cases.len() >= 18, "only {} cases", cases.len());
    let dir = test_data("syntax/cases");
    let mut golden = Golden::new("syntax::talk");
    for (path, case) in &cases {
        let stem = path
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default();
        let file = parse_ok(&stem, &case.source);
        assert_eq!(file.package.name, "main", "{stem}");
        assert!(!file.imports.is_empty(), "{stem}");
        assert!(has_main_with_statements(&file), "{stem}");
        golden.check(
            &dir.join(format!("{stem}.ast")),
            &format!("cases/{stem}.toml#source"),
            &dump(&file),
        );
    }
    golden.finish();
}
