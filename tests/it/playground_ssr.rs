//! SSR render tests of the playground's widgets: each object drawn the way
//! the runtime holds it, rendered to HTML natively (no browser).

use crate::support::show as render;
use gopitfalls::i18n::Language;
use gopitfalls::playground::widgets::{
    goroutine_card, nil_channel_widget, object_widget, timers_widget, CardState,
};
use gosim::snapshot::{
    GoroutineStatus, GoroutineView, MapEntryView, MapMemory, ObjectKind, ObjectView, SlotView,
    TimerKind, TimerState, TimerView, WaiterView,
};
use yew::Callback;

async fn object(object: ObjectView) -> String {
    render(object_widget(&object, Language::En)).await
}

fn named(id: u32, name: &str, kind: ObjectKind) -> ObjectView {
    ObjectView {
        id,
        name: Some(name.into()),
        owner: None,
        kind,
    }
}

fn chan(cap: u64, buffer: Vec<(usize, &str)>, sendq: Vec<WaiterView>, closed: bool) -> ObjectView {
    let len = buffer.len();
    named(
        1,
        "ch",
        ObjectKind::Channel {
            elem_type: "int".into(),
            cap,
            len,
            sendx: if cap == 0 { 0 } else { len % cap as usize },
            recvx: 0,
            buffer: buffer
                .into_iter()
                .map(|(index, v)| SlotView {
                    index,
                    value: v.into(),
                })
                .collect(),
            recvq: vec![],
            sendq,
            closed,
            timer: false,
        },
    )
}

#[tokio::test(flavor = "current_thread")]
async fn unbuffered_channel_has_no_slots_and_says_so() {
    let html = object(chan(
        0,
        vec![],
        vec![WaiterView {
            g: 7,
            value: Some("42".into()),
            in_select: false,
        }],
        false,
    ))
    .await;
    assert!(html.contains(r#"data-cap="0""#), "{html}");
    assert!(!html.contains("ring__slot"), "{html}");
    assert!(html.contains("unbuffered"), "{html}");
    assert!(html.contains("dataqsiz = 0"), "{html}");
    // The parked sender shows with the value it carries.
    assert!(
        html.contains(r#"data-testid="sendq" data-count="1""#),
        "{html}"
    );
    assert!(html.contains("G7") && html.contains("← 42"), "{html}");
}

#[tokio::test(flavor = "current_thread")]
async fn full_buffer_shows_every_slot_used_and_the_pointers() {
    let html = object(chan(
        2,
        vec![(0, "1"), (1, "2")],
        vec![WaiterView {
            g: 18,
            value: Some("3".into()),
            in_select: false,
        }],
        false,
    ))
    .await;
    assert!(html.contains(">2/2<"), "{html}");
    assert!(html.contains("is-full"), "{html}");
    assert_eq!(html.matches("ring__slot is-used").count(), 2, "{html}");
    // sendx wrapped around to recvx: both point at slot 0.
    assert!(html.contains("sendx recvx"), "{html}");
    assert!(html.contains(">full<"), "{html}");
    assert!(html.contains("G18"), "{html}");
}

#[tokio::test(flavor = "current_thread")]
async fn a_huge_buffer_draws_only_the_values_held_and_the_next_slot() {
    let html = object(chan(1 << 30, vec![(0, "1"), (1, "2")], vec![], false)).await;
    assert!(html.contains(r#"data-cap="1073741824""#), "{html}");
    assert!(html.contains(">2/1073741824<"), "{html}");
    // Two values and the slot the next send writes, not a billion cells.
    assert_eq!(html.matches(r#"data-slot="#).count(), 3, "{html}");
    assert_eq!(html.matches("ring__slot is-used").count(), 2, "{html}");
    assert!(html.contains("3 of 1073741824 slots shown"), "{html}");
}

#[tokio::test(flavor = "current_thread")]
async fn closed_channel_with_data_left_keeps_its_values() {
    let html = object(chan(3, vec![(0, "5"), (1, "6")], vec![], true)).await;
    assert!(html.contains(r#"data-closed="true""#), "{html}");
    assert!(html.contains("is-closed"), "{html}");
    assert!(html.contains("closed = 1"), "{html}");
    assert!(html.contains(">5<") && html.contains(">6<"), "{html}");
    assert!(html.contains(">2/3<"), "{html}");
    assert_eq!(html.matches("ring__slot is-used").count(), 2, "{html}");
    assert_eq!(html.matches(r#"data-slot="#).count(), 3, "{html}");
}

#[tokio::test(flavor = "current_thread")]
async fn nil_channel_is_drawn_without_an_hchan() {
    let html = render(nil_channel_widget(
        "ch".into(),
        "chan int".into(),
        Language::En,
    ))
    .await;
    assert!(html.contains(r#"data-testid="nil-chan""#), "{html}");
    assert!(html.contains("No hchan"), "{html}");
    assert!(html.contains("block forever"), "{html}");
    let zh = render(nil_channel_widget(
        "ch".into(),
        "chan int".into(),
        Language::Zh,
    ))
    .await;
    assert!(zh.contains("永远阻塞"), "{zh}");
}

#[tokio::test(flavor = "current_thread")]
async fn rwmutex_with_pending_writer_shows_writer_preference() {
    let html = object(named(
        3,
        "rw",
        ObjectKind::RWMutex {
            writer: None,
            readers: vec![5],
            reader_count: 1 - (1 << 30),
            reader_wait: 1,
            queued_readers: vec![6],
            queued_writers: vec![7],
        },
    ))
    .await;
    assert!(html.contains(r#"data-pending-writer="true""#), "{html}");
    assert!(html.contains(r#"data-testid="pending-writer""#), "{html}");
    assert!(
        html.contains(r#"data-testid="queued-writers" data-count="1""#),
        "{html}"
    );
    assert!(
        html.contains(r#"data-testid="queued-readers" data-count="1""#),
        "{html}"
    );
    assert!(html.contains("writer preference"), "{html}");
    // Without a queued writer there is no warning.
    let calm = object(named(
        3,
        "rw",
        ObjectKind::RWMutex {
            writer: None,
            readers: vec![5, 6],
            reader_count: 2,
            reader_wait: 0,
            queued_readers: vec![],
            queued_writers: vec![],
        },
    ))
    .await;
    assert!(calm.contains(r#"data-pending-writer="false""#), "{calm}");
    assert!(!calm.contains("pending-writer\""), "{calm}");
}

#[tokio::test(flavor = "current_thread")]
async fn mutex_waitgroup_cond_and_syncmap_render_their_state() {
    let html = object(named(
        1,
        "l",
        ObjectKind::Mutex {
            locked: true,
            holder: Some(18),
            waiters: vec![19],
            starving: false,
        },
    ))
    .await;
    assert!(
        html.contains(r#"data-locked="true""#) && html.contains("G18") && html.contains("G19"),
        "{html}"
    );
    let html = object(named(
        2,
        "wg",
        ObjectKind::WaitGroup {
            counter: 2,
            waiters: vec![1],
        },
    ))
    .await;
    assert!(
        html.contains("counter = 2") && html.contains("G1"),
        "{html}"
    );
    let html = object(named(
        4,
        "c",
        ObjectKind::Cond {
            wait_ticket: 2,
            notify_ticket: 0,
            waiters: vec![(5, 0), (6, 1)],
        },
    ))
    .await;
    assert!(
        html.contains(r#"data-testid="notify-list" data-count="2""#),
        "{html}"
    );
    let html = object(named(
        5,
        "m",
        ObjectKind::SyncMap {
            read: vec![MapEntryView {
                key: "1".into(),
                value: Some("a".into()),
                expunged: false,
            }],
            read_len: 1,
            dirty: None,
            dirty_len: 0,
            misses: 3,
            amended: false,
            memory: MapMemory::default(),
        },
    ))
    .await;
    assert!(
        html.contains("misses = 3") && html.contains(">nil<"),
        "{html}"
    );
}

fn timer(id: u64, when_ns: i64, state: TimerState, held: bool) -> TimerView {
    TimerView {
        id,
        when_ns,
        period_ns: 0,
        kind: TimerKind::Chan,
        state,
        channel: Some(id as u32 + 100),
        sleeper: None,
        held,
    }
}

#[tokio::test]
async fn timers_widget_counts_what_the_runtime_holds_and_mentions_the_rest() {
    // Before Go 1.23 every pending timer is held: all are counted and listed
    // in firing order, eight shown as six plus a remainder.
    let old: Vec<TimerView> = (0..8)
        .map(|i| timer(i, (10 - i as i64) * 1_000_000, TimerState::Pending, true))
        .collect();
    let html = render(timers_widget(&old, 1_000_000, Language::En)).await;
    assert!(
        html.contains(r#"data-live="8""#) && html.contains(r#"data-unheld="0""#),
        "{html}"
    );
    assert!(html.contains("8 live") && html.contains("… +2"), "{html}");
    let (first, second) = (html.find("chan @ 3ms"), html.find("chan @ 4ms"));
    assert!(
        matches!((first, second), (Some(a), Some(b)) if a < b),
        "{html}"
    );
    assert!(!html.contains("unheld-timers"), "{html}");

    // Go 1.23+: one timer someone waits on, 1,497 that nobody does, and a
    // fired one that counts for neither.
    let mut new = vec![
        timer(0, 5_000_000, TimerState::Pending, true),
        timer(1, 0, TimerState::Fired, false),
    ];
    new.extend((2..1_499).map(|i| timer(i, 5_000_000, TimerState::Pending, false)));
    let html = render(timers_widget(&new, 0, Language::En)).await;
    assert!(
        html.contains(r#"data-live="1""#) && html.contains(r#"data-unheld="1497""#),
        "{html}"
    );
    assert!(
        html.contains("1 live") && html.contains("+1497 channel timers nobody waits on"),
        "{html}"
    );
    let zh = render(timers_widget(&new, 0, Language::Zh)).await;
    assert!(
        zh.contains("1 个存活") && zh.contains("另有 1497 个无人等待的通道定时器"),
        "{zh}"
    );
}

#[tokio::test(flavor = "current_thread")]
async fn goroutine_card_says_its_status_in_the_language_and_keeps_gos_words() {
    let g = GoroutineView {
        id: 7,
        status: GoroutineStatus::Waiting,
        wait_reason: Some("chan send".into()),
        created_line: Some(5),
        created_by: Some(1),
        line: Some(6),
        span: None,
        frames: vec![],
        waiting_on: None,
    };
    let card = || CardState {
        index: 2,
        runnable: false,
        next: false,
        changed: false,
    };
    let en = render(goroutine_card(&g, card(), Language::En, Callback::noop())).await;
    assert!(en.contains(">waiting [chan send]<"), "{en}");
    assert!(
        en.contains(">created at line 5<") && en.contains(">at line 6<"),
        "{en}"
    );
    let zh = render(goroutine_card(&g, card(), Language::Zh, Callback::noop())).await;
    assert!(zh.contains(">等待中 [chan send]<"), "{zh}");
    assert!(
        zh.contains(">创建于第 5 行<") && zh.contains(">位于第 6 行<"),
        "{zh}"
    );
    assert!(
        zh.contains(r#"title="这个 goroutine 现在不能运行""#),
        "{zh}"
    );
    // The status class and data attribute stay Go's word (tests, CSS).
    assert!(
        zh.contains(r#"data-status="waiting""#) && zh.contains("gcard--waiting"),
        "{zh}"
    );
}

#[tokio::test(flavor = "current_thread")]
async fn object_widgets_speak_chinese() {
    let mutex = named(
        1,
        "mu",
        ObjectKind::Mutex {
            locked: true,
            holder: Some(2),
            waiters: vec![],
            starving: true,
        },
    );
    let zh = render(object_widget(&mutex, Language::Zh)).await;
    for word in [">已加锁<", ">饥饿模式<", ">持有者<", ">空<"] {
        assert!(zh.contains(word), "{word}: {zh}");
    }
    let zh = render(object_widget(&chan(0, vec![], vec![], false), Language::Zh)).await;
    assert!(
        zh.contains(">无缓冲<") && zh.contains("发送必须与接收者直接配对"),
        "{zh}"
    );
}

#[tokio::test(flavor = "current_thread")]
async fn syncmap_is_drawn_as_counts_and_bytes_with_long_keys_elided() {
    let entry = |key: &str, value: Option<&str>| MapEntryView {
        key: key.into(),
        value: value.map(Into::into),
        expunged: false,
    };
    let html = object(named(
        9,
        "sm",
        ObjectKind::SyncMap {
            read: vec![],
            read_len: 0,
            dirty: Some(vec![
                entry("[1000]int{0, 0, …}", Some("0")),
                entry("[1000]int{1, 0, …}", None),
            ]),
            dirty_len: 4096,
            misses: 4095,
            amended: true,
            memory: MapMemory {
                read_bytes: 0,
                dirty_bytes: 32_833_536,
                held_bytes: 32_833_536,
                deleted_in_dirty: 4095,
                deleted_in_dirty_bytes: 32_825_520,
                ops: 8191,
                history: vec![(1, 8040), (8191, 32_833_536)],
            },
        },
    ))
    .await;
    assert!(html.contains(r#"data-dirty-len="4096""#), "{html}");
    assert!(html.contains(r#"data-held="32833536""#), "{html}");
    assert!(html.contains("holds 32.8 MB"), "{html}");
    assert!(html.contains("dirty: 4096 keys · 32.8 MB"), "{html}");
    assert!(html.contains("[1000]int{0, 0, …}"), "{html}");
    assert!(html.contains(">deleted<"), "{html}");
    assert!(html.contains("… and 4094 more"), "{html}");
    assert!(
        html.contains("4095 deleted keys are still held in dirty (32.8 MB)"),
        "{html}"
    );
}

#[tokio::test(flavor = "current_thread")]
async fn a_long_wait_queue_draws_a_few_and_counts_the_rest() {
    let html = object(named(
        1,
        "mu",
        ObjectKind::Mutex {
            locked: true,
            holder: Some(1),
            waiters: (2..1002).collect(),
            starving: false,
        },
    ))
    .await;
    let shown = gopitfalls::playground::widgets::CHIPS_SHOWN;
    assert_eq!(html.matches("g-chip").count(), 1 + shown, "{html}");
    assert!(html.contains(r#"data-count="1000""#), "{html}");
    assert!(
        html.contains(&format!("… and {} more", 1000 - shown)),
        "{html}"
    );
}

#[tokio::test(flavor = "current_thread")]
async fn a_group_of_goroutines_says_how_many_where_and_opens_on_a_page() {
    use gopitfalls::playground::widgets::{goroutine_group, GroupActions, GroupPage};
    use gosim::snapshot::GoroutineGroup;
    let group = GoroutineGroup {
        status: GoroutineStatus::Waiting,
        wait_reason: Some("sync.Mutex.Lock".into()),
        line: Some(14),
        created_line: Some(12),
        waiting_on: Some(3),
        ids: (2..1000).collect(),
    };
    let actions = GroupActions {
        toggle: Callback::noop(),
        page: Callback::noop(),
        pick: Callback::noop(),
        inspect: Callback::noop(),
    };
    let closed = render(goroutine_group(
        &group,
        0,
        Some("mu".into()),
        None,
        &[],
        Language::En,
        &actions,
    ))
    .await;
    assert!(closed.contains(">998<"), "{closed}");
    assert!(
        closed.contains(">goroutines waiting [sync.Mutex.Lock]<") && closed.contains(">mu<"),
        "{closed}"
    );
    assert!(closed.contains(">at line 14<") && closed.contains(">created at line 12<"));
    assert!(closed.contains(r#"aria-expanded="false""#), "{closed}");
    let ids: Vec<u32> = (2..50).collect();
    let open = render(goroutine_group(
        &group,
        0,
        Some("mu".into()),
        Some(GroupPage {
            ids: &ids,
            page: 0,
            pages: 21,
        }),
        &[],
        Language::Zh,
        &actions,
    ))
    .await;
    assert_eq!(open.matches("g-chip g-chip--button").count(), 48, "{open}");
    assert!(open.contains("第 1 / 21 页"), "{open}");
    assert!(
        open.contains("个 goroutine 等待中 [sync.Mutex.Lock]"),
        "{open}"
    );
}

/// A long program (the page takes up to 1,000 lines) draws a window of
/// its lines around the running line, and says how many it leaves out
/// above and below.
#[tokio::test(flavor = "current_thread")]
async fn a_long_listing_draws_a_window_around_the_running_line() {
    use gopitfalls::playground::source_view::{highlight_lines, listing, Listing};
    let src: String = (1..=900).map(|i| format!("var v{i} = {i}\n")).collect();
    let lines = highlight_lines(&src);
    let html = render(listing(Listing {
        lines: &lines,
        marks: &[],
        next_line: Some(600),
        errors: &[],
        label: None,
        lang: Language::En,
    }))
    .await;
    assert_eq!(html.matches("<li ").count(), 120, "{}", &html[..400]);
    assert!(html.contains(r#"start="570""#), "{}", &html[..300]);
    assert!(html.contains(r#"data-line="600" aria-current="location""#));
    assert!(html.contains("⋮ 569 lines above"));
    assert!(html.contains("⋮ 211 lines below"));
    assert!(!html.contains(r#"data-line="569""#) && !html.contains(r#"data-line="690""#));
}

#[tokio::test(flavor = "current_thread")]
async fn the_listing_marks_the_running_line_for_screen_readers() {
    use gopitfalls::playground::model::LineMark;
    use gopitfalls::playground::source_view::{highlight_lines, listing, Listing};
    let lines = highlight_lines("package main\n\nfunc main() {\n\tselect {}\n}\n");
    let marks = [LineMark {
        line: 4,
        ids: vec![1, 7, 8],
        count: 998,
    }];
    let html = render(listing(Listing {
        lines: &lines,
        marks: &marks,
        next_line: Some(4),
        errors: &[],
        label: Some("Program listing; line 4 runs next".into()),
        lang: Language::En,
    }))
    .await;
    assert!(html.contains(r#"<ol class="listing">"#), "{html}");
    assert_eq!(html.matches("<li ").count(), 5, "{html}");
    assert!(
        html.contains(r#"data-line="4" aria-current="location""#),
        "{html}"
    );
    assert_eq!(html.matches("aria-current").count(), 1);
    assert!(html.contains(">+995<"), "{html}");
    assert!(
        html.contains("goroutines 1, 7, 8 and 995 more are here"),
        "{html}"
    );
    assert!(html.contains(r#"tabindex="0" role="region""#), "{html}");
}

#[tokio::test(flavor = "current_thread")]
async fn the_verdict_names_the_limit_in_units_that_agree_and_offers_to_raise_it() {
    use gopitfalls::playground::controller::{Controller, PlayConfig};
    use gopitfalls::playground::panels::verdict;
    let src = "package main\n\nfunc main() {\n\tfor {\n\t}\n}\n";
    let mut c = Controller::new(
        src,
        PlayConfig {
            max_instructions: 5_000,
            ..PlayConfig::default()
        },
    );
    while c.step() {}
    let s = c.snapshot().expect("it compiles");
    let raise = Some(gopitfalls::playground::model::Limit::Instructions(50_000));
    for (lang, words) in [
        (
            Language::En,
            [
                "instruction limit",
                "5,000 VM instructions in 2 steps",
                "Raise the limit to 50,000 instructions",
            ],
        ),
        (
            Language::Zh,
            [
                "指令上限",
                "在 2 步中执行了 5,000 条虚拟机指令",
                "把上限提高到 50,000 条指令",
            ],
        ),
    ] {
        let html = render(verdict(
            &s,
            None,
            c.position(),
            raise,
            lang,
            &Callback::noop(),
        ))
        .await;
        assert!(html.contains(r#"data-budget="steps""#), "{html}");
        for w in words {
            assert!(html.contains(w), "{w}: {html}");
        }
        assert!(!html.contains("does not terminate"), "{html}");
    }
}
