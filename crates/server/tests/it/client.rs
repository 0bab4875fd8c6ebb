//! Through a real client library (the `redis` crate, sync API), as applications use shoal.
//! Connecting exercises what the crate sends first (CLIENT SETINFO, whose errors it ignores).

use redis::{Commands, ConnectionLike, ErrorKind, Value};

use crate::support::{require, Shoal};

fn connect(s: &Shoal) -> redis::Connection {
    let client = redis::Client::open(s.url()).expect("client");
    client
        .get_connection()
        .expect("connect with the redis crate")
}

#[test]
fn strings_and_binary_keys() {
    let s = Shoal::start();
    let mut c = connect(&s);
    let _: () = c.set("lib:k", "v").unwrap();
    assert_eq!(
        c.get::<_, Option<String>>("lib:k").unwrap().as_deref(),
        Some("v")
    );
    assert_eq!(c.get::<_, Option<String>>("lib:missing").unwrap(), None);

    let key: &[u8] = b"lib:\x00\xff\r\nkey";
    let val: Vec<u8> = (0..=255u8).chain(0..=255u8).collect();
    let _: () = c.set(key, &val[..]).unwrap();
    assert_eq!(c.get::<_, Vec<u8>>(key).unwrap(), val);
    let _: () = c.set(b"" as &[u8], b"" as &[u8]).unwrap();
    assert_eq!(
        c.get::<_, Option<Vec<u8>>>(b"" as &[u8]).unwrap(),
        Some(vec![])
    );

    // SET options through the generic command builder.
    let r: Option<String> = redis::cmd("SET")
        .arg("lib:k")
        .arg("w")
        .arg("XX")
        .arg("GET")
        .query(&mut c)
        .unwrap();
    assert_eq!(r.as_deref(), Some("v"));
    let r: Option<String> = redis::cmd("SET")
        .arg("lib:k")
        .arg("x")
        .arg("NX")
        .query(&mut c)
        .unwrap();
    assert_eq!(r, None);

    let big: Vec<u8> = (0..2_000_000u32).map(|i| (i % 253) as u8).collect();
    let _: () = c.set("lib:big", &big[..]).unwrap();
    assert_eq!(c.get::<_, Vec<u8>>("lib:big").unwrap(), big);
}

#[test]
fn pipelines() {
    let s = Shoal::start();
    let mut c = connect(&s);
    let mut p = redis::pipe();
    for i in 0..500 {
        p.cmd("SET").arg(format!("lib:p:{i}")).arg(i).ignore();
    }
    for i in 0..500 {
        p.cmd("GET").arg(format!("lib:p:{i}"));
    }
    let got: Vec<i64> = p.query(&mut c).unwrap();
    assert_eq!(got, (0..500).collect::<Vec<i64>>());

    // An error inside a pipeline fails the pipeline for the client, but the server ran the
    // other commands and the connection stays in sync.
    let e = redis::pipe()
        .cmd("SET")
        .arg("lib:pe")
        .arg("1")
        .cmd("NOSUCHCOMMAND")
        .cmd("SET")
        .arg("lib:pe2")
        .arg("2")
        .query::<Vec<Value>>(&mut c)
        .unwrap_err();
    assert!(
        e.to_string().contains("unknown command 'NOSUCHCOMMAND'"),
        "{e}"
    );
    let got: (String, String) = redis::pipe()
        .cmd("GET")
        .arg("lib:pe")
        .cmd("GET")
        .arg("lib:pe2")
        .query(&mut c)
        .unwrap();
    assert_eq!(got, ("1".to_string(), "2".to_string()));
}

#[test]
fn errors_reach_the_client() {
    let s = Shoal::start();
    let mut c = connect(&s);
    let e = redis::cmd("NOSUCHCOMMAND")
        .arg("x")
        .query::<()>(&mut c)
        .unwrap_err();
    assert_eq!(e.kind(), ErrorKind::ResponseError);
    assert!(
        e.to_string().contains("unknown command 'NOSUCHCOMMAND'"),
        "{e}"
    );
    let e = redis::cmd("GET").query::<()>(&mut c).unwrap_err();
    assert!(
        e.to_string()
            .contains("wrong number of arguments for 'get' command"),
        "{e}"
    );
    // The connection is still usable.
    assert!(c.check_connection());
    if require("errors_reach_the_client (WRONGTYPE)", &["lpush"]) {
        let _: () = c.lpush("lib:list", "x").unwrap();
        let e = c.get::<_, String>("lib:list").unwrap_err();
        assert_eq!(e.code(), Some("WRONGTYPE"), "{e}");
    }
}

#[test]
fn counters_and_multi_key() {
    if !require(
        "counters_and_multi_key",
        &["incr", "incrby", "mset", "mget", "del", "exists"],
    ) {
        return;
    }
    let s = Shoal::start();
    let mut c = connect(&s);
    assert_eq!(c.incr::<_, _, i64>("lib:n", 1).unwrap(), 1);
    assert_eq!(c.incr::<_, _, i64>("lib:n", 41).unwrap(), 42);
    let pairs: Vec<(String, String)> = (0..20)
        .map(|i| (format!("lib:m{i}"), format!("v{i}")))
        .collect();
    let _: () = c.mset(&pairs).unwrap();
    let keys: Vec<String> = pairs.iter().map(|(k, _)| k.clone()).collect();
    let vals: Vec<String> = c.mget(&keys).unwrap();
    assert_eq!(
        vals,
        pairs.iter().map(|(_, v)| v.clone()).collect::<Vec<_>>()
    );
    assert_eq!(c.exists::<_, i64>(&keys).unwrap(), 20);
    assert_eq!(c.del::<_, i64>(&keys).unwrap(), 20);
    assert_eq!(c.exists::<_, i64>(&keys).unwrap(), 0);
}

#[test]
fn expiry_and_scan() {
    if !require(
        "expiry_and_scan",
        &["expire", "ttl", "persist", "scan", "keys"],
    ) {
        return;
    }
    let s = Shoal::start();
    let mut c = connect(&s);
    for i in 0..300 {
        let _: () = c.set(format!("lib:s:{i}"), i).unwrap();
    }
    let _: () = c.set("lib:other", 1).unwrap();
    assert!(c.expire::<_, bool>("lib:s:1", 1000).unwrap());
    let ttl: i64 = c.ttl("lib:s:1").unwrap();
    assert!((999..=1000).contains(&ttl), "{ttl}");
    assert!(c.persist::<_, bool>("lib:s:1").unwrap());
    assert_eq!(c.ttl::<_, i64>("lib:s:1").unwrap(), -1);
    let mut scanned: Vec<String> = c.scan_match("lib:s:*").unwrap().collect();
    scanned.sort();
    scanned.dedup();
    let mut want: Vec<String> = (0..300).map(|i| format!("lib:s:{i}")).collect();
    want.sort();
    assert_eq!(scanned, want);
    let mut keys: Vec<String> = c.keys("lib:s:2?").unwrap();
    keys.sort();
    assert_eq!(
        keys,
        (20..30).map(|i| format!("lib:s:{i}")).collect::<Vec<_>>()
    );
}

#[test]
fn resp3_connection() {
    if !require("resp3_connection", &["hello"]) {
        return;
    }
    let s = Shoal::start();
    let client = redis::Client::open(format!("{}?protocol=resp3", s.url())).unwrap();
    let mut c = client.get_connection().expect("RESP3 connection (HELLO 3)");
    let _: () = c.set("lib:r3", "v").unwrap();
    assert_eq!(
        c.get::<_, Option<String>>("lib:r3").unwrap().as_deref(),
        Some("v")
    );
    let v: Value = redis::cmd("GET").arg("lib:r3:none").query(&mut c).unwrap();
    assert_eq!(v, Value::Nil);
}

#[test]
fn transactions() {
    if !require("transactions", &["multi", "exec", "incr"]) {
        return;
    }
    let s = Shoal::start();
    let mut c = connect(&s);
    let (a, b): (i64, i64) = redis::pipe()
        .atomic()
        .cmd("INCR")
        .arg("lib:tx")
        .cmd("INCR")
        .arg("lib:tx")
        .query(&mut c)
        .unwrap();
    assert_eq!((a, b), (1, 2));
}
