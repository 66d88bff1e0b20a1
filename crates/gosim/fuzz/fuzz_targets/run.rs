//! Fuzz target `run`: arbitrary UTF-8 Go source compiled and run to its end
//! under small step and memory budgets, then stepped as the player does
//! (a session, a snapshot, a jump back, another snapshot). Every input must
//! end with a verdict within the budgets; it does not explore schedules.
#![no_main]

use gosim::session::{Session, StepBy};
use gosim::RunConfig;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(src) = std::str::from_utf8(data) else {
        return;
    };
    // Small budgets keep each input to milliseconds, so libFuzzer's timeout
    // flags a real hang (work not charged in proportion), not a long loop.
    let cfg = RunConfig {
        max_steps: 100_000,
        max_memory: 32 << 20,
        ..RunConfig::default()
    };
    let _ = gosim::run(src, &cfg);
    if let Ok(mut s) = Session::new(src, &cfg, StepBy::Statement) {
        s.run(500);
        let _ = s.snapshot();
        s.goto(s.position() / 2);
        let _ = s.snapshot();
    }
});
