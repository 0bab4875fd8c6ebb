//! Keyspace commands against redis-server: DEL/EXISTS/TYPE/RENAME/COPY/MOVE, expiry with
//! NX/XX/GT/LT, TTL family (with tolerance), KEYS and SCAN (as sets), OBJECT, databases.

use proptest::prelude::*;
use proptest::sample::select;

use super::engine::{cases, Cmd, Cmp, Diff, A};
use super::gen::*;

/// SET without past expiry times: a key SET with a past EXAT lingers until active expiry
/// reclaims it, so DBSIZE would depend on timing.
fn set_plain() -> BoxedStrategy<Cmd> {
    prop_oneof![
        3 => (key(), value()).prop_map(|(k, v)| Cmd::new(vec![lit("SET"), k, v], Cmp::Exact)),
        1 => (key(), value(), rel_secs())
            .prop_map(|(k, v, t)| Cmd::new(vec![lit("SET"), k, v, lit("EX"), t], Cmp::Exact)),
        1 => (key(), value(), abs_ms(false))
            .prop_map(|(k, v, t)| Cmd::new(vec![lit("SET"), k, v, lit("PXAT"), t], Cmp::Exact)),
    ]
    .boxed()
}

fn multi_key(name: &'static str, min: usize, max: usize, cmp: Cmp) -> BoxedStrategy<Cmd> {
    keys(min, max)
        .prop_map(move |ks| {
            let mut a = vec![lit(name)];
            a.extend(ks);
            Cmd::new(a, cmp)
        })
        .boxed()
}

fn db() -> BoxedStrategy<A> {
    prop_oneof![
        6 => select(&["0", "1", "2"][..]).prop_map(lit),
        1 => select(&["16", "-1", "abc", "", "15", "1.0", "2147483648", "9223372036854775807"][..])
            .prop_map(lit),
    ]
    .boxed()
}

const NUL_OPTS: &[&[u8]] = &[b"gt\0LT", b"F\0OO"];

fn expire_opts() -> BoxedStrategy<Vec<A>> {
    prop_oneof![
        3 => Just(vec![]),
        4 => token(&["NX", "XX", "GT", "LT"]).prop_map(|t| vec![t]),
        1 => (token(&["NX", "XX", "GT", "LT"]), token(&["NX", "XX", "GT", "LT", "FOO"]))
            .prop_map(|(a, b)| vec![a, b]),
        // strcasecmp: an option ends at its first NUL byte, in the match and in the error.
        1 => select(NUL_OPTS).prop_map(|o| vec![lit(o)]),
    ]
    .boxed()
}

pub fn expire_cmd() -> BoxedStrategy<Cmd> {
    prop_oneof![
        (key(), rel_secs(), expire_opts()).prop_map(|(k, t, o)| ("EXPIRE", k, t, o)),
        (key(), rel_ms(), expire_opts()).prop_map(|(k, t, o)| ("PEXPIRE", k, t, o)),
        (key(), abs_secs(true), expire_opts()).prop_map(|(k, t, o)| ("EXPIREAT", k, t, o)),
        (key(), abs_ms(true), expire_opts()).prop_map(|(k, t, o)| ("PEXPIREAT", k, t, o)),
    ]
    .prop_map(|(name, k, t, o)| {
        let mut a = vec![lit(name), k, t];
        a.extend(o);
        Cmd::new(a, Cmp::Exact)
    })
    .boxed()
}

pub fn ttl_cmd() -> BoxedStrategy<Cmd> {
    prop_oneof![
        on_key("TTL", Cmp::Tol(2)),
        on_key("PTTL", Cmp::Tol(2000)),
        on_key("EXPIRETIME", Cmp::Tol(2)),
        on_key("PEXPIRETIME", Cmp::Tol(2000)),
    ]
    .boxed()
}

const FLUSH_OPTS: &[&[&str]] = &[&[], &["ASYNC"], &["SYNC"], &["LAZY"]];

const PATTERNS: &[&str] = &[
    "*", "a", "a*", "?", "{t}*", "[ab]", "[^a]*", "*b", "[a-c]", "\\{t\\}*", "k*", "", "[", "\\",
    "*\\", "[!a]", "??*", "*[",
];

fn pattern() -> BoxedStrategy<A> {
    select(PATTERNS)
        .prop_map(|p| A::Pat(p.as_bytes().to_vec()))
        .boxed()
}

fn scan() -> BoxedStrategy<Cmd> {
    let opt = prop_oneof![
        (Just(lit("MATCH")), pattern()).prop_map(|(t, p)| vec![t, p]),
        (
            Just(lit("COUNT")),
            select(&["1", "2", "10", "1000", "0", "-1", "abc"][..]).prop_map(lit)
        )
            .prop_map(|(t, c)| vec![t, c]),
        (
            Just(lit("TYPE")),
            select(&["string", "list", "set", "hash", "zset", "stream", "nosuch"][..])
                .prop_map(lit)
        )
            .prop_map(|(t, c)| vec![t, c]),
        Just(vec![lit("MATCH")]),
    ];
    (
        // Only cursor 0 is deterministic: any other valid cursor starts mid-table, and Redis
        // reads "-1" as 2^64-1. Invalid ones give errors.
        select(&["0", "0", "0", "0", "abc", "18446744073709551616", "1.5"][..]),
        prop::collection::vec(opt, 0..=2),
    )
        .prop_map(|(cursor, opts)| {
            let mut a = vec![lit("SCAN"), lit(cursor)];
            a.extend(opts.into_iter().flatten());
            Cmd::new(a, Cmp::Scan(1))
        })
        .boxed()
}

fn object() -> BoxedStrategy<Cmd> {
    prop_oneof![
        4 => (select(&["ENCODING", "REFCOUNT", "FREQ", "encoding"][..]), key())
            .prop_map(|(s, k)| Cmd::new(vec![lit("OBJECT"), lit(s), k], Cmp::Exact)),
        // Redis's LRU clock is refreshed by its cron: under load a fresh key can show a few
        // idle seconds, so only the reply type (and error texts) are compared.
        1 => key().prop_map(|k| Cmd::new(vec![lit("OBJECT"), lit("IDLETIME"), k], Cmp::Shape)),
        1 => Just(cmd(&["OBJECT", "HELP"], Cmp::Exact)),
        1 => key().prop_map(|k| Cmd::new(vec![lit("OBJECT"), lit("NOSUCH"), k], Cmp::Exact)),
    ]
    .boxed()
}

pub fn keyspace_op() -> BoxedStrategy<Cmd> {
    noisy(
        prop_oneof![
            8 => set_plain(),
            3 => on_key("GET", Cmp::Exact),
            1 => other_type(),
            3 => multi_key("DEL", 1, 4, Cmp::Exact),
            1 => multi_key("UNLINK", 1, 4, Cmp::Exact),
            3 => multi_key("EXISTS", 1, 4, Cmp::Exact),
            1 => multi_key("TOUCH", 1, 3, Cmp::Exact),
            2 => on_key("TYPE", Cmp::Exact),
            3 => (token(&["RENAME", "RENAMENX"]), key(), key())
                .prop_map(|(c, a, b)| Cmd::new(vec![c, a, b], Cmp::Exact)),
            2 => (key(), key(), prop_oneof![
                    3 => Just(vec![]),
                    1 => Just(vec![lit("REPLACE")]),
                    1 => db().prop_map(|d| vec![lit("DB"), d]),
                    1 => db().prop_map(|d| vec![lit("DB"), d, lit("REPLACE")]),
                    1 => Just(vec![lit("DB")]),
                ])
                .prop_map(|(a, b, o)| {
                    let mut v = vec![lit("COPY"), a, b];
                    v.extend(o);
                    Cmd::new(v, Cmp::Exact)
                }),
            1 => (key(), db()).prop_map(|(k, d)| Cmd::new(vec![lit("MOVE"), k, d], Cmp::Exact)),
            4 => expire_cmd(),
            3 => ttl_cmd(),
            1 => on_key("PERSIST", Cmp::Exact),
            2 => pattern().prop_map(|p| Cmd::new(vec![lit("KEYS"), p], Cmp::Unordered)),
            2 => scan(),
            1 => Just(cmd(&["RANDOMKEY"], Cmp::Shape)),
            2 => Just(cmd(&["DBSIZE"], Cmp::Exact)),
            2 => object(),
            1 => db().prop_map(|d| Cmd::new(vec![lit("SELECT"), d], Cmp::Exact)),
            1 => (db(), db()).prop_map(|(a, b)| Cmd::new(vec![lit("SWAPDB"), a, b], Cmp::Exact)),
            1 => on_key("DUMP", Cmp::Dump),
            1 => (token(&["FLUSHDB", "FLUSHALL"]), select(FLUSH_OPTS)).prop_map(|(c, o)| {
                let mut a = vec![c];
                a.extend(o.iter().map(lit));
                Cmd::new(a, Cmp::Exact)
            }),
        ]
        .boxed(),
    )
}

/// Expiry only, on few keys: options interplay (NX/XX/GT/LT), PERSIST, GETEX, SET KEEPTTL.
pub fn expiry_op() -> BoxedStrategy<Cmd> {
    noisy(
        prop_oneof![
            3 => set_plain(),
            1 => (key(), value()).prop_map(|(k, v)| Cmd::new(vec![lit("SET"), k, v, lit("KEEPTTL")], Cmp::Exact)),
            6 => expire_cmd(),
            5 => ttl_cmd(),
            2 => on_key("PERSIST", Cmp::Exact),
            1 => (key(), prop_oneof![
                    Just(vec![lit("PERSIST")]),
                    rel_secs().prop_map(|t| vec![lit("EX"), t]),
                    abs_ms(true).prop_map(|t| vec![lit("PXAT"), t]),
                ])
                .prop_map(|(k, o)| {
                    let mut a = vec![lit("GETEX"), k];
                    a.extend(o);
                    Cmd::new(a, Cmp::Exact)
                }),
            1 => (key(), key()).prop_map(|(a, b)| Cmd::new(vec![lit("RENAME"), a, b], Cmp::Exact)),
            1 => (key(), key()).prop_map(|(a, b)| Cmd::new(vec![lit("COPY"), a, b, lit("REPLACE")], Cmp::Exact)),
            2 => multi_key("EXISTS", 1, 3, Cmp::Exact),
            1 => Just(cmd(&["DBSIZE"], Cmp::Exact)),
        ]
        .boxed(),
    )
}

#[test]
fn keyspace_matches_redis() {
    let Some(diff) = Diff::start("keyspace") else {
        return;
    };
    diff.check(cases(1000), case(keyspace_op(), 24));
}

#[test]
fn expiry_matches_redis() {
    let Some(diff) = Diff::start("expiry") else {
        return;
    };
    diff.check(cases(500), case(expiry_op(), 20));
}
