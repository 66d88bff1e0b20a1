//! Runtime values of simulated Go programs.
//!
//! Owns the representation of every Go value inside the VM: scalars inline,
//! strings and composite values behind `Rc` with copy-on-write so Go's value
//! semantics cost a reference-count bump, and references (pointers, slices,
//! maps, channels) as indices into the VM heap. Knows nothing about types
//! beyond what a value needs to be printed or compared.

use crate::types::TypeId;
use std::rc::Rc;

/// An index into the VM heap.
pub use crate::runtime::ObjId;

#[derive(Clone, Debug, PartialEq)]
pub enum Value {
    /// The zero value of every reference type and of interfaces.
    Nil,
    Bool(bool),
    /// Every integer kind, as a 64-bit pattern already wrapped to its width.
    Int(i64),
    Float(f64),
    Str(Rc<[u8]>),
    /// Struct fields or array elements, copied on write.
    Seq(Rc<Vec<Value>>),
    Slice(SliceRef),
    Map(ObjId),
    Chan(ObjId),
    Ptr(Rc<Pointer>),
    Func(Rc<FuncVal>),
    /// A non-nil interface value: its dynamic type and value.
    Iface(Rc<(TypeId, Value)>),
    /// A runtime object behind a library handle (a Mutex's state, a
    /// notify list, a sync.Map), allocated lazily on first use.
    Handle(ObjId),
    /// A string produced by a value's own Error or String method, waiting to
    /// be printed by fmt (see `Op::FmtPrep`).
    Formatted(Rc<[u8]>),
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct SliceRef {
    pub arr: ObjId,
    pub off: u32,
    pub len: u32,
    pub cap: u32,
}

/// Where a pointer points: a root cell and a path of field/element indices
/// inside the value stored there.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Pointer {
    pub root: Root,
    pub path: Vec<u32>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Root {
    /// A heap cell holding one value (a boxed variable or `new(T)`).
    Cell(ObjId),
    /// Element `idx` of a slice's backing array.
    Elem(ObjId, u32),
    /// Elements `off..off+len` of a slice's backing array seen as one
    /// array: what `(*[N]T)(s)` points to. A path's first index is an
    /// element of the window.
    Window(ObjId, u32, u32),
    /// A package-level variable.
    Global(u32),
}

#[derive(Clone, Debug, PartialEq, Hash)]
pub enum FuncVal {
    /// A compiled function or closure with its captured variable cells.
    Closure { fid: u32, captures: Rc<[Value]> },
    /// A method value: `x.M` with the receiver bound.
    Bound { fid: u32, recv: Value },
    /// A native function, optionally with a bound receiver.
    Native { nid: u32, recv: Option<Value> },
}

impl Value {
    pub fn str(s: &str) -> Value {
        Value::Str(Rc::from(s.as_bytes()))
    }
    pub fn bytes(b: &[u8]) -> Value {
        Value::Str(Rc::from(b))
    }
    pub fn as_int(&self) -> i64 {
        match self {
            Value::Int(i) => *i,
            Value::Float(f) => *f as i64,
            Value::Bool(b) => *b as i64,
            _ => 0,
        }
    }
    pub fn as_float(&self) -> f64 {
        match self {
            Value::Float(f) => *f,
            Value::Int(i) => *i as f64,
            _ => 0.0,
        }
    }
    pub fn as_bool(&self) -> bool {
        matches!(self, Value::Bool(true))
    }
    pub fn as_bytes(&self) -> &[u8] {
        match self {
            Value::Str(s) | Value::Formatted(s) => s,
            _ => b"",
        }
    }
    pub fn is_nil(&self) -> bool {
        matches!(self, Value::Nil)
    }
}

/// A map key: the comparable projection of a value, totally ordered so maps
/// iterate deterministically.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum MapKey {
    Nil,
    Bool(bool),
    Int(i64),
    /// Float bits with -0 folded into +0.
    Float(u64),
    Str(Rc<[u8]>),
    Seq(Vec<MapKey>),
    Ptr(Box<Pointer>),
    Ref(u32, ObjId),
    Iface(TypeId, Box<MapKey>),
    /// Functions, slices and maps cannot be keys; kept distinct for safety.
    Unhashable,
}

impl MapKey {
    pub fn of(v: &Value) -> MapKey {
        match v {
            Value::Nil => MapKey::Nil,
            Value::Bool(b) => MapKey::Bool(*b),
            Value::Int(i) => MapKey::Int(*i),
            Value::Float(f) => MapKey::Float(if *f == 0.0 { 0 } else { f.to_bits() }),
            Value::Str(s) | Value::Formatted(s) => MapKey::Str(s.clone()),
            Value::Seq(vs) => MapKey::Seq(vs.iter().map(MapKey::of).collect()),
            Value::Ptr(p) => MapKey::Ptr(Box::new((**p).clone())),
            Value::Chan(c) => MapKey::Ref(1, *c),
            Value::Handle(h) => MapKey::Ref(2, *h),
            Value::Iface(iv) => MapKey::Iface(iv.0, Box::new(MapKey::of(&iv.1))),
            Value::Slice(_) | Value::Map(_) | Value::Func(_) => MapKey::Unhashable,
        }
    }

    /// The value this key was made from (for display: a deleted sync.Map
    /// entry keeps only its key).
    pub fn to_value(&self) -> Value {
        match self {
            MapKey::Nil | MapKey::Unhashable => Value::Nil,
            MapKey::Bool(b) => Value::Bool(*b),
            MapKey::Int(i) => Value::Int(*i),
            MapKey::Float(bits) => Value::Float(f64::from_bits(*bits)),
            MapKey::Str(s) => Value::Str(s.clone()),
            MapKey::Seq(ks) => Value::Seq(Rc::new(ks.iter().map(MapKey::to_value).collect())),
            MapKey::Ptr(p) => Value::Ptr(Rc::new((**p).clone())),
            MapKey::Ref(1, id) => Value::Chan(*id),
            MapKey::Ref(_, id) => Value::Handle(*id),
            MapKey::Iface(t, k) => Value::Iface(Rc::new((*t, k.to_value()))),
        }
    }
}

/// Go's `==` on two values of the same (comparable) type.
pub fn values_equal(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Float(x), Value::Float(y)) => x == y,
        (Value::Int(x), Value::Int(y)) => x == y,
        (Value::Seq(x), Value::Seq(y)) => {
            x.len() == y.len() && x.iter().zip(y.iter()).all(|(p, q)| values_equal(p, q))
        }
        (Value::Iface(x), Value::Iface(y)) => x.0 == y.0 && values_equal(&x.1, &y.1),
        (Value::Func(_), _) | (_, Value::Func(_)) => false,
        _ => MapKey::of(a) == MapKey::of(b),
    }
}

impl std::hash::Hash for Value {
    fn hash<H: std::hash::Hasher>(&self, h: &mut H) {
        std::mem::discriminant(self).hash(h);
        match self {
            Value::Nil => {}
            Value::Bool(b) => b.hash(h),
            Value::Int(i) => i.hash(h),
            Value::Float(f) => f.to_bits().hash(h),
            Value::Str(s) | Value::Formatted(s) => s.hash(h),
            Value::Seq(items) => items.hash(h),
            Value::Slice(r) => r.hash(h),
            Value::Map(id) | Value::Chan(id) | Value::Handle(id) => id.hash(h),
            Value::Ptr(p) => p.hash(h),
            Value::Func(f) => f.hash(h),
            Value::Iface(iv) => {
                iv.0.hash(h);
                iv.1.hash(h);
            }
        }
    }
}
