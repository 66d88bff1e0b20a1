//! Slices over the heap's backing arrays: slicing, `append` with Go's
//! growth rule, `copy`, and building a slice from values. Mirrors
//! runtime/slice.go (`growslice`, `nextslicecap`, `slicecopy`) and the size
//! classes of runtime/sizeclasses.go, which decide the capacities programs
//! print.
//!
//! A leaf: functions over [`Heap`] returning the new value or a [`Fault`].
//! It never sees goroutines, the operand stack or the machine; the
//! interpreter pops the operands and pushes the result.

use crate::vm::fault::Fault;
use crate::vm::heap::{cost, Heap, HeapObj};
use crate::vm::op::SliceKind;
use crate::vm::value::{ObjId, Root, SliceRef, Value};

/// The indices of a slice expression `x[lo:hi:max]`, as given.
pub struct Bounds {
    /// `lo`, 0 when absent.
    pub lo: i64,
    pub hi: Option<i64>,
    /// Only a full slice expression (`x[lo:hi:max]`) has one.
    pub max: Option<i64>,
}

/// What `append` adds after the slice.
pub enum Appended {
    /// `append(s, a, b, c)`.
    Elems(Vec<Value>),
    /// `append(s, t...)` with a slice `t`.
    Slice(Value),
    /// `append(b, str...)`: a string's bytes onto a `[]byte`.
    StringBytes(Value),
}

/// A new slice holding `items`, its length and capacity both their count.
pub fn from_vec(heap: &mut Heap, items: Vec<Value>) -> Result<Value, Fault> {
    let len = items.len() as u32;
    let arr = heap.alloc(HeapObj::Array(std::rc::Rc::new(items)))?;
    Ok(Value::Slice(SliceRef {
        arr,
        off: 0,
        len,
        cap: len,
    }))
}

/// The elements of a slice (none for nil or a non-slice).
pub fn items(heap: &Heap, v: &Value) -> Vec<Value> {
    match v {
        Value::Slice(r) => heap
            .array(r.arr)
            .get(r.off as usize..(r.off + r.len) as usize)
            .map(|s| s.to_vec())
            .unwrap_or_default(),
        _ => Vec::new(),
    }
}

/// The length of a slice (0 for nil or a non-slice).
pub fn len(v: &Value) -> usize {
    match v {
        Value::Slice(r) => r.len as usize,
        _ => 0,
    }
}

/// The elements `r` covers, which the heap's arrays always hold.
fn covered(heap: &Heap, r: &SliceRef) -> Vec<Value> {
    heap.array(r.arr)[r.off as usize..(r.off + r.len) as usize].to_vec()
}

/// `x[lo:hi:max]` on a string, a slice, or the array a pointer designates,
/// with Go's bounds-check panics (`panicSlice*` in runtime/panic.go).
pub fn slice(
    heap: &mut Heap,
    globals: &[Value],
    x: Value,
    b: Bounds,
    kind: SliceKind,
) -> Result<Value, Fault> {
    let Bounds { lo, hi, max } = b;
    match kind {
        SliceKind::String => {
            let b = x.as_bytes();
            let hi = hi.unwrap_or(b.len() as i64);
            let len = b.len() as i64;
            check_bounds([lo, hi, len], len, false, "length")?;
            // gosim's strings do not share storage: the substring is a copy.
            heap.charge(cost::string((hi - lo) as usize))?;
            Ok(Value::bytes(&b[lo as usize..hi as usize]))
        }
        SliceKind::Slice => {
            let r = match x {
                Value::Slice(r) => r,
                _ => SliceRef {
                    arr: u32::MAX,
                    off: 0,
                    len: 0,
                    cap: 0,
                },
            };
            let cap = r.cap as i64;
            let hi_v = hi.unwrap_or(r.len as i64);
            let max_v = max.unwrap_or(cap);
            check_bounds([lo, hi_v, max_v], cap, max.is_some(), "capacity")?;
            if r.arr == u32::MAX {
                return Ok(Value::Nil);
            }
            Ok(Value::Slice(SliceRef {
                arr: r.arr,
                off: r.off + lo as u32,
                len: (hi_v - lo) as u32,
                cap: (max_v - lo) as u32,
            }))
        }
        SliceKind::ArrayPtr(n) => {
            // Slicing an array: its elements move into a backing array
            // that the slice and the variable then share.
            let (arr_id, base) = array_backing(heap, globals, &x, n)?;
            let cap = n as i64;
            let hi_v = hi.unwrap_or(cap);
            let max_v = max.unwrap_or(cap);
            // An array is bounded by its length (Go says so, not "capacity").
            check_bounds([lo, hi_v, max_v], cap, max.is_some(), "length")?;
            Ok(Value::Slice(SliceRef {
                arr: arr_id,
                off: base + lo as u32,
                len: (hi_v - lo) as u32,
                cap: (max_v - lo) as u32,
            }))
        }
    }
}

/// Go's bounds checks of `x[lo:hi:max]` in its order (`panicSlice3*`,
/// then `panicSlice*`): max, then hi, then lo. `limit` is the length or
/// capacity bounding them; `three` whether the expression has a max.
fn check_bounds([lo, hi, max]: [i64; 3], limit: i64, three: bool, what: &str) -> Result<(), Fault> {
    let fault = |lo: Option<i64>, hi: Option<i64>, max: Option<i64>, with: bool| {
        bounds_fault(
            [lo, hi, max],
            three || max.is_some(),
            with.then_some((what, limit)),
        )
    };
    if max < 0 || max > limit {
        return Err(fault(None, None, Some(max), max >= 0));
    }
    if hi < 0 || hi > max {
        return Err(match (three, hi < 0) {
            (true, false) => fault(None, Some(hi), Some(max), false),
            _ => fault(None, Some(hi), None, hi >= 0),
        });
    }
    if lo < 0 || lo > hi {
        return Err(fault(Some(lo), (lo >= 0).then_some(hi), None, false));
    }
    Ok(())
}

/// `slice bounds out of range [lo:hi:max]` with the positions Go leaves
/// empty as `None`, and `with length N` or `with capacity N` when given.
fn bounds_fault(parts: [Option<i64>; 3], three: bool, with: Option<(&str, i64)>) -> Fault {
    let mut s = String::from("slice bounds out of range [");
    for (i, p) in parts.iter().enumerate().take(if three { 3 } else { 2 }) {
        if i > 0 {
            s.push(':');
        }
        if let Some(v) = p {
            s.push_str(&v.to_string());
        }
    }
    s.push(']');
    if let Some((what, n)) = with {
        s.push_str(" with ");
        s.push_str(what);
        s.push(' ');
        s.push_str(&n.to_string());
    }
    Fault::Runtime(s)
}

/// The backing array, and the offset in it, of the array of length `n` a
/// pointer designates, for slicing it, so that the slice and the array
/// share elements. A window of a slice's array (`(*[N]T)(s)`) is that
/// array; an array alone in a heap cell (a variable whose address is
/// taken, a package-level array, `new([N]T)`, `&[N]T{...}`) becomes a
/// backing array in place; an array inside another value (a struct field,
/// an element of an array or slice) is seen through a [`HeapObj::View`] of
/// its place.
fn array_backing(
    heap: &mut Heap,
    globals: &[Value],
    p: &Value,
    n: u32,
) -> Result<(ObjId, u32), Fault> {
    let Value::Ptr(p) = p else {
        return Err(Fault::Runtime(
            "invalid memory address or nil pointer dereference".into(),
        ));
    };
    let owned = heap.canonical(p);
    let p = owned.as_ref().unwrap_or(p);
    match (p.root, p.path.is_empty()) {
        (Root::Window(id, off, _), true) => return Ok((id, off)),
        (Root::Cell(id), true) if heap.promote_to_array(id, n)? => return Ok((id, 0)),
        (Root::Cell(_), false) | (Root::Elem(..), _) => {
            if let Ok(Value::Seq(ref items)) = heap.load(p, globals) {
                if items.len() == n as usize {
                    return Ok((heap.alloc(HeapObj::View(p.clone()))?, 0));
                }
            }
        }
        // Not an array in the heap (no pointer into a global has a path):
        // a copy, as a last resort.
        _ => {}
    }
    let items = match &heap.load(p, globals)? {
        Value::Seq(items) => items.to_vec(),
        _ => vec![Value::Nil; n as usize],
    };
    Ok((heap.alloc(HeapObj::Array(std::rc::Rc::new(items)))?, 0))
}

/// `append(base, ...)`: in place while the capacity lasts, else into a new
/// array grown by [`grow_cap`] (mirrors `growslice`). `elem_size` is the
/// element's size in bytes, for the size-class rounding.
pub fn append(
    heap: &mut Heap,
    base: Value,
    extra: Appended,
    elem_size: u32,
) -> Result<Value, Fault> {
    if let Appended::StringBytes(s) = &extra {
        heap.mem.check(cost::array(s.as_bytes().len()))?;
    }
    let extra: Vec<Value> = match extra {
        Appended::Elems(items) => items,
        Appended::StringBytes(Value::Str(ref s)) => {
            s.iter().map(|b| Value::Int(*b as i64)).collect()
        }
        Appended::Slice(Value::Slice(r)) | Appended::StringBytes(Value::Slice(r)) => {
            covered(heap, &r)
        }
        Appended::Slice(_) | Appended::StringBytes(_) => Vec::new(),
    };
    let r = match base {
        Value::Slice(r) => Some(r),
        _ => None,
    };
    if extra.is_empty() {
        return Ok(match r {
            Some(r) => Value::Slice(r),
            None => Value::Nil,
        });
    }
    let (old_len, old_cap) = r.map(|r| (r.len, r.cap)).unwrap_or((0, 0));
    let new_len = old_len as u64 + extra.len() as u64;
    if let Some(r) = r {
        if new_len <= old_cap as u64 {
            if let Some(arr) = heap.array_mut(r.arr) {
                for (i, v) in extra.into_iter().enumerate() {
                    arr[(r.off + r.len) as usize + i] = v;
                }
            }
            return Ok(Value::Slice(SliceRef {
                arr: r.arr,
                off: r.off,
                len: new_len as u32,
                cap: r.cap,
            }));
        }
    }
    let new_cap = grow_cap(old_cap as u64, new_len, elem_size as u64);
    if new_cap > u32::MAX as u64 / 2 {
        return Err(Fault::Runtime("growslice: len out of range".into()));
    }
    grown(heap, r, extra, new_cap)
}

/// A new array of `new_cap` holding `r`'s elements then `extra`.
fn grown(
    heap: &mut Heap,
    r: Option<SliceRef>,
    extra: Vec<Value>,
    new_cap: u64,
) -> Result<Value, Fault> {
    // Checked before the array is built; `alloc` charges it.
    heap.mem.check(cost::array(new_cap as usize))?;
    let mut items: Vec<Value> = match r {
        Some(r) => covered(heap, &r),
        None => Vec::new(),
    };
    items.extend(extra);
    let new_len = items.len() as u32;
    // Unused capacity holds zero values of the element kind.
    let zero = match items.first() {
        Some(Value::Int(_)) => Value::Int(0),
        Some(Value::Float(_)) => Value::Float(0.0),
        Some(Value::Bool(_)) => Value::Bool(false),
        Some(Value::Str(_)) => Value::str(""),
        _ => Value::Nil,
    };
    items.resize(new_cap as usize, zero);
    let arr = heap.alloc(HeapObj::Array(std::rc::Rc::new(items)))?;
    Ok(Value::Slice(SliceRef {
        arr,
        off: 0,
        len: new_len,
        cap: new_cap as u32,
    }))
}

/// `append(base, extra...)` where gc gives the append a stack buffer of
/// `k` elements (32 bytes). `buf` is the frame's record of the buffer:
/// nil until taken. Without `step` (the plain rule) only an empty slice
/// that must grow takes the buffer, whole, and only while it is untaken;
/// with `step` (`growsliceBuf`) every growth to at most `k` elements takes
/// the size class just big enough. Anything else grows on the heap.
pub fn append_stack(
    heap: &mut Heap,
    base: Value,
    extra: Vec<Value>,
    elem_size: u32,
    k: u32,
    buf: &mut Value,
    step: bool,
) -> Result<Value, Fault> {
    let r = match &base {
        Value::Slice(r) => Some(*r),
        _ => None,
    };
    let (old_len, old_cap) = r.map(|r| (r.len, r.cap)).unwrap_or((0, 0));
    let new_len = old_len as u64 + extra.len() as u64;
    let fits = !extra.is_empty() && new_len > old_cap as u64 && new_len <= k as u64;
    if fits && step {
        let es = elem_size.max(1) as u64;
        let cap = (round_up_size(new_len * es) / es).clamp(new_len, k as u64);
        let v = grown(heap, r, extra, cap)?;
        *buf = v.clone();
        return Ok(v);
    }
    if fits && old_len == 0 && matches!(buf, Value::Nil) {
        let v = grown(heap, None, extra, k as u64)?;
        *buf = v.clone();
        return Ok(v);
    }
    append(heap, base, Appended::Elems(extra), elem_size)
}

/// gc's `move2heap` without keeping the capacity: a slice still in the
/// frame's buffer `buf` is copied to the heap with the capacity of its
/// length's size class; any other value is returned as it is.
pub fn move_to_heap(
    heap: &mut Heap,
    v: Value,
    buf: &Value,
    elem_size: u32,
) -> Result<Value, Fault> {
    let (Value::Slice(r), Value::Slice(b)) = (&v, buf) else {
        return Ok(v);
    };
    if r.arr != b.arr {
        return Ok(v);
    }
    let es = elem_size.max(1) as u64;
    let cap = round_up_size(r.len as u64 * es) / es;
    let items = covered(heap, r);
    grown(heap, None, items, cap.max(r.len as u64))
}

/// `copy(dst, src)` from a slice or a string's bytes: mirrors `slicecopy`.
/// Returns how many elements were copied.
pub fn copy(heap: &mut Heap, dst: Value, src: Value) -> i64 {
    let items: Vec<Value> = match &src {
        Value::Str(s) => s.iter().map(|b| Value::Int(*b as i64)).collect(),
        Value::Slice(r) => covered(heap, r),
        _ => Vec::new(),
    };
    let mut n = 0;
    if let Value::Slice(d) = dst {
        n = (d.len as usize).min(items.len());
        if let Some(arr) = heap.array_mut(d.arr) {
            for (i, v) in items.into_iter().take(n).enumerate() {
                arr[d.off as usize + i] = v;
            }
        }
    }
    n as i64
}

/// Go's growslice capacity rule, with the malloc size-class rounding that
/// decides the capacities programs print.
pub fn grow_cap(old_cap: u64, needed: u64, elem_size: u64) -> u64 {
    let mut newcap = old_cap;
    let doublecap = newcap + newcap;
    if needed > doublecap {
        newcap = needed;
    } else {
        const THRESHOLD: u64 = 256;
        if old_cap < THRESHOLD {
            newcap = doublecap;
        } else {
            while newcap < needed {
                newcap += (newcap + 3 * THRESHOLD) >> 2;
            }
        }
    }
    if elem_size == 0 {
        return newcap;
    }
    let bytes = newcap.saturating_mul(elem_size);
    let rounded = round_up_size(bytes);
    (rounded / elem_size).max(needed)
}

/// runtime/sizeclasses.go's small size classes (bytes).
const SIZE_CLASSES: [u64; 68] = [
    0, 8, 16, 24, 32, 48, 64, 80, 96, 112, 128, 144, 160, 176, 192, 208, 224, 240, 256, 288, 320,
    352, 384, 416, 448, 480, 512, 576, 640, 704, 768, 896, 1024, 1152, 1280, 1408, 1536, 1792,
    2048, 2304, 2688, 3072, 3200, 3456, 4096, 4864, 5376, 6144, 6528, 6784, 6912, 8192, 9472, 9728,
    10240, 10880, 12288, 13568, 14336, 16384, 18432, 19072, 20480, 21760, 24576, 27264, 28672,
    32768,
];

fn round_up_size(bytes: u64) -> u64 {
    if bytes <= 32768 {
        for &c in SIZE_CLASSES.iter() {
            if c >= bytes {
                return c;
            }
        }
    }
    // Large objects round up to whole pages.
    bytes.div_ceil(8192) * 8192
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ints(n: i64) -> Vec<Value> {
        (0..n).map(Value::Int).collect()
    }

    fn ok(r: Result<Value, Fault>) -> Value {
        match r {
            Ok(v) => v,
            Err(_) => panic!("append failed"),
        }
    }

    fn len_cap(v: &Value) -> (u32, u32) {
        match v {
            Value::Slice(r) => (r.len, r.cap),
            _ => (0, 0),
        }
    }

    #[test]
    fn an_empty_slice_takes_the_whole_buffer_once() {
        let mut heap = Heap::new(1 << 30);
        let mut buf = Value::Nil;
        let s = ok(append_stack(
            &mut heap,
            Value::Nil,
            ints(1),
            8,
            4,
            &mut buf,
            false,
        ));
        assert_eq!(len_cap(&s), (1, 4));
        // Taken: the next empty slice grows on the heap.
        let t = ok(append_stack(
            &mut heap,
            Value::Nil,
            ints(1),
            8,
            4,
            &mut buf,
            false,
        ));
        assert_eq!(len_cap(&t), (1, 1));
        // Too many for the buffer: the heap rule.
        let mut fresh = Value::Nil;
        let u = ok(append_stack(
            &mut heap,
            Value::Nil,
            ints(5),
            8,
            4,
            &mut fresh,
            false,
        ));
        assert_eq!(len_cap(&u), (5, 6));
        assert!(matches!(fresh, Value::Nil));
    }

    #[test]
    fn stepping_takes_the_next_size_class_and_moving_rounds_to_the_length() {
        let mut heap = Heap::new(1 << 30);
        let mut buf = Value::Nil;
        let mut s = Value::Nil;
        let mut caps = Vec::new();
        for i in 0..5 {
            s = ok(append_stack(&mut heap, s, ints(1), 8, 4, &mut buf, true));
            caps.push(len_cap(&s).1);
            assert_eq!(len_cap(&s).0, i + 1);
        }
        assert_eq!(caps, [1, 2, 3, 4, 8]);

        let mut once = Value::Nil;
        let t = ok(append_stack(
            &mut heap,
            Value::Nil,
            ints(3),
            8,
            4,
            &mut once,
            false,
        ));
        let moved = ok(move_to_heap(&mut heap, t, &once, 8));
        assert_eq!(len_cap(&moved), (3, 3));
        // A slice not in the buffer is left alone.
        let other = ok(from_vec(&mut heap, ints(3)));
        let kept = ok(move_to_heap(&mut heap, other.clone(), &once, 8));
        assert_eq!(len_cap(&kept), len_cap(&other));
        assert!(matches!((&kept, &other), (Value::Slice(a), Value::Slice(b)) if a.arr == b.arr));
    }
}
