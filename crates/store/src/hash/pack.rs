//! The compact encoding (Redis's listpack): every pair in one exact-size heap buffer, in
//! insertion order, so a small hash costs one allocation. Fields with a TTL never live here:
//! giving one a TTL moves the hash to the full encoding (as Valkey does).
//!
//! ```text
//! entry: [varint field len][field][varint value len][value]
//! ```

use super::varint;

#[derive(Clone, Debug, Default)]
pub struct Pack {
    buf: Box<[u8]>,
    len: u32,
}

/// Where one entry lies in the buffer.
#[derive(Clone, Copy)]
struct At {
    start: usize,
    field: (usize, usize),
    value: (usize, usize),
    end: usize,
}

fn encode(out: &mut Vec<u8>, field: &[u8], value: &[u8]) {
    varint::put(out, field.len() as u64);
    out.extend_from_slice(field);
    varint::put(out, value.len() as u64);
    out.extend_from_slice(value);
}

fn encoded_len(field: &[u8], value: &[u8]) -> usize {
    varint::len(field.len() as u64) + field.len() + varint::len(value.len() as u64) + value.len()
}

impl Pack {
    pub fn len(&self) -> usize {
        self.len as usize
    }

    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    pub fn bytes(&self) -> usize {
        self.buf.len()
    }

    fn decode(&self, start: usize) -> At {
        let (flen, p) = varint::get(&self.buf, start);
        let field = (p, flen as usize);
        let (vlen, p) = varint::get(&self.buf, p + flen as usize);
        At {
            start,
            field,
            value: (p, vlen as usize),
            end: p + vlen as usize,
        }
    }

    fn slice(&self, (at, len): (usize, usize)) -> &[u8] {
        &self.buf[at..at + len]
    }

    fn entries(&self) -> impl Iterator<Item = At> + '_ {
        let mut pos = 0;
        std::iter::from_fn(move || {
            if pos >= self.buf.len() {
                return None;
            }
            let at = self.decode(pos);
            pos = at.end;
            Some(at)
        })
    }

    fn find(&self, field: &[u8]) -> Option<At> {
        self.entries().find(|a| self.slice(a.field) == field)
    }

    /// `(field, value)` in insertion order.
    pub fn iter(&self) -> impl Iterator<Item = (&[u8], &[u8])> + '_ {
        self.entries()
            .map(|a| (self.slice(a.field), self.slice(a.value)))
    }

    pub fn get(&self, field: &[u8]) -> Option<&[u8]> {
        self.find(field).map(|a| self.slice(a.value))
    }

    /// Replaces `range` of the buffer by `with`, leaving an exact-size allocation.
    fn splice(&mut self, range: std::ops::Range<usize>, with: &[u8]) {
        let mut out = Vec::with_capacity(self.buf.len() - range.len() + with.len());
        out.extend_from_slice(&self.buf[..range.start]);
        out.extend_from_slice(with);
        out.extend_from_slice(&self.buf[range.end..]);
        self.buf = out.into_boxed_slice();
    }

    /// Sets `field` to `value`; true when the field is new.
    pub fn insert(&mut self, field: &[u8], value: &[u8]) -> bool {
        match self.find(field) {
            Some(a) => {
                self.overwrite(a, field, value);
                false
            }
            None => {
                let mut e = Vec::with_capacity(encoded_len(field, value));
                encode(&mut e, field, value);
                let end = self.buf.len();
                self.splice(end..end, &e);
                self.len += 1;
                true
            }
        }
    }

    /// Replaces the value of the entry at `a`. A value of the same length (the common HSET of
    /// a counter or a fixed-size field) is written in place: no allocation.
    fn overwrite(&mut self, a: At, field: &[u8], value: &[u8]) {
        if value.len() == a.value.1 {
            let at = a.value.0;
            self.buf[at..at + value.len()].copy_from_slice(value);
            return;
        }
        let mut e = Vec::with_capacity(encoded_len(field, value));
        encode(&mut e, field, value);
        self.splice(a.start..a.end, &e);
    }

    /// Sets pairs `0..n` (a later duplicate's value wins, the first one's position counts, as
    /// in Redis) with one allocation for all the new fields and no temporary ones. Returns how
    /// many fields are new.
    pub fn insert_many<'a>(
        &mut self,
        n: usize,
        pair: impl Fn(usize) -> (&'a [u8], &'a [u8]),
    ) -> usize {
        let first_seen = |i: usize, f: &[u8]| (0..i).all(|j| pair(j).0 != f);
        let last_value = |i: usize, f: &[u8]| {
            (i..n)
                .rev()
                .map(&pair)
                .find(|(g, _)| *g == f)
                .map_or(pair(i).1, |(_, v)| v)
        };
        let mut extra = 0;
        let mut fresh = 0;
        for i in 0..n {
            let f = pair(i).0;
            if !first_seen(i, f) {
                continue;
            }
            let v = last_value(i, f);
            if let Some(a) = self.find(f) {
                self.overwrite(a, f, v);
            } else {
                extra += encoded_len(f, v);
                fresh += 1;
            }
        }
        if fresh == 0 {
            return 0;
        }
        let old = self.buf.len();
        let mut out = Vec::with_capacity(old + extra);
        out.extend_from_slice(&self.buf);
        for i in 0..n {
            let f = pair(i).0;
            if first_seen(i, f) && self.slice_find(&out[..old], f).is_none() {
                encode(&mut out, f, last_value(i, f));
            }
        }
        self.buf = out.into_boxed_slice();
        self.len += fresh as u32;
        fresh
    }

    /// Whether `field` is in the entries of `buf` (a prefix of this pack's layout).
    fn slice_find(&self, buf: &[u8], field: &[u8]) -> Option<()> {
        let mut pos = 0;
        while pos < buf.len() {
            let (flen, p) = varint::get(buf, pos);
            let f = &buf[p..p + flen as usize];
            let (vlen, p) = varint::get(buf, p + flen as usize);
            if f == field {
                return Some(());
            }
            pos = p + vlen as usize;
        }
        None
    }

    pub fn remove(&mut self, field: &[u8]) -> bool {
        match self.find(field) {
            Some(a) => {
                self.splice(a.start..a.end, &[]);
                self.len -= 1;
                true
            }
            None => false,
        }
    }
}
