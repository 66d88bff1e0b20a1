//! The top bar: product name, the quiz link, language switch (EN / 中文)
//! and theme toggle.

use yew::prelude::*;

use crate::hooks::{dispatcher, AppContext};
use crate::i18n::{quiz, site, Language};
use crate::icons;
use crate::markup::{classed, flag, text_el};
use crate::state::{Action, Settings, Theme};

/// The header for `settings`; its buttons dispatch to `app` (no-ops without one).
pub fn header(settings: Settings, app: Option<&AppContext>) -> Html {
    let lang = settings.language;
    let to_en = dispatcher(app, Action::SetLanguage(Language::En));
    let to_zh = dispatcher(app, Action::SetLanguage(Language::Zh));
    let toggle_theme = dispatcher(app, Action::ToggleTheme);
    let (theme_label, theme_icon) = match settings.theme {
        Theme::Light => (site::THEME_TO_DARK.get(lang), icons::moon()),
        Theme::Dark => (site::THEME_TO_LIGHT.get(lang), icons::sun()),
    };
    let lang_button = |target: Language, onclick: Callback<MouseEvent>| {
        let active = lang == target;
        let class = if active {
            "segmented__item is-active"
        } else {
            "segmented__item"
        };
        classed(
            class,
            html! {
                <button
                    type="button"
                    class="_"
                    aria-pressed={flag(active)}
                    data-testid={format!("lang-{}", target.key())}
                    {onclick}
                >{ target.name() }</button>
            },
        )
    };
    html! {
        <header class="site-header">
            <div class="site-header__inner">
                <a class="brand" href="#/">
                    { icons::logo() }
                    <span class="brand__text">
                        { text_el("span", "brand__name", site::PRODUCT_NAME) }
                        { text_el("span", "brand__tagline", site::TAGLINE.get(lang)) }
                    </span>
                </a>
                <div class="toolbar">
                    <a class="nav-link" href="#/quiz" data-testid="nav-quiz">{ quiz::NAV.get(lang) }</a>
                    <div class="segmented" role="group" aria-label={site::SWITCH_LANGUAGE.get(lang)}>
                        { lang_button(Language::En, to_en) }
                        { lang_button(Language::Zh, to_zh) }
                    </div>
                    <button
                        type="button"
                        class="icon-button"
                        data-testid="theme-toggle"
                        aria-label={theme_label}
                        title={theme_label}
                        onclick={toggle_theme}
                    >{ theme_icon }</button>
                </div>
            </div>
        </header>
    }
}
