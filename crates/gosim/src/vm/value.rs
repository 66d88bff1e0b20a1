//! Runtime values of simulated Go programs.
//!
//! Owns the representation of every Go value inside the VM: scalars inline,
//! strings and composite values behind `Rc` with copy-on-write so Go's value
//! semantics cost a reference-count bump, and references (pointers, slices,
//! maps, channels) as indices into the VM heap. Knows nothing about types
//! beyond what a value needs to be printed or compared.
//!
//! A program can nest values as deep as its memory budget allows (`x =
//! [1]any{x}` in a loop), so nothing here recurses on a value's depth:
//! dropping, `==`, hashing, structural equality and map keys all walk the
//! value graph with an explicit stack. Code elsewhere that walks a user
//! value must do the same, or stop at a bound with Go's error.
//!
//! Values share storage where Go's copy them, so a small value can stand
//! for an exponentially large one (a struct of two copies of a struct of
//! two copies of ...): every walk that visits copies one by one (`==`, map
//! keys, hashing) takes a bound on the nodes it may visit.

use crate::types::TypeId;
use std::rc::Rc;

/// An index into the VM heap.
pub use crate::runtime::ObjId;

#[derive(Clone, Debug)]
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

#[derive(Clone, Debug)]
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
            Value::Str(s) => s,
            _ => b"",
        }
    }
    pub fn is_nil(&self) -> bool {
        matches!(self, Value::Nil)
    }
}

impl Value {
    /// Whether the value owns (or shares) other values behind an `Rc`: the
    /// only kinds whose drop, comparison or hashing walks further.
    fn is_container(&self) -> bool {
        matches!(self, Value::Seq(_) | Value::Iface(_) | Value::Func(_))
    }

    /// Moves the values this one owns alone into `out` (those that are
    /// containers themselves; the rest are dropped here, which recurses no
    /// further). Shared contents stay: dropping this value only releases a
    /// reference to them.
    fn take_children(&mut self, out: &mut Vec<Value>) {
        let mut keep = |v: &mut Value| {
            if v.is_container() {
                out.push(std::mem::replace(v, Value::Nil));
            }
        };
        match self {
            Value::Seq(rc) => {
                if let Some(items) = Rc::get_mut(rc) {
                    items.iter_mut().for_each(&mut keep);
                }
            }
            Value::Iface(rc) => {
                if let Some((_, inner)) = Rc::get_mut(rc) {
                    keep(inner);
                }
            }
            Value::Func(rc) => {
                if let Some(f) = Rc::get_mut(rc) {
                    match f {
                        FuncVal::Closure { captures, .. } => {
                            if let Some(caps) = Rc::get_mut(captures) {
                                caps.iter_mut().for_each(&mut keep);
                            }
                        }
                        FuncVal::Bound { recv, .. } => keep(recv),
                        FuncVal::Native { recv, .. } => {
                            if let Some(r) = recv {
                                keep(r);
                            }
                        }
                    }
                }
            }
            _ => {}
        }
    }

    /// Whether dropping this value would free a container nested in it:
    /// only then does the drop need the explicit stack.
    fn drops_nested(&self) -> bool {
        let unique = |n: usize| n == 1;
        match self {
            Value::Seq(rc) => unique(Rc::strong_count(rc)) && rc.iter().any(Value::is_container),
            Value::Iface(rc) => unique(Rc::strong_count(rc)) && rc.1.is_container(),
            Value::Func(rc) => {
                unique(Rc::strong_count(rc))
                    && match &**rc {
                        FuncVal::Closure { captures, .. } => {
                            unique(Rc::strong_count(captures))
                                && captures.iter().any(Value::is_container)
                        }
                        FuncVal::Bound { recv, .. } => recv.is_container(),
                        FuncVal::Native { recv, .. } => {
                            recv.as_ref().is_some_and(Value::is_container)
                        }
                    }
            }
            _ => false,
        }
    }

    /// Calls `f` on each value directly inside this one.
    fn for_each_child<'a>(&'a self, mut f: impl FnMut(&'a Value)) {
        match self {
            Value::Seq(items) => items.iter().for_each(f),
            Value::Iface(iv) => f(&iv.1),
            Value::Func(fv) => match &**fv {
                FuncVal::Closure { captures, .. } => captures.iter().for_each(f),
                FuncVal::Bound { recv, .. } => f(recv),
                FuncVal::Native { recv, .. } => {
                    if let Some(r) = recv {
                        f(r)
                    }
                }
            },
            _ => {}
        }
    }
}

/// Dropping a deep value frees it level by level from an explicit stack:
/// Rust's own drop of nested `Rc`s would recurse once per level.
impl Drop for Value {
    #[inline]
    fn drop(&mut self) {
        if self.is_container() {
            self.drop_nested();
        }
    }
}

impl Value {
    /// The drop of a container, kept out of line so that dropping a scalar
    /// is one inlined check.
    #[inline(never)]
    fn drop_nested(&mut self) {
        if !self.drops_nested() {
            return;
        }
        let mut pending = vec![std::mem::replace(self, Value::Nil)];
        while let Some(mut v) = pending.pop() {
            v.take_children(&mut pending);
            // `v` holds no container of its own any more: dropping it here
            // ends in `drops_nested() == false`.
        }
    }
}

/// Structural identity (not Go's `==`: NaN differs from itself here as in
/// Go, but slices compare by reference and functions by code and
/// captures). For tests, caches and the explorer's state comparison.
impl PartialEq for Value {
    fn eq(&self, other: &Value) -> bool {
        let mut pairs: Vec<(&Value, &Value)> = Vec::new();
        let (mut a, mut b) = (self, other);
        loop {
            let same = match (a, b) {
                (Value::Nil, Value::Nil) => true,
                (Value::Bool(x), Value::Bool(y)) => x == y,
                (Value::Int(x), Value::Int(y)) => x == y,
                (Value::Float(x), Value::Float(y)) => x == y,
                (Value::Str(x), Value::Str(y)) => x == y,
                (Value::Slice(x), Value::Slice(y)) => x == y,
                (Value::Map(x), Value::Map(y))
                | (Value::Chan(x), Value::Chan(y))
                | (Value::Handle(x), Value::Handle(y)) => x == y,
                (Value::Ptr(x), Value::Ptr(y)) => x == y,
                (Value::Seq(x), Value::Seq(y)) => {
                    x.len() == y.len() && {
                        pairs.extend(x.iter().zip(y.iter()));
                        true
                    }
                }
                (Value::Iface(x), Value::Iface(y)) => {
                    x.0 == y.0 && {
                        pairs.push((&x.1, &y.1));
                        true
                    }
                }
                (Value::Func(x), Value::Func(y)) => match (&**x, &**y) {
                    (
                        FuncVal::Closure {
                            fid: f,
                            captures: c,
                        },
                        FuncVal::Closure {
                            fid: g,
                            captures: d,
                        },
                    ) => {
                        f == g && c.len() == d.len() && {
                            pairs.extend(c.iter().zip(d.iter()));
                            true
                        }
                    }
                    (FuncVal::Bound { fid: f, recv: r }, FuncVal::Bound { fid: g, recv: s }) => {
                        f == g && {
                            pairs.push((r, s));
                            true
                        }
                    }
                    (FuncVal::Native { nid: f, recv: r }, FuncVal::Native { nid: g, recv: s }) => {
                        f == g
                            && match (r, s) {
                                (Some(r), Some(s)) => {
                                    pairs.push((r, s));
                                    true
                                }
                                (None, None) => true,
                                _ => false,
                            }
                    }
                    _ => false,
                },
                _ => false,
            };
            if !same {
                return false;
            }
            match pairs.pop() {
                Some((x, y)) => (a, b) = (x, y),
                None => return true,
            }
        }
    }
}

impl PartialEq for FuncVal {
    fn eq(&self, other: &FuncVal) -> bool {
        Value::Func(Rc::new(self.clone())) == Value::Func(Rc::new(other.clone()))
    }
}

thread_local! {
    /// Nodes `Hash for Value` may still visit (see [`with_hash_budget`]).
    static HASH_BUDGET: std::cell::Cell<u64> = const { std::cell::Cell::new(u64::MAX) };
}

/// Runs `f`, letting the values it hashes visit at most `nodes` nodes in
/// all; returns `f`'s result and whether the budget lasted. When it did
/// not, the hashes covered only part of the values: equal hashes no longer
/// mean equal values.
pub fn with_hash_budget<R>(nodes: u64, f: impl FnOnce() -> R) -> (R, bool) {
    let before = HASH_BUDGET.with(|b| b.replace(nodes));
    let r = f();
    let left = HASH_BUDGET.with(|b| b.replace(before));
    (r, left > 0)
}

/// Hashes the whole value graph from an explicit stack (the explorer's
/// state hash reaches every value of a run), within the hash budget.
impl std::hash::Hash for Value {
    fn hash<H: std::hash::Hasher>(&self, h: &mut H) {
        let mut pending: Vec<&Value> = Vec::new();
        let mut v = self;
        loop {
            let spent = HASH_BUDGET.with(|b| {
                let left = b.get();
                b.set(left.saturating_sub(1));
                left == 0
            });
            if spent {
                return;
            }
            std::mem::discriminant(v).hash(h);
            match v {
                Value::Nil => {}
                Value::Bool(b) => b.hash(h),
                Value::Int(i) => i.hash(h),
                Value::Float(f) => f.to_bits().hash(h),
                Value::Str(s) => s.hash(h),
                Value::Seq(items) => items.len().hash(h),
                Value::Slice(r) => r.hash(h),
                Value::Map(id) | Value::Chan(id) | Value::Handle(id) => id.hash(h),
                Value::Ptr(p) => p.hash(h),
                Value::Iface(iv) => iv.0.hash(h),
                Value::Func(f) => match &**f {
                    FuncVal::Closure { fid, captures } => (0u8, fid, captures.len()).hash(h),
                    FuncVal::Bound { fid, .. } => (1u8, fid).hash(h),
                    FuncVal::Native { nid, recv } => (2u8, nid, recv.is_some()).hash(h),
                },
            }
            // Children are hashed after their parent, last child first: the
            // order is fixed, which is all a hash needs.
            v.for_each_child(|c| pending.push(c));
            match pending.pop() {
                Some(next) => v = next,
                None => return,
            }
        }
    }
}

impl std::hash::Hash for FuncVal {
    fn hash<H: std::hash::Hasher>(&self, h: &mut H) {
        Value::Func(Rc::new(self.clone())).hash(h)
    }
}

/// A map key: the comparable projection of a value, totally ordered so maps
/// iterate deterministically. Scalars keep their own variant (the common,
/// fast case); every other key is one flat byte string ([`KeyWriter`]) whose
/// byte order is the order the keys had as a tree (nil first, then by
/// kind, then field by field), so comparing, hashing and dropping a key of
/// any depth never recurses.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum MapKey {
    Nil,
    Bool(bool),
    Int(i64),
    /// Float bits with -0 folded into +0.
    Float(u64),
    Str(Rc<[u8]>),
    /// Arrays, structs, pointers, channels and interfaces, encoded.
    Composite(Box<[u8]>),
    /// Functions, slices and maps cannot be keys; kept distinct for safety.
    Unhashable,
}

impl MapKey {
    pub fn of(v: &Value) -> MapKey {
        MapKey::of_limited(v, usize::MAX).unwrap_or(MapKey::Unhashable)
    }

    /// The key of `v`, or `None` if its encoding would pass `max_bytes`
    /// (a value sharing storage can stand for a huge key).
    pub fn of_limited(v: &Value, max_bytes: usize) -> Option<MapKey> {
        Some(match v {
            Value::Nil => MapKey::Nil,
            Value::Bool(b) => MapKey::Bool(*b),
            Value::Int(i) => MapKey::Int(*i),
            Value::Float(f) => MapKey::Float(float_key(*f)),
            Value::Str(s) => MapKey::Str(s.clone()),
            Value::Slice(_) | Value::Map(_) | Value::Func(_) => MapKey::Unhashable,
            _ => MapKey::Composite(KeyWriter::encode(v, max_bytes)?.into_boxed_slice()),
        })
    }

    /// The value this key was made from (for display: a deleted sync.Map
    /// entry keeps only its key); `None` for a key no value makes.
    pub fn to_value(&self) -> Option<Value> {
        Some(match self {
            MapKey::Nil => Value::Nil,
            MapKey::Bool(b) => Value::Bool(*b),
            MapKey::Int(i) => Value::Int(*i),
            MapKey::Float(bits) => Value::Float(f64::from_bits(*bits)),
            MapKey::Str(s) => Value::Str(s.clone()),
            MapKey::Composite(bytes) => return KeyReader::decode(bytes),
            MapKey::Unhashable => return None,
        })
    }

    /// The bytes the key holds beyond its fixed size, for the memory budget.
    pub fn extra_bytes(&self) -> usize {
        match self {
            MapKey::Composite(b) => b.len(),
            _ => 0,
        }
    }
}

fn float_key(f: f64) -> u64 {
    if f == 0.0 {
        0
    } else {
        f.to_bits()
    }
}

/// Encodes a key value as bytes that sort like the value: a tag per kind
/// (in the order of [`MapKey`]'s variants), fixed-width big-endian numbers,
/// strings with their zero bytes escaped and a terminator, sequences closed
/// by a byte below every tag. Every encoding is self-delimiting, so two
/// sequences compare element by element, as the derived order of a tree
/// would.
struct KeyWriter {
    out: Vec<u8>,
}

/// Ends a sequence or a pointer path; below every tag.
const KEY_END: u8 = 0;

impl KeyWriter {
    fn encode(v: &Value, max_bytes: usize) -> Option<Vec<u8>> {
        enum Task<'a> {
            Value(&'a Value),
            End,
        }
        let mut w = KeyWriter { out: Vec::new() };
        let mut tasks = vec![Task::Value(v)];
        while let Some(t) = tasks.pop() {
            if w.out.len() > max_bytes {
                return None;
            }
            let v = match t {
                Task::End => {
                    w.out.push(KEY_END);
                    continue;
                }
                Task::Value(v) => v,
            };
            match v {
                Value::Nil => w.out.push(1),
                Value::Bool(b) => w.out.extend_from_slice(&[2, *b as u8]),
                Value::Int(i) => {
                    w.out.push(3);
                    w.u64((*i as u64) ^ (1 << 63));
                }
                Value::Float(f) => {
                    w.out.push(4);
                    w.u64(float_key(*f));
                }
                Value::Str(s) => {
                    w.out.push(5);
                    for &b in s.iter() {
                        w.out.push(b);
                        if b == 0 {
                            w.out.push(1);
                        }
                    }
                    w.out.extend_from_slice(&[0, 0]);
                }
                Value::Seq(items) => {
                    w.out.push(6);
                    tasks.push(Task::End);
                    tasks.extend(items.iter().rev().map(Task::Value));
                }
                Value::Ptr(p) => {
                    w.out.push(7);
                    match p.root {
                        Root::Cell(id) => {
                            w.out.push(0);
                            w.u32(id);
                        }
                        Root::Elem(id, i) => {
                            w.out.push(1);
                            w.u32(id);
                            w.u32(i);
                        }
                        Root::Global(g) => {
                            w.out.push(2);
                            w.u32(g);
                        }
                        Root::Window(id, off, len) => {
                            w.out.push(3);
                            w.u32(id);
                            w.u32(off);
                            w.u32(len);
                        }
                    }
                    for &i in &p.path {
                        w.out.push(1);
                        w.u32(i);
                    }
                    w.out.push(KEY_END);
                }
                Value::Chan(c) => {
                    w.out.push(8);
                    w.u32(1);
                    w.u32(*c);
                }
                Value::Handle(h) => {
                    w.out.push(8);
                    w.u32(2);
                    w.u32(*h);
                }
                Value::Iface(iv) => {
                    w.out.push(9);
                    w.u32(iv.0 .0);
                    tasks.push(Task::Value(&iv.1));
                }
                Value::Slice(_) | Value::Map(_) | Value::Func(_) => w.out.push(10),
            }
        }
        Some(w.out)
    }

    fn u32(&mut self, x: u32) {
        self.out.extend_from_slice(&x.to_be_bytes());
    }

    fn u64(&mut self, x: u64) {
        self.out.extend_from_slice(&x.to_be_bytes());
    }
}

/// Reads back what [`KeyWriter`] wrote, with an explicit stack of the
/// sequences and interfaces still open (keys nest as deep as values do).
struct KeyReader<'a> {
    bytes: &'a [u8],
    at: usize,
}

impl KeyReader<'_> {
    fn decode(bytes: &[u8]) -> Option<Value> {
        enum Open {
            Seq(Vec<Value>),
            Iface(TypeId),
        }
        let mut r = KeyReader { bytes, at: 0 };
        let mut open: Vec<Open> = Vec::new();
        loop {
            let mut v = match r.byte()? {
                KEY_END => match open.pop()? {
                    Open::Seq(items) => Value::Seq(Rc::new(items)),
                    Open::Iface(_) => return None,
                },
                1 => Value::Nil,
                2 => Value::Bool(r.byte()? != 0),
                3 => Value::Int((r.u64()? ^ (1 << 63)) as i64),
                4 => Value::Float(f64::from_bits(r.u64()?)),
                5 => {
                    let mut s = Vec::new();
                    loop {
                        // A zero byte of the string is written as 0, 1.
                        match r.byte()? {
                            0 if r.byte()? == 0 => break,
                            b => s.push(b),
                        }
                    }
                    Value::Str(Rc::from(s))
                }
                6 => {
                    open.push(Open::Seq(Vec::new()));
                    continue;
                }
                7 => {
                    let root = match r.byte()? {
                        0 => Root::Cell(r.u32()?),
                        1 => Root::Elem(r.u32()?, r.u32()?),
                        2 => Root::Global(r.u32()?),
                        3 => Root::Window(r.u32()?, r.u32()?, r.u32()?),
                        _ => return None,
                    };
                    let mut path = Vec::new();
                    while r.byte()? == 1 {
                        path.push(r.u32()?);
                    }
                    Value::Ptr(Rc::new(Pointer { root, path }))
                }
                8 => match (r.u32()?, r.u32()?) {
                    (1, id) => Value::Chan(id),
                    (_, id) => Value::Handle(id),
                },
                9 => {
                    open.push(Open::Iface(TypeId(r.u32()?)));
                    continue;
                }
                _ => return None,
            };
            loop {
                match open.last_mut() {
                    None => return (r.at == r.bytes.len()).then_some(v),
                    Some(Open::Seq(items)) => {
                        items.push(v);
                        break;
                    }
                    Some(Open::Iface(t)) => {
                        let t = *t;
                        open.pop();
                        v = Value::Iface(Rc::new((t, v)));
                    }
                }
            }
        }
    }

    fn byte(&mut self) -> Option<u8> {
        let b = *self.bytes.get(self.at)?;
        self.at += 1;
        Some(b)
    }

    fn u32(&mut self) -> Option<u32> {
        let b = self.bytes.get(self.at..self.at + 4)?;
        self.at += 4;
        Some(u32::from_be_bytes(b.try_into().ok()?))
    }

    fn u64(&mut self) -> Option<u64> {
        let b = self.bytes.get(self.at..self.at + 8)?;
        self.at += 8;
        Some(u64::from_be_bytes(b.try_into().ok()?))
    }
}

/// Go's `==` on two values of the same (comparable) type, level by level
/// from an explicit stack.
pub fn values_equal(a: &Value, b: &Value) -> bool {
    values_equal_counted(a, b, u64::MAX).is_some_and(|r| r.0)
}

/// [`values_equal`], with how many pairs of values it compared (its work);
/// `None` once that would pass `limit`.
pub fn values_equal_counted(a: &Value, b: &Value, limit: u64) -> Option<(bool, u64)> {
    let mut pairs: Vec<(&Value, &Value)> = Vec::new();
    let (mut a, mut b) = (a, b);
    let mut visited = 0u64;
    loop {
        visited += 1;
        if visited > limit {
            return None;
        }
        let same = match (a, b) {
            (Value::Float(x), Value::Float(y)) => x == y,
            (Value::Int(x), Value::Int(y)) => x == y,
            (Value::Seq(x), Value::Seq(y)) => {
                x.len() == y.len() && {
                    pairs.extend(x.iter().zip(y.iter()));
                    true
                }
            }
            (Value::Iface(x), Value::Iface(y)) => {
                x.0 == y.0 && {
                    pairs.push((&x.1, &y.1));
                    true
                }
            }
            (Value::Nil, Value::Nil) => true,
            (Value::Bool(x), Value::Bool(y)) => x == y,
            (Value::Str(x), Value::Str(y)) => x == y,
            (Value::Ptr(x), Value::Ptr(y)) => x == y,
            (Value::Chan(x), Value::Chan(y)) | (Value::Handle(x), Value::Handle(y)) => x == y,
            // Slices and maps compare only with nil, which is `Nil`.
            (Value::Slice(_) | Value::Map(_), Value::Slice(_) | Value::Map(_)) => true,
            _ => false,
        };
        if !same {
            return Some((false, visited));
        }
        match pairs.pop() {
            Some((x, y)) => (a, b) = (x, y),
            None => return Some((true, visited)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_composite_key_reads_back_as_the_value_it_was_made_from() {
        let v = Value::Seq(Rc::new(vec![
            Value::Int(-3),
            Value::Str(Rc::from(&b"a\0b"[..])),
            Value::Iface(Rc::new((TypeId(7), Value::Bool(true)))),
            Value::Seq(Rc::new(vec![Value::Float(1.5), Value::Nil])),
            Value::Ptr(Rc::new(Pointer {
                root: Root::Elem(4, 2),
                path: vec![1, 0],
            })),
            Value::Chan(9),
        ]));
        let key = MapKey::of(&v);
        assert!(matches!(key, MapKey::Composite(_)));
        let back = key.to_value().expect("decodes");
        assert!(values_equal(&back, &v));
        assert_eq!(MapKey::of(&back), key);
    }
}
