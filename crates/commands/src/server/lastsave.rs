//! LASTSAVE
//!
//! Unix time of the last successful save. Until shoal persists anything this is the time the
//! server started, which is what Redis reports before its first save.

use shoal_resp::Args;

use crate::ctx::Ctx;
use crate::errors::CmdResult;
use crate::spec::{Acl, CommandSpec, Flags, Group};

pub static SPEC: CommandSpec = CommandSpec {
    name: "lastsave",
    arity: 1,
    flags: Flags::LOADING.union(Flags::STALE).union(Flags::FAST),
    acl: Acl::ADMIN.union(Acl::DANGEROUS).union(Acl::FAST),
    tips: &["nondeterministic_output"],
    group: Group::Server,
    since: "1.0.0",
    summary: "Returns the Unix timestamp of the last successful save to disk.",
    complexity: "O(1)",
    handler: lastsave,
    ..CommandSpec::DEFAULT
};

fn lastsave(ctx: &mut Ctx<'_>, _args: &Args<'_>) -> CmdResult {
    ctx.out.int((ctx.server.started_unix_ms / 1000) as i64);
    Ok(())
}
