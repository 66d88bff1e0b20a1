//! Case files: parsing, validation and code generation.
//!
//! Owns the on-disk format of `cases/*.toml` (one pitfall per file) and is the
//! only parser of it: the app's build script turns a directory of them into
//! Rust source declaring `CASES` (which `src/cases.rs` includes),
//! `crates/case-export` writes their content and an index as JSON for the
//! browser build, the e2e tests and the real-Go recorder, and the native tests
//! of the app and of gosim read the cases through it. It must not be reachable
//! from the app itself (it is a build-dependency, never a dependency), so that
//! neither `toml` nor `serde` parsing code ships in the wasm.
//!
//! Unknown keys are accepted on purpose: the case data grows (expected outputs,
//! hints) faster than the app reads it, and a new key must not break the build.

// Native-only code: the wasm-size rule against the standard sorts
// (clippy.toml) does not apply.
#![allow(clippy::disallowed_methods)]

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use serde::Deserialize;

/// Section keys in the talk's order, with the Rust variant each maps to.
pub const SECTIONS: [(&str, &str); 10] = [
    ("channel", "Channel"),
    ("mutex", "Mutex"),
    ("syncmap", "SyncMap"),
    ("once", "Once"),
    ("waitgroup", "WaitGroup"),
    ("cond", "Cond"),
    ("defer", "Defer"),
    ("shadow", "Shadow"),
    ("timer", "Timer"),
    ("netpoll", "Netpoll"),
];

/// Outcome keys with the Rust variant each maps to.
pub const OUTCOMES: [(&str, &str); 8] = [
    ("deadlock", "Deadlock"),
    ("leak", "Leak"),
    ("memory-leak", "MemoryLeak"),
    ("panic", "Panic"),
    ("nondeterministic", "Nondeterministic"),
    ("wrong-value", "WrongValue"),
    ("endless-loop", "EndlessLoop"),
    ("ok", "Ok"),
];

/// A string in both UI languages. `zh` may be omitted; the app then shows `en`.
#[derive(Debug, Default, Deserialize)]
pub struct Text {
    pub en: String,
    #[serde(default)]
    pub zh: String,
}

/// One corrected version of a case's program.
#[derive(Debug, Deserialize)]
pub struct Fix {
    pub title: Text,
    /// Why the fix works; not shown by the app today, checked by the content
    /// lint in the app's tests.
    #[serde(default)]
    pub explanation: Text,
    pub source: String,
}

/// One case file, as written on disk.
#[derive(Debug, Deserialize)]
pub struct CaseFile {
    /// The talk's case number; 0 (or absent) for unnumbered items.
    #[serde(default)]
    pub number: u32,
    pub slug: String,
    pub section: String,
    pub title: Text,
    pub summary: Text,
    #[serde(default)]
    pub explanation: Text,
    #[serde(default)]
    pub questions: Vec<Text>,
    pub outcome: String,
    #[serde(default = "default_runnable")]
    pub runnable: bool,
    #[serde(default)]
    pub go: Option<String>,
    pub source: String,
    #[serde(default)]
    pub fixes: Vec<Fix>,
}

fn default_runnable() -> bool {
    true
}

impl CaseFile {
    /// The case's programs with their names, as recordings and tests label
    /// them: `source`, then `fix1`, `fix2`, ...
    pub fn programs(&self) -> Vec<(String, &str)> {
        let mut programs = vec![("source".to_string(), self.source.as_str())];
        for (i, fix) in self.fixes.iter().enumerate() {
            programs.push((format!("fix{}", i + 1), fix.source.as_str()));
        }
        programs
    }

    /// One program by the name [`CaseFile::programs`] gives it.
    pub fn program(&self, name: &str) -> Option<&str> {
        if name == "source" {
            return Some(&self.source);
        }
        let index: usize = name.strip_prefix("fix")?.parse().ok()?;
        self.fixes
            .get(index.checked_sub(1)?)
            .map(|fix| fix.source.as_str())
    }

    fn section_index(&self) -> usize {
        SECTIONS
            .iter()
            .position(|(key, _)| *key == self.section)
            .unwrap_or(SECTIONS.len())
    }
}

/// Parses and validates one case file. `name` is only used in messages.
pub fn parse_case(name: &str, text: &str) -> Result<CaseFile, String> {
    let case: CaseFile = toml::from_str(text).map_err(|e| format!("{name}: {e}"))?;
    validate(&case).map_err(|e| format!("{name}: {e}"))?;
    Ok(case)
}

fn validate(case: &CaseFile) -> Result<(), String> {
    let slug_ok = !case.slug.is_empty()
        && case
            .slug
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-');
    if !slug_ok {
        return Err(format!(
            "slug {:?} must be non-empty lowercase ASCII letters, digits and '-' (it goes into the URL)",
            case.slug
        ));
    }
    if case.slug == RESERVED_SLUG {
        return Err(format!(
            "slug {RESERVED_SLUG:?} is reserved: case-export writes the index as {RESERVED_SLUG}.json"
        ));
    }
    if !SECTIONS.iter().any(|(key, _)| *key == case.section) {
        let known: Vec<&str> = SECTIONS.iter().map(|(key, _)| *key).collect();
        return Err(format!(
            "unknown section {:?}; expected one of {}",
            case.section,
            known.join(", ")
        ));
    }
    if !OUTCOMES.iter().any(|(key, _)| *key == case.outcome) {
        let known: Vec<&str> = OUTCOMES.iter().map(|(key, _)| *key).collect();
        return Err(format!(
            "unknown outcome {:?}; expected one of {}",
            case.outcome,
            known.join(", ")
        ));
    }
    if case.title.en.trim().is_empty() {
        return Err("title.en is empty".to_string());
    }
    if case.summary.en.trim().is_empty() {
        return Err("summary.en is empty".to_string());
    }
    if case.source.trim().is_empty() {
        return Err("source is empty".to_string());
    }
    Ok(())
}

/// The slug no case may use: its content file would overwrite the index
/// (`cases/index.json`) that `crates/case-export` writes beside the cases.
pub const RESERVED_SLUG: &str = "index";

/// The repository's `cases/` directory.
pub fn repo_cases_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .ancestors()
        .nth(2)
        .expect("crates/case-data sits two levels below the repository root")
        .join("cases")
}

/// Where builds read cases from: `GOPITFALLS_CASES_DIR` when set (to try the
/// app with fixture data), else the repository's `cases/`.
pub fn cases_dir() -> PathBuf {
    match std::env::var_os("GOPITFALLS_CASES_DIR") {
        Some(dir) => PathBuf::from(dir),
        None => repo_cases_dir(),
    }
}

/// Reads every `*.toml` file in `dir` (sorted by file name). A missing
/// directory means zero cases, not an error.
pub fn load_dir(dir: &Path) -> Result<Vec<(PathBuf, CaseFile)>, String> {
    let entries = match std::fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(e) => return Err(format!("{}: {e}", dir.display())),
    };
    let mut paths: Vec<PathBuf> = entries
        .filter_map(|entry| entry.ok().map(|entry| entry.path()))
        .filter(|path| path.extension().is_some_and(|ext| ext == "toml"))
        .collect();
    paths.sort();
    let mut cases = Vec::with_capacity(paths.len());
    for path in paths {
        let text =
            std::fs::read_to_string(&path).map_err(|e| format!("{}: {e}", path.display()))?;
        let case = parse_case(&path.display().to_string(), &text)?;
        cases.push((path, case));
    }
    check_unique_slugs(&cases)?;
    Ok(cases)
}

fn check_unique_slugs(cases: &[(PathBuf, CaseFile)]) -> Result<(), String> {
    for (i, (path, case)) in cases.iter().enumerate() {
        if let Some((other, _)) = cases[..i].iter().find(|(_, c)| c.slug == case.slug) {
            return Err(format!(
                "{} and {} both use slug {:?}",
                other.display(),
                path.display(),
                case.slug
            ));
        }
    }
    Ok(())
}

/// Orders cases as the gallery shows them: by section in the talk's order,
/// then by case number (unnumbered items last), then by slug.
pub fn sort_for_gallery(cases: &mut [CaseFile]) {
    cases.sort_by(|a, b| {
        let number = |c: &CaseFile| if c.number == 0 { u32::MAX } else { c.number };
        (a.section_index(), number(a), &a.slug).cmp(&(b.section_index(), number(b), &b.slug))
    });
}

/// Renders validated cases as the Rust source of `CASES`, in the given order.
///
/// With `embed_content` false (the browser build) only the gallery metadata
/// is compiled in: the heavy fields (explanation, questions, source, fixes)
/// are left empty and the case is marked not loaded; the app fetches them
/// from the JSON that `crates/case-export` writes from the same files.
pub fn render(cases: &[CaseFile], embed_content: bool) -> String {
    let mut out = String::new();
    out.push_str("// @generated by build.rs from cases/*.toml. Do not edit.\n");
    out.push_str("pub static CASES: &[Case] = &[\n");
    for case in cases {
        let section = variant(&SECTIONS, &case.section);
        let outcome = variant(&OUTCOMES, &case.outcome);
        // `write!` into a String cannot fail.
        let _ = writeln!(out, "    Case {{");
        let _ = writeln!(out, "        number: {},", case.number);
        let _ = writeln!(out, "        slug: {:?},", case.slug);
        let _ = writeln!(out, "        section: Section::{section},");
        let _ = writeln!(out, "        title: {},", text(&case.title));
        let _ = writeln!(out, "        summary: {},", text(&case.summary));
        let _ = writeln!(out, "        outcome: Outcome::{outcome},");
        let _ = writeln!(out, "        runnable: {},", case.runnable);
        let _ = writeln!(out, "        go: {:?},", case.go.as_deref());
        let _ = writeln!(out, "        loaded: {embed_content},");
        if embed_content {
            let _ = writeln!(out, "        explanation: {},", text(&case.explanation));
            let questions: Vec<String> = case.questions.iter().map(text).collect();
            let _ = writeln!(out, "        questions: &[{}],", questions.join(", "));
            let _ = writeln!(out, "        source: {:?},", case.source);
            let fixes: Vec<String> = case
                .fixes
                .iter()
                .map(|fix| {
                    format!(
                        "Fix {{ title: {}, source: {:?} }}",
                        text(&fix.title),
                        fix.source
                    )
                })
                .collect();
            let _ = writeln!(out, "        fixes: &[{}],", fixes.join(", "));
        } else {
            let _ = writeln!(out, "        explanation: Text {{ en: \"\", zh: \"\" }},");
            let _ = writeln!(out, "        questions: &[],");
            let _ = writeln!(out, "        source: \"\",");
            let _ = writeln!(out, "        fixes: &[],");
        }
        let _ = writeln!(out, "    }},");
    }
    out.push_str("];\n");
    out
}

/// `{:?}` of a `str` is a valid Rust string literal: quotes, backslashes and
/// control characters come out escaped.
fn text(t: &Text) -> String {
    format!("Text {{ en: {:?}, zh: {:?} }}", t.en, t.zh)
}

fn variant(table: &[(&str, &'static str)], key: &str) -> &'static str {
    table
        .iter()
        .find(|(k, _)| *k == key)
        .map(|(_, v)| *v)
        .expect("validate() accepted only keys from this table")
}
