//! Package `sync`'s natives: `Mutex`, `RWMutex`, `WaitGroup`, the notify
//! list behind `Cond`, and `sync.Map`. The primitives' state and wake order
//! are [`crate::runtime`]'s; this room reads the operands, calls the
//! primitive and applies its outcome (park, ready, fail).

use super::{misrouted, NativeCall, SyncStep};
use crate::runtime::syncmap::{SyncMap, Weight};
use crate::runtime::SyncOutcome;
use crate::vm::convert;
use crate::vm::events::EventKind;
use crate::vm::goroutine::{Goroutine, Resume};
use crate::vm::heap::cost;
use crate::vm::heap::HeapObj;
use crate::vm::machine::{Flow, OpResult, Vm};
use crate::vm::natives::Native;
use crate::vm::race::Loc;
use crate::vm::slice;
use crate::vm::value::Value;

impl Vm {
    /// `sync.Mutex`: mirrors Lock, Unlock and TryLock in sync/mutex.go.
    pub(super) fn mutex(&mut self, g: &mut Goroutine, call: &NativeCall) -> OpResult {
        match call.native {
            Native::MutexLock => {
                let id = self.handle(&call.arg(0), true, || HeapObj::Mutex(Box::default()))?;
                let gid = g.id;
                let out = match self.heap.get_mut(id) {
                    Some(HeapObj::Mutex(m)) => {
                        if call.resumed == Some(Resume::Sync) {
                            m.lock_resume(gid, call.now)
                        } else {
                            m.lock(gid, call.now)
                        }
                    }
                    _ => SyncOutcome::done(),
                };
                self.apply_sync(
                    g,
                    call,
                    SyncStep {
                        outcome: out,
                        results: vec![],
                        obj: id,
                        op: "Lock",
                    },
                )
            }
            Native::MutexUnlock => {
                let id = self.handle(&call.arg(0), true, || HeapObj::Mutex(Box::default()))?;
                let out = match self.heap.get_mut(id) {
                    Some(HeapObj::Mutex(m)) => m.unlock(),
                    _ => SyncOutcome::done(),
                };
                self.apply_sync(
                    g,
                    call,
                    SyncStep {
                        outcome: out,
                        results: vec![],
                        obj: id,
                        op: "Unlock",
                    },
                )
            }
            Native::MutexTryLock => {
                let id = self.handle(&call.arg(0), true, || HeapObj::Mutex(Box::default()))?;
                let ok = match self.heap.get_mut(id) {
                    Some(HeapObj::Mutex(m)) => m.try_lock(g.id),
                    _ => false,
                };
                self.apply_sync(
                    g,
                    call,
                    SyncStep {
                        outcome: SyncOutcome::done(),
                        results: vec![Value::Bool(ok)],
                        obj: id,
                        op: "TryLock",
                    },
                )
            }
            _ => Err(misrouted()),
        }
    }

    /// `sync.RWMutex`: mirrors sync/rwmutex.go.
    pub(super) fn rwmutex(&mut self, g: &mut Goroutine, call: &NativeCall) -> OpResult {
        let id = self.handle(&call.arg(0), true, || HeapObj::RWMutex(Box::default()))?;
        let gid = g.id;
        let mut results = vec![];
        let out = match self.heap.get_mut(id) {
            Some(HeapObj::RWMutex(m)) => {
                if call.resumed == Some(Resume::Sync) {
                    m.resume(gid, call.now)
                } else {
                    match call.native {
                        Native::RWLock => m.lock(gid, call.now),
                        Native::RWUnlock => m.unlock(),
                        Native::RWRLock => m.rlock(gid),
                        Native::RWRUnlock => m.runlock(gid),
                        Native::RWTryLock | Native::RWTryRLock => {
                            // Succeeds only when it would not block.
                            let free = m.writer().is_none()
                                && m.reader_count() >= 0
                                && (call.native == Native::RWTryRLock || m.readers().is_empty())
                                && !m.w().is_locked();
                            if free {
                                let o = if call.native == Native::RWTryLock {
                                    m.lock(gid, call.now)
                                } else {
                                    m.rlock(gid)
                                };
                                results.push(Value::Bool(matches!(o, SyncOutcome::Done(_))));
                                o
                            } else {
                                results.push(Value::Bool(false));
                                SyncOutcome::done()
                            }
                        }
                        _ => SyncOutcome::done(),
                    }
                }
            }
            _ => SyncOutcome::done(),
        };
        let name = match call.native {
            Native::RWLock => "Lock",
            Native::RWUnlock => "Unlock",
            Native::RWRLock => "RLock",
            Native::RWRUnlock => "RUnlock",
            Native::RWTryLock => "TryLock",
            _ => "TryRLock",
        };
        self.apply_sync(
            g,
            call,
            SyncStep {
                outcome: out,
                results,
                obj: id,
                op: name,
            },
        )
    }

    /// `sync.WaitGroup`: mirrors Add, Done and Wait in sync/waitgroup.go.
    pub(super) fn waitgroup(&mut self, g: &mut Goroutine, call: &NativeCall) -> OpResult {
        let id = self.handle(&call.arg(0), true, || HeapObj::WaitGroup(Box::default()))?;
        let gid = g.id;
        let delta = call.arg(1).as_int();
        let before = match self.heap.get(id) {
            Some(HeapObj::WaitGroup(w)) => w.counter(),
            _ => 0,
        };
        if let Some(r) = self.race.as_mut() {
            let loc = Loc::WaitGroup(id);
            r.names
                .entry(loc.clone())
                .or_insert_with(|| "sync.WaitGroup (Add called concurrently with Wait)".into());
            if call.native == Native::WgAdd && delta > 0 && before == 0 {
                r.access(gid, loc, false, call.span);
            } else if call.native == Native::WgWait && before > 0 && call.resumed.is_none() {
                r.access(gid, loc, true, call.span);
            }
        }
        let out = match self.heap.get_mut(id) {
            Some(HeapObj::WaitGroup(w)) => match call.native {
                Native::WgAdd => w.add(delta),
                Native::WgDone => w.done(),
                _ => {
                    if call.resumed == Some(Resume::Sync) {
                        w.wait_resume(gid)
                    } else {
                        w.wait(gid)
                    }
                }
            },
            _ => SyncOutcome::done(),
        };
        let name = match call.native {
            Native::WgAdd => "Add",
            Native::WgDone => "Done",
            _ => "Wait",
        };
        self.apply_sync(
            g,
            call,
            SyncStep {
                outcome: out,
                results: vec![],
                obj: id,
                op: name,
            },
        )
    }

    /// The notify list behind `sync.Cond` (runtime/sema.go's notifyList*).
    pub(super) fn notify_list(&mut self, g: &mut Goroutine, call: &NativeCall) -> OpResult {
        match call.native {
            Native::NotifyListAdd => {
                let id =
                    self.handle(&call.arg(0), false, || HeapObj::NotifyList(Box::default()))?;
                let t = match self.heap.get_mut(id) {
                    Some(HeapObj::NotifyList(l)) => l.add(),
                    _ => 0,
                };
                g.finish(call.argc, vec![Value::Int(t as i64)]);
                Ok(Flow::Next)
            }
            Native::NotifyListWait => {
                let id =
                    self.handle(&call.arg(0), false, || HeapObj::NotifyList(Box::default()))?;
                if call.resumed == Some(Resume::Notified) || call.resumed == Some(Resume::Sync) {
                    g.finish(call.argc, vec![]);
                    return Ok(Flow::Visible);
                }
                let t = call.arg(1).as_int() as u32;
                let gid = g.id;
                let out = match self.heap.get_mut(id) {
                    Some(HeapObj::NotifyList(l)) => l.wait(gid, t),
                    _ => SyncOutcome::done(),
                };
                self.apply_sync(
                    g,
                    call,
                    SyncStep {
                        outcome: out,
                        results: vec![],
                        obj: id,
                        op: "Wait",
                    },
                )
            }
            Native::NotifyListNotifyOne | Native::NotifyListNotifyAll => {
                let id =
                    self.handle(&call.arg(0), false, || HeapObj::NotifyList(Box::default()))?;
                let w = match self.heap.get_mut(id) {
                    Some(HeapObj::NotifyList(l)) => {
                        if call.native == Native::NotifyListNotifyOne {
                            l.notify_one()
                        } else {
                            l.notify_all()
                        }
                    }
                    _ => Default::default(),
                };
                for gid in w.ready {
                    self.ready(gid, Resume::Notified);
                }
                g.finish(call.argc, vec![]);
                let name = if call.native == Native::NotifyListNotifyOne {
                    "Signal"
                } else {
                    "Broadcast"
                };
                self.record(g.id, call.span, EventKind::Sync { obj: id, op: name });
                Ok(Flow::Visible)
            }
            _ => Err(misrouted()),
        }
    }

    /// `sync.Map`: mirrors sync/map.go's operations, with Go 1.15's
    /// `Delete` when the run simulates that release.
    pub(super) fn sync_map(&mut self, g: &mut Goroutine, call: &NativeCall) -> OpResult {
        let make: fn() -> HeapObj = if self.cfg.go_version.syncmap_delete_keeps_dirty() {
            || HeapObj::SyncMap(Box::new(SyncMap::new(true)))
        } else {
            || HeapObj::SyncMap(Box::new(SyncMap::new(false)))
        };
        let id = self.handle(&call.arg(0), true, make)?;
        let k = call.arg(1);
        let v = call.arg(2);
        if !matches!(call.native, Native::MapClear | Native::MapSnapshot) {
            convert::check_hashable(&self.prog.types, &k)?;
        }
        let key = self.map_key(&k)?;
        let weight = match call.native {
            Native::MapStore | Native::MapLoadOrStore | Native::MapSwap => {
                // An entry in `read`, `dirty` or both: charged as two.
                self.heap
                    .charge(2 * cost::MAP_ENTRY + key.extra_bytes() as u64)?;
                Weight {
                    key: self.held_bytes(&k),
                    value: self.held_bytes(&v),
                }
            }
            _ => Weight::default(),
        };
        let mut results = Vec::new();
        let mut new_arrays: Option<(Vec<Value>, Vec<Value>)> = None;
        if let Some(HeapObj::SyncMap(m)) = self.heap.get_mut(id) {
            match call.native {
                Native::MapLoad => {
                    let r = m.load(&key);
                    results.push(r.as_ref().map(|p| p.1.clone()).unwrap_or(Value::Nil));
                    results.push(Value::Bool(r.is_some()));
                }
                Native::MapStore => m.store_weighed(key, (k, v), weight),
                Native::MapLoadOrStore => {
                    let (actual, loaded) = m.load_or_store_weighed(key, (k, v), weight);
                    results.push(actual.1);
                    results.push(Value::Bool(loaded));
                }
                Native::MapLoadAndDelete => {
                    let r = m.load_and_delete(&key);
                    results.push(r.as_ref().map(|p| p.1.clone()).unwrap_or(Value::Nil));
                    results.push(Value::Bool(r.is_some()));
                }
                Native::MapDelete => m.delete(&key),
                Native::MapSwap => {
                    let r = m.swap_weighed(key, (k, v), weight);
                    results.push(r.as_ref().map(|p| p.1.clone()).unwrap_or(Value::Nil));
                    results.push(Value::Bool(r.is_some()));
                }
                Native::MapClear => m.clear(),
                _ => {
                    let pairs = m.range_pairs();
                    let ks = pairs.iter().map(|(_, p)| p.0.clone()).collect();
                    let vs = pairs.iter().map(|(_, p)| p.1.clone()).collect();
                    new_arrays = Some((ks, vs));
                }
            }
        }
        self.race_sync(g.id, id, "Map");
        if let Some((ks, vs)) = new_arrays {
            let ks = slice::from_vec(&mut self.heap, ks)?;
            let vs = slice::from_vec(&mut self.heap, vs)?;
            results = vec![ks, vs];
        }
        g.finish(call.argc, results);
        Ok(Flow::Visible)
    }
}

impl Vm {
    /// About the bytes an `any` holding `v` keeps alive: the interface's
    /// two words, plus the value boxed behind it (`unsafe.Sizeof` of its
    /// dynamic type) and a string's bytes. An estimate for the UI's
    /// memory picture, not the allocator's exact figure.
    pub fn held_bytes(&self, v: &Value) -> u64 {
        match v {
            Value::Iface(iv) => {
                let boxed = self.prog.types.size_of(iv.0);
                let text = match &iv.1 {
                    Value::Str(s) => s.len() as u64,
                    _ => 0,
                };
                16 + boxed + text
            }
            _ => 16,
        }
    }
}
