//! Bitmap commands against redis-server: SETBIT/GETBIT, BITCOUNT and BITPOS (BYTE/BIT, negative
//! and out-of-range ends, the "no clear bit found" rule), BITOP on keys of different lengths
//! and missing keys, BITFIELD/BITFIELD_RO (every type width, `#` offsets, OVERFLOW modes,
//! errors), and SETRANGE/APPEND/GET on the same keys.
//!
//! Written offsets stay small (a valid offset near 2^32 bits would make both servers allocate
//! 512 MB); read-only ones reach the limits.

use proptest::prelude::*;

use super::engine::{cases, Cmd, Cmp, Diff, A};
use super::gen::*;

/// Bit offsets for writes: small, plus invalid ones.
fn write_offset() -> BoxedStrategy<A> {
    prop_oneof![
        10 => (0i64..80).prop_map(|i| lit(i.to_string())),
        2 => (80i64..400).prop_map(|i| lit(i.to_string())),
        1 => token(&["-1", "abc", "", "1.5", "4294967296", "9223372036854775807", " 1", "+1"]),
    ]
    .boxed()
}

/// Bit offsets for reads: anything up to the limit.
fn read_offset() -> BoxedStrategy<A> {
    prop_oneof![
        6 => write_offset(),
        1 => token(&["4294967295", "4294967294", "1000000"]),
    ]
    .boxed()
}

/// BITCOUNT / BITPOS range ends.
fn range_end() -> BoxedStrategy<A> {
    prop_oneof![
        8 => (-12i64..12).prop_map(|i| lit(i.to_string())),
        2 => (-100i64..100).prop_map(|i| lit(i.to_string())),
        1 => token(&[
            "abc",
            "",
            "9223372036854775807",
            "-9223372036854775808",
            "9223372036854775808",
            "1.5",
        ]),
    ]
    .boxed()
}

fn unit() -> BoxedStrategy<Vec<A>> {
    prop_oneof![
        3 => Just(vec![]),
        2 => token(&["BYTE", "BIT"]).prop_map(|u| vec![u]),
        1 => Just(vec![lit("BITS")]),
        1 => Just(vec![lit("BIT"), lit("BIT")]),
    ]
    .boxed()
}

fn bitcount() -> BoxedStrategy<Cmd> {
    let range = prop_oneof![
        1 => Just(vec![]),
        1 => range_end().prop_map(|s| vec![s]),
        4 => (range_end(), range_end(), unit()).prop_map(|(s, e, u)| {
            let mut v = vec![s, e];
            v.extend(u);
            v
        }),
    ];
    (key(), range)
        .prop_map(|(k, r)| {
            let mut a = vec![lit("BITCOUNT"), k];
            a.extend(r);
            Cmd::new(a, Cmp::Exact)
        })
        .boxed()
}

fn bitpos() -> BoxedStrategy<Cmd> {
    let bit = prop_oneof![8 => token(&["0", "1"]), 1 => token(&["2", "-1", "abc", ""])];
    let range = prop_oneof![
        2 => Just(vec![]),
        2 => range_end().prop_map(|s| vec![s]),
        2 => (range_end(), range_end()).prop_map(|(s, e)| vec![s, e]),
        3 => (range_end(), range_end(), unit()).prop_map(|(s, e, u)| {
            let mut v = vec![s, e];
            v.extend(u);
            v
        }),
    ];
    (key(), bit, range)
        .prop_map(|(k, b, r)| {
            let mut a = vec![lit("BITPOS"), k, b];
            a.extend(r);
            Cmd::new(a, Cmp::Exact)
        })
        .boxed()
}

fn bitop() -> BoxedStrategy<Cmd> {
    let op = prop_oneof![
        8 => token(&["AND", "OR", "XOR", "NOT"]),
        1 => token(&["NAND", "", "DIFF"]),
    ];
    (op, key(), keys(1, 3))
        .prop_map(|(op, dst, srcs)| {
            let mut a = vec![lit("BITOP"), op, dst];
            a.extend(srcs);
            Cmd::new(a, Cmp::Exact)
        })
        .boxed()
}

/// BITFIELD types: every valid width, and invalid ones.
fn bf_type() -> BoxedStrategy<A> {
    prop_oneof![
        4 => (1u32..=64).prop_map(|n| lit(format!("i{n}"))),
        4 => (1u32..=63).prop_map(|n| lit(format!("u{n}"))),
        3 => token(&["i8", "u8", "i16", "u16", "u1", "i1", "i64", "u63", "I32", "U32"]),
        1 => token(&["u64", "i65", "i0", "u0", "x8", "", "i", "8", "i-1", "i+8"]),
    ]
    .boxed()
}

fn bf_offset(write: bool) -> BoxedStrategy<A> {
    let valid = if write {
        prop_oneof![
            3 => (0i64..100).prop_map(|i| lit(i.to_string())),
            2 => (0i64..6).prop_map(|i| lit(format!("#{i}"))),
        ]
        .boxed()
    } else {
        prop_oneof![
            3 => (0i64..100).prop_map(|i| lit(i.to_string())),
            2 => (0i64..6).prop_map(|i| lit(format!("#{i}"))),
            1 => token(&["4294967295", "4294967232", "#67108863", "#67108864"]),
        ]
        .boxed()
    };
    prop_oneof![
        10 => valid,
        1 => token(&["-1", "#-1", "#", "abc", "", "4294967296", "#x", "1.5"]),
    ]
    .boxed()
}

fn bf_value() -> BoxedStrategy<A> {
    prop_oneof![
        6 => (-300i64..300).prop_map(|i| lit(i.to_string())),
        2 => token(&[
            "9223372036854775807",
            "-9223372036854775808",
            "4294967295",
            "-2147483648",
            "2147483647",
            "127",
            "-128",
            "255",
            "65535",
            "1",
            "-1",
        ]),
        1 => token(&["abc", "", "1.5", "9223372036854775808"]),
    ]
    .boxed()
}

fn bf_sub(write: bool) -> BoxedStrategy<Vec<A>> {
    let get = (token(&["GET"]), bf_type(), bf_offset(false)).prop_map(|(c, t, o)| vec![c, t, o]);
    let set = (token(&["SET"]), bf_type(), bf_offset(write), bf_value())
        .prop_map(|(c, t, o, v)| vec![c, t, o, v]);
    let incr = (token(&["INCRBY"]), bf_type(), bf_offset(write), bf_value())
        .prop_map(|(c, t, o, v)| vec![c, t, o, v]);
    let overflow = prop_oneof![
        6 => token(&["WRAP", "SAT", "FAIL"]),
        1 => token(&["NONE", ""]),
    ]
    .prop_map(|m| vec![lit("OVERFLOW"), m]);
    prop_oneof![
        4 => get,
        3 => set,
        3 => incr,
        2 => overflow,
        1 => Just(vec![lit("NOPE")]),
        1 => Just(vec![lit("GET"), lit("i8")]),
    ]
    .boxed()
}

fn bitfield() -> BoxedStrategy<Cmd> {
    (key(), prop::collection::vec(bf_sub(true), 0..=4))
        .prop_map(|(k, subs)| {
            let mut a = vec![lit("BITFIELD"), k];
            a.extend(subs.into_iter().flatten());
            Cmd::new(a, Cmp::Exact)
        })
        .boxed()
}

fn bitfield_ro() -> BoxedStrategy<Cmd> {
    let sub = prop_oneof![
        8 => (bf_type(), bf_offset(false)).prop_map(|(t, o)| vec![lit("GET"), t, o]),
        1 => bf_sub(false),
    ];
    (key(), prop::collection::vec(sub, 0..=3))
        .prop_map(|(k, subs)| {
            let mut a = vec![lit("BITFIELD_RO"), k];
            a.extend(subs.into_iter().flatten());
            Cmd::new(a, Cmp::Exact)
        })
        .boxed()
}

/// String values that make interesting bitmaps.
fn bits_value() -> BoxedStrategy<A> {
    prop_oneof![
        3 => value(),
        3 => prop::collection::vec(any::<u8>(), 0..10).prop_map(A::Lit),
        2 => token(&["\u{0}\u{0}\u{0}", "\u{7f}", "foobar", "\u{1}"]),
        2 => prop::collection::vec(prop::sample::select(&[0u8, 0xff, 0x80, 0x01][..]), 1..8)
            .prop_map(A::Lit),
    ]
    .boxed()
}

fn bitmap_op() -> BoxedStrategy<Cmd> {
    noisy(
        prop_oneof![
            8 => (key(), write_offset(), token(&["0", "1", "1", "2", "-1", "", "01"]))
                .prop_map(|(k, o, v)| Cmd::new(vec![lit("SETBIT"), k, o, v], Cmp::Exact)),
            4 => (key(), read_offset())
                .prop_map(|(k, o)| Cmd::new(vec![lit("GETBIT"), k, o], Cmp::Exact)),
            5 => bitcount(),
            6 => bitpos(),
            4 => bitop(),
            6 => bitfield(),
            3 => bitfield_ro(),
            3 => (key(), bits_value()).prop_map(|(k, v)| Cmd::new(vec![lit("SET"), k, v], Cmp::Exact)),
            2 => (key(), (0i64..12).prop_map(|i| lit(i.to_string())), bits_value())
                .prop_map(|(k, o, v)| Cmd::new(vec![lit("SETRANGE"), k, o, v], Cmp::Exact)),
            2 => (key(), bits_value())
                .prop_map(|(k, v)| Cmd::new(vec![lit("APPEND"), k, v], Cmp::Exact)),
            4 => on_key("GET", Cmp::Exact),
            1 => on_key("STRLEN", Cmp::Exact),
            1 => other_type(),
            1 => on_key("DEL", Cmp::Exact),
            1 => on_key("TYPE", Cmp::Exact),
            1 => key().prop_map(|k| Cmd::new(vec![lit("OBJECT"), lit("ENCODING"), k], Cmp::Exact)),
        ]
        .boxed(),
    )
}

#[test]
fn bitmaps_match_redis() {
    let Some(diff) = Diff::start("bitmaps") else {
        return;
    };
    diff.check(cases(800), case(bitmap_op(), 24));
}
