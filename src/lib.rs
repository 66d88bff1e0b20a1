//! The gopitfalls web app: a Yew front end over the embedded pitfall cases.
//!
//! Module map, from the ground up: `i18n` (the languages and every UI
//! string), `cases` (embedded case data), `content` (case content fetched at
//! run time in the browser build), `route` (hash routes), `state` (the
//! reducer), `platform` (the only module that touches browser APIs),
//! `markup` and `icons` (element builders and SVG icons every view uses),
//! `hooks` (context access), `playground` (the simulator UI), `quiz` (the
//! classroom quiz, which reuses the playground), `views` (the pages, plain
//! functions) and `app` (the root). The app reads the simulator
//! only through `gosim`'s session and snapshot API and never parses case
//! files at run time (the fetched content is JSON written at build time,
//! read with the browser's parser).

pub mod app;
pub mod cases;
pub mod content;
pub mod hooks;
pub mod i18n;
pub mod icons;
pub mod markup;
pub mod platform;
pub mod playground;
pub mod programs;
pub mod quiz;
pub mod route;
pub mod state;
pub mod views;

pub use app::{App, AppProps};

/// The browser build's heap (`crates/wasm-alloc`), smaller than std's
/// default; native builds keep the system allocator.
#[cfg(target_arch = "wasm32")]
#[global_allocator]
static HEAP: wasm_alloc::WasmHeap = wasm_alloc::WasmHeap::new();

/// Mounts the app on `<body>`, starting from the URL and stored settings.
pub fn start() {
    let mut initial = platform::initial_state();
    if let route::Route::Embed(_) = initial.route {
        // The widget's `lang` and `theme` (embed.js passes the host's
        // colour scheme when the element names none).
        let options = playground::embed::parse_options(&platform::current_query());
        initial.settings.language = options.lang.unwrap_or(initial.settings.language);
        initial.settings.theme = options.theme.unwrap_or(initial.settings.theme);
    }
    platform::remove_prerendered();
    yew::Renderer::<App>::with_props(AppProps {
        initial,
        cases: cases::all(),
    })
    .render();
}
