//! Sorted, packed integers of one width (2, 4 or 8 bytes), like Redis's intset.
//!
//! One allocation: `[width][v0][v1]...` little-endian, ascending, behind a thin pointer. The
//! width only ever grows (when a value needs it), exactly as Redis never downgrades an intset.

use super::thin::Thin;

#[derive(Clone, Debug)]
pub(crate) struct Intset {
    buf: Thin,
}

fn width_for(v: i64) -> u8 {
    if i16::try_from(v).is_ok() {
        2
    } else if i32::try_from(v).is_ok() {
        4
    } else {
        8
    }
}

impl Intset {
    pub fn new() -> Intset {
        Intset {
            buf: Thin::new(&[2]),
        }
    }

    fn width(&self) -> usize {
        self.buf.as_bytes()[0] as usize
    }

    pub fn len(&self) -> usize {
        (self.buf.as_bytes().len() - 1) / self.width()
    }

    pub fn get(&self, i: usize) -> i64 {
        let w = self.width();
        let at = 1 + i * w;
        let b = &self.buf.as_bytes()[at..at + w];
        match w {
            2 => i16::from_le_bytes([b[0], b[1]]) as i64,
            4 => i32::from_le_bytes([b[0], b[1], b[2], b[3]]) as i64,
            _ => i64::from_le_bytes(b.try_into().expect("8 bytes")),
        }
    }

    pub fn min(&self) -> Option<i64> {
        (self.len() > 0).then(|| self.get(0))
    }

    pub fn max(&self) -> Option<i64> {
        let n = self.len();
        (n > 0).then(|| self.get(n - 1))
    }

    /// Binary search: Ok(index) when present, Err(insertion point) otherwise.
    fn search(&self, v: i64) -> Result<usize, usize> {
        let (mut lo, mut hi) = (0usize, self.len());
        while lo < hi {
            let mid = (lo + hi) / 2;
            let x = self.get(mid);
            if x == v {
                return Ok(mid);
            }
            if x < v {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        Err(lo)
    }

    pub fn contains(&self, v: i64) -> bool {
        // A value wider than the set's width cannot be in it.
        width_for(v) as usize <= self.width() && self.search(v).is_ok()
    }

    fn put(buf: &mut [u8], w: usize, i: usize, v: i64) {
        let at = 1 + i * w;
        buf[at..at + w].copy_from_slice(&v.to_le_bytes()[..w]);
    }

    /// Adds `v`; false when it was already there.
    pub fn insert(&mut self, v: i64) -> bool {
        let need = width_for(v) as usize;
        let w = self.width();
        if need > w {
            // The new value is outside the current range: it goes first or last.
            let n = self.len();
            let offset = usize::from(v < 0);
            let buf = Thin::build(1 + (n + 1) * need, |dst| {
                dst[0] = need as u8;
                for i in 0..n {
                    Self::put(dst, need, i + offset, self.get(i));
                }
                Self::put(dst, need, if v < 0 { 0 } else { n }, v);
            });
            self.buf = buf;
            return true;
        }
        let pos = match self.search(v) {
            Ok(_) => return false,
            Err(p) => p,
        };
        let old = self.buf.as_bytes();
        let at = 1 + pos * w;
        let buf = Thin::build(old.len() + w, |dst| {
            dst[..at].copy_from_slice(&old[..at]);
            dst[at..at + w].copy_from_slice(&v.to_le_bytes()[..w]);
            dst[at + w..].copy_from_slice(&old[at..]);
        });
        self.buf = buf;
        true
    }

    /// Removes `v`; false when it was not there.
    pub fn remove(&mut self, v: i64) -> bool {
        if !self.contains(v) {
            return false;
        }
        let Ok(pos) = self.search(v) else {
            return false;
        };
        let w = self.width();
        let old = self.buf.as_bytes();
        let at = 1 + pos * w;
        let buf = Thin::build(old.len() - w, |dst| {
            dst[..at].copy_from_slice(&old[..at]);
            dst[at..].copy_from_slice(&old[at + w..]);
        });
        self.buf = buf;
        true
    }

    /// Builds a set from values given in any order (duplicates allowed).
    pub fn from_values(values: &mut [i64]) -> Intset {
        values.sort_unstable();
        let w = values.iter().map(|&v| width_for(v)).max().unwrap_or(2) as usize;
        let mut buf = Vec::with_capacity(1 + values.len() * w);
        buf.push(w as u8);
        let mut last = None;
        for &v in values.iter() {
            if last != Some(v) {
                buf.extend_from_slice(&v.to_le_bytes()[..w]);
                last = Some(v);
            }
        }
        Intset {
            buf: Thin::new(&buf),
        }
    }

    /// Adds many values with one allocation; returns how many were new.
    pub fn insert_many(&mut self, values: &mut [i64]) -> usize {
        values.sort_unstable();
        let w = values
            .iter()
            .map(|&v| width_for(v) as usize)
            .fold(self.width(), usize::max);
        let n = self.len();
        let mut buf = Vec::with_capacity(1 + (n + values.len()) * w);
        buf.push(w as u8);
        let (mut i, mut j) = (0, 0);
        let mut last = None;
        while i < n || j < values.len() {
            let v = if j >= values.len() || (i < n && self.get(i) <= values[j]) {
                i += 1;
                self.get(i - 1)
            } else {
                j += 1;
                values[j - 1]
            };
            if last != Some(v) {
                buf.extend_from_slice(&v.to_le_bytes()[..w]);
                last = Some(v);
            }
        }
        let added = (buf.len() - 1) / w - n;
        self.buf = Thin::new(&buf);
        added
    }

    pub fn bytes(&self) -> usize {
        self.buf.size()
    }

    #[cfg(test)]
    pub fn encoding_width(&self) -> usize {
        self.width()
    }
}
