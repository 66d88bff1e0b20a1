//! A steppable run for a user interface: step forward (by statement or by
//! scheduling point), pick the goroutine that runs next, step back exactly,
//! and know the run's schedule without replaying it.
//!
//! Owns the history of a run, recorded as it steps (the choice taken, how
//! many options there were, who ran, where the virtual clock moved), the
//! redo plan beyond the current position, and checkpoints (clones of the
//! VM: periodic ones that thin out as the run grows, and one retaken close
//! behind the position) so that going back is a restore plus a short
//! replay: the VM
//! is a pure function of the program and the choices. A host reads the run
//! only through this type and `Snapshot`; it never sees the VM.
//!
//! ```
//! use gosim::session::{Session, StepBy};
//! use gosim::snapshot::OutcomeClass;
//!
//! let src = "package main\n\nfunc main() {\n\tch := make(chan int)\n\tgo func() { ch <- 1 }()\n\tprintln(<-ch)\n}\n";
//! let mut s = Session::new(src, &gosim::RunConfig::default(), StepBy::SchedulingPoint)
//!     .expect("it compiles");
//! s.run(1_000);
//! let end = s.snapshot();
//! assert_eq!(end.ending.map(|e| e.class), Some(OutcomeClass::Finished));
//! assert_eq!(end.stderr, "1\n");
//! s.goto(1); // exactly the state after the first step
//! assert_eq!(s.position(), 1);
//! assert_eq!(s.choices().switches(), 0); // Go's own order, known without a replay
//! ```

use crate::config::RunConfig;
use crate::program::CompileErrors;
use crate::runtime::Gid;
use crate::schedule::{drive, Choices, OutOfRange, Point, Policy, Stepper};
use crate::snapshot::{Snapshot, SnapshotOptions};
use crate::vm::machine::{Vm, VmConfig};
use crate::vm::op::Program;
use std::rc::Rc;

/// How many steps between checkpoints, at least.
const CHECKPOINT_EVERY: usize = 64;

/// VM steps (instructions and charged work) between checkpoints, at least,
/// whatever the number of steps taken: a few statements that each copy a
/// huge string would otherwise be replayed whole by a step back. About
/// 10 ms of work natively; like the step rule, it thins out to an eighth
/// of the work done, so the copies stay O(log n).
const CHECKPOINT_WORK: u64 = 1 << 18;

/// The tail copy is retaken every `size / TAIL_EVERY_PER_UNIT` steps (`size`
/// in objects), at least every `CHECKPOINT_EVERY`, so its cost grows with
/// the VM like the steps between copies do. With 100,000 goroutines
/// (`examples/back_bench.rs`) Back replays 7,405 steps instead of 100,762
/// (22–24 ms instead of 41–45 ms) and reaching the end takes 500–545 ms
/// instead of 330–410 ms.
const TAIL_EVERY_PER_UNIT: u64 = 4;

/// Where a step stops.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum StepBy {
    /// At the next statement of user code, as well as at scheduling points.
    Statement,
    /// Only at scheduling points (how explored schedules are counted).
    SchedulingPoint,
}

/// One step taken.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct StepRecord {
    /// The option taken (0 is Go's own choice).
    pub choice: u32,
    /// How many options the point had; a step with more than one is a
    /// choice of the schedule.
    pub options: u32,
    /// The goroutine that ran.
    pub ran: Gid,
}

/// The virtual clock read a new time after step `step` (0-based).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ClockTick {
    /// The step after which the clock read a new time.
    pub step: usize,
    /// The new time, in virtual nanoseconds since the start.
    pub now_ns: i64,
}

/// One program being stepped: see the module documentation.
#[derive(Clone)]
pub struct Session {
    prog: Rc<Program>,
    cfg: VmConfig,
    vm: Vm,
    /// Picks the option of a step beyond the plan.
    policy: Policy,
    /// Every step taken so far.
    history: Vec<StepRecord>,
    /// The choice of every step: the steps taken, then the redo plan that
    /// the next steps follow (after going back, or a loaded schedule).
    plan: Vec<u32>,
    ticks: Vec<ClockTick>,
    /// (steps taken, VM after them, its size in objects), thinning out as
    /// the run grows.
    checkpoints: Vec<(usize, Vm, u64)>,
    /// One more copy close behind the position, retaken as the run moves
    /// on: without it, a step back at the end of a long run replays up to
    /// an eighth of the run (100,000 steps with 100,000 goroutines).
    tail: Option<(usize, Vm, u64)>,
    /// Steps the last `goto` back replayed from its checkpoint.
    replayed: usize,
    /// A step cut off by its work limit, and its record once complete.
    partial: Option<StepRecord>,
}

/// Stepping a session records every step (used by `drive`).
impl Stepper for Session {
    fn point(&mut self) -> Point {
        Session::point(self)
    }
    fn option_count(&mut self) -> usize {
        self.settle();
        self.vm.option_count()
    }
    fn take(&mut self, choice: usize) {
        self.step(choice);
    }
}

impl Session {
    /// Compiles `src`; choices beyond any plan follow `config.schedule`.
    pub fn new(src: &str, config: &RunConfig, step_by: StepBy) -> Result<Session, CompileErrors> {
        Ok(Session::with_program(
            crate::program::compile(src, config)?,
            config,
            step_by,
        ))
    }

    /// A session of a program compiled already, for `config`'s Go release
    /// (compiled elsewhere, or read from a [`crate::image`]).
    pub fn with_program(prog: Rc<Program>, config: &RunConfig, step_by: StepBy) -> Session {
        let cfg = VmConfig {
            go_version: config.go_version,
            max_steps: config.max_steps,
            max_memory: config.max_memory,
            stop_at_statements: step_by == StepBy::Statement,
            // Vector clocks cost a step time per goroutine; only a host
            // that shows races pays for them.
            detect_races: config.detect_races,
            bounded_ops: config.bounded_ops,
            ..Default::default()
        };
        let vm = Vm::new(prog.clone(), cfg.clone());
        Session {
            prog,
            cfg,
            checkpoints: vec![(0, vm.clone(), 0)],
            vm,
            policy: Policy::new(&config.schedule),
            history: Vec::new(),
            plan: Vec::new(),
            ticks: Vec::new(),
            replayed: 0,
            partial: None,
            tail: None,
        }
    }

    /// The compiled program.
    pub fn program(&self) -> &Program {
        &self.prog
    }

    /// Steps taken so far.
    pub fn position(&self) -> usize {
        self.history.len()
    }

    /// Steps the plan reaches (at least the position).
    pub fn planned(&self) -> usize {
        self.plan.len().max(self.position())
    }

    /// Every step taken, in order.
    pub fn history(&self) -> &[StepRecord] {
        &self.history
    }

    /// The work done so far, in VM steps: instructions executed plus the
    /// work charged in proportion (bytes copied, compared, hashed). A host
    /// that must yield now and then measures its slices in it, since one
    /// statement step may be one instruction or a million.
    pub fn work(&self) -> u64 {
        self.vm.steps
    }

    /// Where the virtual clock moved, in step order.
    pub fn clock_ticks(&self) -> &[ClockTick] {
        &self.ticks
    }

    /// How many full VM copies the session keeps for going back (the start
    /// included). Hosts with a memory budget count these.
    pub fn checkpoint_count(&self) -> usize {
        self.checkpoints.len() + usize::from(self.tail.is_some())
    }

    /// The size of the copies kept for going back, in objects (goroutines,
    /// heap objects, timers, summed over the checkpoints after the start):
    /// what a host's memory budget counts.
    pub fn checkpoint_units(&self) -> u64 {
        let tail = self.tail.as_ref().map_or(0, |t| t.2);
        self.checkpoints.iter().skip(1).map(|c| c.2).sum::<u64>() + tail
    }

    /// How many steps the last move back replayed after restoring a
    /// checkpoint: what a click on Back costs, in steps.
    pub fn replayed(&self) -> usize {
        self.replayed
    }

    /// The decision the next step makes.
    pub fn point(&mut self) -> Point {
        self.settle();
        self.vm.point()
    }

    /// The program has ended (or a gosim budget stopped it).
    pub fn is_ended(&mut self) -> bool {
        self.settle();
        self.vm.option_count() == 0
    }

    /// The goroutines that can be picked to run next.
    pub fn runnable(&mut self) -> Vec<Gid> {
        self.settle();
        self.vm.point().runnable()
    }

    /// Whether goroutine `gid` can be picked to run next, in constant time
    /// (`runnable` lists them all).
    pub fn can_pick(&mut self, gid: Gid) -> bool {
        self.settle();
        self.vm.can_pick(gid)
    }

    /// The goroutine the next step runs: the planned choice if there is
    /// one, else Go's own choice.
    pub fn next_goroutine(&mut self) -> Option<Gid> {
        self.settle();
        let planned = self.plan.get(self.position()).copied().unwrap_or(0);
        self.vm.option_gid(planned as usize)
    }

    /// Takes option `choice` (0 is Go's own choice; out of range is clamped
    /// to the last option). A choice that differs from the plan replaces
    /// the rest of the plan. Returns false at the end.
    pub fn step(&mut self, choice: usize) -> bool {
        self.settle();
        self.begin_step(choice, u64::MAX).is_some()
    }

    /// Starts the step that takes option `choice`, cut off before the
    /// first instruction at which [`Session::work`] has reached `pause_at`
    /// (see [`Session::step_next_until`]). `None` at the end, else whether
    /// the step is complete.
    fn begin_step(&mut self, choice: usize, pause_at: u64) -> Option<bool> {
        let n = self.vm.option_count();
        let ran = self.vm.option_gid(choice)?;
        let record = StepRecord {
            choice: choice.min(n - 1) as u32,
            options: n as u32,
            ran,
        };
        let complete = self.vm.step_until(record.choice as usize, pause_at);
        match complete {
            true => self.end_step(record),
            false => self.partial = Some(record),
        }
        Some(complete)
    }

    /// Whether a step was cut off by its work limit and has not gone on to
    /// its end ([`Session::step_next_until`]). Until it does, the position,
    /// the history and [`Session::work`] are as before it; anything else
    /// asked of the session first finishes it.
    pub fn in_step(&self) -> bool {
        self.partial.is_some()
    }

    /// The next step along the plan (as [`Session::step_next`]), cut off
    /// before the first instruction at which [`Session::work`] has reached
    /// `pause_at`; a step cut off before goes on instead. `None` at the
    /// end, else whether the step is complete. A host that must yield now
    /// and then (the playground, on the page's thread) runs one step that
    /// does a great deal of work, such as a library call that sorts a
    /// million elements or a goroutine that computes between two
    /// scheduling points, over several calls: the step is the same as if
    /// it had not been cut.
    pub fn step_next_until(&mut self, pause_at: u64) -> Option<bool> {
        if let Some(record) = self.partial {
            if !self.vm.resume_step(pause_at) {
                return Some(false);
            }
            self.partial = None;
            self.end_step(record);
            return Some(true);
        }
        let n = self.vm.option_count();
        if n == 0 {
            return None;
        }
        let choice = match self.plan.get(self.position()) {
            Some(&c) => c as usize,
            None => self.policy.choose(n),
        };
        self.begin_step(choice, pause_at)
    }

    /// Finishes a step cut off by its work limit, if there is one.
    fn settle(&mut self) {
        while self.partial.is_some() {
            self.step_next_until(u64::MAX);
        }
    }

    /// Records a complete step: its history, plan, clock and checkpoints.
    fn end_step(&mut self, record: StepRecord) {
        let choice = record.choice;
        let pos = self.position();
        self.history.push(record);
        if self.plan.get(pos) != Some(&choice) {
            self.plan.truncate(pos);
            self.plan.push(choice);
        }
        let now = self.vm.now();
        if now != self.ticks.last().map_or(0, |t| t.now_ns) {
            self.ticks.push(ClockTick {
                step: pos,
                now_ns: now,
            });
        }
        // Checkpoints thin out as runs grow, so their copies cost
        // O(log n) while going back replays at most an eighth of the run.
        let last = self.checkpoints.last().map_or((0, 0), |c| (c.0, c.2));
        let work = self.vm.steps - self.checkpoints.last().map_or(0, |c| c.1.steps);
        if self.position() - last.0 >= CHECKPOINT_EVERY.max(self.position() / 8)
            || work >= CHECKPOINT_WORK.max(self.vm.steps / 8)
        {
            let units = self.vm.object_count();
            self.checkpoints
                .push((self.position(), self.vm.clone(), units));
            self.tail = None;
        } else {
            // The last copy's size stands for the VM's: counting objects
            // every step would cost a pass over the timers.
            let (at, units) = self.tail.as_ref().map_or(last, |t| (t.0, t.2));
            let every = CHECKPOINT_EVERY.max((units / TAIL_EVERY_PER_UNIT) as usize);
            if self.position() - at >= every {
                let units = self.vm.object_count();
                self.tail = Some((self.position(), self.vm.clone(), units));
            }
        }
    }

    /// One step along the plan, or as the schedule's policy picks beyond
    /// it. Returns false at the end.
    pub fn step_next(&mut self) -> bool {
        self.settle();
        self.step_next_until(u64::MAX).is_some()
    }

    /// "You are the scheduler": runs goroutine `gid` next, if it can run
    /// now. At a select with several ready cases, the goroutine deciding is
    /// the one that runs, with the planned (or Go's) case.
    pub fn step_goroutine(&mut self, gid: Gid) -> bool {
        self.settle();
        match self.vm.point() {
            Point::Schedule { options } => match options.iter().position(|&g| g == gid) {
                Some(i) => self.step(i),
                None => false,
            },
            Point::SelectCase { g, .. } if g == gid => self.step_next(),
            _ => false,
        }
    }

    /// Up to `max` steps along the plan; returns how many were taken.
    pub fn run(&mut self, max: usize) -> usize {
        let mut n = 0;
        while n < max && self.step_next() {
            n += 1;
        }
        n
    }

    /// The state after `pos` steps: back exactly (restore the nearest
    /// checkpoint and replay the same choices), or forward along the plan.
    pub fn goto(&mut self, pos: usize) {
        self.settle();
        if pos >= self.position() {
            while self.position() < pos && self.step_next() {}
            return;
        }
        let (at, vm) = self
            .tail
            .iter()
            .chain(self.checkpoints.iter().rev())
            // Strictly before `pos` (unless 0), so the last step is replayed and
            // its events are known.
            .find(|c| c.0 < pos || c.0 == 0)
            .map(|c| (c.0, c.1.clone()))
            .unwrap_or_else(|| (0, Vm::new(self.prog.clone(), self.cfg.clone())));
        self.vm = vm;
        self.history.truncate(at);
        self.checkpoints.retain(|c| c.0 <= at);
        if self.tail.as_ref().is_some_and(|t| t.0 > at) {
            self.tail = None;
        }
        while self.ticks.last().is_some_and(|t| t.step >= at) {
            self.ticks.pop();
        }
        // The plan still holds the choices of the steps being replayed.
        while self.position() < pos && self.step_next() {}
        self.replayed = self.position() - at;
    }

    /// Exactly the state one step earlier.
    pub fn back(&mut self) {
        let p = self.position();
        if p > 0 {
            self.goto(p - 1);
        }
    }

    /// Back to the start with no plan: the next steps follow the policy.
    pub fn restart(&mut self) {
        self.goto(0);
        self.plan.clear();
    }

    /// The choices taken at points with more than one option: the run's
    /// schedule, as `gosim run --schedule` and share links carry it.
    pub fn choices(&self) -> Choices {
        Choices(
            self.history
                .iter()
                .filter(|s| s.options > 1)
                .map(|s| s.choice)
                .collect(),
        )
    }

    /// Replays `schedule` from the start for `steps` steps (to the end, or
    /// `max_steps`, if `None`); the steps taken become the plan, so going
    /// back and stepping again replays the same run. Returns the first
    /// choice that did not fit its point, if any.
    pub fn load(
        &mut self,
        schedule: &Choices,
        steps: Option<usize>,
        max_steps: usize,
    ) -> Option<OutOfRange> {
        self.restart();
        let mut policy = Policy::listed(schedule.clone());
        let limit = steps.unwrap_or(max_steps).min(max_steps);
        drive(self, &mut policy, limit as u64);
        policy.out_of_range()
    }

    /// The picture of the run after the last step, with the default
    /// detail.
    pub fn snapshot(&mut self) -> Snapshot {
        self.snapshot_with(&SnapshotOptions::default())
    }

    /// The picture of the run after the last step, with the goroutines and
    /// objects `options` asks for in full.
    pub fn snapshot_with(&mut self, options: &SnapshotOptions) -> Snapshot {
        self.settle();
        // The VM's event log holds only the last step's events.
        self.vm.snapshot(0, options)
    }

    /// A hash of the whole observable state (the snapshot), for tests that
    /// step forward and back.
    pub fn state_hash(&mut self) -> u64 {
        let s = self.snapshot();
        let text = format!("{:?}", s);
        let mut h: u64 = 0xcbf2_9ce4_8422_2325;
        for b in text.bytes() {
            h ^= b as u64;
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
        h
    }
}
