//! Helpers shared by the test modules: where the test data is, and the
//! runtime outcomes the lock tests compare against.

use std::path::{Path, PathBuf};

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

/// The operation finished and readied `ready`, in that order; the caller
/// keeps running.
pub fn woke(ready: &[u32]) -> SyncOutcome {
    SyncOutcome::Done(Wakes {
        ready: ready.to_vec(),
        yield_now: false,
    })
}
