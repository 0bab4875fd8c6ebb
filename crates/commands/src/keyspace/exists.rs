//! EXISTS key [key ...]
//!
//! How many of the named keys exist; a key named twice counts twice.

use shoal_resp::Args;

use crate::ctx::Ctx;
use crate::errors::CmdResult;
use crate::spec::{Acl, Arg, ArgFlags, ArgKind, CommandSpec, Flags, Group, KeySpec, KsFlags};

pub static SPEC: CommandSpec = CommandSpec {
    name: "exists",
    arity: -2,
    flags: Flags::READONLY.union(Flags::FAST),
    acl: Acl::KEYSPACE,
    key_specs: &[KeySpec::rest(1, 1, KsFlags::RO)],
    tips: &["request_policy:multi_shard", "response_policy:agg_sum"],
    group: Group::Generic,
    since: "1.0.0",
    summary: "Determines whether one or more keys exist.",
    complexity: "O(N) where N is the number of keys to check.",
    args: &[Arg {
        flags: ArgFlags::MULTIPLE,
        ..Arg::new("key", ArgKind::Key)
    }],
    handler: exists,
    ..CommandSpec::DEFAULT
};

fn exists(ctx: &mut Ctx<'_>, args: &Args<'_>) -> CmdResult {
    let mut n = 0;
    for i in 1..args.len() {
        if ctx.keys.get_untouched(args.get(i)).is_some() {
            n += 1;
        }
    }
    ctx.out.int(n);
    Ok(())
}
