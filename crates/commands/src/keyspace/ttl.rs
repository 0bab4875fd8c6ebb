//! TTL key
//! PTTL key
//! EXPIRETIME key
//! PEXPIRETIME key
//!
//! The remaining time to live (TTL, PTTL) or the absolute expire time (EXPIRETIME,
//! PEXPIRETIME); -1 when the key has no expire time, -2 when it does not exist. Seconds are
//! rounded to the nearest second.

use shoal_resp::Args;

use crate::ctx::Ctx;
use crate::errors::CmdResult;
use crate::spec::{Acl, Arg, ArgKind, CommandSpec, Flags, Group, KeySpec, KsFlags};

const KEYS: &[KeySpec] = &[KeySpec::single(1, KsFlags::RO.union(KsFlags::ACCESS))];
const ARGS: &[Arg] = &[Arg::new("key", ArgKind::Key)];

const fn spec(
    name: &'static str,
    since: &'static str,
    summary: &'static str,
    tips: &'static [&'static str],
    handler: crate::spec::Handler,
) -> CommandSpec {
    CommandSpec {
        name,
        arity: 2,
        flags: Flags::READONLY.union(Flags::FAST),
        acl: Acl::KEYSPACE,
        key_specs: KEYS,
        tips,
        group: Group::Generic,
        since,
        summary,
        complexity: "O(1)",
        args: ARGS,
        handler,
        ..CommandSpec::DEFAULT
    }
}

pub static TTL: CommandSpec = spec(
    "ttl",
    "1.0.0",
    "Returns the expiration time in seconds of a key.",
    &["nondeterministic_output"],
    ttl,
);

pub static PTTL: CommandSpec = spec(
    "pttl",
    "2.6.0",
    "Returns the expiration time in milliseconds of a key.",
    &["nondeterministic_output"],
    pttl,
);

pub static EXPIRETIME: CommandSpec = spec(
    "expiretime",
    "7.0.0",
    "Returns the expiration time of a key as a Unix timestamp.",
    &[],
    expiretime,
);

pub static PEXPIRETIME: CommandSpec = spec(
    "pexpiretime",
    "7.0.0",
    "Returns the expiration time of a key as a Unix milliseconds timestamp.",
    &[],
    pexpiretime,
);

fn ttl(ctx: &mut Ctx<'_>, args: &Args<'_>) -> CmdResult {
    generic(ctx, args, false, false)
}

fn pttl(ctx: &mut Ctx<'_>, args: &Args<'_>) -> CmdResult {
    generic(ctx, args, true, false)
}

fn expiretime(ctx: &mut Ctx<'_>, args: &Args<'_>) -> CmdResult {
    generic(ctx, args, false, true)
}

fn pexpiretime(ctx: &mut Ctx<'_>, args: &Args<'_>) -> CmdResult {
    generic(ctx, args, true, true)
}

fn generic(ctx: &mut Ctx<'_>, args: &Args<'_>, ms: bool, absolute: bool) -> CmdResult {
    let now = ctx.keys.now;
    let reply = match ctx.keys.get_untouched(args.get(1)) {
        None => -2,
        Some(e) => match e.expire() {
            None => -1,
            Some(at) => {
                let t = if absolute { at } else { at.saturating_sub(now) };
                // Expire times never exceed i64::MAX, so neither does the rounded value.
                if ms {
                    t as i64
                } else {
                    ((t + 500) / 1000) as i64
                }
            }
        },
    };
    ctx.out.int(reply);
    Ok(())
}
