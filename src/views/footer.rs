//! The page footer: the privacy note and the one link to the live netpoller page, a static
//! page beside the app (static/live.html) that must stay out of the wasm.

use yew::prelude::*;

use crate::i18n::{site, Language};
use crate::markup::plain_el;

pub fn footer(lang: Language) -> Html {
    html! {
        <footer class="site-footer">
            { plain_el("p", site::FOOTER.get(lang)) }
            <p>
                <a href={live_href(lang)} data-testid="nav-live">{ site::LIVE_NETPOLLER.get(lang) }</a>
            </p>
        </footer>
    }
}

/// The live page reads the app's stored language too, but a visitor who never switched has
/// none stored, so the link says which one the app is showing.
fn live_href(lang: Language) -> &'static str {
    match lang {
        Language::En => "live.html?lang=en",
        Language::Zh => "live.html?lang=zh",
    }
}
