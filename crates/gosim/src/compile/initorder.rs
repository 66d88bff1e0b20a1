//! The order of package-level declarations and the cycles Go refuses:
//! go/types' decl.go (which declaration needs which, checked in that
//! order), validtype.go (a type may not contain itself) and initorder.go
//! (the order package variables are initialized in, and initialization
//! cycles).
//!
//! Owns graphs over declarations and their orders; it knows declarations
//! only as numbered nodes (and types through [`Types`]), never compiles
//! anything and never reports an error itself: the checker words them.
//! Programs may chain a hundred thousand declarations, so no walk here
//! recurses along a chain: every search keeps an explicit stack.

use crate::syntax::ast::{Expr, ExprKind, InterfaceElem};
use crate::types::{TypeId, TypeKind, Types};
use crate::util::fasthash::{HashMap, HashSet};
use crate::util::sorted::SortedSet;

/// The names a constant or type expression mentions: identifiers, the
/// left side of selectors, type syntax and array lengths. Function
/// literals (never constant) are skipped. The recursion follows the
/// expression's nesting, which the parser bounds.
pub(super) fn names_in_type_or_const(e: &Expr, out: &mut Vec<String>) {
    match &e.kind {
        ExprKind::Ident(id) => out.push(id.name.clone()),
        ExprKind::Lit(_) | ExprKind::FuncLit { .. } => {}
        ExprKind::IndexList(x, args) => {
            names_in_type_or_const(x, out);
            for a in args {
                names_in_type_or_const(a, out);
            }
        }
        ExprKind::Union(terms) => {
            for t in terms {
                names_in_type_or_const(&t.ty, out);
            }
        }
        ExprKind::Composite { ty, elems, .. } => {
            if let Some(t) = ty {
                names_in_type_or_const(t, out);
            }
            for el in elems {
                if let Some(k) = &el.key {
                    names_in_type_or_const(k, out);
                }
                names_in_type_or_const(&el.value, out);
            }
        }
        ExprKind::Paren(x) | ExprKind::Star(x) | ExprKind::Unary(_, x) => {
            names_in_type_or_const(x, out)
        }
        ExprKind::Selector(x, _) => names_in_type_or_const(x, out),
        ExprKind::Index(x, i) | ExprKind::Binary(_, x, i) | ExprKind::MapType(x, i) => {
            names_in_type_or_const(x, out);
            names_in_type_or_const(i, out);
        }
        ExprKind::Slice { x, lo, hi, max } => {
            names_in_type_or_const(x, out);
            for p in [lo, hi, max].into_iter().flatten() {
                names_in_type_or_const(p, out);
            }
        }
        ExprKind::TypeAssert(x, t) => {
            names_in_type_or_const(x, out);
            if let Some(t) = t {
                names_in_type_or_const(t, out);
            }
        }
        ExprKind::Call { func, args, .. } => {
            names_in_type_or_const(func, out);
            for a in args {
                names_in_type_or_const(a, out);
            }
        }
        ExprKind::ArrayType { len, elem, .. } => {
            if let Some(l) = len {
                names_in_type_or_const(l, out);
            }
            names_in_type_or_const(elem, out);
        }
        ExprKind::ChanType(_, x) => names_in_type_or_const(x, out),
        ExprKind::FuncType(ft) => {
            for f in ft.params.iter().chain(ft.results.iter()) {
                names_in_type_or_const(&f.ty, out);
            }
        }
        ExprKind::StructType(fields) => {
            for f in fields {
                names_in_type_or_const(&f.ty, out);
            }
        }
        ExprKind::InterfaceType(elems) => {
            for el in elems {
                match el {
                    InterfaceElem::Method { sig, .. } => {
                        for f in sig.params.iter().chain(sig.results.iter()) {
                            names_in_type_or_const(&f.ty, out);
                        }
                    }
                    InterfaceElem::Embedded(x) => names_in_type_or_const(x, out),
                }
            }
        }
    }
}

/// A depth-first order of `n` nodes where `deps[i]` must come before `i`,
/// starting from the nodes in index (source) order; and the cycles met on
/// the way, each as the path of nodes around it, starting where the search
/// entered it. A cycle is broken where it was found.
pub(super) fn depth_first(n: usize, deps: &[Vec<usize>]) -> (Vec<usize>, Vec<Vec<usize>>) {
    // 0: not seen, 1: on the current path, 2: done.
    let mut state = vec![0u8; n];
    let mut order = Vec::with_capacity(n);
    let mut cycles = Vec::new();
    // The current path: (node, next dependency to look at).
    let mut path: Vec<(usize, usize)> = Vec::new();
    for root in 0..n {
        if state[root] != 0 {
            continue;
        }
        state[root] = 1;
        path.push((root, 0));
        while let Some(&mut (node, ref mut next)) = path.last_mut() {
            match deps[node].get(*next) {
                Some(&d) => {
                    *next += 1;
                    match state[d] {
                        0 => {
                            state[d] = 1;
                            path.push((d, 0));
                        }
                        1 => {
                            let at = path.iter().position(|&(p, _)| p == d).unwrap_or(0);
                            cycles.push(path[at..].iter().map(|&(p, _)| p).collect());
                        }
                        _ => {}
                    }
                }
                None => {
                    state[node] = 2;
                    order.push(node);
                    path.pop();
                }
            }
        }
    }
    (order, cycles)
}

/// The named types `t` contains by value: through struct fields and array
/// elements (and unnamed types made of them), not through pointers,
/// slices, maps, channels, functions or interfaces. Mirrors what
/// validtype.go follows.
pub(super) fn contained_named(types: &Types, t: TypeId) -> Vec<TypeId> {
    let mut out = Vec::new();
    let mut pending = vec![types.underlying(t)];
    let mut seen: HashSet<TypeId> = HashSet::default();
    while let Some(u) = pending.pop() {
        if !seen.insert(u) {
            continue;
        }
        let parts: Vec<TypeId> = match types.kind(u) {
            TypeKind::Struct(fields) => fields.iter().map(|f| f.ty).collect(),
            TypeKind::Array(_, e) => vec![*e],
            _ => continue,
        };
        for p in parts.into_iter().rev() {
            if types.is_named(p) {
                if !out.contains(&p) {
                    out.push(p);
                }
            } else {
                pending.push(p);
            }
        }
    }
    out
}

/// One node of the initialization graph: a package variable (with or
/// without an initializer), a constant, or a declared function.
pub(super) struct InitNode {
    /// Whether the node is a function (functions are not initialized;
    /// they pass their dependencies on).
    pub func: bool,
    /// Source order.
    pub order: usize,
    /// The nodes it refers to (its declaration's dependencies).
    pub deps: Vec<usize>,
}

/// go/types' initialization check (initorder.go): the cycles it reports
/// (each as the path from a node back to it, through functions). The order
/// programs see is cmd/compile's, [`initialization_order`].
pub(super) struct InitOrder {
    pub cycles: Vec<Vec<usize>>,
    /// Dependencies through functions were too many to follow within
    /// [`MAX_INIT_EDGES`]: the order is source order.
    pub too_complex: bool,
}

/// Edges the initialization graph may grow to when functions are removed
/// (each function connects its callers to its callees): beyond this the
/// order is given up, an input limit of gosim's.
pub const MAX_INIT_EDGES: usize = 4_000_000;

/// Go's algorithm: drop the function nodes, connecting each one's
/// dependents to its dependencies (cheapest functions first), then take
/// the nodes with the fewest dependencies left, earliest in source order
/// first. A node taken with dependencies left is on a cycle.
pub(super) fn init_order(nodes: &[InitNode]) -> InitOrder {
    let n = nodes.len();
    let mut succ: Vec<HashSet<usize>> = nodes
        .iter()
        .map(|x| x.deps.iter().copied().collect())
        .collect();
    let mut pred: Vec<HashSet<usize>> = vec![HashSet::default(); n];
    for (i, node) in nodes.iter().enumerate() {
        for &d in &node.deps {
            pred[d].insert(i);
        }
    }
    let mut funcs: Vec<usize> = (0..n).filter(|&i| nodes[i].func).collect();
    crate::util::order::sort_by_key(&mut funcs, |&f| {
        (pred[f].len().saturating_mul(succ[f].len()), nodes[f].order)
    });
    let mut edges = 0usize;
    for &f in &funcs {
        let ps: Vec<usize> = pred[f].iter().copied().filter(|&p| p != f).collect();
        let ss: Vec<usize> = succ[f].iter().copied().filter(|&s| s != f).collect();
        edges = edges.saturating_add(ps.len().saturating_mul(ss.len()));
        if edges > MAX_INIT_EDGES {
            return InitOrder {
                cycles: Vec::new(),
                too_complex: true,
            };
        }
        for &p in &ps {
            for &s in &ss {
                succ[p].insert(s);
                pred[s].insert(p);
            }
            succ[p].remove(&f);
        }
        for &s in &ss {
            pred[s].remove(&f);
        }
    }
    let mut ndeps: Vec<usize> = vec![0; n];
    let mut queue: SortedSet<(usize, usize, usize)> = SortedSet::new();
    for i in 0..n {
        if !nodes[i].func {
            ndeps[i] = succ[i].len();
            queue.insert((ndeps[i], nodes[i].order, i));
        }
    }
    let mut cycles = Vec::new();
    let mut done = vec![false; n];
    while let Some(&(deps_left, ord, i)) = queue.first() {
        queue.remove(&(deps_left, ord, i));
        if deps_left > 0 {
            if let Some(cycle) = find_path(nodes, i) {
                cycles.push(cycle);
            }
        }
        done[i] = true;
        for &p in &pred[i] {
            if nodes[p].func || done[p] || ndeps[p] == 0 {
                continue;
            }
            queue.remove(&(ndeps[p], nodes[p].order, p));
            ndeps[p] -= 1;
            queue.insert((ndeps[p], nodes[p].order, p));
        }
    }
    InitOrder {
        cycles,
        too_complex: false,
    }
}

/// The order cmd/compile initializes package variables in (pkginit's
/// initorder.go): initializers are taken in declaration order; one whose
/// variables are all initialized runs at once, else it waits for them, and
/// whenever one runs, those it unblocked run too, earliest declared first.
/// `deps[i]` are the initializers `i` needs (through the functions it
/// calls); returns the order, and whether all ran (if not: a cycle).
pub(super) fn initialization_order(deps: &[Vec<usize>]) -> (Vec<usize>, bool) {
    let n = deps.len();
    let mut waiting: Vec<usize> = vec![0; n];
    let mut done = vec![false; n];
    let mut blocking: Vec<Vec<usize>> = vec![Vec::new(); n];
    let mut ready: SortedSet<usize> = SortedSet::new();
    let mut order = Vec::with_capacity(n);
    for i in 0..n {
        let mut seen: Vec<usize> = Vec::new();
        for &d in &deps[i] {
            if done[d] || seen.contains(&d) {
                continue;
            }
            seen.push(d);
            waiting[i] += 1;
            blocking[d].push(i);
        }
        if waiting[i] == 0 {
            ready.insert(i);
        }
        while let Some(&r) = ready.first() {
            ready.remove(&r);
            order.push(r);
            done[r] = true;
            for m in std::mem::take(&mut blocking[r]) {
                waiting[m] -= 1;
                if waiting[m] == 0 {
                    ready.insert(m);
                }
            }
        }
    }
    let complete = order.len() == n;
    (order, complete)
}

/// A path of declarations from `from` back to itself through the
/// original dependencies (Go's findPath), dependencies tried in source
/// order: `[from, next, ...]`.
fn find_path(nodes: &[InitNode], from: usize) -> Option<Vec<usize>> {
    let mut seen: HashMap<usize, ()> = HashMap::default();
    let sorted_deps = |i: usize| -> Vec<usize> {
        let mut d = nodes[i].deps.clone();
        crate::util::order::sort_by_key(&mut d, |&x| nodes[x].order);
        d.dedup();
        d
    };
    let mut path: Vec<(usize, Vec<usize>, usize)> = vec![(from, sorted_deps(from), 0)];
    seen.insert(from, ());
    while let Some((_, deps, next)) = path.last_mut() {
        let Some(&d) = deps.get(*next) else {
            path.pop();
            continue;
        };
        *next += 1;
        if d == from {
            return Some(path.iter().map(|(p, _, _)| *p).collect());
        }
        if seen.insert(d, ()).is_none() {
            let dd = sorted_deps(d);
            path.push((d, dd, 0));
        }
    }
    None
}
