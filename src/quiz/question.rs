//! A question as the quiz asks it: built from an assignment's item and the
//! case's quiz data under the assignment's Go release, with its options in
//! a canonical order (what answers and result codes refer to) and a display
//! order shuffled by the link's seed.
//!
//! Owns choosing the kind of question (the teacher's choice, or one from
//! the case's data), the options of each kind, and the shuffle. Pure data
//! over `content::QuizVersion`; nothing here renders or scores.

use gosim::util::splitmix::SplitMix;
use gosim::GoVersion;

use crate::cases::{Case, Outcome};
use crate::content::QuizVersion;
use crate::quiz::assignment::{Assignment, Item, Kind};

/// What a question asks.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Prompt {
    /// "What happens when it runs?" (one right outcome class).
    Happens,
    /// "What does it print?" (one right output: Go's own order).
    Prints,
    /// "Which of these outputs are possible?" (several right).
    Possible,
}

/// What an option says.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Body {
    Outcome(Outcome),
    /// A program's output ("" for nothing).
    Output(&'static str),
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Opt {
    pub body: Body,
    pub right: bool,
    /// Where the simulator found an output (see `content::QuizOption`);
    /// empty for an outcome class.
    pub from: &'static str,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Question {
    pub case: &'static Case,
    pub go: GoVersion,
    pub prompt: Prompt,
    /// In canonical order: bit `i` of an answer is `options[i]`.
    pub options: Vec<Opt>,
    /// The display order, as indices into `options`.
    pub order: Vec<usize>,
    /// The step of the default run the reveal opens the player at.
    pub focus: usize,
    /// The teacher asked for the output, but this case has no plausible
    /// alternative outputs, so it asks what happens instead.
    pub fell_back: bool,
}

impl Question {
    /// Question `index` of `assignment`, from the case's quiz data.
    /// `None` when the data has no entry for the case (not runnable).
    pub fn build(
        assignment: &Assignment,
        index: usize,
        item: &Item,
        data: &'static [QuizVersion],
    ) -> Option<Question> {
        // The data lives as long as the page (`content` keeps it in a
        // leaked slice), so the question borrows its strings for `'static`.
        let go = assignment.go_for(item.case);
        let label = go.label();
        // The assignment's release, else the newest the data has.
        let version = data.iter().find(|v| v.go == label).or(data.last())?;
        let has_outputs = version.options.len() >= 2;
        let crashes = matches!(
            version.outcome,
            Outcome::Deadlock | Outcome::Leak | Outcome::Panic | Outcome::EndlessLoop
        );
        let prints = match item.kind {
            Kind::Happens => false,
            Kind::Prints => has_outputs,
            Kind::Auto => has_outputs && (version.multi || !crashes),
        };
        let options: Vec<Opt> = if prints {
            // An answer is a 7-bit mask (the result code's byte keeps the
            // kind in the eighth): a longer list in a case file is cut.
            version
                .options
                .iter()
                .take(7)
                .map(|o| Opt {
                    body: Body::Output(o.text.as_str()),
                    right: o.right,
                    from: o.from.as_str(),
                })
                .collect()
        } else {
            Outcome::ALL
                .iter()
                .map(|&o| match o {
                    Outcome::Leak if version.outcome == Outcome::MemoryLeak => Outcome::MemoryLeak,
                    o => o,
                })
                .map(|o| Opt {
                    body: Body::Outcome(o),
                    right: o == version.outcome,
                    from: "",
                })
                .collect()
        };
        let order = shuffled(options.len(), assignment.seed, index as u32);
        Some(Question {
            case: item.case,
            go,
            prompt: match (prints, version.multi) {
                (false, _) => Prompt::Happens,
                (true, false) => Prompt::Prints,
                (true, true) => Prompt::Possible,
            },
            options,
            order,
            focus: version.focus,
            fell_back: item.kind == Kind::Prints && !prints,
        })
    }

    /// The right options as a mask over the canonical order.
    pub fn right_mask(&self) -> u8 {
        mask(self.options.iter().map(|o| o.right))
    }

    /// Several options can be chosen.
    pub fn multi(&self) -> bool {
        self.prompt == Prompt::Possible
    }
}

/// A mask with bit `i` set for each true item.
pub fn mask(bits: impl Iterator<Item = bool>) -> u8 {
    bits.enumerate()
        .filter(|(i, b)| *b && *i < 8)
        .fold(0, |m, (i, _)| m | 1 << i)
}

/// A permutation of `0..n`, the same for the same seed and salt (the
/// question's index), by Fisher–Yates over SplitMix.
pub fn shuffled(n: usize, seed: u32, salt: u32) -> Vec<usize> {
    let mut rng = SplitMix(u64::from(seed) << 32 | u64::from(salt));
    let mut order: Vec<usize> = (0..n).collect();
    for i in (1..n).rev() {
        let j = rng.below(i as u64 + 1) as usize;
        order.swap(i, j);
    }
    order
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cases;
    use crate::content::QuizOption;

    #[test]
    fn shuffles_are_permutations_fixed_by_seed_and_salt() {
        for n in 0..8 {
            let order = shuffled(n, 42, 3);
            let mut sorted = order.clone();
            gosim::util::order::sort(&mut sorted);
            assert_eq!(sorted, (0..n).collect::<Vec<_>>());
            assert_eq!(order, shuffled(n, 42, 3));
        }
        // Different links (seeds) and questions (salts) give different
        // orders, not always the same one.
        let orders: Vec<Vec<usize>> = (0..20).map(|seed| shuffled(7, seed, 0)).collect();
        assert!(orders.iter().any(|o| *o != orders[0]));
        assert_ne!(shuffled(7, 1, 0), shuffled(7, 1, 1));
    }

    fn data(multi: bool, outcome: Outcome, outputs: &[(&str, bool)]) -> &'static [QuizVersion] {
        Box::leak(Box::new([QuizVersion {
            go: "1.27".into(),
            outcome,
            focus: 9,
            multi,
            options: outputs
                .iter()
                .map(|(text, right)| QuizOption {
                    text: text.to_string(),
                    right: *right,
                    from: "run".into(),
                })
                .collect(),
        }]))
    }

    #[test]
    fn the_kind_follows_the_teacher_then_the_data() {
        let mut a = Assignment::from_query("cases=4,5:p,6:h", cases::all()).expect("valid");
        a.seed = 5;
        let deadlock = data(false, Outcome::Deadlock, &[("a\n", true), ("b\n", false)]);
        let q = Question::build(&a, 0, &a.items[0], deadlock).expect("built");
        assert_eq!(q.prompt, Prompt::Happens);
        assert_eq!(q.options.len(), Outcome::ALL.len());
        assert_eq!(q.right_mask(), 1 << 0, "deadlock is the first outcome");
        // Asked for the output, but there is no alternative: what happens.
        let lonely = data(false, Outcome::Ok, &[]);
        let q = Question::build(&a, 1, &a.items[1], lonely).expect("built");
        assert!(q.fell_back && q.prompt == Prompt::Happens);
        let possible = data(
            true,
            Outcome::Nondeterministic,
            &[("0\n", true), ("4\n", true), ("x\n", false)],
        );
        let q = Question::build(&a, 2, &a.items[2], possible).expect("built");
        assert_eq!(q.prompt, Prompt::Happens, "the teacher asked what happens");
        let auto = Item {
            case: a.items[2].case,
            kind: Kind::Auto,
        };
        let q = Question::build(&a, 2, &auto, possible).expect("built");
        assert_eq!(q.prompt, Prompt::Possible);
        assert_eq!(q.right_mask(), 0b011);
        assert_eq!(q.order, shuffled(3, 5, 2));
    }
}
