//! APPEND, SETRANGE, GETRANGE, SUBSTR: encodings, offsets and the size limit.

use shoal_store::StrEncoding;

use super::*;

const TOO_BIG: &str = "-ERR string exceeds maximum allowed size (proto-max-bulk-len)\r\n";

#[test]
fn append() {
    let mut t = TestServer::new();
    // A new key is stored as SET stores it.
    assert_eq!(t.text(&["APPEND", "n", "12"]), ":2\r\n");
    assert_eq!(encoding(&t, "n"), StrEncoding::Int);
    // Appending, even nothing, leaves a raw string.
    assert_eq!(t.text(&["APPEND", "n", ""]), ":2\r\n");
    assert_eq!(encoding(&t, "n"), StrEncoding::Raw);
    assert_eq!(t.text(&["APPEND", "s", "abc"]), ":3\r\n");
    assert_eq!(encoding(&t, "s"), StrEncoding::Embstr);
    assert_eq!(t.text(&["APPEND", "s", "def"]), ":6\r\n");
    assert_eq!(t.text(&["GET", "s"]), bulk("abcdef"));
    assert_eq!(t.raw(&[b"APPEND", b"s", b"\0\r\n"]), b":9\r\n");
    assert_eq!(t.raw(&[b"GET", b"s"]), b"$9\r\nabcdef\0\r\n\r\n");
}

#[test]
fn append_keeps_ttl() {
    let mut t = TestServer::new();
    t.run(&["SET", "k", "10", "EX", "100"]);
    assert_eq!(t.text(&["APPEND", "k", "x"]), ":3\r\n");
    assert_expires_in(&t, "k", 100_000);
}

#[test]
fn setrange_on_missing_key() {
    let mut t = TestServer::new();
    assert_eq!(t.text(&["SETRANGE", "k", "5", "ab"]), ":7\r\n");
    assert_eq!(t.raw(&[b"GET", b"k"]), b"$7\r\n\0\0\0\0\0ab\r\n");
    assert_eq!(encoding(&t, "k"), StrEncoding::Raw);
    // Nothing to write creates nothing.
    assert_eq!(t.text(&["SETRANGE", "n", "0", ""]), ":0\r\n");
    assert_eq!(t.text(&["SETRANGE", "n", "100", ""]), ":0\r\n");
    assert!(!exists(&t, "n"));
    assert_eq!(t.text(&["SETRANGE", "z", "0", "5"]), ":1\r\n");
    assert_eq!(encoding(&t, "z"), StrEncoding::Raw);
}

#[test]
fn setrange_on_existing_key() {
    let mut t = TestServer::new();
    t.run(&["SET", "k", "Hello World", "EX", "100"]);
    assert_eq!(t.text(&["SETRANGE", "k", "6", "Redis"]), ":11\r\n");
    assert_eq!(t.text(&["GET", "k"]), bulk("Hello Redis"));
    assert_expires_in(&t, "k", 100_000);
    assert_eq!(t.text(&["SETRANGE", "k", "13", "!"]), ":14\r\n");
    assert_eq!(t.raw(&[b"GET", b"k"]), b"$14\r\nHello Redis\0\0!\r\n");
    t.run(&["SET", "n", "12"]);
    assert_eq!(t.text(&["SETRANGE", "n", "0", "3"]), ":2\r\n");
    assert_eq!(t.text(&["GET", "n"]), bulk("32"));
    assert_eq!(encoding(&t, "n"), StrEncoding::Raw);
    // An empty value reports the length and leaves the value (and its encoding) alone.
    t.run(&["SET", "i", "12"]);
    assert_eq!(t.text(&["SETRANGE", "i", "1", ""]), ":2\r\n");
    assert_eq!(t.text(&["SETRANGE", "i", "999", ""]), ":2\r\n");
    assert_eq!(encoding(&t, "i"), StrEncoding::Int);
}

#[test]
fn setrange_offset_errors() {
    let mut t = TestServer::new();
    const OUT_OF_RANGE: &str = "-ERR offset is out of range\r\n";
    assert_eq!(t.text(&["SETRANGE", "k", "-1", "x"]), OUT_OF_RANGE);
    assert_eq!(t.text(&["SETRANGE", "k", "-1", ""]), OUT_OF_RANGE);
    assert_eq!(t.text(&["SETRANGE", "k", "abc", "x"]), NOT_INT);
    assert_eq!(t.text(&["SETRANGE", "k", "1.0", "x"]), NOT_INT);
    assert_eq!(
        t.text(&["SETRANGE", "k", "9223372036854775807", "x"]),
        TOO_BIG
    );
    // The default limit is 512mb: one byte past it is refused, empty writes never are.
    assert_eq!(t.text(&["SETRANGE", "k", "536870912", "x"]), TOO_BIG);
    assert_eq!(t.text(&["SETRANGE", "k", "536870912", ""]), ":0\r\n");
    assert!(!exists(&t, "k"));
}

#[test]
fn size_limit_follows_proto_max_bulk_len() {
    let mut t = TestServer::with_args(&["--proto-max-bulk-len", "1mb"]);
    assert_eq!(t.text(&["SETRANGE", "big", "1048576", "y"]), TOO_BIG);
    assert_eq!(t.text(&["SETRANGE", "big", "1048575", "y"]), ":1048576\r\n");
    assert_eq!(t.text(&["APPEND", "big", "z"]), TOO_BIG);
    assert_eq!(t.text(&["SETRANGE", "big", "1048576", "y"]), TOO_BIG);
    assert_eq!(t.text(&["SETRANGE", "big", "1048575", "z"]), ":1048576\r\n");
    assert_eq!(t.text(&["APPEND", "big", ""]), ":1048576\r\n");
    assert_eq!(t.text(&["STRLEN", "big"]), ":1048576\r\n");
}

#[test]
fn getrange() {
    let mut t = TestServer::new();
    t.run(&["SET", "s", "Hello World"]);
    for (start, end, want) in [
        ("0", "3", "Hell"),
        ("-3", "-1", "rld"),
        ("0", "-1", "Hello World"),
        ("10", "100", "d"),
        ("5", "3", ""),
        ("-1", "-5", ""),
        ("-100", "-50", "H"),
        ("0", "-100", "H"),
        ("3", "-100", ""),
        ("100", "200", ""),
        ("-9223372036854775808", "9223372036854775807", "Hello World"),
    ] {
        assert_eq!(
            t.text(&["GETRANGE", "s", start, end]),
            bulk(want),
            "{start} {end}"
        );
        assert_eq!(
            t.text(&["SUBSTR", "s", start, end]),
            bulk(want),
            "{start} {end}"
        );
    }
    t.run(&["SET", "n", "12345"]);
    assert_eq!(t.text(&["GETRANGE", "n", "1", "2"]), bulk("23"));
    t.run(&["SET", "e", ""]);
    assert_eq!(t.text(&["GETRANGE", "e", "0", "-1"]), "$0\r\n\r\n");
    assert_eq!(t.text(&["GETRANGE", "nokey", "0", "-1"]), "$0\r\n\r\n");
    // Offsets are parsed before the key is looked at.
    assert_eq!(t.text(&["GETRANGE", "nokey", "a", "1"]), NOT_INT);
    assert_eq!(t.text(&["GETRANGE", "s", "0", "1.5"]), NOT_INT);
    assert_eq!(
        t.text(&["GETRANGE", "s", "9223372036854775808", "1"]),
        NOT_INT
    );
    let mut t = resp3();
    assert_eq!(t.text(&["GETRANGE", "nokey", "0", "-1"]), "$0\r\n\r\n");
}
