//! SETEX key seconds value
//! PSETEX key milliseconds value
//!
//! SET with EX / PX: one implementation, two commands.

use shoal_resp::Args;
use shoal_store::{encoding_for, NewValue};

use super::expire_opts::{resolve, Unit};
use crate::ctx::Ctx;
use crate::errors::CmdResult;
use crate::spec::{Acl, Arg, ArgKind, CommandSpec, Flags, Group, KeySpec, KsFlags};

pub static SETEX: CommandSpec = CommandSpec {
    name: "setex",
    arity: 4,
    flags: Flags::WRITE.union(Flags::DENYOOM),
    acl: Acl::STRING,
    key_specs: &[KeySpec::single(1, KsFlags::OW.union(KsFlags::UPDATE))],
    group: Group::String,
    since: "2.0.0",
    summary:
        "Sets the string value and expiration time of a key. Creates the key if it doesn't exist.",
    complexity: "O(1)",
    args: &[
        Arg::new("key", ArgKind::Key),
        Arg::new("seconds", ArgKind::Integer),
        Arg::new("value", ArgKind::String),
    ],
    handler: setex,
    ..CommandSpec::DEFAULT
};

pub static PSETEX: CommandSpec = CommandSpec {
    name: "psetex",
    since: "2.6.0",
    summary: "Sets both string value and expiration time in milliseconds of a key. \
              The key is created if it doesn't exist.",
    args: &[
        Arg::new("key", ArgKind::Key),
        Arg::new("milliseconds", ArgKind::Integer),
        Arg::new("value", ArgKind::String),
    ],
    handler: psetex,
    ..SETEX
};

fn setex(ctx: &mut Ctx<'_>, args: &Args<'_>) -> CmdResult {
    set_with_expire(ctx, args, Unit::Ex, "setex")
}

fn psetex(ctx: &mut Ctx<'_>, args: &Args<'_>) -> CmdResult {
    set_with_expire(ctx, args, Unit::Px, "psetex")
}

fn set_with_expire(ctx: &mut Ctx<'_>, args: &Args<'_>, unit: Unit, cmd: &'static str) -> CmdResult {
    let key = args.get(1);
    let value = args.get(3);
    let at = resolve(unit, args.get(2), cmd, ctx.keys.now)?;
    ctx.keys
        .set(key, NewValue::Str(value, encoding_for(value)), Some(at));
    ctx.keys.changed("set", key);
    ctx.out.ok();
    Ok(())
}
