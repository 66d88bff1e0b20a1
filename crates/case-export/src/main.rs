//! Writes the case files as JSON: each case's content as `<out>/<slug>.json`,
//! and an index of all cases as `<out>/index.json`; and gosim's library
//! package sources as `<out>/library.txt`, which the browser build fetches
//! with a case's content instead of compiling them in.
//!
//! The browser build compiles in only each case's gallery metadata (see
//! `crates/case-data`, the one parser and validator, which the app's build
//! script uses too). The heavy fields (explanation, questions, program, fixes)
//! go to the per-case files, which Trunk's `post_build` hook puts next to the
//! wasm and the app fetches when a case's page opens; the app reads them with
//! the browser's `JSON.parse`. The index (file name, slug, number, section,
//! outcome, runnable, Go version, title, number of fixes, in file-name order)
//! is for the e2e tests, which read it from the built site instead of parsing
//! TOML; the app never fetches it.
//!
//! Each case also gets `<slug>.oembed.json` and `<slug>.html`, the oEmbed
//! response and the link-preview page (`oembed`), with absolute URLs under
//! `GOPITFALLS_SITE_URL`.
//!
//! Usage: `case-export OUT_DIR`, or `case-export --staging` to write to
//! `$TRUNK_STAGING_DIR/cases` (from Trunk's hook), or `case-export --json-all`
//! to print every case, metadata and programs, as one JSON array on stdout
//! (what `scripts/record-real-go.py` reads). Cases come from
//! `GOPITFALLS_CASES_DIR` when set (as in the build script), else `cases/`.

use std::path::{Path, PathBuf};

use case_data::{CaseFile, Text};
use case_export::{images, json, oembed, quiz};

/// The index's file name in the output directory; no case can have it
/// (`case_data::RESERVED_SLUG`).
const INDEX_FILE: &str = "index.json";

/// The library bundle's file name (`gosim::prelude::bundle`); not a
/// `.json` name, so no case can have it.
const LIBRARY_FILE: &str = "library.txt";

fn main() {
    if let Err(message) = run() {
        eprintln!("error: case-export: {message}");
        std::process::exit(1);
    }
}

fn run() -> Result<(), String> {
    let out = match std::env::args_os().nth(1) {
        Some(arg) if arg == "--json-all" => {
            print!(
                "{}",
                all_json(&case_data::load_dir(&case_data::cases_dir())?)
            );
            return Ok(());
        }
        Some(arg) if arg == "--staging" => std::env::var_os("TRUNK_STAGING_DIR")
            .map(|dir| PathBuf::from(dir).join("cases"))
            .ok_or("--staging needs TRUNK_STAGING_DIR (set by Trunk for hooks)")?,
        Some(arg) => PathBuf::from(arg),
        None => return Err("usage: case-export OUT_DIR | --staging | --json-all".to_string()),
    };
    let start = std::time::Instant::now();
    let count = export(&case_data::cases_dir(), &out)?;
    // The quiz data runs every case under four releases; say how long the
    // export took, so a slow build step is visible where it happens.
    println!(
        "case-export: {count} case files, {INDEX_FILE} and {LIBRARY_FILE} -> {} ({} ms, quiz data included)",
        out.display(),
        start.elapsed().as_millis()
    );
    Ok(())
}

/// Writes one JSON file per case in `cases` into `out`, and the index;
/// returns how many cases.
fn export(cases: &Path, out: &Path) -> Result<usize, String> {
    let loaded = case_data::load_dir(cases)?;
    std::fs::create_dir_all(out).map_err(|e| format!("{}: {e}", out.display()))?;
    let image_dir = out.join(images::DIR);
    std::fs::create_dir_all(&image_dir).map_err(|e| format!("{}: {e}", image_dir.display()))?;
    for (_, case) in &loaded {
        let quiz = quiz::compute(case);
        let images = images::compute(case);
        for image in &images {
            let path = out.join(&image.file);
            std::fs::write(&path, &image.bytes).map_err(|e| format!("{}: {e}", path.display()))?;
        }
        write(
            &out.join(format!("{}.json", case.slug)),
            &content_json(case, &quiz, &images),
        )?;
    }
    // Link previews and oEmbed: a page and a response per case, with the
    // site's public URL (docs/embed.md).
    let site = oembed::site_url();
    for (_, case) in &loaded {
        write(
            &out.join(format!("{}.oembed.json", case.slug)),
            &oembed::oembed_json(&site, case),
        )?;
        write(
            &out.join(format!("{}.html", case.slug)),
            &oembed::case_page_html(&site, case),
        )?;
    }
    write(&out.join(INDEX_FILE), &index_json(&loaded))?;
    write(&out.join(LIBRARY_FILE), &gosim::prelude::bundle())?;
    Ok(loaded.len())
}

fn write(path: &Path, text: &str) -> Result<(), String> {
    std::fs::write(path, text).map_err(|e| format!("{}: {e}", path.display()))
}

/// The JSON the app reads (`platform::fetch_content`): the slug (checked by
/// the app), the fields the browser build leaves out, the program images
/// (`programs`: variant, Go minor versions, file), and the quiz data
/// (`quiz`, one entry per Go release; empty for a listing the simulator
/// cannot run). Every text has both `en` and `zh` (possibly empty).
fn content_json(case: &CaseFile, quiz: &[quiz::Version], images: &[images::Image]) -> String {
    let mut out = String::from("{");
    out.push_str("\"slug\":");
    string(&mut out, &case.slug);
    content_fields(&mut out, case);
    // Which compiled program to fetch for which variant and release.
    out.push_str(",\"programs\":[");
    for (i, image) in images.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        let go: Vec<String> = image.go.iter().map(u8::to_string).collect();
        out.push_str(&format!(
            "{{\"variant\":{},\"go\":[{}],\"file\":",
            image.variant,
            go.join(",")
        ));
        string(&mut out, &image.file);
        out.push('}');
    }
    out.push(']');
    out.push_str(",\"quiz\":[");
    for (i, v) in quiz.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        out.push_str("{\"go\":");
        string(&mut out, &v.go.label());
        out.push_str(",\"outcome\":");
        string(&mut out, v.outcome);
        out.push_str(&format!(
            ",\"focus\":{},\"multi\":{},\"options\":[",
            v.focus, v.multi
        ));
        for (j, c) in v.options.iter().enumerate() {
            if j > 0 {
                out.push(',');
            }
            out.push_str("{\"text\":");
            string(&mut out, &c.text);
            out.push_str(&format!(",\"right\":{},\"from\":", c.right));
            string(&mut out, &c.from);
            out.push('}');
        }
        out.push_str("]}");
    }
    out.push_str("]}\n");
    out
}

/// `,"explanation":...,"questions":[...],"source":...,"fixes":[...]`.
fn content_fields(out: &mut String, case: &CaseFile) {
    out.push_str(",\"explanation\":");
    text(out, &case.explanation);
    out.push_str(",\"questions\":[");
    for (i, question) in case.questions.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        text(out, question);
    }
    out.push_str("],\"source\":");
    string(out, &case.source);
    out.push_str(",\"fixes\":[");
    for (i, fix) in case.fixes.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        out.push_str("{\"title\":");
        text(out, &fix.title);
        out.push_str(",\"source\":");
        string(out, &fix.source);
        out.push('}');
    }
    out.push(']');
}

/// `{"file":...,"slug":...,...,"title":...` without the closing brace: what
/// both the index and `--json-all` say about one case.
fn metadata_fields(out: &mut String, path: &Path, case: &CaseFile) {
    out.push_str("{\"file\":");
    let file = path.file_name().map(|name| name.to_string_lossy());
    string(out, file.as_deref().unwrap_or_default());
    out.push_str(",\"slug\":");
    string(out, &case.slug);
    out.push_str(&format!(",\"number\":{}", case.number));
    out.push_str(",\"section\":");
    string(out, &case.section);
    out.push_str(",\"outcome\":");
    string(out, &case.outcome);
    out.push_str(&format!(",\"runnable\":{}", case.runnable));
    out.push_str(",\"go\":");
    match &case.go {
        Some(go) => string(out, go),
        None => out.push_str("null"),
    }
    out.push_str(",\"title\":");
    text(out, &case.title);
}

/// The index the e2e tests read: one entry per case, in file-name order.
fn index_json(loaded: &[(PathBuf, CaseFile)]) -> String {
    let mut out = String::from("[\n");
    for (i, (path, case)) in loaded.iter().enumerate() {
        if i > 0 {
            out.push_str(",\n");
        }
        metadata_fields(&mut out, path, case);
        out.push_str(&format!(",\"fixes\":{}}}", case.fixes.len()));
    }
    out.push_str("\n]\n");
    out
}

/// Every case with its metadata and content (`--json-all`), in file-name
/// order: the index's fields plus the summary and the content file's fields.
fn all_json(loaded: &[(PathBuf, CaseFile)]) -> String {
    let mut out = String::from("[\n");
    for (i, (path, case)) in loaded.iter().enumerate() {
        if i > 0 {
            out.push_str(",\n");
        }
        metadata_fields(&mut out, path, case);
        out.push_str(",\"summary\":");
        text(&mut out, &case.summary);
        content_fields(&mut out, case);
        out.push('}');
    }
    out.push_str("\n]\n");
    out
}

fn text(out: &mut String, t: &Text) {
    out.push_str("{\"en\":");
    string(out, &t.en);
    out.push_str(",\"zh\":");
    string(out, &t.zh);
    out.push('}');
}

/// A JSON string literal (`case_export::json::string`).
fn string(out: &mut String, s: &str) {
    json::string(out, s);
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
            serde_json::from_str(&content_json(&case, &[], &[])).expect("content_json is JSON");
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
    fn every_case_file_exports_with_an_index() {
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
            // One quiz entry per release the player offers, for a case the
            // simulator runs.
            let releases = if case.runnable {
                quiz::releases(case).len()
            } else {
                0
            };
            assert_eq!(value["quiz"].as_array().map(Vec::len), Some(releases));
            // The oEmbed response and the link-preview page.
            let oembed = std::fs::read_to_string(out.join(format!("{}.oembed.json", case.slug)))
                .expect("oEmbed file written");
            let oembed: serde_json::Value = serde_json::from_str(&oembed).expect("valid JSON");
            assert_eq!(oembed["type"], "rich", "{}", case.slug);
            let page = std::fs::read_to_string(out.join(format!("{}.html", case.slug)))
                .expect("page written");
            assert!(
                page.contains(&format!("url=../#/case/{}", case.slug)),
                "{page}"
            );
        }
        let written = std::fs::read_to_string(out.join(INDEX_FILE)).expect("index written");
        let index: Vec<serde_json::Value> = serde_json::from_str(&written).expect("valid JSON");
        assert_eq!(index.len(), loaded.len());
        for (entry, (path, case)) in index.iter().zip(&loaded) {
            let file = path.file_name().and_then(|name| name.to_str());
            assert_eq!(entry["file"].as_str(), file);
            assert_eq!(entry["slug"], case.slug.as_str());
            assert_eq!(entry["runnable"], case.runnable, "{}", case.slug);
        }
        let _ = std::fs::remove_dir_all(&out);
    }

    const FULL: &str = r#"
number = 4
slug = "x"
section = "channel"
title = { en = "T", zh = "题" }
summary = { en = "S" }
outcome = "deadlock"
go = "1.21"
source = "package main"

[[fixes]]
title = { en = "Fix" }
source = "package fixed"
"#;

    #[test]
    fn index_and_json_all_carry_what_e2e_and_the_recorder_read() {
        let full = case_data::parse_case("04-x.toml", FULL).expect("valid case");
        let tiny = FULL
            .replace("number = 4", "")
            .replace("go = \"1.21\"", "runnable = false")
            .replace("slug = \"x\"", "slug = \"y\"");
        let tiny = case_data::parse_case("20-y.toml", &tiny).expect("valid case");
        let loaded = vec![
            (PathBuf::from("cases/04-x.toml"), full),
            (PathBuf::from("cases/20-y.toml"), tiny),
        ];
        let index: serde_json::Value =
            serde_json::from_str(&index_json(&loaded)).expect("index is JSON");
        assert_eq!(
            index,
            serde_json::json!([
                {
                    "file": "04-x.toml", "slug": "x", "number": 4, "section": "channel",
                    "outcome": "deadlock", "runnable": true, "go": "1.21",
                    "title": { "en": "T", "zh": "题" }, "fixes": 1
                },
                {
                    "file": "20-y.toml", "slug": "y", "number": 0, "section": "channel",
                    "outcome": "deadlock", "runnable": false, "go": null,
                    "title": { "en": "T", "zh": "题" }, "fixes": 1
                }
            ])
        );
        let all: serde_json::Value =
            serde_json::from_str(&all_json(&loaded)).expect("--json-all is JSON");
        assert_eq!(all[0]["file"], "04-x.toml");
        assert_eq!(all[0]["go"], "1.21");
        assert_eq!(all[0]["summary"]["en"], "S");
        assert_eq!(all[0]["source"], "package main");
        assert_eq!(all[0]["fixes"][0]["source"], "package fixed");
        assert_eq!(all[1]["runnable"], false);
        assert_eq!(all.as_array().map(Vec::len), Some(2));
    }

    #[test]
    fn oembed_files_carry_the_widget_and_escape_the_case_text() {
        let case = FULL.replace(
            "title = { en = \"T\", zh = \"题\" }",
            "title = { en = \"<b>Lock & \\\"channel\\\"</b>\", zh = \"锁\" }",
        );
        let case = case_data::parse_case("04-x.toml", &case).expect("valid case");
        let site = "https://example.org/go/";
        let json: serde_json::Value =
            serde_json::from_str(&oembed::oembed_json(site, &case)).expect("oEmbed is JSON");
        assert_eq!(json["version"], "1.0");
        assert_eq!(json["type"], "rich");
        assert_eq!(json["provider_name"], "Go Pitfalls");
        assert_eq!(json["provider_url"], site);
        assert_eq!(json["title"], "<b>Lock & \"channel\"</b>");
        assert_eq!(json["width"], oembed::WIDTH);
        assert_eq!(json["height"], oembed::HEIGHT);
        let html = json["html"].as_str().expect("html is a string");
        assert!(
            html.starts_with("<iframe src=\"https://example.org/go/#/embed/x\" title=\"Go Pitfalls: &lt;b&gt;Lock &amp; &quot;channel&quot;&lt;/b&gt;\""),
            "{html}"
        );
        assert!(html.contains("sandbox=\"allow-scripts "), "{html}");
        assert!(html.ends_with("></iframe>"), "{html}");

        let page = oembed::case_page_html(site, &case);
        for expected in [
            "<meta property=\"og:title\" content=\"&lt;b&gt;Lock &amp; &quot;channel&quot;&lt;/b&gt;\">",
            "<meta property=\"og:description\" content=\"S\">",
            "<meta property=\"og:url\" content=\"https://example.org/go/cases/x.html\">",
            "<link rel=\"alternate\" type=\"application/json+oembed\" href=\"https://example.org/go/cases/x.oembed.json\"",
            "<meta http-equiv=\"refresh\" content=\"0; url=../#/case/x\">",
            "<a href=\"../#/case/x\">",
        ] {
            assert!(page.contains(expected), "missing {expected}\n{page}");
        }
        assert!(!page.contains("<b>"), "{page}");
    }

    #[test]
    fn the_site_url_ends_with_a_slash() {
        // The variable is read, not set, here: tests run in parallel.
        assert!(oembed::site_url().ends_with('/'));
        assert!(oembed::DEFAULT_SITE_URL.ends_with('/'));
    }
}
