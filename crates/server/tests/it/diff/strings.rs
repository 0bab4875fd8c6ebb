//! String commands against redis-server: SET and its options, GET variants, counters, ranges,
//! multi-key MSET/MGET, LCS, with binary and empty values and the error paths.

use proptest::prelude::*;
use proptest::sample::select;

use super::engine::{cases, Cmd, Cmp, Diff, A};
use super::gen::*;

const NUL_SET_OPTS: &[&[u8]] = &[b"nx\0zz", b"Get\0", b"keepttl\0x"];

fn set_option() -> BoxedStrategy<Vec<A>> {
    prop_oneof![
        3 => token(&["NX", "XX", "GET", "KEEPTTL"]).prop_map(|t| vec![t]),
        2 => (token(&["EX"]), rel_secs()).prop_map(|(t, v)| vec![t, v]),
        2 => (token(&["PX"]), rel_ms()).prop_map(|(t, v)| vec![t, v]),
        1 => (token(&["EXAT"]), abs_secs(true)).prop_map(|(t, v)| vec![t, v]),
        1 => (token(&["PXAT"]), abs_ms(true)).prop_map(|(t, v)| vec![t, v]),
        1 => Just(vec![lit("FOO")]),
        1 => Just(vec![lit("EX")]),
        // Options match up to a NUL byte in Redis.
        1 => select(NUL_SET_OPTS).prop_map(|t| vec![lit(t)]),
        1 => rel_ms().prop_map(|v| vec![lit(b"px\0s"), v]),
    ]
    .boxed()
}

fn set() -> BoxedStrategy<Cmd> {
    (key(), value(), prop::collection::vec(set_option(), 0..=3))
        .prop_map(|(k, v, opts)| {
            let mut a = vec![lit("SET"), k, v];
            a.extend(opts.into_iter().flatten());
            Cmd::new(a, Cmp::Exact)
        })
        .boxed()
}

fn getex() -> BoxedStrategy<Cmd> {
    let opt = prop_oneof![
        2 => Just(vec![]),
        1 => token(&["PERSIST"]).prop_map(|t| vec![t]),
        1 => (token(&["EX"]), rel_secs()).prop_map(|(t, v)| vec![t, v]),
        1 => (token(&["PX"]), rel_ms()).prop_map(|(t, v)| vec![t, v]),
        1 => (token(&["EXAT"]), abs_secs(true)).prop_map(|(t, v)| vec![t, v]),
        1 => (token(&["PXAT"]), abs_ms(true)).prop_map(|(t, v)| vec![t, v]),
        1 => Just(vec![lit("EX"), lit("100"), lit("PERSIST")]),
        1 => Just(vec![lit("BAD")]),
        1 => Just(vec![lit(b"persist\0x")]),
        1 => rel_secs().prop_map(|v| vec![lit(b"ex\0"), v]),
    ];
    (key(), opt)
        .prop_map(|(k, o)| {
            let mut a = vec![lit("GETEX"), k];
            a.extend(o);
            Cmd::new(a, Cmp::Exact)
        })
        .boxed()
}

fn lcs() -> BoxedStrategy<Cmd> {
    let opt = prop_oneof![
        token(&["LEN", "IDX", "WITHMATCHLEN"]).prop_map(|t| vec![t]),
        (token(&["MINMATCHLEN"]), small_int()).prop_map(|(t, v)| vec![t, v]),
        Just(vec![lit("NOPE")]),
    ];
    (key(), key(), prop::collection::vec(opt, 0..=3))
        .prop_map(|(a, b, opts)| {
            let mut v = vec![lit("LCS"), a, b];
            v.extend(opts.into_iter().flatten());
            Cmd::new(v, Cmp::Exact)
        })
        .boxed()
}

fn kv_pairs() -> BoxedStrategy<Vec<A>> {
    prop::collection::vec((key(), value()), 1..=4)
        .prop_map(|p| p.into_iter().flat_map(|(k, v)| [k, v]).collect())
        .boxed()
}

pub fn string_op() -> BoxedStrategy<Cmd> {
    let k1 = |name: &'static str| on_key(name, Cmp::Exact);
    noisy(
        prop_oneof![
            8 => set(),
            4 => k1("GET"),
            1 => (key(), value()).prop_map(|(k, v)| Cmd::new(vec![lit("GETSET"), k, v], Cmp::Exact)),
            1 => k1("GETDEL"),
            2 => getex(),
            1 => (key(), value()).prop_map(|(k, v)| Cmd::new(vec![lit("SETNX"), k, v], Cmp::Exact)),
            1 => (key(), rel_secs(), value())
                .prop_map(|(k, t, v)| Cmd::new(vec![lit("SETEX"), k, t, v], Cmp::Exact)),
            1 => (key(), rel_ms(), value())
                .prop_map(|(k, t, v)| Cmd::new(vec![lit("PSETEX"), k, t, v], Cmp::Exact)),
            2 => keys(1, 5).prop_map(|ks| {
                let mut a = vec![lit("MGET")];
                a.extend(ks);
                Cmd::new(a, Cmp::Exact)
            }),
            2 => kv_pairs().prop_map(|p| {
                let mut a = vec![lit("MSET")];
                a.extend(p);
                Cmd::new(a, Cmp::Exact)
            }),
            1 => kv_pairs().prop_map(|p| {
                let mut a = vec![lit("MSETNX")];
                a.extend(p);
                Cmd::new(a, Cmp::Exact)
            }),
            2 => (key(), value()).prop_map(|(k, v)| Cmd::new(vec![lit("APPEND"), k, v], Cmp::Exact)),
            1 => k1("STRLEN"),
            2 => k1("INCR"),
            1 => k1("DECR"),
            2 => (key(), int()).prop_map(|(k, n)| Cmd::new(vec![lit("INCRBY"), k, n], Cmp::Exact)),
            1 => (key(), int()).prop_map(|(k, n)| Cmd::new(vec![lit("DECRBY"), k, n], Cmp::Exact)),
            2 => (key(), float())
                .prop_map(|(k, n)| Cmd::new(vec![lit("INCRBYFLOAT"), k, n], Cmp::Exact)),
            2 => (token(&["GETRANGE", "SUBSTR"]), key(), int(), int())
                .prop_map(|(c, k, s, e)| Cmd::new(vec![c, k, s, e], Cmp::Exact)),
            2 => (key(), setrange_offset(), value())
                .prop_map(|(k, o, v)| Cmd::new(vec![lit("SETRANGE"), k, o, v], Cmp::Exact)),
            1 => lcs(),
            1 => other_type(),
            1 => on_key("DEL", Cmp::Exact),
            1 => on_key("TYPE", Cmp::Exact),
            1 => key().prop_map(|k| Cmd::new(vec![lit("OBJECT"), lit("ENCODING"), k], Cmp::Exact)),
            1 => on_key("TTL", Cmp::Tol(2)),
            1 => on_key("PTTL", Cmp::Tol(2000)),
        ]
        .boxed(),
    )
}

/// Offsets that stay small, plus ones past the 512 MB limit (an error, never an allocation).
fn setrange_offset() -> BoxedStrategy<A> {
    prop_oneof![
        6 => (0i64..20).prop_map(|i| lit(i.to_string())),
        1 => prop::sample::select(&["-1", "abc", "", "536870912", "9223372036854775807"][..])
            .prop_map(lit),
    ]
    .boxed()
}

#[test]
fn strings_match_redis() {
    let Some(diff) = Diff::start("strings") else {
        return;
    };
    diff.check(cases(1000), case(string_op(), 24));
}
