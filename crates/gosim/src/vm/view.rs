//! Builds the UI contract (`crate::snapshot`) from the VM: renders values
//! as Go's `%v` text, names objects after the variables that hold them,
//! and maps the runtime's states onto the contract's enums.
//!
//! Owns only reading: building a snapshot never changes what the program
//! does next.

use crate::runtime::timers::{TimerKind as RtTimerKind, TimerStatus};
use crate::runtime::Gid;
use crate::snapshot::{
    Budget, EndingView, EventKind, EventView, FrameView, GoroutineStatus, GoroutineView, LeakView,
    LocalView, ObjectKind, ObjectView, OutcomeClass, ResourceSample, SlotView, Snapshot, TimerKind,
    TimerState, TimerView, WaitEdge, WaiterView,
};
use crate::syntax::span::{LineIndex, Span};
use crate::types::{TypeId, TypeKind};
use crate::util::fasthash::{HashMap, HashSet};
use crate::vm::events::EventKind as VmEvent;
use crate::vm::fmtconv::ArgLimit;
use crate::vm::goroutine::{GStatus, Goroutine};
use crate::vm::heap::HeapObj;
use crate::vm::machine::{Ending, TimerAction, Vm};
use crate::vm::value::{ObjId, Root, Value};

/// Parts of a value a snapshot renders (elements, fields, entries, at
/// any depth); the rest shows as `...`.
pub const VALUE_TEXT_PARTS: usize = 64;
/// Bytes of a value's text a snapshot keeps.
pub const VALUE_TEXT_BYTES: usize = 1024;

impl Vm {
    /// The size of this state in objects (goroutines, heap objects,
    /// timers), plus one: roughly what a copy of it costs.
    pub fn object_count(&self) -> u64 {
        (self.gs.len() + self.heap.objs.len() + self.timers.iter().count() + 1) as u64
    }

    /// Roughly the bytes a copy of this state takes: what `clone` copies
    /// (the heap table and arrays, maps, goroutine stacks, globals, timers,
    /// output, the race detector's clocks), with the sizes of
    /// [`crate::vm::heap::cost`]; contents behind shared `Rc`s are not
    /// copied and not counted. For hosts that keep copies (the explorer's
    /// search path, a session's checkpoints) within a memory budget.
    pub fn copy_bytes(&self) -> u64 {
        use crate::vm::heap::cost;
        let mut n: u64 = 2048;
        for o in &self.heap.objs {
            n += cost::OBJECT
                + match o {
                    HeapObj::Cell(_) => cost::SLOT,
                    HeapObj::Array(v) => v.len() as u64 * cost::SLOT,
                    HeapObj::Map(m) => m.len() as u64 * cost::MAP_ENTRY,
                    HeapObj::Chan(c) => 160 + c.qcount() as u64 * cost::SLOT,
                    HeapObj::SyncMap(m) => 160 + 2 * m.entry_count() as u64 * cost::MAP_ENTRY,
                    _ => 96,
                };
        }
        for g in &self.gs {
            n += cost::GOROUTINE
                + (g.stack.len() + g.locals.len()) as u64 * cost::SLOT
                + g.frames.len() as u64 * cost::FRAME;
        }
        n += (self.globals.len() + self.zero_cache.len()) as u64 * cost::SLOT;
        n += self.timers.slot_count() as u64 * cost::TIMER;
        n += (self.stdout.len() + self.stderr.len()) as u64;
        n += 16 * self.resource_samples.len() as u64 + 64 * self.events.len() as u64;
        n += self.race.as_ref().map_or(0, |r| r.size_bytes());
        n
    }

    /// Renders a value as `%v` would, without calling user methods, and
    /// only its first [`VALUE_TEXT_PARTS`] parts (a picture for the UI,
    /// whatever the value's size or depth).
    pub fn value_text(&mut self, v: &Value, t: TypeId) -> String {
        let mut dummy = Goroutine::new(0);
        let saved = std::mem::replace(&mut self.fmt_plain, true);
        let mut limit = ArgLimit::Parts(VALUE_TEXT_PARTS);
        let arg = self
            .to_arg_limited(&mut dummy, v, t, 0, false, &mut limit)
            .unwrap_or_else(|_| crate::format::Arg::nil());
        self.fmt_plain = saved;
        let mut text = crate::format::sprint(&[arg]);
        if text.len() > VALUE_TEXT_BYTES {
            text.truncate(VALUE_TEXT_BYTES);
            text.extend_from_slice(b"...");
        }
        String::from_utf8_lossy(&text).to_string()
    }

    fn any_text(&mut self, v: &Value) -> String {
        self.value_text(v, crate::types::well_known::EMPTY_IFACE)
    }

    /// Names for runtime objects, found through the variables that hold
    /// them (`ch`, `mu`, `s.mu`, `wg`).
    fn object_names(&self) -> HashMap<ObjId, String> {
        let mut names = HashMap::default();
        for (i, g) in self.prog.globals.iter().enumerate() {
            let short = g.name.rsplit('.').next().unwrap_or(&g.name).to_string();
            if g.name.starts_with("main.") {
                if let Some(v) = self.globals.get(i) {
                    self.name_walk(v, &short, &mut names, 0);
                }
            }
        }
        // Main first, then others by id: the first name found wins.
        let mut gs: Vec<&Goroutine> = self.gs.iter().collect();
        crate::util::order::sort_by_key(&mut gs, |g| g.id);
        for g in gs {
            for f in &g.frames {
                let code = &self.prog.funcs[f.fid as usize];
                if code.library {
                    continue;
                }
                for l in &code.locals {
                    if let Some(v) = g.locals.get(f.base as usize + l.slot as usize) {
                        let v = if l.boxed {
                            self.load_ptr(v).unwrap_or(Value::Nil)
                        } else {
                            v.clone()
                        };
                        self.name_walk(&v, &l.name, &mut names, 0);
                    }
                }
            }
        }
        names
    }

    fn name_walk(&self, v: &Value, name: &str, out: &mut HashMap<ObjId, String>, depth: u32) {
        if depth > 3 {
            return;
        }
        match v {
            Value::Chan(id) | Value::Handle(id) => {
                out.entry(*id).or_insert_with(|| name.to_string());
            }
            Value::Seq(items) if items.len() <= 16 => {
                for (i, x) in items.iter().enumerate() {
                    // A handle as field 0 is the object itself (sync.Mutex{h}).
                    let n = if i == 0 && matches!(x, Value::Handle(_)) {
                        name.to_string()
                    } else {
                        format!("{}.{}", name, i)
                    };
                    self.name_walk(x, &n, out, depth + 1);
                }
            }
            Value::Ptr(p) if matches!(p.root, Root::Cell(_)) => {
                if let Ok(x) = self.heap.load(p, &self.globals) {
                    self.name_walk(&x, name, out, depth + 1);
                }
            }
            Value::Iface(iv) => self.name_walk(&iv.1, name, out, depth + 1),
            _ => {}
        }
    }

    pub fn snapshot(&mut self, events_from: usize) -> Snapshot {
        let prog = self.prog.clone();
        let index = LineIndex::new(&prog.source);
        let line_of = |s: Span| Some(index.line(s.lo));
        let names = self.object_names();
        let minor = u32::from(self.cfg.go_version.minor());
        let gs = self.gs.clone();
        let mut goroutines = Vec::new();
        for g in &gs {
            let mut frames = Vec::new();
            let mut line = None;
            let mut span = None;
            for f in g.frames.iter().rev() {
                let code = &prog.funcs[f.fid as usize];
                if code.name == "runtime.main" {
                    continue;
                }
                let s = code.spans.get(f.pc as usize).copied().unwrap_or(code.span);
                let l = if code.library { None } else { line_of(s) };
                if line.is_none() && !code.library {
                    line = l;
                    span = Some(s);
                }
                let mut locals = Vec::new();
                if !code.library {
                    // `#`-named locals are the compiler's (range-over-func
                    // loop state), not the program's.
                    for li in code.locals.iter().filter(|l| !l.name.starts_with('#')) {
                        let at = f.base as usize + li.slot as usize;
                        let Some(v) = g.locals.get(at).cloned() else {
                            continue;
                        };
                        let v = if li.boxed {
                            self.load_ptr(&v).unwrap_or(Value::Nil)
                        } else {
                            v
                        };
                        let nil_channel = matches!(
                            prog.types.kind(prog.types.underlying(li.ty)),
                            TypeKind::Chan(..)
                        ) && v.is_nil();
                        locals.push(LocalView {
                            name: li.name.clone(),
                            ty: prog.types.name(li.ty),
                            value: self.value_text(&v, li.ty),
                            nil_channel,
                        });
                    }
                }
                frames.push(FrameView {
                    func: code.name.clone(),
                    line: l,
                    library: code.library,
                    locals,
                });
            }
            let (status, wait_reason) = match &g.status {
                GStatus::Running => (GoroutineStatus::Running, None),
                GStatus::Runnable => (GoroutineStatus::Runnable, None),
                GStatus::Waiting(r) => (
                    GoroutineStatus::Waiting,
                    Some(r.as_go_str_for(minor).to_string()),
                ),
                GStatus::Dead => (GoroutineStatus::Dead, None),
            };
            let status = if Some(g.id) == self.current && status != GoroutineStatus::Dead {
                GoroutineStatus::Running
            } else {
                status
            };
            goroutines.push(GoroutineView {
                id: g.id,
                status,
                wait_reason,
                created_line: g.created_at.and_then(line_of),
                created_by: g.created_by,
                line,
                span,
                frames,
                waiting_on: g.waiting_on,
            });
        }
        let mut objects = self.object_views(&names);
        objects.extend(self.once_views());
        // Pending timers, plus the most recent stopped or fired ones: a
        // program like case 16 leaves tens of thousands behind.
        let finished: Vec<u64> = self
            .timers
            .iter()
            .filter(|t| t.status != TimerStatus::Pending)
            .map(|t| t.id)
            .collect();
        let keep_from = finished.len().saturating_sub(32);
        let keep: HashSet<u64> = finished[keep_from..].iter().copied().collect();
        let timers = self
            .timers
            .iter()
            .filter(|t| t.status == TimerStatus::Pending || keep.contains(&t.id))
            .map(|t| TimerView {
                id: t.id,
                when_ns: t.when,
                period_ns: t.period,
                kind: match t.kind {
                    RtTimerKind::Chan => TimerKind::Chan,
                    RtTimerKind::Func => TimerKind::Func,
                },
                state: match t.status {
                    TimerStatus::Pending => TimerState::Pending,
                    TimerStatus::Stopped => TimerState::Stopped,
                    TimerStatus::Fired => TimerState::Fired,
                },
                channel: match t.payload {
                    TimerAction::SendTime(c) => Some(c),
                    _ => None,
                },
                sleeper: match t.payload {
                    TimerAction::Wake(g) => Some(g),
                    _ => None,
                },
                held: self.timers.holds(t),
            })
            .collect();
        let events = self.events.get(events_from..).unwrap_or(&[]).to_vec();
        let events = events.iter().map(|e| self.event_view(e, &index)).collect();
        let point = self.point();
        let ending = self.ending.clone().map(|e| self.ending_view(&e, &index));
        Snapshot {
            now_ns: self.now(),
            instructions: self.steps,
            current: self.current,
            goroutines,
            objects,
            timers,
            stdout: String::from_utf8_lossy(&self.stdout).to_string(),
            stderr: String::from_utf8_lossy(&self.stderr).to_string(),
            point,
            ending,
            events,
            resources: self
                .resource_samples
                .iter()
                .map(|&(at_ns, goroutines, timers)| ResourceSample {
                    at_ns,
                    goroutines,
                    timers,
                })
                .collect(),
            races: self.race_reports(),
            wait_for: self.wait_for(&names),
        }
    }

    /// sync.Once values in user variables (by their static type).
    fn once_views(&self) -> Vec<ObjectView> {
        let Some(once_t) = (0..self.prog.types.len() as u32)
            .map(TypeId)
            .find(|&t| self.prog.types.is_named(t) && self.prog.types.name(t) == "sync.Once")
        else {
            return Vec::new();
        };
        let mut out = Vec::new();
        let mut seen = HashSet::default();
        let mut visit = |name: &str, v: &Value, out: &mut Vec<ObjectView>| {
            // Once is struct { done bool; m Mutex{h} }.
            if let Value::Seq(f) = v {
                let done = f.first().is_some_and(|d| d.as_bool());
                let id = match f.get(1) {
                    Some(Value::Seq(m)) => match m.first() {
                        Some(Value::Handle(h)) => *h,
                        _ => 0,
                    },
                    _ => 0,
                };
                let _ = id;
                if seen.insert(name.to_string()) {
                    // Ids count down from the top so they never collide with heap objects.
                    let id = ObjId::MAX - out.len() as ObjId;
                    out.push(ObjectView {
                        id,
                        name: Some(name.to_string()),
                        kind: ObjectKind::Once { done },
                    });
                }
            }
        };
        for (i, g) in self.prog.globals.iter().enumerate() {
            if g.ty == once_t {
                if let Some(v) = self.globals.get(i) {
                    visit(g.name.trim_start_matches("main."), v, &mut out);
                }
            }
        }
        for g in &self.gs {
            for f in &g.frames {
                let code = &self.prog.funcs[f.fid as usize];
                if code.library {
                    continue;
                }
                for l in code.locals.iter().filter(|l| l.ty == once_t) {
                    if let Some(v) = g.locals.get(f.base as usize + l.slot as usize) {
                        let v = if l.boxed {
                            self.load_ptr(v).unwrap_or(Value::Nil)
                        } else {
                            v.clone()
                        };
                        visit(&l.name, &v, &mut out);
                    }
                }
            }
        }
        out
    }

    /// The objects a goroutine can reach from its stack (channels and
    /// library handles), a few pointers deep.
    fn reachable_objects(&self, g: &Goroutine) -> HashSet<ObjId> {
        let mut out = HashSet::default();
        let mut names = HashMap::default();
        for v in g.locals.iter().chain(g.stack.iter()) {
            self.name_walk(v, "", &mut names, 0);
        }
        for (id, _) in names {
            out.insert(id);
        }
        out
    }

    pub fn wait_for(&self, names: &HashMap<ObjId, String>) -> Vec<WaitEdge> {
        let reach: Vec<(Gid, HashSet<ObjId>)> = self
            .gs
            .iter()
            .filter(|g| g.status != GStatus::Dead)
            .map(|g| (g.id, self.reachable_objects(g)))
            .collect();
        let mut edges = Vec::new();
        for g in &self.gs {
            let GStatus::Waiting(reason) = &g.status else {
                continue;
            };
            let objs: Vec<ObjId> = match g.waiting_on {
                Some(o) => vec![o],
                None => g.select_chans.clone(),
            };
            let mut wakers: Vec<Gid> = Vec::new();
            for o in &objs {
                // A lock is released by its holder.
                let holder = match self.heap.get(*o) {
                    Some(HeapObj::Mutex(m)) => m.holder().into_iter().collect::<Vec<_>>(),
                    Some(HeapObj::RWMutex(m)) => m
                        .writer()
                        .into_iter()
                        .chain(m.readers().iter().copied())
                        .collect(),
                    _ => Vec::new(),
                };
                if !holder.is_empty() {
                    wakers.extend(holder.into_iter().filter(|h| *h != g.id));
                    continue;
                }
                for (other, objs) in &reach {
                    if *other != g.id && objs.contains(o) {
                        wakers.push(*other);
                    }
                }
            }
            crate::util::order::sort(&mut wakers);
            wakers.dedup();
            edges.push(WaitEdge {
                g: g.id,
                object: objs.first().copied(),
                object_name: objs.first().and_then(|o| names.get(o).cloned()),
                reason: reason.as_go_str().to_string(),
                wakers,
            });
        }
        edges
    }

    fn object_views(&mut self, names: &HashMap<ObjId, String>) -> Vec<ObjectView> {
        let mut out = Vec::new();
        let n = self.heap.objs.len();
        for id in 0..n as ObjId {
            let name = names.get(&id).cloned();
            let obj = self.heap.objs[id as usize].clone();
            match obj {
                HeapObj::Chan(c) => {
                    let s = c.snapshot();
                    let timer = self.timer_chans.contains_key(&id);
                    // Timer channels nobody names are noise (case 16 makes thousands).
                    if timer && name.is_none() {
                        continue;
                    }
                    let buffer = s
                        .buffer
                        .iter()
                        .map(|(i, v)| SlotView {
                            index: *i,
                            value: self.any_text_elem(v, &s.elem_type),
                        })
                        .collect();
                    let recvq = s
                        .recvq
                        .iter()
                        .map(|w| WaiterView {
                            g: w.g,
                            value: None,
                            in_select: w.select.is_some(),
                        })
                        .collect();
                    let sendq = s
                        .sendq
                        .iter()
                        .map(|w| WaiterView {
                            g: w.g,
                            value: w.elem.as_ref().map(|v| self.any_text_elem(v, &s.elem_type)),
                            in_select: w.select.is_some(),
                        })
                        .collect();
                    out.push(ObjectView {
                        id,
                        name,
                        kind: ObjectKind::Channel {
                            elem_type: s.elem_type.clone(),
                            cap: s.dataqsiz,
                            len: s.qcount,
                            sendx: s.sendx,
                            recvx: s.recvx,
                            buffer,
                            recvq,
                            sendq,
                            closed: s.closed,
                            timer,
                        },
                    });
                }
                HeapObj::Mutex(m) => {
                    let s = m.snapshot();
                    out.push(ObjectView {
                        id,
                        name,
                        kind: ObjectKind::Mutex {
                            locked: s.state.locked,
                            holder: s.holder,
                            waiters: s.waiters,
                            starving: s.state.starving,
                        },
                    });
                }
                HeapObj::RWMutex(m) => {
                    let s = m.snapshot();
                    out.push(ObjectView {
                        id,
                        name,
                        kind: ObjectKind::RWMutex {
                            writer: s.writer,
                            readers: s.readers,
                            reader_count: s.reader_count,
                            reader_wait: s.reader_wait,
                            queued_readers: s.queued_readers,
                            queued_writers: s.queued_writers,
                        },
                    });
                }
                HeapObj::WaitGroup(w) => {
                    let s = w.snapshot();
                    out.push(ObjectView {
                        id,
                        name,
                        kind: ObjectKind::WaitGroup {
                            counter: s.counter,
                            waiters: s.waiters,
                        },
                    });
                }
                HeapObj::NotifyList(l) => {
                    let s = l.snapshot();
                    out.push(ObjectView {
                        id,
                        name,
                        kind: ObjectKind::Cond {
                            wait_ticket: s.wait,
                            notify_ticket: s.notify,
                            waiters: s.waiters,
                        },
                    });
                }
                HeapObj::SyncMap(m) => {
                    let s = m.snapshot();
                    let render = |vm: &mut Vm,
                                  entries: &[(
                        crate::vm::value::MapKey,
                        crate::runtime::syncmap::EntryP<(Value, Value)>,
                    )]|
                     -> Vec<(String, String)> {
                        entries
                            .iter()
                            .map(|(_, p)| match p {
                                crate::runtime::syncmap::EntryP::Value(kv) => {
                                    (vm.any_text(&kv.0), vm.any_text(&kv.1))
                                }
                                crate::runtime::syncmap::EntryP::Nil => {
                                    ("?".into(), "nil (deleted)".into())
                                }
                                crate::runtime::syncmap::EntryP::Expunged => {
                                    ("?".into(), "expunged".into())
                                }
                            })
                            .collect()
                    };
                    let read = render(self, &s.read);
                    let dirty = s.dirty.as_ref().map(|d| render(self, d));
                    out.push(ObjectView {
                        id,
                        name,
                        kind: ObjectKind::SyncMap {
                            read,
                            dirty,
                            misses: s.misses,
                            amended: s.amended,
                        },
                    });
                }
                _ => {}
            }
        }
        out
    }

    fn any_text_elem(&mut self, v: &Value, elem_type: &str) -> String {
        let t = (0..self.prog.types.len() as u32)
            .map(TypeId)
            .find(|&t| self.prog.types.name(t) == elem_type);
        match t {
            Some(t) => self.value_text(v, t),
            None => self.any_text(v),
        }
    }

    fn event_view(&mut self, e: &crate::vm::events::Event, index: &LineIndex) -> EventView {
        let line = if e.span == Span::default() {
            None
        } else {
            Some(index.line(e.span.lo))
        };
        let kind = match &e.kind {
            VmEvent::Go { child } => EventKind::Go { child: *child },
            VmEvent::Send { chan, value } => EventKind::Send {
                chan: *chan,
                value: self.chan_elem_text(*chan, value),
            },
            VmEvent::Recv { chan, value, ok } => EventKind::Recv {
                chan: *chan,
                value: self.chan_elem_text(*chan, value),
                ok: *ok,
            },
            VmEvent::Close { chan } => EventKind::Close { chan: *chan },
            VmEvent::Park { obj, reason } => EventKind::Park {
                object: *obj,
                reason: *reason,
            },
            VmEvent::Sync { obj, op } => EventKind::Sync {
                object: *obj,
                op: op.to_string(),
            },
            VmEvent::Sleep { until } => EventKind::Sleep {
                duration: crate::format::format_duration(until - self.now()),
            },
            VmEvent::Exit => EventKind::Exit,
        };
        EventView { g: e.g, line, kind }
    }

    /// A value sent or received on `chan`, rendered with the channel's
    /// element type.
    fn chan_elem_text(&mut self, chan: ObjId, value: &Value) -> String {
        let elem = match self.heap.get(chan) {
            Some(HeapObj::Chan(c)) => c.elem_type().to_string(),
            _ => String::new(),
        };
        self.any_text_elem(value, &elem)
    }

    fn ending_view(&self, e: &Ending, index: &LineIndex) -> EndingView {
        let (class, code, budget) = match e {
            Ending::Exit(c) if self.leaked.is_empty() => (OutcomeClass::Finished, Some(*c), None),
            Ending::Exit(c) => (OutcomeClass::LeakedGoroutines, Some(*c), None),
            Ending::Panic { .. } => (OutcomeClass::Panic, Some(2), None),
            Ending::Fatal { deadlock: true } => (OutcomeClass::Deadlock, Some(2), None),
            Ending::Fatal { deadlock: false } => (OutcomeClass::FatalError, Some(2), None),
            Ending::StepBudget => (OutcomeClass::BudgetExhausted, None, Some(Budget::Steps)),
            Ending::HeapBudget => (OutcomeClass::BudgetExhausted, None, Some(Budget::Memory)),
            Ending::GoroutineBudget => (
                OutcomeClass::BudgetExhausted,
                None,
                Some(Budget::Goroutines),
            ),
            Ending::OutputBudget => (OutcomeClass::BudgetExhausted, None, Some(Budget::Output)),
        };
        let minor = u32::from(self.cfg.go_version.minor());
        let leaked = self
            .leaked
            .iter()
            .filter_map(|id| self.g(*id))
            .map(|g| LeakView {
                g: g.id,
                created_line: g.created_at.map(|s| index.line(s.lo)),
                wait_reason: match &g.status {
                    GStatus::Waiting(r) => Some(r.as_go_str_for(minor).to_string()),
                    _ => None,
                },
            })
            .collect();
        let message = match e {
            Ending::Exit(_) => String::new(),
            Ending::StepBudget => format!(
                "stopped after {} steps: still running{}",
                self.steps,
                self.busy_loop_note()
            ),
            Ending::HeapBudget => {
                "stopped: the program allocated more memory than the simulator allows".into()
            }
            Ending::GoroutineBudget => "stopped: too many goroutines".into(),
            Ending::OutputBudget => "stopped: too much output".into(),
            _ => {
                let text = String::from_utf8_lossy(&self.stderr).to_string();
                text.lines().next().unwrap_or("").to_string()
            }
        };
        EndingView {
            class,
            budget,
            exit_code: code,
            leaked,
            message,
        }
    }
}
