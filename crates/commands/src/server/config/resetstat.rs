//! CONFIG RESETSTAT
//!
//! Zeroes the statistics INFO reports: every shard's counters, per-command and per-error
//! counts, the memory peak and the instantaneous metrics.

use shoal_resp::Args;

use crate::ctx::Ctx;
use crate::errors::CmdResult;
use crate::spec::{Acl, CommandSpec, Flags, Group};

pub const SPEC: CommandSpec = CommandSpec {
    name: "resetstat",
    arity: 2,
    flags: Flags::ADMIN
        .union(Flags::NOSCRIPT)
        .union(Flags::LOADING)
        .union(Flags::STALE),
    acl: Acl::SLOW,
    group: Group::Server,
    since: "2.0.0",
    summary: "Resets the server's statistics.",
    complexity: "O(1)",
    handler: resetstat,
    ..CommandSpec::DEFAULT
};

fn resetstat(ctx: &mut Ctx<'_>, _args: &Args<'_>) -> CmdResult {
    for s in ctx.server.shards.iter() {
        s.reset();
    }
    ctx.server.info.reset();
    ctx.out.ok();
    Ok(())
}
