//! The data-race detector: happens-before with vector clocks, the way Go's
//! race detector (ThreadSanitizer) decides races.
//!
//! Owns the goroutines' vector clocks, the clocks of synchronization
//! objects (channels, mutexes, WaitGroups, atomics' addresses), and shadow
//! memory for ordinary variables accessed by user code. Synchronization
//! edges: `go`, channel operations, Mutex/RWMutex lock and unlock,
//! WaitGroup Done→Wait, Cond, Once (through its mutex) and atomics. Like
//! Go's detector it also flags a WaitGroup whose first Add is not ordered
//! with a Wait. It never changes how the program runs.

use crate::fasthash::HashMap;
use crate::runtime::Gid;
use crate::syntax::span::Span;

/// A vector clock indexed by goroutine number (dense, in creation order).
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
pub struct Clock(Vec<u32>);

impl Clock {
    fn get(&self, i: usize) -> u32 {
        self.0.get(i).copied().unwrap_or(0)
    }
    fn set(&mut self, i: usize, v: u32) {
        if self.0.len() <= i {
            self.0.resize(i + 1, 0);
        }
        self.0[i] = v;
    }
    fn join(&mut self, o: &Clock) {
        if self.0.len() < o.0.len() {
            self.0.resize(o.0.len(), 0);
        }
        for (a, b) in self.0.iter_mut().zip(o.0.iter()) {
            *a = (*a).max(*b);
        }
    }
}

/// One access: who, at which of their clock ticks, where.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
struct Access {
    g: usize,
    tick: u32,
    write: bool,
    span: Span,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
struct Shadow {
    last_write: Option<Access>,
    /// The latest read of each goroutine since the last write.
    reads: Vec<Access>,
}

pub use crate::snapshot::RaceReport;

/// A memory location: an object id (cell, array element, global) and a
/// field path, flattened.
pub type Loc = (u8, u32, u32, Vec<u32>);

#[derive(Clone, Debug, Default)]
pub struct RaceDetector {
    /// Goroutine id -> dense index.
    index: HashMap<Gid, usize>,
    gids: Vec<Gid>,
    clocks: Vec<Clock>,
    /// Release clocks of synchronization objects, by a key.
    sync: HashMap<u64, Clock>,
    shadow: HashMap<Loc, Shadow>,
    /// Location names for reports.
    pub names: HashMap<Loc, String>,
    /// Races found, as (what, first access, second access) with spans.
    pub found: Vec<(String, Gid, Span, bool, Gid, Span, bool)>,
}

impl RaceDetector {
    fn idx(&mut self, g: Gid) -> usize {
        if let Some(&i) = self.index.get(&g) {
            return i;
        }
        let i = self.gids.len();
        self.index.insert(g, i);
        self.gids.push(g);
        let mut c = Clock::default();
        c.set(i, 1);
        self.clocks.push(c);
        i
    }

    /// `go` statement: the child starts with the parent's knowledge.
    pub fn spawn(&mut self, parent: Gid, child: Gid) {
        let p = self.idx(parent);
        let c = self.idx(child);
        let pc = self.clocks[p].clone();
        self.clocks[c].join(&pc);
        let t = self.clocks[p].get(p) + 1;
        self.clocks[p].set(p, t);
    }

    /// A release on a synchronization object (unlock, send, Done, store).
    pub fn release(&mut self, g: Gid, key: u64) {
        let i = self.idx(g);
        let c = self.clocks[i].clone();
        self.sync.entry(key).or_default().join(&c);
        let t = self.clocks[i].get(i) + 1;
        self.clocks[i].set(i, t);
    }

    /// An acquire (lock, receive, Wait, load).
    pub fn acquire(&mut self, g: Gid, key: u64) {
        let i = self.idx(g);
        if let Some(c) = self.sync.get(&key).cloned() {
            self.clocks[i].join(&c);
        }
    }

    /// An access by goroutine `g` to `loc`.
    pub fn access(&mut self, g: Gid, loc: Loc, write: bool, span: Span) {
        let i = self.idx(g);
        let tick = self.clocks[i].get(i);
        let me = Access {
            g: i,
            tick,
            write,
            span,
        };
        let clock = self.clocks[i].clone();
        let happened = |a: &Access| a.g == i || a.tick <= clock.get(a.g);
        let shadow = self.shadow.entry(loc.clone()).or_default();
        let mut races = Vec::new();
        if let Some(w) = shadow.last_write {
            if !happened(&w) {
                races.push(w);
            }
        }
        if write {
            for r in &shadow.reads {
                if !happened(r) {
                    races.push(*r);
                }
            }
            shadow.last_write = Some(me);
            shadow.reads.clear();
        } else {
            shadow.reads.retain(|r| r.g != i);
            shadow.reads.push(me);
        }
        for r in races {
            let what = self
                .names
                .get(&loc)
                .cloned()
                .unwrap_or_else(|| "a variable".into());
            let entry = (what, self.gids[r.g], r.span, r.write, g, span, write);
            if !self.found.iter().any(|f| f.2 == entry.2 && f.5 == entry.5) {
                self.found.push(entry);
            }
        }
    }
}
