//! Times `gosim::explore::explore` on every runnable program in `cases/`:
//! each talk case's source and each of its fixes (a benchmark, not a test:
//! it prints a markdown table and asserts nothing about time).
//!
//! For each program it reports the outcome count and classes, schedules
//! run, distinct states visited, whether the exhaustive search completed,
//! which search modes ran, and the median explore time of several runs
//! (compile included, as `gosim explore` pays it). Each exploration runs in
//! a child process that is killed after `--limit` seconds (default 120),
//! so one runaway program cannot stall the table. The goal from the issue
//! is under one second per case natively.
//!
//! ```text
//! cargo run --release -p gosim --example explore_bench -- [--runs N] [--only SUBSTRING]
//!     [--limit SECONDS]
//! ```
//!
//! It must not change gosim: it only calls the public explore API.

// Native-only code: the wasm-size rule against the standard sorts
// (clippy.toml) does not apply.
#![allow(clippy::disallowed_methods)]

use gosim::explore::{explore, ExploreConfig, ExploreReport};
use gosim::{GoVersion, RunConfig};
use std::io::Read;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// One program to explore: a case's source or one of its fixes.
struct Program {
    label: String,
    go: GoVersion,
    source: String,
}

fn go_version(lang: Option<&str>) -> Result<GoVersion, String> {
    match lang {
        None => Ok(GoVersion::CURRENT),
        Some("1.21") => Ok(GoVersion::GO1_21),
        Some("1.22") => Ok(GoVersion::GO1_22),
        Some(l)
            if l.strip_prefix("1.")
                .and_then(|m| m.parse::<u32>().ok())
                .is_some_and(|m| m >= 23) =>
        {
            Ok(GoVersion::CURRENT)
        }
        Some(other) => Err(format!("unknown go version {:?}", other)),
    }
}

fn version_name(v: GoVersion) -> String {
    v.label()
}

/// Every runnable program in `cases/` (read through `crates/case-data`, the
/// app's own loader), in file order: each case's source, then its fixes.
fn load_programs() -> Result<Vec<Program>, String> {
    let mut out = Vec::new();
    for (path, case) in case_data::load_dir(&case_data::repo_cases_dir())? {
        if !case.runnable {
            continue;
        }
        let name = path
            .file_stem()
            .and_then(|s| s.to_str())
            .unwrap_or("?")
            .to_string();
        let go = go_version(case.go.as_deref()).map_err(|e| format!("{name}: {e}"))?;
        out.push(Program {
            label: name.clone(),
            go,
            source: case.source.clone(),
        });
        for (i, fix) in case.fixes.iter().enumerate() {
            out.push(Program {
                label: format!("{} fix {}", name, i + 1),
                go,
                source: fix.source.clone(),
            });
        }
    }
    Ok(out)
}

fn median(mut xs: Vec<f64>) -> f64 {
    xs.sort_by(|a, b| a.total_cmp(b));
    match xs.len() {
        0 => f64::NAN,
        n if n % 2 == 1 => xs[n / 2],
        n => (xs[n / 2 - 1] + xs[n / 2]) / 2.0,
    }
}

fn classes(r: &ExploreReport) -> String {
    let mut cs: Vec<String> = r
        .outcomes
        .iter()
        .map(|o| format!("{:?}", o.class).to_lowercase())
        .collect();
    cs.sort();
    cs.dedup();
    cs.join(", ")
}

/// Explores one program once; prints its elapsed seconds on one line, then
/// its table row without the time column.
fn measure(p: &Program) {
    let cfg = RunConfig {
        go_version: p.go,
        ..RunConfig::default()
    };
    let t = Instant::now();
    let r = explore(&p.source, &cfg, ExploreConfig::default());
    println!("{}", t.elapsed().as_secs_f64());
    match r {
        Ok(r) => println!(
            "| {} | {} | {} | {} | {} | {} | {} | {} |",
            p.label,
            version_name(p.go),
            r.outcomes.len(),
            classes(&r),
            r.schedules,
            r.states,
            if r.complete { "yes" } else { "no" },
            r.modes.join(", "),
        ),
        Err(e) => println!(
            "| {} | {} | error: {} | | | | | |",
            p.label,
            version_name(p.go),
            e.render().lines().last().unwrap_or("").replace('|', "\\|"),
        ),
    }
}

/// What one child process reported.
enum ChildRun {
    /// Seconds and the row without its time column.
    Done(f64, String),
    Killed,
    Failed(String),
}

/// Explores one program in a child process (this binary with `--one`), so
/// a program whose exploration runs away is killed after `limit` instead of
/// stalling the whole table.
fn run_child(label: &str, limit: Duration) -> ChildRun {
    let exe = match std::env::current_exe() {
        Ok(e) => e,
        Err(e) => return ChildRun::Failed(format!("cannot re-run myself: {}", e)),
    };
    let start = Instant::now();
    let child = Command::new(exe)
        .args(["--one", label])
        .stdout(Stdio::piped())
        .spawn();
    let mut child = match child {
        Ok(c) => c,
        Err(e) => return ChildRun::Failed(format!("cannot spawn: {}", e)),
    };
    loop {
        match child.try_wait() {
            Ok(Some(_)) => break,
            Ok(None) if start.elapsed() > limit => {
                let _ = child.kill();
                let _ = child.wait();
                return ChildRun::Killed;
            }
            Ok(None) => std::thread::sleep(Duration::from_millis(5)),
            Err(e) => return ChildRun::Failed(format!("wait failed: {}", e)),
        }
    }
    let mut out = String::new();
    if let Some(mut so) = child.stdout.take() {
        let _ = so.read_to_string(&mut out);
    }
    let mut lines = out.lines();
    match (
        lines.next().and_then(|l| l.parse::<f64>().ok()),
        lines.next(),
    ) {
        (Some(secs), Some(row)) => ChildRun::Done(secs, row.to_string()),
        _ => ChildRun::Failed("the child printed no result (crashed?)".into()),
    }
}

/// Explores one program `runs` times, each in its own child process; returns
/// the full table row and the wall time spent.
fn measure_program(p: &Program, runs: usize, limit: Duration) -> (String, f64) {
    let start = Instant::now();
    let mut times = Vec::new();
    let mut row = String::new();
    for _ in 0..runs {
        match run_child(&p.label, limit) {
            ChildRun::Done(secs, r) => {
                times.push(secs);
                row = r;
            }
            ChildRun::Killed => {
                let row = format!(
                    "| {} | {} | killed: one exploration still running after {:.0} s | | | | | | > {:.0} s |",
                    p.label,
                    version_name(p.go),
                    limit.as_secs_f64(),
                    limit.as_secs_f64()
                );
                return (row, start.elapsed().as_secs_f64());
            }
            ChildRun::Failed(e) => {
                let row = format!(
                    "| {} | {} | {} | | | | | | |",
                    p.label,
                    version_name(p.go),
                    e
                );
                return (row, start.elapsed().as_secs_f64());
            }
        }
    }
    let row = format!("{} {:.1} ms |", row, median(times) * 1e3);
    (row, start.elapsed().as_secs_f64())
}

fn usage() -> ! {
    eprintln!("usage: explore_bench [--runs N] [--only SUBSTRING] [--limit SECONDS]");
    std::process::exit(2);
}

fn main() {
    let mut runs = 3usize;
    let mut only: Option<String> = None;
    let mut one: Option<String> = None;
    let mut limit = 120.0f64;
    let mut it = std::env::args().skip(1);
    while let Some(flag) = it.next() {
        match (flag.as_str(), it.next()) {
            ("--runs", Some(n)) => runs = n.parse().unwrap_or_else(|_| usage()),
            ("--limit", Some(n)) => limit = n.parse().unwrap_or_else(|_| usage()),
            ("--only", Some(s)) => only = Some(s),
            ("--one", Some(s)) => one = Some(s),
            _ => usage(),
        }
    }
    let runs = runs.max(1);
    let programs = load_programs().unwrap_or_else(|e| {
        eprintln!("explore_bench: cannot read cases/: {e}");
        std::process::exit(2);
    });
    if let Some(label) = one {
        match programs.iter().find(|p| p.label == label) {
            Some(p) => measure(p),
            None => {
                eprintln!("explore_bench: no program {:?}", label);
                std::process::exit(2);
            }
        }
        return;
    }
    println!(
        "| program | go | outcomes | outcome classes | schedules | states | complete | search modes | time (median of {}) |",
        runs
    );
    println!("|---|---|---|---|---|---|---|---|---|");
    let mut total = 0.0;
    let mut count = 0;
    for p in &programs {
        if only.as_deref().is_some_and(|o| !p.label.contains(o)) {
            continue;
        }
        let (row, secs) = measure_program(p, runs, Duration::from_secs_f64(limit));
        eprintln!("{} done in {:.2} s", p.label, secs);
        println!("{}", row);
        total += secs;
        count += 1;
    }
    println!();
    println!(
        "{} programs; {:.1} s wall in all ({} runs each, one child process per run, compile included).",
        count, total, runs
    );
}
