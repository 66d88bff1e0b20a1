//! A schedule as a shareable value: a short, URL-safe string that records
//! the choices, the Go version, how many steps to take, and a hash of the
//! program, so a link can never silently replay on different code.
//!
//! The playground's share links carry one of these as their `run=` part.
//! Owns only the encoding. Format: `s1.<go>.<hash>.<choices>[.<steps>]`
//! where `<go>` is `121`, `122` or `123`, `<hash>` is 8 hex digits of the
//! program's FNV-1a hash, and `<choices>` has one base-36 digit per choice
//! (choices ≥ 36 are written `~<base36>~`) with runs of zeros as `_<n>_`.

use crate::config::GoVersion;
use crate::format::quote;
use crate::schedule::Choices;

#[derive(Clone, Debug, PartialEq, Eq)]
/// A run that can travel in a link.
pub struct ScheduleLink {
    /// The release the run was made under.
    pub go_version: GoVersion,
    /// `program_hash` of the program it was made on.
    pub program_hash: u32,
    /// The run's choices at multi-option points.
    pub choices: Choices,
    /// Steps to take (None: run to the end).
    pub steps: Option<u64>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
/// Why a schedule link cannot be used.
pub enum ShareError {
    /// Not a schedule string at all, with what was wrong.
    Malformed(String),
    /// A newer format or unknown Go version.
    Unsupported(String),
    /// The schedule was made for a different program.
    ProgramMismatch,
}

impl std::fmt::Display for ShareError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ShareError::Malformed(why) => write!(f, "this schedule is damaged ({})", why),
            ShareError::Unsupported(what) => write!(
                f,
                "this schedule uses {} that this version does not know",
                what
            ),
            ShareError::ProgramMismatch => {
                write!(f, "this schedule was recorded for a different program")
            }
        }
    }
}

/// FNV-1a over the source text, folded to 32 bits.
pub fn program_hash(src: &str) -> u32 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in src.bytes() {
        h ^= b as u64;
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    (h ^ (h >> 32)) as u32
}

fn digit(c: u32) -> char {
    std::char::from_digit(c, 36).unwrap_or('0')
}

impl ScheduleLink {
    /// Checks that the link was made for `src`.
    pub fn check_program(&self, src: &str) -> Result<(), ShareError> {
        if self.program_hash == program_hash(src) {
            Ok(())
        } else {
            Err(ShareError::ProgramMismatch)
        }
    }
}

/// The link text (`s1.127.1a2b3c4d.01_5_2.k`).
pub fn encode(link: &ScheduleLink) -> String {
    let go = format!("1{:02}", link.go_version.minor());
    let mut choices = String::new();
    let list = &link.choices.0;
    let mut i = 0;
    while i < list.len() {
        let c = list[i];
        if c == 0 {
            let mut n = 0;
            while i < list.len() && list[i] == 0 {
                n += 1;
                i += 1;
            }
            if n >= 4 {
                choices.push('_');
                choices.push_str(&to_base36(n as u64));
                choices.push('_');
            } else {
                choices.extend(std::iter::repeat_n('0', n));
            }
            continue;
        }
        if c < 36 {
            choices.push(digit(c));
        } else {
            choices.push('~');
            choices.push_str(&to_base36(c as u64));
            choices.push('~');
        }
        i += 1;
    }
    let mut out = format!("s1.{}.{:08x}.{}", go, link.program_hash, choices);
    if let Some(s) = link.steps {
        out.push('.');
        out.push_str(&to_base36(s));
    }
    out
}

fn to_base36(mut n: u64) -> String {
    if n == 0 {
        return "0".into();
    }
    let mut d = Vec::new();
    while n > 0 {
        d.push(digit((n % 36) as u32));
        n /= 36;
    }
    d.iter().rev().collect()
}

fn from_base36(s: &str) -> Result<u64, ShareError> {
    if s.is_empty() || s.len() > 12 {
        return Err(ShareError::Malformed(
            "a number is missing or too long".into(),
        ));
    }
    u64::from_str_radix(s, 36)
        .map_err(|_| ShareError::Malformed(format!("{} is not a number", quote(s.as_bytes()))))
}

/// Decodes a schedule string and checks it belongs to `src`.
pub fn decode_for(s: &str, src: &str) -> Result<ScheduleLink, ShareError> {
    let link = decode(s)?;
    link.check_program(src)?;
    Ok(link)
}

/// Decodes a schedule string (see [`ScheduleLink::check_program`]).
pub fn decode(s: &str) -> Result<ScheduleLink, ShareError> {
    let parts: Vec<&str> = s.trim().split('.').collect();
    if parts.len() < 4 || parts.len() > 5 {
        return Err(ShareError::Malformed("wrong number of parts".into()));
    }
    if parts[0] != "s1" {
        return Err(ShareError::Unsupported(format!(
            "format {}",
            quote(parts[0].as_bytes())
        )));
    }
    // `1NN`: Go 1.NN (`121`, `115`).
    let go_version = parts[1]
        .strip_prefix('1')
        .filter(|m| m.len() == 2)
        .and_then(|m| GoVersion::parse(&format!("1.{}", m.trim_start_matches('0'))))
        .ok_or_else(|| {
            ShareError::Unsupported(format!("Go version {}", quote(parts[1].as_bytes())))
        })?;
    if parts[2].len() != 8 {
        return Err(ShareError::Malformed(
            "the program hash must be 8 hex digits".into(),
        ));
    }
    let program_hash = u32::from_str_radix(parts[2], 16)
        .map_err(|_| ShareError::Malformed("the program hash is not hex".into()))?;
    let mut choices = Vec::new();
    let mut chars = parts[3].chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '_' | '~' => {
                let mut num = String::new();
                loop {
                    match chars.next() {
                        Some(x) if x == c => break,
                        Some(x) => num.push(x),
                        None => return Err(ShareError::Malformed("an unterminated run".into())),
                    }
                }
                let n = from_base36(&num)?;
                if c == '_' {
                    if choices.len() as u64 + n > 10_000_000 {
                        return Err(ShareError::Malformed("the schedule is too long".into()));
                    }
                    choices.extend(std::iter::repeat_n(0, n as usize));
                } else {
                    choices.push(
                        u32::try_from(n)
                            .map_err(|_| ShareError::Malformed("a choice is too large".into()))?,
                    );
                }
            }
            c => choices.push(c.to_digit(36).ok_or_else(|| {
                ShareError::Malformed(format!(
                    "unexpected {}",
                    String::from_utf8_lossy(&crate::format::quote_rune(c as u32, false))
                ))
            })?),
        }
    }
    let steps = match parts.get(4) {
        Some(p) => Some(from_base36(p)?),
        None => None,
    };
    Ok(ScheduleLink {
        go_version,
        program_hash,
        choices: Choices(choices),
        steps,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_and_stays_short() {
        let src = "package main\nfunc main() {}\n";
        let mut choices = vec![0; 40];
        choices.extend([1, 2, 0, 37, 0, 0, 0, 0, 0, 3]);
        let link = ScheduleLink {
            go_version: GoVersion::GO1_21,
            program_hash: program_hash(src),
            choices: Choices(choices),
            steps: Some(1234),
        };
        let s = encode(&link);
        assert!(s.len() < 40, "{}", s);
        assert!(
            s.chars()
                .all(|c| c.is_ascii_alphanumeric() || "._~".contains(c)),
            "URL-safe: {}",
            s
        );
        assert_eq!(decode_for(&s, src), Ok(link));
    }

    #[test]
    fn corrupt_or_foreign_strings_are_refused_clearly() {
        let src = "package main\nfunc main() {}\n";
        let good = encode(&ScheduleLink {
            go_version: GoVersion::CURRENT,
            program_hash: program_hash(src),
            choices: Choices(vec![1, 0, 2]),
            steps: None,
        });
        assert_eq!(
            decode_for(&good, "package main\nfunc main() { println() }\n"),
            Err(ShareError::ProgramMismatch)
        );
        assert!(matches!(
            decode_for("s1.999.00000000.1", src),
            Err(ShareError::Unsupported(_))
        ));
        assert!(matches!(
            decode_for("s9.123.00000000.1", src),
            Err(ShareError::Unsupported(_))
        ));
        for bad in [
            "",
            "s1",
            "s1.123.zz.1",
            "s1.123.0000000g.1",
            "s1.123.00000000._5",
            "s1.123.00000000.!",
            "s1.123.00000000.1.2.3",
        ] {
            assert!(
                matches!(decode(bad), Err(ShareError::Malformed(_))),
                "{:?} -> {:?}",
                bad,
                decode(bad)
            );
        }
        assert!(ShareError::ProgramMismatch
            .to_string()
            .contains("different program"));
    }
}
