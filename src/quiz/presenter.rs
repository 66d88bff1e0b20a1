//! The presenter's page, for a projector: one question at a time in large
//! type with the program, lettered options and a hand-count box per
//! option, the reveal, an optional countdown, and the keys that drive it
//! (→ next, ← previous, R reveal, T countdown), listed on the page.
//!
//! A plain function from the model to `Html` (the options are the
//! learner's list, with hand-count boxes); the key listener and the
//! countdown's timer are the component's.

use yew::prelude::*;

use crate::content;
use crate::i18n::{case_page, quiz as t, Language};
use crate::markup::{button, plain_el, send, text_el};
use crate::playground::source_view::{highlight_lines, source_view};
use crate::quiz::learner::{explanation, link_error, on_value, options, prompt_text, title, Show};
use crate::quiz::model::{Msg, QuizModel, COUNTDOWNS};
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
    let countdown = on_value::<Event>(dispatch, |v| v.parse().ok().map(Msg::Countdown));
    let clock_text = match p.left {
        Some(0) => t::TIME_UP.get(lang).to_string(),
        Some(left) => clock(left),
        None if p.countdown > 0 => clock(p.countdown),
        None => String::new(),
    };
    let question = m.question(i);
    let case = content::resolve(item.case);
    let hands: &[u32] = p.hands.get(i).map_or(&[], Vec::as_slice);
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
                        { text_el("h1", "present__prompt", prompt_text(q.prompt).get(lang)) }
                        { options(&q, i, 0, Show { inputs: false, marks: p.revealed, hands: Some(hands) }, lang, dispatch) }
                    </div>
                </div>
                if p.revealed {
                    <div class="present__reveal" data-testid="present-answer">
                        { text_el("h2", "case-header__title", case.title.get(lang)) }
                        { explanation(case, lang) }
                    </div>
                }
            } else if let Some(error) = m.failure(i) {
                <div class="notice notice--error" role="alert" data-testid="case-error">{ error.message(lang) }</div>
            } else {
                <div class="panel placeholder" role="status">{ case_page::LOADING.get(lang) }</div>
            }
        </main>
    }
}
