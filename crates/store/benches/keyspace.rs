//! Per-operation cost of one database table holding 1M keys: 16-byte keys (`key:%012d`) with
//! 16-byte string values, the shape of profile C in bench/README.md. Each operation includes
//! `hash_key`, as a command pays it.
//!
//! The table is built once per benchmark, outside the timed region, and kept at ~1M keys:
//! inserted keys are removed again, and deleted keys put back, between timed chunks.

use std::hint::black_box;
use std::time::{Duration, Instant};

use criterion::{criterion_group, criterion_main, Criterion};
use shoal_store::{hash_key, Db, NewValue, StrEncoding};

const KEYS: usize = 1_000_000;
/// Keys inserted or deleted per timed chunk; small next to the table, so its size stays near
/// 1M and it never grows to the next power of two during a sample.
const CHUNK: usize = 100_000;
const VALUE: &[u8; 16] = b"v000000000000000";

fn key(i: usize) -> [u8; 16] {
    let mut k = [0u8; 16];
    k.copy_from_slice(format!("key:{i:012}").as_bytes());
    k
}

fn set(db: &mut Db, k: &[u8]) {
    db.set(
        hash_key(k),
        k,
        NewValue::Str(VALUE, StrEncoding::Embstr),
        None,
        0,
    );
}

/// The filled table and its keys in a random order (so lookups do not walk memory in
/// allocation order).
fn filled() -> (Db, Vec<[u8; 16]>) {
    let mut keys: Vec<[u8; 16]> = (0..KEYS).map(key).collect();
    let mut db = Db::default();
    for k in &keys {
        set(&mut db, k);
    }
    fastrand::Rng::with_seed(7).shuffle(&mut keys);
    assert_eq!(db.len(), KEYS);
    (db, keys)
}

fn insert(c: &mut Criterion) {
    let (mut db, _) = filled();
    let fresh: Vec<[u8; 16]> = (KEYS..KEYS + CHUNK).map(key).collect();
    c.bench_function("keyspace/insert/1m", |b| {
        b.iter_custom(|iters| {
            let mut total = Duration::ZERO;
            let mut left = iters as usize;
            while left > 0 {
                let n = left.min(CHUNK);
                let t = Instant::now();
                for k in &fresh[..n] {
                    set(&mut db, black_box(k));
                }
                total += t.elapsed();
                for k in &fresh[..n] {
                    db.remove(hash_key(k), k);
                }
                left -= n;
            }
            total
        })
    });
    assert_eq!(db.len(), KEYS);
}

fn get(c: &mut Criterion) {
    let (db, keys) = filled();
    let mut at = 0;
    c.bench_function("keyspace/get/1m", |b| {
        b.iter(|| {
            let k = &keys[at];
            at = if at + 1 == KEYS { 0 } else { at + 1 };
            black_box(db.get(hash_key(black_box(k)), k).is_some())
        })
    });
}

fn delete(c: &mut Criterion) {
    let (mut db, keys) = filled();
    let mut at = 0;
    c.bench_function("keyspace/delete/1m", |b| {
        b.iter_custom(|iters| {
            let mut total = Duration::ZERO;
            let mut left = iters as usize;
            while left > 0 {
                let n = left.min(CHUNK).min(KEYS - at);
                let chunk = &keys[at..at + n];
                let t = Instant::now();
                for k in chunk {
                    // Dropping the removed entry (freeing it) is part of a DEL.
                    black_box(db.remove(hash_key(black_box(k)), k));
                }
                total += t.elapsed();
                for k in chunk {
                    set(&mut db, k);
                }
                at = (at + n) % KEYS;
                left -= n;
            }
            total
        })
    });
    assert_eq!(db.len(), KEYS);
}

criterion_group!(benches, insert, get, delete);
criterion_main!(benches);
