//! MGET key [key ...]
//!
//! One reply per key: its value, or nil when it is missing or not a string.

use shoal_resp::Args;
use shoal_store::Value;

use crate::ctx::Ctx;
use crate::errors::CmdResult;
use crate::spec::{Acl, Arg, ArgFlags, ArgKind, CommandSpec, Flags, Group, KeySpec, KsFlags};

pub static SPEC: CommandSpec = CommandSpec {
    name: "mget",
    arity: -2,
    flags: Flags::READONLY.union(Flags::FAST),
    acl: Acl::STRING,
    key_specs: &[KeySpec::rest(1, 1, KsFlags::RO.union(KsFlags::ACCESS))],
    tips: &["request_policy:multi_shard"],
    group: Group::String,
    since: "1.0.0",
    summary: "Atomically returns the string values of one or more keys.",
    complexity: "O(N) where N is the number of keys to retrieve.",
    args: &[Arg {
        flags: ArgFlags::MULTIPLE,
        ..Arg::new("key", ArgKind::Key)
    }],
    handler: mget,
    ..CommandSpec::DEFAULT
};

fn mget(ctx: &mut Ctx<'_>, args: &Args<'_>) -> CmdResult {
    ctx.out.array(args.len() - 1);
    for key in args.iter().skip(1) {
        match ctx.keys.get(key).map(|e| e.value()) {
            Some(Value::Str(v, _)) => ctx.out.bulk(v),
            _ => ctx.out.null(),
        }
    }
    Ok(())
}
