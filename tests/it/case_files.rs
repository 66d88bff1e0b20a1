//! Tests of the case-file format, using the same parser `build.rs` runs:
//! fixtures for each rule, plus a check that every real file in `cases/`
//! is valid and embedded.

#[path = "../../build/case_data.rs"]
#[allow(dead_code)]
mod case_data;

use std::path::Path;

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
fn every_file_in_cases_is_valid_and_embedded() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("cases");
    let loaded = case_data::load_dir(&dir).unwrap_or_else(|e| panic!("{e}"));
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
