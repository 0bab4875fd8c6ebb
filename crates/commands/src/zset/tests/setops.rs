use super::*;

fn two_sets() -> TestServer {
    let mut t = TestServer::new();
    ok(&mut t, &["ZADD", "{k}a", "1", "x", "2", "y", "3", "z"]);
    ok(&mut t, &["ZADD", "{k}b", "10", "y", "20", "z", "30", "w"]);
    t
}

#[test]
fn zunion_aggregates() {
    let mut t = two_sets();
    assert_eq!(
        t.text(&["ZUNION", "2", "{k}a", "{k}b", "WITHSCORES"]),
        bulks(&["x", "1", "y", "12", "z", "23", "w", "30"])
    );
    assert_eq!(
        t.text(&[
            "ZUNION",
            "2",
            "{k}a",
            "{k}b",
            "WEIGHTS",
            "2",
            "0.5",
            "AGGREGATE",
            "MAX",
            "WITHSCORES"
        ]),
        bulks(&["x", "2", "y", "5", "z", "10", "w", "15"])
    );
    assert_eq!(
        t.text(&["ZUNION", "2", "{k}a", "{k}b", "aggregate", "min"]),
        bulks(&["x", "y", "z", "w"])
    );
    assert_eq!(
        t.text(&["ZUNION", "2", "{k}a", "{k}nope"]),
        bulks(&["x", "y", "z"])
    );
    assert_eq!(t.text(&["ZUNION", "1", "{k}nope"]), EMPTY);
    let mut t3 = resp3();
    ok(&mut t3, &["ZADD", "a", "1", "x"]);
    assert_eq!(
        t3.text(&["ZUNION", "1", "a", "WITHSCORES"]),
        pairs3(&[("x", "1")])
    );
}

#[test]
fn infinities_and_zero_weights_follow_redis() {
    let mut t = TestServer::new();
    ok(&mut t, &["ZADD", "{k}a", "inf", "x", "1", "y"]);
    ok(&mut t, &["ZADD", "{k}b", "-inf", "x", "inf", "y"]);
    // inf + -inf sums to 0, not NaN.
    assert_eq!(
        t.text(&["ZUNION", "2", "{k}a", "{k}b", "WITHSCORES"]),
        bulks(&["x", "0", "y", "inf"])
    );
    assert_eq!(
        t.text(&["ZINTER", "2", "{k}a", "{k}b", "WITHSCORES"]),
        bulks(&["x", "0", "y", "inf"])
    );
    // 0 * inf counts as 0.
    assert_eq!(
        t.text(&["ZUNION", "1", "{k}a", "WEIGHTS", "0", "WITHSCORES"]),
        bulks(&["x", "0", "y", "0"])
    );
    assert_eq!(
        t.text(&[
            "ZINTERSTORE",
            "{k}d",
            "2",
            "{k}a",
            "{k}b",
            "AGGREGATE",
            "MIN"
        ]),
        int(2)
    );
    assert_eq!(
        t.text(&["ZRANGE", "{k}d", "0", "-1", "WITHSCORES"]),
        bulks(&["x", "-inf", "y", "1"])
    );
}

#[test]
fn zinter_and_zintercard() {
    let mut t = two_sets();
    assert_eq!(
        t.text(&["ZINTER", "2", "{k}a", "{k}b", "WITHSCORES"]),
        bulks(&["y", "12", "z", "23"])
    );
    assert_eq!(
        t.text(&[
            "ZINTER",
            "2",
            "{k}a",
            "{k}b",
            "AGGREGATE",
            "MIN",
            "WITHSCORES"
        ]),
        bulks(&["y", "2", "z", "3"])
    );
    assert_eq!(t.text(&["ZINTER", "2", "{k}a", "{k}nope"]), EMPTY);
    assert_eq!(t.text(&["ZINTERCARD", "2", "{k}a", "{k}b"]), int(2));
    assert_eq!(
        t.text(&["ZINTERCARD", "2", "{k}a", "{k}b", "LIMIT", "1"]),
        int(1)
    );
    assert_eq!(
        t.text(&["ZINTERCARD", "2", "{k}a", "{k}b", "LIMIT", "0"]),
        int(2)
    );
    assert_eq!(t.text(&["ZINTERCARD", "1", "{k}a"]), int(3));
    assert_eq!(t.text(&["ZINTERCARD", "2", "{k}a", "{k}nope"]), int(0));
    // The same key twice intersects with itself.
    assert_eq!(
        t.text(&["ZINTER", "2", "{k}a", "{k}a", "WITHSCORES"]),
        bulks(&["x", "2", "y", "4", "z", "6"])
    );
}

#[test]
fn zdiff() {
    let mut t = two_sets();
    assert_eq!(
        t.text(&["ZDIFF", "2", "{k}a", "{k}b", "WITHSCORES"]),
        bulks(&["x", "1"])
    );
    assert_eq!(t.text(&["ZDIFF", "2", "{k}b", "{k}a"]), bulks(&["w"]));
    assert_eq!(t.text(&["ZDIFF", "1", "{k}a"]), bulks(&["x", "y", "z"]));
    assert_eq!(t.text(&["ZDIFF", "2", "{k}a", "{k}a"]), EMPTY);
    assert_eq!(t.text(&["ZDIFF", "2", "{k}nope", "{k}a"]), EMPTY);
    assert_eq!(t.text(&["ZDIFFSTORE", "{k}d", "2", "{k}b", "{k}a"]), int(1));
    assert_eq!(
        t.text(&["ZRANGE", "{k}d", "0", "-1", "WITHSCORES"]),
        bulks(&["w", "30"])
    );
    assert_eq!(t.text(&["ZDIFFSTORE", "{k}d", "2", "{k}a", "{k}a"]), int(0));
    assert_eq!(t.text(&["EXISTS", "{k}d"]), int(0));
}

#[test]
fn store_forms() {
    let mut t = two_sets();
    assert_eq!(
        t.text(&[
            "ZUNIONSTORE",
            "{k}d",
            "2",
            "{k}a",
            "{k}b",
            "WEIGHTS",
            "1",
            "-1"
        ]),
        int(4)
    );
    assert_eq!(
        t.text(&["ZRANGE", "{k}d", "0", "-1", "WITHSCORES"]),
        bulks(&["w", "-30", "z", "-17", "y", "-8", "x", "1"])
    );
    assert_eq!(
        t.text(&["ZINTERSTORE", "{k}a", "2", "{k}a", "{k}b"]),
        int(2)
    );
    assert_eq!(t.text(&["ZRANGE", "{k}a", "0", "-1"]), bulks(&["y", "z"]));
    ok(&mut t, &["SET", "{k}s", "v", "EX", "100"]);
    assert_eq!(t.text(&["ZUNIONSTORE", "{k}s", "1", "{k}a"]), int(2));
    assert_eq!(t.text(&["TTL", "{k}s"]), int(-1));
    assert_eq!(
        t.text(&["ZINTERSTORE", "{k}s", "2", "{k}a", "{k}nope"]),
        int(0)
    );
    assert_eq!(t.text(&["EXISTS", "{k}s"]), int(0));
}

#[test]
fn setop_errors() {
    let mut t = two_sets();
    assert_eq!(
        t.text(&["ZUNIONSTORE", "{k}d", "0", "{k}a"]),
        "-ERR at least 1 input key is needed for 'zunionstore' command\r\n"
    );
    assert_eq!(
        t.text(&["ZINTERCARD", "0", "{k}a"]),
        "-ERR at least 1 input key is needed for 'zintercard' command\r\n"
    );
    assert_eq!(t.text(&["ZUNION", "x", "{k}a"]), NOT_INT);
    assert_eq!(t.text(&["ZINTER", "3", "{k}a", "{k}b"]), SYNTAX);
    assert_eq!(
        t.text(&["ZUNION", "1", "{k}a", "WEIGHTS", "x"]),
        "-ERR weight value is not a float\r\n"
    );
    assert_eq!(
        t.text(&["ZUNION", "1", "{k}a", "WEIGHTS", "1", "2"]),
        SYNTAX
    );
    assert_eq!(
        t.text(&["ZUNION", "2", "{k}a", "{k}b", "WEIGHTS", "1"]),
        SYNTAX
    );
    assert_eq!(t.text(&["ZUNION", "1", "{k}a", "AGGREGATE", "avg"]), SYNTAX);
    assert_eq!(t.text(&["ZUNION", "1", "{k}a", "AGGREGATE"]), SYNTAX);
    assert_eq!(
        t.text(&["ZUNIONSTORE", "{k}d", "1", "{k}a", "WITHSCORES"]),
        SYNTAX
    );
    assert_eq!(t.text(&["ZDIFF", "1", "{k}a", "WEIGHTS", "1"]), SYNTAX);
    assert_eq!(t.text(&["ZINTERCARD", "1", "{k}a", "WITHSCORES"]), SYNTAX);
    assert_eq!(
        t.text(&["ZINTERCARD", "1", "{k}a", "LIMIT", "-1"]),
        "-ERR LIMIT can't be negative\r\n"
    );
    assert_eq!(
        t.text(&["ZINTERCARD", "1", "{k}a", "LIMIT", "x"]),
        "-ERR LIMIT can't be negative\r\n"
    );
    assert_eq!(
        t.text(&["ZUNION", "1", "{k}a", "WITHSCORES", "WITHSCORES"]),
        bulks(&["x", "1", "y", "2", "z", "3"])
    );
    // WRONGTYPE is found while looking the keys up, before the options are read.
    ok(&mut t, &["SET", "{k}s", "v"]);
    assert_eq!(t.text(&["ZUNION", "2", "{k}a", "{k}s", "BOGUS"]), WRONGTYPE);
    assert_eq!(t.text(&["ZDIFFSTORE", "{k}d", "1", "{k}s"]), WRONGTYPE);
}

#[test]
fn plain_sets_score_one() {
    let mut t = TestServer::new();
    ok(&mut t, &["SADD", "s", "x", "y", "5"]);
    ok(&mut t, &["SADD", "ints", "5", "7"]);
    ok(&mut t, &["ZADD", "z", "2", "x", "3", "w"]);
    assert_eq!(
        t.text(&["ZUNION", "2", "z", "s", "WITHSCORES"]),
        bulks(&["5", "1", "y", "1", "w", "3", "x", "3"])
    );
    assert_eq!(
        t.text(&["ZINTER", "2", "z", "s", "WITHSCORES"]),
        bulks(&["x", "3"])
    );
    assert_eq!(
        t.text(&["ZDIFF", "2", "s", "z", "WITHSCORES"]),
        bulks(&["5", "1", "y", "1"])
    );
    assert_eq!(t.text(&["ZINTERCARD", "2", "s", "z"]), int(1));
    assert_eq!(t.text(&["ZINTERCARD", "2", "s", "ints"]), int(1));
    assert_eq!(
        t.text(&["ZUNIONSTORE", "d", "2", "s", "z", "WEIGHTS", "2", "1"]),
        int(4)
    );
    assert_eq!(
        t.text(&["ZRANGE", "d", "0", "-1", "WITHSCORES"]),
        bulks(&["5", "2", "y", "2", "w", "3", "x", "4"])
    );
    // An intset's members come out as their decimal text.
    assert_eq!(
        t.text(&["ZUNION", "1", "ints", "WITHSCORES"]),
        bulks(&["5", "1", "7", "1"])
    );
}
