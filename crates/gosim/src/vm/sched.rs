//! Scheduling: choice points, Go's default order, virtual time, sysmon
//! preemption, deadlock and program end.
//!
//! Owns *which* goroutine runs next. Every decision is an explicit
//! [`Point`] (see `schedule`) with numbered options, option 0 being what Go itself does
//! with GOMAXPROCS=1, so a run is a pure function of the program and its
//! list of choices.

use super::goroutine::{GStatus, Goroutine};
use super::machine::{Ending, Exec, Vm, MAIN_GID, RUNTIME_PHANTOM_GID};
use crate::runtime::Gid;
use crate::schedule::Point;
use crate::schedule::Stepper;

/// Instructions the other goroutines may run after main returned.
const AFTER_MAIN_STEPS: u64 = 200_000;

impl Stepper for Vm {
    fn point(&mut self) -> Point {
        Vm::point(self)
    }
    fn take(&mut self, choice: usize) {
        self.step(choice);
    }
}

impl Vm {
    /// The current choice point, advancing virtual time (and detecting
    /// deadlock) when nothing can run.
    pub fn point(&mut self) -> Point {
        if let Some(p) = &self.cached_point {
            return p.clone();
        }
        let p = self.compute_point();
        // A scheduling decision costs about as much as a few dozen
        // instructions, more with many goroutines to choose from.
        self.sched_work += 24 + p.option_count() as u64;
        self.cached_point = Some(p.clone());
        p
    }

    fn compute_point(&mut self) -> Point {
        if self.ending.is_some() {
            return Point::Ended;
        }
        if let Some((g, options)) = &self.pending_select {
            return Point::SelectCase {
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
                if quantum_over
                    && (self.yield_requested
                        || self
                            .runq
                            .runnable()
                            .iter()
                            .any(|&g| g != RUNTIME_PHANTOM_GID))
                {
                    self.yield_requested = false;
                    self.runq.global.push_back(c);
                    self.current = None;
                }
            }
            self.drop_phantom();
            let mut options = Vec::new();
            if let Some(c) = self.current {
                options.push(c);
            }
            // Go's own pick comes first; the rest follow in queue order.
            if let Some(first) = self.peek_runnable() {
                options.push(first);
                let q = &self.runq;
                for g in q.runnext.iter().chain(q.runq.iter()).chain(q.global.iter()) {
                    if *g != first && *g != RUNTIME_PHANTOM_GID {
                        options.push(*g);
                    }
                }
            }
            if let Some((at, _, _)) = self.after_main {
                if options.is_empty() || self.steps - at > AFTER_MAIN_STEPS {
                    self.finish_after_main();
                    return Point::Ended;
                }
                // Not a choice: the program has already exited.
                options.truncate(1);
            }
            if !options.is_empty() {
                return Point::Schedule { options };
            }
            match self.timers.next_deadline() {
                Some(t) => {
                    if let Err(f) = self.advance_clock(t) {
                        let mut dummy = Goroutine::new(0);
                        self.fault(&mut dummy, f);
                        return Point::Ended;
                    }
                }
                None => {
                    if self.after_main.is_some() {
                        self.finish_after_main();
                    } else {
                        self.deadlock();
                    }
                    return Point::Ended;
                }
            }
        }
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
        self.stderr
            .extend_from_slice(b"fatal error: all goroutines are asleep - deadlock!\n");
        self.crash_dump(None);
        self.end(Ending::Fatal { deadlock: true });
    }

    /// Takes option `choice` at the current point and runs until the next
    /// point. Out-of-range choices are clamped to the last option.
    pub fn step(&mut self, choice: usize) {
        let point = self.point();
        self.cached_point = None;
        // The event log holds the events of one step: a host reads them
        // after the step; keeping them all would grow without bound.
        self.events.clear();
        match point {
            Point::Ended => {}
            Point::SelectCase { g, options } => {
                let c = options[choice.min(options.len() - 1)];
                self.pending_select = None;
                self.forced_case = Some(c);
                self.run_goroutine(g, true);
            }
            Point::Schedule { options } => {
                let gid = options[choice.min(options.len() - 1)];
                let continuing = self.current == Some(gid);
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
                        debug_assert_eq!(got, Some(gid), "option 0 is Go's own pick");
                    } else {
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
        let mut g = std::mem::replace(&mut self.gs[idx], Goroutine::new(gid));
        if !continuing {
            g.run_since = self.now();
        }
        g.status = GStatus::Running;
        self.current = Some(gid);
        self.at_statement = false;
        let r = self.exec(&mut g);
        if matches!(r, Exec::Blocked | Exec::Exited) {
            self.last_progress = self.steps;
        }
        match r {
            Exec::Yield | Exec::Statement => {
                g.status = GStatus::Runnable;
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
        self.gs[idx] = g;
        if r == Exec::Exited && gid == MAIN_GID && self.ending.is_none() {
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
