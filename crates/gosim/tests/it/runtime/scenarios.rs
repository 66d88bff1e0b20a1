//! End-to-end checks of the wake protocol: a tiny scripted "VM" drives the
//! runtime structures the way gosim's VM does (Go's default GOMAXPROCS=1
//! schedule, virtual time) and must print what real Go 1.27 printed for the
//! same programs under GOMAXPROCS=1 (recorded by hand; the Go sources are
//! sketched above each test).

use gosim::runtime::chan::{Chan, Delivery, RecvOutcome, RecvValue, SendOutcome};
use gosim::runtime::cond::NotifyList;
use gosim::runtime::mutex::Mutex;
use gosim::runtime::rwmutex::RWMutex;
use gosim::runtime::sched::RunQueue;
use gosim::runtime::timers::{TimerKind, TimerSemantics, Timers};
use gosim::runtime::waitgroup::WaitGroup;
use gosim::runtime::{Gid, SyncOutcome, WaitReason};

const SECOND: i64 = 1_000_000_000;

/// Stands for the runtime's own goroutine queued before main.main.
const RUNTIME_G: Gid = Gid::MAX;

#[derive(Clone, Debug)]
enum Op {
    Print(String),
    Sleep(i64),
    /// `go` the script with this index.
    Go(usize),
    MLock,
    MUnlock,
    RLock,
    RUnlock,
    Lock,
    Unlock,
    WgAdd(i64),
    WgDone,
    WgWait,
    /// Receive from channel i; print "<label> woke <ok>" if labelled.
    Recv(usize, Option<String>),
    Send(usize, i64),
    Close(usize),
    /// Cond.Wait on the notify list with the mutex `m` as L.
    CondWait,
    Signal,
    Broadcast,
}

fn p(s: &str) -> Op {
    Op::Print(s.to_string())
}

/// How a parked goroutine continues when it runs again.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Resume {
    /// The result was delivered (channel, sleep, cond).
    Delivered,
    Mutex,
    RW,
    Wg,
}

#[derive(Clone, Debug)]
struct G {
    script: usize,
    pc: usize,
    parked: Option<(WaitReason, Resume)>,
    delivery: Option<Delivery<i64>>,
    /// Cond.Wait progress: 0 = not started, 1 = waiting for notify, 2 = relocking.
    cond_stage: u8,
    ticket: u32,
    done: bool,
}

enum Run {
    Parked,
    Exited,
    Yielded,
    Fatal(String),
}

struct Sim {
    scripts: Vec<Vec<Op>>,
    gs: Vec<G>,
    runq: RunQueue,
    timers: Timers<Gid>,
    m: Mutex,
    rw: RWMutex,
    wg: WaitGroup,
    nl: NotifyList,
    chans: Vec<Chan<i64>>,
    out: Vec<String>,
}

impl Sim {
    fn new(scripts: Vec<Vec<Op>>, chan_caps: &[usize]) -> Self {
        Sim {
            scripts,
            gs: Vec::new(),
            runq: RunQueue::at_main_start(Some(RUNTIME_G)),
            timers: Timers::new(TimerSemantics::Sync),
            m: Mutex::new(),
            rw: RWMutex::new(),
            wg: WaitGroup::new(),
            nl: NotifyList::new(),
            chans: chan_caps.iter().map(|&c| Chan::new("int", c)).collect(),
            out: Vec::new(),
        }
    }

    fn spawn(&mut self, script: usize) -> Gid {
        self.gs.push(G {
            script,
            pc: 0,
            parked: None,
            delivery: None,
            cond_stage: 0,
            ticket: 0,
            done: false,
        });
        self.gs.len() as Gid
    }

    fn g(&mut self, g: Gid) -> &mut G {
        &mut self.gs[(g - 1) as usize]
    }

    fn ready_all(&mut self, ready: &[Gid]) {
        for &r in ready {
            self.runq.ready(r);
        }
    }

    /// Apply a sync outcome of the running goroutine `g`. Returns Some(run
    /// result) when `g` stops running.
    fn apply(&mut self, g: Gid, out: SyncOutcome, resume: Resume) -> Option<Run> {
        match out {
            SyncOutcome::Done(w) => {
                self.ready_all(&w.ready);
                self.g(g).pc += 1;
                if w.yield_now {
                    self.runq.yield_current(g);
                    return Some(Run::Yielded);
                }
                None
            }
            SyncOutcome::Park(reason) => {
                self.g(g).parked = Some((reason, resume));
                Some(Run::Parked)
            }
            SyncOutcome::Fail(e) => Some(Run::Fatal(e.message().to_string())),
        }
    }

    fn wake_chan(&mut self, w: gosim::runtime::chan::ChanWake<i64>) {
        self.g(w.g).delivery = Some(w.delivery);
        self.runq.ready(w.g);
    }

    /// Run `g` until it parks, exits or yields.
    fn run(&mut self, g: Gid) -> Run {
        let now = self.timers.now();
        if let Some((reason, resume)) = self.g(g).parked.take() {
            let out = match resume {
                Resume::Mutex => Some(self.m.lock_resume(g, now)),
                Resume::RW => Some(self.rw.resume(g, now)),
                Resume::Wg => Some(self.wg.wait_resume(g)),
                Resume::Delivered => None,
            };
            match out {
                Some(SyncOutcome::Park(_)) => {
                    self.g(g).parked = Some((reason, resume));
                    return Run::Parked;
                }
                Some(other) => {
                    if let Some(r) = self.apply(g, other, resume) {
                        return r;
                    }
                }
                None => {
                    if let Some(r) = self.finish_delivered(g) {
                        return r;
                    }
                }
            }
        }
        loop {
            let gs = &self.gs[(g - 1) as usize];
            let Some(op) = self.scripts[gs.script].get(gs.pc).cloned() else {
                self.g(g).done = true;
                return Run::Exited;
            };
            let now = self.timers.now();
            let stop = match op {
                Op::Print(s) => {
                    self.out.push(s);
                    self.g(g).pc += 1;
                    None
                }
                Op::Sleep(d) => {
                    self.timers.add(now + d, 0, TimerKind::Func, g);
                    self.g(g).parked = Some((WaitReason::Sleep, Resume::Delivered));
                    Some(Run::Parked)
                }
                Op::Go(script) => {
                    let ng = self.spawn(script);
                    self.runq.ready(ng);
                    self.g(g).pc += 1;
                    None
                }
                Op::MLock => {
                    let o = self.m.lock(g, now);
                    self.apply(g, o, Resume::Mutex)
                }
                Op::MUnlock => {
                    let o = self.m.unlock();
                    self.apply(g, o, Resume::Mutex)
                }
                Op::RLock => {
                    let o = self.rw.rlock(g);
                    self.apply(g, o, Resume::RW)
                }
                Op::RUnlock => {
                    let o = self.rw.runlock(g);
                    self.apply(g, o, Resume::RW)
                }
                Op::Lock => {
                    let o = self.rw.lock(g, now);
                    self.apply(g, o, Resume::RW)
                }
                Op::Unlock => {
                    let o = self.rw.unlock();
                    self.apply(g, o, Resume::RW)
                }
                Op::WgAdd(n) => {
                    let o = self.wg.add(n);
                    self.apply(g, o, Resume::Wg)
                }
                Op::WgDone => {
                    let o = self.wg.done();
                    self.apply(g, o, Resume::Wg)
                }
                Op::WgWait => {
                    let o = self.wg.wait(g);
                    self.apply(g, o, Resume::Wg)
                }
                Op::Send(c, v) => match self.chans[c].send(g, v, true) {
                    SendOutcome::Sent { woke } => {
                        if let Some(w) = woke {
                            self.wake_chan(w);
                        }
                        self.g(g).pc += 1;
                        None
                    }
                    SendOutcome::Parked(reason) => {
                        self.g(g).parked = Some((reason, Resume::Delivered));
                        Some(Run::Parked)
                    }
                    SendOutcome::Panic(e) => Some(Run::Fatal(e.message().to_string())),
                    SendOutcome::WouldBlock => Some(Run::Fatal("blocking send would block".into())),
                },
                Op::Recv(c, label) => match self.chans[c].recv(g, true) {
                    RecvOutcome::Received { value, woke } => {
                        if let Some(w) = woke {
                            self.wake_chan(w);
                        }
                        if let Some(l) = label {
                            self.out
                                .push(format!("{l} woke {}", matches!(value, RecvValue::Value(_))));
                        }
                        self.g(g).pc += 1;
                        None
                    }
                    RecvOutcome::Parked(reason) => {
                        self.g(g).parked = Some((reason, Resume::Delivered));
                        Some(Run::Parked)
                    }
                    RecvOutcome::WouldBlock => {
                        Some(Run::Fatal("blocking receive would block".into()))
                    }
                },
                Op::Close(c) => match self.chans[c].close() {
                    Ok(wakes) => {
                        for w in wakes {
                            self.wake_chan(w);
                        }
                        self.g(g).pc += 1;
                        None
                    }
                    Err(e) => Some(Run::Fatal(e.message().to_string())),
                },
                Op::CondWait => self.cond_wait(g, now),
                Op::Signal => {
                    let w = self.nl.notify_one();
                    self.ready_all(&w.ready);
                    self.g(g).pc += 1;
                    None
                }
                Op::Broadcast => {
                    let w = self.nl.notify_all();
                    self.ready_all(&w.ready);
                    self.g(g).pc += 1;
                    None
                }
            };
            if let Some(r) = stop {
                return r;
            }
        }
    }

    /// Cond.Wait: ticket, L.Unlock, notifyListWait, then L.Lock.
    fn cond_wait(&mut self, g: Gid, now: i64) -> Option<Run> {
        if self.g(g).cond_stage == 0 {
            let t = self.nl.add();
            self.g(g).ticket = t;
            if let SyncOutcome::Done(w) = self.m.unlock() {
                self.ready_all(&w.ready);
            }
            let t = self.g(g).ticket;
            match self.nl.wait(g, t) {
                SyncOutcome::Park(reason) => {
                    self.g(g).cond_stage = 1;
                    self.g(g).parked = Some((reason, Resume::Delivered));
                    return Some(Run::Parked);
                }
                _ => self.g(g).cond_stage = 1,
            }
        }
        // Notified: relock L (parking on it resumes through the mutex).
        self.g(g).cond_stage = 0;
        let o = self.m.lock(g, now);
        self.apply(g, o, Resume::Mutex)
    }

    /// The rest of an operation whose result was delivered while parked.
    fn finish_delivered(&mut self, g: Gid) -> Option<Run> {
        let gs = &self.gs[(g - 1) as usize];
        let op = self.scripts[gs.script][gs.pc].clone();
        let delivery = self.g(g).delivery.take();
        match op {
            Op::Recv(_, label) => {
                if let Some(l) = label {
                    let ok = matches!(delivery, Some(Delivery::Received(_)));
                    self.out.push(format!("{l} woke {ok}"));
                }
                self.g(g).pc += 1;
                None
            }
            Op::Send(..) => {
                if delivery == Some(Delivery::SendClosed) {
                    return Some(Run::Fatal("send on closed channel".into()));
                }
                self.g(g).pc += 1;
                None
            }
            Op::CondWait => {
                let now = self.timers.now();
                self.cond_wait(g, now)
            }
            _ => {
                // Sleep.
                self.g(g).pc += 1;
                None
            }
        }
    }

    /// Run the program from script 0 to its end; returns the output lines
    /// (plus the deadlock report, with wait reasons only).
    fn run_program(mut self) -> Vec<String> {
        let main = self.spawn(0);
        let mut cur = Some(main);
        loop {
            let g = match cur.take() {
                Some(g) => g,
                None => loop {
                    if let Some(g) = self.runq.find_runnable() {
                        if g == RUNTIME_G {
                            continue;
                        }
                        break g;
                    }
                    let Some(t) = self.timers.next_deadline() else {
                        self.out
                            .push("fatal error: all goroutines are asleep - deadlock!".into());
                        for gs in &self.gs {
                            if let (false, Some((reason, _))) = (gs.done, gs.parked) {
                                self.out.push(format!("[{}]", reason.as_go_str()));
                            }
                        }
                        return self.out;
                    };
                    self.timers.advance_to(t);
                    for f in self.timers.pop_all_due() {
                        self.runq.ready(f.payload);
                    }
                },
            };
            match self.run(g) {
                Run::Exited if g == main => return self.out,
                Run::Fatal(msg) => {
                    self.out.push(format!("fatal: {msg}"));
                    return self.out;
                }
                Run::Exited | Run::Parked | Run::Yielded => {}
            }
        }
    }
}

fn lines(s: &[&str]) -> Vec<String> {
    s.iter().map(|l| l.to_string()).collect()
}

/// Talk case 6 (RWMutex writer preference), with virtual time.
#[test]
fn case6_matches_real_go() {
    let reader = |i: usize| {
        vec![
            p(&format!("reader{i} Call RLock")),
            Op::RLock,
            p(&format!("reader{i} RLock")),
            Op::Sleep(3 * SECOND),
            p(&format!("reader{i} Call RUnLock")),
            Op::RUnlock,
            p(&format!("reader{i} RUnLocked")),
            Op::WgDone,
        ]
    };
    let scripts = vec![
        vec![
            Op::WgAdd(5),
            Op::Go(1),
            Op::Sleep(SECOND),
            Op::Go(2),
            Op::Sleep(SECOND),
            Op::Go(3),
            Op::Go(4),
            Op::Go(5),
            Op::WgWait,
        ],
        vec![Op::RLock, Op::Sleep(5 * SECOND), Op::RUnlock, Op::WgDone],
        vec![
            p("writer0 Call Lock"),
            Op::Lock,
            p("writer0 Lock"),
            Op::Sleep(5 * SECOND),
            p("writer0 Call UnLock"),
            Op::Unlock,
            p("writer0 UnLocked"),
            Op::WgDone,
        ],
        reader(1),
        reader(2),
        reader(3),
    ];
    let out = Sim::new(scripts, &[]).run_program();
    assert_eq!(
        out,
        lines(&[
            "writer0 Call Lock",
            "reader3 Call RLock",
            "reader1 Call RLock",
            "reader2 Call RLock",
            "writer0 Lock",
            "writer0 Call UnLock",
            "writer0 UnLocked",
            "reader2 RLock",
            "reader3 RLock",
            "reader1 RLock",
            "reader1 Call RUnLock",
            "reader1 RUnLocked",
            "reader2 Call RUnLock",
            "reader2 RUnLocked",
            "reader3 Call RUnLock",
            "reader3 RUnLocked",
        ])
    );
}

/// Talk case 7 (recursive RLock) deadlocks with Go's wait reasons.
#[test]
fn case7_matches_real_go() {
    let scripts = vec![
        vec![
            Op::Go(1),
            Op::Sleep(2 * SECOND),
            p("w call lock"),
            Op::Lock,
            Op::Unlock,
        ],
        vec![
            p("a1 call rlock"),
            Op::RLock,
            p("a1 rlocked"),
            Op::Sleep(5 * SECOND),
            p("c3 call rlock"),
            Op::RLock,
            p("c3 rlocked"),
            Op::RUnlock,
            Op::RUnlock,
        ],
    ];
    let out = Sim::new(scripts, &[]).run_program();
    assert_eq!(
        out,
        lines(&[
            "a1 call rlock",
            "a1 rlocked",
            "w call lock",
            "c3 call rlock",
            "fatal error: all goroutines are asleep - deadlock!",
            "[sync.RWMutex.Lock]",
            "[sync.RWMutex.RLock]",
        ])
    );
}

/// Three receivers (started a, b, c) block; main closes the channel.
/// Real Go: c recv, a recv, b recv, close, after close, c/b/a woke false.
#[test]
fn close_wake_order_matches_real_go() {
    let recv = |n: &str| {
        vec![
            p(&format!("{n} recv")),
            Op::Recv(0, Some(n.to_string())),
            Op::Send(1, 1),
        ]
    };
    let scripts = vec![
        vec![
            Op::Go(1),
            Op::Go(2),
            Op::Go(3),
            Op::Sleep(10),
            p("close"),
            Op::Close(0),
            p("after close"),
            Op::Recv(1, None),
            Op::Recv(1, None),
            Op::Recv(1, None),
        ],
        recv("a"),
        recv("b"),
        recv("c"),
    ];
    let out = Sim::new(scripts, &[0, 10]).run_program();
    assert_eq!(
        out,
        lines(&[
            "c recv",
            "a recv",
            "b recv",
            "close",
            "after close",
            "c woke false",
            "b woke false",
            "a woke false"
        ])
    );
}

/// WaitGroup waiters are released in queue order; the last readied runs
/// first. Real Go: c/a/b wait, done, after done, b/c/a woke.
#[test]
fn waitgroup_release_order_matches_real_go() {
    let waiter = |n: &str| {
        vec![
            p(&format!("{n} wait")),
            Op::WgWait,
            p(&format!("{n} woke")),
            Op::Send(0, 1),
        ]
    };
    let scripts = vec![
        vec![
            Op::WgAdd(1),
            Op::Go(1),
            Op::Go(2),
            Op::Go(3),
            Op::Sleep(10),
            p("done"),
            Op::WgDone,
            p("after done"),
            Op::Recv(0, None),
            Op::Recv(0, None),
            Op::Recv(0, None),
        ],
        waiter("a"),
        waiter("b"),
        waiter("c"),
    ];
    let out = Sim::new(scripts, &[10]).run_program();
    assert_eq!(
        out,
        lines(&[
            "c wait",
            "a wait",
            "b wait",
            "done",
            "after done",
            "b woke",
            "c woke",
            "a woke"
        ])
    );
}

/// Mutex waiters woken one at a time in FIFO order.
/// Real Go: c/a/b lock, unlock, after unlock, c/a/b locked.
#[test]
fn mutex_wake_order_matches_real_go() {
    let locker = |n: &str| {
        vec![
            p(&format!("{n} lock")),
            Op::MLock,
            p(&format!("{n} locked")),
            Op::MUnlock,
            Op::Send(0, 1),
        ]
    };
    let scripts = vec![
        vec![
            Op::MLock,
            Op::Go(1),
            Op::Go(2),
            Op::Go(3),
            Op::Sleep(10),
            p("unlock"),
            Op::MUnlock,
            p("after unlock"),
            Op::Recv(0, None),
            Op::Recv(0, None),
            Op::Recv(0, None),
        ],
        locker("a"),
        locker("b"),
        locker("c"),
    ];
    let out = Sim::new(scripts, &[10]).run_program();
    assert_eq!(
        out,
        lines(&[
            "c lock",
            "a lock",
            "b lock",
            "unlock",
            "after unlock",
            "c locked",
            "a locked",
            "b locked"
        ])
    );
}

/// Cond: Signal wakes the oldest waiter, Broadcast the rest in order.
/// Real Go: c/a/b wait, signal, c woke, broadcast, after broadcast, b/a woke.
#[test]
fn cond_wake_order_matches_real_go() {
    let waiter = |n: &str| {
        vec![
            Op::MLock,
            p(&format!("{n} wait")),
            Op::CondWait,
            p(&format!("{n} woke")),
            Op::MUnlock,
            Op::Send(0, 1),
        ]
    };
    let scripts = vec![
        vec![
            Op::Go(1),
            Op::Go(2),
            Op::Go(3),
            Op::Sleep(10),
            p("signal"),
            Op::Signal,
            Op::Sleep(10),
            p("broadcast"),
            Op::Broadcast,
            p("after broadcast"),
            Op::Recv(0, None),
            Op::Recv(0, None),
            Op::Recv(0, None),
        ],
        waiter("a"),
        waiter("b"),
        waiter("c"),
    ];
    let out = Sim::new(scripts, &[10]).run_program();
    assert_eq!(
        out,
        lines(&[
            "c wait",
            "a wait",
            "b wait",
            "signal",
            "c woke",
            "broadcast",
            "after broadcast",
            "b woke",
            "a woke"
        ])
    );
}

/// Talk case 4: the producer holds the lock while filling the channel; the
/// consumer blocks on the lock. Real Go prints only the deadlock, with main
/// `[sync.WaitGroup.Wait]` (go1.27), the producer `[chan send]` and the
/// consumer `[sync.Mutex.Lock]`.
#[test]
fn case4_deadlock_matches_real_go() {
    let consumer_iteration = |v: &str| vec![Op::Recv(0, None), Op::MLock, p(v), Op::MUnlock];
    let consumer: Vec<Op> = ["0", "1", "2", "3"]
        .iter()
        .flat_map(|v| consumer_iteration(v))
        .chain([Op::WgDone])
        .collect();
    let scripts = vec![
        vec![Op::WgAdd(2), Op::Go(1), Op::Go(2), Op::WgWait, Op::Close(0)],
        vec![
            Op::MLock,
            Op::Send(0, 0),
            Op::Send(0, 1),
            Op::Send(0, 2),
            Op::Send(0, 3),
            Op::MUnlock,
            Op::WgDone,
        ],
        consumer,
    ];
    let out = Sim::new(scripts, &[1]).run_program();
    assert_eq!(
        out,
        lines(&[
            "fatal error: all goroutines are asleep - deadlock!",
            "[sync.WaitGroup.Wait]",
            "[chan send]",
            "[sync.Mutex.Lock]",
        ])
    );
}
