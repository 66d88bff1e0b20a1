//! Seeded random schedules over Mutex and RWMutex: mutual exclusion always
//! holds, the holder shown for display is right, and no wake-up is ever lost
//! (every goroutine finishes its lock/unlock rounds). Deterministic: fixed
//! seeds, a tiny xorshift generator, no clock.

use gosim::runtime::mutex::Mutex;
use gosim::runtime::rwmutex::RWMutex;
use gosim::runtime::{Gid, SyncOutcome};

struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
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
    let mut rng = Rng(seed);
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
        now += (rng.below(4) as i64) * 400_000;
        let i = r[rng.below(r.len())];
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
    let mut rng = Rng(seed);
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
        let i = r[rng.below(r.len())];
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
