//! SETNX, MSET, MSETNX.

use shoal_store::StrEncoding;

use super::*;

#[test]
fn setnx() {
    let mut t = TestServer::new();
    assert_eq!(t.text(&["SETNX", "k", "7"]), ":1\r\n");
    assert_eq!(encoding(&t, "k"), StrEncoding::Int);
    assert_eq!(t.text(&["SETNX", "k", "8"]), ":0\r\n");
    assert_eq!(t.text(&["GET", "k"]), bulk("7"));
    t.run(&["SET", "e", "v", "PX", "10"]);
    t.clock_offset_ms += 11;
    assert_eq!(t.text(&["SETNX", "e", "new"]), ":1\r\n");
    assert_eq!(expire_of(&t, "e"), None);
}

#[test]
fn mset_sets_everything_and_drops_times() {
    let mut t = TestServer::new();
    t.run(&["SET", "a", "old", "EX", "100"]);
    let dirty = t.server.shards[0].dirty.get();
    assert_eq!(t.text(&["MSET", "a", "1", "b", "xyz", "c", ""]), "+OK\r\n");
    assert_eq!(t.server.shards[0].dirty.get(), dirty + 3);
    assert_eq!(
        stored(&t, "a"),
        Some((b"1".to_vec(), StrEncoding::Int, None))
    );
    assert_eq!(
        stored(&t, "b"),
        Some((b"xyz".to_vec(), StrEncoding::Embstr, None))
    );
    assert_eq!(t.text(&["GET", "c"]), "$0\r\n\r\n");
    // A repeated key ends with its last value.
    assert_eq!(t.text(&["MSET", "d", "1", "d", "2"]), "+OK\r\n");
    assert_eq!(t.text(&["GET", "d"]), bulk("2"));
}

#[test]
fn mset_across_slots() {
    let mut t = TestServer::new();
    // Keys chosen to hash to different slots (and shards' slot ranges).
    let keys = ["foo", "bar", "{user1}x", "zzz", "key:12345"];
    let slots: std::collections::BTreeSet<u16> =
        keys.iter().map(|k| key_slot(k.as_bytes())).collect();
    assert_eq!(slots.len(), keys.len());
    let mut cmd = vec!["MSET"];
    for k in &keys {
        cmd.push(k);
        cmd.push(k);
    }
    assert_eq!(t.text(&cmd), "+OK\r\n");
    let mut mget = vec!["MGET"];
    mget.extend_from_slice(&keys);
    let want: String = format!("*5\r\n{}", keys.iter().map(|k| bulk(k)).collect::<String>());
    assert_eq!(t.text(&mget), want);
}

#[test]
fn mset_arity() {
    let mut t = TestServer::new();
    assert_eq!(
        t.text(&["MSET", "a", "1", "b"]),
        "-ERR wrong number of arguments for 'mset' command\r\n"
    );
    assert_eq!(
        t.text(&["MSET", "a"]),
        "-ERR wrong number of arguments for 'mset' command\r\n"
    );
    assert_eq!(
        t.text(&["MSETNX", "a", "1", "b"]),
        "-ERR wrong number of arguments for 'msetnx' command\r\n"
    );
    assert!(!exists(&t, "a"));
}

#[test]
fn msetnx_all_or_nothing() {
    let mut t = TestServer::new();
    assert_eq!(t.text(&["MSETNX", "a", "1", "b", "2"]), ":1\r\n");
    assert_eq!(t.text(&["MSETNX", "c", "3", "b", "9"]), ":0\r\n");
    assert!(!exists(&t, "c"));
    assert_eq!(t.text(&["GET", "b"]), bulk("2"));
    // The same new key twice is allowed; the last value wins.
    assert_eq!(t.text(&["MSETNX", "d", "1", "d", "2"]), ":1\r\n");
    assert_eq!(t.text(&["GET", "d"]), bulk("2"));
    // An expired key does not block it.
    t.run(&["SET", "e", "v", "PX", "10"]);
    t.clock_offset_ms += 11;
    assert_eq!(t.text(&["MSETNX", "e", "new", "f", "x"]), ":1\r\n");
    assert_eq!(t.text(&["GET", "e"]), bulk("new"));
}
