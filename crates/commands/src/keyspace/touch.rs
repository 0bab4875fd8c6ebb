//! TOUCH key [key ...]
//!
//! Updates the access time of each existing key and answers how many existed (repeats count).

use shoal_resp::Args;

use crate::ctx::Ctx;
use crate::errors::CmdResult;
use crate::spec::{Acl, Arg, ArgFlags, ArgKind, CommandSpec, Flags, Group, KeySpec, KsFlags};

pub static SPEC: CommandSpec = CommandSpec {
    name: "touch",
    arity: -2,
    flags: Flags::READONLY.union(Flags::FAST),
    acl: Acl::KEYSPACE,
    key_specs: &[KeySpec::rest(1, 1, KsFlags::RO)],
    tips: &["request_policy:multi_shard", "response_policy:agg_sum"],
    group: Group::Generic,
    since: "3.2.1",
    summary: "Returns the number of existing keys out of those specified after updating the time they were last accessed.",
    complexity: "O(N) where N is the number of keys that will be touched.",
    args: &[Arg {
        flags: ArgFlags::MULTIPLE,
        ..Arg::new("key", ArgKind::Key)
    }],
    handler: touch,
    ..CommandSpec::DEFAULT
};

fn touch(ctx: &mut Ctx<'_>, args: &Args<'_>) -> CmdResult {
    // TOUCH exists to update access times, so it does so even for a CLIENT NO-TOUCH client.
    ctx.keys.no_touch = false;
    let mut n = 0;
    for i in 1..args.len() {
        if ctx.keys.get(args.get(i)).is_some() {
            n += 1;
        }
    }
    ctx.out.int(n);
    Ok(())
}
