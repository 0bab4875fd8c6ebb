use super::*;

#[test]
fn zrandmember_single() {
    let mut t = abc();
    for _ in 0..20 {
        let r = t.text(&["ZRANDMEMBER", "z"]);
        assert!([bulk("a"), bulk("b"), bulk("c")].contains(&r), "{r}");
    }
    assert_eq!(t.text(&["ZRANDMEMBER", "nope"]), NIL);
    let mut t3 = resp3();
    assert_eq!(t3.text(&["ZRANDMEMBER", "nope"]), "_\r\n");
}

#[test]
fn zrandmember_count_covering_the_set_walks_from_the_top() {
    for mut t in [abc(), abc_skiplist()] {
        assert_eq!(t.text(&["ZRANDMEMBER", "z", "3"]), bulks(&["c", "b", "a"]));
        assert_eq!(
            t.text(&["ZRANDMEMBER", "z", "10", "WITHSCORES"]),
            bulks(&["c", "3", "b", "2", "a", "1"])
        );
        assert_eq!(t.text(&["ZRANDMEMBER", "z", "0"]), EMPTY);
        assert_eq!(t.text(&["ZRANDMEMBER", "nope", "5"]), EMPTY);
    }
    let mut t = resp3();
    ok(&mut t, &["ZADD", "z", "1", "a", "2", "b"]);
    assert_eq!(
        t.text(&["ZRANDMEMBER", "z", "5", "WITHSCORES"]),
        pairs3(&[("b", "2"), ("a", "1")])
    );
}

#[test]
fn zrandmember_distinct_and_repeating() {
    let mut t = TestServer::new();
    let mut args = vec!["ZADD".to_string(), "z".to_string()];
    for i in 0..200 {
        args.push(i.to_string());
        args.push(format!("m{i}"));
    }
    let refs: Vec<&str> = args.iter().map(|s| s.as_str()).collect();
    ok(&mut t, &refs);
    for count in ["5", "100", "199"] {
        let shoal_resp::Value::Array(items) = t.run(&["ZRANDMEMBER", "z", count]) else {
            panic!("not an array");
        };
        let n: usize = count.parse().unwrap();
        assert_eq!(items.len(), n);
        let distinct: std::collections::HashSet<_> =
            items.iter().map(|v| format!("{v:?}")).collect();
        assert_eq!(distinct.len(), n);
    }
    let shoal_resp::Value::Array(items) = t.run(&["ZRANDMEMBER", "z", "-1000", "WITHSCORES"])
    else {
        panic!("not an array");
    };
    assert_eq!(items.len(), 2000);
    // A small listpack sample keeps the set's order.
    let mut t = TestServer::new();
    ok(
        &mut t,
        &[
            "ZADD", "z", "1", "a", "2", "b", "3", "c", "4", "d", "5", "e",
        ],
    );
    for _ in 0..20 {
        let shoal_resp::Value::Array(items) = t.run(&["ZRANDMEMBER", "z", "3"]) else {
            panic!("not an array");
        };
        let names: Vec<Vec<u8>> = items
            .iter()
            .map(|v| match v {
                shoal_resp::Value::Bulk(b) => b.to_vec(),
                other => panic!("not a bulk: {other:?}"),
            })
            .collect();
        let mut sorted = names.clone();
        sorted.sort();
        assert_eq!(names, sorted);
    }
}

#[test]
fn zrandmember_errors() {
    let mut t = abc();
    assert_eq!(t.text(&["ZRANDMEMBER", "z", "x"]), NOT_INT);
    assert_eq!(
        t.text(&["ZRANDMEMBER", "z", "-9223372036854775808"]),
        "-ERR value is out of range, value must between -9223372036854775807 and 9223372036854775807\r\n"
    );
    assert_eq!(
        t.text(&["ZRANDMEMBER", "z", "4611686018427387904", "WITHSCORES"]),
        "-ERR value is out of range\r\n"
    );
    assert_eq!(t.text(&["ZRANDMEMBER", "z", "1", "WITHSCORE"]), SYNTAX);
    assert_eq!(
        t.text(&["ZRANDMEMBER", "z", "1", "WITHSCORES", "x"]),
        SYNTAX
    );
    ok(&mut t, &["SET", "s", "v"]);
    assert_eq!(t.text(&["ZRANDMEMBER", "s"]), WRONGTYPE);
    assert_eq!(t.text(&["ZRANDMEMBER", "s", "1"]), WRONGTYPE);
}
