//! The playground's panels around the run: the verdict banner, the explore
//! panel with its outcomes, and the keyboard help.
//!
//! Plain functions from model values to HTML, like the widgets; they call
//! back with `Cmd`s and decide nothing.

use gosim::explore::Outcome;
use gosim::snapshot::{EndingView, OutcomeClass};
use yew::prelude::*;

use crate::components::markup::{classed, plain_el, text_el};
use crate::i18n::Language;
use crate::playground::controller::Cap;
use crate::playground::model::{Cmd, ExploreRun, PlayModel};
use crate::playground::view::{button, cmd};
use crate::playground::widgets::tr;

pub fn verdict(
    ending: Option<&EndingView>,
    capped: Option<Cap>,
    position: usize,
    lang: Language,
) -> Html {
    let (class, title, detail): (String, String, String) = match ending {
        Some(e) if e.class != OutcomeClass::BudgetExhausted => {
            let title = match e.class {
                OutcomeClass::Deadlock => {
                    "fatal error: all goroutines are asleep - deadlock!".to_string()
                }
                OutcomeClass::LeakedGoroutines => format!(
                    "{} ({} {})",
                    tr(
                        lang,
                        "main returned with goroutines still blocked",
                        "main 已返回，但仍有 goroutine 阻塞"
                    ),
                    e.leaked.len(),
                    tr(lang, "leaked", "个泄漏")
                ),
                OutcomeClass::Finished => {
                    tr(lang, "The program finished", "程序正常结束").to_string()
                }
                _ => e.message.clone(),
            };
            let status = e
                .exit_code
                .map(|c| format!("exit status {c}"))
                .unwrap_or_default();
            (e.class.as_str().to_string(), title, status)
        }
        _ => {
            let message = match (ending, capped, lang) {
                (Some(e), _, _) => e.message.clone(),
                (None, Some(Cap::Memory), Language::En) => format!(
                    "stopped after {position} steps: the heap keeps growing, and the copies kept for exact step-back would exhaust the page's memory"
                ),
                (None, Some(Cap::Memory), Language::Zh) => format!(
                    "在第 {position} 步停止：堆一直在增长，为精确后退保存的副本会耗尽页面内存"
                ),
                (None, _, _) => format!("stopped after {position} steps"),
            };
            (
                "budget".into(),
                tr(
                    lang,
                    "Budget exhausted: the program does not terminate",
                    "预算耗尽：程序没有结束",
                )
                .to_string(),
                message,
            )
        }
    };
    classed(
        format!("verdict verdict--{class}"),
        html! {
            <div class="_" role="status" data-testid="verdict" data-class={class.clone()}>
                { text_el("strong", "verdict__title", title) }
                if !detail.is_empty() {
                    { text_el("span", "verdict__detail", detail) }
                }
                if let Some(e) = ending {
                    if !e.leaked.is_empty() {
                        <ul class="verdict__leaks">
                            { for e.leaked.iter().map(|l| html! {
                                <li>{ format!(
                                    "goroutine {} [{}] {} {}",
                                    l.g,
                                    l.wait_reason.clone().unwrap_or_else(|| "runnable".into()),
                                    tr(lang, "created at line", "创建于第"),
                                    l.created_line.map(|x| x.to_string()).unwrap_or_else(|| "?".into())
                                ) }{ tr(lang, "", " 行") }</li>
                            }) }
                        </ul>
                    }
                }
            </div>
        },
    )
}

pub fn explore_panel(m: &PlayModel, lang: Language, dispatch: &Callback<Cmd>) -> Html {
    let run = m.explore.as_ref();
    let running = m.exploring();
    // When the search is done: the report, whose schedules are minimized and
    // can be loaded. While it runs: the outcomes found so far.
    let (summary, outcomes, done): (Option<String>, Vec<&Outcome>, bool) = match (
        run.and_then(|r| r.report.as_ref()),
        run.and_then(ExploreRun::progress),
    ) {
        (Some(report), _) => (
            Some(format!(
                "{} {} · {} {} · {}",
                report.schedules,
                tr(lang, "schedules", "个调度"),
                report.states,
                tr(lang, "states", "个状态"),
                if report.complete {
                    tr(lang, "complete", "已穷尽")
                } else {
                    tr(lang, "not exhaustive", "未穷尽")
                }
            )),
            report.outcomes.iter().collect(),
            true,
        ),
        (None, Some((schedules, states, found))) => (
            Some(format!(
                "{} {} · {} {} {}",
                schedules,
                tr(lang, "schedules", "个调度"),
                states,
                tr(lang, "states", "个状态"),
                tr(lang, "so far", "（进行中）")
            )),
            found,
            false,
        ),
        _ => (None, Vec::new(), false),
    };
    html! {
        <section class="panel explore" data-testid="explore">
            { text_el("h3", "panel__title", tr(lang, "Explore every schedule", "探索所有调度")) }
            { text_el("p", "explore__intro", tr(lang,
                "Runs the program under every interleaving the simulator can reach (exhaustive with state deduplication, then bounded, then random), a slice per frame so the page stays responsive, and lists the distinct outcomes as they are found.",
                "在模拟器能达到的每一种交错下运行程序（先穷举并去重状态，再限界，再随机），每帧只做一小段，页面不会卡住；找到的不同结果会随时列出。")) }
            <div class="btn-group">
                if running {
                    { button("btn", Some("explore-stop"), None, false, tr(lang, "Stop", "停止").into(), cmd(dispatch, Cmd::ExploreStop)) }
                    <span class="explore__progress" role="status">{ format!("{} {}", tr(lang, "exploring… slices:", "探索中… 已完成片段："), run.map_or(0, |r| r.slices)) }</span>
                } else {
                    { button("btn btn--primary", Some("explore-start"), None, false, tr(lang, "Explore", "开始探索").into(), cmd(dispatch, Cmd::ExploreStart)) }
                }
            </div>
            if let Some(err) = run.and_then(|r| r.error.as_ref()) {
                { text_el("pre", "console console--error", err.render()) }
            }
            if let Some(summary) = summary {
                <p class="explore__summary" data-testid={if done { "explore-summary" } else { "explore-live" }}>{ summary }</p>
                <ol class="outcomes">
                    { for outcomes.iter().enumerate().map(|(i, o)| {
                        let (class, badge) = outcome_names(o.class);
                        html! {
                            <li class="outcome" data-testid="outcome" data-class={class}>
                                { text_el("span", badge, class) }
                                { text_el("span", "outcome__count", format!("× {}", o.count)) }
                                if let Some(code) = o.exit_code { { text_el("span", "outcome__exit", format!("exit {code}")) } }
                                { text_el("code", "outcome__stdout", o.stdout.lines().take(4).collect::<Vec<_>>().join(" ⏎ ")) }
                                if !o.stderr_head.is_empty() {
                                    { text_el("code", "outcome__stderr", o.stderr_head.lines().next().unwrap_or("").to_string()) }
                                }
                                if done {
                                    <span class="outcome__sched" title="schedule">{ format!("{} {}", o.switches, tr(lang, "switches", "次切换")) }</span>
                                    { button("btn btn--small", Some("load-outcome"), None, false, tr(lang, "Load and step", "载入并单步").into(), cmd(dispatch, Cmd::LoadOutcome(i))) }
                                }
                            </li>
                        }
                    }) }
                </ol>
            }
        </section>
    }
}

/// An outcome class's name (as gosim spells the variant) and its badge
/// classes; a table rather than `Debug` formatting (wasm size).
fn outcome_names(class: OutcomeClass) -> (&'static str, &'static str) {
    match class {
        OutcomeClass::Finished => ("Finished", "badge badge--ok"),
        OutcomeClass::LeakedGoroutines => ("LeakedGoroutines", "badge badge--leak"),
        OutcomeClass::Deadlock => ("Deadlock", "badge badge--deadlock"),
        OutcomeClass::Panic => ("Panic", "badge badge--panic"),
        OutcomeClass::FatalError => ("FatalError", "badge badge--panic"),
        OutcomeClass::BudgetExhausted => ("BudgetExhausted", "badge badge--endless-loop"),
    }
}

pub fn help_overlay(lang: Language, dispatch: &Callback<Cmd>) -> Html {
    let rows: [(&str, &str, &str); 6] = [
        ("→", "step", "单步"),
        ("←", "step back", "后退一步"),
        ("space", "run / pause", "运行 / 暂停"),
        (
            "1 – 9",
            "run the n-th goroutine in the list next",
            "让列表中第 n 个 goroutine 下一个运行",
        ),
        ("?", "show / hide this help", "显示 / 隐藏帮助"),
        ("Esc", "close", "关闭"),
    ];
    html! {
        <div class="overlay" role="dialog" aria-modal="true" aria-label={tr(lang, "Keyboard shortcuts", "快捷键")} data-testid="help-overlay"
            onclick={cmd::<MouseEvent>(dispatch, Cmd::CloseHelp)}>
            <div class="overlay__box">
                { plain_el("h3", tr(lang, "Keyboard shortcuts", "快捷键")) }
                <dl class="shortcuts">
                    { for rows.iter().map(|(k, en, zh)| html! {
                        <>
                            <dt><kbd>{ *k }</kbd></dt>
                            { plain_el("dd", tr(lang, en, zh)) }
                        </>
                    }) }
                </dl>
            </div>
        </div>
    }
}
