//! The compact encoding (`OBJECT ENCODING` "listpack"): every pair in one byte buffer, sorted
//! by score then member, so a small sorted set costs one allocation and a few bytes of
//! overhead per member.
//!
//! ```text
//! entry := varint(member_len << 2 | kind) member score
//! kind 0: an integral score as a zigzag varint (Redis also stores these as integers, which is
//!         why -0 reads back as 0 from a listpack but as -0 from a skiplist)
//! kind 1: a short decimal m / 10^k as varint(zigzag(m) << 4 | k), e.g. 0.5 in one byte
//! kind 2: any other double, 8 bytes little-endian
//! ```
//!
//! The buffer starts with the pair count (4 bytes, little-endian); an empty set holds no
//! buffer at all. There is no back-link per entry: walking backwards first collects the entry
//! offsets, which costs one forward pass over a buffer that is small by construction. The
//! whole value is one `Vec`, so a sorted set takes no more room in the keyspace's object box
//! than the other collection types.

const KIND_INT: u64 = 0;
const KIND_DEC: u64 = 1;
const KIND_F64: u64 = 2;

/// Decimal scales tried for kind 1; 10^k is exact in a double for all of them.
const POW10: [f64; 16] = [
    1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15,
];
/// Mantissas below 2^53 convert to f64 exactly, so m / 10^k is one correctly rounded division.
const MAX_MANTISSA: f64 = 9_007_199_254_740_992.0;

#[derive(Clone, Debug, Default)]
pub(crate) struct Listpack {
    buf: Vec<u8>,
}

/// Bytes of the count header; the first pair starts here.
const HEADER: usize = 4;

/// One decoded pair and the offset of the pair after it.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Pair<'a> {
    pub member: &'a [u8],
    pub score: f64,
    pub next: usize,
}

fn varint_len(mut v: u64) -> usize {
    let mut n = 1;
    while v >= 0x80 {
        v >>= 7;
        n += 1;
    }
    n
}

fn put_varint(out: &mut [u8], mut v: u64) -> usize {
    let mut i = 0;
    while v >= 0x80 {
        out[i] = (v as u8) | 0x80;
        v >>= 7;
        i += 1;
    }
    out[i] = v as u8;
    i + 1
}

fn get_varint(buf: &[u8], mut pos: usize) -> (u64, usize) {
    let mut v = 0u64;
    let mut shift = 0;
    loop {
        let b = buf[pos];
        v |= ((b & 0x7f) as u64) << shift;
        pos += 1;
        if b & 0x80 == 0 {
            return (v, pos);
        }
        shift += 7;
    }
}

fn zigzag(v: i64) -> u64 {
    ((v << 1) ^ (v >> 63)) as u64
}

fn unzigzag(v: u64) -> i64 {
    ((v >> 1) as i64) ^ -((v & 1) as i64)
}

/// Redis's double2ll: an integral double within ±LLONG_MAX/2 (true for -0.0, stored as 0).
pub(crate) fn as_integer(score: f64) -> Option<i64> {
    const LIMIT: f64 = (i64::MAX / 2) as f64;
    if !(-LIMIT..=LIMIT).contains(&score) {
        return None;
    }
    let l = score as i64;
    (l as f64 == score).then_some(l)
}

/// The score's kind and encoded bytes.
fn encode_score(score: f64, out: &mut [u8; 16]) -> (u64, usize) {
    if let Some(l) = as_integer(score) {
        return (KIND_INT, put_varint(out, zigzag(l)));
    }
    if score.is_finite() {
        for (k, &p) in POW10.iter().enumerate().skip(1) {
            let m = (score * p).round();
            if m.abs() < MAX_MANTISSA && m / p == score {
                let v = (zigzag(m as i64) << 4) | k as u64;
                return (KIND_DEC, put_varint(out, v));
            }
        }
    }
    out[..8].copy_from_slice(&score.to_le_bytes());
    (KIND_F64, 8)
}

fn decode_score(kind: u64, buf: &[u8], pos: usize) -> (f64, usize) {
    match kind {
        KIND_INT => {
            let (v, end) = get_varint(buf, pos);
            (unzigzag(v) as f64, end)
        }
        KIND_DEC => {
            let (v, end) = get_varint(buf, pos);
            let m = unzigzag(v >> 4) as f64;
            (m / POW10[(v & 15) as usize], end)
        }
        _ => {
            let b: [u8; 8] = buf[pos..pos + 8].try_into().expect("8 score bytes");
            (f64::from_le_bytes(b), pos + 8)
        }
    }
}

/// Sorted-set order: by score, then by member bytes.
pub(crate) fn precedes(score_a: f64, member_a: &[u8], score_b: f64, member_b: &[u8]) -> bool {
    score_a < score_b || (score_a == score_b && member_a < member_b)
}

impl Listpack {
    /// Room for pairs taking `bytes` once encoded.
    pub fn with_capacity(bytes: usize) -> Self {
        Listpack {
            buf: Vec::with_capacity(HEADER + bytes),
        }
    }

    pub fn len(&self) -> usize {
        match self.buf.get(..HEADER) {
            Some(h) => u32::from_le_bytes(h.try_into().expect("4 header bytes")) as usize,
            None => 0,
        }
    }

    fn set_len(&mut self, n: usize) {
        if self.buf.is_empty() {
            self.buf.extend_from_slice(&[0; HEADER]);
        }
        self.buf[..HEADER].copy_from_slice(&(n as u32).to_le_bytes());
    }

    /// Bytes of the encoded pairs (and header): also the offset just past the last pair.
    pub fn bytes(&self) -> usize {
        self.buf.len()
    }

    pub fn heap_bytes(&self) -> usize {
        self.buf.capacity()
    }

    pub fn pair(&self, off: usize) -> Pair<'_> {
        let (h, pos) = get_varint(&self.buf, off);
        let mlen = (h >> 2) as usize;
        let member = &self.buf[pos..pos + mlen];
        let (score, next) = decode_score(h & 3, &self.buf, pos + mlen);
        Pair {
            member,
            score,
            next,
        }
    }

    /// Pairs in order, each with its offset.
    pub fn iter(&self) -> impl Iterator<Item = (usize, Pair<'_>)> + '_ {
        let mut off = HEADER;
        std::iter::from_fn(move || {
            if off >= self.buf.len() {
                return None;
            }
            let p = self.pair(off);
            let at = off;
            off = p.next;
            Some((at, p))
        })
    }

    /// Offsets of all pairs, for backward walks and positional access.
    pub fn offsets(&self) -> Vec<u32> {
        let mut v = Vec::with_capacity(self.len());
        v.extend(self.iter().map(|(off, _)| off as u32));
        v
    }

    pub fn offset_of_rank(&self, rank: usize) -> Option<usize> {
        self.iter().nth(rank).map(|(off, _)| off)
    }

    pub fn find(&self, member: &[u8]) -> Option<(usize, f64)> {
        let mut off = HEADER;
        while off < self.buf.len() {
            let (h, pos) = get_varint(&self.buf, off);
            let mlen = (h >> 2) as usize;
            let end = pos + mlen;
            if mlen == member.len() && &self.buf[pos..end] == member {
                return Some((off, decode_score(h & 3, &self.buf, end).0));
            }
            off = match h & 3 {
                KIND_F64 => end + 8,
                _ => get_varint(&self.buf, end).1,
            };
        }
        None
    }

    /// Position and rank of a member, with its score.
    pub fn rank_of(&self, member: &[u8]) -> Option<(usize, f64)> {
        self.iter()
            .enumerate()
            .find(|(_, (_, p))| p.member == member)
            .map(|(rank, (_, p))| (rank, p.score))
    }

    fn encode(member: &[u8], score: f64, out: &mut Vec<u8>) {
        let mut sbuf = [0u8; 16];
        let (kind, slen) = encode_score(score, &mut sbuf);
        let mut hbuf = [0u8; 10];
        let hlen = put_varint(&mut hbuf, ((member.len() as u64) << 2) | kind);
        out.reserve(hlen + member.len() + slen);
        out.extend_from_slice(&hbuf[..hlen]);
        out.extend_from_slice(member);
        out.extend_from_slice(&sbuf[..slen]);
    }

    /// Bytes a pair takes once encoded.
    pub fn encoded_len(member: &[u8], score: f64) -> usize {
        let mut sbuf = [0u8; 16];
        let (kind, slen) = encode_score(score, &mut sbuf);
        varint_len(((member.len() as u64) << 2) | kind) + member.len() + slen
    }

    /// Sized exactly, like Redis's listpacks: the allocator's size classes already leave room
    /// to grow in place, so most inserts do not move the buffer.
    fn make_room(&mut self, extra: usize) {
        self.buf.reserve_exact(extra);
    }

    fn release_room(&mut self) {
        self.buf.shrink_to_fit();
    }

    /// Inserts a member that is not present, keeping the order.
    pub fn insert(&mut self, member: &[u8], score: f64) {
        let at = self
            .iter()
            .find(|(_, p)| precedes(score, member, p.score, p.member))
            .map_or(self.buf.len().max(HEADER), |(off, _)| off);
        let mut enc = Vec::new();
        Self::encode(member, score, &mut enc);
        self.make_room(enc.len() + if self.buf.is_empty() { HEADER } else { 0 });
        let n = self.len();
        self.set_len(n + 1);
        self.buf.splice(at..at, enc);
    }

    /// Appends a pair that sorts after every present one (building from sorted input).
    pub fn push_back(&mut self, member: &[u8], score: f64) {
        let extra = Self::encoded_len(member, score);
        self.make_room(extra + if self.buf.is_empty() { HEADER } else { 0 });
        let n = self.len();
        self.set_len(n + 1);
        Self::encode(member, score, &mut self.buf);
    }

    /// Removes `count` pairs starting at byte offset `from`.
    pub fn remove_pairs(&mut self, from: usize, count: usize) {
        let mut end = from;
        for _ in 0..count {
            end = self.pair(end).next;
        }
        self.buf.drain(from..end);
        let left = self.len() - count;
        if left == 0 {
            self.buf = Vec::new();
        } else {
            self.set_len(left);
            self.release_room();
        }
    }
}
