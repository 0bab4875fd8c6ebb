//! String family tests: exact reply bytes through the real dispatch path, with expected values
//! taken from a real redis-server.

use shoal_resp::Proto;
use shoal_store::{hash_key, StrEncoding, Value};
use shoal_util::key_slot;

use crate::testing::TestServer;

mod append_range;
mod expiry;
mod getters;
mod incr;
mod lcs;
mod set;
mod setters;
mod specs;

const NOT_INT: &str = "-ERR value is not an integer or out of range\r\n";
const SYNTAX: &str = "-ERR syntax error\r\n";
const NIL: &str = "$-1\r\n";

/// What is stored under `key` in db 0: value, encoding and expire time, bypassing commands
/// (no expiry, no stats), so tests can check encodings and exact expire times.
fn stored(t: &TestServer, key: &str) -> Option<(Vec<u8>, StrEncoding, Option<u64>)> {
    let k = key.as_bytes();
    let mut slot = t.server.keyspace.lock(key_slot(k));
    let e = slot.db_if_exists(0)?.get(hash_key(k), k)?;
    match e.value() {
        Value::Str(v, enc) => Some((v.to_vec(), enc, e.expire())),
        Value::Object(_) => panic!("{key} is not a string"),
    }
}

fn encoding(t: &TestServer, key: &str) -> StrEncoding {
    stored(t, key).expect("key exists").1
}

fn expire_of(t: &TestServer, key: &str) -> Option<u64> {
    stored(t, key).expect("key exists").2
}

fn exists(t: &TestServer, key: &str) -> bool {
    stored(t, key).is_some()
}

/// The server's clock as commands see it.
fn now(t: &TestServer) -> u64 {
    crate::state::unix_ms() + t.clock_offset_ms
}

fn bulk(s: &str) -> String {
    format!("${}\r\n{}\r\n", s.len(), s)
}

fn resp3() -> TestServer {
    let mut t = TestServer::new();
    t.out.proto = Proto::Resp3;
    t
}

/// Asserts that an expire time is `ms` from now, give or take the test's own run time.
#[track_caller]
fn assert_expires_in(t: &TestServer, key: &str, ms: u64) {
    let at = expire_of(t, key).expect("key has an expire time");
    let n = now(t);
    assert!(
        at <= n + ms && at + 5_000 > n + ms,
        "expire {at} is not {ms} ms from {n}"
    );
}
