//! Property test of the front door: random token soups and mutations of
//! real programs never make the lexer or parser panic or hang, and their
//! outputs stay well formed (spans in bounds, at most 10 diagnostics,
//! tokens cover the text in order). A bounded count runs in `cargo test`;
//! set `GOSIM_FUZZ_ITERS` for a longer run.

use gosim::syntax::{lex, parse, TokenKind};
use gosim::SplitMix;

use crate::support::{case_file, test_data};

/// A seeded value in `0..n` (0 when `n` is 0), as a `usize` for indexing.
fn below(rng: &mut SplitMix, n: usize) -> usize {
    rng.below(n as u64) as usize
}

/// The seeds for mutation: ten of the talk's programs (from `cases/`) and
/// the program touching the whole subset.
fn programs() -> Vec<String> {
    let mut programs: Vec<String> = [1, 2, 3, 4, 6, 8, 11, 13, 16, 17]
        .into_iter()
        .map(|n| case_file(n).source)
        .collect();
    let subset = test_data("syntax/ast/subset.go");
    programs.push(std::fs::read_to_string(&subset).expect("readable subset.go"));
    programs
}

const VOCAB: &[&str] = &[
    "package",
    "main",
    "import",
    "\"fmt\"",
    "func",
    "(",
    ")",
    "{",
    "}",
    "[",
    "]",
    ",",
    ";",
    ".",
    ":",
    ":=",
    "=",
    "+=",
    "&^=",
    "<-",
    "chan",
    "map",
    "struct",
    "interface",
    "type",
    "var",
    "const",
    "iota",
    "if",
    "else",
    "for",
    "range",
    "switch",
    "case",
    "default",
    "select",
    "go",
    "defer",
    "return",
    "break",
    "continue",
    "goto",
    "fallthrough",
    "x",
    "y",
    "T",
    "int",
    "string",
    "nil",
    "0",
    "1_000",
    "0x",
    "1e",
    "1.5",
    "'a'",
    "'\\n'",
    "'",
    "\"s\"",
    "\"",
    "`raw`",
    "`",
    "/*",
    "*/",
    "//",
    "\n",
    "\n",
    "\n",
    "+",
    "-",
    "*",
    "/",
    "%",
    "&",
    "|",
    "^",
    "&^",
    "<<",
    ">>",
    "&&",
    "||",
    "!",
    "==",
    "!=",
    "<",
    "<=",
    ">",
    ">=",
    "++",
    "--",
    "...",
    "~",
    "@",
    "#",
    "$",
    "\\",
    "é",
    "\u{0}",
    "\t",
    " ",
    " ",
];

/// Runs both entry points and checks their outputs are well formed.
fn check(src: &str) {
    let (toks, lex_diags) = lex(src);
    let len = src.len() as u32;
    let mut prev_hi = 0;
    for t in &toks {
        assert!(
            t.span.lo >= prev_hi && t.span.lo <= t.span.hi && t.span.hi <= len,
            "{:?} in {:?}",
            t,
            src
        );
        assert_ne!(t.kind, TokenKind::Eof);
        // Between tokens there is only white space.
        let gap = &src.as_bytes()[prev_hi as usize..t.span.lo as usize];
        assert!(
            gap.iter().all(|b| b" \t\r\n".contains(b)) || prev_hi == 0,
            "gap {:?} in {:?}",
            gap,
            src
        );
        prev_hi = t.span.hi;
    }
    for d in &lex_diags {
        assert!(d.span.lo <= d.span.hi && d.span.hi <= len);
    }
    let (_file, diags) = parse(src);
    assert!(
        diags.len() <= 10,
        "{} diagnostics for {:?}",
        diags.len(),
        src
    );
    for d in &diags {
        assert!(
            d.span.lo <= d.span.hi && d.span.hi <= len,
            "{:?} in {:?}",
            d,
            src
        );
        assert!(!d.message.is_empty());
        assert!(
            !d.message.contains("made no progress"),
            "{:?} in {:?}",
            d,
            src
        );
    }
}

fn iters(default: usize) -> usize {
    std::env::var("GOSIM_FUZZ_ITERS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(default)
}

#[test]
fn random_token_soups() {
    let mut rng = SplitMix(0x9E37_79B9_7F4A_7C15);
    for _ in 0..iters(3000) {
        let n = below(&mut rng, 200);
        let mut s = String::new();
        if below(&mut rng, 2) == 0 {
            s.push_str("package main\nfunc main() {\n");
        }
        for _ in 0..n {
            s.push_str(VOCAB[below(&mut rng, VOCAB.len())]);
            if below(&mut rng, 3) == 0 {
                s.push(' ');
            }
        }
        check(&s);
    }
}

fn mutate_bytes(rng: &mut SplitMix, src: &str) -> String {
    let mut b = src.as_bytes().to_vec();
    for _ in 0..1 + below(rng, 4) {
        if b.is_empty() {
            break;
        }
        let i = below(rng, b.len());
        let j = (i + 1 + below(rng, 16)).min(b.len());
        match below(rng, 5) {
            0 => {
                b.drain(i..j);
            }
            1 => {
                let dup: Vec<u8> = b[i..j].to_vec();
                let at = below(rng, b.len());
                b.splice(at..at, dup);
            }
            2 => {
                let k = below(rng, b.len());
                b.swap(i, k);
            }
            3 => b.insert(i, b"{}()[]\"'`/*\n;:=<-.,"[below(rng, 19)]),
            _ => b[i] = rng.next_u64() as u8,
        }
    }
    String::from_utf8_lossy(&b).into_owned()
}

fn mutate_tokens(rng: &mut SplitMix, src: &str) -> String {
    let (toks, _) = lex(src);
    let mut pieces: Vec<&str> = toks
        .iter()
        .map(|t| &src[t.span.lo as usize..t.span.hi as usize])
        .collect();
    for _ in 0..1 + below(rng, 3) {
        if pieces.is_empty() {
            break;
        }
        let i = below(rng, pieces.len());
        match below(rng, 3) {
            0 => {
                pieces.remove(i);
            }
            1 => {
                let p = pieces[i];
                pieces.insert(below(rng, pieces.len()), p);
            }
            _ => {
                let k = below(rng, pieces.len());
                pieces.swap(i, k);
            }
        }
    }
    // Rejoin with the original line structure roughly kept: a newline after
    // tokens that ended a line in the source would be lost, so use a mix.
    let mut out = String::new();
    for p in pieces {
        out.push_str(p);
        out.push(if below(rng, 4) == 0 { '\n' } else { ' ' });
    }
    out
}

#[test]
fn mutated_programs() {
    let programs = programs();
    let mut rng = SplitMix(0xD1B5_4A32_D192_ED03);
    for _ in 0..iters(3000) {
        let src = &programs[below(&mut rng, programs.len())];
        let m = if below(&mut rng, 2) == 0 {
            mutate_bytes(&mut rng, src)
        } else {
            mutate_tokens(&mut rng, src)
        };
        check(&m);
    }
}

#[test]
fn unmutated_programs_have_no_diagnostics() {
    let programs = programs();
    assert_eq!(programs.len(), 11);
    for src in &programs {
        assert!(parse(src).1.is_empty());
    }
}

/// Deep nesting of every recursive production ends with an error, not a
/// stack overflow.
#[test]
fn deep_nesting_is_refused_not_overflowed() {
    let n = 20_000;
    let cases: Vec<String> = vec![
        format!("package main\nvar x = {}1{}", "(".repeat(n), ")".repeat(n)),
        format!("package main\nvar x = {}", "(".repeat(n)),
        format!("package main\nvar x {}int", "[]".repeat(n)),
        format!("package main\nvar x {}int", "*".repeat(n)),
        format!("package main\nvar x {}int", "chan ".repeat(n)),
        format!("package main\nvar x {}int", "func()".repeat(n)),
        format!("package main\nvar x {}int", "map[int]".repeat(n)),
        format!("package main\nvar x = {}x", "- ".repeat(n)),
        format!("package main\nvar x = {}x", "<-".repeat(n)),
        format!("package main\nvar x = {}x", "&".repeat(n)),
        format!("package main\nvar x = x{}", ".y".repeat(n)),
        format!("package main\nvar x = f{}", "()".repeat(n)),
        format!("package main\nvar x = a{}", "[0]".repeat(n)),
        format!("package main\nvar x = 1{}", "+1".repeat(n)),
        format!("package main\nvar x = 1{}", "*1+1".repeat(n)),
        format!("package main\nvar x = T{}{}", "{".repeat(n), "}".repeat(n)),
        format!("package main\nvar x = {}", "func(){".repeat(n)),
        format!("package main\nfunc main() {}", "{".repeat(n)),
        format!(
            "package main\nfunc main() {{ {} }}",
            "if x {} else ".repeat(n)
        ),
        format!("package main\nfunc main() {{ {} }}", "L: ".repeat(n)),
        format!("package main\nfunc main() {{ {} }}", "for { ".repeat(n)),
        format!("package main\nvar x struct{{ {} }}", "a struct{".repeat(n)),
        format!("package main\nvar x = []int{{{}}}", "1,".repeat(n)),
        format!("package main\nvar x = {}", "9".repeat(n)),
        format!("package main\nvar x = \"{}", "a".repeat(n)),
        format!("package main\n/*{}", "*".repeat(n)),
    ];
    for src in &cases {
        check(src);
    }
    // And depth errors say so.
    let (_, diags) = parse(&cases[0]);
    assert!(
        diags.iter().any(|d| d.message.contains("nesting too deep")),
        "{:?}",
        diags
    );
}

/// Nesting up to the cap fits in a 1 MiB stack (the browser's wasm stack
/// is about that size) even in a debug build, and a program nested as
/// deeply as real code ever is stays under the cap.
#[test]
fn nesting_up_to_the_cap_fits_in_a_small_stack() {
    let n = 1000;
    let over: Vec<String> = vec![
        format!("package main\nvar x = {}1{}", "(".repeat(n), ")".repeat(n)),
        format!("package main\nvar x = {}1{}", "f(".repeat(n), ")".repeat(n)),
        format!(
            "package main\nvar x = {}{}",
            "[]T{".repeat(n),
            "}".repeat(n)
        ),
        format!("package main\nvar x {}int", "[]".repeat(n)),
        format!("package main\nvar x = {}x", "- ".repeat(n)),
        format!(
            "package main\nfunc main() {{ {}{} }}",
            "{".repeat(n),
            "}".repeat(n)
        ),
        format!(
            "package main\nfunc main() {{ {}{} }}",
            "if x {".repeat(n),
            "}".repeat(n)
        ),
        format!(
            "package main\nvar f = {}{}",
            "func() {".repeat(n),
            "}".repeat(n)
        ),
        format!(
            "package main\nvar f = {}{}",
            "func() { go ".repeat(n),
            "}".repeat(n)
        ),
    ];
    let handle = std::thread::Builder::new()
        .stack_size(1 << 20)
        .spawn(move || over.iter().map(|c| parse(c).1).collect::<Vec<_>>())
        .expect("spawn a thread");
    let diags = handle.join().expect("no stack overflow");
    for d in &diags {
        assert!(
            d.iter().any(|d| d.message.starts_with("nesting too deep")),
            "{:?}",
            d
        );
    }
    // Valid nesting below the cap parses without any diagnostic (so the
    // no-progress guard never fires on deep but valid code).
    let below = [
        format!(
            "package main\nvar x = {}1{}\n",
            "f(".repeat(45),
            ")".repeat(45)
        ),
        format!(
            "package main\nvar x = {}1{}\n",
            "(".repeat(90),
            ")".repeat(90)
        ),
        format!("package main\nvar x = {}x\n", "- ".repeat(90)),
        format!("package main\nvar x {}int\n", "[]".repeat(90)),
        format!(
            "package main\nfunc main() {{\n{}{}}}\n",
            "if x {\n".repeat(30),
            "}\n".repeat(30)
        ),
        format!(
            "package main\nvar x = {}{}\n",
            "[]T{".repeat(30),
            "}".repeat(30)
        ),
    ];
    for src in &below {
        assert!(
            parse(src).1.is_empty(),
            "{:?}: {:?}",
            &src[..60.min(src.len())],
            parse(src).1
        );
    }
    // Deep but realistic: 12 nested blocks holding 12 nested calls.
    let src = format!(
        "package main\nfunc main() {{\n{}x := {}1{}\n_ = x\n{}}}\n",
        "for {\n".repeat(12),
        "f(".repeat(12),
        ")".repeat(12),
        "}\n".repeat(12)
    );
    assert!(parse(&src).1.is_empty(), "{:?}", parse(&src).1);
}

/// Whenever the parser says type checking may run, the tree holds no
/// placeholder for an unparsable expression (checked over mutations).
#[test]
fn checkable_trees_hold_no_placeholders() {
    let programs = programs();
    let mut rng = SplitMix(0x0123_4567_89AB_CDEF);
    for _ in 0..iters(1500) {
        let src = &programs[below(&mut rng, programs.len())];
        let m = mutate_tokens(&mut rng, src);
        let parsed = gosim::syntax::parse_phases(&m);
        if parsed.check {
            let dump = format!("{:?}", parsed.file);
            assert!(
                !dump.contains(gosim::syntax::BAD_EXPR_NAME),
                "{:?}\n{:?}",
                m,
                parsed.errors
            );
        }
    }
}
