//! STRLEN key
//!
//! The length of the string value, 0 when the key does not exist.

use shoal_resp::Args;

use super::string_value;
use crate::ctx::Ctx;
use crate::errors::CmdResult;
use crate::spec::{Acl, Arg, ArgKind, CommandSpec, Flags, Group, KeySpec, KsFlags};

pub static SPEC: CommandSpec = CommandSpec {
    name: "strlen",
    arity: 2,
    flags: Flags::READONLY.union(Flags::FAST),
    acl: Acl::STRING,
    key_specs: &[KeySpec::single(1, KsFlags::RO)],
    group: Group::String,
    since: "2.2.0",
    summary: "Returns the length of a string value.",
    complexity: "O(1)",
    args: &[Arg::new("key", ArgKind::Key)],
    handler: strlen,
    ..CommandSpec::DEFAULT
};

fn strlen(ctx: &mut Ctx<'_>, args: &Args<'_>) -> CmdResult {
    let len = match ctx.keys.get(args.get(1)) {
        None => 0,
        Some(e) => string_value(e)?.len(),
    };
    ctx.out.int(len as i64);
    Ok(())
}
