//! The JSON messages a trace viewer receives (`--trace-ws`) and the lines a trace file holds
//! (`--trace-file`): the one place that schema is defined. The crate README documents it.
//!
//! Every message is one JSON object with a `"type"` and a `"t_us"` (microseconds since the
//! trace clock started, when the viewer machinery was created). The trace events themselves
//! are [`TraceEvent`]s serialized flat, with their variant name as the type; the other types
//! are defined here. No message ever carries payload bytes: `io` events say how many bytes a
//! `read` or `write` moved, never which.
//!
//! This module only builds strings. It must not send, queue or decide anything; bump
//! [`SCHEMA_VERSION`] when a field changes meaning or disappears (adding a field does not).

use crate::server::{LoopInfo, Mode, Stats, Summary};
use crate::trace::TraceEvent;
use serde::Serialize;

/// The version the `hello` message announces.
pub const SCHEMA_VERSION: u32 = 1;

/// The first message on every connection and the first line of every file.
#[derive(Clone, Debug, Serialize)]
pub struct Hello {
    pub schema: u32,
    /// Always `"epoll-echo"`.
    pub server: &'static str,
    /// The crate version.
    pub version: &'static str,
    pub pid: u32,
    /// The echo server's address, `IP:PORT`.
    pub addr: String,
    pub mode: Mode,
    /// Number of event loops.
    pub loops: usize,
    /// Each loop's epoll and listener descriptors: a viewer that joins late has missed the
    /// `epoll_create` and `epoll_ctl` events that named them.
    pub loop_fds: Vec<LoopInfo>,
    pub strict_eagain: bool,
    /// How many messages may wait for this viewer before events are dropped.
    pub queue_bound: usize,
    /// How often `drops` and `stats` messages come.
    pub report_interval_ms: u64,
    /// For a file recorded with a cap: how many per-message events (`epoll_wait`, `io`,
    /// `park`, `ready`) it keeps; the rest are counted in `capped_total`. Events that open or
    /// close descriptors are always kept.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub max_events: Option<u64>,
}

/// Sent every report interval: how many events this viewer did not get. Gaps happen when a
/// viewer (or the sender thread) falls behind; a viewer should treat pollDesc states as
/// uncertain after one, until the next event for that descriptor.
#[derive(Clone, Copy, Debug, Serialize)]
pub struct Drops {
    /// Since the previous `drops` message.
    pub dropped: u64,
    pub dropped_total: u64,
    /// For a capped file: per-message events left out after the cap.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub capped_total: Option<u64>,
}

/// The trace's message types other than the trace events.
#[derive(Serialize)]
#[serde(tag = "type", rename_all = "snake_case")]
enum Control<'a> {
    Hello(&'a Hello),
    Drops(Drops),
    /// Every loop's counters (the `Stats` fields), every report interval.
    Stats {
        loops: &'a [Stats],
    },
    /// The last message: why the server stopped and its final counters.
    Summary(&'a Summary),
}

#[derive(Serialize)]
struct Stamped<T> {
    t_us: u64,
    #[serde(flatten)]
    body: T,
}

fn to_json<T: Serialize>(t_us: u64, body: T) -> String {
    // Serializing these types cannot fail: every map key is a string, and no value is a
    // float (so no NaN) or a custom serializer that errors.
    serde_json::to_string(&Stamped { t_us, body }).expect("trace messages always serialize")
}

/// `{"type":"accept","t_us":...,"loop_id":0,...}` and the like.
pub fn event(t_us: u64, ev: &TraceEvent) -> String {
    to_json(t_us, ev)
}

pub fn hello(t_us: u64, hello: &Hello) -> String {
    to_json(t_us, Control::Hello(hello))
}

pub fn drops(t_us: u64, drops: Drops) -> String {
    to_json(t_us, Control::Drops(drops))
}

pub fn stats(t_us: u64, loops: &[Stats]) -> String {
    to_json(t_us, Control::Stats { loops })
}

pub fn summary(t_us: u64, summary: &Summary) -> String {
    to_json(t_us, Control::Summary(summary))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::trace::{io_event, IoOp};
    use serde_json::Value;

    fn parse(s: &str) -> Value {
        serde_json::from_str(s).expect("valid JSON")
    }

    #[test]
    fn every_message_is_flat_with_a_type_and_a_time() {
        let ev = parse(&event(7, &io_event(0, 9, IoOp::Read, 16384, &Ok(64))));
        assert_eq!(ev["type"], "io");
        assert_eq!(ev["t_us"], 7);
        assert_eq!(ev["fd"], 9);
        assert_eq!(ev["ret"], 64);
        assert!(ev.get("errno").is_none(), "no errno on success: {ev}");
        let h = Hello {
            schema: SCHEMA_VERSION,
            server: "epoll-echo",
            version: "0.1.0",
            pid: 1,
            addr: "127.0.0.1:2333".into(),
            mode: Mode::Echo,
            loops: 1,
            loop_fds: vec![LoopInfo {
                loop_id: 0,
                epfd: 6,
                listener_fd: 3,
            }],
            strict_eagain: false,
            queue_bound: 4096,
            report_interval_ms: 1000,
            max_events: None,
        };
        let hv = parse(&hello(0, &h));
        assert_eq!(hv["type"], "hello");
        assert_eq!(hv["schema"], SCHEMA_VERSION);
        assert_eq!(hv["mode"], "echo");
        assert_eq!(hv["loop_fds"][0]["epfd"], 6);
        assert!(hv.get("max_events").is_none());
        let d = parse(&drops(
            5,
            Drops {
                dropped: 3,
                dropped_total: 10,
                capped_total: None,
            },
        ));
        assert_eq!(
            (d["type"].as_str(), d["dropped"].as_u64()),
            (Some("drops"), Some(3))
        );
        let st = parse(&stats(6, &[Stats::default()]));
        assert_eq!(st["type"], "stats");
        assert_eq!(st["loops"][0]["accepted"], 0);
        let sm = parse(&summary(
            8,
            &Summary {
                cause: "SIGTERM".into(),
                loops: 1,
                closed_at_shutdown: 0,
                stats: Stats::default(),
                trace_drops: Some(4),
            },
        ));
        assert_eq!(sm["type"], "summary");
        assert_eq!(sm["cause"], "SIGTERM");
        assert_eq!(sm["trace_drops"], 4);
    }
}
