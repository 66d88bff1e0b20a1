//! The garbage collector: a stop-the-world mark and sweep over the heap
//! table, run between instructions when the bytes charged since the last
//! collection reach the heap goal (twice the live bytes, Go's GOGC=100).
//!
//! Owns deciding what is reachable and measuring it: marking walks from the
//! roots (every goroutine's operands, locals, deferred calls, panics and
//! pending channel deliveries, the globals, the timers' payloads and the
//! channels they feed, and what parked goroutines wait on) through values
//! and heap objects with explicit stacks, never recursion. The live bytes
//! are counted with the same `cost` sizes the budget charges, each shared
//! `Rc` once, so after a collection the budget holds live bytes, once.
//! Freeing is the heap's (`Heap::release`). It does not run inside a
//! synchronous call (a native's Rust frames hold values it cannot see),
//! with the race detector or the explorer's touch log on (they key memory
//! by object id, and a reused id would alias), or in a program whose
//! charges stay below the minimum goal: there, runs are exactly as they
//! were without a collector. A collection costs no steps, so step counts,
//! schedules and share links do not depend on it.

use crate::runtime::chan::Delivery;
use crate::util::fasthash::HashSet;
use crate::vm::goroutine::{Goroutine, Resume};
use crate::vm::heap::{cost, Heap, HeapObj};
use crate::vm::machine::{TimerAction, Vm};
use crate::vm::value::{FuncVal, ObjId, Root, Value};
use std::rc::Rc;

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
    fn first<T: ?Sized>(&mut self, rc: &Rc<T>) -> bool {
        self.seen.insert(Rc::as_ptr(rc) as *const u8 as usize)
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

    /// Marks everything reachable from the roots gathered so far.
    fn drain(&mut self, heap: &'a Heap) {
        loop {
            while let Some(v) = self.values.pop() {
                self.value(v);
            }
            let Some(id) = self.objs.pop() else { return };
            let Some(o) = heap.objs.get(id as usize) else {
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
    /// Collects if the heap goal is reached and this is a point where
    /// every live value is in the VM or in `running` (the goroutine taken
    /// out to run); see the module docs for when it never runs.
    #[cold]
    #[inline(never)]
    pub(super) fn maybe_collect(&mut self, running: &Goroutine) {
        if self.heap.mem.wants_collection()
            && self.sync_depth.is_empty()
            && self.race.is_none()
            && self.touch_log.is_none()
        {
            self.collect(Some(running));
        }
    }

    /// A full collection: marks from the roots, frees the rest, and sets
    /// the budget to the live bytes.
    pub(super) fn collect(&mut self, running: Option<&Goroutine>) {
        let mut m = Marker {
            marked: vec![false; self.heap.objs.len()],
            seen: HashSet::default(),
            values: Vec::new(),
            objs: Vec::new(),
            live: 0,
        };
        if let Some(g) = running {
            m.goroutine(g);
        }
        for g in &self.gs {
            if Some(g.id) != running.map(|r| r.id) {
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
        m.drain(&self.heap);
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
            m.drain(&self.heap);
        }
        let Marker { marked, live, .. } = m;
        self.handle_home
            .retain(|id, _| marked.get(*id as usize).copied().unwrap_or(false));
        self.heap.release(&marked);
        self.heap.mem.set_live(live);
    }
}
