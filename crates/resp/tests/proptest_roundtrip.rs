//! Random argument vectors, encoded as multibulk and delivered in random
//! pieces, parse back to the same arguments; random replies written by the
//! writer parse back with `parse_value`.

use proptest::prelude::*;
use shoal_resp::{parse_value, Limits, Parsed, Proto, ReplyBuf, RequestParser, Value};

fn encode(cmds: &[Vec<Vec<u8>>]) -> Vec<u8> {
    let mut out = Vec::new();
    for args in cmds {
        out.extend_from_slice(format!("*{}\r\n", args.len()).as_bytes());
        for a in args {
            out.extend_from_slice(format!("${}\r\n", a.len()).as_bytes());
            out.extend_from_slice(a);
            out.extend_from_slice(b"\r\n");
        }
    }
    out
}

/// Delivers `input` in pieces whose sizes cycle through `chunks`, the way a
/// connection buffer grows, and collects every command.
fn feed(input: &[u8], chunks: &[usize]) -> Vec<Vec<Vec<u8>>> {
    let limits = Limits::default();
    let mut p = RequestParser::new();
    let mut got = Vec::new();
    let (mut start, mut end) = (0, 0);
    let mut sizes = chunks.iter().cycle();
    loop {
        match p.parse(&input[start..end], &limits).expect("valid input") {
            Parsed::Incomplete => {
                if end == input.len() {
                    return got;
                }
                end = (end + sizes.next().unwrap()).min(input.len());
            }
            Parsed::Empty { consumed } => start += consumed,
            Parsed::Command { consumed } => {
                got.push(p.args(&input[start..end]).to_vec());
                start += consumed;
            }
        }
    }
}

fn arg() -> impl Strategy<Value = Vec<u8>> {
    prop_oneof![
        proptest::collection::vec(any::<u8>(), 0..40),
        proptest::collection::vec(
            prop_oneof![Just(b'\r'), Just(b'\n'), Just(0u8), Just(b'$'), Just(b'*')],
            0..8
        ),
    ]
}

proptest! {
    #[test]
    fn multibulk_round_trip(
        cmds in proptest::collection::vec(proptest::collection::vec(arg(), 1..12), 1..6),
        chunks in proptest::collection::vec(1usize..64, 1..8),
    ) {
        let input = encode(&cmds);
        prop_assert_eq!(feed(&input, &chunks), cmds);
    }

    #[test]
    fn replies_round_trip(items in proptest::collection::vec((0u8..6, any::<i64>(), arg(), any::<f64>()), 0..20), resp3 in any::<bool>()) {
        let proto = if resp3 { Proto::Resp3 } else { Proto::Resp2 };
        let mut r = ReplyBuf::new(proto);
        let h = r.begin_array();
        let mut expected = Vec::new();
        for (kind, i, bytes, f) in &items {
            match kind {
                0 => { r.int(*i); expected.push(Value::Int(*i)); }
                1 => { r.bulk(bytes); expected.push(Value::Bulk(bytes.clone())); }
                2 => { r.bulk_int(*i); expected.push(Value::Bulk(i.to_string().into_bytes())); }
                3 => { r.null(); expected.push(Value::Null); }
                4 => {
                    r.double(*f);
                    let mut buf = [0u8; shoal_resp::MAX_DOUBLE_CHARS];
                    let text = shoal_resp::format_double(*f, &mut buf).as_bytes().to_vec();
                    expected.push(if resp3 { Value::Double(text) } else { Value::Bulk(text) });
                }
                _ => { r.bool(*i % 2 == 0); expected.push(if resp3 { Value::Bool(*i % 2 == 0) } else { Value::Int(i64::from(*i % 2 == 0)) }); }
            }
        }
        r.end_array(h, items.len());
        let (v, used) = parse_value(&r.buf).unwrap().unwrap();
        prop_assert_eq!(used, r.buf.len());
        prop_assert_eq!(v, Value::Array(expected));
    }
}
