//! List commands against redis-server: pushes (and the X forms), pops with and without counts
//! (0, negative, non-integer), LRANGE/LINDEX/LSET/LINSERT/LREM/LTRIM with edge indices,
//! LPOS with every RANK/COUNT/MAXLEN form and its errors, LMOVE/RPOPLPUSH between keys (also
//! onto itself and across slots), LMPOP with bad numkeys and counts, the blocking forms with
//! short timeouts, OBJECT ENCODING, wrong types.
//!
//! Three runs: default limits; `list-max-listpack-size` changed by CONFIG SET during the case
//! to small counts and byte sizes, so lists keep converting between listpack and quicklist
//! (7.0 calls every list a quicklist; allow.rs accepts our 7.2 "listpack" there); and the
//! small-limits run against Valkey 9, whose list encodings are 7.2's, so the conversions
//! themselves are compared (skipped when there is no valkey-server).

use proptest::prelude::*;

use super::engine::{cases, Cmd, Cmp, Diff, A};
use super::gen::*;

/// Few distinct elements so LREM, LPOS and LINSERT pivots keep finding matches.
const ELEMS: &[&str] = &["a", "b", "c", "1", "-1", "", "\x00\r\n"];

fn elem() -> BoxedStrategy<A> {
    prop_oneof![
        6 => prop::sample::select(ELEMS).prop_map(lit),
        2 => value(),
    ]
    .boxed()
}

fn index() -> BoxedStrategy<A> {
    prop_oneof![
        8 => (-6i64..7).prop_map(|i| lit(i.to_string())),
        1 => token(&[
            "abc",
            "",
            "1.5",
            "9223372036854775807",
            "-9223372036854775808",
            "9223372036854775808",
            "+1",
        ]),
    ]
    .boxed()
}

/// Counts for LPOP/RPOP/LMPOP: 0, negative and non-integer ones included.
fn count() -> BoxedStrategy<A> {
    prop_oneof![
        6 => (0i64..6).prop_map(|i| lit(i.to_string())),
        1 => token(&[
            "-1",
            "-9223372036854775808",
            "abc",
            "",
            "1.5",
            "9223372036854775807",
            "100",
        ]),
    ]
    .boxed()
}

fn push() -> BoxedStrategy<Cmd> {
    (
        token(&["LPUSH", "RPUSH", "LPUSHX", "RPUSHX"]),
        key(),
        prop::collection::vec(elem(), 1..=5),
    )
        .prop_map(|(c, k, vs)| {
            let mut a = vec![c, k];
            a.extend(vs);
            Cmd::new(a, Cmp::Exact)
        })
        .boxed()
}

fn pop() -> BoxedStrategy<Cmd> {
    (token(&["LPOP", "RPOP"]), key(), prop::option::of(count()))
        .prop_map(|(c, k, n)| {
            let mut a = vec![c, k];
            a.extend(n);
            Cmd::new(a, Cmp::Exact)
        })
        .boxed()
}

fn lpos() -> BoxedStrategy<Cmd> {
    let opt = prop_oneof![
        3 => (token(&["RANK"]), token(&["1", "2", "-1", "-2", "0", "3", "-9223372036854775808", "9223372036854775807", "x"]))
            .prop_map(|(t, v)| vec![t, v]),
        3 => (token(&["COUNT"]), token(&["0", "1", "2", "5", "-1", "x"])).prop_map(|(t, v)| vec![t, v]),
        2 => (token(&["MAXLEN"]), token(&["0", "1", "2", "4", "-1", "x"])).prop_map(|(t, v)| vec![t, v]),
        1 => Just(vec![lit("RANK")]),
        1 => Just(vec![lit("BOGUS"), lit("1")]),
    ];
    (key(), elem(), prop::collection::vec(opt, 0..=3))
        .prop_map(|(k, e, opts)| {
            let mut a = vec![lit("LPOS"), k, e];
            a.extend(opts.into_iter().flatten());
            Cmd::new(a, Cmp::Exact)
        })
        .boxed()
}

fn side() -> BoxedStrategy<A> {
    prop_oneof![8 => token(&["LEFT", "RIGHT"]), 1 => token(&["UP", ""])].boxed()
}

fn moves() -> BoxedStrategy<Cmd> {
    prop_oneof![
        3 => (key(), key(), side(), side())
            .prop_map(|(s, d, a, b)| Cmd::new(vec![lit("LMOVE"), s, d, a, b], Cmp::Exact)),
        2 => (key(), key()).prop_map(|(s, d)| Cmd::new(vec![lit("RPOPLPUSH"), s, d], Cmp::Exact)),
    ]
    .boxed()
}

fn lmpop() -> BoxedStrategy<Cmd> {
    let numkeys = prop_oneof![
        8 => Just(None),
        1 => token(&["0", "-1", "abc", "9", "2147483648"]).prop_map(Some),
    ];
    // LMPOP's words are compared up to a NUL byte, as Redis's strcasecmp does.
    let side = prop_oneof![8 => side(), 1 => Just(lit(b"left\0x"))];
    let count_word = prop_oneof![8 => Just(lit("COUNT")), 1 => Just(lit(b"count\0"))];
    (
        keys(1, 3),
        numkeys,
        side,
        prop::option::of((count_word, count())),
    )
        .prop_map(|(ks, nk, w, n)| {
            let mut a = vec![
                lit("LMPOP"),
                nk.unwrap_or_else(|| lit(ks.len().to_string())),
            ];
            a.extend(ks);
            a.push(w);
            if let Some((c, n)) = n {
                a.push(c);
                a.push(n);
            }
            Cmd::new(a, Cmp::Exact)
        })
        .boxed()
}

/// Blocking pops and moves with short timeouts (never 0, which would block for good), so
/// on empty keys both servers wait 10-20 ms and answer nil; plus the timeout errors.
fn blocking() -> BoxedStrategy<Cmd> {
    let timeout = prop_oneof![
        6 => token(&["0.01", "0.02"]),
        1 => token(&["-1", "abc", "", "inf", "1e400", "-1e400", "0x0.01", "nan", " 1"]),
    ];
    prop_oneof![
        3 => (token(&["BLPOP", "BRPOP"]), keys(1, 3), timeout.clone()).prop_map(|(c, ks, t)| {
            let mut a = vec![c];
            a.extend(ks);
            a.push(t);
            Cmd::new(a, Cmp::Exact)
        }),
        2 => (key(), key(), side(), side(), timeout.clone())
            .prop_map(|(s, d, a, b, t)| Cmd::new(vec![lit("BLMOVE"), s, d, a, b, t], Cmp::Exact)),
        1 => (key(), key(), timeout.clone())
            .prop_map(|(s, d, t)| Cmd::new(vec![lit("BRPOPLPUSH"), s, d, t], Cmp::Exact)),
        2 => (timeout, keys(1, 3), side(), prop::option::of(count())).prop_map(|(t, ks, w, n)| {
            let mut a = vec![lit("BLMPOP"), t, lit(ks.len().to_string())];
            a.extend(ks);
            a.push(w);
            if let Some(n) = n {
                a.push(lit("COUNT"));
                a.push(n);
            }
            Cmd::new(a, Cmp::Exact)
        }),
    ]
    .boxed()
}

/// `list-max-listpack-size`: element counts (positive) and byte limits (-1 = 4 KB ... -5).
fn set_limit() -> BoxedStrategy<Cmd> {
    token(&["1", "2", "3", "4", "-1", "-2"])
        .prop_map(|n| {
            Cmd::new(
                vec![lit("CONFIG"), lit("SET"), lit("list-max-listpack-size"), n],
                Cmp::Exact,
            )
        })
        .boxed()
}

/// LREM counts. Valkey 9 rejects LLONG_MIN ("value is out of range, value must between
/// -9223372036854775807 and 9223372036854775807") where Redis 7.0 and 7.2 take it as "remove
/// all from the tail"; we follow Redis, so Valkey runs leave it out.
fn lrem_count(valkey: bool) -> BoxedStrategy<A> {
    if valkey {
        token(&["0", "1", "2", "-1", "-2", "x", "-9223372036854775807"])
    } else {
        token(&["0", "1", "2", "-1", "-2", "x", "-9223372036854775808"])
    }
}

/// LSET indices. Valkey 9 (unlike Redis 7.0 and 7.2, which answer "index out of range")
/// sets an element of a listpack list for indices +-9223372036854775807 and below, so
/// Valkey runs leave out the extremes.
fn lset_index(valkey: bool) -> BoxedStrategy<A> {
    if valkey {
        index()
            .prop_filter(
                "valkey's LSET at the i64 extremes",
                |i| !matches!(i, A::Lit(b) if b.len() >= 19),
            )
            .boxed()
    } else {
        index()
    }
}

fn list_op(small: bool, valkey: bool) -> BoxedStrategy<Cmd> {
    let common = prop_oneof![
        12 => push(),
        5 => pop(),
        2 => on_key("LLEN", Cmp::Exact),
        5 => (key(), index(), index())
            .prop_map(|(k, a, b)| Cmd::new(vec![lit("LRANGE"), k, a, b], Cmp::Exact)),
        2 => (key(), index()).prop_map(|(k, i)| Cmd::new(vec![lit("LINDEX"), k, i], Cmp::Exact)),
        2 => (key(), lset_index(valkey), elem())
            .prop_map(|(k, i, v)| Cmd::new(vec![lit("LSET"), k, i, v], Cmp::Exact)),
        3 => (key(), token(&["BEFORE", "AFTER", "MIDDLE"]), elem(), elem())
            .prop_map(|(k, w, p, v)| Cmd::new(vec![lit("LINSERT"), k, w, p, v], Cmp::Exact)),
        3 => (key(), lrem_count(valkey), elem())
            .prop_map(|(k, n, v)| Cmd::new(vec![lit("LREM"), k, n, v], Cmp::Exact)),
        2 => (key(), index(), index())
            .prop_map(|(k, a, b)| Cmd::new(vec![lit("LTRIM"), k, a, b], Cmp::Exact)),
        4 => lpos(),
        3 => moves(),
        2 => lmpop(),
        1 => other_type(),
        1 => on_key("DEL", Cmp::Exact),
        1 => on_key("TYPE", Cmp::Exact),
        2 => key().prop_map(|k| Cmd::new(vec![lit("OBJECT"), lit("ENCODING"), k], Cmp::Exact)),
    ];
    // Blocking commands stay out of `noisy`: an extra argument could become a timeout of 0.
    // Rare, as Redis notices a timeout only at its next cron tick (up to 100 ms).
    if small {
        prop_oneof![60 => noisy(prop_oneof![20 => common, 2 => set_limit()].boxed()), 1 => blocking()]
            .boxed()
    } else {
        prop_oneof![60 => noisy(common.boxed()), 1 => blocking()].boxed()
    }
}

fn small_limits(diff: &Diff, n: u32, valkey: bool) {
    let setup = Cmd::new(
        vec![
            lit("CONFIG"),
            lit("SET"),
            lit("list-max-listpack-size"),
            lit("2"),
        ],
        Cmp::Exact,
    );
    let ops = case(list_op(true, valkey), 30).prop_map(move |mut c| {
        c.cmds.insert(0, setup.clone());
        c
    });
    diff.check(cases(n), ops);
}

#[test]
fn lists_match_redis() {
    let Some(diff) = Diff::start("lists") else {
        return;
    };
    diff.check(cases(600), case(list_op(false, false), 24));
}

#[test]
fn list_conversions_match_redis() {
    let Some(diff) = Diff::start("list conversions") else {
        return;
    };
    small_limits(&diff, 400, false);
}

#[test]
fn list_conversions_match_valkey() {
    let Some(diff) = Diff::start_valkey("list conversions (valkey)") else {
        return;
    };
    small_limits(&diff, 400, true);
}
