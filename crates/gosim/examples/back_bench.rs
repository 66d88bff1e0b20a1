//! Times what the player's clicks cost the simulator at the end of a run
//! with many goroutines (a benchmark, not a test: it prints numbers and
//! asserts nothing about time).
//!
//! The program starts N goroutines that all park on one mutex, then
//! deadlocks (with N = 99,999 plus main: gosim's goroutine budget). At its
//! end it times, as the median of several runs:
//!
//! - `back`: `Session::back` from the deadlock, then the player's snapshot
//!   (a restore of a checkpoint and a replay);
//! - `deadlock step`: the last step again (it writes the traceback of every
//!   goroutine), then the player's snapshot;
//! - `run`: reaching the deadlock from the start, once.
//!
//! ```text
//! cargo run --release -p gosim --example back_bench -- [--runs N] [--n N]
//! ```

// Native-only code: the wasm-size rule against the standard sorts
// (clippy.toml) does not apply.
#![allow(clippy::disallowed_methods)]

use gosim::session::{Session, StepBy};
use gosim::snapshot::SnapshotOptions;
use gosim::RunConfig;
use std::time::Instant;

#[path = "support/many_goroutines.rs"]
mod many_goroutines;
use many_goroutines::{arg, median, ms, program};

fn main() {
    let runs = arg("--runs", 5);
    let n = arg("--n", 99_999);
    let src = program(n);
    // What the page runs: line stepping, its instruction limit raised.
    let config = RunConfig {
        max_steps: 100_000_000,
        ..RunConfig::default()
    };
    let mut s =
        Session::new(&src, &config, StepBy::Statement).unwrap_or_else(|e| panic!("{}", e.render()));
    let t = Instant::now();
    s.run(usize::MAX);
    let run = ms(t);
    let end = s.position();
    let player = SnapshotOptions {
        focus: (0..50).map(|i| (n - 60 + i) as u32).collect(),
        wait_for: false,
        ..SnapshotOptions::default()
    };
    let stderr = s.snapshot_with(&player).stderr.len();
    let t = Instant::now();
    let copy = s.clone();
    let clone_all = ms(t);
    drop(copy);
    println!(
        "clone of the session ({} VM copies): {clone_all:.1} ms",
        s.checkpoint_count() + 1
    );
    let (mut back, mut step) = (Vec::new(), Vec::new());
    let mut replayed = 0;
    for _ in 0..runs {
        let t = Instant::now();
        s.back();
        let _ = s.snapshot_with(&player);
        back.push(ms(t));
        replayed = s.replayed();
        let t = Instant::now();
        s.step_next();
        let _ = s.snapshot_with(&player);
        step.push(ms(t));
        assert_eq!(s.position(), end);
    }
    println!(
        "N={n}: {end} steps, run {run:.0} ms, {} checkpoints ({} units), stderr {stderr} B; \
         back+snapshot {:.1} ms ({replayed} steps replayed), deadlock step+snapshot {:.1} ms (median of {runs})",
        s.checkpoint_count(),
        s.checkpoint_units(),
        median(back),
        median(step)
    );
}
