//! Browser tests: mount the real app in headless Chromium (through
//! chromedriver and wasm-bindgen-test-runner) and drive it through the DOM.
#![cfg(target_arch = "wasm32")]

use gopitfalls::cases;
use gopitfalls::i18n;
use gopitfalls::state::AppState;
use gopitfalls::{App, AppProps};
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::{Document, Element, HtmlElement};

wasm_bindgen_test_configure!(run_in_browser);

fn document() -> Document {
    web_sys::window()
        .and_then(|w| w.document())
        .expect("tests run in a browser page")
}

/// Runs yew's scheduler until nothing is pending, then checks `done`.
async fn settle(what: &str, done: impl Fn() -> bool) {
    yew::scheduler::flush().await;
    assert!(done(), "after rendering settled: expected {what}");
}

fn query(root: &Element, selector: &str) -> Option<Element> {
    root.query_selector(selector).ok().flatten()
}

fn count(root: &Element, selector: &str) -> u32 {
    root.query_selector_all(selector)
        .map(|list| list.length())
        .unwrap_or(0)
}

fn click(root: &Element, selector: &str) {
    query(root, selector)
        .and_then(|el| el.dyn_into::<HtmlElement>().ok())
        .unwrap_or_else(|| panic!("no clickable {selector}"))
        .click();
}

fn html_attr(name: &str) -> Option<String> {
    document()
        .document_element()
        .and_then(|el| el.get_attribute(name))
}

#[wasm_bindgen_test]
async fn app_renders_gallery_switches_language_theme_and_route() {
    let doc = document();
    let root = doc.create_element("div").expect("create div");
    doc.body()
        .expect("body")
        .append_child(&root)
        .expect("append");
    let handle = yew::Renderer::<App>::with_root_and_props(
        root.clone(),
        AppProps {
            initial: AppState::default(),
            cases: cases::all(),
        },
    )
    .render();

    // The build embeds cases/, which holds the talk's cases; an empty
    // gallery is the SSR tests' concern (tests/it/ssr.rs).
    let expected = cases::all().len() as u32;
    assert!(expected > 0, "the build embedded no cases");
    settle("the gallery", || {
        query(&root, "[data-testid=gallery]").is_some()
    })
    .await;
    assert_eq!(count(&root, "[data-testid=case-card]"), expected);
    assert!(query(&root, ".empty-state").is_none());

    // Language switch re-renders the header and sets <html lang>.
    click(&root, "[data-testid=lang-zh]");
    settle("Chinese tagline", || {
        query(&root, ".brand__tagline").and_then(|el| el.text_content())
            == Some(i18n::site::TAGLINE.zh.to_string())
    })
    .await;
    settle("lang attribute", || {
        html_attr("lang").as_deref() == Some("zh-CN")
    })
    .await;

    // Theme toggle flips data-theme on <html>.
    settle("initial theme", || {
        html_attr("data-theme").as_deref() == Some("light")
    })
    .await;
    click(&root, "[data-testid=theme-toggle]");
    settle("dark theme", || {
        html_attr("data-theme").as_deref() == Some("dark")
    })
    .await;

    // Following the URL fragment: a case page, then an unknown one.
    let window = web_sys::window().expect("window");
    let slug = cases::all()[0].slug;
    window
        .location()
        .set_hash(&format!("/case/{slug}"))
        .expect("set hash");
    let event = web_sys::Event::new("hashchange").expect("event");
    window.dispatch_event(&event).expect("dispatch");
    let target = format!("[data-testid=case-view][data-slug=\"{slug}\"]");
    settle("the routed case page", || query(&root, &target).is_some()).await;
    assert_eq!(count(&root, "[data-testid=gallery]"), 0);
    assert_eq!(count(&root, "[data-testid=not-found]"), 0);

    handle.destroy();
    window.location().set_hash("").expect("reset hash");
}
