//! Deep pipelines: thousands of commands in one write, every reply correct and in order.

use std::io::Write;

use crate::support::{encode, encode_str, show, Shoal};

/// Writes `request` from another thread (so neither side's socket buffer can deadlock us) and
/// checks the reply stream byte for byte.
fn roundtrip(shoal: &Shoal, request: Vec<u8>, expected: &[u8]) {
    let mut conn = shoal.conn();
    let mut w = conn.writer();
    let writer = std::thread::spawn(move || {
        w.write_all(&request).unwrap();
        w.flush().unwrap();
    });
    let got = conn.read_exact_bytes(expected.len());
    writer.join().unwrap();
    if got != expected {
        let at = got
            .iter()
            .zip(expected)
            .position(|(a, b)| a != b)
            .unwrap_or(0);
        let from = at.saturating_sub(60);
        panic!(
            "pipeline replies differ at byte {at}: got {} want {}",
            show(&got[from..(at + 120).min(got.len())]),
            show(&expected[from..(at + 120).min(expected.len())])
        );
    }
    assert_eq!(
        conn.raw(&[b"PING"]),
        b"+PONG\r\n",
        "no stray bytes after the pipeline"
    );
}

fn bulk(v: &[u8]) -> Vec<u8> {
    let mut out = format!("${}\r\n", v.len()).into_bytes();
    out.extend_from_slice(v);
    out.extend_from_slice(b"\r\n");
    out
}

#[test]
fn ten_thousand_mixed_commands_in_one_write() {
    let shoal = Shoal::start();
    let mut req = Vec::new();
    let mut want = Vec::new();
    for i in 0..10_000 {
        let key = format!("pipe:{}", i % 977);
        let val = format!("v{i}");
        match i % 5 {
            0 => {
                req.extend(encode_str(&["SET", &key, &val]));
                want.extend(b"+OK\r\n");
                req.extend(encode_str(&["GET", &key]));
                want.extend(bulk(val.as_bytes()));
            }
            1 => {
                req.extend(b"PING\r\n");
                want.extend(b"+PONG\r\n");
            }
            2 => {
                req.extend(encode_str(&["GET", &format!("pipe:none:{i}")]));
                want.extend(b"$-1\r\n");
            }
            3 => {
                req.extend(format!("SET {key} inline{i}\r\n").as_bytes());
                want.extend(b"+OK\r\n");
                req.extend(format!("GET {key}\n").as_bytes());
                want.extend(bulk(format!("inline{i}").as_bytes()));
            }
            _ => {
                req.extend(encode_str(&["PING", &val]));
                want.extend(bulk(val.as_bytes()));
            }
        }
    }
    roundtrip(&shoal, req, &want);
}

#[test]
fn ten_thousand_sets_then_gets_keep_order_across_shards() {
    let shoal = Shoal::start();
    let mut req = Vec::new();
    let mut want = Vec::new();
    for i in 0..10_000 {
        req.extend(encode_str(&["SET", &format!("order:{i}"), &i.to_string()]));
        want.extend(b"+OK\r\n");
    }
    for i in (0..10_000).rev() {
        req.extend(encode_str(&["GET", &format!("order:{i}")]));
        want.extend(bulk(i.to_string().as_bytes()));
    }
    roundtrip(&shoal, req, &want);
}

#[test]
fn pipeline_of_large_values_spanning_reads() {
    let shoal = Shoal::start();
    let mut req = Vec::new();
    let mut want = Vec::new();
    for i in 0..60u32 {
        // 1 byte to ~60 KB: frames cross the server's read chunks at every offset.
        let v: Vec<u8> = (0..(i * 1013 + 1)).map(|j| (j * 7 + i) as u8).collect();
        let key = format!("large:{i}");
        req.extend(encode(&[b"SET", key.as_bytes(), &v]));
        want.extend(b"+OK\r\n");
        req.extend(encode(&[b"GET", key.as_bytes()]));
        want.extend(bulk(&v));
    }
    roundtrip(&shoal, req, &want);
}
