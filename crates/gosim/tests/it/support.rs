//! Helpers shared by the test modules: where the test data is, the talk's
//! cases (read through `crates/case-data`, the app's own loader), the
//! runtime outcomes the lock tests compare against, and golden files under
//! the `UPDATE_GOLDEN=1` switch.

use std::path::{Path, PathBuf};

use case_data::CaseFile;
use gosim::runtime::{SyncOutcome, Wakes};

/// The repository's root (program labels in recordings are relative to it).
pub fn repo_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// `crates/gosim/tests/<rel>`: the data directories beside `it/`.
pub fn test_data(rel: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests")
        .join(rel)
}

/// Every case file in `cases/`, in file-name order, with its path.
pub fn cases() -> Vec<(PathBuf, CaseFile)> {
    case_data::load_dir(&case_data::repo_cases_dir()).unwrap_or_else(|e| panic!("{e}"))
}

/// The case whose slug contains `slug_part`.
pub fn case(slug_part: &str) -> CaseFile {
    cases()
        .into_iter()
        .map(|(_, case)| case)
        .find(|case| case.slug.contains(slug_part))
        .unwrap_or_else(|| panic!("no case {slug_part}"))
}

/// The case in `cases/NN-*.toml` (the file number: the talk's case number,
/// or the place of an unnumbered item after them).
pub fn case_file(nn: u32) -> CaseFile {
    let prefix = format!("{nn:02}-");
    cases()
        .into_iter()
        .find(|(path, _)| {
            path.file_name()
                .is_some_and(|name| name.to_string_lossy().starts_with(&prefix))
        })
        .map(|(_, case)| case)
        .unwrap_or_else(|| panic!("no file cases/{prefix}*.toml"))
}

/// The operation finished and readied `ready`, in that order; the caller
/// keeps running.
pub fn woke(ready: &[u32]) -> SyncOutcome {
    SyncOutcome::Done(Wakes {
        ready: ready.to_vec(),
        yield_now: false,
    })
}

/// Golden files under the `UPDATE_GOLDEN=1` switch: each generated file
/// starts with a header saying where it comes from and how to regenerate it;
/// mismatches are collected and reported together by [`Golden::finish`].
pub struct Golden {
    /// The test filter that regenerates these files (`syntax::ast`).
    filter: &'static str,
    update: bool,
    failures: Vec<String>,
}

impl Golden {
    pub fn new(filter: &'static str) -> Golden {
        Golden {
            filter,
            update: std::env::var_os("UPDATE_GOLDEN").is_some(),
            failures: Vec::new(),
        }
    }

    /// The header line of a golden file made from `source`.
    pub fn header(&self, source: &str) -> String {
        format!(
            "// @generated from {source} by gosim's tests. To regenerate, run: \
             UPDATE_GOLDEN=1 cargo test -p gosim --test it {}\n",
            self.filter
        )
    }

    /// Compares `got` (made from `source`) with the golden file at `path`,
    /// or rewrites the file when updating.
    pub fn check(&mut self, path: &Path, source: &str, got: &str) {
        let got = self.header(source) + got;
        if self.update {
            std::fs::write(path, &got)
                .unwrap_or_else(|e| panic!("cannot write {}: {e}", path.display()));
            return;
        }
        let want = std::fs::read_to_string(path).unwrap_or_default();
        if got != want {
            self.failures.push(format!(
                "{}:\n--- want\n{want}--- got\n{got}",
                path.display()
            ));
        }
    }

    pub fn finish(self) {
        assert!(
            self.failures.is_empty(),
            "{} golden file(s) differ (run with UPDATE_GOLDEN=1 to accept, then review the diff):\n{}",
            self.failures.len(),
            self.failures.join("\n")
        );
    }
}
