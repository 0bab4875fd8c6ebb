//! What every hash command shares: typed access to the hash at a key, the encoding limits in
//! force, and the `FIELDS numfields field...` block of the field-expiry commands.

use shoal_config::Param;
use shoal_resp::Args;
use shoal_store::hash::{Hash, Limits};
use shoal_store::{NewValue, Object, Value, ValueMut};

use crate::ctx::{Ctx, Keys};
use crate::errors::Error;

/// `hash-max-listpack-entries` / `-value` as configured right now (CONFIG SET applies to the
/// next write, as in Redis).
pub fn limits(ctx: &Ctx<'_>) -> Limits {
    let c = &ctx.server.config;
    Limits {
        max_entries: c.get_i64(Param::HashMaxListpackEntries).max(0) as usize,
        max_value: c.get_i64(Param::HashMaxListpackValue).max(0) as usize,
    }
}

/// Read lookup (counts a hit or miss): `None` for a missing key, WRONGTYPE for another type.
pub fn read<'k>(keys: &'k mut Keys<'_>, key: &[u8]) -> Result<Option<&'k Hash>, Error> {
    match keys.get(key).map(|e| e.value()) {
        None => Ok(None),
        Some(Value::Object(Object::Hash(h))) => Ok(Some(h)),
        Some(_) => Err(Error::WrongType),
    }
}

/// Write lookup that only checks the type: true when the key holds a hash.
pub fn read_for_write(keys: &mut Keys<'_>, key: &[u8]) -> Result<bool, Error> {
    match keys
        .get_mut(key)
        .map(|e| matches!(e.entry().value(), Value::Object(Object::Hash(_))))
    {
        None => Ok(false),
        Some(true) => Ok(true),
        Some(false) => Err(Error::WrongType),
    }
}

/// Write lookup: runs `f` on the existing hash (`None` when the key is missing). A hash that
/// `f` leaves empty is deleted, as Redis never keeps an empty collection.
pub fn modify<R>(
    keys: &mut Keys<'_>,
    key: &[u8],
    f: impl FnOnce(Option<&mut Hash>) -> Result<R, Error>,
) -> Result<R, Error> {
    let emptied;
    let r = match keys.get_mut(key) {
        None => return f(None),
        Some(mut e) => match e.entry_mut().value_mut() {
            ValueMut::Object(Object::Hash(h)) => {
                let r = f(Some(h));
                emptied = h.is_empty();
                r
            }
            _ => return Err(Error::WrongType),
        },
    };
    if emptied {
        keys.remove(key);
        keys.changed("del", key);
    }
    r
}

/// Like [`modify`], creating the hash when the key is missing; a new hash left empty is not
/// stored.
pub fn modify_or_create<R>(
    keys: &mut Keys<'_>,
    key: &[u8],
    f: impl FnOnce(&mut Hash) -> Result<R, Error>,
) -> Result<R, Error> {
    let mut fresh = None;
    let r = modify(keys, key, |h| match h {
        Some(h) => f(h),
        None => {
            let mut h = Hash::new();
            let r = f(&mut h);
            fresh = Some(h);
            r
        }
    })?;
    if let Some(h) = fresh {
        if !h.is_empty() {
            let volatile = h.has_field_ttls();
            keys.set(key, NewValue::Object(Box::new(Object::Hash(h))), None);
            if volatile {
                keys.db_for(key).mark_volatile_parts();
            }
        }
    }
    Ok(r)
}

/// Tells the active expiry sweep that the slot of `key` now holds fields with a TTL.
pub fn note_field_ttls(keys: &mut Keys<'_>, key: &[u8]) {
    keys.db_for(key).mark_volatile_parts();
}

/// Redis's parseExpireTime for field expiry: the absolute time in ms of `arg`, read in
/// seconds or milliseconds and added to `base` (0 for the *AT forms).
pub fn expire_time(arg: &[u8], seconds: bool, base: u64, cmd: &'static str) -> Result<u64, Error> {
    // The largest field expire time Redis accepts (2^46 - 1 ms, in year 4199).
    const MAX_MS: i64 = ((1i64 << 48) - 1) >> 2;
    let v = crate::args::int(arg)?;
    if v < 0 {
        return Err(Error::Static("ERR invalid expire time, must be >= 0"));
    }
    let mut ms = v;
    if seconds {
        if v > MAX_MS / 1000 {
            return Err(Error::InvalidExpire(cmd));
        }
        ms = v * 1000;
    }
    if ms > MAX_MS - base as i64 {
        return Err(Error::InvalidExpire(cmd));
    }
    Ok(ms as u64 + base)
}

pub const FIELDS_MISSING: Error =
    Error::Static("ERR Mandatory argument FIELDS is missing or not at the right position");
pub const NUMFIELDS_POSITIVE: Error =
    Error::Static("ERR Number of fields must be a positive integer");
pub const NUMFIELDS_MISMATCH: Error =
    Error::Static("ERR The `numfields` parameter must match the number of arguments");

/// Checks `FIELDS numfields field...` starting at `at` (the FIELDS keyword) and running to the
/// end of the arguments; returns the index of the first field. `bad_count` is the command's
/// text for a numfields that is not a positive integer.
pub fn fields_block(args: &Args<'_>, at: usize, bad_count: Error) -> Result<usize, Error> {
    if at >= args.len() || !crate::args::is(args.get(at), "FIELDS") {
        return Err(FIELDS_MISSING);
    }
    let count = (at + 1 < args.len()).then(|| args.get(at + 1));
    let n = match count.and_then(shoal_util::string2ll) {
        Some(n) if n >= 1 => n,
        _ => return Err(bad_count),
    };
    if n as u64 != args.len().saturating_sub(at + 2) as u64 {
        return Err(NUMFIELDS_MISMATCH);
    }
    Ok(at + 2)
}
