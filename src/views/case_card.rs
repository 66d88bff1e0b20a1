//! One gallery card: number, title, one-line summary and outcome badge,
//! linking to the case's page.

use yew::prelude::*;

use crate::cases::Case;
use crate::i18n::Language;
use crate::markup::text_el;
use crate::route::Route;
use crate::views::outcome_badge;

pub fn case_card(case: &'static Case, lang: Language) -> Html {
    let href = Route::Case(case.slug.to_string()).to_hash();
    html! {
        <a class="case-card" href={href} data-testid="case-card" data-slug={case.slug}>
            <div class="case-card__top">
                <span class="case-card__number">
                    { case.number_label().unwrap_or_else(|| "—".to_string()) }
                </span>
                { outcome_badge(case.outcome, lang) }
            </div>
            { text_el("h3", "case-card__title", case.title.get(lang)) }
            { text_el("p", "case-card__summary", case.summary.get(lang)) }
        </a>
    }
}
