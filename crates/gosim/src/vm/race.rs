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
//!
//! Also owns the vocabulary of locations ([`Loc`]) and which variable an
//! instruction touches ([`mem_access`]), which the explorer's touch log
//! shares. It does not import the machine: the machine calls in.

use crate::runtime::Gid;
use crate::syntax::span::{LineIndex, Span};
use crate::util::fasthash::HashMap;
use crate::vm::goroutine::Goroutine;
use crate::vm::op::{FuncCode, GlobalInfo, Op};
use crate::vm::value::{ObjId, Pointer, Root, Value};

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

/// A memory location the detector shadows, and the explorer's touch log
/// records: a variable with the field path inside it, or a pseudo-location
/// standing for shared state that is not a variable.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Loc {
    /// An escaped variable (a heap cell).
    Cell { id: ObjId, path: Vec<u32> },
    /// An element of a slice's backing array.
    Elem {
        arr: ObjId,
        index: u32,
        path: Vec<u32>,
    },
    /// A package-level variable.
    Global { index: u32, path: Vec<u32> },
    /// A whole map: like Go's detector, any two accesses to one map conflict.
    Map(ObjId),
    /// A WaitGroup's counter, for "Add called concurrently with Wait".
    WaitGroup(ObjId),
    /// The virtual clock, read by `time.Now` (only in the touch log).
    Clock,
}

impl Loc {
    /// The location a pointer designates.
    pub fn of_pointer(p: &Pointer) -> Loc {
        let path = p.path.clone();
        match p.root {
            Root::Cell(id) => Loc::Cell { id, path },
            Root::Elem(arr, index) => Loc::Elem { arr, index, path },
            // An element of a window is an element of the backing array.
            Root::Window(arr, off, _) => match path.split_first() {
                Some((i, rest)) => Loc::Elem {
                    arr,
                    index: off + i,
                    path: rest.to_vec(),
                },
                None => Loc::Elem {
                    arr,
                    index: off,
                    path,
                },
            },
            Root::Global(index) => Loc::Global { index, path },
        }
    }
}

/// A synchronization object whose release clock orders what follows.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
enum SyncKey {
    /// A channel: every operation on it synchronizes both ways.
    Chan(ObjId),
    /// A Mutex, an RWMutex's writer side, a WaitGroup, a Cond, a sync.Map.
    Object(ObjId),
    /// An RWMutex's readers: RUnlock releases it, Lock acquires it.
    Readers(ObjId),
    /// An address used by sync/atomic (a 40-bit hash of the pointer).
    Atomic(u64),
}

/// One side of a race: who accessed, where, and whether it wrote.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct RacingAccess {
    pub g: Gid,
    pub span: Span,
    pub write: bool,
}

/// A race as found: what was accessed, the earlier access and the later one.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FoundRace {
    pub what: String,
    pub first: RacingAccess,
    pub second: RacingAccess,
}

#[derive(Clone, Debug, Default)]
pub struct RaceDetector {
    /// Goroutine id -> dense index.
    index: HashMap<Gid, usize>,
    gids: Vec<Gid>,
    clocks: Vec<Clock>,
    /// Release clocks of synchronization objects.
    sync: HashMap<SyncKey, Clock>,
    shadow: HashMap<Loc, Shadow>,
    /// Location names for reports.
    pub names: HashMap<Loc, String>,
    /// Races found, in the order found; one per pair of source positions.
    pub found: Vec<FoundRace>,
    /// Why the detector stopped watching (its memory would grow with the
    /// square of the goroutines, or with every variable): the races found
    /// until then stay reported.
    pub stopped: Option<&'static str>,
}

/// Goroutines the detector follows: Go's own race detector dies beyond
/// 8128 simultaneously alive goroutines; this one stops watching once it
/// has seen that many (their vector clocks cost the square of the number).
pub const MAX_RACE_GOROUTINES: usize = 8128;

/// Memory locations the detector shadows before it stops watching.
pub const MAX_SHADOWED: usize = 1_000_000;

impl RaceDetector {
    /// Roughly the bytes this detector's state takes (what a copy copies).
    pub fn size_bytes(&self) -> u64 {
        let clocks: usize = self.clocks.iter().map(|c| c.0.len()).sum::<usize>()
            + self.sync.values().map(|c| c.0.len()).sum::<usize>();
        (4 * clocks + 24 * (self.clocks.len() + self.sync.len()) + 96 * self.shadow.len()) as u64
            + 64 * self.names.len() as u64
    }

    /// Stops watching, freeing the clocks and shadow memory.
    fn stop(&mut self, why: &'static str) {
        self.stopped = Some(why);
        self.index = HashMap::default();
        self.gids = Vec::new();
        self.clocks = Vec::new();
        self.sync = HashMap::default();
        self.shadow = HashMap::default();
        self.names = HashMap::default();
    }

    /// Whether goroutine `g` can be followed (stopping the detector when
    /// it would be one too many).
    fn follows(&mut self, g: Gid) -> bool {
        if self.stopped.is_some() {
            return false;
        }
        if !self.index.contains_key(&g) && self.gids.len() >= MAX_RACE_GOROUTINES {
            self.stop("more goroutines than the race detector follows (8128)");
            return false;
        }
        true
    }

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
        if !self.follows(parent) || !self.follows(child) {
            return;
        }
        let p = self.idx(parent);
        let c = self.idx(child);
        let pc = self.clocks[p].clone();
        self.clocks[c].join(&pc);
        let t = self.clocks[p].get(p) + 1;
        self.clocks[p].set(p, t);
    }

    /// A release on a synchronization object (unlock, send, Done, store).
    fn release(&mut self, g: Gid, key: SyncKey) {
        if !self.follows(g) {
            return;
        }
        let i = self.idx(g);
        let c = self.clocks[i].clone();
        self.sync.entry(key).or_default().join(&c);
        let t = self.clocks[i].get(i) + 1;
        self.clocks[i].set(i, t);
    }

    /// An acquire (lock, receive, Wait, load).
    fn acquire(&mut self, g: Gid, key: SyncKey) {
        if !self.follows(g) {
            return;
        }
        let i = self.idx(g);
        if let Some(c) = self.sync.get(&key) {
            self.clocks[i].join(c);
        }
    }

    /// An access by goroutine `g` to `loc`.
    pub fn access(&mut self, g: Gid, loc: Loc, write: bool, span: Span) {
        if !self.follows(g) {
            return;
        }
        if self.shadow.len() >= MAX_SHADOWED && !self.shadow.contains_key(&loc) {
            self.stop("more variables than the race detector shadows (1,000,000)");
            return;
        }
        let i = self.idx(g);
        let tick = self.clocks[i].get(i);
        let me = Access {
            g: i,
            tick,
            write,
            span,
        };
        let clock = &self.clocks[i];
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
            let race = FoundRace {
                what,
                first: RacingAccess {
                    g: self.gids[r.g],
                    span: r.span,
                    write: r.write,
                },
                second: RacingAccess { g, span, write },
            };
            let seen = self
                .found
                .iter()
                .any(|f| f.first.span == race.first.span && f.second.span == race.second.span);
            if !seen {
                self.found.push(race);
            }
        }
    }

    /// A channel operation synchronizes both ways (an over-approximation of
    /// Go's channel rules: it may hide a race, never invent one).
    pub fn chan_op(&mut self, g: Gid, ch: ObjId) {
        self.acquire(g, SyncKey::Chan(ch));
        self.release(g, SyncKey::Chan(ch));
    }

    /// The happens-before edges of a sync primitive's operation `op` (Go's
    /// race annotations in package sync); `is_rw` says `obj` is an RWMutex.
    pub fn sync_op(&mut self, g: Gid, obj: ObjId, op: &str, is_rw: bool) {
        let key = SyncKey::Object(obj);
        let readers = SyncKey::Readers(obj);
        match op {
            "Lock" | "TryLock" => {
                self.acquire(g, key);
                if is_rw {
                    self.acquire(g, readers);
                }
            }
            "RLock" | "TryRLock" => self.acquire(g, key),
            "Unlock" => self.release(g, key),
            "RUnlock" => self.release(g, readers),
            "Add" | "Done" | "Signal" | "Broadcast" => self.release(g, key),
            "Wait" => self.acquire(g, key),
            _ => {
                self.acquire(g, key);
                self.release(g, key);
            }
        }
    }

    /// A sync/atomic operation on the address `p`: it synchronizes both
    /// ways with every other atomic operation on that address.
    pub fn atomic_op(&mut self, g: Gid, p: &Pointer) {
        use std::hash::{Hash, Hasher};
        let mut h = crate::util::fasthash::FastHasher::default();
        p.hash(&mut h);
        let key = SyncKey::Atomic(h.finish() & 0xFF_FFFF_FFFF);
        self.acquire(g, key);
        self.release(g, key);
    }

    /// The races found so far with line numbers, sorted, one per pair of lines.
    pub fn reports(&self, source: &str) -> Vec<RaceReport> {
        let index = LineIndex::new(source);
        let mut out: Vec<RaceReport> = self
            .found
            .iter()
            .map(|f| RaceReport {
                what: f.what.clone(),
                first_g: f.first.g,
                first_line: index.line(f.first.span.lo),
                first_write: f.first.write,
                second_g: f.second.g,
                second_line: index.line(f.second.span.lo),
                second_write: f.second.write,
            })
            .collect();
        crate::util::order::sort(&mut out);
        out.dedup();
        out
    }
}

/// A memory access an instruction is about to make.
pub struct MemAccess {
    pub loc: Loc,
    pub write: bool,
    /// The variable's name, when the instruction knows it.
    pub name: Option<String>,
}

/// The variable instruction `op` of `func` is about to read or write, on
/// `g`'s current frame (whose locals start at `base`); None when it touches
/// no variable.
pub fn mem_access(
    g: &Goroutine,
    op: &Op,
    base: usize,
    func: &FuncCode,
    globals: &[GlobalInfo],
) -> Option<MemAccess> {
    let n = g.stack.len();
    let top = |k: usize| n.checked_sub(k + 1).and_then(|i| g.stack.get(i));
    let loc_of = |v: &Value| match v {
        Value::Ptr(p) => Some(Loc::of_pointer(p)),
        _ => None,
    };
    let (loc, write, name) = match op {
        Op::LoadBoxed(s) | Op::StoreBoxed(s) => {
            let l = g.locals.get(base + *s as usize).and_then(loc_of)?;
            let name = func
                .locals
                .iter()
                .find(|x| x.slot == *s)
                .map(|x| x.name.clone());
            (l, matches!(op, Op::StoreBoxed(_)), name)
        }
        Op::LoadGlobal(i) | Op::StoreGlobal(i) => {
            let name = globals
                .get(*i as usize)
                .map(|x| x.name.trim_start_matches("main.").to_string());
            (
                Loc::Global {
                    index: *i,
                    path: Vec::new(),
                },
                matches!(op, Op::StoreGlobal(_)),
                name,
            )
        }
        Op::Deref => match top(0).and_then(loc_of) {
            Some(l) => (l, false, None),
            None => return None,
        },
        Op::StorePtr => match top(1).and_then(loc_of) {
            Some(l) => (l, true, None),
            None => return None,
        },
        Op::IndexSlice => match (top(1), top(0)) {
            (Some(Value::Slice(r)), Some(i)) => (
                Loc::Elem {
                    arr: r.arr,
                    index: r.off.wrapping_add(i.as_int() as u32),
                    path: Vec::new(),
                },
                false,
                None,
            ),
            _ => return None,
        },
        Op::StoreSliceElem => match (top(2), top(1)) {
            (Some(Value::Slice(r)), Some(i)) => (
                Loc::Elem {
                    arr: r.arr,
                    index: r.off.wrapping_add(i.as_int() as u32),
                    path: Vec::new(),
                },
                true,
                None,
            ),
            _ => return None,
        },
        Op::IndexMap { .. } => match top(1) {
            Some(Value::Map(id)) => (Loc::Map(*id), false, None),
            _ => return None,
        },
        Op::MapSet => match top(2) {
            Some(Value::Map(id)) => (Loc::Map(*id), true, None),
            _ => return None,
        },
        Op::MapDelete => match top(1) {
            Some(Value::Map(id)) => (Loc::Map(*id), true, None),
            _ => return None,
        },
        _ => return None,
    };
    Some(MemAccess { loc, write, name })
}
