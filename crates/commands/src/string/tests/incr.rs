//! INCR, DECR, INCRBY, DECRBY, INCRBYFLOAT.

use shoal_store::StrEncoding;

use super::*;

const OVERFLOW: &str = "-ERR increment or decrement would overflow\r\n";
const NOT_FLOAT: &str = "-ERR value is not a valid float\r\n";

#[test]
fn counting_from_a_missing_key() {
    let mut t = TestServer::new();
    assert_eq!(t.text(&["INCR", "a"]), ":1\r\n");
    assert_eq!(t.text(&["INCR", "a"]), ":2\r\n");
    assert_eq!(t.text(&["DECR", "b"]), ":-1\r\n");
    assert_eq!(t.text(&["INCRBY", "c", "10"]), ":10\r\n");
    assert_eq!(t.text(&["INCRBY", "c", "-25"]), ":-15\r\n");
    assert_eq!(t.text(&["DECRBY", "d", "10"]), ":-10\r\n");
    assert_eq!(t.text(&["DECRBY", "d", "-15"]), ":5\r\n");
    assert_eq!(t.text(&["GET", "d"]), bulk("5"));
    for key in ["a", "b", "c", "d"] {
        assert_eq!(encoding(&t, key), StrEncoding::Int);
    }
}

#[test]
fn works_on_set_values_and_keeps_ttl() {
    let mut t = TestServer::new();
    t.run(&["SET", "k", "10", "EX", "100"]);
    assert_eq!(t.text(&["INCR", "k"]), ":11\r\n");
    assert_expires_in(&t, "k", 100_000);
    // A raw string that parses as an integer (APPEND made it) is fine too.
    t.run(&["SET", "r", "1"]);
    t.run(&["APPEND", "r", "0"]);
    assert_eq!(encoding(&t, "r"), StrEncoding::Raw);
    assert_eq!(t.text(&["INCRBY", "r", "5"]), ":15\r\n");
    assert_eq!(encoding(&t, "r"), StrEncoding::Int);
}

#[test]
fn values_that_are_not_strict_integers() {
    let mut t = TestServer::new();
    for value in [
        " 1",
        "1 ",
        "01",
        "+1",
        "-0",
        "",
        "1.0",
        "abc",
        "1e3",
        "0x10",
        "9223372036854775808",
        "-9223372036854775809",
    ] {
        t.run(&["SET", "k", value]);
        for cmd in [
            &["INCR", "k"][..],
            &["DECR", "k"],
            &["INCRBY", "k", "1"],
            &["DECRBY", "k", "1"],
        ] {
            assert_eq!(t.text(cmd), NOT_INT, "{cmd:?} on {value:?}");
        }
        assert_eq!(t.text(&["GET", "k"]), bulk(value));
    }
}

#[test]
fn bad_increments() {
    let mut t = TestServer::new();
    for by in ["abc", "1.0", " 1", "", "9223372036854775808"] {
        assert_eq!(t.text(&["INCRBY", "k", by]), NOT_INT, "{by:?}");
        assert_eq!(t.text(&["DECRBY", "k", by]), NOT_INT, "{by:?}");
    }
    assert!(!exists(&t, "k"));
}

#[test]
fn overflow() {
    let mut t = TestServer::new();
    t.run(&["SET", "max", "9223372036854775807"]);
    assert_eq!(t.text(&["INCR", "max"]), OVERFLOW);
    assert_eq!(t.text(&["INCRBY", "max", "1"]), OVERFLOW);
    assert_eq!(t.text(&["DECRBY", "max", "-1"]), OVERFLOW);
    assert_eq!(t.text(&["GET", "max"]), bulk("9223372036854775807"));
    t.run(&["SET", "min", "-9223372036854775807"]);
    assert_eq!(t.text(&["DECR", "min"]), ":-9223372036854775808\r\n");
    assert_eq!(t.text(&["DECR", "min"]), OVERFLOW);
    assert_eq!(t.text(&["INCRBY", "min", "-1"]), OVERFLOW);
    assert_eq!(t.text(&["INCRBY", "min", "9223372036854775807"]), ":-1\r\n");
    t.run(&["SET", "k", "5"]);
    assert_eq!(t.text(&["INCRBY", "k", "9223372036854775807"]), OVERFLOW);
    assert_eq!(
        t.text(&["DECRBY", "k", "9223372036854775807"]),
        ":-9223372036854775802\r\n"
    );
    // -(i64::MIN) does not exist: a distinct text, checked before the key.
    const DECR_OVERFLOW: &str = "-ERR decrement would overflow\r\n";
    assert_eq!(
        t.text(&["DECRBY", "k", "-9223372036854775808"]),
        DECR_OVERFLOW
    );
    assert_eq!(
        t.text(&["DECRBY", "nokey", "-9223372036854775808"]),
        DECR_OVERFLOW
    );
    assert!(!exists(&t, "nokey"));
    assert_eq!(
        t.text(&["INCRBY", "nokey", "-9223372036854775808"]),
        ":-9223372036854775808\r\n"
    );
}

#[test]
fn expired_key_counts_from_zero() {
    let mut t = TestServer::new();
    t.run(&["SET", "k", "100", "PX", "10"]);
    t.clock_offset_ms += 11;
    assert_eq!(t.text(&["INCR", "k"]), ":1\r\n");
    assert_eq!(expire_of(&t, "k"), None);
}

#[test]
fn incrbyfloat() {
    let mut t = TestServer::new();
    t.run(&["SET", "k", "10.50"]);
    assert_eq!(t.text(&["INCRBYFLOAT", "k", "0.1"]), bulk("10.6"));
    assert_eq!(t.text(&["INCRBYFLOAT", "k", "-5"]), bulk("5.6"));
    t.run(&["SET", "k", "5.0e3"]);
    assert_eq!(t.text(&["INCRBYFLOAT", "k", "2.0e2"]), bulk("5200"));
    assert_eq!(t.text(&["INCRBYFLOAT", "new", "5.0e3"]), bulk("5000"));
    assert_eq!(t.text(&["GET", "new"]), bulk("5000"));
    t.run(&["SET", "one", "1"]);
    assert_eq!(t.text(&["INCRBYFLOAT", "one", "-1"]), bulk("0"));
    t.run(&["SET", "i", "1"]);
    assert_eq!(t.text(&["INCRBYFLOAT", "i", "2"]), bulk("3"));
    // Stored without integer detection, as Redis does.
    assert_eq!(encoding(&t, "i"), StrEncoding::Embstr);
    assert_eq!(t.text(&["INCR", "i"]), ":4\r\n");
}

#[test]
fn incrbyfloat_long_results_are_raw() {
    let mut t = TestServer::new();
    let reply = t.text(&["INCRBYFLOAT", "k", "1e400"]);
    assert!(reply.starts_with("$401\r\n1000000000000000000028188068394758651458645343362905"));
    assert_eq!(encoding(&t, "k"), StrEncoding::Raw);
}

#[test]
fn incrbyfloat_errors_and_ttl() {
    let mut t = TestServer::new();
    t.run(&["SET", "k", "10.5", "EX", "100"]);
    assert_eq!(t.text(&["INCRBYFLOAT", "k", "abc"]), NOT_FLOAT);
    assert_eq!(t.text(&["INCRBYFLOAT", "k", " 1"]), NOT_FLOAT);
    assert_eq!(t.text(&["INCRBYFLOAT", "k", ""]), NOT_FLOAT);
    assert_eq!(
        t.text(&["INCRBYFLOAT", "k", "inf"]),
        "-ERR increment would produce NaN or Infinity\r\n"
    );
    assert_eq!(t.text(&["INCRBYFLOAT", "k", "1"]), bulk("11.5"));
    assert_expires_in(&t, "k", 100_000);
    t.run(&["SET", "s", "abc"]);
    assert_eq!(t.text(&["INCRBYFLOAT", "s", "1"]), NOT_FLOAT);
    assert_eq!(t.text(&["INCRBYFLOAT", "nokey", "x"]), NOT_FLOAT);
    assert!(!exists(&t, "nokey"));
}
