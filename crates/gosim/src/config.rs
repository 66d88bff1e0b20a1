//! How a run is configured: which Go release to simulate and the budgets
//! and options a run starts with.
//!
//! A leaf: the compiler, the VM and the host API all read these types, so
//! nothing here may import from them.

use crate::schedule::Schedule;

/// A Go release, by its minor version (Go 1.N), whose semantics a run
/// simulates. Every difference between releases that gosim models is a
/// method here, so a reader finds "what changed in Go 1.22" in one place.
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize,
)]
pub struct GoVersion(u8);

impl GoVersion {
    /// Go 1.15: `sync.Map.Delete` of a key only in `dirty` leaves it there.
    pub const GO1_15: GoVersion = GoVersion(15);
    /// Go 1.21: one loop variable per loop; pre-1.23 timers.
    pub const GO1_21: GoVersion = GoVersion(21);
    /// Go 1.22: one loop variable per iteration.
    pub const GO1_22: GoVersion = GoVersion(22);
    /// Go 1.23: unbuffered timer channels, unreferenced timers collectable.
    pub const GO1_23: GoVersion = GoVersion(23);
    /// The current release, which the recorded corpus was made with.
    pub const CURRENT: GoVersion = GoVersion(27);
    /// The releases gosim accepts, oldest first.
    pub const MODELLED: [GoVersion; 9] = [
        GoVersion(15),
        GoVersion(16),
        GoVersion(21),
        GoVersion(22),
        GoVersion(23),
        GoVersion(24),
        GoVersion(25),
        GoVersion(26),
        GoVersion(27),
    ];

    /// `1.N` (also `go1.N` and `1.N.patch`), for a modelled release.
    pub fn parse(text: &str) -> Option<GoVersion> {
        let t = text.trim();
        let t = t.strip_prefix("go").unwrap_or(t);
        let minor = t.strip_prefix("1.")?;
        let minor = minor.split('.').next()?;
        let v = GoVersion(minor.parse().ok()?);
        GoVersion::MODELLED.contains(&v).then_some(v)
    }

    /// The minor version N of Go 1.N.
    pub fn minor(self) -> u8 {
        self.0
    }

    /// `1.N`.
    pub fn label(self) -> String {
        format!("1.{}", self.0)
    }

    /// Go 1.22 gave each loop iteration its own variables.
    pub fn loopvar_per_iteration(self) -> bool {
        self.0 >= 22
    }

    /// Go 1.23 added range-over-func loops (`for x := range seq`).
    pub fn range_over_func(self) -> bool {
        self.0 >= 23
    }

    /// Go 1.23 made timer channels synchronous (unbuffered) and let the
    /// runtime collect timers nobody references.
    pub fn sync_timers(self) -> bool {
        self.0 >= 23
    }

    /// Before Go 1.22, the runtime's `print` wrote floats as `+1.500000e+000`.
    pub fn print_float_exponent(self) -> bool {
        self.0 <= 21
    }

    /// Go 1.25 prints a recovered panic whose value is panicked again as
    /// one line, `panic: X [recovered, repanicked]`.
    pub fn repanic_folded(self) -> bool {
        self.0 >= 25
    }

    /// Go 1.25's gc gives an `append` whose result does not escape a
    /// 32-byte stack buffer (see `compile::appendstack`).
    pub fn append_stack_buffer(self) -> bool {
        self.0 >= 25
    }

    /// Go 1.26's gc also builds a slice appended in a loop in the buffer
    /// when its one escape is a `return s` or `x = s`, and moves it to the
    /// heap there.
    pub fn append_move_to_heap(self) -> bool {
        self.0 >= 26
    }

    /// Go 1.27's gc counts `range s` as such an escape point too.
    pub fn append_range_moves(self) -> bool {
        self.0 >= 27
    }

    /// Only Go 1.15's `sync.Map.Delete` leaves a key that is only in
    /// `dirty` in place (fixed in 1.16): the talk's sync.Map leak.
    pub fn syncmap_delete_keeps_dirty(self) -> bool {
        self.0 == 15
    }
}

impl Default for GoVersion {
    fn default() -> GoVersion {
        GoVersion::CURRENT
    }
}

/// How to run a program: the release to simulate, how choices are made,
/// the step budget, the file name in diagnostics and race detection.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct RunConfig {
    /// The Go release whose semantics the run follows.
    pub go_version: GoVersion,
    /// How the choices at multi-option points are made.
    pub schedule: Schedule,
    /// Stop with a "budget exhausted" verdict after this many VM steps.
    pub max_steps: u64,
    /// The file name used in diagnostics (`./prog.go:3:2: ...`).
    pub file_name: String,
    /// Track happens-before and report data races (like `go run -race`).
    pub detect_races: bool,
    /// The memory budget in bytes: what the program may make the simulator
    /// allocate before the run stops with the memory verdict.
    #[serde(default = "default_max_memory")]
    pub max_memory: u64,
    /// One instruction may use at most [`OP_SHARE`] of the step budget (in
    /// work: bytes compared, hashed, encoded) and of the memory budget; one
    /// that wants more ends the run with that budget's verdict. A host that
    /// cannot interrupt a step (the playground, on the page's thread) turns
    /// this on, so that no single step, such as a string doubling or a
    /// comparison of a huge value, holds it for long. Off by default: the
    /// command line and the conformance tests run as Go does.
    #[serde(default)]
    pub bounded_ops: bool,
}

/// The share of each budget one instruction may use under
/// [`RunConfig::bounded_ops`]: an eighth (32 MiB of a 256 MiB memory
/// budget, about 10-20 ms of copying natively).
pub const OP_SHARE: u64 = 8;

/// The default step budget of a run: ordinary CPU work finishes inside it
/// (a sieve to a million takes 50-70 million steps, a word count over
/// 200,000 words 10-50 million, 100,000 goroutines that each add ten
/// numbers about 40 million), while an endless loop stops in about a
/// second of a release build. The playground sets its own, smaller budget,
/// which the user can raise.
pub const DEFAULT_MAX_STEPS: u64 = 200_000_000;

/// The default memory budget of a run: 512 MiB.
pub const DEFAULT_MAX_MEMORY: u64 = 512 << 20;

fn default_max_memory() -> u64 {
    DEFAULT_MAX_MEMORY
}

impl Default for RunConfig {
    fn default() -> Self {
        RunConfig {
            go_version: GoVersion::CURRENT,
            schedule: Schedule::GoDefault,
            max_steps: DEFAULT_MAX_STEPS,
            file_name: "./prog.go".to_string(),
            detect_races: false,
            max_memory: DEFAULT_MAX_MEMORY,
            bounded_ops: false,
        }
    }
}
