//! Builds the UI contract (`crate::snapshot`) from the VM: renders values
//! as Go's `%v` text, names objects after the variables that hold them,
//! and maps the runtime's states onto the contract's enums.
//!
//! Owns only reading: building a snapshot never changes what the program
//! does next.

use crate::runtime::syncmap::{EntryP, MapUsage};
use crate::runtime::timers::{TimerKind as RtTimerKind, TimerStatus};
use crate::runtime::Gid;
use crate::snapshot::{
    Budget, EndingView, EventKind, EventView, FrameView, GoroutineGroup, GoroutineStatus,
    GoroutineView, LeakView, LocalView, MapEntryView, MapMemory, ObjectKind, ObjectView,
    OutcomeClass, ResourceSample, RetainedView, SlotView, Snapshot, SnapshotOptions, TimerKind,
    TimerState, TimerView, WaitEdge, WaiterView, MAP_ENTRIES_SHOWN,
};
use crate::syntax::span::{LineIndex, Span};
use crate::types::{TypeId, TypeKind};
use crate::util::fasthash::{HashMap, HashSet};
use crate::vm::events::EventKind as VmEvent;
use crate::vm::fmtconv::ArgLimit;
use crate::vm::goroutine::{GStatus, Goroutine};
use crate::vm::heap::HeapObj;
use crate::vm::machine::{Ending, TimerAction, Vm};
use crate::vm::value::{MapKey, ObjId, Root, Value};

/// Goroutines (by creation) whose variables name objects, besides the
/// described ones.
const NAMING_GOROUTINES: usize = 1_000;

/// Most wakers a wait-for edge lists.
const MAX_WAKERS: usize = 16;

/// A name found for a runtime object (see `Vm::object_names`).
struct FoundName {
    /// Fields and elements walked to reach it (a shorter path wins).
    depth: u32,
    name: String,
    /// The library type keeping it in an unexported field.
    owner: Option<String>,
}

/// What puts goroutines in the same group.
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
struct GroupKey {
    status: GoroutineStatus,
    reason: Option<crate::runtime::WaitReason>,
    line: Option<u32>,
    created_line: Option<u32>,
    waiting_on: Option<ObjId>,
}

/// Some entries of a sync.Map as the VM keeps them: (key, Go key and value).
type MapEntries = Vec<(MapKey, EntryP<(Value, Value)>)>;

/// What a sync.Map view is built from, read before rendering (which needs
/// the VM mutably).
struct MapParts {
    read: MapEntries,
    dirty: Option<MapEntries>,
    read_len: usize,
    dirty_len: usize,
    misses: usize,
    amended: bool,
    usage: MapUsage,
}

/// A step of the path from a variable to an object: a field, an element,
/// or a context's `Done()` channel.
enum Seg<'a> {
    Field(&'a str),
    Index(usize),
    Done,
}

/// The owner a UI names for an object a library type keeps privately:
/// the type, or for a context's implementation its package.
fn library_owner(type_name: &str) -> String {
    match type_name.split_once('.') {
        Some(("context", _)) => "context.Context".to_string(),
        _ => type_name.to_string(),
    }
}

/// Parts of a value a snapshot renders (elements, fields, entries, at
/// any depth); the rest shows as `...`.
pub const VALUE_TEXT_PARTS: usize = 64;
/// Bytes of a value's text a snapshot keeps.
pub const VALUE_TEXT_BYTES: usize = 1024;

impl Vm {
    /// The size of this state in objects (goroutines, their frames, heap
    /// objects, timers), plus one: roughly what a copy of it costs.
    /// Frames count because the first step after a copy copies the running
    /// goroutine's whole stack: a deep recursion must thin the copies out.
    pub fn object_count(&self) -> u64 {
        let frames: usize = self.gs.iter().map(|g| g.frames.len()).sum();
        (self.gs.len() + frames + self.heap.objs().len() + self.timers.iter().count() + 1) as u64
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
        for o in self.heap.objs().iter() {
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
        let saved = std::mem::replace(&mut self.fmt_plain, true);
        let mut limit = ArgLimit::Parts(VALUE_TEXT_PARTS);
        let arg = self
            .to_arg_limited(v, t, 0, false, &mut limit)
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

    /// A value as `%v` prints it, long ones elided for a one-line view:
    /// an array of more than four elements shows its type and first two
    /// (`[1000]int{7, 0, …}`), other text is cut at 48 characters.
    pub fn brief_text(&mut self, v: &Value, t: TypeId) -> String {
        if let Value::Iface(iv) = v {
            let (dt, inner) = (iv.0, iv.1.clone());
            return self.brief_text(&inner, dt);
        }
        if let (TypeKind::Array(n, elem), Value::Seq(items)) = (self.prog.types.ukind(t), v) {
            if *n > 4 && items.len() >= 2 {
                let (elem, items) = (*elem, items.clone());
                let first = self.brief_text(&items[0], elem);
                let second = self.brief_text(&items[1], elem);
                return format!("{}{{{first}, {second}, …}}", self.prog.types.name(t));
            }
        }
        let text = self.value_text(v, t);
        if text.chars().count() <= 48 {
            return text;
        }
        let mut cut: String = text.chars().take(47).collect();
        cut.push('…');
        cut
    }

    /// Names for runtime objects, found through the variables that hold
    /// them, with the program's field names (`ch`, `mu`, `s.mu`, `t.C`,
    /// `ctx.Done()`). A shorter path wins; at equal length, globals, then
    /// main's variables, then other goroutines' by id. Objects a library
    /// type keeps in an unexported field are named after the variable and
    /// the field (`once.m`) and marked with their owner (`sync.Once`).
    /// Only the first `NAMING_GOROUTINES` goroutines and those in `also`
    /// are searched: with 100,000 goroutines, what their variables hold is
    /// named by the first of them or not drawn at all.
    fn object_names(&self, also: &HashSet<Gid>) -> HashMap<ObjId, FoundName> {
        let mut names = HashMap::default();
        for (i, g) in self.prog.globals.iter().enumerate() {
            if let Some(short) = g.name.strip_prefix("main.") {
                if let Some(v) = self.globals.get(i) {
                    let v = match self.is_cell_global(i as u32) {
                        true => self.load_ptr(v).unwrap_or(Value::Nil),
                        false => v.clone(),
                    };
                    self.name_walk(&v, g.ty, short, &mut Vec::new(), None, &mut names, 0);
                }
            }
        }
        // gs is in creation order: main first, then by id.
        for (i, g) in self.gs.iter().enumerate() {
            if i >= NAMING_GOROUTINES && !also.contains(&g.id) {
                continue;
            }
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
                        self.name_walk(&v, l.ty, &l.name, &mut Vec::new(), None, &mut names, 0);
                    }
                }
            }
        }
        for (id, name, owner) in &self.main_names {
            names.entry(*id).or_insert_with(|| FoundName {
                depth: u32::MAX,
                name: name.clone(),
                owner: owner.clone(),
            });
        }
        names
    }

    /// Keeps the names main's variables (in the frame of `fid` at `base`)
    /// give objects, as main returns.
    pub(super) fn remember_main_names(&mut self, g: &Goroutine, fid: u32, base: u32) {
        let mut names = HashMap::default();
        let code = &self.prog.funcs[fid as usize];
        for l in &code.locals {
            if let Some(v) = g.locals.get(base as usize + l.slot as usize) {
                let v = if l.boxed {
                    self.load_ptr(v).unwrap_or(Value::Nil)
                } else {
                    v.clone()
                };
                self.name_walk(&v, l.ty, &l.name, &mut Vec::new(), None, &mut names, 0);
            }
        }
        let mut kept: Vec<(ObjId, String, Option<String>)> = names
            .into_iter()
            .map(|(id, f)| (id, f.name, f.owner))
            .collect();
        crate::util::order::sort_by_key(&mut kept, |k| k.0);
        self.main_names = kept;
    }

    /// Walks `v` (of type `t`), reached from variable `base` through
    /// `path`, naming the runtime objects it holds. A name is spelled out
    /// only when it is kept, so walking 100,000 goroutines' variables that
    /// all hold the same WaitGroup costs no string per goroutine.
    #[allow(clippy::too_many_arguments)]
    fn name_walk<'p>(
        &'p self,
        v: &Value,
        t: TypeId,
        base: &str,
        path: &mut Vec<Seg<'p>>,
        owner: Option<&'p str>,
        out: &mut HashMap<ObjId, FoundName>,
        depth: u32,
    ) {
        if depth > 4 {
            return;
        }
        let types = &self.prog.types;
        match v {
            Value::Chan(id) | Value::Handle(id) if out.get(id).is_none_or(|f| f.depth > depth) => {
                let mut name = base.to_string();
                for seg in path.iter() {
                    match seg {
                        Seg::Field(f) => {
                            name.push('.');
                            name.push_str(f);
                        }
                        Seg::Index(i) => {
                            name.push('[');
                            name.push_str(&i.to_string());
                            name.push(']');
                        }
                        Seg::Done => name.push_str(".Done()"),
                    }
                }
                out.insert(
                    *id,
                    FoundName {
                        depth,
                        name,
                        owner: owner.map(library_owner),
                    },
                );
            }
            Value::Seq(items) => match types.ukind(t) {
                TypeKind::Struct(fields) => {
                    let qualified = types.named_info(t).map(|n| n.qualified.as_str());
                    let library = qualified.is_some_and(|q| !q.starts_with("main."));
                    for (field, x) in fields.iter().zip(items.iter()) {
                        let exported = field.name.starts_with(|c: char| c.is_ascii_uppercase());
                        let (seg, o) = if !library || exported {
                            (Some(Seg::Field(&field.name)), owner)
                        } else if types
                            .named_info(field.ty)
                            .is_some_and(|n| n.qualified == "sync.handle")
                        {
                            // The runtime object the library value is (a
                            // Mutex's state, a Cond's notify list).
                            (None, owner)
                        } else if field.name == "done" && qualified == Some("context.cancelCtx") {
                            (Some(Seg::Done), owner)
                        } else {
                            (Some(Seg::Field(&field.name)), owner.or(qualified))
                        };
                        let pushed = seg.is_some();
                        path.extend(seg);
                        self.name_walk(x, field.ty, base, path, o, out, depth + 1);
                        if pushed {
                            path.pop();
                        }
                    }
                }
                TypeKind::Array(_, elem) if items.len() <= 16 => {
                    for (i, x) in items.iter().enumerate() {
                        path.push(Seg::Index(i));
                        self.name_walk(x, *elem, base, path, owner, out, depth + 1);
                        path.pop();
                    }
                }
                _ => {}
            },
            Value::Slice(s) if s.len <= 16 => {
                let TypeKind::Slice(elem) = types.ukind(t) else {
                    return;
                };
                {
                    let items = self.heap.array(s.arr);
                    let from = s.off as usize;
                    for i in 0..s.len as usize {
                        if let Some(x) = items.get(from + i) {
                            path.push(Seg::Index(i));
                            self.name_walk(x, *elem, base, path, owner, out, depth + 1);
                            path.pop();
                        }
                    }
                }
            }
            Value::Ptr(p) if matches!(p.root, Root::Cell(_)) => {
                let TypeKind::Pointer(elem) = types.ukind(t) else {
                    return;
                };
                if let Ok(x) = self.heap.load(p, &self.globals) {
                    self.name_walk(&x, *elem, base, path, owner, out, depth + 1);
                }
            }
            Value::Iface(iv) => self.name_walk(&iv.1, iv.0, base, path, owner, out, depth + 1),
            _ => {}
        }
    }

    /// Where goroutine `g` is: (user-code line, its statement's span).
    fn position_of(&self, g: &Goroutine, index: &LineIndex) -> (Option<u32>, Option<Span>) {
        for f in g.frames.iter().rev() {
            let code = &self.prog.funcs[f.fid as usize];
            if code.library || code.name == "runtime.main" {
                continue;
            }
            let s = code.spans.get(f.pc as usize).copied().unwrap_or(code.span);
            return (Some(index.line(s.lo)), Some(s));
        }
        (None, None)
    }

    /// The snapshot after a step whose events start at `events_from`,
    /// detailed as `opts` asks.
    pub fn snapshot(&mut self, events_from: usize, opts: &SnapshotOptions) -> Snapshot {
        let prog = self.prog.clone();
        let index = LineIndex::new(&prog.source);
        let minor = u32::from(self.cfg.go_version.minor());
        let raw_events = self.events.get(events_from..).unwrap_or(&[]).to_vec();
        let events: Vec<EventView> = raw_events
            .iter()
            .map(|e| self.event_view(e, &index))
            .collect();
        let point = self.point();

        // Every goroutine is grouped; a bounded set is described in full.
        let mut detail: HashSet<Gid> = HashSet::default();
        detail.extend(self.gs.iter().take(opts.detailed).map(|g| g.id));
        detail.extend(opts.focus.iter().copied());
        detail.extend(self.current);
        detail.extend(events.iter().map(|e| e.g));
        for e in &events {
            match e.kind {
                EventKind::Go { child } => {
                    detail.insert(child);
                }
                EventKind::TimerFired {
                    sleeper: Some(g), ..
                } => {
                    detail.insert(g);
                }
                _ => {}
            }
        }
        detail.extend(point.runnable().into_iter().take(16));
        let found = self.object_names(&detail);
        let names: HashMap<ObjId, String> =
            found.iter().map(|(id, f)| (*id, f.name.clone())).collect();
        let mut groups: Vec<GoroutineGroup> = Vec::new();
        let mut group_of: HashMap<GroupKey, usize> = HashMap::default();
        let mut live_goroutines = 0;
        let mut detailed = Vec::new();
        for (i, g) in self.gs.iter().enumerate() {
            // Go's words are written out once per group, not per goroutine.
            let (status, reason) = match &g.status {
                GStatus::Running => (GoroutineStatus::Running, None),
                GStatus::Runnable => (GoroutineStatus::Runnable, None),
                GStatus::Waiting(r) => (GoroutineStatus::Waiting, Some(*r)),
                GStatus::Dead => (GoroutineStatus::Dead, None),
            };
            let words = |r: Option<crate::runtime::WaitReason>| {
                r.map(|r| r.as_go_str_for(minor).to_string())
            };
            let status = if Some(g.id) == self.current && status != GoroutineStatus::Dead {
                GoroutineStatus::Running
            } else {
                status
            };
            if status != GoroutineStatus::Dead {
                live_goroutines += 1;
            }
            let (line, span) = self.position_of(g, &index);
            let created_line = g.created_at.map(|s| index.line(s.lo));
            let key = GroupKey {
                status,
                reason,
                line,
                created_line,
                waiting_on: g.waiting_on,
            };
            match group_of.get(&key) {
                Some(&k) => groups[k].ids.push(g.id),
                None => {
                    group_of.insert(key, groups.len());
                    groups.push(GoroutineGroup {
                        status,
                        wait_reason: words(reason),
                        line,
                        created_line,
                        waiting_on: g.waiting_on,
                        ids: vec![g.id],
                    });
                }
            }
            if detail.contains(&g.id) {
                detailed.push((i, status, words(reason), line, span, created_line));
            }
        }
        let mut goroutines = Vec::with_capacity(detailed.len());
        for (i, status, wait_reason, line, span, created_line) in detailed {
            let frames = self.frame_views(i);
            let g = &self.gs[i];
            goroutines.push(GoroutineView {
                id: g.id,
                status,
                wait_reason,
                created_line,
                created_by: g.created_by,
                line,
                span,
                frames,
                waiting_on: g.waiting_on,
            });
        }
        for group in &mut groups {
            crate::util::order::sort(&mut group.ids);
        }
        crate::util::order::sort_by_key(&mut groups, |g| g.ids.first().copied().unwrap_or(0));

        // Objects: the first ones by id, plus those this step or a
        // described goroutine is about.
        let mut wanted: HashSet<ObjId> = HashSet::default();
        wanted.extend(events.iter().filter_map(EventView::object));
        wanted.extend(goroutines.iter().filter_map(|g| g.waiting_on));
        let (mut objects, object_count) = self.object_views(&found, &wanted, opts.objects);
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
        let ending = self
            .ending
            .clone()
            .map(|e| self.ending_view(&e, &index, &names));
        let described: Vec<Gid> = goroutines.iter().map(|g| g.id).collect();
        Snapshot {
            now_ns: self.now(),
            instructions: self.steps,
            current: self.current,
            goroutines,
            groups,
            live_goroutines,
            objects,
            object_count,
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
            wait_for: if opts.wait_for {
                self.wait_for(&names, &described)
            } else {
                Vec::new()
            },
            net: crate::snapshot::NetView {
                sockets: self.netpoll.sockets.clone(),
                pollers: self.netpoll.pds.clone(),
                interest: self.netpoll.interest.clone(),
                ready: self.netpoll.ready.clone(),
                polls: self.netpoll.calls.clone(),
            },
        }
    }

    /// The stack of the goroutine at `self.gs[i]`, innermost first, with
    /// the locals of its user frames.
    fn frame_views(&mut self, i: usize) -> Vec<FrameView> {
        let prog = self.prog.clone();
        let mut frames = Vec::new();
        let mut locals_of: Vec<Vec<(String, TypeId, Value)>> = Vec::new();
        {
            let g = &self.gs[i];
            let index = LineIndex::new(&prog.source);
            for f in g.frames.iter().rev() {
                let code = &prog.funcs[f.fid as usize];
                if code.name == "runtime.main" {
                    continue;
                }
                let s = code.spans.get(f.pc as usize).copied().unwrap_or(code.span);
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
                        locals.push((li.name.clone(), li.ty, v));
                    }
                }
                locals_of.push(locals);
                frames.push(FrameView {
                    func: code.name.clone(),
                    line: if code.library {
                        None
                    } else {
                        Some(index.line(s.lo))
                    },
                    library: code.library,
                    locals: Vec::new(),
                });
            }
        }
        for (frame, locals) in frames.iter_mut().zip(locals_of) {
            for (name, ty, v) in locals {
                let nil_channel = matches!(
                    prog.types.kind(prog.types.underlying(ty)),
                    TypeKind::Chan(..)
                ) && v.is_nil();
                frame.locals.push(LocalView {
                    name,
                    ty: prog.types.name(ty),
                    value: self.value_text(&v, ty),
                    nil_channel,
                });
            }
        }
        frames
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
                if seen.insert(name.to_string()) {
                    // Ids count down from the top so they never collide with heap objects.
                    let id = ObjId::MAX - out.len() as ObjId;
                    out.push(ObjectView {
                        id,
                        name: Some(name.to_string()),
                        owner: None,
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
            if out.len() >= 64 {
                break;
            }
        }
        out
    }

    /// The objects a goroutine can reach from its stack (channels and
    /// library handles), a few pointers deep.
    fn reach_walk(&self, v: &Value, out: &mut Vec<ObjId>, depth: u32) {
        if depth > 4 {
            return;
        }
        match v {
            Value::Chan(id) | Value::Handle(id) => out.push(*id),
            Value::Seq(items) if items.len() <= 16 => {
                for x in items.iter() {
                    self.reach_walk(x, out, depth + 1);
                }
            }
            Value::Ptr(p) if matches!(p.root, Root::Cell(_)) => {
                if let Ok(x) = self.heap.load(p, &self.globals) {
                    self.reach_walk(&x, out, depth + 1);
                }
            }
            Value::Iface(iv) => self.reach_walk(&iv.1, out, depth + 1),
            _ => {}
        }
    }

    /// The wait-for graph's edges of the goroutines `of` that wait, with
    /// at most `MAX_WAKERS` wakers each (the first by id).
    pub fn wait_for(&self, names: &HashMap<ObjId, String>, of: &[Gid]) -> Vec<WaitEdge> {
        let of: HashSet<Gid> = of.iter().copied().collect();
        // Which objects the waiting goroutines of interest wait on.
        let mut watched: HashSet<ObjId> = HashSet::default();
        for g in self.gs.iter().filter(|g| of.contains(&g.id)) {
            if let GStatus::Waiting(_) = g.status {
                watched.extend(g.waiting_on);
                watched.extend(g.select_chans.iter().copied());
            }
        }
        // Who can reach each watched object, by id (bounded per object).
        let mut reachers: HashMap<ObjId, Vec<Gid>> = HashMap::default();
        if !watched.is_empty() {
            let mut reach = Vec::new();
            for g in self.gs.iter().filter(|g| g.status != GStatus::Dead) {
                reach.clear();
                for v in g.locals.iter().chain(g.stack.iter()) {
                    self.reach_walk(v, &mut reach, 0);
                }
                for o in &reach {
                    if watched.contains(o) {
                        let list = reachers.entry(*o).or_default();
                        if list.last() != Some(&g.id) && list.len() <= MAX_WAKERS {
                            list.push(g.id);
                        }
                    }
                }
            }
        }
        let mut edges = Vec::new();
        for g in self.gs.iter().filter(|g| of.contains(&g.id)) {
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
                if let Some(list) = reachers.get(o) {
                    wakers.extend(list.iter().copied().filter(|x| *x != g.id));
                }
            }
            crate::util::order::sort(&mut wakers);
            wakers.dedup();
            wakers.truncate(MAX_WAKERS);
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

    /// The channels and sync objects a UI draws: the first `limit` by id
    /// (timer channels only when named), plus those in `wanted`; and how
    /// many there are in all.
    fn object_views(
        &mut self,
        found: &HashMap<ObjId, FoundName>,
        wanted: &HashSet<ObjId>,
        limit: usize,
    ) -> (Vec<ObjectView>, usize) {
        let mut out = Vec::new();
        let mut count = 0;
        let ids: Vec<ObjId> = self.heap.runtime_object_ids().collect();
        for id in ids {
            let found_name = found.get(&id);
            let name = found_name.map(|f| f.name.clone());
            let owner = found_name.and_then(|f| f.owner.clone());
            let Some(obj) = self.heap.objs().get(id as usize) else {
                continue;
            };
            let kind = match obj {
                HeapObj::Chan(c) => {
                    // Timer channels nobody names are noise (case 16 makes thousands).
                    if self.timer_chans.contains_key(&id) && name.is_none() {
                        continue;
                    }
                    count += 1;
                    if count > limit && !wanted.contains(&id) {
                        continue;
                    }
                    let s = c.snapshot();
                    self.chan_view(id, s)
                }
                HeapObj::Mutex(m) => {
                    let s = m.snapshot();
                    ObjectKind::Mutex {
                        locked: s.state.locked,
                        holder: s.holder,
                        waiters: s.waiters,
                        starving: s.state.starving,
                    }
                }
                HeapObj::RWMutex(m) => {
                    let s = m.snapshot();
                    ObjectKind::RWMutex {
                        writer: s.writer,
                        readers: s.readers,
                        reader_count: s.reader_count,
                        reader_wait: s.reader_wait,
                        queued_readers: s.queued_readers,
                        queued_writers: s.queued_writers,
                    }
                }
                HeapObj::WaitGroup(w) => {
                    let s = w.snapshot();
                    ObjectKind::WaitGroup {
                        counter: s.counter,
                        waiters: s.waiters,
                    }
                }
                HeapObj::NotifyList(l) => {
                    let s = l.snapshot();
                    ObjectKind::Cond {
                        wait_ticket: s.wait,
                        notify_ticket: s.notify,
                        waiters: s.waiters,
                    }
                }
                HeapObj::SyncMap(m) => {
                    count += 1;
                    if count > limit && !wanted.contains(&id) {
                        continue;
                    }
                    let parts = MapParts {
                        read: m.read_entries_first(MAP_ENTRIES_SHOWN),
                        dirty: m.dirty_entries_first(MAP_ENTRIES_SHOWN),
                        read_len: m.read_len(),
                        dirty_len: m.dirty_len(),
                        misses: m.misses(),
                        amended: m.amended(),
                        usage: m.usage(),
                    };
                    self.sync_map_view(parts)
                }
                _ => continue,
            };
            if !matches!(
                kind,
                ObjectKind::Channel { .. } | ObjectKind::SyncMap { .. }
            ) {
                count += 1;
                if count > limit && !wanted.contains(&id) {
                    continue;
                }
            }
            out.push(ObjectView {
                id,
                name,
                owner,
                kind,
            });
        }
        (out, count)
    }

    fn chan_view(&mut self, id: ObjId, s: crate::runtime::chan::ChanSnapshot<Value>) -> ObjectKind {
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
        ObjectKind::Channel {
            elem_type: s.elem_type.clone(),
            cap: s.dataqsiz,
            len: s.qcount,
            sendx: s.sendx,
            recvx: s.recvx,
            buffer,
            recvq,
            sendq,
            closed: s.closed,
            timer: self.timer_chans.contains_key(&id),
        }
    }

    /// A sync.Map: counts and bytes of both maps, and their first entries.
    fn sync_map_view(&mut self, m: MapParts) -> ObjectKind {
        let usage = m.usage;
        let empty_iface = crate::types::well_known::EMPTY_IFACE;
        let render = |vm: &mut Vm, entries: MapEntries| {
            entries
                .into_iter()
                .take(MAP_ENTRIES_SHOWN)
                .map(|(k, p)| {
                    let (key, value, expunged) = match p {
                        EntryP::Value(kv) => (Some(kv.0), Some(kv.1), false),
                        EntryP::Nil => (k.to_value(), None, false),
                        EntryP::Expunged => (k.to_value(), None, true),
                    };
                    MapEntryView {
                        key: match key {
                            Some(key) => vm.brief_text(&key, empty_iface),
                            None => "…".to_string(),
                        },
                        value: value.map(|v| vm.brief_text(&v, empty_iface)),
                        expunged,
                    }
                })
                .collect::<Vec<_>>()
        };
        let read = render(self, m.read);
        let dirty = m.dirty.map(|d| render(self, d));
        ObjectKind::SyncMap {
            read,
            read_len: m.read_len,
            dirty,
            dirty_len: m.dirty_len,
            misses: m.misses,
            amended: m.amended,
            memory: MapMemory {
                read_bytes: usage.read_bytes,
                dirty_bytes: usage.dirty_bytes,
                held_bytes: usage.held,
                deleted_in_dirty: usage.deleted_in_dirty,
                deleted_in_dirty_bytes: usage.deleted_in_dirty_bytes,
                ops: usage.ops,
                history: usage.samples,
            },
        }
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
            VmEvent::Panic { text } => EventKind::Panic {
                value: text.clone(),
            },
            VmEvent::Recovered { text } => EventKind::Recovered {
                value: text.clone(),
            },
            VmEvent::TimerFired {
                chan,
                sleeper,
                after_func,
            } => EventKind::TimerFired {
                chan: *chan,
                sleeper: *sleeper,
                after_func: *after_func,
            },
            VmEvent::IoWait { fd, write } => EventKind::IoWait {
                fd: *fd,
                write: *write,
            },
            VmEvent::Netpoll { events, readied } => EventKind::Netpoll {
                events: events.clone(),
                readied: readied.clone(),
            },
            VmEvent::Select { case, cases, ready } => EventKind::Select {
                case: *case,
                cases: *cases,
                ready: *ready,
            },
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

    /// The sync.Maps holding deleted keys in `dirty` (Go 1.15's leak):
    /// (map, keys, bytes).
    fn retained_maps(&self) -> Vec<(ObjId, usize, u64)> {
        let mut out = Vec::new();
        for id in self.heap.runtime_object_ids() {
            if let Some(HeapObj::SyncMap(m)) = self.heap.get(id) {
                let u = m.usage();
                if u.deleted_in_dirty > 0 {
                    out.push((id, u.deleted_in_dirty, u.deleted_in_dirty_bytes));
                }
            }
        }
        out
    }

    /// How the run ended, the one classification the snapshot and explore
    /// share: (class, exit status, budget).
    pub fn outcome(&self, e: &Ending) -> (OutcomeClass, Option<i32>, Option<Budget>) {
        match e {
            Ending::Exit(c) if !self.leaked.is_empty() => {
                (OutcomeClass::LeakedGoroutines, Some(*c), None)
            }
            Ending::Exit(c) if !self.retained_maps().is_empty() => {
                (OutcomeClass::MemoryLeak, Some(*c), None)
            }
            Ending::Exit(c) => (OutcomeClass::Finished, Some(*c), None),
            Ending::Panic { .. } => (OutcomeClass::Panic, Some(2), None),
            Ending::Fatal { deadlock: true } => (OutcomeClass::Deadlock, Some(2), None),
            Ending::Fatal { deadlock: false } => (OutcomeClass::FatalError, Some(2), None),
            Ending::IoWait => (OutcomeClass::IoWait, None, None),
            Ending::StepBudget => (OutcomeClass::BudgetExhausted, None, Some(Budget::Steps)),
            Ending::HeapBudget => (OutcomeClass::BudgetExhausted, None, Some(Budget::Memory)),
            Ending::GoroutineBudget => (
                OutcomeClass::BudgetExhausted,
                None,
                Some(Budget::Goroutines),
            ),
            Ending::OutputBudget => (OutcomeClass::BudgetExhausted, None, Some(Budget::Output)),
        }
    }

    fn ending_view(
        &self,
        e: &Ending,
        index: &LineIndex,
        names: &HashMap<ObjId, String>,
    ) -> EndingView {
        let (class, code, budget) = self.outcome(e);
        let retained = if class == OutcomeClass::MemoryLeak {
            self.retained_maps()
                .into_iter()
                .map(|(object, keys, bytes)| RetainedView {
                    object,
                    name: names.get(&object).cloned(),
                    keys,
                    bytes,
                })
                .collect()
        } else {
            Vec::new()
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
                    GStatus::Waiting(r) => Some(r.as_go_str_for(minor).into()),
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
                // The first line only: a crash dump can be a megabyte.
                let first = self.stderr.split(|&b| b == b'\n').next().unwrap_or(&[]);
                String::from_utf8_lossy(first)
                    .trim_end_matches('\r')
                    .to_string()
            }
        };
        EndingView {
            class,
            budget,
            exit_code: code,
            leaked,
            message,
            retained,
        }
    }
}
