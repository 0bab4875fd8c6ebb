//! SDIFF key [key ...]
//! SDIFFSTORE destination key [key ...]
//!
//! Members of the first set that are in none of the others; missing keys are empty sets. The
//! result is built into a fresh set (starting as an intset) the way Redis builds it, with the
//! same choice between Redis's two algorithms, so a stored result has Redis's encoding.

use shoal_resp::Args;

use super::ops::{keys_from, union_or_diff, READ_ARGS, READ_KEYS, STORE_ARGS, STORE_KEYS_OW};
use crate::ctx::Ctx;
use crate::errors::CmdResult;
use crate::spec::{Acl, CommandSpec, Flags, Group};

const COMPLEXITY: &str = "O(N) where N is the total number of elements in all given sets.";

pub static SDIFF: CommandSpec = CommandSpec {
    name: "sdiff",
    arity: -2,
    flags: Flags::READONLY,
    acl: Acl::SET,
    key_specs: READ_KEYS,
    tips: &["nondeterministic_output_order"],
    group: Group::Set,
    since: "1.0.0",
    summary: "Returns the difference of multiple sets.",
    complexity: COMPLEXITY,
    args: READ_ARGS,
    handler: sdiff,
    ..CommandSpec::DEFAULT
};

pub static SDIFFSTORE: CommandSpec = CommandSpec {
    name: "sdiffstore",
    arity: -3,
    flags: Flags::WRITE.union(Flags::DENYOOM),
    acl: Acl::SET,
    key_specs: STORE_KEYS_OW,
    group: Group::Set,
    since: "1.0.0",
    summary: "Stores the difference of multiple sets in a key.",
    complexity: COMPLEXITY,
    args: STORE_ARGS,
    handler: sdiffstore,
    ..CommandSpec::DEFAULT
};

fn sdiff(ctx: &mut Ctx<'_>, args: &Args<'_>) -> CmdResult {
    let keys = keys_from(args, 1, args.len());
    union_or_diff(ctx, &keys, None, false)
}

fn sdiffstore(ctx: &mut Ctx<'_>, args: &Args<'_>) -> CmdResult {
    let keys = keys_from(args, 2, args.len());
    union_or_diff(ctx, &keys, Some(args.get(1)), false)
}
