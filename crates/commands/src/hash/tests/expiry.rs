//! Field expiry: HEXPIRE family, HTTL family, HPERSIST, HGETEX, HSETEX, HGETDEL, lazy and
//! active expiry, encodings. Replies, texts and encodings follow Valkey 9 (a hash whose
//! field gets a TTL becomes a hashtable; Redis 7.4 would say listpackex).

use super::{encoding, exists, resp3};
use crate::state::unix_ms;
use crate::testing::TestServer;

/// Valkey 9's text for a bad numfields (Redis 7.4 has several).
const NUMFIELDS: &str =
    "-ERR numfields should be greater than 0 and match the provided number of fields\r\n";

fn ints(v: &[i64]) -> String {
    let mut s = format!("*{}\r\n", v.len());
    for i in v {
        s.push_str(&format!(":{i}\r\n"));
    }
    s
}

#[test]
fn hexpire_codes_and_conditions() {
    let mut t = TestServer::new();
    t.text(&["HSET", "h", "a", "1", "b", "2", "c", "3"]);
    assert_eq!(encoding(&t, "h"), Some("listpack"));
    assert_eq!(
        t.text(&["HEXPIRE", "h", "100", "FIELDS", "2", "a", "zz"]),
        ints(&[1, -2])
    );
    assert_eq!(encoding(&t, "h"), Some("hashtable"));
    // NX: only fields without TTL.
    assert_eq!(
        t.text(&["HEXPIRE", "h", "50", "NX", "FIELDS", "2", "a", "b"]),
        ints(&[0, 1])
    );
    // XX: only fields with a TTL.
    assert_eq!(
        t.text(&["HEXPIRE", "h", "200", "XX", "FIELDS", "2", "a", "c"]),
        ints(&[1, 0])
    );
    // GT: a field without TTL is infinite, so never; LT: always for those.
    assert_eq!(
        t.text(&["HEXPIRE", "h", "300", "gt", "FIELDS", "3", "a", "b", "c"]),
        ints(&[1, 1, 0])
    );
    assert_eq!(
        t.text(&["HEXPIRE", "h", "10", "LT", "FIELDS", "3", "a", "b", "c"]),
        ints(&[1, 1, 1])
    );
    // Not greater: 5 s from now is before the 10 s set just above (the same 10 s could be a
    // millisecond later, and so greater).
    assert_eq!(
        t.text(&["HEXPIRE", "h", "5", "GT", "FIELDS", "1", "a"]),
        ints(&[0])
    );
    assert_eq!(
        t.text(&["HTTL", "h", "FIELDS", "3", "a", "b", "zz"]),
        ints(&[10, 10, -2])
    );
    // Zero deletes (code 2); the last field going deletes the key.
    assert_eq!(
        t.text(&["HEXPIRE", "h", "0", "FIELDS", "2", "a", "b"]),
        ints(&[2, 2])
    );
    assert_eq!(t.text(&["HLEN", "h"]), ":1\r\n");
    assert_eq!(
        t.text(&["HPEXPIREAT", "h", "1", "FIELDS", "1", "c"]),
        ints(&[2])
    );
    assert!(!exists(&t, "h"));
    assert_eq!(
        t.text(&["HEXPIRE", "h", "10", "FIELDS", "2", "a", "b"]),
        ints(&[-2, -2])
    );
}

#[test]
fn hexpire_errors() {
    let mut t = TestServer::new();
    t.text(&["HSET", "h", "a", "1"]);
    assert_eq!(
        t.text(&["HEXPIRE", "h", "x", "FIELDS", "1", "a"]),
        "-ERR value is not an integer or out of range\r\n"
    );
    assert_eq!(
        t.text(&["HEXPIRE", "h", "-1", "FIELDS", "1", "a"]),
        "-ERR invalid expire time in 'hexpire' command\r\n"
    );
    assert_eq!(
        t.text(&["HEXPIRE", "h", "9223372036854775", "FIELDS", "1", "a"]),
        "-ERR invalid expire time in 'hexpire' command\r\n"
    );
    assert_eq!(
        t.text(&[
            "HPEXPIREAT",
            "h",
            "-9223372036854775808",
            "FIELDS",
            "1",
            "a"
        ]),
        "-ERR invalid expire time in 'hpexpireat' command\r\n"
    );
    assert_eq!(
        t.text(&["HPEXPIREAT", "h", "70368744177663", "FIELDS", "1", "a"]),
        ints(&[1])
    );
    assert_eq!(
        t.text(&["HPEXPIRE", "h", "9223372036854775807", "FIELDS", "1", "a"]),
        "-ERR invalid expire time in 'hpexpire' command\r\n"
    );
    // Valkey 9 has no upper bound below overflow (Redis 7.4 stops at 2^46 ms).
    assert_eq!(
        t.text(&["HPEXPIREAT", "h", "9223372036854775807", "FIELDS", "1", "a"]),
        ints(&[1])
    );
    assert_eq!(
        t.text(&["HEXPIRE", "h", "10", "BOGUS", "FIELDS", "1", "a"]),
        "-ERR Unsupported option BOGUS\r\n"
    );
    // Valkey compares options with strcasecmp and prints them with %s: raw bytes, cut at a
    // NUL (not lossy UTF-8); "nx\0GT" is NX.
    assert_eq!(
        t.raw(&[b"HEXPIRE", b"h", b"10", b"N\0X", b"FIELDS", b"1", b"a"]),
        b"-ERR Unsupported option N\r\n"
    );
    assert_eq!(
        t.raw(&[b"HEXPIRE", b"h", b"10", b"\xff\xfe", b"FIELDS", b"1", b"a"]),
        b"-ERR Unsupported option \xff\xfe\r\n"
    );
    // Options are read before the time.
    assert_eq!(
        t.text(&["HEXPIRE", "h", "x", "nx", "Bad", "FIELDS", "1", "a"]),
        "-ERR Unsupported option Bad\r\n"
    );
    assert_eq!(
        t.text(&["HEXPIRE", "h", "x", "FIELDS", "0", "a"]),
        NUMFIELDS
    );
    assert_eq!(
        t.text(&["HEXPIRE", "h", "10", "NX", "XX", "FIELDS", "1", "a"]),
        "-ERR NX and XX, GT or LT options at the same time are not compatible\r\n"
    );
    assert_eq!(
        t.text(&["HEXPIRE", "h", "10", "GT", "LT", "FIELDS", "1", "a"]),
        "-ERR GT and LT options at the same time are not compatible\r\n"
    );
    // Several conditions: a field must pass them all (XX passes, GT does not).
    assert_eq!(
        t.text(&["HEXPIRE", "h", "10", "XX", "GT", "FIELDS", "1", "a"]),
        ints(&[0])
    );
    // The first FIELDS starts the block; a later one is a field name.
    assert_eq!(
        t.text(&["HEXPIRE", "h", "10", "FIELDS", "1", "FIELDS"]),
        ints(&[-2])
    );
    assert_eq!(
        t.text(&["HEXPIRE", "h", "10", "FIELD", "1", "a"]),
        NUMFIELDS
    );
    assert_eq!(
        t.text(&["HEXPIRE", "h", "10", "NX", "1", "a", "b"]),
        NUMFIELDS
    );
    assert_eq!(
        t.text(&["HEXPIRE", "h", "10", "FIELDS", "0", "a"]),
        NUMFIELDS
    );
    assert_eq!(
        t.text(&["HEXPIRE", "h", "10", "FIELDS", "x", "a"]),
        "-ERR value is not an integer or out of range\r\n"
    );
    assert_eq!(
        t.text(&["HEXPIRE", "h", "10", "FIELDS", "2", "a"]),
        NUMFIELDS
    );
    assert_eq!(
        t.text(&["HEXPIRE", "h", "10", "FIELDS", "1", "a", "b"]),
        NUMFIELDS
    );
    assert_eq!(
        t.text(&["HEXPIRE", "h", "10", "FIELDS", "1"]),
        "-ERR wrong number of arguments for 'hexpire' command\r\n"
    );
    assert_eq!(
        t.text(&["HTTL", "h", "FIELDS", "0", "a"]),
        "-ERR syntax error\r\n"
    );
    assert_eq!(
        t.text(&["HTTL", "h", "FIELDZ", "1", "a"]),
        "-ERR syntax error\r\n"
    );
    assert_eq!(
        t.text(&["HTTL", "h", "FIELDS", "x", "a"]),
        "-ERR value is not an integer or out of range\r\n"
    );
    assert_eq!(t.text(&["HPERSIST", "h", "FIELDS", "2", "a"]), NUMFIELDS);
    t.text(&["HSET", "h", "z", "1"]);
    let nx = [
        &b"HEXPIRE"[..],
        b"h",
        b"10",
        b"nx\0GT",
        b"FIELDS",
        b"1",
        b"z",
    ];
    assert_eq!(t.raw(&nx), b"*1\r\n:1\r\n");
    assert_eq!(t.raw(&nx), b"*1\r\n:0\r\n");
}

#[test]
fn httl_family_units() {
    let mut t = TestServer::new();
    t.text(&["HSET", "h", "a", "1", "b", "2"]);
    let at = unix_ms() + 100_500;
    t.text(&["HPEXPIREAT", "h", &at.to_string(), "FIELDS", "1", "a"]);
    assert_eq!(
        t.text(&["HPEXPIRETIME", "h", "FIELDS", "3", "a", "b", "c"]),
        ints(&[at as i64, -1, -2])
    );
    assert_eq!(
        t.text(&["HEXPIRETIME", "h", "FIELDS", "1", "a"]),
        ints(&[(at + 500) as i64 / 1000])
    );
    let v = t.text(&["HTTL", "h", "FIELDS", "1", "a"]);
    assert!(v == ints(&[101]) || v == ints(&[100]), "{v}");
    let v = t.run(&["HPTTL", "h", "FIELDS", "1", "a"]);
    let shoal_resp::Value::Array(items) = v else {
        panic!()
    };
    let shoal_resp::Value::Int(ms) = items[0] else {
        panic!()
    };
    assert!((99_000..=100_500).contains(&ms), "{ms}");
    assert_eq!(
        t.text(&["HTTL", "nokey", "FIELDS", "2", "a", "b"]),
        ints(&[-2, -2])
    );
}

#[test]
fn lazy_expiry_hides_and_removes_fields() {
    for table in [false, true] {
        let mut t = if table {
            TestServer::with_args(&["--hash-max-listpack-entries", "0"])
        } else {
            TestServer::new()
        };
        t.text(&["HSET", "h", "a", "1", "b", "2"]);
        t.text(&["HPEXPIRE", "h", "100", "FIELDS", "1", "a"]);
        assert_eq!(t.text(&["HLEN", "h"]), ":2\r\n");
        t.clock_offset_ms = 101;
        assert_eq!(t.text(&["HGET", "h", "a"]), "$-1\r\n");
        assert_eq!(t.text(&["HLEN", "h"]), ":1\r\n");
        assert_eq!(t.text(&["HGETALL", "h"]), "*2\r\n$1\r\nb\r\n$1\r\n2\r\n");
        assert_eq!(t.text(&["HTTL", "h", "FIELDS", "1", "a"]), ints(&[-2]));
        assert_eq!(t.server.shards[0].expired_subkeys.get(), 1);
        // The last field expiring deletes the hash.
        t.text(&["HPEXPIRE", "h", "100", "FIELDS", "1", "b"]);
        t.clock_offset_ms = 202;
        assert_eq!(t.text(&["HEXISTS", "h", "b"]), ":0\r\n");
        assert!(!exists(&t, "h"));
        assert_eq!(t.text(&["HSET", "h", "c", "3"]), ":1\r\n");
    }
}

#[test]
fn active_expiry_sweeps_fields() {
    let mut t = TestServer::new();
    t.text(&["HSET", "h", "a", "1", "b", "2"]);
    t.text(&["HSET", "gone", "x", "1"]);
    t.text(&["HPEXPIRE", "h", "1", "FIELDS", "1", "a"]);
    t.text(&["HPEXPIRE", "gone", "1", "FIELDS", "1", "x"]);
    std::thread::sleep(std::time::Duration::from_millis(5));
    let now = unix_ms();
    let mut swept = crate::hash::FieldSweep::default();
    for key in ["h", "gone"] {
        let mut slot = t.server.keyspace.lock(shoal_util::key_slot(key.as_bytes()));
        let s = crate::hash::expire_fields_in_slot(&mut slot, now);
        swept.fields += s.fields;
        swept.keys += s.keys;
    }
    assert_eq!(swept, crate::hash::FieldSweep { fields: 2, keys: 1 });
    assert!(!exists(&t, "gone"));
    assert_eq!(t.text(&["HGETALL", "h"]), "*2\r\n$1\r\nb\r\n$1\r\n2\r\n");
    // A second sweep finds nothing and stops looking at the slot.
    let mut slot = t.server.keyspace.lock(shoal_util::key_slot(b"h"));
    assert_eq!(
        crate::hash::expire_fields_in_slot(&mut slot, now),
        crate::hash::FieldSweep::default()
    );
    assert!(!slot.db(0).has_volatile_parts());
}

#[test]
fn active_expiry_cycle_calls_the_hook() {
    let mut t = TestServer::new();
    t.text(&["HSET", "h", "a", "1", "b", "2"]);
    t.text(&["HPEXPIRE", "h", "1", "FIELDS", "1", "a"]);
    std::thread::sleep(std::time::Duration::from_millis(5));
    let mut fields = 0;
    for shard in 0..t.server.shard_count() {
        let mut cursor = crate::expire::ExpireCursor::default();
        crate::expire::active_expire_cycle(
            &t.server,
            shard,
            &mut cursor,
            std::time::Duration::from_secs(10),
        );
        fields += t.server.shards[shard].expired_subkeys.get();
    }
    assert_eq!(fields, 1);
    assert_eq!(t.text(&["HKEYS", "h"]), "*1\r\n$1\r\nb\r\n");
}

#[test]
fn overwrite_drops_ttl_but_hincrby_keeps_it() {
    let mut t = TestServer::new();
    t.text(&["HSET", "h", "a", "1", "n", "1"]);
    t.text(&["HEXPIRE", "h", "100", "FIELDS", "2", "a", "n"]);
    t.text(&["HINCRBY", "h", "n", "1"]);
    t.text(&["HINCRBYFLOAT", "h", "n", "1.5"]);
    assert_eq!(t.text(&["HTTL", "h", "FIELDS", "1", "n"]), ints(&[100]));
    t.text(&["HSET", "h", "a", "2"]);
    assert_eq!(t.text(&["HTTL", "h", "FIELDS", "1", "a"]), ints(&[-1]));
}

#[test]
fn hpersist() {
    let mut t = TestServer::new();
    t.text(&["HSET", "h", "a", "1", "b", "2"]);
    assert_eq!(
        t.text(&["HPERSIST", "h", "FIELDS", "3", "a", "b", "c"]),
        ints(&[-1, -1, -2])
    );
    assert_eq!(
        encoding(&t, "h"),
        Some("listpack"),
        "HPERSIST does not convert"
    );
    t.text(&["HEXPIRE", "h", "100", "FIELDS", "1", "a"]);
    assert_eq!(
        t.text(&["HPERSIST", "h", "FIELDS", "2", "a", "b"]),
        ints(&[1, -1])
    );
    assert_eq!(t.text(&["HTTL", "h", "FIELDS", "1", "a"]), ints(&[-1]));
    assert_eq!(encoding(&t, "h"), Some("hashtable"), "never converts back");
    assert_eq!(
        t.text(&["HPERSIST", "nokey", "FIELDS", "1", "a"]),
        ints(&[-2])
    );
}

#[test]
fn hgetex() {
    let mut t = TestServer::new();
    t.text(&["HSET", "h", "a", "1", "b", "2", "c", "3"]);
    assert_eq!(
        t.text(&["HGETEX", "h", "FIELDS", "2", "a", "x"]),
        "*2\r\n$1\r\n1\r\n$-1\r\n"
    );
    assert_eq!(encoding(&t, "h"), Some("listpack"));
    assert_eq!(
        t.text(&["HGETEX", "h", "EX", "100", "FIELDS", "2", "a", "b"]),
        "*2\r\n$1\r\n1\r\n$1\r\n2\r\n"
    );
    assert_eq!(encoding(&t, "h"), Some("hashtable"));
    assert_eq!(
        t.text(&["HTTL", "h", "FIELDS", "3", "a", "b", "c"]),
        ints(&[100, 100, -1])
    );
    assert_eq!(
        t.text(&["HGETEX", "h", "PERSIST", "FIELDS", "1", "a"]),
        "*1\r\n$1\r\n1\r\n"
    );
    assert_eq!(t.text(&["HTTL", "h", "FIELDS", "1", "a"]), ints(&[-1]));
    // A time in the past returns the values, then deletes the fields.
    assert_eq!(
        t.text(&["HGETEX", "h", "PXAT", "1", "FIELDS", "2", "a", "zz"]),
        "*2\r\n$1\r\n1\r\n$-1\r\n"
    );
    assert_eq!(t.text(&["HEXISTS", "h", "a"]), ":0\r\n");
    assert_eq!(
        t.text(&["HGETEX", "nokey", "EX", "10", "FIELDS", "2", "a", "b"]),
        "*2\r\n$-1\r\n$-1\r\n"
    );
    assert_eq!(
        t.text(&["HGETEX", "h", "EX", "x", "FIELDS", "1", "a"]),
        "-ERR value is not an integer or out of range\r\n"
    );
    assert_eq!(
        t.text(&["HGETEX", "h", "EX", "-1", "FIELDS", "1", "a"]),
        "-ERR invalid expire time in 'hgetex' command\r\n"
    );
    assert_eq!(
        t.text(&["HGETEX", "h", "FOO", "FIELDS", "1", "a"]),
        "-ERR syntax error\r\n"
    );
    for bad in [
        &["HGETEX", "h", "EX", "1", "PX", "1", "FIELDS", "1", "a"][..],
        &["HGETEX", "h", "PERSIST", "EX", "1", "FIELDS", "1", "a"],
        &["HGETEX", "h", "EX", "FIELDS", "1", "a"],
        &["HGETEX", "h", "KEEPTTL", "FIELDS", "1", "a"],
    ] {
        assert_eq!(t.text(bad), "-ERR syntax error\r\n", "{bad:?}");
    }
    // Repeating one kind is fine.
    assert_eq!(
        t.text(&["HGETEX", "h", "PERSIST", "persist", "FIELDS", "1", "b"]),
        "*1\r\n$1\r\n2\r\n"
    );
    assert_eq!(t.text(&["HGETEX", "h", "FIELD", "1", "a"]), NUMFIELDS);
    assert_eq!(t.text(&["HGETEX", "h", "FIELDS", "0", "a"]), NUMFIELDS);
    assert_eq!(
        t.text(&["HGETEX", "h", "EX", "10", "FIELDS", "2", "a"]),
        NUMFIELDS
    );
    resp3(&mut t);
    assert_eq!(t.text(&["HGETEX", "h", "FIELDS", "1", "zz"]), "*1\r\n_\r\n");
}

#[test]
fn hsetex() {
    let mut t = TestServer::new();
    assert_eq!(
        t.text(&["HSETEX", "h", "EX", "100", "FIELDS", "2", "a", "1", "b", "2"]),
        ":1\r\n"
    );
    assert_eq!(encoding(&t, "h"), Some("hashtable"));
    assert_eq!(
        t.text(&["HTTL", "h", "FIELDS", "2", "a", "b"]),
        ints(&[100, 100])
    );
    // FNX: none may exist; FXX: all must exist.
    assert_eq!(
        t.text(&["HSETEX", "h", "FNX", "FIELDS", "2", "a", "9", "c", "9"]),
        ":0\r\n"
    );
    assert_eq!(
        t.text(&["HSETEX", "h", "FXX", "KEEPTTL", "FIELDS", "1", "a", "5"]),
        ":1\r\n"
    );
    assert_eq!(t.text(&["HGET", "h", "a"]), "$1\r\n5\r\n");
    assert_eq!(t.text(&["HTTL", "h", "FIELDS", "1", "a"]), ints(&[100]));
    // Without an expiry option the TTL is discarded.
    assert_eq!(t.text(&["HSETEX", "h", "FIELDS", "1", "a", "6"]), ":1\r\n");
    assert_eq!(t.text(&["HTTL", "h", "FIELDS", "1", "a"]), ints(&[-1]));
    assert_eq!(
        t.text(&["HSETEX", "nokey", "FXX", "FIELDS", "1", "a", "1"]),
        ":0\r\n"
    );
    assert!(!exists(&t, "nokey"));
    // Valkey's key conditions.
    assert_eq!(
        t.text(&["HSETEX", "h", "NX", "FIELDS", "1", "z", "1"]),
        ":0\r\n"
    );
    assert_eq!(
        t.text(&["HSETEX", "new", "XX", "FIELDS", "1", "z", "1"]),
        ":0\r\n"
    );
    assert_eq!(
        t.text(&["HSETEX", "new", "NX", "FIELDS", "1", "z", "1"]),
        ":1\r\n"
    );
    // A past time sets then deletes the fields.
    assert_eq!(
        t.text(&["HSETEX", "past", "PXAT", "1", "FIELDS", "1", "a", "1"]),
        ":1\r\n"
    );
    assert!(!exists(&t, "past"));
}

#[test]
fn hsetex_errors() {
    let mut t = TestServer::new();
    assert_eq!(
        t.text(&["HSETEX", "h", "EX", "10", "PX", "10", "FIELDS", "1", "a", "b"]),
        "-ERR syntax error\r\n"
    );
    assert_eq!(
        t.text(&["HSETEX", "h", "KEEPTTL", "EX", "10", "FIELDS", "1", "a", "b"]),
        "-ERR syntax error\r\n"
    );
    assert_eq!(
        t.text(&["HSETEX", "h", "FNX", "FXX", "FIELDS", "1", "a", "b"]),
        "-ERR syntax error\r\n"
    );
    assert_eq!(
        t.text(&["HSETEX", "h", "NX", "XX", "FIELDS", "1", "a", "b"]),
        "-ERR syntax error\r\n"
    );
    assert_eq!(
        t.text(&["HSETEX", "h", "PERSIST", "FIELDS", "1", "a", "b"]),
        "-ERR syntax error\r\n"
    );
    assert_eq!(
        t.text(&["HSETEX", "h", "FOO", "FIELDS", "1", "a", "b"]),
        "-ERR syntax error\r\n"
    );
    assert_eq!(t.text(&["HSETEX", "h", "FIELDS", "0", "a", "b"]), NUMFIELDS);
    assert_eq!(
        t.text(&["HSETEX", "h", "FIELDS", "x", "a", "b"]),
        "-ERR value is not an integer or out of range\r\n"
    );
    assert_eq!(t.text(&["HSETEX", "h", "FIELDS", "2", "a", "b"]), NUMFIELDS);
    assert_eq!(
        t.text(&["HSETEX", "h", "FIELDS", "1", "a", "b", "c"]),
        NUMFIELDS
    );
    assert_eq!(
        t.text(&["HSETEX", "h", "EX", "-5", "FIELDS", "1", "a", "b"]),
        "-ERR invalid expire time in 'hsetex' command\r\n"
    );
    assert_eq!(
        t.text(&[
            "HSETEX",
            "h",
            "EX",
            "9223372036854775807",
            "FIELDS",
            "1",
            "a",
            "b"
        ]),
        "-ERR invalid expire time in 'hsetex' command\r\n"
    );
    assert!(!exists(&t, "h"));
}

#[test]
fn hgetdel() {
    let mut t = TestServer::new();
    t.text(&["HSET", "h", "a", "1", "b", "2"]);
    assert_eq!(
        t.text(&["HGETDEL", "h", "FIELDS", "3", "a", "x", "a"]),
        "*3\r\n$1\r\n1\r\n$-1\r\n$-1\r\n"
    );
    assert_eq!(t.text(&["HLEN", "h"]), ":1\r\n");
    assert_eq!(
        t.text(&["HGETDEL", "h", "FIELDS", "1", "b"]),
        "*1\r\n$1\r\n2\r\n"
    );
    assert!(!exists(&t, "h"));
    assert_eq!(
        t.text(&["HGETDEL", "h", "FIELDS", "1", "b"]),
        "*1\r\n$-1\r\n"
    );
    assert_eq!(
        t.text(&["HGETDEL", "h", "FIELD", "1", "b"]),
        "-ERR syntax error\r\n"
    );
    assert_eq!(t.text(&["HGETDEL", "h", "FIELDS", "-1", "b"]), NUMFIELDS);
    assert_eq!(t.text(&["HGETDEL", "h", "FIELDS", "2", "b"]), NUMFIELDS);
}

#[test]
fn table_encoding_expiry() {
    let mut t = TestServer::with_args(&["--hash-max-listpack-entries", "2"]);
    t.text(&["HSET", "h", "a", "1", "b", "2", "c", "3"]);
    assert_eq!(encoding(&t, "h"), Some("hashtable"));
    assert_eq!(
        t.text(&["HPEXPIRE", "h", "50", "FIELDS", "2", "a", "b"]),
        ints(&[1, 1])
    );
    assert_eq!(encoding(&t, "h"), Some("hashtable"));
    t.clock_offset_ms = 51;
    assert_eq!(t.text(&["HKEYS", "h"]), "*1\r\n$1\r\nc\r\n");
}

#[test]
fn ttl_makes_a_hashtable_and_ttls_survive_growth() {
    let mut t = TestServer::with_args(&["--hash-max-listpack-entries", "2"]);
    t.text(&["HSET", "h", "a", "1"]);
    t.text(&["HEXPIRE", "h", "100", "FIELDS", "1", "a"]);
    assert_eq!(encoding(&t, "h"), Some("hashtable"));
    t.text(&["HSET", "h", "b", "2", "c", "3"]);
    assert_eq!(encoding(&t, "h"), Some("hashtable"));
    assert_eq!(
        t.text(&["HTTL", "h", "FIELDS", "2", "a", "b"]),
        ints(&[100, -1])
    );
}

#[test]
fn declarations_match_valkey() {
    use crate::testing::describe_tips_last as describe;
    // COMMAND INFO on valkey-server 9.1.2 (Redis 8 differs: a key-spec note on HGETEX,
    // RW update on HSETEX).
    assert_eq!(
        describe("hgetex"),
        "hgetex -5 write fast @write @hash @fast | RW access update index 1 range 0 1 0"
    );
    assert_eq!(
        describe("hsetex"),
        "hsetex -6 write denyoom fast @write @hash @fast | RW insert index 1 range 0 1 0"
    );
}

#[test]
fn order_of_checks_follows_valkey() {
    let mut t = TestServer::new();
    t.text(&["HSET", "h", "a", "1"]);
    t.text(&["SET", "s", "v"]);
    // HSETEX: the key conditions come before the time, the field conditions after it.
    assert_eq!(
        t.text(&["HSETEX", "h", "NX", "EX", "-1", "FIELDS", "1", "a", "1"]),
        ":0\r\n"
    );
    assert_eq!(
        t.text(&["HSETEX", "nokey", "XX", "EX", "-1", "FIELDS", "1", "a", "1"]),
        ":0\r\n"
    );
    assert_eq!(
        t.text(&["HSETEX", "h", "FNX", "EX", "-1", "FIELDS", "1", "a", "1"]),
        "-ERR invalid expire time in 'hsetex' command\r\n"
    );
    // HSETEX and HGETEX check the type before the time; HEXPIRE the time first.
    let wrongtype = "-WRONGTYPE Operation against a key holding the wrong kind of value\r\n";
    assert_eq!(
        t.text(&["HSETEX", "s", "EX", "-1", "FIELDS", "1", "a", "1"]),
        wrongtype
    );
    assert_eq!(
        t.text(&["HGETEX", "s", "EX", "-1", "FIELDS", "1", "a"]),
        wrongtype
    );
    assert_eq!(
        t.text(&["HEXPIRE", "s", "-1", "FIELDS", "1", "a"]),
        "-ERR invalid expire time in 'hexpire' command\r\n"
    );
    // Argument errors come before the type everywhere.
    assert_eq!(
        t.text(&["HTTL", "s", "FIELDS", "0", "a"]),
        "-ERR syntax error\r\n"
    );
    assert_eq!(t.text(&["HPERSIST", "s", "FIELDS", "2", "a"]), NUMFIELDS);
    assert_eq!(t.text(&["HGETDEL", "s", "FIELDS", "2", "a"]), NUMFIELDS);
}

#[test]
fn hsetex_hgetex_options_end_at_a_nul_byte() {
    // Valkey 9 compares the options up to their first NUL byte.
    let mut t = TestServer::new();
    let set = |o: &'static [u8]| [&b"HSETEX"[..], b"h", o, b"FIELDS", b"1", b"a", b"1"];
    assert_eq!(t.raw(&set(b"fnx\0x")), b":1\r\n");
    assert_eq!(t.raw(&set(b"FNX\0")), b":0\r\n");
    let ex = [
        &b"HSETEX"[..],
        b"h",
        b"ex\0",
        b"100",
        b"FIELDS",
        b"1",
        b"a",
        b"2",
    ];
    assert_eq!(t.raw(&ex), b":1\r\n");
    assert_eq!(t.text(&["HTTL", "h", "FIELDS", "1", "a"]), ints(&[100]));
    let get = [&b"HGETEX"[..], b"h", b"persist\0y", b"FIELDS", b"1", b"a"];
    assert_eq!(t.raw(&get), b"*1\r\n$1\r\n2\r\n");
    assert_eq!(t.text(&["HTTL", "h", "FIELDS", "1", "a"]), ints(&[-1]));
}
