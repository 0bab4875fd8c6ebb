//! List command tests. Expected bytes were taken from a real Redis (7.0, and Valkey 9 for the
//! 7.2 encoding behaviour) given the same commands.

use shoal_resp::Proto;

use crate::testing::TestServer;

const WRONGTYPE: &str = "-WRONGTYPE Operation against a key holding the wrong kind of value\r\n";
const NOT_INT: &str = "-ERR value is not an integer or out of range\r\n";
const MUST_BE_POSITIVE: &str = "-ERR value is out of range, must be positive\r\n";

/// `OBJECT ENCODING key`.
fn encoding(t: &mut TestServer, key: &str) -> String {
    let reply = t.text(&["OBJECT", "ENCODING", key]);
    let body = reply.rsplit("\r\n").nth(1).expect("a bulk reply");
    body.to_string()
}

fn exists(t: &mut TestServer, key: &str) -> bool {
    t.text(&["EXISTS", key]) == ":1\r\n"
}

fn set_fill(t: &mut TestServer, v: &str) {
    t.server
        .config
        .config_set(&[b"list-max-listpack-size", v.as_bytes()], true)
        .expect("valid value");
}

fn bulks(items: &[&str]) -> String {
    let mut s = format!("*{}\r\n", items.len());
    for i in items {
        s.push_str(&format!("${}\r\n{}\r\n", i.len(), i));
    }
    s
}

fn range(t: &mut TestServer, key: &str) -> String {
    t.text(&["LRANGE", key, "0", "-1"])
}

/// A string key to provoke WRONGTYPE with.
fn with_string(t: &mut TestServer) {
    assert_eq!(t.text(&["SET", "s", "str"]), "+OK\r\n");
}

#[test]
fn push_and_len() {
    let mut t = TestServer::new();
    assert_eq!(t.text(&["LPUSH", "k", "a", "b", "c"]), ":3\r\n");
    assert_eq!(t.text(&["RPUSH", "k", "d"]), ":4\r\n");
    assert_eq!(range(&mut t, "k"), bulks(&["c", "b", "a", "d"]));
    assert_eq!(t.text(&["LLEN", "k"]), ":4\r\n");
    assert_eq!(t.text(&["LLEN", "nokey"]), ":0\r\n");
    assert_eq!(t.text(&["LPUSHX", "nokey", "a"]), ":0\r\n");
    assert_eq!(t.text(&["RPUSHX", "nokey", "a", "b"]), ":0\r\n");
    assert!(!exists(&mut t, "nokey"));
    assert_eq!(t.text(&["LPUSHX", "k", "x", "y"]), ":6\r\n");
    assert_eq!(t.text(&["RPUSHX", "k", "z"]), ":7\r\n");
    assert_eq!(
        range(&mut t, "k"),
        bulks(&["y", "x", "c", "b", "a", "d", "z"])
    );
    assert_eq!(encoding(&mut t, "k"), "listpack");
    assert_eq!(
        t.text(&["LPUSH", "k"]),
        "-ERR wrong number of arguments for 'lpush' command\r\n"
    );
    assert_eq!(
        t.text(&["RPUSHX", "k"]),
        "-ERR wrong number of arguments for 'rpushx' command\r\n"
    );
}

#[test]
fn elements_round_trip_byte_exact() {
    let mut t = TestServer::new();
    let vals = [
        "007",
        "7",
        "-0",
        "-7",
        "+7",
        " 7",
        "",
        "9223372036854775807",
        "-9223372036854775808",
        "9223372036854775808",
        "1.5",
    ];
    let mut cmd = vec!["RPUSH", "k"];
    cmd.extend(vals);
    assert_eq!(t.text(&cmd), ":11\r\n");
    assert_eq!(range(&mut t, "k"), bulks(&vals));
    let bin: &[u8] = b"\x00\xff\r\n\x80";
    assert_eq!(t.raw(&[b"RPUSH", b"b", bin]), b":1\r\n");
    assert_eq!(
        t.raw(&[b"LINDEX", b"b", b"0"]),
        b"$5\r\n\x00\xff\r\n\x80\r\n"
    );
    // Comparisons are on the exact bytes, integers included.
    assert_eq!(t.text(&["LPOS", "k", "7"]), ":1\r\n");
    assert_eq!(t.text(&["LPOS", "k", "07"]), "$-1\r\n");
    assert_eq!(t.text(&["LREM", "k", "0", "007"]), ":1\r\n");
    assert_eq!(t.text(&["LINDEX", "k", "0"]), "$1\r\n7\r\n");
}

#[test]
fn wrong_type_everywhere() {
    let mut t = TestServer::new();
    with_string(&mut t);
    assert_eq!(t.text(&["RPUSH", "k", "a"]), ":1\r\n");
    for cmd in [
        &["LPUSH", "s", "a"][..],
        &["RPUSH", "s", "a"],
        &["LPUSHX", "s", "a"],
        &["RPUSHX", "s", "a"],
        &["LPOP", "s"],
        &["RPOP", "s", "2"],
        &["LPOP", "s", "0"],
        &["LLEN", "s"],
        &["LRANGE", "s", "0", "1"],
        &["LINDEX", "s", "0"],
        &["LSET", "s", "0", "x"],
        &["LSET", "s", "abc", "x"],
        &["LINSERT", "s", "BEFORE", "a", "x"],
        &["LREM", "s", "1", "a"],
        &["LTRIM", "s", "0", "1"],
        &["LPOS", "s", "a"],
        &["LMOVE", "s", "k", "LEFT", "LEFT"],
        &["LMOVE", "k", "s", "LEFT", "LEFT"],
        &["RPOPLPUSH", "k", "s"],
        &["LMPOP", "2", "nokey", "s", "LEFT"],
        &["LMPOP", "2", "s", "k", "LEFT"],
    ] {
        assert_eq!(t.text(cmd), WRONGTYPE, "{cmd:?}");
    }
    // Nothing moved on a failed LMOVE.
    assert_eq!(range(&mut t, "k"), bulks(&["a"]));
    assert_eq!(t.text(&["GET", "s"]), "$3\r\nstr\r\n");
}

#[test]
fn pop_single_and_count() {
    let mut t = TestServer::new();
    assert_eq!(t.text(&["LPOP", "k"]), "$-1\r\n");
    assert_eq!(t.text(&["RPOP", "k", "3"]), "*-1\r\n");
    assert_eq!(t.text(&["LPOP", "k", "0"]), "*-1\r\n");
    assert_eq!(t.text(&["LPOP", "k", "abc"]), MUST_BE_POSITIVE);
    assert_eq!(t.text(&["LPOP", "k", "-1"]), MUST_BE_POSITIVE);
    assert_eq!(
        t.text(&["LPOP", "k", "1", "2"]),
        "-ERR wrong number of arguments for 'lpop' command\r\n"
    );
    assert_eq!(
        t.text(&["RPOP", "k", "1", "2"]),
        "-ERR wrong number of arguments for 'rpop' command\r\n"
    );
    assert_eq!(t.text(&["RPUSH", "k", "a", "b", "c", "d", "e"]), ":5\r\n");
    assert_eq!(t.text(&["LPOP", "k", "0"]), "*0\r\n");
    assert_eq!(t.text(&["LPOP", "k", "-1"]), MUST_BE_POSITIVE);
    assert_eq!(t.text(&["LPOP", "k"]), "$1\r\na\r\n");
    assert_eq!(t.text(&["RPOP", "k"]), "$1\r\ne\r\n");
    assert_eq!(t.text(&["RPOP", "k", "2"]), bulks(&["d", "c"]));
    assert_eq!(t.text(&["LPOP", "k", "9"]), bulks(&["b"]));
    assert!(!exists(&mut t, "k"));
    assert_eq!(t.text(&["LLEN", "k"]), ":0\r\n");
}

#[test]
fn pop_null_shapes_in_resp3() {
    let mut t = TestServer::new();
    t.out.proto = Proto::Resp3;
    assert_eq!(t.text(&["LPOP", "k"]), "_\r\n");
    assert_eq!(t.text(&["RPOP", "k", "2"]), "_\r\n");
    assert_eq!(t.text(&["LPOP", "k", "0"]), "_\r\n");
    assert_eq!(t.text(&["LINDEX", "k", "0"]), "_\r\n");
    assert_eq!(t.text(&["LPOS", "k", "a"]), "_\r\n");
    assert_eq!(t.text(&["LMOVE", "k", "d", "LEFT", "LEFT"]), "_\r\n");
    assert_eq!(t.text(&["LMPOP", "1", "k", "LEFT"]), "_\r\n");
    assert_eq!(t.text(&["LRANGE", "k", "0", "-1"]), "*0\r\n");
    assert_eq!(t.text(&["RPUSH", "k", "a"]), ":1\r\n");
    assert_eq!(t.text(&["LPOP", "k", "0"]), "*0\r\n");
    assert_eq!(t.text(&["LPOS", "k", "z"]), "_\r\n");
    assert_eq!(t.text(&["LINDEX", "k", "5"]), "_\r\n");
}

#[test]
fn lrange_indexes() {
    let mut t = TestServer::new();
    assert_eq!(t.text(&["LRANGE", "k", "0", "-1"]), "*0\r\n");
    assert_eq!(t.text(&["LRANGE", "k", "abc", "1"]), NOT_INT);
    assert_eq!(t.text(&["RPUSH", "k", "a", "b", "c", "d"]), ":4\r\n");
    assert_eq!(t.text(&["LRANGE", "k", "1", "2"]), bulks(&["b", "c"]));
    assert_eq!(t.text(&["LRANGE", "k", "-3", "-2"]), bulks(&["b", "c"]));
    assert_eq!(
        t.text(&["LRANGE", "k", "-100", "100"]),
        bulks(&["a", "b", "c", "d"])
    );
    assert_eq!(t.text(&["LRANGE", "k", "2", "1"]), "*0\r\n");
    assert_eq!(t.text(&["LRANGE", "k", "4", "10"]), "*0\r\n");
    assert_eq!(t.text(&["LRANGE", "k", "0", "-5"]), "*0\r\n");
    assert_eq!(t.text(&["LRANGE", "k", "3", "3"]), bulks(&["d"]));
    assert_eq!(
        t.text(&["LRANGE", "k", "-9223372036854775808", "9223372036854775807"]),
        bulks(&["a", "b", "c", "d"])
    );
    assert_eq!(
        t.text(&["LRANGE", "k", "0", "9223372036854775808"]),
        NOT_INT
    );
    assert_eq!(t.text(&["LRANGE", "k", " 1", "2"]), NOT_INT);
}

#[test]
fn lindex() {
    let mut t = TestServer::new();
    assert_eq!(t.text(&["LINDEX", "nokey", "abc"]), "$-1\r\n");
    assert_eq!(t.text(&["RPUSH", "k", "a", "b", "c"]), ":3\r\n");
    assert_eq!(t.text(&["LINDEX", "k", "abc"]), NOT_INT);
    assert_eq!(t.text(&["LINDEX", "k", "0"]), "$1\r\na\r\n");
    assert_eq!(t.text(&["LINDEX", "k", "-1"]), "$1\r\nc\r\n");
    assert_eq!(t.text(&["LINDEX", "k", "-3"]), "$1\r\na\r\n");
    assert_eq!(t.text(&["LINDEX", "k", "-4"]), "$-1\r\n");
    assert_eq!(t.text(&["LINDEX", "k", "3"]), "$-1\r\n");
    assert_eq!(t.text(&["LINDEX", "k", "-9223372036854775808"]), "$-1\r\n");
}

#[test]
fn lset() {
    let mut t = TestServer::new();
    assert_eq!(t.text(&["LSET", "nokey", "0", "x"]), "-ERR no such key\r\n");
    assert_eq!(
        t.text(&["LSET", "nokey", "abc", "x"]),
        "-ERR no such key\r\n"
    );
    assert_eq!(t.text(&["RPUSH", "k", "a", "b", "c"]), ":3\r\n");
    assert_eq!(t.text(&["LSET", "k", "abc", "x"]), NOT_INT);
    assert_eq!(
        t.text(&["LSET", "k", "3", "x"]),
        "-ERR index out of range\r\n"
    );
    assert_eq!(
        t.text(&["LSET", "k", "-4", "x"]),
        "-ERR index out of range\r\n"
    );
    assert_eq!(
        t.text(&["LSET", "k", "4294967296", "x"]),
        "-ERR index out of range\r\n"
    );
    assert_eq!(t.text(&["LSET", "k", "0", "x"]), "+OK\r\n");
    assert_eq!(t.text(&["LSET", "k", "-1", "12345"]), "+OK\r\n");
    assert_eq!(t.text(&["LSET", "k", "1", ""]), "+OK\r\n");
    assert_eq!(range(&mut t, "k"), bulks(&["x", "", "12345"]));
}

#[test]
fn linsert() {
    let mut t = TestServer::new();
    assert_eq!(t.text(&["LINSERT", "nokey", "BEFORE", "a", "x"]), ":0\r\n");
    assert!(!exists(&mut t, "nokey"));
    assert_eq!(t.text(&["RPUSH", "k", "a", "b", "a"]), ":3\r\n");
    assert_eq!(
        t.text(&["LINSERT", "k", "middle", "a", "x"]),
        "-ERR syntax error\r\n"
    );
    assert_eq!(
        t.text(&["LINSERT", "nokey", "middle", "a", "x"]),
        "-ERR syntax error\r\n"
    );
    assert_eq!(t.text(&["LINSERT", "k", "before", "zz", "x"]), ":-1\r\n");
    assert_eq!(t.text(&["LINSERT", "k", "BEFORE", "a", "x"]), ":4\r\n");
    assert_eq!(t.text(&["LINSERT", "k", "After", "a", "y"]), ":5\r\n");
    assert_eq!(t.text(&["LINSERT", "k", "AFTER", "b", "z"]), ":6\r\n");
    assert_eq!(range(&mut t, "k"), bulks(&["x", "a", "y", "b", "z", "a"]));
}

#[test]
fn lrem() {
    let mut t = TestServer::new();
    assert_eq!(t.text(&["LREM", "nokey", "1", "a"]), ":0\r\n");
    assert_eq!(t.text(&["LREM", "nokey", "abc", "a"]), NOT_INT);
    assert_eq!(
        t.text(&["RPUSH", "k", "a", "b", "a", "c", "a", "b"]),
        ":6\r\n"
    );
    assert_eq!(t.text(&["LREM", "k", "abc", "a"]), NOT_INT);
    assert_eq!(t.text(&["LREM", "k", "1", "a"]), ":1\r\n");
    assert_eq!(range(&mut t, "k"), bulks(&["b", "a", "c", "a", "b"]));
    assert_eq!(t.text(&["LREM", "k", "-1", "b"]), ":1\r\n");
    assert_eq!(range(&mut t, "k"), bulks(&["b", "a", "c", "a"]));
    assert_eq!(t.text(&["LREM", "k", "0", "a"]), ":2\r\n");
    assert_eq!(t.text(&["LREM", "k", "5", "zz"]), ":0\r\n");
    assert_eq!(range(&mut t, "k"), bulks(&["b", "c"]));
    assert_eq!(t.text(&["LREM", "k", "0", "b"]), ":1\r\n");
    assert_eq!(t.text(&["LREM", "k", "-9", "c"]), ":1\r\n");
    assert!(!exists(&mut t, "k"));
    // i64::MIN cannot be negated; Redis's wrap-around makes it remove every match from the tail.
    assert_eq!(t.text(&["RPUSH", "k", "a", "b", "a", "c", "a"]), ":5\r\n");
    assert_eq!(
        t.text(&["LREM", "k", "-9223372036854775808", "a"]),
        ":3\r\n"
    );
    assert_eq!(range(&mut t, "k"), bulks(&["b", "c"]));
}

#[test]
fn ltrim() {
    let mut t = TestServer::new();
    assert_eq!(t.text(&["LTRIM", "nokey", "0", "1"]), "+OK\r\n");
    assert_eq!(t.text(&["LTRIM", "nokey", "abc", "1"]), NOT_INT);
    assert!(!exists(&mut t, "nokey"));
    assert_eq!(t.text(&["RPUSH", "k", "a", "b", "c", "d", "e"]), ":5\r\n");
    assert_eq!(t.text(&["LTRIM", "k", "1", "abc"]), NOT_INT);
    assert_eq!(t.text(&["LTRIM", "k", "1", "-2"]), "+OK\r\n");
    assert_eq!(range(&mut t, "k"), bulks(&["b", "c", "d"]));
    assert_eq!(t.text(&["LTRIM", "k", "-100", "100"]), "+OK\r\n");
    assert_eq!(range(&mut t, "k"), bulks(&["b", "c", "d"]));
    assert_eq!(t.text(&["LTRIM", "k", "1", "1"]), "+OK\r\n");
    assert_eq!(range(&mut t, "k"), bulks(&["c"]));
    assert_eq!(t.text(&["LTRIM", "k", "1", "0"]), "+OK\r\n");
    assert!(!exists(&mut t, "k"));
    assert_eq!(t.text(&["RPUSH", "k", "a"]), ":1\r\n");
    assert_eq!(t.text(&["LTRIM", "k", "5", "10"]), "+OK\r\n");
    assert!(!exists(&mut t, "k"));
}

#[test]
fn lpos() {
    let mut t = TestServer::new();
    assert_eq!(t.text(&["LPOS", "nokey", "a"]), "$-1\r\n");
    assert_eq!(t.text(&["LPOS", "nokey", "a", "COUNT", "1"]), "*0\r\n");
    assert_eq!(t.text(&["RPUSH", "k", "a", "b", "a", "c", "a"]), ":5\r\n");
    assert_eq!(t.text(&["LPOS", "k", "a"]), ":0\r\n");
    assert_eq!(t.text(&["LPOS", "k", "c"]), ":3\r\n");
    assert_eq!(t.text(&["LPOS", "k", "zz"]), "$-1\r\n");
    assert_eq!(t.text(&["LPOS", "k", "a", "RANK", "2"]), ":2\r\n");
    assert_eq!(t.text(&["LPOS", "k", "a", "RANK", "-1"]), ":4\r\n");
    assert_eq!(t.text(&["LPOS", "k", "a", "RANK", "-3"]), ":0\r\n");
    assert_eq!(t.text(&["LPOS", "k", "a", "RANK", "4"]), "$-1\r\n");
    assert_eq!(
        t.text(&["LPOS", "k", "a", "COUNT", "0"]),
        "*3\r\n:0\r\n:2\r\n:4\r\n"
    );
    assert_eq!(
        t.text(&["LPOS", "k", "a", "COUNT", "2"]),
        "*2\r\n:0\r\n:2\r\n"
    );
    assert_eq!(t.text(&["LPOS", "k", "zz", "COUNT", "2"]), "*0\r\n");
    assert_eq!(
        t.text(&["LPOS", "k", "a", "RANK", "-1", "COUNT", "0"]),
        "*3\r\n:4\r\n:2\r\n:0\r\n"
    );
    assert_eq!(
        t.text(&["LPOS", "k", "a", "RANK", "-2", "COUNT", "2", "MAXLEN", "3"]),
        "*1\r\n:2\r\n"
    );
    assert_eq!(t.text(&["LPOS", "k", "a", "MAXLEN", "1"]), ":0\r\n");
    assert_eq!(t.text(&["LPOS", "k", "c", "MAXLEN", "3"]), "$-1\r\n");
    assert_eq!(
        t.text(&["LPOS", "k", "a", "MAXLEN", "2", "COUNT", "0"]),
        "*1\r\n:0\r\n"
    );
    // Later options win.
    assert_eq!(
        t.text(&["LPOS", "k", "a", "RANK", "1", "RANK", "2"]),
        ":2\r\n"
    );
    assert_eq!(
        t.text(&["LPOS", "k", "a", "COUNT", "1", "COUNT", "0"]),
        "*3\r\n:0\r\n:2\r\n:4\r\n"
    );
    // Redis 7.2 refuses i64::MIN (it cannot be negated), before looking at the key; 7.0
    // wrapped it and matched from the tail.
    let range = "-ERR value is out of range, value must between -9223372036854775807 and 9223372036854775807\r\n";
    assert_eq!(
        t.text(&["LPOS", "k", "a", "RANK", "-9223372036854775808"]),
        range
    );
    assert_eq!(
        t.text(&[
            "LPOS",
            "nokey",
            "a",
            "RANK",
            "-9223372036854775808",
            "COUNT",
            "1"
        ]),
        range
    );
    assert_eq!(
        t.text(&["LPOS", "k", "a", "RANK", "-9223372036854775807"]),
        "$-1\r\n"
    );
    assert_eq!(
        t.text(&[
            "LPOS",
            "k",
            "a",
            "RANK",
            "9223372036854775807",
            "COUNT",
            "0"
        ]),
        "*0\r\n"
    );
}

#[test]
fn lpos_errors() {
    let mut t = TestServer::new();
    with_string(&mut t);
    let rank_zero = "-ERR RANK can't be zero: use 1 to start from the first match, 2 from the second ... or use negative to start from the end of the list\r\n";
    for key in ["nokey", "s"] {
        assert_eq!(t.text(&["LPOS", key, "a", "RANK", "0"]), rank_zero);
        assert_eq!(t.text(&["LPOS", key, "a", "RANK", "abc"]), NOT_INT);
        assert_eq!(
            t.text(&["LPOS", key, "a", "COUNT", "-1"]),
            "-ERR COUNT can't be negative\r\n"
        );
        assert_eq!(
            t.text(&["LPOS", key, "a", "COUNT", "abc"]),
            "-ERR COUNT can't be negative\r\n"
        );
        assert_eq!(
            t.text(&["LPOS", key, "a", "MAXLEN", "-1"]),
            "-ERR MAXLEN can't be negative\r\n"
        );
        assert_eq!(
            t.text(&["LPOS", key, "a", "MAXLEN", "x"]),
            "-ERR MAXLEN can't be negative\r\n"
        );
        assert_eq!(t.text(&["LPOS", key, "a", "RANK"]), "-ERR syntax error\r\n");
        assert_eq!(
            t.text(&["LPOS", key, "a", "FOO", "1"]),
            "-ERR syntax error\r\n"
        );
    }
    assert_eq!(t.text(&["LPOS", "s", "a", "RANK", "1"]), WRONGTYPE);
}

#[test]
fn lmove_all_directions() {
    let mut t = TestServer::new();
    assert_eq!(t.text(&["RPUSH", "src", "1", "2", "3", "4"]), ":4\r\n");
    assert_eq!(
        t.text(&["LMOVE", "src", "dst", "LEFT", "LEFT"]),
        "$1\r\n1\r\n"
    );
    assert_eq!(
        t.text(&["LMOVE", "src", "dst", "right", "right"]),
        "$1\r\n4\r\n"
    );
    assert_eq!(
        t.text(&["LMOVE", "src", "dst", "Left", "Right"]),
        "$1\r\n2\r\n"
    );
    assert_eq!(
        t.text(&["LMOVE", "src", "dst", "RIGHT", "LEFT"]),
        "$1\r\n3\r\n"
    );
    assert!(!exists(&mut t, "src"));
    assert_eq!(range(&mut t, "dst"), bulks(&["3", "1", "4", "2"]));
    assert_eq!(t.text(&["LMOVE", "src", "dst", "LEFT", "LEFT"]), "$-1\r\n");
    assert_eq!(
        t.text(&["LMOVE", "dst", "src", "UP", "LEFT"]),
        "-ERR syntax error\r\n"
    );
    assert_eq!(
        t.text(&["LMOVE", "dst", "src", "LEFT", "DOWN"]),
        "-ERR syntax error\r\n"
    );
    assert_eq!(t.text(&["RPOPLPUSH", "dst", "other"]), "$1\r\n2\r\n");
    assert_eq!(t.text(&["RPOPLPUSH", "nokey", "other"]), "$-1\r\n");
    assert_eq!(range(&mut t, "other"), bulks(&["2"]));
    // A missing source never looks at the destination's type.
    with_string(&mut t);
    assert_eq!(t.text(&["LMOVE", "nokey", "s", "LEFT", "LEFT"]), "$-1\r\n");
}

#[test]
fn lmove_same_key_rotates() {
    let mut t = TestServer::new();
    assert_eq!(t.text(&["RPUSH", "k", "a", "b", "c"]), ":3\r\n");
    assert_eq!(t.text(&["RPOPLPUSH", "k", "k"]), "$1\r\nc\r\n");
    assert_eq!(range(&mut t, "k"), bulks(&["c", "a", "b"]));
    assert_eq!(t.text(&["LMOVE", "k", "k", "LEFT", "RIGHT"]), "$1\r\nc\r\n");
    assert_eq!(range(&mut t, "k"), bulks(&["a", "b", "c"]));
    assert_eq!(t.text(&["LMOVE", "k", "k", "LEFT", "LEFT"]), "$1\r\na\r\n");
    assert_eq!(range(&mut t, "k"), bulks(&["a", "b", "c"]));
    // A one-element list rotates onto itself and stays.
    assert_eq!(t.text(&["RPUSH", "one", "x"]), ":1\r\n");
    assert_eq!(
        t.text(&["LMOVE", "one", "one", "RIGHT", "LEFT"]),
        "$1\r\nx\r\n"
    );
    assert_eq!(range(&mut t, "one"), bulks(&["x"]));
}

#[test]
fn lmove_across_slots() {
    // "a" and "b" hash to different slots; dispatch locks both from the key specs.
    let mut t = TestServer::new();
    assert_ne!(shoal_util::key_slot(b"a"), shoal_util::key_slot(b"b"));
    assert_eq!(t.text(&["RPUSH", "a", "1", "2"]), ":2\r\n");
    assert_eq!(t.text(&["LMOVE", "a", "b", "RIGHT", "LEFT"]), "$1\r\n2\r\n");
    assert_eq!(t.text(&["RPOPLPUSH", "a", "b"]), "$1\r\n1\r\n");
    assert_eq!(range(&mut t, "b"), bulks(&["1", "2"]));
    assert!(!exists(&mut t, "a"));
}

#[test]
fn lmpop() {
    let mut t = TestServer::new();
    with_string(&mut t);
    assert_eq!(t.text(&["LMPOP", "1", "k", "LEFT"]), "*-1\r\n");
    assert_eq!(t.text(&["RPUSH", "k", "a", "b", "c"]), ":3\r\n");
    assert_eq!(
        t.text(&["LMPOP", "2", "nokey", "k", "LEFT"]),
        "*2\r\n$1\r\nk\r\n*1\r\n$1\r\na\r\n"
    );
    assert_eq!(
        t.text(&["LMPOP", "2", "nokey", "k", "RIGHT", "COUNT", "5"]),
        "*2\r\n$1\r\nk\r\n*2\r\n$1\r\nc\r\n$1\r\nb\r\n"
    );
    assert!(!exists(&mut t, "k"));
    assert_eq!(t.text(&["LMPOP", "2", "nokey", "k", "left"]), "*-1\r\n");
    // The first list found wins, so a later wrong type is never looked at.
    assert_eq!(t.text(&["RPUSH", "k", "a"]), ":1\r\n");
    assert_eq!(
        t.text(&["LMPOP", "2", "k", "s", "LEFT", "COUNT", "1"]),
        "*2\r\n$1\r\nk\r\n*1\r\n$1\r\na\r\n"
    );
    assert_eq!(t.text(&["LMPOP", "2", "nokey", "s", "LEFT"]), WRONGTYPE);
}

#[test]
fn lmpop_errors() {
    let mut t = TestServer::new();
    let numkeys = "-ERR numkeys should be greater than 0\r\n";
    let count = "-ERR count should be greater than 0\r\n";
    let syntax = "-ERR syntax error\r\n";
    assert_eq!(t.text(&["LMPOP", "0", "k", "LEFT"]), numkeys);
    assert_eq!(t.text(&["LMPOP", "abc", "k", "LEFT"]), numkeys);
    assert_eq!(t.text(&["LMPOP", "-1", "k", "LEFT"]), numkeys);
    assert_eq!(t.text(&["LMPOP", "1", "k", "MIDDLE"]), syntax);
    assert_eq!(t.text(&["LMPOP", "2", "k", "LEFT"]), syntax);
    assert_eq!(
        t.text(&["LMPOP", "9223372036854775807", "k", "LEFT"]),
        syntax
    );
    assert_eq!(t.text(&["LMPOP", "1", "k", "LEFT", "COUNT", "0"]), count);
    assert_eq!(t.text(&["LMPOP", "1", "k", "LEFT", "COUNT", "abc"]), count);
    assert_eq!(
        t.text(&["LMPOP", "1", "k", "LEFT", "COUNT", "1", "COUNT", "1"]),
        syntax
    );
    assert_eq!(t.text(&["LMPOP", "1", "k", "LEFT", "FOO"]), syntax);
    assert_eq!(t.text(&["LMPOP", "1", "k", "LEFT", "COUNT"]), syntax);
    assert_eq!(
        t.text(&["LMPOP", "1", "k"]),
        "-ERR wrong number of arguments for 'lmpop' command\r\n"
    );
}

#[test]
fn expired_keys_are_missing() {
    let mut t = TestServer::new();
    assert_eq!(t.text(&["RPUSH", "k", "a", "b"]), ":2\r\n");
    assert_eq!(t.text(&["PEXPIRE", "k", "1000"]), ":1\r\n");
    assert_eq!(t.text(&["LLEN", "k"]), ":2\r\n");
    t.clock_offset_ms = 5000;
    assert_eq!(t.text(&["LLEN", "k"]), ":0\r\n");
    assert_eq!(t.text(&["LPUSHX", "k", "x"]), ":0\r\n");
    assert_eq!(t.text(&["LPUSH", "k", "x"]), ":1\r\n");
    assert_eq!(range(&mut t, "k"), bulks(&["x"]));
}

#[test]
fn dirty_counts_elements_like_redis() {
    let mut t = TestServer::new();
    let dirty = |t: &TestServer| t.server.shards[0].dirty.get();
    let d0 = dirty(&t);
    t.text(&["RPUSH", "k", "a", "b", "c", "d"]);
    assert_eq!(dirty(&t) - d0, 4);
    t.text(&["LPOP", "k", "2"]);
    assert_eq!(dirty(&t) - d0, 6);
    t.text(&["LMOVE", "k", "k2", "LEFT", "LEFT"]);
    assert_eq!(dirty(&t) - d0, 7);
    t.text(&["LTRIM", "k", "0", "-1"]);
    assert_eq!(dirty(&t) - d0, 7);
    t.text(&["LPOS", "k", "d"]);
    t.text(&["LINSERT", "k", "BEFORE", "zz", "x"]);
    assert_eq!(dirty(&t) - d0, 7);
}

// ----- encodings -----

#[test]
fn listpack_to_quicklist_by_count() {
    let mut t = TestServer::new();
    set_fill(&mut t, "4");
    assert_eq!(t.text(&["RPUSH", "k", "1", "2", "3", "4"]), ":4\r\n");
    assert_eq!(encoding(&mut t, "k"), "listpack");
    assert_eq!(t.text(&["RPUSH", "k", "5"]), ":5\r\n");
    assert_eq!(encoding(&mut t, "k"), "quicklist");
    // Back to a listpack only at half the limit: one node of at most 2.
    assert_eq!(t.text(&["RPOP", "k"]), "$1\r\n5\r\n");
    assert_eq!(encoding(&mut t, "k"), "quicklist");
    assert_eq!(t.text(&["RPOP", "k", "2"]), bulks(&["4", "3"]));
    assert_eq!(encoding(&mut t, "k"), "listpack");
    // A single push of more than the limit converts at once.
    assert_eq!(t.text(&["RPUSH", "n", "1", "2", "3", "4", "5"]), ":5\r\n");
    assert_eq!(encoding(&mut t, "n"), "quicklist");
}

#[test]
fn listpack_to_quicklist_by_size() {
    let mut t = TestServer::new();
    // Default -2: 8 KiB. 7 header bytes + one 8000-byte string (5 + 8000 + 2 bytes).
    let big = "x".repeat(8000);
    assert_eq!(t.text(&["RPUSH", "k", &big]), ":1\r\n");
    assert_eq!(encoding(&mut t, "k"), "listpack");
    // The check adds the new strings' lengths: 8014 + 178 fits exactly, 179 does not.
    assert_eq!(t.text(&["RPUSH", "k", &"y".repeat(178)]), ":2\r\n");
    assert_eq!(encoding(&mut t, "k"), "listpack");
    assert_eq!(t.text(&["RPUSH", "k", "z"]), ":3\r\n");
    assert_eq!(encoding(&mut t, "k"), "quicklist");
    assert_eq!(t.text(&["LPOP", "k"]).len(), 8000 + 9);
    assert_eq!(encoding(&mut t, "k"), "quicklist");
    // Trimming converts back once one small node is left.
    assert_eq!(t.text(&["LTRIM", "k", "0", "-1"]), "+OK\r\n");
    assert_eq!(encoding(&mut t, "k"), "quicklist");
    assert_eq!(t.text(&["RPOP", "k"]), "$1\r\nz\r\n");
    assert_eq!(encoding(&mut t, "k"), "listpack");
}

#[test]
fn conversions_follow_config_changes() {
    let mut t = TestServer::new();
    assert_eq!(t.text(&["RPUSH", "k", "a", "b", "c"]), ":3\r\n");
    set_fill(&mut t, "2");
    assert_eq!(encoding(&mut t, "k"), "listpack");
    assert_eq!(t.text(&["RPUSH", "k", "d"]), ":4\r\n");
    assert_eq!(encoding(&mut t, "k"), "quicklist");
    // Nodes [a b c] [d]: popping d leaves one node, but 3 entries are over half of 2.
    assert_eq!(t.text(&["RPOP", "k"]), "$1\r\nd\r\n");
    assert_eq!(encoding(&mut t, "k"), "quicklist");
    set_fill(&mut t, "-2");
    // LSET checks for shrinking too: the whole list is one node of a few bytes.
    assert_eq!(t.text(&["LSET", "k", "0", "A"]), "+OK\r\n");
    assert_eq!(encoding(&mut t, "k"), "listpack");
}

#[test]
fn linsert_and_lset_convert_even_without_effect() {
    let mut t = TestServer::new();
    set_fill(&mut t, "3");
    assert_eq!(t.text(&["RPUSH", "k", "a", "b", "c"]), ":3\r\n");
    // Redis converts before looking for the pivot or the index.
    assert_eq!(t.text(&["LINSERT", "k", "BEFORE", "zz", "x"]), ":-1\r\n");
    assert_eq!(encoding(&mut t, "k"), "quicklist");
    assert_eq!(t.text(&["RPUSH", "j", "a", "b", "c"]), ":3\r\n");
    assert_eq!(
        t.text(&["LSET", "j", "9", "x"]),
        "-ERR index out of range\r\n"
    );
    assert_eq!(encoding(&mut t, "j"), "quicklist");
}

#[test]
fn lmove_encodings() {
    let mut t = TestServer::new();
    set_fill(&mut t, "2");
    assert_eq!(t.text(&["RPUSH", "src", "1", "2", "3"]), ":3\r\n");
    assert_eq!(encoding(&mut t, "src"), "quicklist");
    assert_eq!(t.text(&["RPUSH", "dst", "a", "b"]), ":2\r\n");
    assert_eq!(encoding(&mut t, "dst"), "listpack");
    assert_eq!(
        t.text(&["LMOVE", "src", "dst", "LEFT", "LEFT"]),
        "$1\r\n1\r\n"
    );
    assert_eq!(encoding(&mut t, "dst"), "quicklist");
    // src: nodes [2] [3] — two nodes, so it stays a quicklist until one is left.
    assert_eq!(encoding(&mut t, "src"), "quicklist");
    assert_eq!(t.text(&["RPOPLPUSH", "src", "new"]), "$1\r\n3\r\n");
    assert_eq!(encoding(&mut t, "src"), "listpack");
    assert_eq!(encoding(&mut t, "new"), "listpack");
}

#[test]
fn quicklist_commands_work_across_nodes() {
    let mut t = TestServer::new();
    set_fill(&mut t, "3");
    let vals: Vec<String> = (0..20).map(|i| format!("v{i}")).collect();
    let mut cmd = vec!["RPUSH", "k"];
    cmd.extend(vals.iter().map(|s| s.as_str()));
    assert_eq!(t.text(&cmd), ":20\r\n");
    assert_eq!(encoding(&mut t, "k"), "quicklist");
    let refs: Vec<&str> = vals.iter().map(|s| s.as_str()).collect();
    assert_eq!(range(&mut t, "k"), bulks(&refs));
    assert_eq!(t.text(&["LRANGE", "k", "4", "8"]), bulks(&refs[4..9]));
    assert_eq!(t.text(&["LINDEX", "k", "-7"]), "$3\r\nv13\r\n");
    assert_eq!(t.text(&["LPOS", "k", "v17"]), ":17\r\n");
    assert_eq!(t.text(&["LPOS", "k", "v2", "RANK", "-1"]), ":2\r\n");
    assert_eq!(t.text(&["LSET", "k", "10", "X"]), "+OK\r\n");
    assert_eq!(t.text(&["LINSERT", "k", "AFTER", "v4", "Y"]), ":21\r\n");
    assert_eq!(t.text(&["LREM", "k", "0", "v5"]), ":1\r\n");
    assert_eq!(t.text(&["LTRIM", "k", "2", "-3"]), "+OK\r\n");
    assert_eq!(
        range(&mut t, "k"),
        bulks(&[
            "v2", "v3", "v4", "Y", "v6", "v7", "v8", "v9", "X", "v11", "v12", "v13", "v14", "v15",
            "v16", "v17"
        ])
    );
    assert_eq!(t.text(&["RPOP", "k", "3"]), bulks(&["v17", "v16", "v15"]));
    assert_eq!(t.text(&["LPOP", "k", "3"]), bulks(&["v2", "v3", "v4"]));
}

/// Pushes 10-byte elements one at a time until the list converts, then pops until it converts
/// back; the counts are what Redis 7.2 (checked on Valkey 9) gives.
#[test]
fn conversion_points_match_redis() {
    for (fill, up, down) in [
        ("-1", 341, Some(170)),
        ("-2", 683, Some(340)),
        ("-5", 5461, Some(2730)),
        ("128", 129, Some(64)),
        ("1", 2, None),
        ("0", 2, None),
    ] {
        let mut t = TestServer::new();
        set_fill(&mut t, fill);
        let mut n = 0;
        while n < 10_000 && encoding(&mut t, "k") != "quicklist" {
            n += 1;
            t.text(&["RPUSH", "k", "abcdefghij"]);
        }
        assert_eq!(n, up, "fill {fill}: converts at");
        let mut m = n;
        while m > 0 && encoding(&mut t, "k") == "quicklist" {
            t.text(&["RPOP", "k"]);
            m -= 1;
        }
        let back = (m > 0).then_some(m);
        assert_eq!(back, down, "fill {fill}: back at");
    }
}

#[test]
fn lmpop_words_end_at_a_nul_byte() {
    let mut t = TestServer::new();
    t.text(&["RPUSH", "l", "a", "b", "c"]);
    assert_eq!(
        t.raw(&[b"LMPOP", b"1", b"l", b"right\0x", b"COUNT\0", b"2"]),
        b"*2\r\n$1\r\nl\r\n*2\r\n$1\r\nc\r\n$1\r\nb\r\n"
    );
    assert_eq!(
        t.raw(&[b"LMPOP", b"1", b"l", b"left", b"count", b"1\0"]),
        b"-ERR count should be greater than 0\r\n"
    );
}

#[test]
fn option_words_end_at_a_nul_byte() {
    let mut t = TestServer::new();
    t.text(&["RPUSH", "l", "a", "b", "c"]);
    assert_eq!(
        t.raw(&[b"LMOVE", b"l", b"l2", b"left\0x", b"RIGHT\0y"]),
        b"$1\r\na\r\n"
    );
    assert_eq!(
        t.raw(&[b"LINSERT", b"l", b"before\0x", b"b", b"z"]),
        b":3\r\n"
    );
    assert_eq!(
        t.raw(&[b"LINSERT", b"l", b"AFTER\0", b"b", b"y"]),
        b":4\r\n"
    );
    assert_eq!(range(&mut t, "l"), bulks(&["z", "b", "y", "c"]));
    assert_eq!(
        t.raw(&[
            b"LPOS",
            b"l",
            b"y",
            b"rank\0x",
            b"1",
            b"COUNT\0",
            b"0",
            b"maxlen\0q",
            b"0"
        ]),
        b"*1\r\n:2\r\n"
    );
    // Only the option word is cut: a number with a NUL is still not a number.
    assert_eq!(
        t.raw(&[b"LPOS", b"l", b"y", b"rank", b"1\0"]),
        b"-ERR value is not an integer or out of range\r\n"
    );
    t.text(&["RPUSH", "src", "a"]);
    assert_eq!(
        t.raw(&[b"BLMOVE", b"src", b"dst", b"LEFT\0", b"right\0", b"0"]),
        b"$1\r\na\r\n"
    );
    // The word before the NUL must still be the whole keyword.
    assert_eq!(
        t.raw(&[b"LMOVE", b"dst", b"l", b"lef\0t", b"right"]),
        b"-ERR syntax error\r\n"
    );
}
