//! Case content fetched at run time: the registry of completed cases.
//!
//! The browser build compiles in only each case's gallery metadata
//! (`Case::loaded` is false); the heavy fields (explanation, questions,
//! program, fixes) come from `cases/<slug>.json`, written by
//! `crates/case-export` from the same case files with the same parser.
//! `platform` fetches and reads the JSON into a `Content`; this module turns it
//! into a complete `&'static Case` and remembers it, so the rest of the app
//! keeps working with `&'static` data. Each case is completed (and its
//! strings leaked) at most once per page load, which bounds the leak by the
//! size of the case files. The same file carries the case's quiz data
//! (`QuizVersion`), kept here beside the case for the quiz to read.

use std::cell::RefCell;

use crate::cases::{Case, Fix, Outcome};
use crate::i18n::{Language, Text};

/// One option of a case's "what does it print?" question, as
/// `crates/case-export` found it with the simulator.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct QuizOption {
    /// The output as a terminal shows it ("" when the program prints nothing).
    pub text: String,
    pub right: bool,
    /// Where it was found: `run` (Go's own order), `schedule` (another
    /// interleaving), `go1.N` (the default run under that release) or `fixN`.
    pub from: String,
}

/// A case's quiz data under one Go release.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct QuizVersion {
    /// The release, as `GoVersion::label` writes it (`1.21`).
    pub go: String,
    /// The answer to "what happens?".
    pub outcome: Outcome,
    /// The step of the default run that the reveal opens the player at.
    pub focus: usize,
    /// Several outputs are right ("which outputs are possible?").
    pub multi: bool,
    /// The output question's options; empty when the case has none.
    pub options: Vec<QuizOption>,
}

/// One of a case's program images (`gosim::image`), as its JSON lists it;
/// `programs` fetches them.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ProgramFile {
    /// 0: the case's program; `i`: fix `i` (1-based).
    pub variant: usize,
    /// The Go minor versions it was compiled for.
    pub go: Vec<u8>,
    /// Its path relative to the cases directory (`p/<hash>.bin`).
    pub file: String,
}

/// A string in both languages, as read from the JSON.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct OwnedText {
    pub en: String,
    pub zh: String,
}

/// The heavy fields of one case, as read from its JSON file.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Content {
    pub explanation: OwnedText,
    pub questions: Vec<OwnedText>,
    pub source: String,
    /// (title, source) of each fix.
    pub fixes: Vec<(OwnedText, String)>,
    /// The quiz data, one entry per Go release (empty when not runnable).
    pub quiz: Vec<QuizVersion>,
    /// The compiled programs of the case and its fixes (`programs`).
    pub programs: Vec<ProgramFile>,
}

/// Why a case's content could not be loaded.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ContentError {
    /// The server answered with this HTTP status.
    Http(u16),
    /// No answer (offline, blocked, CORS).
    Network,
    /// The file is not JSON, or lacks (or mistypes) this field.
    Invalid(String),
}

impl ContentError {
    /// A sentence for the page, in `lang`.
    pub fn message(&self, lang: Language) -> String {
        let detail = match (self, lang) {
            (ContentError::Http(status), _) => format!("HTTP {status}"),
            (ContentError::Network, Language::En) => "network error".to_string(),
            (ContentError::Network, Language::Zh) => "网络错误".to_string(),
            (ContentError::Invalid(what), Language::En) => format!("invalid file: {what}"),
            (ContentError::Invalid(what), Language::Zh) => format!("文件无效：{what}"),
        };
        match lang {
            Language::En => {
                format!(
                    "Could not load this case's content ({detail}). Reload the page to try again."
                )
            }
            Language::Zh => format!("无法加载这个案例的内容（{detail}）。请刷新页面重试。"),
        }
    }
}

thread_local! {
    static LOADED: RefCell<Vec<&'static Case>> = const { RefCell::new(Vec::new()) };
    static QUIZ: RefCell<Vec<(&'static str, &'static [QuizVersion])>> =
        const { RefCell::new(Vec::new()) };
    static PROGRAMS: RefCell<Vec<(&'static str, &'static [ProgramFile])>> =
        const { RefCell::new(Vec::new()) };
}

/// The program images of the case `slug`, once its content arrived.
pub fn program_files(slug: &str) -> Option<&'static [ProgramFile]> {
    PROGRAMS.with(|p| {
        p.borrow()
            .iter()
            .find(|(s, _)| *s == slug)
            .map(|(_, files)| *files)
    })
}

/// Keeps `files` as the program images of `slug` (the first arrival wins).
pub fn remember_programs(slug: &'static str, files: Vec<ProgramFile>) {
    if program_files(slug).is_none() {
        let files = leak_slice(files);
        PROGRAMS.with(|p| p.borrow_mut().push((slug, files)));
    }
}

/// The quiz data of the case `slug`, once its content arrived (or a test
/// supplied it with `remember_quiz`).
pub fn quiz(slug: &str) -> Option<&'static [QuizVersion]> {
    QUIZ.with(|quiz| {
        quiz.borrow()
            .iter()
            .find(|(s, _)| *s == slug)
            .map(|(_, versions)| *versions)
    })
}

/// Keeps `versions` as the quiz data of `slug` (the first arrival wins).
pub fn remember_quiz(slug: &'static str, versions: Vec<QuizVersion>) {
    if quiz(slug).is_none() {
        let versions = leak_slice(versions);
        QUIZ.with(|quiz| quiz.borrow_mut().push((slug, versions)));
    }
}

/// The complete case for `meta`: itself when its content is compiled in,
/// else the one completed from fetched content, if any.
pub fn resolve(meta: &'static Case) -> Option<&'static Case> {
    if meta.loaded {
        return Some(meta);
    }
    LOADED.with(|loaded| {
        loaded
            .borrow()
            .iter()
            .copied()
            .find(|case| case.slug == meta.slug)
    })
}

/// Completes `meta` with `content` and remembers the result. A second
/// arrival for the same case (two fetches in flight) returns the first.
pub fn complete(meta: &'static Case, content: Content) -> &'static Case {
    if let Some(done) = resolve(meta) {
        return done;
    }
    remember_quiz(meta.slug, content.quiz);
    remember_programs(meta.slug, content.programs);
    let case: &'static Case = Box::leak(Box::new(Case {
        loaded: true,
        explanation: leak_text(content.explanation),
        questions: leak_slice(content.questions.into_iter().map(leak_text).collect()),
        source: leak(content.source),
        fixes: leak_slice(
            content
                .fixes
                .into_iter()
                .map(|(title, source)| Fix {
                    title: leak_text(title),
                    source: leak(source),
                })
                .collect(),
        ),
        ..*meta
    }));
    LOADED.with(|loaded| loaded.borrow_mut().push(case));
    case
}

fn leak(s: String) -> &'static str {
    Box::leak(s.into_boxed_str())
}

fn leak_text(t: OwnedText) -> Text {
    Text {
        en: leak(t.en),
        zh: leak(t.zh),
    }
}

fn leak_slice<T>(items: Vec<T>) -> &'static [T] {
    Box::leak(items.into_boxed_slice())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cases::{Outcome, Section};

    static META: Case = Case {
        number: 7,
        slug: "fetched",
        section: Section::Mutex,
        title: Text { en: "T", zh: "" },
        summary: Text { en: "S", zh: "" },
        outcome: Outcome::Panic,
        runnable: true,
        go: Some("1.22"),
        loaded: false,
        explanation: Text { en: "", zh: "" },
        questions: &[],
        source: "",
        fixes: &[],
    };

    fn text(en: &str) -> OwnedText {
        OwnedText {
            en: en.to_string(),
            zh: String::new(),
        }
    }

    #[test]
    fn completes_once_and_keeps_the_metadata() {
        assert_eq!(resolve(&META), None);
        let content = Content {
            explanation: text("why"),
            questions: vec![text("q1")],
            source: "package main".to_string(),
            fixes: vec![(text("fix"), "package fixed".to_string())],
            quiz: vec![QuizVersion {
                go: "1.22".to_string(),
                outcome: Outcome::Panic,
                focus: 3,
                multi: false,
                options: Vec::new(),
            }],
            programs: Vec::new(),
        };
        let case = complete(&META, content.clone());
        assert!(case.loaded);
        assert_eq!(
            (case.number, case.slug, case.go),
            (7, "fetched", Some("1.22"))
        );
        assert_eq!(case.source, "package main");
        assert_eq!(case.explanation.en, "why");
        assert_eq!(case.questions.len(), 1);
        assert_eq!(case.fixes[0].source, "package fixed");
        assert!(std::ptr::eq(resolve(&META).expect("remembered"), case));
        assert_eq!(quiz("fetched").map(|q| q[0].focus), Some(3));
        // A late second arrival does not make (or leak) another copy.
        assert!(std::ptr::eq(complete(&META, content), case));
    }

    #[test]
    fn embedded_cases_resolve_to_themselves_and_errors_say_what_failed() {
        let embedded = Case {
            loaded: true,
            ..META
        };
        let embedded: &'static Case = Box::leak(Box::new(embedded));
        assert!(std::ptr::eq(resolve(embedded).expect("embedded"), embedded));
        assert!(ContentError::Http(404)
            .message(Language::En)
            .contains("HTTP 404"));
        assert!(ContentError::Http(500)
            .message(Language::Zh)
            .contains("HTTP 500"));
        assert!(ContentError::Invalid("source".into())
            .message(Language::En)
            .contains("source"));
    }
}
