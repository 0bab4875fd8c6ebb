//! Set commands.
//!
//! The value type and its encodings live in `shoal_store::set`; the thresholds are read from the
//! configuration at the time of each write, as Redis reads them. Empty sets never stay in the
//! keyspace: whichever command empties one deletes the key.

use shoal_config::Param;
use shoal_resp::ReplyBuf;
use shoal_store::set::{Member, Set, SetLimits};
use shoal_store::{Entry, NewValue, Object, Value, ValueMut};

use crate::ctx::Ctx;
use crate::errors::Error;
use crate::spec::CommandSpec;

mod ops;

pub mod sadd;
pub mod scard;
pub mod sdiff;
pub mod sinter;
pub mod sintercard;
pub mod sismember;
pub mod smembers;
pub mod smismember;
pub mod smove;
pub mod spop;
pub mod srandmember;
pub mod srem;
pub mod sscan;
pub mod sunion;

#[cfg(test)]
mod tests;

pub static COMMANDS: &[&CommandSpec] = &[
    &sadd::SPEC,
    &srem::SPEC,
    &smembers::SPEC,
    &sismember::SPEC,
    &smismember::SPEC,
    &scard::SPEC,
    &spop::SPEC,
    &srandmember::SPEC,
    &smove::SPEC,
    &sinter::SINTER,
    &sintercard::SPEC,
    &sinter::SINTERSTORE,
    &sunion::SUNION,
    &sunion::SUNIONSTORE,
    &sdiff::SDIFF,
    &sdiff::SDIFFSTORE,
    &sscan::SPEC,
];

/// The encoding thresholds in force now.
fn limits(ctx: &Ctx<'_>) -> SetLimits {
    let c = &ctx.server.config;
    let get = |p| c.get_i64(p).max(0) as usize;
    SetLimits {
        intset_entries: get(Param::SetMaxIntsetEntries),
        listpack_entries: get(Param::SetMaxListpackEntries),
        listpack_value: get(Param::SetMaxListpackValue),
    }
}

/// The set held by `entry`, or WRONGTYPE.
fn as_set(entry: &Entry) -> Result<&Set, Error> {
    match entry.value() {
        Value::Object(Object::Set(s)) => Ok(s),
        _ => Err(Error::WrongType),
    }
}

fn as_set_mut(entry: &mut Entry) -> Result<&mut Set, Error> {
    match entry.value_mut() {
        ValueMut::Object(Object::Set(s)) => Ok(s),
        _ => Err(Error::WrongType),
    }
}

/// Stores `set` under `key` in the current database, replacing any value and its TTL.
fn store(ctx: &mut Ctx<'_>, key: &[u8], set: Set) {
    ctx.keys.set(key, NewValue::Object(Object::Set(set)), None);
}

fn reply_member(out: &mut ReplyBuf, m: Member<'_>) {
    match m {
        Member::Int(v) => out.bulk_int(v),
        Member::Str(s) => out.bulk(s),
    }
}

/// Every member as a RESP3 set (RESP2 array), in the set's own order.
fn reply_all(out: &mut ReplyBuf, set: &Set) {
    out.set(set.len());
    for m in set.iter() {
        reply_member(out, m);
    }
}
