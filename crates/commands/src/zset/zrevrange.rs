//! ZREVRANGE key start stop [WITHSCORES]
//!
//! The pre-6.2 form of `ZRANGE key start stop REV`; LIMIT gets ZRANGE's rank-range error.

use shoal_resp::Args;

use super::range::{self, Dir, Kind};
use super::zrange::WITHSCORES;
use crate::ctx::Ctx;
use crate::errors::CmdResult;
use crate::spec::{Acl, Arg, ArgKind, CommandSpec, Flags, Group, KeySpec, KsFlags};

pub static SPEC: CommandSpec = CommandSpec {
    name: "zrevrange",
    arity: -4,
    flags: Flags::READONLY,
    acl: Acl::SORTEDSET,
    key_specs: &[KeySpec::single(1, KsFlags::RO.union(KsFlags::ACCESS))],
    group: Group::SortedSet,
    since: "1.2.0",
    summary: "Returns members in a sorted set within a range of indexes in reverse order.",
    complexity: "O(log(N)+M) with N being the number of elements in the sorted set and M the number of elements returned.",
    deprecated_since: "6.2.0",
    replaced_by: "`ZRANGE` with the `REV` argument",
    args: &[
        Arg::new("key", ArgKind::Key),
        Arg::new("start", ArgKind::Integer),
        Arg::new("stop", ArgKind::Integer),
        WITHSCORES,
    ],
    handler: zrevrange,
    ..CommandSpec::DEFAULT
};

fn zrevrange(ctx: &mut Ctx<'_>, args: &Args<'_>) -> CmdResult {
    range::run(ctx, args, 1, None, Kind::Rank, Dir::Reverse)
}
