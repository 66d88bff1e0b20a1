//! UI languages and the app's own strings (case text lives in the case files).
//!
//! Owns `Language`, `Text` (a string in English and Chinese, read with
//! `get`) and every string the views print, grouped by the part of the page
//! that shows it. A static string is a `Text` constant or a small table of
//! them; a sentence built from data is a function of `Language` returning
//! `String`, as are `narrate`, `ShareError::message` and
//! `ContentError::message`. Views hold no English or Chinese prose: what
//! stays literal there is Go's own vocabulary, the same in both languages
//! (`goroutine 7`, `sendq`, `chan int`, `exit status 2`). This module holds
//! data only: no rendering, no browser access, nothing from the app above
//! it (gosim's snapshot enums are below the app, so their words are here).

use gosim::snapshot::{Budget, GoroutineStatus, OutcomeClass};

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

    /// The language's name in itself, for the switch.
    pub fn name(self) -> &'static str {
        match self {
            Language::En => "EN",
            Language::Zh => "中文",
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

/// A string in both UI languages.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Text {
    pub en: &'static str,
    pub zh: &'static str,
}

impl Text {
    /// The string in `lang`, falling back to English when a translation is
    /// missing (case files may leave one out). Always inlined: at a call
    /// site the constant's two strings then fold into a choice between two
    /// addresses, whereas a call takes the `Text` by address and makes every
    /// constant a 16-byte static (+900 B gzipped, measured).
    #[inline(always)]
    pub fn get(&self, lang: Language) -> &'static str {
        match lang {
            Language::Zh if !self.zh.is_empty() => self.zh,
            _ => self.en,
        }
    }
}

const fn t(en: &'static str, zh: &'static str) -> Text {
    Text { en, zh }
}

/// The site around the cases: header, gallery, footer, the not-found page.
pub mod site {
    use super::{t, Text};

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
    /// The footer's link to the live netpoller page (static/live.html, no wasm).
    pub const LIVE_NETPOLLER: Text = t(
        "Live netpoller: a real epoll server, traced",
        "实时 netpoller：追踪一个真实的 epoll 服务器",
    );
}

/// A case's page around the playground.
pub mod case_page {
    use super::{t, Text};

    pub const BACK_TO_CASES: Text = t("← All cases", "← 全部案例");
    pub const THE_PROGRAM: Text = t("The program", "程序");
    pub const WHAT_HAPPENS: Text = t("What happens", "发生了什么");
    pub const QUESTIONS: Text = t("Questions to think about", "思考题");
    pub const FIXES: Text = t("Fixes", "修复方法");
    pub const NOT_RUNNABLE: Text = t(
        "This listing uses the network, which the in-browser simulator does not model. Read it here; run it with real Go.",
        "这段代码用到了网络，浏览器内的模拟器不模拟网络。请在这里阅读，用真实的 Go 运行。",
    );
    pub const GO_VERSION: Text = t("Go", "Go");
    pub const LOADING: Text = t("Loading…", "加载中…");
}

/// The widget in another site's frame, and "Embed this" on the player.
pub mod embed {
    use super::{t, Language, Text};

    pub const SCRATCH_TITLE: Text = t("Your program", "你的程序");
    pub const OPEN_FULL: Text = t("Open in Go Pitfalls ↗", "在 Go Pitfalls 中打开 ↗");
    pub const NO_PROGRAM: Text = t(
        "No program: give the widget a case name or Go code.",
        "没有程序：请给组件一个案例名或 Go 代码。",
    );
    pub const EMBED_THIS: Text = t("Embed this", "嵌入到网页");
    pub const ELEMENT: Text = t(
        "Element (with embed.js, sizes itself)",
        "元素（配合 embed.js，自动调整高度）",
    );
    pub const IFRAME: Text = t(
        "Plain iframe (no script on your page)",
        "普通 iframe（你的网页无需脚本）",
    );
    pub const LINK: Text = t("Link", "链接");
    pub const COPY: Text = t("Copy", "复制");
    pub const CLOSE: Text = t("Close", "关闭");

    /// The widget was given a case name that no case has.
    pub fn no_case(lang: Language, name: &str) -> String {
        let name = gosim::format::quote(name.as_bytes());
        match lang {
            Language::En => format!("There is no case named {name}."),
            Language::Zh => format!("没有名为 {name} 的案例。"),
        }
    }
}

/// The playground's frame: narration before the first step, the toolbar,
/// the progress bar, the code panel and the state panels' headings.
pub mod play {
    use super::{t, Language, Text};

    pub const PLAYGROUND: Text = t("Playground", "演练场");
    pub const COMPILING: Text = t("Compiling the program…", "正在编译程序……");
    pub const COMPILE_ERRORS_NARRATION: Text = t(
        "The program does not compile; the errors are shown in the listing.",
        "程序无法编译，错误已标注在代码中。",
    );
    pub const READY: Text = t(
        "Ready. Step (→) or run (space); click a runnable goroutine to run it next.",
        "准备就绪。单步（→）或运行（空格）；点击可运行的 goroutine，让它下一个运行。",
    );
    pub const LINK_FALLBACK: Text = t(
        "Showing the case from its start instead.",
        "改为从头显示这个案例。",
    );
    pub const SHARE_LINK: Text = t("Link to this exact step:", "指向这一步的链接：");

    pub const RUN_CONTROLS: Text = t("Run controls", "运行控制");
    /// How the settings' disclosure is labelled.
    pub const SETTINGS: Text = t("More", "更多");
    pub const RESET: Text = t("Reset", "重置");
    pub const RESET_TITLE: Text = t("Back to the start", "回到开头");
    pub const BACK: Text = t("◀ Back", "◀ 后退");
    pub const BACK_TITLE: Text = t("Step back (←)", "后退一步（←）");
    pub const STEP: Text = t("Step ▶", "单步 ▶");
    pub const STEP_TITLE: Text = t("Step (→)", "单步（→）");
    pub const RUN: Text = t("Run", "运行");
    pub const PAUSE: Text = t("Pause", "暂停");
    pub const RUN_TITLE: Text = t("Run / pause (space)", "运行/暂停（空格）");
    pub const TO_END: Text = t("To end ▶▶", "运行到底 ▶▶");
    pub const TO_END_TITLE: Text = t("Run to the end at full speed", "全速运行到结束");
    pub const SPEED: Text = t("Speed", "速度");
    /// The names of the model's `SPEEDS`, in order.
    pub const SPEED_NAMES: [Text; 5] = [
        t("1 step/s", "1 步/秒"),
        t("4 steps/s", "4 步/秒"),
        t("15 steps/s", "15 步/秒"),
        t("60 steps/s", "60 步/秒"),
        t("as fast as possible", "最快"),
    ];
    pub const SEED: Text = t("Seed", "随机种子");
    pub const SEED_PLACEHOLDER: Text = t("Go order", "Go 顺序");
    pub const STEP_BY: Text = t("Step by", "单步粒度");
    pub const BY_STATEMENT: Text = t("statement", "语句");
    pub const BY_SCHEDULING_POINT: Text = t("scheduling point", "调度点");
    pub const SHARE: Text = t("Share link", "分享链接");
    pub const HELP_TITLE: Text = t("Keyboard shortcuts (?)", "快捷键（?）");

    pub fn step_counter(lang: Language, position: usize, planned: usize) -> String {
        match lang {
            Language::En => format!("step {position} / {planned}"),
            Language::Zh => format!("第 {position} / {planned} 步"),
        }
    }
    pub const JUMP_SLIDER: Text = t("Jump to step", "跳到第几步");
    pub const JUMP_TO: Text = t("Jump to", "跳到");
    pub const JUMP_TITLE: Text = t("Type a step number and press Enter", "输入步数后按回车");
    pub const VIRTUAL_TIME: Text = t("virtual time", "虚拟时间");

    pub const WHICH_PROGRAM: Text = t("Which program", "哪个程序");
    pub const ORIGINAL: Text = t("Original", "原始代码");
    /// Followed by the fix's number.
    pub const FIX: Text = t("Fix", "修复");
    pub const EDITED: Text = t("Edited", "已编辑");
    pub const EDIT: Text = t("Edit", "编辑");
    pub const GO_SOURCE: Text = t("Go source", "Go 源代码");
    pub const CANCEL: Text = t("Cancel", "取消");
    pub const COMPILE_ERRORS: Text = t("Compile errors", "编译错误");

    /// Followed by the count.
    pub const GOROUTINES: Text = t("Goroutines", "Goroutine");
    pub const GOROUTINES_LABEL: Text = t("goroutines", "goroutine 列表");
    pub const PICK_HINT: Text = t(
        "click a runnable one to run it next — you are the scheduler",
        "点击可运行的 goroutine 让它下一个运行——你就是调度器",
    );
    pub const OBJECTS: Text = t("Runtime objects", "运行时对象");
    pub const OBJECTS_LABEL: Text = t("objects", "运行时对象");
    pub const OUTPUT: Text = t("Output", "输出");
    pub const OUTPUT_LABEL: Text = t("Program output", "程序输出");
    pub const NO_OBJECTS: Text = t(
        "No channels, locks or timers yet.",
        "还没有 channel、锁或定时器。",
    );
    pub const STATE: Text = t("Program state", "程序状态");
    /// The group of buttons that picks a state panel on a narrow screen.
    pub const SHOW: Text = t("Show", "显示");
    pub const LISTING: Text = t("Program listing", "程序代码");
    pub const DISMISS: Text = t("Close", "关闭");
    pub const CLOSE_DETAILS: Text = t("Close the details", "收起详情");
    /// The editor's text, or a paste into it, is larger than the page
    /// takes (`SOURCE_BYTES_MAX`, `SOURCE_LINES_MAX`).
    pub fn too_large(lang: Language, bytes: &str, lines: &str, pasted: bool) -> String {
        match (lang, pasted) {
            (Language::En, true) => format!(
                "The paste was not inserted: the program would be {bytes} bytes in {lines} lines. The playground takes at most 65,536 bytes (the Go Playground's limit) and 1,000 lines."
            ),
            (Language::En, false) => format!(
                "This program is {bytes} bytes in {lines} lines, more than the playground takes: at most 65,536 bytes (the Go Playground's limit) and 1,000 lines. Your text is still here; shorten it and run again."
            ),
            (Language::Zh, true) => format!(
                "粘贴的内容没有插入：插入后程序将有 {bytes} 字节、{lines} 行。本练习场最多接受 65,536 字节（与 Go Playground 的上限相同）和 1,000 行。"
            ),
            (Language::Zh, false) => format!(
                "这个程序有 {bytes} 字节、{lines} 行，超出了本练习场的上限：最多 65,536 字节（与 Go Playground 的上限相同）和 1,000 行。你的代码仍在编辑器里；删减后再运行。"
            ),
        }
    }

    pub const LIMITATION: Text = t(
        "The simulator cannot run this program yet",
        "模拟器暂时无法运行这个程序",
    );
    pub const LIMITATION_NOTE: Text = t(
        "It uses Go that gosim does not support yet. This is a limitation of the simulator, not a mistake in the program: real Go may well run it.",
        "它用到了 gosim 尚不支持的 Go 特性。这是模拟器的限制，不是程序的错误：真实的 Go 很可能可以运行它。",
    );
    pub const LIMITATION_NARRATION: Text = t(
        "The simulator cannot run this program: it uses Go that gosim does not support yet (listed above the code).",
        "模拟器无法运行这个程序：它用到了 gosim 尚不支持的 Go 特性（列在代码上方）。",
    );

    /// In the output, where lines are left out.
    pub fn lines_skipped(lang: Language, n: usize) -> String {
        match lang {
            Language::En => format!("… {n} lines not shown …\n"),
            Language::Zh => format!("…… 省略 {n} 行 ……\n"),
        }
    }

    /// The listing's accessible name, with the line that runs next.
    pub fn listing_label(lang: Language, next: u32) -> String {
        match lang {
            Language::En => format!("Program listing; line {next} runs next"),
            Language::Zh => format!("程序代码；下一步执行第 {next} 行"),
        }
    }

    /// Where a long listing leaves out lines: `count` of them, `above` or
    /// below the window it draws around the line that matters.
    pub fn lines_left_out(lang: Language, count: usize, above: bool) -> String {
        match (lang, above) {
            (Language::En, true) => format!("⋮ {count} lines above (a long program shows the 400 lines around the line that runs next or the first error)"),
            (Language::En, false) => format!("⋮ {count} lines below"),
            (Language::Zh, true) => format!("⋮ 上方还有 {count} 行（程序太长时只显示下一步执行的行或第一个错误附近的 400 行）"),
            (Language::Zh, false) => format!("⋮ 下方还有 {count} 行"),
        }
    }

    /// For screen readers, on a line of the listing: which goroutines stand
    /// there (the first few of `count`).
    pub fn goroutines_here(lang: Language, ids: &[u32], count: usize) -> String {
        let list: Vec<String> = ids.iter().map(u32::to_string).collect();
        let list = list.join(", ");
        let more = count.saturating_sub(ids.len());
        match (lang, count, more) {
            (Language::En, 1, _) => format!("goroutine {list} is here"),
            (Language::En, _, 0) => format!("goroutines {list} are here"),
            (Language::En, _, _) => format!("goroutines {list} and {more} more are here"),
            (Language::Zh, _, 0) => format!("goroutine {list} 在这里"),
            (Language::Zh, _, _) => format!("goroutine {list} 等另外 {more} 个在这里"),
        }
    }

    /// Above the groups, when there are too many goroutines for a card each.
    pub fn grouped_note(lang: Language, live: usize, groups: usize) -> String {
        match (lang, groups) {
            (Language::En, 1) => format!("{live} live goroutines, all in one state and place:"),
            (Language::En, _) => format!(
                "{live} live goroutines, in {groups} groups by state and place (open one to see its goroutines):"
            ),
            (Language::Zh, _) => format!("{live} 个存活的 goroutine，按状态和位置分成 {groups} 组（展开查看其中的 goroutine）："),
        }
    }
}

/// A goroutine's card.
pub mod goroutine {
    use super::{t, GoroutineStatus, Language, Text};

    /// The status word; the card's CSS class and `data-status` keep Go's.
    pub fn status(status: GoroutineStatus) -> Text {
        match status {
            GoroutineStatus::Running => t("running", "运行中"),
            GoroutineStatus::Runnable => t("runnable", "可运行"),
            GoroutineStatus::Waiting => t("waiting", "等待中"),
            GoroutineStatus::Dead => t("dead", "已结束"),
        }
    }
    pub const RUN_NEXT: Text = t("Run this goroutine next", "下一步运行这个 goroutine");
    pub const CANNOT_RUN: Text = t(
        "This goroutine cannot run now",
        "这个 goroutine 现在不能运行",
    );
    pub const MAIN: Text = t("main goroutine", "主 goroutine");
    pub const STACK: Text = t("stack and locals", "调用栈与局部变量");
    pub const KEY_HINT: Text = t(
        "Press this number to run it next",
        "按这个数字键让它下一个运行",
    );
    pub const SHOW_STACK: Text = t(
        "Show this goroutine's stack and locals",
        "显示这个 goroutine 的调用栈与局部变量",
    );
    pub const MEMBERS: Text = t("Goroutines in this group", "这一组中的 goroutine");
    pub const PAGES: Text = t("Pages", "分页");
    pub const PREV_PAGE: Text = t("Previous", "上一页");
    pub const NEXT_PAGE: Text = t("Next", "下一页");

    /// A group's title: how many goroutines, in what state.
    pub fn group_title(lang: Language, count: usize, status: &str) -> String {
        match (lang, count) {
            (Language::En, 1) => format!("goroutine {status}"),
            (Language::En, _) => format!("goroutines {status}"),
            (Language::Zh, _) => format!("个 goroutine {status}"),
        }
    }

    pub fn page_of(lang: Language, page: usize, pages: usize) -> String {
        match lang {
            Language::En => format!("page {page} of {pages}"),
            Language::Zh => format!("第 {page} / {pages} 页"),
        }
    }

    pub fn at_line(lang: Language, line: u32) -> String {
        match lang {
            Language::En => format!("at line {line}"),
            Language::Zh => format!("位于第 {line} 行"),
        }
    }

    pub fn created_at_line(lang: Language, line: u32) -> String {
        match lang {
            Language::En => format!("created at line {line}"),
            Language::Zh => format!("创建于第 {line} 行"),
        }
    }
}

/// The runtime objects' widgets. Field names (`sendq`, `readerCount`) stay
/// as Go's runtime spells them.
pub mod objects {
    use super::{t, Language, Text};

    pub const EMPTY: Text = t("empty", "空");
    pub const TIMER: Text = t("timer", "定时器");
    pub const CLOSED: Text = t("closed", "已关闭");
    pub const UNBUFFERED: Text = t("unbuffered", "无缓冲");
    pub const FULL: Text = t("full", "已满");
    pub const OPEN: Text = t("open", "可用");
    pub const NO_BUFFER: Text = t(
        "no buffer (dataqsiz = 0): a send completes only when it meets a receiver",
        "没有缓冲区（dataqsiz = 0）：发送必须与接收者直接配对",
    );
    pub const BUFFER_SLOTS: Text = t("buffer slots", "缓冲槽");

    /// Under a large buffer's ring, which shows only some of its slots.
    pub fn slots_elided(lang: Language, shown: usize, cap: u64) -> String {
        match lang {
            Language::En => {
                format!("{shown} of {cap} slots shown: the values held and the next send's slot")
            }
            Language::Zh => format!("共 {cap} 个槽，只显示 {shown} 个：存有值的槽和下一次发送的槽"),
        }
    }
    pub const LOCKED: Text = t("locked", "已加锁");
    pub const UNLOCKED: Text = t("unlocked", "未加锁");
    pub const STARVING: Text = t("starvation mode", "饥饿模式");
    pub const HOLDER: Text = t("holder", "持有者");
    pub const NOBODY: Text = t("nobody", "无");
    pub const WRITER: Text = t("writer", "写者");
    pub const READERS: Text = t("readers", "读者");
    pub const WRITERS_WAITING: Text = t("writers waiting", "等待的写者");
    pub const READERS_WAITING: Text = t("readers waiting", "等待的读者");
    pub const WRITER_PENDING: Text = t(
        "A writer is pending: new RLock calls wait behind it (writer preference).",
        "有写者在等待：新的 RLock 调用要排在它后面（写优先）。",
    );
    pub const WAITERS: Text = t("waiters", "等待者");
    pub const NOTIFY_LIST: Text = t("notify list", "通知队列");
    pub const STATE: Text = t("state", "状态");
    pub const ONCE_DONE: Text = t(
        "ran (even if its function panicked): Do will not run again",
        "已执行（即使函数 panic 也算）：Do 不会再运行",
    );
    pub const ONCE_NOT_YET: Text = t("not yet run", "尚未执行");
    pub const NIL_CHAN: Text = t(
        "No hchan: send and receive block forever, close panics.",
        "没有 hchan：发送和接收永远阻塞，close 会 panic。",
    );
    pub const TIMERS: Text = t("timers", "定时器");
    pub const NETPOLLER: Text = t(
        "netpoller (one epoll instance)",
        "netpoller（一个 epoll 实例）",
    );
    pub const LISTENING: Text = t("listening", "监听");
    pub const ACCEPT_QUEUE: Text = t("accept queue", "全连接队列");
    pub const QUEUED: Text = t("B received, unread", "字节已收到、未读");
    pub const PEER_FIN: Text = t("peer sent FIN", "对端已发 FIN");
    pub const RESET: Text = t("reset", "已重置");
    pub const INTEREST: Text = t("interest list", "关注列表");
    pub const READY_LIST: Text = t("ready list", "就绪列表");
    pub const NETPOLL_CALLS: Text = t(
        "netpoll calls (fds ready → goroutines readied)",
        "netpoll 调用（就绪 fd → 被唤醒的 goroutine）",
    );
    /// A sync.Map entry whose value was deleted (its key still held).
    pub const DELETED: Text = t("deleted", "已删除");

    /// After the first items of a list: how many more.
    pub fn more(lang: Language, n: usize) -> String {
        match lang {
            Language::En => format!("… and {n} more"),
            Language::Zh => format!("…… 另有 {n} 个"),
        }
    }

    pub fn keys(lang: Language, n: usize) -> String {
        match (lang, n) {
            (Language::En, 1) => "1 key".to_string(),
            (Language::En, _) => format!("{n} keys"),
            (Language::Zh, _) => format!("{n} 个 key"),
        }
    }

    /// The bytes a sync.Map holds.
    pub fn held(lang: Language, bytes: &str) -> String {
        match lang {
            Language::En => format!("holds {bytes}"),
            Language::Zh => format!("占用 {bytes}"),
        }
    }

    /// Deleted keys `dirty` still holds (Go 1.15's leak).
    pub fn deleted_in_dirty(lang: Language, n: usize, bytes: &str) -> String {
        match lang {
            Language::En => format!(
                "{n} deleted {} still held in dirty ({bytes}): Go 1.15's Delete left a key that only dirty had in place, and nothing reads the map to promote dirty.",
                if n == 1 { "key is" } else { "keys are" }
            ),
            Language::Zh => format!(
                "dirty 中仍保留着 {n} 个已删除的 key（{bytes}）：Go 1.15 的 Delete 不会移除只存在于 dirty 中的 key，而这里从不读取，dirty 永远不会被提升。"
            ),
        }
    }
    /// After the count of live timers.
    pub const LIVE: Text = t("live", "个存活");

    pub fn unheld_timers(lang: Language, unheld: usize) -> String {
        match lang {
            Language::En => format!("+{unheld} channel timers nobody waits on: since Go 1.23 the runtime does not keep them, and the GC frees each one once nothing refers to it."),
            Language::Zh => format!("另有 {unheld} 个无人等待的通道定时器：从 Go 1.23 起运行时不再持有它们，一旦不再被引用就会被 GC 回收。"),
        }
    }
}

/// The verdict banner at the end of a run. Go's own lines (`fatal error:
/// all goroutines are asleep - deadlock!`, `exit status 2`) stay as Go
/// prints them.
pub mod verdict {
    use super::{t, Budget, Language, Text};

    pub const FINISHED: Text = t("The program finished", "程序正常结束");
    /// The title when one of the page's own limits stopped the run.
    pub const PAGE_LIMIT: Text = t("Stopped by a limit of this page", "被本页面的上限停止");

    /// The title when one of the simulator's budgets stopped the run.
    pub fn budget_title(budget: Budget) -> Text {
        match budget {
            Budget::Steps => t(
                "Still running when the simulator's instruction limit stopped it",
                "模拟器的指令上限让仍在运行的程序停止了",
            ),
            Budget::Memory => t(
                "Stopped by the simulator's memory limit",
                "被模拟器的内存上限停止",
            ),
            Budget::Goroutines => t(
                "Stopped by the simulator's goroutine limit",
                "被模拟器的 goroutine 数量上限停止",
            ),
            Budget::Output => t(
                "Stopped by the simulator's output limit",
                "被模拟器的输出上限停止",
            ),
        }
    }

    /// What the budget that stopped the run counted, in words that agree
    /// with the step counter: `instructions` VM instructions in `steps`
    /// steps of the page.
    pub fn budget_detail(
        lang: Language,
        budget: Budget,
        instructions: &str,
        steps: usize,
        busy: bool,
    ) -> String {
        match (lang, budget) {
            (Language::En, Budget::Steps) => format!(
                "It executed {instructions} VM instructions in {} and had not finished{}. It may never end, or it may just need more: raise the limit to see.",
                if steps == 1 { "1 step".to_string() } else { format!("{steps} steps") },
                if busy { ", spinning without ever blocking or waking another goroutine" } else { "" }
            ),
            (Language::Zh, Budget::Steps) => format!(
                "它在 {steps} 步中执行了 {instructions} 条虚拟机指令，仍未结束{}。它可能永远不会结束，也可能只是还需要更多：提高上限看看。",
                if busy { "，一直在空转，从未阻塞或唤醒其他 goroutine" } else { "" }
            ),
            (Language::En, Budget::Memory) => format!(
                "At step {steps} the program asked for more memory than the simulator allows: the page's limit in all, or an eighth of it in one operation (one statement that builds a huge string, slice or value at once, which the page could not interrupt). Real Go might have gone on."
            ),
            (Language::Zh, Budget::Memory) => format!(
                "到第 {steps} 步时，程序申请的内存超过了模拟器允许的上限：总量超过本页面的上限，或者一次操作就超过了上限的八分之一（一条语句一次性构造巨大的字符串、切片或值，页面无法中途打断）。真实的 Go 也许还会继续运行。"
            ),
            (Language::En, Budget::Goroutines) => format!(
                "At step {steps} the program had started more goroutines than the simulator keeps (250,000)."
            ),
            (Language::Zh, Budget::Goroutines) => format!(
                "到第 {steps} 步时，程序启动的 goroutine 超过了模拟器的上限（250,000 个）。"
            ),
            (Language::En, Budget::Output) => format!(
                "At step {steps} the program had printed more than the simulator keeps (1 MiB)."
            ),
            (Language::Zh, Budget::Output) => format!(
                "到第 {steps} 步时，程序的输出超过了模拟器保留的上限（1 MiB）。"
            ),
        }
    }

    /// The button that raises the limit that stopped the run to `to`.
    pub fn raise(lang: Language, to: String) -> String {
        match lang {
            Language::En => format!("Raise the limit to {to} and run on"),
            Language::Zh => format!("把上限提高到 {to} 并继续运行"),
        }
    }

    /// After the limit was raised to `to`.
    pub fn raised(lang: Language, to: String) -> String {
        match lang {
            Language::En => format!("The limit is now {to}: the same run goes on to the end."),
            Language::Zh => format!("上限现在是 {to}：同一次运行继续跑到结束。"),
        }
    }

    pub fn instructions(lang: Language, n: &str) -> String {
        match lang {
            Language::En => format!("{n} instructions"),
            Language::Zh => format!("{n} 条指令"),
        }
    }

    pub fn steps(lang: Language, n: &str) -> String {
        match lang {
            Language::En => format!("{n} steps"),
            Language::Zh => format!("{n} 步"),
        }
    }

    /// The step-back copies' memory limit, in objects.
    pub fn copies(lang: Language, n: &str) -> String {
        match lang {
            Language::En => format!("{n} objects of step-back copies"),
            Language::Zh => format!("{n} 个后退副本对象"),
        }
    }

    /// gosim's memory budget, in bytes.
    pub fn memory(lang: Language, bytes: &str) -> String {
        match lang {
            Language::En => format!("{bytes} of memory"),
            Language::Zh => format!("{bytes} 内存"),
        }
    }

    /// main returned, but memory the program deleted is still held.
    pub fn memory_leak(lang: Language, bytes: &str) -> String {
        match lang {
            Language::En => format!(
                "main returned, but {bytes} of deleted map entries are still held (a memory leak)"
            ),
            Language::Zh => format!("main 已返回，但已删除的 map 条目仍占用 {bytes}（内存泄漏）"),
        }
    }

    /// One sync.Map still holding deleted keys.
    pub fn retained_line(lang: Language, name: &str, keys: usize, bytes: &str) -> String {
        match (lang, keys) {
            (Language::En, 1) => {
                format!("sync.Map {name}: 1 deleted key still held in dirty ({bytes})")
            }
            (Language::En, _) => {
                format!("sync.Map {name}: {keys} deleted keys still held in dirty ({bytes})")
            }
            (Language::Zh, _) => {
                format!("sync.Map {name}：dirty 中仍保留 {keys} 个已删除的 key（{bytes}）")
            }
        }
    }

    pub fn leaked(lang: Language, count: usize) -> String {
        match (lang, count) {
            (Language::En, 1) => {
                "main returned with a goroutine still blocked (1 leaked)".to_string()
            }
            (Language::En, _) => {
                format!("main returned with goroutines still blocked ({count} leaked)")
            }
            (Language::Zh, _) => format!("main 已返回，但仍有 goroutine 阻塞（{count} 个泄漏）"),
        }
    }

    /// One leaked goroutine, as Go's traceback heads it (`goroutine 5
    /// [chan send]`), and where it was created.
    pub fn leak_line(lang: Language, g: u32, reason: &str, line: Option<u32>) -> String {
        let line = line.map_or_else(|| "?".to_string(), |l| l.to_string());
        match lang {
            Language::En => format!("goroutine {g} [{reason}] created at line {line}"),
            Language::Zh => format!("goroutine {g} [{reason}] 创建于第 {line} 行"),
        }
    }

    /// The page stopped the run (its history or memory cap) at `position`.
    pub fn page_cap(lang: Language, memory: bool, position: usize) -> String {
        match (lang, memory) {
            (Language::En, true) => format!(
                "Stopped at step {position}: the program keeps allocating, and the copies this page keeps for exact step-back would exhaust its memory. The program itself had not ended."
            ),
            (Language::Zh, true) => format!(
                "在第 {position} 步停止：程序一直在分配内存，本页面为精确后退保存的副本会耗尽内存。程序本身并没有结束。"
            ),
            (Language::En, false) => format!(
                "Stopped at step {position}: this page keeps the history of that many steps for stepping back. The program itself had not ended."
            ),
            (Language::Zh, false) => format!(
                "在第 {position} 步停止：本页面最多保存这么多步的历史用于后退。程序本身并没有结束。"
            ),
        }
    }
}

/// The explore panel.
pub mod explore {
    use super::{t, Language, OutcomeClass, Text};

    pub const TITLE: Text = t("Explore every schedule", "探索所有调度");
    pub const INTRO: Text = t(
        "Runs the program under every interleaving the simulator can reach (exhaustive with state deduplication, then bounded, then random), a slice per frame so the page stays responsive, and lists the distinct outcomes as they are found.",
        "在模拟器能达到的每一种交错下运行程序（先穷举并去重状态，再限界，再随机），每帧只做一小段，页面不会卡住；找到的不同结果会随时列出。",
    );
    pub const START: Text = t("Explore", "开始探索");
    pub const AGAIN: Text = t("Explore this program", "探索当前程序");
    pub const STALE_LOAD: Text = t(
        "These outcomes were found on another program, Go release or seed than the one shown: explore again to load one.",
        "这些结果来自另一个程序、Go 版本或随机种子，不是当前显示的：请重新探索后再载入。",
    );

    /// Above outcomes that belong to something else than the page shows.
    pub fn stale(lang: Language, go: String) -> String {
        match lang {
            Language::En => format!(
                "Stale: these outcomes were found on another program, release or seed (explored under Go {go}). They cannot be loaded onto what is shown now."
            ),
            Language::Zh => format!(
                "已过期：这些结果来自另一个程序、版本或随机种子（在 Go {go} 下探索）。不能载入到当前显示的程序上。"
            ),
        }
    }

    /// How many explored schedules reached an outcome.
    pub fn reached_by(lang: Language, n: u64) -> String {
        match (lang, n) {
            (Language::En, 1) => "reached by 1 schedule".to_string(),
            (Language::En, _) => format!("reached by {n} schedules"),
            (Language::Zh, _) => format!("{n} 个调度到达"),
        }
    }

    /// After an outcome was loaded: what changed.
    pub fn loaded(
        lang: Language,
        number: usize,
        class: &str,
        steps: usize,
        switches: usize,
        by_scheduling_point_now: bool,
    ) -> String {
        let granularity = match (lang, by_scheduling_point_now) {
            (Language::En, true) => " Steps now stop at scheduling points, as explored.",
            (Language::Zh, true) => "单步粒度已改为调度点，与探索时一致。",
            _ => "",
        };
        match lang {
            Language::En => format!(
                "Loaded outcome {number} ({class}): its run takes {} with {}. Back at step 0: Step ▶ and Run follow it.{granularity}",
                if steps == 1 { "1 step".to_string() } else { format!("{steps} steps") },
                switches_en(switches)
            ),
            Language::Zh => format!(
                "已载入结果 {number}（{class}）：这次运行共 {steps} 步，{switches} 次切换。已回到第 0 步：单步和运行会沿着它走。{granularity}"
            ),
        }
    }

    fn switches_en(n: usize) -> String {
        match n {
            0 => "no context switch".to_string(),
            1 => "1 context switch".to_string(),
            _ => format!("{n} context switches"),
        }
    }
    pub const STOP: Text = t("Stop", "停止");
    pub const LOAD: Text = t("Load and step", "载入并单步");
    pub const SCHEDULE: Text = t("schedule", "调度");
    /// Before an outcome's exit code.
    pub const EXIT: Text = t("exit", "退出码");

    /// An outcome class in words; `data-class` keeps gosim's variant name.
    pub fn outcome(class: OutcomeClass) -> Text {
        match class {
            OutcomeClass::Finished => t("finished", "正常结束"),
            OutcomeClass::LeakedGoroutines => t("goroutines leaked", "goroutine 泄漏"),
            OutcomeClass::MemoryLeak => t("memory leaked", "内存泄漏"),
            OutcomeClass::Deadlock => t("deadlock", "死锁"),
            OutcomeClass::Panic => t("panic", "panic"),
            OutcomeClass::FatalError => t("fatal error", "致命错误"),
            OutcomeClass::BudgetExhausted => t("stopped by a limit", "被上限停止"),
            OutcomeClass::IoWait => t("blocked in IO wait", "阻塞在 IO wait"),
        }
    }

    /// The finished search: schedules and states run, and whether that was
    /// every schedule.
    pub fn summary(lang: Language, schedules: u64, states: u64, complete: bool) -> String {
        match (lang, complete) {
            (Language::En, true) => format!(
                "{} · {} · complete",
                counted(schedules, "schedule", "schedules"),
                counted(states, "state", "states")
            ),
            (Language::En, false) => format!(
                "{} · {} · not exhaustive",
                counted(schedules, "schedule", "schedules"),
                counted(states, "state", "states")
            ),
            (Language::Zh, true) => format!("{schedules} 个调度 · {states} 个状态 · 已穷尽"),
            (Language::Zh, false) => format!("{schedules} 个调度 · {states} 个状态 · 未穷尽"),
        }
    }

    /// The search so far.
    fn counted(n: u64, one: &str, many: &str) -> String {
        if n == 1 {
            format!("1 {one}")
        } else {
            format!("{n} {many}")
        }
    }

    pub fn so_far(lang: Language, schedules: u64, states: u64) -> String {
        match lang {
            Language::En => format!(
                "{} · {} so far",
                counted(schedules, "schedule", "schedules"),
                counted(states, "state", "states")
            ),
            Language::Zh => format!("{schedules} 个调度 · {states} 个状态 （进行中）"),
        }
    }

    pub fn progress(lang: Language, slices: u32) -> String {
        match lang {
            Language::En => format!("exploring… slices: {slices}"),
            Language::Zh => format!("探索中… 已完成片段： {slices}"),
        }
    }

    pub fn switches(lang: Language, switches: usize) -> String {
        match lang {
            Language::En => switches_en(switches),
            Language::Zh => format!("{switches} 次切换"),
        }
    }
}

/// The keyboard help.
pub mod help {
    use super::{t, Text};

    pub const TITLE: Text = t("Keyboard shortcuts", "快捷键");
    pub const CLOSE: Text = t("Close", "关闭");
    pub const FOCUS_NOTE: Text = t(
        "Shortcuts work when no button, link or field has focus; a focused button takes Space and Enter itself.",
        "没有按钮、链接或输入框获得焦点时快捷键才生效；获得焦点的按钮会自己响应空格和回车。",
    );
    /// (key, what it does).
    pub const ROWS: [(Text, Text); 6] = [
        (t("→", "→"), t("step", "单步")),
        (t("←", "←"), t("step back", "后退一步")),
        (t("space", "空格"), t("run / pause", "运行 / 暂停")),
        (
            t("1 – 9", "1 – 9"),
            t(
                "run the n-th goroutine in the list next",
                "让列表中第 n 个 goroutine 下一个运行",
            ),
        ),
        (t("?", "?"), t("show / hide this help", "显示 / 隐藏帮助")),
        (t("Esc", "Esc"), t("close", "关闭")),
    ];
}

/// The timeline and the goroutine/timer plot.
pub mod charts {
    use super::{t, Language, Text};

    pub const TIMELINE_CAPTION: Text = t(
        "Timeline: which goroutine ran at each step (click to jump)",
        "时间线：每一步运行的 goroutine（点击跳转）",
    );
    pub const TIMELINE: Text = t("timeline", "时间线");
    pub const PLOT_CAPTION: Text = t(
        "Live goroutines and timers over virtual time",
        "虚拟时间上存活的 goroutine 与定时器",
    );
    pub const PLOT: Text = t("resource plot", "资源曲线");
    /// Before the virtual clock's reading.
    pub const TIME_NOW: Text = t("time", "时间");
    pub const TIME_STILL: Text = t(
        "Virtual time has not moved yet (it is still 0s): it advances only when every goroutine waits on a timer, or when a select polls with default. The plot starts when it does.",
        "虚拟时间还没有走动（仍是 0s）：只有当所有 goroutine 都在等定时器，或 select 通过 default 轮询时，它才会前进。时间开始走动后才会画出曲线。",
    );

    /// The lane of the goroutines without a lane of their own.
    pub fn others(lang: Language, n: usize) -> String {
        match lang {
            Language::En => format!("+{n}"),
            Language::Zh => format!("另 {n} 个"),
        }
    }

    /// The plot in words (its accessible name).
    pub fn plot_summary(lang: Language, live: usize, timers: u32, peak: u32, now: &str) -> String {
        match lang {
            Language::En => format!(
                "Resource plot: {live} live goroutines and {timers} timers now (peak {peak}) at {now} of virtual time"
            ),
            Language::Zh => format!(
                "资源曲线：虚拟时间 {now} 时有 {live} 个存活 goroutine 和 {timers} 个定时器（峰值 {peak}）"
            ),
        }
    }

    pub fn map_caption(lang: Language, name: &str) -> String {
        match lang {
            Language::En => format!("Memory held by sync.Map {name}, over its operations"),
            Language::Zh => format!("sync.Map {name} 占用的内存随操作次数的变化"),
        }
    }

    pub fn map_key(lang: Language, last: &str, peak: &str, ops: u64) -> String {
        match lang {
            Language::En => format!("{last} now (peak {peak}) after {ops} operations"),
            Language::Zh => format!("{ops} 次操作后为 {last}（峰值 {peak}）"),
        }
    }

    pub fn map_summary(lang: Language, name: &str, last: &str, peak: &str, ops: u64) -> String {
        match lang {
            Language::En => format!(
                "Memory held by sync.Map {name}: {last} after {ops} operations, peak {peak}"
            ),
            Language::Zh => {
                format!("sync.Map {name} 占用的内存：{ops} 次操作后为 {last}，峰值 {peak}")
            }
        }
    }
    /// The plot's vertical scale, before its value.
    pub const Y_MAX: Text = t("y max", "纵轴最大值");

    pub fn goroutines_key(lang: Language, live: usize) -> String {
        match lang {
            Language::En => format!("goroutines {live}"),
            Language::Zh => format!("goroutine 数 {live}"),
        }
    }

    pub fn timers_key(lang: Language, live: u32, peak: u32) -> String {
        match lang {
            Language::En => format!("timers {live} (peak {peak})"),
            Language::Zh => format!("定时器 {live} (峰值 {peak})"),
        }
    }
}

/// The quiz room: the hub, a learner's quiz, the teacher's assignment
/// form, the class view and the presenter.
pub mod quiz {
    use super::{t, Language, Text};

    pub const NAV: Text = t("Quiz", "测验");
    pub const HUB_TITLE: Text = t("Quiz mode", "测验模式");
    pub const HUB_INTRO: Text = t(
        "Predict what each program does before you see it run. Answer, then watch the run stop at the step that matters, read why it happens and see the fix.",
        "先预测每个程序会怎样，再看它运行。作答之后，播放器会停在关键的那一步，接着是原因和修复方法。",
    );
    pub const SETS: Text = t("Quizzes", "测验题组");
    pub const SET_ALL: Text = t("Every case, in the talk's order", "全部案例（按分享顺序）");
    pub const FOR_TEACHERS: Text = t("For teachers", "教师工具");
    pub const MAKE_ASSIGNMENT: Text = t("Make an assignment link", "生成作业链接");
    pub const CLASS_VIEW: Text = t("Class view: read result codes", "全班成绩：读取结果码");
    pub const PRESENTER: Text = t("Presenter view, for a projector", "演示模式（投影用）");
    pub const DEFAULT_TITLE: Text = t("Go concurrency pitfalls quiz", "Go 并发陷阱测验");

    pub fn questions(lang: Language, n: usize) -> String {
        match lang {
            Language::En if n == 1 => "1 question".to_string(),
            Language::En => format!("{n} questions"),
            Language::Zh => format!("{n} 道题"),
        }
    }

    // The learner.
    pub const START: Text = t("Start", "开始");
    pub const RESUME: Text = t("Resume", "继续作答");
    pub const START_OVER: Text = t("Start over", "重新开始");
    pub const KEPT_HERE: Text = t(
        "Your answers are kept in this browser only; reloading the page keeps your place.",
        "答案只保存在这个浏览器里；刷新页面不会丢失进度。",
    );
    pub const GO_EACH_OWN: Text = t("Go: each case's own version", "Go：每个案例各自的版本");

    pub fn in_progress(lang: Language, answered: usize, total: usize) -> String {
        match lang {
            Language::En => format!("You have started this quiz: {answered} of {total} answered."),
            Language::Zh => format!("这份测验你已经开始了：已答 {answered} / {total} 题。"),
        }
    }

    pub fn question_of(lang: Language, i: usize, n: usize) -> String {
        match lang {
            Language::En => format!("Question {i} of {n}"),
            Language::Zh => format!("第 {i} 题，共 {n} 题"),
        }
    }

    pub const HAPPENS: Text = t(
        "What happens when this program runs?",
        "这个程序运行时会发生什么？",
    );
    pub const PRINTS: Text = t("What does it print?", "它会打印什么？");
    pub const PRINTS_NOTE: Text = t(
        "As Go runs it by default: one processor, Go's own scheduling order (the player's default run).",
        "按 Go 默认的方式运行：单个处理器，Go 自己的调度顺序（即播放器的默认运行）。",
    );
    pub const POSSIBLE: Text = t(
        "Which of these outputs are possible? Choose every one that can happen.",
        "下面哪些输出是可能出现的？选出所有可能的输出。",
    );
    pub const POSSIBLE_NOTE: Text = t(
        "Goroutines may be scheduled in any order; some of these need an unusual one.",
        "goroutine 可能以任意顺序被调度；有些输出需要不常见的调度顺序。",
    );
    pub const FELL_BACK: Text = t(
        "This case's program has no other output to choose from, so the question is what happens.",
        "这个案例的程序没有其他可选的输出，所以这里问会发生什么。",
    );
    pub const NOTHING_PRINTED: Text = t("(prints nothing)", "（什么也不打印）");
    pub const ANSWER: Text = t("Answer", "提交答案");
    pub const RIGHT: Text = t("Right!", "答对了！");
    pub const WRONG: Text = t("Not quite.", "答错了。");
    pub const SEE_MARKS: Text = t("The right answer is marked below.", "下面标出了正确答案。");

    pub fn partly(lang: Language, points: &str) -> String {
        match lang {
            Language::En => format!("Partly right: {points} of 1 point."),
            Language::Zh => format!("部分正确：得 {points} 分（满分 1 分）。"),
        }
    }

    pub const YOUR_ANSWER: Text = t("your answer", "你的答案");
    pub const RIGHT_ANSWER: Text = t("right", "正确");
    pub const NOT_RIGHT: Text = t("not possible here", "这里不会出现");

    /// Where the simulator found an output (`content::QuizOption::from`).
    pub fn origin(lang: Language, from: &str) -> String {
        let fix = from.strip_prefix("fix");
        let go = from.strip_prefix("go");
        match (lang, from, fix, go) {
            (Language::En, "run", _, _) => "Go's own order prints this".to_string(),
            (Language::Zh, "run", _, _) => "Go 默认的调度顺序打印这个".to_string(),
            (Language::En, "schedule", _, _) => "another schedule prints this".to_string(),
            (Language::Zh, "schedule", _, _) => "换一种调度顺序会打印这个".to_string(),
            (Language::En, _, Some(n), _) => format!("fix {n} prints this"),
            (Language::Zh, _, Some(n), _) => format!("修复 {n} 打印这个"),
            (Language::En, _, _, Some(v)) => format!("Go {v} prints this"),
            (Language::Zh, _, _, Some(v)) => format!("Go {v} 打印这个"),
            _ => String::new(),
        }
    }

    pub const THE_RUN: Text = t("The run", "运行过程");
    pub const RUN_NOTE: Text = t(
        "The player opens at the step that matters. Step back and forth, or run it to the end.",
        "播放器停在关键的一步。可以前后单步，也可以运行到底。",
    );
    pub const STEP_THROUGH: Text = t("Step through it from the start →", "从头逐步查看 →");
    pub const NEXT: Text = t("Next question →", "下一题 →");
    pub const SEE_RESULTS: Text = t("See your results →", "查看成绩 →");

    // The results.
    pub const RESULTS: Text = t("Your results", "你的成绩");
    pub const SCORE: Text = t("Score", "得分");
    pub const TIME: Text = t("Time", "用时");
    pub const BY_SECTION: Text = t("By section", "各主题得分");
    pub const SECTION: Text = t("Section", "主题");
    pub const NAME: Text = t("Your name, for your teacher", "你的名字（给老师看）");
    pub const CODE: Text = t("Your result code", "你的结果码");
    pub const CODE_NOTE: Text = t(
        "Hand this code in the way your class collects work. It holds your answers, your time and your name, with a checksum that catches copy-paste mistakes. It is not cheat-proof: anyone can make a code by hand.",
        "按班级平时交作业的方式提交这个结果码。它包含你的答案、用时和名字，并带有校验码，可以发现复制粘贴时的错误。它不能防作弊：任何人都可以手工生成结果码。",
    );
    pub const REVIEW: Text = t("Review", "回顾");
    pub const QUESTION: Text = t("Question", "题目");
    pub const GIVEN: Text = t("Your answer", "你的答案");
    pub const EXPECTED: Text = t("Right answer", "正确答案");
    pub const POINTS: Text = t("Points", "得分");
    pub const NO_ANSWER: Text = t("(no answer)", "（未作答）");
    pub const CASE_FAILED: Text = t("This question could not be loaded.", "这道题无法加载。");

    pub fn score(lang: Language, earned: &str, max: &str, percent: u32) -> String {
        match lang {
            Language::En => format!("{earned} of {max} points ({percent} %)"),
            Language::Zh => format!("{earned} / {max} 分（{percent}%）"),
        }
    }

    // The link.
    pub const LINK_DAMAGED: Text = t(
        "This quiz link is damaged: part of it is missing or was changed. Ask for the link again; nothing you answered before is lost.",
        "这个测验链接已损坏：部分内容缺失或被改动。请重新获取链接；你之前的答案不会丢失。",
    );
    pub const LINK_EMPTY: Text = t(
        "This quiz link asks no questions.",
        "这个测验链接里没有题目。",
    );

    pub fn link_bad_part(lang: Language, part: &str) -> String {
        match lang {
            Language::En => {
                format!("This quiz link has a part this site does not understand: {part}.")
            }
            Language::Zh => format!("这个测验链接里有无法识别的内容：{part}。"),
        }
    }

    pub fn link_unknown_case(lang: Language, case: &str) -> String {
        match lang {
            Language::En => {
                format!("This quiz link names a case that cannot be quizzed here: {case}.")
            }
            Language::Zh => format!("这个测验链接里的案例在这里无法出题：{case}。"),
        }
    }

    // The teacher's form.
    pub const ASSIGN_TITLE: Text = t("Make an assignment", "布置作业");
    pub const ASSIGN_INTRO: Text = t(
        "Pick the cases, the language and the Go version, and hand out the link. Answers stay in each learner's browser; at the end they hand in a result code, which you paste into the class view. There is no server and no account.",
        "选择案例、语言和 Go 版本，然后把链接发给学生。答案只保存在学生自己的浏览器里；做完后学生提交结果码，你把它粘贴到全班成绩页面即可。没有服务器，也不需要账号。",
    );
    pub const TITLE: Text = t("Title", "标题");
    pub const TITLE_PLACEHOLDER: Text = t("e.g. Week 3: channels", "例如：第 3 周 channel");
    pub const LANGUAGE: Text = t("Language", "语言");
    pub const LEARNERS_CHOICE: Text = t("the learner's choice", "由学生选择");
    pub const GO_VERSION: Text = t("Go version", "Go 版本");
    pub const EACH_OWN: Text = t("each case's own", "每个案例各自的版本");
    pub const SEED: Text = t("Shuffle seed", "选项打乱种子");
    pub const NEW_SEED: Text = t("New seed", "换一个种子");
    pub const CASES: Text = t("Cases", "案例");
    pub const SELECT_ALL: Text = t("Select all", "全选");
    pub const CLEAR: Text = t("Clear", "清空");
    pub const KIND: Text = t("Question", "题型");
    pub const KIND_AUTO: Text = t("automatic", "自动");
    pub const KIND_HAPPENS: Text = t("what happens?", "会发生什么？");
    pub const KIND_PRINTS: Text = t("what does it print?", "会打印什么？");
    pub const PICK_SOME: Text = t("Pick at least one case.", "请至少选择一个案例。");
    pub const FOR_LEARNERS: Text = t("Link for learners", "发给学生的链接");
    pub const YOUR_CLASS_VIEW: Text = t("Your class view", "全班成绩页面");
    pub const OPEN: Text = t("Open", "打开");

    // The class view.
    pub const CLASS_TITLE: Text = t("Class view", "全班成绩");
    pub const CLASS_INTRO: Text = t(
        "Paste the result codes your learners handed in (one or more per line, other text is fine), or drop a text file that holds them. Nothing leaves this page.",
        "粘贴学生提交的结果码（每行一个或多个，夹杂其他文字也可以），或拖入包含结果码的文本文件。数据不会离开这个页面。",
    );
    pub const CODES: Text = t("Result codes", "结果码");
    pub const PICK_FILE: Text = t("…or choose or drop a text file", "……或选择、拖入文本文件");
    pub const CHECKSUM_NOTE: Text = t(
        "Codes are checked for copy-paste damage, not for cheating: anyone can make one by hand.",
        "结果码只校验复制粘贴时的损坏，不能防作弊：任何人都可以手工生成结果码。",
    );
    pub const STUDENT: Text = t("Student", "学生");
    pub const TOTAL: Text = t("Total", "总分");
    pub const SUCCESS_RATE: Text = t("Success rate", "正确率");
    pub const HARDEST: Text = t("Pitfalls the class got wrong most", "全班错得最多的陷阱");
    pub const EXPORT_CSV: Text = t("Export CSV", "导出 CSV");
    pub const NO_STUDENTS: Text = t("No result codes yet.", "还没有结果码。");
    pub const UNNAMED: Text = t("(no name)", "（未填名字）");
    pub const SECONDS: Text = t("seconds", "秒");

    pub fn assignment_id(lang: Language, id: &str) -> String {
        match lang {
            Language::En => format!("Assignment {id}"),
            Language::Zh => format!("作业 {id}"),
        }
    }

    pub fn students(lang: Language, n: usize) -> String {
        match lang {
            Language::En if n == 1 => "1 student".to_string(),
            Language::En => format!("{n} students"),
            Language::Zh => format!("{n} 名学生"),
        }
    }

    pub fn not_a_code(lang: Language, line: usize) -> String {
        match lang {
            Language::En => format!("Line {line}: no result code here."),
            Language::Zh => format!("第 {line} 行：没有结果码。"),
        }
    }

    pub fn damaged(lang: Language, line: usize) -> String {
        match lang {
            Language::En => format!("Line {line}: this code is damaged (a character was changed, lost or added). Ask for it again."),
            Language::Zh => format!("第 {line} 行：结果码已损坏（有字符被改动、丢失或多出）。请让学生重新发送。"),
        }
    }

    pub fn unsupported(lang: Language, line: usize) -> String {
        match lang {
            Language::En => {
                format!("Line {line}: this code comes from a newer version of the site.")
            }
            Language::Zh => format!("第 {line} 行：这个结果码来自更新版本的网站。"),
        }
    }

    pub fn foreign(lang: Language, line: usize, id: &str) -> String {
        match lang {
            Language::En => format!("Line {line}: this code is for another assignment ({id})."),
            Language::Zh => format!("第 {line} 行：这是另一份作业（{id}）的结果码。"),
        }
    }

    pub fn duplicate(lang: Language, line: usize, first: usize) -> String {
        match lang {
            Language::En => format!("Line {line}: the same code as line {first}; counted once."),
            Language::Zh => format!("第 {line} 行：与第 {first} 行的结果码相同，只计一次。"),
        }
    }

    pub fn right_rate(lang: Language, percent: u32) -> String {
        match lang {
            Language::En => format!("{percent} % right"),
            Language::Zh => format!("正确率 {percent}%"),
        }
    }

    // The presenter.
    pub const KEYS: Text = t(
        "Keys: → next · ← previous · R reveal · T start or pause the countdown",
        "按键：→ 下一题 · ← 上一题 · R 揭晓答案 · T 开始或暂停倒计时",
    );
    pub const REVEAL: Text = t("Reveal (R)", "揭晓（R）");
    pub const HIDE: Text = t("Hide (R)", "隐藏（R）");
    pub const PREVIOUS: Text = t("← Previous", "← 上一题");
    pub const NEXT_SHORT: Text = t("Next →", "下一题 →");
    pub const COUNTDOWN: Text = t("Countdown", "倒计时");
    pub const NO_COUNTDOWN: Text = t("none", "不计时");
    pub const TIMER: Text = t("Start / pause (T)", "开始 / 暂停（T）");
    pub const TIME_UP: Text = t("Time's up", "时间到");
    pub const HANDS: Text = t("hands", "举手");

    pub fn seconds(lang: Language, s: u32) -> String {
        match lang {
            Language::En => format!("{s} s"),
            Language::Zh => format!("{s} 秒"),
        }
    }

    pub fn hands_for(lang: Language, letter: char) -> String {
        match lang {
            Language::En => format!("Hands for option {letter}"),
            Language::Zh => format!("选项 {letter} 的举手人数"),
        }
    }
}

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

    #[test]
    fn text_falls_back_to_english_when_chinese_is_missing() {
        assert_eq!(t("hello", "").get(Language::Zh), "hello");
        let hello = t("hello", "你好");
        assert_eq!(hello.get(Language::Zh), "你好");
        assert_eq!(hello.get(Language::En), "hello");
    }

    #[test]
    fn tables_say_every_word_in_both_languages() {
        let statuses = [
            GoroutineStatus::Running,
            GoroutineStatus::Runnable,
            GoroutineStatus::Waiting,
            GoroutineStatus::Dead,
        ];
        let classes = [
            OutcomeClass::Finished,
            OutcomeClass::LeakedGoroutines,
            OutcomeClass::MemoryLeak,
            OutcomeClass::Deadlock,
            OutcomeClass::Panic,
            OutcomeClass::FatalError,
            OutcomeClass::BudgetExhausted,
            OutcomeClass::IoWait,
        ];
        let texts = statuses
            .into_iter()
            .map(goroutine::status)
            .chain(classes.into_iter().map(explore::outcome))
            .chain(play::SPEED_NAMES)
            .chain(
                [
                    Budget::Steps,
                    Budget::Memory,
                    Budget::Goroutines,
                    Budget::Output,
                ]
                .into_iter()
                .map(verdict::budget_title),
            )
            .chain(help::ROWS.iter().flat_map(|(k, v)| [*k, *v]));
        for text in texts {
            assert!(!text.en.is_empty() && !text.zh.is_empty(), "{text:?}");
        }
        // Words, not gosim's variant names.
        assert_eq!(
            explore::outcome(OutcomeClass::LeakedGoroutines).get(Language::Zh),
            "goroutine 泄漏"
        );
        assert_eq!(
            goroutine::status(GoroutineStatus::Waiting).get(Language::Zh),
            "等待中"
        );
    }

    #[test]
    fn sentences_from_data_are_in_both_languages() {
        assert_eq!(play::step_counter(Language::En, 3, 9), "step 3 / 9");
        assert_eq!(play::step_counter(Language::Zh, 3, 9), "第 3 / 9 步");
        assert!(verdict::page_cap(Language::Zh, false, 12).starts_with("在第 12 步停止"));
        // The instruction budget's detail names both units, so "2,000,000"
        // and the counter's "step 2" agree.
        let en = verdict::budget_detail(Language::En, Budget::Steps, "2,000,000", 2, true);
        assert!(
            en.starts_with(
                "It executed 2,000,000 VM instructions in 2 steps and had not finished, spinning"
            ),
            "{en}"
        );
        let zh = verdict::budget_detail(Language::Zh, Budget::Steps, "2,000,000", 2, false);
        assert!(
            zh.starts_with("它在 2 步中执行了 2,000,000 条虚拟机指令"),
            "{zh}"
        );
        assert_eq!(
            explore::reached_by(Language::En, 1),
            "reached by 1 schedule"
        );
        assert_eq!(
            explore::reached_by(Language::En, 3),
            "reached by 3 schedules"
        );
        assert_eq!(explore::switches(Language::En, 1), "1 context switch");
        assert_eq!(
            explore::summary(Language::En, 1, 2, true),
            "1 schedule · 2 states · complete"
        );
        assert_eq!(
            verdict::leaked(Language::En, 1),
            "main returned with a goroutine still blocked (1 leaked)"
        );
        assert_eq!(charts::goroutines_key(Language::Zh, 4), "goroutine 数 4");
        assert_eq!(explore::switches(Language::Zh, 2), "2 次切换");
        assert_eq!(quiz::question_of(Language::Zh, 2, 5), "第 2 题，共 5 题");
        assert_eq!(
            quiz::score(Language::En, "2.5", "3", 83),
            "2.5 of 3 points (83 %)"
        );
        assert_eq!(quiz::origin(Language::En, "go1.22"), "Go 1.22 prints this");
        assert_eq!(quiz::origin(Language::Zh, "fix2"), "修复 2 打印这个");
        assert_eq!(quiz::questions(Language::En, 1), "1 question");
    }
}
