//! Option words are compared as Redis's strcasecmp sees them: up to their first NUL byte.
//! Expected bytes from redis-server 7.0 (ZRANK WITHSCORE is 7.2's).

use super::*;

fn zset() -> TestServer {
    let mut t = TestServer::new();
    t.text(&["ZADD", "z", "1", "m", "2", "n"]);
    t
}

#[test]
fn range_options() {
    let mut t = zset();
    assert_eq!(
        t.raw(&[b"ZRANGE", b"z", b"0", b"-1", b"WITHSCORES\0x"]),
        b"*4\r\n$1\r\nm\r\n$1\r\n1\r\n$1\r\nn\r\n$1\r\n2\r\n"
    );
    assert_eq!(
        t.raw(&[
            b"ZRANGE",
            b"z",
            b"(3",
            b"0",
            b"BYSCORE\0",
            b"REV\0",
            b"LIMIT\0",
            b"0",
            b"1"
        ]),
        b"*1\r\n$1\r\nn\r\n"
    );
    assert_eq!(
        t.raw(&[b"ZRANGE", b"z", b"[z", b"-", b"BYLEX\0x", b"REV\0"]),
        b"*2\r\n$1\r\nn\r\n$1\r\nm\r\n"
    );
    assert_eq!(
        t.raw(&[b"ZRANGESTORE", b"zd", b"z", b"0", b"-1", b"REV\0"]),
        b":2\r\n"
    );
    assert_eq!(
        t.raw(&[b"ZRANGE", b"z", b"0", b"-1", b"WITHSCORE\0S"]),
        SYNTAX.as_bytes()
    );
}

#[test]
fn setop_options() {
    let mut t = zset();
    assert_eq!(
        t.raw(&[
            b"ZUNION",
            b"2",
            b"z",
            b"z",
            b"WEIGHTS\0",
            b"1",
            b"2",
            b"AGGREGATE\0",
            b"MAX\0",
            b"WITHSCORES\0"
        ]),
        b"*4\r\n$1\r\nm\r\n$1\r\n2\r\n$1\r\nn\r\n$1\r\n4\r\n"
    );
    assert_eq!(
        t.raw(&[
            b"ZINTER",
            b"1",
            b"z",
            b"aggregate",
            b"min\0x",
            b"withscores\0"
        ]),
        b"*4\r\n$1\r\nm\r\n$1\r\n1\r\n$1\r\nn\r\n$1\r\n2\r\n"
    );
    assert_eq!(
        t.raw(&[b"ZUNIONSTORE", b"zu", b"1", b"z", b"AGGREGATE", b"SUM\0"]),
        b":2\r\n"
    );
    assert_eq!(
        t.raw(&[b"ZINTERCARD", b"1", b"z", b"limit\0", b"1"]),
        b":1\r\n"
    );
}

#[test]
fn single_option_words() {
    let mut t = zset();
    t.text(&["ZADD", "one", "1", "m"]);
    assert_eq!(
        t.raw(&[b"ZRANDMEMBER", b"one", b"-1", b"WITHSCORES\0"]),
        b"*2\r\n$1\r\nm\r\n$1\r\n1\r\n"
    );
    assert_eq!(
        t.raw(&[b"ZRANK", b"z", b"n", b"withscore\0x"]),
        b"*2\r\n:1\r\n$1\r\n2\r\n"
    );
    assert_eq!(
        t.raw(&[b"ZSCAN", b"z", b"0", b"match\0", b"*", b"count\0", b"5"]),
        b"*2\r\n$1\r\n0\r\n*4\r\n$1\r\nm\r\n$1\r\n1\r\n$1\r\nn\r\n$1\r\n2\r\n"
    );
}
