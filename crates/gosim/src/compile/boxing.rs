//! Decides which local variables live in heap cells. go/types has no such
//! file: this is the compiler's escape analysis (cmd/compile's escape
//! package), reduced to names.
//!
//! A Go variable needs a cell when its address escapes the frame's slot: a
//! closure captures it, `&` takes its address, or it is the root of a field
//! or element assignment or of a method call (which may take `&x`
//! implicitly). The last kind only matters for a variable that holds its
//! data itself: a pointer, slice or map variable reaches its data through
//! its value, so those names are reported apart (`roots`) and the compiler,
//! which knows the types, leaves such variables unboxed (a boxed pointer
//! receiver was a heap cell per method call, issue 17). The analysis is by
//! name within one top-level function — an over-approximation that is
//! always safe, because a boxed variable behaves exactly like an unboxed
//! one, only a little slower. The compiler retries with the name boxed if
//! it meets a capture or an address this pass missed.

use crate::syntax::ast::{AssignOp, Block, Expr, ExprKind, GenDecl, Stmt, StmtKind, UnaryOp};
use crate::util::fasthash::HashSet;

/// Names of locals in `body` (and nested closures) that need cells, and of
/// those only because they are roots of a place or a method call (a subset
/// of the first set): these need no cell if they hold a pointer, slice or
/// map.
pub(super) fn boxed_names(body: &Block) -> (HashSet<String>, HashSet<String>) {
    let mut w = Walker {
        boxed: HashSet::default(),
        roots: HashSet::default(),
        closure_decls: Vec::new(),
        all: None,
    };
    w.block(body);
    let roots: HashSet<String> = w
        .roots
        .iter()
        .filter(|n| !w.boxed.contains(*n))
        .cloned()
        .collect();
    let mut boxed = w.boxed;
    boxed.extend(roots.iter().cloned());
    (boxed, roots)
}

/// Every name `e` uses, at any depth (function literals included, shadowing
/// ignored): an over-approximation of what an initializer depends on.
pub(super) fn names_used(e: &Expr) -> HashSet<String> {
    let mut w = Walker {
        boxed: HashSet::default(),
        roots: HashSet::default(),
        closure_decls: Vec::new(),
        all: Some(HashSet::default()),
    };
    w.expr(e);
    w.all.unwrap_or_default()
}

struct Walker {
    boxed: HashSet<String>,
    /// Roots of places and method calls (see `boxed_names`).
    roots: HashSet<String>,
    /// When set, every name used is collected here.
    all: Option<HashSet<String>>,
    /// For each enclosing closure, the names it declares (params and any
    /// declaration in its body).
    closure_decls: Vec<HashSet<String>>,
}

fn strip_parens(e: &Expr) -> &Expr {
    match &e.kind {
        ExprKind::Paren(x) => strip_parens(x),
        _ => e,
    }
}

fn root_ident(e: &Expr) -> Option<&str> {
    match &e.kind {
        ExprKind::Ident(id) => Some(&id.name),
        ExprKind::Selector(x, _) | ExprKind::Index(x, _) | ExprKind::Paren(x) => root_ident(x),
        ExprKind::Slice { x, .. } => root_ident(x),
        _ => None,
    }
}

impl Walker {
    fn use_name(&mut self, name: &str) {
        if let Some(all) = self.all.as_mut() {
            all.insert(name.to_string());
        }
        // Used inside a closure that does not declare it: captured.
        if let Some(decls) = self.closure_decls.last() {
            if !decls.contains(name) {
                self.boxed.insert(name.to_string());
            }
        }
        // A name declared by an outer closure but used in an inner one.
        let n = self.closure_decls.len();
        if n >= 2 {
            for i in (0..n - 1).rev() {
                if self.closure_decls[i].contains(name)
                    && !self.closure_decls[i + 1..].iter().any(|d| d.contains(name))
                {
                    self.boxed.insert(name.to_string());
                }
            }
        }
    }

    fn mark_root(&mut self, e: &Expr) {
        if let Some(n) = root_ident(e) {
            self.roots.insert(n.to_string());
        }
    }

    fn block(&mut self, b: &Block) {
        for s in &b.stmts {
            self.stmt(s);
        }
    }

    fn stmts(&mut self, ss: &[Stmt]) {
        for s in ss {
            self.stmt(s);
        }
    }

    fn lvalue(&mut self, e: &Expr) {
        match &e.kind {
            ExprKind::Ident(_) => self.expr(e),
            ExprKind::Selector(..) | ExprKind::Index(..) => {
                self.mark_root(e);
                self.expr(e)
            }
            _ => self.expr(e),
        }
    }

    fn stmt(&mut self, s: &Stmt) {
        match &s.kind {
            StmtKind::Empty
            | StmtKind::Fallthrough
            | StmtKind::Break(_)
            | StmtKind::Continue(_)
            | StmtKind::Goto(_) => {}
            StmtKind::Expr(e) | StmtKind::Go(e) | StmtKind::Defer(e) => self.expr(e),
            StmtKind::Send { chan, value } => {
                self.expr(chan);
                self.expr(value)
            }
            StmtKind::IncDec { target, .. } => self.lvalue(target),
            StmtKind::Assign { lhs, rhs, .. } => {
                for l in lhs {
                    self.lvalue(l);
                }
                for r in rhs {
                    self.expr(r);
                }
            }
            StmtKind::Decl(d) => self.gen_decl(d),
            StmtKind::Return(es) => {
                for e in es {
                    self.expr(e);
                }
            }
            StmtKind::Block(b) => self.block(b),
            StmtKind::If {
                init,
                cond,
                then,
                els,
            } => {
                if let Some(i) = init {
                    self.stmt(i);
                }
                self.expr(cond);
                self.block(then);
                if let Some(e) = els {
                    self.stmt(e);
                }
            }
            StmtKind::Switch { init, tag, cases } => {
                if let Some(i) = init {
                    self.stmt(i);
                }
                if let Some(t) = tag {
                    self.expr(t);
                }
                for c in cases {
                    for e in c.exprs.iter().flatten() {
                        self.expr(e);
                    }
                    self.stmts(&c.body);
                }
            }
            StmtKind::TypeSwitch {
                init,
                subject,
                cases,
                ..
            } => {
                if let Some(i) = init {
                    self.stmt(i);
                }
                self.expr(subject);
                for c in cases {
                    self.stmts(&c.body);
                }
            }
            StmtKind::Select { cases } => {
                for c in cases {
                    if let Some(comm) = &c.comm {
                        self.stmt(comm);
                    }
                    self.stmts(&c.body);
                }
            }
            StmtKind::For {
                init,
                cond,
                post,
                body,
            } => {
                if let Some(i) = init {
                    self.stmt(i);
                }
                if let Some(c) = cond {
                    self.expr(c);
                }
                if let Some(p) = post {
                    self.stmt(p);
                }
                self.block(body);
            }
            StmtKind::Range {
                key,
                value,
                subject,
                body,
                ..
            } => {
                if let Some(k) = key {
                    self.lvalue(k);
                }
                if let Some(v) = value {
                    self.lvalue(v);
                }
                self.expr(subject);
                self.block(body);
            }
            StmtKind::Labeled { stmt, .. } => self.stmt(stmt),
        }
    }

    fn gen_decl(&mut self, d: &GenDecl) {
        match d {
            GenDecl::Var(specs) => {
                for s in specs {
                    for v in &s.values {
                        self.expr(v);
                    }
                }
            }
            GenDecl::Const(specs) => {
                for s in specs {
                    for v in s.values.iter() {
                        self.expr(v);
                    }
                }
            }
            GenDecl::Type(_) => {}
        }
    }

    fn expr(&mut self, e: &Expr) {
        match &e.kind {
            ExprKind::Ident(id) => self.use_name(&id.name),
            ExprKind::Lit(_) => {}
            ExprKind::Composite { ty, elems, .. } => {
                if let Some(t) = ty {
                    self.expr(t);
                }
                for el in elems {
                    // Keys of struct literals are field names, not variables.
                    if let Some(k) = &el.key {
                        if !matches!(k.kind, ExprKind::Ident(_)) {
                            self.expr(k);
                        }
                    }
                    self.expr(&el.value);
                }
            }
            ExprKind::FuncLit { sig, body } => {
                let mut decls = HashSet::default();
                for f in sig.params.iter().chain(sig.results.iter()) {
                    for n in &f.names {
                        decls.insert(n.name.clone());
                    }
                }
                collect_decls(body, &mut decls);
                self.closure_decls.push(decls);
                self.block(body);
                self.closure_decls.pop();
            }
            ExprKind::Paren(x) | ExprKind::Star(x) => self.expr(x),
            ExprKind::Selector(x, _) => self.expr(x),
            ExprKind::Index(x, i) => {
                self.expr(x);
                self.expr(i)
            }
            ExprKind::IndexList(x, _) => self.expr(x),
            ExprKind::Slice { x, lo, hi, max } => {
                // Slicing an array takes its address.
                self.mark_root(x);
                self.expr(x);
                for p in [lo, hi, max].into_iter().flatten() {
                    self.expr(p);
                }
            }
            ExprKind::TypeAssert(x, _) => self.expr(x),
            ExprKind::Call { func, args, .. } => {
                if let ExprKind::Selector(recv, _) = &func.kind {
                    self.mark_root(recv);
                }
                self.expr(func);
                for a in args {
                    self.expr(a);
                }
            }
            ExprKind::Unary(UnaryOp::Addr, x) => {
                // `&v` itself is an escape; `&v.f` and `&v[i]` only root `v`.
                match &strip_parens(x).kind {
                    ExprKind::Ident(id) => {
                        self.boxed.insert(id.name.clone());
                    }
                    _ => self.mark_root(x),
                }
                self.expr(x)
            }
            ExprKind::Unary(_, x) => self.expr(x),
            ExprKind::Binary(_, l, r) => {
                self.expr(l);
                self.expr(r)
            }
            ExprKind::ArrayType { .. }
            | ExprKind::MapType(..)
            | ExprKind::ChanType(..)
            | ExprKind::FuncType(_)
            | ExprKind::StructType(_)
            | ExprKind::InterfaceType(_)
            | ExprKind::Union(_) => {}
        }
    }
}

/// Every name a block declares, at any depth (excluding nested closures' own
/// bodies, which are walked separately).
fn collect_decls(b: &Block, out: &mut HashSet<String>) {
    for s in &b.stmts {
        collect_stmt_decls(s, out);
    }
}

fn collect_stmt_decls(s: &Stmt, out: &mut HashSet<String>) {
    match &s.kind {
        StmtKind::Assign {
            lhs,
            op: AssignOp::Define,
            ..
        } => {
            for l in lhs {
                if let ExprKind::Ident(id) = &l.kind {
                    out.insert(id.name.clone());
                }
            }
        }
        StmtKind::Decl(GenDecl::Var(specs)) => {
            for sp in specs {
                for n in &sp.names {
                    out.insert(n.name.clone());
                }
            }
        }
        StmtKind::Decl(GenDecl::Const(specs)) => {
            for sp in specs {
                for n in &sp.names {
                    out.insert(n.name.clone());
                }
            }
        }
        StmtKind::Block(b) => collect_decls(b, out),
        StmtKind::If {
            init, then, els, ..
        } => {
            if let Some(i) = init {
                collect_stmt_decls(i, out);
            }
            collect_decls(then, out);
            if let Some(e) = els {
                collect_stmt_decls(e, out);
            }
        }
        StmtKind::Switch { init, cases, .. } => {
            if let Some(i) = init {
                collect_stmt_decls(i, out);
            }
            for c in cases {
                for s in &c.body {
                    collect_stmt_decls(s, out);
                }
            }
        }
        StmtKind::TypeSwitch {
            init, bind, cases, ..
        } => {
            if let Some(i) = init {
                collect_stmt_decls(i, out);
            }
            if let Some(b) = bind {
                out.insert(b.name.clone());
            }
            for c in cases {
                for s in &c.body {
                    collect_stmt_decls(s, out);
                }
            }
        }
        StmtKind::Select { cases } => {
            for c in cases {
                if let Some(comm) = &c.comm {
                    collect_stmt_decls(comm, out);
                }
                for s in &c.body {
                    collect_stmt_decls(s, out);
                }
            }
        }
        StmtKind::For { init, body, .. } => {
            if let Some(i) = init {
                collect_stmt_decls(i, out);
            }
            collect_decls(body, out);
        }
        StmtKind::Range {
            key,
            value,
            define,
            body,
            ..
        } => {
            if *define {
                for e in [key, value].into_iter().flatten() {
                    if let ExprKind::Ident(id) = &e.kind {
                        out.insert(id.name.clone());
                    }
                }
            }
            collect_decls(body, out);
        }
        StmtKind::Labeled { stmt, .. } => collect_stmt_decls(stmt, out),
        _ => {}
    }
}
