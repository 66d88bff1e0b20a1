//! The widget another site frames (`#/embed/<slug>?…` or `#/embed?code=…`):
//! its options in the URL, the program that belongs to no case, and the
//! three snippets "Embed this" offers (the `<go-pitfall>` element, a plain
//! iframe and a link).
//!
//! Owns the frame's query format: the widget's own keys (`lang`, `theme`,
//! `controls`, `height`) beside a share link's (`code`, `fix`, `go`, `step`,
//! `run`, …), which pass through to `ShareState` unchanged, so the widget
//! opens exactly what a share link would. `static/embed.js` writes the same
//! keys from the element's attributes. Like share links, the query is user
//! input: parsing never panics, and the player says in the widget's box
//! what is wrong with a damaged share part. Pure: it reads no URL and
//! touches no browser.

use gosim::GoVersion;

use crate::cases::{Case, Outcome, Section};
use crate::i18n::{embed as t, Language, Text};
use crate::playground::share::{encode_code, go_key};
use crate::state::Theme;

/// The slug of the program that belongs to no case: `#/play` and
/// `#/embed?code=…` run it. Only share links' checksums read it: the
/// full page of the program is `#/play`, never `#/case/play`.
pub const SCRATCH_SLUG: &str = "play";

/// The case behind a program of the reader's own: no explanation, no
/// fixes, an empty original (the program comes in `code=`).
pub static SCRATCH: Case = Case {
    number: 0,
    slug: SCRATCH_SLUG,
    section: Section::Channel,
    title: t::SCRATCH_TITLE,
    summary: Text { en: "", zh: "" },
    outcome: Outcome::Ok,
    runnable: true,
    go: None,
    loaded: true,
    explanation: Text { en: "", zh: "" },
    questions: &[],
    source: "",
    fixes: &[],
};

/// The URL fragment of a case's full page (`#/case/<slug>`, or `#/play`
/// for `SCRATCH`), without a query.
pub fn page_hash(case: &Case) -> String {
    if case.slug == SCRATCH_SLUG {
        "#/play".to_string()
    } else {
        format!("#/case/{}", case.slug)
    }
}

/// How many of the player's controls the widget shows.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Controls {
    /// The run buttons and the settings (speed, release, more).
    #[default]
    Full,
    /// The run buttons only.
    Minimal,
}

/// The widget's options: its own keys, and the share-link part of the
/// query (`share`, without `?`), which the player reads.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct EmbedOptions {
    pub lang: Option<Language>,
    pub theme: Option<Theme>,
    pub controls: Controls,
    pub share: String,
}

/// Reads a frame's query (with or without `?`). A widget option with a
/// value it does not know keeps its default (a host's typo costs the
/// option, not the widget); the share-link part is left to the player,
/// which says in the widget's box what is wrong with it.
pub fn parse_options(query: &str) -> EmbedOptions {
    let query = query.strip_prefix('?').unwrap_or(query);
    let mut options = EmbedOptions::default();
    let mut share: Vec<&str> = Vec::new();
    for pair in query.split('&').filter(|p| !p.is_empty()) {
        let (key, value) = pair.split_once('=').unwrap_or((pair, ""));
        match key {
            "lang" => options.lang = Language::from_key(value),
            "theme" => options.theme = Theme::from_key(value),
            "controls" if value == "minimal" => options.controls = Controls::Minimal,
            // The host sizes the frame.
            "controls" | "height" => {}
            _ => share.push(pair),
        }
    }
    options.share = share.join("&");
    options
}

/// Whether the share-link part carries a program (`code=`).
pub fn has_code(options: &EmbedOptions) -> bool {
    options.share.split('&').any(|p| p.starts_with("code="))
}

/// What a snippet opens: a case (or `SCRATCH`) with its program, release,
/// fix and step, in a language.
#[derive(Clone)]
pub struct EmbedTarget<'a> {
    pub case: &'a Case,
    /// Edited code (always set for `SCRATCH`).
    pub code: Option<&'a str>,
    pub fix: Option<usize>,
    pub go: GoVersion,
    pub step: usize,
    pub lang: Language,
}

impl EmbedTarget<'_> {
    fn slug(&self) -> Option<&str> {
        (self.case.slug != SCRATCH_SLUG).then_some(self.case.slug)
    }

    /// The frame's query: the options, then the share-link part (written
    /// here rather than by `ShareState::to_query`, which would then stop
    /// being inlined into its one other caller: wasm size).
    pub fn frame_query(&self) -> String {
        let mut out = format!("lang={}&go={}", self.lang.key(), go_key(self.go));
        if let Some(fix) = self.fix {
            out.push_str(&format!("&fix={}", fix + 1));
        }
        if self.step > 0 {
            out.push_str(&format!("&step={}", self.step));
        }
        if let Some(code) = self.code {
            out.push_str("&code=");
            out.push_str(&encode_code(code));
        }
        out
    }

    /// The frame's address below `base` (the site's URL, ending in `/`).
    pub fn frame_url(&self, base: &str) -> String {
        let route = match self.slug() {
            Some(slug) => format!("#/embed/{slug}"),
            None => "#/embed".to_string(),
        };
        format!("{base}{route}?{}", self.frame_query())
    }

    /// The script and the `<go-pitfall>` element, with inline code as the
    /// text of a `<pre>` (escaped, so the host never reads it as markup).
    pub fn element(&self, base: &str) -> String {
        let mut out = format!("<script src=\"{base}embed.js\" defer></script>\n<go-pitfall");
        if let Some(slug) = self.slug() {
            out.push_str(&format!(" case=\"{slug}\""));
        }
        out.push_str(&format!(
            " lang=\"{}\" go=\"{}\"",
            self.lang.key(),
            go_key(self.go)
        ));
        if let Some(fix) = self.fix {
            out.push_str(&format!(" fix=\"{}\"", fix + 1));
        }
        if self.step > 0 {
            out.push_str(&format!(" step=\"{}\"", self.step));
        }
        out.push('>');
        if let Some(code) = self.code {
            out.push_str("<pre>");
            escape_into(&mut out, code);
            out.push_str("</pre>");
        }
        out.push_str("</go-pitfall>");
        out
    }

    /// A plain iframe, for hosts that allow no script (docs/embed.md
    /// explains the sandbox values).
    pub fn iframe(&self, base: &str) -> String {
        let mut out = String::from("<iframe src=\"");
        escape_into(&mut out, &self.frame_url(base));
        out.push_str("\" title=\"");
        escape_into(&mut out, self.case.title.get(self.lang));
        out.push_str(
            "\" width=\"100%\" height=\"640\" loading=\"lazy\" \
             sandbox=\"allow-scripts allow-same-origin allow-popups allow-popups-to-escape-sandbox\" \
             referrerpolicy=\"no-referrer\"></iframe>",
        );
        out
    }
}

/// `text` with `&`, `<`, `>` and `"` escaped for HTML text or a quoted
/// attribute value.
fn escape_into(out: &mut String, text: &str) {
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            c => out.push(c),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::playground::share::ShareState;

    #[test]
    fn splits_widget_keys_from_the_share_link_part() {
        let options =
            parse_options("?lang=zh&theme=dark&go=1.21&controls=minimal&step=4&height=auto");
        assert_eq!(options.lang, Some(Language::Zh));
        assert_eq!(options.theme, Some(Theme::Dark));
        assert_eq!(options.controls, Controls::Minimal);
        assert_eq!(options.share, "go=1.21&step=4");
        assert!(!has_code(&options));
        assert_eq!(parse_options(""), EmbedOptions::default());
        assert_eq!(parse_options("height=480px&code=AQ").share, "code=AQ");
        assert!(has_code(&parse_options("code=AQ")));
    }

    #[test]
    fn unknown_option_values_keep_their_defaults_and_never_panic() {
        let options = parse_options("lang=fr&theme=blue&controls=some&height=tall");
        assert_eq!(options, EmbedOptions::default());
        // The share-link part passes through untouched, for the player to judge.
        assert_eq!(parse_options("go=0.9&code=%%%").share, "go=0.9&code=%%%");
        for junk in ["&&&", "=", "lang", "lang=", "\u{0}=\u{0}", "code=", "==&=="] {
            let _ = parse_options(junk);
        }
    }

    #[test]
    fn a_frame_query_reads_back_as_the_same_program_and_step() {
        let code = "package main\n\nfunc main() { println(\"<b>&\") }\n";
        let target = EmbedTarget {
            case: &SCRATCH,
            code: Some(code),
            fix: None,
            go: GoVersion::GO1_21,
            step: 3,
            lang: Language::Zh,
        };
        let options = parse_options(&target.frame_query());
        assert_eq!(options.lang, Some(Language::Zh));
        let share = ShareState::from_query(&options.share).expect("share part parses");
        assert_eq!(share.code.as_deref(), Some(code));
        assert_eq!(share.go, Some(GoVersion::GO1_21));
        assert_eq!(share.step, Some(3));
        assert!(target
            .frame_url("https://x.test/p/")
            .starts_with("https://x.test/p/#/embed?lang=zh&go=1.21&step=3&code="));
    }

    #[test]
    fn snippets_name_the_case_and_escape_code() {
        let case = Case {
            slug: "lock-and-full-channel",
            ..SCRATCH
        };
        let target = EmbedTarget {
            case: &case,
            code: Some("fmt.Println(\"</pre><script>x</script>\")"),
            fix: Some(0),
            go: GoVersion::GO1_22,
            step: 0,
            lang: Language::En,
        };
        let element = target.element("https://x.test/");
        assert_eq!(
            element,
            "<script src=\"https://x.test/embed.js\" defer></script>\n\
             <go-pitfall case=\"lock-and-full-channel\" lang=\"en\" go=\"1.22\" fix=\"1\">\
             <pre>fmt.Println(&quot;&lt;/pre&gt;&lt;script&gt;x&lt;/script&gt;&quot;)</pre></go-pitfall>"
        );
        let iframe = target.iframe("https://x.test/");
        assert!(
            iframe.starts_with(
                "<iframe src=\"https://x.test/#/embed/lock-and-full-channel?lang=en&amp;go=1.22&amp;fix=1&amp;code="
            ),
            "{iframe}"
        );
        assert!(iframe.contains("sandbox=\"allow-scripts "), "{iframe}");
        assert!(!iframe.contains("<script"), "{iframe}");
        assert_eq!(page_hash(&case), "#/case/lock-and-full-channel");
        assert_eq!(page_hash(&SCRATCH), "#/play");
    }
}
