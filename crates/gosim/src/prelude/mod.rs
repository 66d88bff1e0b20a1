//! gosim's Go prelude: the library packages a program may import, written
//! in Go (with body-less natives) and compiled together with the program.
//!
//! Owns the package table (paths and dependency order) and where their
//! sources come from; knows nothing about compiling them. Native builds
//! embed the sources (feature `embedded-prelude`). The browser build does
//! not: the page fetches them as one bundle ([`bundle`] writes it at build
//! time) and hands it to [`install`] before it compiles a program, so the
//! wasm does not carry them. gosim itself still does no I/O.

use std::cell::RefCell;

/// A prelude source with its comments blanked out at compile time: every
/// byte of a comment except newlines becomes a space. The comments document
/// the prelude for its readers here; in the wasm they only cost size. Byte
/// offsets (spans) and line breaks (semicolon insertion) stay as they were.
#[cfg(feature = "embedded-prelude")]
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

/// (import path, the prelude packages it imports), in dependency order: a
/// package only imports packages listed before it.
pub const PACKAGES: &[(&str, &[&str])] = &[
    ("cmp", &[]),
    ("iter", &[]),
    ("errors", &[]),
    ("sync", &[]),
    ("sync/atomic", &[]),
    ("time", &[]),
    ("math", &[]),
    ("io", &["errors"]),
    ("strings", &["io", "iter"]),
    ("unicode", &["strings"]),
    ("unicode/utf8", &[]),
    ("bytes", &["errors", "io", "strings"]),
    ("strconv", &["errors", "unicode/utf8"]),
    ("fmt", &["errors", "io", "strconv"]),
    ("context", &["errors", "sync", "time"]),
    ("os", &["errors", "io"]),
    ("runtime", &[]),
    ("sort", &[]),
    ("slices", &["cmp", "iter"]),
    ("maps", &["iter"]),
    ("bufio", &["errors", "io"]),
    ("net", &["io", "os", "strconv", "time"]),
    ("log", &["fmt", "os", "time"]),
];

/// The embedded sources, in [`PACKAGES`] order.
#[cfg(feature = "embedded-prelude")]
const EMBEDDED: &[&str] = &[
    go_source!("cmp.go"),
    go_source!("iter.go"),
    go_source!("errors.go"),
    go_source!("sync.go"),
    go_source!("atomic.go"),
    go_source!("time.go"),
    go_source!("math.go"),
    go_source!("io.go"),
    go_source!("strings.go"),
    go_source!("unicode.go"),
    go_source!("utf8.go"),
    go_source!("bytes.go"),
    go_source!("strconv.go"),
    go_source!("fmt.go"),
    go_source!("context.go"),
    go_source!("os.go"),
    go_source!("runtime.go"),
    go_source!("sort.go"),
    go_source!("slices.go"),
    go_source!("maps.go"),
    go_source!("bufio.go"),
    go_source!("net.go"),
    go_source!("log.go"),
];

/// Go's own exported names of the packages gosim simulates, one line per
/// package (`scripts/std-api.go` writes it): the checker tells a real name
/// gosim lacks (a limitation) from one Go does not have (`undefined`).
#[cfg(feature = "embedded-prelude")]
const EMBEDDED_EXPORTED: &str = include_str!("exported.txt");

/// What [`install`] was given: the sources in [`PACKAGES`] order, and the
/// table of exported names.
struct Installed {
    sources: Vec<&'static str>,
    exported: &'static str,
}

thread_local! {
    /// Leaked once per page: compiled programs keep `&'static` views.
    static INSTALLED: RefCell<Option<Installed>> = const { RefCell::new(None) };
}

/// The line that starts each package in a bundle.
const BUNDLE_HEADER: &str = "//gosim:package ";

/// The line that starts the table of exported names, after the packages.
const EXPORTED_HEADER: &str = "//gosim:exported\n";

/// All prelude sources as one text for [`install`]: each package after a
/// `//gosim:package PATH` line, in [`PACKAGES`] order.
#[cfg(feature = "embedded-prelude")]
pub fn bundle() -> String {
    let mut out = String::new();
    for ((path, _), src) in PACKAGES.iter().zip(EMBEDDED) {
        out.push_str(BUNDLE_HEADER);
        out.push_str(path);
        out.push('\n');
        out.push_str(src);
        if !src.ends_with('\n') {
            out.push('\n');
        }
    }
    out.push_str(EXPORTED_HEADER);
    out.push_str(EMBEDDED_EXPORTED);
    out
}

/// Installs the sources of a [`bundle`] (what the browser fetched). A
/// bundle that does not list exactly [`PACKAGES`], in order, is refused
/// and nothing changes.
pub fn install(bundle: &str) -> Result<(), String> {
    let (packages, exported) = bundle
        .split_once(EXPORTED_HEADER)
        .ok_or("the library bundle has no table of exported names")?;
    let mut sources: Vec<&str> = Vec::new();
    let mut rest = packages;
    for (path, _) in PACKAGES {
        let after = rest
            .strip_prefix(BUNDLE_HEADER)
            .and_then(|r| r.strip_prefix(path))
            .and_then(|r| r.strip_prefix('\n'))
            .ok_or_else(|| format!("the library bundle does not have package {path} next"))?;
        let end = after.find(BUNDLE_HEADER).unwrap_or(after.len());
        sources.push(&after[..end]);
        rest = &after[end..];
    }
    if !rest.is_empty() {
        return Err("the library bundle has more packages than gosim knows".to_string());
    }
    let leak = |s: &str| &*Box::leak(s.to_string().into_boxed_str());
    let installed = Installed {
        sources: sources.into_iter().map(leak).collect(),
        exported: leak(exported),
    };
    INSTALLED.with(|i| *i.borrow_mut() = Some(installed));
    Ok(())
}

/// Whether the library sources are available to compile with.
pub fn available() -> bool {
    cfg!(feature = "embedded-prelude") || INSTALLED.with(|i| i.borrow().is_some())
}

/// `src` with the bytes of its `//` and `/* */` comments turned into spaces,
/// newlines kept. Knows Go's string, rune and raw string literals, so a `//`
/// inside one is not a comment.
#[cfg(feature = "embedded-prelude")]
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
    let mut stack: Vec<&str> = imports.into_iter().collect();
    while let Some(p) = stack.pop() {
        let Some(&(path, deps)) = PACKAGES.iter().find(|(q, _)| *q == p) else {
            continue;
        };
        if need.contains(&path) {
            continue;
        }
        need.push(path);
        stack.extend_from_slice(deps);
    }
    PACKAGES
        .iter()
        .map(|(p, _)| *p)
        .filter(|p| need.contains(p))
        .collect()
}

/// The source of prelude package `path`: installed, else embedded.
pub fn source(path: &str) -> Option<&'static str> {
    let at = PACKAGES.iter().position(|(p, _)| *p == path)?;
    let installed = INSTALLED.with(|i| i.borrow().as_ref().map(|i| i.sources[at]));
    #[cfg(feature = "embedded-prelude")]
    let installed = installed.or(EMBEDDED.get(at).copied());
    installed
}

/// The exported names of Go's packages that gosim simulates, one line per
/// package: the path, then the names, separated by spaces. Empty before
/// [`install`] in a build without the embedded sources.
pub fn exported() -> &'static str {
    let installed = INSTALLED.with(|i| i.borrow().as_ref().map(|i| i.exported));
    #[cfg(feature = "embedded-prelude")]
    let installed = installed.or(Some(EMBEDDED_EXPORTED));
    installed.unwrap_or("")
}

#[cfg(all(test, feature = "embedded-prelude"))]
mod tests {
    use super::*;

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

    #[test]
    fn the_dependency_table_is_what_the_sources_import() {
        for (i, (path, deps)) in PACKAGES.iter().enumerate() {
            let mut found = imports_of(EMBEDDED[i]);
            crate::util::order::sort(&mut found);
            let mut want: Vec<String> = deps.iter().map(|d| d.to_string()).collect();
            crate::util::order::sort(&mut want);
            assert_eq!(found, want, "{path}");
            for d in *deps {
                let at = PACKAGES.iter().position(|(p, _)| p == d).expect("known");
                assert!(at < i, "{path} imports {d}, listed after it");
            }
        }
    }

    #[test]
    fn a_bundle_installs_the_same_sources_and_a_damaged_one_is_refused() {
        let b = bundle();
        assert!(install(&b[1..]).is_err());
        let (packages, table) = b.split_once(EXPORTED_HEADER).expect("two parts");
        assert!(install(packages).is_err());
        assert!(install(&format!(
            "{packages}{BUNDLE_HEADER}extra\n{EXPORTED_HEADER}{table}"
        ))
        .is_err());
        assert!(INSTALLED.with(|i| i.borrow().is_none()), "nothing changed");
        install(&b).expect("a bundle installs");
        for (i, (path, _)) in PACKAGES.iter().enumerate() {
            assert_eq!(source(path), Some(EMBEDDED[i]), "{path}");
        }
        assert_eq!(exported(), EMBEDDED_EXPORTED);
        INSTALLED.with(|i| *i.borrow_mut() = None);
    }

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
