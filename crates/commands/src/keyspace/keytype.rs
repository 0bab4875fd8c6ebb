//! TYPE key
//!
//! The type of the value as a status reply (`string`, `list`, ...), `none` for a missing key.

use shoal_resp::Args;

use super::common::type_name;
use crate::ctx::Ctx;
use crate::errors::CmdResult;
use crate::spec::{Acl, Arg, ArgKind, CommandSpec, Flags, Group, KeySpec, KsFlags};

pub static SPEC: CommandSpec = CommandSpec {
    name: "type",
    arity: 2,
    flags: Flags::READONLY.union(Flags::FAST),
    acl: Acl::KEYSPACE,
    key_specs: &[KeySpec::single(1, KsFlags::RO)],
    group: Group::Generic,
    since: "1.0.0",
    summary: "Determines the type of value stored at a key.",
    complexity: "O(1)",
    args: &[Arg::new("key", ArgKind::Key)],
    handler: key_type,
    ..CommandSpec::DEFAULT
};

fn key_type(ctx: &mut Ctx<'_>, args: &Args<'_>) -> CmdResult {
    let name = ctx
        .keys
        .get_untouched(args.get(1))
        .map_or("none", type_name);
    ctx.out.simple(name.as_bytes());
    Ok(())
}
