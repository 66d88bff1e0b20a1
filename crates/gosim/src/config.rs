//! How a run is configured: which Go release to simulate and the budgets
//! and options a run starts with.
//!
//! A leaf: the compiler, the VM and the host API all read these types, so
//! nothing here may import from them.

use crate::schedule::Schedule;

/// Which Go release's semantics to simulate.
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize,
)]
pub enum GoVersion {
    /// Per-loop loop variables; timers stay live until they fire (pre-1.23).
    Go121,
    /// Per-iteration loop variables; pre-1.23 timers.
    Go122,
    /// Per-iteration loop variables; 1.23+ timers (unbuffered timer channels,
    /// unreferenced timers collectable). The default.
    Go123,
}

#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct RunConfig {
    pub go_version: GoVersion,
    pub schedule: Schedule,
    /// Stop with a "budget exhausted" verdict after this many VM steps.
    pub max_steps: u64,
    /// The file name used in diagnostics (`./prog.go:3:2: ...`).
    pub file_name: String,
    /// Track happens-before and report data races (like `go run -race`).
    pub detect_races: bool,
}

impl Default for RunConfig {
    fn default() -> Self {
        RunConfig {
            go_version: GoVersion::Go123,
            schedule: Schedule::GoDefault,
            max_steps: 10_000_000,
            file_name: "./prog.go".to_string(),
            detect_races: false,
        }
    }
}
