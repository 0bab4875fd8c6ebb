//! GETEX, SETEX and PSETEX.

use shoal_store::StrEncoding;

use super::*;

#[test]
fn getex_missing_key_ignores_the_time_value() {
    let mut t = TestServer::new();
    assert_eq!(t.text(&["GETEX", "nokey"]), NIL);
    // Redis validates the time only after finding a string.
    assert_eq!(t.text(&["GETEX", "nokey", "EX", "abc"]), NIL);
    assert_eq!(t.text(&["GETEX", "nokey", "EX", "0"]), NIL);
    assert_eq!(t.text(&["GETEX", "nokey", "EX", "10", "EX", "20"]), NIL);
    assert!(!exists(&t, "nokey"));
}

#[test]
fn getex_syntax_errors_come_first() {
    let mut t = TestServer::new();
    for opts in [
        &["foo"][..],
        &["EX"],
        &["PERSIST", "EX", "10"],
        &["EX", "10", "PERSIST"],
        &["EX", "10", "PX", "20"],
        &["EXAT", "10", "PXAT", "20"],
        &["KEEPTTL"],
        &["NX"],
        &["XX"],
        &["GET"],
    ] {
        let mut cmd = vec!["GETEX", "nokey"];
        cmd.extend_from_slice(opts);
        assert_eq!(t.text(&cmd), SYNTAX, "{cmd:?}");
    }
}

#[test]
fn getex_time_errors_on_existing_key() {
    let mut t = TestServer::new();
    t.run(&["SET", "k", "v"]);
    const INVALID: &str = "-ERR invalid expire time in 'getex' command\r\n";
    assert_eq!(t.text(&["GETEX", "k", "EX", "abc"]), NOT_INT);
    assert_eq!(t.text(&["GETEX", "k", "EX", "0"]), INVALID);
    assert_eq!(t.text(&["GETEX", "k", "PX", "-1"]), INVALID);
    assert_eq!(t.text(&["GETEX", "k", "EXAT", "0"]), INVALID);
    assert_eq!(t.text(&["GETEX", "k", "EX", "9223372036854776"]), INVALID);
    assert_eq!(expire_of(&t, "k"), None);
}

#[test]
fn getex_sets_and_removes_expire_times() {
    let mut t = TestServer::new();
    t.run(&["SET", "k", "v"]);
    assert_eq!(t.text(&["GETEX", "k"]), bulk("v"));
    assert_eq!(expire_of(&t, "k"), None);
    assert_eq!(t.text(&["GETEX", "k", "EX", "10"]), bulk("v"));
    assert_expires_in(&t, "k", 10_000);
    // No option leaves the time alone.
    assert_eq!(t.text(&["GETEX", "k"]), bulk("v"));
    assert_expires_in(&t, "k", 10_000);
    assert_eq!(
        t.text(&["GETEX", "k", "px", "5000", "PX", "6000"]),
        bulk("v")
    );
    assert_expires_in(&t, "k", 6_000);
    let at = now(&t) + 50_000;
    assert_eq!(t.text(&["GETEX", "k", "PXAT", &at.to_string()]), bulk("v"));
    assert_eq!(expire_of(&t, "k"), Some(at));
    let secs = at / 1000 + 1;
    assert_eq!(
        t.text(&["GETEX", "k", "EXAT", &secs.to_string()]),
        bulk("v")
    );
    assert_eq!(expire_of(&t, "k"), Some(secs * 1000));
    let dirty = t.server.shards[0].dirty.get();
    assert_eq!(t.text(&["GETEX", "k", "PERSIST", "persist"]), bulk("v"));
    assert_eq!(expire_of(&t, "k"), None);
    assert_eq!(t.server.shards[0].dirty.get(), dirty + 1);
    // PERSIST on a key without a time changes nothing.
    assert_eq!(t.text(&["GETEX", "k", "PERSIST"]), bulk("v"));
    assert_eq!(t.server.shards[0].dirty.get(), dirty + 1);
}

#[test]
fn getex_absolute_time_in_the_past_deletes_the_key() {
    let mut t = TestServer::new();
    t.run(&["SET", "k", "v"]);
    assert_eq!(t.text(&["GETEX", "k", "PXAT", "1"]), bulk("v"));
    assert!(!exists(&t, "k"));
    t.run(&["SET", "k", "v"]);
    assert_eq!(t.text(&["GETEX", "k", "EXAT", "1"]), bulk("v"));
    assert!(!exists(&t, "k"));
}

#[test]
fn getex_keeps_encoding_and_counts_hits() {
    let mut t = TestServer::new();
    t.run(&["SET", "n", "123"]);
    t.run(&["GETEX", "n", "EX", "100"]);
    assert_eq!(encoding(&t, "n"), StrEncoding::Int);
    t.run(&["GETEX", "n", "PERSIST"]);
    assert_eq!(encoding(&t, "n"), StrEncoding::Int);
    let hits = t.server.shards[0].keyspace_hits.get();
    let misses = t.server.shards[0].keyspace_misses.get();
    t.run(&["GETEX", "n"]);
    t.run(&["GETEX", "nokey"]);
    assert_eq!(t.server.shards[0].keyspace_hits.get(), hits + 1);
    assert_eq!(t.server.shards[0].keyspace_misses.get(), misses + 1);
}

#[test]
fn getex_expired_key_is_missing() {
    let mut t = TestServer::new();
    t.run(&["SET", "k", "v", "PX", "100"]);
    t.clock_offset_ms += 101;
    assert_eq!(t.text(&["GETEX", "k", "PERSIST"]), NIL);
}

#[test]
fn setex_and_psetex() {
    let mut t = TestServer::new();
    assert_eq!(t.text(&["SETEX", "k", "100", "42"]), "+OK\r\n");
    assert_eq!(t.text(&["GET", "k"]), bulk("42"));
    assert_expires_in(&t, "k", 100_000);
    assert_eq!(encoding(&t, "k"), StrEncoding::Int);
    assert_eq!(t.text(&["PSETEX", "k", "1500", "abc"]), "+OK\r\n");
    assert_expires_in(&t, "k", 1_500);
    assert_eq!(encoding(&t, "k"), StrEncoding::Embstr);
    t.clock_offset_ms += 1_501;
    assert_eq!(t.text(&["GET", "k"]), NIL);
}

#[test]
fn setex_errors() {
    let mut t = TestServer::new();
    for secs in ["0", "-1", "9223372036854776"] {
        assert_eq!(
            t.text(&["SETEX", "k", secs, "v"]),
            "-ERR invalid expire time in 'setex' command\r\n"
        );
    }
    for ms in ["0", "-10", "9223372036854775807"] {
        assert_eq!(
            t.text(&["PSETEX", "k", ms, "v"]),
            "-ERR invalid expire time in 'psetex' command\r\n"
        );
    }
    assert_eq!(t.text(&["SETEX", "k", "1.5", "v"]), NOT_INT);
    assert_eq!(t.text(&["PSETEX", "k", "x", "v"]), NOT_INT);
    assert_eq!(
        t.text(&["SETEX", "k", "10"]),
        "-ERR wrong number of arguments for 'setex' command\r\n"
    );
    assert!(!exists(&t, "k"));
}
