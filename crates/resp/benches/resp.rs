//! Parser and writer micro-benchmarks: `cargo bench -p shoal-resp`.

use std::hint::black_box;

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use shoal_resp::{Limits, Parsed, Proto, ReplyBuf, RequestParser};

fn set_16b() -> Vec<u8> {
    b"*3\r\n$3\r\nSET\r\n$16\r\nkey:000000000001\r\n$16\r\nvalue:0000000001\r\n".to_vec()
}

fn parse(c: &mut Criterion) {
    let limits = Limits::default();
    let one = set_16b();
    let mut g = c.benchmark_group("resp/parse");
    g.throughput(Throughput::Bytes(one.len() as u64));
    g.bench_function("set_16b", |b| {
        let mut p = RequestParser::new();
        b.iter(|| {
            let r = p.parse(black_box(&one), &limits).unwrap();
            black_box(p.args(&one).get(2));
            r
        })
    });

    let pipeline = one.repeat(16);
    g.throughput(Throughput::Bytes(pipeline.len() as u64));
    g.bench_function("pipeline_16", |b| {
        let mut p = RequestParser::new();
        b.iter(|| {
            let mut off = 0;
            while let Parsed::Command { consumed } =
                p.parse(black_box(&pipeline[off..]), &limits).unwrap()
            {
                black_box(p.args(&pipeline[off..]).len());
                off += consumed;
            }
            off
        })
    });
    g.finish();
}

fn write(c: &mut Criterion) {
    let mut g = c.benchmark_group("resp/write");
    let value = [b'v'; 16];
    g.bench_function("bulk_16b", |b| {
        let mut r = ReplyBuf::with_capacity(Proto::Resp2, 4096);
        b.iter(|| {
            r.buf.clear();
            r.bulk(black_box(&value));
            r.buf.len()
        })
    });
    g.bench_function("int", |b| {
        let mut r = ReplyBuf::with_capacity(Proto::Resp2, 4096);
        let mut n: i64 = 1_234_567;
        b.iter(|| {
            r.buf.clear();
            n = n.wrapping_add(1);
            r.int(black_box(n));
            r.buf.len()
        })
    });
    g.finish();
}

criterion_group!(benches, parse, write);
criterion_main!(benches);
