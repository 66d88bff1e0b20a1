//! The syntax tree of the Go subset gosim accepts.
//!
//! Owns only the shape of parsed programs: no name resolution, no types, no
//! evaluation. As in `go/ast`, types are expressions (`[]int`, `map[K]V`,
//! `chan T`, `*T`, `func(..)`, `struct{..}`), because Go's grammar cannot tell
//! `T(x)` (a conversion) from `f(x)` (a call) without name resolution; the
//! checker decides which is which.

use super::span::Span;
use std::rc::Rc;

/// A name with where it was written.
#[derive(Clone, Debug, PartialEq)]
pub struct Ident {
    pub name: String,
    pub span: Span,
}

/// A whole source file.
#[derive(Clone, Debug, PartialEq)]
pub struct File {
    pub package: Ident,
    pub imports: Vec<Import>,
    pub decls: Vec<Decl>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Import {
    /// `import f "fmt"` gives `Some(f)`; `import _ "x"` gives `Some(_)`.
    pub alias: Option<Ident>,
    /// The unquoted path, e.g. `sync/atomic`.
    pub path: String,
    pub span: Span,
}

// A function declaration is larger than a `var` group, and there are few of
// either: boxing would only add indirection.
#[allow(clippy::large_enum_variant)]
#[derive(Clone, Debug, PartialEq)]
pub enum Decl {
    Func(FuncDecl),
    /// A `var`, `const` or `type` declaration at package level.
    Gen(GenDecl),
}

#[derive(Clone, Debug, PartialEq)]
pub struct FuncDecl {
    pub recv: Option<Field>,
    pub name: Ident,
    /// `[K comparable, V any]`: one field per group, the constraint as its
    /// type. Empty for a non-generic function.
    pub tparams: Vec<Field>,
    pub sig: FuncType,
    /// `None` for a body-less declaration (refused by the checker).
    pub body: Option<Block>,
    pub span: Span,
}

/// `var`, `const` and `type` declarations, at package level or in a block.
#[derive(Clone, Debug, PartialEq)]
pub enum GenDecl {
    Var(Vec<ValueSpec>),
    /// Const specs carry their `iota` index; an omitted expression list repeats
    /// the previous spec's (already filled in by the parser, with `implicit`).
    Const(Vec<ConstSpec>),
    /// Shared so that a generic type declared in a function body can
    /// outlive the borrow of the body that compiles it.
    Type(Vec<Rc<TypeSpec>>),
}

#[derive(Clone, Debug, PartialEq)]
pub struct ValueSpec {
    pub names: Vec<Ident>,
    pub ty: Option<Expr>,
    pub values: Vec<Expr>,
    pub span: Span,
}

#[derive(Clone, Debug, PartialEq)]
pub struct ConstSpec {
    pub names: Vec<Ident>,
    // Shared, not copied, by the implicit specs that repeat them: copying
    // would keep a deep Clone of the whole AST in the wasm.
    pub ty: Option<Rc<Expr>>,
    pub values: Rc<Vec<Expr>>,
    /// The value of `iota` in this spec (its index in the group).
    pub iota: u32,
    /// True when the spec had no `= values` and repeats the previous one.
    pub implicit: bool,
    pub span: Span,
}

#[derive(Clone, Debug, PartialEq)]
pub struct TypeSpec {
    pub name: Ident,
    /// Type parameters of a generic type (`type List[T any] ...`).
    pub tparams: Vec<Field>,
    /// `type A = B` (an alias) rather than `type A B`.
    pub alias: bool,
    pub ty: Expr,
    pub span: Span,
}

/// A parameter, result, struct field or receiver: `a, b int`, `int`, `*T`.
#[derive(Clone, Debug, PartialEq)]
pub struct Field {
    /// Empty for an unnamed parameter or an embedded struct field.
    pub names: Vec<Ident>,
    pub ty: Expr,
    /// `...T` in the last parameter.
    pub variadic: bool,
    pub span: Span,
}

#[derive(Clone, Debug, PartialEq)]
pub struct FuncType {
    pub params: Vec<Field>,
    pub results: Vec<Field>,
    pub span: Span,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Block {
    pub stmts: Vec<Stmt>,
    /// From `{` to `}` inclusive.
    pub span: Span,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Stmt {
    pub kind: StmtKind,
    pub span: Span,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AssignOp {
    /// `=`
    Assign,
    /// `:=`
    Define,
    /// `+=`, `<<=`, ... carrying the arithmetic operator.
    Op(BinaryOp),
}

#[derive(Clone, Debug, PartialEq)]
pub enum StmtKind {
    Empty,
    Expr(Expr),
    /// `ch <- v`
    Send {
        chan: Expr,
        value: Expr,
    },
    /// `x++` / `x--`
    IncDec {
        target: Expr,
        inc: bool,
    },
    Assign {
        lhs: Vec<Expr>,
        op: AssignOp,
        rhs: Vec<Expr>,
    },
    Decl(GenDecl),
    Go(Expr),
    Defer(Expr),
    Return(Vec<Expr>),
    Break(Option<Ident>),
    Continue(Option<Ident>),
    Fallthrough,
    Block(Block),
    If {
        init: Option<Box<Stmt>>,
        cond: Expr,
        then: Block,
        /// Either an `If` statement or a `Block`.
        els: Option<Box<Stmt>>,
    },
    Switch {
        init: Option<Box<Stmt>>,
        tag: Option<Expr>,
        cases: Vec<CaseClause>,
    },
    /// `switch [init;] [v :=] x.(type) { ... }`
    TypeSwitch {
        init: Option<Box<Stmt>>,
        bind: Option<Ident>,
        subject: Expr,
        cases: Vec<TypeCaseClause>,
    },
    Select {
        cases: Vec<CommClause>,
    },
    /// `for init; cond; post {}`, `for cond {}` and `for {}`.
    For {
        init: Option<Box<Stmt>>,
        cond: Option<Expr>,
        post: Option<Box<Stmt>>,
        body: Block,
    },
    /// `for [k[, v] (=|:=)] range x {}`
    Range {
        key: Option<Expr>,
        value: Option<Expr>,
        /// `:=` rather than `=`.
        define: bool,
        subject: Expr,
        body: Block,
    },
    Labeled {
        label: Ident,
        stmt: Box<Stmt>,
    },
    Goto(Ident),
}

#[derive(Clone, Debug, PartialEq)]
pub struct CaseClause {
    /// `None` for `default:`.
    pub exprs: Option<Vec<Expr>>,
    pub body: Vec<Stmt>,
    /// The `case ...:` / `default:` header.
    pub span: Span,
}

#[derive(Clone, Debug, PartialEq)]
pub struct TypeCaseClause {
    /// `None` for `default:`. Entries are type expressions or the identifier `nil`.
    pub types: Option<Vec<Expr>>,
    pub body: Vec<Stmt>,
    pub span: Span,
}

#[derive(Clone, Debug, PartialEq)]
pub struct CommClause {
    /// `None` for `default:`; otherwise a `Send` statement, an `Expr`
    /// statement holding a receive, or an `Assign` (`=` or `:=`) whose single
    /// right-hand side is a receive.
    pub comm: Option<Box<Stmt>>,
    pub body: Vec<Stmt>,
    pub span: Span,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Expr {
    pub kind: ExprKind,
    pub span: Span,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum UnaryOp {
    /// `-x`
    Neg,
    /// `+x`
    Plus,
    /// `!x`
    Not,
    /// `^x`
    BitNot,
    /// `&x`
    Addr,
    /// `<-x`
    Recv,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BinaryOp {
    Add,
    Sub,
    Mul,
    Div,
    Rem,
    And,
    Or,
    Xor,
    Shl,
    Shr,
    AndNot,
    LogAnd,
    LogOr,
    Eq,
    Ne,
    Lt,
    Le,
    Gt,
    Ge,
}

impl BinaryOp {
    /// The operator as Go spells it, for messages.
    pub fn as_str(self) -> &'static str {
        match self {
            BinaryOp::Add => "+",
            BinaryOp::Sub => "-",
            BinaryOp::Mul => "*",
            BinaryOp::Div => "/",
            BinaryOp::Rem => "%",
            BinaryOp::And => "&",
            BinaryOp::Or => "|",
            BinaryOp::Xor => "^",
            BinaryOp::Shl => "<<",
            BinaryOp::Shr => ">>",
            BinaryOp::AndNot => "&^",
            BinaryOp::LogAnd => "&&",
            BinaryOp::LogOr => "||",
            BinaryOp::Eq => "==",
            BinaryOp::Ne => "!=",
            BinaryOp::Lt => "<",
            BinaryOp::Le => "<=",
            BinaryOp::Gt => ">",
            BinaryOp::Ge => ">=",
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ChanDir {
    Both,
    /// `chan<- T`
    Send,
    /// `<-chan T`
    Recv,
}

#[derive(Clone, Debug, PartialEq)]
pub enum Lit {
    /// Integer literals of any base, already decoded (`1_000`, `0x1F`, `0o7`, `0b1`).
    Int(u128),
    Float(f64),
    /// A rune literal, already unescaped.
    Rune(char),
    /// An interpreted or raw string literal, already unescaped. Go strings are
    /// bytes; `\xff`-style escapes that are not valid UTF-8 are kept as bytes.
    Str(Vec<u8>),
}

/// One element of a composite literal: `v`, `k: v`, or `{...}` with the type elided.
#[derive(Clone, Debug, PartialEq)]
pub struct Element {
    pub key: Option<Expr>,
    pub value: Expr,
}

#[derive(Clone, Debug, PartialEq)]
pub enum ExprKind {
    Ident(Ident),
    Lit(Lit),
    /// `T{...}`; `ty` is `None` inside an outer literal where Go lets the type be elided.
    Composite {
        ty: Option<Box<Expr>>,
        elems: Vec<Element>,
        /// The closing brace, for "missing ',' before newline" style messages.
        rbrace: Span,
    },
    FuncLit {
        sig: FuncType,
        body: Block,
    },
    Paren(Box<Expr>),
    /// `x.sel`: a field, a method, or a package member (`fmt.Println`).
    Selector(Box<Expr>, Ident),
    /// `x[i]`: an index, or an instantiation with one type argument
    /// (`F[int]`, `List[T]`); the checker decides.
    Index(Box<Expr>, Box<Expr>),
    /// `x[A, B]`: an instantiation with several type arguments.
    IndexList(Box<Expr>, Vec<Expr>),
    /// `x[lo:hi]` and `x[lo:hi:max]`
    Slice {
        x: Box<Expr>,
        lo: Option<Box<Expr>>,
        hi: Option<Box<Expr>>,
        max: Option<Box<Expr>>,
    },
    /// `x.(T)`; `ty` is `None` for `x.(type)` (only valid in a type switch).
    TypeAssert(Box<Expr>, Option<Box<Expr>>),
    Call {
        func: Box<Expr>,
        args: Vec<Expr>,
        /// `f(xs...)`
        spread: bool,
    },
    /// `*x`: a dereference or a pointer type, decided by the checker.
    Star(Box<Expr>),
    Unary(UnaryOp, Box<Expr>),
    Binary(BinaryOp, Box<Expr>, Box<Expr>),

    // Type syntax that cannot be anything else.
    /// `[N]T` (`len: Some`), `[...]T` (`len: None, ellipsis: true`) or `[]T`.
    ArrayType {
        len: Option<Box<Expr>>,
        ellipsis: bool,
        elem: Box<Expr>,
    },
    MapType(Box<Expr>, Box<Expr>),
    ChanType(ChanDir, Box<Expr>),
    FuncType(FuncType),
    StructType(Vec<Field>),
    /// Methods, embedded interfaces and type-set terms.
    InterfaceType(Vec<InterfaceElem>),
    /// A constraint's terms, `~int | ~float64` (at least two terms, or one
    /// with a tilde); only in interfaces and type parameter lists.
    Union(Vec<Term>),
}

/// One term of a union: `~T` or `T`.
#[derive(Clone, Debug, PartialEq)]
pub struct Term {
    pub tilde: bool,
    pub ty: Expr,
}

#[derive(Clone, Debug, PartialEq)]
pub enum InterfaceElem {
    Method { name: Ident, sig: FuncType },
    Embedded(Expr),
}
