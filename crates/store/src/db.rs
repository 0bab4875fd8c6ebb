//! The table of one database inside one slot.
//!
//! A `Db` knows nothing about time or clients: callers pass the key's hash (computed once per
//! command with [`hash_key`]) and decide about expiry. It keeps the count of keys with an expire
//! time exact, which is why changes to an entry's expire go through [`EntryMut`].

use std::sync::OnceLock;

use hashbrown::hash_table::{Entry as TableEntry, HashTable};

use crate::entry::{Entry, NewValue};

fn hasher() -> &'static ahash::RandomState {
    static STATE: OnceLock<ahash::RandomState> = OnceLock::new();
    STATE.get_or_init(ahash::RandomState::new)
}

/// The hash every table uses for a key.
#[inline]
pub fn hash_key(key: &[u8]) -> u64 {
    hasher().hash_one(key)
}

#[derive(Default)]
pub struct Db {
    table: HashTable<Entry>,
    expires: u32,
    /// Some value may hold sub-elements with their own expire time (hash fields with a TTL);
    /// set when one is stored, cleared by the sweep that finds none left.
    volatile_parts: bool,
}

/// Mutable access to one entry that keeps the table's expire count right.
pub struct EntryMut<'a> {
    entry: &'a mut Entry,
    expires: &'a mut u32,
}

impl<'a> EntryMut<'a> {
    pub fn entry(&self) -> &Entry {
        self.entry
    }

    pub fn entry_mut(&mut self) -> &mut Entry {
        self.entry
    }

    pub fn into_entry(self) -> &'a mut Entry {
        self.entry
    }

    pub fn set_expire(&mut self, at: Option<u64>) {
        adjust(self.expires, self.entry.expire().is_some(), at.is_some());
        self.entry.set_expire(at);
    }

    /// Replaces the value; `expire` becomes the entry's expire time.
    pub fn set_value(&mut self, value: NewValue<'_>, expire: Option<u64>) {
        adjust(
            self.expires,
            self.entry.expire().is_some(),
            expire.is_some(),
        );
        self.entry.set_value(value, expire);
    }
}

fn adjust(count: &mut u32, had: bool, has: bool) {
    match (had, has) {
        (false, true) => *count += 1,
        (true, false) => *count -= 1,
        _ => {}
    }
}

impl Db {
    pub fn len(&self) -> usize {
        self.table.len()
    }

    pub fn is_empty(&self) -> bool {
        self.table.is_empty()
    }

    /// Number of keys with an expire time.
    pub fn expires(&self) -> usize {
        self.expires as usize
    }

    pub fn get(&self, hash: u64, key: &[u8]) -> Option<&Entry> {
        self.table.find(hash, |e| e.key() == key)
    }

    pub fn get_mut(&mut self, hash: u64, key: &[u8]) -> Option<EntryMut<'_>> {
        let Db { table, expires, .. } = self;
        table
            .find_mut(hash, |e| e.key() == key)
            .map(|entry| EntryMut { entry, expires })
    }

    /// Finds `key` and lets `stale` decide on the entry itself whether it must go (an expired
    /// key, a collection emptied by sub-element expiry): one probe serves every outcome.
    pub fn find_live(
        &mut self,
        hash: u64,
        key: &[u8],
        stale: impl FnOnce(&mut Entry) -> bool,
    ) -> Option<EntryMut<'_>> {
        let Db { table, expires, .. } = self;
        let mut found = table.find_entry(hash, |e| e.key() == key).ok()?;
        if stale(found.get_mut()) {
            let (entry, _) = found.remove();
            adjust(expires, entry.expire().is_some(), false);
            return None;
        }
        Some(EntryMut {
            entry: found.into_mut(),
            expires,
        })
    }

    /// Removes `key` in one probe. `stale` sees the entry first, as in [`Db::find_live`]: a stale
    /// entry is removed all the same but reported as absent (None), so a caller that deletes a
    /// key does not first look it up and then search the table a second time.
    pub fn remove_live(
        &mut self,
        hash: u64,
        key: &[u8],
        stale: impl FnOnce(&mut Entry) -> bool,
    ) -> Option<Entry> {
        let mut found = self.table.find_entry(hash, |e| e.key() == key).ok()?;
        let stale = stale(found.get_mut());
        let (entry, _) = found.remove();
        adjust(&mut self.expires, entry.expire().is_some(), false);
        (!stale).then_some(entry)
    }

    /// Starts loading the entry blocks a lookup of `hash` would compare (usually one): the
    /// probe touches the table's control bytes and pointers, never an entry.
    pub fn prefetch(&self, hash: u64) {
        self.table.find(hash, |e| {
            e.prefetch();
            false
        });
    }

    /// Inserts or overwrites `key`; the old entry (if any) is dropped.
    pub fn set(
        &mut self,
        hash: u64,
        key: &[u8],
        value: NewValue<'_>,
        expire: Option<u64>,
        lru: u32,
    ) {
        let volatile = matches!(&value, NewValue::Object(o) if o.has_volatile_parts());
        match self
            .table
            .entry(hash, |e| e.key() == key, |e| hash_key(e.key()))
        {
            TableEntry::Occupied(mut o) => {
                adjust(
                    &mut self.expires,
                    o.get().expire().is_some(),
                    expire.is_some(),
                );
                o.get_mut().set_value(value, expire);
                o.get_mut().set_lru(lru);
            }
            TableEntry::Vacant(v) => {
                adjust(&mut self.expires, false, expire.is_some());
                v.insert(Entry::new(key, value, expire, lru));
            }
        }
        self.volatile_parts |= volatile;
    }

    /// Inserts an entry whose key is known to be absent (after a failed `get`).
    pub fn insert_entry(&mut self, hash: u64, entry: Entry) {
        debug_assert!(self.get(hash, entry.key()).is_none());
        adjust(&mut self.expires, false, entry.expire().is_some());
        if let crate::Value::Object(o) = entry.value() {
            self.volatile_parts |= o.has_volatile_parts();
        }
        self.table.insert_unique(hash, entry, |e| hash_key(e.key()));
    }

    /// Records that a value here now holds sub-elements with their own expire time.
    pub fn mark_volatile_parts(&mut self) {
        self.volatile_parts = true;
    }

    pub fn has_volatile_parts(&self) -> bool {
        self.volatile_parts
    }

    /// Active expiry of sub-elements (hash fields): drops every due one, deletes values left
    /// empty, and returns `(sub-elements removed, keys removed)`.
    pub fn expire_parts(&mut self, now: u64) -> (usize, usize) {
        if !self.volatile_parts {
            return (0, 0);
        }
        let mut parts = 0;
        let mut keys = 0;
        let mut expires_removed = 0;
        let mut volatile_left = false;
        self.table.retain(|e| {
            let had_expire = e.expire().is_some();
            if let crate::ValueMut::Object(o) = e.value_mut() {
                if o.has_expired_parts(now) {
                    parts += o.expire_parts(now);
                    if o.is_empty_collection() {
                        keys += 1;
                        if had_expire {
                            expires_removed += 1;
                        }
                        return false;
                    }
                }
                volatile_left |= o.has_volatile_parts();
            }
            true
        });
        self.expires -= expires_removed;
        self.volatile_parts = volatile_left;
        (parts, keys)
    }

    pub fn remove(&mut self, hash: u64, key: &[u8]) -> Option<Entry> {
        match self.table.find_entry(hash, |e| e.key() == key) {
            Ok(o) => {
                let (entry, _) = o.remove();
                adjust(&mut self.expires, entry.expire().is_some(), false);
                Some(entry)
            }
            Err(_) => None,
        }
    }

    pub fn iter(&self) -> impl Iterator<Item = &Entry> {
        self.table.iter()
    }

    /// Removes every entry for which `f` is true, returning how many were removed.
    pub fn remove_if(&mut self, mut f: impl FnMut(&Entry) -> bool) -> usize {
        let mut removed = 0;
        let mut expires_removed = 0;
        self.table.retain(|e| {
            if f(e) {
                removed += 1;
                if e.expire().is_some() {
                    expires_removed += 1;
                }
                false
            } else {
                true
            }
        });
        self.expires -= expires_removed;
        removed
    }

    /// Takes all entries out, leaving the table empty (FLUSHDB ASYNC frees them elsewhere).
    pub fn take(&mut self) -> Db {
        std::mem::take(self)
    }

    /// Heap bytes the table itself holds (buckets), not counting entries.
    pub fn table_bytes(&self) -> usize {
        self.table.allocation_size()
    }

    /// Picks the `n`-th entry in table order; RANDOMKEY uses it with a random `n`.
    pub fn nth(&self, n: usize) -> Option<&Entry> {
        self.table.iter().nth(n)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::entry::StrEncoding;

    fn s(v: &[u8]) -> NewValue<'_> {
        NewValue::Str(v, StrEncoding::Embstr)
    }

    #[test]
    fn set_get_remove_and_expire_count() {
        let mut db = Db::default();
        let h = hash_key(b"a");
        db.set(h, b"a", s(b"1"), Some(10), 0);
        db.set(hash_key(b"b"), b"b", s(b"2"), None, 0);
        assert_eq!(db.len(), 2);
        assert_eq!(db.expires(), 1);
        db.set(h, b"a", s(b"3"), None, 0);
        assert_eq!(db.expires(), 0);
        db.get_mut(h, b"a").unwrap().set_expire(Some(5));
        assert_eq!(db.expires(), 1);
        assert!(db.remove(h, b"a").is_some());
        assert_eq!(db.expires(), 0);
        assert!(db.get(h, b"a").is_none());
        assert_eq!(db.remove_if(|_| true), 1);
        assert!(db.is_empty());
    }

    #[test]
    fn remove_live_drops_stale_entries_but_reports_them_absent() {
        let mut db = Db::default();
        let (ha, hb) = (hash_key(b"a"), hash_key(b"b"));
        db.set(ha, b"a", s(b"1"), Some(10), 0);
        db.set(hb, b"b", s(b"2"), Some(20), 0);
        assert_eq!(db.expires(), 2);
        let mut seen = Vec::new();
        let live = db.remove_live(ha, b"a", |e| {
            seen.push(e.key().to_vec());
            false
        });
        assert_eq!(live.map(|e| e.key().to_vec()), Some(b"a".to_vec()));
        assert_eq!(seen, vec![b"a".to_vec()]);
        assert!(db.remove_live(hb, b"b", |_| true).is_none());
        assert!(db.is_empty());
        assert_eq!(db.expires(), 0);
        // An absent key never reaches `stale`.
        assert!(db
            .remove_live(ha, b"a", |_| panic!("no entry to judge"))
            .is_none());
    }
}
