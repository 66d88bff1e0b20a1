//! The app's only door to the browser: URL fragment, localStorage, media
//! queries, `<html>` attributes and performance marks.
//!
//! Every function degrades to a harmless default when the browser refuses
//! (storage disabled, no `window` in a worker): settings are a convenience and
//! must never stop the app from rendering. It holds no state and knows nothing
//! about components.

use crate::i18n::Language;
use crate::route::Route;
use crate::state::{AppState, Settings, Theme};

const SETTINGS_KEY: &str = "gopitfalls.settings";

/// Name of the performance mark set when the first screen is in the DOM; the
/// end-to-end test reads it to measure time to first render.
pub const FIRST_RENDER_MARK: &str = "gopitfalls:first-render";

/// The state to start from: route from the URL, settings from storage, else
/// from the browser's language and colour-scheme preference.
pub fn initial_state() -> AppState {
    let Some(window) = web_sys::window() else {
        return AppState::default();
    };
    let route = window
        .location()
        .hash()
        .map(|hash| Route::from_hash(&hash))
        .unwrap_or(Route::Gallery);
    let preferred = Settings {
        language: Language::from_locale(&window.navigator().language().unwrap_or_default()),
        theme: if prefers_dark(&window) {
            Theme::Dark
        } else {
            Theme::Light
        },
    };
    let settings =
        match local_storage(&window).and_then(|s| s.get_item(SETTINGS_KEY).ok().flatten()) {
            Some(stored) => Settings::decode(&stored, preferred),
            None => preferred,
        };
    AppState {
        route,
        settings,
        visit: 0,
    }
}

fn prefers_dark(window: &web_sys::Window) -> bool {
    window
        .match_media("(prefers-color-scheme: dark)")
        .ok()
        .flatten()
        .is_some_and(|query| query.matches())
}

fn local_storage(window: &web_sys::Window) -> Option<web_sys::Storage> {
    window.local_storage().ok().flatten()
}

/// The current URL fragment as a route.
pub fn current_route() -> Route {
    web_sys::window()
        .and_then(|window| window.location().hash().ok())
        .map(|hash| Route::from_hash(&hash))
        .unwrap_or(Route::Gallery)
}

/// The share-link query in the URL fragment (`#/case/x?go=1.21` gives
/// `go=1.21`), or an empty string.
pub fn current_query() -> String {
    // Server-side rendering (native tests) has no window to ask.
    if !cfg!(target_arch = "wasm32") {
        return String::new();
    }
    web_sys::window()
        .and_then(|window| window.location().hash().ok())
        .and_then(|hash| hash.split_once('?').map(|(_, q)| q.to_string()))
        .unwrap_or_default()
}

/// Puts `fragment` in the address bar without a navigation or a
/// `hashchange` event (the page already shows that state).
pub fn replace_hash(fragment: &str) {
    if let Some(history) = web_sys::window().and_then(|window| window.history().ok()) {
        let _ = history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(fragment));
    }
}

/// The absolute URL of this page with `fragment` as its hash.
pub fn href_for(fragment: &str) -> String {
    let base = web_sys::window()
        .and_then(|window| window.location().href().ok())
        .unwrap_or_default();
    let base = base.split('#').next().unwrap_or("");
    format!("{base}{fragment}")
}

/// Remembers the settings and applies them to `<html>` (`data-theme`, `lang`),
/// where the CSS and screen readers pick them up.
pub fn apply_settings(settings: Settings) {
    let Some(window) = web_sys::window() else {
        return;
    };
    if let Some(storage) = local_storage(&window) {
        // Failing to persist (quota, private mode) only costs the preference.
        let _ = storage.set_item(SETTINGS_KEY, &settings.encode());
    }
    if let Some(root) = window.document().and_then(|doc| doc.document_element()) {
        let _ = root.set_attribute("data-theme", settings.theme.key());
        let _ = root.set_attribute("lang", settings.language.tag());
    }
}

/// Scrolls to the top, so opening a case does not land mid-page.
pub fn scroll_to_top() {
    if let Some(window) = web_sys::window() {
        window.scroll_to_with_x_and_y(0.0, 0.0);
    }
}

/// Milliseconds since navigation start (`performance.now()`), or 0.
pub fn now_ms() -> f64 {
    web_sys::window()
        .and_then(|window| window.performance())
        .map_or(0.0, |performance| performance.now())
}

/// Records that the first screen has been rendered.
pub fn mark_first_render() {
    if let Some(performance) = web_sys::window().and_then(|window| window.performance()) {
        let _ = performance.mark(FIRST_RENDER_MARK);
    }
}
