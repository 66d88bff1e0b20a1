//! The playground page's model: which program is loaded (the case, one of
//! its fixes, or edited code), run settings, the run/pause and speed
//! state, the editor, the help overlay, share links and the exploration in
//! progress. Every user action is a `Cmd`, applied by `PlayModel::apply`.
//!
//! Owns the rules that connect those pieces (switching the Go version
//! restarts the run, loading an explored outcome switches to stepping by
//! scheduling point, a share link restores the exact step). It is plain
//! Rust over `Controller` and gosim's `Explorer`, with no browser access,
//! so it is tested natively; timers and the URL are the component's job.

use std::rc::Rc;

use gosim::explore::{ExploreConfig, ExploreReport, Explorer, Outcome};
use gosim::session::StepBy;
use gosim::snapshot::Snapshot;
use gosim::GoVersion;

use crate::cases::Case;
use crate::i18n::play;
use crate::playground::controller::{Cap, Controller, PlayConfig};
use crate::playground::share::{go_from_key, ShareError, ShareState};
use crate::playground::source_view::{highlight_lines, Segment};

/// Run speeds: (timer interval in ms, steps per tick), named by
/// `i18n::play::SPEED_NAMES`. The last one runs as fast as possible, in
/// slices that keep the page responsive.
pub const SPEEDS: [(u32, usize); 5] = [(1000, 1), (250, 1), (66, 1), (16, 1), (16, 20_000)];
const _: () = assert!(SPEEDS.len() == play::SPEED_NAMES.len());
pub const DEFAULT_SPEED: usize = 2;
pub const MAX_SPEED: usize = SPEEDS.len() - 1;

/// A forward jump longer than this runs in timer slices (like Run) instead
/// of in one go, so a far jump never freezes the page.
pub const SYNC_JUMP: usize = 2_000;

/// Steps between clock checks while running.
const TICK_CHUNK: usize = 50;
/// Time one run tick may take before it yields to the page, in ms.
const TICK_BUDGET_MS: f64 = 12.0;

/// VM steps of exploration per animation tick.
pub const EXPLORE_SLICE: u64 = 20_000;

/// Which program is loaded.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Variant {
    Original,
    Fix(usize),
    Edited,
}

/// An exploration in progress or finished.
pub struct ExploreRun {
    explorer: Option<Explorer>,
    pub error: Option<gosim::CompileErrors>,
    pub slices: u32,
    pub report: Option<ExploreReport>,
    /// The program explored (outcomes load against it).
    source: String,
    go: GoVersion,
}

impl ExploreRun {
    pub fn running(&self) -> bool {
        self.explorer.is_some() && self.report.is_none()
    }

    /// While the search runs: schedules run, states visited and the
    /// outcomes found so far (their schedules are minimized only in the
    /// final report, so they cannot be loaded yet).
    pub fn progress(&self) -> Option<(u64, u64, Vec<&Outcome>)> {
        self.explorer
            .as_ref()
            .filter(|_| self.running())
            .map(Explorer::progress)
    }
}

/// Every user action.
#[derive(Clone, Debug, PartialEq)]
pub enum Cmd {
    Step,
    Back,
    Reset,
    Goto(usize),
    /// Run this goroutine next.
    Pick(u32),
    /// Run the n-th goroutine in the list (1-based), if it can run.
    PickIndex(usize),
    ToggleRun,
    /// Run to the end at full speed.
    RunToEnd,
    Pause,
    Tick,
    SetSpeed(usize),
    SetGo(GoVersion),
    /// `None`: Go's own order.
    SetSeed(Option<u64>),
    SetStepBy(StepBy),
    ShowVariant(Variant),
    Edit,
    Draft(String),
    RunDraft,
    CancelEdit,
    ToggleHelp,
    CloseHelp,
    Share,
    ExploreStart,
    ExploreStop,
    ExploreTick,
    LoadOutcome(usize),
}

pub struct PlayModel {
    case: &'static Case,
    pub variant: Variant,
    pub source: String,
    pub lines: Rc<Vec<Vec<Segment>>>,
    pub ctl: Controller,
    pub running: bool,
    pub speed: usize,
    pub editing: bool,
    pub draft: String,
    pub help: bool,
    /// Why the link this page was opened with could not be used.
    pub link_error: Option<ShareError>,
    /// The fragment (`#/case/...?...`) for the current state, once asked for.
    pub share: Option<String>,
    pub explore: Option<ExploreRun>,
    /// A far forward jump in progress: run (at full speed) until this step.
    pub seek: Option<usize>,
    /// Milliseconds from some origin (`performance.now()` in the browser);
    /// bounds the work of one tick. Natively it stands still, so a tick is
    /// bounded by its step count alone.
    pub clock: fn() -> f64,
}

fn case_go(case: &Case) -> GoVersion {
    case.go.and_then(go_from_key).unwrap_or(GoVersion::CURRENT)
}

impl PlayModel {
    /// The model for `case`, restored from a share link's query (`query`
    /// without `?`; empty for a plain case link).
    pub fn new(case: &'static Case, query: &str) -> PlayModel {
        let (link, link_error) = match ShareState::from_query(query) {
            Ok(s) => (s, None),
            Err(e) => (ShareState::default(), Some(e)),
        };
        let mut link_error = link_error;
        let (variant, source) = match (&link.code, link.fix) {
            (Some(code), _) => (Variant::Edited, code.clone()),
            (None, Some(i)) => match case.fixes.get(i) {
                Some(fix) => (Variant::Fix(i), fix.source.to_string()),
                None => {
                    link_error = Some(ShareError::BadValue {
                        key: "fix".into(),
                        value: (i + 1).to_string(),
                    });
                    (Variant::Original, case.source.to_string())
                }
            },
            (None, None) => (Variant::Original, case.source.to_string()),
        };
        let config = PlayConfig {
            go: link.go.unwrap_or_else(|| case_go(case)),
            seed: link.seed,
            step_by: if link.by_scheduling_point {
                StepBy::SchedulingPoint
            } else {
                StepBy::Statement
            },
            ..PlayConfig::default()
        };
        let mut ctl = Controller::new(&source, config);
        let foreign = link
            .program_hash
            .is_some_and(|h| h != gosim::share::program_hash(&source));
        if foreign {
            link_error = Some(ShareError::Schedule(
                gosim::share::ShareError::ProgramMismatch,
            ));
        } else if !link.schedule.is_empty() || link.step.is_some() {
            ctl.load_schedule(&link.schedule, link.step);
        }
        PlayModel {
            case,
            variant,
            lines: Rc::new(highlight_lines(&source)),
            source,
            ctl,
            running: false,
            speed: DEFAULT_SPEED,
            editing: false,
            draft: String::new(),
            help: false,
            link_error,
            share: None,
            explore: None,
            seek: None,
            clock: || 0.0,
        }
    }

    pub fn case(&self) -> &'static Case {
        self.case
    }

    /// Timer interval while running, in ms.
    pub fn interval_ms(&self) -> u32 {
        SPEEDS[self.effective_speed()].0
    }

    fn effective_speed(&self) -> usize {
        if self.seek.is_some() {
            MAX_SPEED
        } else {
            self.speed.min(MAX_SPEED)
        }
    }

    pub fn exploring(&self) -> bool {
        self.explore.as_ref().is_some_and(ExploreRun::running)
    }

    fn load(&mut self, variant: Variant, source: String, config: PlayConfig) {
        self.variant = variant;
        if source != self.source {
            self.lines = Rc::new(highlight_lines(&source));
            self.source = source;
        }
        self.ctl = Controller::new(&self.source, config);
        self.running = false;
        self.seek = None;
        self.share = None;
    }

    fn reload(&mut self, config: PlayConfig) {
        let source = self.source.clone();
        self.load(self.variant, source, config);
    }

    fn note_ran(&mut self) {
        self.share = None;
    }

    /// The goroutine that ran the last step.
    pub fn last_ran(&self) -> Option<u32> {
        self.ctl.history().last().map(|s| s.ran)
    }

    /// Applies one action; returns whether anything visible changed.
    pub fn apply(&mut self, cmd: Cmd) -> bool {
        if !matches!(cmd, Cmd::Tick | Cmd::ExploreTick | Cmd::Draft(_)) {
            // Any other action interrupts a far jump in progress.
            self.seek = None;
        }
        match cmd {
            Cmd::Step => {
                self.running = false;
                let moved = self.ctl.step();
                self.note_ran();
                moved
            }
            Cmd::Back => {
                self.running = false;
                self.ctl.back();
                self.note_ran();
                true
            }
            Cmd::Reset => {
                self.running = false;
                self.ctl.reset();
                self.note_ran();
                true
            }
            Cmd::Goto(n) => {
                self.running = false;
                if n > self.ctl.position() + SYNC_JUMP {
                    self.seek = Some(n);
                    self.running = true;
                    return true;
                }
                self.ctl.goto(n);
                self.note_ran();
                true
            }
            Cmd::Pick(g) => {
                self.running = false;
                let moved = self.ctl.step_goroutine(g);
                self.note_ran();
                moved
            }
            Cmd::PickIndex(i) => {
                let gid = self
                    .ctl
                    .snapshot()
                    .and_then(|s| visible_goroutines(&s).get(i.wrapping_sub(1)).copied());
                match gid {
                    Some(g) => self.apply(Cmd::Pick(g)),
                    None => false,
                }
            }
            Cmd::ToggleRun => {
                if self.running {
                    self.running = false;
                } else if !self.ctl.is_ended() {
                    self.running = true;
                }
                true
            }
            Cmd::RunToEnd => {
                self.speed = MAX_SPEED;
                self.running = !self.ctl.is_ended();
                true
            }
            Cmd::Pause => {
                let was = self.running;
                self.running = false;
                was
            }
            Cmd::Tick => {
                if !self.running {
                    return false;
                }
                let mut per_tick = SPEEDS[self.effective_speed()].1;
                if let Some(target) = self.seek {
                    per_tick = per_tick.min(target.saturating_sub(self.ctl.position()));
                }
                // Run in small chunks until the slice's time is used up, so a
                // program whose steps grow expensive never stalls a frame.
                let start = (self.clock)();
                let mut left = per_tick;
                while left > 0 {
                    let n = self.ctl.run(left.min(TICK_CHUNK));
                    left = left.saturating_sub(n.max(1));
                    if n == 0 || (self.clock)() - start > TICK_BUDGET_MS {
                        break;
                    }
                }
                self.note_ran();
                let arrived = self.seek.is_some_and(|t| self.ctl.position() >= t);
                if self.ctl.is_ended() || arrived {
                    self.running = false;
                    self.seek = None;
                }
                true
            }
            Cmd::SetSpeed(s) => {
                self.speed = s.min(MAX_SPEED);
                true
            }
            Cmd::SetGo(go) => {
                let config = PlayConfig {
                    go,
                    ..self.ctl.config()
                };
                self.reload(config);
                true
            }
            Cmd::SetSeed(seed) => {
                let config = PlayConfig {
                    seed,
                    ..self.ctl.config()
                };
                self.reload(config);
                true
            }
            Cmd::SetStepBy(step_by) => {
                let config = PlayConfig {
                    step_by,
                    ..self.ctl.config()
                };
                self.reload(config);
                true
            }
            Cmd::ShowVariant(v) => {
                let source = match v {
                    Variant::Original => self.case.source.to_string(),
                    Variant::Fix(i) => match self.case.fixes.get(i) {
                        Some(f) => f.source.to_string(),
                        None => return false,
                    },
                    Variant::Edited => return false,
                };
                self.editing = false;
                let config = self.ctl.config();
                self.load(v, source, config);
                true
            }
            Cmd::Edit => {
                self.running = false;
                self.editing = true;
                self.draft = self.source.clone();
                true
            }
            Cmd::Draft(text) => {
                self.draft = text;
                false
            }
            Cmd::RunDraft => {
                let source = std::mem::take(&mut self.draft);
                self.editing = false;
                let config = self.ctl.config();
                let variant = if source == self.case.source {
                    Variant::Original
                } else {
                    Variant::Edited
                };
                self.load(variant, source, config);
                // Run straight away when it compiles; errors show inline.
                self.running = self.ctl.errors().is_empty() && !self.ctl.is_ended();
                true
            }
            Cmd::CancelEdit => {
                self.editing = false;
                true
            }
            Cmd::ToggleHelp => {
                self.help = !self.help;
                true
            }
            Cmd::CloseHelp => {
                let was = self.help;
                self.help = false;
                was
            }
            Cmd::Share => {
                self.share = Some(self.share_fragment());
                true
            }
            Cmd::ExploreStart => {
                let config = self.ctl.config();
                let (explorer, error) = match Explorer::new(
                    &self.source,
                    &config.run_config(),
                    ExploreConfig::default(),
                ) {
                    Ok(e) => (Some(e), None),
                    Err(text) => (None, Some(text)),
                };
                self.explore = Some(ExploreRun {
                    explorer,
                    error,
                    slices: 0,
                    report: None,
                    source: self.source.clone(),
                    go: config.go,
                });
                true
            }
            Cmd::ExploreStop => match &mut self.explore {
                Some(run) if run.running() => {
                    run.report = run.explorer.as_ref().map(Explorer::report);
                    true
                }
                _ => false,
            },
            Cmd::ExploreTick => match &mut self.explore {
                Some(run) if run.running() => {
                    if let Some(explorer) = &mut run.explorer {
                        run.slices += 1;
                        if explorer.work(EXPLORE_SLICE) {
                            run.report = Some(explorer.report());
                        }
                    }
                    true
                }
                _ => false,
            },
            Cmd::LoadOutcome(i) => {
                let Some(run) = &self.explore else {
                    return false;
                };
                let Some(outcome) = run.report.as_ref().and_then(|r| r.outcomes.get(i)) else {
                    return false;
                };
                let schedule = outcome.schedule.clone();
                let (source, go) = (run.source.clone(), run.go);
                let variant = self.variant;
                let config = PlayConfig {
                    go,
                    step_by: StepBy::SchedulingPoint,
                    ..self.ctl.config()
                };
                self.load(variant, source, config);
                self.ctl.load_schedule(&schedule, None);
                self.ctl.goto(0);
                true
            }
        }
    }

    /// The fragment that reopens exactly this state.
    pub fn share_fragment(&self) -> String {
        let config = self.ctl.config();
        let state = ShareState {
            code: (self.variant == Variant::Edited).then(|| self.source.clone()),
            fix: match self.variant {
                Variant::Fix(i) => Some(i),
                _ => None,
            },
            go: Some(config.go),
            schedule: self.ctl.choices(),
            step: Some(self.ctl.position()),
            program_hash: Some(gosim::share::program_hash(&self.source)),
            by_scheduling_point: config.step_by == StepBy::SchedulingPoint,
            seed: config.seed,
        };
        format!("#/case/{}?{}", self.case.slug, state.to_query())
    }
}

/// What the narration line says at the current position.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Narration {
    /// The program does not compile.
    CompileErrors,
    /// Nothing has run yet.
    Ready,
    /// What the last step did (`ran` ran it), or how the run ended.
    Step { ran: Option<u32> },
}

/// Everything the page draws at the current position, decided here so the
/// view only draws (and these decisions are tested natively).
pub struct Frame {
    pub snapshot: Option<Rc<Snapshot>>,
    pub position: usize,
    /// Steps the plan reaches (the slider's end).
    pub planned: usize,
    pub ended: bool,
    pub cap: Option<Cap>,
    /// The goroutines that can be picked to run next.
    pub runnable: Vec<u32>,
    /// The goroutine the next step runs.
    pub next_goroutine: Option<u32>,
    /// (goroutine, line) of every live goroutine: the listing's markers.
    pub markers: Vec<(u32, u32)>,
    /// The line the next step runs.
    pub next_line: Option<u32>,
    pub narration: Narration,
    /// The goroutine list: live goroutines by id.
    pub goroutines: Vec<u32>,
    /// Channel-typed variables holding nil: (name, type).
    pub nil_channels: Vec<(String, String)>,
}

impl PlayModel {
    /// The frame at the current position.
    pub fn frame(&mut self) -> Frame {
        let snapshot = self.ctl.snapshot();
        let position = self.ctl.position();
        let next_goroutine = self.ctl.next_goroutine();
        let (markers, next_line, goroutines, nil_channels) = match &snapshot {
            Some(s) => (
                s.goroutines
                    .iter()
                    .filter(|g| g.is_live())
                    .filter_map(|g| g.line.map(|l| (g.id, l)))
                    .collect(),
                next_goroutine.and_then(|id| {
                    s.goroutines
                        .iter()
                        .find(|g| g.id == id)
                        .and_then(|g| g.line)
                }),
                visible_goroutines(s),
                nil_channels(s),
            ),
            None => (Vec::new(), None, Vec::new(), Vec::new()),
        };
        let narration = match &snapshot {
            _ if !self.ctl.errors().is_empty() => Narration::CompileErrors,
            Some(s) if position == 0 && s.ending.is_none() => Narration::Ready,
            _ => Narration::Step {
                ran: self.last_ran(),
            },
        };
        Frame {
            position,
            planned: self.ctl.planned(),
            ended: self.ctl.is_ended(),
            cap: self.ctl.cap(),
            runnable: self.ctl.runnable(),
            next_goroutine,
            markers,
            next_line,
            narration,
            goroutines,
            nil_channels,
            snapshot,
        }
    }
}

/// Channel-typed variables holding nil, found in the goroutines' locals
/// (first by name).
pub fn nil_channels(s: &Snapshot) -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = Vec::new();
    for g in &s.goroutines {
        for f in &g.frames {
            for l in &f.locals {
                if l.nil_channel && !out.iter().any(|(n, _)| *n == l.name) {
                    out.push((l.name.clone(), l.ty.clone()));
                }
            }
        }
    }
    out
}

/// Goroutines shown in the list (the dead ones are left out), by id.
pub fn visible_goroutines(snap: &Snapshot) -> Vec<u32> {
    let mut ids: Vec<u32> = snap
        .goroutines
        .iter()
        .filter(|g| g.is_live())
        .map(|g| g.id)
        .collect();
    gosim::util::order::sort(&mut ids);
    ids
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cases;

    fn case(prefix: &str) -> &'static Case {
        cases::all()
            .iter()
            .find(|c| c.slug.starts_with(prefix) || c.number.to_string() == prefix)
            .expect("the case is embedded")
    }

    fn run_all(m: &mut PlayModel) {
        m.apply(Cmd::RunToEnd);
        let mut guard = 0;
        while m.running && guard < 100_000 {
            m.apply(Cmd::Tick);
            guard += 1;
        }
        assert!(!m.running, "the run ends");
    }

    #[test]
    fn share_link_restores_the_exact_step() {
        let c = case("4");
        let mut m = PlayModel::new(c, "");
        for _ in 0..7 {
            m.apply(Cmd::Step);
        }
        m.apply(Cmd::Share);
        let fragment = m.share.clone().expect("share sets the fragment");
        let query = fragment.split_once('?').map(|(_, q)| q).unwrap_or("");
        let mut restored = PlayModel::new(c, query);
        assert!(restored.link_error.is_none());
        assert_eq!(restored.ctl.position(), 7);
        assert_eq!(restored.ctl.snapshot(), m.ctl.snapshot());
    }

    #[test]
    fn edited_code_travels_in_the_link_and_bad_links_say_so() {
        let c = case("4");
        let mut m = PlayModel::new(c, "");
        m.apply(Cmd::Edit);
        m.apply(Cmd::Draft(
            "package main\n\nimport \"fmt\"\n\nfunc main() { fmt.Println(\"hi\") }\n".into(),
        ));
        m.apply(Cmd::RunDraft);
        assert_eq!(m.variant, Variant::Edited);
        run_all(&mut m);
        assert_eq!(
            m.ctl.snapshot().map(|s| s.stdout.clone()).as_deref(),
            Some("hi\n")
        );
        let fragment = m.share_fragment();
        let query = fragment.split_once('?').map(|(_, q)| q).unwrap_or("");
        let r = PlayModel::new(c, query);
        assert_eq!(r.variant, Variant::Edited);
        assert!(r.source.contains("hi"));
        let bad = PlayModel::new(c, "code=@@@&step=3");
        assert_eq!(bad.link_error, Some(ShareError::BadCode));
        assert_eq!(bad.variant, Variant::Original);
        let bad_fix = PlayModel::new(c, "fix=9");
        assert!(bad_fix.link_error.is_some());
    }

    #[test]
    fn go_version_switch_changes_case14_output() {
        let c = case("14");
        let mut m = PlayModel::new(c, "");
        m.apply(Cmd::SetGo(GoVersion::GO1_21));
        run_all(&mut m);
        let old = m.ctl.snapshot().map(|s| s.stdout.clone());
        m.apply(Cmd::SetGo(GoVersion::GO1_22));
        assert_eq!(m.ctl.position(), 0);
        run_all(&mut m);
        let new = m.ctl.snapshot().map(|s| s.stdout.clone());
        assert_eq!(old.as_deref(), Some("3\n3\n3\n"));
        assert_ne!(old, new);
    }

    #[test]
    fn explore_lists_outcomes_while_it_runs_and_loads_them_when_done() {
        let mut m = PlayModel::new(case("16"), "");
        m.apply(Cmd::ExploreStart);
        let mut ticks = 0;
        let live: Vec<String> = loop {
            assert!(m.exploring() && ticks < 10_000, "no outcome before the end");
            m.apply(Cmd::ExploreTick);
            ticks += 1;
            let run = m.explore.as_ref().expect("a run");
            if let Some((_, _, found)) = run.progress() {
                if !found.is_empty() && m.exploring() {
                    break found.iter().map(|o| o.stdout.clone()).collect();
                }
            }
        };
        // Not loadable until the schedules are minimized.
        assert!(!m.apply(Cmd::LoadOutcome(0)));
        while m.exploring() && ticks < 100_000 {
            m.apply(Cmd::ExploreTick);
            ticks += 1;
        }
        let run = m.explore.as_ref().expect("a run");
        assert!(run.progress().is_none(), "no live view once done");
        let report = run.report.as_ref().expect("exploration ends");
        let done: Vec<String> = report.outcomes.iter().map(|o| o.stdout.clone()).collect();
        assert!(done.starts_with(&live), "{live:?} then {done:?}");
        assert!(m.apply(Cmd::LoadOutcome(0)));
    }

    #[test]
    fn fixes_load_and_explore_finds_outcomes_to_load() {
        let c = case("4");
        let mut m = PlayModel::new(c, "");
        assert!(m.apply(Cmd::ShowVariant(Variant::Fix(0))));
        assert_eq!(m.source, c.fixes[0].source);
        m.apply(Cmd::ShowVariant(Variant::Original));
        m.apply(Cmd::ExploreStart);
        let mut guard = 0;
        while m.exploring() && guard < 10_000 {
            m.apply(Cmd::ExploreTick);
            guard += 1;
        }
        let report = m
            .explore
            .as_ref()
            .and_then(|r| r.report.clone())
            .expect("exploration ends");
        assert!(report
            .outcomes
            .iter()
            .any(|o| o.class == gosim::snapshot::OutcomeClass::Deadlock));
        assert!(m.apply(Cmd::LoadOutcome(0)));
        assert_eq!(m.ctl.config().step_by, StepBy::SchedulingPoint);
        assert_eq!(m.ctl.position(), 0);
        assert!(m.ctl.planned() > 0);
        run_all(&mut m);
        assert!(m.ctl.snapshot().and_then(|s| s.ending.clone()).is_some());
    }

    #[test]
    fn every_runnable_case_reaches_a_verdict() {
        for c in cases::all().iter().filter(|c| c.runnable) {
            let mut m = PlayModel::new(c, "");
            assert!(
                m.ctl.errors().is_empty(),
                "{}: {:?}",
                c.slug,
                m.ctl.errors()
            );
            // Scheduling-point steps reach the same verdict in fewer steps
            // (statement stepping of every case runs in the e2e suite).
            m.apply(Cmd::SetStepBy(StepBy::SchedulingPoint));
            run_all(&mut m);
            let snap = m.ctl.snapshot().expect("compiles");
            eprintln!(
                "{}: {} steps, {} instructions",
                c.slug,
                m.ctl.position(),
                snap.instructions
            );
            assert!(snap.ending.is_some() || m.ctl.capped(), "{} ends", c.slug);
        }
    }

    #[test]
    fn far_jumps_run_in_slices_and_stop_at_the_target() {
        let c = case("1");
        let mut m = PlayModel::new(c, "");
        m.apply(Cmd::Goto(10));
        assert_eq!(m.ctl.position(), 10);
        // More than one tick's worth at full speed (the native clock stands
        // still, so a tick is bounded by its step count).
        let target = 10 + SYNC_JUMP + SPEEDS[MAX_SPEED].1 + 500;
        m.apply(Cmd::Goto(target));
        assert_eq!(
            m.ctl.position(),
            10,
            "a far jump does not run synchronously"
        );
        assert!(m.running && m.seek == Some(target));
        let mut ticks = 0;
        while m.running && ticks < 1000 {
            m.apply(Cmd::Tick);
            ticks += 1;
        }
        assert_eq!(m.ctl.position(), target);
        assert!(ticks >= 2, "it took several slices");
        assert_eq!(m.seek, None);
        // Back lands exactly; a link restores the step and its narration.
        m.apply(Cmd::Back);
        assert_eq!(m.ctl.position(), target - 1);
        let query = m.share_fragment();
        let restored = PlayModel::new(c, query.split_once('?').map_or("", |(_, q)| q));
        assert_eq!(restored.ctl.position(), target - 1);
        assert_eq!(restored.last_ran(), m.last_ran());
    }

    #[test]
    fn pick_index_runs_the_nth_listed_goroutine() {
        let c = case("14");
        let mut m = PlayModel::new(c, "");
        // Step until several goroutines can run, then pick by list number.
        let mut done = false;
        for _ in 0..200 {
            let options = m.ctl.runnable();
            if options.len() > 1 {
                let snap = m.ctl.snapshot().expect("compiles");
                let listed = visible_goroutines(&snap);
                let target = options[1];
                let index = listed
                    .iter()
                    .position(|&g| g == target)
                    .expect("runnable is listed")
                    + 1;
                assert!(m.apply(Cmd::PickIndex(index)));
                assert_eq!(m.last_ran(), Some(target));
                done = true;
                break;
            }
            m.apply(Cmd::Step);
        }
        assert!(done);
        assert!(!m.apply(Cmd::PickIndex(0)));
    }
}
