//! LCS reply shapes in RESP2 and RESP3, options and limits.

use super::*;

fn doc_example(t: &mut TestServer) {
    t.run(&["MSET", "a", "ohmytext", "b", "mynewtext"]);
}

#[test]
fn string_and_len() {
    let mut t = TestServer::new();
    doc_example(&mut t);
    assert_eq!(t.text(&["LCS", "a", "b"]), bulk("mytext"));
    assert_eq!(t.text(&["LCS", "a", "b", "LEN"]), ":6\r\n");
    // Options that only matter with IDX are accepted and ignored.
    assert_eq!(t.text(&["LCS", "a", "b", "len", "WITHMATCHLEN"]), ":6\r\n");
    assert_eq!(
        t.text(&["LCS", "a", "b", "LEN", "MINMATCHLEN", "3"]),
        ":6\r\n"
    );
    assert_eq!(
        t.text(&["LCS", "a", "b", "MINMATCHLEN", "3"]),
        bulk("mytext")
    );
    assert_eq!(t.text(&["LCS", "a", "nokey"]), "$0\r\n\r\n");
    assert_eq!(t.text(&["LCS", "nokey", "nokey2", "LEN"]), ":0\r\n");
    assert_eq!(t.text(&["LCS", "a", "a"]), bulk("ohmytext"));
}

#[test]
fn idx_resp2() {
    let mut t = TestServer::new();
    doc_example(&mut t);
    assert_eq!(
        t.text(&["LCS", "a", "b", "IDX"]),
        "*4\r\n$7\r\nmatches\r\n*2\r\n\
         *2\r\n*2\r\n:4\r\n:7\r\n*2\r\n:5\r\n:8\r\n\
         *2\r\n*2\r\n:2\r\n:3\r\n*2\r\n:0\r\n:1\r\n\
         $3\r\nlen\r\n:6\r\n"
    );
    assert_eq!(
        t.text(&["LCS", "a", "b", "IDX", "WITHMATCHLEN"]),
        "*4\r\n$7\r\nmatches\r\n*2\r\n\
         *3\r\n*2\r\n:4\r\n:7\r\n*2\r\n:5\r\n:8\r\n:4\r\n\
         *3\r\n*2\r\n:2\r\n:3\r\n*2\r\n:0\r\n:1\r\n:2\r\n\
         $3\r\nlen\r\n:6\r\n"
    );
    assert_eq!(
        t.text(&["LCS", "a", "b", "idx", "minmatchlen", "4", "withmatchlen"]),
        "*4\r\n$7\r\nmatches\r\n*1\r\n\
         *3\r\n*2\r\n:4\r\n:7\r\n*2\r\n:5\r\n:8\r\n:4\r\n\
         $3\r\nlen\r\n:6\r\n"
    );
    // A negative minimum means no minimum.
    assert_eq!(
        t.text(&["LCS", "a", "b", "MINMATCHLEN", "-5", "IDX"]),
        t.text(&["LCS", "a", "b", "IDX"])
    );
    assert_eq!(
        t.text(&["LCS", "nokey", "nokey2", "IDX"]),
        "*4\r\n$7\r\nmatches\r\n*0\r\n$3\r\nlen\r\n:0\r\n"
    );
}

#[test]
fn idx_resp3_is_a_map() {
    let mut t = resp3();
    doc_example(&mut t);
    assert_eq!(
        t.text(&["LCS", "a", "b", "IDX", "WITHMATCHLEN"]),
        "%2\r\n$7\r\nmatches\r\n*2\r\n\
         *3\r\n*2\r\n:4\r\n:7\r\n*2\r\n:5\r\n:8\r\n:4\r\n\
         *3\r\n*2\r\n:2\r\n:3\r\n*2\r\n:0\r\n:1\r\n:2\r\n\
         $3\r\nlen\r\n:6\r\n"
    );
    assert_eq!(
        t.text(&["LCS", "nokey", "nokey2", "IDX"]),
        "%2\r\n$7\r\nmatches\r\n*0\r\n$3\r\nlen\r\n:0\r\n"
    );
}

#[test]
fn option_errors() {
    let mut t = TestServer::new();
    doc_example(&mut t);
    assert_eq!(
        t.text(&["LCS", "a", "b", "LEN", "IDX"]),
        "-ERR If you want both the length and indexes, please just use IDX.\r\n"
    );
    assert_eq!(t.text(&["LCS", "a", "b", "foo"]), SYNTAX);
    assert_eq!(t.text(&["LCS", "a", "b", "MINMATCHLEN"]), SYNTAX);
    assert_eq!(t.text(&["LCS", "a", "b", "MINMATCHLEN", "x"]), NOT_INT);
    // Parsing stops at the first bad option.
    assert_eq!(
        t.text(&["LCS", "a", "b", "foo", "MINMATCHLEN", "x"]),
        SYNTAX
    );
    assert_eq!(
        t.text(&["LCS", "a", "b", "MINMATCHLEN", "x", "foo"]),
        NOT_INT
    );
    assert_eq!(
        t.text(&["LCS", "a"]),
        "-ERR wrong number of arguments for 'lcs' command\r\n"
    );
}

#[test]
fn binary_strings() {
    let mut t = TestServer::new();
    t.raw(&[b"SET", b"x", b"\0a\r\nb\xff"]);
    t.raw(&[b"SET", b"y", b"a\r\n\xff"]);
    assert_eq!(t.raw(&[b"LCS", b"x", b"y"]), b"$4\r\na\r\n\xff\r\n");
}

#[test]
fn table_size_limit() {
    let mut t = TestServer::with_args(&["--proto-max-bulk-len", "1mb"]);
    // 601 * 601 cells of 4 bytes exceed 1mb; 401 * 601 do not.
    t.run(&["SET", "x", &"a".repeat(600)]);
    t.run(&["SET", "y", &"b".repeat(600)]);
    assert_eq!(
        t.text(&["LCS", "x", "y", "LEN"]),
        "-ERR Insufficient memory, transient memory for LCS exceeds proto-max-bulk-len\r\n"
    );
    t.run(&["SET", "x", &"a".repeat(400)]);
    assert_eq!(t.text(&["LCS", "x", "y", "LEN"]), ":0\r\n");
}

#[test]
fn option_words_end_at_a_nul_byte() {
    // Bytes from redis-server 7.0, whose strcasecmp stops at the first NUL.
    let mut t = TestServer::new();
    t.run(&["MSET", "k1", "ohmytext", "k2", "mynewtext"]);
    assert_eq!(
        t.raw(&[b"LCS", b"k1", b"k2", b"IDX\0", b"MINMATCHLEN\0", b"4", b"WITHMATCHLEN\0"]),
        b"*4\r\n$7\r\nmatches\r\n*1\r\n*3\r\n*2\r\n:4\r\n:7\r\n*2\r\n:5\r\n:8\r\n:4\r\n$3\r\nlen\r\n:6\r\n"
    );
    assert_eq!(t.raw(&[b"LCS", b"k1", b"k2", b"LEN\0"]), b":6\r\n");
    assert_eq!(
        t.raw(&[b"LCS", b"k1", b"k2", b"ID\0X"]),
        b"-ERR syntax error\r\n"
    );
}
