//! What every hash command shares: typed access to the hash at a key, the encoding limits in
//! force, and the `FIELDS numfields field...` block of the field-expiry commands.

use shoal_config::Param;
use shoal_resp::Args;
use shoal_store::hash::{Hash, Limits};
use shoal_store::{NewValue, Object, Value, ValueMut};

use crate::ctx::{Ctx, Keys};
use crate::errors::Error;
use crate::string::expire_opts::Expire;

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
            // Db::set marks the table when the new hash holds fields with a TTL.
            keys.set(key, NewValue::Object(Object::Hash(h)), None);
        }
    }
    Ok(r)
}

/// Tells the active expiry sweep that the slot of `key` now holds fields with a TTL.
pub fn note_field_ttls(keys: &mut Keys<'_>, key: &[u8]) {
    keys.db_for(key).mark_volatile_parts();
}

/// The absolute time in ms of a field-expiry time argument, read in seconds or milliseconds
/// and added to `base` (0 for the *AT forms). Valkey 9's rules (the reference for field
/// expiry): negative times and times that overflow once converted are "invalid expire time";
/// unlike Redis 7.4 there is no upper bound below that.
pub fn expire_time(arg: &[u8], seconds: bool, base: u64, cmd: &'static str) -> Result<u64, Error> {
    let v = crate::args::int(arg)?;
    let ms = if seconds {
        v.checked_mul(1000)
    } else {
        Some(v)
    };
    match ms.and_then(|ms| ms.checked_add(base as i64)) {
        Some(at) if v >= 0 => Ok(at as u64),
        _ => Err(Error::InvalidExpire(cmd)),
    }
}

/// Valkey 9's text for a bad `numfields` (0, or not the number of fields given).
pub const NUMFIELDS: Error =
    Error::Static("ERR numfields should be greater than 0 and match the provided number of fields");

/// Where Valkey 9 finds the FIELDS block of HEXPIRE*, HGETEX and HSETEX: the first argument
/// from `from` on, short of the last, that reads FIELDS (so options sit between).
pub fn find_fields(args: &Args<'_>, from: usize) -> Option<usize> {
    (from..args.len().saturating_sub(1)).find(|&i| crate::args::is_c(args.get(i), "FIELDS"))
}

/// The fixed `FIELDS numfields field...` of HTTL & co, HPERSIST and HGETDEL (at argument 2),
/// checked like Valkey 9: the keyword, then an integer count, then that it matches (else
/// `mismatch`). Returns the index of the first field.
pub fn fixed_fields(args: &Args<'_>, mismatch: Error) -> Result<usize, Error> {
    if !crate::args::is_c(args.get(2), "FIELDS") {
        return Err(Error::Syntax);
    }
    let n = crate::args::int(args.get(3))?;
    if n <= 0 || n as u64 != (args.len() - 4) as u64 {
        return Err(mismatch);
    }
    Ok(4)
}

/// HSETEX/HGETEX's EX/PX/EXAT/PXAT time as an absolute time in ms, by Valkey 9's rule (the
/// HEXPIRE one: 0 and past times are allowed), not SET's.
pub fn option_time(e: &Expire<'_>, now: u64, cmd: &'static str) -> Result<u64, Error> {
    let base = if e.unit.is_absolute() { 0 } else { now };
    expire_time(e.raw, e.unit.in_seconds(), base, cmd)
}
