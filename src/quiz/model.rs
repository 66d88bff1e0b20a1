//! The quiz's state and its one reducer: every page of the quiz room (the
//! hub, a learner taking an assignment, the teacher's assignment form, the
//! class view, the presenter) and every user action on them as a `Msg`,
//! applied by `QuizModel::apply`.
//!
//! Owns the rules of the flow: an answer is final once given, a stored
//! quiz can be resumed or started over, the presenter's reveal and
//! countdown reset when the question changes. It is plain Rust with no
//! browser access (the time comes in with the messages that need it), so
//! it is tested natively; storage, fetching, timers and keys are the
//! component's (`view.rs`).

use gosim::GoVersion;

use crate::cases::Case;
use crate::content::{self, ContentError};
use crate::i18n::Language;
use crate::quiz::assignment::{Assignment, Item, Kind, LinkError, Set, MAX_TITLE};
use crate::quiz::code::{case_key, Coded, ResultCode};
use crate::quiz::progress::{storage_key, Progress, MAX_NAME};
use crate::quiz::question::Question;
use crate::quiz::scoring::points;
use crate::quiz::text::clean;
use crate::route::QuizPage;

/// The countdowns the presenter offers, in seconds (0: none).
pub const COUNTDOWNS: [u32; 4] = [0, 30, 60, 120];

/// Every user action on the quiz's pages.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Msg {
    /// A case's content (and quiz data) arrived.
    Loaded,
    Failed(&'static str, ContentError),
    // The learner.
    /// Start the quiz at this time (ms since the epoch; the component
    /// stamps the time on `Start` and `Next`).
    Start(u64),
    /// Go on with the stored quiz.
    Resume,
    /// Forget the stored quiz and show the start again.
    Restart,
    /// Choose option `i` (canonical order) of the current question.
    Choose(usize),
    Submit,
    /// To the next question, or to the results after the last (at this time).
    Next(u64),
    Name(String),
    // The teacher's form.
    Title(String),
    Lang(Option<Language>),
    Go(Option<GoVersion>),
    Seed(u32),
    /// A new random seed (the component turns it into `Seed`).
    NewSeed,
    /// Pick or unpick the case with this slug.
    Toggle(&'static str),
    /// `<slug>:<kind key>`, from the kind's select.
    KindOf(String),
    PickAll(bool),
    // The class view.
    Codes(String),
    /// Text from dropped or picked files, added to the codes.
    AddCodes(String),
    // The presenter.
    Move(i32),
    Reveal,
    Hands(usize, u32),
    Countdown(u32),
    Timer,
    Tick,
}

/// The learner's quiz.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Take {
    /// `None` before the start.
    pub progress: Option<Progress>,
    /// A quiz found in storage when the page opened, offered for resuming.
    pub stored: Option<Progress>,
    /// Options picked on the current question, not yet submitted.
    pub selection: u8,
    /// The progress changed since the component last stored it.
    pub dirty: bool,
}

/// The teacher's assignment form.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Builder {
    pub title: String,
    pub lang: Option<Language>,
    pub go: Option<GoVersion>,
    pub seed: u32,
    /// The cases picked, with their kind of question.
    pub picks: Vec<(&'static str, Kind)>,
}

/// The presenter's screen.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Present {
    pub at: usize,
    pub revealed: bool,
    /// Hands counted per question, per option (canonical order).
    pub hands: Vec<Vec<u32>>,
    /// The countdown chosen, in seconds (0: none).
    pub countdown: u32,
    /// Seconds left, once the countdown started.
    pub left: Option<u32>,
    pub running: bool,
}

pub struct QuizModel {
    pub page: QuizPage,
    pub cases: &'static [Case],
    /// The assignment from the link (the whole talk on pages without one).
    pub link: Result<Assignment, LinkError>,
    /// The page's link named an assignment (the class view works without).
    pub has_link: bool,
    /// Cases whose content could not be loaded.
    pub failed: Vec<(&'static str, ContentError)>,
    pub take: Take,
    pub builder: Builder,
    pub codes: String,
    pub present: Present,
}

impl QuizModel {
    /// The page `page` opened with the link's `query`; `stored` reads the
    /// learner's stored progress for an assignment key.
    pub fn new(
        page: QuizPage,
        query: &str,
        cases: &'static [Case],
        stored: impl FnOnce(&str) -> Option<String>,
    ) -> QuizModel {
        let has_link = !query.is_empty();
        let link = if has_link || page == QuizPage::Take {
            Assignment::from_query(query, cases)
        } else {
            Ok(Assignment::all(cases))
        };
        let mut take = Take::default();
        if let (QuizPage::Take, Ok(a)) = (page, &link) {
            take.stored = stored(&storage_key(&a.id_hex()))
                .and_then(|text| Progress::decode(&text, a.items.len()))
                .filter(|p| p.answered() > 0 || p.finished_ms.is_some());
            // A finished quiz opens on its results.
            if take
                .stored
                .as_ref()
                .is_some_and(|p| p.finished_ms.is_some())
            {
                take.progress = take.stored.take();
            }
        }
        QuizModel {
            page,
            cases,
            link,
            has_link,
            failed: Vec::new(),
            take,
            builder: Builder {
                title: String::new(),
                lang: None,
                go: None,
                seed: 1,
                picks: Vec::new(),
            },
            codes: String::new(),
            present: Present::default(),
        }
    }

    pub fn assignment(&self) -> Option<&Assignment> {
        self.link.as_ref().ok()
    }

    /// The cases this page needs the content of.
    pub fn needed(&self) -> Vec<&'static Case> {
        match (self.page, self.assignment()) {
            (QuizPage::Take | QuizPage::Present, Some(a)) => {
                a.items.iter().map(|i| i.case).collect()
            }
            _ => Vec::new(),
        }
    }

    /// Question `i` of the assignment, once its case's data is here.
    pub fn question(&self, i: usize) -> Option<Question> {
        let a = self.assignment()?;
        let item: &Item = a.items.get(i)?;
        Question::build(a, i, item, content::quiz(item.case.slug)?)
    }

    /// Why question `i`'s case could not be loaded, if it could not.
    pub fn failure(&self, i: usize) -> Option<&ContentError> {
        let slug = self.assignment()?.items.get(i)?.case.slug;
        self.failed.iter().find(|(s, _)| *s == slug).map(|(_, e)| e)
    }

    /// Points for question `i` with answer `chosen` (0 until its data is here).
    pub fn points(&self, i: usize, chosen: Option<u8>) -> u32 {
        match (self.question(i), chosen) {
            (Some(q), Some(c)) => points(q.right_mask(), c, q.multi()),
            _ => 0,
        }
    }

    /// The learner's result code, once the quiz is finished.
    pub fn result_code(&self, now_ms: u64) -> Option<ResultCode> {
        let a = self.assignment()?;
        let p = self.take.progress.as_ref()?;
        p.finished_ms?;
        let answers = a
            .items
            .iter()
            .enumerate()
            .map(|(i, item)| {
                let chosen = p.answers.get(i).copied().flatten();
                Coded {
                    case: case_key(item.case.slug),
                    prints: self
                        .question(i)
                        .is_some_and(|q| q.prompt != crate::quiz::question::Prompt::Happens),
                    chosen: chosen.unwrap_or(0),
                    points: self.points(i, chosen) as u8,
                }
            })
            .collect();
        Some(ResultCode {
            assignment: a.id(),
            seconds: p.seconds(now_ms),
            answers,
            name: p.name.clone(),
        })
    }

    /// The storage write the last change calls for: (key, value), `None`
    /// to remove. Clears the flag.
    pub fn take_storage(&mut self) -> Option<(String, Option<String>)> {
        if !std::mem::take(&mut self.take.dirty) {
            return None;
        }
        let key = storage_key(&self.assignment()?.id_hex());
        Some((key, self.take.progress.as_ref().map(Progress::encode)))
    }

    /// The teacher's form as an assignment, once a case is picked.
    pub fn built(&self) -> Option<Assignment> {
        let b = &self.builder;
        let items: Vec<Item> = Assignment::all(self.cases)
            .items
            .into_iter()
            .filter_map(|item| {
                let (_, kind) = b.picks.iter().find(|(slug, _)| *slug == item.case.slug)?;
                Some(Item {
                    case: item.case,
                    kind: *kind,
                })
            })
            .collect();
        (!items.is_empty()).then(|| Assignment {
            set: Set::List,
            items,
            go: b.go,
            lang: b.lang,
            title: b.title.clone(),
            seed: b.seed,
        })
    }

    /// Applies one action; returns whether anything visible changed.
    pub fn apply(&mut self, msg: Msg) -> bool {
        match msg {
            Msg::Loaded => true,
            Msg::Failed(slug, error) => {
                self.failed.push((slug, error));
                true
            }
            Msg::Start(now) => {
                let Some(n) = self.assignment().map(|a| a.items.len()) else {
                    return false;
                };
                self.take.progress = Some(Progress::start(n, now));
                self.take.stored = None;
                self.take.selection = 0;
                self.take.dirty = true;
                true
            }
            Msg::Resume => {
                let Some(stored) = self.take.stored.take() else {
                    return false;
                };
                self.take.progress = Some(stored);
                self.take.selection = 0;
                true
            }
            Msg::Restart => {
                self.take = Take {
                    dirty: true,
                    ..Take::default()
                };
                true
            }
            Msg::Choose(i) => {
                let Some(p) = &self.take.progress else {
                    return false;
                };
                let at = p.at;
                if p.answers.get(at).copied().flatten().is_some() || i >= 7 {
                    return false;
                }
                let bit = 1u8 << i;
                self.take.selection = match self.question(at) {
                    Some(q) if q.multi() => self.take.selection ^ bit,
                    _ => bit,
                };
                true
            }
            Msg::Submit => {
                let selection = self.take.selection;
                let Some(p) = &mut self.take.progress else {
                    return false;
                };
                match p.answers.get_mut(p.at) {
                    Some(slot @ None) if selection != 0 => {
                        *slot = Some(selection);
                        self.take.selection = 0;
                        self.take.dirty = true;
                        true
                    }
                    _ => false,
                }
            }
            Msg::Next(now) => {
                let Some(p) = &mut self.take.progress else {
                    return false;
                };
                if p.at + 1 < p.answers.len() {
                    p.at += 1;
                } else if p.finished_ms.is_none() {
                    p.finished_ms = Some(now);
                } else {
                    return false;
                }
                self.take.selection = 0;
                self.take.dirty = true;
                true
            }
            Msg::Name(name) => {
                let Some(p) = &mut self.take.progress else {
                    return false;
                };
                p.name = clean(&name, MAX_NAME);
                self.take.dirty = true;
                true
            }
            Msg::Title(title) => {
                self.builder.title = clean(&title, MAX_TITLE);
                true
            }
            Msg::Lang(lang) => {
                self.builder.lang = lang;
                true
            }
            Msg::Go(go) => {
                self.builder.go = go;
                true
            }
            Msg::Seed(seed) => {
                self.builder.seed = seed;
                true
            }
            Msg::NewSeed => false,
            Msg::Toggle(slug) => {
                let picks = &mut self.builder.picks;
                match picks.iter().position(|(s, _)| *s == slug) {
                    Some(i) => {
                        picks.remove(i);
                    }
                    None => picks.push((slug, Kind::Auto)),
                }
                true
            }
            Msg::KindOf(value) => {
                let Some((slug, kind)) = value.split_once(':').and_then(|(slug, key)| {
                    Some((
                        self.cases.iter().find(|c| c.slug == slug)?.slug,
                        Kind::from_key(key)?,
                    ))
                }) else {
                    return false;
                };
                match self.builder.picks.iter_mut().find(|(s, _)| *s == slug) {
                    Some(pick) => pick.1 = kind,
                    None => self.builder.picks.push((slug, kind)),
                }
                true
            }
            Msg::PickAll(on) => {
                self.builder.picks = if on {
                    Assignment::all(self.cases)
                        .items
                        .iter()
                        .map(|i| {
                            let kept = self.builder.picks.iter().find(|(s, _)| *s == i.case.slug);
                            (i.case.slug, kept.map_or(Kind::Auto, |k| k.1))
                        })
                        .collect()
                } else {
                    Vec::new()
                };
                true
            }
            Msg::Codes(text) => {
                self.codes = text;
                true
            }
            Msg::AddCodes(text) => {
                if !self.codes.is_empty() && !self.codes.ends_with('\n') {
                    self.codes.push('\n');
                }
                self.codes.push_str(&text);
                true
            }
            Msg::Move(by) => {
                let n = self.assignment().map_or(0, |a| a.items.len());
                let at = (self.present.at as i64 + i64::from(by))
                    .clamp(0, n.saturating_sub(1) as i64) as usize;
                if at == self.present.at {
                    return false;
                }
                self.present.at = at;
                self.present.revealed = false;
                self.present.left = None;
                self.present.running = false;
                true
            }
            Msg::Reveal => {
                self.present.revealed = !self.present.revealed;
                self.present.running = false;
                true
            }
            Msg::Hands(option, count) => {
                let n = self.assignment().map_or(0, |a| a.items.len());
                let hands = &mut self.present.hands;
                if hands.len() < n {
                    hands.resize(n, Vec::new());
                }
                let Some(row) = hands.get_mut(self.present.at) else {
                    return false;
                };
                if option >= 7 {
                    return false;
                }
                if row.len() <= option {
                    row.resize(option + 1, 0);
                }
                row[option] = count.min(9_999);
                true
            }
            Msg::Countdown(seconds) => {
                self.present.countdown = seconds;
                self.present.left = None;
                self.present.running = false;
                true
            }
            Msg::Timer => {
                let p = &mut self.present;
                if p.running {
                    p.running = false;
                } else if p.countdown > 0 {
                    if p.left.is_none_or(|l| l == 0) {
                        p.left = Some(p.countdown);
                    }
                    p.running = true;
                } else {
                    return false;
                }
                true
            }
            Msg::Tick => {
                let p = &mut self.present;
                match p.left {
                    Some(left) if p.running => {
                        p.left = Some(left.saturating_sub(1));
                        p.running = left > 1;
                        true
                    }
                    _ => false,
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cases::{self, Outcome};
    use crate::content::{QuizOption, QuizVersion};

    /// Quiz data for a case: what happens is `outcome`; outputs `a`
    /// (right) and `b`.
    fn remember(slug: &'static str, outcome: Outcome, multi: bool) {
        let options: Vec<QuizOption> = ["a\n", "b\n", "c\n"]
            .iter()
            .enumerate()
            .map(|(i, t)| QuizOption {
                text: t.to_string(),
                right: i == 0 || (multi && i == 1),
                from: "run".into(),
            })
            .collect();
        content::remember_quiz(
            slug,
            ["1.21", "1.27"]
                .iter()
                .map(|go| QuizVersion {
                    go: go.to_string(),
                    outcome,
                    focus: 4,
                    multi,
                    options: if outcome == Outcome::Deadlock {
                        Vec::new()
                    } else {
                        options.clone()
                    },
                })
                .collect(),
        );
    }

    fn slug(n: u32) -> &'static str {
        cases::all()
            .iter()
            .find(|c| c.number == n)
            .expect("case")
            .slug
    }

    fn model(query: &str, stored: Option<String>) -> QuizModel {
        remember(slug(4), Outcome::Deadlock, false);
        remember(slug(14), Outcome::WrongValue, false);
        remember(slug(3), Outcome::Nondeterministic, true);
        QuizModel::new(QuizPage::Take, query, cases::all(), |_| stored)
    }

    fn answer(m: &mut QuizModel, picks: &[usize]) {
        for &i in picks {
            assert!(m.apply(Msg::Choose(i)));
        }
        assert!(m.apply(Msg::Submit));
    }

    /// The canonical index of the option that says `text`.
    fn option(m: &QuizModel, q: usize, text: &str) -> usize {
        let q = m.question(q).expect("question");
        q.options
            .iter()
            .position(|o| matches!(o.body, crate::quiz::question::Body::Output(t) if t == text))
            .expect("option")
    }

    #[test]
    fn a_quiz_from_start_to_result_code() {
        let mut m = model("cases=4,14,3&seed=9", None);
        assert!(m.take.progress.is_none() && m.take.stored.is_none());
        m.apply(Msg::Start(1_000));
        assert_eq!(
            m.take_storage()
                .map(|(k, v)| (k.starts_with("gopitfalls.quiz."), v.is_some())),
            Some((true, true))
        );
        // Deadlock is outcome 0; answer "leak" (1): wrong.
        answer(&mut m, &[1]);
        assert!(!m.apply(Msg::Choose(0)), "an answer is final");
        assert!(!m.apply(Msg::Submit));
        m.apply(Msg::Next(2_000));
        let right = option(&m, 1, "a\n");
        answer(&mut m, &[right]);
        m.apply(Msg::Next(3_000));
        // Two of the three outputs are right; pick one right one.
        let a = option(&m, 2, "a\n");
        answer(&mut m, &[a]);
        assert!(m.result_code(0).is_none(), "not finished yet");
        m.apply(Msg::Next(61_500));
        m.apply(Msg::Name("  王小明 ".into()));
        let code = m.result_code(0).expect("finished");
        let points: Vec<u8> = code.answers.iter().map(|a| a.points).collect();
        assert_eq!(points, [0, 100, 50]);
        let kinds: Vec<bool> = code.answers.iter().map(|a| a.prints).collect();
        assert_eq!(kinds, [false, true, true]);
        assert_eq!((code.seconds, code.name.as_str()), (60, "王小明"));
        assert_eq!(code.assignment, m.assignment().expect("link").id());
    }

    #[test]
    fn stored_progress_resumes_or_restarts() {
        let mut m = model("cases=4,14,3&seed=9", None);
        m.apply(Msg::Start(1_000));
        answer(&mut m, &[1]);
        m.apply(Msg::Next(2_000));
        let (_, stored) = m.take_storage().expect("stored");
        // A reload: the stored quiz is offered, not forced.
        let mut again = model("cases=4,14,3&seed=9", stored.clone());
        assert_eq!(again.take.stored.as_ref().map(|p| p.at), Some(1));
        assert!(again.take.progress.is_none());
        again.apply(Msg::Resume);
        assert_eq!(
            again.take.progress.as_ref().map(|p| (p.at, p.answered())),
            Some((1, 1))
        );
        again.apply(Msg::Restart);
        assert_eq!(
            again.take_storage(),
            Some((
                storage_key(&again.assignment().expect("link").id_hex()),
                None
            ))
        );
        // Another assignment's link does not see it.
        let other = model("cases=4,14&seed=9", stored);
        assert!(other.take.stored.is_none());
    }

    #[test]
    fn the_teachers_form_makes_a_link_in_the_talks_order() {
        let mut m = QuizModel::new(QuizPage::Assign, "", cases::all(), |_| None);
        assert!(m.built().is_none());
        m.apply(Msg::Toggle(slug(14)));
        m.apply(Msg::Toggle(slug(4)));
        m.apply(Msg::Toggle(slug(5)));
        m.apply(Msg::Toggle(slug(5)));
        assert!(!m.apply(Msg::KindOf("nope:h".into())));
        m.apply(Msg::KindOf(format!("{}:h", slug(4))));
        m.apply(Msg::Title("<script>alert(1)</script>".into()));
        m.apply(Msg::Go(Some(GoVersion::GO1_22)));
        m.apply(Msg::Seed(77));
        let a = m.built().expect("two cases");
        let back = Assignment::from_query(&a.to_query(), cases::all()).expect("valid link");
        assert_eq!(back, a);
        let numbers: Vec<(u32, Kind)> =
            back.items.iter().map(|i| (i.case.number, i.kind)).collect();
        assert_eq!(numbers, [(4, Kind::Happens), (14, Kind::Auto)]);
        m.apply(Msg::PickAll(true));
        assert_eq!(
            m.built().map(|a| a.items.len()),
            Some(cases::all().iter().filter(|c| c.runnable).count())
        );
        assert_eq!(
            m.builder.picks.iter().find(|p| p.0 == slug(4)).map(|p| p.1),
            Some(Kind::Happens)
        );
    }

    #[test]
    fn the_presenter_moves_reveals_counts_and_counts_down() {
        let mut m = QuizModel::new(QuizPage::Present, "cases=4,14", cases::all(), |_| None);
        assert!(!m.apply(Msg::Move(-1)), "already at the first");
        m.apply(Msg::Reveal);
        m.apply(Msg::Hands(2, 5));
        assert!(m.present.revealed);
        assert!(m.apply(Msg::Move(1)));
        assert!(!m.present.revealed, "a new question starts hidden");
        assert!(!m.apply(Msg::Move(1)), "already at the last");
        assert_eq!(m.present.hands[0], [0, 0, 5]);
        assert!(!m.apply(Msg::Timer), "no countdown chosen");
        m.apply(Msg::Countdown(30));
        m.apply(Msg::Timer);
        for _ in 0..29 {
            m.apply(Msg::Tick);
        }
        assert_eq!((m.present.left, m.present.running), (Some(1), true));
        m.apply(Msg::Tick);
        assert_eq!((m.present.left, m.present.running), (Some(0), false));
        assert!(!m.apply(Msg::Tick));
    }

    #[test]
    fn a_damaged_link_keeps_its_error() {
        let a = Assignment::from_query("cases=4,14", cases::all()).expect("valid");
        let query = a.to_query();
        let m = QuizModel::new(
            QuizPage::Take,
            &query[..query.len() - 2],
            cases::all(),
            |_| None,
        );
        assert_eq!(m.link, Err(LinkError::Damaged));
        assert!(m.needed().is_empty());
    }
}
