use crate::testing::TestServer;

/// Replays a transcript recorded from redis-server (tests/golden/record_transcripts.py).
fn golden(name: &str, transcript: &[u8]) {
    let mut t = TestServer::new();
    match t.replay(transcript) {
        Ok(n) => assert!(n >= 20, "{name}: only {n} commands"),
        Err(e) => panic!("{name}: {e}"),
    }
}

macro_rules! golden_test {
    ($name:ident) => {
        #[test]
        fn $name() {
            golden(
                stringify!($name),
                include_bytes!(concat!(
                    "../../tests/golden/hll/",
                    stringify!($name),
                    ".bin"
                )),
            );
        }
    };
}

golden_test!(hll_sparse_basic);
golden_test!(hll_sparse_growth);
golden_test!(hll_dense);
golden_test!(hll_merge);
golden_test!(hll_promotions);
golden_test!(hll_errors);

use shoal_resp::Value::{self, Bulk, Int};

use crate::bitmap::tests::put_list;

const NOT_HLL: &str = "-WRONGTYPE Key is not a valid HyperLogLog string value.\r\n";
const CORRUPT: &str = "-INVALIDOBJ Corrupted HLL object detected\r\n";
const WRONGTYPE: &str = "-WRONGTYPE Operation against a key holding the wrong kind of value\r\n";

fn get(t: &mut TestServer, key: &str) -> Vec<u8> {
    match t.run(&["GET", key]) {
        Bulk(b) => b,
        other => panic!("GET {key}: {other:?}"),
    }
}

fn set_bytes(t: &mut TestServer, key: &str, value: &[u8]) {
    assert_eq!(t.raw(&[b"SET", key.as_bytes(), value]), b"+OK\r\n");
}

fn empty_sketch(card_flags: u8) -> Vec<u8> {
    let mut v = b"HYLL\x01".to_vec();
    v.extend_from_slice(&[0; 10]);
    v.push(card_flags);
    v.extend_from_slice(&[0x7f, 0xff]);
    v
}

#[test]
fn pfadd_creates_a_sparse_sketch_and_caches_the_count() {
    let mut t = TestServer::new();
    assert_eq!(t.text(&["PFADD", "h"]), ":1\r\n");
    assert_eq!(t.text(&["PFADD", "h"]), ":0\r\n");
    assert_eq!(get(&mut t, "h"), empty_sketch(0x80));
    assert_eq!(t.text(&["PFCOUNT", "h"]), ":0\r\n");
    assert_eq!(get(&mut t, "h"), empty_sketch(0));
    assert_eq!(t.text(&["PFADD", "h", "a", "b", "c"]), ":1\r\n");
    assert_eq!(t.text(&["PFADD", "h", "c", "a"]), ":0\r\n");
    assert_eq!(t.text(&["PFCOUNT", "h"]), ":3\r\n");
    let v = get(&mut t, "h");
    assert_eq!(&v[8..16], &[3, 0, 0, 0, 0, 0, 0, 0]);
    assert_eq!(t.text(&["OBJECT", "ENCODING", "h"]), "$3\r\nraw\r\n");
    assert_eq!(t.text(&["TYPE", "h"]), "+string\r\n");
    // A new register invalidates the cache but leaves the old count's bytes.
    assert_eq!(t.text(&["PFADD", "h", "d"]), ":1\r\n");
    assert_eq!(&get(&mut t, "h")[8..16], &[3, 0, 0, 0, 0, 0, 0, 0x80]);
    assert_eq!(t.text(&["PFCOUNT", "h"]), ":4\r\n");
    assert_eq!(t.text(&["PFCOUNT", "missing"]), ":0\r\n");
    assert_eq!(t.text(&["EXISTS", "missing"]), ":0\r\n");
}

#[test]
fn wrong_values_are_refused() {
    let mut t = TestServer::new();
    put_list(&t, "l");
    for cmd in [
        &["PFADD", "l", "a"][..],
        &["PFCOUNT", "l"],
        &["PFCOUNT", "x", "l"],
        &["PFMERGE", "l", "x"],
        &["PFMERGE", "x", "l"],
        &["PFDEBUG", "ENCODING", "l"],
    ] {
        assert_eq!(t.text(cmd), WRONGTYPE, "{cmd:?}");
    }
    t.run(&["SET", "s", "hello"]);
    t.run(&["SET", "n", "1234"]);
    set_bytes(&mut t, "enc", b"HYLL\x02\0\0\0\0\0\0\0\0\0\0\0\x7f\xff");
    set_bytes(
        &mut t,
        "dense-short",
        b"HYLL\x00\0\0\0\0\0\0\0\0\0\0\0\x00\x00",
    );
    for key in ["s", "n", "enc", "dense-short"] {
        assert_eq!(t.text(&["PFADD", key, "a"]), NOT_HLL, "{key}");
        assert_eq!(t.text(&["PFCOUNT", key]), NOT_HLL, "{key}");
        assert_eq!(t.text(&["PFCOUNT", key, "x"]), NOT_HLL, "{key}");
        assert_eq!(t.text(&["PFMERGE", "dest", key]), NOT_HLL, "{key}");
    }
    assert_eq!(t.text(&["EXISTS", "dest"]), ":0\r\n");
    assert_eq!(t.text(&["GET", "s"]), "$5\r\nhello\r\n");
}

#[test]
fn corrupt_sketches() {
    let mut t = TestServer::new();
    // Two XZERO opcodes: twice the registers there are.
    let mut over = empty_sketch(0x80);
    over.extend_from_slice(&[0x7f, 0xff]);
    set_bytes(&mut t, "over", &over);
    assert_eq!(t.text(&["PFCOUNT", "over"]), CORRUPT);
    assert_eq!(t.text(&["PFCOUNT", "over", "x"]), CORRUPT);
    assert_eq!(t.text(&["PFMERGE", "m", "over"]), CORRUPT);
    assert_eq!(t.text(&["PFDEBUG", "TODENSE", "over"]), CORRUPT);
    // Redis unshares the string before it tries the conversion: raw even though it failed.
    set_bytes(&mut t, "fresh", &over);
    assert_eq!(t.text(&["OBJECT", "ENCODING", "fresh"]), "$6\r\nembstr\r\n");
    assert_eq!(t.text(&["PFDEBUG", "TODENSE", "fresh"]), CORRUPT);
    assert_eq!(t.text(&["OBJECT", "ENCODING", "fresh"]), "$3\r\nraw\r\n");
    assert_eq!(t.text(&["PFDEBUG", "GETREG", "over"]), CORRUPT);
    // PFADD finds the register inside the first opcode and goes ahead, as Redis does.
    assert_eq!(t.text(&["PFADD", "over", "a"]), ":1\r\n");
    // One XZERO of a single register: PFADD cannot find its register.
    let mut short = empty_sketch(0x80);
    short.truncate(16);
    short.extend_from_slice(&[0x40, 0x00]);
    set_bytes(&mut t, "short", &short);
    assert_eq!(t.text(&["PFADD", "short", "a"]), CORRUPT);
    assert_eq!(get(&mut t, "short"), short);
    // A valid cached count is answered without reading the registers.
    let mut cached = short.clone();
    cached[8] = 42;
    cached[15] = 0;
    set_bytes(&mut t, "cached", &cached);
    assert_eq!(t.text(&["PFCOUNT", "cached"]), ":42\r\n");
    assert_eq!(t.text(&["PFCOUNT", "cached", "x"]), CORRUPT);
}

#[test]
fn pfadd_stopped_by_corruption_still_invalidates_the_cache_of_what_it_raised() {
    let mut t = TestServer::new();
    t.run(&["CONFIG", "SET", "hll-sparse-max-bytes", "60"]);
    // One XZERO over 16383 registers, one short, with a valid cached count of 0: additions
    // work until the sketch has to turn dense, which finds the registers missing.
    let mut short = empty_sketch(0);
    short.truncate(16);
    short.extend_from_slice(&[0x7f, 0xfe]);
    set_bytes(&mut t, "h", &short);
    let elements: Vec<String> = (0..100).map(|i| format!("x0_{i}")).collect();
    let mut cmd = vec!["PFADD", "h"];
    cmd.extend(elements.iter().map(String::as_str));
    assert_eq!(t.text(&cmd), CORRUPT);
    let v = get(&mut t, "h");
    assert_eq!(v.len(), 60);
    assert_eq!(&v[8..16], &[0, 0, 0, 0, 0, 0, 0, 0x80]);
    assert_eq!(t.text(&["PFCOUNT", "h"]), CORRUPT);
    // Nothing raised before the corruption: the cache stays as it was.
    let mut tiny = empty_sketch(0);
    tiny.truncate(16);
    tiny.extend_from_slice(&[0x40, 0x00]);
    tiny[8] = 7;
    set_bytes(&mut t, "t", &tiny);
    assert_eq!(t.text(&["PFADD", "t", "a"]), CORRUPT);
    assert_eq!(get(&mut t, "t"), tiny);
    assert_eq!(t.text(&["PFCOUNT", "t"]), ":7\r\n");
}

#[test]
fn multi_key_pfcount_modifies_nothing_and_crosses_slots() {
    let mut t = TestServer::new();
    t.run(&["PFADD", "{a}1", "x", "y"]);
    t.run(&["PFADD", "{b}2", "y", "z", "w"]);
    let before = (get(&mut t, "{a}1"), get(&mut t, "{b}2"));
    assert_eq!(t.text(&["PFCOUNT", "{a}1", "{b}2", "{c}3"]), ":4\r\n");
    assert_eq!((get(&mut t, "{a}1"), get(&mut t, "{b}2")), before);
    assert_eq!(t.text(&["PFMERGE", "{c}3", "{a}1", "{b}2"]), "+OK\r\n");
    assert_eq!(t.text(&["PFCOUNT", "{c}3"]), ":4\r\n");
    assert_eq!(t.text(&["PFMERGE", "{d}4"]), "+OK\r\n");
    assert_eq!(t.text(&["PFCOUNT", "{d}4"]), ":0\r\n");
    assert_eq!(
        t.text(&["PFCOUNT"]),
        "-ERR wrong number of arguments for 'pfcount' command\r\n"
    );
}

#[test]
fn pfmerge_keeps_the_destination_ttl_and_goes_dense_with_a_dense_input() {
    let mut t = TestServer::new();
    t.run(&["PFADD", "d", "a"]);
    t.run(&["EXPIRE", "d", "100"]);
    let many: Vec<String> = (0..4000).map(|i| format!("m{i}")).collect();
    let mut cmd = vec!["PFADD", "big"];
    cmd.extend(many.iter().map(|s| s.as_str()));
    t.run(&cmd);
    assert_eq!(t.text(&["PFDEBUG", "ENCODING", "big"]), "+dense\r\n");
    assert_eq!(t.text(&["PFMERGE", "d", "big"]), "+OK\r\n");
    assert_eq!(t.text(&["PFDEBUG", "ENCODING", "d"]), "+dense\r\n");
    assert_eq!(t.text(&["TTL", "d"]), ":100\r\n");
    assert_eq!(t.run(&["PFCOUNT", "d"]), t.run(&["PFCOUNT", "big", "d"]));
    // Expired keys count as missing everywhere.
    t.clock_offset_ms = 200_000;
    assert_eq!(t.text(&["PFCOUNT", "d"]), ":0\r\n");
    assert_eq!(t.text(&["PFADD", "d"]), ":1\r\n");
    assert_eq!(t.text(&["TTL", "d"]), ":-1\r\n");
}

#[test]
fn sparse_limit_is_read_at_each_write() {
    let mut t = TestServer::new();
    t.run(&["PFADD", "h", "a", "b", "c"]);
    assert_eq!(
        t.text(&["CONFIG", "SET", "hll-sparse-max-bytes", "0"]),
        "+OK\r\n"
    );
    assert_eq!(t.text(&["PFADD", "h", "a"]), ":0\r\n");
    assert_eq!(t.text(&["PFDEBUG", "ENCODING", "h"]), "+sparse\r\n");
    assert_eq!(t.text(&["PFADD", "h", "new"]), ":1\r\n");
    assert_eq!(t.text(&["PFDEBUG", "ENCODING", "h"]), "+dense\r\n");
    assert_eq!(get(&mut t, "h").len(), 12304);
    assert_eq!(t.text(&["PFCOUNT", "h"]), ":4\r\n");
}

#[test]
fn pfdebug_subcommands() {
    let mut t = TestServer::new();
    t.run(&["PFADD", "h", "a", "b", "c"]);
    assert_eq!(t.text(&["PFDEBUG", "ENCODING", "h"]), "+sparse\r\n");
    assert_eq!(
        t.text(&["PFDEBUG", "decode", "h"]),
        "$44\r\nZ:8436 v:1,1 Z:4274 v:2,1 Z:3068 v:1,1 Z:603\r\n"
    );
    assert_eq!(
        t.text(&["PFDEBUG", "NOPE", "h"]),
        "-ERR Unknown PFDEBUG subcommand 'NOPE'\r\n"
    );
    assert_eq!(
        t.text(&["PFDEBUG", "GETREG", "nokey"]),
        "-ERR The specified key does not exist\r\n"
    );
    let Value::Array(regs) = t.run(&["PFDEBUG", "GETREG", "h"]) else {
        panic!("GETREG replies an array");
    };
    assert_eq!(regs.len(), 16384);
    assert_eq!((regs[8436].clone(), regs[12711].clone()), (Int(1), Int(2)));
    assert_eq!(regs.iter().filter(|r| **r != Int(0)).count(), 3);
    // GETREG converted the sketch.
    assert_eq!(t.text(&["PFDEBUG", "ENCODING", "h"]), "+dense\r\n");
    assert_eq!(t.text(&["PFDEBUG", "TODENSE", "h"]), ":0\r\n");
    assert_eq!(
        t.text(&["PFDEBUG", "DECODE", "h"]),
        "-ERR HLL encoding is not sparse\r\n"
    );
    t.run(&["PFADD", "s", "x"]);
    assert_eq!(t.text(&["PFDEBUG", "TODENSE", "s"]), ":1\r\n");
    assert_eq!(t.text(&["PFCOUNT", "s", "h"]), ":4\r\n");
}

#[test]
fn self_test_passes() {
    assert_eq!(super::pfselftest::self_test(3, 20_000, 3000), Ok(()));
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(24))]

    /// Through the commands, a sketch kept sparse and the same sketch converted to dense early
    /// answer every PFADD and PFCOUNT alike and end with the same registers.
    #[test]
    fn sparse_and_dense_sketches_agree(
        batches in proptest::collection::vec(
            proptest::collection::vec("[a-z0-9]{0,6}", 0..40), 1..12),
        limit in proptest::prop_oneof![proptest::strategy::Just(3000u32), 0u32..400],
    ) {
        let mut t = TestServer::new();
        t.run(&["CONFIG", "SET", "hll-sparse-max-bytes", &limit.to_string()]);
        t.run(&["PFADD", "dense"]);
        t.run(&["PFDEBUG", "TODENSE", "dense"]);
        for batch in &batches {
            let mut a = vec!["PFADD", "sparse"];
            a.extend(batch.iter().map(|s| s.as_str()));
            let mut b = vec!["PFADD", "dense"];
            b.extend(batch.iter().map(|s| s.as_str()));
            let ra = t.text(&a);
            let rb = t.text(&b);
            if batch.is_empty() && ra == ":1\r\n" {
                // Creating the key counts as a change even without elements.
                proptest::prop_assert_eq!(rb, ":0\r\n");
            } else {
                proptest::prop_assert_eq!(ra, rb);
            }
            proptest::prop_assert_eq!(t.text(&["PFCOUNT", "sparse"]), t.text(&["PFCOUNT", "dense"]));
        }
        let regs_sparse = t.run(&["PFDEBUG", "GETREG", "sparse"]);
        proptest::prop_assert_eq!(regs_sparse, t.run(&["PFDEBUG", "GETREG", "dense"]));
        proptest::prop_assert_eq!(t.run(&["PFCOUNT", "sparse"]), t.run(&["PFCOUNT", "dense", "sparse"]));
    }
}

#[test]
fn pfdebug_subcommands_end_at_a_nul_byte() {
    // Bytes from redis-server 7.0: PFDEBUG compares its subcommand with strcasecmp and
    // prints an unknown one with %s, both stopping at the first NUL.
    let mut t = TestServer::new();
    t.text(&["PFADD", "hl", "a"]);
    assert_eq!(t.raw(&[b"PFDEBUG", b"ENCODING\0", b"hl"]), b"+sparse\r\n");
    assert_eq!(
        t.raw(&[b"PFDEBUG", b"DECODE\0", b"hl"]),
        b"$20\r\nZ:12711 v:2,1 Z:3672\r\n"
    );
    assert_eq!(t.raw(&[b"PFDEBUG", b"todense\0", b"hl"]), b":1\r\n");
    assert_eq!(t.raw(&[b"PFDEBUG", b"encoding\0x", b"hl"]), b"+dense\r\n");
    assert_eq!(
        t.raw(&[b"PFDEBUG", b"foo\0bar", b"hl"]),
        b"-ERR Unknown PFDEBUG subcommand 'foo'\r\n"
    );
    assert_eq!(
        t.raw(&[b"PFDEBUG", b"fo\xffo", b"hl"]),
        b"-ERR Unknown PFDEBUG subcommand 'fo\xffo'\r\n"
    );
    let regs = t.raw(&[b"PFDEBUG", b"GETREG\0", b"hl"]);
    assert!(regs.starts_with(b"*16384\r\n:0\r\n"));
}
