//! Labels and `goto`: cmd/compile's syntax/branches.go (`checkBranches`),
//! whose words `go build` prints, and the jumps themselves.
//!
//! Go's rules, checked per function body before it is compiled: a label
//! must be used; a `goto` must name a label of its function, must not jump
//! into a block (`goto L jumps into block starting at ...`), and a forward
//! `goto` must not skip a variable declaration in the label's block (`goto
//! L jumps over declaration of x at ...`). `break L` and `continue L` are
//! loops.rs's; here they only count as uses of `L`.
//!
//! Code: a label records where its statement starts, a `goto` is a jump
//! patched once the function's code is complete. Statements leave nothing
//! on the operand stack, so a jump between them needs no fix-up.

use crate::compile::Compiler;
use crate::syntax::ast::{Block, GenDecl, Ident, Stmt, StmtKind};
use crate::syntax::diag::pos_marker;
use crate::syntax::span::Span;
use crate::vm::op::Op;

/// One block of the body: its parent and where it starts.
struct Blk {
    parent: Option<usize>,
    start: u32,
}

struct Label<'s> {
    ident: &'s Ident,
    block: usize,
    used: bool,
}

/// The walk over one function body.
struct Walk<'s> {
    blocks: Vec<Blk>,
    labels: Vec<Label<'s>>,
    errs: Vec<(Span, String)>,
}

impl<'s> Walk<'s> {
    fn label(&self, name: &str) -> Option<usize> {
        self.labels.iter().position(|l| l.ident.name == name)
    }

    /// A label declared in block `b` or a block enclosing it.
    fn goto_target(&self, mut b: usize, name: &str) -> Option<usize> {
        loop {
            if let Some(i) = self
                .labels
                .iter()
                .position(|l| l.block == b && l.ident.name == name)
            {
                return Some(i);
            }
            b = self.blocks[b].parent?;
        }
    }

    /// branches.go's `blockBranches`: returns the forward gotos left
    /// unresolved in this block.
    fn block(
        &mut self,
        c: &Compiler,
        parent: Option<usize>,
        start: u32,
        body: &'s [Stmt],
    ) -> Vec<&'s Ident> {
        let b = self.blocks.len();
        self.blocks.push(Blk { parent, start });
        let mut st = BlockState {
            var: None,
            fwd: Vec::new(),
            bad: Vec::new(),
        };
        for s in body {
            self.stmt(c, b, s, &mut st);
        }
        st.fwd
    }

    fn stmt(&mut self, c: &Compiler, b: usize, s: &'s Stmt, st: &mut BlockState<'s>) {
        match &s.kind {
            StmtKind::Decl(GenDecl::Var(specs)) => {
                if let Some(n) = specs.first().and_then(|v| v.names.first()) {
                    st.record_var(n.span.lo, n.name.clone());
                }
            }
            StmtKind::Assign {
                lhs,
                op: crate::syntax::ast::AssignOp::Define,
                ..
            } => {
                let end = lhs.last().map(|e| e.span.hi).unwrap_or(s.span.lo);
                let names: Vec<String> = lhs.iter().map(|e| c.text(e.span)).collect();
                st.record_var(c.op_pos(end, ":="), names.join(", "));
            }
            StmtKind::Labeled { label, stmt } => {
                if label.name != "_" {
                    if let Some(prev) = self.label(&label.name) {
                        let at = self.labels[prev].ident.span.lo;
                        self.errs.push((
                            label.span,
                            format!("label {} already defined at {}", label.name, pos_marker(at)),
                        ));
                    } else {
                        self.labels.push(Label {
                            ident: label,
                            block: b,
                            used: false,
                        });
                    }
                    let li = self.label(&label.name).unwrap_or(0);
                    let mut keep = Vec::new();
                    for g in std::mem::take(&mut st.fwd) {
                        if g.name == label.name {
                            self.labels[li].used = true;
                            if let (Some((pos, name)), true) =
                                (&st.var, st.bad.iter().any(|x| std::ptr::eq(*x, g)))
                            {
                                self.errs.push((
                                    g.span,
                                    format!(
                                        "goto {} jumps over declaration of {} at {}",
                                        g.name,
                                        name,
                                        pos_marker(*pos)
                                    ),
                                ));
                            }
                        } else {
                            keep.push(g);
                        }
                    }
                    st.fwd = keep;
                }
                self.stmt(c, b, stmt, st);
            }
            StmtKind::Goto(l) => match self.goto_target(b, &l.name) {
                Some(i) => self.labels[i].used = true,
                None => st.fwd.push(l),
            },
            StmtKind::Break(Some(l)) | StmtKind::Continue(Some(l)) => {
                if let Some(i) = self.label(&l.name) {
                    self.labels[i].used = true;
                }
            }
            StmtKind::Block(blk) => self.inner(c, b, blk.span.lo, &blk.stmts, st),
            StmtKind::If { then, els, .. } => {
                self.inner(c, b, then.span.lo, &then.stmts, st);
                if let Some(e) = els {
                    self.inner(c, b, e.span.lo, std::slice::from_ref(&**e), st);
                }
            }
            StmtKind::For { body, .. } | StmtKind::Range { body, .. } => {
                self.inner(c, b, body.span.lo, &body.stmts, st)
            }
            StmtKind::Switch { cases, .. } => {
                for cc in cases {
                    self.inner(c, b, cc.span.lo, &cc.body, st);
                }
            }
            StmtKind::TypeSwitch { cases, .. } => {
                for cc in cases {
                    self.inner(c, b, cc.span.lo, &cc.body, st);
                }
            }
            StmtKind::Select { cases } => {
                for cc in cases {
                    self.inner(c, b, cc.span.lo, &cc.body, st);
                }
            }
            _ => {}
        }
    }

    /// A nested block: its unresolved forward gotos become this block's.
    fn inner(
        &mut self,
        c: &Compiler,
        b: usize,
        start: u32,
        body: &'s [Stmt],
        st: &mut BlockState<'s>,
    ) {
        let fwd = self.block(c, Some(b), start, body);
        st.fwd.extend(fwd);
    }
}

/// What one block remembers while it is walked.
struct BlockState<'s> {
    /// The last variable declared so far: where, and its name.
    var: Option<(u32, String)>,
    /// Forward gotos not yet matched to a label.
    fwd: Vec<&'s Ident>,
    /// The forward gotos that were pending when `var` was declared.
    bad: Vec<&'s Ident>,
}

impl BlockState<'_> {
    fn record_var(&mut self, pos: u32, name: String) {
        self.var = Some((pos, name));
        self.bad = self.fwd.clone();
    }
}

impl<'a> Compiler<'a> {
    /// Checks the labels and gotos of one function body (not of the
    /// function literals inside it, which are checked as they compile).
    pub(super) fn check_labels(&mut self, body: &Block) {
        let mut w = Walk {
            blocks: Vec::new(),
            labels: Vec::new(),
            errs: Vec::new(),
        };
        let fwd = w.block(self, None, body.span.lo, &body.stmts);
        for g in fwd {
            match w.label(&g.name) {
                Some(i) => {
                    w.labels[i].used = true;
                    let start = w.blocks[w.labels[i].block].start;
                    w.errs.push((
                        g.span,
                        format!(
                            "goto {} jumps into block starting at {}",
                            g.name,
                            pos_marker(start)
                        ),
                    ));
                }
                None => w
                    .errs
                    .push((g.span, format!("label {} not defined", g.name))),
            }
        }
        for l in &w.labels {
            if !l.used {
                w.errs.push((
                    l.ident.span,
                    format!("label {} defined and not used", l.ident.name),
                ));
            }
        }
        for (span, msg) in w.errs {
            self.error(span, msg);
        }
    }

    /// Where operator `op` is written at or after offset `from` (the AST
    /// keeps no operator positions).
    fn op_pos(&self, from: u32, op: &str) -> u32 {
        let src = self
            .sources
            .get(self.cur_pkg as usize)
            .copied()
            .unwrap_or("");
        src.get(from as usize..)
            .and_then(|rest| rest.find(op))
            .map(|i| from + i as u32)
            .unwrap_or(from)
    }

    /// A label's statement starts here: record it for the gotos.
    pub(super) fn define_label(&mut self, name: &str) {
        let here = self.here();
        self.fnc().labels.push((name.to_string(), here));
    }

    /// `goto L`: a jump patched when the function is complete.
    pub(super) fn goto_stmt(&mut self, l: &Ident) {
        let j = self.emit(Op::Jump(0));
        self.fnc().gotos.push((j, l.name.clone()));
    }

    /// Points every goto of the function being compiled at its label.
    pub(super) fn patch_gotos(&mut self) {
        let f = self.fnc();
        let gotos = std::mem::take(&mut f.gotos);
        for (j, name) in gotos {
            let target = self
                .fns
                .last()
                .and_then(|f| f.labels.iter().find(|(n, _)| *n == name))
                .map(|(_, at)| *at);
            match target {
                Some(t) => self.patch(j, t),
                // A label outside a range-over-func body (the checker found
                // it in the enclosing function).
                None if self.fns.last().is_some_and(|f| f.rangefunc.is_some()) => {
                    let span = self.fns.last().map(|f| f.spans[j]).unwrap_or_default();
                    errorf!(
                        self,
                        span,
                        "goto {} out of a range-over-func loop body is not supported by gosim",
                        name
                    );
                }
                None => {}
            }
        }
    }
}
