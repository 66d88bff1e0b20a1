//! The page for a URL fragment that names no case.

use yew::prelude::*;

use crate::i18n::{self, Language};
use crate::markup::plain_el;

pub fn not_found(lang: Language) -> Html {
    html! {
        <main class="page page--not-found" data-testid="not-found">
            { plain_el("h1", i18n::NOT_FOUND_TITLE.get(lang)) }
            { plain_el("p", i18n::NOT_FOUND_BODY.get(lang)) }
            <p><a class="button" href="#/">{ i18n::ALL_CASES.get(lang) }</a></p>
        </main>
    }
}
