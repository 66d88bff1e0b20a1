//! Hooks giving components access to the app context.
//!
//! Owns the `AppContext` type and the small hooks around it. Components read
//! settings and dispatch actions only through these helpers, never by reaching
//! for the browser. Every hook tolerates a missing provider (returning defaults)
//! so a leaf component can be rendered on its own, e.g. in an SSR test.

use yew::prelude::*;

use crate::state::{Action, AppState, Settings};

/// What the root `App` provides: the state plus its dispatcher.
pub type AppContext = UseReducerHandle<AppState>;

/// The app context, if this component sits under the app's provider.
#[hook]
pub fn use_app() -> Option<AppContext> {
    use_context::<AppContext>()
}

/// The current settings, or the defaults outside the app.
#[hook]
pub fn use_settings() -> Settings {
    use_context::<AppContext>()
        .map(|app| app.settings)
        .unwrap_or_default()
}

/// A click handler that dispatches `action` (a no-op outside the app).
pub fn dispatcher(app: Option<&AppContext>, action: Action) -> Callback<MouseEvent> {
    let app = app.cloned();
    Callback::from(move |_: MouseEvent| {
        if let Some(app) = &app {
            app.dispatch(action.clone());
        }
    })
}
