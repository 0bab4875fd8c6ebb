use super::*;

#[test]
fn zpopmin_zpopmax_resp2() {
    for mut t in [abc(), abc_skiplist()] {
        assert_eq!(t.text(&["ZPOPMIN", "z"]), bulks(&["a", "1"]));
        assert_eq!(t.text(&["ZPOPMAX", "z", "1"]), bulks(&["c", "3"]));
        assert_eq!(t.text(&["ZPOPMIN", "z", "0"]), EMPTY);
        assert_eq!(t.text(&["ZPOPMAX", "z", "10"]), bulks(&["b", "2"]));
        assert_eq!(t.text(&["EXISTS", "z"]), int(0));
        assert_eq!(t.text(&["ZPOPMIN", "z"]), EMPTY);
        assert_eq!(t.text(&["ZPOPMIN", "z", "3"]), EMPTY);
    }
}

#[test]
fn zpop_resp3_nests_only_with_a_count() {
    let mut t = resp3();
    ok(&mut t, &["ZADD", "z", "1", "a", "2", "b", "3.5", "c"]);
    assert_eq!(
        t.text(&["ZPOPMIN", "z", "2"]),
        pairs3(&[("a", "1"), ("b", "2")])
    );
    assert_eq!(
        t.text(&["ZPOPMIN", "z"]),
        format!("*2\r\n{},3.5\r\n", bulk("c"))
    );
    assert_eq!(t.text(&["ZPOPMAX", "z"]), EMPTY);
}

#[test]
fn zpop_errors() {
    let mut t = abc();
    let positive = "-ERR value is out of range, must be positive\r\n";
    assert_eq!(t.text(&["ZPOPMIN", "z", "-1"]), positive);
    assert_eq!(t.text(&["ZPOPMIN", "z", "x"]), positive);
    assert_eq!(t.text(&["ZPOPMIN", "z", "1", "2"]), SYNTAX);
    ok(&mut t, &["SET", "s", "v"]);
    assert_eq!(t.text(&["ZPOPMAX", "s"]), WRONGTYPE);
    assert_eq!(t.text(&["ZPOPMAX", "s", "0"]), WRONGTYPE);
}

#[test]
fn zmpop() {
    let mut t = abc();
    ok(&mut t, &["ZADD", "y", "5", "x"]);
    assert_eq!(
        t.text(&["ZMPOP", "3", "nope", "z", "y", "MIN"]),
        format!("*2\r\n{}*1\r\n{}", bulk("z"), bulks(&["a", "1"]))
    );
    assert_eq!(
        t.text(&["ZMPOP", "2", "z", "y", "max", "COUNT", "10"]),
        format!(
            "*2\r\n{}*2\r\n{}{}",
            bulk("z"),
            bulks(&["c", "3"]),
            bulks(&["b", "2"])
        )
    );
    assert_eq!(t.text(&["EXISTS", "z"]), int(0));
    assert_eq!(
        t.text(&["ZMPOP", "2", "z", "y", "MAX"]),
        format!("*2\r\n{}*1\r\n{}", bulk("y"), bulks(&["x", "5"]))
    );
    assert_eq!(t.text(&["ZMPOP", "2", "z", "y", "MAX"]), "*-1\r\n");
    let mut t3 = resp3();
    assert_eq!(t3.text(&["ZMPOP", "1", "z", "MIN"]), "_\r\n");
    ok(&mut t3, &["ZADD", "z", "1.5", "a"]);
    assert_eq!(
        t3.text(&["ZMPOP", "1", "z", "MIN"]),
        format!("*2\r\n{}{}", bulk("z"), pairs3(&[("a", "1.5")]))
    );
}

#[test]
fn zmpop_errors() {
    let mut t = abc();
    let numkeys = "-ERR numkeys should be greater than 0\r\n";
    assert_eq!(t.text(&["ZMPOP", "0", "z", "MIN"]), numkeys);
    assert_eq!(t.text(&["ZMPOP", "x", "z", "MIN"]), numkeys);
    assert_eq!(t.text(&["ZMPOP", "2", "z", "MIN"]), SYNTAX);
    assert_eq!(t.text(&["ZMPOP", "1", "z", "MID"]), SYNTAX);
    assert_eq!(t.text(&["ZMPOP", "1", "z", "MIN", "COUNT"]), SYNTAX);
    assert_eq!(
        t.text(&["ZMPOP", "1", "z", "MIN", "COUNT", "1", "COUNT", "1"]),
        SYNTAX
    );
    let count = "-ERR count should be greater than 0\r\n";
    assert_eq!(t.text(&["ZMPOP", "1", "z", "MIN", "COUNT", "0"]), count);
    assert_eq!(t.text(&["ZMPOP", "1", "z", "MIN", "COUNT", "x"]), count);
    ok(&mut t, &["SET", "s", "v"]);
    // A key of another type before the first sorted set is an error ...
    assert_eq!(t.text(&["ZMPOP", "2", "s", "z", "MIN"]), WRONGTYPE);
    // ... after it, it is never looked at.
    assert_eq!(
        t.text(&["ZMPOP", "2", "z", "s", "MIN"]),
        format!("*2\r\n{}*1\r\n{}", bulk("z"), bulks(&["a", "1"]))
    );
}

#[test]
fn zmpop_words_end_at_a_nul_byte() {
    let mut t = TestServer::new();
    t.text(&["ZADD", "z", "1", "a", "2", "b"]);
    assert_eq!(
        t.raw(&[b"ZMPOP", b"1", b"z", b"max\0min", b"count\0x", b"1"]),
        b"*2\r\n$1\r\nz\r\n*1\r\n*2\r\n$1\r\nb\r\n$1\r\n2\r\n"
    );
    assert_eq!(
        t.raw(&[b"ZMPOP", b"1", b"z", b"\0MIN"]),
        b"-ERR syntax error\r\n"
    );
}
