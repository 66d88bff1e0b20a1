//! The playground component: wires `PlayModel` to the page. It renders
//! the toolbar, the listing (or the editor), the narration, goroutine
//! cards, object widgets, console, verdict, timeline, plot and the explore
//! panel, and it owns the effects: the run timer, the exploration timer,
//! keyboard shortcuts and writing the share link into the address bar.
//!
//! All decisions live in `PlayModel::apply`; this file only turns events
//! into `Cmd`s and the model into HTML.

use gloo_events::{EventListener, EventListenerOptions};
use gloo_timers::callback::Interval;
use gosim::explore::{Outcome, OutcomeClass};
use gosim::snapshot::{EndingView, ObjectView, Snapshot};
use gosim::GoVersion;
use wasm_bindgen::JsCast;
use yew::prelude::*;

use crate::cases::Case;
use crate::components::markup::{classed, flag, plain_el, text_el};
use crate::hooks::use_settings;
use crate::i18n::Language;
use crate::platform;
use crate::playground::controller::Cap;
use crate::playground::model::{visible_goroutines, Cmd, ExploreRun, PlayModel, Variant, SPEEDS};
use crate::playground::narrate::narrate;
use crate::playground::share::go_key;
use crate::playground::source_view::source_view;
use crate::playground::timeline::{resource_plot, timeline, TimelineData};
use crate::playground::widgets::{
    goroutine_card, nil_channel_widget, object_widget, timers_widget, tr, CardState,
};

#[derive(Properties, PartialEq)]
pub struct PlaygroundProps {
    pub case: &'static Case,
    /// The share-link query this page was opened with (without `?`).
    #[prop_or_default]
    pub query: String,
}

#[function_component]
pub fn Playground(props: &PlaygroundProps) -> Html {
    let lang = use_settings().language;
    let model = {
        let case = props.case;
        let query = props.query.clone();
        use_mut_ref(move || {
            let mut model = PlayModel::new(case, &query);
            model.clock = platform::now_ms;
            model
        })
    };
    let update = use_force_update();
    let dispatch: Callback<Cmd> = {
        let model = model.clone();
        Callback::from(move |cmd: Cmd| {
            let share = cmd == Cmd::Share;
            let changed = model.borrow_mut().apply(cmd);
            if share {
                if let Some(fragment) = model.borrow().share.clone() {
                    platform::replace_hash(&fragment);
                }
            }
            if changed {
                update.force_update();
            }
        })
    };

    let (running, interval, exploring) = {
        let m = model.borrow();
        (m.running, m.interval_ms(), m.exploring())
    };
    {
        let dispatch = dispatch.clone();
        use_effect_with((running, interval), move |&(running, interval)| {
            let timer = running.then(|| Interval::new(interval, move || dispatch.emit(Cmd::Tick)));
            move || drop(timer)
        });
    }
    {
        let dispatch = dispatch.clone();
        use_effect_with(exploring, move |&exploring| {
            let timer =
                exploring.then(|| Interval::new(16, move || dispatch.emit(Cmd::ExploreTick)));
            move || drop(timer)
        });
    }
    {
        let dispatch = dispatch.clone();
        use_effect_with((), move |_| {
            let listener = web_sys::window().and_then(|w| w.document()).map(|doc| {
                let options = EventListenerOptions::enable_prevent_default();
                EventListener::new_with_options(&doc, "keydown", options, move |event| {
                    if let Some(cmd) = key_command(event) {
                        event.prevent_default();
                        dispatch.emit(cmd);
                    }
                })
            });
            move || drop(listener)
        });
    }

    let mut m = model.borrow_mut();
    render(&mut m, lang, &dispatch)
}

/// The command for a key press, unless the user is typing in a field.
fn key_command(event: &web_sys::Event) -> Option<Cmd> {
    let key = event.dyn_ref::<web_sys::KeyboardEvent>()?;
    if key.ctrl_key() || key.meta_key() || key.alt_key() {
        return None;
    }
    let typing = event
        .target()
        .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
        .is_some_and(|el| matches!(el.tag_name().as_str(), "INPUT" | "TEXTAREA" | "SELECT"));
    if typing {
        return None;
    }
    match key.key().as_str() {
        "ArrowRight" => Some(Cmd::Step),
        "ArrowLeft" => Some(Cmd::Back),
        " " => Some(Cmd::ToggleRun),
        "?" => Some(Cmd::ToggleHelp),
        "Escape" => Some(Cmd::CloseHelp),
        k => k
            .parse::<usize>()
            .ok()
            .filter(|n| (1..=9).contains(n))
            .map(Cmd::PickIndex),
    }
}

fn cmd<E>(dispatch: &Callback<Cmd>, c: Cmd) -> Callback<E> {
    let dispatch = dispatch.clone();
    Callback::from(move |_: E| dispatch.emit(c.clone()))
}

/// A button. The page's buttons go through here, so each is a call rather
/// than its own inlined element construction (wasm size). `None` leaves the
/// test id or title out.
fn button(
    class: &'static str,
    testid: Option<&'static str>,
    title: Option<&'static str>,
    disabled: bool,
    label: AttrValue,
    onclick: Callback<MouseEvent>,
) -> Html {
    classed(
        class,
        html! {
            <button type="button" class="_" data-testid={testid} {title} {disabled} {onclick}>{ label }</button>
        },
    )
}

/// A labelled control in the toolbar.
fn field(label: &'static str, control: Html) -> Html {
    html! {
        <label class="field">
            { plain_el("span", label) }
            { control }
        </label>
    }
}

/// A labelled `<select>` of `options`.
fn select_field(
    label: &'static str,
    testid: &'static str,
    onchange: Callback<Event>,
    options: Html,
) -> Html {
    field(
        label,
        html! { <select {onchange} data-testid={testid}>{ options }</select> },
    )
}

fn option(value: AttrValue, selected: bool, label: &'static str) -> Html {
    html! { <option {value} {selected}>{ label }</option> }
}

/// The `value` of the event's target. Inputs, selects and textareas all
/// have one, and wasm-bindgen reads the property structurally, so the
/// input binding serves all three (one import, no type checks).
fn target_value(e: &Event) -> String {
    e.target()
        .map(|t| t.unchecked_into::<web_sys::HtmlInputElement>().value())
        .unwrap_or_default()
}

/// A callback that turns the target's value into a command (`None`:
/// nothing happens). One closure type for every field (wasm size).
fn on_value<E: AsRef<Event> + 'static>(
    dispatch: &Callback<Cmd>,
    to_cmd: fn(String) -> Option<Cmd>,
) -> Callback<E> {
    let dispatch = dispatch.clone();
    Callback::from(move |e: E| {
        if let Some(c) = to_cmd(target_value(e.as_ref())) {
            dispatch.emit(c);
        }
    })
}

fn render(m: &mut PlayModel, lang: Language, dispatch: &Callback<Cmd>) -> Html {
    let case = m.case();
    let snap = m.ctl.snapshot();
    let runnable = m.ctl.runnable();
    let position = m.ctl.position();
    let planned = m.ctl.planned();
    let ended = m.ctl.is_ended();
    let capped = m.ctl.cap();
    let config = m.ctl.config();
    let errors = m.ctl.errors().to_vec();
    // The goroutine the next step runs: the planned choice, else Go's.
    let next_g = m.ctl.next_goroutine();
    let markers: Vec<(u32, u32)> = snap
        .as_ref()
        .map(|s| {
            s.goroutines
                .iter()
                .filter(|g| g.status != "dead")
                .filter_map(|g| g.line.map(|l| (g.id, l)))
                .collect()
        })
        .unwrap_or_default();
    let next_line = snap.as_ref().and_then(|s| {
        next_g.and_then(|g| s.goroutines.iter().find(|v| v.id == g).and_then(|v| v.line))
    });
    let narration = match (&snap, errors.is_empty()) {
        (_, false) => tr(
            lang,
            "The program does not compile; the errors are shown in the listing.",
            "程序无法编译，错误已标注在代码中。",
        )
        .to_string(),
        (Some(s), true) if position == 0 => match s.ending {
            Some(_) => narrate(s, None, lang),
            None => tr(
                lang,
                "Ready. Step (→) or run (space); click a runnable goroutine to run it next.",
                "准备就绪。单步（→）或运行（空格）；点击可运行的 goroutine，让它下一个运行。",
            )
            .to_string(),
        },
        (Some(s), true) => narrate(s, m.last_ran, lang),
        (None, true) => String::new(),
    };

    let go_select = on_value::<Event>(dispatch, |v| {
        Some(Cmd::SetGo(match v.as_str() {
            "1.21" => GoVersion::Go121,
            "1.22" => GoVersion::Go122,
            _ => GoVersion::Go123,
        }))
    });
    let speed_select = on_value::<Event>(dispatch, |v| v.parse().ok().map(Cmd::SetSpeed));
    let seed_change = on_value::<Event>(dispatch, |v| Some(Cmd::SetSeed(v.trim().parse().ok())));
    let granularity = on_value::<Event>(dispatch, |v| Some(Cmd::SetByStatement(v == "stmt")));
    // Enter jumps (a `change` event alone would not fire when the same
    // number is entered again after the program was restarted).
    let jump = {
        let dispatch = dispatch.clone();
        Callback::from(move |e: KeyboardEvent| {
            if e.key() != "Enter" {
                return;
            }
            if let Ok(n) = target_value(&e).trim().parse::<usize>() {
                dispatch.emit(Cmd::Goto(n));
            }
        })
    };
    let slider = on_value::<InputEvent>(dispatch, |v| v.parse().ok().map(Cmd::Goto));
    let draft_input = on_value::<InputEvent>(dispatch, |v| Some(Cmd::Draft(v)));

    let variant_button = |v: Variant, label: AttrValue| {
        let active = m.variant == v;
        classed(
            if active {
                "segmented__item is-active"
            } else {
                "segmented__item"
            },
            html! {
                <button type="button" class="_"
                    aria-pressed={flag(active)} onclick={cmd::<MouseEvent>(dispatch, Cmd::ShowVariant(v))}
                    data-testid={match v { Variant::Fix(i) => AttrValue::from(format!("show-fix-{}", i + 1)), _ => AttrValue::Static("show-original") }}>
                    { label }
                </button>
            },
        )
    };

    let share_href = m.share.as_ref().map(|f| platform::href_for(f));
    let click = |c: Cmd| cmd::<MouseEvent>(dispatch, c);

    html! {
        <section class="play" data-testid="playground" aria-label={tr(lang, "Playground", "演练场")}
            data-position={position.to_string()} data-ended={flag(ended)}>
            if let Some(err) = &m.link_error {
                <div class="notice notice--error" role="alert" data-testid="link-error">
                    { match lang { Language::En => err.message().0, Language::Zh => err.message().1 } }
                    { " " }{ tr(lang, "Showing the case from its start instead.", "改为从头显示这个案例。") }
                </div>
            }
            <div class="play__toolbar" role="toolbar" aria-label={tr(lang, "Run controls", "运行控制")}>
                <div class="btn-group">
                    { button("btn", Some("reset"), Some(tr(lang, "Back to the start", "回到开头")), position == 0,
                        tr(lang, "Reset", "重置").into(), click(Cmd::Reset)) }
                    { button("btn", Some("back"), Some(tr(lang, "Step back (←)", "后退一步（←）")), position == 0,
                        format!("◀ {}", tr(lang, "Back", "后退")).into(), click(Cmd::Back)) }
                    { button("btn btn--primary", Some("step"), Some(tr(lang, "Step (→)", "单步（→）")), ended,
                        format!("{} ▶", tr(lang, "Step", "单步")).into(), click(Cmd::Step)) }
                    { button("btn", Some("run"), Some(tr(lang, "Run / pause (space)", "运行/暂停（空格）")), ended && !m.running,
                        if m.running { tr(lang, "Pause", "暂停") } else { tr(lang, "Run", "运行") }.into(), click(Cmd::ToggleRun)) }
                    { button("btn", Some("run-to-end"), Some(tr(lang, "Run to the end at full speed", "全速运行到结束")), ended,
                        format!("{} ▶▶", tr(lang, "To end", "运行到底")).into(), click(Cmd::RunToEnd)) }
                </div>
                { select_field(tr(lang, "Speed", "速度"), "speed", speed_select,
                    SPEEDS.iter().enumerate().map(|(i, (label, _, _))| option(i.to_string().into(), i == m.speed, label)).collect()) }
                { select_field("Go", "go-version", go_select,
                    [(GoVersion::Go121, "1.21"), (GoVersion::Go122, "1.22"), (GoVersion::Go123, "1.23+")].iter()
                        .map(|(v, label)| option(go_key(*v).into(), config.go == *v, label)).collect()) }
                { field(tr(lang, "Seed", "随机种子"), html! {
                    <input type="text" inputmode="numeric" size="6" placeholder={tr(lang, "Go order", "Go 顺序")}
                        value={config.seed.map(|s| s.to_string()).unwrap_or_default()} onchange={seed_change} data-testid="seed" />
                }) }
                { select_field(tr(lang, "Step by", "单步粒度"), "granularity", granularity, html! {
                    <>
                        { option("stmt".into(), config.by_statement, tr(lang, "statement", "语句")) }
                        { option("sched".into(), !config.by_statement, tr(lang, "scheduling point", "调度点")) }
                    </>
                }) }
                <div class="btn-group">
                    { button("btn", Some("share"), None, false, tr(lang, "Share link", "分享链接").into(), click(Cmd::Share)) }
                    <button type="button" class="btn" onclick={click(Cmd::ToggleHelp)} data-testid="help"
                        aria-expanded={flag(m.help)} title={tr(lang, "Keyboard shortcuts (?)", "快捷键（?）")}>{ "?" }</button>
                </div>
            </div>
            if let Some(href) = share_href {
                <div class="share">
                    <label>
                        { plain_el("span", tr(lang, "Link to this exact step:", "指向这一步的链接：")) }
                        <input type="text" readonly=true value={href} data-testid="share-link" />
                    </label>
                </div>
            }
            <div class="play__progress">
                <span class="step-counter" data-testid="step-counter">
                    { format!("{} {position} / {planned}", tr(lang, "step", "第")) }{ tr(lang, "", " 步") }
                </span>
                <input type="range" min="0" max={planned.max(position).to_string()} value={position.to_string()}
                    oninput={slider} aria-label={tr(lang, "Jump to step", "跳到第几步")} class="play__slider" />
                <label class="field field--small">
                    { plain_el("span", tr(lang, "Jump to", "跳到")) }
                    <input type="number" min="0" size="5" onkeydown={jump} data-testid="jump"
                        title={tr(lang, "Type a step number and press Enter", "输入步数后按回车")} />
                </label>
                if let Some(s) = &snap {
                    <span class="clock" title={tr(lang, "virtual time", "虚拟时间")}>{ format!("t = {}", crate::playground::widgets::fmt_ns(s.now_ns)) }</span>
                }
            </div>
            <p class="narration" aria-live="polite" data-testid="narration">{ narration }</p>
            if let Some(s) = &snap {
                if s.ending.is_some() || capped.is_some() {
                    { verdict(s.ending.as_ref(), capped, position, lang) }
                }
            }
            <div class="play__grid">
                <div class="play__code panel--code">
                    <div class="play__code-head">
                        <div class="segmented" role="group" aria-label={tr(lang, "Which program", "哪个程序")}>
                            { variant_button(Variant::Original, tr(lang, "Original", "原始代码").into()) }
                            { for case.fixes.iter().enumerate().map(|(i, _)| variant_button(Variant::Fix(i), format!("{} {}", tr(lang, "Fix", "修复"), i + 1).into())) }
                            if m.variant == Variant::Edited {
                                { text_el("span", "segmented__item is-active", tr(lang, "Edited", "已编辑")) }
                            }
                        </div>
                        if !m.editing {
                            { button("btn btn--small", Some("edit"), None, false, tr(lang, "Edit", "编辑").into(), click(Cmd::Edit)) }
                        }
                    </div>
                    if m.editing {
                        <div class="editor">
                            <textarea class="editor__text" spellcheck="false" value={m.draft.clone()} oninput={draft_input}
                                data-testid="editor" aria-label={tr(lang, "Go source", "Go 源代码")} rows="24" />
                            <div class="btn-group">
                                { button("btn btn--primary", Some("run-edited"), None, false, tr(lang, "Run", "运行").into(), click(Cmd::RunDraft)) }
                                { button("btn", None, None, false, tr(lang, "Cancel", "取消").into(), click(Cmd::CancelEdit)) }
                            </div>
                        </div>
                    } else {
                        { source_view(&m.lines, &markers, next_line, &errors) }
                    }
                    if !errors.is_empty() {
                        <div class="compile-errors" role="alert" data-testid="compile-errors">
                            { plain_el("strong", tr(lang, "Compile errors", "编译错误")) }
                            <ul>
                                { for errors.iter().map(|e| html! {
                                    <li>{ match (e.line, e.col) {
                                        (Some(l), Some(c)) => format!("./prog.go:{l}:{c}: {}", e.message),
                                        _ => e.message.clone(),
                                    } }</li>
                                }) }
                            </ul>
                        </div>
                    }
                </div>
                <div class="play__state">
                    if let Some(s) = &snap {
                        { goroutines(s, &runnable, next_g, lang, dispatch) }
                        { objects(s, lang) }
                        { console(s, lang) }
                    }
                </div>
            </div>
            if snap.is_some() {
                <div class="play__charts">
                    { timeline(TimelineData { lanes: m.ctl.lanes(), ticks: m.ctl.clock_ticks(), total: planned, position }, lang, dispatch) }
                    if let Some(s) = &snap {
                        { resource_plot(&s.resources, visible_goroutines(s).len(), s.now_ns, lang) }
                    }
                </div>
            }
            { explore_panel(m, lang, dispatch) }
            if m.help {
                { help_overlay(lang, dispatch) }
            }
        </section>
    }
}

fn verdict(
    ending: Option<&EndingView>,
    capped: Option<Cap>,
    position: usize,
    lang: Language,
) -> Html {
    let (class, title, detail): (String, String, String) = match ending {
        Some(e) if e.class != "budget" => {
            let title = match e.class.as_str() {
                "deadlock" => "fatal error: all goroutines are asleep - deadlock!".to_string(),
                "finished" if !e.leaked.is_empty() => format!(
                    "{} ({} {})",
                    tr(
                        lang,
                        "main returned with goroutines still blocked",
                        "main 已返回，但仍有 goroutine 阻塞"
                    ),
                    e.leaked.len(),
                    tr(lang, "leaked", "个泄漏")
                ),
                "finished" => tr(lang, "The program finished", "程序正常结束").to_string(),
                _ => e.message.clone(),
            };
            let status = e
                .exit_code
                .map(|c| format!("exit status {c}"))
                .unwrap_or_default();
            let class = if e.class == "finished" && !e.leaked.is_empty() {
                "leak".to_string()
            } else {
                e.class.clone()
            };
            (class, title, status)
        }
        _ => {
            let message = match (ending, capped, lang) {
                (Some(e), _, _) => e.message.clone(),
                (None, Some(Cap::Memory), Language::En) => format!(
                    "stopped after {position} steps: the heap keeps growing, and the copies kept for exact step-back would exhaust the page's memory"
                ),
                (None, Some(Cap::Memory), Language::Zh) => format!(
                    "在第 {position} 步停止：堆一直在增长，为精确后退保存的副本会耗尽页面内存"
                ),
                (None, _, _) => format!("stopped after {position} steps"),
            };
            (
                "budget".into(),
                tr(
                    lang,
                    "Budget exhausted: the program does not terminate",
                    "预算耗尽：程序没有结束",
                )
                .to_string(),
                message,
            )
        }
    };
    classed(
        format!("verdict verdict--{class}"),
        html! {
            <div class="_" role="status" data-testid="verdict" data-class={class.clone()}>
                { text_el("strong", "verdict__title", title) }
                if !detail.is_empty() {
                    { text_el("span", "verdict__detail", detail) }
                }
                if let Some(e) = ending {
                    if !e.leaked.is_empty() {
                        <ul class="verdict__leaks">
                            { for e.leaked.iter().map(|l| html! {
                                <li>{ format!(
                                    "goroutine {} [{}] {} {}",
                                    l.g,
                                    l.wait_reason.clone().unwrap_or_else(|| "runnable".into()),
                                    tr(lang, "created at line", "创建于第"),
                                    l.created_line.map(|x| x.to_string()).unwrap_or_else(|| "?".into())
                                ) }{ tr(lang, "", " 行") }</li>
                            }) }
                        </ul>
                    }
                }
            </div>
        },
    )
}

fn goroutines(
    s: &Snapshot,
    runnable: &[u32],
    next_g: Option<u32>,
    lang: Language,
    dispatch: &Callback<Cmd>,
) -> Html {
    let ids = visible_goroutines(s);
    html! {
        <section class="state-panel" aria-label="goroutines">
            <h3 class="state-panel__title">{ format!("{} ({})", tr(lang, "Goroutines", "Goroutine"), ids.len()) }
                { text_el("span", "state-panel__hint", tr(lang, "click a runnable one to run it next — you are the scheduler", "点击可运行的 goroutine 让它下一个运行——你就是调度器")) }
            </h3>
            <ul class="gcards">
                { for ids.iter().enumerate().filter_map(|(i, id)| {
                    let g = s.goroutines.iter().find(|g| g.id == *id)?;
                    let card = CardState { index: i + 1, runnable: runnable.contains(id), next: next_g == Some(*id) };
                    Some(goroutine_card(g, card, lang, cmd(dispatch, Cmd::Pick(*id))))
                }) }
            </ul>
        </section>
    }
}

/// Channel-typed variables holding nil, found in the goroutines' locals.
pub fn nil_channels(s: &Snapshot) -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = Vec::new();
    for g in &s.goroutines {
        for f in &g.frames {
            for l in &f.locals {
                let is_chan = l.ty.starts_with("chan") || l.ty.starts_with("<-chan");
                if is_chan && l.value == "<nil>" && !out.iter().any(|(n, _)| *n == l.name) {
                    out.push((l.name.clone(), l.ty.clone()));
                }
            }
        }
    }
    out
}

fn objects(s: &Snapshot, lang: Language) -> Html {
    let nils = nil_channels(s);
    let has_timers = s.timers.iter().any(|t| t.status == "pending");
    if s.objects.is_empty() && nils.is_empty() && !has_timers {
        return html! {};
    }
    html! {
        <section class="state-panel" aria-label="objects">
            { text_el("h3", "state-panel__title", tr(lang, "Runtime objects", "运行时对象")) }
            <div class="objs">
                { for s.objects.iter().map(|o: &ObjectView| html! { <key={o.id()}>{ object_widget(o, lang) }</> }) }
                { for nils.into_iter().map(|(name, ty)| nil_channel_widget(name, ty, lang)) }
                if has_timers {
                    { timers_widget(&s.timers, s.now_ns, lang) }
                }
            </div>
        </section>
    }
}

fn console(s: &Snapshot, lang: Language) -> Html {
    html! {
        <section class="state-panel" aria-label="console">
            { text_el("h3", "state-panel__title", tr(lang, "Output", "输出")) }
            <pre class="console" data-testid="console">
                <span class="console__out" data-testid="stdout">{ s.stdout.clone() }</span>
                <span class="console__err" data-testid="stderr">{ s.stderr.clone() }</span>
            </pre>
        </section>
    }
}

fn explore_panel(m: &PlayModel, lang: Language, dispatch: &Callback<Cmd>) -> Html {
    let run = m.explore.as_ref();
    let running = m.exploring();
    // When the search is done: the report, whose schedules are minimized and
    // can be loaded. While it runs: the outcomes found so far.
    let (summary, outcomes, done): (Option<String>, Vec<&Outcome>, bool) = match (
        run.and_then(|r| r.report.as_ref()),
        run.and_then(ExploreRun::progress),
    ) {
        (Some(report), _) => (
            Some(format!(
                "{} {} · {} {} · {}",
                report.schedules,
                tr(lang, "schedules", "个调度"),
                report.states,
                tr(lang, "states", "个状态"),
                if report.complete {
                    tr(lang, "complete", "已穷尽")
                } else {
                    tr(lang, "not exhaustive", "未穷尽")
                }
            )),
            report.outcomes.iter().collect(),
            true,
        ),
        (None, Some((schedules, states, found))) => (
            Some(format!(
                "{} {} · {} {} {}",
                schedules,
                tr(lang, "schedules", "个调度"),
                states,
                tr(lang, "states", "个状态"),
                tr(lang, "so far", "（进行中）")
            )),
            found,
            false,
        ),
        _ => (None, Vec::new(), false),
    };
    html! {
        <section class="panel explore" data-testid="explore">
            { text_el("h3", "panel__title", tr(lang, "Explore every schedule", "探索所有调度")) }
            { text_el("p", "explore__intro", tr(lang,
                "Runs the program under every interleaving the simulator can reach (exhaustive with state deduplication, then bounded, then random), a slice per frame so the page stays responsive, and lists the distinct outcomes as they are found.",
                "在模拟器能达到的每一种交错下运行程序（先穷举并去重状态，再限界，再随机），每帧只做一小段，页面不会卡住；找到的不同结果会随时列出。")) }
            <div class="btn-group">
                if running {
                    { button("btn", Some("explore-stop"), None, false, tr(lang, "Stop", "停止").into(), cmd(dispatch, Cmd::ExploreStop)) }
                    <span class="explore__progress" role="status">{ format!("{} {}", tr(lang, "exploring… slices:", "探索中… 已完成片段："), run.map_or(0, |r| r.slices)) }</span>
                } else {
                    { button("btn btn--primary", Some("explore-start"), None, false, tr(lang, "Explore", "开始探索").into(), cmd(dispatch, Cmd::ExploreStart)) }
                }
            </div>
            if let Some(err) = run.and_then(|r| r.error.clone()) {
                { text_el("pre", "console console--error", err) }
            }
            if let Some(summary) = summary {
                <p class="explore__summary" data-testid={if done { "explore-summary" } else { "explore-live" }}>{ summary }</p>
                <ol class="outcomes">
                    { for outcomes.iter().enumerate().map(|(i, o)| {
                        let (class, badge) = outcome_names(o.class);
                        html! {
                            <li class="outcome" data-testid="outcome" data-class={class}>
                                { text_el("span", badge, class) }
                                { text_el("span", "outcome__count", format!("× {}", o.count)) }
                                if let Some(code) = o.exit_code { { text_el("span", "outcome__exit", format!("exit {code}")) } }
                                { text_el("code", "outcome__stdout", o.stdout.lines().take(4).collect::<Vec<_>>().join(" ⏎ ")) }
                                if !o.stderr_head.is_empty() {
                                    { text_el("code", "outcome__stderr", o.stderr_head.lines().next().unwrap_or("").to_string()) }
                                }
                                if done {
                                    <span class="outcome__sched" title="schedule">{ format!("{} {}", o.switches, tr(lang, "switches", "次切换")) }</span>
                                    { button("btn btn--small", Some("load-outcome"), None, false, tr(lang, "Load and step", "载入并单步").into(), cmd(dispatch, Cmd::LoadOutcome(i))) }
                                }
                            </li>
                        }
                    }) }
                </ol>
            }
        </section>
    }
}

/// An outcome class's name (as gosim spells the variant) and its badge
/// classes; a table rather than `Debug` formatting (wasm size).
fn outcome_names(class: OutcomeClass) -> (&'static str, &'static str) {
    match class {
        OutcomeClass::Finished => ("Finished", "badge badge--ok"),
        OutcomeClass::LeakedGoroutines => ("LeakedGoroutines", "badge badge--leak"),
        OutcomeClass::Deadlock => ("Deadlock", "badge badge--deadlock"),
        OutcomeClass::Panic => ("Panic", "badge badge--panic"),
        OutcomeClass::FatalError => ("FatalError", "badge badge--panic"),
        OutcomeClass::BudgetExhausted => ("BudgetExhausted", "badge badge--endless-loop"),
    }
}

fn help_overlay(lang: Language, dispatch: &Callback<Cmd>) -> Html {
    let rows: [(&str, &str, &str); 6] = [
        ("→", "step", "单步"),
        ("←", "step back", "后退一步"),
        ("space", "run / pause", "运行 / 暂停"),
        (
            "1 – 9",
            "run the n-th goroutine in the list next",
            "让列表中第 n 个 goroutine 下一个运行",
        ),
        ("?", "show / hide this help", "显示 / 隐藏帮助"),
        ("Esc", "close", "关闭"),
    ];
    html! {
        <div class="overlay" role="dialog" aria-modal="true" aria-label={tr(lang, "Keyboard shortcuts", "快捷键")} data-testid="help-overlay"
            onclick={cmd::<MouseEvent>(dispatch, Cmd::CloseHelp)}>
            <div class="overlay__box">
                { plain_el("h3", tr(lang, "Keyboard shortcuts", "快捷键")) }
                <dl class="shortcuts">
                    { for rows.iter().map(|(k, en, zh)| html! {
                        <>
                            <dt><kbd>{ *k }</kbd></dt>
                            { plain_el("dd", tr(lang, en, zh)) }
                        </>
                    }) }
                </dl>
            </div>
        </div>
    }
}
