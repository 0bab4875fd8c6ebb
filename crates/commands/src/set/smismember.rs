//! SMISMEMBER key member [member ...]
//!
//! One 0/1 per member; a missing key is an empty set.

use shoal_resp::Args;

use super::as_set;
use crate::ctx::Ctx;
use crate::errors::CmdResult;
use crate::spec::{Acl, Arg, ArgFlags, ArgKind, CommandSpec, Flags, Group, KeySpec, KsFlags};

pub static SPEC: CommandSpec = CommandSpec {
    name: "smismember",
    arity: -3,
    flags: Flags::READONLY.union(Flags::FAST),
    acl: Acl::SET,
    key_specs: &[KeySpec::single(1, KsFlags::RO.union(KsFlags::ACCESS))],
    group: Group::Set,
    since: "6.2.0",
    summary: "Determines whether multiple members belong to a set.",
    complexity: "O(N) where N is the number of elements being checked for membership",
    args: &[
        Arg::new("key", ArgKind::Key),
        Arg {
            flags: ArgFlags::MULTIPLE,
            ..Arg::new("member", ArgKind::String)
        },
    ],
    handler: smismember,
    ..CommandSpec::DEFAULT
};

fn smismember(ctx: &mut Ctx<'_>, args: &Args<'_>) -> CmdResult {
    let set = match ctx.keys.get(args.get(1)) {
        None => None,
        Some(e) => Some(as_set(e)?),
    };
    ctx.out.array(args.len() - 2);
    for i in 2..args.len() {
        let found = set.is_some_and(|s| s.contains(args.get(i)));
        ctx.out.int(i64::from(found));
    }
    Ok(())
}
