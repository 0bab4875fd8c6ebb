//! Hash commands against redis-server: HSET/HSETNX/HMSET (odd pairs too), reads of present
//! and missing fields, HDEL down to an empty (deleted) key, HINCRBY at the i64 edges,
//! HINCRBYFLOAT's formatting and its inf/nan errors, HRANDFIELD's count forms (random: length
//! and membership only), full HSCAN iterations (compared as sets), HKEYS/HVALS/HGETALL
//! (exact while Redis's hash is a listpack, order-free once it is a hashtable), OBJECT
//! ENCODING as fields and values cross `hash-max-listpack-entries`/`-value` (changed by
//! CONFIG SET during the case), whole-key expiry and wrong types.

use proptest::prelude::*;

use super::engine::{cases, Cmd, Cmp, Diff, A};
use super::gen::*;

const FIELDS: &[&[u8]] = &[b"f", b"g", b"h", b"", b"\x00\r\n", b"1", b"-2"];

/// Mostly short fields, sometimes one past the default 64-byte listpack value limit.
fn field() -> BoxedStrategy<A> {
    prop_oneof![
        12 => prop::sample::select(FIELDS).prop_map(lit),
        1 => Just(lit("x".repeat(65))),
        1 => (0u8..40).prop_map(|i| lit(format!("n{i}"))),
    ]
    .boxed()
}

/// HSET/HMSET, some with an odd argument count. `distinct`: no field twice in one command.
/// Redis 7.2 (and Valkey) convert to a hashtable when the command has more pairs than
/// `hash-max-listpack-entries`, duplicates or not (redis#12019 sizes the table up front);
/// 7.0 counts the fields that end up in the hash. We follow 7.2, so runs against 7.0 keep
/// fields distinct and the Valkey run covers duplicates.
fn hset(distinct: bool) -> BoxedStrategy<Cmd> {
    (
        token(&["HSET", "HMSET"]),
        key(),
        prop::collection::vec((field(), value()), 1..=4),
        any::<bool>(),
    )
        .prop_map(move |(c, k, pairs, odd)| {
            let mut a = vec![c, k];
            let mut seen = Vec::new();
            for (f, v) in pairs {
                if distinct && seen.contains(&f) {
                    continue;
                }
                seen.push(f.clone());
                a.push(f);
                a.push(v);
            }
            if odd {
                a.pop();
            }
            Cmd::new(a, Cmp::Exact)
        })
        .boxed()
}

/// Many fields at once, so the entry limit is crossed within a case.
fn hset_many() -> BoxedStrategy<Cmd> {
    (key(), 1usize..140)
        .prop_map(|(k, n)| {
            let mut a = vec![lit("HSET"), k];
            for i in 0..n {
                a.push(lit(format!("n{i}")));
                a.push(lit(i.to_string()));
            }
            Cmd::new(a, Cmp::Exact)
        })
        .boxed()
}

fn hrandfield() -> BoxedStrategy<Cmd> {
    let count = token(&[
        "0",
        "1",
        "2",
        "3",
        "10",
        "-1",
        "-3",
        "-12",
        "abc",
        "",
        "1.5",
        "-9223372036854775808",
        "4611686018427387904",
        "9223372036854775807",
    ]);
    (
        key(),
        prop::option::of((count, any::<bool>())),
        any::<bool>(),
    )
        .prop_map(|(k, n, bad)| {
            let mut a = vec![lit("HRANDFIELD"), k];
            if let Some((n, ws)) = n {
                a.push(n);
                if ws {
                    a.push(lit(if bad { "WITHVALUE" } else { "WITHVALUES" }));
                }
            }
            Cmd::new(a, Cmp::RandField { key: 1 })
        })
        .boxed()
}

fn hscan() -> BoxedStrategy<Cmd> {
    let opt = prop_oneof![
        Just(vec![lit("MATCH"), lit("[fgh]*")]),
        Just(vec![lit("MATCH"), lit("n1*")]),
        Just(vec![lit("COUNT"), lit("2")]),
        Just(vec![lit("COUNT"), lit("0")]),
        Just(vec![lit("COUNT"), lit("x")]),
        Just(vec![lit("BOGUS")]),
    ];
    (key(), prop::collection::vec(opt, 0..=2))
        .prop_map(|(k, o)| {
            let mut a = vec![lit("HSCAN"), k, lit("0")];
            a.extend(o.into_iter().flatten());
            Cmd::new(a, Cmp::Scan(2))
        })
        .boxed()
}

fn set_limit() -> BoxedStrategy<Cmd> {
    (
        token(&["hash-max-listpack-entries", "hash-max-listpack-value"]),
        token(&["0", "1", "2", "4", "16", "128", "64"]),
    )
        .prop_map(|(p, n)| Cmd::new(vec![lit("CONFIG"), lit("SET"), p, n], Cmp::Exact))
        .boxed()
}

/// Whole-key expiry: far-future times (TTL compared within a second), times in the past
/// (the key goes at once), PERSIST.
fn expiry() -> BoxedStrategy<Cmd> {
    prop_oneof![
        2 => (key(), rel_secs()).prop_map(|(k, t)| Cmd::new(vec![lit("EXPIRE"), k, t], Cmp::Exact)),
        1 => (key(), rel_ms()).prop_map(|(k, t)| Cmd::new(vec![lit("PEXPIRE"), k, t], Cmp::Exact)),
        1 => (key(), abs_secs(true))
            .prop_map(|(k, t)| Cmd::new(vec![lit("EXPIREAT"), k, t], Cmp::Exact)),
        1 => on_key("PERSIST", Cmp::Exact),
        1 => on_key("TTL", Cmp::Tol(1)),
        1 => on_key("EXISTS", Cmp::Exact),
    ]
    .boxed()
}

fn hash_op(distinct: bool) -> BoxedStrategy<Cmd> {
    let k_f = |name: &'static str| {
        (key(), field()).prop_map(move |(k, f)| Cmd::new(vec![lit(name), k, f], Cmp::Exact))
    };
    let k_fs = |name: &'static str| {
        (key(), prop::collection::vec(field(), 1..=4)).prop_map(move |(k, fs)| {
            let mut a = vec![lit(name), k];
            a.extend(fs);
            Cmd::new(a, Cmp::Exact)
        })
    };
    let whole = |name: &'static str, pairs: bool| {
        key().prop_map(move |k| Cmd::new(vec![lit(name), k], Cmp::HashOrder { key: 1, pairs }))
    };
    let ops = prop_oneof![
        12 => hset(distinct),
        1 => hset_many(),
        3 => (key(), field(), value())
            .prop_map(|(k, f, v)| Cmd::new(vec![lit("HSETNX"), k, f, v], Cmp::Exact)),
        4 => k_f("HGET"),
        2 => k_fs("HMGET"),
        4 => k_fs("HDEL"),
        2 => k_f("HEXISTS"),
        2 => k_f("HSTRLEN"),
        2 => on_key("HLEN", Cmp::Exact),
        2 => whole("HKEYS", false),
        2 => whole("HVALS", false),
        3 => whole("HGETALL", true),
        4 => (key(), field(), int())
            .prop_map(|(k, f, n)| Cmd::new(vec![lit("HINCRBY"), k, f, n], Cmp::Exact)),
        4 => (key(), field(), float())
            .prop_map(|(k, f, n)| Cmd::new(vec![lit("HINCRBYFLOAT"), k, f, n], Cmp::Exact)),
        2 => hrandfield(),
        2 => hscan(),
        2 => set_limit(),
        2 => key().prop_map(|k| Cmd::new(vec![lit("OBJECT"), lit("ENCODING"), k], Cmp::Exact)),
        2 => expiry(),
        1 => other_type(),
        // Short strings only: Valkey 9 embeds longer strings than Redis ("embstr" vs "raw").
        1 => (key(), token(&["v", "12"]))
            .prop_map(|(k, v)| Cmd::new(vec![lit("SET"), k, v], Cmp::Exact)),
        1 => on_key("DEL", Cmp::Exact),
        1 => on_key("TYPE", Cmp::Exact),
    ];
    noisy(ops.boxed())
}

/// Each case starts from the default limits (CONFIG SET in one case must not leak into the
/// next, nor into the replays while a failure is shrunk).
fn with_default_limits(diff: &Diff, n: u32, distinct: bool) {
    let reset = [
        ("hash-max-listpack-entries", "128"),
        ("hash-max-listpack-value", "64"),
    ]
    .map(|(p, v)| cmd(&["CONFIG", "SET", p, v], Cmp::Exact));
    let ops = case(hash_op(distinct), 24).prop_map(move |mut c| {
        c.cmds.splice(0..0, reset.clone());
        c
    });
    diff.check(cases(n), ops);
}

#[test]
fn hashes_match_redis() {
    let Some(diff) = Diff::start("hashes") else {
        return;
    };
    with_default_limits(&diff, 600, true);
}

/// The same against Valkey 9, which converts like 7.2, with repeated fields in one HSET.
#[test]
fn hashes_match_valkey() {
    let Some(diff) = Diff::start_valkey("hashes (valkey)") else {
        return;
    };
    with_default_limits(&diff, 400, false);
}
