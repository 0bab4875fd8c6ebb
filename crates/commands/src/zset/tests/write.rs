use super::*;

#[test]
fn zadd_counts_new_members_and_ch_counts_updates() {
    let mut t = TestServer::new();
    assert_eq!(t.text(&["ZADD", "z", "1", "a", "2", "b"]), int(2));
    assert_eq!(t.text(&["ZADD", "z", "1", "a", "5", "b", "3", "c"]), int(1));
    assert_eq!(
        t.text(&["ZADD", "z", "CH", "1", "a", "6", "b", "4", "d"]),
        int(2)
    );
    assert_eq!(t.text(&["ZSCORE", "z", "b"]), bulk("6"));
    // Repeating a member inside one command applies each pair in turn.
    assert_eq!(t.text(&["ZADD", "z", "7", "e", "8", "e"]), int(1));
    assert_eq!(t.text(&["ZSCORE", "z", "e"]), bulk("8"));
}

#[test]
fn zadd_nx_xx_gt_lt() {
    let mut t = abc();
    assert_eq!(t.text(&["ZADD", "z", "NX", "10", "a", "4", "d"]), int(1));
    assert_eq!(t.text(&["ZSCORE", "z", "a"]), bulk("1"));
    assert_eq!(
        t.text(&["ZADD", "z", "XX", "CH", "10", "a", "5", "e"]),
        int(1)
    );
    assert_eq!(t.text(&["ZSCORE", "z", "e"]), NIL);
    assert_eq!(
        t.text(&["ZADD", "z", "GT", "CH", "5", "a", "1", "b", "9", "f"]),
        int(1)
    );
    assert_eq!(t.text(&["ZSCORE", "z", "a"]), bulk("10"));
    assert_eq!(t.text(&["ZSCORE", "z", "b"]), bulk("2"));
    assert_eq!(
        t.text(&["ZADD", "z", "LT", "XX", "CH", "1", "c", "100", "d"]),
        int(1)
    );
    assert_eq!(t.text(&["ZSCORE", "z", "c"]), bulk("1"));
    assert_eq!(t.text(&["ZSCORE", "z", "d"]), bulk("4"));
    // Options are case-insensitive and may repeat.
    assert_eq!(t.text(&["ZADD", "z", "xx", "Xx", "ch", "2", "c"]), int(1));
}

#[test]
fn zadd_xx_on_a_missing_key_creates_nothing() {
    let mut t = TestServer::new();
    assert_eq!(t.text(&["ZADD", "z", "XX", "1", "a"]), int(0));
    assert_eq!(t.text(&["ZADD", "z", "XX", "INCR", "1", "a"]), NIL);
    assert_eq!(t.text(&["EXISTS", "z"]), int(0));
}

#[test]
fn zadd_incr_replies_the_new_score_or_nil() {
    let mut t = abc();
    assert_eq!(t.text(&["ZADD", "z", "INCR", "2.5", "a"]), bulk("3.5"));
    assert_eq!(t.text(&["ZADD", "z", "INCR", "4", "new"]), bulk("4"));
    assert_eq!(t.text(&["ZADD", "z", "NX", "INCR", "4", "new"]), NIL);
    assert_eq!(t.text(&["ZADD", "z", "GT", "INCR", "-1", "new"]), NIL);
    assert_eq!(t.text(&["ZADD", "z", "INCR", "0", "new"]), bulk("4"));
    let mut t3 = resp3();
    assert_eq!(t3.text(&["ZADD", "z", "INCR", "0.25", "m"]), ",0.25\r\n");
    assert_eq!(t3.text(&["ZADD", "z", "XX", "INCR", "1", "x"]), "_\r\n");
}

#[test]
fn zincrby() {
    let mut t = abc();
    assert_eq!(t.text(&["ZINCRBY", "z", "10", "a"]), bulk("11"));
    assert_eq!(t.text(&["ZINCRBY", "z", "-0.5", "x"]), bulk("-0.5"));
    assert_eq!(t.text(&["ZINCRBY", "z", "abc", "x"]), NOT_FLOAT);
    assert_eq!(t.text(&["ZINCRBY", "z", "+inf", "x"]), bulk("inf"));
    assert_eq!(
        t.text(&["ZINCRBY", "z", "-inf", "x"]),
        "-ERR resulting score is not a number (NaN)\r\n"
    );
    assert_eq!(t.text(&["ZSCORE", "z", "x"]), bulk("inf"));
    // ZINCRBY parses options like ZADD, so an option word where the increment goes fails.
    assert_eq!(t.text(&["ZINCRBY", "z", "nx", "a"]), SYNTAX);
    assert_eq!(t.text(&["ZINCRBY", "z", "incr", "a"]), SYNTAX);
    ok(&mut t, &["SET", "s", "v"]);
    assert_eq!(t.text(&["ZINCRBY", "s", "1", "a"]), WRONGTYPE);
}

#[test]
fn zadd_scores_parse_strictly() {
    let mut t = TestServer::new();
    for bad in ["x", "nan", " 1", "1 ", "", "1e400", "1.5.5"] {
        assert_eq!(t.text(&["ZADD", "z", bad, "a"]), NOT_FLOAT, "{bad:?}");
    }
    assert_eq!(t.text(&["EXISTS", "z"]), int(0));
    assert_eq!(
        t.text(&["ZADD", "z", "0x10", "a", "-inf", "b", "+1e3", "c"]),
        int(3)
    );
    assert_eq!(t.text(&["ZSCORE", "z", "a"]), bulk("16"));
    assert_eq!(t.text(&["ZSCORE", "z", "b"]), bulk("-inf"));
    assert_eq!(t.text(&["ZSCORE", "z", "c"]), bulk("1000"));
    // A bad score anywhere changes nothing.
    assert_eq!(t.text(&["ZADD", "z", "5", "d", "oops", "e"]), NOT_FLOAT);
    assert_eq!(t.text(&["ZCARD", "z"]), int(3));
}

#[test]
fn zadd_option_errors_in_redis_order() {
    let mut t = TestServer::new();
    assert_eq!(
        t.text(&["ZADD", "z", "1"]),
        "-ERR wrong number of arguments for 'zadd' command\r\n"
    );
    assert_eq!(t.text(&["ZADD", "z", "NX", "1"]), SYNTAX);
    assert_eq!(t.text(&["ZADD", "z", "1", "a", "2"]), SYNTAX);
    assert_eq!(t.text(&["ZADD", "z", "NX", "XX", "CH"]), SYNTAX);
    assert_eq!(
        t.text(&["ZADD", "z", "NX", "XX", "1", "a"]),
        "-ERR XX and NX options at the same time are not compatible\r\n"
    );
    let gtlt = "-ERR GT, LT, and/or NX options at the same time are not compatible\r\n";
    assert_eq!(t.text(&["ZADD", "z", "GT", "LT", "1", "a"]), gtlt);
    assert_eq!(t.text(&["ZADD", "z", "NX", "GT", "1", "a"]), gtlt);
    assert_eq!(t.text(&["ZADD", "z", "LT", "NX", "1", "a"]), gtlt);
    // NX with XX is reported first.
    assert_eq!(
        t.text(&["ZADD", "z", "NX", "XX", "GT", "1", "a"]),
        "-ERR XX and NX options at the same time are not compatible\r\n"
    );
    assert_eq!(
        t.text(&["ZADD", "z", "INCR", "1", "a", "2", "b"]),
        "-ERR INCR option supports a single increment-element pair\r\n"
    );
    // Option errors come before score errors, score errors before the type check.
    assert_eq!(
        t.text(&["ZADD", "z", "NX", "XX", "x", "a"]),
        "-ERR XX and NX options at the same time are not compatible\r\n"
    );
    ok(&mut t, &["SET", "s", "v"]);
    assert_eq!(t.text(&["ZADD", "s", "x", "a"]), NOT_FLOAT);
    assert_eq!(t.text(&["ZADD", "s", "1", "a"]), WRONGTYPE);
    assert_eq!(t.text(&["ZADD", "s", "XX", "1", "a"]), WRONGTYPE);
}

#[test]
fn zrem_removes_and_deletes_the_empty_key() {
    let mut t = abc();
    assert_eq!(t.text(&["ZREM", "z", "a", "x", "a"]), int(1));
    assert_eq!(t.text(&["ZREM", "z", "b", "c", "b"]), int(2));
    assert_eq!(t.text(&["EXISTS", "z"]), int(0));
    assert_eq!(t.text(&["ZREM", "z", "a"]), int(0));
    ok(&mut t, &["SET", "s", "v"]);
    assert_eq!(t.text(&["ZREM", "s", "a"]), WRONGTYPE);
}

#[test]
fn binary_and_empty_members() {
    let mut t = TestServer::new();
    assert_eq!(
        t.raw(&[b"ZADD", b"z", b"1", b"", b"2", b"\x00\xff\r\n"]),
        b":2\r\n"
    );
    assert_eq!(t.raw(&[b"ZSCORE", b"z", b"\x00\xff\r\n"]), b"$1\r\n2\r\n");
    assert_eq!(
        t.raw(&[b"ZRANGE", b"z", b"0", b"-1"]),
        b"*2\r\n$0\r\n\r\n$4\r\n\x00\xff\r\n\r\n"
    );
    assert_eq!(t.raw(&[b"ZRANK", b"z", b""]), b":0\r\n");
}

#[test]
fn writes_count_as_changes() {
    let mut t = TestServer::new();
    let dirty = |t: &TestServer| t.server.shards[0].dirty.get();
    let d0 = dirty(&t);
    ok(&mut t, &["ZADD", "z", "1", "a", "2", "b", "3", "c"]);
    assert_eq!(dirty(&t), d0 + 3);
    ok(&mut t, &["ZADD", "z", "1", "a"]);
    assert_eq!(dirty(&t), d0 + 3);
    ok(&mut t, &["ZREM", "z", "a", "b", "c"]);
    assert_eq!(dirty(&t), d0 + 6);
}

#[test]
fn expired_keys_are_missing() {
    let mut t = abc();
    ok(&mut t, &["PEXPIRE", "z", "100"]);
    t.clock_offset_ms = 1000;
    assert_eq!(t.text(&["ZCARD", "z"]), int(0));
    assert_eq!(t.text(&["ZADD", "z", "XX", "1", "a"]), int(0));
    assert_eq!(t.text(&["ZADD", "z", "5", "q"]), int(1));
    assert_eq!(t.text(&["TTL", "z"]), int(-1));
}

#[test]
fn options_end_at_a_nul_byte_as_strcasecmp_reads_them() {
    // Checked against redis-server: both add the member.
    let mut t = TestServer::new();
    assert_eq!(t.raw(&[b"ZADD", b"k", b"nx\0", b"1", b"m"]), b":1\r\n");
    assert_eq!(
        t.raw(&[b"GEOADD", b"g", b"ch\0", b"1", b"2", b"m"]),
        b":1\r\n"
    );
}
