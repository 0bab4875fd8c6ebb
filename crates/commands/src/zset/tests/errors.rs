use super::*;

#[test]
fn every_command_refuses_other_types() {
    let mut t = TestServer::new();
    ok(&mut t, &["SET", "s", "v"]);
    let cmds: &[&[&str]] = &[
        &["ZADD", "s", "1", "a"],
        &["ZINCRBY", "s", "1", "a"],
        &["ZREM", "s", "a"],
        &["ZCARD", "s"],
        &["ZSCORE", "s", "a"],
        &["ZMSCORE", "s", "a"],
        &["ZCOUNT", "s", "0", "1"],
        &["ZLEXCOUNT", "s", "-", "+"],
        &["ZRANK", "s", "a"],
        &["ZREVRANK", "s", "a"],
        &["ZRANGE", "s", "0", "1"],
        &["ZRANGESTORE", "d", "s", "0", "1"],
        &["ZRANGEBYSCORE", "s", "0", "1"],
        &["ZREVRANGEBYSCORE", "s", "1", "0"],
        &["ZRANGEBYLEX", "s", "-", "+"],
        &["ZREVRANGEBYLEX", "s", "+", "-"],
        &["ZREVRANGE", "s", "0", "1"],
        &["ZREMRANGEBYRANK", "s", "0", "1"],
        &["ZREMRANGEBYSCORE", "s", "0", "1"],
        &["ZREMRANGEBYLEX", "s", "-", "+"],
        &["ZPOPMIN", "s"],
        &["ZPOPMAX", "s"],
        &["ZMPOP", "1", "s", "MIN"],
        &["ZRANDMEMBER", "s"],
        &["ZUNION", "1", "s"],
        &["ZINTER", "1", "s"],
        &["ZDIFF", "1", "s"],
        &["ZUNIONSTORE", "d", "1", "s"],
        &["ZINTERSTORE", "d", "1", "s"],
        &["ZDIFFSTORE", "d", "1", "s"],
        &["ZINTERCARD", "1", "s"],
        &["ZSCAN", "s", "0"],
    ];
    for cmd in cmds {
        assert_eq!(t.text(cmd), WRONGTYPE, "{cmd:?}");
    }
    assert_eq!(t.text(&["GET", "s"]), bulk("v"));
    assert_eq!(t.text(&["EXISTS", "d"]), int(0));
}

#[test]
fn zset_keys_refuse_string_commands_and_report_their_type() {
    let mut t = abc();
    assert_eq!(t.text(&["GET", "z"]), WRONGTYPE);
    assert_eq!(t.text(&["TYPE", "z"]), "+zset\r\n");
    assert_eq!(t.text(&["COPY", "z", "c"]), int(1));
    assert_eq!(t.text(&["ZRANGE", "c", "0", "-1"]), bulks(&["a", "b", "c"]));
    assert_eq!(t.text(&["RENAME", "c", "r"]), "+OK\r\n");
    assert_eq!(t.text(&["ZCARD", "r"]), int(3));
}
