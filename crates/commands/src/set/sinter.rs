//! SINTER key [key ...]
//! SINTERSTORE destination key [key ...]
//!
//! One implementation (see `ops`): SINTER replies with a set, SINTERSTORE stores it (deleting the
//! destination when the intersection is empty) and replies with its size.

use shoal_resp::Args;

use super::limits;
use super::ops::{
    inter, keys_from, store_result, InterMode, InterResult, READ_ARGS, READ_KEYS, STORE_ARGS,
    STORE_KEYS_RW,
};
use crate::ctx::Ctx;
use crate::errors::CmdResult;
use crate::spec::{Acl, CommandSpec, Flags, Group};

const COMPLEXITY: &str =
    "O(N*M) worst case where N is the cardinality of the smallest set and M is the number of sets.";

pub static SINTER: CommandSpec = CommandSpec {
    name: "sinter",
    arity: -2,
    flags: Flags::READONLY,
    acl: Acl::SET,
    key_specs: READ_KEYS,
    tips: &["nondeterministic_output_order"],
    group: Group::Set,
    since: "1.0.0",
    summary: "Returns the intersect of multiple sets.",
    complexity: COMPLEXITY,
    args: READ_ARGS,
    handler: sinter,
    ..CommandSpec::DEFAULT
};

pub static SINTERSTORE: CommandSpec = CommandSpec {
    name: "sinterstore",
    arity: -3,
    flags: Flags::WRITE.union(Flags::DENYOOM),
    acl: Acl::SET,
    key_specs: STORE_KEYS_RW,
    group: Group::Set,
    since: "1.0.0",
    summary: "Stores the intersect of multiple sets in a key.",
    complexity: COMPLEXITY,
    args: STORE_ARGS,
    handler: sinterstore,
    ..CommandSpec::DEFAULT
};

fn sinter(ctx: &mut Ctx<'_>, args: &Args<'_>) -> CmdResult {
    let keys = keys_from(args, 1, args.len());
    inter(ctx, &keys, InterMode::Reply)?;
    Ok(())
}

fn sinterstore(ctx: &mut Ctx<'_>, args: &Args<'_>) -> CmdResult {
    let keys = keys_from(args, 2, args.len());
    let lim = limits(ctx);
    match inter(ctx, &keys, InterMode::Store(lim))? {
        InterResult::Built(set) => store_result(ctx, args.get(1), set, "sinterstore"),
        _ => unreachable!("store mode builds a set"),
    }
}
