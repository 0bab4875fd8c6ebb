//! ZCARD key
//!
//! The number of members; 0 for a missing key.

use shoal_resp::Args;

use super::common;
use crate::ctx::Ctx;
use crate::errors::CmdResult;
use crate::spec::{Acl, Arg, ArgKind, CommandSpec, Flags, Group, KeySpec, KsFlags};

pub static SPEC: CommandSpec = CommandSpec {
    name: "zcard",
    arity: 2,
    flags: Flags::READONLY.union(Flags::FAST),
    acl: Acl::SORTEDSET,
    key_specs: &[KeySpec::single(1, KsFlags::RO)],
    group: Group::SortedSet,
    since: "1.2.0",
    summary: "Returns the number of members in a sorted set.",
    complexity: "O(1)",
    args: &[Arg::new("key", ArgKind::Key)],
    handler: zcard,
    ..CommandSpec::DEFAULT
};

fn zcard(ctx: &mut Ctx<'_>, args: &Args<'_>) -> CmdResult {
    let n = common::read(&mut ctx.keys, args.get(1))?.map_or(0, |z| z.len());
    ctx.out.int(n as i64);
    Ok(())
}
