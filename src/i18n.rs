//! UI languages and the app's own strings (case text lives in the case files).
//!
//! Owns `Language` and every user-visible string the components print, in
//! both languages, so a component never hard-codes English. It holds data
//! only: no rendering, no browser access.

use crate::cases::Text;

/// A UI language.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Language {
    #[default]
    En,
    Zh,
}

impl Language {
    /// BCP 47 tag for `<html lang>`.
    pub fn tag(self) -> &'static str {
        match self {
            Language::En => "en",
            Language::Zh => "zh-CN",
        }
    }

    /// Short key used when persisting settings.
    pub fn key(self) -> &'static str {
        match self {
            Language::En => "en",
            Language::Zh => "zh",
        }
    }

    pub fn from_key(key: &str) -> Option<Language> {
        match key {
            "en" => Some(Language::En),
            "zh" => Some(Language::Zh),
            _ => None,
        }
    }

    /// Picks a language from a browser locale such as "zh-CN" or "en-US".
    pub fn from_locale(locale: &str) -> Language {
        if locale.to_ascii_lowercase().starts_with("zh") {
            Language::Zh
        } else {
            Language::En
        }
    }
}

const fn t(en: &'static str, zh: &'static str) -> Text {
    Text { en, zh }
}

pub const PRODUCT_NAME: &str = "Go Pitfalls";
pub const TAGLINE: Text = t(
    "Go concurrency pitfalls you can run, step and break",
    "可运行、可单步、可复现的 Go 并发陷阱",
);
pub const INTRO: Text = t(
    "Every case below is a small Go program from a talk on concurrent Go. Each one deadlocks, leaks a goroutine, panics or quietly computes the wrong thing. Open one to read it, see why it fails, and compare it with the fix.",
    "下面每个案例都是一次 Go 并发分享里的小程序：有的死锁，有的泄漏 goroutine，有的 panic，有的悄悄算错。打开一个案例，阅读代码，看看它为什么出错，再对比修复后的写法。",
);
pub const CASES_COUNT: Text = t("cases", "个案例");
pub const SECTIONS_COUNT: Text = t("sections", "个主题");
pub const NO_CASES: Text = t(
    "No cases yet. Add a file to cases/ and rebuild.",
    "还没有案例。在 cases/ 目录中添加文件后重新构建。",
);
pub const ALL_CASES: Text = t("All cases", "全部案例");
pub const BACK_TO_CASES: Text = t("← All cases", "← 全部案例");
pub const THE_PROGRAM: Text = t("The program", "程序");
pub const WHAT_HAPPENS: Text = t("What happens", "发生了什么");
pub const QUESTIONS: Text = t("Questions to think about", "思考题");
pub const FIXES: Text = t("Fixes", "修复方法");
pub const PLAYGROUND: Text = t("Playground", "演练场");
pub const NOT_RUNNABLE: Text = t(
    "This listing uses the network, which the in-browser simulator does not model. Read it here; run it with real Go.",
    "这段代码用到了网络，浏览器内的模拟器不模拟网络。请在这里阅读，用真实的 Go 运行。",
);
pub const GO_VERSION: Text = t("Go", "Go");
pub const LOADING: Text = t("Loading…", "加载中…");
pub const NOT_FOUND_TITLE: Text = t("Case not found", "未找到该案例");
pub const NOT_FOUND_BODY: Text = t(
    "There is no case at this address. It may have been renamed.",
    "这个地址没有对应的案例，它可能已被重命名。",
);
pub const SWITCH_LANGUAGE: Text = t("Language", "语言");
pub const THEME_TO_DARK: Text = t("Switch to dark theme", "切换到深色主题");
pub const THEME_TO_LIGHT: Text = t("Switch to light theme", "切换到浅色主题");
pub const FOOTER: Text = t(
    "Runs entirely in your browser. Programs are simulated deterministically; no code is sent anywhere.",
    "完全在浏览器中运行。程序由确定性模拟器执行，代码不会发送到任何地方。",
);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn locale_picks_chinese_only_for_zh() {
        assert_eq!(Language::from_locale("zh-CN"), Language::Zh);
        assert_eq!(Language::from_locale("ZH-tw"), Language::Zh);
        assert_eq!(Language::from_locale("en-US"), Language::En);
        assert_eq!(Language::from_locale(""), Language::En);
    }

    #[test]
    fn language_keys_round_trip() {
        for lang in [Language::En, Language::Zh] {
            assert_eq!(Language::from_key(lang.key()), Some(lang));
        }
        assert_eq!(Language::from_key("fr"), None);
    }
}
