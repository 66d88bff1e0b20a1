//! The learner's pages: the quiz hub, the start (or resume) of an
//! assignment, one question with its options, the reveal (verdict, the run
//! at the step that matters, why, the fix) and the results with the review
//! and the result code.
//!
//! Plain functions from the model to `Html`, sending `Msg`s; they decide
//! nothing (that is `model.rs`). Everything a link, a case or a learner
//! typed is shown as text, never as markup.

use yew::prelude::*;

use crate::cases::{self, Case, Section};
use crate::i18n::{case_page, quiz as t, Language, Text};
use crate::markup::{button, class_el, classed, flag, plain_el, send, text_el};
use crate::platform;
use crate::playground::source_view::{highlight_lines, source_view};
use crate::playground::Playground;
use crate::quiz::assignment::{Assignment, LinkError, Set};
use crate::quiz::model::{Msg, QuizModel};
use crate::quiz::progress::Progress;
use crate::quiz::question::{Body, Prompt, Question};
use crate::quiz::scoring::{points, totals, FULL};
use crate::quiz::text::{clock, hundredths, percent};
use crate::route::{QuizPage, Route};
use crate::views::case_view::inline_code;
use crate::views::outcome_badge;

/// The quiz room's front page: the sets, and the teacher's pages.
pub fn hub(all: &'static [Case], lang: Language) -> Html {
    let every = Assignment::all(all);
    let set_link = |query: String, name: &str, n: usize, testid: &'static str| {
        html! {
            <li>
                <a href={format!("#/quiz/take?{query}")} data-testid={testid}>{ name.to_string() }</a>
                { text_el("span", "quiz-hub__count", t::questions(lang, n)) }
            </li>
        }
    };
    html! {
        <main class="page page--quiz" data-testid="quiz-hub">
            <section class="hero">
                { text_el("h1", "hero__title", t::HUB_TITLE.get(lang)) }
                { text_el("p", "hero__intro", t::HUB_INTRO.get(lang)) }
            </section>
            <div class="quiz-hub">
                <section class="panel">
                    { text_el("h2", "panel__title", t::SETS.get(lang)) }
                    <ul class="quiz-hub__list">
                        { set_link("set=all".into(), t::SET_ALL.get(lang), every.items.len(), "quiz-set-all") }
                        { for cases::by_section(all).into_iter().filter_map(|(section, in_section)| {
                            let n = in_section.iter().filter(|c| c.runnable).count();
                            (n > 0).then(|| set_link(format!("section={}", section.key()), section.name().get(lang), n, "quiz-set"))
                        }) }
                    </ul>
                </section>
                <section class="panel">
                    { text_el("h2", "panel__title", t::FOR_TEACHERS.get(lang)) }
                    <ul class="quiz-hub__list">
                        <li><a href={Route::Quiz(QuizPage::Assign).to_hash()} data-testid="quiz-assign-link">{ t::MAKE_ASSIGNMENT.get(lang) }</a></li>
                        <li><a href={Route::Quiz(QuizPage::Class).to_hash()} data-testid="quiz-class-link">{ t::CLASS_VIEW.get(lang) }</a></li>
                        <li><a href={format!("#/quiz/present?{}", every.to_query())}>{ t::PRESENTER.get(lang) }</a></li>
                    </ul>
                </section>
            </div>
        </main>
    }
}

/// What a link's error says.
pub fn link_error(error: &LinkError, lang: Language) -> Html {
    let quote = |s: &str| gosim::format::quote(s.as_bytes());
    let message = match error {
        LinkError::Damaged => t::LINK_DAMAGED.get(lang).to_string(),
        LinkError::Empty => t::LINK_EMPTY.get(lang).to_string(),
        LinkError::BadPart(part) => t::link_bad_part(lang, &quote(part)),
        LinkError::UnknownCase(case) => t::link_unknown_case(lang, &quote(case)),
    };
    html! {
        <main class="page page--quiz">
            <div class="notice notice--error" role="alert" data-testid="quiz-link-error">{ message }</div>
            <p><a class="button" href="#/quiz">{ t::HUB_TITLE.get(lang) }</a></p>
        </main>
    }
}

/// The title a quiz shows: the teacher's, else its set's.
pub fn title(a: &Assignment, lang: Language) -> String {
    match a.set {
        _ if !a.title.is_empty() => a.title.clone(),
        Set::Section(section) => format!("{} · {}", t::NAV.get(lang), section.name().get(lang)),
        _ => t::DEFAULT_TITLE.get(lang).to_string(),
    }
}

/// The learner's page for the model's assignment.
pub fn take(m: &QuizModel, lang: Language, dispatch: &Callback<Msg>) -> Html {
    let a = match &m.link {
        Ok(a) => a,
        Err(error) => return link_error(error, lang),
    };
    let body = match &m.take.progress {
        None => intro(a, m.take.stored.as_ref(), lang, dispatch),
        Some(p) if p.finished_ms.is_some() => results(m, a, p, lang, dispatch),
        Some(p) => question_page(m, a, p, lang, dispatch),
    };
    html! {
        <main class="page page--quiz" data-testid="quiz-take" data-assignment={a.id_hex()}>
            <nav class="breadcrumb">
                <a href="#/quiz" class="breadcrumb__back">{ format!("← {}", t::HUB_TITLE.get(lang)) }</a>
            </nav>
            { text_el("h1", "quiz-title", title(a, lang)) }
            { body }
        </main>
    }
}

fn go_line(a: &Assignment, lang: Language) -> String {
    match a.go {
        Some(go) => format!("Go {}", go.label()),
        None => t::GO_EACH_OWN.get(lang).to_string(),
    }
}

fn intro(
    a: &Assignment,
    stored: Option<&Progress>,
    lang: Language,
    dispatch: &Callback<Msg>,
) -> Html {
    let start = send(dispatch, Msg::Start(0));
    html! {
        <section class="panel quiz-intro" data-testid="quiz-intro">
            { plain_el("p", format!("{} · {}", t::questions(lang, a.items.len()), go_line(a, lang))) }
            { plain_el("p", t::KEPT_HERE.get(lang)) }
            if let Some(p) = stored {
                { text_el("p", "quiz-intro__stored", t::in_progress(lang, p.answered(), p.answers.len())) }
                <div class="btn-group">
                    { button("btn btn--primary", Some("quiz-resume"), None, false, t::RESUME.get(lang).into(), send(dispatch, Msg::Resume)) }
                    { button("btn", Some("quiz-start"), None, false, t::START_OVER.get(lang).into(), start) }
                </div>
            } else {
                { button("btn btn--primary", Some("quiz-start"), None, false, t::START.get(lang).into(), start) }
            }
        </section>
    }
}

/// A callback that turns the event target's value into a message (`None`:
/// nothing happens); one closure type per event type for every field.
pub fn on_value<E: AsRef<Event> + 'static>(
    dispatch: &Callback<Msg>,
    to_msg: fn(String) -> Option<Msg>,
) -> Callback<E> {
    let dispatch = dispatch.clone();
    Callback::from(move |e: E| {
        if let Some(msg) = to_msg(platform::event_value(e.as_ref())) {
            dispatch.emit(msg);
        }
    })
}

/// The words of an option.
fn option_body(body: Body, lang: Language) -> Html {
    match body {
        Body::Outcome(o) => plain_el("span", o.answer().get(lang)),
        Body::Output("") => text_el(
            "span",
            "quiz-output quiz-output--none",
            t::NOTHING_PRINTED.get(lang),
        ),
        Body::Output(text) => text_el("pre", "quiz-output", text.trim_end().to_string()),
    }
}

/// What a question asks, in words.
pub fn prompt_text(prompt: Prompt) -> Text {
    match prompt {
        Prompt::Happens => t::HAPPENS,
        Prompt::Prints => t::PRINTS,
        Prompt::Possible => t::POSSIBLE,
    }
}

/// How an option list is shown: to answer (inputs), answered or revealed
/// (marks), in the review (marks, no inputs), on the projector (a
/// hand-count box per option).
#[derive(Clone, Copy)]
pub struct Show<'a> {
    pub inputs: bool,
    pub marks: bool,
    pub hands: Option<&'a [u32]>,
}

/// A question's options in display order, lettered; `chosen` is the
/// learner's pick (a mask over the canonical order).
pub fn options(
    q: &Question,
    index: usize,
    chosen: u8,
    show: Show,
    lang: Language,
    dispatch: &Callback<Msg>,
) -> Html {
    let kind = if q.multi() { "checkbox" } else { "radio" };
    let name = format!("q{index}");
    let mut items = Vec::with_capacity(q.order.len());
    for (k, &i) in q.order.iter().enumerate() {
        let opt = q.options[i];
        let on = chosen & (1 << i) != 0;
        let key = match opt.body {
            Body::Outcome(o) => o.key().to_string(),
            Body::Output(_) => i.to_string(),
        };
        let class = match (show.marks, opt.right, on) {
            (false, _, true) => "quiz-option is-chosen",
            (false, _, false) => "quiz-option",
            (true, true, _) => "quiz-option is-right",
            (true, false, true) => "quiz-option is-wrong",
            (true, false, false) => "quiz-option is-muted",
        };
        let letter = char::from(b'A' + (k as u8 % 26));
        let input = if show.inputs {
            html! { <input type={kind} name={name.clone()} checked={on} disabled={show.marks} onchange={send(dispatch, Msg::Choose(i))} /> }
        } else {
            Html::default()
        };
        let hands = match show.hands {
            Some(hands) => {
                let set = {
                    let dispatch = dispatch.clone();
                    Callback::from(move |e: InputEvent| {
                        dispatch.emit(Msg::Hands(
                            i,
                            platform::event_value(&e).trim().parse().unwrap_or(0),
                        ));
                    })
                };
                html! {
                    <label class="quiz-option__hands">
                        <input type="number" min="0" max="9999" value={hands.get(i).copied().unwrap_or(0).to_string()} oninput={set}
                            aria-label={t::hands_for(lang, letter)} data-testid="present-hands" />
                        { plain_el("span", t::HANDS.get(lang)) }
                    </label>
                }
            }
            None => Html::default(),
        };
        let marks = if show.marks {
            html! {
                <span class="quiz-option__marks">
                    if on && show.hands.is_none() {
                        { text_el("span", "chip", t::YOUR_ANSWER.get(lang)) }
                    }
                    if opt.right {
                        { text_el("span", "chip chip--right", t::RIGHT_ANSWER.get(lang)) }
                    } else if q.multi() {
                        { text_el("span", "chip chip--muted", t::NOT_RIGHT.get(lang)) }
                    }
                    if !opt.from.is_empty() {
                        { text_el("span", "quiz-option__from", t::origin(lang, opt.from)) }
                    }
                </span>
            }
        } else {
            Html::default()
        };
        items.push(classed(class, html! {
            <li class="_" data-testid="quiz-option" data-option={key} data-right={show.marks.then_some(flag(opt.right))}>
                <label class="quiz-option__main">
                    { input }
                    { text_el("span", "quiz-option__letter", letter.to_string()) }
                    { option_body(opt.body, lang) }
                </label>
                { marks }
                { hands }
            </li>
        }));
    }
    class_el("ol", "quiz-options", Html::from_iter(items))
}

/// The prompt, its note, and the options (inputs until answered, marked
/// after).
fn ask(
    q: &Question,
    index: usize,
    chosen: u8,
    answered: bool,
    lang: Language,
    dispatch: &Callback<Msg>,
) -> Html {
    let note = match q.prompt {
        Prompt::Happens => None,
        Prompt::Prints => Some(t::PRINTS_NOTE),
        Prompt::Possible => Some(t::POSSIBLE_NOTE),
    };
    let show = Show {
        inputs: true,
        marks: answered,
        hands: None,
    };
    html! {
        <fieldset class="quiz-question" data-testid="quiz-question" data-prompt={match q.prompt { Prompt::Happens => "happens", Prompt::Prints => "prints", Prompt::Possible => "possible" }}>
            { text_el("legend", "quiz-question__prompt", prompt_text(q.prompt).get(lang)) }
            if let Some(note) = note {
                { text_el("p", "quiz-question__note", note.get(lang)) }
            }
            if q.fell_back {
                { text_el("p", "quiz-question__note", t::FELL_BACK.get(lang)) }
            }
            { options(q, index, chosen, show, lang, dispatch) }
        </fieldset>
    }
}

/// What the live region says after an answer.
pub fn verdict(earned: u32, lang: Language) -> String {
    match earned {
        FULL => t::RIGHT.get(lang).to_string(),
        0 => format!("{} {}", t::WRONG.get(lang), t::SEE_MARKS.get(lang)),
        p => format!(
            "{} {}",
            t::partly(lang, &hundredths(p)),
            t::SEE_MARKS.get(lang)
        ),
    }
}

fn question_page(
    m: &QuizModel,
    a: &Assignment,
    p: &Progress,
    lang: Language,
    dispatch: &Callback<Msg>,
) -> Html {
    let i = p.at;
    let n = a.items.len();
    let item = a.items[i.min(n - 1)];
    let answer = p.answers.get(i).copied().flatten();
    let header = html! {
        <p class="quiz-progress" data-testid="quiz-progress">
            { plain_el("span", t::question_of(lang, i + 1, n)) }
            { text_el("span", "chip", item.case.section.name().get(lang)) }
            { text_el("span", "chip chip--muted", format!("Go {}", a.go_for(item.case).label())) }
        </p>
    };
    let case = crate::content::resolve(item.case);
    let (Some(q), Some(case)) = (m.question(i), case) else {
        let body = match m.failure(i) {
            Some(error) => html! {
                <div class="notice notice--error" role="alert" data-testid="case-error">
                    { format!("{} {}", t::CASE_FAILED.get(lang), error.message(lang)) }
                </div>
            },
            None => {
                html! { <div class="panel placeholder" role="status" data-testid="case-loading">{ case_page::LOADING.get(lang) }</div> }
            }
        };
        return html! { <>{ header }{ body }</> };
    };
    let earned = answer.map(|c| points(q.right_mask(), c, q.multi()));
    let chosen = answer.unwrap_or(m.take.selection);
    let last = i + 1 == n;
    let next = send(dispatch, Msg::Next(0));
    html! {
        <>
            { header }
            // Once answered, the player below shows the program.
            if answer.is_none() {
                <section class="panel quiz-program">
                    { text_el("h2", "panel__title", case_page::THE_PROGRAM.get(lang)) }
                    { source_view(&highlight_lines(case.source), &[], None, &[]) }
                </section>
            }
            <section class="panel">
                { ask(&q, i, chosen, answer.is_some(), lang, dispatch) }
                if answer.is_none() {
                    { button("btn btn--primary", Some("quiz-submit"), None, m.take.selection == 0, t::ANSWER.get(lang).into(), send(dispatch, Msg::Submit)) }
                }
                <p class="quiz-verdict" role="status" aria-live="polite" data-testid="quiz-verdict"
                    data-points={earned.map(|e| e.to_string())}>
                    { earned.map(|e| verdict(e, lang)).unwrap_or_default() }
                </p>
            </section>
            if answer.is_some() {
                { reveal(&q, case, lang) }
                <div class="quiz-next">
                    { button("btn btn--primary", Some("quiz-next"), None, false,
                        if last { t::SEE_RESULTS.get(lang) } else { t::NEXT.get(lang) }.into(), next) }
                </div>
            }
        </>
    }
}

/// After an answer: the case named, the run at the step that matters, why
/// it happens and the fixes, and the way to step through it.
fn reveal(q: &Question, case: &'static Case, lang: Language) -> Html {
    let go = q.go.label();
    html! {
        <section class="quiz-reveal" data-testid="quiz-reveal">
            <header class="case-header">
                <div class="case-header__meta">
                    if let Some(number) = case.number_label() {
                        { text_el("span", "case-header__number", number) }
                    }
                    { outcome_badge(case.outcome, lang) }
                </div>
                { text_el("h2", "case-header__title", case.title.get(lang)) }
                { text_el("p", "case-header__summary", case.summary.get(lang)) }
            </header>
            { text_el("h3", "quiz-reveal__title", t::THE_RUN.get(lang)) }
            { text_el("p", "quiz-question__note", t::RUN_NOTE.get(lang)) }
            <Playground key={format!("quiz-{}-{go}", case.slug)} {case} query={format!("go={go}&step={}", q.focus)} />
            <p>
                <a class="button" data-testid="quiz-step-through" href={format!("#/case/{}?go={go}", case.slug)}>{ t::STEP_THROUGH.get(lang) }</a>
            </p>
            { explanation(case, lang) }
        </section>
    }
}

/// Why, and the fixes, as the case page shows them.
pub fn explanation(case: &'static Case, lang: Language) -> Html {
    html! {
        <>
            if !case.explanation.en.is_empty() {
                <section class="panel">
                    { text_el("h3", "panel__title", case_page::WHAT_HAPPENS.get(lang)) }
                    { for case.explanation.get(lang).split("\n\n").map(str::trim).filter(|p| !p.is_empty()).map(|p| html! { <p>{ inline_code(p) }</p> }) }
                </section>
            }
            if !case.fixes.is_empty() {
                <details class="panel disclosure">
                    { text_el("summary", "panel__title", case_page::FIXES.get(lang)) }
                    { for case.fixes.iter().map(|fix| html! {
                        <div class="fix">
                            { text_el("h4", "fix__title", fix.title.get(lang)) }
                            <pre class="code">{ plain_el("code", fix.source.trim_end()) }</pre>
                        </div>
                    }) }
                </details>
            }
        </>
    }
}

fn results(
    m: &QuizModel,
    a: &Assignment,
    p: &Progress,
    lang: Language,
    dispatch: &Callback<Msg>,
) -> Html {
    let scores: Vec<(Section, Option<u32>)> = a
        .items
        .iter()
        .enumerate()
        .map(|(i, item)| {
            let chosen = p.answers.get(i).copied().flatten();
            (item.case.section, chosen.map(|c| m.points(i, Some(c))))
        })
        .collect();
    let (total, sections) = totals(&scores);
    let code = m.result_code(0).map(|c| c.encode()).unwrap_or_default();
    let name_input = on_value::<InputEvent>(dispatch, |v| Some(Msg::Name(v)));
    let restart = send(dispatch, Msg::Restart);
    html! {
        <section class="quiz-results" data-testid="quiz-results">
            { text_el("h2", "quiz-results__title", t::RESULTS.get(lang)) }
            <dl class="quiz-summary">
                { plain_el("dt", t::SCORE.get(lang)) }
                <dd data-testid="quiz-score" data-earned={total.earned.to_string()} data-max={total.max.to_string()}>
                    { t::score(lang, &hundredths(total.earned), &hundredths(total.max), percent(total.earned, total.max)) }
                </dd>
                { plain_el("dt", t::TIME.get(lang)) }
                <dd data-testid="quiz-time">{ clock(p.seconds(0)) }</dd>
            </dl>
            { text_el("h3", "quiz-results__title", t::BY_SECTION.get(lang)) }
            <ul class="quiz-sections" data-testid="quiz-sections">
                { for sections.iter().map(|(section, tally)| plain_el("li", format!("{}: {} / {}", section.name().get(lang), hundredths(tally.earned), hundredths(tally.max)))) }
            </ul>
            <div class="panel quiz-code">
                <label class="quiz-field">
                    { plain_el("span", t::NAME.get(lang)) }
                    <input type="text" maxlength="40" value={p.name.clone()} oninput={name_input} data-testid="quiz-name" autocomplete="name" />
                </label>
                <label class="quiz-field">
                    { plain_el("span", t::CODE.get(lang)) }
                    <textarea readonly=true rows="3" class="quiz-code__text" value={code} data-testid="result-code" />
                </label>
                { text_el("p", "quiz-question__note", t::CODE_NOTE.get(lang)) }
            </div>
            { text_el("h2", "quiz-results__title", t::REVIEW.get(lang)) }
            <ol class="quiz-review" data-testid="quiz-review">
                { for a.items.iter().enumerate().map(|(i, item)| {
                    let chosen = p.answers.get(i).copied().flatten().unwrap_or(0);
                    let earned = m.points(i, Some(chosen));
                    let show = Show { inputs: false, marks: true, hands: None };
                    html! {
                        <li class="quiz-review__item" data-testid="quiz-review-item" data-points={earned.to_string()}>
                            { text_el("h3", "quiz-review__title", format!("{} {} · {} {} / 1", item.case.number_label().unwrap_or_default(), item.case.title.get(lang), t::POINTS.get(lang), hundredths(earned))) }
                            if let Some(q) = m.question(i) {
                                { text_el("p", "quiz-question__note", prompt_text(q.prompt).get(lang)) }
                                if chosen == 0 {
                                    { text_el("p", "quiz-question__note", t::NO_ANSWER.get(lang)) }
                                }
                                { options(&q, i, chosen, show, lang, dispatch) }
                            }
                        </li>
                    }
                }) }
            </ol>
            { button("btn", Some("quiz-restart"), None, false, t::START_OVER.get(lang).into(), restart) }
        </section>
    }
}
