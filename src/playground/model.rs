//! The playground page's model: which program is loaded (the case, one of
//! its fixes, or edited code), run settings, the run/pause and speed
//! state, the editor, the help overlay, share links, the exploration in
//! progress, what screen readers are told and when, and which goroutines
//! and state panel are on screen. Every user action is a `Cmd`, applied
//! by `PlayModel::apply`; everything a render needs is decided by
//! `PlayModel::frame`.
//!
//! Owns the rules that connect those pieces (switching the Go version
//! restarts the run and marks explored outcomes stale, an outcome loads
//! only onto the program and release it was found on, a share link
//! restores the exact step or says why not, Run announces at a readable
//! rate). It is plain Rust over `Controller` and gosim's `Explorer`, with
//! no browser access, so it is tested natively; timers, focus, scrolling
//! and the URL are the component's job.

use std::rc::Rc;

use gosim::explore::{ExploreConfig, ExploreReport, Explorer, Outcome};
use gosim::session::StepBy;
use gosim::snapshot::{GoroutineGroup, GoroutineStatus, ObjectKind, OutcomeClass, Snapshot};
use gosim::GoVersion;

use crate::cases::Case;
use crate::i18n::play;
use crate::i18n::Language;
use crate::playground::controller::{source_fits, Cap, Controller, PlayConfig, SourceSize};
use crate::playground::embed::{page_hash, EmbedTarget};
use crate::playground::share::{go_from_key, ShareError, ShareState};
use crate::playground::source_view::{highlight_lines, Highlighted};

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

/// Work a near jump (up to `SYNC_JUMP` steps) does at once, before the
/// rest goes on in timer slices: a few milliseconds.
const SYNC_JUMP_WORK: u64 = 200_000;

/// Work (gosim's steps: instructions plus charged work) between clock
/// checks while running: well under a millisecond natively. A count of
/// statement steps would not do: with a step of 3 ms (an insert of a 1 MiB
/// key into a map whose keys share a long prefix), 50 steps held the page
/// for 175 ms.
const TICK_WORK: u64 = 20_000;
/// Time one run tick may take before it yields to the page, in ms.
const TICK_BUDGET_MS: f64 = 12.0;

/// VM steps of exploration per animation tick.
pub const EXPLORE_SLICE: u64 = 20_000;

/// While running, a screen reader hears the step at most this often, in
/// ms (15 announcements a second is noise, not narration).
pub const ANNOUNCE_EVERY_MS: f64 = 3_000.0;

/// With more live goroutines than this, the list shows groups (by state
/// and place) instead of one card each.
pub const CARD_LIMIT: usize = 24;

/// Goroutines of an opened group shown per page.
pub const GROUP_PAGE: usize = 48;

/// Objects drawn before the rest are counted as "more".
pub const OBJECTS_SHOWN: usize = 24;

/// How far "Raise the limit" raises the budget that stopped a run.
const RAISE_FACTOR: u64 = 10;
/// The highest a raised budget goes: beyond this the tab's memory is the
/// limit, not the page's caution.
const MAX_INSTRUCTIONS_RAISED: u64 = 200_000_000;
const MAX_POSITIONS_RAISED: usize = 2_000_000;
const MAX_CHECKPOINT_UNITS_RAISED: u64 = 20_000_000;
/// gosim's own default: the most a run may hold anywhere.
const MAX_MEMORY_RAISED: u64 = gosim::config::DEFAULT_MAX_MEMORY;

/// Which program is loaded.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Variant {
    Original,
    Fix(usize),
    Edited,
}

/// The state panel shown on a narrow screen (a wide one shows them all).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Tab {
    Goroutines,
    Objects,
    Output,
}

impl Tab {
    pub const ALL: [Tab; 3] = [Tab::Goroutines, Tab::Objects, Tab::Output];

    /// The `data-tab` value (never translated).
    pub fn key(self) -> &'static str {
        match self {
            Tab::Goroutines => "goroutines",
            Tab::Objects => "objects",
            Tab::Output => "output",
        }
    }
}

/// A budget that stopped a run and that the page can raise.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Limit {
    /// gosim's instruction budget, raised to this many.
    Instructions(u64),
    /// The page's history of steps, raised to this many.
    Positions(usize),
    /// The memory of the step-back copies, raised to this many objects.
    CheckpointMemory(u64),
    /// gosim's memory budget, raised to this many bytes.
    Memory(u64),
}

/// What the page tells the reader after an action, besides the narration.
#[derive(Clone, Debug, PartialEq)]
pub enum Notice {
    /// An explored outcome was loaded: its number (1-based), class, how
    /// many steps its run takes, its context switches, and whether the step
    /// granularity changed to scheduling points for it.
    Loaded {
        number: usize,
        class: OutcomeClass,
        steps: usize,
        switches: usize,
        by_scheduling_point_now: bool,
    },
    /// "Load" was refused: the outcomes were found on another program,
    /// release or seed.
    StaleOutcome,
    /// A budget was raised and the run goes on to the end again.
    Raised(Limit),
}

/// An exploration in progress or finished, and what it explored.
pub struct ExploreRun {
    explorer: Option<Explorer>,
    pub error: Option<gosim::CompileErrors>,
    pub slices: u32,
    pub report: Option<ExploreReport>,
    /// The program explored (outcomes load only against it).
    source: String,
    go: GoVersion,
    seed: Option<u64>,
    /// Stopped early by a change of program, release or seed.
    pub interrupted: bool,
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

    /// Whether these results belong to `source` under `config`.
    pub fn matches(&self, source: &str, config: &PlayConfig) -> bool {
        self.source == source && self.go == config.go && self.seed == config.seed
    }

    /// The release it explored under.
    pub fn go(&self) -> GoVersion {
        self.go
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
    /// Run to the end at full speed (the speed setting stays).
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
    Draft(Rc<str>),
    RunDraft,
    CancelEdit,
    /// A paste was kept out of the editor: the text would have been this
    /// large (see [`source_fits`]).
    PasteRefused(SourceSize),
    ToggleHelp,
    CloseHelp,
    Share,
    /// Shows or hides "Embed this" (the element, iframe and link).
    ToggleEmbed,
    ExploreStart,
    ExploreStop,
    ExploreTick,
    LoadOutcome(usize),
    /// Raise the budget that stopped the run, and run to the end again.
    RaiseLimit,
    /// Show this state panel on a narrow screen.
    ShowTab(Tab),
    /// Open or close a group of goroutines (by its index in the frame's
    /// groups), on its first page.
    ToggleGroup(usize),
    /// Show page `n` (0-based) of the open group.
    GroupPage(usize),
    /// Describe this goroutine in full (its card, stack and locals).
    Inspect(Option<u32>),
    /// Close the notice.
    DismissNotice,
}

/// What identifies a group of goroutines from one step to the next.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct GroupKey {
    pub status: GoroutineStatus,
    pub wait_reason: Option<String>,
    pub line: Option<u32>,
    pub created_line: Option<u32>,
    pub object: Option<u32>,
}

impl GroupKey {
    fn of(g: &GoroutineGroup) -> GroupKey {
        GroupKey {
            status: g.status,
            wait_reason: g.wait_reason.clone(),
            line: g.line,
            created_line: g.created_line,
            object: g.waiting_on,
        }
    }
}

/// When the screen reader last heard about the run, and whether the next
/// render should tell it again.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
struct Announcer {
    /// The next render sets the live region's text.
    due: bool,
    /// The clock when it was last set (running only).
    last_ms: Option<f64>,
}

/// What the goroutines looked like before a single forward step: (id, line)
/// of the described ones and the output length, so the narration can say
/// which line a goroutine ran and the page what the step changed.
#[derive(Clone, Debug, Default)]
struct Before {
    position: usize,
    lines: Vec<(u32, Option<u32>)>,
    stdout_len: usize,
}

pub struct PlayModel {
    case: &'static Case,
    pub variant: Variant,
    pub source: String,
    pub lines: Rc<Highlighted>,
    pub ctl: Controller,
    pub running: bool,
    pub speed: usize,
    /// Running to the end at full speed (Cmd::RunToEnd).
    pub to_end: bool,
    pub editing: bool,
    /// The editor's text: what it opened with, then what was typed (shared,
    /// so handing it on copies nothing).
    pub draft: Rc<str>,
    /// The editor's text is larger than the page takes (Run keeps the
    /// editor open and says so), or a paste would have made it so (true).
    pub too_large: Option<(SourceSize, bool)>,
    pub help: bool,
    /// Why the link this page was opened with could not be used (fully or
    /// at all).
    pub link_error: Option<ShareError>,
    /// The fragment (`#/case/...?...`) for the current state, once asked for.
    pub share: Option<String>,
    /// "Embed this" is open.
    pub embed_open: bool,
    pub explore: Option<ExploreRun>,
    /// A far forward jump in progress: run (at full speed) until this step.
    pub seek: Option<usize>,
    pub notice: Option<Notice>,
    /// The state panel picked on a narrow screen (a step follows its
    /// change again).
    pub tab: Option<Tab>,
    /// The open group of goroutines and its page.
    pub open_group: Option<(GroupKey, usize)>,
    /// The goroutine described in full on request.
    pub inspected: Option<u32>,
    /// The live region's text: what a screen reader was last told.
    pub announced: String,
    announcer: Announcer,
    before: Option<Before>,
    /// A command waits for its program to be compiled (the page shows it;
    /// see `programs`).
    pub compiling: bool,
    /// Milliseconds from some origin (`performance.now()` in the browser);
    /// bounds the work of one tick. Natively it stands still, so a tick is
    /// bounded by its step count alone.
    pub clock: fn() -> f64,
}

fn case_go(case: &Case) -> GoVersion {
    case.go.and_then(go_from_key).unwrap_or(GoVersion::CURRENT)
}

/// The Go releases the version switch offers for `case`: the loop-variable
/// change (1.21, 1.22), the timer change (1.23) and the current release,
/// plus the release the case is meant for (Go 1.15 for the sync.Map case)
/// and Go 1.16, where that release's behaviour changed.
pub fn go_choices(case: &Case) -> Vec<GoVersion> {
    let mut out = vec![
        GoVersion::GO1_21,
        GoVersion::GO1_22,
        GoVersion::GO1_23,
        GoVersion::CURRENT,
    ];
    let meant = case_go(case);
    if meant.syncmap_delete_keeps_dirty() {
        if let Some(fixed) = GoVersion::parse("1.16") {
            out.insert(0, fixed);
        }
    }
    if !out.contains(&meant) {
        out.insert(0, meant);
    }
    gosim::util::order::sort(&mut out);
    out
}

/// What a page opens with, read from the case and a share link's query:
/// the program, its configuration and the link's schedule and errors.
struct Opening {
    link: ShareState,
    link_error: Option<ShareError>,
    variant: Variant,
    source: String,
    config: PlayConfig,
}

impl Opening {
    fn read(case: &'static Case, query: &str) -> Opening {
        let (link, mut link_error) = match ShareState::from_link(case.slug, query) {
            Ok(s) => (s, None),
            Err(e) => (ShareState::default(), Some(e)),
        };
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
        Opening {
            link,
            link_error,
            variant,
            source,
            config,
        }
    }
}

impl PlayModel {
    /// The model for `case`, restored from a share link's query (`query`
    /// without `?`; empty for a plain case link).
    pub fn new(case: &'static Case, query: &str) -> PlayModel {
        let Opening {
            link,
            mut link_error,
            variant,
            source,
            config,
        } = Opening::read(case, query);
        let mut ctl = Controller::new(&source, config);
        let foreign = link
            .program_hash
            .is_some_and(|h| h != gosim::share::program_hash(&source));
        if foreign {
            link_error = Some(ShareError::Schedule(
                gosim::share::ShareError::ProgramMismatch,
            ));
        } else if !link.schedule.is_empty() || link.step.is_some() {
            if let Some(misfit) = ctl.load_schedule(&link.schedule, link.step) {
                link_error = Some(ShareError::Misfit {
                    index: misfit.index,
                    choice: misfit.choice,
                    options: misfit.options,
                });
            } else if let Some(asked) = link.step.filter(|&s| s > ctl.position()) {
                link_error = Some(ShareError::PastTheEnd {
                    asked,
                    end: ctl.position(),
                });
            }
        }
        PlayModel {
            case,
            variant,
            lines: Rc::new(highlight_lines(&source)),
            source,
            ctl,
            running: false,
            speed: DEFAULT_SPEED,
            to_end: false,
            editing: false,
            draft: Rc::from(""),
            too_large: None,
            help: false,
            link_error,
            share: None,
            embed_open: false,
            explore: None,
            seek: None,
            notice: None,
            tab: None,
            open_group: None,
            inspected: None,
            announced: String::new(),
            announcer: Announcer::default(),
            before: None,
            compiling: false,
            clock: || 0.0,
        }
    }

    pub fn case(&self) -> &'static Case {
        self.case
    }

    /// The program (source and release) a page opened with `query` starts
    /// with: what must be compiled before [`PlayModel::new`] runs.
    pub fn opening_program(case: &'static Case, query: &str) -> (String, GoVersion) {
        let opening = Opening::read(case, query);
        (opening.source, opening.config.go)
    }

    /// The program `cmd` would switch to, if it switches program or
    /// release: the page has it compiled before it applies `cmd`.
    pub fn program_for(&self, cmd: &Cmd) -> Option<(String, GoVersion)> {
        let go = self.ctl.config().go;
        match cmd {
            Cmd::SetGo(new) => Some((self.source.clone(), *new)),
            Cmd::ShowVariant(Variant::Original) => Some((self.case.source.to_string(), go)),
            Cmd::ShowVariant(Variant::Fix(i)) => {
                Some((self.case.fixes.get(*i)?.source.to_string(), go))
            }
            // Too large a draft is refused, not compiled.
            Cmd::RunDraft => source_fits(&self.draft)
                .is_ok()
                .then(|| (self.draft.to_string(), go)),
            _ => None,
        }
    }

    /// Timer interval while running, in ms.
    pub fn interval_ms(&self) -> u32 {
        // A long step under way goes on at every frame, whatever the speed
        // (the speed still counts the steps a tick completes).
        if self.ctl.in_step() {
            return SPEEDS[MAX_SPEED].0;
        }
        SPEEDS[self.effective_speed()].0
    }

    fn effective_speed(&self) -> usize {
        if self.seek.is_some() || self.to_end {
            MAX_SPEED
        } else {
            self.speed.min(MAX_SPEED)
        }
    }

    pub fn exploring(&self) -> bool {
        self.explore.as_ref().is_some_and(ExploreRun::running)
    }

    /// The explored outcomes belong to another program, release or seed.
    pub fn explore_stale(&self) -> bool {
        self.explore
            .as_ref()
            .is_some_and(|run| !run.matches(&self.source, &self.ctl.config()))
    }

    /// Whether the next render should update what a screen reader is told;
    /// the render then sets `announced` and calls `announced_now`.
    pub fn announce_due(&self) -> bool {
        self.announcer.due
    }

    /// The render has set `announced`.
    pub fn announced_now(&mut self) {
        self.announcer.due = false;
    }

    fn load(&mut self, variant: Variant, source: String, config: PlayConfig) {
        self.variant = variant;
        if source != self.source {
            self.lines = Rc::new(highlight_lines(&source));
            self.source = source;
        }
        self.ctl = Controller::new(&self.source, config);
        self.running = false;
        self.to_end = false;
        self.seek = None;
        self.share = None;
        self.open_group = None;
        self.inspected = None;
        self.before = None;
        self.announcer.due = true;
        // An exploration of the program that was on screen stops; its
        // results stay, marked stale unless this is the same program.
        if let Some(run) = &mut self.explore {
            if run.running() && !run.matches(&self.source, &config) {
                run.report = run.explorer.as_ref().map(Explorer::report);
                run.interrupted = true;
            }
        }
    }

    fn reload(&mut self, config: PlayConfig) {
        let source = self.source.clone();
        self.load(self.variant, source, config);
    }

    /// Remembers where the goroutines are before one forward step.
    fn note_before(&mut self) {
        let position = self.ctl.position();
        self.before = self.ctl.snapshot().map(|s| Before {
            position,
            lines: s.goroutines.iter().map(|g| (g.id, g.line)).collect(),
            stdout_len: s.stdout.len(),
        });
    }

    /// After a step the reader asked for: tell the screen reader, follow
    /// the change on a narrow screen.
    fn stepped(&mut self) {
        self.share = None;
        self.tab = None;
        self.announcer.due = true;
        self.announcer.last_ms = None;
    }

    /// The goroutine that ran the last step.
    pub fn last_ran(&self) -> Option<u32> {
        self.ctl.history().last().map(|s| s.ran)
    }

    fn stop_running(&mut self) {
        if self.running {
            // The end of a run is worth hearing.
            self.announcer.due = true;
        }
        self.running = false;
        self.to_end = false;
    }

    /// Applies one action; returns whether anything visible changed.
    pub fn apply(&mut self, cmd: Cmd) -> bool {
        if !matches!(cmd, Cmd::Tick | Cmd::ExploreTick | Cmd::Draft(_)) {
            // Any other action interrupts a far jump in progress.
            self.seek = None;
        }
        match cmd {
            Cmd::Step => {
                self.stop_running();
                self.note_before();
                let at = self.ctl.position();
                // A step of more than a slice of work (a library call that
                // sorts a million elements) goes on in timer slices.
                self.ctl.run_for(1, SYNC_JUMP_WORK);
                if self.ctl.in_step() {
                    self.seek = Some(at + 1);
                    self.running = true;
                }
                self.stepped();
                self.ctl.position() > at || self.ctl.in_step()
            }
            Cmd::Back => {
                self.stop_running();
                self.before = None;
                self.ctl.back();
                self.stepped();
                true
            }
            Cmd::Reset => {
                self.stop_running();
                self.before = None;
                self.ctl.reset();
                self.stepped();
                true
            }
            Cmd::Goto(n) => {
                self.stop_running();
                self.before = None;
                if n > self.ctl.position() + SYNC_JUMP {
                    self.seek = Some(n);
                    self.running = true;
                    return true;
                }
                if n == self.ctl.position() + 1 {
                    self.note_before();
                }
                if n > self.ctl.position() {
                    // Near, but the steps may be heavy: what does not fit
                    // in one slice of work goes on in timer slices.
                    let ahead = n - self.ctl.position();
                    self.ctl.run_for(ahead, SYNC_JUMP_WORK);
                    if self.ctl.position() < n && !self.ctl.is_ended() {
                        self.seek = Some(n);
                        self.running = true;
                    }
                } else {
                    self.ctl.goto(n);
                }
                self.stepped();
                true
            }
            Cmd::Pick(g) => {
                self.stop_running();
                self.note_before();
                let moved = self.ctl.step_goroutine(g);
                self.stepped();
                moved
            }
            Cmd::PickIndex(i) => {
                let gid = self.frame().cards.get(i.wrapping_sub(1)).copied();
                match gid {
                    Some(g) => self.apply(Cmd::Pick(g)),
                    None => false,
                }
            }
            Cmd::ToggleRun => {
                if self.running {
                    self.stop_running();
                } else if !self.ctl.is_ended() {
                    self.running = true;
                    self.announcer.last_ms = None;
                }
                true
            }
            Cmd::RunToEnd => {
                if self.ctl.is_ended() {
                    return false;
                }
                self.running = true;
                self.to_end = true;
                self.announcer.last_ms = None;
                true
            }
            Cmd::Pause => {
                let was = self.running;
                self.stop_running();
                was
            }
            Cmd::Tick => {
                if !self.running {
                    return false;
                }
                self.before = None;
                let mut per_tick = SPEEDS[self.effective_speed()].1;
                if let Some(target) = self.seek {
                    per_tick = per_tick.min(target.saturating_sub(self.ctl.position()));
                }
                // Run in small chunks until the slice's time is used up, so a
                // program whose steps grow expensive never stalls a frame.
                let start = (self.clock)();
                if per_tick == 1 {
                    self.note_before();
                }
                let mut left = per_tick;
                while left > 0 {
                    let n = self.ctl.run_for(left, TICK_WORK);
                    left -= n.min(left);
                    // A long step cut off goes on in the same tick while
                    // its time lasts.
                    let stalled = n == 0 && !self.ctl.in_step();
                    if stalled || (self.clock)() - start > TICK_BUDGET_MS {
                        break;
                    }
                }
                self.share = None;
                let arrived = self.seek.is_some_and(|t| self.ctl.position() >= t);
                if self.ctl.is_ended() || arrived {
                    self.stop_running();
                    self.seek = None;
                } else {
                    // A readable rate: the step now and then, not every one.
                    let now = (self.clock)();
                    match self.announcer.last_ms {
                        Some(last) if now - last < ANNOUNCE_EVERY_MS => {}
                        _ => {
                            self.announcer.due = true;
                            self.announcer.last_ms = Some(now);
                        }
                    }
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
                self.stop_running();
                self.editing = true;
                self.draft = Rc::from(self.source.as_str());
                true
            }
            Cmd::Draft(text) => {
                self.draft = text;
                // Typing is not redrawn, except to take the warning away
                // once the text fits.
                let fits = self.too_large.is_some() && source_fits(&self.draft).is_ok();
                if fits {
                    self.too_large = None;
                }
                fits
            }
            Cmd::PasteRefused(size) => {
                self.too_large = Some((size, true));
                true
            }
            Cmd::RunDraft => {
                if let Err(size) = source_fits(&self.draft) {
                    // The text stays in the editor: nothing is lost.
                    self.too_large = Some((size, false));
                    return true;
                }
                self.too_large = None;
                let source = std::mem::replace(&mut self.draft, Rc::from("")).to_string();
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
                self.too_large = None;
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
            Cmd::ToggleEmbed => {
                self.embed_open = !self.embed_open;
                true
            }
            Cmd::Share => {
                self.share = Some(self.share_fragment());
                true
            }
            Cmd::ExploreStart => {
                let config = self.ctl.config();
                let run = config.run_config();
                let (explorer, error) = match crate::programs::compiled(&self.source, &run) {
                    Ok(prog) => (
                        Some(Explorer::with_program(prog, &run, ExploreConfig::default())),
                        None,
                    ),
                    Err(text) => (None, Some(text)),
                };
                self.explore = Some(ExploreRun {
                    explorer,
                    error,
                    slices: 0,
                    report: None,
                    source: self.source.clone(),
                    go: config.go,
                    seed: config.seed,
                    interrupted: false,
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
                        // Slices until the tick's time is used up (each is
                        // well under a millisecond); a clock that does not
                        // move, as in native tests, gets one slice a tick.
                        let start = (self.clock)();
                        loop {
                            run.slices += 1;
                            if explorer.work(EXPLORE_SLICE) {
                                run.report = Some(explorer.report());
                                break;
                            }
                            let spent = (self.clock)() - start;
                            if spent <= 0.0 || spent > TICK_BUDGET_MS {
                                break;
                            }
                        }
                    }
                    true
                }
                _ => false,
            },
            Cmd::LoadOutcome(i) => self.load_outcome(i),
            Cmd::RaiseLimit => {
                let Some(limit) = self.frame().raise else {
                    return false;
                };
                let mut config = self.ctl.config();
                match limit {
                    Limit::Instructions(n) => config.max_instructions = n,
                    Limit::Positions(n) => config.max_positions = n,
                    Limit::CheckpointMemory(n) => config.max_checkpoint_units = n,
                    Limit::Memory(n) => config.max_memory = n,
                }
                let schedule = self.ctl.choices();
                self.reload(config);
                // The same run, further: its choices, then Go's own order.
                self.ctl = Controller::replaying(&self.source, config, schedule);
                self.running = true;
                self.to_end = true;
                self.notice = Some(Notice::Raised(limit));
                true
            }
            Cmd::ShowTab(tab) => {
                let changed = self.tab != Some(tab);
                self.tab = Some(tab);
                changed
            }
            Cmd::ToggleGroup(i) => {
                let Some(key) = self
                    .ctl
                    .snapshot()
                    .and_then(|s| live_groups(&s).get(i).map(|g| GroupKey::of(g)))
                else {
                    return false;
                };
                self.open_group = match &self.open_group {
                    Some((open, _)) if *open == key => None,
                    _ => Some((key, 0)),
                };
                true
            }
            Cmd::GroupPage(page) => match &mut self.open_group {
                Some((_, p)) => {
                    *p = page;
                    true
                }
                None => false,
            },
            Cmd::Inspect(g) => {
                self.inspected = g;
                self.ctl.set_focus(g.into_iter().collect());
                true
            }
            Cmd::DismissNotice => self.notice.take().is_some(),
        }
    }

    /// Loads explored outcome `i` (its minimized schedule) onto the program
    /// on screen, stepping by scheduling point from step 0; refused (with a
    /// notice) when the outcomes were found on something else.
    fn load_outcome(&mut self, i: usize) -> bool {
        let Some(run) = &self.explore else {
            return false;
        };
        if !run.matches(&self.source, &self.ctl.config()) {
            self.notice = Some(Notice::StaleOutcome);
            return true;
        }
        let Some(outcome) = run.report.as_ref().and_then(|r| r.outcomes.get(i)) else {
            return false;
        };
        let (schedule, class, switches) =
            (outcome.schedule.clone(), outcome.class, outcome.switches);
        let before = self.ctl.config();
        let config = PlayConfig {
            step_by: StepBy::SchedulingPoint,
            ..before
        };
        let source = self.source.clone();
        self.load(self.variant, source, config);
        self.ctl.load_schedule(&schedule, None);
        let steps = self.ctl.position();
        self.ctl.goto(0);
        self.notice = Some(Notice::Loaded {
            number: i + 1,
            class,
            steps,
            switches,
            by_scheduling_point_now: before.step_by != StepBy::SchedulingPoint,
        });
        true
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
        format!(
            "{}?{}",
            page_hash(self.case),
            state.to_link_query(self.case.slug)
        )
    }

    /// What "Embed this" offers: this program at this step.
    pub fn embed_target(&self, lang: Language) -> EmbedTarget<'_> {
        let config = self.ctl.config();
        EmbedTarget {
            case: self.case,
            code: (self.variant == Variant::Edited).then_some(self.source.as_str()),
            fix: match self.variant {
                Variant::Fix(i) => Some(i),
                _ => None,
            },
            go: config.go,
            step: self.ctl.position(),
            lang,
        }
    }
}

/// What the narration line says at the current position.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Narration {
    /// The program does not compile.
    CompileErrors,
    /// Nothing has run yet.
    Ready,
    /// What the last step did (`ran` ran it, from line `from` when known),
    /// or how the run ended.
    Step { ran: Option<u32>, from: Option<u32> },
}

/// Where goroutines stand in the listing: a line, the first few of them
/// (by id) and how many there are.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LineMark {
    pub line: u32,
    pub ids: Vec<u32>,
    pub count: usize,
}

/// Markers shown per line before the rest are counted.
pub const MARKS_PER_LINE: usize = 3;

/// What the last step changed, so the page can show it.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Changed {
    /// The object the step's first event was about.
    pub object: Option<u32>,
    /// The goroutine that ran.
    pub goroutine: Option<u32>,
    /// It printed something.
    pub output: bool,
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
    /// The budget the reader may raise, when one stopped the run.
    pub raise: Option<Limit>,
    /// The goroutines on screen (the cards and the open group's page) that
    /// can be picked to run next, ascending.
    pub runnable: Vec<u32>,
    /// The goroutine the next step runs.
    pub next_goroutine: Option<u32>,
    /// Goroutines per line of the listing.
    pub markers: Vec<LineMark>,
    /// The line the next step runs.
    pub next_line: Option<u32>,
    pub narration: Narration,
    /// Live goroutines.
    pub live: usize,
    /// Goroutine cards, in order (keys 1 to 9 pick the first nine): every
    /// live goroutine, or with more than `CARD_LIMIT` the ones that matter
    /// now (the one that ran, the next one, the inspected one).
    pub cards: Vec<u32>,
    /// More than `CARD_LIMIT` live goroutines: the list shows groups.
    pub grouped: bool,
    /// The open group (an index into the snapshot's live groups) and the
    /// ids on its page, and how many pages it has.
    pub open_group: Option<(usize, Vec<u32>, usize, usize)>,
    /// Channel-typed variables holding nil: (name, type).
    pub nil_channels: Vec<(String, String)>,
    /// Objects drawn (indices into the snapshot's objects) and how many
    /// more exist.
    pub objects: Vec<usize>,
    pub more_objects: usize,
    pub changed: Changed,
    /// The state panel a narrow screen shows.
    pub tab: Tab,
    /// Explored outcomes are for another program, release or seed.
    pub explore_stale: bool,
}

/// The live goroutines' groups, as the list shows them.
pub fn live_groups(s: &Snapshot) -> Vec<&GoroutineGroup> {
    s.groups
        .iter()
        .filter(|g| g.status != GoroutineStatus::Dead)
        .collect()
}

impl PlayModel {
    /// The frame at the current position.
    pub fn frame(&mut self) -> Frame {
        let snapshot = self.ctl.snapshot();
        let position = self.ctl.position();
        let next_goroutine = self.ctl.next_goroutine();
        let ran = self.last_ran();
        let before = self.before.as_ref().filter(|b| b.position + 1 == position);
        let from = before.and_then(|b| {
            b.lines
                .iter()
                .find(|(g, _)| Some(*g) == ran)
                .and_then(|(_, l)| *l)
        });
        let narration = match &snapshot {
            _ if !self.ctl.errors().is_empty() => Narration::CompileErrors,
            Some(s) if position == 0 && s.ending.is_none() => Narration::Ready,
            _ => Narration::Step { ran, from },
        };
        let mut frame = Frame {
            position,
            planned: self.ctl.planned(),
            ended: self.ctl.is_ended(),
            cap: self.ctl.cap(),
            raise: None,
            runnable: Vec::new(),
            next_goroutine,
            markers: Vec::new(),
            next_line: None,
            narration,
            live: 0,
            cards: Vec::new(),
            grouped: false,
            open_group: None,
            nil_channels: Vec::new(),
            objects: Vec::new(),
            more_objects: 0,
            changed: Changed::default(),
            tab: Tab::Goroutines,
            explore_stale: self.explore_stale(),
            snapshot: None,
        };
        frame.raise = self.raisable(snapshot.as_deref());
        let Some(s) = snapshot else {
            return frame;
        };
        frame.live = s.live_goroutines;
        frame.next_line = next_goroutine.and_then(|id| {
            s.goroutines
                .iter()
                .find(|g| g.id == id)
                .and_then(|g| g.line)
                .or_else(|| {
                    s.groups
                        .iter()
                        .find(|g| g.ids.binary_search(&id).is_ok())
                        .and_then(|g| g.line)
                })
        });
        frame.markers = markers(&s);
        let groups = live_groups(&s);
        frame.grouped = s.live_goroutines > CARD_LIMIT;
        frame.cards = if frame.grouped {
            let mut pinned: Vec<u32> = Vec::new();
            for g in [ran, next_goroutine, self.inspected].into_iter().flatten() {
                let described = s.goroutines.iter().any(|v| v.id == g && v.is_live());
                if described && !pinned.contains(&g) {
                    pinned.push(g);
                }
            }
            pinned
        } else {
            visible_goroutines(&s)
        };
        if let Some((key, page)) = &self.open_group {
            if let Some(i) = groups.iter().position(|g| GroupKey::of(g) == *key) {
                let ids = &groups[i].ids;
                let pages = ids.len().div_ceil(GROUP_PAGE).max(1);
                let page = (*page).min(pages - 1);
                let shown = ids
                    .iter()
                    .skip(page * GROUP_PAGE)
                    .take(GROUP_PAGE)
                    .copied()
                    .collect();
                frame.open_group = Some((i, shown, page, pages));
            }
        }
        // Only the goroutines on screen are asked about: the whole list is
        // linear in the runnable goroutines, each frame.
        let shown = frame.open_group.iter().flat_map(|(_, ids, ..)| ids.iter());
        let mut runnable = self
            .ctl
            .runnable_among(frame.cards.iter().chain(shown).copied());
        gosim::util::order::sort(&mut runnable);
        runnable.dedup();
        frame.runnable = runnable;
        frame.nil_channels = nil_channels(&s);
        frame.more_objects = s
            .object_count
            .saturating_sub(OBJECTS_SHOWN.min(s.objects.len()));
        frame.changed = Changed {
            object: s.events.iter().find_map(|e| e.object()),
            goroutine: ran.filter(|_| position > 0),
            output: before.is_some_and(|b| s.stdout.len() > b.stdout_len),
        };
        // Objects: the ones the step touched first, then the first others.
        let touched: Vec<usize> = s
            .objects
            .iter()
            .enumerate()
            .filter(|(_, o)| frame.changed.object == Some(o.id))
            .map(|(i, _)| i)
            .collect();
        frame.objects = (0..s.objects.len())
            .filter(|i| !touched.contains(i))
            .take(OBJECTS_SHOWN.saturating_sub(touched.len()))
            .chain(touched.iter().copied())
            .collect();
        gosim::util::order::sort(&mut frame.objects);
        frame.tab = self.tab.unwrap_or(if frame.changed.output {
            Tab::Output
        } else if frame.changed.object.is_some()
            && s.objects.iter().any(|o| Some(o.id) == frame.changed.object)
        {
            Tab::Objects
        } else if s.ending.is_some() && !s.stdout.is_empty() {
            Tab::Output
        } else {
            Tab::Goroutines
        });
        frame.snapshot = Some(s);
        frame
    }

    /// The budget the reader may raise: the one that stopped the run, if
    /// the page controls it and it is not raised to its highest yet.
    fn raisable(&self, s: Option<&Snapshot>) -> Option<Limit> {
        let config = self.ctl.config();
        match (self.ctl.cap(), s.and_then(|s| s.ending.as_ref())) {
            (Some(Cap::Steps), _) if config.max_positions < MAX_POSITIONS_RAISED => {
                Some(Limit::Positions(
                    (config.max_positions * RAISE_FACTOR as usize).min(MAX_POSITIONS_RAISED),
                ))
            }
            (Some(Cap::Memory), _) if config.max_checkpoint_units < MAX_CHECKPOINT_UNITS_RAISED => {
                Some(Limit::CheckpointMemory(
                    (config.max_checkpoint_units * RAISE_FACTOR).min(MAX_CHECKPOINT_UNITS_RAISED),
                ))
            }
            (None, Some(e))
                if e.budget == Some(gosim::snapshot::Budget::Steps)
                    && config.max_instructions < MAX_INSTRUCTIONS_RAISED =>
            {
                Some(Limit::Instructions(
                    (config.max_instructions * RAISE_FACTOR).min(MAX_INSTRUCTIONS_RAISED),
                ))
            }
            (None, Some(e))
                if e.budget == Some(gosim::snapshot::Budget::Memory)
                    && config.max_memory < MAX_MEMORY_RAISED =>
            {
                Some(Limit::Memory(MAX_MEMORY_RAISED))
            }
            _ => None,
        }
    }
}

/// Goroutines per line, from every live group (so thousands cost a few
/// markers), by line.
pub fn markers(s: &Snapshot) -> Vec<LineMark> {
    let mut out: Vec<LineMark> = Vec::new();
    for g in live_groups(s) {
        let Some(line) = g.line else { continue };
        match out.iter_mut().find(|m| m.line == line) {
            Some(m) => {
                m.count += g.ids.len();
                m.ids.extend(g.ids.iter().take(MARKS_PER_LINE));
            }
            None => out.push(LineMark {
                line,
                ids: g.ids.iter().take(MARKS_PER_LINE).copied().collect(),
                count: g.ids.len(),
            }),
        }
    }
    for m in &mut out {
        gosim::util::order::sort(&mut m.ids);
        m.ids.truncate(MARKS_PER_LINE);
    }
    gosim::util::order::sort_by_key(&mut out, |m| m.line);
    out
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
        if out.len() >= 8 {
            break;
        }
    }
    out
}

/// Lines of output drawn at each end before the middle is left out.
pub const OUTPUT_LINES: usize = 120;

/// Output as drawn: all of it, or with more than twice `OUTPUT_LINES`
/// lines, the first and the last `OUTPUT_LINES` and how many lines were
/// left out between them (a deadlock's dump of 1,000 goroutines would
/// otherwise cost every redraw its layout).
pub fn output_excerpt(text: &str) -> (&str, usize, &str) {
    let lines = text.matches('\n').count();
    if lines <= 2 * OUTPUT_LINES {
        return (text, 0, "");
    }
    let head_end = text
        .match_indices('\n')
        .nth(OUTPUT_LINES - 1)
        .map_or(text.len(), |(i, _)| i + 1);
    let tail_start = text
        .rmatch_indices('\n')
        .nth(OUTPUT_LINES)
        .map_or(head_end, |(i, _)| i + 1);
    (
        &text[..head_end],
        text[head_end..tail_start].matches('\n').count(),
        &text[tail_start..],
    )
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

/// Whether the snapshot draws a sync.Map whose memory has a history to plot.
pub fn has_map_memory(s: &Snapshot) -> bool {
    s.objects
        .iter()
        .any(|o| matches!(&o.kind, ObjectKind::SyncMap { memory, .. } if memory.history.len() > 1))
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
    fn commands_that_switch_program_or_release_name_the_program_first() {
        let c = case("14");
        let mut m = PlayModel::new(c, "");
        let go = m.ctl.config().go;
        assert_eq!(
            PlayModel::opening_program(c, ""),
            (c.source.to_string(), go)
        );
        assert_eq!(
            PlayModel::opening_program(c, "fix=1&go=1.21"),
            (c.fixes[0].source.to_string(), GoVersion::GO1_21)
        );
        assert_eq!(
            m.program_for(&Cmd::SetGo(GoVersion::GO1_21)),
            Some((c.source.to_string(), GoVersion::GO1_21))
        );
        assert_eq!(
            m.program_for(&Cmd::ShowVariant(Variant::Fix(0))),
            Some((c.fixes[0].source.to_string(), go))
        );
        assert_eq!(m.program_for(&Cmd::ShowVariant(Variant::Fix(99))), None);
        m.apply(Cmd::Edit);
        m.apply(Cmd::Draft("package main\nfunc main() {}\n".into()));
        assert_eq!(
            m.program_for(&Cmd::RunDraft),
            Some(("package main\nfunc main() {}\n".to_string(), go))
        );
        // Stepping, seeds and budgets keep the program: nothing to compile.
        for cmd in [
            Cmd::Step,
            Cmd::Reset,
            Cmd::SetSeed(Some(3)),
            Cmd::ExploreStart,
        ] {
            assert_eq!(m.program_for(&cmd), None, "{cmd:?}");
        }
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
    fn a_step_that_does_much_work_goes_on_in_timer_slices() {
        let src = "package main\n\nimport \"slices\"\n\nvar s = make([]int, 100000)\n\nfunc main() {\n\tslices.Reverse(s)\n\tprintln(len(s))\n}\n";
        let mut m = PlayModel::new(case("4"), "");
        m.apply(Cmd::Edit);
        m.apply(Cmd::Draft(src.into()));
        m.apply(Cmd::RunDraft);
        m.apply(Cmd::Pause);
        m.apply(Cmd::Reset);
        let mut at = m.ctl.position();
        // Step until the long call: that Step returns at once, under way.
        while m.apply(Cmd::Step) && !m.ctl.in_step() {
            at = m.ctl.position();
        }
        assert!(
            m.ctl.in_step(),
            "the call to slices.Reverse is one long step"
        );
        assert!(m.running && m.seek == Some(at + 1));
        assert_eq!(m.interval_ms(), SPEEDS[MAX_SPEED].0);
        let mut ticks = 0;
        while m.running && ticks < 10_000 {
            m.apply(Cmd::Tick);
            ticks += 1;
        }
        // (The native clock stands still, so one tick finishes the step.)
        assert!(ticks >= 1, "{ticks}");
        assert_eq!(m.ctl.position(), at + 1);
        assert!(!m.ctl.in_step());
        run_all(&mut m);
        let s = m.ctl.snapshot().expect("a snapshot");
        assert_eq!(s.stderr, "100000\n", "{:?}", s.ending);
    }

    #[test]
    fn a_program_larger_than_the_page_takes_is_refused_and_kept() {
        use crate::playground::controller::{SOURCE_BYTES_MAX, SOURCE_LINES_MAX};
        // The limits, at their edges.
        let lines = |n: usize| "//\n".repeat(n);
        assert!(source_fits(&lines(SOURCE_LINES_MAX)).is_ok());
        assert_eq!(
            source_fits(&lines(SOURCE_LINES_MAX + 1)),
            Err(SourceSize {
                bytes: 3 * (SOURCE_LINES_MAX + 1),
                lines: SOURCE_LINES_MAX + 1
            })
        );
        assert!(source_fits(&"x".repeat(SOURCE_BYTES_MAX)).is_ok());
        assert!(source_fits(&"x".repeat(SOURCE_BYTES_MAX + 1)).is_err());

        let c = case("4");
        let mut m = PlayModel::new(c, "");
        m.apply(Cmd::Edit);
        let big = format!(
            "package main\n\nfunc main() {{}}\n{}",
            lines(SOURCE_LINES_MAX)
        );
        m.apply(Cmd::Draft(big.as_str().into()));
        // Not compiled, not run, not lost: the editor stays open with it.
        assert_eq!(m.program_for(&Cmd::RunDraft), None);
        assert!(m.apply(Cmd::RunDraft));
        assert!(m.editing);
        assert_eq!(&*m.draft, big.as_str());
        assert_eq!(m.variant, Variant::Original);
        assert_eq!(
            m.too_large.map(|(s, pasted)| (s.lines, pasted)),
            Some((SOURCE_LINES_MAX + 3, false))
        );
        // Typing on keeps it until the text fits, then redraws without it.
        assert!(!m.apply(Cmd::Draft(format!("{big}//").into())));
        assert!(m.too_large.is_some());
        assert!(m.apply(Cmd::Draft("package main\n\nfunc main() {}\n".into())));
        assert_eq!(m.too_large, None);
        // A refused paste says so; Cancel forgets it.
        m.apply(Cmd::PasteRefused(SourceSize {
            bytes: 70_000,
            lines: 10,
        }));
        assert_eq!(m.too_large.map(|(_, pasted)| pasted), Some(true));
        m.apply(Cmd::CancelEdit);
        assert_eq!(m.too_large, None);
        // A link carrying such a program is refused like any bad link.
        let query = format!("code={}", crate::playground::share::encode_code(&big));
        assert_eq!(
            PlayModel::new(c, &query).link_error,
            Some(ShareError::BadCode)
        );
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

    /// Explores to the end.
    fn explore_all(m: &mut PlayModel) {
        m.apply(Cmd::ExploreStart);
        let mut guard = 0;
        while m.exploring() && guard < 100_000 {
            m.apply(Cmd::ExploreTick);
            guard += 1;
        }
        assert!(m.explore.as_ref().and_then(|r| r.report.as_ref()).is_some());
    }

    fn stdout(m: &mut PlayModel) -> String {
        m.ctl
            .snapshot()
            .map(|s| s.stdout.clone())
            .unwrap_or_default()
    }

    #[test]
    fn explored_outcomes_never_load_onto_another_program() {
        // Case 3: explore the original, switch to a fix, try to load.
        let c = case("3");
        let mut m = PlayModel::new(c, "");
        explore_all(&mut m);
        assert!(!m.explore_stale());
        m.apply(Cmd::ShowVariant(Variant::Fix(0)));
        assert!(m.explore_stale() && m.frame().explore_stale);
        let shown = m.source.clone();
        assert!(m.apply(Cmd::LoadOutcome(0)));
        assert_eq!(m.notice, Some(Notice::StaleOutcome));
        assert_eq!(m.source, shown, "the fix stays on screen");
        assert_eq!(m.variant, Variant::Fix(0));
        run_all(&mut m);
        let mut fix = Controller::new(c.fixes[0].source, PlayConfig::default());
        while fix.step() {}
        let fix_out = fix.snapshot().map(|s| s.stdout.clone());
        assert_eq!(Some(stdout(&mut m)), fix_out, "the fix's own output");
        // Back on the original, the outcomes load again.
        m.apply(Cmd::ShowVariant(Variant::Original));
        assert!(!m.explore_stale());
        assert!(m.apply(Cmd::LoadOutcome(0)));
        assert!(matches!(m.notice, Some(Notice::Loaded { number: 1, .. })));
    }

    #[test]
    fn a_change_of_release_or_seed_marks_outcomes_stale() {
        // Case 14: explored under 1.22, shown under 1.21.
        let c = case("14");
        let mut m = PlayModel::new(c, "");
        m.apply(Cmd::SetGo(GoVersion::GO1_22));
        explore_all(&mut m);
        m.apply(Cmd::SetGo(GoVersion::GO1_21));
        assert!(m.explore_stale());
        m.apply(Cmd::LoadOutcome(0));
        assert_eq!(m.notice, Some(Notice::StaleOutcome));
        assert_eq!(m.ctl.config().go, GoVersion::GO1_21);
        run_all(&mut m);
        assert_eq!(stdout(&mut m), "3\n3\n3\n", "1.21's output, not 1.22's");
        m.apply(Cmd::SetGo(GoVersion::GO1_22));
        assert!(!m.explore_stale());
        m.apply(Cmd::SetSeed(Some(9)));
        assert!(m.explore_stale(), "a seed is part of what was explored");
        // Exploring while the program changes stops the search and keeps
        // what it found, marked stale.
        m.apply(Cmd::SetSeed(None));
        m.apply(Cmd::ExploreStart);
        m.apply(Cmd::ExploreTick);
        m.apply(Cmd::ShowVariant(Variant::Fix(0)));
        assert!(!m.exploring());
        assert!(m.explore.as_ref().is_some_and(|r| r.interrupted));
        assert!(m.explore_stale());
    }

    #[test]
    fn loading_an_outcome_says_what_changed() {
        let mut m = PlayModel::new(case("4"), "");
        explore_all(&mut m);
        assert_eq!(m.ctl.config().step_by, StepBy::Statement);
        assert!(m.apply(Cmd::LoadOutcome(0)));
        match &m.notice {
            Some(Notice::Loaded {
                number,
                steps,
                by_scheduling_point_now,
                ..
            }) => {
                assert_eq!(*number, 1);
                assert_eq!(*steps, m.ctl.planned());
                assert!(*by_scheduling_point_now);
            }
            other => panic!("{other:?}"),
        }
        assert!(m.apply(Cmd::DismissNotice));
        assert_eq!(m.notice, None);
    }

    #[test]
    fn a_link_for_another_case_or_a_damaged_one_is_refused() {
        let mut m = PlayModel::new(case("4"), "");
        m.apply(Cmd::Edit);
        m.apply(Cmd::Draft(
            "package main\n\nfunc main() { println(\"edited\") }\n".into(),
        ));
        m.apply(Cmd::RunDraft);
        let fragment = m.share_fragment();
        let query = fragment.split_once('?').map_or("", |(_, q)| q);
        // On its own case it opens the edited program.
        let ok = PlayModel::new(case("4"), query);
        assert_eq!((ok.variant, ok.link_error.clone()), (Variant::Edited, None));
        // Pasted after another case's address: refused, and that case shows
        // its own program, never the edited one under its title.
        let other = case("14");
        let pasted = PlayModel::new(other, query);
        assert_eq!(pasted.link_error, Some(ShareError::Checksum));
        assert_eq!(pasted.variant, Variant::Original);
        assert_eq!(pasted.source, other.source);
        // One changed character in the code: refused.
        let at = query.find("code=").map_or(0, |i| i + 12);
        let mut damaged = query.to_string();
        let swapped = if &damaged[at..at + 1] == "A" {
            "B"
        } else {
            "A"
        };
        damaged.replace_range(at..at + 1, swapped);
        let bad = PlayModel::new(case("4"), &damaged);
        assert!(bad.link_error.is_some());
        assert_eq!(bad.variant, Variant::Original);
    }

    #[test]
    fn a_schedule_or_step_that_does_not_fit_says_so() {
        let c = case("14");
        let hash = gosim::share::program_hash(c.source);
        let go = GoVersion::GO1_21;
        let misfit = ShareState {
            go: Some(go),
            schedule: gosim::Choices(vec![0, 7]),
            program_hash: Some(hash),
            ..ShareState::default()
        };
        let m = PlayModel::new(c, &misfit.to_link_query(c.slug));
        assert!(
            matches!(
                m.link_error,
                Some(ShareError::Misfit {
                    index: 1,
                    choice: 7,
                    ..
                })
            ),
            "{:?}",
            m.link_error
        );
        assert!(m
            .link_error
            .as_ref()
            .is_some_and(ShareError::partly_applied));
        let far = ShareState {
            go: Some(go),
            step: Some(100_000),
            program_hash: Some(hash),
            ..ShareState::default()
        };
        let m = PlayModel::new(c, &far.to_link_query(c.slug));
        match m.link_error {
            Some(ShareError::PastTheEnd { asked, end }) => {
                assert_eq!(asked, 100_000);
                assert_eq!(end, m.ctl.position());
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn to_end_leaves_the_speed_setting_alone() {
        let mut m = PlayModel::new(case("4"), "");
        m.apply(Cmd::SetSpeed(1));
        m.apply(Cmd::RunToEnd);
        assert_eq!(m.interval_ms(), SPEEDS[MAX_SPEED].0);
        run_all(&mut m);
        assert_eq!(m.speed, 1);
        m.apply(Cmd::Reset);
        m.apply(Cmd::ToggleRun);
        assert_eq!(m.interval_ms(), SPEEDS[1].0);
    }

    thread_local! {
        static NOW: std::cell::Cell<f64> = const { std::cell::Cell::new(0.0) };
    }

    fn test_clock() -> f64 {
        NOW.with(|n| n.get())
    }

    #[test]
    fn running_is_announced_at_a_readable_rate_and_the_end_always() {
        let mut m = PlayModel::new(case("9"), "");
        m.clock = test_clock;
        // A step the reader asked for is announced.
        m.apply(Cmd::Step);
        assert!(m.announce_due());
        m.announced_now();
        // 15 steps a second for 10 seconds: one announcement per 3 s.
        m.apply(Cmd::ToggleRun);
        let mut announced = 0;
        for tick in 0..150 {
            NOW.with(|n| n.set(tick as f64 * 66.0));
            m.apply(Cmd::Tick);
            if m.announce_due() {
                announced += 1;
                m.announced_now();
            }
        }
        assert!(
            (3..=5).contains(&announced),
            "{announced} announcements in 10 s"
        );
        // The end of the run is announced whenever it comes.
        m.apply(Cmd::Pause);
        assert!(m.announce_due());
    }

    /// A program with `n` goroutines parked on one mutex at the end of its
    /// spawning loop.
    fn many(n: u32) -> String {
        format!("package main\n\nimport (\n\t\"sync\"\n\t\"time\"\n)\n\nfunc main() {{\n\tvar wg sync.WaitGroup\n\tvar mu sync.Mutex\n\tmu.Lock()\n\tfor i := 0; i < {n}; i++ {{\n\t\twg.Add(1)\n\t\tgo func() {{\n\t\t\tdefer wg.Done()\n\t\t\tmu.Lock()\n\t\t\tmu.Unlock()\n\t\t}}()\n\t}}\n\ttime.Sleep(time.Second)\n\tmu.Unlock()\n\twg.Wait()\n}}\n")
    }

    #[test]
    fn many_goroutines_are_grouped_and_drawn_in_pages() {
        let mut m = PlayModel::new(case("9"), "");
        m.apply(Cmd::Edit);
        m.apply(Cmd::Draft(many(1000).into()));
        m.apply(Cmd::RunDraft);
        m.apply(Cmd::Pause);
        m.apply(Cmd::SetStepBy(StepBy::SchedulingPoint));
        // Until every goroutine waits on the mutex.
        let mut waiting = 0;
        for _ in 0..20_000 {
            m.apply(Cmd::Step);
            let f = m.frame();
            let s = f.snapshot.expect("it compiles");
            waiting = live_groups(&s)
                .iter()
                .filter(|g| g.wait_reason.as_deref() == Some("sync.Mutex.Lock"))
                .map(|g| g.ids.len())
                .sum();
            if waiting == 1000 {
                break;
            }
        }
        assert_eq!(waiting, 1000);
        let f = m.frame();
        assert!(f.grouped && f.live == 1001);
        assert!(f.cards.len() <= 3, "{:?}", f.cards);
        // The listing marks the line with three goroutines and a count.
        let mark = f.markers.iter().find(|k| k.line == 16).expect("line 16");
        assert_eq!((mark.ids.len(), mark.count), (MARKS_PER_LINE, 1000));
        // Opening the group shows its first page; the last page is short.
        let s = f.snapshot.clone().expect("a snapshot");
        let i = live_groups(&s)
            .iter()
            .position(|g| g.ids.len() == 1000)
            .expect("the big group");
        m.apply(Cmd::ToggleGroup(i));
        let (gi, ids, page, pages) = m.frame().open_group.expect("open");
        assert_eq!(
            (gi, ids.len(), page, pages),
            (i, GROUP_PAGE, 0, 1000usize.div_ceil(GROUP_PAGE))
        );
        m.apply(Cmd::GroupPage(pages - 1));
        let (_, last, _, _) = m.frame().open_group.expect("open");
        assert_eq!(last.len(), 1000 - (pages - 1) * GROUP_PAGE);
        // Inspecting a goroutine far down describes it in full.
        let far = last[last.len() - 1];
        m.apply(Cmd::Inspect(Some(far)));
        let f = m.frame();
        assert!(f.cards.contains(&far), "{:?}", f.cards);
        // The objects drawn stay bounded.
        assert!(f.objects.len() <= OBJECTS_SHOWN);
    }

    #[test]
    fn the_state_panel_follows_the_step_until_one_is_picked() {
        let mut m = PlayModel::new(case("4"), "");
        let mut saw_objects = false;
        for _ in 0..40 {
            m.apply(Cmd::Step);
            let f = m.frame();
            if f.changed.object.is_some() {
                assert_eq!(f.tab, Tab::Objects);
                saw_objects = true;
                // Picking a panel holds until the next step.
                m.apply(Cmd::ShowTab(Tab::Goroutines));
                assert_eq!(m.frame().tab, Tab::Goroutines);
                m.apply(Cmd::Step);
                assert_ne!(m.tab, Some(Tab::Goroutines));
                break;
            }
        }
        assert!(saw_objects);
    }

    #[test]
    fn a_raised_limit_runs_the_same_run_further() {
        let src = "package main\n\nfunc main() {\n\tn := 0\n\tfor {\n\t\tn++\n\t\tif n < 0 {\n\t\t\tprintln(n)\n\t\t}\n\t}\n}\n";
        let mut m = PlayModel::new(case("4"), "");
        m.apply(Cmd::Edit);
        m.apply(Cmd::Draft(src.into()));
        m.apply(Cmd::RunDraft);
        m.apply(Cmd::Pause);
        m.ctl = Controller::new(
            src,
            PlayConfig {
                max_instructions: 1_000,
                ..PlayConfig::default()
            },
        );
        run_all(&mut m);
        let f = m.frame();
        let ending = f.snapshot.as_ref().and_then(|s| s.ending.clone());
        assert_eq!(f.raise, Some(Limit::Instructions(10_000)), "{ending:?}");
        let first = m.ctl.snapshot().map(|s| s.instructions);
        assert!(m.apply(Cmd::RaiseLimit));
        assert_eq!(m.notice, Some(Notice::Raised(Limit::Instructions(10_000))));
        assert!(m.running);
        run_all(&mut m);
        let later = m.ctl.snapshot().map(|s| s.instructions);
        assert!(later > first, "{first:?} -> {later:?}");
        assert_eq!(m.frame().raise, Some(Limit::Instructions(100_000)));
    }

    #[test]
    fn the_page_memory_budget_stops_big_strings_and_can_be_raised() {
        // 300 MiB in ten strings: over the page's 256 MiB budget, within
        // gosim's 512 MiB; each string is within an operation's share.
        let src = "package main\n\nimport \"strings\"\n\nfunc main() {\n\tvar parts []string\n\tfor i := 0; i < 10; i++ {\n\t\tparts = append(parts, strings.Repeat(\"x\", 30<<20))\n\t}\n\tprintln(len(parts) * len(parts[0]))\n}\n";
        let mut m = PlayModel::new(case("4"), "");
        m.apply(Cmd::Edit);
        m.apply(Cmd::Draft(src.into()));
        m.apply(Cmd::RunDraft);
        run_all(&mut m);
        let f = m.frame();
        let ending = f.snapshot.as_ref().and_then(|s| s.ending.clone());
        assert_eq!(
            ending.as_ref().and_then(|e| e.budget),
            Some(gosim::snapshot::Budget::Memory),
            "{ending:?}"
        );
        assert!(m.ctl.snapshot().is_some_and(|s| s.stderr.is_empty()));
        assert_eq!(f.raise, Some(Limit::Memory(MAX_MEMORY_RAISED)));
        assert!(m.apply(Cmd::RaiseLimit));
        assert_eq!(m.ctl.config().max_memory, MAX_MEMORY_RAISED);
        run_all(&mut m);
        let s = m.ctl.snapshot().expect("a snapshot");
        assert_eq!(s.stderr, "314572800\n");
        assert_eq!(s.ending.as_ref().and_then(|e| e.budget), None);
        assert_eq!(m.frame().raise, None);

        // One string of 300 MiB is one step the page could not interrupt:
        // over an eighth of the budget even when raised.
        let one = "package main\n\nimport \"strings\"\n\nfunc main() {\n\ts := strings.Repeat(\"x\", 300<<20)\n\tprintln(len(s))\n}\n";
        m.apply(Cmd::Edit);
        m.apply(Cmd::Draft(one.into()));
        m.apply(Cmd::RunDraft);
        run_all(&mut m);
        let s = m.ctl.snapshot().expect("a snapshot");
        assert_eq!(
            s.ending.as_ref().and_then(|e| e.budget),
            Some(gosim::snapshot::Budget::Memory)
        );
        assert!(s.stderr.is_empty());
    }

    #[test]
    fn case17_offers_go115_and_ends_in_a_memory_leak() {
        let c = case("syncmap");
        let choices = go_choices(c);
        let go115 = GoVersion::GO1_15;
        assert!(
            choices.contains(&go115)
                && choices.contains(&GoVersion::parse("1.16").expect("modelled"))
        );
        assert!(!go_choices(case("4")).contains(&go115));
        let mut m = PlayModel::new(c, "");
        assert_eq!(m.ctl.config().go, go115);
        m.apply(Cmd::SetStepBy(StepBy::SchedulingPoint));
        run_all(&mut m);
        let s = m.ctl.snapshot().expect("it compiles");
        let e = s.ending.as_ref().expect("it ends");
        assert_eq!(e.class, gosim::snapshot::OutcomeClass::MemoryLeak);
        m.apply(Cmd::SetGo(GoVersion::CURRENT));
        m.apply(Cmd::SetStepBy(StepBy::SchedulingPoint));
        run_all(&mut m);
        let s = m.ctl.snapshot().expect("it compiles");
        assert_eq!(
            s.ending.as_ref().map(|e| e.class),
            Some(gosim::snapshot::OutcomeClass::Finished)
        );
    }

    #[test]
    fn long_output_is_drawn_as_its_ends() {
        let short = "a\nb\n";
        assert_eq!(output_excerpt(short), (short, 0, ""));
        let long: String = (0..1000).map(|i| format!("line {i}\n")).collect();
        let (head, skipped, tail) = output_excerpt(&long);
        assert_eq!(head.lines().count(), OUTPUT_LINES);
        assert_eq!(tail.lines().count(), OUTPUT_LINES);
        assert_eq!(skipped, 1000 - 2 * OUTPUT_LINES);
        assert!(head.starts_with("line 0\n") && tail.ends_with("line 999\n"));
        // Nothing is lost or repeated: head, the skipped lines, tail.
        let middle: String = (OUTPUT_LINES..1000 - OUTPUT_LINES)
            .map(|i| format!("line {i}\n"))
            .collect();
        assert_eq!(format!("{head}{middle}{tail}"), long);
    }
}
