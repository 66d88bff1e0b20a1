//! Scoring: points per question in hundredths (100 is full marks), with
//! partial credit where several answers are right, and the totals a
//! results page and the class view show (overall and per section).
//!
//! Pure integer arithmetic over answer masks; it knows nothing of how a
//! question is shown.

use crate::cases::Section;

/// Full marks for one question, in hundredths of a point.
pub const FULL: u32 = 100;

/// The points `chosen` earns against `right` (both masks over a question's
/// options). One right answer: all or nothing. Several: each right option
/// chosen earns its share, each wrong option chosen takes one share back,
/// and the total never goes below zero.
pub fn points(right: u8, chosen: u8, multi: bool) -> u32 {
    if !multi {
        return if chosen == right && right != 0 {
            FULL
        } else {
            0
        };
    }
    let shares = right.count_ones();
    if shares == 0 {
        return 0;
    }
    let hits = (chosen & right).count_ones();
    let misses = (chosen & !right).count_ones();
    let net = hits.saturating_sub(misses);
    (net * FULL + shares / 2) / shares
}

/// Points earned out of points possible, in hundredths.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Tally {
    pub earned: u32,
    pub max: u32,
}

impl Tally {
    pub fn add(&mut self, earned: u32) {
        self.earned += earned;
        self.max += FULL;
    }
}

/// The total, and one tally per section in the talk's order (sections
/// without questions left out), from (section, points or `None` when
/// unanswered) per question.
pub fn totals(scores: &[(Section, Option<u32>)]) -> (Tally, Vec<(Section, Tally)>) {
    let mut total = Tally::default();
    let mut sections: Vec<(Section, Tally)> = Vec::new();
    for section in Section::ALL {
        let mut tally = Tally::default();
        for (_, earned) in scores.iter().filter(|(s, _)| *s == section) {
            tally.add(earned.unwrap_or(0));
        }
        if tally.max > 0 {
            total.earned += tally.earned;
            total.max += tally.max;
            sections.push((section, tally));
        }
    }
    (total, sections)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_right_answer_is_all_or_nothing() {
        assert_eq!(points(0b0100, 0b0100, false), FULL);
        assert_eq!(points(0b0100, 0b0010, false), 0);
        assert_eq!(
            points(0b0100, 0b0110, false),
            0,
            "two picks are not an answer"
        );
        assert_eq!(points(0b0100, 0, false), 0);
    }

    #[test]
    fn several_right_answers_earn_partial_credit() {
        let right = 0b0111; // three right, two wrong
        assert_eq!(points(right, 0b0111, true), 100);
        assert_eq!(points(right, 0b0011, true), 67);
        assert_eq!(points(right, 0b0001, true), 33);
        assert_eq!(
            points(right, 0b1011, true),
            33,
            "a wrong pick takes a share back"
        );
        assert_eq!(
            points(right, 0b11111, true),
            33,
            "everything: 3 hits, 2 misses"
        );
        assert_eq!(points(right, 0b11000, true), 0, "never below zero");
        assert_eq!(points(0b11, 0b01, true), 50);
        assert_eq!(points(0, 0b1, true), 0);
    }

    #[test]
    fn totals_by_section_in_the_talks_order() {
        let scores = [
            (Section::Mutex, Some(100)),
            (Section::Channel, Some(67)),
            (Section::Mutex, None),
            (Section::Channel, Some(0)),
        ];
        let (total, sections) = totals(&scores);
        assert_eq!(
            total,
            Tally {
                earned: 167,
                max: 400
            }
        );
        assert_eq!(
            sections,
            vec![
                (
                    Section::Channel,
                    Tally {
                        earned: 67,
                        max: 200
                    }
                ),
                (
                    Section::Mutex,
                    Tally {
                        earned: 100,
                        max: 200
                    }
                ),
            ]
        );
    }
}
