//! gosim: a deterministic, steppable simulator for the Go subset that
//! concurrent teaching programs use.
//!
//! gosim has no dependency on yew, web-sys or wasm-bindgen and does no I/O:
//! output, time and randomness come in through its API.
//!
//! The API a host uses: [`run`] a whole program as `go run` would, step one
//! with a [`session::Session`] and read it through [`snapshot`], search its
//! schedules with [`explore`], carry a run in a link with [`share`]. The
//! pipeline's own rooms (`syntax`, `compile`, `vm`, `runtime`, `format`,
//! `types`, `util`) are public for the tests and benchmarks, and documented
//! by their module docs rather than item by item.
#![warn(missing_docs)]

pub mod config;
pub mod explore;
pub mod image;
pub mod program;
pub mod schedule;
pub mod session;
pub mod share;
pub mod snapshot;

#[allow(missing_docs)]
pub mod compile;
#[allow(missing_docs)]
pub mod format;
#[allow(missing_docs)]
pub mod prelude;
#[allow(missing_docs)]
pub mod runtime;
#[allow(missing_docs)]
pub mod syntax;
#[allow(missing_docs)]
pub mod types;
#[allow(missing_docs)]
pub mod util;
#[allow(missing_docs)]
pub mod vm;

pub use config::{GoVersion, RunConfig};
pub use program::{compile, CompileError, CompileErrors};
pub use schedule::{Choices, Schedule};
pub use util::splitmix::SplitMix;

/// What a whole run produced, in the terms `go run` would show.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct RunResult {
    /// What the program wrote to stdout.
    pub stdout: Vec<u8>,
    /// Compile errors (`# command-line-arguments` then one line each), or
    /// the panic / fatal error text with goroutine headers.
    pub stderr: Vec<u8>,
    /// 0, 1 for compile errors, 2 for a panic or fatal error, or os.Exit's code.
    /// `None` when the step budget ran out before the program ended.
    pub exit_code: Option<i32>,
}

/// A batch run keeps no event log: it steps the VM and drops the events.
struct Batch<'a>(&'a mut vm::machine::Vm);

impl schedule::Stepper for Batch<'_> {
    fn point(&mut self) -> schedule::Point {
        self.0.point()
    }
    fn option_count(&mut self) -> usize {
        self.0.option_count()
    }
    fn take(&mut self, choice: usize) {
        self.0.step(choice);
        self.0.events.clear();
    }
}

/// Parse, check and run a whole program to its end (or its budget).
pub fn run(src: &str, config: &RunConfig) -> RunResult {
    let prog = match compile(src, config) {
        Ok(p) => p,
        Err(errors) => {
            return RunResult {
                stdout: Vec::new(),
                stderr: errors.render().into_bytes(),
                exit_code: Some(1),
            }
        }
    };
    let mut m = vm::machine::Vm::new(
        prog,
        vm::machine::VmConfig {
            go_version: config.go_version,
            max_steps: config.max_steps,
            max_memory: config.max_memory,
            detect_races: config.detect_races,
            bounded_ops: config.bounded_ops,
            ..Default::default()
        },
    );
    let mut policy = schedule::Policy::new(&config.schedule);
    schedule::drive(&mut Batch(&mut m), &mut policy, u64::MAX);
    if config.detect_races {
        for r in m.race_reports() {
            m.stderr.extend_from_slice(r.to_string().as_bytes());
        }
    }
    let exit_code = match m.ending {
        Some(vm::machine::Ending::Exit(c)) => Some(c),
        Some(vm::machine::Ending::Panic { .. }) | Some(vm::machine::Ending::Fatal { .. }) => {
            Some(2)
        }
        _ => None,
    };
    let busy = m.busy_loop_note();
    let mut stderr = m.stderr;
    if exit_code.is_none() {
        stderr.extend_from_slice(
            format!(
                "gosim: stopped after {} steps: {}{}\n",
                m.steps,
                budget_reason(m.ending.as_ref()),
                busy
            )
            .as_bytes(),
        );
    }
    RunResult {
        stdout: m.stdout,
        stderr,
        exit_code,
    }
}

fn budget_reason(e: Option<&vm::machine::Ending>) -> &'static str {
    match e {
        Some(vm::machine::Ending::HeapBudget) => {
            "out of memory: the program allocated more than the simulator's memory limit"
        }
        Some(vm::machine::Ending::GoroutineBudget) => "too many goroutines",
        Some(vm::machine::Ending::OutputBudget) => "too much output",
        Some(vm::machine::Ending::IoWait) => {
            "blocked in IO wait: every live goroutine waits on the network and nothing will wake it (real Go waits forever)"
        }
        _ => "still running (the step budget ran out)",
    }
}
