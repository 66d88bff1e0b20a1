//! The page footer.

use yew::prelude::*;

use crate::components::markup::plain_el;
use crate::i18n::{self, Language};

pub fn footer(lang: Language) -> Html {
    html! {
        <footer class="site-footer">
            { plain_el("p", i18n::FOOTER.get(lang)) }
        </footer>
    }
}
