use proptest::prelude::*;

use super::*;

fn empty_dense() -> Vec<u8> {
    let mut v = new_sparse();
    to_dense(&mut v).expect("a fresh sketch is valid");
    v
}

fn registers(v: &[u8]) -> Vec<u8> {
    let mut d = v.to_vec();
    to_dense(&mut d).expect("valid sketch");
    (0..REGISTERS)
        .map(|i| dense_get(&d[HEADER_LEN..], i))
        .collect()
}

#[test]
fn empty_sketch_bytes() {
    let v = new_sparse();
    let mut want = b"HYLL\x01".to_vec();
    want.extend_from_slice(&[0; 11]);
    want.extend_from_slice(&[0x7f, 0xff]);
    assert_eq!(v, want);
    assert!(is_valid(&v));
    assert_eq!(cached_count(&v), Some(0));
    assert_eq!(count(&v), Ok(0));
    assert_eq!(decode_sparse(&v), "Z:16384");
}

#[test]
fn hash_and_pattern_match_redis() {
    // Redis 7 places a, b and c (PFADD h a b c) at registers 8436, 12711 and 15780.
    let mut got: Vec<(usize, u8)> = [&b"a"[..], b"b", b"c"].iter().map(|e| pattern(e)).collect();
    got.sort();
    assert_eq!(got, vec![(8436, 1), (12711, 2), (15780, 1)]);
    let mut v = new_sparse();
    for e in [&b"a"[..], b"b", b"c"] {
        assert_eq!(add(&mut v, e, 3000), Ok(true));
    }
    assert_eq!(
        decode_sparse(&v),
        "Z:8436 v:1,1 Z:4274 v:2,1 Z:3068 v:1,1 Z:603"
    );
    assert_eq!(count(&v), Ok(3));
    // Known MurmurHash64A values for the tail lengths 0..8 and one full word.
    assert_eq!(murmur64a(b"", 0), 0);
    assert_ne!(murmur64a(b"abcdefgh", SEED), murmur64a(b"abcdefgi", SEED));
}

#[test]
fn validity_rules() {
    let mut v = new_sparse();
    assert!(is_valid(&v));
    v[4] = 2;
    assert!(!is_valid(&v));
    assert!(!is_valid(b"HYLL"));
    assert!(!is_valid(b"HYLX\x01\0\0\0\0\0\0\0\0\0\0\0"));
    // A dense sketch must be exactly 12304 bytes; a sparse one may be of any length.
    let d = empty_dense();
    assert_eq!(d.len(), 12304);
    assert!(is_valid(&d));
    assert!(!is_valid(&d[..d.len() - 1]));
    assert!(is_valid(b"HYLL\x01\0\0\0\0\0\0\0\0\0\0\0"));
}

#[test]
fn dense_registers_round_trip_without_touching_neighbours() {
    let mut regs = vec![0u8; DENSE_LEN - HEADER_LEN];
    let mut want = vec![0u8; REGISTERS];
    let mut rng = 12345u64;
    for _ in 0..3 {
        for (i, w) in want.iter_mut().enumerate() {
            rng = rng
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            let r = (rng >> 58) as u8;
            *w = r;
            dense_set(&mut regs, i, r);
        }
        for (i, w) in want.iter().enumerate() {
            assert_eq!(dense_get(&regs, i), *w, "register {i}");
        }
    }
}

#[test]
fn cache_flag_keeps_the_old_bytes() {
    let mut v = new_sparse();
    set_cached_count(&mut v, 0x0102);
    assert_eq!(cached_count(&v), Some(0x0102));
    invalidate_cache(&mut v);
    assert_eq!(cached_count(&v), None);
    assert_eq!(&v[8..16], &[2, 1, 0, 0, 0, 0, 0, 0x80]);
}

#[test]
fn big_register_values_promote_to_dense() {
    let mut v = new_sparse();
    assert_eq!(raise(&mut v, 5, 32, 3000), Ok(true));
    assert!(!is_dense(&v));
    assert_eq!(raise(&mut v, 6, 33, 3000), Ok(true));
    assert!(is_dense(&v));
    assert_eq!(v.len(), DENSE_LEN);
    assert_eq!(dense_get(&v[HEADER_LEN..], 5), 32);
    assert_eq!(dense_get(&v[HEADER_LEN..], 6), 33);
    assert_eq!(raise(&mut v, 6, 20, 3000), Ok(false));
}

#[test]
fn sparse_growth_past_the_limit_promotes() {
    let mut v = new_sparse();
    // Every second register: each update splits a zero run and grows the sketch.
    let mut i = 0;
    while !is_dense(&v) {
        let before = v.len();
        assert_eq!(raise(&mut v, i, 1, 40), Ok(true));
        if !is_dense(&v) {
            assert!(
                v.len() <= 40,
                "sparse sketch grew to {} (was {before})",
                v.len()
            );
        }
        i += 2;
    }
    assert!(i > 2);
}

#[test]
fn adjacent_equal_values_merge_into_one_opcode() {
    let mut v = new_sparse();
    for i in [10, 11, 12, 13, 14] {
        raise(&mut v, i, 3, 3000).unwrap();
    }
    assert_eq!(decode_sparse(&v), "z:10 v:3,4 v:3,1 Z:16369");
    raise(&mut v, 9, 3, 3000).unwrap();
    assert_eq!(decode_sparse(&v), "z:9 v:3,1 v:3,4 v:3,1 Z:16369");
    // Raising inside a VAL run splits it; the pieces then merge with their neighbours.
    raise(&mut v, 11, 5, 3000).unwrap();
    assert_eq!(decode_sparse(&v), "z:9 v:3,2 v:5,1 v:3,3 Z:16369");
}

#[test]
fn corrupt_sparse_sketches_are_reported() {
    // Two XZERO opcodes covering 2 * 16384 registers.
    let mut v = new_sparse();
    v.extend_from_slice(&[0x7f, 0xff]);
    assert_eq!(histogram(&v), Err(Corrupt));
    assert_eq!(to_dense(&mut v.clone()), Err(Corrupt));
    let mut max = [0u8; REGISTERS];
    assert_eq!(merge_into(&mut max, &v), Err(Corrupt));
    // Too few registers.
    let short = b"HYLL\x01\0\0\0\0\0\0\0\0\0\0\0\x00".to_vec();
    assert_eq!(count(&short), Err(Corrupt));
    let mut s = short.clone();
    assert_eq!(raise(&mut s, 100, 2, 3000), Err(Corrupt));
    // No opcodes at all.
    let mut bare = b"HYLL\x01\0\0\0\0\0\0\0\0\0\0\0".to_vec();
    assert_eq!(raise(&mut bare, 0, 1, 3000), Err(Corrupt));
}

#[test]
fn estimates_grow_with_cardinality() {
    let mut v = new_sparse();
    for i in 0..20_000u32 {
        add(&mut v, &i.to_le_bytes(), 3000).unwrap();
    }
    assert!(is_dense(&v));
    let c = count(&v).unwrap() as f64;
    assert!((c - 20_000.0).abs() < 20_000.0 * 0.05, "estimate {c}");
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    /// The sparse and dense encodings agree register for register and on the estimate, whether
    /// the sparse sketch stays sparse or is promoted half-way (small `max_bytes`).
    #[test]
    fn sparse_and_dense_agree(
        elements in proptest::collection::vec(proptest::collection::vec(any::<u8>(), 0..12), 0..600),
        max_bytes in prop_oneof![Just(100_000usize), 20usize..600],
    ) {
        let mut sparse = new_sparse();
        let mut dense = empty_dense();
        for e in &elements {
            let a = add(&mut sparse, e, max_bytes).unwrap();
            let b = dense_add(&mut dense, e);
            prop_assert_eq!(a, b);
            if !is_dense(&sparse) {
                prop_assert!(sparse.len() <= max_bytes.max(new_sparse().len()));
            }
        }
        prop_assert_eq!(registers(&sparse), registers(&dense));
        prop_assert_eq!(count(&sparse), count(&dense));
        prop_assert_eq!(histogram(&sparse), histogram(&dense));
        let mut m1 = [0u8; REGISTERS];
        let mut m2 = [0u8; REGISTERS];
        merge_into(&mut m1, &sparse).unwrap();
        merge_into(&mut m2, &dense).unwrap();
        prop_assert_eq!(&m1[..], &m2[..]);
        prop_assert_eq!(estimate(&raw_histogram(&m1)), count(&dense).unwrap());
    }

    /// Raising registers to arbitrary values (as PFMERGE does) keeps the sparse form canonical
    /// enough to decode back to the same registers.
    #[test]
    fn sparse_raise_matches_a_plain_array(
        ops in proptest::collection::vec((0usize..REGISTERS, 1u8..=40), 0..300),
    ) {
        let mut v = new_sparse();
        let mut plain = vec![0u8; REGISTERS];
        for (i, c) in ops {
            let changed = raise(&mut v, i, c, 3000).unwrap();
            prop_assert_eq!(changed, c > plain[i]);
            plain[i] = plain[i].max(c);
        }
        prop_assert_eq!(registers(&v), plain);
    }
}
