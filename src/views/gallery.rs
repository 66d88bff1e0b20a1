//! The home page: an introduction and every case, grouped by the talk's sections.

use yew::prelude::*;

use crate::cases::{self, Case, Section};
use crate::i18n::{site, Language};
use crate::markup::text_el;
use crate::views::case_card;

pub fn gallery(all: &'static [Case], lang: Language) -> Html {
    let groups = cases::by_section(all);
    html! {
        <main class="page page--gallery" data-testid="gallery">
            <section class="hero">
                <h1 class="hero__title" tabindex="-1">{ site::TAGLINE.get(lang) }</h1>
                { text_el("p", "hero__intro", site::INTRO.get(lang)) }
                <p class="hero__stats">
                    <span class="stat"><strong>{ all.len() }</strong>{" "}{ site::CASES_COUNT.get(lang) }</span>
                    <span class="stat"><strong>{ groups.len() }</strong>{" "}{ site::SECTIONS_COUNT.get(lang) }</span>
                </p>
            </section>
            if groups.is_empty() {
                { text_el("p", "empty-state", site::NO_CASES.get(lang)) }
            }
            { for groups.iter().map(|(section, cases)| section_view(*section, cases, lang)) }
        </main>
    }
}

fn section_view(section: Section, cases: &[&'static Case], lang: Language) -> Html {
    let index = Section::ALL
        .iter()
        .position(|s| *s == section)
        .map_or(0, |i| i + 1);
    let name = section.name();
    // In English, also show the talk's own (Chinese) heading.
    let original = (lang == Language::En && name.zh != name.en).then_some(name.zh);
    html! {
        <section class="gallery-section" data-section={section.key()} aria-labelledby={format!("section-{}", section.key())}>
            <header class="gallery-section__header">
                { text_el("span", "gallery-section__index", format!("{index:02}")) }
                <h2 class="gallery-section__title" id={format!("section-{}", section.key())}>{ name.get(lang) }</h2>
                if let Some(original) = original {
                    <span class="gallery-section__original" lang="zh-CN">{ original }</span>
                }
                <span class="gallery-section__count">{ cases.len() }</span>
            </header>
            <ul class="card-grid">
                { for cases.iter().map(|case| html! {
                    <li key={case.slug}>{ case_card(case, lang) }</li>
                }) }
            </ul>
        </section>
    }
}
