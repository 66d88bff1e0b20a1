//! The checker and code generator: syntax trees to a [`Program`].
//!
//! Owns name resolution, Go's type rules and the errors `go build` would
//! report, and lowering to bytecode, all in one pass per function (a
//! typed expression is checked and emitted together). Library packages
//! (sync, time, context, ...) are compiled from gosim's Go prelude the same
//! way as user code; their body-less functions bind to natives.
//! Never panics on user input: every problem becomes a [`Diagnostic`].
//!
//! The rooms are cut along go/types' own files: `decls` (decl.go,
//! resolver.go, typexpr.go), `universe`, `stmt`, `assignments`, `loops`,
//! `switch`, `expr`, `lookup`, `index`, `composite`, `conversions`,
//! `calls`, `builtins`, and for generics `instantiate`, `infer` and
//! `typeset`. `consts` and `rat` are constant values (what go/constant is
//! to go/types), and `boxing` decides which variables live in heap cells.
//! `labels`, `rangefunc` and `order` follow the gc compiler's
//! syntax/branches.go, rangefunc/rewrite.go and walk/order.go, and
//! `appendstack` its stack buffer for `append` (ssagen and the slice pass). This file
//! holds what they share (go/types' check.go and scope.go): the compiler
//! state, function contexts, scopes and name lookup, and code emission.

/// Reports an error whose message is formatted, at a span: the checker's
/// `check.errorf` (go/types errors.go). Expands to `Compiler::error`, so the
/// message text and the de-duplication are the same as a plain `error`.
macro_rules! errorf {
    ($c:expr, $span:expr, $($arg:tt)+) => {
        $c.error($span, format!($($arg)+))
    };
}

mod appendstack;
mod assignments;
mod boxing;
mod builtins;
mod calls;
mod composite;
pub mod consts;
mod conversions;
mod decls;
mod expr;
mod index;
mod infer;
mod initorder;
mod instantiate;
mod labels;
mod lookup;
mod loops;
mod order;
mod rangefunc;
pub mod rat;
pub mod std_api;
mod stmt;
mod switch;
mod typeset;
mod universe;

use crate::compile::consts::ConstVal;
use crate::compile::instantiate::Origin;
use crate::compile::loops::LoopCtx;
use crate::config::GoVersion;
use crate::syntax::ast;
use crate::syntax::diag::Diagnostic;
use crate::syntax::span::Span;
use crate::types::{well_known as wk, Method, MethodTarget, TypeId, Types};
use crate::util::fasthash::{HashMap, HashSet};
use crate::vm::natives::Native;
use crate::vm::op::{
    FuncCode, GlobalInfo, LocalInfo, MethodEntry, MethodTable, Op, Program, RecvAdjust,
};

/// One package to compile: its import path, syntax and whether it is part
/// of gosim's prelude.
struct PackageSource<'a> {
    path: &'a str,
    file: &'a ast::File,
    library: bool,
    /// The source text, for quoting expressions in messages.
    text: &'a str,
}

/// Go builtins (Go spec "Built-in functions").
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Builtin {
    Append,
    Cap,
    Clear,
    Close,
    Copy,
    Delete,
    Len,
    Make,
    Max,
    Min,
    New,
    Panic,
    Print,
    Println,
    Recover,
}

#[derive(Clone, Debug)]
enum Sym {
    Local {
        slot: u32,
        ty: TypeId,
        boxed: bool,
        used: bool,
        span: Span,
    },
    Global {
        idx: u32,
        ty: TypeId,
    },
    Const {
        val: ConstVal,
        ty: TypeId,
    },
    Type(TypeId),
    Func {
        fid: u32,
        ty: TypeId,
    },
    Native {
        nid: u32,
        ty: TypeId,
    },
    Builtin(Builtin),
    Package {
        pkg: u32,
        used: bool,
        span: Span,
    },
    Nil,
    /// A generic function: index into `Compiler::generic_funcs`.
    GenericFunc(u32),
    /// A generic type: index into `Compiler::generic_types`.
    GenericType(u32),
}

struct Package {
    path: String,
    name: String,
    scope: HashMap<String, Sym>,
    library: bool,
}

/// State of the function being compiled (closures nest these).
struct FnCtx {
    code: Vec<Op>,
    spans: Vec<Span>,
    scopes: Vec<HashMap<String, Sym>>,
    nlocals: u32,
    results: Vec<TypeId>,
    result_slots: Vec<u32>,
    boxed_results: Vec<bool>,
    loops: Vec<LoopCtx>,
    /// Captured outer variables: (name, slot in this function).
    captures: Vec<(String, u32)>,
    /// Where each capture comes from in the enclosing function (its slot).
    capture_sources: Vec<u32>,
    locals: Vec<LocalInfo>,
    name: String,
    closures: u32,
    cur_span: Span,
    /// Where each label's statement starts (see labels.rs).
    labels: Vec<(String, usize)>,
    /// Gotos to patch: (jump instruction, label).
    gotos: Vec<(usize, String)>,
    /// Set when this function is the body of a range-over-func loop.
    rangefunc: Option<std::rc::Rc<rangefunc::RangeFuncCtx>>,
    /// Range-over-func loops compiled so far (for names and hidden ids).
    ranges: u32,
}

/// A package variable's initializer, compiled into its own function: one
/// per `var` spec, or per variable when each has its own value.
struct InitChunk {
    pkg: u32,
    fid: u32,
    /// The variables it initializes (global indices).
    globals: Vec<u32>,
}

/// A package-level declaration as the initialization order sees it.
#[derive(Clone)]
struct DeclSite {
    pkg: u32,
    name: String,
    span: Span,
}

struct Compiler<'a> {
    types: Types,
    funcs: Vec<Option<FuncCode>>,
    globals: Vec<GlobalInfo>,
    packages: Vec<Package>,
    diags: Vec<Diagnostic>,
    method_names: Vec<String>,
    method_name_ids: HashMap<String, u32>,
    methods: MethodTable,
    natives: Vec<Native>,
    native_ids: HashMap<Native, u32>,
    /// The package being compiled.
    cur_pkg: u32,
    sources: Vec<&'a str>,
    fns: Vec<FnCtx>,
    boxed: HashSet<String>,
    /// A capture of an unboxed variable was found: recompile with it boxed.
    retry_boxed: Option<String>,
    /// `Types::holds_handles`, remembered per type.
    holds_handles: HashMap<TypeId, bool>,
    /// Names in `boxed` only as roots of places or method calls: a
    /// variable of one of them needs no cell if it is a pointer, slice or
    /// map (see `boxing`).
    unboxable: HashSet<String>,
    /// The package variables' initializers, in source order.
    init_chunks: Vec<InitChunk>,
    /// Where each package variable is declared (by global index).
    global_sites: Vec<DeclSite>,
    /// Declared functions and methods (not literals): fid -> where.
    func_sites: HashMap<u32, DeclSite>,

    universe: HashMap<String, Sym>,
    /// Bodies to compile after all signatures are known.
    pending: Vec<PendingFunc<'a>>,
    library_mode: bool,
    iota: Option<i128>,
    /// The capture sources of the closure compiled last.
    last_capture_sources: Option<Vec<u32>>,
    /// Go 1.22+ loop variables (one per iteration).
    loopvar_per_iteration: bool,
    /// The release compiled for (for `appendstack`).
    go_version: GoVersion,
    /// The stack-buffer plan of the top-level function being compiled.
    append_plan: HashMap<String, appendstack::VarPlan>,
    /// Hidden slots of that function: each planned variable's buffer once
    /// taken (nil before), so an empty slice takes it once per call.
    append_bufs: HashMap<String, u32>,
    /// `appendstack::non_leaking_params` of the user's file.
    keeps_nothing: HashSet<(String, usize)>,
    generic_funcs: Vec<instantiate::GenericFunc<'a>>,
    generic_types: Vec<instantiate::GenericType<'a>>,
    /// Instantiations whose constraints are checked once every
    /// constraint is known (those met while type bodies are resolved).
    verify_later: Option<Vec<instantiate::Verification>>,
    /// A generic body is being checked with its type parameters: the code
    /// is discarded, so closures are not kept.
    checking_generic: bool,
    /// The type being resolved is a constraint, where interfaces with type
    /// sets may appear (see `resolve_type`).
    in_constraint: bool,
    /// Instantiations in progress, against instantiation cycles.
    instance_depth: u32,
    /// Go 1.23+ range-over-func loops.
    range_over_func: bool,
    /// Where each package-level function's signature is written (for
    /// messages, which show parameter names).
    func_sigs: Vec<(u32, Span)>,
    /// Every package's `func init()`, in package then source order.
    init_fids: Vec<u32>,
    /// The type wanted for the expression about to be compiled (see
    /// `expr_for`); taken by `expr` on entry.
    shift_ctx: Option<TypeId>,
    /// Operands of the current statement evaluated ahead of it (order.rs).
    hoisted: Vec<order::Hoisted>,
    /// Methods refused as unsupported (reported once, at the declaration;
    /// their uses stay quiet).
    refused_methods: Vec<String>,
    /// How type parameters flow into instantiations (instantiate.rs).
    mono_edges: Vec<instantiate::MonoEdge>,
}

struct PendingFunc<'a> {
    /// Where the code goes; `NO_FUNC` for a generic body that is only checked.
    fid: u32,
    pkg: u32,
    decl: &'a ast::FuncDecl,
    recv_ty: Option<TypeId>,
    sig_ty: TypeId,
    name: String,
    /// Type parameter names bound for this body: to type parameters (a
    /// generic body being checked) or to type arguments (an instance).
    binds: Vec<(String, TypeId)>,
    /// The generic function or type this body instantiates or checks.
    origin: Option<Origin>,
}

/// The function id of code that is never run (generic bodies compiled only
/// to be checked, and calls inside them).
const NO_FUNC: u32 = u32::MAX;

/// The result of checking (and emitting) an expression.
#[derive(Clone, Debug)]
struct Operand {
    mode: Mode,
    ty: TypeId,
    span: Span,
}

#[derive(Clone, Debug)]
enum Mode {
    /// Nothing could be computed (an error was reported).
    Invalid,
    /// A value was pushed.
    Value,
    /// A constant: nothing was pushed yet (see `Compiler::materialize`).
    Const(ConstVal),
    /// The expression names a type.
    Type,
    /// A call with no results.
    Void,
    /// Several values were pushed (a multi-result call); `ty` is a tuple.
    Multi,
    Builtin(Builtin),
    /// A package name (only valid before a selector).
    Package,
}

impl Operand {
    fn invalid(span: Span) -> Operand {
        Operand {
            mode: Mode::Invalid,
            ty: wk::INVALID,
            span,
        }
    }
    fn value(ty: TypeId, span: Span) -> Operand {
        Operand {
            mode: Mode::Value,
            ty,
            span,
        }
    }
    /// The result of a call with no results.
    fn void(span: Span) -> Operand {
        Operand {
            mode: Mode::Void,
            ty: wk::EMPTY_TUPLE,
            span,
        }
    }
    fn is_invalid(&self) -> bool {
        matches!(self.mode, Mode::Invalid)
    }
}

/// Compiles the user's package (path `main`) with the library packages it
/// imports. On success returns the program; otherwise the diagnostics for
/// the user's file.
/// Errors the checker records: `go build` stops at the tenth it finds.
pub const MAX_ERRORS: usize = 10;

pub fn compile_program(
    user: &ast::File,
    user_text: &str,
    library: &[(String, ast::File, String)],
    go_version: GoVersion,
) -> Result<Program, Vec<Diagnostic>> {
    let mut c = Compiler::new();
    c.loopvar_per_iteration = go_version.loopvar_per_iteration();
    c.go_version = go_version;
    if go_version.append_stack_buffer() {
        c.keeps_nothing = appendstack::non_leaking_params(user);
    }
    c.range_over_func = go_version.range_over_func();
    let mut sources: Vec<PackageSource> = library
        .iter()
        .map(|(path, file, text)| PackageSource {
            path,
            file,
            library: true,
            text,
        })
        .collect();
    sources.push(PackageSource {
        path: "main",
        file: user,
        library: false,
        text: user_text,
    });
    c.compile_all(&sources);
    if !c.diags.is_empty() {
        let mut d = std::mem::take(&mut c.diags);
        crate::util::order::sort_by_key(&mut d, |d| d.span.lo);
        d.dedup();
        // cmd/compile keeps one of equal messages on a line.
        let index = crate::syntax::span::LineIndex::new(user_text);
        let mut last: Option<(u32, String)> = None;
        d.retain(|x| {
            let line = index.line(x.span.lo);
            let dup = last
                .as_ref()
                .is_some_and(|(l, m)| *l == line && *m == x.message);
            last = Some((line, x.message.clone()));
            !dup
        });
        return Err(d);
    }
    Ok(c.finish(user_text))
}

impl<'a> Compiler<'a> {
    fn new() -> Compiler<'a> {
        let mut types = Types::new();
        let error_type = universe::make_error_type(&mut types);
        let comparable = universe::make_comparable_type(&mut types);
        let mut c = Compiler {
            types,
            funcs: Vec::new(),
            globals: Vec::new(),
            packages: Vec::new(),
            diags: Vec::new(),
            method_names: Vec::new(),
            method_name_ids: HashMap::default(),
            methods: MethodTable::default(),
            natives: Vec::new(),
            native_ids: HashMap::default(),
            cur_pkg: 0,
            sources: Vec::new(),
            fns: Vec::new(),
            boxed: HashSet::default(),
            retry_boxed: None,
            holds_handles: HashMap::default(),
            unboxable: HashSet::default(),
            init_chunks: Vec::new(),
            global_sites: Vec::new(),
            func_sites: HashMap::default(),

            universe: HashMap::default(),
            pending: Vec::new(),
            library_mode: false,
            iota: None,
            last_capture_sources: None,
            loopvar_per_iteration: true,
            go_version: GoVersion::CURRENT,
            append_plan: HashMap::default(),
            append_bufs: HashMap::default(),
            keeps_nothing: HashSet::default(),
            generic_funcs: Vec::new(),
            generic_types: Vec::new(),
            verify_later: Some(Vec::new()),
            checking_generic: false,
            in_constraint: false,
            instance_depth: 0,
            range_over_func: true,
            func_sigs: Vec::new(),
            init_fids: Vec::new(),
            shift_ctx: None,
            hoisted: Vec::new(),
            refused_methods: Vec::new(),
            mono_edges: Vec::new(),
        };
        // runtime.Error: the dynamic type of run-time panics.
        let rt = c.types.new_named("runtime.Error", wk::STRING);
        let nid = c.native_id(Native::RuntimeErrorString);
        let sig = c.types.func(vec![], vec![wk::STRING], false);
        if let Some(n) = c.types.named_info_mut(rt) {
            n.methods.push(Method {
                name: "Error".into(),
                pointer_recv: false,
                sig,
                target: MethodTarget::Native(nid),
            });
        }
        let mid = c.method_name_id("Error");
        c.methods.entries.insert(
            (rt, mid),
            MethodEntry {
                target: MethodTarget::Native(nid),
                sig,
                recv: RecvAdjust::None,
            },
        );
        // RuntimeError(): what package runtime's Error interface asks for.
        let marker = c.native_id(Native::RuntimeErrorMarker);
        let marker_sig = c.types.func(vec![], vec![], false);
        if let Some(n) = c.types.named_info_mut(rt) {
            n.methods.push(Method {
                name: "RuntimeError".into(),
                pointer_recv: false,
                sig: marker_sig,
                target: MethodTarget::Native(marker),
            });
        }
        let marker_mid = c.method_name_id("RuntimeError");
        c.methods.entries.insert(
            (rt, marker_mid),
            MethodEntry {
                target: MethodTarget::Native(marker),
                sig: marker_sig,
                recv: RecvAdjust::None,
            },
        );
        c.universe = universe::universe(error_type, comparable);
        c
    }

    fn method_name_id(&mut self, name: &str) -> u32 {
        if let Some(&id) = self.method_name_ids.get(name) {
            return id;
        }
        let id = self.method_names.len() as u32;
        self.method_names.push(name.to_string());
        self.method_name_ids.insert(name.to_string(), id);
        id
    }

    fn native_id(&mut self, n: Native) -> u32 {
        if let Some(&id) = self.native_ids.get(&n) {
            return id;
        }
        let id = self.natives.len() as u32;
        self.natives.push(n);
        self.native_ids.insert(n, id);
        id
    }

    /// An error with Go's follow-up lines (`\tA refers to B`), each at its
    /// own place.
    fn error_with_notes(&mut self, span: Span, msg: impl Into<String>, notes: Vec<(Span, String)>) {
        let before = self.diags.len();
        self.error(span, msg);
        if self.diags.len() > before {
            if let Some(d) = self.diags.last_mut() {
                d.notes = notes;
            }
        }
    }

    fn error(&mut self, span: Span, msg: impl Into<String>) {
        let msg = msg.into();
        if self.library_mode {
            // A prelude bug: surface it loudly but keep going.
            self.diags.push(Diagnostic::new(
                Span::default(),
                format!("internal error in gosim's library: {}", msg),
            ));
            return;
        }
        if self
            .diags
            .iter()
            .any(|d| d.span == span && d.message == msg)
        {
            return;
        }
        // go/types' "cheap trick": an error about an invalid operand or
        // type follows from an earlier one and adds nothing.
        let follow_on = msg.find("invalid operand").is_some_and(|i| i > 0)
            || msg.find("invalid type").is_some_and(|i| i > 0);
        if follow_on && !self.diags.is_empty() {
            return;
        }
        // go build stops at the tenth error it finds (and lists those ten
        // by position); the rest would never be shown.
        if self.diags.len() >= MAX_ERRORS {
            return;
        }
        self.diags.push(Diagnostic::new(span, msg));
    }

    /// A type as `go build` spells it in messages.
    fn tn(&self, t: TypeId) -> String {
        self.types.msg_name(t)
    }

    /// The source text of a span in the current package (for messages).
    fn text(&self, span: Span) -> String {
        let src = self
            .sources
            .get(self.cur_pkg as usize)
            .copied()
            .unwrap_or("");
        src.get(span.lo as usize..span.hi as usize)
            .unwrap_or("")
            .to_string()
    }

    // ---- emission ----

    fn fnc(&mut self) -> &mut FnCtx {
        self.fns
            .last_mut()
            .expect("emission happens inside a function context")
    }

    fn emit(&mut self, op: Op) -> usize {
        let span = self.fns.last().map(|f| f.cur_span).unwrap_or_default();
        let f = self.fnc();
        f.code.push(op);
        f.spans.push(span);
        f.code.len() - 1
    }

    fn here(&self) -> usize {
        self.fns.last().map(|f| f.code.len()).unwrap_or(0)
    }

    fn patch(&mut self, at: usize, target: usize) {
        let t = target as u32;
        if let Some(Op::Jump(x) | Op::JumpIfFalse(x) | Op::JumpIfTrue(x)) =
            self.fnc().code.get_mut(at)
        {
            *x = t;
        }
    }

    fn set_span(&mut self, span: Span) -> Span {
        let f = self.fnc();
        std::mem::replace(&mut f.cur_span, span)
    }

    fn new_slot(&mut self) -> u32 {
        let f = self.fnc();
        let s = f.nlocals;
        f.nlocals += 1;
        s
    }

    fn push_scope(&mut self) {
        self.fnc().scopes.push(HashMap::default());
    }

    /// Pops a scope, reporting `declared and not used` for its locals.
    fn pop_scope(&mut self) {
        let scope = self.fnc().scopes.pop().unwrap_or_default();
        let mut unused: Vec<(Span, String)> = scope
            .into_iter()
            .filter_map(|(name, sym)| match sym {
                Sym::Local {
                    used: false, span, ..
                } if name != "_" => Some((span, name)),
                _ => None,
            })
            .collect();
        crate::util::order::sort(&mut unused);
        for (span, name) in unused {
            errorf!(self, span, "declared and not used: {}", name);
        }
    }

    /// Whether the innermost local called `name` has been used so far.
    fn peek_used(&self, name: &str) -> Option<bool> {
        let f = self.fns.last()?;
        for s in f.scopes.iter().rev() {
            if let Some(Sym::Local { used, .. }) = s.get(name) {
                return Some(*used);
            }
        }
        None
    }

    /// Forgets a use of the innermost local `name`: assigning to a variable
    /// does not count as using it.
    fn unmark_used(&mut self, name: &str) {
        if let Some(f) = self.fns.last_mut() {
            for s in f.scopes.iter_mut().rev() {
                if let Some(Sym::Local { used, .. }) = s.get_mut(name) {
                    *used = false;
                    return;
                }
            }
        }
    }

    /// Marks a local of the innermost scope used (parameters, and names Go
    /// does not report as unused).
    fn mark_used(&mut self, name: &str) {
        if let Some(Sym::Local { used, .. }) =
            self.fnc().scopes.last_mut().and_then(|s| s.get_mut(name))
        {
            *used = true;
        }
    }

    /// Declares a local variable and returns its slot. A boxed variable's
    /// slot holds a pointer to its cell.
    fn declare_local(&mut self, name: &str, ty: TypeId, span: Span) -> (u32, bool) {
        let slot = self.new_slot();
        let boxed = self.boxed.contains(name)
            && !(self.unboxable.contains(name)
                && matches!(
                    self.types.ukind(ty),
                    crate::types::TypeKind::Pointer(_)
                        | crate::types::TypeKind::Slice(_)
                        | crate::types::TypeKind::Map(..)
                ));
        if name != "_" {
            let f = self.fnc();
            f.locals.push(LocalInfo {
                name: name.to_string(),
                slot,
                boxed,
                ty,
                scope: span,
            });
            f.scopes
                .last_mut()
                .expect("a function always has a scope")
                .insert(
                    name.to_string(),
                    Sym::Local {
                        slot,
                        ty,
                        boxed,
                        used: false,
                        span,
                    },
                );
        }
        (slot, boxed)
    }

    /// Emits the store that initializes a freshly declared local from the
    /// value on top of the stack.
    fn init_local(&mut self, slot: u32, boxed: bool) {
        if boxed {
            self.emit(Op::BoxInto(slot));
        } else {
            self.emit(Op::Store(slot));
        }
    }

    /// Looks a name up through block scopes, enclosing functions (capturing
    /// as needed), the package and the universe. Marks it used.
    fn lookup(&mut self, name: &str) -> Option<Sym> {
        let depth = self.fns.len();
        for fi in (0..depth).rev() {
            let found = {
                let f = &mut self.fns[fi];
                let mut hit = None;
                for scope in f.scopes.iter_mut().rev() {
                    if let Some(sym) = scope.get_mut(name) {
                        if let Sym::Local { used, .. } = sym {
                            *used = true;
                        }
                        hit = Some(sym.clone());
                        break;
                    }
                }
                if hit.is_none() {
                    if let Some((_, slot)) = f.captures.iter().find(|(n, _)| n == name) {
                        hit = Some(Sym::Local {
                            slot: *slot,
                            ty: wk::INVALID,
                            boxed: true,
                            used: true,
                            span: Span::default(),
                        });
                    }
                }
                hit
            };
            if let Some(sym) = found {
                if fi == depth - 1 {
                    if let Sym::Local {
                        ty: wk::INVALID,
                        slot,
                        ..
                    } = sym
                    {
                        // A capture entry: recover its type from the outer declaration.
                        let ty = self.capture_type(name, fi);
                        return Some(Sym::Local {
                            slot,
                            ty,
                            boxed: true,
                            used: true,
                            span: Span::default(),
                        });
                    }
                    return Some(sym);
                }
                match sym {
                    Sym::Local {
                        slot, ty, boxed, ..
                    } => {
                        let ty = if ty == wk::INVALID {
                            self.capture_type(name, fi)
                        } else {
                            ty
                        };
                        if !boxed {
                            self.retry_boxed = Some(name.to_string());
                            return Some(Sym::Local {
                                slot: 0,
                                ty,
                                boxed: true,
                                used: true,
                                span: Span::default(),
                            });
                        }
                        // Thread the capture through every function between.
                        let mut src_slot = slot;
                        for fj in fi + 1..depth {
                            let existing = self.fns[fj]
                                .captures
                                .iter()
                                .find(|(n, _)| n == name)
                                .map(|(_, s)| *s);
                            src_slot = match existing {
                                Some(s) => s,
                                None => {
                                    let f = &mut self.fns[fj];
                                    let s = f.nlocals;
                                    f.nlocals += 1;
                                    f.captures.push((name.to_string(), s));
                                    f.capture_sources.push(src_slot);
                                    f.locals.push(LocalInfo {
                                        name: name.to_string(),
                                        slot: s,
                                        boxed: true,
                                        ty,
                                        scope: Span {
                                            lo: 0,
                                            hi: u32::MAX,
                                        },
                                    });
                                    s
                                }
                            };
                        }
                        return Some(Sym::Local {
                            slot: src_slot,
                            ty,
                            boxed: true,
                            used: true,
                            span: Span::default(),
                        });
                    }
                    other => return Some(other),
                }
            }
        }
        let pkg = self.cur_pkg as usize;
        if let Some(sym) = self
            .packages
            .get_mut(pkg)
            .and_then(|p| p.scope.get_mut(name))
        {
            if let Sym::Package { used, .. } = sym {
                *used = true;
            }
            return Some(sym.clone());
        }
        self.universe.get(name).cloned()
    }

    fn capture_type(&self, name: &str, fi: usize) -> TypeId {
        for f in self.fns[..=fi].iter().rev() {
            for scope in f.scopes.iter().rev() {
                if let Some(Sym::Local { ty, .. }) = scope.get(name) {
                    if *ty != wk::INVALID {
                        return *ty;
                    }
                }
            }
            if let Some(l) = f
                .locals
                .iter()
                .rev()
                .find(|l| l.name == name && l.ty != wk::INVALID)
            {
                return l.ty;
            }
        }
        wk::INVALID
    }

    /// Emits a load of a variable symbol.
    fn load_sym(&mut self, sym: &Sym) {
        match sym {
            Sym::Local {
                slot, boxed: true, ..
            } => {
                self.emit(Op::LoadBoxed(*slot));
            }
            Sym::Local { slot, .. } => {
                self.emit(Op::Load(*slot));
            }
            Sym::Global { idx, .. } => {
                self.emit(Op::LoadGlobal(*idx));
            }
            _ => {}
        }
    }

    fn finish(mut self, user_text: &str) -> Program {
        let paths = self.promote_methods();
        let funcs: Vec<FuncCode> = self
            .funcs
            .into_iter()
            .map(|f| {
                f.unwrap_or(FuncCode {
                    name: "<missing>".into(),
                    code: vec![Op::MissingReturn],
                    spans: vec![Span::default()],
                    nparams: 0,
                    capture_slots: vec![],
                    nlocals: 0,
                    result_slots: vec![],
                    boxed_results: vec![],
                    boxed_params: vec![],
                    locals: vec![],
                    span: Span::default(),
                    library: true,
                })
            })
            .collect();
        let entry = funcs.len() as u32 - 1;
        Program {
            types: self.types,
            funcs,
            globals: self.globals,
            entry,
            method_names: self.method_names,
            methods: self.methods,
            paths,
            natives: self.natives,
            source: user_text.to_string(),
            imports_os: self
                .packages
                .iter()
                .any(|p| matches!(p.path.as_str(), "fmt" | "os" | "log" | "net")),
        }
    }
}
