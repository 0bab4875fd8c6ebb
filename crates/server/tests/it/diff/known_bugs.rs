//! Differences from Redis that the differential runs found, kept as regression tests now that
//! they are fixed. A newly found, not yet fixed difference gets a test here (ignored, with the
//! reason) and a matching pattern in allow::known_bug.

use crate::support::show;

use super::engine::Diff;

/// Sends each command to both servers and fails on the first reply that differs.
fn same_replies(name: &'static str, cmds: &[&[&[u8]]]) {
    if let Some(diff) = Diff::start(name) {
        compare(diff, cmds);
    }
}

/// The same against valkey-server, for commands Redis 7.0 does not have.
fn same_replies_valkey(name: &'static str, cmds: &[&[&[u8]]]) {
    if let Some(diff) = Diff::start_valkey(name) {
        compare(diff, cmds);
    }
}

fn compare(diff: Diff, cmds: &[&[&[u8]]]) {
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
            // Not `get\0`: Redis's command dict hashes the whole name but compares with
            // strcasecmp, so it finds GET whenever the two hashes share a bucket (seed-dependent).
        ],
    );
}

/// Redis compares option words with strcasecmp, which stops at the first NUL. (SCAN's TYPE is
/// left to the unit tests: its reply order follows each server's hash table. Subcommand names
/// are not compared here: Redis finds them in a dict that hashes the whole argument but
/// compares with strcasecmp, so `OBJECT "ENCODING\0"` works only when the hashes happen to
/// share a bucket, which changes with every start's hash seed.)
#[test]
fn nul_bytes_in_option_words() {
    same_replies(
        "bug-nul-options",
        &[
            &[b"RPUSH", b"l", b"a", b"b", b"c"],
            &[b"LMOVE", b"l", b"l2", b"left\x00x", b"RIGHT\x00y"],
            &[b"LINSERT", b"l", b"before\x00x", b"b", b"z"],
            &[b"LPOS", b"l", b"z", b"rank\x00x", b"1", b"COUNT\x00", b"0"],
            &[b"LMOVE", b"l", b"l2", b"lef\x00t", b"right"],
            &[b"ZADD", b"z", b"1", b"m", b"2", b"n"],
            &[
                b"ZRANGE",
                b"z",
                b"(3",
                b"0",
                b"BYSCORE\x00",
                b"REV\x00",
                b"LIMIT\x00",
                b"0",
                b"1",
            ],
            &[
                b"ZUNION",
                b"2",
                b"z",
                b"z",
                b"WEIGHTS\x00",
                b"1",
                b"2",
                b"AGGREGATE\x00",
                b"MAX\x00",
                b"WITHSCORES\x00",
            ],
            &[b"ZINTERCARD", b"1", b"z", b"limit\x00", b"1"],
            &[b"SADD", b"s", b"m"],
            &[b"SSCAN", b"s", b"0", b"match\x00", b"*", b"count\x00", b"5"],
            &[b"SINTERCARD", b"1", b"s", b"LIMIT\x00", b"0"],
            &[b"HSET", b"h", b"f", b"v"],
            &[b"HRANDFIELD", b"h", b"-1", b"WITHVALUES\x00"],
            &[b"COPY", b"h", b"h2", b"DB\x00", b"0", b"REPLACE\x00"],
            &[b"SET", b"b", b"foobar"],
            &[b"BITCOUNT", b"b", b"5", b"30", b"bit\x00"],
            &[b"BITOP", b"AND\x00x", b"d", b"b"],
            &[
                b"BITFIELD",
                b"bf",
                b"SET\x00",
                b"u8",
                b"0",
                b"255",
                b"OVERFLOW\x00",
                b"SAT\x00x",
                b"INCRBY",
                b"u8",
                b"0",
                b"1",
            ],
            &[b"LCS", b"b", b"d", b"LEN\x00"],
            &[b"PFADD", b"hl", b"a"],
            &[b"PFDEBUG", b"ENCODING\x00", b"hl"],
            &[b"PFDEBUG", b"foo\x00bar", b"hl"],
            &[b"CLIENT", b"LIST", b"TYPE", b"bogus\x00x"],
            &[
                b"CLIENT",
                b"KILL",
                b"ID\x00",
                b"99999",
                b"SKIPME\x00",
                b"YES\x00",
            ],
            &[b"CLIENT", b"UNBLOCK", b"1", b"TIMEOU\x00T"],
            &[b"SHUTDOWN", b"ABORT\x00"],
            &[b"HELLO", b"2", b"SETNAM\x00E", b"nm"],
            &[
                b"COMMAND",
                b"GETKEYS",
                b"GEORADIUS",
                b"g",
                b"1",
                b"1",
                b"10",
                b"km",
                b"STOREDIST\x00x",
                b"dst2",
            ],
            &[b"INFO", b"\x00x"],
            &[b"FLUSHALL", b"SYNC\x00"],
        ],
    );
}

/// The option words of commands newer than Redis 7.0 (hash field expiry, NOVALUES, ZRANK
/// WITHSCORE, CLIENT SETINFO/MAXAGE/NO-TOUCH) go through the same strcasecmp in Valkey.
#[test]
fn nul_bytes_in_newer_option_words() {
    same_replies_valkey(
        "bug-nul-options-valkey",
        &[
            &[b"HSET", b"h", b"f", b"v"],
            &[b"HSCAN", b"h", b"0", b"NOVALUES\x00x"],
            &[b"HTTL", b"h", b"FIELDS\x00", b"1", b"f"],
            &[b"HEXPIRE", b"h", b"100", b"fields\x00x", b"1", b"f"],
            &[
                b"HSETEX",
                b"h",
                b"FNX\x00",
                b"EX\x00",
                b"10",
                b"FIELDS\x00",
                b"1",
                b"g",
                b"w",
            ],
            &[b"HGETEX", b"h", b"PERSIST\x00", b"FIELDS\x00", b"1", b"f"],
            &[b"HPERSIST", b"h", b"FIELDS\x00", b"1", b"f"],
            &[b"ZADD", b"z", b"1", b"m", b"2", b"n"],
            &[b"ZRANK", b"z", b"n", b"withscore\x00x"],
            &[b"CLIENT", b"SETINFO", b"LIB-NAME\x00", b"x"],
            &[b"CLIENT", b"SETINFO", b"LIB-NAM\x00E", b"x"],
            &[b"CLIENT", b"KILL", b"MAXAGE\x00", b"100000"],
            &[b"CLIENT", b"NO-TOUCH", b"ON\x00"],
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
