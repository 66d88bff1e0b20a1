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
use gosim::session::StepBy;
use gosim::snapshot::{ObjectView, Snapshot, TimerState};
use gosim::GoVersion;
use wasm_bindgen::JsCast;
use yew::prelude::*;

use crate::cases::Case;
use crate::components::markup::{classed, flag, plain_el, text_el};
use crate::hooks::use_settings;
use crate::i18n::Language;
use crate::platform;
use crate::playground::model::{Cmd, Frame, Narration, PlayModel, Variant, SPEEDS};
use crate::playground::narrate::narrate;
use crate::playground::panels::{explore_panel, help_overlay, verdict};
use crate::playground::share::go_key;
use crate::playground::source_view::source_view;
use crate::playground::timeline::{resource_plot, timeline, TimelineData};
use crate::playground::widgets::{
    fmt_ns, goroutine_card, nil_channel_widget, object_widget, timers_widget, tr, CardState,
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

pub(crate) fn cmd<E>(dispatch: &Callback<Cmd>, c: Cmd) -> Callback<E> {
    let dispatch = dispatch.clone();
    Callback::from(move |_: E| dispatch.emit(c.clone()))
}

/// A button. The page's buttons go through here, so each is a call rather
/// than its own inlined element construction (wasm size). `None` leaves the
/// test id or title out.
pub(crate) fn button(
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
    let frame = m.frame();
    let narration = match (frame.narration, &frame.snapshot) {
        (Narration::CompileErrors, _) => tr(
            lang,
            "The program does not compile; the errors are shown in the listing.",
            "程序无法编译，错误已标注在代码中。",
        )
        .to_string(),
        (Narration::Ready, _) => tr(
            lang,
            "Ready. Step (→) or run (space); click a runnable goroutine to run it next.",
            "准备就绪。单步（→）或运行（空格）；点击可运行的 goroutine，让它下一个运行。",
        )
        .to_string(),
        (Narration::Step { ran }, Some(s)) => narrate(s, ran, lang),
        (Narration::Step { .. }, None) => String::new(),
    };
    html! {
        <section class="play" data-testid="playground" aria-label={tr(lang, "Playground", "演练场")}
            data-position={frame.position.to_string()} data-ended={flag(frame.ended)}>
            if let Some(err) = &m.link_error {
                <div class="notice notice--error" role="alert" data-testid="link-error">
                    { match lang { Language::En => err.message().0, Language::Zh => err.message().1 } }
                    { " " }{ tr(lang, "Showing the case from its start instead.", "改为从头显示这个案例。") }
                </div>
            }
            { toolbar(m, &frame, lang, dispatch) }
            if let Some(href) = m.share.as_ref().map(|f| platform::href_for(f)) {
                <div class="share">
                    <label>
                        { plain_el("span", tr(lang, "Link to this exact step:", "指向这一步的链接：")) }
                        <input type="text" readonly=true value={href} data-testid="share-link" />
                    </label>
                </div>
            }
            { progress(&frame, lang, dispatch) }
            <p class="narration" aria-live="polite" data-testid="narration">{ narration }</p>
            if let Some(s) = &frame.snapshot {
                if s.ending.is_some() || frame.cap.is_some() {
                    { verdict(s.ending.as_ref(), frame.cap, frame.position, lang) }
                }
            }
            <div class="play__grid">
                { code_panel(m, &frame, lang, dispatch) }
                <div class="play__state">
                    if let Some(s) = &frame.snapshot {
                        { goroutines(s, &frame, lang, dispatch) }
                        { objects(s, &frame.nil_channels, lang) }
                        { console(s, lang) }
                    }
                </div>
            </div>
            if let Some(s) = &frame.snapshot {
                <div class="play__charts">
                    { timeline(TimelineData { steps: m.ctl.history(), ticks: m.ctl.clock_ticks(), total: frame.planned, position: frame.position }, lang, dispatch) }
                    { resource_plot(&s.resources, frame.goroutines.len(), s.now_ns, lang) }
                </div>
            }
            { explore_panel(m, lang, dispatch) }
            if m.help {
                { help_overlay(lang, dispatch) }
            }
        </section>
    }
}

/// Run controls, speed, Go version, seed, granularity, share and help.
fn toolbar(m: &PlayModel, frame: &Frame, lang: Language, dispatch: &Callback<Cmd>) -> Html {
    let position = frame.position;
    let ended = frame.ended;
    let config = m.ctl.config();
    let go_select = on_value::<Event>(dispatch, |v| {
        Some(Cmd::SetGo(match v.as_str() {
            "1.21" => GoVersion::Go121,
            "1.22" => GoVersion::Go122,
            _ => GoVersion::Go123,
        }))
    });
    let speed_select = on_value::<Event>(dispatch, |v| v.parse().ok().map(Cmd::SetSpeed));
    let seed_change = on_value::<Event>(dispatch, |v| Some(Cmd::SetSeed(v.trim().parse().ok())));
    let granularity = on_value::<Event>(dispatch, |v| {
        Some(Cmd::SetStepBy(if v == "stmt" {
            StepBy::Statement
        } else {
            StepBy::SchedulingPoint
        }))
    });
    let click = |c: Cmd| cmd::<MouseEvent>(dispatch, c);
    html! {
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
                    { option("stmt".into(), config.step_by == StepBy::Statement, tr(lang, "statement", "语句")) }
                    { option("sched".into(), config.step_by == StepBy::SchedulingPoint, tr(lang, "scheduling point", "调度点")) }
                </>
            }) }
            <div class="btn-group">
                { button("btn", Some("share"), None, false, tr(lang, "Share link", "分享链接").into(), click(Cmd::Share)) }
                <button type="button" class="btn" onclick={click(Cmd::ToggleHelp)} data-testid="help"
                    aria-expanded={flag(m.help)} title={tr(lang, "Keyboard shortcuts (?)", "快捷键（?）")}>{ "?" }</button>
            </div>
        </div>
    }
}

/// The step counter, the slider, the jump field and the virtual clock.
fn progress(frame: &Frame, lang: Language, dispatch: &Callback<Cmd>) -> Html {
    let (position, planned) = (frame.position, frame.planned);
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
    html! {
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
            if let Some(s) = &frame.snapshot {
                <span class="clock" title={tr(lang, "virtual time", "虚拟时间")}>{ format!("t = {}", fmt_ns(s.now_ns)) }</span>
            }
        </div>
    }
}

/// Which program (original, a fix, edited), the listing or the editor, and
/// the compile errors.
fn code_panel(m: &PlayModel, frame: &Frame, lang: Language, dispatch: &Callback<Cmd>) -> Html {
    let case = m.case();
    let errors = m.ctl.errors();
    let draft_input = on_value::<InputEvent>(dispatch, |v| Some(Cmd::Draft(v)));
    let click = |c: Cmd| cmd::<MouseEvent>(dispatch, c);
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
    html! {
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
                { source_view(&m.lines, &frame.markers, frame.next_line, errors) }
            }
            if !errors.is_empty() {
                <div class="compile-errors" role="alert" data-testid="compile-errors">
                    { plain_el("strong", tr(lang, "Compile errors", "编译错误")) }
                    <ul>
                        { for errors.iter().map(|e| html! {
                            <li>{ match e.at {
                                Some((l, c)) => format!("./prog.go:{l}:{c}: {}", e.message),
                                None => e.message.clone(),
                            } }</li>
                        }) }
                    </ul>
                </div>
            }
        </div>
    }
}

fn goroutines(s: &Snapshot, frame: &Frame, lang: Language, dispatch: &Callback<Cmd>) -> Html {
    let ids = &frame.goroutines;
    html! {
        <section class="state-panel" aria-label="goroutines">
            <h3 class="state-panel__title">{ format!("{} ({})", tr(lang, "Goroutines", "Goroutine"), ids.len()) }
                { text_el("span", "state-panel__hint", tr(lang, "click a runnable one to run it next — you are the scheduler", "点击可运行的 goroutine 让它下一个运行——你就是调度器")) }
            </h3>
            <ul class="gcards">
                { for ids.iter().enumerate().filter_map(|(i, id)| {
                    let g = s.goroutines.iter().find(|g| g.id == *id)?;
                    let card = CardState { index: i + 1, runnable: frame.runnable.contains(id), next: frame.next_goroutine == Some(*id) };
                    Some(goroutine_card(g, card, lang, cmd(dispatch, Cmd::Pick(*id))))
                }) }
            </ul>
        </section>
    }
}

fn objects(s: &Snapshot, nils: &[(String, String)], lang: Language) -> Html {
    let has_timers = s.timers.iter().any(|t| t.state == TimerState::Pending);
    if s.objects.is_empty() && nils.is_empty() && !has_timers {
        return html! {};
    }
    html! {
        <section class="state-panel" aria-label="objects">
            { text_el("h3", "state-panel__title", tr(lang, "Runtime objects", "运行时对象")) }
            <div class="objs">
                { for s.objects.iter().map(|o: &ObjectView| html! { <key={o.id}>{ object_widget(o, lang) }</> }) }
                { for nils.iter().map(|(name, ty)| nil_channel_widget(name.clone(), ty.clone(), lang)) }
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
