//! Helpers the keyspace commands share: database indexes, type names, re-keying entries.

use shoal_config::Param;
use shoal_store::{Entry, NewValue, OwnedValue, Value};

use crate::ctx::Ctx;
use crate::errors::Error;

/// The configured number of databases.
pub fn databases(ctx: &Ctx<'_>) -> usize {
    ctx.server.config.get_i64(Param::Databases).max(1) as usize
}

pub fn cluster_enabled(ctx: &Ctx<'_>) -> bool {
    ctx.server.config.get_bool(Param::ClusterEnabled)
}

/// An argument parsed as a C `int` (Redis getIntFromObject): anything else is "not an integer".
/// Redis's getIntFromObjectOrReply: not a number and out of int range are different errors.
pub fn int32(arg: &[u8]) -> Result<i64, Error> {
    let v = crate::args::int(arg)?;
    if i32::try_from(v).is_err() {
        return Err(Error::Static(
            "ERR value is out of range, value must between -2147483648 and 2147483647",
        ));
    }
    Ok(v)
}

/// A database index argument, checked against the configured count.
pub fn db_index(ctx: &Ctx<'_>, arg: &[u8]) -> Result<usize, Error> {
    let v = int32(arg)?;
    if v < 0 || v as usize >= databases(ctx) {
        return Err(Error::DbIndexOutOfRange);
    }
    Ok(v as usize)
}

/// The name `TYPE` prints and `SCAN ... TYPE` matches.
pub fn type_name(entry: &Entry) -> &'static str {
    match entry.value() {
        Value::Str(..) => "string",
        Value::Object(o) => o.type_name(),
    }
}

/// The same value, expire time and access field under another key name; a collection value is
/// moved, not copied.
pub fn rekey(entry: Entry, key: &[u8]) -> Entry {
    let lru = entry.lru();
    let (_, value, expire) = entry.into_parts();
    match value {
        OwnedValue::Str(v, enc) => Entry::new(key, NewValue::Str(&v, enc), expire, lru),
        OwnedValue::Object(o) => Entry::new(key, NewValue::Object(o), expire, lru),
    }
}

/// A copy of `entry`'s value under `key`, as a new key (fresh access field).
pub fn duplicate(entry: &Entry, key: &[u8], lru: u32) -> Entry {
    let value = match entry.value() {
        Value::Str(v, enc) => NewValue::Str(v, enc),
        Value::Object(o) => NewValue::Object(o.clone()),
    };
    Entry::new(key, value, entry.expire(), lru)
}
