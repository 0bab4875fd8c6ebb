//! ZDIFF numkeys key [key ...] [WITHSCORES]
//! ZDIFFSTORE destination numkeys key [key ...]
//!
//! Members of the first input found in none of the others, with their scores from the first.
//! See [`super::setop`].

use shoal_resp::Args;

use super::setop::{self, Op};
use super::setop_spec::*;
use crate::ctx::Ctx;
use crate::errors::CmdResult;
use crate::spec::{Acl, CommandSpec, Flags, Group};

const COMPLEXITY: &str = "O(L + (N-K)log(N)) worst case where L is the total number of elements in all the sets, N is the size of the first set, and K is the size of the result set.";

pub static ZDIFF: CommandSpec = CommandSpec {
    name: "zdiff",
    arity: -3,
    flags: Flags::READONLY,
    acl: Acl::SORTEDSET,
    key_specs: READ_KEYS,
    group: Group::SortedSet,
    since: "6.2.0",
    summary: "Returns the difference between multiple sorted sets.",
    complexity: COMPLEXITY,
    args: &[NUMKEYS, KEYS, WITHSCORES],
    handler: zdiff,
    ..CommandSpec::DEFAULT
};

pub static ZDIFFSTORE: CommandSpec = CommandSpec {
    name: "zdiffstore",
    arity: -4,
    flags: Flags::WRITE.union(Flags::DENYOOM),
    acl: Acl::SORTEDSET,
    key_specs: STORE_KEYS,
    group: Group::SortedSet,
    since: "6.2.0",
    summary: "Stores the difference of multiple sorted sets in a key.",
    complexity: COMPLEXITY,
    args: &[DESTINATION, NUMKEYS, KEYS],
    handler: zdiffstore,
    ..CommandSpec::DEFAULT
};

fn zdiff(ctx: &mut Ctx<'_>, args: &Args<'_>) -> CmdResult {
    setop::run(ctx, args, "zdiff", 1, None, Op::Diff, false)
}

fn zdiffstore(ctx: &mut Ctx<'_>, args: &Args<'_>) -> CmdResult {
    setop::run(
        ctx,
        args,
        "zdiffstore",
        2,
        Some(args.get(1)),
        Op::Diff,
        false,
    )
}
