//! Fuzz target `check`: arbitrary bytes, read as UTF-8 Go source, through
//! the parser, checker and compiler. A crash, a hang or an allocation beyond
//! libFuzzer's `-rss_limit_mb` is a bug: user input must only ever end in a
//! program or a list of compile errors. Runs nothing.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(src) = std::str::from_utf8(data) else {
        return;
    };
    let _ = gosim::compile(src, &gosim::RunConfig::default());
});
