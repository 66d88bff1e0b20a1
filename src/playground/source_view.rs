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

/// One highlighted run of text within a line: bytes `lo..hi` of the
/// source (text is made only for the lines a listing draws).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Segment {
    pub class: Option<&'static str>,
    lo: u32,
    hi: u32,
}

/// A program split into lines of highlighted segments.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Highlighted {
    source: std::rc::Rc<str>,
    lines: Vec<Vec<Segment>>,
}

impl Highlighted {
    pub fn len(&self) -> usize {
        self.lines.len()
    }

    pub fn is_empty(&self) -> bool {
        self.lines.is_empty()
    }

    /// Line `i`'s segments (0-based) with their text.
    pub fn line(&self, i: usize) -> impl Iterator<Item = (Option<&'static str>, &str)> {
        self.lines.get(i).into_iter().flatten().map(|s| {
            let text = self.source.get(s.lo as usize..s.hi as usize).unwrap_or("");
            (s.class, text)
        })
    }
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
pub fn highlight_lines(src: &str) -> Highlighted {
    let mut lines: Vec<Vec<Segment>> = vec![Vec::new()];
    let bytes = src.as_bytes();
    // Adds `lo..hi` of one class to the lines, split at newlines.
    let mut add = |lo: usize, hi: usize, class: Option<&'static str>| {
        let mut lo = lo;
        loop {
            let end = bytes[lo..hi]
                .iter()
                .position(|&b| b == b'\n')
                .map_or(hi, |n| lo + n);
            if end > lo {
                if let Some(line) = lines.last_mut() {
                    // Neighbours of one class share a segment: a line of
                    // 60,000 parentheses is one text node, not 60,000
                    // elements to lay out.
                    match line.last_mut() {
                        Some(last) if last.class == class && last.hi as usize == lo => {
                            last.hi = end as u32;
                        }
                        _ => line.push(Segment {
                            class,
                            lo: lo as u32,
                            hi: end as u32,
                        }),
                    }
                }
            }
            if end == hi {
                break;
            }
            lines.push(Vec::new());
            lo = end + 1;
        }
    };
    let mut at = 0usize;
    for (span, class) in gosim::syntax::highlight(src) {
        let (lo, hi) = (span.lo as usize, (span.hi as usize).min(src.len()));
        if lo < at || lo > hi || !src.is_char_boundary(lo) || !src.is_char_boundary(hi) {
            continue;
        }
        if lo > at {
            add(at, lo, None);
        }
        add(lo, hi, class_name(class));
        at = hi;
    }
    if at < src.len() {
        add(at, src.len(), None);
    }
    if src.ends_with('\n') && lines.last().is_some_and(Vec::is_empty) {
        lines.pop();
    }
    Highlighted {
        source: src.into(),
        lines,
    }
}

/// What the listing shows besides the program.
pub struct Listing<'a> {
    pub lines: &'a Highlighted,
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
    lines: &Highlighted,
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
            { for (from..to).map(|i| {
                let n = (i + 1) as u32;
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
                            { for l.lines.line(i).map(|(class, text)| match class {
                                Some(c) => text_el("span", c, text.to_string()),
                                None => html! { { text.to_string() } },
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
        let text: Vec<String> = (0..lines.len())
            .map(|i| lines.line(i).map(|(_, t)| t).collect())
            .collect();
        assert_eq!(
            text,
            vec!["package main", "", "/* a", "b */", "var s = `x", "y` // c"]
        );
        let first = |i: usize| lines.line(i).next().and_then(|(c, _)| c);
        assert_eq!(first(0), Some("tok-kw"));
        assert_eq!(first(2), Some("tok-comment"));
        assert_eq!(first(5), Some("tok-str"));
    }

    #[test]
    fn the_lines_joined_give_back_every_source() {
        let odd = "package main\n\nvar é = \"ü\\n\" + `a\nб`\n/* ж\n*/ @ # 0x\n\tx := '\\''\n";
        let sources = crate::cases::all().iter().map(|c| c.source).chain([
            odd,
            "",
            "\n",
            "x",
            "// no newline at the end",
        ]);
        for src in sources {
            let lines = highlight_lines(src);
            let joined: Vec<String> = (0..lines.len())
                .map(|i| lines.line(i).map(|(_, t)| t).collect())
                .collect();
            let want = src.strip_suffix('\n').unwrap_or(src);
            let want: Vec<&str> = if src.is_empty() {
                vec![""]
            } else {
                want.split('\n').collect()
            };
            assert_eq!(joined, want, "{src:?}");
        }
    }

    #[test]
    fn neighbouring_tokens_of_one_class_share_a_segment() {
        let deep = format!("var x = {}1{}\n", "(".repeat(5_000), ")".repeat(5_000));
        let lines = highlight_lines(&deep);
        let classes: Vec<Option<&str>> = lines.line(0).map(|(c, _)| c).collect();
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
        let text: String = lines.line(0).map(|(_, t)| t).collect();
        assert_eq!(text, deep.trim_end());
    }
}
