//! LLEN key
//!
//! The number of elements; 0 for a missing key.

use shoal_resp::Args;

use super::{list_ref, KEY_ARG};
use crate::ctx::Ctx;
use crate::errors::CmdResult;
use crate::spec::{Acl, CommandSpec, Flags, Group, KeySpec, KsFlags};

pub static SPEC: CommandSpec = CommandSpec {
    name: "llen",
    arity: 2,
    flags: Flags::READONLY.union(Flags::FAST),
    acl: Acl::LIST,
    key_specs: &[KeySpec::single(1, KsFlags::RO)],
    group: Group::List,
    since: "1.0.0",
    summary: "Returns the length of a list.",
    complexity: "O(1)",
    args: &[KEY_ARG],
    handler: llen,
    ..CommandSpec::DEFAULT
};

fn llen(ctx: &mut Ctx<'_>, args: &Args<'_>) -> CmdResult {
    let len = list_ref(&mut ctx.keys, args.get(1))?.map_or(0, |l| l.len());
    ctx.out.int(len as i64);
    Ok(())
}
