//! The playground's panels around the run: the verdict banner, the explore
//! panel with its outcomes, and the keyboard help.
//!
//! Plain functions from model values to HTML, like the widgets; they call
//! back with `Cmd`s and decide nothing.

use gosim::explore::Outcome;
use gosim::snapshot::{OutcomeClass, Snapshot};
use yew::prelude::*;

use crate::i18n::{self, explore, help, Language};
use crate::markup::{button, classed, plain_el, send, text_el};
use crate::playground::controller::Cap;
use crate::playground::model::{Cmd, ExploreRun, PlayModel};

/// The verdict on the run shown in `s`: how it ended, or which cap stopped
/// it at `position`.
pub fn verdict(s: &Snapshot, capped: Option<Cap>, position: usize, lang: Language) -> Html {
    let ending = s.ending.as_ref();
    let (class, title, detail): (String, String, String) = match ending {
        Some(e) if e.class != OutcomeClass::BudgetExhausted => {
            let title = match e.class {
                OutcomeClass::Deadlock => {
                    "fatal error: all goroutines are asleep - deadlock!".to_string()
                }
                OutcomeClass::LeakedGoroutines => i18n::verdict::leaked(lang, e.leaked.len()),
                OutcomeClass::Finished => i18n::verdict::FINISHED.get(lang).to_string(),
                _ => e.message.clone(),
            };
            let status = e
                .exit_code
                .map(|c| format!("exit status {c}"))
                .unwrap_or_default();
            (e.class.as_str().to_string(), title, status)
        }
        _ => {
            let message = match ending {
                Some(e) => i18n::verdict::budget(lang, e.budget, s.instructions, &e.message),
                None => i18n::verdict::page_cap(lang, capped == Some(Cap::Memory), position),
            };
            (
                "budget".into(),
                i18n::verdict::BUDGET.get(lang).to_string(),
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
                                <li>{ i18n::verdict::leak_line(lang, l.g, l.wait_reason.as_deref().unwrap_or("runnable"), l.created_line) }</li>
                            }) }
                        </ul>
                    }
                }
            </div>
        },
    )
}

pub fn explore_panel(m: &PlayModel, lang: Language, dispatch: &Callback<Cmd>) -> Html {
    let run = m.explore.as_ref();
    let running = m.exploring();
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
        <section class="panel explore" data-testid="explore">
            { text_el("h3", "panel__title", explore::TITLE.get(lang)) }
            { text_el("p", "explore__intro", explore::INTRO.get(lang)) }
            <div class="btn-group">
                if running {
                    { button("btn", Some("explore-stop"), None, false, explore::STOP.get(lang).into(), send(dispatch, Cmd::ExploreStop)) }
                    <span class="explore__progress" role="status">{ explore::progress(lang, run.map_or(0, |r| r.slices)) }</span>
                } else {
                    { button("btn btn--primary", Some("explore-start"), None, false, explore::START.get(lang).into(), send(dispatch, Cmd::ExploreStart)) }
                }
            </div>
            if let Some(err) = run.and_then(|r| r.error.as_ref()) {
                { text_el("pre", "console console--error", err.render()) }
            }
            if let Some(summary) = summary {
                <p class="explore__summary" data-testid={if done { "explore-summary" } else { "explore-live" }}>{ summary }</p>
                <ol class="outcomes">
                    { for outcomes.iter().enumerate().map(|(i, o)| {
                        let (class, badge) = outcome_names(o.class);
                        html! {
                            <li class="outcome" data-testid="outcome" data-class={class}>
                                { text_el("span", badge, explore::outcome(o.class).get(lang)) }
                                { text_el("span", "outcome__count", format!("× {}", o.count)) }
                                if let Some(code) = o.exit_code { { text_el("span", "outcome__exit", format!("{} {code}", explore::EXIT.get(lang))) } }
                                { text_el("code", "outcome__stdout", o.stdout.lines().take(4).collect::<Vec<_>>().join(" ⏎ ")) }
                                if !o.stderr_head.is_empty() {
                                    { text_el("code", "outcome__stderr", o.stderr_head.lines().next().unwrap_or("").to_string()) }
                                }
                                if done {
                                    <span class="outcome__sched" title={explore::SCHEDULE.get(lang)}>{ explore::switches(lang, o.switches) }</span>
                                    { button("btn btn--small", Some("load-outcome"), None, false, explore::LOAD.get(lang).into(), send(dispatch, Cmd::LoadOutcome(i))) }
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
        OutcomeClass::Deadlock => ("Deadlock", "badge badge--deadlock"),
        OutcomeClass::Panic => ("Panic", "badge badge--panic"),
        OutcomeClass::FatalError => ("FatalError", "badge badge--panic"),
        OutcomeClass::BudgetExhausted => ("BudgetExhausted", "badge badge--endless-loop"),
    }
}

pub fn help_overlay(lang: Language, dispatch: &Callback<Cmd>) -> Html {
    html! {
        <div class="overlay" role="dialog" aria-modal="true" aria-label={help::TITLE.get(lang)} data-testid="help-overlay"
            onclick={send::<MouseEvent, _>(dispatch, Cmd::CloseHelp)}>
            <div class="overlay__box">
                { plain_el("h3", help::TITLE.get(lang)) }
                <dl class="shortcuts">
                    { for help::ROWS.iter().map(|(key, does)| html! {
                        <>
                            <dt><kbd>{ key.get(lang) }</kbd></dt>
                            { plain_el("dd", does.get(lang)) }
                        </>
                    }) }
                </dl>
            </div>
        </div>
    }
}
