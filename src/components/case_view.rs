//! One case's page: the program, the questions from the talk, and (behind
//! disclosure widgets, as in the talk) what goes wrong and how to fix it.
//!
//! Runnable cases get the playground (listing, stepping, widgets); the
//! playground module is the only place that talks to `gosim`. Listings the
//! simulator cannot run are shown as plain code with a note.

use yew::prelude::*;

use crate::cases::{Case, Text};
use crate::components::outcome_badge;
use crate::i18n::{self, Language};
use crate::platform;
use crate::playground::Playground;

/// `visit` counts arrivals at the address: a new visit (a share link opened
/// on this page) remounts the playground.
pub fn case_view(case: &'static Case, lang: Language, visit: u32) -> Html {
    html! {
        <main class="page page--case" data-testid="case-view" data-slug={case.slug}>
            <nav class="breadcrumb">
                <a href="#/" class="breadcrumb__back">{ i18n::BACK_TO_CASES.get(lang) }</a>
            </nav>
            <header class="case-header">
                <div class="case-header__meta">
                    if let Some(number) = case.number_label() {
                        <span class="case-header__number">{ number }</span>
                    }
                    <span class="chip">{ case.section.name().get(lang) }</span>
                    { outcome_badge(case.outcome, lang) }
                    if let Some(go) = case.go {
                        <span class="chip chip--muted">{ format!("{} {go}", i18n::GO_VERSION.get(lang)) }</span>
                    }
                </div>
                <h1 class="case-header__title">{ case.title.get(lang) }</h1>
                <p class="case-header__summary">{ case.summary.get(lang) }</p>
            </header>
            if case.runnable {
                <Playground key={format!("{}#{visit}", case.slug)} {case} query={platform::current_query()} />
            } else {
                <div class="case-layout">
                    <section class="panel panel--code">
                        <h2 class="panel__title">{ i18n::THE_PROGRAM.get(lang) }</h2>
                        <pre class="code"><code>{ case.source.trim_end() }</code></pre>
                    </section>
                    <section class="panel panel--playground" data-testid="playground">
                        <h2 class="panel__title">{ i18n::PLAYGROUND.get(lang) }</h2>
                        <div class="placeholder">
                            <p>{ i18n::NOT_RUNNABLE.get(lang) }</p>
                        </div>
                    </section>
                </div>
            }
            if !case.questions.is_empty() {
                <section class="panel">
                    <h2 class="panel__title">{ i18n::QUESTIONS.get(lang) }</h2>
                    <ol class="questions">
                        { for case.questions.iter().map(|q| html! { <li>{ q.get(lang) }</li> }) }
                    </ol>
                </section>
            }
            if !case.explanation.en.is_empty() {
                <details class="panel disclosure">
                    <summary class="panel__title">{ i18n::WHAT_HAPPENS.get(lang) }</summary>
                    { paragraphs(case.explanation, lang) }
                </details>
            }
            if !case.fixes.is_empty() {
                <details class="panel disclosure">
                    <summary class="panel__title">{ i18n::FIXES.get(lang) }</summary>
                    { for case.fixes.iter().map(|fix| html! {
                        <div class="fix">
                            <h3 class="fix__title">{ fix.title.get(lang) }</h3>
                            <pre class="code"><code>{ fix.source.trim_end() }</code></pre>
                        </div>
                    }) }
                </details>
            }
        </main>
    }
}

/// Blank-line-separated text as paragraphs.
fn paragraphs(text: Text, lang: Language) -> Html {
    text.get(lang)
        .split("\n\n")
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .map(|p| html! { <p>{ inline_code(p) }</p> })
        .collect()
}

/// Renders `backticked` spans as `<code>`; everything else stays plain text
/// (so case text can never inject markup). An unpaired backtick stays literal.
pub fn inline_code(text: &str) -> Html {
    let parts: Vec<&str> = text.split('`').collect();
    if parts.len() % 2 == 0 {
        return html! { { text } };
    }
    parts
        .iter()
        .enumerate()
        .map(|(i, part)| {
            if i % 2 == 1 {
                html! { <code>{ *part }</code> }
            } else {
                html! { { *part } }
            }
        })
        .collect()
}
