//! SUNION key [key ...]
//! SUNIONSTORE destination key [key ...]
//!
//! Missing keys are empty sets. The union is built into a fresh set (starting as an intset), so
//! all-integer results come back in ascending order and a stored result has Redis's encoding.

use shoal_resp::Args;

use super::ops::{keys_from, union_or_diff, READ_ARGS, READ_KEYS, STORE_ARGS, STORE_KEYS_OW};
use crate::ctx::Ctx;
use crate::errors::CmdResult;
use crate::spec::{Acl, CommandSpec, Flags, Group};

const COMPLEXITY: &str = "O(N) where N is the total number of elements in all given sets.";

pub static SUNION: CommandSpec = CommandSpec {
    name: "sunion",
    arity: -2,
    flags: Flags::READONLY,
    acl: Acl::SET,
    key_specs: READ_KEYS,
    tips: &["nondeterministic_output_order"],
    group: Group::Set,
    since: "1.0.0",
    summary: "Returns the union of multiple sets.",
    complexity: COMPLEXITY,
    args: READ_ARGS,
    handler: sunion,
    ..CommandSpec::DEFAULT
};

pub static SUNIONSTORE: CommandSpec = CommandSpec {
    name: "sunionstore",
    arity: -3,
    flags: Flags::WRITE.union(Flags::DENYOOM),
    acl: Acl::SET,
    key_specs: STORE_KEYS_OW,
    group: Group::Set,
    since: "1.0.0",
    summary: "Stores the union of multiple sets in a key.",
    complexity: COMPLEXITY,
    args: STORE_ARGS,
    handler: sunionstore,
    ..CommandSpec::DEFAULT
};

fn sunion(ctx: &mut Ctx<'_>, args: &Args<'_>) -> CmdResult {
    let keys = keys_from(args, 1, args.len());
    union_or_diff(ctx, &keys, None, true)
}

fn sunionstore(ctx: &mut Ctx<'_>, args: &Args<'_>) -> CmdResult {
    let keys = keys_from(args, 2, args.len());
    union_or_diff(ctx, &keys, Some(args.get(1)), true)
}
