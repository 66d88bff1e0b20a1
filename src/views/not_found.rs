//! The page for a URL fragment that names no case.

use yew::prelude::*;

use crate::i18n::{site, Language};
use crate::markup::plain_el;

pub fn not_found(lang: Language) -> Html {
    html! {
        <main class="page page--not-found" data-testid="not-found">
            <h1 tabindex="-1">{ site::NOT_FOUND_TITLE.get(lang) }</h1>
            { plain_el("p", site::NOT_FOUND_BODY.get(lang)) }
            <p><a class="button" href="#/">{ site::ALL_CASES.get(lang) }</a></p>
        </main>
    }
}
