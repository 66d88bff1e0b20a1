//! The page footer.

use yew::prelude::*;

use crate::i18n::{site, Language};
use crate::markup::plain_el;

pub fn footer(lang: Language) -> Html {
    html! {
        <footer class="site-footer">
            { plain_el("p", site::FOOTER.get(lang)) }
        </footer>
    }
}
