//! Replies every client sees: unknown commands, wrong arity, QUIT.

use crate::support::{encode, encode_str, require, show, Shoal};

fn text(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

#[test]
fn unknown_command_texts() {
    let s = Shoal::start();
    let mut c = s.conn();
    assert_eq!(
        c.text(&["NOSUCH"]),
        "-ERR unknown command 'NOSUCH', with args beginning with: \r\n"
    );
    assert_eq!(
        c.text(&["nosuch", "a", "", "b c"]),
        "-ERR unknown command 'nosuch', with args beginning with: 'a' '' 'b c' \r\n"
    );
    assert_eq!(
        c.text(&[""]),
        "-ERR unknown command '', with args beginning with: \r\n"
    );
    // The name is cut at 128 bytes; arguments are added while the list is under 128 bytes,
    // each cut to what is left.
    let long = "x".repeat(200);
    let y = "y".repeat(100);
    let z = "z".repeat(100);
    assert_eq!(
        c.text(&[&long, &y, &z, "w"]),
        format!(
            "-ERR unknown command '{}', with args beginning with: '{}' '{}' \r\n",
            "x".repeat(128),
            y,
            "z".repeat(25)
        )
    );
    // CR/LF inside arguments become spaces so the error stays one line.
    assert_eq!(
        text(&c.raw(&[b"nosuch", b"a\r\nb"])),
        "-ERR unknown command 'nosuch', with args beginning with: 'a  b' \r\n"
    );
    assert_eq!(c.raw(&[b"PING"]), b"+PONG\r\n");
}

#[test]
fn unknown_command_binary_arguments_as_redis_prints_them() {
    let s = Shoal::start();
    let mut c = s.conn();
    assert_eq!(
        show(&c.raw(&[b"NO\0SUCH", b"\xff\xfe", b"c\0d"])),
        show(b"-ERR unknown command 'NO', with args beginning with: '\xff\xfe' 'c' \r\n")
    );
    assert_eq!(
        show(&c.raw(&[b"get\0"])),
        show(b"-ERR unknown command 'get', with args beginning with: \r\n")
    );
}

#[test]
fn wrong_arity_texts() {
    let s = Shoal::start();
    let mut c = s.conn();
    let cases: &[(&[&str], &str)] = &[
        (&["GET"], "get"),
        (&["get", "a", "b"], "get"),
        (&["SET", "k"], "set"),
        (&["SeT"], "set"),
        (&["PING", "a", "b"], "ping"),
    ];
    for (args, name) in cases {
        assert_eq!(
            c.text(args),
            format!("-ERR wrong number of arguments for '{name}' command\r\n"),
            "{args:?}"
        );
    }
    // A container command without its subcommand, once one exists.
    for container in ["config", "client", "object", "command"] {
        if crate::support::has(container) {
            let r = c.text(&[container, "nosuchsub"]);
            assert_eq!(
                r,
                format!(
                    "-ERR unknown subcommand 'nosuchsub'. Try {} HELP.\r\n",
                    container.to_uppercase()
                )
            );
        }
    }
}

#[test]
fn quit_replies_ok_and_closes() {
    if !require("quit_replies_ok_and_closes", &["quit"]) {
        return;
    }
    let s = Shoal::start();
    let mut c = s.conn();
    let mut req = encode_str(&["SET", "quit:k", "1"]);
    req.extend(encode_str(&["QUIT"]));
    // Nothing after QUIT runs.
    req.extend(encode_str(&["SET", "quit:after", "1"]));
    req.extend(b"PING\r\n");
    c.send(&req);
    let (got, _) = c.read_to_close();
    assert_eq!(text(&got), "+OK\r\n+OK\r\n");
    let mut d = s.conn();
    assert_eq!(d.raw(&[b"GET", b"quit:after"]), b"$-1\r\n");
    // QUIT ignores extra arguments (arity -1).
    let mut e = s.conn();
    e.send(&encode(&[b"quit", b"extra"]));
    let (got, _) = e.read_to_close();
    assert_eq!(text(&got), "+OK\r\n");
}
