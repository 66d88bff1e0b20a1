//! The playground's run: one program, one gosim `Session`, and the caps
//! a page needs on top of gosim's own budgets.
//!
//! Owns only what is the UI's: the configuration a page runs with (Go
//! version, seed, step granularity, budgets), the compile errors to show,
//! the snapshot of the current position (built once per position), and the
//! two caps that end a run gosim would let go on: the number of steps the
//! page keeps history for, and the memory the step-back copies take; and
//! the size of program the page takes at all ([`source_fits`]). The
//! snapshot describes in full only what the page can show (every live
//! goroutine when there are few, plus the ones the page focuses on).
//! Stepping, picking, going back, plans and schedules are the session's;
//! this is plain Rust over gosim's public API (no yew, no browser), so it
//! is tested natively.

use std::rc::Rc;

use gosim::schedule::{drive, OutOfRange, Point, Policy, Stepper};
use gosim::session::{ClockTick, Session, StepBy, StepRecord};
use gosim::snapshot::{Snapshot, SnapshotOptions};
use gosim::{Choices, CompileError, CompileErrors, GoVersion, RunConfig, Schedule};

/// Goroutine ids as gosim numbers them.
pub type Gid = u32;

/// VM instruction budget of one run in the browser: an endless loop stops
/// here with the budget verdict. Every case of the talk ends inside it: the
/// longest, case 17 on Go 1.15, needs about 3.1 million (hashing its
/// 8000-byte keys is charged as work).
pub const MAX_INSTRUCTIONS: u64 = 5_000_000;
/// Cap on steps the UI keeps history for; reaching it also ends the run
/// with the budget verdict (a tight loop can make a step per instruction).
pub const MAX_POSITIONS: usize = 200_000;

/// Budget for the memory the step-back copies take, in objects
/// (goroutines, heap objects and timers, summed over all copies). A program
/// that keeps creating timers (case 16) would otherwise exhaust the tab's
/// memory long before its end; this stops it with the budget verdict.
pub const MAX_CHECKPOINT_UNITS: u64 = 2_000_000;

/// Memory budget of one run in the browser (gosim's own default is 512
/// MiB). One step can create as much as the budget allows (`s += s` copies
/// the whole string), and a step cannot be interrupted: at 512 MiB the
/// last doubling held the page for 0.3-0.5 s, at 256 MiB it copies half
/// of that. Case 17 under Go 1.15, the talk's most memory-hungry run,
/// needs between 128 and 150 MiB. The reader can raise it (`Limit::Memory`).
pub const MAX_MEMORY: u64 = 256 << 20;

/// The largest program the page takes, in bytes: the Go Playground's own
/// limit on a shared snippet (64 KiB). A browser's text field takes about
/// 20 µs a line to lay out pasted text, and loading a program costs the
/// page in proportion to its declarations, so lines are limited too:
/// 1,000 lines keep a paste, and loading the program, well under 100 ms
/// (measured in headless Chromium, `e2e/hostile.test.mjs`: a paste of
/// 4,096 lines 82 ms, of 65,536 empty lines 725 ms; loading 1,900
/// constants or struct types 86-117 ms, 2,900 constants 99-117 ms).
pub const SOURCE_BYTES_MAX: usize = 64 * 1024;
/// The most lines a program on the page may have (see [`SOURCE_BYTES_MAX`]).
pub const SOURCE_LINES_MAX: usize = 1_000;

/// How large a program is, for the page's limits.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SourceSize {
    pub bytes: usize,
    pub lines: usize,
}

/// Whether the page takes `src`: at most [`SOURCE_BYTES_MAX`] bytes and
/// [`SOURCE_LINES_MAX`] lines. Gosim itself takes far more (16 MiB); the
/// page's limits keep the editor, the listing and the compile quick.
pub fn source_fits(src: &str) -> Result<(), SourceSize> {
    // `str::lines` counted, a byte at a time: over-limit texts are a
    // megabyte or more, and this runs on every Run and paste.
    let newlines = src.bytes().filter(|&b| b == b'\n').count();
    let size = SourceSize {
        bytes: src.len(),
        lines: newlines + usize::from(!src.is_empty() && !src.ends_with('\n')),
    };
    match size.bytes <= SOURCE_BYTES_MAX && size.lines <= SOURCE_LINES_MAX {
        true => Ok(()),
        false => Err(size),
    }
}

/// Why the UI stopped a run that had not ended.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Cap {
    /// More steps than the UI keeps history for.
    Steps,
    /// The checkpoints for exact back-stepping would take too much memory.
    Memory,
}

/// With at most this many live goroutines, the snapshot describes each in
/// full (the page draws them all as cards).
pub const DESCRIBE_ALL: usize = 24;

/// How a program is run.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct PlayConfig {
    pub go: GoVersion,
    /// Seed of the random scheduler; `None` follows Go's own order.
    pub seed: Option<u64>,
    /// Stop at every statement (the default), or only at scheduling points
    /// (how explored schedules are counted).
    pub step_by: StepBy,
    pub max_instructions: u64,
    pub max_positions: usize,
    pub max_checkpoint_units: u64,
    /// gosim's memory budget, in bytes.
    pub max_memory: u64,
}

impl Default for PlayConfig {
    fn default() -> Self {
        PlayConfig {
            go: GoVersion::CURRENT,
            seed: None,
            step_by: StepBy::Statement,
            max_instructions: MAX_INSTRUCTIONS,
            max_positions: MAX_POSITIONS,
            max_checkpoint_units: MAX_CHECKPOINT_UNITS,
            max_memory: MAX_MEMORY,
        }
    }
}

impl PlayConfig {
    pub fn run_config(&self) -> RunConfig {
        RunConfig {
            go_version: self.go,
            max_steps: self.max_instructions,
            max_memory: self.max_memory,
            // The page cannot yield inside a step: no one step may take
            // more than an eighth of a budget.
            bounded_ops: true,
            schedule: match self.seed {
                Some(seed) => Schedule::Seeded(seed),
                None => Schedule::GoDefault,
            },
            ..RunConfig::default()
        }
    }
}

/// Loading a schedule steps through the caps, like any other step.
impl Stepper for Controller {
    fn point(&mut self) -> Point {
        match self.capped {
            Some(_) => Point::Ended,
            None => Controller::point(self),
        }
    }
    fn take(&mut self, choice: usize) {
        self.advance(|s| s.step(choice).then_some(true));
    }
}

pub struct Controller {
    source: String,
    config: PlayConfig,
    session: Result<Session, CompileErrors>,
    /// The snapshot at the current position, built on demand.
    cached: Option<Rc<Snapshot>>,
    /// The last snapshot built: what the page shows while a long step is
    /// under way (`in_step`).
    shown: Option<Rc<Snapshot>>,
    /// The UI's own cap was hit (shown as the budget verdict).
    capped: Option<Cap>,
    /// Goroutines the page wants described in full.
    focus: Vec<Gid>,
}

impl Controller {
    /// Compiles `source` (through `programs`, which in the browser holds it
    /// compiled already); compile errors are kept, not returned, so the page
    /// can show them inline.
    pub fn new(source: &str, config: PlayConfig) -> Controller {
        Controller::with_run_config(source, config, config.run_config())
    }

    /// Like `new`, but beyond any plan the run follows `choices` (a run's
    /// schedule, replayed with other budgets), then Go's own order.
    pub fn replaying(source: &str, config: PlayConfig, choices: Choices) -> Controller {
        let run = RunConfig {
            schedule: Schedule::Choices(choices),
            ..config.run_config()
        };
        Controller::with_run_config(source, config, run)
    }

    fn with_run_config(source: &str, config: PlayConfig, run: RunConfig) -> Controller {
        Controller {
            source: source.to_string(),
            config,
            session: crate::programs::compiled(source, &run)
                .map(|prog| Session::with_program(prog, &run, config.step_by)),
            cached: None,
            shown: None,
            capped: None,
            focus: Vec::new(),
        }
    }

    /// Asks for these goroutines in full in the snapshots to come.
    pub fn set_focus(&mut self, focus: Vec<Gid>) {
        if self.focus != focus {
            self.focus = focus;
            self.cached = None;
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
            Err(errors) => &errors.errors,
        }
    }

    pub fn position(&self) -> usize {
        self.session.as_ref().map_or(0, Session::position)
    }

    /// Steps the plan reaches (at least the position).
    pub fn planned(&self) -> usize {
        self.session.as_ref().map_or(0, Session::planned)
    }

    /// Every step taken: who ran, how many options there were.
    pub fn history(&self) -> &[StepRecord] {
        self.session.as_ref().map_or(&[], Session::history)
    }

    /// Where the virtual clock moved, in step order.
    pub fn clock_ticks(&self) -> &[ClockTick] {
        self.session.as_ref().map_or(&[], Session::clock_ticks)
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
        !self.in_step()
            && (self.capped.is_some() || self.session.as_mut().map_or(true, Session::is_ended))
    }

    /// A long step is under way (`run_for` cut it off): until it ends, the
    /// page shows the state before it, nobody can be picked, and the run
    /// has not ended.
    pub fn in_step(&self) -> bool {
        self.session.as_ref().is_ok_and(Session::in_step)
    }

    /// The goroutines that can be picked to run next, all of them (the
    /// page asks `runnable_among` about those on screen).
    #[cfg(test)]
    pub fn runnable(&mut self) -> Vec<Gid> {
        match (&mut self.session, self.capped) {
            (Ok(s), None) if !s.in_step() => s.runnable(),
            _ => Vec::new(),
        }
    }

    /// Those of `ids` that can be picked to run next, in their order:
    /// constant time per goroutine, where `runnable` lists every one.
    pub fn runnable_among(&mut self, ids: impl IntoIterator<Item = Gid>) -> Vec<Gid> {
        match (&mut self.session, self.capped) {
            (Ok(s), None) if !s.in_step() => ids.into_iter().filter(|&g| s.can_pick(g)).collect(),
            _ => Vec::new(),
        }
    }

    /// The goroutine the next step runs: the planned choice if there is
    /// one, else Go's own choice.
    pub fn next_goroutine(&mut self) -> Option<Gid> {
        match (&mut self.session, self.capped) {
            (Ok(s), None) if !s.in_step() => s.next_goroutine(),
            _ => None,
        }
    }

    /// The state at the current position: every live goroutine in full
    /// while there are at most `DESCRIBE_ALL`, else the first ones, the
    /// focus and those the step is about.
    pub fn snapshot(&mut self) -> Option<Rc<Snapshot>> {
        if self.in_step() {
            return self.cached.clone().or_else(|| self.shown.clone());
        }
        if self.cached.is_none() {
            if let Ok(s) = &mut self.session {
                let mut options = SnapshotOptions {
                    focus: self.focus.clone(),
                    // The page draws no wait-for graph.
                    wait_for: false,
                    ..SnapshotOptions::default()
                };
                let mut snap = s.snapshot_with(&options);
                let missing = snap.live_goroutines <= DESCRIBE_ALL
                    && snap.live_goroutines
                        > snap.goroutines.iter().filter(|g| g.is_live()).count();
                if missing {
                    // Many dead goroutines come first by id: ask for the
                    // live ones by name.
                    for g in &snap.groups {
                        if g.status != gosim::snapshot::GoroutineStatus::Dead {
                            options.focus.extend(g.ids.iter().copied());
                        }
                    }
                    snap = s.snapshot_with(&options);
                }
                self.cached = Some(Rc::new(snap));
                self.shown = self.cached.clone();
            }
        }
        self.cached.clone()
    }

    /// Runs `step` on the session unless a cap forbids it, then, if the
    /// step is complete, checks the caps again. `step` says whether it
    /// took a step (`None`: the end) and whether it is complete (`false`:
    /// cut off, to go on later).
    fn advance(&mut self, step: impl FnOnce(&mut Session) -> Option<bool>) -> Option<bool> {
        if self.capped.is_some() {
            return None;
        }
        let Ok(session) = &mut self.session else {
            return None;
        };
        if !session.in_step() && session.position() >= self.config.max_positions {
            self.capped = Some(Cap::Steps);
            self.cached = None;
            return None;
        }
        let units = session.checkpoint_units();
        if !step(session)? {
            return Some(false);
        }
        self.cached = None;
        // The session keeps a VM copy now and then (ever more sparsely as
        // the run grows, and one close behind); together they count
        // against the memory budget.
        // A new copy may replace the tail copy, so the count can stay
        // the same while the size grows.
        if session.checkpoint_units() > units
            && session.checkpoint_units() > self.config.max_checkpoint_units
            && !session.is_ended()
        {
            self.capped = Some(Cap::Memory);
        }
        Some(true)
    }

    /// One step: the planned choice if there is one, else Go's own choice
    /// (or the seeded random one). Returns false at the end.
    pub fn step(&mut self) -> bool {
        self.advance(|s| s.step_next().then_some(true)).is_some()
    }

    /// "You are the scheduler": runs goroutine `gid` next, if it can run.
    /// Picking something other than the plan forgets the rest of the plan.
    pub fn step_goroutine(&mut self, gid: Gid) -> bool {
        self.advance(|s| s.step_goroutine(gid).then_some(true))
            .is_some()
    }

    /// Up to `max` steps; returns how many were taken.
    pub fn run(&mut self, max: usize) -> usize {
        self.run_for(max, u64::MAX)
    }

    /// Up to `max` steps, stopping after the one that brings the work done
    /// (gosim's steps: instructions plus charged work) to `work` or more;
    /// returns how many were taken. Work, unlike a count of statement
    /// steps, bounds the time: one step may cost a microsecond or 10 ms.
    ///
    /// A step that alone does more than `work` is cut off there
    /// (`Session::step_next_until`) and goes on at the next call, so no
    /// call does much more than `work`; `in_step` tells.
    pub fn run_for(&mut self, max: usize, work: u64) -> usize {
        let pause_at = self.work().saturating_add(work);
        let mut n = 0;
        while n < max && self.work() < pause_at {
            match self.advance(|s| s.step_next_until(pause_at)) {
                Some(true) => n += 1,
                Some(false) | None => break,
            }
        }
        n
    }

    /// The work done so far (see `run_for`).
    pub fn work(&self) -> u64 {
        self.session.as_ref().map_or(0, Session::work)
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
            }
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
    /// stepping again replays the same run. Returns the first choice that
    /// did not fit the program, if any.
    pub fn load_schedule(
        &mut self,
        schedule: &Choices,
        stop_at: Option<usize>,
    ) -> Option<OutOfRange> {
        let Ok(session) = &mut self.session else {
            return None;
        };
        session.restart();
        self.capped = None;
        self.cached = None;
        let mut policy = Policy::listed(schedule.clone());
        drive(self, &mut policy, stop_at.map_or(u64::MAX, |s| s as u64));
        policy.out_of_range()
    }

    /// The choices at multi-option points so far.
    pub fn choices(&self) -> Choices {
        self.session
            .as_ref()
            .map(Session::choices)
            .unwrap_or_default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use gosim::snapshot::OutcomeClass;

    /// The program of the case whose number is `n`.
    fn case(n: u32) -> &'static str {
        crate::cases::all()
            .iter()
            .find(|c| c.number == n)
            .map(|c| c.source)
            .expect("the case is embedded")
    }

    #[test]
    fn source_fits_counts_lines_as_str_lines_does() {
        let over = "x".repeat(SOURCE_BYTES_MAX + 1);
        for text in ["", "a", "a\n", "a\n\n", "\n", "a\r\nb", "a\nb", "\n\nx\r\n"] {
            let text = format!("{over}{text}");
            let size = source_fits(&text).expect_err("over the byte limit");
            assert_eq!(
                size.lines,
                text.lines().count(),
                "{:?}",
                &text[over.len()..]
            );
        }
        assert_eq!(source_fits("").map_err(|s| s.lines), Ok(()));
        let tall = "\n".repeat(SOURCE_LINES_MAX + 1);
        assert_eq!(
            source_fits(&tall).map_err(|s| s.lines),
            Err(SOURCE_LINES_MAX + 1)
        );
        assert_eq!(source_fits(&tall[1..]), Ok(()));
    }

    fn run_to_end(c: &mut Controller) -> Rc<Snapshot> {
        while c.step() {}
        c.snapshot().expect("program compiles")
    }

    /// One statement that is one long library call, stepped in slices of
    /// work, ends exactly as stepped in one go; while it is under way the
    /// page sees the state before it.
    #[test]
    fn a_long_step_runs_in_slices_of_work_and_ends_as_in_one_go() {
        let src = "package main\n\nimport \"slices\"\n\nfunc main() {\n\ts := make([]int, 30000)\n\tfor i := range 30 {\n\t\ts[i*1000] = i\n\t}\n\tslices.Reverse(s)\n\tslices.Sort(s)\n\tprintln(s[29999])\n}\n";
        let mut whole = Controller::new(src, PlayConfig::default());
        let end = run_to_end(&mut whole);
        assert_eq!(end.stderr, "29\n");

        let mut sliced = Controller::new(src, PlayConfig::default());
        let (mut cut, mut longest) = (0, 0);
        loop {
            let (at, work) = (sliced.position(), sliced.work());
            let before = sliced.snapshot();
            let n = sliced.run_for(usize::MAX, 1_000);
            longest = longest.max(sliced.work() - work);
            if sliced.in_step() {
                cut += 1;
                // The page still shows the state before the step.
                assert_eq!(sliced.snapshot(), before);
                assert_eq!(sliced.position(), at + n);
                assert!(!sliced.is_ended() && sliced.runnable().is_empty());
            } else if n == 0 {
                break;
            }
        }
        assert!(cut > 100, "the sort was cut {cut} times");
        // One call does its slice of work and at most one instruction more
        // (the largest here: making the 30,000-element slice).
        assert!(longest < 20_000, "{longest}");
        assert_eq!(sliced.snapshot(), Some(end));
        assert_eq!(sliced.history(), whole.history());
    }

    #[test]
    fn case4_reaches_the_deadlock_and_back_is_exact() {
        let mut c = Controller::new(case(4), PlayConfig::default());
        assert!(c.errors().is_empty());
        let end = run_to_end(&mut c);
        let ending = end.ending.as_ref().expect("the run ended");
        assert_eq!(ending.class, OutcomeClass::Deadlock);
        let n = c.position();
        assert_eq!(c.history().len(), n);
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
        let loopvar = case(14);
        let mut c = Controller::new(loopvar, PlayConfig::default());
        // Run until two goroutines are runnable, then pick the non-default one.
        let mut picked = false;
        while !picked && c.step() {
            let options = c.runnable();
            if options.len() > 1 {
                assert!(c.step_goroutine(options[1]));
                assert_eq!(c.history().last().map(|s| s.ran), Some(options[1]));
                picked = true;
            }
        }
        assert!(picked, "the program reaches a point with a real choice");
        let end = run_to_end(&mut c);
        let schedule = c.choices();
        assert!(schedule.switches() > 0);
        let mut d = Controller::new(loopvar, PlayConfig::default());
        assert_eq!(d.load_schedule(&schedule, None), None);
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
    fn a_schedule_that_does_not_fit_is_reported() {
        let mut c = Controller::new(case(14), PlayConfig::default());
        let misfit = c.load_schedule(&Choices(vec![0, 7]), None);
        let misfit = misfit.expect("choice 7 exceeds every point of case 14");
        assert_eq!((misfit.index, misfit.choice), (1, 7));
        assert!(c.is_ended(), "the run still goes to its end");
    }

    #[test]
    fn go_version_changes_loop_variables() {
        let mut old = Controller::new(
            case(14),
            PlayConfig {
                go: GoVersion::GO1_21,
                ..PlayConfig::default()
            },
        );
        let mut new = Controller::new(case(14), PlayConfig::default());
        let (a, b) = (run_to_end(&mut old), run_to_end(&mut new));
        assert_eq!(a.stdout, "3\n3\n3\n");
        assert_ne!(a.stdout, b.stdout);
    }

    const ENDLESS: &str = "package main\n\nimport \"fmt\"\n\nfunc main() {\n\tn := 0\n\tfor {\n\t\tn++\n\t\tif n < 0 {\n\t\t\tfmt.Println(n)\n\t\t}\n\t}\n}\n";

    #[test]
    fn endless_loop_ends_with_gosims_step_budget() {
        // 20,000 instructions come long before 200,000 positions: gosim's
        // own budget ends the run, not the page's cap.
        let mut c = Controller::new(
            ENDLESS,
            PlayConfig {
                max_instructions: 20_000,
                ..PlayConfig::default()
            },
        );
        let end = run_to_end(&mut c);
        assert!(c.is_ended());
        assert_eq!(c.cap(), None);
        let ending = end.ending.as_ref().expect("gosim ended the run");
        assert_eq!(ending.class, OutcomeClass::BudgetExhausted);
        assert_eq!(ending.budget, Some(gosim::snapshot::Budget::Steps));
    }

    #[test]
    fn the_pages_step_cap_stops_a_run_before_gosims_budget() {
        let mut d = Controller::new(
            ENDLESS,
            PlayConfig {
                max_positions: 50,
                ..PlayConfig::default()
            },
        );
        assert_eq!(d.run(1000), 50);
        assert!(d.capped() && d.is_ended());
        assert_eq!(d.cap(), Some(Cap::Steps));
        assert!(d.snapshot().and_then(|s| s.ending.clone()).is_none());
        d.back();
        assert!(!d.capped());
    }

    #[test]
    fn checkpoint_memory_budget_stops_a_heap_that_keeps_growing() {
        // Every iteration leaves a live timer behind, like case 16.
        let src = "package main\n\nimport \"time\"\n\nfunc main() {\n\tfor {\n\t\tselect {\n\t\tcase <-time.After(time.Hour):\n\t\tdefault:\n\t\t}\n\t}\n}\n";
        let config = PlayConfig {
            go: GoVersion::GO1_22,
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
        let config = PlayConfig {
            go: GoVersion::GO1_22,
            ..PlayConfig::default()
        };
        let mut c = Controller::new(case(16), config);
        let end = run_to_end(&mut c);
        assert_eq!(c.cap(), None, "stopped at step {}", c.position());
        let ending = end.ending.as_ref().expect("an ending");
        assert_eq!(ending.class, OutcomeClass::Finished);
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
        let times: Vec<i64> = c.clock_ticks().iter().map(|t| t.now_ns).collect();
        assert_eq!(times, [1_000_000_000, 3_000_000_000]);
        let second_at = c.clock_ticks()[1].step;
        assert!(c.clock_ticks()[0].step < second_at && second_at < c.position());
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
        assert_eq!(errors[0].at, Some((4, 2)));
        assert_eq!(errors[0].message, "declared and not used: x");
        assert!(!c.step());
        assert!(c.snapshot().is_none());
    }

    #[test]
    fn seeded_runs_are_reproducible() {
        let config = PlayConfig {
            seed: Some(42),
            ..PlayConfig::default()
        };
        let mut a = Controller::new(case(14), config);
        let mut b = Controller::new(case(14), config);
        assert_eq!(run_to_end(&mut a).stdout, run_to_end(&mut b).stdout);
        assert_eq!(a.choices(), b.choices());
    }
}
