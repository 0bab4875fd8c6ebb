//! HyperLogLog commands against redis-server: PFADD, PFCOUNT over one and several keys (one
//! key caches the estimate in the value's header), PFMERGE, PFDEBUG, and the value itself
//! compared byte for byte with GET, sparse and dense. Strings that are not HLLs, and crafted
//! HLLs set with SET: bad headers, wrong dense lengths, sparse opcode streams that cover too
//! few or too many registers, cached estimates valid and stale.
//!
//! Two runs: the default hll-sparse-max-bytes (bulk PFADDs push values past it, to dense),
//! and a small one so sparse values turn dense after a few additions.

use proptest::prelude::*;

use super::engine::{cases, Cmd, Cmp, Diff, A};
use super::gen::*;

const REGISTERS: usize = 16384;
const DENSE_BYTES: usize = REGISTERS * 6 / 8;

fn element() -> BoxedStrategy<A> {
    prop_oneof![
        4 => value(),
        4 => (0i64..5000).prop_map(|i| lit(format!("el{i}"))),
        1 => prop::collection::vec(any::<u8>(), 0..20).prop_map(A::Lit),
    ]
    .boxed()
}

/// Hundreds of elements at once: a few of these turn a sparse HLL dense.
fn bulk_pfadd() -> BoxedStrategy<Cmd> {
    (key(), 100usize..1500, 0u32..1000)
        .prop_map(|(k, n, base)| {
            let mut a = vec![lit("PFADD"), k];
            for i in 0..n {
                a.push(lit(format!("x{base}_{i}")));
            }
            Cmd::new(a, Cmp::Exact)
        })
        .boxed()
}

/// The 16-byte header: magic, encoding, three unused bytes, the cached estimate.
fn header(magic: &[u8], encoding: u8, card: [u8; 8]) -> Vec<u8> {
    let mut h = magic.to_vec();
    h.extend([encoding, 0, 0, 0]);
    h.extend(card);
    h
}

fn card() -> BoxedStrategy<[u8; 8]> {
    prop_oneof![
        // Stale: the top bit of the last byte says "recompute".
        4 => Just([0, 0, 0, 0, 0, 0, 0, 0x80]),
        // A cached estimate that is trusted as is.
        2 => Just([0, 0, 0, 0, 0, 0, 0, 0]),
        2 => any::<[u8; 7]>().prop_map(|b| {
            let mut c = [0u8; 8];
            c[..7].copy_from_slice(&b);
            c
        }),
        1 => any::<[u8; 8]>(),
    ]
    .boxed()
}

/// One sparse opcode: ZERO (1..=64 registers), XZERO (1..=16384), VAL (value 1..=32 for
/// 1..=4 registers).
#[derive(Clone, Debug)]
enum Op {
    Zero(usize),
    XZero(usize),
    Val(u8, usize),
}

impl Op {
    fn len(&self) -> usize {
        match self {
            Op::Zero(n) | Op::XZero(n) | Op::Val(_, n) => *n,
        }
    }

    fn push(&self, out: &mut Vec<u8>) {
        match *self {
            Op::Zero(n) => out.push((n - 1) as u8),
            Op::XZero(n) => {
                out.push(0x40 | ((n - 1) >> 8) as u8);
                out.push(((n - 1) & 0xff) as u8);
            }
            Op::Val(v, n) => out.push(0x80 | ((v - 1) << 2) | (n - 1) as u8),
        }
    }
}

fn op() -> BoxedStrategy<Op> {
    prop_oneof![
        2 => (1usize..=64).prop_map(Op::Zero),
        2 => (1usize..=4000).prop_map(Op::XZero),
        3 => ((1u8..=32), (1usize..=4)).prop_map(|(v, n)| Op::Val(v, n)),
    ]
    .boxed()
}

/// Sparse opcode streams: most cover exactly the 16384 registers (valid), some fall short or
/// run over (corrupt).
fn sparse_body() -> BoxedStrategy<Vec<u8>> {
    (
        prop::collection::vec(op(), 0..12),
        prop_oneof![6 => Just(0i64), 1 => Just(-1), 1 => Just(1), 1 => Just(5000)],
    )
        .prop_map(|(ops, skew)| {
            let mut out = Vec::new();
            let mut covered = 0usize;
            for o in ops {
                if covered + o.len() > REGISTERS {
                    break;
                }
                covered += o.len();
                o.push(&mut out);
            }
            let mut rest = (REGISTERS - covered) as i64 + skew;
            while rest > 0 {
                let n = rest.min(REGISTERS as i64) as usize;
                Op::XZero(n).push(&mut out);
                rest -= n as i64;
            }
            out
        })
        .boxed()
}

/// Dense registers: zeros with a few bytes set.
fn dense_body() -> BoxedStrategy<Vec<u8>> {
    prop::collection::vec((0..DENSE_BYTES, any::<u8>()), 0..40)
        .prop_map(|sets| {
            let mut regs = vec![0u8; DENSE_BYTES];
            for (i, b) in sets {
                regs[i] = b;
            }
            regs
        })
        .boxed()
}

/// Crafted HLL strings, valid and not.
fn crafted() -> BoxedStrategy<A> {
    prop_oneof![
        4 => (card(), sparse_body()).prop_map(|(c, b)| {
            let mut v = header(b"HYLL", 1, c);
            v.extend(b);
            A::Lit(v)
        }),
        3 => (card(), dense_body()).prop_map(|(c, b)| {
            let mut v = header(b"HYLL", 0, c);
            v.extend(b);
            A::Lit(v)
        }),
        // Dense with the wrong number of register bytes.
        1 => (card(), prop_oneof![Just(0usize), Just(100), Just(DENSE_BYTES - 1), Just(DENSE_BYTES + 1)])
            .prop_map(|(c, n)| {
                let mut v = header(b"HYLL", 0, c);
                v.extend(vec![0u8; n]);
                A::Lit(v)
            }),
        // Unknown encodings (2 is Redis's in-memory raw form, never valid in a value).
        1 => (card(), prop_oneof![Just(2u8), Just(3), Just(255)]).prop_map(|(c, e)| {
            let mut v = header(b"HYLL", e, c);
            v.extend([0x7f, 0xff]);
            A::Lit(v)
        }),
        1 => (card(), prop_oneof![Just(&b"HYLX"[..]), Just(&b"hyll"[..])]).prop_map(|(c, m)| {
            let mut v = header(m, 1, c);
            v.extend([0x7f, 0xff]);
            A::Lit(v)
        }),
        1 => token(&["HYLL", "HYL", "", "HYLL\u{1}\u{0}\u{0}\u{0}"]),
    ]
    .boxed()
}

/// `retune`: sometimes change hll-sparse-max-bytes mid-sequence.
fn hll_op(retune: bool) -> BoxedStrategy<Cmd> {
    let ops = prop_oneof![
        10 => (key(), prop::collection::vec(element(), 0..=5)).prop_map(|(k, els)| {
            let mut a = vec![lit("PFADD"), k];
            a.extend(els);
            Cmd::new(a, Cmp::Exact)
        }),
        2 => bulk_pfadd(),
        5 => keys(1, 3).prop_map(|ks| {
            let mut a = vec![lit("PFCOUNT")];
            a.extend(ks);
            Cmd::new(a, Cmp::Exact)
        }),
        3 => (key(), keys(0, 3)).prop_map(|(dst, ks)| {
            let mut a = vec![lit("PFMERGE"), dst];
            a.extend(ks);
            Cmd::new(a, Cmp::Exact)
        }),
        6 => on_key("GET", Cmp::Exact),
        4 => (key(), crafted()).prop_map(|(k, v)| Cmd::new(vec![lit("SET"), k, v], Cmp::Exact)),
        1 => (key(), value()).prop_map(|(k, v)| Cmd::new(vec![lit("SET"), k, v], Cmp::Exact)),
        1 => (key(), value()).prop_map(|(k, v)| Cmd::new(vec![lit("APPEND"), k, v], Cmp::Exact)),
        1 => (key(), (0i64..40).prop_map(|i| lit(i.to_string())), value())
            .prop_map(|(k, o, v)| Cmd::new(vec![lit("SETRANGE"), k, o, v], Cmp::Exact)),
        2 => (token(&["GETREG", "ENCODING", "TODENSE", "DECODE", "NOPE"]), key())
            .prop_map(|(s, k)| Cmd::new(vec![lit("PFDEBUG"), s, k], Cmp::Exact)),
        1 => other_type(),
        1 => on_key("DEL", Cmp::Exact),
        1 => on_key("TYPE", Cmp::Exact),
        1 => on_key("STRLEN", Cmp::Exact),
        1 => key().prop_map(|k| Cmd::new(vec![lit("OBJECT"), lit("ENCODING"), k], Cmp::Exact)),
    ];
    if retune {
        let config = token(&["0", "1", "30", "60", "3000"]).prop_map(|n| {
            Cmd::new(
                vec![lit("CONFIG"), lit("SET"), lit("hll-sparse-max-bytes"), n],
                Cmp::Exact,
            )
        });
        noisy(prop_oneof![30 => ops, 1 => config].boxed())
    } else {
        noisy(ops.boxed())
    }
}

#[test]
fn hll_match_redis() {
    let Some(diff) = Diff::start("hll") else {
        return;
    };
    diff.check(cases(400), case(hll_op(false), 20));
}

#[test]
fn hll_small_sparse_limit_match_redis() {
    let Some(diff) = Diff::start("hll small sparse") else {
        return;
    };
    let setup = Cmd::new(
        vec![
            lit("CONFIG"),
            lit("SET"),
            lit("hll-sparse-max-bytes"),
            lit("60"),
        ],
        Cmp::Exact,
    );
    let ops = case(hll_op(true), 20).prop_map(move |mut c| {
        c.cmds.insert(0, setup.clone());
        c
    });
    diff.check(cases(300), ops);
}
