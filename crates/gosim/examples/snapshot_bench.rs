//! Times building the UI's snapshot with many goroutines (a benchmark, not
//! a test: it prints numbers and asserts nothing about time).
//!
//! For N in 1,000, 10,000 and 99,999 (plus main: gosim's goroutine budget is
//! 100,000) it runs a program whose goroutines
//! all end up parked on one mutex (spawned one at a time with
//! `runtime.Gosched`, so the run queue stays short while they are made),
//! then times, as the median of several runs:
//!
//! - `snapshot`: the default snapshot (64 goroutines in full, every
//!   goroutine grouped);
//! - `player`: what the player asks for: 50 goroutines far down the list in
//!   focus (a page of a group), no wait-for graph;
//! - `back+snapshot`: one step back and its snapshot (a restore and a
//!   replay), what a click on Back costs the simulator;
//! - `step+snapshot`: one step forward again and its snapshot.
//!
//! ```text
//! cargo run --release -p gosim --example snapshot_bench -- [--runs N] [--max N]
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
use many_goroutines::{arg, median, program};

fn main() {
    let runs = arg("--runs", 5);
    let max = arg("--max", 100_000);
    println!(
        "snapshot with N goroutines parked on one mutex (median of {runs} runs, release build)"
    );
    println!("| N | steps to get there | snapshot (default) | player's snapshot | back+snapshot | step+snapshot | groups | described |");
    println!("|---|---|---|---|---|---|---|---|");
    // 99,999 goroutines plus main: gosim's goroutine budget is 100,000.
    for n in [1_000usize, 10_000, 99_999] {
        if n > max {
            continue;
        }
        let src = program(n);
        let config = RunConfig {
            max_steps: 100_000_000,
            ..RunConfig::default()
        };
        let mut s = Session::new(&src, &config, StepBy::SchedulingPoint)
            .unwrap_or_else(|e| panic!("{}", e.render()));
        // To the end: a deadlock with every goroutine parked on mu.
        let started = Instant::now();
        s.run(usize::MAX);
        let setup = started.elapsed().as_secs_f64();
        let position = s.position();
        let mut plain = Vec::new();
        let mut focused = Vec::new();
        let mut stepped = Vec::new();
        let mut backed = Vec::new();
        let far: Vec<u32> = (0..50).map(|i| (n - 60 + i) as u32).collect();
        // What the player asks for: a page of a group in focus, no wait-for graph.
        let player = SnapshotOptions {
            focus: far.clone(),
            wait_for: false,
            ..SnapshotOptions::default()
        };
        let mut groups = 0;
        let mut described = 0;
        for _ in 0..runs {
            let t = Instant::now();
            let snap = s.snapshot();
            plain.push(t.elapsed().as_secs_f64() * 1e3);
            groups = snap.groups.len();
            described = snap.goroutines.len();
            let t = Instant::now();
            let _ = s.snapshot_with(&player);
            focused.push(t.elapsed().as_secs_f64() * 1e3);
            let t = Instant::now();
            s.back();
            let _ = s.snapshot_with(&player);
            backed.push(t.elapsed().as_secs_f64() * 1e3);
            let t = Instant::now();
            s.step_next();
            let _ = s.snapshot_with(&player);
            stepped.push(t.elapsed().as_secs_f64() * 1e3);
        }
        println!(
            "| {n} | {position} ({setup:.1} s) | {:.2} ms | {:.2} ms | {:.2} ms | {:.2} ms | {groups} | {described} |",
            median(plain),
            median(focused),
            median(backed),
            median(stepped)
        );
    }
}
