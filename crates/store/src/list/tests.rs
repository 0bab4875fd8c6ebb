use std::collections::VecDeque;

use proptest::prelude::*;

use super::*;

fn contents(l: &List) -> Vec<Vec<u8>> {
    l.iter().map(|e| e.to_vec()).collect()
}

/// Structural invariants every operation must keep.
fn check(l: &List) {
    let total: usize = l.listpacks().map(|lp| lp.len()).sum();
    assert_eq!(total, l.len());
    assert_eq!(contents(l).len(), l.len());
    for lp in l.listpacks() {
        let b = lp.as_bytes();
        assert_eq!(
            u32::from_le_bytes(b[0..4].try_into().unwrap()) as usize,
            b.len()
        );
        assert_eq!(u16::from_le_bytes([b[4], b[5]]) as usize, lp.iter().count());
        assert_eq!(*b.last().unwrap(), 0xFF);
        if l.is_quicklist() {
            assert!(!lp.is_empty(), "quicklist nodes are never empty");
        }
    }
    let back: Vec<Vec<u8>> = if l.is_empty() {
        Vec::new()
    } else {
        l.iter_from(l.len() - 1, true).map(|e| e.to_vec()).collect()
    };
    let mut fwd = contents(l);
    fwd.reverse();
    assert_eq!(back, fwd);
}

fn quick(fill: i64) -> List {
    List {
        repr: Repr::Quick(Box::new(Quicklist::new(fill))),
    }
}

fn node_sizes(l: &List) -> Vec<usize> {
    l.listpacks().map(|lp| lp.len()).collect()
}

#[test]
fn converts_at_the_byte_limit_and_back_at_half() {
    let mut l = List::new();
    // 7 header bytes + 8000-byte entry (5 + 8000 + 2) = 8014 <= 8192
    let big = vec![b'x'; 8000];
    l.push_all(End::Tail, &[&big], -2);
    assert_eq!(l.encoding_name(), "listpack");
    // The check counts string lengths only: 8014 + 178 = 8192 still fits, 179 does not.
    let mut probe = l.clone();
    probe.push_all(End::Tail, &[&[b'y'; 178]], -2);
    assert_eq!(probe.encoding_name(), "listpack");
    l.push_all(End::Tail, &[&[b'y'; 179]], -2);
    assert_eq!(l.encoding_name(), "quicklist");
    // The old listpack is the first node; the new element did not fit beside it.
    assert_eq!(node_sizes(&l), vec![1, 1]);
    l.pop_one(End::Head, -2);
    // One node of 7 + 179 + 2 + 2 bytes: at most half of 8192.
    assert_eq!(l.encoding_name(), "listpack");
    assert_eq!(contents(&l), vec![vec![b'y'; 179]]);
}

#[test]
fn count_limit_converts_with_hysteresis() {
    let fill = 4;
    let mut l = List::new();
    l.push_all(End::Tail, &[b"a", b"b", b"c", b"d"], fill);
    assert_eq!(l.encoding_name(), "listpack");
    l.push_all(End::Tail, &[b"e"], fill);
    assert_eq!(l.encoding_name(), "quicklist");
    assert_eq!(node_sizes(&l), vec![4, 1]);
    l.pop_one(End::Tail, fill);
    // One node of 4: more than half of 4.
    assert_eq!(l.encoding_name(), "quicklist");
    l.pop_one(End::Tail, fill);
    assert_eq!(l.encoding_name(), "quicklist");
    l.pop_one(End::Tail, fill);
    assert_eq!(l.encoding_name(), "listpack");
    assert_eq!(contents(&l), vec![b"a".to_vec(), b"b".to_vec()]);
}

#[test]
fn fill_zero_and_one_never_convert_back() {
    for fill in [0, 1] {
        let mut l = List::new();
        l.push_all(End::Tail, &[b"a"], fill);
        assert_eq!(l.encoding_name(), "listpack");
        l.push_all(End::Tail, &[b"b"], fill);
        assert_eq!(l.encoding_name(), "quicklist");
        assert_eq!(node_sizes(&l), vec![1, 1]);
        l.pop_one(End::Tail, fill);
        assert_eq!(l.encoding_name(), "quicklist");
    }
}

#[test]
fn insert_splits_and_merges_like_redis() {
    let fill = 4;
    let mut l = quick(fill);
    for v in ["a", "b", "c", "d", "e", "f", "g", "h"] {
        l.push(End::Tail, v.as_bytes());
    }
    assert_eq!(node_sizes(&l), vec![4, 4]);
    // Middle of a full node: split into [a b] + [x c d]; then [a b] and [x c d] may not
    // merge (5 > 4), nor [x c d] with [e f g h].
    assert!(l.insert_at_pivot(&Probe::new(b"b"), b"x", true));
    assert_eq!(node_sizes(&l), vec![2, 3, 4]);
    // Before the head of a full node whose left neighbour has room: goes to its tail.
    assert!(l.insert_at_pivot(&Probe::new(b"e"), b"y", false));
    assert_eq!(node_sizes(&l), vec![2, 4, 4]);
    // After the tail of the last full node: a new node.
    assert!(l.insert_at_pivot(&Probe::new(b"h"), b"z", true));
    assert_eq!(node_sizes(&l), vec![2, 4, 4, 1]);
    assert_eq!(
        contents(&l),
        ["a", "b", "x", "c", "d", "y", "e", "f", "g", "h", "z"]
            .iter()
            .map(|s| s.as_bytes().to_vec())
            .collect::<Vec<_>>()
    );
    check(&l);
}

#[test]
fn split_merges_small_neighbours() {
    let fill = 6;
    let mut l = quick(fill);
    for v in ["a", "b", "c", "d", "e", "f"] {
        l.push(End::Tail, v.as_bytes());
    }
    l.push(End::Head, b"0");
    l.push(End::Tail, b"9");
    assert_eq!(node_sizes(&l), vec![1, 6, 1]);
    // Split [a..f] after c: [0] [a b c] [x d e f] [9]; then [0]+[a b c] merge, [x d e f]+[9].
    assert!(l.insert_at_pivot(&Probe::new(b"c"), b"x", true));
    assert_eq!(node_sizes(&l), vec![4, 5]);
    check(&l);
}

#[test]
fn integers_round_trip_byte_exact() {
    let mut l = List::new();
    let vals: Vec<&[u8]> = vec![
        b"007",
        b"7",
        b"-0",
        b"-7",
        b"+7",
        b"9223372036854775807",
        b"9223372036854775808",
        b"",
    ];
    l.push_all(End::Tail, &vals, -2);
    assert_eq!(
        contents(&l),
        vals.iter().map(|v| v.to_vec()).collect::<Vec<_>>()
    );
    assert_eq!(l.get(1), Some(Elem::Int(7)));
    assert_eq!(l.get(0), Some(Elem::Str(b"007")));
}

#[test]
fn move_counts_quicklist_integers_as_zero_bytes() {
    let mut q = quick(-2);
    q.push(End::Tail, b"12345");
    q.push(End::Tail, b"abcde");
    let m = q.pop_for_move(End::Tail).unwrap();
    assert_eq!(m.grow_bytes, 5);
    let m = q.pop_for_move(End::Tail).unwrap();
    assert_eq!((m.value.as_slice(), m.grow_bytes), (&b"12345"[..], 0));
    let mut lp = List::new();
    lp.push(End::Tail, b"12345");
    assert_eq!(lp.pop_for_move(End::Head).unwrap().grow_bytes, 5);
}

#[test]
fn one_million_short_strings_stay_compact() {
    let mut l = List::new();
    let mut elems = Vec::new();
    for i in 0..1_000_000u32 {
        elems.push(format!("element:{i}"));
    }
    for chunk in elems.chunks(1000) {
        let refs: Vec<&[u8]> = chunk.iter().map(|s| s.as_bytes()).collect();
        l.push_all(End::Tail, &refs, -2);
    }
    assert_eq!(l.len(), 1_000_000);
    let payload: usize = l.listpacks().map(|lp| lp.bytes()).sum();
    // Redis keeps the same listpack bytes in ~8 KiB nodes; allow only the open tail node's slack
    // and the node table on top.
    assert!(
        l.footprint() < payload + payload / 50,
        "{} vs {}",
        l.footprint(),
        payload
    );
    // 14-16 bytes of text per element, 2 more of listpack framing.
    assert!(payload < 18 * 1_000_000);
    assert_eq!(l.get(999_999).unwrap().to_vec(), b"element:999999");
    assert_eq!(l.get(-1_000_000).unwrap().to_vec(), b"element:0");
}

#[derive(Clone, Debug)]
enum Op {
    Push(bool, Vec<u8>),
    Pop(bool),
    PopRange(bool, usize),
    Set(i64, Vec<u8>),
    Insert(Vec<u8>, Vec<u8>, bool),
    Remove(Vec<u8>, i64),
    Trim(i64, i64),
    Move(bool, bool),
}

fn elem() -> impl Strategy<Value = Vec<u8>> {
    prop_oneof![
        3 => prop::sample::select(vec!["a", "b", "c", "7", "007", "-3", "4096", "x"]).prop_map(|s| s.as_bytes().to_vec()),
        1 => prop::collection::vec(any::<u8>(), 0..80),
        1 => (0usize..3000).prop_map(|n| vec![b'L'; n]),
    ]
}

fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        4 => (any::<bool>(), elem()).prop_map(|(h, e)| Op::Push(h, e)),
        2 => any::<bool>().prop_map(Op::Pop),
        1 => (any::<bool>(), 0usize..6).prop_map(|(h, n)| Op::PopRange(h, n)),
        1 => (-12i64..12, elem()).prop_map(|(i, e)| Op::Set(i, e)),
        2 => (elem(), elem(), any::<bool>()).prop_map(|(p, e, a)| Op::Insert(p, e, a)),
        1 => (elem(), -3i64..3).prop_map(|(e, c)| Op::Remove(e, c)),
        1 => (-12i64..12, -12i64..12).prop_map(|(a, b)| Op::Trim(a, b)),
        1 => (any::<bool>(), any::<bool>()).prop_map(|(a, b)| Op::Move(a, b)),
    ]
}

fn end(head: bool) -> End {
    if head {
        End::Head
    } else {
        End::Tail
    }
}

/// Applies `op` to the list and to a plain model; returns what the op reported.
fn apply(l: &mut List, m: &mut VecDeque<Vec<u8>>, op: &Op, fill: i64) -> (Vec<Vec<u8>>, i64) {
    match op {
        Op::Push(h, e) => {
            l.push_all(end(*h), &[e], fill);
            if *h {
                m.push_front(e.clone())
            } else {
                m.push_back(e.clone())
            }
            (vec![], l.len() as i64)
        }
        Op::Pop(h) => {
            let got = l.pop_one(end(*h), fill);
            let want = if *h { m.pop_front() } else { m.pop_back() };
            assert_eq!(got, want);
            (got.into_iter().collect(), 0)
        }
        Op::PopRange(h, n) => {
            let mut got = Vec::new();
            l.pop_range(end(*h), *n, fill, |e| got.push(e.to_vec()));
            let mut want = Vec::new();
            for _ in 0..*n {
                if let Some(v) = if *h { m.pop_front() } else { m.pop_back() } {
                    want.push(v);
                }
            }
            assert_eq!(got, want);
            (got, 0)
        }
        Op::Set(i, e) => {
            let ok = l.set(*i, e, fill);
            let len = m.len() as i64;
            let idx = if *i < 0 { len + i } else { *i };
            assert_eq!(ok, (0..len).contains(&idx));
            if ok {
                m[idx as usize] = e.clone();
            }
            (vec![], ok as i64)
        }
        Op::Insert(p, e, after) => {
            let ok = l.insert(p, e, *after, fill);
            let pos = m.iter().position(|x| x == p);
            assert_eq!(ok, pos.is_some());
            if let Some(pos) = pos {
                m.insert(if *after { pos + 1 } else { pos }, e.clone());
            }
            (vec![], ok as i64)
        }
        Op::Remove(e, c) => {
            let n = l.remove(e, *c, fill);
            let mut want = 0;
            let limit = c.unsigned_abs() as usize;
            if *c >= 0 {
                let mut i = 0;
                while i < m.len() {
                    if m[i] == *e && (limit == 0 || want < limit) {
                        m.remove(i);
                        want += 1;
                    } else {
                        i += 1;
                    }
                }
            } else {
                let mut i = m.len();
                while i > 0 {
                    i -= 1;
                    if m[i] == *e && want < limit {
                        m.remove(i);
                        want += 1;
                    }
                }
            }
            assert_eq!(n, want);
            (vec![], n as i64)
        }
        Op::Trim(a, b) => {
            let n = l.trim(*a, *b, fill);
            let len = m.len() as i64;
            let mut s = if *a < 0 { len + a } else { *a };
            let e = if *b < 0 { len + b } else { *b };
            s = s.max(0);
            let kept: VecDeque<Vec<u8>> = if s > e || s >= len {
                VecDeque::new()
            } else {
                m.range(s as usize..=(e.min(len - 1) as usize))
                    .cloned()
                    .collect()
            };
            assert_eq!(n as i64, len - kept.len() as i64);
            *m = kept;
            (vec![], n as i64)
        }
        Op::Move(from, to) => {
            // Rotation within the same list, as LMOVE k k does.
            let Some(mv) = l.pop_for_move(end(*from)) else {
                assert!(m.is_empty());
                return (vec![], -1);
            };
            l.push_moved(end(*to), &mv, fill);
            l.convert_after_shrink(fill);
            let v = if *from { m.pop_front() } else { m.pop_back() }.unwrap();
            assert_eq!(v, mv.value);
            if *to {
                m.push_front(v.clone())
            } else {
                m.push_back(v.clone())
            }
            (vec![v], 0)
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    /// The listpack encoding, a quicklist of tiny nodes and the converting default all hold
    /// the same elements and give the same answers for any sequence of operations.
    #[test]
    fn encodings_agree(ops in prop::collection::vec(op(), 1..120)) {
        // -5 keeps nearly everything in one listpack; 2 starts as a quicklist of two-element
        // nodes (splits and merges on insert); -1 and 3 convert back and forth.
        let mut packed = List::new();
        let mut tiny = quick(2);
        let mut small = List::new();
        let mut counted = List::new();
        let mut model = VecDeque::new();
        for op in &ops {
            let mut m1 = model.clone();
            let a = apply(&mut packed, &mut m1, op, -5);
            let mut m2 = model.clone();
            let b = apply(&mut tiny, &mut m2, op, 2);
            let mut m3 = model.clone();
            let c = apply(&mut small, &mut m3, op, -1);
            let mut m4 = model.clone();
            let d = apply(&mut counted, &mut m4, op, 3);
            prop_assert_eq!(&a, &b);
            prop_assert_eq!(&a, &c);
            prop_assert_eq!(&a, &d);
            model = m1;
            for l in [&packed, &tiny, &small, &counted] {
                check(l);
                prop_assert_eq!(contents(l), model.iter().cloned().collect::<Vec<_>>());
                for i in [-1i64, 0, 1, (model.len() / 2) as i64] {
                    let idx = if i < 0 { model.len() as i64 + i } else { i };
                    let want = (0..model.len() as i64).contains(&idx).then(|| model[idx as usize].clone());
                    prop_assert_eq!(l.get(i).map(|e| e.to_vec()), want);
                }
            }
        }
    }
}
