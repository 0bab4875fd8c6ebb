use super::*;

#[test]
fn zremrangebyrank() {
    for mut t in [abc(), abc_skiplist()] {
        assert_eq!(t.text(&["ZREMRANGEBYRANK", "z", "5", "10"]), int(0));
        assert_eq!(t.text(&["ZREMRANGEBYRANK", "z", "2", "1"]), int(0));
        assert_eq!(t.text(&["ZREMRANGEBYRANK", "z", "-1", "-1"]), int(1));
        assert_eq!(t.text(&["ZRANGE", "z", "0", "-1"]), bulks(&["a", "b"]));
        assert_eq!(t.text(&["ZREMRANGEBYRANK", "z", "-100", "100"]), int(2));
        assert_eq!(t.text(&["EXISTS", "z"]), int(0));
    }
    let mut t = TestServer::new();
    assert_eq!(t.text(&["ZREMRANGEBYRANK", "z", "x", "1"]), NOT_INT);
    assert_eq!(t.text(&["ZREMRANGEBYRANK", "z", "0", "1"]), int(0));
}

#[test]
fn zremrangebyscore() {
    for mut t in [abc(), abc_skiplist()] {
        assert_eq!(t.text(&["ZREMRANGEBYSCORE", "z", "(1", "(2"]), int(0));
        assert_eq!(t.text(&["ZREMRANGEBYSCORE", "z", "(1", "2"]), int(1));
        assert_eq!(t.text(&["ZRANGE", "z", "0", "-1"]), bulks(&["a", "c"]));
        assert_eq!(t.text(&["ZREMRANGEBYSCORE", "z", "-inf", "+inf"]), int(2));
        assert_eq!(t.text(&["EXISTS", "z"]), int(0));
    }
    let mut t = TestServer::new();
    assert_eq!(
        t.text(&["ZREMRANGEBYSCORE", "z", "x", "1"]),
        "-ERR min or max is not a float\r\n"
    );
    ok(&mut t, &["SET", "s", "v"]);
    assert_eq!(t.text(&["ZREMRANGEBYSCORE", "s", "0", "1"]), WRONGTYPE);
}

#[test]
fn zremrangebylex() {
    let mut t = TestServer::new();
    ok(
        &mut t,
        &["ZADD", "z", "0", "a", "0", "b", "0", "c", "0", "d"],
    );
    assert_eq!(t.text(&["ZREMRANGEBYLEX", "z", "(a", "[c"]), int(2));
    assert_eq!(t.text(&["ZRANGE", "z", "0", "-1"]), bulks(&["a", "d"]));
    assert_eq!(t.text(&["ZREMRANGEBYLEX", "z", "+", "-"]), int(0));
    assert_eq!(t.text(&["ZREMRANGEBYLEX", "z", "-", "+"]), int(2));
    assert_eq!(t.text(&["EXISTS", "z"]), int(0));
    assert_eq!(
        t.text(&["ZREMRANGEBYLEX", "z", "a", "+"]),
        "-ERR min or max not valid string range item\r\n"
    );
}
