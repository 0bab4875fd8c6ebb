//! Set family tests: exact reply bytes, error texts, encodings at Redis's boundaries.
//! Replies and errors were checked against redis-server 7.0 and, for the 7.2 listpack
//! encoding, against a 7.2-compatible server (Valkey 8.1, which reports redis_version 7.2.4).

use std::collections::BTreeSet;

use shoal_resp::{Proto, Value};

use crate::testing::TestServer;

const ZERO: &str = ":0\r\n";
const ONE: &str = ":1\r\n";
const NIL: &str = "$-1\r\n";
const EMPTY: &str = "*0\r\n";
const WRONGTYPE: &str = "-WRONGTYPE Operation against a key holding the wrong kind of value\r\n";

fn int(n: i64) -> String {
    format!(":{n}\r\n")
}

fn bulk(s: &str) -> String {
    format!("${}\r\n{s}\r\n", s.len())
}

fn err(s: &str) -> String {
    format!("-{s}\r\n")
}

fn resp3() -> TestServer {
    let mut t = TestServer::new();
    t.out.proto = Proto::Resp3;
    t
}

fn strings(items: Vec<Value>) -> Vec<String> {
    items
        .into_iter()
        .map(|i| match i {
            Value::Bulk(b) => String::from_utf8(b).expect("utf-8 member"),
            other => panic!("expected bulk strings, got {other:?}"),
        })
        .collect()
}

/// The bulk strings of an array or set reply, in reply order.
fn list(v: Value) -> Vec<String> {
    match v {
        Value::Array(items) | Value::Set(items) => strings(items),
        other => panic!("expected an array, got {other:?}"),
    }
}

fn set_of(v: Value) -> BTreeSet<String> {
    list(v).into_iter().collect()
}

fn members(t: &mut TestServer, key: &str) -> BTreeSet<String> {
    set_of(t.run(&["SMEMBERS", key]))
}

fn names(items: &[&str]) -> BTreeSet<String> {
    items.iter().map(|s| s.to_string()).collect()
}

fn encoding(t: &mut TestServer, key: &str) -> String {
    match t.run(&["OBJECT", "ENCODING", key]) {
        Value::Bulk(b) => String::from_utf8(b).unwrap(),
        other => panic!("no encoding for {key}: {other:?}"),
    }
}

fn config(t: &TestServer, name: &str, value: &str) {
    t.server
        .config
        .config_set(&[name.as_bytes(), value.as_bytes()], true)
        .expect("config set");
}

/// SADD key with many members given as owned strings.
fn sadd(t: &mut TestServer, key: &str, items: impl IntoIterator<Item = String>) -> String {
    let mut args = vec!["SADD".to_string(), key.to_string()];
    args.extend(items);
    let refs: Vec<&str> = args.iter().map(String::as_str).collect();
    t.text(&refs)
}

/// The argument positions dispatch locks for a command line.
fn getkeys(args: &[&str]) -> Vec<usize> {
    let bytes: Vec<&[u8]> = args.iter().map(|a| a.as_bytes()).collect();
    let args = shoal_resp::Args::from_slices(&bytes);
    let entry = crate::dispatch::resolve(&args).expect("known command");
    let mut out = crate::spec::KeyPositions::new();
    crate::keys::key_positions(entry.spec, &args, &mut out);
    out.to_vec()
}

fn range(prefix: &str, from: i64, to: i64) -> Vec<String> {
    (from..=to).map(|i| format!("{prefix}{i}")).collect()
}

// ---- SADD / SREM / SCARD / SISMEMBER / SMISMEMBER ----------------------------------------

#[test]
fn sadd_counts_new_members_only() {
    let mut t = TestServer::new();
    assert_eq!(t.text(&["SADD", "s", "a", "b", "a"]), int(2));
    assert_eq!(t.text(&["SADD", "s", "a", "c"]), ONE);
    assert_eq!(t.text(&["SADD", "s", "a"]), ZERO);
    assert_eq!(t.text(&["SCARD", "s"]), int(3));
    assert_eq!(members(&mut t, "s"), names(&["a", "b", "c"]));
    assert_eq!(t.text(&["TYPE", "s"]), "+set\r\n");
}

#[test]
fn sadd_binary_and_empty_members() {
    let mut t = TestServer::new();
    assert_eq!(
        t.raw(&[b"SADD", b"s", b"", b"\x00\xff\r\n", b""]),
        int(2).into_bytes()
    );
    assert_eq!(t.raw(&[b"SISMEMBER", b"s", b""]), ONE.as_bytes());
    assert_eq!(
        t.raw(&[b"SISMEMBER", b"s", b"\x00\xff\r\n"]),
        ONE.as_bytes()
    );
    assert_eq!(t.raw(&[b"SREM", b"s", b"\x00\xff\r\n"]), ONE.as_bytes());
    assert_eq!(t.text(&["SMEMBERS", "s"]), "*1\r\n$0\r\n\r\n");
}

#[test]
fn wrong_type_everywhere() {
    let mut t = TestServer::new();
    t.text(&["SET", "str", "x"]);
    t.text(&["SADD", "s", "a"]);
    for cmd in [
        &["SADD", "str", "a"][..],
        &["SREM", "str", "a"],
        &["SMEMBERS", "str"],
        &["SISMEMBER", "str", "a"],
        &["SMISMEMBER", "str", "a"],
        &["SCARD", "str"],
        &["SPOP", "str"],
        &["SPOP", "str", "2"],
        &["SRANDMEMBER", "str"],
        &["SRANDMEMBER", "str", "2"],
        &["SMOVE", "str", "s", "a"],
        &["SMOVE", "s", "str", "a"],
        &["SINTER", "s", "str"],
        &["SINTER", "nokey", "str"],
        &["SINTERCARD", "2", "nokey", "str"],
        &["SINTERSTORE", "d", "nokey", "str"],
        &["SUNION", "nokey", "str"],
        &["SUNIONSTORE", "d", "s", "str"],
        &["SDIFF", "nokey", "str"],
        &["SDIFF", "str", "nokey"],
        &["SDIFFSTORE", "d", "s", "str"],
        &["SSCAN", "str", "0"],
    ] {
        assert_eq!(t.text(cmd), WRONGTYPE, "{cmd:?}");
    }
    // Nothing was stored or deleted by the failed commands.
    assert_eq!(t.text(&["EXISTS", "d"]), ZERO);
    assert_eq!(t.text(&["GET", "str"]), bulk("x"));
    assert_eq!(members(&mut t, "s"), names(&["a"]));
}

#[test]
fn missing_keys() {
    let mut t = TestServer::new();
    assert_eq!(t.text(&["SREM", "nokey", "a"]), ZERO);
    assert_eq!(t.text(&["SCARD", "nokey"]), ZERO);
    assert_eq!(t.text(&["SISMEMBER", "nokey", "a"]), ZERO);
    assert_eq!(
        t.text(&["SMISMEMBER", "nokey", "a", "b"]),
        "*2\r\n:0\r\n:0\r\n"
    );
    assert_eq!(t.text(&["SMEMBERS", "nokey"]), EMPTY);
    assert_eq!(t.text(&["SPOP", "nokey"]), NIL);
    assert_eq!(t.text(&["SPOP", "nokey", "3"]), EMPTY);
    assert_eq!(t.text(&["SRANDMEMBER", "nokey"]), NIL);
    assert_eq!(t.text(&["SRANDMEMBER", "nokey", "-3"]), EMPTY);
    assert_eq!(t.text(&["SMOVE", "nokey", "d", "a"]), ZERO);
    assert_eq!(t.text(&["SSCAN", "nokey", "0"]), "*2\r\n$1\r\n0\r\n*0\r\n");
    // Options are not even parsed for a missing key, as in Redis.
    assert_eq!(
        t.text(&["SSCAN", "nokey", "0", "COUNT", "0"]),
        "*2\r\n$1\r\n0\r\n*0\r\n"
    );
    assert_eq!(t.text(&["EXISTS", "d"]), ZERO);
}

#[test]
fn srem_deletes_the_emptied_key() {
    let mut t = TestServer::new();
    t.text(&["SADD", "s", "1", "2", "x"]);
    assert_eq!(t.text(&["SREM", "s", "1", "nope", "1"]), ONE);
    assert_eq!(t.text(&["SREM", "s", "2", "x", "2"]), int(2));
    assert_eq!(t.text(&["EXISTS", "s"]), ZERO);
    t.text(&["SADD", "i", "5"]);
    // An intset cannot hold a non-integer: nothing to remove, no error.
    assert_eq!(t.text(&["SREM", "i", "five", "05"]), ZERO);
    assert_eq!(t.text(&["SREM", "i", "5"]), ONE);
    assert_eq!(t.text(&["EXISTS", "i"]), ZERO);
}

#[test]
fn membership_in_every_encoding() {
    let mut t = TestServer::new();
    t.text(&["SADD", "i", "1", "-5", "9223372036854775807"]);
    t.text(&["SADD", "l", "1", "a"]);
    sadd(&mut t, "h", range("m", 0, 200));
    t.text(&["SADD", "h", "1"]);
    assert_eq!(encoding(&mut t, "i"), "intset");
    assert_eq!(encoding(&mut t, "l"), "listpack");
    assert_eq!(encoding(&mut t, "h"), "hashtable");
    for key in ["i", "l", "h"] {
        assert_eq!(t.text(&["SISMEMBER", key, "1"]), ONE, "{key}");
        assert_eq!(t.text(&["SISMEMBER", key, "01"]), ZERO, "{key}");
        assert_eq!(t.text(&["SISMEMBER", key, "+1"]), ZERO, "{key}");
        assert_eq!(t.text(&["SISMEMBER", key, "2"]), ZERO, "{key}");
        assert_eq!(
            t.text(&["SMISMEMBER", key, "1", "2", "1"]),
            "*3\r\n:1\r\n:0\r\n:1\r\n"
        );
    }
    assert_eq!(t.text(&["SISMEMBER", "i", "9223372036854775807"]), ONE);
    assert_eq!(t.text(&["SISMEMBER", "i", "9223372036854775808"]), ZERO);
}

#[test]
fn arity_errors() {
    let mut t = TestServer::new();
    for (cmd, name) in [
        (&["SADD", "s"][..], "sadd"),
        (&["SREM", "s"], "srem"),
        (&["SMEMBERS"], "smembers"),
        (&["SISMEMBER", "s"], "sismember"),
        (&["SMISMEMBER", "s"], "smismember"),
        (&["SCARD"], "scard"),
        (&["SPOP"], "spop"),
        (&["SRANDMEMBER"], "srandmember"),
        (&["SMOVE", "a", "b"], "smove"),
        (&["SINTER"], "sinter"),
        (&["SINTERCARD", "1"], "sintercard"),
        (&["SINTERSTORE", "d"], "sinterstore"),
        (&["SUNION"], "sunion"),
        (&["SUNIONSTORE", "d"], "sunionstore"),
        (&["SDIFF"], "sdiff"),
        (&["SDIFFSTORE", "d"], "sdiffstore"),
        (&["SSCAN", "s"], "sscan"),
    ] {
        assert_eq!(
            t.text(cmd),
            err(&format!(
                "ERR wrong number of arguments for '{name}' command"
            ))
        );
    }
}

// ---- Encodings ------------------------------------------------------------------------------

#[test]
fn encodings_follow_redis_7_2() {
    let mut t = TestServer::new();
    t.text(&["SADD", "i1", "1"]);
    assert_eq!(encoding(&mut t, "i1"), "intset");
    t.text(&["SADD", "i1", "a"]);
    assert_eq!(encoding(&mut t, "i1"), "listpack");

    sadd(&mut t, "l128", range("a", 1, 128));
    assert_eq!(encoding(&mut t, "l128"), "listpack");
    t.text(&["SADD", "l128", "zz"]);
    assert_eq!(encoding(&mut t, "l128"), "hashtable");

    sadd(&mut t, "l129", range("a", 1, 129));
    assert_eq!(encoding(&mut t, "l129"), "hashtable");

    // The argument count decides, duplicates or not.
    sadd(&mut t, "dup", vec!["x".to_string(); 129]);
    assert_eq!(encoding(&mut t, "dup"), "hashtable");
    assert_eq!(t.text(&["SCARD", "dup"]), ONE);
    sadd(&mut t, "dupi", vec!["1".to_string(); 513]);
    assert_eq!(encoding(&mut t, "dupi"), "hashtable");
    sadd(&mut t, "dupi2", vec!["1".to_string(); 200]);
    assert_eq!(encoding(&mut t, "dupi2"), "intset");
    t.text(&["SADD", "lp", "a"]);
    sadd(&mut t, "lp", vec!["a".to_string(); 129]);
    assert_eq!(encoding(&mut t, "lp"), "hashtable");

    t.text(&["SADD", "v64", &"x".repeat(64)]);
    assert_eq!(encoding(&mut t, "v64"), "listpack");
    t.text(&["SADD", "v65", &"x".repeat(65)]);
    assert_eq!(encoding(&mut t, "v65"), "hashtable");

    sadd(&mut t, "is512", range("", 1, 512));
    assert_eq!(encoding(&mut t, "is512"), "intset");
    t.text(&["SADD", "is512", "513"]);
    assert_eq!(encoding(&mut t, "is512"), "hashtable");

    sadd(&mut t, "is127", range("", 1, 127));
    t.text(&["SADD", "is127", "a"]);
    assert_eq!(encoding(&mut t, "is127"), "listpack");
    sadd(&mut t, "is128", range("", 1, 128));
    t.text(&["SADD", "is128", "a"]);
    assert_eq!(encoding(&mut t, "is128"), "hashtable");

    t.text(&["SADD", "lp1", "a"]);
    sadd(&mut t, "lp1", range("", 1, 127));
    assert_eq!(encoding(&mut t, "lp1"), "listpack");
    t.text(&["SADD", "lp1", "1000"]);
    assert_eq!(encoding(&mut t, "lp1"), "hashtable");

    // Never back to a smaller encoding by removals.
    t.text(&["SADD", "lpi", "a", "1", "2"]);
    t.text(&["SREM", "lpi", "a"]);
    assert_eq!(encoding(&mut t, "lpi"), "listpack");
    sadd(&mut t, "big", range("a", 1, 200));
    sadd(&mut t, "big", vec![]);
    let mut args = vec!["SREM".to_string(), "big".to_string()];
    args.extend(range("a", 1, 199));
    let refs: Vec<&str> = args.iter().map(String::as_str).collect();
    assert_eq!(t.text(&refs), int(199));
    assert_eq!(encoding(&mut t, "big"), "hashtable");
}

#[test]
fn encodings_read_the_config_at_write_time() {
    let mut t = TestServer::new();
    config(&t, "set-max-intset-entries", "3");
    t.text(&["SADD", "s", "1", "2", "3"]);
    assert_eq!(encoding(&mut t, "s"), "intset");
    t.text(&["SADD", "s", "4"]);
    assert_eq!(encoding(&mut t, "s"), "hashtable");
    config(&t, "set-max-listpack-entries", "2");
    config(&t, "set-max-listpack-value", "3");
    t.text(&["SADD", "l", "abc", "de"]);
    assert_eq!(encoding(&mut t, "l"), "listpack");
    t.text(&["SADD", "l", "f"]);
    assert_eq!(encoding(&mut t, "l"), "hashtable");
    t.text(&["SADD", "w", "abcd"]);
    assert_eq!(encoding(&mut t, "w"), "hashtable");
    // An intset whose widest integer exceeds the value limit goes straight to a hashtable.
    t.text(&["SADD", "n", "1000"]);
    t.text(&["SADD", "n", "a"]);
    assert_eq!(encoding(&mut t, "n"), "hashtable");
    t.text(&["SADD", "m", "-99"]);
    t.text(&["SADD", "m", "a"]);
    assert_eq!(encoding(&mut t, "m"), "listpack");
}

#[test]
fn intset_members_come_sorted() {
    let mut t = TestServer::new();
    t.text(&[
        "SADD",
        "s",
        "5",
        "-3",
        "100000",
        "0",
        "-9223372036854775808",
    ]);
    assert_eq!(encoding(&mut t, "s"), "intset");
    assert_eq!(
        list(t.run(&["SMEMBERS", "s"])),
        vec!["-9223372036854775808", "-3", "0", "5", "100000"]
    );
    assert_eq!(
        list(t.run(&["SUNION", "s"])),
        vec!["-9223372036854775808", "-3", "0", "5", "100000"]
    );
}

#[test]
fn store_results_take_redis_encodings() {
    let mut t = TestServer::new();
    sadd(&mut t, "hti", range("", 1, 600));
    sadd(&mut t, "hti2", range("", 1, 600));
    assert_eq!(t.text(&["SINTERSTORE", "d1", "hti", "hti2"]), int(600));
    assert_eq!(encoding(&mut t, "d1"), "hashtable");

    let mut a = range("", 1, 300);
    a.push("a".into());
    sadd(&mut t, "hts", a);
    let mut b = range("", 1, 300);
    b.push("b".into());
    sadd(&mut t, "hts2", b);
    assert_eq!(t.text(&["SINTERSTORE", "d2", "hts", "hts2"]), int(300));
    assert_eq!(encoding(&mut t, "d2"), "intset");

    t.text(&["SADD", "lps", "1", "2", "a"]);
    t.text(&["SADD", "lps2", "1", "2", "b"]);
    assert_eq!(t.text(&["SINTERSTORE", "d3", "lps", "lps2"]), int(2));
    assert_eq!(encoding(&mut t, "d3"), "intset");
    assert_eq!(t.text(&["SUNIONSTORE", "d4", "lps"]), int(3));
    assert_eq!(encoding(&mut t, "d4"), "listpack");
    assert_eq!(t.text(&["SUNIONSTORE", "d5", "hti"]), int(600));
    assert_eq!(encoding(&mut t, "d5"), "hashtable");
    assert_eq!(t.text(&["SDIFFSTORE", "d6", "hts", "hti"]), ONE);
    assert_eq!(encoding(&mut t, "d6"), "listpack");
    t.text(&["SADD", "ints", "1", "2", "3"]);
    assert_eq!(t.text(&["SUNIONSTORE", "d7", "ints", "lps"]), int(4));
    assert_eq!(encoding(&mut t, "d7"), "listpack");

    // SDIFF's second algorithm (add all, then remove) is chosen here, and passes through a
    // hashtable; the first algorithm would have built a listpack.
    sadd(&mut t, "big130", range("a", 1, 130));
    for (k, m) in [("s1", "a1"), ("s2", "a2"), ("s3", "a3")] {
        t.text(&["SADD", k, m]);
    }
    assert_eq!(
        t.text(&["SDIFFSTORE", "d8", "big130", "s1", "s2", "s3"]),
        int(127)
    );
    assert_eq!(encoding(&mut t, "d8"), "hashtable");
    sadd(&mut t, "big126", range("a", 1, 126));
    assert_eq!(t.text(&["SDIFFSTORE", "d9", "big126", "s1"]), int(125));
    assert_eq!(encoding(&mut t, "d9"), "listpack");

    config(&t, "set-max-intset-entries", "10");
    // Too many integers for an intset at creation: a listpack of integers.
    sadd(&mut t, "bb", range("", 1, 20));
    assert_eq!(encoding(&mut t, "bb"), "listpack");
    assert_eq!(t.text(&["SUNIONSTORE", "d10", "bb"]), int(20));
    assert_eq!(encoding(&mut t, "d10"), "hashtable");
    let mut c = range("", 1, 15);
    c.push("a".into());
    sadd(&mut t, "lpints", c);
    assert_eq!(t.text(&["SINTERSTORE", "d12", "lpints", "bb"]), int(15));
    assert_eq!(encoding(&mut t, "d12"), "listpack");
}

#[test]
fn spop_rebuilds_like_redis() {
    let mut t = TestServer::new();
    sadd(&mut t, "hx", range("", 1, 1000));
    assert_eq!(list(t.run(&["SPOP", "hx", "900"])).len(), 900);
    assert_eq!(encoding(&mut t, "hx"), "listpack");
    assert_eq!(t.text(&["SCARD", "hx"]), int(100));
    sadd(&mut t, "hz", range("a", 1, 1000));
    t.run(&["SPOP", "hz", "100"]);
    assert_eq!(encoding(&mut t, "hz"), "hashtable");
    assert_eq!(t.text(&["SCARD", "hz"]), int(900));
    sadd(&mut t, "iz", range("", 1, 500));
    t.run(&["SPOP", "iz", "450"]);
    assert_eq!(encoding(&mut t, "iz"), "intset");
    assert_eq!(t.text(&["SCARD", "iz"]), int(50));
}

// ---- SPOP / SRANDMEMBER -----------------------------------------------------------------

#[test]
fn spop_single_and_count() {
    let mut t = TestServer::new();
    t.text(&["SADD", "s", "a", "b", "c"]);
    let popped = match t.run(&["SPOP", "s"]) {
        Value::Bulk(b) => String::from_utf8(b).unwrap(),
        other => panic!("{other:?}"),
    };
    assert!(["a", "b", "c"].contains(&popped.as_str()));
    assert_eq!(t.text(&["SISMEMBER", "s", &popped]), ZERO);
    assert_eq!(t.text(&["SPOP", "s", "0"]), EMPTY);
    let rest = set_of(t.run(&["SPOP", "s", "10"]));
    assert_eq!(rest.len(), 2);
    assert!(!rest.contains(&popped));
    assert_eq!(t.text(&["EXISTS", "s"]), ZERO);
    t.text(&["SADD", "one", "x"]);
    assert_eq!(t.text(&["SPOP", "one"]), bulk("x"));
    assert_eq!(t.text(&["EXISTS", "one"]), ZERO);
}

#[test]
fn spop_count_returns_distinct_members_in_each_strategy() {
    for (n, count) in [
        (10, 1),
        (10, 5),
        (10, 9),
        (300, 299),
        (300, 10),
        (1000, 950),
    ] {
        for prefix in ["", "m"] {
            let mut t = TestServer::new();
            let all: BTreeSet<String> = range(prefix, 1, n).into_iter().collect();
            sadd(&mut t, "s", all.iter().cloned());
            let popped = list(t.run(&["SPOP", "s", &count.to_string()]));
            let unique: BTreeSet<String> = popped.iter().cloned().collect();
            assert_eq!(popped.len(), count as usize);
            assert_eq!(unique.len(), count as usize);
            let left = members(&mut t, "s");
            assert_eq!(left.len(), (n - count) as usize);
            assert!(left.is_disjoint(&unique));
            let union: BTreeSet<String> = left.union(&unique).cloned().collect();
            assert_eq!(union, all);
        }
    }
}

#[test]
fn spop_errors() {
    let mut t = TestServer::new();
    t.text(&["SADD", "s", "a"]);
    let positive = err("ERR value is out of range, must be positive");
    assert_eq!(t.text(&["SPOP", "s", "-1"]), positive);
    assert_eq!(t.text(&["SPOP", "s", "abc"]), positive);
    assert_eq!(t.text(&["SPOP", "nokey", "-1"]), positive);
    t.text(&["SET", "str", "x"]);
    assert_eq!(t.text(&["SPOP", "str", "-1"]), positive);
    assert_eq!(t.text(&["SPOP", "s", "1", "2"]), err("ERR syntax error"));
    assert_eq!(members(&mut t, "s"), names(&["a"]));
}

#[test]
fn resp3_shapes() {
    let mut t = resp3();
    assert_eq!(t.text(&["SPOP", "nokey"]), "_\r\n");
    assert_eq!(t.text(&["SPOP", "nokey", "3"]), "~0\r\n");
    assert_eq!(t.text(&["SRANDMEMBER", "nokey"]), "_\r\n");
    assert_eq!(t.text(&["SRANDMEMBER", "nokey", "3"]), "*0\r\n");
    assert_eq!(t.text(&["SMEMBERS", "nokey"]), "~0\r\n");
    assert_eq!(t.text(&["SINTER", "nokey"]), "~0\r\n");
    assert_eq!(t.text(&["SUNION", "nokey"]), "~0\r\n");
    assert_eq!(t.text(&["SDIFF", "nokey"]), "~0\r\n");
    t.text(&["SADD", "s", "1", "2"]);
    assert_eq!(t.text(&["SMEMBERS", "s"]), "~2\r\n$1\r\n1\r\n$1\r\n2\r\n");
    assert_eq!(t.text(&["SINTER", "s"]), "~2\r\n$1\r\n1\r\n$1\r\n2\r\n");
    assert_eq!(t.text(&["SUNION", "s"]), "~2\r\n$1\r\n1\r\n$1\r\n2\r\n");
    assert_eq!(t.text(&["SDIFF", "s"]), "~2\r\n$1\r\n1\r\n$1\r\n2\r\n");
    assert_eq!(
        t.text(&["SRANDMEMBER", "s", "5"]),
        "*2\r\n$1\r\n1\r\n$1\r\n2\r\n"
    );
    assert_eq!(t.text(&["SPOP", "s", "0"]), "~0\r\n");
    assert_eq!(
        t.text(&["SSCAN", "s", "0"]),
        "*2\r\n$1\r\n0\r\n*2\r\n$1\r\n1\r\n$1\r\n2\r\n"
    );
    assert!(t.text(&["SPOP", "s", "1"]).starts_with("~1\r\n$1\r\n"));
    assert!(t.text(&["SPOP", "s", "5"]).starts_with("~1\r\n$1\r\n"));
    assert_eq!(t.text(&["EXISTS", "s"]), ":0\r\n");
}

#[test]
fn srandmember_counts() {
    let mut t = TestServer::new();
    sadd(&mut t, "s", range("", 1, 5));
    t.text(&["SADD", "l", "a", "b", "c", "d", "e"]);
    sadd(&mut t, "h", range("m", 1, 300));
    for key in ["s", "l", "h"] {
        let all = members(&mut t, key);
        assert_eq!(t.text(&["SRANDMEMBER", key, "0"]), EMPTY);
        for count in [1usize, 2, 4, 5, 6, 100, 299] {
            let got = list(t.run(&["SRANDMEMBER", key, &count.to_string()]));
            let unique: BTreeSet<String> = got.iter().cloned().collect();
            assert_eq!(got.len(), count.min(all.len()), "{key} {count}");
            assert_eq!(unique.len(), got.len(), "{key} {count} distinct");
            assert!(unique.is_subset(&all));
        }
        let got = list(t.run(&["SRANDMEMBER", key, "-20"]));
        assert_eq!(got.len(), 20);
        assert!(got.iter().all(|m| all.contains(m)));
        // Huge positive counts are the whole set.
        assert_eq!(
            set_of(t.run(&["SRANDMEMBER", key, "9223372036854775807"])),
            all
        );
        assert_eq!(
            members(&mut t, key),
            all,
            "SRANDMEMBER leaves the set alone"
        );
    }
    // Repeats do happen with a negative count.
    t.text(&["SADD", "two", "x", "y"]);
    let got = list(t.run(&["SRANDMEMBER", "two", "-50"]));
    assert_eq!(got.len(), 50);
    assert!(got.iter().any(|m| m == "x") && got.iter().any(|m| m == "y"));
    // The intset whole-set reply is in ascending order.
    assert_eq!(
        t.text(&["SRANDMEMBER", "s", "10"]),
        "*5\r\n$1\r\n1\r\n$1\r\n2\r\n$1\r\n3\r\n$1\r\n4\r\n$1\r\n5\r\n"
    );
    let Value::Bulk(one) = t.run(&["SRANDMEMBER", "s"]) else {
        panic!("SRANDMEMBER without a count is a bulk string");
    };
    assert!(members(&mut t, "s").contains(std::str::from_utf8(&one).unwrap()));
}

#[test]
fn srandmember_errors() {
    let mut t = TestServer::new();
    t.text(&["SADD", "s", "a"]);
    t.text(&["SET", "str", "x"]);
    let range = err(
        "ERR value is out of range, value must between -9223372036854775807 and 9223372036854775807",
    );
    assert_eq!(t.text(&["SRANDMEMBER", "s", "-9223372036854775808"]), range);
    assert_eq!(
        t.text(&["SRANDMEMBER", "nokey", "-9223372036854775808"]),
        range
    );
    assert_eq!(
        t.text(&["SRANDMEMBER", "str", "-9223372036854775808"]),
        range
    );
    assert_eq!(
        t.text(&["SRANDMEMBER", "s", "x"]),
        err("ERR value is not an integer or out of range")
    );
    assert_eq!(
        t.text(&["SRANDMEMBER", "s", "9223372036854775808"]),
        err("ERR value is not an integer or out of range")
    );
    assert_eq!(
        t.text(&["SRANDMEMBER", "s", "1", "2"]),
        err("ERR syntax error")
    );
    assert_eq!(t.text(&["SRANDMEMBER", "str", "5"]), WRONGTYPE);
    assert_eq!(t.text(&["SRANDMEMBER", "s", "-1"]), "*1\r\n$1\r\na\r\n");
    assert_eq!(t.text(&["SRANDMEMBER", "s"]), bulk("a"));
}

// ---- SMOVE ------------------------------------------------------------------------------

#[test]
fn smove_between_keys() {
    let mut t = TestServer::new();
    t.text(&["SADD", "src", "a", "b"]);
    t.text(&["SADD", "dst", "c"]);
    assert_eq!(t.text(&["SMOVE", "src", "dst", "a"]), ONE);
    assert_eq!(members(&mut t, "src"), names(&["b"]));
    assert_eq!(members(&mut t, "dst"), names(&["a", "c"]));
    assert_eq!(t.text(&["SMOVE", "src", "dst", "zz"]), ZERO);
    // Already in the destination: still 1, and the source loses it.
    t.text(&["SADD", "src", "c"]);
    assert_eq!(t.text(&["SMOVE", "src", "dst", "c"]), ONE);
    assert_eq!(members(&mut t, "src"), names(&["b"]));
    // The last member leaves: the source key goes, the destination is created.
    assert_eq!(t.text(&["SMOVE", "src", "new", "b"]), ONE);
    assert_eq!(t.text(&["EXISTS", "src"]), ZERO);
    assert_eq!(members(&mut t, "new"), names(&["b"]));
    assert_eq!(encoding(&mut t, "new"), "listpack");
    t.text(&["SADD", "ints", "7"]);
    assert_eq!(t.text(&["SMOVE", "ints", "newi", "7"]), ONE);
    assert_eq!(encoding(&mut t, "newi"), "intset");
}

#[test]
fn smove_same_key_and_types() {
    let mut t = TestServer::new();
    t.text(&["SADD", "s", "a"]);
    assert_eq!(t.text(&["SMOVE", "s", "s", "a"]), ONE);
    assert_eq!(t.text(&["SMOVE", "s", "s", "b"]), ZERO);
    assert_eq!(members(&mut t, "s"), names(&["a"]));
    t.text(&["SET", "str", "x"]);
    // A missing source answers 0 before the destination's type is looked at.
    assert_eq!(t.text(&["SMOVE", "nokey", "str", "a"]), ZERO);
    assert_eq!(t.text(&["SMOVE", "s", "str", "a"]), WRONGTYPE);
    assert_eq!(t.text(&["SMOVE", "str", "s", "a"]), WRONGTYPE);
    assert_eq!(t.text(&["SMOVE", "str", "str", "a"]), WRONGTYPE);
    assert_eq!(members(&mut t, "s"), names(&["a"]));
}

#[test]
fn smove_across_slots_and_declares_both_keys() {
    let mut t = TestServer::new();
    let (a, b) = ("{x}src", "{y}dst");
    assert_ne!(
        shoal_util::key_slot(a.as_bytes()),
        shoal_util::key_slot(b.as_bytes())
    );
    t.text(&["SADD", a, "m1", "m2"]);
    assert_eq!(t.text(&["SMOVE", a, b, "m1"]), ONE);
    assert_eq!(members(&mut t, a), names(&["m2"]));
    assert_eq!(members(&mut t, b), names(&["m1"]));
    assert_eq!(getkeys(&["SMOVE", a, b, "m"]), vec![1, 2]);
}

#[test]
fn expired_keys_are_missing() {
    let mut t = TestServer::new();
    t.text(&["SADD", "s", "a"]);
    t.text(&["SADD", "d", "z"]);
    t.text(&["PEXPIRE", "s", "100"]);
    t.text(&["PEXPIRE", "d", "100"]);
    t.clock_offset_ms = 200;
    assert_eq!(t.text(&["SCARD", "s"]), ZERO);
    assert_eq!(t.text(&["SMOVE", "s", "d", "a"]), ZERO);
    assert_eq!(t.text(&["SADD", "s", "b"]), ONE);
    assert_eq!(t.text(&["PTTL", "s"]), int(-1));
    assert_eq!(t.text(&["SUNION", "s", "d"]), "*1\r\n$1\r\nb\r\n");
}

// ---- SINTER / SINTERCARD / SINTERSTORE -------------------------------------------------------

#[test]
fn sinter_family() {
    let mut t = TestServer::new();
    t.text(&["SADD", "a", "1", "2", "3", "x"]);
    t.text(&["SADD", "b", "2", "3", "4", "x"]);
    t.text(&["SADD", "c", "3", "x", "y"]);
    assert_eq!(
        set_of(t.run(&["SINTER", "a", "b", "c"])),
        names(&["3", "x"])
    );
    assert_eq!(set_of(t.run(&["SINTER", "a", "a"])), members(&mut t, "a"));
    assert_eq!(t.text(&["SINTER", "a", "nokey"]), EMPTY);
    assert_eq!(t.text(&["SINTERCARD", "3", "a", "b", "c"]), int(2));
    assert_eq!(t.text(&["SINTERCARD", "2", "a", "b"]), int(3));
    assert_eq!(t.text(&["SINTERCARD", "2", "a", "b", "LIMIT", "2"]), int(2));
    assert_eq!(t.text(&["SINTERCARD", "2", "a", "b", "limit", "0"]), int(3));
    assert_eq!(
        t.text(&["SINTERCARD", "1", "a", "LIMIT", "0", "LIMIT", "1"]),
        ONE
    );
    assert_eq!(t.text(&["SINTERCARD", "2", "a", "nokey"]), ZERO);
    assert_eq!(t.text(&["SINTERSTORE", "d", "a", "b", "c"]), int(2));
    assert_eq!(members(&mut t, "d"), names(&["3", "x"]));
    assert_eq!(encoding(&mut t, "d"), "listpack");
    // An empty result deletes the destination, whatever it held.
    t.text(&["PEXPIRE", "d", "100000"]);
    assert_eq!(t.text(&["SINTERSTORE", "d", "a", "nokey"]), ZERO);
    assert_eq!(t.text(&["EXISTS", "d"]), ZERO);
    t.text(&["SET", "d", "string"]);
    assert_eq!(t.text(&["SINTERSTORE", "d", "a", "b"]), int(3));
    assert_eq!(t.text(&["TYPE", "d"]), "+set\r\n");
    assert_eq!(t.text(&["PTTL", "d"]), int(-1));
    // The destination may be one of the sources.
    assert_eq!(t.text(&["SINTERSTORE", "a", "a", "c"]), int(2));
    assert_eq!(members(&mut t, "a"), names(&["3", "x"]));
}

#[test]
fn sintercard_errors() {
    let mut t = TestServer::new();
    t.text(&["SADD", "s", "a"]);
    t.text(&["SET", "str", "x"]);
    let numkeys = err("ERR numkeys should be greater than 0");
    assert_eq!(t.text(&["SINTERCARD", "0", "a"]), numkeys);
    assert_eq!(t.text(&["SINTERCARD", "-1", "a"]), numkeys);
    assert_eq!(t.text(&["SINTERCARD", "x", "a"]), numkeys);
    assert_eq!(t.text(&["SINTERCARD", "9223372036854775808", "a"]), numkeys);
    assert_eq!(
        t.text(&["SINTERCARD", "3", "a", "b"]),
        err("ERR Number of keys can't be greater than number of args")
    );
    let limit = err("ERR LIMIT can't be negative");
    assert_eq!(t.text(&["SINTERCARD", "1", "s", "LIMIT", "-1"]), limit);
    assert_eq!(t.text(&["SINTERCARD", "1", "s", "LIMIT", "x"]), limit);
    // Argument errors come before the type check.
    assert_eq!(t.text(&["SINTERCARD", "1", "str", "LIMIT", "-1"]), limit);
    assert_eq!(
        t.text(&["SINTERCARD", "1", "s", "LIMIT"]),
        err("ERR syntax error")
    );
    assert_eq!(
        t.text(&["SINTERCARD", "1", "s", "FOO", "1"]),
        err("ERR syntax error")
    );
    assert_eq!(
        getkeys(&["SINTERCARD", "2", "a", "b", "LIMIT", "1"]),
        vec![2, 3]
    );
    assert_eq!(getkeys(&["SINTERSTORE", "d", "a", "b"]), vec![1, 2, 3]);
}

// ---- SUNION / SDIFF ---------------------------------------------------------------------------

#[test]
fn sunion_and_sdiff() {
    let mut t = TestServer::new();
    t.text(&["SADD", "a", "1", "2", "x"]);
    t.text(&["SADD", "b", "2", "3", "y"]);
    assert_eq!(
        set_of(t.run(&["SUNION", "a", "nokey", "b"])),
        names(&["1", "2", "3", "x", "y"])
    );
    assert_eq!(set_of(t.run(&["SDIFF", "a", "b"])), names(&["1", "x"]));
    assert_eq!(
        set_of(t.run(&["SDIFF", "a", "nokey"])),
        names(&["1", "2", "x"])
    );
    assert_eq!(t.text(&["SDIFF", "nokey", "a"]), EMPTY);
    assert_eq!(t.text(&["SDIFF", "a", "b", "a"]), EMPTY);
    assert_eq!(t.text(&["SDIFF", "a", "a"]), EMPTY);
    assert_eq!(t.text(&["SUNIONSTORE", "u", "a", "b"]), int(5));
    assert_eq!(members(&mut t, "u"), names(&["1", "2", "3", "x", "y"]));
    assert_eq!(t.text(&["SDIFFSTORE", "dd", "a", "b"]), int(2));
    assert_eq!(members(&mut t, "dd"), names(&["1", "x"]));
    assert_eq!(t.text(&["SDIFFSTORE", "dd", "a", "a"]), ZERO);
    assert_eq!(t.text(&["EXISTS", "dd"]), ZERO);
    assert_eq!(t.text(&["SUNIONSTORE", "u", "nokey"]), ZERO);
    assert_eq!(t.text(&["EXISTS", "u"]), ZERO);
    // Both diff algorithms give the same members.
    sadd(&mut t, "big", range("", 1, 100));
    t.text(&["SADD", "r1", "5"]);
    t.text(&["SADD", "r2", "6", "7"]);
    let expect: BTreeSet<String> = range("", 1, 100)
        .into_iter()
        .filter(|m| !["5", "6", "7"].contains(&m.as_str()))
        .collect();
    assert_eq!(set_of(t.run(&["SDIFF", "big", "r1", "r2"])), expect);
    assert_eq!(
        set_of(t.run(&["SDIFF", "big", "r1", "r2", "r1", "r2"])),
        expect
    );
}

#[test]
fn union_diff_across_slots() {
    let mut t = TestServer::new();
    let keys = ["{a}1", "{b}2", "{c}3"];
    t.text(&["SADD", keys[0], "x", "y"]);
    t.text(&["SADD", keys[1], "y", "z"]);
    assert_eq!(t.text(&["SUNIONSTORE", keys[2], keys[0], keys[1]]), int(3));
    assert_eq!(t.text(&["SDIFFSTORE", keys[2], keys[0], keys[1]]), ONE);
    assert_eq!(members(&mut t, keys[2]), names(&["x"]));
    assert_eq!(t.text(&["SINTERSTORE", keys[2], keys[0], keys[1]]), ONE);
    assert_eq!(members(&mut t, keys[2]), names(&["y"]));
}

// ---- SSCAN -----------------------------------------------------------------------------------

#[test]
fn sscan_small_sets_come_whole() {
    let mut t = TestServer::new();
    t.text(&["SADD", "i", "3", "1", "2"]);
    t.text(&["SADD", "l", "b", "a"]);
    assert_eq!(
        t.text(&["SSCAN", "i", "0"]),
        "*2\r\n$1\r\n0\r\n*3\r\n$1\r\n1\r\n$1\r\n2\r\n$1\r\n3\r\n"
    );
    // Any cursor returns everything for a compact encoding.
    assert_eq!(
        t.text(&["SSCAN", "l", "12345", "COUNT", "1"]),
        "*2\r\n$1\r\n0\r\n*2\r\n$1\r\nb\r\n$1\r\na\r\n"
    );
    assert_eq!(
        t.text(&["SSCAN", "i", "0", "MATCH", "[12]"]),
        "*2\r\n$1\r\n0\r\n*2\r\n$1\r\n1\r\n$1\r\n2\r\n"
    );
    assert_eq!(
        t.text(&["SSCAN", "l", "0", "match", "*", "count", "5"]),
        "*2\r\n$1\r\n0\r\n*2\r\n$1\r\nb\r\n$1\r\na\r\n"
    );
}

#[test]
fn sscan_errors() {
    let mut t = TestServer::new();
    t.text(&["SADD", "s", "a"]);
    let syntax = err("ERR syntax error");
    assert_eq!(t.text(&["SSCAN", "s", "0", "COUNT", "0"]), syntax);
    assert_eq!(t.text(&["SSCAN", "s", "0", "COUNT", "-1"]), syntax);
    assert_eq!(
        t.text(&["SSCAN", "s", "0", "COUNT", "x"]),
        err("ERR value is not an integer or out of range")
    );
    assert_eq!(t.text(&["SSCAN", "s", "0", "TYPE", "string"]), syntax);
    assert_eq!(t.text(&["SSCAN", "s", "0", "MATCH"]), syntax);
    assert_eq!(t.text(&["SSCAN", "s", "0", "NOVALUES"]), syntax);
    let cursor = err("ERR invalid cursor");
    assert_eq!(t.text(&["SSCAN", "s", "x"]), cursor);
    assert_eq!(t.text(&["SSCAN", "nokey", "x"]), cursor);
    assert_eq!(t.text(&["SSCAN", "s", "18446744073709551616"]), cursor);
    assert_eq!(t.text(&["SSCAN", "s", " 1"]), cursor);
}

/// Runs a full SSCAN and returns every member seen (with repeats).
fn full_scan(t: &mut TestServer, key: &str, extra: &[&str]) -> Vec<String> {
    let mut cursor = "0".to_string();
    let mut seen = Vec::new();
    let mut calls = 0;
    loop {
        let mut args = vec!["SSCAN", key, &cursor];
        args.extend_from_slice(extra);
        let Value::Array(mut parts) = t.run(&args) else {
            panic!("SSCAN reply is an array");
        };
        let page = parts.pop().unwrap();
        let Value::Bulk(next) = parts.pop().unwrap() else {
            panic!("cursor is a bulk string");
        };
        seen.extend(list(page));
        cursor = String::from_utf8(next).unwrap();
        calls += 1;
        assert!(calls < 10_000);
        if cursor == "0" {
            return seen;
        }
    }
}

#[test]
fn sscan_hashtable_walks_everything() {
    let mut t = TestServer::new();
    let all: BTreeSet<String> = range("m", 0, 999).into_iter().collect();
    sadd(&mut t, "h", all.iter().cloned());
    assert_eq!(encoding(&mut t, "h"), "hashtable");
    let seen = full_scan(&mut t, "h", &["COUNT", "7"]);
    assert_eq!(seen.len(), 1000, "no repeats without resizes");
    assert_eq!(seen.into_iter().collect::<BTreeSet<_>>(), all);
    let matched: BTreeSet<String> = full_scan(&mut t, "h", &["MATCH", "m9?"])
        .into_iter()
        .collect();
    assert_eq!(matched, range("m", 90, 99).into_iter().collect());
    // A first call with the default COUNT returns about ten, not everything.
    let Value::Array(parts) = t.run(&["SSCAN", "h", "0"]) else {
        panic!()
    };
    assert!(list(parts[1].clone()).len() < 100);
}

// ---- Declarations -------------------------------------------------------------------------

use crate::testing::describe_tips_first as describe;

#[test]
fn declarations_match_redis() {
    // Transcribed from COMMAND INFO on redis-server 7.0.15.
    let expect = [
        "sadd -3 write denyoom fast @write @set @fast | RW insert index 1 range 0 1 0",
        "srem -3 write fast @write @set @fast | RW delete index 1 range 0 1 0",
        "smembers 2 readonly @read @set @slow nondeterministic_output_order | RO access index 1 range 0 1 0",
        "sismember 3 readonly fast @read @set @fast | RO index 1 range 0 1 0",
        "smismember -3 readonly fast @read @set @fast | RO access index 1 range 0 1 0",
        "scard 2 readonly fast @read @set @fast | RO index 1 range 0 1 0",
        "spop -2 write fast @write @set @fast nondeterministic_output | RW access delete index 1 range 0 1 0",
        "srandmember -2 readonly @read @set @slow nondeterministic_output | RO access index 1 range 0 1 0",
        "smove 4 write fast @write @set @fast | RW access delete index 1 range 0 1 0 | RW insert index 2 range 0 1 0",
        "sinter -2 readonly @read @set @slow nondeterministic_output_order | RO access index 1 range -1 1 0",
        "sintercard -3 readonly movablekeys @read @set @slow | RO access index 1 keynum 0 1 1",
        "sinterstore -3 write denyoom @write @set @slow | RW update index 1 range 0 1 0 | RO access index 2 range -1 1 0",
        "sunion -2 readonly @read @set @slow nondeterministic_output_order | RO access index 1 range -1 1 0",
        "sunionstore -3 write denyoom @write @set @slow | OW update index 1 range 0 1 0 | RO access index 2 range -1 1 0",
        "sdiff -2 readonly @read @set @slow nondeterministic_output_order | RO access index 1 range -1 1 0",
        "sdiffstore -3 write denyoom @write @set @slow | OW update index 1 range 0 1 0 | RO access index 2 range -1 1 0",
        "sscan -3 readonly @read @set @slow nondeterministic_output | RO access index 1 range 0 1 0",
    ];
    for line in expect {
        let name = line.split(' ').next().expect("name");
        assert_eq!(describe(name), line);
    }
}

// ---- Model check ------------------------------------------------------------------------------

mod model {
    use std::collections::BTreeSet;

    use proptest::prelude::*;

    use super::{config, members, sadd, set_of};
    use crate::testing::TestServer;

    fn member() -> impl Strategy<Value = String> {
        prop_oneof![
            (-20i64..20).prop_map(|v| v.to_string()),
            Just("9223372036854775807".to_string()),
            "[a-d]{1,2}",
            "y{5,9}",
        ]
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(64))]

        /// Set algebra agrees with a model under any thresholds, and every STORE result holds
        /// exactly the members its plain form replies with.
        #[test]
        fn algebra_matches_model(
            inputs in proptest::collection::vec(proptest::collection::vec(member(), 0..40), 3),
            intset in 0usize..30,
            listpack in 0usize..30,
            value in 0usize..8,
        ) {
            let mut t = TestServer::new();
            config(&t, "set-max-intset-entries", &intset.to_string());
            config(&t, "set-max-listpack-entries", &listpack.to_string());
            config(&t, "set-max-listpack-value", &value.to_string());
            let keys = ["a", "{a}b", "c"];
            let mut model: Vec<BTreeSet<String>> = Vec::new();
            for (k, items) in keys.iter().zip(&inputs) {
                if !items.is_empty() {
                    sadd(&mut t, k, items.iter().cloned());
                }
                model.push(items.iter().cloned().collect());
            }
            let inter: BTreeSet<String> = model[0]
                .iter()
                .filter(|m| model[1].contains(*m) && model[2].contains(*m))
                .cloned()
                .collect();
            let union: BTreeSet<String> = model.iter().flatten().cloned().collect();
            let diff: BTreeSet<String> = model[0]
                .iter()
                .filter(|m| !model[1].contains(*m) && !model[2].contains(*m))
                .cloned()
                .collect();
            for (k, m) in keys.iter().zip(&model) {
                prop_assert_eq!(&members(&mut t, k), m);
            }
            prop_assert_eq!(set_of(t.run(&["SINTER", "a", "{a}b", "c"])), inter.clone());
            prop_assert_eq!(set_of(t.run(&["SUNION", "a", "{a}b", "c"])), union.clone());
            prop_assert_eq!(set_of(t.run(&["SDIFF", "a", "{a}b", "c"])), diff.clone());
            prop_assert_eq!(
                t.text(&["SINTERCARD", "3", "a", "{a}b", "c"]),
                format!(":{}\r\n", inter.len())
            );
            for (cmd, want) in [("SINTERSTORE", &inter), ("SUNIONSTORE", &union), ("SDIFFSTORE", &diff)] {
                prop_assert_eq!(
                    t.text(&[cmd, "d", "a", "{a}b", "c"]),
                    format!(":{}\r\n", want.len())
                );
                prop_assert_eq!(&members(&mut t, "d"), want);
            }
        }
    }
}

#[test]
fn option_words_end_at_a_nul_byte() {
    // Bytes from redis-server 7.0: its strcasecmp stops at the first NUL.
    let mut t = TestServer::new();
    t.text(&["SADD", "s", "m"]);
    assert_eq!(
        t.raw(&[b"SSCAN", b"s", b"0", b"match\0", b"*", b"count\0", b"5"]),
        b"*2\r\n$1\r\n0\r\n*1\r\n$1\r\nm\r\n"
    );
    assert_eq!(
        t.raw(&[b"SINTERCARD", b"1", b"s", b"LIMIT\0", b"0"]),
        b":1\r\n"
    );
    assert_eq!(
        t.raw(&[b"SINTERCARD", b"1", b"s", b"LIMI\0T", b"0"]),
        b"-ERR syntax error\r\n"
    );
}
