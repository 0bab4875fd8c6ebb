//! Property test: random hash command sequences give the same replies whether the hashes
//! live in the compact encoding or the full one.

use proptest::prelude::*;

use crate::testing::TestServer;

fn command() -> impl Strategy<Value = Vec<String>> {
    let field = (0u8..8).prop_map(|f| format!("f{f}"));
    let value = prop_oneof![
        (0i64..100).prop_map(|v| v.to_string()),
        "[a-z]{0,5}".prop_map(|s| s),
    ];
    let key = (0u8..2).prop_map(|k| format!("h{k}"));
    prop_oneof![
        (key.clone(), field.clone(), value.clone()).prop_map(|(k, f, v)| vec![
            "HSET".into(),
            k,
            f,
            v
        ]),
        (key.clone(), field.clone(), value.clone()).prop_map(|(k, f, v)| vec![
            "HSETNX".into(),
            k,
            f,
            v
        ]),
        (key.clone(), field.clone()).prop_map(|(k, f)| vec!["HGET".into(), k, f]),
        (key.clone(), field.clone()).prop_map(|(k, f)| vec!["HDEL".into(), k, f]),
        (key.clone(), field.clone()).prop_map(|(k, f)| vec!["HEXISTS".into(), k, f]),
        (key.clone(), field.clone()).prop_map(|(k, f)| vec!["HSTRLEN".into(), k, f]),
        key.clone().prop_map(|k| vec!["HLEN".into(), k]),
        (key.clone(), field.clone(), -5i64..5).prop_map(|(k, f, n)| vec![
            "HINCRBY".into(),
            k,
            f,
            n.to_string()
        ]),
        (key.clone(), field.clone()).prop_map(|(k, f)| vec![
            "HINCRBYFLOAT".into(),
            k,
            f,
            "1.5".into()
        ]),
        (key.clone(), field.clone(), 0u64..3).prop_map(|(k, f, s)| vec![
            "HEXPIRE".into(),
            k,
            (s * 100).to_string(),
            "FIELDS".into(),
            "1".into(),
            f
        ]),
        (key.clone(), field.clone()).prop_map(|(k, f)| vec![
            "HPERSIST".into(),
            k,
            "FIELDS".into(),
            "1".into(),
            f
        ]),
        (key.clone(), field.clone()).prop_map(|(k, f)| vec![
            "HTTL".into(),
            k,
            "FIELDS".into(),
            "1".into(),
            f
        ]),
        (key.clone(), field.clone()).prop_map(|(k, f)| vec![
            "HGETDEL".into(),
            k,
            "FIELDS".into(),
            "1".into(),
            f
        ]),
        (key.clone(), field.clone(), value).prop_map(|(k, f, v)| vec![
            "HSETEX".into(),
            k,
            "FNX".into(),
            "EX".into(),
            "50".into(),
            "FIELDS".into(),
            "1".into(),
            f,
            v
        ]),
        (key.clone(), field).prop_map(|(k, f)| vec!["HMGET".into(), k, f, "f0".into()]),
    ]
}

/// Order-free view of a reply: HGETALL/HKEYS/HVALS order differs between encodings.
fn canonical(t: &mut TestServer, cmd: &[String]) -> String {
    let a: Vec<&str> = cmd.iter().map(|s| s.as_str()).collect();
    t.text(&a)
}

fn contents(t: &mut TestServer, key: &str) -> Vec<Vec<u8>> {
    let v = t.run(&["HGETALL", key]);
    let shoal_resp::Value::Array(items) = v else {
        panic!("{v:?}")
    };
    let mut pairs: Vec<Vec<u8>> = items
        .chunks(2)
        .map(|p| {
            let mut s = Vec::new();
            for x in p {
                if let shoal_resp::Value::Bulk(b) = x {
                    s.extend_from_slice(b);
                    s.push(0);
                }
            }
            s
        })
        .collect();
    pairs.sort();
    pairs
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]
    #[test]
    fn compact_and_full_encodings_reply_alike(cmds in proptest::collection::vec(command(), 1..60)) {
        let mut compact = TestServer::new();
        let mut full = TestServer::with_args(&["--hash-max-listpack-entries", "0"]);
        for cmd in &cmds {
            let a = canonical(&mut compact, cmd);
            let b = canonical(&mut full, cmd);
            prop_assert_eq!(&a, &b, "{:?}", cmd);
        }
        for key in ["h0", "h1"] {
            prop_assert_eq!(contents(&mut compact, key), contents(&mut full, key));
        }
    }
}
