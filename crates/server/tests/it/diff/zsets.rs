//! Sorted-set commands against redis-server: ZADD and its options, ranges by rank, score and
//! lex (with LIMIT, REV, exclusive ends and bad ends), removals, pops, ZUNION/ZINTER/ZDIFF and
//! their STORE forms, ZINTERCARD, ZRANGESTORE, ZSCAN, wrong types and bad arguments.
//!
//! Scores are drawn from values every Redis version prints alike (integers, short binary
//! fractions, infinities): 7.0 formats other doubles with "%.17g", 7.2 (our target) with the
//! shortest round-trip form. One run uses the default listpack encoding, where lexicographic
//! ranges over mixed scores are deterministic too; the other forces skiplists, where Redis's
//! answer to those depends on its random node levels, so lex commands are left out there.

use proptest::prelude::*;

use super::engine::{cases, Cmd, Cmp, Diff, A};
use super::gen::*;

const SCORES: &[&str] = &[
    "0", "1", "-1", "2", "3", "5", "-3", "10", "0.5", "-2.5", "1.25", "inf", "-inf", "+inf", "-0",
    "100",
];
const BAD_SCORES: &[&str] = &["abc", "nan", "", " 1", "1e400", "1.5.5"];
const MEMBERS: &[&[u8]] = &[b"a", b"b", b"c", b"m", b"", b"\x00\r\n", b"10", b"-1"];
const RANGE_ENDS: &[&str] = &[
    "0", "1", "-1", "2.5", "(1", "(0", "(-1", "-inf", "+inf", "(inf", "(-inf", "inf", "5", "", "(",
    "abc", "1e400", "nan",
];
const LEX_ENDS: &[&str] = &[
    "-", "+", "[a", "(a", "[b", "(c", "[m", "[", "(", "a", "+x", "[\x00",
];

fn score() -> BoxedStrategy<A> {
    prop_oneof![
        12 => token(SCORES),
        1 => token(BAD_SCORES),
    ]
    .boxed()
}

fn member() -> BoxedStrategy<A> {
    prop::sample::select(MEMBERS).prop_map(lit).boxed()
}

fn range_end() -> BoxedStrategy<A> {
    token(RANGE_ENDS)
}

fn lex_end() -> BoxedStrategy<A> {
    token(LEX_ENDS)
}

fn index() -> BoxedStrategy<A> {
    prop_oneof![
        6 => (-5i64..6).prop_map(|i| lit(i.to_string())),
        1 => token(&["abc", "", "9223372036854775807", "-9223372036854775808"]),
    ]
    .boxed()
}

fn limit() -> BoxedStrategy<Vec<A>> {
    prop_oneof![
        3 => Just(vec![]),
        2 => ((-1i64..4), (-2i64..4))
            .prop_map(|(o, c)| vec![lit("LIMIT"), lit(o.to_string()), lit(c.to_string())]),
        1 => Just(vec![lit("LIMIT"), lit("x"), lit("1")]),
        1 => Just(vec![lit("LIMIT"), lit("0")]),
    ]
    .boxed()
}

/// ZRANDMEMBER counts. No large negative ones: both servers would try to send that many.
fn rand_count() -> BoxedStrategy<A> {
    token(&[
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
    ])
}

fn zadd() -> BoxedStrategy<Cmd> {
    let flags = prop::collection::vec(token(&["NX", "XX", "GT", "LT", "CH", "INCR"]), 0..=2);
    (
        key(),
        flags,
        prop::collection::vec((score(), member()), 1..=3),
    )
        .prop_map(|(k, f, pairs)| {
            let mut a = vec![lit("ZADD"), k];
            a.extend(f);
            for (s, m) in pairs {
                a.push(s);
                a.push(m);
            }
            Cmd::new(a, Cmp::Exact)
        })
        .boxed()
}

/// ZRANGE in all its forms, the older range commands and ZRANGESTORE.
fn range(lex: bool) -> BoxedStrategy<Cmd> {
    let by = if lex {
        token(&["", "BYSCORE", "BYLEX"])
    } else {
        token(&["", "BYSCORE"])
    };
    let zrange = (
        key(),
        by,
        any::<bool>(),
        any::<bool>(),
        limit(),
        any::<bool>(),
    )
        .prop_flat_map(|(k, by, rev, ws, lim, store)| {
            let ends: BoxedStrategy<(A, A)> = match &by {
                A::Lit(b) if b == b"BYLEX" => (lex_end(), lex_end()).boxed(),
                A::Lit(b) if b == b"BYSCORE" => (range_end(), range_end()).boxed(),
                _ => (index(), index()).boxed(),
            };
            (Just((k, by, rev, ws, lim, store)), ends, key())
        });
    let zrange = zrange.prop_map(|((k, by, rev, ws, lim, store), (lo, hi), dst)| {
        let mut a = if store {
            vec![lit("ZRANGESTORE"), dst, k, lo, hi]
        } else {
            vec![lit("ZRANGE"), k, lo, hi]
        };
        if by != lit("") {
            a.push(by);
        }
        if rev {
            a.push(lit("REV"));
        }
        if ws && !store {
            a.push(lit("WITHSCORES"));
        }
        a.extend(lim);
        Cmd::new(a, Cmp::Exact)
    });
    let byscore = (
        token(&["ZRANGEBYSCORE", "ZREVRANGEBYSCORE"]),
        key(),
        range_end(),
        range_end(),
        any::<bool>(),
        limit(),
    )
        .prop_map(|(c, k, lo, hi, ws, lim)| {
            let mut a = vec![c, k, lo, hi];
            if ws {
                a.push(lit("WITHSCORES"));
            }
            a.extend(lim);
            Cmd::new(a, Cmp::Exact)
        });
    let rev = (key(), index(), index(), any::<bool>()).prop_map(|(k, s, e, ws)| {
        let mut a = vec![lit("ZREVRANGE"), k, s, e];
        if ws {
            a.push(lit("WITHSCORES"));
        }
        Cmd::new(a, Cmp::Exact)
    });
    let bylex = (
        token(&["ZRANGEBYLEX", "ZREVRANGEBYLEX"]),
        key(),
        lex_end(),
        lex_end(),
        limit(),
    )
        .prop_map(|(c, k, lo, hi, lim)| {
            let mut a = vec![c, k, lo, hi];
            a.extend(lim);
            Cmd::new(a, Cmp::Exact)
        });
    if lex {
        prop_oneof![4 => zrange, 2 => byscore, 1 => rev, 2 => bylex].boxed()
    } else {
        prop_oneof![4 => zrange, 2 => byscore, 1 => rev].boxed()
    }
}

fn setop() -> BoxedStrategy<Cmd> {
    let opts = prop::collection::vec(
        prop_oneof![
            2 => token(&["1", "2", "0.5", "-1", "0", "inf", "x"]).prop_map(|w| vec![lit("WEIGHTS"), w]),
            2 => token(&["SUM", "MIN", "MAX", "AVG"]).prop_map(|a| vec![lit("AGGREGATE"), a]),
            2 => Just(vec![lit("WITHSCORES")]),
            1 => (0i64..3).prop_map(|n| vec![lit("LIMIT"), lit(n.to_string())]),
        ],
        0..=2,
    );
    let cmd = token(&[
        "ZUNION",
        "ZINTER",
        "ZDIFF",
        "ZUNIONSTORE",
        "ZINTERSTORE",
        "ZDIFFSTORE",
        "ZINTERCARD",
    ]);
    (
        cmd,
        key(),
        prop::collection::vec(key(), 1..=3),
        opts,
        any::<bool>(),
    )
        .prop_map(|(c, dst, ks, opts, bad_numkeys)| {
            let store = matches!(&c, A::Lit(n) if n.ends_with(b"STORE"));
            let mut a = vec![c];
            if store {
                a.push(dst);
            }
            a.push(lit(if bad_numkeys {
                "0".to_string()
            } else {
                ks.len().to_string()
            }));
            let n = ks.len();
            a.extend(ks);
            for o in opts {
                // WEIGHTS takes one weight per key.
                if o.first() == Some(&lit("WEIGHTS")) {
                    a.push(lit("WEIGHTS"));
                    for _ in 0..n {
                        a.push(o[1].clone());
                    }
                } else {
                    a.extend(o);
                }
            }
            Cmd::new(a, Cmp::Exact)
        })
        .boxed()
}

fn pops() -> BoxedStrategy<Cmd> {
    prop_oneof![
        2 => (token(&["ZPOPMIN", "ZPOPMAX"]), key(), prop::option::of(small_int())).prop_map(
            |(c, k, n)| {
                let mut a = vec![c, k];
                a.extend(n);
                Cmd::new(a, Cmp::Exact)
            }
        ),
        // MIN/MAX and COUNT are compared up to a NUL byte, as Redis's strcasecmp does.
        1 => (
            keys(1, 3),
            prop_oneof![6 => token(&["MIN", "MAX", "MID"]), 1 => Just(lit(b"max\0min"))],
            prop::option::of((prop_oneof![6 => Just("COUNT"), 1 => Just("Count\0")], small_int())),
        )
            .prop_map(|(ks, w, n)| {
                let mut a = vec![lit("ZMPOP"), lit(ks.len().to_string())];
                a.extend(ks);
                a.push(w);
                if let Some((c, n)) = n {
                    a.push(lit(c));
                    a.push(n);
                }
                Cmd::new(a, Cmp::Exact)
            }),
    ]
    .boxed()
}

fn zset_op(lex: bool, scan: Cmp) -> BoxedStrategy<Cmd> {
    let k_m = |name: &'static str| {
        (key(), member()).prop_map(move |(k, m)| Cmd::new(vec![lit(name), k, m], Cmp::Exact))
    };
    let count_lex = (key(), lex_end(), lex_end())
        .prop_map(|(k, a, b)| Cmd::new(vec![lit("ZLEXCOUNT"), k, a, b], Cmp::Exact));
    let remrange_lex = (key(), lex_end(), lex_end())
        .prop_map(|(k, a, b)| Cmd::new(vec![lit("ZREMRANGEBYLEX"), k, a, b], Cmp::Exact));
    let common = prop_oneof![
        10 => zadd(),
        2 => (key(), score(), member())
            .prop_map(|(k, s, m)| Cmd::new(vec![lit("ZINCRBY"), k, s, m], Cmp::Exact)),
        2 => (key(), prop::collection::vec(member(), 1..=3)).prop_map(|(k, ms)| {
            let mut a = vec![lit("ZREM"), k];
            a.extend(ms);
            Cmd::new(a, Cmp::Exact)
        }),
        2 => on_key("ZCARD", Cmp::Exact),
        2 => k_m("ZSCORE"),
        1 => (key(), prop::collection::vec(member(), 1..=3)).prop_map(|(k, ms)| {
            let mut a = vec![lit("ZMSCORE"), k];
            a.extend(ms);
            Cmd::new(a, Cmp::Exact)
        }),
        2 => k_m("ZRANK"),
        1 => k_m("ZREVRANK"),
        2 => (key(), range_end(), range_end())
            .prop_map(|(k, a, b)| Cmd::new(vec![lit("ZCOUNT"), k, a, b], Cmp::Exact)),
        6 => range(lex),
        1 => (key(), index(), index())
            .prop_map(|(k, a, b)| Cmd::new(vec![lit("ZREMRANGEBYRANK"), k, a, b], Cmp::Exact)),
        1 => (key(), range_end(), range_end())
            .prop_map(|(k, a, b)| Cmd::new(vec![lit("ZREMRANGEBYSCORE"), k, a, b], Cmp::Exact)),
        2 => pops(),
        3 => setop(),
        // Random picks differ; only the shape and the errors have to match.
        1 => (key(), prop::option::of(rand_count()), any::<bool>()).prop_map(|(k, n, ws)| {
            let mut a = vec![lit("ZRANDMEMBER"), k];
            if let Some(n) = n {
                a.push(n);
                if ws {
                    a.push(lit("WITHSCORES"));
                }
            }
            Cmd::new(a, Cmp::Shape)
        }),
        1 => (key(), prop::option::of(token(&["MATCH", "COUNT"])))
            .prop_map(move |(k, opt)| {
                let mut a = vec![lit("ZSCAN"), k, lit("0")];
                match opt {
                    Some(A::Lit(o)) if o == b"MATCH" => a.extend([lit("MATCH"), lit("[ab]*")]),
                    Some(_) => a.extend([lit("COUNT"), lit("2")]),
                    None => {}
                }
                Cmd::new(a, scan)
            }),
        1 => other_type(),
        1 => on_key("DEL", Cmp::Exact),
        1 => on_key("TYPE", Cmp::Exact),
        1 => key().prop_map(|k| Cmd::new(vec![lit("OBJECT"), lit("ENCODING"), k], Cmp::Exact)),
    ];
    if lex {
        noisy(prop_oneof![20 => common, 1 => count_lex, 1 => remrange_lex].boxed())
    } else {
        noisy(common.boxed())
    }
}

#[test]
fn zsets_match_redis() {
    let Some(diff) = Diff::start("zsets") else {
        return;
    };
    diff.check(cases(600), case(zset_op(true, Cmp::Exact), 24));
}

#[test]
fn zset_skiplists_match_redis() {
    let Some(diff) = Diff::start("zset skiplists") else {
        return;
    };
    let setup = Cmd::new(
        vec![
            lit("CONFIG"),
            lit("SET"),
            lit("zset-max-listpack-entries"),
            lit("0"),
        ],
        Cmp::Exact,
    );
    let ops = case(zset_op(false, Cmp::Scan(2)), 24).prop_map(move |mut c| {
        c.cmds.insert(0, setup.clone());
        c
    });
    diff.check(cases(400), ops);
}
