//! The quiz data of one case, computed natively with gosim at build time:
//! for each Go release the player offers, what happens when the program
//! runs (the site's outcome classes), the step the quiz's reveal opens the
//! player at, and a "what does it print?" question whose options are real
//! outputs the simulator found.
//!
//! Owns the rules that turn runs into questions (which class a run is,
//! which outputs are plausible distractors, where the step that matters
//! is); the browser only reads the result from the case's JSON, so it never
//! runs a search to show a question. It uses gosim's public API only
//! (`session`, `explore`, `run`) and bounds every search by work, not by
//! time, so the export takes the same time on every machine of a kind.

use case_data::CaseFile;
use gosim::explore::{explore, ExploreConfig, ExploreReport};
use gosim::session::{Session, StepBy};
use gosim::snapshot::{Budget, EventKind, OutcomeClass};
use gosim::{GoVersion, RunConfig};

/// The releases the player's version switch offers (`GO_CHOICES` in
/// `src/playground/view.rs`); a quiz is given under one of them.
pub const VERSIONS: [GoVersion; 4] = [
    GoVersion::GO1_21,
    GoVersion::GO1_22,
    GoVersion::GO1_23,
    GoVersion::CURRENT,
];

/// The player's budgets (`src/playground/controller.rs`): the reveal's
/// player must reach the same ending at the same step as this run.
pub const MAX_INSTRUCTIONS: u64 = 5_000_000;
const MAX_POSITIONS: usize = 200_000;
const MAX_CHECKPOINT_UNITS: u64 = 2_000_000;

/// The reveal opens the player no further in than this: the browser
/// replays up to the step synchronously when the player mounts.
const MAX_FOCUS: usize = 20_000;
/// How far an endless loop is scanned, step by step, for its telling step.
const LOOP_SCAN: usize = 4_000;

/// Lines of output an option shows; longer outputs end in "…".
const MAX_LINES: usize = 12;
/// Options of a "what does it print?" question, at most (the result code
/// keeps a question's answer in a byte: seven options and the kind).
const MAX_OPTIONS: usize = 5;
/// Right answers a "which outputs are possible?" question shows, at most.
const MAX_RIGHT: usize = 3;

/// Each search's bounds: enough for every case's complete searches, and a
/// bounded sample of the large ones (cases 1, 6, 9 and 16).
fn explore_config() -> ExploreConfig {
    ExploreConfig {
        max_schedules: 2_000,
        random_runs: 40,
        max_steps_per_run: MAX_INSTRUCTIONS,
        max_work: 1_500_000,
        ..ExploreConfig::default()
    }
}

/// What the quiz needs about one case under one Go release.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Version {
    pub go: GoVersion,
    /// The answer to "what happens?": an outcome key of the case format
    /// (`deadlock`, `leak`, `panic`, `nondeterministic`, `wrong-value`,
    /// `endless-loop`, `ok`).
    pub outcome: &'static str,
    /// The step of the player's default run the reveal opens at.
    pub focus: usize,
    /// "Which outputs are possible?" (several right) rather than "what does
    /// it print?" (one right).
    pub multi: bool,
    /// Empty when no plausible distractor was found: then the case asks
    /// only what happens.
    pub options: Vec<Choice>,
}

/// One option of an output question.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Choice {
    /// The output as the terminal shows it (stdout, then Go's crash line).
    pub text: String,
    pub right: bool,
    /// Where the simulator found it: `run` (Go's own order), `schedule`
    /// (another interleaving), `go1.N` (the default run under that
    /// release), `fixN` (the N-th fix's default run).
    pub from: String,
}

/// An output as the quiz compares and shows it.
#[derive(Clone, Debug, PartialEq, Eq)]
struct Output {
    class: OutcomeClass,
    text: String,
}

/// The player's default run, as far as the quiz needs it.
struct DefaultRun {
    output: Output,
    focus: usize,
}

/// The quiz data for every release in `releases`, or nothing for a case
/// the simulator cannot run.
pub fn compute(case: &CaseFile) -> Vec<Version> {
    if !case.runnable {
        return Vec::new();
    }
    let badge = case.outcome.as_str();
    let releases = releases(case);
    let runs: Vec<Option<DefaultRun>> = releases
        .iter()
        .map(|&go| default_run(&case.source, go))
        .collect();
    let explored: Vec<Option<ExploreReport>> = releases
        .iter()
        .map(|&go| explore(&case.source, &run_config(go), explore_config()).ok())
        .collect();
    let fixes: Vec<Vec<Output>> = releases
        .iter()
        .map(|&go| {
            case.fixes
                .iter()
                .map(|fix| batch_output(&fix.source, go))
                .collect()
        })
        .collect();
    // Every line shape the program itself can print, under any release and
    // schedule: a fix's output is a plausible distractor only when it looks
    // like something this program prints.
    let mut shapes: Vec<String> = Vec::new();
    let all_outputs = runs.iter().flatten().map(|r| r.output.text.clone()).chain(
        explored.iter().flatten().flat_map(|report| {
            report
                .outcomes
                .iter()
                .map(|o| outcome_output(o).text)
                .collect::<Vec<_>>()
        }),
    );
    for text in all_outputs {
        for line in text.lines() {
            let shape = shape(line);
            if !shapes.contains(&shape) {
                shapes.push(shape);
            }
        }
    }
    let own = case
        .go
        .as_deref()
        .and_then(GoVersion::parse)
        .unwrap_or(GoVersion::CURRENT);
    let own_index = releases.iter().position(|&v| v == own);
    let mut out = Vec::new();
    for (i, &go) in releases.iter().enumerate() {
        let Some(run) = &runs[i] else { continue };
        let possible: Vec<Output> = match &explored[i] {
            Some(report) => distinct(report.outcomes.iter().map(outcome_output)),
            None => vec![run.output.clone()],
        };
        let same_as_own = own_index
            .and_then(|o| runs[o].as_ref())
            .is_some_and(|o| o.output == run.output);
        let fix_outputs: Vec<(usize, &Output)> = fixes[i]
            .iter()
            .enumerate()
            .filter(|(_, o)| plausible(&o.text, &shapes))
            .collect();
        let outcome = outcome_of(badge, &run.output, &possible, same_as_own, &fix_outputs);
        let multi = badge == "nondeterministic" && distinct_texts(&possible) > 1;
        let others: Vec<(GoVersion, &Output)> = releases
            .iter()
            .enumerate()
            .filter(|&(j, _)| j != i)
            .filter_map(|(j, &v)| runs[j].as_ref().map(|r| (v, &r.output)))
            .collect();
        let options = if multi {
            possible_options(run, &explored[i], &others, &fix_outputs)
        } else {
            print_options(run, &explored[i], &others, &fix_outputs)
        };
        out.push(Version {
            go,
            outcome,
            focus: run.focus,
            multi,
            options,
        });
    }
    out
}

/// The releases a case's quiz data covers: `VERSIONS`, and the release the
/// case is meant for when it is not one of them (Go 1.15 for the sync.Map
/// case, whose leak only that release shows), oldest first.
pub fn releases(case: &CaseFile) -> Vec<GoVersion> {
    let mut out = VERSIONS.to_vec();
    if let Some(own) = case.go.as_deref().and_then(GoVersion::parse) {
        if !out.contains(&own) {
            out.insert(0, own);
        }
    }
    out
}

fn run_config(go: GoVersion) -> RunConfig {
    RunConfig {
        go_version: go,
        max_steps: MAX_INSTRUCTIONS,
        ..RunConfig::default()
    }
}

/// The player's default run under `go` (statement steps, Go's own order,
/// the player's caps), to its end, and the step that matters in it.
fn default_run(src: &str, go: GoVersion) -> Option<DefaultRun> {
    let mut session = Session::new(src, &run_config(go), StepBy::Statement).ok()?;
    let mut capped = false;
    while !session.is_ended() {
        if session.position() >= MAX_POSITIONS {
            capped = true;
            break;
        }
        let copies = session.checkpoint_count();
        if !session.step_next() {
            break;
        }
        if session.checkpoint_count() > copies
            && session.checkpoint_units() > MAX_CHECKPOINT_UNITS
            && !session.is_ended()
        {
            capped = true;
            break;
        }
    }
    let end = session.position();
    let snapshot = session.snapshot();
    let (class, err_line) = match (&snapshot.ending, capped) {
        (Some(ending), false) => (ending.class, first_line(&snapshot.stderr)),
        _ => (OutcomeClass::BudgetExhausted, ""),
    };
    let output = Output {
        class,
        text: terminal_text(&snapshot.stdout, err_line, class),
    };
    let budget = snapshot.ending.as_ref().and_then(|e| e.budget);
    let focus = match class {
        OutcomeClass::BudgetExhausted if budget != Some(Budget::Memory) => {
            loop_focus(src, go).unwrap_or(end)
        }
        // The last goroutine blocking for good, main returning with others
        // blocked, the crash: the run's last step.
        OutcomeClass::Deadlock
        | OutcomeClass::LeakedGoroutines
        | OutcomeClass::MemoryLeak
        | OutcomeClass::Panic
        | OutcomeClass::FatalError
        | OutcomeClass::IoWait
        | OutcomeClass::BudgetExhausted => end,
        // A run that finishes and prints: the step that printed its last output (the
        // others may run on, after main returned, invisibly to the output).
        OutcomeClass::Finished if !snapshot.stdout.is_empty() => {
            output_complete_at(&mut session, snapshot.stdout.len(), end)
        }
        OutcomeClass::Finished => end,
    };
    Some(DefaultRun {
        output,
        focus: focus.min(MAX_FOCUS),
    })
}

/// The first step after which stdout is `len` bytes long, by bisection:
/// output only grows, and going back is exact.
fn output_complete_at(session: &mut Session, len: usize, end: usize) -> usize {
    let (mut lo, mut hi) = (0, end);
    while lo < hi {
        let mid = lo + (hi - lo) / 2;
        session.goto(mid);
        if session.snapshot().stdout.len() >= len {
            hi = mid;
        } else {
            lo = mid + 1;
        }
    }
    lo
}

/// The telling step of a program that never ends: the first receive from
/// a closed channel (a loop that keeps reading zero values), else the
/// step that printed its 13th line, within `LOOP_SCAN` steps.
fn loop_focus(src: &str, go: GoVersion) -> Option<usize> {
    let mut session = Session::new(src, &run_config(go), StepBy::Statement).ok()?;
    let mut lines_seen = None;
    while session.position() < LOOP_SCAN && session.step_next() {
        let snapshot = session.snapshot();
        if snapshot
            .events
            .iter()
            .any(|e| matches!(e.kind, EventKind::Recv { ok: false, .. }))
        {
            return Some(session.position());
        }
        if lines_seen.is_none() && snapshot.stdout.lines().count() > MAX_LINES {
            lines_seen = Some(session.position());
        }
    }
    lines_seen
}

/// The program's output under `go` from a batch run (for fixes).
fn batch_output(src: &str, go: GoVersion) -> Output {
    let result = gosim::run(src, &run_config(go));
    let stdout = String::from_utf8_lossy(&result.stdout);
    let stderr = String::from_utf8_lossy(&result.stderr);
    let class = match result.exit_code {
        None => OutcomeClass::BudgetExhausted,
        Some(0) => OutcomeClass::Finished,
        Some(_) if stderr.contains("all goroutines are asleep") => OutcomeClass::Deadlock,
        Some(_) if stderr.starts_with("panic") => OutcomeClass::Panic,
        Some(_) => OutcomeClass::FatalError,
    };
    let err = match class {
        OutcomeClass::Finished | OutcomeClass::BudgetExhausted => "",
        _ => first_line(&stderr),
    };
    Output {
        class,
        text: terminal_text(&stdout, err, class),
    }
}

fn outcome_output(o: &gosim::explore::Outcome) -> Output {
    Output {
        class: o.class,
        text: terminal_text(&o.stdout, first_line(&o.stderr_head), o.class),
    }
}

fn first_line(s: &str) -> &str {
    s.lines().next().unwrap_or("")
}

/// What a terminal shows: stdout (at most `MAX_LINES` lines; a program that
/// never ends gets "…"), then Go's crash line for a panic or fatal error.
fn terminal_text(stdout: &str, err_line: &str, class: OutcomeClass) -> String {
    let mut text = String::new();
    let lines: Vec<&str> = stdout.lines().collect();
    for line in lines.iter().take(MAX_LINES) {
        text.push_str(line);
        text.push('\n');
    }
    if lines.len() > MAX_LINES || class == OutcomeClass::BudgetExhausted {
        text.push_str("…\n");
    }
    let crashed = matches!(
        class,
        OutcomeClass::Deadlock | OutcomeClass::Panic | OutcomeClass::FatalError
    );
    if crashed && !err_line.is_empty() {
        text.push_str(err_line);
        text.push('\n');
    }
    text
}

/// A line's shape: digits folded to `#`, and cut after the first `:` (so
/// `Outer: 2` and `Outer: 1` have one shape, `end with timeout: true` and
/// `end with timeout: false` too).
fn shape(line: &str) -> String {
    let mut out = String::new();
    let mut digits = false;
    for c in line.chars() {
        if c.is_ascii_digit() {
            if !digits {
                out.push('#');
            }
            digits = true;
            continue;
        }
        digits = false;
        out.push(c);
        if c == ':' {
            break;
        }
    }
    out
}

/// Whether every line of `text` has a shape the program itself prints (an
/// empty output, "nothing", is always plausible).
fn plausible(text: &str, shapes: &[String]) -> bool {
    text.lines().all(|line| shapes.contains(&shape(line)))
}

fn distinct(outputs: impl Iterator<Item = Output>) -> Vec<Output> {
    let mut out: Vec<Output> = Vec::new();
    for o in outputs {
        if !out.iter().any(|x| x.text == o.text) {
            out.push(o);
        }
    }
    out
}

fn distinct_texts(outputs: &[Output]) -> usize {
    distinct(outputs.iter().cloned()).len()
}

/// The answer to "what happens?" under one release, from that release's
/// default run: the crash classes as the run ends; a finished run is
/// "nondeterministic" when the case says so and other schedules print
/// other things, a "wrong value" when the case says so and the release does
/// not change its output (or no fix prints the same), else a wrong value
/// when a plausible fix prints something else, else fine.
fn outcome_of(
    badge: &str,
    run: &Output,
    possible: &[Output],
    same_as_own: bool,
    fixes: &[(usize, &Output)],
) -> &'static str {
    match run.class {
        OutcomeClass::Deadlock => return "deadlock",
        // Goroutines parked in the netpoller for good: a leak's badge.
        OutcomeClass::LeakedGoroutines | OutcomeClass::IoWait => return "leak",
        OutcomeClass::MemoryLeak => return "memory-leak",
        OutcomeClass::Panic | OutcomeClass::FatalError => return "panic",
        OutcomeClass::BudgetExhausted => return "endless-loop",
        OutcomeClass::Finished => {}
    }
    let a_fix_agrees = fixes.iter().any(|(_, f)| f.text == run.text);
    let wrong = (badge == "wrong-value" && (same_as_own || !a_fix_agrees))
        || (!fixes.is_empty() && !a_fix_agrees);
    if badge == "nondeterministic" && distinct_texts(possible) > 1 {
        "nondeterministic"
    } else if wrong {
        "wrong-value"
    } else {
        "ok"
    }
}

/// Outcomes other schedules reach, simplest first (fewest switches away
/// from Go's own order), as distinct outputs.
fn other_schedules(report: &Option<ExploreReport>) -> Vec<Output> {
    let Some(report) = report else {
        return Vec::new();
    };
    let mut outcomes: Vec<&gosim::explore::Outcome> = report.outcomes.iter().collect();
    gosim::util::order::sort_by_key(&mut outcomes, |o| o.switches);
    distinct(outcomes.into_iter().map(outcome_output))
}

fn push(options: &mut Vec<Choice>, text: &str, right: bool, from: String) {
    if options.len() < MAX_OPTIONS && !options.iter().any(|c| c.text == text) {
        options.push(Choice {
            text: text.to_string(),
            right,
            from,
        });
    }
}

/// "What does it print?": Go's own order's output, then up to four
/// distractors: what other releases print, what plausible fixes print,
/// then what other schedules print. Empty when there is no distractor.
fn print_options(
    run: &DefaultRun,
    report: &Option<ExploreReport>,
    others: &[(GoVersion, &Output)],
    fixes: &[(usize, &Output)],
) -> Vec<Choice> {
    let mut options = Vec::new();
    push(&mut options, &run.output.text, true, "run".to_string());
    for (go, output) in others {
        push(
            &mut options,
            &output.text,
            false,
            format!("go{}", go.label()),
        );
    }
    for (i, output) in fixes {
        push(&mut options, &output.text, false, format!("fix{}", i + 1));
    }
    // Other schedules only fill up a question that has at most one
    // distractor so far: they are outputs this very release can print.
    if options.len() <= 2 {
        let keep = 3;
        for output in other_schedules(report) {
            if options.len() >= keep {
                break;
            }
            push(&mut options, &output.text, false, "schedule".to_string());
        }
    }
    if options.len() < 2 {
        options.clear();
    }
    options
}

/// "Which outputs are possible?": Go's own order's output and up to two
/// more that other schedules reach (right), then outputs of other releases
/// and plausible fixes that no explored schedule printed (wrong).
fn possible_options(
    run: &DefaultRun,
    report: &Option<ExploreReport>,
    others: &[(GoVersion, &Output)],
    fixes: &[(usize, &Output)],
) -> Vec<Choice> {
    let possible = other_schedules(report);
    let mut options = Vec::new();
    push(&mut options, &run.output.text, true, "run".to_string());
    for output in &possible {
        if options.len() >= MAX_RIGHT {
            break;
        }
        push(&mut options, &output.text, true, "schedule".to_string());
    }
    let impossible = |text: &str| !possible.iter().any(|p| p.text == text);
    for (go, output) in others {
        if impossible(&output.text) {
            push(
                &mut options,
                &output.text,
                false,
                format!("go{}", go.label()),
            );
        }
    }
    for (i, output) in fixes {
        if impossible(&output.text) {
            push(&mut options, &output.text, false, format!("fix{}", i + 1));
        }
    }
    options
}

#[cfg(test)]
mod tests {
    use super::*;

    fn repo_cases() -> Vec<CaseFile> {
        case_data::load_dir(&case_data::repo_cases_dir())
            .unwrap_or_else(|e| panic!("{e}"))
            .into_iter()
            .map(|(_, case)| case)
            .collect()
    }

    fn own(case: &CaseFile) -> GoVersion {
        case.go
            .as_deref()
            .and_then(GoVersion::parse)
            .unwrap_or(GoVersion::CURRENT)
    }

    #[test]
    fn every_case_gets_well_formed_questions_that_agree_with_its_badge() {
        for case in repo_cases() {
            let versions = compute(&case);
            if !case.runnable {
                assert!(versions.is_empty(), "{}", case.slug);
                continue;
            }
            assert_eq!(versions.len(), releases(&case).len(), "{}", case.slug);
            // The run decides "what happens"; under the case's own release it
            // is the badge, except where the badge names a leak the run does
            // not show: a latent early return (5), timers (16).
            let expected = match case.slug.as_str() {
                "missing-unlock-early-return" => "ok",
                "time-after-in-for-select" => "wrong-value",
                _ => case.outcome.as_str(),
            };
            let v = versions
                .iter()
                .find(|v| v.go == own(&case))
                .expect("own release");
            assert_eq!(v.outcome, expected, "{}", case.slug);
            for v in &versions {
                assert!(v.focus <= MAX_FOCUS, "{}", case.slug);
                assert!(v.options.len() <= MAX_OPTIONS && v.options.len() != 1);
                let rights = v.options.iter().filter(|o| o.right).count();
                if !v.options.is_empty() {
                    assert_eq!(
                        v.options[0].from, "run",
                        "{}: Go's own order first",
                        case.slug
                    );
                    assert!(v.options[0].right);
                    assert!(
                        if v.multi { rights >= 1 } else { rights == 1 },
                        "{}",
                        case.slug
                    );
                }
                for (i, o) in v.options.iter().enumerate() {
                    assert!(
                        v.options[..i].iter().all(|p| p.text != o.text),
                        "{}: options are distinct",
                        case.slug
                    );
                }
            }
        }
    }

    #[test]
    fn the_talks_examples_become_the_questions_the_issue_asks_for() {
        let cases = repo_cases();
        let case = |n: u32| cases.iter().find(|c| c.number == n).expect("case");
        // Case 14: `3 3 3` under Go 1.21 against `2 0 1` under Go 1.22.
        let q = compute(case(14));
        let at = |go: GoVersion| q.iter().find(|v| v.go == go).expect("release");
        let old = at(GoVersion::GO1_21);
        assert_eq!(
            (old.options[0].text.as_str(), old.outcome),
            ("3\n3\n3\n", "wrong-value")
        );
        assert!(old
            .options
            .iter()
            .any(|o| o.text == "2\n0\n1\n" && o.from == "go1.22" && !o.right));
        let new = at(GoVersion::GO1_22);
        assert_eq!(
            (new.options[0].text.as_str(), new.outcome),
            ("2\n0\n1\n", "ok")
        );
        // Cases 3, 6 and 9 ask which outputs are possible, several right.
        for n in [3, 6, 9] {
            for v in compute(case(n)) {
                assert!(v.multi && v.outcome == "nondeterministic", "case {n}");
                assert!(
                    v.options.iter().filter(|o| o.right).count() >= 2,
                    "case {n}"
                );
            }
        }
        let three = compute(case(3));
        let texts: Vec<&str> = three[0].options.iter().map(|o| o.text.as_str()).collect();
        assert_eq!(texts, ["0\n", "4\n"]);
        // Case 4 deadlocks; the reveal opens where the last goroutine blocks,
        // which is where its run ends.
        let four = &compute(case(4))[0];
        assert_eq!(four.outcome, "deadlock");
        let mut s = Session::new(&case(4).source, &run_config(four.go), StepBy::Statement)
            .expect("compiles");
        s.run(four.focus);
        assert_eq!(s.position(), four.focus);
        assert!(s.is_ended(), "the focus is the deadlock");
        // Case 1 never ends; the reveal opens at the first receive from the
        // closed channel, the loop's telling step.
        let one = &compute(case(1))[0];
        assert_eq!(one.outcome, "endless-loop");
        let mut s = Session::new(&case(1).source, &run_config(one.go), StepBy::Statement)
            .expect("compiles");
        s.run(one.focus);
        assert!(s
            .snapshot()
            .events
            .iter()
            .any(|e| matches!(e.kind, EventKind::Recv { ok: false, .. })));
    }

    #[test]
    fn shapes_fold_digits_and_cut_after_the_first_colon() {
        assert_eq!(shape("Outer: 2"), "Outer:");
        assert_eq!(shape("reader12 Call RLock"), "reader# Call RLock");
        assert_eq!(shape("done! count:1000"), "done! count:");
        let shapes = vec![shape("end with timeout: false")];
        assert!(plausible(
            "end with timeout: true (context canceled)\n",
            &shapes
        ));
        assert!(!plausible("job result\n", &shapes));
        assert!(plausible("", &shapes));
    }

    #[test]
    fn terminal_text_clips_long_output_and_adds_the_crash_line() {
        let long: String = (0..20).map(|i| format!("{i}\n")).collect();
        let text = terminal_text(&long, "", OutcomeClass::Finished);
        assert_eq!(text.lines().count(), MAX_LINES + 1);
        assert!(text.ends_with("…\n"));
        let text = terminal_text(
            "a\n",
            "fatal error: all goroutines are asleep - deadlock!",
            OutcomeClass::Deadlock,
        );
        assert_eq!(
            text,
            "a\nfatal error: all goroutines are asleep - deadlock!\n"
        );
        assert_eq!(
            terminal_text("0\n", "", OutcomeClass::BudgetExhausted),
            "0\n…\n"
        );
    }
}
