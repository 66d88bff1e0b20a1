//! The app's first screen, prerendered at build time so a visitor sees it
//! before the page's wasm has arrived.
//!
//! Trunk runs this after its build (a `post_build` hook, `--staging`). It
//! renders the app itself, natively through Yew's server renderer, once per
//! language and theme, as inert `<template data-prerendered="en-light">`s:
//! the gallery into the staged `index.html` in place of the
//! `<!-- prerendered gallery -->` marker, and each case page as it first
//! looks (its header, its content still loading) into
//! `cases/<slug>.prerendered.html`. The script in `index.html` shows the
//! template that matches the visitor's settings for the gallery or the case
//! in the address (a case's file is fetched); `platform::remove_prerendered`
//! takes it away when the app mounts and draws the same markup itself. So
//! the markup cannot drift from the app's: it is the app's
//! (e2e/gallery.test.mjs compares them).
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
    use std::path::{Path, PathBuf};

    use gopitfalls::cases::{self, Case};
    use gopitfalls::i18n::Language;
    use gopitfalls::route::Route;
    use gopitfalls::state::{AppState, Settings, Theme};
    use gopitfalls::{App, AppProps};
    use yew::LocalServerRenderer;

    /// What `index.html` holds where the templates go.
    const MARKER: &str = "<!-- prerendered gallery -->";
    /// The list of cases with a prerendered page, empty in `index.html`;
    /// its script fetches a case's page only when the case is listed.
    const CASE_LIST: &str = "name=\"gopitfalls-prerendered-cases\" content=\"\"";

    pub fn run() -> Result<(), String> {
        let dir = match std::env::args_os().nth(1) {
            Some(arg) if arg == "--staging" => std::env::var_os("TRUNK_STAGING_DIR")
                .map(PathBuf::from)
                .ok_or("--staging needs TRUNK_STAGING_DIR (set by Trunk for hooks)")?,
            Some(arg) => PathBuf::from(arg),
            None => return Err("usage: prerender --staging | DIR".to_string()),
        };
        let runtime = tokio::runtime::Builder::new_current_thread()
            .build()
            .map_err(|e| format!("starting an executor: {e}"))?;
        let gallery = runtime.block_on(templates(&Route::Gallery, cases::all()));
        let path = dir.join("index.html");
        let page = read(&path)?;
        for marker in [MARKER, CASE_LIST] {
            if page.matches(marker).count() != 1 {
                return Err(format!(
                    "{} must hold `{marker}` exactly once",
                    path.display()
                ));
            }
        }
        let slugs: Vec<&str> = cases::all().iter().map(|case| case.slug).collect();
        // index.html's script reads a slug from the address as [a-z0-9-]+.
        if let Some(odd) = slugs.iter().find(|slug| {
            slug.is_empty()
                || !slug
                    .bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        }) {
            return Err(format!("case slug {odd:?} is not [a-z0-9-]+"));
        }
        let listed = format!(
            "name=\"gopitfalls-prerendered-cases\" content=\"{}\"",
            slugs.join(" ")
        );
        let page = page
            .replacen(MARKER, &gallery, 1)
            .replacen(CASE_LIST, &listed, 1);
        write(&path, &page)?;
        // A case page first shows its header while its content loads: the
        // browser build's cases carry no content, so neither do these.
        let metadata: &'static [Case] = Box::leak(
            cases::all()
                .iter()
                .map(|case| Case {
                    loaded: false,
                    ..*case
                })
                .collect(),
        );
        let dir = dir.join("cases");
        std::fs::create_dir_all(&dir).map_err(|e| format!("{}: {e}", dir.display()))?;
        let mut bytes = 0;
        for case in metadata {
            let route = Route::Case(case.slug.to_string());
            let shell = runtime.block_on(templates(&route, metadata));
            bytes += shell.len();
            write(&dir.join(format!("{}.prerendered.html", case.slug)), &shell)?;
        }
        println!(
            "prerender: the gallery ({} bytes) into {}, {} case pages ({bytes} bytes) into {}, each in 2 languages x 2 themes",
            gallery.len(),
            path.display(),
            metadata.len(),
            dir.display()
        );
        Ok(())
    }

    fn read(path: &Path) -> Result<String, String> {
        std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))
    }

    fn write(path: &Path, text: &str) -> Result<(), String> {
        std::fs::write(path, text).map_err(|e| format!("{}: {e}", path.display()))
    }

    /// The app's first markup at `route`, once per language and theme, as
    /// `<template data-prerendered="en-light">` elements.
    async fn templates(route: &Route, cases: &'static [Case]) -> String {
        let mut out = String::new();
        for language in [Language::En, Language::Zh] {
            for theme in [Theme::Light, Theme::Dark] {
                let initial = AppState {
                    route: route.clone(),
                    settings: Settings { language, theme },
                    ..AppState::default()
                };
                let markup = LocalServerRenderer::<App>::with_props(AppProps { initial, cases })
                    .hydratable(false)
                    .render()
                    .await;
                out.push_str(&format!(
                    "<template data-prerendered=\"{}-{}\">{markup}</template>",
                    language.key(),
                    theme.key()
                ));
            }
        }
        out
    }
}
