//! CLIENT ID
//!
//! The connection's unique, never reused id.

use shoal_resp::Args;

use crate::ctx::Ctx;
use crate::errors::CmdResult;
use crate::spec::{Acl, CommandSpec, Flags, Group};

pub const SPEC: CommandSpec = CommandSpec {
    name: "id",
    arity: 2,
    flags: Flags::NOSCRIPT.union(Flags::LOADING).union(Flags::STALE),
    acl: Acl::CONNECTION,
    group: Group::Connection,
    since: "5.0.0",
    summary: "Returns the unique client ID of the connection.",
    complexity: "O(1)",
    handler: id,
    ..CommandSpec::DEFAULT
};

fn id(ctx: &mut Ctx<'_>, _args: &Args<'_>) -> CmdResult {
    ctx.out.int(ctx.client.id as i64);
    Ok(())
}
