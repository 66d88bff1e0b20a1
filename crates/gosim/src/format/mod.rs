//! Go's `fmt` formatting engine: `Sprintf`, `Sprint` and `Sprintln` over a
//! value tree that the VM builds from its runtime values, plus the text forms
//! of `strconv.FormatFloat`, `strconv.Quote`, `time.Duration.String` and
//! `time.Time.String`. The output matches real Go byte for byte, including the
//! `%!verb(type=value)` error forms.
//!
//! This module is pure: it does no I/O, never calls back into the VM and never
//! panics on any format string or value. Methods (`Format`, `GoString`,
//! `Error`, `String`) are the VM's business, and which of them fmt calls
//! depends on the verb, so printing an operand that has any
//! ([`FmtValue::Methods`]) takes two passes ([`print_with_methods`]): the
//! first lists the calls Go's `handleMethods` would make, in order
//! ([`MethodCall`]); the VM makes them; the second prints with their
//! results ([`MethodOut`]). [`FmtValue::Method`] is a shortcut for a value
//! whose `Error`/`String` text is known up front.
//!
//! How the VM builds an operand ([`Arg`]): `ty` is the dynamic type as `%T`
//! prints it, and the value maps by kind:
//!
//! | Go kind | [`FmtValue`] |
//! |---|---|
//! | bool | `Bool` |
//! | int, int8..int64 (incl. rune) | `Int` |
//! | uint, uint8..uint64, uintptr (incl. byte) | `Uint` |
//! | float64 / float32 | `Float64` / `Float32` |
//! | string | `Str` (raw bytes) |
//! | slice / array | `Slice` / `Array`, `elem_uint8` when the element kind is uint8 |
//! | map | `Map` (any order; printing sorts) |
//! | struct | `Struct`, every field in declaration order |
//! | pointer, chan, func | `Pointer` / `Chan` / `Func` with the VM's fake address, 0 for nil |
//! | interface slot holding nil | `Nil`, `ty` = the interface type (`"<nil>"` for an untyped nil operand) |
//! | interface slot holding a value | that value, with its dynamic `ty` |
//! | value whose type has `Format`, `GoString`, `Error` or `String` | `Methods` around the value above |
//!
//! Not modelled: complex numbers, `unsafe.Pointer`.

pub(crate) mod atof;
mod float;
mod isprint_table;
mod print;
mod quote;
mod sort;
mod time;
pub(crate) mod utf8;

pub(crate) use float::format_print_float;
pub use float::{format_float, format_int, format_uint};
pub use quote::{can_backquote, is_print, quote, quote_bytes, quote_rune, quote_to_ascii};
pub use time::{
    civil, format_duration, format_time, format_time_layout, month_name, weekday_name, Civil,
    RFC3339, RFC3339_NANO,
};

/// One operand of a print call, or one element nested inside an operand.
///
/// `ty` is the dynamic type as `%T` spells it (`int`, `[]int`,
/// `map[string]int`, `*main.T`, `main.T`, `func()`, `chan int`). It is printed
/// by `%T`, by `%#v`, and in error forms such as `%!d(string=hi)`. The untyped
/// nil operand has `ty == "<nil>"` and value [`FmtValue::Nil`].
#[derive(Clone, Debug, PartialEq)]
pub struct Arg {
    pub ty: String,
    pub value: FmtValue,
}

/// A Go value as `fmt` sees it through reflection.
///
/// Integer kinds only matter to `fmt` through signedness (and `uint8` slice
/// elements, see `elem_uint8`), so all signed kinds are [`FmtValue::Int`] and
/// all unsigned kinds (including `uintptr`) are [`FmtValue::Uint`]. Addresses
/// are the VM's fake addresses; `0` means nil.
#[derive(Clone, Debug, PartialEq)]
pub enum FmtValue {
    Bool(bool),
    /// int, int8, int16, int32 (rune), int64.
    Int(i64),
    /// uint, uint8 (byte), uint16, uint32, uint64, uintptr.
    Uint(u64),
    Float64(f64),
    Float32(f32),
    /// A Go string: bytes, not necessarily valid UTF-8.
    Str(Vec<u8>),
    /// A nil interface value. At top level (`ty == "<nil>"`) `%v` prints
    /// `<nil>`; nested in an interface-typed slot (`ty` = the static
    /// interface type, e.g. `interface {}` or `error`) `%#v` prints `ty(nil)`.
    Nil,
    /// `items == None` is a nil slice (`[]` for `%v`, `[]int(nil)` for `%#v`).
    /// `elem_uint8` marks byte slices, which `%s %q %x %X` print as strings.
    /// `addr` is what `%p` prints (the address of element 0).
    Slice {
        elem_uint8: bool,
        items: Option<Vec<Arg>>,
        addr: u64,
    },
    Array {
        elem_uint8: bool,
        items: Vec<Arg>,
    },
    /// Entries in any order: printing sorts keys like `internal/fmtsort`.
    /// `entries == None` is a nil map.
    Map {
        entries: Option<Vec<(Arg, Arg)>>,
        addr: u64,
    },
    Struct {
        fields: Vec<Field>,
    },
    /// `addr == 0` is a nil pointer. `pointee` is needed only when the pointer
    /// is printed at top level and points at a struct, array, slice or map
    /// (Go prints `&{1 2}` then); otherwise the address is printed.
    Pointer {
        addr: u64,
        pointee: Option<Box<Arg>>,
    },
    Chan {
        addr: u64,
    },
    Func {
        addr: u64,
    },
    /// A value whose `Error()` or `String()` text is known up front (no
    /// `Format` or `GoString`, no side effects): `text` is printed for
    /// `%v %s %q %x %X`, and `value` (the receiver itself) for every other
    /// verb and for `%#v`. The VM uses [`FmtValue::Methods`] instead, which
    /// calls methods only for the verbs that use them.
    Method {
        text: Vec<u8>,
        value: Box<FmtValue>,
    },
    /// Like [`FmtValue::Method`], but the method panicked (fmt's
    /// `catchPanic`): Go prints `<nil>` when the receiver is a nil pointer,
    /// and otherwise `%!v(PANIC=String method: <panic text>)`. `method` is
    /// `"Error"` or `"String"`; `panic` is the panic value printed with `%v`.
    MethodPanic {
        method: String,
        panic: Vec<u8>,
        value: Box<FmtValue>,
    },
    /// A value whose type has some of fmt's methods (`set`, bits of
    /// [`methods`]); `id` names it in the [`MethodCall`]s printing asks
    /// for; `nil_ptr` says it is a nil pointer (a panic in its method then
    /// prints `<nil>`). `value` is the value itself.
    Methods {
        id: u32,
        set: u8,
        nil_ptr: bool,
        value: Box<FmtValue>,
    },
}

/// The methods fmt consults, as bits of [`FmtValue::Methods`]'s `set` and
/// [`MethodCall`]'s `method`.
pub mod methods {
    /// `Format(fmt.State, rune)`.
    pub const FORMAT: u8 = 1;
    /// `GoString() string`.
    pub const GO_STRING: u8 = 2;
    /// `Error() string`.
    pub const ERROR: u8 = 4;
    /// `String() string`.
    pub const STRING: u8 = 8;

    /// The method's name, as a panic in it is reported.
    pub fn name(method: u8) -> &'static str {
        match method {
            FORMAT => "Format",
            GO_STRING => "GoString",
            ERROR => "Error",
            _ => "String",
        }
    }
}

/// One method call fmt makes while printing: which method of value `id`,
/// for which verb, and (for `Format`) what its `fmt.State` reports.
#[derive(Clone, Debug, PartialEq)]
pub struct MethodCall {
    pub id: u32,
    /// One bit of [`methods`].
    pub method: u8,
    pub verb: u32,
    /// `State.Flag` for ' ', '+', '-', '#', '0', as bits 1, 2, 4, 8, 16.
    pub flags: u8,
    pub wid: Option<usize>,
    pub prec: Option<usize>,
    pub nil_ptr: bool,
}

/// What a [`MethodCall`] produced: the method's text (for `Format`, what
/// it wrote), or what it wrote before it panicked and the panic value as
/// `%v` prints it.
#[derive(Clone, Debug, PartialEq)]
pub enum MethodOut {
    Text(Vec<u8>),
    Panic { written: Vec<u8>, text: Vec<u8> },
}

/// Which print function is running.
#[derive(Clone, Copy, Debug)]
pub enum PrintCall<'a> {
    Printf(&'a [u8]),
    Print,
    Println,
    /// `fmt.Errorf`'s text: `%w` is accepted.
    Errorf(&'a [u8]),
}

/// What [`print_with_methods`] produced.
pub struct Printed {
    pub out: Vec<u8>,
    /// The output passed its limit.
    pub over: bool,
    /// Without results: the method calls to make, in order (none: `out`
    /// is final).
    pub calls: Vec<MethodCall>,
}

/// Prints `args` as `call` does, within `limit` bytes (see
/// [`sprintf_limited`]). Without `results`, a method fmt would call is
/// listed in `calls` instead and, if there are any, the output is to be
/// thrown away; with them (one per call listed by the first pass, in
/// order), every method's output is printed where Go prints it.
pub fn print_with_methods(
    call: PrintCall,
    args: &[Arg],
    limit: usize,
    results: Option<Vec<MethodOut>>,
) -> Printed {
    let mut p = print::Printer::new();
    p.limit = limit;
    p.set_results(results);
    match call {
        PrintCall::Printf(f) => p.do_printf(f, args),
        PrintCall::Print => p.do_print(args),
        PrintCall::Println => p.do_println(args),
        PrintCall::Errorf(f) => {
            p.set_wrap_errs(true);
            p.do_printf(f, args);
        }
    }
    let calls = p.take_calls();
    let (out, over) = p.finish();
    Printed { out, over, calls }
}

impl FmtValue {
    /// Whether the value holds other values.
    fn nests(&self) -> bool {
        match self {
            FmtValue::Slice { items, .. } => items.as_ref().is_some_and(|v| !v.is_empty()),
            FmtValue::Array { items, .. } => !items.is_empty(),
            FmtValue::Map { entries, .. } => entries.as_ref().is_some_and(|v| !v.is_empty()),
            FmtValue::Struct { fields } => !fields.is_empty(),
            FmtValue::Pointer { pointee, .. } => pointee.is_some(),
            FmtValue::Method { .. } | FmtValue::MethodPanic { .. } | FmtValue::Methods { .. } => {
                true
            }
            _ => false,
        }
    }

    /// Moves the values nested in this one into `out`.
    fn take_children(&mut self, out: &mut Vec<FmtValue>) {
        let mut take = |v: &mut FmtValue| out.push(std::mem::replace(v, FmtValue::Nil));
        match self {
            FmtValue::Slice {
                items: Some(items), ..
            }
            | FmtValue::Array { items, .. } => items.iter_mut().for_each(|a| take(&mut a.value)),
            FmtValue::Map {
                entries: Some(entries),
                ..
            } => entries.iter_mut().for_each(|(k, v)| {
                take(&mut k.value);
                take(&mut v.value);
            }),
            FmtValue::Struct { fields } => fields.iter_mut().for_each(|f| take(&mut f.value.value)),
            FmtValue::Pointer {
                pointee: Some(p), ..
            } => take(&mut p.value),
            FmtValue::Method { value, .. }
            | FmtValue::MethodPanic { value, .. }
            | FmtValue::Methods { value, .. } => take(value),
            _ => {}
        }
    }
}

/// A value tree as deep as the Go value it shows is freed level by level
/// from an explicit stack, not by Rust's recursive drop.
impl Drop for FmtValue {
    fn drop(&mut self) {
        if !self.nests() {
            return;
        }
        let mut pending = Vec::new();
        self.take_children(&mut pending);
        while let Some(mut v) = pending.pop() {
            if v.nests() {
                v.take_children(&mut pending);
            }
        }
    }
}

/// One struct field; `name` is the field name (the type name for embedded fields).
#[derive(Clone, Debug, PartialEq)]
pub struct Field {
    pub name: String,
    pub value: Arg,
}

impl Arg {
    pub fn new(ty: impl Into<String>, value: FmtValue) -> Arg {
        Arg {
            ty: ty.into(),
            value,
        }
    }
    /// The untyped nil operand (`fmt.Println(nil)`).
    pub fn nil() -> Arg {
        Arg::new("<nil>", FmtValue::Nil)
    }
    pub fn bool(b: bool) -> Arg {
        Arg::new("bool", FmtValue::Bool(b))
    }
    /// An `int`.
    pub fn int(v: i64) -> Arg {
        Arg::new("int", FmtValue::Int(v))
    }
    /// A `uint8`/`byte` (Go's `%T` spells it `uint8`).
    pub fn byte(v: u8) -> Arg {
        Arg::new("uint8", FmtValue::Uint(u64::from(v)))
    }
    /// A `rune` (Go's `%T` spells it `int32`).
    pub fn rune(c: char) -> Arg {
        Arg::new("int32", FmtValue::Int(i64::from(u32::from(c))))
    }
    pub fn float64(v: f64) -> Arg {
        Arg::new("float64", FmtValue::Float64(v))
    }
    pub fn float32(v: f32) -> Arg {
        Arg::new("float32", FmtValue::Float32(v))
    }
    /// A `string` from raw Go string bytes.
    pub fn string(s: impl Into<Vec<u8>>) -> Arg {
        Arg::new("string", FmtValue::Str(s.into()))
    }
    /// A non-nil slice whose type is `[]` + `elem_ty`. Its address is 0; set
    /// `addr` in the value when `%p` of the slice must print something real.
    pub fn slice(elem_ty: &str, items: Vec<Arg>) -> Arg {
        Arg::new(
            format!("[]{elem_ty}"),
            FmtValue::Slice {
                elem_uint8: elem_ty == "uint8",
                items: Some(items),
                addr: 0,
            },
        )
    }
    /// A non-nil map whose type is `map[key_ty]val_ty`.
    pub fn map(key_ty: &str, val_ty: &str, entries: Vec<(Arg, Arg)>) -> Arg {
        Arg::new(
            format!("map[{key_ty}]{val_ty}"),
            FmtValue::Map {
                entries: Some(entries),
                addr: 0,
            },
        )
    }
    /// A struct value of type `ty` with `(name, value)` fields.
    pub fn structure(ty: &str, fields: Vec<(&str, Arg)>) -> Arg {
        Arg::new(
            ty,
            FmtValue::Struct {
                fields: fields
                    .into_iter()
                    .map(|(name, value)| Field {
                        name: name.to_string(),
                        value,
                    })
                    .collect(),
            },
        )
    }
    /// A value of type `ty` with an `Error()`/`String()` result already computed.
    pub fn with_method(ty: &str, text: impl Into<Vec<u8>>, receiver: FmtValue) -> Arg {
        Arg::new(
            ty,
            FmtValue::Method {
                text: text.into(),
                value: Box::new(receiver),
            },
        )
    }
}

/// `fmt.Sprintf`.
pub fn sprintf(format: &[u8], args: &[Arg]) -> Vec<u8> {
    sprintf_limited(format, args, usize::MAX).0
}

/// `fmt.Sprint`: a space between operands when neither side is a string.
pub fn sprint(args: &[Arg]) -> Vec<u8> {
    sprint_limited(args, usize::MAX).0
}

/// `fmt.Sprintln`: spaces between all operands and a trailing newline.
pub fn sprintln(args: &[Arg]) -> Vec<u8> {
    sprintln_limited(args, usize::MAX).0
}

/// [`sprintf`], stopping soon after the output passes `limit` bytes (by at
/// most one verb's padding, which Go caps at a million): the output so
/// far, and whether it passed.
pub fn sprintf_limited(format: &[u8], args: &[Arg], limit: usize) -> (Vec<u8>, bool) {
    let mut p = print::Printer::new();
    p.limit = limit;
    p.do_printf(format, args);
    p.finish()
}

/// [`sprint`] within `limit` (see [`sprintf_limited`]).
pub fn sprint_limited(args: &[Arg], limit: usize) -> (Vec<u8>, bool) {
    let mut p = print::Printer::new();
    p.limit = limit;
    p.do_print(args);
    p.finish()
}

/// [`sprintln`] within `limit` (see [`sprintf_limited`]).
pub fn sprintln_limited(args: &[Arg], limit: usize) -> (Vec<u8>, bool) {
    let mut p = print::Printer::new();
    p.limit = limit;
    p.do_println(args);
    p.finish()
}

/// The message text of `fmt.Errorf`: like [`sprintf`], but `%w` accepts an
/// operand carrying an `Error()` result ([`FmtValue::Method`]) and prints it
/// as `%v`. Which operands `%w` wrapped is the VM's business (they are the
/// operands at the `%w` positions).
pub fn errorf_text(format: &[u8], args: &[Arg]) -> Vec<u8> {
    errorf_text_limited(format, args, usize::MAX).0
}

/// [`errorf_text`] within `limit` (see [`sprintf_limited`]).
pub fn errorf_text_limited(format: &[u8], args: &[Arg], limit: usize) -> (Vec<u8>, bool) {
    let mut p = print::Printer::new();
    p.limit = limit;
    p.set_wrap_errs(true);
    p.do_printf(format, args);
    p.finish()
}
