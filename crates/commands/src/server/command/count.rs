//! COMMAND COUNT
//!
//! The number of top-level commands (subcommands are not counted).

use shoal_resp::Args;

use crate::ctx::Ctx;
use crate::errors::CmdResult;
use crate::registry::registry;
use crate::spec::{Acl, CommandSpec, Flags, Group};

pub const SPEC: CommandSpec = CommandSpec {
    name: "count",
    arity: 2,
    flags: Flags::LOADING.union(Flags::STALE).union(Flags::SENTINEL),
    acl: Acl::CONNECTION,
    group: Group::Server,
    since: "2.8.13",
    summary: "Returns a count of commands.",
    complexity: "O(1)",
    handler: count,
    ..CommandSpec::DEFAULT
};

fn count(ctx: &mut Ctx<'_>, _args: &Args<'_>) -> CmdResult {
    ctx.out.int(registry().top_level().count() as i64);
    Ok(())
}
