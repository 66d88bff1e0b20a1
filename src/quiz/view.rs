//! The quiz room's component: holds the `QuizModel`, turns events into
//! `Msg`s, and owns the effects: fetching the cases' content and quiz
//! data, storing the learner's progress, applying the assignment's
//! language, the presenter's keys and its countdown timer.
//!
//! All decisions live in `QuizModel::apply`; this file wires them to the
//! browser through `platform` and picks the page's view.

use yew::prelude::*;

use crate::cases::Case;
use crate::content;
use crate::hooks::{use_app, use_settings};
use crate::platform;
use crate::quiz::model::{Msg, QuizModel};
use crate::quiz::{learner, presenter, teacher};
use crate::route::QuizPage;
use crate::state::Action;

#[derive(Properties, PartialEq)]
pub struct QuizRoomProps {
    pub page: QuizPage,
    /// The link's query (without `?`).
    #[prop_or_default]
    pub query: String,
    pub cases: &'static [Case],
}

#[function_component]
pub fn QuizRoom(props: &QuizRoomProps) -> Html {
    let lang = use_settings().language;
    let app = use_app();
    let model = {
        let (page, query, cases) = (props.page, props.query.clone(), props.cases);
        use_mut_ref(move || QuizModel::new(page, &query, cases, platform::stored))
    };
    let update = use_force_update();
    let dispatch: Callback<Msg> = {
        let model = model.clone();
        Callback::from(move |msg: Msg| {
            // The browser's time and randomness come in here, so the
            // model stays a pure function of its messages.
            let new_page = matches!(
                msg,
                Msg::Start(_) | Msg::Next(_) | Msg::Resume | Msg::Restart
            );
            let msg = match msg {
                Msg::Start(_) => Msg::Start(platform::epoch_ms() as u64),
                Msg::Next(_) => Msg::Next(platform::epoch_ms() as u64),
                Msg::NewSeed => Msg::Seed(platform::random_u32() % 1_000_000),
                msg => msg,
            };
            let mut m = model.borrow_mut();
            let changed = m.apply(msg);
            if let Some((key, value)) = m.take_storage() {
                platform::store(&key, value.as_deref());
            }
            drop(m);
            if changed {
                update.force_update();
                // A new question (or the results) starts at the top.
                if new_page {
                    platform::scroll_to_top();
                }
            }
        })
    };

    {
        // Fetch the content (and quiz data) of every case the page needs;
        // set the assignment's language; give the teacher's form a seed.
        let dispatch = dispatch.clone();
        let model = model.clone();
        use_effect_with((), move |_| {
            let (needed, lang, page) = {
                let m = model.borrow();
                // The learners and the projector speak the assignment's
                // language; the teacher's class view keeps the teacher's.
                let lang = m
                    .assignment()
                    .and_then(|a| a.lang)
                    .filter(|_| m.has_link && m.page != QuizPage::Class);
                (m.needed(), lang, m.page)
            };
            for meta in needed {
                if content::resolve(meta).is_some() && content::quiz(meta.slug).is_some() {
                    continue;
                }
                let dispatch = dispatch.clone();
                platform::load_content(meta.slug, move |result| match result {
                    Ok(loaded) => {
                        content::complete(meta, loaded);
                        dispatch.emit(Msg::Loaded);
                    }
                    Err(error) => dispatch.emit(Msg::Failed(meta.slug, error)),
                });
            }
            if let (Some(app), Some(lang)) = (app, lang) {
                app.dispatch(Action::SetLanguage(lang));
            }
            if page == QuizPage::Assign {
                dispatch.emit(Msg::NewSeed);
            }
        });
    }

    let (presenting, running) = {
        let m = model.borrow();
        (m.page == QuizPage::Present, m.present.running)
    };
    {
        // The presenter's keys, and its countdown while it runs.
        let dispatch = dispatch.clone();
        use_effect_with((presenting, running), move |&(presenting, running)| {
            let keys = presenting.then(|| {
                let dispatch = dispatch.clone();
                // The presenter's letter and arrow keys act whatever has
                // focus (fields excepted, as platform::on_key leaves out).
                platform::on_key(move |key, _on_control| {
                    let msg = presenter::key_msg(key);
                    let handled = msg.is_some();
                    if let Some(msg) = msg {
                        dispatch.emit(msg);
                    }
                    handled
                })
            });
            let timer = running.then(|| platform::every(1000, move || dispatch.emit(Msg::Tick)));
            move || drop((keys, timer))
        });
    }

    let m = model.borrow();
    match m.page {
        QuizPage::Hub => learner::hub(m.cases, lang),
        QuizPage::Take => learner::take(&m, lang, &dispatch),
        QuizPage::Assign => teacher::assign(&m, lang, &dispatch),
        QuizPage::Class => teacher::class(&m, lang, &dispatch),
        QuizPage::Present => presenter::present(&m, lang, &dispatch),
    }
}
