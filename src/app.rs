//! The root component: owns the state, provides it as context, follows the
//! URL fragment and picks the page for the current route.
//!
//! This is the one place that wires page-wide browser events (`hashchange`,
//! through `platform`) and effects (persisting settings) to the state; pages
//! below it only read context and dispatch actions.

use yew::prelude::*;

use crate::cases::{self, Case};
use crate::content;
use crate::hooks::AppContext;
use crate::platform;
use crate::quiz::QuizRoom;
use crate::route::Route;
use crate::state::{Action, AppState};
use crate::views::case_view::{case_failed, case_loading};
use crate::views::embed_page::{embed_page, Loaded};
use crate::views::{case_view, footer, gallery, header, not_found};

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
            let listener = platform::on_hash_change(move || {
                dispatcher.dispatch(Action::Navigate(platform::current_route()));
            });
            let printing = platform::on_before_print();
            platform::mark_first_render();
            move || {
                drop(listener);
                drop(printing);
            }
        });
    }
    // The widget applies its settings (from the frame's URL) but keeps
    // them out of the site's storage: a host page's choice is not the
    // reader's preference.
    let embedded = matches!(state.route, Route::Embed(_));
    use_effect_with((state.settings, embedded), |(settings, embedded)| {
        platform::apply_settings(*settings, !*embedded)
    });
    {
        // A new page starts at its top, with focus on its heading (not on
        // the link that left the last page, nor on nothing); the first
        // page leaves scrolling and focus where the browser put them (a
        // visitor may have scrolled the prerendered gallery already).
        let arrived = use_mut_ref(|| false);
        use_effect_with((state.route.clone(), state.visit), move |_| {
            if *arrived.borrow() {
                platform::scroll_to_top();
                platform::focus_main_heading();
            }
            *arrived.borrow_mut() = true;
        });
    }
    {
        // The browser build fetches a case's content when its page opens
        // (again on a new visit after a failure).
        let dispatcher = state.dispatcher();
        let cases = props.cases;
        use_effect_with((state.route.clone(), state.visit), move |(route, _)| {
            let missing = match route {
                Route::Case(slug) | Route::Embed(Some(slug)) => {
                    cases::find(cases, slug).filter(|m| content::resolve(m).is_none())
                }
                _ => None,
            };
            if let Some(meta) = missing {
                platform::load_content(meta.slug, move |result| {
                    let slug = meta.slug.to_string();
                    dispatcher.dispatch(match result {
                        Ok(loaded) => {
                            content::complete(meta, loaded);
                            Action::ContentLoaded(slug)
                        }
                        Err(error) => Action::ContentFailed(slug, error),
                    });
                });
            }
        });
    }

    // The page is rendered here from the state; the context is for the
    // playground, which is the only component below.
    let settings = state.settings;
    let lang = settings.language;
    let page = match &state.route {
        Route::Gallery => gallery(props.cases, lang),
        Route::Case(slug) => match cases::find(props.cases, slug) {
            Some(meta) => match (content::resolve(meta), &state.content) {
                (Some(case), _) => case_view(case, lang, state.visit),
                (None, Some((failed, Err(error)))) if failed == slug => {
                    case_failed(meta, lang, error)
                }
                (None, _) => case_loading(meta, lang),
            },
            None => not_found(lang),
        },
        Route::Quiz(page) => html! {
            <QuizRoom key={format!("quiz-{}", state.visit)} page={*page} query={platform::current_query()} cases={props.cases} />
        },
        Route::NotFound(_) => not_found(lang),
        Route::Play | Route::Embed(_) => {
            let name = match &state.route {
                Route::Embed(name) => name.as_deref(),
                _ => None,
            };
            let loaded = match (name, &state.content) {
                (Some(slug), _)
                    if cases::find(props.cases, slug)
                        .and_then(content::resolve)
                        .is_some() =>
                {
                    Loaded::Yes
                }
                // A program of the reader's own needs nothing first: the
                // compiler worker fetches the library (`programs`).
                (None, _) => Loaded::Yes,
                (name, Some((failed, Err(error)))) if failed.as_str() == name.unwrap_or("") => {
                    Loaded::Failed(error)
                }
                _ => Loaded::Waiting,
            };
            let page = embed_page(
                props.cases,
                name,
                &platform::current_query(),
                loaded,
                lang,
                embedded,
                state.visit,
            );
            if embedded {
                page
            } else {
                // `#/play` is a page of the site, in its width.
                html! { <div class="page page--play" data-testid="play-page">{ page }</div> }
            }
        }
    };
    let app = Some(&state);
    html! {
        <ContextProvider<AppContext> context={state.clone()}>
            if embedded {
                // Alone in the frame: no site header or footer.
                { page }
            } else {
                <div class="app">
                    { header(settings, app) }
                    { page }
                    { footer(lang) }
                </div>
            }
        </ContextProvider<AppContext>>
    }
}
