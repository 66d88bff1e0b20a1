//! The pitfall cases, embedded at build time.
//!
//! Owns the in-memory shape of a case (`Case`, `Section`, `Outcome`)
//! and the `CASES` table that `build.rs` generates from `cases/*.toml`. It
//! only describes cases; it must not run them (that is `gosim`'s job) and it
//! must not parse anything at run time. In the browser build the table holds
//! the gallery metadata only (`Case::loaded` is false); `content` completes a
//! case from its fetched JSON.

use crate::i18n::Text;

/// The talk's chapters, in the talk's order.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Section {
    Channel,
    Mutex,
    SyncMap,
    Once,
    WaitGroup,
    Cond,
    Defer,
    Shadow,
    Timer,
    Netpoll,
}

impl Section {
    /// Every section, in the order the gallery shows them.
    pub const ALL: [Section; 10] = [
        Section::Channel,
        Section::Mutex,
        Section::SyncMap,
        Section::Once,
        Section::WaitGroup,
        Section::Cond,
        Section::Defer,
        Section::Shadow,
        Section::Timer,
        Section::Netpoll,
    ];

    /// The key used in case files and as the HTML anchor of the section.
    pub fn key(self) -> &'static str {
        match self {
            Section::Channel => "channel",
            Section::Mutex => "mutex",
            Section::SyncMap => "syncmap",
            Section::Once => "once",
            Section::WaitGroup => "waitgroup",
            Section::Cond => "cond",
            Section::Defer => "defer",
            Section::Shadow => "shadow",
            Section::Timer => "timer",
            Section::Netpoll => "netpoll",
        }
    }

    /// The section's heading, as the talk names it.
    pub fn name(self) -> Text {
        let (en, zh) = match self {
            Section::Channel => ("Channel misuse", "channel误用"),
            Section::Mutex => ("Mutex / RWMutex misuse", "mutex/rwmutex误用"),
            Section::SyncMap => ("map / sync.Map", "map/sync.Map"),
            Section::Once => ("sync.Once misuse", "sync.Once误用"),
            Section::WaitGroup => ("WaitGroup misuse", "WaitGroup误用"),
            Section::Cond => ("sync.Cond misuse", "sync.Cond误用"),
            Section::Defer => ("defer misuse", "defer误用"),
            Section::Shadow => ("Shadowed variables", "Shadow变量"),
            Section::Timer => ("select + time.After misuse", "select+time.After误用"),
            Section::Netpoll => ("Go's native network model", "原生网络模型"),
        };
        Text { en, zh }
    }
}

/// What a case's program does when it runs, as the badge shows it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Outcome {
    Deadlock,
    Leak,
    MemoryLeak,
    Panic,
    Nondeterministic,
    WrongValue,
    EndlessLoop,
    Ok,
}

impl Outcome {
    /// The key used in case files and as a CSS modifier.
    pub fn key(self) -> &'static str {
        match self {
            Outcome::Deadlock => "deadlock",
            Outcome::Leak => "leak",
            Outcome::MemoryLeak => "memory-leak",
            Outcome::Panic => "panic",
            Outcome::Nondeterministic => "nondeterministic",
            Outcome::WrongValue => "wrong-value",
            Outcome::EndlessLoop => "endless-loop",
            Outcome::Ok => "ok",
        }
    }

    /// The outcomes the quiz offers, in its order (seven: an answer is a
    /// 7-bit mask). A memory leak takes the goroutine leak's place in a
    /// question whose answer it is.
    pub const ALL: [Outcome; 7] = [
        Outcome::Deadlock,
        Outcome::Leak,
        Outcome::Panic,
        Outcome::EndlessLoop,
        Outcome::WrongValue,
        Outcome::Nondeterministic,
        Outcome::Ok,
    ];

    /// The outcome a key names (`deadlock`, `wrong-value`, ...).
    pub fn from_key(key: &str) -> Option<Outcome> {
        Outcome::ALL
            .into_iter()
            .chain([Outcome::MemoryLeak])
            .find(|o| o.key() == key)
    }

    pub fn label(self) -> Text {
        let (en, zh) = match self {
            Outcome::Deadlock => ("deadlock", "死锁"),
            Outcome::Leak => ("goroutine leak", "goroutine 泄漏"),
            Outcome::MemoryLeak => ("memory leak", "内存泄漏"),
            Outcome::Panic => ("panic", "panic"),
            Outcome::Nondeterministic => ("nondeterministic", "结果不确定"),
            Outcome::WrongValue => ("wrong value", "结果错误"),
            Outcome::EndlessLoop => ("endless loop", "死循环"),
            Outcome::Ok => ("works", "正常"),
        };
        Text { en, zh }
    }
}

impl Outcome {
    /// The outcome as a quiz offers it to a learner.
    pub fn answer(self) -> Text {
        let (en, zh) = match self {
            Outcome::Deadlock => (
                "It deadlocks: every goroutine ends up waiting, and Go stops it with a fatal error.",
                "死锁：所有 goroutine 都在等待，Go 报致命错误并终止程序。",
            ),
            Outcome::Leak => (
                "main finishes, but a goroutine stays blocked forever (a goroutine leak).",
                "main 结束了，但有 goroutine 永远阻塞（goroutine 泄漏）。",
            ),
            Outcome::MemoryLeak => (
                "main finishes, but memory the program deleted stays held (a memory leak).",
                "main 结束了，但程序删除的内存仍被占用（内存泄漏）。",
            ),
            Outcome::Panic => ("It panics and crashes.", "它会 panic 并崩溃。"),
            Outcome::EndlessLoop => ("It never ends: an endless loop.", "它永远不会结束：死循环。"),
            Outcome::WrongValue => (
                "It finishes, but prints a wrong or surprising value.",
                "它能结束，但打印出错误或出人意料的值。",
            ),
            Outcome::Nondeterministic => (
                "What it prints depends on how the goroutines happen to be scheduled.",
                "打印什么取决于 goroutine 碰巧被如何调度。",
            ),
            Outcome::Ok => (
                "It finishes fine and does what it looks like it does.",
                "它正常结束，行为和代码看上去的一样。",
            ),
        };
        Text { en, zh }
    }
}

/// A corrected version of a case's program.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Fix {
    pub title: Text,
    pub source: &'static str,
}

/// One pitfall from the talk.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Case {
    /// The talk's case number; 0 for unnumbered items.
    pub number: u32,
    /// URL-safe identifier, unique across cases (checked at build time).
    pub slug: &'static str,
    pub section: Section,
    pub title: Text,
    /// One line for the gallery card.
    pub summary: Text,
    pub outcome: Outcome,
    /// False for listings the simulator cannot run (e.g. the net/echo server).
    pub runnable: bool,
    /// The Go language version the case is meant for, e.g. "1.22".
    pub go: Option<&'static str>,
    /// Whether the fields below are filled in. Native builds embed them; the
    /// browser build leaves them empty and `content` fetches them when the
    /// case's page opens.
    pub loaded: bool,
    pub explanation: Text,
    pub questions: &'static [Text],
    pub source: &'static str,
    pub fixes: &'static [Fix],
}

impl Case {
    /// "#04" for numbered cases, `None` for unnumbered ones.
    pub fn number_label(&self) -> Option<String> {
        (self.number != 0).then(|| format!("#{:02}", self.number))
    }
}

include!(concat!(env!("OUT_DIR"), "/cases.rs"));

/// Every embedded case, in gallery order (sorted at build time).
pub fn all() -> &'static [Case] {
    CASES
}

/// The case with this slug, if any.
pub fn find(cases: &'static [Case], slug: &str) -> Option<&'static Case> {
    cases.iter().find(|case| case.slug == slug)
}

/// Groups cases by section in the talk's order, skipping empty sections and
/// keeping each section's cases in their given order.
pub fn by_section(cases: &'static [Case]) -> Vec<(Section, Vec<&'static Case>)> {
    Section::ALL
        .iter()
        .filter_map(|&section| {
            let in_section: Vec<&'static Case> = cases
                .iter()
                .filter(|case| case.section == section)
                .collect();
            (!in_section.is_empty()).then_some((section, in_section))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    const fn text(en: &'static str) -> Text {
        Text { en, zh: "" }
    }

    const fn case(number: u32, slug: &'static str, section: Section) -> Case {
        Case {
            number,
            slug,
            section,
            title: text("t"),
            summary: text("s"),
            explanation: text(""),
            questions: &[],
            outcome: Outcome::Deadlock,
            runnable: true,
            go: None,
            loaded: true,
            source: "package main",
            fixes: &[],
        }
    }

    static FIXTURE: [Case; 3] = [
        case(2, "b", Section::Timer),
        case(1, "a", Section::Channel),
        case(3, "c", Section::Timer),
    ];

    #[test]
    fn by_section_follows_talk_order_and_skips_empty_sections() {
        let groups = by_section(&FIXTURE);
        let shape: Vec<(Section, Vec<&str>)> = groups
            .iter()
            .map(|(s, cases)| (*s, cases.iter().map(|c| c.slug).collect()))
            .collect();
        assert_eq!(
            shape,
            vec![
                (Section::Channel, vec!["a"]),
                (Section::Timer, vec!["b", "c"])
            ]
        );
    }

    #[test]
    fn find_and_number_label() {
        assert_eq!(find(&FIXTURE, "c").map(|c| c.number), Some(3));
        assert!(find(&FIXTURE, "nope").is_none());
        assert_eq!(FIXTURE[1].number_label().as_deref(), Some("#01"));
        assert_eq!(case(0, "x", Section::Once).number_label(), None);
    }

    #[test]
    fn outcomes_read_back_and_speak_both_languages() {
        for outcome in Outcome::ALL.into_iter().chain([Outcome::MemoryLeak]) {
            assert_eq!(Outcome::from_key(outcome.key()), Some(outcome));
            let answer = outcome.answer();
            assert!(!answer.en.is_empty() && !answer.zh.is_empty(), "{answer:?}");
        }
        assert_eq!(Outcome::from_key("nope"), None);
    }

    #[test]
    fn embedded_slugs_are_unique() {
        for (i, case) in all().iter().enumerate() {
            assert!(
                all()[..i].iter().all(|other| other.slug != case.slug),
                "duplicate slug {}",
                case.slug
            );
        }
    }
}
