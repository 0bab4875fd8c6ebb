//! ZSCORE key member
//! ZMSCORE key member [member ...]
//!
//! Scores as doubles (RESP3) or their text (RESP2); nil for a missing member. ZMSCORE treats a
//! missing key as an empty set.

use shoal_resp::Args;

use super::common;
use crate::ctx::Ctx;
use crate::errors::CmdResult;
use crate::spec::{Acl, Arg, ArgFlags, ArgKind, CommandSpec, Flags, Group, KeySpec, KsFlags};

const KEY: &[KeySpec] = &[KeySpec::single(1, KsFlags::RO.union(KsFlags::ACCESS))];

pub static ZSCORE: CommandSpec = CommandSpec {
    name: "zscore",
    arity: 3,
    flags: Flags::READONLY.union(Flags::FAST),
    acl: Acl::SORTEDSET,
    key_specs: KEY,
    group: Group::SortedSet,
    since: "1.2.0",
    summary: "Returns the score of a member in a sorted set.",
    complexity: "O(1)",
    args: &[
        Arg::new("key", ArgKind::Key),
        Arg::new("member", ArgKind::String),
    ],
    handler: zscore,
    ..CommandSpec::DEFAULT
};

pub static ZMSCORE: CommandSpec = CommandSpec {
    name: "zmscore",
    arity: -3,
    flags: Flags::READONLY.union(Flags::FAST),
    acl: Acl::SORTEDSET,
    key_specs: KEY,
    group: Group::SortedSet,
    since: "6.2.0",
    summary: "Returns the score of one or more members in a sorted set.",
    complexity: "O(N) where N is the number of members being requested.",
    args: &[
        Arg::new("key", ArgKind::Key),
        Arg {
            flags: ArgFlags::MULTIPLE,
            ..Arg::new("member", ArgKind::String)
        },
    ],
    handler: zmscore,
    ..CommandSpec::DEFAULT
};

fn zscore(ctx: &mut Ctx<'_>, args: &Args<'_>) -> CmdResult {
    match common::read(&mut ctx.keys, args.get(1))?.and_then(|z| z.score(args.get(2))) {
        Some(s) => ctx.out.double(s),
        None => ctx.out.null(),
    }
    Ok(())
}

fn zmscore(ctx: &mut Ctx<'_>, args: &Args<'_>) -> CmdResult {
    let z = common::read(&mut ctx.keys, args.get(1))?;
    ctx.out.array(args.len() - 2);
    for i in 2..args.len() {
        match z.and_then(|z| z.score(args.get(i))) {
            Some(s) => ctx.out.double(s),
            None => ctx.out.null(),
        }
    }
    Ok(())
}
