//! The top bar: product name, language switch (EN / 中文) and theme toggle.

use yew::prelude::*;

use crate::hooks::{dispatcher, AppContext};
use crate::i18n::{self, Language};
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
        Theme::Light => (i18n::THEME_TO_DARK.get(lang), icons::moon()),
        Theme::Dark => (i18n::THEME_TO_LIGHT.get(lang), icons::sun()),
    };
    let lang_button = |target: Language, label: &'static str, onclick: Callback<MouseEvent>| {
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
                >{ label }</button>
            },
        )
    };
    html! {
        <header class="site-header">
            <div class="site-header__inner">
                <a class="brand" href="#/">
                    { icons::logo() }
                    <span class="brand__text">
                        { text_el("span", "brand__name", i18n::PRODUCT_NAME) }
                        { text_el("span", "brand__tagline", i18n::TAGLINE.get(lang)) }
                    </span>
                </a>
                <div class="toolbar">
                    <div class="segmented" role="group" aria-label={i18n::SWITCH_LANGUAGE.get(lang)}>
                        { lang_button(Language::En, "EN", to_en) }
                        { lang_button(Language::Zh, "中文", to_zh) }
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
