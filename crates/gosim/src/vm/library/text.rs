//! The natives that only compute: packages `strings`, `strconv`, `math`,
//! `sort` and `unicode/utf8`. Each returns its results; none blocks or is
//! a scheduling point.

use super::{misrouted, NativeCall};
use crate::format;
use crate::format::atof::GoFloat;
use crate::format::utf8;
use crate::vm::fault::Fault;
use crate::vm::goroutine::Goroutine;
use crate::vm::heap::cost;
use crate::vm::machine::Vm;
use crate::vm::natives::{MathFn, Native};
use crate::vm::slice;
use crate::vm::unicase;
use crate::vm::value::Value;

impl Vm {
    /// Package `strings`.
    pub(super) fn strings(
        &mut self,
        g: &mut Goroutine,
        call: &NativeCall,
    ) -> Result<Vec<Value>, Fault> {
        Ok(match call.native {
            Native::StrContains => {
                vec![Value::Bool(find(&call.bytes(0), &call.bytes(1)).is_some())]
            }
            Native::StrContainsRune => vec![Value::Bool(
                call.string(0)
                    .contains(char::from_u32(call.int(1) as u32).unwrap_or('\u{FFFD}')),
            )],
            Native::StrContainsAny => vec![Value::Bool(
                call.string(0).chars().any(|c| call.string(1).contains(c)),
            )],
            Native::StrHasPrefix => vec![Value::Bool(call.bytes(0).starts_with(&call.bytes(1)))],
            Native::StrHasSuffix => vec![Value::Bool(call.bytes(0).ends_with(&call.bytes(1)))],
            Native::StrIndex => vec![Value::Int(
                find(&call.bytes(0), &call.bytes(1))
                    .map(|x| x as i64)
                    .unwrap_or(-1),
            )],
            Native::StrIndexByte => vec![Value::Int(
                call.bytes(0)
                    .iter()
                    .position(|&c| c as i64 == call.int(1))
                    .map(|x| x as i64)
                    .unwrap_or(-1),
            )],
            Native::StrIndexRune => vec![Value::Int(
                call.string(0)
                    .find(char::from_u32(call.int(1) as u32).unwrap_or('\u{FFFD}'))
                    .map(|x| x as i64)
                    .unwrap_or(-1),
            )],
            Native::StrLastIndex => {
                let (h, n) = (call.bytes(0), call.bytes(1));
                let r = if n.is_empty() {
                    Some(h.len())
                } else {
                    h.windows(n.len()).rposition(|w| w == n)
                };
                vec![Value::Int(r.map(|x| x as i64).unwrap_or(-1))]
            }
            Native::StrSplit | Native::StrSplitN => {
                let (h, sep) = (call.string(0), call.string(1));
                let n = if call.native == Native::StrSplitN {
                    call.int(2)
                } else {
                    -1
                };
                // Every part is a string in a slot: check before splitting.
                let parts = if sep.is_empty() {
                    h.chars().count()
                } else {
                    h.matches(sep.as_str()).count() + 1
                };
                self.heap
                    .mem
                    .check(parts as u64 * (cost::SLOT + cost::RC) + h.len() as u64)?;
                let parts: Vec<String> = if n == 0 {
                    vec![]
                } else if sep.is_empty() {
                    let mut v: Vec<String> = h.chars().map(|c| c.to_string()).collect();
                    if n > 0 && v.len() > n as usize {
                        let rest: String = v[n as usize - 1..].concat();
                        v.truncate(n as usize - 1);
                        v.push(rest);
                    }
                    v
                } else if n > 0 {
                    h.splitn(n as usize, sep.as_str())
                        .map(|x| x.to_string())
                        .collect()
                } else {
                    h.split(sep.as_str()).map(|x| x.to_string()).collect()
                };
                let items = parts.iter().map(|p| Value::str(p)).collect();
                vec![slice::from_vec(&mut self.heap, items)?]
            }
            Native::StrFields => {
                let h = call.bytes(0);
                self.heap
                    .mem
                    .check(h.len() as u64 / 2 * (cost::SLOT + cost::RC) + h.len() as u64)?;
                let items = call.string(0).split_whitespace().map(Value::str).collect();
                vec![slice::from_vec(&mut self.heap, items)?]
            }
            Native::StrJoin => {
                let parts = slice::items(&self.heap, &call.args[0]);
                let sep = call.bytes(1);
                let total = parts.iter().map(|v| v.as_bytes().len() as u64).sum::<u64>()
                    + (parts.len().saturating_sub(1) as u64).saturating_mul(sep.len() as u64);
                self.heap.mem.check(cost::string(total as usize))?;
                let mut out = Vec::with_capacity(total as usize);
                for (i, p) in parts.iter().enumerate() {
                    if i > 0 {
                        out.extend_from_slice(&sep);
                    }
                    out.extend_from_slice(p.as_bytes());
                }
                vec![Value::bytes(&out)]
            }
            Native::StrRepeat => {
                let n = call.int(1);
                if n < 0 {
                    g.finish(call.argc, vec![]);
                    return Err(self.panic_string("strings: negative Repeat count"));
                }
                let total = (call.bytes(0).len() as u64).saturating_mul(n as u64);
                if total > isize::MAX as u64 {
                    g.finish(call.argc, vec![]);
                    return Err(self.panic_string("strings: Repeat output length overflow"));
                }
                self.heap.mem.check(cost::string(total as usize))?;
                vec![Value::bytes(&call.bytes(0).repeat(n as usize))]
            }
            Native::StrReplace | Native::StrReplaceAll => {
                let n = if call.native == Native::StrReplace {
                    call.int(3)
                } else {
                    -1
                };
                let (s, old, new) = (call.string(0), call.string(1), call.string(2));
                // The result's size, before building it: replacing "" or a
                // short string with a long one multiplies the length.
                let hits = if old.is_empty() {
                    s.chars().count() as u64 + 1
                } else {
                    s.matches(old.as_str()).count() as u64
                };
                let hits = if n < 0 { hits } else { hits.min(n as u64) };
                let total = (s.len() as u64).saturating_add(hits.saturating_mul(new.len() as u64));
                self.heap.mem.check(cost::string(total as usize))?;
                let r = if n < 0 {
                    call.string(0).replace(&call.string(1), &call.string(2))
                } else {
                    call.string(0)
                        .replacen(&call.string(1), &call.string(2), n as usize)
                };
                vec![Value::str(&r)]
            }
            Native::StrToUpper | Native::StrToLower | Native::StrTitle | Native::StrToTitle
                if self.heap.mem.check(3 * call.bytes(0).len() as u64).is_err() =>
            {
                return Err(crate::vm::heap::HeapError::OutOfMemory.into());
            }
            Native::StrToUpper => vec![Value::str(&unicase::str_to_upper(&call.bytes(0)))],
            Native::StrToLower => vec![Value::str(&unicase::str_to_lower(&call.bytes(0)))],
            Native::StrTitle => vec![Value::str(&unicase::str_title(&call.bytes(0)))],
            Native::StrToTitle => {
                vec![Value::str(&unicase::map(&call.bytes(0), unicase::to_title))]
            }
            Native::StrTrimSpace => vec![Value::str(call.string(0).trim())],
            Native::StrTrim => {
                let cut = call.string(1);
                vec![Value::str(call.string(0).trim_matches(|c| cut.contains(c)))]
            }
            Native::StrTrimLeft => {
                let cut = call.string(1);
                vec![Value::str(
                    call.string(0).trim_start_matches(|c| cut.contains(c)),
                )]
            }
            Native::StrTrimRight => {
                let cut = call.string(1);
                vec![Value::str(
                    call.string(0).trim_end_matches(|c| cut.contains(c)),
                )]
            }
            Native::StrTrimPrefix => {
                let (x, p) = (call.bytes(0), call.bytes(1));
                vec![Value::bytes(x.strip_prefix(&p[..]).unwrap_or(&x))]
            }
            Native::StrTrimSuffix => {
                let (x, p) = (call.bytes(0), call.bytes(1));
                vec![Value::bytes(x.strip_suffix(&p[..]).unwrap_or(&x))]
            }
            Native::StrCount => {
                let (h, n) = (call.string(0), call.string(1));
                let c = if n.is_empty() {
                    h.chars().count() + 1
                } else {
                    h.matches(n.as_str()).count()
                };
                vec![Value::Int(c as i64)]
            }
            Native::StrEqualFold => vec![Value::Bool(unicase::equal_fold(
                &call.bytes(0),
                &call.bytes(1),
            ))],
            Native::StrCompare => vec![Value::Int(match call.bytes(0).cmp(&call.bytes(1)) {
                std::cmp::Ordering::Less => -1,
                std::cmp::Ordering::Equal => 0,
                std::cmp::Ordering::Greater => 1,
            })],
            _ => return Err(misrouted()),
        })
    }

    /// Package `strconv`.
    pub(super) fn strconv(
        &mut self,
        g: &mut Goroutine,
        call: &NativeCall,
    ) -> Result<Vec<Value>, Fault> {
        Ok(match call.native {
            Native::Itoa => vec![Value::str(&call.int(0).to_string())],
            Native::FormatInt => {
                let base = call.int(1);
                if !(2..=36).contains(&base) {
                    g.finish(call.argc, vec![]);
                    return Err(self.panic_string("strconv: illegal AppendInt/FormatInt base"));
                }
                vec![Value::str(&format::format_int(call.int(0), base as u32))]
            }
            Native::FormatUint => {
                let base = call.int(1);
                if !(2..=36).contains(&base) {
                    g.finish(call.argc, vec![]);
                    return Err(self.panic_string("strconv: illegal AppendInt/FormatInt base"));
                }
                vec![Value::str(&format::format_uint(
                    call.int(0) as u64,
                    base as u32,
                ))]
            }
            Native::FormatFloat => vec![Value::str(&format::format_float(
                call.float(0),
                call.int(1) as u8,
                call.int(2) as i32,
                call.int(3) as u32,
            ))],
            Native::FormatBool => vec![Value::str(
                if call.args.first().is_some_and(|v| v.as_bool()) {
                    "true"
                } else {
                    "false"
                },
            )],
            Native::Quote
                if self
                    .heap
                    .mem
                    .check(10 * call.bytes(0).len() as u64)
                    .is_err() =>
            {
                return Err(crate::vm::heap::HeapError::OutOfMemory.into());
            }
            Native::Quote => vec![Value::str(&format::quote(&call.bytes(0)))],
            Native::QuoteRune => vec![Value::bytes(&format::quote_rune(call.int(0) as u32, false))],
            Native::ParseInt | Native::ParseUint => {
                let (v, code) = parse_int(
                    &call.string(0),
                    call.int(1),
                    call.int(2),
                    call.native == Native::ParseUint,
                );
                vec![Value::Int(v), Value::Int(code)]
            }
            Native::ParseFloat => {
                let (f, code) = match format::atof::parse_go(&call.string(0), call.int(1)) {
                    GoFloat::Ok(f) => (f, 0),
                    GoFloat::Syntax => (0.0, 1),
                    GoFloat::Range(f) => (f, 2),
                };
                vec![Value::Float(f), Value::Int(code)]
            }
            _ => return Err(misrouted()),
        })
    }

    /// Package `math`.
    pub(super) fn math(
        &mut self,
        _g: &mut Goroutine,
        call: &NativeCall,
    ) -> Result<Vec<Value>, Fault> {
        Ok(match call.native {
            Native::MathUnary(f) => {
                let x = call.float(0);
                vec![Value::Float(match f {
                    MathFn::Sqrt => x.sqrt(),
                    MathFn::Floor => x.floor(),
                    MathFn::Ceil => x.ceil(),
                    MathFn::Trunc => x.trunc(),
                    MathFn::Round => x.round(),
                    MathFn::Abs => x.abs(),
                    MathFn::Log => super::gomath::log(x),
                    MathFn::Exp => super::gomath::exp(x),
                })]
            }
            Native::MathBits(k) => vec![match k {
                0 => Value::Int(call.float(0).to_bits() as i64),
                1 => Value::Float(f64::from_bits(call.int(0) as u64)),
                2 => Value::Int(i64::from((call.float(0) as f32).to_bits())),
                _ => Value::Float(f64::from(f32::from_bits(call.int(0) as u32))),
            }],
            Native::MathPow => vec![Value::Float(super::gomath::pow(
                call.float(0),
                call.float(1),
            ))],
            Native::MathMod => vec![Value::Float(call.float(0) % call.float(1))],
            Native::MathFma => vec![Value::Float(
                call.float(0).mul_add(call.float(1), call.float(2)),
            )],
            Native::MathInf => vec![Value::Float(if call.int(0) >= 0 {
                f64::INFINITY
            } else {
                f64::NEG_INFINITY
            })],
            Native::MathNaN => vec![Value::Float(super::gomath::NAN)],
            Native::MathIsNaN => vec![Value::Bool(call.float(0).is_nan())],
            Native::MathIsInf => {
                let (x, sign) = (call.float(0), call.int(1));
                vec![Value::Bool(
                    (sign >= 0 && x == f64::INFINITY) || (sign <= 0 && x == f64::NEG_INFINITY),
                )]
            }
            Native::MathMax | Native::MathMin | Native::FloatMax | Native::FloatMin => {
                let max = matches!(call.native, Native::MathMax | Native::FloatMax);
                let math = matches!(call.native, Native::MathMax | Native::MathMin);
                vec![Value::Float(min_max(
                    call.float(0),
                    call.float(1),
                    max,
                    math,
                ))]
            }
            _ => return Err(misrouted()),
        })
    }

    /// Package `sort` (the prelude's sort.Sort calls lenOf and swapIn).
    pub(super) fn sort(
        &mut self,
        _g: &mut Goroutine,
        call: &NativeCall,
    ) -> Result<Vec<Value>, Fault> {
        Ok(match call.native {
            Native::SortInts | Native::SortStrings => {
                if let Value::Slice(r) = &call.args[0] {
                    if let Some(arr) = self.heap.array_mut(r.arr) {
                        let part = &mut arr[r.off as usize..(r.off + r.len) as usize];
                        match call.native {
                            Native::SortInts => {
                                crate::util::order::sort_by_key(part, |v| v.as_int())
                            }
                            _ => crate::util::order::sort_by_less(part, |x, y| {
                                x.as_bytes() < y.as_bytes()
                            }),
                        }
                    }
                }
                vec![]
            }
            Native::SortLen => {
                let inner = match &call.args[0] {
                    Value::Iface(iv) => iv.1.clone(),
                    other => other.clone(),
                };
                vec![Value::Int(slice::len(&inner) as i64)]
            }
            Native::SortSwap => {
                let inner = match &call.args[0] {
                    Value::Iface(iv) => iv.1.clone(),
                    other => other.clone(),
                };
                if let Value::Slice(r) = inner {
                    let (i, j) = (call.int(1), call.int(2));
                    if i >= 0 && j >= 0 && (i as u32) < r.len && (j as u32) < r.len {
                        if let Some(arr) = self.heap.array_mut(r.arr) {
                            arr.swap((r.off + i as u32) as usize, (r.off + j as u32) as usize);
                        }
                    }
                }
                vec![]
            }
            _ => return Err(misrouted()),
        })
    }

    /// Package `unicode/utf8`.
    pub(super) fn utf8(
        &mut self,
        _g: &mut Goroutine,
        call: &NativeCall,
    ) -> Result<Vec<Value>, Fault> {
        Ok(match call.native {
            Native::Utf8RuneCountInString => {
                vec![Value::Int(utf8::rune_count(&call.bytes(0)) as i64)]
            }
            Native::Utf8RuneCount => {
                let bytes: Vec<u8> = slice::items(&self.heap, &call.args[0])
                    .iter()
                    .map(|v| v.as_int() as u8)
                    .collect();
                vec![Value::Int(utf8::rune_count(&bytes) as i64)]
            }
            Native::Utf8RuneLen => {
                let r = call.int(0);
                vec![Value::Int(match r {
                    r if r < 0 => -1,
                    0..=0x7F => 1,
                    0x80..=0x7FF => 2,
                    0xD800..=0xDFFF => -1,
                    0x800..=0xFFFF => 3,
                    0x10000..=0x10FFFF => 4,
                    _ => -1,
                })]
            }
            Native::Utf8ValidString => {
                vec![Value::Bool(std::str::from_utf8(&call.bytes(0)).is_ok())]
            }
            Native::Utf8DecodeRuneInString => {
                let bytes = call.bytes(0);
                let (r, w) = utf8::decode_rune(&bytes);
                vec![
                    Value::Int(if bytes.is_empty() { 0xFFFD } else { r as i64 }),
                    Value::Int(w as i64),
                ]
            }
            Native::Utf8DecodeLastRuneInString => {
                let bytes = call.bytes(0);
                if bytes.is_empty() {
                    vec![Value::Int(0xFFFD), Value::Int(0)]
                } else {
                    let mut start = bytes.len() - 1;
                    while start > 0 && bytes.len() - start < 4 && (bytes[start] & 0xC0) == 0x80 {
                        start -= 1;
                    }
                    let (r, w) = utf8::decode_rune(&bytes[start..]);
                    if start + w == bytes.len() {
                        vec![Value::Int(r as i64), Value::Int(w as i64)]
                    } else {
                        vec![Value::Int(0xFFFD), Value::Int(1)]
                    }
                }
            }
            _ => return Err(misrouted()),
        })
    }
}

/// The first index of `n` in `h` (0 for an empty `n`).
fn find(h: &[u8], n: &[u8]) -> Option<usize> {
    if n.is_empty() {
        return Some(0);
    }
    h.windows(n.len()).position(|w| w == n)
}

/// strconv's integer parsing: (value, 0 ok | 1 syntax | 2 range).
fn parse_int(s: &str, base: i64, bits: i64, unsigned: bool) -> (i64, i64) {
    let bits = if bits == 0 { 64 } else { bits.clamp(1, 64) } as u32;
    let (neg, body) = match s.as_bytes().first() {
        Some(b'-') if !unsigned => (true, &s[1..]),
        Some(b'+') if !unsigned => (false, &s[1..]),
        _ => (false, s),
    };
    let (mut base, mut digits) = (base as u32, body.to_string());
    if base == 0 {
        base = 10;
        let lower = body.to_ascii_lowercase();
        if let Some(r) = lower.strip_prefix("0x") {
            base = 16;
            digits = r.to_string();
        } else if let Some(r) = lower.strip_prefix("0b") {
            base = 2;
            digits = r.to_string();
        } else if let Some(r) = lower.strip_prefix("0o") {
            base = 8;
            digits = r.to_string();
        } else if lower.starts_with('0') && lower.len() > 1 {
            base = 8;
            digits = lower[1..].to_string();
        }
        digits = digits.replace('_', "");
    }
    if digits.is_empty() || !(2..=36).contains(&base) {
        return (0, 1);
    }
    let mut v: u128 = 0;
    for c in digits.chars() {
        let Some(d) = c.to_digit(base) else {
            return (0, 1);
        };
        v = v.saturating_mul(base as u128).saturating_add(d as u128);
    }
    if unsigned {
        let max = if bits == 64 {
            u64::MAX as u128
        } else {
            (1u128 << bits) - 1
        };
        if v > max {
            return (max as u64 as i64, 2);
        }
        return (v as u64 as i64, 0);
    }
    let max = (1i128 << (bits - 1)) - 1;
    let min = -(1i128 << (bits - 1));
    let sv = if neg { -(v as i128) } else { v as i128 };
    if sv > max {
        return (max as i64, 2);
    }
    if sv < min {
        return (min as i64, 2);
    }
    (sv as i64, 0)
}

/// The larger (`max`) or smaller of two floats as Go's builtins and, with
/// `math`, `math.Max` and `math.Min` choose: a NaN wins, and -0 is less than
/// +0. `math.Max` and `math.Min` check for an infinity in the direction asked
/// for first, so that one wins even over a NaN (`math.Max(+Inf, NaN)` is
/// +Inf where `max(+Inf, NaN)` is NaN).
fn min_max(x: f64, y: f64, max: bool, math: bool) -> f64 {
    let extreme = if max {
        f64::INFINITY
    } else {
        f64::NEG_INFINITY
    };
    if math && (x == extreme || y == extreme) {
        return extreme;
    }
    if x.is_nan() || y.is_nan() {
        return if math { super::gomath::NAN } else { f64::NAN };
    }
    if x == 0.0 && y == 0.0 {
        return if x.is_sign_negative() != max { x } else { y };
    }
    if (x < y) != max {
        x
    } else {
        y
    }
}
