//! Collection values (lists, hashes, sets, sorted sets) with their compact encodings.
//!
//! Strings live inline in the entry block; everything here is reached through one pointer from
//! the entry. Each type has its own module that knows its encodings (compact listpack-like or
//! full) and never sees a client; command handlers use these APIs.

use crate::{hash::Hash, list::List, set::Set, zset::ZSet};

#[derive(Clone, Debug)]
pub enum Object {
    List(List),
    Hash(Hash),
    Set(Set),
    ZSet(ZSet),
}

impl Object {
    /// Estimated heap bytes held by the object, for `INFO memory` and eviction.
    pub fn footprint(&self) -> usize {
        match self {
            Object::List(v) => v.footprint(),
            Object::Hash(v) => v.footprint(),
            Object::Set(v) => v.footprint(),
            Object::ZSet(v) => v.footprint(),
        }
    }

    /// The name `TYPE` prints.
    pub fn type_name(&self) -> &'static str {
        match self {
            Object::List(_) => "list",
            Object::Hash(_) => "hash",
            Object::Set(_) => "set",
            Object::ZSet(_) => "zset",
        }
    }

    /// True when sub-elements with their own expire time (hash fields) are due: the keyspace
    /// lookup then calls [`Object::expire_parts`] before anyone sees the value.
    pub fn has_expired_parts(&self, now: u64) -> bool {
        match self {
            Object::Hash(h) => h.has_expired_fields(now),
            _ => false,
        }
    }

    /// Drops the sub-elements whose expire time has passed; returns how many. The caller
    /// deletes the key when the collection is left empty ([`Object::is_empty_collection`]).
    pub fn expire_parts(&mut self, now: u64) -> usize {
        match self {
            Object::Hash(h) => h.purge(now),
            _ => 0,
        }
    }

    /// True when some sub-element carries its own expire time (what the active expiry sweep
    /// looks for).
    pub fn has_volatile_parts(&self) -> bool {
        match self {
            Object::Hash(h) => h.has_field_ttls(),
            _ => false,
        }
    }

    /// True for a collection with no elements left (such a key must not exist).
    pub fn is_empty_collection(&self) -> bool {
        match self {
            Object::Hash(h) => h.is_empty(),
            Object::List(l) => l.is_empty(),
            _ => false,
        }
    }

    /// The name `OBJECT ENCODING` prints.
    pub fn encoding_name(&self) -> &'static str {
        match self {
            Object::List(v) => v.encoding_name(),
            Object::Hash(v) => v.encoding_name(),
            Object::Set(v) => v.encoding_name(),
            Object::ZSet(v) => v.encoding_name(),
        }
    }
}
