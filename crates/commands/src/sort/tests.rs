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
    assert_eq!(
        t.text(&["SORT", "l", "LIMIT", "0", "3"]),
        "*3\r\n$2\r\n-1\r\n$2\r\n01\r\n$1\r\n1\r\n"
    );
    assert_eq!(
        t.text(&["SORT", "l", "LIMIT", "2", "3"]),
        "*3\r\n$1\r\n1\r\n$1\r\n1\r\n$3\r\n1.5\r\n"
    );
    assert_eq!(
        t.text(&["SORT", "l", "LIMIT", "6", "10"]),
        "*2\r\n$1\r\n3\r\n$2\r\n10\r\n"
    );
    assert_eq!(t.text(&["SORT", "l", "LIMIT", "8", "1"]), "*0\r\n");
    assert_eq!(t.text(&["SORT", "l", "LIMIT", "100", "1"]), "*0\r\n");
    assert_eq!(
        t.text(&["SORT", "l", "LIMIT", "-5", "2"]),
        "*2\r\n$2\r\n-1\r\n$2\r\n01\r\n"
    );
    assert_eq!(t.text(&["SORT", "l", "LIMIT", "0", "-1"]), "*8\r\n$2\r\n-1\r\n$2\r\n01\r\n$1\r\n1\r\n$1\r\n1\r\n$3\r\n1.5\r\n$1\r\n2\r\n$1\r\n3\r\n$2\r\n10\r\n");
    assert_eq!(t.text(&["SORT", "l", "LIMIT", "0", "0"]), "*0\r\n");
    assert_eq!(
        t.text(&["SORT", "l", "LIMIT", "3", "-7"]),
        "*5\r\n$1\r\n1\r\n$3\r\n1.5\r\n$1\r\n2\r\n$1\r\n3\r\n$2\r\n10\r\n"
    );
    assert_eq!(
        t.text(&["SORT", "l", "DESC", "LIMIT", "1", "2"]),
        "*2\r\n$1\r\n3\r\n$1\r\n2\r\n"
    );
    assert_eq!(
        t.text(&["SORT", "l", "LIMIT", "1", "2", "LIMIT", "0", "1"]),
        "*1\r\n$2\r\n-1\r\n"
    );
    assert_eq!(
        t.text(&[
            "SORT",
            "l",
            "LIMIT",
            "9223372036854775807",
            "9223372036854775807"
        ]),
        "*0\r\n"
    );
    assert_eq!(t.text(&["SORT", "l", "LIMIT", "-9223372036854775808", "9223372036854775807"]), "*8\r\n$2\r\n-1\r\n$2\r\n01\r\n$1\r\n1\r\n$1\r\n1\r\n$3\r\n1.5\r\n$1\r\n2\r\n$1\r\n3\r\n$2\r\n10\r\n");
}

#[test]
fn sets_sorted_sets_nosort_and_missing_keys() {
    let mut t = TestServer::new();
    // sets and sorted sets
    t.run(&["SADD", "s", "5", "-2", "30", "7"]);
    assert_eq!(
        t.text(&["SORT", "s"]),
        "*4\r\n$2\r\n-2\r\n$1\r\n5\r\n$1\r\n7\r\n$2\r\n30\r\n"
    );
    assert_eq!(
        t.text(&["SORT", "s", "DESC", "LIMIT", "1", "2"]),
        "*2\r\n$1\r\n7\r\n$1\r\n5\r\n"
    );
    assert_eq!(
        t.text(&["SORT", "s", "ALPHA"]),
        "*4\r\n$2\r\n-2\r\n$2\r\n30\r\n$1\r\n5\r\n$1\r\n7\r\n"
    );
    assert_eq!(
        t.text(&["SORT", "s", "BY", "nosort"]),
        "*4\r\n$2\r\n-2\r\n$1\r\n5\r\n$1\r\n7\r\n$2\r\n30\r\n"
    );
    assert_eq!(
        t.text(&["SORT", "s", "BY", "nosort", "DESC"]),
        "*4\r\n$2\r\n-2\r\n$1\r\n5\r\n$1\r\n7\r\n$2\r\n30\r\n"
    );
    assert_eq!(
        t.text(&["SORT", "s", "BY", "nosort", "LIMIT", "1", "2"]),
        "*2\r\n$1\r\n5\r\n$1\r\n7\r\n"
    );
    t.run(&["SADD", "w", "b", "c", "a"]);
    assert_eq!(
        t.text(&["SORT", "w", "ALPHA"]),
        "*3\r\n$1\r\na\r\n$1\r\nb\r\n$1\r\nc\r\n"
    );
    assert_eq!(
        t.text(&["SORT", "w"]),
        "-ERR One or more scores can't be converted into double\r\n"
    );
    t.run(&["ZADD", "z", "3", "c", "1", "a", "2", "b", "0", "d"]);
    assert_eq!(
        t.text(&["SORT", "z", "ALPHA"]),
        "*4\r\n$1\r\na\r\n$1\r\nb\r\n$1\r\nc\r\n$1\r\nd\r\n"
    );
    assert_eq!(
        t.text(&["SORT", "z", "ALPHA", "DESC", "LIMIT", "1", "2"]),
        "*2\r\n$1\r\nc\r\n$1\r\nb\r\n"
    );
    assert_eq!(
        t.text(&["SORT", "z", "BY", "nosort"]),
        "*4\r\n$1\r\nd\r\n$1\r\na\r\n$1\r\nb\r\n$1\r\nc\r\n"
    );
    assert_eq!(
        t.text(&["SORT", "z", "BY", "nosort", "DESC"]),
        "*4\r\n$1\r\nc\r\n$1\r\nb\r\n$1\r\na\r\n$1\r\nd\r\n"
    );
    assert_eq!(
        t.text(&["SORT", "z", "BY", "nosort", "LIMIT", "1", "2"]),
        "*2\r\n$1\r\na\r\n$1\r\nb\r\n"
    );
    assert_eq!(
        t.text(&["SORT", "z", "BY", "nosort", "DESC", "LIMIT", "1", "2"]),
        "*2\r\n$1\r\nb\r\n$1\r\na\r\n"
    );
    assert_eq!(
        t.text(&["SORT", "z", "BY", "nosort", "LIMIT", "3", "5"]),
        "*1\r\n$1\r\nc\r\n"
    );
    assert_eq!(
        t.text(&["SORT", "z", "BY", "nosort", "LIMIT", "4", "1"]),
        "*0\r\n"
    );
    assert_eq!(
        t.text(&["SORT", "z", "BY", "nosort", "LIMIT", "0", "0"]),
        "*0\r\n"
    );
    assert_eq!(
        t.text(&["SORT", "z", "BY", "const", "DESC", "LIMIT", "2", "-1"]),
        "*2\r\n$1\r\na\r\n$1\r\nd\r\n"
    );
    assert_eq!(
        t.text(&["SORT", "z"]),
        "-ERR One or more scores can't be converted into double\r\n"
    );
    assert_eq!(t.text(&["OBJECT", "ENCODING", "z"]), "$8\r\nskiplist\r\n");
    t.run(&["RPUSH", "l", "c", "a", "b"]);
    assert_eq!(
        t.text(&["SORT", "l", "BY", "nosort"]),
        "*3\r\n$1\r\nc\r\n$1\r\na\r\n$1\r\nb\r\n"
    );
    assert_eq!(
        t.text(&["SORT", "l", "BY", "nosort", "DESC"]),
        "*3\r\n$1\r\nb\r\n$1\r\na\r\n$1\r\nc\r\n"
    );
    assert_eq!(
        t.text(&["SORT", "l", "BY", "nosort", "LIMIT", "1", "5"]),
        "*2\r\n$1\r\na\r\n$1\r\nb\r\n"
    );
    assert_eq!(
        t.text(&["SORT", "l", "BY", "nosort", "DESC", "LIMIT", "1", "1"]),
        "*1\r\n$1\r\na\r\n"
    );
    assert_eq!(
        t.text(&["SORT", "l", "BY", "nosort", "DESC", "LIMIT", "5", "1"]),
        "*0\r\n"
    );
    assert_eq!(
        t.text(&["SORT", "l", "BY", "nosort", "ALPHA"]),
        "*3\r\n$1\r\nc\r\n$1\r\na\r\n$1\r\nb\r\n"
    );
    assert_eq!(
        t.text(&["SORT", "l", "BY", "w_*", "BY", "nosort"]),
        "*3\r\n$1\r\nc\r\n$1\r\na\r\n$1\r\nb\r\n"
    );
    assert_eq!(
        t.text(&["SORT", "l", "BY", "nosort", "BY", "w_*"]),
        "*3\r\n$1\r\nc\r\n$1\r\na\r\n$1\r\nb\r\n"
    );
    assert_eq!(
        t.text(&["SORT", "l", "BY", "nosort", "GET", "#"]),
        "*3\r\n$1\r\nc\r\n$1\r\na\r\n$1\r\nb\r\n"
    );
    // missing key
    assert_eq!(t.text(&["SORT", "nokey"]), "*0\r\n");
    assert_eq!(
        t.text(&["SORT", "nokey", "BY", "nosort", "DESC", "LIMIT", "0", "1"]),
        "*0\r\n"
    );
    assert_eq!(
        t.text(&["SORT_RO", "nokey", "GET", "#", "GET", "x_*"]),
        "*0\r\n"
    );
}

#[test]
fn by_and_get_patterns() {
    let mut t = TestServer::new();
    // BY weights in strings and hash fields; GET strings, hash fields, #, missing
    t.run(&["RPUSH", "l", "a", "b", "c", "d"]);
    t.run(&[
        "MSET", "w_a", "3", "w_b", "1", "w_c", "2", "o_a", "A", "o_b", "B", "o_c", "C",
    ]);
    t.run(&["HSET", "h_a", "f", "30", "g", "x"]);
    t.run(&["HSET", "h_b", "f", "10"]);
    t.run(&["HSET", "h_d", "f", "20"]);
    assert_eq!(
        t.text(&["SORT", "l", "BY", "w_*"]),
        "*4\r\n$1\r\nd\r\n$1\r\nb\r\n$1\r\nc\r\n$1\r\na\r\n"
    );
    assert_eq!(
        t.text(&["SORT", "l", "BY", "w_*", "DESC"]),
        "*4\r\n$1\r\na\r\n$1\r\nc\r\n$1\r\nb\r\n$1\r\nd\r\n"
    );
    assert_eq!(
        t.text(&["SORT", "l", "BY", "w_*", "GET", "o_*"]),
        "*4\r\n$-1\r\n$1\r\nB\r\n$1\r\nC\r\n$1\r\nA\r\n"
    );
    assert_eq!(t.text(&["SORT", "l", "BY", "w_*", "GET", "#", "GET", "o_*", "GET", "h_*->f"]), "*12\r\n$1\r\nd\r\n$-1\r\n$2\r\n20\r\n$1\r\nb\r\n$1\r\nB\r\n$2\r\n10\r\n$1\r\nc\r\n$1\r\nC\r\n$-1\r\n$1\r\na\r\n$1\r\nA\r\n$2\r\n30\r\n");
    assert_eq!(
        t.text(&["SORT", "l", "BY", "h_*->f"]),
        "*4\r\n$1\r\nc\r\n$1\r\nb\r\n$1\r\nd\r\n$1\r\na\r\n"
    );
    assert_eq!(
        t.text(&["SORT", "l", "BY", "h_*->f", "DESC", "GET", "#", "GET", "h_*->g"]),
        "*8\r\n$1\r\na\r\n$1\r\nx\r\n$1\r\nd\r\n$-1\r\n$1\r\nb\r\n$-1\r\n$1\r\nc\r\n$-1\r\n"
    );
    assert_eq!(
        t.text(&["SORT", "l", "BY", "w_*", "ALPHA"]),
        "*4\r\n$1\r\nd\r\n$1\r\nb\r\n$1\r\nc\r\n$1\r\na\r\n"
    );
    assert_eq!(
        t.text(&["SORT", "l", "BY", "o_*", "ALPHA", "DESC"]),
        "*4\r\n$1\r\nc\r\n$1\r\nb\r\n$1\r\na\r\n$1\r\nd\r\n"
    );
    assert_eq!(
        t.text(&["SORT", "l", "BY", "h_*->g", "ALPHA"]),
        "*4\r\n$1\r\nb\r\n$1\r\nc\r\n$1\r\nd\r\n$1\r\na\r\n"
    );
    assert_eq!(
        t.text(&["SORT", "l", "BY", "w_*", "LIMIT", "1", "2", "GET", "o_*"]),
        "*2\r\n$1\r\nB\r\n$1\r\nC\r\n"
    );
    assert_eq!(
        t.text(&["SORT", "l", "GET", "nostar"]),
        "-ERR One or more scores can't be converted into double\r\n"
    );
    assert_eq!(
        t.text(&["SORT", "l", "GET", "w_*->"]),
        "-ERR One or more scores can't be converted into double\r\n"
    );
    assert_eq!(
        t.text(&["SORT", "l", "GET", "w_*->f"]),
        "-ERR One or more scores can't be converted into double\r\n"
    );
    assert_eq!(
        t.text(&["SORT", "l", "GET", "h_*->"]),
        "-ERR One or more scores can't be converted into double\r\n"
    );
    assert_eq!(
        t.text(&["SORT", "l", "GET", "h_*"]),
        "-ERR One or more scores can't be converted into double\r\n"
    );
    assert_eq!(
        t.text(&["SORT", "l", "BY", "h_*"]),
        "*4\r\n$1\r\na\r\n$1\r\nb\r\n$1\r\nc\r\n$1\r\nd\r\n"
    );
    assert_eq!(
        t.text(&["SORT", "l", "BY", "w_*->f"]),
        "*4\r\n$1\r\na\r\n$1\r\nb\r\n$1\r\nc\r\n$1\r\nd\r\n"
    );
    assert_eq!(
        t.text(&["SORT", "l", "BY", "h_*->missing"]),
        "*4\r\n$1\r\na\r\n$1\r\nb\r\n$1\r\nc\r\n$1\r\nd\r\n"
    );
    assert_eq!(
        t.text(&["SORT", "l", "GET", "#x"]),
        "-ERR One or more scores can't be converted into double\r\n"
    );
    assert_eq!(
        t.text(&["SORT", "l", "GET", "*"]),
        "-ERR One or more scores can't be converted into double\r\n"
    );
    t.run(&["MSET", "a", "1", "b", "2", "c", "3", "d", "4"]);
    assert_eq!(
        t.text(&["SORT", "l", "GET", "*", "BY", "*"]),
        "*4\r\n$1\r\n1\r\n$1\r\n2\r\n$1\r\n3\r\n$1\r\n4\r\n"
    );
    assert_eq!(
        t.text(&["SORT", "l", "BY", "*", "DESC", "GET", "#"]),
        "*4\r\n$1\r\nd\r\n$1\r\nc\r\n$1\r\nb\r\n$1\r\na\r\n"
    );
    t.run(&["SET", "w_d", "notanumber"]);
    assert_eq!(
        t.text(&["SORT", "l", "BY", "w_*"]),
        "-ERR One or more scores can't be converted into double\r\n"
    );
    assert_eq!(
        t.text(&["SORT", "l", "BY", "w_*", "ALPHA"]),
        "*4\r\n$1\r\nb\r\n$1\r\nc\r\n$1\r\na\r\n$1\r\nd\r\n"
    );
    assert_eq!(
        t.text(&["SORT", "l", "BY", "w_*", "GET", "o_*", "STORE", "dst"]),
        "-ERR One or more scores can't be converted into double\r\n"
    );
    assert_eq!(t.text(&["EXISTS", "dst"]), ":0\r\n");
    // tags and pre/postfix around the star
    t.run(&["MSET", "{x}pre_a_post", "9", "{x}pre_b_post", "8"]);
    assert_eq!(
        t.text(&["SORT", "l", "BY", "{x}pre_*_post", "GET", "{x}pre_*_post"]),
        "*4\r\n$-1\r\n$-1\r\n$1\r\n8\r\n$1\r\n9\r\n"
    );
    t.run(&["HSET", "{x}ha_a", "one", "f1"]);
    t.run(&["HSET", "{x}ha_b", "one", "f2"]);
    assert_eq!(
        t.text(&["SORT", "l", "BY", "nosort", "GET", "{x}ha_*->one"]),
        "*4\r\n$2\r\nf1\r\n$2\r\nf2\r\n$-1\r\n$-1\r\n"
    );
}

#[test]
fn get_patterns_that_name_nothing_and_store() {
    let mut t = TestServer::new();
    t.run(&["RPUSH", "l", "a", "b", "c", "d"]);
    t.run(&[
        "MSET", "w_a", "3", "w_b", "1", "w_c", "2", "a", "1", "b", "2",
    ]);
    t.run(&["HSET", "h_a", "f", "30", "g", "x"]);
    t.run(&["SET", "h_b", "str"]);
    t.run(&["RPUSH", "o_c", "x"]);
    assert_eq!(
        t.text(&["SORT", "l", "BY", "nosort", "GET", "nostar"]),
        "*4\r\n$-1\r\n$-1\r\n$-1\r\n$-1\r\n"
    );
    assert_eq!(
        t.text(&["SORT", "l", "BY", "nosort", "GET", "w_*->"]),
        "*4\r\n$-1\r\n$-1\r\n$-1\r\n$-1\r\n"
    );
    assert_eq!(
        t.text(&["SORT", "l", "BY", "nosort", "GET", "w_*->f"]),
        "*4\r\n$-1\r\n$-1\r\n$-1\r\n$-1\r\n"
    );
    assert_eq!(
        t.text(&["SORT", "l", "BY", "nosort", "GET", "h_*->"]),
        "*4\r\n$-1\r\n$-1\r\n$-1\r\n$-1\r\n"
    );
    assert_eq!(
        t.text(&["SORT", "l", "BY", "nosort", "GET", "h_*"]),
        "*4\r\n$-1\r\n$3\r\nstr\r\n$-1\r\n$-1\r\n"
    );
    assert_eq!(
        t.text(&["SORT", "l", "BY", "nosort", "GET", "h_*->f"]),
        "*4\r\n$2\r\n30\r\n$-1\r\n$-1\r\n$-1\r\n"
    );
    assert_eq!(
        t.text(&["SORT", "l", "BY", "nosort", "GET", "o_*"]),
        "*4\r\n$-1\r\n$-1\r\n$-1\r\n$-1\r\n"
    );
    assert_eq!(
        t.text(&["SORT", "l", "BY", "nosort", "GET", "#x"]),
        "*4\r\n$-1\r\n$-1\r\n$-1\r\n$-1\r\n"
    );
    assert_eq!(
        t.text(&["SORT", "l", "BY", "nosort", "GET", "*"]),
        "*4\r\n$1\r\n1\r\n$1\r\n2\r\n$-1\r\n$-1\r\n"
    );
    assert_eq!(
        t.text(&["SORT", "l", "BY", "nosort", "GET", "x*->->g"]),
        "*4\r\n$-1\r\n$-1\r\n$-1\r\n$-1\r\n"
    );
    assert_eq!(
        t.text(&["SORT", "l", "BY", "h_*"]),
        "-ERR One or more scores can't be converted into double\r\n"
    );
    assert_eq!(
        t.text(&["SORT", "l", "BY", "w_*->f"]),
        "*4\r\n$1\r\na\r\n$1\r\nb\r\n$1\r\nc\r\n$1\r\nd\r\n"
    );
    assert_eq!(
        t.text(&["SORT", "l", "BY", "h_*->missing"]),
        "*4\r\n$1\r\na\r\n$1\r\nb\r\n$1\r\nc\r\n$1\r\nd\r\n"
    );
    assert_eq!(
        t.text(&["SORT", "l", "BY", "o_*"]),
        "*4\r\n$1\r\na\r\n$1\r\nb\r\n$1\r\nc\r\n$1\r\nd\r\n"
    );
    // STORE
    assert_eq!(
        t.text(&["SORT", "l", "BY", "w_*", "STORE", "dst"]),
        ":4\r\n"
    );
    assert_eq!(
        t.text(&["LRANGE", "dst", "0", "-1"]),
        "*4\r\n$1\r\nd\r\n$1\r\nb\r\n$1\r\nc\r\n$1\r\na\r\n"
    );
    assert_eq!(
        t.text(&["SORT", "l", "BY", "nosort", "GET", "w_*", "GET", "#", "STORE", "dst"]),
        ":8\r\n"
    );
    assert_eq!(t.text(&["LRANGE", "dst", "0", "-1"]), "*8\r\n$1\r\n3\r\n$1\r\na\r\n$1\r\n1\r\n$1\r\nb\r\n$1\r\n2\r\n$1\r\nc\r\n$0\r\n\r\n$1\r\nd\r\n");
    assert_eq!(t.text(&["TTL", "dst"]), ":-1\r\n");
    t.run(&["EXPIRE", "dst", "100"]);
    assert_eq!(
        t.text(&["SORT", "l", "BY", "w_*", "DESC", "LIMIT", "0", "2", "STORE", "dst"]),
        ":2\r\n"
    );
    assert_eq!(t.text(&["TTL", "dst"]), ":-1\r\n");
    assert_eq!(
        t.text(&["LRANGE", "dst", "0", "-1"]),
        "*2\r\n$1\r\na\r\n$1\r\nc\r\n"
    );
    assert_eq!(
        t.text(&["SORT", "l", "LIMIT", "0", "0", "STORE", "dst", "BY", "nosort"]),
        ":0\r\n"
    );
    assert_eq!(t.text(&["EXISTS", "dst"]), ":0\r\n");
    assert_eq!(
        t.text(&["SORT", "l", "LIMIT", "0", "0", "STORE", "dst", "BY", "nosort"]),
        ":0\r\n"
    );
    assert_eq!(t.text(&["SORT", "nokey", "STORE", "l"]), ":0\r\n");
    assert_eq!(t.text(&["EXISTS", "l"]), ":0\r\n");
    t.run(&["SET", "str", "x"]);
    t.run(&["SADD", "s", "c", "a", "b"]);
    assert_eq!(
        t.text(&["SORT", "s", "BY", "nosort", "STORE", "str"]),
        ":3\r\n"
    );
    assert_eq!(t.text(&["TYPE", "str"]), "+list\r\n");
    assert_eq!(
        t.text(&["LRANGE", "str", "0", "-1"]),
        "*3\r\n$1\r\na\r\n$1\r\nb\r\n$1\r\nc\r\n"
    );
    assert_eq!(
        t.text(&["SORT", "s", "BY", "nosort", "STORE", "str", "DESC"]),
        ":3\r\n"
    );
    assert_eq!(
        t.text(&["LRANGE", "str", "0", "-1"]),
        "*3\r\n$1\r\nc\r\n$1\r\nb\r\n$1\r\na\r\n"
    );
    assert_eq!(
        t.text(&["SORT", "s", "BY", "nosort", "GET", "w_*", "STORE", "dst"]),
        ":3\r\n"
    );
    assert_eq!(
        t.text(&["LRANGE", "dst", "0", "-1"]),
        "*3\r\n$1\r\n3\r\n$1\r\n1\r\n$1\r\n2\r\n"
    );
    assert_eq!(
        t.text(&["SORT", "s", "STORE", "dst"]),
        "-ERR One or more scores can't be converted into double\r\n"
    );
    assert_eq!(
        t.text(&["SORT", "s", "BY", "nosort", "STORE", "x", "STORE", "dst2"]),
        ":3\r\n"
    );
    assert_eq!(
        t.text(&["LRANGE", "dst2", "0", "-1"]),
        "*3\r\n$1\r\na\r\n$1\r\nb\r\n$1\r\nc\r\n"
    );
    assert_eq!(t.text(&["EXISTS", "x"]), ":0\r\n");
    t.run(&["RPUSH", "src", "3", "1", "2"]);
    assert_eq!(t.text(&["SORT", "src", "STORE", "src"]), ":3\r\n");
    assert_eq!(
        t.text(&["LRANGE", "src", "0", "-1"]),
        "*3\r\n$1\r\n1\r\n$1\r\n2\r\n$1\r\n3\r\n"
    );
}

#[test]
fn errors() {
    let mut t = TestServer::new();
    // errors
    t.run(&["RPUSH", "l", "2", "1"]);
    t.run(&["SET", "str", "x"]);
    t.run(&["HSET", "h", "f", "v"]);
    assert_eq!(
        t.text(&["SORT"]),
        "-ERR wrong number of arguments for 'sort' command\r\n"
    );
    assert_eq!(
        t.text(&["SORT_RO"]),
        "-ERR wrong number of arguments for 'sort_ro' command\r\n"
    );
    assert_eq!(
        t.text(&["SORT", "str"]),
        "-WRONGTYPE Operation against a key holding the wrong kind of value\r\n"
    );
    assert_eq!(
        t.text(&["SORT", "h", "BY", "nosort"]),
        "-WRONGTYPE Operation against a key holding the wrong kind of value\r\n"
    );
    assert_eq!(
        t.text(&["SORT_RO", "str", "GET", "#"]),
        "-WRONGTYPE Operation against a key holding the wrong kind of value\r\n"
    );
    assert_eq!(t.text(&["SORT", "str", "BADOPT"]), "-ERR syntax error\r\n");
    assert_eq!(t.text(&["SORT", "l", "BADOPT"]), "-ERR syntax error\r\n");
    assert_eq!(t.text(&["SORT", "l", "LIMIT"]), "-ERR syntax error\r\n");
    assert_eq!(
        t.text(&["SORT", "l", "LIMIT", "1"]),
        "-ERR syntax error\r\n"
    );
    assert_eq!(
        t.text(&["SORT", "l", "LIMIT", "x", "1"]),
        "-ERR value is not an integer or out of range\r\n"
    );
    assert_eq!(
        t.text(&["SORT", "l", "LIMIT", "1", "x"]),
        "-ERR value is not an integer or out of range\r\n"
    );
    assert_eq!(
        t.text(&["SORT", "l", "LIMIT", "1.5", "1"]),
        "-ERR value is not an integer or out of range\r\n"
    );
    assert_eq!(
        t.text(&["SORT", "l", "LIMIT", "9223372036854775808", "1"]),
        "-ERR value is not an integer or out of range\r\n"
    );
    assert_eq!(t.text(&["SORT", "l", "BY"]), "-ERR syntax error\r\n");
    assert_eq!(t.text(&["SORT", "l", "GET"]), "-ERR syntax error\r\n");
    assert_eq!(t.text(&["SORT", "l", "STORE"]), "-ERR syntax error\r\n");
    assert_eq!(
        t.text(&["SORT_RO", "l", "STORE", "dst"]),
        "-ERR syntax error\r\n"
    );
    assert_eq!(t.text(&["SORT_RO", "l", "store"]), "-ERR syntax error\r\n");
    assert_eq!(
        t.text(&["SORT", "l", "ALPHA", "ALPHA", "DESC", "DESC"]),
        "*2\r\n$1\r\n2\r\n$1\r\n1\r\n"
    );
    assert_eq!(
        t.text(&["SORT", "l", "LIMIT", "x", "1", "BADOPT"]),
        "-ERR value is not an integer or out of range\r\n"
    );
    assert_eq!(
        t.text(&["SORT", "l", "BADOPT", "LIMIT", "x", "1"]),
        "-ERR syntax error\r\n"
    );
    assert_eq!(
        t.text(&["SORT", "str", "LIMIT", "x", "1"]),
        "-ERR value is not an integer or out of range\r\n"
    );
    assert_eq!(
        t.text(&["SORT", "str", "STORE", "dst"]),
        "-WRONGTYPE Operation against a key holding the wrong kind of value\r\n"
    );
    assert_eq!(t.text(&["EXISTS", "dst"]), ":0\r\n");
    assert_eq!(
        t.text(&["SORT", "l", "GET", "#", "GET"]),
        "-ERR syntax error\r\n"
    );
}

#[test]
fn c_string_quirks_of_keywords_patterns_and_alpha() {
    let mut t = TestServer::new();
    assert_eq!(
        t.text(&["RPUSH", "nl", "a\0b", "a\0a", "a", "a\0c"]),
        ":4\r\n"
    );
    assert_eq!(
        t.text(&["SORT", "nl", "ALPHA"]),
        "*4\r\n$3\r\na\0b\r\n$3\r\na\0a\r\n$1\r\na\r\n$3\r\na\0c\r\n"
    );
    assert_eq!(
        t.text(&["SORT", "nl", "ALPHA", "DESC"]),
        "*4\r\n$3\r\na\0b\r\n$3\r\na\0a\r\n$1\r\na\r\n$3\r\na\0c\r\n"
    );
    assert_eq!(t.text(&["SORT", "nl", "ALPHA", "STORE", "nd"]), ":4\r\n");
    assert_eq!(
        t.text(&["LRANGE", "nd", "0", "-1"]),
        "*4\r\n$1\r\na\r\n$3\r\na\0a\r\n$3\r\na\0b\r\n$3\r\na\0c\r\n"
    );
    assert_eq!(t.text(&["SET", "w_a\0x", "5"]), "+OK\r\n");
    assert_eq!(t.text(&["SET", "w_a", "7"]), "+OK\r\n");
    assert_eq!(
        t.text(&["SORT", "nl", "BY", "nosort", "GET", "w_*\0x"]),
        "*4\r\n$-1\r\n$-1\r\n$1\r\n5\r\n$-1\r\n"
    );
    assert_eq!(
        t.text(&["SORT", "nl", "BY", "w_\0*"]),
        "*4\r\n$3\r\na\0b\r\n$3\r\na\0a\r\n$1\r\na\r\n$3\r\na\0c\r\n"
    );
    assert_eq!(
        t.text(&["SORT", "nl", "BY", "nosort", "GET", "#\0junk"]),
        "*4\r\n$3\r\na\0b\r\n$3\r\na\0a\r\n$1\r\na\r\n$3\r\na\0c\r\n"
    );
    assert_eq!(
        t.text(&["SORT", "nl", "BY", "nosort", "GET", "##"]),
        "*4\r\n$-1\r\n$-1\r\n$-1\r\n$-1\r\n"
    );
    assert_eq!(
        t.text(&["SORT", "nl", "ALPHA", "DESC\0junk"]),
        "*4\r\n$3\r\na\0b\r\n$3\r\na\0a\r\n$1\r\na\r\n$3\r\na\0c\r\n"
    );
    assert_eq!(t.text(&["RPUSH", "nums", "3\0x", "2", "1"]), ":3\r\n");
    assert_eq!(
        t.text(&["SORT", "nums"]),
        "*3\r\n$1\r\n1\r\n$1\r\n2\r\n$3\r\n3\0x\r\n"
    );
}

#[test]
fn resp3_nulls_for_missing_get_values() {
    let mut t = TestServer::new();
    t.run(&["RPUSH", "l", "b", "a"]);
    t.run(&["SET", "o_a", "A"]);
    t.run(&["HELLO", "3"]);
    assert_eq!(
        t.text(&["SORT", "l", "ALPHA", "GET", "o_*", "GET", "#"]),
        "*4\r\n$1\r\nA\r\n$1\r\na\r\n_\r\n$1\r\nb\r\n"
    );
    assert_eq!(t.text(&["SORT", "l", "ALPHA", "STORE", "d"]), ":2\r\n");
    assert_eq!(t.text(&["SORT_RO", "nokey"]), "*0\r\n");
}

#[test]
fn pattern_keys_expire_lazily_through_the_normal_lookups() {
    let mut t = TestServer::new();
    t.run(&["RPUSH", "l", "a", "b", "c"]);
    t.run(&["MSET", "w_a", "3", "w_b", "2", "w_c", "1"]);
    t.run(&["PEXPIRE", "w_c", "50"]);
    t.run(&["HSET", "h_a", "f", "x"]);
    t.run(&["PEXPIRE", "h_a", "50"]);
    t.run(&["SET", "o_b", "B", "PX", "50"]);
    assert_eq!(
        t.text(&["SORT", "l", "BY", "w_*", "GET", "h_*->f", "GET", "o_*"]),
        "*6\r\n$-1\r\n$-1\r\n$-1\r\n$1\r\nB\r\n$1\r\nx\r\n$-1\r\n"
    );
    t.clock_offset_ms = 1000;
    let expired = info_field(&mut t, "expired_keys");
    // w_c is gone, so c weighs 0 and sorts first.
    assert_eq!(
        t.text(&["SORT", "l", "BY", "w_*", "GET", "h_*->f", "GET", "o_*"]),
        "*6\r\n$-1\r\n$-1\r\n$-1\r\n$-1\r\n$-1\r\n$-1\r\n"
    );
    assert_eq!(info_field(&mut t, "expired_keys"), expired + 3);
    assert_eq!(t.text(&["DBSIZE"]), ":3\r\n");
    // The sorted key itself expires like any read.
    t.run(&["PEXPIRE", "l", "10"]);
    t.clock_offset_ms = 2000;
    assert_eq!(t.text(&["SORT", "l", "BY", "w_*", "STORE", "d"]), ":0\r\n");
    assert_eq!(t.text(&["EXISTS", "l", "d"]), ":0\r\n");
}

#[test]
fn pattern_reads_count_keyspace_hits_and_misses() {
    let mut t = TestServer::new();
    t.run(&["RPUSH", "l", "a", "b", "c", "d"]);
    t.run(&[
        "MSET", "w_a", "3", "w_b", "1", "w_c", "2", "o_a", "A", "o_b", "B", "o_c", "C",
    ]);
    t.run(&["CONFIG", "RESETSTAT"]);
    t.run(&["SORT", "l", "BY", "w_*", "GET", "o_*"]);
    assert_eq!(info_field(&mut t, "keyspace_hits"), 7);
    assert_eq!(info_field(&mut t, "keyspace_misses"), 2);
    t.run(&["CONFIG", "RESETSTAT"]);
    t.run(&["SORT", "l", "BY", "nosort", "GET", "#", "GET", "nostar"]);
    assert_eq!(info_field(&mut t, "keyspace_hits"), 1);
    assert_eq!(info_field(&mut t, "keyspace_misses"), 0);
}

#[test]
fn weights_follow_strtod() {
    let mut t = TestServer::new();
    let sorted = |t: &mut TestServer, v: &str| {
        t.run(&["DEL", "q"]);
        t.run(&["RPUSH", "q", v, "2"]);
        t.text(&["SORT", "q"])
    };
    let before = |v: &str| format!("*2\r\n${}\r\n{v}\r\n$1\r\n2\r\n", v.len());
    let after = |v: &str| format!("*2\r\n$1\r\n2\r\n${}\r\n{v}\r\n", v.len());
    for v in ["", "-inf", ".5", "-0", "1e-300", "0x1p-1074", "1\0junk"] {
        assert_eq!(sorted(&mut t, v), before(v), "{v:?}");
    }
    for v in [
        " 5", "\t7", "0x10", "inf", "+3", "5.", "infinity", "1e308", "2.5",
    ] {
        assert_eq!(sorted(&mut t, v), after(v), "{v:?}");
    }
    for v in [
        "nan", "1e400", "1e-400", "1e-310", "5 ", "   ", "0x", "1e", "-", "abc",
    ] {
        assert_eq!(
            sorted(&mut t, v),
            "-ERR One or more scores can't be converted into double\r\n",
            "{v:?}"
        );
    }
    // Equal weights fall back to the elements' bytes.
    t.run(&["RPUSH", "eq", "1.0", "1", "01", "+1", "1e0"]);
    assert_eq!(
        t.text(&["SORT", "eq"]),
        "*5\r\n$2\r\n+1\r\n$2\r\n01\r\n$1\r\n1\r\n$3\r\n1.0\r\n$3\r\n1e0\r\n"
    );
    assert_eq!(
        t.text(&["SORT", "eq", "DESC"]),
        "*5\r\n$3\r\n1e0\r\n$3\r\n1.0\r\n$1\r\n1\r\n$2\r\n01\r\n$2\r\n+1\r\n"
    );
}

#[test]
fn alpha_by_weights_missing_sort_first_and_ties_keep_order() {
    let mut t = TestServer::new();
    t.run(&["RPUSH", "l", "a", "b", "c", "d", "e"]);
    t.run(&["MSET", "w_a", "x", "w_c", "x", "w_e", "B"]);
    assert_eq!(
        t.text(&["SORT", "l", "BY", "w_*", "ALPHA"]),
        "*5\r\n$1\r\nb\r\n$1\r\nd\r\n$1\r\ne\r\n$1\r\na\r\n$1\r\nc\r\n"
    );
    assert_eq!(
        t.text(&["SORT", "l", "BY", "w_*", "ALPHA", "DESC"]),
        "*5\r\n$1\r\na\r\n$1\r\nc\r\n$1\r\ne\r\n$1\r\nb\r\n$1\r\nd\r\n"
    );
}

#[test]
fn store_builds_a_list_in_the_encoding_its_size_calls_for() {
    // Pins 7.2: the result is a listpack when it fits one (7.0 always made a quicklist).
    let mut t = TestServer::new();
    t.run(&["RPUSH", "l", "3", "1", "2"]);
    assert_eq!(t.text(&["SORT", "l", "STORE", "d"]), ":3\r\n");
    assert_eq!(t.text(&["OBJECT", "ENCODING", "d"]), "$8\r\nlistpack\r\n");
    let many: Vec<String> = (0..2000).map(|i| format!("{i:08}")).collect();
    let mut push = vec!["RPUSH", "big"];
    push.extend(many.iter().map(String::as_str));
    t.run(&push);
    assert_eq!(t.text(&["SORT", "big", "STORE", "d"]), ":2000\r\n");
    assert_eq!(t.text(&["OBJECT", "ENCODING", "d"]), "$9\r\nquicklist\r\n");
    assert_eq!(t.text(&["LINDEX", "d", "1999"]), "$8\r\n00001999\r\n");
    t.run(&["CONFIG", "SET", "list-max-listpack-size", "2"]);
    assert_eq!(
        t.text(&["SORT", "l", "LIMIT", "0", "2", "STORE", "d"]),
        ":2\r\n"
    );
    assert_eq!(t.text(&["OBJECT", "ENCODING", "d"]), "$8\r\nlistpack\r\n");
    assert_eq!(t.text(&["SORT", "l", "STORE", "d"]), ":3\r\n");
    assert_eq!(t.text(&["OBJECT", "ENCODING", "d"]), "$9\r\nquicklist\r\n");
}

#[test]
fn store_counts_one_change_per_stored_element_or_the_delete() {
    let mut t = TestServer::new();
    t.run(&["RPUSH", "l", "3", "1", "2"]);
    let dirty = |t: &mut TestServer| {
        let text = t.text(&["INFO", "persistence"]);
        text.lines()
            .find_map(|l| l.strip_prefix("rdb_changes_since_last_save:"))
            .unwrap()
            .trim()
            .parse::<i64>()
            .unwrap()
    };
    let d0 = dirty(&mut t);
    t.run(&["SORT", "l", "GET", "#", "GET", "x_*", "STORE", "d"]);
    assert_eq!(dirty(&mut t), d0 + 6);
    t.run(&["SORT", "l", "LIMIT", "0", "0", "STORE", "d"]);
    assert_eq!(dirty(&mut t), d0 + 7);
    t.run(&["SORT", "l", "LIMIT", "0", "0", "STORE", "d"]);
    assert_eq!(dirty(&mut t), d0 + 7);
    t.run(&["SORT_RO", "l", "BY", "w_*"]);
    assert_eq!(dirty(&mut t), d0 + 7);
}

#[test]
fn sorting_a_sorted_set_makes_it_a_skiplist_even_read_only() {
    let mut t = TestServer::new();
    t.run(&["ZADD", "z", "2", "b", "1", "a"]);
    assert_eq!(t.text(&["OBJECT", "ENCODING", "z"]), "$8\r\nlistpack\r\n");
    assert_eq!(
        t.text(&["SORT_RO", "z", "BY", "nosort"]),
        "*2\r\n$1\r\na\r\n$1\r\nb\r\n"
    );
    assert_eq!(t.text(&["OBJECT", "ENCODING", "z"]), "$8\r\nskiplist\r\n");
    assert_eq!(
        t.text(&["ZRANGE", "z", "0", "-1", "WITHSCORES"]),
        "*4\r\n$1\r\na\r\n$1\r\n1\r\n$1\r\nb\r\n$1\r\n2\r\n"
    );
}

#[test]
fn inside_multi_exec_and_across_slots() {
    let mut t = TestServer::new();
    // Keys of different slots: the handler panics on any slot dispatch did not lock.
    t.run(&["RPUSH", "{1}l", "a", "b", "c"]);
    t.run(&[
        "MSET", "w_a", "3", "w_b", "1", "w_c", "2", "o_a", "A", "o_c", "C",
    ]);
    assert_eq!(t.text(&["MULTI"]), "+OK\r\n");
    assert_eq!(
        t.text(&["SORT", "{1}l", "BY", "w_*", "GET", "o_*", "STORE", "{2}d"]),
        "+QUEUED\r\n"
    );
    assert_eq!(
        t.text(&["SORT_RO", "{1}l", "BY", "w_*", "GET", "#"]),
        "+QUEUED\r\n"
    );
    assert_eq!(t.text(&["LRANGE", "{2}d", "0", "-1"]), "+QUEUED\r\n");
    assert_eq!(
        t.text(&["EXEC"]),
        "*3\r\n:3\r\n*3\r\n$1\r\nb\r\n$1\r\nc\r\n$1\r\na\r\n*3\r\n$0\r\n\r\n$1\r\nC\r\n$1\r\nA\r\n"
    );
    assert_eq!(
        t.text(&["SORT", "{1}l", "ALPHA", "STORE", "{3}d"]),
        ":3\r\n"
    );
    assert_eq!(
        t.text(&["SORT", "{1}l", "BY", "nosort", "GET", "o_*", "STORE", "{3}d"]),
        ":3\r\n"
    );
    // STORE get STORE d: Redis's key finder reports "get", the command writes "d".
    assert_eq!(
        t.text(&["SORT", "{1}l", "ALPHA", "STORE", "get", "STORE", "{4}d"]),
        ":3\r\n"
    );
    assert_eq!(t.text(&["LLEN", "{4}d"]), ":3\r\n");
}

fn positions(f: fn(&Args<'_>, &mut KeyPositions), args: &[&str]) -> Vec<usize> {
    let bytes: Vec<&[u8]> = args.iter().map(|a| a.as_bytes()).collect();
    let mut out = KeyPositions::new();
    f(&Args::from_slices(&bytes), &mut out);
    out.to_vec()
}

fn locks_all(f: fn(&Args<'_>) -> bool, args: &[&str]) -> bool {
    let bytes: Vec<&[u8]> = args.iter().map(|a| a.as_bytes()).collect();
    f(&Args::from_slices(&bytes))
}

#[test]
fn keys_are_the_sorted_key_and_the_last_store_destination() {
    assert_eq!(positions(sort_keys, &["SORT", "k"]), [1]);
    assert_eq!(positions(sort_keys, &["SORT", "k", "STORE", "d"]), [1, 3]);
    assert_eq!(
        positions(
            sort_keys,
            &["SORT", "k", "LIMIT", "0", "1", "STORE", "d", "GET", "x", "store", "e"]
        ),
        [1, 10]
    );
    // Values of LIMIT, GET and BY are skipped, so they never count as STORE.
    assert_eq!(
        positions(sort_keys, &["SORT", "k", "GET", "store", "x"]),
        [1]
    );
    assert_eq!(
        positions(sort_keys, &["SORT", "k", "LIMIT", "store", "x", "y"]),
        [1]
    );
    assert_eq!(positions(sort_keys, &["SORT", "k", "STORE"]), [1]);
    assert_eq!(
        positions(sort_keys, &["SORT", "k", "STORE", "get", "STORE", "d"]),
        [1, 3]
    );
    assert_eq!(
        positions(sort_ro_keys, &["SORT_RO", "k", "STORE", "d"]),
        [1]
    );
    let mut t = TestServer::new();
    assert_eq!(
        t.text(&["COMMAND", "GETKEYS", "SORT", "k", "BY", "w_*", "STORE", "d"]),
        "*2\r\n$1\r\nk\r\n$1\r\nd\r\n"
    );
    assert_eq!(
        t.text(&["COMMAND", "GETKEYS", "SORT_RO", "k", "GET", "#"]),
        "*1\r\n$1\r\nk\r\n"
    );
    // As redis-server answers it.
    assert_eq!(
        t.text(&[
            "COMMAND",
            "GETKEYSANDFLAGS",
            "SORT",
            "k",
            "LIMIT",
            "0",
            "1",
            "STORE",
            "d"
        ]),
        "*2\r\n*2\r\n$1\r\nk\r\n*2\r\n+RO\r\n+access\r\n*2\r\n$1\r\nd\r\n*2\r\n+OW\r\n+update\r\n"
    );
    assert_eq!(
        t.text(&["COMMAND", "GETKEYSANDFLAGS", "SORT_RO", "k", "BY", "x"]),
        "*1\r\n*2\r\n$1\r\nk\r\n*2\r\n+RO\r\n+access\r\n"
    );
}

#[test]
fn every_slot_is_locked_only_when_patterns_read_keys() {
    for (args, want) in [
        (&["SORT", "k"][..], false),
        (
            &[
                "SORT", "k", "ALPHA", "DESC", "LIMIT", "0", "1", "STORE", "d",
            ],
            false,
        ),
        (&["SORT", "k", "BY", "nosort"], false),
        (&["SORT", "k", "BY", "w_*"], true),
        (&["SORT", "k", "BY", "w_*->f"], true),
        (&["SORT", "k", "BY", "w_*", "BY", "nosort"], false),
        (&["SORT", "k", "BY", "w_\0*"], false),
        (&["SORT", "k", "GET", "#"], false),
        (&["SORT", "k", "GET", "nostar"], false),
        (&["SORT", "k", "GET", "#", "GET", "o_*"], true),
        (&["SORT", "k", "BY", "nosort", "GET", "h_*->f"], true),
        // Bad arguments fail before any read.
        (&["SORT", "k", "BY", "w_*", "BADOPT"], false),
        (&["SORT", "k", "BY", "w_*", "LIMIT", "x", "1"], false),
        (&["SORT", "k", "STORE", "get", "STORE", "d"], true),
    ] {
        assert_eq!(locks_all(sort_locks_all, args), want, "{args:?}");
    }
    assert!(locks_all(
        sort_ro_locks_all,
        &["SORT_RO", "k", "GET", "o_*"]
    ));
    assert!(!locks_all(
        sort_ro_locks_all,
        &["SORT_RO", "k", "BY", "nosort"]
    ));
    // SORT_RO has no STORE: a syntax error, nothing read.
    assert!(!locks_all(
        sort_ro_locks_all,
        &["SORT_RO", "k", "BY", "w_*", "STORE", "d"]
    ));
}

#[test]
fn command_docs_name_the_7_2_arguments() {
    let mut t = TestServer::new();
    let docs = t.text(&["COMMAND", "DOCS", "SORT_RO"]);
    for part in [
        "$7\r\nsort_ro\r\n",
        "$5\r\nsince\r\n$5\r\n7.0.0\r\n",
        "$10\r\nby-pattern\r\n",
        "$11\r\nget-pattern\r\n",
        "$5\r\nlimit\r\n",
    ] {
        assert!(docs.contains(part), "{part:?} in {docs}");
    }
    assert!(!docs.contains("STORE"));
    let docs = t.text(&["COMMAND", "DOCS", "SORT"]);
    assert!(docs.contains(
        "$4\r\nname\r\n$11\r\ndestination\r\n$4\r\ntype\r\n$3\r\nkey\r\n$12\r\ndisplay_text\r\n$11\r\ndestination\r\n$14\r\nkey_spec_index\r\n:2\r\n$5\r\ntoken\r\n$5\r\nSTORE\r\n"
    ), "{docs}");
}

#[test]
fn sorting_a_sorted_set_is_one_access() {
    // Under LFU a new key's counter is 5 and one access always takes it to 6; a second
    // access would reach 7 one time in eleven (checked against redis-server: 6 every time).
    let mut t = TestServer::with_args(&["--maxmemory-policy", "allkeys-lfu"]);
    for i in 0..60 {
        let k = format!("z{i}");
        t.text(&["ZADD", &k, "1", "7"]);
        assert_eq!(t.text(&["SORT", &k]), "*1\r\n$1\r\n7\r\n");
        assert_eq!(t.text(&["OBJECT", "FREQ", &k]), ":6\r\n", "{k}");
    }
}
