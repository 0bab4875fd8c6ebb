//! What every sorted-set command shares: typed access to the stored value, the encoding
//! limits from the config, the modification hook and the pair replies.

use shoal_config::Param;
use shoal_resp::ReplyBuf;
use shoal_store::zset::{Limits, ZSet};
use shoal_store::{Entry, NewValue, Object, Value, ValueMut};

use crate::ctx::{Ctx, Keys};
use crate::errors::Error;

/// The sorted set in `entry`, or WRONGTYPE.
pub fn as_zset(entry: &Entry) -> Result<&ZSet, Error> {
    match entry.value() {
        Value::Object(Object::ZSet(z)) => Ok(z),
        _ => Err(Error::WrongType),
    }
}

/// Read lookup (counts a hit or miss): the sorted set at `key`, None if missing.
pub fn read<'k>(keys: &'k mut Keys<'_>, key: &[u8]) -> Result<Option<&'k ZSet>, Error> {
    keys.get(key).map(as_zset).transpose()
}

/// Write lookup: the sorted set at `key`, None if missing.
pub fn write<'k>(keys: &'k mut Keys<'_>, key: &[u8]) -> Result<Option<&'k mut ZSet>, Error> {
    let Some(e) = keys.get_mut(key) else {
        return Ok(None);
    };
    match e.into_entry().value_mut() {
        ValueMut::Object(Object::ZSet(z)) => Ok(Some(z)),
        _ => Err(Error::WrongType),
    }
}

/// The encoding thresholds as configured now (CONFIG SET applies to the next write).
pub fn limits(ctx: &Ctx<'_>) -> Limits {
    let get = |p| ctx.server.config.get_i64(p).max(0) as usize;
    Limits {
        max_entries: get(Param::ZsetMaxListpackEntries),
        max_value: get(Param::ZsetMaxListpackValue),
    }
}

/// Stores `z` at `key`, replacing whatever was there (and its TTL), as Redis's setKey.
pub fn store(keys: &mut Keys<'_>, key: &[u8], z: ZSet) {
    keys.set(key, NewValue::Object(Object::ZSet(z)), None);
}

/// Deletes `key` if its sorted set was emptied; true if it did.
pub fn drop_if_empty(keys: &mut Keys<'_>, key: &[u8]) -> bool {
    let empty = keys
        .peek(key)
        .is_some_and(|e| matches!(e.value(), Value::Object(Object::ZSet(z)) if z.is_empty()));
    if empty {
        keys.remove(key);
    }
    empty
}

/// Reports a modification of `key` (one `changed` per keyspace event Redis fires) and leaves
/// the dirty counter `dirty` higher than before, as Redis counts it.
pub fn modified(keys: &mut Keys<'_>, key: &[u8], events: &[&'static str], dirty: u64) {
    let before = keys.dirty;
    for e in events {
        keys.changed(e, key);
    }
    keys.dirty = before + dirty;
}

/// The array header for `n` members, with their scores when `withscores`: RESP2 flattens the
/// pairs, RESP3 nests them (Redis avoids a map there because order matters).
pub fn pairs_header(out: &mut ReplyBuf, n: usize, withscores: bool) {
    if withscores && !out.is_resp3() {
        out.array(n * 2);
    } else {
        out.array(n);
    }
}

/// One member, with its score when `withscores` (a two-element array in RESP3).
pub fn pair(out: &mut ReplyBuf, member: &[u8], score: f64, withscores: bool) {
    if withscores && out.is_resp3() {
        out.array(2);
    }
    out.bulk(member);
    if withscores {
        out.double(score);
    }
}

/// Count of pairs after a deferred header closes: RESP2 counts the flattened items.
pub fn pairs_len(out: &ReplyBuf, n: usize, withscores: bool) -> usize {
    if withscores && !out.is_resp3() {
        n * 2
    } else {
        n
    }
}

/// Redis's getRangeLongFromObjectOrReply with a message: any bad value gets the same text.
pub fn long_in(arg: &[u8], min: i64, max: i64, msg: &'static str) -> Result<i64, Error> {
    match shoal_util::string2ll(arg) {
        Some(v) if v >= min && v <= max => Ok(v),
        _ => Err(Error::Static(msg)),
    }
}

/// Stores a computed result at `dst` the way Redis's *STORE commands do: a non-empty result
/// replaces the key (encoding chosen by size) and is replied as its size; an empty one deletes
/// the key and replies 0. `per_member` counts a stored result as one change per member (what
/// Redis's GEO STORE adds to the dirty counter) rather than one (the ZSET *STORE commands).
pub fn store_result(
    ctx: &mut Ctx<'_>,
    dst: &[u8],
    pairs: Vec<(Vec<u8>, f64)>,
    event: &'static str,
    per_member: bool,
) {
    let n = pairs.len();
    if n > 0 {
        let z = ZSet::from_pairs(pairs, limits(ctx));
        store(&mut ctx.keys, dst, z);
        let dirty = if per_member { n as u64 } else { 1 };
        modified(&mut ctx.keys, dst, &[event], dirty);
    } else if ctx.keys.remove(dst).is_some() {
        modified(&mut ctx.keys, dst, &["del"], 1);
    }
    ctx.out.int(n as i64);
}
