//! The bytecode the compiler emits and the VM executes.
//!
//! Owns the instruction set and the compiled-program containers. A stack
//! machine: operands are pushed on the running goroutine's value stack.
//! Every instruction carries enough static information (kinds, type ids)
//! that the VM never consults syntax.

use crate::syntax::span::Span;
use crate::types::{IntKind, TypeId, Types};
use crate::vm::value::Value;

#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum ArithOp {
    Add,
    Sub,
    Mul,
    Div,
    Rem,
    And,
    Or,
    Xor,
    AndNot,
    Shl,
    Shr,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum CmpOp {
    Eq,
    Ne,
    Lt,
    Le,
    Gt,
    Ge,
}

impl CmpOp {
    /// Whether the comparison holds for operands ordered `ord`.
    pub fn holds(self, ord: std::cmp::Ordering) -> bool {
        use std::cmp::Ordering::{Equal, Greater, Less};
        match self {
            CmpOp::Eq => ord == Equal,
            CmpOp::Ne => ord != Equal,
            CmpOp::Lt => ord == Less,
            CmpOp::Le => ord != Greater,
            CmpOp::Gt => ord == Greater,
            CmpOp::Ge => ord != Less,
        }
    }
}

/// Operand class for arithmetic and comparison.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum NumKind {
    Int(IntKind),
    Float64,
    Float32,
    Str,
    /// Any comparable value (only `==`/`!=`).
    Any,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum Conv {
    IntToInt(IntKind),
    IntToFloat {
        from_unsigned: bool,
        to32: bool,
    },
    FloatToInt(IntKind),
    FloatToFloat32,
    IntToString,
    StringToBytes,
    BytesToString,
    StringToRunes,
    RunesToString,
    /// `[N]T(s)`: a copy of the slice's first N elements.
    SliceToArray(u32),
    /// `(*[N]T)(s)`: a pointer to the slice's first N elements.
    SliceToArrayPtr(u32),
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum SelectDir {
    Send,
    Recv,
}

#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub enum Op {
    // Stack and constants.
    Push(Value),
    /// Push the zero value of a type.
    Zero(TypeId),
    Pop,
    Dup,
    /// Duplicate the top two values (`a b -> a b a b`).
    Dup2,
    Swap,
    /// Copy the value `n` below the top onto the top.
    Pick(u32),

    // Variables.
    Load(u32),
    Store(u32),
    /// The slot holds a pointer to a cell: load / store through it.
    LoadBoxed(u32),
    StoreBoxed(u32),
    /// Pop a value, allocate a cell holding it, store the pointer in the slot.
    BoxInto(u32),
    LoadGlobal(u32),
    StoreGlobal(u32),
    AddrGlobal(u32),

    // Pointers and composite access.
    /// Pop a value, allocate a cell holding it, push a pointer to it.
    NewCell,
    /// Pop a pointer, push the value it points to (panics on nil).
    Deref,
    /// Pop a value then a pointer; store the value through the pointer.
    StorePtr,
    /// Pop a pointer, push a pointer to its field `i`.
    PtrField(u32),
    /// Pop an index then a pointer to an array of length `n`; push an element pointer.
    PtrIndex(u32),
    /// Pop an index then a slice; push a pointer to the element.
    SliceElemPtr,
    /// Check the index on top against the slice below it, leaving both:
    /// the place of `s[i] = v` or `s[i] += v`, which needs no pointer.
    SliceElemCheck,
    /// Pop a value, an index and a slice (checked by `SliceElemCheck`);
    /// store the value in the element.
    StoreSliceElem,
    /// Pop a struct value, push field `i`.
    Field(u32),
    /// Pop an index then an array value of length `n`.
    IndexArray(u32),
    IndexSlice,
    IndexString,
    /// Pop a key then a map; push the value (zero if absent) and, with
    /// `comma_ok`, whether it was present. Carries the element type for zero.
    IndexMap {
        elem: TypeId,
        comma_ok: bool,
    },
    /// Pop a value, a key, a map; store (panics on a nil map).
    MapSet,
    MapDelete,
    /// Pop max?, hi?, lo?, then the operand; push the slice/substring.
    SliceOp {
        has_lo: bool,
        has_hi: bool,
        has_max: bool,
        kind: SliceKind,
    },
    Len,
    Cap,
    /// Pop `n` values and build a struct or array value.
    MakeSeq(u32),
    /// Pop `n` values and build a slice of them.
    MakeSliceOf(u32),
    /// `make([]T, len[, cap])`
    MakeSlice {
        elem: TypeId,
        has_cap: bool,
    },
    MakeMap,
    /// `make(chan T[, n])`; the element type name is for display.
    MakeChan {
        elem: TypeId,
        has_cap: bool,
    },
    /// `append(s, v...)` with `n` values, or `append(s, t...)` with `spread`.
    Append {
        n: u32,
        spread: bool,
        string_src: bool,
        elem_size: u32,
    },
    /// `s = append(s, v...)` with `n` values where gc gives the append a
    /// stack buffer of `k` elements (see `compile::appendstack`); local
    /// `slot` holds the buffer once taken. With `step`, a growth that fits
    /// takes the next size class inside the buffer instead.
    AppendStack {
        n: u32,
        elem_size: u32,
        k: u32,
        slot: u32,
        step: bool,
    },
    /// The slice on top moves from the buffer in local `slot` (if it is
    /// there) to the heap, its capacity rounded to its length's size class.
    MoveToHeap {
        slot: u32,
        elem_size: u32,
    },
    Copy,
    /// Pop a struct value, a field value; push the struct with field `i` replaced.
    SetField(u32),
    /// Pop value, index, array; push the array with the element replaced.
    SetIndex(u32),

    // Arithmetic.
    Arith(ArithOp, NumKind),
    Cmp(CmpOp, NumKind),
    Neg(NumKind),
    Not,
    BitNot(IntKind),
    Convert(Conv),

    // Control flow.
    Jump(u32),
    JumpIfFalse(u32),
    JumpIfTrue(u32),

    // Calls.
    /// Call compiled function `fid` with `argc` arguments on the stack.
    Call {
        fid: u32,
        argc: u32,
    },
    /// Call a function value below its `argc` arguments.
    CallValue {
        argc: u32,
    },
    CallNative {
        nid: u32,
        argc: u32,
    },
    /// Dynamic dispatch of interface method `method` (a name id) with the
    /// interface value below its `argc` arguments.
    CallIface {
        method: u32,
        argc: u32,
    },
    /// Push a closure of `fid` capturing the top `ncap` values.
    MakeClosure {
        fid: u32,
        ncap: u32,
    },
    PushFunc(u32),
    PushNative(u32),
    /// Pop a receiver, push the method value bound to it.
    BindMethod(u32),
    BindNative(u32),
    /// Pop an interface, push its dynamic method value (panics on nil).
    BindIface(u32),
    Return,
    /// `go f(args)`: function value below `argc` arguments.
    Go {
        argc: u32,
    },
    /// `defer f(args)`.
    Defer {
        argc: u32,
    },
    Panic,
    Recover,

    // Channels.
    Send,
    Recv {
        comma_ok: bool,
    },
    Close,
    /// Operands for each case (channel, then the value for sends) are on the
    /// stack in source order. Pushes the chosen case index (`ncases` for
    /// default), then the received value and ok flag (zero/false otherwise).
    Select {
        cases: Vec<(SelectDir, TypeId)>,
        has_default: bool,
    },

    // Interfaces.
    /// Wrap the top value as an interface holding dynamic type `t`.
    MakeIface(TypeId),
    /// Pop an interface; push the value if its dynamic type is `t` (or
    /// implements interface `t`), else panic; with `comma_ok` push value and ok.
    TypeAssert {
        ty: TypeId,
        from: TypeId,
        comma_ok: bool,
    },
    /// Pop an interface; push whether its dynamic type matches `t` (or,
    /// for interface `t`, implements it). `nil` matches a nil interface.
    TypeIs(TypeId),
    /// Pop an interface; push its dynamic value (no check).
    IfaceValue,

    // Range helpers.
    /// Pop an index and a string; push the next index, the rune.
    StrNextRune,
    /// Pop a map; push a slice of its keys (a snapshot, in key order).
    MapKeys,

    // Range-over-func loops (see compile/rangefunc.rs).
    /// Push the index of the running frame, so a loop body compiled as a
    /// closure can defer onto the function that holds the loop.
    FrameIndex,
    /// `defer` in a range-over-func body: like `Defer`, but onto the frame
    /// whose index is below the function value.
    DeferAt {
        argc: u32,
    },
    /// Pop a loop state; panic with the runtime error Go raises when an
    /// iterator misuses its yield function in that state.
    RangePanic,

    /// The value of this type on top of the stack is a copy: give each
    /// Mutex, RWMutex and WaitGroup in it an object of its own with the
    /// original's current state (`Vm::copy_locks`).
    CopyLocks(TypeId),
    /// Marks the start of a statement at the op's span (line stepping).
    Stmt,
    /// Unreachable end of a function that must return a value.
    MissingReturn,
}

impl Op {
    /// Whether the instruction changes the program's state beyond its
    /// operand stack: writes a variable or element, calls, allocates. A
    /// loop made only of other instructions reads the same state forever
    /// (see `Vm::busy_loop_note`).
    pub fn makes_progress(&self) -> bool {
        matches!(
            self,
            Op::Store(_)
                | Op::StoreBoxed(_)
                | Op::BoxInto(_)
                | Op::StoreGlobal(_)
                | Op::StorePtr
                | Op::StoreSliceElem
                | Op::MapSet
                | Op::MapDelete
                | Op::NewCell
                | Op::MakeSlice { .. }
                | Op::MakeSliceOf(_)
                | Op::MakeMap
                | Op::MakeChan { .. }
                | Op::Append { .. }
                | Op::Copy
                | Op::Call { .. }
                | Op::CallValue { .. }
                | Op::CallNative { .. }
                | Op::CallIface { .. }
                | Op::Go { .. }
                | Op::CopyLocks(_)
        )
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum SliceKind {
    Slice,
    String,
    /// A pointer to an array of this length, or an addressable array.
    ArrayPtr(u32),
}

/// A compiled function.
#[derive(Clone, Debug, serde::Serialize, serde::Deserialize)]
pub struct FuncCode {
    /// `main.main`, `main.(*T).M`, `main.main.func1`.
    pub name: String,
    pub code: Vec<Op>,
    /// One span per op.
    pub spans: Vec<Span>,
    pub nparams: u32,
    /// The slots that receive a closure's captured cells, in capture order.
    pub capture_slots: Vec<u32>,
    pub nlocals: u32,
    /// Named or hidden result slots, returned in order by `Return`.
    pub result_slots: Vec<u32>,
    /// Result slots that are boxed (named results captured by closures).
    pub boxed_results: Vec<bool>,
    /// Parameters that must be moved into cells at entry.
    pub boxed_params: Vec<u32>,
    /// For display: local variable names and slots, with the span where they
    /// are in scope.
    pub locals: Vec<LocalInfo>,
    pub span: Span,
    /// The function belongs to a library package compiled from gosim's
    /// prelude rather than to user code.
    pub library: bool,
}

#[derive(Clone, Debug, serde::Serialize, serde::Deserialize)]
pub struct LocalInfo {
    pub name: String,
    pub slot: u32,
    pub boxed: bool,
    pub ty: TypeId,
    pub scope: Span,
}

#[derive(Clone, Debug, serde::Serialize, serde::Deserialize)]
pub struct GlobalInfo {
    pub name: String,
    pub ty: TypeId,
}

/// The method tables the VM uses for dynamic dispatch.
#[derive(Clone, Debug, Default, serde::Serialize, serde::Deserialize)]
pub struct MethodTable {
    /// (dynamic type, method name id) -> callable.
    pub entries: crate::util::fasthash::HashMap<(TypeId, u32), MethodEntry>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct MethodEntry {
    pub target: crate::types::MethodTarget,
    /// The method's signature: an interface is satisfied only by a method
    /// with the same name and signature.
    pub sig: TypeId,
    /// The method has a pointer receiver but the dynamic type is the pointer
    /// type, or vice versa: how to adjust the receiver before the call.
    pub recv: RecvAdjust,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum RecvAdjust {
    None,
    /// Dynamic value is a pointer, method wants the value: dereference.
    Deref,
    /// Promoted through embedded fields: follow `Program::paths[n]` first,
    /// whose words are field indices, `PATH_LOAD` (dereference) and, last,
    /// `PATH_IFACE` (the field is an interface: call its method).
    Path(u32),
}

pub const PATH_LOAD: u32 = u32::MAX;
pub const PATH_IFACE: u32 = u32::MAX - 1;

/// A whole compiled program.
#[derive(Clone, Debug, serde::Serialize, serde::Deserialize)]
pub struct Program {
    pub types: Types,
    pub funcs: Vec<FuncCode>,
    pub globals: Vec<GlobalInfo>,
    /// Runs package initializers, then `main.main`.
    pub entry: u32,
    pub method_names: Vec<String>,
    pub methods: MethodTable,
    /// Field paths for promoted methods, indexed by `RecvAdjust::Path`.
    pub paths: Vec<Vec<u32>>,
    /// Natives referenced by id, resolved by name.
    pub natives: Vec<crate::vm::natives::Native>,
    /// The user's source, for display.
    pub source: String,
    /// Whether real Go would link package os (the program imports fmt, os,
    /// log or net): its init leaves one more runtime goroutine queued when
    /// `main.main` starts.
    pub imports_os: bool,
}
