//! HLEN key

use shoal_resp::Args;

use super::access;
use crate::ctx::Ctx;
use crate::errors::CmdResult;
use crate::spec::{Acl, Arg, ArgKind, CommandSpec, Flags, Group, KeySpec, KsFlags};

pub static SPEC: CommandSpec = CommandSpec {
    name: "hlen",
    arity: 2,
    flags: Flags::READONLY.union(Flags::FAST),
    acl: Acl::HASH,
    key_specs: &[KeySpec::single(1, KsFlags::RO)],
    group: Group::Hash,
    since: "2.0.0",
    summary: "Returns the number of fields in a hash.",
    complexity: "O(1)",
    args: &[Arg::new("key", ArgKind::Key)],
    handler: hlen,
    ..CommandSpec::DEFAULT
};

fn hlen(ctx: &mut Ctx<'_>, args: &Args<'_>) -> CmdResult {
    let h = access::read(&mut ctx.keys, args.get(1))?;
    ctx.out.int(h.map_or(0, |h| h.len() as i64));
    Ok(())
}
