//! The class view's reading of pasted result codes: one student per good
//! code, one problem line per bad one (not a code, damaged, for another
//! assignment, pasted twice), and the class's statistics: each question's
//! success rate and the pitfalls the class got wrong most.
//!
//! Owns the tolerant reading of pasted text (codes anywhere in a line,
//! several on a line, a code wrapped over lines by a mail program) and the
//! table's numbers and CSV rows. Everything it returns is data; the words
//! come from the view. A bad line never stops the others from loading.

use crate::quiz::code::{CodeError, Coded, ResultCode};
use crate::quiz::scoring::FULL;
use crate::quiz::text::clip;

/// Lines a wrapped code may continue over.
const MAX_WRAP: usize = 3;

/// Why a line did not become a student.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Issue {
    /// No `GP-` on the line.
    NotACode,
    Damaged,
    /// A newer code format than this page reads.
    Unsupported,
    /// A good code for another assignment (its id).
    Foreign(u32),
    /// The same code as the one on this earlier line.
    Duplicate(usize),
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Problem {
    /// 1-based.
    pub line: usize,
    /// The text, clipped, to show back.
    pub text: String,
    pub issue: Issue,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Student {
    pub line: usize,
    pub code: ResultCode,
}

/// A question as the class view knows it: its case key and kind.
pub type ClassQuestion = (u16, bool);

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Class {
    /// The assignment the table is for: the teacher's link's, else the
    /// first good code's.
    pub assignment: Option<u32>,
    pub questions: Vec<ClassQuestion>,
    pub students: Vec<Student>,
    pub problems: Vec<Problem>,
}

impl Class {
    /// Reads `text`; `expected` is the id of the assignment from the
    /// teacher's link, if the page has one. The questions are the first
    /// good code's.
    pub fn read(text: &str, expected: Option<u32>) -> Class {
        let mut class = Class {
            assignment: expected,
            ..Class::default()
        };
        let lines: Vec<&str> = text.lines().collect();
        let mut i = 0;
        while i < lines.len() {
            let line = lines[i].trim();
            let number = i + 1;
            i += 1;
            if line.is_empty() {
                continue;
            }
            let starts = code_starts(line);
            if starts.is_empty() {
                class.problem(number, line, Issue::NotACode);
                continue;
            }
            for (k, &start) in starts.iter().enumerate() {
                let end = starts.get(k + 1).copied().unwrap_or(line.len());
                let mut candidate = line[start..end].to_string();
                let mut decoded = ResultCode::decode(&candidate);
                // The last code on a line may have been wrapped: try it
                // with the following lines that hold no code of their own.
                if k + 1 == starts.len() && decoded == Err(CodeError::Damaged) {
                    let mut joined = candidate.clone();
                    for extra in 0..MAX_WRAP {
                        let Some(next) = lines.get(i + extra).map(|l| l.trim()) else {
                            break;
                        };
                        if next.is_empty() || !code_starts(next).is_empty() {
                            break;
                        }
                        joined.push_str(next);
                        if let Ok(code) = ResultCode::decode(&joined) {
                            decoded = Ok(code);
                            candidate = joined.clone();
                            i += extra + 1;
                            break;
                        }
                    }
                }
                match decoded {
                    Ok(code) => class.admit(number, &candidate, code),
                    Err(CodeError::Unsupported) => {
                        class.problem(number, &candidate, Issue::Unsupported)
                    }
                    Err(_) => class.problem(number, &candidate, Issue::Damaged),
                }
            }
        }
        class
    }

    fn problem(&mut self, line: usize, text: &str, issue: Issue) {
        self.problems.push(Problem {
            line,
            text: clip(text, 48),
            issue,
        });
    }

    fn admit(&mut self, line: usize, text: &str, code: ResultCode) {
        let questions: Vec<ClassQuestion> =
            code.answers.iter().map(|a| (a.case, a.prints)).collect();
        match self.assignment {
            Some(id) if id != code.assignment => {
                return self.problem(line, text, Issue::Foreign(code.assignment));
            }
            _ if self.students.is_empty() => {
                self.assignment = Some(code.assignment);
                self.questions = questions;
            }
            // A code of this assignment that asks other questions was made
            // by hand or by another version of the site.
            _ if questions != self.questions => {
                return self.problem(line, text, Issue::Damaged);
            }
            _ => {}
        }
        if let Some(first) = self.students.iter().find(|s| s.code == code) {
            let first = first.line;
            return self.problem(line, text, Issue::Duplicate(first));
        }
        self.students.push(Student { line, code });
    }

    /// Each student's total, in hundredths.
    pub fn total(student: &Student) -> u32 {
        student
            .code
            .answers
            .iter()
            .map(|a| u32::from(a.points))
            .sum()
    }

    /// The most a student can earn, in hundredths.
    pub fn max(&self) -> u32 {
        self.questions.len() as u32 * FULL
    }

    /// Each question's success rate: the class's average points, in percent.
    pub fn success(&self) -> Vec<u32> {
        (0..self.questions.len())
            .map(|q| {
                let earned: u32 = self
                    .students
                    .iter()
                    .filter_map(|s| s.code.answers.get(q))
                    .map(|a| u32::from(a.points))
                    .sum();
                crate::quiz::text::percent(earned, self.students.len() as u32 * FULL)
            })
            .collect()
    }

    /// The questions the class did worst on (below full marks), worst
    /// first, at most `n`.
    pub fn hardest(&self, n: usize) -> Vec<usize> {
        if self.students.is_empty() {
            return Vec::new();
        }
        let success = self.success();
        let mut order: Vec<usize> = (0..success.len()).filter(|&q| success[q] < 100).collect();
        gosim::util::order::sort_by_key(&mut order, |&q| success[q]);
        order.truncate(n);
        order
    }

    /// The table as CSV rows: `header` (name, one per question, total,
    /// percent, time), a row per student, then the success rates under
    /// `rate_label`.
    pub fn csv_rows(&self, header: Vec<String>, rate_label: &str) -> Vec<Vec<String>> {
        use crate::quiz::text::{hundredths, percent};
        let mut rows = vec![header];
        for s in &self.students {
            let mut row = vec![s.code.name.clone()];
            row.extend(
                s.code
                    .answers
                    .iter()
                    .map(|a: &Coded| hundredths(u32::from(a.points))),
            );
            let total = Class::total(s);
            row.push(hundredths(total));
            row.push(percent(total, self.max()).to_string());
            row.push(s.code.seconds.to_string());
            rows.push(row);
        }
        let mut rates = vec![rate_label.to_string()];
        rates.extend(self.success().iter().map(|r| format!("{r}%")));
        rows.push(rates);
        rows
    }
}

/// Byte offsets of each `GP-` (any case) in `line`.
fn code_starts(line: &str) -> Vec<usize> {
    let b = line.as_bytes();
    (0..b.len().saturating_sub(2))
        .filter(|&i| b[i] | 0x20 == b'g' && b[i + 1] | 0x20 == b'p' && b[i + 2] == b'-')
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn code(assignment: u32, name: &str, points: [u8; 2]) -> ResultCode {
        ResultCode {
            assignment,
            seconds: 60,
            answers: vec![
                Coded {
                    case: 1,
                    prints: false,
                    chosen: 1,
                    points: points[0],
                },
                Coded {
                    case: 2,
                    prints: true,
                    chosen: 3,
                    points: points[1],
                },
            ],
            name: name.to_string(),
        }
    }

    #[test]
    fn good_codes_load_and_bad_lines_get_their_own_problem() {
        let ana = code(7, "Ana", [100, 0]).encode();
        let li = code(7, "李雷", [100, 67]).encode();
        let other = code(8, "Bo", [0, 0]).encode();
        let mut damaged = li.clone();
        damaged.truncate(damaged.len() - 4);
        let text =
            format!("Results from Monday\n\n{ana}\nLi: {li}\n{damaged}\n{other}\n  {ana}  \n");
        let class = Class::read(&text, None);
        assert_eq!(class.assignment, Some(7));
        let names: Vec<&str> = class
            .students
            .iter()
            .map(|s| s.code.name.as_str())
            .collect();
        assert_eq!(names, ["Ana", "李雷"]);
        let issues: Vec<(usize, Issue)> =
            class.problems.iter().map(|p| (p.line, p.issue)).collect();
        assert_eq!(
            issues,
            [
                (1, Issue::NotACode),
                (5, Issue::Damaged),
                (6, Issue::Foreign(8)),
                (7, Issue::Duplicate(3)),
            ]
        );
        assert_eq!(class.success(), [100, 34]);
        assert_eq!(class.hardest(3), [1]);
    }

    #[test]
    fn the_teachers_assignment_wins_and_wrapped_codes_are_joined() {
        let ana = code(7, "Ana", [100, 100]).encode();
        let bo = code(8, "Bo", [0, 0]).encode();
        let (head, tail) = bo.split_at(20);
        let text = format!("{head}\n{tail}\n{ana} ");
        let class = Class::read(&text, Some(8));
        assert_eq!(class.students.len(), 1);
        assert_eq!(class.students[0].code.name, "Bo");
        assert_eq!(class.problems.len(), 1);
        assert_eq!(
            (class.problems[0].line, class.problems[0].issue),
            (3, Issue::Foreign(7))
        );
    }

    #[test]
    fn csv_rows_hold_names_scores_and_rates() {
        let text = code(7, "=cmd", [100, 50]).encode();
        let class = Class::read(&text, None);
        let rows = class.csv_rows(vec!["name".into(), "Q1".into(), "Q2".into()], "rate");
        assert_eq!(rows[1], ["=cmd", "1", "0.5", "1.5", "75", "60"]);
        assert_eq!(rows[2], ["rate", "100%", "50%"]);
    }
}
