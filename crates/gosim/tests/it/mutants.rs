//! A mutation fuzzer over whole programs: the corpus and the talk's cases,
//! mutated (hostile statements put in blocks, literals made huge,
//! statements put in loops, lines duplicated, swapped or dropped, names
//! swapped, tokens inserted), go through the checker, a run, an
//! exploration and a stepped session with snapshots, within small budgets, on a
//! thread with a small stack (the wasm32 stack is 1 MiB). None may panic,
//! overflow the stack or run past its budgets. A fixed number of mutants
//! runs in `cargo test`; `GOSIM_MUTANTS=N` (and `GOSIM_MUTANTS_SEED`) run
//! more by hand, and `crates/gosim/fuzz` has cargo-fuzz targets for long
//! runs.

use std::panic::{catch_unwind, AssertUnwindSafe};

use gosim::explore::{ExploreConfig, Explorer};
use gosim::session::{Session, StepBy};
use gosim::{RunConfig, SplitMix};

use crate::support::{cases, test_data};

/// Every program of the corpus and every case's source and fixes.
fn seeds() -> Vec<String> {
    let mut out = Vec::new();
    let dir = test_data("corpus");
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .expect("the corpus directory")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "go"))
        .collect();
    files.sort();
    for f in files {
        out.push(std::fs::read_to_string(&f).expect("a readable corpus program"));
    }
    for (_, case) in cases() {
        out.push(case.source.clone());
        out.extend(case.fixes.iter().map(|f| f.source.clone()));
    }
    out
}

fn below(r: &mut SplitMix, n: usize) -> usize {
    r.below(n.max(1) as u64) as usize
}

/// Statements a mutation may put into a block: each is valid Go on its own
/// and hostile in its way (deep values, doubling strings, big keys,
/// goroutines that never end, recursion, panics, long loops).
const STATEMENTS: &[&str] = &[
    "for i := 0; i < 1<<20; i++ { _ = i }",
    "go func() { select {} }()",
    "{ s := \"x\"; for i := 0; i < 40; i++ { s += s }; _ = s }",
    "{ var x any; for i := 0; i < 100000; i++ { x = [1]any{x} }; _ = x == x }",
    "{ m := map[[64]int]int{}; var k [64]int; for i := 0; i < 100000; i++ { k[0] = i; m[k] = i } }",
    "{ ch := make(chan int); go func() { ch <- 1 }(); <-ch }",
    "{ defer func() { recover() }(); var p *int; _ = *p }",
    "{ a := make([]int, 1<<16); for i := 0; i < 8; i++ { a = append(a, a...) }; _ = a }",
    "{ var f func(int) int; f = func(n int) int { if n == 0 { return 0 }; return f(n-1) + 1 }; _ = f(1 << 20) }",
    "println(\"mutant\")",
    "{ c := make(chan int, 1); close(c); close(c) }",
    "{ var cs [2]chan int; select { case <-cs[0]: case cs[1] <- 1: default: } }",
    "for i := 0; i < 100000; i++ { go func() {}() }",
    "{ var big [1 << 16][16]int; for i := range big { big[i][0] = i }; _ = big }",
    "{ type deep struct{ a, b [2]int }; var d [1 << 12]deep; _ = d == d }",
];

/// Text a mutation may put inside a line: hostile sizes and plain tokens.
const TOKENS: &[&str] = &[
    "1<<62",
    "99999999999999999999",
    "0x7fffffffffffffff",
    "-1",
    "1e308",
    "go ",
    "<-",
    "defer ",
    "nil",
    "*",
    "&",
    "(",
    ")",
    "{",
    "}",
    "[",
    "]",
    "...",
    ";",
    "\"",
    "`",
];

/// One random change to `src`, mostly ones that keep it compiling.
fn mutate_once(r: &mut SplitMix, src: &str) -> String {
    let lines: Vec<&str> = src.lines().collect();
    if lines.is_empty() {
        return src.to_string();
    }
    let i = below(r, lines.len());
    let j = below(r, lines.len());
    let mut out: Vec<String> = lines.iter().map(|l| l.to_string()).collect();
    match r.below(20) {
        0..=5 => {
            // A statement at the start of a block.
            let blocks: Vec<usize> = (0..out.len())
                .filter(|&k| out[k].starts_with('\t') && out[k].trim_end().ends_with('{'))
                .collect();
            if !blocks.is_empty() {
                let at = blocks[below(r, blocks.len())];
                let stmt = STATEMENTS[below(r, STATEMENTS.len())];
                out.insert(at + 1, format!("\t{stmt}"));
            }
        }
        6..=8 => {
            // A number made huge.
            let l = &out[i];
            if let Some(at) = l.find(|c: char| c.is_ascii_digit()) {
                let end = l[at..]
                    .find(|c: char| !c.is_ascii_alphanumeric() && c != '_')
                    .map_or(l.len(), |e| at + e);
                let big = ["1<<40", "1<<62", "100000000", "0x7fffffff", "-1"][below(r, 5)];
                out[i] = format!("{}{}{}", &l[..at], big, &l[end..]);
            }
        }
        9..=11 => {
            // A statement in a long loop.
            let l = out[i].trim().to_string();
            let simple = out[i].starts_with('\t')
                && !l.ends_with('{')
                && !l.starts_with('}')
                && !l.starts_with("case")
                && !l.starts_with("default")
                && !l.starts_with("return")
                && !l.contains(":=");
            if simple {
                out[i] = format!("\tfor mutant := 0; mutant < 100000; mutant++ {{ {l} }}");
            }
        }
        12 | 13 => {
            let l = out[i].clone();
            for _ in 0..1 + below(r, 3) {
                out.insert(i, l.clone());
            }
        }
        14 => out.swap(i, j),
        15 => {
            out.remove(i);
        }
        16 | 17 => {
            // One name for another.
            let words: Vec<&str> = src
                .split(|c: char| !c.is_alphanumeric() && c != '_')
                .filter(|w| w.chars().next().is_some_and(char::is_alphabetic))
                .collect();
            if words.len() >= 2 {
                let a = words[below(r, words.len())];
                let b = words[below(r, words.len())];
                out[i] = out[i].replacen(a, b, 1);
            }
        }
        _ => {
            let ins = TOKENS[below(r, TOKENS.len())];
            let l = out[i].clone();
            let at = below(r, l.len() + 1);
            let at = (0..=at).rev().find(|&k| l.is_char_boundary(k)).unwrap_or(0);
            out[i] = format!("{}{}{}", &l[..at], ins, &l[at..]);
        }
    }
    out.join("\n") + "\n"
}

/// The mutant through check, run and explore, within small budgets;
/// whether it compiled.
fn exercise(src: &str) -> bool {
    let cfg = RunConfig {
        max_steps: 60_000,
        max_memory: 16 << 20,
        ..RunConfig::default()
    };
    if gosim::compile(src, &cfg).is_err() {
        return false;
    }
    let _ = gosim::run(src, &cfg);
    let ecfg = ExploreConfig {
        max_schedules: 50,
        random_runs: 2,
        max_steps_per_run: 30_000,
        max_work: 60_000,
        max_memory: 16 << 20,
        ..ExploreConfig::default()
    };
    if let Ok(mut e) = Explorer::new(src, &cfg, ecfg) {
        let _ = e.run_to_end();
    }
    // The player's path: step, picture, go back, picture again.
    if let Ok(mut s) = Session::new(src, &cfg, StepBy::Statement) {
        s.run(400);
        let _ = s.snapshot();
        s.goto(s.position() / 2);
        let _ = s.snapshot();
    }
    true
}

fn env(name: &str, default: u64) -> u64 {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

#[test]
fn mutated_programs_check_run_and_explore_within_their_budgets() {
    let seeds = seeds();
    let count = env("GOSIM_MUTANTS", 400) as usize;
    let mut r = SplitMix(env("GOSIM_MUTANTS_SEED", 11));
    let mutants: Vec<String> = (0..count)
        .map(|_| {
            let mut src = seeds[below(&mut r, seeds.len())].clone();
            for _ in 0..1 + below(&mut r, 2) {
                src = mutate_once(&mut r, &src);
            }
            src
        })
        .collect();
    // A small stack, as in wasm32 (a debug build needs more per frame than
    // a release one, so 2 MiB here is the tighter bound).
    let n = mutants.len();
    let (failures, compiled) = std::thread::Builder::new()
        .stack_size(2 << 20)
        .spawn(move || {
            let mut failures = Vec::new();
            let mut compiled = 0;
            for (i, m) in mutants.iter().enumerate() {
                match catch_unwind(AssertUnwindSafe(|| exercise(m))) {
                    Ok(ok) => compiled += usize::from(ok),
                    Err(_) => failures.push(format!("mutant #{i}:\n{m}")),
                }
            }
            (failures, compiled)
        })
        .expect("spawn the fuzzing thread")
        .join()
        .expect("no stack overflow");
    eprintln!("{compiled} of {n} mutants compiled");
    // Mutants that still compile are the ones that run and explore.
    assert!(
        compiled * 4 >= n,
        "only {compiled} of {n} mutants compile: the mutations are too crude"
    );
    assert!(
        failures.is_empty(),
        "{} mutants panicked:\n{}",
        failures.len(),
        failures.join("\n----\n")
    );
}
