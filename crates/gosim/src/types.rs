//! Go's static types as the checker and the VM see them.
//!
//! Owns type identity (interning into [`TypeId`]s), Go's spelling of types for
//! messages and `%T`, and the underlying-type/method-set queries the checker
//! asks. Knows nothing about syntax or runtime values.

use crate::util::fasthash::HashMap;

/// An interned type. Two types are identical exactly when their ids are equal.
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize,
)]
pub struct TypeId(pub u32);

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub enum IntKind {
    Int,
    Int8,
    Int16,
    Int32,
    Int64,
    Uint,
    Uint8,
    Uint16,
    Uint32,
    Uint64,
    Uintptr,
}

impl IntKind {
    pub fn bits(self) -> u32 {
        match self {
            IntKind::Int8 | IntKind::Uint8 => 8,
            IntKind::Int16 | IntKind::Uint16 => 16,
            IntKind::Int32 | IntKind::Uint32 => 32,
            _ => 64,
        }
    }
    pub fn signed(self) -> bool {
        matches!(
            self,
            IntKind::Int | IntKind::Int8 | IntKind::Int16 | IntKind::Int32 | IntKind::Int64
        )
    }
    pub fn name(self) -> &'static str {
        match self {
            IntKind::Int => "int",
            IntKind::Int8 => "int8",
            IntKind::Int16 => "int16",
            IntKind::Int32 => "int32",
            IntKind::Int64 => "int64",
            IntKind::Uint => "uint",
            IntKind::Uint8 => "uint8",
            IntKind::Uint16 => "uint16",
            IntKind::Uint32 => "uint32",
            IntKind::Uint64 => "uint64",
            IntKind::Uintptr => "uintptr",
        }
    }
    /// Wraps a 64-bit pattern to this kind's width, sign- or zero-extending.
    pub fn wrap(self, v: i64) -> i64 {
        match self {
            IntKind::Int8 => v as i8 as i64,
            IntKind::Int16 => v as i16 as i64,
            IntKind::Int32 => v as i32 as i64,
            IntKind::Uint8 => v as u8 as i64,
            IntKind::Uint16 => v as u16 as i64,
            IntKind::Uint32 => v as u32 as i64,
            _ => v,
        }
    }
    /// Whether the mathematical integer `v` fits this kind.
    pub fn fits(self, v: i128) -> bool {
        let bits = self.bits();
        if self.signed() {
            let lo = -(1i128 << (bits - 1));
            let hi = (1i128 << (bits - 1)) - 1;
            v >= lo && v <= hi
        } else {
            v >= 0 && v <= ((1i128 << bits) - 1)
        }
    }
}

/// Untyped constant kinds (Go spec "Constants").
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub enum UntypedKind {
    Bool,
    Int,
    Rune,
    Float,
    String,
    Nil,
}

/// The library objects gosim implements natively, seen by programs as named
/// struct types with unexported fields (zero values are ready to use).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub enum OpaqueKind {
    Mutex,
    RWMutex,
    WaitGroup,
    Once,
    Cond,
    SyncMap,
    AtomicInt32,
    AtomicInt64,
    AtomicUint32,
    AtomicUint64,
    AtomicBool,
    AtomicValue,
    Time,
    Timer,
    Ticker,
    /// A context implementation (the Context interface's dynamic type).
    Context,
    /// errors.New's *errorString and fmt.Errorf's wrapError.
    ErrorString,
    StringsBuilder,
}

#[derive(Clone, Debug, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub struct Field {
    pub name: String,
    pub ty: TypeId,
    pub embedded: bool,
}

#[derive(Clone, Debug, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub struct Signature {
    pub params: Vec<TypeId>,
    pub results: Vec<TypeId>,
    pub variadic: bool,
}

#[derive(Clone, Debug, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub struct IfaceMethod {
    pub name: String,
    pub sig: TypeId,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub enum ChanDir {
    Both,
    Send,
    Recv,
}

#[derive(Clone, Debug, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub enum TypeKind {
    Invalid,
    Bool,
    Int(IntKind),
    Float64,
    Float32,
    String,
    Untyped(UntypedKind),
    Pointer(TypeId),
    Slice(TypeId),
    Array(u64, TypeId),
    Map(TypeId, TypeId),
    Chan(ChanDir, TypeId),
    Func(Signature),
    Struct(Vec<Field>),
    /// Methods sorted by name.
    Interface(Vec<IfaceMethod>),
    /// A multi-value result.
    Tuple(Vec<TypeId>),
    /// A defined type: index into [`Types::named`].
    Named(u32),
    /// A type parameter: index into [`Types::tparams`]. Only generic
    /// bodies are checked with these; code is generated per instance.
    TypeParam(u32),
    /// An interface that restricts types (`~int | ~float64`, `comparable`),
    /// usable only as a constraint.
    Constraint(TypeSet),
    Opaque(OpaqueKind),
    /// `unsafe.Pointer`-free placeholder for the type of a package name.
    Package,
}

/// The types a constraint admits (go/types' `_TypeSet`): the methods they
/// must have, the terms they must match (`None`: every type) and whether
/// they must be comparable.
#[derive(Clone, Debug, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub struct TypeSet {
    /// Sorted by name.
    pub methods: Vec<IfaceMethod>,
    pub terms: Option<Vec<Term>>,
    pub comparable: bool,
    /// A bare union in a type parameter list (`[T ~int | ~uint]`): Go
    /// prints it without `interface{...}`.
    pub implicit: bool,
}

/// One term of a type set: `T` (exactly T) or `~T` (every type whose
/// underlying type is T).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub struct Term {
    pub tilde: bool,
    pub ty: TypeId,
}

/// A type parameter: its name, its constraint (an interface, a
/// `Constraint`, or a type meaning the one-term set) and its core type.
#[derive(Clone, Debug, serde::Serialize, serde::Deserialize)]
pub struct TypeParamInfo {
    pub name: String,
    pub constraint: TypeId,
    /// The underlying type every type in the set shares, if any (go/types'
    /// `coreType`): what indexing, ranging, `make` and literals use.
    pub core: Option<TypeId>,
}

/// A method attached to a named type.
#[derive(Clone, Debug, serde::Serialize, serde::Deserialize)]
pub struct Method {
    pub name: String,
    pub pointer_recv: bool,
    pub sig: TypeId,
    /// What the VM calls: a compiled function or a native.
    pub target: MethodTarget,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum MethodTarget {
    Func(u32),
    Native(u32),
}

#[derive(Clone, Debug, serde::Serialize, serde::Deserialize)]
pub struct Named {
    /// `main.T`, `sync.Mutex`, `time.Duration`, `error`; a generic type's
    /// instance has its origin's name here and its arguments in `targs`.
    pub qualified: String,
    /// The type arguments of an instance of a generic type.
    pub targs: Vec<TypeId>,
    pub underlying: TypeId,
    pub methods: Vec<Method>,
}

/// The type universe of one program.
#[derive(Clone, Debug, Default, serde::Serialize, serde::Deserialize)]
pub struct Types {
    kinds: Vec<TypeKind>,
    /// Rebuilt from `kinds` when a program image is read
    /// ([`Types::reintern`]): an image need not carry it twice.
    #[serde(skip)]
    interned: HashMap<TypeKind, TypeId>,
    pub named: Vec<Named>,
    pub tparams: Vec<TypeParamInfo>,
}

/// Well-known type ids, fixed at construction.
pub mod well_known {
    use super::TypeId;
    pub const INVALID: TypeId = TypeId(0);
    pub const BOOL: TypeId = TypeId(1);
    pub const INT: TypeId = TypeId(2);
    pub const INT8: TypeId = TypeId(3);
    pub const INT16: TypeId = TypeId(4);
    pub const INT32: TypeId = TypeId(5);
    pub const INT64: TypeId = TypeId(6);
    pub const UINT: TypeId = TypeId(7);
    pub const UINT8: TypeId = TypeId(8);
    pub const UINT16: TypeId = TypeId(9);
    pub const UINT32: TypeId = TypeId(10);
    pub const UINT64: TypeId = TypeId(11);
    pub const UINTPTR: TypeId = TypeId(12);
    pub const FLOAT64: TypeId = TypeId(13);
    pub const FLOAT32: TypeId = TypeId(14);
    pub const STRING: TypeId = TypeId(15);
    pub const UNTYPED_BOOL: TypeId = TypeId(16);
    pub const UNTYPED_INT: TypeId = TypeId(17);
    pub const UNTYPED_RUNE: TypeId = TypeId(18);
    pub const UNTYPED_FLOAT: TypeId = TypeId(19);
    pub const UNTYPED_STRING: TypeId = TypeId(20);
    pub const UNTYPED_NIL: TypeId = TypeId(21);
    pub const EMPTY_IFACE: TypeId = TypeId(22);
    pub const EMPTY_TUPLE: TypeId = TypeId(23);
    pub const PACKAGE: TypeId = TypeId(24);
}

use well_known as wk;

impl Types {
    pub fn new() -> Types {
        let mut t = Types::default();
        let fixed = [
            TypeKind::Invalid,
            TypeKind::Bool,
            TypeKind::Int(IntKind::Int),
            TypeKind::Int(IntKind::Int8),
            TypeKind::Int(IntKind::Int16),
            TypeKind::Int(IntKind::Int32),
            TypeKind::Int(IntKind::Int64),
            TypeKind::Int(IntKind::Uint),
            TypeKind::Int(IntKind::Uint8),
            TypeKind::Int(IntKind::Uint16),
            TypeKind::Int(IntKind::Uint32),
            TypeKind::Int(IntKind::Uint64),
            TypeKind::Int(IntKind::Uintptr),
            TypeKind::Float64,
            TypeKind::Float32,
            TypeKind::String,
            TypeKind::Untyped(UntypedKind::Bool),
            TypeKind::Untyped(UntypedKind::Int),
            TypeKind::Untyped(UntypedKind::Rune),
            TypeKind::Untyped(UntypedKind::Float),
            TypeKind::Untyped(UntypedKind::String),
            TypeKind::Untyped(UntypedKind::Nil),
            TypeKind::Interface(Vec::new()),
            TypeKind::Tuple(Vec::new()),
            TypeKind::Package,
        ];
        for k in fixed {
            t.intern(k);
        }
        t
    }

    /// Rebuilds the interning table from the kinds, keeping each kind's
    /// first id, as interning them in order would have.
    pub(crate) fn reintern(&mut self) {
        self.interned.clear();
        for (i, kind) in self.kinds.iter().enumerate() {
            self.interned
                .entry(kind.clone())
                .or_insert(TypeId(i as u32));
        }
    }

    pub fn intern(&mut self, kind: TypeKind) -> TypeId {
        if let Some(&id) = self.interned.get(&kind) {
            return id;
        }
        let id = TypeId(self.kinds.len() as u32);
        self.kinds.push(kind.clone());
        self.interned.insert(kind, id);
        id
    }

    /// Declares a new defined type; its underlying type may be set later
    /// (recursive types) with [`Types::set_underlying`].
    pub fn new_named(&mut self, qualified: &str, underlying: TypeId) -> TypeId {
        let idx = self.named.len() as u32;
        self.named.push(Named {
            qualified: qualified.to_string(),
            targs: Vec::new(),
            underlying,
            methods: Vec::new(),
        });
        self.intern(TypeKind::Named(idx))
    }

    /// Declares a type parameter; its constraint is set later with
    /// [`Types::set_constraint`] (constraints may mention each other).
    pub fn new_type_param(&mut self, name: &str) -> TypeId {
        let idx = self.tparams.len() as u32;
        self.tparams.push(TypeParamInfo {
            name: name.to_string(),
            constraint: wk::EMPTY_IFACE,
            core: None,
        });
        self.intern(TypeKind::TypeParam(idx))
    }

    pub fn tparam_info(&self, t: TypeId) -> Option<&TypeParamInfo> {
        match self.kind(t) {
            TypeKind::TypeParam(i) => self.tparams.get(*i as usize),
            _ => None,
        }
    }

    pub fn set_constraint(&mut self, t: TypeId, constraint: TypeId, core: Option<TypeId>) {
        if let TypeKind::TypeParam(i) = self.kinds[t.0 as usize] {
            let info = &mut self.tparams[i as usize];
            info.constraint = constraint;
            info.core = core;
        }
    }

    /// Whether `t` mentions a type parameter anywhere (an instance whose
    /// arguments are type parameters counts): such a type exists only
    /// while a generic body is checked.
    pub fn is_open(&self, t: TypeId) -> bool {
        self.open_depth(t, 0)
    }

    fn open_depth(&self, t: TypeId, depth: u32) -> bool {
        if depth > 32 {
            return false;
        }
        let d = depth + 1;
        match self.kind(t) {
            TypeKind::TypeParam(_) => true,
            TypeKind::Pointer(e) | TypeKind::Slice(e) | TypeKind::Array(_, e) => {
                self.open_depth(*e, d)
            }
            TypeKind::Chan(_, e) => self.open_depth(*e, d),
            TypeKind::Map(k, v) => self.open_depth(*k, d) || self.open_depth(*v, d),
            TypeKind::Func(sig) => sig
                .params
                .iter()
                .chain(sig.results.iter())
                .any(|p| self.open_depth(*p, d)),
            TypeKind::Struct(fs) => fs.iter().any(|f| self.open_depth(f.ty, d)),
            TypeKind::Tuple(ts) => ts.iter().any(|x| self.open_depth(*x, d)),
            TypeKind::Interface(ms) => ms.iter().any(|m| self.open_depth(m.sig, d)),
            TypeKind::Named(i) => self.named[*i as usize]
                .targs
                .iter()
                .any(|a| self.open_depth(*a, d)),
            _ => false,
        }
    }

    pub fn set_underlying(&mut self, named: TypeId, underlying: TypeId) {
        if let TypeKind::Named(i) = self.kinds[named.0 as usize] {
            self.named[i as usize].underlying = underlying;
        }
    }

    pub fn kind(&self, t: TypeId) -> &TypeKind {
        &self.kinds[t.0 as usize]
    }

    pub fn named_info(&self, t: TypeId) -> Option<&Named> {
        match self.kind(t) {
            TypeKind::Named(i) => Some(&self.named[*i as usize]),
            _ => None,
        }
    }

    pub fn named_info_mut(&mut self, t: TypeId) -> Option<&mut Named> {
        match self.kinds[t.0 as usize] {
            TypeKind::Named(i) => Some(&mut self.named[i as usize]),
            _ => None,
        }
    }

    /// The underlying type (Go spec "Underlying types").
    ///
    /// A type parameter's is its core type when it has one (so indexing,
    /// ranging, `len` and the like work on `S ~[]E` as on `[]E`), and the
    /// type parameter itself otherwise.
    pub fn underlying(&self, mut t: TypeId) -> TypeId {
        for _ in 0..64 {
            match self.kind(t) {
                TypeKind::Named(i) => t = self.named[*i as usize].underlying,
                TypeKind::TypeParam(i) => {
                    return self.tparams[*i as usize].core.unwrap_or(t);
                }
                _ => return t,
            }
        }
        wk::INVALID
    }

    pub fn is_type_param(&self, t: TypeId) -> bool {
        matches!(self.kind(t), TypeKind::TypeParam(_))
    }

    pub fn ukind(&self, t: TypeId) -> &TypeKind {
        self.kind(self.underlying(t))
    }

    /// Whether a value of type `t` holds a `sync` runtime object by value
    /// (a `sync.handle` field, inside structs and arrays, not behind
    /// pointers): copying such a value copies a Mutex, RWMutex or WaitGroup,
    /// which `Op::CopyLocks` does at the copy. Iterative, and it visits each
    /// type once, so a deep or wide type costs its size.
    pub fn holds_handles(&self, t: TypeId) -> bool {
        let mut seen = crate::util::fasthash::HashSet::default();
        let mut todo = vec![t];
        while let Some(t) = todo.pop() {
            if !seen.insert(t) {
                continue;
            }
            if let TypeKind::Named(i) = self.kind(t) {
                if self
                    .named
                    .get(*i as usize)
                    .is_some_and(|n| n.qualified == "sync.handle")
                {
                    return true;
                }
            }
            match self.ukind(t) {
                TypeKind::Struct(fields) => todo.extend(fields.iter().map(|f| f.ty)),
                TypeKind::Array(_, elem) => todo.push(*elem),
                _ => {}
            }
        }
        false
    }

    pub fn pointer(&mut self, t: TypeId) -> TypeId {
        self.intern(TypeKind::Pointer(t))
    }
    pub fn slice(&mut self, t: TypeId) -> TypeId {
        self.intern(TypeKind::Slice(t))
    }
    pub fn tuple(&mut self, ts: Vec<TypeId>) -> TypeId {
        if ts.is_empty() {
            return wk::EMPTY_TUPLE;
        }
        self.intern(TypeKind::Tuple(ts))
    }
    pub fn func(&mut self, params: Vec<TypeId>, results: Vec<TypeId>, variadic: bool) -> TypeId {
        self.intern(TypeKind::Func(Signature {
            params,
            results,
            variadic,
        }))
    }

    pub fn is_untyped(&self, t: TypeId) -> bool {
        matches!(self.kind(t), TypeKind::Untyped(_))
    }
    pub fn is_interface(&self, t: TypeId) -> bool {
        matches!(self.ukind(t), TypeKind::Interface(_))
    }
    pub fn is_named(&self, t: TypeId) -> bool {
        matches!(self.kind(t), TypeKind::Named(_) | TypeKind::TypeParam(_))
    }
    pub fn int_kind(&self, t: TypeId) -> Option<IntKind> {
        match self.ukind(t) {
            TypeKind::Int(k) => Some(*k),
            _ => None,
        }
    }
    pub fn is_integer(&self, t: TypeId) -> bool {
        matches!(
            self.ukind(t),
            TypeKind::Int(_) | TypeKind::Untyped(UntypedKind::Int | UntypedKind::Rune)
        )
    }
    pub fn is_float(&self, t: TypeId) -> bool {
        matches!(
            self.ukind(t),
            TypeKind::Float64 | TypeKind::Float32 | TypeKind::Untyped(UntypedKind::Float)
        )
    }
    pub fn is_numeric(&self, t: TypeId) -> bool {
        self.is_integer(t) || self.is_float(t)
    }
    pub fn is_string(&self, t: TypeId) -> bool {
        matches!(
            self.ukind(t),
            TypeKind::String | TypeKind::Untyped(UntypedKind::String)
        )
    }
    pub fn is_bool(&self, t: TypeId) -> bool {
        matches!(
            self.ukind(t),
            TypeKind::Bool | TypeKind::Untyped(UntypedKind::Bool)
        )
    }

    /// Whether values of `t` can be compared with `==` (Go spec "Comparison operators").
    /// Types nest as deep as a program declares them, and a struct may
    /// mention one type in many fields: the answer is built bottom-up from
    /// an explicit stack, once per type.
    pub fn comparable(&self, t: TypeId) -> bool {
        use crate::util::fasthash::{HashMap, HashSet};
        let mut memo: HashMap<TypeId, bool> = HashMap::default();
        // Types whose parts are being decided (a type that contains itself
        // is rejected elsewhere; here its inner occurrence counts as yes).
        let mut open: HashSet<TypeId> = HashSet::default();
        let mut pending = vec![(t, false)];
        while let Some((u, ready)) = pending.pop() {
            if memo.contains_key(&u) || (!ready && open.contains(&u)) {
                continue;
            }
            let parts: Vec<TypeId> = match self.ukind(u) {
                TypeKind::Slice(_) | TypeKind::Map(..) | TypeKind::Func(_) => {
                    memo.insert(u, false);
                    continue;
                }
                TypeKind::Opaque(k) => {
                    let ok = matches!(
                        k,
                        OpaqueKind::Time | OpaqueKind::Context | OpaqueKind::ErrorString
                    );
                    memo.insert(u, ok);
                    continue;
                }
                TypeKind::Array(_, e) => vec![*e],
                TypeKind::Struct(fs) => fs.iter().map(|f| f.ty).collect(),
                // A type parameter is comparable when its constraint says so
                // or every type in its type set is.
                TypeKind::TypeParam(i) => {
                    let c = self.tparams[*i as usize].constraint;
                    match self.ukind(c) {
                        TypeKind::Constraint(ts) if ts.comparable => {
                            memo.insert(u, true);
                            continue;
                        }
                        TypeKind::Constraint(ts) => match ts.terms.as_ref() {
                            Some(terms) if !terms.is_empty() => {
                                terms.iter().map(|x| x.ty).collect()
                            }
                            _ => {
                                memo.insert(u, false);
                                continue;
                            }
                        },
                        _ => {
                            memo.insert(u, false);
                            continue;
                        }
                    }
                }
                _ => {
                    memo.insert(u, true);
                    continue;
                }
            };
            if ready {
                open.remove(&u);
                let ok = parts.iter().all(|p| memo.get(p).copied().unwrap_or(true));
                memo.insert(u, ok);
            } else {
                open.insert(u);
                pending.push((u, true));
                pending.extend(parts.into_iter().map(|p| (p, false)));
            }
        }
        memo.get(&t).copied().unwrap_or(true)
    }

    /// The default type of an untyped constant (Go spec "Constants").
    pub fn default_type(&self, t: TypeId) -> TypeId {
        match self.kind(t) {
            TypeKind::Untyped(UntypedKind::Bool) => wk::BOOL,
            TypeKind::Untyped(UntypedKind::Int) => wk::INT,
            TypeKind::Untyped(UntypedKind::Rune) => wk::INT32,
            TypeKind::Untyped(UntypedKind::Float) => wk::FLOAT64,
            TypeKind::Untyped(UntypedKind::String) => wk::STRING,
            _ => t,
        }
    }

    /// Go's spelling, as in `%T` and compiler messages (`[]int`, `map[string]int`,
    /// `*main.T`, `func(int) string`, `chan<- int`).
    pub fn name(&self, t: TypeId) -> String {
        let mut s = String::new();
        self.write_name(t, &mut s, 0, false);
        s
    }

    /// Go's spelling in compiler messages (go/types' `TypeString` with the
    /// checker's qualifier): the program's own types unqualified (`T`,
    /// `List[int]`, `Pair[string, int]`), `interface{M()}`, `struct{x int}`,
    /// `any`, type parameters by name.
    pub fn msg_name(&self, t: TypeId) -> String {
        let mut s = String::new();
        self.write_name(t, &mut s, 0, true);
        s
    }

    fn write_name(&self, t: TypeId, out: &mut String, depth: u32, msg: bool) {
        if depth > 16 {
            out.push_str("...");
            return;
        }
        let d = depth + 1;
        match self.kind(t) {
            TypeKind::Invalid => out.push_str("invalid type"),
            TypeKind::Bool => out.push_str("bool"),
            TypeKind::Int(k) => out.push_str(match k {
                IntKind::Uint8 if t == wk::UINT8 => "uint8",
                IntKind::Int32 if t == wk::INT32 => "int32",
                _ => k.name(),
            }),
            TypeKind::Float64 => out.push_str("float64"),
            TypeKind::Float32 => out.push_str("float32"),
            TypeKind::String => out.push_str("string"),
            TypeKind::Untyped(k) => out.push_str(match k {
                UntypedKind::Bool => "untyped bool",
                UntypedKind::Int => "untyped int",
                UntypedKind::Rune => "untyped rune",
                UntypedKind::Float => "untyped float",
                UntypedKind::String => "untyped string",
                UntypedKind::Nil => "untyped nil",
            }),
            TypeKind::Pointer(e) => {
                out.push('*');
                self.write_name(*e, out, d, msg);
            }
            TypeKind::Slice(e) => {
                out.push_str("[]");
                self.write_name(*e, out, d, msg);
            }
            TypeKind::Array(n, e) => {
                out.push_str(&format!("[{}]", n));
                self.write_name(*e, out, d, msg);
            }
            TypeKind::Map(k, v) => {
                out.push_str("map[");
                self.write_name(*k, out, d, msg);
                out.push(']');
                self.write_name(*v, out, d, msg);
            }
            TypeKind::Chan(dir, e) => {
                out.push_str(match dir {
                    ChanDir::Both => "chan ",
                    ChanDir::Send => "chan<- ",
                    ChanDir::Recv => "<-chan ",
                });
                let paren = *dir == ChanDir::Both
                    && matches!(self.kind(*e), TypeKind::Chan(ChanDir::Recv, _));
                if paren {
                    out.push('(');
                }
                self.write_name(*e, out, d, msg);
                if paren {
                    out.push(')');
                }
            }
            TypeKind::Func(sig) => {
                out.push_str("func");
                self.write_sig(sig, out, d, msg);
            }
            TypeKind::Struct(fields) => {
                out.push_str(if msg { "struct{" } else { "struct {" });
                for (i, f) in fields.iter().enumerate() {
                    out.push_str(if i == 0 && !msg {
                        " "
                    } else if i == 0 {
                        ""
                    } else {
                        "; "
                    });
                    if !f.embedded {
                        out.push_str(&f.name);
                        out.push(' ');
                    }
                    self.write_name(f.ty, out, d, msg);
                }
                if !fields.is_empty() && !msg {
                    out.push(' ');
                }
                out.push('}');
            }
            TypeKind::Interface(ms) if msg => {
                if ms.is_empty() {
                    out.push_str("any");
                    return;
                }
                out.push_str("interface{");
                self.write_methods(ms, out, d);
                out.push('}');
            }
            TypeKind::Interface(ms) => {
                if ms.is_empty() {
                    out.push_str("interface {}");
                } else {
                    out.push_str("interface {");
                    for (i, m) in ms.iter().enumerate() {
                        out.push_str(if i == 0 { " " } else { "; " });
                        out.push_str(&m.name);
                        if let TypeKind::Func(sig) = self.kind(m.sig) {
                            self.write_sig(sig, out, d, msg);
                        }
                    }
                    out.push_str(" }");
                }
            }
            TypeKind::Tuple(ts) => {
                out.push('(');
                for (i, t) in ts.iter().enumerate() {
                    if i > 0 {
                        out.push_str(", ");
                    }
                    self.write_name(*t, out, d, msg);
                }
                out.push(')');
            }
            TypeKind::Named(i) => {
                let n = &self.named[*i as usize];
                let q = n.qualified.as_str();
                if msg {
                    // The build also loads internal/sync and
                    // internal/runtime/atomic, so Go quotes these paths.
                    match q.split_once('.') {
                        Some(("main", rest)) => out.push_str(rest),
                        Some(("sync", rest)) => {
                            out.push_str("\"sync\".");
                            out.push_str(rest);
                        }
                        Some(("atomic", rest)) => {
                            out.push_str("\"sync/atomic\".");
                            out.push_str(rest);
                        }
                        _ => out.push_str(q),
                    }
                } else {
                    out.push_str(q);
                }
                if !n.targs.is_empty() {
                    out.push('[');
                    for (k, a) in n.targs.iter().enumerate() {
                        if k > 0 {
                            out.push_str(if msg { ", " } else { "," });
                        }
                        self.write_name(*a, out, d, msg);
                    }
                    out.push(']');
                }
            }
            TypeKind::TypeParam(i) => out.push_str(&self.tparams[*i as usize].name),
            TypeKind::Constraint(ts) => {
                let mut parts: Vec<String> = Vec::new();
                if ts.comparable {
                    parts.push("comparable".into());
                }
                if let Some(terms) = &ts.terms {
                    let mut u = String::new();
                    for (k, term) in terms.iter().enumerate() {
                        if k > 0 {
                            u.push_str(" | ");
                        }
                        if term.tilde {
                            u.push('~');
                        }
                        self.write_name(term.ty, &mut u, d, msg);
                    }
                    parts.push(u);
                }
                if ts.implicit && ts.methods.is_empty() && parts.len() == 1 {
                    out.push_str(&parts[0]);
                    return;
                }
                out.push_str("interface{");
                self.write_methods(&ts.methods, out, d);
                for (k, p) in parts.iter().enumerate() {
                    if k > 0 || !ts.methods.is_empty() {
                        out.push_str("; ");
                    }
                    out.push_str(p);
                }
                out.push('}');
            }
            TypeKind::Opaque(k) => out.push_str(&format!("{:?}", k)),
            TypeKind::Package => out.push_str("package"),
        }
    }

    fn write_methods(&self, ms: &[IfaceMethod], out: &mut String, d: u32) {
        for (i, m) in ms.iter().enumerate() {
            if i > 0 {
                out.push_str("; ");
            }
            out.push_str(&m.name);
            if let TypeKind::Func(sig) = self.kind(m.sig) {
                self.write_sig(sig, out, d, true);
            }
        }
    }

    fn write_sig(&self, sig: &Signature, out: &mut String, d: u32, msg: bool) {
        out.push('(');
        for (i, p) in sig.params.iter().enumerate() {
            if i > 0 {
                out.push_str(", ");
            }
            if sig.variadic && i + 1 == sig.params.len() {
                out.push_str("...");
                if let TypeKind::Slice(e) = self.kind(*p) {
                    self.write_name(*e, out, d, msg);
                    continue;
                }
            }
            self.write_name(*p, out, d, msg);
        }
        out.push(')');
        match sig.results.len() {
            0 => {}
            1 => {
                out.push(' ');
                self.write_name(sig.results[0], out, d, msg);
            }
            _ => {
                out.push_str(" (");
                for (i, r) in sig.results.iter().enumerate() {
                    if i > 0 {
                        out.push_str(", ");
                    }
                    self.write_name(*r, out, d, msg);
                }
                out.push(')');
            }
        }
    }

    /// Finds a method declared on named type `t` (not promoted).
    pub fn find_method(&self, t: TypeId, name: &str) -> Option<&Method> {
        self.named_info(t)
            .and_then(|n| n.methods.iter().find(|m| m.name == name))
    }

    pub fn interface_methods(&self, t: TypeId) -> &[IfaceMethod] {
        match self.ukind(t) {
            TypeKind::Interface(ms) => ms,
            _ => &[],
        }
    }

    pub fn signature(&self, t: TypeId) -> Option<&Signature> {
        match self.ukind(t) {
            TypeKind::Func(s) => Some(s),
            _ => None,
        }
    }

    pub fn len(&self) -> usize {
        self.kinds.len()
    }

    pub fn is_empty(&self) -> bool {
        self.kinds.is_empty()
    }

    /// The size in bytes Go gives a value of type `t` on a 64-bit machine
    /// (`unsafe.Sizeof`): append rounds growth with it, and the snapshot
    /// estimates the memory a value holds with it.
    pub fn size_of(&self, t: TypeId) -> u64 {
        self.size_at(t, 0)
    }

    fn size_at(&self, t: TypeId, depth: u32) -> u64 {
        if depth > 16 {
            return 8;
        }
        match self.ukind(t) {
            TypeKind::Bool => 1,
            TypeKind::Int(k) => (k.bits() / 8) as u64,
            TypeKind::Float64 => 8,
            TypeKind::Float32 => 4,
            TypeKind::String => 16,
            TypeKind::Slice(_) => 24,
            TypeKind::Interface(_) => 16,
            TypeKind::Array(n, e) => n.saturating_mul(self.size_at(*e, depth + 1)),
            TypeKind::Struct(fs) => {
                // Fields laid out with natural alignment.
                let mut off = 0u64;
                let mut max_align = 1u64;
                for f in fs {
                    let sz = self.size_at(f.ty, depth + 1);
                    let al = self.align_at(f.ty, depth + 1);
                    max_align = max_align.max(al);
                    off = off.div_ceil(al) * al + sz;
                }
                off.div_ceil(max_align) * max_align
            }
            _ => 8,
        }
    }

    fn align_at(&self, t: TypeId, depth: u32) -> u64 {
        if depth > 16 {
            return 8;
        }
        match self.ukind(t) {
            TypeKind::Bool => 1,
            TypeKind::Int(k) => (k.bits() / 8) as u64,
            TypeKind::Float32 => 4,
            TypeKind::Array(_, e) => self.align_at(*e, depth + 1),
            TypeKind::Struct(fs) => fs
                .iter()
                .map(|f| self.align_at(f.ty, depth + 1))
                .max()
                .unwrap_or(1),
            _ => 8,
        }
    }
}
