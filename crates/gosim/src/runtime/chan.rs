//! A Go channel (`hchan` in runtime/chan.go): element type name, ring buffer
//! with `sendx`/`recvx`/`qcount`/`dataqsiz`, `closed`, and the FIFO wait
//! queues `recvq`/`sendq` of [`Sudog`]s, with `chansend`, `chanrecv` and
//! `closechan` semantics.
//!
//! It owns one channel's state. Nil channels are the VM's business (it parks
//! with [`WaitReason::ChanSendNilChan`] / [`WaitReason::ChanReceiveNilChan`]
//! and panics with [`GoError::CloseOfNilChannel`]); values are opaque `V`s
//! and the zero value is supplied by the VM (a closed receive reports
//! [`RecvValue::Closed`]).
//!
//! Wake protocol: **delivered**. Every goroutine this channel readies gets a
//! [`ChanWake`] that says what its parked operation finished with (a value,
//! closed, sent, or "send on closed channel" to panic with when it runs).
//! When the wake carries a select case, the VM must at once remove that
//! goroutine's other sudogs ([`super::select::cancel`]); this channel already
//! removed the ones it held (Go's `selectDone` does the same job lazily).
//!
//! Invariants (after every operation; debug builds check them, see
//! `Chan::check_invariants`), `qcount` being `buf.len()`:
//!
//! - `qcount <= dataqsiz`, and `recvx < dataqsiz` (`recvx == 0` when
//!   unbuffered): a send buffers only into a free slot, `recvx` wraps.
//! - Senders in `sendq` carry their value; receivers in `recvq` carry none.
//! - A closed channel has no waiters: `closechan` wakes them all, and a
//!   send, receive or select on a closed channel never parks.
//! - `qcount > 0` implies `recvq` is empty: a receiver parks only on an
//!   empty buffer, and a send hands off to a parked receiver before it
//!   would buffer.
//! - `qcount < dataqsiz` implies `sendq` is empty: a sender parks only on a
//!   full buffer, and a receive from a full buffer moves the oldest parked
//!   sender's value into the slot it freed. (`clear_buffer` is for timer
//!   channels, which only the runtime sends on, without blocking.)
//! - At least one of `sendq` and `recvq` is empty, except when a single
//!   goroutine is blocked on an unbuffered channel in a select with both a
//!   send and a receive case on it: then every sudog in both queues is one
//!   of that goroutine's select sudogs (as Go's chan.go says).

use std::collections::VecDeque;

use serde::Serialize;

use super::{Gid, GoError, WaitReason};

/// Marks a sudog as belonging to a `select`: which case it stands for.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
pub struct SelectCase {
    pub case_index: usize,
}

/// A goroutine parked on a channel (`sudog`).
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize)]
pub struct Sudog<V> {
    pub g: Gid,
    /// The value a parked sender carries; `None` for receivers.
    pub elem: Option<V>,
    /// `Some` when parked in a select (`sudog.isSelect`).
    pub select: Option<SelectCase>,
}

/// What a woken goroutine's channel operation completed with.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize)]
pub enum Delivery<V> {
    /// A parked receiver was handed this value (`ok == true`).
    Received(V),
    /// A parked receiver was woken by `close`: zero value, `ok == false`.
    ReceivedClosed,
    /// A parked sender's value was taken (by a receiver or into the buffer).
    Sent,
    /// A parked sender was woken by `close`: it must panic
    /// "send on closed channel" when it runs (`mysg.success == false`).
    SendClosed,
}

/// A goroutine readied by a channel operation, with its result.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize)]
pub struct ChanWake<V> {
    pub g: Gid,
    /// The select case that fired, if the goroutine was parked in a select.
    pub select: Option<SelectCase>,
    pub delivery: Delivery<V>,
}

/// The value a receive produced.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize)]
pub enum RecvValue<V> {
    /// A value, `ok == true`.
    Value(V),
    /// The channel is closed and drained: the zero value, `ok == false`.
    Closed,
}

/// Outcome of [`Chan::send`].
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize)]
pub enum SendOutcome<V> {
    /// The value went to a waiting receiver (readied, in `woke`) or into the
    /// buffer (`woke == None`).
    Sent { woke: Option<ChanWake<V>> },
    /// Non-blocking send that could not proceed (`select` with `default`).
    WouldBlock,
    /// The sender was queued on `sendq` carrying its value; park it.
    Parked(WaitReason),
    /// Go panics in the sender.
    Panic(GoError),
}

/// Outcome of [`Chan::recv`].
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize)]
pub enum RecvOutcome<V> {
    /// A value or the closed zero value; `woke` is the sender readied by a
    /// direct hand-off or by moving its value into the freed buffer slot.
    Received {
        value: RecvValue<V>,
        woke: Option<ChanWake<V>>,
    },
    /// Non-blocking receive that could not proceed.
    WouldBlock,
    /// The receiver was queued on `recvq`; park it.
    Parked(WaitReason),
}

/// How many buffered values a [`ChanSnapshot`] carries (the UI draws a
/// ring of at most this many slots).
pub const SNAPSHOT_BUFFER_MAX: usize = 64;

/// A channel as the UI draws it (issue 4's snapshot).
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize)]
pub struct ChanSnapshot<V> {
    pub elem_type: String,
    /// `cap(ch)`.
    pub dataqsiz: u64,
    /// `len(ch)`.
    pub qcount: usize,
    pub sendx: usize,
    pub recvx: usize,
    pub closed: bool,
    /// Buffered values in ring order (oldest first) with their slot index:
    /// the oldest [`SNAPSHOT_BUFFER_MAX`], so a snapshot of a channel
    /// holding a million values costs no more than one holding 64.
    pub buffer: Vec<(usize, V)>,
    /// Parked receivers, oldest first.
    pub recvq: Vec<Sudog<V>>,
    /// Parked senders with the values they carry, oldest first.
    pub sendq: Vec<Sudog<V>>,
}

/// `hchan`.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize)]
pub struct Chan<V> {
    elem_type: String,
    /// Buffer capacity (`cap(ch)`); 0 for an unbuffered channel.
    dataqsiz: u64,
    /// The buffered values, oldest first; slot `recvx` holds the oldest.
    /// Stored compactly so `make(chan T, huge)` costs nothing until used.
    buf: VecDeque<V>,
    /// Index of the slot the next receive reads.
    recvx: usize,
    closed: bool,
    recvq: VecDeque<Sudog<V>>,
    sendq: VecDeque<Sudog<V>>,
}

impl<V: Clone> Chan<V> {
    /// `makechan(elem_type, dataqsiz)`. Negative or oversized capacities are
    /// the VM's business (`makechan: size out of range`).
    pub fn new(elem_type: &str, dataqsiz: u64) -> Self {
        Chan {
            elem_type: elem_type.to_string(),
            dataqsiz,
            buf: VecDeque::new(),
            recvx: 0,
            closed: false,
            recvq: VecDeque::new(),
            sendq: VecDeque::new(),
        }
    }

    pub fn elem_type(&self) -> &str {
        &self.elem_type
    }

    /// Calls `f` on every value the channel holds: buffered, and carried by
    /// parked senders (what the collector must keep alive).
    pub fn each_value<'a>(&'a self, mut f: impl FnMut(&'a V)) {
        self.buf.iter().for_each(&mut f);
        for s in self.sendq.iter().chain(self.recvq.iter()) {
            if let Some(v) = &s.elem {
                f(v);
            }
        }
    }

    /// `cap(ch)`.
    pub fn dataqsiz(&self) -> u64 {
        self.dataqsiz
    }

    /// `len(ch)`.
    pub fn qcount(&self) -> usize {
        self.buf.len()
    }

    /// Index of the slot the next receive reads.
    pub fn recvx(&self) -> usize {
        self.recvx
    }

    /// Index of the slot the next buffered send writes.
    pub fn sendx(&self) -> usize {
        if self.dataqsiz == 0 {
            return 0;
        }
        ((self.recvx + self.buf.len()) as u64 % self.dataqsiz) as usize
    }

    pub fn closed(&self) -> bool {
        self.closed
    }

    /// The buffer in ring order (oldest first) with each value's slot index.
    pub fn buffer(&self) -> impl Iterator<Item = (usize, &V)> + '_ {
        let size = self.dataqsiz.max(1);
        self.buf
            .iter()
            .enumerate()
            .map(move |(i, v)| (((self.recvx + i) as u64 % size) as usize, v))
    }

    /// Parked receivers, oldest first.
    pub fn recvq(&self) -> impl Iterator<Item = &Sudog<V>> + '_ {
        self.recvq.iter()
    }

    /// Parked senders with the values they carry, oldest first.
    pub fn sendq(&self) -> impl Iterator<Item = &Sudog<V>> + '_ {
        self.sendq.iter()
    }

    /// Everything the UI shows about this channel.
    pub fn snapshot(&self) -> ChanSnapshot<V> {
        ChanSnapshot {
            elem_type: self.elem_type.clone(),
            dataqsiz: self.dataqsiz,
            qcount: self.buf.len(),
            sendx: self.sendx(),
            recvx: self.recvx,
            closed: self.closed,
            buffer: self
                .buffer()
                .take(SNAPSHOT_BUFFER_MAX)
                .map(|(i, v)| (i, v.clone()))
                .collect(),
            recvq: self.recvq.iter().cloned().collect(),
            sendq: self.sendq.iter().cloned().collect(),
        }
    }

    /// A send would complete now without parking (or panic: a send on a
    /// closed channel is "ready" in select's first pass).
    pub fn can_send_now(&self) -> bool {
        self.closed || !self.recvq.is_empty() || (self.buf.len() as u64) < self.dataqsiz
    }

    /// A receive would complete now without parking.
    pub fn can_recv_now(&self) -> bool {
        !self.sendq.is_empty() || !self.buf.is_empty() || self.closed
    }

    fn push_buf(&mut self, v: V) {
        self.buf.push_back(v);
    }

    fn pop_buf(&mut self) -> Option<V> {
        let v = self.buf.pop_front()?;
        self.recvx += 1;
        if self.recvx as u64 == self.dataqsiz {
            self.recvx = 0;
        }
        Some(v)
    }

    /// Pop the oldest sudog of `recvq` (or `sendq`); if it belongs to a
    /// select, drop that goroutine's other sudogs on this channel, as the
    /// `selectDone` check in `waitq.dequeue` would skip them.
    fn dequeue(&mut self, from_recvq: bool) -> Option<Sudog<V>> {
        let q = if from_recvq {
            &mut self.recvq
        } else {
            &mut self.sendq
        };
        let sg = q.pop_front()?;
        if sg.select.is_some() {
            self.drop_waiter(sg.g);
        }
        Some(sg)
    }

    /// Mirrors `chansend(c, v, block)` on a non-nil channel: panic if closed;
    /// hand `v` to the oldest parked receiver; else buffer it if there is
    /// room; else return `WouldBlock` or queue the sender carrying `v`.
    pub fn send(&mut self, g: Gid, v: V, block: bool) -> SendOutcome<V> {
        let out = self.chansend(g, v, block);
        self.check_invariants();
        out
    }

    fn chansend(&mut self, g: Gid, v: V, block: bool) -> SendOutcome<V> {
        if self.closed {
            return SendOutcome::Panic(GoError::SendOnClosedChannel);
        }
        if let Some(r) = self.dequeue(true) {
            let woke = ChanWake {
                g: r.g,
                select: r.select,
                delivery: Delivery::Received(v),
            };
            return SendOutcome::Sent { woke: Some(woke) };
        }
        if (self.buf.len() as u64) < self.dataqsiz {
            self.push_buf(v);
            return SendOutcome::Sent { woke: None };
        }
        if !block {
            return SendOutcome::WouldBlock;
        }
        self.sendq.push_back(Sudog {
            g,
            elem: Some(v),
            select: None,
        });
        SendOutcome::Parked(WaitReason::ChanSend)
    }

    /// Mirrors `chanrecv(c, block)` on a non-nil channel: a closed, drained
    /// channel yields `Closed`; an oldest parked sender hands its value over
    /// directly (unbuffered) or, when the buffer is full, the receiver takes
    /// the buffer's head and the sender's value moves into the freed slot
    /// (`recv`); else take the buffer's head; else `WouldBlock` or park.
    pub fn recv(&mut self, g: Gid, block: bool) -> RecvOutcome<V> {
        let out = self.chanrecv(g, block);
        self.check_invariants();
        out
    }

    fn chanrecv(&mut self, g: Gid, block: bool) -> RecvOutcome<V> {
        if self.closed && self.buf.is_empty() {
            return RecvOutcome::Received {
                value: RecvValue::Closed,
                woke: None,
            };
        }
        if !self.closed {
            if let Some(s) = self.dequeue(false) {
                let value = match s.elem {
                    Some(sent) if self.dataqsiz > 0 => match self.pop_buf() {
                        Some(head) => {
                            self.push_buf(sent);
                            head
                        }
                        // A parked sender implies a full buffer; if that
                        // invariant is ever broken, hand the value over.
                        None => sent,
                    },
                    Some(sent) => sent,
                    // Senders always carry a value; treat a missing one as
                    // a closed receive rather than crashing.
                    None => {
                        let woke = ChanWake {
                            g: s.g,
                            select: s.select,
                            delivery: Delivery::Sent,
                        };
                        return RecvOutcome::Received {
                            value: RecvValue::Closed,
                            woke: Some(woke),
                        };
                    }
                };
                let woke = ChanWake {
                    g: s.g,
                    select: s.select,
                    delivery: Delivery::Sent,
                };
                return RecvOutcome::Received {
                    value: RecvValue::Value(value),
                    woke: Some(woke),
                };
            }
        }
        if let Some(v) = self.pop_buf() {
            return RecvOutcome::Received {
                value: RecvValue::Value(v),
                woke: None,
            };
        }
        if !block {
            return RecvOutcome::WouldBlock;
        }
        self.recvq.push_back(Sudog {
            g,
            elem: None,
            select: None,
        });
        RecvOutcome::Parked(WaitReason::ChanReceive)
    }

    /// Mirrors `closechan`: mark closed and wake every parked goroutine —
    /// receivers get the zero value with `ok == false`, senders will panic.
    ///
    /// The order matches Go's: receivers then senders are pushed onto a
    /// `gList`, which pops LIFO, so the returned wakes (the order to call
    /// `goready` in) start with the newest sender and end with the oldest
    /// receiver.
    pub fn close(&mut self) -> Result<Vec<ChanWake<V>>, GoError> {
        let out = self.closechan();
        self.check_invariants();
        out
    }

    fn closechan(&mut self) -> Result<Vec<ChanWake<V>>, GoError> {
        if self.closed {
            return Err(GoError::CloseOfClosedChannel);
        }
        self.closed = true;
        let mut glist = Vec::with_capacity(self.recvq.len() + self.sendq.len());
        while let Some(r) = self.dequeue(true) {
            glist.push(ChanWake {
                g: r.g,
                select: r.select,
                delivery: Delivery::ReceivedClosed,
            });
        }
        while let Some(s) = self.dequeue(false) {
            glist.push(ChanWake {
                g: s.g,
                select: s.select,
                delivery: Delivery::SendClosed,
            });
        }
        glist.reverse();
        Ok(glist)
    }

    /// Queue a select's send case (selectgo's pass 2 for a send).
    pub fn enqueue_select_send(&mut self, g: Gid, v: V, case_index: usize) {
        self.sendq.push_back(Sudog {
            g,
            elem: Some(v),
            select: Some(SelectCase { case_index }),
        });
        self.check_invariants();
    }

    /// Queue a select's receive case (selectgo's pass 2 for a receive).
    pub fn enqueue_select_recv(&mut self, g: Gid, case_index: usize) {
        self.recvq.push_back(Sudog {
            g,
            elem: None,
            select: Some(SelectCase { case_index }),
        });
        self.check_invariants();
    }

    /// Remove every sudog of `g` from both queues (selectgo's pass 3, or a
    /// goroutine that is gone). Returns how many were removed.
    pub fn remove_waiter(&mut self, g: Gid) -> usize {
        let removed = self.drop_waiter(g);
        self.check_invariants();
        removed
    }

    fn drop_waiter(&mut self, g: Gid) -> usize {
        let before = self.recvq.len() + self.sendq.len();
        self.recvq.retain(|s| s.g != g);
        self.sendq.retain(|s| s.g != g);
        before - (self.recvq.len() + self.sendq.len())
    }

    /// Drop every buffered value. Go 1.23+ timer channels need this on
    /// `Stop`/`Reset` (`timerchandrain`) so no stale tick is received. Only
    /// the runtime sends on a timer channel, never blocking, so no sender is
    /// parked on it.
    pub fn clear_buffer(&mut self) -> usize {
        let n = self.buf.len();
        while self.pop_buf().is_some() {}
        self.check_invariants();
        n
    }

    /// Panics (in debug builds only) if an invariant of the module docs is
    /// broken.
    fn check_invariants(&self) {
        debug_assert_eq!(self.broken_invariant(), None, "hchan invariant broken");
    }

    /// The first invariant of the module docs this channel breaks, if any.
    fn broken_invariant(&self) -> Option<&'static str> {
        let qcount = self.buf.len();
        if qcount as u64 > self.dataqsiz {
            return Some("qcount <= dataqsiz");
        }
        if self.recvx as u64 >= self.dataqsiz.max(1) {
            return Some("recvx < dataqsiz");
        }
        if self.sendq.iter().any(|s| s.elem.is_none())
            || self.recvq.iter().any(|s| s.elem.is_some())
        {
            return Some("senders carry a value, receivers none");
        }
        if self.closed && !(self.recvq.is_empty() && self.sendq.is_empty()) {
            return Some("a closed channel has no waiters");
        }
        if qcount > 0 && !self.recvq.is_empty() {
            return Some("qcount > 0 implies recvq is empty");
        }
        if (qcount as u64) < self.dataqsiz && !self.sendq.is_empty() {
            return Some("qcount < dataqsiz implies sendq is empty");
        }
        if let (Some(first), false) = (self.recvq.front(), self.sendq.is_empty()) {
            let one_select = self
                .recvq
                .iter()
                .chain(self.sendq.iter())
                .all(|s| s.g == first.g && s.select.is_some());
            if self.dataqsiz > 0 || !one_select {
                return Some("sendq or recvq is empty, but for one goroutine's select");
            }
        }
        None
    }
}

#[cfg(test)]
mod tests {
    use super::{Chan, ChanWake, Delivery, RecvOutcome, SendOutcome, Sudog};
    use crate::runtime::Gid;

    /// xorshift64: a seeded pick with no dependency on the crate's RNG.
    fn pick(state: &mut u64, n: usize) -> usize {
        *state ^= *state << 13;
        *state ^= *state >> 7;
        *state ^= *state << 17;
        (*state % n as u64) as usize
    }

    /// Goroutines 1..=5 send, receive and select (a send and a receive
    /// case on the one channel, the case that makes both queues non-empty)
    /// under seeded random schedules, the way the VM drives a channel: a
    /// select parks only when no case is ready, and a woken select leaves
    /// its other sudogs. Then the channel is closed. The invariants hold
    /// after every operation.
    #[test]
    fn invariants_hold_under_random_operations() {
        let (mut both_queues, mut full_with_senders) = (false, false);
        for seed in 1..=300u64 {
            let mut rng = seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1;
            let cap = pick(&mut rng, 3);
            let mut c: Chan<i64> = Chan::new("int", cap as u64);
            let mut parked = [false; 6];
            let wake = |w: Option<ChanWake<i64>>, c: &mut Chan<i64>, parked: &mut [bool; 6]| {
                if let Some(w) = w {
                    assert!(
                        parked[w.g as usize],
                        "seed {seed}: woke a running goroutine"
                    );
                    parked[w.g as usize] = false;
                    if w.select.is_some() {
                        c.remove_waiter(w.g);
                    }
                }
            };
            for step in 0..200i64 {
                let runnable: Vec<Gid> = (1..=5).filter(|&g| !parked[g as usize]).collect();
                if runnable.is_empty() {
                    break;
                }
                let g = runnable[pick(&mut rng, runnable.len())];
                match pick(&mut rng, 3) {
                    0 => match c.send(g, step, true) {
                        SendOutcome::Sent { woke } => wake(woke, &mut c, &mut parked),
                        SendOutcome::Parked(_) => parked[g as usize] = true,
                        other => panic!("seed {seed}: send gave {other:?}"),
                    },
                    1 => match c.recv(g, true) {
                        RecvOutcome::Received { woke, .. } => wake(woke, &mut c, &mut parked),
                        RecvOutcome::Parked(_) => parked[g as usize] = true,
                        RecvOutcome::WouldBlock => panic!("seed {seed}: blocking recv"),
                    },
                    _ => {
                        if c.can_send_now() {
                            match c.send(g, step, false) {
                                SendOutcome::Sent { woke } => wake(woke, &mut c, &mut parked),
                                other => panic!("seed {seed}: ready send gave {other:?}"),
                            }
                        } else if c.can_recv_now() {
                            match c.recv(g, false) {
                                RecvOutcome::Received { woke, .. } => {
                                    wake(woke, &mut c, &mut parked)
                                }
                                other => panic!("seed {seed}: ready recv gave {other:?}"),
                            }
                        } else {
                            c.enqueue_select_send(g, step, 0);
                            c.enqueue_select_recv(g, 1);
                            parked[g as usize] = true;
                        }
                    }
                }
                assert_eq!(c.broken_invariant(), None, "seed {seed}, step {step}");
                both_queues |= !c.recvq.is_empty() && !c.sendq.is_empty();
                full_with_senders |= cap > 0 && c.qcount() == cap && !c.sendq.is_empty();
            }
            let wakes = c.close().expect("closed once");
            assert_eq!(c.broken_invariant(), None, "seed {seed}: after close");
            for w in wakes {
                assert!(matches!(
                    w.delivery,
                    Delivery::ReceivedClosed | Delivery::SendClosed
                ));
            }
        }
        assert!(both_queues, "a select parks on both queues");
        assert!(full_with_senders, "senders park on a full buffer");
    }

    /// Each invariant, broken by hand, is reported.
    #[test]
    fn broken_states_are_reported() {
        let receiver = |g| Sudog {
            g,
            elem: None,
            select: None,
        };
        let sender = |g, v| Sudog {
            g,
            elem: Some(v),
            select: None,
        };

        let mut c: Chan<i64> = Chan::new("int", 1);
        c.buf.extend([1, 2]);
        assert_eq!(c.broken_invariant(), Some("qcount <= dataqsiz"));

        let mut c: Chan<i64> = Chan::new("int", 2);
        c.recvx = 2;
        assert_eq!(c.broken_invariant(), Some("recvx < dataqsiz"));

        let mut c: Chan<i64> = Chan::new("int", 0);
        c.sendq.push_back(receiver(1));
        assert_eq!(
            c.broken_invariant(),
            Some("senders carry a value, receivers none")
        );

        let mut c: Chan<i64> = Chan::new("int", 0);
        c.recvq.push_back(receiver(1));
        c.closed = true;
        assert_eq!(
            c.broken_invariant(),
            Some("a closed channel has no waiters")
        );

        let mut c: Chan<i64> = Chan::new("int", 2);
        c.buf.push_back(1);
        c.recvq.push_back(receiver(1));
        assert_eq!(
            c.broken_invariant(),
            Some("qcount > 0 implies recvq is empty")
        );

        let mut c: Chan<i64> = Chan::new("int", 2);
        c.sendq.push_back(sender(1, 5));
        assert_eq!(
            c.broken_invariant(),
            Some("qcount < dataqsiz implies sendq is empty")
        );

        let mut c: Chan<i64> = Chan::new("int", 0);
        c.recvq.push_back(receiver(1));
        c.sendq.push_back(sender(2, 5));
        assert_eq!(
            c.broken_invariant(),
            Some("sendq or recvq is empty, but for one goroutine's select")
        );
    }
}
