//! The parser's trees as golden dumps (rust-analyzer's parser tests are the
//! model): each `tests/syntax/ast/NAME.go` parses without diagnostics, and
//! its tree, printed by [`dump`], must equal `NAME.ast`. Rewrite the dumps
//! with `UPDATE_GOLDEN=1 cargo test -p gosim --test it syntax::`, never by
//! hand, and review the diff.
//!
//! The dumper lives here, over the public AST, so the library needs no
//! printing code (it would cost wasm size). It prints one node per line,
//! children indented under their parent and named by the field they sit in
//! (`cond: Ident x`); an absent optional child is not printed. Spans are left
//! out: `spans_cover_their_source` checks them.

use std::path::{Path, PathBuf};

use gosim::syntax::ast::{
    AssignOp, Block, ChanDir, Decl, Expr, ExprKind, Field, File, FuncDecl, FuncType, GenDecl,
    InterfaceElem, Lit, Stmt, StmtKind, UnaryOp,
};
use gosim::syntax::parse;

use crate::support::{test_data, Golden};

/// The tree of `file` as indented text, one node per line.
pub fn dump(file: &File) -> String {
    let mut d = Dump::default();
    d.line("", &format!("package {}", file.package.name));
    for import in &file.imports {
        match &import.alias {
            Some(alias) => d.line("", &format!("import {} {:?}", alias.name, import.path)),
            None => d.line("", &format!("import {:?}", import.path)),
        }
    }
    for decl in &file.decls {
        match decl {
            Decl::Func(f) => d.func_decl(f),
            Decl::Gen(g) => d.gen_decl("", g),
        }
    }
    d.out
}

#[derive(Default)]
struct Dump {
    out: String,
    depth: usize,
}

impl Dump {
    fn line(&mut self, label: &str, head: &str) {
        for _ in 0..self.depth {
            self.out.push_str("  ");
        }
        if !label.is_empty() {
            self.out.push_str(label);
            self.out.push_str(": ");
        }
        self.out.push_str(head);
        self.out.push('\n');
    }

    /// A node line, then whatever `children` prints, one level deeper.
    fn nested(&mut self, label: &str, head: &str, children: impl FnOnce(&mut Self)) {
        self.line(label, head);
        self.depth += 1;
        children(self);
        self.depth -= 1;
    }

    fn func_decl(&mut self, f: &FuncDecl) {
        let head = match f.body {
            Some(_) => format!("FuncDecl {}", f.name.name),
            None => format!("FuncDecl {} (no body)", f.name.name),
        };
        self.nested("", &head, |d| {
            if let Some(recv) = &f.recv {
                d.field("recv", recv);
            }
            for tp in &f.tparams {
                d.field("tparam", tp);
            }
            d.func_type("sig", &f.sig);
            if let Some(body) = &f.body {
                d.block("body", body);
            }
        });
    }

    fn func_type(&mut self, label: &str, t: &FuncType) {
        self.nested(label, "FuncType", |d| {
            for p in &t.params {
                d.field("param", p);
            }
            for r in &t.results {
                d.field("result", r);
            }
        });
    }

    /// A parameter, result, receiver or struct field: `Field a, b variadic`.
    fn field(&mut self, label: &str, f: &Field) {
        let mut head = String::from("Field");
        if !f.names.is_empty() {
            head.push(' ');
            head.push_str(&names(f.names.iter().map(|n| n.name.as_str())));
        }
        if f.variadic {
            head.push_str(" variadic");
        }
        self.nested(label, &head, |d| d.expr("type", &f.ty));
    }

    fn gen_decl(&mut self, label: &str, g: &GenDecl) {
        match g {
            GenDecl::Var(specs) => self.nested(label, "Var", |d| {
                for s in specs {
                    let head = format!("ValueSpec {}", names(s.names.iter().map(|n| &*n.name)));
                    d.nested("", &head, |d| {
                        if let Some(ty) = &s.ty {
                            d.expr("type", ty);
                        }
                        for v in &s.values {
                            d.expr("value", v);
                        }
                    });
                }
            }),
            GenDecl::Const(specs) => self.nested(label, "Const", |d| {
                for s in specs {
                    let mut head = format!(
                        "ConstSpec {} iota={}",
                        names(s.names.iter().map(|n| &*n.name)),
                        s.iota
                    );
                    if s.implicit {
                        head.push_str(" implicit");
                    }
                    d.nested("", &head, |d| {
                        if let Some(ty) = &s.ty {
                            d.expr("type", ty);
                        }
                        for v in s.values.iter() {
                            d.expr("value", v);
                        }
                    });
                }
            }),
            GenDecl::Type(specs) => self.nested(label, "Type", |d| {
                for s in specs {
                    let head = if s.alias {
                        format!("TypeSpec {} alias", s.name.name)
                    } else {
                        format!("TypeSpec {}", s.name.name)
                    };
                    d.nested("", &head, |d| {
                        for tp in &s.tparams {
                            d.field("tparam", tp);
                        }
                        d.expr("type", &s.ty)
                    });
                }
            }),
        }
    }

    fn block(&mut self, label: &str, b: &Block) {
        self.nested(label, "Block", |d| d.stmts(&b.stmts));
    }

    fn stmts(&mut self, stmts: &[Stmt]) {
        for s in stmts {
            self.stmt("", s);
        }
    }

    fn stmt(&mut self, label: &str, s: &Stmt) {
        match &s.kind {
            StmtKind::Empty => self.line(label, "Empty"),
            StmtKind::Expr(e) => self.nested(label, "ExprStmt", |d| d.expr("", e)),
            StmtKind::Send { chan, value } => self.nested(label, "Send", |d| {
                d.expr("chan", chan);
                d.expr("value", value);
            }),
            StmtKind::IncDec { target, inc } => {
                let head = if *inc { "IncDec ++" } else { "IncDec --" };
                self.nested(label, head, |d| d.expr("", target));
            }
            StmtKind::Assign { lhs, op, rhs } => {
                let op = match op {
                    AssignOp::Assign => "=".to_string(),
                    AssignOp::Define => ":=".to_string(),
                    AssignOp::Op(op) => format!("{}=", op.as_str()),
                };
                self.nested(label, &format!("Assign {op}"), |d| {
                    for e in lhs {
                        d.expr("lhs", e);
                    }
                    for e in rhs {
                        d.expr("rhs", e);
                    }
                });
            }
            StmtKind::Decl(g) => self.gen_decl(label, g),
            StmtKind::Go(e) => self.nested(label, "Go", |d| d.expr("", e)),
            StmtKind::Defer(e) => self.nested(label, "Defer", |d| d.expr("", e)),
            StmtKind::Return(results) => self.nested(label, "Return", |d| {
                for e in results {
                    d.expr("", e);
                }
            }),
            StmtKind::Break(l) => self.line(label, &with_label("Break", l.as_ref())),
            StmtKind::Continue(l) => self.line(label, &with_label("Continue", l.as_ref())),
            StmtKind::Fallthrough => self.line(label, "Fallthrough"),
            StmtKind::Block(b) => self.block(label, b),
            StmtKind::If {
                init,
                cond,
                then,
                els,
            } => self.nested(label, "If", |d| {
                if let Some(init) = init {
                    d.stmt("init", init);
                }
                d.expr("cond", cond);
                d.block("then", then);
                if let Some(els) = els {
                    d.stmt("else", els);
                }
            }),
            StmtKind::Switch { init, tag, cases } => self.nested(label, "Switch", |d| {
                if let Some(init) = init {
                    d.stmt("init", init);
                }
                if let Some(tag) = tag {
                    d.expr("tag", tag);
                }
                for c in cases {
                    let head = if c.exprs.is_some() { "Case" } else { "Default" };
                    d.nested("", head, |d| {
                        for e in c.exprs.iter().flatten() {
                            d.expr("expr", e);
                        }
                        d.stmts(&c.body);
                    });
                }
            }),
            StmtKind::TypeSwitch {
                init,
                bind,
                subject,
                cases,
            } => {
                let head = match bind {
                    Some(b) => format!("TypeSwitch bind={}", b.name),
                    None => "TypeSwitch".to_string(),
                };
                self.nested(label, &head, |d| {
                    if let Some(init) = init {
                        d.stmt("init", init);
                    }
                    d.expr("subject", subject);
                    for c in cases {
                        let head = if c.types.is_some() { "Case" } else { "Default" };
                        d.nested("", head, |d| {
                            for t in c.types.iter().flatten() {
                                d.expr("type", t);
                            }
                            d.stmts(&c.body);
                        });
                    }
                });
            }
            StmtKind::Select { cases } => self.nested(label, "Select", |d| {
                for c in cases {
                    let head = if c.comm.is_some() { "Comm" } else { "Default" };
                    d.nested("", head, |d| {
                        if let Some(comm) = &c.comm {
                            d.stmt("comm", comm);
                        }
                        d.stmts(&c.body);
                    });
                }
            }),
            StmtKind::For {
                init,
                cond,
                post,
                body,
            } => self.nested(label, "For", |d| {
                if let Some(init) = init {
                    d.stmt("init", init);
                }
                if let Some(cond) = cond {
                    d.expr("cond", cond);
                }
                if let Some(post) = post {
                    d.stmt("post", post);
                }
                d.block("body", body);
            }),
            StmtKind::Range {
                key,
                value,
                define,
                subject,
                body,
            } => {
                let head = if *define { "Range :=" } else { "Range" };
                self.nested(label, head, |d| {
                    if let Some(key) = key {
                        d.expr("key", key);
                    }
                    if let Some(value) = value {
                        d.expr("value", value);
                    }
                    d.expr("subject", subject);
                    d.block("body", body);
                });
            }
            StmtKind::Labeled { label: l, stmt } => {
                self.nested(label, &format!("Labeled {}", l.name), |d| d.stmt("", stmt));
            }
            StmtKind::Goto(l) => self.line(label, &format!("Goto {}", l.name)),
        }
    }

    fn expr(&mut self, label: &str, e: &Expr) {
        match &e.kind {
            ExprKind::Ident(id) => self.line(label, &format!("Ident {}", id.name)),
            ExprKind::Lit(lit) => {
                let head = match lit {
                    Lit::Int(n) => format!("Int {n}"),
                    Lit::Float(f) => format!("Float {f:?}"),
                    Lit::Rune(c) => format!("Rune {c:?}"),
                    Lit::Str(bytes) => format!("Str \"{}\"", bytes.escape_ascii()),
                };
                self.line(label, &head);
            }
            ExprKind::Composite { ty, elems, .. } => self.nested(label, "Composite", |d| {
                if let Some(ty) = ty {
                    d.expr("type", ty);
                }
                for el in elems {
                    match &el.key {
                        Some(key) => d.nested("elem", "Keyed", |d| {
                            d.expr("key", key);
                            d.expr("value", &el.value);
                        }),
                        None => d.expr("elem", &el.value),
                    }
                }
            }),
            ExprKind::FuncLit { sig, body } => self.nested(label, "FuncLit", |d| {
                d.func_type("sig", sig);
                d.block("body", body);
            }),
            ExprKind::Paren(x) => self.nested(label, "Paren", |d| d.expr("", x)),
            ExprKind::Selector(x, sel) => {
                self.nested(label, &format!("Selector .{}", sel.name), |d| d.expr("", x));
            }
            ExprKind::Index(x, i) => self.nested(label, "Index", |d| {
                d.expr("x", x);
                d.expr("index", i);
            }),
            ExprKind::IndexList(x, args) => self.nested(label, "IndexList", |d| {
                d.expr("x", x);
                for a in args {
                    d.expr("arg", a);
                }
            }),
            ExprKind::Union(terms) => self.nested(label, "Union", |d| {
                for t in terms {
                    d.expr(if t.tilde { "~term" } else { "term" }, &t.ty);
                }
            }),
            ExprKind::Slice { x, lo, hi, max } => self.nested(label, "Slice", |d| {
                d.expr("x", x);
                for (name, bound) in [("lo", lo), ("hi", hi), ("max", max)] {
                    if let Some(bound) = bound {
                        d.expr(name, bound);
                    }
                }
            }),
            ExprKind::TypeAssert(x, ty) => {
                let head = if ty.is_some() {
                    "TypeAssert"
                } else {
                    "TypeAssert (type)"
                };
                self.nested(label, head, |d| {
                    d.expr("x", x);
                    if let Some(ty) = ty {
                        d.expr("type", ty);
                    }
                });
            }
            ExprKind::Call { func, args, spread } => {
                let head = if *spread { "Call spread" } else { "Call" };
                self.nested(label, head, |d| {
                    d.expr("func", func);
                    for a in args {
                        d.expr("arg", a);
                    }
                });
            }
            ExprKind::Star(x) => self.nested(label, "Star", |d| d.expr("", x)),
            ExprKind::Unary(op, x) => {
                let op = match op {
                    UnaryOp::Neg => "-",
                    UnaryOp::Plus => "+",
                    UnaryOp::Not => "!",
                    UnaryOp::BitNot => "^",
                    UnaryOp::Addr => "&",
                    UnaryOp::Recv => "<-",
                };
                self.nested(label, &format!("Unary {op}"), |d| d.expr("", x));
            }
            ExprKind::Binary(op, l, r) => {
                self.nested(label, &format!("Binary {}", op.as_str()), |d| {
                    d.expr("", l);
                    d.expr("", r);
                });
            }
            ExprKind::ArrayType {
                len,
                ellipsis,
                elem,
            } => {
                let head = match (len, ellipsis) {
                    (_, true) => "ArrayType [...]",
                    (None, false) => "ArrayType []",
                    (Some(_), false) => "ArrayType [len]",
                };
                self.nested(label, head, |d| {
                    if let Some(len) = len {
                        d.expr("len", len);
                    }
                    d.expr("elem", elem);
                });
            }
            ExprKind::MapType(k, v) => self.nested(label, "MapType", |d| {
                d.expr("key", k);
                d.expr("value", v);
            }),
            ExprKind::ChanType(dir, elem) => {
                let head = match dir {
                    ChanDir::Both => "ChanType chan",
                    ChanDir::Send => "ChanType chan<-",
                    ChanDir::Recv => "ChanType <-chan",
                };
                self.nested(label, head, |d| d.expr("", elem));
            }
            ExprKind::FuncType(t) => self.func_type(label, t),
            ExprKind::StructType(fields) => self.nested(label, "StructType", |d| {
                for f in fields {
                    d.field("field", f);
                }
            }),
            ExprKind::InterfaceType(elems) => self.nested(label, "InterfaceType", |d| {
                for el in elems {
                    match el {
                        InterfaceElem::Method { name, sig } => {
                            d.nested("", &format!("Method {}", name.name), |d| {
                                d.func_type("sig", sig);
                            });
                        }
                        InterfaceElem::Embedded(e) => d.expr("embed", e),
                    }
                }
            }),
        }
    }
}

fn names<'a>(names: impl Iterator<Item = &'a str>) -> String {
    names.collect::<Vec<_>>().join(", ")
}

fn with_label(head: &str, label: Option<&gosim::syntax::ast::Ident>) -> String {
    match label {
        Some(l) => format!("{head} {}", l.name),
        None => head.to_string(),
    }
}

/// Parses `src`, which must be free of diagnostics.
pub fn parse_ok(what: &str, src: &str) -> File {
    let (file, diags) = parse(src);
    let messages: Vec<&str> = diags.iter().map(|d| d.message.as_str()).collect();
    assert!(messages.is_empty(), "{what}: {messages:?}");
    file
}

fn inputs(dir: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "go"))
        .collect();
    files.sort();
    files
}

#[test]
fn trees_match_golden_dumps() {
    let dir = test_data("syntax/ast");
    let files = inputs(&dir);
    assert!(files.len() >= 16, "only {} inputs", files.len());
    let mut golden = Golden::new("syntax::ast");
    for path in files {
        let src = std::fs::read_to_string(&path).expect("readable input");
        let name = path.file_name().map(|n| n.to_string_lossy().into_owned());
        let name = name.unwrap_or_default();
        let file = parse_ok(&name, &src);
        golden.check(&path.with_extension("ast"), &name, &dump(&file));
    }
    golden.finish();
}

#[test]
fn first_const_without_value_is_an_error() {
    let (_, diags) = parse("package main\nconst (\n\tA\n)\n");
    assert_eq!(diags.len(), 1);
    assert_eq!(diags[0].message, "missing init expr for const declaration");
}

#[test]
fn spans_cover_their_source() {
    let src = "package main\n\nfunc main() {\n\tx := foo(1, 2) + bar\n}\n";
    let file = parse_ok("spans", src);
    let Decl::Func(f) = &file.decls[0] else {
        panic!("{}", dump(&file))
    };
    let s = &f.body.as_ref().expect("body").stmts[0];
    assert_eq!(
        &src[s.span.lo as usize..s.span.hi as usize],
        "x := foo(1, 2) + bar"
    );
    let StmtKind::Assign { rhs, .. } = &s.kind else {
        panic!("{}", dump(&file))
    };
    let ExprKind::Binary(_, l, _) = &rhs[0].kind else {
        panic!("{}", dump(&file))
    };
    assert_eq!(&src[l.span.lo as usize..l.span.hi as usize], "foo(1, 2)");
    assert_eq!(
        &src[f.span.lo as usize..f.span.hi as usize],
        &src[14..src.len() - 1]
    );
}

#[test]
fn checker_phase_errors_are_kept_apart() {
    use gosim::syntax::parse_phases;
    // Only checker-phase problems: the checker runs and reports these too.
    let p = parse_phases("package main\nfunc main() {\n\tgo 1\n\tvar t T\n\tt.a := 1\n}\n");
    let errors: Vec<&str> = p.errors.iter().map(|d| d.message.as_str()).collect();
    assert!(errors.is_empty(), "{errors:?}");
    assert!(p.check);
    let msgs: Vec<_> = p.check_errors.iter().map(|d| d.message.as_str()).collect();
    assert_eq!(
        msgs,
        vec![
            "expression in go must be function call",
            "non-name t.a on left side of :="
        ]
    );
    // A syntax error stops Go before type checking: only it is reported.
    let src = "package main\nfunc main() {\n\tgo 1\n\tx := )\n}\n";
    let p = parse_phases(src);
    assert!(!p.check);
    assert_eq!(p.check_errors.len(), 1);
    let (_, diags) = parse(src);
    assert_eq!(diags.len(), 1);
    assert!(diags[0].message.starts_with("syntax error: unexpected )"));
    // Refused constructs also stop before type checking.
    let p = parse_phases("package main\nfunc main() {\n\t_ = 1i\n}\n");
    assert!(!p.check);
    assert_eq!(
        p.errors[0].message,
        "complex numbers are not supported by gosim"
    );
}
