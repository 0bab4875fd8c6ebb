//! SCARD key

use shoal_resp::Args;

use super::as_set;
use crate::ctx::Ctx;
use crate::errors::CmdResult;
use crate::spec::{Acl, Arg, ArgKind, CommandSpec, Flags, Group, KeySpec, KsFlags};

pub static SPEC: CommandSpec = CommandSpec {
    name: "scard",
    arity: 2,
    flags: Flags::READONLY.union(Flags::FAST),
    acl: Acl::SET,
    key_specs: &[KeySpec::single(1, KsFlags::RO)],
    group: Group::Set,
    since: "1.0.0",
    summary: "Returns the number of members in a set.",
    complexity: "O(1)",
    args: &[Arg::new("key", ArgKind::Key)],
    handler: scard,
    ..CommandSpec::DEFAULT
};

fn scard(ctx: &mut Ctx<'_>, args: &Args<'_>) -> CmdResult {
    let n = match ctx.keys.get(args.get(1)) {
        None => 0,
        Some(e) => as_set(e)?.len(),
    };
    ctx.out.int(n as i64);
    Ok(())
}
