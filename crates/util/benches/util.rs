//! Micro-benchmarks of the per-command helpers: every keyed command computes a slot, and
//! KEYS/SCAN MATCH run the glob matcher once per key.

use std::hint::black_box;

use criterion::{criterion_group, criterion_main, Criterion};
use shoal_util::{glob_match, key_slot};

fn slot(c: &mut Criterion) {
    let mut g = c.benchmark_group("slot/key_slot");
    // A typical 16-byte key without braces: CRC16 over the whole key.
    g.bench_function("16b", |b| {
        b.iter(|| key_slot(black_box(b"key:000000001234")))
    });
    // The tag scan runs first, then CRC16 over the tag only.
    g.bench_function("hashtag", |b| {
        b.iter(|| key_slot(black_box(b"{user:1000}:following")))
    });
    g.finish();
}

fn glob(c: &mut Criterion) {
    let mut g = c.benchmark_group("glob/match");
    g.bench_function("simple", |b| {
        b.iter(|| {
            glob_match(
                black_box(b"user:*:name"),
                black_box(b"user:12345:name"),
                false,
            )
        })
    });
    g.finish();
}

criterion_group!(benches, slot, glob);
criterion_main!(benches);
