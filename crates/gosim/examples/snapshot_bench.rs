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
//! - `focused`: the same with 50 goroutines far down the list in focus (what
//!   the player asks for while a page of a group is open);
//! - `step+snapshot`: one more step and its snapshot, what a click on Step
//!   costs the simulator.
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

const PROGRAM: &str = "package main

import (
	\"runtime\"
	\"sync\"
)

func main() {
	var wg sync.WaitGroup
	var mu sync.Mutex
	mu.Lock()
	for i := 0; i < N; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			mu.Lock()
			mu.Unlock()
		}()
		runtime.Gosched()
	}
	mu.Unlock()
	wg.Wait()
}
";

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(f64::total_cmp);
    v[v.len() / 2]
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let arg = |name: &str, default: usize| {
        args.iter()
            .position(|a| a == name)
            .and_then(|i| args.get(i + 1))
            .and_then(|v| v.parse().ok())
            .unwrap_or(default)
    };
    let runs = arg("--runs", 5);
    let max = arg("--max", 100_000);
    println!(
        "snapshot with N goroutines parked on one mutex (median of {runs} runs, release build)"
    );
    println!("| N | steps to get there | snapshot | focused (50 far) | step+snapshot | groups | described |");
    println!("|---|---|---|---|---|---|---|");
    // 99,999 goroutines plus main: gosim's goroutine budget is 100,000.
    for n in [1_000usize, 10_000, 99_999] {
        if n > max {
            continue;
        }
        let src = PROGRAM.replace("N;", &format!("{n};"));
        let config = RunConfig {
            max_steps: 100_000_000,
            ..RunConfig::default()
        };
        let mut s = Session::new(&src, &config, StepBy::SchedulingPoint)
            .unwrap_or_else(|e| panic!("{}", e.render()));
        // Run until main unlocks: every goroutine is then parked on mu.
        let started = Instant::now();
        loop {
            let live = s.snapshot_with(&SnapshotOptions {
                detailed: 0,
                objects: 0,
                ..SnapshotOptions::default()
            });
            let waiting: usize = live
                .groups
                .iter()
                .filter(|g| g.wait_reason.as_deref() == Some("sync.Mutex.Lock"))
                .map(|g| g.ids.len())
                .sum();
            if waiting == n || !s.step_next() {
                break;
            }
            // Skip ahead in large strides; the check above is the costly part.
            s.run(n / 50);
        }
        let setup = started.elapsed().as_secs_f64();
        let position = s.position();
        let mut plain = Vec::new();
        let mut focused = Vec::new();
        let mut stepped = Vec::new();
        let far: Vec<u32> = (0..50).map(|i| (n - 60 + i) as u32).collect();
        let mut groups = 0;
        let mut described = 0;
        for _ in 0..runs {
            let t = Instant::now();
            let snap = s.snapshot();
            plain.push(t.elapsed().as_secs_f64() * 1e3);
            groups = snap.groups.len();
            described = snap.goroutines.len();
            let t = Instant::now();
            let _ = s.snapshot_with(&SnapshotOptions {
                focus: far.clone(),
                ..SnapshotOptions::default()
            });
            focused.push(t.elapsed().as_secs_f64() * 1e3);
            let t = Instant::now();
            s.step_next();
            let _ = s.snapshot();
            stepped.push(t.elapsed().as_secs_f64() * 1e3);
            s.back();
        }
        println!(
            "| {n} | {position} ({setup:.1} s) | {:.2} ms | {:.2} ms | {:.2} ms | {groups} | {described} |",
            median(plain),
            median(focused),
            median(stepped)
        );
    }
}
