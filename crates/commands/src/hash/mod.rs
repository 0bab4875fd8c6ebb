//! Hash commands, including per-field expiry (Redis 7.4 / Valkey 9) and the Redis 8 /
//! Valkey 9 HGETEX, HSETEX and HGETDEL.
//!
//! The value type and its encodings live in `shoal_store::hash`; expired fields are dropped by
//! the keyspace lookup before a handler sees the hash, and by [`field_expiry`] in the
//! background.

use crate::spec::{Arg, ArgFlags, ArgKind, CommandSpec};

mod access;
pub mod field_expiry;
pub mod hdel;
pub mod hexists;
pub mod hexpire;
pub mod hget;
pub mod hgetall;
pub mod hgetdel;
pub mod hgetex;
pub mod hincrby;
pub mod hincrbyfloat;
pub mod hlen;
pub mod hmget;
pub mod hpersist;
pub mod hrandfield;
pub mod hscan;
pub mod hset;
pub mod hsetex;
pub mod hsetnx;
pub mod hstrlen;
pub mod httl;

#[cfg(test)]
mod tests;

pub use field_expiry::{expire_fields_in_slot, FieldSweep};

/// `FIELDS numfields field [field ...]` as the field-expiry commands document it.
pub(crate) const FIELDS_ARG: Arg = Arg {
    token: "FIELDS",
    children: &[
        Arg::new("numfields", ArgKind::Integer),
        Arg {
            flags: ArgFlags::MULTIPLE,
            ..Arg::new("field", ArgKind::String)
        },
    ],
    ..Arg::new("fields", ArgKind::Block)
};

pub static COMMANDS: &[&CommandSpec] = &[
    &hdel::SPEC,
    &hexists::SPEC,
    &hexpire::SPEC,
    &hexpire::HEXPIREAT,
    &hexpire::HPEXPIRE,
    &hexpire::HPEXPIREAT,
    &httl::HEXPIRETIME,
    &hget::SPEC,
    &hgetall::SPEC,
    &hgetdel::SPEC,
    &hgetex::SPEC,
    &hincrby::SPEC,
    &hincrbyfloat::SPEC,
    &hgetall::HKEYS,
    &hlen::SPEC,
    &hmget::SPEC,
    &hset::HMSET,
    &hpersist::SPEC,
    &httl::HPEXPIRETIME,
    &httl::HPTTL,
    &hrandfield::SPEC,
    &hscan::SPEC,
    &hset::SPEC,
    &hsetex::SPEC,
    &hsetnx::SPEC,
    &hstrlen::SPEC,
    &httl::SPEC,
    &hgetall::HVALS,
];
