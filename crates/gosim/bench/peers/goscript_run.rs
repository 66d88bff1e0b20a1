//! A command-line runner for goscript (github.com/oxfeeefeee/goscript), built by
//! `crates/gosim/bench/peers.sh` against goscript's `go-engine` crate in target/peers/.
//! goscript ships no command of its own; this is the smallest one: run FILE.go with
//! goscript's Go standard library sources from STD_DIR, writing the program's output
//! to stdout. Exit status: 0 done, 1 compile errors, 2 a Go panic.
//!
//! Usage: goscript-run STD_DIR FILE.go

use std::cell::Cell;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::rc::Rc;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [std_dir, file] = args.as_slice() else {
        eprintln!("usage: goscript-run STD_DIR FILE.go");
        return ExitCode::from(64);
    };
    let panicked = Rc::new(Cell::new(false));
    let seen = panicked.clone();
    let handler: Rc<dyn Fn(String, String)> = Rc::new(move |msg: String, stack: String| {
        eprintln!("panic: {msg}\n{stack}");
        seen.set(true);
    });
    let reader = go_engine::SourceReader::local_fs(PathBuf::from(std_dir), PathBuf::from("./"));
    let result = go_engine::run(
        go_engine::Config::default(),
        &reader,
        Path::new(file),
        Some(handler),
    );
    match result {
        Err(errors) => {
            errors.sort();
            eprint!("{errors}");
            ExitCode::from(1)
        }
        Ok(()) if panicked.get() => ExitCode::from(2),
        Ok(()) => ExitCode::SUCCESS,
    }
}
