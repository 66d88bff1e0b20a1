//! The teacher's pages: the assignment form (cases, kinds of question,
//! language, Go version, title, seed, and the links it makes) and the class
//! view (pasted or dropped result codes as a table of students × questions,
//! each question's success rate, the pitfalls the class got wrong most, a
//! line per bad code, and the CSV export).
//!
//! Plain functions from the model to `Html`; names and pasted text are
//! shown as text only. The CSV download is a `data:` link, so no browser
//! API is needed for it.

use gosim::GoVersion;
use yew::prelude::*;

use crate::cases::{self, Case};
use crate::i18n::{quiz as t, Language};
use crate::markup::{button, plain_el, send, text_el};
use crate::platform;
use crate::quiz::assignment::{case_ref, Kind};
use crate::quiz::class::{Class, Issue};
use crate::quiz::code::case_key;
use crate::quiz::csv;
use crate::quiz::learner::on_value;
use crate::quiz::model::{Msg, QuizModel};
use crate::quiz::text::{clock, hundredths, percent};

/// The releases an assignment can fix (the player's switch).
pub const GO_CHOICES: [GoVersion; 4] = [
    GoVersion::GO1_21,
    GoVersion::GO1_22,
    GoVersion::GO1_23,
    GoVersion::CURRENT,
];

fn option(value: &'static str, selected: bool, label: String) -> Html {
    html! { <option {value} {selected}>{ label }</option> }
}

fn labelled(label: &'static str, control: Html) -> Html {
    html! {
        <label class="quiz-field">
            { plain_el("span", label) }
            { control }
        </label>
    }
}

/// The assignment form.
pub fn assign(m: &QuizModel, lang: Language, dispatch: &Callback<Msg>) -> Html {
    let b = &m.builder;
    let built = m.built();
    let new_seed = {
        let dispatch = dispatch.clone();
        Callback::from(move |_: MouseEvent| {
            dispatch.emit(Msg::Seed(platform::random_u32() % 1_000_000))
        })
    };
    let go_keys: [&'static str; 4] = ["1.21", "1.22", "1.23", "1.27"];
    html! {
        <main class="page page--quiz" data-testid="quiz-assign">
            <nav class="breadcrumb">
                <a href="#/quiz" class="breadcrumb__back">{ format!("← {}", t::HUB_TITLE.get(lang)) }</a>
            </nav>
            { text_el("h1", "quiz-title", t::ASSIGN_TITLE.get(lang)) }
            { text_el("p", "hero__intro", t::ASSIGN_INTRO.get(lang)) }
            <section class="panel quiz-form">
                { labelled(t::TITLE.get(lang), html! {
                    <input type="text" maxlength="80" value={b.title.clone()} placeholder={t::TITLE_PLACEHOLDER.get(lang)}
                        oninput={on_value::<InputEvent>(dispatch, |v| Some(Msg::Title(v)))} data-testid="assign-title" />
                }) }
                { labelled(t::LANGUAGE.get(lang), html! {
                    <select onchange={on_value::<Event>(dispatch, |v| Some(Msg::Lang(Language::from_key(&v))))} data-testid="assign-lang">
                        { option("", b.lang.is_none(), t::LEARNERS_CHOICE.get(lang).to_string()) }
                        { option("en", b.lang == Some(Language::En), Language::En.name().to_string()) }
                        { option("zh", b.lang == Some(Language::Zh), Language::Zh.name().to_string()) }
                    </select>
                }) }
                { labelled(t::GO_VERSION.get(lang), html! {
                    <select onchange={on_value::<Event>(dispatch, |v| Some(Msg::Go(GoVersion::parse(&v))))} data-testid="assign-go">
                        { option("", b.go.is_none(), t::EACH_OWN.get(lang).to_string()) }
                        { for GO_CHOICES.iter().zip(go_keys).map(|(v, key)| option(key, b.go == Some(*v), format!("Go {}", v.label()))) }
                    </select>
                }) }
                <div class="quiz-seed">
                    { labelled(t::SEED.get(lang), html! {
                        <input type="number" min="0" value={b.seed.to_string()}
                            onchange={on_value::<Event>(dispatch, |v| v.trim().parse().ok().map(Msg::Seed))} data-testid="assign-seed" />
                    }) }
                    { button("btn", Some("assign-new-seed"), None, false, t::NEW_SEED.get(lang).into(), new_seed) }
                </div>
            </section>
            <section class="panel">
                <div class="quiz-form__head">
                    { text_el("h2", "panel__title", t::CASES.get(lang)) }
                    <div class="btn-group">
                        { button("btn btn--small", Some("assign-all"), None, false, t::SELECT_ALL.get(lang).into(), send(dispatch, Msg::PickAll(true))) }
                        { button("btn btn--small", Some("assign-none"), None, false, t::CLEAR.get(lang).into(), send(dispatch, Msg::PickAll(false))) }
                    </div>
                </div>
                { for cases::by_section(m.cases).into_iter().filter(|(_, in_section)| in_section.iter().any(|c| c.runnable)).map(|(section, in_section)| html! {
                    <fieldset class="quiz-pick">
                        { text_el("legend", "quiz-pick__section", section.name().get(lang)) }
                        { for in_section.into_iter().filter(|c| c.runnable).map(|case| pick_row(case, b.picks.iter().find(|p| p.0 == case.slug).map(|p| p.1), lang, dispatch)) }
                    </fieldset>
                }) }
            </section>
            <section class="panel quiz-links" data-testid="assign-links">
                if let Some(a) = built {
                    { link_row(t::FOR_LEARNERS.get(lang), platform::href_for(&format!("#/quiz/take?{}", a.to_query())), "assign-link", lang) }
                    { link_row(t::YOUR_CLASS_VIEW.get(lang), platform::href_for(&format!("#/quiz/class?{}", a.to_query())), "assign-class-link", lang) }
                    { link_row(t::PRESENTER.get(lang), platform::href_for(&format!("#/quiz/present?{}", a.to_query())), "assign-present-link", lang) }
                } else {
                    { text_el("p", "quiz-question__note", t::PICK_SOME.get(lang)) }
                }
            </section>
        </main>
    }
}

fn pick_row(
    case: &'static Case,
    picked: Option<Kind>,
    lang: Language,
    dispatch: &Callback<Msg>,
) -> Html {
    let toggle = send(dispatch, Msg::Toggle(case.slug));
    let kind = on_value::<Event>(dispatch, |v| Some(Msg::KindOf(v)));
    let current = picked.unwrap_or(Kind::Auto);
    let label = match case.number_label() {
        Some(n) => format!("{n} {}", case.title.get(lang)),
        None => case.title.get(lang).to_string(),
    };
    html! {
        <div class="quiz-pick__row" data-testid="assign-case" data-case={case_ref(case)}>
            <label class="quiz-pick__case">
                <input type="checkbox" checked={picked.is_some()} onchange={toggle} />
                { plain_el("span", label) }
            </label>
            <select onchange={kind} aria-label={format!("{}: {}", t::KIND.get(lang), case.title.get(lang))}>
                { for [(Kind::Auto, t::KIND_AUTO), (Kind::Happens, t::KIND_HAPPENS), (Kind::Prints, t::KIND_PRINTS)].into_iter().map(|(k, label)| {
                    html! { <option value={format!("{}:{}", case.slug, k.key())} selected={current == k}>{ label.get(lang) }</option> }
                }) }
            </select>
        </div>
    }
}

fn link_row(label: &'static str, href: String, testid: &'static str, lang: Language) -> Html {
    html! {
        <div class="quiz-link">
            <label class="quiz-field quiz-link__field">
                { plain_el("span", label) }
                <input type="text" readonly=true value={href.clone()} data-testid={testid} />
            </label>
            <a class="btn" href={href} target="_blank" rel="noopener">{ t::OPEN.get(lang) }</a>
        </div>
    }
}

/// The words for a problem line.
fn problem_text(line: usize, issue: Issue, lang: Language) -> String {
    match issue {
        Issue::NotACode => t::not_a_code(lang, line),
        Issue::Damaged => t::damaged(lang, line),
        Issue::Unsupported => t::unsupported(lang, line),
        Issue::Foreign(id) => t::foreign(lang, line, &format!("{id:08x}")),
        Issue::Duplicate(first) => t::duplicate(lang, line, first),
    }
}

/// A question's column heading: the case's number (or a short name) and
/// its kind.
fn column(cases: &'static [Case], (key, prints): (u16, bool), i: usize) -> (String, String) {
    let case = cases.iter().find(|c| case_key(c.slug) == key);
    // A case this site does not know (a code from another version of it)
    // or one without a number: the question's position.
    let short = case
        .and_then(|c| c.number_label())
        .unwrap_or_else(|| format!("{}.", i + 1));
    let kind = if prints { "p" } else { "h" };
    // As a link writes it: `lock-and-full-channel:h`.
    (short, format!("{}:{kind}", case.map_or("?", |c| c.slug)))
}

/// The class view.
pub fn class(m: &QuizModel, lang: Language, dispatch: &Callback<Msg>) -> Html {
    let expected = m.has_link.then(|| m.assignment().map(|a| a.id())).flatten();
    let class = Class::read(&m.codes, expected);
    let codes = on_value::<InputEvent>(dispatch, |v| Some(Msg::Codes(v)));
    let added: Callback<String> = dispatch.reform(Msg::AddCodes);
    let files = {
        let added = added.clone();
        Callback::from(move |e: Event| platform::read_files(&e, added.clone()))
    };
    let drop = Callback::from(move |e: DragEvent| {
        platform::prevent_default(&e);
        platform::read_files(&e, added.clone());
    });
    let drag_over = Callback::from(|e: DragEvent| platform::prevent_default(&e));
    let title = match (m.has_link, m.assignment()) {
        (true, Some(a)) => crate::quiz::learner::title(a, lang),
        _ => t::CLASS_TITLE.get(lang).to_string(),
    };
    let success = class.success();
    let columns: Vec<(String, String)> = class
        .questions
        .iter()
        .enumerate()
        .map(|(i, q)| column(m.cases, *q, i))
        .collect();
    let mut header = vec![t::STUDENT.get(lang).to_string()];
    header.extend(
        columns
            .iter()
            .map(|(short, long)| format!("{short} {long}")),
    );
    header.extend([
        t::TOTAL.get(lang).to_string(),
        "%".to_string(),
        format!("{} ({})", t::TIME.get(lang), t::SECONDS.get(lang)),
    ]);
    let csv_href = csv::data_url(&csv::write(
        &class.csv_rows(header, t::SUCCESS_RATE.get(lang)),
    ));
    html! {
        <main class="page page--quiz" data-testid="quiz-class">
            <nav class="breadcrumb">
                <a href="#/quiz" class="breadcrumb__back">{ format!("← {}", t::HUB_TITLE.get(lang)) }</a>
            </nav>
            { text_el("h1", "quiz-title", title) }
            if let Some(id) = class.assignment {
                { text_el("p", "quiz-question__note", t::assignment_id(lang, &format!("{id:08x}"))) }
            }
            { text_el("p", "hero__intro", t::CLASS_INTRO.get(lang)) }
            <section class="panel quiz-drop" ondragover={drag_over} ondrop={drop}>
                <label class="quiz-field">
                    { plain_el("span", t::CODES.get(lang)) }
                    <textarea rows="6" class="quiz-codes" value={m.codes.clone()} oninput={codes} spellcheck="false" data-testid="class-codes" />
                </label>
                <label class="quiz-field">
                    { plain_el("span", t::PICK_FILE.get(lang)) }
                    <input type="file" accept=".txt,.csv,text/plain" multiple=true onchange={files} data-testid="class-file" />
                </label>
                { button("btn btn--small", Some("class-clear"), None, m.codes.is_empty(), t::CLEAR.get(lang).into(), send(dispatch, Msg::Codes(String::new()))) }
                { text_el("p", "quiz-question__note", t::CHECKSUM_NOTE.get(lang)) }
            </section>
            if !class.problems.is_empty() {
                <ul class="quiz-problems" data-testid="class-problems">
                    { for class.problems.iter().map(|p| html! {
                        <li data-testid="class-problem" data-line={p.line.to_string()}>
                            { plain_el("span", problem_text(p.line, p.issue, lang)) }
                            { " " }
                            { text_el("code", "quiz-problems__text", p.text.clone()) }
                        </li>
                    }) }
                </ul>
            }
            if class.students.is_empty() {
                { text_el("p", "empty-state", t::NO_STUDENTS.get(lang)) }
            } else {
                <section class="panel">
                    <div class="quiz-form__head">
                        { text_el("h2", "panel__title", t::students(lang, class.students.len())) }
                        <a class="btn" href={csv_href} download="class-results.csv" data-testid="class-csv">{ t::EXPORT_CSV.get(lang) }</a>
                    </div>
                    <div class="quiz-table-wrap">
                        <table class="quiz-table" data-testid="class-table">
                            <thead>
                                <tr>
                                    { plain_el("th", t::STUDENT.get(lang)) }
                                    { for columns.iter().map(|(short, long)| html! { <th scope="col" title={long.clone()}>{ short.clone() }</th> }) }
                                    { plain_el("th", t::TOTAL.get(lang)) }
                                    { plain_el("th", t::TIME.get(lang)) }
                                </tr>
                            </thead>
                            <tbody>
                                { for class.students.iter().map(|s| {
                                    let total = Class::total(s);
                                    html! {
                                        <tr data-testid="class-row">
                                            <th scope="row" data-testid="class-name">
                                                { if s.code.name.is_empty() { t::UNNAMED.get(lang).to_string() } else { s.code.name.clone() } }
                                            </th>
                                            { for s.code.answers.iter().map(|a| cell(u32::from(a.points))) }
                                            { plain_el("td", format!("{} ({}%)", hundredths(total), percent(total, class.max()))) }
                                            { plain_el("td", clock(s.code.seconds)) }
                                        </tr>
                                    }
                                }) }
                            </tbody>
                            <tfoot>
                                <tr data-testid="class-rates">
                                    { plain_el("th", t::SUCCESS_RATE.get(lang)) }
                                    { for success.iter().map(|r| plain_el("td", format!("{r}%"))) }
                                    <td></td><td></td>
                                </tr>
                            </tfoot>
                        </table>
                    </div>
                    { text_el("h3", "panel__title", t::HARDEST.get(lang)) }
                    <ol class="quiz-hardest" data-testid="class-hardest">
                        { for class.hardest(3).into_iter().map(|q| {
                            let case = m.cases.iter().find(|c| case_key(c.slug) == class.questions[q].0);
                            html! {
                                <li>
                                    { plain_el("strong", case.map_or_else(|| columns[q].0.clone(), |c| format!("{} {}", columns[q].0, c.title.get(lang)))) }
                                    { " — " }
                                    { plain_el("span", t::right_rate(lang, success[q])) }
                                </li>
                            }
                        }) }
                    </ol>
                </section>
            }
        </main>
    }
}

/// A student's points on one question, as the table shows them.
fn cell(points: u32) -> Html {
    let (class, mark) = match points {
        100 => ("quiz-cell is-right", "✓".to_string()),
        0 => ("quiz-cell is-wrong", "✗".to_string()),
        p => ("quiz-cell is-partial", format!("{p}%")),
    };
    text_el("td", class, mark)
}
