//! The root component: owns the state, provides it as context, follows the
//! URL fragment and picks the page for the current route.
//!
//! This is the one place that wires browser events (`hashchange`) and
//! effects (persisting settings) to the state; pages below it only read
//! context and dispatch actions.

use gloo_events::EventListener;
use yew::prelude::*;

use crate::cases::{self, Case};
use crate::components::{case_view, footer, gallery, header, not_found};
use crate::hooks::AppContext;
use crate::platform;
use crate::route::Route;
use crate::state::{Action, AppState};

#[derive(Properties, PartialEq)]
pub struct AppProps {
    /// Starting state (from the URL and stored settings in the browser; fixed in tests).
    #[prop_or_default]
    pub initial: AppState,
    /// The cases to show; the embedded ones unless a test supplies its own.
    #[prop_or(cases::all())]
    pub cases: &'static [Case],
}

#[function_component]
pub fn App(props: &AppProps) -> Html {
    let initial = props.initial.clone();
    let state = use_reducer(move || initial);

    {
        let dispatcher = state.dispatcher();
        use_effect_with((), move |_| {
            let listener = web_sys::window().map(|window| {
                EventListener::new(&window, "hashchange", move |_| {
                    dispatcher.dispatch(Action::Navigate(platform::current_route()));
                })
            });
            platform::mark_first_render();
            move || drop(listener)
        });
    }
    use_effect_with(state.settings, |settings| {
        platform::apply_settings(*settings)
    });
    use_effect_with(state.route.clone(), |_| platform::scroll_to_top());

    // The page is rendered here from the state; the context is for the
    // playground, which is the only component below.
    let settings = state.settings;
    let lang = settings.language;
    let page = match &state.route {
        Route::Gallery => gallery(props.cases, lang),
        Route::Case(slug) => match cases::find(props.cases, slug) {
            Some(case) => case_view(case, lang, state.visit),
            None => not_found(lang),
        },
        Route::NotFound(_) => not_found(lang),
    };
    let app = Some(&state);
    html! {
        <ContextProvider<AppContext> context={state.clone()}>
            <div class="app">
                { header(settings, app) }
                { page }
                { footer(lang) }
            </div>
        </ContextProvider<AppContext>>
    }
}
