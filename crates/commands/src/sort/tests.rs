//! SORT and SORT_RO. Expected replies were taken from a real redis-server (7.0.15, which
//! sorts like 7.2) except where a test says it pins 7.2's behaviour.

use shoal_resp::Args;

use super::options::{sort_keys, sort_locks_all, sort_ro_keys, sort_ro_locks_all};
use crate::spec::KeyPositions;
use crate::testing::TestServer;

fn info_field(t: &mut TestServer, field: &str) -> i64 {
    let text = t.text(&["INFO", "stats"]);
    let line = text
        .lines()
        .find_map(|l| l.strip_prefix(&format!("{field}:")))
        .unwrap_or_else(|| panic!("INFO stats has {field}"));
    line.trim().parse().unwrap()
}

#[test]
fn numeric_alpha_order_and_limit() {
    let mut t = TestServer::new();
    // numeric by default, ties by bytes
    t.run(&["RPUSH", "l", "3", "1", "2", "10", "-1", "1.5", "01", "1"]);
    assert_eq!(t.text(&["SORT", "l"]), "*8\r\n$2\r\n-1\r\n$2\r\n01\r\n$1\r\n1\r\n$1\r\n1\r\n$3\r\n1.5\r\n$1\r\n2\r\n$1\r\n3\r\n$2\r\n10\r\n");
    assert_eq!(t.text(&["SORT", "l", "DESC"]), "*8\r\n$2\r\n10\r\n$1\r\n3\r\n$1\r\n2\r\n$3\r\n1.5\r\n$1\r\n1\r\n$1\r\n1\r\n$2\r\n01\r\n$2\r\n-1\r\n");
    assert_eq!(t.text(&["SORT", "l", "ALPHA"]), "*8\r\n$2\r\n-1\r\n$2\r\n01\r\n$1\r\n1\r\n$1\r\n1\r\n$3\r\n1.5\r\n$2\r\n10\r\n$1\r\n2\r\n$1\r\n3\r\n");
    assert_eq!(t.text(&["SORT", "l", "ALPHA", "DESC"]), "*8\r\n$1\r\n3\r\n$1\r\n2\r\n$2\r\n10\r\n$3\r\n1.5\r\n$1\r\n1\r\n$1\r\n1\r\n$2\r\n01\r\n$2\r\n-1\r\n");
    assert_eq!(t.text(&["SORT", "l", "asc", "alpha", "desc"]), "*8\r\n$1\r\n3\r\n$1\r\n2\r\n$2\r\n10\r\n$3\r\n1.5\r\n$1\r\n1\r\n$1\r\n1\r\n$2\r\n01\r\n$2\r\n-1\r\n");
    assert_eq!(t.text(&["SORT", "l", "DESC", "ASC"]), "*8\r\n$2\r\n-1\r\n$2\r\n01\r\n$1\r\n1\r\n$1\r\n1\r\n$3\r\n1.5\r\n$1\r\n2\r\n$1\r\n3\r\n$2\r\n10\r\n");
    assert_eq!(t.text(&["SORT_RO", "l"]), "*8\r\n$2\r\n-1\r\n$2\r\n01\r\n$1\r\n1\r\n$1\r\n1\r\n$3\r\n1.5\r\n$1\r\n2\r\n$1\r\n3\r\n$2\r\n10\r\n");
    assert_eq!(t.text(&["SORT_RO", "l", "ALPHA", "DESC"]), "*8\r\n$1\r\n3\r\n$1\r\n2\r\n$2\r\n10\r\n$3\r\n1.5\r\n$1\r\n1\r\n$1\r\n1\r\n$2\r\n01\r\n$2\r\n-1\r\n");
    assert_eq!(t.text(&["SORT", "l", "LIMIT", "0", "3"]), "*3\r\n$2\r\n-1\r\n$2\r\n01\r\n$1\r\n1\r\n");
    assert_eq!(t.text(&["SORT", "l", "LIMIT", "2", "3"]), "*3\r\n$1\r\n1\r\n$1\r\n1\r\n$3\r\n1.5\r\n");
    assert_eq!(t.text(&["SORT", "l", "LIMIT", "6", "10"]), "*2\r\n$1\r\n3\r\n$2\r\n10\r\n");
    assert_eq!(t.text(&["SORT", "l", "LIMIT", "8", "1"]), "*0\r\n");
    assert_eq!(t.text(&["SORT", "l", "LIMIT", "100", "1"]), "*0\r\n");
    assert_eq!(t.text(&["SORT", "l", "LIMIT", "-5", "2"]), "*2\r\n$2\r\n-1\r\n$2\r\n01\r\n");
    assert_eq!(t.text(&["SORT", "l", "LIMIT", "0", "-1"]), "*8\r\n$2\r\n-1\r\n$2\r\n01\r\n$1\r\n1\r\n$1\r\n1\r\n$3\r\n1.5\r\n$1\r\n2\r\n$1\r\n3\r\n$2\r\n10\r\n");
    assert_eq!(t.text(&["SORT", "l", "LIMIT", "0", "0"]), "*0\r\n");
    assert_eq!(t.text(&["SORT", "l", "LIMIT", "3", "-7"]), "*5\r\n$1\r\n1\r\n$3\r\n1.5\r\n$1\r\n2\r\n$1\r\n3\r\n$2\r\n10\r\n");
    assert_eq!(t.text(&["SORT", "l", "DESC", "LIMIT", "1", "2"]), "*2\r\n$1\r\n3\r\n$1\r\n2\r\n");
    assert_eq!(t.text(&["SORT", "l", "LIMIT", "1", "2", "LIMIT", "0", "1"]), "*1\r\n$2\r\n-1\r\n");
    assert_eq!(t.text(&["SORT", "l", "LIMIT", "9223372036854775807", "9223372036854775807"]), "*0\r\n");
    assert_eq!(t.text(&["SORT", "l", "LIMIT", "-9223372036854775808", "9223372036854775807"]), "*8\r\n$2\r\n-1\r\n$2\r\n01\r\n$1\r\n1\r\n$1\r\n1\r\n$3\r\n1.5\r\n$1\r\n2\r\n$1\r\n3\r\n$2\r\n10\r\n");
}

#[test]
fn sets_sorted_sets_nosort_and_missing_keys() {
    let mut t = TestServer::new();
    // sets and sorted sets
    t.run(&["SADD", "s", "5", "-2", "30", "7"]);
    assert_eq!(t.text(&["SORT", "s"]), "*4\r\n$2\r\n-2\r\n$1\r\n5\r\n$1\r\n7\r\n$2\r\n30\r\n");
    assert_eq!(t.text(&["SORT", "s", "DESC", "LIMIT", "1", "2"]), "*2\r\n$1\r\n7\r\n$1\r\n5\r\n");
    assert_eq!(t.text(&["SORT", "s", "ALPHA"]), "*4\r\n$2\r\n-2\r\n$2\r\n30\r\n$1\r\n5\r\n$1\r\n7\r\n");
    assert_eq!(t.text(&["SORT", "s", "BY", "nosort"]), "*4\r\n$2\r\n-2\r\n$1\r\n5\r\n$1\r\n7\r\n$2\r\n30\r\n");
    assert_eq!(t.text(&["SORT", "s", "BY", "nosort", "DESC"]), "*4\r\n$2\r\n-2\r\n$1\r\n5\r\n$1\r\n7\r\n$2\r\n30\r\n");
    assert_eq!(t.text(&["SORT", "s", "BY", "nosort", "LIMIT", "1", "2"]), "*2\r\n$1\r\n5\r\n$1\r\n7\r\n");
    t.run(&["SADD", "w", "b", "c", "a"]);
    assert_eq!(t.text(&["SORT", "w", "ALPHA"]), "*3\r\n$1\r\na\r\n$1\r\nb\r\n$1\r\nc\r\n");
    assert_eq!(t.text(&["SORT", "w"]), "-ERR One or more scores can't be converted into double\r\n");
    t.run(&["ZADD", "z", "3", "c", "1", "a", "2", "b", "0", "d"]);
    assert_eq!(t.text(&["SORT", "z", "ALPHA"]), "*4\r\n$1\r\na\r\n$1\r\nb\r\n$1\r\nc\r\n$1\r\nd\r\n");
    assert_eq!(t.text(&["SORT", "z", "ALPHA", "DESC", "LIMIT", "1", "2"]), "*2\r\n$1\r\nc\r\n$1\r\nb\r\n");
    assert_eq!(t.text(&["SORT", "z", "BY", "nosort"]), "*4\r\n$1\r\nd\r\n$1\r\na\r\n$1\r\nb\r\n$1\r\nc\r\n");
    assert_eq!(t.text(&["SORT", "z", "BY", "nosort", "DESC"]), "*4\r\n$1\r\nc\r\n$1\r\nb\r\n$1\r\na\r\n$1\r\nd\r\n");
    assert_eq!(t.text(&["SORT", "z", "BY", "nosort", "LIMIT", "1", "2"]), "*2\r\n$1\r\na\r\n$1\r\nb\r\n");
    assert_eq!(t.text(&["SORT", "z", "BY", "nosort", "DESC", "LIMIT", "1", "2"]), "*2\r\n$1\r\nb\r\n$1\r\na\r\n");
    assert_eq!(t.text(&["SORT", "z", "BY", "nosort", "LIMIT", "3", "5"]), "*1\r\n$1\r\nc\r\n");
    assert_eq!(t.text(&["SORT", "z", "BY", "nosort", "LIMIT", "4", "1"]), "*0\r\n");
    assert_eq!(t.text(&["SORT", "z", "BY", "nosort", "LIMIT", "0", "0"]), "*0\r\n");
    assert_eq!(t.text(&["SORT", "z", "BY", "const", "DESC", "LIMIT", "2", "-1"]), "*2\r\n$1\r\na\r\n$1\r\nd\r\n");
    assert_eq!(t.text(&["SORT", "z"]), "-ERR One or more scores can't be converted into double\r\n");
    assert_eq!(t.text(&["OBJECT", "ENCODING", "z"]), "$8\r\nskiplist\r\n");
    t.run(&["RPUSH", "l", "c", "a", "b"]);
    assert_eq!(t.text(&["SORT", "l", "BY", "nosort"]), "*3\r\n$1\r\nc\r\n$1\r\na\r\n$1\r\nb\r\n");
    assert_eq!(t.text(&["SORT", "l", "BY", "nosort", "DESC"]), "*3\r\n$1\r\nb\r\n$1\r\na\r\n$1\r\nc\r\n");
    assert_eq!(t.text(&["SORT", "l", "BY", "nosort", "LIMIT", "1", "5"]), "*2\r\n$1\r\na\r\n$1\r\nb\r\n");
    assert_eq!(t.text(&["SORT", "l", "BY", "nosort", "DESC", "LIMIT", "1", "1"]), "*1\r\n$1\r\na\r\n");
    assert_eq!(t.text(&["SORT", "l", "BY", "nosort", "DESC", "LIMIT", "5", "1"]), "*0\r\n");
    assert_eq!(t.text(&["SORT", "l", "BY", "nosort", "ALPHA"]), "*3\r\n$1\r\nc\r\n$1\r\na\r\n$1\r\nb\r\n");
    assert_eq!(t.text(&["SORT", "l", "BY", "w_*", "BY", "nosort"]), "*3\r\n$1\r\nc\r\n$1\r\na\r\n$1\r\nb\r\n");
    assert_eq!(t.text(&["SORT", "l", "BY", "nosort", "BY", "w_*"]), "*3\r\n$1\r\nc\r\n$1\r\na\r\n$1\r\nb\r\n");
    assert_eq!(t.text(&["SORT", "l", "BY", "nosort", "GET", "#"]), "*3\r\n$1\r\nc\r\n$1\r\na\r\n$1\r\nb\r\n");
    // missing key
    assert_eq!(t.text(&["SORT", "nokey"]), "*0\r\n");
    assert_eq!(t.text(&["SORT", "nokey", "BY", "nosort", "DESC", "LIMIT", "0", "1"]), "*0\r\n");
    assert_eq!(t.text(&["SORT_RO", "nokey", "GET", "#", "GET", "x_*"]), "*0\r\n");
}

#[test]
fn by_and_get_patterns() {
    let mut t = TestServer::new();
    // BY weights in strings and hash fields; GET strings, hash fields, #, missing
    t.run(&["RPUSH", "l", "a", "b", "c", "d"]);
    t.run(&["MSET", "w_a", "3", "w_b", "1", "w_c", "2", "o_a", "A", "o_b", "B", "o_c", "C"]);
    t.run(&["HSET", "h_a", "f", "30", "g", "x"]);
    t.run(&["HSET", "h_b", "f", "10"]);
    t.run(&["HSET", "h_d", "f", "20"]);
    assert_eq!(t.text(&["SORT", "l", "BY", "w_*"]), "*4\r\n$1\r\nd\r\n$1\r\nb\r\n$1\r\nc\r\n$1\r\na\r\n");
    assert_eq!(t.text(&["SORT", "l", "BY", "w_*", "DESC"]), "*4\r\n$1\r\na\r\n$1\r\nc\r\n$1\r\nb\r\n$1\r\nd\r\n");
    assert_eq!(t.text(&["SORT", "l", "BY", "w_*", "GET", "o_*"]), "*4\r\n$-1\r\n$1\r\nB\r\n$1\r\nC\r\n$1\r\nA\r\n");
    assert_eq!(t.text(&["SORT", "l", "BY", "w_*", "GET", "#", "GET", "o_*", "GET", "h_*->f"]), "*12\r\n$1\r\nd\r\n$-1\r\n$2\r\n20\r\n$1\r\nb\r\n$1\r\nB\r\n$2\r\n10\r\n$1\r\nc\r\n$1\r\nC\r\n$-1\r\n$1\r\na\r\n$1\r\nA\r\n$2\r\n30\r\n");
    assert_eq!(t.text(&["SORT", "l", "BY", "h_*->f"]), "*4\r\n$1\r\nc\r\n$1\r\nb\r\n$1\r\nd\r\n$1\r\na\r\n");
    assert_eq!(t.text(&["SORT", "l", "BY", "h_*->f", "DESC", "GET", "#", "GET", "h_*->g"]), "*8\r\n$1\r\na\r\n$1\r\nx\r\n$1\r\nd\r\n$-1\r\n$1\r\nb\r\n$-1\r\n$1\r\nc\r\n$-1\r\n");
    assert_eq!(t.text(&["SORT", "l", "BY", "w_*", "ALPHA"]), "*4\r\n$1\r\nd\r\n$1\r\nb\r\n$1\r\nc\r\n$1\r\na\r\n");
    assert_eq!(t.text(&["SORT", "l", "BY", "o_*", "ALPHA", "DESC"]), "*4\r\n$1\r\nc\r\n$1\r\nb\r\n$1\r\na\r\n$1\r\nd\r\n");
    assert_eq!(t.text(&["SORT", "l", "BY", "h_*->g", "ALPHA"]), "*4\r\n$1\r\nb\r\n$1\r\nc\r\n$1\r\nd\r\n$1\r\na\r\n");
    assert_eq!(t.text(&["SORT", "l", "BY", "w_*", "LIMIT", "1", "2", "GET", "o_*"]), "*2\r\n$1\r\nB\r\n$1\r\nC\r\n");
    assert_eq!(t.text(&["SORT", "l", "GET", "nostar"]), "-ERR One or more scores can't be converted into double\r\n");
    assert_eq!(t.text(&["SORT", "l", "GET", "w_*->"]), "-ERR One or more scores can't be converted into double\r\n");
    assert_eq!(t.text(&["SORT", "l", "GET", "w_*->f"]), "-ERR One or more scores can't be converted into double\r\n");
    assert_eq!(t.text(&["SORT", "l", "GET", "h_*->"]), "-ERR One or more scores can't be converted into double\r\n");
    assert_eq!(t.text(&["SORT", "l", "GET", "h_*"]), "-ERR One or more scores can't be converted into double\r\n");
    assert_eq!(t.text(&["SORT", "l", "BY", "h_*"]), "*4\r\n$1\r\na\r\n$1\r\nb\r\n$1\r\nc\r\n$1\r\nd\r\n");
    assert_eq!(t.text(&["SORT", "l", "BY", "w_*->f"]), "*4\r\n$1\r\na\r\n$1\r\nb\r\n$1\r\nc\r\n$1\r\nd\r\n");
    assert_eq!(t.text(&["SORT", "l", "BY", "h_*->missing"]), "*4\r\n$1\r\na\r\n$1\r\nb\r\n$1\r\nc\r\n$1\r\nd\r\n");
    assert_eq!(t.text(&["SORT", "l", "GET", "#x"]), "-ERR One or more scores can't be converted into double\r\n");
    assert_eq!(t.text(&["SORT", "l", "GET", "*"]), "-ERR One or more scores can't be converted into double\r\n");
    t.run(&["MSET", "a", "1", "b", "2", "c", "3", "d", "4"]);
    assert_eq!(t.text(&["SORT", "l", "GET", "*", "BY", "*"]), "*4\r\n$1\r\n1\r\n$1\r\n2\r\n$1\r\n3\r\n$1\r\n4\r\n");
    assert_eq!(t.text(&["SORT", "l", "BY", "*", "DESC", "GET", "#"]), "*4\r\n$1\r\nd\r\n$1\r\nc\r\n$1\r\nb\r\n$1\r\na\r\n");
    t.run(&["SET", "w_d", "notanumber"]);
    assert_eq!(t.text(&["SORT", "l", "BY", "w_*"]), "-ERR One or more scores can't be converted into double\r\n");
    assert_eq!(t.text(&["SORT", "l", "BY", "w_*", "ALPHA"]), "*4\r\n$1\r\nb\r\n$1\r\nc\r\n$1\r\na\r\n$1\r\nd\r\n");
    assert_eq!(t.text(&["SORT", "l", "BY", "w_*", "GET", "o_*", "STORE", "dst"]), "-ERR One or more scores can't be converted into double\r\n");
    assert_eq!(t.text(&["EXISTS", "dst"]), ":0\r\n");
    // tags and pre/postfix around the star
    t.run(&["MSET", "{x}pre_a_post", "9", "{x}pre_b_post", "8"]);
    assert_eq!(t.text(&["SORT", "l", "BY", "{x}pre_*_post", "GET", "{x}pre_*_post"]), "*4\r\n$-1\r\n$-1\r\n$1\r\n8\r\n$1\r\n9\r\n");
    t.run(&["HSET", "{x}ha_a", "one", "f1"]);
    t.run(&["HSET", "{x}ha_b", "one", "f2"]);
    assert_eq!(t.text(&["SORT", "l", "BY", "nosort", "GET", "{x}ha_*->one"]), "*4\r\n$2\r\nf1\r\n$2\r\nf2\r\n$-1\r\n$-1\r\n");
}

#[test]
fn get_patterns_that_name_nothing_and_store() {
    let mut t = TestServer::new();
    t.run(&["RPUSH", "l", "a", "b", "c", "d"]);
    t.run(&["MSET", "w_a", "3", "w_b", "1", "w_c", "2", "a", "1", "b", "2"]);
    t.run(&["HSET", "h_a", "f", "30", "g", "x"]);
    t.run(&["SET", "h_b", "str"]);
    t.run(&["RPUSH", "o_c", "x"]);
    assert_eq!(t.text(&["SORT", "l", "BY", "nosort", "GET", "nostar"]), "*4\r\n$-1\r\n$-1\r\n$-1\r\n$-1\r\n");
    assert_eq!(t.text(&["SORT", "l", "BY", "nosort", "GET", "w_*->"]), "*4\r\n$-1\r\n$-1\r\n$-1\r\n$-1\r\n");
    assert_eq!(t.text(&["SORT", "l", "BY", "nosort", "GET", "w_*->f"]), "*4\r\n$-1\r\n$-1\r\n$-1\r\n$-1\r\n");
    assert_eq!(t.text(&["SORT", "l", "BY", "nosort", "GET", "h_*->"]), "*4\r\n$-1\r\n$-1\r\n$-1\r\n$-1\r\n");
    assert_eq!(t.text(&["SORT", "l", "BY", "nosort", "GET", "h_*"]), "*4\r\n$-1\r\n$3\r\nstr\r\n$-1\r\n$-1\r\n");
    assert_eq!(t.text(&["SORT", "l", "BY", "nosort", "GET", "h_*->f"]), "*4\r\n$2\r\n30\r\n$-1\r\n$-1\r\n$-1\r\n");
    assert_eq!(t.text(&["SORT", "l", "BY", "nosort", "GET", "o_*"]), "*4\r\n$-1\r\n$-1\r\n$-1\r\n$-1\r\n");
    assert_eq!(t.text(&["SORT", "l", "BY", "nosort", "GET", "#x"]), "*4\r\n$-1\r\n$-1\r\n$-1\r\n$-1\r\n");
    assert_eq!(t.text(&["SORT", "l", "BY", "nosort", "GET", "*"]), "*4\r\n$1\r\n1\r\n$1\r\n2\r\n$-1\r\n$-1\r\n");
    assert_eq!(t.text(&["SORT", "l", "BY", "nosort", "GET", "x*->->g"]), "*4\r\n$-1\r\n$-1\r\n$-1\r\n$-1\r\n");
    assert_eq!(t.text(&["SORT", "l", "BY", "h_*"]), "-ERR One or more scores can't be converted into double\r\n");
    assert_eq!(t.text(&["SORT", "l", "BY", "w_*->f"]), "*4\r\n$1\r\na\r\n$1\r\nb\r\n$1\r\nc\r\n$1\r\nd\r\n");
    assert_eq!(t.text(&["SORT", "l", "BY", "h_*->missing"]), "*4\r\n$1\r\na\r\n$1\r\nb\r\n$1\r\nc\r\n$1\r\nd\r\n");
    assert_eq!(t.text(&["SORT", "l", "BY", "o_*"]), "*4\r\n$1\r\na\r\n$1\r\nb\r\n$1\r\nc\r\n$1\r\nd\r\n");
    // STORE
    assert_eq!(t.text(&["SORT", "l", "BY", "w_*", "STORE", "dst"]), ":4\r\n");
    assert_eq!(t.text(&["LRANGE", "dst", "0", "-1"]), "*4\r\n$1\r\nd\r\n$1\r\nb\r\n$1\r\nc\r\n$1\r\na\r\n");
    assert_eq!(t.text(&["SORT", "l", "BY", "nosort", "GET", "w_*", "GET", "#", "STORE", "dst"]), ":8\r\n");
    assert_eq!(t.text(&["LRANGE", "dst", "0", "-1"]), "*8\r\n$1\r\n3\r\n$1\r\na\r\n$1\r\n1\r\n$1\r\nb\r\n$1\r\n2\r\n$1\r\nc\r\n$0\r\n\r\n$1\r\nd\r\n");
    assert_eq!(t.text(&["TTL", "dst"]), ":-1\r\n");
    t.run(&["EXPIRE", "dst", "100"]);
    assert_eq!(t.text(&["SORT", "l", "BY", "w_*", "DESC", "LIMIT", "0", "2", "STORE", "dst"]), ":2\r\n");
    assert_eq!(t.text(&["TTL", "dst"]), ":-1\r\n");
    assert_eq!(t.text(&["LRANGE", "dst", "0", "-1"]), "*2\r\n$1\r\na\r\n$1\r\nc\r\n");
    assert_eq!(t.text(&["SORT", "l", "LIMIT", "0", "0", "STORE", "dst", "BY", "nosort"]), ":0\r\n");
    assert_eq!(t.text(&["EXISTS", "dst"]), ":0\r\n");
    assert_eq!(t.text(&["SORT", "l", "LIMIT", "0", "0", "STORE", "dst", "BY", "nosort"]), ":0\r\n");
    assert_eq!(t.text(&["SORT", "nokey", "STORE", "l"]), ":0\r\n");
    assert_eq!(t.text(&["EXISTS", "l"]), ":0\r\n");
    t.run(&["SET", "str", "x"]);
    t.run(&["SADD", "s", "c", "a", "b"]);
    assert_eq!(t.text(&["SORT", "s", "BY", "nosort", "STORE", "str"]), ":3\r\n");
    assert_eq!(t.text(&["TYPE", "str"]), "+list\r\n");
    assert_eq!(t.text(&["LRANGE", "str", "0", "-1"]), "*3\r\n$1\r\na\r\n$1\r\nb\r\n$1\r\nc\r\n");
    assert_eq!(t.text(&["SORT", "s", "BY", "nosort", "STORE", "str", "DESC"]), ":3\r\n");
    assert_eq!(t.text(&["LRANGE", "str", "0", "-1"]), "*3\r\n$1\r\nc\r\n$1\r\nb\r\n$1\r\na\r\n");
    assert_eq!(t.text(&["SORT", "s", "BY", "nosort", "GET", "w_*", "STORE", "dst"]), ":3\r\n");
    assert_eq!(t.text(&["LRANGE", "dst", "0", "-1"]), "*3\r\n$1\r\n3\r\n$1\r\n1\r\n$1\r\n2\r\n");
    assert_eq!(t.text(&["SORT", "s", "STORE", "dst"]), "-ERR One or more scores can't be converted into double\r\n");
    assert_eq!(t.text(&["SORT", "s", "BY", "nosort", "STORE", "x", "STORE", "dst2"]), ":3\r\n");
    assert_eq!(t.text(&["LRANGE", "dst2", "0", "-1"]), "*3\r\n$1\r\na\r\n$1\r\nb\r\n$1\r\nc\r\n");
    assert_eq!(t.text(&["EXISTS", "x"]), ":0\r\n");
    t.run(&["RPUSH", "src", "3", "1", "2"]);
    assert_eq!(t.text(&["SORT", "src", "STORE", "src"]), ":3\r\n");
    assert_eq!(t.text(&["LRANGE", "src", "0", "-1"]), "*3\r\n$1\r\n1\r\n$1\r\n2\r\n$1\r\n3\r\n");
}

#[test]
fn errors() {
    let mut t = TestServer::new();
    // errors
    t.run(&["RPUSH", "l", "2", "1"]);
    t.run(&["SET", "str", "x"]);
    t.run(&["HSET", "h", "f", "v"]);
    assert_eq!(t.text(&["SORT"]), "-ERR wrong number of arguments for 'sort' command\r\n");
    assert_eq!(t.text(&["SORT_RO"]), "-ERR wrong number of arguments for 'sort_ro' command\r\n");
    assert_eq!(t.text(&["SORT", "str"]), "-WRONGTYPE Operation against a key holding the wrong kind of value\r\n");
    assert_eq!(t.text(&["SORT", "h", "BY", "nosort"]), "-WRONGTYPE Operation against a key holding the wrong kind of value\r\n");
    assert_eq!(t.text(&["SORT_RO", "str", "GET", "#"]), "-WRONGTYPE Operation against a key holding the wrong kind of value\r\n");
    assert_eq!(t.text(&["SORT", "str", "BADOPT"]), "-ERR syntax error\r\n");
    assert_eq!(t.text(&["SORT", "l", "BADOPT"]), "-ERR syntax error\r\n");
    assert_eq!(t.text(&["SORT", "l", "LIMIT"]), "-ERR syntax error\r\n");
    assert_eq!(t.text(&["SORT", "l", "LIMIT", "1"]), "-ERR syntax error\r\n");
    assert_eq!(t.text(&["SORT", "l", "LIMIT", "x", "1"]), "-ERR value is not an integer or out of range\r\n");
    assert_eq!(t.text(&["SORT", "l", "LIMIT", "1", "x"]), "-ERR value is not an integer or out of range\r\n");
    assert_eq!(t.text(&["SORT", "l", "LIMIT", "1.5", "1"]), "-ERR value is not an integer or out of range\r\n");
    assert_eq!(t.text(&["SORT", "l", "LIMIT", "9223372036854775808", "1"]), "-ERR value is not an integer or out of range\r\n");
    assert_eq!(t.text(&["SORT", "l", "BY"]), "-ERR syntax error\r\n");
    assert_eq!(t.text(&["SORT", "l", "GET"]), "-ERR syntax error\r\n");
    assert_eq!(t.text(&["SORT", "l", "STORE"]), "-ERR syntax error\r\n");
    assert_eq!(t.text(&["SORT_RO", "l", "STORE", "dst"]), "-ERR syntax error\r\n");
    assert_eq!(t.text(&["SORT_RO", "l", "store"]), "-ERR syntax error\r\n");
    assert_eq!(t.text(&["SORT", "l", "ALPHA", "ALPHA", "DESC", "DESC"]), "*2\r\n$1\r\n2\r\n$1\r\n1\r\n");
    assert_eq!(t.text(&["SORT", "l", "LIMIT", "x", "1", "BADOPT"]), "-ERR value is not an integer or out of range\r\n");
    assert_eq!(t.text(&["SORT", "l", "BADOPT", "LIMIT", "x", "1"]), "-ERR syntax error\r\n");
    assert_eq!(t.text(&["SORT", "str", "LIMIT", "x", "1"]), "-ERR value is not an integer or out of range\r\n");
    assert_eq!(t.text(&["SORT", "str", "STORE", "dst"]), "-WRONGTYPE Operation against a key holding the wrong kind of value\r\n");
    assert_eq!(t.text(&["EXISTS", "dst"]), ":0\r\n");
    assert_eq!(t.text(&["SORT", "l", "GET", "#", "GET"]), "-ERR syntax error\r\n");
}

#[test]
fn c_string_quirks_of_keywords_patterns_and_alpha() {
    let mut t = TestServer::new();
    assert_eq!(t.text(&["RPUSH", "nl", "a\0b", "a\0a", "a", "a\0c"]), ":4\r\n");
    assert_eq!(t.text(&["SORT", "nl", "ALPHA"]), "*4\r\n$3\r\na\0b\r\n$3\r\na\0a\r\n$1\r\na\r\n$3\r\na\0c\r\n");
    assert_eq!(t.text(&["SORT", "nl", "ALPHA", "DESC"]), "*4\r\n$3\r\na\0b\r\n$3\r\na\0a\r\n$1\r\na\r\n$3\r\na\0c\r\n");
    assert_eq!(t.text(&["SORT", "nl", "ALPHA", "STORE", "nd"]), ":4\r\n");
    assert_eq!(t.text(&["LRANGE", "nd", "0", "-1"]), "*4\r\n$1\r\na\r\n$3\r\na\0a\r\n$3\r\na\0b\r\n$3\r\na\0c\r\n");
    assert_eq!(t.text(&["SET", "w_a\0x", "5"]), "+OK\r\n");
    assert_eq!(t.text(&["SET", "w_a", "7"]), "+OK\r\n");
    assert_eq!(t.text(&["SORT", "nl", "BY", "nosort", "GET", "w_*\0x"]), "*4\r\n$-1\r\n$-1\r\n$1\r\n5\r\n$-1\r\n");
    assert_eq!(t.text(&["SORT", "nl", "BY", "w_\0*"]), "*4\r\n$3\r\na\0b\r\n$3\r\na\0a\r\n$1\r\na\r\n$3\r\na\0c\r\n");
    assert_eq!(t.text(&["SORT", "nl", "BY", "nosort", "GET", "#\0junk"]), "*4\r\n$3\r\na\0b\r\n$3\r\na\0a\r\n$1\r\na\r\n$3\r\na\0c\r\n");
    assert_eq!(t.text(&["SORT", "nl", "BY", "nosort", "GET", "##"]), "*4\r\n$-1\r\n$-1\r\n$-1\r\n$-1\r\n");
    assert_eq!(t.text(&["SORT", "nl", "ALPHA", "DESC\0junk"]), "*4\r\n$3\r\na\0b\r\n$3\r\na\0a\r\n$1\r\na\r\n$3\r\na\0c\r\n");
    assert_eq!(t.text(&["RPUSH", "nums", "3\0x", "2", "1"]), ":3\r\n");
    assert_eq!(t.text(&["SORT", "nums"]), "*3\r\n$1\r\n1\r\n$1\r\n2\r\n$3\r\n3\0x\r\n");
}

