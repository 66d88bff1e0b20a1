//! Compiled programs for the player: where a (source, Go release) pair's
//! program comes from.
//!
//! The browser build does not carry gosim's compiler (it would be a third
//! of the wasm). A case's program and fixes were compiled at build time
//! (`crates/case-export` writes their images and lists them in the case's
//! JSON); any other program, an edit or a shared one, is compiled by the
//! compiler worker (`src/bin/compiler.rs`) on first use. Either way the
//! image lands in this module's cache, and the player compiles through
//! [`compiled`], which then finds it. So the player stays synchronous: the
//! page asks [`ready`] before a command that needs a new program and, if not,
//! [`load`]s it first. Native builds (the tests) compile directly.
//!
//! Owns the cache and the choice between a case's image (listed in its
//! `content`) and the worker; the fetching and the worker itself are
//! `platform`'s.

use gosim::config::{GoVersion, RunConfig};
use gosim::image::Compiled;

use crate::cases::Case;

/// The program for `source` under `run`'s release: compiled here natively;
/// in the browser, from the cache (a page calls [`load`] first, so a miss
/// is a bug, reported as a compile error rather than a panic).
pub fn compiled(source: &str, run: &RunConfig) -> Compiled {
    #[cfg(not(target_arch = "wasm32"))]
    {
        gosim::program::compile(source, run)
    }
    #[cfg(target_arch = "wasm32")]
    {
        cache::get(source, run.go_version).unwrap_or_else(|| Err(unavailable("not loaded yet")))
    }
}

/// Whether [`compiled`] has the program without waiting.
pub fn ready(source: &str, go: GoVersion) -> bool {
    cfg!(not(target_arch = "wasm32")) || cache::get(source, go).is_some()
}

/// Makes [`compiled`] ready for (`source`, `go`), then calls `done`: from
/// `case`'s images when it is one of the case's programs, else (or when the
/// image cannot be had) from the compiler worker. A failure of both is kept
/// as the program's compile error, so the page shows it and never waits
/// forever.
pub fn load(case: &'static Case, source: String, go: GoVersion, done: impl FnOnce() + 'static) {
    if ready(&source, go) {
        done();
        return;
    }
    let Some(file) = image_file(case, &source, go) else {
        return compile_elsewhere(source, go, done);
    };
    crate::platform::fetch_bytes(format!("cases/{file}"), move |bytes| {
        match bytes.map(|b| gosim::image::decode(&b)) {
            Ok(Ok(compiled)) => {
                cache::put(source, go, compiled);
                done();
            }
            // Not there, or from another build of gosim (a cached file):
            // the worker compiles it instead.
            _ => compile_elsewhere(source, go, done),
        }
    });
}

/// Has the compiler worker compile (`source`, `go`) into the cache.
fn compile_elsewhere(source: String, go: GoVersion, done: impl FnOnce() + 'static) {
    crate::platform::compile_in_worker(source.clone(), go.minor(), move |image| {
        let compiled = match image.map(|b| gosim::image::decode(&b)) {
            Ok(Ok(compiled)) => compiled,
            Ok(Err(e)) => Err(unavailable(&e.to_string())),
            Err(why) => Err(unavailable(&why)),
        };
        cache::put(source, go, compiled);
        done();
    });
}

/// The image file of `source` under `go`, if `source` is `case`'s program
/// or one of its fixes.
fn image_file(case: &Case, source: &str, go: GoVersion) -> Option<String> {
    let variant = if source == case.source {
        0
    } else {
        1 + case.fixes.iter().position(|fix| fix.source == source)?
    };
    crate::content::program_files(case.slug)?
        .iter()
        .find(|f| f.variant == variant && f.go.contains(&go.minor()))
        .map(|f| f.file.clone())
}

/// The compile error that stands for a program the page could not get.
fn unavailable(why: &str) -> gosim::CompileErrors {
    gosim::CompileErrors {
        file_name: "./prog.go".to_string(),
        errors: vec![gosim::program::CompileError {
            at: None,
            message: format!("gosim could not load this program's compiled form: {why}"),
            limitation: true,
        }],
    }
}

mod cache {
    use std::cell::RefCell;

    use gosim::config::GoVersion;
    use gosim::image::Compiled;

    /// Programs kept: a page switches between a case's program, its fixes,
    /// an edit or two and a few releases; older entries make room.
    const KEEP: usize = 24;

    thread_local! {
        static PROGRAMS: RefCell<Vec<(u8, String, Compiled)>> = const { RefCell::new(Vec::new()) };
    }

    pub(super) fn get(source: &str, go: GoVersion) -> Option<Compiled> {
        PROGRAMS.with(|p| {
            p.borrow()
                .iter()
                .find(|(g, s, _)| *g == go.minor() && s == source)
                .map(|(_, _, c)| c.clone())
        })
    }

    pub(super) fn put(source: String, go: GoVersion, compiled: Compiled) {
        PROGRAMS.with(|p| {
            let mut p = p.borrow_mut();
            p.retain(|(g, s, _)| !(*g == go.minor() && *s == source));
            if p.len() >= KEEP {
                let _evicted = p.remove(0);
            }
            p.push((go.minor(), source, compiled));
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::ProgramFile;

    #[test]
    fn a_case_program_or_fix_maps_to_its_image_for_the_release() {
        let case = crate::cases::CASES
            .iter()
            .find(|c| !c.fixes.is_empty() && c.loaded)
            .expect("a case with a fix compiled in");
        crate::content::remember_programs(
            case.slug,
            vec![
                ProgramFile {
                    variant: 0,
                    go: vec![21, 22],
                    file: "p/a.bin".into(),
                },
                ProgramFile {
                    variant: 1,
                    go: vec![27],
                    file: "p/b.bin".into(),
                },
            ],
        );
        assert_eq!(
            image_file(case, case.source, GoVersion::GO1_22).as_deref(),
            Some("p/a.bin")
        );
        assert_eq!(
            image_file(case, case.fixes[0].source, GoVersion::CURRENT).as_deref(),
            Some("p/b.bin")
        );
        assert_eq!(
            image_file(case, case.fixes[0].source, GoVersion::GO1_21),
            None
        );
        assert_eq!(image_file(case, "package main", GoVersion::CURRENT), None);
    }

    #[test]
    fn the_cache_keeps_the_latest_programs_by_source_and_release() {
        let ok = gosim::program::compile("package main\nfunc main() {}\n", &RunConfig::default());
        for i in 0..30 {
            cache::put(format!("src{i}"), GoVersion::CURRENT, ok.clone());
        }
        assert!(cache::get("src29", GoVersion::CURRENT).is_some());
        assert!(cache::get("src29", GoVersion::GO1_21).is_none());
        assert!(
            cache::get("src0", GoVersion::CURRENT).is_none(),
            "the oldest made room"
        );
        // Native builds compile directly and are always ready.
        assert!(ready("anything", GoVersion::GO1_21));
        assert!(compiled("package main\nfunc main() {}\n", &RunConfig::default()).is_ok());
    }
}
