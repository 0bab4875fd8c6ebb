//! RENAME key newkey
//! RENAMENX key newkey
//!
//! Moves the value, its expire time and its access time to `newkey`. RENAME overwrites
//! `newkey` and answers OK; RENAMENX answers 1, or 0 without changing anything when `newkey`
//! exists. The two keys may live in different slots: dispatch locked both.

use shoal_resp::Args;

use super::common::rekey;
use crate::ctx::Ctx;
use crate::errors::{CmdResult, Error};
use crate::spec::{Acl, Arg, ArgKind, CommandSpec, Flags, Group, KeySpec, KsFlags};

const ARGS: &[Arg] = &[
    Arg::new("key", ArgKind::Key),
    Arg::new("newkey", ArgKind::Key),
];
const SOURCE: KeySpec =
    KeySpec::single(1, KsFlags::RW.union(KsFlags::ACCESS).union(KsFlags::DELETE));

pub static RENAME: CommandSpec = CommandSpec {
    name: "rename",
    arity: 3,
    flags: Flags::WRITE,
    acl: Acl::KEYSPACE,
    key_specs: &[
        SOURCE,
        KeySpec::single(2, KsFlags::OW.union(KsFlags::UPDATE)),
    ],
    group: Group::Generic,
    since: "1.0.0",
    summary: "Renames a key and overwrites the destination.",
    complexity: "O(1)",
    args: ARGS,
    handler: rename,
    ..CommandSpec::DEFAULT
};

pub static RENAMENX: CommandSpec = CommandSpec {
    name: "renamenx",
    arity: 3,
    flags: Flags::WRITE.union(Flags::FAST),
    acl: Acl::KEYSPACE,
    key_specs: &[
        SOURCE,
        KeySpec::single(2, KsFlags::OW.union(KsFlags::INSERT)),
    ],
    group: Group::Generic,
    since: "1.0.0",
    summary: "Renames a key only when the target key name doesn't exist.",
    complexity: "O(1)",
    args: ARGS,
    handler: renamenx,
    ..CommandSpec::DEFAULT
};

fn rename(ctx: &mut Ctx<'_>, args: &Args<'_>) -> CmdResult {
    generic(ctx, args, false)
}

fn renamenx(ctx: &mut Ctx<'_>, args: &Args<'_>) -> CmdResult {
    generic(ctx, args, true)
}

fn reply(ctx: &mut Ctx<'_>, nx: bool, done: bool) {
    if nx {
        ctx.out.int(done as i64);
    } else {
        ctx.out.ok();
    }
}

fn generic(ctx: &mut Ctx<'_>, args: &Args<'_>, nx: bool) -> CmdResult {
    let (src, dst) = (args.get(1), args.get(2));
    if ctx.keys.get_mut(src).is_none() {
        return Err(Error::NoSuchKey);
    }
    if src == dst {
        reply(ctx, nx, false);
        return Ok(());
    }
    if nx && ctx.keys.get_mut(dst).is_some() {
        ctx.out.int(0);
        return Ok(());
    }
    let entry = ctx.keys.remove(src).expect("source was just found");
    ctx.keys.remove(dst);
    let db = ctx.keys.db;
    ctx.keys.insert_in(db, rekey(entry, dst));
    ctx.keys.changed("rename_from", src);
    ctx.keys.changed("rename_to", dst);
    reply(ctx, nx, true);
    Ok(())
}
