//! Many clients at once on a three-shard server: overlapping and disjoint keys, and the
//! atomicity Redis promises for single multi-key commands (MSET, RENAME seen through MGET and
//! EXISTS) and for counters. Multi-key tests wait for their commands with a printed note.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Barrier};
use std::thread;

use shoal_resp::Value;

use crate::support::{require, show, Conn, Shoal};

const THREADS: usize = 8;
const OPS: usize = 2_000;

/// Keys whose slots lie in different thirds of the slot space (so with three shards they
/// belong to different shard threads) and are all distinct.
fn spread_keys(prefix: &str, n: usize) -> Vec<String> {
    let mut out = Vec::new();
    let mut used = Vec::new();
    for i in 0.. {
        let k = format!("{prefix}{i}");
        let slot = shoal_util::key_slot(k.as_bytes());
        let third = slot as usize * 3 / 16384;
        if used.contains(&slot) || (out.len() < 3 && third != out.len()) {
            continue;
        }
        used.push(slot);
        out.push(k);
        if out.len() == n {
            break;
        }
    }
    out
}

fn bulk_text(v: &Value) -> Option<String> {
    match v {
        Value::Bulk(b) => Some(String::from_utf8_lossy(b).into_owned()),
        _ => None,
    }
}

fn args<'a>(parts: &'a [&'a str]) -> Vec<&'a [u8]> {
    parts.iter().map(|s| s.as_bytes()).collect()
}

#[test]
fn many_clients_on_shared_and_own_keys() {
    let s = Shoal::start();
    let baseline = s
        .server()
        .map(|srv| srv.connected_clients.load(Ordering::Relaxed));
    let port = s.port;
    let start = Arc::new(Barrier::new(THREADS));
    let handles: Vec<_> = (0..THREADS)
        .map(|t| {
            let start = start.clone();
            thread::spawn(move || {
                let mut c = Conn::tcp(port);
                start.wait();
                for i in 0..OPS {
                    let own = format!("own:{t}:{}", i % 50);
                    let shared = format!("shared:{}", i % 20);
                    let val = format!("t{t}:{i}");
                    match i % 4 {
                        0 | 1 => {
                            // Nobody else writes our own keys: we read back exactly our write.
                            assert_eq!(c.raw(&args(&["SET", &own, &val])), b"+OK\r\n");
                            let got = bulk_text(&c.value(&args(&["GET", &own])));
                            assert_eq!(got.as_deref(), Some(val.as_str()));
                        }
                        2 => {
                            assert_eq!(c.raw(&args(&["SET", &shared, &val])), b"+OK\r\n");
                        }
                        _ => {
                            // Shared keys hold some thread's whole write, never a mix.
                            if let Some(v) = bulk_text(&c.value(&args(&["GET", &shared]))) {
                                let (th, n) = v[1..].split_once(':').expect("well-formed value");
                                assert!(th.parse::<usize>().unwrap() < THREADS, "{v}");
                                assert!(n.parse::<usize>().unwrap() < OPS, "{v}");
                            }
                        }
                    }
                    if i % 500 == 0 {
                        // A pipelined burst in between.
                        let mut req = Vec::new();
                        for j in 0..50 {
                            req.extend(crate::support::encode_str(&[
                                "SET",
                                &format!("burst:{t}:{j}"),
                                &val,
                            ]));
                        }
                        c.send(&req);
                        assert_eq!(c.read_exact_bytes(250), b"+OK\r\n".repeat(50));
                    }
                }
            })
        })
        .collect();
    for h in handles {
        h.join().expect("client thread");
    }
    let mut c = s.conn();
    for t in 0..THREADS {
        for k in 0..50 {
            let last = (0..OPS).rev().find(|i| i % 50 == k && i % 4 < 2).unwrap();
            let got = bulk_text(&c.value(&args(&["GET", &format!("own:{t}:{k}")])));
            assert_eq!(got, Some(format!("t{t}:{last}")));
        }
    }
    drop(c);
    if let (Some(srv), Some(base)) = (s.server(), baseline) {
        // Every connection's registration is gone once its socket closed.
        let deadline = std::time::Instant::now() + std::time::Duration::from_secs(5);
        while srv.connected_clients.load(Ordering::Relaxed) != base {
            assert!(
                std::time::Instant::now() < deadline,
                "connected_clients stuck at {} (expected {base})",
                srv.connected_clients.load(Ordering::Relaxed)
            );
            thread::sleep(std::time::Duration::from_millis(10));
        }
    }
}

#[test]
fn mset_is_never_seen_half_done() {
    if !require("mset_is_never_seen_half_done", &["mset", "mget"]) {
        return;
    }
    let s = Shoal::start();
    let keys = spread_keys("ms:", 10);
    let port = s.port;
    let stop = Arc::new(AtomicBool::new(false));
    let writers: Vec<_> = (0..4)
        .map(|w| {
            let keys = keys.clone();
            thread::spawn(move || {
                let mut c = Conn::tcp(port);
                for i in 0..1_000 {
                    let v = format!("w{w}-{i}");
                    let mut a: Vec<&[u8]> = vec![b"MSET"];
                    for k in &keys {
                        a.push(k.as_bytes());
                        a.push(v.as_bytes());
                    }
                    assert_eq!(c.raw(&a), b"+OK\r\n");
                }
            })
        })
        .collect();
    let readers: Vec<_> = (0..4)
        .map(|_| {
            let keys = keys.clone();
            let stop = stop.clone();
            thread::spawn(move || {
                let mut c = Conn::tcp(port);
                let mut seen = 0u64;
                while !stop.load(Ordering::Relaxed) {
                    let mut a: Vec<&[u8]> = vec![b"MGET"];
                    a.extend(keys.iter().map(|k| k.as_bytes()));
                    c.send_cmd(&a);
                    let (v, raw) = c.read_reply();
                    let Value::Array(items) = v else {
                        panic!("MGET: {}", show(&raw))
                    };
                    assert!(
                        items.windows(2).all(|p| p[0] == p[1]),
                        "MGET saw a half-applied MSET: {}",
                        show(&raw)
                    );
                    seen += 1;
                }
                seen
            })
        })
        .collect();
    for w in writers {
        w.join().expect("writer");
    }
    stop.store(true, Ordering::Relaxed);
    let reads: u64 = readers.into_iter().map(|r| r.join().expect("reader")).sum();
    assert!(reads > 0);
}

#[test]
fn rename_across_slots_is_atomic() {
    if !require(
        "rename_across_slots_is_atomic",
        &["rename", "mget", "exists"],
    ) {
        return;
    }
    // Redis runs one command at a time, so a single MGET or EXISTS over both names sees the key
    // under exactly one of them. (Two separate GETs promise nothing and are not tested.)
    let s = Shoal::start();
    let names = spread_keys("rn:", 2);
    let (a, b) = (names[0].clone(), names[1].clone());
    let mut c = s.conn();
    assert_eq!(c.raw(&args(&["SET", &a, "payload"])), b"+OK\r\n");
    let port = s.port;
    let stop = Arc::new(AtomicBool::new(false));
    let renamers: Vec<_> = (0..2)
        .map(|_| {
            let (a, b) = (a.clone(), b.clone());
            thread::spawn(move || {
                let mut c = Conn::tcp(port);
                for _ in 0..1_500 {
                    for (from, to) in [(&a, &b), (&b, &a)] {
                        // Racing renamers may find the key already moved: "no such key".
                        let r = c.raw(&args(&["RENAME", from, to]));
                        assert!(
                            r == b"+OK\r\n" || r == b"-ERR no such key\r\n",
                            "{}",
                            show(&r)
                        );
                    }
                }
            })
        })
        .collect();
    let readers: Vec<_> = (0..4)
        .map(|i| {
            let (a, b) = (a.clone(), b.clone());
            let stop = stop.clone();
            thread::spawn(move || {
                let mut c = Conn::tcp(port);
                while !stop.load(Ordering::Relaxed) {
                    if i % 2 == 0 {
                        c.send_cmd(&args(&["MGET", &a, &b]));
                        let (v, raw) = c.read_reply();
                        let ok = matches!(&v, Value::Array(x) if x.len() == 2
                            && x.iter().filter(|e| **e == Value::bulk("payload")).count() == 1
                            && x.iter().filter(|e| **e == Value::Null).count() == 1);
                        assert!(ok, "MGET during RENAME: {}", show(&raw));
                    } else {
                        assert_eq!(c.raw(&args(&["EXISTS", &a, &b])), b":1\r\n");
                    }
                }
            })
        })
        .collect();
    for r in renamers {
        r.join().expect("renamer");
    }
    stop.store(true, Ordering::Relaxed);
    for r in readers {
        r.join().expect("reader");
    }
}

#[test]
fn counters_from_many_clients_add_up() {
    if !require(
        "counters_from_many_clients_add_up",
        &["incr", "incrby", "decr"],
    ) {
        return;
    }
    let s = Shoal::start();
    let port = s.port;
    let spread = spread_keys("ctr:", 6);
    let handles: Vec<_> = (0..THREADS)
        .map(|t| {
            let spread = spread.clone();
            thread::spawn(move || {
                let mut c = Conn::tcp(port);
                for i in 0..1_000 {
                    let r = c.value(&args(&["INCR", "ctr:one"]));
                    assert!(matches!(r, Value::Int(n) if n >= 1), "{r:?}");
                    let k = &spread[(i + t) % spread.len()];
                    assert!(matches!(c.value(&args(&["INCRBY", k, "3"])), Value::Int(_)));
                    if i % 10 == 0 {
                        assert!(matches!(
                            c.value(&args(&["DECR", "ctr:one"])),
                            Value::Int(_)
                        ));
                    }
                }
            })
        })
        .collect();
    for h in handles {
        h.join().expect("client thread");
    }
    let mut c = s.conn();
    let one = bulk_text(&c.value(&args(&["GET", "ctr:one"]))).unwrap();
    assert_eq!(one, (THREADS * 1_000 - THREADS * 100).to_string());
    let total: usize = spread
        .iter()
        .map(|k| {
            bulk_text(&c.value(&args(&["GET", k])))
                .unwrap()
                .parse::<usize>()
                .unwrap()
        })
        .sum();
    assert_eq!(total, THREADS * 1_000 * 3);
}

#[test]
fn sort_patterns_see_one_mset_and_store_is_atomic() {
    if !require(
        "sort_patterns_see_one_mset_and_store_is_atomic",
        &["sort", "mset", "rpush", "lrange"],
    ) {
        return;
    }
    // SORT reads the keys its BY/GET patterns name, anywhere in the keyspace: it must see each
    // MSET of them whole, and its STORE must land as one step.
    let s = Shoal::start();
    let elems = spread_keys("e", 8);
    let mut c = s.conn();
    let mut push: Vec<&[u8]> = vec![b"RPUSH", b"{l}src"];
    push.extend(elems.iter().map(|e| e.as_bytes()));
    assert_eq!(c.raw(&push), b":8\r\n");
    let mut init: Vec<Vec<u8>> = vec![b"MSET".to_vec()];
    for (n, e) in elems.iter().enumerate() {
        init.extend(
            [
                format!("o_{e}"),
                "-".into(),
                format!("w_{e}"),
                n.to_string(),
            ]
            .map(String::into_bytes),
        );
    }
    let init: Vec<&[u8]> = init.iter().map(Vec::as_slice).collect();
    assert_eq!(c.raw(&init), b"+OK\r\n");
    let port = s.port;
    let stop = Arc::new(AtomicBool::new(false));
    let writers: Vec<_> = (0..2)
        .map(|w| {
            let elems = elems.clone();
            thread::spawn(move || {
                let mut c = Conn::tcp(port);
                for i in 0..600 {
                    let v = format!("w{w}-{i}");
                    let keys: Vec<(String, String)> = elems
                        .iter()
                        .enumerate()
                        .flat_map(|(n, e)| {
                            // Weights reverse the order on every other write.
                            let weight = if i % 2 == 0 { n } else { 100 - n };
                            [
                                (format!("o_{e}"), v.clone()),
                                (format!("w_{e}"), weight.to_string()),
                            ]
                        })
                        .collect();
                    let mut a: Vec<&[u8]> = vec![b"MSET"];
                    for (k, v) in &keys {
                        a.push(k.as_bytes());
                        a.push(v.as_bytes());
                    }
                    assert_eq!(c.raw(&a), b"+OK\r\n");
                }
            })
        })
        .collect();
    let readers: Vec<_> = (0..3)
        .map(|r| {
            let stop = stop.clone();
            let first = elems[0].clone();
            thread::spawn(move || {
                let mut c = Conn::tcp(port);
                let dest = format!("{{d}}{r}");
                let mut seen = 0u64;
                while !stop.load(Ordering::Relaxed) {
                    c.send_cmd(&args(&[
                        "SORT", "{l}src", "BY", "w_*", "GET", "o_*", "GET", "#",
                    ]));
                    let (v, raw) = c.read_reply();
                    let Value::Array(items) = v else {
                        panic!("SORT: {}", show(&raw))
                    };
                    let values: Vec<&Value> = items.iter().step_by(2).collect();
                    assert!(
                        values.windows(2).all(|p| p[0] == p[1]),
                        "SORT saw a half-applied MSET: {}",
                        show(&raw)
                    );
                    // The weights of the same MSET: the first element leads or trails.
                    let order_ok = items[1] == Value::bulk(first.as_str())
                        || items[items.len() - 1] == Value::bulk(first.as_str());
                    assert!(order_ok, "SORT order from mixed weights: {}", show(&raw));
                    let stored = c.raw(&args(&[
                        "SORT", "{l}src", "BY", "nosort", "GET", "o_*", "STORE", &dest,
                    ]));
                    assert_eq!(stored, b":8\r\n");
                    c.send_cmd(&args(&["LRANGE", &dest, "0", "-1"]));
                    let (v, raw) = c.read_reply();
                    let Value::Array(items) = v else {
                        panic!("LRANGE: {}", show(&raw))
                    };
                    assert!(
                        items.windows(2).all(|p| p[0] == p[1]),
                        "SORT STORE stored a half-applied MSET: {}",
                        show(&raw)
                    );
                    seen += 1;
                }
                seen
            })
        })
        .collect();
    for w in writers {
        w.join().expect("writer");
    }
    stop.store(true, Ordering::Relaxed);
    let reads: u64 = readers.into_iter().map(|r| r.join().expect("reader")).sum();
    assert!(reads > 0);
}
