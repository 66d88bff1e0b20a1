//! The timeline (one swimlane per goroutine, a bar where it ran, click to
//! jump to that step; with many goroutines the busiest get lanes and the
//! rest share one), the plot of live goroutines and timers over virtual
//! time (which says so when virtual time has not moved), and the plot of
//! the bytes a sync.Map holds over its operations. All are inline SVG
//! built from plain data.
//!
//! Owns the geometry only: run-length merging of steps, lane assignment
//! and scaling to the view box. It does not step the program; a click only
//! reports a step.

use gosim::session::{ClockTick, StepRecord};
use gosim::snapshot::ResourceSample;

/// Most lanes the timeline draws; beyond it, the busiest goroutines keep a
/// lane and the rest share the last one.
pub const MAX_LANES: usize = 12;

/// The lane that stands for every goroutine without one of its own.
pub const OTHERS: u32 = u32::MAX;
use yew::prelude::*;

use crate::i18n::{charts, play, Language};
use crate::markup::{classed, flag, plain_el, text_el};
use crate::platform;
use crate::playground::model::Cmd;
use crate::playground::num::{fixed, fmt_bytes, fmt_ns, plain};
use crate::playground::widgets::g_class;

const WIDTH: f64 = 1000.0;
const LANE_H: f64 = 16.0;
const LABEL_W: f64 = 0.0;

/// Most bars a lane draws: long runs are bucketed so a redraw stays cheap.
const MAX_BUCKETS: usize = 600;
/// Least distance between two labelled clock marks, in view-box units, so
/// their labels never overlap.
const CLOCK_GAP: f64 = 150.0;

/// Bars of the swimlanes: (goroutine, first step, steps). Consecutive steps
/// by the same goroutine merge; with more than `MAX_BUCKETS` steps, steps
/// are grouped in equal buckets and a goroutine's bar covers every bucket
/// it ran in.
pub fn runs(steps: &[StepRecord]) -> Vec<(u32, usize, usize)> {
    let mut all: Vec<u32> = steps.iter().map(|s| s.ran).collect();
    gosim::util::order::sort(&mut all);
    all.dedup();
    runs_in(steps, &all)
}

/// Like `runs`, on `lanes` (ascending goroutine ids, `OTHERS` last when
/// present): a step by a goroutine without a lane is drawn in `OTHERS`.
/// One pass over the steps, with no sorting per bucket, so a run of
/// 400,000 steps redraws cheaply.
pub fn runs_in(steps: &[StepRecord], lanes: &[u32]) -> Vec<(u32, usize, usize)> {
    let bucket = steps.len().div_ceil(MAX_BUCKETS).max(1);
    let others = lanes.last() == Some(&OTHERS);
    let lane_of = |g: u32| match lanes.binary_search(&g) {
        Ok(i) => Some(i),
        Err(_) if others => Some(lanes.len() - 1),
        Err(_) => None,
    };
    // Per lane: the open bar's (first step, steps), if any.
    let mut open: Vec<Option<(usize, usize)>> = vec![None; lanes.len()];
    let mut present = vec![false; lanes.len()];
    let mut out: Vec<(u32, usize, usize)> = Vec::new();
    for (b, chunk) in steps.chunks(bucket).enumerate() {
        let start = b * bucket;
        present.iter_mut().for_each(|p| *p = false);
        for s in chunk {
            if let Some(i) = lane_of(s.ran) {
                present[i] = true;
            }
        }
        let end = if bucket == 1 {
            start + 1
        } else {
            start + chunk.len()
        };
        for (i, here) in present.iter().enumerate() {
            match (&mut open[i], here) {
                (Some(bar), true) => bar.1 = end - bar.0,
                (slot @ None, true) => *slot = Some((start, end - start)),
                (slot @ Some(_), false) => {
                    if let Some((first, n)) = slot.take() {
                        out.push((lanes[i], first, n));
                    }
                }
                (None, false) => {}
            }
        }
    }
    for (i, bar) in open.into_iter().enumerate() {
        if let Some((first, n)) = bar {
            out.push((lanes[i], first, n));
        }
    }
    gosim::util::order::sort_by_key(&mut out, |bar| (bar.1, bar.0));
    out
}

/// The clock marks to draw: (x in the view box, virtual ns), taken from
/// `ticks` in order, skipping marks closer than `CLOCK_GAP` to the previous
/// one. A tick at step `k` is drawn at the end of that step.
pub fn clock_marks(ticks: &[ClockTick], total: usize) -> Vec<(f64, i64)> {
    let scale = (WIDTH - LABEL_W) / total.max(1) as f64;
    let mut out: Vec<(f64, i64)> = Vec::new();
    for t in ticks {
        let x = LABEL_W + (t.step + 1) as f64 * scale;
        if out.last().is_none_or(|last| x - last.0 >= CLOCK_GAP) {
            out.push((x, t.now_ns));
        }
    }
    out
}

/// What the timeline draws.
pub struct TimelineData<'a> {
    /// Every step taken (who ran it).
    pub steps: &'a [StepRecord],
    /// Steps known (taken plus planned); sets the scale.
    pub total: usize,
    pub position: usize,
    /// Where the virtual clock moved.
    pub ticks: &'a [ClockTick],
}

/// The lanes for these steps: every goroutine that ran, by id, or with
/// more than `MAX_LANES` of them the busiest `MAX_LANES - 1` (by steps,
/// then id) and `OTHERS`; and how many goroutines `OTHERS` stands for.
pub fn lanes(steps: &[StepRecord]) -> (Vec<u32>, usize) {
    // Goroutine ids are small and dense: count in a table, not a sort.
    let top = steps
        .iter()
        .map(|s| s.ran)
        .max()
        .map_or(0, |m| m as usize + 1);
    let mut counts = vec![0u32; top];
    for s in steps {
        counts[s.ran as usize] += 1;
    }
    let ran = counts.iter().filter(|&&n| n > 0).count();
    if ran <= MAX_LANES {
        let ids = (0..top as u32)
            .filter(|&g| counts[g as usize] > 0)
            .collect();
        return (ids, 0);
    }
    // The busiest MAX_LANES - 1 (more steps first, then the lower id), in
    // one pass keeping a short list, not a sort of every goroutine.
    let mut best: Vec<(u32, u32)> = Vec::with_capacity(MAX_LANES);
    for (g, &n) in counts.iter().enumerate() {
        if n == 0 {
            continue;
        }
        let at = best.iter().position(|&(_, m)| n > m).unwrap_or(best.len());
        if at < MAX_LANES - 1 {
            best.insert(at, (g as u32, n));
            best.truncate(MAX_LANES - 1);
        }
    }
    let mut kept: Vec<u32> = best.into_iter().map(|c| c.0).collect();
    gosim::util::order::sort(&mut kept);
    kept.push(OTHERS);
    (kept, ran - (MAX_LANES - 1))
}

pub fn timeline(t: TimelineData, lang: Language, dispatch: &Callback<Cmd>) -> Html {
    let (gids, others) = lanes(t.steps);
    let total = t.total.max(t.position).max(1);
    let scale = (WIDTH - LABEL_W) / total as f64;
    let height = (gids.len().max(1) as f64) * LANE_H;
    let row = |g: u32| gids.iter().position(|&x| x == g).unwrap_or(0) as f64 * LANE_H;
    let onclick = {
        let dispatch = dispatch.clone();
        Callback::from(move |e: MouseEvent| {
            let Some(fraction) = platform::pointer_x_fraction(&e) else {
                return;
            };
            let x = fraction * WIDTH;
            let step = ((x - LABEL_W) / scale).round().clamp(0.0, total as f64);
            dispatch.emit(Cmd::Goto(step as usize));
        })
    };
    let cursor = LABEL_W + t.position as f64 * scale;
    let marks = clock_marks(t.ticks, total);
    html! {
        <figure class="timeline" data-testid="timeline">
            { plain_el("figcaption", charts::TIMELINE_CAPTION.get(lang)) }
            <div class="timeline__body">
            // Labels live outside the SVG: it stretches horizontally, text would too.
            <div class="timeline__labels" aria-hidden="true">
                { for gids.iter().map(|&g| if g == OTHERS {
                    text_el("span", "timeline__label timeline__label--others", charts::others(lang, others))
                } else {
                    text_el("span", g_class("timeline__label", g), format!("G{g}"))
                }) }
            </div>
            <div class="timeline__track">
            // Virtual time, marked where the clock moved (HTML labels: SVG text would stretch).
            <div class="timeline__clock" data-testid="timeline-clock" title={play::VIRTUAL_TIME.get(lang)}>
                { for marks.iter().map(|&(x, ns)| html! {
                    <span class="timeline__time" style={format!("left: {}%", fixed(x / WIDTH * 100.0, 2))}>{ fmt_ns(ns) }</span>
                }) }
            </div>
            <svg viewBox={format!("0 0 {} {}", plain(WIDTH), plain(height))} preserveAspectRatio="none" class="timeline__svg"
                style={format!("height: {}px", plain(height))}
                role="img" aria-label={charts::TIMELINE.get(lang)} {onclick}>
                { for marks.iter().map(|&(x, _)| html! {
                    <line class="timeline__tick" x1={fixed(x, 2)} x2={fixed(x, 2)} y1="0" y2={plain(height)} />
                }) }
                { for runs_in(t.steps, &gids).into_iter().map(|(g, start, n)| classed(if g == OTHERS { "lane lane--others".to_string() } else { g_class("lane", g) }, html! {
                    <rect class="_" x={fixed(LABEL_W + start as f64 * scale, 2)}
                        y={plain(row(g) + 2.0)} width={fixed((n as f64 * scale).max(1.0), 2)}
                        height={plain(LANE_H - 4.0)} />
                })) }
                <line class="timeline__cursor" x1={fixed(cursor, 2)} x2={fixed(cursor, 2)} y1="0" y2={plain(height)} />
            </svg>
            </div>
            </div>
        </figure>
    }
}

/// Live goroutines and live timers over virtual time, from the samples
/// `s`; `goroutines` is the live count now (the samples may not have
/// started yet).
pub fn resource_plot(s: &[ResourceSample], goroutines: usize, now_ns: i64, lang: Language) -> Html {
    let h = 120.0;
    let max_t = s.iter().map(|x| x.at_ns).max().unwrap_or(0).max(1) as f64;
    let max_y = s
        .iter()
        .map(|x| x.goroutines.max(x.timers))
        .max()
        .unwrap_or(0)
        .max(1) as f64;
    let path = |pick: fn(&ResourceSample) -> u32| -> String {
        let mut out = String::new();
        let mut last_y: Option<f64> = None;
        for p in s.iter() {
            let x = p.at_ns as f64 / max_t * (WIDTH - 10.0) + 5.0;
            let y = h - 5.0 - pick(p) as f64 / max_y * (h - 20.0);
            // Step chart: hold the previous value until this sample.
            match last_y {
                None => out.push_str(&format!("M{},{}", fixed(x, 1), fixed(y, 1))),
                Some(ly) => out.push_str(&format!(
                    " L{x1},{} L{x1},{}",
                    fixed(ly, 1),
                    fixed(y, 1),
                    x1 = fixed(x, 1)
                )),
            }
            last_y = Some(y);
        }
        out
    };
    let live_timers = s.last().map_or(0, |x| x.timers);
    let peak_timers = s.iter().map(|x| x.timers).max().unwrap_or(0);
    let still = now_ns == 0 && s.iter().all(|x| x.at_ns == 0);
    html! {
        <figure class="plot" data-testid="resource-plot" data-peak-timers={peak_timers.to_string()}
            data-time-still={flag(still)}>
            <figcaption>
                { charts::PLOT_CAPTION.get(lang) }
                <span class="plot__legend">
                    { text_el("span", "plot__key plot__key--g", charts::goroutines_key(lang, goroutines)) }
                    { text_el("span", "plot__key plot__key--t", charts::timers_key(lang, live_timers, peak_timers)) }
                    { text_el("span", "plot__key", format!("{} = {}", charts::TIME_NOW.get(lang), fmt_ns(now_ns))) }
                    { text_el("span", "plot__key", format!("{} = {}", charts::Y_MAX.get(lang), max_y as u64)) }
                </span>
            </figcaption>
            if still {
                <p class="plot__still" data-testid="plot-still">{ charts::TIME_STILL.get(lang) }</p>
            } else {
                <svg viewBox={format!("0 0 {} {}", plain(WIDTH), plain(h))} preserveAspectRatio="none" class="plot__svg" role="img"
                    aria-label={charts::plot_summary(lang, goroutines, live_timers, peak_timers, &fmt_ns(now_ns))}>
                    <path class="plot__line plot__line--g" d={path(|p| p.goroutines)} />
                    <path class="plot__line plot__line--t" d={path(|p| p.timers)} />
                </svg>
            }
        </figure>
    }
}

/// The bytes sync.Map `name` holds over its operations (Store, Delete,
/// ...), from its `history` of (operations, bytes): Go 1.15's leak is a
/// line that keeps climbing, later releases a flat one.
pub fn map_memory_plot(name: &str, history: &[(u64, u64)], lang: Language) -> Html {
    let h = 120.0;
    let max_x = history.iter().map(|p| p.0).max().unwrap_or(0).max(1) as f64;
    let max_y = history.iter().map(|p| p.1).max().unwrap_or(0).max(1) as f64;
    let mut d = String::new();
    for (i, &(x, y)) in history.iter().enumerate() {
        let px = x as f64 / max_x * (WIDTH - 10.0) + 5.0;
        let py = h - 5.0 - y as f64 / max_y * (h - 20.0);
        d.push_str(if i == 0 { "M" } else { " L" });
        d.push_str(&fixed(px, 1));
        d.push(',');
        d.push_str(&fixed(py, 1));
    }
    let last = history.last().map_or(0, |p| p.1);
    let peak = history.iter().map(|p| p.1).max().unwrap_or(0);
    let ops = history.last().map_or(0, |p| p.0);
    html! {
        <figure class="plot" data-testid="map-plot" data-last={last.to_string()} data-peak={peak.to_string()}
            data-samples={history.len().to_string()}>
            <figcaption>
                { charts::map_caption(lang, name) }
                <span class="plot__legend">
                    { text_el("span", "plot__key plot__key--t", charts::map_key(lang, &fmt_bytes(last), &fmt_bytes(peak), ops)) }
                </span>
            </figcaption>
            <svg viewBox={format!("0 0 {} {}", plain(WIDTH), plain(h))} preserveAspectRatio="none" class="plot__svg" role="img"
                aria-label={charts::map_summary(lang, name, &fmt_bytes(last), &fmt_bytes(peak), ops)}>
                <path class="plot__line plot__line--t" d={d} />
            </svg>
        </figure>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tick(step: usize, now_ns: i64) -> ClockTick {
        ClockTick { step, now_ns }
    }

    /// Steps run by these goroutines, in order.
    fn ran(gs: &[u32]) -> Vec<StepRecord> {
        gs.iter()
            .map(|&ran| StepRecord {
                choice: 0,
                options: 1,
                ran,
            })
            .collect()
    }

    #[test]
    fn clock_marks_are_placed_at_their_steps_and_never_crowd() {
        assert_eq!(clock_marks(&[], 10), vec![]);
        // 10 steps over 1000 units: the tick after step 4 sits at x = 500.
        assert_eq!(clock_marks(&[tick(4, 1_000)], 10), vec![(500.0, 1_000)]);
        // Ticks 100 units apart: every other one is skipped.
        let ticks: Vec<ClockTick> = (0..10).map(|i| tick(i, i as i64)).collect();
        let marks = clock_marks(&ticks, 10);
        assert_eq!(
            marks.iter().map(|m| m.1).collect::<Vec<_>>(),
            [0, 2, 4, 6, 8]
        );
        assert!(marks.windows(2).all(|w| w[1].0 - w[0].0 >= CLOCK_GAP));
    }

    #[test]
    fn many_goroutines_share_a_lane_beyond_the_busiest() {
        let few = ran(&[1, 2, 1, 3]);
        assert_eq!(lanes(&few), (vec![1, 2, 3], 0));
        // 1,000 goroutines that each ran once, and main that ran 1,000 times.
        let mut many: Vec<u32> = (2..1002).collect();
        many.extend(std::iter::repeat_n(1, 1000));
        let (kept, others) = lanes(&ran(&many));
        assert_eq!(kept.len(), MAX_LANES);
        assert_eq!(kept[0], 1, "the busiest keeps its lane");
        assert_eq!(kept.last(), Some(&OTHERS));
        assert_eq!(others, 1000 - (MAX_LANES - 2));
    }

    #[test]
    fn runs_merge_consecutive_steps() {
        assert_eq!(runs(&[]), vec![]);
        assert_eq!(
            runs(&ran(&[1, 1, 2, 1, 1, 1])),
            vec![(1, 0, 2), (2, 2, 1), (1, 3, 3)]
        );
        // Many steps are bucketed: alternating goroutines give one bar each.
        let alternating: Vec<u32> = (0..10_000).map(|i| 1 + (i % 2) as u32).collect();
        assert_eq!(
            runs(&ran(&alternating)),
            vec![(1, 0, 10_000), (2, 0, 10_000)]
        );
        let many: Vec<u32> = (0..5_000).map(|i| if i < 2_500 { 1 } else { 2 }).collect();
        let bars = runs(&ran(&many));
        assert_eq!(bars.len(), 2);
        assert_eq!(bars[0].0, 1);
        assert_eq!(bars[1].1 + bars[1].2, 5_000);
    }
}
