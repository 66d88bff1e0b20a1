//! The playground's state machine: one program, one gosim `Session`, the
//! choices taken so far (plus a redo "plan" beyond the current position),
//! and which goroutine ran at each step.
//!
//! Owns every rule about stepping: Go's default choice or a seeded random
//! one, "you are the scheduler" picks, exact back and jump (through
//! `Session::goto`), replaying a shared or explored schedule, and the step
//! budget that ends an endless program with a verdict. It is pure Rust over
//! gosim's public API (no yew, no browser), so it is tested natively; the
//! component layer only calls these methods and renders `snapshot()`.

use std::rc::Rc;

use gosim::session::Session;
use gosim::snapshot::Snapshot;
use gosim::vm::sched::Point;
use gosim::{GoVersion, RunConfig, SplitMix};

/// Goroutine ids as gosim numbers them.
pub type Gid = u32;

/// VM instruction budget of one run in the browser: an endless loop stops
/// here with the budget verdict.
pub const MAX_INSTRUCTIONS: u64 = 2_000_000;
/// Cap on steps the UI keeps history for; reaching it also ends the run
/// with the budget verdict (a tight loop can make a step per instruction).
pub const MAX_POSITIONS: usize = 200_000;

/// Budget for the memory those copies take, in "heap units" (goroutines +
/// objects + timers summed over all copies). A program that keeps creating
/// timers (case 16) would otherwise exhaust the tab's memory long before
/// its end; this stops it with the budget verdict at roughly a gigabyte.
pub const MAX_CHECKPOINT_UNITS: u64 = 2_000_000;

/// Why the UI stopped a run that had not ended.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Cap {
    /// More steps than the UI keeps history for.
    Steps,
    /// The checkpoints for exact back-stepping would take too much memory.
    Memory,
}

/// How a program is run.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct PlayConfig {
    pub go: GoVersion,
    /// Seed of the random scheduler; `None` follows Go's own order.
    pub seed: Option<u64>,
    /// Stop at every statement (the default), or only at scheduling points
    /// (how explored schedules are counted).
    pub by_statement: bool,
    pub max_instructions: u64,
    pub max_positions: usize,
    pub max_checkpoint_units: u64,
}

impl Default for PlayConfig {
    fn default() -> Self {
        PlayConfig {
            go: GoVersion::Go123,
            seed: None,
            by_statement: true,
            max_instructions: MAX_INSTRUCTIONS,
            max_positions: MAX_POSITIONS,
            max_checkpoint_units: MAX_CHECKPOINT_UNITS,
        }
    }
}

impl PlayConfig {
    pub fn run_config(&self) -> RunConfig {
        RunConfig {
            go_version: self.go,
            max_steps: self.max_instructions,
            ..RunConfig::default()
        }
    }
}

/// One compile error, located.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CompileError {
    pub line: Option<u32>,
    pub col: Option<u32>,
    pub message: String,
}

/// Splits `go build`'s listing (`./prog.go:3:2: msg` lines) into errors.
pub fn parse_compile_errors(text: &str) -> Vec<CompileError> {
    text.lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .map(|l| {
            let rest = l.strip_prefix("./prog.go:").unwrap_or(l);
            let mut parts = rest.splitn(3, ':');
            let line = parts.next().and_then(|p| p.trim().parse().ok());
            let col = parts.next().and_then(|p| p.trim().parse().ok());
            match (line, col, parts.next()) {
                (Some(line), Some(col), Some(msg)) => CompileError {
                    line: Some(line),
                    col: Some(col),
                    message: msg.trim().to_string(),
                },
                _ => CompileError {
                    line: None,
                    col: None,
                    message: l.to_string(),
                },
            }
        })
        .collect()
}

/// Drops the clock ticks at or after `step`. They are in step order, so
/// this pops from the end: O(1) per step, not a scan of the whole run.
fn forget_ticks_from(ticks: &mut Vec<(usize, i64)>, step: usize) {
    while ticks.last().is_some_and(|t| t.0 >= step) {
        ticks.pop();
    }
}

pub struct Controller {
    source: String,
    config: PlayConfig,
    session: Result<Session, Vec<CompileError>>,
    /// Choices taken at each step; entries past the position are the plan
    /// that the next steps follow (redo after back, a loaded schedule).
    choices: Vec<usize>,
    /// The goroutine that ran at each step taken (the timeline's lanes).
    lanes: Vec<Gid>,
    /// (step, virtual ns) at each step after which the clock read a new
    /// time: the timeline marks them.
    ticks: Vec<(usize, i64)>,
    rng: Option<SplitMix>,
    /// The snapshot at the current position, built on demand.
    cached: Option<Rc<Snapshot>>,
    /// The UI's own cap was hit (shown as the budget verdict).
    capped: Option<Cap>,
    /// Running total of heap units over the session's checkpoints after the
    /// start, one entry per checkpoint.
    checkpoint_units: Vec<u64>,
}

impl Controller {
    /// Compiles `source`; compile errors are kept, not returned, so the
    /// page can show them inline.
    pub fn new(source: &str, config: PlayConfig) -> Controller {
        let session = Session::new(source, &config.run_config(), config.by_statement)
            .map_err(|text| parse_compile_errors(&text));
        Controller {
            source: source.to_string(),
            config,
            session,
            choices: Vec::new(),
            lanes: Vec::new(),
            ticks: Vec::new(),
            rng: config.seed.map(SplitMix),
            cached: None,
            capped: None,
            checkpoint_units: Vec::new(),
        }
    }

    pub fn source(&self) -> &str {
        &self.source
    }

    pub fn config(&self) -> PlayConfig {
        self.config
    }

    pub fn errors(&self) -> &[CompileError] {
        match &self.session {
            Ok(_) => &[],
            Err(errors) => errors,
        }
    }

    pub fn position(&self) -> usize {
        self.session.as_ref().map_or(0, Session::position)
    }

    /// Steps the plan reaches (at least the position).
    pub fn planned(&self) -> usize {
        self.choices.len().max(self.position())
    }

    pub fn lanes(&self) -> &[Gid] {
        &self.lanes
    }

    /// (step, virtual ns) where the virtual clock moved, in step order.
    pub fn clock_ticks(&self) -> &[(usize, i64)] {
        &self.ticks
    }

    /// A UI cap ended the run.
    pub fn capped(&self) -> bool {
        self.capped.is_some()
    }

    pub fn cap(&self) -> Option<Cap> {
        self.capped
    }

    pub fn point(&mut self) -> Point {
        match &mut self.session {
            Ok(s) => s.point(),
            Err(_) => Point::Ended,
        }
    }

    pub fn is_ended(&mut self) -> bool {
        self.capped.is_some() || matches!(self.point(), Point::Ended)
    }

    /// The goroutines that can be picked to run next.
    pub fn runnable(&mut self) -> Vec<Gid> {
        if self.capped.is_some() {
            return Vec::new();
        }
        match self.point() {
            Point::Schedule { options } => options,
            Point::SelectCase { g, .. } => vec![g],
            Point::Ended => Vec::new(),
        }
    }

    /// The goroutine the next step runs: the planned choice if there is
    /// one, else Go's own choice.
    pub fn next_goroutine(&mut self) -> Option<Gid> {
        let planned = self.choices.get(self.position()).copied().unwrap_or(0);
        let options = self.runnable();
        options.get(planned).or(options.first()).copied()
    }

    /// The state at the current position.
    pub fn snapshot(&mut self) -> Option<Rc<Snapshot>> {
        if self.cached.is_none() {
            if let Ok(s) = &mut self.session {
                self.cached = Some(Rc::new(s.snapshot()));
            }
        }
        self.cached.clone()
    }

    /// Takes option `choice` at the current point, recording it.
    fn take(&mut self, choice: usize) -> bool {
        if self.capped.is_some() {
            return false;
        }
        let Ok(session) = &mut self.session else {
            return false;
        };
        let pos = session.position();
        if pos >= self.config.max_positions {
            self.capped = Some(Cap::Steps);
            self.cached = None;
            return false;
        }
        let ran = match session.point() {
            Point::Schedule { options } => options.get(choice).or(options.last()).copied(),
            Point::SelectCase { g, .. } => Some(g),
            Point::Ended => None,
        };
        let Some(ran) = ran else {
            return false;
        };
        if !session.step(choice) {
            return false;
        }
        self.cached = None;
        if pos < self.choices.len() {
            if self.choices[pos] != choice {
                self.choices.truncate(pos);
                self.choices.push(choice);
            }
        } else {
            self.choices.push(choice);
        }
        self.lanes.truncate(pos);
        self.lanes.push(ran);
        forget_ticks_from(&mut self.ticks, pos);
        let now = session.vm().now();
        if now != self.ticks.last().map_or(0, |t| t.1) {
            self.ticks.push((pos, now));
        }
        // The session keeps a VM copy now and then (ever more sparsely as
        // the run grows); each one counts against the memory budget.
        if session.checkpoint_count() > self.checkpoint_units.len() + 1 {
            self.note_checkpoint();
        }
        true
    }

    /// Accounts for the VM copy the session just kept, using the snapshot
    /// of this position (kept for the next redraw, so it costs nothing more).
    fn note_checkpoint(&mut self) {
        let Some(snap) = self.snapshot() else {
            return;
        };
        let units = (snap.goroutines.len() + snap.objects.len() + snap.timers.len() + 1) as u64;
        let total = self.checkpoint_units.last().copied().unwrap_or(0) + units;
        self.checkpoint_units.push(total);
        if total > self.config.max_checkpoint_units && snap.ending.is_none() {
            self.capped = Some(Cap::Memory);
        }
    }

    /// One step: the planned choice if there is one, else Go's own choice
    /// (or the seeded random one). Returns false at the end.
    pub fn step(&mut self) -> bool {
        let pos = self.position();
        let n = self.point().option_count();
        if n == 0 {
            return false;
        }
        let choice = match self.choices.get(pos) {
            Some(&c) => c,
            None => match &mut self.rng {
                Some(rng) if n > 1 => (rng.next_u64() % n as u64) as usize,
                _ => 0,
            },
        };
        self.take(choice)
    }

    /// "You are the scheduler": runs goroutine `gid` next, if it can run.
    /// Picking something other than the plan forgets the rest of the plan.
    pub fn step_goroutine(&mut self, gid: Gid) -> bool {
        match self.point() {
            Point::Schedule { options } => match options.iter().position(|&g| g == gid) {
                Some(i) => self.take(i),
                None => false,
            },
            Point::SelectCase { g, .. } if g == gid => self.step(),
            _ => false,
        }
    }

    /// Up to `max` steps; returns how many were taken.
    pub fn run(&mut self, max: usize) -> usize {
        let mut n = 0;
        while n < max && self.step() {
            n += 1;
        }
        n
    }

    /// Exactly the state one step earlier.
    pub fn back(&mut self) {
        let pos = self.position();
        if pos > 0 {
            self.goto(pos - 1);
        }
    }

    /// The state after `target` steps: back through the session's exact
    /// replay, forward along the plan.
    pub fn goto(&mut self, target: usize) {
        let pos = self.position();
        if target < pos {
            if let Ok(session) = &mut self.session {
                session.goto(target);
                // The copies after `target` are gone (the first is the start).
                let kept = session.checkpoint_count().saturating_sub(1);
                self.checkpoint_units.truncate(kept);
            }
            self.lanes.truncate(target);
            forget_ticks_from(&mut self.ticks, target);
            self.capped = None;
            self.cached = None;
        } else {
            while self.position() < target && self.step() {}
        }
    }

    /// Back to the start, keeping the plan (so Run replays the same run).
    pub fn reset(&mut self) {
        self.goto(0);
    }

    /// Replays `schedule` (choices at multi-option points, as share links
    /// and explored outcomes carry them) up to step `stop_at`, or to the end
    /// when `None`; the steps taken become the plan, so going back and
    /// stepping again replays the same run.
    pub fn load_schedule(&mut self, schedule: &[u32], stop_at: Option<usize>) {
        self.goto(0);
        self.choices.clear();
        let mut k = 0;
        loop {
            let n = self.point().option_count();
            if n == 0 || stop_at.is_some_and(|s| self.position() >= s) {
                break;
            }
            let choice = if n > 1 {
                let c = schedule.get(k).map_or(0, |&c| c as usize).min(n - 1);
                k += 1;
                c
            } else {
                0
            };
            if !self.take(choice) {
                break;
            }
        }
    }

    /// The choices at multi-option points so far (`0.1.0`).
    pub fn schedule_string(&self) -> String {
        self.session
            .as_ref()
            .map(Session::schedule_string)
            .unwrap_or_default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const DEADLOCK: &str = r#"package main

import (
	"fmt"
	"sync"
)

func main() {
	var (
		l  sync.Mutex
		wg sync.WaitGroup
		ch = make(chan int, 1)
	)
	wg.Add(2)
	go func() {
		defer wg.Done()
		l.Lock()
		for i := 0; i < 4; i++ {
			ch <- i
		}
		l.Unlock()
	}()
	go func() {
		defer wg.Done()
		for a := range ch {
			l.Lock()
			fmt.Println(a)
			l.Unlock()
		}
	}()
	wg.Wait()
	close(ch)
}
"#;

    const LOOPVAR: &str = r#"package main

import (
	"fmt"
	"sync"
)

func main() {
	var wg sync.WaitGroup
	wg.Add(3)
	for i := 0; i < 3; i++ {
		go func() {
			defer wg.Done()
			fmt.Println(i)
		}()
	}
	wg.Wait()
}
"#;

    fn run_to_end(c: &mut Controller) -> Rc<Snapshot> {
        while c.step() {}
        c.snapshot().expect("program compiles")
    }

    #[test]
    fn case4_reaches_the_deadlock_and_back_is_exact() {
        let mut c = Controller::new(DEADLOCK, PlayConfig::default());
        assert!(c.errors().is_empty());
        let end = run_to_end(&mut c);
        let ending = end.ending.as_ref().expect("the run ended");
        assert_eq!(ending.class, "deadlock");
        let n = c.position();
        assert_eq!(c.lanes().len(), n);
        c.back();
        let before = c.snapshot().expect("compiles");
        assert_eq!(c.position(), n - 1);
        assert!(before.ending.is_none());
        // Forward again follows the plan and lands on the same state.
        assert!(c.step());
        assert_eq!(*c.snapshot().expect("compiles"), *end);
        // Jumps both ways agree with stepping.
        c.goto(3);
        let at3 = c.snapshot().expect("compiles");
        c.goto(n);
        c.goto(3);
        assert_eq!(*c.snapshot().expect("compiles"), *at3);
    }

    #[test]
    fn picking_a_goroutine_changes_the_plan_and_the_schedule_replays() {
        let mut c = Controller::new(LOOPVAR, PlayConfig::default());
        // Run until two goroutines are runnable, then pick the non-default one.
        let mut picked = false;
        while !picked && c.step() {
            let options = c.runnable();
            if options.len() > 1 {
                assert!(c.step_goroutine(options[1]));
                assert_eq!(c.lanes().last(), Some(&options[1]));
                picked = true;
            }
        }
        assert!(picked, "the program reaches a point with a real choice");
        let end = run_to_end(&mut c);
        let schedule = gosim::parse_choices(&c.schedule_string()).expect("own schedule parses");
        assert!(schedule.iter().any(|&x| x != 0));
        let mut d = Controller::new(LOOPVAR, PlayConfig::default());
        d.load_schedule(&schedule, None);
        assert_eq!(d.snapshot().expect("compiles").stdout, end.stdout);
        assert_eq!(d.position(), c.position());
        // Loading at step 0 keeps the plan: stepping replays the same run.
        d.load_schedule(&schedule, None);
        d.goto(0);
        assert_eq!(d.position(), 0);
        assert_eq!(d.planned(), c.position());
        assert_eq!(run_to_end(&mut d).stdout, end.stdout);
        // Picking a goroutine that cannot run does nothing.
        assert!(!d.step_goroutine(99));
    }

    #[test]
    fn go_version_changes_loop_variables() {
        let mut old = Controller::new(
            LOOPVAR,
            PlayConfig {
                go: GoVersion::Go121,
                ..PlayConfig::default()
            },
        );
        let mut new = Controller::new(LOOPVAR, PlayConfig::default());
        let (a, b) = (run_to_end(&mut old), run_to_end(&mut new));
        assert_eq!(a.stdout, "3\n3\n3\n");
        assert_ne!(a.stdout, b.stdout);
    }

    #[test]
    fn endless_loop_ends_with_the_budget_verdict() {
        let src = "package main\n\nimport \"fmt\"\n\nfunc main() {\n\tn := 0\n\tfor {\n\t\tn++\n\t\tif n < 0 {\n\t\t\tfmt.Println(n)\n\t\t}\n\t}\n}\n";
        let mut c = Controller::new(
            src,
            PlayConfig {
                max_instructions: 20_000,
                ..PlayConfig::default()
            },
        );
        let end = run_to_end(&mut c);
        assert!(c.is_ended());
        let budget = end.ending.as_ref().map(|e| e.class.as_str()) == Some("budget");
        assert!(budget || c.capped(), "{:?}", end.ending);
        // The UI cap alone also stops it.
        let mut d = Controller::new(
            src,
            PlayConfig {
                max_positions: 50,
                ..PlayConfig::default()
            },
        );
        assert_eq!(d.run(1000), 50);
        assert!(d.capped() && d.is_ended());
        assert_eq!(d.cap(), Some(Cap::Steps));
        d.back();
        assert!(!d.capped());
    }

    #[test]
    fn checkpoint_memory_budget_stops_a_heap_that_keeps_growing() {
        // Every iteration leaves a live timer behind, like case 16.
        let src = "package main\n\nimport \"time\"\n\nfunc main() {\n\tfor {\n\t\tselect {\n\t\tcase <-time.After(time.Hour):\n\t\tdefault:\n\t\t}\n\t}\n}\n";
        let config = PlayConfig {
            go: GoVersion::Go122,
            max_checkpoint_units: 5_000,
            ..PlayConfig::default()
        };
        let mut c = Controller::new(src, config);
        assert!(c.errors().is_empty(), "{:?}", c.errors());
        c.run(100_000);
        assert_eq!(c.cap(), Some(Cap::Memory));
        let stopped_at = c.position();
        assert!(stopped_at < 100_000 && stopped_at > 64, "{stopped_at}");
        // Going back releases the budget; stepping on hits it again.
        c.goto(stopped_at / 2);
        assert!(!c.capped());
        assert!(c.step());
        c.run(100_000);
        assert_eq!(c.position(), stopped_at);
    }

    #[test]
    fn case16_runs_to_its_real_end_within_the_default_budgets() {
        // Case 16 keeps a live timer per loop iteration under Go 1.22; the
        // step-back copies must still fit, so the page shows Go's ending
        // rather than the memory cap.
        let case = crate::cases::all()
            .iter()
            .find(|c| c.number == 16)
            .expect("case 16");
        let config = PlayConfig {
            go: GoVersion::Go122,
            ..PlayConfig::default()
        };
        let mut c = Controller::new(case.source, config);
        let end = run_to_end(&mut c);
        assert_eq!(c.cap(), None, "stopped at step {}", c.position());
        let ending = end.ending.as_ref().expect("an ending");
        assert_eq!(ending.class, "finished");
        assert_eq!(end.stdout, "end with timeout: false\n");
        // Exact step-back still works from the far end.
        let last = c.position();
        let before = end.clone();
        c.back();
        assert_eq!(c.position(), last - 1);
        assert!(c.step());
        assert_eq!(c.snapshot().expect("snapshot"), before);
    }

    #[test]
    fn the_clock_ticks_follow_virtual_time_and_step_back() {
        let src = "package main\n\nimport \"time\"\n\nfunc main() {\n\ttime.Sleep(time.Second)\n\ttime.Sleep(2 * time.Second)\n\tprintln(\"done\")\n}\n";
        let mut c = Controller::new(src, PlayConfig::default());
        run_to_end(&mut c);
        let times: Vec<i64> = c.clock_ticks().iter().map(|t| t.1).collect();
        assert_eq!(times, [1_000_000_000, 3_000_000_000]);
        let (second_at, _) = c.clock_ticks()[1];
        assert!(c.clock_ticks()[0].0 < second_at && second_at < c.position());
        c.goto(second_at);
        assert_eq!(c.clock_ticks().len(), 1);
        assert!(c.step());
        assert_eq!(c.clock_ticks().len(), 2);
    }

    #[test]
    fn compile_errors_are_located() {
        let mut c = Controller::new(
            "package main\n\nfunc main() {\n\tx := 1\n}\n",
            PlayConfig::default(),
        );
        let errors = c.errors().to_vec();
        assert_eq!(errors.len(), 1, "{errors:?}");
        assert_eq!(errors[0].line, Some(4));
        assert_eq!(errors[0].col, Some(2));
        assert!(
            errors[0].message.contains("declared and not used"),
            "{errors:?}"
        );
        assert!(!c.step());
        assert!(c.snapshot().is_none());
        let parsed = parse_compile_errors("# command-line-arguments\nweird line\n");
        assert_eq!(
            parsed,
            vec![CompileError {
                line: None,
                col: None,
                message: "weird line".into()
            }]
        );
    }

    #[test]
    fn seeded_runs_are_reproducible() {
        let config = PlayConfig {
            seed: Some(42),
            ..PlayConfig::default()
        };
        let mut a = Controller::new(LOOPVAR, config);
        let mut b = Controller::new(LOOPVAR, config);
        assert_eq!(run_to_end(&mut a).stdout, run_to_end(&mut b).stdout);
        assert_eq!(a.schedule_string(), b.schedule_string());
    }
}
