//! INCR key
//! DECR key
//! INCRBY key increment
//! DECRBY key decrement
//!
//! Integer arithmetic on a string holding a 64-bit decimal (strictly: no spaces, no leading
//! zeros or '+'). A missing key counts as 0; the expire time is kept; the result is stored
//! with the `int` encoding. No allocation besides the new entry: the number is formatted on
//! the stack.

use shoal_resp::Args;
use shoal_store::{NewValue, StrEncoding};
use shoal_util::{ll2string, string2ll, MAX_INT_DIGITS};

use super::string_value;
use crate::args;
use crate::ctx::Ctx;
use crate::errors::{CmdResult, Error};
use crate::spec::{Acl, Arg, ArgKind, CommandSpec, Flags, Group, KeySpec, KsFlags};

const KEY_SPECS: &[KeySpec] = &[KeySpec::single(
    1,
    KsFlags::RW.union(KsFlags::ACCESS).union(KsFlags::UPDATE),
)];

pub static INCR: CommandSpec = CommandSpec {
    name: "incr",
    arity: 2,
    flags: Flags::WRITE.union(Flags::DENYOOM).union(Flags::FAST),
    acl: Acl::STRING,
    key_specs: KEY_SPECS,
    group: Group::String,
    since: "1.0.0",
    summary: "Increments the integer value of a key by one. Uses 0 as initial value if the key \
              doesn't exist.",
    complexity: "O(1)",
    args: &[Arg::new("key", ArgKind::Key)],
    handler: incr,
    ..CommandSpec::DEFAULT
};

pub static DECR: CommandSpec = CommandSpec {
    name: "decr",
    summary: "Decrements the integer value of a key by one. Uses 0 as initial value if the key \
              doesn't exist.",
    handler: decr,
    ..INCR
};

pub static INCRBY: CommandSpec = CommandSpec {
    name: "incrby",
    arity: 3,
    summary: "Increments the integer value of a key by a number. Uses 0 as initial value if the \
              key doesn't exist.",
    args: &[
        Arg::new("key", ArgKind::Key),
        Arg::new("increment", ArgKind::Integer),
    ],
    handler: incrby,
    ..INCR
};

pub static DECRBY: CommandSpec = CommandSpec {
    name: "decrby",
    arity: 3,
    summary: "Decrements a number from the integer value of a key. Uses 0 as initial value if \
              the key doesn't exist.",
    args: &[
        Arg::new("key", ArgKind::Key),
        Arg::new("decrement", ArgKind::Integer),
    ],
    handler: decrby,
    ..INCR
};

fn incr(ctx: &mut Ctx<'_>, args: &Args<'_>) -> CmdResult {
    add(ctx, args.get(1), 1)
}

fn decr(ctx: &mut Ctx<'_>, args: &Args<'_>) -> CmdResult {
    add(ctx, args.get(1), -1)
}

fn incrby(ctx: &mut Ctx<'_>, a: &Args<'_>) -> CmdResult {
    let by = args::int(a.get(2))?;
    add(ctx, a.get(1), by)
}

fn decrby(ctx: &mut Ctx<'_>, a: &Args<'_>) -> CmdResult {
    let by = args::int(a.get(2))?;
    // -i64::MIN does not exist; Redis has its own text for this one case.
    let Some(by) = by.checked_neg() else {
        return Err(Error::Static("ERR decrement would overflow"));
    };
    add(ctx, a.get(1), by)
}

fn add(ctx: &mut Ctx<'_>, key: &[u8], by: i64) -> CmdResult {
    let mut buf = [0u8; MAX_INT_DIGITS];
    let result = match ctx.keys.get_mut(key) {
        None => {
            ctx.keys.set(
                key,
                NewValue::Str(ll2string(&mut buf, by), StrEncoding::Int),
                None,
            );
            by
        }
        Some(mut e) => {
            let current = string2ll(string_value(e.entry())?).ok_or(Error::NotInteger)?;
            let result = current.checked_add(by).ok_or(Error::IncrOverflow)?;
            let expire = e.entry().expire();
            e.set_value(
                NewValue::Str(ll2string(&mut buf, result), StrEncoding::Int),
                expire,
            );
            result
        }
    };
    ctx.keys.changed("incrby", key);
    ctx.out.int(result);
    Ok(())
}
