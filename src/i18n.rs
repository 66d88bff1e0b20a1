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

/// The playground's frame: narration before the first step, the toolbar,
/// the progress bar, the code panel and the state panels' headings.
pub mod play {
    use super::{t, Language, Text};

    pub const PLAYGROUND: Text = t("Playground", "演练场");
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
        t("1/s", "1 步/秒"),
        t("4/s", "4 步/秒"),
        t("15/s", "15 步/秒"),
        t("60/s", "60 步/秒"),
        t("max", "最快"),
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
    pub const OUTPUT_LABEL: Text = t("console", "控制台");
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
    pub const BUDGET: Text = t(
        "Budget exhausted: the program does not terminate",
        "预算耗尽：程序没有结束",
    );

    pub fn leaked(lang: Language, count: usize) -> String {
        match lang {
            Language::En => {
                format!("main returned with goroutines still blocked ({count} leaked)")
            }
            Language::Zh => format!("main 已返回，但仍有 goroutine 阻塞 ({count} 个泄漏)"),
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
                "stopped after {position} steps: the heap keeps growing, and the copies kept for exact step-back would exhaust the page's memory"
            ),
            (Language::Zh, true) => format!(
                "在第 {position} 步停止：堆一直在增长，为精确后退保存的副本会耗尽页面内存"
            ),
            (Language::En, false) => format!("stopped after {position} steps"),
            (Language::Zh, false) => format!("在第 {position} 步停止"),
        }
    }

    /// A budget of the simulator stopped the run after `steps` VM steps.
    /// In English this is gosim's own sentence, `message`.
    pub fn budget(lang: Language, budget: Option<Budget>, steps: u64, message: &str) -> String {
        match (lang, budget) {
            (Language::En, _) | (Language::Zh, None) => message.to_string(),
            (Language::Zh, Some(Budget::Steps)) => {
                format!("执行 {steps} 步后停止：程序仍在运行")
            }
            (Language::Zh, Some(Budget::Memory)) => {
                "已停止：程序分配的内存超过了模拟器允许的上限".to_string()
            }
            (Language::Zh, Some(Budget::Goroutines)) => "已停止：goroutine 太多".to_string(),
            (Language::Zh, Some(Budget::Output)) => "已停止：输出太多".to_string(),
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
            OutcomeClass::Deadlock => t("deadlock", "死锁"),
            OutcomeClass::Panic => t("panic", "panic"),
            OutcomeClass::FatalError => t("fatal error", "致命错误"),
            OutcomeClass::BudgetExhausted => t("budget exhausted", "预算耗尽"),
        }
    }

    /// The finished search: schedules and states run, and whether that was
    /// every schedule.
    pub fn summary(lang: Language, schedules: u64, states: u64, complete: bool) -> String {
        match (lang, complete) {
            (Language::En, true) => format!("{schedules} schedules · {states} states · complete"),
            (Language::En, false) => {
                format!("{schedules} schedules · {states} states · not exhaustive")
            }
            (Language::Zh, true) => format!("{schedules} 个调度 · {states} 个状态 · 已穷尽"),
            (Language::Zh, false) => format!("{schedules} 个调度 · {states} 个状态 · 未穷尽"),
        }
    }

    /// The search so far.
    pub fn so_far(lang: Language, schedules: u64, states: u64) -> String {
        match lang {
            Language::En => format!("{schedules} schedules · {states} states so far"),
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
            Language::En => format!("{switches} switches"),
            Language::Zh => format!("{switches} 次切换"),
        }
    }
}

/// The keyboard help.
pub mod help {
    use super::{t, Text};

    pub const TITLE: Text = t("Keyboard shortcuts", "快捷键");
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
            OutcomeClass::Deadlock,
            OutcomeClass::Panic,
            OutcomeClass::FatalError,
            OutcomeClass::BudgetExhausted,
        ];
        let texts = statuses
            .into_iter()
            .map(goroutine::status)
            .chain(classes.into_iter().map(explore::outcome))
            .chain(play::SPEED_NAMES)
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
        assert_eq!(verdict::page_cap(Language::Zh, false, 12), "在第 12 步停止");
        let gosim_says = "stopped after 2000000 steps: still running";
        assert_eq!(
            verdict::budget(Language::En, Some(Budget::Steps), 2_000_000, gosim_says),
            gosim_says
        );
        assert_eq!(
            verdict::budget(Language::Zh, Some(Budget::Steps), 2_000_000, gosim_says),
            "执行 2000000 步后停止：程序仍在运行"
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
