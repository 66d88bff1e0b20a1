//! Times `gosim::explore::explore` on every runnable program in `cases/`:
//! each talk case's source and each of its fixes (a benchmark, not a test:
//! it prints a markdown table and asserts nothing about time).
//!
//! For each program it reports the outcome count and classes, schedules
//! run, distinct states visited, whether the exhaustive search completed,
//! which search modes ran, and the median explore time of several runs
//! (compile included, as `gosim explore` pays it). The goal from the issue
//! is under one second per case natively.
//!
//! ```text
//! cargo run --release -p gosim --example explore_bench -- [--runs N] [--only SUBSTRING]
//! ```
//!
//! It must not change gosim: it only calls the public explore API.

use gosim::explore::{explore, ExploreConfig, ExploreReport};
use gosim::{GoVersion, RunConfig};
use std::io::Read;
use std::path::{Path, PathBuf};
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
        None => Ok(GoVersion::Go123),
        Some("1.21") => Ok(GoVersion::Go121),
        Some("1.22") => Ok(GoVersion::Go122),
        Some(l)
            if l.strip_prefix("1.")
                .and_then(|m| m.parse::<u32>().ok())
                .is_some_and(|m| m >= 23) =>
        {
            Ok(GoVersion::Go123)
        }
        Some(other) => Err(format!("unknown go version {:?}", other)),
    }
}

fn version_name(v: GoVersion) -> &'static str {
    match v {
        GoVersion::Go121 => "1.21",
        GoVersion::Go122 => "1.22",
        GoVersion::Go123 => "1.23+",
    }
}

/// Every runnable program of one case file, in file order.
fn load_case(path: &Path) -> Result<Vec<Program>, String> {
    let name = path
        .file_stem()
        .and_then(|s| s.to_str())
        .unwrap_or("?")
        .to_string();
    let text = std::fs::read_to_string(path).map_err(|e| format!("{}: {}", name, e))?;
    let case: toml::Table = toml::from_str(&text).map_err(|e| format!("{}: {}", name, e))?;
    if case.get("runnable").and_then(|r| r.as_bool()) == Some(false) {
        return Ok(Vec::new());
    }
    let go = go_version(case.get("go").and_then(|g| g.as_str()))?;
    let mut out = Vec::new();
    if let Some(src) = case.get("source").and_then(|s| s.as_str()) {
        out.push(Program {
            label: name.clone(),
            go,
            source: src.to_string(),
        });
    }
    let fixes = case.get("fixes").and_then(|f| f.as_array());
    for (i, fix) in fixes.into_iter().flatten().enumerate() {
        if let Some(src) = fix.get("source").and_then(|s| s.as_str()) {
            // A fix may name its own Go version; otherwise the case's.
            let go = match fix.get("go").and_then(|g| g.as_str()) {
                Some(v) => go_version(Some(v))?,
                None => go,
            };
            out.push(Program {
                label: format!("{} fix {}", name, i + 1),
                go,
                source: src.to_string(),
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

/// Explores one program `runs` times; prints its table row.
fn measure(p: &Program, runs: usize) {
    let cfg = RunConfig {
        go_version: p.go,
        ..RunConfig::default()
    };
    let mut times = Vec::new();
    let mut last: Option<Result<ExploreReport, String>> = None;
    for _ in 0..runs {
        let t = Instant::now();
        let r = explore(&p.source, &cfg, ExploreConfig::default());
        times.push(t.elapsed().as_secs_f64());
        last = Some(r);
    }
    let t = median(times);
    match last {
        Some(Ok(r)) => println!(
            "| {} | {} | {} | {} | {} | {} | {} | {} | {:.1} ms |",
            p.label,
            version_name(p.go),
            r.outcomes.len(),
            classes(&r),
            r.schedules,
            r.states,
            if r.complete { "yes" } else { "no" },
            r.modes.join(", "),
            t * 1e3
        ),
        Some(Err(e)) => println!(
            "| {} | {} | error: {} | | | | | | {:.1} ms |",
            p.label,
            version_name(p.go),
            e.lines().last().unwrap_or("").replace('|', "\\|"),
            t * 1e3
        ),
        None => {}
    }
}

/// Runs this binary on one program in a child process, so a program whose
/// exploration runs away is killed after `limit` instead of stalling the
/// whole table. Returns the child's row and its wall time.
fn measure_in_child(label: &str, go: GoVersion, runs: usize, limit: Duration) -> (String, f64) {
    let exe = match std::env::current_exe() {
        Ok(e) => e,
        Err(e) => {
            return (
                format!("| {} | | cannot re-run myself: {} |", label, e),
                0.0,
            )
        }
    };
    let start = Instant::now();
    let child = Command::new(exe)
        .args(["--one", label, "--runs", &runs.to_string()])
        .stdout(Stdio::piped())
        .spawn();
    let mut child = match child {
        Ok(c) => c,
        Err(e) => return (format!("| {} | | cannot spawn: {} |", label, e), 0.0),
    };
    loop {
        match child.try_wait() {
            Ok(Some(_)) => break,
            Ok(None) if start.elapsed() > limit => {
                let _ = child.kill();
                let _ = child.wait();
                let secs = start.elapsed().as_secs_f64();
                return (
                    format!(
                        "| {} | {} | killed: not finished after {:.0} s | | | | | | > {:.0} s |",
                        label,
                        version_name(go),
                        limit.as_secs_f64(),
                        limit.as_secs_f64() / runs as f64
                    ),
                    secs,
                );
            }
            Ok(None) => std::thread::sleep(Duration::from_millis(20)),
            Err(e) => return (format!("| {} | | wait failed: {} |", label, e), 0.0),
        }
    }
    let secs = start.elapsed().as_secs_f64();
    let mut out = String::new();
    if let Some(mut so) = child.stdout.take() {
        let _ = so.read_to_string(&mut out);
    }
    (out.trim_end().to_string(), secs)
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
    let dir: PathBuf = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../cases");
    let mut files: Vec<PathBuf> = match std::fs::read_dir(&dir) {
        Ok(rd) => rd
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|x| x == "toml"))
            .collect(),
        Err(e) => {
            eprintln!("explore_bench: cannot read cases/: {}", e);
            std::process::exit(2);
        }
    };
    files.sort();
    let mut programs = Vec::new();
    for f in &files {
        match load_case(f) {
            Ok(ps) => programs.extend(ps),
            Err(e) => eprintln!("explore_bench: skipping {}", e),
        }
    }
    if let Some(label) = one {
        match programs.iter().find(|p| p.label == label) {
            Some(p) => measure(p, runs),
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
        let (row, secs) = measure_in_child(&p.label, p.go, runs, Duration::from_secs_f64(limit));
        eprintln!("{} done in {:.2} s", p.label, secs);
        println!("{}", row);
        total += secs;
        count += 1;
    }
    println!();
    println!(
        "{} programs; {:.1} s wall in all ({} runs each, child processes, compile included).",
        count, total, runs
    );
}
