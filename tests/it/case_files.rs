//! Tests of the case files, through the parser `build.rs` runs
//! (`crates/case-data`): fixtures for each rule of the format, a check that
//! every real file in `cases/` is valid and embedded, and a lint of their
//! content (file names, numbering, bilingual text, gofmt-shaped programs).
//!
//! Whether each runnable program has a real-Go recording is gosim's to check
//! (its conformance tests), not this file's.

use case_data::Text;

use crate::support::repo_cases;

const MINIMAL: &str = r#"
slug = "tiny"
section = "channel"
title = { en = "Tiny" }
summary = { en = "One line" }
outcome = "deadlock"
source = "package main"
"#;

#[test]
fn minimal_file_gets_defaults() {
    let case = case_data::parse_case("tiny.toml", MINIMAL).expect("minimal case is valid");
    assert_eq!(case.number, 0);
    assert!(case.runnable, "runnable defaults to true");
    assert_eq!(case.title.zh, "");
    assert!(case.questions.is_empty() && case.fixes.is_empty());
    assert_eq!(case.go, None);
}

#[test]
fn unknown_keys_are_accepted() {
    let text = format!("{MINIMAL}\nexpected_output = \"x\"\n");
    assert!(case_data::parse_case("extra.toml", &text).is_ok());
}

#[test]
fn rejects_bad_section_outcome_slug_and_empty_fields() {
    let cases = [
        (
            MINIMAL.replace("\"channel\"", "\"chan\""),
            "unknown section \"chan\"",
        ),
        (
            MINIMAL.replace("\"deadlock\"", "\"hang\""),
            "unknown outcome \"hang\"",
        ),
        (
            MINIMAL.replace("\"tiny\"", "\"Tiny Case\""),
            "slug \"Tiny Case\"",
        ),
        (
            MINIMAL.replace("en = \"Tiny\"", "en = \" \""),
            "title.en is empty",
        ),
        (
            MINIMAL.replace("source = \"package main\"", "source = \"\""),
            "source is empty",
        ),
        (
            MINIMAL.replace("slug = \"tiny\"", ""),
            "missing field `slug`",
        ),
        ("slug = ".to_string(), "bad.toml"),
    ];
    for (text, expected) in cases {
        let err = case_data::parse_case("bad.toml", &text).expect_err(expected);
        assert!(err.starts_with("bad.toml"), "{err}");
        assert!(err.contains(expected), "expected {expected:?} in {err:?}");
    }
}

#[test]
fn generated_code_sorts_by_section_then_number_and_escapes_strings() {
    let parse = |section: &str, number: u32, slug: &str, title: &str| {
        let text = MINIMAL
            .replace("\"channel\"", &format!("{section:?}"))
            .replace("\"tiny\"", &format!("{slug:?}"))
            .replace("en = \"Tiny\"", &format!("en = {title:?}"));
        let mut case = case_data::parse_case(slug, &text).expect("valid");
        case.number = number;
        case
    };
    let mut cases = vec![
        parse("timer", 16, "t", "T"),
        parse("channel", 0, "unnumbered", "U"),
        parse("channel", 3, "c3", "quote \" and \\ backslash"),
        parse("channel", 1, "c1", "C1"),
    ];
    case_data::sort_for_gallery(&mut cases);
    let order: Vec<&str> = cases.iter().map(|c| c.slug.as_str()).collect();
    assert_eq!(order, ["c1", "c3", "unnumbered", "t"]);
    let code = case_data::render(&cases, true);
    assert!(
        code.contains(r#"en: "quote \" and \\ backslash""#),
        "{code}"
    );
    assert!(code.contains("section: Section::Timer"), "{code}");
    assert!(code.contains("outcome: Outcome::Deadlock"), "{code}");
    assert!(code.contains("loaded: true"), "{code}");
}

#[test]
fn browser_rendering_keeps_gallery_metadata_and_omits_content() {
    let text = format!(
        "{MINIMAL}\nexplanation = {{ en = \"EXPLAINED\" }}\nquestions = [{{ en = \"ASKED\" }}]\n\
         [[fixes]]\ntitle = {{ en = \"FIXED\" }}\nsource = \"FIX SOURCE\"\n"
    )
    .replace("package main", "ORIGINAL SOURCE");
    let case = case_data::parse_case("full.toml", &text).expect("valid");
    let native = case_data::render(std::slice::from_ref(&case), true);
    let browser = case_data::render(std::slice::from_ref(&case), false);
    for heavy in [
        "EXPLAINED",
        "ASKED",
        "FIXED",
        "FIX SOURCE",
        "ORIGINAL SOURCE",
    ] {
        assert!(native.contains(heavy), "native embeds {heavy}: {native}");
        assert!(!browser.contains(heavy), "browser omits {heavy}: {browser}");
    }
    for kept in [r#"slug: "tiny""#, r#"en: "Tiny""#, r#"en: "One line""#] {
        assert!(browser.contains(kept), "browser keeps {kept}: {browser}");
    }
    assert!(browser.contains("loaded: false"), "{browser}");
    assert!(native.contains("loaded: true"), "{native}");
}

#[test]
fn the_index_slug_is_reserved() {
    let text = MINIMAL.replace("\"tiny\"", "\"index\"");
    let err = case_data::parse_case("bad.toml", &text).expect_err("index is reserved");
    assert!(err.contains("slug \"index\" is reserved"), "{err}");
}

#[test]
fn programs_are_named_source_and_fix_n() {
    let text = format!(
        "{MINIMAL}\n[[fixes]]\ntitle = {{ en = \"F1\" }}\nsource = \"one\"\n\
         [[fixes]]\ntitle = {{ en = \"F2\" }}\nsource = \"two\"\n"
    );
    let case = case_data::parse_case("fixes.toml", &text).expect("valid");
    let programs: Vec<(String, &str)> = case.programs();
    assert_eq!(
        programs,
        [
            ("source".to_string(), "package main"),
            ("fix1".to_string(), "one"),
            ("fix2".to_string(), "two"),
        ]
    );
    assert_eq!(case.program("fix2"), Some("two"));
    for missing in ["fix0", "fix3", "fix", "fixx", "Source"] {
        assert_eq!(case.program(missing), None, "{missing}");
    }
}

#[test]
fn every_file_in_cases_is_valid_and_embedded() {
    let loaded = repo_cases();
    let embedded: Vec<&str> = gopitfalls::cases::all().iter().map(|c| c.slug).collect();
    let mut on_disk: Vec<&str> = loaded.iter().map(|(_, c)| c.slug.as_str()).collect();
    let mut embedded_sorted = embedded.clone();
    on_disk.sort_unstable();
    embedded_sorted.sort_unstable();
    assert_eq!(
        on_disk, embedded_sorted,
        "the build embeds exactly the files in cases/"
    );
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
    if src.contains('\r') || src.lines().any(|l| l.starts_with("    ")) {
        problems.push(format!(
            "{what}: source is not gofmt-formatted (CR or space indentation)"
        ));
    }
}

/// The talk's content rules, beyond what the build checks: file names,
/// numbering, every text in both languages, and gofmt-shaped programs.
#[test]
fn case_content_is_complete_and_bilingual() {
    let mut problems = Vec::new();
    let cases = repo_cases();

    for (path, case) in &cases {
        let stem = path
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default();
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
        if let Some(go) = &case.go {
            if gosim::GoVersion::parse(go).is_none() {
                problems.push(format!(
                    "{stem}: go = {go:?} is not a Go release gosim models"
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
    }

    let numbers: Vec<u32> = cases
        .iter()
        .map(|(_, c)| c.number)
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
fn the_content_checks_reject_bad_text_and_programs() {
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
