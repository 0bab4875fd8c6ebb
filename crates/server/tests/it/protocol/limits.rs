//! client-query-buffer-limit and the pre-AUTH request limits: only the offender is closed.

use std::io::Write;

use super::errors::expect_close;
use crate::support::{encode, show, Shoal};

#[test]
fn query_buffer_limit_closes_only_the_offender() {
    // 1mb is the smallest value Redis (and shoal) accept.
    let s = Shoal::with_args(&["--client-query-buffer-limit", "1mb"]);
    let mut bystander = s.conn();
    assert_eq!(bystander.raw(&[b"SET", b"qb:k", b"1"]), b"+OK\r\n");
    let mut c = s.conn();
    let mut req = b"*3\r\n$3\r\nSET\r\n$4\r\nqb:x\r\n$2000000\r\n".to_vec();
    req.extend(vec![b'x'; 1_200_000]);
    // The server may close mid-write; what matters is that it closes without a reply.
    let _ = c.try_send(&req);
    let (got, _how) = c.read_to_close();
    assert!(got.is_empty(), "no reply expected, got {}", show(&got));
    assert_eq!(bystander.raw(&[b"GET", b"qb:k"]), b"$1\r\n1\r\n");
    assert_eq!(bystander.raw(&[b"GET", b"qb:x"]), b"$-1\r\n");
    assert_eq!(s.conn().raw(&[b"PING"]), b"+PONG\r\n");
}

#[test]
fn query_buffer_limit_counts_unparsed_bytes_not_pipeline_size() {
    let s = Shoal::with_args(&["--client-query-buffer-limit", "1mb"]);
    let mut c = s.conn();
    // 3 MB of small complete commands in one write: each read is consumed as it arrives.
    let value = vec![b'p'; 1000];
    let mut req = Vec::new();
    let n = 3000;
    for i in 0..n {
        req.extend(encode(&[
            b"SET",
            format!("qbp:{}", i % 10).as_bytes(),
            &value,
        ]));
    }
    let mut w = c.writer();
    let t = std::thread::spawn(move || w.write_all(&req).unwrap());
    let want: Vec<u8> = b"+OK\r\n".repeat(n);
    assert_eq!(c.read_exact_bytes(want.len()), want);
    t.join().unwrap();
    // A single value below the limit goes through too.
    let v = vec![b'v'; 900_000];
    assert_eq!(c.raw(&[b"SET", b"qbp:big", &v]), b"+OK\r\n");
}

#[test]
fn unauthenticated_request_limits() {
    let s = Shoal::with_args(&["--requirepass", "secret"]);
    let mut c = s.conn();
    assert_eq!(
        String::from_utf8_lossy(&c.raw(&[b"GET", b"k"])),
        "-NOAUTH Authentication required.\r\n"
    );
    // Ten arguments are still fine before AUTH (answered with NOAUTH), eleven are not.
    // (Unknown commands and wrong arity are still reported before NOAUTH, as in Redis.)
    let mut ten: Vec<&[u8]> = vec![b"SET"];
    ten.extend(std::iter::repeat_n(&b"x"[..], 9));
    assert_eq!(
        String::from_utf8_lossy(&c.raw(&ten)),
        "-NOAUTH Authentication required.\r\n"
    );
    expect_close(
        &s,
        b"*11\r\n",
        b"-ERR Protocol error: unauthenticated multibulk length\r\n",
    );
    expect_close(
        &s,
        b"*2\r\n$3\r\nGET\r\n$16385\r\n",
        b"-ERR Protocol error: unauthenticated bulk length\r\n",
    );
    let big = vec![b'k'; 16384];
    assert_eq!(
        String::from_utf8_lossy(&c.raw(&[b"GET", &big])),
        "-NOAUTH Authentication required.\r\n"
    );
    if crate::support::require("unauthenticated_request_limits (after AUTH)", &["auth"]) {
        let mut a = s.conn();
        assert_eq!(a.raw(&[b"AUTH", b"secret"]), b"+OK\r\n");
        // The limits lift once authenticated: big bulks and long argument lists parse.
        let huge = vec![b'v'; 20_000];
        assert_eq!(a.raw(&[b"SET", b"k", &huge]), b"+OK\r\n");
        let mut mget = vec![&b"PING"[..]];
        mget.extend(std::iter::repeat_n(&b"k"[..], 12));
        assert!(a.raw(&mget).starts_with(b"-ERR wrong number of arguments"));
    }
}
