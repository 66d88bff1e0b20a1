//! Helpers shared by the test modules: where the test data is, the talk's
//! cases (read through `crates/case-data`, the app's own loader), and the
//! runtime outcomes the lock tests compare against.

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
