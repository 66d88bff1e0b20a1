//! The computing half of case-export, as a library: the program images of a
//! case (`images`), and the quiz data of a case (`quiz`), which the binary writes into each case's JSON and the app's
//! native tests compute directly, so they check the same questions the
//! browser reads; the oEmbed responses and link-preview pages (`oembed`);
//! and JSON string literals (`json`). Native only; never part of the wasm.

pub mod images;
pub mod json;
pub mod oembed;
pub mod quiz;
