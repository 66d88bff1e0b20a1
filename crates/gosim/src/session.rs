//! A steppable run for a user interface: step forward (by statement or by
//! scheduling point), pick the goroutine that runs next, step back exactly,
//! and encode where you are as a shareable schedule.
//!
//! Owns the history of choices and periodic checkpoints (clones of the VM)
//! so that going back is a restore plus a short replay: the VM is a pure
//! function of the program and the choices.

use crate::snapshot::Snapshot;
use crate::vm::machine::{Vm, VmConfig};
use crate::vm::op::Program;
use crate::vm::sched::Point;
use crate::RunConfig;
use std::rc::Rc;

/// How many steps between checkpoints.
const CHECKPOINT_EVERY: usize = 64;

#[derive(Clone)]
pub struct Session {
    prog: Rc<Program>,
    cfg: VmConfig,
    vm: Vm,
    /// The option taken at every step so far.
    taken: Vec<usize>,
    /// (steps taken, VM before that step's successor), every CHECKPOINT_EVERY steps.
    checkpoints: Vec<(usize, Vm)>,
    /// Index into the VM event log where the last step began.
    last_events: usize,
}

impl Session {
    /// Compiles `src`. `by_statement` makes each step stop at the next
    /// statement of user code as well as at scheduling points.
    pub fn new(src: &str, config: &RunConfig, by_statement: bool) -> Result<Session, String> {
        let prog = crate::compile(src, config)?;
        let cfg = VmConfig {
            go_version: config.go_version,
            max_steps: config.max_steps,
            stop_at_statements: by_statement,
            ..Default::default()
        };
        let vm = Vm::new(prog.clone(), cfg.clone());
        Ok(Session {
            prog,
            cfg,
            checkpoints: vec![(0, vm.clone())],
            vm,
            taken: Vec::new(),
            last_events: 0,
        })
    }

    pub fn program(&self) -> &Program {
        &self.prog
    }

    pub fn vm(&self) -> &Vm {
        &self.vm
    }

    /// Steps taken so far.
    pub fn position(&self) -> usize {
        self.taken.len()
    }

    /// How many full VM copies the session keeps for going back (the start
    /// included). Hosts with a memory budget count these.
    pub fn checkpoint_count(&self) -> usize {
        self.checkpoints.len()
    }

    pub fn point(&mut self) -> Point {
        self.vm.point()
    }

    pub fn is_ended(&mut self) -> bool {
        matches!(self.vm.point(), Point::Ended)
    }

    /// Takes option `choice` (0 is Go's own choice). Returns false at the end.
    pub fn step(&mut self, choice: usize) -> bool {
        let p = self.vm.point();
        let n = p.option_count();
        if n == 0 {
            return false;
        }
        let choice = choice.min(n - 1);
        self.last_events = self.vm.events.len();
        self.vm.step(choice);
        self.taken.push(choice);
        // Checkpoints thin out as runs grow, so their copies cost
        // O(log n) while going back replays at most an eighth of the run.
        let last = self.checkpoints.last().map(|c| c.0).unwrap_or(0);
        if self.taken.len() - last >= CHECKPOINT_EVERY.max(self.taken.len() / 8) {
            self.checkpoints.push((self.taken.len(), self.vm.clone()));
        }
        true
    }

    /// Runs goroutine `gid` next if it can run now.
    pub fn step_goroutine(&mut self, gid: u32) -> bool {
        match self.vm.point() {
            Point::Schedule { options } => match options.iter().position(|&g| g == gid) {
                Some(i) => self.step(i),
                None => false,
            },
            _ => false,
        }
    }

    /// Runs with Go's default choices until the end or `max_steps` steps.
    pub fn run(&mut self, max_steps: usize) -> usize {
        let mut n = 0;
        while n < max_steps && self.step(0) {
            n += 1;
        }
        n
    }

    /// Goes back to the state after `pos` steps (exactly: restore the
    /// nearest checkpoint and replay the same choices).
    pub fn goto(&mut self, pos: usize) {
        let pos = pos.min(self.taken.len());
        let (at, vm) = self
            .checkpoints
            .iter()
            .rev()
            .find(|(at, _)| *at <= pos)
            .cloned()
            .unwrap_or((0, Vm::new(self.prog.clone(), self.cfg.clone())));
        self.vm = vm;
        let replay: Vec<usize> = self.taken[at..pos].to_vec();
        self.taken.truncate(at);
        self.checkpoints.retain(|(a, _)| *a <= at);
        for c in replay {
            self.step(c);
        }
    }

    pub fn back(&mut self) {
        let p = self.position();
        if p > 0 {
            self.goto(p - 1);
        }
    }

    /// The choices taken at points with more than one option, as
    /// `gosim run --schedule` accepts them (`0.1.0`).
    pub fn schedule_string(&self) -> String {
        // Replaying records which steps had real choices.
        let mut vm = Vm::new(self.prog.clone(), self.cfg.clone());
        let mut out = Vec::new();
        for &c in &self.taken {
            let n = vm.point().option_count();
            if n > 1 {
                out.push(c.to_string());
            }
            vm.step(c);
        }
        out.join(".")
    }

    /// Replays a schedule string (choices at multi-option points) for
    /// `steps` steps (all the way if `None`).
    pub fn replay(&mut self, schedule: &[u32], steps: Option<usize>) {
        self.goto(0);
        let mut k = 0;
        let limit = steps.unwrap_or(usize::MAX);
        while self.position() < limit {
            let n = self.vm.point().option_count();
            if n == 0 {
                break;
            }
            let c = if n > 1 {
                let c = schedule.get(k).copied().unwrap_or(0) as usize;
                k += 1;
                c
            } else {
                0
            };
            if !self.step(c) {
                break;
            }
            if steps.is_none() && self.position() > 5_000_000 {
                break;
            }
        }
    }

    pub fn snapshot(&mut self) -> Snapshot {
        self.vm.snapshot(self.last_events)
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
