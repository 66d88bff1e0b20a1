//! The result code a learner hands in: the assignment's id, each
//! question's case, kind, answer and points, the time taken and the name
//! typed in, with a checksum against copy-paste damage, as short text that
//! survives email, chat and learning platforms.
//!
//! Owns the format: `GP-` then the bytes below in Crockford's base32
//! (digits and capitals without I, L, O, U; read case-insensitively, with
//! O as 0 and I, L as 1), in groups of five joined by `-`. Bytes: version
//! (1); assignment id (4, big-endian); seconds (varint); question count
//! (1); per question the case key (2: `case_key` of the slug), the answer
//! (1: bit 7 set for an output question, bits 0–6 the options chosen) and
//! the points in hundredths (1); the name's length (1) and its UTF-8; then
//! FNV-1a of all of that (4). The checksum catches damage, not intent:
//! anyone can make a valid code, and the page says so. Decoding is user
//! input: it never panics, and every failure is a `CodeError`.

use crate::quiz::text::fnv32;

/// What every code starts with.
pub const PREFIX: &str = "GP-";
const VERSION: u8 = 1;
/// Bytes of a name that are kept (about 20 Chinese characters).
pub const MAX_NAME_BYTES: usize = 60;
const ALPHABET: &[u8; 32] = b"0123456789ABCDEFGHJKMNPQRSTVWXYZ";

/// One question's answer, as a code carries it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Coded {
    /// `case_key` of the case's slug.
    pub case: u16,
    /// An output question (else "what happens?").
    pub prints: bool,
    /// The options chosen (canonical order); 0 when unanswered.
    pub chosen: u8,
    /// Hundredths of a point.
    pub points: u8,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ResultCode {
    pub assignment: u32,
    pub seconds: u32,
    pub answers: Vec<Coded>,
    pub name: String,
}

/// Why text is not a usable code.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CodeError {
    /// It does not start with `GP-`.
    NotACode,
    /// A character that base32 does not use, a wrong length, or a checksum
    /// that does not match: the code was changed or cut.
    Damaged,
    /// A newer format than this page reads.
    Unsupported,
}

/// A case's 16-bit key in codes (the slug's hash; the cases' keys are
/// distinct, which a test checks).
pub fn case_key(slug: &str) -> u16 {
    let h = fnv32(slug.as_bytes());
    (h ^ h >> 16) as u16
}

impl ResultCode {
    pub fn encode(&self) -> String {
        let mut bytes = vec![VERSION];
        bytes.extend_from_slice(&self.assignment.to_be_bytes());
        let mut s = self.seconds;
        loop {
            let low = (s & 0x7f) as u8;
            s >>= 7;
            if s == 0 {
                bytes.push(low);
                break;
            }
            bytes.push(low | 0x80);
        }
        bytes.push(self.answers.len().min(255) as u8);
        for a in self.answers.iter().take(255) {
            bytes.extend_from_slice(&a.case.to_be_bytes());
            bytes.push(a.chosen & 0x7f | if a.prints { 0x80 } else { 0 });
            bytes.push(a.points);
        }
        let name = name_bytes(&self.name);
        bytes.push(name.len() as u8);
        bytes.extend_from_slice(name);
        let sum = fnv32(&bytes);
        bytes.extend_from_slice(&sum.to_be_bytes());
        let digits = base32(&bytes);
        let groups: Vec<&str> = digits
            .as_bytes()
            .chunks(5)
            .map(|c| std::str::from_utf8(c).unwrap_or_default())
            .collect();
        format!("{PREFIX}{}", groups.join("-"))
    }

    /// Reads a code, ignoring case, spaces, line breaks and dashes inside it.
    pub fn decode(text: &str) -> Result<ResultCode, CodeError> {
        let compact: String = text
            .chars()
            .filter(|c| !c.is_whitespace() && *c != '-')
            .map(|c| c.to_ascii_uppercase())
            .collect();
        let body = compact.strip_prefix("GP").ok_or(CodeError::NotACode)?;
        let bytes = unbase32(body).ok_or(CodeError::Damaged)?;
        let body_len = bytes.len().checked_sub(4).ok_or(CodeError::Damaged)?;
        let (payload, sum) = bytes.split_at(body_len);
        if fnv32(payload).to_be_bytes() != sum {
            return Err(CodeError::Damaged);
        }
        let mut r = Reader(payload);
        if r.byte()? != VERSION {
            return Err(CodeError::Unsupported);
        }
        let assignment = u32::from_be_bytes([r.byte()?, r.byte()?, r.byte()?, r.byte()?]);
        let mut seconds: u32 = 0;
        for shift in (0..35).step_by(7) {
            let b = r.byte()?;
            seconds |= u32::from(b & 0x7f).checked_shl(shift).unwrap_or(0);
            if b & 0x80 == 0 {
                break;
            }
        }
        let count = r.byte()?;
        let mut answers = Vec::with_capacity(usize::from(count));
        for _ in 0..count {
            let case = u16::from_be_bytes([r.byte()?, r.byte()?]);
            let answer = r.byte()?;
            answers.push(Coded {
                case,
                prints: answer & 0x80 != 0,
                chosen: answer & 0x7f,
                points: r.byte()?.min(100),
            });
        }
        let len = usize::from(r.byte()?);
        let name = r.take(len)?;
        if !r.0.is_empty() {
            return Err(CodeError::Damaged);
        }
        Ok(ResultCode {
            assignment,
            seconds,
            answers,
            name: String::from_utf8_lossy(name).into_owned(),
        })
    }
}

/// The name's UTF-8, cut at a character boundary to `MAX_NAME_BYTES`.
fn name_bytes(name: &str) -> &[u8] {
    let mut end = name.len().min(MAX_NAME_BYTES);
    while !name.is_char_boundary(end) {
        end -= 1;
    }
    &name.as_bytes()[..end]
}

struct Reader<'a>(&'a [u8]);

impl<'a> Reader<'a> {
    fn byte(&mut self) -> Result<u8, CodeError> {
        let (&b, rest) = self.0.split_first().ok_or(CodeError::Damaged)?;
        self.0 = rest;
        Ok(b)
    }

    fn take(&mut self, n: usize) -> Result<&'a [u8], CodeError> {
        let (head, rest) = self.0.split_at_checked(n).ok_or(CodeError::Damaged)?;
        self.0 = rest;
        Ok(head)
    }
}

fn base32(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len() * 8 / 5 + 1);
    let (mut acc, mut bits) = (0u32, 0u32);
    for &b in bytes {
        acc = acc << 8 | u32::from(b);
        bits += 8;
        while bits >= 5 {
            bits -= 5;
            out.push(char::from(ALPHABET[(acc >> bits & 31) as usize]));
        }
    }
    if bits > 0 {
        out.push(char::from(ALPHABET[(acc << (5 - bits) & 31) as usize]));
    }
    out
}

fn unbase32(text: &str) -> Option<Vec<u8>> {
    let mut out = Vec::with_capacity(text.len() * 5 / 8);
    let (mut acc, mut bits) = (0u32, 0u32);
    for c in text.bytes() {
        let c = match c {
            b'O' => b'0',
            b'I' | b'L' => b'1',
            c => c,
        };
        let v = ALPHABET.iter().position(|&a| a == c)? as u32;
        acc = (acc << 5 | v) & 0xffff;
        bits += 5;
        if bits >= 8 {
            bits -= 8;
            out.push((acc >> bits) as u8);
        }
    }
    // Padding bits beyond the last whole byte must be zero, and fewer than
    // a character's worth: anything else is a cut or extra character.
    (bits < 5 && acc & ((1 << bits) - 1) == 0).then_some(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cases;

    fn sample(name: &str) -> ResultCode {
        ResultCode {
            assignment: 0xdead_beef,
            seconds: 754,
            answers: vec![
                Coded {
                    case: 0x1234,
                    prints: false,
                    chosen: 0b100,
                    points: 100,
                },
                Coded {
                    case: 0xabcd,
                    prints: true,
                    chosen: 0b011,
                    points: 67,
                },
                Coded {
                    case: 7,
                    prints: true,
                    chosen: 0,
                    points: 0,
                },
            ],
            name: name.to_string(),
        }
    }

    #[test]
    fn codes_round_trip() {
        for name in [
            "",
            "Ana",
            "王小明",
            "<img src=x onerror=alert(1)>",
            "a\"b,c\n",
        ] {
            let code = sample(name);
            let text = code.encode();
            assert!(text.starts_with(PREFIX));
            assert!(
                text[3..]
                    .bytes()
                    .all(|b| b == b'-' || ALPHABET.contains(&b)),
                "{text}"
            );
            assert_eq!(ResultCode::decode(&text), Ok(code.clone()), "{text}");
            // Pasted in lower case, wrapped over lines, with stray spaces.
            let mangled = text.to_lowercase().replacen('-', "\n", 3).replace('0', "o");
            assert_eq!(ResultCode::decode(&format!("  {mangled} ")), Ok(code));
        }
        let long = "名".repeat(40);
        let back = ResultCode::decode(&sample(&long).encode()).expect("valid");
        assert_eq!(back.name, "名".repeat(20), "cut at a character boundary");
    }

    #[test]
    fn damage_is_detected() {
        let text = sample("Ana").encode();
        assert_eq!(ResultCode::decode("hello"), Err(CodeError::NotACode));
        assert_eq!(ResultCode::decode("GP-"), Err(CodeError::Damaged));
        // Every single-character change, every cut, every doubled character.
        let chars: Vec<char> = text.chars().collect();
        for i in 3..chars.len() {
            if chars[i] == '-' {
                continue;
            }
            for replacement in ['0', 'Z', 'U', '*'] {
                if replacement == chars[i] {
                    continue;
                }
                let mut changed = chars.clone();
                changed[i] = replacement;
                let changed: String = changed.into_iter().collect();
                assert!(ResultCode::decode(&changed).is_err(), "{changed}");
            }
            let cut: String = chars[..i].iter().collect();
            assert!(ResultCode::decode(&cut).is_err(), "{cut}");
            let mut doubled = chars.clone();
            doubled.insert(i, chars[i]);
            let doubled: String = doubled.into_iter().collect();
            assert!(ResultCode::decode(&doubled).is_err(), "{doubled}");
        }
    }

    #[test]
    fn case_keys_are_distinct() {
        let keys: Vec<u16> = cases::all().iter().map(|c| case_key(c.slug)).collect();
        for (i, k) in keys.iter().enumerate() {
            assert!(!keys[..i].contains(k), "{}", cases::all()[i].slug);
        }
    }

    #[test]
    fn random_bytes_never_panic() {
        let mut rng = gosim::util::splitmix::SplitMix(9);
        for _ in 0..2_000 {
            let len = rng.below(60) as usize;
            let text: String = (0..len)
                .map(|_| char::from(ALPHABET[rng.below(32) as usize]))
                .collect();
            let _ = ResultCode::decode(&format!("GP-{text}"));
        }
    }
}
