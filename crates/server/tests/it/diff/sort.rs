//! SORT and SORT_RO against redis-server: lists, sets (intset and not) and sorted sets, with
//! weights in strings and hash fields, GET patterns, LIMIT, ASC/DESC, ALPHA, STORE, constant
//! BY patterns, wrong types and bad options, interleaved with writes to the sources and the
//! weight keys.
//!
//! Where Redis's order is not defined the reply is compared less strictly:
//! - `BY <constant>` on a set returns the set in its encoding's order (7.0's hash tables, 7.2's
//!   listpacks, shoal's tables differ): compared as a multiset, or only by shape with LIMIT.
//! - ALPHA by a BY pattern keeps elements of equal (or missing) weights in load order: a set's
//!   or sorted set's internal order (compared as a multiset), and with LIMIT Redis's partial
//!   quicksort may reorder ties (compared by shape). Such forms never STORE (ALPHA is dropped
//!   there), so stored lists always compare exactly.

use proptest::prelude::*;

use super::engine::{cases, Cmd, Cmp, Diff, A};
use super::gen::*;

/// Numbers in every form strtod takes (so numeric sorts mostly succeed), and words.
const NUMS: &[&str] = &[
    "1", "2", "3", "10", "-1", "0", "7", "1.5", "01", "+1", "-2.5", "1e3", "inf", "-inf", "0x10",
    " 5", "",
];
const WORDS: &[&str] = &["a", "b", "ab", "B", "x y", "nan", "5 "];
const INTS: &[&str] = &["1", "2", "3", "10", "-1", "0", "7", "100", "-50"];
const WEIGHTS: &[&str] = &[
    "1", "2", "3", "-1", "0", "1.5", "10", "-0", "1e2", " 7", "inf", "",
];
const BAD_WEIGHTS: &[&str] = &["abc", "5 ", "nan"];
const VALUES: &[&str] = &["A", "B", "c", "", "1", "long value"];

/// The sources: lists, sets and a sorted set, a string and a hash (WRONGTYPE), a missing key.
const LISTS: &[&str] = &["nl", "wl"];
const SETS: &[&str] = &["ns", "ws"];
const SOURCES: &[&str] = &["nl", "wl", "ns", "ws", "z", "str", "h", "none"];

fn num() -> BoxedStrategy<A> {
    prop::sample::select(NUMS).prop_map(lit).boxed()
}

fn elem() -> BoxedStrategy<A> {
    prop_oneof![
        3 => num(),
        1 => prop::sample::select(WORDS).prop_map(lit),
    ]
    .boxed()
}

fn elems(min: usize, max: usize) -> BoxedStrategy<Vec<A>> {
    prop::collection::vec(elem(), min..=max).boxed()
}

fn weight() -> BoxedStrategy<A> {
    prop_oneof![
        12 => prop::sample::select(WEIGHTS).prop_map(lit),
        1 => prop::sample::select(BAD_WEIGHTS).prop_map(lit),
    ]
    .boxed()
}

fn source() -> BoxedStrategy<A> {
    prop::sample::select(SOURCES)
        .prop_map(|k| A::Key(k.as_bytes().to_vec()))
        .boxed()
}

/// Fills the sources and the weight, value and hash keys.
fn populate() -> BoxedStrategy<Vec<Cmd>> {
    let numeric = prop::collection::vec(prop::sample::select(INTS).prop_map(lit), 1..=6);
    let weights = prop::collection::vec((elem(), weight()), 0..=12);
    let values = prop::collection::vec((elem(), prop::sample::select(VALUES).prop_map(lit)), 0..=8);
    let hashes = prop::collection::vec(
        (elem(), weight(), prop::sample::select(VALUES).prop_map(lit)),
        0..=8,
    );
    let zset = prop::collection::vec((prop::sample::select(INTS).prop_map(lit), elem()), 1..=6);
    (
        prop::collection::vec(num(), 1..=8),
        elems(1, 8),
        numeric,
        elems(1, 8),
        zset,
        weights,
        values,
        hashes,
    )
        .prop_map(|(nl, wl, ns, ws, z, weights, values, hashes)| {
            let key = |k: &str| A::Key(k.as_bytes().to_vec());
            let prefixed = |p: &str, e: &A| match e {
                A::Lit(b) => A::Key([p.as_bytes(), b].concat()),
                other => other.clone(),
            };
            let with = |name: &str, k: &str, items: Vec<A>| {
                let mut a = vec![lit(name), key(k)];
                a.extend(items);
                Cmd::new(a, Cmp::Exact)
            };
            let mut cmds = vec![
                with("RPUSH", "nl", nl),
                with("RPUSH", "wl", wl),
                with("SADD", "ns", ns),
                with("SADD", "ws", ws),
            ];
            let mut za = vec![lit("ZADD"), key("z")];
            for (s, m) in z {
                za.push(s);
                za.push(m);
            }
            cmds.push(Cmd::new(za, Cmp::Exact));
            cmds.push(Cmd::new(vec![lit("SET"), key("str"), lit("x")], Cmp::Exact));
            cmds.push(Cmd::new(
                vec![lit("HSET"), key("h"), lit("f"), lit("1")],
                Cmp::Exact,
            ));
            for (e, w) in weights {
                cmds.push(Cmd::new(
                    vec![lit("SET"), prefixed("w_", &e), w],
                    Cmp::Exact,
                ));
            }
            for (e, v) in values {
                cmds.push(Cmd::new(
                    vec![lit("SET"), prefixed("o_", &e), v],
                    Cmp::Exact,
                ));
            }
            for (e, w, v) in hashes {
                cmds.push(Cmd::new(
                    vec![lit("HSET"), prefixed("h_", &e), lit("f"), w, lit("g"), v],
                    Cmp::Exact,
                ));
            }
            cmds
        })
        .boxed()
}

fn pattern() -> BoxedStrategy<A> {
    let pat = |p: &'static str| Just(A::Pat(p.as_bytes().to_vec()));
    prop_oneof![
        4 => pat("w_*"),
        3 => pat("h_*->f"),
        2 => pat("o_*"),
        1 => pat("h_*->g"),
        1 => pat("h_*"),
        1 => pat("w_*->f"),
        1 => pat("*"),
        2 => Just(lit("nosort")),
        1 => Just(lit("#")),
        1 => Just(lit("nostar")),
    ]
    .boxed()
}

fn option() -> BoxedStrategy<Vec<A>> {
    let limit = prop_oneof![
        6 => ((-1i64..6), (-2i64..6)).prop_map(|(o, c)| vec![lit(o.to_string()), lit(c.to_string())]),
        1 => Just(vec![lit("x"), lit("1")]),
        1 => Just(vec![lit("0"), lit("1.5")]),
    ];
    prop_oneof![
        4 => pattern().prop_map(|p| vec![lit("BY"), p]),
        3 => pattern().prop_map(|p| vec![lit("GET"), p]),
        3 => limit.prop_map(|mut l| {
            l.insert(0, lit("LIMIT"));
            l
        }),
        3 => token(&["ASC", "DESC", "ALPHA"]).prop_map(|t| vec![t]),
        2 => prop::sample::select(&["d", "nl", "str"][..])
            .prop_map(|d| vec![lit("STORE"), A::Key(d.as_bytes().to_vec())]),
        1 => token(&["BADOPT", "LIMIT", "BY", "GET", "STORE"]).prop_map(|t| vec![t]),
    ]
    .boxed()
}

fn text(a: &A) -> &[u8] {
    match a {
        A::Key(b) | A::Pat(b) | A::Lit(b) => b,
        _ => b"",
    }
}

/// What Redis's parser makes of the options (args[2..]): (BY reads weights, ALPHA, LIMIT
/// given, STORE given, a constant BY).
fn classify(args: &[A]) -> (bool, bool, bool, bool, bool) {
    let (mut by, mut alpha, mut limit, mut store, mut constant) =
        (false, false, false, false, false);
    let mut j = 2;
    while j < args.len() {
        let a = text(&args[j]).to_ascii_lowercase();
        let left = args.len() - j - 1;
        match a.as_slice() {
            b"alpha" => alpha = true,
            b"limit" if left >= 2 => {
                limit = true;
                j += 2;
            }
            b"store" if left >= 1 => {
                store = true;
                j += 1;
            }
            b"by" if left >= 1 => {
                let p = text(&args[j + 1]);
                by = p.contains(&b'*');
                constant |= !by;
                j += 1;
            }
            b"get" if left >= 1 => j += 1,
            _ => {}
        }
        j += 1;
    }
    (by && !constant, alpha, limit, store, constant)
}

fn sort_cmd() -> BoxedStrategy<Cmd> {
    (
        token(&["SORT", "SORT_RO"]),
        source(),
        prop::collection::vec(option(), 0..=4),
    )
        .prop_map(|(name, src, opts)| {
            let mut args = vec![name, src.clone()];
            args.extend(opts.into_iter().flatten());
            let key = std::str::from_utf8(text(&src)).unwrap_or("").to_string();
            let is_set = SETS.contains(&key.as_str());
            let is_list = LISTS.contains(&key.as_str());
            let (by, alpha, limit, store, constant) = classify(&args);
            if by && alpha && store && (limit || !is_list) {
                // Tie order would show in the stored list: sort numerically instead.
                let mut j = 0;
                args.retain(|a| {
                    j += 1;
                    j <= 2 || !text(a).eq_ignore_ascii_case(b"alpha")
                });
                return Cmd::new(args, Cmp::Exact);
            }
            // A set's own order (constant BY), or ALPHA ties in load order: any order of the
            // whole reply, and with LIMIT not even the same elements.
            let loose = (is_set && constant && !store) || (by && alpha && !is_list);
            let cmp = if loose && limit {
                Cmp::Shape
            } else if loose {
                Cmp::Unordered
            } else if by && alpha && limit {
                // Redis's partial quicksort under LIMIT may reorder a list's ties.
                Cmp::Shape
            } else {
                Cmp::Exact
            };
            Cmd::new(args, cmp)
        })
        .boxed()
}

fn sort_op() -> BoxedStrategy<Cmd> {
    let k = |name: &'static str| A::Key(name.as_bytes().to_vec());
    prop_oneof![
        12 => sort_cmd(),
        1 => (prop::sample::select(LISTS), elems(1, 3)).prop_map(move |(l, es)| {
            let mut a = vec![lit("RPUSH"), A::Key(l.as_bytes().to_vec())];
            a.extend(es);
            Cmd::new(a, Cmp::Exact)
        }),
        1 => (prop::sample::select(SETS), elem()).prop_map(|(s, e)| {
            Cmd::new(vec![lit("SADD"), A::Key(s.as_bytes().to_vec()), e], Cmp::Exact)
        }),
        1 => (elem(), weight()).prop_map(|(e, w)| {
            let key = [&b"w_"[..], text(&e)].concat();
            Cmd::new(vec![lit("SET"), A::Key(key), w], Cmp::Exact)
        }),
        1 => elem().prop_map(|e| {
            let key = [&b"w_"[..], text(&e)].concat();
            Cmd::new(vec![lit("DEL"), A::Key(key)], Cmp::Exact)
        }),
        1 => Just(Cmd::new(vec![lit("LRANGE"), k("d"), lit("0"), lit("-1")], Cmp::Exact)),
        1 => Just(Cmd::new(vec![lit("TYPE"), k("d")], Cmp::Exact)),
        1 => prop::sample::select(&["d", "z", "nl"][..]).prop_map(|d| {
            Cmd::new(
                vec![lit("OBJECT"), lit("ENCODING"), A::Key(d.as_bytes().to_vec())],
                Cmp::Exact,
            )
        }),
        1 => Just(Cmd::new(vec![lit("EXISTS"), k("d")], Cmp::Exact)),
        1 => (token(&["GETKEYS", "GETKEYSANDFLAGS"]), sort_cmd()).prop_map(|(sub, c)| {
            let mut a = vec![lit("COMMAND"), sub];
            a.extend(c.args);
            Cmd::new(a, Cmp::Exact)
        }),
    ]
    .boxed()
}

#[test]
fn sort_matches_redis() {
    let Some(diff) = Diff::start("sort") else {
        return;
    };
    let ops = (
        populate(),
        any::<bool>(),
        prop::collection::vec(sort_op(), 1..=16),
    )
        .prop_map(|(mut setup, resp3, ops)| {
            setup.extend(ops);
            super::engine::Case { resp3, cmds: setup }
        });
    diff.check(cases(400), ops);
}
