//! HMGET key field [field ...]

use shoal_resp::Args;

use super::access;
use crate::ctx::Ctx;
use crate::errors::CmdResult;
use crate::spec::{Acl, Arg, ArgFlags, ArgKind, CommandSpec, Flags, Group, KeySpec, KsFlags};

pub static SPEC: CommandSpec = CommandSpec {
    name: "hmget",
    arity: -3,
    flags: Flags::READONLY.union(Flags::FAST),
    acl: Acl::HASH,
    key_specs: &[KeySpec::single(1, KsFlags::RO.union(KsFlags::ACCESS))],
    group: Group::Hash,
    since: "2.0.0",
    summary: "Returns the values of all fields in a hash.",
    complexity: "O(N) where N is the number of fields being requested.",
    args: &[
        Arg::new("key", ArgKind::Key),
        Arg {
            flags: ArgFlags::MULTIPLE,
            ..Arg::new("field", ArgKind::String)
        },
    ],
    handler: hmget,
    ..CommandSpec::DEFAULT
};

fn hmget(ctx: &mut Ctx<'_>, args: &Args<'_>) -> CmdResult {
    let h = access::read(&mut ctx.keys, args.get(1))?;
    ctx.out.array(args.len() - 2);
    for i in 2..args.len() {
        match h.and_then(|h| h.get(args.get(i))) {
            Some(v) => ctx.out.bulk(v),
            None => ctx.out.null(),
        }
    }
    Ok(())
}
