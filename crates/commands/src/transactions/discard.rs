//! DISCARD
//!
//! Drops the queued commands and every WATCH.

use shoal_resp::Args;

use super::unwatch_all;
use crate::ctx::Ctx;
use crate::errors::{CmdResult, Error};
use crate::spec::{Acl, CommandSpec, Flags, Group};

pub static SPEC: CommandSpec = CommandSpec {
    name: "discard",
    arity: 1,
    flags: Flags::NOSCRIPT
        .union(Flags::LOADING)
        .union(Flags::STALE)
        .union(Flags::FAST)
        .union(Flags::ALLOW_BUSY),
    acl: Acl::TRANSACTION,
    group: Group::Transactions,
    since: "2.0.0",
    summary: "Discards a transaction.",
    complexity: "O(N), when N is the number of queued commands",
    handler: discard,
    ..CommandSpec::DEFAULT
};

fn discard(ctx: &mut Ctx<'_>, _args: &Args<'_>) -> CmdResult {
    if ctx.client.multi.take().is_none() {
        return Err(Error::Static("ERR DISCARD without MULTI"));
    }
    unwatch_all(&mut ctx.keys, ctx.client);
    ctx.out.ok();
    Ok(())
}
