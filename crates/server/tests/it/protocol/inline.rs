//! Inline commands (telnet style): splitting, quoting and escapes as Redis's sdssplitargs.

use crate::support::{show, Shoal};

/// Sets `key` with an inline line, then reads the value back with a multibulk GET.
fn inline_value(shoal: &Shoal, key: &[u8], line: &[u8]) -> Vec<u8> {
    let mut c = shoal.conn();
    c.send(line);
    let (_, raw) = c.read_reply();
    assert_eq!(raw, b"+OK\r\n", "inline line {}", show(line));
    let (v, _) = {
        c.send_cmd(&[b"GET", key]);
        c.read_reply()
    };
    match v {
        shoal_resp::Value::Bulk(b) => b,
        other => panic!("GET after {}: {other:?}", show(line)),
    }
}

#[test]
fn double_quotes_and_escapes() {
    let s = Shoal::start();
    let cases: &[(&[u8], &[u8], &[u8])] = &[
        (b"SET \"a b\" \"c d\"\r\n", b"a b", b"c d"),
        (
            b"SET esc \"\\x41\\x7a\\n\\r\\t\\b\\a\\\\\\\"\\q\"\r\n",
            b"esc",
            b"Az\n\r\t\x08\x07\\\"q",
        ),
        (b"SET hex \"\\xZZ\\x4\"\r\n", b"hex", b"xZZx4"),
        (
            b"SET hexcase \"\\xfF\\x00end\"\r\n",
            b"hexcase",
            b"\xff\x00end",
        ),
        (b"SET emptyq \"\"\r\n", b"emptyq", b""),
        (
            b"SET 'single q' 'it\\'s \\n raw'\r\n",
            b"single q",
            b"it's \\n raw",
        ),
        (b"SET sq2 'a\"b'\r\n", b"sq2", b"a\"b"),
        (b"SET dq2 \"a'b\"\r\n", b"dq2", b"a'b"),
        // A quote inside a word starts a quoted part; it must end before a space.
        (b"SET mid x\"y z\" \r\n", b"mid", b"xy z"),
    ];
    for (line, key, want) in cases {
        let got = inline_value(&s, key, line);
        assert_eq!(&got[..], *want, "{}: got {}", show(line), show(&got));
    }
}

#[test]
fn whitespace_terminators_and_empty_lines() {
    let s = Shoal::start();
    let mut c = s.conn();
    // Blank and whitespace-only lines run nothing; \n alone ends a line; tabs separate.
    c.send(b"\r\n\n   \r\n\t\n  PING  \r\n\tSET\tws\t  val \nget ws\n");
    assert_eq!(c.read_reply().1, b"+PONG\r\n");
    assert_eq!(c.read_reply().1, b"+OK\r\n");
    assert_eq!(c.read_reply().1, b"$3\r\nval\r\n");
    assert_eq!(c.raw(&[b"PING"]), b"+PONG\r\n");
}

#[test]
fn command_names_are_case_insensitive() {
    let s = Shoal::start();
    let mut c = s.conn();
    c.send(b"pInG\r\nset ci 1\r\nGeT ci\r\n");
    assert_eq!(c.read_reply().1, b"+PONG\r\n");
    assert_eq!(c.read_reply().1, b"+OK\r\n");
    assert_eq!(c.read_reply().1, b"$1\r\n1\r\n");
}

#[test]
fn long_inline_line_under_the_limit() {
    let s = Shoal::start();
    let value = vec![b'x'; 60_000];
    let mut line = b"SET longinline ".to_vec();
    line.extend_from_slice(&value);
    line.extend_from_slice(b"\r\n");
    assert_eq!(inline_value(&s, b"longinline", &line), value);
}

#[test]
fn inline_errors_are_replies_not_protocol_errors() {
    let s = Shoal::start();
    let mut c = s.conn();
    c.send(b"NOPE a \"b c\"\r\nGET\r\nPING\r\n");
    assert_eq!(
        String::from_utf8_lossy(&c.read_reply().1),
        "-ERR unknown command 'NOPE', with args beginning with: 'a' 'b c' \r\n"
    );
    assert_eq!(
        String::from_utf8_lossy(&c.read_reply().1),
        "-ERR wrong number of arguments for 'get' command\r\n"
    );
    assert_eq!(c.read_reply().1, b"+PONG\r\n");
}
