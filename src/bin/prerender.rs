//! The gallery, prerendered at build time so a visitor sees it before the
//! page's wasm has arrived.
//!
//! Trunk runs this after its build (a `post_build` hook, `--staging`). It
//! renders the app itself, natively through Yew's server renderer, at the
//! gallery route once per language and theme, and writes each result into
//! the staged `index.html` as an inert `<template data-prerendered="en-light">`
//! in place of the `<!-- prerendered gallery -->` marker. A small script in
//! `index.html` shows the template that matches the visitor's settings when
//! the address is the gallery's; `platform::remove_prerendered` takes it away
//! when the app mounts and draws the same markup itself. So the markup cannot
//! drift from the app's: it is the app's (e2e/gallery.test.mjs compares them).
//!
//! Usage: `prerender --staging` (from Trunk's hook: `$TRUNK_STAGING_DIR`) or
//! `prerender DIR`; either names the directory whose `index.html` is rewritten.

fn main() {
    #[cfg(not(target_arch = "wasm32"))]
    if let Err(message) = native::run() {
        eprintln!("error: prerender: {message}");
        std::process::exit(1);
    }
}

#[cfg(not(target_arch = "wasm32"))]
mod native {
    use std::path::PathBuf;

    use gopitfalls::i18n::Language;
    use gopitfalls::route::Route;
    use gopitfalls::state::{AppState, Settings, Theme};
    use gopitfalls::{cases, App, AppProps};
    use yew::LocalServerRenderer;

    /// What `index.html` holds where the templates go.
    const MARKER: &str = "<!-- prerendered gallery -->";

    pub fn run() -> Result<(), String> {
        let dir = match std::env::args_os().nth(1) {
            Some(arg) if arg == "--staging" => std::env::var_os("TRUNK_STAGING_DIR")
                .map(PathBuf::from)
                .ok_or("--staging needs TRUNK_STAGING_DIR (set by Trunk for hooks)")?,
            Some(arg) => PathBuf::from(arg),
            None => return Err("usage: prerender --staging | DIR".to_string()),
        };
        let path = dir.join("index.html");
        let page =
            std::fs::read_to_string(&path).map_err(|e| format!("{}: {e}", path.display()))?;
        if page.matches(MARKER).count() != 1 {
            return Err(format!(
                "{} must hold the marker `{MARKER}` exactly once",
                path.display()
            ));
        }
        let runtime = tokio::runtime::Builder::new_current_thread()
            .build()
            .map_err(|e| format!("starting an executor: {e}"))?;
        let mut templates = String::new();
        for language in [Language::En, Language::Zh] {
            for theme in [Theme::Light, Theme::Dark] {
                let markup = runtime.block_on(gallery(Settings { language, theme }));
                templates.push_str(&format!(
                    "<template data-prerendered=\"{}-{}\">{markup}</template>",
                    language.key(),
                    theme.key()
                ));
            }
        }
        let bytes = templates.len();
        std::fs::write(&path, page.replacen(MARKER, &templates, 1))
            .map_err(|e| format!("{}: {e}", path.display()))?;
        println!(
            "prerender: the gallery in 2 languages x 2 themes ({bytes} bytes) -> {}",
            path.display()
        );
        Ok(())
    }

    /// The app's markup at the gallery, as it first renders with `settings`.
    async fn gallery(settings: Settings) -> String {
        let initial = AppState {
            route: Route::Gallery,
            settings,
            ..AppState::default()
        };
        LocalServerRenderer::<App>::with_props(AppProps {
            initial,
            cases: cases::all(),
        })
        .hydratable(false)
        .render()
        .await
    }
}
