//! The page footer.

use yew::prelude::*;

use crate::hooks::use_settings;
use crate::i18n;

#[function_component]
pub fn Footer() -> Html {
    let lang = use_settings().language;
    html! {
        <footer class="site-footer">
            <p>{ i18n::FOOTER.get(lang) }</p>
        </footer>
    }
}
