use super::*;

fn parse(input: &[u8]) -> Value {
    let (v, used) = parse_value(input).unwrap().expect("complete");
    assert_eq!(used, input.len(), "{:?}", String::from_utf8_lossy(input));
    v
}

fn bad(input: &[u8]) {
    assert!(
        parse_value(input).is_err(),
        "{:?} should be rejected",
        String::from_utf8_lossy(input)
    );
}

#[test]
fn resp2_types() {
    assert_eq!(parse(b"+OK\r\n"), Value::Simple(b"OK".to_vec()));
    assert_eq!(parse(b"-ERR x y\r\n"), Value::Error(b"ERR x y".to_vec()));
    assert_eq!(parse(b":-12\r\n"), Value::Int(-12));
    assert_eq!(parse(b"$3\r\na\r\n\r\n"), Value::bulk(b"a\r\n"));
    assert_eq!(parse(b"$0\r\n\r\n"), Value::bulk(b""));
    assert_eq!(parse(b"$-1\r\n"), Value::Null);
    assert_eq!(parse(b"*-1\r\n"), Value::NullArray);
    assert_eq!(parse(b"*0\r\n"), Value::Array(vec![]));
    assert_eq!(
        parse(b"*2\r\n:1\r\n*1\r\n$1\r\nx\r\n"),
        Value::Array(vec![Value::Int(1), Value::Array(vec![Value::bulk(b"x")])])
    );
}

#[test]
fn resp3_types() {
    assert_eq!(parse(b"_\r\n"), Value::Null);
    assert_eq!(parse(b"#t\r\n"), Value::Bool(true));
    assert_eq!(parse(b"#f\r\n"), Value::Bool(false));
    for d in ["1.5", "inf", "-inf", "nan", "1e+20", "-0", "3"] {
        let v = parse(format!(",{d}\r\n").as_bytes());
        assert_eq!(v, Value::Double(d.as_bytes().to_vec()));
    }
    assert_eq!(parse(b",1e+20\r\n").as_f64(), Some(1e20));
    assert!(parse(b",nan\r\n").as_f64().unwrap().is_nan());
    assert_eq!(parse(b"(-123\r\n"), Value::BigNumber(b"-123".to_vec()));
    assert_eq!(
        parse(b"=8\r\ntxt:a\r\nb\r\n"),
        Value::Verbatim {
            format: *b"txt",
            text: b"a\r\nb".to_vec()
        }
    );
    assert_eq!(
        parse(b"!5\r\nERR x\r\n"),
        Value::BlobError(b"ERR x".to_vec())
    );
    assert_eq!(
        parse(b"%2\r\n+a\r\n:1\r\n+b\r\n_\r\n"),
        Value::Map(vec![
            (Value::Simple(b"a".to_vec()), Value::Int(1)),
            (Value::Simple(b"b".to_vec()), Value::Null)
        ])
    );
    assert_eq!(parse(b"~1\r\n:1\r\n"), Value::Set(vec![Value::Int(1)]));
    assert_eq!(
        parse(b">2\r\n$7\r\nmessage\r\n$2\r\nhi\r\n"),
        Value::Push(vec![Value::bulk(b"message"), Value::bulk(b"hi")])
    );
    assert_eq!(
        parse(b"|1\r\n+ttl\r\n:3\r\n$1\r\nv\r\n"),
        Value::Attribute {
            attrs: vec![(Value::Simple(b"ttl".to_vec()), Value::Int(3))],
            value: Box::new(Value::bulk(b"v")),
        }
    );
}

#[test]
fn rejects_malformed() {
    for input in [
        &b"?\r\n"[..],
        b":x\r\n",
        b":1\rx",
        b"$-2\r\n",
        b"$1\r\nab\r\n",
        b"$x\r\n",
        b"*-2\r\n",
        b"#x\r\n",
        b",abc\r\n",
        b"(1.5\r\n",
        b"(\r\n",
        b"_x\r\n",
        b"=2\r\nab\r\n",
        b"$?\r\n",
        b"*?\r\n",
        b"%-1\r\n",
    ] {
        bad(input);
    }
    let deep = "*1\r\n".repeat(MAX_DEPTH + 2);
    bad(deep.as_bytes());
}

#[test]
fn incomplete_at_every_split() {
    let inputs: &[&[u8]] = &[
        b"+OK\r\n",
        b"$5\r\nhello\r\n",
        b"*3\r\n:1\r\n$1\r\na\r\n%1\r\n+k\r\n,1.5\r\n",
        b"|1\r\n+a\r\n+b\r\n=5\r\ntxt:x\r\n",
        b"*-1\r\n",
    ];
    for input in inputs {
        for cut in 0..input.len() {
            assert_eq!(
                parse_value(&input[..cut]),
                Ok(None),
                "{:?} cut at {cut}",
                String::from_utf8_lossy(input)
            );
        }
        // Trailing bytes are left for the next call.
        let mut more = input.to_vec();
        more.extend_from_slice(b"+next\r\n");
        assert_eq!(parse_value(&more).unwrap().unwrap().1, input.len());
    }
}

#[test]
fn huge_announced_lengths_do_not_allocate() {
    assert_eq!(parse_value(b"*2000000000\r\n:1\r\n"), Ok(None));
    assert_eq!(parse_value(b"$2000000000\r\nabc"), Ok(None));
    assert_eq!(parse_value(b"$9223372036854775807\r\n"), Ok(None));
}

#[test]
fn to_resp_downgrades_for_resp2() {
    let v = Value::Map(vec![(Value::bulk(b"k"), Value::Double(b"1.5".to_vec()))]);
    assert_eq!(v.to_resp(Proto::Resp2), b"*2\r\n$1\r\nk\r\n$3\r\n1.5\r\n");
    assert_eq!(v.to_resp(Proto::Resp3), b"%1\r\n$1\r\nk\r\n,1.5\r\n");
    let attr = Value::Attribute {
        attrs: vec![(Value::Int(1), Value::Int(2))],
        value: Box::new(Value::Bool(false)),
    };
    assert_eq!(attr.to_resp(Proto::Resp2), b":0\r\n");
    assert_eq!(attr.to_resp(Proto::Resp3), b"|1\r\n:1\r\n:2\r\n#f\r\n");
    assert_eq!(
        Value::BlobError(b"ERR a\nb".to_vec()).to_resp(Proto::Resp2),
        b"-ERR a b\r\n"
    );
    assert_eq!(Value::Null.to_resp(Proto::Resp2), b"$-1\r\n");
    assert_eq!(Value::NullArray.to_resp(Proto::Resp3), b"_\r\n");
}

#[test]
fn display_like_redis_cli() {
    assert_eq!(Value::Simple(b"OK".to_vec()).to_string(), "OK");
    assert_eq!(Value::Error(b"ERR x".to_vec()).to_string(), "(error) ERR x");
    assert_eq!(Value::Int(3).to_string(), "(integer) 3");
    assert_eq!(Value::bulk(b"a\"b\n\x01").to_string(), r#""a\"b\n\x01""#);
    assert_eq!(Value::Null.to_string(), "(nil)");
    assert_eq!(Value::Double(b"1.5".to_vec()).to_string(), "(double) 1.5");
    assert_eq!(Value::Bool(true).to_string(), "(true)");
    assert_eq!(Value::Array(vec![]).to_string(), "(empty array)");
    let nested = Value::Array(vec![
        Value::bulk(b"a"),
        Value::Array(vec![Value::Int(1), Value::Int(2)]),
        Value::Map(vec![(Value::bulk(b"k"), Value::bulk(b"v"))]),
    ]);
    assert_eq!(
        nested.to_string(),
        "1) \"a\"\n2) 1) (integer) 1\n   2) (integer) 2\n3) 1# \"k\" => \"v\""
    );
    let many = Value::Set((0..10).map(Value::Int).collect());
    assert!(many
        .to_string()
        .starts_with(" 1~ (integer) 0\n 2~ (integer) 1\n"));
    assert!(many.to_string().ends_with("\n10~ (integer) 9"));
}
