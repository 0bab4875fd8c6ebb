//! Hash family tests: exact reply bytes, every error text, encodings at their boundaries.

use shoal_resp::{Proto, ReplyBuf};
use shoal_store::{hash_key, Object, Value};

use crate::testing::TestServer;

mod expiry;
mod props;

const WRONGTYPE: &str = "-WRONGTYPE Operation against a key holding the wrong kind of value\r\n";

fn resp3(t: &mut TestServer) {
    t.out = ReplyBuf::new(Proto::Resp3);
}

/// `OBJECT ENCODING` of a hash, read straight from the keyspace; None when the key is absent.
fn encoding(t: &TestServer, key: &str) -> Option<&'static str> {
    let mut slot = t.server.keyspace.lock(shoal_util::key_slot(key.as_bytes()));
    let db = slot.db(0);
    let e = db.get(hash_key(key.as_bytes()), key.as_bytes())?;
    match e.value() {
        Value::Object(Object::Hash(h)) => Some(h.encoding_name()),
        _ => panic!("{key} is not a hash"),
    }
}

fn exists(t: &TestServer, key: &str) -> bool {
    let mut slot = t.server.keyspace.lock(shoal_util::key_slot(key.as_bytes()));
    slot.db(0)
        .get(hash_key(key.as_bytes()), key.as_bytes())
        .is_some()
}

fn bulk(s: &str) -> String {
    format!("${}\r\n{}\r\n", s.len(), s)
}

#[test]
fn hset_hget_basics() {
    let mut t = TestServer::new();
    assert_eq!(t.text(&["HSET", "h", "a", "1", "b", "2"]), ":2\r\n");
    assert_eq!(t.text(&["HSET", "h", "a", "10", "c", "3"]), ":1\r\n");
    assert_eq!(t.text(&["HGET", "h", "a"]), "$2\r\n10\r\n");
    assert_eq!(t.text(&["HGET", "h", "zz"]), "$-1\r\n");
    assert_eq!(t.text(&["HGET", "nokey", "a"]), "$-1\r\n");
    assert_eq!(t.text(&["HLEN", "h"]), ":3\r\n");
    assert_eq!(t.text(&["HLEN", "nokey"]), ":0\r\n");
    assert_eq!(t.text(&["HMSET", "h", "d", "4"]), "+OK\r\n");
    assert_eq!(t.text(&["HLEN", "h"]), ":4\r\n");
    // Empty field and value, binary data.
    assert_eq!(t.text(&["HSET", "h", "", ""]), ":1\r\n");
    assert_eq!(t.text(&["HGET", "h", ""]), "$0\r\n\r\n");
    assert_eq!(
        t.raw(&[b"HSET", b"bin", b"\x00\xff\r\n", b"\x01\x02"]),
        b":1\r\n"
    );
    assert_eq!(
        t.raw(&[b"HGET", b"bin", b"\x00\xff\r\n"]),
        b"$2\r\n\x01\x02\r\n"
    );
    // Duplicate fields in one call count once.
    assert_eq!(t.text(&["HSET", "dup", "f", "1", "f", "2"]), ":1\r\n");
    assert_eq!(t.text(&["HGET", "dup", "f"]), "$1\r\n2\r\n");
}

#[test]
fn arity_and_wrong_type() {
    let mut t = TestServer::new();
    assert_eq!(
        t.text(&["HSET", "h", "a"]),
        "-ERR wrong number of arguments for 'hset' command\r\n"
    );
    assert_eq!(
        t.text(&["HSET", "h", "a", "1", "b"]),
        "-ERR wrong number of arguments for 'hset' command\r\n"
    );
    assert_eq!(
        t.text(&["HMSET", "h", "a", "1", "b"]),
        "-ERR wrong number of arguments for 'hmset' command\r\n"
    );
    assert!(!exists(&t, "h"));
    t.text(&["SET", "s", "x"]);
    for cmd in [
        &["HSET", "s", "a", "1"][..],
        &["HMSET", "s", "a", "1"],
        &["HSETNX", "s", "a", "1"],
        &["HGET", "s", "a"],
        &["HMGET", "s", "a"],
        &["HDEL", "s", "a"],
        &["HEXISTS", "s", "a"],
        &["HLEN", "s"],
        &["HSTRLEN", "s", "a"],
        &["HKEYS", "s"],
        &["HVALS", "s"],
        &["HGETALL", "s"],
        &["HINCRBY", "s", "a", "1"],
        &["HINCRBYFLOAT", "s", "a", "1"],
        &["HRANDFIELD", "s"],
        &["HRANDFIELD", "s", "1"],
        &["HSCAN", "s", "0"],
        &["HEXPIRE", "s", "10", "FIELDS", "1", "a"],
        &["HTTL", "s", "FIELDS", "1", "a"],
        &["HPERSIST", "s", "FIELDS", "1", "a"],
        &["HGETEX", "s", "FIELDS", "1", "a"],
        &["HSETEX", "s", "FIELDS", "1", "a", "b"],
        &["HGETDEL", "s", "FIELDS", "1", "a"],
    ] {
        assert_eq!(t.text(cmd), WRONGTYPE, "{cmd:?}");
    }
}

#[test]
fn hsetnx() {
    let mut t = TestServer::new();
    assert_eq!(t.text(&["HSETNX", "h", "a", "1"]), ":1\r\n");
    assert_eq!(t.text(&["HSETNX", "h", "a", "2"]), ":0\r\n");
    assert_eq!(t.text(&["HGET", "h", "a"]), "$1\r\n1\r\n");
}

#[test]
fn hmget_hexists_hstrlen() {
    let mut t = TestServer::new();
    t.text(&["HSET", "h", "a", "hello", "n", "-123"]);
    assert_eq!(
        t.text(&["HMGET", "h", "a", "x", "n"]),
        "*3\r\n$5\r\nhello\r\n$-1\r\n$4\r\n-123\r\n"
    );
    assert_eq!(
        t.text(&["HMGET", "nokey", "a", "b"]),
        "*2\r\n$-1\r\n$-1\r\n"
    );
    assert_eq!(t.text(&["HEXISTS", "h", "a"]), ":1\r\n");
    assert_eq!(t.text(&["HEXISTS", "h", "x"]), ":0\r\n");
    assert_eq!(t.text(&["HEXISTS", "nokey", "x"]), ":0\r\n");
    assert_eq!(t.text(&["HSTRLEN", "h", "a"]), ":5\r\n");
    assert_eq!(t.text(&["HSTRLEN", "h", "n"]), ":4\r\n");
    assert_eq!(t.text(&["HSTRLEN", "h", "x"]), ":0\r\n");
    assert_eq!(t.text(&["HSTRLEN", "nokey", "x"]), ":0\r\n");
    resp3(&mut t);
    assert_eq!(t.text(&["HMGET", "nokey", "a"]), "*1\r\n_\r\n");
    assert_eq!(t.text(&["HGET", "nokey", "a"]), "_\r\n");
}

#[test]
fn hdel_deletes_empty_hash() {
    let mut t = TestServer::new();
    t.text(&["HSET", "h", "a", "1", "b", "2", "c", "3"]);
    assert_eq!(t.text(&["HDEL", "h", "a", "x", "a"]), ":1\r\n");
    assert_eq!(t.text(&["HDEL", "nokey", "a"]), ":0\r\n");
    assert_eq!(t.text(&["HDEL", "h", "b", "c", "d"]), ":2\r\n");
    assert!(!exists(&t, "h"));
    assert_eq!(t.text(&["HLEN", "h"]), ":0\r\n");
}

#[test]
fn hgetall_hkeys_hvals_shapes() {
    let mut t = TestServer::new();
    t.text(&["HSET", "h", "a", "1", "b", "2"]);
    assert_eq!(
        t.text(&["HGETALL", "h"]),
        "*4\r\n$1\r\na\r\n$1\r\n1\r\n$1\r\nb\r\n$1\r\n2\r\n"
    );
    assert_eq!(t.text(&["HKEYS", "h"]), "*2\r\n$1\r\na\r\n$1\r\nb\r\n");
    assert_eq!(t.text(&["HVALS", "h"]), "*2\r\n$1\r\n1\r\n$1\r\n2\r\n");
    assert_eq!(t.text(&["HGETALL", "nokey"]), "*0\r\n");
    assert_eq!(t.text(&["HKEYS", "nokey"]), "*0\r\n");
    resp3(&mut t);
    assert_eq!(
        t.text(&["HGETALL", "h"]),
        "%2\r\n$1\r\na\r\n$1\r\n1\r\n$1\r\nb\r\n$1\r\n2\r\n"
    );
    assert_eq!(t.text(&["HGETALL", "nokey"]), "%0\r\n");
    assert_eq!(t.text(&["HVALS", "nokey"]), "*0\r\n");
}

#[test]
fn hincrby() {
    let mut t = TestServer::new();
    assert_eq!(t.text(&["HINCRBY", "h", "n", "5"]), ":5\r\n");
    assert_eq!(t.text(&["HINCRBY", "h", "n", "-7"]), ":-2\r\n");
    assert_eq!(t.text(&["HGET", "h", "n"]), "$2\r\n-2\r\n");
    assert_eq!(
        t.text(&["HINCRBY", "h", "n", "x"]),
        "-ERR value is not an integer or out of range\r\n"
    );
    assert_eq!(
        t.text(&["HINCRBY", "nokey", "n", "1.5"]),
        "-ERR value is not an integer or out of range\r\n"
    );
    assert!(!exists(&t, "nokey"));
    t.text(&[
        "HSET",
        "h",
        "s",
        "abc",
        "sp",
        " 1",
        "big",
        "9223372036854775807",
    ]);
    assert_eq!(
        t.text(&["HINCRBY", "h", "s", "1"]),
        "-ERR hash value is not an integer\r\n"
    );
    assert_eq!(
        t.text(&["HINCRBY", "h", "sp", "1"]),
        "-ERR hash value is not an integer\r\n"
    );
    assert_eq!(
        t.text(&["HINCRBY", "h", "big", "1"]),
        "-ERR increment or decrement would overflow\r\n"
    );
    assert_eq!(
        t.text(&["HINCRBY", "h", "n", "-9223372036854775807"]),
        "-ERR increment or decrement would overflow\r\n"
    );
    assert_eq!(t.text(&["HGET", "h", "n"]), "$2\r\n-2\r\n");
    t.text(&["HSET", "h", "m", "-9223372036854775807"]);
    assert_eq!(
        t.text(&["HINCRBY", "h", "m", "-1"]),
        ":-9223372036854775808\r\n"
    );
    assert_eq!(
        t.text(&["HINCRBY", "h", "m", "-1"]),
        "-ERR increment or decrement would overflow\r\n"
    );
}

#[test]
fn hincrbyfloat() {
    let mut t = TestServer::new();
    assert_eq!(t.text(&["HINCRBYFLOAT", "h", "f", "10.5"]), bulk("10.5"));
    assert_eq!(t.text(&["HINCRBYFLOAT", "h", "f", "0.1"]), bulk("10.6"));
    assert_eq!(t.text(&["HINCRBYFLOAT", "h", "f", "-5"]), bulk("5.6"));
    t.text(&["HSET", "h", "e", "5.0e3", "s", "abc", "i", "3"]);
    assert_eq!(t.text(&["HINCRBYFLOAT", "h", "e", "2.0e2"]), bulk("5200"));
    assert_eq!(t.text(&["HINCRBYFLOAT", "h", "i", "1"]), bulk("4"));
    assert_eq!(
        t.text(&["HINCRBYFLOAT", "h", "s", "1"]),
        "-ERR hash value is not a float\r\n"
    );
    assert_eq!(
        t.text(&["HINCRBYFLOAT", "h", "f", "x"]),
        "-ERR value is not a valid float\r\n"
    );
    assert_eq!(
        t.text(&["HINCRBYFLOAT", "h", "f", "inf"]),
        "-ERR value is NaN or Infinity\r\n"
    );
    assert_eq!(
        t.text(&["HINCRBYFLOAT", "h", "f", "nan"]),
        "-ERR value is not a valid float\r\n"
    );
    // The increment is checked before the key's type, as in Redis.
    t.text(&["SET", "str", "x"]);
    assert_eq!(
        t.text(&["HINCRBYFLOAT", "str", "f", "x"]),
        "-ERR value is not a valid float\r\n"
    );
    assert_eq!(
        t.text(&["HINCRBYFLOAT", "str", "f", "inf"]),
        "-ERR value is NaN or Infinity\r\n"
    );
    t.text(&["HSET", "h", "max", "1e308"]);
    assert_eq!(
        t.text(&["HINCRBYFLOAT", "h", "max", "1e308"]),
        bulk("199999999999999999993371759311691291321120199694831134415594095989843469737676123744200253843777078640893494450108026446304269499187921167194841628860392837535918200039206381557326219209014213335878306791577877829121087126122536729803237260434173178506889763247582601711514636284849020905456510092687857156096")
    );
}

#[test]
fn hrandfield_errors_and_shapes() {
    let mut t = TestServer::new();
    t.text(&["HSET", "h", "a", "1", "b", "2"]);
    assert_eq!(
        t.text(&["HRANDFIELD", "h", "x"]),
        "-ERR value is not an integer or out of range\r\n"
    );
    assert_eq!(
        t.text(&["HRANDFIELD", "h", "-9223372036854775808"]),
        "-ERR value is out of range, value must between -9223372036854775807 and 9223372036854775807\r\n"
    );
    assert_eq!(
        t.text(&["HRANDFIELD", "h", "4611686018427387904", "WITHVALUES"]),
        "-ERR value is out of range\r\n"
    );
    assert_eq!(
        t.text(&["HRANDFIELD", "h", "-4611686018427387904", "WITHVALUES"]),
        "-ERR value is out of range\r\n"
    );
    assert_eq!(
        t.text(&["HRANDFIELD", "h", "1", "foo"]),
        "-ERR syntax error\r\n"
    );
    assert_eq!(
        t.text(&["HRANDFIELD", "h", "1", "WITHVALUES", "x"]),
        "-ERR syntax error\r\n"
    );
    assert_eq!(t.text(&["HRANDFIELD", "nokey"]), "$-1\r\n");
    assert_eq!(t.text(&["HRANDFIELD", "nokey", "3"]), "*0\r\n");
    assert_eq!(t.text(&["HRANDFIELD", "h", "0"]), "*0\r\n");
    let one = t.text(&["HRANDFIELD", "h"]);
    assert!(one == bulk("a") || one == bulk("b"), "{one}");
    // Count >= size: the whole hash, in order.
    assert_eq!(
        t.text(&["HRANDFIELD", "h", "5", "WITHVALUES"]),
        "*4\r\n$1\r\na\r\n$1\r\n1\r\n$1\r\nb\r\n$1\r\n2\r\n"
    );
    // Negative count: exactly |count| picks, repeats allowed.
    let v = t.run(&["HRANDFIELD", "h", "-7"]);
    let shoal_resp::Value::Array(items) = v else {
        panic!("{v:?}")
    };
    assert_eq!(items.len(), 7);
    let v = t.run(&["HRANDFIELD", "h", "-3", "WITHVALUES"]);
    let shoal_resp::Value::Array(items) = v else {
        panic!("{v:?}")
    };
    assert_eq!(items.len(), 6);
    resp3(&mut t);
    assert_eq!(t.text(&["HRANDFIELD", "nokey"]), "_\r\n");
    assert_eq!(
        t.text(&["HRANDFIELD", "h", "2", "WITHVALUES"]),
        "*2\r\n*2\r\n$1\r\na\r\n$1\r\n1\r\n*2\r\n$1\r\nb\r\n$1\r\n2\r\n"
    );
    let r = t.text(&["HRANDFIELD", "h", "-3", "WITHVALUES"]);
    assert!(r.starts_with("*3\r\n*2\r\n"), "{r}");
    assert_eq!(r.matches("*2\r\n").count(), 3);
}

#[test]
fn hrandfield_distinct_sample() {
    for table in [false, true] {
        let mut t = if table {
            TestServer::with_args(&["--hash-max-listpack-entries", "0"])
        } else {
            TestServer::new()
        };
        let mut args = vec!["HSET".to_string(), "h".to_string()];
        for i in 0..50 {
            args.push(format!("f{i}"));
            args.push(format!("v{i}"));
        }
        let a: Vec<&str> = args.iter().map(|s| s.as_str()).collect();
        t.text(&a);
        for _ in 0..20 {
            let v = t.run(&["HRANDFIELD", "h", "10", "WITHVALUES"]);
            let shoal_resp::Value::Array(items) = v else {
                panic!()
            };
            assert_eq!(items.len(), 20);
            let mut fields = std::collections::HashSet::new();
            for pair in items.chunks(2) {
                let (shoal_resp::Value::Bulk(f), shoal_resp::Value::Bulk(v)) = (&pair[0], &pair[1])
                else {
                    panic!()
                };
                assert_eq!(&f[1..], &v[1..], "value belongs to its field");
                assert!(fields.insert(f.clone()), "distinct fields");
            }
        }
    }
}

#[test]
fn hscan() {
    let mut t = TestServer::new();
    t.text(&["HSET", "h", "a", "1", "b", "2", "c", "3"]);
    assert_eq!(
        t.text(&["HSCAN", "h", "0"]),
        "*2\r\n$1\r\n0\r\n*6\r\n$1\r\na\r\n$1\r\n1\r\n$1\r\nb\r\n$1\r\n2\r\n$1\r\nc\r\n$1\r\n3\r\n"
    );
    // A compact hash answers in one call whatever the cursor and COUNT.
    assert_eq!(
        t.text(&["HSCAN", "h", "123", "COUNT", "1", "MATCH", "[ab]"]),
        "*2\r\n$1\r\n0\r\n*4\r\n$1\r\na\r\n$1\r\n1\r\n$1\r\nb\r\n$1\r\n2\r\n"
    );
    assert_eq!(
        t.text(&["HSCAN", "h", "0", "NOVALUES", "MATCH", "c"]),
        "*2\r\n$1\r\n0\r\n*1\r\n$1\r\nc\r\n"
    );
    assert_eq!(t.text(&["HSCAN", "nokey", "0"]), "*2\r\n$1\r\n0\r\n*0\r\n");
    assert_eq!(
        t.text(&["HSCAN", "nokey", "0", "BADOPT"]),
        "*2\r\n$1\r\n0\r\n*0\r\n"
    );
    assert_eq!(t.text(&["HSCAN", "h", "x"]), "-ERR invalid cursor\r\n");
    assert_eq!(t.text(&["HSCAN", "nokey", "x"]), "-ERR invalid cursor\r\n");
    assert_eq!(
        t.text(&["HSCAN", "h", "18446744073709551616"]),
        "-ERR invalid cursor\r\n"
    );
    assert_eq!(t.text(&["HSCAN", "h", " 1"]), "-ERR invalid cursor\r\n");
    assert!(t
        .text(&["HSCAN", "h", "-1"])
        .starts_with("*2\r\n$1\r\n0\r\n"));
    assert!(t
        .text(&["HSCAN", "h", "18446744073709551615"])
        .starts_with("*2\r\n$1\r\n0\r\n"));
    assert_eq!(
        t.text(&["HSCAN", "h", "0", "COUNT", "0"]),
        "-ERR syntax error\r\n"
    );
    assert_eq!(
        t.text(&["HSCAN", "h", "0", "COUNT", "-1"]),
        "-ERR syntax error\r\n"
    );
    assert_eq!(
        t.text(&["HSCAN", "h", "0", "COUNT", "x"]),
        "-ERR value is not an integer or out of range\r\n"
    );
    assert_eq!(
        t.text(&["HSCAN", "h", "0", "MATCH"]),
        "-ERR syntax error\r\n"
    );
    assert_eq!(t.text(&["HSCAN", "h", "0", "foo"]), "-ERR syntax error\r\n");
    assert_eq!(
        t.text(&["HSCAN", "h", "0", "TYPE", "hash"]),
        "-ERR syntax error\r\n"
    );
    resp3(&mut t);
    assert_eq!(
        t.text(&["HSCAN", "h", "0", "MATCH", "a"]),
        "*2\r\n$1\r\n0\r\n*2\r\n$1\r\na\r\n$1\r\n1\r\n"
    );
}

#[test]
fn hscan_hashtable_walks_in_steps() {
    let mut t = TestServer::with_args(&["--hash-max-listpack-entries", "4"]);
    for i in 0..100 {
        t.text(&["HSET", "h", &format!("f{i}"), &format!("{i}")]);
    }
    assert_eq!(encoding(&t, "h"), Some("hashtable"));
    let mut seen = std::collections::HashSet::new();
    let mut cursor = "0".to_string();
    let mut calls = 0;
    loop {
        let v = t.run(&["HSCAN", "h", &cursor, "COUNT", "10"]);
        let shoal_resp::Value::Array(parts) = v else {
            panic!()
        };
        let shoal_resp::Value::Bulk(c) = &parts[0] else {
            panic!()
        };
        let shoal_resp::Value::Array(items) = &parts[1] else {
            panic!()
        };
        assert!(items.len() <= 20);
        for pair in items.chunks(2) {
            if let shoal_resp::Value::Bulk(f) = &pair[0] {
                seen.insert(f.clone());
            }
        }
        calls += 1;
        cursor = String::from_utf8(c.to_vec()).unwrap();
        if cursor == "0" {
            break;
        }
        // Deleting during the scan never makes it miss a field that stays.
        if calls == 3 {
            t.text(&["HDEL", "h", "f0", "f1", "f2"]);
        }
    }
    assert_eq!(calls, 10);
    for i in 3..100 {
        assert!(seen.contains(format!("f{i}").as_bytes()), "f{i} missed");
    }
}

#[test]
fn encodings_at_the_boundaries() {
    let mut t = TestServer::new();
    let mut args = vec!["HSET".to_string(), "h".to_string()];
    for i in 0..512 {
        args.push(format!("f{i}"));
        args.push("v".into());
    }
    let a: Vec<&str> = args.iter().map(|s| s.as_str()).collect();
    assert_eq!(t.text(&a), ":512\r\n");
    assert_eq!(encoding(&t, "h"), Some("listpack"));
    t.text(&["HSET", "h", "f1", "x"]);
    assert_eq!(encoding(&t, "h"), Some("listpack"));
    t.text(&["HSET", "h", "new", "x"]);
    assert_eq!(encoding(&t, "h"), Some("hashtable"));
    t.text(&["HDEL", "h", "new", "f1", "f2"]);
    assert_eq!(encoding(&t, "h"), Some("hashtable"), "never converts back");

    let v64 = "a".repeat(64);
    let v65 = "a".repeat(65);
    t.text(&["HSET", "v64", "f", &v64]);
    assert_eq!(encoding(&t, "v64"), Some("listpack"));
    t.text(&["HSET", "v65", "f", &v65]);
    assert_eq!(encoding(&t, "v65"), Some("hashtable"));
    t.text(&["HSET", "f65", &v65, "v"]);
    assert_eq!(encoding(&t, "f65"), Some("hashtable"));
    t.text(&["HSETNX", "nx65", "f", &v65]);
    assert_eq!(encoding(&t, "nx65"), Some("hashtable"));

    // 7.2: 513 pairs in one HSET pre-size a table even when they repeat one field.
    let mut args = vec!["HSET".to_string(), "dup".to_string()];
    for _ in 0..513 {
        args.push("f".into());
        args.push("v".into());
    }
    let a: Vec<&str> = args.iter().map(|s| s.as_str()).collect();
    assert_eq!(t.text(&a), ":1\r\n");
    assert_eq!(encoding(&t, "dup"), Some("hashtable"));
    let a: Vec<&str> = a[..2 + 1024].to_vec();
    let mut b = a.clone();
    b[1] = "dup2";
    t.text(&b);
    assert_eq!(encoding(&t, "dup2"), Some("listpack"));
}

#[test]
fn encoding_limits_follow_config_set() {
    let mut t = TestServer::with_args(&["--hash-max-listpack-value", "3"]);
    t.text(&["HSET", "h", "a", "1"]);
    assert_eq!(encoding(&t, "h"), Some("listpack"));
    // HINCRBY results are checked against the value limit too.
    assert_eq!(t.text(&["HINCRBY", "h", "a", "12345"]), ":12346\r\n");
    assert_eq!(encoding(&t, "h"), Some("hashtable"));
    t.text(&["HSET", "g", "a", "1"]);
    assert_eq!(t.text(&["HINCRBYFLOAT", "g", "a", "0.25"]), bulk("1.25"));
    assert_eq!(encoding(&t, "g"), Some("hashtable"));

    let mut t = TestServer::with_args(&["--hash-max-listpack-entries", "0"]);
    t.text(&["HSET", "h", "a", "b"]);
    assert_eq!(encoding(&t, "h"), Some("hashtable"));
    let mut t = TestServer::with_args(&["--hash-max-listpack-entries", "1"]);
    t.text(&["HSET", "h", "a", "b"]);
    assert_eq!(encoding(&t, "h"), Some("listpack"));
    t.text(&["HSET", "h", "b", "c"]);
    assert_eq!(encoding(&t, "h"), Some("hashtable"));
}

#[test]
fn hashtable_behaves_like_listpack() {
    let mut t = TestServer::with_args(&["--hash-max-listpack-entries", "0"]);
    assert_eq!(t.text(&["HSET", "h", "a", "1", "b", "2"]), ":2\r\n");
    assert_eq!(t.text(&["HGET", "h", "b"]), "$1\r\n2\r\n");
    assert_eq!(t.text(&["HDEL", "h", "a"]), ":1\r\n");
    assert_eq!(t.text(&["HLEN", "h"]), ":1\r\n");
    assert_eq!(t.text(&["HGETALL", "h"]), "*2\r\n$1\r\nb\r\n$1\r\n2\r\n");
    assert_eq!(
        t.text(&["HSCAN", "h", "0"]),
        "*2\r\n$1\r\n0\r\n*2\r\n$1\r\nb\r\n$1\r\n2\r\n"
    );
    assert_eq!(t.text(&["HDEL", "h", "b"]), ":1\r\n");
    assert!(!exists(&t, "h"));
}

/// 100k hashes of 10 short fields: the compact encoding must stay under what Redis uses
/// (about 190 bytes of listpack plus ~64 bytes of object/dictEntry/key per hash).
#[test]
fn compact_hash_memory_is_tight() {
    use shoal_store::hash::{Hash, Limits};
    let mut h = Hash::new();
    for i in 0..10 {
        h.insert(
            format!("field:{i}").as_bytes(),
            format!("value:{i}").as_bytes(),
            false,
            Limits::default(),
        );
    }
    // 10 * (1 + 7 + 1 + 7) bytes, nothing else: one exact-size buffer.
    assert_eq!(h.footprint(), 160);
    assert!(std::mem::size_of::<Hash>() <= 24);
}

#[test]
fn option_words_end_at_a_nul_byte() {
    // Bytes from redis-server 7.0 (HRANDFIELD, HSCAN MATCH/COUNT); NOVALUES and FIELDS are
    // newer than 7.0 but parsed with the same strcasecmp, so they must act as the plain word.
    let mut t = TestServer::new();
    t.text(&["HSET", "h", "f", "v"]);
    assert_eq!(
        t.raw(&[b"HRANDFIELD", b"h", b"-1", b"WITHVALUES\0"]),
        b"*2\r\n$1\r\nf\r\n$1\r\nv\r\n"
    );
    assert_eq!(
        t.raw(&[b"HSCAN", b"h", b"0", b"match\0", b"*", b"count\0", b"5"]),
        b"*2\r\n$1\r\n0\r\n*2\r\n$1\r\nf\r\n$1\r\nv\r\n"
    );
    assert_eq!(
        t.raw(&[b"HSCAN", b"h", b"0", b"NOVALUES\0x"]),
        t.raw(&[b"HSCAN", b"h", b"0", b"NOVALUES"])
    );
    assert_eq!(
        t.raw(&[b"HTTL", b"h", b"FIELDS\0", b"1", b"f"]),
        t.raw(&[b"HTTL", b"h", b"FIELDS", b"1", b"f"])
    );
    assert_eq!(
        t.raw(&[b"HTTL", b"h", b"FIELDS\0", b"1", b"f"]),
        b"*1\r\n:-1\r\n"
    );
    assert_eq!(
        t.raw(&[b"HEXPIRE", b"h", b"100", b"fields\0x", b"1", b"f"]),
        b"*1\r\n:1\r\n"
    );
}
