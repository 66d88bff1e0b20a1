//! What the many-goroutine benches share: the program (N goroutines parked
//! on one mutex, then a deadlock on the WaitGroup), their options and the
//! timing helpers.

use std::time::Instant;

/// The program with `n` goroutines.
pub fn program(n: usize) -> String {
    PROGRAM.replace("N;", &format!("{n};"))
}

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
		}()
		runtime.Gosched()
	}
	wg.Wait()
}
";

/// The median of `v` (which must not be empty).
pub fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(f64::total_cmp);
    v[v.len() / 2]
}

/// Milliseconds since `t`.
#[allow(dead_code)]
pub fn ms(t: Instant) -> f64 {
    t.elapsed().as_secs_f64() * 1e3
}

/// The number after `--name` on the command line, or `default`.
pub fn arg(name: &str, default: usize) -> usize {
    let args: Vec<String> = std::env::args().collect();
    args.iter()
        .position(|a| a == name)
        .and_then(|i| args.get(i + 1))
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}
