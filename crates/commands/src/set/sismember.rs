//! SISMEMBER key member

use shoal_resp::Args;

use super::as_set;
use crate::ctx::Ctx;
use crate::errors::CmdResult;
use crate::spec::{Acl, Arg, ArgKind, CommandSpec, Flags, Group, KeySpec, KsFlags};

pub static SPEC: CommandSpec = CommandSpec {
    name: "sismember",
    arity: 3,
    flags: Flags::READONLY.union(Flags::FAST),
    acl: Acl::SET,
    key_specs: &[KeySpec::single(1, KsFlags::RO)],
    group: Group::Set,
    since: "1.0.0",
    summary: "Determines whether a member belongs to a set.",
    complexity: "O(1)",
    args: &[
        Arg::new("key", ArgKind::Key),
        Arg::new("member", ArgKind::String),
    ],
    handler: sismember,
    ..CommandSpec::DEFAULT
};

fn sismember(ctx: &mut Ctx<'_>, args: &Args<'_>) -> CmdResult {
    let found = match ctx.keys.get(args.get(1)) {
        None => false,
        Some(e) => as_set(e)?.contains(args.get(2)),
    };
    ctx.out.int(i64::from(found));
    Ok(())
}
