//! The universe scope: Go's predeclared types, constants, `nil` and
//! builtins, and the predeclared `error` interface.
//!
//! Mirrors go/types' universe.go. Owns only the names every package sees
//! before its own declarations; it declares nothing from a source file and
//! emits no code.

use crate::compile::consts::ConstVal;
use crate::compile::{Builtin, Sym};
use crate::types::{well_known as wk, IfaceMethod, TypeId, TypeKind, TypeSet, Types};
use crate::util::fasthash::HashMap;

/// The predeclared `error` type: `interface{ Error() string }`, named.
pub(super) fn make_error_type(types: &mut Types) -> TypeId {
    let sig = types.func(vec![], vec![wk::STRING], false);
    let iface = types.intern(TypeKind::Interface(vec![IfaceMethod {
        name: "Error".into(),
        sig,
    }]));
    types.new_named("error", iface)
}

/// The predeclared `comparable` constraint.
pub(super) fn make_comparable_type(types: &mut Types) -> TypeId {
    let set = types.intern(TypeKind::Constraint(TypeSet {
        methods: Vec::new(),
        terms: None,
        comparable: true,
        implicit: false,
    }));
    types.new_named("comparable", set)
}

/// The universe scope: the names Go predeclares.
pub(super) fn universe(error_type: TypeId, comparable: TypeId) -> HashMap<String, Sym> {
    let mut u = HashMap::default();
    for (n, id) in [
        ("bool", wk::BOOL),
        ("int", wk::INT),
        ("int8", wk::INT8),
        ("int16", wk::INT16),
        ("int32", wk::INT32),
        ("rune", wk::INT32),
        ("int64", wk::INT64),
        ("uint", wk::UINT),
        ("uint8", wk::UINT8),
        ("byte", wk::UINT8),
        ("uint16", wk::UINT16),
        ("uint32", wk::UINT32),
        ("uint64", wk::UINT64),
        ("uintptr", wk::UINTPTR),
        ("float64", wk::FLOAT64),
        ("float32", wk::FLOAT32),
        ("string", wk::STRING),
        ("any", wk::EMPTY_IFACE),
        ("error", error_type),
        ("comparable", comparable),
    ] {
        u.insert(n.to_string(), Sym::Type(id));
    }
    u.insert(
        "true".into(),
        Sym::Const {
            val: ConstVal::Bool(true),
            ty: wk::UNTYPED_BOOL,
        },
    );
    u.insert(
        "false".into(),
        Sym::Const {
            val: ConstVal::Bool(false),
            ty: wk::UNTYPED_BOOL,
        },
    );
    u.insert("nil".into(), Sym::Nil);
    for (n, b) in [
        ("append", Builtin::Append),
        ("cap", Builtin::Cap),
        ("clear", Builtin::Clear),
        ("close", Builtin::Close),
        ("copy", Builtin::Copy),
        ("delete", Builtin::Delete),
        ("len", Builtin::Len),
        ("make", Builtin::Make),
        ("max", Builtin::Max),
        ("min", Builtin::Min),
        ("new", Builtin::New),
        ("panic", Builtin::Panic),
        ("print", Builtin::Print),
        ("println", Builtin::Println),
        ("recover", Builtin::Recover),
    ] {
        u.insert(n.to_string(), Sym::Builtin(b));
    }
    u
}
