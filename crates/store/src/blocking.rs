//! Clients blocked on keys (BLPOP & co.), kept per slot next to the data they wait for.
//!
//! A slot has a table only while someone waits on one of its keys, so writers to other slots
//! pay one `None` check. Each key's waiters are ordered by a ticket taken when they park: the
//! first ticket is the client served first (FIFO), and a waiter leaves in O(log n) by its
//! ticket, so neither a push nor a timeout scans the other waiters.

use std::collections::hash_map::RandomState;
use std::collections::BTreeMap;
use std::hash::{Hash, Hasher};
use std::sync::Arc;

use hashbrown::{Equivalent, HashMap};

/// How a writer reaches a parked client; called under the slot lock, so it must not block.
pub trait Waker: Send + Sync {
    fn wake(&self);
}

pub struct Waiter {
    pub client: u64,
    pub waker: Arc<dyn Waker>,
}

/// (database, key).
type WaitedKey = (usize, Box<[u8]>);

/// A borrowed [`WaitedKey`] for lookups, so finding a queue allocates nothing (writers ask on
/// every change in a slot with waiters). Hashes exactly as the owned tuple does.
struct Lookup<'a>(usize, &'a [u8]);

impl Hash for Lookup<'_> {
    fn hash<H: Hasher>(&self, state: &mut H) {
        self.0.hash(state);
        self.1.hash(state);
    }
}

impl Equivalent<WaitedKey> for Lookup<'_> {
    fn equivalent(&self, key: &WaitedKey) -> bool {
        self.0 == key.0 && self.1 == &*key.1
    }
}

#[derive(Default)]
pub struct WaitTable {
    // std's keyed SipHash: the keys come from clients.
    keys: HashMap<WaitedKey, BTreeMap<u64, Waiter>, RandomState>,
    next_ticket: u64,
}

impl WaitTable {
    /// Queues `client` last among the waiters of `key`; the ticket identifies its place.
    pub fn park(&mut self, db: usize, key: &[u8], client: u64, waker: Arc<dyn Waker>) -> u64 {
        let ticket = self.next_ticket;
        self.next_ticket += 1;
        let waiter = Waiter { client, waker };
        match self.keys.get_mut(&Lookup(db, key)) {
            Some(q) => {
                q.insert(ticket, waiter);
            }
            None => {
                self.keys
                    .insert((db, key.into()), BTreeMap::from([(ticket, waiter)]));
            }
        }
        ticket
    }

    /// Removes one waiter; true when the table became empty (the slot may drop it).
    pub fn leave(&mut self, db: usize, key: &[u8], ticket: u64) -> bool {
        let k = Lookup(db, key);
        if let Some(q) = self.keys.get_mut(&k) {
            q.remove(&ticket);
            if q.is_empty() {
                self.keys.remove(&k);
            }
        }
        self.keys.is_empty()
    }

    pub fn has_waiters(&self, db: usize, key: &[u8]) -> bool {
        self.keys.contains_key(&Lookup(db, key))
    }

    /// The longest-waiting client on `key` other than `except`.
    pub fn first(&self, db: usize, key: &[u8], except: u64) -> Option<&Waiter> {
        self.keys
            .get(&Lookup(db, key))?
            .values()
            .find(|w| w.client != except)
    }

    /// The longest-waiting client on `key`.
    pub fn head(&self, db: usize, key: &[u8]) -> Option<&Waiter> {
        self.keys.get(&Lookup(db, key))?.values().next()
    }

    /// Number of (db, key) pairs someone waits on (INFO's total_blocking_keys).
    pub fn key_count(&self) -> usize {
        self.keys.len()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    struct Nop;
    impl Waker for Nop {
        fn wake(&self) {}
    }

    #[test]
    fn fifo_by_ticket_and_leave_anywhere() {
        let mut t = WaitTable::default();
        let a = t.park(0, b"k", 1, Arc::new(Nop));
        let b = t.park(0, b"k", 2, Arc::new(Nop));
        let c = t.park(0, b"k", 3, Arc::new(Nop));
        assert!(t.has_waiters(0, b"k"));
        assert!(!t.has_waiters(1, b"k"));
        assert_eq!(t.first(0, b"k", 0).unwrap().client, 1);
        assert_eq!(t.first(0, b"k", 1).unwrap().client, 2);
        assert_eq!(t.head(0, b"k").unwrap().client, 1);
        assert!(t.head(1, b"k").is_none());
        assert!(!t.leave(0, b"k", b));
        assert_eq!(t.first(0, b"k", 1).unwrap().client, 3);
        assert!(!t.leave(0, b"k", a));
        assert!(t.leave(0, b"k", c));
        assert!(t.first(0, b"k", 0).is_none());
    }

    #[test]
    fn borrowed_lookup_finds_owned_keys() {
        let mut t = WaitTable::default();
        let keys: Vec<Vec<u8>> = (0..200u32).map(|i| i.to_string().into_bytes()).collect();
        for (i, k) in keys.iter().enumerate() {
            t.park(i % 3, k, i as u64, Arc::new(Nop));
        }
        t.park(0, b"", 999, Arc::new(Nop));
        assert_eq!(t.key_count(), 201);
        for (i, k) in keys.iter().enumerate() {
            assert_eq!(t.head(i % 3, k).unwrap().client, i as u64);
            assert!(!t.has_waiters((i + 1) % 3, k));
        }
        assert_eq!(t.head(0, b"").unwrap().client, 999);
        assert!(!t.has_waiters(0, b"x"));
    }
}
