//! Redis's listpack: length-prefixed entries in one contiguous buffer.
//!
//! The bytes are laid out exactly as Redis lays them out, so sizes compare against Redis's
//! thresholds (`list-max-listpack-size`, quicklist node limits) to the byte, and a buffer can be
//! written to an RDB file as it is:
//!
//! ```text
//! [total bytes: u32 LE][entry count: u16 LE, 65535 = "walk to count"][entry]...[0xFF]
//! entry: [encoding + data][backlen = size of encoding + data: 1-5 bytes, read right to left]
//! ```
//!
//! A string that is a canonical integer ("7", "-12"; never "007", "+1" or "-0") is stored as an
//! integer in 1 to 9 bytes and reads back as the same decimal text, so every element round-trips
//! byte for byte.

use shoal_util::string2ll;

pub const HEADER_SIZE: usize = 6;
const EOF: u8 = 0xFF;
const COUNT_UNKNOWN: u16 = u16::MAX;

/// One element as stored: the bytes of a string, or an integer standing for its decimal text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Elem<'a> {
    Str(&'a [u8]),
    Int(i64),
}

impl Elem<'_> {
    /// The element's bytes, exactly as they were pushed.
    pub fn to_vec(&self) -> Vec<u8> {
        match *self {
            Elem::Str(s) => s.to_vec(),
            Elem::Int(v) => {
                let mut out = Vec::with_capacity(20);
                shoal_util::append_i64(&mut out, v);
                out
            }
        }
    }

    /// True when the element equals `probe` byte for byte.
    pub fn matches(&self, probe: &Probe<'_>) -> bool {
        match *self {
            // A stored string is never a canonical integer, so bytes decide.
            Elem::Str(s) => s == probe.bytes,
            Elem::Int(v) => probe.int == Some(v),
        }
    }
}

/// A value to compare elements with, parsed once.
#[derive(Clone, Copy, Debug)]
pub struct Probe<'a> {
    bytes: &'a [u8],
    int: Option<i64>,
}

impl<'a> Probe<'a> {
    pub fn new(bytes: &'a [u8]) -> Self {
        Probe {
            bytes,
            int: string2ll(bytes),
        }
    }
}

/// Size of the encoding byte(s) plus data for `s`, and its integer value when it is stored as one.
fn encoded_len(s: &[u8]) -> (usize, Option<i64>) {
    match string2ll(s) {
        Some(v) => (int_len(v), Some(v)),
        None => (str_header_len(s.len()) + s.len(), None),
    }
}

fn int_len(v: i64) -> usize {
    if (0..=127).contains(&v) {
        1
    } else if (-4096..=4095).contains(&v) {
        2
    } else if (-32768..=32767).contains(&v) {
        3
    } else if (-8_388_608..=8_388_607).contains(&v) {
        4
    } else if i32::try_from(v).is_ok() {
        5
    } else {
        9
    }
}

fn str_header_len(n: usize) -> usize {
    if n < 64 {
        1
    } else if n < 4096 {
        2
    } else {
        5
    }
}

fn backlen_len(l: usize) -> usize {
    if l <= 127 {
        1
    } else if l < 16383 {
        2
    } else if l < 2_097_151 {
        3
    } else if l < 268_435_455 {
        4
    } else {
        5
    }
}

/// Bytes a new entry holding `s` takes in a listpack (what `lpBytes` grows by).
pub fn entry_size(s: &[u8]) -> usize {
    let (l, _) = encoded_len(s);
    l + backlen_len(l)
}

fn write_int(dst: &mut [u8], v: i64) {
    if (0..=127).contains(&v) {
        dst[0] = v as u8;
    } else if (-4096..=4095).contains(&v) {
        let u = (v & 0x1FFF) as u16;
        dst[0] = 0xC0 | (u >> 8) as u8;
        dst[1] = u as u8;
    } else if (-32768..=32767).contains(&v) {
        dst[0] = 0xF1;
        dst[1..3].copy_from_slice(&(v as i16).to_le_bytes());
    } else if (-8_388_608..=8_388_607).contains(&v) {
        dst[0] = 0xF2;
        dst[1..4].copy_from_slice(&(v as i32).to_le_bytes()[..3]);
    } else if let Ok(v) = i32::try_from(v) {
        dst[0] = 0xF3;
        dst[1..5].copy_from_slice(&v.to_le_bytes());
    } else {
        dst[0] = 0xF4;
        dst[1..9].copy_from_slice(&v.to_le_bytes());
    }
}

/// The backlen stores `l` in 7-bit groups; the last byte holds the lowest group and every byte
/// but the first has its high bit set, so it decodes walking left from the next entry.
fn write_backlen(dst: &mut [u8], l: usize) {
    let n = dst.len();
    for i in 0..n {
        let group = ((l >> (7 * i)) & 0x7F) as u8;
        dst[n - 1 - i] = if i + 1 < n { group | 0x80 } else { group };
    }
}

/// Writes the full entry for `s` into `dst`, which is exactly `l + backlen_len(l)` long.
fn write_entry(dst: &mut [u8], s: &[u8], int: Option<i64>, l: usize) {
    match int {
        Some(v) => write_int(dst, v),
        None => {
            let n = s.len();
            let h = str_header_len(n);
            match h {
                1 => dst[0] = 0x80 | n as u8,
                2 => {
                    dst[0] = 0xE0 | (n >> 8) as u8;
                    dst[1] = n as u8;
                }
                _ => {
                    // 4 GiB would not fit the length field; Redis keeps such elements outside
                    // listpacks, and they need proto-max-bulk-len far above its default.
                    debug_assert!(u32::try_from(n).is_ok());
                    dst[0] = 0xF0;
                    dst[1..5].copy_from_slice(&(n as u32).to_le_bytes());
                }
            }
            dst[h..h + n].copy_from_slice(s);
        }
    }
    write_backlen(&mut dst[l..], l);
}

#[derive(Clone, PartialEq, Eq)]
pub struct Listpack {
    buf: Vec<u8>,
}

impl Default for Listpack {
    fn default() -> Self {
        Self::new()
    }
}

impl std::fmt::Debug for Listpack {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_list().entries(self.iter()).finish()
    }
}

impl Listpack {
    pub fn new() -> Self {
        let mut buf = Vec::with_capacity(16);
        buf.extend_from_slice(&[7, 0, 0, 0, 0, 0, EOF]);
        Listpack { buf }
    }

    /// Total size in bytes (Redis's `lpBytes`).
    pub fn bytes(&self) -> usize {
        self.buf.len()
    }

    /// The raw listpack, as Redis would store it in an RDB file.
    pub fn as_bytes(&self) -> &[u8] {
        &self.buf
    }

    /// Heap bytes held, slack included.
    pub fn capacity(&self) -> usize {
        self.buf.capacity()
    }

    /// Drops all growth slack (a node that will not grow again). A fresh exact allocation
    /// rather than `shrink_to_fit`: allocators such as mimalloc and jemalloc keep a block where
    /// it is when it shrinks by less than half, so a realloc would free nothing.
    pub fn compact(&mut self) {
        if self.buf.capacity() > self.buf.len() {
            self.buf = self.buf.as_slice().to_vec();
        }
    }

    /// After a deletion: give memory back once less than half the buffer is in use.
    fn release_slack(&mut self) {
        let len = self.buf.len();
        if self.buf.capacity() > 2 * len + 64 {
            self.buf.shrink_to(len + len / 8);
        }
    }

    pub fn len(&self) -> usize {
        let n = u16::from_le_bytes([self.buf[4], self.buf[5]]);
        if n != COUNT_UNKNOWN {
            n as usize
        } else {
            self.iter().count()
        }
    }

    pub fn is_empty(&self) -> bool {
        self.buf[HEADER_SIZE] == EOF
    }

    fn write_header(&mut self, count: usize) {
        let total = u32::try_from(self.buf.len()).unwrap_or(u32::MAX);
        self.buf[0..4].copy_from_slice(&total.to_le_bytes());
        let n = u16::try_from(count)
            .ok()
            .filter(|&n| n != COUNT_UNKNOWN)
            .unwrap_or(COUNT_UNKNOWN);
        self.buf[4..6].copy_from_slice(&n.to_le_bytes());
    }

    /// Grows capacity by about an eighth past what is needed: repeated pushes stay amortised
    /// without the up-to-2x slack of doubling.
    fn reserve(&mut self, extra: usize) {
        let need = self.buf.len() + extra;
        if need > self.buf.capacity() {
            let target = need + need / 8;
            self.buf.reserve_exact(target - self.buf.len());
        }
    }

    /// Decodes the entry at `p`: its value and the size of its encoding plus data.
    fn decode(&self, p: usize) -> (Elem<'_>, usize) {
        let b = &self.buf;
        let c = b[p];
        if c < 0x80 {
            (Elem::Int(i64::from(c)), 1)
        } else if c < 0xC0 {
            let n = usize::from(c & 0x3F);
            (Elem::Str(&b[p + 1..p + 1 + n]), 1 + n)
        } else if c < 0xE0 {
            let u = i64::from(u16::from(c & 0x1F) << 8 | u16::from(b[p + 1]));
            (Elem::Int(if u >= 4096 { u - 8192 } else { u }), 2)
        } else if c < 0xF0 {
            let n = usize::from(c & 0x0F) << 8 | usize::from(b[p + 1]);
            (Elem::Str(&b[p + 2..p + 2 + n]), 2 + n)
        } else {
            match c {
                0xF0 => {
                    let n = u32::from_le_bytes(b[p + 1..p + 5].try_into().expect("4 bytes"));
                    let n = n as usize;
                    (Elem::Str(&b[p + 5..p + 5 + n]), 5 + n)
                }
                0xF1 => {
                    let v = i16::from_le_bytes([b[p + 1], b[p + 2]]);
                    (Elem::Int(i64::from(v)), 3)
                }
                0xF2 => {
                    let v = i32::from_le_bytes([0, b[p + 1], b[p + 2], b[p + 3]]) >> 8;
                    (Elem::Int(i64::from(v)), 4)
                }
                0xF3 => {
                    let v = i32::from_le_bytes(b[p + 1..p + 5].try_into().expect("4 bytes"));
                    (Elem::Int(i64::from(v)), 5)
                }
                0xF4 => {
                    let v = i64::from_le_bytes(b[p + 1..p + 9].try_into().expect("8 bytes"));
                    (Elem::Int(v), 9)
                }
                _ => panic!("corrupt listpack entry encoding {c:#x}"),
            }
        }
    }

    /// Total size of the entry at `p`, backlen included.
    fn entry_len(&self, p: usize) -> usize {
        let (_, l) = self.decode(p);
        l + backlen_len(l)
    }

    /// The element at byte position `p` (from `first`, `next`, `seek`...).
    pub fn get(&self, p: usize) -> Elem<'_> {
        self.decode(p).0
    }

    pub fn first(&self) -> Option<usize> {
        (!self.is_empty()).then_some(HEADER_SIZE)
    }

    pub fn last(&self) -> Option<usize> {
        if self.is_empty() {
            None
        } else {
            self.prev(self.buf.len() - 1)
        }
    }

    pub fn next(&self, p: usize) -> Option<usize> {
        let q = p + self.entry_len(p);
        (self.buf[q] != EOF).then_some(q)
    }

    /// The entry before position `p` (`p` may be the end marker's position).
    pub fn prev(&self, p: usize) -> Option<usize> {
        if p <= HEADER_SIZE {
            return None;
        }
        let mut q = p - 1;
        let mut l = 0usize;
        let mut shift = 0;
        loop {
            let b = self.buf[q];
            l |= usize::from(b & 0x7F) << shift;
            if b & 0x80 == 0 {
                break;
            }
            shift += 7;
            q -= 1;
        }
        Some(p - l - backlen_len(l))
    }

    /// Byte position of element `index` (negative counts from the tail), walking from the
    /// nearer end.
    pub fn seek(&self, index: i64) -> Option<usize> {
        let len = self.len() as i64;
        let idx = if index < 0 { len + index } else { index };
        if idx < 0 || idx >= len {
            return None;
        }
        if idx <= len / 2 {
            let mut p = self.first()?;
            for _ in 0..idx {
                p = self.next(p)?;
            }
            Some(p)
        } else {
            let mut p = self.last()?;
            for _ in 0..(len - 1 - idx) {
                p = self.prev(p)?;
            }
            Some(p)
        }
    }

    /// Position of the end marker, where appended entries go.
    fn end(&self) -> usize {
        self.buf.len() - 1
    }

    /// Inserts `s` as a new entry starting at byte position `at`.
    pub fn insert_at(&mut self, at: usize, s: &[u8]) {
        let count = self.len();
        let (l, int) = encoded_len(s);
        let size = l + backlen_len(l);
        self.reserve(size);
        let old = self.buf.len();
        self.buf.resize(old + size, 0);
        self.buf.copy_within(at..old, at + size);
        write_entry(&mut self.buf[at..at + size], s, int, l);
        self.write_header(count + 1);
    }

    pub fn push_front(&mut self, s: &[u8]) {
        self.insert_at(HEADER_SIZE, s);
    }

    pub fn push_back(&mut self, s: &[u8]) {
        let at = self.end();
        self.insert_at(at, s);
    }

    /// Inserts `s` before (`after == false`) or after the entry at `p`.
    pub fn insert_near(&mut self, p: usize, s: &[u8], after: bool) {
        let at = if after { p + self.entry_len(p) } else { p };
        self.insert_at(at, s);
    }

    /// Replaces the entry at `p` with `s`.
    pub fn replace_at(&mut self, p: usize, s: &[u8]) {
        let count = self.len();
        let old_size = self.entry_len(p);
        let (l, int) = encoded_len(s);
        let size = l + backlen_len(l);
        if size > old_size {
            self.reserve(size - old_size);
            let old = self.buf.len();
            self.buf.resize(old + size - old_size, 0);
            self.buf.copy_within(p + old_size..old, p + size);
        } else if size < old_size {
            self.buf.copy_within(p + old_size.., p + size);
            self.buf.truncate(self.buf.len() - (old_size - size));
        }
        write_entry(&mut self.buf[p..p + size], s, int, l);
        self.write_header(count);
    }

    /// Removes the entry at `p`; the next entry (if any) then starts at `p`.
    pub fn delete_at(&mut self, p: usize) {
        let count = self.len();
        let size = self.entry_len(p);
        self.buf.drain(p..p + size);
        self.write_header(count - 1);
        self.release_slack();
    }

    /// Removes up to `num` entries starting at element `index` (negative counts from the tail),
    /// like Redis's `lpDeleteRange`.
    pub fn delete_range(&mut self, index: i64, num: usize) {
        if num == 0 {
            return;
        }
        let Some(start) = self.seek(index) else {
            return;
        };
        let count = self.len();
        let mut end = start;
        let mut removed = 0;
        while removed < num && self.buf[end] != EOF {
            end += self.entry_len(end);
            removed += 1;
        }
        self.buf.drain(start..end);
        self.write_header(count - removed);
        self.release_slack();
    }

    /// Removes the entries starting at the given byte positions (ascending, each an entry start).
    pub fn delete_positions(&mut self, positions: &[usize]) {
        let Some(&first) = positions.first() else {
            return;
        };
        let count = self.len();
        let mut write = first;
        for (i, &p) in positions.iter().enumerate() {
            let kept_from = p + self.entry_len(p);
            let kept_to = positions.get(i + 1).copied().unwrap_or(self.buf.len());
            self.buf.copy_within(kept_from..kept_to, write);
            write += kept_to - kept_from;
        }
        self.buf.truncate(write);
        self.write_header(count - positions.len());
        self.release_slack();
    }

    /// Splits at element `index`: `self` keeps `[0, index)` and the rest is returned.
    pub fn split_off(&mut self, index: usize) -> Listpack {
        let count = self.len();
        let at = self.seek(index as i64).unwrap_or(self.end());
        let mut tail = Listpack {
            buf: Vec::with_capacity(HEADER_SIZE + self.buf.len() - at),
        };
        tail.buf.extend_from_slice(&[0; HEADER_SIZE]);
        tail.buf.extend_from_slice(&self.buf[at..]);
        tail.write_header(count - index.min(count));
        self.buf.truncate(at);
        self.buf.push(EOF);
        self.write_header(index.min(count));
        self.release_slack();
        tail
    }

    /// Appends every entry of `other` (Redis's `lpMerge` of two neighbours).
    pub fn append(&mut self, other: &Listpack) {
        let count = self.len() + other.len();
        self.reserve(other.buf.len() - HEADER_SIZE - 1);
        self.buf.pop();
        self.buf.extend_from_slice(&other.buf[HEADER_SIZE..]);
        self.write_header(count);
    }

    pub fn iter(&self) -> Iter<'_> {
        Iter {
            lp: self,
            pos: self.first(),
        }
    }
}

/// Elements from head to tail.
pub struct Iter<'a> {
    lp: &'a Listpack,
    pos: Option<usize>,
}

impl<'a> Iterator for Iter<'a> {
    type Item = Elem<'a>;

    fn next(&mut self) -> Option<Elem<'a>> {
        let p = self.pos?;
        self.pos = self.lp.next(p);
        Some(self.lp.get(p))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lp(items: &[&[u8]]) -> Listpack {
        let mut l = Listpack::new();
        for i in items {
            l.push_back(i);
        }
        l
    }

    fn vals(l: &Listpack) -> Vec<Vec<u8>> {
        l.iter().map(|e| e.to_vec()).collect()
    }

    #[test]
    fn empty_is_seven_bytes() {
        let l = Listpack::new();
        assert_eq!(l.as_bytes(), &[7, 0, 0, 0, 0, 0, 0xFF]);
        assert_eq!(l.len(), 0);
        assert!(l.first().is_none() && l.last().is_none());
    }

    #[test]
    fn exact_bytes_match_redis_layout() {
        // Redis: lpAppend("a"), lpAppend("5"), lpAppend("-1")
        let l = lp(&[b"a", b"5", b"-1"]);
        assert_eq!(
            l.as_bytes(),
            &[
                15, 0, 0, 0, 3, 0, // header: 15 bytes, 3 entries
                0x81, b'a', 2, // 6-bit string
                5, 1, // 7-bit uint
                0xDF, 0xFF, 2, // 13-bit int -1
                0xFF
            ]
        );
    }

    #[test]
    fn integer_encodings_round_trip() {
        let cases: &[i64] = &[
            0,
            127,
            128,
            -1,
            -4096,
            4095,
            4096,
            -4097,
            32767,
            -32768,
            32768,
            8_388_607,
            -8_388_608,
            8_388_608,
            i32::MAX as i64,
            i32::MIN as i64,
            i32::MAX as i64 + 1,
            i64::MAX,
            i64::MIN,
        ];
        let texts: Vec<Vec<u8>> = cases.iter().map(|v| v.to_string().into_bytes()).collect();
        let refs: Vec<&[u8]> = texts.iter().map(|t| t.as_slice()).collect();
        let l = lp(&refs);
        assert_eq!(vals(&l), texts);
        for (v, t) in cases.iter().zip(&texts) {
            let size = entry_size(t);
            assert_eq!(size, int_len(*v) + 1, "{v}");
        }
        // Walking backwards decodes every backlen.
        let mut back = Vec::new();
        let mut p = l.last();
        while let Some(q) = p {
            back.push(l.get(q).to_vec());
            p = l.prev(q);
        }
        back.reverse();
        assert_eq!(back, texts);
    }

    #[test]
    fn non_canonical_numbers_stay_strings() {
        for s in [
            &b"007"[..],
            b"+1",
            b"-0",
            b" 1",
            b"1 ",
            b"99999999999999999999",
            b"",
        ] {
            let l = lp(&[s]);
            assert_eq!(l.get(l.first().unwrap()), Elem::Str(s));
        }
    }

    #[test]
    fn string_length_classes() {
        for n in [0usize, 63, 64, 4095, 4096, 70_000] {
            let s = vec![b'x'; n];
            let l = lp(&[&s, b"z"]);
            assert_eq!(vals(&l), vec![s.clone(), b"z".to_vec()]);
            assert_eq!(l.bytes(), 7 + entry_size(&s) + 3);
            let last = l.last().unwrap();
            assert_eq!(l.get(l.prev(last).unwrap()), Elem::Str(&s));
        }
        assert_eq!(entry_size(&[b'x'; 63]), 1 + 63 + 1);
        assert_eq!(entry_size(&[b'x'; 64]), 2 + 64 + 1);
        assert_eq!(entry_size(&[b'x'; 126]), 2 + 126 + 2);
        assert_eq!(entry_size(&[b'x'; 4096]), 5 + 4096 + 2);
    }

    #[test]
    fn edits() {
        let mut l = lp(&[b"a", b"b", b"c", b"d", b"e"]);
        l.push_front(b"0");
        assert_eq!(vals(&l)[0], b"0");
        l.delete_range(-2, 10);
        assert_eq!(
            vals(&l),
            vec![b"0".to_vec(), b"a".into(), b"b".into(), b"c".into()]
        );
        let p = l.seek(1).unwrap();
        l.replace_at(p, &[b'y'; 300]);
        l.replace_at(l.seek(2).unwrap(), b"12");
        assert_eq!(
            vals(&l),
            vec![b"0".to_vec(), vec![b'y'; 300], b"12".into(), b"c".into()]
        );
        l.replace_at(l.seek(1).unwrap(), b"q");
        let tail = l.split_off(2);
        assert_eq!(vals(&l), vec![b"0".to_vec(), b"q".into()]);
        assert_eq!(vals(&tail), vec![b"12".to_vec(), b"c".into()]);
        let mut joined = l.clone();
        joined.append(&tail);
        assert_eq!(joined.bytes(), l.bytes() + tail.bytes() - 7);
        assert_eq!(joined.len(), 4);
        let ps: Vec<usize> = [0, 2].iter().map(|&i| joined.seek(i).unwrap()).collect();
        joined.delete_positions(&ps);
        assert_eq!(vals(&joined), vec![b"q".to_vec(), b"c".into()]);
        assert_eq!(joined, lp(&[b"q", b"c"]));
    }
}
