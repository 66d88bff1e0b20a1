//! Checks the talk's case files in `cases/*.toml`: they parse with the key
//! names the web build and the gallery rely on, every text is bilingual, the
//! section and outcome are known, and every runnable program (case source and
//! each fix) has a real-Go recording for the conformance test.
//!
//! This file reads the case files only; it does not run programs (that is
//! conformance.rs) and does not decide how cases are displayed.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

use serde::Deserialize;

const SECTIONS: &[&str] = &[
    "channel",
    "mutex",
    "syncmap",
    "once",
    "waitgroup",
    "cond",
    "defer",
    "shadow",
    "timer",
    "netpoll",
];
const OUTCOMES: &[&str] = &[
    "deadlock",
    "leak",
    "panic",
    "nondeterministic",
    "wrong-value",
    "endless-loop",
    "ok",
];

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Text {
    en: String,
    zh: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Fix {
    title: Text,
    explanation: Text,
    source: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Case {
    number: u32,
    slug: String,
    section: String,
    title: Text,
    summary: Text,
    explanation: Text,
    questions: Vec<Text>,
    outcome: String,
    runnable: bool,
    #[serde(default)]
    go: Option<String>,
    source: String,
    #[serde(default)]
    fixes: Vec<Fix>,
}

fn cases_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../cases")
}

fn recorded_cases_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/recorded/cases")
}

fn has_cjk(s: &str) -> bool {
    s.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c))
}

fn check_text(what: &str, t: &Text, problems: &mut Vec<String>) {
    if t.en.trim().is_empty() {
        problems.push(format!("{what}: empty English text"));
    }
    if !has_cjk(&t.zh) {
        problems.push(format!("{what}: the zh text has no Chinese characters"));
    }
    if has_cjk(&t.en) {
        problems.push(format!("{what}: the en text contains Chinese characters"));
    }
}

fn check_program(what: &str, src: &str, problems: &mut Vec<String>) {
    if !src.starts_with("package main\n") {
        problems.push(format!("{what}: source must start with `package main`"));
    }
    if !src.contains("\nfunc main() {") {
        problems.push(format!("{what}: source has no func main"));
    }
    if src.contains("\r") || src.lines().any(|l| l.starts_with("    ")) {
        problems.push(format!(
            "{what}: source is not gofmt-formatted (CR or space indentation)"
        ));
    }
}

/// Loads every case file, keyed by file stem.
fn load_cases(problems: &mut Vec<String>) -> BTreeMap<String, Case> {
    let mut cases = BTreeMap::new();
    let entries = fs::read_dir(cases_dir()).expect("cases/ exists at the repository root");
    for entry in entries.flatten() {
        let path = entry.path();
        if path.extension().is_none_or(|e| e != "toml") {
            continue;
        }
        let stem = path
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default();
        let parsed = fs::read_to_string(&path)
            .map_err(|e| e.to_string())
            .and_then(|text| toml::from_str::<Case>(&text).map_err(|e| e.to_string()));
        match parsed {
            Ok(case) => {
                cases.insert(stem, case);
            }
            Err(e) => problems.push(format!("{stem}.toml does not parse: {e}")),
        }
    }
    cases
}

#[test]
fn case_files_are_complete_and_recorded() {
    let mut problems = Vec::new();
    let cases = load_cases(&mut problems);

    for (stem, case) in &cases {
        let Some((prefix, slug)) = stem.split_once('-') else {
            problems.push(format!("{stem}: file name must be NN-slug.toml"));
            continue;
        };
        let file_number: u32 = prefix.parse().unwrap_or(0);
        if prefix.len() != 2 || slug != case.slug {
            problems.push(format!("{stem}: file name must be NN-{}.toml", case.slug));
        }
        if case.number != 0 && case.number != file_number {
            problems.push(format!(
                "{stem}: number {} does not match the file name",
                case.number
            ));
        }
        if case.number == 0 && file_number <= 16 {
            problems.push(format!("{stem}: unnumbered items sort after the 16 cases"));
        }
        if !SECTIONS.contains(&case.section.as_str()) {
            problems.push(format!("{stem}: unknown section {:?}", case.section));
        }
        if !OUTCOMES.contains(&case.outcome.as_str()) {
            problems.push(format!("{stem}: unknown outcome {:?}", case.outcome));
        }
        if let Some(go) = &case.go {
            let minor = go.strip_prefix("1.").and_then(|m| m.parse::<u32>().ok());
            if minor.is_none_or(|m| m < 21) {
                problems.push(format!(
                    "{stem}: go = {go:?} is not a Go release gosim models (1.21+)"
                ));
            }
        }
        check_text(&format!("{stem} title"), &case.title, &mut problems);
        check_text(&format!("{stem} summary"), &case.summary, &mut problems);
        check_text(
            &format!("{stem} explanation"),
            &case.explanation,
            &mut problems,
        );
        if case.questions.is_empty() {
            problems.push(format!("{stem}: no questions"));
        }
        for (i, q) in case.questions.iter().enumerate() {
            check_text(&format!("{stem} question {}", i + 1), q, &mut problems);
        }
        check_program(&format!("{stem} source"), &case.source, &mut problems);
        for (i, fix) in case.fixes.iter().enumerate() {
            let what = format!("{stem} fix{}", i + 1);
            check_text(&format!("{what} title"), &fix.title, &mut problems);
            check_text(
                &format!("{what} explanation"),
                &fix.explanation,
                &mut problems,
            );
            check_program(&what, &fix.source, &mut problems);
        }
        if case.runnable && case.number != 0 && case.fixes.is_empty() {
            problems.push(format!("{stem}: a numbered case needs at least one fix"));
        }

        if !case.runnable {
            continue;
        }
        let mut expected = vec![(format!("{stem}.json"), format!("cases/{stem}.toml#source"))];
        for i in 1..=case.fixes.len() {
            expected.push((
                format!("{stem}.fix{i}.json"),
                format!("cases/{stem}.toml#fix{i}"),
            ));
        }
        if case.go.as_deref() == Some("1.21") {
            let extra: Vec<_> = expected
                .iter()
                .map(|(f, p)| (f.replace(".json", ".go121.json"), p.clone()))
                .collect();
            expected.extend(extra);
        }
        for (file, program) in expected {
            let path = recorded_cases_dir().join(&file);
            match fs::read_to_string(&path) {
                Ok(text) => {
                    let json: serde_json::Value = serde_json::from_str(&text).unwrap_or_default();
                    if json.get("program").and_then(|p| p.as_str()) != Some(program.as_str()) {
                        problems.push(format!("{file}: recording is not for {program}"));
                    }
                }
                Err(_) => problems.push(format!(
                    "{stem}: missing recording tests/recorded/cases/{file}"
                )),
            }
        }
    }

    let numbers: Vec<u32> = cases
        .values()
        .map(|c| c.number)
        .filter(|&n| n != 0)
        .collect();
    for n in 1..=16 {
        let count = numbers.iter().filter(|&&m| m == n).count();
        if count != 1 {
            problems.push(format!("case {n} appears {count} times, expected once"));
        }
    }
    assert!(
        cases.len() >= 18,
        "expected the 16 cases plus 2 extra items, found {}",
        cases.len()
    );
    assert!(
        problems.is_empty(),
        "{} problem(s) in cases/:\n  {}",
        problems.len(),
        problems.join("\n  ")
    );
}

#[test]
fn the_checks_reject_bad_text_and_programs() {
    let mut problems = Vec::new();
    check_text(
        "t",
        &Text {
            en: "ok".into(),
            zh: "没问题".into(),
        },
        &mut problems,
    );
    check_program("p", "package main\n\nfunc main() {\n}\n", &mut problems);
    assert!(problems.is_empty(), "{problems:?}");
    check_text(
        "t",
        &Text {
            en: "".into(),
            zh: "only english".into(),
        },
        &mut problems,
    );
    check_program("p", "func main() {\n    x()\n}\n", &mut problems);
    assert_eq!(problems.len(), 5, "{problems:?}");
}
