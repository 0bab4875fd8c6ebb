//! HSTRLEN key field

use shoal_resp::Args;

use super::access;
use crate::ctx::Ctx;
use crate::errors::CmdResult;
use crate::spec::{Acl, Arg, ArgKind, CommandSpec, Flags, Group, KeySpec, KsFlags};

pub static SPEC: CommandSpec = CommandSpec {
    name: "hstrlen",
    arity: 3,
    flags: Flags::READONLY.union(Flags::FAST),
    acl: Acl::HASH,
    key_specs: &[KeySpec::single(1, KsFlags::RO)],
    group: Group::Hash,
    since: "3.2.0",
    summary: "Returns the length of the value of a field.",
    complexity: "O(1)",
    args: &[
        Arg::new("key", ArgKind::Key),
        Arg::new("field", ArgKind::String),
    ],
    handler: hstrlen,
    ..CommandSpec::DEFAULT
};

fn hstrlen(ctx: &mut Ctx<'_>, args: &Args<'_>) -> CmdResult {
    let h = access::read(&mut ctx.keys, args.get(1))?;
    let len = h.and_then(|h| h.get(args.get(2))).map_or(0, |v| v.len());
    ctx.out.int(len as i64);
    Ok(())
}
