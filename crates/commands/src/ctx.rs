//! What a handler works with: the server, its client, the reply buffer and the locked keys.
//!
//! Fields are public so a handler can borrow `ctx.keys` and `ctx.out` at the same time
//! (`let v = ctx.keys.get(k); ctx.out.bulk(v)` borrows two different fields).

use shoal_resp::ReplyBuf;
use shoal_store::{hash_key, Db, Entry, EntryMut, Keyspace, NewValue, Slot, SlotGuard};
use shoal_util::key_slot;

use crate::client::Client;
use crate::state::Server;
use crate::stats::ShardStats;

pub struct Ctx<'a> {
    pub server: &'a Server,
    pub client: &'a mut Client,
    pub out: &'a mut ReplyBuf,
    pub shard: &'a ShardStats,
    pub keys: Keys<'a>,
}

/// Slot locks held for the running command.
pub enum Locks<'a> {
    None,
    One(u16, SlotGuard<'a>),
    Many(Vec<(u16, SlotGuard<'a>)>),
    All(Vec<SlotGuard<'a>>),
}

/// Access to the keys of the running command, in its database, with lazy expiry.
///
/// Every read goes through `get`/`get_mut`, which delete an expired key first, exactly like
/// Redis's lookupKey*. Writers call `changed` once per modified key: that is the single hook for
/// dirty counting and, later, WATCH versions, keyspace notifications and blocked-client wake-ups.
pub struct Keys<'a> {
    ks: &'a Keyspace,
    locks: Locks<'a>,
    pub db: usize,
    pub now: u64,
    stats: &'a ShardStats,
    lru: u32,
    /// Changes made by this command (Redis's `server.dirty` delta).
    pub dirty: u64,
    /// When true, reads do not update the key's access time (CLIENT NO-TOUCH, OBJECT, TYPE...).
    pub no_touch: bool,
}

/// Redis's LRU clock: seconds, 24 bits.
pub fn lru_clock(now_ms: u64) -> u32 {
    ((now_ms / 1000) & 0xff_ffff) as u32
}

pub fn is_expired(entry: &Entry, now: u64) -> bool {
    entry.expire().is_some_and(|at| now > at)
}

fn has_expired_parts(entry: &Entry, now: u64) -> bool {
    !entry.is_string()
        && matches!(entry.value(), shoal_store::Value::Object(o) if o.has_expired_parts(now))
}

/// Lazy expiry of sub-elements; true when the value was left empty (the caller deletes it).
fn expire_parts(table: &mut Db, hash: u64, key: &[u8], now: u64, stats: &ShardStats) -> bool {
    let Some(mut e) = table.get_mut(hash, key) else {
        return false;
    };
    match e.entry_mut().value_mut() {
        shoal_store::ValueMut::Object(o) => {
            stats.expired_subkeys.add(o.expire_parts(now) as u64);
            o.is_empty_collection()
        }
        shoal_store::ValueMut::Str(..) => false,
    }
}

impl<'a> Keys<'a> {
    pub fn new(
        ks: &'a Keyspace,
        locks: Locks<'a>,
        db: usize,
        now: u64,
        stats: &'a ShardStats,
    ) -> Self {
        Keys {
            ks,
            locks,
            db,
            now,
            stats,
            lru: lru_clock(now),
            dirty: 0,
            no_touch: false,
        }
    }

    pub fn keyspace(&self) -> &'a Keyspace {
        self.ks
    }

    /// Releases the locks early (commands that then iterate slots one by one).
    pub fn release(&mut self) {
        self.locks = Locks::None;
    }

    pub fn lru(&self) -> u32 {
        self.lru
    }

    /// The locked slot `slot`; locks it now if the command holds no lock yet.
    pub fn slot(&mut self, slot: u16) -> &mut Slot {
        if matches!(self.locks, Locks::None) {
            self.locks = Locks::One(slot, self.ks.lock(slot));
        }
        match &mut self.locks {
            Locks::One(s, g) if *s == slot => g,
            Locks::Many(v) => {
                let i = v
                    .binary_search_by_key(&slot, |(s, _)| *s)
                    .expect("key's slot was locked by dispatch");
                &mut v[i].1
            }
            Locks::All(v) => &mut v[slot as usize],
            _ => panic!("key's slot was not locked by dispatch"),
        }
    }

    /// The table holding `key` in the current database.
    pub fn db_for(&mut self, key: &[u8]) -> &mut Db {
        let db = self.db;
        self.slot(key_slot(key)).db(db)
    }

    /// The table holding `key` in database `db` (MOVE, COPY ... DB).
    pub fn db_for_in(&mut self, key: &[u8], db: usize) -> &mut Db {
        self.slot(key_slot(key)).db(db)
    }

    /// The one lookup path: lazy expiry, optional hit/miss counting and access-time update.
    fn lookup(&mut self, db: usize, key: &[u8], read: bool) -> Option<EntryMut<'_>> {
        let hash = hash_key(key);
        let (now, stats, lru) = (self.now, self.stats, self.lru);
        let touch = read && !self.no_touch;
        let slot = self.slot(key_slot(key));
        let table = slot.db_if_exists(db)?;
        let (expired, parts_due) = match table.get(hash, key) {
            None => {
                if read {
                    stats.keyspace_misses.inc();
                }
                return None;
            }
            Some(e) => (is_expired(e, now), has_expired_parts(e, now)),
        };
        if expired {
            table.remove(hash, key);
            stats.expired_keys.inc();
            if read {
                stats.keyspace_misses.inc();
            }
            return None;
        }
        // Sub-elements with their own expiry (hash fields) are dropped before anyone sees the
        // value; a collection left empty goes away like an expired key.
        if parts_due && expire_parts(table, hash, key, now, stats) {
            table.remove(hash, key);
            if read {
                stats.keyspace_misses.inc();
            }
            return None;
        }
        if read {
            stats.keyspace_hits.inc();
        }
        let mut e = table.get_mut(hash, key)?;
        if touch {
            e.entry_mut().set_lru(lru);
        }
        Some(e)
    }

    /// Read lookup (Redis's lookupKeyRead): counts a keyspace hit or miss.
    pub fn get(&mut self, key: &[u8]) -> Option<&Entry> {
        let db = self.db;
        self.lookup(db, key, true).map(|e| &*e.into_entry())
    }

    /// Lookup without statistics or access-time update.
    pub fn peek(&mut self, key: &[u8]) -> Option<&Entry> {
        let db = self.db;
        self.peek_in(db, key)
    }

    pub fn peek_in(&mut self, db: usize, key: &[u8]) -> Option<&Entry> {
        self.lookup(db, key, false).map(|e| &*e.into_entry())
    }

    /// Write lookup (Redis's lookupKeyWrite): lazy expiry, no hit/miss counting.
    pub fn get_mut(&mut self, key: &[u8]) -> Option<EntryMut<'_>> {
        let db = self.db;
        self.lookup(db, key, false)
    }

    pub fn get_mut_in(&mut self, db: usize, key: &[u8]) -> Option<EntryMut<'_>> {
        self.lookup(db, key, false)
    }

    /// Creates or overwrites `key` in the current database.
    pub fn set(&mut self, key: &[u8], value: NewValue<'_>, expire: Option<u64>) {
        let db = self.db;
        self.set_in(db, key, value, expire);
    }

    pub fn set_in(&mut self, db: usize, key: &[u8], value: NewValue<'_>, expire: Option<u64>) {
        let lru = self.lru;
        self.slot(key_slot(key))
            .db(db)
            .set(hash_key(key), key, value, expire, lru);
    }

    /// Inserts a ready entry (RENAME, MOVE, COPY); the key must be absent.
    pub fn insert_in(&mut self, db: usize, entry: Entry) {
        let key_hash = hash_key(entry.key());
        let slot = key_slot(entry.key());
        self.slot(slot).db(db).insert_entry(key_hash, entry);
    }

    /// Removes `key`; an expired key counts as absent.
    pub fn remove(&mut self, key: &[u8]) -> Option<Entry> {
        let db = self.db;
        self.remove_in(db, key)
    }

    pub fn remove_in(&mut self, db: usize, key: &[u8]) -> Option<Entry> {
        self.lookup(db, key, false)?;
        let slot = self.slot(key_slot(key));
        let e = slot.db(db).remove(hash_key(key), key);
        slot.shrink();
        e
    }

    /// Marks `key` as modified by this command (`event` is the keyspace-notification name).
    pub fn changed(&mut self, _event: &'static str, _key: &[u8]) {
        self.dirty += 1;
    }
}
