//! The schedule: every decision a run needs, and the one loop that makes them.
//!
//! A run is a pure function of the program and its choices. This module owns
//! that idea: the choice point ([`Point`]) the scheduler stops at, the list
//! of choices a run took at points with more than one option ([`Choices`],
//! written `0.1.0` only at the edges: links, the CLI, JSON), the policy that
//! picks an option ([`Policy`]: Go's own order, seeded random, or an explicit
//! list), and [`drive`], the single choice loop that the CLI, explore, the
//! session and the playground all run schedules through.
//!
//! It knows nothing about the VM: whatever can step implements [`Stepper`]
//! (the bare VM, or a `Session` that records each step). It must not grow a
//! second place where "who runs next" is decided.

use crate::runtime::Gid;
use crate::util::splitmix::SplitMix;
use serde::{Deserialize, Serialize};

/// A decision the scheduler needs before the machine can go on.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Point {
    /// Which goroutine runs next. `options[0]` is Go's own choice.
    Schedule {
        /// The goroutines that can run, Go's own pick first.
        options: Vec<Gid>,
    },
    /// Goroutine `g` is at a select with several ready cases; `options`
    /// are case indices, Go's own pick first (uniformly random, from a
    /// generator seeded the same for every run), then the rest in source
    /// order.
    SelectCase {
        /// The goroutine at the select.
        g: Gid,
        /// The ready cases' indices.
        options: Vec<usize>,
    },
    /// The program has ended.
    Ended,
}

impl Point {
    /// How many options the point has (0 at the end).
    pub fn option_count(&self) -> usize {
        match self {
            Point::Schedule { options } => options.len(),
            Point::SelectCase { options, .. } => options.len(),
            Point::Ended => 0,
        }
    }

    /// The goroutine that runs when option `choice` is taken (clamped to
    /// the last option, as stepping clamps it); `None` at the end.
    pub fn runner(&self, choice: usize) -> Option<Gid> {
        match self {
            Point::Schedule { options } => options.get(choice).or(options.last()).copied(),
            Point::SelectCase { g, .. } => Some(*g),
            Point::Ended => None,
        }
    }

    /// The goroutines that can be picked to run next (a select with several
    /// ready cases is one goroutine deciding).
    pub fn runnable(&self) -> Vec<Gid> {
        match self {
            Point::Schedule { options } => options.clone(),
            Point::SelectCase { g, .. } => vec![*g],
            Point::Ended => Vec::new(),
        }
    }
}

/// The choices a run took at points with more than one option, in order.
/// Points with a single option are not recorded: they are not choices.
///
/// Text form (`gosim run --schedule`, share links, JSON): the numbers joined
/// by `.`, the empty string for Go's own schedule.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(into = "String", try_from = "String")]
pub struct Choices(pub Vec<u32>);

impl Choices {
    /// Context switches away from Go's own order (non-zero choices).
    pub fn switches(&self) -> usize {
        self.0.iter().filter(|&&c| c != 0).count()
    }

    /// No choice differed from Go's own order at a multi-option point.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// How many multi-option points the run went through.
    pub fn len(&self) -> usize {
        self.0.len()
    }
}

impl std::fmt::Display for Choices {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        for (i, c) in self.0.iter().enumerate() {
            if i > 0 {
                f.write_str(".")?;
            }
            write!(f, "{c}")?;
        }
        Ok(())
    }
}

impl std::str::FromStr for Choices {
    type Err = String;

    /// Choice indices separated by `.` or `,` (`0.1.0.2`); an empty string
    /// is Go's own schedule.
    fn from_str(s: &str) -> Result<Choices, String> {
        if s.trim().is_empty() {
            return Ok(Choices::default());
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
            .collect::<Result<Vec<u32>, String>>()
            .map(Choices)
    }
}

impl From<Choices> for String {
    fn from(c: Choices) -> String {
        c.to_string()
    }
}

impl TryFrom<String> for Choices {
    type Error = String;
    fn try_from(s: String) -> Result<Choices, String> {
        s.parse()
    }
}

/// How a run's choices are made, as configured (see [`Policy`] for the
/// running state).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Schedule {
    /// Go's own order under GOMAXPROCS=1: runnext, then the FIFO run queue.
    GoDefault,
    /// Uniformly random among the options, from a seed.
    Seeded(u64),
    /// An explicit list of choices, one per choice point; the default order
    /// after the list runs out.
    Choices(Choices),
}

/// A choice in an explicit list that the point it was meant for does not
/// have: the list was made for another program, version or position.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct OutOfRange {
    /// Which entry of the list (0-based).
    pub index: usize,
    /// The choice the list gave.
    pub choice: u32,
    /// How many options the point had.
    pub options: usize,
}

/// The policy that picks an option at every point with more than one.
#[derive(Clone, Debug)]
pub enum Policy {
    /// Option 0 everywhere: what Go itself does.
    GoDefault,
    /// Uniformly random among the options.
    Seeded(SplitMix),
    /// The listed choices at successive multi-option points, then Go's
    /// order. A choice the point does not have is clamped to its last
    /// option (the run must go on), and the first such is remembered.
    Listed {
        /// The list.
        choices: Choices,
        /// The entry the next multi-option point uses.
        next: usize,
        /// The first entry that did not fit its point.
        out_of_range: Option<OutOfRange>,
    },
}

impl Policy {
    /// The policy that makes `schedule`'s choices, from its start.
    pub fn new(schedule: &Schedule) -> Policy {
        match schedule {
            Schedule::GoDefault => Policy::GoDefault,
            Schedule::Seeded(seed) => Policy::Seeded(SplitMix(*seed)),
            Schedule::Choices(c) => Policy::listed(c.clone()),
        }
    }

    /// The policy that takes `choices` in order, then Go's order.
    pub fn listed(choices: Choices) -> Policy {
        Policy::Listed {
            choices,
            next: 0,
            out_of_range: None,
        }
    }

    /// The option to take at a point with `n` options. Points with one
    /// option (or none) are not choices and consume nothing.
    pub fn choose(&mut self, n: usize) -> usize {
        if n <= 1 {
            return 0;
        }
        match self {
            Policy::GoDefault => 0,
            Policy::Seeded(rng) => (rng.next_u64() % n as u64) as usize,
            Policy::Listed {
                choices,
                next,
                out_of_range,
            } => {
                let index = *next;
                *next += 1;
                let c = choices.0.get(index).copied().unwrap_or(0);
                if c as usize >= n {
                    out_of_range.get_or_insert(OutOfRange {
                        index,
                        choice: c,
                        options: n,
                    });
                    return n - 1;
                }
                c as usize
            }
        }
    }

    /// For a listed policy: the first choice that did not fit its point.
    pub fn out_of_range(&self) -> Option<OutOfRange> {
        match self {
            Policy::Listed { out_of_range, .. } => *out_of_range,
            _ => None,
        }
    }

    /// For a listed policy: whether every listed choice was used.
    pub fn exhausted(&self) -> bool {
        match self {
            Policy::Listed { choices, next, .. } => *next >= choices.len(),
            _ => true,
        }
    }
}

/// Something that runs from choice point to choice point.
pub trait Stepper {
    /// The decision the run needs now.
    fn point(&mut self) -> Point;
    /// How many options the current point has (0 at the end); cheaper than
    /// [`Stepper::point`] where only the count matters.
    fn option_count(&mut self) -> usize {
        self.point().option_count()
    }
    /// Takes option `choice` (in range) and runs to the next point.
    fn take(&mut self, choice: usize);
}

/// The choice loop: runs `s` until it ends or `limit` steps were taken,
/// asking `policy` at every point with more than one option. Returns the
/// steps taken.
pub fn drive(s: &mut impl Stepper, policy: &mut Policy, limit: u64) -> u64 {
    let mut steps = 0;
    while steps < limit {
        let n = s.option_count();
        if n == 0 {
            break;
        }
        let c = policy.choose(n);
        s.take(c);
        steps += 1;
    }
    steps
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn choices_print_and_parse_at_the_edges() {
        let c: Choices = "0.1.0.12".parse().expect("valid");
        assert_eq!(c, Choices(vec![0, 1, 0, 12]));
        assert_eq!(c.to_string(), "0.1.0.12");
        assert_eq!(c.switches(), 2);
        assert_eq!("".parse::<Choices>(), Ok(Choices::default()));
        assert_eq!("1,2".parse::<Choices>(), Ok(Choices(vec![1, 2])));
        assert_eq!(
            "1.x".parse::<Choices>(),
            Err("bad schedule \"1.x\": want numbers separated by '.'".to_string())
        );
    }

    #[test]
    fn a_listed_policy_consumes_only_real_choices_and_reports_misfits() {
        let mut p = Policy::listed(Choices(vec![1, 5]));
        assert_eq!(p.choose(1), 0, "a single option is not a choice");
        assert_eq!(p.choose(3), 1);
        assert!(p.out_of_range().is_none());
        assert_eq!(p.choose(2), 1, "clamped to the last option");
        assert_eq!(
            p.out_of_range(),
            Some(OutOfRange {
                index: 1,
                choice: 5,
                options: 2
            })
        );
        assert!(p.exhausted());
        assert_eq!(p.choose(4), 0, "Go's order after the list");
    }

    #[test]
    fn the_seeded_policy_is_reproducible() {
        let picks = |seed| {
            let mut p = Policy::new(&Schedule::Seeded(seed));
            (0..32).map(|_| p.choose(5)).collect::<Vec<_>>()
        };
        assert_eq!(picks(7), picks(7));
        assert_ne!(picks(7), picks(8));
        assert!(picks(7).iter().all(|&c| c < 5));
    }

    struct Counter {
        options: Vec<usize>,
        taken: Vec<usize>,
    }

    impl Stepper for Counter {
        fn point(&mut self) -> Point {
            match self.options.get(self.taken.len()) {
                Some(&n) => Point::Schedule {
                    options: (0..n as Gid).collect(),
                },
                None => Point::Ended,
            }
        }
        fn take(&mut self, choice: usize) {
            self.taken.push(choice);
        }
    }

    #[test]
    fn drive_stops_at_the_end_or_the_limit() {
        let mut s = Counter {
            options: vec![1, 2, 1, 3],
            taken: Vec::new(),
        };
        let mut p = Policy::listed(Choices(vec![1, 2]));
        assert_eq!(drive(&mut s, &mut p, 3), 3);
        assert_eq!(s.taken, vec![0, 1, 0]);
        assert_eq!(drive(&mut s, &mut p, 10), 1);
        assert_eq!(s.taken, vec![0, 1, 0, 2]);
    }
}
