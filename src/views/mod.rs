//! The app's views, one small view per file. They are plain functions
//! from data (and the language) to `Html` rather than components: each
//! component costs the wasm its own copy of Yew's lifecycle code, and none
//! of these holds state of its own.
//!
//! Views render from their arguments only. They must not touch
//! the browser directly (that is `platform.rs`) and must not know where case
//! data comes from beyond the `&'static [Case]` they are given.

pub mod case_card;
pub mod case_view;
pub mod embed_page;
pub mod footer;
pub mod gallery;
pub mod header;
pub mod not_found;
pub mod outcome_badge;

pub use case_card::case_card;
pub use case_view::case_view;
pub use footer::footer;
pub use gallery::gallery;
pub use header::header;
pub use not_found::not_found;
pub use outcome_badge::outcome_badge;
