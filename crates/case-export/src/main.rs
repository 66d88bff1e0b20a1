//! Writes the content of every case file as JSON: `<out>/<slug>.json`.
//!
//! The browser build compiles in only each case's gallery metadata (see
//! `crates/case-data`, the one parser and validator, which the app's build
//! script uses too). The heavy fields
//! (explanation, questions, program, fixes) go to these files, which Trunk's
//! `post_build` hook puts next to the wasm and the app fetches when a case's
//! page opens. The app reads them with the browser's `JSON.parse`.
//!
//! Usage: `case-export OUT_DIR`, or `case-export --staging` to write to
//! `$TRUNK_STAGING_DIR/cases` (from Trunk's hook). Cases come from
//! `GOPITFALLS_CASES_DIR` when set (as in the build script), else `cases/`.

use std::path::{Path, PathBuf};

use case_data::{CaseFile, Text};

fn main() {
    if let Err(message) = run() {
        eprintln!("error: case-export: {message}");
        std::process::exit(1);
    }
}

fn run() -> Result<(), String> {
    let out = match std::env::args_os().nth(1) {
        Some(arg) if arg == "--staging" => std::env::var_os("TRUNK_STAGING_DIR")
            .map(|dir| PathBuf::from(dir).join("cases"))
            .ok_or("--staging needs TRUNK_STAGING_DIR (set by Trunk for hooks)")?,
        Some(arg) => PathBuf::from(arg),
        None => return Err("usage: case-export OUT_DIR | --staging".to_string()),
    };
    let count = export(&case_data::cases_dir(), &out)?;
    println!("case-export: {count} case files -> {}", out.display());
    Ok(())
}

/// Writes one JSON file per case in `cases` into `out`; returns how many.
fn export(cases: &Path, out: &Path) -> Result<usize, String> {
    let loaded = case_data::load_dir(cases)?;
    std::fs::create_dir_all(out).map_err(|e| format!("{}: {e}", out.display()))?;
    for (_, case) in &loaded {
        let path = out.join(format!("{}.json", case.slug));
        std::fs::write(&path, content_json(case))
            .map_err(|e| format!("{}: {e}", path.display()))?;
    }
    Ok(loaded.len())
}

/// The JSON the app reads (`platform::fetch_content`): the slug (checked by
/// the app) and the fields the browser build leaves out. Every text has both
/// `en` and `zh` (possibly empty).
fn content_json(case: &CaseFile) -> String {
    let mut out = String::from("{");
    out.push_str("\"slug\":");
    string(&mut out, &case.slug);
    out.push_str(",\"explanation\":");
    text(&mut out, &case.explanation);
    out.push_str(",\"questions\":[");
    for (i, question) in case.questions.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        text(&mut out, question);
    }
    out.push_str("],\"source\":");
    string(&mut out, &case.source);
    out.push_str(",\"fixes\":[");
    for (i, fix) in case.fixes.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        out.push_str("{\"title\":");
        text(&mut out, &fix.title);
        out.push_str(",\"source\":");
        string(&mut out, &fix.source);
        out.push('}');
    }
    out.push_str("]}\n");
    out
}

fn text(out: &mut String, t: &Text) {
    out.push_str("{\"en\":");
    string(out, &t.en);
    out.push_str(",\"zh\":");
    string(out, &t.zh);
    out.push('}');
}

/// A JSON string literal. JSON requires escaping only `"`, `\` and control
/// characters below U+0020; everything else, non-ASCII included, is written
/// as UTF-8. U+2028/U+2029 are escaped too, harmless and safer for any
/// consumer that treats the file as JavaScript.
fn string(out: &mut String, s: &str) {
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if (c as u32) < 0x20 || c == '\u{2028}' || c == '\u{2029}' => {
                out.push_str(&format!("\\u{:04x}", c as u32));
            }
            c => out.push(c),
        }
    }
    out.push('"');
}

#[cfg(test)]
mod tests {
    use super::*;

    fn quoted(s: &str) -> String {
        let mut out = String::new();
        string(&mut out, s);
        out
    }

    #[test]
    fn strings_round_trip_through_a_json_parser() {
        let samples = [
            "",
            "plain",
            "quote \" backslash \\ slash /",
            "newline\nreturn\rtab\t",
            "\u{0}\u{1}\u{1f} controls \u{7f}",
            "中文：互相等待 — émoji 🦀",
            "line sep \u{2028} para sep \u{2029}",
            "\\u0041 is not an escape here",
        ];
        for sample in samples {
            let json = quoted(sample);
            let back: String =
                serde_json::from_str(&json).unwrap_or_else(|e| panic!("{json}: {e}"));
            assert_eq!(back, sample, "{json}");
        }
        // Every code point below U+0020, one by one.
        let controls: String = (0u8..0x20).map(char::from).collect();
        let back: String = serde_json::from_str(&quoted(&controls)).expect("valid JSON");
        assert_eq!(back, controls);
    }

    #[test]
    fn content_json_has_every_field_the_app_reads() {
        let text = r#"
slug = "x"
section = "channel"
title = { en = "T" }
summary = { en = "S" }
explanation = { en = "Why \"so\"", zh = "为什么" }
questions = [{ en = "Q1" }, { en = "Q2", zh = "问2" }]
outcome = "deadlock"
source = "package main\n\nfunc main() {\n\tprintln(\"hi\\n\")\n}\n"

[[fixes]]
title = { en = "Fix" }
source = "package fixed"
"#;
        let case = case_data::parse_case("x.toml", text).expect("valid case");
        let value: serde_json::Value =
            serde_json::from_str(&content_json(&case)).expect("content_json is JSON");
        assert_eq!(value["slug"], "x");
        assert_eq!(value["explanation"]["en"], "Why \"so\"");
        assert_eq!(value["explanation"]["zh"], "为什么");
        assert_eq!(value["questions"][0]["zh"], "");
        assert_eq!(value["questions"][1]["zh"], "问2");
        assert_eq!(value["source"], case.source.as_str());
        assert_eq!(value["fixes"][0]["title"]["en"], "Fix");
        assert_eq!(value["fixes"][0]["source"], "package fixed");
        // Gallery metadata stays compiled in; the file does not repeat it.
        assert!(value.get("title").is_none() && value.get("summary").is_none());
    }

    #[test]
    fn every_case_file_exports() {
        let out = std::env::temp_dir().join(format!("case-export-test-{}", std::process::id()));
        let dir = case_data::repo_cases_dir();
        let count = export(&dir, &out).unwrap_or_else(|e| panic!("{e}"));
        let loaded = case_data::load_dir(&dir).expect("cases load");
        assert_eq!(count, loaded.len());
        for (_, case) in &loaded {
            let path = out.join(format!("{}.json", case.slug));
            let written = std::fs::read_to_string(&path).expect("file written");
            let value: serde_json::Value = serde_json::from_str(&written).expect("valid JSON");
            assert_eq!(value["source"], case.source.as_str(), "{}", case.slug);
            assert_eq!(
                value["fixes"].as_array().map(Vec::len),
                Some(case.fixes.len())
            );
        }
        let _ = std::fs::remove_dir_all(&out);
    }
}
