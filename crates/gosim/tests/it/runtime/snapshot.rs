//! The snapshot views the UI draws (issue 4): channels, locks, WaitGroup,
//! Cond, timers, sync.Map.

use gosim::runtime::chan::{Chan, SelectCase, Sudog};
use gosim::runtime::cond::{NotifyList, Once};
use gosim::runtime::mutex::{Mutex, MutexState};
use gosim::runtime::rwmutex::RWMutex;
use gosim::runtime::sched::RunQueue;
use gosim::runtime::select::{self, Case};
use gosim::runtime::syncmap::{EntryP, SyncMap};
use gosim::runtime::timers::{TimerKind, TimerSemantics, Timers};
use gosim::runtime::waitgroup::WaitGroup;

fn is_serialize<T: serde::Serialize>(_: &T) -> bool {
    true
}

#[test]
fn channel_snapshot_shows_ring_slots_and_queues_with_values() {
    let mut chans = vec![Chan::new("int", 2)];
    chans[0].send(1, 10, true);
    chans[0].recv(1, true);
    chans[0].send(1, 11, true);
    chans[0].send(1, 12, true);
    chans[0].send(3, 13, true); // parks
    select::park(
        4,
        &[Case::Send {
            chan: Some(0),
            value: 14,
        }],
        &mut chans,
    );
    let s = chans[0].snapshot();
    assert_eq!(
        (
            s.elem_type.as_str(),
            s.dataqsiz,
            s.qcount,
            s.sendx,
            s.recvx,
            s.closed
        ),
        ("int", 2, 2, 1, 1, false)
    );
    assert_eq!(s.buffer, vec![(1, 11), (0, 12)]);
    assert_eq!(
        s.sendq,
        vec![
            Sudog {
                g: 3,
                elem: Some(13),
                select: None
            },
            Sudog {
                g: 4,
                elem: Some(14),
                select: Some(SelectCase { case_index: 0 })
            }
        ]
    );
    assert!(s.recvq.is_empty());
    assert!(is_serialize(&s));
}

#[test]
fn lock_snapshots_show_holders_and_queues() {
    let mut m = Mutex::new();
    m.lock(1, 0);
    m.lock(2, 0);
    let s = m.snapshot();
    assert_eq!(s.holder, Some(1));
    assert_eq!(
        s.state,
        MutexState {
            locked: true,
            woken: false,
            starving: false,
            waiters: 1
        }
    );
    assert_eq!(s.waiters, vec![2]);
    assert!(is_serialize(&s));

    let mut rw = RWMutex::new();
    rw.rlock(5);
    rw.lock(6, 0);
    rw.lock(7, 0);
    rw.rlock(8);
    let s = rw.snapshot();
    assert_eq!(s.readers, vec![5]);
    assert_eq!(s.writer, None);
    assert_eq!(s.queued_readers, vec![8]);
    assert_eq!(s.queued_writers, vec![6, 7]);
    assert_eq!(s.w.holder, Some(6));
    assert_eq!((s.reader_count, s.reader_wait), (2 - (1 << 30), 1));
    assert!(is_serialize(&s));
}

#[test]
fn waitgroup_cond_once_timers_and_syncmap_snapshots() {
    let mut wg = WaitGroup::new();
    wg.add(2);
    wg.wait(1);
    let s = wg.snapshot();
    assert_eq!(
        (s.counter, s.waiter_count, s.waiters.clone()),
        (2, 1, vec![1])
    );
    assert!(is_serialize(&s));

    let mut c = NotifyList::new();
    let t = c.add();
    c.wait(3, t);
    c.add();
    let s = c.snapshot();
    assert_eq!((s.wait, s.notify, s.waiters.clone()), (2, 0, vec![(3, 0)]));
    assert!(is_serialize(&s));

    let o = Once::new();
    assert!(is_serialize(&o));
    assert!(!o.done);

    let mut timers = Timers::new(TimerSemantics::Async);
    let id = timers.add(5, 0, TimerKind::Chan, "ch7");
    timers.stop(id);
    timers.add(9, 0, TimerKind::Func, "wake g2");
    let s = timers.snapshot();
    assert_eq!(s.now, 0);
    assert_eq!(s.live, 1);
    assert_eq!(
        s.timers.iter().map(|t| t.payload).collect::<Vec<_>>(),
        vec!["ch7", "wake g2"]
    );
    assert!(is_serialize(&s));
    assert!(TimerSemantics::Sync.stop_result(false, true));
    assert!(!TimerSemantics::Async.stop_result(false, true));
    assert_eq!(
        (
            TimerSemantics::Async.reported_cap(),
            TimerSemantics::Sync.reported_cap()
        ),
        (1, 0)
    );
    assert_eq!(TimerSemantics::Async.reported_len(1), 1);
    assert_eq!(TimerSemantics::Sync.reported_len(1), 0);

    let mut m: SyncMap<String, i64> = SyncMap::new(false);
    m.store("k".to_string(), 1);
    let s = m.snapshot();
    assert_eq!(s.read, vec![]);
    assert!(s.amended);
    assert_eq!(s.dirty, Some(vec![("k".to_string(), EntryP::Value(1))]));
    assert_eq!(s.misses, 0);
    assert!(is_serialize(&s));

    assert!(is_serialize(&RunQueue::new()));
}

#[test]
fn structures_are_values_clones_are_independent() {
    let mut a: Chan<i64> = Chan::new("int", 1);
    let b = a.clone();
    a.send(1, 1, true);
    assert_eq!(a.qcount(), 1);
    assert_eq!(b.qcount(), 0);
    assert_ne!(a, b);
}

fn hash_of<T: std::hash::Hash>(t: &T) -> u64 {
    use std::hash::Hasher;
    let mut h = std::collections::hash_map::DefaultHasher::new();
    t.hash(&mut h);
    h.finish()
}

#[test]
fn equal_states_hash_equal_for_step_back_checks() {
    let mut a: Chan<i64> = Chan::new("int", 2);
    a.send(1, 5, true);
    let mut b: Chan<i64> = Chan::new("int", 2);
    b.send(1, 4, true);
    b.send(1, 5, true);
    b.recv(1, true);
    // Same contents, different ring position: not the same state.
    assert_eq!(
        a.snapshot().buffer.iter().map(|x| x.1).collect::<Vec<_>>(),
        vec![5]
    );
    assert_ne!(a, b);
    let mut c: Chan<i64> = Chan::new("int", 2);
    c.send(1, 4, true);
    c.send(1, 5, true);
    c.recv(1, true);
    assert_eq!(b, c);
    assert_eq!(hash_of(&b), hash_of(&c));
    let mut m1 = Mutex::new();
    let mut m2 = Mutex::new();
    m1.lock(1, 0);
    m1.unlock();
    assert_eq!(hash_of(&m1), hash_of(&m2));
    m2.lock(1, 0);
    assert_ne!(hash_of(&m1), hash_of(&m2));
}
