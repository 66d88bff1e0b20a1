//! What a blog engine needs to turn a pasted case URL into a widget, as
//! static files: per case, an oEmbed response (`<slug>.oembed.json`, type
//! `rich`, the widget's iframe) and a small HTML page (`<slug>.html`) with
//! Open Graph tags and the oEmbed discovery link, which forwards a person
//! to the case in the app.
//!
//! oEmbed consumers put the iframe on another site, so its address must be
//! absolute: the site's public URL comes from `GOPITFALLS_SITE_URL` at build
//! time (`site_url`). The page's forward is relative, so it works wherever
//! the site is served. It writes files' text only; `main.rs` writes them.

use case_data::CaseFile;

/// The variable naming the site's public URL (ending in `/`).
pub const SITE_URL_VAR: &str = "GOPITFALLS_SITE_URL";

/// Where `trunk serve` puts the site, when no public URL is given.
pub const DEFAULT_SITE_URL: &str = "http://127.0.0.1:8080/";

/// The widget's size in an oEmbed response: a sensible start, since the
/// frame cannot size itself without the host's script.
pub const WIDTH: u32 = 800;
pub const HEIGHT: u32 = 640;

/// The site's public URL from `GOPITFALLS_SITE_URL`, with a trailing `/`.
pub fn site_url() -> String {
    let mut url = std::env::var(SITE_URL_VAR)
        .ok()
        .filter(|u| !u.trim().is_empty())
        .unwrap_or_else(|| DEFAULT_SITE_URL.to_string());
    if !url.ends_with('/') {
        url.push('/');
    }
    url
}

/// The widget's frame address for `case` below `site`.
pub fn frame_url(site: &str, case: &CaseFile) -> String {
    format!("{site}#/embed/{}", case.slug)
}

/// The plain iframe that oEmbed's `html` carries (the sandbox docs/embed.md
/// explains).
pub fn iframe_html(site: &str, case: &CaseFile) -> String {
    format!(
        "<iframe src=\"{}\" title=\"Go Pitfalls: {}\" width=\"{WIDTH}\" height=\"{HEIGHT}\" \
         loading=\"lazy\" sandbox=\"allow-scripts allow-same-origin allow-popups allow-popups-to-escape-sandbox\" \
         referrerpolicy=\"no-referrer\" style=\"border:0;max-width:100%\"></iframe>",
        html_escape(&frame_url(site, case)),
        html_escape(&case.title.en)
    )
}

/// The oEmbed response (version 1.0, type `rich`).
pub fn oembed_json(site: &str, case: &CaseFile) -> String {
    let mut out = String::from("{\"version\":\"1.0\",\"type\":\"rich\"");
    out.push_str(",\"provider_name\":\"Go Pitfalls\",\"provider_url\":");
    crate::json::string(&mut out, site);
    out.push_str(",\"title\":");
    crate::json::string(&mut out, &case.title.en);
    out.push_str(",\"html\":");
    crate::json::string(&mut out, &iframe_html(site, case));
    out.push_str(&format!(
        ",\"width\":{WIDTH},\"height\":{HEIGHT},\"cache_age\":86400}}\n"
    ));
    out
}

/// The case's page for link previews: Open Graph tags, the oEmbed discovery
/// link, and a forward to `#/case/<slug>` (relative: the page sits in
/// `cases/`).
pub fn case_page_html(site: &str, case: &CaseFile) -> String {
    let slug = &case.slug;
    let title = html_escape(&case.title.en);
    let summary = html_escape(&case.summary.en);
    let app = format!("../#/case/{slug}");
    let page = html_escape(&format!("{site}cases/{slug}.html"));
    let oembed = html_escape(&format!("{site}cases/{slug}.oembed.json"));
    let mut out = String::new();
    out.push_str("<!doctype html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n");
    out.push_str("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
    out.push_str(&format!("<title>{title} · Go Pitfalls</title>\n"));
    out.push_str(&format!(
        "<meta name=\"description\" content=\"{summary}\">\n"
    ));
    out.push_str("<meta property=\"og:type\" content=\"article\">\n");
    out.push_str("<meta property=\"og:site_name\" content=\"Go Pitfalls\">\n");
    out.push_str(&format!(
        "<meta property=\"og:title\" content=\"{title}\">\n"
    ));
    out.push_str(&format!(
        "<meta property=\"og:description\" content=\"{summary}\">\n"
    ));
    out.push_str(&format!("<meta property=\"og:url\" content=\"{page}\">\n"));
    out.push_str("<meta property=\"og:locale\" content=\"en_US\">\n");
    out.push_str("<meta property=\"og:locale:alternate\" content=\"zh_CN\">\n");
    out.push_str("<meta name=\"twitter:card\" content=\"summary\">\n");
    out.push_str(&format!(
        "<link rel=\"alternate\" type=\"application/json+oembed\" href=\"{oembed}\" title=\"{title}\">\n"
    ));
    out.push_str(&format!(
        "<meta http-equiv=\"refresh\" content=\"0; url={app}\">\n</head>\n<body>\n"
    ));
    out.push_str(&format!(
        "<p><a href=\"{app}\">{title}</a> · {}</p>\n<p>{summary}</p>\n",
        html_escape(&case.title.zh)
    ));
    out.push_str("</body>\n</html>\n");
    out
}

/// `text` with `&`, `<`, `>`, `"` and `'` escaped, for HTML text or a quoted
/// attribute value.
pub fn html_escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}
