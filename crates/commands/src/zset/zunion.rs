//! ZUNION numkeys key [key ...] [WEIGHTS weight [weight ...]] [AGGREGATE SUM | MIN | MAX]
//!     [WITHSCORES]
//! ZUNIONSTORE destination numkeys key [key ...] [WEIGHTS weight [weight ...]]
//!     [AGGREGATE SUM | MIN | MAX]
//!
//! Every member of any input, its weighted scores combined by the aggregate. Plain sets count
//! as sorted sets whose scores are all 1. See [`super::setop`].

use shoal_resp::Args;

use super::setop::{self, Op};
use super::setop_spec::*;
use crate::ctx::Ctx;
use crate::errors::CmdResult;
use crate::spec::{Acl, CommandSpec, Flags, Group};

pub static ZUNION: CommandSpec = CommandSpec {
    name: "zunion",
    arity: -3,
    flags: Flags::READONLY,
    acl: Acl::SORTEDSET,
    key_specs: READ_KEYS,
    group: Group::SortedSet,
    since: "6.2.0",
    summary: "Returns the union of multiple sorted sets.",
    complexity: "O(N)+O(M*log(M)) with N being the sum of the sizes of the input sorted sets, and M being the number of elements in the resulting sorted set.",
    args: &[NUMKEYS, KEYS, WEIGHTS, AGGREGATE, WITHSCORES],
    handler: zunion,
    ..CommandSpec::DEFAULT
};

pub static ZUNIONSTORE: CommandSpec = CommandSpec {
    name: "zunionstore",
    arity: -4,
    flags: Flags::WRITE.union(Flags::DENYOOM),
    acl: Acl::SORTEDSET,
    key_specs: STORE_KEYS,
    group: Group::SortedSet,
    since: "2.0.0",
    summary: "Stores the union of multiple sorted sets in a key.",
    complexity: "O(N)+O(M log(M)) with N being the sum of the sizes of the input sorted sets, and M being the number of elements in the resulting sorted set.",
    args: &[DESTINATION, NUMKEYS, KEYS, WEIGHTS, AGGREGATE],
    handler: zunionstore,
    ..CommandSpec::DEFAULT
};

fn zunion(ctx: &mut Ctx<'_>, args: &Args<'_>) -> CmdResult {
    setop::run(ctx, args, "zunion", 1, None, Op::Union, false)
}

fn zunionstore(ctx: &mut Ctx<'_>, args: &Args<'_>) -> CmdResult {
    setop::run(
        ctx,
        args,
        "zunionstore",
        2,
        Some(args.get(1)),
        Op::Union,
        false,
    )
}
