//! Seeded random schedules over Mutex and RWMutex: mutual exclusion always
//! holds, the holder shown for display is right, and no wake-up is ever lost
//! (every goroutine finishes its lock/unlock rounds). Deterministic: fixed
//! seeds, the crate's `SplitMix` generator, no clock.

use gosim::runtime::mutex::Mutex;
use gosim::runtime::rwmutex::RWMutex;
use gosim::runtime::{Gid, SyncOutcome};
use gosim::SplitMix;

/// A seeded value in `0..n`, as a `usize` for indexing.
fn below(rng: &mut SplitMix, n: usize) -> usize {
    rng.below(n as u64) as usize
}

#[derive(Clone, Copy, Debug, PartialEq)]
enum St {
    /// Wants to lock; this many rounds left.
    Idle(u32),
    Holding(u32),
    Parked(u32),
    /// Readied by an unlock; must resume.
    Woken(u32),
    Finished,
}

fn runnable(sts: &[St]) -> Vec<usize> {
    (0..sts.len())
        .filter(|&i| matches!(sts[i], St::Idle(_) | St::Holding(_) | St::Woken(_)))
        .collect()
}

fn gid(i: usize) -> Gid {
    i as Gid + 1
}

fn wake(sts: &mut [St], ready: &[Gid]) {
    for &g in ready {
        let i = (g - 1) as usize;
        match sts[i] {
            St::Parked(k) => sts[i] = St::Woken(k),
            other => panic!("woke goroutine {g} that was {other:?}"),
        }
    }
}

fn run_mutex(seed: u64, goroutines: usize, rounds: u32) -> u64 {
    let mut rng = SplitMix(seed);
    let mut m = Mutex::new();
    let mut sts = vec![St::Idle(rounds); goroutines];
    let mut now: i64 = 0;
    let mut steps = 0u64;
    let mut starving_seen = 0u64;
    loop {
        let r = runnable(&sts);
        if r.is_empty() {
            assert!(
                sts.iter().all(|s| *s == St::Finished),
                "seed {seed}: lost wake-up: {sts:?}"
            );
            return starving_seen;
        }
        steps += 1;
        assert!(steps < 1_000_000, "seed {seed}: no progress");
        now += (below(&mut rng, 4) as i64) * 400_000;
        let i = r[below(&mut rng, r.len())];
        let g = gid(i);
        let out = match sts[i] {
            St::Idle(k) => {
                let out = m.lock(g, now);
                (k, out)
            }
            St::Woken(k) => (k, m.lock_resume(g, now)),
            St::Holding(k) => {
                assert_eq!(m.holder(), Some(g));
                match m.unlock() {
                    SyncOutcome::Done(w) => {
                        wake(&mut sts, &w.ready);
                        sts[i] = if k > 1 { St::Idle(k - 1) } else { St::Finished };
                    }
                    other => panic!("seed {seed}: unlock by holder gave {other:?}"),
                }
                continue;
            }
            other => panic!("not runnable: {other:?}"),
        };
        match out {
            (k, SyncOutcome::Done(_)) => sts[i] = St::Holding(k),
            (k, SyncOutcome::Park(_)) => sts[i] = St::Parked(k),
            (_, SyncOutcome::Fail(e)) => panic!("seed {seed}: lock failed: {e:?}"),
        }
        let holders = sts.iter().filter(|s| matches!(s, St::Holding(_))).count();
        assert!(holders <= 1, "seed {seed}: two holders: {sts:?}");
        if m.state().starving {
            starving_seen += 1;
        }
    }
}

#[test]
fn mutex_random_schedules_keep_exclusion_and_lose_no_wakeups() {
    let mut starving = 0;
    for seed in 1..=500u64 {
        starving += run_mutex(
            seed.wrapping_mul(0x9E37_79B9_7F4A_7C15),
            2 + (seed % 5) as usize,
            6,
        );
    }
    // The random clock makes waiters wait over 1 ms: starvation mode is
    // exercised, not just normal mode.
    assert!(starving > 0);
}

#[derive(Clone, Copy, Debug, PartialEq)]
enum Role {
    Reader,
    Writer,
}

fn run_rwmutex(seed: u64, roles: &[Role], rounds: u32) {
    let mut rng = SplitMix(seed);
    let mut rw = RWMutex::new();
    let mut sts = vec![St::Idle(rounds); roles.len()];
    let mut steps = 0u64;
    loop {
        let r = runnable(&sts);
        if r.is_empty() {
            assert!(
                sts.iter().all(|s| *s == St::Finished),
                "seed {seed}: lost wake-up: {sts:?} {rw:?}"
            );
            assert_eq!((rw.reader_count(), rw.reader_wait()), (0, 0));
            return;
        }
        steps += 1;
        assert!(steps < 1_000_000, "seed {seed}: no progress");
        let i = r[below(&mut rng, r.len())];
        let g = gid(i);
        let out = match (sts[i], roles[i]) {
            (St::Idle(k), Role::Reader) => (k, rw.rlock(g)),
            (St::Idle(k), Role::Writer) => (k, rw.lock(g, 0)),
            (St::Woken(k), _) => (k, rw.resume(g, 0)),
            (St::Holding(k), role) => {
                let out = match role {
                    Role::Reader => rw.runlock(g),
                    Role::Writer => rw.unlock(),
                };
                match out {
                    SyncOutcome::Done(w) => {
                        wake(&mut sts, &w.ready);
                        sts[i] = if k > 1 { St::Idle(k - 1) } else { St::Finished };
                    }
                    other => panic!("seed {seed}: unlock gave {other:?}"),
                }
                continue;
            }
            other => panic!("not runnable: {other:?}"),
        };
        match out {
            (k, SyncOutcome::Done(_)) => sts[i] = St::Holding(k),
            (k, SyncOutcome::Park(_)) => sts[i] = St::Parked(k),
            (_, SyncOutcome::Fail(e)) => panic!("seed {seed}: lock failed: {e:?}"),
        }
        let holding = |role: Role| {
            (0..roles.len())
                .filter(|&j| roles[j] == role && matches!(sts[j], St::Holding(_)))
                .collect::<Vec<_>>()
        };
        let writers = holding(Role::Writer);
        let readers = holding(Role::Reader);
        assert!(writers.len() <= 1, "seed {seed}: two writers");
        assert!(
            writers.is_empty() || readers.is_empty(),
            "seed {seed}: reader with writer"
        );
        assert_eq!(rw.writer(), writers.first().map(|&j| gid(j)));
        let mut shown: Vec<Gid> = rw.readers().to_vec();
        shown.sort_unstable();
        assert_eq!(shown, readers.iter().map(|&j| gid(j)).collect::<Vec<_>>());
    }
}

#[test]
fn rwmutex_random_schedules_keep_exclusion_and_lose_no_wakeups() {
    use Role::{Reader as R, Writer as W};
    let mixes: [&[Role]; 4] = [&[R, R, W], &[W, W, R, R, R], &[R, W, R, W], &[W, W, W]];
    for seed in 1..=500u64 {
        let roles = mixes[(seed % 4) as usize];
        run_rwmutex(seed.wrapping_mul(0x2545_F491_4F6C_DD1D), roles, 5);
    }
}

mod channels {
    //! Producers, plain consumers and a select consumer over two channels
    //! of random capacity, under random schedules: every value is received
    //! exactly once, each producer's values leave the channel in the order
    //! they were sent, and close wakes everyone (no goroutine is left
    //! parked).

    use super::below;
    use gosim::runtime::chan::{Chan, ChanWake, Delivery, RecvOutcome, RecvValue, SendOutcome};
    use gosim::runtime::select::{self, Case, Poll};
    use gosim::runtime::Gid;
    use gosim::SplitMix;

    #[derive(Clone, Debug, PartialEq)]
    enum Kind {
        Producer { chan: usize, next: i64, last: i64 },
        Consumer { chan: usize },
        Selector { open: [bool; 2] },
        Closer,
    }

    #[derive(Clone, Debug, PartialEq)]
    enum St {
        Ready,
        Parked,
        Woken(Option<ChanWake<i64>>),
        Finished,
    }

    struct World {
        chans: Vec<Chan<i64>>,
        kinds: Vec<Kind>,
        sts: Vec<St>,
        /// Values in the order they left a channel.
        taken: Vec<i64>,
    }

    impl World {
        fn deliver(&mut self, w: ChanWake<i64>) {
            let i = (w.g - 1) as usize;
            assert_eq!(
                self.sts[i],
                St::Parked,
                "woke a goroutine that was not parked"
            );
            if let Delivery::Received(v) = w.delivery {
                self.taken.push(v);
            }
            // A select that fired must leave its other channels at once,
            // before any other channel operation (selectDone in Go).
            if let (Some(_), Kind::Selector { open }) = (w.select, &self.kinds[i]) {
                let cases = Self::selector_cases(*open);
                select::cancel(w.g, &cases, &mut self.chans);
            }
            self.sts[i] = St::Woken(Some(w));
        }

        fn selector_cases(open: [bool; 2]) -> Vec<Case<usize, i64>> {
            (0..2)
                .map(|c| Case::Recv {
                    chan: open[c].then_some(c),
                })
                .collect()
        }

        fn step(&mut self, i: usize, rng: &mut SplitMix) {
            let g = (i + 1) as Gid;
            let woken = match std::mem::replace(&mut self.sts[i], St::Ready) {
                St::Woken(w) => w,
                _ => None,
            };
            match self.kinds[i].clone() {
                Kind::Producer { chan, next, last } => {
                    if let Some(w) = woken {
                        assert_eq!(w.delivery, Delivery::Sent);
                        self.advance_producer(i, next, last);
                        return;
                    }
                    match self.chans[chan].send(g, next, true) {
                        SendOutcome::Sent { woke } => {
                            if let Some(w) = woke {
                                self.deliver(w);
                            } else {
                                // Buffered: it leaves the channel on a later receive.
                            }
                            self.advance_producer(i, next, last);
                        }
                        SendOutcome::Parked(_) => self.sts[i] = St::Parked,
                        other => panic!("send: {other:?}"),
                    }
                }
                Kind::Consumer { chan } => {
                    if let Some(w) = woken {
                        if w.delivery == Delivery::ReceivedClosed {
                            self.sts[i] = St::Finished;
                        }
                        return;
                    }
                    match self.chans[chan].recv(g, true) {
                        RecvOutcome::Received {
                            value: RecvValue::Value(v),
                            woke,
                        } => {
                            self.taken.push(v);
                            if let Some(w) = woke {
                                self.deliver(w);
                            }
                        }
                        RecvOutcome::Received {
                            value: RecvValue::Closed,
                            ..
                        } => self.sts[i] = St::Finished,
                        RecvOutcome::Parked(_) => self.sts[i] = St::Parked,
                        RecvOutcome::WouldBlock => panic!("blocking receive would block"),
                    }
                }
                Kind::Selector { mut open } => {
                    let cases = Self::selector_cases(open);
                    if let Some(w) = woken {
                        let c = w
                            .select
                            .map(|s| s.case_index)
                            .expect("a select wake names its case");
                        if w.delivery == Delivery::ReceivedClosed {
                            open[c] = false;
                        }
                    } else {
                        match select::poll(&cases, false, &self.chans) {
                            Poll::Ready(ready) => {
                                let pick = ready[below(rng, ready.len())];
                                let fired = select::fire(g, &cases, pick, &mut self.chans)
                                    .expect("receives never panic")
                                    .expect("a ready case fires");
                                match fired.received {
                                    Some(RecvValue::Value(v)) => self.taken.push(v),
                                    _ => open[pick] = false,
                                }
                                if let Some(w) = fired.woke {
                                    self.deliver(w);
                                }
                            }
                            Poll::MustPark => {
                                select::park(g, &cases, &mut self.chans);
                                self.sts[i] = St::Parked;
                            }
                            Poll::Default => unreachable!("no default case"),
                        }
                    }
                    self.kinds[i] = Kind::Selector { open };
                    if open == [false, false] {
                        self.sts[i] = St::Finished;
                    }
                }
                Kind::Closer => {
                    for c in 0..self.chans.len() {
                        for w in self.chans[c].close().expect("closed once") {
                            self.deliver(w);
                        }
                    }
                    self.sts[i] = St::Finished;
                }
            }
        }

        fn advance_producer(&mut self, i: usize, next: i64, last: i64) {
            if next == last {
                self.sts[i] = St::Finished;
            } else if let Kind::Producer { next: n, .. } = &mut self.kinds[i] {
                *n = next + 1;
            }
        }

        fn runnable(&self) -> Vec<usize> {
            let producers_done = self
                .kinds
                .iter()
                .zip(&self.sts)
                .all(|(k, s)| !matches!(k, Kind::Producer { .. }) || *s == St::Finished);
            (0..self.sts.len())
                .filter(|&i| matches!(self.sts[i], St::Ready | St::Woken(_)))
                .filter(|&i| self.kinds[i] != Kind::Closer || producers_done)
                .collect()
        }
    }

    fn run(seed: u64) {
        let mut rng = SplitMix(seed);
        let caps = [below(&mut rng, 3), below(&mut rng, 3)];
        let mut kinds = Vec::new();
        let producers = 1 + below(&mut rng, 3);
        for p in 0..producers {
            let base = (p as i64 + 1) * 1000;
            kinds.push(Kind::Producer {
                chan: p % 2,
                next: base,
                last: base + 4,
            });
        }
        kinds.push(Kind::Consumer { chan: 0 });
        kinds.push(Kind::Consumer { chan: 1 });
        kinds.push(Kind::Selector { open: [true, true] });
        kinds.push(Kind::Closer);
        let n = kinds.len();
        let mut w = World {
            chans: caps.iter().map(|&c| Chan::new("int", c as u64)).collect(),
            kinds,
            sts: vec![St::Ready; n],
            taken: Vec::new(),
        };
        let mut steps = 0;
        loop {
            let r = w.runnable();
            if r.is_empty() {
                break;
            }
            steps += 1;
            assert!(steps < 100_000, "seed {seed}: no progress");
            let i = r[below(&mut rng, r.len())];
            w.step(i, &mut rng);
        }
        assert!(
            w.sts.iter().all(|s| *s == St::Finished),
            "seed {seed}: left parked: {:?}",
            w.sts
        );
        let mut sorted = w.taken.clone();
        sorted.sort_unstable();
        let expected: Vec<i64> = (0..producers)
            .flat_map(|p| (0..5).map(move |k| (p as i64 + 1) * 1000 + k))
            .collect();
        assert_eq!(sorted, expected, "seed {seed}: every value exactly once");
        for p in 0..producers {
            let base = (p as i64 + 1) * 1000;
            let mine: Vec<i64> = w
                .taken
                .iter()
                .copied()
                .filter(|v| v / 1000 * 1000 == base)
                .collect();
            assert!(
                mine.windows(2).all(|x| x[0] < x[1]),
                "seed {seed}: producer {p} out of order: {mine:?}"
            );
        }
        for c in &w.chans {
            assert_eq!(
                (c.recvq().count(), c.sendq().count(), c.qcount()),
                (0, 0, 0)
            );
        }
    }

    #[test]
    fn channel_random_schedules_deliver_everything_once_in_fifo_order() {
        for seed in 1..=500u64 {
            run(seed.wrapping_mul(0xD134_2543_DE82_EF95));
        }
    }
}
