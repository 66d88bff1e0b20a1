//! A coloured badge naming what a case's program does (deadlock, leak, ...).

use yew::prelude::*;

use crate::cases::Outcome;
use crate::hooks::use_settings;

#[derive(Properties, PartialEq)]
pub struct OutcomeBadgeProps {
    pub outcome: Outcome,
}

#[function_component]
pub fn OutcomeBadge(props: &OutcomeBadgeProps) -> Html {
    let lang = use_settings().language;
    let key = props.outcome.key();
    html! {
        <span class={classes!("badge", format!("badge--{key}"))} data-outcome={key}>
            <span class="badge__dot" aria-hidden="true"></span>
            { props.outcome.label().get(lang) }
        </span>
    }
}
