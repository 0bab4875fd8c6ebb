use std::collections::BTreeMap;

use proptest::prelude::*;

use super::*;

const BIG: Limits = Limits {
    max_entries: usize::MAX,
    max_value: usize::MAX,
};

fn sorted(h: &Hash) -> Vec<(Vec<u8>, Vec<u8>, Option<u64>)> {
    let mut v: Vec<_> = h
        .iter_with_ttl()
        .map(|(f, v, t)| (f.to_vec(), v.to_vec(), t))
        .collect();
    v.sort();
    v
}

#[test]
fn compact_basics() {
    let mut h = Hash::new();
    assert_eq!(h.encoding_name(), "listpack");
    assert!(h.insert(b"a", b"1", false, BIG));
    assert!(h.insert(b"b", b"", false, BIG));
    assert!(!h.insert(b"a", b"22", false, BIG));
    assert_eq!(h.len(), 2);
    assert_eq!(h.get(b"a"), Some(&b"22"[..]));
    assert_eq!(h.get(b"b"), Some(&b""[..]));
    assert_eq!(h.get(b"c"), None);
    assert!(h.remove(b"a"));
    assert!(!h.remove(b"a"));
    assert_eq!(h.len(), 1);
    let pairs: Vec<_> = h.iter().collect();
    assert_eq!(pairs, vec![(&b"b"[..], &b""[..])]);
}

#[test]
fn conversion_thresholds() {
    let limits = Limits {
        max_entries: 2,
        max_value: 3,
    };
    let mut h = Hash::new();
    h.insert(b"a", b"123", false, limits);
    h.insert(b"b", b"1", false, limits);
    assert_eq!(h.encoding_name(), "listpack");
    h.insert(b"c", b"1", false, limits);
    assert_eq!(h.encoding_name(), "hashtable");
    h.remove(b"c");
    h.remove(b"b");
    assert_eq!(h.encoding_name(), "hashtable", "never converts back");

    let mut h = Hash::new();
    h.insert(b"a", b"1234", false, limits);
    assert_eq!(h.encoding_name(), "hashtable");
    let mut h = Hash::new();
    h.insert(b"abcd", b"1", false, limits);
    assert_eq!(h.encoding_name(), "hashtable");

    let mut h = Hash::new();
    h.prepare_write(3, [1, 1, 1, 1, 1, 1], limits);
    assert_eq!(h.encoding_name(), "hashtable");
    let mut h = Hash::new();
    h.prepare_write(2, [1, 4], limits);
    assert_eq!(h.encoding_name(), "hashtable");
    let mut h = Hash::new();
    h.prepare_write(2, [3, 3, 3, 3], limits);
    assert_eq!(h.encoding_name(), "listpack");
}

#[test]
fn field_ttls_move_a_compact_hash_to_the_table() {
    for table in [false, true] {
        let mut h = if table {
            Hash::new_table()
        } else {
            Hash::new()
        };
        h.insert(b"a", b"1", false, BIG);
        h.insert(b"b", b"2", false, BIG);
        assert_eq!(h.ttl(b"a"), Some(None));
        assert_eq!(h.ttl(b"x"), None);
        // Clearing a TTL that is not there, or a TTL for a missing field, converts nothing.
        assert!(h.set_ttl(b"a", None));
        assert!(!h.set_ttl(b"x", Some(100)));
        assert!(!h.has_field_ttls());
        assert_eq!(h.is_compact(), !table);
        assert!(h.set_ttl(b"a", Some(100)));
        assert_eq!(h.encoding_name(), "hashtable");
        let order: Vec<_> = h.iter().map(|(f, _)| f.to_vec()).collect();
        assert_eq!(order, [b"a".to_vec(), b"b".to_vec()]);
        assert_eq!(h.ttl(b"a"), Some(Some(100)));
        assert!(h.has_field_ttls());
        assert_eq!(h.next_field_expiry(), Some(100));
        // Overwrite keeps or drops the TTL.
        h.insert(b"a", b"3", true, BIG);
        assert_eq!(h.ttl(b"a"), Some(Some(100)));
        h.insert(b"a", b"4", false, BIG);
        assert_eq!(h.ttl(b"a"), Some(None));
        assert!(!h.has_field_ttls());
        h.set_ttl(b"a", Some(100));
        h.set_ttl(b"b", Some(200));
        assert!(!h.has_expired_fields(100));
        assert!(h.has_expired_fields(101));
        assert_eq!(h.purge(101), 1);
        assert_eq!(h.get(b"a"), None);
        assert_eq!(h.len(), 1);
        assert_eq!(h.next_field_expiry(), Some(200));
        assert!(h.set_ttl(b"b", None));
        assert!(!h.has_field_ttls());
        assert_eq!(h.purge(1000), 0);
        assert_eq!(h.get(b"b"), Some(&b"2"[..]));
    }
}

#[test]
fn overwrites_in_place_and_resized_keep_neighbours() {
    let mut h = Hash::new();
    h.insert(b"a", b"11", false, BIG);
    h.insert(b"b", b"22", false, BIG);
    h.insert(b"c", b"33", false, BIG);
    assert!(!h.insert(b"b", b"xy", false, BIG));
    assert_eq!(
        h.insert_pairs(2, |i| [(&b"c"[..], &b"zz"[..]), (b"a", b"q")][i], BIG),
        0
    );
    let got: Vec<_> = h.iter().collect();
    assert_eq!(
        got,
        vec![(&b"a"[..], &b"q"[..]), (b"b", b"xy"), (b"c", b"zz")]
    );
    // A longer and a shorter value are re-encoded without disturbing the neighbours.
    h.insert(b"b", b"uvw", false, BIG);
    h.insert(b"a", b"", false, BIG);
    assert!(h.is_compact());
    let got: Vec<_> = h.iter().collect();
    assert_eq!(
        got,
        vec![(&b"a"[..], &b""[..]), (b"b", b"uvw"), (b"c", b"zz")]
    );
    assert_eq!(
        (h.ttl(b"a"), h.ttl(b"c"), h.ttl(b"x"), h.len()),
        (Some(None), Some(None), None, 3)
    );
}

#[test]
fn conversion_keeps_ttls() {
    let mut h = Hash::new();
    h.insert(b"a", b"1", false, BIG);
    h.set_ttl(b"a", Some(5000));
    h.convert_to_table(0);
    assert_eq!(h.encoding_name(), "hashtable");
    assert_eq!(h.ttl(b"a"), Some(Some(5000)));
    assert_eq!(h.next_field_expiry(), Some(5000));
}

#[test]
fn table_scan_visits_everything_despite_removals() {
    let mut h = Hash::new_table();
    for i in 0..100u32 {
        h.insert(format!("f{i}").as_bytes(), b"v", false, BIG);
    }
    let mut seen = std::collections::HashSet::new();
    let mut cursor = 0;
    let mut step = 0;
    loop {
        cursor = h.scan(cursor, 7, |f, _| {
            seen.insert(f.to_vec());
        });
        // Remove some fields already returned: must not make the scan skip others.
        step += 1;
        if step % 2 == 0 {
            let victim = format!("f{}", 99 - step);
            if seen.contains(victim.as_bytes()) {
                h.remove(victim.as_bytes());
            }
        }
        if cursor == 0 {
            break;
        }
    }
    for (f, _) in h.iter() {
        assert!(seen.contains(f), "{:?} missed", String::from_utf8_lossy(f));
    }
}

#[derive(Clone, Debug)]
enum Op {
    Insert(u8, Vec<u8>, bool),
    Pairs(Vec<(u8, Vec<u8>)>),
    Remove(u8),
    SetTtl(u8, Option<u64>),
    Purge(u64),
}

fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        4 => (0u8..12, proptest::collection::vec(any::<u8>(), 0..6), any::<bool>())
            .prop_map(|(f, v, k)| Op::Insert(f, v, k)),
        2 => (0u8..12).prop_map(Op::Remove),
        2 => proptest::collection::vec((0u8..12, proptest::collection::vec(any::<u8>(), 0..4)), 0..5)
            .prop_map(Op::Pairs),
        2 => (0u8..12, proptest::option::of(1u64..50)).prop_map(|(f, t)| Op::SetTtl(f, t)),
        1 => (0u64..60).prop_map(Op::Purge),
    ]
}

fn field(f: u8) -> Vec<u8> {
    // A few fields longer than one varint byte's worth, and binary ones.
    match f {
        10 => vec![b'x'; 200],
        11 => vec![0, 255, 13, 10],
        _ => vec![b'f', f],
    }
}

proptest! {
    /// The compact and the full encoding behave identically, and like a plain map.
    #[test]
    fn encodings_agree(ops in proptest::collection::vec(op(), 0..80)) {
        let mut pack = Hash::new();
        let mut table = Hash::new_table();
        let mut model: BTreeMap<Vec<u8>, (Vec<u8>, Option<u64>)> = BTreeMap::new();
        for op in ops {
            match op {
                Op::Insert(f, v, keep) => {
                    let f = field(f);
                    let a = pack.insert(&f, &v, keep, BIG);
                    let b = table.insert(&f, &v, keep, BIG);
                    let old = model.get(&f).and_then(|(_, t)| *t);
                    let m = model.insert(f, (v, if keep { old } else { None })).is_none();
                    prop_assert_eq!(a, m);
                    prop_assert_eq!(b, m);
                }
                Op::Pairs(pairs) => {
                    let owned: Vec<(Vec<u8>, Vec<u8>)> =
                        pairs.into_iter().map(|(f, v)| (field(f), v)).collect();
                    let refs: Vec<(&[u8], &[u8])> =
                        owned.iter().map(|(f, v)| (&f[..], &v[..])).collect();
                    let before = model.len();
                    for (f, v) in &owned {
                        model.insert(f.clone(), (v.clone(), None));
                    }
                    let m = model.len() - before;
                    prop_assert_eq!(pack.insert_pairs(refs.len(), |i| refs[i], BIG), m);
                    prop_assert_eq!(table.insert_pairs(refs.len(), |i| refs[i], BIG), m);
                }
                Op::Remove(f) => {
                    let f = field(f);
                    let m = model.remove(&f).is_some();
                    prop_assert_eq!(pack.remove(&f), m);
                    prop_assert_eq!(table.remove(&f), m);
                }
                Op::SetTtl(f, t) => {
                    let f = field(f);
                    let m = match model.get_mut(&f) {
                        Some(e) => { e.1 = t; true }
                        None => false,
                    };
                    prop_assert_eq!(pack.set_ttl(&f, t), m);
                    // A TTL given to a field moves the hash to the full encoding.
                    prop_assert!(!(m && t.is_some() && pack.is_compact()));
                    prop_assert_eq!(table.set_ttl(&f, t), m);
                }
                Op::Purge(now) => {
                    let before = model.len();
                    model.retain(|_, (_, t)| t.is_none_or(|t| now <= t));
                    let m = before - model.len();
                    // The compact hash holds no TTLs (a TTL converts it); the full encoding
                    // keeps a lower bound: it may say yes spuriously, never no.
                    if pack.is_compact() {
                        prop_assert!(!pack.has_expired_fields(now) && m == 0);
                    }
                    prop_assert!(pack.has_expired_fields(now) || m == 0);
                    prop_assert!(table.has_expired_fields(now) || m == 0);
                    prop_assert_eq!(pack.purge(now), m);
                    prop_assert_eq!(table.purge(now), m);
                }
            }
            let want: Vec<_> = model
                .iter()
                .map(|(f, (v, t))| (f.clone(), v.clone(), *t))
                .collect();
            prop_assert_eq!(&sorted(&pack), &want);
            prop_assert_eq!(&sorted(&table), &want);
            prop_assert_eq!(pack.len(), model.len());
            prop_assert_eq!(table.len(), model.len());
            for f in 0..12 {
                let f = field(f);
                let m = model.get(&f);
                prop_assert_eq!(pack.get(&f), m.map(|(v, _)| &v[..]));
                prop_assert_eq!(table.get(&f), m.map(|(v, _)| &v[..]));
                prop_assert_eq!(pack.ttl(&f), m.map(|(_, t)| *t));
                prop_assert_eq!(table.ttl(&f), m.map(|(_, t)| *t));
            }
            let min = model.values().filter_map(|(_, t)| *t).min();
            prop_assert_eq!(pack.next_field_expiry(), min);
            prop_assert_eq!(table.next_field_expiry(), min);
            prop_assert_eq!(table.has_field_ttls(), min.is_some());
        }
        // Converting the compact one at the end preserves everything.
        pack.convert_to_table(0);
        prop_assert_eq!(sorted(&pack), sorted(&table));
    }
}
