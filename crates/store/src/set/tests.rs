use std::collections::BTreeSet;

use proptest::prelude::*;

use super::*;

const REDIS: SetLimits = SetLimits {
    intset_entries: 512,
    listpack_entries: 128,
    listpack_value: 64,
};

/// Limits under which every set is a hashtable from its first member on.
const NONE: SetLimits = SetLimits {
    intset_entries: 0,
    listpack_entries: 0,
    listpack_value: 0,
};

fn members(s: &Set) -> BTreeSet<Vec<u8>> {
    s.iter().map(Member::to_vec).collect()
}

fn build(items: &[&str], lim: SetLimits) -> Set {
    let mut s = Set::create(items[0].as_bytes(), items.len(), lim);
    for m in items {
        s.add(m.as_bytes(), lim);
    }
    s
}

#[test]
fn intset_widths_grow_and_stay_sorted() {
    let mut is = Intset::new();
    assert!(is.insert(5));
    assert!(is.insert(-3));
    assert!(!is.insert(5));
    assert_eq!(is.encoding_width(), 2);
    assert!(is.insert(70_000));
    assert_eq!(is.encoding_width(), 4);
    assert!(is.insert(i64::MIN));
    assert_eq!(is.encoding_width(), 8);
    assert!(is.insert(i64::MAX));
    let all: Vec<i64> = (0..is.len()).map(|i| is.get(i)).collect();
    assert_eq!(all, vec![i64::MIN, -3, 5, 70_000, i64::MAX]);
    assert!(is.contains(70_000));
    assert!(!is.contains(6));
    assert!(is.remove(-3));
    assert!(!is.remove(-3));
    assert_eq!(is.len(), 4);
    // Never downgraded, like Redis.
    assert!(is.remove(i64::MIN) && is.remove(i64::MAX));
    assert_eq!(is.encoding_width(), 8);
    assert_eq!(is.bytes(), 1 + 1 + 2 * 8);
}

#[test]
fn intset_of_50_small_integers_is_102_bytes() {
    let mut s = Set::new_intset();
    for v in 0..50 {
        s.add_int(v * 7, REDIS);
    }
    assert_eq!(s.encoding(), Encoding::Intset);
    // Length prefix, width byte, 50 two-byte integers (Redis: an 8-byte header, then the same).
    assert_eq!(s.footprint(), 102);
    assert_eq!(std::mem::size_of::<Set>(), 16);
    // The encoding tag leaves room for the Object enum's own tag.
    assert_eq!(std::mem::size_of::<Option<Set>>(), 16);
}

#[test]
fn add_many_matches_one_by_one() {
    let lim = SetLimits {
        intset_entries: 5,
        ..REDIS
    };
    for batch in [
        &["3", "1", "2", "1"][..],
        &["1", "2", "3", "4", "5", "6"],
        &["1", "a", "2"],
        &["70000", "-1", "9223372036854775807"],
    ] {
        let mut a = Set::new_intset();
        a.add(b"2", lim);
        let mut b = a.clone();
        let members: Vec<&[u8]> = batch.iter().map(|m| m.as_bytes()).collect();
        let added = a.add_many(&members, lim);
        let one_by_one = members.iter().filter(|m| b.add(m, lim)).count();
        assert_eq!(added, one_by_one, "{batch:?}");
        assert_eq!(a.encoding(), b.encoding(), "{batch:?}");
        let av: Vec<Vec<u8>> = a.iter().map(Member::to_vec).collect();
        let bv: Vec<Vec<u8>> = b.iter().map(Member::to_vec).collect();
        assert_eq!(members_sorted(av), members_sorted(bv));
    }
}

fn members_sorted(mut v: Vec<Vec<u8>>) -> Vec<Vec<u8>> {
    v.sort();
    v
}

#[test]
fn create_follows_first_member_and_size_hint() {
    assert_eq!(Set::create(b"1", 1, REDIS).encoding(), Encoding::Intset);
    assert_eq!(Set::create(b"a", 1, REDIS).encoding(), Encoding::Listpack);
    assert_eq!(Set::create(b"1", 512, REDIS).encoding(), Encoding::Intset);
    assert_eq!(
        Set::create(b"1", 513, REDIS).encoding(),
        Encoding::Hashtable
    );
    assert_eq!(Set::create(b"a", 128, REDIS).encoding(), Encoding::Listpack);
    assert_eq!(
        Set::create(b"a", 129, REDIS).encoding(),
        Encoding::Hashtable
    );
    // "01" is not an integer for Redis.
    assert_eq!(Set::create(b"01", 1, REDIS).encoding(), Encoding::Listpack);
}

#[test]
fn conversions_at_redis_boundaries() {
    let ints: Vec<String> = (1..=512).map(|i| i.to_string()).collect();
    let refs: Vec<&str> = ints.iter().map(String::as_str).collect();
    let mut s = build(&refs, REDIS);
    assert_eq!(s.encoding(), Encoding::Intset);
    s.add(b"513", REDIS);
    assert_eq!(s.encoding(), Encoding::Hashtable);

    // Intset to listpack needs fewer than 128 members.
    let mut s = build(&refs[..127], REDIS);
    s.add(b"a", REDIS);
    assert_eq!(s.encoding(), Encoding::Listpack);
    let mut s = build(&refs[..128], REDIS);
    s.add(b"a", REDIS);
    assert_eq!(s.encoding(), Encoding::Hashtable);

    // Member length: 64 fits, 65 does not.
    let mut s = build(&["x"], REDIS);
    s.add(&[b'a'; 64], REDIS);
    assert_eq!(s.encoding(), Encoding::Listpack);
    s.add(&[b'a'; 65], REDIS);
    assert_eq!(s.encoding(), Encoding::Hashtable);

    // Integers wider than the value limit block intset -> listpack.
    let lim = SetLimits {
        listpack_value: 3,
        ..REDIS
    };
    let mut s = build(&["1000"], lim);
    s.add(b"a", lim);
    assert_eq!(s.encoding(), Encoding::Hashtable);
    let mut s = build(&["-99"], lim);
    s.add(b"a", lim);
    assert_eq!(s.encoding(), Encoding::Listpack);

    // A listpack full of entries takes no more.
    let mut s = Set::new_listpack();
    for i in 0..128 {
        s.add(format!("m{i}").as_bytes(), REDIS);
    }
    assert_eq!(s.encoding(), Encoding::Listpack);
    assert!(!s.add(b"m5", REDIS));
    assert_eq!(s.encoding(), Encoding::Listpack);
    s.add(b"new", REDIS);
    assert_eq!(s.encoding(), Encoding::Hashtable);
    assert_eq!(s.len(), 129);
}

#[test]
fn reserve_for_converts_on_hint_alone() {
    let mut s = build(&["a"], REDIS);
    s.reserve_for(128, REDIS);
    assert_eq!(s.encoding(), Encoding::Listpack);
    s.reserve_for(129, REDIS);
    assert_eq!(s.encoding(), Encoding::Hashtable);
    let mut s = build(&["1"], REDIS);
    s.reserve_for(513, REDIS);
    assert_eq!(s.encoding(), Encoding::Hashtable);
    assert_eq!(members(&s), BTreeSet::from([b"1".to_vec()]));
}

#[test]
fn convert_to_intset_if_small() {
    let mut s = Set::new_hashtable(4);
    for m in ["3", "-1", "2"] {
        s.add(m.as_bytes(), REDIS);
    }
    s.convert_to_intset_if_small(REDIS);
    assert_eq!(s.encoding(), Encoding::Intset);
    let v: Vec<i64> = s.iter().map(|m| m.as_int().unwrap()).collect();
    assert_eq!(v, vec![-1, 2, 3]);
    let mut s = build(&["1", "a"], REDIS);
    s.convert_to_intset_if_small(REDIS);
    assert_eq!(s.encoding(), Encoding::Listpack);
}

#[test]
fn table_grows_shrinks_and_keeps_members() {
    let mut s = Set::new_hashtable(0);
    for i in 0..5000 {
        assert!(s.add(format!("k{i}").as_bytes(), NONE));
    }
    assert_eq!(s.len(), 5000);
    for i in 0..5000 {
        assert!(s.contains(format!("k{i}").as_bytes()));
    }
    for i in 0..4990 {
        assert!(s.remove(format!("k{i}").as_bytes()));
        assert!(!s.contains(format!("k{i}").as_bytes()));
    }
    let left: BTreeSet<Vec<u8>> = (4990..5000).map(|i| format!("k{i}").into_bytes()).collect();
    assert_eq!(members(&s), left);
    assert!(s.footprint() < 1000);
}

#[test]
fn binary_and_empty_members() {
    for lim in [REDIS, NONE] {
        let mut s = Set::create(b"", 1, lim);
        assert!(s.add(b"", lim));
        assert!(s.add(b"\x00\xff\r\n", lim));
        assert!(!s.add(b"", lim));
        assert!(s.contains(b"\x00\xff\r\n"));
        assert!(s.remove(b""));
        assert_eq!(members(&s), BTreeSet::from([b"\x00\xff\r\n".to_vec()]));
    }
}

#[test]
fn random_choices_are_members_and_distinct() {
    for lim in [REDIS, NONE] {
        let mut s = build(&["1", "2", "3", "4", "5", "6", "7", "8", "9", "10"], lim);
        for k in 0..=12 {
            let picked: Vec<Vec<u8>> = s
                .random_distinct(k)
                .into_iter()
                .map(Member::to_vec)
                .collect();
            let unique: BTreeSet<Vec<u8>> = picked.iter().cloned().collect();
            assert_eq!(picked.len(), k.min(10));
            assert_eq!(unique.len(), picked.len());
            assert!(unique.is_subset(&members(&s)));
        }
        let all = members(&s);
        let mut popped = BTreeSet::new();
        while !s.is_empty() {
            popped.insert(s.pop_random());
        }
        assert_eq!(popped, all);
    }
}

#[test]
fn scan_of_compact_sets_is_one_step() {
    let s = build(&["1", "2"], REDIS);
    let mut seen = Vec::new();
    assert_eq!(s.scan(12345, &mut |m| seen.push(m.to_vec())), 0);
    assert_eq!(seen, vec![b"1".to_vec(), b"2".to_vec()]);
}

#[derive(Clone, Debug)]
enum Op {
    Add(String),
    AddMany(Vec<String>),
    Remove(String),
    Pop,
}

fn member() -> impl Strategy<Value = String> {
    prop_oneof![
        (-40i64..40).prop_map(|v| v.to_string()),
        prop_oneof![
            Just(i64::MIN),
            Just(i64::MAX),
            Just(70_000i64),
            Just(-3_000_000_000i64)
        ]
        .prop_map(|v| v.to_string()),
        "[a-c]{0,3}",
        "x{60,70}",
        Just("01".to_string()),
        Just("-0".to_string()),
    ]
}

fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        6 => member().prop_map(Op::Add),
        2 => proptest::collection::vec(member(), 1..12).prop_map(Op::AddMany),
        3 => member().prop_map(Op::Remove),
        1 => Just(Op::Pop),
    ]
}

fn small_limits() -> impl Strategy<Value = SetLimits> {
    (0usize..20, 0usize..20, 0usize..70).prop_map(|(i, l, v)| SetLimits {
        intset_entries: i,
        listpack_entries: l,
        listpack_value: v,
    })
}

proptest! {
    /// Compact and full encodings behave identically: the same operations on a set under
    /// small limits (which converts back and forth through every encoding) and on one that is a
    /// hashtable from the start give the same replies and members as a model.
    #[test]
    fn encodings_agree(ops in proptest::collection::vec(op(), 1..200), lim in small_limits()) {
        let mut compact = Set::new_intset();
        let mut full = Set::new_hashtable(0);
        let mut model = BTreeSet::new();
        for op in ops {
            match op {
                Op::Add(m) => {
                    let a = compact.add(m.as_bytes(), lim);
                    let b = full.add(m.as_bytes(), NONE);
                    let c = model.insert(m.clone().into_bytes());
                    prop_assert_eq!(a, c);
                    prop_assert_eq!(b, c);
                }
                Op::AddMany(ms) => {
                    let refs: Vec<&[u8]> = ms.iter().map(|m| m.as_bytes()).collect();
                    let a = compact.add_many(&refs, lim);
                    let b = full.add_many(&refs, NONE);
                    let c = ms.iter().filter(|m| model.insert(m.as_bytes().to_vec())).count();
                    prop_assert_eq!(a, c);
                    prop_assert_eq!(b, c);
                }
                Op::Remove(m) => {
                    let a = compact.remove(m.as_bytes());
                    let b = full.remove(m.as_bytes());
                    let c = model.remove(m.as_bytes());
                    prop_assert_eq!(a, c);
                    prop_assert_eq!(b, c);
                }
                Op::Pop => {
                    if !model.is_empty() {
                        let m = compact.pop_random();
                        prop_assert!(model.remove(&m));
                        prop_assert!(full.remove(&m));
                    }
                }
            }
            prop_assert_eq!(compact.len(), model.len());
            prop_assert_eq!(full.len(), model.len());
            // The encoding matches what Redis would hold at this size and content.
            let all_ints = model.iter().all(|m| string2ll(m).is_some());
            if compact.encoding() == Encoding::Intset {
                prop_assert!(all_ints && model.len() <= lim.intset_entries);
                let v: Vec<i64> = compact.iter().map(|m| m.as_int().unwrap()).collect();
                let mut sorted = v.clone();
                sorted.sort();
                prop_assert_eq!(v, sorted);
            }
            if compact.encoding() == Encoding::Listpack {
                prop_assert!(model.len() <= lim.listpack_entries);
                prop_assert!(model.iter().all(|m| m.len() <= lim.listpack_value));
            }
        }
        prop_assert_eq!(members(&compact), model.clone());
        prop_assert_eq!(members(&full), model.clone());
        for m in &model {
            prop_assert!(compact.contains(m));
            prop_assert!(full.contains(m));
        }
    }

    /// A full SSCAN returns every member present for the whole scan at least once, even when
    /// the table grows or shrinks between steps.
    #[test]
    fn scan_survives_resizes(
        initial in proptest::collection::btree_set("[a-z]{1,6}", 1..300),
        churn in proptest::collection::vec(("[a-z]{1,6}", any::<bool>()), 0..400),
    ) {
        let mut s = Set::new_hashtable(0);
        for m in &initial {
            s.add(m.as_bytes(), NONE);
        }
        // Members that are never removed must all be seen.
        let removed: BTreeSet<&String> = churn.iter().filter(|(_, add)| !add).map(|(m, _)| m).collect();
        let stable: BTreeSet<Vec<u8>> = initial
            .iter()
            .filter(|m| !removed.contains(m))
            .map(|m| m.clone().into_bytes())
            .collect();
        let mut seen = BTreeSet::new();
        let mut cursor = 0u64;
        let mut churn = churn.into_iter();
        let mut steps = 0;
        loop {
            cursor = s.scan(cursor, &mut |m| { seen.insert(m.to_vec()); });
            steps += 1;
            prop_assert!(steps < 100_000);
            if cursor == 0 {
                break;
            }
            for (m, add) in churn.by_ref().take(7) {
                if add { s.add(m.as_bytes(), NONE); } else { s.remove(m.as_bytes()); }
            }
        }
        prop_assert!(stable.is_subset(&seen));
    }
}
