//! The playground: step through a case's program with goroutines,
//! channels and locks drawn live, be the scheduler, explore every outcome,
//! edit the code and share the exact state as a link.
//!
//! Module map: `controller` (stepping over a gosim `Session`), `embed`
//! (the framed widget's options and the "Embed this" snippets), `model`
//! (the page's actions), `share` (link format and compression), `narrate`
//! (the per-step sentence), `num` (numbers as the views print them),
//! `source_view`, `widgets`, `panels` and `timeline` (pure views), `view`
//! (the component and its timers, keys and URL effects). The browser is
//! reached only through `platform` (timers, keys, the address bar, a
//! click's position, a field's value); the rest is tested natively.

pub mod controller;
pub mod embed;
pub mod model;
pub mod narrate;
pub mod num;
pub mod panels;
pub mod share;
pub mod source_view;
pub mod timeline;
pub mod view;
pub mod widgets;

pub use view::Playground;
