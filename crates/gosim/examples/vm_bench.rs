//! Times the gosim VM on the benchmark programs in `crates/gosim/bench/`
//! (a benchmark, not a test: it prints numbers and asserts nothing about
//! time).
//!
//! Each program is compiled once, then run to its end several times on the
//! default (Go-like, GOMAXPROCS=1) schedule by driving a `Vm` directly, the
//! same loop `gosim::run` uses. It reports the median wall and thread-CPU
//! time, the executed instruction count (`Vm::steps`) and derived rates:
//! instructions/s and the program's own unit (channel messages, lock pairs
//! or loop iterations) per second. One extra `gosim::run` call per program
//! checks that the public entry point prints the same checksum.
//!
//! Real Go's times, measured by `crates/gosim/bench/run.sh` in the same
//! run, can be passed in so the table carries the slowdown ratio:
//!
//! ```text
//! cargo run --release -p gosim --example vm_bench -- [--runs N] [--only NAME]
//!     [--go NAME=WALL_S,CPU_S,WALL_DEFAULT_S] [--go-out NAME=STDOUT] ...
//! ```
//!
//! It must not change gosim: it only reads the VM's public fields.

// Native-only code: the wasm-size rule against the standard sorts
// (clippy.toml) does not apply.
#![allow(clippy::disallowed_methods)]

use gosim::schedule::Point;
use gosim::vm::machine::{Ending, Vm, VmConfig};
use gosim::RunConfig;
use std::collections::HashMap;
use std::time::Instant;

struct Bench {
    name: &'static str,
    src: &'static str,
    /// What one unit of work is, and how many the program does.
    unit: &'static str,
    units: u64,
    /// The program's output; real Go prints the same (run.sh checks it).
    expected: &'static str,
}

const BENCHES: &[Bench] = &[
    Bench {
        name: "pingpong",
        src: include_str!("../bench/pingpong.go"),
        unit: "messages",
        units: 1_000_000,
        expected: "pingpong messages: 1000000 checksum: 125000250000\n",
    },
    Bench {
        name: "mutex",
        src: include_str!("../bench/mutex.go"),
        unit: "lock pairs",
        units: 1_000_000,
        expected: "mutex lock pairs: 1000000 checksum: 1000000\n",
    },
    Bench {
        name: "arith",
        src: include_str!("../bench/arith.go"),
        unit: "iterations",
        units: 10_000_000,
        expected: "arith iterations: 10000000 checksum: 4827614281196853249\n",
    },
];

/// Nanoseconds this thread has spent on a CPU, if the OS tells us (a loaded
/// machine inflates wall time but not this).
fn thread_cpu_ns() -> Option<u64> {
    let s = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    s.split_whitespace().next()?.parse().ok()
}

struct Run {
    wall: f64,
    cpu: Option<f64>,
    steps: u64,
    points: u64,
    stdout: String,
    ending: Option<Ending>,
}

/// Runs `prog` to its end on the default schedule (choice 0 everywhere).
fn run_once(prog: &std::rc::Rc<gosim::vm::op::Program>) -> Run {
    let cfg = VmConfig {
        max_steps: u64::MAX,
        max_memory: u64::MAX,
        ..VmConfig::default()
    };
    let cpu0 = thread_cpu_ns();
    let start = Instant::now();
    let mut vm = Vm::new(prog.clone(), cfg);
    let mut points = 0u64;
    while vm.point() != Point::Ended {
        vm.step(0);
        points += 1;
    }
    let wall = start.elapsed().as_secs_f64();
    let cpu = match (cpu0, thread_cpu_ns()) {
        (Some(a), Some(b)) => Some(b.saturating_sub(a) as f64 / 1e9),
        _ => None,
    };
    Run {
        wall,
        cpu,
        steps: vm.steps,
        points,
        stdout: String::from_utf8_lossy(&vm.stdout).into_owned(),
        ending: vm.ending.clone(),
    }
}

fn median(mut xs: Vec<f64>) -> f64 {
    xs.sort_by(|a, b| a.total_cmp(b));
    let n = xs.len();
    if n == 0 {
        return f64::NAN;
    }
    if n % 2 == 1 {
        xs[n / 2]
    } else {
        (xs[n / 2 - 1] + xs[n / 2]) / 2.0
    }
}

/// Real Go's medians for one program, from run.sh.
#[derive(Clone, Copy)]
struct GoTimes {
    wall_p1: f64,
    cpu_p1: f64,
    wall_default: f64,
}

struct Args {
    runs: usize,
    only: Option<String>,
    go: HashMap<String, GoTimes>,
    /// Real Go's stdout per program (without the final newline).
    go_out: HashMap<String, String>,
}

fn parse_args() -> Result<Args, String> {
    let mut a = Args {
        runs: 5,
        only: None,
        go: HashMap::new(),
        go_out: HashMap::new(),
    };
    let mut it = std::env::args().skip(1);
    while let Some(flag) = it.next() {
        let mut value = || it.next().ok_or_else(|| format!("{} needs a value", flag));
        match flag.as_str() {
            "--runs" => {
                a.runs = value()?
                    .parse()
                    .map_err(|_| "--runs wants a number".to_string())?
            }
            "--only" => a.only = Some(value()?),
            "--go-out" => {
                let v = value()?;
                let (name, text) = v.split_once('=').ok_or("--go-out wants NAME=STDOUT")?;
                a.go_out.insert(name.to_string(), text.to_string());
            }
            "--go" => {
                let v = value()?;
                let (name, times) = v
                    .split_once('=')
                    .ok_or("--go wants NAME=WALL_S,CPU_S,WALL_DEFAULT_S")?;
                let t: Vec<f64> = times
                    .split(',')
                    .map(|x| x.parse::<f64>())
                    .collect::<Result<_, _>>()
                    .map_err(|_| format!("bad --go times {:?}", times))?;
                if t.len() != 3 {
                    return Err("--go wants NAME=WALL_S,CPU_S,WALL_DEFAULT_S".into());
                }
                a.go.insert(
                    name.to_string(),
                    GoTimes {
                        wall_p1: t[0],
                        cpu_p1: t[1],
                        wall_default: t[2],
                    },
                );
            }
            other => return Err(format!("unknown argument {:?}", other)),
        }
    }
    Ok(a)
}

fn rate(n: f64, secs: f64) -> String {
    let r = n / secs;
    if r >= 1e6 {
        format!("{:.1} M/s", r / 1e6)
    } else {
        format!("{:.0} k/s", r / 1e3)
    }
}

fn main() {
    let args = match parse_args() {
        Ok(a) => a,
        Err(e) => {
            eprintln!("vm_bench: {}", e);
            std::process::exit(2);
        }
    };
    let runs = args.runs.max(1);
    let mut rows = Vec::new();
    // (name, instructions/s, units/s) for the goal check, from CPU time.
    let mut rates: Vec<(&str, f64, f64)> = Vec::new();
    let mut details = Vec::new();
    let mut failed = false;
    for b in BENCHES {
        if args.only.as_deref().is_some_and(|o| o != b.name) {
            continue;
        }
        let cfg = RunConfig {
            max_steps: u64::MAX,
            ..RunConfig::default()
        };
        let t = Instant::now();
        let prog = match gosim::compile(b.src, &cfg) {
            Ok(p) => p,
            Err(e) => {
                eprintln!("{}: does not compile:\n{}", b.name, e);
                failed = true;
                continue;
            }
        };
        let compile_s = t.elapsed().as_secs_f64();
        let mut walls = Vec::new();
        let mut cpus = Vec::new();
        let mut last = None;
        for i in 0..runs {
            let r = run_once(&prog);
            eprintln!(
                "{} run {}: {:.3} s wall, {} s cpu, {} steps",
                b.name,
                i + 1,
                r.wall,
                r.cpu.map(|c| format!("{:.3}", c)).unwrap_or("?".into()),
                r.steps
            );
            walls.push(r.wall);
            if let Some(c) = r.cpu {
                cpus.push(c);
            }
            last = Some(r);
        }
        let Some(r) = last else { continue };
        if r.stdout != b.expected || r.ending != Some(Ending::Exit(0)) {
            eprintln!(
                "{}: wrong result: ending {:?}, stdout {:?}, expected {:?}",
                b.name, r.ending, r.stdout, b.expected
            );
            failed = true;
        }
        let agrees = match args.go_out.get(b.name) {
            Some(go_out) if go_out.trim_end() == r.stdout.trim_end() => "yes",
            Some(go_out) => {
                eprintln!(
                    "{}: real Go printed {:?}, gosim {:?}",
                    b.name, go_out, r.stdout
                );
                failed = true;
                "NO"
            }
            None => "not compared",
        };
        // The public entry point (compile + run) must agree.
        let t = Instant::now();
        let via_run = gosim::run(b.src, &cfg);
        let run_api_s = t.elapsed().as_secs_f64();
        if via_run.stdout != b.expected.as_bytes() || via_run.exit_code != Some(0) {
            eprintln!(
                "{}: gosim::run disagrees: exit {:?}, stdout {:?}",
                b.name,
                via_run.exit_code,
                String::from_utf8_lossy(&via_run.stdout)
            );
            failed = true;
        }
        let wall = median(walls);
        let cpu = median(cpus);
        let go = args.go.get(b.name).copied();
        let ratio = |num: f64, den: Option<f64>| match den {
            Some(d) if d > 0.0 => format!("{:.0}×", num / d),
            _ => "–".to_string(),
        };
        rates.push((b.name, r.steps as f64 / cpu, b.units as f64 / cpu));
        rows.push(format!(
            "| {} | {} | {} | {:.3} s | {:.3} s | {} | {} | {} | {} {} | {:.1} |",
            b.name,
            go.map(|g| format!("{:.3} s ({:.3} s)", g.wall_p1, g.cpu_p1))
                .unwrap_or("–".into()),
            go.map(|g| format!("{:.3} s", g.wall_default))
                .unwrap_or("–".into()),
            wall,
            cpu,
            ratio(wall, go.map(|g| g.wall_p1)),
            ratio(cpu, go.map(|g| g.cpu_p1)),
            rate(r.steps as f64, cpu),
            rate(b.units as f64, cpu),
            b.unit,
            r.steps as f64 / b.units as f64,
        ));
        details.push(format!(
            "| {} | {:.1} ms | {} | {} | {:.3} s | {} | {} |",
            b.name,
            compile_s * 1e3,
            r.steps,
            r.points,
            run_api_s,
            r.stdout.trim_end(),
            agrees
        ));
    }
    println!(
        "| program | Go GOMAXPROCS=1 wall (cpu) | Go default wall | gosim wall | gosim cpu | slowdown (wall) | \
         slowdown (cpu) | gosim instructions/s (cpu) | gosim work/s (cpu) | instructions per unit |"
    );
    println!("|---|---|---|---|---|---|---|---|---|---|");
    for r in &rows {
        println!("{}", r);
    }
    println!();
    println!(
        "| program | gosim compile | instructions | choice points | gosim::run (compile + run, once) | gosim output | same as real Go |"
    );
    println!("|---|---|---|---|---|---|---|");
    for d in &details {
        println!("{}", d);
    }
    println!();
    let get = |name: &str| rates.iter().find(|r| r.0 == name).copied();
    let verdict = |ok: bool| if ok { "met" } else { "NOT met" };
    if let Some((_, ips, _)) = get("arith") {
        println!(
            "Goal (issue 3): simple VM operations ≥ 20 M/s natively: arith runs {:.1} M \
             instructions/s: {}.",
            ips / 1e6,
            verdict(ips >= 20e6)
        );
    }
    if let Some((_, _, mps)) = get("pingpong") {
        println!(
            "Goal (issue 3): channel hand-offs ≥ 2 M/s: pingpong hands off {:.2} M messages/s: {}.",
            mps / 1e6,
            verdict(mps >= 2e6)
        );
    }
    if failed {
        std::process::exit(1);
    }
}
