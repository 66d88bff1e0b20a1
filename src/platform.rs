//! The app's only door to the browser: URL fragment and `hashchange`,
//! localStorage, media queries, `<html>` attributes, performance marks,
//! the clock and a random seed, timers, key presses, reading form fields,
//! checkboxes, dropped or picked text files and element geometry from
//! events, focus and scrolling (the running line and the state a step
//! changed kept in view, focus moved to a dialog or a page's heading),
//! printing, and fetching a case's content (`cases/<slug>.json`).
//!
//! Every function degrades to a harmless default when the browser refuses
//! (storage disabled, no `window` in a worker): settings are a convenience and
//! must never stop the app from rendering. It holds no state and knows nothing
//! about components; listeners and timers come back as a `Subscription` the
//! caller keeps for as long as it wants them.

use gloo_events::{EventListener, EventListenerOptions};
use gloo_timers::callback::Interval;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use yew::{Event, MouseEvent};

use crate::cases::Outcome;
use crate::content::{Content, ContentError, OwnedText, ProgramFile, QuizOption, QuizVersion};
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
    let settings = if let Route::Embed(_) = route {
        // The widget's settings come from its URL (`lib.rs` applies them
        // over these) and the browser, never from the site's storage.
        preferred
    } else {
        match local_storage(&window).and_then(|s| s.get_item(SETTINGS_KEY).ok().flatten()) {
            Some(stored) => Settings::decode(&stored, preferred),
            None => preferred,
        }
    };
    AppState {
        route,
        settings,
        ..AppState::default()
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

/// The value stored under `key` in localStorage, if any.
pub fn stored(key: &str) -> Option<String> {
    // Server-side rendering (native tests) has no storage.
    if !cfg!(target_arch = "wasm32") {
        return None;
    }
    web_sys::window()
        .and_then(|window| local_storage(&window))
        .and_then(|storage| storage.get_item(key).ok().flatten())
}

/// Stores `value` under `key` (`None` removes it); a refusal (quota,
/// private mode) costs only the convenience.
pub fn store(key: &str, value: Option<&str>) {
    if !cfg!(target_arch = "wasm32") {
        return;
    }
    if let Some(storage) = web_sys::window().and_then(|window| local_storage(&window)) {
        let _ = match value {
            Some(value) => storage.set_item(key, value),
            None => storage.remove_item(key),
        };
    }
}

/// Milliseconds since the Unix epoch (`Date.now()`): survives a reload,
/// unlike `now_ms`.
pub fn epoch_ms() -> f64 {
    if cfg!(target_arch = "wasm32") {
        js_sys::Date::now()
    } else {
        0.0
    }
}

/// A random number below 2^32 (`Math.random()`), for a new seed; not for
/// secrets.
pub fn random_u32() -> u32 {
    if cfg!(target_arch = "wasm32") {
        (js_sys::Math::random() * 4_294_967_296.0) as u32
    } else {
        0
    }
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
    if !cfg!(target_arch = "wasm32") {
        return fragment.to_string();
    }
    let base = web_sys::window()
        .and_then(|window| window.location().href().ok())
        .unwrap_or_default();
    let base = base.split('#').next().unwrap_or("");
    format!("{base}{fragment}")
}

/// Applies the settings to `<html>` (`data-theme`, `lang`), where the CSS
/// and screen readers pick them up, and with `persist` remembers them.
pub fn apply_settings(settings: Settings, persist: bool) {
    let Some(window) = web_sys::window() else {
        return;
    };
    if let Some(storage) = local_storage(&window).filter(|_| persist) {
        // Failing to persist (quota, private mode) only costs the preference.
        let _ = storage.set_item(SETTINGS_KEY, &settings.encode());
    }
    if let Some(root) = window.document().and_then(|doc| doc.document_element()) {
        let _ = root.set_attribute("data-theme", settings.theme.key());
        let _ = root.set_attribute("lang", settings.language.tag());
    }
}

/// Takes away the gallery prerendered at build time (`src/bin/prerender.rs`):
/// its templates and the copy index.html's script showed, so the app's own
/// rendering of the same markup replaces it in the same task, with no frame
/// drawn in between.
pub fn remove_prerendered() {
    let Some(document) = web_sys::window().and_then(|window| window.document()) else {
        return;
    };
    if let Ok(nodes) = document.query_selector_all("[data-prerendered]") {
        for i in 0..nodes.length() {
            if let Some(element) = nodes
                .get(i)
                .and_then(|n| n.dyn_into::<web_sys::Element>().ok())
            {
                element.remove();
            }
        }
    }
}

/// Takes the program editor's text out of layout just before the editor
/// closes. Removing a `<textarea>` that holds a long program made Chromium
/// lay its whole text out again first (1.1–1.9 s for a pasted 60,000-line
/// program, in e2e/hostile.test.mjs); hidden, it is removed in 0.2 s.
///
/// Focus inside the editor (its Run button, just clicked) moves to the
/// player's Run control first: focus would otherwise fall to the page's
/// body, and removing the focused element cost Chromium a style and layout
/// pass of its own (14 of 118 ms at 2x CPU throttle, a 950-line program).
pub fn hide_editor() {
    let in_editor = web_sys::window()
        .and_then(|window| window.document())
        .and_then(|document| document.active_element())
        .is_some_and(|active| active.closest(".editor").ok().flatten().is_some());
    if in_editor {
        focus_testid("run");
    }
    if let Some(editor) = query("textarea.editor__text") {
        let _ = editor.set_attribute("hidden", "");
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

/// A listener or a timer in the browser; dropping it removes it.
#[must_use = "dropping a Subscription ends it at once"]
pub struct Subscription {
    // Held only to be dropped: that unregisters them.
    _listener: Option<EventListener>,
    _timer: Option<Interval>,
}

impl Subscription {
    fn listener(listener: Option<EventListener>) -> Subscription {
        Subscription {
            _listener: listener,
            _timer: None,
        }
    }
}

/// Calls `changed` after every change of the URL fragment (a link, the
/// back button, a typed address).
pub fn on_hash_change(changed: impl Fn() + 'static) -> Subscription {
    Subscription::listener(
        web_sys::window()
            .map(|window| EventListener::new(&window, "hashchange", move |_| changed())),
    )
}

/// Calls `pressed` with the key (`KeyboardEvent.key`, e.g. "ArrowRight")
/// of every key press on the page, except those with Ctrl, Meta or Alt and
/// those typed into a field, and whether a control (a button, a link, a
/// scroll box: anything focusable) has focus. When it returns true the key
/// was handled and the browser's own action (scrolling on space) is
/// prevented.
pub fn on_key(pressed: impl Fn(&str, bool) -> bool + 'static) -> Subscription {
    Subscription::listener(
        web_sys::window()
            .and_then(|window| window.document())
            .map(|document| {
                let options = EventListenerOptions::enable_prevent_default();
                EventListener::new_with_options(&document, "keydown", options, move |event| {
                    let Some(key) = event.dyn_ref::<web_sys::KeyboardEvent>() else {
                        return;
                    };
                    if key.ctrl_key() || key.meta_key() || key.alt_key() {
                        return;
                    }
                    let target = event
                        .target()
                        .and_then(|target| target.dyn_into::<web_sys::Element>().ok());
                    let (typing, control) = match &target {
                        Some(el) => {
                            let tag = el.tag_name();
                            let typing = matches!(tag.as_str(), "INPUT" | "TEXTAREA" | "SELECT");
                            let control = matches!(tag.as_str(), "BUTTON" | "A" | "SUMMARY")
                                || el.has_attribute("tabindex")
                                || el.has_attribute("contenteditable");
                            (typing, control)
                        }
                        None => (false, false),
                    };
                    if typing && key.key() != "Escape" {
                        return;
                    }
                    if pressed(&key.key(), control || typing) {
                        event.prevent_default();
                    }
                })
            }),
    )
}

/// The key of a keyboard event (`KeyboardEvent.key`).
pub fn key_of(event: &yew::KeyboardEvent) -> String {
    event.key()
}

fn query(selector: &str) -> Option<web_sys::Element> {
    web_sys::window()?
        .document()?
        .query_selector(selector)
        .ok()
        .flatten()
}

/// Moves focus to the element with this `data-testid`, if there is one.
pub fn focus_testid(testid: &str) {
    if let Some(el) = query(&format!("[data-testid=\"{testid}\"]")) {
        if let Ok(el) = el.dyn_into::<web_sys::HtmlElement>() {
            let _ = el.focus();
        }
    }
}

/// Moves focus to the page's main heading (after a change of route, so
/// focus never stays on a link that left the page).
pub fn focus_main_heading() {
    if let Some(el) = query("main h1") {
        if let Ok(el) = el.dyn_into::<web_sys::HtmlElement>() {
            let _ = el.focus();
        }
    }
}

/// Scrolls `inner` into view inside its scroll box `outer` (centred when it
/// was out of view), without moving the page.
fn scroll_within(outer: &web_sys::Element, inner: &web_sys::Element) {
    let (o, i) = (
        outer.get_bounding_client_rect(),
        inner.get_bounding_client_rect(),
    );
    if o.height() <= 0.0 {
        return;
    }
    if i.top() < o.top() || i.bottom() > o.bottom() {
        let centre = (i.top() - o.top()) - (o.height() - i.height().min(o.height())) / 2.0;
        outer.set_scroll_top(outer.scroll_top() + centre as i32);
    }
}

/// After a step: the running line in the listing's scroll box and the
/// state the step changed in the state pane's; with `reveal`, also the
/// listing and the state pane in the window (below the sticky bar) when
/// they are not.
pub fn follow_step(reveal: bool) {
    if let (Some(box_), Some(line)) = (
        query("[data-testid=source]"),
        query("[data-testid=source] [aria-current]"),
    ) {
        scroll_within(&box_, &line);
    }
    if let (Some(pane), Some(changed)) = (
        query("[data-testid=state-pane]"),
        query("[data-testid=state-pane] [data-changed=true]"),
    ) {
        scroll_within(&pane, &changed);
    }
    if !reveal {
        return;
    }
    let (Some(window), Some(grid)) = (web_sys::window(), query(".play__grid")) else {
        return;
    };
    let height = window
        .inner_height()
        .ok()
        .and_then(|h| h.as_f64())
        .unwrap_or(0.0);
    let rect_of = |selector: &str| query(selector).map(|e| e.get_bounding_client_rect());
    let header = rect_of(".site-header").map_or(0.0, |r| r.bottom().max(0.0));
    // Where the panes' top belongs once the bar has stuck: below the whole
    // bar on a wide screen, below the narration where the bar's parts
    // joined the page (its own box is then empty).
    let stuck = match (rect_of(".play__bar"), rect_of(".narration")) {
        (Some(bar), _) if bar.height() > 0.0 => header + bar.height(),
        (_, Some(narration)) => header + narration.height() + 8.0,
        _ => header,
    };
    let bottom_bar = rect_of(".play__controls")
        .filter(|r| r.top() > height / 2.0)
        .map_or(0.0, |r| height - r.top());
    let r = grid.get_bounding_client_rect();
    let off = r.top() - stuck;
    if off.abs() > 1.0 && (r.top() < stuck || r.bottom() > height - bottom_bar) {
        window.scroll_by_with_x_and_y(0.0, off);
    }
}

/// Scrolls the listing to line `n` (a compile error's link).
pub fn scroll_to_line(n: u32) {
    if let (Some(box_), Some(line)) = (
        query("[data-testid=source]"),
        query(&format!("[data-testid=source] [data-line=\"{n}\"]")),
    ) {
        if let Some(window) = web_sys::window() {
            let r = box_.get_bounding_client_rect();
            let height = window
                .inner_height()
                .ok()
                .and_then(|h| h.as_f64())
                .unwrap_or(0.0);
            if r.top() < 0.0 || r.top() > height / 2.0 {
                window.scroll_by_with_x_and_y(0.0, r.top() - height / 4.0);
            }
        }
        let (o, i) = (
            box_.get_bounding_client_rect(),
            line.get_bounding_client_rect(),
        );
        box_.set_scroll_top(box_.scroll_top() + (i.top() - o.top() - o.height() / 3.0) as i32);
    }
}

/// Opens every disclosure (`<details>`) before the page is printed, so a
/// printed case carries its explanation and fixes.
pub fn on_before_print() -> Subscription {
    Subscription::listener(web_sys::window().map(|window| {
        EventListener::new(&window, "beforeprint", move |_| {
            let Some(document) = web_sys::window().and_then(|w| w.document()) else {
                return;
            };
            if let Ok(all) = document.query_selector_all("details") {
                for i in 0..all.length() {
                    if let Some(el) = all
                        .item(i)
                        .and_then(|n| n.dyn_into::<web_sys::Element>().ok())
                    {
                        let _ = el.set_attribute("open", "");
                    }
                }
            }
        })
    }))
}

/// Calls `tick` every `ms` milliseconds.
pub fn every(ms: u32, tick: impl FnMut() + 'static) -> Subscription {
    Subscription {
        _listener: None,
        _timer: Some(Interval::new(ms, tick)),
    }
}

/// The `value` of the event's target (an input, select or text area), or
/// an empty string.
pub fn event_value(event: &Event) -> String {
    // All three have a `value`, and wasm-bindgen reads the property
    // structurally, so the input binding serves them all (one import, no
    // type checks).
    event
        .target()
        .map(|target| target.unchecked_into::<web_sys::HtmlInputElement>().value())
        .unwrap_or_default()
}

/// The text a text field would hold if the paste or drop `event` went
/// ahead: its value with the selection replaced by the inserted text (a
/// drop is counted as if it replaced the selection too; `None` for any
/// other event).
pub fn text_after_insert(event: &Event) -> Option<String> {
    let data = match event.dyn_ref::<web_sys::ClipboardEvent>() {
        Some(paste) => paste.clipboard_data(),
        None => event.dyn_ref::<web_sys::DragEvent>()?.data_transfer(),
    };
    let pasted = data?.get_data("text/plain").ok()?;
    // A textarea's value and selection read like an input's (structurally).
    let field = event
        .target()?
        .unchecked_into::<web_sys::HtmlInputElement>();
    // The selection counts UTF-16 code units.
    let value: Vec<u16> = field.value().encode_utf16().collect();
    let at = |v: Option<u32>| (v.unwrap_or(0) as usize).min(value.len());
    let start = at(field.selection_start().ok().flatten());
    let end = at(field.selection_end().ok().flatten()).max(start);
    let mut text = String::from_utf16_lossy(&value[..start]);
    text.push_str(&pasted);
    text.push_str(&String::from_utf16_lossy(&value[end..]));
    Some(text)
}

/// Whether the event's target (a checkbox or radio button) is checked.
pub fn event_checked(event: &Event) -> bool {
    event.target().is_some_and(|target| {
        target
            .unchecked_into::<web_sys::HtmlInputElement>()
            .checked()
    })
}

/// Reads the text of the files a drop (`drop`) or a file field (`change`)
/// delivered, one after another, and sends `done` all of it (nothing when
/// there is no file). The caller prevents the browser's own drop.
pub fn read_files(event: &Event, done: yew::Callback<String>) {
    let files = match event.dyn_ref::<web_sys::DragEvent>() {
        Some(drag) => drag.data_transfer().and_then(|d| d.files()),
        None => event
            .target()
            .and_then(|t| t.unchecked_into::<web_sys::HtmlInputElement>().files()),
    };
    let Some(files) = files else {
        return;
    };
    let list: Vec<web_sys::File> = (0..files.length()).filter_map(|i| files.get(i)).collect();
    wasm_bindgen_futures::spawn_local(async move {
        let mut text = String::new();
        for file in list {
            if let Ok(value) = JsFuture::from(file.text()).await {
                text.push_str(&value.as_string().unwrap_or_default());
                text.push('\n');
            }
        }
        done.emit(text);
    });
}

/// Stops the browser's own handling of an event (opening a dropped file).
pub fn prevent_default(event: &Event) {
    event.prevent_default();
}

/// Where the pointer was, from 0 (left) to 1 (right), across the element
/// whose handler received `event`; `None` when it has no width.
pub fn pointer_x_fraction(event: &MouseEvent) -> Option<f64> {
    let element = event
        .current_target()?
        .dyn_into::<web_sys::Element>()
        .ok()?;
    let rect = element.get_bounding_client_rect();
    (rect.width() > 0.0).then(|| (f64::from(event.client_x()) - rect.left()) / rect.width())
}

/// Puts `text` on the clipboard (`navigator.clipboard.writeText`); a
/// refusal (no permission, an insecure page) leaves the text selectable
/// in its field, so it is ignored.
pub fn copy_text(text: &str) {
    let Some(window) = web_sys::window() else {
        return;
    };
    let clipboard = js_sys::Reflect::get(&window.navigator(), &JsValue::from_str("clipboard"))
        .ok()
        .filter(|c| c.is_object());
    let Some(clipboard) = clipboard else {
        return;
    };
    let write = js_sys::Reflect::get(&clipboard, &JsValue::from_str("writeText"))
        .ok()
        .and_then(|f| f.dyn_into::<js_sys::Function>().ok());
    if let Some(promise) = write
        .and_then(|f| f.call1(&clipboard, &JsValue::from_str(text)).ok())
        .and_then(|p| p.dyn_into::<js_sys::Promise>().ok())
    {
        // Awaited so that a refusal is not an unhandled rejection.
        wasm_bindgen_futures::spawn_local(async move {
            let _ = JsFuture::from(promise).await;
        });
    }
}

/// Fetches and reads the content of the case `slug` in the background, then
/// calls `done`. The URL is relative to the page, so the site works from any
/// sub-path. Every failure comes back as a `ContentError` for the page to
/// show; nothing is logged or thrown.
pub fn load_content(
    slug: &'static str,
    done: impl FnOnce(Result<Content, ContentError>) + 'static,
) {
    wasm_bindgen_futures::spawn_local(async move { done(fetch_content(slug).await) });
}

async fn fetch_content(slug: &str) -> Result<Content, ContentError> {
    let window = web_sys::window().ok_or(ContentError::Network)?;
    let content = JsFuture::from(window.fetch_with_str(&format!("cases/{slug}.json")));
    parse_content(slug, ok_response(content).await?).await
}

/// The response a fetch resolved to, if it succeeded with a 2xx status.
async fn ok_response(fetch: JsFuture) -> Result<web_sys::Response, ContentError> {
    let response = fetch
        .await
        .ok()
        .and_then(|response| response.dyn_into::<web_sys::Response>().ok())
        .ok_or(ContentError::Network)?;
    if !response.ok() {
        return Err(ContentError::Http(response.status()));
    }
    Ok(response)
}

async fn parse_content(slug: &str, response: web_sys::Response) -> Result<Content, ContentError> {
    let not_json = || ContentError::Invalid("not JSON".to_string());
    let json = JsFuture::from(response.json().map_err(|_| not_json())?)
        .await
        .map_err(|_| not_json())?;
    if string(&json, "slug")? != slug {
        return Err(ContentError::Invalid("slug".to_string()));
    }
    Ok(Content {
        explanation: text(&json, "explanation")?,
        questions: list(&json, "questions")?
            .iter()
            .map(|q| text_of(q, "questions"))
            .collect::<Result<_, _>>()?,
        source: string(&json, "source")?,
        fixes: list(&json, "fixes")?
            .iter()
            .map(|fix| Ok((text(fix, "title")?, string(fix, "source")?)))
            .collect::<Result<_, _>>()?,
        // Absent in a file written before the quiz existed: no quiz data.
        quiz: match field(&json, "quiz") {
            Ok(_) => list(&json, "quiz")?
                .iter()
                .map(quiz_version)
                .collect::<Result<_, _>>()?,
            Err(_) => Vec::new(),
        },
        // Absent in a file written before programs were compiled at build
        // time: the compiler worker compiles them.
        programs: match field(&json, "programs") {
            Ok(_) => list(&json, "programs")?
                .iter()
                .map(program_file)
                .collect::<Result<_, _>>()?,
            Err(_) => Vec::new(),
        },
    })
}

fn program_file(v: &JsValue) -> Result<ProgramFile, ContentError> {
    let bad = |what: &str| ContentError::Invalid(format!("programs.{what}"));
    let number = |v: JsValue, what: &str, max: f64| {
        v.as_f64()
            .filter(|n| n.fract() == 0.0 && *n >= 0.0 && *n <= max)
            .ok_or_else(|| bad(what))
    };
    Ok(ProgramFile {
        variant: number(field(v, "variant")?, "variant", 1e6)? as usize,
        go: list(v, "go")?
            .into_iter()
            .map(|g| number(g, "go", 255.0).map(|g| g as u8))
            .collect::<Result<_, _>>()?,
        file: string(v, "file")?,
    })
}

fn quiz_version(v: &JsValue) -> Result<QuizVersion, ContentError> {
    let bad = |what: &str| ContentError::Invalid(format!("quiz.{what}"));
    Ok(QuizVersion {
        go: string(v, "go")?,
        outcome: Outcome::from_key(&string(v, "outcome")?).ok_or_else(|| bad("outcome"))?,
        focus: field(v, "focus")?
            .as_f64()
            .filter(|f| *f >= 0.0 && *f < 1e9)
            .ok_or_else(|| bad("focus"))? as usize,
        multi: field(v, "multi")?.as_bool().ok_or_else(|| bad("multi"))?,
        options: list(v, "options")?
            .iter()
            .map(|o| {
                Ok(QuizOption {
                    text: string(o, "text")?,
                    right: field(o, "right")?.as_bool().ok_or_else(|| bad("right"))?,
                    from: string(o, "from")?,
                })
            })
            .collect::<Result<_, _>>()?,
    })
}

/// `object[key]`, or an error naming `key` when it is missing (or `object`
/// is not an object).
fn field(object: &JsValue, key: &str) -> Result<JsValue, ContentError> {
    js_sys::Reflect::get(object, &JsValue::from_str(key))
        .ok()
        .filter(|value| !value.is_undefined() && !value.is_null())
        .ok_or_else(|| ContentError::Invalid(key.to_string()))
}

fn string(object: &JsValue, key: &str) -> Result<String, ContentError> {
    field(object, key)?
        .as_string()
        .ok_or_else(|| ContentError::Invalid(key.to_string()))
}

fn text(object: &JsValue, key: &str) -> Result<OwnedText, ContentError> {
    text_of(&field(object, key)?, key)
}

/// Reads `{"en": .., "zh": ..}`; `what` names it in errors.
fn text_of(value: &JsValue, what: &str) -> Result<OwnedText, ContentError> {
    let part = |lang: &str| {
        string(value, lang).map_err(|_| ContentError::Invalid(format!("{what}.{lang}")))
    };
    Ok(OwnedText {
        en: part("en")?,
        zh: part("zh")?,
    })
}

fn list(object: &JsValue, key: &str) -> Result<Vec<JsValue>, ContentError> {
    let value = field(object, key)?;
    if !js_sys::Array::is_array(&value) {
        return Err(ContentError::Invalid(key.to_string()));
    }
    Ok(js_sys::Array::from(&value).iter().collect())
}

/// Fetches `url` (relative to the page) as bytes, then calls `done` with
/// them or with why not (in English: it becomes part of a compile error the
/// player shows, like gosim's own limitation messages).
pub fn fetch_bytes(url: String, done: impl FnOnce(Result<Vec<u8>, String>) + 'static) {
    wasm_bindgen_futures::spawn_local(async move {
        let result = async {
            let window = web_sys::window().ok_or("no window".to_string())?;
            let response = ok_response(JsFuture::from(window.fetch_with_str(&url)))
                .await
                .map_err(|e| e.message(Language::En))?;
            let buffer = response.array_buffer().map_err(|_| "no body".to_string())?;
            let buffer = JsFuture::from(buffer)
                .await
                .map_err(|_| "body not read".to_string())?;
            Ok::<_, String>(js_sys::Uint8Array::new(&buffer).to_vec())
        }
        .await;
        done(result);
    });
}

/// Has the compiler worker compile `source` for Go 1.`go` and calls `done`
/// with the program image (`gosim::image`) or with why there is none. The
/// worker (`src/bin/compiler.rs`, built by Trunk as `compiler.js` and
/// `compiler_bg.wasm`) starts on the first call and stays.
pub fn compile_in_worker(
    source: String,
    go: u8,
    done: impl FnOnce(Result<Vec<u8>, String>) + 'static,
) {
    compiler::request(source, go, Box::new(done));
}

mod compiler {
    use std::cell::RefCell;

    use wasm_bindgen::closure::Closure;
    use wasm_bindgen::{JsCast, JsValue};

    type Done = Box<dyn FnOnce(Result<Vec<u8>, String>)>;

    /// The worker, its queue until it says it is ready (messages sent
    /// earlier would be lost while its wasm loads), and the callers waiting
    /// for an answer, by request id.
    struct Worker {
        worker: web_sys::Worker,
        ready: bool,
        queue: Vec<JsValue>,
        waiting: Vec<(u32, Done)>,
        next: u32,
        _listeners: [Closure<dyn FnMut(JsValue)>; 2],
    }

    thread_local! {
        static WORKER: RefCell<Option<Worker>> = const { RefCell::new(None) };
    }

    pub(super) fn request(source: String, go: u8, done: Done) {
        let started = WORKER.with(|w| w.borrow().is_some()) || start().is_ok();
        if !started {
            done(Err("the compiler worker could not start".to_string()));
            return;
        }
        WORKER.with(|w| {
            let mut w = w.borrow_mut();
            let Some(w) = w.as_mut() else { return };
            let id = w.next;
            w.next += 1;
            w.waiting.push((id, done));
            let message = js_sys::Array::of3(
                &JsValue::from(id),
                &JsValue::from_str(&source),
                &JsValue::from(go),
            );
            if w.ready {
                let _ = w.worker.post_message(&message);
            } else {
                w.queue.push(message.into());
            }
        });
    }

    /// Starts the worker from a blob that loads the worker's script and
    /// wasm by absolute URL: a blob worker also starts in a sandboxed frame,
    /// whose opaque origin may not start one from the site's URL.
    fn start() -> Result<(), JsValue> {
        let base = web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.base_uri().ok().flatten())
            .ok_or_else(|| JsValue::from_str("no base URL"))?;
        let url = |file: &str| {
            web_sys::Url::new_with_base(file, &base)
                .map(|u| u.href())
                .unwrap_or_default()
        };
        let script = format!(
            "self.GOPITFALLS_CASES={};importScripts({});wasm_bindgen({});",
            js_string(&url("cases/")),
            js_string(&url("compiler.js")),
            js_string(&url("compiler_bg.wasm")),
        );
        let parts = js_sys::Array::of1(&JsValue::from_str(&script));
        let options = web_sys::BlobPropertyBag::new();
        options.set_type("text/javascript");
        let blob = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options)?;
        let blob_url = web_sys::Url::create_object_url_with_blob(&blob)?;
        let worker = web_sys::Worker::new(&blob_url)?;
        let on_message = Closure::<dyn FnMut(JsValue)>::new(|event: JsValue| {
            if let Ok(event) = event.dyn_into::<web_sys::MessageEvent>() {
                answer(event.data());
            }
        });
        let on_error = Closure::<dyn FnMut(JsValue)>::new(|_event: JsValue| {
            fail_all("the compiler worker stopped with an error");
        });
        worker.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
        worker.set_onerror(Some(on_error.as_ref().unchecked_ref()));
        WORKER.with(|w| {
            *w.borrow_mut() = Some(Worker {
                worker,
                ready: false,
                queue: Vec::new(),
                waiting: Vec::new(),
                next: 0,
                _listeners: [on_message, on_error],
            })
        });
        Ok(())
    }

    /// A message from the worker: `[]` once it is ready, then `[id, image]`
    /// or `[id, null, why]` per request.
    fn answer(data: JsValue) {
        let message = js_sys::Array::from(&data);
        if message.length() == 0 {
            WORKER.with(|w| {
                if let Some(w) = w.borrow_mut().as_mut() {
                    w.ready = true;
                    for m in std::mem::take(&mut w.queue) {
                        let _ = w.worker.post_message(&m);
                    }
                }
            });
            return;
        }
        let Some(id) = message.get(0).as_f64().map(|id| id as u32) else {
            return;
        };
        let image = message.get(1);
        let result = if image.is_instance_of::<js_sys::Uint8Array>() {
            Ok(js_sys::Uint8Array::new(&image).to_vec())
        } else {
            Err(message
                .get(2)
                .as_string()
                .unwrap_or_else(|| "the compiler worker gave no answer".to_string()))
        };
        let done = WORKER.with(|w| {
            let mut w = w.borrow_mut();
            let w = w.as_mut()?;
            let at = w.waiting.iter().position(|(i, _)| *i == id)?;
            Some(w.waiting.remove(at).1)
        });
        if let Some(done) = done {
            done(result);
        }
    }

    /// The worker is gone: every caller gets `why`, and the next request
    /// starts a new worker.
    fn fail_all(why: &str) {
        let waiting = WORKER.with(|w| {
            w.borrow_mut()
                .take()
                .map(|w| {
                    w.worker.terminate();
                    w.waiting
                })
                .unwrap_or_default()
        });
        for (_, done) in waiting {
            done(Err(why.to_string()));
        }
    }

    /// `s` as a JavaScript string literal.
    fn js_string(s: &str) -> String {
        let mut out = String::from("\"");
        for c in s.chars() {
            match c {
                '"' | '\\' => {
                    out.push('\\');
                    out.push(c);
                }
                c if (c as u32) < 0x20 || c == '\u{2028}' || c == '\u{2029}' => {
                    out.push_str(&format!("\\u{:04x}", c as u32));
                }
                c => out.push(c),
            }
        }
        out.push('"');
        out
    }
}
