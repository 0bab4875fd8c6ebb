use super::*;

fn zadd_n(t: &mut TestServer, key: &str, n: usize, member_len: usize) {
    let mut args = vec!["ZADD".to_string(), key.to_string()];
    for i in 0..n {
        args.push(i.to_string());
        args.push(format!("{i:0member_len$}"));
    }
    let refs: Vec<&str> = args.iter().map(|s| s.as_str()).collect();
    ok(t, &refs);
}

#[test]
fn listpack_until_a_limit_is_crossed() {
    let mut t = TestServer::new();
    zadd_n(&mut t, "z", 128, 64);
    assert_eq!(encoding(&mut t, "z"), bulk("listpack"));
    assert_eq!(t.text(&["ZADD", "z", "1", "x"]), int(1));
    assert_eq!(encoding(&mut t, "z"), bulk("skiplist"));
    // Removing members never converts back.
    ok(&mut t, &["ZREMRANGEBYRANK", "z", "0", "-3"]);
    assert_eq!(t.text(&["ZCARD", "z"]), int(2));
    assert_eq!(encoding(&mut t, "z"), bulk("skiplist"));

    let mut t = TestServer::new();
    ok(&mut t, &["ZADD", "z", "1", "a"]);
    ok(&mut t, &["ZADD", "z", "1", &"m".repeat(65)]);
    assert_eq!(encoding(&mut t, "z"), bulk("skiplist"));
}

#[test]
fn zadd_with_many_pairs_converts_up_front() {
    // Redis 7.2 sizes by the number of pairs given, duplicates included (7.0 does not).
    let mut t = TestServer::new();
    let mut args = vec!["ZADD", "z"];
    for _ in 0..129 {
        args.push("1");
        args.push("same");
    }
    ok(&mut t, &args);
    assert_eq!(t.text(&["ZCARD", "z"]), int(1));
    assert_eq!(encoding(&mut t, "z"), bulk("skiplist"));
    let mut t = TestServer::new();
    ok(&mut t, &["ZADD", "z", "1", "a"]);
    ok(&mut t, &args);
    assert_eq!(encoding(&mut t, "z"), bulk("skiplist"));
    // A long first member picks the skiplist at creation.
    let mut t = TestServer::new();
    ok(&mut t, &["ZADD", "z", "1", &"m".repeat(65), "2", "b"]);
    assert_eq!(encoding(&mut t, "z"), bulk("skiplist"));
}

#[test]
fn limits_follow_config_set() {
    let mut t = TestServer::new();
    config_set(&t, "zset-max-listpack-entries", "2");
    ok(&mut t, &["ZADD", "z", "1", "a", "2", "b"]);
    assert_eq!(encoding(&mut t, "z"), bulk("listpack"));
    ok(&mut t, &["ZADD", "z", "3", "c"]);
    assert_eq!(encoding(&mut t, "z"), bulk("skiplist"));
    config_set(&t, "zset-max-ziplist-entries", "128");
    config_set(&t, "zset-max-listpack-value", "2");
    ok(&mut t, &["ZADD", "y", "1", "ab"]);
    assert_eq!(encoding(&mut t, "y"), bulk("listpack"));
    ok(&mut t, &["ZADD", "y", "1", "abc"]);
    assert_eq!(encoding(&mut t, "y"), bulk("skiplist"));
}

#[test]
fn stored_results_pick_their_encoding_by_size() {
    let mut t = TestServer::new();
    zadd_n(&mut t, "{k}big", 200, 3);
    assert_eq!(encoding(&mut t, "{k}big"), bulk("skiplist"));
    assert_eq!(
        t.text(&["ZRANGESTORE", "{k}d", "{k}big", "0", "127"]),
        int(128)
    );
    assert_eq!(encoding(&mut t, "{k}d"), bulk("listpack"));
    assert_eq!(
        t.text(&["ZRANGESTORE", "{k}d", "{k}big", "0", "128"]),
        int(129)
    );
    assert_eq!(encoding(&mut t, "{k}d"), bulk("skiplist"));
    assert_eq!(t.text(&["ZUNIONSTORE", "{k}u", "1", "{k}big"]), int(200));
    assert_eq!(encoding(&mut t, "{k}u"), bulk("skiplist"));
    ok(&mut t, &["ZREMRANGEBYRANK", "{k}big", "10", "-1"]);
    assert_eq!(encoding(&mut t, "{k}big"), bulk("skiplist"));
    assert_eq!(t.text(&["ZUNIONSTORE", "{k}u", "1", "{k}big"]), int(10));
    assert_eq!(encoding(&mut t, "{k}u"), bulk("listpack"));
    assert_eq!(
        t.text(&["ZINTERSTORE", "{k}i", "2", "{k}big", "{k}u"]),
        int(10)
    );
    assert_eq!(encoding(&mut t, "{k}i"), bulk("listpack"));
    assert_eq!(t.text(&["ZDIFFSTORE", "{k}i", "1", "{k}big"]), int(10));
    assert_eq!(encoding(&mut t, "{k}i"), bulk("listpack"));
}

#[test]
fn both_encodings_answer_alike() {
    let mut lp = TestServer::new();
    let mut sl = TestServer::new();
    config_set(&sl, "zset-max-listpack-entries", "0");
    let script: &[&[&str]] = &[
        &[
            "ZADD", "z", "1", "a", "1", "b", "2.5", "c", "-inf", "d", "inf", "e", "0", "f",
        ],
        &["ZINCRBY", "z", "1.5", "a"],
        &["ZADD", "z", "GT", "CH", "0", "a", "3", "b"],
        &["ZRANGE", "z", "0", "-1", "WITHSCORES"],
        &[
            "ZRANGE",
            "z",
            "(0",
            "3",
            "BYSCORE",
            "LIMIT",
            "1",
            "2",
            "WITHSCORES",
        ],
        &[
            "ZRANGE",
            "z",
            "+inf",
            "-inf",
            "BYSCORE",
            "REV",
            "WITHSCORES",
        ],
        &["ZRANK", "z", "c", "WITHSCORE"],
        &["ZREVRANK", "z", "f"],
        &["ZCOUNT", "z", "-inf", "(2.5"],
        &["ZPOPMAX", "z", "2"],
        &["ZREMRANGEBYSCORE", "z", "-inf", "-inf"],
        &["ZRANDMEMBER", "z", "100", "WITHSCORES"],
        &["ZMPOP", "1", "z", "MIN", "COUNT", "2"],
        &["ZRANGE", "z", "0", "-1", "WITHSCORES"],
    ];
    for cmd in script {
        assert_eq!(lp.text(cmd), sl.text(cmd), "{cmd:?}");
    }
    assert_eq!(encoding(&mut lp, "z"), bulk("listpack"));
    assert_eq!(encoding(&mut sl, "z"), bulk("skiplist"));
}
