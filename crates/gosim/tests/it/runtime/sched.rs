//! Run-queue order under Go's GOMAXPROCS=1 policy (runtime/proc.go).

use gosim::runtime::sched::{RunQueue, LOCAL_RUNQ_SIZE};
use gosim::runtime::WaitReason;

/// Drain the queue in Go's default order.
fn drain(q: &mut RunQueue) -> Vec<u32> {
    let mut out = Vec::new();
    while let Some(g) = q.find_runnable() {
        out.push(g);
    }
    out
}

#[test]
fn newest_goroutine_takes_runnext_and_displaced_one_goes_to_tail() {
    let mut q = RunQueue::new();
    // main (g1) starts g2, g3, g4 (case 14's three goroutines), then blocks.
    q.ready(2);
    q.ready(3);
    q.ready(4);
    assert_eq!(q.runnext, Some(4));
    assert_eq!(q.runq.iter().copied().collect::<Vec<_>>(), vec![2, 3]);
    assert_eq!(q.runnable(), vec![4, 2, 3]);
    // The last created runs first, then the others in creation order: "2 0 1".
    assert_eq!(drain(&mut q), vec![4, 2, 3]);
    assert!(q.is_empty());
}

#[test]
fn put_tail_and_yield_do_not_touch_runnext() {
    let mut q = RunQueue::new();
    q.ready(5);
    q.put_tail(6);
    q.yield_current(7);
    assert_eq!(q.runqget(), Some((5, true)));
    assert_eq!(q.runqget(), Some((6, false)));
    assert_eq!(q.runqget(), Some((7, false)));
    assert_eq!(q.runqget(), None);
}

#[test]
fn full_local_queue_spills_older_half_and_new_goroutine_to_global() {
    let mut q = RunQueue::new();
    for g in 0..LOCAL_RUNQ_SIZE as u32 {
        q.put_tail(g);
    }
    assert!(q.global.is_empty());
    q.put_tail(1000);
    assert_eq!(q.runq.len(), LOCAL_RUNQ_SIZE / 2);
    assert_eq!(q.global.len(), LOCAL_RUNQ_SIZE / 2 + 1);
    assert_eq!(q.global.front(), Some(&0));
    assert_eq!(q.global.back(), Some(&1000));
    assert_eq!(q.runq.front(), Some(&(LOCAL_RUNQ_SIZE as u32 / 2)));
    assert_eq!(q.len(), LOCAL_RUNQ_SIZE + 1);
}

#[test]
fn every_61st_tick_checks_the_global_queue_first() {
    let mut q = RunQueue::new();
    q.global.push_back(99);
    for g in 1..=100 {
        q.put_tail(g);
    }
    // schedtick starts at 0: the first pick is a fairness tick.
    assert_eq!(q.find_runnable(), Some(99));
    assert_eq!(q.schedtick, 1);
    q.global.push_back(98);
    let picked: Vec<u32> = (0..60)
        .map(|_| q.find_runnable().expect("queue is not empty"))
        .collect();
    assert_eq!(picked, (1..=60).collect::<Vec<_>>());
    assert_eq!(q.schedtick, 61);
    assert_eq!(q.find_runnable(), Some(98));
    assert_eq!(q.find_runnable(), Some(61));
}

#[test]
fn runnext_does_not_advance_schedtick() {
    let mut q = RunQueue::new();
    q.ready(1);
    assert_eq!(q.find_runnable(), Some(1));
    assert_eq!(q.schedtick, 0);
    q.put_tail(2);
    assert_eq!(q.find_runnable(), Some(2));
    assert_eq!(q.schedtick, 1);
}

#[test]
fn remove_takes_a_goroutine_from_any_queue() {
    let mut q = RunQueue::new();
    q.ready(1);
    q.ready(2);
    q.global.push_back(3);
    assert!(q.contains(3));
    assert!(q.remove(1));
    assert!(q.remove(3));
    assert!(!q.remove(42));
    assert_eq!(q.runnable(), vec![2]);
}

#[test]
fn wait_reasons_print_as_go_does() {
    let cases = [
        (WaitReason::ChanSend, "chan send"),
        (WaitReason::ChanReceive, "chan receive"),
        (WaitReason::ChanSendNilChan, "chan send (nil chan)"),
        (WaitReason::ChanReceiveNilChan, "chan receive (nil chan)"),
        (WaitReason::Select, "select"),
        (WaitReason::SelectNoCases, "select (no cases)"),
        (WaitReason::Sleep, "sleep"),
        (WaitReason::Semacquire, "semacquire"),
        (WaitReason::SyncMutexLock, "sync.Mutex.Lock"),
        (WaitReason::SyncRWMutexRLock, "sync.RWMutex.RLock"),
        (WaitReason::SyncRWMutexLock, "sync.RWMutex.Lock"),
        (WaitReason::SyncWaitGroupWait, "sync.WaitGroup.Wait"),
        (WaitReason::SyncCondWait, "sync.Cond.Wait"),
        (WaitReason::IoWait, "IO wait"),
    ];
    for (reason, words) in cases {
        assert_eq!(reason.as_go_str(), words);
        assert_eq!(reason.as_go_str_for(27), words);
    }
    // Case 4: main prints [semacquire] under go1.21 and [sync.WaitGroup.Wait] under 1.27.
    assert_eq!(
        WaitReason::SyncWaitGroupWait.as_go_str_for(21),
        "semacquire"
    );
    assert_eq!(
        WaitReason::SyncWaitGroupWait.as_go_str_for(23),
        "semacquire"
    );
    assert_eq!(
        WaitReason::SyncWaitGroupWait.as_go_str_for(24),
        "sync.WaitGroup.Wait"
    );
    assert_eq!(
        WaitReason::SyncMutexLock.as_go_str_for(21),
        "sync.Mutex.Lock"
    );
}

/// Collapse a sequence into runs of consecutive numbers.
fn runs(order: &[u32]) -> Vec<(u32, u32)> {
    let mut out: Vec<(u32, u32)> = Vec::new();
    for &g in order {
        match out.last_mut() {
            Some((_, end)) if *end + 1 == g => *end = g,
            _ => out.push((g, g)),
        }
    }
    out
}

/// `for i := 0; i < 600; i++ { go func() { println(i); wg.Done() }() }`
/// then `wg.Wait()`: real Go 1.27 with GOMAXPROCS=1 printed the goroutines
/// in this order (as runs of consecutive i), every time.
#[test]
fn six_hundred_goroutines_run_in_real_gos_order() {
    const RUNTIME_G: u32 = u32::MAX;
    let mut q = RunQueue::at_main_start(&[RUNTIME_G]);
    for i in 0..600 {
        q.ready(i);
    }
    let order: Vec<u32> = drain(&mut q)
        .into_iter()
        .filter(|&g| g != RUNTIME_G)
        .collect();
    assert_eq!(
        runs(&order),
        vec![
            (599, 599),
            (385, 501),
            (0, 0),
            (502, 512),
            (514, 562),
            (1, 1),
            (563, 598),
            (2, 25),
            (129, 129),
            (26, 85),
            (130, 130),
            (86, 126),
            (255, 255),
            (127, 128),
            (131, 146),
            (259, 259),
            (147, 206),
            (260, 260),
            (207, 254),
            (384, 384),
            (256, 258),
            (261, 383),
            (513, 513),
        ]
    );
}

/// The same program built with go1.21.13 (whose runtime queues no goroutine
/// of its own before main.main) ran in this order.
#[test]
fn six_hundred_goroutines_run_in_go121_order() {
    let mut q = RunQueue::at_main_start(&[]);
    for i in 0..600 {
        q.ready(i);
    }
    let order = drain(&mut q);
    assert_eq!(order.len(), 600);
    assert_eq!(
        runs(&order),
        vec![
            (599, 599),
            (386, 442),
            (0, 0),
            (443, 502),
            (1, 1),
            (503, 513),
            (515, 563),
            (2, 2),
            (564, 598),
            (3, 27),
            (130, 130),
            (28, 87),
            (131, 131),
            (88, 127),
            (256, 256),
            (128, 129),
            (132, 148),
            (260, 260),
            (149, 208),
            (261, 261),
            (209, 255),
            (385, 385),
            (257, 259),
            (262, 384),
            (514, 514),
        ]
    );
}
