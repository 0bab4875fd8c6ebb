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

/// Everything stored in one slot: one table per database, created on first write.
#[derive(Default)]
pub struct Slot {
    dbs: Vec<Db>,
    /// Versions of WATCHed keys in this slot; present only while someone watches one.
    pub watch: Option<Box<WatchTable>>,
    /// Clients blocked on keys of this slot (BLPOP & co.); present only while someone waits.
    pub blocked: Option<Box<WaitTable>>,
}

impl Slot {
    /// The table of database `index`, created if needed.
    pub fn db(&mut self, index: usize) -> &mut Db {
        if self.dbs.len() <= index {
            self.dbs.resize_with(index + 1, Db::default);
        }
        &mut self.dbs[index]
    }

    pub fn db_ref(&self, index: usize) -> Option<&Db> {
        self.dbs.get(index)
    }

    pub fn db_if_exists(&mut self, index: usize) -> Option<&mut Db> {
        self.dbs.get_mut(index)
    }

    pub fn swap_dbs(&mut self, a: usize, b: usize) {
        let need = a.max(b) + 1;
        if self.dbs.len() < need {
            self.dbs.resize_with(need, Db::default);
        }
        self.dbs.swap(a, b);
    }

    /// Drops empty trailing tables so a slot that was used and emptied costs nothing again.
    pub fn shrink(&mut self) {
        while self.dbs.last().is_some_and(|d| d.is_empty()) {
            self.dbs.pop();
        }
    }

    pub fn dbs(&self) -> &[Db] {
        &self.dbs
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
}
