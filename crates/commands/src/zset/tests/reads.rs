use super::*;

#[test]
fn zcard_zscore_zmscore() {
    let mut t = abc();
    assert_eq!(t.text(&["ZCARD", "z"]), int(3));
    assert_eq!(t.text(&["ZCARD", "nope"]), int(0));
    assert_eq!(t.text(&["ZSCORE", "z", "b"]), bulk("2"));
    assert_eq!(t.text(&["ZSCORE", "z", "x"]), NIL);
    assert_eq!(t.text(&["ZSCORE", "nope", "x"]), NIL);
    assert_eq!(
        t.text(&["ZMSCORE", "z", "c", "x", "a"]),
        format!("*3\r\n{}{NIL}{}", bulk("3"), bulk("1"))
    );
    assert_eq!(
        t.text(&["ZMSCORE", "nope", "a", "b"]),
        format!("*2\r\n{NIL}{NIL}")
    );
    ok(&mut t, &["SET", "s", "v"]);
    for cmd in [
        &["ZCARD", "s"][..],
        &["ZSCORE", "s", "a"],
        &["ZMSCORE", "s", "a"],
    ] {
        assert_eq!(t.text(cmd), WRONGTYPE);
    }
}

#[test]
fn resp3_scores_are_doubles() {
    let mut t = resp3();
    ok(&mut t, &["ZADD", "z", "1.5", "a", "-inf", "b", "2", "c"]);
    assert_eq!(t.text(&["ZSCORE", "z", "a"]), ",1.5\r\n");
    assert_eq!(t.text(&["ZSCORE", "z", "b"]), ",-inf\r\n");
    assert_eq!(t.text(&["ZSCORE", "z", "x"]), "_\r\n");
    assert_eq!(t.text(&["ZMSCORE", "z", "c", "x"]), "*2\r\n,2\r\n_\r\n");
}

#[test]
fn doubles_print_as_redis_7_2_does() {
    // Redis 7.0 prints "%.17g" (1.1000000000000001); 7.2 prints the shortest round-trip form.
    let mut t = TestServer::new();
    ok(
        &mut t,
        &[
            "ZADD",
            "z",
            "1.1",
            "a",
            "0.30000000000000004",
            "b",
            "1e20",
            "c",
            "-0.0",
            "d",
        ],
    );
    assert_eq!(t.text(&["ZSCORE", "z", "a"]), bulk("1.1"));
    assert_eq!(t.text(&["ZSCORE", "z", "b"]), bulk("0.30000000000000004"));
    assert_eq!(t.text(&["ZSCORE", "z", "c"]), bulk("1e+20"));
    // A listpack keeps integral scores as integers, so -0 comes back as 0 ...
    assert_eq!(t.text(&["ZSCORE", "z", "d"]), bulk("0"));
    // ... while a skiplist keeps the sign, as in Redis.
    config_set(&t, "zset-max-listpack-entries", "0");
    ok(&mut t, &["ZADD", "y", "-0", "d"]);
    assert_eq!(t.text(&["ZSCORE", "y", "d"]), bulk("-0"));
}

#[test]
fn zrank_and_zrevrank() {
    for mut t in [abc(), abc_skiplist()] {
        assert_eq!(t.text(&["ZRANK", "z", "a"]), int(0));
        assert_eq!(t.text(&["ZRANK", "z", "c"]), int(2));
        assert_eq!(t.text(&["ZREVRANK", "z", "c"]), int(0));
        assert_eq!(t.text(&["ZREVRANK", "z", "a"]), int(2));
        assert_eq!(t.text(&["ZRANK", "z", "x"]), NIL);
        assert_eq!(t.text(&["ZRANK", "nope", "x"]), NIL);
        assert_eq!(
            t.text(&["ZRANK", "z", "b", "WITHSCORE"]),
            format!("*2\r\n:1\r\n{}", bulk("2"))
        );
        assert_eq!(
            t.text(&["ZREVRANK", "z", "a", "withscore"]),
            format!("*2\r\n:2\r\n{}", bulk("1"))
        );
        assert_eq!(t.text(&["ZRANK", "z", "x", "WITHSCORE"]), "*-1\r\n");
        assert_eq!(t.text(&["ZRANK", "nope", "x", "WITHSCORE"]), "*-1\r\n");
        assert_eq!(t.text(&["ZRANK", "z", "a", "WITHSCORES"]), SYNTAX);
        assert_eq!(
            t.text(&["ZRANK", "z", "a", "WITHSCORE", "x"]),
            "-ERR wrong number of arguments for 'zrank' command\r\n"
        );
        assert_eq!(
            t.text(&["ZREVRANK", "z", "a", "b", "c"]),
            "-ERR wrong number of arguments for 'zrevrank' command\r\n"
        );
    }
    let mut t = resp3();
    ok(&mut t, &["ZADD", "z", "1", "a"]);
    assert_eq!(
        t.text(&["ZRANK", "z", "a", "WITHSCORE"]),
        "*2\r\n:0\r\n,1\r\n"
    );
    assert_eq!(t.text(&["ZRANK", "z", "x", "WITHSCORE"]), "_\r\n");
    assert_eq!(t.text(&["ZRANK", "z", "x"]), "_\r\n");
    ok(&mut t, &["SET", "s", "v"]);
    assert_eq!(t.text(&["ZRANK", "s", "a"]), WRONGTYPE);
    // The WITHSCORE check comes before the lookup.
    assert_eq!(t.text(&["ZRANK", "s", "a", "bad"]), SYNTAX);
}

#[test]
fn zcount() {
    for mut t in [abc(), abc_skiplist()] {
        assert_eq!(t.text(&["ZCOUNT", "z", "-inf", "+inf"]), int(3));
        assert_eq!(t.text(&["ZCOUNT", "z", "(1", "3"]), int(2));
        assert_eq!(t.text(&["ZCOUNT", "z", "(1", "(3"]), int(1));
        assert_eq!(t.text(&["ZCOUNT", "z", "2", "2"]), int(1));
        assert_eq!(t.text(&["ZCOUNT", "z", "(2", "2"]), int(0));
        assert_eq!(t.text(&["ZCOUNT", "z", "3", "1"]), int(0));
        assert_eq!(t.text(&["ZCOUNT", "z", "4", "10"]), int(0));
        assert_eq!(t.text(&["ZCOUNT", "z", "", "1.5"]), int(1));
    }
    let mut t = TestServer::new();
    let err = "-ERR min or max is not a float\r\n";
    assert_eq!(t.text(&["ZCOUNT", "nope", "a", "1"]), err);
    assert_eq!(t.text(&["ZCOUNT", "nope", "1", "nan"]), err);
    assert_eq!(t.text(&["ZCOUNT", "nope", "1", "2"]), int(0));
    ok(&mut t, &["SET", "s", "v"]);
    assert_eq!(t.text(&["ZCOUNT", "s", "1", "2"]), WRONGTYPE);
}

#[test]
fn zlexcount() {
    let mut t = TestServer::new();
    ok(
        &mut t,
        &["ZADD", "z", "0", "a", "0", "b", "0", "c", "0", "d"],
    );
    assert_eq!(t.text(&["ZLEXCOUNT", "z", "-", "+"]), int(4));
    assert_eq!(t.text(&["ZLEXCOUNT", "z", "[b", "(d"]), int(2));
    assert_eq!(t.text(&["ZLEXCOUNT", "z", "(a", "[c"]), int(2));
    assert_eq!(t.text(&["ZLEXCOUNT", "z", "+", "-"]), int(0));
    assert_eq!(t.text(&["ZLEXCOUNT", "z", "[c", "[b"]), int(0));
    assert_eq!(t.text(&["ZLEXCOUNT", "z", "[b", "[b"]), int(1));
    assert_eq!(t.text(&["ZLEXCOUNT", "z", "(b", "[b"]), int(0));
    let err = "-ERR min or max not valid string range item\r\n";
    assert_eq!(t.text(&["ZLEXCOUNT", "z", "a", "+"]), err);
    assert_eq!(t.text(&["ZLEXCOUNT", "nope", "-", "+x"]), err);
    assert_eq!(t.text(&["ZLEXCOUNT", "nope", "-", "+"]), int(0));
}

#[test]
fn reads_count_keyspace_hits_and_misses() {
    let mut t = abc();
    let stats = |t: &TestServer| {
        let s = &t.server.shards[0];
        (s.keyspace_hits.get(), s.keyspace_misses.get())
    };
    let (h, m) = stats(&t);
    t.text(&["ZSCORE", "z", "a"]);
    t.text(&["ZCARD", "nope"]);
    assert_eq!(stats(&t), (h + 1, m + 1));
}
