//! One case's page: the program, the questions from the talk, and (behind
//! disclosure widgets, as in the talk) what goes wrong and how to fix it.
//!
//! Runnable cases get the playground (listing, stepping, widgets); the
//! playground module is the only place that talks to `gosim`. Listings the
//! simulator cannot run are shown as plain code with a note. While a case's
//! content is being fetched (browser build) the page shows its header and a
//! placeholder; if the fetch fails, the header and the reason.

use yew::prelude::*;

use crate::cases::Case;
use crate::content::ContentError;
use crate::i18n::{case_page, play, Language, Text};
/// Backticked spans as `<code>` (kept here for the pages that import it
/// from the case page).
pub use crate::markup::inline_code;
use crate::markup::{plain_el, text_el};
use crate::platform;
use crate::playground::Playground;
use crate::views::outcome_badge;

/// The page of a case whose content is still on its way.
pub fn case_loading(meta: &'static Case, lang: Language) -> Html {
    page(
        meta,
        lang,
        html! {
            <div class="panel placeholder" data-testid="case-loading" role="status">
                <p>{ case_page::LOADING.get(lang) }</p>
            </div>
        },
    )
}

/// The page of a case whose content could not be loaded.
pub fn case_failed(meta: &'static Case, lang: Language, error: &ContentError) -> Html {
    page(
        meta,
        lang,
        html! {
            <div class="panel placeholder" data-testid="case-error" role="alert">
                <p>{ error.message(lang) }</p>
            </div>
        },
    )
}

/// `visit` counts arrivals at the address: a new visit (a share link opened
/// on this page) remounts the playground.
pub fn case_view(case: &'static Case, lang: Language, visit: u32) -> Html {
    page(case, lang, body(case, lang, visit))
}

/// The page frame: breadcrumb and header (gallery metadata, always compiled
/// in) above `body`.
fn page(case: &'static Case, lang: Language, body: Html) -> Html {
    html! {
        <main class="page page--case" data-testid="case-view" data-slug={case.slug}>
            <nav class="breadcrumb">
                <a href="#/" class="breadcrumb__back">{ case_page::BACK_TO_CASES.get(lang) }</a>
            </nav>
            <header class="case-header">
                <div class="case-header__meta">
                    if let Some(number) = case.number_label() {
                        { text_el("span", "case-header__number", number) }
                    }
                    { text_el("span", "chip", case.section.name().get(lang)) }
                    { outcome_badge(case.outcome, lang) }
                    if let Some(go) = case.go {
                        { text_el("span", "chip chip--muted", format!("{} {go}", case_page::GO_VERSION.get(lang))) }
                    }
                </div>
                <h1 class="case-header__title" tabindex="-1">{ case.title.get(lang) }</h1>
                { text_el("p", "case-header__summary", case.summary.get(lang)) }
            </header>
            { body }
        </main>
    }
}

/// The program (or playground), questions, explanation and fixes.
fn body(case: &'static Case, lang: Language, visit: u32) -> Html {
    html! {
        <>
            if case.runnable {
                <Playground key={format!("{}#{visit}", case.slug)} {case} query={platform::current_query()} />
            } else {
                <div class="case-layout">
                    <section class="panel panel--code">
                        { text_el("h2", "panel__title", case_page::THE_PROGRAM.get(lang)) }
                        <pre class="code">{ plain_el("code", case.source.trim_end()) }</pre>
                    </section>
                    <section class="panel panel--playground" data-testid="playground">
                        { text_el("h2", "panel__title", play::PLAYGROUND.get(lang)) }
                        <div class="placeholder">
                            { plain_el("p", case_page::NOT_RUNNABLE.get(lang)) }
                        </div>
                    </section>
                </div>
            }
            if !case.questions.is_empty() {
                <section class="panel">
                    { text_el("h2", "panel__title", case_page::QUESTIONS.get(lang)) }
                    <ol class="questions">
                        { for case.questions.iter().map(|q| plain_el("li", q.get(lang))) }
                    </ol>
                </section>
            }
            if !case.explanation.en.is_empty() {
                <details class="panel disclosure">
                    { text_el("summary", "panel__title", case_page::WHAT_HAPPENS.get(lang)) }
                    { paragraphs(case.explanation, lang) }
                </details>
            }
            if !case.fixes.is_empty() {
                <details class="panel disclosure">
                    { text_el("summary", "panel__title", case_page::FIXES.get(lang)) }
                    { for case.fixes.iter().map(|fix| html! {
                        <div class="fix">
                            { text_el("h3", "fix__title", fix.title.get(lang)) }
                            <pre class="code">{ plain_el("code", fix.source.trim_end()) }</pre>
                        </div>
                    }) }
                </details>
            }
        </>
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
