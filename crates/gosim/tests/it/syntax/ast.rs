//! Parser shape tests over the whole language subset: each asserts the
//! tree the checker will see for one construct.

use gosim::syntax::ast::*;
use gosim::syntax::parse;

const SUBSET: &str = include_str!("../../syntax/valid/subset.go");

fn parse_ok(src: &str) -> File {
    let (file, diags) = parse(src);
    assert!(diags.is_empty(), "{:?}", diags);
    file
}

#[test]
fn subset_program_parses_cleanly() {
    let file = parse_ok(SUBSET);
    assert_eq!(file.imports.len(), 8);
    assert_eq!(
        file.imports[3].alias.as_ref().map(|a| a.name.as_str()),
        Some("str")
    );
    assert_eq!(file.imports[3].path, "strings");
    assert_eq!(file.imports[5].path, "sync/atomic");
}

/// Parses `body` as the statements of `func main`.
fn stmts(body: &str) -> Vec<Stmt> {
    let src = format!("package main\n\nfunc main() {{\n{}\n}}\n", body);
    let file = parse_ok(&src);
    match file.decls.into_iter().next() {
        Some(Decl::Func(FuncDecl { body: Some(b), .. })) => b.stmts,
        other => panic!("{:?}", other),
    }
}

fn one_expr(src: &str) -> Expr {
    let mut s = stmts(&format!("_ = {}", src));
    match s.remove(0).kind {
        StmtKind::Assign { mut rhs, .. } => rhs.remove(0),
        other => panic!("{:?}", other),
    }
}

fn decls(src: &str) -> Vec<Decl> {
    parse_ok(&format!("package main\n{}\n", src)).decls
}

fn name(e: &Expr) -> &str {
    match &e.kind {
        ExprKind::Ident(id) => &id.name,
        other => panic!("not a name: {:?}", other),
    }
}

#[test]
fn const_groups_repeat_the_previous_spec_with_iota() {
    let d = decls("const (\n\tA T = iota * 10\n\tB\n\t_\n\tD, E = iota, 7\n\tF, G\n)");
    let Decl::Gen(GenDecl::Const(specs)) = &d[0] else {
        panic!("{:?}", d)
    };
    assert_eq!(specs.len(), 5);
    assert_eq!(
        specs.iter().map(|s| s.iota).collect::<Vec<_>>(),
        vec![0, 1, 2, 3, 4]
    );
    assert_eq!(
        specs.iter().map(|s| s.implicit).collect::<Vec<_>>(),
        vec![false, true, true, false, true]
    );
    assert_eq!(specs[1].values, specs[0].values);
    assert_eq!(name(specs[1].ty.as_ref().expect("type repeated")), "T");
    assert_eq!(specs[4].values.len(), 2);
    assert_eq!(specs[4].names[1].name, "G");
    assert!(matches!(
        specs[0].values[0].kind,
        ExprKind::Binary(BinaryOp::Mul, _, _)
    ));
}

#[test]
fn first_const_without_value_is_an_error() {
    let (_, diags) = parse("package main\nconst (\n\tA\n)\n");
    assert_eq!(diags.len(), 1);
    assert_eq!(diags[0].message, "missing init expr for const declaration");
}

#[test]
fn composite_literal_versus_block_in_headers() {
    // `T{` in a header opens the body...
    let s = stmts("if x {\n}\nfor x {\n}\nswitch x {\n}");
    assert!(matches!(&s[0].kind, StmtKind::If { cond, .. } if name(cond) == "x"));
    assert!(matches!(&s[1].kind, StmtKind::For { cond: Some(c), .. } if name(c) == "x"));
    assert!(matches!(&s[2].kind, StmtKind::Switch { tag: Some(t), .. } if name(t) == "x"));
    // ...unless parenthesized or the type is a literal type.
    let s =
        stmts("if p == (T{}) {\n}\nfor _, v := range []int{1, 2} {\n\t_ = v\n}\nif f(T{}) {\n}");
    let StmtKind::If { cond, .. } = &s[0].kind else {
        panic!()
    };
    let ExprKind::Binary(BinaryOp::Eq, _, rhs) = &cond.kind else {
        panic!("{:?}", cond)
    };
    let ExprKind::Paren(inner) = &rhs.kind else {
        panic!()
    };
    assert!(matches!(inner.kind, ExprKind::Composite { .. }));
    let StmtKind::Range {
        key: Some(k),
        value: Some(_),
        define: true,
        subject,
        body,
    } = &s[1].kind
    else {
        panic!("{:?}", s[1])
    };
    assert_eq!(name(k), "_");
    assert!(matches!(&subject.kind, ExprKind::Composite { elems, .. } if elems.len() == 2));
    assert_eq!(body.stmts.len(), 1);
    assert!(matches!(
        &s[2].kind,
        StmtKind::If {
            cond: Expr {
                kind: ExprKind::Call { .. },
                ..
            },
            ..
        }
    ));
    // Inside a function literal in a header, composite literals are fine.
    let s = stmts("if func() bool { return T{} == x }() {\n}");
    assert!(matches!(
        &s[0].kind,
        StmtKind::If {
            cond: Expr {
                kind: ExprKind::Call { .. },
                ..
            },
            ..
        }
    ));
}

#[test]
fn channel_types_and_directions() {
    let d = decls("var a chan<- int\nvar b <-chan int\nvar c chan (<-chan int)\nvar d chan<- chan int\nvar e chan int");
    let ty = |i: usize| match &d[i] {
        Decl::Gen(GenDecl::Var(v)) => v[0].ty.clone().expect("typed"),
        other => panic!("{:?}", other),
    };
    assert!(matches!(ty(0).kind, ExprKind::ChanType(ChanDir::Send, _)));
    assert!(matches!(ty(1).kind, ExprKind::ChanType(ChanDir::Recv, _)));
    let ExprKind::ChanType(ChanDir::Both, inner) = ty(2).kind else {
        panic!()
    };
    let ExprKind::Paren(inner) = inner.kind else {
        panic!()
    };
    assert!(matches!(inner.kind, ExprKind::ChanType(ChanDir::Recv, _)));
    let ExprKind::ChanType(ChanDir::Send, inner) = ty(3).kind else {
        panic!()
    };
    assert!(matches!(inner.kind, ExprKind::ChanType(ChanDir::Both, _)));
    assert!(matches!(ty(4).kind, ExprKind::ChanType(ChanDir::Both, _)));
    // In expressions: `make(<-chan int)` is a type, `<-ch` a receive.
    let e = one_expr("make(<-chan int, 1)");
    let ExprKind::Call { args, .. } = &e.kind else {
        panic!()
    };
    assert!(matches!(args[0].kind, ExprKind::ChanType(ChanDir::Recv, _)));
    let e = one_expr("<-<-chch");
    let ExprKind::Unary(UnaryOp::Recv, inner) = &e.kind else {
        panic!()
    };
    assert!(matches!(inner.kind, ExprKind::Unary(UnaryOp::Recv, _)));
    let e = one_expr("(<-chan chan int)(nil)");
    let ExprKind::Call { func, .. } = &e.kind else {
        panic!()
    };
    let ExprKind::Paren(t) = &func.kind else {
        panic!()
    };
    let ExprKind::ChanType(ChanDir::Recv, elem) = &t.kind else {
        panic!("{:?}", t)
    };
    assert!(matches!(elem.kind, ExprKind::ChanType(ChanDir::Both, _)));
}

#[test]
fn conversions_are_calls_on_type_expressions() {
    let e = one_expr("[]byte(s)");
    let ExprKind::Call {
        func,
        args,
        spread: false,
    } = &e.kind
    else {
        panic!()
    };
    assert!(matches!(
        func.kind,
        ExprKind::ArrayType {
            len: None,
            ellipsis: false,
            ..
        }
    ));
    assert_eq!(args.len(), 1);
    let e = one_expr("(*T)(p)");
    let ExprKind::Call { func, .. } = &e.kind else {
        panic!()
    };
    let ExprKind::Paren(inner) = &func.kind else {
        panic!()
    };
    assert!(matches!(inner.kind, ExprKind::Star(_)));
    let e = one_expr("map[string]int(nil)");
    let ExprKind::Call { func, .. } = &e.kind else {
        panic!()
    };
    assert!(matches!(func.kind, ExprKind::MapType(..)));
}

#[test]
fn binary_precedence_follows_go() {
    // a + b*c == d && e || f  =>  ((a + (b*c)) == d && e) || f
    let e = one_expr("a + b*c == d && e || f");
    let ExprKind::Binary(BinaryOp::LogOr, l, r) = &e.kind else {
        panic!()
    };
    assert_eq!(name(r), "f");
    let ExprKind::Binary(BinaryOp::LogAnd, l, _) = &l.kind else {
        panic!()
    };
    let ExprKind::Binary(BinaryOp::Eq, l, _) = &l.kind else {
        panic!()
    };
    let ExprKind::Binary(BinaryOp::Add, _, r) = &l.kind else {
        panic!()
    };
    assert!(matches!(r.kind, ExprKind::Binary(BinaryOp::Mul, _, _)));
    // Same level associates left: a - b - c  =>  (a - b) - c
    let e = one_expr("a - b - c");
    let ExprKind::Binary(BinaryOp::Sub, l, r) = &e.kind else {
        panic!()
    };
    assert_eq!(name(r), "c");
    assert!(matches!(l.kind, ExprKind::Binary(BinaryOp::Sub, _, _)));
    // &^ is multiplicative, | additive.
    let e = one_expr("a | b &^ c");
    let ExprKind::Binary(BinaryOp::Or, _, r) = &e.kind else {
        panic!()
    };
    assert!(matches!(r.kind, ExprKind::Binary(BinaryOp::AndNot, _, _)));
    // Unary binds tighter than binary; `*p.x` is `*(p.x)`.
    let e = one_expr("-a * *p.x");
    let ExprKind::Binary(BinaryOp::Mul, l, r) = &e.kind else {
        panic!()
    };
    assert!(matches!(l.kind, ExprKind::Unary(UnaryOp::Neg, _)));
    let ExprKind::Star(inner) = &r.kind else {
        panic!()
    };
    assert!(matches!(inner.kind, ExprKind::Selector(..)));
}

#[test]
fn literals_are_decoded() {
    let lit = |s: &str| match one_expr(s).kind {
        ExprKind::Lit(l) => l,
        other => panic!("{:?}", other),
    };
    assert_eq!(lit("0x_1F"), Lit::Int(31));
    assert_eq!(lit("1_000_000"), Lit::Int(1_000_000));
    assert_eq!(lit("0b1010"), Lit::Int(10));
    assert_eq!(lit("0o17"), Lit::Int(15));
    assert_eq!(lit("017"), Lit::Int(15));
    assert_eq!(lit("1e9"), Lit::Float(1e9));
    assert_eq!(lit(".5"), Lit::Float(0.5));
    assert_eq!(lit("'\\n'"), Lit::Rune('\n'));
    assert_eq!(lit("'\\u4e16'"), Lit::Rune('世'));
    assert_eq!(lit("\"a\\xffb\""), Lit::Str(b"a\xffb".to_vec()));
    assert_eq!(lit("`a\\n`"), Lit::Str(b"a\\n".to_vec()));
}

#[test]
fn composite_literals_with_elided_types_and_keys() {
    let e = one_expr("[]Point{{1, 2}, {X: 3}}");
    let ExprKind::Composite {
        ty: Some(_), elems, ..
    } = &e.kind
    else {
        panic!()
    };
    assert!(
        matches!(&elems[0].value.kind, ExprKind::Composite { ty: None, elems, .. } if elems.len() == 2)
    );
    let ExprKind::Composite {
        ty: None,
        elems: inner,
        ..
    } = &elems[1].value.kind
    else {
        panic!()
    };
    assert_eq!(name(inner[0].key.as_ref().expect("keyed")), "X");
    let e = one_expr("map[Point]string{{1, 2}: \"a\"}");
    let ExprKind::Composite { elems, .. } = &e.kind else {
        panic!()
    };
    assert!(matches!(
        elems[0].key.as_ref().map(|k| &k.kind),
        Some(ExprKind::Composite { ty: None, .. })
    ));
    let e = one_expr("[...]int{1, 2, 3}");
    let ExprKind::Composite { ty: Some(t), .. } = &e.kind else {
        panic!()
    };
    assert!(matches!(
        t.kind,
        ExprKind::ArrayType {
            len: None,
            ellipsis: true,
            ..
        }
    ));
    let e = one_expr("&T{}");
    let ExprKind::Unary(UnaryOp::Addr, inner) = &e.kind else {
        panic!()
    };
    assert!(matches!(inner.kind, ExprKind::Composite { .. }));
}

#[test]
fn type_switch_with_binding_and_type_list() {
    let s = stmts("switch v := x.(type) {\ncase nil:\ncase int, *T:\n\t_ = v\ndefault:\n}");
    let StmtKind::TypeSwitch {
        init: None,
        bind: Some(b),
        subject,
        cases,
    } = &s[0].kind
    else {
        panic!("{:?}", s[0])
    };
    assert_eq!(b.name, "v");
    assert_eq!(name(subject), "x");
    assert_eq!(cases.len(), 3);
    assert_eq!(cases[1].types.as_ref().map(|t| t.len()), Some(2));
    assert!(cases[2].types.is_none());
    let s = stmts("switch y := 1; x.(type) {\n}");
    assert!(matches!(
        &s[0].kind,
        StmtKind::TypeSwitch {
            init: Some(_),
            bind: None,
            ..
        }
    ));
}

#[test]
fn switch_with_init_and_without_tag() {
    let s = stmts("switch x := f(); {\ncase x > 1:\n\tfallthrough\ncase x > 0:\n}");
    let StmtKind::Switch {
        init: Some(_),
        tag: None,
        cases,
    } = &s[0].kind
    else {
        panic!("{:?}", s[0])
    };
    assert!(matches!(cases[0].body[0].kind, StmtKind::Fallthrough));
    let s = stmts("switch x := f(); x {\ncase 1, 2:\n}");
    assert!(matches!(
        &s[0].kind,
        StmtKind::Switch {
            init: Some(_),
            tag: Some(_),
            ..
        }
    ));
}

#[test]
fn for_forms() {
    let s = stmts(
        "for range ch {\n}\nfor i := range 10 {\n}\nfor k, v := range m {\n}\nfor k = range m {\n}\nfor i := 0; i < 3; i++ {\n}\nfor ;; {\n}",
    );
    assert!(matches!(
        &s[0].kind,
        StmtKind::Range {
            key: None,
            value: None,
            define: false,
            ..
        }
    ));
    assert!(matches!(
        &s[1].kind,
        StmtKind::Range {
            key: Some(_),
            value: None,
            define: true,
            ..
        }
    ));
    assert!(matches!(
        &s[2].kind,
        StmtKind::Range {
            key: Some(_),
            value: Some(_),
            define: true,
            ..
        }
    ));
    assert!(matches!(
        &s[3].kind,
        StmtKind::Range {
            key: Some(_),
            value: None,
            define: false,
            ..
        }
    ));
    let StmtKind::For {
        init: Some(init),
        cond: Some(_),
        post: Some(post),
        ..
    } = &s[4].kind
    else {
        panic!()
    };
    assert!(matches!(
        init.kind,
        StmtKind::Assign {
            op: AssignOp::Define,
            ..
        }
    ));
    assert!(matches!(post.kind, StmtKind::IncDec { inc: true, .. }));
    assert!(matches!(
        &s[5].kind,
        StmtKind::For {
            init: None,
            cond: None,
            post: None,
            ..
        }
    ));
}

#[test]
fn select_comm_forms() {
    let s = stmts("select {\ncase v, ok := <-ch:\ncase x = <-ch:\ncase ch <- v:\ncase <-time.After(d):\ndefault:\n}\nselect {}");
    let StmtKind::Select { cases } = &s[0].kind else {
        panic!()
    };
    assert_eq!(cases.len(), 5);
    let comm = |i: usize| &cases[i].comm.as_ref().expect("not default").kind;
    assert!(
        matches!(comm(0), StmtKind::Assign { op: AssignOp::Define, lhs, .. } if lhs.len() == 2)
    );
    assert!(matches!(
        comm(1),
        StmtKind::Assign {
            op: AssignOp::Assign,
            ..
        }
    ));
    assert!(matches!(comm(2), StmtKind::Send { .. }));
    assert!(matches!(
        comm(3),
        StmtKind::Expr(Expr {
            kind: ExprKind::Unary(UnaryOp::Recv, _),
            ..
        })
    ));
    assert!(cases[4].comm.is_none());
    assert!(matches!(&s[1].kind, StmtKind::Select { cases } if cases.is_empty()));
}

#[test]
fn assignments_and_statements() {
    let s = stmts("a, b = b, a\nx += 1\nx &^= 3\nx <<= 1\ni++\nj--\nch <- 1\ngo f(x)\ndefer func() {}()\nL:\n\tfor {\n\t\tcontinue L\n\t}");
    assert!(
        matches!(&s[0].kind, StmtKind::Assign { lhs, op: AssignOp::Assign, rhs } if lhs.len() == 2 && rhs.len() == 2)
    );
    assert!(matches!(
        &s[1].kind,
        StmtKind::Assign {
            op: AssignOp::Op(BinaryOp::Add),
            ..
        }
    ));
    assert!(matches!(
        &s[2].kind,
        StmtKind::Assign {
            op: AssignOp::Op(BinaryOp::AndNot),
            ..
        }
    ));
    assert!(matches!(
        &s[3].kind,
        StmtKind::Assign {
            op: AssignOp::Op(BinaryOp::Shl),
            ..
        }
    ));
    assert!(matches!(&s[4].kind, StmtKind::IncDec { inc: true, .. }));
    assert!(matches!(&s[5].kind, StmtKind::IncDec { inc: false, .. }));
    assert!(matches!(&s[6].kind, StmtKind::Send { .. }));
    assert!(matches!(
        &s[7].kind,
        StmtKind::Go(Expr {
            kind: ExprKind::Call { .. },
            ..
        })
    ));
    let StmtKind::Defer(Expr {
        kind: ExprKind::Call { func, .. },
        ..
    }) = &s[8].kind
    else {
        panic!()
    };
    assert!(matches!(func.kind, ExprKind::FuncLit { .. }));
    let StmtKind::Labeled { label, stmt } = &s[9].kind else {
        panic!()
    };
    assert_eq!(label.name, "L");
    let StmtKind::For { body, .. } = &stmt.kind else {
        panic!()
    };
    assert!(matches!(&body.stmts[0].kind, StmtKind::Continue(Some(l)) if l.name == "L"));
}

#[test]
fn slices_and_indexes() {
    let e = one_expr("a[1:2:3]");
    assert!(matches!(
        &e.kind,
        ExprKind::Slice {
            lo: Some(_),
            hi: Some(_),
            max: Some(_),
            ..
        }
    ));
    let e = one_expr("a[:]");
    assert!(matches!(
        &e.kind,
        ExprKind::Slice {
            lo: None,
            hi: None,
            max: None,
            ..
        }
    ));
    let e = one_expr("a[i]");
    assert!(matches!(&e.kind, ExprKind::Index(..)));
    let e = one_expr("x.(*T)");
    assert!(
        matches!(&e.kind, ExprKind::TypeAssert(_, Some(t)) if matches!(t.kind, ExprKind::Star(_)))
    );
}

#[test]
fn functions_methods_params() {
    let d = decls(
        "func (c *Counter) Inc(key string) {}\nfunc (p Point) String() string { return \"\" }\nfunc f(a, b int, xs ...string) (n int, err error) { return }\nfunc g(int, string) (int, error)\nfunc h(fmt.Stringer) {}",
    );
    let f = |i: usize| match &d[i] {
        Decl::Func(f) => f.clone(),
        other => panic!("{:?}", other),
    };
    let inc = f(0);
    let recv = inc.recv.expect("method");
    assert_eq!(recv.names[0].name, "c");
    assert!(matches!(recv.ty.kind, ExprKind::Star(_)));
    assert!(matches!(
        f(1).recv.expect("method").ty.kind,
        ExprKind::Ident(_)
    ));
    let ff = f(2);
    assert_eq!(ff.sig.params.len(), 2);
    assert_eq!(ff.sig.params[0].names.len(), 2);
    assert!(ff.sig.params[1].variadic);
    assert_eq!(ff.sig.results.len(), 2);
    let g = f(3);
    assert!(g.body.is_none());
    assert!(g.sig.params.iter().all(|p| p.names.is_empty()));
    assert_eq!(g.sig.results.len(), 2);
    assert!(matches!(f(4).sig.params[0].ty.kind, ExprKind::Selector(..)));
    let e = one_expr("f(xs...)");
    assert!(matches!(e.kind, ExprKind::Call { spread: true, .. }));
}

#[test]
fn struct_and_interface_types() {
    let d = decls("type S struct {\n\tBase\n\t*sync.Mutex\n\ta, b int `tag`\n}\ntype I interface {\n\tM(int) error\n\tfmt.Stringer\n}\ntype A = S");
    let Decl::Gen(GenDecl::Type(t)) = &d[0] else {
        panic!()
    };
    let ExprKind::StructType(fields) = &t[0].ty.kind else {
        panic!()
    };
    assert_eq!(fields.len(), 3);
    assert!(fields[0].names.is_empty() && name(&fields[0].ty) == "Base");
    assert!(fields[1].names.is_empty() && matches!(fields[1].ty.kind, ExprKind::Star(_)));
    assert_eq!(fields[2].names.len(), 2);
    let Decl::Gen(GenDecl::Type(t)) = &d[1] else {
        panic!()
    };
    let ExprKind::InterfaceType(elems) = &t[0].ty.kind else {
        panic!()
    };
    assert!(matches!(&elems[0], InterfaceElem::Method { name, .. } if name.name == "M"));
    assert!(matches!(&elems[1], InterfaceElem::Embedded(_)));
    let Decl::Gen(GenDecl::Type(t)) = &d[2] else {
        panic!()
    };
    assert!(t[0].alias);
}

#[test]
fn spans_cover_their_source() {
    let src = "package main\n\nfunc main() {\n\tx := foo(1, 2) + bar\n}\n";
    let file = parse_ok(src);
    let Decl::Func(f) = &file.decls[0] else {
        panic!()
    };
    let s = &f.body.as_ref().expect("body").stmts[0];
    assert_eq!(
        &src[s.span.lo as usize..s.span.hi as usize],
        "x := foo(1, 2) + bar"
    );
    let StmtKind::Assign { rhs, .. } = &s.kind else {
        panic!()
    };
    let ExprKind::Binary(_, l, _) = &rhs[0].kind else {
        panic!()
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
    assert!(p.errors.is_empty(), "{:?}", p.errors);
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
    let p = parse_phases("package main\nfunc main() {\nL:\n\tgoto L\n}\n");
    assert!(!p.check);
    assert_eq!(p.errors[0].message, "goto is not supported by gosim");
}
