//! HyperLogLog values in Redis's byte format, so `GET`/`SET`/`DUMP` of a key move sketches
//! between shoal and Redis unchanged.
//!
//! A sketch is an ordinary string value:
//!
//! ```text
//! "HYLL" [encoding: 0 dense, 1 sparse] [3 unused zero bytes] [cached cardinality: 8, LE]
//! dense:  16384 registers of 6 bits, packed from the low bits of each byte upwards (12288 bytes)
//! sparse: run-length opcodes   ZERO 00xxxxxx (1..64 zero registers)
//!                              XZERO 01xxxxxx yyyyyyyy (1..16384 zero registers)
//!                              VAL 1vvvvvxx (1..4 registers of value 1..32)
//! ```
//!
//! The top bit of the cached cardinality's last byte marks the cache stale; the other bytes are
//! left as they were, exactly as Redis leaves them. A sparse sketch turns dense when a register
//! needs a value above 32 or when it would grow past `hll-sparse-max-bytes`.
//!
//! Every function here works on plain bytes and never sees a client. Apart from
//! [`is_valid`] and [`new_sparse`], they expect a sketch that passed [`is_valid`].

pub const HEADER_LEN: usize = 16;
pub const REGISTERS: usize = 1 << P;
pub const DENSE_LEN: usize = HEADER_LEN + (REGISTERS * BITS).div_ceil(8);
pub const DENSE: u8 = 0;
pub const SPARSE: u8 = 1;

const P: usize = 14;
/// Hash bits left after the register index: runs of zeroes count up to Q + 1.
const Q: usize = 64 - P;
const BITS: usize = 6;
const REGISTER_MAX: u8 = (1 << BITS) - 1;
const SEED: u64 = 0xadc8_3b19;

const SPARSE_VAL_MAX_VALUE: u8 = 32;
const SPARSE_VAL_MAX_LEN: usize = 4;
const SPARSE_ZERO_MAX_LEN: usize = 64;
const SPARSE_XZERO_MAX_LEN: usize = 16384;

/// The sketch's opcodes or register count do not add up (Redis's INVALIDOBJ).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Corrupt;

/// MurmurHash2, 64-bit variant, reading words little-endian as Redis does on every platform.
pub fn murmur64a(data: &[u8], seed: u64) -> u64 {
    const M: u64 = 0xc6a4_a793_5bd1_e995;
    const R: u32 = 47;
    let mut h = seed ^ (data.len() as u64).wrapping_mul(M);
    let mut chunks = data.chunks_exact(8);
    for chunk in &mut chunks {
        let mut k = u64::from_le_bytes(chunk.try_into().expect("8-byte chunk"));
        k = k.wrapping_mul(M);
        k ^= k >> R;
        k = k.wrapping_mul(M);
        h ^= k;
        h = h.wrapping_mul(M);
    }
    let tail = chunks.remainder();
    if !tail.is_empty() {
        for (i, &b) in tail.iter().enumerate() {
            h ^= (b as u64) << (8 * i);
        }
        h = h.wrapping_mul(M);
    }
    h ^= h >> R;
    h = h.wrapping_mul(M);
    h ^= h >> R;
    h
}

/// The register an element lands in and the length of its "000..1" pattern (1..=Q+1).
pub fn pattern(element: &[u8]) -> (usize, u8) {
    let hash = murmur64a(element, SEED);
    let index = (hash as usize) & (REGISTERS - 1);
    let rest = (hash >> P) | (1u64 << Q);
    (index, rest.trailing_zeros() as u8 + 1)
}

/// A new, empty sketch: sparse, one XZERO covering every register, cache marked valid at 0.
pub fn new_sparse() -> Vec<u8> {
    let mut v = Vec::with_capacity(HEADER_LEN + 2);
    v.extend_from_slice(b"HYLL");
    v.push(SPARSE);
    v.extend_from_slice(&[0; 11]);
    let mut left = REGISTERS;
    while left > 0 {
        let run = left.min(SPARSE_XZERO_MAX_LEN);
        push_xzero(&mut v, run);
        left -= run;
    }
    v
}

/// Whether a string may be used as a sketch (Redis's isHLLObjectOrReply, minus the type check).
pub fn is_valid(v: &[u8]) -> bool {
    v.len() >= HEADER_LEN
        && &v[..4] == b"HYLL"
        && v[4] <= SPARSE
        && (v[4] != DENSE || v.len() == DENSE_LEN)
}

pub fn is_dense(v: &[u8]) -> bool {
    v[4] == DENSE
}

/// The cached cardinality, if it is not marked stale.
pub fn cached_count(v: &[u8]) -> Option<u64> {
    (v[15] & 0x80 == 0).then(|| u64::from_le_bytes(v[8..16].try_into().expect("8 bytes")))
}

pub fn set_cached_count(v: &mut [u8], card: u64) {
    v[8..16].copy_from_slice(&card.to_le_bytes());
}

pub fn invalidate_cache(v: &mut [u8]) {
    v[15] |= 0x80;
}

/// Register `index` of a dense register area.
pub fn dense_get(regs: &[u8], index: usize) -> u8 {
    let byte = index * BITS / 8;
    let shift = index * BITS % 8;
    let b0 = regs[byte] as u16;
    let b1 = regs.get(byte + 1).copied().unwrap_or(0) as u16;
    (((b0 >> shift) | (b1 << (8 - shift))) as u8) & REGISTER_MAX
}

pub fn dense_set(regs: &mut [u8], index: usize, value: u8) {
    let byte = index * BITS / 8;
    let shift = index * BITS % 8;
    let v = value as u16;
    regs[byte] = (regs[byte] & !((REGISTER_MAX as u16) << shift) as u8) | (v << shift) as u8;
    // A register that straddles two bytes; the last register never does.
    if shift > 8 - BITS {
        let high = 8 - shift;
        regs[byte + 1] = (regs[byte + 1] & !(REGISTER_MAX >> high)) | (v >> high) as u8;
    }
}

/// Raises a dense register to `count` if it is lower; true when it changed.
fn dense_raise(regs: &mut [u8], index: usize, count: u8) -> bool {
    if count > dense_get(regs, index) {
        dense_set(regs, index, count);
        true
    } else {
        false
    }
}

/// Adds an element to a dense sketch in place (the caller owns the cache flag).
pub fn dense_add(v: &mut [u8], element: &[u8]) -> bool {
    let (index, count) = pattern(element);
    dense_raise(&mut v[HEADER_LEN..], index, count)
}

/// Adds an element to a sketch of either encoding; true when a register changed.
pub fn add(v: &mut Vec<u8>, element: &[u8], sparse_max_bytes: usize) -> Result<bool, Corrupt> {
    let (index, count) = pattern(element);
    raise(v, index, count, sparse_max_bytes)
}

/// Raises register `index` to `count` in a sketch of either encoding.
pub fn raise(
    v: &mut Vec<u8>,
    index: usize,
    count: u8,
    sparse_max_bytes: usize,
) -> Result<bool, Corrupt> {
    match v[4] {
        DENSE => Ok(dense_raise(&mut v[HEADER_LEN..], index, count)),
        SPARSE => sparse_raise(v, index, count, sparse_max_bytes),
        _ => Err(Corrupt),
    }
}

/// One sparse opcode: how many registers it covers, its value (0 for the zero runs) and size.
#[derive(Clone, Copy)]
struct Op {
    span: usize,
    value: u8,
    len: usize,
}

fn op_at(v: &[u8], p: usize) -> Op {
    let b = v[p];
    if b & 0xc0 == 0 {
        Op {
            span: (b & 0x3f) as usize + 1,
            value: 0,
            len: 1,
        }
    } else if b & 0x80 == 0 {
        // A truncated XZERO reads the missing byte as zero, as Redis reads the sds terminator.
        let lo = v.get(p + 1).copied().unwrap_or(0) as usize;
        Op {
            span: ((((b & 0x3f) as usize) << 8) | lo) + 1,
            value: 0,
            len: 2,
        }
    } else {
        Op {
            span: (b & 0x3) as usize + 1,
            value: ((b >> 2) & 0x1f) + 1,
            len: 1,
        }
    }
}

fn is_val(b: u8) -> bool {
    b & 0x80 != 0
}

fn val_byte(value: u8, run: usize) -> u8 {
    0x80 | ((value - 1) << 2) | (run as u8 - 1)
}

fn push_zeros(seq: &mut Vec<u8>, run: usize) {
    if run > SPARSE_ZERO_MAX_LEN {
        push_xzero(seq, run);
    } else {
        seq.push(run as u8 - 1);
    }
}

fn push_xzero(seq: &mut Vec<u8>, run: usize) {
    let l = run - 1;
    seq.push(0x40 | (l >> 8) as u8);
    seq.push((l & 0xff) as u8);
}

/// Walks the sparse opcodes, calling `f(first_register, op)`; fails unless they cover exactly
/// every register.
fn walk_sparse(v: &[u8], mut f: impl FnMut(usize, Op)) -> Result<(), Corrupt> {
    let mut p = HEADER_LEN;
    let mut idx = 0;
    while p < v.len() {
        let op = op_at(v, p);
        if idx + op.span > REGISTERS {
            return Err(Corrupt);
        }
        f(idx, op);
        idx += op.span;
        p += op.len;
    }
    if idx == REGISTERS {
        Ok(())
    } else {
        Err(Corrupt)
    }
}

/// Rewrites a sparse sketch as dense, keeping the header (and so the cached cardinality bytes).
pub fn to_dense(v: &mut Vec<u8>) -> Result<(), Corrupt> {
    if v[4] == DENSE {
        return Ok(());
    }
    let mut dense = vec![0u8; DENSE_LEN];
    dense[..HEADER_LEN].copy_from_slice(&v[..HEADER_LEN]);
    dense[4] = DENSE;
    let regs = &mut dense[HEADER_LEN..];
    walk_sparse(v, |first, op| {
        if op.value > 0 {
            for i in first..first + op.span {
                dense_set(regs, i, op.value);
            }
        }
    })?;
    *v = dense;
    Ok(())
}

/// Redis's in-place sparse update: split the opcode covering `index`, then merge equal
/// neighbouring VAL opcodes in a short window, so the bytes come out as Redis's do.
fn sparse_raise(
    v: &mut Vec<u8>,
    index: usize,
    count: u8,
    sparse_max_bytes: usize,
) -> Result<bool, Corrupt> {
    if count > SPARSE_VAL_MAX_VALUE {
        return promote(v, index, count);
    }
    // Find the opcode covering `index`.
    let mut p = HEADER_LEN;
    let mut first = 0;
    let mut prev = None;
    let mut op = None;
    while p < v.len() {
        let o = op_at(v, p);
        if index < first + o.span {
            op = Some(o);
            break;
        }
        prev = Some(p);
        p += o.len;
        first += o.span;
    }
    let Some(op) = op else {
        return Err(Corrupt);
    };

    if op.value > 0 {
        if op.value >= count {
            return Ok(false);
        }
        if op.span == 1 {
            v[p] = val_byte(count, 1);
            merge_vals(v, prev.unwrap_or(HEADER_LEN));
            return Ok(true);
        }
    } else if op.len == 1 && op.span == 1 {
        v[p] = val_byte(count, 1);
        merge_vals(v, prev.unwrap_or(HEADER_LEN));
        return Ok(true);
    }

    // Split: [run before][our register][run after], each run keeping the opcode's value.
    let last = first + op.span - 1;
    let mut seq = Vec::with_capacity(5);
    let push_run = |seq: &mut Vec<u8>, run: usize| {
        if op.value == 0 {
            push_zeros(seq, run);
        } else {
            seq.push(val_byte(op.value, run));
        }
    };
    if index != first {
        push_run(&mut seq, index - first);
    }
    seq.push(val_byte(count, 1));
    if index != last {
        push_run(&mut seq, last - index);
    }
    let grows = seq.len().saturating_sub(op.len);
    if grows > 0 && v.len() + grows > sparse_max_bytes {
        return promote(v, index, count);
    }
    let end = (p + op.len).min(v.len());
    v.splice(p..end, seq);
    merge_vals(v, prev.unwrap_or(HEADER_LEN));
    Ok(true)
}

/// Merges adjacent VAL opcodes of equal value, scanning at most five opcodes from `p`.
fn merge_vals(v: &mut Vec<u8>, mut p: usize) {
    let mut budget = 5;
    while p < v.len() && budget > 0 {
        budget -= 1;
        let b = v[p];
        if !is_val(b) {
            p += if b & 0x40 != 0 { 2 } else { 1 };
            continue;
        }
        if p + 1 < v.len() && is_val(v[p + 1]) {
            let (a, c) = (op_at(v, p), op_at(v, p + 1));
            if a.value == c.value && a.span + c.span <= SPARSE_VAL_MAX_LEN {
                v[p + 1] = val_byte(a.value, a.span + c.span);
                v.remove(p);
                continue;
            }
        }
        p += 1;
    }
}

fn promote(v: &mut Vec<u8>, index: usize, count: u8) -> Result<bool, Corrupt> {
    to_dense(v)?;
    let changed = dense_raise(&mut v[HEADER_LEN..], index, count);
    debug_assert!(changed, "a promotion always raises a register");
    Ok(changed)
}

/// How many registers hold each value (index 0..=63).
pub type Histogram = [u32; 64];

/// The register histogram of a sketch; a sparse one that does not add up is corrupt.
pub fn histogram(v: &[u8]) -> Result<Histogram, Corrupt> {
    let mut h = [0u32; 64];
    match v[4] {
        DENSE => {
            let regs = &v[HEADER_LEN..];
            for i in 0..REGISTERS {
                h[dense_get(regs, i) as usize] += 1;
            }
        }
        SPARSE => walk_sparse(v, |_, op| h[op.value as usize] += op.span as u32)?,
        _ => return Err(Corrupt),
    }
    Ok(h)
}

/// The histogram of one-byte-per-register registers (the union PFCOUNT and PFMERGE build).
pub fn raw_histogram(regs: &[u8; REGISTERS]) -> Histogram {
    let mut h = [0u32; 64];
    for &r in regs.iter() {
        h[(r & 63) as usize] += 1;
    }
    h
}

/// The cardinality estimate of a sketch, ignoring its cache.
pub fn count(v: &[u8]) -> Result<u64, Corrupt> {
    Ok(estimate(&histogram(v)?))
}

/// Otmar Ertl's improved raw estimator ("New cardinality estimation algorithms for
/// HyperLogLog sketches", 2017), the one Redis uses since 5.0; floating-point operations are
/// done in the same order as Redis so results agree to the last unit.
pub fn estimate(h: &Histogram) -> u64 {
    let m = REGISTERS as f64;
    let mut z = m * tau((m - h[Q + 1] as f64) / m);
    for j in (1..=Q).rev() {
        z += h[j] as f64;
        z *= 0.5;
    }
    z += m * sigma(h[0] as f64 / m);
    const ALPHA_INF: f64 = 0.721_347_520_444_481_7;
    (ALPHA_INF * m * m / z).round() as u64
}

fn sigma(mut x: f64) -> f64 {
    if x == 1.0 {
        return f64::INFINITY;
    }
    let mut y = 1.0;
    let mut z = x;
    loop {
        x *= x;
        let before = z;
        z += x * y;
        y += y;
        if z == before {
            return z;
        }
    }
}

fn tau(mut x: f64) -> f64 {
    if x == 0.0 || x == 1.0 {
        return 0.0;
    }
    let mut y = 1.0;
    let mut z = 1.0 - x;
    loop {
        x = x.sqrt();
        let before = z;
        y *= 0.5;
        let d = 1.0 - x;
        z -= d * d * y;
        if z == before {
            return z / 3.0;
        }
    }
}

/// Raises `max[i]` to each register of sketch `v` (the union PFCOUNT and PFMERGE compute).
pub fn merge_into(max: &mut [u8; REGISTERS], v: &[u8]) -> Result<(), Corrupt> {
    match v[4] {
        DENSE => {
            let regs = &v[HEADER_LEN..];
            for (i, m) in max.iter_mut().enumerate() {
                let r = dense_get(regs, i);
                if r > *m {
                    *m = r;
                }
            }
            Ok(())
        }
        SPARSE => walk_sparse(v, |first, op| {
            if op.value > 0 {
                for m in &mut max[first..first + op.span] {
                    if op.value > *m {
                        *m = op.value;
                    }
                }
            }
        }),
        _ => Err(Corrupt),
    }
}

/// Describes the sparse opcodes as `PFDEBUG DECODE` prints them ("Z:16384", "v:3,1", "z:7").
pub fn decode_sparse(v: &[u8]) -> String {
    let mut out = Vec::new();
    let mut p = HEADER_LEN;
    while p < v.len() {
        let op = op_at(v, p);
        out.push(match (op.value, op.len) {
            (0, 1) => format!("z:{}", op.span),
            (0, _) => format!("Z:{}", op.span),
            (val, _) => format!("v:{},{}", val, op.span),
        });
        p += op.len;
    }
    out.join(" ")
}

#[cfg(test)]
mod tests;
