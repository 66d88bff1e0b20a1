//! gosim: a deterministic, steppable simulator for the Go subset that
//! concurrent teaching programs use.
//!
//! gosim has no dependency on yew, web-sys or wasm-bindgen and does no I/O:
//! output, time and randomness come in through its API.

pub mod bignum;
pub mod compile;
pub mod explore;
pub mod fasthash;
pub mod format;
pub mod order;
pub mod prelude;
pub mod runtime;
pub mod session;
pub mod share;
pub mod snapshot;
pub mod sorted;
pub mod syntax;
pub mod types;
pub mod vm;

/// Which Go release's semantics to simulate.
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize,
)]
pub enum GoVersion {
    /// Per-loop loop variables; timers stay live until they fire (pre-1.23).
    Go121,
    /// Per-iteration loop variables; pre-1.23 timers.
    Go122,
    /// Per-iteration loop variables; 1.23+ timers (unbuffered timer channels,
    /// unreferenced timers collectable). The default.
    Go123,
}

/// How the scheduler picks the next goroutine at each choice point.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum Schedule {
    /// Go's own order under GOMAXPROCS=1: runnext, then the FIFO run queue.
    GoDefault,
    /// Uniformly random among the options, from a seed.
    Seeded(u64),
    /// An explicit list of choices, one per choice point; the default order
    /// after the list runs out.
    Choices(Vec<u32>),
}

#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct RunConfig {
    pub go_version: GoVersion,
    pub schedule: Schedule,
    /// Stop with a "budget exhausted" verdict after this many VM steps.
    pub max_steps: u64,
    /// The file name used in diagnostics (`./prog.go:3:2: ...`).
    pub file_name: String,
    /// Track happens-before and report data races (like `go run -race`).
    pub detect_races: bool,
}

impl Default for RunConfig {
    fn default() -> Self {
        RunConfig {
            go_version: GoVersion::Go123,
            schedule: Schedule::GoDefault,
            max_steps: 10_000_000,
            file_name: "./prog.go".to_string(),
            detect_races: false,
        }
    }
}

/// What a whole run produced, in the terms `go run` would show.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct RunResult {
    pub stdout: Vec<u8>,
    /// Compile errors (`# command-line-arguments` then one line each), or
    /// the panic / fatal error text with goroutine headers.
    pub stderr: Vec<u8>,
    /// 0, 1 for compile errors, 2 for a panic or fatal error, or os.Exit's code.
    /// `None` when the step budget ran out before the program ended.
    pub exit_code: Option<i32>,
}

/// Compiles a program with the library packages it imports. On failure
/// returns the text `go build` would print (`# command-line-arguments` and
/// one `file:line:col: message` per error).
pub fn compile(src: &str, config: &RunConfig) -> Result<std::rc::Rc<vm::op::Program>, String> {
    let (file, mut diags) = syntax::parse(src);
    let index = syntax::span::LineIndex::new(src);
    if diags.is_empty() {
        let imports: Vec<&str> = file.imports.iter().map(|i| i.path.as_str()).collect();
        let mut library = Vec::new();
        for path in prelude::closure(imports) {
            let text = prelude::source(path).unwrap_or("");
            let (pf, pd) = syntax::parse(text);
            if let Some(d) = pd.first() {
                let li = syntax::span::LineIndex::new(text);
                return Err(format!(
                    "gosim internal error: prelude {}: {}\n",
                    path,
                    d.render(path, &li)
                ));
            }
            library.push((path.to_string(), pf, text.to_string()));
        }
        match compile::compile_program(&file, src, &library, config.go_version) {
            Ok(p) => return Ok(std::rc::Rc::new(p)),
            Err(d) => diags = d,
        }
    }
    Err(render_diagnostics(&diags, &config.file_name, &index))
}

/// `go build`'s error listing: at most 10 errors; the tenth is followed
/// by "too many errors" at its own position, even when it is the last.
pub fn render_diagnostics(
    diags: &[syntax::diag::Diagnostic],
    file_name: &str,
    index: &syntax::span::LineIndex,
) -> String {
    let mut out = String::from("# command-line-arguments\n");
    for (i, d) in diags.iter().take(10).enumerate() {
        out.push_str(&d.render(file_name, index));
        out.push('\n');
        if i == 9 {
            let stop = syntax::diag::Diagnostic::new(d.span, "too many errors");
            out.push_str(&stop.render(file_name, index));
            out.push('\n');
        }
    }
    out
}

/// Parse, check and run a whole program to its end (or its budget).
pub fn run(src: &str, config: &RunConfig) -> RunResult {
    let prog = match compile(src, config) {
        Ok(p) => p,
        Err(text) => {
            return RunResult {
                stdout: Vec::new(),
                stderr: text.into_bytes(),
                exit_code: Some(1),
            }
        }
    };
    let mut m = vm::machine::Vm::new(
        prog,
        vm::machine::VmConfig {
            go_version: config.go_version,
            max_steps: config.max_steps,
            detect_races: config.detect_races,
            ..Default::default()
        },
    );
    let mut rng = match config.schedule {
        Schedule::Seeded(seed) => Some(SplitMix(seed)),
        _ => None,
    };
    let mut choice_index = 0usize;
    loop {
        let p = m.point();
        let n = p.option_count();
        if n == 0 {
            break;
        }
        let choice = if n == 1 {
            0
        } else {
            let c = match (&config.schedule, rng.as_mut()) {
                (Schedule::Choices(list), _) => {
                    list.get(choice_index).copied().unwrap_or(0) as usize
                }
                (_, Some(r)) => (r.next_u64() % n as u64) as usize,
                _ => 0,
            };
            choice_index += 1;
            c
        };
        m.step(choice);
        // A batch run keeps no event log.
        m.events.clear();
    }
    if config.detect_races {
        for r in m.race_reports() {
            m.stderr.extend_from_slice(
                format!(
                    "==================\nWARNING: DATA RACE on {}\n{} by goroutine {}:\n  ./prog.go:{}\n\nPrevious {} by goroutine {}:\n  ./prog.go:{}\n==================\n",
                    r.what,
                    if r.second_write { "Write" } else { "Read" },
                    r.second_g,
                    r.second_line,
                    if r.first_write { "write" } else { "read" },
                    r.first_g,
                    r.first_line
                )
                .as_bytes(),
            );
        }
    }
    let exit_code = match m.ending {
        Some(vm::machine::Ending::Exit(c)) => Some(c),
        Some(vm::machine::Ending::Panic { .. }) | Some(vm::machine::Ending::Fatal { .. }) => {
            Some(2)
        }
        _ => None,
    };
    let busy = m.busy_loop_note();
    let mut stderr = m.stderr;
    if exit_code.is_none() {
        stderr.extend_from_slice(
            format!(
                "gosim: stopped after {} steps: {}{}\n",
                m.steps,
                budget_reason(m.ending.as_ref()),
                busy
            )
            .as_bytes(),
        );
    }
    RunResult {
        stdout: m.stdout,
        stderr,
        exit_code,
    }
}

fn budget_reason(e: Option<&vm::machine::Ending>) -> &'static str {
    match e {
        Some(vm::machine::Ending::HeapBudget) => {
            "the program allocated more memory than the simulator allows"
        }
        Some(vm::machine::Ending::GoroutineBudget) => "too many goroutines",
        Some(vm::machine::Ending::OutputBudget) => "too much output",
        _ => "still running (the step budget ran out)",
    }
}

/// A small deterministic generator for seeded schedules.
pub struct SplitMix(pub u64);

impl SplitMix {
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A value in `0..n` (0 when `n` is 0), by multiply-and-shift: never
    /// panics, and any bias is negligible for small `n`.
    pub fn below(&mut self, n: u64) -> u64 {
        ((u128::from(self.next_u64()) * u128::from(n)) >> 64) as u64
    }
}

/// Parses a schedule string: choice indices separated by `.` or `,`
/// (`0.1.0.2`); an empty string is the default schedule.
pub fn parse_choices(s: &str) -> Result<Vec<u32>, String> {
    if s.trim().is_empty() {
        return Ok(Vec::new());
    }
    s.split(['.', ','])
        .map(|p| {
            p.trim().parse::<u32>().map_err(|_| {
                format!(
                    "bad schedule {}: want numbers separated by '.'",
                    crate::format::quote(s.as_bytes())
                )
            })
        })
        .collect()
}
