//! The VM heap: cells, slice backing arrays, maps and runtime objects.
//!
//! Owns allocation, the memory budget ([`Memory`], in bytes, with the sizes
//! of [`cost`]) and reading/writing through pointers. It does not decide
//! what is garbage: the collector (`vm::gc`) does, and hands back the ids
//! of the objects it freed ([`Heap::release`]), which later allocations
//! reuse, lowest first, so the table stays as large as the live data.
//!
//! The budget is the one place that knows how much a program has made the
//! simulator allocate. Every allocation a program causes (heap objects,
//! strings, array and struct copies, map entries, goroutines, interface and
//! pointer boxes) is charged once, where it is created, before the memory is
//! taken, so a runaway program ends with the memory verdict instead of
//! exhausting the tab. Between collections garbage stays charged; each
//! collection replaces `used` with the live bytes it found
//! ([`Memory::set_live`]), measured with the same [`cost`] sizes, so the
//! limit bounds live data, as Go's does.

use std::rc::Rc;

use crate::runtime::chan::Chan;
use crate::runtime::cond::NotifyList;
use crate::runtime::mutex::Mutex;
use crate::runtime::rwmutex::RWMutex;
use crate::runtime::syncmap::SyncMap;
use crate::runtime::waitgroup::WaitGroup;
use crate::util::sorted::SortedMap;
use crate::vm::objtable::ObjTable;
use crate::vm::value::{MapKey, ObjId, Pointer, Root, Value};

#[derive(Clone, Debug, Hash)]
pub enum HeapObj {
    Cell(Value),
    /// A slice's backing array. Shared, copied on the first write after a
    /// copy of the heap (`Rc::make_mut`): the session's checkpoints and
    /// the explorer's states copy the heap often, and most arrays are not
    /// written between two copies.
    Array(Rc<Vec<Value>>),
    Map(SortedMap<MapKey, (Value, Value)>),
    Chan(Box<Chan<Value>>),
    Mutex(Box<Mutex>),
    RWMutex(Box<RWMutex>),
    WaitGroup(Box<WaitGroup>),
    NotifyList(Box<NotifyList>),
    SyncMap(Box<SyncMap<MapKey, (Value, Value)>>),
    /// The elements of an array stored inside another value (a struct
    /// field, an element of an array or of a slice), seen as a slice's
    /// backing array: what slicing such an array makes. Every access goes
    /// through the place (kept in [`Heap::canonical`] form), so the slice
    /// and the array share elements as in Go, and a later copy of the
    /// enclosing value is still a copy.
    View(Pointer),
}

impl HeapObj {
    /// A channel, lock, WaitGroup, Cond or sync.Map: an object a snapshot
    /// draws, as opposed to program data.
    fn is_runtime_object(&self) -> bool {
        !matches!(
            self,
            HeapObj::Cell(_) | HeapObj::Array(_) | HeapObj::Map(_) | HeapObj::View(_)
        )
    }
}

/// The objects written or made while a collection marks: a set of ids
/// (a bitmap, so a loop writing one array a million times adds it once)
/// in the order first met.
#[derive(Clone, Debug, Default)]
struct Written {
    seen: Vec<bool>,
    ids: Vec<ObjId>,
}

impl Written {
    fn add(&mut self, id: ObjId) {
        let i = id as usize;
        if i >= self.seen.len() {
            self.seen.resize(i + 1, false);
        }
        if !self.seen[i] {
            self.seen[i] = true;
            self.ids.push(id);
        }
    }
}

/// Why a heap access failed, as the Go panic it becomes.
#[derive(Clone, Debug, PartialEq)]
pub enum HeapError {
    NilDeref,
    /// Index out of range `[i]` with length n.
    Index(i64, i64),
    /// The allocation budget is spent.
    OutOfMemory,
}

/// The sizes the memory budget charges, in bytes: what gosim's own
/// structures take on a 64-bit host. They are constants, not `size_of`, so a
/// program hits the limit at the same step natively and in wasm32.
pub mod cost {
    /// One value slot (an array element, a struct field, a local).
    pub const SLOT: u64 = 24;
    /// The header of a shared allocation (`Rc`'s two counters).
    pub const RC: u64 = 16;
    /// A vector's header (pointer, length, capacity).
    pub const VEC: u64 = 24;
    /// A heap object's entry in the heap table, beyond its contents.
    pub const OBJECT: u64 = 48;
    /// A box holding one value: an interface's (type, value) pair, a
    /// pointer, a closure or a method value (contents beyond one slot are
    /// charged on top).
    pub const BOX: u64 = RC + SLOT + 8;
    /// A map entry: its key, the key and value slots, the chunk's share.
    pub const MAP_ENTRY: u64 = 32 + 2 * SLOT;
    /// A goroutine with its first frame and empty stacks.
    pub const GOROUTINE: u64 = 512;
    /// A call frame (without its locals, which are slots).
    pub const FRAME: u64 = 80;
    /// A timer in the timer heap.
    pub const TIMER: u64 = 96;

    /// A string of `len` bytes.
    pub fn string(len: usize) -> u64 {
        RC + len as u64
    }

    /// An array or struct value of `n` slots.
    pub fn seq(n: usize) -> u64 {
        RC + VEC + n as u64 * SLOT
    }

    /// A heap array (a slice's backing array) of `n` slots.
    pub fn array(n: usize) -> u64 {
        OBJECT + n as u64 * SLOT
    }
}

/// The memory budget (see the module docs): bytes charged so far, and the
/// limit.
#[derive(Clone, Debug, Default)]
pub struct Memory {
    used: u64,
    limit: u64,
    /// Bytes charged since the machine last turned them into steps: making
    /// memory is work in proportion to its size.
    unbilled: u64,
    /// `used` at which the next collection runs (Go's heap goal).
    next_gc: u64,
    /// The most one instruction may allocate (`RunConfig::bounded_ops`).
    op_limit: u64,
}

/// The least heap goal: below it a program never collects (Go's 4 MB
/// minimum heap), so small programs run exactly as without a collector.
pub const MIN_HEAP_GOAL: u64 = 4 << 20;

impl Memory {
    pub fn new(limit: u64) -> Memory {
        Memory {
            used: 0,
            limit,
            unbilled: 0,
            next_gc: MIN_HEAP_GOAL,
            op_limit: u64::MAX,
        }
    }

    /// Limits what one instruction may allocate (what is charged between
    /// two [`Memory::take_unbilled`]s).
    pub fn limit_each_op(&mut self, bytes: u64) {
        self.op_limit = bytes;
    }

    /// The bytes charged since the last call, for the step budget.
    pub fn take_unbilled(&mut self) -> u64 {
        std::mem::take(&mut self.unbilled)
    }

    /// Charges `bytes` about to be allocated; fails, charging nothing, when
    /// they would exceed the limit. Call it before allocating, with the size
    /// from [`cost`].
    pub fn charge(&mut self, bytes: u64) -> Result<(), HeapError> {
        let used = self.used.saturating_add(bytes);
        if used > self.limit || self.unbilled.saturating_add(bytes) > self.op_limit {
            return Err(HeapError::OutOfMemory);
        }
        self.used = used;
        self.unbilled = self.unbilled.saturating_add(bytes);
        Ok(())
    }

    /// Charges stack growth: memory like any other, but not work, since
    /// the calls that grow the stack are already counted as steps (and
    /// billing them twice would end a deep recursion on the step budget
    /// before it reached the stack limit).
    pub fn charge_stack(&mut self, bytes: u64) -> Result<(), HeapError> {
        self.charge(bytes)?;
        self.unbilled = self.unbilled.saturating_sub(bytes);
        Ok(())
    }

    /// Whether `bytes` more would still fit, without charging them: for
    /// work whose result is charged once its exact size is known.
    pub fn check(&self, bytes: u64) -> Result<(), HeapError> {
        if self.used.saturating_add(bytes) > self.limit
            || self.unbilled.saturating_add(bytes) > self.op_limit
        {
            return Err(HeapError::OutOfMemory);
        }
        Ok(())
    }

    /// Bytes charged so far.
    pub fn used(&self) -> u64 {
        self.used
    }

    /// The limit, in bytes.
    pub fn limit(&self) -> u64 {
        self.limit
    }

    /// Bytes left before the limit (or before the instruction's own).
    pub fn room(&self) -> u64 {
        self.limit
            .saturating_sub(self.used)
            .min(self.op_limit.saturating_sub(self.unbilled))
    }

    /// Whether the bytes charged reached the heap goal: time to collect.
    pub fn wants_collection(&self) -> bool {
        self.used >= self.next_gc
    }

    /// For the collector: the bytes still live after a sweep replace what
    /// was charged, and the next goal is twice them (GOGC=100), at least
    /// [`MIN_HEAP_GOAL`]. Near the limit the goal is halfway to it, so a
    /// program whose live data nearly fills the budget still collects
    /// before it fails.
    pub fn set_live(&mut self, live: u64) {
        self.used = live;
        let goal = live.saturating_mul(2).max(MIN_HEAP_GOAL);
        let halfway = live + self.limit.saturating_sub(live) / 2;
        self.next_gc = goal.min(halfway.max(live + 1));
    }
}

#[derive(Clone, Debug, Default)]
pub struct Heap {
    /// Objects by id; a freed slot holds `Cell(Nil)` until reused. Private,
    /// so that every write goes through a method that tells the barrier.
    objs: ObjTable,
    /// Freed ids, highest first (the next allocation takes the lowest).
    free: Vec<ObjId>,
    /// The ids of the runtime objects (channels, locks, WaitGroups, Conds,
    /// sync.Maps), in order: what a snapshot draws, found without walking
    /// every array and cell of the heap.
    runtime_objs: Vec<ObjId>,
    /// The collector's write barrier: while a collection is marking, the
    /// objects written or made since it began (see `vm::gc`).
    barrier: Option<Written>,
    /// The memory budget, which every allocation of the program goes through.
    pub mem: Memory,
}

impl Heap {
    pub fn new(max_bytes: u64) -> Heap {
        Heap {
            objs: ObjTable::default(),
            free: Vec::new(),
            runtime_objs: Vec::new(),
            barrier: None,
            mem: Memory::new(max_bytes),
        }
    }

    /// Adds a heap object, charging its size.
    pub fn alloc(&mut self, obj: HeapObj) -> Result<ObjId, HeapError> {
        let size = match &obj {
            HeapObj::Array(v) => cost::array(v.len()),
            HeapObj::Cell(_) => cost::OBJECT + cost::SLOT,
            _ => cost::OBJECT + 64,
        };
        self.mem.charge(size)?;
        Ok(self.place(obj))
    }

    /// Puts `obj` in a freed slot, or a new one.
    fn place(&mut self, obj: HeapObj) -> ObjId {
        let runtime = obj.is_runtime_object();
        let id = self.place_data(obj);
        if runtime {
            // Ids mostly grow, so this is a push; a reused id is inserted.
            match self.runtime_objs.last() {
                Some(&last) if last > id => {
                    let at = self.runtime_objs.partition_point(|&x| x < id);
                    self.runtime_objs.insert(at, id);
                }
                _ => self.runtime_objs.push(id),
            }
        }
        self.note_write(id);
        id
    }

    /// Every object, by id (freed slots hold `Cell(Nil)`).
    pub fn objs(&self) -> &ObjTable {
        &self.objs
    }

    /// Tells the barrier, if a collection is marking, that object `id` is
    /// about to be written (or was just made).
    #[inline]
    fn note_write(&mut self, id: ObjId) {
        if let Some(b) = &mut self.barrier {
            b.add(id);
        }
    }

    /// For the collector: from now on, remember every object written or
    /// made.
    pub fn start_barrier(&mut self) {
        self.barrier = Some(Written::default());
    }

    /// For the collector: stops remembering, and returns the objects
    /// written or made since `start_barrier`.
    pub fn end_barrier(&mut self) -> Vec<ObjId> {
        self.barrier.take().map(|b| b.ids).unwrap_or_default()
    }

    /// The runtime objects' ids, in order (see `runtime_objs`).
    pub fn runtime_object_ids(&self) -> impl Iterator<Item = ObjId> + '_ {
        self.runtime_objs.iter().copied()
    }

    fn place_data(&mut self, obj: HeapObj) -> ObjId {
        match self.free.pop() {
            Some(id) => {
                self.objs.set(id as usize, obj);
                id
            }
            None => {
                self.objs.push(obj);
                self.objs.len() as ObjId - 1
            }
        }
    }

    /// For the collector: frees every object not in `live` (indexed by
    /// id); their ids become free for reuse.
    pub fn release(&mut self, live: &[bool]) {
        let is_live = |id: usize| live.get(id).copied().unwrap_or(false);
        // Trailing dead slots are given back rather than kept.
        let mut len = self.objs.len();
        while len > 0 && !is_live(len - 1) {
            len -= 1;
        }
        self.objs.truncate(len);
        self.runtime_objs
            .retain(|&id| (id as usize) < len && is_live(id as usize));
        self.free.clear();
        for id in (0..len).rev() {
            if !is_live(id) {
                if !matches!(self.objs.get(id), Some(HeapObj::Cell(Value::Nil))) {
                    self.objs.set(id, HeapObj::Cell(Value::Nil));
                }
                self.free.push(id as ObjId);
            }
        }
    }

    /// A new backing array of `n` copies of `fill`, charged before it is
    /// built.
    pub fn alloc_array(&mut self, n: usize, fill: Value) -> Result<ObjId, HeapError> {
        self.mem.charge(cost::array(n))?;
        Ok(self.place(HeapObj::Array(Rc::new(vec![fill; n]))))
    }

    /// Charges `bytes` to the memory budget.
    pub fn charge(&mut self, bytes: u64) -> Result<(), HeapError> {
        self.mem.charge(bytes)
    }

    pub fn get(&self, id: ObjId) -> Option<&HeapObj> {
        self.objs.get(id as usize)
    }

    pub fn get_mut(&mut self, id: ObjId) -> Option<&mut HeapObj> {
        self.note_write(id);
        self.objs.get_mut(id as usize)
    }

    /// The elements of a slice's backing array (a view's are those of the
    /// array at its place).
    pub fn array(&self, id: ObjId) -> &[Value] {
        match self.objs.get(id as usize) {
            Some(HeapObj::Array(v)) => v,
            Some(HeapObj::View(place)) => match self.value_ref(place, &[]) {
                Ok(Value::Seq(items)) => items,
                _ => &[],
            },
            _ => &[],
        }
    }

    /// The elements of a slice's backing array, for writing. A view's array
    /// is copied first if its value is shared (copy on write, charged; past
    /// the budget the copy is still made, so no write is lost, and the next
    /// allocation stops the program).
    pub fn array_mut(&mut self, id: ObjId) -> Option<&mut Vec<Value>> {
        let place = match self.objs.get(id as usize) {
            Some(HeapObj::View(place)) => place.clone(),
            _ => {
                self.note_write(id);
                return match self.objs.get_mut(id as usize) {
                    Some(HeapObj::Array(v)) => Some(Rc::make_mut(v)),
                    _ => None,
                };
            }
        };
        if let Ok(Value::Seq(items)) = self.value_ref(&place, &[]) {
            if std::rc::Rc::strong_count(items) > 1 {
                let bytes = cost::seq(items.len());
                let _ = self.mem.charge(bytes);
            }
        }
        match self.place_mut(&place, &mut []) {
            Ok(Value::Seq(items)) => Some(std::rc::Rc::make_mut(items)),
            _ => None,
        }
    }

    /// `p` in the form every access uses: an element of a window, of a
    /// view or of a promoted cell becomes `Elem` of the array that holds
    /// it (a view's place followed by the index), so two pointers to one
    /// element are equal whichever way they were made. `None` when `p` is
    /// in that form already (the common case, which allocates nothing).
    #[inline]
    pub fn canonical(&self, p: &Pointer) -> Option<Pointer> {
        let needs = match p.root {
            Root::Global(_) => false,
            Root::Cell(id) => {
                !p.path.is_empty() && matches!(self.objs.get(id as usize), Some(HeapObj::Array(_)))
            }
            Root::Elem(id, _) => matches!(self.objs.get(id as usize), Some(HeapObj::View(_))),
            Root::Window(..) => !p.path.is_empty(),
        };
        if needs {
            self.canonical_slow(p)
        } else {
            None
        }
    }

    #[cold]
    fn canonical_slow(&self, p: &Pointer) -> Option<Pointer> {
        let mut out: Option<Pointer> = None;
        // Each round removes a view or window: at most one per level of
        // array nesting in the program's types, bounded here all the same.
        for _ in 0..10_000 {
            let cur = out.as_ref().unwrap_or(p);
            let next = match (cur.root, cur.path.split_first()) {
                (Root::Window(id, off, _), Some((&i, rest))) => Pointer {
                    root: Root::Elem(id, off + i),
                    path: rest.to_vec(),
                },
                (Root::Cell(id), Some((&i, rest)))
                    if matches!(self.objs.get(id as usize), Some(HeapObj::Array(_))) =>
                {
                    Pointer {
                        root: Root::Elem(id, i),
                        path: rest.to_vec(),
                    }
                }
                (Root::Elem(id, i), _) | (Root::Window(id, i, _), None) => {
                    match self.objs.get(id as usize) {
                        Some(HeapObj::View(place)) if matches!(cur.root, Root::Elem(..)) => {
                            let mut path = place.path.clone();
                            path.push(i);
                            path.extend_from_slice(&cur.path);
                            Pointer {
                                root: place.root,
                                path,
                            }
                        }
                        _ => return out,
                    }
                }
                _ => return out,
            };
            out = Some(next);
        }
        out
    }

    /// The value a canonical pointer that is not a whole window designates.
    fn value_ref<'a>(&'a self, p: &Pointer, globals: &'a [Value]) -> Result<&'a Value, HeapError> {
        let (root, path) = match p.root {
            Root::Cell(id) => match self.objs.get(id as usize) {
                Some(HeapObj::Cell(v)) => (v, &p.path[..]),
                _ => return Err(HeapError::NilDeref),
            },
            Root::Elem(id, i) => (
                self.array(id).get(i as usize).ok_or(HeapError::NilDeref)?,
                &p.path[..],
            ),
            Root::Global(g) => (
                globals.get(g as usize).ok_or(HeapError::NilDeref)?,
                &p.path[..],
            ),
            Root::Window(..) => return Err(HeapError::NilDeref),
        };
        let mut cur = root;
        for &i in path {
            cur = match cur {
                Value::Seq(items) => items.get(i as usize).ok_or(HeapError::NilDeref)?,
                _ => return Err(HeapError::NilDeref),
            };
        }
        Ok(cur)
    }

    /// Turns the cell `id`, holding an array of `n` elements, into a
    /// backing array with the same id, so that slicing the array aliases it
    /// as Go's `a[:]` does: pointers into the cell keep working
    /// ([`Heap::canonical`] turns a path into a promoted cell into an
    /// element of its array) and a slice's `SliceRef` can name it. Does nothing if the
    /// cell was promoted before. Returns false when `id` holds no array.
    pub fn promote_to_array(&mut self, id: ObjId, n: u32) -> Result<bool, HeapError> {
        match self.objs.get(id as usize) {
            Some(HeapObj::Array(_)) => return Ok(true),
            Some(HeapObj::Cell(Value::Seq(items))) if items.len() == n as usize => {}
            _ => return Ok(false),
        }
        self.mem.charge(cost::array(n as usize))?;
        self.note_write(id);
        let Some(HeapObj::Cell(Value::Seq(items))) = self.objs.get_mut(id as usize) else {
            return Ok(false);
        };
        let items = std::mem::replace(items, Rc::new(Vec::new()));
        self.objs.set(id as usize, HeapObj::Array(items));
        Ok(true)
    }

    /// Reads the value a pointer designates.
    pub fn load(&self, p: &Pointer, globals: &[Value]) -> Result<Value, HeapError> {
        let owned = self.canonical(p);
        let p = owned.as_ref().unwrap_or(p);
        match (p.root, p.path.is_empty()) {
            (Root::Window(id, off, len), true) => {
                let w = self
                    .array(id)
                    .get(off as usize..(off + len) as usize)
                    .ok_or(HeapError::NilDeref)?;
                Ok(Value::Seq(std::rc::Rc::new(w.to_vec())))
            }
            // A variable's array that was sliced (`promote_to_array`).
            (Root::Cell(id), true)
                if matches!(self.objs.get(id as usize), Some(HeapObj::Array(_))) =>
            {
                Ok(Value::Seq(std::rc::Rc::new(self.array(id).to_vec())))
            }
            _ => self.value_ref(p, globals).cloned(),
        }
    }

    /// A mutable reference to the value a pointer designates. Each array or
    /// struct on the way that is shared is copied first (copy on write),
    /// and the copy is charged.
    pub fn place_mut<'a>(
        &'a mut self,
        p: &Pointer,
        globals: &'a mut [Value],
    ) -> Result<&'a mut Value, HeapError> {
        // In canonical form an element of a window or of a promoted cell
        // is an `Elem` root; a whole window or promoted array has no single
        // place (`store` writes it element by element).
        let owned = self.canonical(p);
        let p = owned.as_ref().unwrap_or(p);
        if let Root::Cell(id) | Root::Elem(id, _) = p.root {
            self.note_write(id);
        }
        let (root, path): (&mut Value, &[u32]) = match p.root {
            Root::Cell(id) => match self.objs.get_mut(id as usize) {
                Some(HeapObj::Cell(v)) => (v, &p.path[..]),
                _ => return Err(HeapError::NilDeref),
            },
            Root::Elem(id, i) => match self.objs.get_mut(id as usize) {
                Some(HeapObj::Array(v)) => (
                    Rc::make_mut(v)
                        .get_mut(i as usize)
                        .ok_or(HeapError::NilDeref)?,
                    &p.path[..],
                ),
                _ => return Err(HeapError::NilDeref),
            },
            Root::Global(g) => (
                globals.get_mut(g as usize).ok_or(HeapError::NilDeref)?,
                &p.path[..],
            ),
            Root::Window(..) => return Err(HeapError::NilDeref),
        };
        let mut cur = root;
        for &i in path {
            cur = match cur {
                Value::Seq(items) => cow_mut(items, &mut self.mem)?
                    .get_mut(i as usize)
                    .ok_or(HeapError::NilDeref)?,
                _ => return Err(HeapError::NilDeref),
            };
        }
        Ok(cur)
    }

    pub fn store(&mut self, p: &Pointer, globals: &mut [Value], v: Value) -> Result<(), HeapError> {
        let whole_array = match (p.root, p.path.is_empty()) {
            (Root::Window(id, off, len), true) => Some((id, off, len)),
            (Root::Cell(id), true) => match self.objs.get(id as usize) {
                Some(HeapObj::Array(items)) => Some((id, 0, items.len() as u32)),
                _ => None,
            },
            _ => None,
        };
        if let Some((id, off, len)) = whole_array {
            let Value::Seq(ref items) = v else {
                return Err(HeapError::NilDeref);
            };
            let arr = self.array_mut(id).ok_or(HeapError::NilDeref)?;
            for (i, x) in items.iter().take(len as usize).enumerate() {
                if let Some(slot) = arr.get_mut(off as usize + i) {
                    *slot = x.clone();
                }
            }
            return Ok(());
        }
        let slot = self.place_mut(p, globals)?;
        *slot = v;
        Ok(())
    }
}

/// The contents of an array or struct value for writing: copied first if
/// shared (Go's value semantics over `Rc`), the copy charged to `mem`.
pub fn cow_mut<'a>(
    items: &'a mut std::rc::Rc<Vec<Value>>,
    mem: &mut Memory,
) -> Result<&'a mut Vec<Value>, HeapError> {
    if std::rc::Rc::strong_count(items) > 1 {
        mem.charge(cost::seq(items.len()))?;
    }
    Ok(std::rc::Rc::make_mut(items))
}
