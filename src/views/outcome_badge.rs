//! A coloured badge naming what a case's program does (deadlock, leak, ...).

use yew::prelude::*;

use crate::cases::Outcome;
use crate::i18n::Language;
use crate::markup::classed;

pub fn outcome_badge(outcome: Outcome, lang: Language) -> Html {
    let key = outcome.key();
    classed(
        format!("badge badge--{key}"),
        html! {
            <span class="_" data-outcome={key}>
                <span class="badge__dot" aria-hidden="true"></span>
                { outcome.label().get(lang) }
            </span>
        },
    )
}
