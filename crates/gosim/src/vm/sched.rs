//! Scheduling: choice points, Go's default order, virtual time, sysmon
//! preemption, deadlock and program end.
//!
//! Owns *which* goroutine runs next. Every decision is an explicit
//! [`Point`] (see `schedule`) with numbered options, option 0 being what Go itself does
//! with GOMAXPROCS=1, so a run is a pure function of the program and its
//! list of choices.

use super::goroutine::{GStatus, Goroutine};
use std::collections::VecDeque;

use super::machine::{Ending, Exec, Vm, MAIN_GID, RUNTIME_PHANTOM_GID};
use crate::runtime::Gid;
use crate::schedule::{Point, Stepper};
use std::rc::Rc;

/// Instructions the other goroutines may run after main returned.
const AFTER_MAIN_STEPS: u64 = 200_000;

impl Stepper for Vm {
    fn point(&mut self) -> Point {
        Vm::point(self)
    }
    fn option_count(&mut self) -> usize {
        Vm::option_count(self)
    }
    fn take(&mut self, choice: usize) {
        self.step(choice);
    }
}

/// The current choice point in the scheduler's own terms: the options are
/// not listed (that is linear in the runnable goroutines), only counted,
/// and any one of them is found in constant time ([`Vm::option_gid`]).
#[derive(Clone, Debug, PartialEq)]
pub enum PendingPoint {
    /// The program has ended.
    Ended,
    /// Goroutine `g` is at a select with these ready cases.
    Select { g: Gid, options: Vec<usize> },
    /// Which goroutine runs next: the running one (`current`, option 0 when
    /// present), then Go's own pick `first`, then the rest of the run queue
    /// in order; `count` options in all.
    Schedule {
        current: Option<Gid>,
        first: Option<Gid>,
        count: usize,
    },
}

impl Vm {
    /// The current choice point, with every option listed (linear in the
    /// runnable goroutines: for hosts that show or search them all). Time
    /// advances (and deadlock is detected) when nothing can run.
    pub fn point(&mut self) -> Point {
        match self.pending_point() {
            PendingPoint::Ended => Point::Ended,
            PendingPoint::Select { g, options } => Point::SelectCase { g, options },
            PendingPoint::Schedule {
                current,
                first,
                count,
            } => {
                // In option order, as `option_gid` numbers them: one pass
                // over the queues, skipping the phantoms and `first`.
                let mut options = Vec::with_capacity(count);
                options.extend(current);
                options.extend(first);
                let q = &self.runq;
                let queued = q.runnext.iter().chain(&q.runq).chain(&q.global);
                options.extend(queued.filter(|&&g| g != RUNTIME_PHANTOM_GID && Some(g) != first));
                Point::Schedule { options }
            }
        }
    }

    /// Whether goroutine `gid` is one of the current point's options, in
    /// constant time: the running goroutine and every queued one are, at a
    /// select only the goroutine deciding is.
    pub fn can_pick(&mut self, gid: Gid) -> bool {
        match self.pending_point() {
            PendingPoint::Ended => false,
            PendingPoint::Select { g, .. } => g == gid,
            PendingPoint::Schedule { current, .. } => {
                current == Some(gid)
                    || (gid != RUNTIME_PHANTOM_GID
                        && self.g(gid).is_some_and(|g| g.status == GStatus::Runnable))
            }
        }
    }

    /// How many options the current point has (0 at the end), in constant
    /// time.
    pub fn option_count(&mut self) -> usize {
        match self.pending_point() {
            PendingPoint::Ended => 0,
            PendingPoint::Select { options, .. } => options.len(),
            PendingPoint::Schedule { count, .. } => count,
        }
    }

    /// The goroutine that runs when option `choice` of the current point is
    /// taken (clamped to the last option); `None` at the end. Constant time.
    pub fn option_gid(&mut self, choice: usize) -> Option<Gid> {
        match self.pending_point() {
            PendingPoint::Ended => None,
            PendingPoint::Select { g, .. } => Some(g),
            PendingPoint::Schedule {
                current,
                first,
                count,
            } => {
                let choice = choice.min(count.checked_sub(1)?);
                let prefix = [current, first];
                let mut prefix = prefix.iter().flatten();
                let lead = usize::from(current.is_some()) + usize::from(first.is_some());
                if choice < lead {
                    return prefix.nth(choice).copied();
                }
                self.queued_except(first, choice - lead)
            }
        }
    }

    /// The `j`th goroutine of the run queue in order (runnext, local,
    /// global), not counting `first` or the runtime's phantom goroutine,
    /// both of which can only be at the head of a queue.
    fn queued_except(&self, first: Option<Gid>, j: usize) -> Option<Gid> {
        let q = &self.runq;
        let next = usize::from(q.runnext.is_some());
        let at = |r: usize| -> Option<Gid> {
            if r < next {
                q.runnext
            } else if r - next < q.runq.len() {
                q.runq.get(r - next).copied()
            } else {
                q.global.get(r - next - q.runq.len()).copied()
            }
        };
        // Raw positions to skip, in ascending order: the phantoms leading
        // the local and the global queue, and `first`, which is runnext or
        // the first goroutine after the phantoms of one of the two queues.
        let lead = |d: &VecDeque<Gid>| d.iter().take_while(|&&g| g == RUNTIME_PHANTOM_GID).count();
        let mut skips: Vec<usize> = Vec::with_capacity(6);
        if next == 1 && q.runnext == first {
            skips.push(0);
        }
        for (base, d) in [(next, &q.runq), (next + q.runq.len(), &q.global)] {
            let n = lead(d);
            skips.extend(base..base + n);
            if first.is_some() && d.get(n).copied() == first {
                skips.push(base + n);
            }
        }
        let mut r = j;
        for h in skips {
            if h <= r {
                r += 1;
            }
        }
        at(r)
    }

    /// The current point, computed once per step: sysmon preemption, the
    /// phantom goroutine, advancing the clock and deadlock happen here.
    fn pending_point(&mut self) -> PendingPoint {
        if let Some(p) = &self.cached_point {
            return p.clone();
        }
        let p = self.compute_point();
        // A scheduling decision costs about as much as a few dozen
        // instructions, whatever the number of goroutines.
        self.sched_work += 24;
        self.cached_point = Some(p.clone());
        p
    }

    fn compute_point(&mut self) -> PendingPoint {
        if self.ending.is_some() {
            return PendingPoint::Ended;
        }
        if let Some((g, options)) = &self.pending_select {
            return PendingPoint::Select {
                g: *g,
                options: options.clone(),
            };
        }
        loop {
            // sysmon: a goroutine that ran for a whole quantum of virtual
            // time without blocking is preempted if anyone else can run.
            if let Some(c) = self.current {
                let quantum_over = self.yield_requested
                    || self.now() - self.g(c).map(|g| g.run_since).unwrap_or(0)
                        >= self.cfg.preempt_ns;
                if quantum_over && (self.yield_requested || self.other_runnable()) {
                    self.yield_requested = false;
                    self.runq.global.push_back(c);
                    self.current = None;
                }
            }
            // The phantom is taken only by a real pick: while a goroutine
            // runs it stays queued, so a spill of the local queue carries
            // it to the global one as in Go.
            if self.current.is_none() {
                self.drop_phantom();
            }
            let current = self.current;
            // Go's own pick comes first; the rest follow in queue order.
            let first = self.peek_real();
            let queued = self.runq.len() - self.phantoms_queued();
            let mut count = usize::from(current.is_some()) + queued;
            if let Some((at, _, _)) = self.after_main {
                if count == 0 || self.steps - at > AFTER_MAIN_STEPS {
                    self.finish_after_main();
                    return PendingPoint::Ended;
                }
                // Not a choice: the program has already exited.
                count = 1;
            }
            if count > 0 {
                return PendingPoint::Schedule {
                    current,
                    first,
                    count,
                };
            }
            // findRunnable: nothing queued, so ask the netpoller who is
            // ready before time may pass.
            if self.netpoll() {
                continue;
            }
            match self.timers.next_deadline() {
                Some(t) => {
                    // Waiting for the next timer is a step: a ticker firing
                    // into a full channel while nothing else can run would
                    // otherwise move the clock here forever (real Go hangs).
                    self.steps = self.steps.saturating_add(1);
                    if self.steps >= self.cfg.max_steps {
                        self.end(Ending::StepBudget);
                        return PendingPoint::Ended;
                    }
                    if let Err(f) = self.advance_clock(t) {
                        let mut dummy = Goroutine::new(0);
                        self.fault(&mut dummy, f);
                        return PendingPoint::Ended;
                    }
                }
                None => {
                    if self.after_main.is_some() {
                        self.finish_after_main();
                    } else if self.netpoll.any_waiters() {
                        // A blocking netpoll with no timer to wake it: real
                        // Go sleeps in epoll_wait forever; checkdead does
                        // not fire while the netpoller has waiters.
                        self.end(Ending::IoWait);
                    } else {
                        self.deadlock();
                    }
                    return PendingPoint::Ended;
                }
            }
        }
    }

    /// Some goroutine other than the runtime's phantom is queued.
    fn other_runnable(&self) -> bool {
        self.runq.len() > self.phantoms_queued()
    }

    /// How many of the runtime's phantom goroutines are still queued: they
    /// wait at the head of the local queue (or, after a spill, of the global
    /// one) until they are dropped.
    fn phantoms_queued(&self) -> usize {
        let lead = |d: &VecDeque<Gid>| d.iter().take_while(|&&g| g == RUNTIME_PHANTOM_GID).count();
        lead(&self.runq.runq) + lead(&self.runq.global)
    }

    /// What `find_runnable` would return, without taking it.
    fn peek_runnable(&self) -> Option<Gid> {
        let q = &self.runq;
        // `% == 0` rather than `is_multiple_of`: the workspace MSRV is 1.85.
        #[allow(clippy::manual_is_multiple_of)]
        let fairness = q.schedtick % crate::runtime::sched::GLOBAL_FAIRNESS_TICKS == 0;
        let pick = if fairness && !q.global.is_empty() {
            q.global.front().copied()
        } else {
            q.runnext
                .or_else(|| q.runq.front().copied())
                .or_else(|| q.global.front().copied())
        };
        pick
    }

    /// Go's next pick once it has dropped the phantoms picked before it
    /// (each pick of one counts a tick): a look ahead over at most the few
    /// phantoms at the queues' heads, so its cost does not grow with the
    /// number of goroutines.
    fn peek_real(&self) -> Option<Gid> {
        let q = &self.runq;
        if let Some(g) = q.runnext {
            // runnext is never a phantom, but the fairness check comes first.
            #[allow(clippy::manual_is_multiple_of)]
            let fairness = q.schedtick % crate::runtime::sched::GLOBAL_FAIRNESS_TICKS == 0;
            if !fairness || q.global.is_empty() {
                return Some(g);
            }
        }
        let (mut tick, mut li, mut gi) = (q.schedtick, 0, 0);
        loop {
            #[allow(clippy::manual_is_multiple_of)]
            let fairness = tick % crate::runtime::sched::GLOBAL_FAIRNESS_TICKS == 0;
            let from_global =
                (fairness && gi < q.global.len()) || (q.runnext.is_none() && li >= q.runq.len());
            let pick = if from_global {
                q.global.get(gi).copied()
            } else if q.runnext.is_some() {
                q.runnext
            } else {
                q.runq.get(li).copied()
            };
            match pick {
                Some(RUNTIME_PHANTOM_GID) => {
                    if from_global {
                        gi += 1;
                    } else {
                        li += 1;
                    }
                    tick = tick.wrapping_add(1);
                }
                other => return other,
            }
        }
    }

    /// Consumes the runtime's phantom goroutine when it is next in line:
    /// picking it does nothing observable, and doing it now (rather than at
    /// the next pick) gives the same scheduler ticks.
    fn drop_phantom(&mut self) {
        while self.peek_runnable() == Some(RUNTIME_PHANTOM_GID) {
            self.runq.find_runnable();
        }
    }

    /// Ends a run whose main returned: goroutines not finished by now are
    /// leaked; whatever they printed after main returned is discarded.
    pub fn finish_after_main(&mut self) {
        if let Some((_, out, err)) = self.after_main.take() {
            self.stdout.truncate(out);
            self.stderr.truncate(err);
            self.leaked = self
                .gs
                .iter()
                .filter(|x| x.status != GStatus::Dead)
                .map(|x| x.id)
                .collect();
            self.ending = Some(Ending::Exit(0));
        }
    }

    fn deadlock(&mut self) {
        if self.main_goexited && self.gs.iter().all(|x| x.status == GStatus::Dead) {
            // checkdead finds no goroutine at all, not even a blocked one.
            self.stderr.extend_from_slice(
                b"fatal error: no goroutines (main called runtime.Goexit) - deadlock!\n",
            );
            self.end(Ending::Fatal { deadlock: true });
            return;
        }
        self.stderr
            .extend_from_slice(b"fatal error: all goroutines are asleep - deadlock!\n");
        self.crash_dump(None);
        self.end(Ending::Fatal { deadlock: true });
    }

    /// Takes option `choice` at the current point and runs until the next
    /// point. Out-of-range choices are clamped to the last option.
    pub fn step(&mut self, choice: usize) {
        let point = self.pending_point();
        let gid = self.option_gid(choice);
        self.cached_point = None;
        // The event log holds the events of one step (and those between it
        // and the step before): a host reads them after the step; keeping
        // them all would grow without bound.
        let before = self.events_step_end.min(self.events.len());
        self.events.drain(..before);
        self.take_step(point, gid, choice);
        self.events_step_end = self.events.len();
    }

    /// [`Vm::step`], cut off before the first instruction at which
    /// [`Vm::steps`] has reached `pause_at`; returns whether the step is
    /// complete. A step cut off goes on with [`Vm::resume_step`] exactly as
    /// if it had not stopped (no point, no scheduling, no preemption in
    /// between), so a host can run a long step in slices of work. Until it
    /// is complete, the VM is at no point: nothing but `resume_step` may be
    /// called.
    pub fn step_until(&mut self, choice: usize, pause_at: u64) -> bool {
        self.pause_at = pause_at;
        self.step(choice);
        self.pause_at = u64::MAX;
        self.paused.is_none()
    }

    /// Goes on with a step cut off by [`Vm::step_until`], again until
    /// `pause_at`; returns whether the step is complete.
    pub fn resume_step(&mut self, pause_at: u64) -> bool {
        let Some(gid) = self.paused.take() else {
            return true;
        };
        self.pause_at = pause_at;
        self.run_goroutine(gid, true);
        self.pause_at = u64::MAX;
        self.events_step_end = self.events.len();
        self.paused.is_none()
    }

    fn take_step(&mut self, point: PendingPoint, gid: Option<Gid>, choice: usize) {
        match point {
            PendingPoint::Ended => {}
            PendingPoint::Select { g, options } => {
                let c = options[choice.min(options.len() - 1)];
                self.pending_select = None;
                self.forced_case = Some(c);
                self.run_goroutine(g, true);
            }
            PendingPoint::Schedule { current, .. } => {
                let Some(gid) = gid else { return };
                let continuing = current == Some(gid);
                if !continuing {
                    if let Some(c) = self.current.take() {
                        // The explorer preempts the running goroutine.
                        self.runq.put_tail(c);
                    }
                    if choice == 0 {
                        let mut got = self.runq.find_runnable();
                        while got == Some(RUNTIME_PHANTOM_GID) {
                            got = self.runq.find_runnable();
                        }
                        debug_assert_eq!(got, Some(gid), "Go's own pick");
                    } else {
                        // Finding and taking a goroutine from the middle of
                        // a queue is work in proportion to its length.
                        self.charge_work(8 * self.runq.len() as u64);
                        self.runq.remove(gid);
                    }
                }
                self.run_goroutine(gid, continuing);
            }
        }
    }

    fn run_goroutine(&mut self, gid: Gid, continuing: bool) {
        let Some(&idx) = self.gindex.get(&gid) else {
            return;
        };
        // The goroutine runs in place in its own allocation (copied first
        // only when a checkpoint shares it); its slot holds a stand-in
        // meanwhile. Moving it out and back cost an allocation and two
        // copies of the record per step (9 % of a channel pipeline's time).
        let stand_in = match self.spare_slot.take() {
            Some(mut spare) => match Rc::get_mut(&mut spare) {
                Some(s) => {
                    *s = Goroutine::new(gid);
                    spare
                }
                None => Rc::new(Goroutine::new(gid)),
            },
            None => Rc::new(Goroutine::new(gid)),
        };
        let mut slot = std::mem::replace(&mut self.gs[idx], stand_in);
        let g = Rc::make_mut(&mut slot);
        if !continuing {
            g.run_since = self.now();
        }
        g.status = GStatus::Running;
        self.current = Some(gid);
        self.at_statement = false;
        let r = self.exec(g);
        if matches!(r, Exec::Blocked | Exec::Exited) {
            self.last_progress = self.steps;
        }
        match r {
            Exec::Yield | Exec::Statement => {
                g.status = GStatus::Runnable;
            }
            Exec::Paused => {
                // Still running: the step goes on at `resume_step`.
                self.paused = Some(gid);
            }
            Exec::SelectChoice(ref opts) => {
                g.status = GStatus::Runnable;
                self.pending_select = Some((gid, opts.clone()));
            }
            Exec::Blocked => {
                self.current = None;
            }
            Exec::Exited => {
                g.status = GStatus::Dead;
                self.live_goroutines = self.live_goroutines.saturating_sub(1);
                g.stack.clear();
                g.locals.clear();
                self.current = None;
                self.events.push(super::events::Event::new(
                    gid,
                    crate::syntax::span::Span::default(),
                    super::events::EventKind::Exit,
                ));
            }
            Exec::Ended | Exec::SyncDone => {
                self.current = None;
            }
        }
        self.spare_slot = Some(std::mem::replace(&mut self.gs[idx], slot));
        if r == Exec::Exited && gid == MAIN_GID && self.ending.is_none() && !self.main_goexited {
            // main returned: the program is over, but the other goroutines
            // run on, invisibly, to see which would stay blocked forever
            // (goleak's question), before the ending is recorded.
            self.after_main = Some((self.steps, self.stdout.len(), self.stderr.len()));
        }
        if r == Exec::Exited {
            self.sample_resources();
        }
    }
}
