//! Geo commands against redis-server: GEOADD (with NX/XX/CH) of random valid and invalid
//! coordinates, GEOPOS/GEOHASH/GEODIST, and every search form (GEORADIUS, GEORADIUSBYMEMBER,
//! their _RO forms, GEOSEARCH, GEOSEARCHSTORE) with random options in random order, including
//! bad ones. Points cluster around a few places (Sicily, the antimeridian, near the pole, the
//! origin) so searches find members in several of the nine cells; radii run from 0 to more
//! than half the globe.
//!
//! Replies are compared byte for byte, search results in order (Redis's scan order without
//! sorting, by distance with ASC/DESC/COUNT). Stored distances are read back without scores:
//! 7.0 prints them with "%.17g", 7.2 (our target) in the shortest form.

use proptest::prelude::*;

use super::engine::{cases, Cmd, Cmp, Diff, A};
use super::gen::*;

const MEMBERS: &[&[u8]] = &[
    b"a",
    b"b",
    b"c",
    b"d",
    b"e",
    b"f",
    b"",
    b"\x00\r\n",
    b"p0",
    b"p1",
    b"p2",
    b"p3",
    b"p5",
    b"p8",
];

/// (lon, lat, spread in degrees); Sicily is listed several times so most points meet there.
const CENTRES: &[(f64, f64, f64)] = &[
    (13.36, 38.11, 1.5),
    (13.36, 38.11, 1.5),
    (13.36, 38.11, 1.5),
    (13.36, 38.11, 0.2),
    (179.9, 0.0, 0.5),
    (-179.9, 0.0, 0.5),
    (10.0, 84.0, 3.0),
    (0.0, 0.0, 0.5),
    (-122.4, 37.7, 10.0),
];

const EDGE_LON: &[&str] = &["180", "-180", "0", "-0", "179.99999999", "13.361389"];
const EDGE_LAT: &[&str] = &["85.05112878", "-85.05112878", "0", "-0", "38.115556"];
const BAD_COORD: &[&str] = &[
    "180.0000001",
    "-181",
    "85.05112879",
    "-90",
    "abc",
    "",
    "inf",
    "nan",
    "1e400",
    "1e300",
    " 1",
];

/// Keys: mostly one, so searches meet the points added before them; `{t}a`/`{t}b` share a
/// slot, the others spread over shards (STORE destinations anywhere).
fn gkey() -> BoxedStrategy<A> {
    prop_oneof![
        10 => Just(A::Key(b"a".to_vec())),
        2 => Just(A::Key(b"{t}a".to_vec())),
        1 => Just(A::Key(b"{t}b".to_vec())),
        2 => key(),
    ]
    .boxed()
}

fn member() -> BoxedStrategy<A> {
    prop::sample::select(MEMBERS).prop_map(lit).boxed()
}

fn fmt(v: f64, decimals: usize) -> A {
    lit(format!("{v:.decimals$}"))
}

/// A (lon, lat) pair: mostly near a centre, sometimes anywhere, an edge value or invalid.
fn lon_lat() -> BoxedStrategy<(A, A)> {
    let near = (
        prop::sample::select(CENTRES),
        -1.0f64..1.0,
        -1.0f64..1.0,
        0usize..9,
    )
        .prop_map(|((lon, lat, d), dx, dy, dec)| {
            let x = (lon + dx * d).clamp(-180.0, 180.0);
            let y = (lat + dy * d).clamp(-85.05, 85.05);
            (fmt(x, dec), fmt(y, dec))
        });
    let anywhere = (-180.0f64..180.0, -85.05f64..85.05, 0usize..9)
        .prop_map(|(x, y, dec)| (fmt(x, dec), fmt(y, dec)));
    prop_oneof![
        30 => near,
        2 => anywhere,
        1 => (token(EDGE_LON), token(EDGE_LAT)),
        1 => prop_oneof![
            (token(BAD_COORD), token(EDGE_LAT)),
            (token(EDGE_LON), token(BAD_COORD)),
        ],
    ]
    .boxed()
}

fn unit() -> BoxedStrategy<A> {
    prop_oneof![
        6 => token(&["km"]),
        3 => token(&["mi"]),
        1 => token(&["m", "ft"]),
        1 => token(&["parsecs", "", "KM", "k", "M"]),
    ]
    .boxed()
}

/// A size (radius, width or height) in `unit`: mostly sensible, sometimes huge, zero or bad.
fn size() -> BoxedStrategy<A> {
    prop_oneof![
        12 => (0.0f64..300.0, 0usize..4).prop_map(|(v, d)| fmt(v, d)),
        6 => token(&["1", "10", "50", "100", "150", "250", "500", "1000"]),
        2 => token(&["0", "2000", "5000", "9000", "20000", "30000000"]),
        1 => token(&["-1", "abc", "", "nan", "inf", "1e400"]),
    ]
    .boxed()
}

fn count() -> BoxedStrategy<Vec<A>> {
    let n = prop_oneof![
        12 => (1i64..6).prop_map(|n| lit(n.to_string())),
        1 => token(&["0", "-1", "x", "100"]),
    ];
    (n, prop::bool::weighted(0.3))
        .prop_map(|(n, any)| {
            let mut v = vec![lit("COUNT"), n];
            if any {
                v.push(lit("ANY"));
            }
            v
        })
        .boxed()
}

/// Output and ordering options, any subset in any order (sometimes a lone ANY or junk).
fn out_opts(with: bool) -> BoxedStrategy<Vec<A>> {
    let mut one: Vec<(u32, BoxedStrategy<Vec<A>>)> = vec![
        (6, token(&["ASC", "DESC"]).prop_map(|t| vec![t]).boxed()),
        (3, count()),
        (3, count()),
        (
            1,
            token(&["ANY", "BOGUS", "COUNT"])
                .prop_map(|t| vec![t])
                .boxed(),
        ),
    ];
    if with {
        one.push((
            8,
            token(&["WITHDIST", "WITHCOORD", "WITHHASH"])
                .prop_map(|t| vec![t])
                .boxed(),
        ));
    }
    prop::collection::vec(prop::strategy::Union::new_weighted(one), 0..=4)
        .prop_map(|v| v.concat())
        .boxed()
}

fn geoadd() -> BoxedStrategy<Cmd> {
    let flags = prop_oneof![
        6 => Just(vec![]),
        6 => token(&["NX", "XX", "CH"]).prop_map(|t| vec![t]),
        2 => (token(&["NX", "XX"]), token(&["CH"])).prop_map(|(a, b)| vec![a, b]),
        1 => Just(vec![lit("XX"), lit("NX")]),
    ];
    (
        gkey(),
        flags,
        prop::collection::vec((lon_lat(), member()), 1..=6),
    )
        .prop_map(|(k, f, items)| {
            let mut a = vec![lit("GEOADD"), k];
            a.extend(f);
            for ((x, y), m) in items {
                a.extend([x, y, m]);
            }
            Cmd::new(a, Cmp::Exact)
        })
        .boxed()
}

fn lookups() -> BoxedStrategy<Cmd> {
    prop_oneof![
        (
            token(&["GEOPOS", "GEOHASH"]),
            gkey(),
            prop::collection::vec(member(), 0..=4)
        )
            .prop_map(|(c, k, ms)| {
                let mut a = vec![c, k];
                a.extend(ms);
                Cmd::new(a, Cmp::Exact)
            }),
        (gkey(), member(), member(), prop::option::of(unit())).prop_map(|(k, m1, m2, u)| {
            let mut a = vec![lit("GEODIST"), k, m1, m2];
            a.extend(u);
            Cmd::new(a, Cmp::Exact)
        }),
    ]
    .boxed()
}

/// STORE / STOREDIST for the GEORADIUS forms (sometimes both, sometimes on _RO).
fn store_opts() -> BoxedStrategy<Vec<A>> {
    prop_oneof![
        4 => Just(vec![]),
        2 => (token(&["STORE", "STOREDIST"]), gkey()).prop_map(|(t, k)| vec![t, k]),
        1 => (gkey(), gkey()).prop_map(|(a, b)| vec![lit("STORE"), a, lit("STOREDIST"), b]),
    ]
    .boxed()
}

fn georadius() -> BoxedStrategy<Cmd> {
    let by_point = (
        token(&["GEORADIUS", "GEORADIUS_RO"]),
        gkey(),
        lon_lat(),
        size(),
        unit(),
    )
        .prop_map(|(c, k, (x, y), r, u)| vec![c, k, x, y, r, u]);
    let by_member = (
        token(&["GEORADIUSBYMEMBER", "GEORADIUSBYMEMBER_RO"]),
        gkey(),
        member(),
        size(),
        unit(),
    )
        .prop_map(|(c, k, m, r, u)| vec![c, k, m, r, u]);
    (
        prop_oneof![by_point, by_member],
        out_opts(true),
        store_opts(),
        any::<bool>(),
    )
        .prop_map(|(mut a, opts, store, store_first)| {
            // The _RO forms refuse STORE: keep that error, but rare.
            let ro = matches!(&a[0], A::Lit(n) if n.to_ascii_uppercase().ends_with(b"_RO"));
            let store = if ro && !store_first { vec![] } else { store };
            let with = opts
                .iter()
                .any(|o| matches!(o, A::Lit(t) if t.to_ascii_uppercase().starts_with(b"WITH")));
            // Mostly no WITH* next to STORE (that is one error, better tested sometimes).
            let store = if with && !store_first { vec![] } else { store };
            if store_first {
                a.extend(store);
                a.extend(opts);
            } else {
                a.extend(opts);
                a.extend(store);
            }
            Cmd::new(a, Cmp::Exact)
        })
        .boxed()
}

fn from() -> BoxedStrategy<Vec<A>> {
    prop_oneof![
        3 => member().prop_map(|m| vec![lit("FROMMEMBER"), m]),
        3 => lon_lat().prop_map(|(x, y)| vec![lit("FROMLONLAT"), x, y]),
    ]
    .boxed()
}

fn by() -> BoxedStrategy<Vec<A>> {
    prop_oneof![
        3 => (size(), unit()).prop_map(|(r, u)| vec![lit("BYRADIUS"), r, u]),
        3 => (size(), size(), unit()).prop_map(|(w, h, u)| vec![lit("BYBOX"), w, h, u]),
    ]
    .boxed()
}

fn geosearch() -> BoxedStrategy<Cmd> {
    // FROM and BY usually once each, in either order; sometimes missing or repeated.
    let parts = prop_oneof![
        12 => (from(), by(), any::<bool>()).prop_map(|(f, b, swap)| {
            if swap { vec![b, f] } else { vec![f, b] }
        }),
        1 => from().prop_map(|f| vec![f]),
        1 => by().prop_map(|b| vec![b]),
        1 => (from(), from(), by()).prop_map(|(f, g, b)| vec![f, g, b]),
        1 => (from(), by(), by()).prop_map(|(f, b, c)| vec![f, b, c]),
    ];
    (
        any::<bool>(),
        gkey(),
        gkey(),
        parts,
        out_opts(true),
        prop::bool::weighted(0.3),
        prop::bool::weighted(0.1),
    )
        .prop_map(|(store, dst, src, parts, opts, storedist, with_on_store)| {
            let mut a = if store {
                vec![lit("GEOSEARCHSTORE"), dst, src]
            } else {
                vec![lit("GEOSEARCH"), src]
            };
            a.extend(parts.concat());
            let opts: Vec<A> = if store && !with_on_store {
                opts.into_iter()
                    .filter(
                        |o| !matches!(o, A::Lit(t) if t.to_ascii_uppercase().starts_with(b"WITH")),
                    )
                    .collect()
            } else {
                opts
            };
            a.extend(opts);
            // STOREDIST on GEOSEARCH is a syntax error: rare there.
            if storedist && (store || with_on_store) {
                a.push(lit("STOREDIST"));
            }
            Cmd::new(a, Cmp::Exact)
        })
        .boxed()
}

fn geo_op() -> BoxedStrategy<Cmd> {
    noisy(
        prop_oneof![
            10 => geoadd(),
            4 => lookups(),
            6 => georadius(),
            6 => geosearch(),
            // Stored results: members in score order, without the scores (see module docs).
            2 => gkey().prop_map(|k| Cmd::new(
                vec![lit("ZRANGE"), k, lit("0"), lit("-1")],
                Cmp::Exact
            )),
            1 => (gkey(), token(&["0", "-5", "0.5", "4503599627370496", "1e20", "inf"]), member())
                .prop_map(|(k, s, m)| Cmd::new(vec![lit("ZADD"), k, s, m], Cmp::Exact)),
            1 => (gkey(), member())
                .prop_map(|(k, m)| Cmd::new(vec![lit("ZREM"), k, m], Cmp::Exact)),
            1 => other_type(),
            1 => on_key("DEL", Cmp::Exact),
            1 => on_key("TYPE", Cmp::Exact),
            1 => gkey().prop_map(|k| Cmd::new(
                vec![lit("OBJECT"), lit("ENCODING"), k],
                Cmp::Exact
            )),
        ]
        .boxed(),
    )
}

/// A case's opening GEOADD: 4 to 24 valid points in `a` (members `p0`...), so the searches
/// that follow have something to find in every direction.
fn populate() -> BoxedStrategy<Cmd> {
    let near = (
        prop::sample::select(CENTRES),
        -1.0f64..1.0,
        -1.0f64..1.0,
        0usize..9,
    )
        .prop_map(|((lon, lat, d), dx, dy, dec)| {
            let x = (lon + dx * d).clamp(-180.0, 180.0);
            let y = (lat + dy * d).clamp(-85.05, 85.05);
            (fmt(x, dec), fmt(y, dec))
        });
    prop::collection::vec(near, 4..=24)
        .prop_map(|points| {
            let mut a = vec![lit("GEOADD"), A::Key(b"a".to_vec())];
            for (i, (x, y)) in points.into_iter().enumerate() {
                a.extend([x, y, lit(format!("p{i}"))]);
            }
            Cmd::new(a, Cmp::Exact)
        })
        .boxed()
}

/// 10 to 70 points on a one-degree grid around Sicily: many share a place or lie at the same
/// distance from another, so sorting has to order ties exactly as Redis's sorts do.
fn populate_grid() -> BoxedStrategy<Cmd> {
    prop::collection::vec((11i32..16, 36i32..41), 10..=70)
        .prop_map(|points| {
            let mut a = vec![lit("GEOADD"), A::Key(b"a".to_vec())];
            for (i, (x, y)) in points.into_iter().enumerate() {
                a.extend([lit(x.to_string()), lit(y.to_string()), lit(format!("p{i}"))]);
            }
            Cmd::new(a, Cmp::Exact)
        })
        .boxed()
}

fn geo_case(setup: Option<Cmd>, cases_max: usize) -> impl Strategy<Value = super::engine::Case> {
    geo_case_with(setup, cases_max, populate())
}

fn geo_case_with(
    setup: Option<Cmd>,
    cases_max: usize,
    fill: BoxedStrategy<Cmd>,
) -> impl Strategy<Value = super::engine::Case> {
    (case(geo_op(), cases_max), fill).prop_map(move |(mut c, fill)| {
        c.cmds.insert(0, fill);
        if let Some(s) = &setup {
            c.cmds.insert(0, s.clone());
        }
        c
    })
}

#[test]
fn geo_matches_redis() {
    let Some(diff) = Diff::start("geo") else {
        return;
    };
    diff.check(cases(500), geo_case(None, 30));
}

#[test]
fn geo_skiplists_match_redis() {
    let Some(diff) = Diff::start("geo skiplists") else {
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
    diff.check(cases(300), geo_case(Some(setup), 30));
}

#[test]
fn geo_ties_match_redis() {
    let Some(diff) = Diff::start("geo ties") else {
        return;
    };
    diff.check(cases(300), geo_case_with(None, 20, populate_grid()));
}
