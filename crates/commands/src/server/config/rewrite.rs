//! CONFIG REWRITE
//!
//! Rewrites the config file the server started with to hold the current values.

use shoal_resp::Args;

use crate::ctx::Ctx;
use crate::errors::{CmdResult, Error};
use crate::spec::{Acl, CommandSpec, Flags, Group};

pub const SPEC: CommandSpec = CommandSpec {
    name: "rewrite",
    arity: 2,
    flags: Flags::ADMIN
        .union(Flags::NOSCRIPT)
        .union(Flags::LOADING)
        .union(Flags::STALE),
    acl: Acl::SLOW,
    group: Group::Server,
    since: "2.8.0",
    summary: "Persists the effective configuration to file.",
    complexity: "O(1)",
    handler: rewrite,
    ..CommandSpec::DEFAULT
};

fn rewrite(ctx: &mut Ctx<'_>, _args: &Args<'_>) -> CmdResult {
    ctx.server.config.config_rewrite().map_err(Error::Owned)?;
    ctx.out.ok();
    Ok(())
}
