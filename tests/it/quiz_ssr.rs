//! SSR render tests of the quiz's pages: a `QuizModel` driven through its
//! messages, rendered by the page's view to HTML natively, with the quiz
//! data `crates/case-export` computes for the repository's cases (the same
//! questions the browser reads). Hostile strings in a link, a name or a
//! pasted code must come out as text.

use gopitfalls::cases::{self, Case};
use gopitfalls::content::{self, QuizOption, QuizVersion};
use gopitfalls::i18n::Language;
use gopitfalls::quiz::assignment::Assignment;
use gopitfalls::quiz::code::ResultCode;
use gopitfalls::quiz::model::{Msg, QuizModel};
use gopitfalls::quiz::{learner, presenter, teacher};
use gopitfalls::route::QuizPage;
use yew::Callback;

use crate::support::{repo_cases, show};

const HOSTILE: &str = "<img src=x onerror=alert(1)>";

/// Computes and remembers the quiz data of the cases numbered `numbers`
/// (once per test thread: the registry keeps the first arrival).
fn remember(numbers: &[u32]) {
    for (_, file) in repo_cases() {
        if !numbers.contains(&file.number) {
            continue;
        }
        let case: &'static Case = cases::all()
            .iter()
            .find(|c| c.slug == file.slug)
            .expect("embedded");
        let versions = case_export::quiz::compute(&file)
            .into_iter()
            .map(|v| QuizVersion {
                go: v.go.label(),
                outcome: cases::Outcome::from_key(v.outcome).expect("an outcome key"),
                focus: v.focus,
                multi: v.multi,
                options: v
                    .options
                    .into_iter()
                    .map(|o| QuizOption {
                        text: o.text,
                        right: o.right,
                        from: o.from,
                    })
                    .collect(),
            })
            .collect();
        content::remember_quiz(case.slug, versions);
    }
}

fn model(page: QuizPage, query: &str) -> QuizModel {
    QuizModel::new(page, query, cases::all(), |_| None)
}

async fn take(m: &QuizModel, lang: Language) -> String {
    show(learner::take(m, lang, &Callback::noop())).await
}

/// The canonical index (`data-option`) of the right option of question `i`.
fn right(m: &QuizModel, i: usize) -> usize {
    let q = m.question(i).expect("question");
    q.options
        .iter()
        .position(|o| o.right)
        .expect("a right option")
}

#[tokio::test]
async fn a_question_hides_the_run_until_answered_then_opens_it_at_the_step_that_matters() {
    remember(&[4]);
    let mut m = model(QuizPage::Take, "cases=4&seed=3");
    let intro = take(&m, Language::En).await;
    assert!(intro.contains("data-testid=\"quiz-start\""), "{intro}");
    m.apply(Msg::Start(1_000));
    let asked = take(&m, Language::En).await;
    assert!(asked.contains("What happens when this program runs?"));
    assert!(asked.contains("It deadlocks"));
    // Nothing gives the answer away: no player, no verdict, no outcome
    // badge, no title (which names the pitfall).
    for hidden in [
        "quiz-reveal",
        "data-testid=\"playground\"",
        "badge--deadlock",
        "data-right",
        "full channel",
    ] {
        assert!(!asked.contains(hidden), "{hidden} shows before the answer");
    }
    let focus = m.question(0).expect("question").focus;
    m.apply(Msg::Choose(right(&m, 0)));
    m.apply(Msg::Submit);
    let revealed = take(&m, Language::En).await;
    assert!(revealed.contains("Right!"));
    assert!(revealed.contains("data-testid=\"quiz-reveal\""));
    assert!(
        revealed.contains(&format!("data-position=\"{focus}\"")),
        "the player opens at step {focus}"
    );
    assert!(revealed.contains("all goroutines are asleep - deadlock!"));
    assert!(revealed.contains("data-testid=\"quiz-step-through\""));
    assert!(revealed.contains("href=\"#/case/lock-and-full-channel?go=1.27\""));
}

#[tokio::test]
async fn results_review_and_code_in_chinese_with_a_hostile_name() {
    remember(&[4, 14]);
    let mut m = model(QuizPage::Take, "cases=4,14&lang=zh&seed=1");
    m.apply(Msg::Start(0));
    m.apply(Msg::Choose(right(&m, 0)));
    m.apply(Msg::Submit);
    m.apply(Msg::Next(0));
    // A wrong output for case 14 (Go 1.21): Go 1.22's.
    let q = m.question(1).expect("question");
    let wrong = q
        .options
        .iter()
        .position(|o| o.from == "go1.22")
        .expect("Go 1.22's output");
    m.apply(Msg::Choose(wrong));
    m.apply(Msg::Submit);
    m.apply(Msg::Next(90_000));
    m.apply(Msg::Name(HOSTILE.into()));
    let html = take(&m, Language::Zh).await;
    assert!(html.contains("你的成绩"));
    assert!(html.contains("1 / 2 分（50%）"), "{html}");
    assert!(html.contains("1:30"));
    assert!(html.contains("Go 1.22 打印这个"));
    assert!(!html.contains("<img src=x"), "the name is text");
    assert!(html.contains("&lt;img src=x onerror=alert(1)&gt;"));
    let code = m.result_code(0).expect("finished").encode();
    assert!(html.contains(&code));
    assert_eq!(
        ResultCode::decode(&code).map(|c| c.name),
        Ok(HOSTILE.to_string())
    );
}

#[tokio::test]
async fn links_with_hostile_or_damaged_parts_are_shown_as_text() {
    let mut a = Assignment::from_query("cases=4", cases::all()).expect("valid");
    a.title = HOSTILE.to_string();
    let m = model(QuizPage::Take, &a.to_query());
    let html = take(&m, Language::En).await;
    assert!(!html.contains("<img src=x"));
    assert!(html.contains("&lt;img src=x onerror=alert(1)&gt;"));
    let damaged = model(QuizPage::Take, &a.to_query()[..20]);
    let html = take(&damaged, Language::En).await;
    assert!(html.contains("This quiz link is damaged"), "{html}");
    let bad = model(QuizPage::Take, "cases=4&<script>alert(1)</script>=1");
    let html = take(&bad, Language::Zh).await;
    assert!(html.contains("无法识别"));
    assert!(!html.contains("<script>"));
}

#[tokio::test]
async fn the_class_view_shows_names_as_text_and_each_bad_line() {
    let a = Assignment::from_query("cases=4,14", cases::all()).expect("valid");
    let code = |name: &str, points: u8| {
        ResultCode {
            assignment: a.id(),
            seconds: 75,
            answers: vec![
                gopitfalls::quiz::code::Coded {
                    case: gopitfalls::quiz::code::case_key(a.items[0].case.slug),
                    prints: false,
                    chosen: 1,
                    points: 100,
                },
                gopitfalls::quiz::code::Coded {
                    case: gopitfalls::quiz::code::case_key(a.items[1].case.slug),
                    prints: true,
                    chosen: 2,
                    points,
                },
            ],
            name: name.to_string(),
        }
        .encode()
    };
    let mut m = model(QuizPage::Class, &a.to_query());
    m.apply(Msg::Codes(format!(
        "{}\n{}\nGP-12345\n",
        code(HOSTILE, 0),
        code("王小明", 100)
    )));
    let html = show(teacher::class(&m, Language::En, &Callback::noop())).await;
    assert!(html.contains("&lt;img src=x onerror=alert(1)&gt;"));
    assert!(!html.contains("<img src=x"));
    assert!(html.contains("王小明"));
    assert!(html.contains("Line 3: this code is damaged"));
    assert!(html.contains("2 students"));
    assert!(html.contains(">50%<"), "question 2's success rate");
    assert!(html.contains("href=\"data:text/csv;charset=utf-8,%EF%BB%BF"));
}

#[tokio::test]
async fn the_presenter_shows_one_question_and_its_hand_counts() {
    remember(&[4, 3]);
    let mut m = model(QuizPage::Present, "cases=4,3&seed=2");
    let hidden = show(presenter::present(&m, Language::En, &Callback::noop())).await;
    assert!(hidden.contains("Question 1 of 2"));
    assert_eq!(hidden.matches("data-testid=\"present-hands\"").count(), 7);
    assert!(!hidden.contains("data-right"));
    m.apply(Msg::Reveal);
    m.apply(Msg::Hands(0, 12));
    let shown = show(presenter::present(&m, Language::En, &Callback::noop())).await;
    assert!(shown.contains("data-right=\"true\""));
    assert!(shown.contains("value=\"12\""));
    m.apply(Msg::Move(1));
    let next = show(presenter::present(&m, Language::Zh, &Callback::noop())).await;
    assert!(next.contains("第 2 题，共 2 题"));
    assert!(next.contains("下面哪些输出是可能出现的"));
}

/// The quiz's answers are computed natively under the player's own run
/// budget, or a case could end differently in the reveal than in the quiz.
#[test]
fn the_quiz_is_computed_under_the_players_budget() {
    assert_eq!(
        case_export::quiz::MAX_INSTRUCTIONS,
        gopitfalls::playground::controller::MAX_INSTRUCTIONS
    );
}
