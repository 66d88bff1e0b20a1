//! Exploration of the talk's cases and their fixes: the outcome sets real
//! Go can produce must be found, the bugs must be reported, and every fix
//! must come out clean.

use gosim::explore::{explore, ExploreConfig, ExploreReport};
use gosim::snapshot::OutcomeClass;
use gosim::{GoVersion, RunConfig};

use crate::support::case;

/// The runnable cases, without their file paths.
fn cases() -> Vec<case_data::CaseFile> {
    crate::support::cases()
        .into_iter()
        .map(|(_, case)| case)
        .filter(|case| case.runnable)
        .collect()
}

fn run_cfg(v: GoVersion) -> RunConfig {
    RunConfig {
        go_version: v,
        ..Default::default()
    }
}

fn explore_src(src: &str, v: GoVersion) -> ExploreReport {
    explore(src, &run_cfg(v), ExploreConfig::default()).expect("the program compiles")
}

fn stdouts(r: &ExploreReport) -> Vec<String> {
    r.outcomes.iter().map(|o| o.stdout.clone()).collect()
}

#[test]
fn case3_finds_both_zero_and_four() {
    let r = explore_src(&case("read-before-consumer").source, GoVersion::CURRENT);
    let outs = stdouts(&r);
    assert!(outs.contains(&"0\n".to_string()), "{:?}", outs);
    assert!(outs.contains(&"4\n".to_string()), "{:?}", outs);
    assert!(r.complete, "case 3 is small enough to explore completely");
}

#[test]
fn case4_deadlocks_and_its_fixes_do_not() {
    let c = case("lock-and-full-channel");
    let r = explore_src(&c.source, GoVersion::CURRENT);
    assert!(
        r.outcomes.iter().any(|o| o.class == OutcomeClass::Deadlock),
        "{:?}",
        r.outcomes
    );
    for (i, fix) in c.fixes.iter().enumerate() {
        let r = explore_src(&fix.source, GoVersion::CURRENT);
        assert!(
            r.outcomes.iter().all(|o| o.class == OutcomeClass::Finished),
            "fix {} outcomes {:?}",
            i + 1,
            r.outcomes
        );
        assert_eq!(r.outcomes.len(), 1, "fix {} prints one thing", i + 1);
    }
    // The first fix is small enough to cover every schedule.
    assert!(explore_src(&c.fixes[0].source, GoVersion::CURRENT).complete);
}

#[test]
fn case14_finds_all_six_orders_with_per_iteration_variables() {
    let c = case("loop-variable");
    let r = explore_src(&c.source, GoVersion::GO1_22);
    let mut outs = stdouts(&r);
    outs.sort();
    let mut want: Vec<String> = [
        "0\n1\n2\n",
        "0\n2\n1\n",
        "1\n0\n2\n",
        "1\n2\n0\n",
        "2\n0\n1\n",
        "2\n1\n0\n",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();
    want.sort();
    assert_eq!(outs, want);
    assert!(r.complete);
}

#[test]
fn case14_under_go121_shares_one_variable() {
    let c = case("loop-variable");
    let r = explore_src(&c.source, GoVersion::GO1_21);
    // Go's own schedule (GOMAXPROCS=1) prints 3 3 3: the goroutines run
    // after the loop ended.
    assert_eq!(r.outcomes[0].stdout, "3\n3\n3\n");
    assert_eq!(r.outcomes[0].schedule, gosim::Choices::default());
    // A goroutine that runs before the loop moves on prints an earlier
    // value (possible in real Go with several Ps), but the values printed
    // never decrease: they all read the one shared i.
    for o in &r.outcomes {
        let nums: Vec<i32> = o.stdout.lines().map(|l| l.parse().unwrap_or(-1)).collect();
        assert!(nums.windows(2).all(|w| w[0] <= w[1]), "{:?}", o.stdout);
    }
    assert!(r.outcomes.len() > 1, "other interleavings are found too");
    // The shared variable is written by main and read by the goroutines
    // without synchronization.
    assert!(r.races.iter().any(|x| x.what == "i"), "{:?}", r.races);
}

#[test]
fn case6_writer_always_locks_before_the_late_readers() {
    let c = case("rwmutex-writer-preference");
    let r = explore_src(&c.source, GoVersion::CURRENT);
    assert!(r.outcomes.len() >= 2, "several reader orders");
    let mut reader_orders = std::collections::BTreeSet::new();
    for o in &r.outcomes {
        let lines: Vec<&str> = o.stdout.lines().collect();
        let w = lines
            .iter()
            .position(|l| *l == "writer0 Lock")
            .expect("the writer locks");
        for (i, l) in lines.iter().enumerate() {
            if l.starts_with("reader") && l.ends_with(" RLock") && !l.contains("Call") {
                assert!(i > w, "a late reader locked before the writer: {:?}", lines);
            }
        }
        let order: Vec<&str> = lines
            .iter()
            .filter(|l| l.ends_with(" RLock") && !l.contains("Call"))
            .copied()
            .collect();
        reader_orders.insert(order.join(","));
    }
    assert!(reader_orders.len() >= 2, "{:?}", reader_orders);
}

#[test]
fn case9_finds_several_counts_and_the_add_wait_race() {
    let c = case("waitgroup-add-in-goroutine");
    let r = explore_src(&c.source, GoVersion::CURRENT);
    let counts: std::collections::BTreeSet<String> =
        r.outcomes.iter().map(|o| o.stdout.clone()).collect();
    assert!(
        counts.contains("done! count:0\n"),
        "Go's own schedule: {:?}",
        counts
    );
    assert!(counts.len() >= 3, "several counts: {:?}", counts);
    assert!(
        r.races.iter().any(|x| x.what.starts_with("sync.WaitGroup")),
        "{:?}",
        r.races
    );
    for (i, fix) in c.fixes.iter().enumerate() {
        let r = explore_src(&fix.source, GoVersion::CURRENT);
        assert_eq!(
            stdouts(&r),
            vec!["done! count:1000\n".to_string()],
            "fix {}",
            i + 1
        );
        assert!(r.races.is_empty(), "fix {}: {:?}", i + 1, r.races);
    }
}

#[test]
fn every_fix_is_clean() {
    for c in cases() {
        for (i, fix) in c.fixes.iter().enumerate() {
            let r = explore_src(&fix.source, GoVersion::CURRENT);
            for o in &r.outcomes {
                assert!(
                    matches!(o.class, OutcomeClass::Finished),
                    "{} fix {}: {:?} {:?}",
                    c.slug,
                    i + 1,
                    o.class,
                    o.stderr_head
                );
            }
            assert!(
                r.races.is_empty(),
                "{} fix {}: {:?}",
                c.slug,
                i + 1,
                r.races
            );
            assert!(
                r.complete || r.modes.len() > 1,
                "{} fix {} says how it was bounded",
                c.slug,
                i + 1
            );
        }
    }
}

#[test]
fn the_bugs_are_reported_with_their_class() {
    let class_of = |slug: &str| {
        let c = case(slug);
        let v =
            c.go.as_deref()
                .and_then(GoVersion::parse)
                .unwrap_or(GoVersion::CURRENT);
        let r = explore_src(&c.source, v);
        r.outcomes.iter().map(|o| o.class).collect::<Vec<_>>()
    };
    // Case 17 under the Go 1.15 it is meant for: a memory leak, every schedule.
    assert_eq!(class_of("syncmap-go115"), [OutcomeClass::MemoryLeak]);
    let later = explore_src(&case("syncmap-go115").source, GoVersion::CURRENT);
    assert!(later
        .outcomes
        .iter()
        .all(|o| o.class == OutcomeClass::Finished));
    assert!(class_of("select-timeout").contains(&OutcomeClass::LeakedGoroutines));
    assert!(class_of("recursive-rlock").contains(&OutcomeClass::Deadlock));
    assert!(class_of("cond-broadcast").contains(&OutcomeClass::Deadlock));
    assert!(class_of("closed-channel").contains(&OutcomeClass::BudgetExhausted));
}

#[test]
fn a_schedule_from_explore_reproduces_its_outcome() {
    let c = case("read-before-consumer");
    let r = explore_src(&c.source, GoVersion::CURRENT);
    for o in &r.outcomes {
        let choices = o.schedule.clone();
        let res = gosim::run(
            &c.source,
            &RunConfig {
                schedule: gosim::Schedule::Choices(choices),
                ..Default::default()
            },
        );
        assert_eq!(
            String::from_utf8_lossy(&res.stdout),
            o.stdout,
            "schedule {:?}",
            o.schedule
        );
    }
}

#[test]
fn unsynchronized_increment_is_a_race_and_the_locked_one_is_not() {
    let racy = "package main\n\nimport (\n\t\"fmt\"\n\t\"sync\"\n)\n\nfunc main() {\n\tvar wg sync.WaitGroup\n\tcount := 0\n\tfor i := 0; i < 2; i++ {\n\t\twg.Add(1)\n\t\tgo func() {\n\t\t\tdefer wg.Done()\n\t\t\tcount++\n\t\t}()\n\t}\n\twg.Wait()\n\tfmt.Println(count)\n}\n";
    let r = explore_src(racy, GoVersion::CURRENT);
    let race = r
        .races
        .iter()
        .find(|x| x.what == "count")
        .expect("count++ races");
    assert_eq!((race.first_line, race.second_line), (15, 15));
    assert_ne!(race.first_g, race.second_g);
    let locked = racy
        .replace(
            "\t\t\tcount++\n",
            "\t\t\tmu.Lock()\n\t\t\tcount++\n\t\t\tmu.Unlock()\n",
        )
        .replace("\tcount := 0\n", "\tcount := 0\n\tvar mu sync.Mutex\n");
    let r = explore_src(&locked, GoVersion::CURRENT);
    assert!(r.races.is_empty(), "{:?}", r.races);
    assert_eq!(stdouts(&r), vec!["2\n".to_string()]);
}

/// Partial-order reduction must not lose outcomes: wherever the search
/// without it is complete, both find the same set.
#[test]
fn reduction_finds_the_same_outcomes() {
    let mut checked = 0;
    let mut pruned = 0;
    for c in cases() {
        for (_, src) in c.programs() {
            let cfg = |reduce| ExploreConfig {
                reduce,
                random_runs: 0,
                ..ExploreConfig::default()
            };
            let plain = explore(src, &run_cfg(GoVersion::CURRENT), cfg(false)).expect("compiles");
            if !plain.complete {
                continue;
            }
            let reduced = explore(src, &run_cfg(GoVersion::CURRENT), cfg(true)).expect("compiles");
            let set = |r: &ExploreReport| {
                r.outcomes
                    .iter()
                    .map(|o| (o.class, o.stdout.clone(), o.stderr_head.clone()))
                    .collect::<std::collections::BTreeSet<_>>()
            };
            assert_eq!(set(&plain), set(&reduced), "{}", c.slug);
            assert!(reduced.complete, "{}", c.slug);
            checked += 1;
            if reduced.schedules < plain.schedules {
                pruned += 1;
            }
        }
    }
    assert!(checked >= 20, "{} programs compared", checked);
    assert!(
        pruned >= 3,
        "the reduction prunes schedules in {} programs",
        pruned
    );
}

#[test]
fn progress_shows_outcomes_as_they_are_found_and_matches_the_report() {
    let c = case("read-before-consumer");
    let mut ex = gosim::explore::Explorer::new(
        &c.source,
        &run_cfg(GoVersion::CURRENT),
        ExploreConfig::default(),
    )
    .expect("case 3 compiles");
    let mut seen = Vec::new();
    while !ex.work(50) {
        let (schedules, _, found) = ex.progress();
        let outputs: Vec<String> = found.iter().map(|o| o.stdout.clone()).collect();
        // Outcomes are only ever added, in discovery order.
        assert!(outputs.starts_with(&seen), "{seen:?} then {outputs:?}");
        assert!(found.iter().map(|o| o.count).sum::<u64>() <= schedules);
        seen = outputs;
    }
    let (schedules, states, found) = ex.progress();
    let report = ex.report();
    assert_eq!((schedules, states), (report.schedules, report.states));
    let live: Vec<(String, u64)> = found.iter().map(|o| (o.stdout.clone(), o.count)).collect();
    let done: Vec<(String, u64)> = report
        .outcomes
        .iter()
        .map(|o| (o.stdout.clone(), o.count))
        .collect();
    assert_eq!(live, done);
    assert!(live.len() >= 2, "{live:?}");
}

/// A slice of exploring does about its budget of work whatever the program:
/// a run longer than the slice (here Go's default schedule and the search's
/// first settle, each a million instructions of one goroutine) is cut off
/// and goes on at the next call, and slicing changes nothing in the report.
#[test]
fn work_returns_after_about_its_budget_even_inside_one_long_run() {
    let src = "package main\n\nvar n int\n\nfunc main() {\n\tfor {\n\t\tn++\n\t}\n}\n";
    let ecfg = ExploreConfig {
        max_steps_per_run: 1_000_000,
        ..ExploreConfig::default()
    };
    let new = || {
        gosim::explore::Explorer::new(src, &run_cfg(GoVersion::CURRENT), ecfg.clone())
            .expect("compiles")
    };
    let mut whole = new();
    let expected = whole.run_to_end();
    assert_eq!(expected.outcomes.len(), 1);
    assert_eq!(expected.outcomes[0].class, OutcomeClass::BudgetExhausted);
    // Two runs of a million instructions each.
    assert!(whole.work_done() > 2_000_000, "{}", whole.work_done());

    const SLICE: u64 = 20_000;
    // One statement of the loop and the bookkeeping of recording one
    // outcome: far below a slice.
    const OVERSHOOT: u64 = 1_000;
    let mut sliced = new();
    let mut calls = 0u64;
    loop {
        let before = sliced.work_done();
        let done = sliced.work(SLICE);
        let did = sliced.work_done() - before;
        calls += 1;
        assert!(
            did <= SLICE + OVERSHOOT,
            "call {calls} did {did} units of work for a budget of {SLICE}"
        );
        if done {
            break;
        }
    }
    assert!(calls >= 2_000_000 / SLICE, "{calls} calls");
    assert_eq!(sliced.work_done(), whole.work_done());
    assert_eq!(sliced.report(), expected);
}

/// Slices of any size give the report of one long call, on every case.
#[test]
fn explore_slices_of_any_size_give_the_same_report() {
    let mut compared = 0;
    for c in cases() {
        let src = c.source.as_str();
        let ecfg = ExploreConfig {
            max_work: 1_000_000,
            random_runs: 20,
            ..ExploreConfig::default()
        };
        let new = || {
            gosim::explore::Explorer::new(src, &run_cfg(GoVersion::CURRENT), ecfg.clone())
                .expect("compiles")
        };
        let expected = new().run_to_end();
        let mut sliced = new();
        while !sliced.work(997) {}
        assert_eq!(sliced.report(), expected, "{}", c.slug);
        compared += 1;
    }
    assert!(compared >= 15, "{compared} cases compared");
}

/// An outcome lists its first leaked goroutines by id and counts them all.
#[test]
fn an_outcome_lists_the_first_leaks_and_counts_every_one() {
    let src = "package main\n\nfunc main() {\n\tfor i := 0; i < 1500; i++ {\n\t\tgo func() {\n\t\t\tselect {}\n\t\t}()\n\t}\n}\n";
    let report = explore_src(src, GoVersion::default());
    let leak = report
        .outcomes
        .iter()
        .find(|o| o.class == OutcomeClass::LeakedGoroutines)
        .expect("the goroutines leak");
    assert_eq!(leak.leaked_total, 1500);
    assert_eq!(leak.leaked.len(), gosim::explore::LEAKS_LISTED);
    // The first by id: consecutive ids from the first goroutine main made.
    let ids: Vec<u32> = leak.leaked.iter().map(|l| l.g).collect();
    assert!(ids.windows(2).all(|w| w[1] == w[0] + 1), "ids in order");
    assert!(
        ids[0] < 20,
        "from the first goroutine main made, not {}",
        ids[0]
    );
    assert!(leak.leaked.iter().all(
        |l| l.wait_reason.as_deref() == Some("select (no cases)") && l.created_line == Some(5)
    ));
}
