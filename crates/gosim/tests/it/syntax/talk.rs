//! The talk's programs, read from `cases/` through `crates/case-data`, parse
//! without diagnostics, and the trees have the shapes the later stages rely
//! on.

use gosim::syntax::ast::*;
use gosim::syntax::parse;

use crate::support::{case_file, cases};

fn parse_ok(name: &str, src: &str) -> File {
    let (file, diags) = parse(src);
    assert!(diags.is_empty(), "{}: {:?}", name, diags);
    file
}

fn func<'f>(file: &'f File, name: &str) -> &'f FuncDecl {
    file.decls
        .iter()
        .find_map(|d| match d {
            Decl::Func(f) if f.name.name == name => Some(f),
            _ => None,
        })
        .unwrap_or_else(|| panic!("no func {}", name))
}

#[test]
fn every_talk_case_parses_cleanly() {
    let cases = cases();
    assert!(cases.len() >= 18, "only {} cases", cases.len());
    for (path, case) in &cases {
        let name = path.display().to_string();
        let name = name.as_str();
        let file = parse_ok(name, &case.source);
        assert_eq!(file.package.name, "main", "{}", name);
        assert!(!file.imports.is_empty(), "{}", name);
        let main = func(&file, "main");
        assert!(
            main.body.as_ref().is_some_and(|b| !b.stmts.is_empty()),
            "{}",
            name
        );
    }
}

#[test]
fn case02_select_has_receive_assign_and_timeout() {
    let file = parse_ok("case02", &case_file(2).source);
    let handler = func(&file, "handler");
    let body = &handler.body.as_ref().expect("handler has a body").stmts;
    let StmtKind::Select { cases } = &body.last().expect("select is last").kind else {
        panic!("last statement is not a select: {:?}", body.last());
    };
    assert_eq!(cases.len(), 2);
    let first = cases[0].comm.as_ref().expect("a case");
    assert!(
        matches!(&first.kind, StmtKind::Assign { op: AssignOp::Define, lhs, rhs }
        if lhs.len() == 1 && matches!(rhs[0].kind, ExprKind::Unary(UnaryOp::Recv, _)))
    );
    let second = cases[1].comm.as_ref().expect("a case");
    assert!(matches!(
        &second.kind,
        StmtKind::Expr(Expr {
            kind: ExprKind::Unary(UnaryOp::Recv, _),
            ..
        })
    ));
    assert!(matches!(cases[1].body[0].kind, StmtKind::Return(ref r) if r.is_empty()));
}

#[test]
fn case03_var_group_and_goroutines() {
    let file = parse_ok("case03", &case_file(3).source);
    let main = func(&file, "main").body.as_ref().expect("body");
    let StmtKind::Decl(GenDecl::Var(specs)) = &main.stmts[0].kind else {
        panic!("{:?}", main.stmts[0])
    };
    assert_eq!(specs.len(), 3);
    assert!(specs[0].ty.is_some() && specs[0].values.is_empty());
    assert!(specs[1].ty.is_none() && specs[1].values.len() == 1);
    let gos = main
        .stmts
        .iter()
        .filter(|s| matches!(s.kind, StmtKind::Go(_)))
        .count();
    assert_eq!(gos, 2);
}

#[test]
fn case16_labeled_for_select_with_default_and_break_label() {
    let file = parse_ok("case16", &case_file(16).source);
    let main = func(&file, "main").body.as_ref().expect("body");
    let labeled = main
        .stmts
        .iter()
        .find(|s| matches!(s.kind, StmtKind::Labeled { .. }))
        .expect("labeled stmt");
    let StmtKind::Labeled { label, stmt } = &labeled.kind else {
        unreachable!()
    };
    assert_eq!(label.name, "Loop");
    let StmtKind::For {
        init: None,
        cond: None,
        post: None,
        body,
    } = &stmt.kind
    else {
        panic!("{:?}", stmt)
    };
    let StmtKind::Select { cases } = &body.stmts[0].kind else {
        panic!()
    };
    assert_eq!(cases.len(), 3);
    assert!(cases[2].comm.is_none());
    assert!(matches!(&cases[0].body[0].kind, StmtKind::Break(Some(l)) if l.name == "Loop"));
}

#[test]
fn case13_named_result_and_case12_pointer_param() {
    let file = parse_ok("case13", &case_file(13).source);
    let f = func(&file, "fn");
    assert_eq!(f.sig.results.len(), 1);
    assert_eq!(f.sig.results[0].names[0].name, "n");
    let file = parse_ok("case12", &case_file(12).source);
    let add = func(&file, "add");
    assert!(matches!(add.sig.params[0].ty.kind, ExprKind::Star(_)));
}

#[test]
fn case17_shift_binds_tighter_than_less() {
    let file = parse_ok("case17", &case_file(17).source);
    let main = func(&file, "main").body.as_ref().expect("body");
    let StmtKind::For {
        cond: Some(cond), ..
    } = &main.stmts[1].kind
    else {
        panic!("{:?}", main.stmts[1])
    };
    let ExprKind::Binary(BinaryOp::Lt, _, rhs) = &cond.kind else {
        panic!("{:?}", cond)
    };
    assert!(matches!(rhs.kind, ExprKind::Binary(BinaryOp::Shl, _, _)));
}
