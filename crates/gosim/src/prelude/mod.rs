//! gosim's Go prelude: the library packages a program may import, written
//! in Go (with body-less natives) and compiled together with the program.
//!
//! Owns the package sources and their dependency order; knows nothing about
//! compiling them.

/// (import path, source), in dependency order: a package only imports
/// packages listed before it.
pub const PACKAGES: &[(&str, &str)] = &[
    ("errors", include_str!("errors.go")),
    ("sync", include_str!("sync.go")),
    ("sync/atomic", include_str!("atomic.go")),
    ("time", include_str!("time.go")),
    ("math", include_str!("math.go")),
    ("strings", include_str!("strings.go")),
    ("unicode/utf8", include_str!("utf8.go")),
    ("strconv", include_str!("strconv.go")),
    ("fmt", include_str!("fmt.go")),
    ("context", include_str!("context.go")),
    ("os", include_str!("os.go")),
    ("runtime", include_str!("runtime.go")),
    ("sort", include_str!("sort.go")),
];

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
