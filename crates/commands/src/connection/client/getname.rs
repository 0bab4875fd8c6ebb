//! CLIENT GETNAME
//!
//! The connection's name, or nil when it has none.

use shoal_resp::Args;

use crate::ctx::Ctx;
use crate::errors::CmdResult;
use crate::spec::{Acl, CommandSpec, Flags, Group};

pub const SPEC: CommandSpec = CommandSpec {
    name: "getname",
    arity: 2,
    flags: Flags::NOSCRIPT.union(Flags::LOADING).union(Flags::STALE),
    acl: Acl::CONNECTION,
    group: Group::Connection,
    since: "2.6.9",
    summary: "Returns the name of the connection.",
    complexity: "O(1)",
    handler: getname,
    ..CommandSpec::DEFAULT
};

fn getname(ctx: &mut Ctx<'_>, _args: &Args<'_>) -> CmdResult {
    let names = ctx.client.handle.names.lock();
    if names.name.is_empty() {
        ctx.out.null();
    } else {
        ctx.out.bulk(&names.name);
    }
    Ok(())
}
