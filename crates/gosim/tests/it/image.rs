//! Program images (`gosim::image`): every case, fix and corpus program
//! compiled, written as an image, read back and run gives the run that
//! compiling it directly gives. The browser runs only such images, so this
//! is the browser's conformance.

use std::fs;

use gosim::config::{GoVersion, RunConfig};
use gosim::image;
use gosim::session::{Session, StepBy};

use crate::support;

/// A bounded run: the stdout, stderr and ending it reaches.
fn run(mut session: Session) -> (String, String, String) {
    session.run(200_000);
    let snap = session.snapshot();
    (snap.stdout, snap.stderr, format!("{:?}", snap.ending))
}

fn check(label: &str, src: &str, go: GoVersion) -> Result<(), String> {
    let cfg = RunConfig {
        go_version: go,
        ..RunConfig::default()
    };
    let compiled = gosim::program::compile(src, &cfg);
    let bytes = image::encode(&compiled);
    let back = image::decode(&bytes).map_err(|e| format!("{label}: {e}"))?;
    match (compiled, back) {
        (Ok(direct), Ok(read)) => {
            let want = run(Session::with_program(direct, &cfg, StepBy::Statement));
            let got = run(Session::with_program(read, &cfg, StepBy::Statement));
            if want != got {
                return Err(format!("{label} under {}: runs differ", go.label()));
            }
        }
        (Err(want), Err(got)) if want == got => {}
        _ => return Err(format!("{label}: compile result changed")),
    }
    Ok(())
}

#[test]
fn images_of_cases_fixes_and_the_corpus_run_as_their_sources_do() {
    let mut programs: Vec<(String, String)> = Vec::new();
    for (_, case) in support::cases() {
        programs.push((case.slug.clone(), case.source.clone()));
        for (i, fix) in case.fixes.iter().enumerate() {
            programs.push((format!("{} fix {}", case.slug, i + 1), fix.source.clone()));
        }
    }
    let corpus = support::test_data("corpus");
    let mut names: Vec<_> = fs::read_dir(&corpus)
        .expect("corpus dir")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "go"))
        .collect();
    names.sort();
    for path in names {
        let src = fs::read_to_string(&path).expect("corpus file");
        programs.push((path.display().to_string(), src));
    }
    assert!(programs.len() > 150, "found {} programs", programs.len());
    let mut failures = Vec::new();
    for (label, src) in &programs {
        for go in [GoVersion::GO1_21, GoVersion::CURRENT] {
            if let Err(e) = check(label, src, go) {
                failures.push(e);
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
