//! The app's view components, one small component per file.
//!
//! Components render from props and the app context only. They must not touch
//! the browser directly (that is `platform.rs`) and must not know where case
//! data comes from beyond the `&'static [Case]` they are given.

pub mod case_card;
pub mod case_view;
pub mod footer;
pub mod gallery;
pub mod header;
pub mod icons;
pub mod not_found;
pub mod outcome_badge;

pub use case_card::CaseCard;
pub use case_view::CaseView;
pub use footer::Footer;
pub use gallery::Gallery;
pub use header::Header;
pub use not_found::NotFound;
pub use outcome_badge::OutcomeBadge;
