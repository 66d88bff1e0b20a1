//! The virtual machine: values, bytecode, heap, goroutines and scheduling.
//!
//! Owns running a compiled [`op::Program`]. Everything a run does is a
//! deterministic function of the program, the configuration and the
//! scheduling choices taken at each [`sched::Point`].

pub mod events;
mod fmtconv;
pub mod heap;
mod library;
pub mod machine;
pub mod natives;
pub mod op;
pub mod race;
pub mod sched;
pub mod unicase;
pub mod value;
pub mod view;
