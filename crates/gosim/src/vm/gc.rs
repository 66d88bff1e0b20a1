//! The garbage collector: an incremental mark and sweep over the heap
//! table, begun between instructions when the bytes charged since the last
//! collection reach the heap goal (twice the live bytes, Go's GOGC=100).
//!
//! Owns deciding what is reachable and measuring it: marking walks from the
//! roots (every goroutine's operands, locals, deferred calls, panics and
//! pending channel deliveries, the globals, the timers' payloads and the
//! channels they feed, and what parked goroutines wait on) through values
//! and heap objects with explicit stacks, never recursion. Freeing is the
//! heap's (`Heap::release`).
//!
//! A collection ([`Cycle`]) marks in slices: each instruction that
//! allocates while one is under way pays for a slice in proportion, so no
//! instruction holds the host for longer than a slice, whatever the size of
//! the live data (a stop-the-world mark of 250,000 objects took 28 ms). The
//! program runs between slices; the heap's write barrier remembers every
//! object written or made meanwhile, and the last slice marks again from
//! the roots and from those objects, so whatever the program moved is
//! still found. What is unreachable when a collection begins stays
//! unreachable, so it is freed at the end. The live bytes are those the
//! marking counted (with the same `cost` sizes the budget charges, each
//! shared `Rc` once) plus everything charged while it ran.
//!
//! It does not run inside a synchronous call (a native's Rust frames hold
//! values it cannot see), with the race detector or the explorer's touch
//! log on (they key memory by object id, and a reused id would alias), or
//! in a program whose charges stay below the minimum goal: there, runs are
//! exactly as they were without a collector. A collection costs no steps,
//! so step counts, schedules and share links do not depend on it.

use crate::runtime::chan::Delivery;
use crate::util::fasthash::HashSet;
use crate::vm::goroutine::{Goroutine, Resume};
use crate::vm::heap::{cost, Heap, HeapObj};
use crate::vm::machine::{TimerAction, Vm};
use crate::vm::value::{FuncVal, ObjId, Root, Value};
use std::mem::take;
use std::rc::Rc;

/// Units of marking (an object or a value visited) each allocating
/// instruction pays while a collection is under way, besides one per 8
/// bytes it allocated: a few microseconds, and a collection of the live
/// data ends long before the program has allocated as much again.
const SLICE_WORK: u64 = 512;

/// A collection under way, kept in the VM between slices (and copied with
/// it): the objects found so far, the shared allocations already counted,
/// and the objects left to visit.
#[derive(Clone, Debug)]
pub struct Cycle {
    marked: Vec<bool>,
    seen: HashSet<usize>,
    gray: Vec<ObjId>,
    live: u64,
    /// The budget's `used` when the collection began: what is charged
    /// after it counts as live at the end.
    used_at_start: u64,
    /// Where the collection is finished at once, so the budget is not
    /// spent before the garbage is freed.
    finish_by: u64,
}

/// A mark in progress: the objects found so far, the shared allocations
/// already counted, and what is left to visit.
struct Marker<'a> {
    marked: Vec<bool>,
    /// Addresses of the `Rc` allocations counted, so a value shared by many
    /// places is counted (and walked) once.
    seen: HashSet<usize>,
    values: Vec<&'a Value>,
    objs: Vec<ObjId>,
    live: u64,
}

impl<'a> Marker<'a> {
    /// Takes up `cycle`'s marking (its vectors move, not copy).
    fn resume(cycle: &mut Cycle) -> Marker<'a> {
        Marker {
            marked: take(&mut cycle.marked),
            seen: take(&mut cycle.seen),
            values: Vec::new(),
            objs: take(&mut cycle.gray),
            live: cycle.live,
        }
    }

    /// Hands the marking back to `cycle`, between slices.
    fn suspend(self, cycle: &mut Cycle) {
        cycle.marked = self.marked;
        cycle.seen = self.seen;
        cycle.gray = self.objs;
        cycle.live = self.live;
    }

    fn first<T: ?Sized>(&mut self, rc: &Rc<T>) -> bool {
        // An allocation with one owner is reached once: only shared ones
        // need remembering, and most are not shared.
        Rc::strong_count(rc) == 1 || self.seen.insert(Rc::as_ptr(rc) as *const u8 as usize)
    }

    fn obj(&mut self, id: ObjId) {
        if let Some(m) = self.marked.get_mut(id as usize) {
            if !*m {
                *m = true;
                self.objs.push(id);
            }
        }
    }

    fn root(&mut self, r: Root) {
        match r {
            Root::Cell(id) | Root::Elem(id, _) | Root::Window(id, _, _) => self.obj(id),
            Root::Global(_) => {}
        }
    }

    fn goroutine(&mut self, g: &'a Goroutine) {
        if g.status == crate::vm::goroutine::GStatus::Dead {
            return;
        }
        self.live += cost::GOROUTINE + g.stack_charged;
        self.values.extend(g.stack.iter());
        self.values.extend(g.locals.iter());
        for f in &g.frames {
            for d in &f.defers {
                self.values.push(&d.func);
                self.values.extend(d.args.iter());
            }
        }
        for p in &g.panics {
            self.values.push(&p.value);
        }
        if let Some(Resume::Chan {
            delivery: Delivery::Received(v),
            ..
        }) = &g.resume
        {
            self.values.push(v);
        }
        if let Some((_, recv, args)) = &g.native_start {
            self.values.extend(recv.iter());
            self.values.extend(args.iter());
        }
        if let Some(id) = g.waiting_on {
            self.obj(id);
        }
        for &id in &g.select_chans {
            self.obj(id);
        }
    }

    /// Marks what is reachable from the values gathered so far, and from
    /// the objects found, until `work` units are done. Returns whether
    /// nothing is left to visit. The values are always all visited (they
    /// borrow from the heap), so a slice is at least one object.
    fn drain(&mut self, heap: &'a Heap, mut work: u64) -> bool {
        loop {
            while let Some(v) = self.values.pop() {
                self.value(v);
                work = work.saturating_sub(1);
            }
            if work == 0 {
                return self.objs.is_empty();
            }
            let Some(id) = self.objs.pop() else {
                return true;
            };
            work -= 1;
            let Some(o) = heap.objs().get(id as usize) else {
                continue;
            };
            match o {
                HeapObj::Cell(v) => {
                    self.live += cost::OBJECT + cost::SLOT;
                    self.values.push(v);
                }
                HeapObj::Array(items) => {
                    self.live += cost::array(items.len());
                    self.values.extend(items.iter().filter(|v| !is_scalar(v)));
                }
                HeapObj::Map(m) => {
                    self.live += cost::OBJECT + 64;
                    for (k, (kv, vv)) in m.iter() {
                        self.live += cost::MAP_ENTRY + k.extra_bytes() as u64;
                        self.values.push(kv);
                        self.values.push(vv);
                    }
                }
                HeapObj::Chan(c) => {
                    self.live += cost::OBJECT + 64;
                    let values = &mut self.values;
                    c.each_value(|v| values.push(v));
                }
                HeapObj::SyncMap(m) => {
                    self.live += cost::OBJECT + 64;
                    let values = &mut self.values;
                    m.each_value(|(k, v)| {
                        values.push(k);
                        values.push(v);
                    });
                }
                // The object holding the viewed array keeps it alive.
                HeapObj::View(place) => {
                    self.live += cost::OBJECT + cost::SLOT;
                    self.root(place.root);
                }
                HeapObj::Mutex(_)
                | HeapObj::RWMutex(_)
                | HeapObj::WaitGroup(_)
                | HeapObj::NotifyList(_) => self.live += cost::OBJECT + 64,
            }
        }
    }

    fn value(&mut self, v: &'a Value) {
        match v {
            Value::Nil | Value::Bool(_) | Value::Int(_) | Value::Float(_) => {}
            Value::Str(s) => {
                if self.first(s) {
                    self.live += cost::string(s.len());
                }
            }
            Value::Seq(items) => {
                if self.first(items) {
                    self.live += cost::seq(items.len());
                    self.values.extend(items.iter().filter(|v| !is_scalar(v)));
                }
            }
            Value::Slice(r) => self.obj(r.arr),
            Value::Map(id) | Value::Chan(id) | Value::Handle(id) => self.obj(*id),
            Value::Ptr(p) => {
                if self.first(p) {
                    self.live += cost::BOX + 4 * p.path.len() as u64;
                    self.root(p.root);
                }
            }
            Value::Func(f) => {
                if self.first(f) {
                    self.live += cost::BOX;
                    match &**f {
                        FuncVal::Closure { captures, .. } => {
                            if !captures.is_empty() && self.first(captures) {
                                self.live += cost::seq(captures.len());
                                self.values.extend(captures.iter());
                            }
                        }
                        FuncVal::Bound { recv, .. } => self.values.push(recv),
                        FuncVal::Native { recv, .. } => self.values.extend(recv.iter()),
                    }
                }
            }
            Value::Iface(b) => {
                if self.first(b) {
                    self.live += cost::BOX;
                    self.values.push(&b.1);
                }
            }
        }
    }
}

fn is_scalar(v: &Value) -> bool {
    matches!(
        v,
        Value::Nil | Value::Bool(_) | Value::Int(_) | Value::Float(_)
    )
}

impl Vm {
    /// Begins a collection once the heap goal is reached, or goes on with
    /// the one under way, by a slice in proportion to the `made` bytes the
    /// last instruction allocated. Only at a point where every live value
    /// is in the VM or in `running` (the goroutine taken out to run); see
    /// the module docs for when it never runs.
    #[cold]
    #[inline(never)]
    pub(super) fn maybe_collect(&mut self, running: &Goroutine, made: u64) {
        if !self.sync_depth.is_empty() || self.race.is_some() || self.touch_log.is_some() {
            return;
        }
        match self.gc.take() {
            None if self.heap.mem.wants_collection() => self.begin_collection(running),
            None => {}
            Some(cycle) if self.heap.mem.used() >= cycle.finish_by => {
                self.finish_collection(*cycle, running)
            }
            Some(mut cycle) => {
                let mut m = Marker::resume(&mut cycle);
                let done = m.drain(&self.heap, SLICE_WORK + made / 8);
                m.suspend(&mut cycle);
                if done {
                    self.finish_collection(*cycle, running);
                } else {
                    self.gc = Some(cycle);
                }
            }
        }
    }

    /// Marks the roots' values (their objects are left to the slices) and
    /// turns the barrier on.
    fn begin_collection(&mut self, running: &Goroutine) {
        let used = self.heap.mem.used();
        let mut cycle = Cycle {
            marked: vec![false; self.heap.objs().len()],
            seen: HashSet::default(),
            gray: Vec::new(),
            live: 0,
            used_at_start: used,
            finish_by: used + self.heap.mem.limit().saturating_sub(used) / 2,
        };
        let mut m = Marker::resume(&mut cycle);
        self.mark_roots(&mut m, running);
        m.drain(&self.heap, 0);
        m.suspend(&mut cycle);
        self.heap.start_barrier();
        self.gc = Some(Box::new(cycle));
    }

    /// The last slice, whole: marks again from the roots and from every
    /// object written or made since the collection began, frees the rest,
    /// and sets the budget to the live bytes.
    fn finish_collection(&mut self, mut cycle: Cycle, running: &Goroutine) {
        let written = self.heap.end_barrier();
        let counted = cycle.live;
        let mut m = Marker::resume(&mut cycle);
        // Values may have been freed and their addresses reused since
        // they were counted.
        m.seen.clear();
        m.marked.resize(self.heap.objs().len(), false);
        for id in written {
            if let Some(mark) = m.marked.get_mut(id as usize) {
                *mark = true;
                m.objs.push(id);
            }
        }
        self.mark_roots(&mut m, running);
        m.drain(&self.heap, u64::MAX);
        // A live lock's home (where its handle was made) stays live too, so
        // its id cannot be reused and mistaken for the home (`handle_home`
        // tells a lock from its copies by where it is met).
        loop {
            let before = m.objs.len();
            for (id, home) in &self.handle_home {
                if m.marked.get(*id as usize).copied().unwrap_or(false) {
                    m.root(home.root);
                }
            }
            if m.objs.len() == before {
                break;
            }
            m.drain(&self.heap, u64::MAX);
        }
        let marked = take(&mut m.marked);
        drop(m);
        self.handle_home
            .retain(|id, _| marked.get(*id as usize).copied().unwrap_or(false));
        self.heap.release(&marked);
        let used = self.heap.mem.used();
        let charged_since = used.saturating_sub(cycle.used_at_start);
        self.heap
            .mem
            .set_live(counted.saturating_add(charged_since).min(used));
    }

    fn mark_roots<'a>(&'a self, m: &mut Marker<'a>, running: &'a Goroutine) {
        m.goroutine(running);
        for g in &self.gs {
            if g.id != running.id {
                m.goroutine(g);
            }
        }
        m.values.extend(self.globals.iter());
        m.values.extend(self.zero_cache.values());
        for t in self.timers.iter() {
            m.live += cost::TIMER;
            match &t.payload {
                TimerAction::SendTime(id) => m.obj(*id),
                TimerAction::Spawn(f) => m.values.push(f),
                TimerAction::Wake(_) | TimerAction::PollDeadline { .. } => {}
            }
        }
        // A timer channel's entry outlives its timer's payload.
        for &id in self.timer_chans.keys() {
            m.obj(id);
        }
    }
}
