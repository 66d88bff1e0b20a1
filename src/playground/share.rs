//! Share links: what the URL fragment's query part carries, and the small
//! LZ77 compressor plus base64url codec that keeps edited code short.
//!
//! Owns the query format (`#/case/<slug>?go=1.21&fix=1&run=s1.121.…` and
//! `code=<compressed>` for edited programs) and its parser. The `run=` part
//! is gosim's `ScheduleLink`: the choices and the step, bound to a hash of
//! the program, so a link never replays silently on a different program.
//! Links from before it (`sched=0.1&step=12`) still open. A link ends with
//! `sum=`, a checksum over the case's slug and everything before it, so a
//! damaged link (a changed character in `code=`) or one pasted onto another
//! case's address is detected rather than opened as something else; links
//! without one (older links) still open. Links are user input: decoding
//! never panics, never allocates without bound, and every failure is a
//! `ShareError` the page can show. It does not touch the browser and does
//! not run programs.

use gosim::share::ScheduleLink;
use gosim::{Choices, GoVersion};

use crate::i18n::Language;
use crate::playground::controller::{source_fits, SOURCE_BYTES_MAX};

/// Everything a share link can say beyond the case slug.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ShareState {
    /// Edited source, replacing the case's program.
    pub code: Option<String>,
    /// Which fix of the case is loaded (0-based), if any.
    pub fix: Option<usize>,
    pub go: Option<GoVersion>,
    /// Choices at multi-option points (`Session::choices`).
    pub schedule: Choices,
    /// Steps taken.
    pub step: Option<usize>,
    /// The hash of the program the schedule was recorded on; `None` for an
    /// old link (`sched=`), which carried none.
    pub program_hash: Option<u32>,
    /// Steps stop at scheduling points only (an explored outcome), not at
    /// every statement.
    pub by_scheduling_point: bool,
    /// Seed of the random scheduler.
    pub seed: Option<u64>,
}

/// Why a link could not be read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ShareError {
    /// A parameter we do not know, or a malformed `key=value` pair.
    UnknownParameter(String),
    /// A parameter whose value is unreadable.
    BadValue { key: String, value: String },
    /// The compressed code did not decode.
    BadCode,
    /// The `run=` part is damaged or belongs to another program.
    Schedule(gosim::share::ShareError),
    /// The checksum does not match: the link was damaged, or its query was
    /// put after another case's address.
    Checksum,
    /// The run does not fit the program: its choice `index` (0-based) was
    /// `choice` where the point had `options`.
    Misfit {
        index: usize,
        choice: u32,
        options: usize,
    },
    /// The link asks for step `asked`, but the run ends at step `end`.
    PastTheEnd { asked: usize, end: usize },
}

/// `s` in double quotes with Go's escapes (a link part may hold anything).
fn quote(s: &str) -> String {
    gosim::format::quote(s.as_bytes())
}

impl ShareError {
    /// What is wrong with the link, in `lang`.
    pub fn message(&self, lang: Language) -> String {
        match (self, lang) {
            (ShareError::UnknownParameter(p), Language::En) => {
                format!("This link is malformed: unknown part {}.", quote(p))
            }
            (ShareError::UnknownParameter(p), Language::Zh) => {
                format!("这个链接格式不对：无法识别 {}。", quote(p))
            }
            (ShareError::BadValue { key, value }, Language::En) => format!(
                "This link is malformed: {key}={} is not a valid value.",
                quote(value)
            ),
            (ShareError::BadValue { key, value }, Language::Zh) => {
                format!("这个链接格式不对：{key}={} 不是有效的值。", quote(value))
            }
            (ShareError::BadCode, Language::En) => {
                "This link is damaged: the program in it cannot be decoded (was it cut short?)."
                    .to_string()
            }
            (ShareError::BadCode, Language::Zh) => {
                "这个链接已损坏：其中的程序无法解码（是不是被截断了？）。".to_string()
            }
            (ShareError::Schedule(gosim::share::ShareError::ProgramMismatch), Language::En) => {
                "This link's run was recorded on a different program (the case may have changed since)."
                    .to_string()
            }
            (ShareError::Schedule(gosim::share::ShareError::ProgramMismatch), Language::Zh) => {
                "这个链接里的运行记录属于另一个程序（案例可能已经改过）。".to_string()
            }
            (ShareError::Schedule(e), Language::En) => format!("This link is damaged: {e}."),
            (ShareError::Schedule(_), Language::Zh) => {
                "这个链接已损坏：其中的调度记录无法读取。".to_string()
            }
            (ShareError::Checksum, Language::En) => {
                "This link is damaged, or it was made for another case: its checksum does not match what it says."
                    .to_string()
            }
            (ShareError::Checksum, Language::Zh) => {
                "这个链接已损坏，或者属于另一个案例：校验和与内容不符。".to_string()
            }
            (
                ShareError::Misfit {
                    index,
                    choice,
                    options,
                },
                Language::En,
            ) => format!(
                "This link's run does not fit the program: its choice {} is option {} of a point that has {}. The run follows Go's own order from there.",
                index + 1,
                choice + 1,
                plural_en(*options, "option", "options")
            ),
            (
                ShareError::Misfit {
                    index,
                    choice,
                    options,
                },
                Language::Zh,
            ) => format!(
                "这个链接里的运行记录与程序不符：第 {} 个选择是第 {} 项，但那里只有 {options} 个选项。之后按 Go 自己的顺序运行。",
                index + 1,
                choice + 1
            ),
            (ShareError::PastTheEnd { asked, end }, Language::En) => format!(
                "This link asks for step {asked}, but the run ends at step {end}: showing the end."
            ),
            (ShareError::PastTheEnd { asked, end }, Language::Zh) => {
                format!("这个链接要求第 {asked} 步，但运行在第 {end} 步就结束了：显示结尾。")
            }
        }
    }

    /// Whether the page still shows what the link asked for (the program,
    /// at the nearest step it could reach), as opposed to the case from its
    /// start.
    pub fn partly_applied(&self) -> bool {
        matches!(
            self,
            ShareError::Misfit { .. } | ShareError::PastTheEnd { .. }
        )
    }
}

/// `n` and an English noun, singular or plural.
fn plural_en(n: usize, one: &str, many: &str) -> String {
    if n == 1 {
        format!("1 {one}")
    } else {
        format!("{n} {many}")
    }
}

/// The checksum of a link: over the case's slug and the query before
/// `&sum=`, as 8 hex digits.
pub fn checksum(slug: &str, query: &str) -> String {
    let h = gosim::share::program_hash(&format!("{slug}?{query}"));
    let mut out = String::with_capacity(8);
    for shift in (0..8).rev() {
        let d = (h >> (shift * 4)) & 0xf;
        out.push(char::from_digit(d, 16).unwrap_or('0'));
    }
    out
}

/// Upper bound on decoded code: the most the page takes
/// (`controller::source_fits` also limits its lines).
const MAX_CODE_BYTES: usize = SOURCE_BYTES_MAX;
/// Upper bound on the step number and schedule length a link may ask for.
const MAX_STEP: usize = 5_000_000;

pub fn go_key(v: GoVersion) -> String {
    v.label()
}

/// A version as links and case files write it (`1.21`); `1.23+` is what
/// links said before each release got its own entry (it meant the newest).
pub fn go_from_key(s: &str) -> Option<GoVersion> {
    match s {
        "1.23+" => Some(GoVersion::CURRENT),
        _ => GoVersion::parse(s),
    }
}

impl ShareState {
    /// The query string (without `?`); empty when there is nothing to say.
    pub fn to_query(&self) -> String {
        let mut parts = Vec::new();
        if let Some(code) = &self.code {
            parts.push(format!("code={}", encode_code(code)));
        }
        if let Some(fix) = self.fix {
            parts.push(format!("fix={}", fix + 1));
        }
        if let Some(go) = self.go {
            parts.push(format!("go={}", go_key(go)));
        }
        if self.by_scheduling_point {
            parts.push("by=sched".to_string());
        }
        if let Some(seed) = self.seed {
            parts.push(format!("seed={seed}"));
        }
        match (self.program_hash, self.go) {
            (Some(program_hash), Some(go_version)) => {
                let link = ScheduleLink {
                    go_version,
                    program_hash,
                    choices: self.schedule.clone(),
                    steps: self.step.map(|s| s as u64),
                };
                parts.push(format!("run={}", gosim::share::encode(&link)));
            }
            _ => {
                if !self.schedule.is_empty() {
                    parts.push(format!("sched={}", self.schedule));
                }
                if let Some(step) = self.step {
                    parts.push(format!("step={step}"));
                }
            }
        }
        parts.join("&")
    }

    /// The query for a link to case `slug`, ending with its checksum.
    pub fn to_link_query(&self, slug: &str) -> String {
        let query = self.to_query();
        let sum = checksum(slug, &query);
        if query.is_empty() {
            format!("sum={sum}")
        } else {
            format!("{query}&sum={sum}")
        }
    }

    /// Parses the query of a link to case `slug`, checking its checksum when
    /// it has one (links from before checksums have none).
    pub fn from_link(slug: &str, query: &str) -> Result<ShareState, ShareError> {
        let query = query.strip_prefix('?').unwrap_or(query);
        let (body, sum) = match query.rfind("sum=") {
            Some(0) => ("", &query[4..]),
            Some(i) if query[..i].ends_with('&') => (&query[..i - 1], &query[i + 4..]),
            _ => (query, ""),
        };
        if !sum.is_empty() || query.ends_with("sum=") {
            if sum != checksum(slug, body) {
                return Err(ShareError::Checksum);
            }
            return ShareState::from_query(body);
        }
        ShareState::from_query(query)
    }

    /// Parses a query string (with or without `?`), without a checksum.
    pub fn from_query(query: &str) -> Result<ShareState, ShareError> {
        let query = query.strip_prefix('?').unwrap_or(query);
        let mut state = ShareState::default();
        // The Go version a `run=` part was recorded under.
        let mut run_go = None;
        for pair in query.split('&').filter(|p| !p.is_empty()) {
            let Some((key, value)) = pair.split_once('=') else {
                return Err(ShareError::UnknownParameter(clip(pair)));
            };
            let bad = || ShareError::BadValue {
                key: clip(key),
                value: clip(value),
            };
            match key {
                "code" => state.code = Some(decode_code(value).ok_or(ShareError::BadCode)?),
                "fix" => {
                    let n: usize = value.parse().map_err(|_| bad())?;
                    if n == 0 || n > 100 {
                        return Err(bad());
                    }
                    state.fix = Some(n - 1);
                }
                "go" => state.go = Some(go_from_key(value).ok_or_else(bad)?),
                "by" => match value {
                    "sched" => state.by_scheduling_point = true,
                    "stmt" => state.by_scheduling_point = false,
                    _ => return Err(bad()),
                },
                "seed" => state.seed = Some(value.parse().map_err(|_| bad())?),
                "sched" => {
                    let list: Choices = value.parse().map_err(|_| bad())?;
                    if list.len() > MAX_STEP {
                        return Err(bad());
                    }
                    state.schedule = list;
                }
                "run" => {
                    let link = gosim::share::decode(value).map_err(ShareError::Schedule)?;
                    let steps = link.steps.map(usize::try_from);
                    if link.choices.len() > MAX_STEP
                        || steps.is_some_and(|s| s.map_or(true, |s| s > MAX_STEP))
                    {
                        return Err(bad());
                    }
                    state.schedule = link.choices;
                    state.step = steps.and_then(Result::ok);
                    state.program_hash = Some(link.program_hash);
                    run_go = Some(link.go_version);
                }
                "step" => {
                    let n: usize = value.parse().map_err(|_| bad())?;
                    if n > MAX_STEP {
                        return Err(bad());
                    }
                    state.step = Some(n);
                }
                _ => return Err(ShareError::UnknownParameter(clip(key))),
            }
        }
        if let Some(go) = run_go {
            if state.go.is_some_and(|g| g != go) {
                return Err(ShareError::BadValue {
                    key: "go".into(),
                    value: go_key(state.go.unwrap_or(go)),
                });
            }
            state.go = Some(go);
        }
        Ok(state)
    }
}

/// Shortens user-controlled text for an error message.
fn clip(s: &str) -> String {
    s.chars().take(40).collect()
}

/// Source text to the `code=` value: format byte, LZ77, base64url.
pub fn encode_code(code: &str) -> String {
    let mut bytes = vec![FORMAT_LZ1];
    bytes.extend(compress(code.as_bytes()));
    base64url_encode(&bytes)
}

/// The inverse of `encode_code`; `None` for anything that does not decode
/// to UTF-8 text within the size limit.
pub fn decode_code(value: &str) -> Option<String> {
    let bytes = base64url_decode(value)?;
    let (&format, body) = bytes.split_first()?;
    if format != FORMAT_LZ1 {
        return None;
    }
    let raw = decompress(body, MAX_CODE_BYTES)?;
    let code = String::from_utf8(raw).ok()?;
    source_fits(&code).is_ok().then_some(code)
}

const FORMAT_LZ1: u8 = 1;
const MIN_MATCH: usize = 3;
const MAX_MATCH: usize = MIN_MATCH + 0x7f;
const WINDOW: usize = 1 << 16;
const HASH_BITS: u32 = 12;
const MAX_CHAIN: usize = 48;

/// LZ77 with a byte-oriented token stream:
/// - `0x00..=0x7f` n: `n + 1` literal bytes follow;
/// - `0x80 | (len - 3)`: a back-reference of `len` bytes (3..=130), followed
///   by its distance (1..=65535) as a LEB128 varint.
///
/// Matches are found through hash chains over 3-byte prefixes.
pub fn compress(input: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(input.len() / 2 + 8);
    let mut head = vec![usize::MAX; 1 << HASH_BITS];
    let mut prev = vec![usize::MAX; input.len()];
    let mut literals_start = 0;
    let mut i = 0;
    let hash = |at: usize| -> usize {
        let v =
            u32::from(input[at]) | u32::from(input[at + 1]) << 8 | u32::from(input[at + 2]) << 16;
        (v.wrapping_mul(2_654_435_761) >> (32 - HASH_BITS)) as usize
    };
    let insert = |at: usize, head: &mut Vec<usize>, prev: &mut Vec<usize>| {
        if at + MIN_MATCH <= input.len() {
            let h = hash(at);
            prev[at] = head[h];
            head[h] = at;
        }
    };
    while i < input.len() {
        let mut best_len = 0;
        let mut best_dist = 0;
        if i + MIN_MATCH <= input.len() {
            let mut candidate = head[hash(i)];
            let mut chain = 0;
            while candidate != usize::MAX && chain < MAX_CHAIN && i - candidate < WINDOW {
                let limit = (input.len() - i).min(MAX_MATCH);
                let len = (0..limit)
                    .take_while(|&k| input[candidate + k] == input[i + k])
                    .count();
                if len > best_len {
                    best_len = len;
                    best_dist = i - candidate;
                    if len == limit {
                        break;
                    }
                }
                candidate = prev[candidate];
                chain += 1;
            }
        }
        if best_len >= MIN_MATCH {
            flush_literals(&mut out, &input[literals_start..i]);
            out.push(0x80 | (best_len - MIN_MATCH) as u8);
            push_varint(&mut out, best_dist);
            for at in i..i + best_len {
                insert(at, &mut head, &mut prev);
            }
            i += best_len;
            literals_start = i;
        } else {
            insert(i, &mut head, &mut prev);
            i += 1;
        }
    }
    flush_literals(&mut out, &input[literals_start..]);
    out
}

fn flush_literals(out: &mut Vec<u8>, mut lits: &[u8]) {
    while !lits.is_empty() {
        let n = lits.len().min(128);
        out.push((n - 1) as u8);
        out.extend_from_slice(&lits[..n]);
        lits = &lits[n..];
    }
}

fn push_varint(out: &mut Vec<u8>, mut v: usize) {
    loop {
        let byte = (v & 0x7f) as u8;
        v >>= 7;
        if v == 0 {
            out.push(byte);
            return;
        }
        out.push(byte | 0x80);
    }
}

/// Decodes `compress`'s stream; `None` on any malformed token or when the
/// output would exceed `limit` bytes.
pub fn decompress(input: &[u8], limit: usize) -> Option<Vec<u8>> {
    let mut out: Vec<u8> = Vec::new();
    let mut i = 0;
    while i < input.len() {
        let token = input[i];
        i += 1;
        if token < 0x80 {
            let n = token as usize + 1;
            let lits = input.get(i..i + n)?;
            if out.len() + n > limit {
                return None;
            }
            out.extend_from_slice(lits);
            i += n;
        } else {
            let len = (token & 0x7f) as usize + MIN_MATCH;
            let mut dist = 0usize;
            let mut shift = 0;
            loop {
                let b = *input.get(i)?;
                i += 1;
                if shift > 14 {
                    return None;
                }
                dist |= ((b & 0x7f) as usize) << shift;
                shift += 7;
                if b & 0x80 == 0 {
                    break;
                }
            }
            if dist == 0 || dist > out.len() || out.len() + len > limit {
                return None;
            }
            let start = out.len() - dist;
            for k in 0..len {
                let b = out[start + k];
                out.push(b);
            }
        }
    }
    Some(out)
}

const B64: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

/// RFC 4648 base64url without padding.
pub fn base64url_encode(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len() * 4 / 3 + 3);
    for chunk in bytes.chunks(3) {
        let b = [
            chunk[0],
            chunk.get(1).copied().unwrap_or(0),
            chunk.get(2).copied().unwrap_or(0),
        ];
        let n = u32::from(b[0]) << 16 | u32::from(b[1]) << 8 | u32::from(b[2]);
        let chars = chunk.len() + 1;
        for k in 0..chars {
            out.push(B64[((n >> (18 - 6 * k)) & 63) as usize] as char);
        }
    }
    out
}

/// Decodes base64url (padding tolerated); `None` on any other character or
/// an impossible length.
pub fn base64url_decode(text: &str) -> Option<Vec<u8>> {
    let text = text.trim_end_matches('=');
    if text.len() % 4 == 1 || text.len() > MAX_CODE_BYTES * 2 {
        return None;
    }
    let mut out = Vec::with_capacity(text.len() * 3 / 4);
    let mut acc = 0u32;
    let mut bits = 0;
    for c in text.bytes() {
        let v = match c {
            b'A'..=b'Z' => c - b'A',
            b'a'..=b'z' => c - b'a' + 26,
            b'0'..=b'9' => c - b'0' + 52,
            b'-' | b'+' => 62,
            b'_' | b'/' => 63,
            _ => return None,
        };
        acc = (acc << 6) | u32::from(v);
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            out.push((acc >> bits) as u8);
            acc &= (1 << bits) - 1;
        }
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    const PROGRAM: &str = "package main\n\nimport \"fmt\"\n\nfunc main() {\n\tfor i := 0; i < 3; i++ {\n\t\tfmt.Println(i)\n\t}\n\tfor i := 0; i < 3; i++ {\n\t\tfmt.Println(i)\n\t}\n}\n";

    #[test]
    fn code_round_trips_and_compresses_repetition() {
        for code in [
            "",
            "a",
            "ab",
            "abc",
            "aaaaaaaaaaaaaaaaaaaaaaaaaaa",
            PROGRAM,
            "中文 goroutine 泄漏\n",
        ] {
            let enc = encode_code(code);
            assert!(enc.bytes().all(|b| B64.contains(&b)), "{enc}");
            assert_eq!(decode_code(&enc).as_deref(), Some(code));
        }
        let long = PROGRAM.repeat(20);
        let enc = encode_code(&long);
        assert!(
            enc.len() * 4 < long.len(),
            "{} vs {}",
            enc.len(),
            long.len()
        );
        assert_eq!(decode_code(&enc), Some(long));
    }

    #[test]
    fn base64url_matches_rfc4648_vectors() {
        let cases: [(&[u8], &str); 7] = [
            (b"", ""),
            (b"f", "Zg"),
            (b"fo", "Zm8"),
            (b"foo", "Zm9v"),
            (b"foob", "Zm9vYg"),
            (b"fooba", "Zm9vYmE"),
            (&[0xfb, 0xff], "-_8"),
        ];
        for (raw, text) in cases {
            assert_eq!(base64url_encode(raw), text);
            assert_eq!(base64url_decode(text).as_deref(), Some(raw));
        }
        assert_eq!(base64url_decode("Zm9v!"), None);
        assert_eq!(base64url_decode("Z"), None);
    }

    #[test]
    fn query_round_trips() {
        let state = ShareState {
            code: Some(PROGRAM.to_string()),
            fix: Some(1),
            go: Some(GoVersion::GO1_21),
            schedule: Choices(vec![0, 2, 1]),
            step: Some(42),
            program_hash: Some(gosim::share::program_hash(PROGRAM)),
            by_scheduling_point: true,
            seed: Some(7),
        };
        let q = state.to_query();
        assert!(q.contains("&run=s1.121."), "{q}");
        assert_eq!(ShareState::from_query(&q), Ok(state));
        // A link from before `run=` still reads.
        let old = ShareState::from_query("go=1.22&sched=0.1&step=12").expect("an old link");
        assert_eq!(
            (old.schedule, old.step, old.program_hash),
            (Choices(vec![0, 1]), Some(12), None)
        );
        assert_eq!(ShareState::from_query(""), Ok(ShareState::default()));
        assert_eq!(ShareState::default().to_query(), "");
    }

    #[test]
    fn malformed_links_are_errors_not_panics() {
        assert!(matches!(
            ShareState::from_query("step=abc"),
            Err(ShareError::BadValue { .. })
        ));
        assert!(matches!(
            ShareState::from_query("go=1.99"),
            Err(ShareError::BadValue { .. })
        ));
        assert!(matches!(
            ShareState::from_query("nope=1"),
            Err(ShareError::UnknownParameter(_))
        ));
        assert!(matches!(
            ShareState::from_query("justtext"),
            Err(ShareError::UnknownParameter(_))
        ));
        assert_eq!(
            ShareState::from_query("code=AQ_x"),
            Err(ShareError::BadCode)
        );
        let good = encode_code(PROGRAM);
        let cut = &good[..good.len() / 2];
        assert!(
            ShareState::from_query(&format!("code={cut}")).is_err() || decode_code(cut).is_some()
        );
        assert!(ShareError::BadCode
            .message(Language::En)
            .contains("damaged"));
        assert!(ShareError::BadCode.message(Language::Zh).contains("损坏"));
        assert!(matches!(
            ShareState::from_query("run=s1.123.zz.1"),
            Err(ShareError::Schedule(_))
        ));
        assert!(matches!(
            ShareState::from_query("go=1.21&run=s1.123.00000000.1"),
            Err(ShareError::BadValue { .. })
        ));
    }

    fn sample_state() -> ShareState {
        ShareState {
            code: Some(PROGRAM.to_string()),
            fix: None,
            go: Some(GoVersion::GO1_22),
            schedule: Choices(vec![0, 2, 1]),
            step: Some(42),
            program_hash: Some(gosim::share::program_hash(PROGRAM)),
            by_scheduling_point: false,
            seed: None,
        }
    }

    #[test]
    fn every_one_character_corruption_of_a_link_is_detected() {
        let state = sample_state();
        let query = state.to_link_query("lock-and-full-channel");
        assert!(query.contains("&sum="), "{query}");
        assert_eq!(
            ShareState::from_link("lock-and-full-channel", &query),
            Ok(state.clone())
        );
        let mut tried = 0;
        for (at, original) in query.char_indices() {
            for c in B64.iter().map(|&b| b as char).chain(['&', '=', '.', '%']) {
                if c == original {
                    continue;
                }
                let mut bad = query.clone();
                bad.replace_range(at..at + original.len_utf8(), &c.to_string());
                tried += 1;
                match ShareState::from_link("lock-and-full-channel", &bad) {
                    Err(_) => {}
                    Ok(read) => assert_eq!(read, state, "{bad} opened as something else"),
                }
            }
        }
        assert!(tried > 1000);
        // The same link after another case's address.
        assert_eq!(
            ShareState::from_link("loop-variable-capture", &query),
            Err(ShareError::Checksum)
        );
        // A link from before checksums still opens.
        assert_eq!(
            ShareState::from_link("x", &state.to_query()),
            Ok(state.clone())
        );
        assert_eq!(
            ShareState::from_link("x", "go=1.21&step=3").map(|s| s.step),
            Ok(Some(3))
        );
        assert_eq!(
            ShareState::from_link("x", "sum="),
            Err(ShareError::Checksum)
        );
        let empty = ShareState::default().to_link_query("x");
        assert_eq!(
            ShareState::from_link("x", &empty),
            Ok(ShareState::default())
        );
        assert!(ShareError::Checksum
            .message(Language::En)
            .contains("another case"));
        assert!(ShareError::Checksum
            .message(Language::Zh)
            .contains("另一个案例"));
    }

    /// A small deterministic generator so the fuzz test needs no dependency.
    fn next(seed: &mut u64) -> u64 {
        *seed ^= *seed << 13;
        *seed ^= *seed >> 7;
        *seed ^= *seed << 17;
        *seed
    }

    #[test]
    fn random_and_mutated_input_never_panics() {
        let mut seed = 0x9e37_79b9_7f4a_7c15u64;
        let good = encode_code(PROGRAM);
        for round in 0..3000 {
            let len = (next(&mut seed) % 64) as usize;
            let bytes: Vec<u8> = (0..len).map(|_| next(&mut seed) as u8).collect();
            let _ = decompress(&bytes, 4096);
            let text: String = bytes
                .iter()
                .map(|&b| B64[(b & 63) as usize] as char)
                .collect();
            let _ = decode_code(&text);
            // Mutate one character of a valid encoding.
            let mut mutated: Vec<u8> = good.bytes().collect();
            let at = (next(&mut seed) as usize) % mutated.len();
            mutated[at] = B64[(next(&mut seed) % 64) as usize];
            let mutated = String::from_utf8(mutated).expect("base64 alphabet is ASCII");
            if let Some(code) = decode_code(&mutated) {
                assert!(code.len() <= MAX_CODE_BYTES);
            }
            let q = format!("code={mutated}&step={round}&sched=0.{}", round % 3);
            let _ = ShareState::from_query(&q);
            let junk = String::from_utf8_lossy(&bytes).to_string();
            let _ = ShareState::from_query(&junk);
        }
        // A decompression bomb stops at the limit.
        let mut bomb = vec![0u8, b'a'];
        for _ in 0..1000 {
            bomb.extend([0xff, 1]);
        }
        assert_eq!(decompress(&bomb, 1000), None);
        assert!(decompress(&bomb, 200_000).is_some());
    }
}
