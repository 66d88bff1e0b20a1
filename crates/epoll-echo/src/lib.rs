//! `epoll-echo`: a native Linux echo server built the way Go's netpoller is built, and the load
//! generator that measures it.
//!
//! The crate is a library with a thin binary on top, so tests can run the server in-process.
//! Module map: `sys` holds every libc call; `netpoll` mirrors runtime/netpoll.go (`pollDesc`,
//! `netpollinit`, `netpollopen`, `netpoll`); `server` is the scheduler loop and the connection
//! tasks; `listen` binds the listeners and keeps the SO_REUSEPORT group ours; `reserve` keeps
//! accepting correct at the descriptor limit; `trace` is the structured event stream, `wire`
//! its JSON schema and `viewer` the WebSocket and file viewers; `bench` is the load
//! generator; `cli` parses arguments. There is no async runtime anywhere: every readiness
//! event of the echo path comes from our own `epoll_wait`, and the viewers are plain threads.

// Everything here is Linux-only (epoll, signalfd, eventfd, /proc). On other targets, such as
// a workspace-wide wasm32 check, the crate compiles to nothing instead of failing.
#[cfg(target_os = "linux")]
pub mod bench;
#[cfg(target_os = "linux")]
pub mod cli;
#[cfg(target_os = "linux")]
pub mod listen;
#[cfg(target_os = "linux")]
pub mod netpoll;
#[cfg(target_os = "linux")]
pub mod reserve;
#[cfg(target_os = "linux")]
pub mod server;
#[cfg(target_os = "linux")]
pub mod sys;
#[cfg(target_os = "linux")]
pub mod trace;
#[cfg(target_os = "linux")]
pub mod viewer;
#[cfg(target_os = "linux")]
pub mod wire;

#[cfg(target_os = "linux")]
pub use server::{BoundServer, Mode, Server, ServerConfig, ShutdownHandle, Stats, Summary};
#[cfg(target_os = "linux")]
pub use trace::{Trace, TraceEvent, TraceSink};
#[cfg(target_os = "linux")]
pub use viewer::{HubConfig, TraceHub};
