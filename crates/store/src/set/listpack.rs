//! Small sets of strings: one contiguous buffer, `[count: u32][varint len][bytes]...` entries in
//! insertion order, searched linearly (Redis's listpack encoding; it only ever holds few, short
//! entries). Keeping the count in the buffer keeps the whole set value at 24 bytes.

use super::thin::Thin;
use super::varint;

#[derive(Clone, Debug)]
pub(crate) struct Listpack {
    buf: Thin,
}

const HEAD: usize = 4;

pub(crate) struct Iter<'a> {
    buf: &'a [u8],
    pos: usize,
}

impl<'a> Iterator for Iter<'a> {
    type Item = &'a [u8];

    fn next(&mut self) -> Option<&'a [u8]> {
        if self.pos >= self.buf.len() {
            return None;
        }
        let (len, n) = varint::read(&self.buf[self.pos..]);
        let start = self.pos + n;
        self.pos = start + len;
        Some(&self.buf[start..start + len])
    }
}

impl Listpack {
    pub fn new() -> Listpack {
        Listpack {
            buf: Thin::new(&[0u8; HEAD]),
        }
    }

    fn count(&self) -> u32 {
        u32::from_le_bytes(self.buf.as_bytes()[..HEAD].try_into().expect("4 bytes"))
    }

    fn set_count(buf: &mut [u8], n: u32) {
        buf[..HEAD].copy_from_slice(&n.to_le_bytes());
    }

    pub fn len(&self) -> usize {
        self.count() as usize
    }

    /// Whether one more entry still fits the count field (never reached in practice).
    pub fn has_room(&self) -> bool {
        self.count() < u32::MAX
    }

    pub fn iter(&self) -> Iter<'_> {
        Iter {
            buf: self.buf.as_bytes(),
            pos: HEAD,
        }
    }

    /// Byte range of the entry (length prefix included) equal to `m`.
    fn find(&self, m: &[u8]) -> Option<(usize, usize)> {
        let buf = self.buf.as_bytes();
        let mut pos = HEAD;
        while pos < buf.len() {
            let (len, n) = varint::read(&buf[pos..]);
            let start = pos + n;
            if &buf[start..start + len] == m {
                return Some((pos, start + len));
            }
            pos = start + len;
        }
        None
    }

    pub fn contains(&self, m: &[u8]) -> bool {
        self.find(m).is_some()
    }

    /// Appends `m`, which the caller knows is absent.
    pub fn push(&mut self, m: &[u8]) {
        let mut head = [0u8; varint::MAX];
        let n = varint::write(&mut head, m.len());
        let count = self.count() + 1;
        let old = self.buf.as_bytes();
        let buf = Thin::build(old.len() + n + m.len(), |dst| {
            dst[..old.len()].copy_from_slice(old);
            dst[old.len()..old.len() + n].copy_from_slice(&head[..n]);
            dst[old.len() + n..].copy_from_slice(m);
            Self::set_count(dst, count);
        });
        self.buf = buf;
    }

    pub fn remove(&mut self, m: &[u8]) -> bool {
        let Some((from, to)) = self.find(m) else {
            return false;
        };
        let count = self.count() - 1;
        let old = self.buf.as_bytes();
        let buf = Thin::build(old.len() - (to - from), |dst| {
            dst[..from].copy_from_slice(&old[..from]);
            dst[from..].copy_from_slice(&old[to..]);
            Self::set_count(dst, count);
        });
        self.buf = buf;
        true
    }

    pub fn bytes(&self) -> usize {
        self.buf.size()
    }
}
