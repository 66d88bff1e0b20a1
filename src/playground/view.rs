//! The playground component: wires `PlayModel` to the page. It renders
//! the control bar (sticky on a wide screen, at the bottom within thumb
//! reach on a phone), the narration, the listing (or the editor) in its
//! own scroll box beside the state pane (goroutines, objects, output,
//! shown one at a time on a phone), the verdict, the timeline and plots,
//! and the explore panel, and it owns the effects: the run timer, the
//! exploration timer, keyboard shortcuts (only when no control has focus),
//! following the running line and the state a step changed, focus for the
//! help dialog, the screen reader's live region and writing the share link
//! into the address bar.
//!
//! All decisions live in `PlayModel::apply` and `PlayModel::frame`; this
//! file only turns events into `Cmd`s and the frame into HTML.

use std::cell::RefCell;
use std::rc::Rc;

use gosim::session::StepBy;
use gosim::snapshot::{ObjectKind, Snapshot, TimerState};
use gosim::GoVersion;
use yew::prelude::*;

use crate::cases::Case;
use crate::hooks::use_settings;
use crate::i18n::{case_page, embed as embed_text, play, Language};
use crate::markup::{button, classed, flag, inline_code, plain_el, send, text_el};
use crate::platform;
use crate::playground::controller::source_fits;
use crate::playground::embed::{Controls, SCRATCH_SLUG};
use crate::playground::model::{
    go_choices, live_groups, output_excerpt, Cmd, Frame, Narration, PlayModel, Tab, Variant,
};
use crate::playground::narrate::{narrate_step, verdict_sentence};
use crate::playground::num::{fmt_count, fmt_ns};
use crate::playground::panels::{explore_panel, help_overlay, notice, verdict};
use crate::playground::share::go_key;
use crate::playground::source_view::{listing, Listing};
use crate::playground::timeline::{map_memory_plot, resource_plot, timeline, TimelineData};
use crate::playground::widgets::{
    goroutine_card, goroutine_group, net_widget, nil_channel_widget, object_widget, timers_widget,
    CardState, GroupActions, GroupPage,
};
use crate::programs;

#[derive(Properties, PartialEq)]
pub struct PlaygroundProps {
    pub case: &'static Case,
    /// The share-link query this page was opened with (without `?`).
    #[prop_or_default]
    pub query: String,
    /// Inside another site's frame (`#/embed/…`): the compact layout with
    /// these controls, and a link to the full page instead of the share,
    /// embed, chart and explore parts.
    #[prop_or_default]
    pub embed: Option<Controls>,
}

/// The player, once the program it opens with is compiled: in the browser
/// a case's program comes compiled with its content, or from the compiler
/// worker (`programs`), so the first frame may wait for it.
#[function_component]
pub fn Playground(props: &PlaygroundProps) -> Html {
    let lang = use_settings().language;
    let (source, go) = PlayModel::opening_program(props.case, &props.query);
    let ready = programs::ready(&source, go);
    let update = use_force_update();
    {
        let case = props.case;
        use_effect_with((source, go), move |(source, go)| {
            if !programs::ready(source, *go) {
                programs::load(case, source.clone(), *go, move || update.force_update());
            }
        });
    }
    if !ready {
        return html! {
            <p class="play__compiling" role="status" data-testid="play-compiling">
                { play::COMPILING.get(lang) }
            </p>
        };
    }
    html! { <Player case={props.case} query={props.query.clone()} embed={props.embed} /> }
}

/// Applies `cmd`; when it closes the editor, the editor's text leaves
/// layout before the render removes it (`platform::hide_editor`).
fn apply_closing_editor(m: &mut PlayModel, cmd: Cmd) -> bool {
    let was_editing = m.editing;
    let changed = m.apply(cmd);
    if was_editing && !m.editing {
        platform::hide_editor();
    }
    changed
}

#[function_component]
fn Player(props: &PlaygroundProps) -> Html {
    let lang = use_settings().language;
    let model: Rc<RefCell<PlayModel>> = {
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
        let case = props.case;
        Callback::from(move |cmd: Cmd| {
            // A command that switches program or release waits until that
            // program is compiled (see `programs`), then comes back here.
            let needed = model.borrow().program_for(&cmd);
            if let Some((source, go)) = needed.filter(|(s, g)| !programs::ready(s, *g)) {
                model.borrow_mut().compiling = true;
                update.force_update();
                let model = model.clone();
                let update = update.clone();
                programs::load(case, source, go, move || {
                    let mut m = model.borrow_mut();
                    m.compiling = false;
                    apply_closing_editor(&mut m, cmd);
                    drop(m);
                    update.force_update();
                });
                return;
            }
            let share = cmd == Cmd::Share;
            let changed = apply_closing_editor(&mut model.borrow_mut(), cmd);
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

    let (running, interval, exploring, help) = {
        let m = model.borrow();
        (m.running, m.interval_ms(), m.exploring(), m.help)
    };
    {
        let dispatch = dispatch.clone();
        use_effect_with((running, interval), move |&(running, interval)| {
            let timer =
                running.then(|| platform::every(interval, move || dispatch.emit(Cmd::Tick)));
            move || drop(timer)
        });
    }
    {
        let dispatch = dispatch.clone();
        use_effect_with(exploring, move |&exploring| {
            let timer =
                exploring.then(|| platform::every(16, move || dispatch.emit(Cmd::ExploreTick)));
            move || drop(timer)
        });
    }
    {
        let dispatch = dispatch.clone();
        let model = model.clone();
        use_effect_with((), move |_| {
            let listener = platform::on_key(move |key, on_control| {
                let help = model.borrow().help;
                let cmd = key_command(key, on_control, help);
                let handled = cmd.is_some();
                if let Some(cmd) = cmd {
                    dispatch.emit(cmd);
                }
                if help && key == "Tab" {
                    // The dialog's one control keeps focus (aria-modal).
                    platform::focus_testid("help-close");
                    return true;
                }
                handled
            });
            move || drop(listener)
        });
    }
    // The help dialog takes focus when it opens and gives it back to its
    // button when it closes.
    {
        let opened = use_mut_ref(|| false);
        use_effect_with(help, move |&help| {
            if help {
                platform::focus_testid("help-close");
            } else if *opened.borrow() {
                platform::focus_testid("help");
            }
            *opened.borrow_mut() = help;
        });
    }

    let mut m = model.borrow_mut();
    let frame = m.frame();
    // Follow the step: the running line and the state it changed in view.
    {
        let key = (frame.position, frame.next_line, m.ctl.source().len());
        let first = use_mut_ref(|| true);
        use_effect_with(key, move |_| {
            let reveal = !*first.borrow();
            *first.borrow_mut() = false;
            platform::follow_step(reveal);
        });
    }
    render(&mut m, frame, lang, &dispatch, props.embed)
}

/// The command for a key (`KeyboardEvent.key`). `platform::on_key` leaves
/// out presses with modifiers and typing in fields; with a control focused
/// (`on_control`: a button, a link, a scroll box) only Escape acts, and
/// only to close the open help, so Space presses the button.
fn key_command(key: &str, on_control: bool, help: bool) -> Option<Cmd> {
    if key == "Escape" {
        return help.then_some(Cmd::CloseHelp);
    }
    if on_control || help {
        return None;
    }
    match key {
        "ArrowRight" => Some(Cmd::Step),
        "ArrowLeft" => Some(Cmd::Back),
        " " => Some(Cmd::ToggleRun),
        "?" => Some(Cmd::ToggleHelp),
        k => k
            .parse::<usize>()
            .ok()
            .filter(|n| (1..=9).contains(n))
            .map(Cmd::PickIndex),
    }
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

fn option(value: AttrValue, selected: bool, label: impl Into<AttrValue>) -> Html {
    let label: AttrValue = label.into();
    html! { <option {value} {selected}>{ label }</option> }
}

/// A callback that turns the target's value into a command (`None`:
/// nothing happens). One closure type for every field (wasm size).
fn on_value<E: AsRef<Event> + 'static>(
    dispatch: &Callback<Cmd>,
    to_cmd: fn(String) -> Option<Cmd>,
) -> Callback<E> {
    let dispatch = dispatch.clone();
    Callback::from(move |e: E| {
        if let Some(c) = to_cmd(platform::event_value(e.as_ref())) {
            dispatch.emit(c);
        }
    })
}

/// The narration of the frame, in `lang`.
fn narration_text(m: &PlayModel, frame: &Frame, lang: Language) -> String {
    let limited = m.ctl.errors().iter().all(|e| e.limitation);
    match (frame.narration, &frame.snapshot) {
        (Narration::CompileErrors, _) if limited => {
            play::LIMITATION_NARRATION.get(lang).to_string()
        }
        (Narration::CompileErrors, _) => play::COMPILE_ERRORS_NARRATION.get(lang).to_string(),
        (Narration::Ready, _) => play::READY.get(lang).to_string(),
        (Narration::Step { ran, from }, Some(s)) => narrate_step(s, ran, from, &m.source, lang),
        (Narration::Step { .. }, None) => String::new(),
    }
}

/// What the live region says now: the step and its narration, and at the
/// end the verdict.
fn announcement(m: &PlayModel, frame: &Frame, narration: &str, lang: Language) -> String {
    let mut text = format!(
        "{}. {narration}",
        play::step_counter(lang, frame.position, frame.planned)
    );
    if !m.running {
        if let Some(e) = frame.snapshot.as_ref().and_then(|s| s.ending.as_ref()) {
            let verdict = verdict_sentence(&e.class, e.exit_code, lang);
            if !text.contains(&verdict) {
                text.push(' ');
                text.push_str(&verdict);
            }
        } else if frame.cap.is_some() {
            text.push(' ');
            text.push_str(crate::i18n::verdict::PAGE_LIMIT.get(lang));
        }
    }
    text
}

fn render(
    m: &mut PlayModel,
    frame: Frame,
    lang: Language,
    dispatch: &Callback<Cmd>,
    embed: Option<Controls>,
) -> Html {
    let narration = narration_text(m, &frame, lang);
    if m.announce_due() {
        // Screen readers would read the backticks that mark code.
        m.announced = announcement(m, &frame, &narration, lang).replace('`', "");
        m.announced_now();
    }
    let m: &PlayModel = m;
    html! {
        <section class="play" data-testid="playground" aria-labelledby="play-title" data-embed={flag(embed.is_some())}
            data-position={frame.position.to_string()} data-ended={flag(frame.ended)} data-running={flag(m.running)}
            data-go={m.ctl.config().go.label()} data-compiling={flag(m.compiling)}>
            <h2 class="sr-only" id="play-title">{ play::PLAYGROUND.get(lang) }</h2>
            if let Some(err) = &m.link_error {
                <div class="notice notice--error" role="alert" data-testid="link-error">
                    { err.message(lang) }
                    // A program of the reader's own has no case to fall back to.
                    if !err.partly_applied() && m.case().slug != SCRATCH_SLUG {
                        { " " }{ play::LINK_FALLBACK.get(lang) }
                    }
                </div>
            }
            <div class="play__bar" data-testid="play-bar">
                { controls(m, &frame, lang, dispatch, embed) }
                { progress(&frame, lang, dispatch) }
                <p class="narration" data-testid="narration">{ inline_code(&narration) }</p>
                if m.compiling {
                    <p class="play__compiling" role="status" data-testid="play-compiling">
                        { play::COMPILING.get(lang) }
                    </p>
                }
            </div>
            if let Some(n) = &m.notice {
                { notice(n, lang, dispatch) }
            }
            if embed.is_none() && m.embed_open {
                { embed_panel(m, lang, dispatch) }
            }
            if let Some(href) = m.share.as_ref().map(|f| platform::href_for(f)) {
                <div class="share">
                    <label>
                        { plain_el("span", play::SHARE_LINK.get(lang)) }
                        <input type="text" readonly=true value={href} data-testid="share-link" />
                    </label>
                </div>
            }
            <div class="play__grid">
                { code_panel(m, &frame, lang, dispatch) }
                { state_pane(m, &frame, lang, dispatch) }
            </div>
            if let Some(href) = embed.map(|_| platform::href_for(&m.share_fragment())) {
                <p class="embed__open">
                    <a {href} target="_blank" rel="noopener noreferrer" data-testid="open-full">{ embed_text::OPEN_FULL.get(lang) }</a>
                </p>
            } else if let Some(s) = &frame.snapshot {
                <div class="play__charts">
                    { timeline(TimelineData { steps: m.ctl.history(), ticks: m.ctl.clock_ticks(), total: frame.planned, position: frame.position }, lang, dispatch) }
                    { resource_plot(&s.resources, frame.live, s.now_ns, lang) }
                    { for s.objects.iter().filter_map(|o| match &o.kind {
                        ObjectKind::SyncMap { memory, .. } if memory.history.len() > 1 =>
                            Some(map_memory_plot(o.name.as_deref().unwrap_or("sync.Map"), &memory.history, lang)),
                        _ => None,
                    }) }
                </div>
            }
            if embed.is_none() {
                { explore_panel(m, lang, dispatch) }
            }
            <div class="sr-only" role="status" aria-live="polite" data-testid="announcer">{ m.announced.clone() }</div>
            if m.help {
                { help_overlay(lang, dispatch) }
            }
        </section>
    }
}

/// Run controls (with the phone's bottom bar, the same buttons), and the
/// settings: speed, Go version, seed, granularity, share and help.
fn controls(
    m: &PlayModel,
    frame: &Frame,
    lang: Language,
    dispatch: &Callback<Cmd>,
    embed: Option<Controls>,
) -> Html {
    let position = frame.position;
    let ended = frame.ended;
    let config = m.ctl.config();
    let go_select = on_value::<Event>(dispatch, |v| GoVersion::parse(&v).map(Cmd::SetGo));
    let speed_select = on_value::<Event>(dispatch, |v| v.parse().ok().map(Cmd::SetSpeed));
    let seed_change = on_value::<Event>(dispatch, |v| Some(Cmd::SetSeed(v.trim().parse().ok())));
    let granularity = on_value::<Event>(dispatch, |v| {
        Some(Cmd::SetStepBy(if v == "stmt" {
            StepBy::Statement
        } else {
            StepBy::SchedulingPoint
        }))
    });
    let click = |c: Cmd| send::<MouseEvent, _>(dispatch, c);
    let mut versions = go_choices(m.case());
    if !versions.contains(&config.go) {
        versions.push(config.go);
        gosim::util::order::sort(&mut versions);
    }
    html! {
        <div class="play__toolbar">
            <div class="btn-group play__controls" role="toolbar" aria-label={play::RUN_CONTROLS.get(lang)} data-testid="controls">
                { button("btn", Some("reset"), Some(play::RESET_TITLE.get(lang)), position == 0,
                    play::RESET.get(lang).into(), click(Cmd::Reset)) }
                { button("btn", Some("back"), Some(play::BACK_TITLE.get(lang)), position == 0,
                    play::BACK.get(lang).into(), click(Cmd::Back)) }
                { button("btn btn--primary", Some("step"), Some(play::STEP_TITLE.get(lang)), ended,
                    play::STEP.get(lang).into(), click(Cmd::Step)) }
                { button("btn", Some("run"), Some(play::RUN_TITLE.get(lang)), ended && !m.running,
                    if m.running { play::PAUSE.get(lang) } else { play::RUN.get(lang) }.into(), click(Cmd::ToggleRun)) }
                { button("btn", Some("run-to-end"), Some(play::TO_END_TITLE.get(lang)), ended,
                    play::TO_END.get(lang).into(), click(Cmd::RunToEnd)) }
            </div>
            if embed != Some(Controls::Minimal) {
            <div class="play__settings">
                { select_field(play::SPEED.get(lang), "speed", speed_select,
                    play::SPEED_NAMES.iter().enumerate().map(|(i, name)| option(i.to_string().into(), i == m.speed, name.get(lang))).collect()) }
                { select_field(case_page::GO_VERSION.get(lang), "go-version", go_select,
                    versions.iter()
                        .map(|v| option(go_key(*v).into(), config.go == *v, v.label())).collect()) }
                <details class="play__more" data-testid="more-settings">
                    { plain_el("summary", play::SETTINGS.get(lang)) }
                    <div class="play__more-box">
                        { field(play::SEED.get(lang), html! {
                            <input type="text" inputmode="numeric" size="6" placeholder={play::SEED_PLACEHOLDER.get(lang)}
                                value={config.seed.map(|s| s.to_string()).unwrap_or_default()} onchange={seed_change} data-testid="seed" />
                        }) }
                        { select_field(play::STEP_BY.get(lang), "granularity", granularity, html! {
                            <>
                                { option("stmt".into(), config.step_by == StepBy::Statement, play::BY_STATEMENT.get(lang)) }
                                { option("sched".into(), config.step_by == StepBy::SchedulingPoint, play::BY_SCHEDULING_POINT.get(lang)) }
                            </>
                        }) }
                    </div>
                </details>
                <div class="btn-group">
                    if embed.is_none() {
                        { button("btn", Some("share"), None, false, play::SHARE.get(lang).into(), click(Cmd::Share)) }
                        <button type="button" class="btn" onclick={click(Cmd::ToggleEmbed)} data-testid="embed-this"
                            aria-expanded={flag(m.embed_open)}>{ embed_text::EMBED_THIS.get(lang) }</button>
                    }
                    <button type="button" class="btn" onclick={click(Cmd::ToggleHelp)} data-testid="help"
                        aria-expanded={flag(m.help)} aria-label={play::HELP_TITLE.get(lang)} title={play::HELP_TITLE.get(lang)}>{ "?" }</button>
                </div>
            </div>
            }
        </div>
    }
}

/// "Embed this": the element, the plain iframe and the link for this
/// program at this step, each in a read-only field with a copy button.
#[inline(never)]
fn embed_panel(m: &PlayModel, lang: Language, dispatch: &Callback<Cmd>) -> Html {
    let base = platform::href_for("");
    let target = m.embed_target(lang);
    let items = [
        (embed_text::ELEMENT, "embed-element", target.element(&base)),
        (embed_text::IFRAME, "embed-iframe", target.iframe(&base)),
        (
            embed_text::LINK,
            "embed-link",
            platform::href_for(&m.share_fragment()),
        ),
    ];
    html! {
        <section class="embed-this panel" data-testid="embed-panel" aria-label={embed_text::EMBED_THIS.get(lang)}>
            { for items.into_iter().map(|(label, testid, text)| embed_item(label.get(lang), testid, text, lang)) }
            { button("btn btn--small", None, None, false, embed_text::CLOSE.get(lang).into(), send(dispatch, Cmd::ToggleEmbed)) }
        </section>
    }
}

/// One snippet of "Embed this" and its copy button.
fn embed_item(label: &'static str, testid: &'static str, text: String, lang: Language) -> Html {
    let copy = {
        let text = text.clone();
        Callback::from(move |_: MouseEvent| platform::copy_text(&text))
    };
    html! {
        <div class="embed-this__item">
            <label>
                { plain_el("span", label) }
                <textarea readonly=true rows="3" spellcheck="false" value={text} data-testid={testid} />
            </label>
            <button type="button" class="btn btn--small" onclick={copy}>{ embed_text::COPY.get(lang) }</button>
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
            if platform::key_of(&e) != "Enter" {
                return;
            }
            if let Ok(n) = platform::event_value(&e).trim().parse::<usize>() {
                dispatch.emit(Cmd::Goto(n));
            }
        })
    };
    let slider = on_value::<InputEvent>(dispatch, |v| v.parse().ok().map(Cmd::Goto));
    html! {
        <div class="play__progress">
            <span class="step-counter" data-testid="step-counter">
                { play::step_counter(lang, position, planned) }
            </span>
            <input type="range" min="0" max={planned.max(position).to_string()} value={position.to_string()}
                oninput={slider} aria-label={play::JUMP_SLIDER.get(lang)} class="play__slider" />
            <label class="field field--small">
                { plain_el("span", play::JUMP_TO.get(lang)) }
                <input type="number" min="0" size="5" onkeydown={jump} data-testid="jump"
                    title={play::JUMP_TITLE.get(lang)} />
            </label>
            if let Some(s) = &frame.snapshot {
                <span class="clock" title={play::VIRTUAL_TIME.get(lang)}>
                    { format!("{} {}", play::VIRTUAL_TIME.get(lang), fmt_ns(s.now_ns)) }
                </span>
            }
        </div>
    }
}

/// Which program (original, a fix, edited), the listing or the editor, and
/// the compile errors (each a button to its line, far down or not).
fn code_panel(m: &PlayModel, frame: &Frame, lang: Language, dispatch: &Callback<Cmd>) -> Html {
    let case = m.case();
    let errors = m.ctl.errors();
    let limited = !errors.is_empty() && errors.iter().all(|e| e.limitation);
    let draft_input = on_value::<InputEvent>(dispatch, |v| Some(Cmd::Draft(v.into())));
    // A paste (or a drop) that would make the program larger than the page
    // takes is kept out before the browser lays the text out (a long paste
    // alone can hold the page for a second); what was typed stays.
    let draft_paste = {
        let dispatch = dispatch.clone();
        Callback::from(move |e: Event| {
            let Some(text) = platform::text_after_insert(&e) else {
                return;
            };
            if let Err(size) = source_fits(&text) {
                e.prevent_default();
                dispatch.emit(Cmd::PasteRefused(size));
            }
        })
    };
    let click = |c: Cmd| send::<MouseEvent, _>(dispatch, c);
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
                    aria-pressed={flag(active)} onclick={send::<MouseEvent, _>(dispatch, Cmd::ShowVariant(v))}
                    data-testid={match v { Variant::Fix(i) => AttrValue::from(format!("show-fix-{}", i + 1)), _ => AttrValue::Static("show-original") }}>
                    { label }
                </button>
            },
        )
    };
    let label = match frame.next_line {
        Some(n) => play::listing_label(lang, n),
        None => play::LISTING.get(lang).to_string(),
    };
    html! {
        <div class="play__code panel--code">
            <div class="play__code-head">
                <div class="segmented" role="group" aria-label={play::WHICH_PROGRAM.get(lang)}>
                    // A program of the reader's own has no original to go back to.
                    if case.slug != SCRATCH_SLUG {
                        { variant_button(Variant::Original, play::ORIGINAL.get(lang).into()) }
                    }
                    { for case.fixes.iter().enumerate().map(|(i, _)| variant_button(Variant::Fix(i), format!("{} {}", play::FIX.get(lang), i + 1).into())) }
                    if m.variant == Variant::Edited {
                        { text_el("span", "segmented__item is-active", play::EDITED.get(lang)) }
                    }
                </div>
                if !m.editing {
                    { button("btn btn--small", Some("edit"), None, false, play::EDIT.get(lang).into(), click(Cmd::Edit)) }
                }
            </div>
            if !errors.is_empty() {
                <div class="compile-errors" role="alert" data-testid="compile-errors" data-limitation={flag(limited)}>
                    { plain_el("strong", if limited { play::LIMITATION.get(lang) } else { play::COMPILE_ERRORS.get(lang) }) }
                    if limited {
                        { text_el("p", "compile-errors__note", play::LIMITATION_NOTE.get(lang)) }
                    }
                    <ul>
                        { for errors.iter().map(|e| html! {
                            <li>
                                { match e.at {
                                    Some((l, c)) => html! {
                                        <button type="button" class="linklike" data-testid="error-line"
                                            onclick={Callback::from(move |_: MouseEvent| platform::scroll_to_line(l))}>
                                            { format!("./prog.go:{l}:{c}") }
                                        </button>
                                    },
                                    None => html! {},
                                } }
                                { format!(" {}", e.message) }
                            </li>
                        }) }
                    </ul>
                </div>
            }
            if m.editing {
                <div class="editor">
                    // Uncontrolled: the draft goes in when the editor opens
                    // (every program switch closes it), and the page holds
                    // what is typed. A `value` would make each redraw read
                    // the whole text back to compare: a megabyte when over
                    // the limit.
                    <textarea class="editor__text" spellcheck="false" defaultvalue={AttrValue::Rc(m.draft.clone())} oninput={draft_input}
                        onpaste={draft_paste.clone()} ondrop={draft_paste.reform(|e: DragEvent| e.into())} data-testid="editor" aria-label={play::GO_SOURCE.get(lang)} rows="24" />
                    if let Some((size, pasted)) = m.too_large {
                        <p class="editor__too-large" role="alert" data-testid="editor-too-large">
                            { play::too_large(lang, &fmt_count(size.bytes as u64), &fmt_count(size.lines as u64), pasted) }
                        </p>
                    }
                    <div class="btn-group">
                        { button("btn btn--primary", Some("run-edited"), None, false, play::RUN.get(lang).into(), click(Cmd::RunDraft)) }
                        { button("btn", None, None, false, play::CANCEL.get(lang).into(), click(Cmd::CancelEdit)) }
                    </div>
                </div>
            } else {
                { listing(Listing {
                    lines: &m.lines,
                    marks: &frame.markers,
                    next_line: frame.next_line,
                    errors,
                    label: Some(label),
                    lang,
                }) }
            }
        </div>
    }
}

/// The state beside the listing: the verdict, then goroutines, objects and
/// output (a phone shows one of them, picked with the buttons above or
/// following what the step changed).
fn state_pane(m: &PlayModel, frame: &Frame, lang: Language, dispatch: &Callback<Cmd>) -> Html {
    let Some(s) = &frame.snapshot else {
        return html! { <div class="play__state" data-testid="state-pane"></div> };
    };
    let tab_button = |tab: Tab, label: &'static str| {
        let active = frame.tab == tab;
        classed(
            if active {
                "segmented__item is-active"
            } else {
                "segmented__item"
            },
            html! {
                <button type="button" class="_" aria-pressed={flag(active)} data-tab={tab.key()}
                    onclick={send::<MouseEvent, _>(dispatch, Cmd::ShowTab(tab))}>{ label }</button>
            },
        )
    };
    let shown = |tab: Tab| if frame.tab == tab { "true" } else { "false" };
    html! {
        <div class="play__state" data-testid="state-pane" tabindex="0" role="region"
            aria-label={play::STATE.get(lang)} data-tab={frame.tab.key()}>
            <div class="segmented play__tabs" role="group" aria-label={play::SHOW.get(lang)}>
                { tab_button(Tab::Goroutines, play::GOROUTINES.get(lang)) }
                { tab_button(Tab::Objects, play::OBJECTS.get(lang)) }
                { tab_button(Tab::Output, play::OUTPUT.get(lang)) }
            </div>
            if s.ending.is_some() || frame.cap.is_some() {
                <div data-changed={flag(frame.ended)}>
                    { verdict(s, frame.cap, frame.position, frame.raise, lang, dispatch) }
                </div>
            }
            <div class="state-tab" data-tab="goroutines" data-shown={shown(Tab::Goroutines)}>
                { goroutines(s, frame, m, lang, dispatch) }
            </div>
            <div class="state-tab" data-tab="objects" data-shown={shown(Tab::Objects)}>
                { objects(s, frame, lang) }
            </div>
            <div class="state-tab" data-tab="output" data-shown={shown(Tab::Output)}>
                { console(s, frame, lang) }
            </div>
        </div>
    }
}

fn goroutines(
    s: &Snapshot,
    frame: &Frame,
    m: &PlayModel,
    lang: Language,
    dispatch: &Callback<Cmd>,
) -> Html {
    let card = |i: usize, id: u32| -> Option<Html> {
        let g = s.goroutines.iter().find(|g| g.id == id)?;
        let state = CardState {
            index: i + 1,
            runnable: frame.runnable.binary_search(&id).is_ok(),
            next: frame.next_goroutine == Some(id),
            changed: frame.changed.goroutine == Some(id) && frame.changed.object.is_none(),
        };
        Some(goroutine_card(
            g,
            state,
            lang,
            send(dispatch, Cmd::Pick(id)),
        ))
    };
    let groups = if frame.grouped {
        live_groups(s)
    } else {
        Vec::new()
    };
    let object_name = |id: Option<u32>| -> Option<String> {
        let id = id?;
        s.objects
            .iter()
            .find(|o| o.id == id)
            .and_then(|o| o.name.clone())
    };
    html! {
        <section class="state-panel" aria-labelledby="goroutines-title" data-testid="goroutines">
            <h3 class="state-panel__title" id="goroutines-title">{ format!("{} ({})", play::GOROUTINES.get(lang), frame.live) }
                { text_el("span", "state-panel__hint", play::PICK_HINT.get(lang)) }
            </h3>
            <ul class="gcards">
                { for frame.cards.iter().enumerate().filter_map(|(i, id)| card(i, *id)) }
            </ul>
            if frame.grouped {
                { text_el("p", "state-panel__note", play::grouped_note(lang, frame.live, groups.len())) }
                if m.inspected.is_some() {
                    { button("btn btn--small", Some("uninspect"), None, false, play::CLOSE_DETAILS.get(lang).into(), send(dispatch, Cmd::Inspect(None))) }
                }
                <ul class="ggroups" data-testid="goroutine-groups">
                    { for groups.iter().enumerate().map(|(i, g)| {
                        let open = frame.open_group.as_ref().filter(|o| o.0 == i).map(|o| GroupPage { ids: &o.1, page: o.2, pages: o.3 });
                        let actions = GroupActions {
                            toggle: send(dispatch, Cmd::ToggleGroup(i)),
                            page: dispatch.reform(Cmd::GroupPage),
                            pick: dispatch.reform(Cmd::Pick),
                            inspect: dispatch.reform(|g| Cmd::Inspect(Some(g))),
                        };
                        goroutine_group(g, i, object_name(g.waiting_on), open, &frame.runnable, lang, &actions)
                    }) }
                </ul>
            }
        </section>
    }
}

fn objects(s: &Snapshot, frame: &Frame, lang: Language) -> Html {
    let has_timers = s.timers.iter().any(|t| t.state == TimerState::Pending);
    let nils = &frame.nil_channels;
    let has_net = !s.net.is_empty();
    if s.objects.is_empty() && nils.is_empty() && !has_timers && !has_net {
        return html! {
            <section class="state-panel" aria-labelledby="objects-title" data-testid="objects">
                <h3 class="state-panel__title" id="objects-title">{ play::OBJECTS.get(lang) }</h3>
                { text_el("p", "obj__empty", play::NO_OBJECTS.get(lang)) }
            </section>
        };
    }
    html! {
        <section class="state-panel" aria-labelledby="objects-title" data-testid="objects">
            <h3 class="state-panel__title" id="objects-title">{ play::OBJECTS.get(lang) }</h3>
            <div class="objs">
                { for frame.objects.iter().filter_map(|&i| s.objects.get(i)).map(|o| html! {
                    <div class="objs__item" key={o.id} data-changed={flag(frame.changed.object == Some(o.id))}>
                        { object_widget(o, lang) }
                    </div>
                }) }
                { for nils.iter().map(|(name, ty)| nil_channel_widget(name.clone(), ty.clone(), lang)) }
                if has_timers {
                    { timers_widget(&s.timers, s.now_ns, lang) }
                }
                if has_net {
                    { net_widget(&s.net, lang) }
                }
            </div>
            if frame.more_objects > 0 {
                { text_el("p", "obj__empty", crate::i18n::objects::more(lang, frame.more_objects)) }
            }
        </section>
    }
}

fn console(s: &Snapshot, frame: &Frame, lang: Language) -> Html {
    let part = |text: &str, class: &'static str, testid: &'static str| {
        let (head, skipped, tail) = output_excerpt(text);
        classed(
            class,
            html! {
                <span class="_" data-testid={testid}>
                    { head.to_string() }
                    if skipped > 0 {
                        { text_el("span", "console__skipped", play::lines_skipped(lang, skipped)) }
                        { tail.to_string() }
                    }
                </span>
            },
        )
    };
    html! {
        <section class="state-panel" aria-labelledby="output-title">
            <h3 class="state-panel__title" id="output-title">{ play::OUTPUT.get(lang) }</h3>
            <pre class="console" data-testid="console" tabindex="0" role="region" aria-label={play::OUTPUT_LABEL.get(lang)}
                data-changed={flag(frame.changed.output)}>
                { part(&s.stdout, "console__out", "stdout") }
                { part(&s.stderr, "console__err", "stderr") }
            </pre>
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_map_to_commands_only_away_from_controls() {
        assert_eq!(key_command("ArrowRight", false, false), Some(Cmd::Step));
        assert_eq!(key_command(" ", false, false), Some(Cmd::ToggleRun));
        assert_eq!(key_command("3", false, false), Some(Cmd::PickIndex(3)));
        for unhandled in ["0", "10", "a", "Enter"] {
            assert_eq!(key_command(unhandled, false, false), None, "{unhandled}");
        }
        // A focused button takes Space itself; no shortcut acts.
        for key in [" ", "ArrowRight", "ArrowLeft", "1", "?"] {
            assert_eq!(key_command(key, true, false), None, "{key}");
        }
        // Escape closes the help from anywhere, and only when it is open.
        assert_eq!(key_command("Escape", true, true), Some(Cmd::CloseHelp));
        assert_eq!(key_command("Escape", false, false), None);
        // With the help open, keys do not step behind it.
        assert_eq!(key_command("ArrowRight", false, true), None);
    }
}
