use super::*;

#[test]
fn zscan_listpack_returns_everything_at_once() {
    let mut t = TestServer::new();
    ok(&mut t, &["ZADD", "z", "1", "a", "2.5", "b", "1.1", "c"]);
    assert_eq!(
        t.text(&["ZSCAN", "z", "0"]),
        format!(
            "*2\r\n{}{}",
            bulk("0"),
            bulks(&["a", "1", "c", "1.1", "b", "2.5"])
        )
    );
    // The cursor and COUNT do not matter for a listpack.
    assert_eq!(
        t.text(&["ZSCAN", "z", "77", "COUNT", "1", "MATCH", "[ab]"]),
        format!("*2\r\n{}{}", bulk("0"), bulks(&["a", "1", "b", "2.5"]))
    );
    // Scores are strings in RESP3 too.
    let mut t3 = resp3();
    ok(&mut t3, &["ZADD", "z", "2", "a"]);
    assert_eq!(
        t3.text(&["ZSCAN", "z", "0"]),
        format!("*2\r\n{}{}", bulk("0"), bulks(&["a", "2"]))
    );
}

#[test]
fn zscan_skiplist_walks_with_a_cursor() {
    let mut t = TestServer::new();
    let mut args = vec!["ZADD".to_string(), "z".to_string()];
    for i in 0..300 {
        args.push(format!("{i}.5"));
        args.push(format!("m{i}"));
    }
    let refs: Vec<&str> = args.iter().map(|s| s.as_str()).collect();
    ok(&mut t, &refs);
    assert_eq!(encoding(&mut t, "z"), bulk("skiplist"));
    let mut seen = std::collections::HashSet::new();
    let mut cursor = "0".to_string();
    let mut calls = 0;
    loop {
        let shoal_resp::Value::Array(reply) = t.run(&["ZSCAN", "z", &cursor, "COUNT", "7"]) else {
            panic!("not an array")
        };
        let (shoal_resp::Value::Bulk(c), shoal_resp::Value::Array(items)) = (&reply[0], &reply[1])
        else {
            panic!("bad shape")
        };
        assert!(items.len() <= 14);
        for pair in items.chunks(2) {
            let (shoal_resp::Value::Bulk(m), shoal_resp::Value::Bulk(s)) = (&pair[0], &pair[1])
            else {
                panic!("bad pair")
            };
            let m = String::from_utf8(m.to_vec()).unwrap();
            assert_eq!(format!("{}.5", &m[1..]).as_bytes(), &s[..]);
            assert!(seen.insert(m));
        }
        cursor = String::from_utf8(c.to_vec()).unwrap();
        calls += 1;
        if cursor == "0" {
            break;
        }
    }
    assert_eq!(seen.len(), 300);
    assert!(calls > 20);
}

#[test]
fn zscan_skiplist_scores_print_with_17_digits() {
    let mut t = abc_skiplist();
    ok(&mut t, &["ZADD", "z", "1.1", "d", "inf", "e"]);
    let shoal_resp::Value::Array(reply) = t.run(&["ZSCAN", "z", "0", "MATCH", "[de]"]) else {
        panic!("not an array")
    };
    let shoal_resp::Value::Array(items) = &reply[1] else {
        panic!("not an array")
    };
    let items: Vec<Vec<u8>> = items
        .iter()
        .map(|v| match v {
            shoal_resp::Value::Bulk(b) => b.to_vec(),
            other => panic!("not a bulk: {other:?}"),
        })
        .collect();
    // Both members come in one step; their order is the arena's.
    let mut pairs: Vec<(Vec<u8>, Vec<u8>)> = items
        .chunks(2)
        .map(|c| (c[0].clone(), c[1].clone()))
        .collect();
    pairs.sort();
    assert_eq!(
        pairs,
        vec![
            (b"d".to_vec(), b"1.1000000000000001".to_vec()),
            (b"e".to_vec(), b"inf".to_vec())
        ]
    );
}

#[test]
fn zscan_errors_and_missing_keys() {
    let mut t = abc();
    assert_eq!(t.text(&["ZSCAN", "z", "x"]), "-ERR invalid cursor\r\n");
    assert_eq!(t.text(&["ZSCAN", "z", "0", "COUNT", "0"]), SYNTAX);
    assert_eq!(t.text(&["ZSCAN", "z", "0", "COUNT", "x"]), NOT_INT);
    assert_eq!(t.text(&["ZSCAN", "z", "0", "NOVALUES"]), SYNTAX);
    assert_eq!(t.text(&["ZSCAN", "z", "0", "MATCH"]), SYNTAX);
    let empty = format!("*2\r\n{}*0\r\n", bulk("0"));
    assert_eq!(t.text(&["ZSCAN", "nope", "0", "COUNT", "0"]), empty);
    assert_eq!(t.text(&["ZSCAN", "nope", "x"]), "-ERR invalid cursor\r\n");
    ok(&mut t, &["SET", "s", "v"]);
    assert_eq!(t.text(&["ZSCAN", "s", "0"]), WRONGTYPE);
}
