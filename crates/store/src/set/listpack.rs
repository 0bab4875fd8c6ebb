//! Small sets of strings: one contiguous buffer, `[count: u32][varint len][bytes]...` entries in
//! insertion order, searched linearly (Redis's listpack encoding; it only ever holds few, short
//! entries). Keeping the count in the buffer keeps the whole set value at 24 bytes.

use super::varint;

#[derive(Clone, Debug)]
pub(crate) struct Listpack {
    buf: Box<[u8]>,
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
            buf: Box::new([0u8; HEAD]),
        }
    }

    fn count(&self) -> u32 {
        u32::from_le_bytes(self.buf[..HEAD].try_into().expect("4 bytes"))
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
            buf: &self.buf,
            pos: HEAD,
        }
    }

    /// Byte range of the entry (length prefix included) equal to `m`.
    fn find(&self, m: &[u8]) -> Option<(usize, usize)> {
        let mut pos = HEAD;
        while pos < self.buf.len() {
            let (len, n) = varint::read(&self.buf[pos..]);
            let start = pos + n;
            if &self.buf[start..start + len] == m {
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
        let mut buf = std::mem::take(&mut self.buf).into_vec();
        buf.reserve_exact(n + m.len());
        buf.extend_from_slice(&head[..n]);
        buf.extend_from_slice(m);
        Self::set_count(&mut buf, count);
        self.buf = buf.into_boxed_slice();
    }

    pub fn remove(&mut self, m: &[u8]) -> bool {
        let Some((from, to)) = self.find(m) else {
            return false;
        };
        let n = self.count() - 1;
        let mut buf = std::mem::take(&mut self.buf).into_vec();
        buf.drain(from..to);
        Self::set_count(&mut buf, n);
        self.buf = buf.into_boxed_slice();
        true
    }

    pub fn bytes(&self) -> usize {
        self.buf.len()
    }
}
