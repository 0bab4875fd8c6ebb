use super::*;

type Frames = Vec<Result<Option<Vec<Vec<u8>>>, ProtocolError>>;

fn unauth() -> Limits {
    Limits {
        authenticated: false,
        ..Limits::default()
    }
}

/// Parses everything in `input` in one go: each frame as Some(args), each
/// empty frame as None, stopping at the first error or incomplete frame.
fn parse_all(input: &[u8], limits: &Limits) -> (Frames, usize) {
    let mut p = RequestParser::new();
    let mut out = Vec::new();
    let mut off = 0;
    loop {
        match p.parse(&input[off..], limits) {
            Ok(Parsed::Incomplete) => return (out, off),
            Ok(Parsed::Empty { consumed }) => {
                out.push(Ok(None));
                off += consumed;
            }
            Ok(Parsed::Command { consumed }) => {
                out.push(Ok(Some(p.args(&input[off..]).to_vec())));
                off += consumed;
            }
            Err(e) => {
                out.push(Err(e));
                return (out, off);
            }
        }
    }
}

fn one(input: &[u8]) -> Result<Parsed, ProtocolError> {
    RequestParser::new().parse(input, &Limits::default())
}

fn err(input: &[u8], limits: &Limits) -> ProtocolError {
    let (frames, _) = parse_all(input, limits);
    match frames.last() {
        Some(Err(e)) => *e,
        other => panic!(
            "{:?}: expected an error, got {other:?}",
            String::from_utf8_lossy(input)
        ),
    }
}

fn cmd(args: &[&[u8]]) -> Option<Vec<Vec<u8>>> {
    Some(args.iter().map(|a| a.to_vec()).collect())
}

fn multibulk(args: &[&[u8]]) -> Vec<u8> {
    let mut v = format!("*{}\r\n", args.len()).into_bytes();
    for a in args {
        v.extend_from_slice(format!("${}\r\n", a.len()).as_bytes());
        v.extend_from_slice(a);
        v.extend_from_slice(b"\r\n");
    }
    v
}

#[test]
fn simple_multibulk() {
    let input = multibulk(&[b"SET", b"key", b"value"]);
    let mut p = RequestParser::new();
    let r = p.parse(&input, &Limits::default()).unwrap();
    assert_eq!(
        r,
        Parsed::Command {
            consumed: input.len()
        }
    );
    let args = p.args(&input);
    assert_eq!(args.len(), 3);
    assert_eq!(args.get(0), b"SET");
    assert_eq!(&args[2], b"value");
    // Zero-copy: the argument points into the caller's buffer.
    assert!(std::ptr::eq(args.get(1).as_ptr(), input[17..].as_ptr()));
}

#[test]
fn simple_inline() {
    let (frames, used) = parse_all(b"SET a b\r\nGET a\nPING\r\n", &Limits::default());
    assert_eq!(
        frames,
        vec![
            Ok(cmd(&[b"SET", b"a", b"b"])),
            Ok(cmd(&[b"GET", b"a"])),
            Ok(cmd(&[b"PING"]))
        ]
    );
    assert_eq!(used, 21);
}

#[test]
fn empty_frames() {
    for input in [
        &b"\r\n"[..],
        b"\n",
        b"   \r\n",
        b"*0\r\n",
        b"*-1\r\n",
        b"*-100\r\n",
    ] {
        assert_eq!(
            one(input),
            Ok(Parsed::Empty {
                consumed: input.len()
            }),
            "{input:?}"
        );
    }
    // A lone \r is whitespace inside the line.
    assert_eq!(one(b"\r\r\n"), Ok(Parsed::Empty { consumed: 3 }));
}

#[test]
fn inline_strips_one_cr() {
    let (frames, _) = parse_all(b"GET a\r\r\n", &Limits::default());
    assert_eq!(frames, vec![Ok(cmd(&[b"GET", b"a"]))]);
    let (frames, _) = parse_all(b"GET \"a\r\"\r\n", &Limits::default());
    assert_eq!(frames, vec![Ok(cmd(&[b"GET", b"a\r"]))]);
}

#[test]
fn inline_quoting() {
    let (frames, _) = parse_all(b"SET \"a b\" 'c\\'d' \"\\x00\\n\"\r\n", &Limits::default());
    assert_eq!(frames, vec![Ok(cmd(&[b"SET", b"a b", b"c'd", b"\x00\n"]))]);
}

#[test]
fn error_messages() {
    let cases: &[(ProtocolError, &str)] = &[
        (
            ProtocolError::TooBigInline,
            "Protocol error: too big inline request",
        ),
        (
            ProtocolError::UnbalancedQuotes,
            "Protocol error: unbalanced quotes in request",
        ),
        (
            ProtocolError::TooBigMbulkCount,
            "Protocol error: too big mbulk count string",
        ),
        (
            ProtocolError::InvalidMultibulkLength,
            "Protocol error: invalid multibulk length",
        ),
        (
            ProtocolError::TooBigBulkCount,
            "Protocol error: too big bulk count string",
        ),
        (
            ProtocolError::ExpectedDollar(b'x'),
            "Protocol error: expected '$', got 'x'",
        ),
        (
            ProtocolError::ExpectedDollar(b'\r'),
            "Protocol error: expected '$', got ' '",
        ),
        (
            ProtocolError::InvalidBulkLength,
            "Protocol error: invalid bulk length",
        ),
        (
            ProtocolError::UnauthenticatedMultibulkLength,
            "Protocol error: unauthenticated multibulk length",
        ),
        (
            ProtocolError::UnauthenticatedBulkLength,
            "Protocol error: unauthenticated bulk length",
        ),
    ];
    for (e, text) in cases {
        assert_eq!(e.message(), *text);
        assert_eq!(e.to_string(), *text);
        assert_eq!(e.message_bytes(), text.as_bytes());
        assert_eq!(e.error_text(), format!("ERR {text}").into_bytes());
    }
    assert_eq!(
        ProtocolError::ExpectedDollar(0xff).message_bytes(),
        b"Protocol error: expected '$', got '\xff'"
    );
}

#[test]
fn inline_errors() {
    let d = Limits::default();
    assert_eq!(err(b"SET \"a\r\n", &d), ProtocolError::UnbalancedQuotes);
    assert_eq!(err(b"SET 'a'b\r\n", &d), ProtocolError::UnbalancedQuotes);
    assert_eq!(
        err(b"SET \"a\"\"b\"\n", &d),
        ProtocolError::UnbalancedQuotes
    );

    // 64 KiB without a newline is still fine; one more byte is not.
    let mut long = vec![b'a'; INLINE_MAX_SIZE];
    assert_eq!(one(&long), Ok(Parsed::Incomplete));
    long.push(b'a');
    assert_eq!(one(&long), Err(ProtocolError::TooBigInline));
    // A long line whose newline already arrived is accepted, as in Redis.
    long.extend_from_slice(b"\r\n");
    assert!(matches!(one(&long), Ok(Parsed::Command { .. })));
}

#[test]
fn nul_hides_the_terminator() {
    // Redis finds line ends with strchr, which stops at NUL.
    assert_eq!(one(b"GET a\0b\r\n"), Ok(Parsed::Incomplete));
    assert_eq!(one(b"*1\0\r\n$1\r\na\r\n"), Ok(Parsed::Incomplete));
    assert_eq!(one(b"*1\r\n$1\0\r\na\r\n"), Ok(Parsed::Incomplete));
    let mut long = b"PING\0".to_vec();
    long.resize(INLINE_MAX_SIZE + 1, b'\n');
    assert_eq!(one(&long), Err(ProtocolError::TooBigInline));
    // NUL inside a bulk payload is just data.
    let input = multibulk(&[b"SET", b"k\0", b"\0\r\n\0"]);
    let (frames, _) = parse_all(&input, &Limits::default());
    assert_eq!(frames, vec![Ok(cmd(&[b"SET", b"k\0", b"\0\r\n\0"]))]);
}

#[test]
fn multibulk_count_errors() {
    let d = Limits::default();
    for bad in [
        &b"*\r\n"[..],
        b"*abc\r\n",
        b"*+1\r\n",
        b"*01\r\n",
        b"*-0\r\n",
        b"* 1\r\n",
        b"*1 \r\n",
        b"*2147483648\r\n",
        b"*99999999999999999999\r\n",
    ] {
        assert_eq!(
            err(bad, &d),
            ProtocolError::InvalidMultibulkLength,
            "{:?}",
            String::from_utf8_lossy(bad)
        );
    }
    assert!(matches!(one(b"*2147483647\r\n"), Ok(Parsed::Incomplete)));
    let small = Limits {
        max_multibulk_len: 3,
        ..d
    };
    assert_eq!(
        err(b"*4\r\n", &small),
        ProtocolError::InvalidMultibulkLength
    );
    assert_eq!(one(b"*3\r\n"), Ok(Parsed::Incomplete));

    let mut long = b"*1".to_vec();
    long.resize(INLINE_MAX_SIZE, b'1');
    assert_eq!(one(&long), Ok(Parsed::Incomplete));
    long.push(b'1');
    assert_eq!(one(&long), Err(ProtocolError::TooBigMbulkCount));
}

#[test]
fn unauthenticated_limits() {
    let u = unauth();
    assert_eq!(
        err(b"*11\r\n", &u),
        ProtocolError::UnauthenticatedMultibulkLength
    );
    assert_eq!(one(b"*11\r\n"), Ok(Parsed::Incomplete));
    let ten = multibulk(&[&b"a"[..]; 10]);
    assert_eq!(parse_all(&ten, &u).0.len(), 1);
    assert_eq!(
        err(b"*1\r\n$16385\r\n", &u),
        ProtocolError::UnauthenticatedBulkLength
    );
    assert_eq!(
        RequestParser::new().parse(b"*1\r\n$16384\r\n", &u),
        Ok(Parsed::Incomplete)
    );
    // The absolute limits are checked first.
    assert_eq!(
        err(b"*3000000000\r\n", &u),
        ProtocolError::InvalidMultibulkLength
    );
    assert_eq!(
        err(b"*1\r\n$600000000\r\n", &u),
        ProtocolError::InvalidBulkLength
    );
    // Counts <= 0 are fine before AUTH.
    assert_eq!(
        RequestParser::new().parse(b"*-1\r\n", &u),
        Ok(Parsed::Empty { consumed: 5 })
    );
}

#[test]
fn limits_may_change_mid_frame() {
    let input = multibulk(&[b"SET", b"k", &[b'x'; 20000]]);
    let mut p = RequestParser::new();
    assert_eq!(p.parse(&input[..10], &unauth()), Ok(Parsed::Incomplete));
    assert_eq!(
        p.parse(&input, &Limits::default()),
        Ok(Parsed::Command {
            consumed: input.len()
        })
    );
}

#[test]
fn bulk_errors() {
    let d = Limits::default();
    assert_eq!(
        err(b"*1\r\nfoo\r\n", &d),
        ProtocolError::ExpectedDollar(b'f')
    );
    assert_eq!(
        err(b"*2\r\n$1\r\na\r\n:1\r\n", &d),
        ProtocolError::ExpectedDollar(b':')
    );
    assert_eq!(err(b"*1\r\n\r\n", &d), ProtocolError::ExpectedDollar(b'\r'));
    for bad in [
        &b"*1\r\n$-1\r\n"[..],
        b"*1\r\n$\r\n",
        b"*1\r\n$x\r\n",
        b"*1\r\n$01\r\n",
        b"*1\r\n$+1\r\n",
        b"*1\r\n$-0\r\n",
    ] {
        assert_eq!(
            err(bad, &d),
            ProtocolError::InvalidBulkLength,
            "{:?}",
            String::from_utf8_lossy(bad)
        );
    }
    let small = Limits {
        max_bulk_len: 5,
        ..d
    };
    assert_eq!(
        err(b"*1\r\n$6\r\n", &small),
        ProtocolError::InvalidBulkLength
    );
    assert_eq!(
        parse_all(b"*1\r\n$5\r\nhello\r\n", &small).0,
        vec![Ok(cmd(&[b"hello"]))]
    );
    assert_eq!(
        err(b"*1\r\n$536870913\r\n", &d),
        ProtocolError::InvalidBulkLength
    );
    assert_eq!(one(b"*1\r\n$536870912\r\n"), Ok(Parsed::Incomplete));

    let mut long = b"*1\r\n$1".to_vec();
    long.resize(4 + INLINE_MAX_SIZE, b'1');
    assert_eq!(one(&long), Ok(Parsed::Incomplete));
    long.push(b'1');
    assert_eq!(one(&long), Err(ProtocolError::TooBigBulkCount));
    // The limit counts everything after the '$', not only the line.
    let mut not_dollar = b"*1\r\nx".to_vec();
    not_dollar.resize(5 + INLINE_MAX_SIZE, b'y');
    assert_eq!(one(&not_dollar), Err(ProtocolError::TooBigBulkCount));
}

#[test]
fn unchecked_separators() {
    // Redis skips the byte after '\r' and the two bytes after a payload.
    let (frames, used) = parse_all(b"*1\rX$3\rYfooZZ*1\r\n$1\r\na\r\n", &Limits::default());
    assert_eq!(frames, vec![Ok(cmd(&[b"foo"])), Ok(cmd(&[b"a"]))]);
    assert_eq!(used, 24);
}

#[test]
fn huge_count_with_few_bytes() {
    let mut p = RequestParser::new();
    let input = b"*2147483647\r\n$1\r\na\r\n";
    assert_eq!(p.parse(input, &Limits::default()), Ok(Parsed::Incomplete));
    assert!(
        p.spans.capacity() <= ARGV_CHUNK,
        "reserved {}",
        p.spans.capacity()
    );
}

#[test]
fn big_vectors_are_released() {
    let args: Vec<&[u8]> = vec![b"x"; 5000];
    let input = multibulk(&args);
    let mut p = RequestParser::new();
    assert!(matches!(
        p.parse(&input, &Limits::default()),
        Ok(Parsed::Command { .. })
    ));
    assert_eq!(p.args(&input).len(), 5000);
    let small = multibulk(&[b"GET", b"k"]);
    assert!(matches!(
        p.parse(&small, &Limits::default()),
        Ok(Parsed::Command { .. })
    ));
    assert!(p.spans.capacity() <= ARGV_CHUNK);
}

#[test]
fn steady_state_reuses_the_span_vector() {
    let input = multibulk(&[b"SET", b"key", b"value"]);
    let mut p = RequestParser::new();
    p.parse(&input, &Limits::default()).unwrap();
    let ptr = p.spans.as_ptr();
    for _ in 0..100 {
        p.parse(&input, &Limits::default()).unwrap();
        assert_eq!(p.spans.as_ptr(), ptr);
    }
}

#[test]
fn mixed_pipeline() {
    let mut input = Vec::new();
    input.extend_from_slice(b"PING\r\n");
    input.extend_from_slice(&multibulk(&[b"SET", b"a\r\nb", b""]));
    input.extend_from_slice(b"\r\n");
    input.extend_from_slice(b"*0\r\n");
    input.extend_from_slice(b"ECHO \"x y\"\n");
    input.extend_from_slice(&multibulk(&[b"GET", b"\0"]));
    let (frames, used) = parse_all(&input, &Limits::default());
    assert_eq!(
        frames,
        vec![
            Ok(cmd(&[b"PING"])),
            Ok(cmd(&[b"SET", b"a\r\nb", b""])),
            Ok(None),
            Ok(None),
            Ok(cmd(&[b"ECHO", b"x y"])),
            Ok(cmd(&[b"GET", b"\0"])),
        ]
    );
    assert_eq!(used, input.len());
}

/// Feeds every prefix of `input` (growing by one byte) to one parser, like a
/// connection whose data trickles in, and checks the result equals a one-shot
/// parse of the whole input.
fn check_every_split(input: &[u8], limits: &Limits) {
    let (expected, _) = parse_all(input, limits);
    let mut p = RequestParser::new();
    let mut got = Vec::new();
    let mut start = 0;
    let mut end = start;
    while end <= input.len() && !matches!(got.last(), Some(Err(_))) {
        match p.parse(&input[start..end], limits) {
            Ok(Parsed::Incomplete) => end += 1,
            Ok(Parsed::Empty { consumed }) => {
                got.push(Ok(None));
                start += consumed;
                end = end.max(start);
            }
            Ok(Parsed::Command { consumed }) => {
                got.push(Ok(Some(p.args(&input[start..end]).to_vec())));
                // The frame completes exactly when its last byte arrives.
                assert_eq!(
                    start + consumed,
                    end,
                    "{:?}",
                    String::from_utf8_lossy(input)
                );
                start += consumed;
            }
            Err(e) => got.push(Err(e)),
        }
    }
    assert_eq!(got, expected, "{:?}", String::from_utf8_lossy(input));
}

#[test]
fn every_split_point() {
    let d = Limits::default();
    let mut cases: Vec<Vec<u8>> = vec![
        multibulk(&[b"SET", b"key", b"value"]),
        multibulk(&[b"", b"\r\n", b"\0\0"]),
        b"PING\r\n".to_vec(),
        b"SET 'a b' \"c\\x41\"\r\n".to_vec(),
        b"*0\r\n*-1\r\n\r\n".to_vec(),
        b"*1\r\n$3\r\nfoo\r\nGET x\n*2\r\n$1\r\na\r\n$0\r\n\r\n".to_vec(),
        b"*1\r\n$x\r\n".to_vec(),
        b"*2\r\n$1\r\na\r\n+\r\n".to_vec(),
        b"GET \"unterminated\r\n".to_vec(),
    ];
    let mut pipeline = Vec::new();
    for c in &cases[..4] {
        pipeline.extend_from_slice(c);
    }
    cases.push(pipeline);
    for c in &cases {
        check_every_split(c, &d);
    }
    check_every_split(b"*11\r\n", &unauth());
}

#[test]
fn args_from_slices() {
    let raw: [&[u8]; 2] = [b"GET", b"k"];
    let a = Args::from_slices(&raw);
    assert_eq!(a.len(), 2);
    assert!(!a.is_empty());
    assert_eq!(a.get(1), b"k");
    assert_eq!(a.try_get(2), None);
    assert_eq!(a.iter().rev().collect::<Vec<_>>(), vec![&b"k"[..], b"GET"]);
    assert_eq!(format!("{a:?}"), r#"["GET", "k"]"#);

    let input = multibulk(&raw);
    let mut p = RequestParser::new();
    p.parse(&input, &Limits::default()).unwrap();
    assert_eq!(p.args(&input), a);
}

#[test]
fn parser_is_reusable_after_an_error() {
    let mut p = RequestParser::new();
    assert!(p.parse(b"*1\r\n$x\r\n", &Limits::default()).is_err());
    let input = multibulk(&[b"PING"]);
    assert_eq!(
        p.parse(&input, &Limits::default()),
        Ok(Parsed::Command {
            consumed: input.len()
        })
    );
}

#[test]
fn frame_spans_rebuild_multibulk_args_but_not_inline_ones() {
    let input = b"*2\r\n$3\r\nGET\r\n$1\r\nk\r\nPING x\r\n";
    let mut p = RequestParser::new();
    let limits = Limits::default();
    let Ok(Parsed::Command { consumed }) = p.parse(input, &limits) else {
        panic!("expected a command");
    };
    let spans = p.frame_spans().expect("multibulk spans").to_vec();
    assert_eq!(spans, vec![(8, 11), (17, 18)]);
    let args = Args::from_spans(input, &spans);
    assert_eq!(args.to_vec(), vec![b"GET".to_vec(), b"k".to_vec()]);
    assert!(matches!(
        p.parse(&input[consumed..], &limits),
        Ok(Parsed::Command { .. })
    ));
    assert_eq!(p.frame_spans(), None);
}
