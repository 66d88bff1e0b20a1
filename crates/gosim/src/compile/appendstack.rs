//! Decides which `append`s get a stack backing store, as gc has done since
//! Go 1.25; the capacities programs print depend on it.
//!
//! gc gives an `append` whose result does not escape a 32-byte buffer in
//! the frame: the first `append` site of a variable (in source order), when
//! it must grow an empty slice to at most 32 bytes, takes the buffer whole
//! (`cap` 4 for `[]int` at once), once per call of the function. Go 1.26
//! adds a pass for a variable whose only escape is one "transition" (a
//! `return s`, an `x = s`, and from 1.27 a `range s`) outside deeper loops
//! and that is appended to in a loop: its appends use the buffer too and
//! the transition moves the slice to the heap. If the function reads
//! `cap(s)` (or slices, calls with it, assigns a literal), the appends step
//! through the size classes inside the buffer (`growsliceBuf`) and the move
//! keeps the capacity; otherwise the move rounds the capacity to the
//! length's size class.
//!
//! Like `boxing`, this works on names within one top-level function: a
//! name declared more than once, declared by a `range` clause or a type
//! switch, or mentioned in a closure is left on the heap. Any use not
//! understood counts as an escape (an interface conversion for
//! `fmt.Println(s)`, a call, `&s`, a global or field store), which is
//! what gc decides for the shapes learners write; the two analyses of gc
//! (escape analysis and cmd/compile/internal/slice) are reduced to the
//! patterns below. The compiler still checks the types (a local slice
//! whose element takes 1 to 32 bytes).

use crate::config::GoVersion;
use crate::syntax::ast::{
    AssignOp, Block, Decl, Expr, ExprKind, File, FuncType, GenDecl, Stmt, StmtKind, UnaryOp,
};
use crate::syntax::span::Span;
use crate::util::fasthash::{HashMap, HashSet};

/// What the compiler does for one variable.
#[derive(Clone, Debug, Default)]
pub(super) struct VarPlan {
    /// The first arguments (`s` in `s = append(s, ...)`) of the append
    /// sites that may use the buffer.
    pub sites: HashSet<Span>,
    /// Every growth that fits takes the next size class inside the buffer
    /// (gc's `growsliceBuf`); otherwise only an empty slice takes it whole,
    /// once per call.
    pub step: bool,
    /// Mentions of `s` where gc moves it to the heap, rounding its capacity.
    pub moves: HashSet<Span>,
}

/// The parameters (function name, index) of the file's plain functions
/// that keep nothing of a slice argument: only its length, capacity,
/// elements and range are read. gc's escape analysis proves that of such
/// a parameter, so passing a buffered slice there is no escape.
pub(super) fn non_leaking_params(file: &File) -> HashSet<(String, usize)> {
    let mut out = HashSet::default();
    for d in &file.decls {
        let Decl::Func(f) = d else { continue };
        let (None, Some(body)) = (&f.recv, &f.body) else {
            continue;
        };
        let mut w = Walker::new(false, HashSet::default());
        let mut params = Vec::new();
        for fld in &f.sig.params {
            for n in &fld.names {
                w.declare(&n.name, false);
                params.push(n.name.clone());
            }
        }
        w.block(body);
        for (i, p) in params.iter().enumerate() {
            if let Some(u) = w.vars.get(p) {
                if u.decls == 1 && !u.excluded && !u.escapes && u.transitions.is_empty() {
                    out.insert((f.name.name.clone(), i));
                }
            }
        }
    }
    out
}

/// The plan for each variable of a top-level function (empty before Go
/// 1.25); `keeps_nothing` is [`non_leaking_params`] of the file.
pub(super) fn plan(
    sig: &FuncType,
    body: &Block,
    v: GoVersion,
    keeps_nothing: &HashSet<(String, usize)>,
) -> HashMap<String, VarPlan> {
    let mut out = HashMap::default();
    if !v.append_stack_buffer() {
        return out;
    }
    let mut w = Walker::new(v.append_range_moves(), keeps_nothing.clone());
    for f in &sig.params {
        for n in &f.names {
            w.declare(&n.name, false);
        }
    }
    for f in &sig.results {
        for n in &f.names {
            w.declare(&n.name, false);
            w.results.push(n.name.clone());
        }
    }
    w.block(body);
    for (name, u) in w.vars {
        if u.decls != 1 || u.excluded {
            continue;
        }
        let pass = v.append_move_to_heap()
            && u.understood
            && u.transitions.len() == 1
            && u.transitions[0].1 <= u.decl_depth
            && u.weight >= 2;
        if pass {
            let step = u.cap_used;
            let sites: HashSet<Span> = if step {
                u.sites.iter().copied().collect()
            } else {
                u.sites.first().copied().into_iter().collect()
            };
            let moves = if step {
                HashSet::default()
            } else {
                u.transitions.iter().filter_map(|t| t.0).collect()
            };
            out.insert(name, VarPlan { sites, step, moves });
        } else if !u.escapes {
            if let Some(first) = u.sites.first() {
                out.insert(
                    name,
                    VarPlan {
                        sites: [*first].into_iter().collect(),
                        ..VarPlan::default()
                    },
                );
            }
        }
    }
    out
}

/// What the walk learned about one name.
#[derive(Default)]
struct Uses {
    decls: u32,
    decl_depth: u32,
    /// Declared where the plan cannot follow it, or used in a closure.
    excluded: bool,
    /// A use escape analysis would let escape (or that we do not know).
    escapes: bool,
    /// Every use is one gc's slice pass understands (starts true).
    understood: bool,
    cap_used: bool,
    /// Exclusive-to-shared points: the mention (none for a bare return)
    /// and the loop depth.
    transitions: Vec<(Option<Span>, u32)>,
    /// `s = append(s, x...)` sites without a spread, in source order.
    sites: Vec<Span>,
    /// Appends weighted by loop depth below the declaration.
    weight: u32,
}

struct Walker {
    vars: HashMap<String, Uses>,
    depth: u32,
    closure: u32,
    range_moves: bool,
    results: Vec<String>,
    /// See [`non_leaking_params`].
    keeps_nothing: HashSet<(String, usize)>,
}

fn strip(e: &Expr) -> &Expr {
    match &e.kind {
        ExprKind::Paren(x) => strip(x),
        _ => e,
    }
}

fn ident(e: &Expr) -> Option<&str> {
    match &strip(e).kind {
        ExprKind::Ident(id) if id.name != "_" => Some(&id.name),
        _ => None,
    }
}

/// Library functions whose slice arguments gc's escape analysis sees kept
/// nowhere (their export data says so): passing a slice is no escape.
const READS_ONLY: [(&str, &str); 11] = [
    ("sort", "Ints"),
    ("sort", "Strings"),
    ("sort", "Float64s"),
    ("slices", "Sort"),
    ("slices", "Contains"),
    ("slices", "Index"),
    ("slices", "Max"),
    ("slices", "Min"),
    ("slices", "Reverse"),
    ("slices", "Equal"),
    ("strings", "Join"),
];

fn reads_only(func: &Expr) -> bool {
    match &strip(func).kind {
        ExprKind::Selector(pkg, name) => {
            ident(pkg).is_some_and(|p| READS_ONLY.contains(&(p, name.name.as_str())))
        }
        _ => false,
    }
}

/// `append(...)`'s arguments and spread flag.
fn append_call(e: &Expr) -> Option<(&[Expr], bool)> {
    match &strip(e).kind {
        ExprKind::Call { func, args, spread } if ident(func) == Some("append") => {
            Some((args, *spread))
        }
        _ => None,
    }
}

impl Walker {
    fn new(range_moves: bool, keeps_nothing: HashSet<(String, usize)>) -> Walker {
        Walker {
            vars: HashMap::default(),
            depth: 0,
            closure: 0,
            range_moves,
            results: Vec::new(),
            keeps_nothing,
        }
    }

    fn uses(&mut self, name: &str) -> &mut Uses {
        self.vars.entry(name.to_string()).or_insert_with(|| Uses {
            understood: true,
            ..Uses::default()
        })
    }

    fn declare(&mut self, name: &str, range_or_switch: bool) {
        if name == "_" {
            return;
        }
        let (depth, closure) = (self.depth, self.closure);
        let u = self.uses(name);
        u.decls += 1;
        u.decl_depth = depth;
        if closure > 0 || range_or_switch {
            u.excluded = true;
        }
    }

    /// A mention in a context that is not understood.
    fn unknown(&mut self, name: &str) {
        let closure = self.closure;
        let u = self.uses(name);
        u.escapes = true;
        u.understood = false;
        u.excluded |= closure > 0;
    }

    /// A mention that neither escapes nor breaks exclusivity.
    fn benign(&mut self, name: &str, cap: bool) {
        let closure = self.closure;
        let u = self.uses(name);
        u.cap_used |= cap;
        if closure > 0 {
            u.excluded = true;
        }
    }

    /// An exclusive-to-shared point; `escape` unless it is a `range`,
    /// which gc's escape analysis lets pass.
    fn transition(&mut self, name: &str, at: Option<Span>, escape: bool) {
        let depth = self.depth;
        let closure = self.closure;
        let u = self.uses(name);
        u.escapes |= escape;
        u.transitions.push((at, depth));
        if closure > 0 {
            u.excluded = true;
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
            StmtKind::Assign { lhs, rhs, op } => {
                let define = matches!(op, AssignOp::Define);
                if !matches!(op, AssignOp::Op(_)) && lhs.len() == rhs.len() {
                    for (l, r) in lhs.iter().zip(rhs) {
                        self.pair(l, Some(r), define);
                    }
                } else {
                    for l in lhs {
                        match ident(l) {
                            Some(n) if define => {
                                self.declare(n, false);
                                self.uses(n).understood = false;
                            }
                            _ => self.lvalue(l),
                        }
                    }
                    for r in rhs {
                        self.expr(r);
                    }
                }
            }
            StmtKind::Decl(GenDecl::Var(specs)) => {
                for sp in specs {
                    if sp.values.len() == sp.names.len() {
                        for (n, v) in sp.names.iter().zip(&sp.values) {
                            let l = Expr {
                                kind: ExprKind::Ident(n.clone()),
                                span: n.span,
                            };
                            self.pair(&l, Some(v), true);
                        }
                    } else {
                        for n in &sp.names {
                            self.declare(&n.name, false);
                            if !sp.values.is_empty() {
                                self.uses(&n.name).understood = false;
                            }
                        }
                        for v in &sp.values {
                            self.expr(v);
                        }
                    }
                }
            }
            StmtKind::Decl(GenDecl::Const(specs)) => {
                for sp in specs {
                    for v in sp.values.iter() {
                        self.expr(v);
                    }
                }
            }
            StmtKind::Decl(GenDecl::Type(_)) => {}
            StmtKind::Return(es) => {
                if es.is_empty() {
                    for r in self.results.clone() {
                        self.transition(&r, None, true);
                    }
                }
                for e in es {
                    match ident(e) {
                        Some(n) => self.transition(n, Some(strip(e).span), true),
                        None => self.expr(e),
                    }
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
                bind,
                subject,
                cases,
            } => {
                if let Some(i) = init {
                    self.stmt(i);
                }
                if let Some(b) = bind {
                    self.declare(&b.name, true);
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
                self.depth += 1;
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
                self.depth -= 1;
            }
            StmtKind::Range {
                key,
                value,
                define,
                subject,
                body,
            } => {
                match ident(subject) {
                    Some(n) if self.range_moves => {
                        self.transition(n, Some(strip(subject).span), false)
                    }
                    Some(n) => self.benign(n, false),
                    None => self.expr(subject),
                }
                self.depth += 1;
                for k in [key, value].into_iter().flatten() {
                    match ident(k) {
                        Some(n) if *define => self.declare(n, true),
                        _ => self.lvalue(k),
                    }
                }
                self.block(body);
                self.depth -= 1;
            }
            StmtKind::Labeled { stmt, .. } => self.stmt(stmt),
        }
    }

    /// One `l = r` (or `l := r`, `var l = r`) pair.
    fn pair(&mut self, l: &Expr, r: Option<&Expr>, define: bool) {
        let Some(name) = ident(l) else {
            self.lvalue(l);
            if let Some(r) = r {
                self.value(r);
            }
            return;
        };
        if define {
            self.declare(name, false);
        }
        let Some(r) = r else { return };
        if let Some((args, spread)) = append_call(r) {
            if args.first().and_then(ident) == Some(name) {
                let (depth, closure) = (self.depth, self.closure);
                let u = self.uses(name);
                u.weight += 1 + depth.saturating_sub(u.decl_depth);
                if closure > 0 {
                    u.excluded = true;
                }
                if !spread {
                    u.sites.push(strip(&args[0]).span);
                }
                for a in &args[1..] {
                    self.expr(a);
                }
                return;
            }
        }
        match &strip(r).kind {
            ExprKind::Ident(id) if id.name == "nil" => self.benign(name, false),
            ExprKind::Composite { .. } => {
                self.benign(name, true);
                self.expr(r);
            }
            ExprKind::Slice { x, lo, hi, max } if ident(x) == Some(name) => {
                self.benign(name, true);
                for p in [lo, hi, max].into_iter().flatten() {
                    self.expr(p);
                }
            }
            _ => {
                // `s = make(...)` and the like: fine for escape analysis,
                // not a pattern the slice pass follows.
                self.uses(name).understood = false;
                if self.closure > 0 {
                    self.uses(name).excluded = true;
                }
                self.value(r);
            }
        }
    }

    /// A value stored somewhere: a variable of ours here is a transition.
    fn value(&mut self, r: &Expr) {
        match ident(r) {
            Some(n) if n != "nil" => self.transition(n, Some(strip(r).span), true),
            _ => self.expr(r),
        }
    }

    fn lvalue(&mut self, e: &Expr) {
        match &strip(e).kind {
            ExprKind::Index(x, i) if ident(x).is_some() => {
                if let Some(n) = ident(x) {
                    self.benign(n, false);
                }
                self.expr(i)
            }
            _ => self.expr(e),
        }
    }

    fn expr(&mut self, e: &Expr) {
        match &e.kind {
            ExprKind::Ident(id) => self.unknown(&id.name),
            ExprKind::Lit(_) => {}
            ExprKind::Composite { elems, .. } => {
                for el in elems {
                    if let Some(k) = &el.key {
                        if !matches!(k.kind, ExprKind::Ident(_)) {
                            self.expr(k);
                        }
                    }
                    self.expr(&el.value);
                }
            }
            ExprKind::FuncLit { sig, body } => {
                self.closure += 1;
                for f in sig.params.iter().chain(sig.results.iter()) {
                    for n in &f.names {
                        self.declare(&n.name, true);
                    }
                }
                let saved = std::mem::take(&mut self.results);
                self.block(body);
                self.results = saved;
                self.closure -= 1;
            }
            ExprKind::Paren(x) | ExprKind::Star(x) | ExprKind::TypeAssert(x, _) => self.expr(x),
            // `s[i].f` reads a copy of an element.
            ExprKind::Selector(x, _) => self.expr(x),
            ExprKind::Index(x, i) => match ident(x) {
                Some(n) => {
                    self.benign(n, false);
                    self.expr(i)
                }
                None => {
                    self.expr(x);
                    self.expr(i)
                }
            },
            ExprKind::IndexList(x, _) => self.expr(x),
            ExprKind::Slice { x, lo, hi, max } => {
                self.expr(x);
                for p in [lo, hi, max].into_iter().flatten() {
                    self.expr(p);
                }
            }
            ExprKind::Call { func, args, .. } => {
                let f = ident(func);
                match (f, args.as_slice()) {
                    (Some(b @ ("len" | "cap")), [a]) if ident(a).is_some() => {
                        if let Some(n) = ident(a) {
                            self.benign(n, b == "cap");
                        }
                    }
                    (Some("copy" | "string"), _) => {
                        for a in args {
                            match ident(a) {
                                Some(n) => {
                                    self.benign(n, false);
                                    self.uses(n).understood = false;
                                }
                                None => self.expr(a),
                            }
                        }
                    }
                    _ if reads_only(func) => {
                        for a in args {
                            match ident(a) {
                                Some(n) => self.benign(n, true),
                                None => self.expr(a),
                            }
                        }
                    }
                    _ => {
                        if f.is_none() {
                            self.expr(func);
                        }
                        for (i, a) in args.iter().enumerate() {
                            let kept =
                                f.is_none_or(|f| !self.keeps_nothing.contains(&(f.to_string(), i)));
                            match ident(a) {
                                // gc's slice pass counts it as reading cap.
                                Some(n) if !kept => self.benign(n, true),
                                _ => self.expr(a),
                            }
                        }
                    }
                }
            }
            ExprKind::Unary(UnaryOp::Addr, x) => {
                // `&s` and `&s[i]`: the backing store is shared.
                let mut root = strip(x);
                while let ExprKind::Index(y, _) | ExprKind::Selector(y, _) = &root.kind {
                    root = strip(y);
                }
                if let Some(n) = ident(root) {
                    self.unknown(n);
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
