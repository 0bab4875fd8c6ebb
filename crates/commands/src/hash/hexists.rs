//! HEXISTS key field

use shoal_resp::Args;

use super::access;
use crate::ctx::Ctx;
use crate::errors::CmdResult;
use crate::spec::{Acl, Arg, ArgKind, CommandSpec, Flags, Group, KeySpec, KsFlags};

pub static SPEC: CommandSpec = CommandSpec {
    name: "hexists",
    arity: 3,
    flags: Flags::READONLY.union(Flags::FAST),
    acl: Acl::HASH,
    key_specs: &[KeySpec::single(1, KsFlags::RO)],
    group: Group::Hash,
    since: "2.0.0",
    summary: "Determines whether a field exists in a hash.",
    complexity: "O(1)",
    args: &[
        Arg::new("key", ArgKind::Key),
        Arg::new("field", ArgKind::String),
    ],
    handler: hexists,
    ..CommandSpec::DEFAULT
};

fn hexists(ctx: &mut Ctx<'_>, args: &Args<'_>) -> CmdResult {
    let h = access::read(&mut ctx.keys, args.get(1))?;
    let found = h.is_some_and(|h| h.contains(args.get(2)));
    ctx.out.int(i64::from(found));
    Ok(())
}
