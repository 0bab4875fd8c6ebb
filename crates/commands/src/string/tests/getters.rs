//! GET, GETDEL, GETSET, MGET, STRLEN.

use shoal_store::StrEncoding;

use super::*;

#[test]
fn get_expired_key() {
    let mut t = TestServer::new();
    t.run(&["SET", "k", "v", "PX", "50"]);
    assert_eq!(t.text(&["GET", "k"]), bulk("v"));
    let expired = t.server.shards[0].expired_keys.get();
    t.clock_offset_ms += 51;
    assert_eq!(t.text(&["GET", "k"]), NIL);
    assert_eq!(t.server.shards[0].expired_keys.get(), expired + 1);
    assert!(!exists(&t, "k"));
}

#[test]
fn getdel() {
    let mut t = TestServer::new();
    t.run(&["SET", "k", "v", "EX", "100"]);
    assert_eq!(t.text(&["GETDEL", "k"]), bulk("v"));
    assert!(!exists(&t, "k"));
    assert_eq!(t.text(&["GETDEL", "k"]), NIL);
    t.run(&["SET", "e", "v", "PX", "10"]);
    t.clock_offset_ms += 11;
    assert_eq!(t.text(&["GETDEL", "e"]), NIL);
    let mut t = resp3();
    assert_eq!(t.text(&["GETDEL", "k"]), "_\r\n");
}

#[test]
fn getset() {
    let mut t = TestServer::new();
    assert_eq!(t.text(&["GETSET", "k", "55"]), NIL);
    assert_eq!(encoding(&t, "k"), StrEncoding::Int);
    t.run(&["SET", "k", "abc", "EX", "100"]);
    assert_eq!(t.text(&["GETSET", "k", "hello"]), bulk("abc"));
    // Like SET, GETSET drops the expire time.
    assert_eq!(expire_of(&t, "k"), None);
    assert_eq!(encoding(&t, "k"), StrEncoding::Embstr);
    let long = "x".repeat(50);
    assert_eq!(t.text(&["GETSET", "k", &long]), bulk("hello"));
    assert_eq!(encoding(&t, "k"), StrEncoding::Raw);
    assert_eq!(t.text(&["GET", "k"]), bulk(&long));
}

#[test]
fn mget() {
    let mut t = TestServer::new();
    t.run(&["MSET", "a", "1", "b", "two"]);
    assert_eq!(
        t.text(&["MGET", "a", "nokey", "b", "a"]),
        "*4\r\n$1\r\n1\r\n$-1\r\n$3\r\ntwo\r\n$1\r\n1\r\n"
    );
    assert_eq!(t.text(&["MGET", "nokey"]), "*1\r\n$-1\r\n");
    let mut t = resp3();
    t.run(&["SET", "a", "1"]);
    assert_eq!(t.text(&["MGET", "a", "nokey"]), "*2\r\n$1\r\n1\r\n_\r\n");
    assert_eq!(
        t.text(&["MGET"]),
        "-ERR wrong number of arguments for 'mget' command\r\n"
    );
}

#[test]
fn mget_counts_hits_and_expires_lazily() {
    let mut t = TestServer::new();
    t.run(&["SET", "a", "1"]);
    t.run(&["SET", "gone", "1", "PX", "5"]);
    t.clock_offset_ms += 6;
    let hits = t.server.shards[0].keyspace_hits.get();
    let misses = t.server.shards[0].keyspace_misses.get();
    assert_eq!(
        t.text(&["MGET", "a", "gone", "nokey"]),
        "*3\r\n$1\r\n1\r\n$-1\r\n$-1\r\n"
    );
    assert_eq!(t.server.shards[0].keyspace_hits.get(), hits + 1);
    assert_eq!(t.server.shards[0].keyspace_misses.get(), misses + 2);
}

#[test]
fn strlen() {
    let mut t = TestServer::new();
    assert_eq!(t.text(&["STRLEN", "nokey"]), ":0\r\n");
    t.run(&["SET", "n", "12345"]);
    assert_eq!(t.text(&["STRLEN", "n"]), ":5\r\n");
    t.run(&["SET", "e", ""]);
    assert_eq!(t.text(&["STRLEN", "e"]), ":0\r\n");
    t.raw(&[b"SET", b"bin", b"\0\r\n\xff"]);
    assert_eq!(t.text(&["STRLEN", "bin"]), ":4\r\n");
}
