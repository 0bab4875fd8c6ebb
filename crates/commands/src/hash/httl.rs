//! HTTL key FIELDS numfields field [field ...]
//! HPTTL key FIELDS numfields field [field ...]
//! HEXPIRETIME key FIELDS numfields field [field ...]
//! HPEXPIRETIME key FIELDS numfields field [field ...]
//!
//! One implementation (Redis 7.4). Per field: -2 no such field (or key), -1 no TTL, else the
//! remaining time or the absolute expire time, in seconds (rounded to the nearest, as
//! Valkey 9) or ms.

use shoal_resp::Args;

use super::access;
use crate::ctx::Ctx;
use crate::errors::{CmdResult, Error};
use crate::spec::{Acl, Arg, ArgKind, CommandSpec, Flags, Group, KeySpec, KsFlags};

const ARGS: &[Arg] = &[Arg::new("key", ArgKind::Key), super::FIELDS_ARG];

pub static SPEC: CommandSpec = CommandSpec {
    name: "httl",
    arity: -5,
    flags: Flags::READONLY.union(Flags::FAST),
    acl: Acl::HASH,
    key_specs: &[KeySpec::single(1, KsFlags::RO.union(KsFlags::ACCESS))],
    group: Group::Hash,
    since: "7.4.0",
    summary: "Returns the TTL in seconds of a hash field.",
    complexity: "O(N) where N is the number of specified fields",
    args: ARGS,
    handler: httl,
    ..CommandSpec::DEFAULT
};

pub static HPTTL: CommandSpec = CommandSpec {
    name: "hpttl",
    summary: "Returns the TTL in milliseconds of a hash field.",
    handler: hpttl,
    ..SPEC
};

pub static HEXPIRETIME: CommandSpec = CommandSpec {
    name: "hexpiretime",
    summary: "Returns the expiration time of a hash field as a Unix timestamp, in seconds.",
    handler: hexpiretime,
    ..SPEC
};

pub static HPEXPIRETIME: CommandSpec = CommandSpec {
    name: "hpexpiretime",
    summary: "Returns the expiration time of a hash field as a Unix timestamp, in msec.",
    handler: hpexpiretime,
    ..SPEC
};

fn httl(ctx: &mut Ctx<'_>, args: &Args<'_>) -> CmdResult {
    let now = ctx.keys.now;
    generic(ctx, args, true, now)
}

fn hpttl(ctx: &mut Ctx<'_>, args: &Args<'_>) -> CmdResult {
    let now = ctx.keys.now;
    generic(ctx, args, false, now)
}

fn hexpiretime(ctx: &mut Ctx<'_>, args: &Args<'_>) -> CmdResult {
    generic(ctx, args, true, 0)
}

fn hpexpiretime(ctx: &mut Ctx<'_>, args: &Args<'_>) -> CmdResult {
    generic(ctx, args, false, 0)
}

fn generic(ctx: &mut Ctx<'_>, args: &Args<'_>, seconds: bool, base: u64) -> CmdResult {
    let first = access::fixed_fields(args, Error::Syntax)?;
    let h = access::read(&mut ctx.keys, args.get(1))?;
    ctx.out.array(args.len() - first);
    for i in first..args.len() {
        let code = match h.and_then(|h| h.ttl(args.get(i))) {
            None => -2,
            Some(None) => -1,
            // Valkey 9 rounds seconds to the nearest (Redis 7.4 rounds up).
            Some(Some(at)) if seconds => {
                (at.saturating_sub(base).saturating_add(500) / 1000) as i64
            }
            Some(Some(at)) => at.saturating_sub(base) as i64,
        };
        ctx.out.int(code);
    }
    Ok(())
}
