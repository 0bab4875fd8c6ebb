use std::collections::BTreeMap;

use proptest::prelude::*;

use super::*;

const LISTPACK_ONLY: Limits = Limits {
    max_entries: usize::MAX,
    max_value: usize::MAX,
};
const SKIPLIST_ONLY: Limits = Limits {
    max_entries: 0,
    max_value: 0,
};

fn add(z: &mut ZSet, m: &str, s: f64) -> AddOutcome {
    z.add(m.as_bytes(), s, AddFlags::default(), Limits::DEFAULT)
}

fn members(z: &ZSet) -> Vec<(String, f64)> {
    z.iter()
        .map(|(m, s)| (String::from_utf8_lossy(m).into_owned(), s))
        .collect()
}

fn both() -> [ZSet; 2] {
    [
        ZSet::new(1, 1, LISTPACK_ONLY),
        ZSet::new(1, 1, SKIPLIST_ONLY),
    ]
}

#[test]
fn listpack_scores_round_trip_exactly() {
    let values = [
        0.0,
        1.0,
        -1.0,
        63.0,
        64.0,
        -8192.0,
        1_700_000_000_000.0,
        0.5,
        2.25,
        -3.25159,
        1.1,
        0.1 + 0.2,
        1e-5,
        123456.789,
        1e20,
        -1e300,
        f64::MAX,
        f64::MIN_POSITIVE,
        5e-324,
        f64::INFINITY,
        f64::NEG_INFINITY,
        (i64::MAX / 2) as f64,
        4.611686018427388e18,
    ];
    let mut lp = Listpack::default();
    for (i, v) in values.iter().enumerate() {
        lp.insert(format!("m{i}").as_bytes(), *v);
    }
    for (i, v) in values.iter().enumerate() {
        let got = lp.find(format!("m{i}").as_bytes()).expect("present").1;
        assert_eq!(got.to_bits(), v.to_bits(), "{v}");
    }
}

#[test]
fn listpack_stores_short_scores_in_few_bytes() {
    assert_eq!(Listpack::encoded_len(b"abc", 5.0), 1 + 3 + 1);
    assert_eq!(Listpack::encoded_len(b"abc", 0.5), 1 + 3 + 2);
    assert_eq!(Listpack::encoded_len(b"abc", 2.25), 1 + 3 + 2);
    assert_eq!(Listpack::encoded_len(b"abc", 0.1 + 0.2), 1 + 3 + 8);
}

#[test]
fn negative_zero_reads_back_as_zero_from_a_listpack_only() {
    let [mut lp, mut sl] = both();
    lp.add(b"m", -0.0, AddFlags::default(), LISTPACK_ONLY);
    sl.add(b"m", -0.0, AddFlags::default(), SKIPLIST_ONLY);
    assert!(lp.score(b"m").unwrap().is_sign_positive());
    assert!(sl.score(b"m").unwrap().is_sign_negative());
}

#[test]
fn encoding_follows_the_limits() {
    assert_eq!(
        ZSet::new(128, 64, Limits::DEFAULT).encoding_name(),
        "listpack"
    );
    assert_eq!(
        ZSet::new(129, 1, Limits::DEFAULT).encoding_name(),
        "skiplist"
    );
    assert_eq!(
        ZSet::new(1, 65, Limits::DEFAULT).encoding_name(),
        "skiplist"
    );

    let mut z = ZSet::new(1, 1, Limits::DEFAULT);
    for i in 0..128 {
        add(&mut z, &format!("m{i}"), i as f64);
    }
    assert_eq!(z.encoding_name(), "listpack");
    // Updating a member never converts.
    add(&mut z, "m5", 1000.0);
    assert_eq!(z.encoding_name(), "listpack");
    add(&mut z, "m128", 1.0);
    assert_eq!(z.encoding_name(), "skiplist");
    assert_eq!(z.len(), 129);
    z.check();

    let mut z = ZSet::new(1, 1, Limits::DEFAULT);
    add(&mut z, "short", 1.0);
    add(&mut z, &"x".repeat(64), 1.0);
    assert!(z.is_listpack());
    add(&mut z, &"x".repeat(65), 1.0);
    assert!(!z.is_listpack());

    let mut z = ZSet::new(1, 1, Limits::DEFAULT);
    add(&mut z, "a", 1.0);
    z.maybe_convert(128, Limits::DEFAULT);
    assert!(z.is_listpack());
    z.maybe_convert(129, Limits::DEFAULT);
    assert!(!z.is_listpack());
    assert_eq!(members(&z), vec![("a".to_string(), 1.0)]);
}

#[test]
fn from_pairs_picks_the_encoding_by_size() {
    let pairs = |n: usize, len: usize| -> Vec<(Vec<u8>, f64)> {
        (0..n)
            .map(|i| (format!("{i:0len$}").into_bytes(), (n - i) as f64))
            .collect()
    };
    let z = ZSet::from_pairs(pairs(128, 64), Limits::DEFAULT);
    assert!(z.is_listpack());
    assert_eq!(z.first().unwrap().1, 1.0);
    assert!(!ZSet::from_pairs(pairs(129, 3), Limits::DEFAULT).is_listpack());
    assert!(!ZSet::from_pairs(pairs(3, 65), Limits::DEFAULT).is_listpack());
    let z = ZSet::from_pairs(pairs(500, 3), Limits::DEFAULT);
    z.check();
    assert_eq!(z.first().unwrap().0, b"499");
}

#[test]
fn add_flags_follow_zadd() {
    for mut z in both() {
        let f = |incr, nx, xx, gt, lt| AddFlags {
            incr,
            nx,
            xx,
            gt,
            lt,
        };
        let l = Limits::DEFAULT;
        assert_eq!(
            z.add(b"a", 1.0, f(false, false, true, false, false), l),
            AddOutcome::Skipped
        );
        assert_eq!(
            z.add(b"a", 1.0, AddFlags::default(), l),
            AddOutcome::Added(1.0)
        );
        assert_eq!(
            z.add(b"a", 1.0, AddFlags::default(), l),
            AddOutcome::Unchanged(1.0)
        );
        assert_eq!(
            z.add(b"a", 5.0, f(false, true, false, false, false), l),
            AddOutcome::Skipped
        );
        assert_eq!(
            z.add(b"a", 0.5, f(false, false, false, true, false), l),
            AddOutcome::Skipped
        );
        assert_eq!(
            z.add(b"a", 3.0, f(false, false, false, true, false), l),
            AddOutcome::Updated(3.0)
        );
        assert_eq!(
            z.add(b"a", 3.0, f(false, false, false, false, true), l),
            AddOutcome::Skipped
        );
        assert_eq!(
            z.add(b"a", 2.0, f(true, false, false, false, false), l),
            AddOutcome::Updated(5.0)
        );
        assert_eq!(
            z.add(b"a", 0.0, f(true, false, false, false, false), l),
            AddOutcome::Unchanged(5.0)
        );
        assert_eq!(
            z.add(b"a", -1.0, f(true, false, false, true, false), l),
            AddOutcome::Skipped
        );
        assert_eq!(
            z.add(b"b", f64::NAN, AddFlags::default(), l),
            AddOutcome::Nan
        );
        z.add(b"i", f64::INFINITY, AddFlags::default(), l);
        assert_eq!(
            z.add(
                b"i",
                f64::NEG_INFINITY,
                f(true, false, false, false, false),
                l
            ),
            AddOutcome::Nan
        );
        assert_eq!(z.score(b"i"), Some(f64::INFINITY));
        // GT/LT never stop a new member.
        assert_eq!(
            z.add(b"n", -9.0, f(false, false, false, true, false), l),
            AddOutcome::Added(-9.0)
        );
        z.check();
    }
}

#[test]
fn ranks_ranges_and_removal() {
    for mut z in both() {
        for (i, m) in ["a", "b", "c", "d", "e", "f"].iter().enumerate() {
            z.add(
                m.as_bytes(),
                (i / 2) as f64,
                AddFlags::default(),
                LISTPACK_ONLY,
            );
        }
        // a b | c d | e f with scores 0 0 1 1 2 2
        assert_eq!(z.rank(b"c", false), Some((2, 1.0)));
        assert_eq!(z.rank(b"c", true), Some((3, 1.0)));
        assert_eq!(z.rank(b"zz", false), None);
        assert_eq!(z.get_by_rank(5), Some((&b"f"[..], 2.0)));
        assert_eq!(z.get_by_rank(6), None);
        let rev: Vec<_> = z.iter_from(1, true).map(|(m, _)| m.to_vec()).collect();
        assert_eq!(
            rev,
            vec![
                b"e".to_vec(),
                b"d".to_vec(),
                b"c".to_vec(),
                b"b".to_vec(),
                b"a".to_vec()
            ]
        );
        let r = ScoreRange {
            min: 0.0,
            max: 2.0,
            minex: true,
            maxex: true,
        };
        assert_eq!(z.first_in_score_range(&r), Some(2));
        assert_eq!(z.last_in_score_range(&r), Some(3));
        assert_eq!(z.count_in_score_range(&r), 2);
        assert_eq!(z.count_in_score_range(&ScoreRange::inclusive(5.0, 1.0)), 0);
        let lex = LexRange {
            min: LexBound::Exclusive(b"a"),
            max: LexBound::Inclusive(b"b"),
        };
        assert_eq!(z.first_in_lex_range(&lex), Some(1));
        assert_eq!(z.count_in_lex_range(&lex), 1);
        assert_eq!(z.remove_score_range(&r), 2);
        assert_eq!(z.remove_rank_range(0, 0), 1);
        assert_eq!(
            z.remove_lex_range(&LexRange {
                min: LexBound::Min,
                max: LexBound::Inclusive(b"e")
            }),
            2
        );
        assert_eq!(members(&z), vec![("f".to_string(), 2.0)]);
        assert_eq!(z.pop(true), Some((b"f".to_vec(), 2.0)));
        assert!(z.is_empty());
        assert_eq!(z.pop(false), None);
        z.check();
    }
}

#[test]
fn skiplist_scan_returns_each_member_once() {
    let mut z = ZSet::new(1000, 1, Limits::DEFAULT);
    for i in 0..1000 {
        add(&mut z, &format!("m{i}"), (i % 7) as f64);
    }
    let mut seen = std::collections::HashSet::new();
    let mut cursor = 0;
    loop {
        cursor = z.scan(cursor, 10, |m, _| assert!(seen.insert(m.to_vec())));
        // Churn between calls: members added and removed must not disturb the others.
        add(&mut z, &format!("new{cursor}"), 1.0);
        z.remove(format!("new{cursor}").as_bytes());
        if cursor == 0 {
            break;
        }
    }
    assert_eq!(seen.len(), 1000);
}

#[test]
fn skiplist_survives_heavy_churn() {
    let mut z = ZSet::new(200, 1, Limits::DEFAULT);
    let mut rng = fastrand::Rng::with_seed(7);
    for _ in 0..20_000 {
        let m = format!("m{}", rng.usize(..300));
        match rng.u8(..4) {
            0 => {
                z.remove(m.as_bytes());
            }
            _ => {
                z.add(
                    m.as_bytes(),
                    rng.i32(-50..50) as f64,
                    AddFlags::default(),
                    SKIPLIST_ONLY,
                );
            }
        }
    }
    z.check();
    let n = z.len();
    assert_eq!(z.remove_rank_range(10, n - 10), n - 19);
    z.check();
}

#[test]
fn small_set_memory_is_compact() {
    let mut z = ZSet::new(1, 1, Limits::DEFAULT);
    for i in 0..100 {
        add(&mut z, &format!("member:{i}"), i as f64);
    }
    // About 1 + 9 + 1 bytes a pair; Redis's listpack needs 14 or more.
    assert!(z.footprint() <= 1400, "{}", z.footprint());
    for i in 0..100 {
        z.remove(format!("member:{i}").as_bytes());
    }
    assert_eq!(z.footprint(), 0);
    // No bigger than the list and hash types, so it never widens the keyspace's object box.
    assert!(std::mem::size_of::<ZSet>() <= 24);
}

/// A sorted-set model: the member map plus a sort on demand.
#[derive(Default)]
struct Model {
    map: BTreeMap<Vec<u8>, f64>,
}

impl Model {
    fn sorted(&self) -> Vec<(Vec<u8>, f64)> {
        let mut v: Vec<_> = self.map.iter().map(|(m, s)| (m.clone(), *s)).collect();
        v.sort_by(|a, b| a.1.partial_cmp(&b.1).unwrap().then_with(|| a.0.cmp(&b.0)));
        v
    }
}

#[derive(Clone, Debug)]
enum Op {
    Add(u8, f64, u8),
    Remove(u8),
    RemoveRanks(usize, usize),
    RemoveScores(f64, f64, bool, bool),
    Pop(bool),
}

fn score() -> impl Strategy<Value = f64> {
    prop_oneof![
        (-5i32..5).prop_map(|v| v as f64),
        (-20i32..20).prop_map(|v| v as f64 / 4.0),
        Just(f64::INFINITY),
        Just(f64::NEG_INFINITY),
        Just(0.1 + 0.2),
    ]
}

fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        6 => (any::<u8>(), score(), any::<u8>()).prop_map(|(m, s, f)| Op::Add(m % 40, s, f)),
        2 => any::<u8>().prop_map(|m| Op::Remove(m % 40)),
        1 => (0usize..40, 0usize..40).prop_map(|(a, b)| Op::RemoveRanks(a, b)),
        1 => (score(), score(), any::<bool>(), any::<bool>())
            .prop_map(|(a, b, x, y)| Op::RemoveScores(a, b, x, y)),
        1 => any::<bool>().prop_map(Op::Pop),
    ]
}

fn flags(f: u8) -> AddFlags {
    // Only the combinations ZADD accepts.
    match f % 7 {
        0 => AddFlags::default(),
        1 => AddFlags {
            nx: true,
            ..AddFlags::default()
        },
        2 => AddFlags {
            xx: true,
            ..AddFlags::default()
        },
        3 => AddFlags {
            gt: true,
            ..AddFlags::default()
        },
        4 => AddFlags {
            lt: true,
            xx: true,
            ..AddFlags::default()
        },
        5 => AddFlags {
            incr: true,
            ..AddFlags::default()
        },
        _ => AddFlags {
            incr: true,
            gt: true,
            ..AddFlags::default()
        },
    }
}

fn model_add(model: &mut Model, m: &[u8], s: f64, f: AddFlags) -> AddOutcome {
    match model.map.get(m).copied() {
        None if f.xx => AddOutcome::Skipped,
        None => {
            model.map.insert(m.to_vec(), s);
            AddOutcome::Added(s)
        }
        Some(_) if f.nx => AddOutcome::Skipped,
        Some(cur) => {
            let new = if f.incr { cur + s } else { s };
            if new.is_nan() {
                AddOutcome::Nan
            } else if (f.lt && new >= cur) || (f.gt && new <= cur) {
                AddOutcome::Skipped
            } else if new == cur {
                AddOutcome::Unchanged(new)
            } else {
                model.map.insert(m.to_vec(), new);
                AddOutcome::Updated(new)
            }
        }
    }
}

fn check_against(z: &ZSet, model: &Model) {
    z.check();
    let want = model.sorted();
    let got: Vec<_> = z.iter().map(|(m, s)| (m.to_vec(), s)).collect();
    assert_eq!(got, want);
    let n = want.len();
    let rev: Vec<_> = z
        .iter_from(n / 3, true)
        .map(|(m, s)| (m.to_vec(), s))
        .collect();
    let want_rev: Vec<_> = want.iter().rev().skip(n / 3).cloned().collect();
    assert_eq!(rev, want_rev);
    for (i, (m, s)) in want.iter().enumerate() {
        assert_eq!(z.rank(m, false), Some((i, *s)));
        assert_eq!(z.rank(m, true), Some((n - 1 - i, *s)));
        assert_eq!(z.get_by_rank(i), Some((&m[..], *s)));
    }
    for (min, max) in [
        (-1.0, 1.0),
        (0.0, 0.0),
        (f64::NEG_INFINITY, 0.5),
        (2.0, f64::INFINITY),
    ] {
        for (minex, maxex) in [(false, false), (true, false), (false, true), (true, true)] {
            let r = ScoreRange {
                min,
                max,
                minex,
                maxex,
            };
            let inside: Vec<usize> = (0..n).filter(|&i| r.contains(want[i].1)).collect();
            assert_eq!(z.first_in_score_range(&r), inside.first().copied());
            assert_eq!(z.last_in_score_range(&r), inside.last().copied());
            assert_eq!(z.count_in_score_range(&r), inside.len());
        }
    }
}

fn apply(z: &mut ZSet, model: &mut Model, op: &Op, limits: Limits) {
    match op {
        Op::Add(m, s, f) => {
            let m = format!("m{m}").into_bytes();
            let f = flags(*f);
            assert_eq!(z.add(&m, *s, f, limits), model_add(model, &m, *s, f));
        }
        Op::Remove(m) => {
            let m = format!("m{m}").into_bytes();
            assert_eq!(z.remove(&m), model.map.remove(&m).is_some());
        }
        Op::RemoveRanks(a, b) => {
            let sorted = model.sorted();
            let removed = z.remove_rank_range(*a, *b);
            let gone: Vec<_> = sorted
                .iter()
                .enumerate()
                .filter(|(i, _)| i >= a && i <= b)
                .collect();
            assert_eq!(removed, gone.len());
            for (_, (m, _)) in gone {
                model.map.remove(m);
            }
        }
        Op::RemoveScores(min, max, minex, maxex) => {
            let r = ScoreRange {
                min: *min,
                max: *max,
                minex: *minex,
                maxex: *maxex,
            };
            let before = model.map.len();
            model.map.retain(|_, s| !r.contains(*s));
            assert_eq!(z.remove_score_range(&r), before - model.map.len());
        }
        Op::Pop(max) => {
            let sorted = model.sorted();
            let want = if *max { sorted.last() } else { sorted.first() }.cloned();
            if let Some((m, _)) = &want {
                model.map.remove(m);
            }
            assert_eq!(z.pop(*max), want);
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    /// Both encodings (and the default limits, which switch between them mid-sequence) behave
    /// like the model for any sequence of writes.
    #[test]
    fn encodings_behave_identically(ops in proptest::collection::vec(op(), 1..120)) {
        let mut sets = [
            (ZSet::new(1, 1, LISTPACK_ONLY), LISTPACK_ONLY),
            (ZSet::new(1, 1, SKIPLIST_ONLY), SKIPLIST_ONLY),
            (ZSet::new(1, 1, Limits { max_entries: 8, max_value: 64 }), Limits { max_entries: 8, max_value: 64 }),
        ];
        for (z, limits) in sets.iter_mut() {
            let mut model = Model::default();
            for op in &ops {
                apply(z, &mut model, op, *limits);
            }
            check_against(z, &model);
        }
    }

    /// With equal scores, lexicographic ranges agree between the encodings and the model.
    #[test]
    fn lex_ranges_agree(
        names in proptest::collection::btree_set("[a-e]{0,3}", 0..30),
        bounds in proptest::collection::vec(("[-+(\\[]", "[a-e]{0,3}"), 2),
    ) {
        let mut lp = ZSet::new(1, 1, LISTPACK_ONLY);
        let mut sl = ZSet::new(1, 1, SKIPLIST_ONLY);
        for n in &names {
            lp.add(n.as_bytes(), 0.0, AddFlags::default(), LISTPACK_ONLY);
            sl.add(n.as_bytes(), 0.0, AddFlags::default(), SKIPLIST_ONLY);
        }
        fn bound((kind, v): &(String, String)) -> LexBound<'_> {
            match kind.as_str() {
                "-" => LexBound::Min,
                "+" => LexBound::Max,
                "(" => LexBound::Exclusive(v.as_bytes()),
                _ => LexBound::Inclusive(v.as_bytes()),
            }
        }
        let r = LexRange { min: bound(&bounds[0]), max: bound(&bounds[1]) };
        let sorted: Vec<&String> = names.iter().collect();
        let inside: Vec<usize> = (0..sorted.len()).filter(|&i| r.contains(sorted[i].as_bytes())).collect();
        for z in [&mut lp, &mut sl] {
            prop_assert_eq!(z.first_in_lex_range(&r), inside.first().copied());
            prop_assert_eq!(z.last_in_lex_range(&r), inside.last().copied());
            prop_assert_eq!(z.count_in_lex_range(&r), inside.len());
            prop_assert_eq!(z.remove_lex_range(&r), inside.len());
            z.check();
            prop_assert_eq!(z.len(), names.len() - inside.len());
        }
    }
}
