//! DEL key [key ...]
//! UNLINK key [key ...]
//!
//! The number of keys removed; a key named twice counts once. UNLINK answers the same and
//! differs only in where memory is freed, which nothing observable depends on.

use shoal_resp::Args;

use crate::ctx::Ctx;
use crate::errors::CmdResult;
use crate::spec::{Acl, Arg, ArgFlags, ArgKind, CommandSpec, Flags, Group, KeySpec, KsFlags};

const KEYS: &[KeySpec] = &[KeySpec::rest(1, 1, KsFlags::RM.union(KsFlags::DELETE))];
const ARGS: &[Arg] = &[Arg {
    flags: ArgFlags::MULTIPLE,
    ..Arg::new("key", ArgKind::Key)
}];
const TIPS: &[&str] = &["request_policy:multi_shard", "response_policy:agg_sum"];

pub static DEL: CommandSpec = CommandSpec {
    name: "del",
    arity: -2,
    flags: Flags::WRITE,
    acl: Acl::KEYSPACE,
    key_specs: KEYS,
    tips: TIPS,
    group: Group::Generic,
    since: "1.0.0",
    summary: "Deletes one or more keys.",
    complexity: "O(N) where N is the number of keys that will be removed. When a key to remove holds a value other than a string, the individual complexity for this key is O(M) where M is the number of elements in the list, set, sorted set or hash. Removing a single key that holds a string value is O(1).",
    args: ARGS,
    handler: del,
    ..CommandSpec::DEFAULT
};

pub static UNLINK: CommandSpec = CommandSpec {
    name: "unlink",
    arity: -2,
    flags: Flags::WRITE.union(Flags::FAST),
    acl: Acl::KEYSPACE,
    key_specs: KEYS,
    tips: TIPS,
    group: Group::Generic,
    since: "4.0.0",
    summary: "Asynchronously deletes one or more keys.",
    complexity: "O(1) for each key removed regardless of its size. Then the command does O(N) work in a different thread in order to reclaim memory, where N is the number of allocations the deleted objects where composed of.",
    args: ARGS,
    handler: del,
    ..CommandSpec::DEFAULT
};

fn del(ctx: &mut Ctx<'_>, args: &Args<'_>) -> CmdResult {
    let mut removed = 0;
    for i in 1..args.len() {
        let key = args.get(i);
        if ctx.keys.remove(key).is_some() {
            ctx.keys.changed("del", key);
            removed += 1;
        }
    }
    ctx.out.int(removed);
    Ok(())
}
