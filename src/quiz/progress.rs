//! A learner's progress through one assignment, as localStorage keeps it:
//! when they started (and finished), which question they are on, the
//! answer given to each, and the name they typed.
//!
//! Owns the stored form, `v=1;s=<ms>;f=<ms>;at=<n>;a=<masks>;n=<name>`
//! under the key `gopitfalls.quiz.<assignment id>` (masks in decimal, `-`
//! for unanswered, joined by `.`; the name percent-encoded). Stored data is
//! user-controlled: decoding never panics, and anything that does not fit
//! the assignment is no progress at all.

use crate::quiz::text::{clean, percent_decode, percent_encode};

/// Characters of a name that are kept.
pub const MAX_NAME: usize = 40;

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Progress {
    /// Milliseconds since the epoch when the quiz started.
    pub started_ms: u64,
    /// When the last question was done.
    pub finished_ms: Option<u64>,
    /// The question on screen (0-based).
    pub at: usize,
    /// The answer given to each question (a mask of options), if any.
    pub answers: Vec<Option<u8>>,
    pub name: String,
}

/// The localStorage key of an assignment's progress.
pub fn storage_key(assignment_hex: &str) -> String {
    format!("gopitfalls.quiz.{assignment_hex}")
}

impl Progress {
    /// A quiz of `questions` questions starting at `now_ms`.
    pub fn start(questions: usize, now_ms: u64) -> Progress {
        Progress {
            started_ms: now_ms,
            answers: vec![None; questions],
            ..Progress::default()
        }
    }

    pub fn answered(&self) -> usize {
        self.answers.iter().filter(|a| a.is_some()).count()
    }

    /// Whole seconds from start to finish (or to `now_ms`).
    pub fn seconds(&self, now_ms: u64) -> u32 {
        let end = self.finished_ms.unwrap_or(now_ms);
        (end.saturating_sub(self.started_ms) / 1000).min(u64::from(u32::MAX)) as u32
    }

    pub fn encode(&self) -> String {
        let answers: Vec<String> = self
            .answers
            .iter()
            .map(|a| a.map_or_else(|| "-".to_string(), |m| m.to_string()))
            .collect();
        let finished = self.finished_ms.map(|f| f.to_string()).unwrap_or_default();
        format!(
            "v=1;s={};f={finished};at={};a={};n={}",
            self.started_ms,
            self.at,
            answers.join("."),
            percent_encode(self.name.as_bytes())
        )
    }

    /// The stored progress of a quiz with `questions` questions, or `None`
    /// when the text is not that.
    pub fn decode(text: &str, questions: usize) -> Option<Progress> {
        let mut p = Progress::default();
        let mut version = false;
        for part in text.split(';') {
            let (key, value) = part.split_once('=')?;
            match key {
                "v" => version = value == "1",
                "s" => p.started_ms = value.parse().ok()?,
                "f" if value.is_empty() => p.finished_ms = None,
                "f" => p.finished_ms = Some(value.parse().ok()?),
                "at" => p.at = value.parse().ok()?,
                "a" => {
                    p.answers = value
                        .split('.')
                        .map(|a| match a {
                            "-" => Some(None),
                            m => m.parse().ok().map(Some),
                        })
                        .collect::<Option<_>>()?
                }
                "n" => p.name = clean(&percent_decode(value)?, MAX_NAME),
                _ => return None,
            }
        }
        (version && p.answers.len() == questions && p.at < questions.max(1)).then_some(p)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn progress_round_trips() {
        let mut p = Progress::start(3, 1_700_000_000_000);
        p.answers[0] = Some(4);
        p.answers[2] = Some(0b101);
        p.at = 2;
        p.name = "王小明; <b>=x".to_string();
        let text = p.encode();
        assert_eq!(Progress::decode(&text, 3), Some(p.clone()));
        p.finished_ms = Some(1_700_000_754_999);
        assert_eq!(Progress::decode(&p.encode(), 3), Some(p.clone()));
        assert_eq!(p.seconds(0), 754);
        assert_eq!(p.answered(), 2);
    }

    #[test]
    fn anything_else_is_no_progress() {
        let p = Progress::start(3, 5);
        assert_eq!(
            Progress::decode(&p.encode(), 4),
            None,
            "another quiz's length"
        );
        for junk in [
            "",
            "garbage",
            "v=2;s=1;f=;at=0;a=-.-.-;n=",
            "v=1;s=x;f=;at=0;a=-.-.-;n=",
            "v=1;s=1;f=;at=9;a=-.-.-;n=",
            "v=1;s=1;f=;at=0;a=-.999.-;n=",
        ] {
            assert_eq!(Progress::decode(junk, 3), None, "{junk}");
        }
    }
}
