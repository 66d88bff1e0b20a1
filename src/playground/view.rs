//! The playground component: wires `PlayModel` to the page. It renders
//! the toolbar, the listing (or the editor), the narration, goroutine
//! cards, object widgets, console, verdict, timeline, plot and the explore
//! panel, and it owns the effects: the run timer, the exploration timer,
//! keyboard shortcuts and writing the share link into the address bar.
//!
//! All decisions live in `PlayModel::apply`; this file only turns events
//! into `Cmd`s and the model into HTML.

use gosim::session::StepBy;
use gosim::snapshot::{ObjectView, Snapshot, TimerState};
use gosim::GoVersion;
use yew::prelude::*;

use crate::cases::Case;
use crate::hooks::use_settings;
use crate::i18n::{case_page, play, Language};
use crate::markup::{button, classed, flag, plain_el, send, text_el};
use crate::platform;
use crate::playground::model::{Cmd, Frame, Narration, PlayModel, Variant};
use crate::playground::narrate::narrate;
use crate::playground::num::fmt_ns;
use crate::playground::panels::{explore_panel, help_overlay, verdict};
use crate::playground::share::go_key;
use crate::playground::source_view::source_view;
use crate::playground::timeline::{resource_plot, timeline, TimelineData};
use crate::playground::widgets::{
    goroutine_card, nil_channel_widget, object_widget, timers_widget, CardState,
};

/// The Go releases the version switch offers: the loop-variable change
/// (1.21, 1.22), the timer change (1.23) and the current release.
const GO_CHOICES: [GoVersion; 4] = [
    GoVersion::GO1_21,
    GoVersion::GO1_22,
    GoVersion::GO1_23,
    GoVersion::CURRENT,
];

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
        use_effect_with((), move |_| {
            let listener = platform::on_key(move |key| {
                let cmd = key_command(key);
                let handled = cmd.is_some();
                if let Some(cmd) = cmd {
                    dispatch.emit(cmd);
                }
                handled
            });
            move || drop(listener)
        });
    }

    let mut m = model.borrow_mut();
    render(&mut m, lang, &dispatch)
}

/// The command for a key (`KeyboardEvent.key`); `platform::on_key` leaves
/// out presses with modifiers and typing in fields.
fn key_command(key: &str) -> Option<Cmd> {
    match key {
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

fn render(m: &mut PlayModel, lang: Language, dispatch: &Callback<Cmd>) -> Html {
    let frame = m.frame();
    let narration = match (frame.narration, &frame.snapshot) {
        (Narration::CompileErrors, _) => play::COMPILE_ERRORS_NARRATION.get(lang).to_string(),
        (Narration::Ready, _) => play::READY.get(lang).to_string(),
        (Narration::Step { ran }, Some(s)) => narrate(s, ran, lang),
        (Narration::Step { .. }, None) => String::new(),
    };
    html! {
        <section class="play" data-testid="playground" aria-label={play::PLAYGROUND.get(lang)}
            data-position={frame.position.to_string()} data-ended={flag(frame.ended)}>
            if let Some(err) = &m.link_error {
                <div class="notice notice--error" role="alert" data-testid="link-error">
                    { err.message(lang) }
                    { " " }{ play::LINK_FALLBACK.get(lang) }
                </div>
            }
            { toolbar(m, &frame, lang, dispatch) }
            if let Some(href) = m.share.as_ref().map(|f| platform::href_for(f)) {
                <div class="share">
                    <label>
                        { plain_el("span", play::SHARE_LINK.get(lang)) }
                        <input type="text" readonly=true value={href} data-testid="share-link" />
                    </label>
                </div>
            }
            { progress(&frame, lang, dispatch) }
            <p class="narration" aria-live="polite" data-testid="narration">{ narration }</p>
            if let Some(s) = &frame.snapshot {
                if s.ending.is_some() || frame.cap.is_some() {
                    { verdict(s, frame.cap, frame.position, lang) }
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
    html! {
        <div class="play__toolbar" role="toolbar" aria-label={play::RUN_CONTROLS.get(lang)}>
            <div class="btn-group">
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
            { select_field(play::SPEED.get(lang), "speed", speed_select,
                play::SPEED_NAMES.iter().enumerate().map(|(i, name)| option(i.to_string().into(), i == m.speed, name.get(lang))).collect()) }
            { select_field(case_page::GO_VERSION.get(lang), "go-version", go_select,
                GO_CHOICES.iter()
                    .map(|v| option(go_key(*v).into(), config.go == *v, v.label())).collect()) }
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
            <div class="btn-group">
                { button("btn", Some("share"), None, false, play::SHARE.get(lang).into(), click(Cmd::Share)) }
                <button type="button" class="btn" onclick={click(Cmd::ToggleHelp)} data-testid="help"
                    aria-expanded={flag(m.help)} title={play::HELP_TITLE.get(lang)}>{ "?" }</button>
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
                <span class="clock" title={play::VIRTUAL_TIME.get(lang)}>{ format!("t = {}", fmt_ns(s.now_ns)) }</span>
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
    html! {
        <div class="play__code panel--code">
            <div class="play__code-head">
                <div class="segmented" role="group" aria-label={play::WHICH_PROGRAM.get(lang)}>
                    { variant_button(Variant::Original, play::ORIGINAL.get(lang).into()) }
                    { for case.fixes.iter().enumerate().map(|(i, _)| variant_button(Variant::Fix(i), format!("{} {}", play::FIX.get(lang), i + 1).into())) }
                    if m.variant == Variant::Edited {
                        { text_el("span", "segmented__item is-active", play::EDITED.get(lang)) }
                    }
                </div>
                if !m.editing {
                    { button("btn btn--small", Some("edit"), None, false, play::EDIT.get(lang).into(), click(Cmd::Edit)) }
                }
            </div>
            if m.editing {
                <div class="editor">
                    <textarea class="editor__text" spellcheck="false" value={m.draft.clone()} oninput={draft_input}
                        data-testid="editor" aria-label={play::GO_SOURCE.get(lang)} rows="24" />
                    <div class="btn-group">
                        { button("btn btn--primary", Some("run-edited"), None, false, play::RUN.get(lang).into(), click(Cmd::RunDraft)) }
                        { button("btn", None, None, false, play::CANCEL.get(lang).into(), click(Cmd::CancelEdit)) }
                    </div>
                </div>
            } else {
                { source_view(&m.lines, &frame.markers, frame.next_line, errors) }
            }
            if !errors.is_empty() {
                <div class="compile-errors" role="alert" data-testid="compile-errors">
                    { plain_el("strong", play::COMPILE_ERRORS.get(lang)) }
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
        <section class="state-panel" aria-label={play::GOROUTINES_LABEL.get(lang)}>
            <h3 class="state-panel__title">{ format!("{} ({})", play::GOROUTINES.get(lang), ids.len()) }
                { text_el("span", "state-panel__hint", play::PICK_HINT.get(lang)) }
            </h3>
            <ul class="gcards">
                { for ids.iter().enumerate().filter_map(|(i, id)| {
                    let g = s.goroutines.iter().find(|g| g.id == *id)?;
                    let card = CardState { index: i + 1, runnable: frame.runnable.contains(id), next: frame.next_goroutine == Some(*id) };
                    Some(goroutine_card(g, card, lang, send(dispatch, Cmd::Pick(*id))))
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
        <section class="state-panel" aria-label={play::OBJECTS_LABEL.get(lang)}>
            { text_el("h3", "state-panel__title", play::OBJECTS.get(lang)) }
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
        <section class="state-panel" aria-label={play::OUTPUT_LABEL.get(lang)}>
            { text_el("h3", "state-panel__title", play::OUTPUT.get(lang)) }
            <pre class="console" data-testid="console">
                <span class="console__out" data-testid="stdout">{ s.stdout.clone() }</span>
                <span class="console__err" data-testid="stderr">{ s.stderr.clone() }</span>
            </pre>
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_map_to_commands() {
        assert_eq!(key_command("ArrowRight"), Some(Cmd::Step));
        assert_eq!(key_command(" "), Some(Cmd::ToggleRun));
        assert_eq!(key_command("3"), Some(Cmd::PickIndex(3)));
        for unhandled in ["0", "10", "a", "Enter"] {
            assert_eq!(key_command(unhandled), None, "{unhandled}");
        }
    }
}
