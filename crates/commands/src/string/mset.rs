//! MSET key value [key value ...]
//! MSETNX key value [key value ...]
//!
//! Dispatch locks the slots of every key before the handler runs, so both are atomic even
//! when the keys live in different slots. MSETNX sets nothing if any key exists.

use shoal_resp::Args;
use shoal_store::{encoding_for, NewValue};

use crate::ctx::Ctx;
use crate::errors::{CmdResult, Error};
use crate::spec::{Acl, Arg, ArgFlags, ArgKind, CommandSpec, Flags, Group, KeySpec, KsFlags};

const PAIRS: &[Arg] = &[Arg {
    flags: ArgFlags::MULTIPLE,
    children: &[
        Arg::new("key", ArgKind::Key),
        Arg::new("value", ArgKind::String),
    ],
    ..Arg::new("data", ArgKind::Block)
}];

pub static MSET: CommandSpec = CommandSpec {
    name: "mset",
    arity: -3,
    flags: Flags::WRITE.union(Flags::DENYOOM),
    acl: Acl::STRING,
    key_specs: &[KeySpec::rest(1, 2, KsFlags::OW.union(KsFlags::UPDATE))],
    tips: &[
        "request_policy:multi_shard",
        "response_policy:all_succeeded",
    ],
    group: Group::String,
    since: "1.0.1",
    summary: "Atomically creates or modifies the string values of one or more keys.",
    complexity: "O(N) where N is the number of keys to set.",
    args: PAIRS,
    handler: mset,
    ..CommandSpec::DEFAULT
};

pub static MSETNX: CommandSpec = CommandSpec {
    name: "msetnx",
    arity: -3,
    flags: Flags::WRITE.union(Flags::DENYOOM),
    acl: Acl::STRING,
    key_specs: &[KeySpec::rest(1, 2, KsFlags::OW.union(KsFlags::INSERT))],
    group: Group::String,
    since: "1.0.1",
    summary: "Atomically modifies the string values of one or more keys only when all keys \
              don't exist.",
    complexity: "O(N) where N is the number of keys to set.",
    args: PAIRS,
    handler: msetnx,
    ..CommandSpec::DEFAULT
};

/// Keys and values must pair up: with the command name, an odd count.
fn paired(args: &Args<'_>) -> bool {
    args.len() & 1 == 1
}

fn mset(ctx: &mut Ctx<'_>, args: &Args<'_>) -> CmdResult {
    if !paired(args) {
        return Err(Error::arity("mset"));
    }
    set_all(ctx, args);
    ctx.out.ok();
    Ok(())
}

fn msetnx(ctx: &mut Ctx<'_>, args: &Args<'_>) -> CmdResult {
    if !paired(args) {
        return Err(Error::arity("msetnx"));
    }
    for i in (1..args.len()).step_by(2) {
        if ctx.keys.get_mut(args.get(i)).is_some() {
            ctx.out.int(0);
            return Ok(());
        }
    }
    set_all(ctx, args);
    ctx.out.int(1);
    Ok(())
}

/// Sets every pair left to right, so a repeated key ends with its last value.
fn set_all(ctx: &mut Ctx<'_>, args: &Args<'_>) {
    for i in (1..args.len()).step_by(2) {
        let key = args.get(i);
        let value = args.get(i + 1);
        ctx.keys
            .set(key, NewValue::Str(value, encoding_for(value)), None);
        ctx.keys.changed("set", key);
    }
}
