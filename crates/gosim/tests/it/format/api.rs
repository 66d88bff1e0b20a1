//! The format module's API as the VM uses it: the `Arg` constructors, the
//! shapes the VM builds by hand (pointers, nil values, method results), and a
//! robustness check that no format string or value tree makes it panic.
//! Byte-exact agreement with Go is checked by `format::vectors`.

use gosim::format::{
    errorf_text, methods, print_with_methods, sprint, sprintf, sprintln, Arg, Field, FmtValue,
    MethodCall, MethodOut, PrintCall,
};
use gosim::SplitMix;

fn s(b: Vec<u8>) -> String {
    String::from_utf8(b).expect("test output is UTF-8")
}

fn t_struct() -> Arg {
    Arg::structure("main.T", vec![("A", Arg::int(1)), ("B", Arg::string("x"))])
}

#[test]
fn constructors_print_like_go_defaults() {
    let ints = Arg::slice("int", vec![Arg::int(1), Arg::int(2)]);
    assert_eq!(
        s(sprintf(b"%v %T", &[ints.clone(), ints.clone()])),
        "[1 2] []int"
    );
    assert_eq!(s(sprintf(b"%#v", &[ints])), "[]int{1, 2}");

    let bytes = Arg::slice("uint8", vec![Arg::byte(b'h'), Arg::byte(b'i')]);
    assert_eq!(
        s(sprintf(
            b"%v %s %x %q",
            &[bytes.clone(), bytes.clone(), bytes.clone(), bytes]
        )),
        "[104 105] hi 6869 \"hi\""
    );

    let m = Arg::map(
        "string",
        "int",
        vec![
            (Arg::string("b"), Arg::int(2)),
            (Arg::string("a"), Arg::int(1)),
        ],
    );
    assert_eq!(s(sprintln(std::slice::from_ref(&m))), "map[a:1 b:2]\n");
    assert_eq!(s(sprintf(b"%#v", &[m])), "map[string]int{\"a\":1, \"b\":2}");

    assert_eq!(
        s(sprintf(
            b"%v|%+v|%#v",
            &[t_struct(), t_struct(), t_struct()]
        )),
        "{1 x}|{A:1 B:x}|main.T{A:1, B:\"x\"}"
    );
    assert_eq!(
        s(sprintf(
            b"%c%c %T",
            &[Arg::rune('世'), Arg::rune('x'), Arg::rune('x')]
        )),
        "世x int32"
    );
    assert_eq!(
        s(sprint(&[
            Arg::float64(1e6),
            Arg::float32(0.1),
            Arg::bool(true),
            Arg::nil()
        ])),
        "1e+06 0.1 true <nil>"
    );
}

#[test]
fn pointers_print_contents_only_at_top_level() {
    let ptr = Arg::new(
        "*main.T",
        FmtValue::Pointer {
            addr: 0xc000010000,
            pointee: Some(Box::new(t_struct())),
        },
    );
    assert_eq!(
        s(sprintf(b"%v %+v", &[ptr.clone(), ptr.clone()])),
        "&{1 x} &{A:1 B:x}"
    );
    assert_eq!(
        s(sprintf(b"%#v", std::slice::from_ref(&ptr))),
        "&main.T{A:1, B:\"x\"}"
    );
    assert_eq!(
        s(sprintf(b"%p", std::slice::from_ref(&ptr))),
        "0xc000010000"
    );
    let nested = Arg::slice("*main.T", vec![ptr.clone()]);
    assert_eq!(
        s(sprintf(b"%v", std::slice::from_ref(&nested))),
        "[0xc000010000]"
    );
    assert_eq!(
        s(sprintf(b"%#v", &[nested])),
        "[]*main.T{(*main.T)(0xc000010000)}"
    );
    let nil_ptr = Arg::new(
        "*main.T",
        FmtValue::Pointer {
            addr: 0,
            pointee: None,
        },
    );
    assert_eq!(
        s(sprintf(
            b"%v %#v %p",
            &[nil_ptr.clone(), nil_ptr.clone(), nil_ptr]
        )),
        "<nil> (*main.T)(nil) 0x0"
    );
}

#[test]
fn nil_values_of_each_kind() {
    let nil_slice = Arg::new(
        "[]int",
        FmtValue::Slice {
            elem_uint8: false,
            items: None,
            addr: 0,
        },
    );
    let nil_map = Arg::new(
        "map[string]int",
        FmtValue::Map {
            entries: None,
            addr: 0,
        },
    );
    let nil_chan = Arg::new("chan int", FmtValue::Chan { addr: 0 });
    let nil_func = Arg::new("func()", FmtValue::Func { addr: 0 });
    let args = [
        nil_slice.clone(),
        nil_map.clone(),
        nil_chan,
        nil_func,
        Arg::nil(),
    ];
    assert_eq!(s(sprintln(&args)), "[] map[] <nil> <nil> <nil>\n");
    assert_eq!(
        s(sprintf(b"%#v %#v", &[nil_slice, nil_map])),
        "[]int(nil) map[string]int(nil)"
    );
    let boxed = Arg::slice(
        "interface {}",
        vec![Arg::new("interface {}", FmtValue::Nil), Arg::int(3)],
    );
    assert_eq!(
        s(sprintf(b"%v %#v", &[boxed.clone(), boxed])),
        "[<nil> 3] []interface {}{interface {}(nil), 3}"
    );
    assert_eq!(
        s(sprintf(b"%d %T", &[Arg::nil(), Arg::nil()])),
        "%!d(<nil>) <nil>"
    );
}

#[test]
fn method_results_replace_the_value_for_string_verbs_only() {
    let dur = Arg::with_method("time.Duration", "1.5s", FmtValue::Int(1_500_000_000));
    assert_eq!(
        s(sprintf(
            b"%v %s %d %q",
            &[dur.clone(), dur.clone(), dur.clone(), dur.clone()]
        )),
        "1.5s 1.5s 1500000000 \"1.5s\""
    );
    assert_eq!(s(sprintf(b"%#v", std::slice::from_ref(&dur))), "1500000000");
    let err = Arg::with_method(
        "*errors.errorString",
        "boom",
        FmtValue::Pointer {
            addr: 0xc000012000,
            pointee: Some(Box::new(Arg::structure(
                "errors.errorString",
                vec![("s", Arg::string("boom"))],
            ))),
        },
    );
    assert_eq!(s(sprintln(&[err.clone(), dur])), "boom 1.5s\n");
    assert_eq!(
        s(sprintf(b"%w", std::slice::from_ref(&err))),
        "%!w(*errors.errorString=&{boom})"
    );
    assert_eq!(s(errorf_text(b"wrap: %w", &[err])), "wrap: boom");
    // Print puts no space next to a string operand, including a Stringer of string kind.
    let named = Arg::with_method("main.N", "n!", FmtValue::Str(b"n".to_vec()));
    assert_eq!(s(sprint(&[Arg::int(1), named, Arg::int(2)])), "1n!2");
}

#[test]
fn struct_fields_keep_their_own_types() {
    let outer = Arg::new(
        "main.O",
        FmtValue::Struct {
            fields: vec![
                Field {
                    name: "In".into(),
                    value: t_struct(),
                },
                Field {
                    name: "Err".into(),
                    value: Arg::new("error", FmtValue::Nil),
                },
            ],
        },
    );
    assert_eq!(
        s(sprintf(b"%+v", std::slice::from_ref(&outer))),
        "{In:{A:1 B:x} Err:<nil>}"
    );
    assert_eq!(s(sprintf(b"%d", &[outer])), "{{1 %!d(string=x)} <nil>}");
}

fn random_arg(r: &mut SplitMix, depth: u32) -> Arg {
    let pick = if depth > 2 { r.below(7) } else { r.below(14) };
    match pick {
        0 => Arg::int(r.next_u64() as i64),
        1 => Arg::new("uint8", FmtValue::Uint(r.below(256))),
        2 => Arg::float64(f64::from_bits(r.next_u64())),
        3 => Arg::float32(f32::from_bits(r.next_u64() as u32)),
        4 => Arg::string(
            (0..r.below(6))
                .map(|_| r.next_u64() as u8)
                .collect::<Vec<u8>>(),
        ),
        5 => Arg::nil(),
        6 => Arg::bool(r.below(2) == 1),
        7 => Arg::slice(
            "uint8",
            (0..r.below(4)).map(|_| random_arg(r, depth + 1)).collect(),
        ),
        8 => Arg::map(
            "any",
            "any",
            (0..r.below(4))
                .map(|_| (random_arg(r, depth + 1), random_arg(r, depth + 1)))
                .collect(),
        ),
        9 => Arg::structure(
            "main.S",
            vec![
                ("A", random_arg(r, depth + 1)),
                ("", random_arg(r, depth + 1)),
            ],
        ),
        10 => Arg::new(
            "*main.S",
            FmtValue::Pointer {
                addr: r.below(3),
                pointee: Some(Box::new(random_arg(r, depth + 1))),
            },
        ),
        11 => Arg::with_method("main.M", b"m\xff".to_vec(), random_arg(r, depth + 1).value),
        12 => Arg::new(
            "main.F",
            FmtValue::Methods {
                id: r.below(4) as u32,
                set: r.below(16) as u8,
                nil_ptr: r.below(2) == 1,
                value: Box::new(random_arg(r, depth + 1).value),
            },
        ),
        _ => Arg::new(
            "[2]uint8",
            FmtValue::Array {
                elem_uint8: true,
                items: vec![random_arg(r, depth + 1)],
            },
        ),
    }
}

#[test]
fn random_formats_and_values_never_panic() {
    const ALPHABET: &[u8] = b"%%%%#+- 0123456789.*[]vdsqxXTtpcUeEfFgGbOowz!\xc3\xa4\xff";
    let mut r = SplitMix(0x9E37_79B9_7F4A_7C15);
    let mut total = 0usize;
    for _ in 0..20_000 {
        let len = r.below(12) as usize;
        let format: Vec<u8> = (0..len)
            .map(|_| ALPHABET[r.below(ALPHABET.len() as u64) as usize])
            .collect();
        let args: Vec<Arg> = (0..r.below(4)).map(|_| random_arg(&mut r, 0)).collect();
        total += sprintf(&format, &args).len();
        total += errorf_text(&format, &args).len();
        total += sprint(&args).len() + sprintln(&args).len();
        // Both passes of a call with methods, with too few results or
        // too many.
        let first = print_with_methods(PrintCall::Printf(&format), &args, usize::MAX, None);
        let results: Vec<MethodOut> = (0..first.calls.len() + r.below(3) as usize)
            .filter(|_| r.below(4) != 0)
            .map(|i| match i % 2 {
                0 => MethodOut::Text(b"t\xff".to_vec()),
                _ => MethodOut::Panic {
                    written: b"w".to_vec(),
                    text: b"p".to_vec(),
                },
            })
            .collect();
        let second = print_with_methods(PrintCall::Println, &args, usize::MAX, Some(results));
        assert!(second.calls.is_empty());
        total += second.out.len();
    }
    // Something was printed (and every call above returned).
    assert!(total > 100_000, "printed only {total} bytes");
}

/// A value with the given fmt methods, as the VM wraps one.
fn with_methods(id: u32, set: u8, value: FmtValue) -> Arg {
    Arg::new(
        "main.M",
        FmtValue::Methods {
            id,
            set,
            nil_ptr: false,
            value: Box::new(value),
        },
    )
}

#[test]
fn the_first_pass_lists_only_the_calls_the_verbs_make() {
    let m = with_methods(0, methods::STRING, FmtValue::Int(7));
    let args = vec![m.clone(), m.clone(), m.clone(), m];
    let p = print_with_methods(PrintCall::Printf(b"%d %T %#v %5s"), &args, usize::MAX, None);
    assert_eq!(
        p.calls,
        vec![MethodCall {
            id: 0,
            method: methods::STRING,
            verb: u32::from(b's'),
            flags: 0,
            wid: Some(5),
            prec: None,
            nil_ptr: false,
        }]
    );
    let results = vec![MethodOut::Text(b"seven".to_vec())];
    let p = print_with_methods(
        PrintCall::Printf(b"%d %T %#v %5s"),
        &args,
        usize::MAX,
        Some(results),
    );
    assert!(p.calls.is_empty());
    assert_eq!(s(p.out), "7 main.M 7 seven");
}

#[test]
fn format_comes_first_and_sees_the_flags_of_nested_values() {
    let all = methods::FORMAT | methods::GO_STRING | methods::ERROR | methods::STRING;
    let list = Arg::slice(
        "main.M",
        vec![
            with_methods(0, all, FmtValue::Int(1)),
            with_methods(1, all, FmtValue::Int(2)),
        ],
    );
    let p = print_with_methods(
        PrintCall::Printf(b"%+#v"),
        std::slice::from_ref(&list),
        usize::MAX,
        None,
    );
    let seen: Vec<(u32, u8, u32, u8)> = p
        .calls
        .iter()
        .map(|c| (c.id, c.method, c.verb, c.flags))
        .collect();
    // '+' and '#' are bits 2 and 8.
    assert_eq!(
        seen,
        vec![
            (0, methods::FORMAT, u32::from(b'v'), 10),
            (1, methods::FORMAT, u32::from(b'v'), 10)
        ]
    );
    let results = vec![
        MethodOut::Text(b"one".to_vec()),
        MethodOut::Panic {
            written: b"tw".to_vec(),
            text: b"oops".to_vec(),
        },
    ];
    let p = print_with_methods(
        PrintCall::Printf(b"%+#v"),
        &[list],
        usize::MAX,
        Some(results),
    );
    assert_eq!(s(p.out), "[]main.M{one, tw%!v(PANIC=Format method: oops)}");
}

#[test]
fn go_string_serves_sharp_v_and_error_beats_string() {
    let both = with_methods(
        0,
        methods::GO_STRING | methods::ERROR | methods::STRING,
        FmtValue::Int(3),
    );
    let args = vec![both.clone(), both];
    let p = print_with_methods(PrintCall::Printf(b"%#6v|%q"), &args, usize::MAX, None);
    let seen: Vec<u8> = p.calls.iter().map(|c| c.method).collect();
    assert_eq!(seen, vec![methods::GO_STRING, methods::ERROR]);
    let results = vec![
        MethodOut::Text(b"G".to_vec()),
        MethodOut::Text(b"e".to_vec()),
    ];
    let p = print_with_methods(
        PrintCall::Printf(b"%#6v|%q"),
        &args,
        usize::MAX,
        Some(results),
    );
    assert_eq!(s(p.out), "     G|\"e\"");
}
