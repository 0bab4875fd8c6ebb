use super::*;
use crate::value::{parse_value, Value};

fn both(f: impl Fn(&mut ReplyBuf)) -> (Vec<u8>, Vec<u8>) {
    let mut r2 = ReplyBuf::new(Proto::Resp2);
    let mut r3 = ReplyBuf::new(Proto::Resp3);
    f(&mut r2);
    f(&mut r3);
    (r2.buf, r3.buf)
}

#[track_caller]
fn check(f: impl Fn(&mut ReplyBuf), resp2: &[u8], resp3: &[u8]) {
    let (got2, got3) = both(f);
    assert_eq!(
        String::from_utf8_lossy(&got2),
        String::from_utf8_lossy(resp2),
        "RESP2"
    );
    assert_eq!(
        String::from_utf8_lossy(&got3),
        String::from_utf8_lossy(resp3),
        "RESP3"
    );
}

#[test]
fn scalars() {
    check(|r| r.ok(), b"+OK\r\n", b"+OK\r\n");
    check(|r| r.simple(b"PONG"), b"+PONG\r\n", b"+PONG\r\n");
    check(|r| r.int(0), b":0\r\n", b":0\r\n");
    check(|r| r.int(-42), b":-42\r\n", b":-42\r\n");
    check(
        |r| r.int(i64::MIN),
        b":-9223372036854775808\r\n",
        b":-9223372036854775808\r\n",
    );
    check(|r| r.bulk(b"hello"), b"$5\r\nhello\r\n", b"$5\r\nhello\r\n");
    check(|r| r.bulk(b""), b"$0\r\n\r\n", b"$0\r\n\r\n");
    check(
        |r| r.bulk(b"a\r\n\0"),
        b"$4\r\na\r\n\0\r\n",
        b"$4\r\na\r\n\0\r\n",
    );
    check(|r| r.bulk_int(-17), b"$3\r\n-17\r\n", b"$3\r\n-17\r\n");
    check(|r| r.null(), b"$-1\r\n", b"_\r\n");
    check(|r| r.null_array(), b"*-1\r\n", b"_\r\n");
    check(|r| r.bool(true), b":1\r\n", b"#t\r\n");
    check(|r| r.bool(false), b":0\r\n", b"#f\r\n");
    check(
        |r| r.big_number(b"-12345678901234567890"),
        b"$21\r\n-12345678901234567890\r\n",
        b"(-12345678901234567890\r\n",
    );
    check(
        |r| r.verbatim(b"txt", b"hi\r\nthere"),
        b"$9\r\nhi\r\nthere\r\n",
        b"=13\r\ntxt:hi\r\nthere\r\n",
    );
    check(|r| r.raw(b":1\r\n"), b":1\r\n", b":1\r\n");
}

#[test]
fn errors() {
    check(
        |r| r.error(b"ERR unknown command"),
        b"-ERR unknown command\r\n",
        b"-ERR unknown command\r\n",
    );
    check(
        |r| r.error(b"-WRONGTYPE x"),
        b"-WRONGTYPE x\r\n",
        b"-WRONGTYPE x\r\n",
    );
    check(
        |r| r.error(b"ERR a\r\nb\nc\r"),
        b"-ERR a  b c\r\n",
        b"-ERR a  b c\r\n",
    );
    check(|r| r.error(b"\r\nERR x\n\n"), b"-ERR x\r\n", b"-ERR x\r\n");
}

#[test]
fn doubles() {
    check(|r| r.double(1.5), b"$3\r\n1.5\r\n", b",1.5\r\n");
    check(|r| r.double(3.0), b"$1\r\n3\r\n", b",3\r\n");
    check(|r| r.double(-0.0), b"$2\r\n-0\r\n", b",-0\r\n");
    check(|r| r.double(f64::INFINITY), b"$3\r\ninf\r\n", b",inf\r\n");
    check(
        |r| r.double(f64::NEG_INFINITY),
        b"$4\r\n-inf\r\n",
        b",-inf\r\n",
    );
    check(|r| r.double(f64::NAN), b"$3\r\nnan\r\n", b",nan\r\n");
    check(|r| r.double(1e20), b"$5\r\n1e+20\r\n", b",1e+20\r\n");
    check(
        |r| r.double(f64::MAX),
        b"$23\r\n1.7976931348623157e+308\r\n",
        b",1.7976931348623157e+308\r\n",
    );
}

#[test]
fn aggregates() {
    check(|r| r.array(3), b"*3\r\n", b"*3\r\n");
    check(|r| r.empty_array(), b"*0\r\n", b"*0\r\n");
    check(|r| r.map(2), b"*4\r\n", b"%2\r\n");
    check(|r| r.set(2), b"*2\r\n", b"~2\r\n");
    check(|r| r.push(3), b"*3\r\n", b">3\r\n");
}

#[test]
fn deferred() {
    check(
        |r| {
            let h = r.begin_array();
            r.bulk(b"a");
            r.int(1);
            r.end_array(h, 2);
        },
        b"*2\r\n$1\r\na\r\n:1\r\n",
        b"*2\r\n$1\r\na\r\n:1\r\n",
    );
    check(
        |r| {
            r.ok();
            let h = r.begin_map();
            for i in 0..12 {
                r.bulk_int(i);
                r.null();
            }
            r.end_map(h, 12);
            r.ok();
        },
        &[
            &b"+OK\r\n*24\r\n"[..],
            b"$1\r\n0\r\n$-1\r\n$1\r\n1\r\n$-1\r\n$1\r\n2\r\n$-1\r\n$1\r\n3\r\n$-1\r\n",
            b"$1\r\n4\r\n$-1\r\n$1\r\n5\r\n$-1\r\n$1\r\n6\r\n$-1\r\n$1\r\n7\r\n$-1\r\n",
            b"$1\r\n8\r\n$-1\r\n$1\r\n9\r\n$-1\r\n$2\r\n10\r\n$-1\r\n$2\r\n11\r\n$-1\r\n+OK\r\n",
        ]
        .concat(),
        &[
            &b"+OK\r\n%12\r\n"[..],
            b"$1\r\n0\r\n_\r\n$1\r\n1\r\n_\r\n$1\r\n2\r\n_\r\n$1\r\n3\r\n_\r\n",
            b"$1\r\n4\r\n_\r\n$1\r\n5\r\n_\r\n$1\r\n6\r\n_\r\n$1\r\n7\r\n_\r\n",
            b"$1\r\n8\r\n_\r\n$1\r\n9\r\n_\r\n$2\r\n10\r\n_\r\n$2\r\n11\r\n_\r\n+OK\r\n",
        ]
        .concat(),
    );
    // Nested, closed innermost first; empty.
    check(
        |r| {
            let outer = r.begin_set();
            let inner = r.begin_array();
            r.end_array(inner, 0);
            r.int(7);
            r.end_set(outer, 2);
        },
        b"*2\r\n*0\r\n:7\r\n",
        b"~2\r\n*0\r\n:7\r\n",
    );
}

#[test]
fn writer_output_parses_back() {
    for proto in [Proto::Resp2, Proto::Resp3] {
        let mut r = ReplyBuf::new(proto);
        r.array(14);
        r.ok();
        r.simple(b"PONG");
        r.error(b"ERR oops");
        r.int(-5);
        r.bulk(b"bin\r\n\0");
        r.bulk_int(99);
        r.null();
        r.null_array();
        r.double(0.25);
        r.bool(true);
        r.verbatim(b"mkd", b"# title");
        r.big_number(b"123456789012345678901234567890");
        r.map(1);
        r.bulk(b"k");
        r.set(1);
        r.int(1);
        let h = r.begin_array();
        r.push(1);
        r.bulk(b"message");
        r.end_array(h, 1);

        let resp3 = proto == Proto::Resp3;
        let expected = Value::Array(vec![
            Value::Simple(b"OK".to_vec()),
            Value::Simple(b"PONG".to_vec()),
            Value::Error(b"ERR oops".to_vec()),
            Value::Int(-5),
            Value::bulk(b"bin\r\n\0"),
            Value::bulk(b"99"),
            Value::Null,
            if resp3 { Value::Null } else { Value::NullArray },
            if resp3 {
                Value::Double(b"0.25".to_vec())
            } else {
                Value::bulk(b"0.25")
            },
            if resp3 {
                Value::Bool(true)
            } else {
                Value::Int(1)
            },
            if resp3 {
                Value::Verbatim {
                    format: *b"mkd",
                    text: b"# title".to_vec(),
                }
            } else {
                Value::bulk(b"# title")
            },
            if resp3 {
                Value::BigNumber(b"123456789012345678901234567890".to_vec())
            } else {
                Value::bulk(b"123456789012345678901234567890")
            },
            if resp3 {
                Value::Map(vec![(Value::bulk(b"k"), Value::Set(vec![Value::Int(1)]))])
            } else {
                Value::Array(vec![Value::bulk(b"k"), Value::Array(vec![Value::Int(1)])])
            },
            Value::Array(vec![if resp3 {
                Value::Push(vec![Value::bulk(b"message")])
            } else {
                Value::Array(vec![Value::bulk(b"message")])
            }]),
        ]);
        let (v, used) = parse_value(&r.buf).unwrap().unwrap();
        assert_eq!(used, r.buf.len());
        assert_eq!(v, expected, "{proto:?}");
        // And the value encodes back to the same bytes.
        assert_eq!(v.to_resp(proto), r.buf, "{proto:?}");
    }
}
