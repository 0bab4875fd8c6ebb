//! ZRANGE key start stop [BYSCORE | BYLEX] [REV] [LIMIT offset count] [WITHSCORES]
//! ZRANGESTORE dst src min max [BYSCORE | BYLEX] [REV] [LIMIT offset count]
//!
//! Members by rank, score or lexicographic range; ZRANGESTORE keeps them at `dst` (deleting it
//! when the range is empty) and replies their number. See [`super::range`].

use shoal_resp::Args;

use super::range::{self, Dir, Kind};
use crate::ctx::Ctx;
use crate::errors::CmdResult;
use crate::spec::{Acl, Arg, ArgFlags, ArgKind, CommandSpec, Flags, Group, KeySpec, KsFlags};

const OPTIONAL: ArgFlags = ArgFlags::OPTIONAL;

pub(super) const SORTBY: Arg = Arg {
    flags: OPTIONAL,
    since: "6.2.0",
    children: &[
        Arg {
            token: "BYSCORE",
            ..Arg::new("byscore", ArgKind::PureToken)
        },
        Arg {
            token: "BYLEX",
            ..Arg::new("bylex", ArgKind::PureToken)
        },
    ],
    ..Arg::new("sortby", ArgKind::Oneof)
};
pub(super) const REV: Arg = Arg {
    token: "REV",
    flags: OPTIONAL,
    since: "6.2.0",
    ..Arg::new("rev", ArgKind::PureToken)
};
pub(super) const LIMIT: Arg = Arg {
    token: "LIMIT",
    flags: OPTIONAL,
    children: &[
        Arg::new("offset", ArgKind::Integer),
        Arg::new("count", ArgKind::Integer),
    ],
    ..Arg::new("offset_count", ArgKind::Block)
};
pub(super) const WITHSCORES: Arg = Arg {
    token: "WITHSCORES",
    flags: OPTIONAL,
    ..Arg::new("withscores", ArgKind::PureToken)
};

pub static ZRANGE: CommandSpec = CommandSpec {
    name: "zrange",
    arity: -4,
    flags: Flags::READONLY,
    acl: Acl::SORTEDSET,
    key_specs: &[KeySpec::single(1, KsFlags::RO.union(KsFlags::ACCESS))],
    group: Group::SortedSet,
    since: "1.2.0",
    summary: "Returns members in a sorted set within a range of indexes.",
    complexity: "O(log(N)+M) with N being the number of elements in the sorted set and M the number of elements returned.",
    history: &[("6.2.0", "Added the `REV`, `BYSCORE`, `BYLEX` and `LIMIT` options.")],
    args: &[
        Arg::new("key", ArgKind::Key),
        Arg::new("start", ArgKind::String),
        Arg::new("stop", ArgKind::String),
        SORTBY,
        REV,
        Arg { since: "6.2.0", ..LIMIT },
        WITHSCORES,
    ],
    handler: zrange,
    ..CommandSpec::DEFAULT
};

pub static ZRANGESTORE: CommandSpec = CommandSpec {
    name: "zrangestore",
    arity: -5,
    flags: Flags::WRITE.union(Flags::DENYOOM),
    acl: Acl::SORTEDSET,
    key_specs: &[
        KeySpec::single(1, KsFlags::OW.union(KsFlags::UPDATE)),
        KeySpec::single(2, KsFlags::RO.union(KsFlags::ACCESS)),
    ],
    group: Group::SortedSet,
    since: "6.2.0",
    summary: "Stores a range of members from sorted set in a key.",
    complexity: "O(log(N)+M) with N being the number of elements in the sorted set and M the number of elements stored into the destination key.",
    args: &[
        Arg::new("dst", ArgKind::Key),
        Arg::new("src", ArgKind::Key),
        Arg::new("min", ArgKind::String),
        Arg::new("max", ArgKind::String),
        Arg { since: "", ..SORTBY },
        Arg { since: "", ..REV },
        LIMIT,
    ],
    handler: zrangestore,
    ..CommandSpec::DEFAULT
};

fn zrange(ctx: &mut Ctx<'_>, args: &Args<'_>) -> CmdResult {
    range::run(ctx, args, 1, None, Kind::Auto, Dir::Auto)
}

fn zrangestore(ctx: &mut Ctx<'_>, args: &Args<'_>) -> CmdResult {
    range::run(ctx, args, 2, Some(args.get(1)), Kind::Auto, Dir::Auto)
}
