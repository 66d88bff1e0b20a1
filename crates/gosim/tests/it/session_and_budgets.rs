//! Stepping, exact step-back, schedules as shareable values, budgets that
//! stop runaway programs with a verdict, and the resource series that
//! shows case 16's timer pile-up.

use gosim::schedule::Point;
use gosim::session::{Session, StepBy};
use gosim::snapshot::{ObjectKind, OutcomeClass, TimerState};
use gosim::{GoVersion, RunConfig};

use crate::support::case_file;

#[test]
fn stepping_forward_then_back_restores_the_exact_state() {
    let mut s = Session::new(
        &case_file(4).source,
        &RunConfig::default(),
        StepBy::Statement,
    )
    .expect("compiles");
    let mut hashes = vec![s.state_hash()];
    for _ in 0..25 {
        if !s.step(0) {
            break;
        }
        hashes.push(s.state_hash());
    }
    let n = s.position();
    assert!(n >= 10, "the program takes steps");
    for k in (0..n).rev() {
        s.back();
        assert_eq!(s.position(), k);
        assert_eq!(s.state_hash(), hashes[k], "state after {} steps", k);
    }
}

#[test]
fn case4_ends_with_a_full_channel_and_a_parked_sender() {
    let mut s = Session::new(
        &case_file(4).source,
        &RunConfig::default(),
        StepBy::SchedulingPoint,
    )
    .expect("compiles");
    s.run(10_000);
    let snap = s.snapshot();
    let ending = snap.ending.as_ref().expect("the run ended");
    assert_eq!(ending.class, OutcomeClass::Deadlock);
    assert_eq!(
        ending.message,
        "fatal error: all goroutines are asleep - deadlock!"
    );
    let ch = snap
        .objects
        .iter()
        .find(|o| o.name.as_deref() == Some("ch"))
        .expect("the channel is named after its variable");
    match &ch.kind {
        ObjectKind::Channel {
            cap,
            len,
            sendq,
            buffer,
            ..
        } => {
            assert_eq!((*cap, *len), (1, 1));
            assert_eq!(buffer.len(), 1);
            assert_eq!(sendq.len(), 1, "the producer is parked on sendq");
            assert_eq!(
                sendq[0].value.as_deref(),
                Some("2"),
                "0 was received, 1 is buffered, 2 waits"
            );
        }
        other => panic!("not a channel: {:?}", other),
    }
    // The wait-for graph: the producer waits on ch for the consumer, the
    // consumer on the mutex its producer holds, main on the WaitGroup both
    // of them could still Done: every waker is itself waiting.
    let edge = |reason: &str| {
        snap.wait_for
            .iter()
            .find(|e| e.reason == reason)
            .unwrap_or_else(|| panic!("an edge for {}: {:?}", reason, snap.wait_for))
    };
    let (send, lock, wait) = (
        edge("chan send"),
        edge("sync.Mutex.Lock"),
        edge("sync.WaitGroup.Wait"),
    );
    assert_eq!(send.object_name.as_deref(), Some("ch"));
    assert!(send.wakers.contains(&lock.g), "{:?}", send.wakers);
    assert_eq!(lock.object_name.as_deref(), Some("l"));
    assert_eq!(lock.wakers, vec![send.g]);
    assert!(
        wait.wakers.contains(&send.g) && wait.wakers.contains(&lock.g),
        "{:?}",
        wait.wakers
    );
    let waiting: Vec<u32> = snap.wait_for.iter().map(|e| e.g).collect();
    assert!(
        snap.wait_for
            .iter()
            .all(|e| !e.wakers.is_empty() && e.wakers.iter().all(|w| waiting.contains(w))),
        "a deadlock: every waker waits too"
    );
    let waits: Vec<Option<String>> = snap
        .goroutines
        .iter()
        .map(|g| g.wait_reason.clone())
        .collect();
    assert!(waits.contains(&Some("chan send".into())));
    assert!(waits.contains(&Some("sync.Mutex.Lock".into())));
    assert!(waits.contains(&Some("sync.WaitGroup.Wait".into())));
}

#[test]
fn picking_a_goroutine_runs_it_and_its_schedule_replays_it() {
    let src = "package main\n\nimport \"fmt\"\n\nfunc main() {\n\tdone := make(chan bool)\n\tgo func() {\n\t\tfmt.Println(\"a\")\n\t\tdone <- true\n\t}()\n\tgo func() {\n\t\tfmt.Println(\"b\")\n\t\tdone <- true\n\t}()\n\t<-done\n\t<-done\n}\n";
    let mut s =
        Session::new(src, &RunConfig::default(), StepBy::SchedulingPoint).expect("compiles");
    // Run until both goroutines exist and main has blocked.
    while let Point::Schedule { options } = s.point() {
        if options.len() > 1 {
            break;
        }
        s.step(0);
    }
    let Point::Schedule { options } = s.point() else {
        panic!("a scheduling choice")
    };
    let last = *options.last().expect("options");
    assert!(s.step_goroutine(last));
    s.run(1000);
    let out = s.snapshot().stdout;
    let schedule = s.choices();
    assert_eq!(schedule.switches(), 1, "one pick away from Go's order");
    let mut again =
        Session::new(src, &RunConfig::default(), StepBy::SchedulingPoint).expect("compiles");
    assert_eq!(again.load(&schedule, None, 100_000), None);
    assert_eq!(again.snapshot().stdout, out);
    // Through its text form, as links and the CLI carry it.
    let text = schedule.to_string();
    let mut third =
        Session::new(src, &RunConfig::default(), StepBy::SchedulingPoint).expect("compiles");
    third.load(&text.parse().expect("valid"), None, 100_000);
    assert_eq!(third.snapshot().stdout, out);
}

#[test]
fn an_endless_loop_stops_with_a_budget_verdict() {
    let src = "package main\n\nimport \"fmt\"\n\nfunc main() {\n\tx := 0\n\tfor {\n\t\tx++\n\t\tif x < 0 {\n\t\t\tfmt.Println(x)\n\t\t}\n\t}\n}\n";
    let r = gosim::run(
        src,
        &RunConfig {
            max_steps: 100_000,
            ..Default::default()
        },
    );
    assert_eq!(r.exit_code, None);
    let err = String::from_utf8_lossy(&r.stderr);
    assert!(err.contains("stopped after 100000 steps"), "{}", err);
}

#[test]
fn a_busy_loop_is_told_apart_from_slow_work() {
    let spin = "package main\n\nfunc main() {\n\tch := make(chan int)\n\tclose(ch)\n\tfor {\n\t\t<-ch\n\t}\n}\n";
    let r = gosim::run(
        spin,
        &RunConfig {
            max_steps: 200_000,
            ..Default::default()
        },
    );
    assert!(
        String::from_utf8_lossy(&r.stderr).contains("a busy loop"),
        "{}",
        String::from_utf8_lossy(&r.stderr)
    );
    let pingpong = "package main\n\nfunc main() {\n\tping, pong := make(chan int), make(chan int)\n\tgo func() {\n\t\tfor v := range ping {\n\t\t\tpong <- v\n\t\t}\n\t}()\n\tfor i := 0; ; i++ {\n\t\tping <- i\n\t\t<-pong\n\t}\n}\n";
    let r = gosim::run(
        pingpong,
        &RunConfig {
            max_steps: 200_000,
            ..Default::default()
        },
    );
    let err = String::from_utf8_lossy(&r.stderr);
    assert!(
        err.contains("stopped after 200000 steps") && !err.contains("busy loop"),
        "{}",
        err
    );
    // Computing without synchronizing is not spinning: a deep recursion
    // (no variable written, only calls) and a counting loop.
    let fib = "package main\n\nfunc fib(n int) int {\n\tif n < 2 {\n\t\treturn n\n\t}\n\treturn fib(n-1) + fib(n-2)\n}\n\nfunc main() { println(fib(60)) }\n";
    let count = "package main\n\nfunc main() {\n\tn := 0\n\tfor i := 0; i < 1e15; i++ {\n\t\tn += i % 7\n\t}\n\tprintln(n)\n}\n";
    // A flag nobody sets, read in a loop: the scheduler never runs the
    // writer, and nothing in the loop changes.
    let flag = "package main\n\nvar done bool\n\nfunc main() {\n\tgo func() { done = true }()\n\tfor !done {\n\t}\n}\n";
    for (src, busy) in [(fib, false), (count, false), (flag, true)] {
        let r = gosim::run(
            src,
            &RunConfig {
                max_steps: 200_000,
                ..Default::default()
            },
        );
        let err = String::from_utf8_lossy(&r.stderr);
        assert!(err.contains("stopped after 200000 steps"), "{err}");
        assert_eq!(err.contains("a busy loop"), busy, "{src}: {err}");
        assert_eq!(err.contains("computing"), !busy, "{src}: {err}");
    }
}

#[test]
fn a_huge_allocation_ends_with_a_clear_error() {
    let src = "package main\n\nimport \"fmt\"\n\nfunc main() {\n\ts := make([]int, 1<<40)\n\tfmt.Println(len(s))\n}\n";
    let r = gosim::run(src, &RunConfig::default());
    let err = String::from_utf8_lossy(&r.stderr);
    assert!(
        r.exit_code == Some(2) || r.exit_code.is_none(),
        "{:?}",
        r.exit_code
    );
    assert!(
        err.contains("makeslice: len out of range") || err.contains("memory"),
        "{}",
        err
    );
}

/// main waits for a value nobody sends while a ticker keeps firing into
/// its full channel: real Go hangs, and gosim used to advance the clock
/// forever inside one scheduling decision (its event log grew without
/// bound). Each wait for the next timer now costs a step.
#[test]
fn a_ticker_firing_while_nothing_can_run_stops_on_the_step_budget() {
    let src = "package main\n\nimport \"time\"\n\nfunc main() {\n\tt := time.NewTicker(time.Millisecond)\n\tdefer t.Stop()\n\tnever := make(chan int)\n\t<-never\n}\n";
    let cfg = RunConfig {
        max_steps: 5_000,
        ..RunConfig::default()
    };
    let r = gosim::run(src, &cfg);
    assert_eq!(r.exit_code, None);
}

#[test]
fn compile_errors_come_back_as_go_build_prints_them() {
    let src = "package main\n\nimport \"fmt\"\n\nfunc main() {\n\tx := 1\n}\n";
    let r = gosim::run(src, &RunConfig::default());
    assert_eq!(r.exit_code, Some(1));
    assert_eq!(String::from_utf8_lossy(&r.stderr), "# command-line-arguments\n./prog.go:3:8: \"fmt\" imported and not used\n./prog.go:6:2: declared and not used: x\n");
}

/// Case 16's loop: a new `time.After` timer on every busy iteration.
fn case16_session(v: GoVersion) -> Session {
    Session::new(
        &case_file(16).source,
        &RunConfig {
            go_version: v,
            ..Default::default()
        },
        StepBy::SchedulingPoint,
    )
    .expect("compiles")
}

fn peak_live_timers(v: GoVersion) -> u32 {
    let mut s = Session::new(
        &case_file(16).source,
        &RunConfig {
            go_version: v,
            ..Default::default()
        },
        StepBy::SchedulingPoint,
    )
    .expect("compiles");
    s.run(10_000_000);
    let snap = s.snapshot();
    assert_eq!(snap.stdout, "end with timeout: false\n");
    snap.resources.iter().map(|r| r.timers).max().unwrap_or(0)
}

#[test]
fn snapshot_marks_the_timers_the_runtime_holds() {
    for v in [GoVersion::GO1_22, GoVersion::CURRENT] {
        let mut s = case16_session(v);
        s.run(3_000);
        let snap = s.snapshot();
        let pending = snap
            .timers
            .iter()
            .filter(|t| t.state == TimerState::Pending)
            .count();
        let held = snap.timers.iter().filter(|t| t.held).count();
        assert!(
            pending > 100,
            "{v:?}: the loop leaves timers pending: {pending}"
        );
        assert!(snap
            .timers
            .iter()
            .all(|t| !t.held || t.state == TimerState::Pending));
        if v == GoVersion::GO1_22 {
            assert_eq!(
                held, pending,
                "before 1.23 the runtime holds every pending timer"
            );
        } else {
            assert!(
                held <= 2,
                "1.23+ holds only timers someone waits on: {held}"
            );
        }
    }
}

#[test]
fn case16_timers_pile_up_before_go123_only() {
    let old = peak_live_timers(GoVersion::GO1_22);
    let new = peak_live_timers(GoVersion::CURRENT);
    assert!(old > 1000, "pre-1.23 keeps every unfired timer: {}", old);
    assert!(new < 10, "1.23+ collects unreferenced timers: {}", new);
}

#[test]
fn a_once_shows_done_even_after_its_function_panicked() {
    let src = "package main\n\nimport (\n\t\"fmt\"\n\t\"sync\"\n)\n\nfunc main() {\n\tvar once sync.Once\n\tfunc() {\n\t\tdefer func() { recover() }()\n\t\tonce.Do(func() { panic(\"boom\") })\n\t}()\n\tonce.Do(func() { fmt.Println(\"never\") })\n\tfmt.Println(\"end\")\n}\n";
    let mut s = Session::new(src, &RunConfig::default(), StepBy::Statement).expect("compiles");
    let done_of = |s: &mut Session| {
        s.snapshot().objects.iter().find_map(|o| match o.kind {
            ObjectKind::Once { done } if o.name.as_deref() == Some("once") => Some(done),
            _ => None,
        })
    };
    assert_eq!(
        done_of(&mut s),
        None,
        "not in scope before its declaration runs"
    );
    s.step(0);
    s.step(0);
    assert_eq!(done_of(&mut s), Some(false));
    s.run(10_000);
    assert_eq!(s.snapshot().stdout, "end\n");
}

#[test]
fn an_unsupported_package_is_refused_naming_every_simulated_one() {
    let src = "package main\n\nimport \"encoding/json\"\n\nfunc main() {}\n";
    let r = gosim::run(src, &RunConfig::default());
    assert_eq!(r.exit_code, Some(1));
    let err = String::from_utf8_lossy(&r.stderr);
    assert!(
        err.contains(
            "./prog.go:3:8: package encoding/json is not supported by gosim (it simulates "
        ),
        "{err}"
    );
    for (path, _) in gosim::prelude::PACKAGES {
        assert!(err.contains(path), "{path} missing from {err}");
    }
}

#[test]
fn what_gosim_lacks_is_a_limitation_and_a_typo_is_undefined() {
    let errors = |src: &str| match gosim::compile(src, &RunConfig::default()) {
        Ok(_) => panic!("{src} compiled"),
        Err(e) => e.errors,
    };
    // A real name of a simulated package that gosim has not written.
    let e = errors("package main\n\nimport \"strings\"\n\nfunc main() {\n\t_ = strings.ToValidUTF8(\"a\", \"b\")\n}\n");
    assert_eq!(
        e[0].message,
        "strings.ToValidUTF8 is not supported by gosim yet"
    );
    assert!(e[0].limitation);
    // A name Go does not have either: Go's own words.
    let e =
        errors("package main\n\nimport \"strings\"\n\nfunc main() {\n\t_ = strings.Replacer2\n}\n");
    assert_eq!(e[0].message, "undefined: strings.Replacer2");
    assert!(!e[0].limitation);
    // A standard package gosim does not simulate, and one Go does not have.
    let e = errors("package main\n\nimport \"syscall\"\n\nfunc main() { syscall.Exit(0) }\n");
    assert!(e[0].limitation, "{:?}", e[0]);
    let e = errors("package main\n\nimport \"example.com/nope\"\n\nfunc main() { nope.X() }\n");
    assert_eq!(e[0].message, "package example.com/nope is not in std");
    assert!(!e[0].limitation);
    // A program error is not a limitation.
    let e = errors("package main\n\nfunc main() {\n\tx := 1\n}\n");
    assert!(!e[0].limitation);
}

#[test]
fn a_range_over_func_body_shows_its_variables_and_not_the_loop_state() {
    let src = "package main\n\nimport \"fmt\"\n\nfunc Pairs(yield func(string, int) bool) {\n\t_ = yield(\"a\", 1) && yield(\"b\", 2)\n}\n\nfunc main() {\n\ttotal := 0\n\tfor k, v := range Pairs {\n\t\ttotal += v\n\t\tfmt.Println(k, total)\n\t}\n}\n";
    let mut s = Session::new(src, &RunConfig::default(), StepBy::Statement).expect("compiles");
    let mut seen_body = false;
    for _ in 0..200 {
        let snap = s.snapshot();
        for g in &snap.goroutines {
            for f in &g.frames {
                assert!(
                    f.locals.iter().all(|l| !l.name.starts_with('#')),
                    "compiler-made locals are hidden: {:?}",
                    f.locals.iter().map(|l| &l.name).collect::<Vec<_>>()
                );
                if f.func == "main.main-range1" {
                    let names: Vec<&str> = f.locals.iter().map(|l| l.name.as_str()).collect();
                    assert!(names.contains(&"k") && names.contains(&"v"), "{names:?}");
                    seen_body = true;
                }
            }
        }
        if !s.step(0) {
            break;
        }
    }
    assert!(
        seen_body,
        "the loop body runs as its own frame, named as Go names it"
    );
    assert_eq!(s.snapshot().stdout, "a 1\nb 3\n");
}

/// `n` goroutines parked on one mutex, then a deadlock.
fn parked_on_a_mutex(n: usize) -> String {
    format!(
        "package main\n\nimport (\n\t\"runtime\"\n\t\"sync\"\n)\n\nfunc main() {{\n\tvar wg sync.WaitGroup\n\tvar mu sync.Mutex\n\tmu.Lock()\n\tfor i := 0; i < {n}; i++ {{\n\t\twg.Add(1)\n\t\tgo func() {{\n\t\t\tdefer wg.Done()\n\t\t\tmu.Lock()\n\t\t}}()\n\t\truntime.Gosched()\n\t}}\n\twg.Wait()\n}}\n"
    )
}

#[test]
fn back_at_the_end_of_a_long_run_replays_few_steps_and_is_exact() {
    let src = parked_on_a_mutex(3_000);
    let config = RunConfig {
        max_steps: 100_000_000,
        ..RunConfig::default()
    };
    let mut s = Session::new(&src, &config, StepBy::Statement).expect("compiles");
    s.run(usize::MAX);
    let end = s.position();
    let end_hash = s.state_hash();
    assert_eq!(
        s.snapshot().ending.map(|e| e.class),
        Some(OutcomeClass::Deadlock)
    );
    s.back();
    // The periodic checkpoints alone are up to an eighth of the run
    // behind; the tail copy is a quarter of the VM's size in steps.
    assert!(s.replayed() >= 1);
    assert!(
        s.replayed() < end / 8 && s.replayed() <= 1_000,
        "Back replayed {} of {end} steps",
        s.replayed()
    );
    let back_hash = s.state_hash();
    s.back();
    assert!(s.replayed() <= 1_000);
    let mut fresh = Session::new(&src, &config, StepBy::Statement).expect("compiles");
    fresh.goto(end - 1);
    assert_eq!(back_hash, fresh.state_hash(), "back is exact");
    s.goto(end);
    assert_eq!(s.state_hash(), end_hash);
}

#[test]
fn a_crash_dump_stops_at_the_output_budget_and_says_so() {
    let n = 12_000;
    let src = parked_on_a_mutex(n);
    let config = RunConfig {
        max_steps: 100_000_000,
        ..RunConfig::default()
    };
    let mut s = Session::new(&src, &config, StepBy::SchedulingPoint).expect("compiles");
    s.run(usize::MAX);
    let stderr = s.snapshot().stderr;
    assert!(
        stderr.starts_with("fatal error: all goroutines are asleep - deadlock!\n\ngoroutine 1 [")
    );
    assert!(
        stderr.ends_with(" more goroutines not shown (gosim's output budget)\n\nexit status 2\n")
    );
    // Whole goroutines up to the 1 MiB budget, and not one more.
    let cap = 1 << 20;
    let shown = stderr
        .lines()
        .filter(|l| l.starts_with("goroutine "))
        .count();
    let note = stderr
        .lines()
        .find(|l| l.starts_with("..."))
        .expect("a note");
    let left_out: usize = note[3..]
        .split(' ')
        .next()
        .and_then(|x| x.parse().ok())
        .expect("a count");
    assert_eq!(
        shown + left_out,
        n + 1,
        "every goroutine is shown or counted"
    );
    let dump_end = stderr.find("\n...").expect("a note") + 1;
    assert!(
        dump_end >= cap && dump_end < cap + 400,
        "{dump_end} bytes before the note"
    );
}

/// The corpus program that makes hundreds of megabytes of garbage around
/// live data of every kind, and what real Go printed for it.
fn gc_program() -> (String, String) {
    let src = std::fs::read_to_string(crate::support::test_data("corpus/gc_live_data_survives.go"))
        .expect("corpus program");
    let rec: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(crate::support::test_data(
            "recorded/corpus/gc_live_data_survives.json",
        ))
        .expect("recording"),
    )
    .expect("json");
    let out = rec["stdout"].as_str().expect("stdout").to_string();
    (src, out)
}

/// A budget far below what the program allocates (about 360 MB) but above
/// its live data.
const SMALL_BUDGET: u64 = 16 << 20;

#[test]
fn garbage_is_collected_so_a_small_budget_holds_little_live_data() {
    let (src, want) = gc_program();
    let config = RunConfig {
        max_memory: SMALL_BUDGET,
        ..RunConfig::default()
    };
    let r = gosim::run(&src, &config);
    assert_eq!(String::from_utf8_lossy(&r.stdout), want);
    assert_eq!(
        r.exit_code,
        Some(0),
        "{}",
        String::from_utf8_lossy(&r.stderr)
    );
    // The same allocations kept live still stop on the budget.
    let hoard = src.replace(
        "\tg := make([]int, 50000)\n",
        "\tg := make([]int, 50000)\n\thoard = append(hoard, g)\n",
    );
    let hoard = hoard.replace("var head *node\n", "var head *node\n\nvar hoard [][]int\n");
    assert_ne!(hoard, src);
    let r = gosim::run(&hoard, &config);
    let err = String::from_utf8_lossy(&r.stderr);
    assert!(err.contains("memory"), "{}", err);
}

#[test]
fn back_and_goto_are_exact_across_collections() {
    let (src, _) = gc_program();
    let config = RunConfig {
        max_memory: SMALL_BUDGET,
        ..RunConfig::default()
    };
    let mut s = Session::new(&src, &config, StepBy::Statement).expect("compiles");
    s.run(usize::MAX);
    let end = s.position();
    assert!(s.is_ended());
    let end_hash = s.state_hash();
    s.back();
    let back_hash = s.state_hash();
    let mut fresh = Session::new(&src, &config, StepBy::Statement).expect("compiles");
    fresh.goto(end - 1);
    assert_eq!(back_hash, fresh.state_hash(), "back is exact");
    for k in [end / 3, end / 2, end - 7] {
        s.goto(k);
        let mut fresh = Session::new(&src, &config, StepBy::Statement).expect("compiles");
        fresh.goto(k);
        assert_eq!(s.state_hash(), fresh.state_hash(), "state after {k} steps");
    }
    s.goto(end);
    assert_eq!(s.state_hash(), end_hash);
}

/// The default step budget lets ordinary CPU work finish (issue 16): a
/// sieve to a million, a word count over 200,000 words, and 100,000
/// goroutines that each do a little work, each printing real Go's answer.
#[test]
fn the_default_budget_lets_ordinary_work_finish() {
    let sieve = "package main\n\nimport \"fmt\"\n\nfunc main() {\n\tconst n = 1000000\n\tcomposite := make([]bool, n+1)\n\tcount := 0\n\tfor i := 2; i <= n; i++ {\n\t\tif composite[i] {\n\t\t\tcontinue\n\t\t}\n\t\tcount++\n\t\tfor j := i * 2; j <= n; j += i {\n\t\t\tcomposite[j] = true\n\t\t}\n\t}\n\tfmt.Println(count)\n}\n";
    let words = "package main\n\nimport (\n\t\"fmt\"\n\t\"strings\"\n)\n\nfunc main() {\n\twords := []string{\"go\", \"chan\", \"mutex\", \"select\", \"defer\"}\n\tvar b strings.Builder\n\tfor i := 0; i < 200000; i++ {\n\t\tb.WriteString(words[(i*7+i/3)%len(words)])\n\t\tb.WriteByte(' ')\n\t}\n\tcounts := map[string]int{}\n\tfor _, w := range strings.Fields(b.String()) {\n\t\tcounts[w]++\n\t}\n\tfmt.Println(len(counts), counts[\"go\"], counts[\"defer\"])\n}\n";
    let goroutines = "package main\n\nimport (\n\t\"fmt\"\n\t\"sync\"\n)\n\nfunc main() {\n\tvar wg sync.WaitGroup\n\tvar mu sync.Mutex\n\ttotal := 0\n\tfor i := 0; i < 100000; i++ {\n\t\twg.Add(1)\n\t\tgo func(n int) {\n\t\t\tdefer wg.Done()\n\t\t\ts := 0\n\t\t\tfor j := 0; j < 10; j++ {\n\t\t\t\ts += n * j\n\t\t\t}\n\t\t\tmu.Lock()\n\t\t\ttotal += s\n\t\t\tmu.Unlock()\n\t\t}(i)\n\t}\n\twg.Wait()\n\tfmt.Println(total)\n}\n";
    // Expected outputs from real Go 1.27.3.
    for (src, want) in [
        (sieve, "78498\n"),
        (words, "5 40000 40001\n"),
        (goroutines, "224997750000\n"),
    ] {
        let r = gosim::run(src, &RunConfig::default());
        assert_eq!(
            String::from_utf8_lossy(&r.stdout),
            want,
            "{}",
            String::from_utf8_lossy(&r.stderr)
        );
        assert_eq!(r.exit_code, Some(0));
    }
}

/// Under `bounded_ops` (the playground, which cannot yield inside a step)
/// no one instruction may use more than an eighth of the memory or the
/// step budget; the same programs run to their end without it.
#[test]
fn bounded_ops_keep_one_instruction_to_a_share_of_each_budget() {
    let config = |bounded_ops| RunConfig {
        max_steps: 4_000_000,
        max_memory: 64 << 20,
        bounded_ops,
        ..Default::default()
    };
    let outcome = |src: &str, bounded: bool| {
        let r = gosim::run(src, &config(bounded));
        (r.exit_code, String::from_utf8_lossy(&r.stderr).into_owned())
    };
    // One 16 MiB string in one instruction: within 64 MiB, over 8 MiB.
    let one_big = "package main\n\nimport \"strings\"\n\nfunc main() {\n\ts := strings.Repeat(\"x\", 16<<20)\n\tprintln(len(s))\n}\n";
    assert_eq!(outcome(one_big, false), (Some(0), "16777216\n".into()));
    let (code, err) = outcome(one_big, true);
    assert_eq!(code, None, "{err}");
    assert!(err.contains("memory"), "{err}");
    // The same bytes in sixteen instructions are fine.
    let many = "package main\n\nimport \"strings\"\n\nfunc main() {\n\tvar parts []string\n\tfor i := 0; i < 16; i++ {\n\t\tparts = append(parts, strings.Repeat(\"x\", 1<<20))\n\t}\n\tprintln(len(parts))\n}\n";
    assert_eq!(outcome(many, true), (Some(0), "16\n".into()));
    // Comparing two values of 2^22 leaves is one instruction of about
    // 1.5 million steps: under the budget, over its eighth.
    let mut deep = String::from("package main\n\ntype N0 struct{ w int }\n");
    for d in 1..=22 {
        deep += &format!("type N{d} struct{{ a, b N{} }}\n", d - 1);
    }
    deep += "\nfunc main() {\n\tvar n N22\n\tprintln(n.a == n.b)\n}\n";
    assert_eq!(outcome(&deep, false), (Some(0), "true\n".into()));
    let (code, err) = outcome(&deep, true);
    assert_eq!(code, None, "{err}");
    assert!(err.contains("step budget"), "{err}");
    // Formatting a chain 100,000 deep is one instruction that walks 100,000
    // nodes at 8 steps each: under the budget, over its eighth.
    let chain = "package main\n\nimport \"fmt\"\n\nfunc main() {\n\tvar x any\n\tfor i := 0; i < 100000; i++ {\n\t\tx = []any{x}\n\t}\n\tprintln(len(fmt.Sprint(x)))\n}\n";
    assert_eq!(outcome(chain, false), (Some(0), "200005\n".into()));
    let (code, err) = outcome(chain, true);
    assert_eq!(code, None, "{err}");
    assert!(err.contains("step budget"), "{err}");
}

/// Checkpoints follow the work done as well as the steps taken: after a
/// few statements that each copy a huge string, a step back replays one
/// or two of them, not the whole run.
#[test]
fn a_step_back_after_heavy_steps_replays_little() {
    let src = "package main\n\nfunc main() {\n\ts := \"x\"\n\tfor i := 0; i < 25; i++ {\n\t\ts += s\n\t}\n\tprintln(len(s))\n}\n";
    let mut s = Session::new(src, &RunConfig::default(), StepBy::Statement).expect("compiles");
    s.run(usize::MAX);
    let end = s.position();
    assert!(end > 50, "{end}");
    let before = s.snapshot();
    s.goto(end - 1);
    assert!(s.replayed() <= 2, "replayed {} steps", s.replayed());
    s.step_next();
    assert_eq!(s.snapshot(), before);
}

/// A program that keeps rewiring a graph of nodes (linking, swapping,
/// prepending, dropping whole chains) while it makes garbage, so that
/// collections are under way, marking in slices, as pointers move: a node
/// taken from a part not yet marked and stored in a part already marked
/// must survive. It prints a checksum over what is reachable.
fn rewiring_program(nodes: u32, rounds: u32, seed: u32) -> String {
    format!(
        "package main\n\ntype node struct {{\n\tv    int\n\tnext *node\n}}\n\nfunc main() {{\n\tconst n = {nodes}\n\tslots := make([]*node, n)\n\tfor i := range slots {{\n\t\tslots[i] = &node{{v: i}}\n\t}}\n\tseed := uint32({seed})\n\trnd := func() int {{\n\t\tseed = seed*1664525 + 1013904223\n\t\treturn int(seed >> 8)\n\t}}\n\tjunk := 0\n\tfor round := 0; round < {rounds}; round++ {{\n\t\ta, b := rnd()%n, rnd()%n\n\t\tswitch rnd() % 5 {{\n\t\tcase 0:\n\t\t\tslots[a].next = slots[b]\n\t\tcase 1:\n\t\t\tslots[a], slots[b] = slots[b], slots[a]\n\t\tcase 2:\n\t\t\tslots[a] = &node{{v: round, next: slots[a]}}\n\t\tcase 3:\n\t\t\tslots[a].next = nil\n\t\tcase 4:\n\t\t\tg := make([]int, 200)\n\t\t\tjunk += len(g)\n\t\t}}\n\t}}\n\tsum := 0\n\tfor _, s := range slots {{\n\t\tk := 0\n\t\tfor p := s; p != nil && k < 8; p = p.next {{\n\t\t\tsum += p.v\n\t\t\tk++\n\t\t}}\n\t}}\n\tprintln(sum, junk)\n}}\n"
    )
}

/// What `rewiring_program` prints, worked out here over an arena.
fn rewiring_answer(nodes: u32, rounds: u32, seed: u32) -> String {
    let n = nodes as usize;
    // (value, next) per node; slots hold node indices.
    let mut arena: Vec<(i64, Option<usize>)> = (0..n).map(|i| (i as i64, None)).collect();
    let mut slots: Vec<usize> = (0..n).collect();
    let mut seed = seed;
    let mut rnd = || {
        seed = seed.wrapping_mul(1664525).wrapping_add(1013904223);
        (seed >> 8) as usize
    };
    let mut junk = 0;
    for round in 0..rounds {
        let (a, b) = (rnd() % n, rnd() % n);
        match rnd() % 5 {
            0 => arena[slots[a]].1 = Some(slots[b]),
            1 => slots.swap(a, b),
            2 => {
                arena.push((round as i64, Some(slots[a])));
                slots[a] = arena.len() - 1;
            }
            3 => arena[slots[a]].1 = None,
            _ => junk += 200,
        }
    }
    let mut sum = 0i64;
    for &s in &slots {
        let mut p = Some(s);
        let mut k = 0;
        while let (Some(i), true) = (p, k < 8) {
            sum += arena[i].0;
            p = arena[i].1;
            k += 1;
        }
    }
    format!("{sum} {junk}\n")
}

/// The collector marks in slices while the program runs: pointers moved
/// between slices are still found (the heap's write barrier), across many
/// collections under a small budget, and whatever the seed.
#[test]
fn a_collection_in_slices_keeps_what_the_program_moves_meanwhile() {
    let config = RunConfig {
        max_memory: 8 << 20,
        ..RunConfig::default()
    };
    for seed in [1, 7, 2024] {
        let src = rewiring_program(20_000, 300_000, seed);
        let r = gosim::run(&src, &config);
        let err = String::from_utf8_lossy(&r.stderr);
        let want = rewiring_answer(20_000, 300_000, seed);
        assert_eq!(err, want, "seed {seed}");
        assert_eq!(r.exit_code, Some(0), "seed {seed}");
    }
}

/// `can_pick` answers for one goroutine in constant time what the listed
/// options say, and the list is in the order the options are taken, at
/// every point of every case under random picks (pre-Go-1.22 cases run
/// under their own release).
#[test]
fn can_pick_agrees_with_the_listed_options_at_every_point() {
    let mut checked = 0;
    for (path, case) in crate::support::cases() {
        if !case.runnable {
            continue;
        }
        let go = case
            .go
            .as_deref()
            .and_then(GoVersion::parse)
            .unwrap_or_default();
        let config = RunConfig {
            go_version: go,
            ..RunConfig::default()
        };
        for seed in 0..3 {
            let mut s = Session::new(&case.source, &config, StepBy::SchedulingPoint)
                .unwrap_or_else(|e| panic!("{}: {e:?}", path.display()));
            let mut rng = gosim::SplitMix(seed);
            let mut highest = 1;
            for _ in 0..2_000 {
                let options = s.point().runnable();
                if options.is_empty() {
                    break;
                }
                highest = highest.max(options.iter().copied().max().unwrap_or(0));
                for g in 0..=highest + 1 {
                    assert_eq!(
                        s.can_pick(g),
                        options.contains(&g),
                        "{} seed {seed} step {}: goroutine {g} of {options:?}",
                        path.display(),
                        s.position()
                    );
                }
                let choice = rng.below(options.len() as u64) as usize;
                assert!(s.step(choice));
                let ran = s.history().last().map(|r| r.ran);
                assert_eq!(
                    ran,
                    Some(options[choice]),
                    "{}: the option taken",
                    path.display()
                );
                checked += 1;
            }
        }
    }
    assert!(checked > 1_000, "only {checked} points checked");
}
