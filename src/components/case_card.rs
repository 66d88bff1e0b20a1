//! One gallery card: number, title, one-line summary and outcome badge,
//! linking to the case's page.

use yew::prelude::*;

use crate::cases::Case;
use crate::components::OutcomeBadge;
use crate::hooks::use_settings;
use crate::route::Route;

#[derive(Properties, PartialEq)]
pub struct CaseCardProps {
    pub case: &'static Case,
}

#[function_component]
pub fn CaseCard(props: &CaseCardProps) -> Html {
    let lang = use_settings().language;
    let case = props.case;
    let href = Route::Case(case.slug.to_string()).to_hash();
    html! {
        <a class="case-card" href={href} data-testid="case-card" data-slug={case.slug}>
            <div class="case-card__top">
                <span class="case-card__number">
                    { case.number_label().unwrap_or_else(|| "—".to_string()) }
                </span>
                <OutcomeBadge outcome={case.outcome} />
            </div>
            <h3 class="case-card__title">{ case.title.get(lang) }</h3>
            <p class="case-card__summary">{ case.summary.get(lang) }</p>
        </a>
    }
}
