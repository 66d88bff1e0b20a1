//! Embeds the case files in `cases/` into the app at build time.
//!
//! Parses every `cases/*.toml` (see `crates/case-data` for the format) and
//! writes `$OUT_DIR/cases.rs`, which `src/cases.rs` includes. An invalid case
//! file fails the build with the file name and the reason, so a broken case can
//! never ship. `GOPITFALLS_CASES_DIR` points the build at another directory
//! (used to try the app with fixture data).
//!
//! For the browser (wasm32) only the gallery metadata is compiled in; each
//! case's heavy content is fetched at run time from the JSON files that
//! `crates/case-export` writes (see `case_data::render`). Native builds (tests,
//! server-side rendering) embed everything.

use std::path::PathBuf;

fn main() {
    println!("cargo:rerun-if-env-changed=GOPITFALLS_CASES_DIR");
    let dir = case_data::cases_dir();
    // Cargo rescans a directory given here for any changed, added or removed file.
    println!("cargo:rerun-if-changed={}", dir.display());

    let loaded = match case_data::load_dir(&dir) {
        Ok(loaded) => loaded,
        Err(message) => {
            eprintln!("error: invalid case file: {message}");
            std::process::exit(1);
        }
    };
    let mut cases: Vec<case_data::CaseFile> = loaded.into_iter().map(|(_, case)| case).collect();
    case_data::sort_for_gallery(&mut cases);

    let out_dir =
        PathBuf::from(std::env::var_os("OUT_DIR").expect("cargo sets OUT_DIR for build scripts"));
    // Cargo tells build scripts the target in env vars, not via cfg.
    let wasm = std::env::var("CARGO_CFG_TARGET_ARCH").is_ok_and(|arch| arch == "wasm32");
    let code = case_data::render(&cases, !wasm);
    if let Err(e) = std::fs::write(out_dir.join("cases.rs"), code) {
        eprintln!("error: cannot write generated cases.rs: {e}");
        std::process::exit(1);
    }
}
