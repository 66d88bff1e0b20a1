//! App state: the current route and the user's settings, changed only by `Action`s.
//!
//! Owns `AppState`, its `Action` enum and the reducer. The reducer is a pure
//! function of the old state and one action, so it is tested natively; it must
//! not touch the browser (persisting settings and applying the theme happen in
//! effects in `app.rs`).

use std::rc::Rc;

use yew::Reducible;

use crate::content::ContentError;
use crate::i18n::Language;
use crate::route::Route;

/// Colour theme.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Theme {
    #[default]
    Light,
    Dark,
}

impl Theme {
    pub fn key(self) -> &'static str {
        match self {
            Theme::Light => "light",
            Theme::Dark => "dark",
        }
    }

    pub fn from_key(key: &str) -> Option<Theme> {
        match key {
            "light" => Some(Theme::Light),
            "dark" => Some(Theme::Dark),
            _ => None,
        }
    }

    pub fn toggled(self) -> Theme {
        match self {
            Theme::Light => Theme::Dark,
            Theme::Dark => Theme::Light,
        }
    }
}

/// App-wide settings, shared with every component through the app context.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Settings {
    pub language: Language,
    pub theme: Theme,
}

impl Settings {
    /// Serialises to the small `lang=zh;theme=dark` form kept in localStorage.
    pub fn encode(&self) -> String {
        format!("lang={};theme={}", self.language.key(), self.theme.key())
    }

    /// Reads the stored form, keeping `fallback`'s value for any field that is
    /// missing or unreadable (stored data is user-controlled, so never panic).
    pub fn decode(stored: &str, fallback: Settings) -> Settings {
        let mut settings = fallback;
        for pair in stored.split(';') {
            match pair.split_once('=') {
                Some(("lang", v)) => {
                    if let Some(language) = Language::from_key(v) {
                        settings.language = language;
                    }
                }
                Some(("theme", v)) => {
                    if let Some(theme) = Theme::from_key(v) {
                        settings.theme = theme;
                    }
                }
                _ => {}
            }
        }
        settings
    }
}

/// Everything the UI renders from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AppState {
    pub route: Route,
    pub settings: Settings,
    /// Counts arrivals at an address (each `hashchange`). The playground is
    /// keyed by it, so opening a share link for the case already on screen
    /// loads the link instead of keeping the old run.
    pub visit: u32,
    /// How the last fetch of a case's content ended (browser build, where
    /// case pages load their content): the slug, and the error if it failed.
    /// The content itself lives in `content`'s registry.
    pub content: Option<(String, Result<(), ContentError>)>,
}

impl Default for AppState {
    fn default() -> Self {
        AppState {
            route: Route::Gallery,
            settings: Settings::default(),
            visit: 0,
            content: None,
        }
    }
}

/// The only ways state changes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Action {
    /// The URL fragment changed (link click, back button, typed URL).
    Navigate(Route),
    SetLanguage(Language),
    ToggleTheme,
    /// A case's content arrived and is in the registry.
    ContentLoaded(String),
    /// A case's content could not be loaded.
    ContentFailed(String, ContentError),
}

impl Reducible for AppState {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let mut next = (*self).clone();
        match action {
            Action::Navigate(route) => {
                next.route = route;
                next.visit = next.visit.wrapping_add(1);
                // Arriving again after a failure tries again.
                next.content = None;
            }
            Action::ContentLoaded(slug) => next.content = Some((slug, Ok(()))),
            Action::ContentFailed(slug, error) => next.content = Some((slug, Err(error))),
            Action::SetLanguage(language) => next.settings.language = language,
            Action::ToggleTheme => next.settings.theme = next.settings.theme.toggled(),
        }
        if next == *self {
            // Returning the same Rc lets yew skip re-rendering.
            self
        } else {
            Rc::new(next)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn reduce(state: AppState, action: Action) -> AppState {
        (*Rc::new(state).reduce(action)).clone()
    }

    #[test]
    fn navigate_sets_route_and_keeps_settings() {
        let start = AppState {
            route: Route::Gallery,
            settings: Settings {
                language: Language::Zh,
                theme: Theme::Dark,
            },
            visit: 0,
            content: None,
        };
        let next = reduce(start.clone(), Action::Navigate(Route::Case("x".into())));
        assert_eq!(next.route, Route::Case("x".into()));
        assert_eq!(next.settings, start.settings);
        // Arriving again at the same route (a new share link) is a new visit.
        let again = reduce(next.clone(), Action::Navigate(Route::Case("x".into())));
        assert_eq!(again.route, next.route);
        assert_ne!(again.visit, next.visit);
    }

    #[test]
    fn content_results_are_recorded_and_cleared_by_navigation() {
        let failed = reduce(
            AppState::default(),
            Action::ContentFailed("x".into(), ContentError::Http(404)),
        );
        assert_eq!(
            failed.content,
            Some(("x".into(), Err(ContentError::Http(404))))
        );
        let loaded = reduce(failed.clone(), Action::ContentLoaded("x".into()));
        assert_eq!(loaded.content, Some(("x".into(), Ok(()))));
        let again = reduce(failed, Action::Navigate(Route::Case("x".into())));
        assert_eq!(again.content, None);
    }

    #[test]
    fn toggle_theme_twice_is_identity() {
        let once = reduce(AppState::default(), Action::ToggleTheme);
        assert_eq!(once.settings.theme, Theme::Dark);
        assert_eq!(reduce(once, Action::ToggleTheme), AppState::default());
    }

    #[test]
    fn unchanged_state_keeps_the_same_allocation() {
        let state = Rc::new(AppState::default());
        let next = state.clone().reduce(Action::SetLanguage(Language::En));
        assert!(Rc::ptr_eq(&state, &next));
        let changed = state.clone().reduce(Action::SetLanguage(Language::Zh));
        assert!(!Rc::ptr_eq(&state, &changed));
    }

    #[test]
    fn settings_round_trip_and_survive_garbage() {
        let settings = Settings {
            language: Language::Zh,
            theme: Theme::Dark,
        };
        assert_eq!(
            Settings::decode(&settings.encode(), Settings::default()),
            settings
        );
        let fallback = Settings {
            language: Language::Zh,
            theme: Theme::Light,
        };
        assert_eq!(
            Settings::decode("lang=xx;theme=;;==;junk", fallback),
            fallback
        );
        assert_eq!(Settings::decode("theme=dark", fallback).theme, Theme::Dark);
    }
}
