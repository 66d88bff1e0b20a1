//! Checks gosim's fmt engine against vectors recorded from real Go by
//! `format_vectors/main.go` (record grammar in `format_vectors/enc.go`). Go is not
//! needed to run this test; re-record `format_vectors/vectors.txt` with
//! `format_vectors/regen.sh` when adding cases.

use gosim::format::{
    civil, errorf_text, format_duration, format_float, format_int, format_time, format_time_layout,
    format_uint, month_name, quote, sprint, sprintf, sprintln, weekday_name, Arg, Field, FmtValue,
};

const VECTORS: &[u8] = include_bytes!("../../format_vectors/vectors.txt");

struct Cursor<'a> {
    b: &'a [u8],
    i: usize,
}

impl<'a> Cursor<'a> {
    fn byte(&mut self) -> u8 {
        let c = self.b[self.i];
        self.i += 1;
        c
    }
    /// Text up to the next `;` (consumed).
    fn until_semi(&mut self) -> &'a str {
        let start = self.i;
        while self.b[self.i] != b';' {
            self.i += 1;
        }
        let s = std::str::from_utf8(&self.b[start..self.i]).expect("numbers are ASCII");
        self.i += 1;
        s
    }
    fn num<T: std::str::FromStr>(&mut self) -> T {
        match self.until_semi().parse() {
            Ok(v) => v,
            Err(_) => panic!("bad number at byte {}", self.i),
        }
    }
    /// A `<len>:<bytes>` string.
    fn lstr(&mut self) -> &'a [u8] {
        let start = self.i;
        while self.b[self.i] != b':' {
            self.i += 1;
        }
        let n: usize = std::str::from_utf8(&self.b[start..self.i])
            .expect("ASCII length")
            .parse()
            .expect("length");
        self.i += 1;
        let s = &self.b[self.i..self.i + n];
        self.i += n;
        s
    }
    fn text(&mut self) -> String {
        String::from_utf8(self.lstr().to_vec()).expect("type names are UTF-8")
    }
    fn flag(&mut self) -> bool {
        self.byte() == b'1'
    }

    fn value(&mut self) -> Arg {
        let tag = self.byte();
        let ty = self.text();
        let value = match tag {
            b'N' => FmtValue::Nil,
            b'B' => FmtValue::Bool(self.flag()),
            b'I' => FmtValue::Int(self.num()),
            b'U' => FmtValue::Uint(self.num()),
            b'F' => FmtValue::Float64(f64::from_bits(
                u64::from_str_radix(self.until_semi(), 16).expect("hex bits"),
            )),
            b'f' => FmtValue::Float32(f32::from_bits(
                u32::from_str_radix(self.until_semi(), 16).expect("hex bits"),
            )),
            b'S' => FmtValue::Str(self.lstr().to_vec()),
            b'L' => {
                let elem_uint8 = self.flag();
                let nil = self.flag();
                let addr = self.num();
                let n: usize = self.num();
                let items: Vec<Arg> = (0..n).map(|_| self.value()).collect();
                FmtValue::Slice {
                    elem_uint8,
                    items: if nil { None } else { Some(items) },
                    addr,
                }
            }
            b'A' => {
                let elem_uint8 = self.flag();
                let n: usize = self.num();
                FmtValue::Array {
                    elem_uint8,
                    items: (0..n).map(|_| self.value()).collect(),
                }
            }
            b'M' => {
                let nil = self.flag();
                let addr = self.num();
                let n: usize = self.num();
                let entries: Vec<(Arg, Arg)> =
                    (0..n).map(|_| (self.value(), self.value())).collect();
                FmtValue::Map {
                    entries: if nil { None } else { Some(entries) },
                    addr,
                }
            }
            b'T' => {
                let n: usize = self.num();
                FmtValue::Struct {
                    fields: (0..n)
                        .map(|_| {
                            let name = self.text();
                            Field {
                                name,
                                value: self.value(),
                            }
                        })
                        .collect(),
                }
            }
            b'P' => {
                let addr = self.num();
                let pointee = if self.flag() {
                    Some(Box::new(self.value()))
                } else {
                    None
                };
                FmtValue::Pointer { addr, pointee }
            }
            b'C' => FmtValue::Chan { addr: self.num() },
            b'G' => FmtValue::Func { addr: self.num() },
            b'X' => {
                let text = self.lstr().to_vec();
                let inner = self.value();
                FmtValue::Method {
                    text,
                    value: Box::new(inner.value),
                }
            }
            b'Z' => {
                let method = String::from_utf8(self.lstr().to_vec()).expect("method name");
                let panic = self.lstr().to_vec();
                let inner = self.value();
                FmtValue::MethodPanic {
                    method,
                    panic,
                    value: Box::new(inner.value),
                }
            }
            other => panic!("unknown tag {:?} at byte {}", other as char, self.i),
        };
        Arg { ty, value }
    }
}

fn show(b: &[u8]) -> String {
    format!("{:?}", String::from_utf8_lossy(b))
}

#[test]
fn every_recorded_vector_matches_real_go() {
    let mut c = Cursor { b: VECTORS, i: 0 };
    let mut failures = Vec::new();
    let mut count = 0usize;
    let mut kinds = [0usize; 8];
    while c.i < c.b.len() {
        let start = c.i;
        let rec = c.byte();
        let (what, got, want): (String, Vec<u8>, Vec<u8>) = match rec {
            b'V' => {
                kinds[0] += 1;
                let call = c.byte();
                let format = c.lstr();
                let n: usize = c.num();
                let args: Vec<Arg> = (0..n).map(|_| c.value()).collect();
                let want = c.lstr().to_vec();
                let got = match call {
                    b'p' => sprintf(format, &args),
                    b's' => sprint(&args),
                    b'l' => sprintln(&args),
                    b'e' => errorf_text(format, &args),
                    other => panic!("unknown call {}", other as char),
                };
                (
                    format!("{}({}, {:?})", call as char, show(format), args),
                    got,
                    want,
                )
            }
            b'D' => {
                kinds[1] += 1;
                let ns: i64 = c.num();
                let want = c.lstr().to_vec();
                (
                    format!("duration({ns})"),
                    format_duration(ns).into_bytes(),
                    want,
                )
            }
            b'Q' => {
                kinds[2] += 1;
                let s = c.lstr();
                let want = c.lstr().to_vec();
                (format!("quote({})", show(s)), quote(s).into_bytes(), want)
            }
            b'G' => {
                kinds[3] += 1;
                let bits = u64::from_str_radix(c.until_semi(), 16).expect("hex");
                let fmt = c.byte();
                let prec: i32 = c.num();
                let size: u32 = c.num();
                let want = c.lstr().to_vec();
                let x = f64::from_bits(bits);
                (
                    format!("format_float({x:e}, {}, {prec}, {size})", fmt as char),
                    format_float(x, fmt, prec, size).into_bytes(),
                    want,
                )
            }
            b'W' => {
                kinds[4] += 1;
                let ns: i64 = c.num();
                let mono = c.until_semi();
                let mono: Option<i64> = if mono == "n" { None } else { mono.parse().ok() };
                let want = c.lstr().to_vec();
                (
                    format!("format_time({ns}, {mono:?})"),
                    format_time(ns, mono).into_bytes(),
                    want,
                )
            }
            b'Y' => {
                kinds[5] += 1;
                let ns: i64 = c.num();
                let layout = String::from_utf8(c.lstr().to_vec()).expect("layout");
                let want = c.lstr().to_vec();
                (
                    format!("format_time_layout({ns}, {layout:?})"),
                    format_time_layout(ns, &layout).into_bytes(),
                    want,
                )
            }
            b'K' => {
                kinds[7] += 1;
                let ns: i64 = c.num();
                let want = c.lstr().to_vec();
                let t = civil(ns);
                let got = format!(
                    "{} {} {} {} {} {} {} {} {} {} {}",
                    t.year,
                    t.month,
                    t.day,
                    t.yday,
                    t.weekday,
                    t.hour,
                    t.min,
                    t.sec,
                    t.nsec,
                    month_name(i64::from(t.month)),
                    weekday_name(i64::from(t.weekday))
                );
                (format!("civil({ns})"), got.into_bytes(), want)
            }
            b'I' | b'J' => {
                kinds[6] += 1;
                let v = c.until_semi();
                let base: u32 = c.num();
                let want = c.lstr().to_vec();
                let got = if rec == b'I' {
                    format_int(v.parse().expect("int"), base)
                } else {
                    format_uint(v.parse().expect("uint"), base)
                };
                (format!("format_int({v}, {base})"), got.into_bytes(), want)
            }
            other => panic!("unknown record {:?} at byte {start}", other as char),
        };
        assert_eq!(
            c.byte(),
            b'\n',
            "record at byte {start} not newline-terminated"
        );
        count += 1;
        if got != want {
            failures.push(format!(
                "{what}\n   got: {}\n  want: {}",
                show(&got),
                show(&want)
            ));
        }
    }
    // Every record type must be present, so a truncated file cannot pass.
    assert!(kinds.iter().all(|&k| k > 0), "record counts {kinds:?}");
    eprintln!("{count} vectors, by record type {kinds:?}");
    assert!(count > 1000, "only {count} vectors");
    if !failures.is_empty() {
        let shown: Vec<&String> = failures.iter().take(60).collect();
        panic!(
            "{} of {count} vectors differ from real Go:\n{}",
            failures.len(),
            shown
                .iter()
                .map(|s| s.as_str())
                .collect::<Vec<_>>()
                .join("\n")
        );
    }
}
