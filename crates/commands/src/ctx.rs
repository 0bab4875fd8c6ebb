//! What a handler works with: the server, its client, the reply buffer and the locked keys.
//!
//! Fields are public so a handler can borrow `ctx.keys` and `ctx.out` at the same time
//! (`let v = ctx.keys.get(k); ctx.out.bulk(v)` borrows two different fields).

use std::cell::Cell;

use shoal_config::{Config, MaxmemoryPolicy, Param};
use shoal_resp::ReplyBuf;
use shoal_store::lru::{self, LfuParams};
use shoal_store::{hash_key, Db, Entry, EntryMut, Keyspace, NewValue, Slot, SlotGuard};
use shoal_util::key_slot;
use smallvec::SmallVec;

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
    // A Vec, not an inline SmallVec: `Keys` is built for every command, and inline guards
    // made it large enough to be moved with a memcpy each time (measured: ~30 instructions per
    // GET), more than the allocation they save for the few commands that lock several slots.
    Many(Vec<(u16, SlotGuard<'a>)>),
    All(Vec<SlotGuard<'a>>),
}

/// A declared key of the running command and its slot, known by the key's address in the
/// arguments (they stay borrowed, unchanged, while the command runs).
#[derive(Clone, Copy, Debug)]
pub struct KeySlot {
    addr: usize,
    len: usize,
    pub slot: u16,
}

impl KeySlot {
    pub fn new(key: &[u8]) -> Self {
        KeySlot {
            addr: key.as_ptr() as usize,
            len: key.len(),
            slot: key_slot(key),
        }
    }

    fn is(&self, key: &[u8]) -> bool {
        self.addr == key.as_ptr() as usize && self.len == key.len()
    }
}

/// The slots of a command's declared keys, in argument order; inline for a few keys.
pub type KeySlots = SmallVec<[KeySlot; 8]>;

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
    /// Set under an LFU maxmemory policy: the access field then holds an LFU counter.
    pub lfu: Option<LfuParams>,
    /// Keys (db, key) changed by this command that blocked clients wait on; dispatch wakes
    /// their first waiters once the command is done.
    pub ready: Vec<(usize, Vec<u8>)>,
    /// A key whose table hash dispatch already knows (address, length, hash), see `known_hash`.
    known: Option<(usize, usize, u64)>,
    /// Slots of the declared keys, computed when dispatch locked them.
    key_slots: &'a [KeySlot],
    /// Where in `key_slots` the last key was found.
    key_cursor: Cell<usize>,
}

/// Walking the keyspace slot by slot, for commands without declared keys (KEYS, SCAN, DBSIZE,
/// INFO keyspace...). Outside a transaction each slot is locked briefly on its own; inside EXEC
/// the transaction already holds every slot and the held guard is used (locking again would
/// deadlock: slot locks are not reentrant).
pub trait SlotAccess {
    fn with_slot<R>(&mut self, slot: u16, f: impl FnOnce(&mut Slot) -> R) -> R;
}

impl SlotAccess for &Keyspace {
    fn with_slot<R>(&mut self, slot: u16, f: impl FnOnce(&mut Slot) -> R) -> R {
        f(&mut self.lock(slot))
    }
}

impl SlotAccess for Keys<'_> {
    fn with_slot<R>(&mut self, slot: u16, f: impl FnOnce(&mut Slot) -> R) -> R {
        match &mut self.locks {
            Locks::None => f(&mut self.ks.lock(slot)),
            Locks::All(v) => f(&mut v[slot as usize]),
            Locks::One(s, g) if *s == slot => f(g),
            Locks::Many(v) => match v.binary_search_by_key(&slot, |(s, _)| *s) {
                Ok(i) => f(&mut v[i].1),
                Err(_) => panic!("slot walk while holding other slot locks"),
            },
            Locks::One(..) => panic!("slot walk while holding another slot lock"),
        }
    }
}

/// Redis's LRU clock: seconds, 24 bits.
pub fn lru_clock(now_ms: u64) -> u32 {
    lru::lru_clock(now_ms)
}

/// The LFU settings when `maxmemory-policy` is an LFU one, else None (entries keep LRU time).
pub fn lfu_params(config: &Config) -> Option<LfuParams> {
    match config.maxmemory_policy() {
        MaxmemoryPolicy::AllkeysLfu | MaxmemoryPolicy::VolatileLfu => Some(LfuParams {
            log_factor: config.get_i64(Param::LfuLogFactor).max(0) as u32,
            decay_time: config.get_i64(Param::LfuDecayTime).max(0) as u32,
        }),
        _ => None,
    }
}

pub fn is_expired(entry: &Entry, now: u64) -> bool {
    entry.expire().is_some_and(|at| now > at)
}

fn has_expired_parts(entry: &Entry, now: u64) -> bool {
    !entry.is_string()
        && matches!(entry.value(), shoal_store::Value::Object(o) if o.has_expired_parts(now))
}

/// Whether a found entry must go before anyone sees it: an expired key, or a collection whose
/// sub-elements with their own expiry (hash fields) all expired. Counts what expired.
fn is_stale(e: &mut Entry, now: u64, stats: &ShardStats) -> bool {
    if is_expired(e, now) {
        stats.expired_keys.inc();
        return true;
    }
    has_expired_parts(e, now) && expire_parts(e, now, stats)
}

/// Lazy expiry of sub-elements; true when the value was left empty (the caller deletes it).
fn expire_parts(entry: &mut Entry, now: u64, stats: &ShardStats) -> bool {
    match entry.value_mut() {
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
            lfu: None,
            ready: Vec::new(),
            known: None,
            key_slots: &[],
            key_cursor: Cell::new(0),
        }
    }

    /// Hands over the slots dispatch computed for the command's keys when it locked them.
    pub fn known_slots(&mut self, slots: &'a [KeySlot]) {
        self.key_slots = slots;
        self.key_cursor.set(0);
    }

    /// The slot of a declared key, without a CRC16. Handlers visit keys in argument order,
    /// often twice each (write, then `changed`), so the search starts where the last key was.
    fn known_slot(&self, key: &[u8]) -> Option<u16> {
        let n = self.key_slots.len();
        let from = self.key_cursor.get();
        let i = (0..n)
            .map(|d| (from + d) % n)
            .find(|&i| self.key_slots[i].is(key))?;
        self.key_cursor.set(i);
        Some(self.key_slots[i].slot)
    }

    /// Tells the table hash of `key`, computed before the command ran (a connection's
    /// look-ahead hashes a command's key to warm it). Only that very slice of the arguments
    /// is trusted: same address and length while the arguments are borrowed means same bytes.
    pub fn known_hash(&mut self, key: &[u8], hash: u64) {
        debug_assert_eq!(hash, hash_key(key));
        self.known = Some((key.as_ptr() as usize, key.len(), hash));
    }

    #[inline]
    fn hash_of(&self, key: &[u8]) -> u64 {
        match self.known {
            Some((p, n, h)) if p == key.as_ptr() as usize && n == key.len() => h,
            _ => hash_key(key),
        }
    }

    pub fn keyspace(&self) -> &'a Keyspace {
        self.ks
    }

    /// Releases the locks early (commands that then iterate slots one by one).
    pub fn release(&mut self) {
        self.locks = Locks::None;
    }

    /// Installs the locks a transaction took for all its commands.
    pub fn hold(&mut self, locks: Locks<'a>) {
        self.locks = locks;
    }

    /// Runs `f` with every slot locked: the transaction's guards inside EXEC, otherwise all
    /// slots locked (ascending) for the duration of `f`.
    pub fn with_all_slots<R>(&mut self, f: impl FnOnce(&mut [SlotGuard<'a>]) -> R) -> R {
        match &mut self.locks {
            Locks::All(v) => f(v),
            Locks::None => f(&mut self.ks.lock_all()),
            _ => panic!("whole-keyspace operation while holding some slot locks"),
        }
    }

    pub fn lru(&self) -> u32 {
        self.lru
    }

    /// The access field of a key created now (LRU clock, or the LFU initial counter).
    pub fn new_entry_lru(&self) -> u32 {
        match self.lfu {
            Some(_) => lru::lfu_init(self.now),
            None => self.lru,
        }
    }

    /// The access field after an access now to a key whose field was `old`.
    fn accessed_lru(&self, old: u32) -> u32 {
        match self.lfu {
            Some(p) => lru::lfu_access(old, self.now, p),
            None => self.lru,
        }
    }

    /// The slot of `key`. Under dispatch's single-slot lock every key of the command lives in
    /// that slot (it locked the slot of each declared key), so the CRC16 is not computed again.
    #[inline]
    fn slot_of(&self, key: &[u8]) -> u16 {
        match &self.locks {
            Locks::One(s, _) => {
                debug_assert_eq!(*s, key_slot(key), "key outside the locked slot");
                *s
            }
            _ => self.known_slot(key).unwrap_or_else(|| key_slot(key)),
        }
    }

    /// The locked slot `slot`; locks it now if the command holds no lock yet.
    pub fn slot(&mut self, slot: u16) -> &mut Slot {
        if matches!(self.locks, Locks::None) {
            // Not `One`: `slot_of` trusts `One` to be dispatch's lock of every declared key,
            // and a command without declared keys has no such promise for its next key.
            self.locks = Locks::Many(vec![(slot, self.ks.lock(slot))]);
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
        self.slot(self.slot_of(key)).db(db)
    }

    /// The one lookup path: lazy expiry, optional hit/miss counting (`read`) and access-time
    /// update (`touch`, unless the client asked for NO-TOUCH).
    fn lookup(&mut self, db: usize, key: &[u8], read: bool, touch: bool) -> Option<EntryMut<'_>> {
        let hash = self.hash_of(key);
        let (now, stats) = (self.now, self.stats);
        let touch = touch && !self.no_touch;
        let (lru, lfu) = (self.lru, self.lfu);
        let slot = self.slot_of(key);
        let found = self
            .slot(slot)
            .db_if_exists(db)
            .and_then(|table| table.find_live(hash, key, |e| is_stale(e, now, stats)));
        let Some(mut e) = found else {
            // Absent, expired, or a slot that never held a key in this db: all misses.
            if read {
                stats.keyspace_misses.inc();
            }
            return None;
        };
        if read {
            stats.keyspace_hits.inc();
        }
        if touch {
            let field = match lfu {
                Some(p) => lru::lfu_access(e.entry().lru(), now, p),
                None => lru,
            };
            e.entry_mut().set_lru(field);
        }
        Some(e)
    }

    /// Read lookup (Redis's lookupKeyRead): counts a keyspace hit or miss.
    pub fn get(&mut self, key: &[u8]) -> Option<&Entry> {
        let db = self.db;
        self.lookup(db, key, true, true).map(|e| &*e.into_entry())
    }

    /// Read lookup that counts a hit or miss but leaves the access time alone (Redis's
    /// LOOKUP_NOTOUCH: TYPE, TTL, EXISTS, OBJECT).
    pub fn get_untouched(&mut self, key: &[u8]) -> Option<&Entry> {
        let db = self.db;
        self.lookup(db, key, true, false).map(|e| &*e.into_entry())
    }

    /// Read lookups of several keys that the command needs at the same time (SINTER, SUNION...):
    /// each key is looked up in order exactly as `get` does, then all are handed back together.
    pub fn get_many(&mut self, keys: &[&[u8]]) -> Vec<Option<&Entry>> {
        let db = self.db;
        for key in keys {
            self.lookup(db, key, true, true);
        }
        let this = &*self;
        keys.iter()
            .map(|key| {
                this.locked_slot(this.slot_of(key))?
                    .db_ref(db)?
                    .get(hash_key(key), key)
            })
            .collect()
    }

    /// Shared access to a slot this command holds locked.
    fn locked_slot(&self, slot: u16) -> Option<&Slot> {
        match &self.locks {
            Locks::One(s, g) if *s == slot => Some(g),
            Locks::Many(v) => v
                .binary_search_by_key(&slot, |(s, _)| *s)
                .ok()
                .map(|i| &*v[i].1),
            Locks::All(v) => v.get(slot as usize).map(|g| &**g),
            _ => None,
        }
    }

    /// Lookup without statistics or access-time update.
    pub fn peek(&mut self, key: &[u8]) -> Option<&Entry> {
        let db = self.db;
        self.peek_in(db, key)
    }

    pub fn peek_in(&mut self, db: usize, key: &[u8]) -> Option<&Entry> {
        self.lookup(db, key, false, false).map(|e| &*e.into_entry())
    }

    /// Write lookup (Redis's lookupKeyWrite): lazy expiry and access-time update, no hit/miss
    /// counting.
    pub fn get_mut(&mut self, key: &[u8]) -> Option<EntryMut<'_>> {
        let db = self.db;
        self.lookup(db, key, false, true)
    }

    /// Write access without statistics or access-time update: a second look at a key this
    /// command already looked up (Redis changes the value in place, with no second lookup).
    pub fn peek_mut(&mut self, key: &[u8]) -> Option<EntryMut<'_>> {
        let db = self.db;
        self.lookup(db, key, false, false)
    }

    pub fn get_mut_in(&mut self, db: usize, key: &[u8]) -> Option<EntryMut<'_>> {
        self.lookup(db, key, false, true)
    }

    /// Creates or overwrites `key` in the current database.
    pub fn set(&mut self, key: &[u8], value: NewValue<'_>, expire: Option<u64>) {
        let db = self.db;
        self.set_in(db, key, value, expire);
    }

    pub fn set_in(&mut self, db: usize, key: &[u8], value: NewValue<'_>, expire: Option<u64>) {
        let hash = self.hash_of(key);
        let lru = if self.lfu.is_some() {
            // An overwrite is an access to the old key (its counter carries over, bumped), a
            // new key starts at the LFU initial value.
            let now = self.now;
            let old = self
                .slot(self.slot_of(key))
                .db_if_exists(db)
                .and_then(|t| t.get(hash, key))
                .filter(|e| !is_expired(e, now))
                .map(|e| e.lru());
            match old {
                Some(field) => self.accessed_lru(field),
                None => self.new_entry_lru(),
            }
        } else {
            self.lru
        };
        self.slot(self.slot_of(key))
            .db(db)
            .set(hash, key, value, expire, lru);
    }

    /// Inserts a ready entry (RENAME, MOVE, COPY); the key must be absent.
    pub fn insert_in(&mut self, db: usize, entry: Entry) {
        let key_hash = hash_key(entry.key());
        let slot = self.slot_of(entry.key());
        self.slot(slot).db(db).insert_entry(key_hash, entry);
    }

    /// Removes `key`; an expired key counts as absent.
    pub fn remove(&mut self, key: &[u8]) -> Option<Entry> {
        let db = self.db;
        self.remove_in(db, key)
    }

    pub fn remove_in(&mut self, db: usize, key: &[u8]) -> Option<Entry> {
        // One probe: the lazy-expiry check a lookup would make runs on the entry being removed.
        let hash = self.hash_of(key);
        let (now, stats) = (self.now, self.stats);
        let slot = self.slot(self.slot_of(key));
        let e = slot
            .db_if_exists(db)?
            .remove_live(hash, key, |e| is_stale(e, now, stats))?;
        slot.shrink();
        Some(e)
    }

    /// Marks `key` as modified by this command (`event` is the keyspace-notification name).
    pub fn changed(&mut self, event: &'static str, key: &[u8]) {
        let db = self.db;
        self.changed_in(db, event, key);
    }

    /// As `changed`, for a key of another database (MOVE, COPY ... DB).
    pub fn changed_in(&mut self, db: usize, _event: &'static str, key: &[u8]) {
        self.dirty += 1;
        let slot = self.slot(self.slot_of(key));
        slot.touch_watched(db, key);
        let waited_on = slot
            .blocked
            .as_ref()
            .is_some_and(|t| t.has_waiters(db, key));
        if waited_on && !self.ready.iter().any(|(d, k)| *d == db && k == key) {
            self.ready.push((db, key.to_vec()));
        }
    }

    /// Marks `key` as modified without a keyspace notification (Redis's signalModifiedKey plus
    /// dirty++ alone: PFCOUNT refreshing the cardinality it caches inside the value).
    pub fn changed_silently(&mut self, _key: &[u8]) {
        self.dirty += 1;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_slots_are_found_by_address_in_any_order() {
        let t = crate::testing::TestServer::new();
        let server = &*t.server;
        let buf = b"k1k2k3".to_vec();
        let (a, b, c) = (&buf[0..2], &buf[2..4], &buf[4..6]);
        let known: Vec<KeySlot> = [a, b, c].iter().map(|k| KeySlot::new(k)).collect();
        let mut keys = Keys::new(&server.keyspace, Locks::None, 0, 0, &server.shards[0]);
        keys.known_slots(&known);
        assert_eq!(keys.known_slot(a), Some(key_slot(b"k1")));
        assert_eq!(keys.known_slot(b), Some(key_slot(b"k2")));
        assert_eq!(keys.known_slot(a), Some(key_slot(b"k1")));
        assert_eq!(keys.known_slot(c), Some(key_slot(b"k3")));
        // Same bytes elsewhere, or a slice of a different length: not a declared key.
        let copy = b"k1".to_vec();
        assert_eq!(keys.known_slot(&copy), None);
        assert_eq!(keys.known_slot(&buf[0..1]), None);
        assert_eq!(keys.slot_of(&copy), key_slot(b"k1"));
    }
}
