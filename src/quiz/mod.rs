//! Classroom quiz mode, on the static site: a learner predicts what a
//! case's program does before seeing it run, a teacher hands out an
//! assignment as a link, collects result codes and reads the class's
//! answers, or runs the quiz on a projector.
//!
//! Module map, from the ground up: `text` (percent-encoding, the checksum
//! hash, numbers as the quiz prints them), `assignment` (what a quiz asks,
//! and its link), `question` (a question built from a case's quiz data,
//! options shuffled by the link's seed), `scoring`, `progress` (what
//! localStorage keeps), `code` (the result code a learner hands in), `csv`,
//! `class` (reading pasted codes into a table), `model` (every page's state
//! and its `Msg`s: the quiz's one reducer), and the views: `learner`,
//! `teacher`, `presenter`, and `view` (the component and its effects). The
//! question data (options, answers, the step the reveal opens at) comes
//! from each case's JSON, computed at build time by `crates/case-export`;
//! the quiz runs no search. The browser is reached only through
//! `platform`; the reveal reuses the playground through its component.

pub mod assignment;
pub mod class;
pub mod code;
pub mod csv;
pub mod learner;
pub mod model;
pub mod presenter;
pub mod progress;
pub mod question;
pub mod scoring;
pub mod teacher;
pub mod text;
pub mod view;

pub use view::{QuizRoom, QuizRoomProps};
