//! Server-side-rendered component tests: render components to HTML strings
//! with Yew's SSR renderer and assert on the markup. Native only, no browser.

use gopitfalls::cases::{Case, Fix, Outcome, Section};
use gopitfalls::content::ContentError;
use gopitfalls::i18n::{Language, Text};
use gopitfalls::route::Route;
use gopitfalls::state::{AppState, Settings, Theme};
use gopitfalls::views::embed_page::{embed_page, Loaded};
use gopitfalls::views::{case_card, case_view, gallery, header};
use gopitfalls::{App, AppProps};

use crate::support::{render, show};

const fn text(en: &'static str, zh: &'static str) -> Text {
    Text { en, zh }
}

static FIXTURE: [Case; 3] = [
    Case {
        number: 4,
        slug: "lock-and-full-channel",
        section: Section::Channel,
        title: text("Sending while holding a lock", "持锁发送"),
        summary: text("Everyone waits <forever>", "互相等待"),
        explanation: text("Go reports `fatal error`.\n\nSecond paragraph.", ""),
        questions: &[text("What is wrong?", "有什么问题？")],
        outcome: Outcome::Deadlock,
        runnable: true,
        go: Some("1.22"),
        loaded: true,
        source: "package main\n\nfunc main() { ch <- 1 }\n",
        fixes: &[Fix {
            title: text("Unlock first", "先解锁"),
            source: "package main\n",
        }],
    },
    Case {
        number: 0,
        slug: "echo-server",
        section: Section::Netpoll,
        title: text("An echo server", "回显服务"),
        summary: text("The netpoller at work", "netpoller"),
        explanation: text("", ""),
        questions: &[],
        outcome: Outcome::Ok,
        runnable: false,
        go: None,
        loaded: true,
        source: "package main\n",
        fixes: &[],
    },
    Case {
        number: 2,
        slug: "select-timeout-leak",
        section: Section::Channel,
        title: text("Timeout leaks the sender", "超时导致泄漏"),
        summary: text("Nobody receives", "无人接收"),
        explanation: text("", ""),
        questions: &[],
        outcome: Outcome::Leak,
        runnable: true,
        go: None,
        loaded: true,
        source: "package main\n",
        fixes: &[],
    },
];

fn state(route: Route, language: Language) -> AppState {
    AppState {
        route,
        settings: Settings {
            language,
            theme: Theme::Light,
        },
        ..AppState::default()
    }
}

#[tokio::test(flavor = "current_thread")]
async fn case_card_links_to_case_and_shows_number_title_summary_badge() {
    let html = show(case_card(&FIXTURE[0], Language::En)).await;
    assert!(
        html.contains(r##"href="#/case/lock-and-full-channel""##),
        "{html}"
    );
    assert!(html.contains("#04"), "{html}");
    assert!(html.contains("Sending while holding a lock"), "{html}");
    // Text is escaped, never interpreted as markup.
    assert!(html.contains("Everyone waits &lt;forever&gt;"), "{html}");
    assert!(html.contains(r#"class="badge badge--deadlock""#), "{html}");
    assert!(html.contains(">deadlock</span>"), "{html}");
}

#[tokio::test(flavor = "current_thread")]
async fn gallery_groups_by_section_in_talk_order() {
    let html = show(gallery(&FIXTURE, Language::En)).await;
    assert_eq!(
        html.matches(r#"data-testid="case-card""#).count(),
        3,
        "{html}"
    );
    let channel = html
        .find(r#"data-section="channel""#)
        .expect("channel section");
    let netpoll = html
        .find(r#"data-section="netpoll""#)
        .expect("netpoll section");
    assert!(channel < netpoll, "channel must come before netpoll");
    assert!(
        !html.contains(r#"data-section="mutex""#),
        "empty sections are hidden"
    );
    // Cases keep their given order inside a section.
    let first = html.find("lock-and-full-channel").expect("case 4");
    let second = html.find("select-timeout-leak").expect("case 2");
    assert!(first < second);
    // Unnumbered cases get a dash instead of a number.
    assert!(html.contains("—"), "{html}");
    // English headings also show the talk's original name.
    assert!(
        html.contains("Channel misuse") && html.contains("channel误用"),
        "{html}"
    );
}

#[tokio::test(flavor = "current_thread")]
async fn empty_gallery_says_so() {
    let html = show(gallery(&[], Language::En)).await;
    assert!(html.contains("empty-state"), "{html}");
    assert_eq!(html.matches("case-card").count(), 0);
}

#[tokio::test(flavor = "current_thread")]
async fn app_in_chinese_renders_header_gallery_and_chinese_text() {
    let html = render::<App>(AppProps {
        initial: state(Route::Gallery, Language::Zh),
        cases: &FIXTURE,
    })
    .await;
    assert!(html.contains(r#"class="site-header""#), "{html}");
    assert!(html.contains("Go Pitfalls"), "{html}");
    assert!(html.contains("持锁发送"), "{html}");
    assert!(html.contains("死锁"), "{html}");
    assert!(!html.contains("Sending while holding a lock"), "{html}");
    // The 中文 button is the pressed one.
    assert!(
        html.contains(r#"aria-pressed="true" data-testid="lang-zh""#),
        "{html}"
    );
    // The footer links to the static live netpoller page, in the app's language.
    assert!(
        html.contains(r#"<a href="live.html" data-testid="nav-live">实时 netpoller"#),
        "{html}"
    );
}

#[tokio::test(flavor = "current_thread")]
async fn app_routes_to_case_view_and_not_found() {
    let html = render::<App>(AppProps {
        initial: state(Route::Case("lock-and-full-channel".into()), Language::En),
        cases: &FIXTURE,
    })
    .await;
    assert!(html.contains(r#"data-testid="case-view""#), "{html}");
    // Runnable cases open in the playground; the listing is highlighted by
    // gosim's lexer (and this fixture's compile error is shown inline).
    assert!(html.contains(r#"data-testid="playground""#), "{html}");
    assert!(
        html.contains(r#"<span class="tok-op">&lt;-</span>"#),
        "{html}"
    );
    assert!(html.contains(r#"data-testid="inline-error""#), "{html}");
    assert!(html.contains("Go 1.22"), "{html}");
    assert!(html.contains("What is wrong?"), "{html}");
    assert!(html.contains("<code>fatal error</code>"), "{html}");
    assert!(html.contains("<p>Second paragraph.</p>"), "{html}");
    assert!(html.contains("Unlock first"), "{html}");

    let html = render::<App>(AppProps {
        initial: state(Route::Case("no-such-case".into()), Language::En),
        cases: &FIXTURE,
    })
    .await;
    assert!(html.contains(r#"data-testid="not-found""#), "{html}");
}

/// A case as the browser build compiles it in: gallery metadata only.
static UNLOADED: [Case; 1] = [Case {
    loaded: false,
    explanation: text("", ""),
    questions: &[],
    source: "",
    fixes: &[],
    ..FIXTURE[0]
}];

#[tokio::test(flavor = "current_thread")]
async fn case_without_content_shows_loading_then_the_error() {
    let route = Route::Case("lock-and-full-channel".into());
    let html = render::<App>(AppProps {
        initial: state(route.clone(), Language::En),
        cases: &UNLOADED,
    })
    .await;
    assert!(html.contains(r#"data-testid="case-loading""#), "{html}");
    assert!(html.contains("Loading…"), "{html}");
    assert!(html.contains("Sending while holding a lock"), "{html}");
    assert!(!html.contains(r#"data-testid="playground""#), "{html}");

    let failed = AppState {
        content: Some(("lock-and-full-channel".into(), Err(ContentError::Http(404)))),
        ..state(route, Language::Zh)
    };
    let html = render::<App>(AppProps {
        initial: failed,
        cases: &UNLOADED,
    })
    .await;
    assert!(html.contains(r#"data-testid="case-error""#), "{html}");
    assert!(
        html.contains("无法加载") && html.contains("HTTP 404"),
        "{html}"
    );
    assert!(!html.contains(r#"data-testid="case-loading""#), "{html}");
}

#[tokio::test(flavor = "current_thread")]
async fn non_runnable_case_explains_why() {
    let html = show(case_view(&FIXTURE[1], Language::En, 0)).await;
    assert!(html.contains("does not model"), "{html}");
    assert!(
        !html.contains("Go 1."),
        "no version chip without a go field"
    );
}

#[tokio::test(flavor = "current_thread")]
async fn header_outside_the_app_uses_default_settings() {
    let html = show(header(Settings::default(), None)).await;
    assert!(
        html.contains(r#"aria-pressed="true" data-testid="lang-en""#),
        "{html}"
    );
    assert!(html.contains("Switch to dark theme"), "{html}");
}

/// A case whose program compiles, so the playground draws its state.
static COMPILES: [Case; 1] = [Case {
    source: "package main\n\nfunc main() {\n\tch := make(chan int)\n\tgo func() { ch <- 1 }()\n\t<-ch\n}\n",
    ..FIXTURE[0]
}];

#[tokio::test(flavor = "current_thread")]
async fn playground_speaks_chinese_everywhere_and_keeps_its_test_ids() {
    let html = render::<App>(AppProps {
        initial: state(Route::Case("lock-and-full-channel".into()), Language::Zh),
        cases: &COMPILES,
    })
    .await;
    // Toolbar, speed names, goroutine status, state panels and the plot.
    for zh in [
        "单步 ▶",
        "最快",
        "15 步/秒",
        r#"aria-label="程序状态""#,
        r#"aria-label="程序输出""#,
        r#"aria-label="程序代码""#,
        r#"aria-label="运行控制""#,
        "虚拟时间还没有走动",
        "goroutine 数 1",
        "纵轴最大值 = ",
        "第 0 / ",
        ">更多<",
        "还没有 channel、锁或定时器",
    ] {
        assert!(html.contains(zh), "{zh}: {html}");
    }
    for en in [
        ">max<",
        "as fast as possible",
        "Program state",
        "Program output",
        "Program listing",
        "Run controls",
        ">Step",
        ">Reset<",
        ">Output<",
        ">More<",
        "y max",
        ">running",
        "Virtual time has not moved",
        "No channels",
    ] {
        assert!(!html.contains(en), "{en}: {html}");
    }
    // Test ids and data attributes keep Go's words.
    assert!(html.contains(r#"data-status="running""#), "{html}");
    assert!(html.contains(">运行中<"), "{html}");
    assert!(html.contains(r#"data-testid="g-status""#), "{html}");
}

#[tokio::test(flavor = "current_thread")]
async fn the_embed_route_renders_the_widget_alone_or_says_what_is_missing() {
    // Through the app: no site header or footer around the widget.
    let html = render::<App>(AppProps {
        initial: state(Route::Embed(Some("no-such-case".into())), Language::En),
        cases: &FIXTURE,
    })
    .await;
    assert!(html.contains(r#"data-testid="embed-error""#), "{html}");
    assert!(
        html.contains(r#"There is no case named "no-such-case"."#),
        "{html}"
    );
    assert!(!html.contains("site-header"), "{html}");

    let html = render::<App>(AppProps {
        initial: state(
            Route::Embed(Some("lock-and-full-channel".into())),
            Language::Zh,
        ),
        cases: &FIXTURE,
    })
    .await;
    assert!(html.contains(r#"data-embed="true""#), "{html}");
    assert!(html.contains(r#"data-testid="open-full""#), "{html}");
    assert!(html.contains("在 Go Pitfalls 中打开"), "{html}");
    // The compact layout: no share, embed, chart or explore parts.
    for absent in [
        "embed-this",
        r#"data-testid="share""#,
        r#"data-testid="explore""#,
        "site-header",
    ] {
        assert!(!html.contains(absent), "{absent} in {html}");
    }

    // Inline code with no program in the query.
    let html = show(embed_page(
        &FIXTURE,
        None,
        "lang=zh",
        Loaded::Yes,
        Language::Zh,
        true,
        0,
    ))
    .await;
    assert!(html.contains("没有程序"), "{html}");
    let html = show(embed_page(
        &FIXTURE,
        None,
        "code=AQ",
        Loaded::Waiting,
        Language::En,
        true,
        0,
    ))
    .await;
    assert!(html.contains(r#"data-testid="embed-loading""#), "{html}");
}

#[tokio::test(flavor = "current_thread")]
async fn minimal_controls_keep_the_run_buttons_only() {
    let query = "controls=minimal&step=2";
    let html = show(embed_page(
        &FIXTURE,
        Some("lock-and-full-channel"),
        query,
        Loaded::Yes,
        Language::En,
        true,
        0,
    ))
    .await;
    assert!(html.contains(r#"data-testid="step""#), "{html}");
    assert!(!html.contains(r#"data-testid="go-version""#), "{html}");
    assert!(!html.contains(r#"data-testid="help""#), "{html}");

    // The full page offers "Embed this".
    let html = render::<App>(AppProps {
        initial: state(Route::Case("lock-and-full-channel".into()), Language::En),
        cases: &FIXTURE,
    })
    .await;
    assert!(html.contains(r#"data-testid="embed-this""#), "{html}");

    // `#/play`: a program of the reader's own in the full player, with no
    // empty "Original" to go back to.
    let code = gopitfalls::playground::share::encode_code("package main\n\nfunc main() {}\n");
    let html = show(embed_page(
        &FIXTURE,
        None,
        &format!("code={code}"),
        Loaded::Yes,
        Language::En,
        false,
        0,
    ))
    .await;
    assert!(html.contains(r#"data-testid="embed-this""#), "{html}");
    assert!(html.contains(r#"data-embed="false""#), "{html}");
    assert!(!html.contains(r#"data-testid="show-original""#), "{html}");
    assert!(html.contains("Edited"), "{html}");
}
