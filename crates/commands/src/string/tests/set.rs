//! SET and its options.

use shoal_store::StrEncoding;

use super::*;

#[test]
fn plain_set_and_get() {
    let mut t = TestServer::new();
    assert_eq!(t.text(&["SET", "k", "v"]), "+OK\r\n");
    assert_eq!(t.text(&["GET", "k"]), "$1\r\nv\r\n");
    assert_eq!(t.text(&["SET", "k", "other"]), "+OK\r\n");
    assert_eq!(t.text(&["GET", "k"]), "$5\r\nother\r\n");
    assert_eq!(t.text(&["GET", "missing"]), NIL);
    assert_eq!(t.text(&["set", "K", ""]), "+OK\r\n");
    assert_eq!(t.text(&["GET", "K"]), "$0\r\n\r\n");
}

#[test]
fn binary_keys_and_values() {
    let mut t = TestServer::new();
    let value: &[u8] = b"a\r\nb\0c\xff";
    assert_eq!(t.raw(&[b"SET", b"\0key\n", value]), b"+OK\r\n");
    assert_eq!(t.raw(&[b"GET", b"\0key\n"]), b"$7\r\na\r\nb\0c\xff\r\n");
    assert_eq!(t.raw(&[b"GET", b"\0key"]), b"$-1\r\n");
}

#[test]
fn arity() {
    let mut t = TestServer::new();
    assert_eq!(
        t.text(&["SET", "k"]),
        "-ERR wrong number of arguments for 'set' command\r\n"
    );
    assert_eq!(
        t.text(&["GET"]),
        "-ERR wrong number of arguments for 'get' command\r\n"
    );
    assert_eq!(
        t.text(&["GET", "a", "b"]),
        "-ERR wrong number of arguments for 'get' command\r\n"
    );
}

#[test]
fn encoding_follows_redis_try_object_encoding() {
    let mut t = TestServer::new();
    let cases = [
        ("123", StrEncoding::Int),
        ("-9223372036854775808", StrEncoding::Int),
        ("9223372036854775807", StrEncoding::Int),
        ("9223372036854775808", StrEncoding::Embstr),
        ("0", StrEncoding::Int),
        ("-0", StrEncoding::Embstr),
        ("007", StrEncoding::Embstr),
        ("+1", StrEncoding::Embstr),
        (" 1", StrEncoding::Embstr),
        ("1.5", StrEncoding::Embstr),
        ("", StrEncoding::Embstr),
    ];
    for (value, want) in cases {
        t.run(&["SET", "k", value]);
        assert_eq!(encoding(&t, "k"), want, "SET k {value:?}");
    }
    let at_limit = "x".repeat(44);
    t.run(&["SET", "k", &at_limit]);
    assert_eq!(encoding(&t, "k"), StrEncoding::Embstr);
    let over = "x".repeat(45);
    t.run(&["SET", "k", &over]);
    assert_eq!(encoding(&t, "k"), StrEncoding::Raw);
}

#[test]
fn relative_expire_times() {
    let mut t = TestServer::new();
    assert_eq!(t.text(&["SET", "k", "v", "EX", "100"]), "+OK\r\n");
    assert_expires_in(&t, "k", 100_000);
    assert_eq!(t.text(&["SET", "k", "v", "px", "2500"]), "+OK\r\n");
    assert_expires_in(&t, "k", 2_500);
    t.clock_offset_ms += 2_501;
    assert_eq!(t.text(&["GET", "k"]), NIL);
    assert!(!exists(&t, "k"));
}

#[test]
fn absolute_expire_times() {
    let mut t = TestServer::new();
    let future_ms = now(&t) + 60_000;
    let pxat = future_ms.to_string();
    assert_eq!(t.text(&["SET", "k", "v", "PXAT", &pxat]), "+OK\r\n");
    assert_eq!(expire_of(&t, "k"), Some(future_ms));
    let secs = (future_ms / 1000).to_string();
    assert_eq!(t.text(&["SET", "k", "v", "exat", &secs]), "+OK\r\n");
    assert_eq!(expire_of(&t, "k"), Some(future_ms / 1000 * 1000));
    // The largest PXAT is accepted as is.
    assert_eq!(
        t.text(&["SET", "k", "v", "PXAT", "9223372036854775807"]),
        "+OK\r\n"
    );
    assert_eq!(expire_of(&t, "k"), Some(i64::MAX as u64));
}

#[test]
fn expire_time_in_the_past_stores_a_key_that_is_already_gone() {
    let mut t = TestServer::new();
    t.run(&["SET", "k", "old"]);
    assert_eq!(t.text(&["SET", "k", "v", "PXAT", "1"]), "+OK\r\n");
    assert_eq!(t.text(&["GET", "k"]), NIL);
    t.run(&["SET", "k", "old"]);
    assert_eq!(t.text(&["SET", "k", "v2", "EXAT", "1", "GET"]), bulk("old"));
    assert_eq!(t.text(&["GET", "k"]), NIL);
}

#[test]
fn repeated_time_option_last_one_wins() {
    let mut t = TestServer::new();
    assert_eq!(
        t.text(&["SET", "k", "v", "EX", "10", "EX", "20"]),
        "+OK\r\n"
    );
    assert_expires_in(&t, "k", 20_000);
    // Only the last value is ever parsed.
    assert_eq!(
        t.text(&["SET", "k", "v", "EX", "abc", "EX", "30"]),
        "+OK\r\n"
    );
    assert_expires_in(&t, "k", 30_000);
    assert_eq!(
        t.text(&["SET", "k", "v", "NX", "NX", "GET", "GET"]),
        bulk("v")
    );
    assert_eq!(t.text(&["SET", "k", "w", "KEEPTTL", "KEEPTTL"]), "+OK\r\n");
    assert_expires_in(&t, "k", 30_000);
}

#[test]
fn conflicting_or_malformed_options() {
    let mut t = TestServer::new();
    t.run(&["SET", "k", "v"]);
    for opts in [
        &["EX", "10", "PX", "100"][..],
        &["PX", "10", "EX", "100"],
        &["EX", "10", "EXAT", "100"],
        &["PXAT", "10", "PX", "100"],
        &["KEEPTTL", "EX", "10"],
        &["EX", "10", "KEEPTTL"],
        &["NX", "XX"],
        &["XX", "NX"],
        &["EX"],
        &["NX", "PX"],
        &["FOO"],
        &["PERSIST"],
        &["GETX"],
        // Syntax is checked before the time's value.
        &["EX", "0", "NX", "XX"],
        &["EX", "abc", "FOO"],
    ] {
        let mut cmd = vec!["SET", "k", "new"];
        cmd.extend_from_slice(opts);
        assert_eq!(t.text(&cmd), SYNTAX, "{cmd:?}");
    }
    assert_eq!(t.text(&["GET", "k"]), bulk("v"));
}

#[test]
fn invalid_expire_times() {
    let mut t = TestServer::new();
    const INVALID: &str = "-ERR invalid expire time in 'set' command\r\n";
    for (opt, value) in [
        ("EX", "0"),
        ("EX", "-1"),
        ("PX", "0"),
        ("PX", "-100"),
        ("EXAT", "0"),
        ("PXAT", "-5"),
        // Seconds that overflow once made milliseconds.
        ("EX", "9223372036854776"),
        ("EXAT", "9223372036854776"),
        // Milliseconds that overflow once now is added.
        ("PX", "9223372036854775807"),
        ("EX", "9223372036854775"),
    ] {
        assert_eq!(
            t.text(&["SET", "k", "v", opt, value]),
            INVALID,
            "{opt} {value}"
        );
    }
    for value in ["1.5", "abc", "", " 1", "99999999999999999999"] {
        assert_eq!(
            t.text(&["SET", "k", "v", "EX", value]),
            NOT_INT,
            "{value:?}"
        );
    }
    assert!(!exists(&t, "k"));
}

#[test]
fn nx() {
    let mut t = TestServer::new();
    assert_eq!(t.text(&["SET", "k", "1", "NX"]), "+OK\r\n");
    assert_eq!(t.text(&["SET", "k", "2", "nx"]), NIL);
    assert_eq!(t.text(&["GET", "k"]), bulk("1"));
    // NX with GET: the old value comes back and nothing is written.
    assert_eq!(t.text(&["SET", "k", "3", "NX", "GET"]), bulk("1"));
    assert_eq!(t.text(&["GET", "k"]), bulk("1"));
    assert_eq!(t.text(&["SET", "n", "3", "GET", "NX"]), NIL);
    assert_eq!(t.text(&["GET", "n"]), bulk("3"));
    // An expired key counts as missing.
    t.run(&["SET", "e", "old", "PX", "10"]);
    t.clock_offset_ms += 11;
    assert_eq!(t.text(&["SET", "e", "new", "NX"]), "+OK\r\n");
    assert_eq!(t.text(&["GET", "e"]), bulk("new"));
}

#[test]
fn xx() {
    let mut t = TestServer::new();
    assert_eq!(t.text(&["SET", "k", "1", "XX"]), NIL);
    assert!(!exists(&t, "k"));
    // XX with GET on a missing key: nil from GET, nothing written.
    assert_eq!(t.text(&["SET", "k", "1", "XX", "GET"]), NIL);
    assert!(!exists(&t, "k"));
    t.run(&["SET", "k", "1"]);
    assert_eq!(t.text(&["SET", "k", "2", "XX"]), "+OK\r\n");
    assert_eq!(t.text(&["SET", "k", "3", "xx", "get"]), bulk("2"));
    assert_eq!(t.text(&["GET", "k"]), bulk("3"));
}

#[test]
fn get_option() {
    let mut t = TestServer::new();
    assert_eq!(t.text(&["SET", "k", "1", "GET"]), NIL);
    assert_eq!(t.text(&["SET", "k", "2", "GET"]), bulk("1"));
    assert_eq!(t.text(&["GET", "k"]), bulk("2"));
    let hits = t.server.shards[0].keyspace_hits.get();
    let misses = t.server.shards[0].keyspace_misses.get();
    t.run(&["SET", "k", "3", "GET"]);
    t.run(&["SET", "other", "3", "GET"]);
    assert_eq!(t.server.shards[0].keyspace_hits.get(), hits + 1);
    assert_eq!(t.server.shards[0].keyspace_misses.get(), misses + 1);
    // Expire time errors come before GET replies anything.
    assert_eq!(
        t.text(&["SET", "k", "4", "GET", "EX", "0"]),
        "-ERR invalid expire time in 'set' command\r\n"
    );
    assert_eq!(t.text(&["GET", "k"]), bulk("3"));
}

#[test]
fn ttl_is_dropped_unless_keepttl() {
    let mut t = TestServer::new();
    t.run(&["SET", "k", "v", "EX", "100"]);
    assert_eq!(t.text(&["SET", "k", "v2", "KEEPTTL"]), "+OK\r\n");
    assert_expires_in(&t, "k", 100_000);
    assert_eq!(
        t.text(&["SET", "k", "v3", "KEEPTTL", "GET", "XX"]),
        bulk("v2")
    );
    assert_expires_in(&t, "k", 100_000);
    assert_eq!(t.text(&["SET", "k", "v4"]), "+OK\r\n");
    assert_eq!(expire_of(&t, "k"), None);
    assert_eq!(t.text(&["SET", "new", "v", "KEEPTTL"]), "+OK\r\n");
    assert_eq!(expire_of(&t, "new"), None);
}

#[test]
fn resp3_nulls() {
    let mut t = resp3();
    assert_eq!(t.text(&["GET", "k"]), "_\r\n");
    assert_eq!(t.text(&["SET", "k", "v", "XX"]), "_\r\n");
    assert_eq!(t.text(&["SET", "k", "v", "GET"]), "_\r\n");
    assert_eq!(t.text(&["SET", "k", "w", "NX"]), "_\r\n");
    assert_eq!(t.text(&["SET", "k", "w", "GET"]), bulk("v"));
}

#[test]
fn dirty_counts_one_per_write() {
    let mut t = TestServer::new();
    let before = t.server.shards[0].dirty.get();
    t.run(&["SET", "k", "v", "EX", "10"]);
    t.run(&["SET", "k", "v", "NX"]);
    t.run(&["GET", "k"]);
    assert_eq!(t.server.shards[0].dirty.get(), before + 1);
}

#[test]
fn options_end_at_a_nul_byte() {
    // Redis compares SET/GETEX options up to their first NUL byte.
    let mut t = TestServer::new();
    assert_eq!(t.raw(&[b"SET", b"k", b"v", b"nx\0zz"]), b"+OK\r\n");
    assert_eq!(t.raw(&[b"SET", b"k", b"w", b"NX\0"]), b"$-1\r\n");
    assert_eq!(t.raw(&[b"SET", b"k", b"w", b"ex\0zz", b"100"]), b"+OK\r\n");
    assert_eq!(t.text(&["TTL", "k"]), ":100\r\n");
    assert_eq!(t.raw(&[b"GETEX", b"k", b"persist\0a"]), b"$1\r\nw\r\n");
    assert_eq!(t.text(&["TTL", "k"]), ":-1\r\n");
    assert_eq!(
        t.raw(&[b"SET", b"k", b"v", b"\0NX"]),
        b"-ERR syntax error\r\n"
    );
}
