//! Differences from Redis that the differential runs found, kept as regression tests now that
//! they are fixed. A newly found, not yet fixed difference gets a test here (ignored, with the
//! reason) and a matching pattern in allow::known_bug.

use crate::support::show;

use super::engine::Diff;

/// Sends each command to both servers and fails on the first reply that differs.
fn same_replies(name: &'static str, cmds: &[&[&[u8]]]) {
    let Some(diff) = Diff::start(name) else {
        return;
    };
    let mut r = diff.redis.conn();
    let mut s = diff.shoal.conn();
    let mut failures = Vec::new();
    for cmd in cmds {
        let (a, b) = (r.raw(cmd), s.raw(cmd));
        if a != b {
            let args: Vec<String> = cmd.iter().map(|x| show(x)).collect();
            failures.push(format!(
                "{}\n  redis: {}\n  shoal: {}",
                args.join(" "),
                show(&a),
                show(&b)
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn non_utf8_bytes_in_error_texts() {
    same_replies(
        "bug-lossy-errors",
        &[
            &[b"EXPIRE", b"k", b"10", b"\x80"],
            &[b"SET", b"k", b"v", b"\xff"],
            &[b"HELLO", b"2", b"\xfe"],
            &[b"CONFIG", b"SET", b"\xff", b"1"],
            &[b"OBJECT", b"\xff"],
            &[b"nosuch\xff", b"\xfe"],
        ],
    );
}

#[test]
fn nul_bytes_in_error_texts() {
    same_replies(
        "bug-nul-errors",
        &[
            &[b"HELLO", b"2", b"a\x00b"],
            &[b"EXPIRE", b"k", b"10", b"N\x00X"],
            &[b"nosuch\x00x", b"a\x00b"],
            &[b"get\x00"],
        ],
    );
}

#[test]
fn db_number_outside_int_range() {
    same_replies(
        "bug-db-int-range",
        &[
            &[b"SET", b"k", b"v"],
            &[b"MOVE", b"k", b"2147483648"],
            &[b"MOVE", b"k", b"-9223372036854775808"],
            &[b"COPY", b"k", b"j", b"DB", b"2147483648"],
            &[b"SELECT", b"2147483648"],
        ],
    );
}
