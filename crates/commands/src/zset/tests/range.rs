use super::*;

#[test]
fn zrange_by_rank() {
    for mut t in [abc(), abc_skiplist()] {
        assert_eq!(t.text(&["ZRANGE", "z", "0", "-1"]), bulks(&["a", "b", "c"]));
        assert_eq!(t.text(&["ZRANGE", "z", "1", "1"]), bulks(&["b"]));
        assert_eq!(t.text(&["ZRANGE", "z", "-2", "100"]), bulks(&["b", "c"]));
        assert_eq!(t.text(&["ZRANGE", "z", "-100", "0"]), bulks(&["a"]));
        assert_eq!(t.text(&["ZRANGE", "z", "2", "1"]), EMPTY);
        assert_eq!(t.text(&["ZRANGE", "z", "3", "5"]), EMPTY);
        assert_eq!(t.text(&["ZRANGE", "z", "0", "-4"]), EMPTY);
        assert_eq!(
            t.text(&["ZRANGE", "z", "0", "-1", "REV"]),
            bulks(&["c", "b", "a"])
        );
        assert_eq!(
            t.text(&["ZRANGE", "z", "1", "-1", "REV"]),
            bulks(&["b", "a"])
        );
        assert_eq!(t.text(&["ZREVRANGE", "z", "0", "0"]), bulks(&["c"]));
        assert_eq!(
            t.text(&["ZRANGE", "z", "0", "1", "WITHSCORES"]),
            bulks(&["a", "1", "b", "2"])
        );
        assert_eq!(
            t.text(&["ZREVRANGE", "z", "0", "1", "WITHSCORES"]),
            bulks(&["c", "3", "b", "2"])
        );
        // LIMIT with the default count is accepted for ranks, and ignored.
        assert_eq!(
            t.text(&["ZRANGE", "z", "0", "0", "LIMIT", "5", "-1"]),
            bulks(&["a"])
        );
    }
    let mut t = resp3();
    ok(&mut t, &["ZADD", "z", "1", "a", "2.5", "b"]);
    assert_eq!(
        t.text(&["ZRANGE", "z", "0", "-1", "WITHSCORES"]),
        pairs3(&[("a", "1"), ("b", "2.5")])
    );
    assert_eq!(t.text(&["ZRANGE", "z", "0", "-1"]), bulks(&["a", "b"]));
    assert_eq!(t.text(&["ZRANGE", "nope", "0", "-1"]), EMPTY);
}

#[test]
fn zrange_by_score() {
    for mut t in [abc(), abc_skiplist()] {
        assert_eq!(
            t.text(&["ZRANGE", "z", "(1", "+inf", "BYSCORE"]),
            bulks(&["b", "c"])
        );
        assert_eq!(
            t.text(&["ZRANGEBYSCORE", "z", "-inf", "(3"]),
            bulks(&["a", "b"])
        );
        assert_eq!(
            t.text(&["ZRANGEBYSCORE", "z", "2", "3", "WITHSCORES"]),
            bulks(&["b", "2", "c", "3"])
        );
        assert_eq!(
            t.text(&["ZREVRANGEBYSCORE", "z", "+inf", "2"]),
            bulks(&["c", "b"])
        );
        assert_eq!(
            t.text(&["ZRANGE", "z", "(3", "1", "BYSCORE", "REV"]),
            bulks(&["b", "a"])
        );
        assert_eq!(t.text(&["ZREVRANGEBYSCORE", "z", "0", "10"]), EMPTY);
        assert_eq!(
            t.text(&["ZRANGEBYSCORE", "z", "-inf", "+inf", "LIMIT", "1", "1"]),
            bulks(&["b"])
        );
        assert_eq!(
            t.text(&["ZRANGEBYSCORE", "z", "-inf", "+inf", "LIMIT", "1", "-5"]),
            bulks(&["b", "c"])
        );
        assert_eq!(
            t.text(&["ZRANGEBYSCORE", "z", "-inf", "+inf", "LIMIT", "1", "0"]),
            EMPTY
        );
        assert_eq!(
            t.text(&["ZRANGEBYSCORE", "z", "-inf", "+inf", "LIMIT", "3", "1"]),
            EMPTY
        );
        assert_eq!(
            t.text(&["ZRANGEBYSCORE", "z", "-inf", "+inf", "LIMIT", "-1", "1"]),
            EMPTY
        );
        assert_eq!(
            t.text(&["ZRANGEBYSCORE", "z", "2", "2", "LIMIT", "1", "1"]),
            EMPTY
        );
        assert_eq!(
            t.text(&[
                "ZREVRANGEBYSCORE",
                "z",
                "10",
                "-10",
                "WITHSCORES",
                "LIMIT",
                "1",
                "1"
            ]),
            bulks(&["b", "2"])
        );
        assert_eq!(
            t.text(&["ZREVRANGEBYSCORE", "z", "10", "2", "LIMIT", "2", "1"]),
            EMPTY
        );
    }
}

#[test]
fn zrange_by_lex() {
    let mut t = TestServer::new();
    ok(
        &mut t,
        &[
            "ZADD", "z", "0", "a", "0", "b", "0", "c", "0", "d", "0", "e",
        ],
    );
    assert_eq!(
        t.text(&["ZRANGE", "z", "[b", "(d", "BYLEX"]),
        bulks(&["b", "c"])
    );
    assert_eq!(t.text(&["ZRANGEBYLEX", "z", "-", "[b"]), bulks(&["a", "b"]));
    assert_eq!(t.text(&["ZRANGEBYLEX", "z", "(c", "+"]), bulks(&["d", "e"]));
    assert_eq!(
        t.text(&["ZREVRANGEBYLEX", "z", "+", "(c"]),
        bulks(&["e", "d"])
    );
    assert_eq!(
        t.text(&["ZRANGE", "z", "+", "-", "BYLEX", "REV", "LIMIT", "1", "2"]),
        bulks(&["d", "c"])
    );
    assert_eq!(
        t.text(&["ZRANGEBYLEX", "z", "-", "+", "LIMIT", "2", "2"]),
        bulks(&["c", "d"])
    );
    assert_eq!(t.text(&["ZRANGEBYLEX", "z", "+", "-"]), EMPTY);
    assert_eq!(t.text(&["ZRANGEBYLEX", "z", "[", "[b"]), bulks(&["a", "b"]));
    let err = "-ERR min or max not valid string range item\r\n";
    assert_eq!(t.text(&["ZRANGEBYLEX", "z", "a", "+"]), err);
    assert_eq!(t.text(&["ZRANGEBYLEX", "nope", "-", "b"]), err);
}

#[test]
fn zrange_option_errors() {
    let mut t = abc();
    let limit_err = "-ERR syntax error, LIMIT is only supported in combination with either BYSCORE or BYLEX\r\n";
    assert_eq!(
        t.text(&["ZRANGE", "z", "0", "-1", "LIMIT", "0", "1"]),
        limit_err
    );
    assert_eq!(
        t.text(&["ZREVRANGE", "z", "0", "-1", "LIMIT", "0", "1"]),
        limit_err
    );
    assert_eq!(
        t.text(&["ZRANGE", "z", "a", "b", "BYLEX", "WITHSCORES"]),
        "-ERR syntax error, WITHSCORES not supported in combination with BYLEX\r\n"
    );
    assert_eq!(
        t.text(&["ZRANGEBYLEX", "z", "-", "+", "WITHSCORES"]),
        "-ERR syntax error, WITHSCORES not supported in combination with BYLEX\r\n"
    );
    assert_eq!(
        t.text(&["ZRANGE", "z", "0", "1", "BYSCORE", "BYLEX"]),
        SYNTAX
    );
    assert_eq!(t.text(&["ZRANGE", "z", "0", "1", "REV", "REV"]), SYNTAX);
    assert_eq!(t.text(&["ZRANGEBYSCORE", "z", "0", "1", "REV"]), SYNTAX);
    assert_eq!(t.text(&["ZRANGEBYSCORE", "z", "0", "1", "BYSCORE"]), SYNTAX);
    assert_eq!(t.text(&["ZREVRANGE", "z", "0", "1", "REV"]), SYNTAX);
    assert_eq!(t.text(&["ZRANGE", "z", "0", "1", "LIMIT", "0"]), SYNTAX);
    assert_eq!(
        t.text(&["ZRANGE", "z", "0", "1", "BYSCORE", "LIMIT", "x", "1"]),
        NOT_INT
    );
    assert_eq!(t.text(&["ZRANGE", "z", "x", "1"]), NOT_INT);
    assert_eq!(
        t.text(&["ZRANGE", "z", "(a", "1", "BYSCORE"]),
        "-ERR min or max is not a float\r\n"
    );
    assert_eq!(
        t.text(&["ZRANGE", "z", "nan", "1", "BYSCORE"]),
        "-ERR min or max is not a float\r\n"
    );
    assert_eq!(
        t.text(&["ZRANGESTORE", "d", "z", "0", "-1", "WITHSCORES"]),
        SYNTAX
    );
    ok(&mut t, &["SET", "s", "v"]);
    // Range errors come before the type check.
    assert_eq!(
        t.text(&["ZRANGE", "s", "a", "b", "BYLEX"]),
        "-ERR min or max not valid string range item\r\n"
    );
    assert_eq!(t.text(&["ZRANGE", "s", "0", "1", "BYSCORE"]), WRONGTYPE);
}

#[test]
fn zrangestore() {
    let mut t = abc();
    assert_eq!(t.text(&["ZRANGESTORE", "d", "z", "1", "-1"]), int(2));
    assert_eq!(
        t.text(&["ZRANGE", "d", "0", "-1", "WITHSCORES"]),
        bulks(&["b", "2", "c", "3"])
    );
    assert_eq!(
        t.text(&[
            "ZRANGESTORE",
            "d",
            "z",
            "+inf",
            "(1",
            "BYSCORE",
            "REV",
            "LIMIT",
            "0",
            "1"
        ]),
        int(1)
    );
    // Reversed score ranges take max first: this one is empty.
    assert_eq!(
        t.text(&["ZRANGESTORE", "e", "z", "(1", "+inf", "BYSCORE", "REV"]),
        int(0)
    );
    assert_eq!(t.text(&["ZRANGE", "d", "0", "-1"]), bulks(&["c"]));
    assert_eq!(
        t.text(&["ZRANGESTORE", "d", "z", "[a", "[b", "BYLEX"]),
        int(2)
    );
    // An empty result deletes the destination; so does a missing source.
    ok(&mut t, &["SET", "s", "v"]);
    assert_eq!(t.text(&["ZRANGESTORE", "s", "z", "5", "6"]), int(0));
    assert_eq!(t.text(&["EXISTS", "s"]), int(0));
    assert_eq!(t.text(&["ZRANGESTORE", "d", "nope", "0", "-1"]), int(0));
    assert_eq!(t.text(&["EXISTS", "d"]), int(0));
    // The destination is overwritten whatever its type, and loses its TTL.
    ok(&mut t, &["SET", "s", "v", "EX", "100"]);
    assert_eq!(t.text(&["ZRANGESTORE", "s", "z", "0", "0"]), int(1));
    assert_eq!(t.text(&["TYPE", "s"]), "+zset\r\n");
    assert_eq!(t.text(&["TTL", "s"]), int(-1));
    // Source and destination may be the same key.
    assert_eq!(t.text(&["ZRANGESTORE", "z", "z", "0", "1"]), int(2));
    assert_eq!(t.text(&["ZRANGE", "z", "0", "-1"]), bulks(&["a", "b"]));
    assert_eq!(
        t.text(&["ZRANGESTORE", "d", "s", "0", "-1", "BYSCORE"]),
        int(0)
    );
    ok(&mut t, &["SET", "str", "v"]);
    assert_eq!(t.text(&["ZRANGESTORE", "d", "str", "0", "-1"]), WRONGTYPE);
}

#[test]
fn lex_ranges_on_a_large_set() {
    let mut t = TestServer::new();
    let names: Vec<String> = (0..300).map(|i| format!("m{i:03}")).collect();
    let mut args = vec!["ZADD", "z"];
    for n in &names {
        args.push("0");
        args.push(n);
    }
    ok(&mut t, &args);
    assert_eq!(encoding(&mut t, "z"), bulk("skiplist"));
    assert_eq!(t.text(&["ZLEXCOUNT", "z", "[m100", "(m200"]), int(100));
    assert_eq!(
        t.text(&["ZRANGEBYLEX", "z", "(m100", "+", "LIMIT", "0", "2"]),
        bulks(&["m101", "m102"])
    );
    assert_eq!(
        t.text(&["ZREVRANGEBYLEX", "z", "[m100", "-", "LIMIT", "1", "2"]),
        bulks(&["m099", "m098"])
    );
    assert_eq!(t.text(&["ZREMRANGEBYLEX", "z", "[m000", "(m150"]), int(150));
    assert_eq!(t.text(&["ZRANGE", "z", "0", "0"]), bulks(&["m150"]));
}
