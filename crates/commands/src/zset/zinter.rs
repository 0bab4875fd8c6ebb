//! ZINTER numkeys key [key ...] [WEIGHTS weight [weight ...]] [AGGREGATE SUM | MIN | MAX]
//!     [WITHSCORES]
//! ZINTERSTORE destination numkeys key [key ...] [WEIGHTS weight [weight ...]]
//!     [AGGREGATE SUM | MIN | MAX]
//! ZINTERCARD numkeys key [key ...] [LIMIT limit]
//!
//! Members present in every input, scores combined by the aggregate; ZINTERCARD only counts
//! them, stopping at LIMIT (0: no limit). See [`super::setop`].

use shoal_resp::Args;

use super::setop::{self, Op};
use super::setop_spec::*;
use crate::ctx::Ctx;
use crate::errors::CmdResult;
use crate::spec::{Acl, Arg, ArgFlags, ArgKind, CommandSpec, Flags, Group};

const COMPLEXITY: &str = "O(N*K)+O(M*log(M)) worst case with N being the smallest input sorted set, K being the number of input sorted sets and M being the number of elements in the resulting sorted set.";

pub static ZINTER: CommandSpec = CommandSpec {
    name: "zinter",
    arity: -3,
    flags: Flags::READONLY,
    acl: Acl::SORTEDSET,
    key_specs: READ_KEYS,
    group: Group::SortedSet,
    since: "6.2.0",
    summary: "Returns the intersect of multiple sorted sets.",
    complexity: COMPLEXITY,
    args: &[NUMKEYS, KEYS, WEIGHTS, AGGREGATE, WITHSCORES],
    handler: zinter,
    ..CommandSpec::DEFAULT
};

pub static ZINTERSTORE: CommandSpec = CommandSpec {
    name: "zinterstore",
    arity: -4,
    flags: Flags::WRITE.union(Flags::DENYOOM),
    acl: Acl::SORTEDSET,
    key_specs: STORE_KEYS,
    group: Group::SortedSet,
    since: "2.0.0",
    summary: "Stores the intersect of multiple sorted sets in a key.",
    complexity: COMPLEXITY,
    args: &[DESTINATION, NUMKEYS, KEYS, WEIGHTS, AGGREGATE],
    handler: zinterstore,
    ..CommandSpec::DEFAULT
};

pub static ZINTERCARD: CommandSpec = CommandSpec {
    name: "zintercard",
    arity: -3,
    flags: Flags::READONLY,
    acl: Acl::SORTEDSET,
    key_specs: READ_KEYS,
    group: Group::SortedSet,
    since: "7.0.0",
    summary: "Returns the number of members of the intersect of multiple sorted sets.",
    complexity: "O(N*K) worst case with N being the smallest input sorted set, K being the number of input sorted sets.",
    args: &[
        NUMKEYS,
        KEYS,
        Arg {
            token: "LIMIT",
            flags: ArgFlags::OPTIONAL,
            ..Arg::new("limit", ArgKind::Integer)
        },
    ],
    handler: zintercard,
    ..CommandSpec::DEFAULT
};

fn zinter(ctx: &mut Ctx<'_>, args: &Args<'_>) -> CmdResult {
    setop::run(ctx, args, "zinter", 1, None, Op::Inter, false)
}

fn zinterstore(ctx: &mut Ctx<'_>, args: &Args<'_>) -> CmdResult {
    setop::run(
        ctx,
        args,
        "zinterstore",
        2,
        Some(args.get(1)),
        Op::Inter,
        false,
    )
}

fn zintercard(ctx: &mut Ctx<'_>, args: &Args<'_>) -> CmdResult {
    setop::run(ctx, args, "zintercard", 1, None, Op::Inter, true)
}
