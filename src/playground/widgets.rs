//! Widgets that draw runtime objects the way the Go runtime holds them: a
//! channel as an `hchan` ring buffer with `sendx`/`recvx`, `recvq`/`sendq`
//! and the closed flag; Mutex/RWMutex with holders and queues; WaitGroup,
//! Cond notify list, sync.Map read/dirty; timers; goroutine cards.
//!
//! Each widget renders from one snapshot value plus the language and never
//! steps the program; clicking a goroutine only calls back. Widgets are
//! plain functions, not components: a component costs the wasm its own copy
//! of Yew's lifecycle code, and the playground re-renders them on every step
//! anyway.

use gosim::snapshot::{
    GoroutineGroup, GoroutineView, MapEntryView, NetView, ObjectKind, ObjectView, PdSema, SlotView,
    TimerKind, TimerState, TimerView, WaiterView,
};
use yew::prelude::*;

use crate::i18n::{goroutine, objects, Language};
use crate::markup::send;
use crate::markup::{class_el, classed, flag, plain_el, text_el};
use crate::playground::num::{fmt_bytes, fmt_count, fmt_ns};

/// `base` plus the colour class of goroutine `id` (its marker, card edge
/// and lane). Class lists are built as strings rather than with `classes!`
/// (wasm size).
/// How many of a channel's buffer slots are drawn: `make(chan T, 1<<20)`
/// would otherwise put a million elements in the page.
const RING_SLOTS_DRAWN: usize = 64;

/// The buffer slots drawn: every slot of a small ring; of a large one, the
/// slots holding values (oldest first) and the one the next send writes.
fn ring_slots(cap: u64, buffer: &[SlotView], sendx: usize) -> Vec<usize> {
    if cap <= RING_SLOTS_DRAWN as u64 {
        return (0..cap as usize).collect();
    }
    let mut slots: Vec<usize> = buffer
        .iter()
        .map(|s| s.index)
        .take(RING_SLOTS_DRAWN - 1)
        .collect();
    if !slots.contains(&sendx) {
        slots.push(sendx);
    }
    slots
}

pub fn g_class(base: &str, id: u32) -> String {
    format!("{base} g-color-{}", id % 8)
}

fn g_chip(g: u32, extra: Option<String>) -> Html {
    classed(
        g_class("g-chip", g),
        html! {
            <span class="_" data-g={g.to_string()}>
                { format!("G{g}") }
                if let Some(extra) = extra {
                    { text_el("span", "g-chip__value", extra) }
                }
            </span>
        },
    )
}

/// Goroutines a wait queue draws before the rest are counted (a mutex
/// with 1,000 waiters draws 12 and "… and 988 more").
pub const CHIPS_SHOWN: usize = 12;

/// "… and N more" after the first `CHIPS_SHOWN` of `total`.
fn more_chips(total: usize, lang: Language) -> Html {
    if total > CHIPS_SHOWN {
        text_el(
            "span",
            "obj__empty",
            objects::more(lang, total - CHIPS_SHOWN),
        )
    } else {
        html! {}
    }
}

fn queue(
    label: &'static str,
    testid: &'static str,
    waiters: &[WaiterView],
    empty: &'static str,
    lang: Language,
) -> Html {
    html! {
        <div class="obj__queue" data-testid={testid} data-count={waiters.len().to_string()}>
            { text_el("span", "obj__label", label) }
            if waiters.is_empty() {
                { text_el("span", "obj__empty", empty) }
            }
            { for waiters.iter().take(CHIPS_SHOWN).map(|w| {
                let extra = match (&w.value, w.in_select) {
                    (Some(v), _) => Some(format!("← {v}")),
                    (None, true) => Some("select".to_string()),
                    _ => None,
                };
                g_chip(w.g, extra)
            }) }
            { more_chips(waiters.len(), lang) }
        </div>
    }
}

/// The head line of a sync object: its type, its name (`fallback` when the
/// program's variable is unknown) and its fields.
fn obj_head(
    kind: &'static str,
    name: &Option<String>,
    fallback: &'static str,
    fill: String,
) -> Html {
    html! {
        <div class="obj__head">
            { text_el("span", "obj__kind", kind) }
            { text_el("strong", "obj__name", name.clone().unwrap_or_else(|| fallback.into())) }
            { text_el("span", "obj__fill", fill) }
        </div>
    }
}

fn gid_list(
    label: &'static str,
    testid: &'static str,
    gs: &[u32],
    empty: &'static str,
    lang: Language,
) -> Html {
    html! {
        <div class="obj__queue" data-testid={testid} data-count={gs.len().to_string()}>
            { text_el("span", "obj__label", label) }
            if gs.is_empty() {
                { text_el("span", "obj__empty", empty) }
            }
            { for gs.iter().take(CHIPS_SHOWN).map(|g| g_chip(*g, None)) }
            { more_chips(gs.len(), lang) }
        </div>
    }
}

/// One runtime object.
pub fn object_widget(object: &ObjectView, lang: Language) -> Html {
    let none = objects::EMPTY.get(lang);
    let name = &object.name;
    match &object.kind {
        ObjectKind::Channel {
            elem_type,
            cap,
            len,
            sendx,
            recvx,
            buffer,
            recvq,
            sendq,
            closed,
            timer,
            ..
        } => {
            let name = name.clone().unwrap_or_else(|| "chan".into());
            let full = *cap > 0 && *len as u64 == *cap;
            let state = if *closed {
                objects::CLOSED.get(lang)
            } else if *cap == 0 {
                objects::UNBUFFERED.get(lang)
            } else if full {
                objects::FULL.get(lang)
            } else if *len == 0 {
                objects::EMPTY.get(lang)
            } else {
                objects::OPEN.get(lang)
            };
            classed(
                match (*closed, full) {
                    (true, true) => "obj obj--chan is-closed is-full",
                    (true, false) => "obj obj--chan is-closed",
                    (false, true) => "obj obj--chan is-full",
                    _ => "obj obj--chan",
                },
                html! {
                    <div class="_"
                        data-testid="chan" data-name={name.clone()} data-cap={cap.to_string()}
                        data-len={len.to_string()} data-closed={flag(*closed)}>
                        <div class="obj__head">
                            { text_el("span", "obj__kind", format!("chan {elem_type}")) }
                            { text_el("strong", "obj__name", name) }
                            if *timer {
                                { text_el("span", "obj__tag", objects::TIMER.get(lang)) }
                            }
                            <span class="obj__fill" data-testid="chan-fill">{ format!("{len}/{cap}") }</span>
                            { text_el("span", if *closed { "obj__state obj__state--closed" } else { "obj__state" }, state) }
                        </div>
                        if *cap == 0 {
                            { text_el("p", "obj__note", objects::NO_BUFFER.get(lang)) }
                        } else {
                            <div class="ring" role="list" aria-label={objects::BUFFER_SLOTS.get(lang)}>
                                { for ring_slots(*cap, buffer, *sendx).into_iter().map(|i| {
                                    let slot = buffer.iter().find(|s| s.index == i);
                                    let marks = match (i == *sendx, i == *recvx) {
                                        (true, true) => "sendx recvx",
                                        (true, false) => "sendx",
                                        (false, true) => "recvx",
                                        _ => "",
                                    };
                                    html! {
                                        <div class="ring__cell" role="listitem" data-slot={i.to_string()}>
                                            { text_el("span", if slot.is_some() { "ring__slot is-used" } else { "ring__slot" }, slot.map(|s| s.value.clone()).unwrap_or_default()) }
                                            { text_el("span", "ring__index", format!("[{i}]")) }
                                            { text_el("span", "ring__ptr", marks) }
                                        </div>
                                    }
                                }) }
                            </div>
                            if *cap > RING_SLOTS_DRAWN as u64 {
                                { text_el("p", "obj__note", objects::slots_elided(lang, ring_slots(*cap, buffer, *sendx).len(), *cap)) }
                            }
                        }
                        { queue("recvq", "recvq", recvq, none, lang) }
                        { queue("sendq", "sendq", sendq, none, lang) }
                        { text_el("div", "obj__flags", format!("closed = {}", if *closed { 1 } else { 0 })) }
                    </div>
                },
            )
        }
        ObjectKind::Mutex {
            locked,
            holder,
            waiters,
            starving,
            ..
        } => classed(
            if *locked {
                "obj obj--mutex is-locked"
            } else {
                "obj obj--mutex"
            },
            html! {
                <div class="_" data-testid="mutex" data-locked={flag(*locked)}>
                    <div class="obj__head">
                        { text_el("span", "obj__kind", "sync.Mutex") }
                        { text_el("strong", "obj__name", name.clone().unwrap_or_else(|| "mu".into())) }
                        { text_el("span", "obj__state", if *locked { objects::LOCKED.get(lang) } else { objects::UNLOCKED.get(lang) }) }
                        if *starving {
                            { text_el("span", "obj__tag", objects::STARVING.get(lang)) }
                        }
                    </div>
                    <div class="obj__queue" data-testid="holder">
                        { text_el("span", "obj__label", objects::HOLDER.get(lang)) }
                        { match holder {
                            Some(h) => g_chip(*h, None),
                            None if *locked => html! { { text_el("span", "obj__empty", "?") } },
                            None => html! { { text_el("span", "obj__empty", objects::NOBODY.get(lang)) } },
                        } }
                    </div>
                    { gid_list("sema", "waiters", waiters, none, lang) }
                </div>
            },
        ),
        ObjectKind::RWMutex {
            writer,
            readers,
            reader_count,
            reader_wait,
            queued_readers,
            queued_writers,
            ..
        } => {
            let pending = !queued_writers.is_empty() || *reader_count < 0;
            classed(
                if pending {
                    "obj obj--rwmutex has-pending-writer"
                } else {
                    "obj obj--rwmutex"
                },
                html! {
                    <div class="_" data-testid="rwmutex"
                        data-pending-writer={flag(pending)} data-reader-count={reader_count.to_string()}>
                        { obj_head("sync.RWMutex", name, "rw", format!("readerCount = {reader_count}, readerWait = {reader_wait}")) }
                        <div class="obj__queue" data-testid="writer">
                            { text_el("span", "obj__label", objects::WRITER.get(lang)) }
                            { match writer {
                                Some(w) => g_chip(*w, None),
                                None => html! { { text_el("span", "obj__empty", objects::NOBODY.get(lang)) } },
                            } }
                        </div>
                        { gid_list(objects::READERS.get(lang), "readers", readers, none, lang) }
                        { gid_list(objects::WRITERS_WAITING.get(lang), "queued-writers", queued_writers, none, lang) }
                        { gid_list(objects::READERS_WAITING.get(lang), "queued-readers", queued_readers, none, lang) }
                        if pending {
                            <p class="obj__note obj__note--warn" data-testid="pending-writer">
                                { objects::WRITER_PENDING.get(lang) }
                            </p>
                        }
                    </div>
                },
            )
        }
        ObjectKind::WaitGroup {
            counter, waiters, ..
        } => html! {
            <div class="obj obj--wg" data-testid="waitgroup" data-counter={counter.to_string()}>
                { obj_head("sync.WaitGroup", name, "wg", format!("counter = {counter}")) }
                { gid_list(objects::WAITERS.get(lang), "waiters", waiters, none, lang) }
            </div>
        },
        ObjectKind::Cond {
            wait_ticket,
            notify_ticket,
            waiters,
            ..
        } => html! {
            <div class="obj obj--cond" data-testid="cond">
                { obj_head("sync.Cond", name, "cond", format!("notifyList wait = {wait_ticket}, notify = {notify_ticket}")) }
                <div class="obj__queue" data-testid="notify-list" data-count={waiters.len().to_string()}>
                    { text_el("span", "obj__label", objects::NOTIFY_LIST.get(lang)) }
                    if waiters.is_empty() {
                        { text_el("span", "obj__empty", none) }
                    }
                    { for waiters.iter().take(CHIPS_SHOWN).map(|(g, t)| g_chip(*g, Some(format!("#{t}")))) }
                    { more_chips(waiters.len(), lang) }
                </div>
            </div>
        },
        ObjectKind::SyncMap {
            read,
            read_len,
            dirty,
            dirty_len,
            misses,
            amended,
            memory,
        } => {
            let entries = |list: &[MapEntryView], len: usize| -> Html {
                html! {
                    <>
                        { for list.iter().map(|e| {
                            let (class, value) = match (&e.value, e.expunged) {
                                (Some(v), _) => ("kv", v.clone()),
                                (None, false) => ("kv kv--deleted", objects::DELETED.get(lang).to_string()),
                                (None, true) => ("kv kv--deleted", "expunged".to_string()),
                            };
                            class_el("span", class, html! {
                                <>{ text_el("span", "kv__k", e.key.clone()) }{ ": " }{ text_el("span", "kv__v", value) }</>
                            })
                        }) }
                        if len > list.len() {
                            { text_el("span", "obj__empty", objects::more(lang, len - list.len())) }
                        }
                    </>
                }
            };
            let side = |label: &'static str, len: usize, bytes: u64| {
                format!(
                    "{label}: {} · {}",
                    objects::keys(lang, len),
                    fmt_bytes(bytes)
                )
            };
            html! {
                <div class="obj obj--syncmap" data-testid="syncmap" data-read-len={read_len.to_string()}
                    data-dirty-len={dirty_len.to_string()} data-held={memory.held_bytes.to_string()}
                    data-deleted-in-dirty={memory.deleted_in_dirty.to_string()}>
                    { obj_head("sync.Map", name, "m", format!("misses = {misses}, amended = {amended}")) }
                    <p class="map-mem" data-testid="map-memory">
                        { text_el("span", "map-mem__held", objects::held(lang, &fmt_bytes(memory.held_bytes))) }
                        { text_el("span", "map-mem__side", side("read", *read_len, memory.read_bytes)) }
                        { text_el("span", "map-mem__side", side("dirty", *dirty_len, memory.dirty_bytes)) }
                    </p>
                    <div class="obj__queue">{ text_el("span", "obj__label", "read") }{ entries(read, *read_len) }</div>
                    <div class="obj__queue">{ text_el("span", "obj__label", "dirty") }
                        { match dirty {
                            Some(d) => entries(d, *dirty_len),
                            None => html! { { text_el("span", "obj__empty", "nil") } },
                        } }
                    </div>
                    if memory.deleted_in_dirty > 0 {
                        <p class="obj__note obj__note--warn" data-testid="deleted-in-dirty">
                            { objects::deleted_in_dirty(lang, memory.deleted_in_dirty, &fmt_bytes(memory.deleted_in_dirty_bytes)) }
                        </p>
                    }
                </div>
            }
        }
        ObjectKind::Once { done } => html! {
            <div class="obj obj--once" data-testid="once">
                { obj_head("sync.Once", name, "once", format!("done = {}", if *done { 1 } else { 0 })) }
                <div class="obj__queue">{ text_el("span", "obj__label", objects::STATE.get(lang)) }
                    { if *done { objects::ONCE_DONE.get(lang) } else { objects::ONCE_NOT_YET.get(lang) } }
                </div>
            </div>
        },
    }
}

/// A channel variable `name` of type `ty` (e.g. `chan int`) that holds
/// nil: there is no hchan at all, so it is drawn as an empty outline with
/// what Go does to it.
pub fn nil_channel_widget(name: String, ty: String, lang: Language) -> Html {
    html! {
        <div class="obj obj--chan obj--nil" data-testid="nil-chan" data-name={name.clone()}>
            <div class="obj__head">
                { text_el("span", "obj__kind", ty) }
                { text_el("strong", "obj__name", name) }
                { text_el("span", "obj__state", "nil") }
            </div>
            <p class="obj__note">
                { objects::NIL_CHAN.get(lang) }
            </p>
        </div>
    }
}

/// Pending timers on a virtual-clock line. The count is of the timers the
/// runtime keeps alive, as in the resource plot; under Go 1.23+ semantics,
/// channel timers nobody waits on are only mentioned, since the runtime no
/// longer holds them (case 16's fix in the language itself).
pub fn timers_widget(timers: &[TimerView], now_ns: i64, lang: Language) -> Html {
    let mut held: Vec<&TimerView> = timers.iter().filter(|t| t.held).collect();
    gosim::util::order::sort_by_key(&mut held, |t| t.when_ns);
    let unheld = timers
        .iter()
        .filter(|t| t.state == TimerState::Pending && !t.held)
        .count();
    let shown = held.len().min(6);
    html! {
        <div class="obj obj--timers" data-testid="timers"
            data-live={held.len().to_string()} data-unheld={unheld.to_string()}>
            <div class="obj__head">
                { text_el("span", "obj__kind", objects::TIMERS.get(lang)) }
                { text_el("span", "obj__fill", format!("now = {}", fmt_ns(now_ns))) }
                { text_el("span", "obj__state", format!("{} {}", held.len(), objects::LIVE.get(lang))) }
            </div>
            <ul class="timer-list">
                { for held[..shown].iter().map(|t| html! {
                    <li>
                        { format!("{} @ {}", if t.sleeper.is_some() { "Sleep" } else if t.kind == TimerKind::Chan { "chan" } else { "func" }, fmt_ns(t.when_ns)) }
                        if let Some(g) = t.sleeper { { " " }{ g_chip(g, None) } }
                    </li>
                }) }
                if held.len() > shown {
                    { text_el("li", "obj__empty", format!("… +{}", held.len() - shown)) }
                }
            </ul>
            if unheld > 0 {
                <p class="obj__note" data-testid="unheld-timers">
                    { objects::unheld_timers(lang, unheld) }
                </p>
            }
        </div>
    }
}

/// A pollDesc semaphore in runtime/netpoll.go's words (`G7`: the goroutine
/// parked on it), and the short form the page's data attributes carry.
fn pd_sema(s: PdSema) -> (String, String) {
    match s {
        PdSema::Nil => ("pdNil".into(), "nil".into()),
        PdSema::Ready => ("pdReady".into(), "ready".into()),
        PdSema::Wait => ("pdWait".into(), "wait".into()),
        PdSema::Parked(g) => (format!("G{g}"), format!("g{g}")),
    }
}

/// fds (or goroutines) as a comma-separated list, `–` when none.
pub fn id_list(ids: impl Iterator<Item = u32>) -> String {
    let mut s = String::new();
    for id in ids {
        if !s.is_empty() {
            s.push_str(", ");
        }
        s.push_str(&id.to_string());
    }
    if s.is_empty() {
        s.push('–');
    }
    s
}

/// The netpoller as the runtime and the kernel hold it: sockets (a
/// listener's accept queue, a connection's unread bytes), each fd's
/// pollDesc with `rg`/`wg`, epoll's interest and ready lists, and the
/// latest `netpoll` calls with the goroutines they readied. Lines of text,
/// not nested elements (wasm size).
pub fn net_widget(net: &NetView, lang: Language) -> Html {
    let mut lines: Vec<(&'static str, String, String, String)> = Vec::new();
    for x in &net.sockets {
        let mut t = if x.listening {
            format!(
                "fd {} :{} {} · {} {}",
                x.fd,
                x.port,
                objects::LISTENING.get(lang),
                objects::ACCEPT_QUEUE.get(lang),
                x.backlog
            )
        } else {
            format!(
                "fd {} :{} ↔ :{} · {} {}",
                x.fd,
                x.port,
                x.peer_port,
                x.queued,
                objects::QUEUED.get(lang)
            )
        };
        if x.peer_closed {
            t = format!("{t} · {}", objects::PEER_FIN.get(lang));
        }
        if x.reset {
            t = format!("{t} · {}", objects::RESET.get(lang));
        }
        lines.push(("socket", t, x.fd.to_string(), String::new()));
    }
    for p in &net.pollers {
        let (rg, rk) = pd_sema(p.rg);
        let (wg, wk) = pd_sema(p.wg);
        lines.push((
            "polldesc",
            format!("pollDesc fd {} · rg {rg} · wg {wk_}", p.fd, wk_ = wg),
            p.fd.to_string(),
            format!("{rk} {wk}"),
        ));
    }
    lines.push((
        "epoll-lists",
        format!(
            "{}: {} · {}: {}",
            objects::INTEREST.get(lang),
            id_list(net.interest.iter().copied()),
            objects::READY_LIST.get(lang),
            id_list(net.ready.iter().map(|r| r.0))
        ),
        String::new(),
        String::new(),
    ));
    for c in &net.polls[net.polls.len().saturating_sub(3)..] {
        lines.push((
            "netpoll-call",
            format!(
                "netpoll: fd {} → G {}",
                id_list(c.events.iter().map(|e| e.0)),
                id_list(c.readied.iter().copied())
            ),
            String::new(),
            String::new(),
        ));
    }
    html! {
        <div class="obj obj--net" data-testid="netpoller" title={objects::NETPOLL_CALLS.get(lang)}>
            { text_el("div", "obj__kind", objects::NETPOLLER.get(lang)) }
            <ul class="net-list">
                { for lines.into_iter().map(|(id, text, fd, sema)| {
                    let (rg, wg) = sema.split_once(' ').map_or((None, None), |(r, w)| (Some(r.to_string()), Some(w.to_string())));
                    html! { <li data-testid={id} data-fd={fd} data-rg={rg} data-wg={wg}>{ text }</li> }
                }) }
            </ul>
        </div>
    }
}

/// What a goroutine card shows besides the goroutine.
pub struct CardState {
    /// 1-based position in the list (the keyboard shortcut, 1 to 9).
    pub index: usize,
    /// It can be picked to run next.
    pub runnable: bool,
    /// It is the one the next step runs.
    pub next: bool,
    /// The last step is about it (the page keeps it in view).
    pub changed: bool,
}

/// A goroutine: its number (as the listing's markers and the narration
/// say it), creating line, status and wait reason in Go's words, its stack
/// with locals on demand. Clicking a runnable one runs it (`onclick`, which
/// the playground makes for this goroutine). A card that cannot run stays
/// focusable (`aria-disabled`), so focus never falls off the page. The
/// card is keyed by the goroutine id, so an open stack stays open.
pub fn goroutine_card(
    g: &GoroutineView,
    card: CardState,
    lang: Language,
    onclick: Callback<MouseEvent>,
) -> Html {
    let id = g.id;
    let status = match &g.wait_reason {
        Some(r) => format!("{} [{r}]", goroutine::status(g.status).get(lang)),
        None => goroutine::status(g.status).get(lang).to_string(),
    };
    let title = if card.runnable {
        goroutine::RUN_NEXT.get(lang)
    } else {
        goroutine::CANNOT_RUN.get(lang)
    };
    let onclick = if card.runnable {
        onclick
    } else {
        Callback::noop()
    };
    classed(
        format!(
            "{} gcard--{}{}",
            g_class("gcard", id),
            g.status.as_str(),
            if card.next { " is-next" } else { "" }
        ),
        html! {
            <li key={id} class="_"
                data-testid="goroutine" data-g={id.to_string()} data-status={g.status.as_str()}
                data-changed={flag(card.changed)}>
                <button type="button" class="gcard__run" aria-disabled={flag(!card.runnable)} {title} {onclick}
                    data-testid="run-goroutine" data-runnable={flag(card.runnable)}>
                    { text_el("span", "gcard__badge", id.to_string()) }
                    <span class="gcard__id">
                        { format!("goroutine {id}") }
                        if card.index <= 9 {
                            { " " }<kbd class="gcard__key" title={goroutine::KEY_HINT.get(lang)}>{ card.index }</kbd>
                        }
                    </span>
                    <span class="gcard__status" data-testid="g-status">{ status }</span>
                </button>
                <div class="gcard__meta">
                    if let Some(line) = g.line {
                        { plain_el("span", goroutine::at_line(lang, line)) }
                    }
                    { match g.created_line {
                        Some(l) => plain_el("span", goroutine::created_at_line(lang, l)),
                        None => plain_el("span", goroutine::MAIN.get(lang)),
                    } }
                </div>
                if !g.frames.is_empty() {
                    <details class="gcard__stack">
                        { plain_el("summary", goroutine::STACK.get(lang)) }
                        <ol class="frames">
                            { for g.frames.iter().map(|f| class_el("li", if f.library { "frame frame--lib" } else { "frame" }, html! {
                                <>
                                    { plain_el("code", f.func.clone()) }
                                    if let Some(l) = f.line { { text_el("span", "frame__line", format!(":{l}")) } }
                                    if !f.locals.is_empty() {
                                        <dl class="locals">
                                            { for f.locals.iter().map(|v| html! {
                                                <>
                                                    <dt>{ v.name.clone() }{ text_el("span", "locals__ty", format!(" {}", v.ty)) }</dt>
                                                    { plain_el("dd", v.value.clone()) }
                                                </>
                                            }) }
                                        </dl>
                                    }
                                </>
                            })) }
                        </ol>
                    </details>
                }
            </li>
        },
    )
}

/// An open group's page of goroutines: the ids shown, the page (0-based)
/// and how many pages there are.
pub struct GroupPage<'a> {
    pub ids: &'a [u32],
    pub page: usize,
    pub pages: usize,
}

/// A group of goroutines in one state at one place ("998 goroutines ·
/// waiting [sync.Mutex.Lock] on mu · at line 16 · created at line 14"),
/// opened on a page of its members. `object` names what they wait on.
/// Callbacks: open or close it, go to a page, run a member next, inspect
/// one.
pub struct GroupActions {
    pub toggle: Callback<MouseEvent>,
    pub page: Callback<usize>,
    pub pick: Callback<u32>,
    pub inspect: Callback<u32>,
}

pub fn goroutine_group(
    group: &GoroutineGroup,
    index: usize,
    object: Option<String>,
    open: Option<GroupPage>,
    runnable: &[u32],
    lang: Language,
    actions: &GroupActions,
) -> Html {
    let status = match &group.wait_reason {
        Some(r) => format!("{} [{r}]", goroutine::status(group.status).get(lang)),
        None => goroutine::status(group.status).get(lang).to_string(),
    };
    let count = group.ids.len();
    let first = group.ids.first().copied().unwrap_or(0);
    let panel = format!("group-{index}");
    html! {
        <li class="ggroup" data-testid="goroutine-group" data-count={count.to_string()}
            data-status={group.status.as_str()}>
            <button type="button" class="ggroup__head" aria-expanded={flag(open.is_some())}
                aria-controls={panel.clone()} onclick={actions.toggle.clone()} data-testid="group-toggle">
                { text_el("span", g_class("ggroup__count", first), fmt_count(count as u64)) }
                { text_el("span", "ggroup__what", goroutine::group_title(lang, count, &status)) }
                <span class="ggroup__where">
                    if let Some(o) = object { { text_el("code", "ggroup__obj", o) } }
                    if let Some(l) = group.line { { plain_el("span", goroutine::at_line(lang, l)) } }
                    { match group.created_line {
                        Some(l) => plain_el("span", goroutine::created_at_line(lang, l)),
                        None => plain_el("span", goroutine::MAIN.get(lang)),
                    } }
                </span>
            </button>
            if let Some(p) = open {
                <div class="ggroup__page" id={panel}>
                    <ul class="ggroup__ids" aria-label={goroutine::MEMBERS.get(lang)}>
                        { for p.ids.iter().map(|&g| {
                            let can_run = runnable.binary_search(&g).is_ok();
                            html! {
                                <li key={g}>
                                    { classed(g_class("g-chip g-chip--button", g), html! {
                                        <button type="button" class="_" data-g={g.to_string()}
                                            title={if can_run { goroutine::RUN_NEXT.get(lang) } else { goroutine::SHOW_STACK.get(lang) }}
                                            onclick={if can_run { send(&actions.pick, g) } else { send(&actions.inspect, g) }}>
                                            { format!("G{g}") }
                                        </button>
                                    }) }
                                </li>
                            }
                        }) }
                    </ul>
                    if p.pages > 1 {
                        <nav class="ggroup__pager" aria-label={goroutine::PAGES.get(lang)}>
                            <button type="button" class="btn btn--small" aria-disabled={flag(p.page == 0)}
                                onclick={send(&actions.page, p.page.saturating_sub(1))}>{ goroutine::PREV_PAGE.get(lang) }</button>
                            { text_el("span", "ggroup__pageno", goroutine::page_of(lang, p.page + 1, p.pages)) }
                            <button type="button" class="btn btn--small" aria-disabled={flag(p.page + 1 >= p.pages)}
                                onclick={send(&actions.page, (p.page + 1).min(p.pages - 1))}>{ goroutine::NEXT_PAGE.get(lang) }</button>
                        </nav>
                    }
                </div>
            }
        </li>
    }
}
