//! ZCOUNT key min max
//! ZLEXCOUNT key min max
//!
//! How many members fall in a score interval, or a lexicographic one. The interval is parsed
//! before the key is looked at, so its errors come first.

use shoal_resp::Args;

use super::{bounds, common};
use crate::ctx::Ctx;
use crate::errors::CmdResult;
use crate::spec::{Acl, Arg, ArgKind, CommandSpec, Flags, Group, KeySpec, KsFlags};

const KEY: &[KeySpec] = &[KeySpec::single(1, KsFlags::RO.union(KsFlags::ACCESS))];

pub static ZCOUNT: CommandSpec = CommandSpec {
    name: "zcount",
    arity: 4,
    flags: Flags::READONLY.union(Flags::FAST),
    acl: Acl::SORTEDSET,
    key_specs: KEY,
    group: Group::SortedSet,
    since: "2.0.0",
    summary: "Returns the count of members in a sorted set that have scores within a range.",
    complexity: "O(log(N)) with N being the number of elements in the sorted set.",
    args: &[
        Arg::new("key", ArgKind::Key),
        Arg::new("min", ArgKind::Double),
        Arg::new("max", ArgKind::Double),
    ],
    handler: zcount,
    ..CommandSpec::DEFAULT
};

pub static ZLEXCOUNT: CommandSpec = CommandSpec {
    name: "zlexcount",
    arity: 4,
    flags: Flags::READONLY.union(Flags::FAST),
    acl: Acl::SORTEDSET,
    key_specs: KEY,
    group: Group::SortedSet,
    since: "2.8.9",
    summary: "Returns the number of members in a sorted set within a lexicographical range.",
    complexity: "O(log(N)) with N being the number of elements in the sorted set.",
    args: &[
        Arg::new("key", ArgKind::Key),
        Arg::new("min", ArgKind::String),
        Arg::new("max", ArgKind::String),
    ],
    handler: zlexcount,
    ..CommandSpec::DEFAULT
};

fn zcount(ctx: &mut Ctx<'_>, args: &Args<'_>) -> CmdResult {
    let range = bounds::score_range(args.get(2), args.get(3))?;
    let n = common::read(&mut ctx.keys, args.get(1))?.map_or(0, |z| z.count_in_score_range(&range));
    ctx.out.int(n as i64);
    Ok(())
}

fn zlexcount(ctx: &mut Ctx<'_>, args: &Args<'_>) -> CmdResult {
    let range = bounds::lex_range(args.get(2), args.get(3))?;
    let n = common::read(&mut ctx.keys, args.get(1))?.map_or(0, |z| z.count_in_lex_range(&range));
    ctx.out.int(n as i64);
    Ok(())
}
