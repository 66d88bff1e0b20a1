//! Finds the longest uninterruptible pieces of work the player asks of the
//! simulator, natively, for the programs given (a benchmark, not a test: it
//! prints numbers and asserts nothing about time).
//!
//! A page can only yield between calls into gosim, so the longest single
//! call bounds how long a Stop click may wait. For each program, under the
//! page's budgets (5 million steps, 256 MiB, `bounded_ops` unless
//! `--unbounded`), it times compiling, every
//! statement step with the snapshot the page draws after it, the longest
//! step back (`goto`) from the end, and a jump back to the start.
//!
//! ```text
//! cargo run --release -p gosim --example longest_step -- [--unbounded] [--positions=N] FILE.go...
//! ```

// Native-only code: the wasm-size rule against the standard sorts
// (clippy.toml) does not apply.
#![allow(clippy::disallowed_methods)]

use gosim::session::{Session, StepBy};
use gosim::snapshot::SnapshotOptions;
use gosim::RunConfig;
use std::time::Instant;

fn ms(t: Instant) -> f64 {
    t.elapsed().as_secs_f64() * 1e3
}

fn main() {
    let config = RunConfig {
        max_steps: 5_000_000,
        max_memory: 256 << 20,
        bounded_ops: !std::env::args().any(|a| a == "--unbounded"),
        ..RunConfig::default()
    };
    let max_positions: usize = std::env::args()
        .find_map(|a| a.strip_prefix("--positions=")?.parse().ok())
        .unwrap_or(200_000);
    let player = SnapshotOptions {
        detailed: 24,
        wait_for: true,
        ..SnapshotOptions::default()
    };
    println!(
        "{:<14} {:>9} {:>9} {:>8} {:>9} {:>9} {:>9}  ending",
        "program", "compile", "steps", "at", "longest", "back", "to 0"
    );
    for path in std::env::args().skip(1).filter(|a| !a.starts_with("--")) {
        let Ok(src) = std::fs::read_to_string(&path) else {
            eprintln!("{path}: cannot read");
            continue;
        };
        let name = std::path::Path::new(&path)
            .file_name()
            .map_or(path.clone(), |n| n.to_string_lossy().into_owned());
        let t = Instant::now();
        let session = Session::new(&src, &config, StepBy::Statement);
        let compile = ms(t);
        let mut s = match session {
            Ok(s) => s,
            Err(e) => {
                println!(
                    "{name:<14} {compile:>9.1} {:>9} {:>8} {:>9} {:>9} {:>9}  {} compile errors",
                    "-",
                    "-",
                    "-",
                    "-",
                    "-",
                    e.errors.len()
                );
                continue;
            }
        };
        let (mut longest, mut at) = (0.0f64, 0usize);
        loop {
            let t = Instant::now();
            let stepped = s.step_next();
            let _ = s.snapshot_with(&player);
            let took = ms(t);
            if took > longest {
                (longest, at) = (took, s.position());
            }
            if !stepped || s.position() >= max_positions {
                break;
            }
        }
        let end = s.position();
        let ending = s
            .snapshot()
            .ending
            .map_or("not ended".to_string(), |e| format!("{e:?}"));
        let ending: String = ending.chars().take(90).collect();
        let t = Instant::now();
        s.goto(end.saturating_sub(1));
        let _ = s.snapshot_with(&player);
        let back = ms(t);
        let t = Instant::now();
        s.goto(0);
        let _ = s.snapshot_with(&player);
        let to_start = ms(t);
        println!(
            "{name:<14} {compile:>9.1} {end:>9} {at:>8} {longest:>9.1} {back:>9.1} {to_start:>9.1}  {ending}"
        );
    }
}
