//! HSET key field value [field value ...]
//! HMSET key field value [field value ...]
//!
//! One implementation: HSET replies with the number of new fields, HMSET (deprecated) with OK.

use shoal_resp::Args;

use super::access;
use crate::ctx::Ctx;
use crate::errors::{CmdResult, Error};
use crate::spec::{Acl, Arg, ArgFlags, ArgKind, CommandSpec, Flags, Group, KeySpec, KsFlags};

const FIELD_VALUE: &[Arg] = &[
    Arg::new("key", ArgKind::Key),
    Arg {
        flags: ArgFlags::MULTIPLE,
        children: &[
            Arg::new("field", ArgKind::String),
            Arg::new("value", ArgKind::String),
        ],
        ..Arg::new("data", ArgKind::Block)
    },
];

pub static SPEC: CommandSpec = CommandSpec {
    name: "hset",
    arity: -4,
    flags: Flags::WRITE.union(Flags::DENYOOM).union(Flags::FAST),
    acl: Acl::HASH,
    key_specs: &[KeySpec::single(1, KsFlags::RW.union(KsFlags::UPDATE))],
    group: Group::Hash,
    since: "2.0.0",
    summary: "Creates or modifies the value of a field in a hash.",
    complexity: "O(1) for each field/value pair added, so O(N) to add N field/value pairs when the command is called with multiple field/value pairs.",
    args: FIELD_VALUE,
    handler: hset,
    ..CommandSpec::DEFAULT
};

pub static HMSET: CommandSpec = CommandSpec {
    name: "hmset",
    summary: "Sets the values of multiple fields.",
    complexity: "O(N) where N is the number of fields being set.",
    handler: hmset,
    ..SPEC
};

fn hset(ctx: &mut Ctx<'_>, args: &Args<'_>) -> CmdResult {
    let created = set_pairs(ctx, args, "hset")?;
    ctx.out.int(created);
    Ok(())
}

fn hmset(ctx: &mut Ctx<'_>, args: &Args<'_>) -> CmdResult {
    set_pairs(ctx, args, "hmset")?;
    ctx.out.ok();
    Ok(())
}

fn set_pairs(ctx: &mut Ctx<'_>, args: &Args<'_>, name: &str) -> Result<i64, Error> {
    if args.len() % 2 == 1 {
        return Err(Error::arity(name));
    }
    let key = args.get(1);
    let limits = access::limits(ctx);
    let created = access::modify_or_create(&mut ctx.keys, key, |h| {
        let pairs = (args.len() - 2) / 2;
        h.prepare_write(pairs, (2..args.len()).map(|i| args.get(i).len()), limits);
        let n = (args.len() - 2) / 2;
        let pair = |i: usize| (args.get(2 + 2 * i), args.get(3 + 2 * i));
        Ok(h.insert_pairs(n, pair, limits) as i64)
    })?;
    ctx.keys.changed("hset", key);
    Ok(created)
}
