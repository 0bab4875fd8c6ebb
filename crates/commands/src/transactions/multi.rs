//! MULTI
//!
//! Starts a transaction: later commands are queued until EXEC or DISCARD.

use shoal_resp::Args;

use crate::client::MultiState;
use crate::ctx::Ctx;
use crate::errors::{CmdResult, Error};
use crate::spec::{Acl, CommandSpec, Flags, Group};

pub static SPEC: CommandSpec = CommandSpec {
    name: "multi",
    arity: 1,
    flags: Flags::NOSCRIPT
        .union(Flags::LOADING)
        .union(Flags::STALE)
        .union(Flags::FAST)
        .union(Flags::ALLOW_BUSY),
    acl: Acl::TRANSACTION,
    group: Group::Transactions,
    since: "1.2.0",
    summary: "Starts a transaction.",
    complexity: "O(1)",
    handler: multi,
    ..CommandSpec::DEFAULT
};

fn multi(ctx: &mut Ctx<'_>, _args: &Args<'_>) -> CmdResult {
    if ctx.client.multi.is_some() {
        return Err(Error::Static("ERR MULTI calls can not be nested"));
    }
    ctx.client.multi = Some(MultiState::default());
    ctx.out.ok();
    Ok(())
}
