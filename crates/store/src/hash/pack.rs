//! The compact encoding (Redis's listpack / listpackex): every pair in one exact-size heap
//! buffer, in insertion order, so a small hash costs one allocation.
//!
//! ```text
//! entry: [varint field len][field][varint value len][value]            (plain)
//!        [varint field len][field][varint value len][value][varint ttl] (ex: ttl 0 = none)
//! ```
//! Once a hash has been given field expiry it stays in the `ex` layout, as Redis keeps
//! listpackex, and `OBJECT ENCODING` says so.

use super::varint;

#[derive(Clone, Debug, Default)]
pub struct Pack {
    buf: Box<[u8]>,
    len: u32,
    ex: bool,
}

/// Where one entry lies in the buffer.
#[derive(Clone, Copy)]
struct At {
    start: usize,
    field: (usize, usize),
    value: (usize, usize),
    ttl: u64,
    end: usize,
}

fn encode(out: &mut Vec<u8>, field: &[u8], value: &[u8], ex: bool, ttl: u64) {
    varint::put(out, field.len() as u64);
    out.extend_from_slice(field);
    varint::put(out, value.len() as u64);
    out.extend_from_slice(value);
    if ex {
        varint::put(out, ttl);
    }
}

fn encoded_len(field: &[u8], value: &[u8], ex: bool, ttl: u64) -> usize {
    varint::len(field.len() as u64)
        + field.len()
        + varint::len(value.len() as u64)
        + value.len()
        + if ex { varint::len(ttl) } else { 0 }
}

impl Pack {
    pub fn len(&self) -> usize {
        self.len as usize
    }

    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    pub fn is_ex(&self) -> bool {
        self.ex
    }

    pub fn bytes(&self) -> usize {
        self.buf.len()
    }

    fn decode(&self, start: usize) -> At {
        let (flen, p) = varint::get(&self.buf, start);
        let field = (p, flen as usize);
        let (vlen, p) = varint::get(&self.buf, p + flen as usize);
        let value = (p, vlen as usize);
        let mut end = p + vlen as usize;
        let mut ttl = 0;
        if self.ex {
            (ttl, end) = varint::get(&self.buf, end);
        }
        At {
            start,
            field,
            value,
            ttl,
            end,
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

    /// `(field, value, ttl)` in insertion order; ttl 0 means none.
    pub fn iter(&self) -> impl Iterator<Item = (&[u8], &[u8], u64)> + '_ {
        self.entries()
            .map(|a| (self.slice(a.field), self.slice(a.value), a.ttl))
    }

    pub fn get(&self, field: &[u8]) -> Option<&[u8]> {
        self.find(field).map(|a| self.slice(a.value))
    }

    /// `None`: no such field; `Some(0)`: no TTL.
    pub fn ttl(&self, field: &[u8]) -> Option<u64> {
        self.find(field).map(|a| a.ttl)
    }

    /// Replaces `range` of the buffer by `with`, leaving an exact-size allocation.
    fn splice(&mut self, range: std::ops::Range<usize>, with: &[u8]) {
        let mut out = Vec::with_capacity(self.buf.len() - range.len() + with.len());
        out.extend_from_slice(&self.buf[..range.start]);
        out.extend_from_slice(with);
        out.extend_from_slice(&self.buf[range.end..]);
        self.buf = out.into_boxed_slice();
    }

    /// Sets `field` to `value`; true when the field is new. An overwritten field loses its TTL
    /// unless `keep_ttl`.
    pub fn insert(&mut self, field: &[u8], value: &[u8], keep_ttl: bool) -> bool {
        match self.find(field) {
            Some(a) => {
                let ttl = if keep_ttl { a.ttl } else { 0 };
                self.overwrite(a, field, value, ttl);
                false
            }
            None => {
                let mut e = Vec::with_capacity(encoded_len(field, value, self.ex, 0));
                encode(&mut e, field, value, self.ex, 0);
                let end = self.buf.len();
                self.splice(end..end, &e);
                self.len += 1;
                true
            }
        }
    }

    /// Replaces the value (and TTL) of the entry at `a`. A value of the same length (the
    /// common HSET of a counter or a fixed-size field) is written in place: no allocation.
    fn overwrite(&mut self, a: At, field: &[u8], value: &[u8], ttl: u64) {
        let same_ttl_len = !self.ex || varint::len(ttl) == varint::len(a.ttl);
        if value.len() == a.value.1 && same_ttl_len {
            let at = a.value.0;
            self.buf[at..at + value.len()].copy_from_slice(value);
            if self.ex {
                let mut t = Vec::with_capacity(10);
                varint::put(&mut t, ttl);
                self.buf[a.value.0 + value.len()..a.end].copy_from_slice(&t);
            }
            return;
        }
        let mut e = Vec::with_capacity(encoded_len(field, value, self.ex, ttl));
        encode(&mut e, field, value, self.ex, ttl);
        self.splice(a.start..a.end, &e);
    }

    /// Sets pairs `0..n` (a later duplicate's value wins, the first one's position counts, as
    /// in Redis) with one allocation for all the new fields and no temporary ones; overwritten
    /// fields lose their TTL. Returns how many fields are new.
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
                self.overwrite(a, f, v, 0);
            } else {
                extra += encoded_len(f, v, self.ex, 0);
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
                encode(&mut out, f, last_value(i, f), self.ex, 0);
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
            let mut end = p + vlen as usize;
            if self.ex {
                end = varint::get(buf, end).1;
            }
            if f == field {
                return Some(());
            }
            pos = end;
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

    /// Switches to the layout with a TTL slot per entry (Redis's listpack -> listpackex).
    pub fn make_ex(&mut self) {
        if self.ex {
            return;
        }
        let mut out = Vec::with_capacity(self.buf.len() + self.len as usize);
        for (f, v, _) in self.iter() {
            encode(&mut out, f, v, true, 0);
        }
        self.buf = out.into_boxed_slice();
        self.ex = true;
    }

    /// Sets or clears (`0`) the TTL of an existing field; false when the field is missing.
    pub fn set_ttl(&mut self, field: &[u8], ttl: u64) -> bool {
        self.make_ex();
        let Some(a) = self.find(field) else {
            return false;
        };
        if a.ttl == ttl {
            return true;
        }
        let ttl_at = a.value.0 + a.value.1;
        let mut t = Vec::with_capacity(varint::len(ttl));
        varint::put(&mut t, ttl);
        self.splice(ttl_at..a.end, &t);
        true
    }

    pub fn has_ttls(&self) -> bool {
        self.ex && self.entries().any(|a| a.ttl != 0)
    }

    /// The earliest field TTL, 0 when none.
    pub fn min_ttl(&self) -> u64 {
        if !self.ex {
            return 0;
        }
        self.entries()
            .filter(|a| a.ttl != 0)
            .map(|a| a.ttl)
            .min()
            .unwrap_or(0)
    }

    pub fn has_expired(&self, now: u64) -> bool {
        self.ex && self.entries().any(|a| a.ttl != 0 && now > a.ttl)
    }

    /// Drops every field whose TTL has passed; returns how many.
    pub fn purge(&mut self, now: u64) -> usize {
        if !self.has_expired(now) {
            return 0;
        }
        let mut out = Vec::with_capacity(self.buf.len());
        let mut removed = 0;
        for a in self.entries() {
            if a.ttl != 0 && now > a.ttl {
                removed += 1;
            } else {
                out.extend_from_slice(&self.buf[a.start..a.end]);
            }
        }
        self.buf = out.into_boxed_slice();
        self.len -= removed as u32;
        removed
    }
}
