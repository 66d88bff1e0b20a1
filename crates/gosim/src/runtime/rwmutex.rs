//! `sync.RWMutex`, mirroring sync/rwmutex.go: the writers' mutex `w`,
//! `writerSem`, `readerSem`, `readerCount` (negative while a writer is
//! pending: `-rwmutexMaxReaders` is added), `readerWait` (readers the pending
//! writer still waits for). This gives Go's writer preference: once a writer
//! announces itself, new readers queue behind it, so a recursive `RLock`
//! by a goroutine that already holds a read lock deadlocks when a writer
//! arrives in between.
//!
//! Besides Go's counters it records the goroutines holding the read lock and
//! the one holding the write lock, for display (Go tracks neither; like Go it
//! allows unlocking from another goroutine). It owns no goroutine state
//! other than which stage of `Lock`/`RLock` a parked goroutine is in.
//!
//! Wake protocol: **resume**. Any parked goroutine is continued with
//! [`RWMutex::resume`]. Wait reasons are Go's: `sync.RWMutex.RLock` on
//! `readerSem`, `sync.Mutex.Lock` while a writer queues on `w` behind another
//! writer, `sync.RWMutex.Lock` on `writerSem` waiting for readers to leave.

use serde::Serialize;

use super::mutex::{Mutex, MutexSnapshot};
use super::sema::{Acquire, Sema};
use super::{Gid, GoError, SyncOutcome, WaitReason, Wakes};

/// `rwmutexMaxReaders`.
pub const RWMUTEX_MAX_READERS: i32 = 1 << 30;

/// Where a parked goroutine is inside `Lock` or `RLock`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
pub enum RwStage {
    /// `RLock` parked on `readerSem`.
    ReaderSem,
    /// `Lock` parked on `w.Lock()`.
    WriterMutex,
    /// `Lock` parked on `writerSem`.
    WriterSem,
}

/// An RWMutex as the UI draws it.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize)]
pub struct RWMutexSnapshot {
    /// Write-lock holder (display only; Go does not track it).
    pub writer: Option<Gid>,
    /// Read-lock holders in acquisition order (display only).
    pub readers: Vec<Gid>,
    pub reader_count: i32,
    pub reader_wait: i32,
    /// Readers parked behind a writer, in wake order.
    pub queued_readers: Vec<Gid>,
    /// Writers parked on `writerSem`, then on `w`, in wake order.
    pub queued_writers: Vec<Gid>,
    /// The writers' mutex.
    pub w: MutexSnapshot,
}

/// `sync.RWMutex`.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash, Serialize)]
pub struct RWMutex {
    w: Mutex,
    writer_sem: Sema,
    reader_sem: Sema,
    reader_count: i32,
    reader_wait: i32,
    /// Goroutines holding a read lock, in acquisition order (a goroutine
    /// appears once per RLock it holds). Display only.
    readers: Vec<Gid>,
    /// The goroutine holding the write lock. Display only.
    writer: Option<Gid>,
    /// Parked goroutines and their stage.
    parked: Vec<(Gid, RwStage)>,
}

impl RWMutex {
    /// What copying the struct gives: the counts and the writer's mutex
    /// state, no parked goroutines (they wait on the original).
    pub fn copied(&self) -> RWMutex {
        RWMutex {
            w: self.w.copied(),
            writer_sem: self.writer_sem.copied(),
            reader_sem: self.reader_sem.copied(),
            reader_count: self.reader_count,
            reader_wait: self.reader_wait,
            readers: self.readers.clone(),
            writer: self.writer,
            parked: Vec::new(),
        }
    }
}

impl RWMutex {
    pub fn new() -> Self {
        RWMutex::default()
    }

    /// `readerCount`.
    pub fn reader_count(&self) -> i32 {
        self.reader_count
    }

    /// `readerWait`.
    pub fn reader_wait(&self) -> i32 {
        self.reader_wait
    }

    /// The inner writers' mutex `w`.
    pub fn w(&self) -> &Mutex {
        &self.w
    }

    /// Read-lock holders (display).
    pub fn readers(&self) -> &[Gid] {
        &self.readers
    }

    /// Write-lock holder (display).
    pub fn writer(&self) -> Option<Gid> {
        self.writer
    }

    /// Readers parked on `readerSem` behind a writer, in wake order.
    pub fn queued_readers(&self) -> Vec<Gid> {
        self.reader_sem.waiters().collect()
    }

    /// Writers parked: first the one (if any) on `writerSem` waiting for
    /// readers, then those queued on `w`, in wake order.
    pub fn queued_writers(&self) -> Vec<Gid> {
        self.writer_sem.waiters().chain(self.w.waiters()).collect()
    }

    /// Everything the UI shows about this RWMutex.
    pub fn snapshot(&self) -> RWMutexSnapshot {
        RWMutexSnapshot {
            writer: self.writer,
            readers: self.readers.clone(),
            reader_count: self.reader_count,
            reader_wait: self.reader_wait,
            queued_readers: self.queued_readers(),
            queued_writers: self.queued_writers(),
            w: self.w.snapshot(),
        }
    }

    /// The stage goroutine `g` is parked in, if any.
    pub fn stage_of(&self, g: Gid) -> Option<RwStage> {
        self.parked.iter().find(|(x, _)| *x == g).map(|(_, s)| *s)
    }

    fn set_stage(&mut self, g: Gid, stage: RwStage) {
        match self.parked.iter_mut().find(|(x, _)| *x == g) {
            Some(entry) => entry.1 = stage,
            None => self.parked.push((g, stage)),
        }
    }

    fn clear_stage(&mut self, g: Gid) {
        self.parked.retain(|(x, _)| *x != g);
    }

    /// `RLock`: count ourselves in; if a writer is pending (`readerCount`
    /// went negative) wait on `readerSem`.
    pub fn rlock(&mut self, g: Gid) -> SyncOutcome {
        self.reader_count += 1;
        if self.reader_count < 0 {
            return match self.reader_sem.acquire(g, false) {
                Acquire::Parked => {
                    self.set_stage(g, RwStage::ReaderSem);
                    SyncOutcome::Park(WaitReason::SyncRWMutexRLock)
                }
                Acquire::Acquired => {
                    self.readers.push(g);
                    SyncOutcome::done()
                }
            };
        }
        self.readers.push(g);
        SyncOutcome::done()
    }

    /// `RUnlock` / `rUnlockSlow`: the last departing reader a pending writer
    /// waits for releases `writerSem`. Without a read lock held this is the
    /// fatal error "sync: RUnlock of unlocked RWMutex".
    pub fn runlock(&mut self, g: Gid) -> SyncOutcome {
        let r = self.reader_count - 1;
        if r < 0 && (r + 1 == 0 || r + 1 == -RWMUTEX_MAX_READERS) {
            return SyncOutcome::Fail(GoError::RUnlockOfUnlockedRWMutex);
        }
        self.reader_count = r;
        match self.readers.iter().position(|&x| x == g) {
            Some(i) => {
                self.readers.remove(i);
            }
            None if !self.readers.is_empty() => {
                self.readers.remove(0);
            }
            None => {}
        }
        if r < 0 {
            // A writer is pending.
            self.reader_wait -= 1;
            if self.reader_wait == 0 {
                let rel = self.writer_sem.release(false);
                return SyncOutcome::Done(Wakes {
                    ready: rel.woken.into_iter().collect(),
                    yield_now: rel.yield_now,
                });
            }
        }
        SyncOutcome::done()
    }

    /// `Lock`: first win `w` against other writers, then announce the
    /// pending writer and wait on `writerSem` for the active readers.
    pub fn lock(&mut self, g: Gid, now: i64) -> SyncOutcome {
        match self.w.lock(g, now) {
            SyncOutcome::Park(reason) => {
                self.set_stage(g, RwStage::WriterMutex);
                SyncOutcome::Park(reason)
            }
            SyncOutcome::Fail(e) => SyncOutcome::Fail(e),
            SyncOutcome::Done(_) => self.lock_after_w(g),
        }
    }

    fn lock_after_w(&mut self, g: Gid) -> SyncOutcome {
        let r = self.reader_count;
        self.reader_count -= RWMUTEX_MAX_READERS;
        if r != 0 {
            self.reader_wait += r;
            if self.reader_wait != 0 {
                match self.writer_sem.acquire(g, false) {
                    Acquire::Parked => {
                        self.set_stage(g, RwStage::WriterSem);
                        return SyncOutcome::Park(WaitReason::SyncRWMutexLock);
                    }
                    Acquire::Acquired => {}
                }
            }
        }
        self.clear_stage(g);
        self.writer = Some(g);
        SyncOutcome::done()
    }

    /// A parked goroutine `g` runs again: continue its `RLock` or `Lock`.
    /// A goroutine not parked here completes at once (nothing to resume).
    pub fn resume(&mut self, g: Gid, now: i64) -> SyncOutcome {
        match self.stage_of(g) {
            None => SyncOutcome::done(),
            Some(RwStage::ReaderSem) => match self.reader_sem.resume(g) {
                Acquire::Parked => SyncOutcome::Park(WaitReason::SyncRWMutexRLock),
                Acquire::Acquired => {
                    self.clear_stage(g);
                    self.readers.push(g);
                    SyncOutcome::done()
                }
            },
            Some(RwStage::WriterMutex) => match self.w.lock_resume(g, now) {
                SyncOutcome::Done(_) => self.lock_after_w(g),
                other => other,
            },
            Some(RwStage::WriterSem) => match self.writer_sem.resume(g) {
                Acquire::Parked => SyncOutcome::Park(WaitReason::SyncRWMutexLock),
                Acquire::Acquired => {
                    self.clear_stage(g);
                    self.writer = Some(g);
                    SyncOutcome::done()
                }
            },
        }
    }

    /// `Unlock`: announce no active writer, release every reader that
    /// queued meanwhile (in order), then unlock `w` for the next writer.
    /// Without the write lock held this is the fatal error
    /// "sync: Unlock of unlocked RWMutex".
    pub fn unlock(&mut self) -> SyncOutcome {
        let r = self.reader_count + RWMUTEX_MAX_READERS;
        if r >= RWMUTEX_MAX_READERS {
            return SyncOutcome::Fail(GoError::UnlockOfUnlockedRWMutex);
        }
        self.reader_count = r;
        self.writer = None;
        let mut wakes = Wakes::none();
        for _ in 0..r {
            let rel = self.reader_sem.release(false);
            wakes.ready.extend(rel.woken);
            wakes.yield_now |= rel.yield_now;
        }
        match self.w.unlock() {
            SyncOutcome::Done(more) => wakes.absorb(more),
            other => return other,
        }
        SyncOutcome::Done(wakes)
    }

    /// Forget goroutine `g` (it no longer exists).
    pub fn forget(&mut self, g: Gid) {
        self.w.forget(g);
        self.writer_sem.forget(g);
        self.reader_sem.forget(g);
        self.clear_stage(g);
    }
}
