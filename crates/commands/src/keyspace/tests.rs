//! Keyspace family tests: exact reply bytes, every error text, expiry and cross-slot cases.
//! Replies and errors were checked against a real redis-server.

use std::collections::BTreeSet;

use shoal_resp::{Proto, ReplyBuf, Value};
use shoal_util::key_slot;

use crate::stats::total;
use crate::testing::TestServer;

const OK: &str = "+OK\r\n";
const NIL: &str = "$-1\r\n";
const ZERO: &str = ":0\r\n";
const ONE: &str = ":1\r\n";

fn int(n: i64) -> String {
    format!(":{n}\r\n")
}

fn bulk(s: &str) -> String {
    format!("${}\r\n{s}\r\n", s.len())
}

fn err(s: &str) -> String {
    format!("-{s}\r\n")
}

/// The bulk strings of an array reply, sorted (for replies in no particular order).
fn sorted(v: Value) -> Vec<String> {
    let Value::Array(items) = v else {
        panic!("expected an array, got {v:?}");
    };
    let mut out: Vec<String> = items
        .into_iter()
        .map(|i| match i {
            Value::Bulk(b) => String::from_utf8(b).expect("utf-8 key"),
            other => panic!("expected bulk strings, got {other:?}"),
        })
        .collect();
    out.sort();
    out
}

fn strings(list: &[&str]) -> Vec<String> {
    let mut v: Vec<String> = list.iter().map(|s| s.to_string()).collect();
    v.sort();
    v
}

/// Moves the test clock to 100 ms past a whole second, so commands issued within the next
/// ~900 ms of real time read the same LRU clock second.
fn align_clock(t: &mut TestServer) {
    let now = crate::state::unix_ms() + t.clock_offset_ms;
    t.clock_offset_ms += 1000 - now % 1000 + 100;
}

fn expired_keys(t: &TestServer) -> u64 {
    total(&t.server.shards, |s| &s.expired_keys)
}

fn hits(t: &TestServer) -> (u64, u64) {
    (
        total(&t.server.shards, |s| &s.keyspace_hits),
        total(&t.server.shards, |s| &s.keyspace_misses),
    )
}

fn scan(t: &mut TestServer, args: &[&str]) -> (String, Vec<String>) {
    let mut full = vec!["SCAN"];
    full.extend_from_slice(args);
    match t.run(&full) {
        Value::Array(mut parts) if parts.len() == 2 => {
            let keys = sorted(parts.pop().expect("two parts"));
            let Some(Value::Bulk(cursor)) = parts.pop() else {
                panic!("cursor must be a bulk string");
            };
            (String::from_utf8(cursor).expect("digits"), keys)
        }
        other => panic!("bad SCAN reply {other:?}"),
    }
}

/// Every key a full SCAN returns, with how often each came back.
fn scan_all(t: &mut TestServer, extra: &[&str]) -> (Vec<String>, usize) {
    let mut cursor = "0".to_string();
    let mut all = Vec::new();
    let mut calls = 0;
    loop {
        let mut args = vec![cursor.as_str()];
        args.extend_from_slice(extra);
        let (next, keys) = scan(t, &args);
        all.extend(keys);
        calls += 1;
        if next == "0" {
            break;
        }
        cursor = next;
    }
    all.sort();
    (all, calls)
}

// ---- DEL / UNLINK -------------------------------------------------------------------------

#[test]
fn del_counts_each_removed_key_once() {
    let mut t = TestServer::new();
    for k in ["a", "b", "c"] {
        t.text(&["SET", k, "v"]);
    }
    assert_eq!(t.text(&["DEL", "a", "a", "nokey", "b"]), int(2));
    assert_eq!(t.text(&["EXISTS", "a", "b", "c"]), ONE);
    assert_eq!(t.text(&["DEL", "a"]), ZERO);
    assert_eq!(t.text(&["UNLINK", "c", "c", "x"]), ONE);
    assert_eq!(t.text(&["DBSIZE"]), ZERO);
    assert_eq!(
        t.text(&["DEL"]),
        err("ERR wrong number of arguments for 'del' command")
    );
    assert_eq!(
        t.text(&["UNLINK"]),
        err("ERR wrong number of arguments for 'unlink' command")
    );
}

#[test]
fn del_binary_and_empty_keys() {
    let mut t = TestServer::new();
    t.raw(&[b"SET", b"\x00\xff\r\n", b"v"]);
    t.raw(&[b"SET", b"", b"v"]);
    assert_eq!(t.raw(&[b"EXISTS", b"\x00\xff\r\n", b""]), b":2\r\n");
    assert_eq!(t.raw(&[b"DEL", b"\x00\xff\r\n", b""]), b":2\r\n");
    assert_eq!(t.text(&["DBSIZE"]), ZERO);
}

#[test]
fn del_does_not_count_an_expired_key() {
    let mut t = TestServer::new();
    t.text(&["SET", "a", "v", "PX", "100"]);
    t.text(&["SET", "b", "v"]);
    t.clock_offset_ms += 200;
    let before = expired_keys(&t);
    assert_eq!(t.text(&["DEL", "a", "b"]), ONE);
    assert_eq!(expired_keys(&t), before + 1);
    assert_eq!(t.text(&["DBSIZE"]), ZERO);
}

// ---- EXISTS / TOUCH -----------------------------------------------------------------------

#[test]
fn exists_counts_repeats_and_stats() {
    let mut t = TestServer::new();
    t.text(&["SET", "a", "1"]);
    let (h, m) = hits(&t);
    assert_eq!(t.text(&["EXISTS", "a", "a", "nokey", "a"]), int(3));
    assert_eq!(hits(&t), (h + 3, m + 1));
    assert_eq!(t.text(&["EXISTS", "nokey"]), ZERO);
    t.text(&["SET", "e", "1", "PX", "10"]);
    t.clock_offset_ms += 20;
    assert_eq!(t.text(&["EXISTS", "e"]), ZERO);
}

#[test]
fn touch_counts_existing_keys_and_updates_access_time() {
    let mut t = TestServer::new();
    align_clock(&mut t);
    t.text(&["SET", "a", "1"]);
    t.text(&["SET", "b", "1"]);
    t.clock_offset_ms += 30_000;
    assert_eq!(t.text(&["TOUCH", "a", "b", "a", "c"]), int(3));
    assert_eq!(t.text(&["OBJECT", "IDLETIME", "a"]), ZERO);
    t.clock_offset_ms += 5_000;
    assert_eq!(t.text(&["OBJECT", "IDLETIME", "b"]), int(5));
    assert_eq!(t.text(&["TOUCH", "nokey"]), ZERO);
}

#[test]
fn touch_works_for_a_no_touch_client_while_reads_do_not() {
    let mut t = TestServer::new();
    align_clock(&mut t);
    t.text(&["SET", "a", "1"]);
    t.client.no_touch = true;
    t.clock_offset_ms += 7_000;
    t.text(&["GET", "a"]);
    assert_eq!(t.text(&["OBJECT", "IDLETIME", "a"]), int(7));
    assert_eq!(t.text(&["TOUCH", "a"]), ONE);
    assert_eq!(t.text(&["OBJECT", "IDLETIME", "a"]), ZERO);
}

// ---- EXPIRE family ------------------------------------------------------------------------

#[test]
fn expire_option_errors() {
    let mut t = TestServer::new();
    t.text(&["SET", "a", "1"]);
    let nx_err = err("ERR NX and XX, GT or LT options at the same time are not compatible");
    let gtlt_err = err("ERR GT and LT options at the same time are not compatible");
    for cmd in ["EXPIRE", "PEXPIRE", "EXPIREAT", "PEXPIREAT"] {
        assert_eq!(t.text(&[cmd, "a", "10", "NX", "XX"]), nx_err);
        assert_eq!(t.text(&[cmd, "a", "10", "nx", "gt"]), nx_err);
        assert_eq!(t.text(&[cmd, "a", "10", "lt", "NX"]), nx_err);
        assert_eq!(t.text(&[cmd, "a", "10", "GT", "LT"]), gtlt_err);
        assert_eq!(
            t.text(&[cmd, "a", "10", "foo"]),
            err("ERR Unsupported option foo")
        );
        // Options are read (and rejected) before the time is parsed.
        assert_eq!(
            t.text(&[cmd, "a", "abc", "XX", "bar"]),
            err("ERR Unsupported option bar")
        );
        assert_eq!(t.text(&[cmd, "a", "abc", "NX", "XX"]), nx_err);
        assert_eq!(
            t.text(&[cmd, "a", "abc"]),
            err("ERR value is not an integer or out of range")
        );
        assert_eq!(
            t.text(&[cmd, "a", "1.5"]),
            err("ERR value is not an integer or out of range")
        );
        assert_eq!(
            t.text(&[cmd, "a"]),
            err(&format!(
                "ERR wrong number of arguments for '{}' command",
                cmd.to_lowercase()
            ))
        );
    }
    // The key was never touched by any of the failed calls.
    assert_eq!(t.text(&["TTL", "a"]), int(-1));
    // strcasecmp semantics: an option ends at a NUL byte ("nx\0GT" is NX, not NX+GT).
    assert_eq!(t.raw(&[b"EXPIRE", b"a", b"10", b"nx\0GT"]), b":1\r\n");
    assert_eq!(t.raw(&[b"EXPIRE", b"a", b"20", b"nx\0GT"]), b":0\r\n");
    assert_eq!(
        t.raw(&[b"EXPIRE", b"a", b"20", b"N\0X"]),
        b"-ERR Unsupported option N\r\n"
    );
}

#[test]
fn expire_overflow_errors() {
    let mut t = TestServer::new();
    t.text(&["SET", "a", "1"]);
    let max = "9223372036854775807";
    assert_eq!(
        t.text(&["EXPIRE", "a", max]),
        err("ERR invalid expire time in 'expire' command")
    );
    // Fits in milliseconds but not once now is added.
    assert_eq!(
        t.text(&["EXPIRE", "a", "9223372036854774"]),
        err("ERR invalid expire time in 'expire' command")
    );
    assert_eq!(
        t.text(&["EXPIRE", "a", "-9223372036854775808"]),
        err("ERR invalid expire time in 'expire' command")
    );
    assert_eq!(
        t.text(&["PEXPIRE", "a", max]),
        err("ERR invalid expire time in 'pexpire' command")
    );
    assert_eq!(
        t.text(&["EXPIREAT", "a", max]),
        err("ERR invalid expire time in 'expireat' command")
    );
    assert_eq!(
        t.text(&["EXPIREAT", "a", "9223372036854776"]),
        err("ERR invalid expire time in 'expireat' command")
    );
    assert_eq!(
        t.text(&["EXPIRE", "a", "99999999999999999999"]),
        err("ERR value is not an integer or out of range")
    );
    assert_eq!(t.text(&["TTL", "a"]), int(-1));
    // PEXPIREAT takes the whole range: the largest time is simply far away.
    assert_eq!(t.text(&["PEXPIREAT", "a", max]), ONE);
    assert_eq!(t.text(&["PEXPIRETIME", "a"]), int(i64::MAX));
    assert_eq!(t.text(&["EXPIRETIME", "a"]), int(9223372036854776));
    // The most negative number of seconds that can be converted deletes the key.
    assert_eq!(t.text(&["EXPIRE", "a", "-9223372036854775"]), ONE);
    assert_eq!(t.text(&["EXISTS", "a"]), ZERO);
}

#[test]
fn expire_sets_relative_and_absolute_times() {
    let mut t = TestServer::new();
    t.text(&["SET", "a", "1"]);
    assert_eq!(t.text(&["EXPIRE", "a", "100"]), ONE);
    assert_eq!(t.text(&["TTL", "a"]), int(100));
    assert_eq!(t.text(&["PEXPIRE", "a", "20400"]), ONE);
    assert_eq!(t.text(&["TTL", "a"]), int(20));
    assert_eq!(t.text(&["EXPIREAT", "a", "33177117420"]), ONE);
    assert_eq!(t.text(&["EXPIRETIME", "a"]), int(33177117420));
    assert_eq!(t.text(&["PEXPIRETIME", "a"]), int(33177117420000));
    assert_eq!(t.text(&["PEXPIREAT", "a", "33177117420123"]), ONE);
    assert_eq!(t.text(&["PEXPIRETIME", "a"]), int(33177117420123));
    assert_eq!(t.text(&["GET", "a"]), bulk("1"));
    for cmd in ["EXPIRE", "PEXPIRE", "EXPIREAT", "PEXPIREAT"] {
        assert_eq!(t.text(&[cmd, "nokey", "100"]), ZERO);
    }
    assert_eq!(t.text(&["EXISTS", "nokey"]), ZERO);
}

#[test]
fn expire_in_the_past_deletes_the_key() {
    let mut t = TestServer::new();
    let expired_before = expired_keys(&t);
    for (cmd, time) in [
        ("EXPIRE", "0"),
        ("EXPIRE", "-1"),
        ("PEXPIRE", "-100"),
        ("EXPIREAT", "1"),
        ("PEXPIREAT", "1"),
        ("PEXPIREAT", "-5"),
    ] {
        t.text(&["SET", "a", "1"]);
        assert_eq!(t.text(&[cmd, "a", time]), ONE, "{cmd} {time}");
        assert_eq!(t.text(&["EXISTS", "a"]), ZERO, "{cmd} {time}");
    }
    // Deleted by the command, not expired by the server.
    assert_eq!(expired_keys(&t), expired_before);
    assert_eq!(t.text(&["EXPIRE", "a", "0"]), ZERO);
}

#[test]
fn expire_conditions() {
    let mut t = TestServer::new();
    t.text(&["SET", "a", "1"]);
    // No expire time yet: XX and GT fail, NX and LT succeed.
    assert_eq!(t.text(&["EXPIRE", "a", "100", "XX"]), ZERO);
    assert_eq!(t.text(&["EXPIRE", "a", "100", "GT"]), ZERO);
    assert_eq!(t.text(&["TTL", "a"]), int(-1));
    assert_eq!(t.text(&["EXPIRE", "a", "100", "NX"]), ONE);
    assert_eq!(t.text(&["EXPIRE", "a", "200", "NX"]), ZERO);
    assert_eq!(t.text(&["TTL", "a"]), int(100));
    assert_eq!(t.text(&["EXPIRE", "a", "50", "GT"]), ZERO);
    // Not 100 again: a millisecond later, the same 100 s ends later, so it is greater.
    assert_eq!(t.text(&["EXPIRE", "a", "99", "GT"]), ZERO);
    assert_eq!(t.text(&["EXPIRE", "a", "200", "gt"]), ONE);
    assert_eq!(t.text(&["TTL", "a"]), int(200));
    assert_eq!(t.text(&["EXPIRE", "a", "300", "LT"]), ZERO);
    assert_eq!(t.text(&["EXPIRE", "a", "50", "lt"]), ONE);
    assert_eq!(t.text(&["TTL", "a"]), int(50));
    assert_eq!(t.text(&["EXPIRE", "a", "70", "XX", "GT"]), ONE);
    assert_eq!(t.text(&["TTL", "a"]), int(70));
    assert_eq!(t.text(&["EXPIRE", "a", "90", "XX", "LT"]), ZERO);
    assert_eq!(t.text(&["EXPIRE", "a", "60", "LT", "XX", "LT"]), ONE);
    assert_eq!(t.text(&["TTL", "a"]), int(60));
    // A condition that fails keeps the key even when the time is in the past.
    assert_eq!(t.text(&["EXPIRE", "a", "-1", "GT"]), ZERO);
    assert_eq!(t.text(&["EXPIRE", "a", "-1", "NX"]), ZERO);
    assert_eq!(t.text(&["EXISTS", "a"]), ONE);
    // One that holds deletes it.
    assert_eq!(t.text(&["EXPIRE", "a", "-1", "LT"]), ONE);
    assert_eq!(t.text(&["EXISTS", "a"]), ZERO);
    // LT on a key without expire time treats it as infinite.
    t.text(&["SET", "b", "1"]);
    assert_eq!(t.text(&["PEXPIRE", "b", "5000", "LT"]), ONE);
    assert_eq!(t.text(&["TTL", "b"]), int(5));
    t.text(&["SET", "c", "1"]);
    assert_eq!(t.text(&["EXPIRE", "c", "0", "NX"]), ONE);
    assert_eq!(t.text(&["EXISTS", "c"]), ZERO);
}

#[test]
fn expire_on_expired_key_sees_nothing() {
    let mut t = TestServer::new();
    t.text(&["SET", "a", "1", "PX", "50"]);
    t.clock_offset_ms += 100;
    assert_eq!(t.text(&["EXPIRE", "a", "100"]), ZERO);
    assert_eq!(t.text(&["TTL", "a"]), int(-2));
}

#[test]
fn a_key_with_ttl_expires_lazily() {
    let mut t = TestServer::new();
    t.text(&["SET", "a", "1"]);
    assert_eq!(t.text(&["PEXPIRE", "a", "1000"]), ONE);
    t.clock_offset_ms += 999;
    assert_eq!(t.text(&["GET", "a"]), bulk("1"));
    t.clock_offset_ms += 10;
    assert_eq!(t.text(&["GET", "a"]), NIL);
    assert_eq!(t.text(&["DBSIZE"]), ZERO);
}

// ---- TTL family / PERSIST / TYPE ----------------------------------------------------------

#[test]
fn ttl_family_replies() {
    let mut t = TestServer::new();
    for cmd in ["TTL", "PTTL", "EXPIRETIME", "PEXPIRETIME"] {
        assert_eq!(t.text(&[cmd, "nokey"]), int(-2));
    }
    t.text(&["SET", "a", "1"]);
    for cmd in ["TTL", "PTTL", "EXPIRETIME", "PEXPIRETIME"] {
        assert_eq!(t.text(&[cmd, "a"]), int(-1));
        assert_eq!(
            t.text(&[cmd]),
            err(&format!(
                "ERR wrong number of arguments for '{}' command",
                cmd.to_lowercase()
            ))
        );
        assert_eq!(
            t.text(&[cmd, "a", "b"]),
            err(&format!(
                "ERR wrong number of arguments for '{}' command",
                cmd.to_lowercase()
            ))
        );
    }
    t.text(&["PEXPIRE", "a", "10000"]);
    let Value::Int(pttl) = t.run(&["PTTL", "a"]) else {
        panic!("PTTL answers an integer");
    };
    assert!((9_900..=10_000).contains(&pttl), "pttl {pttl}");
    assert_eq!(t.text(&["TTL", "a"]), int(10));
    // Seconds are rounded to the nearest one.
    t.text(&["PEXPIRE", "a", "1400"]);
    assert_eq!(t.text(&["TTL", "a"]), ONE);
    t.text(&["PEXPIRE", "a", "1700"]);
    assert_eq!(t.text(&["TTL", "a"]), int(2));
    t.text(&["PEXPIREAT", "a", "33177117420499"]);
    assert_eq!(t.text(&["EXPIRETIME", "a"]), int(33177117420));
    t.text(&["PEXPIREAT", "a", "33177117420500"]);
    assert_eq!(t.text(&["EXPIRETIME", "a"]), int(33177117421));
    assert_eq!(t.text(&["PEXPIRETIME", "a"]), int(33177117420500));
}

#[test]
fn ttl_counts_keyspace_hits_without_touching() {
    let mut t = TestServer::new();
    align_clock(&mut t);
    t.text(&["SET", "a", "1"]);
    t.clock_offset_ms += 3_000;
    let (h, m) = hits(&t);
    t.text(&["TTL", "a"]);
    t.text(&["PTTL", "nokey"]);
    t.text(&["TYPE", "a"]);
    t.text(&["EXPIRETIME", "a"]);
    assert_eq!(hits(&t), (h + 3, m + 1));
    assert_eq!(t.text(&["OBJECT", "IDLETIME", "a"]), int(3));
}

#[test]
fn persist_removes_the_expire_time() {
    let mut t = TestServer::new();
    assert_eq!(t.text(&["PERSIST", "nokey"]), ZERO);
    t.text(&["SET", "a", "1"]);
    assert_eq!(t.text(&["PERSIST", "a"]), ZERO);
    t.text(&["EXPIRE", "a", "100"]);
    assert_eq!(t.text(&["PERSIST", "a"]), ONE);
    assert_eq!(t.text(&["TTL", "a"]), int(-1));
    assert_eq!(t.text(&["PERSIST", "a"]), ZERO);
    t.clock_offset_ms += 200_000;
    assert_eq!(t.text(&["GET", "a"]), bulk("1"));
    t.text(&["SET", "b", "1", "PX", "10"]);
    t.clock_offset_ms += 20;
    assert_eq!(t.text(&["PERSIST", "b"]), ZERO);
    assert_eq!(
        t.text(&["PERSIST"]),
        err("ERR wrong number of arguments for 'persist' command")
    );
}

#[test]
fn type_of_keys() {
    let mut t = TestServer::new();
    assert_eq!(t.text(&["TYPE", "nokey"]), "+none\r\n");
    t.text(&["SET", "a", "1"]);
    assert_eq!(t.text(&["TYPE", "a"]), "+string\r\n");
    t.text(&["SET", "e", "1", "PX", "10"]);
    t.clock_offset_ms += 20;
    assert_eq!(t.text(&["TYPE", "e"]), "+none\r\n");
    assert_eq!(
        t.text(&["TYPE"]),
        err("ERR wrong number of arguments for 'type' command")
    );
}

// ---- RENAME / RENAMENX --------------------------------------------------------------------

#[test]
fn rename_moves_value_and_ttl_across_slots() {
    let mut t = TestServer::new();
    assert_ne!(key_slot(b"src"), key_slot(b"dst"));
    t.text(&["SET", "src", "hello"]);
    t.text(&["PEXPIREAT", "src", "33177117420123"]);
    t.text(&["SET", "dst", "old"]);
    assert_eq!(t.text(&["RENAME", "src", "dst"]), OK);
    assert_eq!(t.text(&["GET", "dst"]), bulk("hello"));
    assert_eq!(t.text(&["PEXPIRETIME", "dst"]), int(33177117420123));
    assert_eq!(t.text(&["EXISTS", "src"]), ZERO);
    // Overwriting a key with an expire time leaves none behind.
    t.text(&["SET", "x", "1"]);
    assert_eq!(t.text(&["RENAME", "x", "dst"]), OK);
    assert_eq!(t.text(&["TTL", "dst"]), int(-1));
    assert_eq!(t.text(&["GET", "dst"]), bulk("1"));
    assert_eq!(t.text(&["DBSIZE"]), ONE);
}

#[test]
fn rename_errors_and_same_key() {
    let mut t = TestServer::new();
    assert_eq!(t.text(&["RENAME", "nokey", "b"]), err("ERR no such key"));
    assert_eq!(t.text(&["RENAMENX", "nokey", "b"]), err("ERR no such key"));
    assert_eq!(
        t.text(&["RENAME", "nokey", "nokey"]),
        err("ERR no such key")
    );
    t.text(&["SET", "a", "1"]);
    assert_eq!(t.text(&["RENAME", "a", "a"]), OK);
    assert_eq!(t.text(&["RENAMENX", "a", "a"]), ZERO);
    assert_eq!(t.text(&["GET", "a"]), bulk("1"));
    assert_eq!(
        t.text(&["RENAME", "a"]),
        err("ERR wrong number of arguments for 'rename' command")
    );
    assert_eq!(
        t.text(&["RENAMENX", "a", "b", "c"]),
        err("ERR wrong number of arguments for 'renamenx' command")
    );
    // An expired source is missing.
    t.text(&["SET", "e", "1", "PX", "10"]);
    t.clock_offset_ms += 20;
    assert_eq!(t.text(&["RENAME", "e", "f"]), err("ERR no such key"));
}

#[test]
fn renamenx_only_when_target_is_free() {
    let mut t = TestServer::new();
    t.text(&["SET", "a", "1"]);
    t.text(&["SET", "b", "2"]);
    assert_eq!(t.text(&["RENAMENX", "a", "b"]), ZERO);
    assert_eq!(t.text(&["GET", "a"]), bulk("1"));
    assert_eq!(t.text(&["GET", "b"]), bulk("2"));
    t.text(&["EXPIRE", "a", "100"]);
    assert_eq!(t.text(&["RENAMENX", "a", "{a}c"]), ONE);
    assert_eq!(t.text(&["TTL", "{a}c"]), int(100));
    assert_eq!(t.text(&["EXISTS", "a"]), ZERO);
    // A target that expired counts as free.
    t.text(&["SET", "e", "1", "PX", "10"]);
    t.clock_offset_ms += 20;
    assert_eq!(t.text(&["RENAMENX", "b", "e"]), ONE);
    assert_eq!(t.text(&["GET", "e"]), bulk("2"));
}

#[test]
fn rename_keeps_the_access_time() {
    let mut t = TestServer::new();
    align_clock(&mut t);
    t.text(&["SET", "a", "1"]);
    t.clock_offset_ms += 4_000;
    // The lookup of the source is an access.
    t.text(&["RENAME", "a", "b"]);
    t.clock_offset_ms += 2_000;
    assert_eq!(t.text(&["OBJECT", "IDLETIME", "b"]), int(2));
}

// ---- COPY ---------------------------------------------------------------------------------

#[test]
fn copy_within_and_across_databases() {
    let mut t = TestServer::new();
    t.text(&["SET", "s", "value"]);
    t.text(&["PEXPIREAT", "s", "33177117420123"]);
    assert_eq!(t.text(&["COPY", "s", "d"]), ONE);
    assert_eq!(t.text(&["GET", "d"]), bulk("value"));
    assert_eq!(t.text(&["PEXPIRETIME", "d"]), int(33177117420123));
    assert_eq!(t.text(&["COPY", "s", "d"]), ZERO);
    t.text(&["SET", "s", "new"]);
    assert_eq!(t.text(&["COPY", "s", "d", "REPLACE"]), ONE);
    assert_eq!(t.text(&["GET", "d"]), bulk("new"));
    assert_eq!(t.text(&["TTL", "d"]), int(-1));
    assert_eq!(t.text(&["COPY", "s", "d", "replace", "REPLACE"]), ONE);
    assert_eq!(t.text(&["COPY", "nokey", "d"]), ZERO);
    assert_eq!(t.text(&["COPY", "s", "s", "DB", "1"]), ONE);
    assert_eq!(t.text(&["COPY", "s", "s", "DB", "1"]), ZERO);
    assert_eq!(t.text(&["COPY", "s", "x", "db", "2", "REPLACE"]), ONE);
    t.client.select(1);
    assert_eq!(t.text(&["GET", "s"]), bulk("new"));
    assert_eq!(t.text(&["EXISTS", "d", "x"]), ZERO);
    t.client.select(2);
    assert_eq!(t.text(&["GET", "x"]), bulk("new"));
    // The copy is independent of the source.
    t.client.select(0);
    t.text(&["SET", "s", "changed"]);
    t.client.select(2);
    assert_eq!(t.text(&["GET", "x"]), bulk("new"));
}

#[test]
fn copy_errors() {
    let mut t = TestServer::new();
    t.text(&["SET", "s", "v"]);
    let same = err("ERR source and destination objects are the same");
    assert_eq!(t.text(&["COPY", "s", "s"]), same);
    assert_eq!(t.text(&["COPY", "s", "s", "DB", "0"]), same);
    assert_eq!(t.text(&["COPY", "nokey", "nokey"]), same);
    assert_eq!(t.text(&["COPY", "s", "d", "DB"]), err("ERR syntax error"));
    assert_eq!(t.text(&["COPY", "s", "d", "foo"]), err("ERR syntax error"));
    assert_eq!(
        t.text(&["COPY", "s", "d", "DB", "16"]),
        err("ERR DB index is out of range")
    );
    assert_eq!(
        t.text(&["COPY", "s", "d", "DB", "-1"]),
        err("ERR DB index is out of range")
    );
    assert_eq!(
        t.text(&["COPY", "s", "d", "DB", "abc"]),
        err("ERR value is not an integer or out of range")
    );
    assert_eq!(
        t.text(&["COPY", "s", "d", "DB", "4294967296"]),
        err("ERR value is out of range, value must between -2147483648 and 2147483647")
    );
    assert_eq!(
        t.text(&["COPY", "s"]),
        err("ERR wrong number of arguments for 'copy' command")
    );
    assert_eq!(t.text(&["EXISTS", "d"]), ZERO);
}

#[test]
fn copy_onto_an_expired_destination() {
    let mut t = TestServer::new();
    t.text(&["SET", "s", "v"]);
    t.text(&["SET", "d", "old", "PX", "10"]);
    t.clock_offset_ms += 20;
    assert_eq!(t.text(&["COPY", "s", "d"]), ONE);
    assert_eq!(t.text(&["GET", "d"]), bulk("v"));
    assert_eq!(t.text(&["TTL", "d"]), int(-1));
}

#[test]
fn copy_gives_the_new_key_a_fresh_access_time() {
    let mut t = TestServer::new();
    align_clock(&mut t);
    t.text(&["SET", "s", "v"]);
    t.clock_offset_ms += 9_000;
    t.text(&["COPY", "s", "d"]);
    t.clock_offset_ms += 1_000;
    assert_eq!(t.text(&["OBJECT", "IDLETIME", "d"]), ONE);
}

#[test]
fn copy_respects_databases_setting() {
    let mut t = TestServer::with_args(&["--databases", "2"]);
    t.text(&["SET", "s", "v"]);
    assert_eq!(t.text(&["COPY", "s", "s", "DB", "1"]), ONE);
    assert_eq!(
        t.text(&["COPY", "s", "s", "DB", "2"]),
        err("ERR DB index is out of range")
    );
}

// ---- MOVE ---------------------------------------------------------------------------------

#[test]
fn move_between_databases() {
    let mut t = TestServer::new();
    t.text(&["SET", "k", "v"]);
    t.text(&["PEXPIREAT", "k", "33177117420123"]);
    assert_eq!(t.text(&["MOVE", "k", "3"]), ONE);
    assert_eq!(t.text(&["EXISTS", "k"]), ZERO);
    assert_eq!(t.text(&["MOVE", "k", "3"]), ZERO);
    t.client.select(3);
    assert_eq!(t.text(&["GET", "k"]), bulk("v"));
    assert_eq!(t.text(&["PEXPIRETIME", "k"]), int(33177117420123));
    // Target exists: nothing moves.
    t.client.select(0);
    t.text(&["SET", "k", "other"]);
    assert_eq!(t.text(&["MOVE", "k", "3"]), ZERO);
    assert_eq!(t.text(&["GET", "k"]), bulk("other"));
    t.client.select(3);
    assert_eq!(t.text(&["GET", "k"]), bulk("v"));
    assert_eq!(t.text(&["MOVE", "nokey", "0"]), ZERO);
}

#[test]
fn move_errors() {
    let mut t = TestServer::new();
    t.text(&["SET", "k", "v"]);
    assert_eq!(
        t.text(&["MOVE", "k", "0"]),
        err("ERR source and destination objects are the same")
    );
    assert_eq!(
        t.text(&["MOVE", "nokey", "0"]),
        err("ERR source and destination objects are the same")
    );
    assert_eq!(
        t.text(&["MOVE", "k", "16"]),
        err("ERR DB index is out of range")
    );
    assert_eq!(
        t.text(&["MOVE", "k", "-1"]),
        err("ERR DB index is out of range")
    );
    assert_eq!(
        t.text(&["MOVE", "k", "x"]),
        err("ERR value is not an integer or out of range")
    );
    assert_eq!(
        t.text(&["MOVE", "k"]),
        err("ERR wrong number of arguments for 'move' command")
    );
    assert_eq!(t.text(&["GET", "k"]), bulk("v"));
}

#[test]
fn move_onto_an_expired_key_in_the_target() {
    let mut t = TestServer::new();
    t.client.select(1);
    t.text(&["SET", "k", "old", "PX", "10"]);
    t.client.select(0);
    t.text(&["SET", "k", "new"]);
    t.clock_offset_ms += 20;
    assert_eq!(t.text(&["MOVE", "k", "1"]), ONE);
    t.client.select(1);
    assert_eq!(t.text(&["GET", "k"]), bulk("new"));
}

// ---- KEYS ---------------------------------------------------------------------------------

#[test]
fn keys_matches_patterns() {
    let mut t = TestServer::new();
    for k in [
        "hello", "hallo", "hxllo", "hllo", "heeeello", "foo", "h*llo",
    ] {
        t.text(&["SET", k, "1"]);
    }
    assert_eq!(
        sorted(t.run(&["KEYS", "h?llo"])),
        strings(&["hallo", "hello", "hxllo", "h*llo"])
    );
    assert_eq!(
        sorted(t.run(&["KEYS", "h*llo"])),
        strings(&["hallo", "heeeello", "hello", "hllo", "hxllo", "h*llo"])
    );
    assert_eq!(
        sorted(t.run(&["KEYS", "h[ae]llo"])),
        strings(&["hallo", "hello"])
    );
    assert_eq!(
        sorted(t.run(&["KEYS", "h[^e]llo"])),
        strings(&["hallo", "hxllo", "h*llo"])
    );
    assert_eq!(sorted(t.run(&["KEYS", "h\\*llo"])), strings(&["h*llo"]));
    assert_eq!(sorted(t.run(&["KEYS", "foo"])), strings(&["foo"]));
    assert_eq!(t.text(&["KEYS", "nomatch"]), "*0\r\n");
    assert_eq!(t.run(&["KEYS", "*"]), t.run(&["KEYS", "*"]));
    assert_eq!(sorted(t.run(&["KEYS", "*"])).len(), 7);
    assert_eq!(
        t.text(&["KEYS"]),
        err("ERR wrong number of arguments for 'keys' command")
    );
    assert_eq!(
        t.text(&["KEYS", "a", "b"]),
        err("ERR wrong number of arguments for 'keys' command")
    );
}

#[test]
fn keys_skips_expired_keys_and_other_databases() {
    let mut t = TestServer::new();
    t.text(&["SET", "a", "1"]);
    t.text(&["SET", "b", "1", "PX", "10"]);
    t.client.select(5);
    t.text(&["SET", "c", "1"]);
    t.client.select(0);
    t.clock_offset_ms += 20;
    assert_eq!(t.text(&["KEYS", "*"]), format!("*1\r\n{}", bulk("a")));
    assert_eq!(t.text(&["KEYS", "b"]), "*0\r\n");
    t.client.select(5);
    assert_eq!(t.text(&["KEYS", "*"]), format!("*1\r\n{}", bulk("c")));
}

// ---- SCAN ---------------------------------------------------------------------------------

#[test]
fn scan_empty_database() {
    let mut t = TestServer::new();
    assert_eq!(t.text(&["SCAN", "0"]), "*2\r\n$1\r\n0\r\n*0\r\n");
}

#[test]
fn scan_returns_every_key_exactly_once() {
    let mut t = TestServer::new();
    let mut expect = Vec::new();
    for i in 0..1000 {
        let k = format!("key:{i}");
        t.text(&["SET", &k, "v"]);
        expect.push(k);
    }
    expect.sort();
    let (all, calls) = scan_all(&mut t, &[]);
    assert_eq!(all, expect);
    assert!(
        calls >= 100,
        "COUNT 10 over 1000 keys took only {calls} calls"
    );
    let (all, calls) = scan_all(&mut t, &["COUNT", "100000"]);
    assert_eq!(all, expect);
    assert_eq!(calls, 1);
}

#[test]
fn scan_cursor_is_the_next_slot() {
    let mut t = TestServer::new();
    let (sa, sb) = (key_slot(b"a") as usize, key_slot(b"b") as usize);
    assert!(sb < sa);
    t.text(&["SET", "a", "1"]);
    t.text(&["SET", "b", "1"]);
    assert_eq!(
        t.text(&["SCAN", "0", "COUNT", "1"]),
        format!("*2\r\n{}*1\r\n{}", bulk(&(sb + 1).to_string()), bulk("b"))
    );
    assert_eq!(
        t.text(&["SCAN", &(sb + 1).to_string(), "COUNT", "1"]),
        format!("*2\r\n{}*1\r\n{}", bulk(&(sa + 1).to_string()), bulk("a"))
    );
    assert_eq!(
        t.text(&["SCAN", &(sa + 1).to_string()]),
        "*2\r\n$1\r\n0\r\n*0\r\n"
    );
    // A cursor past the last slot ends the scan.
    assert_eq!(t.text(&["SCAN", "16384"]), "*2\r\n$1\r\n0\r\n*0\r\n");
    assert_eq!(t.text(&["SCAN", "-1"]), "*2\r\n$1\r\n0\r\n*0\r\n");
}

#[test]
fn scan_returns_whole_slots() {
    let mut t = TestServer::new();
    for i in 0..20 {
        t.text(&["SET", &format!("{{tag}}{i}"), "v"]);
    }
    t.text(&["SET", "other", "v"]);
    let tag = key_slot(b"{tag}") as usize;
    let (next, keys) = scan(&mut t, &[&tag.to_string(), "COUNT", "1"]);
    assert_eq!(keys.len(), 20);
    assert_eq!(next, (tag + 1).to_string());
}

#[test]
fn scan_match_and_type() {
    let mut t = TestServer::new();
    for k in ["user:1", "user:2", "order:1"] {
        t.text(&["SET", k, "v"]);
    }
    let (all, _) = scan_all(&mut t, &["MATCH", "user:*", "COUNT", "1000"]);
    assert_eq!(all, strings(&["user:1", "user:2"]));
    let (all, _) = scan_all(&mut t, &["match", "*"]);
    assert_eq!(all.len(), 3);
    let (all, _) = scan_all(&mut t, &["TYPE", "string"]);
    assert_eq!(all.len(), 3);
    let (all, _) = scan_all(&mut t, &["TYPE", "STRING", "MATCH", "order*"]);
    assert_eq!(all, strings(&["order:1"]));
    // Unknown type names are not an error in 7.2: they match nothing.
    let (all, _) = scan_all(&mut t, &["TYPE", "list"]);
    assert!(all.is_empty());
    let (all, _) = scan_all(&mut t, &["TYPE", "nosuchtype"]);
    assert!(all.is_empty());
    // The last of repeated options wins.
    let (all, _) = scan_all(&mut t, &["MATCH", "user:*", "MATCH", "order:*"]);
    assert_eq!(all, strings(&["order:1"]));
}

#[test]
fn scan_cursor_and_option_errors() {
    let mut t = TestServer::new();
    let bad = err("ERR invalid cursor");
    for c in [
        "abc",
        " 1",
        "1 ",
        "18446744073709551616",
        "-",
        "+",
        "1.0",
        "0x10",
    ] {
        assert_eq!(t.text(&["SCAN", c]), bad, "cursor {c:?}");
    }
    for c in ["", "+0", "-0", "00", "18446744073709551615"] {
        assert_eq!(
            t.text(&["SCAN", c]),
            "*2\r\n$1\r\n0\r\n*0\r\n",
            "cursor {c:?}"
        );
    }
    let syntax = err("ERR syntax error");
    assert_eq!(t.text(&["SCAN", "0", "COUNT", "0"]), syntax);
    assert_eq!(t.text(&["SCAN", "0", "COUNT", "-1"]), syntax);
    assert_eq!(t.text(&["SCAN", "0", "COUNT"]), syntax);
    assert_eq!(t.text(&["SCAN", "0", "MATCH"]), syntax);
    assert_eq!(t.text(&["SCAN", "0", "TYPE"]), syntax);
    assert_eq!(t.text(&["SCAN", "0", "foo", "bar"]), syntax);
    assert_eq!(
        t.text(&["SCAN", "0", "COUNT", "abc"]),
        err("ERR value is not an integer or out of range")
    );
    assert_eq!(
        t.text(&["SCAN", "0", "COUNT", "9223372036854775808"]),
        err("ERR value is not an integer or out of range")
    );
    // The cursor is checked before the options.
    assert_eq!(t.text(&["SCAN", "x", "COUNT", "0"]), bad);
    assert_eq!(
        t.text(&["SCAN"]),
        err("ERR wrong number of arguments for 'scan' command")
    );
}

#[test]
fn scan_removes_expired_keys() {
    let mut t = TestServer::new();
    t.text(&["SET", "live", "v"]);
    for i in 0..10 {
        t.text(&["SET", &format!("dead{i}"), "v", "PX", "10"]);
    }
    t.clock_offset_ms += 20;
    let before = expired_keys(&t);
    let (all, _) = scan_all(&mut t, &[]);
    assert_eq!(all, strings(&["live"]));
    assert_eq!(expired_keys(&t), before + 10);
    assert_eq!(t.text(&["DBSIZE"]), ONE);
}

#[test]
fn scan_guarantee_holds_under_concurrent_writes() {
    let mut t = TestServer::new();
    let mut keep = BTreeSet::new();
    for i in 0..300 {
        let k = format!("keep:{i}");
        t.text(&["SET", &k, "v"]);
        keep.insert(k);
        t.text(&["SET", &format!("temp:{i}"), "v"]);
    }
    let mut seen = Vec::new();
    let mut cursor = "0".to_string();
    let mut round = 0;
    loop {
        let (next, keys) = scan(&mut t, &[&cursor, "COUNT", "7"]);
        seen.extend(keys);
        // Between calls: delete some keys and add many new ones.
        t.text(&["DEL", &format!("temp:{round}")]);
        for j in 0..5 {
            t.text(&["SET", &format!("new:{round}:{j}"), "v"]);
        }
        round += 1;
        if next == "0" {
            break;
        }
        cursor = next;
    }
    let seen_set: BTreeSet<String> = seen.iter().cloned().collect();
    assert!(keep.is_subset(&seen_set));
    // Keys never move between slots, so none comes back twice.
    assert_eq!(seen_set.len(), seen.len());
}

#[test]
fn scan_with_type_counts_keyspace_hits() {
    let mut t = TestServer::new();
    t.text(&["SET", "a", "v"]);
    t.text(&["SET", "b", "v"]);
    let (h, m) = hits(&t);
    scan_all(&mut t, &["TYPE", "string", "COUNT", "1000"]);
    assert_eq!(hits(&t), (h + 2, m));
    scan_all(&mut t, &["COUNT", "1000"]);
    assert_eq!(hits(&t), (h + 2, m));
}

// ---- RANDOMKEY ----------------------------------------------------------------------------

#[test]
fn randomkey_empty_single_and_spread() {
    let mut t = TestServer::new();
    assert_eq!(t.text(&["RANDOMKEY"]), NIL);
    t.text(&["SET", "only", "v"]);
    assert_eq!(t.text(&["RANDOMKEY"]), bulk("only"));
    for i in 0..5 {
        t.text(&["SET", &format!("k{i}"), "v"]);
    }
    let mut seen = BTreeSet::new();
    for _ in 0..400 {
        let Value::Bulk(k) = t.run(&["RANDOMKEY"]) else {
            panic!("RANDOMKEY answers a key");
        };
        seen.insert(String::from_utf8(k).expect("utf-8"));
    }
    assert_eq!(seen.len(), 6);
    assert_eq!(
        t.text(&["RANDOMKEY", "x"]),
        err("ERR wrong number of arguments for 'randomkey' command")
    );
}

#[test]
fn randomkey_skips_and_removes_expired_keys() {
    let mut t = TestServer::new();
    for i in 0..20 {
        t.text(&["SET", &format!("dead{i}"), "v", "PX", "10"]);
    }
    t.clock_offset_ms += 20;
    assert_eq!(t.text(&["DBSIZE"]), int(20));
    assert_eq!(t.text(&["RANDOMKEY"]), NIL);
    assert_eq!(t.text(&["DBSIZE"]), ZERO);
    t.text(&["SET", "dead", "v", "PX", "10"]);
    t.text(&["SET", "live", "v"]);
    t.clock_offset_ms += 20;
    for _ in 0..10 {
        assert_eq!(t.text(&["RANDOMKEY"]), bulk("live"));
    }
}

#[test]
fn randomkey_in_resp3_is_null() {
    let mut t = TestServer::new();
    t.out = ReplyBuf::new(Proto::Resp3);
    assert_eq!(t.text(&["RANDOMKEY"]), "_\r\n");
    assert_eq!(t.text(&["OBJECT", "ENCODING", "nokey"]), "_\r\n");
}

// ---- OBJECT -------------------------------------------------------------------------------

#[test]
fn object_help_and_arity() {
    let mut t = TestServer::new();
    let help = t.text(&["OBJECT", "HELP"]);
    assert!(help.starts_with(
        "*15\r\n+OBJECT <subcommand> [<arg> [value] [opt] ...]. Subcommands are:\r\n+ENCODING <key>\r\n"
    ));
    assert!(help.ends_with("+HELP\r\n+    Prints this help.\r\n"));
    assert_eq!(t.text(&["object", "help"]), help);
    assert_eq!(
        t.text(&["OBJECT", "HELP", "x"]),
        err("ERR wrong number of arguments for 'object|help' command")
    );
    assert_eq!(
        t.text(&["OBJECT", "ENCODING"]),
        err("ERR wrong number of arguments for 'object|encoding' command")
    );
    assert_eq!(
        t.text(&["OBJECT", "FREQ", "a", "b"]),
        err("ERR wrong number of arguments for 'object|freq' command")
    );
    assert_eq!(
        t.text(&["OBJECT", "foo"]),
        err("ERR unknown subcommand 'foo'. Try OBJECT HELP.")
    );
    assert_eq!(
        t.text(&["OBJECT"]),
        err("ERR wrong number of arguments for 'object' command")
    );
}

#[test]
fn object_encoding_of_strings() {
    let mut t = TestServer::new();
    for (value, enc) in [
        ("1", "int"),
        ("-12345", "int"),
        ("1234567890123456789", "int"),
        ("12345678901234567890", "embstr"),
        (" 1", "embstr"),
        ("01", "embstr"),
        ("hello", "embstr"),
        (&"a".repeat(44), "embstr"),
        (&"a".repeat(45), "raw"),
    ] {
        t.text(&["SET", "k", value]);
        assert_eq!(t.text(&["OBJECT", "ENCODING", "k"]), bulk(enc), "{value}");
    }
    assert_eq!(t.text(&["OBJECT", "ENCODING", "nokey"]), NIL);
    for sub in ["REFCOUNT", "IDLETIME", "FREQ"] {
        assert_eq!(t.text(&["OBJECT", sub, "nokey"]), NIL);
    }
}

#[test]
fn object_refcount_of_shared_integers() {
    let mut t = TestServer::new();
    for (value, count) in [
        ("0", 2147483647),
        ("9999", 2147483647),
        ("10000", 1),
        ("-1", 1),
        ("hello", 1),
    ] {
        t.text(&["SET", "k", value]);
        assert_eq!(t.text(&["OBJECT", "REFCOUNT", "k"]), int(count), "{value}");
    }
    // With maxmemory and an LRU policy every key needs its own access time.
    let mut t = TestServer::with_args(&["--maxmemory", "1gb", "--maxmemory-policy", "allkeys-lru"]);
    t.text(&["SET", "k", "5"]);
    assert_eq!(t.text(&["OBJECT", "REFCOUNT", "k"]), ONE);
}

#[test]
fn object_idletime_and_freq_depend_on_the_policy() {
    let mut t = TestServer::new();
    align_clock(&mut t);
    t.text(&["SET", "k", "v"]);
    t.clock_offset_ms += 12_000;
    assert_eq!(t.text(&["OBJECT", "IDLETIME", "k"]), int(12));
    // OBJECT itself is not an access.
    assert_eq!(t.text(&["OBJECT", "IDLETIME", "k"]), int(12));
    assert_eq!(
        t.text(&["OBJECT", "FREQ", "k"]),
        err("ERR An LFU maxmemory policy is not selected, access frequency not tracked. Please note that when switching between policies at runtime LRU and LFU data will take some time to adjust.")
    );
    t.text(&["GET", "k"]);
    assert_eq!(t.text(&["OBJECT", "IDLETIME", "k"]), ZERO);

    let mut t = TestServer::with_args(&["--maxmemory-policy", "volatile-lfu"]);
    t.text(&["SET", "k", "v"]);
    assert_eq!(
        t.text(&["OBJECT", "IDLETIME", "k"]),
        err("ERR An LFU maxmemory policy is selected, idle time not tracked. Please note that when switching between policies at runtime LRU and LFU data will take some time to adjust.")
    );
    assert_eq!(t.text(&["OBJECT", "FREQ", "k"]), int(5));
}

#[test]
fn lfu_counter_grows_with_accesses_and_decays() {
    // Log factor 0 makes every access count, so the counter is exact.
    let mut t = TestServer::with_args(&[
        "--maxmemory-policy",
        "allkeys-lfu",
        "--lfu-log-factor",
        "0",
        "--lfu-decay-time",
        "1",
    ]);
    t.text(&["SET", "k", "hello"]);
    assert_eq!(t.text(&["OBJECT", "FREQ", "k"]), int(5));
    t.text(&["GET", "k"]);
    t.text(&["GET", "k"]);
    assert_eq!(t.text(&["OBJECT", "FREQ", "k"]), int(7));
    // Lookups without access: unchanged.
    t.text(&["TYPE", "k"]);
    t.text(&["EXISTS", "k"]);
    t.text(&["TTL", "k"]);
    assert_eq!(t.text(&["OBJECT", "FREQ", "k"]), int(7));
    // Overwriting is an access to the old key.
    t.text(&["SET", "k", "world"]);
    assert_eq!(t.text(&["OBJECT", "FREQ", "k"]), int(8));
    // Three idle minutes take three off, reading does not store the decay.
    t.clock_offset_ms += 3 * 60_000;
    assert_eq!(t.text(&["OBJECT", "FREQ", "k"]), int(5));
    t.text(&["GET", "k"]);
    assert_eq!(t.text(&["OBJECT", "FREQ", "k"]), int(6));
    // A new key starts over.
    t.text(&["DEL", "k"]);
    t.text(&["SET", "k", "again"]);
    assert_eq!(t.text(&["OBJECT", "FREQ", "k"]), int(5));
}

#[test]
fn lfu_default_log_factor_increments_at_the_initial_value() {
    let mut t = TestServer::with_args(&["--maxmemory-policy", "allkeys-lfu"]);
    t.text(&["SET", "k", "hello"]);
    // Up to the initial value every access counts, whatever the factor.
    t.text(&["GET", "k"]);
    assert_eq!(t.text(&["OBJECT", "FREQ", "k"]), int(6));
}

// ---- DBSIZE / FLUSHDB / FLUSHALL / SWAPDB -------------------------------------------------

#[test]
fn dbsize_per_database() {
    let mut t = TestServer::new();
    assert_eq!(t.text(&["DBSIZE"]), ZERO);
    for i in 0..50 {
        t.text(&["SET", &format!("k{i}"), "v"]);
    }
    t.client.select(1);
    t.text(&["SET", "k", "v"]);
    assert_eq!(t.text(&["DBSIZE"]), ONE);
    t.client.select(0);
    assert_eq!(t.text(&["DBSIZE"]), int(50));
    assert_eq!(
        t.text(&["DBSIZE", "x"]),
        err("ERR wrong number of arguments for 'dbsize' command")
    );
}

#[test]
fn flushdb_clears_only_the_current_database() {
    for mode in [None, Some("SYNC"), Some("async"), Some("ASYNC")] {
        let mut t = TestServer::new();
        for i in 0..30 {
            t.text(&["SET", &format!("k{i}"), "v"]);
        }
        t.client.select(2);
        t.text(&["SET", "k", "v"]);
        t.client.select(0);
        let mut cmd = vec!["FLUSHDB"];
        cmd.extend(mode);
        assert_eq!(t.text(&cmd), OK);
        assert_eq!(t.text(&["DBSIZE"]), ZERO);
        assert_eq!(t.text(&["GET", "k1"]), NIL);
        t.client.select(2);
        assert_eq!(t.text(&["GET", "k"]), bulk("v"));
    }
}

#[test]
fn flushall_clears_every_database() {
    for mode in [None, Some("sync"), Some("ASYNC")] {
        let mut t = TestServer::new();
        for db in [0, 3, 15] {
            t.client.select(db);
            t.text(&["SET", "a", "v"]);
            t.text(&["SET", "b", "v", "EX", "100"]);
        }
        let mut cmd = vec!["FLUSHALL"];
        cmd.extend(mode);
        assert_eq!(t.text(&cmd), OK);
        for db in [0, 3, 15] {
            t.client.select(db);
            assert_eq!(t.text(&["DBSIZE"]), ZERO);
        }
        t.text(&["SET", "a", "new"]);
        assert_eq!(t.text(&["GET", "a"]), bulk("new"));
    }
}

#[test]
fn flush_errors() {
    let mut t = TestServer::new();
    t.text(&["SET", "a", "v"]);
    let syntax = err("ERR syntax error");
    for cmd in ["FLUSHDB", "FLUSHALL"] {
        assert_eq!(t.text(&[cmd, "foo"]), syntax);
        assert_eq!(t.text(&[cmd, "ASYNC", "SYNC"]), syntax);
        assert_eq!(t.text(&[cmd, "SYNC", "SYNC"]), syntax);
    }
    assert_eq!(t.text(&["DBSIZE"]), ONE);
}

#[test]
fn flush_counts_changes() {
    let mut t = TestServer::new();
    for i in 0..4 {
        t.text(&["SET", &format!("k{i}"), "v"]);
    }
    let dirty = |t: &TestServer| total(&t.server.shards, |s| &s.dirty);
    let before = dirty(&t);
    t.text(&["FLUSHDB"]);
    assert_eq!(dirty(&t), before + 4);
    t.text(&["FLUSHALL"]);
    assert_eq!(dirty(&t), before + 5);
}

#[test]
fn swapdb_exchanges_contents() {
    let mut t = TestServer::new();
    t.text(&["SET", "a", "zero", "EX", "100"]);
    t.client.select(1);
    t.text(&["SET", "a", "one"]);
    t.text(&["SET", "b", "one"]);
    assert_eq!(t.text(&["SWAPDB", "0", "1"]), OK);
    assert_eq!(t.text(&["GET", "a"]), bulk("zero"));
    assert_eq!(t.text(&["TTL", "a"]), int(100));
    assert_eq!(t.text(&["DBSIZE"]), ONE);
    t.client.select(0);
    assert_eq!(t.text(&["GET", "a"]), bulk("one"));
    assert_eq!(t.text(&["DBSIZE"]), int(2));
    assert_eq!(t.text(&["SWAPDB", "1", "1"]), OK);
    assert_eq!(t.text(&["DBSIZE"]), int(2));
    // Swapping with an empty database empties this one.
    assert_eq!(t.text(&["SWAPDB", "0", "9"]), OK);
    assert_eq!(t.text(&["DBSIZE"]), ZERO);
    t.client.select(9);
    assert_eq!(t.text(&["DBSIZE"]), int(2));
}

#[test]
fn swapdb_errors() {
    let mut t = TestServer::new();
    assert_eq!(
        t.text(&["SWAPDB", "a", "0"]),
        err("ERR invalid first DB index")
    );
    assert_eq!(
        t.text(&["SWAPDB", "0", "a"]),
        err("ERR invalid second DB index")
    );
    assert_eq!(
        t.text(&["SWAPDB", "99999999999", "0"]),
        err("ERR invalid first DB index")
    );
    assert_eq!(
        t.text(&["SWAPDB", "a", "b"]),
        err("ERR invalid first DB index")
    );
    for (x, y) in [("0", "16"), ("16", "0"), ("-1", "0"), ("0", "-1")] {
        assert_eq!(
            t.text(&["SWAPDB", x, y]),
            err("ERR DB index is out of range")
        );
    }
    assert_eq!(
        t.text(&["SWAPDB", "0"]),
        err("ERR wrong number of arguments for 'swapdb' command")
    );
}

// ---- Declarations -------------------------------------------------------------------------

use crate::testing::describe_tips_first as describe;

#[test]
fn declarations_match_redis() {
    let expect = [
        "del -2 write @keyspace @write @slow request_policy:multi_shard response_policy:agg_sum | RM delete index 1 range -1 1 0",
        "unlink -2 write fast @keyspace @write @fast request_policy:multi_shard response_policy:agg_sum | RM delete index 1 range -1 1 0",
        "exists -2 readonly fast @keyspace @read @fast request_policy:multi_shard response_policy:agg_sum | RO index 1 range -1 1 0",
        "touch -2 readonly fast @keyspace @read @fast request_policy:multi_shard response_policy:agg_sum | RO index 1 range -1 1 0",
        "expire -3 write fast @keyspace @write @fast | RW update index 1 range 0 1 0",
        "pexpire -3 write fast @keyspace @write @fast | RW update index 1 range 0 1 0",
        "expireat -3 write fast @keyspace @write @fast | RW update index 1 range 0 1 0",
        "pexpireat -3 write fast @keyspace @write @fast | RW update index 1 range 0 1 0",
        "ttl 2 readonly fast @keyspace @read @fast nondeterministic_output | RO access index 1 range 0 1 0",
        "pttl 2 readonly fast @keyspace @read @fast nondeterministic_output | RO access index 1 range 0 1 0",
        "expiretime 2 readonly fast @keyspace @read @fast | RO access index 1 range 0 1 0",
        "pexpiretime 2 readonly fast @keyspace @read @fast | RO access index 1 range 0 1 0",
        "persist 2 write fast @keyspace @write @fast | RW update index 1 range 0 1 0",
        "type 2 readonly fast @keyspace @read @fast | RO index 1 range 0 1 0",
        "rename 3 write @keyspace @write @slow | RW access delete index 1 range 0 1 0 | OW update index 2 range 0 1 0",
        "renamenx 3 write fast @keyspace @write @fast | RW access delete index 1 range 0 1 0 | OW insert index 2 range 0 1 0",
        "copy -3 write denyoom @keyspace @write @slow | RO access index 1 range 0 1 0 | OW update index 2 range 0 1 0",
        "move 3 write fast @keyspace @write @fast | RW access update index 1 range 0 1 0",
        "keys 2 readonly @keyspace @read @slow @dangerous request_policy:all_shards nondeterministic_output_order",
        "scan -2 readonly @keyspace @read @slow nondeterministic_output request_policy:special",
        "randomkey 1 readonly @keyspace @read @slow request_policy:all_shards nondeterministic_output",
        "object -2 @slow",
        "object|encoding 3 readonly @keyspace @read @slow nondeterministic_output | RO index 2 range 0 1 0",
        "object|freq 3 readonly @keyspace @read @slow nondeterministic_output | RO index 2 range 0 1 0",
        "object|help 2 loading stale @keyspace @slow",
        "object|idletime 3 readonly @keyspace @read @slow nondeterministic_output | RO index 2 range 0 1 0",
        "object|refcount 3 readonly @keyspace @read @slow nondeterministic_output | RO index 2 range 0 1 0",
        "dbsize 1 readonly fast @keyspace @read @fast request_policy:all_shards response_policy:agg_sum",
        "flushdb -1 write @keyspace @write @slow @dangerous request_policy:all_shards response_policy:all_succeeded",
        "flushall -1 write @keyspace @write @slow @dangerous request_policy:all_shards response_policy:all_succeeded",
        "swapdb 3 write fast @keyspace @write @fast @dangerous",
    ];
    for line in expect {
        let name = line.split(' ').next().expect("name");
        assert_eq!(describe(name), line);
    }
}

#[test]
fn option_words_end_at_a_nul_byte() {
    // Bytes from redis-server 7.0, whose strcasecmp stops at the first NUL; SCAN's TYPE
    // name is compared the same way.
    let mut t = TestServer::new();
    t.text(&["RPUSH", "l", "a"]);
    t.text(&["SET", "s", "v"]);
    let only_l = b"*2\r\n$1\r\n0\r\n*1\r\n$1\r\nl\r\n";
    assert_eq!(
        t.raw(&[
            b"SCAN",
            b"0",
            b"MATCH\0x",
            b"*",
            b"COUNT\0",
            b"10",
            b"TYPE\0",
            b"list"
        ]),
        only_l
    );
    assert_eq!(t.raw(&[b"SCAN", b"0", b"TYPE", b"list\0zz"]), only_l);
    assert_eq!(t.raw(&[b"SCAN", b"0", b"TYPE", b"LIST"]), only_l);
    assert_eq!(
        t.raw(&[b"COPY", b"s", b"s2", b"DB\0", b"0", b"REPLACE\0"]),
        b":1\r\n"
    );
    assert_eq!(t.raw(&[b"FLUSHDB", b"ASYNC\0x"]), b"+OK\r\n");
    assert_eq!(t.text(&["DBSIZE"]), ":0\r\n");
    assert_eq!(t.raw(&[b"FLUSHALL", b"SYNC\0"]), b"+OK\r\n");
    assert_eq!(t.raw(&[b"FLUSHALL", b"SYN\0C"]), b"-ERR syntax error\r\n");
}
