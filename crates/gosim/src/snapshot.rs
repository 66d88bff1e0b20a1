//! The snapshot API: a serializable picture of the VM after any step.
//!
//! This is the contract with the UI: goroutines with their wait reasons in
//! Go's words and their stacks with locals; channels as hchans; locks,
//! WaitGroups, Conds, sync.Maps and timers as the runtime holds them; the
//! virtual clock, the output so far, the events of the last step and the
//! choice point that comes next. Values are pre-rendered as Go's `%v` text.
//! The UI never reaches into the VM except through these types.

use crate::fasthash::{HashMap, HashSet};
use crate::runtime::Gid;
use crate::syntax::span::{LineIndex, Span};
use crate::types::TypeId;
use crate::vm::events::EventKind;
use crate::vm::goroutine::{GStatus, Goroutine};
use crate::vm::heap::HeapObj;
use crate::vm::machine::{Ending, Vm};
use crate::vm::sched::Point;
use crate::vm::value::{ObjId, Root, Value};
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Snapshot {
    /// Virtual nanoseconds since the program started.
    pub now_ns: i64,
    /// Instructions executed so far.
    pub instructions: u64,
    pub current: Option<Gid>,
    pub goroutines: Vec<GoroutineView>,
    pub objects: Vec<ObjectView>,
    pub timers: Vec<TimerView>,
    pub stdout: String,
    pub stderr: String,
    pub point: Point,
    pub ending: Option<EndingView>,
    /// What the last step did, in order.
    pub events: Vec<EventView>,
    /// (virtual ns, live goroutines, live timers) samples.
    pub resources: Vec<(i64, u32, u32)>,
    /// Data races found so far in this run.
    pub races: Vec<crate::vm::race::RaceReport>,
    /// Who waits on what, and who could still wake them.
    pub wait_for: Vec<WaitEdge>,
}

/// One edge of the wait-for graph: goroutine `g` is parked on `object`;
/// `wakers` are the live goroutines that can still reach the object (the
/// holder, for a lock). In a deadlock every waker is itself waiting.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct WaitEdge {
    pub g: Gid,
    pub object: Option<ObjId>,
    pub object_name: Option<String>,
    pub reason: String,
    pub wakers: Vec<Gid>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct GoroutineView {
    pub id: Gid,
    /// running, runnable, waiting or dead.
    pub status: String,
    /// Go's words, as in `goroutine 7 [chan send]:`.
    pub wait_reason: Option<String>,
    /// The line of the `go` statement that created it.
    pub created_line: Option<u32>,
    pub created_by: Option<Gid>,
    /// The user-code line it is at (innermost user frame).
    pub line: Option<u32>,
    pub span: Option<Span>,
    /// Innermost first.
    pub frames: Vec<FrameView>,
    /// The object it is parked on, if one.
    pub waiting_on: Option<ObjId>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct FrameView {
    pub func: String,
    pub line: Option<u32>,
    pub library: bool,
    pub locals: Vec<LocalView>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct LocalView {
    pub name: String,
    pub ty: String,
    pub value: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SlotView {
    pub index: usize,
    pub value: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct WaiterView {
    pub g: Gid,
    /// The value a parked sender carries.
    pub value: Option<String>,
    /// Parked in a select (on several channels at once).
    pub in_select: bool,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind")]
pub enum ObjectView {
    Channel {
        id: ObjId,
        name: Option<String>,
        elem_type: String,
        cap: usize,
        len: usize,
        sendx: usize,
        recvx: usize,
        /// Occupied slots in ring order, oldest first.
        buffer: Vec<SlotView>,
        recvq: Vec<WaiterView>,
        sendq: Vec<WaiterView>,
        closed: bool,
        /// A timer's channel (time.After, NewTimer, NewTicker).
        timer: bool,
    },
    Mutex {
        id: ObjId,
        name: Option<String>,
        locked: bool,
        holder: Option<Gid>,
        waiters: Vec<Gid>,
        starving: bool,
    },
    RWMutex {
        id: ObjId,
        name: Option<String>,
        writer: Option<Gid>,
        readers: Vec<Gid>,
        reader_count: i32,
        reader_wait: i32,
        queued_readers: Vec<Gid>,
        queued_writers: Vec<Gid>,
    },
    WaitGroup {
        id: ObjId,
        name: Option<String>,
        counter: i32,
        waiters: Vec<Gid>,
    },
    Cond {
        id: ObjId,
        name: Option<String>,
        wait_ticket: u32,
        notify_ticket: u32,
        waiters: Vec<(Gid, u32)>,
    },
    /// A sync.Once held in a variable (Once is plain Go over a Mutex, so it
    /// has no runtime object of its own; `id` counts down from `ObjId::MAX`).
    Once {
        id: ObjId,
        name: Option<String>,
        done: bool,
    },
    SyncMap {
        id: ObjId,
        name: Option<String>,
        read: Vec<(String, String)>,
        dirty: Option<Vec<(String, String)>>,
        misses: usize,
        amended: bool,
    },
}

impl ObjectView {
    pub fn id(&self) -> ObjId {
        match self {
            ObjectView::Channel { id, .. }
            | ObjectView::Mutex { id, .. }
            | ObjectView::RWMutex { id, .. }
            | ObjectView::WaitGroup { id, .. }
            | ObjectView::Cond { id, .. }
            | ObjectView::Once { id, .. }
            | ObjectView::SyncMap { id, .. } => *id,
        }
    }
    pub fn name(&self) -> Option<&str> {
        match self {
            ObjectView::Channel { name, .. }
            | ObjectView::Mutex { name, .. }
            | ObjectView::RWMutex { name, .. }
            | ObjectView::WaitGroup { name, .. }
            | ObjectView::Cond { name, .. }
            | ObjectView::Once { name, .. }
            | ObjectView::SyncMap { name, .. } => name.as_deref(),
        }
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct TimerView {
    pub id: u64,
    pub when_ns: i64,
    pub period_ns: i64,
    /// "chan" (After, NewTimer, Ticker) or "func" (Sleep, AfterFunc).
    pub kind: String,
    /// pending, stopped or fired.
    pub status: String,
    pub channel: Option<ObjId>,
    /// The goroutine a Sleep timer wakes.
    pub sleeper: Option<Gid>,
    /// Whether the runtime keeps it alive (see `Timers::holds`): under
    /// Go 1.23+ semantics a pending channel timer nobody waits on is not.
    pub held: bool,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct EndingView {
    /// finished, panic, fatal, deadlock, budget.
    pub class: String,
    pub exit_code: Option<i32>,
    /// Goroutines still blocked or runnable when main returned.
    pub leaked: Vec<LeakView>,
    pub message: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct LeakView {
    pub g: Gid,
    pub created_line: Option<u32>,
    pub wait_reason: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct EventView {
    pub g: Gid,
    pub line: Option<u32>,
    /// go, send, recv, close, park, sync, sleep, exit.
    pub kind: String,
    pub object: Option<ObjId>,
    pub value: Option<String>,
    /// Extra detail: the Go wait reason, the sync operation, the child gid.
    pub detail: Option<String>,
}

impl Vm {
    /// Renders a value as `%v` would, without calling user methods.
    pub fn value_text(&mut self, v: &Value, t: TypeId) -> String {
        let mut dummy = Goroutine::new(0);
        let saved = std::mem::replace(&mut self.fmt_plain, true);
        let arg = self.to_arg(&mut dummy, v, t, 0, false);
        self.fmt_plain = saved;
        String::from_utf8_lossy(&crate::format::sprint(&[arg])).to_string()
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
        crate::order::sort_by_key(&mut gs, |g| g.id);
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
        let minor = match self.cfg.go_version {
            crate::GoVersion::Go121 => 21,
            crate::GoVersion::Go122 => 22,
            crate::GoVersion::Go123 => 27,
        };
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
                    for li in &code.locals {
                        let at = f.base as usize + li.slot as usize;
                        let Some(v) = g.locals.get(at).cloned() else {
                            continue;
                        };
                        let v = if li.boxed {
                            self.load_ptr(&v).unwrap_or(Value::Nil)
                        } else {
                            v
                        };
                        locals.push(LocalView {
                            name: li.name.clone(),
                            ty: prog.types.name(li.ty),
                            value: self.value_text(&v, li.ty),
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
                GStatus::Running => ("running", None),
                GStatus::Runnable => ("runnable", None),
                GStatus::Waiting(r) => ("waiting", Some(r.as_go_str_for(minor).to_string())),
                GStatus::Dead => ("dead", None),
            };
            let status = if Some(g.id) == self.current && status != "dead" {
                "running"
            } else {
                status
            };
            goroutines.push(GoroutineView {
                id: g.id,
                status: status.into(),
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
            .filter(|t| t.status != crate::runtime::timers::TimerStatus::Pending)
            .map(|t| t.id)
            .collect();
        let keep_from = finished.len().saturating_sub(32);
        let keep: HashSet<u64> = finished[keep_from..].iter().copied().collect();
        let timers = self
            .timers
            .iter()
            .filter(|t| {
                t.status == crate::runtime::timers::TimerStatus::Pending || keep.contains(&t.id)
            })
            .map(|t| TimerView {
                id: t.id,
                when_ns: t.when,
                period_ns: t.period,
                kind: match t.kind {
                    crate::runtime::timers::TimerKind::Chan => "chan".into(),
                    crate::runtime::timers::TimerKind::Func => "func".into(),
                },
                status: match t.status {
                    crate::runtime::timers::TimerStatus::Pending => "pending",
                    crate::runtime::timers::TimerStatus::Stopped => "stopped",
                    crate::runtime::timers::TimerStatus::Fired => "fired",
                }
                .into(),
                channel: match t.payload {
                    crate::vm::machine::TimerAction::SendTime(c) => Some(c),
                    _ => None,
                },
                sleeper: match t.payload {
                    crate::vm::machine::TimerAction::Wake(g) => Some(g),
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
            resources: self.resource_samples.clone(),
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
                    out.push(ObjectView::Once {
                        id,
                        name: Some(name.to_string()),
                        done,
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
            crate::order::sort(&mut wakers);
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
                    out.push(ObjectView::Channel {
                        id,
                        name,
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
                    });
                }
                HeapObj::Mutex(m) => {
                    let s = m.snapshot();
                    out.push(ObjectView::Mutex {
                        id,
                        name,
                        locked: s.state.locked,
                        holder: s.holder,
                        waiters: s.waiters,
                        starving: s.state.starving,
                    });
                }
                HeapObj::RWMutex(m) => {
                    let s = m.snapshot();
                    out.push(ObjectView::RWMutex {
                        id,
                        name,
                        writer: s.writer,
                        readers: s.readers,
                        reader_count: s.reader_count,
                        reader_wait: s.reader_wait,
                        queued_readers: s.queued_readers,
                        queued_writers: s.queued_writers,
                    });
                }
                HeapObj::WaitGroup(w) => {
                    let s = w.snapshot();
                    out.push(ObjectView::WaitGroup {
                        id,
                        name,
                        counter: s.counter,
                        waiters: s.waiters,
                    });
                }
                HeapObj::NotifyList(l) => {
                    let s = l.snapshot();
                    out.push(ObjectView::Cond {
                        id,
                        name,
                        wait_ticket: s.wait,
                        notify_ticket: s.notify,
                        waiters: s.waiters,
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
                    out.push(ObjectView::SyncMap {
                        id,
                        name,
                        read,
                        dirty,
                        misses: s.misses,
                        amended: s.amended,
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
        let (kind, object, value, detail) = match &e.kind {
            EventKind::Go { child } => ("go", None, None, Some(child.to_string())),
            EventKind::Send { chan, value } => {
                let elem = match self.heap.get(*chan) {
                    Some(HeapObj::Chan(c)) => c.elem_type().to_string(),
                    _ => String::new(),
                };
                (
                    "send",
                    Some(*chan),
                    Some(self.any_text_elem(value, &elem)),
                    None,
                )
            }
            EventKind::Recv { chan, value, ok } => {
                let elem = match self.heap.get(*chan) {
                    Some(HeapObj::Chan(c)) => c.elem_type().to_string(),
                    _ => String::new(),
                };
                (
                    "recv",
                    Some(*chan),
                    Some(self.any_text_elem(value, &elem)),
                    Some(ok.to_string()),
                )
            }
            EventKind::Close { chan } => ("close", Some(*chan), None, None),
            EventKind::Park { obj, reason } => {
                ("park", *obj, None, Some(reason.as_go_str().to_string()))
            }
            EventKind::Sync { obj, op } => ("sync", Some(*obj), None, Some(op.to_string())),
            EventKind::Sleep { until } => (
                "sleep",
                None,
                Some(crate::format::format_duration(until - self.now())),
                None,
            ),
            EventKind::Exit => ("exit", None, None, None),
        };
        EventView {
            g: e.g,
            line,
            kind: kind.into(),
            object,
            value,
            detail,
        }
    }

    fn ending_view(&self, e: &Ending, index: &LineIndex) -> EndingView {
        let (class, code) = match e {
            Ending::Exit(c) => ("finished", Some(*c)),
            Ending::Panic { .. } => ("panic", Some(2)),
            Ending::Fatal { deadlock: true } => ("deadlock", Some(2)),
            Ending::Fatal { deadlock: false } => ("fatal", Some(2)),
            _ => ("budget", None),
        };
        let minor = if self.cfg.go_version == crate::GoVersion::Go121 {
            21
        } else {
            27
        };
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
            class: class.into(),
            exit_code: code,
            leaked,
            message,
        }
    }
}
