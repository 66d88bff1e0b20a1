//! Fuzz target `explore`: arbitrary UTF-8 Go source explored over its
//! schedules under small budgets (schedules, steps, work, memory). Every
//! input must end with a report or a compile error, never a crash or hang.
#![no_main]

use gosim::explore::{ExploreConfig, Explorer};
use gosim::RunConfig;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(src) = std::str::from_utf8(data) else {
        return;
    };
    let cfg = RunConfig {
        max_steps: 60_000,
        max_memory: 32 << 20,
        ..RunConfig::default()
    };
    let ecfg = ExploreConfig {
        max_schedules: 50,
        random_runs: 2,
        max_steps_per_run: 30_000,
        max_work: 100_000,
        max_memory: 32 << 20,
        ..ExploreConfig::default()
    };
    if let Ok(mut e) = Explorer::new(src, &cfg, ecfg) {
        let _ = e.run_to_end();
    }
});
