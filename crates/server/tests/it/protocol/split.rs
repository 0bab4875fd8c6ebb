//! A request arriving in pieces must give exactly the replies it gives in one piece.

use std::thread::sleep;
use std::time::Duration;

use crate::support::{encode, encode_str, show, Conn, Shoal};

/// Long enough that the server reads the first part on its own.
const PAUSE: Duration = Duration::from_micros(300);

struct Frame {
    name: &'static str,
    request: Vec<u8>,
    reply: Vec<u8>,
}

fn frames() -> Vec<Frame> {
    let binary_key: &[u8] = b"bin\0\r\nkey";
    let binary_val: &[u8] = b"\0\r\n$3\r\n*1\r\n\r\n\xff";
    let mut mixed = Vec::new();
    mixed.extend(encode_str(&["SET", "split:a", "1"]));
    mixed.extend(encode_str(&["GET", "split:a"]));
    mixed.extend(b"PING\r\n");
    mixed.extend(encode_str(&["PING", "hi there"]));
    mixed.extend(encode_str(&["GET", "split:missing"]));
    mixed.extend(b"*0\r\n");
    mixed.extend(encode_str(&["NOSUCHCMD", "x"]));
    mixed.extend(b"\r\n");
    mixed.extend(encode_str(&["GET"]));
    mixed.extend(b"get split:a\n");
    let mut binary = encode(&[b"SET", binary_key, binary_val]);
    binary.extend(encode(&[b"GET", binary_key]));
    let mut empty = encode(&[b"SET", b"", b""]);
    empty.extend(encode(&[b"GET", b""]));
    let mut bin_reply = format!("+OK\r\n${}\r\n", binary_val.len()).into_bytes();
    bin_reply.extend_from_slice(binary_val);
    bin_reply.extend_from_slice(b"\r\n");
    vec![
        Frame {
            name: "single SET",
            request: encode_str(&["SET", "split:k", "value"]),
            reply: b"+OK\r\n".to_vec(),
        },
        Frame {
            name: "single GET",
            request: encode_str(&["GET", "split:k"]),
            reply: b"$5\r\nvalue\r\n".to_vec(),
        },
        Frame {
            name: "mixed pipeline",
            request: mixed,
            reply: b"+OK\r\n$1\r\n1\r\n+PONG\r\n$8\r\nhi there\r\n$-1\r\n\
-ERR unknown command 'NOSUCHCMD', with args beginning with: 'x' \r\n\
-ERR wrong number of arguments for 'get' command\r\n$1\r\n1\r\n"
                .to_vec(),
        },
        Frame {
            name: "inline with quotes",
            request: b"SET split:q \"a b\\r\\n\" \r\nGET split:q\r\n".to_vec(),
            reply: b"+OK\r\n$5\r\na b\r\n\r\n".to_vec(),
        },
        Frame {
            name: "binary-safe key and value",
            request: binary,
            reply: bin_reply,
        },
        Frame {
            name: "empty key and value",
            request: empty,
            reply: b"+OK\r\n$0\r\n\r\n".to_vec(),
        },
    ]
}

fn check(conn: &mut Conn, name: &str, split: &str, expected: &[u8]) {
    let got = conn.read_exact_bytes(expected.len());
    assert_eq!(
        got,
        expected,
        "{name}, {split}: got {} want {}",
        show(&got),
        show(expected)
    );
}

#[test]
fn every_frame_split_at_every_byte_gives_the_same_replies() {
    let shoal = Shoal::start();
    let mut conn = shoal.conn();
    for f in frames() {
        conn.send(&f.request);
        check(&mut conn, f.name, "whole", &f.reply);
        for k in 1..f.request.len() {
            conn.send(&f.request[..k]);
            sleep(PAUSE);
            conn.send(&f.request[k..]);
            check(&mut conn, f.name, &format!("split at {k}"), &f.reply);
        }
    }
    // Nothing extra arrived: the next command's reply is the next thing on the wire.
    assert_eq!(conn.raw(&[b"PING"]), b"+PONG\r\n");
}

#[test]
fn frames_dribbled_one_byte_at_a_time() {
    let shoal = Shoal::start();
    let mut conn = shoal.conn();
    for f in frames() {
        for b in &f.request {
            conn.send(std::slice::from_ref(b));
        }
        check(&mut conn, f.name, "byte by byte", &f.reply);
    }
}

#[test]
fn large_bulk_split_across_reads() {
    let shoal = Shoal::start();
    let mut conn = shoal.conn();
    // Bigger than the server's read chunk, so the payload spans several reads anyway.
    let value: Vec<u8> = (0..100_000u32).map(|i| (i % 251) as u8).collect();
    let req = encode(&[b"SET", b"split:big", &value]);
    let mut get_reply = format!("${}\r\n", value.len()).into_bytes();
    get_reply.extend_from_slice(&value);
    get_reply.extend_from_slice(b"\r\n");
    let cuts: Vec<usize> = (1..64)
        .chain((64..req.len() - 64).step_by(997))
        .chain(req.len() - 64..req.len())
        .collect();
    for k in cuts {
        conn.send(&req[..k]);
        sleep(PAUSE);
        conn.send(&req[k..]);
        check(&mut conn, "large SET", &format!("split at {k}"), b"+OK\r\n");
    }
    conn.send_cmd(&[b"GET", b"split:big"]);
    check(&mut conn, "large GET", "whole", &get_reply);
}
