//! The widget's page (`#/embed/<slug>` and `#/embed?code=…`, and `#/play`,
//! the full player for a program of the reader's own): the player
//! in its compact layout, alone in the frame, or a clear message in the
//! widget's box when there is no program, the case does not exist or its
//! content cannot be fetched (the player itself says when the inline code
//! is damaged or does not compile).
//!
//! It adds no copy of the player: it mounts the same `Playground` with its
//! `embed` flag. It must not read or write storage or anything of the host
//! page (the frame may run under `sandbox="allow-scripts"` alone); sizing
//! the frame is `static/frame.js`'s job.

use yew::prelude::*;

use crate::cases::{self, Case};
use crate::content::{self, ContentError};
use crate::i18n::{case_page, embed as t, Language};
use crate::markup::plain_el;
use crate::playground::embed::{has_code, parse_options, SCRATCH};
use crate::playground::Playground;

/// Whether the program's library (gosim's Go packages) and, for a case,
/// its content have arrived; the app fetches them.
pub enum Loaded<'a> {
    Yes,
    Waiting,
    Failed(&'a ContentError),
}

/// The widget for `name` (a case slug, or `None` for inline code) and the
/// frame's `query`; with `framed` false, the full player for a program of
/// the reader's own (`#/play`). `visit` keys the player, so a new address
/// (a new link, an element's changed attributes) starts it afresh.
pub fn embed_page(
    cases: &'static [Case],
    name: Option<&str>,
    query: &str,
    loaded: Loaded,
    lang: Language,
    framed: bool,
    visit: u32,
) -> Html {
    let options = parse_options(query);
    let case = match name {
        Some(name) => match cases::find(cases, name) {
            Some(meta) => meta,
            None => return message(&t::no_case(lang, name)),
        },
        None if !has_code(&options) => return message(t::NO_PROGRAM.get(lang)),
        None => &SCRATCH,
    };
    if !case.runnable {
        return message(case_page::NOT_RUNNABLE.get(lang));
    }
    match loaded {
        Loaded::Failed(error) => message(&error.message(lang)),
        Loaded::Waiting => frame(html! {
            <div class="placeholder" data-testid="embed-loading" role="status">
                { plain_el("p", case_page::LOADING.get(lang)) }
            </div>
        }),
        Loaded::Yes => {
            let case = content::resolve(case).unwrap_or(case);
            let embed = framed.then_some(options.controls);
            frame(html! {
                <Playground key={visit} {case} query={options.share} {embed} />
            })
        }
    }
}

/// Why the widget shows no program, in its box.
fn message(text: &str) -> Html {
    frame(html! {
        <div class="notice notice--error" role="alert" data-testid="embed-error">
            { plain_el("p", text.to_string()) }
        </div>
    })
}

fn frame(body: Html) -> Html {
    html! {
        <main class="embed" data-testid="embed">{ body }</main>
    }
}
