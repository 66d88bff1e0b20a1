//! gosim's Go prelude: the library packages a program may import, written
//! in Go (with body-less natives) and compiled together with the program.
//!
//! Owns the package sources and their dependency order; knows nothing about
//! compiling them.

/// A prelude source with its comments blanked out at compile time: every
/// byte of a comment except newlines becomes a space. The comments document
/// the prelude for its readers here; in the wasm they only cost size. Byte
/// offsets (spans) and line breaks (semicolon insertion) stay as they were.
macro_rules! go_source {
    ($file:literal) => {{
        const SRC: &str = include_str!($file);
        const BLANKED: [u8; SRC.len()] = blank_comments::<{ SRC.len() }>(SRC);
        match std::str::from_utf8(&BLANKED) {
            Ok(s) => s,
            Err(_) => panic!("blanking a comment broke UTF-8"),
        }
    }};
}

/// (import path, source), in dependency order: a package only imports
/// packages listed before it.
pub const PACKAGES: &[(&str, &str)] = &[
    ("cmp", go_source!("cmp.go")),
    ("iter", go_source!("iter.go")),
    ("errors", go_source!("errors.go")),
    ("sync", go_source!("sync.go")),
    ("sync/atomic", go_source!("atomic.go")),
    ("time", go_source!("time.go")),
    ("math", go_source!("math.go")),
    ("strings", go_source!("strings.go")),
    ("unicode/utf8", go_source!("utf8.go")),
    ("strconv", go_source!("strconv.go")),
    ("fmt", go_source!("fmt.go")),
    ("context", go_source!("context.go")),
    ("os", go_source!("os.go")),
    ("runtime", go_source!("runtime.go")),
    ("sort", go_source!("sort.go")),
];

/// `src` with the bytes of its `//` and `/* */` comments turned into spaces,
/// newlines kept. Knows Go's string, rune and raw string literals, so a `//`
/// inside one is not a comment.
const fn blank_comments<const N: usize>(src: &str) -> [u8; N] {
    const CODE: u8 = 0;
    const STRING: u8 = 1;
    const RUNE: u8 = 2;
    const RAW: u8 = 3;
    const LINE: u8 = 4;
    const BLOCK: u8 = 5;
    let s = src.as_bytes();
    let mut out = [0u8; N];
    let mut state = CODE;
    let mut i = 0;
    while i < N {
        let c = s[i];
        let next = if i + 1 < N { s[i + 1] } else { 0 };
        let mut blank = false;
        match state {
            CODE => {
                if c == b'/' && next == b'/' {
                    state = LINE;
                    blank = true;
                } else if c == b'/' && next == b'*' {
                    // Blank both bytes now so the `*` cannot close it.
                    out[i] = b' ';
                    out[i + 1] = b' ';
                    i += 2;
                    state = BLOCK;
                    continue;
                } else if c == b'"' {
                    state = STRING;
                } else if c == b'\'' {
                    state = RUNE;
                } else if c == b'`' {
                    state = RAW;
                }
            }
            STRING | RUNE => {
                if c == b'\\' && i + 1 < N {
                    out[i] = c;
                    out[i + 1] = next;
                    i += 2;
                    continue;
                }
                if (state == STRING && c == b'"') || (state == RUNE && c == b'\'') {
                    state = CODE;
                }
            }
            RAW => {
                if c == b'`' {
                    state = CODE;
                }
            }
            LINE => {
                if c == b'\n' {
                    state = CODE;
                } else {
                    blank = true;
                }
            }
            _ => {
                if c == b'*' && next == b'/' {
                    out[i] = b' ';
                    out[i + 1] = b' ';
                    i += 2;
                    state = CODE;
                    continue;
                }
                blank = c != b'\n';
            }
        }
        out[i] = if blank { b' ' } else { c };
        i += 1;
    }
    out
}

/// The packages a program importing `imports` needs, in dependency order.
pub fn closure<'a>(imports: impl IntoIterator<Item = &'a str>) -> Vec<&'static str> {
    let mut need: Vec<&'static str> = Vec::new();
    let mut stack: Vec<String> = imports.into_iter().map(|s| s.to_string()).collect();
    while let Some(p) = stack.pop() {
        let Some(&(path, src)) = PACKAGES.iter().find(|(q, _)| *q == p) else {
            continue;
        };
        if need.contains(&path) {
            continue;
        }
        need.push(path);
        for dep in imports_of(src) {
            stack.push(dep);
        }
    }
    PACKAGES
        .iter()
        .map(|(p, _)| *p)
        .filter(|p| need.contains(p))
        .collect()
}

/// The import paths of a prelude source (a light scan; the prelude is ours).
fn imports_of(src: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut in_block = false;
    for line in src.lines() {
        let l = line.trim();
        if l.starts_with("import (") {
            in_block = true;
            continue;
        }
        if in_block {
            if l == ")" {
                in_block = false;
            } else if let Some(p) = l.strip_prefix('"').and_then(|x| x.strip_suffix('"')) {
                out.push(p.to_string());
            }
        } else if let Some(rest) = l.strip_prefix("import \"") {
            out.push(rest.trim_end_matches('"').to_string());
        }
    }
    out
}

pub fn source(path: &str) -> Option<&'static str> {
    PACKAGES.iter().find(|(p, _)| *p == path).map(|(_, s)| *s)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn comments_are_blanked_and_everything_else_kept() {
        const SRC: &str = "a := \"x//y\" // note é\nb := '/' /* c\nd */ e\n`//raw`\n";
        const OUT: [u8; SRC.len()] = blank_comments::<{ SRC.len() }>(SRC);
        let want = "a := \"x//y\"           \nb := '/'     \n     e\n`//raw`\n";
        assert_eq!(std::str::from_utf8(&OUT).unwrap(), want);
    }

    #[test]
    fn prelude_sources_keep_their_code_and_lose_their_comments() {
        let sync = source("sync").unwrap();
        assert!(sync.contains("func (m *Mutex) Lock()"));
        assert!(!sync.contains("// Package sync"));
        assert_eq!(sync.len(), include_str!("sync.go").len());
    }
}
