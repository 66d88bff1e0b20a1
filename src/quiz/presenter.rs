//! The presenter's page, for a projector: one question at a time in large
//! type with the program, lettered options and a hand-count box per
//! option, the reveal, an optional countdown, and the keys that drive it
//! (→ next, ← previous, R reveal, T countdown), listed on the page.
//!
//! A plain function from the model to `Html`; the key listener and the
//! countdown's timer are the component's.

use yew::prelude::*;

use crate::content;
use crate::i18n::{case_page, quiz as t, Language};
use crate::markup::{button, classed, plain_el, send, text_el};
use crate::platform;
use crate::playground::source_view::{highlight_lines, source_view};
use crate::quiz::learner::{explanation, link_error, title};
use crate::quiz::model::{Msg, QuizModel, COUNTDOWNS};
use crate::quiz::question::{Body, Prompt};
use crate::quiz::text::clock;

/// The message for a key on the presenter's page.
pub fn key_msg(key: &str) -> Option<Msg> {
    match key {
        "ArrowRight" | "PageDown" | "n" | "N" => Some(Msg::Move(1)),
        "ArrowLeft" | "PageUp" | "p" | "P" => Some(Msg::Move(-1)),
        "r" | "R" => Some(Msg::Reveal),
        "t" | "T" => Some(Msg::Timer),
        _ => None,
    }
}

pub fn present(m: &QuizModel, lang: Language, dispatch: &Callback<Msg>) -> Html {
    let a = match &m.link {
        Ok(a) => a,
        Err(error) => return link_error(error, lang),
    };
    let p = &m.present;
    let n = a.items.len();
    let i = p.at.min(n.saturating_sub(1));
    let item = a.items[i];
    let countdown = {
        let dispatch = dispatch.clone();
        Callback::from(move |e: Event| {
            if let Ok(s) = platform::event_value(&e).parse() {
                dispatch.emit(Msg::Countdown(s));
            }
        })
    };
    let clock_text = match p.left {
        Some(0) => t::TIME_UP.get(lang).to_string(),
        Some(left) => clock(left),
        None if p.countdown > 0 => clock(p.countdown),
        None => String::new(),
    };
    let question = m.question(i);
    let case = content::resolve(item.case);
    let hands = p.hands.get(i);
    html! {
        <main class="page page--present" data-testid="quiz-present" data-at={i.to_string()} data-revealed={crate::markup::flag(p.revealed)}>
            <div class="present__bar">
                { text_el("span", "present__title", title(a, lang)) }
                { text_el("span", "present__count", t::question_of(lang, i + 1, n)) }
                <div class="btn-group">
                    { button("btn", Some("present-prev"), None, i == 0, t::PREVIOUS.get(lang).into(), send(dispatch, Msg::Move(-1))) }
                    { button("btn btn--primary", Some("present-reveal"), None, false,
                        if p.revealed { t::HIDE.get(lang) } else { t::REVEAL.get(lang) }.into(), send(dispatch, Msg::Reveal)) }
                    { button("btn", Some("present-next"), None, i + 1 >= n, t::NEXT_SHORT.get(lang).into(), send(dispatch, Msg::Move(1))) }
                </div>
                <label class="field">
                    { plain_el("span", t::COUNTDOWN.get(lang)) }
                    <select onchange={countdown} data-testid="present-countdown">
                        { for COUNTDOWNS.iter().map(|&s| {
                            let label = if s == 0 { t::NO_COUNTDOWN.get(lang).to_string() } else { t::seconds(lang, s) };
                            html! { <option value={s.to_string()} selected={p.countdown == s}>{ label }</option> }
                        }) }
                    </select>
                </label>
                { button("btn", Some("present-timer"), None, p.countdown == 0, t::TIMER.get(lang).into(), send(dispatch, Msg::Timer)) }
                <span class="present__clock" role="timer" aria-live="off" data-testid="present-clock">{ clock_text }</span>
            </div>
            { text_el("p", "present__keys", t::KEYS.get(lang)) }
            if let (Some(q), Some(case)) = (question, case) {
                <div class="present__stage">
                    <div class="present__program">
                        { source_view(&highlight_lines(case.source), &[], None, &[]) }
                    </div>
                    <div class="present__question">
                        { text_el("h1", "present__prompt", match q.prompt {
                            Prompt::Happens => t::HAPPENS.get(lang),
                            Prompt::Prints => t::PRINTS.get(lang),
                            Prompt::Possible => t::POSSIBLE.get(lang),
                        }) }
                        <ol class="present__options">
                            { for q.order.iter().enumerate().map(|(k, &o)| {
                                let opt = q.options[o];
                                let letter = char::from(b'A' + k as u8);
                                let count = hands.and_then(|h| h.get(o)).copied().unwrap_or(0);
                                let set = {
                                    let dispatch = dispatch.clone();
                                    Callback::from(move |e: InputEvent| {
                                        dispatch.emit(Msg::Hands(o, platform::event_value(&e).trim().parse().unwrap_or(0)));
                                    })
                                };
                                let class = match (p.revealed, opt.right) {
                                    (true, true) => "present__option is-right",
                                    (true, false) => "present__option is-muted",
                                    _ => "present__option",
                                };
                                classed(class, html! {
                                    <li class="_" data-testid="present-option" data-right={p.revealed.then_some(crate::markup::flag(opt.right))}>
                                        { text_el("span", "present__letter", letter.to_string()) }
                                        <div class="present__body">
                                            { match opt.body {
                                                Body::Outcome(outcome) => plain_el("span", outcome.answer().get(lang)),
                                                Body::Output("") => plain_el("span", t::NOTHING_PRINTED.get(lang)),
                                                Body::Output(text) => text_el("pre", "quiz-output", text.trim_end().to_string()),
                                            } }
                                            if p.revealed && !opt.from.is_empty() {
                                                { text_el("span", "quiz-option__from", t::origin(lang, opt.from)) }
                                            }
                                        </div>
                                        <label class="present__hands">
                                            <input type="number" min="0" max="9999" value={count.to_string()} oninput={set}
                                                aria-label={t::hands_for(lang, letter)} data-testid="present-hands" />
                                            { plain_el("span", t::HANDS.get(lang)) }
                                        </label>
                                    </li>
                                })
                            }) }
                        </ol>
                    </div>
                </div>
                if p.revealed {
                    <div class="present__reveal" data-testid="present-answer">
                        { text_el("h2", "case-header__title", case.title.get(lang)) }
                        { explanation(case, lang) }
                    </div>
                }
            } else {
                <div class="panel placeholder" role="status">{ case_page::LOADING.get(lang) }</div>
            }
        </main>
    }
}
