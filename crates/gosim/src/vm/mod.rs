//! The virtual machine: values, bytecode, heap, goroutines and scheduling.
//!
//! Owns running a compiled [`op::Program`]. Everything a run does is a
//! deterministic function of the program, the configuration and the
//! scheduling choices taken at each [`crate::schedule::Point`].

mod call;
mod chanops;
mod convert;
pub mod events;
pub mod fault;
mod fmtconv;
mod gc;
pub mod goroutine;
pub mod heap;
mod interp;
mod library;
pub mod machine;
pub mod natives;
mod objtable;
pub mod op;
mod panic;
pub mod race;
pub mod sched;
mod slice;
mod time;
pub mod unicase;
pub mod value;
pub mod view;
