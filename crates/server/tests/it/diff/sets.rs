//! Set commands against redis-server: SADD/SREM, membership, SPOP/SRANDMEMBER (random picks
//! checked by `Cmp::Random`), SMOVE, SINTER/SUNION/SDIFF and their STORE forms, SINTERCARD,
//! SSCAN, OBJECT ENCODING across intset/listpack/hashtable, integers at the intset edges,
//! wrong types and bad arguments.
//!
//! Two runs: the default thresholds, and small ones (set-max-intset-entries,
//! set-max-listpack-entries/value) so every conversion happens within a few commands. The 7.0
//! reference has no listpack sets (and no set-max-listpack-* parameters: its CONFIG SET of those
//! is not compared); allow.rs accepts shoal's "listpack" where 7.0 says "hashtable".

use proptest::prelude::*;

use super::engine::{cases, Cmd, Cmp, Diff, A};
use super::gen::*;

/// Members: integers at the int16/int32/int64 edges (intset widths), strings that look like
/// integers but are not canonical, binary and empty members, and ones longer than the small
/// run's set-max-listpack-value.
const MEMBERS: &[&[u8]] = &[
    b"0",
    b"1",
    b"-1",
    b"2",
    b"10",
    b"32767",
    b"32768",
    b"-32768",
    b"-32769",
    b"2147483647",
    b"2147483648",
    b"-2147483648",
    b"-2147483649",
    b"9223372036854775807",
    b"-9223372036854775808",
    b"9223372036854775808",
    b"-9223372036854775809",
    b"-0",
    b"01",
    b" 1",
    b"+1",
    b"1.0",
    b"a",
    b"b",
    b"c",
    b"",
    b"\x00\r\n",
    b"\xff",
    b"0123456789",
    // 65 bytes: past the default set-max-listpack-value of 64.
    b"xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx",
];

fn member() -> BoxedStrategy<A> {
    prop_oneof![
        8 => prop::sample::select(MEMBERS).prop_map(lit),
        2 => (0i64..300).prop_map(|i| lit(i.to_string())),
        1 => (0i64..300).prop_map(|i| lit(format!("m{i}"))),
    ]
    .boxed()
}

fn members(min: usize, max: usize) -> BoxedStrategy<Vec<A>> {
    prop::collection::vec(member(), min..=max).boxed()
}

/// Many members at once, so sets cross the default thresholds (512 intset entries, 128
/// listpack entries) too.
fn bulk_sadd() -> BoxedStrategy<Cmd> {
    (key(), 100usize..600, any::<bool>(), 0i64..3)
        .prop_map(|(k, n, ints, base)| {
            let mut a = vec![lit("SADD"), k];
            for i in 0..n as i64 {
                a.push(lit(if ints {
                    (i * 3 + base).to_string()
                } else {
                    format!("e{}", i * 3 + base)
                }));
            }
            Cmd::new(a, Cmp::Exact)
        })
        .boxed()
}

/// SPOP / SRANDMEMBER counts. No large negative ones: both servers would try to send that
/// many.
fn rand_count() -> BoxedStrategy<A> {
    token(&[
        "0",
        "1",
        "2",
        "3",
        "5",
        "10",
        "1000",
        "-1",
        "-3",
        "-12",
        "abc",
        "",
        "1.5",
        "-9223372036854775808",
        "9223372036854775807",
    ])
}

fn numkeys_cmd(name: &'static str, store: bool) -> BoxedStrategy<Cmd> {
    (key(), keys(1, 3))
        .prop_map(move |(dst, ks)| {
            let mut a = vec![lit(name)];
            if store {
                a.push(dst);
            }
            a.extend(ks);
            Cmd::new(a, if store { Cmp::Exact } else { Cmp::Unordered })
        })
        .boxed()
}

fn sintercard() -> BoxedStrategy<Cmd> {
    let numkeys = prop_oneof![
        6 => Just(None),
        1 => token(&["0", "-1", "abc", "", "4", "9223372036854775807"]).prop_map(Some),
    ];
    let limit = prop_oneof![
        3 => Just(vec![]),
        3 => token(&["0", "1", "2", "5", "-1", "abc", ""]).prop_map(|n| vec![lit("LIMIT"), n]),
        1 => Just(vec![lit("LIMIT")]),
        1 => Just(vec![lit("LIMIT"), lit("1"), lit("LIMIT"), lit("2")]),
        1 => Just(vec![lit("NOPE"), lit("1")]),
    ];
    (keys(1, 3), numkeys, limit)
        .prop_map(|(ks, n, lim)| {
            let mut a = vec![
                lit("SINTERCARD"),
                n.unwrap_or_else(|| lit(ks.len().to_string())),
            ];
            a.extend(ks);
            a.extend(lim);
            Cmd::new(a, Cmp::Exact)
        })
        .boxed()
}

fn sscan() -> BoxedStrategy<Cmd> {
    let opt = prop_oneof![
        token(&["MATCH"]).prop_map(|t| vec![t, lit("[ab]*")]),
        token(&["MATCH"]).prop_map(|t| vec![t, lit("*1*")]),
        token(&["COUNT"]).prop_map(|t| vec![t, lit("2")]),
        token(&["COUNT"]).prop_map(|t| vec![t, lit("0")]),
        token(&["COUNT"]).prop_map(|t| vec![t, lit("abc")]),
        token(&["TYPE"]).prop_map(|t| vec![t, lit("string")]),
        Just(vec![lit("NOPE")]),
    ];
    // Other valid cursors than 0 are not compared: where they lead depends on the encoding
    // (7.0 keeps small string sets in a hash table, 7.2 in a listpack) and on hash layout.
    let cursor = prop_oneof![
        8 => Just(lit("0")),
        1 => token(&["abc", "", " 1", "1x", "18446744073709551616"]),
    ];
    (key(), cursor, prop::collection::vec(opt, 0..=2))
        .prop_map(|(k, c, opts)| {
            let mut a = vec![lit("SSCAN"), k, c];
            a.extend(opts.into_iter().flatten());
            Cmd::new(a, Cmp::Scan(2))
        })
        .boxed()
}

/// SADD of up to four members, or none (an arity error), without the extra argument `noisy`
/// adds: Redis 7.2 sizes a set by SADD's argument count, duplicates included (a new or intset
/// set given more arguments than set-max-intset-entries is never an intset), where 7.0 looks at
/// the members. So SADD never sends more members than set-max-intset-entries here (4 at the
/// least), except bulk_sadd, whose members are distinct and which crosses the limit for real.
fn sadd_plain() -> BoxedStrategy<Cmd> {
    prop_oneof![
        30 => (key(), members(1, 4)).prop_map(|(k, ms)| {
            let mut a = vec![lit("SADD"), k];
            a.extend(ms);
            Cmd::new(a, Cmp::Exact)
        }),
        1 => key().prop_map(|k| Cmd::new(vec![lit("sadd"), k], Cmp::Exact)),
    ]
    .boxed()
}

/// `retune`: sometimes change set-max-intset-entries mid-sequence (conversions read it at the
/// time of the write).
fn set_op(retune: bool) -> BoxedStrategy<Cmd> {
    let k_m = |name: &'static str| {
        (key(), member()).prop_map(move |(k, m)| Cmd::new(vec![lit(name), k, m], Cmp::Exact))
    };
    let k_ms = |name: &'static str, cmp: Cmp| {
        (key(), members(1, 4)).prop_map(move |(k, ms)| {
            let mut a = vec![lit(name), k];
            a.extend(ms);
            Cmd::new(a, cmp)
        })
    };
    let random = |name: &'static str| {
        (key(), prop::option::of(rand_count())).prop_map(move |(k, n)| {
            let mut a = vec![lit(name), k];
            a.extend(n);
            Cmd::new(a, Cmp::Random)
        })
    };
    let ops = prop_oneof![
        4 => k_ms("SREM", Cmp::Exact),
        3 => on_key("SMEMBERS", Cmp::Unordered),
        3 => k_m("SISMEMBER"),
        2 => k_ms("SMISMEMBER", Cmp::Exact),
        3 => on_key("SCARD", Cmp::Exact),
        3 => random("SPOP"),
        3 => random("SRANDMEMBER"),
        3 => (key(), key(), member())
            .prop_map(|(a, b, m)| Cmd::new(vec![lit("SMOVE"), a, b, m], Cmp::Exact)),
        2 => numkeys_cmd("SINTER", false),
        2 => numkeys_cmd("SUNION", false),
        2 => numkeys_cmd("SDIFF", false),
        2 => numkeys_cmd("SINTERSTORE", true),
        2 => numkeys_cmd("SUNIONSTORE", true),
        2 => numkeys_cmd("SDIFFSTORE", true),
        3 => sintercard(),
        2 => sscan(),
        4 => key().prop_map(|k| Cmd::new(vec![lit("OBJECT"), lit("ENCODING"), k], Cmp::Exact)),
        1 => other_type(),
        1 => (key(), value()).prop_map(|(k, v)| Cmd::new(vec![lit("SET"), k, v], Cmp::Exact)),
        1 => on_key("DEL", Cmp::Exact),
        1 => on_key("TYPE", Cmp::Exact),
        1 => on_key("EXISTS", Cmp::Exact),
    ];
    if retune {
        // Never below the 4 members an SADD sends (see sadd_plain).
        let config = token(&["4", "6", "512"]).prop_map(|n| {
            Cmd::new(
                vec![lit("CONFIG"), lit("SET"), lit("set-max-intset-entries"), n],
                Cmp::Exact,
            )
        });
        prop_oneof![40 => noisy(ops.boxed()), 12 => sadd_plain(), 1 => bulk_sadd(), 1 => config]
            .boxed()
    } else {
        prop_oneof![40 => noisy(ops.boxed()), 12 => sadd_plain(), 1 => bulk_sadd()].boxed()
    }
}

#[test]
fn sets_match_redis() {
    let Some(diff) = Diff::start("sets") else {
        return;
    };
    diff.check(cases(600), case(set_op(false), 24));
}

/// Thresholds small enough that intset -> listpack -> hashtable conversions happen within a
/// few commands. 7.0 rejects the set-max-listpack-* names, so those replies are not compared.
#[test]
fn sets_small_thresholds_match_redis() {
    let Some(diff) = Diff::start("sets small thresholds") else {
        return;
    };
    let config = |name: &str, value: &str, cmp: Cmp| {
        Cmd::new(vec![lit("CONFIG"), lit("SET"), lit(name), lit(value)], cmp)
    };
    let setup = vec![
        config("set-max-intset-entries", "4", Cmp::Exact),
        config("set-max-listpack-entries", "5", Cmp::Nothing),
        config("set-max-listpack-value", "8", Cmp::Nothing),
    ];
    let ops = case(set_op(true), 24).prop_map(move |mut c| {
        c.cmds.splice(0..0, setup.clone());
        c
    });
    diff.check(cases(400), ops);
}
