//! The narration line: one or two sentences saying what the last step did,
//! in English or Chinese, built from the step's events and the snapshot
//! after it ("goroutine 7 sends 3 on ch: the buffer is full (1/1), so it
//! parks on sendq"), and for a step without events, the line it ran and
//! the line it stopped at, quoted from the program.
//!
//! Owns only wording. It reads `Snapshot` values and never steps anything;
//! it must stay cheap (it runs on every redraw). Objects are named as the
//! program names them; an object a library keeps inside one of its values
//! (the mutex inside a sync.Once) is said to be inside it.

use gosim::snapshot::{
    EventKind, EventView, ObjectKind, ObjectView, OutcomeClass, Snapshot, WaitReason,
};

use crate::i18n::Language::{self, En, Zh};

/// What the last step did, in `lang`. `ran` is the goroutine that ran.
pub fn narrate(snap: &Snapshot, ran: Option<u32>, lang: Language) -> String {
    narrate_step(snap, ran, None, "", lang)
}

/// What the last step did, in `lang`: `ran` ran it, from line `from` when
/// known; `source` is the program, for quoting the lines a step without
/// events ran.
pub fn narrate_step(
    snap: &Snapshot,
    ran: Option<u32>,
    from: Option<u32>,
    source: &str,
    lang: Language,
) -> String {
    if let Some(ending) = &snap.ending {
        if snap.events.is_empty() {
            return verdict_sentence(&ending.class, ending.exit_code, lang);
        }
    }
    let mut sentences: Vec<String> = Vec::new();
    for e in &snap.events {
        if let Some(s) = event_sentence(snap, e, lang) {
            if !sentences.contains(&s) {
                sentences.push(s);
            }
        }
    }
    if sentences.is_empty() {
        if let Some(g) = ran {
            let line = line_of(snap, g);
            sentences.push(ran_sentence(g, from, line, source, lang));
        }
    }
    if sentences.len() > 3 {
        let more = sentences.len() - 3;
        sentences.truncate(3);
        sentences.push(match (lang, more) {
            (En, 1) => "(+1 more event)".to_string(),
            (En, _) => format!("(+{more} more events)"),
            (Zh, _) => format!("（另有 {more} 个事件）"),
        });
    }
    if let Some(ending) = &snap.ending {
        sentences.push(verdict_sentence(&ending.class, ending.exit_code, lang));
    }
    sentences.join(" ")
}

/// The line goroutine `g` is at, from its full view or its group.
fn line_of(snap: &Snapshot, g: u32) -> Option<u32> {
    snap.goroutines
        .iter()
        .find(|v| v.id == g)
        .and_then(|v| v.line)
        .or_else(|| {
            snap.groups
                .iter()
                .find(|x| x.ids.binary_search(&g).is_ok())
                .and_then(|x| x.line)
        })
}

/// Line `n` of `source`, trimmed, or nothing when unknown or empty.
pub fn source_line(source: &str, n: u32) -> Option<&str> {
    let text = source.lines().nth(n.checked_sub(1)? as usize)?.trim();
    (!text.is_empty()).then_some(text)
}

/// A step with nothing the runtime sees: which line ran, where it stopped.
fn ran_sentence(
    g: u32,
    from: Option<u32>,
    to: Option<u32>,
    source: &str,
    lang: Language,
) -> String {
    let quote = |n: u32| match source_line(source, n) {
        Some(text) => format!(" (`{text}`)"),
        None => String::new(),
    };
    match (from, to, lang) {
        (Some(a), Some(b), En) if a != b => format!(
            "goroutine {g} runs line {a}{} and stops before line {b}{}.",
            quote(a),
            quote(b)
        ),
        (Some(a), Some(b), Zh) if a != b => format!(
            "goroutine {g} 执行第 {a} 行{}，停在第 {b} 行{}之前。",
            quote(a),
            quote(b)
        ),
        (_, Some(b), En) => format!("goroutine {g} is now at line {b}{}.", quote(b)),
        (_, Some(b), Zh) => format!("goroutine {g} 现在位于第 {b} 行{}。", quote(b)),
        (_, None, En) => format!("goroutine {g} runs."),
        (_, None, Zh) => format!("goroutine {g} 运行。"),
    }
}

/// The sentence that ends a run's narration.
pub fn verdict_sentence(class: &OutcomeClass, code: Option<i32>, lang: Language) -> String {
    match (class, lang) {
        (OutcomeClass::Deadlock, En) => "Every goroutine is asleep: Go reports a deadlock.".into(),
        (OutcomeClass::Deadlock, Zh) => "所有 goroutine 都在休眠：Go 报告死锁。".into(),
        (OutcomeClass::Panic, En) => {
            "The panic reaches the top of its goroutine: the program crashes.".into()
        }
        (OutcomeClass::Panic, Zh) => "panic 一直传到 goroutine 的顶层：程序崩溃。".into(),
        (OutcomeClass::FatalError, En) => "The runtime throws a fatal error.".into(),
        (OutcomeClass::FatalError, Zh) => "运行时抛出 fatal error。".into(),
        (OutcomeClass::BudgetExhausted, En) => "A limit of the simulator stopped the run.".into(),
        (OutcomeClass::BudgetExhausted, Zh) => "模拟器的上限让运行停止了。".into(),
        (OutcomeClass::IoWait, En) => "Nothing can run, and goroutines wait in IO wait for sockets that will never become ready: real Go would block in epoll_wait forever. That is not a deadlock to the runtime.".into(),
        (OutcomeClass::IoWait, Zh) => "没有可运行的 goroutine，剩下的都以 IO wait 等待永远不会就绪的 socket：真实的 Go 会永远阻塞在 epoll_wait 里。对 runtime 来说这不算死锁。".into(),
        (OutcomeClass::MemoryLeak, En) => format!(
            "main returns (exit status {}), but memory the program deleted is still held.",
            code.unwrap_or(0)
        ),
        (OutcomeClass::MemoryLeak, Zh) => format!(
            "main 返回（退出状态 {}），但程序删除的内存仍被占用。",
            code.unwrap_or(0)
        ),
        (OutcomeClass::LeakedGoroutines, En) => format!(
            "main returns (exit status {}) while other goroutines are still blocked: they leak.",
            code.unwrap_or(0)
        ),
        (OutcomeClass::LeakedGoroutines, Zh) => format!(
            "main 返回（退出状态 {}），其他 goroutine 仍然阻塞：它们泄漏了。",
            code.unwrap_or(0)
        ),
        (OutcomeClass::Finished, En) => {
            format!("main returns: exit status {}.", code.unwrap_or(0))
        }
        (OutcomeClass::Finished, Zh) => {
            format!("main 返回：退出状态 {}。", code.unwrap_or(0))
        }
    }
}

fn find_object(snap: &Snapshot, id: Option<u32>) -> Option<&ObjectView> {
    let id = id?;
    snap.objects.iter().find(|o| o.id == id)
}

/// How to name an object: the program's name for it, with the library
/// value it lives in when the program never names it itself.
fn object_name(snap: &Snapshot, id: Option<u32>, lang: Language) -> String {
    let obj = find_object(snap, id);
    match (
        obj.and_then(|o| o.name.as_deref()),
        obj.and_then(|o| o.owner.as_deref()),
    ) {
        (Some(name), Some(owner)) => match lang {
            En => format!("{name} (inside a {owner})"),
            Zh => format!("{name}（{owner} 内部）"),
        },
        (Some(name), None) => name.to_string(),
        (None, _) => match (obj.map(|o| &o.kind), lang) {
            (Some(ObjectKind::Channel { timer: true, .. }), En) => "a timer channel".into(),
            (Some(ObjectKind::Channel { timer: true, .. }), Zh) => "定时器 channel".into(),
            (Some(ObjectKind::Channel { .. }) | None, En) => "a channel".into(),
            (Some(ObjectKind::Channel { .. }) | None, Zh) => "一个 channel".into(),
            (Some(kind), En) => format!("a {}", kind_name(kind)),
            (Some(kind), Zh) => format!("一个 {}", kind_name(kind)),
        },
    }
}

/// The Go type of a runtime object.
fn kind_name(kind: &ObjectKind) -> &'static str {
    match kind {
        ObjectKind::Channel { .. } => "channel",
        ObjectKind::Mutex { .. } => "sync.Mutex",
        ObjectKind::RWMutex { .. } => "sync.RWMutex",
        ObjectKind::WaitGroup { .. } => "sync.WaitGroup",
        ObjectKind::Cond { .. } => "sync.Cond",
        ObjectKind::Once { .. } => "sync.Once",
        ObjectKind::SyncMap { .. } => "sync.Map",
    }
}

fn channel_fill(snap: &Snapshot, id: Option<u32>) -> Option<(usize, u64, bool)> {
    match &find_object(snap, id)?.kind {
        ObjectKind::Channel {
            cap, len, closed, ..
        } => Some((*len, *cap, *closed)),
        _ => None,
    }
}

fn holder_of(snap: &Snapshot, id: Option<u32>) -> Option<String> {
    match &find_object(snap, id)?.kind {
        ObjectKind::Mutex {
            holder: Some(h), ..
        } => Some(h.to_string()),
        ObjectKind::RWMutex {
            writer: Some(w), ..
        } => Some(w.to_string()),
        _ => None,
    }
}

fn event_sentence(snap: &Snapshot, e: &EventView, lang: Language) -> Option<String> {
    let g = e.g;
    let object = e.object();
    let name = || object_name(snap, object, lang);
    let s = match &e.kind {
        EventKind::Go { child } => match lang {
            En => format!("goroutine {g} starts goroutine {child} with a go statement."),
            Zh => format!("goroutine {g} 用 go 语句创建了 goroutine {child}。"),
        },
        EventKind::Send { value, .. } => {
            let (len, cap, _) = channel_fill(snap, object).unwrap_or((0, 0, false));
            match (cap, lang) {
                (0, En) => format!(
                    "goroutine {g} sends {value} on {}: unbuffered, so the value goes straight to a receiver.",
                    name()
                ),
                (0, Zh) => format!(
                    "goroutine {g} 向 {} 发送 {value}：无缓冲，值直接交给接收者。",
                    name()
                ),
                // A buffered send that leaves the buffer empty went straight
                // to a receiver parked on recvq (chansend's fast path).
                (_, En) if len == 0 => format!(
                    "goroutine {g} sends {value} on {}: a receiver was waiting on recvq, so the value goes straight to it (buffer stays 0/{cap}).",
                    name()
                ),
                (_, Zh) if len == 0 => format!(
                    "goroutine {g} 向 {} 发送 {value}：recvq 上有接收者在等，值直接交给它（缓冲仍为 0/{cap}）。",
                    name()
                ),
                (_, En) => format!(
                    "goroutine {g} sends {value} on {} (buffer {len}/{cap}).",
                    name()
                ),
                (_, Zh) => format!("goroutine {g} 向 {} 发送 {value}（缓冲 {len}/{cap}）。", name()),
            }
        }
        EventKind::Recv { value, ok, .. } => match (*ok, lang) {
            (true, En) => format!("goroutine {g} receives {value} from {}.", name()),
            (true, Zh) => format!("goroutine {g} 从 {} 收到 {value}。", name()),
            (false, En) => format!(
                "goroutine {g} receives from {}: it is closed and empty, so it gets the zero value {value} (ok = false).",
                name()
            ),
            (false, Zh) => format!(
                "goroutine {g} 从 {} 接收：它已关闭且为空，得到零值 {value}（ok = false）。",
                name()
            ),
        },
        EventKind::Close { .. } => match lang {
            En => format!(
                "goroutine {g} closes {}; every receiver parked on it wakes up.",
                name()
            ),
            Zh => format!("goroutine {g} 关闭了 {}，等待它的接收者全部被唤醒。", name()),
        },
        // The IoWait event, in the same step, says it in the netpoller's words.
        EventKind::Park {
            reason: WaitReason::IoWait,
            ..
        } => return None,
        EventKind::Park { reason, .. } => park_sentence(snap, object, g, *reason, lang),
        EventKind::IoWait { fd, write } => io_wait_sentence(g, *fd, *write, lang),
        EventKind::Netpoll { events, readied } => netpoll_sentence(events, readied, lang),
        EventKind::Sync { op, .. } => sync_sentence(snap, object, g, op, lang),
        EventKind::Sleep { duration } => match lang {
            En => format!("goroutine {g} sleeps for {duration} of virtual time."),
            Zh => format!("goroutine {g} 休眠 {duration}（虚拟时间）。"),
        },
        EventKind::Exit => match lang {
            En => format!("goroutine {g} exits."),
            Zh => format!("goroutine {g} 结束。"),
        },
        EventKind::Panic { value } => match lang {
            En => format!(
                "goroutine {g} panics: {value}. Its deferred calls run now, newest first."
            ),
            Zh => format!("goroutine {g} 发生 panic：{value}。它的 defer 调用现在按后进先出执行。"),
        },
        EventKind::Recovered { value } => match lang {
            En => format!(
                "A deferred call in goroutine {g} calls recover(): the panic ({value}) stops, and the function returns normally."
            ),
            Zh => format!(
                "goroutine {g} 的 defer 调用执行了 recover()：panic（{value}）被止住，函数正常返回。"
            ),
        },
        EventKind::TimerFired {
            chan,
            sleeper,
            after_func,
        } => timer_sentence(snap, *chan, *sleeper, *after_func, lang),
        EventKind::Select { case, cases, ready } => {
            select_sentence(g, *case, *cases, *ready, lang)
        }
    };
    Some(s)
}

/// A goroutine parks on a pollDesc, in the talk's words.
fn io_wait_sentence(g: u32, fd: u32, write: bool, lang: Language) -> String {
    match (write, lang) {
        (false, En) => format!(
            "goroutine {g}'s read on fd {fd} would block (EAGAIN): it parks on the pollDesc's rg in IO wait, and the thread goes on to run other goroutines."
        ),
        (false, Zh) => format!(
            "goroutine {g} 对 fd {fd} 的读会阻塞（EAGAIN）：它以 IO wait 挂在 pollDesc 的 rg 上，线程转去运行别的 goroutine。"
        ),
        (true, En) => format!(
            "goroutine {g}'s write on fd {fd} would block (EAGAIN): it parks on the pollDesc's wg in IO wait until the socket has room."
        ),
        (true, Zh) => format!(
            "goroutine {g} 对 fd {fd} 的写会阻塞（EAGAIN）：它以 IO wait 挂在 pollDesc 的 wg 上，直到 socket 有空间。"
        ),
    }
}

/// The scheduler's netpoll call: which fds epoll reported, whom it readied.
fn netpoll_sentence(events: &[(u32, u32)], readied: &[u32], lang: Language) -> String {
    let fds = crate::playground::widgets::id_list(events.iter().map(|e| e.0));
    let gs = crate::playground::widgets::id_list(readied.iter().copied());
    match (readied.is_empty(), lang) {
        (true, En) => format!(
            "Looking for work, the scheduler calls netpoll: epoll reports fd {fds} ready, but nobody is parked there; the pollDesc remembers it (pdReady)."
        ),
        (true, Zh) => format!(
            "调度器找活干时调用 netpoll：epoll 报告 fd {fds} 就绪，但没有 goroutine 挂在上面；pollDesc 记下这一点（pdReady）。"
        ),
        (false, En) => format!(
            "Looking for work, the scheduler calls netpoll: epoll reports fd {fds} ready, and netpollready makes goroutine {gs} runnable again."
        ),
        (false, Zh) => format!(
            "调度器找活干时调用 netpoll：epoll 报告 fd {fds} 就绪，netpollready 把 goroutine {gs} 重新变为可运行。"
        ),
    }
}

fn timer_sentence(
    snap: &Snapshot,
    chan: Option<u32>,
    sleeper: Option<u32>,
    after_func: bool,
    lang: Language,
) -> String {
    let at = crate::playground::num::fmt_ns(snap.now_ns);
    let named = chan
        .and_then(|c| find_object(snap, Some(c)))
        .and_then(|o| o.name.as_deref());
    match (chan, sleeper, after_func, lang) {
        (Some(_), _, _, En) => format!(
            "The virtual clock reaches {at}: a timer fires and sends the time on {}.",
            named.map_or("its channel".to_string(), |n| n.to_string())
        ),
        (Some(_), _, _, Zh) => format!(
            "虚拟时钟到达 {at}：定时器触发，向{}发送当前时间。",
            named.map_or("它的 channel ".to_string(), |n| format!(" {n} "))
        ),
        (None, Some(g), _, En) => {
            format!("The virtual clock reaches {at}: goroutine {g}'s sleep is over.")
        }
        (None, Some(g), _, Zh) => format!("虚拟时钟到达 {at}：goroutine {g} 的休眠结束。"),
        (None, None, true, En) => format!(
            "The virtual clock reaches {at}: an AfterFunc timer fires and starts its function in a new goroutine."
        ),
        (None, None, true, Zh) => {
            format!("虚拟时钟到达 {at}：AfterFunc 定时器触发，在新的 goroutine 中运行它的函数。")
        }
        (None, None, false, En) => format!("The virtual clock reaches {at}: a timer fires."),
        (None, None, false, Zh) => format!("虚拟时钟到达 {at}：一个定时器触发。"),
    }
}

fn select_sentence(
    g: u32,
    case: Option<usize>,
    cases: usize,
    ready: usize,
    lang: Language,
) -> String {
    match (case, ready, lang) {
        (None, _, En) => {
            format!("goroutine {g}'s select finds no case ready, so it takes default.")
        }
        (None, _, Zh) => format!("goroutine {g} 的 select 没有就绪的 case，于是走 default。"),
        (Some(c), 0, En) => format!(
            "goroutine {g}'s select wakes up on case {} of {cases}: that channel became ready.",
            c + 1
        ),
        (Some(c), 0, Zh) => format!(
            "goroutine {g} 的 select 在第 {} 个 case（共 {cases} 个）上被唤醒：那个 channel 就绪了。",
            c + 1
        ),
        (Some(c), 1, En) => format!(
            "goroutine {g}'s select takes case {} of {cases}, the only one ready.",
            c + 1
        ),
        (Some(c), 1, Zh) => format!(
            "goroutine {g} 的 select 选中第 {} 个 case（共 {cases} 个），它是唯一就绪的。",
            c + 1
        ),
        (Some(c), n, En) => format!(
            "goroutine {g}'s select finds {n} cases ready and Go picks one at random: case {} of {cases}.",
            c + 1
        ),
        (Some(c), n, Zh) => format!(
            "goroutine {g} 的 select 有 {n} 个 case 就绪，Go 随机选了一个：第 {} 个（共 {cases} 个）。",
            c + 1
        ),
    }
}

/// A sync method call: on an object the program names, `mu.Lock()`; on one
/// a library value keeps inside (`once.m`), the library's own doing.
fn sync_sentence(snap: &Snapshot, object: Option<u32>, g: u32, op: &str, lang: Language) -> String {
    let obj = find_object(snap, object);
    match (
        obj.and_then(|o| o.name.as_deref()),
        obj.and_then(|o| o.owner.as_deref()),
    ) {
        (Some(name), Some(owner)) => {
            let verb = match (op, lang) {
                ("Lock", En) => "locks",
                ("Unlock", En) => "unlocks",
                ("Lock", Zh) => "加锁",
                ("Unlock", Zh) => "解锁",
                (_, En) => "uses",
                (_, Zh) => "使用",
            };
            match lang {
                En => format!("In goroutine {g}, the {owner} {verb} its own {name} ({op})."),
                Zh => format!("goroutine {g} 中，{owner} 对自己内部的 {name} {verb}（{op}）。"),
            }
        }
        (Some(name), None) => match lang {
            En => format!("goroutine {g} calls {name}.{op}()."),
            Zh => format!("goroutine {g} 调用 {name}.{op}()。"),
        },
        (None, _) => {
            let what = object_name(snap, object, lang);
            match lang {
                En => format!("goroutine {g} calls {op} on {what}."),
                Zh => format!("goroutine {g} 对{what}调用 {op}。"),
            }
        }
    }
}

fn park_sentence(
    snap: &Snapshot,
    object: Option<u32>,
    g: u32,
    why: WaitReason,
    lang: Language,
) -> String {
    let name = object_name(snap, object, lang);
    let reason = why.as_go_str();
    match why {
        WaitReason::ChanSend => {
            let (len, cap, _) = channel_fill(snap, object).unwrap_or((0, 0, false));
            let pending = match find_object(snap, object).map(|o| &o.kind) {
                Some(ObjectKind::Channel { sendq, .. }) => sendq
                    .iter()
                    .find(|w| w.g == g)
                    .and_then(|w| w.value.clone()),
                _ => None,
            }
            .unwrap_or_default();
            match (cap, lang) {
                (0, En) => format!("goroutine {g} sends {pending} on {name}: unbuffered and no receiver is waiting, so it parks on sendq."),
                (0, Zh) => format!("goroutine {g} 向 {name} 发送 {pending}：无缓冲且没有接收者在等，于是停在 sendq 上。"),
                (_, En) => format!("goroutine {g} sends {pending} on {name}: the buffer is full ({len}/{cap}), so it parks on sendq."),
                (_, Zh) => format!("goroutine {g} 向 {name} 发送 {pending}：缓冲已满（{len}/{cap}），于是停在 sendq 上。"),
            }
        }
        WaitReason::ChanReceive => match lang {
            En => format!(
                "goroutine {g} receives from {name}: nothing to take, so it parks on recvq."
            ),
            Zh => format!("goroutine {g} 从 {name} 接收：没有数据可取，于是停在 recvq 上。"),
        },
        WaitReason::ChanSendNilChan | WaitReason::ChanReceiveNilChan => match lang {
            En => format!("goroutine {g} uses a nil channel and blocks forever ({reason})."),
            Zh => format!("goroutine {g} 操作一个 nil channel，会永远阻塞（{reason}）。"),
        },
        WaitReason::SyncMutexLock | WaitReason::SyncRWMutexLock | WaitReason::SyncRWMutexRLock => {
            match (holder_of(snap, object), lang) {
                (Some(h), En) => format!(
                    "goroutine {g} waits for {name}, held by goroutine {h}: it parks [{reason}]."
                ),
                (Some(h), Zh) => format!(
                    "goroutine {g} 等待 {name}，它被 goroutine {h} 持有：停下等待 [{reason}]。"
                ),
                (None, En) => format!("goroutine {g} cannot take {name} now: it parks [{reason}]."),
                (None, Zh) => format!("goroutine {g} 暂时拿不到 {name}：停下等待 [{reason}]。"),
            }
        }
        WaitReason::Select | WaitReason::SelectNoCases => match lang {
            En => format!("goroutine {g}'s select has no case ready: it parks [{reason}] on every case's channel."),
            Zh => format!("goroutine {g} 的 select 没有就绪的 case：它停在每个 case 的 channel 上 [{reason}]。"),
        },
        _ => match (object.is_some(), lang) {
            (true, En) => format!("goroutine {g} waits on {name}: it parks [{reason}]."),
            (true, Zh) => format!("goroutine {g} 等待 {name}：停下等待 [{reason}]。"),
            (false, En) => format!("goroutine {g} parks [{reason}]."),
            (false, Zh) => format!("goroutine {g} 停下等待 [{reason}]。"),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::playground::controller::{Controller, PlayConfig};
    use gosim::session::StepBy;

    fn case_source(n: u32) -> &'static str {
        crate::cases::all()
            .iter()
            .find(|c| c.number == n)
            .map(|c| c.source)
            .expect("the case is embedded")
    }

    /// Every narration line of a run of `src`, in `lang`.
    fn run_lines(src: &str, config: PlayConfig, lang: Language) -> Vec<String> {
        let mut c = Controller::new(src, config);
        let mut out = Vec::new();
        let mut before: Vec<(u32, Option<u32>)> = Vec::new();
        while c.step() {
            let ran = c.history().last().map(|s| s.ran);
            let snap = c.snapshot().expect("the case compiles");
            let from = before
                .iter()
                .find(|(g, _)| Some(*g) == ran)
                .and_then(|(_, l)| *l);
            out.push(narrate_step(&snap, ran, from, src, lang));
            before = snap.goroutines.iter().map(|g| (g.id, g.line)).collect();
        }
        out
    }

    fn lines(n: u32, lang: Language) -> Vec<String> {
        run_lines(case_source(n), PlayConfig::default(), lang)
    }

    #[test]
    fn case4_narration_tells_the_story_in_both_languages() {
        let en = lines(4, Language::En);
        let has = |needle: &str| en.iter().any(|l| l.contains(needle));
        assert!(has("starts goroutine"), "{en:#?}");
        assert!(
            has("sends 0 on ch: a receiver was waiting on recvq"),
            "{en:#?}"
        );
        assert!(has("sends 1 on ch (buffer 1/1)"), "{en:#?}");
        assert!(
            has("the buffer is full (1/1), so it parks on sendq"),
            "{en:#?}"
        );
        assert!(has("held by goroutine"), "{en:#?}");
        assert!(en.last().is_some_and(|l| l.contains("deadlock")), "{en:#?}");
        let zh = lines(4, Language::Zh);
        assert_eq!(zh.len(), en.len());
        assert!(
            zh.iter()
                .any(|l| l.contains("缓冲已满（1/1），于是停在 sendq 上")),
            "{zh:#?}"
        );
        assert!(zh.last().is_some_and(|l| l.contains("死锁")), "{zh:#?}");
    }

    #[test]
    fn a_step_without_events_quotes_the_line_it_ran() {
        let en = lines(4, Language::En);
        assert!(
            en.iter()
                .any(|l| l.contains("runs line") && l.contains("(`")),
            "{en:#?}"
        );
        assert!(!en.iter().any(|l| l.contains("runs to line")), "{en:#?}");
    }

    #[test]
    fn case8_narrates_the_panic_and_the_recovery() {
        let en = lines(8, Language::En);
        assert!(
            en.iter()
                .any(|l| l.contains("panics: runtime error: integer divide by zero")),
            "{en:#?}"
        );
        assert!(en.iter().any(|l| l.contains("calls recover()")), "{en:#?}");
        let zh = lines(8, Language::Zh);
        assert!(zh.iter().any(|l| l.contains("发生 panic")), "{zh:#?}");
    }

    #[test]
    fn case2_narrates_the_timer_and_the_select() {
        let en = lines(2, Language::En);
        assert!(
            en.iter().any(|l| l.contains(
                "The virtual clock reaches 1s: a timer fires and sends the time on its channel."
            )),
            "{en:#?}"
        );
        assert!(
            en.iter()
                .any(|l| l.contains("select wakes up on case 2 of 2")),
            "{en:#?}"
        );
    }

    #[test]
    fn no_positional_or_internal_names_reach_the_narration() {
        for n in [8, 10, 5, 16] {
            let config = PlayConfig {
                step_by: StepBy::SchedulingPoint,
                ..PlayConfig::default()
            };
            for line in run_lines(case_source(n), config, Language::En) {
                for bad in [".1.", ".2.", ".0.", "obj."] {
                    assert!(!line.contains(bad), "case {n}: {line}");
                }
            }
        }
        let en = lines(8, Language::En);
        assert!(
            en.iter()
                .any(|l| l.contains("the sync.Once locks its own once.m")),
            "{en:#?}"
        );
    }
}
