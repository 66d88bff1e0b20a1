//! The page footer.

use yew::prelude::*;

use crate::i18n::{self, Language};

pub fn footer(lang: Language) -> Html {
    html! {
        <footer class="site-footer">
            <p>{ i18n::FOOTER.get(lang) }</p>
        </footer>
    }
}
