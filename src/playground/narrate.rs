//! The narration line: one or two sentences saying what the last step did,
//! in English or Chinese, built from the step's events and the snapshot
//! after it ("goroutine 7 sends 3 on ch: the buffer is full (1/1), so it
//! parks on sendq").
//!
//! Owns only wording. It reads `Snapshot` values and never steps anything;
//! it must stay cheap (it runs on every redraw).

use gosim::snapshot::{
    EventKind, EventView, ObjectKind, ObjectView, OutcomeClass, Snapshot, WaitReason,
};

use crate::i18n::Language::{self, En, Zh};

/// What the last step did, in `lang`. `ran` is the goroutine that ran.
pub fn narrate(snap: &Snapshot, ran: Option<u32>, lang: Language) -> String {
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
            let line = snap
                .goroutines
                .iter()
                .find(|v| v.id == g)
                .and_then(|v| v.line);
            sentences.push(match (line, lang) {
                (Some(l), En) => format!("goroutine {g} runs to line {l}."),
                (Some(l), Zh) => format!("goroutine {g} 执行到第 {l} 行。"),
                (None, En) => format!("goroutine {g} runs."),
                (None, Zh) => format!("goroutine {g} 运行。"),
            });
        }
    }
    if sentences.len() > 3 {
        let more = sentences.len() - 3;
        sentences.truncate(3);
        sentences.push(match lang {
            En => format!("(+{more} more events)"),
            Zh => format!("（另有 {more} 个事件）"),
        });
    }
    if let Some(ending) = &snap.ending {
        sentences.push(verdict_sentence(&ending.class, ending.exit_code, lang));
    }
    sentences.join(" ")
}

fn verdict_sentence(class: &OutcomeClass, code: Option<i32>, lang: Language) -> String {
    match (class, lang) {
        (OutcomeClass::Deadlock, En) => "Every goroutine is asleep: Go reports a deadlock.".into(),
        (OutcomeClass::Deadlock, Zh) => "所有 goroutine 都在休眠：Go 报告死锁。".into(),
        (OutcomeClass::Panic, En) => "The program panics.".into(),
        (OutcomeClass::Panic, Zh) => "程序 panic 了。".into(),
        (OutcomeClass::FatalError, En) => "The runtime throws a fatal error.".into(),
        (OutcomeClass::FatalError, Zh) => "运行时抛出 fatal error。".into(),
        (OutcomeClass::BudgetExhausted, En) => {
            "The step budget ran out: the program does not terminate.".into()
        }
        (OutcomeClass::BudgetExhausted, Zh) => "步数预算用完：程序没有结束。".into(),
        (OutcomeClass::Finished | OutcomeClass::LeakedGoroutines, En) => {
            format!("main returns: exit status {}.", code.unwrap_or(0))
        }
        (OutcomeClass::Finished | OutcomeClass::LeakedGoroutines, Zh) => {
            format!("main 返回：退出状态 {}。", code.unwrap_or(0))
        }
    }
}

fn find_object(snap: &Snapshot, id: Option<u32>) -> Option<&ObjectView> {
    let id = id?;
    snap.objects.iter().find(|o| o.id == id)
}

/// The variable name of an object, or a description of it.
fn object_name(snap: &Snapshot, id: Option<u32>, lang: Language) -> String {
    let obj = find_object(snap, id);
    match obj.and_then(|o| o.name.as_deref()) {
        Some(name) => name.to_string(),
        None => match (obj.map(|o| &o.kind), lang) {
            (Some(ObjectKind::Channel { timer: true, .. }), En) => "a timer channel".into(),
            (Some(ObjectKind::Channel { timer: true, .. }), Zh) => "定时器 channel".into(),
            (_, En) => "a channel".into(),
            (_, Zh) => "channel".into(),
        },
    }
}

fn channel_fill(snap: &Snapshot, id: Option<u32>) -> Option<(usize, usize, bool)> {
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
        EventKind::Recv { value, ok, .. } => {
            match (*ok, lang) {
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
            }
        }
        EventKind::Close { .. } => match lang {
            En => format!(
                "goroutine {g} closes {}; every receiver parked on it wakes up.",
                name()
            ),
            Zh => format!("goroutine {g} 关闭了 {}，等待它的接收者全部被唤醒。", name()),
        },
        EventKind::Park { reason, .. } => park_sentence(snap, object, g, *reason, lang),
        EventKind::Sync { op, .. } => {
            let n = name_sync(snap, object, lang);
            match lang {
                En => format!("goroutine {g} calls {n}.{op}()."),
                Zh => format!("goroutine {g} 调用 {n}.{op}()。"),
            }
        }
        EventKind::Sleep { duration } => match lang {
            En => format!("goroutine {g} sleeps for {duration} of virtual time."),
            Zh => format!("goroutine {g} 休眠 {duration}（虚拟时间）。"),
        },
        EventKind::Exit => match lang {
            En => format!("goroutine {g} exits."),
            Zh => format!("goroutine {g} 结束。"),
        },
    };
    Some(s)
}

fn name_sync(snap: &Snapshot, id: Option<u32>, lang: Language) -> String {
    let obj = find_object(snap, id);
    match obj.and_then(|o| o.name.as_deref()) {
        Some(n) => n.to_string(),
        None => {
            let kind = match obj.map(|o| &o.kind) {
                Some(ObjectKind::Mutex { .. }) => "mu",
                Some(ObjectKind::RWMutex { .. }) => "rw",
                Some(ObjectKind::WaitGroup { .. }) => "wg",
                Some(ObjectKind::Cond { .. }) => "cond",
                Some(ObjectKind::SyncMap { .. }) => "m",
                Some(ObjectKind::Once { .. }) => "once",
                _ if lang == Zh => "对象",
                _ => "obj",
            };
            kind.to_string()
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
            let holder = holder_of(snap, object);
            let n = name_sync(snap, object, lang);
            match (holder, lang) {
                (Some(h), En) => format!(
                    "goroutine {g} waits for {n}, held by goroutine {h}: it parks [{reason}]."
                ),
                (Some(h), Zh) => format!(
                    "goroutine {g} 等待 {n}，它被 goroutine {h} 持有：停下等待 [{reason}]。"
                ),
                (None, En) => format!("goroutine {g} cannot take {n} now: it parks [{reason}]."),
                (None, Zh) => format!("goroutine {g} 暂时拿不到 {n}：停下等待 [{reason}]。"),
            }
        }
        _ => match lang {
            En => format!("goroutine {g} parks [{reason}]."),
            Zh => format!("goroutine {g} 停下等待 [{reason}]。"),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::playground::controller::{Controller, PlayConfig};

    /// Every narration line of a run of case 4, in `lang`.
    fn lines(lang: Language) -> Vec<String> {
        let case = crate::cases::all()
            .iter()
            .find(|c| c.number == 4)
            .expect("case 4 is embedded");
        let mut c = Controller::new(case.source, PlayConfig::default());
        let mut out = Vec::new();
        while c.step() {
            let ran = c.history().last().map(|s| s.ran);
            let snap = c.snapshot().expect("case 4 compiles");
            out.push(narrate(&snap, ran, lang));
        }
        out
    }

    #[test]
    fn case4_narration_tells_the_story_in_both_languages() {
        let en = lines(Language::En);
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
        let zh = lines(Language::Zh);
        assert_eq!(zh.len(), en.len());
        assert!(
            zh.iter()
                .any(|l| l.contains("缓冲已满（1/1），于是停在 sendq 上")),
            "{zh:#?}"
        );
        assert!(zh.last().is_some_and(|l| l.contains("死锁")), "{zh:#?}");
    }
}
