//! Raw request bytes, well-formed and malformed, sent to both servers: everything each one
//! answers, and whether it closes the connection, must be the same.

use std::time::Duration;

use crate::support::{encode, show, Conn};

use super::engine::Diff;

/// Sent after each frame: when its reply arrives, the frame has been fully answered. An
/// unknown command, because that error comes before NOAUTH (the marker works with a password).
const MARKER_CMD: &[u8] = b"*1\r\n$12\r\nnosuch__mark\r\n";
const MARKER_REPLY: &[u8] = b"-ERR unknown command 'nosuch__mark', with args beginning with: \r\n";

fn exchange(mut c: Conn, frame: &[u8]) -> (Vec<u8>, bool) {
    let mut req = frame.to_vec();
    req.extend_from_slice(MARKER_CMD);
    // A server may close before reading all of it; what it answered still counts.
    let _ = c.try_send(&req);
    let (got, closed) = c.read_until(MARKER_REPLY, Duration::from_secs(5));
    (got, closed.is_some())
}

fn compare_frames(diff: &Diff, frames: &[Vec<u8>]) -> Vec<String> {
    let mut failures = Vec::new();
    for f in frames {
        let (r, rc) = exchange(diff.redis.conn(), f);
        let (s, sc) = exchange(diff.shoal.conn(), f);
        if r != s || rc != sc {
            failures.push(format!(
                "request {}\n  redis: {} (closed: {rc})\n  shoal: {} (closed: {sc})",
                show(f),
                show(&r),
                show(&s)
            ));
        }
    }
    failures
}

fn frames() -> Vec<Vec<u8>> {
    let mut v: Vec<Vec<u8>> = [
        // Well-formed and quirky but valid.
        &b"PING\r\n"[..],
        b"*1\r\n$4\r\nPING\r\n",
        b"*0\r\n",
        b"*-1\r\n",
        b"*-5\r\n",
        b"\r\n",
        b"   \r\n",
        b"\n",
        // The two bytes after a bulk payload are skipped unchecked.
        b"*1\r\n$4\r\nPINGxx",
        // A length line ends at the first CR; the byte after it is skipped unchecked.
        b"*1\rx$4\rxPING\r\n",
        b"$4\r\nPING\r\n",
        b":1\r\n",
        b"+PING\r\n",
        b"ping hello\r\n",
        b"PING \"a b\" \r\n",
        b"PING 'a\\'b'\r\n",
        b"PING \"\\x41\\x4\\xZZ\\n\"\r\n",
        b"SET \"\" \"\"\r\nGET \"\"\r\n",
        b"GET\r\n",
        b"NOSUCH a b\r\n",
        b"*2\r\n$6\r\nNOSUCH\r\n$3\r\na\r\nb\r\n",
        // Protocol errors.
        b"*abc\r\n",
        b"*3000000000\r\n",
        b"*1x\r\n",
        b"*-\r\n",
        b"* 1\r\n",
        b"*+1\r\n",
        b"*00001\r\n$4\r\nPING\r\n",
        b"*1\r\n$abc\r\n",
        b"*1\r\n$-1\r\n",
        b"*1\r\n$\r\n",
        b"*1\r\n$+4\r\nPING\r\n",
        b"*2\r\n$3\r\nGET\r\n$536870913\r\n",
        b"*1\r\n$99999999999999999999\r\n",
        b"*1\r\nfoo\r\n",
        b"*2\r\n$3\r\nGET\r\n:1\r\n",
        b"*1\r\n\r\n",
        b"*1\r\n\xff\r\n",
        b"SET \"a b\r\n",
        b"SET 'a b\r\n",
        b"SET \"a\"b c\r\n",
        b"SET k 'v'x\r\n",
        b"GET \"\\\"\r\n",
        b"PING\r\n*x\r\nPING\r\n",
    ]
    .iter()
    .map(|f| f.to_vec())
    .collect();
    v.push(vec![b'a'; 64 * 1024 + 1]);
    let mut count = b"*".to_vec();
    // Exactly one byte over the 64 KiB limit, so the server has read everything when it
    // closes (unread bytes would turn the close into a reset that can eat the reply).
    count.extend(vec![b'1'; 64 * 1024]);
    v.push(count);
    let mut bulk = b"*1\r\n$".to_vec();
    bulk.extend(vec![b'1'; 64 * 1024]);
    v.push(bulk);
    // Long unknown command names and arguments: the error text is cut like Redis cuts it.
    let long = vec![b'x'; 300];
    v.push(encode(&[&long, &long, b"y"]));
    v.push(encode(&[b"nosuch", &[b'y'; 100], &[b'z'; 100], b"w"]));
    v.push(encode(&[b"nosuch", b"a\r\nb"]));
    v
}

#[test]
fn raw_frames_match_redis() {
    let Some(diff) = Diff::start("protocol") else {
        return;
    };
    let failures = compare_frames(&diff, &frames());
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn unauthenticated_frames_match_redis() {
    let Some(diff) = Diff::with_args("protocol-auth", &["--requirepass", "secret"]) else {
        return;
    };
    let mut ten = b"*10\r\n$3\r\nSET\r\n".to_vec();
    for _ in 0..9 {
        ten.extend(b"$1\r\nx\r\n");
    }
    let mut big = b"*2\r\n$3\r\nGET\r\n$16384\r\n".to_vec();
    big.extend(vec![b'k'; 16384]);
    big.extend(b"\r\n");
    let frames = vec![
        b"GET k\r\n".to_vec(),
        b"PING\r\n".to_vec(),
        b"*11\r\n".to_vec(),
        ten,
        b"*2\r\n$3\r\nGET\r\n$16385\r\n".to_vec(),
        big,
        b"NOSUCH\r\n".to_vec(),
        b"GET\r\n".to_vec(),
    ];
    let failures = compare_frames(&diff, &frames);
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn binary_bytes_in_error_texts_match_redis() {
    let Some(diff) = Diff::start("protocol-binary") else {
        return;
    };
    let frames = vec![
        encode(&[b"NO\0SUCH", b"\xff\xfe", b"c\0d"]),
        encode(&[b"get\0"]),
    ];
    let failures = compare_frames(&diff, &frames);
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
