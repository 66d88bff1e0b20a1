//! The app's native integration tests, in one test binary (one link of the
//! app and gosim instead of one per file): Yew SSR renders of the app's
//! components (`ssr`), of the playground's widgets (`playground_ssr`) and
//! of the quiz's pages driven through their model (`quiz_ssr`),
//! asserted as HTML, and the case-file format and content (`case_files`).
//! `tests/web.rs` is the browser-only binary, run by wasm-bindgen-test.
#![cfg(not(target_arch = "wasm32"))]
// Native-only code: the wasm-size rule against the standard sorts
// (clippy.toml) does not apply.
#![allow(clippy::disallowed_methods)]

mod case_files;
mod playground_ssr;
mod quiz_ssr;
mod ssr;
mod support;
