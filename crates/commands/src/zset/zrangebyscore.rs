//! ZRANGEBYSCORE key min max [WITHSCORES] [LIMIT offset count]
//! ZREVRANGEBYSCORE key max min [WITHSCORES] [LIMIT offset count]
//!
//! The pre-6.2 forms of `ZRANGE ... BYSCORE [REV]`; REV, BYSCORE and BYLEX are syntax errors
//! here.

use shoal_resp::Args;

use super::range::{self, Dir, Kind};
use super::zrange::{LIMIT, WITHSCORES};
use crate::ctx::Ctx;
use crate::errors::CmdResult;
use crate::spec::{Acl, Arg, ArgKind, CommandSpec, Flags, Group, KeySpec, KsFlags};

const KEY: &[KeySpec] = &[KeySpec::single(1, KsFlags::RO.union(KsFlags::ACCESS))];
const COMPLEXITY: &str = "O(log(N)+M) with N being the number of elements in the sorted set and M the number of elements being returned. If M is constant (e.g. always asking for the first 10 elements with LIMIT), you can consider it O(log(N)).";

pub static ZRANGEBYSCORE: CommandSpec = CommandSpec {
    name: "zrangebyscore",
    arity: -4,
    flags: Flags::READONLY,
    acl: Acl::SORTEDSET,
    key_specs: KEY,
    group: Group::SortedSet,
    since: "1.0.5",
    summary: "Returns members in a sorted set within a range of scores.",
    complexity: COMPLEXITY,
    history: &[("2.0.0", "Added the `WITHSCORES` modifier.")],
    deprecated_since: "6.2.0",
    replaced_by: "`ZRANGE` with the `BYSCORE` argument",
    args: &[
        Arg::new("key", ArgKind::Key),
        Arg::new("min", ArgKind::Double),
        Arg::new("max", ArgKind::Double),
        Arg {
            since: "2.0.0",
            ..WITHSCORES
        },
        LIMIT,
    ],
    handler: zrangebyscore,
    ..CommandSpec::DEFAULT
};

pub static ZREVRANGEBYSCORE: CommandSpec = CommandSpec {
    name: "zrevrangebyscore",
    arity: -4,
    flags: Flags::READONLY,
    acl: Acl::SORTEDSET,
    key_specs: KEY,
    group: Group::SortedSet,
    since: "2.2.0",
    summary: "Returns members in a sorted set within a range of scores in reverse order.",
    complexity: COMPLEXITY,
    history: &[("2.1.6", "`min` and `max` can be exclusive.")],
    deprecated_since: "6.2.0",
    replaced_by: "`ZRANGE` with the `REV` and `BYSCORE` arguments",
    args: &[
        Arg::new("key", ArgKind::Key),
        Arg::new("max", ArgKind::Double),
        Arg::new("min", ArgKind::Double),
        WITHSCORES,
        LIMIT,
    ],
    handler: zrevrangebyscore,
    ..CommandSpec::DEFAULT
};

fn zrangebyscore(ctx: &mut Ctx<'_>, args: &Args<'_>) -> CmdResult {
    range::run(ctx, args, 1, None, Kind::Score, Dir::Forward)
}

fn zrevrangebyscore(ctx: &mut Ctx<'_>, args: &Args<'_>) -> CmdResult {
    range::run(ctx, args, 1, None, Kind::Score, Dir::Reverse)
}
