//! `sync.Map` as Go 1.9–1.23 built it (sync/map.go before the 1.24
//! hash-trie), the structure the talk explains: an atomically loaded
//! `read` snapshot (`readOnly{m, amended}`), a locked `dirty` map holding
//! everything plus the keys `read` lacks, a `misses` counter that promotes
//! `dirty` to `read` once `misses >= len(dirty)` (`missLocked`), and entries
//! shared by both maps whose pointer `p` is a value, `nil` (deleted) or
//! `expunged` (deleted and left out of `dirty`, see `dirtyLocked`).
//!
//! It owns keys and values only; the VM supplies a comparable key type
//! (`K: Ord`), decides Range's visiting order (Go's is random; this module
//! yields key order) and runs Range's callback. With `go115_delete_bug` set,
//! `LoadAndDelete`/`Delete` of a key present only in `dirty` forget to
//! remove it from `dirty`, reproducing the Go 1.15 leak the talk shows.
//!
//! Entries live in an arena so `read` and `dirty` can share them exactly as
//! Go's `*entry` pointers do; an entry leaves the arena once neither map
//! refers to it.
//!
//! Beside Go's fields the map keeps instrumentation for the UI, which is
//! not part of the map's state (it is left out of equality and hashing):
//! the bytes each entry holds (its key for as long as a map refers to it,
//! its value while it is live, as the caller weighs them with
//! [`Weight`]), their running total, and a bounded series of that total
//! per operation, so a host can plot the memory the map holds over a run.

use crate::util::sorted::{SortedMap, SortedSet};

use serde::Serialize;

/// Handle of a shared `*entry`.
pub type EntryId = u64;

/// An entry's pointer `p`.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize)]
pub enum EntryP<V> {
    Value(V),
    /// Deleted; still present in `dirty` if `dirty` exists.
    Nil,
    /// Deleted and absent from the non-nil `dirty` (`expunged`).
    Expunged,
}

/// `readOnly`.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize)]
pub struct ReadOnly<K> {
    pub m: SortedMap<K, EntryId>,
    /// True if `dirty` holds keys that `m` lacks.
    pub amended: bool,
}

impl<K> Default for ReadOnly<K> {
    fn default() -> Self {
        ReadOnly {
            m: SortedMap::new(),
            amended: false,
        }
    }
}

/// The bytes one entry holds: its key (kept for as long as `read` or
/// `dirty` refers to the entry, even once deleted) and its value (while
/// live). The caller weighs them; [`SyncMap::store`] and friends weigh
/// nothing.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize)]
pub struct Weight {
    /// Bytes of the key.
    pub key: u64,
    /// Bytes of the value.
    pub value: u64,
}

/// Most samples of the bytes-held series; past it, every other sample is
/// dropped and the sampling interval doubles.
const MAX_SAMPLES: usize = 512;

/// What the map holds over its life, for the UI: not Go's state, so it
/// compares equal and hashes to nothing (explore's state deduplication and
/// the VM's equality ignore it).
#[derive(Clone, Debug, Default, Serialize)]
struct Usage {
    /// Weights of the entries in the arena.
    weights: SortedMap<EntryId, Weight>,
    /// Bytes held now: keys of the entries in the arena, live values.
    held: u64,
    /// Mutating operations so far (Store, Delete, ...).
    ops: u64,
    /// (operation count, bytes held after it), every `interval` operations.
    samples: Vec<(u64, u64)>,
    interval: u64,
}

impl PartialEq for Usage {
    fn eq(&self, _: &Usage) -> bool {
        true
    }
}

impl Eq for Usage {}

impl std::hash::Hash for Usage {
    fn hash<H: std::hash::Hasher>(&self, _: &mut H) {}
}

impl Usage {
    // `%` rather than `is_multiple_of`: the workspace MSRV is 1.85.
    #[allow(clippy::manual_is_multiple_of)]
    fn sample(&mut self) {
        self.ops += 1;
        let interval = self.interval.max(1);
        if self.ops % interval != 0 {
            return;
        }
        if self.samples.len() >= MAX_SAMPLES {
            let mut i = 0;
            self.samples.retain(|_| {
                i += 1;
                i % 2 == 0
            });
            self.interval = interval * 2;
            if self.ops % self.interval != 0 {
                return;
            }
        }
        self.samples.push((self.ops, self.held));
    }
}

/// A sync.Map as the UI draws it.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize)]
pub struct SyncMapSnapshot<K, V> {
    /// `read.m` in key order with each entry's `p`.
    pub read: Vec<(K, EntryP<V>)>,
    /// `read.amended`.
    pub amended: bool,
    /// `dirty`, or `None` when nil.
    pub dirty: Option<Vec<(K, EntryP<V>)>>,
    pub misses: usize,
}

/// How much memory a sync.Map holds and where, as its weights say.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct MapUsage {
    /// Bytes held by `read.m`'s keys and live values.
    pub read_bytes: u64,
    /// Bytes held by `dirty`'s keys and live values (0 when nil).
    pub dirty_bytes: u64,
    /// Bytes held by both, each entry counted once (they share entries).
    pub held: u64,
    /// Keys only `dirty` holds whose entry was deleted: Go 1.15's `Delete`
    /// left them there, and nothing frees them until `dirty` is promoted.
    pub deleted_in_dirty: usize,
    /// The bytes those keys hold.
    pub deleted_in_dirty_bytes: u64,
    /// Mutating operations so far.
    pub ops: u64,
    /// (operation count, bytes held after it) over the map's life.
    pub samples: Vec<(u64, u64)>,
}

/// `sync.Map` (Go ≤ 1.23).
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize)]
pub struct SyncMap<K: Ord, V> {
    read: ReadOnly<K>,
    dirty: Option<SortedMap<K, EntryId>>,
    misses: usize,
    entries: SortedMap<EntryId, EntryP<V>>,
    next_entry: EntryId,
    go115_delete_bug: bool,
    usage: Usage,
}

impl<K: Ord + Clone, V: Clone> SyncMap<K, V> {
    /// The zero `sync.Map`. `go115_delete_bug` reproduces Go 1.15's
    /// `LoadAndDelete`, which left dirty-only keys in `dirty`.
    pub fn new(go115_delete_bug: bool) -> Self {
        SyncMap {
            read: ReadOnly::default(),
            dirty: None,
            misses: 0,
            entries: SortedMap::new(),
            next_entry: 0,
            go115_delete_bug,
            usage: Usage::default(),
        }
    }

    // ----- snapshot accessors -----

    /// `read.m` with each entry's state, in key order.
    pub fn read_entries(&self) -> Vec<(K, EntryP<V>)> {
        self.read
            .m
            .iter()
            .map(|(k, id)| (k.clone(), self.entry(*id)))
            .collect()
    }

    /// `dirty` with each entry's state, or `None` when `dirty` is nil.
    pub fn dirty_entries(&self) -> Option<Vec<(K, EntryP<V>)>> {
        let d = self.dirty.as_ref()?;
        Some(
            d.iter()
                .map(|(k, id)| (k.clone(), self.entry(*id)))
                .collect(),
        )
    }

    /// The first `n` entries of `read.m`, in key order.
    pub fn read_entries_first(&self, n: usize) -> Vec<(K, EntryP<V>)> {
        self.read
            .m
            .iter()
            .take(n)
            .map(|(k, id)| (k.clone(), self.entry(*id)))
            .collect()
    }

    /// The first `n` entries of `dirty`, or `None` when it is nil.
    pub fn dirty_entries_first(&self, n: usize) -> Option<Vec<(K, EntryP<V>)>> {
        let d = self.dirty.as_ref()?;
        Some(
            d.iter()
                .take(n)
                .map(|(k, id)| (k.clone(), self.entry(*id)))
                .collect(),
        )
    }

    /// Everything the UI shows about this map.
    pub fn snapshot(&self) -> SyncMapSnapshot<K, V> {
        SyncMapSnapshot {
            read: self.read_entries(),
            amended: self.read.amended,
            dirty: self.dirty_entries(),
            misses: self.misses,
        }
    }

    /// `read.amended`.
    pub fn amended(&self) -> bool {
        self.read.amended
    }

    /// `misses`.
    pub fn misses(&self) -> usize {
        self.misses
    }

    /// `len(read.m)`.
    pub fn read_len(&self) -> usize {
        self.read.m.len()
    }

    /// `len(dirty)` (0 when nil).
    pub fn dirty_len(&self) -> usize {
        self.dirty.as_ref().map_or(0, SortedMap::len)
    }

    /// Calls `f` on every stored value (what the collector must keep
    /// alive).
    pub fn each_value<'a>(&'a self, mut f: impl FnMut(&'a V)) {
        for p in self.entries.values() {
            if let EntryP::Value(v) = p {
                f(v);
            }
        }
    }

    /// Entries still reachable from `read` or `dirty` (the leak metric).
    pub fn entry_count(&self) -> usize {
        self.entries.len()
    }

    pub fn go115_delete_bug(&self) -> bool {
        self.go115_delete_bug
    }

    /// The memory the map holds, by map, and its history.
    pub fn usage(&self) -> MapUsage {
        let weigh = |id: &EntryId| self.held_by(*id);
        let read_bytes = self.read.m.values().map(weigh).sum();
        let dirty_bytes = self
            .dirty
            .as_ref()
            .map_or(0, |d| d.values().map(weigh).sum());
        let mut deleted_in_dirty = 0;
        let mut deleted_in_dirty_bytes = 0;
        if let Some(d) = &self.dirty {
            for (k, id) in d.iter() {
                if !self.read.m.contains_key(k) && self.entry_load(*id).is_none() {
                    deleted_in_dirty += 1;
                    deleted_in_dirty_bytes += self.held_by(*id);
                }
            }
        }
        MapUsage {
            read_bytes,
            dirty_bytes,
            held: self.usage.held,
            deleted_in_dirty,
            deleted_in_dirty_bytes,
            ops: self.usage.ops,
            samples: self.usage.samples.clone(),
        }
    }

    /// Bytes entry `id` holds now: its key, and its value if live.
    fn held_by(&self, id: EntryId) -> u64 {
        let w = self.usage.weights.get(&id).copied().unwrap_or_default();
        match self.entries.get(&id) {
            Some(EntryP::Value(_)) => w.key + w.value,
            Some(_) => w.key,
            None => 0,
        }
    }

    /// Entry `id` left the arena.
    fn forget(&mut self, id: EntryId) {
        let held = self.held_by(id);
        self.usage.held -= held;
        self.usage.weights.remove(&id);
        self.entries.remove(&id);
    }

    /// Entry `id`'s value is now `value` (a live one weighing `bytes`, or
    /// none): moves the running total.
    fn reweigh(&mut self, id: EntryId, was_live: bool, bytes: Option<u64>) {
        let Some(w) = self.usage.weights.get_mut(&id) else {
            return;
        };
        if was_live {
            self.usage.held -= w.value;
        }
        if let Some(b) = bytes {
            w.value = b;
            self.usage.held += b;
        }
    }

    // ----- entries -----

    fn entry(&self, id: EntryId) -> EntryP<V> {
        self.entries.get(&id).cloned().unwrap_or(EntryP::Expunged)
    }

    fn new_entry(&mut self, v: V, w: Weight) -> EntryId {
        let id = self.next_entry;
        self.next_entry += 1;
        self.entries.insert(id, EntryP::Value(v));
        self.usage.weights.insert(id, w);
        self.usage.held += w.key + w.value;
        id
    }

    fn is_live(&self, id: EntryId) -> bool {
        matches!(self.entries.get(&id), Some(EntryP::Value(_)))
    }

    /// `entry.load`: the value, if `p` is neither nil nor expunged. Range
    /// uses this on the ids [`SyncMap::range_begin`] returned; an id whose
    /// entry was collected reads as deleted.
    pub fn entry_load(&self, id: EntryId) -> Option<V> {
        match self.entries.get(&id) {
            Some(EntryP::Value(v)) => Some(v.clone()),
            _ => None,
        }
    }

    /// `entry.trySwap`: fails (`Err`) only if expunged.
    fn try_swap(&mut self, id: EntryId, v: V, bytes: u64) -> Result<Option<V>, V> {
        let was_live = self.is_live(id);
        let r = match self.entries.get_mut(&id) {
            Some(EntryP::Expunged) | None => return Err(v),
            Some(p) => match std::mem::replace(p, EntryP::Value(v)) {
                EntryP::Value(old) => Some(old),
                _ => None,
            },
        };
        self.reweigh(id, was_live, Some(bytes));
        Ok(r)
    }

    /// `entry.unexpungeLocked`: expunged becomes nil; true if it was expunged.
    fn unexpunge_locked(&mut self, id: EntryId) -> bool {
        match self.entries.get_mut(&id) {
            Some(p @ EntryP::Expunged) => {
                *p = EntryP::Nil;
                true
            }
            _ => false,
        }
    }

    /// `entry.swapLocked`.
    fn swap_locked(&mut self, id: EntryId, v: V, bytes: u64) -> Option<V> {
        let was_live = self.is_live(id);
        let r = match self.entries.insert(id, EntryP::Value(v)) {
            Some(EntryP::Value(old)) => Some(old),
            _ => None,
        };
        self.reweigh(id, was_live, Some(bytes));
        r
    }

    /// `entry.tryLoadOrStore`: `None` if expunged.
    fn try_load_or_store(&mut self, id: EntryId, v: V, bytes: u64) -> Option<(V, bool)> {
        match self.entries.get_mut(&id) {
            Some(EntryP::Expunged) | None => None,
            Some(EntryP::Value(actual)) => Some((actual.clone(), true)),
            Some(p @ EntryP::Nil) => {
                *p = EntryP::Value(v.clone());
                self.reweigh(id, false, Some(bytes));
                Some((v, false))
            }
        }
    }

    /// `entry.delete`: nil out a live value and return it.
    fn delete_entry(&mut self, id: EntryId) -> Option<V> {
        let v = match self.entries.get_mut(&id) {
            Some(p @ EntryP::Value(_)) => match std::mem::replace(p, EntryP::Nil) {
                EntryP::Value(v) => v,
                _ => return None,
            },
            _ => return None,
        };
        self.reweigh(id, true, None);
        Some(v)
    }

    /// `entry.tryExpungeLocked`: nil becomes expunged; true if expunged.
    fn try_expunge_locked(&mut self, id: EntryId) -> bool {
        match self.entries.get_mut(&id) {
            Some(p @ EntryP::Nil) => {
                *p = EntryP::Expunged;
                true
            }
            Some(EntryP::Expunged) | None => true,
            Some(EntryP::Value(_)) => false,
        }
    }

    // ----- map-level helpers -----

    /// Replace `read` with `dirty` (nil-ing `dirty`, zeroing `misses`) and
    /// collect entries only the old `read` referred to (the expunged ones).
    fn promote(&mut self) {
        let new_m = self.dirty.take().unwrap_or_default();
        let old = std::mem::replace(
            &mut self.read,
            ReadOnly {
                m: new_m,
                amended: false,
            },
        );
        self.misses = 0;
        let live: SortedSet<EntryId> = self.read.m.values().copied().collect();
        for id in old.m.values() {
            if !live.contains(id) {
                self.forget(*id);
            }
        }
    }

    /// `missLocked`: count a miss; promote once `misses >= len(dirty)`.
    fn miss_locked(&mut self) {
        self.misses += 1;
        if self.misses < self.dirty_len() {
            return;
        }
        self.promote();
    }

    /// `dirtyLocked`: if `dirty` is nil, rebuild it from `read`, expunging
    /// nil entries and leaving them out.
    fn dirty_locked(&mut self) {
        if self.dirty.is_some() {
            return;
        }
        let pairs: Vec<(K, EntryId)> = self.read.m.iter().map(|(k, id)| (k.clone(), *id)).collect();
        let mut dirty = SortedMap::new();
        for (k, id) in pairs {
            if !self.try_expunge_locked(id) {
                dirty.insert(k, id);
            }
        }
        self.dirty = Some(dirty);
    }

    fn dirty_get(&self, k: &K) -> Option<EntryId> {
        self.dirty.as_ref().and_then(|d| d.get(k).copied())
    }

    fn dirty_insert(&mut self, k: K, id: EntryId) {
        self.dirty.get_or_insert_with(SortedMap::new).insert(k, id);
    }

    // ----- the API -----

    /// `Load`: from `read` without a miss; else, if `amended`, from `dirty`
    /// counting a miss.
    pub fn load(&mut self, k: &K) -> Option<V> {
        let id = match self.read.m.get(k) {
            Some(id) => Some(*id),
            None if self.read.amended => {
                let id = self.dirty_get(k);
                self.miss_locked();
                id
            }
            None => None,
        };
        id.and_then(|id| self.entry_load(id))
    }

    /// `Store`: `Swap` discarding the previous value.
    pub fn store(&mut self, k: K, v: V) {
        self.swap(k, v);
    }

    /// `Store` of a key and value that weigh `w`.
    pub fn store_weighed(&mut self, k: K, v: V, w: Weight) {
        self.swap_weighed(k, v, w);
    }

    /// `Swap`, weighing nothing.
    pub fn swap(&mut self, k: K, v: V) -> Option<V> {
        self.swap_weighed(k, v, Weight::default())
    }

    /// `Swap` (Go 1.20+; `Store` before it behaves the same): update a live
    /// or deleted entry in place (seen by both maps); un-expunge and re-add
    /// to `dirty`; or add a new entry to `dirty`, first building `dirty`
    /// from `read` and setting `amended`. Returns the previous value. The
    /// key and value weigh `w` (an existing entry keeps its key's weight).
    pub fn swap_weighed(&mut self, k: K, v: V, w: Weight) -> Option<V> {
        let r = self.swap_inner(k, v, w);
        self.usage.sample();
        r
    }

    fn swap_inner(&mut self, k: K, v: V, w: Weight) -> Option<V> {
        let v = match self.read.m.get(&k).copied() {
            Some(id) => match self.try_swap(id, v, w.value) {
                Ok(prev) => return prev,
                Err(v) => v,
            },
            None => v,
        };
        // Locked path.
        if let Some(id) = self.read.m.get(&k).copied() {
            if self.unexpunge_locked(id) {
                // Expunged implies a non-nil dirty that lacks the key.
                self.dirty_insert(k, id);
            }
            return self.swap_locked(id, v, w.value);
        }
        if let Some(id) = self.dirty_get(&k) {
            return self.swap_locked(id, v, w.value);
        }
        if !self.read.amended {
            self.dirty_locked();
            self.read.amended = true;
        }
        let id = self.new_entry(v, w);
        self.dirty_insert(k, id);
        None
    }

    /// `LoadOrStore`: returns the actual value and whether it was loaded.
    pub fn load_or_store(&mut self, k: K, v: V) -> (V, bool) {
        self.load_or_store_weighed(k, v, Weight::default())
    }

    /// `LoadOrStore` of a key and value that weigh `w`.
    pub fn load_or_store_weighed(&mut self, k: K, v: V, w: Weight) -> (V, bool) {
        let r = self.load_or_store_inner(k, v, w);
        self.usage.sample();
        r
    }

    fn load_or_store_inner(&mut self, k: K, v: V, w: Weight) -> (V, bool) {
        if let Some(id) = self.read.m.get(&k).copied() {
            if let Some(r) = self.try_load_or_store(id, v.clone(), w.value) {
                return r;
            }
        }
        // Locked path.
        if let Some(id) = self.read.m.get(&k).copied() {
            if self.unexpunge_locked(id) {
                self.dirty_insert(k, id);
            }
            return self
                .try_load_or_store(id, v.clone(), w.value)
                .unwrap_or((v, false));
        }
        if let Some(id) = self.dirty_get(&k) {
            let r = self
                .try_load_or_store(id, v.clone(), w.value)
                .unwrap_or((v, false));
            self.miss_locked();
            return r;
        }
        if !self.read.amended {
            self.dirty_locked();
            self.read.amended = true;
        }
        let id = self.new_entry(v.clone(), w);
        self.dirty_insert(k, id);
        (v, false)
    }

    /// `LoadAndDelete`: a key in `read` is deleted by nil-ing its entry
    /// (the key stays); a dirty-only key is removed from `dirty` (unless
    /// `go115_delete_bug`) and counts a miss.
    pub fn load_and_delete(&mut self, k: &K) -> Option<V> {
        let r = self.load_and_delete_inner(k);
        self.usage.sample();
        r
    }

    fn load_and_delete_inner(&mut self, k: &K) -> Option<V> {
        if let Some(id) = self.read.m.get(k).copied() {
            return self.delete_entry(id);
        }
        if !self.read.amended {
            return None;
        }
        let id = self.dirty_get(k);
        let removed = !self.go115_delete_bug && id.is_some();
        if removed {
            if let Some(d) = self.dirty.as_mut() {
                d.remove(k);
            }
        }
        self.miss_locked();
        let id = id?;
        let v = self.delete_entry(id);
        if removed {
            // Neither map refers to it any more.
            self.forget(id);
        }
        v
    }

    /// `Delete`: `LoadAndDelete` discarding the value.
    pub fn delete(&mut self, k: &K) {
        self.load_and_delete(k);
    }

    /// `Clear` (Go 1.23): empty `read`, empty (but keep) `dirty`, zero misses.
    pub fn clear(&mut self) {
        self.read = ReadOnly::default();
        if let Some(d) = self.dirty.as_mut() {
            d.clear();
        }
        self.misses = 0;
        self.entries.clear();
        self.usage.weights.clear();
        self.usage.held = 0;
        self.usage.sample();
    }

    /// The start of `Range`: if `amended`, promote `dirty` first; return the
    /// `read` snapshot to iterate, as `(key, entry)` pairs in key order. The
    /// VM calls [`SyncMap::entry_load`] on each entry just before calling
    /// the callback (skipping deleted ones), so stores made by the callback
    /// are seen, as in Go.
    pub fn range_begin(&mut self) -> Vec<(K, EntryId)> {
        if self.read.amended {
            self.promote();
        }
        self.read.m.iter().map(|(k, id)| (k.clone(), *id)).collect()
    }

    /// `Range` without a callback: the live pairs after `range_begin`.
    pub fn range_pairs(&mut self) -> Vec<(K, V)> {
        let snap = self.range_begin();
        snap.into_iter()
            .filter_map(|(k, id)| self.entry_load(id).map(|v| (k, v)))
            .collect()
    }
}
