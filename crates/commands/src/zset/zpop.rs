//! ZPOPMIN key [count]
//! ZPOPMAX key [count]
//!
//! Removes and returns the lowest (highest) members with their scores. Without a count the
//! reply is a flat [member, score]; with one it is flat in RESP2 and a list of pairs in RESP3.

use shoal_resp::Args;

use super::common::long_in;
use super::pop::{pop_reply, End, Shape};
use crate::ctx::Ctx;
use crate::errors::{CmdResult, Error};
use crate::spec::{Acl, Arg, ArgFlags, ArgKind, CommandSpec, Flags, Group, KeySpec, KsFlags};

const KEY: &[KeySpec] = &[KeySpec::single(
    1,
    KsFlags::RW.union(KsFlags::ACCESS).union(KsFlags::DELETE),
)];
const ARGS: &[Arg] = &[
    Arg::new("key", ArgKind::Key),
    Arg {
        flags: ArgFlags::OPTIONAL,
        ..Arg::new("count", ArgKind::Integer)
    },
];
const COMPLEXITY: &str = "O(log(N)*M) with N being the number of elements in the sorted set, and M being the number of elements popped.";

pub static ZPOPMIN: CommandSpec = CommandSpec {
    name: "zpopmin",
    arity: -2,
    flags: Flags::WRITE.union(Flags::FAST),
    acl: Acl::SORTEDSET,
    key_specs: KEY,
    group: Group::SortedSet,
    since: "5.0.0",
    summary: "Returns the lowest-scoring members from a sorted set after removing them. Deletes the sorted set if the last member was popped.",
    complexity: COMPLEXITY,
    args: ARGS,
    handler: zpopmin,
    ..CommandSpec::DEFAULT
};

pub static ZPOPMAX: CommandSpec = CommandSpec {
    name: "zpopmax",
    arity: -2,
    flags: Flags::WRITE.union(Flags::FAST),
    acl: Acl::SORTEDSET,
    key_specs: KEY,
    group: Group::SortedSet,
    since: "5.0.0",
    summary: "Returns the highest-scoring members from a sorted set after removing them. Deletes the sorted set if the last member was popped.",
    complexity: COMPLEXITY,
    args: ARGS,
    handler: zpopmax,
    ..CommandSpec::DEFAULT
};

fn zpopmin(ctx: &mut Ctx<'_>, args: &Args<'_>) -> CmdResult {
    generic(ctx, args, End::Min)
}

fn zpopmax(ctx: &mut Ctx<'_>, args: &Args<'_>) -> CmdResult {
    generic(ctx, args, End::Max)
}

fn generic(ctx: &mut Ctx<'_>, args: &Args<'_>, end: End) -> CmdResult {
    if args.len() > 3 {
        return Err(Error::Syntax);
    }
    let count = match args.len() {
        3 => Some(long_in(
            args.get(2),
            0,
            i64::MAX,
            "ERR value is out of range, must be positive",
        )? as usize),
        _ => None,
    };
    let shape = if count.is_some() && ctx.out.is_resp3() {
        Shape::Nested
    } else {
        Shape::Flat
    };
    pop_reply(ctx, &[args.get(1)], end, count.unwrap_or(1), shape, false)?;
    Ok(())
}
