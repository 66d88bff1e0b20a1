//! The playground's panels around the run: the verdict banner (saying
//! which budget stopped a run, and offering to raise it), the notice after
//! an action, the explore panel with its outcomes (marked stale when the
//! program on screen is not the one explored), and the keyboard help.
//!
//! Plain functions from model values to HTML, like the widgets; they call
//! back with `Cmd`s and decide nothing.

use gosim::explore::Outcome;
use gosim::snapshot::{Budget, OutcomeClass, Snapshot};
use yew::prelude::*;

use crate::i18n::{self, explore, help, Language};
use crate::markup::{button, classed, flag, plain_el, send, text_el};
use crate::playground::controller::Cap;
use crate::playground::model::{Cmd, ExploreRun, Limit, Notice, PlayModel};
use crate::playground::num::{fmt_bytes, fmt_count};
use crate::playground::share::go_key;

/// The verdict on the run shown in `s`: how it ended, or which limit
/// stopped it at `position` (and, when the page can, a button to raise it).
pub fn verdict(
    s: &Snapshot,
    capped: Option<Cap>,
    position: usize,
    raise: Option<Limit>,
    lang: Language,
    dispatch: &Callback<Cmd>,
) -> Html {
    let ending = s.ending.as_ref();
    let exit = |code: Option<i32>| code.map(|c| format!("exit status {c}")).unwrap_or_default();
    let (class, budget, title, detail): (&'static str, &'static str, String, String) =
        match (capped, ending) {
            (Some(cap), _) => (
                "budget",
                if cap == Cap::Memory {
                    "page-memory"
                } else {
                    "page-steps"
                },
                i18n::verdict::PAGE_LIMIT.get(lang).to_string(),
                i18n::verdict::page_cap(lang, cap == Cap::Memory, position),
            ),
            (None, Some(e)) if e.class == OutcomeClass::BudgetExhausted => {
                let which = e.budget.unwrap_or(Budget::Steps);
                let busy = e.message.contains("busy loop");
                (
                    "budget",
                    match which {
                        Budget::Steps => "steps",
                        Budget::Memory => "memory",
                        Budget::Goroutines => "goroutines",
                        Budget::Output => "output",
                    },
                    i18n::verdict::budget_title(which).get(lang).to_string(),
                    i18n::verdict::budget_detail(
                        lang,
                        which,
                        &fmt_count(s.instructions),
                        position,
                        busy,
                    ),
                )
            }
            (None, Some(e)) => {
                let title = match e.class {
                    OutcomeClass::Deadlock => {
                        "fatal error: all goroutines are asleep - deadlock!".to_string()
                    }
                    OutcomeClass::LeakedGoroutines => i18n::verdict::leaked(lang, e.leaked.len()),
                    OutcomeClass::MemoryLeak => {
                        let bytes: u64 = e.retained.iter().map(|r| r.bytes).sum();
                        i18n::verdict::memory_leak(lang, &fmt_bytes(bytes))
                    }
                    OutcomeClass::Finished => i18n::verdict::FINISHED.get(lang).to_string(),
                    _ => e.message.clone(),
                };
                (e.class.as_str(), "", title, exit(e.exit_code))
            }
            (None, None) => return html! {},
        };
    classed(
        format!("verdict verdict--{class}"),
        html! {
            <div class="_" role="status" data-testid="verdict" data-class={class} data-budget={budget}>
                { text_el("strong", "verdict__title", title) }
                if !detail.is_empty() {
                    { text_el("span", "verdict__detail", detail) }
                }
                if let Some(limit) = raise {
                    { button("btn btn--small", Some("raise-limit"), None, false,
                        i18n::verdict::raise(lang, limit_text(lang, limit)).into(), send(dispatch, Cmd::RaiseLimit)) }
                }
                if let Some(e) = ending {
                    if !e.leaked.is_empty() {
                        <ul class="verdict__leaks">
                            { for e.leaked.iter().take(20).map(|l| html! {
                                <li>{ i18n::verdict::leak_line(lang, l.g, l.wait_reason.as_deref().unwrap_or("runnable"), l.created_line) }</li>
                            }) }
                            if e.leaked.len() > 20 {
                                { text_el("li", "obj__empty", i18n::objects::more(lang, e.leaked.len() - 20)) }
                            }
                        </ul>
                    }
                    if !e.retained.is_empty() {
                        <ul class="verdict__leaks" data-testid="retained">
                            { for e.retained.iter().map(|r| html! {
                                <li>{ i18n::verdict::retained_line(lang, r.name.as_deref().unwrap_or("sync.Map"), r.keys, &fmt_bytes(r.bytes)) }</li>
                            }) }
                        </ul>
                    }
                }
            </div>
        },
    )
}

/// The new value of a raised limit, in words.
fn limit_text(lang: Language, limit: Limit) -> String {
    match limit {
        Limit::Instructions(n) => i18n::verdict::instructions(lang, &fmt_count(n)),
        Limit::Positions(n) => i18n::verdict::steps(lang, &fmt_count(n as u64)),
        Limit::CheckpointMemory(n) => i18n::verdict::copies(lang, &fmt_count(n)),
        Limit::Memory(n) => i18n::verdict::memory(lang, &fmt_bytes(n)),
    }
}

/// What the page says after an action, with a button to close it.
pub fn notice(n: &Notice, lang: Language, dispatch: &Callback<Cmd>) -> Html {
    let (kind, text) = match n {
        Notice::Loaded {
            number,
            class,
            steps,
            switches,
            by_scheduling_point_now,
        } => (
            "loaded",
            explore::loaded(
                lang,
                *number,
                explore::outcome(*class).get(lang),
                *steps,
                *switches,
                *by_scheduling_point_now,
            ),
        ),
        Notice::StaleOutcome => ("stale", explore::STALE_LOAD.get(lang).to_string()),
        Notice::Raised(limit) => (
            "raised",
            i18n::verdict::raised(lang, limit_text(lang, *limit)),
        ),
    };
    html! {
        <div class="notice notice--info" role="status" data-testid="notice" data-kind={kind}>
            { plain_el("span", text) }
            { button("btn btn--small notice__close", Some("dismiss-notice"), None, false,
                i18n::play::DISMISS.get(lang).into(), send(dispatch, Cmd::DismissNotice)) }
        </div>
    }
}

pub fn explore_panel(m: &PlayModel, lang: Language, dispatch: &Callback<Cmd>) -> Html {
    let run = m.explore.as_ref();
    let running = m.exploring();
    let stale = m.explore_stale();
    // When the search is done: the report, whose schedules are minimized and
    // can be loaded. While it runs: the outcomes found so far.
    let (summary, outcomes, done): (Option<String>, Vec<&Outcome>, bool) = match (
        run.and_then(|r| r.report.as_ref()),
        run.and_then(ExploreRun::progress),
    ) {
        (Some(report), _) => (
            Some(explore::summary(
                lang,
                report.schedules,
                report.states,
                report.complete,
            )),
            report.outcomes.iter().collect(),
            true,
        ),
        (None, Some((schedules, states, found))) => {
            (Some(explore::so_far(lang, schedules, states)), found, false)
        }
        _ => (None, Vec::new(), false),
    };
    html! {
        <section class="panel explore" data-testid="explore" aria-labelledby="explore-title"
            data-stale={flag(stale)}>
            <h2 class="panel__title" id="explore-title">{ explore::TITLE.get(lang) }</h2>
            { text_el("p", "explore__intro", explore::INTRO.get(lang)) }
            <div class="btn-group">
                if running {
                    { button("btn", Some("explore-stop"), None, false, explore::STOP.get(lang).into(), send(dispatch, Cmd::ExploreStop)) }
                    <span class="explore__progress" role="status">{ explore::progress(lang, run.map_or(0, |r| r.slices)) }</span>
                } else {
                    { button("btn btn--primary", Some("explore-start"), None, false,
                        if stale { explore::AGAIN.get(lang) } else { explore::START.get(lang) }.into(), send(dispatch, Cmd::ExploreStart)) }
                }
            </div>
            if let Some(err) = run.and_then(|r| r.error.as_ref()) {
                { text_el("pre", "console console--error", err.render()) }
            }
            if stale {
                <p class="notice notice--warn" data-testid="explore-stale">
                    { explore::stale(lang, run.map_or(String::new(), |r| go_key(r.go()))) }
                </p>
            }
            if let Some(summary) = summary {
                <p class="explore__summary" data-testid={if done { "explore-summary" } else { "explore-live" }}>{ summary }</p>
                <ol class="outcomes" data-stale={flag(stale)}>
                    { for outcomes.iter().enumerate().map(|(i, o)| {
                        let (class, badge) = outcome_names(o.class);
                        html! {
                            <li class="outcome" data-testid="outcome" data-class={class}>
                                { text_el("span", badge, explore::outcome(o.class).get(lang)) }
                                if o.count > 0 {
                                    { text_el("span", "outcome__count", explore::reached_by(lang, o.count)) }
                                }
                                if let Some(code) = o.exit_code { { text_el("span", "outcome__exit", format!("exit status {code}")) } }
                                { text_el("code", "outcome__stdout", o.stdout.lines().take(4).collect::<Vec<_>>().join(" ⏎ ")) }
                                if !o.stderr_head.is_empty() {
                                    { text_el("code", "outcome__stderr", o.stderr_head.lines().next().unwrap_or("").to_string()) }
                                }
                                if done {
                                    <span class="outcome__sched" title={explore::SCHEDULE.get(lang)}>{ explore::switches(lang, o.switches) }</span>
                                    { button("btn btn--small", Some("load-outcome"), None, stale, explore::LOAD.get(lang).into(), send(dispatch, Cmd::LoadOutcome(i))) }
                                }
                            </li>
                        }
                    }) }
                </ol>
            }
        </section>
    }
}

/// An outcome class's `data-class` (as gosim spells the variant; tests read
/// it) and its badge classes; a table rather than `Debug` formatting (wasm
/// size). The badge's words are `i18n::explore::outcome`.
fn outcome_names(class: OutcomeClass) -> (&'static str, &'static str) {
    match class {
        OutcomeClass::Finished => ("Finished", "badge badge--ok"),
        OutcomeClass::LeakedGoroutines => ("LeakedGoroutines", "badge badge--leak"),
        OutcomeClass::MemoryLeak => ("MemoryLeak", "badge badge--memory-leak"),
        OutcomeClass::Deadlock => ("Deadlock", "badge badge--deadlock"),
        OutcomeClass::Panic => ("Panic", "badge badge--panic"),
        OutcomeClass::FatalError => ("FatalError", "badge badge--panic"),
        OutcomeClass::BudgetExhausted => ("BudgetExhausted", "badge badge--endless-loop"),
        OutcomeClass::IoWait => ("IoWait", "badge badge--leak"),
    }
}

/// The keyboard help, a modal dialog: the page moves focus to its close
/// button when it opens and back to the help button when it closes.
pub fn help_overlay(lang: Language, dispatch: &Callback<Cmd>) -> Html {
    html! {
        <div class="overlay" data-testid="help-overlay">
            <div class="overlay__backdrop" onclick={send::<MouseEvent, _>(dispatch, Cmd::CloseHelp)}></div>
            <div class="overlay__box" role="dialog" aria-modal="true" aria-labelledby="help-title">
                <h2 id="help-title" class="overlay__title">{ help::TITLE.get(lang) }</h2>
                <dl class="shortcuts">
                    { for help::ROWS.iter().map(|(key, does)| html! {
                        <>
                            <dt><kbd>{ key.get(lang) }</kbd></dt>
                            { plain_el("dd", does.get(lang)) }
                        </>
                    }) }
                </dl>
                { text_el("p", "overlay__note", help::FOCUS_NOTE.get(lang)) }
                { button("btn", Some("help-close"), None, false, help::CLOSE.get(lang).into(), send(dispatch, Cmd::CloseHelp)) }
            </div>
        </div>
    }
}
