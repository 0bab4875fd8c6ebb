//! Versions of WATCHed keys, kept per slot next to the data they describe.
//!
//! A slot has a table only while some client watches a key in it, so unwatched slots pay one
//! `None` check per write. Writers bump the version of a watched key under the slot lock they
//! already hold; EXEC compares versions under the same locks, so check and execution are one
//! atomic step.

use std::collections::HashMap;

/// (database, key).
type WatchedKey = (usize, Box<[u8]>);

#[derive(Default, Debug)]
pub struct WatchTable {
    /// Watched key -> (version, number of watching clients).
    keys: HashMap<WatchedKey, (u64, u32)>,
}

impl WatchTable {
    /// Registers one more watcher of `key`, returning its current version.
    pub fn watch(&mut self, db: usize, key: &[u8]) -> u64 {
        let e = self.keys.entry((db, key.into())).or_insert((0, 0));
        e.1 += 1;
        e.0
    }

    /// Drops one watcher; true when the table became empty.
    pub fn unwatch(&mut self, db: usize, key: &[u8]) -> bool {
        let k = (db, Box::<[u8]>::from(key));
        if let Some(e) = self.keys.get_mut(&k) {
            e.1 -= 1;
            if e.1 == 0 {
                self.keys.remove(&k);
            }
        }
        self.keys.is_empty()
    }

    pub fn version(&self, db: usize, key: &[u8]) -> u64 {
        self.keys
            .get(&(db, Box::<[u8]>::from(key)))
            .map_or(0, |e| e.0)
    }

    /// A watched key was modified.
    pub fn touch(&mut self, db: usize, key: &[u8]) {
        if let Some(e) = self.keys.get_mut(&(db, Box::<[u8]>::from(key))) {
            e.0 += 1;
        }
    }

    /// Every watched key of `db` was (potentially) modified: FLUSHDB, SWAPDB.
    pub fn touch_db(&mut self, db: usize) {
        for ((d, _), e) in self.keys.iter_mut() {
            if *d == db {
                e.0 += 1;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn versions_move_only_for_watched_keys() {
        let mut w = WatchTable::default();
        assert_eq!(w.watch(0, b"k"), 0);
        w.touch(0, b"k");
        w.touch(0, b"other");
        w.touch(1, b"k");
        assert_eq!(w.version(0, b"k"), 1);
        assert_eq!(w.watch(0, b"k"), 1);
        assert!(!w.unwatch(0, b"k"));
        w.touch_db(0);
        assert_eq!(w.version(0, b"k"), 2);
        assert!(w.unwatch(0, b"k"));
        assert_eq!(w.version(0, b"k"), 0);
    }
}
