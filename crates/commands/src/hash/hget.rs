//! HGET key field

use shoal_resp::Args;

use super::access;
use crate::ctx::Ctx;
use crate::errors::CmdResult;
use crate::spec::{Acl, Arg, ArgKind, CommandSpec, Flags, Group, KeySpec, KsFlags};

pub static SPEC: CommandSpec = CommandSpec {
    name: "hget",
    arity: 3,
    flags: Flags::READONLY.union(Flags::FAST),
    acl: Acl::HASH,
    key_specs: &[KeySpec::single(1, KsFlags::RO.union(KsFlags::ACCESS))],
    group: Group::Hash,
    since: "2.0.0",
    summary: "Returns the value of a field in a hash.",
    complexity: "O(1)",
    args: &[
        Arg::new("key", ArgKind::Key),
        Arg::new("field", ArgKind::String),
    ],
    handler: hget,
    ..CommandSpec::DEFAULT
};

fn hget(ctx: &mut Ctx<'_>, args: &Args<'_>) -> CmdResult {
    let h = access::read(&mut ctx.keys, args.get(1))?;
    match h.and_then(|h| h.get(args.get(2))) {
        Some(v) => ctx.out.bulk(v),
        None => ctx.out.null(),
    }
    Ok(())
}
