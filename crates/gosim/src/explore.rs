//! Exploring schedules: every distinct outcome of a program, each with the
//! shortest (then minimized) schedule that reproduces it.
//!
//! Owns the search: an exhaustive depth-first search over choice points
//! with state deduplication and sleep sets (partial-order reduction: two
//! goroutines whose steps touch disjoint objects need not be reordered),
//! then a preemption-bounded search, then seeded random schedules when the
//! space is too large. The search is resumable in slices of work so a
//! browser tab never freezes. It does no I/O and reads no clock.

use crate::config::RunConfig;
use crate::program::CompileErrors;
use crate::schedule::{drive, Choices, Point, Policy};
use crate::snapshot::{LeakView, OutcomeClass, RaceReport};
use crate::util::fasthash::HashMap;
use crate::util::sorted::SortedSet;
use crate::util::splitmix::SplitMix;
use crate::vm::goroutine::GStatus;
use crate::vm::machine::{Vm, VmConfig};
use crate::vm::op::Program;
use crate::vm::race::Loc;
use serde::{Deserialize, Serialize};
use std::rc::Rc;

/// The limits and options of a search.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ExploreConfig {
    /// Stop the exhaustive search after this many complete schedules.
    pub max_schedules: u64,
    /// Preemption bound for the second phase (context switches away from a
    /// runnable goroutine).
    pub preemption_bound: u32,
    /// Random schedules tried when the exhaustive search cannot finish.
    pub random_runs: u64,
    /// Seed of the random and PCT schedules.
    pub seed: u64,
    /// Instruction budget of each run.
    pub max_steps_per_run: u64,
    /// Instructions the whole exploration may execute: half for the
    /// exhaustive search, a quarter for the bounded one, the rest random.
    pub max_work: u64,
    /// Partial-order reduction (sleep sets); off only to check it.
    pub reduce: bool,
    /// Bytes the search may keep: copies of the program's state along the
    /// search path (beyond this, states are dropped and recomputed from an
    /// earlier one when needed) and the outcomes found. A search that
    /// cannot go on within it stops and says so
    /// ([`ExploreReport::memory_limited`]).
    pub max_memory: u64,
}

/// Value nodes a state hash may visit (see `with_hash_budget`).
const MAX_HASHED_NODES: u64 = 1 << 22;

/// Bytes of a state copied (or hashed) in the time of one instruction, for
/// the work budget.
const COPY_BYTES_PER_STEP: u64 = 16;

/// The default [`ExploreConfig::max_memory`]: 256 MiB.
pub const DEFAULT_EXPLORE_MEMORY: u64 = 256 << 20;

impl Default for ExploreConfig {
    fn default() -> Self {
        ExploreConfig {
            max_schedules: 20_000,
            preemption_bound: 2,
            random_runs: 200,
            seed: 1,
            max_steps_per_run: 5_000_000,
            max_work: 12_000_000,
            reduce: true,
            max_memory: DEFAULT_EXPLORE_MEMORY,
        }
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
/// One distinct way the program can end, with a schedule that reaches it.
pub struct Outcome {
    /// How it ended.
    pub class: OutcomeClass,
    /// Everything the program printed to stdout.
    pub stdout: String,
    /// stderr up to the first goroutine header.
    pub stderr_head: String,
    /// The exit status (`None` when a budget stopped it).
    pub exit_code: Option<i32>,
    /// How many explored schedules reached it.
    pub count: u64,
    /// The shortest schedule found, minimized (`gosim run --schedule`).
    pub schedule: Choices,
    /// Context switches in `schedule` (non-default choices).
    pub switches: usize,
    /// Goroutines left blocked or runnable when main returned: the first
    /// [`LEAKS_LISTED`] by id.
    pub leaked: Vec<LeakView>,
    /// How many goroutines were left in all.
    pub leaked_total: usize,
    /// Data races seen in schedules that reached this outcome.
    pub races: Vec<RaceReport>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
/// What a search found.
pub struct ExploreReport {
    /// The distinct outcomes, in the order they were found.
    pub outcomes: Vec<Outcome>,
    /// Every data race found in any explored schedule.
    pub races: Vec<RaceReport>,
    /// Complete schedules run.
    pub schedules: u64,
    /// Distinct choice-point states visited.
    pub states: u64,
    /// The exhaustive search covered every schedule (up to reduction).
    pub complete: bool,
    /// Which searches ran: "exhaustive", then "preemption-bounded(k)", then
    /// "random+pct" (uniform random and PCT schedules, alternating).
    pub modes: Vec<String>,
    /// The search stopped at its memory limit
    /// ([`ExploreConfig::max_memory`]): the outcomes are the ones found until
    /// then, a partial result.
    #[serde(default)]
    pub memory_limited: bool,
}

/// The observable result that makes outcomes distinct.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
struct OutcomeKey {
    class: OutcomeClass,
    stdout: String,
    stderr_head: String,
    exit: Option<i32>,
}

struct Frame {
    /// The state at this point; `None` when it was dropped to stay within
    /// the memory budget (it is recomputed from an earlier frame's).
    vm: Option<Vm>,
    /// What the state's copy takes ([`Vm::copy_bytes`]).
    size: u64,
    point: Point,
    n: usize,
    next: usize,
    /// The choice taken to leave this frame (valid after the first).
    taken: usize,
    /// Options already explored from this state, with the footprint of
    /// their first step (they go to sleep in later siblings' subtrees).
    done: Vec<(usize, Footprint)>,
    /// Goroutines whose next step need not be tried here (sleep set).
    sleep: Vec<(u32, Footprint)>,
}

/// What a step touched: object or memory keys, each with whether it was
/// written. Synchronization objects always count as written.
type Footprint = SortedSet<(u64, bool)>;

/// Two steps are dependent when they touch a common key and one writes it.
fn dependent(a: &Footprint, b: &Footprint) -> bool {
    a.iter()
        .any(|&(k, w)| b.contains(&(k, true)) || (w && b.contains(&(k, false))))
}

/// A unit of work cut off at the end of a slice: the run in progress and
/// where the unit was, so that the next slice goes on from there (in the
/// middle of a VM step if need be: [`Vm::step_until`]). Everything the
/// search decides happens between units or between steps, exactly as in
/// one long call, so slicing changes no result.
enum Unit {
    /// Go's own schedule, run to its end before the search starts.
    DefaultRun(Policed),
    /// A fresh run advancing to the search's first choice point.
    Settle { run: Policed, bound: Option<u32> },
    /// A branch of the search, advancing to its next choice point.
    Branch(Branch),
    /// A uniformly random schedule; `then` is the phase after it.
    Random { run: Policed, then: u64 },
    /// A PCT schedule.
    Pct(Pct),
}

/// A branch under way: the choice taken at the top frame, then the forced
/// steps after it to the next choice point.
struct Branch {
    vm: Vm,
    point: Point,
    c: usize,
    /// The footprint of the choice's own step, once taken.
    first: Option<Footprint>,
    /// The footprints of the steps taken so far.
    segment: Footprint,
    movers: Vec<u32>,
    /// The step under way.
    tracking: Option<Tracking>,
}

impl Driver for Branch {
    fn vm(&mut self) -> &mut Vm {
        &mut self.vm
    }
    fn next(&mut self) -> Option<(usize, u64)> {
        let c = if self.first.is_none() {
            self.c
        } else if self.vm.option_count() == 1 {
            0
        } else {
            return None;
        };
        self.tracking = Some(track(&mut self.vm, c));
        Some((c, 0))
    }
    fn stepped(&mut self) {
        let Some(t) = self.tracking.take() else {
            return;
        };
        let (fp, mover) = tracked(&mut self.vm, t);
        self.segment.extend(fp.iter().copied());
        self.movers.extend(mover);
        if self.first.is_none() {
            self.first = Some(fp);
        }
    }
}

/// A PCT run under way (see [`Explorer::pct_run`]).
struct Pct {
    vm: Vm,
    depth: u64,
    change_points: Vec<u64>,
    priority: HashMap<u32, u64>,
    low: u64,
    path: Vec<u32>,
    steps: u64,
    /// The explorer's generator, lent to the run while it goes on.
    rng: SplitMix,
    /// The phase after it.
    then: u64,
}

impl Driver for Pct {
    fn vm(&mut self) -> &mut Vm {
        &mut self.vm
    }
    fn next(&mut self) -> Option<(usize, u64)> {
        let n = self.vm.option_count();
        if n == 0 {
            return None;
        }
        let point = if n > 1 { self.vm.point() } else { Point::Ended };
        let c = match &point {
            Point::Schedule { options } if n > 1 => {
                for g in options {
                    if !self.priority.contains_key(g) {
                        let pr = self.depth + 1 + self.rng.next_u64() % 1_000_000;
                        self.priority.insert(*g, pr);
                    }
                }
                let (i, g) = options
                    .iter()
                    .enumerate()
                    .max_by_key(|(_, g)| self.priority.get(g).copied().unwrap_or(0))
                    .map(|(i, g)| (i, *g))
                    .unwrap_or((0, options[0]));
                if self.change_points.contains(&self.steps) {
                    self.low = self.low.saturating_sub(1);
                    self.priority.insert(g, self.low);
                }
                self.path.push(i as u32);
                i
            }
            Point::SelectCase { .. } => {
                let i = (self.rng.next_u64() % n as u64) as usize;
                self.path.push(i as u32);
                i
            }
            _ => 0,
        };
        self.steps += 1;
        // Priorities are compared over every option: work in proportion
        // to the runnable goroutines.
        Some((c, n as u64))
    }
}

/// A run under a policy: Go's own schedule, or a random one remembering
/// the choices made at points with more than one option (its schedule);
/// or, `settling`, a fresh run advancing through single-option points to
/// the first real choice point.
struct Policed {
    vm: Vm,
    policy: Policy,
    choices: Choices,
    settling: bool,
}

impl Policed {
    fn new(vm: Vm, policy: Policy, settling: bool) -> Policed {
        Policed {
            vm,
            policy,
            choices: Choices::default(),
            settling,
        }
    }
}

impl Driver for Policed {
    fn vm(&mut self) -> &mut Vm {
        &mut self.vm
    }
    fn next(&mut self) -> Option<(usize, u64)> {
        let n = self.vm.option_count();
        if n == 0 || (self.settling && n > 1) {
            return None;
        }
        let c = self.policy.choose(n);
        if n > 1 {
            self.choices.0.push(c as u32);
        }
        Some((c, 0))
    }
}

/// What steps a run in [`Explorer::advance`]: it picks each step's choice
/// and hears when a step is complete.
trait Driver {
    fn vm(&mut self) -> &mut Vm;
    /// The choice of the next step and the work of picking it beyond the
    /// run's own; `None` when the run has nothing left to do here.
    fn next(&mut self) -> Option<(usize, u64)>;
    /// A step is complete.
    fn stepped(&mut self) {}
}

/// What a run has done so far: instructions (with the copying and hashing
/// the VM charges for) and scheduling decisions.
fn vm_work(vm: &Vm) -> u64 {
    vm.steps + vm.sched_work
}

enum Phase {
    Exhaustive,
    Bounded,
    Random(u64),
    Done,
}

/// A search in progress, resumable in slices of work.
pub struct Explorer {
    prog: Rc<Program>,
    cfg: VmConfig,
    ecfg: ExploreConfig,
    stack: Vec<Frame>,
    started: bool,
    phase: Phase,
    outcomes: HashMap<OutcomeKey, Outcome>,
    order: Vec<OutcomeKey>,
    /// Visited states with the sleep set they were explored under.
    visited: HashMap<u64, Vec<u32>>,
    schedules: u64,
    complete: bool,
    modes: Vec<String>,
    rng: SplitMix,
    /// Instructions executed so far (all runs, shared prefixes counted once).
    work: u64,
    /// The unit cut off at the end of the last slice, if any.
    unit: Option<Box<Unit>>,
    /// `work` when the current unit began.
    unit_start: u64,
    /// `work` at which the current slice ends.
    slice_end: u64,
    /// Scheduling steps of Go's own schedule (PCT's estimate of run length).
    default_steps: u64,
    /// Bytes kept: the states on the search path plus the outcomes.
    kept: u64,
    memory_limited: bool,
    /// The goroutines of finished runs, freed a batch at the start of each
    /// slice: freeing a run of 120,000 goroutines at once took 30 ms.
    disposal: Vec<Rc<crate::vm::goroutine::Goroutine>>,
}

/// Goroutines freed per slice (about a millisecond's work natively).
const DISPOSED_PER_SLICE: usize = 4096;

impl Explorer {
    /// Compiles `src` and prepares the search; nothing runs yet.
    pub fn new(src: &str, run: &RunConfig, ecfg: ExploreConfig) -> Result<Explorer, CompileErrors> {
        Ok(Explorer::with_program(
            crate::program::compile(src, run)?,
            run,
            ecfg,
        ))
    }

    /// Prepares the search of a program compiled already (for `run`'s Go
    /// release: a host that compiles elsewhere, such as the browser's
    /// compiler worker, or reads a [`crate::image`]).
    pub fn with_program(prog: Rc<Program>, run: &RunConfig, ecfg: ExploreConfig) -> Explorer {
        let cfg = VmConfig {
            go_version: run.go_version,
            max_steps: ecfg.max_steps_per_run,
            max_memory: run.max_memory,
            bounded_ops: run.bounded_ops,
            ..Default::default()
        };
        let seed = ecfg.seed;
        Explorer {
            prog,
            cfg,
            ecfg,
            stack: Vec::new(),
            started: false,
            phase: Phase::Exhaustive,
            outcomes: HashMap::default(),
            order: Vec::new(),
            visited: HashMap::default(),
            schedules: 0,
            complete: false,
            modes: vec!["exhaustive".into()],
            rng: SplitMix(seed),
            work: 0,
            unit: None,
            unit_start: 0,
            slice_end: 0,
            default_steps: 0,
            kept: 0,
            memory_limited: false,
            disposal: Vec::new(),
        }
    }

    /// Lets a finished run go: its goroutines are freed over the next
    /// slices, the rest now.
    fn dispose(&mut self, mut vm: Vm) {
        self.disposal.append(&mut vm.gs);
    }

    /// Does about `budget` units of work (VM steps, and the copying and
    /// hashing charged as steps); returns true when the whole exploration
    /// is finished. A run longer than the budget is cut off and goes on at
    /// the next call: a call overshoots `budget` by at most one VM step and
    /// the bookkeeping of one unit (copying or hashing one state, recording
    /// one outcome), and the results do not depend on the budget.
    pub fn work(&mut self, budget: u64) -> bool {
        let keep = self.disposal.len().saturating_sub(DISPOSED_PER_SLICE);
        self.disposal.truncate(keep);
        let start = self.work;
        self.slice_end = start.saturating_add(budget);
        while self.work - start < budget {
            if let Some(unit) = self.unit.take() {
                self.go_on(unit);
            } else {
                self.unit_start = self.work;
                match self.phase {
                    Phase::Exhaustive => {
                        if self.work >= self.ecfg.max_work / 2 {
                            self.stack.clear();
                            self.finish_dfs(None, false);
                            continue;
                        }
                        self.dfs_unit(None);
                    }
                    Phase::Bounded => {
                        if self.work >= self.ecfg.max_work / 4 * 3 {
                            self.stack.clear();
                            self.finish_dfs(Some(self.ecfg.preemption_bound), false);
                            continue;
                        }
                        self.dfs_unit(Some(self.ecfg.preemption_bound));
                    }
                    Phase::Random(left) => {
                        if left == 0 || self.work >= self.ecfg.max_work {
                            self.phase = Phase::Done;
                            continue;
                        }
                        // Alternate uniform random schedules with PCT runs
                        // (priority-based, a few preemptions at random
                        // points), which find bugs of small depth with good
                        // odds.
                        if left % 2 == 0 {
                            self.random_run(left - 1);
                        } else {
                            self.pct_run(3, left - 1);
                        }
                    }
                    // Done once the last run's goroutines are freed too.
                    Phase::Done => return self.disposal.is_empty(),
                }
            }
            if self.unit.is_some() {
                // The slice ended inside a run.
                break;
            }
            // Every unit costs at least one, so the loop always ends.
            self.work = self.work.max(self.unit_start + 1);
        }
        matches!(self.phase, Phase::Done)
    }

    /// Runs a unit until its run is done or the slice is used up (then it
    /// waits in `unit` for the next slice), and finishes it.
    fn go_on(&mut self, mut unit: Box<Unit>) {
        let run: &mut dyn Driver = match &mut *unit {
            Unit::DefaultRun(run) | Unit::Random { run, .. } | Unit::Settle { run, .. } => run,
            Unit::Branch(b) => b,
            Unit::Pct(p) => p,
        };
        if !self.advance(run) {
            self.unit = Some(unit);
            return;
        }
        match *unit {
            Unit::DefaultRun(run) => self.default_run_done(run.vm),
            Unit::Settle { run, bound } => self.settled(run.vm, bound),
            Unit::Branch(b) => self.branch_done(b),
            Unit::Random { run, then } => self.random_done(run, then),
            Unit::Pct(p) => self.pct_done(p),
        }
    }

    /// Steps a run as its driver says until the driver has nothing left to
    /// do or the slice is used up (cutting the last step off if need be),
    /// counting the work; returns whether the driver is done.
    fn advance(&mut self, run: &mut dyn Driver) -> bool {
        let limit = self.slice_end.saturating_sub(self.work).max(1);
        let base = vm_work(run.vm());
        let mut picking = 0;
        let done = loop {
            let spent = vm_work(run.vm()) - base + picking;
            if spent >= limit {
                break false;
            }
            let pause_at = run.vm().steps + (limit - spent);
            let complete = if run.vm().paused.is_some() {
                run.vm().resume_step(pause_at)
            } else {
                let Some((c, cost)) = run.next() else {
                    break true;
                };
                picking += cost;
                run.vm().step_until(c, pause_at)
            };
            if complete {
                run.stepped();
            }
        };
        self.work += vm_work(run.vm()) - base + picking;
        done
    }

    /// Units of work done so far, as [`Explorer::work`] counts them:
    /// instructions, scheduling decisions, and copying and hashing states
    /// in instruction-equivalents.
    pub fn work_done(&self) -> u64 {
        self.work
    }

    /// Works until the search is finished and reports it.
    pub fn run_to_end(&mut self) -> ExploreReport {
        while !self.work(100_000) {}
        self.report()
    }

    fn new_vm(&self) -> Vm {
        Vm::new(self.prog.clone(), self.cfg.clone())
    }

    /// Advances through single-option points; returns the VM at the next
    /// real choice point or at the end, and the steps taken.
    fn settle(vm: &mut Vm) -> u64 {
        let mut steps = 0;
        loop {
            match vm.option_count() {
                1 => {
                    vm.step(0);
                    steps += 1;
                }
                _ => return steps,
            }
        }
    }

    /// A fresh run, its setup counted as work.
    fn fresh_vm(&mut self) -> Vm {
        let vm = self.new_vm();
        self.work += vm_work(&vm);
        vm
    }

    /// One unit of depth-first search: extend the current path by one
    /// choice (and to the next choice point), or backtrack.
    fn dfs_unit(&mut self, bound: Option<u32>) {
        if !self.started {
            self.started = true;
            let vm = self.fresh_vm();
            if bound.is_none() {
                // Go's own schedule is always among the outcomes, whatever
                // the search later covers.
                self.go_on(Box::new(Unit::DefaultRun(Policed::new(
                    vm,
                    Policy::GoDefault,
                    false,
                ))));
            } else {
                self.go_on(Box::new(Unit::Settle {
                    run: Policed::new(vm, Policy::GoDefault, true),
                    bound,
                }));
            }
            return;
        }
        let Some(top) = self.stack.last_mut() else {
            self.finish_dfs(bound, true);
            return;
        };
        // Skip options asleep here or beyond the preemption bound.
        while top.next < top.n {
            let c = top.next;
            let gid = match &top.point {
                Point::Schedule { options } => Some(options[c]),
                _ => None,
            };
            let asleep = gid.is_some_and(|g| top.sleep.iter().any(|(s, _)| *s == g));
            if asleep {
                top.next += 1;
                continue;
            }
            break;
        }
        if top.next >= top.n {
            if let Some(f) = self.stack.pop() {
                if f.vm.is_some() {
                    self.kept -= f.size;
                }
            }
            if self.stack.is_empty() {
                self.finish_dfs(bound, true);
            }
            return;
        }
        if self.schedules >= self.ecfg.max_schedules {
            self.stack.clear();
            self.finish_dfs(bound, false);
            return;
        }
        let c = top.next;
        top.next += 1;
        top.taken = c;
        if let Some(b) = bound {
            let preemptions = self.preemptions_on_path() + usize::from(c != 0);
            if preemptions > b as usize {
                return;
            }
        }
        let Some(vm) = self.vm_at(self.stack.len() - 1) else {
            self.stop_at_memory_limit();
            return;
        };
        let top = self.stack.last_mut().expect("checked above");
        let point = top.point.clone();
        // Copying a state costs work in proportion to its size: copying 16
        // bytes of it takes about as long as an instruction.
        let state_size = top.size;
        self.work += state_size / COPY_BYTES_PER_STEP;
        // The segment up to the next real choice: the choice's step plus
        // forced ones.
        self.go_on(Box::new(Unit::Branch(Branch {
            vm,
            point,
            c,
            first: None,
            segment: Footprint::new(),
            movers: Vec::new(),
            tracking: None,
        })));
    }

    /// A branch at its next choice point (or the schedule's end): the new
    /// frame.
    fn branch_done(&mut self, b: Branch) {
        let Branch {
            mut vm,
            point,
            c,
            first,
            segment,
            movers,
            ..
        } = b;
        // Taken: a branch settles only after its choice's step.
        let first = first.unwrap_or_default();
        // The top frame stays while its branch runs.
        let Some(top) = self.stack.last_mut() else {
            return;
        };
        // Sleep set for the child: inherited sleepers and explored siblings
        // that the segment neither ran nor conflicted with.
        let mut child_sleep: Vec<(u32, Footprint)> = Vec::new();
        if let (Point::Schedule { options }, true) = (&point, self.ecfg.reduce) {
            let explored: Vec<(u32, Footprint)> = top
                .done
                .iter()
                .map(|(i, o)| (options[*i], o.clone()))
                .collect();
            for (g, fp) in top.sleep.iter().cloned().chain(explored) {
                if !movers.contains(&g)
                    && !dependent(&fp, &segment)
                    && !child_sleep.iter().any(|(x, _)| *x == g)
                {
                    child_sleep.push((g, fp));
                }
            }
            top.done.push((c, first));
        }
        if vm.option_count() == 0 {
            let path = self.path();
            self.record(&vm, path);
            return;
        }
        // Deduplicate states (skipped for huge heaps, where hashing costs
        // more than re-exploring). A state seen before is pruned only if it
        // was explored with no more sleepers than now; otherwise it is
        // explored again with the sleepers both visits agree on.
        if vm.heap.objs().len() < 20_000 {
            // A state whose values share storage can stand for a huge one:
            // hashing stops after a bound, and such a state is not
            // deduplicated (a partial hash is no identity).
            let ((h, hashed), whole) =
                crate::vm::value::with_hash_budget(MAX_HASHED_NODES, || state_hash_counted(&vm));
            self.work += hashed / COPY_BYTES_PER_STEP;
            if !whole {
                self.work += MAX_HASHED_NODES;
            } else {
                let now_sleeping: Vec<u32> = child_sleep.iter().map(|(g, _)| *g).collect();
                match self.visited.get_mut(&h) {
                    Some(before) => {
                        if before.iter().all(|g| now_sleeping.contains(g)) {
                            return;
                        }
                        child_sleep.retain(|(g, _)| before.contains(g));
                        before.retain(|g| now_sleeping.contains(g));
                    }
                    None => {
                        self.visited.insert(h, now_sleeping);
                    }
                }
            }
        }
        let n = vm.option_count();
        if n > 32 {
            // Hundreds of runnable goroutines: no systematic search can
            // finish; sample schedules instead.
            self.stack.clear();
            self.phase = Phase::Random(self.ecfg.random_runs);
            self.modes.push("random+pct".into());
            return;
        }
        let p = vm.point();
        let size = vm.copy_bytes();
        let vm = self.keep(vm, size);
        self.stack.push(Frame {
            vm,
            size,
            point: p,
            n,
            next: 0,
            taken: 0,
            done: Vec::new(),
            sleep: child_sleep,
        });
    }

    /// Go's own schedule at its end: records its outcome and starts the
    /// search.
    fn default_run_done(&mut self, done: Vm) {
        let vm = &done;
        self.default_steps = vm.sched_work / 24;
        // Goroutine bookkeeping, as in `run_cost`.
        self.work += 300 * vm.gs.len() as u64;
        self.record(vm, Choices::default());
        self.schedules -= 1;
        if let Some(o) = self.outcomes.get_mut(&outcome_key(vm)) {
            o.count -= 1;
        }
        self.dispose(done);
        let vm = self.fresh_vm();
        self.go_on(Box::new(Unit::Settle {
            run: Policed::new(vm, Policy::GoDefault, true),
            bound: None,
        }));
    }

    /// A fresh run at the first choice point: the search's first frame.
    fn settled(&mut self, mut vm: Vm, bound: Option<u32>) {
        if vm.option_count() == 0 {
            self.record(&vm, Choices::default());
            self.finish_dfs(bound, true);
            return;
        }
        if vm.option_count() > 32 {
            // Too many runnable goroutines for a systematic search.
            self.phase = Phase::Random(self.ecfg.random_runs);
            self.modes.push("random+pct".into());
            return;
        }
        let point = vm.point();
        let n = point.option_count();
        let size = vm.copy_bytes();
        if self.kept + size > self.ecfg.max_memory {
            // Not even the start of the search fits.
            self.stop_at_memory_limit();
            return;
        }
        self.kept += size;
        self.stack.push(Frame {
            vm: Some(vm),
            size,
            point,
            n,
            next: 0,
            taken: 0,
            done: Vec::new(),
            sleep: Vec::new(),
        });
    }

    /// A copy of the state at frame `i`: its own, or recomputed from the
    /// nearest earlier frame that kept one by taking the path's choices
    /// again (each frame's `taken`, then the forced steps). The copy is
    /// kept in the frame if the budget allows, for its next branches.
    fn vm_at(&mut self, i: usize) -> Option<Vm> {
        if let Some(vm) = &self.stack[i].vm {
            return Some(vm.clone());
        }
        let j = (0..i).rev().find(|&j| self.stack[j].vm.is_some())?;
        let mut vm = self.stack[j].vm.clone()?;
        let before = vm.steps + vm.sched_work;
        for k in j..i {
            vm.step(self.stack[k].taken);
            Self::settle(&mut vm);
        }
        self.work += (vm.steps + vm.sched_work).saturating_sub(before);
        let size = self.stack[i].size;
        if self.make_room(size, i) {
            self.kept += size;
            self.stack[i].vm = Some(vm.clone());
        }
        Some(vm)
    }

    /// Keeps a new frame's state if the budget allows (dropping states of
    /// earlier frames to make room), else drops it: it can be recomputed.
    fn keep(&mut self, vm: Vm, size: u64) -> Option<Vm> {
        if self.make_room(size, self.stack.len()) {
            self.kept += size;
            Some(vm)
        } else {
            None
        }
    }

    /// Drops kept states of frames below `upto` (never the first) until
    /// `size` more bytes fit; returns whether they do. The state dropped is
    /// the one closest after another kept state, so the kept ones stay
    /// spread along the path and recomputing any frame stays short.
    fn make_room(&mut self, size: u64, upto: usize) -> bool {
        while self.kept + size > self.ecfg.max_memory {
            let mut best: Option<(usize, usize)> = None;
            let mut prev = 0;
            for k in 1..upto.min(self.stack.len()) {
                if self.stack[k].vm.is_some() {
                    let gap = k - prev;
                    if best.is_none_or(|(_, g)| gap < g) {
                        best = Some((k, gap));
                    }
                    prev = k;
                }
            }
            let Some((k, _)) = best else {
                return false;
            };
            self.stack[k].vm = None;
            self.kept -= self.stack[k].size;
        }
        true
    }

    /// The search cannot go on within its memory: it ends with what it
    /// found, marked partial.
    fn stop_at_memory_limit(&mut self) {
        self.memory_limited = true;
        self.stack.clear();
        self.kept = self.outcome_bytes();
        self.complete = false;
        self.phase = Phase::Done;
        self.modes.push("stopped at the memory limit".into());
    }

    /// What the outcomes found take.
    fn outcome_bytes(&self) -> u64 {
        self.outcomes
            .values()
            .map(|o| (o.stdout.len() + o.stderr_head.len() + 64 * o.leaked.len() + 256) as u64)
            .sum()
    }

    /// The choices on the current search path (every frame is a point
    /// with more than one option).
    fn path(&self) -> Choices {
        Choices(self.stack.iter().map(|f| f.taken as u32).collect())
    }

    fn preemptions_on_path(&self) -> usize {
        self.stack
            .iter()
            .take(self.stack.len().saturating_sub(1))
            .filter(|f| f.taken != 0)
            .count()
    }

    fn finish_dfs(&mut self, bound: Option<u32>, complete: bool) {
        match bound {
            None => {
                self.complete = complete;
                if complete {
                    self.phase = Phase::Done;
                } else {
                    self.phase = Phase::Bounded;
                    self.started = false;
                    self.visited.clear();
                    self.modes.push(format!(
                        "preemption-bounded({})",
                        self.ecfg.preemption_bound
                    ));
                }
            }
            Some(_) => {
                self.phase = Phase::Random(self.ecfg.random_runs);
                self.modes.push("random+pct".into());
            }
        }
    }

    /// Starts a uniformly random schedule; the phase goes on with `then`
    /// random runs left.
    fn random_run(&mut self, then: u64) {
        let vm = self.fresh_vm();
        // The explorer's generator runs on across random runs.
        let policy = Policy::Seeded(self.rng.clone());
        let run = Policed::new(vm, policy, false);
        self.go_on(Box::new(Unit::Random { run, then }));
    }

    /// A random schedule at its end.
    fn random_done(&mut self, run: Policed, then: u64) {
        let Policed {
            vm,
            policy,
            choices,
            ..
        } = run;
        if let Policy::Seeded(rng) = policy {
            self.rng = rng;
        }
        self.record(&vm, choices);
        self.dispose(vm);
        // Even after a stop at the memory limit, as before runs were sliced.
        self.phase = Phase::Random(then);
    }

    /// Starts a PCT run (Burckhardt et al., "A randomized scheduler with
    /// probabilistic guarantees of finding bugs"): every goroutine gets a
    /// random priority when first seen, the highest-priority runnable one
    /// always runs, and at `depth - 1` random points the running goroutine's
    /// priority drops below all others. The phase goes on with `then`
    /// random runs left.
    fn pct_run(&mut self, depth: u64, then: u64) {
        // The default run's length estimates the number of scheduling steps.
        let estimate = self.default_steps.max(1);
        let change_points: Vec<u64> = (1..depth).map(|_| self.rng.next_u64() % estimate).collect();
        let vm = self.fresh_vm();
        let rng = std::mem::replace(&mut self.rng, SplitMix(0));
        self.go_on(Box::new(Unit::Pct(Pct {
            vm,
            depth,
            change_points,
            priority: HashMap::default(),
            low: depth,
            path: Vec::new(),
            steps: 0,
            rng,
            then,
        })));
    }

    /// A PCT run at its end.
    fn pct_done(&mut self, p: Pct) {
        let Pct {
            vm,
            path,
            rng,
            then,
            ..
        } = p;
        self.rng = rng;
        self.record(&vm, Choices(path));
        self.dispose(vm);
        self.phase = Phase::Random(then);
    }

    fn record(&mut self, vm: &Vm, schedule: Choices) {
        self.schedules += 1;
        // Goroutine bookkeeping (clocks, queues) costs beyond instructions.
        self.work += 300 * vm.gs.len() as u64;
        let key = outcome_key(vm);
        let switches = schedule.switches();
        let races = vm.race_reports();
        match self.outcomes.get_mut(&key) {
            Some(o) => {
                o.count += 1;
                for r in races {
                    if !o.races.contains(&r) {
                        o.races.push(r);
                    }
                }
                if switches < o.switches
                    || (switches == o.switches
                        && schedule.to_string().len() < o.schedule.to_string().len())
                {
                    o.schedule = schedule;
                    o.switches = switches;
                }
            }
            None => {
                let leaked = leaks(vm, LEAKS_LISTED);
                let bytes =
                    (key.stdout.len() + key.stderr_head.len() + 64 * leaked.len() + 256) as u64;
                if !self.make_room(bytes, self.stack.len()) {
                    self.stop_at_memory_limit();
                    return;
                }
                self.kept += bytes;
                self.order.push(key.clone());
                self.outcomes.insert(
                    key.clone(),
                    Outcome {
                        class: key.class,
                        stdout: key.stdout.clone(),
                        stderr_head: key.stderr_head.clone(),
                        exit_code: key.exit,
                        count: 1,
                        schedule,
                        switches,
                        leaked,
                        leaked_total: vm.leaked.len(),
                        races,
                    },
                );
            }
        }
    }

    /// Progress while the search runs, cheap enough to show after every
    /// slice of work: schedules run, states visited and the outcomes found
    /// so far in discovery order, with their schedules not yet minimized
    /// (`report` minimizes them).
    pub fn progress(&self) -> (u64, u64, Vec<&Outcome>) {
        let found = self
            .order
            .iter()
            .filter_map(|k| self.outcomes.get(k))
            .collect();
        (self.schedules, self.visited.len() as u64, found)
    }

    /// The report so far, with each outcome's schedule minimized.
    pub fn report(&self) -> ExploreReport {
        let mut outcomes: Vec<Outcome> = self
            .order
            .iter()
            .filter_map(|k| self.outcomes.get(k))
            .cloned()
            .collect();
        for o in outcomes.iter_mut() {
            let (s, n) = self.minimize(&o.schedule, &outcome_key_of(o));
            o.schedule = s;
            o.switches = n;
        }
        let mut races: Vec<RaceReport> = outcomes
            .iter()
            .flat_map(|o| o.races.iter().cloned())
            .collect();
        crate::util::order::sort(&mut races);
        races.dedup();
        ExploreReport {
            outcomes,
            races,
            schedules: self.schedules,
            states: self.visited.len() as u64,
            complete: self.complete,
            modes: self.modes.clone(),
            memory_limited: self.memory_limited,
        }
    }

    /// Runs a schedule to its end.
    pub fn replay(&self, choices: &Choices) -> Vm {
        let mut vm = self.new_vm();
        drive(&mut vm, &mut Policy::listed(choices.clone()), u64::MAX);
        vm
    }

    /// Greedily resets choices to Go's default and trims the tail while the
    /// outcome stays the same: the fewest context switches that still
    /// reproduce it.
    fn minimize(&self, schedule: &Choices, key: &OutcomeKey) -> (Choices, usize) {
        let nonzero = schedule.switches();
        // Each attempt replays the whole program: bounded by a share of the
        // exploration budget, and long random schedules are left as found.
        if nonzero > 64 {
            return (schedule.clone(), nonzero);
        }
        let mut choices = schedule.clone();
        let mut budget = self.ecfg.max_work / 4;
        for i in 0..choices.len() {
            if choices.0[i] == 0 {
                continue;
            }
            let saved = choices.0[i];
            choices.0[i] = 0;
            let trial = self.replay(&choices);
            let cost = run_cost(&trial);
            if outcome_key(&trial) != *key {
                choices.0[i] = saved;
            }
            if cost >= budget {
                break;
            }
            budget -= cost;
        }
        while choices.0.last() == Some(&0) {
            choices.0.pop();
        }
        let n = choices.switches();
        (choices, n)
    }
}

/// What a whole run costs, in instruction-equivalents: instructions,
/// scheduling decisions, and per-goroutine bookkeeping.
fn run_cost(vm: &Vm) -> u64 {
    vm.steps + vm.sched_work + 300 * vm.gs.len() as u64
}

fn outcome_key_of(o: &Outcome) -> OutcomeKey {
    OutcomeKey {
        class: o.class,
        stdout: o.stdout.clone(),
        stderr_head: o.stderr_head.clone(),
        exit: o.exit_code,
    }
}

fn outcome_key(vm: &Vm) -> OutcomeKey {
    let stderr = String::from_utf8_lossy(&vm.stderr).to_string();
    let head = match stderr.find("\ngoroutine ") {
        Some(i) => stderr[..i + 1].to_string(),
        None => stderr.clone(),
    };
    let (class, exit) = match &vm.ending {
        Some(e) => {
            let (class, exit, _) = vm.outcome(e);
            (class, exit)
        }
        None => (OutcomeClass::BudgetExhausted, None),
    };
    OutcomeKey {
        class,
        stdout: String::from_utf8_lossy(&vm.stdout).to_string(),
        stderr_head: head,
        exit,
    }
}

/// How many leaked goroutines an outcome lists: a goroutine bomb leaks a
/// hundred thousand, and describing each took 38 ms in one slice of the
/// page's search (Chromium).
pub const LEAKS_LISTED: usize = 1_000;

fn leaks(vm: &Vm, at_most: usize) -> Vec<LeakView> {
    let index = crate::syntax::span::LineIndex::new(&vm.prog.source);
    vm.leaked
        .iter()
        .take(at_most)
        .filter_map(|id| vm.g(*id))
        .map(|g| LeakView {
            g: g.id,
            created_line: g.created_at.map(|s| index.line(s.lo)),
            wait_reason: match &g.status {
                GStatus::Waiting(r) => Some(r.as_go_str().into()),
                _ => None,
            },
        })
        .collect()
}

// Footprint keys for shared state that is not an object. Object ids fit in
// 32 bits; memory locations are 63-bit hashes with the top bit set, which
// land on these few keys at the very top with negligible odds.

/// Output and the program's end: any two steps that print are ordered.
const OUTPUT_KEY: u64 = u64::MAX - 1;
/// Goroutine ids, handed out in order by `go` statements.
const NEXT_GID_KEY: u64 = u64::MAX - 3;
/// The timer heap, which `time.Sleep` adds to.
const TIMERS_KEY: u64 = u64::MAX - 4;
/// The virtual clock: read by `time.Now`, written when time advances.
const CLOCK_KEY: u64 = u64::MAX - 5;

/// What is noted before a step to find its footprint after it.
struct Tracking {
    mover: Option<u32>,
    out_from: usize,
    clock_from: i64,
}

/// Starts recording the footprint of the step about to take `choice`.
fn track(vm: &mut Vm, choice: usize) -> Tracking {
    let t = Tracking {
        mover: vm.option_gid(choice),
        out_from: vm.stdout.len(),
        clock_from: vm.now(),
    };
    vm.touch_log = Some(Vec::new());
    t
}

/// The footprint of a step recorded since [`track`]: the channels and sync
/// objects it used (from the event log), the memory it read or wrote,
/// whether it printed or started a goroutine; and who moved.
fn tracked(vm: &mut Vm, t: Tracking) -> (Footprint, Option<u32>) {
    use crate::vm::events::EventKind;
    let Tracking {
        mover,
        out_from,
        clock_from,
    } = t;
    let touched = vm.touch_log.take().unwrap_or_default();
    let mut fp = Footprint::new();
    // `step` keeps only this step's events.
    for e in &vm.events {
        match &e.kind {
            EventKind::Send { chan, .. }
            | EventKind::Recv { chan, .. }
            | EventKind::Close { chan } => {
                fp.insert((*chan as u64, true));
            }
            EventKind::Park { obj: Some(o), .. } | EventKind::Sync { obj: o, .. } => {
                fp.insert((*o as u64, true));
            }
            EventKind::Park { obj: None, .. } => {
                // A select parks on several channels.
                for c in vm
                    .g(e.g)
                    .map(|g| g.select_chans.clone())
                    .unwrap_or_default()
                {
                    fp.insert((c as u64, true));
                }
            }
            EventKind::Go { .. } => {
                // Goroutine ids are handed out in order.
                fp.insert((NEXT_GID_KEY, true));
            }
            EventKind::Sleep { .. } => {
                fp.insert((TIMERS_KEY, true));
            }
            _ => {}
        }
    }
    if vm.now() != clock_from {
        fp.insert((CLOCK_KEY, true));
    }
    if vm.stdout.len() != out_from || vm.ending.is_some() {
        fp.insert((OUTPUT_KEY, true));
    }
    for (loc, write) in touched {
        let key = match loc {
            Loc::Clock => CLOCK_KEY,
            loc => {
                use std::hash::{Hash, Hasher};
                let mut h = std::collections::hash_map::DefaultHasher::new();
                loc.hash(&mut h);
                (1u64 << 63) | (h.finish() >> 1)
            }
        };
        fp.insert((key, write));
    }
    (fp, mover)
}

/// A hash of the VM state that decides its future (heap, goroutines, run
/// queue, clock, output), ignoring history such as the event log.
pub fn state_hash(vm: &Vm) -> u64 {
    state_hash_counted(vm).0
}

/// Counts the bytes a hasher is fed: hashing a state is work in proportion
/// to everything it holds, strings included.
struct CountingHasher {
    inner: std::collections::hash_map::DefaultHasher,
    bytes: u64,
}

impl std::hash::Hasher for CountingHasher {
    fn finish(&self) -> u64 {
        self.inner.finish()
    }
    fn write(&mut self, bytes: &[u8]) {
        self.bytes += bytes.len() as u64;
        self.inner.write(bytes);
    }
}

/// [`state_hash`], with the bytes it hashed.
fn state_hash_counted(vm: &Vm) -> (u64, u64) {
    use std::hash::{Hash, Hasher};
    let mut h = CountingHasher {
        inner: Default::default(),
        bytes: 0,
    };
    for g in &vm.gs {
        g.id.hash(&mut h);
        g.status.hash(&mut h);
        for f in &g.frames {
            (f.fid, f.pc, f.returning, f.unwinding).hash(&mut h);
            f.defers.hash(&mut h);
        }
        g.stack.hash(&mut h);
        g.locals.hash(&mut h);
        g.resume.hash(&mut h);
    }
    vm.heap.objs().hash(&mut h);
    vm.globals.hash(&mut h);
    vm.runq.hash(&mut h);
    vm.timers.hash(&mut h);
    vm.netpoll.hash(&mut h);
    vm.stdout.hash(&mut h);
    vm.current.hash(&mut h);
    vm.pending_select.hash(&mut h);
    (h.finish(), h.bytes)
}

/// Explores a program to the end with the given limits.
pub fn explore(
    src: &str,
    run: &RunConfig,
    ecfg: ExploreConfig,
) -> Result<ExploreReport, CompileErrors> {
    Ok(Explorer::new(src, run, ecfg)?.run_to_end())
}
