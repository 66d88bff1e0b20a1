//! The program listing: gosim's own lexer for highlighting, coloured
//! markers for the goroutines at each line (the first few, then a count),
//! the line about to run emphasised and marked for screen readers, and
//! compile errors inline under their line.
//!
//! Owns splitting highlight spans into per-line segments (done once per
//! source, not per step; the DOM diff then only touches the markers). It
//! never runs the program.

use gosim::syntax::HighlightClass;
use yew::prelude::*;

use crate::i18n::{play, Language};
use crate::markup::{classed, text_el};
use crate::playground::model::{LineMark, MARKS_PER_LINE};
use crate::playground::widgets::g_class;
use gosim::CompileError;

/// One highlighted run of text within a line.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Segment {
    pub class: Option<&'static str>,
    pub text: String,
}

fn class_name(c: HighlightClass) -> Option<&'static str> {
    Some(match c {
        HighlightClass::Keyword => "tok-kw",
        HighlightClass::Ident => return None,
        HighlightClass::Builtin => "tok-builtin",
        HighlightClass::Number => "tok-num",
        HighlightClass::String | HighlightClass::Rune => "tok-str",
        HighlightClass::Comment => "tok-comment",
        HighlightClass::Operator => "tok-op",
        HighlightClass::Punct => return None,
        HighlightClass::Invalid => "tok-invalid",
    })
}

/// Splits `src` into lines of highlighted segments (tokens that span lines,
/// like raw strings and block comments, are split at each newline).
pub fn highlight_lines(src: &str) -> Vec<Vec<Segment>> {
    let mut runs: Vec<(usize, usize, Option<&'static str>)> = Vec::new();
    let mut at = 0usize;
    for (span, class) in gosim::syntax::highlight(src) {
        let (lo, hi) = (span.lo as usize, (span.hi as usize).min(src.len()));
        if lo < at || lo > hi {
            continue;
        }
        if lo > at {
            runs.push((at, lo, None));
        }
        runs.push((lo, hi, class_name(class)));
        at = hi;
    }
    if at < src.len() {
        runs.push((at, src.len(), None));
    }
    let mut lines: Vec<Vec<Segment>> = vec![Vec::new()];
    for (lo, hi, class) in runs {
        let Some(text) = src.get(lo..hi) else {
            continue;
        };
        for (i, part) in text.split('\n').enumerate() {
            if i > 0 {
                lines.push(Vec::new());
            }
            if part.is_empty() {
                continue;
            }
            let Some(line) = lines.last_mut() else {
                continue;
            };
            // Neighbours of one class share a segment: a line of 60,000
            // parentheses is one text node, not 60,000 elements to lay out.
            match line.last_mut() {
                Some(last) if last.class == class => last.text.push_str(part),
                _ => line.push(Segment {
                    class,
                    text: part.to_string(),
                }),
            }
        }
    }
    if src.ends_with('\n') && lines.last().is_some_and(Vec::is_empty) {
        lines.pop();
    }
    lines
}

/// What the listing shows besides the program.
pub struct Listing<'a> {
    pub lines: &'a [Vec<Segment>],
    /// Goroutines per line.
    pub marks: &'a [LineMark],
    /// The line the next step runs (`aria-current`, scrolled into view).
    pub next_line: Option<u32>,
    pub errors: &'a [CompileError],
    /// The scroll box's accessible name; `None` draws a plain listing.
    pub label: Option<String>,
    pub lang: Language,
}

/// The listing `lines` with `markers`, (goroutine id, line) for every live
/// goroutine, `next_line` (the line the next step runs) and compile errors:
/// the plain listing other pages show.
pub fn source_view(
    lines: &[Vec<Segment>],
    markers: &[(u32, u32)],
    next_line: Option<u32>,
    errors: &[CompileError],
) -> Html {
    let mut marks: Vec<LineMark> = Vec::new();
    for &(g, line) in markers {
        match marks.iter_mut().find(|m| m.line == line) {
            Some(m) => {
                m.count += 1;
                if m.ids.len() < MARKS_PER_LINE {
                    m.ids.push(g);
                }
            }
            None => marks.push(LineMark {
                line,
                ids: vec![g],
                count: 1,
            }),
        }
    }
    listing(Listing {
        lines,
        marks: &marks,
        next_line,
        errors,
        label: None,
        lang: Language::En,
    })
}

/// The program as an ordered list of lines, so a screen reader can move by
/// line and find the one that runs next (`aria-current="location"`); each
/// line carries the goroutines standing on it (the first few, then a
/// count) and its compile errors. In its own scroll box, which the page
/// scrolls to the running line.
pub fn listing(l: Listing) -> Html {
    let (from, to) = window(
        l.lines.len(),
        l.next_line
            .or_else(|| l.errors.iter().find_map(|e| e.at.map(|a| a.0))),
    );
    let left_out = |count: usize, above: bool| {
        (count > 0).then(|| {
            text_el(
                "p",
                "listing__more",
                play::lines_left_out(l.lang, count, above),
            )
        })
    };
    let body = html! {
        <>
        { left_out(from, true) }
        <ol class="listing" start={(from > 0).then(|| (from + 1).to_string())}>
            { for l.lines[from..to].iter().enumerate().map(|(i, segments)| {
                let n = (from + i + 1) as u32;
                let here = l.marks.iter().find(|m| m.line == n);
                let errors: Vec<&CompileError> = l.errors.iter().filter(|e| e.at.map(|a| a.0) == Some(n)).collect();
                let next = l.next_line == Some(n);
                let class = match (next, !errors.is_empty()) {
                    (true, true) => "line line--next line--error",
                    (true, false) => "line line--next",
                    (false, true) => "line line--error",
                    _ => "line",
                };
                classed(class, html! {
                    <li class="_" data-line={n.to_string()}
                        aria-current={next.then_some("location")}>
                        <span class="line__no" aria-hidden="true">{ n }</span>
                        <span class="line__marks">
                            if let Some(m) = here {
                                { for m.ids.iter().map(|g| classed(g_class("mark", *g), html! {
                                    <span class="_" data-g={g.to_string()} aria-hidden="true">{ g }</span>
                                })) }
                                if m.count > m.ids.len() {
                                    <span class="mark mark--more" aria-hidden="true">{ format!("+{}", m.count - m.ids.len()) }</span>
                                }
                                { text_el("span", "sr-only", play::goroutines_here(l.lang, &m.ids, m.count)) }
                            }
                        </span>
                        <code class="line__text">
                            { for segments.iter().map(|s| match s.class {
                                Some(c) => text_el("span", c, s.text.clone()),
                                None => html! { { s.text.clone() } },
                            }) }
                        </code>
                        { for errors.iter().map(|e| html! {
                            <span class="line-error" role="note" data-testid="inline-error">
                                { format!("{}:{}: {}", n, e.at.map_or(0, |a| a.1), e.message) }
                            </span>
                        }) }
                    </li>
                })
            }) }
        </ol>
        { left_out(l.lines.len() - to, false) }
        </>
    };
    match l.label {
        Some(label) => html! {
            <div class="code code--play" data-testid="source" tabindex="0" role="region" aria-label={label}>
                { body }
            </div>
        },
        None => html! { <div class="code code--play" data-testid="source">{ body }</div> },
    }
}

/// A program longer than this draws only [`WINDOW_LINES`] of its lines: a
/// line is a DOM subtree of about eight elements, and drawing and laying
/// out a window of 300 made loading a 950-line program take 80-120 ms of
/// the page's time (`e2e/hostile.test.mjs`; 150-210 ms drawn whole).
const LONG_LISTING: usize = 200;
const WINDOW_LINES: usize = 120;

/// The lines `from..to` a listing of `len` lines draws: all of a short
/// one; of a long one, a window around line `focus` (1-based), which holds
/// it a quarter of the way down, or the top when there is none.
fn window(len: usize, focus: Option<u32>) -> (usize, usize) {
    if len <= LONG_LISTING {
        return (0, len);
    }
    let focus = focus.map_or(0, |f| (f as usize).saturating_sub(1).min(len - 1));
    let from = focus
        .saturating_sub(WINDOW_LINES / 4)
        .min(len - WINDOW_LINES);
    (from, from + WINDOW_LINES)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_long_listing_draws_a_window_around_its_focus() {
        assert_eq!(window(30, Some(25)), (0, 30));
        assert_eq!(window(LONG_LISTING, None), (0, LONG_LISTING));
        assert_eq!(window(20_000, None), (0, WINDOW_LINES));
        assert_eq!(window(20_000, Some(1)), (0, WINDOW_LINES));
        assert_eq!(window(20_000, Some(10_001)), (9_970, 10_090));
        assert_eq!(window(20_000, Some(20_000)), (19_880, 20_000));
        // A focus past the end (a stale line) still gives a full window.
        assert_eq!(window(20_000, Some(90_000)), (19_880, 20_000));
    }

    #[test]
    fn lines_keep_all_text_and_split_multiline_tokens() {
        let src = "package main\n\n/* a\nb */\nvar s = `x\ny` // c\n";
        let lines = highlight_lines(src);
        let text: Vec<String> = lines
            .iter()
            .map(|l| l.iter().map(|s| s.text.as_str()).collect())
            .collect();
        assert_eq!(
            text,
            vec!["package main", "", "/* a", "b */", "var s = `x", "y` // c"]
        );
        assert_eq!(lines[0][0].class, Some("tok-kw"));
        assert_eq!(lines[2][0].class, Some("tok-comment"));
        assert_eq!(lines[5][0].class, Some("tok-str"));
    }

    #[test]
    fn neighbouring_tokens_of_one_class_share_a_segment() {
        let deep = format!("var x = {}1{}\n", "(".repeat(5_000), ")".repeat(5_000));
        let lines = highlight_lines(&deep);
        let classes: Vec<Option<&str>> = lines[0].iter().map(|s| s.class).collect();
        assert_eq!(
            classes,
            vec![
                Some("tok-kw"),
                None,
                Some("tok-op"),
                None,
                Some("tok-num"),
                None
            ]
        );
        let text: String = lines[0].iter().map(|s| s.text.as_str()).collect();
        assert_eq!(text, deep.trim_end());
    }
}
