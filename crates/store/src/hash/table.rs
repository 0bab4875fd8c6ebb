//! The full encoding (Redis's hashtable): one allocation per pair, kept densely in a vector,
//! with an index from field to position.
//!
//! ```text
//! item: [varint (field len << 1 | has ttl)][field][ttl: 8 bytes LE, if has ttl][value]
//! ```
//! The dense vector gives HRANDFIELD O(1) random picks. Removal swaps the last item into the
//! hole, so HSCAN walks positions from the top down: a swap only ever moves an item from the
//! visited part into the unvisited one, which can repeat an item but never skips one.

use hashbrown::HashTable;

use super::varint;
use crate::db::hash_key;

#[derive(Clone, Debug, Default)]
pub struct Table {
    items: Vec<Box<[u8]>>,
    index: HashTable<u32>,
    /// Items carrying a TTL.
    ttls: u32,
    /// No TTL is earlier than this (may be stale-low after removals; 0 when unknown/none).
    min_ttl: u64,
}

struct Parsed<'a> {
    field: &'a [u8],
    ttl: u64,
    value: &'a [u8],
}

fn parse(item: &[u8]) -> Parsed<'_> {
    let (tag, p) = varint::get(item, 0);
    let flen = (tag >> 1) as usize;
    let field = &item[p..p + flen];
    let mut at = p + flen;
    let mut ttl = 0;
    if tag & 1 == 1 {
        ttl = u64::from_le_bytes(item[at..at + 8].try_into().expect("8 bytes"));
        at += 8;
    }
    Parsed {
        field,
        ttl,
        value: &item[at..],
    }
}

fn build(field: &[u8], value: &[u8], ttl: u64) -> Box<[u8]> {
    let tag = ((field.len() as u64) << 1) | u64::from(ttl != 0);
    let size = varint::len(tag) + field.len() + if ttl != 0 { 8 } else { 0 } + value.len();
    let mut out = Vec::with_capacity(size);
    varint::put(&mut out, tag);
    out.extend_from_slice(field);
    if ttl != 0 {
        out.extend_from_slice(&ttl.to_le_bytes());
    }
    out.extend_from_slice(value);
    out.into_boxed_slice()
}

impl Table {
    pub fn with_capacity(n: usize) -> Table {
        Table {
            items: Vec::with_capacity(n),
            index: HashTable::with_capacity(n),
            ttls: 0,
            min_ttl: 0,
        }
    }

    pub fn len(&self) -> usize {
        self.items.len()
    }

    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    fn find(&self, field: &[u8]) -> Option<usize> {
        let items = &self.items;
        self.index
            .find(hash_key(field), |&i| {
                parse(&items[i as usize]).field == field
            })
            .map(|&i| i as usize)
    }

    /// `(field, value, ttl)` of the item at position `i` (ttl 0 means none).
    pub fn at(&self, i: usize) -> (&[u8], &[u8], u64) {
        let p = parse(&self.items[i]);
        (p.field, p.value, p.ttl)
    }

    pub fn iter(&self) -> impl Iterator<Item = (&[u8], &[u8], u64)> + '_ {
        self.items.iter().map(|it| {
            let p = parse(it);
            (p.field, p.value, p.ttl)
        })
    }

    pub fn get(&self, field: &[u8]) -> Option<&[u8]> {
        self.find(field).map(|i| parse(&self.items[i]).value)
    }

    pub fn ttl(&self, field: &[u8]) -> Option<u64> {
        self.find(field).map(|i| parse(&self.items[i]).ttl)
    }

    fn note_ttl(&mut self, old: u64, new: u64) {
        if old != 0 {
            self.ttls -= 1;
        }
        if new != 0 {
            self.ttls += 1;
            if self.min_ttl == 0 || new < self.min_ttl {
                self.min_ttl = new;
            }
        }
    }

    pub fn insert(&mut self, field: &[u8], value: &[u8], keep_ttl: bool) -> bool {
        match self.find(field) {
            Some(i) => {
                let old = parse(&self.items[i]).ttl;
                let ttl = if keep_ttl { old } else { 0 };
                self.note_ttl(old, ttl);
                self.items[i] = build(field, value, ttl);
                false
            }
            None => {
                let pos = self.items.len() as u32;
                self.items.push(build(field, value, 0));
                let items = &self.items;
                self.index.insert_unique(hash_key(field), pos, |&i| {
                    hash_key(parse(&items[i as usize]).field)
                });
                true
            }
        }
    }

    /// Pushes a pair known to be absent (conversion from the compact encoding).
    pub(super) fn push_new(&mut self, field: &[u8], value: &[u8], ttl: u64) {
        let pos = self.items.len() as u32;
        self.note_ttl(0, ttl);
        self.items.push(build(field, value, ttl));
        let items = &self.items;
        self.index.insert_unique(hash_key(field), pos, |&i| {
            hash_key(parse(&items[i as usize]).field)
        });
    }

    fn remove_at(&mut self, i: usize) {
        let field_hash = hash_key(parse(&self.items[i]).field);
        if let Ok(e) = self.index.find_entry(field_hash, |&j| j as usize == i) {
            e.remove();
        }
        let old_ttl = parse(&self.items[i]).ttl;
        self.note_ttl(old_ttl, 0);
        let last = self.items.len() - 1;
        self.items.swap_remove(i);
        if i != last {
            let moved_hash = hash_key(parse(&self.items[i]).field);
            if let Some(slot) = self.index.find_mut(moved_hash, |&j| j as usize == last) {
                *slot = i as u32;
            }
        }
        if self.items.len() * 4 < self.items.capacity() && self.items.capacity() > 16 {
            self.items.shrink_to(self.items.len() * 2);
            let items = &self.items;
            self.index
                .shrink_to(items.len(), |&j| hash_key(parse(&items[j as usize]).field));
        }
    }

    pub fn remove(&mut self, field: &[u8]) -> bool {
        match self.find(field) {
            Some(i) => {
                self.remove_at(i);
                true
            }
            None => false,
        }
    }

    pub fn set_ttl(&mut self, field: &[u8], ttl: u64) -> bool {
        let Some(i) = self.find(field) else {
            return false;
        };
        let p = parse(&self.items[i]);
        let old = p.ttl;
        if old != ttl {
            let fresh = build(p.field, p.value, ttl);
            self.note_ttl(old, ttl);
            self.items[i] = fresh;
        }
        true
    }

    pub fn has_ttls(&self) -> bool {
        self.ttls > 0
    }

    pub fn min_ttl(&self) -> u64 {
        if self.ttls == 0 {
            return 0;
        }
        self.iter()
            .map(|(_, _, t)| t)
            .filter(|&t| t != 0)
            .min()
            .unwrap_or(0)
    }

    pub fn has_expired(&self, now: u64) -> bool {
        self.ttls > 0 && self.min_ttl != 0 && now > self.min_ttl
    }

    /// Drops every field whose TTL has passed and makes `min_ttl` exact again.
    pub fn purge(&mut self, now: u64) -> usize {
        if !self.has_expired(now) {
            return 0;
        }
        let mut removed = 0;
        // Downwards, so the item swapped into a hole has already been looked at.
        let mut i = self.items.len();
        while i > 0 {
            i -= 1;
            let t = parse(&self.items[i]).ttl;
            if t != 0 && now > t {
                self.remove_at(i);
                removed += 1;
            }
        }
        self.min_ttl = self.min_ttl();
        removed
    }

    /// One HSCAN step: visits up to `count` positions below `cursor` (0 = start) from the top
    /// down; returns the next cursor, 0 when done.
    pub fn scan<'a>(
        &'a self,
        cursor: u64,
        count: usize,
        mut f: impl FnMut(&'a [u8], &'a [u8]),
    ) -> u64 {
        let len = self.items.len() as u64;
        let mut k = if cursor == 0 { len } else { cursor.min(len) };
        let mut visited = 0;
        while k > 0 && visited < count {
            k -= 1;
            let (field, value, _) = self.at(k as usize);
            f(field, value);
            visited += 1;
        }
        k
    }

    pub fn footprint(&self) -> usize {
        let items: usize = self.items.iter().map(|b| b.len()).sum();
        items + self.items.capacity() * 16 + self.index.allocation_size()
    }
}
