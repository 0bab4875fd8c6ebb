//! The keyspace: 16384 slots, each with its own lock and one table per database.
//!
//! No I/O and no async here. Any thread may lock any slot; background work is divided by slot
//! ranges elsewhere (the server decides which thread sweeps which slots). Keys and values are
//! binary; a key with a short string value is one heap block (see [`entry`]).

pub mod blocking;
pub mod db;
pub mod entry;
pub mod hash;
pub mod hll;
pub mod keyspace;
pub mod list;
pub mod lru;
pub mod object;
pub mod prefetch;
pub mod set;
pub mod watch;
pub mod zset;

pub use db::{hash_key, Db, EntryMut};
pub use entry::{encoding_for, Entry, NewValue, OwnedValue, StrEncoding, Value, ValueMut};
pub use keyspace::{Keyspace, Slot, SlotGuard};
pub use object::Object;
pub use watch::WatchTable;
