//! The heap's table of objects by id, in chunks shared between copies of
//! the VM until written.
//!
//! Owns only storage: a session's checkpoints and the explorer's states copy
//! the VM, and a flat table made each copy cost a pass over every object
//! (7-9 ms natively for 250,000 of them, in one step). Here a copy shares
//! every chunk, and the first write to an object after a copy copies its
//! chunk of [`CHUNK`] objects (`Rc::make_mut`).

use std::hash::{Hash, Hasher};
use std::rc::Rc;

use super::heap::HeapObj;

/// Objects per chunk: small enough that copying one on a write is cheap,
/// large enough that copying the table of chunks is.
const CHUNK: usize = 256;

#[derive(Clone, Debug, Default)]
pub struct ObjTable {
    chunks: Vec<Rc<Vec<HeapObj>>>,
    len: usize,
}

impl ObjTable {
    pub fn len(&self) -> usize {
        self.len
    }

    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    pub fn get(&self, i: usize) -> Option<&HeapObj> {
        self.chunks.get(i / CHUNK)?.get(i % CHUNK)
    }

    /// The object at `i` for writing: its chunk is copied first if a copy
    /// of the VM shares it.
    pub fn get_mut(&mut self, i: usize) -> Option<&mut HeapObj> {
        if i >= self.len {
            return None;
        }
        Rc::make_mut(&mut self.chunks[i / CHUNK]).get_mut(i % CHUNK)
    }

    /// Replaces the object at `i` (which must exist).
    pub fn set(&mut self, i: usize, obj: HeapObj) {
        if let Some(slot) = self.get_mut(i) {
            *slot = obj;
        }
    }

    pub fn push(&mut self, obj: HeapObj) {
        match self.chunks.last_mut() {
            Some(last) if last.len() < CHUNK => Rc::make_mut(last).push(obj),
            _ => {
                let mut chunk = Vec::with_capacity(CHUNK);
                chunk.push(obj);
                self.chunks.push(Rc::new(chunk));
            }
        }
        self.len += 1;
    }

    pub fn truncate(&mut self, len: usize) {
        if len >= self.len {
            return;
        }
        let chunks = len.div_ceil(CHUNK);
        self.chunks.truncate(chunks);
        let keep = len - chunks.saturating_sub(1) * CHUNK;
        if let Some(last) = self.chunks.last_mut() {
            if last.len() > keep {
                Rc::make_mut(last).truncate(keep);
            }
        }
        self.len = len;
    }

    pub fn iter(&self) -> impl Iterator<Item = &HeapObj> + '_ {
        self.chunks.iter().flat_map(|c| c.iter())
    }
}

/// The same hash as the flat table's: the length, then every object.
impl Hash for ObjTable {
    fn hash<H: Hasher>(&self, state: &mut H) {
        self.len.hash(state);
        for obj in self.iter() {
            obj.hash(state);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::vm::value::Value;

    fn cell(i: i64) -> HeapObj {
        HeapObj::Cell(Value::Int(i))
    }

    fn ints(t: &ObjTable) -> Vec<i64> {
        t.iter()
            .map(|o| match o {
                HeapObj::Cell(Value::Int(i)) => *i,
                _ => -1,
            })
            .collect()
    }

    #[test]
    fn a_copy_shares_chunks_until_written_and_never_sees_the_writes() {
        let mut t = ObjTable::default();
        for i in 0..(CHUNK as i64 * 3 + 5) {
            t.push(cell(i));
        }
        let copy = t.clone();
        t.set(CHUNK + 1, cell(-7));
        t.push(cell(1000));
        assert_eq!(t.len(), CHUNK * 3 + 6);
        assert_eq!(copy.len(), CHUNK * 3 + 5);
        assert!(matches!(
            t.get(CHUNK + 1),
            Some(HeapObj::Cell(Value::Int(-7)))
        ));
        assert!(
            matches!(copy.get(CHUNK + 1), Some(HeapObj::Cell(Value::Int(i))) if *i == CHUNK as i64 + 1)
        );
        // Only the written chunk and the last one were copied.
        assert!(Rc::ptr_eq(&t.chunks[0], &copy.chunks[0]));
        assert!(!Rc::ptr_eq(&t.chunks[1], &copy.chunks[1]));
        assert!(Rc::ptr_eq(&t.chunks[2], &copy.chunks[2]));
        assert!(t.get(t.len()).is_none() && t.get_mut(t.len()).is_none());
    }

    #[test]
    fn truncate_keeps_the_first_objects_at_any_boundary() {
        for len in [0, 1, CHUNK - 1, CHUNK, CHUNK + 1, 2 * CHUNK] {
            let mut t = ObjTable::default();
            for i in 0..(CHUNK as i64 * 2 + 3) {
                t.push(cell(i));
            }
            t.truncate(len);
            assert_eq!(t.len(), len);
            assert_eq!(ints(&t), (0..len as i64).collect::<Vec<_>>());
            t.push(cell(99));
            assert_eq!(ints(&t).last(), Some(&99));
            assert_eq!(t.len(), len + 1);
        }
    }
}
