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

/// BITCOUNT and BITPOS looked at their range before the key; Redis 7.2 (like 7.0) answers a
/// missing key first and checks a range only against a string.
#[test]
fn bit_ranges_on_missing_keys() {
    same_replies(
        "bug-bit-ranges",
        &[
            &[b"BITCOUNT", b"nokey", b"0"],
            &[b"BITCOUNT", b"nokey", b"a", b"b"],
            &[b"BITCOUNT", b"nokey", b"0", b"1", b"BITS"],
            &[b"BITPOS", b"nokey", b"1", b"x"],
            &[b"BITPOS", b"nokey", b"0", b"0", b"1", b"BITS"],
            &[b"SET", b"s", b"foobar"],
            &[b"BITCOUNT", b"s", b"-1", b"-2", b"BITS"],
            &[b"BITCOUNT", b"s", b"0"],
            &[b"BITPOS", b"s", b"1", b"0", b"x", b"BITS"],
            &[b"LPUSH", b"l", b"a"],
            &[b"BITCOUNT", b"l", b"0"],
            &[b"BITPOS", b"l", b"1", b"x"],
        ],
    );
}

/// A PFADD stopped by a corrupt sparse sketch keeps the registers it raised before, and Redis
/// marks the cached count stale with each of them.
#[test]
fn pfadd_into_a_corrupt_sketch() {
    let mut pfadd: Vec<Vec<u8>> = vec![b"PFADD".to_vec(), b"h".to_vec()];
    pfadd.extend((0..100).map(|i| format!("x0_{i}").into_bytes()));
    let pfadd: Vec<&[u8]> = pfadd.iter().map(Vec::as_slice).collect();
    same_replies(
        "bug-pfadd-corrupt",
        &[
            &[b"CONFIG", b"SET", b"hll-sparse-max-bytes", b"60"],
            &[
                b"SET",
                b"h",
                b"HYLL\x01\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x7f\xfe",
            ],
            &pfadd,
            &[b"GET", b"h"],
            &[b"PFCOUNT", b"h"],
        ],
    );
}
