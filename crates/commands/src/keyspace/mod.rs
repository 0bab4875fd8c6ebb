//! Keyspace commands: the generic family (DEL, EXPIRE, RENAME, SCAN, OBJECT...) and the
//! database-wide ones (DBSIZE, FLUSHDB, FLUSHALL, SWAPDB).
//!
//! Commands with keys run with their slots locked by dispatch. Commands that walk the whole
//! keyspace (KEYS, SCAN, RANDOMKEY, DBSIZE) start with no lock and lock one slot at a time,
//! never two; FLUSHDB, FLUSHALL and SWAPDB take every slot lock at once.

use crate::spec::CommandSpec;

pub(crate) mod common;
pub mod copy;
pub mod dbsize;
pub mod del;
pub mod exists;
pub mod expire;
pub mod flush;
pub mod keys;
pub mod keytype;
pub mod movedb;
pub mod object;
pub mod persist;
pub mod randomkey;
pub mod rename;
pub mod scan;
pub mod swapdb;
pub mod touch;
pub mod ttl;

#[cfg(test)]
mod tests;

pub static COMMANDS: &[&CommandSpec] = &[
    &del::DEL,
    &del::UNLINK,
    &exists::SPEC,
    &touch::SPEC,
    &expire::EXPIRE,
    &expire::PEXPIRE,
    &expire::EXPIREAT,
    &expire::PEXPIREAT,
    &ttl::TTL,
    &ttl::PTTL,
    &ttl::EXPIRETIME,
    &ttl::PEXPIRETIME,
    &persist::SPEC,
    &keytype::SPEC,
    &rename::RENAME,
    &rename::RENAMENX,
    &copy::SPEC,
    &movedb::SPEC,
    &keys::SPEC,
    &scan::SPEC,
    &randomkey::SPEC,
    &object::SPEC,
    &dbsize::SPEC,
    &flush::FLUSHDB,
    &flush::FLUSHALL,
    &swapdb::SPEC,
];
