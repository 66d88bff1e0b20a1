//! The page footer: the privacy note and the one link to the live netpoller page, a static
//! page beside the app (static/live.html) that must stay out of the wasm. The link carries no
//! language: that page picks it as the app does (stored settings, else the browser's).

use yew::prelude::*;

use crate::i18n::{site, Language};
use crate::markup::plain_el;

pub fn footer(lang: Language) -> Html {
    html! {
        <footer class="site-footer">
            { plain_el("p", site::FOOTER.get(lang)) }
            <p>
                <a href="live.html" data-testid="nav-live">{ site::LIVE_NETPOLLER.get(lang) }</a>
            </p>
        </footer>
    }
}
