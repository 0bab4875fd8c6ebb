//! ECHO message
//!
//! The message, as a bulk string.

use shoal_resp::Args;

use crate::ctx::Ctx;
use crate::errors::CmdResult;
use crate::spec::{Acl, Arg, ArgKind, CommandSpec, Flags, Group};

pub static SPEC: CommandSpec = CommandSpec {
    name: "echo",
    arity: 2,
    flags: Flags::LOADING.union(Flags::STALE).union(Flags::FAST),
    acl: Acl::CONNECTION,
    group: Group::Connection,
    since: "1.0.0",
    summary: "Returns the given string.",
    complexity: "O(1)",
    args: &[Arg::new("message", ArgKind::String)],
    handler: echo,
    ..CommandSpec::DEFAULT
};

fn echo(ctx: &mut Ctx<'_>, args: &Args<'_>) -> CmdResult {
    ctx.out.bulk(args.get(1));
    Ok(())
}
