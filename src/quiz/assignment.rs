//! An assignment: the questions a quiz asks (which cases, which kind of
//! question each), under which Go release and language, its title and the
//! seed that shuffles its options; and the link that carries it.
//!
//! Owns the link format, the query after `#/quiz/take?` (and the teacher's
//! `class` and `present` pages):
//! `k=<checksum>&cases=4:h,14:p,3&go=1.21&lang=zh&seed=42&title=<percent-encoded>`,
//! or `set=all` / `section=<key>` instead of `cases=`. `k` comes first, so
//! a link cut short keeps it and fails the check; a link typed by hand may
//! leave it out. The checksum of the rest is also the assignment's id, the
//! key of the learner's stored progress and the tag of every result code.
//! Links are user input: parsing never panics and every failure is a
//! `LinkError` the page shows. It does not touch the browser.

use gosim::GoVersion;

use crate::cases::{self, Case, Section};
use crate::i18n::Language;
use crate::quiz::text::{clean, clip, fnv32, percent_decode, percent_encode};

/// Questions an assignment may ask (a result code keeps the count in a byte).
pub const MAX_QUESTIONS: usize = 60;
/// Characters of a title that are kept.
pub const MAX_TITLE: usize = 80;

/// Which kind of question a case asks.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// Chosen from the case's data: outputs for a case whose result depends
    /// on the schedule, "what happens?" for one that crashes or hangs,
    /// else its output when it has plausible alternatives.
    Auto,
    /// "What happens?": the site's outcome classes.
    Happens,
    /// "What does it print?" (or, when several outputs can happen, "which
    /// outputs are possible?").
    Prints,
}

impl Kind {
    fn suffix(self) -> &'static str {
        match self {
            Kind::Auto => "",
            Kind::Happens => ":h",
            Kind::Prints => ":p",
        }
    }

    /// The key the teacher's form uses.
    pub fn key(self) -> &'static str {
        match self {
            Kind::Auto => "auto",
            Kind::Happens => "h",
            Kind::Prints => "p",
        }
    }

    pub fn from_key(key: &str) -> Option<Kind> {
        [Kind::Auto, Kind::Happens, Kind::Prints]
            .into_iter()
            .find(|k| k.key() == key)
    }
}

/// How the link chose its cases (so it prints back the same way).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Set {
    /// Every runnable case, in the talk's order.
    All,
    /// The runnable cases of one section.
    Section(Section),
    /// The cases listed in the link.
    List,
}

/// One question of an assignment.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Item {
    pub case: &'static Case,
    pub kind: Kind,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Assignment {
    pub set: Set,
    pub items: Vec<Item>,
    /// `None`: each case under its own release.
    pub go: Option<GoVersion>,
    /// `None`: the learner's own language setting.
    pub lang: Option<Language>,
    /// Empty: the page names the set instead.
    pub title: String,
    pub seed: u32,
}

/// Why a link could not be read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum LinkError {
    /// The checksum does not match: the link was cut short or changed.
    Damaged,
    /// A `key=value` part that is unknown or unreadable.
    BadPart(String),
    /// A case the link names that does not exist or cannot be run.
    UnknownCase(String),
    /// The link asks no question.
    Empty,
}

impl Assignment {
    /// Every runnable case, in the talk's order (the gallery's).
    pub fn all(cases: &'static [Case]) -> Assignment {
        Assignment {
            set: Set::All,
            items: runnable(cases, None),
            go: None,
            lang: None,
            title: String::new(),
            seed: 1,
        }
    }

    /// The id: the checksum of the link's body.
    pub fn id(&self) -> u32 {
        fnv32(self.body().as_bytes())
    }

    /// The id as the link and the class view write it.
    pub fn id_hex(&self) -> String {
        format!("{:08x}", self.id())
    }

    /// The release a case's question runs under.
    pub fn go_for(&self, case: &Case) -> GoVersion {
        self.go.unwrap_or_else(|| own_go(case))
    }

    /// The query (without `?`), checksum first.
    pub fn to_query(&self) -> String {
        format!("k={}&{}", self.id_hex(), self.body())
    }

    /// Everything but the checksum, in one canonical order.
    fn body(&self) -> String {
        let mut parts = Vec::new();
        parts.push(match self.set {
            Set::All => "set=all".to_string(),
            Set::Section(s) => format!("section={}", s.key()),
            Set::List => {
                let list: Vec<String> = self
                    .items
                    .iter()
                    .map(|item| format!("{}{}", case_ref(item.case), item.kind.suffix()))
                    .collect();
                format!("cases={}", list.join(","))
            }
        });
        if let Some(go) = self.go {
            parts.push(format!("go={}", go.label()));
        }
        if let Some(lang) = self.lang {
            parts.push(format!("lang={}", lang.key()));
        }
        parts.push(format!("seed={}", self.seed));
        if !self.title.is_empty() {
            parts.push(format!("title={}", percent_encode(self.title.as_bytes())));
        }
        parts.join("&")
    }

    /// Reads a link's query (with or without `?`), against `cases`. A link
    /// with a checksum that does not read is damaged, whatever part broke.
    pub fn from_query(query: &str, cases: &'static [Case]) -> Result<Assignment, LinkError> {
        let query = query.strip_prefix('?').unwrap_or(query);
        let checked = query.starts_with("k=");
        Assignment::read(query, cases).map_err(|e| if checked { LinkError::Damaged } else { e })
    }

    fn read(query: &str, cases: &'static [Case]) -> Result<Assignment, LinkError> {
        let mut assignment = Assignment {
            set: Set::All,
            items: Vec::new(),
            go: None,
            lang: None,
            title: String::new(),
            seed: 0,
        };
        let mut checksum = None;
        let mut chosen = false;
        let mut seed = None;
        for part in query.split('&').filter(|p| !p.is_empty()) {
            let bad = || LinkError::BadPart(clip(part, 40));
            let (key, value) = part.split_once('=').ok_or_else(bad)?;
            match key {
                "k" => {
                    checksum = Some(u32::from_str_radix(value, 16).map_err(|_| LinkError::Damaged)?)
                }
                "set" if value == "all" => {
                    assignment.set = Set::All;
                    assignment.items = runnable(cases, None);
                    chosen = true;
                }
                "section" => {
                    let section = Section::ALL
                        .into_iter()
                        .find(|s| s.key() == value)
                        .ok_or_else(bad)?;
                    assignment.set = Set::Section(section);
                    assignment.items = runnable(cases, Some(section));
                    chosen = true;
                }
                "cases" => {
                    assignment.set = Set::List;
                    assignment.items = list(value, cases)?;
                    chosen = true;
                }
                "go" => assignment.go = Some(GoVersion::parse(value).ok_or_else(bad)?),
                "lang" => assignment.lang = Some(Language::from_key(value).ok_or_else(bad)?),
                "seed" => seed = Some(value.parse().map_err(|_| bad())?),
                "title" => {
                    let title = percent_decode(value).ok_or(LinkError::Damaged)?;
                    assignment.title = clean(&title, MAX_TITLE);
                }
                _ => return Err(bad()),
            }
        }
        if !chosen {
            assignment.items = runnable(cases, None);
        }
        // Without a seed (a link typed by hand), one that depends on the
        // questions: the same link still gives the same quiz.
        assignment.seed = seed.unwrap_or_else(|| assignment.id());
        if checksum.is_some_and(|k| k != assignment.id()) {
            return Err(LinkError::Damaged);
        }
        if assignment.items.is_empty() {
            return Err(LinkError::Empty);
        }
        Ok(assignment)
    }
}

/// The release a case is meant for (its file's `go`, else the current one).
pub fn own_go(case: &Case) -> GoVersion {
    case.go
        .and_then(GoVersion::parse)
        .unwrap_or(GoVersion::CURRENT)
}

/// How a link names a case: its number, or its slug when it has none.
pub fn case_ref(case: &Case) -> String {
    if case.number != 0 {
        case.number.to_string()
    } else {
        case.slug.to_string()
    }
}

fn runnable(cases: &'static [Case], section: Option<Section>) -> Vec<Item> {
    cases::by_section(cases)
        .into_iter()
        .filter(|(s, _)| section.is_none_or(|want| *s == want))
        .flat_map(|(_, in_section)| in_section)
        .filter(|case| case.runnable)
        .map(|case| Item {
            case,
            kind: Kind::Auto,
        })
        .take(MAX_QUESTIONS)
        .collect()
}

/// `4:h,14:p,3,syncmap-go115-leak`: numbers or slugs, each with an
/// optional kind; a case named twice is asked once.
fn list(value: &str, cases: &'static [Case]) -> Result<Vec<Item>, LinkError> {
    let mut items: Vec<Item> = Vec::new();
    for entry in value.split(',').filter(|e| !e.is_empty()) {
        let (name, kind) = match entry.split_once(':') {
            Some((name, "h")) => (name, Kind::Happens),
            Some((name, "p")) => (name, Kind::Prints),
            Some(_) => return Err(LinkError::BadPart(clip(entry, 40))),
            None => (entry, Kind::Auto),
        };
        let case = cases
            .iter()
            .find(|c| {
                c.slug == name || (c.number != 0 && name.parse::<u32>().ok() == Some(c.number))
            })
            .filter(|c| c.runnable)
            .ok_or_else(|| LinkError::UnknownCase(clip(name, 40)))?;
        if items.len() >= MAX_QUESTIONS {
            break;
        }
        if !items.iter().any(|item| item.case.slug == case.slug) {
            items.push(Item { case, kind });
        }
    }
    Ok(items)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn all() -> &'static [Case] {
        cases::all()
    }

    #[test]
    fn links_round_trip_with_their_checksum() {
        let mut a = Assignment::from_query("cases=4:h,14:p,3", all()).expect("valid");
        a.title = "第一周 <b>quiz</b> & more".to_string();
        a.go = Some(GoVersion::GO1_21);
        a.lang = Some(Language::Zh);
        a.seed = 42;
        let query = a.to_query();
        assert!(query.starts_with(&format!("k={}&", a.id_hex())));
        let back = Assignment::from_query(&query, all()).expect("round trip");
        assert_eq!(back, a);
        let kinds: Vec<Kind> = back.items.iter().map(|i| i.kind).collect();
        assert_eq!(kinds, [Kind::Happens, Kind::Prints, Kind::Auto]);
        assert_eq!(back.items[1].case.number, 14);
    }

    #[test]
    fn a_cut_or_changed_link_is_damaged() {
        let mut a = Assignment::from_query("cases=4,5,6", all()).expect("valid");
        a.title = "Week one".to_string();
        let query = a.to_query();
        for cut in [query.len() - 3, query.len() / 2 + 4] {
            assert_eq!(
                Assignment::from_query(&query[..cut], all()),
                Err(LinkError::Damaged),
                "{}",
                &query[..cut]
            );
        }
        let changed = query.replace("cases=4,5,6", "cases=4,5,7");
        assert_eq!(
            Assignment::from_query(&changed, all()),
            Err(LinkError::Damaged)
        );
    }

    #[test]
    fn sets_and_bad_parts() {
        let every = Assignment::from_query("set=all", all()).expect("valid");
        assert!(every.items.iter().all(|i| i.case.runnable));
        assert_eq!(
            every.items.len(),
            all().iter().filter(|c| c.runnable).count()
        );
        assert_eq!(every.items[0].case.number, 1);
        // Hand-written links have no checksum and a seed from their questions.
        assert_eq!(
            Assignment::from_query("", all()).map(|a| a.items.len()),
            Ok(every.items.len())
        );
        let mutex = Assignment::from_query("section=mutex", all()).expect("valid");
        assert!(mutex.items.iter().all(|i| i.case.section == Section::Mutex));
        assert_eq!(
            Assignment::from_query("cases=4,999", all()),
            Err(LinkError::UnknownCase("999".into()))
        );
        // A listing the player cannot run is not a quiz item (case 18 was
        // one until gosim had package net; a copy marked so stands in).
        let listing: &'static [Case] = Box::leak(
            all()
                .iter()
                .map(|c| Case {
                    runnable: c.runnable && c.slug != "netpoll-echo-server",
                    ..*c
                })
                .collect::<Vec<_>>()
                .into_boxed_slice(),
        );
        assert_eq!(
            Assignment::from_query("cases=netpoll-echo-server", listing),
            Err(LinkError::UnknownCase("netpoll-echo-server".into()))
        );
        assert!(matches!(
            Assignment::from_query("cases=4:x", all()),
            Err(LinkError::BadPart(_))
        ));
        assert!(matches!(
            Assignment::from_query("go=1.99", all()),
            Err(LinkError::BadPart(_))
        ));
        assert!(matches!(
            Assignment::from_query("<script>", all()),
            Err(LinkError::BadPart(_))
        ));
        assert_eq!(
            Assignment::from_query("cases=", all()),
            Err(LinkError::Empty)
        );
        assert_eq!(
            Assignment::from_query("title=%E4%B8", all()),
            Err(LinkError::Damaged)
        );
        let twice = Assignment::from_query("cases=4,4,syncmap-go115-leak", all()).expect("valid");
        assert_eq!(twice.items.len(), 2);
    }

    #[test]
    fn seeds_come_from_the_link() {
        let a = Assignment::from_query("cases=3&seed=7", all()).expect("valid");
        let b = Assignment::from_query("cases=3&seed=8", all()).expect("valid");
        assert_eq!((a.seed, b.seed), (7, 8));
        assert_ne!(a.id(), b.id());
        let c = Assignment::from_query("cases=3", all()).expect("valid");
        assert_eq!(
            c.seed,
            Assignment::from_query("cases=3", all())
                .expect("valid")
                .seed
        );
    }
}
