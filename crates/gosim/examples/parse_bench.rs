//! Measures lexing and parsing speed on a ~250-line program that touches
//! the whole subset (a benchmark, not a test: it prints numbers).
//!
//! Reports CPU time of this thread (from /proc on Linux, so a loaded
//! machine does not inflate it) next to wall-clock time.
//!
//! Run: `cargo run --release -p gosim --example parse_bench`

use std::hint::black_box;
use std::time::Instant;

const SRC: &str = include_str!("../tests/syntax/ast/subset.go");

/// Nanoseconds this thread has spent on a CPU, if the OS tells us.
fn thread_cpu_ns() -> Option<u64> {
    let s = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    s.split_whitespace().next()?.parse().ok()
}

/// (wall, cpu) seconds per iteration.
fn time_per_iter(iters: u32, mut f: impl FnMut()) -> (f64, Option<f64>) {
    f(); // warm up
    let cpu0 = thread_cpu_ns();
    let start = Instant::now();
    for _ in 0..iters {
        f();
    }
    let wall = start.elapsed().as_secs_f64() / iters as f64;
    let cpu = match (cpu0, thread_cpu_ns()) {
        (Some(a), Some(b)) => Some((b - a) as f64 / 1e9 / iters as f64),
        _ => None,
    };
    (wall, cpu)
}

fn show(what: &str, (wall, cpu): (f64, Option<f64>), lines: usize) {
    let cpu = cpu.map(|c| {
        format!(
            "{:8.1} us cpu, {:.2} us/line",
            c * 1e6,
            c * 1e6 / lines as f64
        )
    });
    println!(
        "{:12} {:8.1} us wall   {}",
        what,
        wall * 1e6,
        cpu.unwrap_or_default()
    );
}

fn main() {
    let lines = SRC.lines().count();
    let iters = 2000;
    let lex = time_per_iter(iters, || {
        black_box(gosim::syntax::lex(black_box(SRC)));
    });
    let parse = time_per_iter(iters, || {
        black_box(gosim::syntax::parse(black_box(SRC)));
    });
    println!(
        "program: {} lines, {} bytes, {} runs each",
        lines,
        SRC.len(),
        iters
    );
    show("lex", lex, lines);
    show("lex+parse", parse, lines);
    println!("reproduce: cargo run --release -p gosim --example parse_bench");
}
