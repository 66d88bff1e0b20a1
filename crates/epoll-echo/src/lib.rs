//! `epoll-echo`: a native Linux echo server built the way Go's netpoller is built, and the load
//! generator that measures it.
//!
//! The crate is a library with a thin binary on top, so tests can run the server in-process.
//! Module map: `sys` holds every libc call; `netpoll` mirrors runtime/netpoll.go (`pollDesc`,
//! `netpollinit`, `netpollopen`, `netpoll`); `server` is the scheduler loop and the connection
//! tasks; `trace` is the structured event stream; `bench` is the load generator; `cli` parses
//! arguments. There is no async runtime anywhere: every readiness event comes from our own
//! `epoll_wait`.

pub mod bench;
pub mod cli;
pub mod netpoll;
pub mod server;
pub mod sys;
pub mod trace;

pub use server::{Mode, Server, ServerConfig, ShutdownHandle, Stats, Summary};
pub use trace::{TraceEvent, TraceSink};
