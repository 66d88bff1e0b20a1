//! The VM heap: cells, slice backing arrays, maps and runtime objects.
//!
//! Owns allocation (with a cap, so a runaway program ends with a verdict
//! instead of exhausting the tab) and reading/writing through pointers.
//! Nothing is ever freed: simulated programs are short, and a stable
//! `ObjId` keeps snapshots and replays simple.

use crate::runtime::chan::Chan;
use crate::runtime::cond::NotifyList;
use crate::runtime::mutex::Mutex;
use crate::runtime::rwmutex::RWMutex;
use crate::runtime::syncmap::SyncMap;
use crate::runtime::waitgroup::WaitGroup;
use crate::util::sorted::SortedMap;
use crate::vm::value::{MapKey, ObjId, Pointer, Root, Value};

#[derive(Clone, Debug, Hash)]
pub enum HeapObj {
    Cell(Value),
    Array(Vec<Value>),
    Map(SortedMap<MapKey, (Value, Value)>),
    Chan(Box<Chan<Value>>),
    Mutex(Box<Mutex>),
    RWMutex(Box<RWMutex>),
    WaitGroup(Box<WaitGroup>),
    NotifyList(Box<NotifyList>),
    SyncMap(Box<SyncMap<MapKey, (Value, Value)>>),
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

#[derive(Clone, Debug, Default)]
pub struct Heap {
    pub objs: Vec<HeapObj>,
    /// Approximate number of values held, for the memory budget.
    pub cells: u64,
    pub max_cells: u64,
}

impl Heap {
    pub fn new(max_cells: u64) -> Heap {
        Heap {
            objs: Vec::new(),
            cells: 0,
            max_cells,
        }
    }

    pub fn alloc(&mut self, obj: HeapObj) -> Result<ObjId, HeapError> {
        let size = match &obj {
            HeapObj::Array(v) => v.len() as u64 + 1,
            _ => 1,
        };
        self.charge(size)?;
        self.objs.push(obj);
        Ok(self.objs.len() as ObjId - 1)
    }

    /// Counts `n` more values against the budget.
    pub fn charge(&mut self, n: u64) -> Result<(), HeapError> {
        self.cells = self.cells.saturating_add(n);
        if self.cells > self.max_cells {
            return Err(HeapError::OutOfMemory);
        }
        Ok(())
    }

    pub fn get(&self, id: ObjId) -> Option<&HeapObj> {
        self.objs.get(id as usize)
    }

    pub fn get_mut(&mut self, id: ObjId) -> Option<&mut HeapObj> {
        self.objs.get_mut(id as usize)
    }

    pub fn array(&self, id: ObjId) -> &[Value] {
        match self.objs.get(id as usize) {
            Some(HeapObj::Array(v)) => v,
            _ => &[],
        }
    }

    pub fn array_mut(&mut self, id: ObjId) -> Option<&mut Vec<Value>> {
        match self.objs.get_mut(id as usize) {
            Some(HeapObj::Array(v)) => Some(v),
            _ => None,
        }
    }

    /// Reads the value a pointer designates.
    pub fn load(&self, p: &Pointer, globals: &[Value]) -> Result<Value, HeapError> {
        if let Root::Window(id, off, len) = p.root {
            let Some((first, rest)) = p.path.split_first() else {
                let elems = self.array(id);
                let w = elems
                    .get(off as usize..(off + len) as usize)
                    .ok_or(HeapError::NilDeref)?;
                return Ok(Value::Seq(std::rc::Rc::new(w.to_vec())));
            };
            let elem = Pointer {
                root: Root::Elem(id, off + first),
                path: rest.to_vec(),
            };
            return self.load(&elem, globals);
        }
        let root = match p.root {
            Root::Cell(id) => match self.objs.get(id as usize) {
                Some(HeapObj::Cell(v)) => v,
                _ => return Err(HeapError::NilDeref),
            },
            Root::Elem(id, i) => match self.objs.get(id as usize) {
                Some(HeapObj::Array(v)) => v.get(i as usize).ok_or(HeapError::NilDeref)?,
                _ => return Err(HeapError::NilDeref),
            },
            Root::Global(g) => globals.get(g as usize).ok_or(HeapError::NilDeref)?,
            Root::Window(..) => return Err(HeapError::NilDeref),
        };
        let mut cur = root;
        for &i in &p.path {
            cur = match cur {
                Value::Seq(items) => items.get(i as usize).ok_or(HeapError::NilDeref)?,
                _ => return Err(HeapError::NilDeref),
            };
        }
        Ok(cur.clone())
    }

    /// A mutable reference to the value a pointer designates.
    pub fn place_mut<'a>(
        &'a mut self,
        p: &Pointer,
        globals: &'a mut [Value],
    ) -> Result<&'a mut Value, HeapError> {
        if let Root::Window(id, off, _) = p.root {
            // A whole window is stored element by element (see `store`).
            let (first, rest) = p.path.split_first().ok_or(HeapError::NilDeref)?;
            let elem = Pointer {
                root: Root::Elem(id, off + first),
                path: rest.to_vec(),
            };
            return self.place_mut(&elem, globals);
        }
        let root: &mut Value = match p.root {
            Root::Cell(id) => match self.objs.get_mut(id as usize) {
                Some(HeapObj::Cell(v)) => v,
                _ => return Err(HeapError::NilDeref),
            },
            Root::Elem(id, i) => match self.objs.get_mut(id as usize) {
                Some(HeapObj::Array(v)) => v.get_mut(i as usize).ok_or(HeapError::NilDeref)?,
                _ => return Err(HeapError::NilDeref),
            },
            Root::Global(g) => globals.get_mut(g as usize).ok_or(HeapError::NilDeref)?,
            Root::Window(..) => return Err(HeapError::NilDeref),
        };
        let mut cur = root;
        for &i in &p.path {
            cur = match cur {
                Value::Seq(items) => std::rc::Rc::make_mut(items)
                    .get_mut(i as usize)
                    .ok_or(HeapError::NilDeref)?,
                _ => return Err(HeapError::NilDeref),
            };
        }
        Ok(cur)
    }

    pub fn store(&mut self, p: &Pointer, globals: &mut [Value], v: Value) -> Result<(), HeapError> {
        if let (Root::Window(id, off, len), true) = (p.root, p.path.is_empty()) {
            let Value::Seq(items) = v else {
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
