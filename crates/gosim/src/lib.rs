//! gosim: a deterministic, steppable simulator for the Go subset that
//! concurrent teaching programs use.
//!
//! gosim has no dependency on yew, web-sys or wasm-bindgen and does no I/O:
//! output, time and randomness come in through its API.

pub mod diag;
pub mod runtime;
pub mod format;
pub mod syntax;

/// Which Go release's semantics to simulate.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize)]
pub enum GoVersion {
    /// Per-loop loop variables; timers stay live until they fire (pre-1.23).
    Go121,
    /// Per-iteration loop variables; pre-1.23 timers.
    Go122,
    /// Per-iteration loop variables; 1.23+ timers (unbuffered timer channels,
    /// unreferenced timers collectable). The default.
    Go123,
}

/// How the scheduler picks the next goroutine at each choice point.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum Schedule {
    /// Go's own order under GOMAXPROCS=1: runnext, then the FIFO run queue.
    GoDefault,
    /// Uniformly random among the options, from a seed.
    Seeded(u64),
    /// An explicit list of choices, one per choice point; the default order
    /// after the list runs out.
    Choices(Vec<u32>),
}

#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct RunConfig {
    pub go_version: GoVersion,
    pub schedule: Schedule,
    /// Stop with a "budget exhausted" verdict after this many VM steps.
    pub max_steps: u64,
    /// The file name used in diagnostics (`./prog.go:3:2: ...`).
    pub file_name: String,
}

impl Default for RunConfig {
    fn default() -> Self {
        RunConfig {
            go_version: GoVersion::Go123,
            schedule: Schedule::GoDefault,
            max_steps: 10_000_000,
            file_name: "./prog.go".to_string(),
        }
    }
}

/// What a whole run produced, in the terms `go run` would show.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct RunResult {
    pub stdout: Vec<u8>,
    /// Compile errors (`# command-line-arguments` then one line each), or
    /// the panic / fatal error text with goroutine headers.
    pub stderr: Vec<u8>,
    /// 0, 1 for compile errors, 2 for a panic or fatal error, or os.Exit's code.
    /// `None` when the step budget ran out before the program ended.
    pub exit_code: Option<i32>,
}

/// Parse, check and run a whole program to its end (or its budget).
///
/// FIXME(issue 3): the interpreter is being built; until then every run
/// reports that it is not implemented.
pub fn run(src: &str, config: &RunConfig) -> RunResult {
    let _ = (src, config);
    RunResult { stdout: Vec::new(), stderr: b"gosim: not implemented yet\n".to_vec(), exit_code: None }
}
