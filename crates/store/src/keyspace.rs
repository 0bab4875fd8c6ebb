//! The 16384 slots, each behind its own lock.
//!
//! Locking rule (deadlock freedom): a thread that holds more than one slot lock acquired them in
//! ascending slot order, in one go, through [`Keyspace::lock_many`] or [`Keyspace::lock_all`].
//! Nobody takes a further slot lock while holding one.

use parking_lot::{Mutex, MutexGuard};
use shoal_util::SLOTS;

use crate::blocking::WaitTable;
use crate::db::Db;
use crate::watch::WatchTable;

/// Everything stored in one slot: one table per database.
///
/// Database 0 is inline, so for the common single-database deployment the lock word and the
/// table header share one cache line (one memory miss fewer per command); other databases are
/// created on first write.
#[derive(Default)]
#[repr(C)]
pub struct Slot {
    db0: Db,
    // Boxed to keep the slot small; db0 sits right after the lock word.
    #[allow(clippy::box_collection)]
    rest: Option<Box<Vec<Db>>>,
    /// Versions of WATCHed keys in this slot; present only while someone watches one.
    pub watch: Option<Box<WatchTable>>,
    /// Clients blocked on keys of this slot (BLPOP & co.); present only while someone waits.
    pub blocked: Option<Box<WaitTable>>,
}

impl Slot {
    /// The table of database `index`, created if needed.
    pub fn db(&mut self, index: usize) -> &mut Db {
        if index == 0 {
            return &mut self.db0;
        }
        let rest = self.rest.get_or_insert_with(Default::default);
        if rest.len() < index {
            rest.resize_with(index, Db::default);
        }
        &mut rest[index - 1]
    }

    pub fn db_ref(&self, index: usize) -> Option<&Db> {
        match index {
            0 => Some(&self.db0),
            i => self.rest.as_ref()?.get(i - 1),
        }
    }

    pub fn db_if_exists(&mut self, index: usize) -> Option<&mut Db> {
        match index {
            0 => Some(&mut self.db0),
            i => self.rest.as_mut()?.get_mut(i - 1),
        }
    }

    /// Databases present in this slot (database 0 always is): indexes 0..db_count().
    pub fn db_count(&self) -> usize {
        1 + self.rest.as_ref().map_or(0, |r| r.len())
    }

    /// The present tables in database order.
    pub fn iter_dbs(&self) -> impl Iterator<Item = &Db> {
        std::iter::once(&self.db0).chain(self.rest.iter().flat_map(|r| r.iter()))
    }

    pub fn swap_dbs(&mut self, a: usize, b: usize) {
        let (lo, hi) = (a.min(b), a.max(b));
        if lo == hi {
            return;
        }
        self.db(hi);
        let rest = self.rest.as_mut().expect("created by db(hi)");
        if lo == 0 {
            std::mem::swap(&mut self.db0, &mut rest[hi - 1]);
        } else {
            rest.swap(lo - 1, hi - 1);
        }
    }

    /// Drops empty trailing tables so a slot that was used and emptied costs nothing again.
    pub fn shrink(&mut self) {
        if let Some(rest) = self.rest.as_mut() {
            while rest.last().is_some_and(|d| d.is_empty()) {
                rest.pop();
            }
            if rest.is_empty() {
                self.rest = None;
            }
        }
    }

    /// Marks `key` of `db` modified for WATCH.
    #[inline]
    pub fn touch_watched(&mut self, db: usize, key: &[u8]) {
        if let Some(w) = &mut self.watch {
            w.touch(db, key);
        }
    }

    /// Marks every watched key of `db` modified (FLUSHDB, FLUSHALL, SWAPDB).
    pub fn touch_watched_db(&mut self, db: usize) {
        if let Some(w) = &mut self.watch {
            w.touch_db(db);
        }
    }
}

// Padding keeps two slots' locks off one cache line, so threads working on neighbouring slots
// do not slow each other down.
#[repr(align(64))]
#[derive(Default)]
struct SlotCell {
    lock: Mutex<Slot>,
}

pub type SlotGuard<'a> = MutexGuard<'a, Slot>;

pub struct Keyspace {
    slots: Box<[SlotCell]>,
}

impl Default for Keyspace {
    fn default() -> Self {
        Self::new()
    }
}

impl Keyspace {
    pub fn new() -> Self {
        let slots = (0..SLOTS).map(|_| SlotCell::default()).collect();
        Keyspace { slots }
    }

    pub fn lock(&self, slot: u16) -> SlotGuard<'_> {
        self.slots[slot as usize].lock.lock()
    }

    /// Records whether the lock was free, so callers can count slot-lock waits.
    pub fn lock_counting(&self, slot: u16, waited: &mut bool) -> SlotGuard<'_> {
        let cell = &self.slots[slot as usize].lock;
        if let Some(g) = cell.try_lock() {
            return g;
        }
        *waited = true;
        cell.lock()
    }

    /// Starts loading a slot's lock word and first table into the cache (see
    /// [`crate::prefetch`]): the first step of warming a pipelined command's key.
    #[inline]
    pub fn prefetch_slot(&self, slot: u16) {
        crate::prefetch::line(&self.slots[slot as usize] as *const SlotCell as *const u8);
    }

    /// Second step, once the slot's line has arrived: probes the key's table without reading
    /// any entry and starts loading the entry block it would compare. Skipped when another
    /// thread holds the slot: a hint must never wait.
    pub fn prefetch_key(&self, slot: u16, db: usize, hash: u64) {
        if let Some(g) = self.slots[slot as usize].lock.try_lock() {
            if let Some(table) = g.db_ref(db) {
                table.prefetch(hash);
            }
        }
    }

    /// Locks several slots in ascending order; `slots` must be sorted and free of duplicates.
    pub fn lock_many(&self, slots: &[u16]) -> Vec<(u16, SlotGuard<'_>)> {
        debug_assert!(slots.windows(2).all(|w| w[0] < w[1]));
        slots.iter().map(|&s| (s, self.lock(s))).collect()
    }

    /// Locks every slot (in order): for commands whose keys cannot be known in advance.
    pub fn lock_all(&self) -> Vec<SlotGuard<'_>> {
        self.slots.iter().map(|c| c.lock.lock()).collect()
    }

    pub fn slot_count(&self) -> usize {
        self.slots.len()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slots_are_independent() {
        let ks = Keyspace::new();
        let a = ks.lock(1);
        let b = ks.lock(2);
        drop(a);
        drop(b);
        let many = ks.lock_many(&[3, 9, 16383]);
        assert_eq!(many.len(), 3);
    }

    #[test]
    fn lock_and_first_table_share_the_first_cache_line() {
        // Mutex word, then the Slot: db0 comes first, so both sit in the first 64 bytes.
        assert!(std::mem::size_of::<parking_lot::RawMutex>() + std::mem::size_of::<Db>() <= 56);
        assert!(std::mem::size_of::<SlotCell>() <= 128);
    }

    #[test]
    fn databases_swap_and_shrink() {
        use crate::{hash_key, NewValue, StrEncoding};
        let mut s = Slot::default();
        let put = |s: &mut Slot, db: usize, k: &[u8]| {
            s.db(db).set(
                hash_key(k),
                k,
                NewValue::Str(b"v", StrEncoding::Embstr),
                None,
                0,
            )
        };
        put(&mut s, 0, b"a");
        put(&mut s, 3, b"b");
        assert_eq!(s.db_count(), 4);
        s.swap_dbs(3, 0);
        assert!(s.db_ref(0).unwrap().get(hash_key(b"b"), b"b").is_some());
        assert!(s.db_ref(3).unwrap().get(hash_key(b"a"), b"a").is_some());
        s.swap_dbs(1, 3);
        assert_eq!(s.db_ref(1).unwrap().len(), 1);
        s.shrink();
        assert_eq!(s.db_count(), 2);
        s.db(1).remove_if(|_| true);
        s.shrink();
        assert_eq!(s.db_count(), 1);
        assert_eq!(s.iter_dbs().map(|d| d.len()).sum::<usize>(), 1);
    }
}
