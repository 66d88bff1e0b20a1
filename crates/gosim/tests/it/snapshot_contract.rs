//! The snapshot as a UI reads it: sync.Map's memory (Go 1.15's leak and
//! its absence after), the memory-leak verdict, the events a narration
//! needs (panics, recoveries, timers firing, select choices), objects named
//! with the program's field names, and goroutines grouped so that
//! thousands stay cheap to describe.

use gosim::session::{Session, StepBy};
use gosim::snapshot::{
    EventKind, GoroutineStatus, ObjectKind, OutcomeClass, Snapshot, SnapshotOptions,
};
use gosim::{GoVersion, RunConfig};

use crate::support::case_file;

fn session(src: &str, go: GoVersion, by: StepBy) -> Session {
    let config = RunConfig {
        go_version: go,
        ..RunConfig::default()
    };
    Session::new(src, &config, by).unwrap_or_else(|e| panic!("{}", e.render()))
}

/// Every snapshot of a run by scheduling point, in order.
fn every_snapshot(src: &str, go: GoVersion, by: StepBy) -> Vec<Snapshot> {
    let mut s = session(src, go, by);
    let mut out = vec![s.snapshot()];
    while s.step_next() {
        out.push(s.snapshot());
    }
    out
}

/// Case 17's sync.Map at the end of the run: (read_len, dirty_len, bytes
/// held, deleted keys in dirty, the bytes-held history).
fn case17_map(go: GoVersion) -> (Snapshot, usize, usize, u64, usize, Vec<(u64, u64)>) {
    let case = case_file(17);
    let mut s = session(&case.source, go, StepBy::SchedulingPoint);
    s.run(1_000_000);
    let end = s.snapshot();
    let map = end
        .objects
        .iter()
        .find_map(|o| match &o.kind {
            ObjectKind::SyncMap {
                read_len,
                dirty_len,
                memory,
                ..
            } => {
                assert_eq!(o.name.as_deref(), Some("sm"));
                Some((
                    *read_len,
                    *dirty_len,
                    memory.held_bytes,
                    memory.deleted_in_dirty,
                    memory.history.clone(),
                ))
            }
            _ => None,
        })
        .expect("case 17 draws its sync.Map");
    (end, map.0, map.1, map.2, map.3, map.4)
}

#[test]
fn case17_holds_every_deleted_key_under_go115_only() {
    // Go 1.15: Delete leaves each dirty-only key in dirty, so the map
    // holds all 4096 keys of 8000 bytes (plus their interface headers).
    let (end, _, dirty_len, held, deleted, history) = case17_map(GoVersion::GO1_15);
    assert_eq!(dirty_len, 4096);
    assert_eq!(deleted, 4095);
    assert!(held >= 4096 * 8000, "{held}");
    let ending = end.ending.expect("the program ends");
    assert_eq!(ending.class, OutcomeClass::MemoryLeak);
    assert_eq!(ending.exit_code, Some(0));
    assert_eq!(ending.retained.len(), 1);
    assert_eq!(ending.retained[0].keys, 4095);
    assert_eq!(ending.retained[0].name.as_deref(), Some("sm"));
    // The history grows with every store: the last sample is the largest.
    assert!(history.len() >= 64, "{}", history.len());
    assert!(history.windows(2).all(|w| w[0].0 < w[1].0));
    let (first, last) = (history[0].1, history[history.len() - 1].1);
    assert!(last > 100 * first, "grows: {first} -> {last}");

    // Go 1.16 and later: the same loop holds one key.
    for go in [
        GoVersion::parse("1.16").expect("modelled"),
        GoVersion::CURRENT,
    ] {
        let (end, _, dirty_len, held, deleted, history) = case17_map(go);
        assert!(dirty_len <= 1, "{dirty_len}");
        assert_eq!(deleted, 0);
        assert!(held < 2 * 8100, "{held}");
        assert_eq!(
            end.ending.map(|e| e.class),
            Some(OutcomeClass::Finished),
            "{go:?}"
        );
        let peak = history.iter().map(|h| h.1).max().unwrap_or(0);
        assert!(peak < 3 * 8100, "flat: peak {peak}");
    }
}

#[test]
fn long_map_keys_are_elided_and_only_a_few_entries_rendered() {
    let case = case_file(17);
    let mut s = session(&case.source, GoVersion::GO1_15, StepBy::SchedulingPoint);
    s.run(200);
    let snap = s.snapshot();
    let (read, dirty, dirty_len) = snap
        .objects
        .iter()
        .find_map(|o| match &o.kind {
            ObjectKind::SyncMap {
                read,
                dirty,
                dirty_len,
                ..
            } => Some((read.clone(), dirty.clone(), *dirty_len)),
            _ => None,
        })
        .expect("a sync.Map");
    assert!(read.is_empty());
    let dirty = dirty.expect("dirty exists");
    assert!(dirty_len > gosim::snapshot::MAP_ENTRIES_SHOWN);
    assert_eq!(dirty.len(), gosim::snapshot::MAP_ENTRIES_SHOWN);
    assert_eq!(dirty[0].key, "[1000]int{0, 0, …}");
    assert_eq!(dirty[0].value.as_deref(), Some("0"));
    // Deleted keys are still shown by their key, without a value.
    assert_eq!(dirty[1].key, "[1000]int{1, 0, …}");
    assert_eq!(dirty[1].value, None);
    assert!(!dirty[1].expunged);
}

/// The events of every step of a run, flattened.
fn all_events(src: &str, go: GoVersion) -> Vec<EventKind> {
    every_snapshot(src, go, StepBy::Statement)
        .into_iter()
        .flat_map(|s| s.events.into_iter().map(|e| e.kind))
        .collect()
}

#[test]
fn case8_narrates_its_panic_and_the_recovery() {
    let case = case_file(8);
    let events = all_events(&case.source, GoVersion::CURRENT);
    assert!(
        events.iter().any(|e| matches!(e, EventKind::Panic { value } if value == "runtime error: integer divide by zero")),
        "{events:?}"
    );
    assert!(events
        .iter()
        .any(|e| matches!(e, EventKind::Recovered { value } if value.contains("divide by zero"))));
}

#[test]
fn case2_shows_the_timer_firing_and_the_select_taking_it() {
    let case = case_file(2);
    let snaps = every_snapshot(&case.source, GoVersion::CURRENT, StepBy::Statement);
    let fired = snaps
        .iter()
        .position(|s| {
            s.events
                .iter()
                .any(|e| e.g == 0 && matches!(e.kind, EventKind::TimerFired { chan: Some(_), .. }))
        })
        .expect("time.After's timer fires");
    // The step where it fires (or the next) is the select taking the timeout case.
    let select = snaps[fired..]
        .iter()
        .flat_map(|s| s.events.iter())
        .find_map(|e| match e.kind {
            EventKind::Select { case, cases, .. } => Some((case, cases)),
            _ => None,
        })
        .expect("the select goes ahead");
    assert_eq!(select, (Some(1), 2));
    assert_eq!(snaps[fired].now_ns, 1_000_000_000);
}

#[test]
fn objects_are_named_with_field_names_and_library_internals_say_so() {
    let src = "package main\n\nimport (\n\t\"context\"\n\t\"sync\"\n)\n\ntype server struct {\n\tmu    sync.Mutex\n\tready *sync.Cond\n\tjobs  chan int\n}\n\nfunc main() {\n\ts := &server{jobs: make(chan int, 1)}\n\ts.ready = sync.NewCond(&s.mu)\n\tvar once sync.Once\n\tonce.Do(func() {})\n\tctx, cancel := context.WithCancel(context.Background())\n\tcancel()\n\t<-ctx.Done()\n\ts.jobs <- 1\n\ts.mu.Lock()\n\ts.ready.Broadcast()\n\ts.mu.Unlock()\n}\n";
    let mut s = session(src, GoVersion::CURRENT, StepBy::Statement);
    s.run(10_000);
    let snap = s.snapshot();
    let name_of = |pred: &dyn Fn(&ObjectKind) -> bool| -> Vec<(Option<String>, Option<String>)> {
        snap.objects
            .iter()
            .filter(|o| pred(&o.kind))
            .map(|o| (o.name.clone(), o.owner.clone()))
            .collect()
    };
    let chans = name_of(&|k| matches!(k, ObjectKind::Channel { .. }));
    assert!(chans.contains(&(Some("s.jobs".into()), None)), "{chans:?}");
    assert!(
        chans.contains(&(Some("ctx.Done()".into()), None)),
        "{chans:?}"
    );
    let conds = name_of(&|k| matches!(k, ObjectKind::Cond { .. }));
    assert_eq!(conds, [(Some("s.ready".into()), None)]);
    let mutexes = name_of(&|k| matches!(k, ObjectKind::Mutex { .. }));
    assert!(
        mutexes.contains(&(Some("s.mu".into()), None)),
        "{mutexes:?}"
    );
    assert!(
        mutexes.contains(&(Some("once.m".into()), Some("sync.Once".into()))),
        "{mutexes:?}"
    );
    assert!(
        mutexes.contains(&(Some("ctx.mu".into()), Some("context.Context".into()))),
        "{mutexes:?}"
    );
    // No positional names anywhere.
    for o in &snap.objects {
        let name = o.name.clone().unwrap_or_default();
        assert!(!name.split('.').any(|p| p.parse::<u32>().is_ok()), "{name}");
    }
}

const MANY: &str = "package main\n\nimport (\n\t\"sync\"\n\t\"time\"\n)\n\nfunc main() {\n\tvar wg sync.WaitGroup\n\tvar mu sync.Mutex\n\tmu.Lock()\n\tfor i := 0; i < N; i++ {\n\t\twg.Add(1)\n\t\tgo func() {\n\t\t\tdefer wg.Done()\n\t\t\tmu.Lock()\n\t\t\tmu.Unlock()\n\t\t}()\n\t}\n\ttime.Sleep(time.Second)\n\tmu.Unlock()\n\twg.Wait()\n}\n";

/// MANY with `n` goroutines, run until they all wait on the mutex.
fn many_waiting(n: u32) -> Session {
    let src = MANY.replace("N", &n.to_string());
    let mut s = session(&src, GoVersion::CURRENT, StepBy::SchedulingPoint);
    // main spawns every goroutine before it blocks; then each parks on mu.
    while s.step_next() {
        let snap = s.snapshot_with(&SnapshotOptions {
            detailed: 0,
            ..SnapshotOptions::default()
        });
        let waiting: usize = snap
            .groups
            .iter()
            .filter(|g| g.wait_reason.as_deref() == Some("sync.Mutex.Lock"))
            .map(|g| g.ids.len())
            .sum();
        if waiting == n as usize {
            break;
        }
    }
    s
}

#[test]
fn thousands_of_goroutines_are_grouped_and_only_a_few_described() {
    let mut s = many_waiting(1000);
    let snap = s.snapshot();
    assert_eq!(snap.live_goroutines, 1001);
    let lock = snap
        .groups
        .iter()
        .find(|g| g.wait_reason.as_deref() == Some("sync.Mutex.Lock"))
        .expect("a group waiting on the mutex");
    assert_eq!(lock.ids.len(), 1000);
    assert_eq!(lock.status, GoroutineStatus::Waiting);
    assert_eq!(lock.line, Some(16));
    assert_eq!(lock.created_line, Some(14));
    assert!(lock.ids.windows(2).all(|w| w[0] < w[1]));
    // Every goroutine is in exactly one group.
    let total: usize = snap.groups.iter().map(|g| g.ids.len()).sum();
    assert_eq!(total, 1001);
    // Full views: the default 64 plus whatever the step and the point name.
    assert!(
        snap.goroutines.len() <= 64 + 20,
        "{}",
        snap.goroutines.len()
    );
    // A focus outside the first ones is described in full.
    let far = lock.ids[900];
    let focused = s.snapshot_with(&SnapshotOptions {
        detailed: 4,
        focus: vec![far],
        ..SnapshotOptions::default()
    });
    let g = focused
        .goroutines
        .iter()
        .find(|g| g.id == far)
        .expect("the focused goroutine is described");
    assert_eq!(g.line, Some(16));
    assert!(!g.frames.is_empty());
    assert!(focused.goroutines.len() <= 4 + 1 + 20);
}

#[test]
fn a_step_back_lands_on_the_same_events() {
    // Going back restores a checkpoint and replays at least one step, so the
    // events of the position are those of its own step.
    let case = case_file(4);
    let mut s = session(&case.source, GoVersion::CURRENT, StepBy::Statement);
    let mut seen = Vec::new();
    while s.step_next() {
        seen.push(s.snapshot().events);
    }
    for pos in [64usize, 65, 1, seen.len() - 1] {
        if pos == 0 || pos > seen.len() {
            continue;
        }
        s.goto(pos);
        assert_eq!(s.snapshot().events, seen[pos - 1], "at {pos}");
    }
}

#[test]
fn a_huge_string_is_pictured_by_its_start() {
    // 16 MiB: the picture copies a prefix, not the string (the player builds
    // a snapshot after every slice of a run).
    let src = "package main\n\nfunc main() {\n\ts := \"ab\"\n\tfor i := 0; i < 23; i++ {\n\t\ts += s\n\t}\n\tprintln(len(s))\n}\n";
    let mut s = session(src, GoVersion::GO1_22, StepBy::Statement);
    let mut longest = String::new();
    while !s.is_ended() && s.position() < 200 {
        s.run(1);
        let snap = s.snapshot();
        let pictures = snap
            .goroutines
            .iter()
            .flat_map(|g| &g.frames)
            .flat_map(|f| &f.locals);
        for l in pictures.filter(|l| l.name == "s") {
            assert!(l.value.len() <= 1024 + 3, "{} bytes", l.value.len());
            if l.value.len() > longest.len() {
                longest = l.value.clone();
            }
        }
    }
    assert!(
        longest.starts_with("abab") && longest.ends_with("ab..."),
        "{longest}"
    );
    assert!(s.snapshot().stderr.contains("16777216"));
}
