//! Blocking pops against redis-server, on the paths where nobody has to wait for another
//! client: BLPOP, BRPOP, BLMOVE, BRPOPLPUSH, BLMPOP, BZPOPMIN, BZPOPMAX and BZMPOP with data
//! present, on wrong types, with bad timeouts, counts and numkeys, with short timeouts that
//! expire (null in RESP2 and RESP3), and inside MULTI, where they never block.
//!
//! Outside MULTI every generated timeout is either invalid or a few milliseconds, so a case
//! never waits long; a truncated command (the noise) turns a key into the timeout, and no key of
//! the pool parses as a number. Timeouts of 0 and of many seconds are only sent inside MULTI.

use proptest::prelude::*;

use super::engine::{cases, Case, Cmd, Cmp, Diff, A};
use super::gen::*;

/// Expire at once (or nearly): the reply is the timeout's null.
const SHORT: &[&str] = &["0.01", "0.001", "0.005", "1e-3", ".002", "+0.003"];
/// Errors: not a float, negative, out of range.
const BAD: &[&str] = &[
    "abc", "", "-1", "-0.5", "nan", "inf", "-inf", "1e400", "1e5000", " 1", "1 ", "1x", "0,1",
];
/// BAD without the timeouts past the millisecond range: 7.0 calls those negative, 7.2 out of
/// range (allowed for a command's own reply in diff::allow, but not inside an EXEC array).
const BAD_IN_MULTI: &[&str] = &["abc", "", "-1", "-0.5", "nan", "-inf", " 1", "1x", "0,1"];
/// Only safe where nothing blocks (inside MULTI), or when data is there.
const LONG: &[&str] = &["0", "0.0", "5", "100"];
const MEMBERS: &[&str] = &["a", "b", "c", "m", "", "10"];
const SCORES: &[&str] = &[
    "0", "1", "-1", "2", "3", "0.5", "-2.5", "inf", "-inf", "100",
];

fn timeout(in_multi: bool) -> BoxedStrategy<A> {
    if in_multi {
        prop_oneof![3 => token(LONG), 2 => token(SHORT), 1 => token(BAD_IN_MULTI)].boxed()
    } else {
        prop_oneof![4 => token(SHORT), 1 => token(BAD)].boxed()
    }
}

fn member() -> BoxedStrategy<A> {
    token(MEMBERS)
}

/// numkeys for BLMPOP/BZMPOP: mostly right, sometimes zero, negative, not a number or off by
/// one (then a key or the MIN/MAX word lands where the other is expected).
fn numkeys(n: usize) -> BoxedStrategy<A> {
    prop_oneof![
        8 => Just(lit(n.to_string())),
        1 => token(&["0", "-1", "abc", "", "9223372036854775807"]),
        1 => Just(lit((n + 1).to_string())),
        1 => Just(lit(n.saturating_sub(1).to_string())),
    ]
    .boxed()
}

fn count() -> BoxedStrategy<Vec<A>> {
    prop_oneof![
        3 => Just(vec![]),
        3 => (1i64..5).prop_map(|n| vec![lit("COUNT"), lit(n.to_string())]),
        1 => token(&["0", "-1", "abc", "", "9223372036854775807"])
            .prop_map(|n| vec![lit("COUNT"), n]),
        1 => Just(vec![lit("COUNT")]),
        1 => Just(vec![lit("COUNT"), lit("1"), lit("COUNT"), lit("2")]),
    ]
    .boxed()
}

/// One blocking command; `in_multi` allows timeouts that would wait for real.
fn blocking(in_multi: bool) -> BoxedStrategy<Cmd> {
    let t = move || timeout(in_multi);
    let keyed_pop = (
        token(&["BLPOP", "BRPOP", "BZPOPMIN", "BZPOPMAX"]),
        keys(1, 3),
        t(),
    )
        .prop_map(|(c, ks, t)| {
            let mut a = vec![c];
            a.extend(ks);
            a.push(t);
            Cmd::new(a, Cmp::Exact)
        });
    let side = || token(&["LEFT", "RIGHT", "left", "UP"]);
    let blmove = (key(), key(), side(), side(), t())
        .prop_map(|(s, d, w1, w2, t)| Cmd::new(vec![lit("BLMOVE"), s, d, w1, w2, t], Cmp::Exact));
    let brpoplpush = (key(), key(), t())
        .prop_map(|(s, d, t)| Cmd::new(vec![lit("BRPOPLPUSH"), s, d, t], Cmp::Exact));
    let mpop = (
        any::<bool>(),
        t(),
        keys(1, 3).prop_flat_map(|ks| {
            let n = ks.len();
            (Just(ks), numkeys(n))
        }),
        any::<bool>(),
        count(),
    )
        .prop_map(|(zset, t, (ks, n), bad_where, cnt)| {
            let (name, wheres) = if zset {
                ("BZMPOP", ["MIN", "MAX"])
            } else {
                ("BLMPOP", ["LEFT", "RIGHT"])
            };
            let mut a = vec![lit(name), t, n];
            let first = ks.len() % 2;
            a.extend(ks);
            a.push(lit(if bad_where { "MID" } else { wheres[first] }));
            a.extend(cnt);
            Cmd::new(a, Cmp::Exact)
        });
    prop_oneof![4 => keyed_pop, 2 => blmove, 1 => brpoplpush, 3 => mpop].boxed()
}

/// Writes that give the blocking commands something to pop (or the wrong type to trip on),
/// and reads that compare the state left behind.
fn data() -> BoxedStrategy<Cmd> {
    prop_oneof![
        3 => (token(&["RPUSH", "LPUSH"]), key(), prop::collection::vec(member(), 1..=3)).prop_map(
            |(c, k, vs)| {
                let mut a = vec![c, k];
                a.extend(vs);
                Cmd::new(a, Cmp::Exact)
            }
        ),
        3 => (key(), prop::collection::vec((token(SCORES), member()), 1..=3)).prop_map(
            |(k, pairs)| {
                let mut a = vec![lit("ZADD"), k];
                for (s, m) in pairs {
                    a.push(s);
                    a.push(m);
                }
                Cmd::new(a, Cmp::Exact)
            }
        ),
        1 => other_type(),
        1 => (key(), value()).prop_map(|(k, v)| Cmd::new(vec![lit("SET"), k, v], Cmp::Exact)),
        1 => on_key("DEL", Cmp::Exact),
        1 => on_key("TYPE", Cmp::Exact),
        1 => key().prop_map(|k| Cmd::new(vec![lit("LRANGE"), k, lit("0"), lit("-1")], Cmp::Exact)),
        1 => key().prop_map(|k| {
            Cmd::new(
                vec![lit("ZRANGE"), k, lit("0"), lit("-1"), lit("WITHSCORES")],
                Cmp::Exact,
            )
        }),
    ]
    .boxed()
}

/// Truncation (arity errors, or a key read as the timeout) and mixed-case names; never an
/// extra argument, which could become a long timeout.
fn noise(s: BoxedStrategy<Cmd>) -> BoxedStrategy<Cmd> {
    prop_oneof![
        16 => s.clone(),
        1 => (s.clone(), any::<prop::sample::Index>()).prop_map(|(mut c, i)| {
            let keep = 1 + i.index(c.args.len());
            c.args.truncate(keep);
            c
        }),
        1 => s.prop_map(|mut c| {
            if let Some(A::Lit(name)) = c.args.first_mut() {
                name.make_ascii_lowercase();
            }
            c
        }),
    ]
    .boxed()
}

/// MULTI, a few commands (blocking ones with any timeout), EXEC: one unit, never cut.
fn transaction() -> BoxedStrategy<Vec<Cmd>> {
    prop::collection::vec(prop_oneof![3 => blocking(true), 2 => data()], 1..=4)
        .prop_map(|inner| {
            let mut v = vec![cmd(&["MULTI"], Cmp::Exact)];
            v.extend(inner);
            v.push(cmd(&["EXEC"], Cmp::Exact));
            v
        })
        .boxed()
}

fn case_strategy(max: usize) -> impl Strategy<Value = Case> {
    let unit = prop_oneof![
        5 => noise(blocking(false)).prop_map(|c| vec![c]),
        5 => data().prop_map(|c| vec![c]),
        1 => transaction(),
    ];
    (any::<bool>(), prop::collection::vec(unit, 1..=max)).prop_map(|(resp3, units)| Case {
        resp3,
        cmds: units.into_iter().flatten().collect(),
    })
}

#[test]
fn blocking_pops_match_redis_when_nothing_waits() {
    // hz 100: redis-server 7.0 notices expired blocking timeouts on its 1/hz tick (100 ms
    // by default), which would dominate the run time.
    let Some(diff) = Diff::with_args("blocking", &["--hz", "100"]) else {
        return;
    };
    diff.check(cases(300), case_strategy(14));
}

/// Fixed sequences for the paths the generator reaches only by chance.
#[test]
fn blocking_pops_fixed_cases_match_redis() {
    let Some(diff) = Diff::with_args("blocking fixed", &["--hz", "100"]) else {
        return;
    };
    let seqs: &[&[&[&str]]] = &[
        &[
            &["ZADD", "z", "1.5", "a", "2", "b", "3", "c"],
            &["BZPOPMIN", "none", "z", "0"],
            &["BZPOPMAX", "z", "0"],
            &["BZMPOP", "0", "2", "none", "z", "MIN", "COUNT", "10"],
            &["EXISTS", "z"],
            &["BZPOPMIN", "z", "0.01"],
            &["BZMPOP", "0.01", "1", "z", "MAX"],
        ],
        &[
            // Enough for every pop below: a timeout of 0 on an empty list would wait for ever.
            &["RPUSH", "l", "a", "b", "c", "d", "e", "f", "g"],
            &["BLPOP", "none", "l", "0"],
            &["BRPOP", "l", "0"],
            &["BLMOVE", "l", "l2", "LEFT", "RIGHT", "0"],
            &["BRPOPLPUSH", "l", "l2", "0"],
            &["BLMPOP", "0", "1", "l", "LEFT", "COUNT", "3"],
            &["LRANGE", "l2", "0", "-1"],
            &["BLMPOP", "0.01", "2", "l", "none", "RIGHT"],
            &["BLMOVE", "l", "l2", "LEFT", "RIGHT", "0.01"],
            &["BRPOPLPUSH", "l", "l2", "0.01"],
        ],
        &[
            &["SET", "s", "v"],
            &["ZADD", "z", "1", "m"],
            &["RPUSH", "l", "x"],
            &["BZPOPMIN", "none", "s", "z", "0"],
            &["BZMPOP", "0", "2", "l", "z", "MIN"],
            &["BLPOP", "z", "l", "0"],
            &["BLMOVE", "l", "s", "LEFT", "LEFT", "0"],
            &["BLMOVE", "s", "l", "LEFT", "LEFT", "0"],
            &["BZPOPMAX", "z", "s", "0"],
            &["LLEN", "l"],
        ],
        &[
            &["MULTI"],
            &["BZPOPMIN", "q", "0"],
            &["BLPOP", "q", "0"],
            &["BLMOVE", "q", "r", "LEFT", "LEFT", "0"],
            &["BRPOPLPUSH", "q", "r", "100"],
            &["BLMPOP", "0", "1", "q", "LEFT"],
            &["BZMPOP", "0", "1", "q", "MAX", "COUNT", "2"],
            &["ZADD", "q", "1", "a"],
            &["BZPOPMAX", "q", "0"],
            &["EXEC"],
        ],
        &[
            &["BZPOPMIN", "k", "-0.5"],
            &["BZPOPMIN", "k", "1e400"],
            &["BZPOPMIN", "k", "inf"],
            &["BZPOPMIN", "k", "nan"],
            &["BZMPOP", "x", "0", "k", "MIN"],
            &["BZMPOP", "x", "1", "k", "MIN", "COUNT", "0"],
            &["BZMPOP", "x", "1", "k", "MIN"],
            &["BZMPOP", "0", "1", "k", "MID"],
            &["BZMPOP", "0", "2", "k", "MIN"],
            &["BLMPOP", "x", "1", "k", "LEFT", "COUNT", "-1"],
            &["BLMPOP", "0.01", "1", "k", "LEFT", "COUNT"],
            &["BZPOPMAX", "k"],
        ],
    ];
    for resp3 in [false, true] {
        for seq in seqs {
            let case = Case {
                resp3,
                cmds: seq.iter().map(|c| cmd(c, Cmp::Exact)).collect(),
            };
            if let Err(e) = diff.run_case(&case) {
                panic!("{}: {e}", if resp3 { "RESP3" } else { "RESP2" });
            }
        }
    }
}
