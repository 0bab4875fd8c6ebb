//! Sorted-set family tests: exact reply bytes through the real dispatch path. Expected values
//! were taken from a real redis-server (7.0, with 7.2's differences applied where they exist:
//! ZRANK/ZREVRANK WITHSCORE and the shortest-round-trip double format).

use shoal_resp::Proto;

use crate::testing::TestServer;

mod bzpop;
mod encoding;
mod errors;
mod nul;
mod pop;
mod prop;
mod randmember;
mod range;
mod reads;
mod remrange;
mod scan;
mod setops;
mod specs;
mod write;

const SYNTAX: &str = "-ERR syntax error\r\n";
const WRONGTYPE: &str = "-WRONGTYPE Operation against a key holding the wrong kind of value\r\n";
const NOT_INT: &str = "-ERR value is not an integer or out of range\r\n";
const NOT_FLOAT: &str = "-ERR value is not a valid float\r\n";
const EMPTY: &str = "*0\r\n";
const NIL: &str = "$-1\r\n";

fn resp3() -> TestServer {
    let mut t = TestServer::new();
    t.out.proto = Proto::Resp3;
    t
}

fn bulk(s: &str) -> String {
    format!("${}\r\n{}\r\n", s.len(), s)
}

/// A RESP2 array of bulk strings.
fn bulks(items: &[&str]) -> String {
    let mut s = format!("*{}\r\n", items.len());
    for i in items {
        s.push_str(&bulk(i));
    }
    s
}

/// RESP3 nested [member, score] pairs: `pairs3(&[("a", "1")])`.
fn pairs3(items: &[(&str, &str)]) -> String {
    let mut s = format!("*{}\r\n", items.len());
    for (m, sc) in items {
        s.push_str(&format!("*2\r\n{},{}\r\n", bulk(m), sc));
    }
    s
}

fn int(v: i64) -> String {
    format!(":{v}\r\n")
}

fn encoding(t: &mut TestServer, key: &str) -> String {
    t.text(&["OBJECT", "ENCODING", key])
}

/// Runs a setup command and checks it did not fail.
#[track_caller]
fn ok(t: &mut TestServer, args: &[&str]) {
    let r = t.text(args);
    assert!(!r.starts_with('-'), "{args:?} failed: {r}");
}

/// CONFIG SET without the CONFIG command (it lives in another family).
#[track_caller]
fn config_set(t: &TestServer, name: &str, value: &str) {
    t.server
        .config
        .config_set(&[name.as_bytes(), value.as_bytes()], true)
        .expect("valid setting");
}

/// A sorted set "z" with a 1, b 2, c 3 (ZADD order scrambled).
fn abc() -> TestServer {
    let mut t = TestServer::new();
    ok(&mut t, &["ZADD", "z", "3", "c", "1", "a", "2", "b"]);
    t
}

/// The same members under a skiplist encoding.
fn abc_skiplist() -> TestServer {
    let mut t = TestServer::new();
    config_set(&t, "zset-max-listpack-entries", "0");
    ok(&mut t, &["ZADD", "z", "3", "c", "1", "a", "2", "b"]);
    assert_eq!(encoding(&mut t, "z"), bulk("skiplist"));
    t
}
